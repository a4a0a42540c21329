"""Trace a leak to its share (issue 14): how often `waybill trace` names the right share, and how
often it names one when it should not.

    python -m benchmarks.trace_eval [--shares 50] [--rows 10000] [--text-trials 200]
                                    [--null-trials 10000] [--labels 40] [--image-trials 200]
                                    [--image-null 1000] [--peers] [--quick]

Text: one generated export (``--rows``, Chinese and English rows) is masked once per share
(``--shares`` named shares, each a run) through the engine the CLI uses. A trial picks a share
and ``n`` random rows of its output (n = 1, 5, 20, 100, 200), shuffles them and then, in turn:
keeps every column in a random order (CSV), keeps two masked columns only (GB18030 CSV), converts
to XLSX, to JSON. `waybill trace`'s logic (``tracer.trace_bytes``) then scores all shares; a trial
succeeds when the right share is named (innocent-share probability times the number of shares
<= 1e-6). False attribution: the same export masked without a share, subsets of 20-200 rows.
Masking speed with and without a share is timed on the whole export.

Images: ``--labels`` generated labels (half Chinese, half US; half clean PNG rasters, half phone
photos as JPEG) are masked once with the real OCR engine (unmarked outputs), then marked for each
share exactly as ``waybill mask --share-with`` does (``trace.post.mark_image_bytes``). A trial
picks a label and a share and applies one condition: JPEG 50/70/90, 50% downscale, 10% crop, a PNG
screenshot (75% scale, a window border), a re-photograph (perspective, rotation, blur, noise, JPEG
70-90: ``waybill.generators.labels.photo``). False attribution: unmarked masked labels under the same
conditions. Also: tracking barcodes decoding after marking, PSNR outside and inside the filled
areas. ``--peers`` runs invisible-watermark (dwtDct) and blind-watermark on the same masked
labels (extra ``bench``).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

THRESHOLD = 1e-6


def _key() -> bytes:
    return bytes.fromhex("5c" * 32)


# ----------------------------------------------------------------------------- text


def _export(rows_n: int, seed: int = 2026):
    from waybill.generators.records import HEADER, Gen

    g = Gen(seed)
    rows = [(g.row_en() if i % 4 == 3 else g.row())[0] for i in range(rows_n)]
    return HEADER, rows


def _mask(engine, header, rows):
    from waybill.formats.structure import mask_table_rows

    out = []
    for i in range(0, len(rows), 2000):
        o, _ = mask_table_rows(engine, rows[i:i + 2000], header, 2 + i)
        out += o
    return out


def _engine(share=None):
    import dataclasses

    from waybill.masking import load_policy
    from waybill.pipeline import build_engine

    pol = load_policy("share")
    if share is not None:
        pol = dataclasses.replace(pol, share=share)
    return build_engine(pol, None, None, b"a" * 32)


def _as_bytes(header, rows, how: str, r: random.Random) -> tuple[bytes, str]:
    masked_cols = [2, 3, 4, 5, 6]
    if how == "csv-all-reordered":
        order = list(range(len(header)))
        r.shuffle(order)
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([header[i] for i in order])
        w.writerows([[x[i] for i in order] for x in rows])
        return buf.getvalue().encode("utf-8"), "csv"
    if how == "csv-two-masked-gb18030":
        cols = r.sample(masked_cols, 2)
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([header[i] for i in cols])
        w.writerows([[x[i] for i in cols] for x in rows])
        return buf.getvalue().encode("gb18030"), "csv"
    if how == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(header)
        for x in rows:
            ws.append(x)
        b = io.BytesIO()
        wb.save(b)
        return b.getvalue(), "xlsx"
    if how == "json":
        return json.dumps([dict(zip(header, x)) for x in rows], ensure_ascii=False, indent=1).encode(), "json"
    raise ValueError(how)


HOWS = ("csv-all-reordered", "csv-two-masked-gb18030", "xlsx", "json")


def text_part(a) -> dict:
    from waybill.trace.core import ShareSpec
    from waybill.trace.tracer import Evidence, trace_bytes

    header, rows = _export(a.rows)
    run = "bench-run"
    shares = [ShareSpec.make(f"partner-{i:02d}", run, master=_key()) for i in range(a.shares)]
    plain = _mask(_engine(), header, rows)
    outs = [_mask(_engine(s), header, rows) for s in shares]
    # the cost of a share, engine only: 7 alternating pairs (which runs first alternates too), CPU
    # time; the best of each and the median of the per-pair ratios (on a loaded machine a single run
    # varies by 20%)
    tp, tm = [], []
    for i in range(7):
        for marked in ((False, True) if i % 2 == 0 else (True, False)):
            eng = _engine(shares[0] if marked else None)
            t0 = time.process_time()
            _mask(eng, header, rows)
            (tm if marked else tp).append(time.process_time() - t0)
    t_plain, t_marked = min(tp), min(tm)
    pair_ratio = statistics.median(b / a for a, b in zip(tp, tm))
    ev = Evidence([], [f"{s.name}@{run}" for s in shares], master=_key())
    r = random.Random(a.seed)
    res = {"rows": a.rows, "shares": a.shares, "t_plain": t_plain, "t_marked": t_marked, "pair_ratio": pair_ratio}
    table = []
    for n in a.sizes:
        for how in HOWS:
            ok = first = 0
            lps = []
            trials = a.text_trials if n >= 20 else max(50, a.text_trials // 2)
            for _ in range(trials):
                k = r.randrange(len(shares))
                sub = r.sample(outs[k], n)
                data, fmt = _as_bytes(header, sub, how, r)
                v = trace_bytes(data, fmt, ev, THRESHOLD)
                ranked = v.get("ranked") or []
                first += bool(ranked) and ranked[0]["share"] == shares[k].name
                ok += v["verdict"] == "share" and v["share"] == shares[k].name
                if v.get("log10_p_innocent") is not None:
                    lps.append(v["log10_p_innocent"])
            table.append((n, how, trials, ok / trials, first / trials, statistics.median(lps) if lps else 0.0))
    res["table"] = table
    # false attribution: unshared data
    false = 0
    sizes = [20, 100, 200]
    t0 = time.perf_counter()
    for i in range(a.null_trials):
        n = sizes[i % len(sizes)]
        data, fmt = _as_bytes(header, r.sample(plain, n), HOWS[i % 2], r)
        v = trace_bytes(data, fmt, ev, THRESHOLD)
        false += v["verdict"] == "share"
    res["null"] = (a.null_trials, false, time.perf_counter() - t0)
    if a.cli_rows:
        res["cli"] = cli_speed(a.cli_rows)
    return res


def cli_speed(rows: int, repeat: int = 4) -> tuple[float, float, float, float]:
    """`waybill mask` on a generated CSV (one worker), without and with --share-with, alternating:
    the best wall-clock seconds and the best CPU seconds (user + system) of each. On a shared
    machine the CPU time is the figure to compare."""
    import resource
    import shutil
    import subprocess

    from waybill.generators.records import write_csv

    def cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    work = Path(tempfile.mkdtemp(prefix="waybill-trace-speed-"))
    src = work / "orders.csv"
    write_csv(src, rows, seed=9)
    wall = {False: math.inf, True: math.inf}
    cpus = {False: math.inf, True: math.inf}
    for _ in range(repeat):
        for share in (False, True):
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--workers", "1"]
            if share:
                cmd += ["--share-with", "speed test"]
            t0, c0 = time.perf_counter(), cpu()
            subprocess.run(cmd, check=True, capture_output=True)
            wall[share] = min(wall[share], time.perf_counter() - t0)
            cpus[share] = min(cpus[share], cpu() - c0)
    shutil.rmtree(work, ignore_errors=True)
    return wall[False], wall[True], cpus[False], cpus[True]


def cli_image_speed(n: int, ocr: str, repeat: int = 4, seed: int = 14) -> dict:
    """The same labels and PDF through `waybill mask DIR -o OUT --workers 1`, without and with
    --share-with, alternating (and alternating which goes first): the median CPU seconds (user +
    system of the child process, start-up and model loading included) of ``repeat`` runs each."""
    import resource
    import shutil
    import subprocess

    from PIL import Image

    work = Path(tempfile.mkdtemp(prefix="waybill-trace-cli-speed-"))
    (work / "image").mkdir()
    (work / "pdf").mkdir()
    labels = _labels(n, seed)
    for i, (d, _, k) in enumerate(labels):
        (work / "image" / f"label{i}.{'png' if k.endswith('clean') else 'jpg'}").write_bytes(d)
    pages = [Image.open(io.BytesIO(d)).convert("RGB") for d, _, k in labels if k.endswith("clean")]
    pages[0].save(work / "pdf" / "labels.pdf", "PDF", save_all=True, append_images=pages[1:], resolution=203)

    def cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    res: dict = {"plain": {"image": [], "pdf": []}, "share": {"image": [], "pdf": []}}
    for rep in range(repeat):
        for share in ((False, True) if rep % 2 == 0 else (True, False)):
            for kind in ("image", "pdf"):
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                cmd = [sys.executable, "-m", "waybill", "mask", str(work / kind), "-o", str(out), "-q",
                       "--workers", "1", "--ocr", ocr] + (["--share-with", "speed test"] if share else [])
                c0 = cpu()
                subprocess.run(cmd, check=True, capture_output=True)
                res["share" if share else "plain"][kind].append(cpu() - c0)
    shutil.rmtree(work, ignore_errors=True)
    return {k: {f: statistics.median(v) for f, v in d.items()} for k, d in res.items()} | {"labels": n}


def image_speed(n: int, ocr: str, repeat: int = 4, seed: int = 14) -> dict:
    """CPU seconds of masking ``n`` generated labels (as ``--labels``: clean PNG rasters and
    phone-photo JPEGs) plus a PDF of the clean ones, through ``waybill.mask_stream`` without and
    with a named share, alternating (and alternating which goes first); the median of ``repeat``
    runs each. CPU time (process-wide, OCR threads included) is the figure on a shared machine."""
    import waybill

    labels = _labels(n, seed)
    from PIL import Image

    pages = [Image.open(io.BytesIO(d)).convert("RGB") for d, _, k in labels if k.endswith("clean")]
    pdf = io.BytesIO()
    pages[0].save(pdf, "PDF", save_all=True, append_images=pages[1:], resolution=203)
    jobs = [(d, "image") for d, _, _ in labels] + [(pdf.getvalue(), "pdf")]
    plain = waybill.Settings(ocr=ocr)
    shared = waybill.Settings(ocr=ocr, share_with="speed test", share_run="bench")
    res: dict = {"plain": {"image": [], "pdf": []}, "share": {"image": [], "pdf": []}}
    for s in (plain, shared):  # warm-up: engines and models loaded once
        waybill.mask_stream(io.BytesIO(jobs[0][0]), io.BytesIO(), "image", s)
    for rep in range(repeat):
        # alternating which goes first: on a loaded machine a fixed order alone moved the
        # difference by 10-20% (the first README figures, +12.7% and +23.7%, had plain first)
        order = (("plain", plain), ("share", shared))
        for name, s in (order if rep % 2 == 0 else order[::-1]):
            for kind in ("image", "pdf"):
                c0 = time.process_time()
                for data, fmt in jobs:
                    if fmt == kind:
                        waybill.mask_stream(io.BytesIO(data), io.BytesIO(), fmt, s)
                res[name][kind].append(time.process_time() - c0)
    return {k: {f: statistics.median(v) for f, v in d.items()} for k, d in res.items()} | {"labels": n}


# ----------------------------------------------------------------------------- images


def _labels(n: int, seed: int):
    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen

    g = Gen(seed)
    out = []
    for i in range(n):
        im, t = (cn_label if i % 2 == 0 else us_label)(g)
        buf = io.BytesIO()
        if (i // 2) % 2 == 1:
            photo(im, g.r).save(buf, "JPEG", quality=90)
            kind = "photo"
        else:
            im.save(buf, "PNG")
            kind = "clean"
        out.append((buf.getvalue(), t, ("cn" if i % 2 == 0 else "us") + "-" + kind))
    return out


def _jpeg(im, q):
    from PIL import Image

    b = io.BytesIO()
    im.convert("RGB").save(b, "JPEG", quality=q)
    b.seek(0)
    return Image.open(b).convert("RGB")


def _screenshot(im, r):
    from PIL import Image, ImageDraw

    s = im.convert("RGB").resize((int(im.width * 0.75), int(im.height * 0.75)), Image.BILINEAR)
    canvas = Image.new("RGB", (s.width + 80, s.height + 120), (236, 236, 236))
    ImageDraw.Draw(canvas).rectangle([0, 0, canvas.width, 40], fill=(60, 60, 70))
    canvas.paste(s, (40, 70))
    b = io.BytesIO()
    canvas.save(b, "PNG")
    b.seek(0)
    return Image.open(b).convert("RGB")


def _crop(im, f=0.10):
    w, h = im.size
    dx, dy = int(w * f / 2), int(h * f / 2)
    return im.crop((dx, dy, w - dx, h - dy))


CONDITIONS = {
    "as shared": lambda im, r: im,
    "JPEG 90": lambda im, r: _jpeg(im, 90),
    "JPEG 70": lambda im, r: _jpeg(im, 70),
    "JPEG 50": lambda im, r: _jpeg(im, 50),
    "50% downscale": lambda im, r: im.resize((im.width // 2, im.height // 2), 2),
    "10% crop": lambda im, r: _crop(im),
    "PNG screenshot": _screenshot,
}


def _rephoto(im, r):
    from waybill.generators.labels import photo

    return photo(im.convert("RGB"), r)


CONDITIONS["re-photograph"] = _rephoto


def _psnr(a, b, sel) -> float:
    if not sel.any():
        return float("nan")
    d = (a.astype(float) - b.astype(float))[sel]
    mse = float((d ** 2).mean())
    return float("inf") if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def masked_labels(n: int, seed: int, ocr: str, cache: Path | None = None) -> list:
    """(input bytes, unmarked masked output bytes, truth, kind) of ``n`` generated labels, masked
    once with ``ocr``. With ``cache`` the outputs are kept in that file (a pickle of synthetic
    labels only) and reused when it was made for the same n, seed, OCR engine and waybill version
    (delete it after changing the masker): the OCR pass is the expensive part, marking and reading
    trials run on its outputs."""
    import pickle

    import waybill

    tag = (n, seed, ocr, waybill.__version__)
    if cache is not None:
        if cache.is_file():
            try:
                got = pickle.loads(cache.read_bytes())
                if got.get("tag") == tag:
                    return got["masked"]
            except Exception:
                pass
    settings = waybill.Settings(ocr=ocr)
    masked = []
    for data, truth, kind in _labels(n, seed):
        out = io.BytesIO()
        try:
            waybill.mask_stream(io.BytesIO(data), out, "image", settings)
        except waybill.errors.WaybillError as e:
            print(f"label failed to mask: {e.message}", file=sys.stderr)
            continue
        masked.append((data, out.getvalue(), truth, kind))
    if cache is not None:
        cache.write_bytes(pickle.dumps({"tag": tag, "masked": masked}))
    return masked


def image_part(a) -> dict:
    import numpy as np
    import zxingcpp
    from PIL import Image

    from waybill.trace.core import ShareSpec
    from waybill.trace.post import mark_image_bytes
    from waybill.trace.tracer import Evidence, read_image
    from waybill.trace.watermark import fill_mask_from, score

    t0 = time.perf_counter()
    masked = masked_labels(a.labels, a.seed, a.ocr, a.cache)
    t_mask = time.perf_counter() - t0
    run = "bench-run"
    shares = [ShareSpec.make(f"partner-{i:02d}", run, master=_key()) for i in range(a.shares)]
    ev = Evidence([], [f"{s.name}@{run}" for s in shares], master=_key())
    keys = [c.image_key for c in ev.cands.values()]
    r = random.Random(a.seed)
    res = {"labels": len(masked), "t_mask": t_mask}
    # marking: every label for a few shares (barcodes, PSNR, timing); trials mark on demand
    bc_ok = bc_n = 0
    ps_out, ps_in, t_marks, chips = [], [], [], []
    cache: dict = {}

    def marked(li, si):
        k = (li, si)
        if k not in cache:
            src, out, _, _ = masked[li]
            t = time.perf_counter()
            cache[k] = mark_image_bytes(shares[si], src, out)
            t_marks.append(time.perf_counter() - t)
        return cache[k]

    for li, (src, out, truth, kind) in enumerate(masked):
        for si in range(min(3, len(shares))):
            mb, st = marked(li, si)
            chips.append(st.get("chips", 0))
            im = Image.open(io.BytesIO(mb)).convert("RGB")
            bc_n += 1
            bc_ok += any(c.text == truth.tracking for c in zxingcpp.read_barcodes(im))
            if si == 0:
                base = np.asarray(Image.open(io.BytesIO(out)).convert("L"))
                mk = np.asarray(im.convert("L"))
                from waybill import imaging

                fm = fill_mask_from(imaging.load(src)[0], Image.open(io.BytesIO(out)))
                ps_out.append((kind, _psnr(base, mk, ~fm)))
                ps_in.append(_psnr(base, mk, fm))
    unm_bc = sum(any(c.text == t.tracking for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(o)).convert("RGB")))
                 for _, o, t, _ in masked)
    res.update(barcodes=(bc_ok, bc_n), barcodes_unmarked=(unm_bc, len(masked)), psnr_out=ps_out,
               psnr_in=statistics.median(ps_in) if ps_in else float("nan"),
               t_mark=statistics.median(t_marks) if t_marks else 0.0, chips=statistics.median(chips) if chips else 0)
    # the copies trials draw from: every label shared with --marks-per-label shares (all shares
    # are candidates in every trial)
    pool = [(li, si) for li in range(len(masked))
            for si in random.Random(a.seed + li).sample(range(len(shares)), min(a.marks_per_label, len(shares)))]
    table = []
    by_group = {}
    for cname, fn in CONDITIONS.items():
        ok = first = 0
        lps = []
        for _ in range(a.image_trials):
            li, si = pool[r.randrange(len(pool))]
            mb, _ = marked(li, si)
            im = fn(Image.open(io.BytesIO(mb)).convert("RGB"), r)
            b = io.BytesIO()
            im.save(b, "PNG")
            rd = read_image(b.getvalue(), "image")
            sc = [score(rd, k) for k in keys]
            best = max(range(len(keys)), key=lambda j: sc[j][0])
            lp = sc[best][1] + math.log10(len(keys))
            hit = best == si and lp <= math.log10(THRESHOLD)
            ok += hit
            first += best == si
            lps.append(sc[si][1])
            g = by_group.setdefault((cname, masked[li][3]), [0, 0])
            g[0] += hit
            g[1] += 1
        table.append((cname, a.image_trials, ok / a.image_trials, first / a.image_trials, statistics.median(lps)))
    res["table"] = table
    res["groups"] = {f"{c} / {g}": v for (c, g), v in by_group.items()}
    false = 0
    conds = list(CONDITIONS.values())
    for i in range(a.image_null):
        src, out, _, _ = masked[i % len(masked)]
        im = conds[i % len(conds)](Image.open(io.BytesIO(out)).convert("RGB"), r)
        b = io.BytesIO()
        im.save(b, "PNG")
        rd = read_image(b.getvalue(), "image")
        sc = [score(rd, k) for k in keys]
        best = min(s[1] for s in sc) + math.log10(len(keys))
        false += best <= math.log10(THRESHOLD)
    res["null"] = (a.image_null, false)
    if a.peers:
        res["peers"] = peers(masked[: min(len(masked), 10)], r)
    return res


def _load_module(pkg: str, mod: str):
    """A submodule of an installed package without running the package's __init__ (imwatermark's
    imports torch for its rivaGan method, which is not used here)."""
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(pkg)
    path = Path(list(spec.submodule_search_locations)[0]) / f"{mod}.py"
    s = importlib.util.spec_from_file_location(f"_bench_{pkg}_{mod}", path)
    m = importlib.util.module_from_spec(s)
    s.loader.exec_module(m)
    return m


def peers(masked, r) -> dict:
    """invisible-watermark (dwtDct, 32 bits) and blind-watermark (32 bits) on masked labels:
    bit accuracy after each condition (decoded at the original size, which both need) and PSNR
    outside the filled areas."""
    import cv2
    import numpy as np
    from PIL import Image

    from waybill import imaging
    from waybill.trace.watermark import fill_mask_from

    bits = [r.randrange(2) for _ in range(32)]
    out = {}
    try:
        md = _load_module("imwatermark", "maxDct")

        def iw_embed(bgr):
            return md.EmbedMaxDct(bits, wmLen=32, scales=[0, 36, 36], block=4).encode(bgr)

        def iw_decode(bgr):
            return list(md.EmbedMaxDct(wmLen=32, scales=[0, 36, 36], block=4).decode(bgr))

        out["invisible-watermark dwtDct"] = (iw_embed, iw_decode)
    except Exception as e:  # not installed
        print(f"invisible-watermark not available ({e.__class__.__name__})", file=sys.stderr)
    try:
        from blind_watermark import WaterMark, bw_notes

        bw_notes.close()

        def bw_embed(bgr):
            bw = WaterMark(password_img=1, password_wm=1)
            bw.read_img(img=bgr)
            bw.read_wm(bits, mode="bit")
            return bw.embed()

        def bw_decode(bgr):
            bw = WaterMark(password_img=1, password_wm=1)
            got = bw.extract(embed_img=bgr, wm_shape=32, mode="bit")
            return [int(x > 0.5) for x in got]

        out["blind-watermark"] = (bw_embed, bw_decode)
    except Exception as e:
        print(f"blind-watermark not available ({e.__class__.__name__})", file=sys.stderr)
    res = {}
    for name, (emb, dec) in out.items():
        rows = {}
        psn = []
        for src, o, _, _ in masked:
            img = Image.open(io.BytesIO(o)).convert("RGB")
            bgr = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
            try:
                m = np.clip(emb(bgr), 0, 255).astype(np.uint8)
            except Exception:
                continue
            fm = fill_mask_from(imaging.load(src)[0], img)
            psn.append(_psnr(np.asarray(img.convert("L")),
                             np.asarray(Image.fromarray(cv2.cvtColor(m, cv2.COLOR_BGR2RGB)).convert("L")), ~fm))
            mim = Image.fromarray(cv2.cvtColor(m, cv2.COLOR_BGR2RGB))
            for cname in ("as shared", "JPEG 70", "50% downscale", "10% crop"):
                att = CONDITIONS[cname](mim, r).resize(mim.size)
                try:
                    got = dec(cv2.cvtColor(np.asarray(att), cv2.COLOR_RGB2BGR))
                    acc = sum(int(x) == y for x, y in zip(got, bits)) / 32
                except Exception:
                    acc = 0.5
                rows.setdefault(cname, []).append(acc)
        res[name] = ({k: statistics.mean(v) for k, v in rows.items()}, statistics.median(psn) if psn else float("nan"))
    return res


# ----------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shares", type=int, default=50)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20, 100, 200])
    ap.add_argument("--text-trials", type=int, default=200)
    ap.add_argument("--null-trials", type=int, default=10000)
    ap.add_argument("--labels", type=int, default=40)
    ap.add_argument("--image-trials", type=int, default=200)
    ap.add_argument("--image-null", type=int, default=1000)
    ap.add_argument("--marks-per-label", type=int, default=10)
    ap.add_argument("--cli-rows", type=int, default=50000, help="rows of the end-to-end CLI timing (0: none)")
    ap.add_argument("--ocr", default="rapidocr")
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--skip-text", action="store_true")
    ap.add_argument("--skip-images", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small numbers, for a smoke run")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep the unmarked masked labels (the OCR pass) in this file and reuse them")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="only time masking N labels and a PDF of the clean ones without and with a share "
                         "(CPU seconds, median of 4, alternating; in process and through the CLI)")
    a = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    if a.quick:
        a.shares, a.rows, a.text_trials, a.null_trials = 10, 1000, 10, 100
        a.labels, a.image_trials, a.image_null, a.sizes, a.cli_rows = 4, 8, 16, [5, 100], 2000
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "e" * 64)
    os.environ.setdefault("WAYBILL_HOME", tempfile.mkdtemp(prefix="waybill-trace-eval-"))
    figures = {}
    if a.speed:
        for how, fn in (("waybill.mask_stream", image_speed), ("waybill mask, 1 worker", cli_image_speed)):
            sp = fn(a.speed, a.ocr)
            figures.setdefault("speed", {})[how] = sp
            for kind in ("image", "pdf"):
                p0, p1 = sp["plain"][kind], sp["share"][kind]
                what = f"{a.speed} label images" if kind == "image" else f"a PDF of {(a.speed + 1) // 2} clean labels"
                print(f"{how}: masking {what} ({a.ocr}; CPU seconds, median of 4, alternating): {p0:.2f} s "
                      f"without a share, {p1:.2f} s with one ({p1 / p0 - 1:+.1%})")
        if a.json:
            a.json.write_text(json.dumps(figures, default=str, indent=1))
        return 0
    if not a.skip_text:
        t = text_part(a)
        figures["text"] = t
        print(f"Text: {t['shares']} shares of one {t['rows']:,}-row export; right share named "
              f"(innocent-share probability x {t['shares']} <= 1e-6)")
        print(f"{'rows':>5}  {'copy':<24}{'trials':>7}{'named':>9}{'ranked 1st':>12}{'median log10 p':>16}")
        for n, how, trials, ok, first, lp in t["table"]:
            print(f"{n:>5}  {how:<24}{trials:>7}{ok:>9.1%}{first:>12.1%}{lp:>16.1f}")
        nt, nf, secs = t["null"]
        print(f"false attribution on unshared data: {nf} of {nt:,} trials (20-200 rows, {secs:.0f} s)")
        print(f"masking speed, engine only (CPU, best of 7 alternating): {t['rows'] / t['t_plain']:,.0f} rows/s "
              f"without a share, {t['rows'] / t['t_marked']:,.0f} rows/s with one ({t['t_marked'] / t['t_plain'] - 1:+.1%}; "
              f"median of the 7 pairs {t['pair_ratio'] - 1:+.1%})")
        if t.get("cli"):
            w0, w1, c0, c1 = t["cli"]
            print(f"masking speed, `waybill mask` end to end ({a.cli_rows:,} rows, 1 worker, best of 4): "
                  f"CPU {c0:.2f} s without a share, {c1:.2f} s with one ({c1 / c0 - 1:+.1%}); "
                  f"wall clock {w0:.2f} s / {w1:.2f} s ({w1 / w0 - 1:+.1%})")
    if not a.skip_images:
        im = image_part(a)
        figures["images"] = im
        print(f"\nImages: {a.shares} shares of {im['labels']} labels (masked with {a.ocr} in {im['t_mask']:.0f} s; "
              f"marking {im['t_mark'] * 1000:.0f} ms/label, median {im['chips']:.0f} chips)")
        print(f"{'condition':<18}{'trials':>7}{'named':>9}{'ranked 1st':>12}{'median log10 p':>16}")
        for cname, trials, ok, first, lp in im["table"]:
            print(f"{cname:<18}{trials:>7}{ok:>9.1%}{first:>12.1%}{lp:>16.1f}")
        groups = sorted({k.split(" / ")[1] for k in im["groups"]})
        print("named, by label group: " + "; ".join(
            f"{c}: " + ", ".join(f"{g} {im['groups'][f'{c} / {g}'][0]}/{im['groups'][f'{c} / {g}'][1]}"
                                 for g in groups if f"{c} / {g}" in im["groups"]) for c in CONDITIONS))
        print(f"false attribution on unmarked masked labels: {im['null'][1]} of {im['null'][0]:,}")
        print(f"tracking barcodes decoding after marking: {im['barcodes'][0]}/{im['barcodes'][1]} "
              f"(unmarked outputs: {im['barcodes_unmarked'][0]}/{im['barcodes_unmarked'][1]})")
        for kind in sorted({k for k, _ in im["psnr_out"]}):
            vals = [p for k, p in im["psnr_out"] if k == kind]
            inf = sum(math.isinf(p) for p in vals)
            fin = [p for p in vals if not math.isinf(p)]
            print(f"PSNR outside the filled areas, {kind}: {inf}/{len(vals)} identical (infinite)"
                  + (f", others median {statistics.median(fin):.1f} dB" if fin else ""))
        print(f"PSNR inside the filled areas (pattern vs black fill): median {im['psnr_in']:.1f} dB")
        for name, (acc, ps) in (im.get("peers") or {}).items():
            print(f"peer {name}: PSNR outside fills {ps:.1f} dB; bit accuracy " +
                  ", ".join(f"{k} {v:.0%}" for k, v in acc.items()))
    if a.json:
        a.json.write_text(json.dumps(figures, default=str, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
