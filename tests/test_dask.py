"""--executor dask: the same outputs and audit log as local workers (a LocalCluster of 2)."""
import json
import os
import subprocess
import sys

import pytest

from waybill.generators.records import write_csv

pytest.importorskip("distributed")


def _audit(path):
    keep = lambda r: {k: v for k, v in r.items() if k not in ("run_id", "time", "seconds", "mac", "prev")}
    return [keep(json.loads(x)) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_outputs_and_audit(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        write_csv(src / f"p{i}.csv", 300, seed=i)
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    runs = {}
    dask = ["--executor", "dask", "--workers", "2"]
    # dask_url: the workers write their outputs through fsspec to a file:// URL
    for name, extra in (("local", ["--workers", "1"]), ("dask", dask), ("dask_url", dask)):
        out = tmp_path / name
        target = out.as_uri() if name == "dask_url" else str(out)
        p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", target, "-q", *extra],
                           capture_output=True, timeout=300)
        assert p.returncode == 6, p.stderr.decode()  # the broken file fails closed in all
        runs[name] = out
    for name in ("dask", "dask_url"):
        assert sorted(x.name for x in (runs[name] / "in").iterdir()) == sorted(x.name for x in (runs["local"] / "in").iterdir())
        for f in sorted((runs["local"] / "in").iterdir()):
            assert (runs[name] / "in" / f.name).read_bytes() == f.read_bytes(), f.name
        a, b = _audit(runs["local"] / "audit.jsonl"), _audit(runs[name] / "audit.jsonl")
        for x, y in zip(a, b):
            x["output"].pop("rel", None), y["output"].pop("rel", None)
            x["output"]["path"] = y["output"]["path"] = None if x["output"]["path"] is None else "-"
        assert a == b and len(a) == 7
        v = subprocess.run([sys.executable, "-m", "waybill", "audit", "verify", str(runs[name] / "audit.jsonl")],
                           capture_output=True)
        assert v.returncode == 0, v.stderr.decode()
    # resume: the same command again finds every output done and adds no audit line
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", runs["dask_url"].as_uri(), *dask],
                       capture_output=True, timeout=300)
    assert p.returncode == 6 and len(_audit(runs["dask_url"] / "audit.jsonl")) == 7, p.stderr.decode()


def test_scheduler_needs_dask_executor(tmp_path):
    (tmp_path / "a.csv").write_text("收件人\n王小明\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(tmp_path / "a.csv"), "-o", str(tmp_path / "o"),
                        "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, timeout=60)
    assert p.returncode == 2 and b"--executor dask" in p.stderr


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    for i in range(2):
        (tmp_path / f"a{i}.csv").write_text("收件人\n王小明\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(tmp_path / "a0.csv"), str(tmp_path / "a1.csv"),
                        "-o", str(tmp_path / "o"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                       capture_output=True, timeout=120)
    assert p.returncode == 5 and b"cannot reach the Dask scheduler" in p.stderr and b"Traceback" not in p.stderr


def test_executor_config_table(tmp_path):
    # [executor] in the config points every run at a cluster; the flags win over it
    for i in range(2):
        (tmp_path / f"a{i}.csv").write_text("收件人\n王小明\n", encoding="utf-8")
    cfg = tmp_path / "waybill.toml"
    cfg.write_text('[executor]\nkind = "dask"\nscheduler = "tcp://127.0.0.1:9"\nworkers = 2\n', encoding="utf-8")
    args = [sys.executable, "-m", "waybill", "mask", str(tmp_path / "a0.csv"), str(tmp_path / "a1.csv"),
            "--config", str(cfg)]
    p = subprocess.run(args + ["-o", str(tmp_path / "o")], capture_output=True, timeout=120)
    assert p.returncode == 5 and b"cannot reach the Dask scheduler" in p.stderr
    p = subprocess.run(args + ["-o", str(tmp_path / "o2"), "--executor", "local", "-q"], capture_output=True, timeout=120)
    assert p.returncode == 0 and (tmp_path / "o2" / "a0.csv").read_text(encoding="utf-8") == "收件人\n王**\n"


@pytest.mark.parametrize("table,word", [
    ('kind = "spark"', "executor.kind"),
    ('kind = "local"\nscheduler = "tcp://h:8786"', "executor.scheduler"),
    ('workers = 0', "executor.workers"),
    ('workers = true', "executor.workers"),
    ('threads = 2', "unknown executor setting"),
])
def test_executor_config_errors_exit_9(tmp_path, table, word):
    (tmp_path / "a.csv").write_text("收件人\n王小明\n", encoding="utf-8")
    cfg = tmp_path / "waybill.toml"
    cfg.write_text(f"[executor]\n{table}\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(tmp_path / "a.csv"), "-o", str(tmp_path / "o"),
                        "--config", str(cfg)], capture_output=True, timeout=60)
    assert p.returncode == 9 and word.encode() in p.stderr and not (tmp_path / "o").exists()


def _in_process_cluster():
    from distributed import LocalCluster

    # worker threads in this process: they see this process's files and in-memory filesystem
    return LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None,
                        silence_logs=50)


