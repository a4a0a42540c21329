"""US addresses. Street lines, PO boxes and "City, ST 12345" lines are found by pattern and
confirmed/labelled by ``usaddress`` (a CRF parser trained on US addresses). In ``share`` the street
line is masked and city, state and ZIP3 are kept (ADDRESS_REGION); the last two ZIP digits and the
ZIP+4 are masked."""
from __future__ import annotations

import re
from ..lazy_re import lazy

import usaddress

from ..model import EntityType, Finding
from . import Context
from ..trie_regex import trie_pattern

_SUFFIX_COMMON = (
    r"Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|"
    r"Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Loop|Trail|Trl|Square|Sq|Plaza|Plz|Alley|Aly|Row|Run|"
    r"Pike|Crossing|Xing|Path|Walk|Point|Pt|Expressway|Expy|Freeway|Fwy|Broadway|Center|Ctr|Cove|Cv"
)
# the rest of the USPS street suffixes (Publication 28, appendix C1), which Commonwealth streets
# use too ("166 Martin Mews", "3301 Delacruz Knoll", "1 Johnson Arcade", "324 Karl Cliffs")
_SUFFIX_USPS = ("Alley Anex Annex Arcade Bayou Beach Bend Bluff Bluffs Bottom Branch Bridge Brook Brooks Burg Burgs "
                "Bypass Camp Canyon Cape Causeway Centers Circles Cliff Cliffs Club Common Commons Corner Corners "
                "Course Courts Coves Creek Crescent Crest Crossroad Crossroads Curve Dale Dam Divide Drives Estate "
                "Estates Extension Extensions Fall Falls Ferry Field Fields Flat Flats Ford Fords Forest Forge Forges "
                "Fork Forks Fort Garden Gardens Gateway Glen Glens Green Greens Grove Groves Harbor Harbors Haven "
                "Heights Hill Hills Hollow Inlet Island Islands Isle Junction Junctions Key Keys Knoll Knolls Lake "
                "Lakes Land Landing Light Lights Loaf Lock Locks Lodge Mall Manor Manors Meadow Meadows Mews Mill "
                "Mills Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass Park Parks Parkways Pass "
                "Passage Pine Pines Plain Plains Points Port Ports Prairie Radial Ramp Ranch Rapid Rapids Rest Ridge "
                "Ridges River Roads Route Rue Shoal Shoals Shore Shores Skyway Spring Springs Spur Spurs Squares "
                "Station Stravenue Stream Streets Summit Throughway Trace Track Trafficway Trailer Tunnel Turnpike "
                "Underpass Union Unions Valley Valleys Viaduct View Views Village Villages Ville Vista Walks Wall "
                "Ways Well Wells").split()
# Australian and New Zealand street types (AS 4590 / Australia Post: '017 West Firetrail', '12 Kent
# Esplanade', '4 Banks Close'), capitalised only: 'call 2 hours before close' is no street
_AU = ("Alleyway Amble Anchorage Approach Boulevarde Brae Centreway Chase Circlet Circuit Close Colonnade "
       "Concourse Copse Courtyard Crossway Cruiseway Cutting Dell Deviation Driveway Esplanade Fairway Firetrail "
       "Footway Foreshore Frontage Glade Highroad Interchange Laneway Lookout Meander Nook Outlook Parade "
       "Parklands Pathway Plateau Promenade Quadrant Quay Quays Ramble Retreat Ridgeway Rise Riverway Riviera "
       "Roadway Rosebowl Rotary Siding Tarn Thoroughfare Tollway Trunkway Walkway Wynd").split()
_SUFFIX = _SUFFIX_COMMON + "|" + trie_pattern(sorted(set(_SUFFIX_USPS) - set(_SUFFIX_COMMON.split("|"))))
_UNIT = r"(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|Bldg|Building|Dept|#)\.?\s*#?[\w\-]+"
# Indian street and locality words after a house number ("77/40, Basu Path", "12, Gandhi Marg")
# USPS's "Via" (a viaduct), capitalised only: "sent 2 boxes via DHL" is no street
_SUFFIX_CASED = r"(?-i:Via|VIA|" + trie_pattern(_AU) + "|" + trie_pattern([w.upper() for w in _AU]) + ")"
_SUFFIX_IN = r"Marg|Nagar|Ganj|Chowk|Colony|Vihar|Puram|Bagh|Enclave|Layout|Salai|Peth|Wadi"
_AFTER_NUMBERED_STREET = "(?:" + "|".join(
    [rf"(?<=(?:[^\W\d_]|\.) {num}, )" for num in (r"\d", r"\d\d", r"\d\d\d", r"\d\d\d\d", r"\d[a-z]", r"\d\d[a-z]")]
    # the tail of a digit run, a comma after it: '+44(0)151 496 0003, Flat 33'
    + [r"(?<=\d[ \-])(?=0\d{3,5},)"]) + ")"
STREET_RE = lazy(
    # (the house number may end a line and the street begin the next: "27/80\nDyal Road")
    # (a number of 4+ digits starting with 0 right after a numbered street and its comma is a
    # postcode, not a house number: 'Ladeckstraße 6, 02473 Leipziger Land' is no street '02473
    # Leipziger Land'; nor is one with a comma that goes on a digit run ('+44(0)151 496 0003, Flat
    # 33'); first in a line or after a phone it is one: '0403 Kısakürek Islands', '555-0100, 0719
    # Akın Field', 'Tel +90 (395) 8956552 09896 Açılay Rapid')
    rf"(?i)(?<![\w#/])(?!{_AFTER_NUMBERED_STREET}0\d{{3}})\d{{1,6}}[A-Z]?(?:[-/]\d{{1,4}}[A-Z]?)?(?:,(?![ \t]*\d))?(?:[ \t]+|[ \t]*\n[ \t]*)(?:[NSEW]\.?[ \t]+|(?:North|South|East|West)[ \t]+)?"
    # (no name word is a group of 3+ digits: '+39 09556440495 Via', '+44(0)808 157 0331 041 Gary
    # Divide' are phones, then a street; 'D’Alia' takes a typographic apostrophe)
    rf"(?:(?!\d{{3,}}[ \t])[A-Za-z0-9À-ÖØ-öø-ÿ\u0100-\u024f'’.\-]+[ \t]+){{0,5}}?(?:{_SUFFIX}|{_SUFFIX_IN}|{_SUFFIX_CASED})\b\.?"
    # a suffix word that is the street's name ("Maple Grove Rd", "Park Ave"): the suffix after it too
    # (or any suffix after a USPS one: '29781 Hill Extension Suite 730')
    rf"(?:[ \t]+(?:{_SUFFIX})\b\.?)?(?:[ \t]+(?:[NSEW]{{1,2}}|North|South|East|West)\b)?"
    rf"(?:[ \t]*,?[ \t]*{_UNIT})?"
)
# a street and then its number after 'No.' (capitalised words; the type word in any case)
NO_AFTER_RE = lazy(
    r"(?<![\w'’\-])(?:(?-i:[A-Z][A-Za-z'’\-]*)\.?[ \t]+){1,4}?(?i:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Lu|Jie|Dajie|"
    r"Dadao|Hutong|Alley|Boulevard|Blvd|Highway|Hwy|Xiang|Nong|Drive|Dr|Marg|Salai)\.?"
    r"(?:[ \t]*\((?i:[NSEW]|North|South|East|West|Middle|Mid)\))?[ \t]*,?[ \t]*(?i:No|Nr|#)\.?[ \t]*\d{1,5}[A-Za-z]?"
    r"(?:-\d{1,4})?(?![\w\-])")
