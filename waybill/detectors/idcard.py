"""Chinese resident identity numbers: 18 digits with ISO 7064 MOD 11-2 checksum, 15-digit old form."""
from __future__ import annotations

import re
from datetime import date

from ..model import EntityType, Finding
from ..resources import divisions
from . import Context
from .digitruns import grouped

ID18_RE = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])")
ID15_RE = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{2})(\d{2})(\d{2})(\d{3})(?![\dA-Za-z])")
MASKED_ID_RE = re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}[ \-]{0,2}[*＊xX]{8,10}[ \-]{0,2}\d{3}[\dXx](?![\dA-Za-z])"
                          r"|(?<![\d.])\d\.\d{5}[*＊]{4,}\d{0,6}[eE]\+?1[67](?![\d.])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83 91".split()
)
_ID_LABEL = re.compile(r"(身份证|身份号|证件|证号|公民身份|号码|ID\s*(?:No|number|#|card)?)[^\d]{0,6}$", re.I)
_ID_HEAD = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d")
_GROUP_GATE = re.compile(r"\d[ \u00a0\u3000.\-\u2010-\u2015_/·]{1,3}\d")


def checksum_ok(id18: str) -> bool:
    s = sum(int(c) * w for c, w in zip(id18[:17], _WEIGHTS))
    return _CHECK[s % 11] == id18[17].upper()


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt = date(y, m, d)
    except ValueError:
        return False
    return date(1900, 1, 1) <= dt <= date.today()


def _id18(text: str, start: int, end: int, digits: str, ctx: Context, detector: str) -> Finding | None:
    """An 18-character ID (digits already joined) at ``start:end``, or None. A checksum that fails
    does not make a number less personal: after an ID label or in an ID column it is an ID; without
    a label it is one when its county code and birth date are both real."""
    if not digits[:17].isdigit() or not (digits[17].isdigit() or digits[17] in "Xx"):
        return None
    area, y, mo, d = digits[:6], int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    if area[:2] not in PROVINCES or not _valid_date(y, mo, d):
        return None
    county = area in divisions().county_codes
    if checksum_ok(digits):
        score = 0.99 if county else 0.9
    elif ctx.hint == EntityType.ID_CARD or _ID_LABEL.search(text, max(0, start - 12), start):
        score = 0.7  # a typo'd ID next to an ID label is still an ID
    elif county:
        score = 0.6
    else:
        return None
    return Finding(EntityType.ID_CARD, start, end, text[start:end], score, detector)


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if len(text) < 15:
        return out
    # an already-masked ID holds a mask character ("*", "＊", "x", "X"): no search without one
    for m in (MASKED_ID_RE.finditer(text) if ("*" in text or "＊" in text or "x" in text or "X" in text) else ()):
        out.append(Finding(EntityType.MASKED, m.start(), m.end(), m.group(), 0.9, "idcard.masked"))
    for m in ID18_RE.finditer(text):
        f = _id18(text, m.start(), m.end(), m.group(), ctx, "idcard.18")
        if f:
            out.append(f)
    if "e" in text or "E" in text:
        # an ID stored as a float by a spreadsheet: 1.10101199003071e17 keeps its area code and
        # birth date (the last digits are rounded away): an ID when both are real
        from .phone_cn import _FLOAT_RE

        for m in _FLOAT_RE.finditer(text):
            mant, _, exp = m.group().lower().partition("e")
            if int(exp.lstrip("+")) != 17:
                continue
            digits = (mant.replace(".", "") + "0" * 18)[:18]
            area, y, mo, d = digits[:6], int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
            if area in divisions().county_codes and _valid_date(y, mo, d):
                out.append(Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(), 0.7, "idcard.float"))
    if _GROUP_GATE.search(text):
        # "110101 19900307 123X", "110101-1990-0307-1234": the same digits in groups
        for s0, e0, digits, _ in grouped(text, 18, last_x=True, head=_ID_HEAD):
            f = _id18(text, s0, e0, digits, ctx, "idcard.grouped")
            if f:
                out.append(f)
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


# other countries' identity numbers: a US Social Security number (after its label, or in its own
# 3-2-4 dashed shape) and a passport number after its label; masked whole (no partial shape)
OTHER_ID_RE = re.compile(
    r"(?i)(?:\bSSN|Social[ \t]+Security(?:[ \t]+(?:No\.?|Number|#))?)[ \t]*[:#]?[ \t]*(\d{3}[ \-]?\d{2}[ \-]?\d{4})(?!\d)"
    r"|(?<![\d\-])(\d{3}-\d{2}-\d{4})(?![\d\-])"
    r"|(?:\bPassport(?:[ \t]*(?:No\.?|Number|#))?|护照(?:号码?)?|護照(?:號碼?)?)[ \t]*[:：#]?[ \t]*([A-Z]{0,2}\d{6,9})(?![A-Za-z0-9])"
    # a bank card or account number after its label ('银行卡号 6222 0202 0000 1234 567', 'Card No. ...':
    # found by hand, it stood) and an IBAN after its label
    r"|(?:银行卡号?|卡号|银行账号|收款账号|\bbank[ \t]*card(?:[ \t]*(?:No\.?|Number|#))?|\bcard[ \t]*(?:No\.?|Number|#)"
    r"|\baccount[ \t]*(?:No\.?|Number|#))[ \t]*[:：#]?[ \t]*(\d(?:[ \-]?\d){11,18})(?![\d])"
    r"|\bIBAN[ \t]*[:：]?[ \t]*([A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){2,7}(?:[ \t]?[A-Z0-9]{1,4})?)(?![A-Za-z0-9])"
)
SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")


def detect_other(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for m in OTHER_ID_RE.finditer(text):
        g = next(i for i in (1, 2, 3, 4, 5) if m.group(i) is not None)
        if g == 2 and (m.group(2).startswith(("000", "666", "9")) or m.group(2)[4:6] == "00"):
            continue  # never issued as an SSN: a date, a part number
        out.append(Finding(EntityType.ID_CARD, m.start(g), m.end(g), m.group(g), 0.85,
                           ("idcard.ssn", "idcard.ssn", "idcard.passport", "idcard.bank_card", "idcard.iban")[g - 1]))
    return out



# a whole value in an ID, bank-card or account column: a card or account number in any grouping, an
# IBAN ('6217 0000 1000 1234 567' under '银行账号', 'DE89 3704 0044 0532 0130 00' under 'IBAN' stood
# whole in share and dispose: found by hand); 6+ digits, letters only where an IBAN or a passport has them
_ACCOUNT_VALUE = re.compile(r"[ \t]*(?:[A-Z]{2}\d{2}(?:[ \t\-]?[A-Z0-9]{2,4}){2,8}|[A-Z]{0,2}\d(?:[ \t\-./]?\d){5,33}[A-Z]?)[ \t]*")


def detect_column(text: str, ctx: Context) -> list[Finding]:
    m = _ACCOUNT_VALUE.fullmatch(text)
    if m is None or sum(c.isdigit() for c in text) < 6:
        return []
    a = len(text) - len(text.lstrip(" \t"))
    b = len(text.rstrip(" \t"))
    return [Finding(EntityType.ID_CARD, a, b, text[a:b], 0.8, "idcard.column")]
