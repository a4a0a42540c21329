"""Labels carried inside a text value as base64: a carrier API's response or log keeps the label it
printed in a JSON string ("labelData": the ZPL, PDF or PNG of the label, base64-encoded). Such a
value is decoded, masked by its own format's reader and writer with the same engine, and encoded
again in the same alphabet; a value that is base64 of plain UTF-8 text is masked as text (inside a
line, such a run is the text detectors' own). Found by hand: the ZPL and
the PNG of a label inside a JSONL log passed through whole (and ``verify`` called the file clean),
while the text detectors starred pieces of the base64 itself.

An embedded label that cannot be read fails the whole file (never an unmasked copy). Other binary
payloads (a signature image's bytes without a known header, a key, a hash) are left as they are."""
from __future__ import annotations

import base64
import binascii
import io

from .errors import InputError, WaybillError
from .lazy_re import lazy

MIN_CHARS = 40  # shorter base64-looking values are tokens and ids, never a label
MAX_CHARS = 70 << 20  # about 50 MB decoded: what a label file may be
# the whole value in base64's standard or URL-safe alphabet, padded or not, with no blank in it
_B64 = lazy(r"[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_\-]+={0,2}")
# a base64 run inside a longer text (a log line's 'labelData=...'): 64 characters at least
_RUN = lazy(r"(?<![A-Za-z0-9+/_\-])(?:[A-Za-z0-9+/]{64,}={0,2}|[A-Za-z0-9_\-]{64,}={0,2})(?![A-Za-z0-9+/=_\-])")
_ZPL_START = (b"^XA", b"^xa", b"~DG", b"~dg", b"~DY", b"^CC", b"~CC", b"~CT", b"^CT", b"CT~~")


def sniff(data: bytes) -> str | None:
    """The format of a decoded payload by its first bytes (image, pdf, zpl), or "text" for UTF-8
    text, or None."""
    if data[:4] == b"%PDF":
        return "pdf"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:6] in (b"GIF87a", b"GIF89a") \
            or data[:4] in (b"II*\x00", b"MM\x00*") or (data[:4] == b"RIFF" and data[8:12] == b"WEBP") \
            or data[:2] == b"BM":
        return "image"
    head = data.lstrip(b" \t\r\n\x00")[:16]
    if head.startswith(_ZPL_START) or head.startswith((b"N\n", b"N\r\n", b"\nN\n")):
        return "zpl"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text) >= 0.98 * len(text):
        return "text"
    return None


def decode(value: str) -> tuple[bytes, bool] | None:
    """(the bytes, whether the URL-safe alphabet was used) of a base64 value, else None."""
    if not MIN_CHARS <= len(value) <= MAX_CHARS or _B64.fullmatch(value) is None:
        return None
    urlsafe = "-" in value or "_" in value
    s = value.replace("-", "+").replace("_", "/") if urlsafe else value
    s += "=" * (-len(s) % 4)
    try:
        return base64.b64decode(s, validate=True), urlsafe
    except (binascii.Error, ValueError):
        return None


def _encode(data: bytes, like: str, urlsafe: bool) -> str:
    s = base64.urlsafe_b64encode(data).decode("ascii") if urlsafe else base64.b64encode(data).decode("ascii")
    return s if like.endswith("=") else s.rstrip("=")


def mask_value(engine, value: str, where: dict, recs: list, report: bool = False, text: bool = True) -> str | None:
    """``value`` masked when it is base64 of a label (image, PDF, ZPL/EPL) or (``text``) of UTF-8
    text, with the records of what was found in it (their place: ``where`` and the payload's own
    place, under ``embedded``); None when it is no such value. (Inside a line of text, base64 of
    text is the text detectors' own: they read encoded segments and mask such a payload whole.)"""
    got = decode(value)
    if got is None:
        return None
    data, urlsafe = got
    fmt = sniff(data)
    if fmt is None or (fmt == "text" and not text):
        return None
    if fmt == "text":
        tmp: list = []
        masked = engine.mask_value(data.decode("utf-8"), {**where, "embedded": "base64"}, None, tmp, report=report)
        if not tmp:
            return value  # nothing personal: the value as it was, byte for byte
        recs.extend(tmp)
        return _encode(masked.encode("utf-8"), value, urlsafe)
    from .engine import FindingSink
    from .formats import Job, handler

    sink = FindingSink()
    out = io.BytesIO()
    try:
        handler(fmt).mask(io.BufferedReader(io.BytesIO(data)), out, Job(engine, sink, report=report), fmt)
    except WaybillError as e:
        raise InputError(f"a {fmt} label inside {where.get('field') or 'a value'} could not be masked: "
                         f"{getattr(e, 'message', e.__class__.__name__)}") from None
    if sink.total > len(sink.items):
        raise InputError(f"a {fmt} label inside {where.get('field') or 'a value'} holds too many findings")
    for r in sink.items:
        recs.append(r.but(where={**where, "embedded": fmt, **{f"in_{k}": v for k, v in r["where"].items()}}))
    return _encode(out.getvalue(), value, urlsafe)


def mask_runs(engine, text: str, where: dict, recs: list, report: bool, rest) -> str | None:
    """``text`` with each base64 run in it that holds a label masked as ``mask_value`` does, and the
    rest of the text masked by ``rest(text)`` (with each such run standing as a short placeholder
    while it reads); None when the text holds no such run."""
    runs = []
    for m in _RUN.finditer(text):
        got = mask_value(engine, m.group(), where, recs, report, text=False)
        if got is not None:
            runs.append((m.start(), m.end(), got))
    if not runs:
        return None
    parts, pos = [], 0
    for k, (a, z, _got) in enumerate(runs):
        parts.append(text[pos:a])
        parts.append(f"b64run{k}")
        pos = z
    parts.append(text[pos:])
    out = rest("".join(parts))
    for k, (_a, _z, got) in enumerate(runs):
        token = f"b64run{k}"
        if out.count(token) != 1:
            raise InputError("a label inside a line could not be put back after masking")
        out = out.replace(token, got)
    return out
