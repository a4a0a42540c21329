"""Share fingerprints in masked label images: a keyed pattern inside the filled (masked) areas.

Why not a DCT/DWT watermark over the whole label: a thermal label is nearly black and white with
large flat areas, where such schemes (``invisible-watermark``'s dwtDct, ``blind-watermark``) either
change visible pixels or do not survive JPEG, rescaling and cropping (``benchmarks/trace_eval.py``
measures both). The filled boxes, in contrast, are ours: nothing a person needs is there, and they
are large, dark and easy to find again in a photo. Pixels outside the filled areas are never
changed (the PSNR outside them is infinite for PNG; a JPEG output is re-encoded once at quality 95).

Embedding: each filled area is cut into solid oriented rectangles ("boxes": a filled quad at any
angle is its own box; areas that touch, like a masked name line above a masked address line, are
framed by the label's text direction and cut across where their extent changes). A box of height H
and width W is divided into R=4 rows of square cells (side H/4), C = floor(4W/H) columns, centred.
Each cell holds one chip, +1 or -1, keyed by the share and by (C, row, column), drawn as a smooth
bump around a dark grey base: fill = BASE + AMP * chip * sin(pi x) sin(pi y) (grey 0..56 where the
fill was black). The chips of all boxes form a spread-spectrum code of a few hundred chips per
label, read back by correlation with each candidate share's chips: redundancy is the error
correction (a third of the chips may be misread and the right share still stands out).

Reading: a copy whose short side is under READ_MIN px (a downscale, a screenshot) is first scaled
up to about that, so that the outline of the filled areas is cut into boxes as when marking. Dark,
solid, elongated rectangles are found again (a threshold between the darkest and the paper level,
an opening that removes text strokes, connected components, the same cut into boxes), each
rectified to a canonical grid (which undoes rotation, scale and mild perspective), and every
pixel in it brighter than halfway to the paper (a kept character inside a masked name, paper at a
ragged end: hundreds of grey levels against a chip's few dozen) is set to the fill's median.
The cell grid along a box is recovered from the signal itself: every bump's energy falls to zero
at the cell borders, so the energy profile is periodic with the cell width; its phase gives the
borders; the columns are counted from the box's centre (C's parity from that phase, C from the
box's length), so a box read a few pixels long or short keys the same chips. Cells are averaged
with the bump as weight and normalised per box, and each box is weighted by how periodic its
energy profile is (a box with no visible grid reads noise; the weight depends on the copy only);
per chip key the readings are summed (Y_k). A candidate's score is S = sum_k chip_k * Y_k, the
better of the copy read as it is and turned by 180 degrees; for a share that did not make the
copy the chips are independent random signs, so P(S >= s) <= 2 exp(-s^2 / (2 sum_k Y_k^2))
(Hoeffding, and a union bound over the two orientations): the probability that an innocent share
scores as high.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

R = 4  # rows of cells across a box
BASE = 28.0  # grey level of a marked fill (black is 0)
AMP = 28.0  # peak chip amplitude, grey levels (fill stays within 0..56)
CELL = 16  # canonical cell side when reading, px
MIN_ASPECT = 1.5  # boxes closer to square have no reliable long side: not marked
MAX_C = 240
MARK_FILL = 0.8  # a box is marked when the filled area covers this share of its rectangle
READ_FILL = 0.75  # and read back when the dark area covers this share
READ_MIN = 1000  # a copy whose short side is smaller is read upscaled to about this


def _bits(key: bytes, tag: bytes, n: int) -> np.ndarray:
    d = hashlib.shake_256(key + tag).digest((n + 7) // 8)
    return np.unpackbits(np.frombuffer(d, np.uint8))[:n].astype(np.float32) * 2 - 1


def chips(key: bytes, C: int) -> np.ndarray:
    """A share's +-1 chips for a box of C columns, shape (R, C)."""
    return _bits(key, b"chips" + C.to_bytes(2, "big"), R * C).reshape(R, C)


# ----------------------------------------------------------------------------- geometry


@dataclass
class Box:
    origin: np.ndarray  # corner at u=0, v=0 (image px, x/y)
    u: np.ndarray  # unit vector along the long side
    v: np.ndarray  # unit vector along the short side (u turned +90 degrees, y down)
    W: float
    H: float
    fill: float  # share of the rectangle that is filled

    @property
    def C(self) -> int:
        return max(1, min(MAX_C, int(math.floor(R * self.W / self.H))))


