"""Phone numbers outside mainland-China mobile/landline forms, through Google's libphonenumber
(the ``phonenumbers`` package): US formats and anything with a +country code.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from ..model import EntityType, Finding
from ..normalize import UNCASED_SCRIPTS
from . import Context
from .name_en import beside_phone  # the name detector's own test of a contact name

# cheap prefilter: something that looks like a formatted phone number
_CANDIDATE = lazy(
    # (no word boundary after the last group: an extension may follow, "495.281.0888x4228")
    r"\+\s?\d|\(\d{3}\)|\b\d{3}[\s.\-/]\d{3}[\s.\-]\d{4}(?!\d)|\b1[\s.\-]\d{3}[\s.\-]\d{3}[\s.\-]\d{4}(?!\d)"
    r"|\b\d{10}\b"
)


# a number after one of these labels is a reference, not a phone
# (a word of its own: 'Bruno' and 'Campo' end in no label)
_REF_BEFORE = lazy(r"(?:(?<![^\W\d_])(?:ref|po|order|invoice|inv|acct|account|awb|no|nr)|#)\.?\s*[:#]?\s*$", re.I)
# (the Latin words where a word starts: 'Bestellung', 'Hotel' hold 'tel', and an order's number after
# 'Ihre Bestellung' was read leniently as a phone; found by hand)
_LABEL = lazy(r"(?<![^\W\d_])(?:tel|phone|mob|cell|fax|contact|call|whatsapp|ph\b)|電話|电话|手机|联系", re.I)
# a Japanese mobile in its own grouping (090-1234-5678, 080 1234 5678): no Chinese number is
# written 3-4-4 with a leading 070/080/090 (Chinese area codes 0701.. are written 4-7)
_JP_MOBILE = lazy(r"(?<![\d+\-])0[789]0([\-\s])\d{4}\1\d{4}(?![\d\-])"
                  # (and Japan's bracketed middle group, '03(1234)5678', '090(1234)5678': it stood whole)
                  r"|(?<![\d+\-(（])0\d{1,4}[(（]\d{1,4}[)）]\d{4}(?![\d\-])")
# North-American formatting is a phone whether or not the area code is assigned
_NANP_SHAPE = lazy(r"(?<![\d(])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.\s]\d{4}(?!\d)")


# service numbers, never a person's: Chinese 400/800 hotlines (400-820-8820, 4008208820) and North
# American toll-free 800 numbers (the NANP has no area code 400)
_SERVICE = lazy(r"1?[48]00\d{7}")
# a British context: the policy's region, or the text names the UK, a +44 prefix or a UK postcode
_UK_MARK = lazy(r"\+\s?44|(?<!\d)0044|\bU\.?K\b|United Kingdom|Great Britain|\bGB\b|England|Scotland|Wales|英国|"
                      r"Northern Ireland|Royal Mail|Parcelforce|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
# a British mobile, 07 then 9 digits, in any grouping (07927 525309, 07 927 525309, 079 2752 5309)
_UK_MOBILE = lazy(r"(?<![\d+])0[ \-]?7[ \-]?[1-9](?:[ \-]?\d){8}(?!\d)")


# a 400 written as a bracketed area code ('Tel (400)554-4132'): a North-American shape, not a
# Chinese 400 hotline (written 400-820-8820, 400 820 8820)
_BRACKETED_400 = lazy(r"(?:\+?1[\s.\-]?)?\(400\)")
# nor is a 400 written with dots ('400.238.0712'): dots are the North-American way of writing
# a number, and the NANP has no area code 400 (a person's number mistyped or invented: masked)
_DOTTED_400 = lazy(r"(?:\+?1[\s.\-]?)?400\.")


def is_service(digits: str) -> bool:
    """A hotline or toll-free number (digits only): not personal data."""
    return _SERVICE.fullmatch(digits) is not None


_FIRST_GROUP = lazy(r"\D*(?:1\D+)?(\d+)")


def is_service_written(run: str) -> bool:
    """``is_service``, and written as one: its first group of digits (after a '1-') holds the
    whole 400/800 ('400-820-8820', '(800) 995-2407', '1-800-...'). '80-0359-3761' is a Japanese
    mobile written without its trunk 0, not a toll-free 800."""
    if not is_service(_digits_of(run)):
        return False
    if run.isdigit() and len(run) == 10 and run.startswith("800"):
        return False  # '8001822027' unseparated is an Indian mobile as well (masked: fail closed)
    if _DOTTED_400.match(run):
        return False
    m = _FIRST_GROUP.match(run)
    return m is None or len(m.group(1)) >= 3


def service_at(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a hotline or toll-free number as written there: ``is_service_written``,
    not a bracketed 400 and with no extension after it ('(800)626-5542x66305' reaches a person)."""
    run = text[start:end]
    return is_service_written(run) and not _BRACKETED_400.match(run) and _EXTENSION.match(text, end) is None


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
_UK_SHAPE = lazy(r"(?<![\d+])07[1-9]\d{2}([ \-])(?:\d{6}|\d{3}\1\d{3})(?![\d\-])|(?<![\d+])07 [1-9]\d{2} \d{6}(?!\d)")


def uk_mobiles(text: str, ctx: Context) -> list[Finding]:
    """British mobiles: in any grouping with a British context, in their own groupings without."""
    if "07" not in text and "0 7" not in text:
        return []
    rx = _UK_MOBILE if uk_context(text, ctx) else _UK_SHAPE
    return [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.9, "phone_intl.uk", meta=(("region", "GB"),))
            for m in rx.finditer(text)]


