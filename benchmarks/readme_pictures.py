"""The README's before/after pictures: a Chinese e-waybill photo (samples/label_photo.jpg), a US
label (samples/label_us.png) and a European ZPL label (a generated DHL-style label from
benchmarks/label_gen.py), each masked with ``share``, ``print`` and ``dispose`` through the CLI and
shown side by side. The project has no ZPL renderer: ZPL input and outputs are drawn here from
their fields (^FO position, ^A0 height, ^FD text; ^BC/^BQ/^BX codes drawn with zxing-cpp), so what
is shown is exactly what each output stream prints.

    python -m benchmarks.readme_pictures [--out docs] [--ocr rapidocr]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
PRESETS = ["share", "print", "dispose"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render_zpl(text: str, size=(800, 1200)) -> Image.Image:
    """Draw a ZPL label's text fields and codes (the subset label_gen writes)."""
    import zxingcpp
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    d.rectangle([4, 4, size[0] - 5, size[1] - 5], outline=0, width=3)
    for m in re.finditer(r"\^FO(\d+),(\d+)(.*?)\^FD(.*?)\^FS", text, re.S):
        x, y, cmd, data = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if "^FH" in cmd:
            data = re.sub(r"_([0-9A-Fa-f]{2})", lambda h: chr(int(h.group(1), 16)), data)
        if not data:
            continue
        a = re.search(r"\^A0N,(\d+)", cmd)
        if a:
            h = int(a.group(1))
            d.text((x, y), data, font=ImageFont.truetype(FONT, max(8, int(h / 1.1))), fill=0)
            continue
        fmt, payload, scale, height = None, data, 3, 0
        if "^BC" in cmd:
            fmt, height = "Code128", int(re.search(r"\^BCN,(\d+)", cmd).group(1))
        elif "^BQ" in cmd:
            fmt, payload = "QRCode", data[3:] if data[2:3] == "," else data
        elif "^BX" in cmd:
            fmt = "DataMatrix"
        elif "^B7" in cmd:
            fmt = "PDF417"
        if fmt:
            b = zxingcpp.create_barcode(payload, getattr(zxingcpp.BarcodeFormat, fmt))
            im = Image.fromarray(np.array(b.to_image(scale=scale))).convert("L")
            if height:
                im = im.resize((im.width, height), Image.NEAREST)
            img.paste(im, (x, y))
    return img


def _mask(src: Path, out: Path, preset: str, ocr: str) -> Path:
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "e" * 64)
    env.setdefault("WAYBILL_VAULT_KEY", "f" * 64)
    extra: list = []  # print: the vault goes to OUTDIR/vault.sqlite
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--force",
                        "--preset", preset, "--ocr", ocr, *extra], env=env, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace"))
        raise SystemExit(r.returncode)
    return out / src.name


def _row(images: list, titles: list, height: int = 560) -> Image.Image:
    thumbs = [im.convert("RGB").resize((max(1, int(im.width * height / im.height)), height), Image.LANCZOS)
              for im in images]
    pad, top = 12, 34
    w = sum(t.width for t in thumbs) + pad * (len(thumbs) + 1)
    canvas = Image.new("RGB", (w, height + top + pad), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    f = ImageFont.truetype(FONT, 20)
    x = pad
    for t, title in zip(thumbs, titles):
        canvas.paste(t, (x, top))
        d.rectangle([x - 1, top - 1, x + t.width, top + t.height], outline=(150, 150, 150))
        d.text((x, 6), title, font=f, fill=(0, 0, 0))
        x += t.width + pad
    return canvas


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--ocr", default="rapidocr")
    a = ap.parse_args(argv)
    from benchmarks import label_gen as LG
    work = Path(tempfile.mkdtemp(prefix="waybill-pictures-"))
    eu = work / "eu_dhl.zpl"
    eu.write_text(LG.make("de_dhl", "tuned", 1104).zpl, encoding="utf-8")
    cases = [("cn_photo", ROOT / "samples" / "label_photo.jpg", "a Chinese e-waybill photo"),
             ("us_label", ROOT / "samples" / "label_us.png", "a US label"),
             ("eu_zpl", eu, "a European ZPL label (drawn from its fields)")]
    for key, src, what in cases:
        ims = [render_zpl(src.read_text(encoding="utf-8")) if src.suffix == ".zpl" else Image.open(src)]
        for preset in PRESETS:
            p = _mask(src, work / key / preset, preset, a.ocr)
            ims.append(render_zpl(p.read_text(encoding="utf-8")) if p.suffix == ".zpl" else Image.open(p))
        titles = ["input"] + PRESETS
        if ims[0].width > ims[0].height:  # a landscape photo: two rows of two
            top, bottom = _row(ims[:2], titles[:2], 520), _row(ims[2:], titles[2:], 520)
            grid = Image.new("RGB", (max(top.width, bottom.width), top.height + bottom.height), (255, 255, 255))
            grid.paste(top, (0, 0))
            grid.paste(bottom, (0, top.height))
        else:
            grid = _row(ims, titles)
        # a photo compresses as a JPEG (a PNG of it is 1 MB)
        name = f"before_after_{key}." + ("jpg" if src.suffix.lower() in (".jpg", ".jpeg") else "png")
        if name.endswith(".jpg"):
            grid.save(a.out / name, quality=85, optimize=True)
        else:
            grid.save(a.out / name, optimize=True)
        print(f"{what}: {a.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
