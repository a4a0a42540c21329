"""Chinese resident identity numbers: 18 digits with ISO 7064 MOD 11-2 checksum, 15-digit old form."""
from __future__ import annotations

import re
from ..lazy_re import lazy
from datetime import date

from ..model import EntityType, Finding
from ..resources import divisions
from ..trie_regex import trie_pattern
from . import Context
from .digitruns import grouped

ID18_RE = lazy(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])")
ID15_RE = lazy(r"(?<![\dA-Za-z])([1-9]\d{5})(\d{2})(\d{2})(\d{2})(\d{3})(?![\dA-Za-z])")
MASKED_ID_RE = lazy(r"(?<![\dA-Za-z])[1-9]\d{5}[ \-]{0,2}[*＊xX]{8,10}[ \-]{0,2}\d{3}[\dXx](?![\dA-Za-z])"
                          r"|(?<![\d.])\d\.\d{5}[*＊]{4,}\d{0,6}[eE]\+?1[67](?![\d.])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83 91".split()
)
_ID_LABEL = lazy(r"(身份证|身份号|证件|证号|公民身份|号码|ID\s*(?:No|number|#|card)?)[^\d]{0,6}$", re.I)
_ID_HEAD = lazy(r"[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d")
_GROUP_GATE = lazy(r"\d[ \u00a0\u3000.\-\u2010-\u2015_/·]{1,3}\d")


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
OTHER_ID_RE = lazy(
    r"(?i)(?:\bSSN|Social[ \t]+Security(?:[ \t]+(?:No\.?|Number|#))?)[ \t]*(?:is[ \t]+)?[:#]?[ \t]*(\d{3}[ \-]?\d{2}[ \-]?\d{4})(?!\d)"
    r"|(?<![\d\-])(\d{3}-\d{2}-\d{4})(?![\d\-])"
    r"|(?:\bPassport(?:[ \t]*(?:No\.?|Number|#))?|护照(?:号码?)?|護照(?:號碼?)?)[ \t]*[:：#]?[ \t]*([A-Z]{0,2}\d{6,9})(?![A-Za-z0-9])"
    # a bank card or account number after its label ('银行卡号 6222 0202 0000 1234 567', 'Card No. ...':
    # found by hand, it stood) and an IBAN after its label
    r"|(?:银行卡号?|卡号|银行账号|收款账号|\bbank[ \t]*card(?:[ \t]*(?:No\.?|Number|#))?|\bcard[ \t]*(?:No\.?|Number|#)"
    r"|\baccount[ \t]*(?:No\.?|Number|#))[ \t]*[:：#]?[ \t]*(\d(?:[ \-]?\d){11,18})(?![\d])"
    r"|\bIBAN[ \t]*[:：]?[ \t]*([A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){2,7}(?:[ \t]?[A-Z0-9]{1,4})?)(?![A-Za-z0-9])"
)
SSN_SHAPE = lazy(r"\d{3}-\d{2}-\d{4}")


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
_ACCOUNT_VALUE = lazy(r"[ \t]*(?:[A-Z]{2}\d{2}(?:[ \t\-]?[A-Z0-9]{2,4}){2,8}|[A-Z]{0,2}\d(?:[ \t\-./]?\d){5,33}[A-Z]?)[ \t]*")


def detect_column(text: str, ctx: Context) -> list[Finding]:
    m = _ACCOUNT_VALUE.fullmatch(text)
    if m is None or sum(c.isdigit() for c in text) < 6:
        return []
    a = len(text) - len(text.lstrip(" \t"))
    b = len(text.rstrip(" \t"))
    return [Finding(EntityType.ID_CARD, a, b, text[a:b], 0.8, "idcard.column")]


