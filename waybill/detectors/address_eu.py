"""Street addresses as continental Europe (and Turkey) writes them, in text: a street line with a
street-type word and a house number ("Musterstraße 12", "Hauptstr. 5a", "12 rue de la Paix",
"Via Roma 10", "ul. Marszałkowska 84/92 m. 15", "Calle Mayor 3, 2º B", "Storgatan 14",
"Atatürk Cad. No: 12 D: 5"), and the postcode and town after it ("10115 Berlin", "1012 AB
Amsterdam", "00-514 Warszawa", "114 55 Stockholm", "1100-053 Lisboa").

In ``share`` the street line (name, number, unit) is masked; the town and the postcode's first two
characters (three of a 7-digit code) are kept as the region (ADDRESS_REGION), the rest of the
postcode is masked, as on labels (``layout._region_split``): a full European postcode narrows an
address to a street or less.
``dispose`` removes the region too. A postcode and town are taken only beside a street line found
in the same text, or in an address column.
"""
from __future__ import annotations

import functools
import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from ..trie_regex import trie_pattern
from . import Context

_L = r"A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f\u1e00-\u1eff"  # Latin letters (Latin-1, Extended-A/B, Extended Additional: Vietnamese)
_UP = r"A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1eff"
# street types; the "weak" ones are also English words or word endings ("Bring 2", "Brigade 3",
# "Place 2 boxes", "Route 66"): a street with one of them counts only beside a postcode and town, an
# address label or in an address column
# a street name glued to its type (German, Dutch, Scandinavian, Finnish, Hungarian compounds)
_GLUED = (r"stra(?:ß|ss)e|str\.|gasse|platz|allee|chaussee|straat|laan|plein|gracht|singel|stræde|"
          r"gatan|vägen|gata|gränd|veien|katu|utca|"
          # (the endings no English or Romance word has: 'c/o Familie Yilmaz, Gartenweg 3a' stood, a
          # weak type with no postcode after it; found by hand)
          r"weg|damm|ufer|steig|pfad|dijk|steeg|dreef|väg|torget|vej|vegen|gaten|kuja|polku")
# ('str' without its dot: 'Hauptstr 5 80331 München' stood; found by hand)
_GLUED_WEAK = r"ring|markt|kade|baan|boulevard|hof|pad|gade|gate|tie|út|tér|str"
# a street type written as its own word before the name
_BEFORE = (r"rue|avenue|boulevard|chemin|allée|impasse|quai|"
           r"via|viale|v\.le|piazza|p\.za|piazzale|corso|c\.so|vicolo|lungomare|"
           # ("Cl." for calle, which is also how a reading takes "C/": 'Cl de Alcalá 66, 9° A', stress
           # labels seed 122000, was masked as a name, its initials and floor letter kept)
           r"calle|c/|cl\.?|avenida|avda\.?|paseo|carrer|travesía|rambla|callejón|pasaje|cuesta|glorieta|urbanización|"
           r"carretera|ctra\.|jirón|jiron|"
           r"rua|travessa|estrada|alameda|praça|largo|avenida|rodovia|ladeira|viela|"
           r"ul\.|ulica|aleja|osiedle|plac|"
           r"ulice|nám\.|náměstí|rynek|"
           r"strada|bulevardul|calea|"
           r"sokak|sok\.|cadde|cad\.|caddesi|bulvar|bulvarı|blv\.|mahallesi|mah\.|"
           r"straße|strasse|"
           # Indonesian and Malay ('Jl. Merdeka No. 10, RT 02/RW 05': name and street stood, found by hand),
           # Vietnamese ('12 đường Nguyễn Trãi')
           r"jl\.|jln\.|jalan|gg\.|gang|lorong|lrg\.|komplek|perumahan|"
           r"đường|phố|ngõ|hẻm|"
           # Irish ('12 Sráid an Phiarsaigh, Gaillimh' stood; found by hand)
           r"sráid|bóthar|ascaill|lána|plás|cearnóg|céibh")
# Spanish street types that are no given name either (``street_type_first``)
_ES_WEAK = "acceso|bajada|cañada|pasadizo|carrera"
_BEFORE_WEAK = (r"av\.?|bd\.?|bvd\.?|ch\.|place|route|rte\.?|plaza|camino|ronda|al\.|os\.|pl\.|sk\.|str\.|weg|"
                r"r\.|tv\.|vía|via|quadra|setor|vereda|trecho|conjunto|chácara|sítio|vila|jardim|parque|lago|"
                r"residencial|condomínio|passeio|"
                # Brazilian kinds of logradouro that are everyday words too (Correios' list of types)
                r"aeroporto|área|campo|colônia|distrito|esplanada|estação|favela|fazenda|feira|lagoa|"
                r"loteamento|morro|núcleo|passarela|pátio|praia|recanto|trevo|vale|viaduto|"
                # Spanish "C. Mayor 3" (calle), "Vial"
                r"c\.|vial|"
                # (Peru's jirón as written: 'Jr. de la Unión 456, Dpto. 301, Lima 15001' stood)
                r"jr\.|"
                # Italian kinds Faker's it_IT writes that no list held ('Stretto Carmelo, 130 Piano 8':
                # world_text seed 81 --more-forms, the street stood)
                r"stretto|borgo|incrocio|"
                # ('Contrada Galtarossa, 5 Appartamento 9, 20008 Ghilarza' and 'Rotonda ...': the street
                # stood in share, world_text --formats mail seed 95; località and frazione are how
                # Italian villages' addresses are written)
                r"contrada|c\.da|rotonda|canale|località|loc\.|frazione|fraz\.|" + _ES_WEAK)
# a street type written as its own word after the name (Turkish, Czech, Hungarian, some German and Dutch)
_AFTER = (r"sokak|sok\.|cadde|cad\.|caddesi|bulvarı|bulvar|straße|strasse|allee|straat|laan|"
          r"třída|utca|körút|sugárút|gasse|platz|allé|stræde|plads|torv|gyde")
_AFTER_WEAK = r"sk\.|str\.|weg|út|tér|gate|gata|gatan|gade|vej|veien|vegen|katu|kuja|tie|ring|damm|ufer|steig|pfad|markt"
# (or "no number": Portuguese and Spanish S/N, s/n, S/Nº)
# (a number range, '5-7', '12/3', is no postcode after a spaced dash: 'Kungsgatan 30 - 753 20
# Uppsala' took '30 - 753' for the house number, and the postcode's tail '20' stood)
_NOT_POSTCODE = r"(?!\d{3} \d{2}(?!\d)|\d{4,5}[ \t]+[" + _UP + r"]|\d{4} ?[A-Z]{2}(?![" + _L + r"]))"
# (a letter after the number is no unit word's abbreviation: 'ul. Długa 5 m. 12' kept its '12', the
# 'm' read as the house number's letter; found by hand), nor one that starts an abbreviation
# ('Kerkstraat 12 t.a.v. De Vries' masked the t of t.a.v.)
_NUMBER = (r"(?:(?:No\s*[:.]?\s*)?\d{1,4}(?!\d)(?:\s?[a-zA-Z](?![" + _L + r":]|\.\s?\d|\.[a-zA-Z]\.)(?:\s\d{1,3}(?![\d.]))?)?(?:\s?[-/]\s?"
           + _NOT_POSTCODE + r"\d{1,4}[a-zA-Z]?){0,2}"
           r"|(?i:s/n[ºo°]?)(?![" + _L + r"\d]))")
