"""CSV and TSV: dialect and encoding sniffed, output in the same encoding and dialect, streamed in
chunks (memory stays flat). With a worker pool, UTF-8/GB18030 files are cut into byte pieces at
record boundaries that the workers parse, mask and re-encode (``pieces``); other encodings send
parsed rows. Order, output and audit records are the same as in one process."""
from __future__ import annotations

import csv
import io
import sys
from itertools import chain, islice

from ..engine import CellRecords, Compact
from ..errors import InputError
from . import pieces
from .structure import RoleStats, has_personal, header_shape, looks_like_header, mask_table_rows, mask_title_row
from .textio import decode_error, open_text

CHUNK = 2000
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _chunk_in_worker(args):
    """Mask parsed rows in a worker; finding records travel back compactly once the audit log's
    detail quota is full (it keeps the first 10,000 in full plus counts and a digest). ``prior``:
    the column roles of the blocks before (``RoleStats``), or None to read the block alone; this
    block's counts travel back."""
    rows, header, first_row, full, report, prior = args
    roles = RoleStats(prior)
    out, recs = mask_table_rows(pieces.worker(), rows, header, first_row, report, roles)
    return out, recs if full else Compact(recs), roles.last


def in_order_with_roles(pool, fn, args, with_prior, roles: RoleStats | None = None):
    """``pieces.bounded_map`` of blocks that each read their column roles alone, in file order: a
    block whose reading the blocks before it would change (``RoleStats.needs``) is masked again
    with them (rare: a column that shows its role only over several blocks). ``with_prior(arg,
    cols)`` gives the block's task with the prior counts; each result's last item (the block's
    counts) is taken off. ``roles``: the counts of blocks masked before these (else none)."""
    from collections import deque

    roles = roles if roles is not None else RoleStats()
    sent: deque = deque()

    def record(it):
        for a in it:
            sent.append(a)
            yield a

    for res in pieces.bounded_map(pool, fn, record(args)):
        a = sent.popleft()
        block = res[-1]
        if roles.needs(block):
            res = pool.apply_async(fn, (with_prior(a, dict(roles.cols)),)).get()
            block = res[-1]
        roles.add(block)
        yield res[:-1]


def _sniff_dialect(sample: str, fmt: str):
    first = sample.splitlines()[0] if sample else ""
    if fmt == "tsv":
        delim = "\t"
    else:
        try:
            delim = csv.Sniffer().sniff(sample[:32768], delimiters=",;\t|").delimiter
        except csv.Error:
            delim = max(",;\t|", key=first.count) if first else ","
    lt = "\r\n" if "\r\n" in sample[:65536] else "\n"
    return delim, lt


def mask(src, dst, job, fmt: str = "csv") -> None:
    enc, text, sample = open_text(src)
    delim, lt = _sniff_dialect(sample, fmt)
    if job.pool is not None and enc.name in pieces.BYTE_SAFE and ("\n" in sample or "\r" not in sample):
        src = text.detach()
        if enc.bom:
            dst.write(enc.bom)
        try:
            return _mask_parallel(src, dst, job, enc.name, delim, lt, fmt)
        except UnicodeDecodeError:
            raise decode_error() from None
    reader = csv.reader(text, delimiter=delim, strict=False)
    out = io.TextIOWrapper(dst, encoding=enc.name, newline="", errors="strict", write_through=False)
    if enc.bom:
        dst.write(enc.bom)
    writer = csv.writer(out, delimiter=delim, lineterminator=lt, quoting=csv.QUOTE_MINIMAL)
    try:
        head = list(islice(reader, PRELUDE_ROWS + 1))
        if not head:
            out.flush()
            return
        at = leading_header(head, lambda r: looks_like_header(r, job.engine.policy.region))
        if at is None:
            rows_iter = chain(head, reader)
            header_cols = None
            first = 1
        else:
            writer.writerows(_masked_prelude(job, head[:at]))
            writer.writerow(head[at])
            header_cols = head[at]
            rows_iter = chain(head[at + 1:], reader)
            first = at + 2
        chunks = _chunks(rows_iter, header_cols, first)
        if job.pool is not None:
            results = in_order_with_roles(job.pool, _chunk_in_worker, (
                (rows, h, f, job.sink.wants_details(), job.report, None) for rows, h, f in chunks),
                lambda a, cols: a[:-1] + (cols,))
        else:
            roles = RoleStats()
            results = (mask_table_rows(job.engine, rows, h, f, job.report, roles) for rows, h, f in chunks)
        for rows, recs in results:
            writer.writerows(rows)
            job.sink.merge(recs)
            if job.progress:
                job.progress(len(rows))
        out.flush()
    except UnicodeDecodeError:
        raise decode_error() from None
    except csv.Error as e:
        raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None
    finally:
        try:
            out.detach()
        except Exception:  # pragma: no cover
            pass


def _parse(data: bytes, enc: str, delim: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(enc), newline=""), delimiter=delim, strict=False))


