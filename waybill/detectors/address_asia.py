"""Japanese, Korean and Taiwanese addresses in text (benchmarks/world_text found them read by
nothing): ``〒081-3642 北海道渋谷区台場5-13-4 パレス984号室``, ``島根県昭島市台場2丁目1番9号
クレスト774号室``, ``대전광역시 송파구 잠실로 357-64, 114동 942호``, ``테헤란로 123, 101동 202호``,
``桃園市平和巷73號8樓``.

The administrative prefix (Japanese 都道府県 and 市区町村, Korean 시/도 and 시/군/구, Taiwanese
市/縣 and 區/鄉/鎮) is the region (ADDRESS_REGION, kept in ``share`` as a Chinese province, city
and district are); what follows it (town, 丁目/番/号 or 1-2-3 block, building and room; road and
number, 동/호; street, 巷/弄, 號, 樓) is ADDRESS. A Japanese postcode keeps its first 2 digits.
"""
from __future__ import annotations

import functools
import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context
from .name_asia import jp_family_at

T = EntityType

_KANJI = r"\u4e00-\u9fff々"
_KANA = r"\u3040-\u30ffー"
# a block's, a lot's or a house's number before 丁目/番/号, in digits or in kanji numerals as Japanese
# addresses are often written ('渋谷二丁目二十一番一号' stood whole; found by hand); 番 before 町 is a
# town's name ('千代田区四番町6丁目8番14号' was read as house 四番 and building 町6, and 8番14号 stood;
# world_text seed 149)
_N = r"(?:\d{1,4}|[一二三四五六七八九十百〇]{1,4})"
# (texts reach the detectors in simplified characters: 東京都 arrives as 东京都)
_PREF = rf"(?:東京都|东京都|北海道|京都府|大阪府|[{_KANJI}]{{2,3}}県)"
_PREF_GUN = rf"{_PREF}\s?(?:[{_KANJI}{_KANA}]{{1,6}}?郡\s?)?"
_PC_OPT = rf"(?P<pc>〒\s?\d{{3}}-?\d{{4}}\s*)?"
# the block (丁目) and what follows it (after 丁目 the block and house may be written with a dash: '2丁目1-1')
_CHOME = rf"{_N}丁目(?:\s?{_N}番(?!町)地?(?:\s?{_N}号)?|\s?\d{{1,4}}[-‐−]\d{{1,4}}|\s?{_N}号)?"
# a building's name and its room after the house number
_BLD = rf"(?P<bld>\s?[{_KANJI}{_KANA}A-Za-z・]{{1,16}}\s?\d{{0,5}}(?:号室|号|階|阶)?)?"
_JP_SRC = (
    _PC_OPT
    + rf"(?P<r>{_PREF_GUN}"
    rf"[{_KANJI}{_KANA}]{{1,6}}?[市区町村](?:\s?[{_KANJI}{_KANA}]{{1,4}}?区)?)"
    # (a town and a building name before the block number: '虎ノ門虎ノ門ヒルズ森タワー5丁目')
    # (Sapporo's blocks are numbered in the town's name: '北1条西2丁目')
    rf"(?P<d>\s?(?:[{_KANJI}{_KANA}A-Za-z]|\d{{1,2}}条){{0,20}}?\s?"
    rf"(?:{_CHOME}|{_N}番(?!町)地?(?:\s?{_N}号?)?|\d{{1,4}}(?:[-‐−]\d{{1,4}}){{1,3}})"
    rf"{_BLD})"
)
# (a postcode makes the prefecture optional: '〒530-0001 大阪市北区梅田1-2-3' stood whole; found by hand)
_JP_NOPREF_SRC = _JP_SRC.replace(_PC_OPT, _PC_OPT[:-1], 1).replace(_PREF_GUN, "", 1)
# (a city or a Tokyo ward without its prefecture or postcode, in a Japanese text: '世田谷区北沢2-10-15
# コーポ北沢203', 'お届け先 横浜市青葉区美しが丘1-2-3', '大阪市北区梅田3丁目1-3' stood; found by hand)
_JP_CITY_SRC = (_JP_SRC.replace(_PC_OPT, rf"(?<![{_KANJI}{_KANA}])", 1)
                .replace(rf"{_PREF_GUN}[{_KANJI}{_KANA}]{{1,6}}?[市区町村]", rf"[{_KANJI}{_KANA}]{{1,6}}?[市区]", 1))
