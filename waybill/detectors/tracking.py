"""Tracking numbers and sort codes: not personal data, and must survive masking (``share`` and
``print``) so the parcel can still be delivered. Reported so that no other detector claims them;
``dispose`` removes them.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context

_PATTERNS = [
    r"SF\d{12,15}",                      # SF Express
    r"JD[A-Z]{0,2}\d{10,16}",            # JD Logistics
    r"YT\d{13,15}",                      # YTO
    r"JT\d{13}",                         # J&T
    r"(?:DPK|DPL)\d{12,15}",             # Debon
    r"[A-Z]{2}\d{9}[A-Z]{2}",            # UPU S10 (EMS, postal parcels)
    r"1Z[0-9A-Z]{16}",                   # UPS
    r"9[2-5]\d{18,24}",                  # USPS IMpb
    r"(?:75|73|77|78|88|43|55|33)\d{12,13}",  # ZTO / STO / Yunda / Best style
]
TRACKING_RE = lazy(r"(?<![0-9A-Za-z])(?:" + "|".join(_PATTERNS) + r")(?![0-9A-Za-z])")
_LABELLED = lazy(
    # (a Latin label is a word of its own: 'AWB' in 'shawbradley14@outlook.com' is none)
    # (and the Japanese and Korean ones: 'お問い合せ番号 4829-1734-5562' stood in dispose; found by hand;
    # texts reach the detectors in simplified characters: 問 as 问, 跡 as 迹)
    # (each language's words behind a character class of their first letters: a position that
    # starts none of them costs one test)
    r"((?=[运快物单面问問伝送追운송])(?:运单号|快递单号|物流单号|单号|运单编号|面单号|[问問]い?合わ?せ(?:伝票)?番号|伝票番号|"
    r"送り状番号|追[迹跡]番号|운송장\s?번호|송장\s?번호)|(?<![A-Za-z0-9])(?i:(?=[tawspnczm])(?:Tracking\s*(?:No\.?|Number|ID|#)?|AWB|"
    r"Waybill\s*(?:No\.?)?|Sendungs?(?:nummer|nr\.?)?|Paketnummer|Suivi|N[°º]\s*de\s*suivi|Colis|Track\s*&\s*Trace|"
    # (a Vietnamese and an Indonesian one: 'Mã vận đơn: GHN7XK9Q2', 'No. Resi: JP1234567890' stood in
    # dispose; found by hand, 2026-12-07)
    r"Zending|m[aã]\s*v[aậ]n\s*[dđ][oơ]n|no\.?\s*resi|nomor\s*resi))(?![a-z]))"
    r"\s*[:：#]?\s*"
    # one token of 8-30, or groups of 2-6 with single spaces ("0694 7771 0714", "1Z 999 AA1 01 2345
    # 6784") and no digits after them (a longer group after them, a mobile, is not part of the
    # number: then nothing is taken for a tracking number and the phone detectors read the digits)
    r"((?i:[0-9A-Z][0-9A-Z\-]{7,30})(?![0-9A-Za-z])|[0-9A-Z]{2,6}(?: [0-9A-Z]{2,6}){2,7}(?![0-9A-Za-z]| \d))",
)


_GATE = lazy(r"[A-Z]{2}|\d{12}|单号|运单|面单|番号|송장|(?i:tracking|awb|waybill|sendung|paketnummer|suivi|colis|track|zending)")
# the same test in cheaper parts: substring tests for the Chinese labels, the label words only when
# a "b" or "k" (or the Kelvin sign, which (?i) reads as k) is there, and 12 digits looked for from
# the start of a digit run only (a run holds 12 digits iff it holds them from its start)
_GATE_CODE = lazy(r"[A-Z]{2}|(?<!\d)\d{12}")
_GATE_WORDS = lazy(r"(?i:tracking|awb|waybill|paketnummer|track)")
# the label words without a b or k: looked for only when a g, v or "lis" is there


def _words2(low: str) -> bool:
    return "sendung" in low or "suivi" in low or "colis" in low or "zending" in low


def gate(text: str) -> bool:
    """``_GATE.search(text) is not None``, faster."""
    return ("单号" in text or "运单" in text or "面单" in text or _GATE_CODE.search(text) is not None
            or "番号" in text or "송장" in text
            or (("b" in text or "B" in text or "k" in text or "K" in text or "\u212a" in text)
                and _GATE_WORDS.search(text) is not None)
            or (("g" in text or "G" in text or "v" in text or "V" in text or "lis" in text or "LIS" in text)
                and _words2(text.lower())))


def pattern_finding(text: str, start: int, end: int, role: str | None = None) -> Finding:
    return Finding(EntityType.TRACKING, start, end, text[start:end], 0.9, "tracking.pattern", role=role)


_PHONE_TAIL = lazy(r"1[3-9]\d{9}|0\d{9,11}")


def _without_phone_tail(text: str, a: int, b: int) -> int:
    """The end of a grouped number after a tracking label, without trailing groups that together
    read as a phone ("0694 7771 0714 139 1234 5678": the mobile is not part of the number), as
    long as 10 characters of the number stay."""
    groups = text[a:b].split(" ")
    for k in range(len(groups) - 2, 0, -1):  # the longest tail first
        head = groups[:-k] if k else groups
        if sum(map(len, head)) < 10:
            continue
        if _PHONE_TAIL.fullmatch("".join(groups[-k:])):
            return a + len(" ".join(head))
    return b


def detect(text: str, ctx: Context) -> list[Finding]:
    if ctx.hint != EntityType.TRACKING and not gate(text):
        return []
    out = [pattern_finding(text, m.start(), m.end()) for m in TRACKING_RE.finditer(text)]
    for m in _LABELLED.finditer(text):
        a, b = m.span(2)
        if " " in m.group(2):
            b = _without_phone_tail(text, a, b)
        out.append(Finding(EntityType.TRACKING, a, b, text[a:b], 0.95, "tracking.label"))
    if ctx.hint == EntityType.TRACKING:
        s = text.strip()
        if s:
            i = text.index(s)
            out.append(Finding(EntityType.TRACKING, i, i + len(s), s, 0.95, "tracking.column"))
    return out