_NO_GATE = lazy(r"(?:[Nn][Oo]|N[Rr]|nr|#)\.?[ \t]*\d")
# a house's number as Indian addresses write it ('H.No. 444', 'House No 12')
_HOUSE_NO_WORD = r"House[ \t]*No|H\.?[ \t]?No"
PREMISE_RE = lazy(
    rf"(?i)(?<![A-Za-z])(?:(?:Flat|(?-i:Studio|STUDIO)|Door|Villa|Room|Rm\.)(?:[ \t]*No\.?)?|(?:{_HOUSE_NO_WORD})\.?)"
    r"[ \t]*[#:]?[ \t]*\d[A-Za-z0-9\-/]{0,7}(?![A-Za-z0-9])"
    # a unit written before its street ("Unit 5, 12 Smith St", "Apt 4B, 300 Main St", "Level 3, ...")
    # (and a room, building, block, floor or tower number: 'Rm 1501, Bldg 3, 88 Jianguo Rd', as a
    # Chinese address is written in English on a cross-border label, stood)
    # (a Philippine lot, block and zone, and a unit before another unit: 'Blk 5 Lot 12, Brgy. San
    # Isidro', 'Unit 3B Tower 2, ...', 'Purok 3, Barangay Poblacion' stood; found by hand, 2026-12-07)
    r"|(?<![A-Za-z])(?:Unit|Apt|Apartment|Suite|Ste|Level|Lvl|Rm|Bldg|Building|Blk|Block|Floor|Flr|Fl|Tower|Twr"
    # (and a Bangladeshi house: 'House 12, Road 5, Dhanmondi, Dhaka 1205' stood whole; found by hand)
    r"|Lot|Purok|Phase|House)"
    r"\.?[ \t]*#?[ \t]*\d[A-Za-z0-9\-/]{0,5}"
    r"(?=[ \t]*[,/]|[ \t]+\d|[ \t]+(?:Unit|Apt|Suite|Ste|Level|Lvl|Rm|Bldg|Building|Blk|Block|Floor|Flr|Tower|Twr"
    r"|Lot|Phase)\b)"
    # a flat named by a letter and a Hong Kong floor before the street ('Flat B, 12/F, Tower 2, ...'),
    # a Singapore or Malaysian unit anywhere ('Blk 123 Ang Mo Kio Ave 3 #12-345'), an Indian plot
    # ('Plot 45, Sector 12, ...'): found by hand, they stood
    # (the flat's letter apart from its word: the surname 'Apte' was read as 'Apt e', a flat, and the Indian
    # address after the phone then stood; world_text --more-forms seed 121)
    r"|(?<![A-Za-z])(?:Flat|Unit|Apt|Room|Rm|Suite|Shop)(?:\.[ \t]*|[ \t]+)[A-H](?=[ \t]*,)"
    r"|(?<![\w/])(?:\d{1,3}|G|UG|LG|M)/F(?![\w/])(?=[ \t]*,)"
    r"|(?<![\w#])#[ \t]?\d{1,3}-\d{1,5}[A-Za-z]?(?![\w\-])"
    r"|(?<![A-Za-z])Plot[ \t]*(?:No\.?)?[ \t]*[#:]?[ \t]*\d[A-Za-z0-9\-/]{0,5}(?![A-Za-z0-9])"
    # an Indonesian estate's block and house, and the neighbourhood's RT/RW numbers ('Perum Griya
    # Asri Blok C3 No. 7, RT 04/RW 09': the house number and RT/RW stood; found by hand, 2026-12-07)
    r"|(?<![A-Za-z])(?:Blok|Blk|Block|Kav|Kavling)\.?[ \t]*[A-Z]{0,2}[ \t\-]?\d{0,4}[A-Za-z]?[ \t]*[,/]?[ \t]*"
    r"No[.,]?[ \t]*\d{1,4}[A-Za-z]?(?![A-Za-z0-9])"
    r"|(?<![A-Za-z])RT\.?[ \t]*:?[ \t]*\d{1,3}[ \t]*[/,]?[ \t]*RW\.?[ \t]*:?[ \t]*\d{1,3}(?!\d)"
    # a Mexican or Peruvian block and lot ('Mz 12 Lt 5, Col. Las Palmas', 'Mz. A Lt. 12' stood; found
    # by hand, 2026-12-07)
    r"|(?<![A-Za-z])(?:Mz|Mza|Manzana|MZ|MZA)\.?[ \t]*[A-Z0-9]{1,4}[ \t]*,?[ \t]*(?:Lt|Lote|LT|LOTE)\.?[ \t]*[A-Z0-9]{1,4}"
    r"(?![A-Za-z0-9])"
    # a way named by its number, the word first, as a field of its own (Bahrain's 'Road 3456, Block
    # 334', Oman's 'Way 3021', Kuwait's and Cambodia's 'Street 12', Bangladesh's 'Road 5'): the road
    # with the house on it ('Road 3456' stood whole, 'Road 3618' kept '36'; found by hand, 2026-12-07)
    r"|(?<![A-Za-z])(?:Road|Rd|Street|St|Way|Avenue|Ave|Lane|Ln|Sikka|Soi)\.?[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?"
    r"(?=[ \t]*,|[ \t]*$)"
)
# ('Order #12-345' is no Singapore unit)
_CODE_BEFORE = lazy(r"(?i)(?:order|ref|invoice|ticket|case|item|po|no\.?|nr\.?|id)[ \t]*$")
POBOX_RE = lazy(r"(?i)\bP\.?\s?O\.?\s*Box\s+\d+\b")
UNIT_LINE_RE = lazy(rf"(?im)^[ \t]*{_UNIT}[ \t]*$")
# USPS state and territory codes
STATES = (r"A[LKSZRAEP]|C[AOT]|D[EC]|F[LM]|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEHINOPST]|N[CDEHJMVY]|"
          r"O[HKR]|P[ARW]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY]")
