"""Waybill's own pixel work around the OCR call made cheaper (issue 13) gives exactly what the
plainer code gave: the unread-ink measure, the cut-out of an area read again, the skew search,
the grey image the barcode decoder reads, the upright image the engine hands back. Each check
compares with the earlier code (kept here as the reference) on generated labels and photos."""
import numpy as np
import pytest

from waybill import imaging, ink


def _labels():
    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen
    g = Gen(4242)
    out = []
    for make in (cn_label, us_label):
        im, _ = make(g)
        out.append(np.asarray(im.convert("RGB")))
        out.append(np.asarray(photo(im, g.r).convert("RGB")))
    return out


def _quads(arr: np.ndarray, rng, n: int = 40) -> list:
    """Line-like quads (some tilted) at random places: what a reading would give, for the
    measure's purpose (which lines cover which ink)."""
    h, w = arr.shape[:2]
    out = []
    for _ in range(n):
        lh = float(rng.uniform(14, 34))
        lw = float(rng.uniform(3, 18)) * lh
        cx, cy = float(rng.uniform(0, w)), float(rng.uniform(0, h))
        a = float(rng.uniform(-0.3, 0.3)) if rng.random() < 0.4 else 0.0
        u = np.array([np.cos(a), np.sin(a)]) * lw / 2
        v = np.array([-np.sin(a), np.cos(a)]) * lh / 2
        c = np.array([cx, cy])
        out.append(tuple(tuple(map(float, p)) for p in (c - u - v, c + u - v, c + u + v, c - u + v)))
    return out


