"""int8 (static, QDQ) rapidocr models against the bundled float32 ones: recogniser (or detector)
CPU time and what changes in the reading (issue 13). Not used by waybill: the README records why.

    pip install onnx   # the quantiser's dependency (not one of waybill's)
    python -m benchmarks.ocr_int8 [--model rec|det] [--calib-labels 6] [--test-labels 4]
                                  [--method minmax|percentile] [--ops Conv] [--exclude Conv.0,...]

The models' inputs are recorded while waybill reads labels of ``waybill.generators.labels``
(CN and US, print and photo): calibration labels from seed 50000, test labels from seed 60000,
never the evaluation seeds. The float32 model is converted to opset 13 (per-channel
DequantizeLinear needs it), quantised with onnxruntime.quantization (s8 weights per channel, u8
activations) and both are run on the test inputs with 1 thread, alternately, 3 times. Reported:
CPU seconds, and for the recogniser the lines whose CTC text differs among the lines either model
reads with a mean confidence >= 0.5 (with the first differences), for the detector the share of
text-mask pixels (> 0.3) that differ and the masks' IoU.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def record(seed: int, n: int) -> dict[str, list]:
    """The detector's and recogniser's inputs while the engine reads n labels of each group."""
    from waybill import ocr as ocrmod
    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen
    eng = ocrmod.get_engine("rapidocr")
    got: dict[str, list] = {"det": [], "rec": []}
    saved = {}
    for key, attr in (("det", "text_det"), ("rec", "text_rec")):
        part = getattr(eng._ocr, attr)
        saved[key] = part.session

        class Rec:
            def __init__(self, s, lst):
                self.s, self.lst = s, lst

            def __call__(self, x):
                self.lst.append(np.array(x, copy=True))
                return self.s(x)

            def __getattr__(self, a):
                return getattr(self.s, a)

        part.session = Rec(part.session, got[key])
    try:
        g = Gen(seed)
        for _ in range(n):
            for lang in ("cn", "us"):
                for kind in ("print", "photo"):
                    im, _ = (cn_label if lang == "cn" else us_label)(g)
                    if kind == "photo":
                        im = photo(im, g.r)
                    eng.read_upright(np.ascontiguousarray(np.asarray(im.convert("RGB"))[:, :, ::-1]))
    finally:
        eng._ocr.text_det.session, eng._ocr.text_rec.session = saved["det"], saved["rec"]
    return got


def quantise(src: str, out: str, xs: list, method: str, ops: list | None, exclude: list | None) -> None:
    import onnx
    import onnx.version_converter
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    if method == "percentile":
        # the histogram calibrators need inputs of one shape: one 320-wide window per crop
        fixed = []
        for x in xs:
            for r in x:
                win = np.zeros((1,) + r.shape[:2] + (320,), np.float32)
                seg = r[:, :, :320]
                win[0, :, :, :seg.shape[2]] = seg
                fixed.append(win)
        xs = fixed[::3]

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.it = iter(xs)

        def get_next(self):
            x = next(self.it, None)
            return None if x is None else {"x": x}

    with tempfile.TemporaryDirectory() as d:
        m13 = os.path.join(d, "m13.onnx")
        pre = os.path.join(d, "pre.onnx")
        onnx.save(onnx.version_converter.convert_version(onnx.load(src), 13), m13)
        quant_pre_process(m13, pre, skip_symbolic_shape=True)
        quantize_static(pre, out, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method={"minmax": CalibrationMethod.MinMax,
                                          "percentile": CalibrationMethod.Percentile}[method],
                        op_types_to_quantize=ops, nodes_to_exclude=exclude)
    m, s = onnx.load(out), onnx.load(src)
    del m.metadata_props[:]
    for p in s.metadata_props:  # the recogniser's character list
        m.metadata_props.add(key=p.key, value=p.value)
    onnx.save(m, out)


def compare(which: str, src: str, cand: str, xs: list) -> None:
    import onnx
    import onnxruntime as ort

    def sess(p):
        so = ort.SessionOptions()
        so.intra_op_num_threads = so.inter_op_num_threads = 1
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(p, so, providers=["CPUExecutionProvider"])

    ss = {"float32": sess(src), "int8": sess(cand)}
    times: dict = {k: [] for k in ss}
    outs: dict = {}
    for _ in range(3):
        for k, s in ss.items():
            c = time.process_time()
            outs[k] = [s.run(None, {"x": x})[0] for x in xs]
            times[k].append(time.process_time() - c)
    for k in ss:
        print(f"{k:8s} CPU s (3 runs, 1 thread): {', '.join(f'{t:.2f}' for t in times[k])}")
    print(f"size: float32 {os.path.getsize(src) / 1e6:.1f} MB, int8 {os.path.getsize(cand) / 1e6:.1f} MB")
    if which == "det":
        a = np.concatenate([(o > 0.3).ravel() for o in outs["float32"]])
        b = np.concatenate([(o > 0.3).ravel() for o in outs["int8"]])
        print(f"text-mask pixels differing {np.mean(a != b):.4%}, IoU {(a & b).sum() / max(1, (a | b).sum()):.3f}")
        return
    chars = ["_"] + onnx.load(src).metadata_props[0].value.splitlines() + [" "]

    def dec(batch):
        res = []
        for row in batch:
            idx, mx = row.argmax(1), row.max(1)
            sel = [j for j, i in enumerate(idx) if i and (j == 0 or i != idx[j - 1])]
            res.append(("".join(chars[idx[j]] for j in sel), float(np.mean(mx[sel])) if sel else 0.0))
        return res

    a = [t for o in outs["float32"] for t in dec(o)]
    b = [t for o in outs["int8"] for t in dec(o)]
    pairs = [(x, y) for x, y in zip(a, b) if max(x[1], y[1]) >= 0.5]
    diff = [(x, y) for x, y in pairs if x[0] != y[0]]
    print(f"lines read with confidence >= 0.5: {len(pairs)}; text differs on {len(diff)}")
    for x, y in diff[:8]:
        # generated labels only: no real person's data is printed here
        print(f"  {x[0]!r} ({x[1]:.2f}) -> {y[0]!r} ({y[1]:.2f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", choices=["rec", "det"], default="rec")
    ap.add_argument("--calib-labels", type=int, default=6, help="labels per group to calibrate on (seed 50000)")
    ap.add_argument("--test-labels", type=int, default=4, help="labels per group to compare on (seed 60000)")
    ap.add_argument("--method", choices=["minmax", "percentile"], default="minmax")
    ap.add_argument("--ops", default=None, help="operator types to quantise (default: all the quantiser knows)")
    ap.add_argument("--exclude", default=None, help="node names left in float32")
    a = ap.parse_args(argv)
    import importlib.util
    if importlib.util.find_spec("onnx") is None:
        print("needs: pip install onnx", file=sys.stderr)
        return 2
    import rapidocr
    models = Path(rapidocr.__file__).parent / "models"
    src = str(next(models.glob(f"*_{a.model}_*.onnx")))
    calib = record(50000, a.calib_labels)[a.model]
    test = record(60000, a.test_labels)[a.model]
    print(f"{a.model}: {len(calib)} calibration inputs, {len(test)} test inputs ({Path(src).name})")
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "int8.onnx")
        quantise(src, out, calib, a.method, a.ops.split(",") if a.ops else None,
                 a.exclude.split(",") if a.exclude else None)
        compare(a.model, src, out, test)
    return 0


if __name__ == "__main__":
    sys.exit(main())