# ... and as OCR reads some of them off a label, an O as a zero ('Tulsa 0K 74103' on a held-out US
# label: the town line did not parse and was filled whole); only where a town and a ZIP frame it
STATES_READ = STATES + r"|0[HKR]|C0|M0"
# an Australian town line: "Candacetown, VIC 2979" (the postcode's first 2 digits stay, as a ZIP's 3)
AU_CITY_RE = lazy(
    r"(?<![A-Za-z])(?P<city>[A-Z][A-Za-z.'\-]+(?:[ \t][A-Z][A-Za-z.'\-]+){0,3}),?[ \t]+"
    r"(?P<state>NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+(?P<zip>\d{4}|\d{2}[*＊]{2})(?![\d*＊])"
)
CITY_RE = lazy(
    r"(?<![A-Za-z])(?P<city>[A-Z][A-Za-z.'\-]+(?:[ \t][A-Z][A-Za-z.'\-]+){0,3}),?[ \t]+"
    # (or the ZIP as share writes it, its tail masked: a verify reading of 'address: ****, Wilsonmouth,
    # IA 474**' took the town for the street and called the output leaking; world_text --more-forms
    # seed 104)
    rf"(?P<state>{STATES_READ})[ \t]+(?P<zip>\d{{5}}|\d{{3}}[*＊]{{2}})(?:-(?P<zip4>\d{{4}}|[*＊]{{4}}))?(?![\d*＊])"
)


def _confirm_street(s: str) -> bool:
    try:
        labels = {lab for _, lab in usaddress.parse(s)}
    except Exception:  # pragma: no cover - CRF on odd input
        return False
    return "AddressNumber" in labels and bool(labels & {"StreetName", "StreetNamePostType"})


_ASCII_DIGIT = lazy(r"[0-9]")


_SUFFIX_WORDS = frozenset(w.lower() for w in _SUFFIX.split("|"))
_DIRECTIONS = frozenset("n s e w ne nw se sw north south east west".split())
_WORD_RE = lazy(r"[A-Za-z.'\-]+")


def _city_start(text: str, m: re.Match) -> int:
    """Where the city of a "City ST 12345" match starts: after the last street suffix (and its
    direction) inside the words the pattern took for the city, as on a line written without commas
    ("1600 PENNSYLVANIA AVE NW WASHINGTON DC 20500": the city is WASHINGTON, the rest is the street)."""
    start = m.start("city")
    if " " not in m.group("city") and "\t" not in m.group("city"):
        return start  # one word: nothing to split
    line = max(text.rfind("\n", 0, start), text.rfind(",", 0, start)) + 1
    if not _ASCII_DIGIT.search(text, line, start):
        return start  # no house number before it on the line: "Boulevard Heights MD" is a city
    words = list(_WORD_RE.finditer(text, start, m.end("city")))
    cut = None
    for k, w in enumerate(words):
        if w.group().rstrip(".").lower() in _SUFFIX_WORDS and k < len(words) - 1:
            cut = k + 1
            if cut < len(words) - 1 and words[cut].group().rstrip(".").lower() in _DIRECTIONS:
                cut += 1
    return words[cut].start() if cut is not None else start


def _city_findings(text: str, m: re.Match, keep: int = 3) -> list[Finding]:
    a = _city_start(text, m)
    out = [Finding(EntityType.ADDRESS_REGION, a, m.start("zip") + keep,
                   text[a:m.start("zip") + keep], 0.9, "address_us.city")]
    end = m.end("zip4") if "zip4" in m.re.groupindex and m.group("zip4") else m.end("zip")
    out.append(Finding(EntityType.ADDRESS, m.start("zip") + keep, end, text[m.start("zip") + keep:end],
                       0.9, "address_us.zip"))
    return out


# the line before "City, ST 12345": a house number and words ("018 Cassandra Port, West Mistybury, IN
# 08765"), whatever its street type: the street line of that address
_BEFORE_CITY = lazy(r"(?<![\w#/])\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?[ \t]+[A-Za-z][A-Za-z0-9'.\- \t]{1,60}?"
                          r"(?:[ \t]*,?[ \t]*" + _UNIT + r")?[ \t]*,[ \t]*$")


def _street_before(text: str, city: int, found: list[Finding]) -> Finding | None:
    # (a slash separates only with blanks around it: '777/08 Jones Cul-de-sac' is a unit/number)
    start = max(max(-1, i + len(sep) - 1 if i >= 0 else -1)
                for sep in ("|", " / ", ";", "\n", ":", "\t") for i in [text.rfind(sep, 0, city - 1)])
    start = max(start, text.rfind(",", 0, max(0, text.rfind(",", 0, city)))) + 1
    # a unit found before the street ('Suite 332 336 Jeffrey Fairway,'): the street starts after it
    start = max([start] + [f.end for f in found if f.detector == "address_us.premise" and start <= f.start < city])
    m = _BEFORE_CITY.search(text, start, city)
    if m is None or any(f.start < m.end() and m.start() < f.end for f in found):
        return None
    s = m.group().rstrip(" \t,")
    return Finding(EntityType.ADDRESS, m.start(), m.start() + len(s), s, 0.8, "address_us.before_city")


