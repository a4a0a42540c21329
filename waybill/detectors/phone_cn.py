"""Chinese phone numbers: mobiles (13x-19x, +86/0086, spaces/dashes), landlines with area codes
and extensions, relay numbers already in virtual form (11+4) and already-masked numbers.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context, phone_intl
from ..normalize import DIGIT_OF
from .digitruns import grouped

_GROUPED_GATE = lazy(r"\d[ \u00a0\u3000.\-\u2010-\u2015_/·]{1,3}\d")
_MOBILE_DIGITS = lazy(r"1[3-9]\d{9}")
_NUMERAL_GATE = lazy("[%s]" % "".join(DIGIT_OF))
_MIXED_RUN = lazy("[0-9%s]{11,}" % "".join(DIGIT_OF))
_MOBILE_AT = lazy(r"(?=1[3-9][0-9]{9})")
_MOBILE_HEAD = lazy(r"1[3-9]")
# a landline starts 0, a mobile 1 (or 86 / 0086 before it): some digit group must start so
_GROUP_01 = lazy(r"(?<!\d)[018]")
_LANDLINE_HEAD = lazy(r"0[1-9]")
_LANDLINE_DIGITS = lazy(r"0(?:10|2\d)[2-9]\d{6,7}|0[3-9]\d{2}[2-9]\d{5,7}")
_ANY_PHONE_LABEL = lazy(r"(?i)电话|手机|联系|座机|固话|tel|phone|mobile|cell")
# a number after a phone label, its digits split by any mix of separators ('手机号：1 3 8 - 1 2 3 4 -
# 5 6 7 8', '电话 138,1234,5678', '电话 138 ‐ 1234 ‐ 5678', '电话 [138]12345678': each stood whole;
# the grouped patterns take one separator throughout)
_SPLIT_SEP = r"[ \t\-.,，_/~·\[\]()（）【】\u2010-\u2015\u2212\uff0d]{1,4}"  # (1-4 of any of these)
LABEL_THEN_RUN = lazy(
    r"(?i)(?:电话|手机|座机|固话|联系方式|tel|phone|mobile|cell)[号码]{0,2}\s*[:：]?\s*"
    rf"(?P<run>[\[(（【]?\d(?:{_SPLIT_SEP}\d|\d){{9,12}})(?!\d)")
_ODD_SEP = lazy(r"[^\d \t\-.()]")
_SEPS = lazy(r"\D+")
SPLIT_RUN = lazy(rf"(?<![0-9A-Za-z])[\[(（【]?1(?:{_SPLIT_SEP})?[3-9](?:{_SPLIT_SEP}\d|\d){{9}}(?![0-9A-Za-z])")
_DIGIT_BEFORE = lazy(r"[+\d][ \t\-.,，/()（）\[\]【】]*$")
_BRACKET = lazy(r"[()（）\[\]【】]")
_DIGIT_AFTER = lazy(r"[ \t\-.,，/]{0,3}\d")


# a number in Japan's groupings (trunk 0; 0X0-XXXX-XXXX mobiles, 0X-XXXX-XXXX, 0XX-XXX-XXXX, 0XXX-XX-XXXX)
_KANA = lazy(r"[\u3040-\u30ff]")
_JP_GROUPS = lazy(r"(0\d{1,3})([-‐− .])\d{2,4}\2\d{4}")
# the first group of digits of a grouped number and the separator after it
_FIRST_GROUP = lazy(r"\(?(\d+)\)?[ \-.]")


def _mobile_groups(run: str) -> bool:
    """Whether an unlabelled run of a mobile's 11 digits is split as a mobile is written, in odd or
    mixed separators: 3-4-4 or 3-8 ('138,1234,5678', '138 ‐ 1234 ‐ 5678', '[138]12345678', a
    bracketed head in any brackets), or
    digit by digit with one other separator after the 3rd and the 7th ('1 3 8 - 1 2 3 4 - 5 6 7 8').
    (Another country's number and a house number after it run to 11 digits in other groups.)"""
    body = run.lstrip("[(（【")
    seps = _SEPS.findall(body)
    sizes = [len(g) for g in _SEPS.split(body) if g]
    if body != run and sizes == [3, 8]:
        return True  # '(159)83231555'
    if _BRACKET.search(body) is not None:
        return False  # (a bracket inside is another number's end: '+1 (245) 179-1336), 6917 ...')
    if _ODD_SEP.search(run) is None and len(set(seps)) < 2:
        return False  # one usual separator throughout: the grouped patterns'
    if sizes in ([3, 4, 4], [3, 8]):
        return True
    if sizes == [1] * 11 and len(seps) == 10:
        major = [i for i, x in enumerate(seps) if x != seps[0]]
        return major == [2, 6] and seps[2] == seps[6]
    return False


_ODD_SEP_GATE = lazy(rf"\d{_SPLIT_SEP}\d")
# a number in floating-point notation (spreadsheets, JSON): mantissa and a positive exponent
_FLOAT_RE = lazy(r"(?<![\d.])\d\.\d{1,17}[eE]\+?\d{1,2}(?![\d.])")
# a date at the start of a grouped run ("19.03.2026" + "12.5" kg, "2026-03-19..."): the run is a
# date glued to another number, not a phone in groups (nobody groups a phone 2-2-4 or 4-2-2)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DATE_HEAD = lazy(rf"{_DAY}([./\-]){_DAY}\1(?:19|20)\d\d|(?:19|20)\d\d([./\-])(?:0?[1-9]|1[0-2])\2{_DAY}")


# a bracketed area code right before a number written in groups ('1 (694) 175-5743'): the rest of
# that number, not a Chinese mobile
_AREA_BRACKET_BEFORE = lazy(r"\(\d{2,4}\)[ \-.]?$")
# another country's code right before a run of digit groups ('+33 1 76 ...'): not a Chinese mobile
# (and its bracketed trunk 0 or area code: '+33 (0)1 60 32 74 96 13, avenue ...', '+90(126)1559906
# 2381 Tayaydın Creek')
# (or the bracket of its area code itself: '+90(025)9058930' is no Nanjing number '025)9058930')
_OTHER_CC_BEFORE = lazy(r"\+(?!86)\d{1,3}[ \t\-.]?(?:\(\d{1,4}\)[ \t\-.]?|\()?$")
# and its area code as a group of its own ('+98 77 0557 7050 9702 ...': an Iranian number and a
# house number, whose '0557 7050 9702' read as a Chinese landline showed the country and area code)
_OTHER_CC_AREA_BEFORE = lazy(r"\+(?!86)\d{1,3}[ \t\-.]\d{1,4}[ \t\-.]$")

# another country's trunk and area code as a group right before ('تلفن 041 0353 6957 8369 ...': an
# Iranian number and a house number read as a Chinese landline '0353 6957 8369', whose mask showed
# '041 0353'; world_text --locales scripts seed 113, fa_IR)
_TRUNK_GROUP_BEFORE = lazy(r"(?<![\d\-.+])0\d{1,4}[ \t]$")
# the digit group right before a separator ('772-' of '772-022-9286'; '86-' is China's code)
_GROUP_BEFORE = lazy(r"(\d+)[\-.]$")


def _float_digits(s: str) -> str | None:
    """The integer digits of a float literal, when it is an integer of 7-18 digits."""
    try:
        from decimal import Decimal

        d = Decimal(s)
    except Exception:  # pragma: no cover - the pattern only admits valid literals
        return None
    if d != d.to_integral_value() or not (10 ** 6 <= d < 10 ** 18):
        return None
    return str(int(d))

# Mobile prefixes allocated by MIIT as of 2025 (for confidence only: every 1[3-9]x number is
# reported, because a missed phone is a leak).
_ALLOCATED = frozenset(
    ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
     "140", "141", "144", "145", "146", "147", "148", "149",
     "150", "151", "152", "153", "155", "156", "157", "158", "159",
     "162", "165", "166", "167",
     "170", "171", "172", "173", "174", "175", "176", "177", "178",
     "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
     "190", "191", "192", "193", "195", "196", "197", "198", "199"]
)