# other countries' personal numbers after their label, as customs declarations, cross-border labels,
# invoices and exports carry them ('Aadhaar: 2345 6789 0123', 'PAN: ABCDE1234F', 'DNI 12345678Z',
# 'Codice fiscale: RSSMRA85T10A562S', 'PESEL 44051401458', 'BSN 123456782', 'CPF 390.533.447-05',
# 'T.C. Kimlik No 17291716060', '개인통관고유부호 P123456789012': every one stood; found by hand). A
# value of its number's shape after its label is masked whole (checked or not: the label says what
# it is); a few numbers whose shape and check digits say so alone are masked without a label.
# (label, value) per number; python-stdnum validates where a number has check digits
_NATIONAL = (
    ("in.aadhaar", r"(?i:aadhaa?r|uidai)(?:[ \t]*(?i:card|no\.?|number|#))?|आधार(?:[ \t]*संख्या)?",
     r"\d{4}[ \-]?\d{4}[ \-]?\d{4}(?![\d\-])"),
    ("in.pan", r"PAN(?:[ \t]*(?i:card|no\.?|number|#))?", r"[A-Za-z]{5}\d{4}[A-Za-z](?![A-Za-z0-9])"),
    ("es.dni", r"D\.?N\.?I\.?|N\.?I\.?F\.?|N\.?I\.?E\.?|(?i:documento(?:[ \t]+nacional)?(?:[ \t]+de[ \t]+identidad)?)",
     r"[XYZxyz]?\d{1,2}\.?\d{3}\.?\d{3}(?:[ \-]?[A-Za-z])?(?![A-Za-z0-9])"),
    ("it.codicefiscale", r"(?i:codice[ \t]+fiscale)|C\.F\.|CF",
     r"[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z]\d{3}[A-Za-z](?![A-Za-z0-9])"),
    ("de.ausweis", r"(?i:personalausweis(?:nummer|[ \-]?nr\.?)?|ausweis(?:nummer|[ \-]?nr\.?)|reisepass(?:nummer|[ \-]?nr\.?)?)",
     r"[CFGHJKLMNPRTVWXYZ0-9]{9,10}(?![A-Za-z0-9])"),
    ("nl.bsn", r"BSN|(?i:burgerservicenummer)", r"\d{4}\.?\d{2}\.?\d{3}(?!\d)|\d{8,9}(?!\d)"),
    ("pl.pesel", r"PESEL", r"\d{11}(?!\d)"),
    ("br.cpf", r"CPF", r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d\-])"),
    ("tr.tckimlik", r"T\.?C\.?(?:[ \t]*(?i:kimlik))?(?:[ \t]*(?i:no\.?|numaras[ıi]))?|(?i:kimlik[ \t]*(?:no\.?|numaras[ıi]))",
     r"[1-9]\d{10}(?!\d)"),
    ("kr.rrn", r"주민(?:등록)?[ \t]*번호", r"\d{6}[ \-]?\d{7}(?!\d)"),
    ("kr.pccc", r"(?:개인)?통관[ \t]*(?:고유)?[ \t]*부호|PCCC", r"[Pp]\d{12}(?!\d)"),
    ("fr.nir", r"NIR|(?i:num[ée]ro[ \t]+de[ \t]+s[ée]curit[ée][ \t]+sociale|n°[ \t]*(?:de[ \t]+)?s[ée]cu)",
     r"[12][ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{3}[ \t]?\d{3}(?:[ \t]?\d{2})?(?!\d)"),
    ("gb.nino", r"NINO|NI[ \t]*(?i:no\.?|number)|(?i:national[ \t]+insurance(?:[ \t]+(?:no\.?|number))?)",
     r"[A-Za-z]{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-Da-d](?![A-Za-z0-9])"),
    ("mx.curp", r"CURP", r"[A-Za-z]{4}\d{6}[HMhm][A-Za-z]{5}[A-Za-z0-9]\d(?![A-Za-z0-9])"),
    ("mx.rfc", r"RFC", r"[A-Za-zÑñ&]{3,4}\d{6}[A-Za-z0-9]{3}(?![A-Za-z0-9])"),
    ("cl.rut", r"RU[TN]", r"\d{1,2}\.?\d{3}\.?\d{3}-[\dkK](?![\dA-Za-z])"),
    # (an Israeli identity number after 'ת.ז.' stood whole; a Saudi national ID or iqama number and an
    # Emirates ID after their Arabic labels were masked as phones, their last four digits kept; found
    # by hand, 2026-12-07 night)
    # (the label says what the number is: any length near an identity number's is masked as one)
    ("il.idnr", r"ת\.?[ \t]?ז\.?|ת[\"״]ז|תעודת[ \t]+זהות|(?:מספר|מס['׳]?)[ \t]*(?:ה)?זהות", r"\d{5,12}(?!\d)"),
    ("ae.eid", r"(?i:emirates[ \t]+id(?:[ \t]*(?:no\.?|number|#))?)|(?:رقم[ \t]*)?(?:ال)?هوية[ \t]*(?:ال)?[إا]ماراتية",
     r"784[ \-]?\d{4}[ \-]?\d{7}[ \-]?\d(?!\d)"),
    ("sa.id", r"(?:رقم[ \t]*)?(?:ال)?هوي[ةه](?:[ \t]*(?:ال)?وطني[ةه])?|(?:رقم[ \t]*)?(?:ال)?[إا]قام[ةه]|(?:ال)?سجل[ \t]*(?:ال)?مدني",
     r"\d{8,12}(?!\d)"),
    ("id.national", r"(?i:national[ \t]+id(?:entity)?(?:[ \t]+card)?|personal[ \t]+id|citizen[ \t]+id|identity[ \t]+card)"
                    r"(?:[ \t]*(?i:no\.?|number|#))?",
     r"[A-Za-z0-9](?:[A-Za-z0-9\-]){5,19}(?![A-Za-z0-9])"),
)
_NATIONAL_RE = lazy("|".join(
    rf"(?P<l{k}>(?<![A-Za-z]){label})(?![A-Za-z])[ \t]*(?:[:：#=]|is|\-)?[ \t]*(?P<v{k}>{value})"
    for k, (_name, label, value) in enumerate(_NATIONAL)))