# a phone number written in its own country's national form (trunk 0, no country code: "0151
# 23456789", "06 12 34 56 78", "(030) 1234567"), or after a phone label in any form ("Tel 347 123
# 4567", "Rufnummer: 0151-23456789", "电话0151 23456789"); the policy's region alone (US by
# default) misses them all
from .phone_labels import NAT_GAP as _NAT_GAP, NAT_LABEL as _NAT_LABEL  # noqa: E402  (shared with name_en)
# a run of digit groups with single separators, or an area code in brackets first
# (an extension may follow: '001-800-765-5334x9116' was cut to '001-800-765', the rest readable)
# (or 7-15 single digits, one separator between each: 'Tfn 4.6.7.0.1.2.3.3.4.6.8', read whole)
_NAT_RUN = lazy(r"(?<![0-9A-Za-z+*])(?:\d([ \-./])\d(?:\1\d){5,13}(?![ \-./]?\d)|"
                      r"(?:\(0?\d{1,5}\)[ \-.]?)?\d{1,15}(?:[ \-./]\d{1,8}){0,5})"
                      r"(?:(?=x\d)|(?![0-9A-Za-z*]))")
# (an extension may follow: "+90(673)122-5922x3043")
_PLUS_RUN = lazy(r"(?<![0-9A-Za-z+*])\+\s?(?:\(\d{1,4}\)\s?)?\d[\d \-./()]{5,22}\d(?=x\d|[^0-9A-Za-z*]|$)")
_CODE_BEFORE = lazy(r"(?:[A-Za-z]\d|\d[A-Za-z])[0-9A-Za-z]*[ \-]$")
_NAT_SEPS = lazy(r"(?<=\d)[ \-./](?=\d)")
_NAT_DATE = lazy(r"(?:\d{4}([./\-])\d{1,2}\1\d{1,2}|\d{1,2}([./\-])\d{1,2}\2\d{2,4})(?!\d)")
# regions whose national numbers start with a trunk 0 (a number valid as a mobile in one of them,
# in that form, is a person's phone)
_TRUNK_REGIONS = ("DE", "AT", "CH", "FR", "BE", "NL", "LU", "GB", "IE", "SE", "FI", "TR", "IN", "JP", "KR",
                  "AU", "NZ", "ZA", "TH", "MY", "ID", "PH", "VN", "TW", "IL", "EG", "NG", "PK", "BD", "KE")
_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
# (seven digits with single separators between them; an area code's closing bracket may come
# before a separator anywhere: "(0721) 123456", "(07204) 08671")
_NAT_GATE = lazy(r"\d(?:\)?[ \-./]?\d){6}")


# Latin America's written form: '(DD) NNNNN-NNNN', 'DD NNNN-NNNN', '(DD) NNNN NNNN'
# (the area code apart from the number: '330106 7333' is a code of six digits and one of four)
_LATAM_FORM = lazy(r"(?:\([1-9]\d\)[ ]?|[1-9]\d[ ])\d{4,5}[ \-]\d{4}")
_LATAM_REGIONS = ("BR", "MX", "AR", "CO")
# India's written mobile form: ten digits in two groups of five, the first 6-9 ('98450 12345')
_IN_FORM = lazy(r"[6-9]\d{4}[ \-]\d{5}")


