"""PDF labels: every page rasterised (pypdfium2), masked like an image, written as an image-only
PDF: no text layer, annotation, form field or metadata of the original survives."""
from __future__ import annotations

import io

from .. import imaging
from ..errors import InputError, MissingDependency

DPI = 203  # thermal-label resolution; text stays readable for OCR
MAX_PAGES = 500


def mask(src, dst, job, fmt: str = "pdf") -> None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("PDF support needs pypdfium2: pip install 'waybill[all]'") from None
    data = src.read()
    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file")
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:
        msg = str(e).lower()
        if "password" in msg:
            raise InputError("encrypted PDF (password required)") from None
        raise InputError(f"broken PDF ({e.__class__.__name__})") from None
    pages = []
    try:
        if len(pdf) == 0:
            raise InputError("PDF has no pages")
        if len(pdf) > MAX_PAGES:
            raise InputError(f"PDF has more than {MAX_PAGES} pages")
        for i in range(len(pdf)):
            try:
                img = pdf[i].render(scale=DPI / 72).to_pil().convert("RGB")
            except Exception as e:
                raise InputError(f"page {i + 1} could not be rendered ({e.__class__.__name__})") from None
            recs: list = []
            regions, _ = imaging.analyse_all(img, job.engine.ocr_name, job.engine, recs, job.report, page=i + 1)
            pages.append(imaging.fill(img, regions, job.engine.policy.image_style))
            job.sink.merge(recs)
            if job.progress:
                job.progress(1)
    finally:
        pdf.close()
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    dst.write(buf.getvalue())
