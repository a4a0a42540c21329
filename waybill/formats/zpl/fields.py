"""ZPL II label parsing: fields with their positions, fonts, orientation and code pages; field data
decoded to text with a map back to its bytes, and text encoded back."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...layout import Unit

LINEAR = {"B1", "B2", "B3", "B4", "B5", "B8", "B9", "BA", "BB", "BC", "BE", "BI", "BJ", "BK", "BL",
          "BM", "BP", "BS", "BU", "BZ", "BF"}
TWO_D = {"BQ", "BD", "B7", "BX", "BO", "B0", "BR", "BT"}
MAX_LABEL = 64 << 20  # bytes of one label (^XA...^XZ, or an EPL label) held at a time


@dataclass
class State:
    caret: str = "^"
    tilde: str = "~"
    enc: str = "cp1252"
    comments: list = field(default_factory=list)  # (start, end) of ^FX comment text in the current label


# ^CI code pages as Python codecs (Zebra ZPL II guide, ^CI): 0-13 are Zebra code page 850 with national
# replacements, 14 double-byte Asian, 15 Shift-JIS, 16 EUC-JP/EUC-CN, 17 UCS-2 BE, 24 single-byte Asian,
# 26 multibyte Asian with ASCII transparency (GB18030 on Chinese printers), 27 Zebra 1252, 28 UTF-8,
# 29/30 UTF-16 BE/LE, 31 1255, 33-37 Windows 1250, 1251, 1253, 1254, 1257.
_CI = {14: "gb18030", 15: "shift_jis", 16: "gb18030", 17: "utf-16-be", 24: "cp1252", 26: "gb18030",
       27: "cp1252", 28: "utf-8", 29: "utf-16-be", 30: "utf-16-le", 31: "cp1255", 33: "cp1250", 34: "cp1251",
       35: "cp1253", 36: "cp1254", 37: "cp1257"}


def ci_encoding(num: int) -> str:
    return "cp850" if 0 <= num <= 13 else _CI.get(num, "cp1252")


@dataclass
class Fld(Unit):
    """A ZPL (or EPL) field: a layout unit plus where its data lies in the label's bytes."""
    cmd: str = "FD"  # FD / FV (EPL: "EPL")
    start: int = 0  # offsets of the raw data in the label's text (latin-1 view)
    end: int = 0
    enc: str = "cp1252"
    hexind: str | None = None
    spans: list = field(default_factory=list)


# ---------------------------------------------------------------- decoding of field data


def decode_spans(raw: str, enc: str, hexind: str | None) -> tuple[str, list[tuple[int, int]]]:
    """Decoded text plus, per character, its (start, end) in ``raw``."""
    import codecs

    units: list[tuple[int, int, int]] = []  # byte value, raw start, raw end
    i = 0
    n = len(raw)
    while i < n:
        if hexind and raw[i] == hexind and i + 2 < n + 0 and re.fullmatch(r"[0-9A-Fa-f]{2}", raw[i + 1:i + 3]):
            units.append((int(raw[i + 1:i + 3], 16), i, i + 3))
            i += 3
        else:
            units.append((ord(raw[i]), i, i + 1))
            i += 1
    dec = codecs.getincrementaldecoder(enc)(errors="replace")
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start = None
    for b, rs, re_ in units:
        if start is None:
            start = rs
        out = dec.decode(bytes([b]))
        for ch in out:
            text.append(ch)
            spans.append((start, re_))
        if out:
            start = None
    tail = dec.decode(b"", final=True)
    for ch in tail:
        text.append(ch)
        spans.append((start if start is not None else n, n))
    return "".join(text), spans