def _valid_in(digits: str, region: str) -> bool:
    """Whether ``digits`` (national form) is a valid number of ``region``."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, region))
    except phonenumbers.NumberParseException:
        return False


def _mobile_of(digits: str, region: str) -> bool:
    """Whether ``digits`` (national form) is a valid mobile number of ``region``."""
    try:
        num = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(num) and phonenumbers.number_type(num) in _MOBILE_TYPES


def _trunk_mobile(digits: str) -> str | None:
    """The region in which ``digits`` (national form, trunk 0) is a valid mobile number, or None."""
    return next((r for r in _TRUNK_REGIONS if _mobile_of(digits, r)), None)


# regions that dial no trunk 0, whose mobiles are 9-10 digits (Spain 6/7, Italy 3, Portugal 9,
# Poland, Czechia, Greece 69), or 8 digits in the groups Denmark and Norway write them in ('20 12 34
# 56', '412 34 567': 'Tak, Mette 20 12 34 56' stood; found by hand)
_NO_TRUNK_REGIONS = ("ES", "IT", "PT", "PL", "CZ", "GR", "DK", "NO")
_NORDIC_GROUPS = lazy(r"\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3}")
# Sweden's written form: its area code and a dash, then groups ('070-123 45 67', '08-123 456 78')
_SE_FORM = lazy(r"0\d{1,3}-\d{2,3}(?: \d{2,3}){1,2}")


def _grouped_mobile(digits: str) -> str | None:
    """The region that dials no trunk 0 in which ``digits`` is a valid mobile number, or None."""
    return next((r for r in _NO_TRUNK_REGIONS if _mobile_of(digits, r)), None)


def mobile_region(digits: str) -> str | None:
    """The region in which ``digits`` (a national number, 9-12 digits) is a valid mobile: with a
    trunk 0 (``_TRUNK_REGIONS``) or without (``_NO_TRUNK_REGIONS``); None otherwise."""
    if not 9 <= len(digits) <= 12:
        return None
    return _trunk_mobile(digits) if digits[0] == "0" else _grouped_mobile(digits)


def _labelled_at(text: str, a: int) -> bool:
    """Whether a phone label (and what may stand between it and its number) ends right at ``a``."""
    return any(g is not None and g.end() == a for g in (
        _NAT_GAP.match(text, lab.end(), a) for lab in _NAT_LABEL.finditer(text, max(0, a - 28), a)))


# (a house number may be two numbers: '... 3936934269 67/130\nVarughese Road')
_UNCASED_WORD_AFTER = lazy(rf"[ \t]+[{UNCASED_SCRIPTS}]")
_LAST_GROUP = lazy(r"[ \t]+\d{1,5}(?:/\d{1,5})?$")
# the rest of Australia Post's street types (AS 4590), which are common words as well ('Lower',
# 'Top', 'End', 'Centre'), so the street patterns leave them out: after a house number, one to
# three capitalised name words and before a comma or a line end, right after a phone's run, they
# end a street line ('Ph 1789 2922 035 Rodriguez Lower, Brittneyside, WA 2680')
_AU_WORD_TYPES = ("Access Artery Basin Block Brace Break Brow Byway Centre Circus Corso Cross Cul-de-sac Dip "
                  "Distributor Edge Elbow End Entrance Follow Formation Front Gap Gate Gates Ground Gully "
                  "Intersection Lees Line Link Little Lower Mew Part Piazza Pocket Quad Quadrangle Range Reach "
                  "Reserve Ride Ring Roadside Ronde Round Slope Sound Stairs Steps Strip Subway Top Tor Towers "
                  "Triangle Turn Upper Vale Villas Wade").split() + ["Fire Track", "Right Of Way", "Service Way",
                                                                    "State Highway"]
_AU_WORD_STREET = lazy(r"[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){1,3}(?:" + "|".join(
    re.escape(w) for w in sorted(_AU_WORD_TYPES, key=len, reverse=True)) + r")(?=[ \t]*(?:[,;\n]|$))")
def street_follows(text: str, run: str, a: int) -> bool:
    """Whether the last group of a phone-shaped run starts a street line written house number
    first ('... 5676 950 Smith Street', an Indian '... 821, Gade Zila, Coimbatore 525637'): only
    then may it be taken off the phone ('(02703) 96360 372 Redlstr. 12' is an Austrian number
    before a street that carries its own number)."""
    m = _LAST_GROUP.search(run)
    if m is None:
        return False
    from .address_eu import street_res
    from .address_us import IN_LINE_RE, STREET_RE

    at = a + m.start() + len(m.group()) - len(m.group().lstrip())
    # (or an Indian address line with no street word: '+91 98765 43218 821\nGade Zila, Coimbatore
    # 525637'; or a French one, number first: 'Tél. 04 12 34 56 97 884, rue de Lyon')
    return STREET_RE.match(text, at) is not None or IN_LINE_RE.match(text, at) is not None \
        or street_res()[1].match(text, at) is not None or _AU_WORD_STREET.match(text, a + len(run)) is not None


def _without_tail(run: str) -> str:
    """A +CC number without a last group of digits that is not part of it: a house number written
    after the phone ('+61.2.1234.5676 950 Smith Street'): the run less its last space-separated
    group when the whole run is not a valid number and that is a possible one (of a country's
    length; valid when libphonenumber knows the range)."""
    m = _LAST_GROUP.search(run)
    if m is None:
        return run
    head = run[:m.start()]
    # (a bracketed trunk 0 after the country code is not dialled: '+44(0)808 157 0331 041 Gary
    # Divide')
    whole, part = (_digits_of(x.replace("(0)", "")).lstrip("0") for x in (run, head))
    # (a range libphonenumber does not know is possible only: '+913172069686 00\nSrivastava Circle,
    # Amroha 863072'; the caller found a street written from that group on)
    if not _valid_intl(whole, True) and _valid_intl(part, False):
        return head
    return run


# (only before a word, or past 15 digits: a number at a field's end that is no possible number
# whole, Faker's '+98 838 2383 3137' in a phone column, is still masked whole by the column's rule;
# its head alone left '3137' beside the kept tail, world_text --locales scripts seed 89)
_WORD_AFTER = lazy(r"[ \t]+[^\W\d_]")


def _possible_head(run: str) -> str:
    """A +CC run that is no possible number whole (too long: 16 digits, or not of the country's
    lengths) less the trailing groups that made it so, when what is left is a possible number: a
    house number or postcode written after the phone ('تلفن +98 77 0557 7050 9702 محمدامين بلوار':
    the whole run was no number, and the Chinese landline pattern took '0557 7050 9702' out of its
    middle, showing the country and area code and masking the house number; world_text --locales
    scripts seed 88). The run as it is otherwise."""
    head = run
    for _ in range(3):  # the run, then less one and two trailing groups
        if _valid_intl(_digits_of(head.replace("(0)", "")), False):
            return head if head is run or len(_digits_of(head)) >= 8 else run
        g = _LAST_GROUP.search(head)
        if g is None:
            break
        head = head[:g.start()]
    return run


def _national_without_tail(run: str) -> str:
    """A labelled national number without a last group that a house number after it added
    ('Ph (02) 9876 5433 857 Green Road', 'Tel (034)076 1857 33022 Enes Curve'): the caller found
    a street written house number first from that group on, so the group is masked with the
    street when it is not with the phone; the phone keeps its own digits only when what is left
    is too short to be a phone (fewer than 7 digits). (Some countries' ranges, Germany's, take
    both readings as valid: validity cannot decide.) A run whose first group is a country code
    in brackets without its '+' and that is valid whole with it, not without the last group ('Tel.
    (351) 923 078 614 Av Prof. ...': a Portuguese mobile), is the phone whole: its last digits
    stood. (Not any run valid whole: 'Tel 291 7 360 976 Arslan Greens' is a number valid in
    Eritrea, +291, and a house number.)"""
    m = _LAST_GROUP.search(run)
    if m is None:
        return run
    head = run[:m.start()]
    if _BRACKETED_CC.match(run) and _valid_intl(_digits_of(run), True) and not _valid_intl(_digits_of(head), True):
        return run
    return head if len(_digits_of(head)) >= 7 else run


_BRACKETED_CC = lazy(r"\([1-9]\d{0,2}\)")


def _valid_intl(digits: str, strict: bool) -> bool:
    """``digits`` (after an 00 prefix) are a valid (``strict``) or a possible number with their
    country code."""
    try:
        num = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(num) if strict else phonenumbers.is_possible_number(num)


# a country code right before a national number ('+39 ', '0039 ', '+44 (0)')
_CC_BEFORE = lazy(r"(?:\+|(?<!\d)00)[ \t]?\(?\d{1,4}\)?[ \t\-./]*(?:\(0\)[ \t]*)?$")
_LINE_PUNCT = frozenset(" \t.,;:()[]")


def _alone(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` stands alone on its line (spaces and punctuation around it only)."""
    i = text.rfind("\n", 0, a) + 1
    j = text.find("\n", b)
    return all(c in _LINE_PUNCT for c in text[i:a]) and all(c in _LINE_PUNCT for c in text[b:len(text) if j < 0 else j].rstrip("\r"))


_BARE_RUN = lazy(r"[ \t.,;:()\[\]]*(0[1-9]\d{8,10})[ \t.,;:()\[\]]*")


def bare_mobile(line: str) -> bool:
    """Whether a line of text is only a mobile number in its national form without a separator
    ('07700900123', '0612345678': a trunk 0, 10-12 digits, valid as a mobile of a country that
    writes its numbers so)."""
    m = _BARE_RUN.fullmatch(line)
    return m is not None and len(set(m.group(1))) > 2 and _trunk_mobile(m.group(1)) is not None


# the words of an order's, an invoice's, a customer's or a parcel's number before it, in the
# languages of the notes ('Ihre Bestellung 0612345678', 'Order number: 0612345678', 'Commande n°')
_REF_WORDS_BEFORE = lazy(
    r"(?:(?<![^\W\d_])(?i:ref\w*|po|order\w*|invoice|inv|acct|account|awb|customer|client|kunden\w*|bestell\w*|"
    r"auftrag\w*|rechnung\w*|commande|facture|pedido|factura|ordine|fattura|zam[óo]wieni\w*|faktur\w*|sipari[sş]\w*|"
    r"fatura\w*|bestelling\w*|factuur|track\w*|sendung\w*|shipment|parcel|colis|paket\w*|waybill|consignment|"
    r"booking|reservation|ticket|case|id)(?:[ \t]*(?i:no|nr|number|nummer|num[ée]ro|n[°º]|#))?|#|(?<![^\W\d_])(?i:no|nr|n[°º])\.?)"
    r"\.?[ \t]*[:#=/\-–|]?[ \t]*$")
_WORDS = lazy(r"[^\W\d_]{2,}")


def reference_before(text: str) -> bool:
    """Whether ``text`` ends with an order or tracking reference's label ('Order no:', 'AWB')."""
    return _REF_BEFORE.search(text, max(0, len(text) - 12)) is not None \
        or _TRACK_BEFORE.search(text, max(0, len(text) - 24)) is not None \
        or _REF_WORDS_BEFORE.search(text, max(0, len(text) - 32)) is not None


def national(text: str, ctx: Context) -> list[Finding]:
    """Numbers in a national form after a phone label (any form of 7-15 digits); without a label,
    written with a trunk 0 and at least one separator and valid as a mobile number of a country
    that writes its numbers so (10-12 digits), or right after a person's name in three or more
    groups ("Marco Rossi 347 123 4567"). Numbers the Chinese detector took are not in ``text``
    (blanked before this runs)."""
    spaced = _SPACED_GATE.search(text) is not None and _SPACED_SEP.search(text) is not None
    if _NAT_GATE.search(text) is None and not spaced:
        return []
    out = []
    # after a label, a number with its country code is a phone whether or not libphonenumber
    # knows its range ("Tlf. +45 11 23 85 35")
    for m in _PLUS_RUN.finditer(text):
        a = m.start()
        if not _labelled_at(text, a):
            continue
        # (a house number after it first: '+90(432)0222041 8565 Übeydullah Plains' is 16 digits)
        run = _without_tail(m.group()) if street_follows(text, m.group(), m.start()) \
            or _UNCASED_WORD_AFTER.match(text, m.end()) else m.group()
        if len(_digits_of(run)) > 15:
            run = _possible_head(run)
        n = len(_digits_of(run.replace("(0)", "")))  # ('+44(0)808 ...': the 0 is not dialled)
        if 8 <= n <= 15:
            out.append(Finding(EntityType.PHONE_INTL, a, a + len(run), run, 0.85, "phone_intl.labelled"))
    for m in _NAT_RUN.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        run = m.group()
        digits = _digits_of(run)
        n = len(digits)
        a = m.start()
        if n > 15 and _labelled_at(text, a):
            # a labelled number followed by another group of digits (a postcode, a house number:
            # '電話 034 21615024 66339 新竹市...'): the number without the trailing groups
            while n > 15:
                g = _LAST_GROUP.search(run)
                if g is None:
                    break
                run = run[:g.start()]
                n = len(_digits_of(run))
            digits = _digits_of(run)
        if n < 7 or n > 15 or _NAT_DATE.match(run):
            continue  # a date ("2026-11-03 12:30", "03.11.2026"), not a phone
        # (a phone column needs no label: what no pattern takes there is masked by detect's fallback)
        if _labelled_at(text, a):
            if not service_at(text, a, a + len(run)):
                if street_follows(text, run, a):
                    run = _national_without_tail(run)
                out.append(Finding(EntityType.PHONE_INTL, a, a + len(run), run, 0.85, "phone_intl.labelled"))
            continue
        if n < 8:
            continue  # seven digits are a phone after a label only ("Tel 702 9 448", a local number)
        if _REF_BEFORE.search(text, max(0, a - 12), a) or _TRACK_BEFORE.search(text, max(0, a - 24), a):
            continue  # an order or tracking reference
        if run[:2] == "00" and digits[2] != "0" and (run != digits or _valid_intl(digits[2:], True)) \
                and _valid_intl(digits[2:], False):
            out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.8, "phone_intl.00"))
            continue  # "0044 7700 900456": 00 is the international prefix of most countries
        if 10 <= n <= 11 and _LATAM_FORM.fullmatch(run) and ctx.hint is None \
                and not (a and text[a - 1] in "/=&?_@") and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a) \
                and _CC_BEFORE.search(text, max(0, a - 10), a) is None and not service_at(text, a, m.end()):
            # an area code of two digits and the number in two groups, the last of four, as Brazil,
            # Mexico, Argentina and Colombia write them ('(91) 98116-1414', 'Lunna Rocha, 91
            # 8116-1414', '55 1234 5678': they stood, or only an 8-digit tail was read as a Hong Kong
            # number and the name before stood; world_text seed 133, pt_BR, and by hand)
            region = next((r for r in _LATAM_REGIONS if _valid_in(digits, r)), None)
            if region is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.75, "phone_intl.area_form",
                                   meta=(("region", region),)))
                continue
        if n == 10 and _IN_FORM.fullmatch(run) and ctx.hint is None \
                and not (a and text[a - 1] in "/=&?_@") and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a) \
                and _CC_BEFORE.search(text, max(0, a - 10), a) is None and not service_at(text, a, m.end()) \
                and _mobile_of(digits, "IN"):
            # an Indian mobile as it is written, without its country code ('Consignee: Rahul Verma,
            # 98450 12345' stood; found by hand)
            out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.75, "phone_intl.area_form",
                               meta=(("region", "IN"),)))
            continue
        if len(set(_NAT_SEPS.findall(run))) > 1:
            # unlabelled numbers are written with one kind of separator, but for Sweden's own form
            # ('Tack! Erik 070-123 45 67' stood whole; found by hand)
            if _SE_FORM.fullmatch(run) and ctx.hint is None and _mobile_of(digits, "SE") \
                    and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a):
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.75, "phone_intl.national",
                                   meta=(("region", "SE"),)))
            continue
        if _CODE_BEFORE.search(text, max(0, a - 12), a):
            continue  # the tail of a code written in groups ("1Z 999 AA1 01 2345 6784")
        if 10 <= n <= 12 and digits[0] == "0" and digits[1] != "0" and run != digits:
            region = _trunk_mobile(digits)
            if region is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.75, "phone_intl.national",
                                   meta=(("region", region),)))
                continue
        # (the same number written without a separator; not the national part after its country
        # code, '+39 0894753651', which the '+' run's readings take whole)
        bare = 10 <= n <= 12 and digits[0] == "0" and digits[1] != "0" and run == digits \
            and _CC_BEFORE.search(text, max(0, a - 10), a) is None
        if bare and "\n" in text and _alone(text, a, m.end()):
            # alone on a line of a text ('07700900123' under a name and a street, '0612345678' as a
            # note's last line: they stood, found by hand); as a table's bare cell an unseparated
            # run is as often an order number
            region = _trunk_mobile(digits)
            if region is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.7, "phone_intl.national_alone",
                                   meta=(("region", region),)))
                continue
        if bare and ctx.hint is None \
                and len(_WORDS.findall(text, max(0, a - 60), min(len(text), m.end() + 60))) >= 2 \
                and not (a and text[a - 1] in "/=&?_@") and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a):
            # and in a sentence of a note ('Leave with Mary next door, 0612345678': it stood, found by
            # hand), unless an order's, an invoice's or a parcel's word stands right before it
            region = _trunk_mobile(digits)
            if region is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.7, "phone_intl.national_in_text",
                                   meta=(("region", region),)))
                continue
        if (9 <= n <= 10 or n == 8 and _NORDIC_GROUPS.fullmatch(run)) and run != digits \
                and len(_NAT_SEPS.findall(run)) >= 2 and ctx.hint is None \
                and _WORDS.search(text, max(0, a - 60), min(len(text), m.end() + 60)) is not None \
                and not (a and text[a - 1] in "/=&?_@") and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a) \
                and _CC_BEFORE.search(text, max(0, a - 10), a) is None and not service_at(text, a, m.end()):
            # a mobile of a country that dials no trunk 0, in the groups people write it in, in a note
            # ('gracias! 612 345 678', 'Lucía 612 345 678', 'dzięki 512 345 678': they stood, found by
            # hand; with no name before it nothing took the number)
            region = _grouped_mobile(digits)
            if region is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.7, "phone_intl.grouped_in_text",
                                   meta=(("region", region),)))
                continue
        if 9 <= n <= 12 and (run.count(" ") + run.count("-") + run.count(".") >= 2 or digits[0] == "0" and n >= 10) \
                and not service_at(text, a, m.end()) and _NAME_BEFORE.search(text, max(0, a - 40), a) \
                and not _REF_WORDS_BEFORE.search(text, max(0, a - 32), a):
            # (not an order's number after its capitalised words: 'Ihre Bestellung 0612345678')
            f = Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.7, "phone_intl.after_name")
            if any(x.end <= a for x in beside_phone(text, [f], ctx)):
                out.append(f)
    if spaced:
        for m in _SPACED_DIGITS.finditer(text):
            # every digit apart, groups set off by a dash, dot or slash between spaces ('Txt me: 0 7 7 0
            # 0 - 9 0 0 - 1 2 3' stood; found by hand): after a label, or a mobile with its trunk 0
            a, run = m.start(), m.group()
            if any(f.start < m.end() and a < f.end for f in out):
                continue
            digits = _digits_of(run)
            n = len(digits)
            if _labelled_at(text, a) and 7 <= n <= 15 and not service_at(text, a, m.end()) \
                    or 10 <= n <= 12 and digits[0] == "0" and _trunk_mobile(digits) is not None:
                out.append(Finding(EntityType.PHONE_INTL, a, m.end(), run, 0.75, "phone_intl.spaced"))
    if "(0)" in text:
        # a country code and a bracketed trunk 0 before the national number are the number's
        # ("+49(0)0929 544792": the name before it is then beside a phone)
        for k, f in enumerate(out):
            pre = _CC_TRUNK_BEFORE.search(text, max(0, f.start - 12), f.start)
            if pre is not None:
                out[k] = Finding(f.type, pre.start(), f.end, text[pre.start():f.end], f.score, f.detector, meta=f.meta)
    return out


