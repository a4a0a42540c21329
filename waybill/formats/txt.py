"""Free text: one record or many per line. Each line is scanned as a whole record."""
from __future__ import annotations

from .textio import decode_error, open_text


def mask(src, dst, job, fmt: str = "txt") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        for i, line in enumerate(text, start=1):
            body = line.rstrip("\r\n")
            recs: list = []
            new = job.engine.mask_value(body, {"line": i}, None, recs, report=job.report)
            dst.write((new + line[len(body):]).encode(enc.name))
            job.sink.merge(recs)
            if job.progress:
                job.progress(1)
    except UnicodeDecodeError:
        raise decode_error() from None
