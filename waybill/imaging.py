"""Shipping-label images: read at any angle, find personal data with the same detectors and label
logic as text and ZPL, and fill it in place on the original pixels.

Pipeline: image -> skew measured on the pixels and taken out (any angle 0-359), quarter turn chosen
by OCR evidence, a second turn if the engine's lines are still tilted -> OCR lines with
per-character boxes -> layout frame (text level, ~30 units per line) -> label blocks, detectors and
repetition (``layout.mask_label``, shared with print streams) -> character spans -> quads
mapped back to the input's own pixels through one 3x3 matrix -> solid fill of each rotated quad,
grown by a margin that stops short of kept neighbours (checked against the ink between them).
2D codes whose payload holds personal data are filled; linear barcodes and the tracking number text
are kept (``dispose`` fills them too). Never blurred, never resized.
"""
from __future__ import annotations

import io
import math
import re
import unicodedata
from .lazy_re import lazy
import warnings
from dataclasses import dataclass

import numpy as np

from .errors import InputError, MissingDependency
from .ink import grow_quad, unread_ink  # noqa: F401 (part of this module's interface)
from .detectors.other_scripts import AR_SHIPMENT, GR_SHIPMENT, HE_SHIPMENT, IN_SHIPMENT, RU_SHIPMENT
from .model import EntityType, audit_record
from .ocr import _RTL_LETTER, OcrLine, Quad, mostly_tall

T = EntityType
TWO_D_FORMATS = {"QRCode", "MicroQRCode", "RMQRCode", "rMQRCode", "DataMatrix", "PDF417", "MaxiCode",
                 "Aztec", "CompactPDF417", "MicroPDF417"}
LOW_CONFIDENCE = 0.5
# a line holding personal data read with less confidence than this is filled whole
UNSURE_LINE = 0.75


@dataclass
class Region:
    quad: Quad
    kind: str  # type of what is filled
    method: str
    label: str = ""  # the masked form, drawn in place by the ``text`` style
    # how far (px) the fill may grow along the line before/after the run: up to the middle of the
    # gap to a kept neighbouring character (None: the default margin)
    reach: tuple = (None, None)
    line: int = -1  # the OCR line it stands on (text fills and kept characters), -1: none


def _pil():
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover
        raise MissingDependency("images need Pillow: pip install pillow") from None
    return Image, ImageOps


MAX_PIXELS = 80_000_000


def load(data: bytes):
    """Decode an image fully (fail closed on truncation), upright as displayed, no metadata."""
    Image, ImageOps = _pil()
    from PIL import ImageFile
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():  # the size is checked here, not by Pillow's warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
        fmt = im.format
        if im.width * im.height > MAX_PIXELS:  # checked on the header, before any pixel is decoded
            raise InputError("image larger than 80 megapixels")
        im.load()
        frames = getattr(im, "n_frames", 1)
        im = ImageOps.exif_transpose(im)
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"not a readable image ({e.__class__.__name__})") from None
    if im.width < 8 or im.height < 8:
        raise InputError("image too small to hold a label")
    if im.width * im.height > MAX_PIXELS:
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


_vertical = mostly_tall  # (the read-once path in ocr.py asks the same of its turns)


def read_upright(engine, arr: np.ndarray, full: bool = False) -> tuple[int, list[OcrLine]]:
    """OCR at the orientation where the text reads best. Returns (k, lines in the k-rotated image).
    ``full``: the engine's own complete reading at every turn tried (what an auditor's check uses),
    never a faster path."""
    once = None if full else getattr(engine, "read_upright", None)
    if once is not None:
        # the engine decides the turn from one detection and reads once (ocr.RapidEngine); it
        # answers None when its detection found nothing, and the full reading below looks again
        got = once(arr)
        if got is not None:
            return got
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


def _rot(pt, c: float, s: float) -> tuple[float, float]:
    """A point in the layout frame: the image frame turned by -angle (text lines horizontal)."""
    x, y = pt
    return x * c + y * s, -x * s + y * c


def _unrot(pt, c: float, s: float) -> tuple[float, float]:
    x, y = pt
    return x * c - y * s, x * s + y * c


def line_angle(q: Quad) -> float:
    """Direction of a line quad's top edge, radians."""
    (x0, y0), (x1, y1) = q[0], q[1]
    return float(np.arctan2(y1 - y0, x1 - x0))


def dominant_angle(lines: list[OcrLine]) -> float:
    """The median baseline direction of the lines that are clearly lines (radians, 0 = level)."""
    angs = []
    for l in lines:
        if len(l.text.strip()) < 3:
            continue
        p = np.array(l.box, dtype=float)
        w = float(np.linalg.norm(p[1] - p[0]))
        h = float(np.linalg.norm(p[3] - p[0]))
        if w > 2 * h:
            angs.append(line_angle(l.box))
    return float(np.median(angs)) if angs else 0.0


