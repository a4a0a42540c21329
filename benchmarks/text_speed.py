"""Mask a generated N-row, 10-column CSV through the CLI pipeline and print rows/s and peak memory.

    python -m benchmarks.text_speed [--rows 1000000] [--workers 2] [--repeat 1] [--lang cn|en|both]
                                    [--presidio-rows 10000]

The CSV is synthetic (waybill.generators.records): Chinese rows (``--lang cn``, default), English rows with
the same ten columns (``--lang en``: US names, phones and street addresses), or both one after the
other (``--lang both``, then the per-row cost ratio is printed). Peak memory is the maximum resident set size of this
process and its worker children. If presidio-analyzer/-anonymizer are installed (extra ``bench``),
the same run masks a 10,000-row English slice with Presidio and waybill and prints both.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--presidio-rows", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=1, help="mask the same input this many times")
    ap.add_argument("--check-rows", type=int, default=50000, help="rows of the first output checked against the truth")
    ap.add_argument("--lang", choices=["cn", "en", "both"], default="cn")
    a = ap.parse_args(argv)
    langs = ["cn", "en"] if a.lang == "both" else [a.lang]
    medians = {}
    rc = 0
    for lang in langs:
        print(f"-- {lang}: {'Chinese' if lang == 'cn' else 'English'} rows")
        rc, medians[lang] = _run(a, lang)
        if rc:
            return rc
    if len(medians) == 2:
        print(f"English/Chinese time per row: {medians['en'] / medians['cn']:.2f}x")
    compare_presidio(a.presidio_rows)
    return rc


def _run(a, lang: str) -> tuple[int, float]:
    from waybill.generators.records import write_csv

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "orders.csv"
        t0 = time.perf_counter()
        write_csv(src, a.rows, seed=5, keep_truth=False, lang=lang)
        gen = time.perf_counter() - t0
        env = dict(os.environ)
        env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
        size = src.stat().st_size / 1e6
        print(f"{'run':>4} {'rows':>10} {'cols':>5} {'MB':>7} {'workers':>8} {'seconds':>9} {'rows/s':>10} "
              f"{'CPU s':>7} {'peak MB':>8}  exit")
        times = []
        for run in range(1, a.repeat + 1):
            out = Path(d) / f"out{run}"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out),
                                "-q", "--workers", str(a.workers)], env=env)
            el = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            peak = after.ru_maxrss / 1024
            times.append(el)
            print(f"{run:>4} {a.rows:>10} {10:>5} {size:>7.1f} {a.workers:>8} {el:>9.1f} {a.rows / el:>10.0f} "
                  f"{cpu:>7.1f} {peak:>8.0f}  {r.returncode}")
            if run == 1 and r.returncode == 0:
                check = _check(out / "orders.csv", min(a.rows, a.check_rows), seed=5, lang=lang)
            shutil.rmtree(out, ignore_errors=True)
            if r.returncode:
                break
    if r.returncode == 0:
        print(check)
    if len(times) > 1:
        print(f"median {statistics.median(times):.1f} s, best {min(times):.1f} s over {len(times)} runs")
    print(f"(generating the input took {gen:.1f} s; peak MB = largest single process RSS of the runs, "
          f"CPU s = user+system time of the run and its workers)")
    return r.returncode, statistics.median(times)


def _check(masked: Path, n: int, seed: int, lang: str = "cn") -> str:
    """Compare the first ``n`` masked rows with the generator's truth (same seed, same sequence):
    no name, phone or address detail may remain; order and tracking numbers must be kept."""
    import csv

    from waybill.generators.records import Gen

    g = Gen(seed)
    entities = leaks = keep_bad = 0
    with open(masked, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for _, row in zip(range(n), reader):
            _, truth = g.row_en() if lang == "en" else g.row()
            joined = "|".join(row)
            vals = truth["names"] + truth["phones"] + truth["details"]
            entities += len(vals)
            leaks += sum(v in joined for v in vals)
            keep_bad += sum(k not in row for k in truth["keep"])
    return (f"check of the first {n:,} rows of run 1: {entities:,} names/phones/address details, "
            f"{leaks} still readable; {2 * n - keep_bad:,} of {2 * n:,} order and tracking numbers kept")


def _english_rows(n: int):
    from waybill.generators.records import Gen
    g = Gen(11)
    rows, truth = [], []
    for _ in range(n):
        p = g.us_person()
        street = p.detail
        rows.append([g.tracking(), p.name, p.phone, f"{street}, {p.region}{g.r.randint(10, 99)}",
                     f"call {p.phone} before delivery"])
        truth.append([p.name, p.phone, street])
    return rows, truth


def _recall(outputs, truth) -> float:
    found = total = 0
    for out, vals in zip(outputs, truth):
        joined = " | ".join(out)
        for v in vals:
            total += 1
            found += v not in joined
    return found / total if total else 1.0


def compare_presidio(n: int) -> None:
    """Presidio (analyzer + anonymizer) and waybill on the same English slice, if installed."""
    if n <= 0:
        return
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine
    except ImportError:
        print("presidio: not installed (pip install -e '.[bench]' to compare)")
        return
    import logging

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # it tries to fetch a suffix list
    note = "with spaCy en_core_web_sm (NER for names and places)"
    try:
        import spacy

        try:
            spacy.load("en_core_web_sm")
            model = "en_core_web_sm"
        except OSError:
            # the model is not on PyPI and cannot be downloaded offline: a blank English pipeline,
            # so Presidio runs its pattern recognizers (phone, e-mail, ...) but finds no names
            model = tempfile.mkdtemp(prefix="waybill-blank-en-")
            spacy.blank("en").to_disk(model)
            note = "WITHOUT an NER model (none installable offline): pattern recognizers only, no names"
        provider = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
        analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
        anonymizer = AnonymizerEngine()
    except Exception as e:
        print(f"presidio: installed but unusable here ({e.__class__.__name__})")
        return
    from waybill.masking import load_policy
    from waybill.pipeline import build_engine
    rows, truth = _english_rows(n)
    header = ["tracking", "name", "phone", "address", "remark"]
    t0 = time.perf_counter()
    outs = [[anonymizer.anonymize(text=c, analyzer_results=analyzer.analyze(text=c, language="en")).text
             for c in r] for r in rows]
    tp = time.perf_counter() - t0
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    t0 = time.perf_counter()
    outw = [[eng.mask_value(c, {}, header[i]) for i, c in enumerate(r)] for r in rows]
    tw = time.perf_counter() - t0
    print(f"Presidio comparison on {n} English rows (tracking, name, phone, street address, remark), "
          f"one process each; Presidio {note}")
    print(f"{'engine':<10}{'rows':>8}{'rows/s':>10}{'recall':>9}  recall by field (name / phone / street)")
    for name, outs_, t in (("presidio", outs, tp), ("waybill", outw, tw)):
        per = " / ".join(f"{_recall(outs_, [[tr[k]] for tr in truth]):.1%}" for k in range(3))
        print(f"{name:<10}{n:>8}{n / t:>10.0f}{_recall(outs_, truth):>9.2%}  {per}")
    print(f"waybill/presidio throughput: {tp / tw:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
