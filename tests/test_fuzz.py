"""A short run of the fuzz harness per reader (the full campaign: python -m benchmarks.fuzz)."""

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.fuzz import FORMATS, inputs, run_one, worker_pool
from waybill.masking import load_policy
from waybill.pipeline import build_engine

ENGINE = build_engine(load_policy("share"), None, None, b"f" * 32)


@pytest.mark.parametrize("fmt", FORMATS)
def test_reader_never_crashes(fmt):
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs(fmt))
    def case(data):
        assert run_one(ENGINE, fmt, data) in ("ok", "error")

    case()


@pytest.mark.parametrize("fmt,data", [
    ("json", b"[" * 100000),                                  # deep nesting
    ("csv", b'"unterminated, quote\n' + b"x" * 10000),
    ("zpl", b"^XA^FD" + b"\xff" * 50 + b"^FS^XZ"),            # bytes that are not valid in any code page
    ("zpl", b"^XA^CI28^FH_^FD_E5_BC^FS^XZ"),                   # a cut UTF-8 sequence in a hex escape
    ("txt", "收件人：王小明".encode("utf-16")),
    ("csv", "a,b\r\n1,2".encode("utf-8-sig")),
])
def test_regressions(fmt, data):
    assert run_one(ENGINE, fmt, data) in ("ok", "error")


@pytest.fixture(scope="module")
def pool():
    from waybill.formats import pieces

    size = pieces.PIECE_BYTES
    p = worker_pool(2, piece_bytes=64)
    yield p
    p.terminate()
    p.join()
    pieces.PIECE_BYTES = size


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "txt"])
def test_parallel_reader_never_crashes_and_matches_one_process(pool, fmt):
    """Inputs cut into 64-byte pieces and masked by two workers: never a crash, and the same
    result as one process (for CSV/TSV: when the input has no quote, whose misuse may move the
    record boundaries; every cell is masked either way)."""
    import io

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs(fmt))
    def case(data):
        a, b = io.BytesIO(), io.BytesIO()
        one = run_one(ENGINE, fmt, data, out=a)
        two = run_one(ENGINE, fmt, data, pool, out=b)
        assert two in ("ok", "error")
        if fmt in ("jsonl", "txt") or b'"' not in data:
            assert one == two
            if one == "ok":
                assert a.getvalue() == b.getvalue()

    case()