# (and a town's block and house alone, with 丁目 or 番: '北沢2丁目10番15号 メゾン北沢 203号室' kept the
# block and house; found by hand)
_JP_TOWN_SRC = (
    rf"(?<![{_KANJI}{_KANA}0-9])(?P<d>[{_KANJI}{_KANA}]{{1,8}}?"
    rf"(?:{_CHOME}|{_N}番(?!町)地?\s?{_N}号?|{_N}番地)"
    rf"{_BLD})"
)
# (and a town's name with its block and house in the dash form and a building after it, in a text
# with kana: '梅田3-1-3 ハイツ青葉109' under its region's line stood; found by the held-out jp_yamato
# labels). Not a number after a label's word (番号, 号, 日, 時: '伝票番号8585-3730-5062', '19-21時')
_JP_DASH_SRC = (
    rf"(?<![{_KANJI}{_KANA}0-9])(?P<d>[{_KANJI}{_KANA}]{{1,8}}?(?<![号日月時分年円番])[1-9]\d{{0,3}}(?:[-‐−]\d{{1,4}}){{1,2}}"
    rf"(?![-‐−\d時日月分円])"
    rf"{_BLD})"
)
# what makes a text Japanese for the two patterns above: kana, a block's 丁目 or 番地, a postcode mark
_KANA_RUN = lazy(r"[\u3040-\u30ff]{2}")
_JP_MARK = lazy(r"[\u3040-\u30ff〒様]|丁目|番地")
# a name and its honorific where a building's name could stand ('東京都港区六本木6-10-1 竹中 直人 様':
# 竹中 was read as the building and 直人 stood)
_NAME_HONORED = lazy(rf"\s?[{_KANJI}]{{1,4}}[ \u3000]?[{_KANJI}\u3040-\u309f]{{0,5}}[ \u3000]?(?:様|殿|さん|さま)")
# a prefecture and its city (and ward) with nothing after them, as labels print them on a line of
# their own above the town ('宮城県仙台市青葉区' / '中央1丁目3-1 ...': the line was masked whole as the
# block's address); the region share keeps
_JP_REGION_ONLY = lazy(rf"(?<![{_KANJI}{_KANA}]){_PREF_GUN}[{_KANJI}{_KANA}]{{1,6}}?[市区町村]"
                       rf"(?:\s?[{_KANJI}{_KANA}]{{1,4}}?区)?(?=\s*$)")
_JP_PC = lazy(r"〒\s?\d{3}-?\d{4}(?!\d)")
_FAMILY_GIVEN = lazy(rf"\s?(?P<f>[{_KANJI}]{{1,3}})[ \u3000]?[{_KANJI}\u3040-\u309f]{{1,4}}(?![{_KANJI}{_KANA}0-9])")


def _family_then_given(text: str, at: int) -> bool:
    """A listed Japanese family name and a given name at ``at`` where a building's name could
    stand ('横浜市青葉区美しが丘1-2-3 高橋 健太': 高橋 was read as the building and 健太 stood)."""
    m = _FAMILY_GIVEN.match(text, at)
    return m is not None and jp_family_at(text, m.start("f")) > 0


