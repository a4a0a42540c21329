"""Evaluate label-image masking end to end: generate labelled labels (CN e-waybill and US 4x6,
clean and phone photo), mask them through the CLI, re-read the outputs and report per group:

- entity leak rate: an entity leaks when the part that should be gone can still be read from the
  output pixels (re-read with every installed OCR engine);
- tracking text kept: the tracking number is still readable;
- barcodes decoding: the tracking barcode still decodes to the tracking number.

    python -m benchmarks.image_eval [--n 100] [--ocr rapidocr] [--workers 2] [--keep DIR]

The held-out evaluation (14 templates, tuned and held-out parts side by side, clean rasters and
phone photos at any angle, glyph and second-engine readers, keep and over-mask, dispose):

    python -m benchmarks.image_eval --holdout [label_holdout options]   (= python -m benchmarks.label_holdout)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def _norm(s: str) -> str:
    return re.sub(r"[\s\-()]", "", s).upper()


def leaked(kind: str, value: str, gone: str, text: str, digits: str) -> bool:
    """``text``: the re-read lines, normalised and joined with '|' (a leak must sit inside one
    line; joining lines would make false matches across them)."""
    v = _norm(value)
    if kind == "phone":
        d = "".join(c for c in value if c.isdigit())
        if len(d) >= 10:
            return d[:-4][-4:] + d[-4:] in digits or d[:3] + d[3:-4] in digits
        return d in digits
    if kind == "id_card":
        return gone in digits
    if kind == "name":
        g = _norm(gone)
        return v in text or (len(g) >= 2 and g in text)
    if kind == "address":
        chunks = [v[i:i + 4] for i in range(0, max(1, len(v) - 3))]
        return any(len(c) == 4 and not c.isdigit() and c in text for c in chunks)
    return v in text


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--holdout" in argv:
        from benchmarks import label_holdout
        argv.remove("--holdout")
        return label_holdout.main(argv)
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--ocr", default="rapidocr")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--keep", type=Path, default=None, help="keep inputs and outputs here")
    a = ap.parse_args(argv)
    import zxingcpp
    from PIL import Image

    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen
    from waybill.ocr import available, get_engine

    work = a.keep or Path(tempfile.mkdtemp(prefix="waybill-eval-"))
    src = work / "labels"
    src.mkdir(parents=True, exist_ok=True)
    g = Gen(a.seed)
    truth = {}
    groups = ["cn-clean", "cn-photo", "us-clean", "us-photo"]
    for i in range(a.n):
        grp = groups[i % 4]
        im, t = (cn_label if grp.startswith("cn") else us_label)(g)
        if grp.endswith("photo"):
            im = photo(im, g.r)
            name = f"{i:03d}-{grp}.jpg"
            im.save(src / name, quality=90)
        else:
            name = f"{i:03d}-{grp}.png"
            im.save(src / name)
        truth[name] = (grp, t)
    out = work / "masked"
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "e" * 64)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--force",
                        "--ocr", a.ocr, "--workers", str(a.workers)], env=env, capture_output=True)
    el = time.perf_counter() - t0
    if r.returncode not in (0, 6):
        print(r.stderr.decode(), file=sys.stderr)
        return r.returncode
    engines = [get_engine(e) for e in available()]
    stats = defaultdict(lambda: defaultdict(int))
    for name, (grp, t) in sorted(truth.items()):
        s = stats[grp]
        s["labels"] += 1
        p = out / "labels" / name
        if not p.exists():
            s["failed"] += 1
            s["entities"] += len(t.masked)
            continue
        img = Image.open(p).convert("RGB")
        import numpy as np
        arr = np.asarray(img)
        texts = []
        for e in engines:
            for k in range(4):  # every orientation: a leak in any reading counts
                texts += [l.text for l in e.read(np.ascontiguousarray(np.rot90(arr, k)))]
        text = "|".join(_norm(t) for t in texts)
        digits = "|".join("".join(c for c in _norm(t) if c.isdigit()) for t in texts)
        for kind, value, gone in t.masked:
            s["entities"] += 1
            if leaked(kind, value, gone, text, digits):
                s["leaks"] += 1
                s[f"leak_{kind}"] += 1
        s["tracking_kept"] += _norm(t.tracking) in text.replace("|", "") or _norm(t.tracking) in text
        codes = zxingcpp.read_barcodes(img)
        s["barcode_ok"] += any(c.text == t.tracking for c in codes)
    print(f"{a.n} labels masked with --ocr {a.ocr} in {el:.1f} s ({a.n / el:.2f} labels/s, "
          f"{a.workers} workers); re-read with {', '.join(e.name for e in engines)} at 0/90/180/270")
    print(f"{'group':<10}{'labels':>7}{'failed':>7}{'entities':>9}{'leaks':>6}{'leak rate':>10}"
          f"{'tracking kept':>14}{'barcodes ok':>12}")
    for grp in groups:
        s = stats[grp]
        n = s["labels"] or 1
        print(f"{grp:<10}{s['labels']:>7}{s['failed']:>7}{s['entities']:>9}{s['leaks']:>6}"
              f"{s['leaks'] / max(1, s['entities']):>10.1%}{s['tracking_kept'] / n:>14.1%}{s['barcode_ok'] / n:>12.1%}")
        kinds = {k[5:]: v for k, v in s.items() if k.startswith("leak_")}
        if kinds:
            print(f"{'':<10}leaks by type: {json.dumps(kinds)}")
    print(f"(files kept in {work})" if a.keep else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
