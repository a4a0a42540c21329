"""XLSX workbooks through openpyxl (read-only in, write-only out: streams row by row). Values are
kept; cell styles are not carried over. Sheet titles and numeric cells of phone/ID shape are masked
like any value; a row is a unit (a mobile split over two cells is found)."""
from __future__ import annotations

from itertools import chain, islice

import zipfile

from .. import embedded
from ..errors import InputError, MissingDependency
from ..engine import column_known, note_of_a_person, record
from .structure import (RoleStats, infer_column_roles, infer_row_names, looks_like_header, mask_label, mask_number,
                        mask_row_echoes, mask_row_splits, mask_title_row, placed)

# rows masked cell by cell and then read together (``_column_roles``) before they are written
_BLOCK = 500

# characters a sheet title cannot hold (openpyxl refuses them) and what stands in for them
_TITLE_BAD = str.maketrans({"*": "＊", "?": "？", ":": "：", "/": "／", "\\": "＼", "[": "［", "]": "］"})


def _title(engine, title: str, taken: set, report: bool) -> tuple[str, tuple]:
    """A sheet title masked like a value (``*`` written as ``＊``, which Excel allows), at most 31
    characters, unique in the workbook (``(2)``... appended); its finding records."""
    masked, tmpl = mask_label(engine, title, report, name_like=True)
    if masked == title and not tmpl:
        new = title
    else:
        new = masked.translate(_TITLE_BAD)[:31]
    base, n = new, 2
    while new.lower() in taken:
        suffix = f" ({n})"
        new = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(new.lower())
    return new, tmpl


#: most a workbook may unpack to (all parts together; one part alone: half of it). The sizes a
#: zip declares are not trusted: every part is inflated (and counted) before openpyxl reads it
MAX_UNPACKED = 512 << 20


def _check_unpacked_size(src) -> None:
    try:
        pos = src.tell()
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    total = 0
    try:
        for info in zf.infolist():
            part = 0
            with zf.open(info) as fh:
                while True:
                    block = fh.read(1 << 20)
                    if not block:
                        break
                    part += len(block)
                    total += len(block)
                    if part > MAX_UNPACKED // 2 or total > MAX_UNPACKED:
                        raise InputError(f"XLSX unpacks to more than {MAX_UNPACKED >> 20} MiB (a zip bomb?): "
                                         "not read")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zipfile.LargeZipFile) as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    finally:
        zf.close()
        src.seek(pos)


