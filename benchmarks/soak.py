"""Soak test: a batch of mixed files masked while workers and the main process are killed at random
moments, rerun until it is done; then exactly one output and one audit record per good input,
byte-identical to a clean run, and an audit chain that verifies.

    python -m benchmarks.soak [--files 2000] [--kills 20] [--seed 1] [--workers 2]

Inputs: generated CSV, TSV, JSON Lines, TXT and ZPL files (sizes from a few rows to a few thousand)
plus broken ones (empty, binary junk, truncated JSON) that must fail closed every time. Each round
starts ``waybill mask IN -o OUT --workers N``, waits a random 0.2-3 s, then kills one random worker
(SIGKILL, what the out-of-memory killer does) or the main process (SIGKILL or SIGTERM), and lets the
run go on or end. After ``--kills`` rounds the batch is run to completion. Prints a table and exits
1 on any lost, doubled or differing output, a hang (a round over ``--timeout``), or a broken chain.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BROKEN = {"empty.csv": b"", "junk.csv": bytes(range(256)) * 20, "cut.json": b'{"a": [1,'}


def make_inputs(root: Path, n: int, rng: random.Random) -> list[str]:
    from waybill.generators.records import Gen, write_csv, zpl_labels

    g = Gen(rng.randrange(1 << 30))
    root.mkdir(parents=True)
    good = []
    for i in range(n):
        kind = rng.choice(["csv", "csv", "tsv", "jsonl", "txt", "zpl"])
        p = root / f"f{i:05d}.{kind}"
        rows = rng.choice([3, 20, 200, 2000])
        if kind in ("csv", "tsv"):
            write_csv(p, rows, seed=i, delimiter="\t" if kind == "tsv" else ",", keep_truth=False)
        elif kind == "jsonl":
            p.write_text("".join(json.dumps({"收件人": g.cn_name(), "电话": g.mobile(), "备注": "放门口"},
                                            ensure_ascii=False) + "\n" for _ in range(rows)), encoding="utf-8")
        elif kind == "txt":
            p.write_text("".join(f"收件人：{g.cn_name()} {g.mobile()} 浙江省杭州市西湖区文三路{k}号\n"
                                 for k in range(rows)), encoding="utf-8")
        else:
            p.write_text(zpl_labels(g, max(1, rows // 200)), encoding="utf-8")
        good.append(p.name)
    for name, data in BROKEN.items():
        (root / name).write_bytes(data)
    return good


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _mask(src: Path, out: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q",
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _audit(out: Path) -> list[dict]:
    path = out / "audit.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=900, help="seconds a round may take (a hang past it fails)")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    problems = []
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        src = d / "in"
        good = make_inputs(src, a.files, rng)
        t0 = time.monotonic()
        clean = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(d / "clean"), "-q",
                                "--workers", str(a.workers)], capture_output=True, timeout=a.timeout)
        t_clean = time.monotonic() - t0
        out = d / "soak"
        kinds = Counter()
        t0 = time.monotonic()
        for _ in range(a.kills):
            p = _mask(src, out, a.workers)
            time.sleep(rng.uniform(0.2, 3.0))
            what = rng.choice(["worker", "worker", "main-kill", "main-term"])
            if p.poll() is None:
                kids = _children(p.pid)
                if what == "worker" and kids:
                    os.kill(rng.choice(kids), signal.SIGKILL)
                elif what == "main-kill":
                    os.kill(p.pid, signal.SIGKILL)
                else:
                    what = "main-term"
                    os.kill(p.pid, signal.SIGTERM)
                kinds[what] += 1
            try:
                p.wait(timeout=a.timeout)
            except subprocess.TimeoutExpired:
                problems.append(f"hang after {what}")
                p.kill()
                p.wait()
            for k in _children(p.pid):  # workers orphaned by a SIGKILL of the main process
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass
        rounds = 0
        while True:
            rounds += 1
            r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q",
                                "--workers", str(a.workers)], capture_output=True, timeout=a.timeout)
            if r.returncode in (0, 6) or rounds >= 5:
                break
        t_soak = time.monotonic() - t0
        recs = _audit(out)
        ok = Counter(Path(x["input"]["path"]).name for x in recs if x.get("status") == "ok")
        lost = [g for g in good if ok[g] == 0]
        doubled = [g for g, c in ok.items() if c > 1]
        differ = [g for g in good if ok[g] and (out / "in" / g).read_bytes() != (d / "clean" / "in" / g).read_bytes()]
        bad_out = [b for b in BROKEN if (out / "in" / b).exists()]
        temps = list(out.rglob("*.waybill-tmp"))
        v = subprocess.run([sys.executable, "-m", "waybill", "audit", "verify", str(out / "audit.jsonl")],
                           capture_output=True)
        print(f"{'files':>6} {'kills':>6} {'worker':>7} {'main -9':>8} {'main TERM':>10} {'lost':>5} {'doubled':>8} "
              f"{'differ':>7} {'broken out':>11} {'temps':>6} {'chain':>6} {'clean s':>8} {'soak s':>7}")
        print(f"{len(good):>6} {sum(kinds.values()):>6} {kinds['worker']:>7} {kinds['main-kill']:>8} "
              f"{kinds['main-term']:>10} {len(lost):>5} {len(doubled):>8} {len(differ):>7} {len(bad_out):>11} "
              f"{len(temps):>6} {'ok' if v.returncode == 0 else 'BROKEN':>6} {t_clean:>8.0f} {t_soak:>7.0f}")
        if clean.returncode != 6:
            problems.append(f"clean run exited {clean.returncode}")
        for name, items in (("lost", lost), ("doubled", doubled), ("differ", differ), ("broken inputs written", bad_out),
                            ("temp files left", temps)):
            if items:
                problems.append(f"{len(items)} {name}")
        if v.returncode != 0:
            problems.append("audit chain does not verify")
    for pr in problems:
        print("PROBLEM:", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