def layout_geom(q: Quad, c: float, s: float) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) of a quad in the layout frame."""
    pts = [_rot(p, c, s) for p in q]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


# a fragment over 3 line heights away is a column's line when this many other lines within
# COLUMN_REACH line heights above or below it start where it starts
COLUMN_LINES = 2
COLUMN_REACH = 4.0


# a fragment that ends with a field's label, with or without its colon: its value may stand further
# right, in a column of values ('收件人' | '王小明', 'Tel.' | '+49 ...')
_LABEL_END = lazy(r"(?:[:：]|收件人|寄件人|收货人|发件人|联系人|姓名|电话|手机|地址|^收|^寄|"
                        r"(?<![^\W\d_])(?i:tel|phone|mobile|mob|name|to|from|attn|an|von|de|à|a)\.?)\s*$")


def merge_line_fragments(lines: list[OcrLine], angle: float = 0.0) -> list[OcrLine]:
    """Join boxes the engine split on one text line ("收件人：" | "王小明") so that labels and
    values are read together; character boxes are kept (a space gets the gap's box). Geometry is
    taken in the layout frame (the image turned by ``-angle``), so tilted lines are joined only
    with their own fragments, never with the line above or below."""
    c, s = float(np.cos(angle)), float(np.sin(angle))

    def geom(l):
        return layout_geom(l.box, c, s)

    def back(x0, y0, x1, y1) -> Quad:
        return (_unrot((x0, y0), c, s), _unrot((x1, y0), c, s), _unrot((x1, y1), c, s), _unrot((x0, y1), c, s))

    gs = [geom(l) for l in lines]

    def column_start(x0: float, y0: float, y1: float, h: float) -> bool:
        # COLUMN_LINES other lines within COLUMN_REACH line heights above or below start where
        # this fragment starts: it is the first word of a column's line, not the rest of a line
        # to its left (two columns level with each other on a tilted or upside-down label)
        # (a line above or below may overlap this one by a few pixels on a photo: not by half a
        # line, which a fragment of this same line does)
        n = 0
        for gx0, _gx1, gy0, gy1 in gs:
            if abs(gx0 - x0) <= 0.6 * h and min(gy1, y1) - max(gy0, y0) < 0.5 * min(gy1 - gy0, y1 - y0) and \
                    min(abs(gy0 - y1), abs(y0 - gy1)) <= COLUMN_REACH * h:
                n += 1
        return n >= COLUMN_LINES

    def joined(a: OcrLine, ga, b: OcrLine, gb, sy) -> OcrLine:
        # fragment ``a`` and fragment ``b`` right of it as one line (geometries x0, x1, y0, y1);
        # the gap between them is a space with its own box, as high as ``sy`` (the earlier-met
        # fragment's y0, y1)
        (ax0, ax1, ay0, ay1), (bx0, bx1, by0, by1) = ga, gb
        space = back(ax1, sy[0], max(ax1, bx0), sy[1])
        box = back(ax0, min(ay0, by0), bx1, max(ay1, by1))
        return OcrLine(a.text + " " + b.text, min(a.score, b.score), box,
                       tuple(a.char_boxes) + (space,) + tuple(b.char_boxes))

    out: list[OcrLine] = []
    for l in sorted(lines, key=lambda l: (geom(l)[2], geom(l)[0])):
        merged = False
        for i in range(len(out) - 1, max(-1, len(out) - 4), -1):
            p = out[i]
            px0, px1, py0, py1 = geom(p)
            x0, x1, y0, y1 = geom(l)
            h = max(py1 - py0, y1 - y0, 1)
            overlap = min(py1, y1) - max(py0, y0)
            gap = x0 - px1
            horizontal = (px1 - px0) >= (py1 - py0) and (x1 - x0) >= (y1 - y0) * 0.8
            similar = max(py1 - py0, y1 - y0) <= 1.6 * max(1.0, min(py1 - py0, y1 - y0))
            # boxes of two fragments may overlap along the line (a photo's perspective makes the
            # engine's boxes wider than their text): more so when they lie level with each other
            lead = 0.6 if overlap >= 0.8 * min(py1 - py0, y1 - y0) else 0.3
            # far apart (over 3 line heights), only text of one size is one line: a sender's name
            # and the carrier's bigger logo level with it on a tilted photo are two ("... USPS":
            # the logo was masked as part of the name, and everywhere else it stood)
            same = max(py1 - py0, y1 - y0) <= 1.25 * max(1.0, min(py1 - py0, y1 - y0))
            level = horizontal and similar and overlap >= 0.6 * min(py1 - py0, y1 - y0)
            # near, text of another size that starts a column is that column's line, not the rest
            # of this one: a sender's small '7011 TRONDHEIM' and the recipient's bigger one level
            # with it were read as one line, and the recipient's block, left without its postcode
            # line, kept its street (stress seed 127000, a creased photo)
            # (and a column's line is joined to what stands left of it only a word's gap away or
            # after a label's colon: print beside a label, 'te 4' of a newspaper under a photo's
            # label, took the recipient's '01067 Dresden' away from its block, and its postcode
            # stood; stress seed 133000, a de_dhl photo on printed matter)
            if level and -lead * h <= gap <= 8 * h and x1 > px1 \
                    and ((gap <= 3 * h and (same or not column_start(x0, y0, y1, h))
                          and (gap <= 1.2 * h or _LABEL_END.search(p.text) is not None
                               or not column_start(x0, y0, y1, h)))
                         or (same and not column_start(x0, y0, y1, h))):
                out[i] = joined(p, (px0, px1, py0, py1), l, (x0, x1, y0, y1), (py0, py1))
                merged = True
                break
            # the fragment right to the left of a taller one sorted before it (its box starts
            # lower: a crease's shadow made the rest of the line's box taller, 'Kwame' |
            # 'McAllister · Vestergade 105 ...'); only a word's gap away, and only beside a taller
            # box (fragments of one height keep the order they came in: joining print behind a
            # label, a newspaper's lines, changed the second look's areas)
            # (or, of one height, when the two boxes overlap along the line and lie level: the
            # left one's box started a pixel lower, 'Emanuele 158, int. 6' sorted before 'Corso
            # Vittorio', and the layout placed only the first fragment in the sender's block: the
            # street's rest stood on a defocused photo upside down, stress seed 134000 it_brt)
            if level and -lead * h <= px0 - x1 <= h and x0 < px0 and (
                    py1 - py0 > 1.2 * (y1 - y0)
                    or px0 - x1 <= 0 and same and overlap >= 0.8 * min(py1 - py0, y1 - y0)):
                out[i] = joined(l, (x0, x1, y0, y1), p, (px0, px1, py0, py1), (py0, py1))
                merged = True
                break
        if not merged:
            out.append(l)
    return out


# ----------------------------------------------------------------------------- any angle

DESKEW_MIN = 1.5  # degrees; below this the engine's own quads are good enough
RESIDUAL_MAX = 30.0  # degrees; the engine reads lines tilted less than this well, the layout frame takes the rest out


def estimate_skew(arr: np.ndarray) -> float:
    """Text direction modulo 90 degrees, from the pixels alone (engine-independent): the rotation
    (cv2 convention, degrees in [-45, 45)) after which rows or columns of ink are sharpest."""
    import cv2
    g = arr if arr.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(arr), cv2.COLOR_RGB2GRAY)
    h, w = g.shape
    f = 700.0 / max(h, w)
    if f < 1:
        g = cv2.resize(g, (max(8, int(w * f)), max(8, int(h * f))), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(g, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    seen: dict = {}

    def score(a: float) -> float:
        # an angle scored before (level is one of the coarse angles; the fine search's middle
        # and ends are coarse angles too) is not turned again: the same number
        a = float(a)
        if a not in seen:
            seen[a] = _skew_score(ink, centre, a)
        return seen[a]

    if int(np.count_nonzero(ink)) < 200:
        return 0.0  # too little ink to tell
    level = score(0.0)
    coarse = np.arange(-45.0, 45.0, 3.0)
    sc = [score(a) for a in coarse]
    best = float(coarse[int(np.argmax(sc))])
    fine = np.arange(best - 3.0, best + 3.01, 0.5)
    sc = [score(a) for a in fine]
    best = float(fine[int(np.argmax(sc))])
    if max(sc) < 1.1 * level:
        return 0.0  # no angle is clearly better than level
    return ((best + 45.0) % 90.0) - 45.0


def _skew_score(ink: np.ndarray, centre: tuple, a: float) -> float:
    """How sharp the rows or columns of ``ink`` (0/1 bytes) are after turning it by ``a`` degrees.
    The 0/1 ink is turned as bytes and its row and column counts summed as float32 (exact: counts
    of at most a few thousand), the same numbers as turning a float copy and summing it with
    numpy, at about a third of the cost (41-44 turns per image)."""
    import cv2
    h, w = ink.shape
    m = cv2.getRotationMatrix2D(centre, a, 1.0)
    r = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
    rows = cv2.reduce(r, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32F).ravel()
    cols = cv2.reduce(r, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32F).ravel()
    return float(max((np.diff(rows) ** 2).sum(), (np.diff(cols) ** 2).sum()))


def _rotate_expand(arr: np.ndarray, deg: float) -> tuple[np.ndarray, np.ndarray]:
    """``arr`` turned by ``deg`` (cv2 convention) on a canvas that holds all of it, and the 3x3
    matrix from the turned image's pixels back to ``arr``'s."""
    import cv2
    h, w = arr.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(np.ceil(h * sin + w * cos)), int(np.ceil(h * cos + w * sin))
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    border = _median_colour(arr)
    out = cv2.warpAffine(arr, m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=border if arr.ndim == 3 else border[0])
    full = np.vstack([m, [0, 0, 1]])
    return out, np.linalg.inv(full)


def _median_colour(arr: np.ndarray) -> tuple[int, ...]:
    """``int`` of ``np.median`` of each channel (the background colour a turned image's corners
    are filled with), from a histogram for 8-bit images: the same values without sorting every
    pixel (about 70 ms on a 2-megapixel photo)."""
    px = arr.reshape(-1, arr.shape[-1]) if arr.ndim == 3 else arr.reshape(-1, 1)
    if px.dtype != np.uint8 or not len(px):
        return tuple(int(v) for v in np.median(px, axis=0))
    n = len(px)
    out = []
    if n < (1 << 24):
        # OpenCV's 8-bit histogram: the same counts (float32 holds every count below 2**24) in
        # one pass per channel, without copying the channel out (~13 -> ~3 ms on a photo)
        import cv2
        img = np.ascontiguousarray(px.reshape(n, 1, px.shape[1]))
        hists = [cv2.calcHist([img], [c], None, [256], [0, 256]).ravel().astype(np.int64)
                 for c in range(px.shape[1])]
    else:
        hists = [np.bincount(px[:, c], minlength=256) for c in range(px.shape[1])]
    for c in range(px.shape[1]):
        cum = np.cumsum(hists[c])
        lo = int(np.searchsorted(cum, (n - 1) // 2, side="right"))  # the ((n-1)//2)-th smallest
        hi = int(np.searchsorted(cum, n // 2, side="right"))  # the (n//2)-th smallest
        out.append(int((lo + hi) / 2))
    return tuple(out)


@dataclass
class Reading:
    """OCR lines of an image in the frame the engine read them in, and the way back."""

    lines: list
    back: np.ndarray  # 3x3: work-frame pixels (after the quarter turn) -> input pixels
    angle: float  # remaining text direction in the work frame, radians
    rotation: float  # degrees the input was turned to read it
    image: np.ndarray | None = None  # the work frame's pixels
    dropped: tuple = ()  # quads the engine detected and read as nothing (``ocr.Upright``), work frame

    def to_input(self, q) -> Quad:
        pts = np.array([[x, y, 1.0] for x, y in q]) @ self.back.T
        return tuple((float(x / z), float(y / z)) for x, y, z in pts)  # type: ignore[return-value]


def _quarter_back(k: int, w: int, h: int) -> np.ndarray:
    """3x3 matrix of ``rot_back`` for ``np.rot90(img, k)`` of an image w x h."""
    k %= 4
    if k == 0:
        return np.eye(3)
    if k == 1:
        return np.array([[0, -1, w - 1], [1, 0, 0], [0, 0, 1]], dtype=float)
    if k == 2:
        return np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=float)
    return np.array([[0, 1, 0], [-1, 0, h - 1], [0, 0, 1]], dtype=float)


def read_oriented(engine, arr: np.ndarray, full: bool = False) -> Reading:
    """OCR at any angle (0-359): the skew is measured on the pixels and taken out first, the
    quarter turn is chosen by OCR evidence, and what is still tilted after that (the engine's own
    quads say how much) is taken out by a second turn."""
    total = 0.0
    back = np.eye(3)
    work = arr
    skew = estimate_skew(arr)
    if abs(skew) > DESKEW_MIN:
        work, b = _rotate_expand(arr, skew)
        back, total = b, skew
    for attempt in range(2):
        got = read_upright(engine, work, full)
        k, lines = got
        h, w = work.shape[:2]
        kb = _quarter_back(k, w, h)
        ang = dominant_angle(lines)
        # the engine's own upright copy of the image where it has one (ocr.Upright): the same
        # pixels as turning ``work`` here again
        turned = getattr(got, "image", None)
        if turned is None or turned.shape != np.rot90(work, k).shape:
            turned = np.rot90(work, k)
        turned = np.ascontiguousarray(turned)
        if attempt == 0 and abs(np.degrees(ang)) > RESIDUAL_MAX:
            # the pixels misjudged it: turn by what the engine's lines say and read again
            work2, b2 = _rotate_expand(turned, float(np.degrees(ang)))
            back = back @ kb @ b2
            total += k * 90 + float(np.degrees(ang))
            work = work2
            continue
        return Reading(lines, back @ kb, ang, total + k * 90, turned, getattr(got, "dropped", ()))
    return Reading(lines, back @ kb, ang, total + k * 90)  # pragma: no cover


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


def bar_extent(gray: np.ndarray, q: Quad, max_grow: float = 1.0) -> Quad:
    """A linear code's quad grown across its bars as far as the bars go. A decoder reports the
    rows it read the code on, often a thin band in the middle of the bars; the bars above and
    below still decode (a code needs only one row), so a fill must cover all of them. The band's
    own stroke profile is followed outward one pixel row at a time while the row still matches it
    (correlation >= 0.5 with contrast), up to ``max_grow`` times the code's length each way."""
    p = np.array(q, dtype=float)
    u = p[1] - p[0]
    length = float(np.linalg.norm(u))
    if length < 8:
        return q
    un = u / length
    vn = np.array([-un[1], un[0]])
    if np.dot(p[3] - p[0], vn) < 0:
        vn = -vn
    top = min(float(np.dot(p[3] - p[0], vn)), float(np.dot(p[2] - p[1], vn)), 0.0)
    bot = max(float(np.dot(p[3] - p[0], vn)), float(np.dot(p[2] - p[1], vn)), 0.0)
    h, w = gray.shape[:2]
    s = np.arange(0.0, length, 1.0)

    # each row less its running mean over a few modules: a shadow's edge across the bars steps a
    # row's grey, and the step, not the bars, then ruled the correlation (a dk_gls photo's bars
    # in a shadow stood above the fill and decoded, dispose, stress seed 148000)
    k = int(max(9, min(31, length / 16))) | 1
    box = np.ones(k, dtype=np.float32) / k

    def row(t: float) -> np.ndarray | None:
        pts = p[0] + np.outer(s, un) + t * vn
        xs, ys = np.round(pts[:, 0]).astype(int), np.round(pts[:, 1]).astype(int)
        if xs.min() < 0 or ys.min() < 0 or xs.max() >= w or ys.max() >= h:
            return None
        r = gray[ys, xs].astype(np.float32)
        if len(r) <= 2 * k:
            return r
        return r - np.convolve(np.pad(r, k // 2, mode="edge"), box, mode="valid")

    ref = row((top + bot) / 2)
    if ref is None or ref.std() < 8:
        return q
    ref = ref - ref.mean()
    rn = float(np.linalg.norm(ref)) or 1.0
    lim = max_grow * length

    def walk(t0: float, step: float) -> float:
        # each row against the last row that matched (a photo's bars lean or narrow across the
        # code under perspective: far from the middle row they no longer line up with it; a
        # dk_gls photo's bars, past a shadow's edge, stood above the fill and decoded, dispose,
        # stress seed 148000) and against the row 8 steps back (no slow drift into other print)
        t, last = t0, t0
        hist = [(ref, rn)]
        while abs(t - t0) <= lim:
            t += step
            r = row(t)
            if r is None or r.std() < 8:
                break
            r = r - r.mean()
            nr = float(np.linalg.norm(r)) or 1.0
            (cur, cn), (old, on) = hist[-1], hist[max(0, len(hist) - 8)]
            if _shifted_corr(r, cur) / (cn * nr) < 0.5 or _shifted_corr(r, old) / (on * nr) < 0.3:
                break
            last = t
            hist.append((r, nr))
        return last

    a, b = walk(top, -1.0), walk(bot, 1.0)
    if a >= top and b <= bot:
        return q
    a, b = min(a, top), max(b, bot)
    return (tuple(p[0] + a * vn), tuple(p[1] + a * vn), tuple(p[1] + b * vn), tuple(p[0] + b * vn))


def _shifted_corr(a: np.ndarray, b: np.ndarray, most: int = 2) -> float:
    """The largest dot product of ``a`` with ``b`` moved by up to ``most`` samples either way
    (sharp bars that lean step a pixel sideways every few rows)."""
    best = float(np.dot(a, b))
    for d in range(1, most + 1):
        best = max(best, float(np.dot(a[d:], b[:-d])), float(np.dot(a[:-d], b[d:])))
    return best


def undecoded_codes(arr: np.ndarray, decoded: list, qr: bool = True) -> list[Quad]:
    """Areas that look like a barcode or a QR code (OpenCV's detectors, which find a code's
    place without reading it) and that no decoded code covers (``qr=False``: barcodes only)."""
    import cv2
    rgb = np.ascontiguousarray(arr[..., :3] if arr.ndim == 3 else np.stack([arr] * 3, axis=-1))
    found: list = []
    try:
        ok, pts = cv2.barcode.BarcodeDetector().detect(rgb)
        if ok and pts is not None:
            found += [p for p in np.asarray(pts, dtype=np.float32).reshape(-1, 4, 2)]
    except Exception:  # pragma: no cover - an OpenCV build without the barcode module
        pass
    try:
        ok, pts = cv2.QRCodeDetector().detectMulti(rgb) if qr else (False, None)
        if ok and pts is not None:
            found += [p for p in np.asarray(pts, dtype=np.float32).reshape(-1, 4, 2)]
    except Exception:  # pragma: no cover
        pass
    out = []
    dq = [np.array(q, dtype=np.float32).reshape(-1, 1, 2) for q in decoded]
    for p in found:
        c = p.mean(axis=0)
        if any(cv2.pointPolygonTest(q, (float(c[0]), float(c[1])), False) >= 0 for q in dq):
            continue
        out.append(tuple((float(x), float(y)) for x, y in p))
    return out


def code_number_lines(line_quads: list, bars: list) -> set[int]:
    """Lines that print a barcode's number beside it (its human-readable line): parallel to the
    code's long side (within 12 degrees), their length within the code's (one line height of
    slack each way), their centre at most 2.5 line heights from the code's band, inside it or
    outside (all in the same pixels: the bars' quads from ``undecoded_codes``)."""
    out: set[int] = set()
    for b in bars:
        p = np.array(b, dtype=float)
        e0, e1 = p[1] - p[0], p[2] - p[1]
        long = e0 if np.linalg.norm(e0) >= np.linalg.norm(e1) else e1
        if np.linalg.norm(long) < 8:
            continue
        u = long / np.linalg.norm(long)
        v = np.array([-u[1], u[0]])
        pu, pv = p @ u, p @ v
        for i, q in enumerate(line_quads):
            lq = np.array(q, dtype=float)
            d = lq[1] - lq[0]
            h = float(np.linalg.norm(lq[3] - lq[0]))
            if np.linalg.norm(d) < 1 or h < 1:
                continue
            cosang = abs(float(np.dot(d / np.linalg.norm(d), u)))
            if cosang < np.cos(np.radians(12)):
                continue
            lu, cv_ = lq @ u, float(lq.mean(axis=0) @ v)
            if lu.min() >= pu.min() - h and lu.max() <= pu.max() + h and \
                    pv.min() - 2.5 * h <= cv_ <= pv.max() + 2.5 * h:
                out.add(i)
    return out


# a large image whose ink covers a small part of it (a label scanned or pasted on a big sheet) is
# read on that part at full resolution: the OCR engines scale a large image down as a whole, which
# makes small text unreadable to them but not to a person looking at the output
CROP_MIN_SIDE = 2000
CROP_CONTRAST = 24  # grey levels from the background that count as ink (faint text included)


def content_box(pil_img) -> tuple[int, int, int, int] | None:
    """Bounding box of everything that differs from the background, with a margin, when the
    image is large and that box is at most half of it; None otherwise. Conservative: every pixel
    outside the box is within ``CROP_CONTRAST`` of the background colour."""
    w, h = pil_img.size
    if max(w, h) <= CROP_MIN_SIDE:
        return None
    f = max(1, max(w, h) // 1500)
    g = np.asarray(pil_img.convert("L").reduce(f) if f > 1 else pil_img.convert("L")).astype(np.int16)
    # reduce() averages: a thin faint stroke loses contrast, so the threshold is scaled down with it
    ink = np.abs(g - int(np.median(g))) > max(6, CROP_CONTRAST // f)
    ys, xs = np.nonzero(ink)
    if not len(xs):
        return None
    m = 32 + max(w, h) // 50
    x0, y0 = max(0, int(xs.min()) * f - m), max(0, int(ys.min()) * f - m)
    x1, y1 = min(w, (int(xs.max()) + 1) * f + m), min(h, (int(ys.max()) + 1) * f + m)
    if (x1 - x0) * (y1 - y0) > 0.5 * w * h:
        return None
    return x0, y0, x1, y1


def analyse(pil_img, engine_name: str, engine, recs: list, report: bool, page: int = 1, crop: bool = True,
            second: bool = False, split: bool = True, blur: float | None = None, payloads: tuple = ()):
    """Regions to fill on ``pil_img`` (RGB) and audit records. ``blur``: the photo's motion blur
    (``motion_blur``; measured here when None). ``payloads``: the linear codes decoded on the whole
    page, for a second look at a part of it (``fail_safe_lines``)."""
    import dataclasses

    if blur is None:
        blur = motion_blur(np.asarray(pil_img)) if not second else 0.0
    box = content_box(pil_img) if crop else None
    if box is not None:
        x0, y0 = box[0], box[1]
        part: list = []
        regions, info = analyse(pil_img.crop(box), engine_name, engine, part, report, page, crop=False,
                                second=second, split=split, blur=blur, payloads=payloads)
        for r in part:  # audit boxes in the whole image's pixels
            b = (r.get("where") or {}).get("box")
            recs.append(r.but(where={**r["where"], "box": [b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0]}) if b else r)
        return [dataclasses.replace(g, quad=tuple((x + x0, y + y0) for x, y in g.quad)) for g in regions], \
            {**info, "crop": list(box)}
    regions, info = _analyse_read(pil_img, engine_name, engine, recs, report, page, second, blur, payloads)
    read = info.pop("_read", None)
    # (a part read on its own holds no barcode, but the page's codes still say which number is the
    # tracking number: 'ट्रैकिंग नं RR119893421IN' in a second look at a Hindi label's poorly read lines
    # was filled as an unplaced line; label_gen in_post)
    page_codes = info.pop("_payloads", ())
    if second or read is None:
        return regions, info
    iq, cq, off, unread, arr = read  # arr: the pixels of pil_img as read (not copied out of it again)
    # a second look at text the reading left unread: a label at another angle than the print
    # around it (a newspaper under a parcel set the skew), a second label in the photo, small
    # print far from the camera. Each cluster of unread word-sized ink is cut out alone (the
    # rest painted over), enlarged when small, and read and masked on its own
    # (the fail-safe's measure of unread ink is the same measure when no lines were set apart)
    for k, ((x0, y0, f), sub) in enumerate(unread_areas(arr, iq, cq, off,
                                                          blobs=None if off else unread)):
        cl = code_like(sub)
        if cl is not None:
            # dense module-like ink that no decoder read (a PDF417 on a tilted photo: its
            # payload may be the recipient's address): filled unread, never read as text; in
            # detect and verify (``report``) it is reported, and verify counts it as readable
            # (``engine.is_leak``): nobody can tell what such a code holds
            q = tuple((x / f + x0, y / f + y0) for x, y in cl)
            if not report:
                regions.append(Region(q, "code", "fill"))
            xs, ys = [p[0] for p in q], [p[1] for p in q]
            box = [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]
            recs.append(audit_record(T.CODE_2D, None, {"page": page, "box": box, "second_look": True},
                                     "image.unread_code", 0.5, "redact",
                                     engine.keys.value_mac(f"{page}:code:{box[0]},{box[1]}")))
            info["unread_codes"] = info.get("unread_codes", 0) + 1
            continue
        part = []
        try:
            r2, _i2 = analyse(sub, engine_name, engine, part, report, page, crop=False, second=True,
                              split=False, blur=blur, payloads=page_codes)
        except InputError:
            continue
        for r in part:
            w = r.get("where")
            b = (w or {}).get("box")
            if b:
                w = {**w, "box": [int(b[0] / f + x0), int(b[1] / f + y0), int(b[2] / f + x0), int(b[3] / f + y0)]}
            recs.append(r.but(where={**(w if w is not None else {}), "second_look": True}))
        regions += [dataclasses.replace(g, quad=tuple((x / f + x0, y / f + y0) for x, y in g.quad),
                                        reach=tuple(None if v is None else v / f for v in g.reach),
                                        line=g.line + 100000 * (k + 1) if g.line >= 0 else -1)
                    for g in r2]
        info["second_look"] = info.get("second_look", 0) + 1
    if split and not (report and getattr(engine, "verify", False)):
        # two or more labels in one photo, or one under a camera tilt: each label's paper (found by
        # its outline) is read again on its own, flattened and enlarged, so that the smaller
        # label's text is read at text size rather than at the photo's and a tilted label's lines
        # and columns run straight; its fills are mapped back and added to the photo's own (the
        # photo's fills stay: a view read in place of the photo lost names on a tilted label
        # upside down). verify reads the same views with every engine in ``analyse_all``
        seen = {(r.get("type"), r.get("hmac"), r.get("masked")) for r in recs}
        # (the boxes of values found: a fail-safe's filled line or a number ``dispose`` removes is
        # no value read; with them the one label upside down on printed matter was never read on
        # its own in dispose, and its street stood between fills set one line off, stress seed
        # 135000, pl_inp texture photo)
        boxes = [b for b in ((r.get("where") or {}).get("box") for r in recs
                             if r.get("type") not in _NO_VALUE_TYPES) if b]
        views = paper_views(arr, iq, boxes)
        for k, (view, back) in enumerate(views):
            from PIL import Image
            part = []
            try:
                r2, _i2 = analyse(Image.fromarray(view), engine_name, engine, part, report, page, crop=False,
                                  split=False, blur=blur)
            except InputError:
                continue
            for r in part:
                w = dict(r["where"])
                b = w.pop("box", None)
                if b:
                    q = _map_quad(back, ((b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])))
                    xs, ys = [p[0] for p in q], [p[1] for p in q]
                    w["box"] = [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]
                w["label_view"] = k + 1
                key = (r.get("type"), r.get("hmac"), r.get("masked"))
                if key not in seen:  # a value the photo's own reading holds already is one finding
                    seen.add(key)
                    recs.append(r.but(where=w))
            for g in r2:
                q = _map_quad(back, g.quad)
                f = _quad_scale(back, g.quad)
                regions.append(dataclasses.replace(g, quad=q, reach=tuple(None if v is None else v * f for v in g.reach),
                                                   line=g.line + 1000000 * (k + 1) if g.line >= 0 else -1))
            info["label_views"] = info.get("label_views", 0) + 1
    return regions, info


# audit record types that hold no value read on the label (``paper_views``'s test for a reading
# that found nothing)
_NO_VALUE_TYPES = frozenset(("uncertain_text", "tracking", "code_2d", "graphic"))


def _map_quad(M: np.ndarray, q) -> tuple:
    """The four corners of ``q`` through the 3x3 projective map ``M``."""
    p = np.array([[x, y, 1.0] for x, y in q]) @ np.asarray(M, dtype=float).T
    return tuple((float(a / c), float(b / c)) for a, b, c in p)


def _quad_scale(M: np.ndarray, q) -> float:
    """Local length scale of ``M`` at the centre of ``q`` (input pixels per view pixel)."""
    c = np.mean(np.array(q, dtype=float), axis=0)
    a = np.array(_map_quad(M, ((c[0], c[1]), (c[0] + 1, c[1]), (c[0], c[1] + 1))))
    u, v = a[1] - a[0], a[2] - a[0]
    return float(np.sqrt(abs(u[0] * v[1] - u[1] * v[0]))) or 1.0


# a photo's pixels along its border that may be paper for the photo to count as labels on a
# surface (a print raster is paper to its edges)
PAPER_BORDER = 0.5
# a single label is read flattened too when a corner of its outline is this far (degrees) off
# square: a camera tilted out of plane, where the lines converge and columns run together in the
# photo's reading; beyond TILT_MAX the outline is not a label's (a shadow or a fold cut it)
TILT_MIN = 8.0
TILT_MAX = 30.0
# a single label small in the photo (far from the camera) is read flattened and enlarged too: its
# paper's long side is at most FAR_SIDE pixels (a 6-inch label at under ~150 dpi: its small print
# ~10 px tall, which the recogniser misreads or drops; stress part `far`, labels at 0.45-0.6 of
# print size, 520-680 px, kept 32% of their values; the phone photos of the other parts: 1060+)
FAR_SIDE = 900


def corner_skew(back: np.ndarray, w: int, h: int) -> float:
    """Largest angle (degrees) by which a corner of the view ``w`` x ``h`` mapped through
    ``back`` (view -> input pixels) is off a right angle."""
    p = np.array(_map_quad(back, ((0, 0), (w, 0), (w, h), (0, h))))
    out = 0.0
    for i in range(4):
        a, c = p[i - 1] - p[i], p[(i + 1) % 4] - p[i]
        cos = float(np.dot(a, c) / ((np.linalg.norm(a) * np.linalg.norm(c)) or 1.0))
        out = max(out, abs(float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))) - 90.0))
    return out


def paper_views(arr: np.ndarray, lines: list | None = None, boxes: list | None = None) -> list:
    """Each label of a photo that holds two or more, or its one label under a camera tilt
    (a corner of its outline TILT_MIN-TILT_MAX degrees off square) or small in the photo
    (``_far``), flattened and enlarged
    (``verify_read.label_views``): [(view RGB array, 3x3 view -> input pixels)]; none otherwise,
    and none when the image is paper up to its border (a print raster, a scan)."""
    import cv2

    from .verify_read import flatten_views, label_view_maps
    g = cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY) if arr.ndim == 3 else arr
    edge = np.concatenate([g[:4].ravel(), g[-4:].ravel(), g[:, :4].ravel(), g[:, -4:].ravel()])
    _t, _th = cv2.threshold(g[::4, ::4].copy(), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if float(np.mean(edge > _t)) > PAPER_BORDER:
        return []
    # the papers' maps first: a view is flattened (a warp of the photo, ~45 ms) only when it is used
    rgb = arr if arr.ndim == 3 else cv2.cvtColor(arr, cv2.COLOR_GRAY2RGB)
    maps = label_view_maps(rgb, k=3)
    if len(maps) == 1:
        M, w, h = maps[0]
        back = np.linalg.inv(M)
        if not (TILT_MIN <= corner_skew(back, w, h) <= TILT_MAX or _far(back, w, h)
                or (lines is not None and _read_nothing(back, w, h, lines, boxes or []))):
            return []
    return flatten_views(rgb, maps)


def _read_nothing(back: np.ndarray, w: int, h: int, lines: list, boxes: list) -> bool:
    """Whether the photo's reading found text lines inside the one label's paper (three or more)
    and not one value among them: a label on printed matter (a newspaper, a printed box:
    label_holdout's stress photos `texture`) had its reading's orientation set by the print
    around it, and its own lines, read upside down, held nothing (stress seed 133000, a no_bring
    label: every value stood). The paper is then read flattened on its own, which decides its
    own orientation."""
    import cv2

    poly = np.array(_map_quad(back, ((0, 0), (w, 0), (w, h), (0, h))), dtype=np.float32).reshape(-1, 1, 2)

    def inside(x: float, y: float) -> bool:
        return cv2.pointPolygonTest(poly, (float(x), float(y)), False) >= 0

    if any(inside((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in boxes):
        return False
    n = sum(1 for q in lines if inside(*np.asarray(q, dtype=np.float32).mean(axis=0)))
    return n >= 3


# motion blur (pixels at print scale, a label's long side ~1300 px) from which a photo is taken as too
# blurred to read (stress part `motion`, 9-15 px: whole names and streets kept on 43% of values);
# a phone's shake of 5-7 px (the tuned part's `blur`) reads well and measures 4
MOTION_BLUR_PX = 7.0
# the measure's frame: the label's paper (else the image) shrunk to this long side when larger
BLUR_SIDE = 1300
# how deep the dip of the derivative's autocorrelation at the blur length must be
BLUR_DIP = -0.12


def motion_blur(arr: np.ndarray) -> float:
    """Length (pixels, at most BLUR_SIDE on the paper's long side) of a photo's motion blur, 0.0
    when it shows none. A blur along a line of length L turns the image's derivative along that
    line into the difference of two copies L apart: its autocorrelation dips at lag L. The
    direction is the one the strongest gradients avoid (structure tensor); only the label's paper
    is measured (``verify_read.label_view_maps``), and near-black solid areas (fills) and their
    edges are left out, so that a masked output measures as its input."""
    import cv2

    from .verify_read import label_view_maps
    g = cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY) if arr.ndim == 3 else arr
    mask = np.ones(g.shape, np.uint8)
    try:
        maps = label_view_maps(arr if arr.ndim == 3 else cv2.cvtColor(arr, cv2.COLOR_GRAY2RGB), k=1)
    except cv2.error:
        maps = []
    if maps:
        M, w, h = maps[0]
        c = np.round(np.array(_map_quad(np.linalg.inv(M), ((0, 0), (w, 0), (w, h), (0, h))))).astype(np.int32)
        mask = np.zeros(g.shape, np.uint8)
        cv2.fillPoly(mask, [c], 1)
        x0, y0 = np.clip(c.min(0), 0, None)
        x1, y1 = c.max(0) + 1
        g, mask = g[y0:y1, x0:x1], mask[y0:y1, x0:x1]
    if min(g.shape[:2]) < 64:
        return 0.0
    # a first look at half the working size (a quarter of the pixels): a clear dip at a short lag
    # there (a sharp print raster, a steady photo: 2-4 px at the working size) settles it; a longer
    # lag, or none, is measured at the working size
    full = min(1.0, BLUR_SIDE / max(g.shape[:2]))
    half = min(1.0, BLUR_SHARP_SIDE / max(g.shape[:2]))
    if half < full:
        lag = _blur_lag(g, mask, half)
        if 0.0 < lag * full / half <= BLUR_SHARP_PX:
            return lag * full / half
    return _blur_lag(g, mask, full)


# motion_blur's first look: at this long side, a blur measured at most BLUR_SHARP_PX (at the working
# size) is taken as it is (the working size measures the same photos 2-5 px when steady)
BLUR_SHARP_SIDE = BLUR_SIDE // 2
BLUR_SHARP_PX = 4.0


def _blur_lag(g: np.ndarray, mask: np.ndarray, f: float) -> float:
    """``motion_blur``'s measure on the grey paper ``g`` (``mask``: where it is) shrunk by ``f``."""
    import cv2

    if f < 1.0:
        size = (max(8, int(g.shape[1] * f)), max(8, int(g.shape[0] * f)))
        g = cv2.resize(g, size, interpolation=cv2.INTER_AREA)
        mask = cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    k = max(3, int(0.02 * max(g.shape[:2]))) | 1
    mask = cv2.erode(mask, np.ones((k, k), np.uint8))
    # solid fills (a masked output) and 4 px around them
    solid = cv2.morphologyEx((g < 35).astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    mask[cv2.dilate(solid, np.ones((9, 9), np.uint8)) > 0] = 0
    gf = g.astype(np.float32)
    gx = cv2.Sobel(gf, cv2.CV_32F, 1, 0, ksize=3) * mask
    gy = cv2.Sobel(gf, cv2.CV_32F, 0, 1, ksize=3) * mask
    mag = cv2.magnitude(gx, gy)
    if not (mag > 0).any():
        return 0.0
    sel = mag >= np.percentile(mag[mask > 0], 90)
    a, b, c = float((gx[sel] ** 2).sum()), float((gy[sel] ** 2).sum()), float((gx[sel] * gy[sel]).sum())
    th = 0.5 * np.arctan2(2 * c, a - b) + np.pi / 2  # the direction the gradients avoid
    d = np.cos(th) * gx + np.sin(th) * gy
    d = ((d - d[mask > 0].mean()) * mask).astype(np.float32)
    # the circular autocorrelation at the 30 lags along the direction (``_circular_lags``: the
    # values a full FFT gave, to 1e-7 of R[0, 0], in a tenth of its time on a prime-sized paper)
    lags = [(int(round(t * np.sin(th))), int(round(t * np.cos(th)))) for t in range(1, 31)]
    r = _circular_lags(d, [(0, 0)] + lags)
    if r[0] <= 0:
        return 0.0
    vals = np.array(r[1:]) / r[0]
    t = int(np.argmin(vals))
    return float(t + 1) if vals[t] < BLUR_DIP else 0.0


def _circular_lags(d: np.ndarray, lags: list) -> list[float]:
    """The circular autocorrelation of ``d`` (H x W) at each lag (dy, dx): the sum over every pixel
    of ``d[y, x] * d[(y + dy) % H, (x + dx) % W]``, what ``irfft2(|rfft2(d)|^2)`` holds at
    ``[dy % H, dx % W]``, summed directly in float64. The flattened image shifted by ``dy * W + dx``
    pairs each pixel with the right one except in the last ``dx`` columns, where the flat shift
    runs on into the next row: that band is corrected. An FFT of a paper whose sides are primes
    (1229 x 859) took 55 ms; the 31 lags here take 9 (on one BLAS thread)."""
    H, W = d.shape
    f = d.ravel().astype(np.float64)
    n = f.size
    # R(dy, dx) = R(-dy, -dx): every lag is taken with dx >= 0, so that the band is at most
    # the lags' own width (a lag (28, -2) taken as (28, W - 2) made the band the whole image)
    lags = [(-dy, -dx) if dx < 0 else (dy, dx) for dy, dx in lags]
    m = min(W, max((dx for _dy, dx in lags), default=0))
    # the band's columns: a = the last m (the pixels whose partners wrap), e = the first m, each
    # row minus the next row's (the right partner minus the one the flat shift took)
    a = d[:, W - m:].astype(np.float64)
    b = d[:, :m].astype(np.float64)
    e = b - np.roll(b, -1, axis=0)
    out = []
    with _one_blas_thread():
        for dy, dx in lags:
            dy, dx = dy % H, dx % W
            s = dy * W + dx
            c = float(f[:n - s] @ f[s:]) + float(f[n - s:] @ f[:s])
            if dx:
                ab, eb = a[:, m - dx:], e[:, :dx]
                c += float((ab[:H - dy] * eb[dy:]).sum()) + float((ab[H - dy:] * eb[:dy]).sum())
            out.append(c)
    return out


_BLAS: list = []


def _one_blas_thread():
    """A context in which numpy's BLAS runs on the calling thread alone. OpenBLAS spreads a
    million-element dot product over every core and its threads then spin for a while: a label's
    CPU grew by ~0.1 s (in the detection after it) and a second worker lost the core it needed."""
    if not _BLAS:
        from threadpoolctl import ThreadpoolController
        _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas")


def _far(back: np.ndarray, w: int, h: int) -> bool:
    """Whether the paper of a view ``w`` x ``h`` (``back``: view -> input pixels) is a label small
    in the photo: its long side at most FAR_SIDE pixels."""
    p = np.array(_map_quad(back, ((0, 0), (w, 0), (w, h), (0, h))))
    return max(float(np.linalg.norm(p[i] - p[(i + 1) % 4])) for i in range(4)) <= FAR_SIDE


# unread word-sized ink blobs that make a second look worth it, and how close they lie (in line
# heights) to count as one area
SECOND_LOOK_BLOBS = 6
SECOND_LOOK_JOIN = 4.0


# an unread ink area that is a code rather than text: its ink covers this share of its rectangle
# (print and handwriting: 0.10-0.30; a solid badge or bar: more than CODE_FILL_MAX), ink and paper
# alternate along both of the rectangle's axes at least this often per pixel (a linear barcode's
# bars run unbroken along one axis), on a rectangle at least this many pixels across
CODE_FILL = 0.35
CODE_FILL_MAX = 0.85
CODE_CHANGES = 0.04
CODE_SIDE = 30


def code_like(pil_img) -> Quad | None:
    """The rectangle of a second look's area (``unread_areas``) whose ink is a 2D code's modules
    (a PDF417, QR or Data Matrix that no decoder read: dense, broken up along both axes), else None."""
    import cv2

    g = np.asarray(pil_img.convert("L"))
    _thr, ink = cv2.threshold(g, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, lab, stats, _cent = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < 2:
        return None
    # a rule or frame line in the area (a separator across the label) is no part of the code
    # (only blobs whose bounding box is long enough to be one are measured: a diagonal's length is
    # at most 1.42 times its box's longer side)
    span = max(cv2.boundingRect(cv2.findNonZero(ink))[2:])
    for i in range(1, n):
        if max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]) * 1.42 < 0.6 * span:
            continue
        (_c, (cw, ch), _a) = cv2.minAreaRect(cv2.findNonZero((lab == i).astype(np.uint8)))
        if min(cw, ch) <= 6 and max(cw, ch) >= 0.6 * span:
            ink[lab == i] = 0
    pts = cv2.findNonZero(ink)
    if pts is None:
        return None
    rect = cv2.minAreaRect(pts)
    (cx, cy), (w, h), a = rect
    if min(w, h) < CODE_SIDE or not CODE_FILL * w * h <= int(ink.sum()) <= CODE_FILL_MAX * w * h:
        return None
    # a code is printed in black: "ink" that is a coloured mid-tone is a surface around the label
    # (a textured brown card, print on it: Otsu splits surface from paper, and the surface's grain
    # alternates like modules; a third of a photo was filled so). Dark ink (a code however blurred
    # keeps its grey) and grey ink are measured as before
    on = ink.astype(bool)
    if float(np.median(g[on])) > 70:
        sat = cv2.cvtColor(np.asarray(pil_img.convert("RGB")), cv2.COLOR_RGB2HSV)[..., 1]
        if float(np.median(sat[on])) > 40:
            return None
    # the rectangle turned level: how often ink and paper alternate along each axis
    m = cv2.getRotationMatrix2D((cx, cy), a, 1.0)
    m[0, 2] += w / 2 - cx
    m[1, 2] += h / 2 - cy
    flat = cv2.warpAffine(ink, m, (max(1, int(w)), max(1, int(h))), flags=cv2.INTER_NEAREST)
    if flat.size == 0:
        return None
    across = float(np.count_nonzero(np.diff(flat, axis=1))) / flat.size
    along = float(np.count_nonzero(np.diff(flat, axis=0))) / flat.size
    if min(across, along) < CODE_CHANGES:
        return None
    # grown along the code (its thin start and stop bars are no word-sized ink, so the area may
    # stop short of them) and a little across it
    grown = ((cx, cy), (w * (1.25 if w >= h else 1.04), h * (1.25 if h > w else 1.04)), a)
    return tuple((float(x), float(y)) for x, y in cv2.boxPoints(grown))


def unread_areas(arr: np.ndarray, line_quads: list, code_quads: list, off_groups: list = (),
                 blobs: tuple | None = None) -> list:
    """Areas to read again on their own: each group of lines at another angle than the rest
    (``off_groups``: lists of line quads in the input's pixels) and each cluster of text-like ink
    no OCR line covers. [((x0, y0, scale), PIL image)]: the area cut out with everything outside
    its hull (grown by 1.5 line heights) painted in the area's paper colour, enlarged so that its
    ink is at least ~24 px tall. ``blobs``: ``ink.unread_blobs`` of these very lines, codes and
    pixels when the caller has it already."""
    from .ink import unread_blobs
    out = []
    for g in off_groups:
        pts = np.concatenate([np.asarray(q, dtype=np.float32) for q in g])
        hs = [min(np.linalg.norm(np.subtract(q[3], q[0])), np.linalg.norm(np.subtract(q[2], q[1]))) for q in g]
        out.append(_cut_area(arr, pts, float(np.median(hs)), float(np.median(hs)) * 0.7))
    blobs, h, _tot, _cov = blobs if blobs is not None else unread_blobs(
        arr, list(line_quads) + [q for g in off_groups for q in g], code_quads, cover=False)
    if len(blobs) < SECOND_LOOK_BLOBS:
        return out
    cs = np.array([c for c, _b, _a in blobs], dtype=np.float32)
    # blobs within SECOND_LOOK_JOIN line heights of each other are one area (union-find)
    parent = list(range(len(blobs)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    d = np.sqrt(((cs[:, None, :] - cs[None, :, :]) ** 2).sum(-1))
    for i, j in zip(*np.nonzero(d < SECOND_LOOK_JOIN * h)):
        if i < j:
            parent[root(i)] = root(j)
    groups: dict = {}
    for i in range(len(blobs)):
        groups.setdefault(root(i), []).append(i)
    for idx in groups.values():
        if len(idx) < SECOND_LOOK_BLOBS:
            continue
        pts = np.concatenate([np.asarray(blobs[i][1], dtype=np.float32) for i in idx])
        short = float(np.median([min(np.linalg.norm(np.subtract(b[1], b[0])), np.linalg.norm(np.subtract(b[2], b[1])))
                                 for _c, b, _a in (blobs[i] for i in idx)]))
        out.append(_cut_area(arr, pts, h, short))
    return out


def _cut_area(arr: np.ndarray, pts: np.ndarray, h: float, ink_h: float):
    """The hull of ``pts`` grown by 1.5 ``h``, cut out of ``arr`` with the rest painted in the
    hull's paper colour, enlarged so that ink ``ink_h`` px tall becomes ~24 px: ((x0, y0, scale), image)."""
    import cv2
    from PIL import Image
    H, W = arr.shape[:2]
    hull = cv2.convexHull(pts.astype(np.float32))
    hp = hull.astype(np.int32).reshape(-1, 2)
    g = max(3, int(1.5 * h))
    # the hull and its growth by g px lie inside the hull's bounding box grown by g: the mask is
    # drawn and grown in that window of the image only (the same pixels as on an image-sized
    # mask, where a dilation of a full photo took ~0.3 s)
    wx0, wy0 = max(0, int(hp[:, 0].min()) - g - 1), max(0, int(hp[:, 1].min()) - g - 1)
    wx1, wy1 = min(W, int(hp[:, 0].max()) + g + 2), min(H, int(hp[:, 1].max()) + g + 2)
    m = np.zeros((max(0, wy1 - wy0), max(0, wx1 - wx0)), np.uint8)
    if m.size:
        cv2.fillPoly(m, [hp - np.array([wx0, wy0], np.int32)], 255)
        m = cv2.dilate(m, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * g + 1, 2 * g + 1)))
    ys, xs = np.nonzero(m)
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    inside = m[y0:y1, x0:x1] > 0
    x0, x1, y0, y1 = x0 + wx0, x1 + wx0, y0 + wy0, y1 + wy0
    sub = np.array(arr[y0:y1, x0:x1])
    paper = np.percentile(sub[inside].reshape(-1, sub.shape[-1]) if sub.ndim == 3 else sub[inside], 90, axis=0)
    sub[~inside] = paper.astype(sub.dtype)
    f = float(min(3.0, max(1.0, 24.0 / max(ink_h, 1.0))))
    img = Image.fromarray(sub)
    if f > 1.05:
        img = img.resize((int(sub.shape[1] * f), int(sub.shape[0] * f)), Image.LANCZOS)
    else:
        f = 1.0
    return (x0, y0, f), img


# a group of lines at another angle than the label's (degrees off the dominant direction, how
# tightly they agree, how many): a second label, or a label on printed paper that set the skew
OFF_ANGLE_MIN = 12.0
OFF_ANGLE_SPREAD = 4.0
OFF_ANGLE_LINES = 3


# a cluster of lines read poorly beside lines read well: a second label upside down or at a
# quarter turn to the first (the reading's turn was chosen for the other one)
POOR_SCORE = 0.8
POOR_LINES = 4


def poor_groups(lines: list) -> list[list[int]]:
    """Indices of lines read with low confidence, in clusters (centres within 4 line heights) of
    at least ``POOR_LINES`` that outnumber the well-read lines among them; none when the reading
    has fewer than 3 well-read lines (all of it is poor: a second look would see the same)."""
    good = [i for i, l in enumerate(lines) if l.score >= POOR_SCORE and len(l.text.strip()) >= 2]
    poor = [i for i, l in enumerate(lines) if l.score < POOR_SCORE and len(l.text.strip()) >= 2]
    if len(good) < 3 or len(poor) < POOR_LINES:
        return []
    def centre(i):
        return np.mean(np.array(lines[i].box, dtype=float), axis=0)
    def height(i):
        p = np.array(lines[i].box, dtype=float)
        return float(np.linalg.norm(p[3] - p[0]))
    h = float(np.median([height(i) for i in good + poor])) or 1.0
    cs = {i: centre(i) for i in good + poor}
    parent = {i: i for i in poor}

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i
    for a in poor:
        for b in poor:
            if a < b and np.linalg.norm(cs[a] - cs[b]) < 4 * h:
                parent[root(a)] = root(b)
    groups: dict = {}
    for i in poor:
        groups.setdefault(root(i), []).append(i)
    out = []
    for g in groups.values():
        if len(g) < POOR_LINES:
            continue
        # the well-read lines among them: within 2 line heights of one of the cluster's lines
        inside = [i for i in good if min(np.linalg.norm(cs[i] - cs[j]) for j in g) < 2 * h]
        if len(inside) < len(g):
            out.append(sorted(g))
    return out


def off_angle_groups(lines: list, dominant: float) -> list[list[int]]:
    """Indices of lines that run at another angle than ``dominant`` (radians), in groups that
    agree on their angle (a continuum of angles, the perspective of one tilted label, is not a
    group)."""
    cand = []
    for i, l in enumerate(lines):
        if len(l.text.strip()) < 3:
            continue
        p = np.array(l.box, dtype=float)
        if float(np.linalg.norm(p[1] - p[0])) <= 2 * float(np.linalg.norm(p[3] - p[0])):
            continue
        d = float(np.degrees(line_angle(l.box) - dominant))
        d = (d + 90.0) % 180.0 - 90.0
        if abs(d) >= OFF_ANGLE_MIN:
            cand.append((d, i))
    cand.sort()
    groups, cur = [], []
    for d, i in cand:
        if cur and d - cur[-1][0] > OFF_ANGLE_SPREAD:
            groups.append(cur)
            cur = []
        cur.append((d, i))
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        ds = [d for d, _ in g]
        if len(g) >= OFF_ANGLE_LINES and max(ds) - min(ds) <= 2 * OFF_ANGLE_SPREAD:
            out.append([i for _, i in g])
    return out


def other_script_suspect(lines: list, dropped: int = 0) -> bool:
    """Whether a reading looks like a script the engine's model does not know: three lines (or two
    that are a quarter of them) read with less than ``POOR_SCORE`` or ``dropped`` (rapidocr reads a
    Thai or Korean line as Latin or Chinese look-alikes at 0.4-0.75, or as nothing), or no line at
    all. A blurred photo looks the same (13 of 70 generated photos and labels of the held-out and
    stress parts): its script is then guessed from the poor lines (``ocr.guess_script``)."""
    ls = [l for l in lines if l.text.strip()]
    if not any(len(l.text.strip()) >= 2 for l in ls):
        return True
    # (a line read as one character is a poor line too: rapidocr read a Korean name line as '：' at
    # 0.5-0.6, and the other Korean lines as Chinese at 0.85-0.95; label_gen kr_cj, seed 32100)
    poor = sum(l.score < POOR_SCORE or sparse_line(l) for l in ls) + dropped
    return poor >= 3 or (poor >= 2 and 4 * poor >= len(ls) + dropped)


# a line box whose reading holds fewer characters than this per box height of its length
SPARSE_DENSITY = 0.3


# Greek and Cyrillic letters: rapidocr's model holds a few of them (it read a Russian 'кг' as 'κF', a
# Greek label's 'Αποστολέας: Γιώργος Παπαδόπουλος' as 'πστλα: ρ ατατυλ' at 0.83, the letters it lacks
# dropped and the masks placed by the rest); no line of 72 generated Latin, Chinese, Thai and Korean
# labels and photos was read with one
_GREEK_CYRILLIC = re.compile("[\u0370-\u03ff\u0400-\u04ff]")


def sparse_line(l) -> bool:
    """Whether the engine read far fewer characters than its box is long: rapidocr's model reads a
    Russian line as the punctuation and digits between its words (``'Получатель: Кузнецова Мария'``
    as ``':   '`` at 0.84, ``'пр-т Ленина, д. 17, кв. 45'`` as ``'- , . 17, . 45'`` at 0.94), with
    confidence. A line of print holds 0.7-2 characters per box height of its length (Latin, Chinese,
    digits); no line of 96 generated labels and photos of 14 templates held fewer than 0.45. Boxes
    less than 4 heights long (a word, a digit) are not judged. A line read with two Greek or
    Cyrillic letters is one too (the model holds a few of them, ``_GREEK_CYRILLIC``), and so is a
    line whose words were read as their punctuation alone (``'. , . 53, . 5, . 228'`` of ``'ул.
    Садовая, д. 53, корп. 5, кв. 228'`` at 0.93): two such words at least, two fifths of its words."""
    if len(_GREEK_CYRILLIC.findall(l.text)) >= 2:
        return True
    words = l.text.split()
    bare = sum(not any(c.isalnum() or c in "|" for c in w) for w in words)
    if bare >= 2 and 5 * bare >= 2 * len(words):
        return True
    return few_chars(l)


def few_chars(l, density: float = SPARSE_DENSITY) -> bool:
    """Whether a line's box (4 heights long or more) holds fewer than ``density`` characters read per
    height of its length (``sparse_line``; a wide character counts two)."""
    (x0, y0), (x1, y1), _p2, (x3, y3) = l.box
    w, h = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
    if h < 1 or w < 4 * h:
        return False
    # (a Chinese, Japanese or Korean character is two: it is as wide as its height)
    n = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.text if not c.isspace())
    return n < density * w / h


def _half_turn(rd: "Reading", engine) -> "Reading":
    """``rd``'s page turned by 180 degrees and read again by ``engine`` (an upright page the engine
    read upside down); the quads it detected and read as nothing are turned with it."""
    h, w = rd.image.shape[:2]
    img = np.ascontiguousarray(np.rot90(rd.image, 2))
    lines = engine.read(img)

    def turned(q):
        p = [(w - 1 - x, h - 1 - y) for x, y in q]
        return (p[2], p[3], p[0], p[1])
    return Reading(lines, rd.back @ _quarter_back(2, w, h), dominant_angle(lines), rd.rotation + 180, img,
                   tuple(turned(q) for q in rd.dropped))


def read_other_script(rd: "Reading", arr: np.ndarray, engine=None) -> tuple[str | None, "Reading", bool | str]:
    """(script, reading, unread) for a reading that ``other_script_suspect``: the script of the
    lines read poorly or not at all (``ocr.guess_script``); when it is one of ``ocr.OTHER_SCRIPTS``,
    every line the engine detected is read again by that script's reader and English, each cut out
    along its own quad (``TesseractEngine.read_boxes``), and the engine's own reading is kept only
    where it read a line of plain ASCII with confidence (a phone, a tracking number, a carrier's
    name: read better by the engine than by Tesseract) and Tesseract read no two letters of the
    script there. Tesseract's reading of the whole page is added where it holds lines whose centre
    no detected box covers.
    A guess that is not sure stands only where Tesseract's script detection (``ocr.page_script``,
    on the same strip of lines: 0.1 s where the whole page took 0.2-0.9 s, and it named the script of
    6 of 8 generated Thai and Korean labels there, of 4 on the whole page) sees the same script.
    Where the engine read Greek or Cyrillic letters, only those two scripts are guessed among.
    Where no reader knows the strip, it is guessed again turned over: an upright page the engine
    read upside down (``engine`` given) is then read again turned by 180 degrees (``_half_turn``).
    (None, rd, False) for any other script, or when the new reading holds fewer than 3 of the
    script's letters; (script, rd, True) where Tesseract's script detection names a script of
    ``OTHER_SCRIPTS`` whose reader is not installed; (script, rd, "unsure") where the engine read
    Greek or Cyrillic letters and no reader of either is sure of the page, or where a reader read
    the strip better than English but is not sure and Tesseract's script detection names another
    script."""
    from .ocr import OTHER_SCRIPTS, SCRIPT_RICH_LETTERS, guess_script, line_strip, page_script, script_letters, script_reader

    img = rd.image if rd.image is not None else arr
    poor = [l.box for l in rd.lines if (l.score < POOR_SCORE or sparse_line(l)) and l.text.strip()]
    strip = line_strip(img, list(rd.dropped) + poor)
    if strip is None:
        return None, rd, False
    # (the engine read Greek or Cyrillic letters: the page is in one of those two; Thai's reader, which
    # turns any ink into single Thai letters, read a blurred Greek photo's strip at 59.5 to Greek's 54)
    among = (frozenset({"Cyrillic", "Greek"}) if any(len(_GREEK_CYRILLIC.findall(l.text)) >= 2 for l in rd.lines)
             else None)
    script, sure = guess_script(strip, among)
    if script is None and engine is not None and rd.image is not None:
        # (an upright label the engine read upside down: its readings of letters it does not know
        # scored better turned, and every reader failed on the strip of its lines; an Arabic label
        # in a bold font, label_gen ae_aramex, seed 34000, whose names, phones and streets were all
        # kept. Guessed again on the strip turned over; where a reader knows it that way, the page
        # is read again turned over by the engine too, its numbers the right way round)
        script, sure = guess_script(np.ascontiguousarray(strip[::-1, ::-1]), among)
        if script is not None:
            strip = np.ascontiguousarray(strip[::-1, ::-1])
            rd = _half_turn(rd, engine)
            img = rd.image
    seen = None
    doubted = None
    if script is not None and not sure:
        seen = page_script(strip)
        if seen != script and not (script == "Korean" and seen == "Hangul"):
            script, doubted = None, script
    if script is None:
        # a script whose reader is not installed here (guess_script asks only installed ones):
        # Tesseract's own script detection says so where it can, and the page is then filled as
        # an uncertain reading is, every unread piece of ink too, and recorded
        # (not Cyrillic nor Greek: OSD called a blurred US photo Cyrillic, and a Korean photo's strip;
        # rapidocr reads the letters those scripts share with Latin; unless two lines at least were
        # read as the punctuation between their words, ``sparse_line``: a Russian label)
        seen = seen or page_script(strip)
        if seen in OTHER_SCRIPTS and script_reader(seen) is None and (among is None or seen in among) and (
                seen not in ("Cyrillic", "Greek") or sum(sparse_line(l) for l in rd.lines) >= 2):
            return seen, rd, True
        if among is not None:
            # a page the engine read Greek or Cyrillic letters on, which no installed reader reads
            # with confidence (a blurred Greek photo: Greek's reader at 54, the engine's reading
            # missing half its letters and its masks placed by the rest): filled as an unread page
            greek = sum(len(re.findall("[\u0370-\u03ff]", l.text)) for l in rd.lines)
            cyr = sum(len(re.findall("[\u0400-\u04ff]", l.text)) for l in rd.lines)
            return (seen if seen in among else "Greek" if greek > cyr else "Cyrillic"), rd, "unsure"
        if doubted is not None:
            # a reader of another script read the poor lines better than English, and with 60 or more,
            # but not sure of them, and Tesseract's script detection names another script (a blurred
            # Thai photo, its marks lost: Thai at 73, OSD 'Latin'; its names and addresses stood in
            # share, the page taken for a Latin one): filled as an unread page
            return doubted, rd, "unsure"
        if seen in OTHER_SCRIPTS and seen not in ("Cyrillic", "Greek", "Thai") and \
                script_letters(strip, seen) >= SCRIPT_RICH_LETTERS:
            # Tesseract's script detection names a script whose installed reader reads 20 of its
            # letters or more in the poor lines, with less confidence than a guess needs (an Arabic
            # photo whose detected boxes held two lines each: Arabic's reader at 40, 38 letters;
            # everything stood, the page taken for a Latin one; label_gen ae_aramex, seed 34400):
            # filled as an unread page (not Cyrillic nor Greek: OSD called a blurred US photo Cyrillic;
            # nor Thai, whose reader reads any ink as bare consonants with confidence)
            return seen, rd, "unsure"
        return None, rd, False
    reader = script_reader(script)
    quads = [l.box for l in rd.lines] + list(rd.dropped)
    got = reader.read_boxes(img, quads)
    letters = re.compile(f"[{OTHER_SCRIPTS[script][1]}]")
    lines = []
    for i, t in enumerate(got):
        l0 = rd.lines[i] if i < len(rd.lines) else None
        if l0 is not None and script in ("Cyrillic", "Greek") and l0.score >= ENGINE_ASCII_SCORE and \
                len(_CJK.findall(l0.text)) >= 2:
            # (a Chinese line on a page with a Russian block, a cross-border parcel's sender: the
            # engine reads it, Tesseract's Russian reader read '寄件人：王小明' as 'SFA: Е/ЛН'; the
            # engine reads no Cyrillic or Greek line as Chinese, unlike a Korean one)
            lines.append(l0)
        elif t is not None and len(letters.findall(t.text)) >= 2:
            # (the script's own words: 'ชื่อผู้รับ: สมชาย' read by rapidocr as 'xy,' at 0.9), with the
            # engine's reading of a number or code that ends the line
            lines.append(_spliced(t, l0, letters) if l0 is not None else t)
        elif l0 is not None and l0.score >= ENGINE_ASCII_SCORE and l0.text.isascii() and \
                sum(c.isalnum() for c in l0.text) >= 3:
            lines.append(l0)
        elif t is not None:
            lines.append(t)
        elif l0 is not None:
            lines.append(l0)
    # (and the page read whole: the engine's boxes may hold one word of a line, 'xy,' of a Thai
    # recipient's line, its name outside every box and in no unread ink of its own)
    for t in reader.read(img):
        c = np.mean(np.array(t.box, dtype=float), axis=0)
        if not any(_inside_quad(c, q) for q in quads):
            lines.append(t)
    if sum(len(letters.findall(l.text)) for l in lines) < 3:
        return None, rd, False
    return script, Reading(lines, rd.back, rd.angle, rd.rotation, img), False


_CJK = re.compile("[\u4e00-\u9fff\u3040-\u30ff]")
# a line the engine read in plain ASCII with at least this confidence stays the engine's on a page
# read again in another script (``read_other_script``)
ENGINE_ASCII_SCORE = 0.9
# a number or code (4 digits at least, capitals, '-', '/', '.' and spaces inside) ending a line
_CODE_TAIL = re.compile(r"(?:^|(?<=[\s:：]))[A-Z0-9](?=(?:[A-Z0-9\-./ ]*\d){4})[A-Z0-9\-./ ]*[A-Z0-9]$")


def _spliced(t: OcrLine, l0: OcrLine, letters) -> OcrLine:
    """Tesseract's reading ``t`` of a line in another script, its number or code at the end as the
    engine read it (``l0``, the same box) where the engine read one there with confidence: a tracking
    number after 'เลขพัสดุ:' (Tesseract read 'KEX1584045751' as '๕ %1584045751' and the line was
    filled, the number under the barcode kept; rapidocr read 'la1q: KEX1584045751'), a phone after
    'โทร', a postcode after a province. Tesseract's own tail after its last letter of the script is
    dropped; each part keeps its own character boxes."""
    m = _CODE_TAIL.search(l0.text.rstrip())
    if m is None or l0.score < POOR_SCORE:
        return t
    last = max((k.end() for k in letters.finditer(t.text)), default=0)
    head = t.text[:last]
    rest = re.match(r"\s*[:：]?\s*", t.text[last:])
    head += t.text[last:last + rest.end()]
    if not head.endswith((" ", ":", "：")):
        head += " "
    text = head + m.group()
    boxes = list(t.char_boxes[:len(head)])
    while len(boxes) < len(head):  # (the space added: the box of the character before it)
        boxes.append(boxes[-1] if boxes else l0.char_boxes[m.start()])
    boxes += list(l0.char_boxes[m.start():m.end()])
    return OcrLine(text, min(t.score, l0.score), t.box, tuple(boxes))


def _analyse_read(pil_img, engine_name: str, engine, recs: list, report: bool, page: int = 1,
                  second: bool = False, blur: float = 0.0, payloads: tuple = ()):
    from . import layout

    ocr = engine.ocr.get(engine_name)  # the OCR engines the masking engine was given
    arr = np.asarray(pil_img)
    rd = read_oriented(ocr, arr, full=report)
    # a label in a script the engine's model does not read (Thai, Korean, ...): read again by a reader
    # of that script where one is installed, masked as an uncertain reading is (``fail_safe``); where
    # none is, everything the layout cannot place as harmless print is filled, and recorded
    script, script_unread = None, False
    if getattr(ocr, "name", "") == "rapidocr" and other_script_suspect(rd.lines, len(rd.dropped)):
        script, rd, script_unread = read_other_script(rd, arr, ocr)
    lines = merge_line_fragments(rd.lines, rd.angle)
    off: list = []
    if not second:
        # lines at another angle (a second label, a label at an angle on printed paper) are not
        # this reading's blocks: left out here and read again on their own
        groups = off_angle_groups(lines, rd.angle)
        gone = {i for g in groups for i in g}
        if groups and len(gone) < len(lines):
            off = [[rd.to_input(lines[i].box) for i in g] for g in groups]
            lines = [l for i, l in enumerate(lines) if i not in gone]
        # lines read poorly in a cluster of their own: read again on their own too (they stay in
        # this reading as well, which masks what it can of them)
        off += [[rd.to_input(lines[i].box) for i in g] for g in poor_groups(lines)]
    # zxing-cpp reads a PIL image in RGB as Pillow's own grey of it (``convert("L")``; the same
    # codes at the same places, checked on 71 labels): that grey is made once here, and the bars'
    # extent below reads it too
    lum = np.asarray(pil_img.convert("L")) if pil_img.mode == "RGB" else None
    codes = [(b, _bq(b)) for b in _barcodes(lum if lum is not None else pil_img)]
    if rd.image is not None and abs(rd.rotation) % 90 > 1:
        # a tilted code reads best level: decode the straightened image too, boxes mapped back
        from PIL import Image
        for b in _barcodes(Image.fromarray(rd.image)):
            q = rd.to_input(_bq(b))
            c = np.mean(np.array(q), axis=0)
            # the same code found twice (same payload, same place) is one code; a second copy of
            # a tracking barcode in the stub is another
            if not any(_fmt_name(b) == _fmt_name(o) and _payload(b) == _payload(o) and
                       _inside_quad(c, oq) for o, oq in codes):
                codes.append((b, q))
    if codes:
        # a linear code's fill covers all of its bars, not only the rows the decoder read
        gray = arr if arr.ndim == 2 else lum if lum is not None else np.asarray(pil_img.convert("L"))
        codes = [(b, q if _fmt_name(b) in TWO_D_FORMATS else bar_extent(gray, q)) for b, q in codes]
    if not lines and not codes:
        raise InputError("no text could be read from the image (OCR found nothing)")
    # layout coordinates: text level, scaled so that a typical line is ~30 units tall (the scale of a
    # 203 dpi print stream, which the shared label logic is tuned to)
    ca, sa = float(np.cos(rd.angle)), float(np.sin(rd.angle))
    geoms = [layout_geom(l.box, ca, sa) for l in lines]
    hs = sorted(g[3] - g[2] for g, l in zip(geoms, lines) if len(l.text.strip()) >= 2)
    unit = 30.0 / max(8.0, hs[len(hs) // 2]) if hs else 1.0
    fields = []
    for i, (l, g) in enumerate(zip(lines, geoms)):
        x0, x1, y0, y1 = g
        f = layout.Unit(i, int(x0 * unit), int(y0 * unit), max(1, int((y1 - y0) * unit)), "N", "text",
                        text=town_letters(l.text), w=int((x1 - x0) * unit))
        fields.append(f)
    base = len(fields)
    for j, (b, _q) in enumerate(codes):
        fname = _fmt_name(b)
        kind = "2d" if fname in TWO_D_FORMATS else "linear"
        fields.append(layout.Unit(base + j, 0, 0, 0, "N", kind, text=_payload(b), barcode=fname))
    # ``dispose`` asks for the fail-safe reading below too: a consumer's label leaves nothing
    # personal and nothing to trace the parcel by, so what the layout cannot place as harmless print
    # is filled, whatever the engine
    dispose = engine.policy.preset == "dispose"
    # a photo too blurred to read (motion blur of MOTION_BLUR_PX or more at print scale): what the
    # engine reads there is not to be trusted either way, so it is masked as an uncertain reading
    # is (every line not placed with certainty as non-personal filled whole, unread ink too), and
    # recorded; verify cannot call such an image clean (``checks.Verification``)
    blurred = blur >= MOTION_BLUR_PX
    fail_safe = report is False and (dispose or blurred or script is not None
                                     or bool(getattr(ocr, "fail_safe", ocr.name == "tesseract")))
    # lines printed along a barcode (its human-readable number, ``code_number_lines``), with the
    # decoded payload of that code (None: bars that no decoder read, found by their shape). A lone
    # number there is the code's own number: the layout does not guess it is a phone; and the
    # fail-safe reading keeps such a line when it reads as that code's number (``fail_safe_lines``)
    along: dict[int, str | None] = {}
    if any(layout.bare_number(l.text) for l in lines) or (fail_safe and not dispose and any(
            _CODE_TOKEN.fullmatch(_compact_code(l.text)) for l in lines)):
        lq = [rd.to_input(l.box) for l in lines]
        for b, q in codes:
            if _fmt_name(b) not in TWO_D_FORMATS:
                for i in code_number_lines(lq, [q]):
                    along.setdefault(i, _payload(b))
        for i in code_number_lines(lq, undecoded_codes(arr, [q for _b, q in codes], qr=False)):
            along.setdefault(i, None)
    code_text = {i for i in along if layout.bare_number(lines[i].text)}
    lrecs: list = []
    changes = layout.mask_label(fields, engine, engine.policy, lrecs, page, report, xtol=24, ygap=1.9,
                                 shapes=True, code_text=code_text)
    lrecs = [r.but(where={"page": page, **{k2: v for k2, v in r["where"].items() if k2 not in ("label",)}})
             for r in lrecs]
    vi_page = bool(changes) and any(_VI_READ.search(x.text) for x in lines)
    # (and a line this low in the input, ~12 px of glyphs: a kept initial's box, an estimate, took the
    # next letter or two of a tiny tilted sender line, 'O'B' of 'O'Brien' read as 'OBrien'; held-out
    # seed 84700, ch_post photo)
    small = {i for i, l in enumerate(lines)
             if float(np.linalg.norm(np.subtract(l.box[3], l.box[0]))) * _scale(rd) < SMALL_LINE_PX} if changes else set()
    if vi_page or small & set(changes):
        widen = set(range(len(lines))) if vi_page else small
        # a Vietnamese label as rapidocr reads it has lost the letters its dictionary lacks ('Tuấn'
        # reads 'Tun', 'Trần' 'Trân'): a word's characters' boxes are spread over more glyphs than
        # the reading holds, and a kept initial's box took the next letter too ('Tu' of a masked
        # 'Tuấn' stood; found by hand, 2026-12-07). A word partly masked there is masked whole.
        # A name is masked whole there, its initials too: a word the reading cut to its initial ('V'
        # of 'Vũ', the ũ dropped) had nothing to mask and stood with its lost letter (label_gen vn_ghn).
        # Masked words apart by blanks only are one run: a letter dropped at a word's end ('S' of
        # 'Số') lies in the blank between them.
        names: dict = {}
        for r in lrecs:
            w = r["where"]
            if r["type"] == "name" and "start" in w and w.get("field") in widen and (
                    vi_page or not any(ord(c) > 0x2E80 for c in lines[w["field"]].text[w["start"]:w["end"]])):
                # (a low line's Latin names only: a Chinese or Japanese character is one glyph, its
                # box no estimate across a word of proportional letters)
                names.setdefault(w["field"], []).append((w["start"], w["end"], "*" * (w["end"] - w["start"])))
        # (the lines only: the fields after them are the codes' payloads; on a low line only the
        # names' runs: its other words' kept parts, a town's, a postcode's head, stay as they were)
        for i in names:
            changes.setdefault(i, [])
        if vi_page:
            changes = {i: _whole_words(lines[i].text, runs + names.get(i, [])) if i in widen else runs
                       for i, runs in changes.items()}
        else:
            for i, got in names.items():
                inside = [x for x in changes[i] if any(a <= x[0] < z for a, z, _r in got)]
                changes[i] = sorted([x for x in changes[i] if x not in inside] + _whole_words(lines[i].text, inside + got))
    regions: list[Region] = []
    # an engine whose reading is uncertain (Tesseract): every line not placed with certainty as
    # non-personal is filled whole (``fail_safe_lines``)
    whole: dict[int, str] = {}
    if script_unread:
        # (verify cannot call such a page clean: ``checks.Verification``)
        lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "script": script,
                                                           **({"unsure": True} if script_unread == "unsure" else {})},
                                  "image.script_unread", 0.0, "fail_safe_line",
                                  engine.keys.value_mac(f"{page}:script:{script}")))
        # the boxes the engine detected and read as nothing are text no reader read: filled too, as
        # its lines are (an Arabic photo's name lines were such boxes, and their ink, small and at
        # an angle, no unread piece: the names stood; label_gen ae_aramex, seed 34400, no. 2)
        for q in rd.dropped:
            qi = rd.to_input(q)
            c = np.mean(np.array(qi, dtype=float), axis=0)
            if any(_inside_quad(c, cq) for _b, cq in codes):
                continue
            regions.append(Region(qi, "uncertain", "fail_safe_line"))
            xs, ys = [p[0] for p in qi], [p[1] for p in qi]
            box = [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]
            lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "box": box}, "ocr.unread_box", 0.0,
                                      "redact", engine.keys.value_mac(f"{page}:box:{box[0]},{box[1]}")))
    if blurred:
        lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "blur_px": round(float(blur), 1)},
                                  "image.motion_blur", 0.0, "fail_safe_line",
                                  engine.keys.value_mac(f"{page}:motion_blur")))
    # a "line" whose centre lies on a decoded code is the code's modules or bars read as text: the
    # code is kept or masked by its own rule (a low-confidence reading of a QR code's modules was
    # filled whole over half the code, stress seed 112000)
    on_code = [any(_inside_quad(np.mean(np.array(rd.to_input(l.box)), axis=0), q) for _b, q in codes)
               for l in lines] if codes else [False] * len(lines)
    if fail_safe:
        for i, why in fail_safe_lines(lines, changes, codes, engine.policy, on_code, along, payloads).items():
            if why:
                whole[i] = why
            elif i in changes:
                # the barcode's own number read with a wrong character: what the layout took for a
                # phone in it is the tracking number
                del changes[i]
                lrecs[:] = [r for r in lrecs if r["where"].get("field") != i]
    if fail_safe:
        # (a line with South Asian letters: Tesseract gives its characters' boxes as even shares of a
        # word's, which conjuncts and vowel signs throw off by a character or more: a Bengali region
        # line's masked postcode tail was filled one character short, and a '০' stood; label_gen
        # bd_post, seed 35100, no. 19. Such a line's masked runs are widened to whole words)
        for i, runs in list(changes.items()):
            # (changes may be keyed past the lines: a code's fields)
            if runs and isinstance(i, int) and 0 <= i < len(lines) and _INDIC_LETTER.search(lines[i].text):
                changes[i] = _whole_tokens(lines[i].text, runs)
            elif runs and isinstance(i, int) and 0 <= i < len(lines):
                # (and a run of digits right before a comma or a full stop takes the mark: the
                # boxes of a word such as '354000,' are even shares of it, and the narrow comma's
                # share put the last digit's right edge too far left; a Russian region line's
                # postcode tail showed a digit, label_gen ru_cdek, seed 33500, on the start code too)
                t = lines[i].text
                changes[i] = [(a, z + 1, rep + "*") if z < len(t) and t[z] in ",.;" and t[z - 1].isdigit()
                              else (a, z, rep) for a, z, rep in runs]
    others = None  # quads of every line and code, where a masked line's unread tail stops
    for i, l in enumerate(lines):
        if i in whole:
            regions.append(Region(rd.to_input(l.box), "uncertain", "fail_safe_line"))
            lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "line": i},
                                      "ocr.uncertain_line." + whole[i], round(l.score, 3), "redact",
                                      engine.keys.value_mac(l.text)))
            continue
        if fail_safe and changes.get(i):
            # a kept region with its masked rest: the rest is filled from the last kept
            # character's right edge to the line's end (an estimated first box of the rest left
            # half of its character readable: '浙江省金华市东阳市解')
            kept = [c for c, ch in enumerate(l.text)
                    if not ch.isspace() and not any(a <= c < z for a, z, _r in changes[i])]
            # (not on a line of a right-to-left script: its logical end is not its right end, and
            # the fill to the right covered an Arabic region line's town, 'الدمام 32241')
            if kept and max(kept) + 1 < len(l.text) and not _RTL_LETTER.search(l.text):
                lc = l.char_boxes[max(kept)]
                regions.append(Region(rd.to_input((lc[1], l.box[1], l.box[2], lc[2])), "text", "fill", "",
                                      (0.0, None), i))
        for a, z, _rep in changes.get(i, ()):
            # one quad per masked run of characters: first character's left edge to last's right
            seg = l.text[a:z]
            if not seg.strip():
                continue
            a2 = a + (len(seg) - len(seg.lstrip()))
            z2 = z - (len(seg) - len(seg.rstrip()))
            qa, qz = l.char_boxes[a2], l.char_boxes[z2 - 1]
            span = _run_span(l.box, qa, qz)
            rep = _rep.strip()
            # (a line of a right-to-left script: its characters' order is not their places' order,
            # so the run's ends stay where its boxes put them, and its ends are found by place)
            rtl = _RTL_LETTER.search(l.text) is not None
            reach = (None, None) if rtl else (_gap(l, a2 - 1, a2, changes.get(i, ()), rd.image),
                                              _gap(l, z2 - 1, z2, changes.get(i, ()), rd.image))
            regions.append(Region(rd.to_input(span), "text", "fill", rep,
                                  tuple(None if r is None else r * _scale(rd) for r in reach), i))
            if report is False:
                # the line's words past its read end (or before its read start) that no reading
                # covers: filled as the run's own, and recorded
                for fwd, at_end, c in (_visual_ends(l, a2, z2) if rtl else
                                       ((True, z2 == len(l.text.rstrip()), z2 - 1),
                                        (False, a2 == len(l.text) - len(l.text.lstrip()), a2))):
                    if not at_end:
                        continue
                    if others is None:
                        others = [rd.to_input(x.box) for x in lines] + [q for _b, q in codes]
                    tq = unread_tail(arr, rd.to_input(l.box), rd.to_input(l.char_boxes[c]), fwd,
                                     others[:i] + others[i + 1:])
                    if tq is not None:
                        regions.append(Region(tq, "text", "fill", "", (None, None), i))
                        xs, ys = [p[0] for p in tq], [p[1] for p in tq]
                        lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "line": i},
                                                  "ocr.unread_tail", 0.0, "redact",
                                                  engine.keys.value_mac(f"{page}:tail:{int(min(xs))},{int(min(ys))}")))
        if i in changes and l.score < UNSURE_LINE and report is False:
            # personal data found on a line read with low confidence: the rest of the line may be
            # a misread name (Tesseract reads 收 殳娜琪 as "UST QURIH"): the whole line is filled
            regions.append(Region(rd.to_input(l.box), "uncertain", "fail_safe_line"))
            lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "line": i}, "ocr.unsure_line",
                                      round(l.score, 3), "fail_safe_line", engine.keys.value_mac(l.text)))
        elif (l.score < LOW_CONFIDENCE or _garbled(l.text)) and i not in changes and _looks_personal(l.text) \
                and not on_code[i]:
            # too uncertain to place the mask exactly: mask the whole line (fail safe); a reading
            # full of misread marks is uncertain whatever its score (a blurred sender line read
            # 'EX9601130k b<1am Vam 604 8049>117 ...' at 0.53 stood whole)
            regions.append(Region(rd.to_input(l.box), "uncertain", "fail_safe_line"))
            lrecs.append(audit_record(T.UNCERTAIN_TEXT, None, {"page": page, "line": i}, "ocr.low_confidence",
                                      round(l.score, 3), "fail_safe_line", engine.keys.value_mac(l.text)))
    if any(r.kind == "text" for r in regions):
        # every kept character of a line that is not filled whole: a fill's margin around a masked
        # run never blacks it (lines of a tilted photo lie close; the masked characters' own
        # quads are filled in any case)
        unsure = {i for i, l in enumerate(lines) if (i in changes and l.score < UNSURE_LINE and report is False) or (
            (l.score < LOW_CONFIDENCE or _garbled(l.text)) and i not in changes and _looks_personal(l.text)
            and not on_code[i])} | set(whole)
        for i, l in enumerate(lines):
            if i in unsure:
                continue
            runs = changes.get(i, ())
            for c, ch in enumerate(l.text):
                if not ch.isspace() and not any(a <= c < z for a, z, _r in runs):
                    regions.append(Region(rd.to_input(l.char_boxes[c]), "keep", "keep", line=i))
    unread = None  # ink.unread_blobs of this reading, where the fail-safe measured it
    if fail_safe:
        # ink the engine returned no line for at all: inside a personal block's area, or anywhere
        # when the reading covers less than half of the label's text-like ink
        from .ink import unread_blobs
        iq = [rd.to_input(l.box) for l in lines]
        personal = [iq[i] for i in range(len(lines)) if whole.get(i) in ("personal", "low_confidence") or i in changes]
        code_quads = [q for _b, q in codes]
        if blurred and not dispose:
            # (bars no decoder read here are still a code to a depot's scanner: not filled as ink;
            # stress seed 125000, motion photos, lost their barcodes to the fill)
            code_quads += undecoded_codes(arr, code_quads, qr=False)
        unread = unread_blobs(arr, iq, code_quads, smeared=blurred)
        # (a photo blurred by motion: every unread piece, as in dispose; the reading cannot be trusted;
        # nor on a page in another script, where the engine's boxes may hold half a Thai line)
        for q in unread_ink(arr, iq, code_quads, personal,
                            min_cover=2.0 if (dispose or blurred or script is not None) else 0.5, blobs=unread):
            regions.append(Region(q, "uncertain", "fail_safe_ink"))
            xs, ys = [p[0] for p in q], [p[1] for p in q]
            lrecs.append(audit_record(T.UNCERTAIN_TEXT, None,
                                      {"page": page, "box": [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]},
                                      "ocr.unread_ink", 0.0, "redact",
                                      engine.keys.value_mac(f"{page}:{int(min(xs))},{int(min(ys))}")))
    for j, (b, q) in enumerate(codes):
        if (base + j) in changes:
            regions.append(Region(q, "code", "fill"))
    if dispose:
        # a code no decoder read (a photo's angle, blur, a crease) still decodes for someone
        # else: every code-shaped area is filled in ``dispose`` (and ``verify --preset dispose``
        # reports one that is still there)
        for q in undecoded_codes(arr, [q for _b, q in codes]):
            regions.append(Region(q, "code", "fill"))
            xs, ys = [p[0] for p in q], [p[1] for p in q]
            box = [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]
            lrecs.append(audit_record(T.TRACKING, None, {"page": page, "box": box}, "image.code_region", 0.5,
                                      "redact", engine.keys.value_mac(f"{page}:code:{box[0]},{box[1]}")))
    if report and getattr(engine, "verify", False):
        # verify judges each line by the value's own shape too, not only by the masker's rules
        from .verify_read import shape_records
        lrecs += shape_records(lines, lrecs, engine.keys, page)
    # attach the box of each finding (and of each line filled whole) to its record
    for k, r in enumerate(lrecs):
        fi = r["where"].get("field")
        if fi is None and "box" not in r["where"]:
            fi = r["where"].get("line")
        if fi is not None and fi < len(lines):
            q = rd.to_input(lines[fi].box)
            xs = [p[0] for p in q]
            ys = [p[1] for p in q]
            lrecs[k] = r.but(where={**r["where"], "box": [int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))]})
    if report and rd.image is not None:
        # a re-read of a masked output: what an engine "reads" inside a filled box is not text
        # (Tesseract turns black boxes into characters), so such findings are dropped
        lrecs = [_shape_outside_fills(rd.image, lines, r) for r in lrecs
                 if not _reads_a_fill(rd.image, lines, r) and not _glued_to_a_code(lines, r)]
    recs.extend(lrecs)
    if blurred and not report:
        # (the bars no decoder read here too: a depot's scanner may; dispose fills codes anyway)
        regions = _smear_grown(regions, blur, arr.shape, [] if dispose else code_quads)
    return regions, {"rotation": round(rd.rotation, 1), "lines": len(lines), "codes": len(codes),
                     "_read": ([rd.to_input(l.box) for l in lines], [q for _b, q in codes], off, unread, arr),
                     "_payloads": tuple(payloads) + tuple(_payload(b) for b, _q in codes if _fmt_name(b) not in TWO_D_FORMATS)}


