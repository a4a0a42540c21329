"""Free text: one record or many per line. Each line is scanned as a whole record."""
from __future__ import annotations

from . import pieces
from .textio import decode_error, open_text


def _line(engine, line: str, i: int, recs: list, report: bool) -> str:
    body = line.rstrip("\r\n")
    return engine.mask_value(body, {"line": i}, None, recs, report=report) + line[len(body):]


def _lines_in_worker(args):
    return pieces.mask_piece_lines(args, _line)


def mask(src, dst, job, fmt: str = "txt") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        if job.pool is not None and enc.name in pieces.BYTE_SAFE:
            pieces.mask_lines(text.detach(), dst, job, enc.name, _lines_in_worker)
            return
        for i, line in enumerate(text, start=1):
            recs: list = []
            dst.write(_line(job.engine, line, i, recs, job.report).encode(enc.name))
            job.sink.merge(recs)
            if job.progress:
                job.progress(1)
    except UnicodeDecodeError:
        raise decode_error() from None
