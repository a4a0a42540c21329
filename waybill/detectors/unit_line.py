"""A text that holds nothing but the unit part of an address: a second address line as exports,
forms and labels write it, on its own line or in its own field (``Apt 4B``, ``Wohnung 12``,
``Bât. B, Apt 12``, ``3º 2ª``, ``2. th``, ``101동 1203호``, ``4층 401호``, ``12階``,
``サンプルマンション101``, ``グランドハイツ 305号室``).

Found by hand (2026-12-05): the street line above was masked, and the flat, building and room
below it stood in every preset, read by nothing (the unit detectors read a unit only beside its
street, or in an address column). GB/T 41833-2022 names the unit/room part as what a privacy
waybill must hide. The text must be units from end to end (one or more, separated by spaces,
commas or slashes) and hold a digit, so a sentence that mentions a room is not one.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from ..trie_regex import trie_pattern
from . import Context

# a unit's number or letter: '4B', '12', 'B-3', '2/1', 'n° 5', 'Nr. 7'
_ID = r"(?:(?:n[°º.o]|no\.?|nr\.?|#)[ \t]*)?(?:\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?|[A-Za-z](?:[-/]?\d{1,4})?)"
# words that name a flat, suite, floor, building, staircase or door, in the languages carriers print
# (whole words; 'm.' and 'lok.' Polish, 'daire'/'kat'/'blok' Turkish, 'lgh' Swedish)
_WORD = (r"apt|apartment|appt|app|appart|appartement|apartamento|apto|suite|ste|unit|rm|room|flat|floor|flr|fl"
         r"|level|lvl|bldg|building|block|blk|tower|twr|wohnung|whg|etage|stockwerk|zimmer|haus|hinterhaus"
         r"|bât|bat|bâtiment|batiment|escalier|esc|étage|porte|résidence|piso|puerta|pta|planta|bloque|dpto|escalera"
         # (Austrian staircase and door: 'Stiege 2, Top 14')
         r"|stiege|stg|top|tür|tuer"
         r"|depto|departamento|portal|scala|interno|int|piano|palazzina|bloco|andar|sala|casa|lok|lokal|torre"
         r"|mieszkanie|kat|daire|blok|lgh|lägenhet|leilighet|lejlighed|huoneisto|porta|dveře|byt|bus|bte|boîte"
         # (a door's bell or intercom holds the flat's number: 'Apt. 4C, buzz 4C' left its second 4C)
         r"|buzz|buzzer|intercom|klingel|interphone|citofono|timbre|domofon|dzwonek|zvonek|bell|doorbell")
# the side of a landing a door is on, after a unit or alone after a door's word ('Piso 2ºB, puerta
# izquierda', 'Wohnung 12, 3. OG links', '3º esq.': such lines stood whole, found by hand)
_SIDE = (r"(?i:izq(?:uierda|uierdo|da)?\.?|dcha\.?|dra\.?|derecha|derecho|dta\.?|centro|ctro\.?|links|rechts|mitte"
         r"|vorne|hinten|left|right|front|rear|back|gauche|droite|esq(?:uerdo|uerda)?\.?|dto\.?|dir(?:eito|eita)?\.?"
         r"|sinistra|destra|fondo|vänster|höger)(?![^\W_])")
# (the words' first letters looked at first: a text that starts otherwise fails at one character)
_FIRST = "".join(sorted({w[0] for w in _WORD.split("|")} | {"m"}))
# a floor written as an ordinal before its word: '3. OG', '3e étage', '2nd Floor', '3º piso', '2. th'
# (and a Portuguese or Spanish ordinal in NFKC, '2o andar', and the Polish floor in its cases, 'z 5
# piętra', 'na 3 piętrze': found by hand, the floor stood)
_FLOOR = (r"(?i:\d{1,3}+[ \t]*+(?:\.|º|ª|°|e|er|ème|eme|st|nd|rd|th|o|a)?[ \t]*+"
          r"(?:og|eg|ug|dg|stock|etage|étage|ét\.|floor|fl|piso|planta|andar|piano|kat|th|tv|mf|sal|sal\.|tr|tr\.|"
          r"piętro|piętra|piętrze)"
          rf"(?![^\W_])(?:[ \t]+{_SIDE})?)")
# a Hong Kong floor: '12/F', 'G/F'
_HK_FLOOR = r"(?:(?:\d{1,3}|G|UG|LG|M)/F(?![\w/]))"
# Spanish and Portuguese floor and door: '3º 2ª', '2º B', '3ºA' (a floor alone, '3º', is no unit: a
# rank; and '25° C' a temperature). Texts reach the detectors in NFKC: º as o, ª as a
_ES = (rf"(?:\d{{1,2}}[ \t]*[ºªoa][ \t]*(?:(?:\d{{1,2}}[ \t]*[ºªoa]?|[A-Za-z])(?![^\W_])(?:[ \t]+{_SIDE})?"
       # (a floor and the landing's side: '3º esq.', '2º dcha')
       rf"|(?<=[ \t]){_SIDE}))")
# (a word's unit may be written the Spanish way: 'Piso 2ºB')
# (the word whole: 'Apto 502' was read as 'Apt' and the flat letter 'o', and 502 stood)
_LATIN = (rf"(?i:(?<![^\W\d_])(?=[{_FIRST}])(?:(?:{_WORD})(?![^\W\d_])\.?|m\.)[ \t]*+(?::[ \t]*+)?(?:{_ES}|{_ID}(?![^\W_])(?:[ \t]+{_SIDE})?"
          rf"|(?<=[ \t]){_SIDE}))")
# Chinese, Japanese and Korean unit numbers: '3号楼', '2单元', '1205室', '12階', '305号室', '101동',
# '1203호', '4층', '지하1층', 'B1층', 'A座'
_CJK = (r"(?:(?:지하[ \t]?|B)?\d{1,5}+[ \t]?(?:号楼|號樓|号房|号室|號室|单元|單元|栋|棟|幢|座|层|層|楼|樓|室|階|阶|户|戸"
        r"|호실|동|층|호|실)|[A-Za-z][ \t]?(?:座|栋|棟|동)"
        # (a room's bare number after its building or unit: 'A座1203', '3栋2单元 501')
        r"|(?<=[座栋棟幢楼樓元동])[ \t]?\d{2,5}(?!\d))")
_HANGUL = r"\uac00-\ud7af"
_KANA = r"\u30a0-\u30ffー・"
# a building named by its kind, with a number after it: 'サンプルマンション101', '해운대아파트 101동'
# (the number or a unit must follow: a building's name alone is read by nothing)
_BUILDING = (rf"(?:[{_KANA}\u4e00-\u9fffA-Za-z0-9]{{0,20}}(?:マンション|ハイツ|コーポ|アパート|レジデンス|ビル|タワー|荘"
             rf"|メゾン|パレス|ハイム|コート|ヴィラ|プラザ|ヒルズ|テラス|ガーデン|ハウス|ホームズ|シティ|ヒル)"
             rf"|[{_HANGUL}A-Za-z0-9]{{0,14}}(?:아파트|빌라|빌딩|오피스텔|맨션|타워|하이츠|주택|캐슬|자이|팰리스|센터|프라자|플라자"
             rf"|상가|원룸|타운|파크|맨숀|빌))")
_BUILDING_NUM = rf"(?:{_BUILDING}[ \t]?(?:\d{{1,5}}(?:号室|號室|号|號)?(?![\d{_HANGUL}])|(?={_CJK}))"
# (or any name before a room: 'メゾン青葉 2110号室', 'コーポ山田 203号室')
_BUILDING_NUM += rf"|[{_KANA}\u4e00-\u9fffA-Za-z]{{1,20}}[ \t]?(?=\d{{1,5}}[ \t]?(?:号室|號室)))"
_SEP = r"[ \t]*[,，、/;\-]?[ \t]*"


# an address label before the unit ('Address line 2: Apt 4B', '주소: 101동 1203호', '地址：12階')
_LABEL = (r"(?:(?i:address(?:[ \t]*line)?(?:[ \t]*2)?|addr\.?|adresse|adres|adresa|dirección|direccion|indirizzo"
          r"|endereço|complemento|zusatz|adresszusatz)|地址|收货地址|收件地址|详细地址|住所|주소|상세주소)[ \t]*[:：]?[ \t]*")


def _line(one: str) -> re.Pattern:
    return lazy(rf"[ \t]*(?:{_LABEL})?(?P<u>{one}(?:{_SEP}{one}){{0,5}})[ \t]*[.。]?[ \t]*")


# (the building names are tried only in texts with kana or Hangul: the other units fail at a
# text's first character, a building's name only after reading up to 20)
_LINE = _line(rf"(?:{_CJK}|{_LATIN}|{_FLOOR}|{_ES}|{_HK_FLOOR})")
_LINE_BUILDING = _line(rf"(?:{_BUILDING_NUM}|{_CJK}|{_LATIN}|{_FLOOR}|{_ES}|{_HK_FLOOR})")
_KANA_HANGUL = lazy(rf"[\u3040-\u30ff{_HANGUL}]")
# units right after a street in a sentence ('Via Roma 12, scala B, interno 5', 'Storgatan 12, lgh
# 1102', 'Atatürk Cad. No: 12 Daire: 5', 'rue de la Paix, 3e étage': the street was masked and the
# flat stood, found by hand); a Latin unit only (the Asian ones are read anywhere)
_AFTER = lazy(rf"(?:[ \t]*[,;][ \t]*|[ \t]+)(?P<u>(?:{_LATIN}|{_FLOOR}|{_ES}|{_HK_FLOOR})"
                    rf"(?:{_SEP}(?:{_LATIN}|{_FLOOR}|{_ES}|{_HK_FLOOR})){{0,4}})")


# a unit inside a sentence, with a number ('Wejście od podwórza, domofon 15, drugie piętro', 'zimmer
# 12 im Wohnheim Nord', 'Bât A, 3e étage, porte gauche': found by hand, each unit stood; the line
# rules read a text that is units from end to end, or units right after a street). Only the words
# that name a flat, a building's part or a bell (not 'top', 'bus', 'sala', 'casa', 'piano': 'top 3',
# 'bus 12' are no units), and a floor written as an ordinal ('3e étage', '3. OG', '2nd floor')
# (a unit, a suite, a building, a block or a tower only after a place's preposition, 'leave at unit 5':
# 'Unit 5 of 10 items', 'Building 7 is closed on Sundays', 'Block 3 seats sold out' are no addresses)
_INSIDE_WORDS = ("apt apartment appt appart appartement apartamento apto flat wohnung whg zimmer bât bâtiment "
                 "batiment escalier étage piso puerta dpto depto departamento scala interno mieszkanie "
                 "daire lgh lägenhet leilighet lejlighed huoneisto byt domofon dzwonek zvonek klingel citofono "
                 "interphone buzzer intercom stiege aufgang "
                 # (Vietnamese floor and room, an Indonesian, Dutch or Polish block, a Portuguese one:
                 # 'tầng 5, phòng 502', 'Blok C No. 12', 'bloco B' stood; found by hand)
                 "tầng phòng lầu blok bloco "
                 # (a French or Spanish staircase: 'bât. B, esc. 2, 3e ét.' kept its staircase and floor)
                 "esc escalera "
                 # (Polish declined forms, a German house number: 'z mieszkania 12', 'Haus Nr. 7' stood;
                 # found by hand)
                 "mieszkania mieszkaniu lokalu hausnummer hausnr "
                 # (a door's number, a Polish 'from flat': 'porte 12', 'u sąsiada spod 12' stood; found by hand)
                 "porte porta spod").split()
_PLACED_WORDS = ("unit", "suite", "building", "block", "tower")
# (a house by its number alone: 'Leave it at No. 7' stood; found by hand)
_NUMBER_WORDS = ("no", "number", "nr", "nummer", "numero", "número")
# (and the prepositions of other languages before it, and an Italian floor after 'del'/'al': 'bij de
# buren op nummer 14', 'hos grannen på nummer 9', 'al vicino del piano 2' stood; found by hand)
_NUMBER_BEFORE = ("at", "to", "@", "op", "på", "auf", "na", "al", "au", "nel")
_INSIDE_WORD = ("|".join(_INSIDE_WORDS) + "|(?:(?<=at )|(?<=in )|(?<=to )|(?<=@ ))(?:" + "|".join(_PLACED_WORDS) + ")"
                + "|(?:" + "|".join(f"(?<={p} )" for p in _NUMBER_BEFORE) + ")(?:" + "|".join(_NUMBER_WORDS) + ")"
                + "|haus[ \t]+nr|(?:(?<=del )|(?<=al ))piano")
_INSIDE = lazy(rf"(?i:(?<![^\W\d_])(?:{_INSIDE_WORD})\.?[ \t]*+(?::[ \t]*+)?(?:n[°º.o][ \t]*|no\.?[ \t]*|nr\.?[ \t]*|#[ \t]*)?"
                     rf"(?:\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,5}}[A-Za-z]?)?|(?-i:[A-Z])(?:[-/]?\d{{1,4}})?)(?![^\W_])"
                     rf"(?:[ \t]+{_SIDE})?)|{_FLOOR}"
                     # (a door by its side: 'porte gauche', 'puerta izquierda', 'Tür links')
                     rf"|(?i:(?<![^\W\d_])(?:porte|puerta|porta|tür|tuer)[ \t]+){_SIDE}")
# (the words' letters a text must hold first: a C-level look before the pattern)
_INSIDE_GATE = lazy(trie_pattern(tuple(sorted(set(_INSIDE_WORDS) | set(_PLACED_WORDS) | {
    "og", "floor", "piso", "planta", "andar", "piano", "kat", "stock", "porte", "porta", "tür", "tuer", "ét."}
    | {f"{p} {w}" for p in _NUMBER_BEFORE for w in _NUMBER_WORDS} | {"haus nr", ". sal", ". th", ". tv", "piętr"}))))


# a Spanish or Portuguese floor and door inside a sentence ('Doña Carmen, 2º B', '3º izq.'; read in
# NFKC: 'º' as 'o'): after a comma or a blank, ending the text or before a comma (found by hand: it
# stood); '2o' alone is a rank and stays
_ES_INSIDE = lazy(rf"(?:(?<=,)|(?<=[ \t]))[ \t]*(?P<u>{_ES})(?=[ \t]*(?:[,.;]|$))")
_ES_GATE = lazy(r"\d[ºªoa°][ \t]*(?:\d|[A-Za-z])")


# a Chinese building's, unit's or room's number after its label ('单元：2 房号：1102' stood in a free
# text; found by hand): the number is masked, the label stays
_CN_UNIT_WORDS = ("门牌", "楼号", "栋号", "幢号", "楼栋", "单元", "房号", "房间", "室号", "楼层")
_CN_LABELLED = lazy(rf"(?:{'|'.join(_CN_UNIT_WORDS)})号?[ \t]*[:：]?[ \t]*"
                    r"(?P<u>[0-9A-Za-z０-９][0-9A-Za-z０-９\-]{0,7})(?![0-9A-Za-z])")
_CN_GATE = lazy("|".join(_CN_UNIT_WORDS))


def detect_inside(text: str, ctx: Context) -> list[Finding]:
    """Units inside a free text (``_INSIDE``), not where a whole-line reading found them."""
    out = []
    if _INSIDE_GATE.search(text.lower()) is not None:
        out = [_unit(text, m.start(), m.end()) for m in _INSIDE.finditer(text)]
    if not text.isascii() and _CN_GATE.search(text) is not None:
        out += [_unit(text, *m.span("u")) for m in _CN_LABELLED.finditer(text)]
    if _ES_GATE.search(text) is not None:
        out += [_unit(text, *m.span("u")) for m in _ES_INSIDE.finditer(text)
                if not any(f.start < m.end("u") and m.start("u") < f.end for f in out)]
    return out


def unit_run(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the units that follow a street ending at ``pos`` (after a comma or blanks), or
    None."""
    m = _AFTER.match(text, pos)
    return None if m is None else m.span("u")
