"""Batches that are killed midway and rerun (real subprocess, real signals)."""
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from waybill.generators.records import write_csv

BAD = {"zero.csv": b"", "junk.csv": bytes(range(256)) * 40, "broken.json": b'{"a": [1,'}


def make_batch(root: Path, n: int = 40, rows: int = 1500) -> list[str]:
    root.mkdir()
    good = []
    for i in range(n):
        p = root / f"part{i:03d}.csv"
        write_csv(p, rows, seed=i)
        good.append(p.name)
    for name, data in BAD.items():
        (root / name).write_bytes(data)
    return good


def run(args, **kw):
    return subprocess.Popen([sys.executable, "-m", "waybill", "mask", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kw)


def audit_lines(path: Path):
    """Complete lines only: while the batch runs, the last line may be mid-write."""
    if not path.exists():
        return []
    data = path.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    return [json.loads(x) for x in complete.decode().splitlines() if x.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_batch_resumes_exactly_once(tmp_path, sig):
    src = tmp_path / "in"
    good = make_batch(src)
    out = tmp_path / "out"
    audit = out / "audit.jsonl"
    p = run([str(src), "-o", str(out), "-q", "--workers", "2"])
    deadline = time.time() + 120
    while time.time() < deadline and len(audit_lines(audit)) < 8:
        time.sleep(0.05)
    assert p.poll() is None, "batch finished before it could be killed"
    p.send_signal(sig)
    p.wait(timeout=60)
    if sig == signal.SIGTERM:
        assert p.returncode == 130
        assert b"Traceback" not in p.stderr.read()
    done_before = len([r for r in audit_lines(audit) if r["status"] == "ok"])
    assert 0 < done_before < len(good)
    # no torn line after a handled signal; a SIGKILL can stop a long record's write() between pages
    # (the next run cuts that half line before its first record, and masks its input again)
    if sig == signal.SIGTERM:
        assert audit.read_bytes().endswith(b"\n")
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q",
                        "--workers", "2"], capture_output=True, timeout=600)
    assert r.returncode == 6, r.stderr.decode()
    assert audit.read_bytes().endswith(b"\n")
    recs = audit_lines(audit)
    ok = Counter(Path(r["input"]["path"]).name for r in recs if r["status"] == "ok")
    assert ok == Counter({g: 1 for g in good})
    failed = Counter(Path(r["input"]["path"]).name for r in recs if r["status"] == "failed")
    assert set(failed) == set(BAD) and all(v == 1 for v in failed.values())
    outputs = sorted(p.name for p in (out / "in").iterdir())
    assert outputs == sorted(good)  # nothing for bad inputs, no temp files
    v = subprocess.run([sys.executable, "-m", "waybill", "audit", "verify", str(audit)], capture_output=True)
    assert v.returncode == 0, v.stderr.decode()
    # and every output is masked
    vv = subprocess.run([sys.executable, "-m", "waybill", "verify", str(out / "in")], capture_output=True)
    assert vv.returncode == 0, vv.stderr.decode()


@pytest.mark.slow
def test_pool_closed_right_after_it_was_made_never_hangs(tmp_path):
    """Workers must not lose the pool's SIGTERM when the parent has a Python SIGTERM handler (the
    CLI installs one): before the fix, one in a few hundred pools closed at once hung forever (and
    hung a CI run); 1,200 of them here take about 15 s."""
    script = tmp_path / "race.py"
    script.write_text(
        "import signal\n"
        "from waybill.masking import load_policy\n"
        "from waybill.pipeline import worker_pool\n"
        "def handler(signum, frame):\n"
        "    raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, handler)\n"
        "for _ in range(1200):\n"
        "    p = worker_pool(2, load_policy('share'), None, None, b'k' * 32)\n"
        "    p.terminate()\n"
        "    p.join()\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120,
                       cwd=Path(__file__).resolve().parent.parent)
    assert r.returncode == 0 and r.stdout.strip() == b"ok", r.stderr.decode()[-2000:]


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit status may wait for a PID 1 that never reaps)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    """kill -9 of the main process (the OOM killer, a container stop) must not leave its workers
    waiting forever with their engines in memory."""
    src = tmp_path / "in"
    make_batch(src)
    audit = tmp_path / "out" / "audit.jsonl"
    p = run([str(src), "-o", str(tmp_path / "out"), "-q", "--workers", "2"])
    deadline = time.time() + 120
    while time.time() < deadline and len(audit_lines(audit)) < 2:
        time.sleep(0.05)
    kids = _children(p.pid)
    assert kids, "no worker processes seen"
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    deadline = time.time() + 15
    while time.time() < deadline and any(_running(k) for k in kids):
        time.sleep(0.2)
    alive = [k for k in kids if _running(k)]
    for k in alive:  # do not leave them behind if the assertion fails
        try:
            os.kill(k, signal.SIGKILL)
        except OSError:
            pass
    assert not alive, "workers outlived the killed main process"
