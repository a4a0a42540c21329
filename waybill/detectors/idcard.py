"""Chinese resident identity numbers: 18 digits with ISO 7064 MOD 11-2 checksum, 15-digit old form."""
from __future__ import annotations

import re
from datetime import date

from ..model import EntityType, Finding
from ..resources import divisions
from . import Context

ID18_RE = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])")
ID15_RE = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{2})(\d{2})(\d{2})(\d{3})(?![\dA-Za-z])")
MASKED_ID_RE = re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}[*＊xX]{8,10}\d{3}[\dXx](?![\dA-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83 91".split()
)
_ID_LABEL = re.compile(r"(身份证|证件|ID\s*(?:No|number|#)?)[^\d]{0,6}$", re.I)


def checksum_ok(id18: str) -> bool:
    s = sum(int(c) * w for c, w in zip(id18[:17], _WEIGHTS))
    return _CHECK[s % 11] == id18[17].upper()


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt = date(y, m, d)
    except ValueError:
        return False
    return date(1900, 1, 1) <= dt <= date.today()


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if len(text) < 15:
        return out
    for m in MASKED_ID_RE.finditer(text):
        out.append(Finding(EntityType.MASKED, m.start(), m.end(), m.group(), 0.9, "idcard.masked"))
    for m in ID18_RE.finditer(text):
        area, y, mo, d = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
        if area[:2] not in PROVINCES or not _valid_date(y, mo, d):
            continue
        if not checksum_ok(m.group()):
            # a typo'd ID next to an ID label is still an ID
            if not _ID_LABEL.search(text, max(0, m.start() - 12), m.start()) and ctx.hint != EntityType.ID_CARD:
                continue
            score = 0.7
        else:
            score = 0.99 if area in divisions().county_codes else 0.9
        out.append(Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(), score, "idcard.18"))
    for m in ID15_RE.finditer(text):
        area, y, mo, d = m.group(1), 1900 + int(m.group(2)), int(m.group(3)), int(m.group(4))
        if area[:2] not in PROVINCES or not _valid_date(y, mo, d):
            continue
        labelled = _ID_LABEL.search(text, max(0, m.start() - 12), m.start()) or ctx.hint == EntityType.ID_CARD
        # without a label, only a real county code makes a 15-digit run an old ID
        if not labelled and area not in divisions().county_codes:
            continue
        out.append(Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(),
                           0.9 if labelled else 0.75, "idcard.15"))
    return out