# single digits, each apart (three in a row), with a group's dash, dot or slash between spaces somewhere
_SPACED_GATE = lazy(r"\d \d \d")
_SPACED_SEP = lazy(r"\d[ \t]+[\-./][ \t]*\d|\d[\-./][ \t]+\d")
_SPACED_DIGITS = lazy(r"(?<![0-9A-Za-z+*.\-/])(?<!\d[ \t])\d(?:(?:[ \t]*[\-./][ \t]*|[ \t]{1,2})\d(?!\d)){6,14}"
                            r"(?![ \t]*[\-./]?[ \t]*\d)")
def jp_mobiles(text: str) -> list[Finding]:
    """Japanese mobiles in their own form ('090-1234-5678'), in any text (a Japanese address's block
    number before it, '千代田1-1 090-1234-5678', made one run of mixed separators that no national
    reading took; found by hand)."""
    return [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.85, "phone_intl.jp", meta=(("region", "JP"),))
            for m in _JP_MOBILE.finditer(text)]


# a Hong Kong text (its places, its country code) and its 8-digit numbers: mobiles start 5, 6, 9,
# landlines 2, 3 ('收件人：陳大文 九龍旺角彌敦道123號4樓A室 9123 4567' stood; found by hand)
_HK_MARK = lazy(r"香港|九龍|九龙|新界|港島|港岛|852|Hong Kong|Kowloon")
_HK_NUMBER = lazy(r"(?<![\d\-+.])[235689]\d{3}[ \-]?\d{4}(?![\d\-.])")