# a unit after the number: m. 15, lok. 3, 2º B, 3° dcha, bte 3, Whg. 4, Stiege 2 Top 5, D: 5, Kat 2
_UNIT = (r"(?:\s*,?\s*(?:(?i:rt\.?\s?\d{1,3}\s?/\s?rw\.?\s?\d{1,3}|m\.|lok\.|apt\.?|d(?:e)?pto\.?|appartamento|appartement|apartamento|app\.?|wohnung|whg\.?|bte|boîte|bus|"
         r"piso|piano|puerta|pta\.?|esc\.?|escalera|stg\.?|stiege|top|tür|daire|d\s?:|kat\s?:?|étage|etage|og|"
         # (a unit word is whole: 'Appartamento 76' is not 'App' + 'artame')
         r"dg|eg|bloco|andar|fracção)(?:(?<=[.:])|(?![" + _L + r"]))\s*[\w/]{1,6}|\d{1,2}\s?(?:[ºª°]|[oa](?=\s|[A-Z](?![" + _L + r"])))\s?(?:[A-Z](?![" + _L + r"])|dcha\.?|izq\.?|"
         r"izda\.?|dto\.?|esq\.?)?|\d{1,2}\.\s?(?:th|tv|mf|sal)\.?"
         # (a Spanish floor and door typed without their signs: 'calle mayor 5 3B', 'Calle Mayor 5 del
         # 3B', '5 2 izq' stood; found by hand)
         r"|(?:(?i:del)\s)?\d{1,2}\s?(?:[A-Za-z]|izq|izqda|izda|dcha|dcho)\.?(?![" + _L + r"\d])"
         r")){0,3}")
# the words of a unit that may follow a house number ('Contrada Galtarossa, 5 Appartamento 9')
_UNIT_WORD = (r"(?i:apt|appartamento|appartement|apartamento|app|wohnung|whg|piso|piano|puerta|pta|esc|escalera|stg|"
              r"stiege|top|tür|daire|kat|étage|etage|og|dg|eg|bloco|andar|fracção|lok|bte|boîte|bus|m)")
_NAME_WORD = rf"(?:[{_UP}][{_L}'’\-.]*|\d{{1,2}}\.?|(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|l'|d'|von|van|der|den|am|an|im|zum|zur|og|i|e|y|et))"



def _street_re(glued: str, before: str, after: str) -> re.Pattern:
    return re.compile(
        # glued type + number: Musterstraße 12, Hauptstr. 5a, Storgatan 14, Kerkstraat 5
        rf"(?<![{_L}\d])(?:[{_UP}][{_L}\-]*(?:{glued})|(?:[{_UP}][{_L}\-]*[ \-]){{1,3}}(?i:{after}))\.?[ \t]+{_NUMBER}{_UNIT}"
        # type before the name + number: Via Roma 10, ul. Marszałkowska 84/92, Calle Mayor 3, Rua Augusta 100
        # (a place in brackets after the name: Faker pt_PT's "Alameda do Brasil (Porto), 70",
        # "Travessa Novo (à Travessa das Águas Boas), 4")
        rf"|(?<![{_L}\d])(?i:{before})[ \t]+(?:{_NAME_WORD}[ \t]+){{0,6}}?[{_UP}][{_L}'’\-.]*"
        rf"(?:[ \t]+\([{_L}][{_L}'’\-. ]{{1,40}}\))?,?[ \t]+{_NUMBER}"
        # (a number inside the street's name, 'aleja Konstytucji 3 Maja 498,': the house number is
        # the last one before the field's end; 'Maja 498' stood, world_text --formats mail seed 95)
        rf"(?![ \t]+(?!{_UNIT_WORD}(?![{_L}]))[{_UP}][{_L}]+[ \t]+\d{{1,4}}[a-zA-Z]?[ \t]*(?:[,;|\n]|$)){_UNIT}"
        # number + type before the name: 12 rue de la Paix, 5 avenue Foch (``_after_phone_group``
        # takes the number off when it is a phone's last group; a postcode's tail is no house
        # number: '5118-825 Vila Nova de Foz Côa' is a town)
        # (the name up to a field's end when it ends within 7 words: '94, rue Paul Caron, 05417 Perez';
        # else its first capitalised word on: '12 rue de la Paix Marie Dupont 06...')
        # (a Dutch postcode is no number and type: '9103 BD Riel' is not '12 bd Saint-Michel')
        rf"|(?<![{_L}\d])(?<!\d[\-.])(?!\d{{4}}[ \t]?[A-Z]{{2}}(?![{_L}]))\d{{1,4}}(?:[ \t]?(?:bis|ter|[a-z]))?,?[ \t]+(?i:{before})[ \t]+"
        # (or up to a postcode and town right after it: '15 avenue Victor Hugo 69003 Lyon' kept 'Hugo')
        rf"(?:(?:{_NAME_WORD}[ \t]+){{0,6}}?[{_UP}][{_L}'’\-]*(?=[ \t]*(?:[,;|/\n\"]|$)|[ \t]+\d{{4,5}}[ \t]+[{_UP}])|"
        rf"(?:{_NAME_WORD}[ \t]+){{0,6}}?[{_UP}][{_L}'’\-]*){_UNIT}",
    )


_NO_NUMBER_END = lazy(r"(?i:s/n[ºo°]?)$")
# a street's 'no number' (Portuguese and Spanish 'S/N', sem/sin número; read by detect's gate and the
# TXT reader's address block too)
NO_NUMBER = _NO_NUMBER = re.compile(rf"(?<![{_L}\d])(?i:s/n[ºo°]?)(?![{_L}\d])")
_INITIALS_BEFORE = lazy(rf"(?<![{_L}\d.])(?:[{_UP}]\.[ \t]?){{1,3}}$")


@functools.lru_cache(maxsize=1)
def street_res() -> tuple[re.Pattern, re.Pattern]:
    """(strong street types only, every street type): compiled on first use (about 40 ms, paid
    only by a process that reads a European street type)."""
    return (_street_re(_GLUED, _BEFORE, _AFTER),
            _street_re(f"{_GLUED}|{_GLUED_WEAK}", f"{_BEFORE}|{_BEFORE_WEAK}", f"{_AFTER}|{_AFTER_WEAK}"))

_ADDRESS_LABEL = lazy(r"(?i:adress|address|anschrift|indirizzo|direcci[oó]n|endere[cç]o|adres|osoite|c[ií]m\b|"
                            r"adresa|adresse|lieferung|zustell|morada|domicilio|"
                            # (Latin American addresses: a colonia, a C.P. or CEP, a barrio: 'Av. Insurgentes
                            # Sur 1234, Col. Del Valle, CDMX, C.P. 03100' stood whole; found by hand)
                            r"\bcol(?:onia)?\.?[ \t]+(?-i:[A-ZÁÉÍÓÚÑ])|\bc\.[ \t]?p\.[ \t]?\d{4,5}|\bcep[:.]?[ \t]*\d{5}|"
                            r"\bbarrio[ \t]|\bbairro[ \t]|\burb\.[ \t]|\bd(?:e)?pto\.?[ \t]*\d)")