def box_of(xs: np.ndarray, ys: np.ndarray, area: int | None = None) -> Box | None:
    """The oriented rectangle of a set of pixels, long side pointing right (or down)."""
    import cv2

    if len(xs) < 20:
        return None
    pts = np.column_stack([xs, ys]).astype(np.float32)
    rect = cv2.minAreaRect(pts)
    p = cv2.boxPoints(rect).astype(np.float64)
    e0, e1 = p[1] - p[0], p[2] - p[1]
    n0, n1 = float(np.hypot(*e0)), float(np.hypot(*e1))
    if n0 < 1 or n1 < 1:
        return None
    long, short = (e0, e1) if n0 >= n1 else (e1, e0)
    W, H = max(n0, n1) + 1.0, min(n0, n1) + 1.0  # pixel centres to pixel edges
    u = long / np.hypot(*long)
    if u[0] < -1e-9 or (abs(u[0]) <= 1e-9 and u[1] < 0):
        u = -u
    v = np.array([-u[1], u[0]])
    centre = np.array(rect[0], dtype=np.float64)
    origin = centre - u * W / 2 - v * H / 2
    fill = (area if area is not None else len(xs)) / (W * H)
    return Box(origin, u, v, W, H, float(fill))


def frame(xs: np.ndarray, ys: np.ndarray, u: np.ndarray) -> Box:
    """The rectangle of a set of pixels in the frame of the direction ``u``."""
    u = np.asarray(u, np.float64)
    v = np.array([-u[1], u[0]])
    pu = xs * u[0] + ys * u[1]
    pv = xs * v[0] + ys * v[1]
    u0, u1, v0, v1 = pu.min() - 0.5, pu.max() + 0.5, pv.min() - 0.5, pv.max() + 0.5
    origin = u * u0 + v * v0
    W, H = u1 - u0, v1 - v0
    return Box(origin, u, v, float(W), float(H), len(xs) / (W * H))


def dominant(dirs: list[tuple[np.ndarray, float]]) -> np.ndarray:
    """The common direction of (unit vector, weight) pairs, modulo 180 degrees."""
    if not dirs:
        return np.array([1.0, 0.0])
    s = sum(w * np.array([u[0] ** 2 - u[1] ** 2, 2 * u[0] * u[1]]) for u, w in dirs)
    ang = math.atan2(s[1], s[0]) / 2
    d = np.array([math.cos(ang), math.sin(ang)])
    if d[0] < -1e-9 or (abs(d[0]) <= 1e-9 and d[1] < 0):
        d = -d
    return d


