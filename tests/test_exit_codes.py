"""Every exit code of CLI.md ("Exit codes") driven through the CLI on generated inputs, from the one
handler (cli._exit_codes -> errors.exit_for); standard error never carries a value from the input."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from waybill import errors
from waybill.cli import app
from waybill.errors import ExitCode
from waybill.generators.records import write_csv

runner = CliRunner()


@pytest.fixture
def export(tmp_path):
    """A generated 20-row export and every personal value in it."""
    src = tmp_path / "orders.csv"
    truths = write_csv(src, 20, seed=23)
    values = [v for t in truths for v in t["names"] + t["phones"] + t["details"]]
    return src, values


def clean(stderr: str, values) -> bool:
    return not any(v in stderr for v in values) and "Traceback" not in stderr


def test_every_waybill_error_maps_to_its_own_code():
    def subclasses(c):
        for s in c.__subclasses__():
            yield s
            yield from subclasses(s)

    import waybill.pipeline  # noqa: F401  (WorkerDied: a subclass with its own message)

    seen = set()
    for cls in [errors.WaybillError, *subclasses(errors.WaybillError)]:
        if cls is errors.Reported:
            e = cls(ExitCode.AUDIT_TAMPERED)
        else:
            try:
                e = cls("a reason")
            except TypeError:  # a subclass that writes its own message
                e = cls()
        code, message = errors.exit_for(e)
        assert code == e.exit_code
        assert message is None if cls is errors.Reported else e.message in message
        seen.add(cls.__name__)
    assert {"UsageError", "MissingDependency", "InputError", "OutputError", "ConfigError", "AuditTampered",
            "VaultError", "Interrupted", "Reported", "WorkerDied"} <= seen
    assert errors.exit_for(KeyboardInterrupt())[0] == 130
    assert errors.exit_for(ModuleNotFoundError("x", name="somepkg.sub"))[0] == 3
    assert errors.exit_for(ModuleNotFoundError("x", name="waybill.nothing"))[0] == 1  # our bug, not a missing package
    assert errors.exit_for(PermissionError(13, "Permission denied", "/x/王小明.csv")) == \
        (5, "error: cannot write: Permission denied")
    assert errors.exit_for(ValueError("13812345678"))[0] == 1


def test_0_ok(tmp_path, export):
    src, values = export
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o")])
    assert r.exit_code == 0, r.stderr
    assert clean(r.stderr, values)


def test_1_unexpected_error_shows_its_class_only(tmp_path, export, monkeypatch):
    from waybill import pipeline

    src, values = export

    def boom(*a, **k):
        raise RuntimeError(" ".join(values[:3]))

    monkeypatch.setattr(pipeline, "plan", boom)
    monkeypatch.delenv("WAYBILL_DEBUG", raising=False)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "internal error (RuntimeError)" in r.stderr
    assert clean(r.stderr, values)
    # WAYBILL_DEBUG=1: the exception itself goes on (its traceback is for a developer); the same
    # output folder again: the failed run let go of its lock
    monkeypatch.setenv("WAYBILL_DEBUG", "1")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o")])
    assert isinstance(r.exception, RuntimeError)


def test_2_usage(tmp_path, export):
    src, values = export
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "--executor", "cloud"])
    assert r.exit_code == 2 and "unknown executor" in r.stderr
    r = runner.invoke(app, ["mask", str(src), "--no-such-flag"])  # click's own usage error
    assert r.exit_code == 2


def test_3_missing_dependency(tmp_path, export, monkeypatch):
    src, values = export
    # a package the command imports is not installed (blocked here): 3, its name, no value
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "--executor", "dask"])
    assert r.exit_code == 3, r.stderr
    assert "pip install" in r.stderr and clean(r.stderr, values)
    # an ImportError nobody turned into MissingDependency is still 3
    from waybill import pipeline

    def missing(*a, **k):
        raise ModuleNotFoundError("No module named 'somepkg'", name="somepkg")

    monkeypatch.setattr(pipeline, "plan", missing)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o2")])
    assert r.exit_code == 3 and "'somepkg' is not installed" in r.stderr


def test_4_input_unreadable(tmp_path, export):
    src, values = export
    bad = tmp_path / "junk.csv"
    bad.write_bytes(bytes(range(256)) * 10)
    r = runner.invoke(app, ["mask", str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code == 4 and not (tmp_path / "o" / "junk.csv").exists()
    r = runner.invoke(app, ["detect", str(tmp_path / "nope.csv")])
    assert r.exit_code == 4


def test_5_output_not_writable(tmp_path, export, monkeypatch):
    src, values = export
    out = tmp_path / "o"
    out.mkdir()
    (out / "orders.csv").write_text("not ours\n")
    r = runner.invoke(app, ["mask", str(src), "-o", str(out)])
    assert r.exit_code == 5 and (out / "orders.csv").read_text() == "not ours\n"
    assert clean(r.stderr, values)
    # an OSError no layer turned into OutputError (here: the output folder cannot be made): 5,
    # the system's reason, never the file name (names can be personal)
    from waybill import pipeline

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / f"{values[0]}.csv"))

    monkeypatch.setattr(pipeline.Runner, "__init__", denied)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o2")])
    assert r.exit_code == 5
    assert "Permission denied" in r.stderr and clean(r.stderr, values)


def test_6_some_failed(tmp_path, export):
    src, values = export
    bad = tmp_path / "junk.csv"
    bad.write_bytes(bytes(range(256)) * 10)
    r = runner.invoke(app, ["mask", str(src), str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code == 6
    assert (tmp_path / "o" / "orders.csv").is_file() and not (tmp_path / "o" / "junk.csv").exists()
    assert clean(r.stderr, values)


def test_7_still_readable(tmp_path, export):
    src, values = export
    r = runner.invoke(app, ["verify", str(src)])
    assert r.exit_code == 7
    assert "still readable" in r.stderr and clean(r.stderr, values)


def test_8_audit_tampered_and_9_key(tmp_path, export, monkeypatch):
    src, values = export
    out = tmp_path / "o"
    assert runner.invoke(app, ["mask", str(src), "-o", str(out), "-q"]).exit_code == 0
    log = out / "audit.jsonl"
    assert runner.invoke(app, ["audit", "verify", str(log)]).exit_code == 0
    with monkeypatch.context() as m:  # an intact log checked with another key: 9 (key), not 8
        m.setenv("WAYBILL_AUDIT_KEY", "2" * 64)
        assert runner.invoke(app, ["audit", "verify", str(log)]).exit_code == 9
    rec = json.loads(log.read_text())
    rec["findings_total"] += 1
    log.write_text(json.dumps(rec) + "\n")
    r = runner.invoke(app, ["audit", "verify", str(log)])
    assert r.exit_code == 8 and clean(r.stderr, values)


def test_9_invalid_config(tmp_path, export):
    src, values = export
    cfg = tmp_path / "c.toml"
    cfg.write_text('[mask]\nphone = "blur"\n')
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "--config", str(cfg)])
    assert r.exit_code == 9 and clean(r.stderr, values)


def test_130_interrupted(tmp_path, export, monkeypatch):
    from waybill import pipeline

    src, values = export

    def stop(self, items):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(pipeline.Runner, "run", stop)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o")])
    assert r.exit_code == 130
    assert "interrupted; run the same command again" in r.stderr and clean(r.stderr, values)
    # outside mask's own clean-up (here: while reading the config) it is 130 as well
    from waybill import masking

    def ctrl_c(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(masking, "load_policy", ctrl_c)
    r = runner.invoke(app, ["detect", str(src)])
    assert r.exit_code == 130 and "interrupted" in r.stderr


def test_codes_through_the_program(tmp_path, export):
    """The installed entry point gives the same codes as CliRunner (no second handler in main)."""
    src, values = export
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "waybill", *args], capture_output=True, env=env, timeout=120)

    r = run("verify", str(src))
    assert r.returncode == 7 and clean(r.stderr.decode(), values)
    r = run("mask", "-")
    assert r.returncode == 2 and b"needs --format" in r.stderr
    r = run("mask", str(tmp_path / "nope.csv"))
    assert r.returncode == 4


def test_cli_decides_no_exit_code_itself():
    """Commands raise; only the handler (and --version's exit 0) turn that into an exit."""
    src = (Path(__file__).resolve().parent.parent / "waybill" / "cli.py").read_text(encoding="utf-8")
    assert re.findall(r"typer\.Exit\(([^)]*\)?)\)", src) == ["int(code)", "0"]
    assert "sys.exit(" not in src and "_fail(" not in src