def test_dask_tasks_carry_no_key_material(tmp_path, monkeypatch):
    # the engine's keys go to each worker once, in the run's worker plugin (the audit value key
    # only, never the master or chain key); the tasks (whole files, pieces of a large file) carry none
    import pickle

    from distributed import Client

    from waybill.audit import AuditKeys
    from waybill.dask_pool import DaskPool
    from waybill.keys import audit_master, vault_master
    from waybill.masking import load_policy
    from waybill.pipeline import Runner, plan

    monkeypatch.setenv("WAYBILL_AUDIT_KEY", "5a" * 32)
    monkeypatch.setenv("WAYBILL_VAULT_KEY", "c3" * 32)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(2):
        write_csv(src / f"p{i}.csv", 40, seed=i)
    write_csv(tmp_path / "big.csv", 3000, seed=9)  # one file: cut into pieces across the workers
    tasks, plugins = [], []
    submit, register = DaskPool.apply_async, Client.register_plugin
    monkeypatch.setattr(DaskPool, "apply_async", lambda self, fn, args=(): (
        tasks.append(pickle.dumps((fn, args))), submit(self, fn, args))[1])
    monkeypatch.setattr(Client, "register_plugin", lambda self, plugin, name=None: (
        plugins.append(pickle.dumps(plugin)), register(self, plugin, name))[1])
    with _in_process_cluster() as cluster:
        for paths, out in (([str(src)], tmp_path / "o1"), ([str(tmp_path / "big.csv")], tmp_path / "o2")):
            runner = Runner(load_policy("print"), out, workers=2, executor="dask", scheduler=cluster.scheduler_address)
            try:
                results = list(runner.run(list(plan(paths, out, runner.engine))))
            finally:
                runner.release()
            assert [r.status for r in results] == ["ok"] * len(results) and results
    master, vault = audit_master(), vault_master(None)
    keys = AuditKeys(master)
    assert len(plugins) == 2 and len(tasks) >= 4  # two files, and the large file's pieces
    for blob in tasks:
        for secret in (master, keys.value_key, keys.chain_key, vault):
            assert secret not in blob
    for blob in plugins:
        assert keys.value_key in blob and vault in blob
        assert master not in blob and keys.chain_key not in blob
    worker_keys = pickle.loads(pickle.dumps(keys))
    assert worker_keys.value_mac("x") == keys.value_mac("x") and worker_keys.chain_key is None
    with pytest.raises(RuntimeError):
        worker_keys.line_mac(b"a line")


def _same_audit(a_path, b_lines):
    a = _audit(a_path)
    for x, y in zip(a, b_lines):
        for r in (x, y):
            r["input"].pop("path"), r["output"].pop("rel", None)
            r["output"]["path"] = None if r["output"]["path"] is None else "-"
    assert a == b_lines and len(a) == len(b_lines)


def test_outputs_to_a_file_url_are_the_same_and_resume(tmp_path):
    # -o file://...: outputs written through fsspec; the same bytes and audit records as a plain
    # path, and a second run finds them done (a plain path and its file:// URL resume each other)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        write_csv(src / f"p{i}.csv", 60, seed=i)
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    runs = []
    for target in (str(tmp_path / "plain"), (tmp_path / "url").as_uri()):
        given = str(src) if target.startswith("/") else src.as_uri()  # a file:// input is read as its path
        p = subprocess.run([sys.executable, "-m", "waybill", "mask", given, "-o", target, "-q", "--workers", "1"],
                           capture_output=True, timeout=120)
        assert p.returncode == 6, p.stderr.decode()
        runs.append(tmp_path / target.rsplit("/", 1)[-1])
    for f in sorted((runs[0] / "in").iterdir()):
        assert (runs[1] / "in" / f.name).read_bytes() == f.read_bytes(), f.name
    assert not (runs[1] / "in" / "broken.json").exists() and len(list((runs[1] / "in").iterdir())) == 3
    _same_audit(runs[1] / "audit.jsonl", _audit(runs[0] / "audit.jsonl"))
    rec = json.loads((runs[1] / "audit.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert rec["output"]["path"].startswith("file://") and rec["output"]["rel"] == "in/p0.csv"
    stale = runs[1] / "in" / ".p0.csv.0123abcd.waybill-tmp"  # left by a killed run
    stale.write_bytes(b"half")
    again = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(runs[1]), "--workers", "1"],
                           capture_output=True, timeout=120)
    assert again.returncode == 6 and b"skipped" in again.stderr and not stale.exists()
    assert len(_audit(runs[1] / "audit.jsonl")) == 4  # nothing new: the broken file's line is there already


