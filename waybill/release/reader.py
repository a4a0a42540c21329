"""Stream the records of waybill exports as rows of strings, whatever their format.

Every format ``mask`` reads as a table is read here: CSV and TSV (dialect and encoding sniffed as in
``waybill.formats.textio``: UTF-8, UTF-8 with BOM, UTF-16, GB18030), XLSX (openpyxl read-only, every
sheet), JSON (an array of records, streamed element by element; an object holding such an array)
and JSON Lines. Nested JSON objects are flattened to dotted column names (``receiver.phone``).

Only rows and column names come out; nothing is kept beyond the row being read, so a 1M-row export
streams in flat memory. Several inputs are read one after the other as one data set, their columns
matched by name.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from itertools import chain, islice
from pathlib import Path
from typing import Iterator

from ..errors import InputError, MissingDependency
from ..formats.textio import decode_error, open_text

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: input formats a release or a DP count reads (the table formats of ``mask``)
FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".json": "json",
           ".jsonl": "jsonl", ".ndjson": "jsonl"}
_JSON_CHUNK = 1 << 20


def format_of(path: str | Path, forced: str | None = None) -> str:
    if forced and forced != "auto":
        if forced not in set(FORMATS.values()):
            raise InputError(f"format '{forced}' is not a table format (csv, tsv, xlsx, json, jsonl)")
        return forced
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type '{Path(path).suffix or '(none)'}' "
                         "(a release reads csv, tsv, xlsx, json and jsonl exports)")
    return fmt


def cell_str(v) -> str | None:
    """A cell value as text: numbers without a spurious ``.0``, dates in ISO form, None kept."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v:  # NaN
            return None
        return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, (date, dtime)):
        return v.isoformat()
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def flatten(obj, prefix: str = "", out: dict | None = None) -> dict:
    """A JSON record as ``{dotted.column: value}``; lists stay whole (as JSON text)."""
    out = {} if out is None else out
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict) and v:
                flatten(v, key, out)
            else:
                out[key] = v
    else:
        out[prefix or "value"] = obj
    return out


@dataclass
class Table:
    """One input as a header and an iterator of rows (lists of str or None, one per column)."""

    columns: list[str]
    rows: Iterator[list]
    close: object = None  # callable
    records: bool = False  # JSON: rows are flattened dicts, not lists (see ``Source``)


# --------------------------------------------------------------------------- CSV / TSV


def _csv(fh, fmt: str) -> Table:
    from ..formats.structure import looks_like_header
    from ..formats.table import _sniff_dialect

    enc, text, sample = open_text(fh)
    delim, _ = _sniff_dialect(sample, fmt)
    reader = csv.reader(text, delimiter=delim, strict=False)

    def rows():
        try:
            yield from reader
        except UnicodeDecodeError:
            raise decode_error() from None
        except csv.Error as e:
            raise InputError(f"malformed {fmt.upper()} ({e.__class__.__name__})") from None

    it = rows()
    first = next(it, None)
    if first is None:
        return Table([], iter(()))
    if looks_like_header(first):
        return Table([c.strip() for c in first], it)
    cols = [f"column {i + 1}" for i in range(len(first))]
    return Table(cols, chain([first], it))


# --------------------------------------------------------------------------- XLSX


def _xlsx(path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependency("XLSX support needs openpyxl: pip install 'waybill[xlsx]'") from None
    import zipfile

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    from ..formats.structure import looks_like_header

    sheets = []
    for ws in wb.worksheets:
        it = ws.iter_rows(values_only=True)
        first = next(it, None)
        if first is None:
            continue
        first = [cell_str(v) for v in first]
        if looks_like_header([c for c in first if c is not None]):
            cols = [c.strip() if c else f"column {i + 1}" for i, c in enumerate(first)]
            sheets.append((cols, it, None))
        else:
            sheets.append(([f"column {i + 1}" for i in range(len(first))], it, first))
    if not sheets:
        wb.close()
        return Table([], iter(()))
    # the columns of every sheet, in order of first appearance; rows mapped onto them by name
    columns: list[str] = []
    for cols, _, _ in sheets:
        for c in cols:
            if c not in columns:
                columns.append(c)
    pos = {c: i for i, c in enumerate(columns)}

    def rows():
        for cols, it, first in sheets:
            idx = [pos[c] for c in cols]
            same = idx == list(range(len(columns)))
            for row in chain([first] if first else [], it):
                vals = [cell_str(v) for v in row]
                if same:
                    yield vals
                else:
                    out = [None] * len(columns)
                    for i, v in zip(idx, vals):
                        out[i] = v
                    yield out

    return Table(columns, rows(), close=wb.close)


# --------------------------------------------------------------------------- JSON / JSONL


def _json_array_items(text) -> Iterator:
    """The elements of a top-level JSON array, decoded one at a time from a text stream."""
    dec = json.JSONDecoder()
    buf = text.read(_JSON_CHUNK)
    pos = 0
    eof = False

    def more():
        nonlocal buf, pos, eof
        chunk = text.read(_JSON_CHUNK)
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip_ws():
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buf) or eof or not more():
                return

    skip_ws()
    if pos >= len(buf) or buf[pos] != "[":
        raise InputError("invalid JSON (expected an array of records)")
    pos += 1
    first = True
    while True:
        skip_ws()
        if pos >= len(buf):
            raise InputError("invalid JSON (the array is not closed)")
        if buf[pos] == "]":
            pos += 1
            skip_ws()
            if pos < len(buf):
                raise InputError("invalid JSON (data after the array)")
            return
        if not first:
            if buf[pos] != ",":
                raise InputError("invalid JSON (expected ',' between records)")
            pos += 1
            skip_ws()
        first = False
        while True:
            try:
                obj, end = dec.raw_decode(buf, pos)
                break
            except json.JSONDecodeError:
                if eof or not more():
                    raise InputError("invalid JSON (a record could not be decoded)") from None
            except RecursionError:
                raise InputError("JSON nested too deeply") from None
        pos = end
        yield obj