def _unread_blobs_before(arr, line_quads, code_quads):
    """ink.unread_blobs before issue 13's sixth round (a mean over each word's pixels)."""
    import cv2
    if not line_quads:
        return [], 0.0, 0.0, 0.0
    hs = sorted(min(np.linalg.norm(np.subtract(q[3], q[0])), np.linalg.norm(np.subtract(q[2], q[1])))
                for q in line_quads)
    h = max(6.0, float(hs[len(hs) // 2]))
    g = np.ascontiguousarray(ink.grey(arr))
    blk = int(h * 2) | 1
    im = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(3, blk), 25)
    for q in code_quads:
        cv2.fillPoly(im, [np.array(ink.grow_quad(q, 0.1, 0.1), dtype=np.int32)], 0)
    n0, lab0, st0, _ = cv2.connectedComponentsWithStats(im, connectivity=8)
    big = np.nonzero(np.maximum(st0[:, 2], st0[:, 3]) > 3 * h)[0]
    big = big[big > 0]
    if len(big):
        im[np.isin(lab0, big)] = 0
    read = np.zeros_like(im)
    for q in line_quads:
        cv2.fillPoly(read, [np.array(ink.grow_quad(q, 0.3, 0.3), dtype=np.int32)], 255)
    k = max(1, int(h * 0.4))
    words = cv2.morphologyEx(im, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(words, connectivity=8)
    blobs = []
    tot = cov = 0
    for c in range(1, n):
        x, y, w, hh, area = stats[c]
        if area < h * h * 0.15 or max(w, hh) > 60 * h:
            continue
        ys, xs = np.nonzero(lab[y:y + hh, x:x + w] == c)
        pts = np.stack([xs + x, ys + y], axis=1).astype(np.float32)
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(pts)
        short, long_ = min(rw, rh), max(rw, rh)
        if not (0.4 * h <= short <= 3.5 * h) or long_ < 0.5 * h:
            continue
        if (im[y:y + hh, x:x + w][lab[y:y + hh, x:x + w] == c] > 0).mean() < 0.08:
            continue
        got = (read[ys + y, xs + x] > 0).mean()
        tot += area
        if got >= 0.3:
            cov += area
            continue
        blobs.append(((float(cx), float(cy)), cv2.boxPoints(((cx, cy), (rw, rh), ang)), float(area)))
    return blobs, h, float(tot), float(cov)


def _same_blobs(a, b) -> bool:
    return len(a) == len(b) and all(x[0] == y[0] and np.array_equal(x[1], y[1]) and x[2] == y[2] for x, y in zip(a, b))


def test_unread_blobs_equal_the_mean_per_word():
    rng = np.random.default_rng(11)
    seen = 0
    for arr in _labels():
        for n in (3, 12, 40):
            lines = _quads(arr, rng, n)
            codes = _quads(arr, rng, 2)
            want = _unread_blobs_before(arr, lines, codes)
            got = ink.unread_blobs(arr, lines, codes)
            assert _same_blobs(got[0], want[0]) and got[1:] == want[1:]
            # without the covered share: the same blobs
            lean = ink.unread_blobs(arr, lines, codes, cover=False)
            assert _same_blobs(lean[0], want[0]) and lean[1] == want[1]
            seen += len(want[0])
            for mc in (0.5, 2.0):
                pers = lines[:2]
                assert ink.unread_ink(arr, lines, codes, pers, min_cover=mc) == \
                    ink.unread_ink(arr, lines, codes, pers, min_cover=mc, blobs=want)
    assert seen > 20  # the labels had unread ink to find


def _cut_area_before(arr, pts, h, ink_h):
    """imaging._cut_area before issue 13's sixth round (an image-sized mask, grown whole)."""
    import cv2
    from PIL import Image
    H, W = arr.shape[:2]
    hull = cv2.convexHull(pts.astype(np.float32))
    m = np.zeros((H, W), np.uint8)
    cv2.fillPoly(m, [hull.astype(np.int32).reshape(-1, 2)], 255)
    g = max(3, int(1.5 * h))
    m = cv2.dilate(m, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * g + 1, 2 * g + 1)))
    ys, xs = np.nonzero(m)
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    sub = np.array(arr[y0:y1, x0:x1])
    inside = m[y0:y1, x0:x1] > 0
    paper = np.percentile(sub[inside].reshape(-1, sub.shape[-1]) if sub.ndim == 3 else sub[inside], 90, axis=0)
    sub[~inside] = paper.astype(sub.dtype)
    f = float(min(3.0, max(1.0, 24.0 / max(ink_h, 1.0))))
    img = Image.fromarray(sub)
    if f > 1.05:
        img = img.resize((int(sub.shape[1] * f), int(sub.shape[0] * f)), Image.LANCZOS)
    else:
        f = 1.0
    return (x0, y0, f), img


def test_cut_area_in_a_window_equals_the_image_sized_mask():
    rng = np.random.default_rng(12)
    for arr in _labels():
        H, W = arr.shape[:2]
        for _ in range(6):
            # points anywhere, some off the image (a box's corner past the edge), a few to many
            n = int(rng.integers(3, 30))
            c = rng.uniform([0, 0], [W, H])
            pts = (c + rng.normal(0, rng.uniform(5, 200), (n, 2))).astype(np.float32)
            if rng.random() < 0.3:
                pts[0] = [-15.5, H + 7.2]
            h, ink_h = float(rng.uniform(4, 40)), float(rng.uniform(4, 30))
            (x0, y0, f), img = imaging._cut_area(arr, pts, h, ink_h)
            (x0b, y0b, fb), imgb = _cut_area_before(arr, pts, h, ink_h)
            assert (x0, y0, f) == (x0b, y0b, fb)
            assert np.array_equal(np.asarray(img), np.asarray(imgb))


def _estimate_skew_before(arr):
    """imaging.estimate_skew before issue 13's sixth round (every angle turned, level twice)."""
    import cv2
    g = arr if arr.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(arr), cv2.COLOR_RGB2GRAY)
    h, w = g.shape
    f = 700.0 / max(h, w)
    if f < 1:
        g = cv2.resize(g, (max(8, int(w * f)), max(8, int(h * f))), interpolation=cv2.INTER_AREA)
    im = cv2.adaptiveThreshold(g, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = im.shape
    centre = (w / 2, h / 2)

    def score(a):
        m = cv2.getRotationMatrix2D(centre, a, 1.0)
        r = cv2.warpAffine(im, m, (w, h), flags=cv2.INTER_NEAREST)
        rows = cv2.reduce(r, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32F).ravel()
        cols = cv2.reduce(r, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32F).ravel()
        return float(max((np.diff(rows) ** 2).sum(), (np.diff(cols) ** 2).sum()))

    if int(np.count_nonzero(im)) < 200:
        return 0.0
    level = score(0.0)
    coarse = np.arange(-45.0, 45.0, 3.0)
    sc = [score(a) for a in coarse]
    best = float(coarse[int(np.argmax(sc))])
    fine = np.arange(best - 3.0, best + 3.01, 0.5)
    sc = [score(a) for a in fine]
    best = float(fine[int(np.argmax(sc))])
    if max(sc) < 1.1 * level:
        return 0.0
    return ((best + 45.0) % 90.0) - 45.0


def test_skew_search_turns_each_angle_once_with_the_same_answer(monkeypatch):
    from PIL import Image
    calls = []
    real = imaging._skew_score
    monkeypatch.setattr(imaging, "_skew_score", lambda *a: calls.append(a[2]) or real(*a))
    for arr in _labels():
        for deg in (0.0, 7.0, -23.0, 44.0):
            im = Image.fromarray(arr).rotate(deg, expand=True, fillcolor=(255, 255, 255))
            a = np.asarray(im)
            calls.clear()
            assert imaging.estimate_skew(a) == _estimate_skew_before(a)
            assert len(calls) == len(set(calls)) <= 42  # 44 turns before: level and 2-3 fine angles twice


def test_barcode_decoder_reads_pillows_grey():
    """zxing-cpp reads a PIL RGB image as Pillow's own grey (``convert("L")``): the same codes at
    the same places from the grey array, which imaging makes once for the decoder and the bars'
    extent. Checked on generated labels with codes, print and photo."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    def sig(rs):
        return [(r.format, r.bytes, str(r.position), r.orientation) for r in rs]

    n = 0
    for arr in _labels():
        im = Image.fromarray(arr)
        want = sig(zxingcpp.read_barcodes(im))
        assert sig(zxingcpp.read_barcodes(np.asarray(im.convert("L")))) == want
        n += len(want)
    assert n >= 4


@pytest.mark.ocr
def test_engine_hands_back_the_upright_image():
    """The read-once path returns the image it read, turned upright: the same pixels as turning
    the input by its k (imaging.read_oriented uses it instead of turning the input again)."""
    pytest.importorskip("rapidocr")
    from waybill import ocr as ocrmod
    eng = ocrmod.get_engine("rapidocr")
    arr = _labels()[0]
    for k in (0, 1, 2):
        src = np.ascontiguousarray(np.rot90(arr, k))
        got = eng.read_upright(src)
        assert got[0] == (-k) % 4
        assert got.image.flags["C_CONTIGUOUS"]
        assert np.array_equal(got.image, np.rot90(src, got[0]))
        rd = imaging.read_oriented(eng, src)
        assert np.array_equal(rd.image, np.rot90(src, got[0]))


def test_paper_views_flattens_only_views_it_uses(monkeypatch):
    """paper_views uses two or more label papers, or one under a camera tilt or small in the photo
    (its long side at most FAR_SIDE): one level paper larger than that gives no view and no
    flattening (a warp of the whole photo, ~45 ms a photo); two give the same views as label_views."""
    import cv2

    from waybill.verify_read import label_views
    assert imaging.FAR_SIDE < 960
    img = np.full((1100, 1400, 3), (70, 90, 60), np.uint8)  # a dark surface
    big = [(150, 60), (800, 60), (800, 1020), (150, 1020)]
    small = [(950, 450), (1300, 480), (1290, 720), (940, 700)]
    cv2.fillPoly(img, [np.array(big, np.int32)], (245, 245, 240))
    one = img.copy()
    cv2.fillPoly(img, [np.array(small, np.int32)], (245, 245, 240))
    warps = []
    real = cv2.warpPerspective
    monkeypatch.setattr(cv2, "warpPerspective", lambda *a, **k: warps.append(1) or real(*a, **k))
    assert len(label_views(one, k=3)) == 1 and len(warps) == 1
    warps.clear()
    assert imaging.paper_views(one) == [] and not warps
    want = label_views(img, k=3)
    warps.clear()
    got = imaging.paper_views(img)
    assert len(want) == len(got) == 2 == len(warps)
    assert all(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) for a, b in zip(want, got))


def test_median_colour_by_opencv_histogram_equals_numpy():
    """The border colour of a turned photo from OpenCV's histogram (counts below 2**24) is
    ``np.median`` per channel, on photo-sized images as on small ones."""
    rng = np.random.default_rng(13)
    arrs = _labels() + [rng.integers(0, 256, (1000, 999, 3), dtype=np.uint8),
                        rng.integers(0, 256, (301, 257, 4), dtype=np.uint8),
                        (rng.integers(0, 2, (640, 480)) * 200).astype(np.uint8)]
    for a in arrs:
        px = a.reshape(-1, a.shape[-1]) if a.ndim == 3 else a.reshape(-1, 1)
        assert imaging._median_colour(a) == tuple(int(v) for v in np.median(px, axis=0))
