"""Parallel masking of one large text file: the main process cuts the byte stream into pieces that
end on a record boundary and writes back, in order, what the worker processes return; decoding,
parsing, masking and re-encoding happen in the workers. Memory stays flat (a few pieces in flight).

In UTF-8 and GB18030 the bytes of a quote, CR and LF never occur inside a multi-byte character,
so record boundaries can be found on the bytes.
"""
from __future__ import annotations

import codecs
import threading

from collections import deque

BYTE_SAFE = ("utf-8", "gb18030")
PIECE_BYTES = 1 << 18

#: the engine of a worker process (set by ``init_worker``)
WORKER = None
#: a worker thread's own engine, where threads of one process each have one (Dask workers with
#: several threads: an engine holds a vault connection that only its own thread may use)
_THREAD = threading.local()


def worker():
    """The engine this worker thread masks with: its own (a Dask worker thread), else the process's."""
    return getattr(_THREAD, "engine", None) or WORKER


def init_worker(factory, args):
    """Worker start: default SIGTERM (the pool's terminate), Ctrl-C left to the main process."""
    import signal

    global WORKER
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    WORKER = factory(*args)
    # load the detectors' tables (surnames, divisions) before they are frozen below
    from ..detect import detect_text

    detect_text("收件人：王小明 13812345678 浙江省杭州市西湖区文三路100号 SF1234567890123 Ship to John "
                "Smith, 12 Main St, Austin, TX 78701 (512) 555-0199 a@b.cn")
    tune_gc()


def tune_gc() -> None:
    """Masking allocates many short-lived objects and almost no cycles: move what exists now
    (modules, detector tables) out of the collector's sight and collect young objects less often.

    No ``gc.collect()`` first: this runs in a worker forked from a process that may have threads
    (OCR runtimes, a library caller's own), and collecting the garbage it inherited runs
    finalizers (an ONNX Runtime session's) that wait on a lock some parent thread held at the
    fork: the worker hung for good in the full test suite. Frozen garbage is never collected in
    the worker, which costs only its memory."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def csv_boundary(buf: bytes, first: bool = False) -> int:
    """Offset just past the last (or ``first``) CSV record end in ``buf``: a newline with an even
    number of quotes before it (``buf`` starts at a record start); 0 if none."""
    quotes = buf.count(b'"')
    if first:
        p = buf.find(b"\n")
        while p >= 0 and quotes and buf.count(b'"', 0, p) % 2:
            p = buf.find(b"\n", p + 1)
        return p + 1
    p = buf.rfind(b"\n")
    if not quotes:
        return p + 1
    end = len(buf)
    while p >= 0:
        quotes -= buf.count(b'"', p, end)
        if quotes % 2 == 0:
            return p + 1
        end = p
        p = buf.rfind(b"\n", 0, p)
    return 0


def line_boundary(buf: bytes, first: bool = False) -> int:
    """Offset just past the last (or ``first``) newline in ``buf``; 0 if none."""
    return (buf.find(b"\n") if first else buf.rfind(b"\n")) + 1


def byte_pieces(src, size: int, boundary=line_boundary):
    """Pieces of about ``size`` bytes, each a whole number of records (a record longer than
    ``size`` makes a longer piece)."""
    carry = b""
    while True:
        data = src.read(size)
        if not data:
            if carry:
                yield carry
            return
        buf = carry + data if carry else data
        cut = boundary(buf)
        if cut <= 0:
            carry = buf
            continue
        carry = buf[cut:]
        yield buf[:cut]


def bounded_map(pool, fn, args, ahead: int = 4):
    """Ordered parallel map with at most ``ahead`` tasks in flight (flat memory, unlike imap,
    whose feeder thread reads the whole input ahead)."""
    pending: deque = deque()
    for a in args:
        pending.append(pool.apply_async(fn, (a,)))
        if len(pending) >= ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _lines_in(piece: bytes) -> int:
    """Lines in a piece as a text stream with universal newlines splits them (LF, CRLF, CR)."""
    return piece.count(b"\n") + piece.count(b"\r") - piece.count(b"\r\n")


def mask_line_stream(text, dst, job, enc: str, mask_line, boundary=line_boundary) -> None:
    """Line-oriented formats (JSON Lines, text), each line masked by ``mask_line(engine, line,
    number, records, report)``: split across the workers when there are any and the encoding
    allows (pieces cut after a newline, or where ``boundary`` says, each with its first line
    number), else line by line here. ``mask_line`` may keep state from line to line: it is called
    in order, afresh for each piece. A ``mask_line`` with a true ``peek`` attribute is given the
    next line as well (None after the last; in a piece, its last line's next is None)."""
    sink = job.sink
    if job.pool is None or enc not in BYTE_SAFE:
        # one incremental encoder for the stream: UTF-16 writes its byte-order mark once, not
        # before every line
        encode = codecs.getincrementalencoder(enc)().encode
        for i, line, nxt in _numbered(text, getattr(mask_line, "peek", False)):
            recs: list = []
            dst.write(encode(mask_line(job.engine, line, i, recs, job.report) if nxt is _NO_PEEK
                             else mask_line(job.engine, line, i, recs, job.report, nxt)))
            sink.merge(recs)
            if job.progress:
                job.progress(1)
        return

    def tasks():
        line = 1
        for piece in byte_pieces(text.detach(), PIECE_BYTES, boundary):
            yield piece, enc, line, sink.wants_details(), job.report, mask_line
            line += _lines_in(piece)

    for data, n, recs in bounded_map(job.pool, _lines_in_worker, tasks()):
        dst.write(data)
        sink.merge(recs)
        if job.progress:
            job.progress(n)


_NO_PEEK = object()


def _numbered(lines, peek: bool, first: int = 1):
    """(number, line, next line) for each line; the next line is ``_NO_PEEK`` unless ``peek``
    (None after the last line)."""
    if not peek:
        for i, line in enumerate(lines, first):
            yield i, line, _NO_PEEK
        return
    it = iter(lines)
    line = next(it, None)
    i = first
    while line is not None:
        nxt = next(it, None)
        yield i, line, nxt
        line = nxt
        i += 1


def _lines_in_worker(args):
    """In a worker: decode one piece, mask it line by line, re-encode. Finding records come back
    in full while the audit log's detail quota may still need them, else compactly."""
    import io

    from ..engine import Compact
    from .textio import decode_error

    data, enc, first, full, report, mask_line = args
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        raise decode_error() from None
    recs: list = []
    engine = worker()
    out = [mask_line(engine, line, i, recs, report) if nxt is _NO_PEEK else mask_line(engine, line, i, recs, report, nxt)
           for i, line, nxt in _numbered(io.StringIO(text, newline=""), getattr(mask_line, "peek", False), first)]
    return "".join(out).encode(enc), len(out), recs if full else Compact.of_dicts(recs)