def hk_numbers(text: str) -> list[Finding]:
    if _HK_MARK.search(text) is None:
        return []
    return [Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.75, "phone_intl.hk", meta=(("region", "HK"),))
            for m in _HK_NUMBER.finditer(text)
            if not _REF_BEFORE.search(text, max(0, m.start() - 12), m.start())
            and not _TRACK_BEFORE.search(text, max(0, m.start() - 24), m.start())]


_CC_TRUNK_BEFORE = lazy(r"\+\s?\d{1,3}\s?\(0\)\s?$")


# a record's fields: between commas, pipes, semicolons, tabs, line breaks or a spaced slash
_FIELD = lazy(r"[^,|;\t\n/]+(?:/(?! )[^,|;\t\n/]*)*")
# a field that is only a phone number in any national or international form: "58 07 89 94",
# "10717192", "+45 1895 8877", "(07743) 48658 640", "03848/63903011", "+43 1 07483 489"
# (after an area code in brackets the number may be short: "(00513) 715118", 11 digits in all;
# 7-15 digits are counted in ``field_phone``)
_FIELD_PHONE = lazy(r"\+?\s?(?:\(\+?\d{1,5}\)\s?\d[\d \-./()]{3,22}\d|\d[\d \-./()]{5,22}\d)")
FIELD_PHONE = _FIELD_PHONE  # the shape ``field_phone`` starts from (a column-wise first pass)
_LETTERS2 = lazy(r"[^\W\d_]{2}")


