"""k-anonymous releases and differentially private counts (issue 15)."""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest

pd = pytest.importorskip("pandas")
pycanon = pytest.importorskip("pycanon")
pytest.importorskip("opendp")

from pycanon import anonymity  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from waybill.cli import app  # noqa: E402
from waybill.errors import ConfigError, UsageError  # noqa: E402
from waybill.release import counts, release  # noqa: E402
from waybill.release import hierarchies as H  # noqa: E402
from waybill.release import synth  # noqa: E402
from waybill.release.dpcounts import accuracy, mechanism  # noqa: E402
from waybill.release.kanon import Search  # noqa: E402

GOODS = "商品类别"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    d = tmp_path_factory.mktemp("rel")
    truth = synth.Truth()
    p = synth.write(d / "orders.csv", 12000, seed=11, truth=truth)
    return p, truth


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _qi(df: pd.DataFrame, sensitive: str | None = None) -> list[str]:
    return [c for c in df.columns if c != sensitive]


@pytest.mark.parametrize("k,l", [(2, None), (5, None), (10, 2), (5, 3)])
def test_pycanon_confirms_k_and_l(export, tmp_path, k, l):
    src, _ = export
    res = release([str(src)], tmp_path / "out.csv", k=k, l=l, sensitive=GOODS if l else None, seed=3)
    rep = res.report
    df = _read(res.output)
    qi = _qi(df, GOODS if l else None)
    assert len(df) == rep["released"] == rep["records"] - rep["suppressed"]
    assert rep["suppressed"] <= 0.05 * rep["records"]
    assert anonymity.k_anonymity(df, qi) >= k
    assert rep["k"]["achieved"] == anonymity.k_anonymity(df, qi)
    if l:
        assert anonymity.l_diversity(df, qi, [GOODS]) >= l
        assert rep["l"]["achieved"] == anonymity.l_diversity(df, qi, [GOODS])
    # every attribute sits on one level of its hierarchy, reported per attribute
    assert {a["column"] for a in rep["attributes"]} >= {"收件地址", "下单时间"}


def test_check_option_runs_pycanon(export, tmp_path):
    src, _ = export
    res = release([str(src)], tmp_path / "o.csv", k=5, l=2, sensitive=GOODS, check=True, seed=1)
    assert res.report["check"]["k"] >= 5 and res.report["check"]["l"] >= 2
    assert res.report["check"]["records"] == res.report["released"]


def test_no_direct_identifier_survives(export, tmp_path):
    """No name, phone, address detail, order or tracking number of the input is in any cell, and the
    text leak scorer of ``waybill verify`` finds nothing but official division names."""
    src, truth = export
    res = release([str(src)], tmp_path / "o.csv", k=5, seed=2)
    dropped = {c["column"]: c["reason"] for c in res.report["columns"] if c["role"] == "drop"}
    assert set(dropped) == {"订单号", "运单号", "收件人", "收件人电话", "备注"}
    cells = set()
    with open(res.output, encoding="utf-8") as fh:
        for row in csv.reader(fh):
            cells.update(row)
    text = "\n".join(cells)
    secrets_ = truth.names | truth.phones | truth.details | truth.ids
    assert not [s for s in secrets_ if s in text]
    assert not [c for c in cells if any(s in c for s in truth.phones)]
    # the leak scorer over every released value
    from waybill.detect import detect_text
    from waybill.engine import is_leak, shape
    from waybill.resources import divisions

    names = {d.name for d in divisions().by_code.values()}
    leaks = []
    for c in cells:
        for f in detect_text(c):
            rec = {"type": f.type.value, "detector": f.detector, "shape": shape(f.text)}
            if is_leak(rec):
                leaks.append(f.text)
    # known false positive of the shared detectors, not a leak: OpenCC reads 乾 as 干, so the
    # official counties 乾县/乾安县 are taken for an address detail
    assert [x for x in leaks if x not in names] == []


@pytest.mark.parametrize("ext", ["tsv", "jsonl", "json", "xlsx"])
def test_every_export_format(tmp_path, ext):
    truth = synth.Truth()
    src = synth.write(tmp_path / f"orders.{ext}", 1500, seed=5, truth=truth)
    res = release([str(src)], tmp_path / "out" / "r.csv", k=5, seed=1)
    df = _read(res.output)
    assert anonymity.k_anonymity(df, list(df.columns)) >= 5
    kinds = {c["column"]: c.get("kind") for c in res.report["columns"] if c["role"] == "qi"}
    assert "region" in kinds.values() and "time" in kinds.values()
    blob = res.output.read_text("utf-8")
    assert not [s for s in truth.names | truth.phones | truth.details | truth.ids if s in blob]


