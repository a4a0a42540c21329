"""``dispose`` on label images leaves no code anyone can read: a linear code's fill covers all of
its bars (a decoder reports only the rows it read), a code no decoder read is still found by its
shape and filled, and ``verify --preset dispose`` reports bars that are still there. Lines in
``dispose`` are kept only as harmless print (fail-safe lines and unread ink, as for Tesseract)."""
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from waybill.cli import app
from waybill.imaging import bar_extent, undecoded_codes

runner = CliRunner()


def _bars(h: int = 120) -> np.ndarray:
    """A white image with a stripe of bars (irregular widths, like a Code 128) from row 40 to
    40 + h, columns 50..350."""
    img = np.full((240, 400), 255, np.uint8)
    r = np.random.default_rng(3)
    x = 50
    while x < 350:
        w = int(r.integers(2, 8))
        img[40:40 + h, x:x + w] = 0
        x += w + int(r.integers(2, 8))
    return img


def test_bar_extent_grows_a_thin_decoded_band_to_the_whole_bars():
    img = _bars()
    band = ((50.0, 95.0), (350.0, 95.0), (350.0, 105.0), (50.0, 105.0))  # 10 rows in the middle
    q = np.array(bar_extent(img, band))
    assert q[:, 1].min() <= 41 and q[:, 1].max() >= 158  # rows 40..159 are bars
    assert q[:, 1].min() >= 30 and q[:, 1].max() <= 170  # and it stops where they stop


def test_bar_extent_works_at_an_angle():
    img = Image.fromarray(_bars()).rotate(30, expand=True, fillcolor=255)
    a = np.asarray(img)
    # the band's corners turned with the image (PIL turns counter-clockwise about the centre)
    c0 = np.array([200.0, 120.0])
    c1 = np.array([a.shape[1] / 2, a.shape[0] / 2])
    t = np.radians(30)
    rot = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    band = [tuple(rot @ (np.array(p) - c0) + c1) for p in ((50, 95), (350, 95), (350, 105), (50, 105))]
    q = np.array(bar_extent(a, band))
    back = (np.linalg.inv(rot) @ (q - c1).T).T + c0
    assert back[:, 1].min() <= 45 and back[:, 1].max() >= 154


def test_bar_extent_follows_bars_that_lean_and_cross_a_shadow():
    """A photo's bars lean under perspective (far from the decoded rows they no longer line up
    with them) and a shadow's edge crosses them (a step in every row's grey): the fill still
    reaches the bars' ends (a dk_gls photo's bar tops stood above the fill and decoded)."""
    img = np.full((300, 400), 235, np.uint8)
    r = np.random.default_rng(5)
    x = 50
    while x < 330:
        w = int(r.integers(2, 7))
        for y in range(20, 260):  # each bar leans 1 px every 5 rows
            s = (y - 20) // 5
            img[y, x + s:x + s + w] = 20
        x += w + int(r.integers(2, 7))
    yy, xx = np.mgrid[:300, :400]
    shade = (yy < 0.3 * xx + 40)  # a diagonal shadow over the top
    img = np.where(shade, (img * 0.55).astype(np.uint8), img)
    band = ((98.0, 225.0), (378.0, 225.0), (378.0, 235.0), (98.0, 235.0))  # rows near the bottom
    q = np.array(bar_extent(img, band))
    assert q[:, 1].min() <= 26 and q[:, 1].max() >= 255  # rows 20..259 are bars
    assert q[:, 1].min() >= 10 and q[:, 1].max() <= 270


def test_bar_extent_leaves_text_and_blank_alone():
    blank = np.full((100, 300), 255, np.uint8)
    band = ((10.0, 40.0), (290.0, 40.0), (290.0, 50.0), (10.0, 50.0))
    assert bar_extent(blank, band) == band


def test_undecoded_code_found_by_shape():
    from waybill.generators.labels import _barcode
    bc = _barcode("1Z999AA10123456784", "Code128", scale=3, height=150)
    page = Image.new("L", (bc.width + 200, bc.height + 200), 255)
    page.paste(bc, (100, 100))
    page = page.rotate(40, expand=True, fillcolor=255)
    arr = np.asarray(page.convert("RGB"))
    found = undecoded_codes(arr, [])
    assert found, "the code's place is found without reading it"
    c = np.mean(np.array(found[0]), axis=0)
    assert abs(c[0] - arr.shape[1] / 2) < 40 and abs(c[1] - arr.shape[0] / 2) < 40
    # a code already decoded there is not reported twice
    assert undecoded_codes(arr, [found[0]]) == []


@pytest.mark.ocr
def test_dispose_fills_every_code_of_a_tilted_photo(tmp_path):
    import random

    import zxingcpp

    from waybill.generators.labels import photo, us_label
    from waybill.generators.records import Gen
    img, truth = us_label(Gen(13), with_code=True)
    img = photo(img, random.Random(5)).rotate(45, expand=True, fillcolor=(120, 110, 100))
    src = tmp_path / "in" / "l.png"
    src.parent.mkdir()
    img.save(src)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q", "--preset", "dispose",
                            "--workers", "1"])
    assert r.exit_code == 0, r.stderr
    out = Image.open(tmp_path / "o" / "l.png").convert("RGB")
    for a in range(0, 360, 15):  # any turn a reader might try
        assert not zxingcpp.read_barcodes(out.rotate(a, expand=True, fillcolor=(255, 255, 255)))
    assert not undecoded_codes(np.asarray(out), [])
    r = runner.invoke(app, ["verify", str(tmp_path / "o" / "l.png"), "--preset", "dispose"])
    assert r.exit_code == 0, r.stderr