def field_phone(cell: str) -> bool:
    """A value that is only a phone number in some writing: 7-15 digits, not a date."""
    s = cell.strip()
    if _FIELD_PHONE.fullmatch(s) is None or _NAT_DATE.match(s):
        return False
    digits = _digits_of(s)
    return 7 <= len(digits) <= 15 and not is_service_written(s) and len(set(digits)) > 1


# fields set apart by spaced dashes too ('Sr. D. José García - C/ Mayor 3, 2ºB - 28013 Madrid - 612 345
# 678': the phone stood, read as part of the town's field)
_DASH_FIELD = lazy(r"(?:[^,|;\t\n/ \-–—]|/(?! )|[\-–—](?! )|(?<! )[\-–—]| (?![\-–—] ))+")


def fields(text: str) -> list[Finding]:
    """A phone number that is a whole field of a contact record (3 or more fields, another with
    letters): a shop's export pasted as text writes its phone column that way, in whatever form
    the customer typed it, valid or not ("Birte Hansen | 10717192 | ... | Assens Allé 64"). Fields
    are also read apart at spaced dashes (a number written '612 - 345 - 678' is still one field
    of the first reading)."""
    out = _fields(text, _FIELD)
    if " - " in text or " – " in text or " — " in text:
        # (written as people write a phone: in groups, or from a + or a trunk 0; a bare run of digits
        # between dashes is as often an order number: 'Order 123 - shipped - 98765432')
        out += [f for f in _fields(text, _DASH_FIELD) if not any(g.start < f.end and f.start < g.end for g in out)
                and (not f.text.isdigit() or f.text.startswith("0"))]
        out.sort(key=lambda f: f.start)
    return out


