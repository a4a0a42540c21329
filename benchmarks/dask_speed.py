"""Files per second with ``--executor dask`` on a LocalCluster of 1 and 2 workers, and a prediction
for 8 and 32 workers from measured costs.

    python -m benchmarks.dask_speed [--files 60] [--rows 2000] [--repeat 3]

Each run masks the same folder of generated CSV exports through the CLI (``waybill mask DIR
--executor dask --workers W``). The prediction is a simulation driven by three measured costs:
the cluster start-up (a run on one tiny file), the work per file on one worker (from the 1-worker
run), and the client's serial cost per file (audit record + rename, measured in-process by
appending the same number of records to an audit log). With W workers the client hands out files
as workers free up, so the time is start-up + files x max(work / W, client cost).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(src: Path, out: Path, workers: int) -> float:
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--executor",
                        "dask", "--workers", str(workers)], capture_output=True, env=env)
    if p.returncode:
        raise SystemExit(f"mask failed ({p.returncode}): {p.stderr.decode()[-300:]}")
    return time.perf_counter() - t0


def _client_cost(n: int) -> float:
    from waybill.audit import AuditKeys, AuditLog

    with tempfile.TemporaryDirectory() as d:
        log = AuditLog(Path(d) / "audit.jsonl", AuditKeys(b"0" * 32))
        rec = {"input": {"path": "in/p000.csv", "sha256": "0" * 64}, "status": "ok",
               "findings": [{"type": "name", "hmac": "0" * 64}] * 20}
        t0 = time.perf_counter()
        for _ in range(n):
            log.append(rec)
            tmp = Path(d) / "t"
            tmp.write_bytes(b"x")
            os.replace(tmp, Path(d) / "o")
        return (time.perf_counter() - t0) / n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    from waybill.generators.records import write_csv

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        src, tiny = d / "in", d / "tiny"
        src.mkdir()
        tiny.mkdir()
        for i in range(a.files):
            write_csv(src / f"p{i:03d}.csv", a.rows, seed=i, keep_truth=False)
        write_csv(tiny / "t.csv", 2, seed=1, keep_truth=False)
        start = statistics.median(_run(tiny, d / f"s{k}", 1) for k in range(a.repeat))
        t = {w: statistics.median(_run(src, d / f"o{w}_{k}", w) for k in range(a.repeat)) for w in (1, 2)}
        work = max(t[1] - start, 1e-6) / a.files
        client = _client_cost(a.files)
        print(f"{a.files} files x {a.rows} rows, median of {a.repeat}; cluster start-up {start:.1f} s, "
              f"work {work * 1000:.0f} ms per file on one worker, client {client * 1000:.1f} ms per file")
        print(f"{'workers':>8} {'seconds':>9} {'files/s':>9}  source")
        for w in (1, 2):
            print(f"{w:>8} {t[w]:>9.1f} {a.files / t[w]:>9.2f}  measured")
        for w in (1, 2, 8, 32):
            pred = start + a.files * max(work / w, client)
            print(f"{w:>8} {pred:>9.1f} {a.files / pred:>9.2f}  predicted")
        print(f"(on this {os.cpu_count()}-core machine 2 workers is the most that can run at once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
