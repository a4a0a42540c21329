"""One upload of the page, masked in memory through the library API (``waybill.mask_stream``: the
same readers, detectors and operators as ``waybill mask``), with the page's limits, previews of the
original and the result, and the masked areas to outline.

Nothing here touches the disk: the upload, the masked file and the previews are bytes in memory,
dropped when the response is sent. No starlette here, so this is usable (and tested) without the web
stack.
"""
from __future__ import annotations

import base64
import hashlib
import io
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .. import formats
from ..api import FileReport, Settings, engine_for, mask_stream
from ..errors import MissingDependency, WaybillError
from .i18n import code_for_library_message

#: the presets offered on the page: ``dispose`` (default: a box going in the bin) and ``share``
#: (posting a photo of a parcel). ``print`` needs a vault key and is for depots, not consumers.
PRESETS = ("dispose", "share")
PDF_DPI = 203  # as waybill.formats.pdf renders pages: finding boxes are in these pixels
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff",
        "BMP": "image/bmp", "GIF": "image/gif", "MPO": "image/jpeg"}
EXT = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif", "BMP": ".bmp", "GIF": ".gif",
       "MPO": ".jpg"}
HEIF_BRANDS = (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypheim", b"ftypheis", b"ftypmif1", b"ftypmsf1",
               b"ftypavif")


@dataclass(frozen=True)
class Limits:
    """What one upload may be: bytes, pixels (an image, or a PDF page at the label resolution the
    PDF reader renders at) and PDF pages; how much preview is sent back."""

    max_bytes: int = 25 << 20
    max_pixels: int = 50_000_000
    max_pages: int = 20
    preview_pages: int = 10
    preview_side: int = 1400


class Rejected(Exception):
    """An upload the page refuses or cannot mask: HTTP status, i18n code, parameters for the
    message, and the library's own (English, never personal) message as detail."""

    def __init__(self, status: int, code: str, detail: str = "", **params):
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail
        self.params = params


@dataclass
class Masked:
    """A masked upload: what the page shows and downloads. ``report`` keeps the library's audit
    records (never plaintext) for the optional audit log."""

    display_name: str
    download_name: str
    kind: str
    mime: str
    data: bytes
    report: FileReport
    preset: str
    seconds: float
    pages: list[dict] = field(default_factory=list)
    page_count: int = 1
    in_sha256: str = ""

    def to_json(self) -> dict:
        counts: dict[str, int] = {}
        for k, v in self.report.counts.items():
            t = k.split(":")[0]
            counts[t] = counts.get(t, 0) + v
        return {"name": self.display_name, "download": self.download_name, "kind": self.kind,
                "mime": self.mime, "data": base64.b64encode(self.data).decode("ascii"),
                "preset": self.preset, "total": self.report.total, "counts": counts,
                "seconds": round(self.seconds, 3), "pages": self.pages, "page_count": self.page_count}


