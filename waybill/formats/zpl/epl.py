"""EPL2 streams (Eltron/Zebra page mode): ``A`` text, ``B`` linear and ``b`` 2D fields through the layout
stage, ``GW``/``GM`` graphics read through the image path or blanked; read label by label."""
from __future__ import annotations

import re
from ...lazy_re import lazy

import numpy as np

from ...errors import InputError
from ...layout import mask_label
from .fields import MAX_LABEL, Fld, _apply_edits
from .graphics import MAX_GFX, _gfx_record, inspect_bitmap

# ---------------------------------------------------------------- EPL2

EPL_FIELD = lazy(r'^(?P<cmd>[ABb])(?P<x>\d+),(?P<y>\d+),(?P<rest>[^"\r\n]*?)"(?P<data>(?:[^"\\\r\n]|\\.)*)"',
                       re.M)
EPL_PRINT = lazy(r"^P\d+(?:,\d+)?\s*$", re.M)
EPL_FONT_H = {"1": 12, "2": 16, "3": 20, "4": 24, "5": 48}
EPL_ORIENT = {"0": "N", "1": "R", "2": "I", "3": "B"}


def looks_like_epl(head: str) -> bool:
    return "^XA" not in head.upper() and bool(re.search(r'^[AB]\d+,\d+,\d,', head, re.M)) and bool(
        re.search(r"^N\s*$", head, re.M))


def _epl_unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def _epl_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def mask_epl_label(piece: str, job, label_no: int, recs: list, scan: str | None = None) -> str:
    return _apply_edits(piece, _epl_field_edits(piece, scan or piece, job, label_no, recs))


def _epl_field_edits(piece: str, scan: str, job, label_no: int, recs: list) -> list:
    """Edits for the text and barcode fields of one EPL2 label. ``scan`` is ``piece`` with the binary
    graphic data blanked (same length), so bytes inside a bitmap are never taken for a field."""
    fields: list[Fld] = []
    for i, m in enumerate(EPL_FIELD.finditer(scan)):
        rest = m.group("rest").split(",")
        cmd = m.group("cmd")
        orient = EPL_ORIENT.get(rest[0].strip(), "N") if rest else "N"
        h = EPL_FONT_H.get(rest[1].strip(), 24) * (int(rest[3]) if len(rest) > 3 and rest[3].strip().isdigit() else 1) \
            if cmd == "A" and len(rest) > 1 else 24
        raw = piece[m.start("data"):m.end("data")]
        text = _epl_unescape(_epl_decode(raw))
        kind = "text" if cmd == "A" else "linear" if cmd == "B" else "2d"
        fields.append(Fld(i, int(m.group("x")), int(m.group("y")), h, orient, kind, text=text,
                          barcode=cmd if cmd != "A" else None, cmd="EPL", start=m.start("data"),
                          end=m.end("data"), enc="utf-8"))
    if not fields:
        return []
    changes = mask_label(fields, job.engine, job.engine.policy, recs, label_no, job.report)
    edits = []
    for f in fields:
        fe = changes.get(f.index)
        if not fe:
            continue
        new = f.text
        for a, z, rep in sorted(fe, reverse=True):
            new = new[:a] + rep + new[z:]
        edits.append((f.start, f.end, _epl_escape(new).encode("utf-8", errors="replace").decode("latin-1")))
    return edits


def _epl_decode(raw: str) -> str:
    """Field bytes (latin-1 view) as text: UTF-8 where they are valid UTF-8, else as they are."""
    try:
        return raw.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return raw


_EPL_GW = lazy(r"GW(\d+),(\d+),(\d+),(\d+),")
_EPL_GM = lazy(r'GM"([^"\r\n]{0,64})"(\d+)\r?\n')