def _grown_by(p: np.ndarray, px: float, across: float | None = None) -> np.ndarray:
    """Quad ``p`` (4 x 2) grown along its own axes (float32): by ``px`` at both ends of its first
    side's direction, by ``across`` (default ``px``) at both ends of the other."""
    u, v = p[1] - p[0], p[3] - p[0]
    u = u / (np.linalg.norm(u) or 1.0) * px
    v = v / (np.linalg.norm(v) or 1.0) * (px if across is None else across)
    return np.array([p[0] - u - v, p[1] + u - v, p[2] + u + v, p[3] - u + v], dtype=np.float32)


def _code_zone(p: np.ndarray, px: float) -> np.ndarray:
    """A code's quad grown by ``px`` on every side and by a sixth of its length more at the two
    ends of its long side (where a linear code's quiet zones are)."""
    if np.linalg.norm(p[3] - p[0]) > np.linalg.norm(p[1] - p[0]):
        p = np.array([p[1], p[2], p[3], p[0]])  # the long side first
    return _grown_by(p, px + (np.linalg.norm(p[1] - p[0]) or 1.0) / 6, px)


def _smear_grown(regions: list, blur: float, shape: tuple, code_quads: list = ()) -> list:
    """On a photo blurred by motion the ink of a line lies up to half the blur's length beyond its
    characters' boxes, in the blur's direction: fills (not kept characters, not codes) are grown by
    that much on every side (a street in small type between two fills stayed readable as a hatched
    strip on an nl_postnl motion photo, stress seed 146000). ``blur`` is measured at BLUR_SIDE on
    the paper's long side; the image's long side bounds the paper's, so the growth errs large. A
    fill that would grow onto a barcode a decoder read stays as it was (the parcel's code is kept)."""
    import cv2
    px = 0.5 * blur * max(1.0, max(shape[:2]) / BLUR_SIDE)
    # (a blurred code's bars run past the quad found for them, and its quiet zones must stay white:
    # it is taken wider by four growths, and by a sixth of its length at both ends of its long side;
    # stress seed 146000's in_return motion photo lost its barcode to a fill grown into its margin)
    codes = [_code_zone(np.array(q, dtype=float), 4 * px) for q in code_quads]
    out = []
    for r in regions:
        if r.kind in ("keep", "code"):
            out.append(r)
            continue
        g = _grown_by(np.array(r.quad, dtype=float), px)
        if any(cv2.intersectConvexConvex(g, q)[0] > 0 for q in codes):
            out.append(r)
            continue
        out.append(Region([tuple(float(v) for v in x) for x in g], r.kind, r.method, r.label, r.reach, r.line))
    return out


