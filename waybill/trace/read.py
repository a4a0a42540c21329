"""The text units of a leaked copy, in any format: the same units the masker fingerprints (table
cells, JSON strings and keys, XLSX cells, free-text lines, ZPL field data), whatever the leaker
did to the file around them (rows dropped or shuffled, columns reordered or dropped, another
encoding, CSV -> XLSX -> JSON)."""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import Iterator

from ..errors import InputError

TEXT_FORMATS = ("csv", "tsv", "xlsx", "json", "jsonl", "txt", "zpl")


def units(data: bytes, fmt: str) -> Iterator[str]:
    if fmt in ("csv", "tsv"):
        yield from _table(data, fmt)
    elif fmt == "xlsx":
        yield from _xlsx(data)
    elif fmt == "json":
        yield from _json(json.loads(_text(data)))
    elif fmt == "jsonl":
        for line in _text(data).splitlines():
            if line.strip():
                try:
                    yield from _json(json.loads(line))
                except ValueError:
                    yield line
    elif fmt == "zpl":
        yield from _zpl(data)
    else:
        for line in _text(data).splitlines():
            yield line


def _text(data: bytes) -> str:
    from ..formats.textio import sniff

    enc = sniff(data[:1 << 16])
    try:
        return data[len(enc.bom):].decode(enc.name)
    except UnicodeDecodeError:
        raise InputError("invalid byte sequence for the detected text encoding") from None


def _table(data: bytes, fmt: str) -> Iterator[str]:
    from ..formats.table import _sniff_dialect

    text = _text(data)
    delim, _ = _sniff_dialect(text[:1 << 16], fmt)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False):
        yield from row


def _xlsx(data: bytes) -> Iterator[str]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        from ..errors import MissingDependency

        raise MissingDependency("XLSX support needs openpyxl: pip install 'waybill[xlsx]'") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:
        raise InputError(f"not a readable XLSX workbook ({e.__class__.__name__})") from None
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        yield v
    finally:
        wb.close()


def _json(node) -> Iterator[str]:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            for k, v in n.items():
                yield str(k)
                stack.append(v)
        elif isinstance(n, list):
            stack.extend(reversed(n))
        elif isinstance(n, str):
            yield n


def _zpl(data: bytes) -> Iterator[str]:
    from ..formats import zpl

    st = zpl.State()
    for piece in zpl._labels(io.BytesIO(data), st):
        try:
            fields = zpl.parse_label(piece, st)
        except Exception:  # pragma: no cover - a broken label: its raw text
            yield piece
            continue
        for f in fields:
            if f.kind == "text" and f.text:
                yield f.text
