"""What an OCR engine misses entirely: personal characters of the held-out label set
(``label_holdout``'s labels, same seeds) over which the engine returns no line at all. No masking
rule can fill what no line covers, so this is the floor of an engine's leak on images, whatever
``fail_safe_lines`` does with the lines it does read.

    python -m benchmarks.ocr_coverage [--ocr tesseract] [--n 12] [--part both|tuned|heldout]

A character counts as covered when its centre (label frame, mapped into the input with the photo's
homography) lies inside some line's quad grown by 15% of its height. Reported per part and kind
(clean/photo): required personal characters not covered, and entities with at least one such
character. Prints no label text.
"""
from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr", default="tesseract")
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--part", default="both", choices=["both", "tuned", "heldout"])
    a = ap.parse_args(argv)
    import cv2
    from PIL import Image

    from benchmarks import label_holdout as LH
    from waybill import imaging
    from waybill.ocr import get_engine

    eng = get_engine(a.ocr)
    parts = ["tuned", "heldout"] if a.part == "both" else [a.part]
    work = Path(tempfile.mkdtemp(prefix="waybill-cov-"))
    print(f"engine {a.ocr}; a personal character is missed when no OCR line lies over it")
    print(f"{'part':<8}{'kind':<7}{'labels':>7}{'chars':>7}{'missed':>8}{'rate':>7}{'entities':>9}{'hit':>5}")
    for part in parts:
        meta = LH.build(work, part, a.n, photos=True, zpl=False)
        st = defaultdict(lambda: defaultdict(int))
        for name, m in sorted(meta.items()):
            img = Image.open(work / part / name).convert("RGB")
            rd = imaging.read_oriented(eng, np.asarray(img))
            lines = imaging.merge_line_fragments(rd.lines, rd.angle)
            quads = []
            for l in lines:
                q = np.array(imaging.grow_quad(rd.to_input(l.box), 0.15, 0.15), dtype=np.float32)
                quads.append(q.reshape(-1, 1, 2))
            H = np.asarray(m["H"], dtype=float)
            s = st[m["kind"]]
            s["labels"] += 1
            for it in m["items"]:
                if not it["req"]:
                    continue
                s["entities"] += 1
                miss = 0
                for k in it["req"]:
                    x0, y0, x1, y1 = it["boxes"][k]
                    c = H @ np.array([(x0 + x1) / 2, (y0 + y1) / 2, 1.0])
                    pt = (float(c[0] / c[2]), float(c[1] / c[2]))
                    s["chars"] += 1
                    if not any(cv2.pointPolygonTest(q, pt, False) >= 0 for q in quads):
                        miss += 1
                s["missed"] += miss
                s["hit"] += miss > 0
        for kind in ("clean", "photo"):
            s = st[kind]
            print(f"{part:<8}{kind:<7}{s['labels']:>7}{s['chars']:>7}{s['missed']:>8}"
                  f"{s['missed'] / max(1, s['chars']):>7.1%}{s['entities']:>9}{s['hit']:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