# a postcode line whose town an engine read with digits for the capitals they look like
# ('0155 0SL0' for '0155 OSLO' on a defocused photo: no postcode/town line, so the recipient block
# without an anchor was not found and its name stayed)
_TOWN_MISREAD = lazy(r"^(\s*(?:[A-Z]{1,2}-)?\d{4,5}(?:\s?[A-Z]{2})?\s+)"
                           r"([A-Z0158ÀÂÄÅÆÇÉÈÊËÎÏÔÖØÙÛÜ][A-Z0158ÀÂÄÅÆÇÉÈÊËÎÏÔÖØÙÛÜ .\-]*)$")
_LOOKALIKE = str.maketrans("0158", "OISB")
# a postcode at a line's start read with a letter for the digit it looks like ('B8134 NAPOLI NA'
# for '80134 NAPOLI NA' on a defocused photo: the sender block had no postcode/town line and its
# name and street stayed). 4-5 characters, 3 or more of them digits, then a capitalised town
_PC_MISREAD = lazy(r"^(\s*)([0-9BOoDSIlZG]{4,5})\s+([A-Z0158À-ÖØ-Þ][A-Za-z0158À-ÖØ-öø-ÿ]{2,})")
_DIGIT_LOOK = str.maketrans("BOoDSIlZG", "800051126")


