"""Label images: PNG, JPEG, TIFF, BMP, WebP, GIF. Output: same format, same pixel size and
orientation as displayed (EXIF orientation applied), no metadata, JPEG at quality 95."""
from __future__ import annotations

from .. import imaging
from ..errors import InputError

MAX_BYTES = 200 << 20


def mask(src, dst, job, fmt: str = "image") -> None:
    data = src.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("image larger than 200 MB")
    im, pil_fmt, frames = imaging.load(data)
    if frames > 1:
        raise InputError("animated or multi-frame images are not supported (frames could hide data)")
    original_mode = im.mode
    rgb = im.convert("RGB")
    recs: list = []
    regions, info = imaging.analyse_all(rgb, job.engine.ocr_name, job.engine, recs, job.report)
    base = im if im.mode in ("RGB", "L", "RGBA") else rgb
    out = imaging.fill(base, regions, job.engine.policy.image_style)
    share = getattr(job.engine.policy, "share", None)
    if share is not None and not job.report:  # a named share: its watermark in the fills (trace.post)
        from ..trace.watermark import mark_filled

        out, job.trace = mark_filled(share, job.engine.policy.image_style, base, out)
    dst.write(imaging.save(out, pil_fmt, original_mode))
    job.sink.merge(recs)
    if job.progress:
        job.progress(1)