_HANGUL = r"\uac00-\ud7af"
# after the road and number: building (동), floor (층), room (호) and a building's name before them
# ('해운대아파트 101동 1203호', '4층 401호': the floor and the flat stood, found by hand)
_KR_UNIT = rf"(?:(?:지하[ \t]?|B)?\d{{1,5}}[ \t]?(?:동|층|호실|호|실)|[A-Za-z][ \t]?동)"
_KR_TAIL = rf"(?:\s*,?\s*(?:{_KR_UNIT}|[{_HANGUL}A-Za-z0-9]{{1,14}}(?=[ \t]?{_KR_UNIT}))){{0,4}}"
# (the region's parts may be written, or read, without spaces: '서울특별시강남구테헤란로 76', as Tesseract
# reads a Korean label, was taken whole for a road and the region filled with it; 2026-12-07 evening)
_KR_SRC = (
# (all its parts glued or all apart: glued after a space, a road's name that starts like a district
# was taken for one, '수성구 달구벌대로 180' read 달구 as a district and showed 벌대로; the fewest glued
# parts are tried first)
    rf"(?P<r>[{_HANGUL}]{{1,10}}(?:특별자치시|특별자치도|특별시|광역시|도|시)"
    rf"(?:(?:\s+[{_HANGUL}]{{1,6}}(?:시|군|구)){{1,2}}(?=\s)|(?:[{_HANGUL}]{{1,6}}?(?:시|군|구)){{1,2}}?))"
    rf"(?P<d>(?:\s*[{_HANGUL}0-9]{{1,14}}){{1,3}}?\s*(?:지하\s?)?\d{{1,5}}(?:-\d{{1,5}})?"
    rf"{_KR_TAIL}(?:\s*\([{_HANGUL}0-9\s]{{1,20}}\))?)"
)
# a road address without its region: 테헤란로 123, 101동 202호; 세종대로12길 5
_KR_ROAD_SRC = (
    rf"(?<![{_HANGUL}])[{_HANGUL}0-9]{{1,12}}(?:로|길)\s?(?:지하\s?)?\d{{1,5}}(?:-\d{{1,5}})?"
    rf"{_KR_TAIL}(?:\s*\([{_HANGUL}0-9\s]{{1,20}}\))?"
)
# Taiwanese, with a lane (巷): optional postcode, city/county and district, then street, lane and
# number with 號. Texts reach the detectors in simplified characters (號 -> 号, 樓 -> 楼, 區 -> 区)
_TW_SRC = (
    rf"(?P<pc>\d{{3,6}}\s?)?(?P<r>(?:[{_KANJI}]{{1,3}}?[市縣县])(?:[{_KANJI}]{{1,3}}?[區区鄉乡鎮镇])?)?"
    rf"(?P<d>[{_KANJI}]{{1,10}}?(?:\d{{1,4}}段)?\d{{1,4}}巷(?:\d{{1,4}}弄)?\d{{1,5}}[號号](?:之\d{{1,3}})?"
    rf"(?:\d{{1,3}}[樓楼](?:之\d{{1,3}})?)?(?:\d{{1,4}}室)?)"
)
# Japanese 県 and the four other prefectures, any Hangul, 號 or a lane 巷: rare in simplified
# Chinese addresses, so Chinese exports pay one search per text
_GATE_CHARS = lazy(r"[県號巷〒\uac00-\ud7af]")


def gate(text: str) -> bool:
    """Whether the text can hold one of these addresses (a character class, then 4 substrings:
    a C-level scan, not an alternation tried at every character)."""
    return _GATE_CHARS.search(text) is not None or "東京都" in text or "东京都" in text or "北海道" in text \
        or "京都府" in text or "大阪府" in text or _JP_MARK.search(text) is not None


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    """(JP, KR, KR road, TW), compiled on first use: ~170 ms of compiling that a text without
    Japanese, Korean or a lane never needs."""
    return tuple(re.compile(p) for p in (_JP_SRC, _KR_SRC, _KR_ROAD_SRC, _TW_SRC, _JP_NOPREF_SRC, _JP_CITY_SRC,
                                         _JP_TOWN_SRC, _JP_DASH_SRC))


