"""--executor dask: the same outputs and audit log as local workers (a LocalCluster of 2)."""
import json
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
    for name, extra in (("local", ["--workers", "1"]), ("dask", ["--executor", "dask", "--workers", "2"])):
        out = tmp_path / name
        p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", *extra],
                           capture_output=True, timeout=300)
        assert p.returncode == 6, p.stderr.decode()  # the broken file fails closed in both
        runs[name] = out
    for f in sorted((runs["local"] / "in").iterdir()):
        assert (runs["dask"] / "in" / f.name).read_bytes() == f.read_bytes(), f.name
    a, b = _audit(runs["local"] / "audit.jsonl"), _audit(runs["dask"] / "audit.jsonl")
    for x, y in zip(a, b):
        x["output"].pop("rel", None), y["output"].pop("rel", None)
        x["output"]["path"] = y["output"]["path"] = None if x["output"]["path"] is None else "-"
    assert a == b
    v = subprocess.run([sys.executable, "-m", "waybill", "audit", "verify", str(runs["dask"] / "audit.jsonl")],
                       capture_output=True)
    assert v.returncode == 0, v.stderr.decode()


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
