"""End to end through the CLI: CliRunner and real subprocesses, exact exit codes and messages."""
import csv
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from waybill.cli import app
from waybill.generators.records import write_csv

runner = CliRunner()


def run(*args, input=None, env=None, timeout=120, cwd=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "waybill", *args], input=input, capture_output=True,
                          env=e, timeout=timeout, cwd=cwd)


def test_mask_csv_end_to_end(tmp_path):
    src = tmp_path / "orders.csv"
    truths = write_csv(src, 50, seed=11)
    out = tmp_path / "out"
    r = run("mask", str(src), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout == b""
    masked = (out / "orders.csv").read_text("utf-8")
    for t in truths:
        for p in t["phones"]:
            assert p not in masked
        for n in t["names"]:
            assert n not in masked
        for d in t["details"]:
            assert d not in masked
        for k in t["keep"]:
            assert k in masked  # order ids and tracking numbers survive share
    # audit: one record, no plaintext
    audit = (out / "audit.jsonl").read_text("utf-8")
    assert len(audit.splitlines()) == 1
    for t in truths:
        for p in t["phones"] + t["names"]:
            assert p not in audit
    rec = json.loads(audit)
    assert rec["status"] == "ok" and rec["preset"] == "share"
    assert rec["input"]["sha256"] and rec["output"]["sha256"]
    f = rec["findings"][0]
    assert set(f) >= {"type", "role", "where", "detector", "confidence", "method", "hmac"}
    assert run("audit", "verify", str(out / "audit.jsonl")).returncode == 0
    assert run("verify", str(out / "orders.csv")).returncode == 0
    assert run("verify", str(src)).returncode == 7


def test_existing_output_not_overwritten(tmp_path):
    src = tmp_path / "a.csv"
    write_csv(src, 3)
    out = tmp_path / "o"
    assert runner.invoke(app, ["mask", str(src), "-o", str(out), "-q"]).exit_code == 0
    # the same command again: already done, skipped, no second audit record
    r = runner.invoke(app, ["mask", str(src), "-o", str(out), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["files"]["skipped"] == 1
    assert len((out / "audit.jsonl").read_text().splitlines()) == 1
    # a changed input would overwrite an output waybill did not make from it
    write_csv(src, 4, seed=99)
    r = runner.invoke(app, ["mask", str(src), "-o", str(out), "-q"])
    assert r.exit_code == 5
    assert "output already exists" in r.stderr
    assert runner.invoke(app, ["mask", str(src), "-o", str(out), "-q", "--force"]).exit_code == 0


def test_stdin_to_stdout(tmp_path):
    data = "收件人：王小明 电话：13812345678\n".encode()
    r = run("mask", "-", "--format", "txt", "--audit", str(tmp_path / "a.jsonl"), input=data)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == "收件人：王** 电话：*******5678\n"
    assert "13812345678" not in r.stderr.decode()


def test_one_file_to_stdout(tmp_path):
    # '-o -' writes the masked file to standard output, as a Unix tool reads '-' (it made a folder
    # named '-'); its audit record says output '-'; no file is written beside it
    src = tmp_path / "a.csv"
    src.write_text("收件人,电话\n王小明,13812345678\n", encoding="utf-8")
    r = run("mask", str(src), "-o", "-", "--audit", str(tmp_path / "a.jsonl"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == "收件人,电话\n王**,*******5678\n"
    assert not (tmp_path / "-").exists() and not (tmp_path / "masked" / "a.csv").exists()
    rec = json.loads((tmp_path / "a.jsonl").read_text().splitlines()[-1])
    assert rec["output"]["path"] == "-" and rec["status"] == "ok" and rec["format"] == "csv"
    # an unreadable file: nothing on standard output, exit 4
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"garbage")
    r = run("mask", str(bad), "-o", "-", "--audit", str(tmp_path / "a.jsonl"), cwd=tmp_path)
    assert r.returncode == 4 and r.stdout == b""
    # more than one input, a folder, or --json: a usage error
    for args in ([str(src), str(src)], [str(tmp_path)], [str(src), "--json"]):
        r = runner.invoke(app, ["mask", *args, "-o", "-"])
        assert r.exit_code == 2, args


def test_stdin_needs_format():
    r = runner.invoke(app, ["mask", "-"])
    assert r.exit_code == 2
    assert "needs --format" in r.stderr


def test_missing_path_is_input_unreadable(tmp_path):
    r = runner.invoke(app, ["mask", str(tmp_path / "nope.csv")])
    assert r.exit_code == 4  # CLI.md: 4 input unreadable


@pytest.mark.parametrize("name,content,reason", [
    ("empty.json", b"", "empty file"),
    ("junk.csv", bytes(range(256)) * 10, "binary data"),
    ("bad.txt", "好".encode("utf-8")[:2] + b"\xff\xfe\xfa" * 50 + b"abc", "encoding"),
    ("broken.json", b'{"a": [1, 2', "invalid JSON"),
    ("deep.json", b"[" * 5000 + b"]" * 5000, "nested"),
    ("label.png", b"\x89PNG\r\n\x1a\nnot really", "not a readable image"),
    ("x.docx", b"whatever", "unsupported file type"),
])
def test_bad_inputs_fail_closed(tmp_path, name, content, reason):
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(content)
    write_csv(src / "good.csv", 2)
    out = tmp_path / "out"
    r = run("mask", str(src), "-o", str(out))
    assert r.returncode == 6, r.stderr.decode()
    err = r.stderr.decode()
    lines = [ln for ln in err.splitlines() if name in ln]
    assert len(lines) == 1 and reason in lines[0], err
    assert "Traceback" not in err
    assert not (out / "in" / name).exists()
    assert (out / "in" / "good.csv").exists()
    recs = [json.loads(x) for x in (out / "audit.jsonl").read_text().splitlines()]
    bad = [x for x in recs if x["status"] == "failed"]
    assert len(bad) == 1 and reason in bad[0]["reason"]
    assert not list(out.rglob("*.waybill-tmp"))


def test_single_unreadable_file_exit_4(tmp_path):
    p = tmp_path / "x.json"
    p.write_bytes(b"{")
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o")])
    assert r.exit_code == 4


def test_json_summary_on_stdout(tmp_path):
    src = tmp_path / "a.csv"
    write_csv(src, 5)
    r = run("mask", str(src), "-o", str(tmp_path / "o"), "--json")
    assert r.returncode == 0
    s = json.loads(r.stdout)
    assert s["files"] == {"ok": 1, "failed": 0, "skipped": 0}
    assert s["findings"]["phone"] >= 10


def test_detect_prints_masked_forms_only(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("收件人：王小明 电话：13812345678\n", encoding="utf-8")
    r = run("detect", str(src), "--json")
    assert r.returncode == 0
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert {x["type"] for x in rows} == {"name", "phone"}
    assert "13812345678" not in r.stdout.decode() and "王小明" not in r.stdout.decode()
    assert all("hmac" not in x for x in rows)
    assert not (tmp_path / "masked").exists()


def test_print_preset_virtual_numbers_and_reveal(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("收件人,收件人电话,收件地址\n王小明,13812345678,浙江省杭州市西湖区文三路100号\n", encoding="utf-8")
    out = tmp_path / "o"
    r = runner.invoke(app, ["mask", str(src), "-o", str(out), "--preset", "print", "-q"])
    assert r.exit_code == 0, r.stderr
    row = list(csv.reader((out / "a.csv").open(encoding="utf-8")))[1]
    assert row[0] == "王**"
    assert row[2] == "浙江省杭州市西湖区文三路100号"
    token = row[1]
    assert len(token) == 16 and token[11] == "-"
    r = runner.invoke(app, ["vault", "reveal", token, "--vault", str(out / "vault.sqlite")])
    assert r.exit_code == 0 and r.stdout.strip() == "13812345678"
    vault_bytes = (out / "vault.sqlite").read_bytes()
    assert b"13812345678" not in vault_bytes and token.encode() not in vault_bytes
    # export, encrypted by default
    r = runner.invoke(app, ["vault", "export", "--vault", str(out / "vault.sqlite"), "-o", str(tmp_path / "x")])
    assert r.exit_code == 0
    assert b"13812345678" not in (tmp_path / "x").read_bytes()
    from waybill.vault import decrypt_export
    assert b"13812345678" in decrypt_export(tmp_path / "x", ("b" * 64).encode() and bytes.fromhex("b" * 64))


def test_print_preset_without_key_is_usage_error(tmp_path, monkeypatch):
    monkeypatch.delenv("WAYBILL_VAULT_KEY")
    src = tmp_path / "a.csv"
    write_csv(src, 2)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "--preset", "print"])
    assert r.exit_code == 2
    assert "WAYBILL_VAULT_KEY" in r.stderr


def test_config_overrides_and_invalid_config(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("收件人：王小明\n", encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[mask]\nname = "redact"\n')
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "--config", str(cfg), "-q"])
    assert r.exit_code == 0
    assert (tmp_path / "o" / "a.txt").read_text("utf-8") == "收件人：***\n"
    cfg.write_text('[mask]\nname = "blur"\n')
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o2"), "--config", str(cfg)])
    assert r.exit_code == 9
    assert "not an operator" in r.stderr


def test_pyproject_tool_waybill_section(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.waybill]\npreset = "dispose"\n')
    (tmp_path / "a.txt").write_text("运单号SF1234567890123\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["mask", "a.txt", "-q"])
    assert r.exit_code == 0
    assert "SF" not in (tmp_path / "masked" / "a.txt").read_text("utf-8")


def test_samples_command_and_directory_layout(tmp_path):
    r = runner.invoke(app, ["samples", str(tmp_path / "s")])
    assert r.exit_code == 0
    out = tmp_path / "m"
    r = run("mask", str(tmp_path / "s"), "-o", str(out), "-q", "--workers", "2")
    assert r.returncode == 0, r.stderr.decode()
    names = sorted(p.name for p in (out / "s").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "s").iterdir())
    # verify re-reads every picture with both engines at several scales (about 45 CPU-s for the
    # samples): a loaded machine needs more than the default limit
    assert run("verify", str(out / "s"), timeout=600).returncode == 0
    assert run("audit", "verify", str(out / "audit.jsonl")).returncode == 0


def test_outdir_inside_input_is_excluded(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    write_csv(src / "a.csv", 2)
    out = src / "masked"
    assert run("mask", str(src), "-o", str(out), "-q").returncode == 0
    assert run("mask", str(src), "-o", str(out), "-q", "--force").returncode == 0
    assert not (out / "in" / "masked").exists()


def test_internal_error_fails_closed_without_traceback(tmp_path, monkeypatch):
    from waybill.formats import txt

    def boom(src, dst, job, fmt="txt"):
        dst.write(b"half")
        raise ValueError("13812345678 王小明")

    monkeypatch.setattr(txt, "mask", boom)
    (tmp_path / "a.txt").write_text("x\n")
    r = runner.invoke(app, ["mask", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "internal error (ValueError)" in r.stderr
    assert "13812345678" not in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o" / "a.txt").exists()
    assert not list((tmp_path / "o").glob(".*waybill-tmp"))


def test_detect_lists_every_finding_of_a_large_file(tmp_path, monkeypatch):
    """detect spools its records (memory stays flat) and still prints all of them, past the audit
    log's 10,000-entry detail quota, with masked forms only; with workers, the same lines."""
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 8192)
    src = tmp_path / "big.csv"
    truths = write_csv(src, 2500, seed=8)
    expected = sum(len(t["names"]) + len(t["phones"]) + len(t["details"]) for t in truths)
    r = runner.invoke(app, ["detect", str(src), "--json", "--workers", "1"])
    assert r.exit_code == 0, r.stderr
    r2 = runner.invoke(app, ["detect", str(src), "--json", "--workers", "2"])
    assert r2.exit_code == 0 and r2.stdout == r.stdout
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == expected > 10000
    assert lines[-1]["where"]["row"] == 2501
    assert not any(p in r.stdout for t in truths[:200] for p in t["phones"])