_CJK_DASH = lazy(r"(?<=[\u4e00-\u9fff])[—–\-－](?=[\u4e00-\u9fff])")
_ZERO_APOSTROPHE = lazy(r"(?<![\w'’])0(?=['’][A-Z][a-z])")


def postcode_digits(text: str) -> str:
    """``text`` with the look-alike letters of a postcode at its start read as digits (same length)."""
    m = _PC_MISREAD.match(text)
    if not m or sum(c.isdigit() for c in m.group(2)) < 3 or m.group(2).isdigit() or \
            sum(c.isalpha() for c in m.group(3)) < 2:
        return text
    return m.group(1) + m.group(2).translate(_DIGIT_LOOK) + text[m.end(2):]


def town_letters(text: str) -> str:
    """``text`` with the look-alike digits (0 1 5 8) of a capitalised town after a postcode read as
    the letters they stand for, in each word that holds two letters or more, and the look-alike
    letters of the postcode itself read as digits (``postcode_digits``); a dash between two Chinese
    characters read as 一 and a zero before an apostrophe and a capitalised word as O (O'Brien);
    anything else as it is. Same length: positions in it are the line's own."""
    text = postcode_digits(text)
    if "—" in text or "–" in text or "-" in text or "－" in text:
        # 一 (one) between two Chinese characters read as a dash ('范—平 136 9152 9943': the
        # sender's name was read as no name and stood; stress seed 100000, cn_nokw clean raster)
        text = _CJK_DASH.sub("一", text)
    if "0'" in text or "0’" in text:
        # an Irish or Italian name's O read as a zero ("Siobhan 0'Brien": only the given name
        # was found, and the surname stood; heldout seed 51000, ch_post clean raster)
        text = _ZERO_APOSTROPHE.sub("O", text)
    m = _TOWN_MISREAD.match(text)
    if not m or not any(c in "0158" for c in m.group(2)):
        return text
    words = re.split(r"(\s+)", m.group(2))
    return m.group(1) + "".join(w.translate(_LOOKALIKE) if sum(c.isalpha() for c in w) >= 2 else w for w in words)