# inside any Japanese or Korean text: a flat and its building or floor ('101동 1203호', '5층 501호'),
# a room ('305号室') and a building named by its kind with its number ('マンション101'; the name's
# kana or Hangul before it is taken back by hand: a search that read up to 20 characters before
# every suffix would be quadratic)
_PAIR = lazy(
    rf"(?<!\d)(?:\d{{1,4}}[ \t]?동[ \t,]*\d{{1,5}}[ \t]?호|(?:지하[ \t]?|B)?\d{{1,3}}[ \t]?층[ \t,]*\d{{1,5}}[ \t]?호"
    rf"|(?P<r>\d{{1,5}}[ \t]?(?:号室|號室))"
    rf"|(?P<b>マンション|ハイツ|コーポ|アパート|レジデンス|メゾン|パレス|ハイム|아파트|빌라|오피스텔|맨션|맨숀)"
    rf"[ \t]?\d{{1,5}}(?:号室|號室|号|號|동|호)?)(?!\d)")
_NAME_CHAR = lazy(rf"[{_KANA}{_HANGUL}A-Za-z]")
_ROOM_NAME_CHAR = lazy(rf"[{_KANA}\u4e00-\u9fffA-Za-z]")
# a text is looked at only when it is short, starts with a letter or digit (or, with kana or Hangul
# in it, a building's name) and has a digit
_MAX = 64
_DIGIT = lazy(r"\d")