def _between_premise_and_town(text: str, pin: int, found: list[Finding]) -> list[Finding]:
    """The fields between a flat or street and the locality before an Indian PIN's town ('Flat
    302, Sai Residency, Plot 45, Sector 12, Kharghar, Navi Mumbai 410210': the building name, plot
    and sector stood; the locality right before the town, the town and the PIN's head are the
    region share keeps, as 'Bandra West, Mumbai 400***'), one finding per stretch no finding covers."""
    line = text.rfind("\n", 0, pin) + 1
    last = text.rfind(",", line, pin)
    town = text.rfind(",", line, last) if last > line else -1  # (the locality's comma)
    if town < 0:
        return []
    inside = sorted((f for f in found if line <= f.start and f.end <= town), key=lambda f: f.start)
    first = next((f for f in inside if f.detector in ("address_us.street", "address_us.premise")), None)
    if first is None:
        return []
    if first is inside[-1] and _IN_HOUSE_NO.match(first.text) and not text[first.end:town].strip(" \t,"):
        # a house number and the field right after it: that field is its street, not a locality
        # ('H.No. 444, Ramakrishnan, Kadapa 303878': the street stood in share and in dispose;
        # world_text seed 123), as '451, Nagy Zila, Ulhasnagar' reads (``IN_LINE_RE``)
        town = last
    out, a = [], first.end
    for f in [g for g in inside if g.start >= first.end] + [None]:
        b = town if f is None else f.start
        x, y = a, b
        while x < y and text[x] in " \t,":
            x += 1
        while y > x and text[y - 1] in " \t,":
            y -= 1
        if y - x >= 2 and any(c.isalpha() for c in text[x:y]):
            out.append(Finding(EntityType.ADDRESS, x, y, text[x:y], 0.75, "address_in.locality"))
        if f is not None:
            a = max(a, f.end)
    return out


# a UK post town right before its postcode, after a separator or at the line's start (1-3
# capitalised words: 'York', 'NEWCASTLE UPON TYNE', 'Milton Keynes')
_UK_TOWN_BEFORE = lazy(r"(?:^|(?<=[,;|·•/\t])|(?<=[,;|·•/] )|(?<=\s[-–] ))[ \t]*"
                             r"([A-Z][A-Za-z'’\-]+(?:[ \t]+(?:upon|on|in|le|by|under|[A-Z][A-Za-z'’\-]+)){0,3})[ \t,]*$", re.M)
_NOT_TOWN = frozenset("street st road rd lane ln avenue ave drive dr close way place court ct crescent terrace "
                      "gardens grove hill park square row mews walk yard parade green house flat apartment "
                      "postcode code".split())


# (the same words at a premise's or street's start: the field after them is its street)
_IN_HOUSE_NO = lazy(rf"(?i)(?:{_HOUSE_NO_WORD})\b")


def _town_before_pin(text: str, pin: int, found: list[Finding]) -> list[Finding]:
    """The locality, town and state between an Indian address's last detail and its PIN
    ('..., Indiranagar, Bengaluru 560038', '..., Gurugram, Haryana - 122001'): the region, which
    share keeps and dispose masks (dispose kept them: found by hand; and the locality before the
    town: 'Indiranagar', 'Kharghar' stood in dispose)."""
    line = text.rfind("\n", 0, pin) + 1
    a = max((f.end for f in found if line <= f.start and f.end <= pin and f.type is EntityType.ADDRESS), default=-1)
    if a < 0:
        return []
    x, y = a, pin
    while x < y and text[x] in " \t,;":
        x += 1
    while y > x and text[y - 1] in " \t,;-–":
        y -= 1
    # the town is the last field; a state after it takes the field before it too (a locality
    # before the town is the address's detail, which the record's reading masks)
    c = text.rfind(",", x, y)
    if c >= 0 and text[c + 1:y].strip().lower() in _IN_STATES:
        c = text.rfind(",", x, c)
    if c >= 0:
        x = c + 1
        while x < y and text[x] in " \t":
            x += 1
    seg = text[x:y]
    if not seg or len(seg.split()) > 6 or not seg[0].isalpha() or any(c.isdigit() for c in seg) \
            or any(x <= f.start < y or x < f.end <= y for f in found):
        return []
    out = [Finding(EntityType.ADDRESS_REGION, x, y, seg, 0.75, "address_in.town")]
    # the locality between the last detail and the town: region as well (kept with the town by
    # share, 'Bandra West, Mumbai 400***'; removed by dispose)
    s, e = a, x
    while s < e and text[s] in " \t,;":
        s += 1
    while e > s and text[e - 1] in " \t,;":
        e -= 1
    loc = text[s:e]
    # (a whole field only: the rest of a field the street's reading cut, 'H.No. 01, Nagar | Chowk', is
    # the street's; world_text seed 124)
    if loc and ("," in text[a:s] or ";" in text[a:s]) and loc[0].isalpha() and len(loc.split()) <= 4 and not any(c.isdigit() for c in loc) \
            and not any(s < f.end and f.start < e for f in found):
        out.insert(0, Finding(EntityType.ADDRESS_REGION, s, e, loc, 0.7, "address_in.locality"))
    return out


# India's states and union territories (as addresses write them before the PIN)
_IN_STATES = frozenset((
    "andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
    "himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh", "maharashtra", "manipur",
    "meghalaya", "mizoram", "nagaland", "odisha", "orissa", "punjab", "rajasthan", "sikkim", "tamil nadu",
    "telangana", "tripura", "uttar pradesh", "uttarakhand", "west bengal", "delhi", "new delhi",
    "jammu and kashmir", "jammu & kashmir", "ladakh", "puducherry", "pondicherry", "chandigarh",
    "andaman and nicobar islands", "lakshadweep", "dadra and nagar haveli and daman and diu", "up", "mp"))


# a house or a unit number written in words ('I live at forty two Wallaby Way', 'One Microsoft Way',
# 'Apartment twelve, building five': found by hand, each stood, no digit to read)
_NUM_WORDSET = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                         "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                         "thousand".split())
_NUM_WORD = "(?:" + "|".join(sorted(_NUM_WORDSET, key=len, reverse=True)) + ")"
_NUM_WORDS = rf"{_NUM_WORD}(?:[ \t\-]+(?:and[ \t]+)?{_NUM_WORD}){{0,4}}"
SPELLED_STREET_RE = lazy(
    rf"(?<![A-Za-z])(?i:{_NUM_WORDS})[ \t]+(?:[A-Z][A-Za-z'’\-]+[ \t]+){{1,3}}?(?:{_SUFFIX})\b\.?"
    rf"|(?<![A-Za-z])(?i:Flat|Unit|Apt|Apartment|Suite|Room|Level|Floor|Building|Block|Tower|House)[ \t]+"
    rf"(?i:(?:number|no\.?)[ \t]+)?(?i:{_NUM_WORDS})(?![A-Za-z])")