# a tracking number's own label before it ("运单号：", "Tracking #:")
_TRACKING_PREFIX = lazy(r"^\s*(?:(?:快递|运|母|子)?单号|运单|tracking(?:\s*(?:no|number|#))?|waybill(?:\s*no)?|"
                              r"awb(?:\s*no)?|no|(?:운)?송장\s?번호|(?:หมายเลข|เลข)(?:ที่)?พัสดุ|"
                              rf"{RU_SHIPMENT}|(?:ен|ттн)(?![^\W\d_])|{GR_SHIPMENT}|"
                              rf"κωδικ[οό]ς\s*αποστολ[ηή]ς|{AR_SHIPMENT}|{HE_SHIPMENT}|{IN_SHIPMENT})\.?\s*ঃ?\s*[:：#]?\s*", re.I)
# a courier's name printed as its logo ("顺丰速运", "中通快递")
# a routing/sort code ("376-43 A3") and a line of bar strokes (a barcode read as text)
_SORT_CODE = lazy(r"^\d{3}-\d{2,3}(?:\s+[A-Z]\d)?$")
_BARS = lazy(r"[\s|Il1!i\[\](){}/\\:;.,'\"`_\-]+")
_BAR_STROKE = lazy(r"[|Il1!i\[\](){}/\\]")
_WEIGHT = lazy(r"^\s*\d{1,3}(?:[.,]\d{1,3})?\s*(?:kg|g|lbs?|oz)\s*$", re.I)
# (and a Korean one's, '한진택배', 'CJ대한통운'; Thailand Post's 'ไปรษณีย์ไทย')
_CARRIER_LOGO = lazy(r"^(?:[\u4e00-\u9fff]{2,4}(?:快递|速运|速递|物流|快运)|(?:CJ\s?)?[\uac00-\ud7a3]{1,6}(?:택배|통운)|"
                     r"ไปรษณีย์ไทย|"
                     # (and Russian carriers', Latin ones as printed there)
                     r"СДЭК|CDEK|Почта\s*России|Boxberry|Ozon|Wildberries|DPD|ПЭК|Деловые\s*Линии|"
                     r"Яндекс\s*Доставка|5Post|Нова\s*Пошта|Nova\s*Poshta|Укрпошта|Ukrposhta|Meest|"
                     # (and Greek ones')
                     r"ΕΛΤΑ(?:\s*Courier)?|ELTA(?:\s*Courier)?|ACS(?:\s*Courier)?|Speedex|Γενική\s*Ταχυδρομική|"
                     r"Geniki\s*Taxydromiki|BOX\s*NOW|"
                     # (and the Gulf's and Israel's)
                     r"Aramex|SMSA(?:\s*Express)?|Naqel(?:\s*Express)?|Emirates\s*Post|Israel\s*Post|דואר\s*ישראל|"
                     # (and as they print their names in Arabic and Hebrew, alone or with a Latin one)
                     r"[أا]رامكس|سمسا(?:\s*[إا]كسبرس)?|ناقل(?:\s*[إا]كسبرس)?|البريد\s*السعودي|سبل|بريد\s*الإمارات|"
                     r"البريد\s*المصري|زاجل|SPL|Saudi\s*Post|Zajil|Egypt\s*Post|Cheetah|Boxit|HFD|"
                     r"(?:שליחויות\s*)?(?:צ['׳]?יטה|HFD|בוקסיט)(?:\s*שליחויות)?|"
                     # (and South Asia's, in their scripts and in Latin letters)
                     r"भारतीय\s*डाक|स्पीड\s*पोस्ट|पंजीकृत\s*डाक|इंडिया\s*पोस्ट|India\s*Post|Speed\s*Post|Delhivery|DTDC|"
                     r"Blue\s*Dart|Ecom\s*Express|Xpressbees|Shadowfax|Ekart|बांग्लादेश\s*डाक|বাংলাদেশ\s*ডাক|Bangladesh\s*Post|"
                     r"Sundarban(?:\s*Courier)?|Pathao|Steadfast|RedX|কুরিয়ার\s*সার্ভিস|সুন্দরবন\s*কুরিয়ার|இந்திய\s*அஞ்சல்)$", re.I)


def _near(a: str, b: str) -> bool:
    """``layout.near_number``: equal, or one or two misread characters apart in a long number."""
    from .layout import near_number
    return near_number(a, b)


# a code's number as one token of letters and digits (spaces and dashes between groups dropped)
_CODE_TOKEN = lazy(r"[A-Z0-9]{8,40}")