def _fields(text: str, rx: re.Pattern) -> list[Finding]:
    spans = [m.span() for m in rx.finditer(text) if m.group().strip()]
    if len(spans) < 3:
        return []
    out = []
    words = 0
    for a, b in spans:
        f = text[a:b]
        if _LETTERS2.search(f):
            words += 1
            continue
        s = f.strip()
        a += f.index(s)
        if not field_phone(s):
            continue
        out.append(Finding(EntityType.PHONE_INTL, a, a + len(s), s, 0.7, "phone_intl.field"))
    return out if words else []


# a Latin name (two or three capitalised words) right before a number: "Marco Rossi 347 123 4567"
# (or in capitals, as labels and forms write a name: 'Ship to: JOHN SMITH / 07700900123' left the
# number whole; found by hand)
_NAME_BEFORE = lazy(r"(?:[A-Z\u00c0-\u00de\u0100-\u024f][a-z\u00df-\u024f'’\-]+|[A-Z][a-z]{0,3}\.) "
                          r"(?:[a-z]{2,4} ){0,2}[A-Z\u00c0-\u00de\u0100-\u024f][a-z\u00df-\u024f'’\-]+\s*[,;:/|]?\s*$"
                          r"|(?<![A-Za-z])[A-Z][A-Z'’\-]+ (?:[A-Z]{2,4} ){0,2}[A-Z][A-Z'’\-]+\s*[,;:/|]?\s*$")


_TRACK_BEFORE = lazy(r"(?:(?<![^\W\d_])(?i:track\w*|sendung\w*|awb|waybill|shipment|parcel|colis|paket)|运单|單號|单号|快递)"
                           r"\W{0,3}(?:no\.?|nr\.?|number|#)?\W{0,3}$")


_NOT_ASCII_DIGIT = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isdigit()))


def _digits_of(s: str) -> str:
    if s.isascii():  # the common case: one C call
        return s.translate(_NOT_ASCII_DIGIT)
    return "".join(c for c in s if c.isdigit())


# a country code in brackets without its plus ("(351) 938 561 251", "(49) 151 2345 6789")
_NANP_BRACKET = lazy(r"\(\d{3}\)\s?\d{3}[\-.\s]\d{4}")
_CC_BRACKET = lazy(r"(?<![\d+(])\(([1-9]\d{0,2})\)[ \-.]?(\d[\d \-.]{5,16}\d)(?![\d\-])")


def cc_bracket(text: str) -> list[Finding]:
    """Numbers written with their country code in brackets and no plus: a phone when the code and
    the rest make a valid number of that country (libphonenumber's matcher reads '(351)' as a US
    area code and the rest as too long; a US '(351) 938-5612' is not valid as +351 9385612)."""
    out = []
    for m in _CC_BRACKET.finditer(text):
        if _NANP_BRACKET.fullmatch(m.group()) and not service_at(text, m.start(), m.end()):
            continue  # '(960) 567-8684': the North-American shape takes it whatever libphonenumber says
        if _valid_intl(m.group(1) + _digits_of(m.group(2)), True):
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.85, "phone_intl.cc_bracket"))
    return out


def cn_landline_intl(digits: str) -> bool:
    """``digits`` (86 first) are a Chinese landline written with its country code and the area
    code without the trunk 0 ('+86 755 2345 6789', as export labels write it): read by no Chinese
    pattern ('+86 10 6512 3456': Beijing's area code starts with 1). Mobiles (11 digits, 1 first)
    and hotlines (400/800) are not."""
    nat = digits[2:]
    return not (len(nat) == 11 and nat[0] == "1") and not is_service(nat) and _valid_intl(digits, True)


def plus_possible(text: str) -> list[Finding]:
    """A number written with its +country code, 8-15 digits in a phone's writing, that
    libphonenumber finds possible but not valid ('+90(685)155-6078', '+44 7700 900456'): without a
    label the matcher takes valid numbers only, and a number outside the known ranges is still
    somebody's (fail closed). Numbers of +86 are the Chinese detector's."""
    out = []
    for m in _PLUS_RUN.finditer(text):
        run = m.group()
        digits = _digits_of(run)
        if (len(digits) > 15 or _WORD_AFTER.match(text, m.end())) and not _valid_intl(digits, False) \
                and (head := _possible_head(run)) != run:
            run, digits = head, _digits_of(head)
        if not 8 <= len(digits) <= 15 or is_service(digits):
            continue  # (a toll-free '+1 800 820 8820' is a business's)
        if digits.startswith("86") and not cn_landline_intl(digits):
            continue  # Chinese mobiles (and anything else of +86) are the Chinese detector's
        if _valid_intl(digits, False):
            if _UNCASED_WORD_AFTER.match(text, m.end()):
                # a street in a script without capitals after it, written house number first
                # ('+91 2455623643 475 देशपांडे', '+995 931 141 819 300 არაგველის ქ.': the house
                # number was read into the phone and shown as its kept tail; world_text --locales
                # scripts seed 83)
                run = _without_tail(run)
            a = m.start()
            if a and text[a - 1] == "(" and ")" in run:
                a -= 1  # "(+358) 180437416": the bracket is the number's (the name before it is then beside it)
            z = m.start() + len(run)
            out.append(Finding(EntityType.PHONE_INTL, a, z, text[a:z], 0.75, "phone_intl.plus_possible"))
    return out