# the labels' words as written (one trie-shaped pass over the text: a case-blind alternation of
# them cost ~11 us a cell of every text with a letter)
_LABEL_UPPER = ("PAN", "DNI", "D.N.I", "NIF", "N.I.F", "NIE", "N.I.E", "CF", "C.F.", "BSN", "PESEL", "CPF", "T.C", "TC",
                "NIR", "NINO", "NI ", "NI.", "CURP", "RFC", "RUT", "RUN", "PCCC", "주민", "통관", "आधार",
                "ת.ז", "ת. ז", "תז", 'ת"ז', "ת״ז", "זהות", "هوية", "هويه", "إقامة", "اقامة", "إقامه", "اقامه", "سجل",
                "Emirates", "emirates", "EMIRATES")
_LABEL_WORDS = ("aadha", "uidai", "documento", "codice", "ausweis", "reisepass", "burgerservice", "kimlik", "insurance",
                "national", "personal", "citizen", "identity", "sécu", "secu", "n° s")
NATIONAL_GATE = lazy(trie_pattern(sorted(set(_LABEL_UPPER) | {f(w) for w in _LABEL_WORDS
                                                                      for f in (str.lower, str.capitalize, str.upper)})))
# numbers whose shape and check digits say what they are, without a label: an Italian fiscal
# code, a Brazilian CPF written with its dots and dash, a Mexican CURP, a Spanish NIE
_UNLABELLED = (
    ("it.codicefiscale", re.compile(r"(?<![A-Za-z0-9])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![A-Za-z0-9])")),
    ("br.cpf", re.compile(r"(?<![\d.\-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d\-])")),
    ("mx.curp", re.compile(r"(?<![A-Za-z0-9])[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d(?![A-Za-z0-9])")),
    ("es.nie", re.compile(r"(?<![A-Za-z0-9])[XYZ]\d{7}[A-Z](?![A-Za-z0-9])")),
    # (an Emirates ID in its own dashed shape, 784-YYYY-NNNNNNN-C: no other number is written so)
    ("ae.eid", re.compile(r"(?<![\d\-])784-\d{4}-\d{7}-\d(?![\d\-])")),
)


def _valid(kind: str, value: str) -> bool:
    import importlib
    if kind == "ae.eid":
        return True  # (python-stdnum has no module for it: its shape says enough)

    try:
        mod = importlib.import_module("stdnum." + kind.replace("in.", "in_."))
    except ImportError:  # pragma: no cover - python-stdnum is a dependency
        return False
    return bool(mod.is_valid(value))


def detect_national(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if NATIONAL_GATE.search(text) is not None:
        for m in _NATIONAL_RE.finditer(text):
            k = next(int(g[1:]) for g, v in m.groupdict().items() if v is not None and g[0] == "v")
            a, b = m.span(f"v{k}")
            kind = _NATIONAL[k][0]
            if kind == "id.national" and sum(c.isdigit() for c in text[a:b]) < 4:
                continue  # ('National ID card required': no number)
            out.append(Finding(EntityType.ID_CARD, a, b, text[a:b], 0.85, f"idcard.{kind}",
                               meta=(("national", True),)))
    for kind, rx in _UNLABELLED:
        for m in rx.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            if _valid(kind, m.group()):
                out.append(Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(), 0.8, f"idcard.{kind}",
                                   meta=(("national", True),)))
    return out


_UNLABELLED_GATE = lazy(r"[A-Z]{6}\d{2}[A-Z]|\d{3}\.\d{3}\.\d{3}-|[A-Z]{4}\d{6}[HM]|[XYZ]\d{7}[A-Z]|784-\d{4}-")


def national_gate(text: str) -> bool:
    """Whether ``text`` may hold another country's personal number (a label's word, or a shape that
    needs none)."""
    return NATIONAL_GATE.search(text) is not None or _UNLABELLED_GATE.search(text) is not None