def test_several_inputs_and_output_formats(export, tmp_path):
    src, _ = export
    part = tmp_path / "part.csv"
    with open(src, encoding="utf-8") as fh, open(part, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i <= 3000:
                out.write(line)
    for ext in ("jsonl", "json", "xlsx", "tsv"):
        res = release([str(src), str(part)], tmp_path / f"two.{ext}", k=4, seed=1)
        assert res.report["records"] == 12000 + 3000
        assert res.output.suffix == f".{ext}"


def test_search_returns_a_least_generalisation(export):
    """Every node one level finer in one attribute than the chosen node fails k or the limit."""
    src, _ = export
    from itertools import islice

    from waybill.release.api import _encode_all
    from waybill.release.columns import build_hierarchy, classify
    from waybill.release.config import ReleaseConfig
    from waybill.release.reader import Source

    rc = ReleaseConfig()
    s = Source([str(src)]).open()
    rows = s.rows()
    sample = list(islice(rows, 1000))
    plans = [c for c in classify(s.columns, sample, rc) if c.role == "qi"]
    for c in plans:
        c.hier = build_hierarchy(c, rc, [r[c.index] for r in sample])
    codes, n = _encode_all(s, sample, rows, plans)
    search = Search([c.hier for c in plans], codes, None, 1, 5, None, int(0.05 * n))
    best = search.run(np.random.default_rng(0))
    assert best.ok
    for i in range(len(best.node)):
        if best.node[i]:
            below = list(best.node)
            below[i] -= 1
            assert not search.evaluate(tuple(below)).ok
    # the brute force agrees on what satisfies (a sample of nodes)
    rng = np.random.default_rng(1)
    for _ in range(40):
        v = tuple(int(rng.integers(h)) for h in search.heights)
        fresh = Search([c.hier for c in plans], codes, None, 1, 5, None, int(0.05 * n))
        r = fresh.evaluate(v)
        groups = [c.hier.level_map(v[i])[0][codes[i]] for i, c in enumerate(plans)]
        df = pd.DataFrame({str(i): g for i, g in enumerate(groups)})
        sizes = df.groupby(list(df.columns)).size()
        assert r.suppressed == int(sizes[sizes < 5].sum())


def test_refinement_keeps_busy_districts(tmp_path):
    """At city level busy districts are published on their own; k and l still hold."""
    src = synth.write(tmp_path / "o.csv", 8000, seed=3)
    res = release([str(src)], tmp_path / "r.csv", k=5, l=2, sensitive=GOODS, seed=1)
    region = next(a for a in res.report["attributes"] if a["kind"] == "region")
    df = _read(res.output)
    qi = _qi(df, GOODS)
    assert anonymity.k_anonymity(df, qi) >= 5 and anonymity.l_diversity(df, qi, [GOODS]) >= 2
    if region["level"] != "district":
        assert region.get("refined")
    assert res.report["district_share"]["收件地址"] > 0.3
    codes = df["收件地址_code"]
    assert (codes.str.len() >= 6).any()  # district codes (6 digits) next to city codes


def test_hierarchies_nest():
    t = H.TimeHierarchy()
    leaf = t.encode("2026-11-29 21:14")
    labels = [t.leaf_label(leaf, j)[0] for j in range(len(t.levels))]
    assert labels == ["2026-11-29T21", "2026-11-29", "2026-11-22/2026-11-30", "2026-11", "2026-Q4", "2026", "*"]
    assert t.leaf_label(t.encode("2026/02/08"), 2) == ("2026-02-08/2026-02-14",)
    r = H.RegionHierarchy()
    leaf = r.encode("浙江省杭州市西湖区文三路1号")
    assert [r.leaf_label(leaf, j) for j in range(5)] == [
        ("浙江省杭州市西湖区", "330106"), ("浙江省杭州市", "330100"), ("浙江省", "330000"), ("中国", "CN"), ("*", "*")]
    us = r.encode("1600 Main St, Springfield, IL 62704")
    assert [r.leaf_label(us, j)[1] for j in range(4)] == ["62704", "627", "IL", "US"]
    dg = r.encode("广东省东莞市南城街道体育路2号")
    assert r.leaf_label(dg, 0) == ("广东省东莞市南城街道", "441900004") and r.leaf_finest(dg)
    n = H.NumberHierarchy(H.WEIGHT_BINS)
    x = n.encode("2.4")
    assert [n.leaf_label(x, j)[0] for j in range(5)] == ["2.4", "[2,3)", "[1,3)", "[0,5)", "*"]
    assert n.encode("13912345678") == H.MISSING and n.withheld == 1  # a phone typed as a weight
    c = H.CategoryHierarchy()
    assert c.encode("电话13912345678") == H.MISSING and c.encode("服装") != H.MISSING
    with pytest.raises(ConfigError):
        H.check_bins([[0, 1, 5], [0, 2]], "x")


def test_config_and_exit_codes(export, tmp_path):
    src, _ = export
    r = CliRunner()
    bad = tmp_path / "bad.toml"
    bad.write_text('[release]\nmax_suppression = 2\n', encoding="utf-8")
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--config", str(bad)])
    assert res.exit_code == 9
    bad.write_text('[release.hierarchies."重量kg"]\nkind = "number"\nbins = [[0, 1, 5], [0, 2]]\n', encoding="utf-8")
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--config", str(bad)])
    assert res.exit_code == 9
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--l-diversity", "2"])
    assert res.exit_code == 2
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--sensitive", "nope"])
    assert res.exit_code == 2
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--sensitive", "收件人电话"])
    assert res.exit_code == 2 and "direct identifiers" in res.output
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02binary")
    res = r.invoke(app, ["release", str(junk), "-o", str(tmp_path / "b.csv"), "--k", "5"])
    assert res.exit_code == 4
    good = tmp_path / "cfg.toml"
    good.write_text('[release]\nmax_suppression = 0.02\n[release.columns]\n"声明价值" = "drop"\n'
                    '[release.hierarchies.time]\nlevels = ["day", "month"]\n', encoding="utf-8")
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "c.csv"), "--k", "5", "--config", str(good),
                         "--json"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.stdout)
    assert rep["suppressed_share"] <= 0.02
    t = next(a for a in rep["attributes"] if a["kind"] == "time")
    assert t["levels"] == ["day", "month", "*"]
    assert "声明价值" not in _read(tmp_path / "c.csv").columns
    res = r.invoke(app, ["release", str(src), "-o", str(tmp_path / "c.csv"), "--k", "5"])
    assert res.exit_code == 5  # exists


