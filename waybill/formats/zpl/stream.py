"""ZPL II streams label by label (``^XA`` ... ``^XZ``), memory flat on long print jobs: fields through
the layout stage, ``^FX`` comments, embedded graphics; EPL2 streams are handed to ``epl``."""
from __future__ import annotations

import re

from ...errors import InputError
from ...model import EntityType, audit_record
from ...layout import mask_label
from .epl import looks_like_epl, mask_epl
from .fields import MAX_LABEL, State, _apply_edits, encode, parse_label
from .graphics import graphic_edits

# ---------------------------------------------------------------- stream


def _labels(src, st: State, block: int = 1 << 20):
    """Yield label-sized pieces of the stream (latin-1 str), each ending after ^XZ."""
    buf = ""
    while True:
        chunk = src.read(block)
        if chunk:
            buf += chunk.decode("latin-1")
        while True:
            m = re.search(re.escape(st.caret) + "XZ", buf, re.I)
            if not m:
                break
            yield buf[: m.end()]
            buf = buf[m.end():]
        if not chunk:
            if buf:
                yield buf
            return
        if len(buf) > MAX_LABEL:
            raise InputError(f"ZPL label larger than {MAX_LABEL >> 20} MB without ^XZ")


def mask(src, dst, job, fmt: str = "zpl") -> None:
    head = src.peek(4096)[:4096] if hasattr(src, "peek") else b""
    if b"\x00" in head[:16]:
        raise InputError("binary data, not a ZPL stream")
    if looks_like_epl(head.decode("latin-1")):
        mask_epl(src, dst, job)
        return
    st = State()
    engine = job.engine
    label_no = 0
    seen_label = False
    for piece in _labels(src, st):
        if "XA" in piece.upper():
            seen_label = True
        label_no += 1
        carets = st.caret
        st.comments = []
        fields = parse_label(piece, st)
        carets += st.caret
        recs: list = []
        changes = mask_label(fields, engine, engine.policy, recs, label_no, job.report)
        edits = []
        for f in fields:
            for a, z, rep in sorted(changes.get(f.index, ())):
                if a >= z and not rep:
                    continue
                rs = f.start + (f.spans[a][0] if a < len(f.spans) else f.end - f.start)
                re_ = f.start + (f.spans[z - 1][1] if z > 0 and z - 1 < len(f.spans) else rs - f.start)
                edits.append((rs, re_, encode(rep, f.enc, f.hexind)))
        edits += _comment_edits(piece, st.comments, engine, label_no, recs)
        edits += graphic_edits(piece, carets, st.tilde + "~", job, label_no, recs)
        dst.write(_apply_edits(piece, edits).encode("latin-1"))
        job.sink.merge(recs)
        if job.progress:
            job.progress(1)
    if not seen_label:
        raise InputError("no ^XA label found: not a ZPL stream")


def _comment_edits(piece: str, spans: list, engine, label_no: int, recs: list) -> list:
    """``^FX`` comments are never printed but travel with every copy of the stream: their letters and
    digits are masked (``dispose``: emptied). A comment is free text nobody checks, so it is masked
    whole rather than trusted to the detectors."""
    edits = []
    dispose = engine.policy.preset == "dispose"
    for k, (a, z) in enumerate(spans, 1):
        text = piece[a:z]
        if not any(ch.isalnum() for ch in text):
            continue
        rep = "" if dispose else "".join("*" if ch.isalnum() or ord(ch) > 127 else ch for ch in text)
        edits.append((a, z, rep))
        recs.append(audit_record(EntityType.COMMENT, None, {"label": label_no, "comment": k}, "zpl.FX", 1.0,
                                 "redact" if dispose else "mask", engine.keys.value_mac(text)))
    return edits