def safe_name(name: str | None) -> str:
    """The upload's base name, without folders or control characters, at most 120 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return name[-120:] or "label"


def _ext(name: str) -> str:
    ext = PurePosixPath(name).suffix.lower()
    return ext if re.fullmatch(r"\.[a-z0-9]{1,8}", ext) else ""


def kind_of(name: str, data: bytes) -> str:
    """``image`` or ``pdf``, by content first (a phone may name a JPEG anything), then by name."""
    if not data:
        raise Rejected(422, "err_empty")
    ext = _ext(name)
    if ext in (".heic", ".heif", ".avif") or data[4:12] in HEIF_BRANDS:
        raise Rejected(415, "err_heic")
    if data.startswith(b"%PDF"):
        return "pdf"
    fmt = formats.EXTENSIONS.get(ext)
    if fmt in ("image", "pdf"):
        return fmt  # a broken one is reported by the reader ("not a readable image", "not a PDF")
    if _pil_format(data) in MIME:
        return "image"
    if fmt is not None:
        raise Rejected(415, "err_export", ext=ext)
    raise Rejected(415, "err_unsupported", ext=ext or "?")


def _pil_format(data: bytes) -> str | None:
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as im:
                return im.format
    except Exception:
        return None


def check_limits(kind: str, data: bytes, limits: Limits) -> None:
    """Refuse (413) what is over the limits before any pixel is decoded or page rendered."""
    if len(data) > limits.max_bytes:
        raise Rejected(413, "err_too_large", size=_mb(len(data)), max_mb=_mb(limits.max_bytes))
    max_mp = _mp(limits.max_pixels)
    if kind == "image":
        from PIL import Image
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(io.BytesIO(data)) as im:  # reads the header only
                    w, h = im.size
        except Image.DecompressionBombError:
            raise Rejected(413, "err_too_many_pixels", mp=_mp(2 * (Image.MAX_IMAGE_PIXELS or 0)),
                           max_mp=max_mp) from None
        except Exception:
            return  # unreadable: the reader says so
        if w * h > limits.max_pixels:
            raise Rejected(413, "err_too_many_pixels", mp=_mp(w * h), max_mp=max_mp)
        return
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return  # the reader raises MissingDependency
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:
        return  # broken or encrypted: the reader says which
    try:
        n = len(pdf)
        if n > limits.max_pages:
            raise Rejected(413, "err_too_many_pages", pages=n, max_pages=limits.max_pages)
        for i in range(n):
            w, h = pdf.get_page_size(i)
            px = (w * PDF_DPI / 72) * (h * PDF_DPI / 72)
            if px > limits.max_pixels:
                raise Rejected(413, "err_page_too_large", mp=_mp(px), max_mp=max_mp)
    finally:
        pdf.close()


def _mb(n: float) -> str:
    return f"{n / (1 << 20):.1f}".rstrip("0").rstrip(".")


def _mp(n: float) -> str:
    return f"{n / 1e6:.3g}"


def mask_upload(name: str, data: bytes, preset: str, limits: Limits, ocr: str = "auto") -> Masked:
    """Mask one upload in memory. Raises ``Rejected`` with the reason when it cannot."""
    if preset not in PRESETS:
        raise Rejected(400, "err_bad_preset")
    name = safe_name(name)
    kind = kind_of(name, data)
    check_limits(kind, data, limits)
    settings = Settings(preset=preset, ocr=ocr)
    out = io.BytesIO()
    t0 = time.perf_counter()
    try:
        report = mask_stream(io.BytesIO(data), out, kind, settings)
    except MissingDependency as e:
        raise Rejected(500, "err_missing", detail=e.message) from None
    except WaybillError as e:
        code = code_for_library_message(e.message)
        status = 413 if code in ("err_too_many_pixels", "err_too_many_pages") else 422
        raise Rejected(status, code, detail=e.message, mp="?", max_mp=_mp(limits.max_pixels),
                       pages="?", max_pages=limits.max_pages, ext=_ext(name) or "?") from None
    except (MemoryError, RecursionError) as e:
        raise Rejected(413, "err_other", detail=f"input too large ({e.__class__.__name__})") from None
    seconds = time.perf_counter() - t0
    masked = out.getvalue()
    engine = engine_for(settings)
    display = _mask_name(engine, name)
    if kind == "pdf":
        mime, ext = "application/pdf", ".pdf"
    else:
        fmt = _pil_format(masked) or "PNG"
        mime, ext = MIME.get(fmt, "application/octet-stream"), EXT.get(fmt, ".png")
    stem = display[: -len(_ext(display))] if _ext(display) else display
    result = Masked(display, f"{stem}-masked{ext}", kind, mime, masked, report, preset, seconds,
                    in_sha256=hashlib.sha256(data).hexdigest())
    result.pages, result.page_count = previews(kind, data, masked, report.findings, limits)
    return result


def _mask_name(engine, name: str) -> str:
    """The file name with its personal data masked, as ``waybill mask`` names outputs."""
    try:
        from ..formats.structure import mask_name
        return mask_name(engine, name, True)
    except Exception:
        return "label" + _ext(name)


# --------------------------------------------------------------------------- previews and areas


def previews(kind: str, original: bytes, masked: bytes, findings: list[dict], limits: Limits):
    """(pages, page count): per shown page its size, JPEG previews of the original and the result
    (base64) and the masked areas in preview pixels."""
    pairs, count = _page_images(kind, original, masked, limits)
    pages = []
    for i, (a, b, scale) in enumerate(pairs):
        page_findings = [f for f in findings if (f.get("where") or {}).get("page", 1) == i + 1]
        pages.append({"n": i + 1, "width": a.width, "height": a.height,
                      "original": _jpeg(a), "masked": _jpeg(b),
                      "areas": masked_areas(a, b, page_findings, scale)})
    return pages, count


def _page_images(kind: str, original: bytes, masked: bytes, limits: Limits):
    from PIL import Image, ImageOps

    side = limits.preview_side
    if kind == "image":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = ImageOps.exif_transpose(Image.open(io.BytesIO(original)))
            a = a.convert("RGB")
            b = Image.open(io.BytesIO(masked)).convert("RGB")
        scale = min(1.0, side / max(a.width, a.height))
        size = (max(1, round(a.width * scale)), max(1, round(a.height * scale)))
        a = a.resize(size, Image.BILINEAR, reducing_gap=2.0)
        b = b.resize(size, Image.BILINEAR, reducing_gap=2.0)
        return [(a, b, scale)], 1
    import pypdfium2 as pdfium
    src, dst = pdfium.PdfDocument(original), pdfium.PdfDocument(masked)
    try:
        count = len(dst)
        out = []
        for i in range(min(count, len(src), limits.preview_pages)):
            w, h = src.get_page_size(i)
            full = max(w, h) * PDF_DPI / 72
            scale = min(1.0, side / full)
            a = src[i].render(scale=PDF_DPI / 72 * scale).to_pil().convert("RGB")
            b = dst[i].render(scale=PDF_DPI / 72 * scale).to_pil().convert("RGB")
            if b.size != a.size:
                b = b.resize(a.size, Image.BILINEAR)
            out.append((a, b, scale))
        return out, count
    finally:
        src.close()
        dst.close()


def _jpeg(img) -> str:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def masked_areas(a, b, findings: list[dict], scale: float) -> list[dict]:
    """The masked areas of one page, in the preview's pixels: where the result differs from the
    original (the fills), each named by the findings whose boxes it lies in; a finding whose fill
    cannot be told apart from the original (dark on dark) is outlined by its own box. Findings
    without a box (barcodes, 2D codes, unclear lines) name the fills no box explains."""
    import numpy as np

    boxed = []
    boxless = set()
    for f in findings:
        box = (f.get("where") or {}).get("box")
        if box and len(box) == 4:
            x0, y0, x1, y1 = (v * scale for v in box)
            boxed.append(((x0, y0, x1, y1), f["type"]))
        else:
            boxless.add(f["type"])
    if not findings:
        return []
    comps: list[tuple[float, float, float, float]] = []
    if a.size == b.size:
        import cv2
        ga = np.asarray(a.convert("L"), dtype=np.int16)
        gb = np.asarray(b.convert("L"), dtype=np.int16)
        diff = (np.abs(ga - gb) > 60).astype(np.uint8)
        diff = cv2.morphologyEx(diff, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        # join the pieces of one fill along its text line (text pixels that were already dark show no
        # difference), not the fills of neighbouring lines
        k = max(3, round(0.008 * max(a.size)))
        diff = cv2.morphologyEx(diff, cv2.MORPH_CLOSE, np.ones((3, k), np.uint8))
        n, _, stats, _ = cv2.connectedComponentsWithStats(diff, connectivity=4)
        min_area = max(16, 2e-5 * a.width * a.height)
        for x, y, w, h, area in stats[1:]:
            if area >= min_area and w >= 3 and h >= 3:
                comps.append((float(x), float(y), float(x + w), float(y + h)))
    out = []
    explained = set()
    for c in comps:
        ca = (c[2] - c[0]) * (c[3] - c[1])
        types = []
        for j, (fb, t) in enumerate(boxed):
            if _overlap(c, fb) >= 0.3 * min(ca, _area(fb)):
                explained.add(j)
                if t not in types:
                    types.append(t)
        if not types:
            if not boxless:
                continue  # a difference no finding explains: re-encoding noise, not a mask
            types = sorted(boxless) if len(boxless) == 1 else ["code"]
        out.append(_rect(c, types))
    W, H = a.size
    for j, (fb, t) in enumerate(boxed):
        if j not in explained:
            fb = (max(0.0, fb[0]), max(0.0, fb[1]), min(float(W), fb[2]), min(float(H), fb[3]))
            if fb[2] - fb[0] >= 1 and fb[3] - fb[1] >= 1:
                out.append(_rect(fb, [t]))
    return out


def _area(r) -> float:
    return max(0.0, r[2] - r[0]) * max(0.0, r[3] - r[1])


def _overlap(r, s) -> float:
    return _area((max(r[0], s[0]), max(r[1], s[1]), min(r[2], s[2]), min(r[3], s[3])))


def _rect(r, types) -> dict:
    return {"x": round(r[0], 1), "y": round(r[1], 1), "w": round(r[2] - r[0], 1), "h": round(r[3] - r[1], 1),
            "types": types}