def _spelled_gate(text: str) -> bool:
    """Whether a number word stands among the text's words (a set's look at its words: a regex
    over every text cost 5 us a cell)."""
    return not _NUM_WORDSET.isdisjoint(text.lower().replace(",", " ").replace("-", " ").replace(".", " ").split())


def _spelled(text: str) -> list[Finding]:
    out = []
    for m in SPELLED_STREET_RE.finditer(text):
        unit = not m.group()[:1].islower() and m.group().split()[0].lower() in _SPELLED_UNITS
        out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.75,
                           "address_us.premise" if unit else "address_us.spelled",
                           meta=(("unit", True),) if unit else ()))
    return out


_SPELLED_UNITS = frozenset("flat unit apt apartment suite room level floor building block tower house".split())


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = _spelled(text) if _spelled_gate(text) else []
    if not (_ASCII_DIGIT.search(text) is not None if text.isascii() else any(c.isdigit() for c in text)):
        return _in_rural(text, out) if "andmark" in text else out
    hinted = ctx.hint == EntityType.ADDRESS
    for m in STREET_RE.finditer(text):
        s = m.group().rstrip(" ,")
        # in an address column the street pattern is enough; elsewhere usaddress confirms it
        if hinted or _confirm_street(s):
            out.append(Finding(EntityType.ADDRESS, m.start(), m.start() + len(s), s, 0.9,
                               "address_us.street"))
    if _NO_GATE.search(text) is not None:
        for m in NO_AFTER_RE.finditer(text):
            # the street, then its number after 'No.', as Chinese addresses are written in English
            # ('Zhangjiang Road No. 88, Pudong': the number stood after the street read as a name;
            # found by hand)
            if not any(f.start <= m.start() < f.end for f in out):
                out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.85, "address_us.street"))
    for m in (PREMISE_RE.finditer(text) if _PREMISE_GATE.search(text.lower()) else ()):
        # a flat, house or door number (Indian and British forms: "Flat 12B, Sector 15, Noida
        # 201301", "H.No 4-56, ..."; US apartments and suites are read with their street line):
        # the unit part of the address, masked by every preset
        if not any(f.start <= m.start() < f.end for f in out) and not (
                m.group().startswith("#") and _CODE_BEFORE.search(text, max(0, m.start() - 12), m.start())):
            out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_us.premise",
                               meta=(("unit", True),)))
    # a unit right before its street line ('Unit 76 123 Smith Street', 'Level 6 12 Queen
    # Esplanade') is one finding with it: the street pattern may have taken the unit's number
    # (two units before one street: the first joined, the second's slot emptied; an emptied slot
    # is passed over: world_text seed 120 en_GB crashed the run, found on a fresh seed)
    for i, f in enumerate(out):
        if f is None or f.detector != "address_us.premise":
            continue
        for j, g in enumerate(out):
            if g is not None and g.detector == "address_us.street" and f.start < g.start <= f.end + 1:
                out[j] = Finding(EntityType.ADDRESS, f.start, g.end, text[f.start:g.end], g.score, g.detector, g.meta)
                out[i] = None
                break
    out = [f for f in out if f is not None]
    for m in POBOX_RE.finditer(text):
        out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.9, "address_us.pobox"))
    if out or ctx.hint == EntityType.ADDRESS:
        for m in UNIT_LINE_RE.finditer(text):
            out.append(Finding(EntityType.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address_us.unit"))
    towns = [(m, 3) for m in CITY_RE.finditer(text)]
    if "NSW" in text or "VIC" in text or "QLD" in text or "SA " in text or "WA " in text or "TAS" in text \
            or "NT " in text or "ACT" in text:
        towns += [(m, 2) for m in AU_CITY_RE.finditer(text)]
    for m, keep in towns:
        got = _city_findings(text, m, keep)
        out.extend(got)
        st = _street_before(text, got[0].start, out)
        if st is not None:
            out.append(st)
    _in_rural(text, out)
    if _PIN_GATE.search(text) is not None and any(f.detector in ("address_us.street", "address_us.premise",
                                                                  "address_in.village") for f in out):
        for m in IN_PIN_RE.finditer(text):
            # an Indian PIN after its town, in an address: the first three digits (the sorting
            # district) stay with the region, the post office's last three go (as on labels)
            if not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.8, "address_in.pin"))
                out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.8, "address_in.pin_tail"))
                out += _between_premise_and_town(text, m.start(), out)
                # (an address column's own reading takes the town: dispose masks it there)
                if not hinted:
                    out += _town_before_pin(text, m.start(), out)
    if _IN_LINE_GATE.search(text) is not None:
        for m in IN_LINE_RE.finditer(text):
            # an Indian address line with no street word: "451, Nagy Zila, Ulhasnagar 599666", "at
            # 90/826, Radhakrishnan, Surendranagar Dudhrej 449678", the house number on a line of
            # its own ("821\nGade Zila, Coimbatore 525637"): the house number and the
            # locality go, the town and the PIN's first three digits stay (as a PIN after a street)
            if any(f.start < m.end() and m.start(1) < f.end for f in out):
                continue
            out.append(Finding(EntityType.ADDRESS, m.start(1), m.end(2), text[m.start(1):m.end(2)], 0.75,
                               "address_in.line"))
            out.append(Finding(EntityType.ADDRESS_REGION, m.start(3), m.end(3), m.group(3), 0.75, "address_in.town"))
            out.append(Finding(EntityType.ADDRESS_REGION, m.start(4), m.end(4), m.group(4), 0.75, "address_in.pin"))
            out.append(Finding(EntityType.ADDRESS, m.start(5), m.end(5), m.group(5), 0.75, "address_in.pin_tail"))
    for m in (CA_POSTCODE_RE.finditer(text) if _CA_GATE.search(text) else ()):
        out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.85, "address_ca.fsa"))
        out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.85, "address_ca.ldu"))
    if "," in text:
        for m in CA_BARE_RE.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.75, "address_ca.fsa"))
            out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.75, "address_ca.ldu"))
    for m in UK_POSTCODE_RE.finditer(text):
        # the outward code (SW1A) is the district and stays in share; the inward code (1AA, about
        # 15 addresses) goes, as a US ZIP's last two digits do
        out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.85, "address_uk.outward"))
        out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.85, "address_uk.inward"))
        town = _UK_TOWN_BEFORE.search(text, max(0, m.start() - 48), m.start())
        if town is not None and not any(f.start < town.end(1) and town.start(1) < f.end for f in out) \
                and town.group(1).split()[-1].lower() not in _NOT_TOWN:
            # the post town before it ('· York YO1 7HH'): the region, which share keeps and dispose
            # masks (dispose kept it where no other rule named it: label_holdout stress 136000, uk_rm)
            out.append(Finding(EntityType.ADDRESS_REGION, town.start(1), town.end(1), town.group(1), 0.8,
                               "address_uk.town"))
    for m in EIRCODE_RE.finditer(text):
        # an Irish Eircode: the routing key (D02, a postal district) stays in share; the unique
        # identifier names one building and goes (usaddress tagged it a place name, which share
        # kept). Only in an address: an address column, after a street, or in a text that names
        # Ireland ('N95 FACE' is a mask, 'Ref A12 4567' a reference)
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        if not (hinted or _IRELAND.search(text) or any(f.detector == "address_us.street" and f.end <= m.start()
                                                        for f in out)):
            continue
        out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.85, "address_ie.routing"))
        out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.85, "address_ie.unique"))
    if out and _LOWER_TOWN_GATE.search(text) is not None:
        out += _lower_town_lines(text, out)
    return out