_SEP = r"[ \u00a0\-\u2010-\u2015.]?"
_CC = r"(?:(?:\+|00)\s?86[ \-]?|\(\+?86\)\s?|86-)?"
_MOBILE = rf"1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}"
_MASK = r"[*＊xX×•]"

# a full mobile is a mobile whatever surrounds it (a star, an extension, a room number, a date)
MOBILE_RE = lazy(
    rf"(?<!\d)(?P<cc>{_CC})(?P<num>{_MOBILE})"
    rf"(?P<ext>\s?(?:-|转|#|ext\.?|分机)\s?\d{{1,6}})?(?!\d)"
)
MASKED_MOBILE_RE = lazy(
    rf"(?<![\d*＊])(?:{_CC})1[3-9]\d{_SEP}{_MASK}{{4}}{_SEP}\d{{4}}(?![\d*＊])"
    rf"|(?<![\d*＊])1[3-9]\d{_MASK}{{4,6}}\d{{2,4}}(?![\d*＊])"
)
# area code 010, 02x, 03xx-09xx; then 7-8 digits; optional extension
LANDLINE_RE = lazy(
    r"(?<![\d*＊A-Za-z])(?P<area>\(0\d{2,3}\)|0(?:10|2\d|[3-9]\d{2}))(?P<sep>[ \-\u2013]|\)?)"
    r"(?P<local>[2-9]\d{2,3}[ \-]?\d{4})"
    r"(?P<ext>\s?(?:转|-|ext\.?|x|#|分机)\s?\d{1,6})?(?!\d)"
)
_GROUPED_EXT = lazy(r"\s?(?:转|#|ext\.?|分机)\s?\d{1,6}(?!\d)")
# a mobile glued to the end of a house number: "c-7" + "13240214272", "601" + mobile
GLUED_RE = lazy(r"(?<=[-#A-Za-z\u4e00-\u9fff])\d{1,3}(?P<num>1[3-9]\d{9})(?!\d)")
_PHONE_LABEL = lazy(r"(电话|手机|联系方式|tel|phone|mobile|座机|固话)[:：\s]*$", re.I)
_CARRIER_PREFIX = lazy(r"[A-Z]{2,}$")