def test_missing_dependency_exits_3(export, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pycanon", None)
    src, _ = export
    res = CliRunner().invoke(app, ["release", str(src), "-o", str(tmp_path / "a.csv"), "--k", "5", "--check"])
    assert res.exit_code == 3 and "pycanon" in res.output
    monkeypatch.setitem(sys.modules, "opendp", None)
    monkeypatch.setitem(sys.modules, "opendp.prelude", None)
    res = CliRunner().invoke(app, ["counts", str(src), "--by", "district,day", "--epsilon", "1",
                                   "--area", "杭州市", "--ledger", str(tmp_path / "l.jsonl")])
    assert res.exit_code == 3 and "OpenDP" in res.output


def test_audit_record(export, tmp_path):
    src, truth = export
    res = release([str(src)], tmp_path / "o.csv", k=5, seed=1)
    from waybill.audit import is_tampered, verify

    n, problems = verify(res.audit)
    assert n == 1 and not is_tampered(problems)
    rec = json.loads(res.audit.read_text("utf-8").splitlines()[0])
    assert rec["kind"] == "release" and rec["release"]["k"]["achieved"] >= 5
    assert rec["release"]["discernibility"] > 0 and "district_share" in rec["release"]
    blob = res.audit.read_text("utf-8")
    assert not [s for s in truth.names | truth.phones | truth.details | truth.ids if s in blob]


# --------------------------------------------------------------------------- DP counts


def _dlap_sd(scale: float) -> float:
    p = math.exp(-1 / scale)
    return math.sqrt(2 * p) / (1 - p)


@pytest.mark.parametrize("eps,bound", [(0.5, 1), (1.0, 3)])
def test_dp_error_matches_theoretical_scale(eps, bound):
    """Empirical noise over 1,000 runs of the OpenDP measurement: its standard deviation is the
    discrete Laplace mechanism's within 5%, and the 95% error bound covers at least 95%."""
    n_keys = 40
    meas, scale = mechanism(n_keys, eps, bound)
    assert scale == pytest.approx(bound / eps, rel=1e-6)
    rng = np.random.default_rng(0)
    data = rng.integers(n_keys, size=500).astype(int).tolist()
    truth = np.bincount(data, minlength=n_keys)
    noise = np.array([np.array(meas(data)) - truth for _ in range(1000)], dtype=float)
    assert abs(noise.mean()) < 0.05 * scale
    assert noise.std() == pytest.approx(_dlap_sd(scale), rel=0.05)
    assert np.abs(noise).mean() == pytest.approx(2 * math.exp(-1 / scale) / (1 - math.exp(-2 / scale)), rel=0.05)
    err = accuracy(scale, 0.05)
    assert (np.abs(noise) <= err).mean() >= 0.95


def _export_with_heavy_buyer(tmp_path) -> Path:
    p = tmp_path / "hz.csv"
    rows = [["运单号", "收件人", "收件人电话", "收件地址", "下单时间"]]
    for i in range(60):  # one person, 60 parcels on one day
        rows.append([f"SF{i:012d}", "张伟明", "13912345678", "浙江省杭州市西湖区文三路1号", "2026-11-02 10:00"])
    for i in range(300):
        rows.append([f"SF{10**6 + i:012d}", "李四", f"1380000{i:04d}", "浙江省杭州市上城区解放路2号",
                     f"2026-11-0{1 + i % 3} 12:00"])
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return p


def test_counts_public_keys_bound_and_output(tmp_path):
    src = _export_with_heavy_buyer(tmp_path)
    res = counts([str(src)], ["district", "day"], 1.0, out=tmp_path / "c.json", area=["杭州市"],
                 start="2026-11-01", end="2026-11-05", bound=2, ledger=tmp_path / "ledger.jsonl")
    doc = json.loads((tmp_path / "c.json").read_text("utf-8"))
    from waybill.resources import divisions

    hz = [d for d in divisions().by_code.values() if d.level == 3 and d.code.startswith("3301")]
    assert len(doc["counts"]) == len(hz) * 5 == res.report["groups"]  # empty groups published too
    assert {c["day"] for c in doc["counts"]} == {f"2026-11-0{d}" for d in range(1, 6)}
    assert doc["epsilon"] == 1.0 and doc["bound"] == 2 and doc["error_95"] > 0
    assert res.report["truncated_by_bound"] == 58  # the heavy buyer counts twice at most
    assert res.report["counted"] == 2 + 300
    # the output holds noisy counts only: no exact total, no person key
    text = (tmp_path / "c.json").read_text("utf-8")
    assert "13912345678" not in text and "张伟明" not in text
    cells = {(c["district_code"], c["day"]): c["count"] for c in doc["counts"]}
    assert abs(cells[("330102", "2026-11-01")] - 100) < 40


def test_ledger_refuses_over_budget(tmp_path):
    src = _export_with_heavy_buyer(tmp_path)
    ledger = tmp_path / "ledger.jsonl"
    kw = dict(area=["330100"], start="2026-11-01", end="2026-11-03", ledger=ledger, budget=1.5)
    counts([str(src)], ["district", "day"], 1.0, **kw)
    with pytest.raises(UsageError, match="budget exceeded"):
        counts([str(src)], ["district", "day"], 1.0, **kw)
    counts([str(src)], ["district"], 0.5, **kw)  # what is left can still be spent
    r = CliRunner().invoke(app, ["counts", str(src), "--by", "day", "--epsilon", "0.1", "--from", "2026-11-01",
                                 "--to", "2026-11-03", "--ledger", str(ledger), "--budget", "1.5"])
    assert r.exit_code == 2 and "budget exceeded" in r.output
    recs = [json.loads(x) for x in ledger.read_text("utf-8").splitlines()]
    assert [x["status"] for x in recs] == ["ok", "refused", "ok", "refused"]
    assert sum(x["epsilon"] for x in recs if x["status"] == "ok") == 1.5
    assert {x["dataset"] for x in recs} == {recs[0]["dataset"]}
    # the same records in another format and order are the same data set
    rows = list(csv.reader(open(src, encoding="utf-8")))
    other = tmp_path / "same.tsv"
    with open(other, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows([rows[0]] + rows[1:][::-1])
    with pytest.raises(UsageError, match="budget exceeded"):
        counts([str(other)], ["district"], 0.2, **kw)
    # a tampered ledger refuses everything (exit 8)
    lines = ledger.read_text("utf-8").splitlines()
    ledger.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["counts", str(src), "--by", "day", "--epsilon", "0.1", "--from", "2026-11-01",
                                 "--to", "2026-11-03", "--ledger", str(ledger)])
    assert r.exit_code == 8


def test_counts_cli_stdout_and_categorical_domain(tmp_path):
    src = synth.write(tmp_path / "o.csv", 600, seed=2)
    r = CliRunner()
    res = r.invoke(app, ["counts", str(src), "--by", "province", "--epsilon", "1", "--ledger",
                         str(tmp_path / "l.jsonl"), "-q"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0] == "province_code,province,count,error_95" and len(lines) == 1 + 35
    res = r.invoke(app, ["counts", str(src), "--by", "province," + GOODS, "--epsilon", "1"])
    assert res.exit_code == 2 and "public value set" in res.output
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[counts.domains]\n"{GOODS}" = ["服装", "食品", "数码"]\n', encoding="utf-8")
    res = r.invoke(app, ["counts", str(src), "--by", GOODS, "--epsilon", "1", "--config", str(cfg), "--json",
                         "--ledger", str(tmp_path / "l.jsonl"), "-q"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [c[GOODS] for c in doc["counts"]] == ["服装", "食品", "数码"]