# "10115 Berlin", "1012 AB Amsterdam", "00-514 Warszawa", "114 55 Stockholm", "1100-053 Lisboa",
# "D-80331 München", "CH-8001 Zürich"; after a Brazilian CEP a town may start with a particle
# ("51738-150 da Mata": a place named after a family), after a Dutch one with an ordinal or an article
# ("2988 NK 2e Exloërmond", "3579KE de Hoef"); a town cut to its first letter at the end of a line
# read off a photo's edge ("753 20 U")
POSTCODE_TOWN_RE = lazy(
    rf"(?<![{_L}\d\-])(?:[A-Z]{{1,2}}-)?(?P<code>\d{{5}}-\d{{3}}|\d{{8}}(?=[ \t]+(?:(?:da|do|das|dos|de)[ \t]+)?[{_UP}][{_L}])|\d{{5}}|\d{{4}}(?: ?[A-Z]{{2}}(?![{_L}]))?|\d{{2}}-\d{{3}}|\d{{3}} \d{{2}}|"
    rf"\d{{4}}-\d{{3}})[ \t]+(?P<town>(?:(?<=\d{{5}}-\d{{3}} )(?:da|do|das|dos|de)[ \t]+|(?<=\d{{8}} )(?:da|do|das|dos|de)[ \t]+|['’][st][\- ]?|"
    rf"(?:(?<=\d{{4}}[A-Z]{{2}} )|(?<=\d{{4}} [A-Z]{{2}} ))(?:[1-9]e|de|den|het|ter|ten)[ \t]+)?"
    # (and a Czech, Slovak or Polish town's 'nad', 'pod', 'u': 'Ústí nad Labem', 'Slavkov u Brna')
    # (a town of two languages joined by a slash, 'Biel/Bienne': '/Bienne' stood in dispose)
    rf"[{_UP}](?:[{_L}'’\-.]+|(?=[ \t]*$))(?:[ \t\-/](?:[{_UP}][{_L}'’\-.]+|a\.|am|an|der|im|sur|de|del|gem\.?(?=[ \t][{_UP}])|"
    # (and an Austrian or German town's 'in', 'bei', 'ob': 'Rohrbach in Oberösterreich' had its
    # second half masked in share, world_text --formats mail seed 99)
    # (the longer particle first, whole: 'Silveira dos Dourados' was cut after 'do', and dispose left
    # 's Dourados'; world_text --formats mail seed 102)
    rf"(?:dos|das|do|da|di)(?![{_L}])|(?:nad|pod|u|v|ve|na|in|bei|ob|unter)(?=[ \t][{_UP}])|[A-Z]{{1,2}}(?![{_L}])))*)"
)


def _literals(alternation: str) -> list[str]:
    """The lower-case words of a street-type alternation, its optional dots and ß/ss forms spelt out."""
    out = []
    # (the ß/ss group holds a bar: spelt out before the alternation is split)
    for w in alternation.replace("(?:ß|ss)", "ß").split("|"):
        w = w.replace("\\.?", "").replace("\\.", ".").replace("[ée]", "é")
        out.append(w.lower())
        if "ß" in w:
            out.append(w.replace("ß", "ss"))
    return out


@functools.lru_cache(maxsize=1)
def _type_first_words() -> frozenset:
    """Street types written before the name that are no given name (the weak list holds "Ronda")."""
    return frozenset(w.rstrip(".") for w in _literals(f"{_BEFORE}|{_ES_WEAK}"))


@functools.lru_cache(maxsize=1)
def _type_words() -> frozenset:
    """Every street type written before the name, weak ones too ('R.', 'Av.', 'Ronda'), without
    its dot."""
    return frozenset(w.rstrip(".") for w in _literals(f"{_BEFORE}|{_BEFORE_WEAK}"))


def street_type_word(word: str) -> bool:
    """Whether ``word`` is a street type written before the name ('R.', 'Rua', 'Calle', 'Av.')."""
    return word.lower().rstrip(".") in _type_words()


def street_type_first(words: str) -> bool:
    """Whether ``words`` start with a street type written before the name ("Calle de Jose Manuel",
    "Pasadizo María José"): a street line, not a person's name."""
    first = words.split(None, 1)[0].lower().rstrip(".") if words.strip() else ""
    return first in _type_first_words()


# cheap gates on the lower-cased text (one pass of a trie-shaped pattern; a plain alternation of
# 90 words cost 40 us a cell): a strong street type anywhere, or a weak one
@functools.lru_cache(maxsize=1)
def _gates() -> tuple[re.Pattern, re.Pattern]:
    """(a strong street type, a weak one), compiled on first use (10 ms)."""
    # ('cl' and 'cl.' with the space after them: as bare letters they stand in 'include', 'clear')
    strong = [w for w in _literals(f"{_GLUED}|{_BEFORE}|{_AFTER}") if w != "cl"] + ["cl ", "cl\t", "cl. "]
    return (re.compile(trie_pattern(strong)),
            re.compile(trie_pattern(_literals(f"{_GLUED_WEAK}|{_BEFORE_WEAK}|{_AFTER_WEAK}"))))

# a postcode and a capitalised town after it, at a line start or after a comma
# (a one-line address's fields may be set apart by a spaced dot, bullet, bar, slash or dash)
# (a Brazilian town may start with a particle, a Dutch one with 's- or 't, an ordinal or an article:
# '14674-134 da Paz de Pastor', "5458AR 's-Heerenhoek", '2988NK 2e Exloërmond', '3579KE de Hoef')
# (or right after a house number or a flat's letter: 'Mannerheimintie 5 A 12 00100 Helsinki' stood,
# no comma before its postcode; found by hand)
_POSTCODE_GATE = lazy(r"(?:^|[,;\n]\s*|\s[·•|/\-–][ \t]+|(?<=\d[ \t])|(?<=\s[A-Za-z][ \t]))(?:[A-Z]{1,2}-)?\d{2,5}(?:[ \-]?\d{2,3}| ?[A-Z]{2})?[ \t]+"
                            r"(?:d[aeo]s?[ \t]+|den[ \t]+|het[ \t]+|te[nr][ \t]+|['’][st][\- ]?|[1-9]e[ \t]+)?"
                            r"[A-ZÀ-Þ\u0100-\u024f]",
                            re.M)


def postcode_findings(text: str, m: re.Match) -> list[Finding]:
    """The findings of a ``POSTCODE_TOWN_RE`` match: the postcode's kept head and the town (the
    region), its tail (masked)."""
    a, b = m.span("code")
    code = m.group("code")
    # the first 2 characters stay (3 of a 7-digit code), as on labels (layout._region_split):
    # "10***", "10** **", "00-***", "11* **", "110*-***"
    keep = 2 if sum(ch.isdigit() for ch in code) <= 5 else 3
    keep = a + keep + (1 if "-" in code[:keep + 1] else 0)
    out = [Finding(EntityType.ADDRESS_REGION, m.start(), keep, text[m.start():keep], 0.85, "address_eu.postcode"),
           Finding(EntityType.ADDRESS, keep, b, text[keep:b], 0.85, "address_eu.postcode_tail"),
           Finding(EntityType.ADDRESS_REGION, m.start("town"), m.end("town"), m.group("town"), 0.85,
                   "address_eu.town")]
    return out


# a street line with no street-type word, right before a postcode and town: "Lange Voorhout 9, 2514
# EA Den Haag", "Nørre Voldgade 12, 1358 København K", "Feira Maria Moraes, 7, 75786-363 Rocha" (the
# Brazilian number after a comma)
_UNTYPED_BEFORE = lazy(rf"(?<![{_L}\d])[{_UP}][{_L}'’\-.]*(?:[ \t][{_L}'’\-.]+){{0,4}},?[ \t]+\d{{1,4}}[a-zA-Z]?"
                             rf"(?:[-/]\d{{1,4}}[a-zA-Z]?){{0,2}}(?:,|[ \t]+[·•|/\-–])[ \t]*$")
