"""Free text: one record or many per line. Each line is scanned as a whole record."""
from __future__ import annotations

from . import pieces
from .textio import decode_error, open_text


def _line(engine, line: str, i: int, recs: list, report: bool) -> str:
    body = line.rstrip("\r\n")
    return engine.mask_value(body, {"line": i}, None, recs, report=report) + line[len(body):]


def mask(src, dst, job, fmt: str = "txt") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        pieces.mask_line_stream(text, dst, job, enc.name, _line)
    except UnicodeDecodeError:
        raise decode_error() from None