def components(mask: np.ndarray, min_area: float):
    """(xs, ys, area, own rectangle or None) of each connected area of ``mask``."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    out = []
    for i in range(1, n):
        x0, y0, bw, bh, area = stats[i]
        if area < min_area:
            continue
        ys, xs = np.nonzero(labels[y0:y0 + bh, x0:x0 + bw] == i)
        out.append((xs + x0, ys + y0, int(area), None))
    return out


def edge_dir(xs: np.ndarray, ys: np.ndarray) -> np.ndarray | None:
    """The direction of a filled area's edges, modulo 90 degrees: the filled areas are unions of
    rectangles of one orientation (the label's text lines), so the gradients along their outline
    point at that angle or at right angles to it (a 4-fold circular mean). Within 1 degree of an
    axis it is the axis (an upright raster, a scan, a screenshot)."""
    import cv2

    x0, y0 = xs.min() - 2, ys.min() - 2
    m = np.zeros((ys.max() - y0 + 3, xs.max() - x0 + 3), np.float32)
    m[ys - y0, xs - x0] = 1.0
    m = cv2.GaussianBlur(m, (0, 0), 1.0)
    gx = cv2.Sobel(m, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(m, cv2.CV_32F, 0, 1, ksize=3)
    mag = np.hypot(gx, gy)
    sel = mag > 0.05
    if sel.sum() < 8:
        return None
    th = np.arctan2(gy[sel], gx[sel])
    z = (mag[sel] * np.exp(4j * th)).sum()
    if abs(z) < 1e-9:
        return None
    a = math.atan2(z.imag, z.real) / 4  # in (-45, 45] degrees
    if abs(math.degrees(a)) < 1.0:
        a = 0.0
    return np.array([math.cos(a), math.sin(a)])


def boxes_of(comps, min_h: float) -> list[tuple[int, Box]]:
    """(component index, box) of every box in the components: each area is framed by the
    direction of its own edges (long side along u) and, unless it is one solid rectangle, cut
    into bands across it."""
    out = []
    for i, (xs, ys, area, _) in enumerate(comps):
        d = edge_dir(xs, ys)
        if d is None:
            continue
        f = frame(xs, ys, d)
        alt = frame(xs, ys, np.array([-d[1], d[0]]))
        if alt.W > f.W:
            f = alt
        if f.u[0] < -1e-9 or (abs(f.u[0]) <= 1e-9 and f.u[1] < 0):  # long side pointing right (or down)
            f = frame(xs, ys, -f.u)
        if f.H < min_h:
            continue
        if f.fill >= 0.95:
            out.append((i, f))
        else:
            out += [(i, x) for x in bands(f, xs, ys, min_h)]
    return out


def _nmed(x: np.ndarray) -> float:
    """The median of the values that are not NaN (NaN if none): np.nanmedian without its
    masked-array path, which cost most of the marking time on ragged outlines."""
    v = x[~np.isnan(x)]
    return float(np.median(v)) if v.size else math.nan


def bands(b: Box, xs: np.ndarray, ys: np.ndarray, min_h: float) -> list[Box]:
    """The rectangle ``b`` of one filled area cut across where the filled extent along its long
    side changes (two masked lines that touch, a name line above a longer address line), so that
    each box is one solid rectangle. The same cut is made when reading."""
    du = (xs - b.origin[0]) * b.u[0] + (ys - b.origin[1]) * b.u[1]
    dv = (xs - b.origin[0]) * b.v[0] + (ys - b.origin[1]) * b.v[1]
    rows = np.clip(np.floor(dv).astype(int), 0, None)
    n = int(rows.max()) + 1
    left = np.full(n, np.inf)
    right = np.full(n, -np.inf)
    np.minimum.at(left, rows, du)
    np.maximum.at(right, rows, du)
    cnt = np.bincount(rows, minlength=n)
    ok = np.isfinite(left)
    if not ok.any():
        return []
    left = np.where(ok, left, np.nan)
    right = np.where(ok, right, np.nan)
    if n >= 3:  # median of three rows: one ragged row does not cut
        left = np.nanmedian(np.stack([np.r_[left[:1], left[:-1]], left, np.r_[left[1:], left[-1:]]]), axis=0)
        right = np.nanmedian(np.stack([np.r_[right[:1], right[:-1]], right, np.r_[right[1:], right[-1:]]]), axis=0)
    tol = max(3.0, 0.25 * min_h)
    cuts = [0]
    l0, r0 = left[0], right[0]
    for i in range(1, n):
        if not (abs(left[i] - l0) <= tol and abs(right[i] - r0) <= tol):
            cuts.append(i)
            l0, r0 = left[i], right[i]
    cuts.append(n)
    segs = [[a, z] for a, z in zip(cuts, cuts[1:])]
    # a band thinner than a line joins its neighbour with the closer extent
    while len(segs) > 1:
        hs = [z - a for a, z in segs]
        k = int(np.argmin(hs))
        if hs[k] >= min_h:
            break
        def ext(sg):
            return _nmed(left[sg[0]:sg[1]]), _nmed(right[sg[0]:sg[1]])
        me = ext(segs[k])
        cands = [j for j in (k - 1, k + 1) if 0 <= j < len(segs)]
        j = min(cands, key=lambda j: sum(abs(x - y) for x, y in zip(me, ext(segs[j]))))
        a, z = min(segs[k][0], segs[j][0]), max(segs[k][1], segs[j][1])
        segs[min(j, k)] = [a, z]
        del segs[max(j, k)]
    out = []
    for a, z in segs:
        H = z - a
        if H < min_h:
            continue
        lo = float(np.nanmin(left[a:z])) - 0.5
        hi = float(np.nanmax(right[a:z])) + 0.5
        W = hi - lo
        if W <= 0:
            continue
        fill = float(cnt[a:z].sum()) / (W * H)
        out.append(Box(b.origin + b.u * lo + b.v * a, b.u, b.v, W, float(H), fill))
    return out


# ----------------------------------------------------------------------------- embedding


def embed(fill_mask: np.ndarray, share_key: bytes) -> tuple[np.ndarray, dict]:
    """Grey values for the filled pixels: returns (values, stats) where ``values`` is a float
    array of the image's shape, meaningful where ``fill_mask`` is set (the pixels to write)."""
    h, w = fill_mask.shape
    out = np.full((h, w), BASE, np.float32)  # outside every cell: the base grey
    min_h = max(8.0, 0.018 * min(h, w))
    comps = components(fill_mask, min_h * min_h)
    boxes = chips_n = 0
    for i, b in boxes_of(comps, min_h):
        if b.W / b.H < MIN_ASPECT or b.fill < MARK_FILL:
            continue
        xs, ys = comps[i][0], comps[i][1]
        boxes += 1
        chips_n += _embed_box(out, xs, ys, b, share_key)
    return out, {"boxes": boxes, "chips": chips_n}


def _embed_box(out: np.ndarray, xs: np.ndarray, ys: np.ndarray, b: Box, share_key: bytes) -> int:
    """Write one box's chips into ``out`` at the area's pixels inside the box."""
    if True:
        C = b.C
        s = b.H / R
        off = (b.W - C * s) / 2
        pat = chips(share_key, C)
        dx, dy = xs - b.origin[0], ys - b.origin[1]  # index coordinates (pixel centres)
        pu = (dx * b.u[0] + dy * b.u[1] - off) / s
        pv = (dx * b.v[0] + dy * b.v[1]) / s
        c = np.floor(pu).astype(int)
        r = np.floor(pv).astype(int)
        ok = (c >= 0) & (c < C) & (r >= 0) & (r < R)
        bump = np.sin(np.pi * (pu[ok] - c[ok])) * np.sin(np.pi * (pv[ok] - r[ok]))
        out[ys[ok], xs[ok]] = BASE + AMP * pat[r[ok], c[ok]] * bump
        return R * C


def mark_image(img, fill_mask: np.ndarray, share_key: bytes):
    """The PIL image with the share's pattern written into the filled pixels (``fill_mask``);
    every other pixel is left as it is. Returns (image, stats)."""
    from PIL import Image

    if not fill_mask.any():
        return img, {"boxes": 0, "chips": 0}
    vals, stats = embed(fill_mask, share_key)
    if stats["boxes"] == 0:
        return img, stats
    v = np.clip(np.rint(vals), 0, 255).astype(np.uint8)
    mode = img.mode
    if mode == "1":
        # bilevel: an ordered dither of the grey pattern (white dots in the black box)
        bayer = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)
        h, w = fill_mask.shape
        th = (np.tile(bayer, (h // 4 + 1, w // 4 + 1))[:h, :w] + 0.5) * 16
        arr = np.array(img.convert("L"))
        arr[fill_mask] = np.where(v[fill_mask] > th[fill_mask], 255, 0)
        return Image.fromarray(arr).convert("1"), stats
    if mode not in ("L", "RGB", "RGBA"):
        return img, {"boxes": 0, "chips": 0, "skipped": f"image mode {mode}"}
    arr = np.array(img)
    if arr.ndim == 2:
        arr[fill_mask] = v[fill_mask]
    else:
        for ch in range(3):
            layer = arr[..., ch]
            layer[fill_mask] = v[fill_mask]
    return Image.fromarray(arr, mode), stats


def fill_mask_from(before, after) -> np.ndarray:
    """The pixels the masking filled: black in ``after`` where ``before`` was not (closed over the
    original glyph strokes inside a box, which were black before and after). Works on a lossy
    (JPEG) ``after`` too."""
    import cv2

    a = np.asarray(before if before.mode == "RGB" else before.convert("RGB"))
    b = np.asarray(after if after.mode == "RGB" else after.convert("RGB"))
    if a.shape != b.shape:
        return np.zeros(b.shape[:2], bool)
    # per-channel maxima as element-wise maxima of the planes (a reduction over the last axis
    # costs several times more on a label-sized image)
    bmax = np.maximum(np.maximum(b[..., 0], b[..., 1]), b[..., 2])
    dark = bmax <= 40
    d = cv2.absdiff(a, b)
    changed = (np.maximum(np.maximum(d[..., 0], d[..., 1]), d[..., 2]) > 60) & dark
    if not changed.any():
        return changed
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    closed = cv2.morphologyEx(changed.astype(np.uint8), cv2.MORPH_CLOSE, k)
    # dark pixels enclosed by a filled area (the black modules of a filled 2D code) are filled too
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    solid = np.zeros_like(closed)
    cv2.drawContours(solid, contours, -1, 1, thickness=cv2.FILLED)
    return solid.astype(bool) & dark


# ----------------------------------------------------------------------------- reading


@dataclass
class Reading:
    """What a copy's filled boxes hold: per chip key (C, row, column), the summed normalised
    readings, as read upright (``fwd``) and turned by 180 degrees (``back``)."""

    fwd: dict
    back: dict
    boxes: int

    def energy(self) -> float:
        return float(sum(v * v for v in self.fwd.values()))


def find_boxes(gray: np.ndarray) -> list[Box]:
    """Dark, solid, elongated rectangles of a (possibly photographed) label."""
    import cv2

    h, w = gray.shape
    small = min(h, w)
    blur = cv2.GaussianBlur(gray, (0, 0), 1.0)
    lo, hi = np.percentile(blur, [1, 90])
    if hi - lo < 40:
        return []
    dark = (blur < lo + 0.45 * (hi - lo)).astype(np.uint8)
    k = max(3, int(round(small * 0.006)) | 1)
    opened = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    min_h = max(6.0, 0.018 * small)
    comps = components(opened, min_h * min_h * MIN_ASPECT * 0.8)
    out = []
    for _, b in boxes_of(comps, min_h):
        if b.H > 0.25 * small or b.W / b.H < MIN_ASPECT * 0.9 or b.fill < READ_FILL:
            continue
        out.append(b)
    return out


def _canonical(gray: np.ndarray, b: Box) -> np.ndarray:
    """The box resampled upright: R*CELL rows, cells nominally CELL px wide."""
    import cv2

    k = b.H / (R * CELL)  # image px per canonical px
    wc = max(CELL, int(round(b.W / k)))
    o = b.origin
    # canonical pixel (x, y) -> image index coordinates: o + u*(x+0.5)*k + v*(y+0.5)*k
    M = np.array([[b.u[0] * k, b.v[0] * k, o[0] + (b.u[0] + b.v[0]) * k * 0.5],
                  [b.u[1] * k, b.v[1] * k, o[1] + (b.u[1] + b.v[1]) * k * 0.5]], np.float64)
    flags = (cv2.INTER_AREA if k > 1.5 else cv2.INTER_LINEAR) | cv2.WARP_INVERSE_MAP
    return cv2.warpAffine(gray, M, (wc, R * CELL), flags=flags, borderMode=cv2.BORDER_REPLICATE)


_VW = None


def _row_weights() -> np.ndarray:
    """(R, R*CELL): the bump across each row of cells."""
    global _VW
    if _VW is None:
        y = np.arange(R * CELL) + 0.5
        _VW = np.zeros((R, R * CELL), np.float32)
        for r in range(R):
            t = (y - r * CELL) / CELL
            _VW[r] = np.where((t > 0) & (t < 1), np.sin(np.pi * np.clip(t, 0, 1)), 0)
    return _VW


def _grid(can: np.ndarray, paper: float = 255.0) -> tuple[int, float, float, float] | None:
    """The cell grid along a canonical box, from the signal itself: every cell's bump makes the
    local energy dip to zero at cell borders, so the energy profile is periodic with the cell
    width. Returns (C, first cell start, cell width, how periodic the profile is: 0..1, where a
    pure sinusoid gives 1 and noise about 2 / n) or None."""
    col = can.mean(axis=0)
    lo = float(np.percentile(col, 10))
    fill_cols = col < lo + 0.35 * (paper - lo)  # columns over a kept character between two fills: out
    med = float(np.median(can[:, fill_cols])) if fill_cols.any() else float(np.median(can))
    e = ((can - med) ** 2).mean(axis=0)
    wc = len(e)
    if wc < CELL or fill_cols.sum() < CELL:
        return None
    x = np.arange(wc) + 0.5
    e = np.where(fill_cols, e - e[fill_cols].mean(), 0.0)
    best = None
    for P in np.arange(0.93 * CELL, 1.07 * CELL, 0.05 * CELL / 8):  # the box's own H/W fixes the scale
        z = np.exp(-2j * np.pi * x / P)
        f = complex((e * z).sum())
        if best is None or abs(f) > best[0]:
            best = (abs(f), P, f)
    mag, P, f = best
    n = int(fill_cols.sum())
    periodic = min(1.0, 2 * mag * mag / max(1e-9, n * float((e * e).sum())))
    theta = math.atan2(f.imag, f.real)
    off = (P * (math.pi - theta) / (2 * math.pi)) % P  # energy minimum: a cell border
    tol = 0.3 * P
    starts = [off + k * P for k in range(-2, int(wc / P) + 2)]
    cells = [a for a in starts if a >= -tol and a + P <= wc + tol]
    if not cells:
        return None
    return len(cells), cells[0], P, periodic


def _clean(can: np.ndarray, paper: float) -> np.ndarray:
    """The canonical box with every pixel brighter than halfway between the fill and the paper
    (a kept character, paper at a ragged edge) replaced by the fill's median: a chip is a few
    dozen grey levels, paper a few hundred, and would swamp the grid's energy and the cells."""
    lo = float(np.percentile(can, 25))
    thr = lo + 0.4 * max(1.0, paper - lo)
    dark = can < thr
    if not dark.any():
        return can
    med = float(np.median(can[dark]))
    return np.where(dark, can, med).astype(np.float32)


def _read_box(gray: np.ndarray, b: Box, paper: float = 255.0):
    can = _clean(_canonical(gray, b), paper)
    g = _grid(can, paper)
    if g is None:
        return None
    _, first, P, periodic = g
    wc = can.shape[1]
    # The column count is not counted from the grid (a cell more or less at a ragged end would
    # shift every column and key the whole box to the wrong chips): the embedder centres
    # C = floor(W / s) cells on the box, so the cell borders sit at whole cells from the box
    # centre when C is even and at half cells when it is odd. The grid's phase against the centre
    # gives C's parity, the box length W / s gives C to within one (the one integer of that
    # parity in (W/s - 1.5, W/s + 0.5]), and the cells are counted from the centre: a box
    # measured a few pixels long or short reads the same columns.
    d = ((first - wc / 2) / P) % 1.0
    odd = 0.25 < d < 0.75
    C = int(math.floor(wc / P + 0.5))
    if (C % 2 == 1) != odd:
        C -= 1
    C = min(C, MAX_C)
    if C < 1:
        return None
    left = wc / 2 - C * P / 2  # the first cell's start, on the grid's phase
    start0 = left + (((first - left) / P + 0.5) % 1.0 - 0.5) * P
    rows = _row_weights() @ can  # (R, wc)
    x = np.arange(wc) + 0.5
    obs = np.zeros((R, C), np.float32)
    for c in range(C):
        t = (x - (start0 + c * P)) / P
        wu = np.where((t > 0) & (t < 1), np.sin(np.pi * np.clip(t, 0, 1)), 0)
        sw = wu.sum()
        if sw <= 0:
            continue
        obs[:, c] = rows @ wu / sw
    # a box whose energy profile shows no cell grid (an unmarked dark box, a box found with the
    # wrong outline) reads noise: it is weighted down (the weight comes from the copy alone, not
    # from any share's key, so the innocent-share bound holds as it is)
    return C, _norm(obs) * float(min(1.0, 0.25 + 1.5 * periodic))


def _norm(obs: np.ndarray) -> np.ndarray:
    """Readings centred and scaled robustly (a cell over a kept character between two filled
    areas is far brighter than any chip: clipped)."""
    med = float(np.median(obs))
    mad = float(np.median(np.abs(obs - med))) * 1.4826
    if mad <= 1e-6:
        return obs * 0
    o = np.clip((obs - med) / mad, -2.5, 2.5)
    o = o - o.mean()
    sd = o.std()
    return o / sd if sd > 1e-6 else o * 0


def read(gray: np.ndarray) -> Reading:
    """Readings of every filled box in a grey image (float32, any scale)."""
    import cv2

    h, w = gray.shape
    if max(h, w) > 2400:  # a camera photo: the label fits in fewer pixels
        f = 2400 / max(h, w)
        gray = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    elif min(h, w) < READ_MIN:  # a downscaled copy: read at about the scale it was marked at, where
        # the outline of the filled areas (the cut into boxes, the opening) behaves as when marking
        f = min(2.5, READ_MIN / max(1, min(h, w)))
        gray = cv2.resize(gray, (max(1, int(round(w * f))), max(1, int(round(h * f)))),
                          interpolation=cv2.INTER_CUBIC)
    gray = gray.astype(np.float32)
    boxes = find_boxes(gray)
    if not boxes:
        return Reading({}, {}, 0)
    paper = float(np.percentile(gray, 90))
    dom = dominant([(b.u, b.W * b.H) for b in boxes])
    fwd: dict = {}
    back: dict = {}
    n = 0
    for b in boxes:
        if float(b.u @ dom) < 0:  # every box's u points the same way as the others'
            b = Box(b.origin + b.u * b.W + b.v * b.H, -b.u, -b.v, b.W, b.H, b.fill)
        got = _read_box(gray, b, paper)
        if got is None:
            continue
        n += 1
        C, obs = got
        rev = obs[::-1, ::-1]
        for r in range(R):
            for c in range(C):
                k = (C, r, c)
                fwd[k] = fwd.get(k, 0.0) + float(obs[r, c])
                back[k] = back.get(k, 0.0) + float(rev[r, c])
    return Reading(fwd, back, n)


def merge(readings: list[Reading]) -> Reading:
    """Readings of several pages (or images) of one copy as one (each page may be turned on its
    own: the orientation is decided per page by the caller; here both are summed as read)."""
    fwd: dict = {}
    back: dict = {}
    for rd in readings:
        for k, v in rd.fwd.items():
            fwd[k] = fwd.get(k, 0.0) + v
        for k, v in rd.back.items():
            back[k] = back.get(k, 0.0) + v
    return Reading(fwd, back, sum(rd.boxes for rd in readings))


def score(rd: Reading, share_key: bytes) -> tuple[float, float]:
    """(S, log10 of the probability that an innocent share scores >= S) for one share key. S is
    the better of the two orientations (hence the factor 2 in the probability)."""
    if not rd.fwd:
        return 0.0, 0.0
    by_c: dict[int, np.ndarray] = {}
    s1 = s2 = 0.0
    for (C, r, c), y in rd.fwd.items():
        ch = by_c.get(C)
        if ch is None:
            ch = by_c[C] = chips(share_key, C)
        s1 += float(ch[r, c]) * y
        s2 += float(ch[r, c]) * rd.back[(C, r, c)]
    s = max(s1, s2)
    e = rd.energy()
    if s <= 0 or e <= 0:
        return s, 0.0
    return s, min(0.0, math.log10(2) - (s * s) / (2 * e) / math.log(10))


TEXT_STYLE = {"boxes": 0, "chips": 0, "skipped": "image style 'text' (no filled areas)"}


def mark_filled(share, style: str, before, after):
    """(image, stats): the filled image ``after`` with the share's pattern in what the fill turned
    black (``before`` is the same image before the fill, same size, in memory)."""
    if style != "fill":
        return after, dict(TEXT_STYLE)
    if after is before:  # nothing was filled
        return after, {"boxes": 0, "chips": 0}
    return mark_image(after if after.mode != "P" else after.convert("RGB"), fill_mask_from(before, after),
                      share.image_key)


def add_stats(total: dict, st: dict) -> dict:
    """A page's marking stats added to a PDF's (boxes, chips, pages)."""
    total["boxes"] = total.get("boxes", 0) + st.get("boxes", 0)
    total["chips"] = total.get("chips", 0) + st.get("chips", 0)
    total["pages"] = total.get("pages", 0) + 1
    if st.get("skipped"):
        total["skipped"] = st["skipped"]
    return total
