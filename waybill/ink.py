"""Pixel measures shared by the OCR engines and the fill stage: a quad grown around its text, and
text-like ink that no reading covers. Imports no other waybill module, so ``ocr`` and ``imaging``
both use it without importing each other."""
from __future__ import annotations

import math

import numpy as np

Quad = tuple  # four (x, y) corners, clockwise from the top left of the text


def grow_quad(q: Quad, along: float = 0.22, across: float = 0.12,
              reach: tuple = (None, None)) -> list[tuple[float, float]]:
    """The quad grown along the text line and across it by fractions of its height; ``reach``
    caps the growth before and after the run (px) where a kept character stands next to it."""
    p = np.array(q, dtype=float)
    u = p[1] - p[0]
    v = p[3] - p[0]
    hgt = max(np.linalg.norm(v), np.linalg.norm(p[2] - p[1]), 2.0)
    un = u / (np.linalg.norm(u) or 1.0)
    vn = v / (np.linalg.norm(v) or 1.0)
    gx = max(2.0, along * hgt)
    g0 = gx if reach[0] is None else min(gx, reach[0])
    g1 = gx if reach[1] is None else min(gx, reach[1])
    gy = max(2.0, across * hgt)
    return [tuple(p[0] - un * g0 - vn * gy), tuple(p[1] + un * g1 - vn * gy),
            tuple(p[2] + un * g1 + vn * gy), tuple(p[3] - un * g0 + vn * gy)]


def grey(arr: np.ndarray) -> np.ndarray:
    """The mean of the colour channels as uint8, rounded down (a grey image as is). For 8-bit
    images it is summed in integers: the same values as numpy's float mean over the last axis,
    which costs about 30 ms on a 1-megapixel image (a reduction over 3 values per pixel)."""
    if arr.ndim == 2:
        return arr.astype(np.uint8, copy=False)
    if arr.dtype != np.uint8:
        return arr[..., :3].mean(axis=2).astype(np.uint8)
    s = arr[..., 0].astype(np.uint16)
    s += arr[..., 1]
    s += arr[..., 2]
    s //= 3
    return s.astype(np.uint8)


def unread_ink(arr: np.ndarray, line_quads: list, code_quads: list, personal_quads: list,
               min_cover: float = 0.5, blobs: tuple | None = None) -> list[Quad]:
    """Text-like ink (word-sized blobs, any angle) over which no OCR line lies: the blobs near a
    personal line (within two line heights), or all of them when the lines cover less than
    ``min_cover`` of the text-like ink (a reading that missed most of the label). Codes, rules and
    frames are not text-like (their short side is far from a line's height). ``blobs``: what
    ``unread_blobs(arr, line_quads, code_quads)`` returned, when the caller has it already."""
    import cv2
    # a share of covered ink is at most 1: with min_cover above it every blob counts, and how
    # much ink the lines cover need not be measured
    blobs, h, tot, cov = blobs if blobs is not None else unread_blobs(arr, line_quads, code_quads,
                                                                      cover=min_cover <= 1.0)
    if not blobs:
        return []
    poor = tot > 0 and cov / tot < min_cover
    pq = [np.array(q, dtype=np.float32).reshape(-1, 1, 2) for q in personal_quads]
    out = []
    for (cx, cy), box, _area in blobs:
        if poor or any(cv2.pointPolygonTest(q, (cx, cy), True) >= -2 * h for q in pq):
            b = [tuple(map(float, p)) for p in box]
            # the long side first, as a line's quad runs (corner 0 to 1 along the text): a fill
            # grows a quad by fractions of its other side, its height (the corners come in the
            # rectangle's own order: a long thin piece of ink whose long side came second, the edge
            # of a motion-blurred label, was filled 500 px wide over the label and its barcode)
            if math.dist(b[0], b[1]) < math.dist(b[0], b[3]):
                b = [b[1], b[2], b[3], b[0]]
            out.append((b[0], b[1], b[2], b[3]))
    return out


def _smeared_text(g: np.ndarray, lab: np.ndarray, st, c: int, h: float) -> bool:
    """Whether a long component ``c`` (stats ``st``) is text that motion blur ran together: solid
    ink about a line high (not a rule, thin, or a frame, hollow), or a thin grey stroke of small
    print (``_grey_smear``). Its rotated rectangle is measured once for both."""
    import cv2
    x, y, w, hh, area = st
    if max(w, hh) > 60 * h:
        return False
    ys, xs = np.nonzero(lab[y:y + hh, x:x + w] == c)
    pts = np.stack([xs + x, ys + y], axis=1).astype(np.float32)
    (_cx, _cy), (rw, rh), _ang = cv2.minAreaRect(pts)
    short = min(rw, rh)
    return (0.5 * h <= short <= 2.5 * h and area >= 0.3 * rw * rh) or _grey_smear(g, pts, short, max(rw, rh), h)


def _grey_smear(g: np.ndarray, pts: np.ndarray, short: float, long_: float, h: float) -> bool:
    """A thin, long and grey piece of ink on a photo blurred by motion: a line of small print whose
    characters the blur ran into one grey stroke (the sender's line in small type on a fr_col motion
    photo, label_holdout stress seed 146000, stood unfilled: thinner than 0.4 of the median line's
    height, it was taken for a rule). A printed rule stays dark however it is blurred along itself,
    and is thinner than a small line's smear."""
    if not (max(3.0, 0.15 * h) <= short < 0.5 * h and long_ >= 3 * h):
        return False
    return float(g[pts[:, 1].astype(np.intp), pts[:, 0].astype(np.intp)].mean()) > 110


