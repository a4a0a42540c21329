"""PDFs page by page (issue 11 item 5): a blank page is fine, a declared page size is never trusted,
pages keep their size, and a page with ink but no readable text still fails closed."""
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from waybill import ocr as ocrmod
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
def ink(monkeypatch):
    eng = InkEngine()
    ocrmod._FAKE.append(eng)
    ocrmod.get_engine.cache_clear()
    monkeypatch.setattr(ocrmod, "available", lambda: ["fake"])
    yield eng
    ocrmod._FAKE.remove(eng)
    ocrmod.get_engine.cache_clear()


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