_NOT_STREET = frozenset("order invoice ref reference room box item page no nr number qty quantity total "
                        "flat suite unit floor apt tracking parcel package account".split())
_TOWN_GATE = lazy(r"\d[a-zA-Z]?, (?:[A-Z]{1,2}-)?\d{2,5}")


# (a group of a number written in groups: '0386460047 31, chemin ...' is a whole number and a house
# number)
_PHONE_GROUP_BEFORE = lazy(r"(?<!\d)\d{2,4}[ \-./]$")
_LEAD_NUMBER = lazy(r"\d{1,4}(?:[ \t]?(?:bis|ter|[a-z]))?,?[ \t]+")


def _after_phone_group(text: str, m: re.Match, any_re: re.Pattern) -> tuple[int, int]:
    """The span of street match ``m``; when it starts with a number that is the last group of a
    phone before it ('925 675 930, R. Lorena Correia, 63', 'Tél. 03 12 34 50 90 chemin Lecomte'),
    the street from its type word on, with the number written after the name when there is one."""
    a, b = m.span()
    if not text[a].isdigit() or _PHONE_GROUP_BEFORE.search(text, max(0, a - 5), a) is None:
        return a, b
    lead = _LEAD_NUMBER.match(text, a)
    if lead is None or lead.end() >= b:
        return a, b
    again = any_re.match(text, lead.end())
    if again is not None and again.end() > b:
        return again.span()
    return lead.end(), b


# words written in capitals ('STORGATAN 8, 114 55 STOCKHOLM', as many labels and exports write a
# street or a town): read in title case, one character for one (words of 3+ letters: 'LK', 'NW', a
# postcode's letters, stay); the street and town patterns want a capital and small letters
_WORD3 = lazy(r"[^\W\d_]{3,}")
_CAPS3 = lazy(r"[A-ZÀ-ÖØ-Þ\u0100-\u024f]{3}")


def _title(w: re.Match) -> str:
    s = w.group()
    return s[0] + s[1:].lower() if s.isupper() else s


# a Vietnamese street line with no street word: a house number and the street's name before the ward
# or district ('12 Nguyễn Trãi, Phường 2, Quận 5': it stood; found by hand, writing addresses the way
# Vietnamese labels do)
# (typed in lower case after 'số', and a street named by a date: 'Giao đến số 1 3 Tháng 2, phường 11,
# quận 10' stood; found by hand)
_VI_STREET = lazy(rf"(?<![{_L}\d/])(?:(?i:số)[ \t]+)?\d{{1,4}}(?:[/\-]\d{{1,4}}){{0,2}}[A-Za-z]?[ \t]+(?:\d{{1,2}}[ \t]+)?"
                        rf"[{_UP}][{_L}]*(?:[ \t]+(?:[{_UP}][{_L}]*|\d{{1,2}}(?![\d{_L}]))){{0,5}}"
                        rf"(?=[ \t]*,[ \t]*(?i:Phường|P\.|Quận|Q\.|Xã|Huyện|Thị trấn|Thị xã|TT\.|TX\.)[ \t])")
_VI_GATE = lazy(r"(?i:phường|quận|xã|huyện|thị trấn|thị xã)|P\. |Q\. ")


def detect(text: str, ctx: Context) -> list[Finding]:
    if _CAPS3.search(text) is not None:
        recased = _WORD3.sub(_title, text)
        if recased != text and len(recased) == len(text):
            out = [Finding(f.type, f.start, f.end, text[f.start:f.end], f.score, f.detector, f.meta, f.role)
                   for f in _detect(recased, ctx)]
            return _romanised_ru_gr(text, _romanised_asia(text, _colombian(text, _lived_at(
                text, _vietnamese(text, _lower_case(text, ctx, out))))))
    return _romanised_ru_gr(text, _romanised_asia(text, _colombian(text, _lived_at(
        text, _vietnamese(text, _lower_case(text, ctx, _detect(text, ctx)))))))


# street types typed in lower case that start no English phrase before a number ('via', 'impasse',
# 'largo', 'gang', 'plac' are left to the capitalised forms)
_LOWER_NOT = frozenset(("via", "impasse", "largo", "gang", "plac", "c/", "cl.", "cl", "p.za", "c.so", "v.le", "jl.",
                        "jln.", "gg.", "lrg."))
# weak glued types read in lower case too (their street is taken only beside a postcode and town)
_LOWER_GLUED_WEAK = ("tie", "gade", "gate", "kade", "baan", "str")
# particles of a street's name, left in lower case when a text is recased ('12 rue de la paix 75002
# paris' took 'de' as the name's first capitalised word and left 'la paix')
_LOWER_PARTICLES = frozenset("de del della di da do dos das du des la le les von van der den am an im zum zur og i e y "
                             "et l d".split())


@functools.lru_cache(maxsize=1)
def _lower_gate() -> re.Pattern:
    """A strong street type in lower case: a word of its own, or the end of a glued name after two
    lower-case letters (trie-shaped: a plain alternation of the words cost ~4 us a cell)."""
    own = [w for w in _literals(f"{_BEFORE}|{_AFTER}") if w not in _LOWER_NOT]
    glued = [w for w in _literals(_GLUED) + list(_LOWER_GLUED_WEAK) if w not in _LOWER_NOT]
    return re.compile(rf"(?<![{_L}])(?:{trie_pattern(sorted(set(own)))})(?![{_L}])"
                      rf"|(?<=[a-zß-öø-ÿ][a-zß-öø-ÿ])(?:{trie_pattern(sorted(set(glued)))})(?![{_L}])")


# English words that no street's name holds between its type and number
_LOWER_PROSE = frozenset("the is are was were be been an and or of in on at to for from with by it its this that "
                         "these those my your our his her their we you they he she i me us them about after before "
                         "than then so if but not minutes mins hours days weeks".split())
# a Dutch postcode's letters typed in lower case ('1017 gc amsterdam'), upper-cased when recasing
_LOWER_PC_TOWN = lazy(r"(?<![\d\-])(?:\d{5}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4})[ \t]+[a-zß-öø-ÿ\u0101-\u017f]{3,}")
_NL_LETTERS = lazy(r"(?<=\d{4} )[A-Za-z]{2}(?= )")
_LOWER_WORD = lazy(r"(?<![^\W\d_])[a-zß-öø-ÿ\u0101-\u017f][^\W\d_]*")


