"""Graphics embedded in print streams (``^GF`` under any command prefix, ``~DG`` downloads, Z64 and
the ASCII compression): decoded within bounds, read through the image path, personal text filled in
the bitmap; blanked when they cannot be read."""
from __future__ import annotations

import re
from ...lazy_re import lazy

import numpy as np

from ...errors import InputError
from ...model import EntityType, audit_record
from .fields import _apply_edits

# ---------------------------------------------------------------- embedded graphics (^GF, ~DG)

GF_RE = lazy(r"(?P<cmd>\^GF)(?P<t>[ABC]),(?P<b>\d+),(?P<c>\d+),(?P<bpr>\d+),(?P<data>[^\^~]*)")
_REPEAT = {ch: i + 1 for i, ch in enumerate("GHIJKLMNOPQRSTUVWXY")}
_REPEAT.update({ch: 20 * (i + 1) for i, ch in enumerate("ghijklmnopqrstuvwxyz")})
# bitmap bytes inspected per graphic (64 megapixels); a larger one is blanked, never copied unread
MAX_GFX = 8 << 20


def decode_gfa(data: str, total: int, bpr: int) -> np.ndarray | None:
    """^GFA / ~DG data (plain hex, ZPL run-length compression, or :Z64:/:B64:) -> bit array
    (rows, bpr*8), True = black. None when the data cannot be decoded. Never trusts the declared
    sizes beyond ``MAX_GFX``: decompression and run-lengths stop there."""
    import base64
    import zlib

    if bpr <= 0 or total <= 0 or total > MAX_GFX or bpr > total:
        return None
    rows = -(-total // bpr)  # a total that is not a multiple of the row bytes: last row padded
    need = rows * bpr
    s = re.sub(r"\s+", "", data)
    if s.startswith((":Z64:", ":B64:")):
        body = s[5:].split(":")[0]
        try:
            raw = base64.b64decode(body)
            if s.startswith(":Z64:"):
                d = zlib.decompressobj()
                raw = d.decompress(raw, need + 1)
        except Exception:
            return None
    else:
        out_rows: list[str] = []
        row = ""
        count = 0
        width = 2 * bpr
        for ch in s:
            if ch in _REPEAT:
                count += _REPEAT[ch]
                if count > width:
                    count = width
                continue
            if ch == ",":
                row = row.ljust(width, "0")
            elif ch == "!":
                row = row.ljust(width, "F")
            elif ch == ":":
                row = out_rows[-1] if out_rows else "0" * width
            elif ch in "0123456789ABCDEFabcdef":
                row += ch * (count or 1)
            else:
                return None
            count = 0
            while len(row) >= width:
                out_rows.append(row[:width])
                row = row[width:]
            if len(out_rows) >= rows:
                break
        if row and len(out_rows) < rows:
            out_rows.append(row.ljust(width, "0"))
        hexs = "".join(out_rows)[: 2 * need].ljust(2 * need, "0")
        try:
            raw = bytes.fromhex(hexs)
        except ValueError:
            return None
    raw = raw[:need].ljust(need, b"\0")
    bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8)).reshape(rows, bpr * 8)
    return bits.astype(bool)


def encode_gfa(bits: np.ndarray, prefix: str = "^") -> str:
    rows, w = bits.shape
    bpr = w // 8
    raw = np.packbits(bits.astype(np.uint8), axis=1).tobytes()
    return f"{prefix}GFA,{len(raw)},{len(raw)},{bpr},{raw.hex().upper()}"


def _gfx_record(engine, where: dict, detector: str, method: str, data: str) -> dict:
    return audit_record(EntityType.GRAPHIC, None, where, detector, 0.0, method, engine.keys.value_mac(data[:64]))


def _text_like(bits: np.ndarray) -> bool:
    """Many glyph-sized ink blobs: text the OCR could not read (a logo has a few)."""
    try:
        import cv2
    except ImportError:
        return True
    n, _, stats, _ = cv2.connectedComponentsWithStats(bits.astype(np.uint8), connectivity=8)
    hs, ws = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    return int(((hs >= 6) & (hs <= 90) & (ws >= 2) & (ws <= 120)).sum()) >= 12