def _pc(text: str, a: int, b: int) -> list[Finding]:
    s = text[a:b].rstrip()
    b = a + len(s)
    i = a
    while i < b and not text[i].isdigit():
        i += 1
    keep = min(i + 2, b)
    return [Finding(T.ADDRESS_REGION, a, keep, text[a:keep], 0.8, "address_asia.postcode"),
            Finding(T.ADDRESS, keep, b, text[keep:b], 0.8, "address_asia.postcode")]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,，.":
        b -= 1
    return a, b


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []
    _JP, _KR, _KR_ROAD, _TW, _JP_NOPREF, _JP_CITY, _JP_TOWN, _JP_DASH = _patterns()

    def free(a, b):
        return not any(s < b and a < e for s, e in taken)

    jp = list(_JP.finditer(text)) + (list(_JP_NOPREF.finditer(text)) if "〒" in text else [])
    if _JP_MARK.search(text) is not None:
        jp += list(_JP_CITY.finditer(text)) + list(_JP_TOWN.finditer(text))
        if _KANA_RUN.search(text) is not None:
            jp += list(_JP_DASH.finditer(text))
    for m in jp:
        if not free(*m.span()):
            continue
        pc = "pc" in m.re.groupindex and m.group("pc")
        if pc:
            out += _pc(text, *m.span("pc"))
        if "r" in m.re.groupindex:
            out.append(Finding(T.ADDRESS_REGION, *m.span("r"), m.group("r"), 0.8, "address_asia.jp"))
        a, b = m.span("d")
        if m.group("bld") and (_NAME_HONORED.match(text, m.start("bld")) is not None
                               or _family_then_given(text, m.start("bld"))):
            b = m.start("bld")  # the building is a name (before its honorific, or a listed family name)
        a, b = _strip(text, a, b)
        out.append(Finding(T.ADDRESS, a, b, text[a:b], 0.85, "address_asia.jp"))
        taken.append((m.start(), b))
    for m in _JP_REGION_ONLY.finditer(text):
        if free(*m.span()):
            out.append(Finding(T.ADDRESS_REGION, *m.span(), m.group(), 0.8, "address_asia.jp_region"))
            taken.append(m.span())
    if "〒" in text:
        # a postcode with its mark and no address after it ('〒150-0002' on a line of its own, as
        # labels print it: read as a phone's digits by a label's block); its head kept as the region
        for m in _JP_PC.finditer(text):
            if free(*m.span()):
                out += _pc(text, *m.span())
                taken.append(m.span())
    for m in _KR.finditer(text):
        if not free(*m.span()):
            continue
        out.append(Finding(T.ADDRESS_REGION, *m.span("r"), m.group("r"), 0.8, "address_asia.kr"))
        a, b = _strip(text, *m.span("d"))
        out.append(Finding(T.ADDRESS, a, b, text[a:b], 0.85, "address_asia.kr"))
        taken.append(m.span())
    for m in _KR_ROAD.finditer(text):
        if free(*m.span()):
            a, b = _strip(text, *m.span())
            out.append(Finding(T.ADDRESS, a, b, text[a:b], 0.8, "address_asia.kr_road"))
            taken.append(m.span())
    for m in _TW.finditer(text):
        if not free(*m.span()):
            continue
        if m.group("pc"):
            # (also before a town written without 市/縣, '111 員林中華114巷226號': dispose
            # removes the postcode with the rest)
            out += _pc(text, *m.span("pc"))
        if m.group("r"):
            out.append(Finding(T.ADDRESS_REGION, *m.span("r"), m.group("r"), 0.8, "address_asia.tw"))
        a, b = _strip(text, *m.span("d"))
        out.append(Finding(T.ADDRESS, a, b, text[a:b], 0.85, "address_asia.tw"))
        taken.append(m.span())
    return out
