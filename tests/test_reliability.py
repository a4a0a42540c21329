"""Batches a depot can leave running (issue 12): one test per failure that was seen."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from waybill.cli import app

runner = CliRunner()
ROW = "收件人,电话\n王小明,13812345678\n"


def mask(*args):
    return runner.invoke(app, ["mask", *map(str, args)])


def audit(out: Path):
    return [json.loads(x) for x in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def tree(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.csv").write_text(ROW, encoding="utf-8")
    (src / "sub" / "b.csv").write_text(ROW, encoding="utf-8")
    return src


def test_fifo_symlink_loop_and_symlinked_folder_are_audited_not_hung(tmp_path):
    src = tree(tmp_path)
    os.mkfifo(src / "pipe.csv")
    os.symlink("loop2", src / "loop1")
    os.symlink("loop1", src / "loop2")
    os.symlink("sub", src / "linked")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(tmp_path / "out"), "-q"],
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    recs = {Path(r["input"]["path"]).name: r for r in audit(tmp_path / "out")}
    assert recs["a.csv"]["status"] == recs["b.csv"]["status"] == "ok"
    for name, why in (("pipe.csv", "FIFO"), ("loop1", "loop"), ("loop2", "loop"), ("linked", "symlinked folder")):
        assert recs[name]["status"] == "skipped" and why in recs[name]["reason"], name
    assert b"Traceback" not in p.stderr


def test_undecodable_file_name(tmp_path):
    src = tree(tmp_path)
    bad = os.fsdecode(bytes(src / "x") + b"\xffy.csv")
    Path(bad).write_text(ROW, encoding="utf-8")
    r = mask(src, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 0, r.stderr
    recs = audit(tmp_path / "out")
    assert any(r["input"]["path"].endswith("x\\xffy.csv") and r["status"] == "ok" for r in recs)
    assert not list((tmp_path / "out").rglob("*.waybill-tmp"))


def test_os_junk_files_are_left_out(tmp_path):
    src = tree(tmp_path)
    for junk in (".DS_Store", "Thumbs.db", "desktop.ini"):
        (src / junk).write_bytes(b"\x00\x01junk")
    r = mask(src, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 0, r.stderr
    assert {Path(x["input"]["path"]).name for x in audit(tmp_path / "out")} == {"a.csv", "b.csv"}


def test_include_exclude_and_dry_run(tmp_path):
    src = tree(tmp_path)
    (src / "c.txt").write_text("电话 13812345678\n", encoding="utf-8")
    r = mask(src, "-o", tmp_path / "out", "--dry-run", "--exclude", "*.txt")
    assert r.exit_code == 0
    assert "a.csv" in r.stdout and "c.txt" not in r.stdout and not (tmp_path / "out").exists()
    r = mask(src, "-o", tmp_path / "out", "-q", "--include", "*.txt")
    assert r.exit_code == 0
    assert [Path(x["input"]["path"]).name for x in audit(tmp_path / "out")] == ["c.txt"]


def test_empty_folder_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    r = mask(tmp_path / "empty", "-o", tmp_path / "out")
    assert r.exit_code == 0 and "no input files" in r.stderr


def test_missing_path_is_input_unreadable(tmp_path):
    r = mask(tmp_path / "nope.csv", "-o", tmp_path / "out")
    assert r.exit_code == 4 and "no such file" in r.stderr


def test_output_folder_equal_to_input_is_refused(tmp_path):
    src = tree(tmp_path)
    r = mask(src, "-o", src)
    assert r.exit_code == 2 and "output folder is the input folder" in r.stderr
    assert sorted(p.name for p in src.iterdir()) == ["a.csv", "sub"]


def test_single_file_output_name(tmp_path):
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    r = mask(tmp_path / "a.csv", "-o", tmp_path / "res" / "a_masked.csv", "-q")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "res" / "a_masked.csv").is_file()
    assert "13812345678" not in (tmp_path / "res" / "a_masked.csv").read_text(encoding="utf-8")


def test_same_file_names_never_overwrite(tmp_path):
    for d in ("x1", "x2"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "orders.csv").write_text(ROW.replace("王小明", "李雷" if d == "x2" else "王小明"),
                                                 encoding="utf-8")
    r = mask(tmp_path / "x1" / "orders.csv", tmp_path / "x2" / "orders.csv", "-o", tmp_path / "out", "-q",
             "--workers", "2")
    assert r.exit_code == 0, r.stderr
    outs = sorted(p.name for p in (tmp_path / "out").glob("orders*.csv"))
    assert outs == ["orders.csv", "orders~2.csv"]
    texts = {(tmp_path / "out" / o).read_text(encoding="utf-8") for o in outs}
    assert len(texts) == 2 and all(x["status"] == "ok" for x in audit(tmp_path / "out"))


def test_second_run_on_the_same_outdir_is_refused(tmp_path):
    from waybill.masking import load_policy
    from waybill.pipeline import Runner

    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    first = Runner(load_policy("share"), tmp_path / "out")
    try:
        r = mask(tmp_path / "a.csv", "-o", tmp_path / "out")
        assert r.exit_code == 5 and "another waybill run" in r.stderr
    finally:
        first.release()
    assert mask(tmp_path / "a.csv", "-o", tmp_path / "out", "-q").exit_code == 0


def test_input_changed_while_masked_fails_closed(tmp_path, monkeypatch):
    from waybill import pipeline

    src = tmp_path / "a.csv"
    src.write_text(ROW, encoding="utf-8")
    real = pipeline.produce

    def produce(engine, item, *a, **kw):
        got = real(engine, item, *a, **kw)
        time.sleep(0.01)
        item.src.write_text(ROW + "李雷,13912345678\n", encoding="utf-8")  # rewritten meanwhile
        return got

    monkeypatch.setattr(pipeline, "produce", produce)
    r = mask(src, "-o", tmp_path / "out", "-q")
    assert r.exit_code != 0 and "changed while it was being masked" in r.stderr
    assert not (tmp_path / "out" / "a.csv").exists()
    assert audit(tmp_path / "out")[-1]["status"] == "failed"


def test_full_disk_never_leaves_a_torn_audit_line(tmp_path, monkeypatch):
    from waybill import audit as auditmod

    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    (tmp_path / "b.csv").write_text(ROW, encoding="utf-8")
    assert mask(tmp_path / "a.csv", "-o", tmp_path / "out", "-q").exit_code == 0
    before = (tmp_path / "out" / "audit.jsonl").read_bytes()
    real_write = os.write

    def short_write(fd, data):
        if data.endswith(b"\n") and b'"run_id"' in data:
            real_write(fd, data[: len(data) // 2])  # half a line, then the disk is full
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(auditmod.os, "write", short_write)
    r = mask(tmp_path / "b.csv", "-o", tmp_path / "out", "-q")
    assert r.exit_code == 5 and "disk full" in r.stderr
    assert (tmp_path / "out" / "audit.jsonl").read_bytes() == before
    assert not (tmp_path / "out" / "b.csv").exists()
    monkeypatch.setattr(auditmod.os, "write", real_write)
    assert mask(tmp_path / "b.csv", "-o", tmp_path / "out", "-q").exit_code == 0
    assert runner.invoke(app, ["audit", "verify", str(tmp_path / "out" / "audit.jsonl")]).exit_code == 0


def test_audit_verify_tells_a_wrong_key_from_tampering_and_checks_the_head(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    r = mask(tmp_path / "a.csv", "-o", tmp_path / "out")
    assert r.exit_code == 0
    head = [ln.split()[-1] for ln in r.stderr.splitlines() if "audit head" in ln][0]
    log = tmp_path / "out" / "audit.jsonl"
    assert runner.invoke(app, ["audit", "verify", str(log), "--expect-head", head]).exit_code == 0
    monkeypatch.setenv("WAYBILL_AUDIT_KEY", "ab" * 32)
    r = runner.invoke(app, ["audit", "verify", str(log)])
    assert r.exit_code == 9 and "key does not match" in r.stderr and "intact" not in r.stderr.split("key")[0]
    monkeypatch.delenv("WAYBILL_AUDIT_KEY")
    # a rolled-back log (an earlier copy) verifies on its own but not against the anchored head
    saved = log.read_bytes()
    (tmp_path / "b.csv").write_text(ROW, encoding="utf-8")
    r = mask(tmp_path / "b.csv", "-o", tmp_path / "out")
    head2 = [ln.split()[-1] for ln in r.stderr.splitlines() if "audit head" in ln][0]
    log.write_bytes(saved)
    assert runner.invoke(app, ["audit", "verify", str(log), "--expect-head", head2]).exit_code == 8


@pytest.mark.slow
def test_a_killed_worker_fails_its_file_and_the_batch_goes_on(tmp_path):
    from waybill.generators.records import write_csv

    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        write_csv(src / f"p{i:02d}.csv", 3000, seed=i)
    p = subprocess.Popen([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(tmp_path / "out"), "-q",
                          "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = False
    deadline = time.time() + 60
    while time.time() < deadline and not killed:
        try:
            kids = Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()
        except OSError:
            break
        for k in kids:
            try:
                if b"python" in Path(f"/proc/{k}/cmdline").read_bytes():
                    os.kill(int(k), signal.SIGKILL)  # what the out-of-memory killer does
                    killed = True
                    break
            except OSError:
                pass
        time.sleep(0.2)
    assert killed, "no worker to kill"
    p.wait(timeout=300)  # before the fix: waited forever
    assert p.returncode in (0, 6), p.stderr.read().decode()
    recs = audit(tmp_path / "out")
    assert len({r["input"]["path"] for r in recs}) == 12
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(tmp_path / "out"), "-q",
                        "--workers", "2"], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    ok = [r for r in audit(tmp_path / "out") if r["status"] == "ok"]
    assert sorted(Path(r["input"]["path"]).name for r in ok) == [f"p{i:02d}.csv" for i in range(12)]


def test_sigterm_handler_is_put_back_after_a_run(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    assert mask(tmp_path / "a.csv", "-o", tmp_path / "out", "-q").exit_code == 0
    assert signal.getsignal(signal.SIGTERM) == before


def test_help_version_and_no_color(tmp_path):
    r = runner.invoke(app, ["-h"])
    assert r.exit_code == 0 and "Examples" in r.stdout
    assert runner.invoke(app, ["-V"]).stdout.startswith("waybill ")
    r = runner.invoke(app, ["mask", "-h"])
    assert "--dry-run" in r.stdout and "<list" not in r.stdout and "Examples" in r.stdout
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(tmp_path / "a.csv"), "-o",
                        str(tmp_path / "out")], capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 0 and b"\x1b[" not in p.stderr


def test_verbose_lists_files_without_values(tmp_path):
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    r = mask(tmp_path / "a.csv", "-o", tmp_path / "out", "-v")
    assert r.exit_code == 0 and "a.csv: ok, 2 finding(s)" in r.stderr and "13812345678" not in r.stderr


def _xlsx_with(tmp_path, name, rows, dimension=None, extra=None):
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    plain = tmp_path / ("plain_" + name)
    wb.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if dimension and info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]+"', f'<dimension ref="{dimension}"'.encode(), data)
            zout.writestr(info.filename, data)
        for fname, data in (extra or {}).items():
            zout.writestr(fname, data)
    plain.unlink()
    return tmp_path / name


@pytest.mark.parametrize("dimension", ["A1:B2", "A1:XFD1048576"])
def test_xlsx_declared_dimension_is_not_trusted(tmp_path, dimension):
    import openpyxl

    rows = [["收件人", "电话", "地址", "备注"]] + [[f"王小{i}", f"1381234567{i}", "浙江省杭州市西湖区文三路100号", "x"]
                                             for i in range(5)]
    src = _xlsx_with(tmp_path, "a.xlsx", rows, dimension)
    p = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(tmp_path / "o"), "-q"],
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    got = [list(r) for r in openpyxl.load_workbook(tmp_path / "o" / "a.xlsx").active.iter_rows(values_only=True)]
    assert len(got) == 6 and all(len(r) == 4 for r in got)
    assert all(r[1] is not None and r[1].endswith(f"567{i}") and r[1].startswith("*") for i, r in enumerate(got[1:]))


def test_xlsx_zip_bomb_fails_closed(tmp_path, monkeypatch):
    from waybill.formats import xlsx

    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 2 << 20)
    src = _xlsx_with(tmp_path, "bomb.xlsx", [["a"]], extra={"xl/sharedStrings2.xml": b"A" * (8 << 20)})
    r = mask(src, "-o", tmp_path / "o", "-q")
    assert r.exit_code == 4 and "zip bomb" in r.stderr
    assert not (tmp_path / "o" / "bomb.xlsx").exists()


def test_resume_does_not_depend_on_how_paths_were_typed(tmp_path, monkeypatch):
    src = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert mask(src.resolve(), "-o", "out", "-q").exit_code == 0
    r = mask("in", "-o", str((tmp_path / "out").resolve()), "-q")
    assert r.exit_code == 0, r.stderr
    assert [x["status"] for x in audit(tmp_path / "out")] == ["ok", "ok"]


def test_vault_reveal_and_export_are_audited_and_private(tmp_path, monkeypatch):
    import stat

    monkeypatch.setenv("WAYBILL_VAULT_KEY", "cd" * 32)
    (tmp_path / "a.csv").write_text(ROW, encoding="utf-8")
    assert mask(tmp_path / "a.csv", "-o", tmp_path / "out", "--preset", "print", "-q").exit_code == 0
    vault = tmp_path / "out" / "vault.sqlite"
    assert stat.S_IMODE(vault.stat().st_mode) == 0o600
    token = (tmp_path / "out" / "a.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[1]
    r = runner.invoke(app, ["vault", "reveal", token, "--vault", str(vault)])
    assert r.exit_code == 0 and r.stdout.strip() == "13812345678"
    r = runner.invoke(app, ["vault", "export", "--vault", str(vault), "-o", str(tmp_path / "relay.bin")])
    assert r.exit_code == 0
    log = (tmp_path / "out" / "audit.jsonl").read_text(encoding="utf-8")
    kinds = [json.loads(x).get("kind") for x in log.splitlines()]
    assert "vault_reveal" in kinds and "vault_export" in kinds
    assert "13812345678" not in log and token not in log
    assert runner.invoke(app, ["audit", "verify", str(tmp_path / "out" / "audit.jsonl")]).exit_code == 0


def test_samples_never_overwrite(tmp_path):
    d = tmp_path / "s"
    d.mkdir()
    (d / "orders.csv").write_text("mine\n", encoding="utf-8")
    r = runner.invoke(app, ["samples", str(d)])
    assert r.exit_code == 5 and (d / "orders.csv").read_text(encoding="utf-8") == "mine\n"


def test_xlsx_output_lost_after_its_audit_line_is_not_recorded_twice(tmp_path, monkeypatch):
    from waybill import pipeline

    src = Path(__file__).resolve().parent.parent / "samples" / "orders.xlsx"
    real = pipeline.os.replace

    def killed(a, b):  # the process dies between the audit line and the rename
        if str(b).endswith("orders.xlsx"):
            raise KeyboardInterrupt
        return real(a, b)

    monkeypatch.setattr(pipeline.os, "replace", killed)
    r = mask(src, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 130
    assert not (tmp_path / "out" / "orders.xlsx").exists()
    monkeypatch.setattr(pipeline.os, "replace", real)
    time.sleep(1.1)  # a second later: zip and document times would differ if they were not fixed
    assert mask(src, "-o", tmp_path / "out", "-q").exit_code == 0
    recs = [x for x in audit(tmp_path / "out") if x["status"] == "ok"]
    assert len(recs) == 1 and (tmp_path / "out" / "orders.xlsx").is_file()


def test_verify_of_an_output_folder_ignores_waybills_own_files(tmp_path):
    # the run's lock, audit log and head are not inputs: verify of OUTDIR once exited 6 on the lock file
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_text("name,phone\n张伟明,13912345678\n", encoding="utf-8")
    r = runner.invoke(app, ["mask", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / ".waybill.lock").exists()
    r = runner.invoke(app, ["verify", str(tmp_path / "out")])
    assert r.exit_code == 0, r.stderr
    assert "lock" not in r.stderr
