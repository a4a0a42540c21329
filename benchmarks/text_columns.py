"""Where a table row's masking time goes: CPU microseconds a row per column and for the row stages,
in process, the way a ``--workers`` process masks (engine built once, garbage collector tuned as in a
worker), on the rows ``benchmarks.text_speed`` generates.

    python -m benchmarks.text_columns [--rows 30000] [--lang cn|en] [--repeat 3] [--preset share]

Each figure is the minimum of ``--repeat`` runs (the machine is noisy; the minimum is the cost with
the least interference). "whole row" is ``mask_table_rows`` on chunks of 2,000 rows (what a worker
runs on a piece); a column's figure is ``Engine.mask_rows`` on that column alone; "row stages" is the
rest of the whole row's time (names in unhinted columns, column roles, split mobiles, row echo).
Run it against two commits (``PYTHONPATH=<tree>``) to see which column a change made dearer.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

CHUNK = 2000


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=30000)
    ap.add_argument("--lang", choices=["cn", "en"], default="cn")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--preset", default="share")
    a = ap.parse_args(argv)
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    from waybill.formats import pieces
    try:
        from waybill.formats.structure import mask_table_rows
    except ImportError:  # an older tree (the row stages came later): the engine's rows alone
        def mask_table_rows(engine, rows, header, first_row):
            return engine.mask_rows(rows, header, first_row)
    from waybill.generators.records import write_csv
    from waybill.masking import load_policy
    from waybill.pipeline import build_engine

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "rows.csv"
        write_csv(src, a.rows, seed=5, keep_truth=False, lang=a.lang)
        table = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8"))))
    header, rows = table[0], table[1:]
    engine = build_engine(load_policy(a.preset), None, None, b"\0" * 32)
    pieces.WORKER = engine
    engine.mask_rows(rows[:50], header, 2)  # load the detectors' tables before the collector is tuned
    pieces.tune_gc()
    chunks = [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]
    n = len(rows)

    def whole():
        for k, c in enumerate(chunks):
            mask_table_rows(engine, c, header, 2 + k * CHUNK)

    total = _best(whole, a.repeat) * 1e6 / n
    print(f"{a.lang} rows: {n:,}, preset {a.preset}, CPU µs a row (minimum of {a.repeat})")
    print(f"{'part':<24} {'µs/row':>8} {'share':>7}")
    cols = 0.0
    for c_i, name in enumerate(header):
        one = [[r[c_i] if c_i < len(r) else ""] for r in rows]
        parts = [one[i:i + CHUNK] for i in range(0, n, CHUNK)]

        def column(parts=parts, name=name):
            getattr(engine, "_plans", {}).clear()  # a fresh plan (and memo) each run, as a new file gets
            for k, p in enumerate(parts):
                engine.mask_rows(p, [name], 2 + k * CHUNK)

        us = _best(column, a.repeat) * 1e6 / n
        cols += us
        print(f"{name[:24]:<24} {us:8.2f} {100 * us / total:6.1f}%")
    print(f"{'row stages':<24} {max(0.0, total - cols):8.2f} {100 * max(0.0, total - cols) / total:6.1f}%")
    print(f"{'whole row':<24} {total:8.2f} {100.0:6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
