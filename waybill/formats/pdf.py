"""PDF labels: every page rasterised (pypdfium2, its form fields drawn), masked like an image, written
as an image-only PDF: no text layer, annotation, form field or metadata of the original survives.

Pages are rendered, masked and compressed one at a time (memory holds one raster page plus the
compressed output), each at the thermal-label resolution unless its declared size would make the
raster larger than ``MAX_PAGE_PIXELS`` (a 100-inch MediaBox is rendered at a lower scale, never
trusted). A blank page (no ink) is kept as it is; a page with ink but no readable text fails the
whole file (handwriting or an unreadable scan could be personal)."""
from __future__ import annotations

import io
import math

from .. import imaging
from ..errors import InputError, MissingDependency

DPI = 203  # thermal-label resolution; text stays readable for OCR
MAX_PAGES = 500
MAX_BYTES = 500 << 20
MAX_PAGE_PIXELS = 40_000_000  # about an A2 sheet at 203 dpi


def _blank(img) -> bool:
    import numpy as np
    g = np.asarray(img.convert("L").reduce(4) if min(img.size) >= 64 else img.convert("L"))
    return float((g < 200).mean()) < 0.0005


def _render(page, i: int):
    w, h = page.get_size()
    if not (w > 0 and h > 0):
        raise InputError(f"page {i + 1} has no size")
    scale = DPI / 72
    if w * h * scale * scale > MAX_PAGE_PIXELS:
        scale = math.sqrt(MAX_PAGE_PIXELS / (w * h))
    try:
        return page.render(scale=scale).to_pil().convert("RGB"), scale
    except Exception as e:
        raise InputError(f"page {i + 1} could not be rendered ({e.__class__.__name__})") from None


def mask(src, dst, job, fmt: str = "pdf") -> None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("PDF support needs pypdfium2: pip install 'waybill[all]'") from None
    data = src.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"PDF larger than {MAX_BYTES >> 20} MB")
    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file")
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:
        msg = str(e).lower()
        if "password" in msg:
            raise InputError("encrypted PDF (password required)") from None
        raise InputError(f"broken PDF ({e.__class__.__name__})") from None
    try:
        # form fields drawn into the pages (a label's name, address and phone typed into fillable
        # fields were not drawn, and a share lost them, tracking number too, with no record: they
        # are read and masked as print now; found by hand)
        pdf.init_forms()
    except Exception:  # pragma: no cover - a broken form: the pages are drawn without it
        pass
    share = None if job.report else getattr(job.engine.policy, "share", None)
    if share is not None:
        from ..trace.watermark import add_stats, mark_filled
    out = pdfium.PdfDocument.new()
    try:
        if len(pdf) == 0:
            raise InputError("PDF has no pages")
        if len(pdf) > MAX_PAGES:
            raise InputError(f"PDF has more than {MAX_PAGES} pages")
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                img, scale = _render(page, i)
            finally:
                page.close()
            recs: list = []
            try:
                regions, _ = imaging.analyse_all(img, job.engine.ocr_name, job.engine, recs, job.report, page=i + 1)
            except InputError as e:
                if not _blank(img):
                    raise InputError(f"page {i + 1}: {e}") from None
                regions = []  # an empty page: nothing to read, nothing to hide
            masked = imaging.fill(img, regions, job.engine.policy.image_style)
            if share is not None:  # a named share: its watermark in this page's fills (trace.post)
                masked, st = mark_filled(share, job.engine.policy.image_style, img, masked)
                job.trace = add_stats(job.trace or {"boxes": 0, "chips": 0, "pages": 0}, st)
            del img
            one = io.BytesIO()
            masked.save(one, "PDF", resolution=72 * scale)  # same page size in points as the input
            del masked
            part = pdfium.PdfDocument(one.getvalue())
            try:
                out.import_pages(part)
            finally:
                part.close()
            job.sink.merge(recs)
            if job.progress:
                job.progress(1)
        out.save(dst)
    finally:
        out.close()
        pdf.close()
