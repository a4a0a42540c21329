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
_LABEL = re.compile(r"tel|phone|mob|cell|fax|contact|call|whatsapp|\bph\b|電話|电话|手机|联系", re.I)
# a Japanese mobile in its own grouping (090-1234-5678, 080 1234 5678): no Chinese number is
# written 3-4-4 with a leading 070/080/090 (Chinese area codes 0701.. are written 4-7)
_JP_MOBILE = re.compile(r"(?<![\d+\-])0[789]0([\-\s])\d{4}\1\d{4}(?![\d\-])")
# North-American formatting is a phone whether or not the area code is assigned
_NANP_SHAPE = re.compile(r"(?<![\d(])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.\s]\d{4}(?!\d)")


# service numbers, never a person's: Chinese 400/800 hotlines (400-820-8820, 4008208820) and North
# American toll-free 800 numbers (the NANP has no area code 400)
_SERVICE = re.compile(r"1?[48]00\d{7}")
# a British context: the policy's region, or the text names the UK, a +44 prefix or a UK postcode
_UK_MARK = re.compile(r"\+\s?44|(?<!\d)0044|\bU\.?K\b|United Kingdom|Great Britain|\bGB\b|England|Scotland|Wales|英国|"
                      r"Northern Ireland|Royal Mail|Parcelforce|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
# a British mobile, 07 then 9 digits, in any grouping (07927 525309, 07 927 525309, 079 2752 5309)
_UK_MOBILE = re.compile(r"(?<![\d+])0[ \-]?7[ \-]?[1-9](?:[ \-]?\d){8}(?!\d)")


def is_service(digits: str) -> bool:
    """A hotline or toll-free number (digits only): not personal data."""
    return _SERVICE.fullmatch(digits) is not None


def uk_context(text: str, ctx: Context) -> bool:
    return ctx.region in ("GB", "UK") or _UK_MARK.search(text) is not None


def uk_mobile(text: str, start: int, end: int) -> Finding | None:
    """The British mobile of ``text[start:end]`` (a span the Chinese patterns read as an 07xx
    landline: "07927 525309" is Jiujiang's area code 0792 too), as a phone_intl finding."""
    m = _UK_MOBILE.fullmatch(text, start, end)
    if m is None:
        return None
    return Finding(EntityType.PHONE_INTL, start, end, text[start:end], 0.9, "phone_intl.uk", meta=(("region", "GB"),))


# the groupings British mobiles are written in (07927 525309, 07927 525 309, 07 927 525309), found
# without any British context: no Chinese landline is written so (0792-7525309)
_UK_SHAPE = re.compile(r"(?<![\d+])07[1-9]\d{2}([ \-])(?:\d{6}|\d{3}\1\d{3})(?![\d\-])|(?<![\d+])07 [1-9]\d{2} \d{6}(?!\d)")


def uk_mobiles(text: str, ctx: Context) -> list[Finding]:
    """British mobiles: in any grouping with a British context, in their own groupings without."""
    if "07" not in text and "0 7" not in text:
        return []
    rx = _UK_MOBILE if uk_context(text, ctx) else _UK_SHAPE
    return [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.9, "phone_intl.uk", meta=(("region", "GB"),))
            for m in rx.finditer(text)]


_NOT_ASCII_DIGIT = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isdigit()))


def _digits_of(s: str) -> str:
    if s.isascii():  # the common case: one C call
        return s.translate(_NOT_ASCII_DIGIT)
    return "".join(c for c in s if c.isdigit())


def detect(text: str, ctx: Context) -> list[Finding]:
    uk = uk_mobiles(text, ctx)
    if "0-" in text or "0 " in text:
        uk += [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.85, "phone_intl.jp", meta=(("region", "JP"),))
               for m in _JP_MOBILE.finditer(text)]
    if not _CANDIDATE.search(text):
        return uk
    # North-American shapes first ("(774) 999-7629", "774-999-7629"): a phone whatever else is
    # around; libphonenumber's matcher (slow) runs only when digits outside them remain
    shaped = []
    services = []
    for m in _NANP_SHAPE.finditer(text):
        if is_service(_digits_of(m.group())):
            services.append(m.span())
        else:
            shaped.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.9, "phone_intl.shape"))
    if shaped or services:
        rest = list(text)
        for a, b in [(f.start, f.end) for f in shaped] + services:
            rest[a:b] = " " * (b - a)
        if not _CANDIDATE.search("".join(rest)):
            return shaped + uk
    out = list(uk)
    # a phone column or a phone label allows "possible" numbers; free text needs valid ones
    lenient = ctx.hint == EntityType.PHONE or _LABEL.search(text)
    try:
        matcher = PhoneNumberMatcher(text, ctx.region, leniency=Leniency.POSSIBLE if lenient else Leniency.VALID)
        for m in matcher:
            num = m.number
            if num.country_code == 86 or sum(c.isdigit() for c in m.raw_string) < 10:
                continue
            if num.country_code == 1 and is_service(str(num.national_number)) or \
                    "+" not in m.raw_string and is_service(_digits_of(m.raw_string)):
                continue  # a hotline or toll-free number
            if any(f.start < m.end and m.start < f.end for f in uk):
                continue
            if _REF_BEFORE.search(text, max(0, m.start - 12), m.start) and not _LABEL.search(text[:m.start]):
                continue  # left to the Chinese detector, which knows virtual/masked forms
            out.append(Finding(EntityType.PHONE_INTL, m.start, m.end, m.raw_string, 0.9,
                               "phone_intl", meta=(("region", phonenumbers.region_code_for_number(num) or ""),)))
    except Exception:  # pragma: no cover - libphonenumber on odd input
        return out
    for m in _NANP_SHAPE.finditer(text):
        if is_service(_digits_of(m.group())):
            continue
        if not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.7, "phone_intl.shape"))
    return out