def _records_of(obj):
    """Records of a whole JSON document that is not an array: the first list of objects in it,
    or the values of an object of objects (``{"id1": {...}, ...}``; the keys are not kept)."""
    if isinstance(obj, dict):
        for v in obj.values():
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:100]):
                return v
        if obj and all(isinstance(v, dict) for v in obj.values()):
            return list(obj.values())
        return [obj]
    raise InputError("invalid JSON (expected records: an array of objects)")


def _json(fh, fmt: str, sample_rows: int) -> Table:
    enc, text, sample = open_text(fh)

    def decoded(items):
        try:
            for obj in items:
                yield flatten(obj) if isinstance(obj, dict) else {"value": obj}
        except UnicodeDecodeError:
            raise decode_error() from None

    if fmt == "jsonl":
        def items():
            for i, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"line {i}: invalid JSON (column {e.colno})") from None
                except RecursionError:
                    raise InputError(f"line {i}: JSON nested too deeply") from None
        recs = decoded(items())
    elif sample.lstrip("\ufeff \t\r\n").startswith("["):
        recs = decoded(_json_array_items(text))
    else:
        try:
            whole = json.loads(text.read())
        except json.JSONDecodeError as e:
            raise InputError(f"invalid JSON (line {e.lineno}, column {e.colno})") from None
        except RecursionError:
            raise InputError("JSON nested too deeply") from None
        except UnicodeDecodeError:
            raise decode_error() from None
        recs = decoded(iter(_records_of(whole)))
    # the columns are those of the first records (later keys that were never seen are dropped:
    # nothing unclassified is ever released)
    head = list(islice(recs, sample_rows))
    columns: list[str] = []
    seen = set()
    for r in head:
        for k in r:
            if k not in seen:
                seen.add(k)
                columns.append(k)

    def rows():
        for r in chain(head, recs):
            yield [cell_str(r.get(c)) for c in columns]

    return Table(columns, rows())


# --------------------------------------------------------------------------- sources


def open_table(path: str | Path, fmt: str = "auto", sample_rows: int = 1000) -> Table:
    """One input (a path, or ``-`` for standard input with ``fmt`` given) as a ``Table``."""
    if str(path) == "-":
        if fmt in (None, "auto"):
            raise InputError("reading standard input ('-') needs --format")
        fh = sys.stdin.buffer
        if not hasattr(fh, "peek"):
            fh = io.BufferedReader(fh)
        opened = None
    else:
        fmt = format_of(path, fmt)
        if fmt == "xlsx":
            return _xlsx(path)
        try:
            opened = fh = open(path, "rb")
        except OSError as e:
            raise InputError(f"cannot read ({e.__class__.__name__})") from None
        if fh.peek(1) == b"":
            fh.close()
            raise InputError("empty file")
    if fmt == "xlsx":
        data = io.BytesIO(fh.read())
        return _xlsx(data)
    if fmt in ("csv", "tsv"):
        t = _csv(fh, fmt)
    else:
        t = _json(fh, fmt, sample_rows)
    t.close = opened.close if opened is not None else None
    return t


def expand(paths: list[str]) -> list[str]:
    """Files to read: a folder is walked (sorted, symlinks not followed, table formats only)."""
    import os

    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames.sort()
                for fn in sorted(filenames):
                    f = os.path.join(dirpath, fn)
                    if Path(fn).suffix.lower() in FORMATS and not fn.startswith(".") \
                            and not os.path.islink(f):
                        out.append(f)
        else:
            out.append(p)
    return out


@dataclass
class Source:
    """Several inputs read one after another as one table. Its columns are those of the first
    input; a later input's rows are matched to them by column name (a column the first input
    lacks is not read: nothing unclassified is ever released, and ``extra`` counts such columns).
    Inputs are opened one at a time."""

    paths: list[str]
    fmt: str = "auto"
    sample_rows: int = 1000
    columns: list[str] = field(default_factory=list)
    extra: set = field(default_factory=set)
    _first: Table | None = None
    _open: Table | None = None

    def open(self) -> "Source":
        if not self.paths:
            raise InputError("no input files")
        self._first = open_table(self.paths[0], self.fmt, self.sample_rows)
        self.columns = list(self._first.columns)
        return self

    def rows(self) -> Iterator[list]:
        pos = {c: i for i, c in enumerate(self.columns)}
        width = len(self.columns)
        try:
            for n, p in enumerate(self.paths):
                t = self._first if n == 0 else open_table(p, self.fmt, self.sample_rows)
                self._open = t
                idx = [pos.get(c) for c in t.columns]
                self.extra.update(c for c in t.columns if c not in pos)
                if idx == list(range(width)):
                    for row in t.rows:
                        if len(row) != width:
                            row = (list(row) + [None] * width)[:width]
                        yield row
                else:
                    pairs = [(i, j) for j, i in enumerate(idx) if i is not None]
                    for row in t.rows:
                        out = [None] * width
                        for i, j in pairs:
                            if j < len(row):
                                out[i] = row[j]
                        yield out
                self._close(t)
        finally:
            self.close()

    @staticmethod
    def _close(t: Table | None) -> None:
        if t is not None and t.close:
            try:
                t.close()
            except Exception:  # pragma: no cover
                pass
            t.close = None

    def close(self) -> None:
        self._close(self._first)
        self._close(self._open)