# a town line typed in lower case after a street ('14 elm st apt 2, springfield il 62704', "it's 221b
# baker st, london nw1 6xe", 'unit 5/22 smith st fitzroy vic 3065': the ZIP, the inward code and the
# postcode stood whole in share; found by hand). Lower-case state codes are English words ('in',
# 'or', 'me'): read only after a street finding
_LOWER_TOWN_GATE = lazy(r"[a-z] +(?:[a-z]{2,3} +\d{4,5}|[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2})(?![a-z\d])")
_LOWER_US = lazy(rf"(?<![A-Za-z])(?P<city>[a-z][a-z.'\-]+),?[ \t]+(?P<state>(?i:{STATES}))[ \t]+"
                       rf"(?P<zip>\d{{5}})(?:-(?P<zip4>\d{{4}}))?(?!\d)")
_LOWER_AU = lazy(r"(?<![A-Za-z])(?P<city>[a-z][a-z.'\-]+),?[ \t]+(?P<state>nsw|vic|qld|sa|wa|tas|nt|act)[ \t]+"
                       r"(?P<zip>\d{4})(?!\d)")
_LOWER_UK = lazy(r"(?<![A-Za-z0-9])([a-z]{1,2}\d[a-z\d]?) ?(\d[abd-hjlnp-uw-z]{2})(?![A-Za-z0-9])")


def _lower_town_lines(text: str, found: list[Finding]) -> list[Finding]:
    street = min((f.end for f in found if f.detector in ("address_us.street", "address_us.premise")), default=None)
    if street is None:
        return []
    out: list[Finding] = []
    for rx, keep in ((_LOWER_US, 3), (_LOWER_AU, 2)):
        for m in rx.finditer(text, street):
            if not any(f.start < m.end() and m.start() < f.end for f in found + out):
                out += _city_findings(text, m, keep)
    for m in _LOWER_UK.finditer(text, street):
        if not any(f.start < m.end() and m.start() < f.end for f in found + out):
            out.append(Finding(EntityType.ADDRESS_REGION, m.start(1), m.end(1), m.group(1), 0.8, "address_uk.outward"))
            out.append(Finding(EntityType.ADDRESS, m.start(2), m.end(2), m.group(2), 0.8, "address_uk.inward"))
            town = _LOWER_WORD_BEFORE.search(text, max(street, m.start() - 24), m.start())
            if town is not None and town.group(1) not in _NOT_TOWN \
                    and not any(f.start < town.end(1) and town.start(1) < f.end for f in found):
                out.append(Finding(EntityType.ADDRESS_REGION, town.start(1), town.end(1), town.group(1), 0.75,
                                   "address_uk.town"))
    return out


_LOWER_WORD_BEFORE = lazy(r"(?<![A-Za-z])([a-z][a-z'\-]{2,}),?[ \t]+$")


# the parts of an Indian (rural) address named by their word: village, post office, ward, lane,
# locality and landmark (the address's detail) and district, sub-district and police station (the
# region share keeps)
_IN_RURAL_GATE = lazy(r"(?i)\b(?:vill|village|vpo|v\.p\.o|p\.?o|post|mohalla|gali|ward|landmark|near|opp|dist|"
                            r"district|tehsil|teh|taluka?|tal|mandal|opposite|behind)\b")
_IN_RURAL_RE = lazy(
    r"(?<![A-Za-z])(?P<kind>(?i:vill(?:age)?\.?|v\.?p\.?o\.?|p\.\s?o\.?|P\.?O\.?(?=\s[A-Z])|post(?=\s+[A-Z])|mohalla|"
    # (a ward and a lane only with their number: 'Ward' is a surname too)
    r"gali[ \t]+no\.?(?=[ \t]*\d)|ward[ \t]+no\.?(?=[ \t]*\d)|near|opp\.?|opposite|behind|"
    r"dist\.?|district|tehsil|teh\.?|taluka?|tal\.|mandal))[ \t:.-]*"
    r"(?:[A-Z][A-Za-z'’\-]+|\d{1,4}[A-Z]?)(?:[ \t]+(?:[A-Z][A-Za-z'’\-]+|\d{1,4}))"
    r"{0,3}(?![A-Za-z])"
    # (a landmark after its label, to the field's end: 'Landmark: opposite Shiv Mandir, behind ...')
    r"|(?P<landmark>(?i:landmark)[ \t]*[:\-][ \t]*)[^;|\n\t]{3,80}")
