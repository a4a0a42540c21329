"""Phone numbers outside mainland-China mobile/landline forms, through Google's libphonenumber
(the ``phonenumbers`` package): US formats and anything with a +country code.
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from ..model import EntityType, Finding
from . import Context

# cheap prefilter: something that looks like a formatted phone number
_CANDIDATE = re.compile(
    r"\+\s?\d|\(\d{3}\)|\b\d{3}[\s.\-/]\d{3}[\s.\-]\d{4}\b|\b1[\s.\-]\d{3}[\s.\-]\d{3}[\s.\-]\d{4}\b"
    r"|\b\d{10}\b"
)


# a number after one of these labels is a reference, not a phone
_REF_BEFORE = re.compile(r"(?:ref|po|order|invoice|inv|acct|account|awb|no|nr|#)\.?\s*[:#]?\s*$", re.I)
_LABEL = re.compile(r"tel|phone|mobile|cell|fax|contact|call|電話|电话|手机|联系", re.I)
# North-American formatting is a phone whether or not the area code is assigned
_NANP_SHAPE = re.compile(r"(?<![\d(])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.\s]\d{4}(?!\d)")


def detect(text: str, ctx: Context) -> list[Finding]:
    if not _CANDIDATE.search(text):
        return []
    # North-American shapes first ("(774) 999-7629", "774-999-7629"): a phone whatever else is
    # around; libphonenumber's matcher (slow) runs only when digits outside them remain
    shaped = [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.9, "phone_intl.shape")
              for m in _NANP_SHAPE.finditer(text)]
    if shaped:
        rest = list(text)
        for f in shaped:
            rest[f.start:f.end] = " " * (f.end - f.start)
        if not _CANDIDATE.search("".join(rest)):
            return shaped
    out = []
    # a phone column or a phone label allows "possible" numbers; free text needs valid ones
    lenient = ctx.hint == EntityType.PHONE or _LABEL.search(text)
    try:
        matcher = PhoneNumberMatcher(text, ctx.region, leniency=Leniency.POSSIBLE if lenient else Leniency.VALID)
        for m in matcher:
            num = m.number
            if num.country_code == 86 or sum(c.isdigit() for c in m.raw_string) < 10:
                continue
            if _REF_BEFORE.search(text, max(0, m.start - 12), m.start) and not _LABEL.search(text[:m.start]):
                continue  # left to the Chinese detector, which knows virtual/masked forms
            out.append(Finding(EntityType.PHONE_INTL, m.start, m.end, m.raw_string, 0.9,
                               "phone_intl", meta=(("region", phonenumbers.region_code_for_number(num) or ""),)))
    except Exception:  # pragma: no cover - libphonenumber on odd input
        return out
    for m in _NANP_SHAPE.finditer(text):
        if not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.7, "phone_intl.shape"))
    return out