def inspect_bitmap(bits: np.ndarray, job, where: dict, recs: list) -> np.ndarray | None | bool:
    """OCR a 1-bit graphic through the image path. Returns the masked bits, None when nothing personal
    was found (keep it), or False when it must be blanked: it could not be inspected (no OCR engine)
    or it looks like text that could not be read (fail closed)."""
    from PIL import Image

    from ... import imaging
    from ...errors import MissingDependency

    engine = job.engine
    if bits.shape[0] < 12 or bits.shape[1] < 24 or not bits.any():  # too small to hold readable text
        return None
    img = Image.fromarray(np.where(bits, 0, 255).astype(np.uint8)).convert("RGB")
    # OCR reads small bitmaps better with a margin and at least ~32 px text
    scale = 2 if bits.shape[0] < 400 else 1
    big = img.resize((img.width * scale, img.height * scale), Image.NEAREST) if scale > 1 else img
    canvas = Image.new("RGB", (big.width + 40, big.height + 40), "white")
    canvas.paste(big, (20, 20))
    grecs: list = []
    try:
        regions, _ = imaging.analyse(canvas, engine.ocr_name, engine, grecs, job.report, page=where.get("label", 1))
    except MissingDependency:
        recs.append(_gfx_record(engine, where, "zpl.GF.no_ocr", "redact", str(where)))
        return False
    except InputError:  # nothing readable
        if _text_like(bits):
            recs.append(_gfx_record(engine, where, "zpl.GF.unreadable_text", "redact", str(where)))
            return False
        recs.append(_gfx_record(engine, where, "zpl.GF", "no_text", str(where)))
        return None
    recs.extend(r.but(where={**where, **{k: v for k, v in r["where"].items() if k != "page"}}) for r in grecs)
    if not regions:
        return None
    filled = np.asarray(imaging.fill(canvas, regions).convert("L"))[20:20 + big.height, 20:20 + big.width]
    return filled[::scale, ::scale][: bits.shape[0], : bits.shape[1]] < 128


_GFX_HEAD_CACHE: dict[str, re.Pattern] = {}


def _gfx_head(carets: str, tildes: str) -> re.Pattern:
    key = carets + "\0" + tildes
    r = _GFX_HEAD_CACHE.get(key)
    if r is None:
        c = "[" + re.escape("".join(sorted(set(carets)))) + "]"
        t = "[" + re.escape("".join(sorted(set(tildes)))) + "]"
        r = _GFX_HEAD_CACHE[key] = re.compile(
            rf"(?P<p>{c})GF(?P<t>[ABCabc]),(?P<b>\d*),(?P<c>\d*),(?P<bpr>\d*),"
            rf"|(?P<q>{t})DG(?P<name>[^,\^~]*),(?P<dc>\d*),(?P<dbpr>\d*),", re.I)
    return r


def graphic_edits(piece: str, carets: str, tildes: str, job, label_no: int, recs: list) -> list:
    """Edits for every ``^GF`` (any command prefix, ASCII/binary/compressed) and ``~DG`` graphic of a
    label: OCR'd and masked, or blanked (``dispose``; undecodable; too large; no OCR engine; text that
    could not be read). A graphic is never copied through unread."""
    engine = job.engine
    dispose = engine.policy.preset == "dispose"
    stop_re = re.compile("[" + re.escape("".join(sorted(set(carets) | set(tildes)))) + "]")
    edits = []
    n = 0
    pos = 0
    head = _gfx_head(carets, tildes)
    while True:
        m = head.search(piece, pos)
        if not m:
            break
        n += 1
        where = {"label": label_no, "graphic": n}
        is_gf = m.group("p") is not None
        kind = (m.group("t") or "A").upper() if is_gf else "A"
        total = int((m.group("c") if is_gf else m.group("dc")) or 0)
        bpr = int((m.group("bpr") if is_gf else m.group("dbpr")) or 0)
        start = m.end()
        if is_gf and kind in "BC":  # binary data: exactly b bytes (bounded by what is there)
            end = min(len(piece), start + int(m.group("b") or 0))
        else:
            nxt = stop_re.search(piece, start)
            end = nxt.start() if nxt else len(piece)
        pos = max(end, m.end())
        data = piece[start:end]
        if is_gf:
            blank = f"{m.group('p')}GFA,1,1,1,00"
        else:
            blank = f"{m.group('q')}DG{m.group('name')},1,1,00"
        if dispose:
            edits.append((m.start(), end, blank))
            recs.append(_gfx_record(engine, where, "zpl.GF", "redact", data))
            continue
        if total > MAX_GFX:
            edits.append((m.start(), end, blank))
            recs.append(_gfx_record(engine, where, "zpl.GF.too_large", "redact", data))
            continue
        if kind == "A":
            bits = decode_gfa(data, total, bpr)
        elif kind == "B" and 0 < bpr <= total:
            rows = -(-total // bpr)
            raw = data.encode("latin-1")[: rows * bpr].ljust(rows * bpr, b"\0")
            bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8)).reshape(rows, bpr * 8).astype(bool)
        else:  # ^GFC (proprietary compression) or nonsense sizes
            bits = None
        if bits is None:
            edits.append((m.start(), end, blank))
            recs.append(_gfx_record(engine, where, "zpl.GF.undecodable", "redact", data))
            continue
        new = inspect_bitmap(bits, job, where, recs)
        if new is False:
            edits.append((m.start(), end, blank))
        elif new is not None:
            if is_gf:
                edits.append((m.start(), end, encode_gfa(new, m.group("p"))))
            else:
                raw = np.packbits(new.astype(np.uint8), axis=1).tobytes()
                edits.append((m.start(), end, f"{m.group('q')}DG{m.group('name')},{len(raw)},{new.shape[1] // 8},"
                                              f"{raw.hex().upper()}"))
    return edits


def mask_graphics(piece: str, job, label_no: int, recs: list) -> str:
    """OCR every graphic of a label and fill personal data in its pixels (see ``graphic_edits``)."""
    return _apply_edits(piece, graphic_edits(piece, "^", "~", job, label_no, recs))
