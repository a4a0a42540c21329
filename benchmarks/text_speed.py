"""Mask a generated N-row, 10-column CSV through the CLI pipeline and print rows/s and peak memory.

    python -m benchmarks.text_speed [--rows 1000000] [--workers 2] [--presidio-rows 10000]

The CSV is synthetic (waybill.samples). Peak memory is the maximum resident set size of this
process and its worker children. If presidio-analyzer/-anonymizer are installed (extra ``bench``),
the same run masks a 10,000-row English slice with Presidio and waybill and prints both.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args(argv)
    from waybill.samples import write_csv

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "orders.csv"
        t0 = time.perf_counter()
        write_csv(src, a.rows, seed=5)
        gen = time.perf_counter() - t0
        env = dict(os.environ)
        env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(Path(d) / "out"),
                            "-q", "--workers", str(a.workers)], env=env)
        el = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = src.stat().st_size / 1e6
    print(f"{'rows':>10} {'cols':>5} {'MB':>7} {'workers':>8} {'seconds':>9} {'rows/s':>10} {'peak MB':>8}  exit")
    print(f"{a.rows:>10} {10:>5} {size:>7.1f} {a.workers:>8} {el:>9.1f} {a.rows / el:>10.0f} {peak:>8.0f}  {r.returncode}")
    print(f"(generating the input took {gen:.1f} s; peak MB = largest single process RSS)")
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
