"""CSV and TSV: dialect and encoding sniffed, output in the same encoding and dialect, streamed in
chunks (memory stays flat). With a worker pool, UTF-8/GB18030 files are cut into byte pieces at
record boundaries that the workers parse, mask and re-encode (``pieces``); other encodings send
parsed rows. Order, output and audit records are the same as in one process."""
from __future__ import annotations

import csv
import io
import sys
from itertools import islice

from ..engine import CellRecords, Compact
from ..errors import InputError
from . import pieces
from .structure import RoleStats, has_personal, header_shape, looks_like_header, mask_table_rows, mask_title_row, title_row
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
        header = next(reader, None)
        if header is None:
            out.flush()
            return
        title = None
        if title_row(header):
            # a title line above the header ("订单导出 2024-05-01,,,"): masked as a value, and the
            # next line is the header when it looks like one
            nxt = next(reader, None)
            if nxt is not None and looks_like_header(nxt, job.engine.policy.region):
                title, header = header, nxt
            elif nxt is not None:
                reader = _prepend(nxt, reader)
        if title is not None:
            out_t, recs_t = mask_title_row(job.engine, title, 1, job.report)
            writer.writerow(out_t)
            job.sink.merge(recs_t)
            writer.writerow(header)
            header_cols = header
            rows_iter = reader
            first = 3
        elif not looks_like_header(header, job.engine.policy.region):
            rows_iter = _prepend(header, reader)
            header_cols = None
            first = 1
        else:
            writer.writerow(header)
            header_cols = header
            rows_iter = reader
            first = 2
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
    if head and title_row(head[0]) and cut < len(piece):
        # a title line above the header: the same decision as the serial path
        cut2 = cut + (pieces.csv_boundary(piece[cut:], first=True) or len(piece) - cut)
        try:
            head2 = _parse(piece[cut:cut2], enc, delim)
        except csv.Error as e:
            raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None
        if head2 and _header_in_pool(job.pool, head2[0], job.engine.policy.region):
            out_t, recs_t = mask_title_row(job.engine, head[0], 1, job.report)
            dst.write(_serialise([out_t], enc, delim, lt))
            job.sink.merge(recs_t)
            header_cols, row, piece, rest = head2[0], 3, piece[cut2:], head2[1:]
    if header_cols is None and head and _header_in_pool(job.pool, head[0], job.engine.policy.region):
        header_cols, row, piece, rest = head[0], 2, piece[cut:], head[1:]
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


def _prepend(first, it):
    yield first
    yield from it


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