def _lower_case(text: str, ctx: Context, out: list[Finding]) -> list[Finding]:
    """Streets typed in lower case, as chats and notes write them ('vivo en la calle mayor 5 3B',
    'hauptstraße 5, berlin', '12 rue de la paix, paris', 'atatürk caddesi no 5': every one stood;
    found by hand): the text's lower-case words capitalised and read again; a street found so is
    taken when it holds a lower-case street type and no finding of the text as written overlaps it."""
    if not any(c.isdigit() for c in text):
        return out
    gate = _lower_gate()
    types = [m.span() for m in gate.finditer(text)]
    # (or no type the gate reads, but a postcode and a lower-case town right after the street: 'via
    # roma 10 00184 roma', 'národní 10, 110 00 praha 1' stood; found by hand)
    pcs = [] if types else [m.start() for m in _LOWER_PC_TOWN.finditer(text)]
    if not types and not pcs:
        return out
    recased = _NL_LETTERS.sub(lambda w: w.group().upper(), _LOWER_WORD.sub(
        lambda w: w.group() if w.group() in _LOWER_PARTICLES else w.group()[:1].upper() + w.group()[1:], text))
    if len(recased) != len(text):
        return out
    got = []
    found = _detect(recased, ctx)
    for f in found:
        if f.type is not EntityType.ADDRESS or f.detector != "address_eu.street" \
                or not (any(f.start <= a and b <= f.end for a, b in types)
                        or any(0 < p - f.end <= 2 and not text[f.end:p].strip(" ,") for p in pcs)) \
                or any(g.start < f.end and f.start < g.end for g in out) \
                or any(w in _LOWER_PROSE for w in text[f.start:f.end].lower().split()):
            continue  # (a sentence's words: 'the avenue is 5 minutes away', 'we rue the 3 days')
        got.append(Finding(f.type, f.start, f.end, text[f.start:f.end], 0.8, "address_eu.street", f.meta, f.role))
    if got:
        # the postcode and town after such a street ('ul. długa 5 m. 3 00-950 warszawa' kept its
        # postcode whole)
        first = min(f.start for f in got)
        got += [Finding(f.type, f.start, f.end, text[f.start:f.end], 0.8, f.detector, f.meta, f.role) for f in found
                if f.detector.startswith(("address_eu.postcode", "address_eu.town")) and f.start > first
                and not any(g.start < f.end and f.start < g.end for g in out + got)]
    return out + got if got else out


# a Colombian (and Venezuelan) address: the street is a numbered road, the house number is the
# cross street's and the distance ('Calle 45 # 12-34', 'Cra. 7 No. 72-41', 'Av. 19 #104-37 Apto 502':
# the street stood beside a masked '# 12-34'; found by hand)
_CO_STREET = lazy(r"(?<![\w.])(?i:calle|cl\.?|carrera|cra\.?|kr\.?|cr\.?|avenida|av\.?|ak\.?|ac\.?|diagonal|dg\.?|"
                        r"transversal|tv\.?|circular|cq\.?)[ \t]*\d{1,3}[ \t]?[A-Za-z]?(?:[ \t]+(?i:bis)(?:[ \t]?[A-Za-z])?)?"
                        r"(?:[ \t]+(?i:sur|este|norte|oeste))?[ \t]*(?:#|(?i:n[oº°]\.?))[ \t]*\d{1,3}[ \t]?[A-Za-z]?[ \t]*-[ \t]*\d{1,3}"
                        r"(?:[ \t]+(?i:sur|este|norte))?")


# Korean and Japanese addresses in Latin letters (found by hand, 2026-12-07: '123 Teheran-ro,
# Gangnam-gu, Seoul 06236' and '2-8-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 163-8001' stood whole):
# a Korean road name ends in -ro, -gil or -daero and has its building number before or after it; a
# Japanese block number (chōme-banchi-gō) stands before the area's name, and a Japanese postcode is
# three digits and four (the four mark the block: masked, the three kept as a region's)
_KR_ROAD = r"[A-Z][a-z]+(?:-?[a-z0-9]+)*-(?:ro|gil|daero)(?:[ \t]?\d{1,3}(?:beon)?-?gil)?"
_KR_STREET = lazy(rf"(?<![\w\-])(?:\d{{1,4}}(?:-\d{{1,4}})?,?[ \t]+{_KR_ROAD}|{_KR_ROAD},?[ \t]+\d{{1,4}}(?:-\d{{1,4}})?)(?![\w\-])")
_JP_BLOCK = lazy(r"(?<![\w\-])\d{1,4}-\d{1,4}(?:-\d{1,4})?,?[ \t]+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?![\w\-])")
_JP_GATE = lazy(r"(?<=[a-z])-(?:ku|shi|cho|machi|gun|mura|ken)\b|\b(?:Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Sapporo|"
                r"Fukuoka|Kobe|Sendai|Hiroshima|Japan|Hokkaido|Okinawa)\b")
_JP_POSTCODE = lazy(r"(?<![\d\-])(\d{3})-(\d{4})(?![\d\-])")


def _romanised_asia(text: str, out: list[Finding]) -> list[Finding]:
    got: list[Finding] = []
    if "-ro" in text or "-gil" in text or "-daero" in text:
        got += [Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_eu.street_kr")
                for m in _KR_STREET.finditer(text)]
    if "-" in text and _JP_GATE.search(text) is not None:
        got += [Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.75, "address_eu.street_jp")
                for m in _JP_BLOCK.finditer(text)]
        got += [Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.75, "address_eu.postcode_tail")
                for m in _JP_POSTCODE.finditer(text)]
    got = [g for g in got if not any(f.start < g.end and g.start < f.end for f in out)]
    return out + got if got else out


# a Russian, Ukrainian or Greek street written in Latin letters, as a cross-border parcel's label and
# its export write it ('ul. Lenina d. 17 kv. 45', 'pr-t Mira 12-34', 'vul. Khreshchatyk 22, kv. 5',
# 'Nevskiy pr., 28', 'Leoforos Kifisias 112, 3os orofos'): each stood whole (found by hand, 2026-12-07)
_RU_KIND = (r"(?:ul|ulitsa|ulica|vul|vulytsia|vulitsa)\.?|(?:pr-t|prosp\.|prospekt|per\.|pereulok|nab\.|naberezhnaya|sh\.|"
            r"shosse|bul\.|bulv\.|bulvar|mkr\.|mikrorayon|pl\.|ploshchad|proezd|alleya|tupik)")
_RU_HOUSE = (r",?[ \t]*(?:(?i:d\.|dom)[ \t]*)?\d{1,4}[a-zA-Z]?\d{0,2}(?:[\-/]\d{1,4})?"
             r"(?:,?[ \t]*(?i:korp\.?|k\.|str\.?|stroenie)[ \t]*\d{1,3})?(?:,?[ \t]*(?i:kv\.?|kvartira|of\.?|ofis)[ \t]*\d{1,4})?")
_RU_LATIN_STREET = lazy(
    rf"(?<![A-Za-z])(?:(?i:{_RU_KIND})[ \t]+[A-Z][A-Za-z'\-]+(?:[ \t][A-Z0-9][A-Za-z'\-]*){{0,2}}"
    rf"|[A-Z][a-z'\-]+(?:iy|yy|ij|oy|aya|ya|iy|skiy|sky|ov|ev|in)[ \t]+(?i:pr\.|pr-t|prospekt|per\.|pereulok|bul\.|bulvar|"
    rf"sh\.|shosse|ul\.|ulitsa|nab\.|naberezhnaya)){_RU_HOUSE}(?![0-9])"
    # (the Greek way: Odos, Leoforos, Plateia and the name before the number; the floor after it)
    rf"|(?<![A-Za-z])(?i:odos|odou|leoforos|leof\.|plateia)[ \t]+[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?[ \t]+\d{{1,4}}[A-Za-z]?"
    rf"(?:,?[ \t]*\d{{1,2}}(?:os|o|is|ou)[ \t]+(?i:orofos|orofou))?")
_RU_LATIN_FLOOR = lazy(r"(?<![A-Za-z0-9])\d{1,2}(?:os|o|is|ou)[ \t]+(?i:orofos|orofou)(?![A-Za-z])")