def _epl_labels(src, block: int = 1 << 20):
    """Yield (label text, graphics) per EPL2 label, a label ending with its ``P`` (print) line. Binary
    graphic data (``GW`` bitmaps, ``GM`` PCX images) is skipped by its declared length, so its bytes
    are never read as commands; graphics are (kind, start, end, header match) within the label."""
    buf, i, start, gfx, eof = "", 0, 0, [], False

    def more() -> bool:
        nonlocal buf, eof
        if eof:
            return False
        chunk = src.read(block)
        if not chunk:
            eof = True
            return False
        buf += chunk.decode("latin-1")
        return True

    def need(end: int) -> None:
        if end - start > MAX_LABEL:
            raise InputError(f"EPL label larger than {MAX_LABEL >> 20} MB without a print command")
        while len(buf) < end and more():
            pass
        if len(buf) < end:
            raise InputError("EPL graphic shorter than its declared size (truncated stream)")

    while True:
        if i - start > MAX_LABEL:
            raise InputError(f"EPL label larger than {MAX_LABEL >> 20} MB without a print command")
        if len(buf) - i < 128 and more():  # a command header is never split between reads
            continue
        mw = _EPL_GW.match(buf, i)
        if mw:
            a = mw.end()
            z = a + int(mw.group(3)) * int(mw.group(4))
            need(z)
            gfx.append(("GW", a, z, mw))
            i = z
            continue
        mg = _EPL_GM.match(buf, i)
        if mg:
            a = mg.end()
            z = a + int(mg.group(2))
            need(z)
            gfx.append(("GM", i, z, mg))
            i = z
            continue
        nl = buf.find("\n", i)
        if nl < 0:
            if more():
                continue
            if buf[start:].strip():
                yield buf[start:], [(k, a - start, z - start, h) for k, a, z, h in gfx]
            return
        if EPL_PRINT.fullmatch(buf, i, nl + 1) or EPL_PRINT.fullmatch(buf[i:nl].rstrip("\r")):
            yield buf[start:nl + 1], [(k, a - start, z - start, h) for k, a, z, h in gfx]
            gfx = []
            i = start = nl + 1
            if start > block:
                buf, i, start = buf[start:], 0, 0
            continue
        i = nl + 1


def _epl_graphic_edits(piece: str, gfx: list, job, label_no: int, recs: list) -> list:
    """``GW`` bitmaps (EPL: a 0 bit prints) and ``GM`` PCX graphics OCR'd and masked like ZPL ``^GF``;
    blanked under ``dispose`` or when they cannot be inspected."""
    import io

    engine = job.engine
    dispose = engine.policy.preset == "dispose"
    edits = []
    for n, (kind, a, z, m) in enumerate(gfx, 1):
        where = {"label": label_no, "graphic": n}
        data = piece[a:z]
        if kind == "GW":
            wb, h = int(m.group(3)), int(m.group(4))
            if dispose or wb * h > MAX_GFX or wb <= 0:
                edits.append((a, z, "\xff" * (z - a)))
                recs.append(_gfx_record(engine, where, "epl.GW" if dispose else "epl.GW.too_large", "redact", data))
                continue
            black = ~np.unpackbits(np.frombuffer(data.encode("latin-1"), dtype=np.uint8)).reshape(h, wb * 8).astype(bool)
            new = inspect_bitmap(black, job, where, recs)
            if new is False:
                edits.append((a, z, "\xff" * (z - a)))
            elif new is not None:
                edits.append((a, z, np.packbits((~new).astype(np.uint8), axis=1).tobytes().decode("latin-1")))
            continue
        # GM"name"size + PCX bytes: replaced whole (header and data), the size follows the new data
        hl = m.end() - m.start()  # header length (the entry starts at the header)
        body = piece[a + hl:z]
        new_img = None
        try:
            from PIL import Image
            im = Image.open(io.BytesIO(body.encode("latin-1")))
            if im.width * im.height > MAX_GFX * 8:
                raise ValueError("too large")
            black = np.asarray(im.convert("L")) < 128
        except Exception:
            black = None
        if dispose or black is None:
            new_img = np.zeros((8, 8), dtype=bool)
            recs.append(_gfx_record(engine, where, "epl.GM" if dispose else "epl.GM.undecodable", "redact", body))
        else:
            res = inspect_bitmap(black, job, where, recs)
            new_img = np.zeros_like(black) if res is False else res
        if new_img is not None:
            from PIL import Image
            out = io.BytesIO()
            Image.fromarray(np.where(new_img, 0, 255).astype(np.uint8)).convert("1").save(out, "PCX")
            pcx = out.getvalue().decode("latin-1")
            eol = "\r\n" if piece[a:a + hl].endswith("\r\n") else "\n"
            edits.append((a, z, f'GM"{m.group(1)}"{len(pcx)}{eol}{pcx}'))
    return edits


def mask_epl(src, dst, job) -> None:
    """Mask an EPL2 stream label by label (memory bounded by one label)."""
    label_no = 0
    for piece, gfx in _epl_labels(src):
        label_no += 1
        recs: list = []
        scan = piece
        for _, a, z, _m in gfx:
            scan = scan[:a] + " " * (z - a) + scan[z:]
        edits = _epl_field_edits(piece, scan, job, label_no, recs)
        edits += _epl_graphic_edits(piece, gfx, job, label_no, recs)
        dst.write(_apply_edits(piece, edits).encode("latin-1"))
        job.sink.merge(recs)
        if job.progress:
            job.progress(1)