_IN_REGION_WORDS = frozenset(("dist", "district", "tehsil", "teh", "taluk", "taluka", "tal", "mandal"))
# an Irish Eircode: a routing key (a letter and two digits, or D6W) and a unique identifier of four
# characters from the letters A C D E F H K N P R T V W X Y and digits
# (and Ireland's cities in English and Irish: 'Gaillimh H91 XK2T' kept its Eircode whole; found by hand)
_IRELAND = lazy(r"\b(?:Ireland|Éire|Eire|Eircode|Co\. [A-Z][a-z]+|Dublin|Baile Átha Cliath|Cork|Corcaigh|Galway|"
                r"Gaillimh|Limerick|Luimneach|Waterford|Port Láirge|Kilkenny|Cill Chainnigh|Sligo|Sligeach|Drogheda|"
                r"Droichead Átha|Dundalk|Dún Dealgan)\b")
EIRCODE_RE = lazy(r"(?<![A-Za-z0-9])([AC-FHKNPRTV-Y]\d{2}|D6W) ?([AC-FHKNPRTV-Y\d]{4})(?![A-Za-z0-9])")


# a Canadian postal code after its province: the forward sortation area (M5V) stays with the
# region, the local delivery unit (2T6, a block face or a building) goes
# cheap gates (the premise pattern has no literal start: 2.5 us a cell without its gate)
_PREMISE_GATE = lazy(r"flat|studio|door|villa|room|rm|house|h\.? ?no|unit|apt|apartment|suite|ste|level|lvl|bldg|"
                           r"building|blk|block|floor|flr|fl|tower|twr|shop|plot|/f|#|"
                           # (the words added for South-East Asia and Latin America, 2026-12-07, each
                           # starting with a letter: a look-behind in the alternation cost every cell
                           # 7 us, the pattern losing its first characters' set)
                           r"purok|phase|blok|kav|manzana|lot[ \t]*\d|rt\.?[ \t]*:?[ \t]*\d|mza?\.?[ \t]*[a-z0-9]|"
                           r"(?:road|rd|street|st|way|avenue|ave|lane|ln|sikka|soi)\.?[ \t]*#?[ \t]*\d")
_CA_GATE = lazy(r"[A-Z]\d[A-Z] ?\d[A-Z]\d")
_PIN_GATE = lazy(r"[1-8]\d\d ?\d{3}(?![\d\-])")
# house number, locality, town and a 6-digit PIN, comma-separated, at a field start
_IN_LINE_GATE = lazy(r"\d(?:, |[ \t]*\n[ \t]*)[A-Z][^,\n]{1,40}, [A-Z][^,\n]{1,40}\d{3} ?\d{3}(?![\d\-])")
# (joined by '&' too: 'Sangli-Miraj & Kupwad')
# (a town joined by an en dash: 'Hubli–Dharwad')
_CAP_WORDS = r"[A-Z][A-Za-z'’\-\u2013]+(?: (?:& )?[A-Z][A-Za-z'’\-\u2013]+){0,2}"
IN_LINE_RE = lazy(rf"(?:^|(?<=[,:;|\n\t])[ \t]*|(?<= / )|(?<=\bat )|(?<=\bto )|(?<=\d ))(?<![\d/])(\d{{1,4}}(?:/\d{{1,4}})?[A-Za-z]?)(?:,[ \t]*|[ \t]*\n[ \t]*)({_CAP_WORDS}),"
                        rf"[ \t]*({_CAP_WORDS})[ \t]*-?[ \t]*(\d{{3}})[ \t]?(\d{{3}})(?![\d\-])")
IN_PIN_RE = lazy(r"(?<=[A-Za-z])[ \t]*[,\-]?[ \t]*([1-8]\d{2})[ \t]?(\d{3})(?![\d\-])")
# (or with no province, after a town and its comma: 'Port Haley,  C8A3B7'; the first letters
# Canada Post gives a forward sortation area)
CA_BARE_RE = lazy(r"(?<=[A-Za-z],)[ \t]*([ABCEGHJ-NPRSTVXY]\d[A-Z])[ \t]?(\d[A-Z]\d|[*＊]{3})(?![A-Za-z0-9*＊])")
# (the local part as share writes it, masked: 'L7B ***', read again by verify)
CA_POSTCODE_RE = lazy(r"(?<![A-Za-z])(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|YT|NT|NU)[ \t,]+([A-Z]\d[A-Z])[ \t]?(\d[A-Z]\d|[*＊]{3})(?![A-Za-z0-9*＊])")
UK_POSTCODE_RE = lazy(r"(?<![A-Za-z0-9])([A-Z]{1,2}\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])")


_KEEP = {"PlaceName", "StateName", "CountryName"}
_HOUSE_NO = lazy(r"\d{1,3}[A-Za-z]?")


def _covers(text: str, found: list[Finding]) -> bool:
    """Whether ``found`` covers every character of ``text`` but separators."""
    pos = 0
    for f in sorted(found, key=lambda f: f.start):
        if f.start > pos and text[pos:f.start].strip(" ,.\t"):
            return False
        if f.end > pos:
            pos = f.end
    return not text[pos:].strip(" ,.\t")


_POSTCODE_DETECTORS = ("address_uk.", "address_ca.", "address_ie.")