def _compact_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def _reads_as_code_number(compact: str, payload: str | None) -> bool:
    """The reading of a line printed along a barcode is that code's number: one token of letters
    and digits, within a third of its characters (two at least) of the decoded payload (the code
    says what the line says, however blurred the line's reading); beside bars no decoder read, a
    carrier's tracking number pattern (``detectors.tracking``)."""
    if not _CODE_TOKEN.fullmatch(compact):
        return False
    if payload is not None:
        from .layout import edits_within
        p = _compact_code(payload)
        return len(p) >= 8 and edits_within(compact, p, max(2, len(p) // 3))
    from .detectors.tracking import TRACKING_RE
    return TRACKING_RE.fullmatch(compact) is not None


# a parcel label whose value is a tax ID that holds a person's (an Indian GSTIN holds its owner's
# PAN): a motion-blurred reading of the value ('GSTIN:338E0PG6675C1ZY') is no GSTIN to the
# detectors, and the line stood as a parcel label's (stress seed 125000, in_return photo)
_ID_LABEL = lazy(r"\s*gstin\b", re.I)


def fail_safe_lines(lines: list[OcrLine], changes: dict, codes: list, policy,
                    on_code: list | tuple = (), along: dict | None = None,
                    payloads: tuple = ()) -> dict[int, str | None]:
    """{line index: why} for every line that the layout cannot place with certainty as
    non-personal (for an engine whose reading is uncertain). Certainly non-personal is narrow:

    - a tracking number that matches a linear barcode decoded on the label (one misread character
      allowed in 10+), alone or after its own label ("运单号：");
    - print that is never a person's: hotlines, service lines, dates, captions, a country, a label
      or anchor with nothing after it, a courier logo, a line starting with a parcel label (weight,
      date, order...) in which the layout found nothing;
    - in ``share``, the kept region part of an address (province/city/district, city/state/ZIP3,
      postcode start and town) only when the line is that region and the masked rest after it.

    A line over a decoded code, or one of bar strokes only ("|| |l|"), is the code, not text.
    A barcode's number gets ``None`` (kept as it is, even where the layout masked part of it), and
    so does, in ``share``, a line printed along a barcode (``along``: line index -> the code's
    decoded payload, None where no decoder read the bars) that reads as that code's number
    (``_reads_as_code_number``: a motion-blurred photo's reading of it may be a few characters off).

    Under ``dispose`` (tracking numbers, sort codes and regions go too) none of the tracking, sort
    code, region or postcode/town exceptions holds, and a line with any finding is filled whole:
    a line is kept only as harmless print (hotline, date, caption, logo, weight, bare label).
    Everything else is filled whole: ``low_confidence`` (read with less than LOW_CONFIDENCE),
    ``personal`` (the layout found personal data on it but the rest of the line is not a region)
    and ``unplaced`` (nothing known about it)."""
    from . import layout
    from .detect import detect_text

    dispose = policy.preset == "dispose"
    linear = [re.sub(r"[\s\-]", "", _payload(b)).upper() for b, _q in codes if _fmt_name(b) not in TWO_D_FORMATS]
    # (and the page's, for a part of it read on its own: ``analyse``'s ``payloads``)
    linear += [re.sub(r"[\s\-]", "", p).upper() for p in payloads]
    linear = [p for p in linear if len(p) >= 8]
    out: dict[int, str] = {}
    for i, l in enumerate(lines):
        text = l.text.strip()
        runs = changes.get(i, ())
        if not text:
            continue
        # (not a short number: an Arabic region line's postcode read as '11', the town and the rest of
        # the number unread, was kept as bars read as text and its tail stood; label_gen ae_aramex,
        # seed 34500)
        if (i < len(on_code) and on_code[i]) or (_BARS.fullmatch(text) and _BAR_STROKE.search(text)
                                                 and not (text.isdigit() and len(text) < 4)):
            # the code itself: filled or kept by the code's own rule (not punctuation alone: a Russian
            # name line read as ':   ' by a model without Cyrillic, and kept, on a page no reader read)
            continue
        rest = text
        m = _TRACKING_PREFIX.match(rest) or layout.OTHER_LABEL.match(rest)
        if m:
            rest = rest[m.end():]
        compact = re.sub(r"[\s\-]", "", rest).upper()
        if compact and re.fullmatch(r"[A-Z0-9]+", compact) and any(_near(compact, p) for p in linear):
            if dispose:
                out[i] = "tracking"
                continue
            out[i] = None  # the tracking number of a barcode on the label
            continue
        if along and i in along and not dispose and _reads_as_code_number(compact, along[i]):
            out[i] = None  # the number printed along a barcode
            continue
        if l.score < LOW_CONFIDENCE:
            out[i] = "low_confidence"
            continue
        masked = [c for c, ch in enumerate(l.text) if not ch.isspace() and any(a <= c < z for a, z, _r in runs)]
        kept = [c for c, ch in enumerate(l.text) if not ch.isspace() and not any(a <= c < z for a, z, _r in runs)]
        # (harmless print is read whole: a line whose box holds far more than was read, a Greek name
        # line read 'αλ:' in a box 10 heights long on a blurred photo, is not a bare label; print
        # holds 0.7 characters per height and more, a wide character counting two)
        if not runs and not few_chars(l, 0.4) and (layout._non_personal(text) or layout.COUNTRY_RE.match(text) or layout.LABEL_ONLY.match(text)
                         or _WEIGHT.match(text) or _CARRIER_LOGO.match(text) or layout._cn_carrier_line(text)
                         or (_SORT_CODE.match(text) and not dispose)
                         or (layout._CARRIER_LINE.search(text) and len(re.findall(r"\d", text)) <= 3
                             and not layout._nameish(text))
                         or ((a := layout._anchor(text)) is not None and not a.group("rest"))
                         or ((o := layout.OTHER_LABEL.match(text)) and not layout._anchor(text)
                             and not (_ID_LABEL.match(text) and text[o.end():].strip())
                             and not re.search(r"[\u4e00-\u9fff]{2,}|\d{7,}", text[o.end():])
                             and not layout._nameish(text[o.end():]))):
            continue
        if not kept or (dispose and runs):
            # masked to its last character (or anything found on it, in dispose): filled whole,
            # not by estimated character boxes
            out[i] = "personal"
            continue
        if dispose:
            out[i] = "unplaced"
            continue
        # a postcode/town line (US, UK, EU, PIN shapes): a Latin town kept, the postcode tail masked
        rs = layout._region_split(l.text)
        if rs and all(rs[0] <= c < rs[1] for c in masked) and re.fullmatch(
                r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž .,'’\-]{0,40}(?:\s[A-Z]{2})?\s*[\dA-Z\- ]{0,8}",
                (l.text[:rs[0]] + " " + l.text[rs[1]:]).strip()) and len(l.text[:rs[0]].split()) <= 5:
            continue
        # a Chinese region (a province/city/district of the division tree) first, the masked detail
        # after it to the line's end
        spans = [(x.start, x.end) for x in detect_text(l.text, region=policy.region) if x.type == T.ADDRESS_REGION]
        # (or a postcode whose masked tail stands between its kept head and the town: '620014, г. Москва')
        # (and a dash between a state and its PIN, 'जयपुर, राजस्थान - 302016')
        if spans and all(any(a <= c < z for a, z in spans) for c in kept if l.text[c] not in ",;،-–") and (not masked or (
                max(kept) < min(masked) and all(any(a <= c < z for a, z, _r in runs)
                                                for c in range(min(masked), len(l.text)) if not l.text[c].isspace()))
                or all(l.text[c].isdigit() for c in masked)):
            continue
        out[i] = "personal" if runs else "unplaced"
    return out


def _inside_quad(pt, q) -> bool:
    import cv2
    return cv2.pointPolygonTest(np.array(q, dtype=np.float32).reshape(-1, 1, 2), (float(pt[0]), float(pt[1])), True) > -5


# a line box lower than this in the input's pixels (its glyphs about half as high): its partly masked
# words are masked whole, kept initials too (``_analyse_read``)
SMALL_LINE_PX = 26.0
# letters only Vietnamese writes that rapidocr reads (its dictionary lacks most tone-marked ones)
_VI_READ = re.compile(r"[đơưĐƠƯ]")


_INDIC_LETTER = re.compile("[\u0900-\u0dff]")


def _whole_tokens(text: str, runs) -> list:
    """``runs`` (start, end, masked form) widened to the whole blank-separated tokens they cut into
    (letters, digits and signs alike), and joined where only blanks lie between them."""
    return _widened(text, runs, lambda ch: not ch.isspace() and ch not in ",;:।")


def _whole_words(text: str, runs) -> list:
    """``runs`` (start, end, masked form) widened to the whole words they cut into, and joined where
    only blanks lie between them."""
    return _widened(text, runs, str.isalpha)


def _widened(text: str, runs, inside) -> list:
    """``runs`` widened over the characters for which ``inside`` holds at both ends, and joined where
    only blanks lie between them (``_whole_words``, ``_whole_tokens``)."""
    out: list = []
    for a, z, rep in sorted(runs):
        a0, z0 = a, z
        while a0 > 0 and inside(text[a0 - 1]):
            a0 -= 1
        while z0 < len(text) and inside(text[z0]):
            z0 += 1
        rep = "*" * (a - a0) + rep + "*" * (z0 - z)
        if out and (a0 < out[-1][1] or not text[out[-1][1]:a0].strip()):
            pa, pz, prep = out[-1]
            if z0 >= pz:
                out[-1] = (pa, z0, prep[:a0 - pa] + text[pz:a0] + rep if a0 >= pz else prep[:a0 - pa] + rep)
        else:
            out.append((a0, z0, rep))
    return out


def _gap(l: OcrLine, left: int, right: int, edits, image: np.ndarray | None = None) -> float | None:
    """How far the fill may reach past the run's edge (``left``|``right`` straddle it): up to the
    next kept visible character beside it (half the gap when they touch, over a space up to the
    character after it); None when nothing kept stands there."""
    n = len(l.text)
    if left < 0 or right >= n:
        return None
    inside_right = any(a <= left < z for a, z, _r in edits)  # the run is on the left of the edge
    step = 1 if inside_right else -1
    k = right if inside_right else left
    while 0 <= k < n and l.text[k].isspace():
        k += step
    if not 0 <= k < n or any(a <= k < z for a, z, _r in edits):
        return None
    edge = left if inside_right else right  # the run's own edge character
    p = np.array(l.char_boxes[edge], dtype=float)
    q = np.array(l.char_boxes[k], dtype=float)
    u = p[1] - p[0]
    un = u / (np.linalg.norm(u) or 1.0)
    if inside_right:
        gap = float(np.dot((q[0] + q[3]) / 2 - (p[1] + p[2]) / 2, un))
    else:
        gap = float(np.dot((p[0] + p[3]) / 2 - (q[1] + q[2]) / 2, un))
    spaced = k != (right if inside_right else left)
    if image is not None:
        # the boundary is where the masked character's ink starts after the emptiest columns
        # between the two characters' centres (the space between them, or the thin gap where
        # they touch): the fill stops there, so no stroke of the kept character is blacked and
        # every stroke of the masked one is
        cut = _ink_gap(image, p, q, un)
        if cut is not None:
            # offset of that column from the masked character's outer edge (negative: inside it,
            # by at most a quarter of its width)
            edge_pt = (p[1] + p[2]) / 2 if inside_right else (p[0] + p[3]) / 2
            off = float(np.dot(cut - edge_pt, un)) * (1 if inside_right else -1)
            width = float(np.linalg.norm(p[1] - p[0]))
            return max(-0.25 * width, off)
    if spaced:
        return max(1.0, gap - 2.0)  # over the space, short of the kept character
    if not l.text[k].isalnum():
        # a sign kept beside the run with no clear gap between them (a blurred '+' touching the
        # country code's '4', whose left half stayed readable on a defocused photo): the fill may
        # take half of the sign, whose box is only an estimate, never a kept letter or digit
        return max(1.0, gap / 2 + 0.5 * float(np.linalg.norm(q[1] - q[0])))
    return max(1.0, gap / 2)


TAIL_GAP = 1.3   # line heights: the widest gap inside a line's unread tail (a monospaced space and its bearings ~0.9)
TAIL_MAX = 6.0   # line heights: the longest tail looked at past a masked line's end


def unread_tail(arr: np.ndarray, line_q, edge_q, forward: bool, others: list) -> tuple | None:
    """The quad of characters that continue a masked line past its read end, on its own baseline,
    that no reading covers: the engine stopped short of the line's last words where they ran close
    to another column (an es_seur photo's sender street was read as far as `145`; `, 2º B`,
    touching the recipient's name, stood). ``line_q``: the line's quad, ``edge_q``: its last
    (``forward``) or first character's box, ``others``: quads of the other lines and of the codes,
    where the tail stops. The strip past the edge, a line and a half high, is cut out straight
    along the line and its ink split into pieces: a piece is a character when it is no taller than
    the line, lies across the line's middle and does not reach the strip's top or bottom (a rule, a
    frame, a label's edge, the ground around a label do). The tail is the characters that follow
    the edge with gaps of at most ``TAIL_GAP`` heights, up to the first piece that is not one;
    ``TAIL_MAX`` heights at most. None where no character continues the line. All in the pixels
    of ``arr``."""
    import cv2
    p = np.array(line_q, dtype=float)
    e = np.array(edge_q, dtype=float)
    u = p[1] - p[0]
    un = u / (np.linalg.norm(u) or 1.0)
    v = p[3] - p[0]
    hgt = float(np.linalg.norm(v))
    if hgt < 6:
        return None
    vn = v / hgt
    if not forward:
        un = -un
    mid = (e[1] + e[2]) / 2 if forward else (e[0] + e[3]) / 2
    mid = mid + vn * float(np.dot((p[0] + p[3]) / 2 - mid, vn))  # on the line's centre line
    H, W = arr.shape[:2]

    def grid(c0, ts, ss):
        pts = c0[None, None, :] + ts[None, :, None] * un[None, None, :] + ss[:, None, None] * vn[None, None, :]
        xs, ys = np.floor(pts[..., 0]).astype(int), np.floor(pts[..., 1]).astype(int)
        ok = (xs >= 0) & (xs < W) & (ys >= 0) & (ys < H)
        g = arr[ys.clip(0, H - 1), xs.clip(0, W - 1)]
        g = g.astype(np.float32).mean(axis=2) if g.ndim == 3 else g.astype(np.float32)
        return g, ok, pts

    # ink and paper from the line's own edge character (its middle band): the tail is its ink
    ew = float(np.linalg.norm(e[1] - e[0])) or 1.0
    own, _ok, _p = grid(e.mean(axis=0) + vn * float(np.dot(mid - e.mean(axis=0), vn)),
                        np.linspace(-0.5 * ew, 0.5 * ew, 9), np.linspace(-0.4 * hgt, 0.4 * hgt, 9))
    lo = float(np.percentile(own, 5))
    # a first look, two pixels apart, at the line's middle past the edge character as far as a
    # tail may start: most lines end on blank paper, and then nothing more is read
    near, _ok, _p = grid(mid, np.arange(0.2 * hgt, (TAIL_GAP + 0.5) * hgt, 2.0), np.arange(-0.3 * hgt, 0.3 * hgt, 2.0))
    if float(near.min()) > (lo + float(np.percentile(near, 90))) / 2:
        return None
    ts = np.arange(0.0, TAIL_MAX * hgt, 1.0)
    ss = np.arange(-0.75 * hgt, 0.75 * hgt, 1.0)
    g, ok, pts = grid(mid, ts, ss)
    cols = ok.all(axis=0)
    n = len(ts) if cols.all() else int(np.argmin(cols))  # the image's edge
    c = pts[len(ss) // 2, :n, :]
    for q in others:  # where another line or a code starts, the tail ends
        qa = np.array(q, dtype=np.float32).reshape(-1, 1, 2)
        x0, y0 = qa[:, 0, 0].min(), qa[:, 0, 1].min()
        x1, y1 = qa[:, 0, 0].max(), qa[:, 0, 1].max()
        inside = np.nonzero((c[:n, 0] >= x0 - 2) & (c[:n, 0] <= x1 + 2) & (c[:n, 1] >= y0 - 2) & (c[:n, 1] <= y1 + 2))[0]
        for k in inside:
            if cv2.pointPolygonTest(qa, (float(c[k, 0]), float(c[k, 1])), False) >= 0:
                n = int(k)
                break
    if n < 0.3 * hgt:
        return None
    g = g[:, :n]
    hi = float(np.percentile(g, 90))
    if hi - lo < 25:
        return None
    ink = (g < (lo + hi) / 2).astype(np.uint8)
    num, _lab, st, _cen = cv2.connectedComponentsWithStats(ink, connectivity=8)
    rows = ink.shape[0]
    top_mid, bot_mid = rows / 2 - 0.25 * hgt, rows / 2 + 0.25 * hgt
    pieces = []
    for k in range(1, num):
        x, y, w, h, area = (int(t) for t in st[k])
        if area < 3:
            continue
        if not (y < bot_mid and y + h > top_mid):
            continue  # off the line's middle: a mark, a neighbour line's descender or accent
        char = h <= 1.1 * hgt and y > 0 and y + h < rows and w <= 3.0 * hgt
        pieces.append((x, x + w, char))
    pieces.sort()
    last = 0.0
    found = False
    for x0, x1, char in pieces:
        if x0 - last > TAIL_GAP * hgt:
            break
        if not char:
            if x0 <= 0.3 * hgt and x1 <= 0.3 * hgt:
                continue  # (a speck by the edge character)
            break
        last = max(last, float(x1))
        found = True
    if not found or last < 0.3 * hgt:
        return None  # (the edge character's own ink: the fill's margin covers it)
    t = last + 1.0
    a = mid - vn * 0.5 * hgt
    b = mid + vn * 0.5 * hgt
    q = [a, a + un * t, b + un * t, b]
    if not forward:  # the quad's corners in reading order (start, end along the text)
        q = [a + un * t, a, b, b + un * t]
    return tuple((float(x), float(y)) for x, y in q)


def _ink_gap(image: np.ndarray, p: np.ndarray, q: np.ndarray, un: np.ndarray):
    """The point between the centres of the masked character's box p and the kept character's
    box q where the masked character's ink starts after the emptiest columns between them (the
    first such gap from the kept character, so every stroke of the masked one is on the masked
    side); None when there is no clear gap."""
    cp, cq = q.mean(axis=0), p.mean(axis=0)  # walk from the kept character towards the masked one
    v = p[3] - p[0]
    hgt = float(np.linalg.norm(v)) or 1.0
    vn = v / hgt
    dist = float(np.linalg.norm(cq - cp))
    if dist < 3:
        return None
    h, w = image.shape[:2]
    # two samples a pixel along and across: a one-pixel stroke (the top and bottom of a '0', the
    # foot serif of a '1') falls between samples a pixel apart, and the hollow of a kept '0' then
    # looked like the gap after it (the fill blacked half of the kept digit: '50|667 Köln')
    ts = np.linspace(0.0, 1.0, max(4, int(2 * dist) + 1))
    ss = np.linspace(-0.45 * hgt, 0.45 * hgt, max(4, int(1.8 * hgt) + 1))
    pts = cp[None, None, :] + ts[:, None, None] * (cq - cp)[None, None, :] + ss[None, :, None] * vn[None, None, :]
    # a point reads the pixel it lies in (pixel i spans i..i+1, as the boxes and the fill's
    # polygons count): rounding read the pixel half a pixel on, which moved the cut that far
    xs = np.clip(np.floor(pts[..., 0]).astype(int), 0, w - 1)
    ys = np.clip(np.floor(pts[..., 1]).astype(int), 0, h - 1)
    # grey of the sampled points only (averaging the whole image's channels on every call cost
    # about a quarter of a label's time)
    vals = image[ys, xs].astype(float)
    if vals.ndim == 3:
        vals = vals.mean(axis=2)
    lo, hi = float(np.percentile(vals, 5)), float(np.percentile(vals, 95))
    if hi - lo < 30:
        return None
    # the ground just above and below the two characters: light print on a dark ground (a label's
    # inverted block, 'SHIP TO' in white on black) has the light side for its ink (the cut went
    # into a masked O and left half of it readable)
    gp = cp[None, None, :] + ts[:, None, None] * (cq - cp)[None, None, :] \
        + np.array([-0.62, 0.62])[None, :, None] * hgt * vn[None, None, :]
    ground = image[np.clip(np.floor(gp[..., 1]).astype(int), 0, h - 1), np.clip(np.floor(gp[..., 0]).astype(int), 0, w - 1)]
    ground = ground.astype(float).mean(axis=-1) if ground.ndim == 3 else ground.astype(float)
    if float(np.median(ground)) < lo + 0.25 * (hi - lo):  # (as dark as print is: not a textured ground)
        vals = 255.0 - vals
        lo, hi = 255.0 - hi, 255.0 - lo
    ink = (vals < (lo + hi) / 2).sum(axis=1)
    i = int(np.argmin(ink))
    if ink[i] > 0.1 * len(ss):
        return None
    runs = []  # the runs of that emptiest count, in walking order
    k = 0
    while k < len(ink):
        if ink[k] == ink[i]:
            k0 = k
            while k + 1 < len(ink) and ink[k + 1] == ink[i]:
                k += 1
            runs.append((k0, k))
        k += 1
    if len(runs) > 1:
        # a run that ends well inside the kept character's box is its hollow (a blurred 'B' whose
        # thin bars fall under the threshold), not the gap: a cut at its end blacked the B's stem
        # ('3011 |Bern'). The gap is then the next run that starts by the masked character's box
        # edge (never one inside the masked character: its near stroke stays covered)
        d = (cq - cp) / dist
        wk = float(np.linalg.norm(q[1] - q[0])) or 1.0
        wm = float(np.linalg.norm(p[1] - p[0])) or 1.0
        t_k = max(float(np.dot(c - cp, d)) for c in q) / dist  # the kept box's edge facing the masked one
        t_m = min(float(np.dot(c - cp, d)) for c in p) / dist  # the masked box's edge facing the kept one
        if ts[runs[0][1]] < t_k - 0.15 * wk / dist:
            nxt = next((r for r in runs[1:] if ts[r[0]] <= t_m + 0.1 * wm / dist), None)
            if nxt is not None:
                i = nxt[0]
    # the end of the emptiest run on the masked side, where the masked character's ink starts:
    # the fill covers all of it and leaves the whole gap to the kept one (the fill's polygon
    # takes in every pixel it touches, so a cut in the middle of a two-pixel gap blacked the
    # pixel beside the kept digit: '41|1 03 Göteborg')
    j = i
    while j + 1 < len(ink) and ink[j + 1] == ink[i]:
        j += 1
    # faint ink inside that run (the masked glyph's anti-aliased or blurred edge, lighter than
    # the threshold) is the masked side's too: the cut goes before it, after the run's palest
    # samples
    faint = (vals[i:j + 1] < lo + 0.8 * (hi - lo)).sum(axis=1)
    last = i + int(np.nonzero(faint == faint.min())[0][-1])
    t = ts[min(last + 1, len(ts) - 1)]
    return cp + t * (cq - cp)


def _line_order(q, p: np.ndarray) -> tuple:
    """The corners of quad ``q`` in the order of line quad ``p`` (top-left, top-right,
    bottom-right, bottom-left in the line's own frame): the two nearer the line's top edge first,
    each pair from the line's start to its end."""
    c = np.array(q, dtype=float)
    u, v = p[1] - p[0], p[3] - p[0]
    t, s_ = (c - p[0]) @ u, (c - p[0]) @ v
    by_s = np.argsort(s_, kind="stable")
    top = sorted(by_s[:2], key=lambda i: t[i])
    bot = sorted(by_s[2:], key=lambda i: t[i])
    return (tuple(q[top[0]]), tuple(q[top[1]]), tuple(q[bot[1]]), tuple(q[bot[0]]))


def _visual_ends(l: OcrLine, a: int, z: int) -> tuple:
    """((True, whether the run ``a:z`` ends the line on the right, its rightmost character),
    (False, whether it starts the line on the left, its leftmost character)), by the characters'
    places along the line (a line of a right-to-left script)."""
    p = np.array(l.box, dtype=float)
    u = p[1] - p[0]

    def t(c: int) -> float:
        return float(np.dot(np.mean(np.array(l.char_boxes[c], dtype=float), axis=0) - p[0], u))
    ink = [c for c, ch in enumerate(l.text) if not ch.isspace()]
    run = [c for c in range(a, z) if not l.text[c].isspace()] or [a]
    right, left = max(run, key=t), min(run, key=t)
    return ((True, t(right) >= max(t(c) for c in ink), right), (False, t(left) <= min(t(c) for c in ink), left))


def _run_span(box, qa, qz):
    """The quad of a run of characters from its first character's box ``qa`` to its last's ``qz``:
    (qa's left corners, qz's right corners). Where that quad is degenerate (character boxes of a
    line at about 45 degrees come with their corners out of order: thin slanted bars that leave
    the glyphs between them readable) the run is cut out of the line's own quad instead, from the
    furthest-back corner of ``qa`` to the furthest-forward corner of ``qz`` along the line."""
    p = np.array(box, dtype=float)
    u = p[1] - p[0]
    length = float(np.linalg.norm(u))
    height = float(np.linalg.norm(p[3] - p[0]))
    if length < 1 or height < 1:
        return (qa[0], qz[1], qz[2], qa[3])
    # character boxes may come with their corners in another order than the line's (starting at
    # the bottom-left corner on a label at about 55 degrees: the runs' quads crossed themselves and
    # their fills were scattered, stress seed 97000 us_plain): each is put in the line's order first
    qa, qz = _line_order(qa, p), _line_order(qz, p)
    if float(np.dot(np.mean(np.array(qa), axis=0) - np.mean(np.array(qz), axis=0), u)) > 0:
        # (a run of a right-to-left script: its first character stands after its last along the line)
        qa, qz = qz, qa
    span = (qa[0], qz[1], qz[2], qa[3])
    q = np.array(span, dtype=float)
    x, y = q[:, 0], q[:, 1]
    area = 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    un = u / length
    ts = [float(np.dot(np.array(c, dtype=float) - p[0], un)) for c in list(qa) + list(qz)]
    t0, t1 = max(0.0, min(ts)), min(length, max(ts))
    if t1 <= t0 or area >= 0.5 * (t1 - t0) * height:
        return span
    f0, f1 = t0 / length, t1 / length
    top = lambda f: tuple(p[0] + (p[1] - p[0]) * f)  # noqa: E731
    bot = lambda f: tuple(p[3] + (p[2] - p[3]) * f)  # noqa: E731
    return (top(f0), top(f1), bot(f1), bot(f0))


def _scale(rd: "Reading") -> float:
    """Length scale of the work frame in input pixels."""
    return float(np.sqrt(abs(np.linalg.det(rd.back[:2, :2])))) or 1.0


def analyse_all(pil_img, engine_name: str, engine, recs: list, report: bool, page: int = 1):
    """``analyse`` with the job's engine; in detect/verify mode (``report``) also with every other
    installed engine, so that a value either reader can still read is reported (an auditor's
    check must not depend on the engine that masked)."""
    names = [engine_name]
    first = engine_name
    if report:
        try:
            first = engine.ocr.get(engine_name).name
        except Exception:
            pass
        names += [n for n in engine.ocr.installed() if n not in (engine_name, first)]
    regions: list = []
    info: dict = {}
    seen: set = set()
    errors = []
    for n in names:
        part: list = []
        try:
            r, i = analyse(pil_img, n, engine, part, report, page)
        except InputError as e:
            errors.append(e)
            continue
        except MissingDependency:
            if n == engine_name:
                raise
            continue
        regions += r
        info = info or i
        for rec in part:
            key = (rec.get("type"), rec.get("hmac"), rec.get("masked"))
            if key not in seen:
                seen.add(key)
                if report:
                    rec = rec.but(where={**rec["where"], "ocr": first if n == engine_name else n})
                recs.append(rec)
    if not info and errors:
        raise errors[0]
    if report and getattr(engine, "verify", False):
        # verify reads each label of a photo again on its own, flattened and enlarged
        # (waybill.verify_read.label_views): what either engine reads there counts too
        from PIL import Image

        from .verify_read import label_views
        for view, back in label_views(np.asarray(pil_img)):
            for n in names:
                part = []
                try:
                    analyse(Image.fromarray(view), n, engine, part, report, page, split=False)
                except (InputError, MissingDependency):
                    continue
                for rec in part:
                    w = dict(rec["where"])
                    b = w.pop("box", None)
                    if b:
                        pts = np.array([[b[0], b[1], 1.0], [b[2], b[1], 1.0], [b[2], b[3], 1.0], [b[0], b[3], 1.0]]) @ back.T
                        xs, ys = pts[:, 0] / pts[:, 2], pts[:, 1] / pts[:, 2]
                        w["box"] = [int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())]
                    w["label_view"] = True
                    key = (rec.get("type"), rec.get("hmac"), rec.get("masked"))
                    if key not in seen:
                        seen.add(key)
                        w["ocr"] = first if n == engine_name else n
                        recs.append(rec.but(where=w))
    return regions, info


def _char_pixels(image: np.ndarray, quad) -> np.ndarray:
    """Grey values of the pixels inside one character's quad (only those pixels are averaged over
    the colour channels, never the whole image)."""
    import cv2
    q = np.array(quad, dtype=np.float32)
    h, w = image.shape[:2]
    x0, y0 = np.floor(q.min(axis=0)).astype(int)
    x1, y1 = np.ceil(q.max(axis=0)).astype(int)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(w, x1), min(h, y1)
    if x1 <= x0 or y1 <= y0:
        return np.zeros(0)
    m = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(m, [np.round(q - [x0, y0]).astype(np.int32)], 1)
    px = image[y0:y1, x0:x1][m.astype(bool)].astype(float)
    return px.mean(axis=1) if px.ndim == 2 else px


def _shape_outside_fills(image: np.ndarray, lines: list, rec):
    """A finding read partly over a fill (a few real characters and "characters" inside the black
    box beside them): its shape counts only the characters outside the fill, the ones really
    readable; an address detail that is only a misread region counts as none. Returns the record
    (a new one when its shape changes)."""
    w = rec.get("where", {})
    sh = rec.get("shape")
    fi, a, z = w.get("field"), w.get("start"), w.get("end")
    if not sh or fi is None or a is None or z is None or fi >= len(lines) or z <= a:
        return rec
    l = lines[fi]
    dark_chars = 0
    dark_digits = 0
    for i in range(a, min(z, len(l.text))):
        if l.text[i].isspace():
            continue
        px = _char_pixels(image, l.char_boxes[i])
        if px.size and (px < 60).mean() > 0.85:
            dark_chars += 1
            dark_digits += l.text[i].isdigit()
    if rec.get("type") == "address":
        # a region that an engine misread ("台湾省桃园市平镇市" read as "台湾省 ie 市平镇市") is
        # parsed with its last divisions as the detail: division names (X市, X县, X省) at the
        # start of a detail are region, which share keeps; garbage before them is no address
        lead = re.match(r"[\sA-Za-z0-9.,'|]{0,4}(?:[\u4e00-\u9fff]{0,3}[省市县])+", l.text[a:z])
        if lead:
            dark_chars += sum(1 for ch in lead.group() if not ch.isspace())
    if dark_chars:
        sh = dict(sh)
        sh["chars"] = max(0, sh.get("chars", 0) - dark_chars)
        sh["digits"] = max(0, sh.get("digits", 0) - dark_digits)
        return rec.but(shape=sh)
    return rec


# letters or a sign glued to the digits before a number (no space, no phone label): a code's
# prefix ('JVGL070165251124', which Tesseract read as '3$070165251124' and the landline detector
# took its digits for a phone: a false alarm on a correctly masked output)
_GLUED = lazy(r"(?:[A-Za-z]|[$§&%#@])$")
_PHONE_WORD_END = lazy(r"(?i)(?:tel|ph|phone|mob|mobile|tlf|cell|fax|gsm|handy|puh|fon|tél|nr|no)\.?$")


def _glued_to_a_code(lines: list, rec: dict) -> bool:
    """verify: a phone finding whose digits are glued to letters or a sign before them that are not
    a phone label: the digits of a tracking number or another code, not a phone."""
    if rec.get("type") not in ("phone", "landline", "phone_intl"):
        return False
    w = rec.get("where", {})
    fi, a = w.get("field"), w.get("start")
    if fi is None or a is None or fi >= len(lines) or a <= 0:
        return False
    before = lines[fi].text[:a]
    if not _GLUED.search(before) or _PHONE_WORD_END.search(before):
        return False
    return not lines[fi].text[a].isspace() and lines[fi].text[a] not in "+("


def _reads_a_fill(image: np.ndarray, lines: list, rec: dict) -> bool:
    """Whether the characters a finding was read from are (almost) all solid black."""
    w = rec.get("where", {})
    fi, a, z = w.get("field"), w.get("start"), w.get("end")
    if fi is None or a is None or z is None or fi >= len(lines) or z <= a:
        return False
    l = lines[fi]
    idx = [i for i in range(a, min(z, len(l.text))) if not l.text[i].isspace()]
    if not idx:
        return False
    dark = total = 0
    for i in idx:
        px = _char_pixels(image, l.char_boxes[i])
        dark += int((px < 60).sum())
        total += int(px.size)
    return total > 0 and dark / total > 0.85


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


# marks a misreading leaves (blur, a small font): labels print them rarely, and never two in a line
# with a number of 4+ digits ('b<1am Vam 604 8049>117 b00kvva74 5aim2~40<ha|')
_MISREAD_MARKS = frozenset("<>~{}[]^\\")


def _garbled(text: str) -> bool:
    return sum(c in _MISREAD_MARKS for c in text) >= 2


def _looks_personal(text: str) -> bool:
    return bool(re.search(r"\d{4,}|[\u4e00-\u9fff]{2,}", text))


def _run_quad(q: Quad, reach: tuple) -> list[tuple[float, float]]:
    """A masked run's own quad, its end moved in to the ink gap where that gap lies inside the
    run's first or last character box (a negative ``reach``: estimated boxes of touching
    characters overlap the kept neighbour's strokes, "30|11 Bern")."""
    a = reach[0] if reach and reach[0] is not None and reach[0] < 0 else 0.0
    b = reach[1] if reach and len(reach) > 1 and reach[1] is not None and reach[1] < 0 else 0.0
    if not a and not b:
        return [tuple(p) for p in q]
    p = np.array(q, dtype=float)
    un = (p[1] - p[0]) / (np.linalg.norm(p[1] - p[0]) or 1.0)
    return [tuple(p[0] - un * a), tuple(p[1] + un * b), tuple(p[2] + un * b), tuple(p[3] - un * a)]


def fill(pil_img, regions: list[Region], style: str = "fill"):
    """Solid fill of each region, grown by a margin of its own height (never blur or pixelate).
    ``text`` style: white the region out and draw the masked form (138****5678, 张**, the virtual
    number) in its place, sized and angled like the original line."""
    from PIL import ImageDraw

    keep = [r for r in regions if r.kind == "keep"]
    regions = [r for r in regions if r.kind != "keep"]
    if not regions:
        return pil_img
    img = pil_img.copy()
    d = ImageDraw.Draw(img)
    black = 0 if img.mode in ("L", "1", "P") else (0, 0, 0) if img.mode == "RGB" else (0, 0, 0, 255)
    white = 255 if img.mode in ("L", "1", "P") else (255, 255, 255) if img.mode == "RGB" else (255, 255, 255, 255)
    if style != "text" and keep:
        # the margins of text fills stop at kept characters (region, tracking text, the next
        # line); the masked runs' own quads, codes and whole uncertain lines are filled whatever
        from PIL import Image
        m = Image.new("L", img.size, 0)
        dm = ImageDraw.Draw(m)
        text = [r for r in regions if r.kind == "text"]
        kq = [(r.line, np.array(r.quad, dtype=float)) for r in keep]
        kb = np.array([[q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max()] for _, q in kq]) \
            if kq else np.zeros((0, 4))
        for r in text:
            # the grown quad, less the kept characters of other lines (on its own line the reach
            # already stops short of them, at the ink gap)
            g = np.array(grow_quad(r.quad, 0.22, reach=r.reach))
            x0, y0 = np.floor(g.min(axis=0)).astype(int) - 1
            x1, y1 = np.ceil(g.max(axis=0)).astype(int) + 2
            x0, y0 = max(0, x0), max(0, y0)
            if x1 <= x0 or y1 <= y0:
                continue
            loc = Image.new("L", (x1 - x0, y1 - y0), 0)
            dl = ImageDraw.Draw(loc)
            dl.polygon([tuple(p) for p in g - [x0, y0]], fill=255)
            near = np.nonzero((kb[:, 0] < x1) & (kb[:, 2] > x0) & (kb[:, 1] < y1) & (kb[:, 3] > y0))[0]
            for k in near:
                if kq[k][0] != r.line:
                    dl.polygon([tuple(p) for p in kq[k][1] - [x0, y0]], fill=0)
            m.paste(255, (x0, y0), loc)
        for r in text:
            dm.polygon(_run_quad(r.quad, r.reach), fill=255)
        for r in regions:
            if r.kind != "text":
                dm.polygon(grow_quad(r.quad, 0.05 if r.kind == "code" else 0.22, reach=r.reach), fill=255)
        # black through the mask, over the mask's own bounding box only (no image-sized solid)
        bbox = m.getbbox()
        if bbox is not None:
            img.paste(black, bbox, m.crop(bbox))
        return img
    for r in regions:
        poly = grow_quad(r.quad, 0.05 if r.kind == "code" else 0.22, reach=r.reach)
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
        from .resources import cjk_font_path
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
    # nothing of the input's metadata travels: Pillow would write back an ICC profile (which can
    # carry any bytes), a JPEG/GIF comment, EXIF or XMP found in ``info``
    img = img.copy()
    img.info = {}
    if original_mode in ("L", "1") and img.mode != original_mode:
        img = img.convert(original_mode)
    elif original_mode == "P":
        img = img.convert("RGB").convert("P", palette=1, colors=256)
    if fmt == "JPEG":
        img.convert("RGB" if img.mode not in ("L", "RGB", "CMYK") else img.mode).save(
            buf, "JPEG", quality=95, subsampling=0, optimize=True)
    elif fmt == "PNG":
        # zlib level 3: ~40% less encoding time than the default 6 on label rasters (CN 30 -> 17 ms,
        # US 27 -> 18 ms a label), files -2% to +16%; the pixels are the same
        img.save(buf, "PNG", optimize=False, compress_level=3)
    elif fmt == "TIFF":
        img.save(buf, "TIFF", compression="tiff_deflate")
    elif fmt == "WEBP":
        img.save(buf, "WEBP", lossless=True)
    else:
        img.save(buf, fmt)
    return buf.getvalue()
