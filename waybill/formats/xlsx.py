"""XLSX workbooks through openpyxl (read-only in, write-only out: streams row by row). Values are
kept; cell styles are not carried over."""
from __future__ import annotations

import zipfile

from ..errors import InputError, MissingDependency


def mask(src, dst, job, fmt: str = "xlsx") -> None:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependency("XLSX support needs openpyxl: pip install 'waybill[xlsx]'") from None
    try:
        wb = openpyxl.load_workbook(src, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    out = openpyxl.Workbook(write_only=True)
    try:
        for ws in wb.worksheets:
            ows = out.create_sheet(title=ws.title)
            header = None
            for r_i, row in enumerate(ws.iter_rows(values_only=True), start=1):
                vals = list(row)
                if header is None and r_i == 1 and any(isinstance(v, str) for v in vals):
                    from .table import _looks_like_header
                    if _looks_like_header([str(v) for v in vals if v is not None]):
                        header = [str(v) if v is not None else "" for v in vals]
                        ows.append(vals)
                        continue
                recs: list = []
                new = []
                for c_i, v in enumerate(vals):
                    col = header[c_i] if header and c_i < len(header) else None
                    where = {"sheet": ws.title, "row": r_i, "column": col if col else c_i + 1}
                    if isinstance(v, str):
                        v = job.engine.mask_value(v, where, col, recs, report=job.report)
                    elif isinstance(v, int) and not isinstance(v, bool) and len(str(abs(v))) >= 7:
                        s = str(v)
                        m = job.engine.mask_value(s, where, col, recs, report=job.report)
                        v = v if m == s else m
                    new.append(v)
                ows.append(new)
                job.sink.merge(recs)
                if job.progress:
                    job.progress(1)
        out.save(dst)
    finally:
        wb.close()