def _romanised_ru_gr(text: str, out: list[Finding]) -> list[Finding]:
    # (substrings first: a search of every Latin cell cost 2 us, these 0.3)
    if not ("ul" in text or "UL" in text or "Ul" in text or "pr" in text or "PR" in text or "Pr" in text
            or "per" in text or "sh" in text or "nab" in text or "Od" in text or "OD" in text or "Leo" in text
            or "LEO" in text or "orof" in text or "ORO" in text or "Pl" in text):
        return out
    got = [Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_eu.street_ru")
           for m in _RU_LATIN_STREET.finditer(text)]
    got += [Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.75, "address_eu.unit_gr")
            for m in _RU_LATIN_FLOOR.finditer(text)]
    got = [g for g in got if not any(f.start <= g.start and g.end <= f.end for f in out)]
    if not got:
        return out
    # (a street found before overlapping one of these is widened to it)
    keep = [f for f in out if not any(f.type is EntityType.ADDRESS and f.start < g.end and g.start < f.end for g in got)]
    wide = []
    for g in got:
        over = [f for f in out if f.type is EntityType.ADDRESS and f.start < g.end and g.start < f.end]
        a, b = min([g.start] + [f.start for f in over]), max([g.end] + [f.end for f in over])
        wide.append(Finding(EntityType.ADDRESS, a, b, text[a:b], g.score, g.detector))
    return keep + wide


def _colombian(text: str, out: list[Finding]) -> list[Finding]:
    if "#" not in text and "o" not in text and "º" not in text and "°" not in text:
        return out
    for m in _CO_STREET.finditer(text):
        over = [f for f in out if f.start < m.end() and m.start() < f.end]
        if any(f.type is not EntityType.ADDRESS for f in over):
            continue
        a, b = min([m.start()] + [f.start for f in over]), max([m.end()] + [f.end for f in over])
        out = [f for f in out if f not in over]
        out.append(Finding(EntityType.ADDRESS, a, b, text[a:b], 0.8, "address_eu.street_co"))
    return out


# a street after the words that say where someone lives, in the languages of the notes ('asun
# Mannerheimintie 5 A 12', 'bydlím v Nádražní 12', 'I live at Oak Hill 5'): a street with no type
# word, or one whose type is a common word, that nothing else reads without a postcode (they stood,
# found by hand)
_LIVE_AT = lazy(
    r"(?i:\bi[ \t]+live[ \t]+(?:at|in|on)|\bwe(?:['’]re|[ \t]+are|[ \t]+live)[ \t]+(?:at|in|on)|\b(?:my|our)[ \t]+address[ \t]+is"
    r"|\bwohne[ \t]+(?:in[ \t]+der|in|im|am|an[ \t]+der|auf[ \t]+der)|\bwohnen[ \t]+(?:in[ \t]+der|in|im|am|an[ \t]+der)"
    r"|\b(?:meine|unsere)[ \t]+adresse[ \t]+(?:ist|lautet)|\bj['’]habite(?:[ \t]+au|[ \t]+à)?|\bnous[ \t]+habitons(?:[ \t]+au|[ \t]+à)?"
    r"|\bvivo[ \t]+en|\bvivimos[ \t]+en|\babito[ \t]+in|\babitiamo[ \t]+in|\bmieszkam[ \t]+(?:na|przy|w)"
    r"|\bmieszkamy[ \t]+(?:na|przy|w)|\bwoon[ \t]+(?:op|aan|in)|\bwonen[ \t]+(?:op|aan|in)|\bbor[ \t]+(?:på|i)"
    r"|\basun|\basumme|\badresim|\badresimiz|\bmoro[ \t]+(?:na|no|em)|\bmoramos[ \t]+(?:na|no|em)"
    r"|\bbydlím[ \t]+(?:v|na|ve)|\bbydlíme[ \t]+(?:v|na|ve)|\bbydlím[ \t]+v[ \t]+ulici)[ \t]*:?[ \t]+")
_LIVE_WORDS = frozenset("live we we're address wohne wohnen adresse j'habite j’habite habitons vivo vivimos abito abitiamo "
                        "mieszkam mieszkamy woon wonen bor asun asumme adresim adresimiz moro moramos bydlím bydlíme".split())
_LIVED_STREET = lazy(rf"[{_UP}][{_L}'’.\-]+(?:[ \t]+(?:[{_UP}][{_L}'’.\-]*|\d{{1,2}}\.|de|del|di|da|do|dos|der|von|van|am|an))"
                           rf"{{0,3}}[ \t]+\d{{1,4}}[a-zA-Z]?(?:[/\-]\d{{1,4}}[a-zA-Z]?)?(?:[ \t]+[A-Z](?:[ \t]+\d{{1,4}})?)?(?![{_L}\d])")


def _lived_at(text: str, out: list[Finding]) -> list[Finding]:
    if _LIVE_WORDS.isdisjoint(w.strip(".,:;!?()") for w in text.lower().split()):
        return out
    for m in _LIVE_AT.finditer(text):
        st = _LIVED_STREET.match(text, m.end())
        if st is None or any(f.start < st.end() and st.start() < f.end for f in out):
            continue
        out.append(Finding(EntityType.ADDRESS, st.start(), st.end(), st.group(), 0.75, "address_eu.lived_at"))
    return out


# a house number and a street named after a person with no type word and no ward after it ('Gửi ông
# Nguyễn Văn An, 12 Lý Thường Kiệt', 'giao đến 45 Nguyễn Huệ' stood; found by hand): two to five
# capitalised words, one of them with a letter only Vietnamese writes (ă đ ơ ư, the tone marks of
# Latin Extended Additional); not a phone's last group ('0912 345 678 Nguyễn Văn An')
_VI_ONLY = "ăđơưĂĐƠƯ\u1ea0-\u1ef9"
_VI_ONLY_GATE = lazy(f"[{_VI_ONLY}]")
_VI_BARE_STREET = lazy(rf"(?<![{_L}\d/.\-])(?<!\d[ .])(?:(?i:số)[ \t]+)?\d{{1,4}}(?:[/\-]\d{{1,4}}){{0,2}}[A-Za-z]?[ \t]+"
                             rf"[{_UP}][{_L}]*(?:[ \t]+[{_UP}][{_L}]*){{1,4}}(?![{_L}\d])")
_VI_ONLY_WORD = lazy(rf"[{_L}]*[{_VI_ONLY}][{_L}]*")


# the same typed without diacritics, as many Vietnamese type an address ('Tran Thi Mai, 45 Nguyen Hue,
# Quan 1, TP HCM' stood whole; found by hand): a house number and capitalised words before a ward or
# district with its number, or before the city's name
_VI_ASCII_AFTER = (r"(?i:(?:Phuong|P\.|Quan|Q\.|Huyen|Xa|Thi tran|Thi xa)[ \t]*\d{1,2}\b|"
                   r"(?:Phuong|Quan|Huyen|Xa)[ \t]+[A-Z][a-z]+|TP\.?[ \t]?HCM\b|TP\.?[ \t]+Ho[ \t]+Chi[ \t]+Minh|"
                   r"Ho[ \t]+Chi[ \t]+Minh|Ha[ \t]+Noi\b|Hanoi\b|Da[ \t]+Nang\b|Hai[ \t]+Phong\b|Can[ \t]+Tho\b)")
_VI_ASCII_GATE = lazy(_VI_ASCII_AFTER)
_VI_ASCII_ALONE = lazy(r"[ \t]*(?P<street>(?:(?i:so)[ \t]+)?\d{1,4}(?:[/\-]\d{1,4}){0,2}[A-Za-z]?[ \t]+"
                       r"(?P<words>[A-Z][a-z]{0,5}(?:[ \t]+[A-Z][a-z]{0,5}){1,5}))[ \t]*,?[ \t]*")