def test_an_object_store_url_needs_a_local_audit_log(tmp_path):
    (tmp_path / "a.csv").write_text("收件人\n王小明\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(tmp_path / "a.csv"), "-o", "memory://wb/out"],
                       capture_output=True, timeout=60)
    assert p.returncode == 2 and b"--audit" in p.stderr and b"Traceback" not in p.stderr


def test_dask_workers_write_outputs_to_a_url(tmp_path):
    # an object-store-like place (fsspec memory://, seen by the in-process workers): each worker
    # writes its file's temp object there, the client moves it into place after the audit line,
    # in input order; same outputs and audit records as one local process; a rerun resumes
    import uuid

    import fsspec

    from waybill.masking import load_policy
    from waybill.pipeline import Runner, plan

    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        write_csv(src / f"p{i}.csv", 60, seed=i)
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    base = Runner(load_policy("share"), tmp_path / "base", workers=1)
    try:
        want = [r.status for r in base.run(list(plan([str(src)], base.outdir, base.engine)))]
    finally:
        base.release()
    url = f"memory://wb-{uuid.uuid4().hex[:8]}/masked"
    fs = fsspec.filesystem("memory")
    audit = tmp_path / "audit.jsonl"

    def run():
        r = Runner(load_policy("share"), url, audit, workers=2, executor="dask", scheduler=cluster.scheduler_address)
        try:
            return [x.status for x in r.run(list(plan([str(src)], r.outdir, r.engine)))]
        finally:
            r.release()

    with _in_process_cluster() as cluster:
        assert run() == want == ["failed", "ok", "ok", "ok", "ok"]
        root = url.split("://", 1)[1]
        for f in sorted((tmp_path / "base" / "in").iterdir()):
            assert fs.cat_file(f"/{root}/in/{f.name}") == f.read_bytes(), f.name
        assert sorted(p.rsplit("/", 1)[-1] for p in fs.ls(f"/{root}/in", detail=False)) == \
            ["p0.csv", "p1.csv", "p2.csv", "p3.csv"]  # no temp object left, nothing for the broken file
        _same_audit(audit, _audit(tmp_path / "base" / "audit.jsonl"))
        shown = json.loads(audit.read_text(encoding="utf-8").splitlines()[1])["output"]
        assert shown["path"] == fs.unstrip_protocol(f"/{root}/in/p0.csv") == shown["rel"]  # its URL
        fs.pipe_file(f"/{root}/in/.p1.csv.0123abcd.waybill-tmp", b"half")  # left by a killed run
        assert run() == ["failed", "skipped", "skipped", "skipped", "skipped"]
        assert len(_audit(audit)) == 5 and not fs.exists(f"/{root}/in/.p1.csv.0123abcd.waybill-tmp")


def test_inputs_named_by_url_are_read_by_the_workers(tmp_path):
    # inputs in a store (fsspec memory://) are read through fsspec by the workers that mask them:
    # the same outputs and audit records as the same files masked from a folder; a rerun resumes
    import uuid

    import fsspec

    from waybill.masking import load_policy
    from waybill.pipeline import Runner, plan

    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        write_csv(src / f"p{i}.csv", 60, seed=i)
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    fs = fsspec.filesystem("memory")
    root = f"/wb-{uuid.uuid4().hex[:8]}/in"
    for f in src.iterdir():
        fs.pipe_file(f"{root}/{f.name}", f.read_bytes())
    fs.pipe_file(f"{root}/.p0.csv.0123abcd.waybill-tmp", b"a temp name: never an input")

    def run(paths, out, **kw):
        r = Runner(load_policy("share"), out, workers=kw.pop("workers", 1), **kw)
        try:
            return [(x.display, x.status) for x in r.run(list(plan(paths, r.outdir, r.engine)))]
        finally:
            r.release()

    run([str(src)], tmp_path / "base")
    with _in_process_cluster() as cluster:
        got = run(["memory:/" + root], tmp_path / "url", workers=2, executor="dask", scheduler=cluster.scheduler_address)
        assert [s for _, s in got] == ["failed", "ok", "ok", "ok"]
        assert got[1][0] == fs.unstrip_protocol(f"{root}/p0.csv")  # named by its URL
        for f in sorted((tmp_path / "base" / "in").iterdir()):
            assert (tmp_path / "url" / "in" / f.name).read_bytes() == f.read_bytes(), f.name
        assert len(list((tmp_path / "url" / "in").iterdir())) == 3
        _same_audit(tmp_path / "url" / "audit.jsonl", _audit(tmp_path / "base" / "audit.jsonl"))
        again = run(["memory:/" + root], tmp_path / "url", workers=2, executor="dask",
                    scheduler=cluster.scheduler_address)
        assert [s for _, s in again] == ["failed", "skipped", "skipped", "skipped"]