# an extension written right after the number ('(598)388-9458x078', '555-201-3344 ext. 12')
_EXTENSION = lazy(r"[ \t]?(?i:x|ext\.?|extn\.?)[ \t]?\d{1,6}(?![\dA-Za-z])")


# a phone number inside a messenger or call link ('https://wa.me/8613812345678',
# 'api.whatsapp.com/send?phone=447700900123', 'viber://chat?number=%2B447700900123', 'sms:+44...',
# '?phone=...'): the digits are the number with its country code, written without a '+'
_LINK_PHONE = lazy(r"(?i:wa\.me/|whatsapp\.com/send/?\?(?:[\w=&]*&)?phone=|[?&](?:phone|number|tel|mobile)="
                         r"|viber://\w+\?number=|sms:|callto:|skype:|tg://resolve\?phone=|t\.me/)"
                         r"(?:%2B)?(?P<num>\+?\d{8,15})(?!\d)")  # ('%2B', an encoded '+', stays: no digit of the number)


def labelled_services(text: str, found) -> list[Finding]:
    """Numbers after a phone label that no finding took (a hotline or toll-free number kept as a
    service, '... – Abby Phayre – Tel: 800.508.4716'): not masked, but a name before the label is
    a contact's name all the same (``name_en.beside_phone`` reads them as phones)."""
    out = []
    for lab in _NAT_LABEL.finditer(text):
        g = _NAT_GAP.match(text, lab.end())
        m = _SERVICE_RUN.match(text, g.end())
        if m is not None and not any(f.start < m.end() and m.start() < f.end for f in found):
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.5, "phone_intl.service"))
    # (and a North-American toll-free number with no label: 'Scott Carroll | (800)274-3557 | ...')
    if "8" in text:
        for m in _NANP_SHAPE.finditer(text):
            if service_at(text, m.start(), m.end()) and not any(f.start < m.end() and m.start() < f.end
                                                                for f in found + out):
                out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.5, "phone_intl.service"))
    return out


_SERVICE_RUN = lazy(r"\+?\(?\d[\d \-./()]{5,18}\d")


def link_phones(text: str) -> list[Finding]:
    return [Finding(EntityType.PHONE_INTL, m.start("num"), m.end("num"), m.group("num"), 0.9, "phone_intl.link")
            for m in _LINK_PHONE.finditer(text)]


def detect(text: str, ctx: Context) -> list[Finding]:
    out = _detect(text, ctx)
    if "+" in text:
        # what no other reading took (a number's other forms, '(+358) 40 1234567', stay theirs);
        # before the Hong Kong reading, which took the last 8 digits of '+55 79 8411-1372' and left
        # the country's and area's codes, and the name before them (world_text seed 133, pt_BR)
        out += [f for f in plus_possible(text) if not any(u.start < f.end and f.start < u.end for u in out)]
    out += [f for f in hk_numbers(text) if not any(u.start < f.end and f.start < u.end for u in out)]
    if "/" in text or "=" in text or ":" in text:
        out += [f for f in link_phones(text) if not any(u.start < f.end and f.start < u.end for u in out)]
    if "x" in text or "X" in text:
        # the extension is part of the number: dispose removes it with the rest (it was left after
        # a masked number, and verify read the digits in a phone column)
        for k, f in enumerate(out):
            m = _EXTENSION.match(text, f.end)
            if m is not None:
                out[k] = Finding(f.type, f.start, m.end(), text[f.start:m.end()], f.score, f.detector, f.meta, f.role)
    return out


def _detect(text: str, ctx: Context) -> list[Finding]:
    uk = uk_mobiles(text, ctx)
    nat = national(text, ctx)
    if nat:
        uk += [f for f in nat if not any(u.start < f.end and f.start < u.end for u in uk)]
    if "(" in text:
        uk += [f for f in cc_bracket(text) if not any(u.start < f.end and f.start < u.end for u in uk)]
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
        if service_at(text, m.start(), m.end()):
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
            if not num.extension and (num.country_code == 1 and is_service(str(num.national_number)) or
                                      "+" not in m.raw_string and service_at(text, m.start, m.end)):
                continue  # a hotline or toll-free number
            if any(f.start < m.end and m.start < f.end for f in uk):
                continue
            if _REF_BEFORE.search(text, max(0, m.start - 12), m.start) and not _LABEL.search(text[:m.start]):
                continue  # left to the Chinese detector, which knows virtual/masked forms
            raw = m.raw_string
            tail = _LAST_GROUP.search(raw)
            if tail is not None and text[m.end:m.end + 1] == "/" and text[m.end + 1:m.end + 2].isdigit():
                # the last group is glued to '/259': a house number '17/259' after the phone
                # ('+915248178324 17/259, Samra Marg')
                raw = raw[:tail.start()]
            elif street_follows(text, raw, m.start):
                # a house number after the phone, taken by the lenient matcher as its last group
                # ('Mobile +914447870233 44/78, Sem Chowk'): the street's when the number is valid
                # without it
                raw = _without_tail(raw)
            out.append(Finding(EntityType.PHONE_INTL, m.start, m.start + len(raw), raw, 0.9,
                               "phone_intl", meta=(("region", phonenumbers.region_code_for_number(num) or ""),)))
    except Exception:  # pragma: no cover - libphonenumber on odd input
        return out
    for m in _NANP_SHAPE.finditer(text):
        if service_at(text, m.start(), m.end()):
            continue
        if not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.7, "phone_intl.shape"))
    return out