_VI_ASCII_STREET = lazy(rf"(?<![A-Za-z\d/.\-])(?:(?i:so)[ \t]+)?\d{{1,4}}(?:[/\-]\d{{1,4}}){{0,2}}[A-Za-z]?[ \t]+"
                        rf"[A-Z][a-z]*(?:[ \t]+(?:[A-Z][a-z]*|\d{{1,2}}(?![\dA-Za-z]))){{0,5}}"
                        rf"(?=[ \t]*,[ \t]*(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,2}}[ \t]*,[ \t]*)?{_VI_ASCII_AFTER})")


# a Vietnamese house number and its lanes, with or without marks, on a line of their own as a label
# prints them ('So 45 Ngo 12 Pho Doi Can', 'Số 45 Ngõ 12 Phố Đội Cấn', 'Hẻm 123/4 Lê Văn Sỹ': with the
# ward and district on the next line, such lines stood on a GHN-style label; found by hand,
# 2026-12-07): 'số' and a number, then a lane or street word, or a lane word and its number, then
# the street's capitalised words
# (and as rapidocr reads them, the letters its dictionary lacks dropped: 'Hm 221/35 Lý Thng Kit')
_VI_LANE_WORD = r"(?:Ngõ|Ngo|NGÕ|NGO|Ngách|Ngach|NGÁCH|NGACH|Hẻm|Hem|HẺM|HEM|Hm|Kiệt|Kiet|KIỆT|KIET|Kit)"
_VI_WAY_WORD = r"(?:Phố|Pho|PHỐ|PHO|Đường|Duong|ĐƯỜNG|DUONG|Đ\.|P\.)"
_VI_NUM = r"\d{1,4}(?:[/\-]\d{1,4}){0,2}[A-Za-z]?(?![\w/\-])"
_VI_LANE = lazy(rf"(?<![{_L}\d])(?:(?:Số|So|SỐ|SO|số|S)\.?[ \t]*{_VI_NUM}[ \t,]*(?={_VI_LANE_WORD}|{_VI_WAY_WORD}|"
                      rf"(?i:nguyen|tran|le|pham|hoang|ly|dinh|ngo|vo)\b|[{_UP}][{_L}]*[^\x00-\x7f])"
                      rf"|{_VI_LANE_WORD}\.?[ \t]*{_VI_NUM})"
                      rf"(?:[ \t,]*(?:{_VI_LANE_WORD}|{_VI_WAY_WORD})(?:\.?[ \t]*{_VI_NUM})?|[ \t]+[{_UP}][{_L}]*)*")
_VI_LANE_GATE = lazy(r"(?i:số|so|ngõ|ngo|ngách|ngach|hẻm|hem|hm|kiệt|kiet|kit)\.?[ \t]*\d")


# syllables of the people and events Vietnamese streets are named after, as typed without marks: a
# street's words are such syllables ('Order 123 Blue Shirt, Quan 1 store' is no street)
_VI_SYLLABLES = frozenset((
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong lam mai cao "
    "hue loi trai hung dao thai to hai ba trung kiet thuong van thi minh quang duc thanh hoa an binh phu "
    "dien bien cach mang thang tam tu do hoan kiem dong khoi chi lang son hong bang vuong quoc lo dai "
    "lac long quan kim ma giang vo tay ho ton that thuyet dat dinh tien hoang nam ky khoi nghia pasteur "
    "xuan thuy ngoc khanh lieu giai cau giay hang bac bong chu trinh tuyet ung van khiem sau bay").split())


def _vietnamese(text: str, out: list[Finding]) -> list[Finding]:
    if _VI_LANE_GATE.search(text) is not None:
        for m in _VI_LANE.finditer(text):
            e = m.end()
            while e > m.start() and text[e - 1] in " \t,":
                e -= 1
            over = [f for f in out if f.start < e and m.start() < f.end]
            if not over:
                out.append(Finding(EntityType.ADDRESS, m.start(), e, text[m.start():e], 0.75, "address_eu.street_vi"))
            elif all(f.type is EntityType.ADDRESS for f in over) and (m.start() < min(f.start for f in over)
                                                                      or e > max(f.end for f in over)):
                # (a street finding that began at the house number: 'Số 1 Ngõ 85 Phố Lê Lợi' kept 'Số',
                # 'Hẻm 48/29 ...' its 'Hẻm'; label_gen vn_ghn)
                a, b = min([m.start()] + [f.start for f in over]), max([e] + [f.end for f in over])
                out = [f for f in out if f not in over]
                out.append(Finding(EntityType.ADDRESS, a, b, text[a:b], 0.8, "address_eu.street_vi"))
    if text.isascii():
        if _VI_ASCII_GATE.search(text) is not None:
            for m in _VI_ASCII_STREET.finditer(text):
                words = [w.lower() for w in m.group().split()[1:] if not w.isdigit()]
                if not words or not all(len(w) <= 6 for w in words) or not any(w in _VI_SYLLABLES for w in words):
                    continue
                if not any(f.start < m.end() and m.start() < f.end for f in out):
                    out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.7, "address_eu.street_vi"))
        if not out and (text[:1].isdigit() or text[:3].lower() == "so "):
            # a line of its own, the ward and district on the next line (a label's block, a note):
            # a house number and two to six words, every one a Vietnamese street's syllable ('388
            # Cach Mang Thang Tam' stood; label_gen vn_ghn, seed 85300)
            m = _VI_ASCII_ALONE.fullmatch(text)
            if m is not None:
                words = [w.lower() for w in m.group("words").split()]
                if all(w in _VI_SYLLABLES for w in words):
                    out.append(Finding(EntityType.ADDRESS, m.start("street"), m.end("street"), m.group("street"), 0.7,
                                       "address_eu.street_vi"))
        return out
    if _VI_GATE.search(text) is not None:
        for m in _VI_STREET.finditer(text):
            if not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_eu.street_vi"))
    if _VI_ONLY_GATE.search(text) is not None:
        for m in _VI_BARE_STREET.finditer(text):
            if _VI_ONLY_WORD.search(m.group()) is not None and not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.7, "address_eu.street_vi"))
    return out


def _detect(text: str, ctx: Context) -> list[Finding]:
    low = text.lower()
    strong_gate, weak_gate = _gates()
    typed = ctx.hint == EntityType.ADDRESS or strong_gate.search(low) is not None or (
        weak_gate.search(low) is not None and (_POSTCODE_GATE.search(text) is not None
                                                 or _ADDRESS_LABEL.search(text) is not None
                                                 or _NO_NUMBER.search(text) is not None))
    if not typed:
        return _untyped(text) or _postcode_lines(text)
    out: list[Finding] = []
    strong_re, any_re = street_res()
    strong = [m.span() for m in strong_re.finditer(text)]
    weak = []
    town_starts = None
    for m in any_re.finditer(text):
        if text[m.start()].isupper() and m.start() >= 5 and text[m.start() - 1] == " " and text[m.start() - 2].isdigit():
            # a town after its postcode that starts with a street type ('5425-166 Vila Real de
            # Santo António. Call 912 ...'): no street
            if town_starts is None:
                town_starts = {t.start("town") for t in POSTCODE_TOWN_RE.finditer(text)}
            if m.start() in town_starts:
                continue
        a, b = _after_phone_group(text, m, any_re)
        if a >= 2 and text[a - 1] in ". \t":
            i = _INITIALS_BEFORE.search(text, max(0, a - 9), a)
            if i is not None:
                a = i.start()  # initials start the name: 'C.F. Møllersvej 620', 'H.C. Andersens Boulevard 12'
        s = text[a:b].rstrip(" ,")
        f = Finding(EntityType.ADDRESS, a, a + len(s), s, 0.85, "address_eu.street")
        # (a weak type with 'S/N' for its number is a street: 'Av dos Capitães de Abril, S/N' stood)
        (out if any(a < f.end and f.start < b for a, b in strong) or _NO_NUMBER_END.search(s) is not None
         else weak).append(f)
    towns = []
    if out or weak or ctx.hint == EntityType.ADDRESS:
        streets = out + weak
        first = min((f.end for f in streets), default=0)
        for m in POSTCODE_TOWN_RE.finditer(text):
            if m.start() < first or any(f.start < m.end() and m.start() < f.end for f in streets):
                continue  # a postcode and town come after the street ("7481 Pine St" is a US street)
            towns.append(m)
        towns, numbered = _numbered_streets(text, towns)
        out += numbered
    if weak and (towns or ctx.hint == EntityType.ADDRESS or _ADDRESS_LABEL.search(text)):
        out += weak  # a street whose type is also an English word: only with an address around it
    if ctx.hint == EntityType.ADDRESS and not any(f.detector == "address_eu.street" for f in out):
        # an address column's street with no house number before its postcode and town ('rue
        # Paul, 88232 Ribeiro': the street stood whole)
        out = _unnumbered(text) + out
    if out or ctx.hint == EntityType.ADDRESS:
        for m in towns:
            out.extend(postcode_findings(text, m))
    if not out and not weak and ctx.hint != EntityType.ADDRESS:
        # the gates read words inside words ('route' in 'Vroutek', 'út' in 'Úterý'): a text whose
        # type word was no street is read as untyped
        return _untyped(text) or _unnumbered(text) or _postcode_lines(text)
    return out


