"""Indian tax IDs that hold a personal ID: a GSTIN (15 characters: 2-digit state code, the owner's
PAN, entity number, 'Z', check character) carries its owner's PAN, which for a proprietor is a
personal ID; a PAN printed with its label ("PAN: ABCPK1234F") is one too. The PAN inside a GSTIN
is reported as an ID (the state code and the rest stay), only when the GSTIN's check character is
right (an order or SKU code of the same shape is left alone)."""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context

GSTIN_RE = lazy(r"(?<![A-Za-z0-9])(\d{2})([A-Z]{5}\d{4}[A-Z])([1-9A-Z])([Z2])([0-9A-Z])(?![A-Za-z0-9])")
PAN_LABELLED_RE = lazy(r"(?i:\bPAN)\s*(?i:No\.?|Number|#)?\s*[:：#]?\s*([A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z])"
                             r"(?![A-Za-z0-9])")
GATE = lazy(r"\d{2}[A-Z]{5}\d{4}|(?i:\bPAN\b)")
_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def check_char(body: str) -> str:
    """GSTIN check character of the first 14 characters (mod-36, weights 1 and 2)."""
    total = 0
    for i, c in enumerate(body):
        v = _CHARS.index(c) * (2 if i % 2 else 1)
        total += v // 36 + v % 36
    return _CHARS[(36 - total % 36) % 36]


def detect(text: str, ctx: Context) -> list[Finding]:
    if not GATE.search(text):
        return []
    out: list[Finding] = []
    for m in GSTIN_RE.finditer(text):
        g = m.group()
        if check_char(g[:14]) != g[14]:
            continue
        out.append(Finding(EntityType.ID_CARD, m.start(2), m.end(2), m.group(2), 0.95, "gstin.pan"))
    for m in PAN_LABELLED_RE.finditer(text):
        if not any(f.start <= m.start(1) < f.end for f in out):
            out.append(Finding(EntityType.ID_CARD, m.start(1), m.end(1), m.group(1), 0.9, "pan.labelled"))
    return out
