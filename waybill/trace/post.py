"""What a named share adds to a masked output once it is masked: the image watermark (label
images, PDF pages) and the canary records (text exports, with ``--canaries N``). The text
fingerprint itself is made while masking (``waybill.trace.text``).

The image watermark is written by the format writers themselves (``formats.image`` after the
fill, ``formats.pdf`` per page): ``watermark.mark_filled`` takes the image before and after the fill, in
memory, and the writer leaves what it added in ``job.trace``; ``finish(..., marked=job.trace)``
then records it without decoding or encoding anything again. ``finish`` without ``marked`` (an
image or PDF masked by a writer that did not mark) still marks the bytes after the fact.

``finish(share, fmt, src, out, region)`` takes the input's and the masked output's bytes and
returns the bytes to write and what the audit log records about them. It is called by the batch
runner and the library API after masking (``pipeline.produce``, ``api.mask_stream``); nothing here
runs without a share.
"""
from __future__ import annotations

import hashlib
import io

from ..errors import InputError

# the writers' marking (``mark_filled``, ``add_stats``) lives in ``watermark``, which imports no
# format: ``formats.image`` and ``formats.pdf`` import it there, and this module imports ``formats.pdf``
from .watermark import TEXT_STYLE, add_stats, mark_filled  # noqa: F401


def finish(share, fmt: str, src: bytes | None, out: bytes, region: str = "US",
           image_style: str = "fill", marked: dict | None = None) -> tuple[bytes, dict]:
    info: dict = {}
    if fmt in ("image", "pdf") and marked is not None:  # marked by the writer
        info["image"] = marked
    elif fmt in ("image", "pdf"):
        if image_style != "fill":
            info["image"] = {"boxes": 0, "chips": 0, "skipped": "image style 'text' (no filled areas)"}
        elif src is not None:
            out, info["image"] = (mark_image_bytes if fmt == "image" else mark_pdf_bytes)(share, src, out)
    if share.canaries and fmt in ("image", "pdf"):  # no rows: nothing to add, no bytes needed
        info["canaries"] = []
        info["canaries_skipped"] = f"no canaries in {fmt} (records of this format are not rows)"
    elif share.canaries:
        salt = hashlib.sha256(src).hexdigest() if src is not None else hashlib.sha256(out).hexdigest()
        from .canary import add

        try:
            out, added = add(out, fmt, share, salt, region)
        except (ValueError, UnicodeDecodeError, KeyError) as e:  # pragma: no cover - our own output
            raise InputError(f"canaries could not be added ({e.__class__.__name__})") from None
        info["canaries"] = added if added is not None else []
        if added is None:
            info["canaries_skipped"] = f"no canaries in {fmt} (records of this format are not rows)"
    return out, info


def mark_image_bytes(share, src: bytes, out: bytes) -> tuple[bytes, dict]:
    """The masked image with the share's pattern in its filled areas (found as what turned black
    between the input, upright as masked, and the output)."""
    from PIL import Image

    from .. import imaging
    from .watermark import fill_mask_from, mark_image

    before, _, _ = imaging.load(src)
    after = Image.open(io.BytesIO(out))
    fmt, mode = after.format, after.mode
    after.load()
    mask = fill_mask_from(before, after)
    marked, stats = mark_image(after if mode != "P" else after.convert("RGB"), mask, share.image_key)
    if stats.get("boxes"):
        out = imaging.save(marked, fmt, mode)
    return out, stats


def mark_pdf_bytes(share, src: bytes, out: bytes) -> tuple[bytes, dict]:
    """The same for every page of an image-only PDF written by the masker."""
    import pypdfium2 as pdfium

    from ..formats.pdf import DPI
    from .watermark import fill_mask_from, mark_image

    a, b = pdfium.PdfDocument(src), pdfium.PdfDocument(out)
    pages, total = [], {"boxes": 0, "chips": 0, "pages": 0}
    try:
        if len(a) != len(b):
            return out, {"boxes": 0, "chips": 0, "skipped": "page count differs"}
        for i in range(len(b)):
            before = a[i].render(scale=DPI / 72).to_pil().convert("RGB")
            after = b[i].render(scale=DPI / 72).to_pil().convert("RGB")
            if after.size != before.size:
                after = after.resize(before.size)
            marked, st = mark_image(after, fill_mask_from(before, after), share.image_key)
            pages.append(marked)
            total["boxes"] += st.get("boxes", 0)
            total["chips"] += st.get("chips", 0)
            total["pages"] += 1
    finally:
        a.close()
        b.close()
    if not total["boxes"]:
        return out, total
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return buf.getvalue(), total