def test_a_missing_input_url_is_exit_4(tmp_path):
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", "memory://nothing/here", "-o", str(tmp_path / "o")],
                       capture_output=True, timeout=60)
    assert p.returncode == 4 and b"no such file or folder" in p.stderr and b"Traceback" not in p.stderr


def test_each_worker_thread_masks_with_its_own_engine():
    # a Dask worker with several threads: each task set one module-wide engine before running, so
    # a thread could mask with another thread's engine, whose vault connection (sqlite) refuses
    # another thread ('SQLite objects created in a thread can only be used in that same thread':
    # test_dask_tasks_carry_no_key_material failed so under load, print preset, 2 threads)
    import threading

    from waybill import dask_pool
    from waybill.formats import pieces

    dask_pool._SPECS["tok"] = (object, ())  # an engine stand-in per thread
    both_set = threading.Barrier(2)
    got: dict[int, tuple] = {}

    def task():
        both_set.wait(timeout=10)  # both threads have set their engine before either reads it
        return id(pieces.worker())

    def thread():
        used = dask_pool.run_task("tok", task, ())
        got[threading.get_ident()] = (used, id(dask_pool._ENGINES[("tok", threading.get_ident())]))

    try:
        ts = [threading.Thread(target=thread) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(10)
        assert len(got) == 2
        for used, own in got.values():
            assert used == own
        assert pieces.worker() is pieces.WORKER  # this thread: the process's engine, as before
    finally:
        dask_pool._SPECS.pop("tok", None)
        for k in [k for k in dask_pool._ENGINES if k[0] == "tok"]:
            dask_pool._ENGINES.pop(k)


def test_a_killed_workers_local_temp_files_are_removed_by_the_next(tmp_path, monkeypatch):
    # outputs to shared storage are masked into a local temp file first, in a spool folder of the
    # masking process's own; a worker killed mid-file (kill -9) leaves its folder, and the next
    # process that masks to shared storage removes the temp files of folders whose process is
    # gone, never a live one's or a file that is not a waybill temp file
    import tempfile
    import uuid

    from waybill import storage
    from waybill.masking import load_policy
    from waybill.pipeline import Runner, plan

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "sys-tmp"))
    (tmp_path / "sys-tmp").mkdir()
    monkeypatch.setattr(storage, "_SPOOL", None)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    left = tmp_path / "sys-tmp" / f"waybill-spool-{dead_pid}-abc"
    left.mkdir()
    (left / ".p0.csv.x1y2.waybill-tmp").write_bytes(b"masked, half written")
    live = tmp_path / "sys-tmp" / f"waybill-spool-{os.getppid()}-def"  # a live process's folder
    live.mkdir()
    (live / ".p1.csv.x1y2.waybill-tmp").write_bytes(b"being written")
    other = tmp_path / "sys-tmp" / f"waybill-spool-{dead_pid}-ghi"
    other.mkdir()
    (other / "notes.txt").write_bytes(b"not ours")
    src = tmp_path / "in"
    src.mkdir()
    write_csv(src / "p0.csv", 20, seed=1)
    r = Runner(load_policy("share"), f"memory://wb-{uuid.uuid4().hex[:8]}/masked", tmp_path / "audit.jsonl", workers=1)
    try:
        assert [x.status for x in r.run(list(plan([str(src)], r.outdir, r.engine)))] == ["ok"]
    finally:
        r.release()
    assert not left.exists()
    assert (live / ".p1.csv.x1y2.waybill-tmp").exists()
    assert (other / "notes.txt").exists()
    mine = storage.local_spool()
    assert mine.parent == tmp_path / "sys-tmp" and not list(mine.iterdir())  # its temp file went to the store
