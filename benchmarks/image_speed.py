"""Label-image masking speed per OCR engine: labels/s with 1 and 2 workers, and the share of time
spent outside OCR (waybill's own work: layout, detection, barcodes, filling, encoding).

    python -m benchmarks.image_speed [--n 20] [--engines rapidocr,tesseract]
"""
from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--engines", default=None)
    a = ap.parse_args(argv)
    from waybill import ocr as ocrmod
    from waybill.audit import AuditKeys
    from waybill.engine import Engine, FindingSink
    from waybill.formats import Job
    from waybill.formats import image as image_fmt
    from waybill.labels import cn_label, photo, us_label
    from waybill.masking import Masker, load_policy
    from waybill.samples import Gen

    engines = a.engines.split(",") if a.engines else ocrmod.available()
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "labels"
        src.mkdir()
        g = Gen(77)
        blobs = []
        for i in range(a.n):
            im, _ = (cn_label if i % 2 == 0 else us_label)(g)
            if i % 4 >= 2:
                im = photo(im, g.r)
            p = src / f"{i:03d}.{'jpg' if i % 4 >= 2 else 'png'}"
            im.save(p, quality=90) if p.suffix == ".jpg" else im.save(p)
            blobs.append(p.read_bytes())
        print(f"{a.n} labels (CN/US, clean/photo)")
        print(f"{'engine':<10}{'workers':>8}{'labels/s':>10}{'s/label':>9}{'outside OCR':>13}")
        for eng_name in engines:
            # in-process, 1 worker: time inside the engine vs the whole
            eng = ocrmod.get_engine(eng_name)
            spent = [0.0]
            orig = eng.read

            def timed(img, _orig=orig):
                t = time.perf_counter()
                try:
                    return _orig(img)
                finally:
                    spent[0] += time.perf_counter() - t

            eng.read = timed
            pol = load_policy("share")
            wb = Engine(pol, Masker(pol), AuditKeys(b"0" * 32), ocr_name=eng_name)
            t0 = time.perf_counter()
            for b in blobs:
                try:
                    image_fmt.mask(io.BufferedReader(io.BytesIO(b)), io.BytesIO(), Job(wb, FindingSink()))
                except Exception:
                    pass
            total = time.perf_counter() - t0
            eng.read = orig
            print(f"{eng_name:<10}{1:>8}{a.n / total:>10.2f}{total / a.n:>9.2f}{1 - spent[0] / total:>13.1%}")
            # through the CLI with 2 worker processes
            env = dict(os.environ)
            env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(Path(d) / f"o-{eng_name}"),
                            "-q", "--ocr", eng_name, "--workers", "2", "--force"], env=env, capture_output=True)
            total2 = time.perf_counter() - t0
            print(f"{eng_name:<10}{2:>8}{a.n / total2:>10.2f}{total2 / a.n:>9.2f}{'-':>13}")
    try:
        import presidio_image_redactor  # noqa: F401
    except ImportError:
        print("presidio-image-redactor: not installed (optional 'bench' extra)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
