"""Images and PDFs at any size (issue 11 item 5): PDFs page by page (a blank page is fine, a declared
page size is never trusted), image headers checked before decoding, small labels on big sheets read at
their own scale, and the auditor's reading never takes the fast path. Pages keep their size; a page
with ink but no readable text still fails closed."""
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from waybill.cli import app
from waybill.formats import pdf as pdffmt
from waybill.ocr import OcrLine, split_quad

runner = CliRunner()


class InkEngine:
    """Reads one phone line on any image with ink; nothing on an empty one."""
    name = "fake"

    def __init__(self):
        self.sizes = []

    def read(self, image):
        self.sizes.append(image.shape[:2])
        if (np.asarray(image) < 128).mean() < 0.001:
            return []
        box = ((10, 10), (400, 10), (400, 40), (10, 40))
        return [OcrLine("Tel 13812345678", 0.99, box, tuple(split_quad(box, "Tel 13812345678")))]


@pytest.fixture
def ink(use_engine):
    return use_engine(InkEngine())


def _page(ink_=True, size=(600, 400)):
    im = Image.new("RGB", size, "white")
    if ink_:
        ImageDraw.Draw(im).rectangle((10, 10, 400, 40), fill="black")
    return im


def _run(tmp_path, pages, resolution=72.0):
    p = tmp_path / "l.pdf"
    pages[0].save(p, "PDF", save_all=True, append_images=pages[1:], resolution=resolution)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    return r, tmp_path / "o" / "l.pdf"


def test_blank_last_page_is_kept(tmp_path, ink):
    r, out = _run(tmp_path, [_page(), _page(), _page(False)])
    assert r.exit_code == 0, r.stderr
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(out.read_bytes())
    assert len(doc) == 3
    assert [tuple(round(v) for v in doc.get_page_size(i)) for i in range(3)] == [(600, 400)] * 3
    rec = json.loads((tmp_path / "o" / "audit.jsonl").read_text().splitlines()[-1])
    assert sum(f["type"] == "phone" for f in rec["findings"]) == 2


def test_page_with_ink_but_no_text_fails_closed(tmp_path, ink, monkeypatch):
    monkeypatch.setattr(InkEngine, "read", lambda self, image: [])
    r, out = _run(tmp_path, [_page(), _page()])
    assert r.exit_code == 4 and not out.exists()
    assert "page 1" in r.stderr


def test_huge_media_box_is_rendered_within_the_pixel_bound(tmp_path, ink):
    # 2000 px at 20 dpi: a 7200-point (100-inch) page, 412 megapixels at the label resolution
    r, out = _run(tmp_path, [_page(size=(2000, 2000))], resolution=20.0)
    assert r.exit_code == 0, r.stderr
    assert max(h * w for h, w in ink.sizes) <= pdffmt.MAX_PAGE_PIXELS * 1.01
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(out.read_bytes())
    assert all(abs(v - 7200) <= 2 for v in doc.get_page_size(0))  # same page size, within a pixel


def test_image_size_is_checked_before_decoding(tmp_path):
    import io
    import resource
    from waybill import imaging
    from waybill.errors import InputError
    buf = io.BytesIO()
    Image.new("1", (10000, 9000)).save(buf, "PNG")  # 11 KB on disk, 90 megapixels declared
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match="80 megapixels"):
        imaging.load(buf.getvalue())
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB: nothing decoded


def test_content_box_of_a_label_on_a_big_sheet():
    from waybill.imaging import CROP_MIN_SIDE, content_box
    small = Image.new("RGB", (CROP_MIN_SIDE, 1000), "white")
    ImageDraw.Draw(small).rectangle((10, 10, 50, 50), fill="black")
    assert content_box(small) is None  # small enough to be read whole
    big = Image.new("RGB", (6000, 6000), "white")
    d = ImageDraw.Draw(big)
    d.rectangle((2000, 3000, 2800, 4400), fill="black")
    d.text((5500, 200), "faint", fill=(232, 232, 232))  # faint ink far away still counts
    x0, y0, x1, y1 = content_box(big)
    assert x0 <= 2000 and y0 <= 200 and x1 >= 5500 and y1 >= 4400
    big2 = Image.new("RGB", (6000, 6000), "white")
    ImageDraw.Draw(big2).rectangle((2000, 3000, 2800, 4400), fill="black")
    x0, y0, x1, y1 = content_box(big2)
    assert x0 <= 2000 and y0 <= 3000 and x1 >= 2801 and y1 >= 4401 and (x1 - x0) < 1200
    noisy = Image.effect_noise((3000, 3000), 80).convert("RGB")  # ink everywhere: no crop
    assert content_box(noisy) is None


@pytest.mark.ocr
def test_label_pasted_on_a_big_canvas_is_read_at_its_own_scale(tmp_path):
    """A label on an 8900 x 8900 sheet came out with only its QR code filled: the OCR read the
    sheet scaled down, where the label's text was a few pixels high."""
    from waybill.generators.labels import cn_label
    from waybill.generators.records import Gen
    lab, truth = cn_label(Gen(3))
    sheet = Image.new("RGB", (6000, 6000), "white")
    sheet.paste(lab, (2500, 3000))
    p = tmp_path / "sheet.png"
    sheet.save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rec = json.loads((tmp_path / "o" / "audit.jsonl").read_text().splitlines()[-1])
    types = {f["type"] for f in rec["findings"]}
    assert {"name", "phone", "address"} <= types
    out = Image.open(tmp_path / "o" / "sheet.png")
    out.crop((2450, 2950, 2550 + lab.width, 3050 + lab.height)).save(tmp_path / "crop.png")
    v = runner.invoke(app, ["verify", str(tmp_path / "crop.png")])
    assert v.exit_code == 0, v.stderr


def test_report_mode_reads_with_the_engines_full_reading():
    """verify and detect must not depend on the masking path's shortcuts (read-once OCR)."""
    from waybill.imaging import read_upright

    class Eng:
        calls = []

        def read_upright(self, arr):
            self.calls.append("once")
            return 0, []

        def read(self, arr):
            self.calls.append("read")
            return []

    e = Eng()
    arr = np.full((40, 40, 3), 255, np.uint8)
    read_upright(e, arr)
    assert e.calls == ["once"]
    e.calls.clear()
    read_upright(e, arr, full=True)
    assert e.calls and set(e.calls) == {"read"}
