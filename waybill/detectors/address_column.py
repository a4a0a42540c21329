"""What the address detectors left of a value in an address column (a CSV header, a JSON key): the
column says the whole value is an address, so whatever no detector placed is masked unless it is
positively the region (fail closed).

The detectors know the shapes they were written for; an address column holds whatever a shop's
export writes ("Mirko-Siering-Gasse 295", "Studio 51\\nMark Causeway", "대전광역시 송파구 잠실
357-64", "富山県国立市吾妻橋9-12-20 シャルム907"). Here:

- Latin script, split at commas, semicolons and line breaks: the segment with a postcode and
  those after it are the region (town, state, country: ADDRESS_REGION; the postcode keeps its
  first 2 characters, a US ZIP its first 3, as everywhere else); a town segment right before
  ``ST 12345`` is region too; with no postcode, the last segment is the town when it holds no
  digit and something came before it. Every other word is the street line: ADDRESS.
- CJK script: the administrative prefix is the region (Japanese 都道府県 + 市区町村, Korean 시/도 +
  시/군/구, Taiwanese 市/縣 + 區/鄉/鎮); everything after it is ADDRESS. Chinese addresses are read
  by ``address_cn`` before this runs, so nothing is left of them.

Findings: ADDRESS and ADDRESS_REGION with detector ``address.column``; in ``dispose`` the region
goes too, as for any region finding.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context
from .name_en import SCRIPT_MARKS

T = EntityType

_SEG = lazy(r"[^,;\n，；、]+")
# a word with the combining marks of its script ('কেশবপাড়া' ends in two: its fill stopped before
# them and they stood)
_WORD = lazy(rf"[^\W_](?:[^\W_]|[{SCRIPT_MARKS}])*")
_CJK = lazy(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# postcodes of the countries that write one: US ZIP(+4), 4-6 digits, JP 123-4567, BR 12345-678,
# PL 12-345, SE/CZ 123 45, CA A1A 1A1, UK SW1A 1AA, NL 1234 AB, with an optional country prefix
_POSTCODE = lazy(r"(?<![\w\-])(?:〒\s?|[A-Z]{1,2}-)?(?:\d{5}-\d{4}|\d{3}-\d{4}|\d{5}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}|"
                       r"\d{4,6}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{4} ?[A-Z]{2}"
                       # (or as share writes it, its tail masked: '474**', 'E8G***', 'SW1A ***', read
                       # again by verify, which took the town before it for the street; world_text
                       # --more-forms seed 104)
                       r"|\d{2,3}[*＊]{2,3}|[A-Z]\d[A-Z] ?[*＊]{3}|[A-Z]{1,2}\d[A-Z\d]? [*＊]{3})(?![\w\-*＊])")
_STATE_ZIP = lazy(r"\s*[A-Z]{2,3}\.?\s+\d{4,5}(?:-\d{4})?\s*")
# administrative prefixes (region) of Japanese, Korean and Taiwanese addresses
_JP_REGION = lazy(r"(?:東京都|北海道|京都府|大阪府|[^\s\d\W]{1,3}?県)?\s?(?:[^\s\d\W]{1,5}?郡)?\s?"
                        r"[^\s\d\W]{1,6}?[市区町村](?:\s?[^\s\d\W]{1,4}?区)?")
_KR_REGION = lazy(r"(?:[\uac00-\ud7af]{1,8}(?:특별자치시|특별자치도|특별시|광역시|도|시|군|구)(?=\s))"
                        r"(?:\s+[\uac00-\ud7af]{1,6}(?:시|군|구)(?=\s)){0,2}")
_TW_REGION = lazy(r"[^\s\d\W]{1,3}?[市縣](?:[^\s\d\W]{1,3}?[區鄉鎮市])?")


def _postcode_parts(text: str, a: int, b: int, zip3: bool) -> list[Finding]:
    code = text[a:b]
    lead = 1 if code.startswith("〒") else 0
    while lead < len(code) and not code[lead].isalnum():
        lead += 1
    keep = a + lead + (3 if zip3 else 2)
    keep = min(keep, b)
    out = [Finding(T.ADDRESS_REGION, a, keep, text[a:keep], 0.5, "address.column")]
    if keep < b:
        out.append(Finding(T.ADDRESS, keep, b, text[keep:b], 0.5, "address.column"))
    return out


def _stretches(text: str, a: int, b: int, free) -> list[tuple[int, int]]:
    """Maximal stretches of uncovered text in [a, b) from the first to the last word character."""
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(text, a, b):
        s, e = m.span()
        if not free(s, e):
            continue
        if out and free(out[-1][1], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_LETTERISH = lazy(r"[^\W\d_]")


def rest(text: str, found: list[Finding], street: bool = False) -> list[Finding]:
    """Findings for the uncovered words of an address-column value (``street``: a street-line
    column, where no segment is the town unless a postcode opens the region)."""
    m = _LETTERISH.search(text)  # every letter matches it (and a few other characters): a C-level first look
    if (m is None or not (m.group().isalpha() or any(ch.isalpha() for ch in text))) \
            and sum(ch.isdigit() for ch in text) <= 5 and not street:
        # a lone short number (a phone's last 4 digits split into this cell, "12"): no address; in a
        # street-line or house-number column it is the house number ('2-8-1' under 番地 stood beside
        # its masked block: found by hand)
        return []
    spans = [(f.start, f.end) for f in found]  # sorted, without overlaps (detect._resolve)
    # the usual case: the findings tile the value from its first to its last non-blank character
    pos = len(text) - len(text.lstrip())
    for s, e in spans:
        if s > pos and not text[pos:s].isspace():
            break
        pos = e
    else:
        if not text[pos:].strip():
            return []
    # the text outside every finding: nothing to do when it has no letter or digit
    pos, gaps = 0, []
    for s, e in spans:
        gaps.append(text[pos:s])
        pos = max(pos, e)
    gaps.append(text[pos:])
    if _WORD.search("\x00".join(gaps)) is None:
        return []

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in spans)

    out: list[Finding] = []

    def add(kind: EntityType, a: int, b: int) -> None:
        if "*" in text[a:b] or "＊" in text[a:b]:
            return  # a segment masked already (a phone's last 4 digits as the policy left them): verify
        for s, e in _stretches(text, a, b, free):
            out.append(Finding(kind, s, e, text[s:e], 0.5, "address.column"))

    # (a segment masked whole counts as one: the street before a kept town, read again by verify)
    segs = [m.span() for m in _SEG.finditer(text) if _WORD.search(m.group()) or "*" in m.group() or "＊" in m.group()]
    if _CJK.search(text):
        done = False
        for a, b in segs:
            if done or not _CJK.search(text, a, b):
                add(T.ADDRESS, a, b)
                continue
            done = True
            p = a
            while p < b and text[p].isspace():
                p += 1
            pm = _POSTCODE.match(text, p)
            if pm is not None and pm.end() < b:
                out.extend(f for f in _postcode_parts(text, *pm.span(), False) if free(f.start, f.end))
                p = pm.end()
                while p < b and text[p].isspace():
                    p += 1
            seg = text[p:b]
            if re.search(r"[\uac00-\ud7af]", seg):
                m = _KR_REGION.match(text, p, b)
            elif re.search(r"[\u3040-\u30ff]", seg) or re.match(r"\S{1,3}?[都道府県]", seg):
                m = _JP_REGION.match(text, p, b)
            else:
                m = _TW_REGION.match(text, p, b)
            r_end = m.end() if m is not None and m.end() < b else p
            add(T.ADDRESS_REGION, p, r_end)
            add(T.ADDRESS, r_end, b)
            continue
        return out
    region = _region_segments(text, segs, street)
    for i, (a, b) in enumerate(segs):
        if i not in region:
            add(T.ADDRESS, a, b)
            continue
        zip3 = _STATE_ZIP.fullmatch(text, a, b) is not None
        pos = a
        for m in _POSTCODE.finditer(text, a, b):
            add(T.ADDRESS_REGION, pos, m.start())
            if free(*m.span()):
                out.extend(_postcode_parts(text, m.start(), m.end(), zip3))
            pos = m.end()
        add(T.ADDRESS_REGION, pos, b)
    return out


def _region_segments(text: str, segs: list[tuple[int, int]], street: bool = False) -> set[int]:
    """Which comma segments of a Latin-script address are the region: the one with a postcode and
    those after it (and a town right before a bare ``ST 12345``); with no postcode, the last one
    when it holds no digit and something came before it, unless the column holds the street line
    only (``street``: 'House 84, Keshabpara' under a 'Street' header names no town)."""
    n = len(segs)
    pc = next((i for i in range(1, n) if _POSTCODE.search(text, *segs[i])), None)
    if pc is not None:
        region = set(range(pc, n))
        a, b = segs[pc]
        if pc >= 2 and (_STATE_ZIP.fullmatch(text, a, b) or _POSTCODE.fullmatch(text[a:b].strip())) \
                and not any(ch.isdigit() for ch in text[slice(*segs[pc - 1])]):
            region.add(pc - 1)
        return region
    if n >= 2 and not street and not any(ch.isdigit() for ch in text[slice(*segs[-1])]):
        return {n - 1}
    return set()


_PLACE_TAG = "address_us.tag"
_NO_CONTEXT = Context()


def unit_places(text: str, found: list[Finding]) -> list[Finding]:
    """Place tags inside a comma segment that is a unit of the address and nothing else ('Piso 9,
    Puerta 9': usaddress tagged 'Puerta 9' the town, which share kept; evasion seed 19) are the
    unit's: ADDRESS."""
    for f in found:
        if f.detector == _PLACE_TAG and f.type is T.ADDRESS_REGION:
            break
    else:
        return found
    from . import unit_line
    out = None
    for m in _SEG.finditer(text):
        a, b = m.span()
        if not any(f.type is T.ADDRESS_REGION and f.detector == _PLACE_TAG and a <= f.start and f.end <= b
                   for f in found):
            continue
        if not unit_line.detect(m.group(), _NO_CONTEXT):
            continue
        out = list(found) if out is None else out
        out = [Finding(T.ADDRESS, f.start, f.end, f.text, f.score, f.detector, f.meta, f.role)
               if f.type is T.ADDRESS_REGION and f.detector == _PLACE_TAG and a <= f.start and f.end <= b else f
               for f in out]
    return found if out is None else out


def street_places(text: str, found: list[Finding], street: bool = False) -> list[Finding]:
    """usaddress's place tags inside the street segment of an address-column value are street
    words: it reads an address in US order, so in '691, boulevard Julien Godard, 93427 Allain' or
    'Campo da Paz, 67, ...' (street type first, a street named after a person) it tags the street's
    name as the town, which share keeps. A value of two or more comma segments only; a place tag
    becomes ADDRESS when its segment is not the region (``_region_segments``) nor the last one,
    and holds a house number or a street word a detector found there.

    In a street-line column (``street``) with no postcode after its first comma segment, no word is
    the region: every region finding (a place tag, a town another detector read, a house number
    read as a postcode before the street's name, '4162 İsmet River') is the street's."""
    if street and found:
        segs = [m.span() for m in _SEG.finditer(text) if _WORD.search(m.group())]
        if not any(_POSTCODE.search(text, a, b) for a, b in segs[1:]):
            out = [Finding(T.ADDRESS, f.start, f.end, f.text, f.score, f.detector, f.meta, f.role)
                   if f.type is T.ADDRESS_REGION else f for f in found]
            return out if any(f is not g for f, g in zip(out, found)) else found
    if _CJK.search(text) is not None or not any(f.detector == _PLACE_TAG for f in found):
        return found  # (a Chinese address: one C-level search)
    segs = [m.span() for m in _SEG.finditer(text) if _WORD.search(m.group())]
    if len(segs) < 2:
        return found
    region = _region_segments(text, segs)
    on_street = [i not in region and (any(ch.isdigit() for ch in text[a:b])
                                      or any(f.type is T.ADDRESS and a <= f.start and f.end <= b for f in found))
                 for i, (a, b) in enumerate(segs)]
    on_street[-1] = False  # the last segment is the town when none was found by its postcode (or the region)
    out = None
    for k, f in enumerate(found):
        if f.type is not T.ADDRESS_REGION or f.detector != _PLACE_TAG:
            continue
        i = next((i for i, (a, b) in enumerate(segs) if a <= f.start and f.end <= b), None)
        if i is None or not on_street[i]:
            continue
        if out is None:
            out = list(found)
        out[k] = Finding(T.ADDRESS, f.start, f.end, f.text, f.score, f.detector, f.meta, f.role)
    return found if out is None else out