def unread_blobs(arr: np.ndarray, line_quads: list, code_quads: list,
                 cover: bool = True, smeared: bool = False) -> tuple[list, float, float, float]:
    """(blobs, line height, text-like ink area, area of it under a reading): every text-like blob
    no OCR line covers, as ((cx, cy), 4 corner points, area). ``cover=False``: the two areas count
    only the blobs (the ink under a reading is not measured, and its shape not checked).
    ``smeared``: a photo blurred by motion, whose characters run together into one stroke a line
    long: a long piece of ink is taken out as a rule or frame only when it is thin (a rule) or
    hollow (a frame), not for its length alone (the stub's address line of a motion-blurred
    label, label_holdout stress seed 95000, was dropped as a rule and stayed unfilled)."""
    import cv2
    if not line_quads:
        return [], 0.0, 0.0, 0.0
    hs = sorted(min(np.linalg.norm(np.subtract(q[3], q[0])), np.linalg.norm(np.subtract(q[2], q[1])))
                for q in line_quads)
    h = max(6.0, float(hs[len(hs) // 2]))
    g = np.ascontiguousarray(grey(arr))
    blk = int(h * 2) | 1
    ink = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(3, blk), 25)
    for q in code_quads:
        cv2.fillPoly(ink, [np.array(grow_quad(q, 0.1, 0.1), dtype=np.int32)], 0)
    # frames, rules and long bars are no characters: taken out before characters are joined
    n0, lab0, st0, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    big = np.nonzero(np.maximum(st0[:, 2], st0[:, 3]) > 3 * h)[0]
    big = big[big > 0]
    if smeared and len(big):
        big = np.array([c for c in big if not _smeared_text(g, lab0, st0[c], c, h)], dtype=np.int64)
    if len(big):
        drop = np.zeros(n0, bool)
        drop[big] = True
        ink[drop[lab0]] = 0
    read = np.zeros_like(ink)
    for q in line_quads:
        cv2.fillPoly(read, [np.array(grow_quad(q, 0.3, 0.3), dtype=np.int32)], 255)
    k = max(1, int(h * 0.4))
    words = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(words, connectivity=8)
    # per word: its pixels that are ink, and its pixels under a reading, counted for all words in
    # one pass each (the shares are the same float64 numbers as a mean over each word's pixels)
    flat = lab.ravel()
    inked = np.bincount(flat[ink.ravel() > 0], minlength=n)
    under = np.bincount(flat[read.ravel() > 0], minlength=n)
    blobs = []
    tot = cov = 0
    for c in range(1, n):
        x, y, w, hh, area = stats[c]
        if area < h * h * 0.15 or max(w, hh) > 60 * h:
            continue
        if inked[c] / area < 0.08:
            continue
        got = under[c] / area
        if got >= 0.3 and not cover:
            continue  # read: no blob (its shape matters only to the areas)
        ys, xs = np.nonzero(lab[y:y + hh, x:x + w] == c)
        pts = np.stack([xs + x, ys + y], axis=1).astype(np.float32)
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(pts)
        short, long_ = min(rw, rh), max(rw, rh)
        if (not (0.4 * h <= short <= 3.5 * h) or long_ < 0.5 * h) \
                and not (smeared and _grey_smear(g, pts, short, long_, h)):
            continue  # a rule, a frame, a code, a speck
        tot += area
        if got >= 0.3:
            cov += area
            if smeared:
                # smeared lines lie so close that an unread line joins a read one into one word
                # (the stub's address line beside its sender line, and a sender's second line,
                # stood unfilled on a motion-blurred label, stress seed 128000, cn_std photo):
                # the ink of such a word outside every reading, where it is a line of its own
                blobs += _unread_part(lab[y:y + hh, x:x + w] == c, ink[y:y + hh, x:x + w],
                                      read[y:y + hh, x:x + w], x, y, h)
            continue
        blobs.append(((float(cx), float(cy)), cv2.boxPoints(((cx, cy), (rw, rh), ang)), float(area)))
    return blobs, h, float(tot), float(cov)


def _unread_part(word: np.ndarray, ink: np.ndarray, read: np.ndarray, x0: int, y0: int, h: float) -> list:
    """The pieces of a word (its mask ``word``, at ``x0, y0``) whose ink lies outside every
    reading (``read``) and that are a line of their own: ink a line high (0.4 to 2.5 line heights)
    and at least 1.5 line heights long, with half a square of a line's height in ink. The edge of a
    read line's ink that its grown quad did not reach is thinner or shorter than that."""
    import cv2
    rest = (word & (ink > 0) & (read == 0)).astype(np.uint8)
    # (half a square of a line's height: two blurred characters left between two fills held 674 px
    # of ink at h = 32, under the square's 1024, and stood; label_holdout stress seeds 140000 and
    # 141000, cn_std motion photos. The shape tests below keep a read line's thin or short edge out)
    if int(rest.sum()) < 0.5 * h * h:
        return []
    k = max(1, int(h * 0.4))
    rest = cv2.morphologyEx(rest, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    out = []
    for c in range(1, n):
        if stats[c][4] < 0.5 * h * h:
            continue
        ys, xs = np.nonzero(lab == c)
        pts = np.stack([xs + x0, ys + y0], axis=1).astype(np.float32)
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(pts)
        short, long_ = min(rw, rh), max(rw, rh)
        # (the line height is the median reading's, which motion blur stretches across the lines: a
        # sender's whole line, 0.50 h by 3.1 h at h = 40, stood unfilled between two fills on stress
        # seed 142000's cn_std photo; as unread_blobs, 0.4 h is a line's least height)
        if 0.4 * h <= short <= 2.5 * h and long_ >= 1.5 * h and stats[c][4] >= 0.3 * rw * rh:
            out.append(((float(cx), float(cy)), cv2.boxPoints(((cx, cy), (rw, rh), ang)), float(stats[c][4])))
    return out