def mask(src, dst, job, fmt: str = "xlsx") -> None:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependency("XLSX support needs openpyxl: pip install 'waybill[xlsx]'") from None
    _check_unpacked_size(src)
    try:
        wb = openpyxl.load_workbook(src, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    out = openpyxl.Workbook(write_only=True)
    engine, report = job.engine, job.report
    titles: set = set()
    try:
        for ws in wb.worksheets:
            # the <dimension> a file declares is not trusted: "A1:B2" on a 6x4 sheet would hide rows
            # and columns, "A1:XFD1048576" would make empty cells up to the end of the grid
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            title, tmpl = _title(engine, ws.title, titles, report)
            ows = out.create_sheet(title=title)
            if tmpl:
                job.sink.merge(placed(tmpl, {"sheet": title, "title": True}))
            header = None
            titled = False
            prelude = True  # only blank rows and one-cell rows (a title, a date) so far
            after_blank = False  # the row before was blank
            roles = RoleStats()
            block: list = []  # (row number, values, masked values, records, where_of) not yet written
            rows = ws.iter_rows(values_only=True)
            head = list(islice(rows, 2))
            # a title line above the header (as in CSV: one text cell, the next row a header)
            title_first = (len(head) == 2 and sum(1 for v in head[0] if v is not None and str(v).strip()) == 1
                           and all(isinstance(v, str) or v is None for v in head[0])
                           and any(isinstance(v, str) for v in head[1])
                           and looks_like_header([str(v) for v in head[1] if v is not None], engine.policy.region))
            for r_i, row in enumerate(chain(head, rows), start=1):
                vals = list(row)
                if r_i == 1 and title_first:
                    # masked like a sheet title
                    new_t, recs_t = mask_title_row(engine, vals, r_i, report)
                    ows.append(new_t)
                    job.sink.merge([r.but(where={"sheet": title, **r["where"]}) for r in recs_t])
                    titled = True
                    continue
                filled = [v for v in vals if v is not None and str(v).strip()]
                if header is None and (r_i == 1 or (r_i == 2 and titled) or prelude) and any(isinstance(v, str) for v in vals):
                    if looks_like_header([str(v) for v in vals if v is not None], engine.policy.region):
                        _flush(engine, block, None, roles, ows, job, report)  # (the rows above it, in order)
                        header = [str(v) if v is not None else "" for v in vals]
                        ows.append(vals)
                        prelude = after_blank = False
                        continue
                if header is not None and after_blank and len(filled) >= 2 and _table_header(engine, filled):
                    # a second table on the sheet, under its own header after a blank row: its
                    # columns are the new header's (a 'Phone' column's bare number, 5559876543, was
                    # read under the first table's '收件人' and stood; found by hand)
                    _flush(engine, block, header, roles, ows, job, report)
                    header, roles = [str(v) if v is not None else "" for v in vals], RoleStats()
                    ows.append(vals)
                    after_blank = False
                    continue
                # (a report's title, its date and blank rows above the header: '发货清单 2026-12-01'
                # merged over the columns, a blank row, then the header on row 3 was read as data,
                # and every column went without its hint; found by hand)
                prelude = prelude and len(filled) <= 1
                after_blank = not filled

                def where_of(c_i, r_i=r_i):
                    col = header[c_i] if header and c_i < len(header) else None
                    return {"sheet": title, "row": r_i, "column": col if col else c_i + 1}

                recs: list = []
                new = []
                for c_i, v in enumerate(vals):
                    # (the column before: a bare 'Número' after the street's column is its house number)
                    prev = header[c_i - 1] if header and 0 < c_i <= len(header) else None
                    if isinstance(v, str):
                        col = header[c_i] if header and c_i < len(header) else None
                        # (a label carried as base64 in the cell: ``waybill.embedded``)
                        got = embedded.mask_value(engine, v, where_of(c_i), recs, report) \
                            if len(v) >= embedded.MIN_CHARS else None
                        v = got if got is not None else engine.mask_value(v, where_of(c_i), col, recs, report=report,
                                                                          prev=prev)
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        col = header[c_i] if header and c_i < len(header) else None
                        if isinstance(v, int) and engine.house_number_column(col, prev):
                            # (a house number stored as a number: masked as its digits are, the masked
                            # form a string)
                            s = str(v)
                            m = engine.mask_value(s, where_of(c_i), col, recs, report=report, prev=prev)
                            v = v if m == s else m
                        else:
                            v = mask_number(engine, v, where_of(c_i), col, recs, report)
                    new.append(v)
                mask_row_splits(engine, vals, new, where_of, recs, report, header)
                _row_names(engine, vals, new, header, r_i, title, recs, report)
                mask_row_echoes(engine, vals, new, header, where_of, recs, report)
                block.append((r_i, vals, new, recs, where_of))
                if len(block) >= _BLOCK:
                    _flush(engine, block, header, roles, ows, job, report)
            _flush(engine, block, header, roles, ows, job, report)
        _save_stable(out, dst, wb)
    finally:
        wb.close()


def _flush(engine, block: list, header, roles: RoleStats, ows, job, report: bool) -> None:
    """Write a block of masked rows after reading its columns together (``_column_roles``)."""
    if not block:
        return
    _column_roles(engine, block, header, roles, report)
    for _, _, new, recs, _ in block:
        ows.append(new)
        job.sink.merge(recs)
        if job.progress:
            job.progress(1)
    block.clear()


def _table_header(engine, cells: list) -> bool:
    """A row of text cells that heads a table: it looks like a header and two of its cells are
    column names the rules know (a data row of names and towns is none)."""
    if not all(isinstance(v, str) for v in cells):
        return False
    return looks_like_header(cells, engine.policy.region) and sum(column_known(v) for v in cells) >= 2


def _column_roles(engine, block: list, header, roles: RoleStats, report: bool) -> None:
    """``structure.infer_column_roles`` over a block of rows, as CSV rows are read: a column with
    no hint whose text cells are mostly one kind of personal value is read again as a column of
    that kind ('512345678', '0241234567' in a headerless sheet's phone column stood, masked in
    the same CSV; found by hand). Masked cells and their records are replaced in place."""
    rows = [[v if isinstance(v, str) else "" for v in vals] for _, vals, _, _, _ in block]
    out = [[n if isinstance(n, str) else "" for n in new] for _, _, new, _, _ in block]
    before = [list(r) for r in out]
    first = block[0][0]
    # (a blank column name stands for its column alone: records are matched to cells by it)
    hdr = None if header is None else [h if h else f"\0{i + 1}" for i, h in enumerate(header)]
    index_header = list(range(1, max(map(len, rows), default=0) + 1)) if hdr is None else hdr
    compact = []  # (row, column as ``structure`` names it, (type,)): what the roles read of the records
    for r_i, vals, _, recs, _ in block:
        for r in recs:
            c = _index_of(r["where"].get("column"), header)
            compact.append((r_i, index_header[c] if 0 <= c < len(index_header) else c + 1, (str(r["type"]),)))
    got, counts = infer_column_roles(engine, rows, hdr, first, out, compact, report, roles)
    roles.add(counts)
    redone: dict = {}  # (row, column) -> the facts of a cell read again (full compact facts)
    for rr, cc, c in got:
        if len(c) == 10:
            redone.setdefault((rr, cc), []).append(c)
    for k, (r_i, vals, new, recs, where_of) in enumerate(block):
        for i, (a, b) in enumerate(zip(before[k], out[k])):
            if a == b or not isinstance(vals[i], str):
                continue
            new[i] = b
            here = where_of(i)
            recs[:] = [r for r in recs if {x: y for x, y in r["where"].items() if x not in ("start", "end")} != here]
            col = index_header[i] if i < len(index_header) else i + 1
            recs.extend(record(here, c) for c in redone.get((r_i, col), ()))


def _index_of(column, header) -> int:
    """The 0-based index of a record's column (a header's name, or a 1-based number)."""
    if isinstance(column, int):
        return column - 1
    if header is not None and column in header:
        return header.index(column)
    return -1


def _row_names(engine, vals: list, new: list, header, r_i: int, title: str, recs: list, report: bool) -> None:
    """A bare name in a column with no hint, in a row that holds a phone, an address, an e-mail or
    an ID (``structure.infer_row_names``, as CSV rows are read): '赵敏 | 13512345678' on a
    headerless or hidden sheet kept the name (found by hand; the CSV path masked it)."""
    if not any(isinstance(v, str) for v in vals) or not recs and not (
            header and any(note_of_a_person(h) for h in header if h)):
        return
    texts = [v if isinstance(v, str) else "" for v in vals]
    out = [[n if isinstance(n, str) else "" for n in new]]
    # (a finding's column is the header's name or the 1-based index, as ``infer_row_names`` names it)
    seen = [(r_i, r["where"].get("column") or None, (str(r["type"]),)) for r in recs]
    for row, col, fact in infer_row_names(engine, [texts], header, r_i, out, seen, report):
        i = next((k for k in range(len(vals)) if out[0][k] != texts[k] and isinstance(new[k], str)
                  and new[k] == vals[k]), None)
        if i is None:
            continue
        new[i] = out[0][i]
        recs.append(record({"sheet": title, "row": row, "column": col}, fact))


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _save_stable(out, dst, src_wb) -> None:
    """Save so that the same input gives the same bytes (a rerun after a kill between the audit
    record and the rename then finds its output already recorded): the document's created and
    modified times are the input's, and every zip entry carries one fixed timestamp."""
    import io
    from datetime import datetime

    props = getattr(src_wb, "properties", None)
    when = (props.modified or props.created) if props is not None else None
    stamp = when if isinstance(when, datetime) else datetime(2000, 1, 1)
    out.properties.created = stamp
    buf = io.BytesIO()
    out.save(buf)
    buf.seek(0)
    text_stamp = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re as _re

                data = _re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                               rb"\g<1>" + text_stamp + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)