_NON_DIGIT = lazy(r"\D+")


def _digits(s: str) -> str:
    return _NON_DIGIT.sub("", s)


def mobile_score(digits: str) -> float:
    return 0.99 if digits[:3] in _ALLOCATED else 0.85


_CC_META = {0: (("cc_len", 0),)}


def mobile_finding(text: str, start: int, end: int, cc_len: int, digits: str, role: str | None = None,
                   ext_at: int = 0) -> Finding:
    meta = (("cc_len", cc_len), ("ext_at", ext_at)) if ext_at else (_CC_META.get(cc_len) or (("cc_len", cc_len),))
    return Finding(EntityType.PHONE, start, end, text[start:end], mobile_score(digits), "phone_cn.mobile",
                   meta=meta, role=role)


_TOLL_FREE_US = lazy(r"1([ .\-])800\1\d{3}\1\d{4}")


def _date_led(text: str, start: int, end: int) -> bool:
    """Whether a grouped run starts with a whole date and goes on past it."""
    m = _DATE_HEAD.match(text, start, end)
    return m is not None and m.end() < end


def _uk(text: str, ctx: Context) -> bool:
    return phone_intl.uk_context(text, ctx)


_GROUP3_BEFORE = lazy(r"(?<![\d+])\d{3} $")
_CC_GROUP_BEFORE = lazy(r"(?<!\d)(?:\+?86|0086) $")


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    has_mask = "*" in text or "＊" in text or "x" in text or "X" in text or "×" in text or "•" in text
    for m in (MASKED_MOBILE_RE.finditer(text) if has_mask else ()):
        out.append(Finding(EntityType.MASKED, m.start(), m.end(), m.group(), 0.95, "phone_cn.masked"))
    relay = ctx.relay
    for m in MOBILE_RE.finditer(text):
        start = m.start()
        cc, num, ext = m.groups()
        # ("[A-Z]{2,}$" can only match before a capital letter or a final newline)
        if not cc and start > 1 and ("A" <= text[start - 1] <= "Z" or text[start - 1] == "\n") \
                and _CARRIER_PREFIX.search(text, max(0, start - 4), start):
            # SF13812345678... glued to a carrier prefix: part of a tracking number
            continue
        if not cc and not num.isdigit() and start > 3 and _AREA_BRACKET_BEFORE.search(text, max(0, start - 8), start):
            # '1 (694) 175-5743 9272 Singh Unions': a North-American number after its bracketed
            # area code, and a house number; no Chinese mobile follows an area code
            continue
        if not cc and start > 1 and text[start - 1] in ".-" and text[start - 2].isdigit():
            # 'Phone 633.162.6701 9005 Marie Spurs': the rest of another number (and a house
            # number), not a Chinese mobile
            continue
        if not cc and start > 3 and text[start - 1] == " " and _GROUP3_BEFORE.search(text, max(0, start - 5), start) \
                and phone_intl.street_follows(text, m.group(), start):
            # 'Phone 734 195 3336 5669 Solomon Harbor': a North-American number in groups and a
            # house number, not a Chinese mobile after a stray group of digits
            continue
        if not num.isdigit():
            num = _digits(num)
        if ext and not cc and relay is not None and len(_digits(ext)) == 4 \
                and relay(num + "-" + _digits(ext)):
            # provably a relay number (issued by this vault or in a configured relay range)
            out.append(Finding(EntityType.VIRTUAL_PHONE, start, m.end(), m.group(), 0.9,
                               "phone_cn.virtual"))
            continue
        # a real mobile followed by an extension: the extension is masked with it (mobile_finding)
        if ext:
            end = m.end()
            meta = (("cc_len", m.end(1) - start), ("ext_at", m.end(2) - start))
        else:
            end = m.end(2)
            meta = _CC_META[0] if not cc else (("cc_len", len(cc)),)
        out.append(Finding(EntityType.PHONE, start, end, text[start:end], 0.99 if num[:3] in _ALLOCATED else 0.85,
                           "phone_cn.mobile", meta, None))
    # digits mixed with a few Chinese numerals ("电话一3000000000", "1300000000零"): each 11-digit
    # mobile read inside the run that does not cut an ASCII digit sequence
    if _NUMERAL_GATE.search(text):
        for m in _MIXED_RUN.finditer(text):
            run = m.group()
            conv = "".join(DIGIT_OF.get(c, c) for c in run)
            for mm in _MOBILE_AT.finditer(conv):
                p, q = mm.start(), mm.start() + 11
                if p > 0 and run[p - 1].isascii() and run[p].isascii():
                    continue
                if q < len(run) and run[q].isascii() and run[q - 1].isascii():
                    continue
                if run[p:q].isascii():
                    continue  # plain digits: the patterns above
                a = m.start() + p
                out.append(Finding(EntityType.PHONE, a, a + 11, text[a:a + 11], mobile_score(conv[p:q]) - 0.1,
                                   "phone_cn.numerals", meta=(("cc_len", 0),)))
    # a mobile written as a float by a spreadsheet or JSON export: "1.3912345678e10", "1.3912345678E+10"
    if "e" in text or "E" in text:
        for m in _FLOAT_RE.finditer(text):
            digits = _float_digits(m.group())
            if digits and len(digits) == 11 and _MOBILE_DIGITS.fullmatch(digits):
                out.append(Finding(EntityType.PHONE, m.start(), m.end(), m.group(), 0.9, "phone_cn.float"))
    # the same digits grouped otherwise: "1 3 9 1 2 ...", "13 912 345 678", "+86 1391 234 5678"
    if _GROUPED_GATE.search(text) and _GROUP_01.search(text):
        # (a phone label is looked for once, when a grouped landline first needs it)
        labelled = True if ctx.hint in (EntityType.PHONE, EntityType.LANDLINE) else None
        for length in (10, 11, 12):
            for s0, e0, digits, _ in grouped(text, length, head=_LANDLINE_HEAD):
                # a landline in groups: after a phone label, in a phone column, or digit by digit
                if not _LANDLINE_DIGITS.fullmatch(digits):
                    continue
                if e0 - s0 < 2 * length - 1:
                    if labelled is None:
                        labelled = _ANY_PHONE_LABEL.search(text) is not None
                    if not labelled:
                        continue
                if _date_led(text, s0, e0):
                    continue
                if phone_intl.street_follows(text, text[s0:e0], s0):
                    continue  # 'Tél. 0386460047 31, chemin Letellier': a number and a house number
                if s0 > 1 and text[s0 - 2].isdigit() and (text[s0 - 1] in ")-" or text[s0 - 1] == " " and
                                                           not _CC_GROUP_BEFORE.search(text, max(0, s0 - 6), s0)):
                    # the rest of a number whose area code is in brackets ("(034)076 1857 33022"), before a
                    # dash ("0949-069158 55770": a Taiwanese mobile and a postcode) or a space ("Phone 694
                    # 081 8481 46246 Weber Bypass": a Canadian number and a house number); "86 0755 ..." is
                    # a country code's
                    continue
                if length == 11 and digits.startswith("07") and _uk(text, ctx):
                    uk = phone_intl.uk_mobile(text, s0, e0)
                    if uk is not None:  # "07 927 525309" with a British context: a UK mobile
                        out.append(uk)
                        continue
                a = 3 if digits[1] in "12" else 4
                g = _JP_GROUPS.fullmatch(text, s0, e0)
                first = _FIRST_GROUP.match(text, s0, e0)
                if (g is not None and (len(g.group(1)) != a or a == 3 and len(digits) == 10)) or (
                        g is None and a == 4 and len(digits) == 10 and first is not None and len(first.group(1)) == 3):
                    # Japan's groupings, the area code not a Chinese one ('090-1234-5678' was read as
                    # Tacheng's 0901 and kept '090-1'; '06-6345-1234' as 0663; a Chinese 3-digit area
                    # code has 8 digits after it, '026-453-4035' has 7): another country's
                    # number, its last 4 digits kept as phone_intl keeps them
                    # (Taiwan's '02-2771-1234' too: its area code and 1 digit were kept; and an Israeli
                    # mobile, '052-1234567', read as a Chinese area code 052 that is none, '052-1' kept)
                    out.append(Finding(EntityType.PHONE_INTL, s0, e0, text[s0:e0], 0.8, "phone_cn.other_grouped"))
                    continue
                area_end = s0
                seen = 0
                while seen < a:
                    if text[area_end].isdigit():
                        seen += 1
                    area_end += 1
                out.append(Finding(EntityType.LANDLINE, s0, e0, text[s0:e0], 0.8, "phone_cn.landline_grouped",
                                   meta=(("area_end", area_end - s0),)))
        for s0, e0, digits, cc in grouped(text, 11, head=_MOBILE_HEAD):
            if not _MOBILE_DIGITS.fullmatch(digits) or _date_led(text, s0, e0):
                continue
            if phone_intl.is_service(digits) and _TOLL_FREE_US.fullmatch(text, s0, e0):
                continue  # 1-800-820-8820: a North-American toll-free number, not 180 0820 8820
            if cc is None and (_OTHER_CC_BEFORE.search(text, max(0, s0 - 12), s0) is not None
                               or _AREA_BRACKET_BEFORE.search(text, max(0, s0 - 8), s0) is not None):
                # '+33 1 76 22 19 78 22, chemin ...', 'Ph (03) 1379 2932 017 West Firetrail': another
                # country's number and a house number
                continue
            if cc is None and phone_intl.street_follows(text, text[s0:e0], s0):
                continue  # 'Tel 174 6 401 3734 Akçay Drive': a 7-digit number and a house number
            st = cc if cc is not None else s0
            x = _GROUPED_EXT.match(text, e0)
            if x is not None:  # its extension ('1-3-9-...-8#8865'), hidden with it as the plain form's is
                out.append(Finding(EntityType.PHONE, st, x.end(), text[st:x.end()], mobile_score(digits) - 0.05,
                                   "phone_cn.grouped", meta=(("cc_len", s0 - st), ("ext_at", e0 - st))))
                continue
            out.append(Finding(EntityType.PHONE, st, e0, text[st:e0], mobile_score(digits) - 0.05,
                               "phone_cn.grouped", meta=(("cc_len", s0 - st),)))
    if ctx.free_text and not text.isdigit():
        for m in GLUED_RE.finditer(text):
            if m.group("num")[:3] in _ALLOCATED and not _CARRIER_PREFIX.search(text, max(0, m.start() - 4), m.start()):
                out.append(Finding(EntityType.PHONE, m.start("num"), m.end("num"), m.group("num"), 0.7,
                                   "phone_cn.glued"))
    for m in (LANDLINE_RE.finditer(text) if "0" in text else ()):
        area = m.group("area")
        sep = m.group("sep")
        if not area.startswith("(") and m.start() > 3 and (
                _AREA_BRACKET_BEFORE.search(text, max(0, m.start() - 8), m.start())
                or _OTHER_CC_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or _OTHER_CC_AREA_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or _TRUNK_GROUP_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            continue  # '+90(432)0222041 8565 ...': another country's number after its area code
        if m.start() > 1 and text[m.start() - 1] in "-." and text[m.start() - 2].isdigit() \
                and _GROUP_BEFORE.search(text, max(0, m.start() - 6), m.start()).group(1) != "86":
            continue  # 'Phone 772-022-9286 1002 Day Light': the middle of a North-American number
        labelled = bool(_PHONE_LABEL.search(text, max(0, m.start() - 8), m.start()))
        if not sep and not area.startswith("(") and not labelled and ctx.hint not in (
            EntityType.PHONE, EntityType.LANDLINE
        ):
            # bare 0xxxxxxxxxx with no separator and no label: could be an id; require context
            if len(_digits(m.group())) not in (11, 12):
                continue
            score = 0.6
        else:
            score = 0.95
        if area.startswith("07") and _uk(text, ctx):
            uk = phone_intl.uk_mobile(text, m.start(), m.end())
            if uk is not None:  # "07927 525309" with a British context: a UK mobile, masked as one
                out.append(uk)
                continue
        if area[:3] in ("090", "080", "070") and not sep and len(_digits(m.group())) == 11 and not m.group("ext") \
                and (_KANA.search(text) is not None or "携帯" in text):
            # a Japanese mobile without separators in a Japanese text ('お電話 09012345678' kept '0901'
            # as Tacheng's area code): its last 4 kept, as for every foreign number
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), score, "phone_cn.other_grouped"))
            continue
        if len(area) == 3 and len(_digits(m.group("local"))) == 7 and not m.group("ext"):
            # a 3-digit Chinese area code has 8 digits after it: '026-453-4035' is another country's
            # (Japan's 0XX-XXX-XXXX), its area code and 2 more digits were kept as a landline's
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), score, "phone_cn.other_grouped"))
            continue
        out.append(Finding(EntityType.LANDLINE, m.start(), m.end(), m.group(), score,
                           "phone_cn.landline",
                           meta=(("area_end", m.end("area") - m.start()),)))
    if _ANY_PHONE_LABEL.search(text) is not None:
        for m in LABEL_THEN_RUN.finditer(text):
            a, z = m.span("run")
            if any(f.start < z and a < f.end for f in out):
                continue
            digits = _SEPS.sub("", m.group("run"))
            run = m.group("run")
            odd = _ODD_SEP.search(run) is not None
            if not (odd or _MOBILE_DIGITS.fullmatch(digits) and len(set(_SEPS.findall(run.lstrip("[(（【")))) > 1) \
                    or phone_intl.is_service(digits):
                # usual separators are the other patterns' (a landline: '電話 (05) 2242 2243'; one
                # throughout: the toll-free 'Tel 1-800-820-8820')
                continue
            if not text[a].isdigit():
                a += 1  # (an opening bracket before the first digit is not the number's)
            if _MOBILE_DIGITS.fullmatch(digits):
                out.append(Finding(EntityType.PHONE, a, z, text[a:z], mobile_score(digits) - 0.1,
                                   "phone_cn.labelled_run", meta=(("cc_len", 0),)))
            elif _LANDLINE_DIGITS.fullmatch(digits):
                out.append(Finding(EntityType.LANDLINE, a, z, text[a:z], 0.8, "phone_cn.labelled_run",
                                   meta=(("area_end", 3 if digits[1] in "12" else 4),)))
    if _ODD_SEP_GATE.search(text) is not None:
        # and with no label, a Chinese mobile whose groups are split so ('138,1234,5678', '张伟 1 3 8 -
        # 1 2 3 4 - 5 6 7 8', '[138]12345678'; a thousands grouping '13,812,345,678' is an amount)
        for m in SPLIT_RUN.finditer(text):
            a, z = m.span()
            run = m.group()
            if any(f.start < z and a < f.end for f in out):
                continue
            if not _mobile_groups(run) or _DIGIT_BEFORE.search(text, max(0, a - 4), a) is not None \
                    or _DIGIT_AFTER.match(text, z) is not None:
                continue
            if not text[a].isdigit():
                a += 1
            digits = _SEPS.sub("", run)
            out.append(Finding(EntityType.PHONE, a, z, text[a:z], mobile_score(digits) - 0.15,
                               "phone_cn.split_run", meta=(("cc_len", 0),)))
    # British mobiles in their own groupings (also where the international detector does not run)
    out += phone_intl.uk_mobiles(text, ctx)
    return out