def _serialise(rows, enc: str, delim: str, lt: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator=lt, quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buf.getvalue().encode(enc, errors="strict")


def _bytes_in_worker(args):
    """Decode, parse, mask and re-encode one piece in a worker. Row numbers in the finding records
    count from 0 within the piece (the main process adds the offset). ``prior``: as in
    ``_chunk_in_worker``."""
    data, enc, delim, lt, header, full, report, fmt, prior = args
    try:
        rows = _parse(data, enc, delim)
        roles = RoleStats(prior)
        out, recs = mask_table_rows(pieces.worker(), rows, header, 0, report, roles)
        return (_serialise(out, enc, delim, lt), len(rows), recs if full else Compact(recs),
                roles.last)
    except UnicodeDecodeError:
        raise decode_error() from None
    except csv.Error as e:
        raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None


def _mask_parallel(src, dst, job, enc: str, delim: str, lt: str, fmt: str) -> None:
    """Workers decode, parse, mask and re-encode byte pieces cut at record boundaries (see
    ``pieces``); the main process reads the header, cuts and writes."""
    parts = pieces.byte_pieces(src, pieces.PIECE_BYTES, pieces.csv_boundary)
    piece = next(parts, b"")
    if not piece:
        return
    # the first line (to its first newline) may hold more than the header: a lone \r ends a
    # record too; what follows the header there is masked here, the rest by the workers
    cut = pieces.csv_boundary(piece, first=True) or len(piece)
    try:
        head = _parse(piece[:cut], enc, delim)
    except csv.Error as e:
        raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None
    header_cols, row, rest = None, 1, []
    roles = None
    # the first records one by one while they may be lines above a header (a title, a date, a
    # blank line): the same decision as the serial path (``leading_header``)
    heads, ends = head[:1], [cut]
    while len(head) == 1 and len(heads) <= PRELUDE_ROWS and _prelude_row(heads[-1]) and ends[-1] < len(piece):
        a = ends[-1]
        b = a + (pieces.csv_boundary(piece[a:], first=True) or len(piece) - a)
        try:
            more = _parse(piece[a:b], enc, delim)
        except csv.Error as e:
            raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None
        if len(more) > 1:
            break  # (a lone \r ends a record inside the line: read as data)
        heads.append(more[0] if more else [])
        ends.append(b)
    at = leading_header(heads, lambda r: _header_in_pool(job.pool, r, job.engine.policy.region)) if heads else None
    if at == 0:
        header_cols, row, piece, rest = head[0], 2, piece[cut:], head[1:]
    elif at is not None:
        dst.write(_serialise(_masked_prelude(job, heads[:at]), enc, delim, lt))
        header_cols, row, piece = heads[at], at + 2, piece[ends[at]:]
    if header_cols is not None:
        dst.write(_serialise([header_cols], enc, delim, lt))
        if rest:  # records parsed with the header's line, masked here
            roles = RoleStats()
            out, recs = mask_table_rows(job.engine, rest, header_cols, row, job.report, roles)
            dst.write(_serialise(out, enc, delim, lt))
            job.sink.merge(recs)
            row += len(rest)
            if job.progress:
                job.progress(len(rest))

    def tasks():
        if piece:
            yield piece
        yield from parts

    sink = job.sink
    args = ((p, enc, delim, lt, header_cols, sink.wants_details(), job.report, fmt, None) for p in tasks())
    results = in_order_with_roles(job.pool, _bytes_in_worker, args, lambda a, cols: a[:-1] + (cols,), roles)
    for data, n, recs in results:
        dst.write(data)
        if isinstance(recs, CellRecords):
            recs = CellRecords([(r + row, col, c) for r, col, c in recs])
        sink.merge(recs)
        row += n
        if job.progress:
            job.progress(n)


# at most this many lines above a header: a report's title, its date, blank lines
PRELUDE_ROWS = 8


def _prelude_row(row: list) -> bool:
    """A line above a table's header: blank, or one non-empty cell (a title, a date)."""
    return sum(1 for c in row if c and str(c).strip()) <= 1


def leading_header(rows: list, is_header) -> int | None:
    """Which of a table's first rows is its header: the first when it looks like one; else the
    first row after up to ``PRELUDE_ROWS`` lines that are blank or hold one cell (a title, its
    date: '订单导出 2024-05-01,,,', 'Report: shipments' / 'Date: ...' / blank; the header under
    them was read as data and every column went without its hint, found by hand), when it looks
    like one and names two columns. None: no header."""
    if is_header(rows[0]):
        return 0
    i = 0
    while i < min(len(rows), PRELUDE_ROWS) and _prelude_row(rows[i]):
        i += 1
    if 0 < i < len(rows) and any(c and str(c).strip() for r in rows[:i] for c in r) \
            and sum(1 for c in rows[i] if c and str(c).strip()) >= 2 and is_header(rows[i]):
        return i
    return None


def _masked_prelude(job, rows: list) -> list:
    """The lines above the header, masked as a title is (a blank line stays blank)."""
    out = []
    for k, r in enumerate(rows, start=1):
        if any(c and str(c).strip() for c in r):
            r, recs = mask_title_row(job.engine, r, k, job.report)
            job.sink.merge(recs)
        out.append(r)
    return out


def _chunks(rows, header, first):
    n = first
    while True:
        block = list(islice(rows, CHUNK))
        if not block:
            return
        yield block, header, n
        n += len(block)


def _header_in_pool(pool, row: list[str], region: str) -> bool:
    """``looks_like_header`` with the detection asked of a worker, which holds the detectors'
    tables anyway: the main process, which only cuts and writes, does not load them (less memory
    and start-up there)."""
    return header_shape(row) and not pool.apply_async(has_personal, (row, region)).get()
