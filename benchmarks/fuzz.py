"""Fuzz every reader/parser (CSV, TSV, JSON, JSONL, TXT, ZPL, XLSX) with hypothesis-generated
inputs: each case must either mask cleanly or fail with a WaybillError (a clear, fail-closed
error); anything else is a crash.

    python -m benchmarks.fuzz [--cases 10000] [--formats csv,json,...] [--seed 0] [--workers 2]

Prints a table of cases, clean results, fail-closed errors, crashes and time per reader.
Crashes found here become regression tests in tests/test_fuzz.py.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings, strategies as st

from waybill.engine import FindingSink
from waybill.errors import WaybillError
from waybill.formats import Job, handler
from waybill.masking import load_policy
from waybill.pipeline import build_engine

FORMATS = ("csv", "tsv", "json", "jsonl", "txt", "zpl", "xlsx")

_cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["13812345678", "收件人：王小明", "浙江省杭州市西湖区文三路100号", "SF1234567890123",
                     "Ship To: John Smith", "0571-88886666转123", "a@b.cn", "\"", ",", "\n", "\r\n",
                     "\x00", "^FD", "^XZ", "_1E", "[)>", "{", "}", "\\u0000"]),
)


def inputs(fmt: str):
    text_join = st.lists(st.lists(_cells, max_size=8), max_size=12)
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        structured = text_join.map(lambda rows: "\n".join(sep.join(r) for r in rows))
    elif fmt == "json":
        js = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _cells,
                          lambda c: st.lists(c, max_size=4) | st.dictionaries(_cells, c, max_size=4), max_leaves=20)
        import json
        structured = js.map(lambda v: json.dumps(v, ensure_ascii=False))
    elif fmt == "jsonl":
        structured = st.lists(st.dictionaries(_cells, _cells, max_size=4), max_size=6).map(
            lambda rows: "\n".join(__import__("json").dumps(r, ensure_ascii=False) for r in rows))
    elif fmt == "zpl":
        cmd = st.sampled_from(["^XA", "^XZ", "^FO10,20", "^FT5,5", "^A0N,30,30", "^FD", "^FV", "^FS",
                               "^FH_", "^FH\\", "^CI28", "^CI27", "^CC!", "~CC^", "^BCN,100", "^BQN,2,5",
                               "^B7N", "^BD3", "^FB300,3,0,L", "\\&", "^GFA,4,4,1,FF00", "^FX c", "^FWB",
                               "SHIP TO:", "收件人", "_E5_BC_A0", "13812345678", "John Smith"])
        body = st.lists(st.one_of(cmd, _cells), max_size=40).map("".join)
        structured = st.one_of(body, body.map(lambda b: "^XA" + b + "^XZ"))
    else:
        structured = text_join.map(lambda rows: "\n".join(" ".join(r) for r in rows))
    raw = st.binary(max_size=300)
    encoded = structured.flatmap(lambda s: st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]).map(
        lambda e: s.encode(e, errors="replace")))
    if fmt == "xlsx":
        return st.one_of(raw, st.builds(_xlsx, text_join))
    return st.one_of(raw, encoded, encoded.map(lambda b: b[: len(b) // 2]))


def _xlsx(rows) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in r])
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception:
        return b"PK\x03\x04broken"
    data = buf.getvalue()
    return data


def run_one(engine, fmt: str, data: bytes, pool=None, out: io.BytesIO | None = None) -> str:
    """Mask one input in memory (with ``pool``: split across its workers, as large files are)."""
    try:
        handler(fmt).mask(io.BufferedReader(io.BytesIO(data)), out if out is not None else io.BytesIO(),
                          Job(engine, FindingSink(), pool), fmt)
        return "ok"
    except WaybillError:
        return "error"


def worker_pool(workers: int, piece_bytes: int = 64):
    """The CLI's pool, with tiny pieces so that small inputs are cut into many."""
    from waybill.formats import pieces
    from waybill.pipeline import worker_pool as pool

    pieces.PIECE_BYTES = piece_bytes
    return pool(workers, load_policy("share"), None, None, b"f" * 32)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1,
                    help="above 1: CSV/TSV/JSONL/TXT inputs are split across this many workers in 64-byte pieces")
    a = ap.parse_args(argv)
    engine = build_engine(load_policy("share"), None, None, b"f" * 32)
    pool = worker_pool(a.workers) if a.workers > 1 else None
    print(f"{'reader':<8}{'cases':>8}{'clean':>8}{'closed':>8}{'crashes':>9}{'seconds':>9}"
          + (f"{'workers':>9}{'differ':>8}" if pool else ""))
    total_crashes = 0
    for fmt in a.formats.split(","):
        stats = {"ok": 0, "error": 0, "crash": 0, "mismatch": 0}
        crashes = []
        split = pool if fmt in ("csv", "tsv", "jsonl", "txt") else None

        @settings(max_examples=a.cases, deadline=None, database=None, derandomize=a.seed == 0,
                  suppress_health_check=list(HealthCheck))
        @given(inputs(fmt))
        def case(data):
            try:
                if split is None:
                    stats[run_one(engine, fmt, data)] += 1
                    return
                a, b = io.BytesIO(), io.BytesIO()
                one, two = run_one(engine, fmt, data, out=a), run_one(engine, fmt, data, split, out=b)
                stats[two] += 1
                # same result as one process (CSV/TSV: stray quotes may move record boundaries);
                # a failed file's partial output is discarded, so only clean outputs are compared
                if (fmt in ("jsonl", "txt") or b'"' not in data) and (
                        one != two or (one == "ok" and a.getvalue() != b.getvalue())):
                    stats["mismatch"] += 1
            except Exception:
                stats["crash"] += 1
                if len(crashes) < 3:
                    crashes.append((data[:200], traceback.format_exc(limit=3)))

        t0 = time.perf_counter()
        case()
        el = time.perf_counter() - t0
        n = stats["ok"] + stats["error"] + stats["crash"]
        print(f"{fmt:<8}{n:>8}{stats['ok']:>8}{stats['error']:>8}{stats['crash']:>9}{el:>9.1f}"
              + (f"{a.workers if split else 1:>9}{stats['mismatch'] if split else '-':>8}" if pool else ""))
        for data, tb in crashes:
            print(f"  crash on {data!r}\n{tb}", file=sys.stderr)
        total_crashes += stats["crash"] + stats["mismatch"]
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
