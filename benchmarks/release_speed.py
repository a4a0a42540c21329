"""k-anonymous release and DP counts on a generated skewed export (issue 15).

    python -m benchmarks.release_speed [--rows 1000000] [--k 5]

Writes a 10-column export of Chinese waybill records (``waybill.release.synth``: a few busy
big-city districts, many sparse rural ones, heavy buyers, rare goods, phones in remarks), then
times, each in a fresh process whose peak memory is read from the kernel:

- ``release --k K`` (defaults: 5% suppression limit, refinement on) against the simplest correct
  baseline: every address generalised to its city, every other quasi-identifier withheld, cities
  with fewer than K records suppressed;
- ``counts --by district,day`` over every district of the division data set x every day of the
  range, at epsilon 0.5, 1 and 2 (bound 3 parcels per recipient), with the median relative error
  of the non-empty groups against the exact counts of all records.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(args) -> None:
    """Run one measured job in this process and print its result as JSON."""
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "b" * 64)
    t0 = time.perf_counter()
    if args.child == "release":
        from waybill.release import release

        res = release([args.src], Path(args.out), k=args.k, force=True, config=args.config, seed=1)
        out = res.report
    else:
        from waybill.release import counts

        res = counts([args.src], ["district", "day"], args.epsilon, out=Path(args.out), force=True,
                     ledger=Path(args.out).with_suffix(".ledger.jsonl"), budget=1e6)
        out = res.report
    out["wall"] = time.perf_counter() - t0
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, ensure_ascii=False))


def run_child(*argv) -> dict:
    r = subprocess.run([sys.executable, "-m", "benchmarks.release_speed", *argv], cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode:
        sys.stderr.write(r.stderr[-3000:])
        raise SystemExit(f"child failed: {argv[:2]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def exact_counts(src: Path) -> dict:
    """Exact (district code, day) -> records, over all records."""
    from waybill.release import hierarchies as H
    from waybill.release.dpcounts import _region_of_leaf
    from waybill.release.reader import Source

    rh, th = H.RegionHierarchy(), H.TimeHierarchy()
    s = Source([str(src)]).open()
    a, t = s.columns.index("收件地址"), s.columns.index("下单时间")
    out: dict = {}
    memo: dict = {}
    for row in s.rows():
        leaf = rh.encode(row[a])
        code = memo.get(leaf)
        if code is None:
            code = memo[leaf] = _region_of_leaf(rh, leaf, "district")
        tl = th.encode(row[t])
        if code is None or tl == 0:
            continue
        from datetime import date

        key = (code, date.fromordinal(th.vocab.keys[tl][0]).isoformat())
        out[key] = out.get(key, 0) + 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--skip-counts", action="store_true")
    ap.add_argument("--child", choices=["release", "counts"])
    ap.add_argument("--src")
    ap.add_argument("--out")
    ap.add_argument("--config")
    ap.add_argument("--epsilon", type=float, default=1.0)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "b" * 64)
    work = args.dir or Path(tempfile.mkdtemp(prefix="waybill-release-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("WAYBILL_HOME", str(work / "home"))
    src = work / f"export_{args.rows}.csv"
    if not src.exists():
        from waybill.release import synth

        t = time.perf_counter()
        synth.write(src, args.rows, seed=7)
        print(f"generated {src} ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s",
              file=sys.stderr)
    base_cfg = work / "baseline.toml"
    base_cfg.write_text('[release.columns]\n"重量kg" = "drop"\n"声明价值" = "drop"\n"下单时间" = "drop"\n'
                        '"商品类别" = "drop"\n[release.hierarchies.region]\nlevels = ["city"]\n', encoding="utf-8")
    runs = [("waybill release (search + refinement)", run_child("--child", "release", "--src", str(src), "--out",
                                                               str(work / "release.csv"), "--k", str(args.k))),
            ("baseline: city level, rest withheld", run_child("--child", "release", "--src", str(src), "--out",
                                                             str(work / "baseline.csv"), "--k", str(args.k),
                                                             "--config", str(base_cfg)))]
    print(f"\nk-anonymous release, {args.rows:,} rows x 10 columns, k={args.k} "
          f"(machine: {os.cpu_count()} cores)\n")
    print("| method | seconds | peak memory | suppressed | at district level | k achieved | levels |")
    print("|---|---|---|---|---|---|---|")
    for name, r in runs:
        levels = ", ".join(f"{a['column']}: {a['level']}" for a in r["attributes"])
        share = next(iter(r["district_share"].values()), 0.0)
        print(f"| {name} | {r['wall']:.1f} | {r['peak_mb']:.0f} MB | {100 * r['suppressed_share']:.2f}% | "
              f"{100 * share:.1f}% of released | {r['k']['achieved']} | {levels} |")
    if args.skip_counts:
        return
    import numpy as np

    truth = exact_counts(src)
    print(f"\nDP counts by district x day, {args.rows:,} rows (bound 3 parcels per recipient)\n")
    print("| epsilon | seconds | peak memory | groups | 95% error bound | median relative error, non-empty groups "
          "| same, groups of 20+ parcels | records dropped by the bound |")
    print("|---|---|---|---|---|---|---|---|")
    for eps in (0.5, 1.0, 2.0):
        out = work / f"counts_{eps}.csv"
        r = run_child("--child", "counts", "--src", str(src), "--out", str(out), "--epsilon", str(eps))
        import csv

        rel, big = [], []
        with open(out, encoding="utf-8") as fh:
            rd = csv.DictReader(fh)
            for row in rd:
                t = truth.get((row["district_code"], row["day"]))
                if t:
                    e = abs(int(row["count"]) - t) / t
                    rel.append(e)
                    if t >= 20:
                        big.append(e)
        print(f"| {eps:g} | {r['wall']:.1f} | {r['peak_mb']:.0f} MB | {r['groups']:,} | +/-{r['error_95']:g} | "
              f"{100 * float(np.median(rel)):.1f}% (of {len(rel):,}) | "
              f"{100 * float(np.median(big)) if big else float('nan'):.1f}% (of {len(big):,}) | "
              f"{100 * r['truncated_by_bound'] / r['records']:.1f}% |")


if __name__ == "__main__":
    main()
