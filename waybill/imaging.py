"""Shipping-label images: read (any rotation), find personal data with the same detectors and label
logic as text and ZPL, and fill it in place on the original pixels.

Pipeline: image -> upright orientation (0/90/180/270 by OCR evidence) -> OCR lines with
per-character boxes -> label blocks and detectors (``formats.zpl.mask_label``, shared with print
streams) -> character spans -> boxes mapped back to the input's own pixel coordinates -> solid
fill. 2D codes whose payload holds personal data are filled; linear barcodes and the tracking
number text are kept (``dispose`` fills them too). Never blurred, never resized.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import numpy as np

from .errors import InputError, MissingDependency
from .model import EntityType
from .ocr import OcrLine, Quad, get_engine

T = EntityType
TWO_D_FORMATS = {"QRCode", "MicroQRCode", "RMQRCode", "rMQRCode", "DataMatrix", "PDF417", "MaxiCode",
                 "Aztec", "CompactPDF417", "MicroPDF417"}
LOW_CONFIDENCE = 0.5


@dataclass
class Region:
    quad: Quad
    kind: str  # type of what is filled
    method: str
    label: str = ""  # the masked form, drawn in place by the ``text`` style


def _pil():
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover
        raise MissingDependency("images need Pillow: pip install pillow") from None
    return Image, ImageOps


def load(data: bytes):
    """Decode an image fully (fail closed on truncation), upright as displayed, no metadata."""
    Image, ImageOps = _pil()
    from PIL import ImageFile
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        im = Image.open(io.BytesIO(data))
        fmt = im.format
        im.load()
        frames = getattr(im, "n_frames", 1)
        im = ImageOps.exif_transpose(im)
    except Exception as e:
        raise InputError(f"not a readable image ({e.__class__.__name__})") from None
    if im.width < 8 or im.height < 8:
        raise InputError("image too small to hold a label")
    if im.width * im.height > 80_000_000:
        raise InputError("image larger than 80 megapixels")
    return im, fmt, frames


def rot_back(q: Quad, k: int, w: int, h: int) -> Quad:
    """Map points of ``np.rot90(img, k)`` (CCW quarter turns) back to ``img`` of width w, height h."""
    k %= 4
    out = []
    for x, y in q:
        if k == 0:
            ox, oy = x, y
        elif k == 1:  # rotated size (h, w): point (x, y) <- original (w-1-y, x)
            ox, oy = w - 1 - y, x
        elif k == 2:
            ox, oy = w - 1 - x, h - 1 - y
        else:  # k == 3: original (y, h-1-x)
            ox, oy = y, h - 1 - x
        out.append((float(ox), float(oy)))
    return tuple(out)  # type: ignore[return-value]


def _score(lines: list[OcrLine]) -> float:
    return sum(l.score * len(l.text.strip()) for l in lines)


def _vertical(lines: list[OcrLine]) -> bool:
    tall = wide = 0
    for l in lines:
        if len(l.text.strip()) < 3:
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = l.box
        w = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        hgt = ((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5
        if hgt > 1.5 * w:
            tall += 1
        else:
            wide += 1
    return tall > wide


def read_upright(engine, arr: np.ndarray) -> tuple[int, list[OcrLine]]:
    """OCR at the orientation where the text reads best. Returns (k, lines in the k-rotated image)."""
    best_k, best = 0, engine.read(arr)
    s0 = _score(best)
    mean = s0 / max(1, sum(len(l.text.strip()) for l in best))
    if best and not _vertical(best) and mean >= 0.9:
        return 0, best
    cands = [1, 3, 2] if (not best or _vertical(best)) else [2, 1, 3]
    for k in cands:
        lines = engine.read(np.ascontiguousarray(np.rot90(arr, k)))
        s = _score(lines)
        if not _vertical(lines) and (s > s0 * 1.05 or _vertical(best)):
            best_k, best, s0 = k, lines, s
    return best_k, best


def merge_line_fragments(lines: list[OcrLine]) -> list[OcrLine]:
    """Join boxes the engine split on one text line ("收件人：" | "王小明") so that labels and
    values are read together; character boxes are kept (a space gets the gap's box)."""
    def geom(l):
        ys = [p[1] for p in l.box]
        xs = [p[0] for p in l.box]
        return min(xs), max(xs), min(ys), max(ys)

    out: list[OcrLine] = []
    for l in sorted(lines, key=lambda l: (geom(l)[2], geom(l)[0])):
        if out:
            p = out[-1]
            px0, px1, py0, py1 = geom(p)
            x0, x1, y0, y1 = geom(l)
            h = max(py1 - py0, y1 - y0, 1)
            overlap = min(py1, y1) - max(py0, y0)
            gap = x0 - px1
            horizontal = (px1 - px0) >= (py1 - py0) and (x1 - x0) >= (y1 - y0) * 0.8
            if horizontal and overlap >= 0.6 * min(py1 - py0, y1 - y0) and -0.3 * h <= gap <= 8 * h:
                space = ((px1, py0), (x0, py0), (x0, py1), (px1, py1))
                box = ((px0, min(py0, y0)), (x1, min(py0, y0)), (x1, max(py1, y1)), (px0, max(py1, y1)))
                out[-1] = OcrLine(p.text + " " + l.text, min(p.score, l.score), box,
                                  tuple(p.char_boxes) + (space,) + tuple(l.char_boxes))
                continue
        out.append(l)
    return out


def _barcodes(pil_img) -> list:
    try:
        import zxingcpp
    except ImportError:
        raise MissingDependency("barcodes need zxing-cpp: pip install zxing-cpp") from None
    try:
        return list(zxingcpp.read_barcodes(pil_img))
    except Exception:
        return []


def _bq(b) -> Quad:
    p = b.position
    return ((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y),
            (p.bottom_right.x, p.bottom_right.y), (p.bottom_left.x, p.bottom_left.y))


def analyse(pil_img, engine_name: str, engine, recs: list, report: bool, page: int = 1):
    """Regions to fill on ``pil_img`` (RGB) and audit records."""
    from .formats import zpl

    ocr = get_engine(engine_name)
    arr = np.asarray(pil_img)
    w, h = pil_img.width, pil_img.height
    k, lines = read_upright(ocr, arr)
    lines = merge_line_fragments(lines)
    codes = _barcodes(pil_img)
    if not lines and not codes:
        raise InputError("no text could be read from the image (OCR found nothing)")
    fields = []
    for i, l in enumerate(lines):
        xs = [p[0] for p in l.box]
        ys = [p[1] for p in l.box]
        f = zpl.Fld(i, int(min(xs)), int(min(ys)), int(max(ys) - min(ys)), "N", "text", "FD", 0, 0,
                    "utf-8", None, text=l.text)
        fields.append(f)
    base = len(fields)
    for j, b in enumerate(codes):
        fname = _fmt_name(b)
        kind = "2d" if fname in TWO_D_FORMATS else "linear"
        fields.append(zpl.Fld(base + j, 0, 0, 0, "N", kind, "FD", 0, 0, "utf-8", None, text=_payload(b),
                              barcode=fname))
    lrecs: list = []
    changes = zpl.mask_label(fields, engine, engine.policy, lrecs, page, report)
    for r in lrecs:
        r["where"] = {"page": page, **{k2: v for k2, v in r["where"].items() if k2 not in ("label",)}}
    regions: list[Region] = []
    for i, l in enumerate(lines):
        for a, z, _rep in changes.get(i, ()):
            # one quad per masked run of characters: first character's left edge to last's right
            seg = l.text[a:z]
            if not seg.strip():
                continue
            a2 = a + (len(seg) - len(seg.lstrip()))
            z2 = z - (len(seg) - len(seg.rstrip()))
            qa, qz = l.char_boxes[a2], l.char_boxes[z2 - 1]
            span = (qa[0], qz[1], qz[2], qa[3])
            rep = _rep.strip()
            regions.append(Region(rot_back(span, k, w, h), "text", "fill", rep))
        if l.score < LOW_CONFIDENCE and i not in changes and _looks_personal(l.text):
            # too uncertain to place the mask exactly: mask the whole line (fail safe)
            regions.append(Region(rot_back(l.box, k, w, h), "uncertain", "fail_safe_line"))
            lrecs.append({"type": "uncertain_text", "role": None, "where": {"page": page, "line": i},
                          "detector": "ocr.low_confidence", "confidence": round(l.score, 3),
                          "method": "fail_safe_line", "hmac": engine.keys.value_mac(l.text)})
    for j, b in enumerate(codes):
        if (base + j) in changes:
            regions.append(Region(_bq(b), "code", "fill"))
    # attach the box of each finding to its record
    for r in lrecs:
        fi = r["where"].get("field")
        if fi is not None and fi < len(lines):
            xs = [p[0] for p in rot_back(lines[fi].box, k, w, h)]
            ys = [p[1] for p in rot_back(lines[fi].box, k, w, h)]
            r["where"]["box"] = [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]
    recs.extend(lrecs)
    return regions, {"rotation": k * 90, "lines": len(lines), "codes": len(codes)}


def _payload(b) -> str:
    """The code's raw content (zxing-cpp's ``text`` shows control characters as symbols)."""
    raw = getattr(b, "bytes", None)
    if raw:
        try:
            return bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(raw).decode("latin-1")
    return b.text or ""


def _fmt_name(b) -> str:
    return str(b.format).split(".")[-1].replace(" ", "").replace("-", "")


def _looks_personal(text: str) -> bool:
    return bool(re.search(r"\d{4,}|[\u4e00-\u9fff]{2,}", text))


def grow_quad(q: Quad, along: float = 0.22, across: float = 0.12) -> list[tuple[float, float]]:
    """The quad grown along the text line and across it by fractions of its height."""
    p = np.array(q, dtype=float)
    u = p[1] - p[0]
    v = p[3] - p[0]
    hgt = max(np.linalg.norm(v), np.linalg.norm(p[2] - p[1]), 2.0)
    un = u / (np.linalg.norm(u) or 1.0)
    vn = v / (np.linalg.norm(v) or 1.0)
    gx = max(2.0, along * hgt)
    gy = max(2.0, across * hgt)
    return [tuple(p[0] - un * gx - vn * gy), tuple(p[1] + un * gx - vn * gy),
            tuple(p[2] + un * gx + vn * gy), tuple(p[3] - un * gx + vn * gy)]


def fill(pil_img, regions: list[Region], style: str = "fill"):
    """Solid fill of each region, grown by a margin of its own height (never blur or pixelate).
    ``text`` style: white the region out and draw the masked form (138****5678, 张**, the virtual
    number) in its place, sized and angled like the original line."""
    from PIL import ImageDraw

    if not regions:
        return pil_img
    img = pil_img.copy()
    d = ImageDraw.Draw(img)
    black = 0 if img.mode in ("L", "1", "P") else (0, 0, 0) if img.mode == "RGB" else (0, 0, 0, 255)
    white = 255 if img.mode in ("L", "1", "P") else (255, 255, 255) if img.mode == "RGB" else (255, 255, 255, 255)
    for r in regions:
        poly = grow_quad(r.quad, 0.05 if r.kind == "code" else 0.22)
        if style == "text" and r.kind == "text" and r.label:
            d.polygon(poly, fill=white)
            _draw_label(img, r.quad, r.label, black)
            d = ImageDraw.Draw(img)
        else:
            d.polygon(poly, fill=black)
    return img


def _draw_label(img, quad: Quad, label: str, colour) -> None:
    from PIL import Image, ImageDraw, ImageFont

    p = np.array(quad, dtype=float)
    width = float(np.linalg.norm(p[1] - p[0]))
    height = float(np.linalg.norm(p[3] - p[0]))
    angle = float(np.degrees(np.arctan2(p[1][1] - p[0][1], p[1][0] - p[0][0])))
    try:
        from .labels import cjk_font_path
        font = ImageFont.truetype(cjk_font_path(), max(8, int(height * 0.85)))
    except Exception:
        font = ImageFont.load_default()
    tw = max(1, int(d_len(font, label)))
    th = max(1, int(height))
    tile = Image.new("L", (tw, th), 0)
    ImageDraw.Draw(tile).text((0, 0), label, font=font, fill=255)
    if tw > width > 0:
        tile = tile.resize((max(1, int(width)), th))
    tile = tile.rotate(-angle, expand=True)
    x, y = int(p[:, 0].min()), int(p[:, 1].min())
    solid = Image.new(img.mode, tile.size, colour)
    img.paste(solid, (x, y), tile)


def d_len(font, text: str) -> float:
    try:
        return font.getlength(text)
    except AttributeError:  # pragma: no cover
        return 10 * len(text)


def save(img, fmt: str | None, original_mode: str) -> bytes:
    """Same format, no metadata, JPEG at quality 95."""
    buf = io.BytesIO()
    fmt = (fmt or "PNG").upper()
    if original_mode in ("L", "1") and img.mode != original_mode:
        img = img.convert(original_mode)
    elif original_mode == "P":
        img = img.convert("RGB").convert("P", palette=1, colors=256)
    if fmt == "JPEG":
        img.convert("RGB" if img.mode not in ("L", "RGB", "CMYK") else img.mode).save(
            buf, "JPEG", quality=95, subsampling=0, optimize=True)
    elif fmt == "PNG":
        img.save(buf, "PNG", optimize=False)
    elif fmt == "TIFF":
        img.save(buf, "TIFF", compression="tiff_deflate")
    elif fmt == "WEBP":
        img.save(buf, "WEBP", lossless=True)
    else:
        img.save(buf, fmt)
    return buf.getvalue()