# the single-byte code pages (^CI0-13, 27, 31, 33-37, and no ^CI at all)
_SINGLE_BYTE = frozenset(("cp850", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1257"))
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")


def _utf8_bytes(raw: str, hexind: str | None) -> bool:
    """Whether a field's bytes (``raw``, the latin-1 view, ``hexind`` escapes read) hold UTF-8
    text beyond ASCII. A label without ^CI28 whose program wrote UTF-8 anyway ('王小明' under the
    default code page) was read as single bytes and masked byte by byte: the output held broken
    characters and '小' whole (found by hand). Text in a single-byte code page is almost never valid
    UTF-8 ('Müller' in 1252 is not), so such a field is read, masked and written back as UTF-8."""
    if hexind and hexind in raw:
        b = bytearray()
        i, n = 0, len(raw)
        while i < n:
            if raw[i] == hexind and _HEX_PAIR.fullmatch(raw[i + 1:i + 3]):
                b.append(int(raw[i + 1:i + 3], 16))
                i += 3
            else:
                b.append(ord(raw[i]) & 0xFF)
                i += 1
        data = bytes(b)
    else:
        data = raw.encode("latin-1", errors="replace")
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def encode(text: str, enc: str, hexind: str | None) -> str:
    """Back to the label's byte view (latin-1 str), escaping where the original escaped."""
    if hexind:
        out = []
        for ch in text:
            if ch == hexind or ord(ch) < 32 or ch in "^~":
                out.extend(f"{hexind}{b:02X}" for b in ch.encode(enc, errors="replace"))
            elif ord(ch) > 126:
                out.append(ch.encode(enc, errors="replace").decode("latin-1"))
            else:
                out.append(ch)
        return "".join(out)
    return text.encode(enc, errors="replace").decode("latin-1")


# ---------------------------------------------------------------- parsing


_PARAMS_CACHE: dict[str, re.Pattern] = {}


def _params_re(st: State) -> re.Pattern:
    key = st.caret + st.tilde
    r = _PARAMS_CACHE.get(key)
    if r is None:
        r = _PARAMS_CACHE[key] = re.compile("[^" + re.escape(st.caret) + re.escape(st.tilde) + "]*")
    return r


def parse_label(s: str, st: State) -> list[Fld]:
    """Fields of one label (``s`` is the label's bytes viewed as latin-1)."""
    fields: list[Fld] = []
    x = y = 0
    h = 30
    default_h = 30
    orient_default = "N"
    orient = None
    hexind = None
    barcode = None
    i = 0
    n = len(s)
    idx = 0
    while i < n:
        c = s[i]
        if c != st.caret and c != st.tilde:
            i += 1
            continue
        prefix = c
        code = s[i + 1:i + 3].upper()
        j = i + 3
        if code[:1] == "A" and prefix == st.caret and code != "A@":
            # ^A f o,h,w  (font letter is part of the command)
            m = _params_re(st).match(s, i + 2)
            params = s[i + 2:m.end()]
            mm = re.match(r"[A-Z0-9]([NRIB])?,?(\d*)", params)
            if mm:
                if mm.group(1):
                    orient = mm.group(1)
                if mm.group(2):
                    h = int(mm.group(2)) or h
            i = m.end()
            continue
        if code in ("FD", "FV") and prefix == st.caret:
            end = s.find(st.caret, j)
            end = n if end < 0 else end
            kind = "text"
            if barcode:
                kind = "linear" if barcode in LINEAR else "2d" if barcode in TWO_D else "linear"
            enc = "utf-8" if st.enc in _SINGLE_BYTE and _utf8_bytes(s[j:end], hexind) else st.enc
            f = Fld(idx, x, y, h, orient or orient_default, kind, barcode=barcode, cmd=code, start=j, end=end,
                    enc=enc, hexind=hexind)
            f.text, f.spans = decode_spans(s[j:end], enc, hexind)
            fields.append(f)
            idx += 1
            i = end
            continue
        m = _params_re(st).match(s, j)
        params = s[j:m.end()]
        if code == "CC" and params[:1]:  # ^CC or ~CC: new command prefix (e.g. ^CC!)
            st.caret = params[:1]
            i = j + 1
            continue
        if code == "CT" and params[:1]:
            st.tilde = params[:1]
        if prefix == st.caret:
            if code in ("FO", "FT"):
                nums = re.findall(r"-?\d+", params)
                if len(nums) >= 2:
                    x, y = int(nums[0]), int(nums[1])
                elif len(nums) == 1:
                    x = int(nums[0])
            elif code == "CF":
                nums = params.split(",")
                if len(nums) > 1 and nums[1].strip().isdigit() and int(nums[1]) > 0:
                    default_h = int(nums[1])
                    h = default_h
            elif code == "FW":
                if params[:1] in "NRIB" and params[:1]:
                    orient_default = params[:1]
            elif code == "FH":
                hexind = params[:1] if params[:1] and params[:1] not in ",^~" else "_"
            elif code == "CI":
                num = re.match(r"\d+", params)
                if num:
                    st.enc = ci_encoding(int(num.group()))
            elif code == "FX":
                st.comments.append((j, m.end()))
            elif code == "FS":
                hexind = None
                barcode = None
                orient = None
                h = default_h
            elif code in LINEAR or code in TWO_D:
                barcode = code
                if params[:1] in "NRIB" and params[:1]:
                    orient = params[:1]
        i = m.end()
    return fields


def _apply_edits(piece: str, edits: list) -> str:
    """Replace (start, end, text) ranges of ``piece`` (a label's latin-1 byte view)."""
    if not edits:
        return piece
    out, pos = [], 0
    for rs, re_, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        if rs > pos:
            out.append(piece[pos:rs])
        out.append(rep)
        pos = max(pos, re_)
    out.append(piece[pos:])
    return "".join(out)