def gate(text: str) -> bool:
    """A cheap test that most texts fail: too long, or a first character no unit starts with."""
    if len(text) > _MAX:
        return False
    c = text[:1]
    if c == " " or c == "\t":
        c = text.lstrip(" \t")[:1]
    if c.isascii():
        return c.isalnum()
    return c in "地收详住" or (not text.isascii() and _KANA_HANGUL.search(text) is not None)


def test(text: str) -> bool:
    """Whether ``detect`` can find anything: a short text (``gate``), or kana or Hangul in it."""
    return gate(text) or (not text.isascii() and _KANA_HANGUL.search(text) is not None)


def _unit(text: str, a: int, b: int) -> Finding:
    return Finding(EntityType.ADDRESS, a, b, text[a:b], 0.7, "unit_line", meta=(("unit", True),))


def detect(text: str, ctx: Context) -> list[Finding]:
    if _DIGIT.search(text) is None:
        return []
    asian = not text.isascii() and _KANA_HANGUL.search(text) is not None
    if gate(text):
        m = (_LINE_BUILDING if asian else _LINE).fullmatch(text)
        if m is not None:
            a, b = m.span("u")
            while b > a and text[b - 1] in " \t.。,，":
                b -= 1
            return [_unit(text, a, b)]
    if not asian:
        return []
    out = []
    for m in _PAIR.finditer(text):
        a = m.start()
        if m.group("b") or m.group("r"):
            # the building's name before its kind or its room ('メゾン青葉 2110号室'; kanji too
            # before a room, and one space)
            name = _NAME_CHAR if m.group("b") else _ROOM_NAME_CHAR
            if m.group("r") and a > 0 and text[a - 1] == " " and a > 1 and name.match(text[a - 2]):
                a -= 1
            k = 0
            while a > 0 and k < 20 and name.match(text[a - 1]):
                a -= 1
                k += 1
        out.append(_unit(text, a, m.end()))
    return out