# a line that is only a dashed postcode and its town (Portuguese '1422-856 Vila Real de Santo
# António', Polish '00-514 Warszawa', Brazilian '01310-100 São Paulo'): the town line of an address
# whose street is on the line before (a text read line by line; it stood whole in share and dispose,
# world_text --formats vcf,mail,regions,map seed 104). A dash makes it no count or year.
_POSTCODE_LINE = lazy(r"(?m)^[ \t]*(?=(?:[A-Z]{1,2}-)?(?:\d{4}-\d{3}|\d{2}-\d{3}|\d{5}-\d{3})[ \t])")


def _postcode_lines(text: str) -> list[Finding]:
    if "-" not in text:
        return []
    out: list[Finding] = []
    for line in _POSTCODE_LINE.finditer(text):
        m = POSTCODE_TOWN_RE.match(text, line.end())
        if m is not None and text[m.end():].split("\n", 1)[0].strip(" \t.,") == "":
            out.extend(postcode_findings(text, m))
    return out


@functools.lru_cache(maxsize=1)
def _unnumbered_re() -> re.Pattern:
    return re.compile(rf"(?<![{_L}\d])(?i:{_BEFORE}|{_BEFORE_WEAK})[ \t]+(?:{_NAME_WORD}[ \t]+){{0,6}}?"
                      rf"[{_UP}][{_L}'’\-.]*,[ \t]*$")


def _unnumbered(text: str) -> list[Finding]:
    """A typed street line with no house number right before a postcode and town, after a
    separator, a line start or 'at' ('... / Lago Oliver Cavalcanti, 45992-105 Cassiano da Serra /
    ...'): the street (a house number may simply be missing)."""
    rx = _unnumbered_re()

    def match(i: int, end: int):
        return rx.match(text, i, end) if text[i].isalpha() else None

    def starts(a: int) -> bool:
        # (or right after a number: 'Tél. 0768516277 chemin Diallo, 25627 Navarro-sur-Maurice')
        return a == 0 or text[a - 1] in ",:;|\n\t" or text[a - 2:a] in (", ", ": ", "| ", "/ ") \
            or _STREET_AFTER_WORD.search(text, max(0, a - 5), a) is not None \
            or (a >= 2 and text[a - 1] == " " and text[a - 2].isdigit())

    return _streets_before_towns(text, 80, match, starts, 0.75)


_UNIT_WORDS = frozenset(("apt", "suite", "ste", "unit", "apartment"))


def _numbered_streets(text: str, towns: list[re.Match]) -> tuple[list[re.Match], list[Finding]]:
    """Of the postcode-and-town matches of an address, those that are a house number and a street
    written US-style ("5512 Mükramin Stravenue, 91234 North Şinasiport": four digits and capitalised
    words read like "1234 Town"): a match whose last word is a street type ("Stravenue", "Gardens",
    "Cove"), or one that another postcode and town follow right after a comma (the town is the last
    group). Returns (the towns, the streets)."""
    from .address_us import _SUFFIX_WORDS

    keep, streets = [], []
    for i, m in enumerate(towns):
        # (a street type after the first word: "Ferihan Knolls Apt.", "Ergül Stravenue"; "Lake
        # Ervaniyechester" is a town)
        words = {w.rstrip(".").lower() for w in m.group("town").split()[1:]}
        nxt = towns[i + 1] if i + 1 < len(towns) else None
        if words & _SUFFIX_WORDS or words & _UNIT_WORDS \
                or (nxt is not None and text[m.end():nxt.start()].strip(" \t*0123456789") in (",", ";")):
            streets.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_eu.street_numbered"))
        else:
            keep.append(m)
    return keep, streets


# the word before an untyped street in a sentence ('deliver to Dana Veselá at Slunečná 5, ...',
# 'your parcel is on its way to Doubravická 4, 414 67 Přebuz': world_text --formats mail)
_STREET_AFTER_WORD = lazy(r"(?:^|\s)(?:at|to|à|a|en|em|in|op|på|w|ve|na|bei)[ \t]$", re.I)


def _untyped(text: str) -> list[Finding]:
    """A street line with no street-type word right before a postcode and town, at a line start,
    after a separator or a number, or after 'at' (and its like) in a sentence."""
    if _TOWN_GATE.search(text) is None:
        return []

    def match(i: int, end: int):
        if not text[i].isupper():
            return None
        st = _UNTYPED_BEFORE.match(text, i, end)
        # (a candidate that holds ' at ' starts at the name before it: 'to Dana Veselá at Slunečná 5')
        return None if st is None or st.group().split(None, 1)[0].lower().strip(".:,") in _NOT_STREET \
            or " at " in st.group() else st

    def starts(a: int) -> bool:
        return a == 0 or text[a - 1] in ",:;|\n\t" or text[a - 2:a] in (", ", ": ", "| ", "/ ", "· ", "• ", "- ", "– ") \
            or text[a - 2:a - 1].isdigit() and text[a - 1] == " " \
            or _STREET_AFTER_WORD.search(text, max(0, a - 5), a) is not None

    return _streets_before_towns(text, 60, match, starts, 0.8)


def _streets_before_towns(text: str, window: int, match, starts, score: float) -> list[Finding]:
    """For each postcode and town, the street line right before it: ``match(i, end)`` tried at each
    word start up to ``window`` characters before the postcode (the leftmost candidate may start
    too early: 'Dana Veselá at Slunečná 5,'), the first whose start ``starts`` a field."""
    out = []
    for m in POSTCODE_TOWN_RE.finditer(text):
        for i in range(max(0, m.start() - window), m.start()):
            if i and text[i - 1].isalnum():
                continue
            st = match(i, m.start())
            if st is None or not starts(st.start()):
                continue
            a = st.start()
            s = text[a:m.start()].rstrip(" \t,")
            out.append(Finding(EntityType.ADDRESS, a, a + len(s), s, score, "address_eu.street"))
            out.extend(postcode_findings(text, m))
            break
    return out