def detect_cell(text: str, ctx: Context) -> list[Finding]:
    """A cell of an address column, tagged token by token with usaddress."""
    if not text.strip() or not text.isascii():
        return []
    # the common whole line ("9624 Cedar Ln, Phoenix, AZ 85028"): the street and city patterns
    # account for every character, so the tagger would only say the same, token by token
    fast = detect(text, ctx)
    if fast and _covers(text, fast):
        return fast
    # (a British, Canadian or Irish postcode is read over the tagger's tokens: it tagged 'FY60
    # 8JN', 'M5V 2T6', 'P62 HDAK' a place or a ZIP, and share kept the inward code, the local
    # delivery unit or the unique identifier, which name a few addresses or one building)
    eir = [f for f in fast if f.detector.startswith(_POSTCODE_DETECTORS)]
    try:
        tokens = usaddress.parse(text)
    except Exception:  # pragma: no cover
        tokens = []
    out: list[Finding] = []
    pos = 0
    # the town is the last group of place words (the tagger's PlaceName and StateName): place
    # words before a comma, line break or semicolon that another group follows are a locality of
    # the street line ('H.No. 393 / Mutti Nagar, Ramgarh 043528': 'Mutti Nagar' is tagged a place
    # too). A last group that is only a state code or a postcode ('Springfield, IL', 'Kariside,
    # R9R') keeps the group before it as the town.
    places: list[tuple[int, str]] = []
    for tok, label in tokens:
        i = text.find(tok, pos)
        if i < 0:
            continue
        pos = i + len(tok)
        if label in ("PlaceName", "StateName"):
            places.append((i, tok.rstrip(",;")))
    groups: list[list[tuple[int, str]]] = []
    for k, (i, tok) in enumerate(places):
        if k and not any(c in ",;\n" for c in text[places[k - 1][0]:i]):
            groups[-1].append((i, tok))
        else:
            groups.append([(i, tok)])
    town_from = 0
    if len(groups) >= 2:
        last = groups[-1]
        state_only = all(re.fullmatch(r"[A-Z]{2,3}|\S*\d\S*", t) for _, t in last)
        town_from = groups[-2][0][0] if state_only else last[0][0]
    pos = 0
    for tok, label in tokens:
        i = text.find(tok, pos)
        if i < 0:
            continue
        pos = i + len(tok)
        j = i + len(tok.rstrip(","))
        if set(text[i:j]) <= set("*＊-#,."):
            continue  # already masked
        if label == "PlaceName" and i < town_from:
            out.append(Finding(EntityType.ADDRESS, i, j, text[i:j], 0.85, "address_us.tag"))
        elif label in _KEEP and _HOUSE_NO.fullmatch(text[i:j]):
            # a number the tagger took for a place ('Av de Leite, 28, 6869-349 Felgueiras': the
            # house number after a comma): no town is one
            out.append(Finding(EntityType.ADDRESS, i, j, text[i:j], 0.85, "address_us.tag"))
        elif label in _KEEP and sum(c.isdigit() for c in text[i:j]) < 4:
            out.append(Finding(EntityType.ADDRESS_REGION, i, j, text[i:j], 0.85, "address_us.tag"))
        elif label == "ZipCode" or label in _KEEP:
            # (a postcode the tagger took for a place, '6869-349': its start stays, as a ZIP's)
            out.append(Finding(EntityType.ADDRESS_REGION, i, min(j, i + 3), text[i:i + 3], 0.85,
                               "address_us.tag"))
            if j > i + 3 and not set(text[i + 3:j]) <= set("*-"):
                out.append(Finding(EntityType.ADDRESS, i + 3, j, text[i + 3:j], 0.85, "address_us.tag"))
        else:
            out.append(Finding(EntityType.ADDRESS, i, j, text[i:j], 0.85, "address_us.tag",
                               meta=(("unit", True),) if label == "OccupancyIdentifier" else ()))
    if eir:
        out = [f for f in out if not any(e.start < f.end and f.start < e.end for e in eir)] + eir
        out = _uk_post_town(text, out, eir)
    if out and all(f.type is EntityType.ADDRESS_REGION for f in out) and _WORDS_AND_HOUSE_NO.fullmatch(text):
        # words and a house number, nothing else ('Za Arielem 52' in a street column, a Czech street
        # with no street word): the tagger read a town and a ZIP, share kept the street whole
        a, b = len(text) - len(text.lstrip()), len(text.rstrip())
        return [Finding(EntityType.ADDRESS, a, b, text[a:b], 0.8, "address_us.tag")]
    return out


_WORDS_AND_HOUSE_NO = lazy(r"[ \t]*[A-Za-z][A-Za-z'’.\-]*(?:[ \t]+[A-Za-z][A-Za-z'’.\-]*){0,4}[ \t]+\d{1,3}[A-Za-z]?[ \t]*")
_TOWN_WORD = lazy(r"[A-Z][A-Za-z'\-]*")


def _uk_post_town(text: str, out: list[Finding], eir: list[Finding]) -> list[Finding]:
    """The post town right before a British postcode is the region: share keeps it, as it keeps
    the town before a ZIP ('10 Downing Street, London SW1A 2AA' in an address column: the tagger
    took 'London' for part of the street, and the town was masked). The town is the run of up to
    three capitalised words before the outward code, after the last comma or line break, with no
    digit and no street type word in it."""
    outward = [e for e in eir if e.detector == "address_uk.outward"]
    if not outward:
        return out
    a = outward[0].start
    cut = max(text.rfind(",", 0, a), text.rfind("\n", 0, a), text.rfind(";", 0, a)) + 1
    words = list(re.finditer(r"\S+", text[cut:a]))
    town: list[re.Match] = []
    for w in reversed(words):
        t = w.group()
        if len(town) == 3 or not _TOWN_WORD.fullmatch(t) or t.rstrip(".").lower() in _SUFFIX_WORDS:
            break
        town.insert(0, w)
    if not town:
        return out
    s, e = cut + town[0].start(), cut + town[-1].end()
    if set(text[s:e]) <= set("*＊ "):
        return out
    kept = [f for f in out if not (f.start >= s and f.end <= e)]
    return sorted(kept + [Finding(EntityType.ADDRESS_REGION, s, e, text[s:e], 0.85, "address_uk.town")],
                  key=lambda f: f.start)


def _in_rural(text: str, out: list[Finding]) -> list[Finding]:
    """An Indian address's village, post office, ward or landmark ('Vill. Rampur, PO Bhagalpur,
    Dist. Patna, Bihar 800001', 'Landmark: opposite Shiv Mandir': found by hand, the whole address
    stood): the village's parts go, the district and sub-district stay as the region. Appended to
    ``out``, which is returned."""
    if _IN_RURAL_GATE.search(text) is None:
        return out
    for m in _IN_RURAL_RE.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        if m.group("landmark") is not None:
            out.append(Finding(EntityType.ADDRESS, m.end("landmark"), m.end(), text[m.end("landmark"):m.end()].rstrip(),
                               0.75, "address_in.village"))
            continue
        region = m.group("kind").lower().rstrip(".:") in _IN_REGION_WORDS
        out.append(Finding(EntityType.ADDRESS_REGION if region else EntityType.ADDRESS, m.start(), m.end(),
                           m.group(), 0.75, "address_in.region" if region else "address_in.village"))
    return out
