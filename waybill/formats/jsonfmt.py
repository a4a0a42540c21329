"""JSON (any shape, nested) and JSON Lines. Keys are column hints; every string is also scanned by
content. Output keeps key order, indentation style and non-ASCII characters."""
from __future__ import annotations

import json
import sys

from ..errors import InputError
from . import pieces
from .textio import decode_error, open_text

MAX_DEPTH = 200


def _walk(engine, node, path, key, recs, report, depth=0):
    if depth > MAX_DEPTH:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, dict):
        return {k: _walk(engine, v, f"{path}.{k}" if path else str(k), k, recs, report, depth + 1)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(engine, v, f"{path}[{i}]", key, recs, report, depth + 1) for i, v in enumerate(node)]
    if isinstance(node, str):
        return engine.mask_value(node, {"field": path}, key, recs, report=report)
    if isinstance(node, int) and not isinstance(node, bool) and key is not None and len(str(abs(node))) >= 7:
        # phone numbers stored as JSON numbers: masked values become strings
        s = str(node)
        m = engine.mask_value(s, {"field": path}, key, recs, report=report)
        return node if m == s else m
    return node


def _loads(s: str):
    old = sys.getrecursionlimit()
    try:
        return json.loads(s)
    except RecursionError:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON (line {e.lineno}, column {e.colno})") from None
    finally:
        sys.setrecursionlimit(old)


def _jsonl_line(engine, line: str, i: int, recs: list, report: bool) -> str:
    body = line.rstrip("\r\n")
    if not body.strip():
        return line
    try:
        obj = _loads(body)
    except InputError as e:
        raise InputError(f"line {i}: {e.message}") from None
    new = _walk(engine, obj, f"[{i}]", None, recs, report)
    return json.dumps(new, ensure_ascii=False) + line[len(body):]


def mask(src, dst, job, fmt: str = "json") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        if fmt == "jsonl":
            pieces.mask_line_stream(text, dst, job, enc.name, _jsonl_line)
            return
        data = text.read()
    except UnicodeDecodeError:
        raise decode_error() from None
    obj = _loads(data)
    recs = []
    new = _walk(job.engine, obj, "", None, recs, job.report)
    job.sink.merge(recs)
    indent = None
    stripped = data.lstrip()
    if "\n" in stripped.strip():
        second = stripped.split("\n", 1)[1]
        indent = len(second) - len(second.lstrip(" ")) or 2
    out = json.dumps(new, ensure_ascii=not _has_non_ascii_raw(data), indent=indent)
    if data.endswith("\n"):
        out += "\n"
    dst.write(out.encode(enc.name))


def _has_non_ascii_raw(data: str) -> bool:
    return not data.isascii() or "\\u" not in data
