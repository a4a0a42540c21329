"""Canary records (``--canaries N``, off by default): synthetic, realistic records added to a named
share's text export. Each is made from the file's own masked rows (its shape, its columns, values
like weights and times taken from other rows) with a new surname, district and phone tail, and new
identifiers of the same shape as the file's own: a tracking number, an order number, a relay
(virtual) number where the preset prints them. Those identifiers are keyed by the share, recorded
in the audit log (they are not personal data: nobody has them) and name the share outright when
one turns up in a leak.

Off by default because a canary in an operational list is a phantom parcel: whoever uses the list
to deliver must know to drop the identifiers the audit log lists.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import hmac
import io
import json
import random
import re
from ..lazy_re import lazy

from .text import TextMark, runs

_TRACKING = lazy(r"^([A-Z]{1,4})?(\d{10,20})$")
_LONG_DIGITS = lazy(r"^\d{10,24}$")
_RELAY = lazy(r"^(1\d{10})([-转#]\d{1,6})?$")
_PHONE_TAIL = lazy(r"\d{4}$")
_LATIN_WORD = lazy(r"[A-Za-z\u00c0-\u024f]\*+")


class Maker:
    """Makes the canaries of one output file (deterministic for the share and the input)."""

    def __init__(self, share, salt: str):
        self.share = share
        seed = hmac.new(share.canary_key, salt.encode(), hashlib.sha256).digest()
        self.r = random.Random(seed)
        self.mark = TextMark(share.text_key)
        self._gen = None
        self.ids: list[list[str]] = []

    def gen(self):
        if self._gen is None:
            from ..generators.records import Gen

            self._gen = Gen(self.r.randrange(1 << 30))
        return self._gen

    def positions(self, n_rows: int, n: int) -> list[int]:
        """Where the canaries go: n distinct row indexes (0..n_rows) in increasing order."""
        return sorted(self.r.randint(0, max(0, n_rows)) for _ in range(n))

    # ------------------------------------------------------------------ values

    def value(self, v, col: int | str, rows: list, ids: list):
        """A canary's value for one cell, from the template's value ``v``."""
        if not isinstance(v, str) or not v.strip():
            return v
        s = v.strip()
        m = _RELAY.match(s)
        if m and s.startswith("170"):
            new = "170" + "".join(self.r.choice("0123456789") for _ in range(8))
            if m.group(2):
                new += m.group(2)[0] + "".join(self.r.choice("0123456789") for _ in range(len(m.group(2)) - 1))
            ids.append(new)
            return v.replace(s, new)
        m = _TRACKING.match(s)
        if m and "*" not in s:
            pre, digits = m.group(1) or "", m.group(2)
            keep = 4 if not pre and len(digits) >= 14 else (2 if not pre else 0)
            new = pre + digits[:keep] + "".join(self.r.choice("0123456789") for _ in range(len(digits) - keep))
            ids.append(new)
            return v.replace(s, new)
        if "*" in s:
            return self._masked(v)
        # anything else (weights, times, remarks, regions): the same column of another row
        other = self.r.choice(rows)
        got = other.get(col) if isinstance(other, dict) else (other[col] if col < len(other) else None)
        return got if isinstance(got, str) and "*" not in got and not _LONG_DIGITS.match(got.strip()) else v

    def _masked(self, v: str) -> str:
        skel, rs = runs(v)
        classes = {c for *_, c in rs}
        g = self.gen()
        if "addr" in classes:
            new = g.cn_region() + "*" * self.r.randint(8, 20)
        elif "name" in classes and re.match(r"^[\u3400-\u9fff]{1,2}\*+$", v):
            sur = g.r.choice(g.compound) if self.r.random() < 0.05 else g.r.choice(g.single)
            new = sur + "*" * self.r.choice((1, 2, 2))
        elif "name" in classes and _LATIN_WORD.search(v):
            new = _LATIN_WORD.sub(lambda m: self.r.choice("ABCDEFGHJKLMNPRSTW") + "*" * self.r.randint(2, 7), v)
        elif "phone" in classes:
            new = _PHONE_TAIL.sub(lambda m: f"{self.r.randrange(10000):04d}", v)
        else:
            return v
        # the canary carries the share's fingerprint like every other row
        _, rs2 = runs(new)
        from ..model import EntityType as T

        typ = {"addr": T.ADDRESS, "word": T.ADDRESS, "name": T.NAME, "phone": T.PHONE}
        return self.mark.unit(new, [(a, b, typ[c]) for a, b, c in rs2 if c is not None])

    def row(self, template, rows: list):
        ids: list[str] = []
        if isinstance(template, dict):
            out = self._walk(copy.deepcopy(template), rows, ids, None)
        else:
            out = [self.value(v, i, rows, ids) for i, v in enumerate(template)]
        self.ids.append(ids)
        return out

    def _walk(self, node, rows, ids, key):
        if isinstance(node, dict):
            return {k: self._walk(v, [r.get(k) if isinstance(r, dict) else None for r in rows], ids, k)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [self._walk(v, rows, ids, key) for v in node]
        if isinstance(node, str):
            s = node.strip()
            if "*" in s or _TRACKING.match(s) or _RELAY.match(s):
                return self.value(node, 0, [], ids)
            pool = [r for r in rows if isinstance(r, str) and "*" not in r and not _LONG_DIGITS.match(r.strip())]
            return self.r.choice(pool) if pool else node
        return node


# ----------------------------------------------------------------------------- per format


def _records(text: str) -> list[str]:
    """CSV records (with their line ends): lines joined while a quote is open."""
    out, cur, quotes = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            out.append("".join(cur))
            cur, quotes = [], 0
    if cur:
        out.append("".join(cur))
    return out


def add_table(data: bytes, fmt: str, share, salt: str, region: str) -> tuple[bytes, list]:
    from ..formats.structure import looks_like_header
    from ..formats.table import _sniff_dialect
    from ..formats.textio import sniff

    enc = sniff(data[:1 << 16])
    body = data[len(enc.bom):] if enc.bom else data
    text = body.decode(enc.name)
    delim, lt = _sniff_dialect(text[:1 << 16], fmt)
    recs = _records(text)
    if not recs:
        return data, []
    parsed = [next(csv.reader([r.rstrip("\r\n")], delimiter=delim), []) for r in recs]
    head = 1 if looks_like_header(parsed[0], region) else 0
    rows = [p for p in parsed[head:] if p]
    if not rows:
        return data, []
    mk = Maker(share, salt)
    n = share.canaries
    pos = mk.positions(len(recs) - head, n)
    ending = lt if recs[-1].endswith(("\n", "\r")) else ""
    out_recs = list(recs)
    if not ending:  # the last record had no line end: give it one before appending after it
        out_recs[-1] = out_recs[-1] + lt
    added = []
    for k, p in enumerate(reversed(pos)):
        row = mk.row(mk.r.choice(rows), rows)
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim, lineterminator=lt, quoting=csv.QUOTE_MINIMAL).writerow(row)
        out_recs.insert(head + p, buf.getvalue())
        added.append(head + p)
    new = "".join(out_recs)
    if not ending and new.endswith(lt):
        new = new[: -len(lt)]
    return enc.bom + new.encode(enc.name), _report(mk, pos, head)


def add_jsonl(data: bytes, share, salt: str) -> tuple[bytes, list]:
    from ..formats.textio import sniff

    enc = sniff(data[:1 << 16])
    body = data[len(enc.bom):] if enc.bom else data
    lines = body.decode(enc.name).splitlines(keepends=True)
    objs = []
    for ln in lines:
        try:
            o = json.loads(ln)
        except ValueError:
            continue
        if isinstance(o, dict):
            objs.append(o)
    if not objs:
        return data, []
    mk = Maker(share, salt)
    pos = mk.positions(len(lines), share.canaries)
    end = "\r\n" if lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += end
    for p in reversed(pos):
        lines.insert(p, json.dumps(mk.row(mk.r.choice(objs), objs), ensure_ascii=False) + end)
    return enc.bom + "".join(lines).encode(enc.name), _report(mk, pos, 0)


def add_json(data: bytes, share, salt: str) -> tuple[bytes, list]:
    from ..formats.jsonfmt import _has_non_ascii_raw
    from ..formats.textio import sniff

    enc = sniff(data[:1 << 16])
    body = data[len(enc.bom):] if enc.bom else data
    text = body.decode(enc.name)
    obj = json.loads(text)
    target = None
    if isinstance(obj, list) and obj and all(isinstance(x, dict) for x in obj):
        target = obj
    elif isinstance(obj, dict):
        for v in obj.values():
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                target = v
                break
    if target is None:
        return data, []
    mk = Maker(share, salt)
    pos = mk.positions(len(target), share.canaries)
    for p in reversed(pos):
        target.insert(p, mk.row(mk.r.choice(target), list(target)))
    indent = None
    stripped = text.lstrip()
    if "\n" in stripped.strip():
        second = stripped.split("\n", 1)[1]
        indent = len(second) - len(second.lstrip(" ")) or 2
    out = json.dumps(obj, ensure_ascii=not _has_non_ascii_raw(text), indent=indent)
    if text.endswith("\n"):
        out += "\n"
    return enc.bom + out.encode(enc.name), _report(mk, pos, 0)


def add_xlsx(data: bytes, share, salt: str, region: str) -> tuple[bytes, list]:
    import openpyxl

    from ..formats.structure import looks_like_header

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    if not values:
        return data, []
    first = [str(v) for v in values[0] if v is not None]
    head = 1 if first and looks_like_header(first, region) else 0
    rows = [[("" if v is None else v) for v in r] for r in values[head:] if any(v is not None for v in r)]
    if not rows:
        return data, []
    mk = Maker(share, salt)
    pos = mk.positions(len(values) - head, share.canaries)
    for p in reversed(pos):
        row = mk.row(mk.r.choice(rows), rows)
        ws.insert_rows(head + p + 1)
        for c, v in enumerate(row, start=1):
            ws.cell(row=head + p + 1, column=c, value=v if v != "" else None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), _report(mk, pos, head)


def _report(mk: Maker, pos: list[int], head: int) -> list:
    """Audit entries: where each canary went (record number, header included) and its
    identifiers (synthetic: no personal data)."""
    out = []
    for k, p in enumerate(pos):
        ids = mk.ids[len(pos) - 1 - k] if len(mk.ids) == len(pos) else []
        out.append({"record": head + p + k + 1, "ids": ids})
    return out


def add(data: bytes, fmt: str, share, salt: str, region: str = "US") -> tuple[bytes, list | None]:
    """``data`` (a masked output) with the share's canaries added; (data, audit entries) or
    (data, None) for a format that takes none (free text, ZPL, images, PDF)."""
    if fmt in ("csv", "tsv"):
        return add_table(data, fmt, share, salt, region)
    if fmt == "jsonl":
        return add_jsonl(data, share, salt)
    if fmt == "json":
        return add_json(data, share, salt)
    if fmt == "xlsx":
        return add_xlsx(data, share, salt, region)
    return data, None
