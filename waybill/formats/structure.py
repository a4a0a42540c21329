"""What a format carries besides its values, scanned like values (issue 9, "Structure"): JSON object
keys and XLSX sheet titles, numbers of phone/ID shape (JSON numbers, numeric XLSX cells), the first
row of a table (a header only when it has no personal finding), a mobile number split over two
neighbouring cells of one row, and file and folder names.

Shared by the table (serial and parallel), XLSX, JSON and JSON Lines paths and by the batch
planner, so that each makes the same decision."""
from __future__ import annotations

import functools
import math
import re
from ..lazy_re import lazy
from itertools import compress, repeat
from operator import add, contains, itemgetter, ne
import unicodedata
import weakref

from .. import embedded
from ..detect import detect_text
from ..normalize import UNCASED_SCRIPTS
from ..detectors import name_asia, name_en, phone_intl
from ..detectors.name_en import OTHER_SCRIPT_NAME_WORD
from ..detectors.address_us import STATES
from ..engine import CellRecords, column_hint, column_known, note_of_a_person, shape
from ..model import PERSONAL, EntityType, audit_record
from ..resources import surname_len

# ----------------------------------------------------------------------------- label words

# words a header cell, a JSON key or a sheet title is made of: the name detectors read the word after
# a label ("收件人姓名", "客户名称", "Recipient Name") as a name; such a finding is the label's
# own field noun, not personal data
_CJK_FIELD_WORDS = (
    "姓名", "名字", "全名", "名称", "昵称", "称呼", "备注", "留言", "说明", "信息", "编号", "单位", "公司",
    "邮编", "省份", "城市", "区县", "街道", "详细", "身份", "证件", "邮箱", "微信", "电话", "手机", "地址",
    "号码", "账号", "帐号", "用户", "会员", "客户", "类型", "状态", "时间", "日期", "金额", "数量", "重量",
    "明细", "汇总", "数据", "统计", "报表", "列表", "记录", "详情", "清单", "订单", "运单", "快递", "物流",
    "包裹", "商品", "结果", "合计", "总计", "日报", "周报", "月报", "方向", "高度", "宽度", "长度", "体积",
    "价格", "单价", "费用", "运费", "金币", "时效", "门店", "网点", "仓库", "签收", "派送", "揽收",
)
_EN_FIELD_WORDS = frozenset(
    "name names full first last middle given family sur surname nick nickname email e-mail mail phone "
    "tel mobile cell number no address addr company title contact user username id city state zip "
    "country street line "
    # (a note's or a reference's column: 'Recipient Notes' was read as the label 'Recipient' and the name
    # 'Notes', and the header row as data)
    "note notes remark remarks comment comments message messages instruction instructions memo reference ref "
    "details info".split())
_WORD = lazy(r"[A-Za-z][A-Za-z\-]*")
_CJK = lazy(r"[\u3400-\u9fff]")


def field_word(text: str) -> bool:
    """Whether ``text`` (a finding's text) is a field noun of a label rather than a value."""
    t = text.strip(" \t:：()（）[]【】/_-").lower()
    if not t:
        return True
    if _CJK.search(t):
        return any(w in t for w in _CJK_FIELD_WORDS) or column_hint(t)[0] is not None
    words = _WORD.findall(t)
    return bool(words) and all(w in _EN_FIELD_WORDS for w in words)


def personal_findings(text: str, region: str = "US") -> list:
    """The personal findings in ``text`` (label field nouns left out)."""
    return [f for f in detect_text(text, region=region)
            if f.type in PERSONAL and not (f.type is EntityType.NAME and field_word(f.text))]


def has_personal(cells, region: str = "US") -> bool:
    """Whether any cell of a candidate header row holds personal data."""
    return any(c and not c.isspace() and personal_findings(c, region) for c in cells)


# ----------------------------------------------------------------------------- numbers

_MOBILE = lazy(r"1[3-9]\d{9}")


def number_text(v) -> str | None:
    """The digit string of a number that may be a phone or ID number (7+ digits), else None. An
    integral float (``13912345678.0``, ``1.10101199003071e17``) gives its integer digits."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return str(v) if len(str(abs(v))) >= 7 else None
    if isinstance(v, float) and math.isfinite(v) and 1e6 <= abs(v) < 1e19 and v == int(v):
        return str(int(v))
    return None


def mask_number(engine, v, where: dict, column, recs: list, report: bool):
    """A number of phone/ID shape masked like its digit string (the masked form is a string), or the
    number as it was. (A fraction under an address key is a coordinate: '"latitude": 51.3397'.)"""
    s = number_text(v)
    if s is None and isinstance(v, float) and math.isfinite(v) and column is not None \
            and engine.hint(column)[0] is EntityType.ADDRESS:
        s = repr(v)
    if s is None:
        return v
    m = engine.mask_value(s, where, column, recs, report=report)
    return v if m == s else m


# ----------------------------------------------------------------------------- keys and titles

_MEMO: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_MEMO_SIZE = 4096


def _bare_name(text: str) -> bool:
    """A bare Chinese name (2-5 characters starting with a known surname) that is not a field word,
    a place or an address part: "张伟明" as a JSON key or a sheet title."""
    from ..detectors import address_cn, name_cn
    from ..normalize import to_simplified

    text = to_simplified(text)  # a name in traditional characters (陳文雄) is read as 陈文雄
    try:
        if not name_cn.is_name_segment(text) or field_word(text):
            return False
        if text[:2] in name_cn.ADDRESS_BIGRAMS or address_cn.ADDRESS_TAIL.search(text):
            return False
    except AttributeError:  # pragma: no cover - detector internals renamed
        return False
    return not any(f.type is EntityType.ADDRESS_REGION for f in detect_text(text))


_CONTACT_VALUE = lazy(r"@|\d(?:[\s\-().+/]*\d){6}")
# what a name as a key looks like: 2-6 Chinese characters, or 2-4 words of letters that start with
# a capital ('created_at', 'orderId' and 'order id' are none: no reading is spent on them)
_KEY_WORD = r"[^\W\d_a-z][^\W\d_]*(?:['’.\-][^\W\d_]+)*\.?"
# (with an apostrophe: "Myrthe d' Heripon", "Collin van 't Erve" stood, world_text --formats map seed 95)
# (and the words that join a double surname: 'Merijn van Hoevel en van Zwindrecht', 'Thijn Coreth
# von und zu Coredo und Starkenberg' stood in a contact list, world_text --formats map seed 108)
_KEY_PARTICLE = r"(?:van|von|de|der|den|del|della|da|di|do|dos|das|du|le|la|ter|ten|zu|bin|al|op|y|e|en|und|auch|d['’]|l['’]|['’][ts])"
_NAME_SHAPED_KEY = lazy(rf"[\u4e00-\u9fff·]{{2,6}}|[\u3040-\u30ff\u4e00-\u9fff々 ]{{2,10}}|[\uac00-\ud7a3]{{2,4}}|"
                              # (a Dutch name as a register sorts it, its particle last: 'Amy Bourgondië, van',
                              # 'Pascale Dussen van' stood, world_text --formats vcf,mail,regions,map seed 105)
                              rf"{_KEY_WORD}(?: (?:{_KEY_PARTICLE} ){{0,3}}{_KEY_WORD}){{1,3}}(?:,? {_KEY_PARTICLE}(?:-{_KEY_WORD})?)?|"
                              rf"{OTHER_SCRIPT_NAME_WORD}(?: {OTHER_SCRIPT_NAME_WORD}){{1,3}}")
# (read by jsonfmt: a bare name in a list that is one record, a contact list's keys and values)
NAME_SHAPED_KEY, KEY_WORD = _NAME_SHAPED_KEY, _KEY_WORD
# (an extension after the number: '481-892-6108x3865' kept its key 'David Sellers'; world_text map seed 102)
_PHONE_ONLY_VALUE = PHONE_ONLY_VALUE = re.compile(r"[+(]?[\d\s\-().+/]{6,24}(?:[ \t]?(?i:x|ext\.?)[ \t]?\d{1,6})?"
                                                r"|[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def mask_label(engine, text: str, report: bool = False, name_like: bool = False) -> tuple[str, tuple]:
    """A JSON key or sheet title masked like a free-text value, with its finding records (``where``
    holds start/end only; the caller adds the place). A finding that is only a label's field noun
    ("Recipient Name") leaves the text as it is; with ``name_like`` (the key of a record, a sheet)
    a bare Chinese name is masked as a name."""
    memo = _MEMO.get(engine)
    if memo is None:
        memo = _MEMO[engine] = {}
    ck = (text, report, name_like)
    hit = memo.get(ck)
    if hit is not None:
        return hit
    recs: list = []
    out = engine.mask_value(text, {}, None, recs, report=report)
    if recs and all(r["type"] == "name" and field_word(text[r["where"]["start"]:r["where"]["end"]])
                    for r in recs):
        out, recs = text, []
    if out == text and not recs and name_like and _bare_name(text):
        out = engine.mask_value(text, {}, "name", recs, report=report)
    hit = (out, tuple(recs))
    if not recs:  # only values with nothing personal are remembered (no plaintext kept)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[ck] = hit
    return hit


def plausible_name_key(key: str) -> bool:
    """A key that may be a person's name on its own: a Chinese, Korean or Japanese name, or words
    that name no team or service ('Customer Service', 'Head Office Team' are none)."""
    if _bare_name(key) or name_asia.cell_name(key, places=False):
        return True
    return " " in key and _CJK.search(key) is None and name_en.signed_name(key) and not any(
        w.lower().strip(".:") in _FIELD_NOUNS for w in key.split())


_FIELD_NOUNS = frozenset("phone number address email e-mail mail name no nr id tel fax mobile cell telefon telefono "
                         "teléfono téléphone adresse adresa nummer numero número kontakt contact line code".split())


def _no_name(memo: dict, ck: tuple) -> None:
    """Remember a key read as no name (bounded, as ``mask_label``'s memory is)."""
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[ck] = None
    return None


def contact_key(engine, key: str, value, report: bool = False) -> tuple[str, tuple] | None:
    """A JSON key that is a person's name because its value is their phone or e-mail (a contact
    list written as a map, {"Maria Garcia": "+34 612 345 678"}; found by hand: the names stood,
    read as field names), masked as a name with its finding records; None for any other key. The
    key is a name when the detectors read it as one before its value ('Maria Garcia, +34 ...'), so
    'Order Status' before a number is none; a key the policy knows as a column stays one."""
    memo = _MEMO.get(engine)
    if memo is None:
        memo = _MEMO[engine] = {}
    ck = ("contact key", key)
    if ck in memo:  # a key read as no name once ('Order ID' in every record) is not read again
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if not 2 <= len(key) <= 60 or _NAME_SHAPED_KEY.fullmatch(key) is None:
        return _no_name(memo, ck)
    if isinstance(value, str):
        if _CONTACT_VALUE.search(value) is None:
            return None
    elif not (value == value and 1e6 <= abs(value) < 1e20):
        return None
    n = len(key)
    # a value that is only a phone or an e-mail under a name-shaped key that names no field, team or
    # service ('Saar van Rheineck': '+31717 472812'; a bare national number is no phone to the
    # detectors, so no name was read beside it; the column rules read 'Stella' as 'tel'), or a
    # name the detectors read before its value
    plain = str(value).strip()
    if field_word(key) or not (
            _PHONE_ONLY_VALUE.fullmatch(plain) and (sum(c.isdigit() for c in plain) >= 6 or "@" in plain)
            and plausible_name_key(key)
            or engine.hint(key) == (None, None)
            and any(f.type is EntityType.NAME and f.start <= 0 and f.end >= n - 1
                    for f in detect_text(f"{key}, {value}", region=engine.policy.region))):
        return _no_name(memo, ck)
    recs: list = []
    out = engine.mask_value(key, {}, "name", recs, report=report)
    return (out, tuple(recs)) if recs else None


def placed(templates, where: dict) -> list[dict]:
    """Finding records of a key or title at its place."""
    return [r.but(where={**where, **r["where"]}) for r in templates]


def unique(name: str, taken, sep: str = "#") -> str:
    """``name``, or ``name#2``, ``name#3``... whichever is not taken yet."""
    if name not in taken:
        return name
    n = 2
    while f"{name}{sep}{n}" in taken:
        n += 1
    return f"{name}{sep}{n}"


# ----------------------------------------------------------------------------- a mobile over two cells

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits(v) -> str | None:
    if v.__class__ is not str or not 3 <= len(v) <= 16:
        return None
    s = v.strip()
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_FULLWIDTH)
    return s if 3 <= len(s) <= 8 and s.isascii() and s.isdigit() else None


def _maybe_pair(cells) -> bool:
    """Quick test: two neighbouring cells that are short digit strings (most rows have none)."""
    prev = False
    for c in cells:
        cur = c.__class__ is str and 3 <= len(c) <= 16 and c.strip().isdigit()
        if cur and prev:
            return True
        prev = cur
    return False


def split_mobiles(cells) -> list[tuple[int, str]]:
    """(index of the first cell, the joined number) for each mainland mobile written over two
    neighbouring all-digit cells (``139`` | ``12345678``, ``1391234`` | ``5678``). Cells are
    strings (numbers as their digit strings, see ``cell_text``) or None."""
    n = len(cells)
    if n < 2 or not _maybe_pair(cells):
        return []
    hits = []
    i = 0
    prev = _digits(cells[0])
    while i < n - 1:
        nxt = _digits(cells[i + 1])
        if prev is not None and nxt is not None and len(prev) + len(nxt) == 11 and \
                _MOBILE.fullmatch(prev + nxt):
            hits.append((i, prev + nxt))
            i += 2
            prev = _digits(cells[i]) if i < n - 1 else None
            continue
        prev = nxt
        i += 1
    return hits


def cell_text(v):
    """An XLSX cell value as text for ``split_mobiles``: numbers as their digit strings."""
    if isinstance(v, str) or v is None or isinstance(v, bool):
        return v if isinstance(v, str) else None
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float) and math.isfinite(v) and v == int(v):
        return str(int(v))
    return None


def _put(cell: str, masked: str) -> str:
    """The cell with its digits replaced by ``masked`` (surrounding blanks kept)."""
    s = cell.strip()
    i = cell.index(s)
    return cell[:i] + masked + cell[i + len(s):]


def mask_split(engine, cells, i: int, joined: str, report: bool):
    """Mask a mobile split over ``cells[i]`` and ``cells[i + 1]``: at most its last 4 digits stay
    visible over both cells (none under ``redact``). Returns the two masked cells and the compact
    audit fact of the number, or None when the engine does not take it for a phone."""
    tmp: list = []
    m = engine.mask_value(joined, {}, "phone", tmp, report=report)
    rec = next((r for r in tmp if r["type"] in ("phone", "landline", "phone_intl")), None)
    if rec is None:
        return None
    la = len(_digits(cells[i]))
    method = rec["method"]
    if method == "keep":
        masked = joined
    elif method == "redact":
        masked = "*" * 11
    elif len(m) == 11:
        masked = "*" * 7 + m[7:]
    else:  # a virtual number: it cannot be split over two cells
        masked = "*" * 7 + joined[7:]
        method = "partial"
    fact = (rec["type"], rec["role"], 0, 11, "phone_cn.split_cells", rec["confidence"], method, rec["hmac"],
            masked if report else None, rec.get("shape") if report else None)
    return _put(cells[i], masked[:la]), _put(cells[i + 1], masked[la:]), fact


# ----------------------------------------------------------------------------- a number under its area code

# a column of area codes (its name says so) and, right of it, the subscriber number: 'area code' |
# 'number' held 07700 | 900123 and both stood (6 digits of the phone), 'Vorwahl' | 'Rufnummer' kept
# the number's first 4 digits when masked alone (found by hand, 2026-12-07)
_AREA_CODE = lazy(r"area[ _\-]?code|^(?:phone|tel|telephone)?[ _\-]?area$|(?:phone|tel)[ _\-]?prefix|区号|區號|"
                  r"vorwahl|prefijo|indicatif|dial(?:ling)?[ _\-]?code|std[ _\-]?code|c[óo]digo de [áa]rea|"
                  r"prefisso|netnummer|kengetal|suuntanumero|riktnummer|retningsnummer|kierunkowy|市外局番|지역번호")
NUMBER_WORD = lazy(r"(?:subscriber|local|phone|tel|telephone)?[ _\-]?(?:number|no\.?|nr\.?|num|#|n[°º]|número|numero|"
                    r"nummer|numéro|号码|號碼|番号|번호)|rufnummer|teilnehmer(?:nummer)?|abonnee(?:nummer)?|"
                    r"local|subscriber|national|nsn|line|digits")
_AREA_CELL = lazy(r"\s*\+?\(?[0-9]{1,6}\)?\s*")
_NUMBER_CELL = lazy(r"\s*[0-9](?:[ \-.]?[0-9]){3,10}\s*")


def area_pairs(header) -> tuple[int, ...]:
    """Indices of the area-code columns whose right neighbour is the number: the name says area
    code, the next column's name says number or phone (or nothing)."""
    if not header:
        return ()
    try:
        return _area_pairs(tuple(header))
    except TypeError:  # pragma: no cover - an unhashable cell
        return _area_pairs.__wrapped__(tuple(header))


@functools.lru_cache(maxsize=512)
def _area_pairs(header: tuple) -> tuple[int, ...]:
    got = []
    for i in range(len(header) - 1):
        a, b = header[i], header[i + 1]
        if not isinstance(a, str) or _AREA_CODE.search(a.strip().lower()) is None:
            continue
        b = b.strip().lower() if isinstance(b, str) else ""
        hint = column_hint(b)[0] if b else None
        if not b or NUMBER_WORD.fullmatch(b) or hint in PHONE_TYPES:
            got.append(i)
    return tuple(got)


PHONE_TYPES = (EntityType.PHONE, EntityType.LANDLINE, EntityType.PHONE_INTL)


def area_splits(cells, pairs) -> list[tuple[int, str]]:
    """(index of the area cell, the whole number) for each area-code pair of the row that holds
    an area code and a number."""
    hits = []
    for i in pairs:
        if i + 1 >= len(cells):
            continue
        a, b = cells[i], cells[i + 1]
        if not (isinstance(a, str) and isinstance(b, str)):
            continue
        if not a.isascii():
            a = unicodedata.normalize("NFKC", a).translate(_FULLWIDTH)
        if not b.isascii():
            b = unicodedata.normalize("NFKC", b).translate(_FULLWIDTH)
        if _AREA_CELL.fullmatch(a) is None or _NUMBER_CELL.fullmatch(b) is None:
            continue
        joined = ("+" if a.strip().startswith("+") else "") + "".join(ch for ch in a + b if ch.isdigit())
        if 7 <= len(joined.lstrip("+")) <= 15:
            hits.append((i, joined))
    return hits


def _put_digits(cell: str, digits: str) -> str:
    """The cell with its digits, in order, replaced by ``digits`` (anything else kept)."""
    it = iter(digits)
    return "".join(next(it, "*") if unicodedata.digit(ch, None) is not None else ch for ch in cell)


def mask_area_split(engine, cells, i: int, joined: str, report: bool):
    """Mask a number written over an area-code cell and the cell right of it, as the whole
    number is masked (its digits put back in the two cells). Returns the two masked cells and the
    compact audit fact, or None when the engine does not take the whole for a phone."""
    tmp: list = []
    m = engine.mask_value(joined, {}, "phone", tmp, report=report)
    rec = next((r for r in tmp if r["type"] in _PHONE_NAMES), None)
    if rec is None:
        return None
    digits = joined.lstrip("+")
    n = len(digits)
    method = rec["method"]
    if method == "keep":
        masked = digits
    elif method == "redact":
        masked = "*" * n
    elif len(m) == len(joined):
        masked = m.lstrip("+") if joined.startswith("+") else m
    else:  # a virtual number (or another replacement): it cannot be put back digit for digit
        masked = "*" * (n - 4) + digits[-4:]
        method = "partial"
    la = sum(1 for ch in cells[i] if unicodedata.digit(ch, None) is not None)
    fact = (rec["type"], rec["role"], 0, len(joined), "phone.area_cells", rec["confidence"], method, rec["hmac"],
            masked if report else None, rec.get("shape") if report else None)
    return _put_digits(cells[i], masked[:la]), _put_digits(cells[i + 1], masked[la:]), fact


_PHONE_NAMES = ("phone", "landline", "phone_intl")


def row_splits(engine, cells, pairs: tuple, mobiles: bool, report: bool) -> list[tuple]:
    """(index of the first cell, its masked text, the next cell's masked text, the compact fact) for
    each number of one row written over two cells: a mainland mobile over two digit cells (when
    ``mobiles``: the row has such a pair, ``_pair_rows``) and a number under its area code
    (``pairs``: ``area_pairs`` of the header); a cell is taken by the first that reads it."""
    got = []
    for i, joined in split_mobiles(cells) if mobiles else ():
        masked = mask_split(engine, cells, i, joined, report)
        if masked is not None:
            got.append((i, *masked))
    taken = {x[0] for x in got}
    for i, joined in area_splits(cells, pairs) if pairs else ():
        if i not in taken:
            masked = mask_area_split(engine, cells, i, joined, report)
            if masked is not None:
                got.append((i, *masked))
    return got


def split_record(where: dict, fact: tuple, report: bool) -> dict:
    """The audit record of a number over two cells (``row_splits``, JSON's area members) at ``where``."""
    if report:
        return audit_record(fact[0], fact[1], where, fact[4], fact[5], fact[6], fact[7], fact[8], fact[9])
    return audit_record(fact[0], fact[1], where, fact[4], fact[5], fact[6], fact[7])


def _colname(header, c_i: int):
    return header[c_i] if header and c_i < len(header) and header[c_i] is not None else c_i + 1


# two or three capitalised words (letters of Latin-1 and Latin Extended-A/B too: "Karolína Němeček",
# "Tülay Hörle", "Łukasz Wójcik"), or two in capitals
# (and Vietnamese letters of Latin Extended Additional: "Nguyễn Văn An")
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
_LO = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u1e00-\u1eff"
# two or three capitalised Cyrillic or Greek words ("Тарас Панфилова", "Γιώργος Παπαδόπουλος"), or
# two to four words of a script without capitals ("محمد أحمد", "राहुल शर्मा", "สมชาย ใจดี"): a
# name when the row is a record (a phone, an address, an e-mail in another cell)
_CG_NAME = lazy(r"[\u0400-\u042f\u0386-\u03ab][\u0400-\u04ff\u0370-\u03ff'’\-]+"
                      r"(?: [\u0400-\u042f\u0386-\u03ab][\u0400-\u04ff\u0370-\u03ff'’\-]+){1,2}")
_UNCASED_NAME = lazy(rf"(?:(?!\d)[{UNCASED_SCRIPTS}]){{2,}}(?: (?:(?!\d)[{UNCASED_SCRIPTS}]){{2,}}){{1,3}}")
# (surname particles in lower case between them: "Stef van der Wal", "Ana dos Santos")
_PARTICLES = r"(?: (?:van|von|der|den|de|du|da|di|do|dos|das|del|della|la|le|ter|ten|op|het|'t|zu|y|e|bin|al|el))"
_EN_NAME = lazy(rf"[{_UP}][{_LO}][{_UP}{_LO}'’\-]*(?: [{_UP}]\.?)?(?:{_PARTICLES}{{0,3}} (?:[{_UP}][{_LO}]|[{_UP}]')[{_UP}{_LO}'’\-]*){{1,2}}"
                      rf"|[{_UP}][{_UP}'’\-]+(?: [{_UP}]\.?)? [{_UP}][{_UP}'’\-]+")
_STATE_RE = lazy(STATES)
_ROW_PERSONAL = {"phone", "landline", "phone_intl", "address", "email", "id_card"}
_NOT_EN_NAMES = frozenset(
    "street st avenue ave road rd drive dr lane ln boulevard blvd court ct suite apt unit box po north south "
    "east west new san los las fort saint mount lake city county ring bell leave door front back porch "
    "fragile handle care express ground priority standard next day air overnight delivery package parcel "
    "thank thanks please call text the and of "
    # street words of other languages (with a particle a street reads like a name: "Rua da Liberdade")
    "rua avenida av travessa largo praça praca estrada alameda calle carrer paseo plaza camino via viale "
    "piazza corso vicolo rue chemin place allée allee impasse quai straat weg laan plein gracht kade "
    "ulica aleja plac gatan vägen vej gade katu tie sokak sokağı caddesi cadde mahallesi".split())


def _row_name(cell: str) -> bool:
    """A cell that on its own is a person's name: a bare Chinese name with a known surname, or two
    or three capitalised words with no street, city or instruction word."""
    s = cell.strip()
    if not s:
        return False
    if _CJK.match(s):
        # 2-3 characters, or 4 with a compound surname (欧阳娜娜): "易碎品轻放" is a remark
        if (2 <= len(s) <= 3 or (len(s) == 4 and surname_len(s) == 2)) and _bare_name(s):
            return True
    if s[0] >= "\u3040":
        return name_asia.cell_name(s)  # a Korean or Japanese name (이준혁, 鈴木 学)
    if _CG_NAME.fullmatch(s) or _UNCASED_NAME.fullmatch(s):
        return True
    if not _EN_NAME.fullmatch(s):
        return False
    words = [w.lower().strip(".") for w in s.split()]
    if any(w in _NOT_EN_NAMES for w in words):
        return False
    return not (len(words[-1]) == 2 and _STATE_RE.fullmatch(words[-1].upper()))


def _free_columns(engine, header, width: int) -> list[int]:
    """Columns with no hint of their own: no header, or a name that says nothing (a column named
    as a phone, an order number or a weight is not free)."""
    return [i for i in range(width)
            if not (header and i < len(header) and header[i] is not None
                    and (engine.hint(header[i])[0] is not None or column_known(header[i])))]


def infer_row_names(engine, rows, header, first_row: int, out, recs, report: bool = False):
    """Names in rows without a hint for their column (a headerless export): a cell that is only a
    name, in a row where another cell holds a phone, an address, an e-mail or an ID number, is a
    name (the row is a record). Returns the extra compact records as (row, column, fact)."""
    # only columns with no hint of their own can hold an unlabelled name
    width = max((len(r) for r in rows), default=0)
    # a column whose name says what it is (a phone, an order number, a weight) is not free
    free = _free_columns(engine, header, width)
    if not free or not recs and not (header and any(note_of_a_person(h) for h in header if h is not None)):
        return []
    # candidates first (most unlabelled cells are remarks, dates or blanks), the records only then
    cand: dict[int, list[int]] = {}
    for i in free:
        for k, row in enumerate(rows):
            if i < len(row):
                cell = row[i]
                if cell and (cell[0] >= "\u3400" or "A" <= cell[0] <= "Z" or cell[0] > "\u00bf") and out[k][i] == cell \
                        and _row_name(cell):
                    cand.setdefault(k, []).append(i)
    if not cand:
        return []
    by_row: dict[int, set] = {}
    for r_i, col, c in recs:
        if c[0] in _ROW_PERSONAL:
            by_row.setdefault(r_i, set()).add(col)
    # (a person's note column: a bare name in it is a name whatever else the row shows, '买家备注' | '李雷')
    notes = {i for i in _cand_cols(cand) if header and i < len(header) and header[i] is not None
             and note_of_a_person(header[i])}
    extra = []
    for k in sorted(cand):
        cols = by_row.get(first_row + k)
        if not cols and not notes.intersection(cand[k]):
            continue
        cols = cols or set()
        row = rows[k]
        for i in cand[k]:
            cell = row[i]
            name = _colname(header, i)
            if name in cols:
                continue
            masked, facts = engine.mask_text(cell, EntityType.NAME, None, False, report)
            if masked != cell:
                out[k][i] = masked
                extra += [(first_row + k, name, c) for c in facts]
            break  # one name per record
    return extra


def _cand_cols(cand: dict) -> set:
    return {i for cols in cand.values() for i in cols}


_NAME_SHAPE = lazy(r"[^\W\d_][^\W\d_'’.\-]*(?: [^\W\d_][^\W\d_'’.\-]*){1,3}")


def _name_shaped(cell: str) -> bool:
    s = cell.strip()
    return _NAME_SHAPE.fullmatch(s) is not None and not any(w[0].islower() for w in s.split())


# what a column without a hint of its own holds, read from its cells: phone, name or address
_ROLE_GROUPS = ((EntityType.PHONE, frozenset(("phone", "landline", "phone_intl", "virtual_phone"))),
                (EntityType.NAME, frozenset(("name",))),
                (EntityType.ADDRESS, frozenset(("address", "address_region"))))


class RoleStats:
    """What the free columns of a table held so far, block by block in file order (a serial chunk,
    a worker's byte piece): per column, cells filled, cells with findings, and for each role the
    cells found as it (``strict``) and the cells of its shape that the detectors did not know
    (``extra``; they count once 2 cells were found as such). A column's role in a block is
    the block's own reading, else the reading of every block up to it: a piece of a large file too
    short to show a role (its last row or two) keeps the role its column showed before, and the
    pieces of a file give the serial path's output whatever their size."""

    __slots__ = ("cols", "last")
    # per column: [filled, found, phone, phone extra, name, name extra, address, phone-shaped cells
    # written with separators, cells in rows that name a person elsewhere, bare Chinese names, of them
    # distinct in their block, name-shaped cells in rows with a phone-shaped cell elsewhere, of them
    # distinct in their block, phone-shaped cells in rows with a name-shaped cell elsewhere]
    # (``_decide``)
    WIDTH = 14

    def __init__(self, cols: dict | None = None):
        self.cols: dict[int, list[int]] = {i: list(v) for i, v in (cols or {}).items()}
        self.last: dict = {}  # the counts of the block added last (what a worker sends back)

    def add(self, block: dict) -> None:
        self.last = block
        for i, v in block.items():
            mine = self.cols.get(i)
            if mine is None:
                self.cols[i] = list(v)
            else:
                for j in range(self.WIDTH):
                    mine[j] += v[j]

    def needs(self, block: dict) -> bool:
        """Whether a block that read its columns alone would read a role differently with the
        blocks before it (a column with no role of its own that the whole so far gives one)."""
        if not self.cols:
            return False
        for i, v in self.cols.items():
            if _decide(block.get(i)) is None and _decide_sum(v, block.get(i)) is not None:
                return True
        return False


def _decide_sum(a, b):
    if b is None:
        return _decide(a)
    return _decide([x + y for x, y in zip(a, b)])


def _decide(v):
    """The role that a column's counts read (``RoleStats``): at least 2 cells with findings and 3
    filled; 3 cells and 60% of the filled ones found as names, 40% as phones or addresses (cells
    of a name's or a phone's shape count once 2 cells were found as such); or, with no findings,
    by the shapes below. Counted per block and summed over blocks, so that serial and parallel
    runs, however the file is cut, read the same roles."""
    if v is None or v[0] < 3:
        return None
    filled = v[0]
    if v[1] >= 2:
        for hint, strict, extra, ratio in ((EntityType.PHONE, v[2], v[3], 0.4), (EntityType.NAME, v[4], v[5], 0.6),
                                           (EntityType.ADDRESS, v[6], 0, 0.4)):
            hits = strict + extra if strict >= 2 else strict
            if hits >= 3 and hits >= ratio * filled:
                return hint
    if len(v) > 7:
        # a phone column no detector reads (a headerless CSV of Armenian contacts: '310-83967',
        # '(354) 60886', '10.440029', local numbers with no country code; world_text --locales
        # scripts seed 77: every one stood): 60% of its cells numbers written as phones are (with
        # separators: bare digit runs are as often order or tracking numbers, and no amounts of
        # money), in rows that name a person or an address in another column
        if v[7] >= 3 and v[7] >= 0.6 * filled and v[8] >= 0.5 * filled:
            return EntityType.PHONE
        # a column of bare Chinese names no detector read as such (a headerless list of
        # recipients, '王小二 / 李四 / 赵六', an order list with no phone beside the name): 60% of its
        # cells names on their own (``_row_name``), as many different as a list of people has (a
        # column of colours or product words, '白色', '黄色', repeats a few)
        if v[9] >= 3 and v[9] >= 0.6 * filled and v[10] >= 0.8 * v[9]:
            return EntityType.NAME
    if len(v) > 11:
        # a headerless contact list of names and numbers that no detector reads alone ('Maria
        # López;612 345 678', 'Jan Kowalski;512 345 678': a cell is no text to read a name or a
        # number without a trunk 0 in, and each column waited for the other; every row stood,
        # found by hand): names in capitals-first words beside numbers of a phone's shape, each
        # column the other's evidence, the names as many different as a list of people has
        if v[11] >= 3 and v[11] >= 0.6 * filled and v[12] >= 0.8 * v[11]:
            return EntityType.NAME
        if v[13] >= 3 and v[13] >= 0.6 * filled:
            return EntityType.PHONE
    return None


def _digits6(cell: str) -> str:
    """The first six digits of a cell."""
    return "".join(c for c in cell if c.isdigit())[:6]


def name_shaped_words(cell: str) -> bool:
    """Whether a cell is 2-4 words of letters, each starting with a capital (a Latin name's shape)."""
    return _NAME_SHAPE.fullmatch(cell) is not None and all(w[0].isupper() for w in cell.split())


def phone_shaped(cell: str) -> bool:
    """Whether a (stripped) cell is a phone number written with separators: 7-15 digits, no date,
    no amount of money (a bare run of digits is as often an order's number); or a bare run of 8
    digits that is a valid Norwegian or Danish number, whose plans have no trunk prefix and no
    shorter form (a headerless Norwegian export's '61140087' beside its names stood in 39 of 40
    records, world_text seed 150; the rules around it still ask for names beside such numbers in
    most records, and for numbers that differ in their first six digits)."""
    if cell.isdigit():
        return len(cell) == 8 and cell[0] in "23456789" and _nordic_number(cell)
    return phone_intl.FIELD_PHONE.fullmatch(cell) is not None \
        and phone_intl.field_phone(cell) and not _MONEY.fullmatch(cell)


def _nordic_number(digits: str) -> bool:
    import phonenumbers
    for region in ("NO", "DK"):
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(digits, region)):
                return True
        except phonenumbers.NumberParseException:
            pass
    return False


def contact_shapes(columns: dict) -> tuple[dict, dict]:
    """For columns ``{column: {row: cell}}``: per column, the rows whose cell is of a name's shape
    (capitals-first words, no digit) and those whose cell is of a phone's (separators, 7-15 digits,
    no date, no amount of money; a bare run of digits is as often an order's number). A column's
    numbers that share their first six digits (an article's, '123-456-789', '123-456-790') are
    no phones."""
    names: dict = {}
    phones: dict = {}
    for i, cells in columns.items():
        nr, pr = set(), set()
        for k, c in cells.items():
            if not isinstance(c, str):
                continue
            c = c.strip()
            if name_shaped_words(c):
                nr.add(k)
            elif phone_shaped(c):
                pr.add(k)
        if pr and len({_digits6(cells[k]) for k in pr}) < 0.5 * len(pr):
            pr = set()
        names[i], phones[i] = nr, pr
    return names, phones


def contact_roles(columns: dict, n: int) -> dict:
    """``column -> "name" | "phone"`` for records (``columns`` as ``contact_shapes`` reads them, ``n``
    records) that are a contact list no detector reads cell by cell: 3 or more and 60% of the
    records with a name-shaped value beside a phone-shaped one, the names 80% different (the same
    rule as ``_decide``'s for a headerless table)."""
    if n < 3 or len(columns) < 2:
        return {}
    names, phones = contact_shapes(columns)
    out = {}
    for i in columns:
        other_p = set().union(*(phones[j] for j in columns if j != i))
        other_n = set().union(*(names[j] for j in columns if j != i))
        beside = names[i] & other_p
        if len(beside) >= 3 and len(beside) >= 0.6 * n and len({columns[i][k].strip() for k in beside}) >= 0.8 * len(beside):
            out[i] = "name"
        elif len(phones[i] & other_n) >= 3 and len(phones[i] & other_n) >= 0.6 * n:
            out[i] = "phone"
    return out


def _filled(rows, i: int) -> list[int]:
    """Indexes of the rows whose cell ``i`` holds more than blanks (column-wise at C level)."""
    try:
        return list(compress(range(len(rows)), map(str.strip, map(itemgetter(i), rows))))
    except (IndexError, TypeError):  # a short row, a cell that is not text
        return [k for k, row in enumerate(rows) if i < len(row) and isinstance(row[i], str) and row[i].strip()]


def infer_column_roles(engine, rows, header, first_row: int, out, recs, report: bool = False,
                       roles: RoleStats | None = None):
    """A column with no hint of its own (no header, or a header word the rules do not know) whose
    cells are mostly one kind of personal value (at least 3 cells and 60% of the non-empty ones
    found as names, 40% as phones or addresses) is a column of that kind: its other cells are masked
    again with that hint, so that the column's fail-safe rules apply to them (a phone column's
    digit runs, a name column's whole value, an address column's unplaced words). A headerless
    export of an unfamiliar country (``Tülay Hörle,0170480306,Mirko-Siering-Gasse 295, 20221
    Weißwasser``) is masked like one with a header. A column that shows no role in this block
    takes the role that ``roles`` (the blocks before it) and this block read together.
    ``out`` is updated in place; returns the records with each re-masked cell's records replaced
    and this block's counts (``RoleStats``), which ``roles`` does not yet hold."""
    block: dict[int, list[int]] = {}
    if not rows:
        return recs, block
    width = max(map(len, rows))
    free = _free_columns(engine, header, width)
    if not free:
        return recs, block
    names = {_colname(header, i): i for i in free}
    kinds: dict[int, dict[int, set]] = {}
    # the records of free columns, picked at C level (most records are of hinted columns)
    for r_i, col, c in compress(recs, map(names.__contains__, map(itemgetter(1), recs))):
        i = names.get(col)
        if i is not None:
            kinds.setdefault(i, {}).setdefault(r_i, set()).add(c[0])
    prior = roles.cols if roles is not None else {}
    plan: list[tuple[int, object, set, list]] = []
    people = None  # the records of a name or an address found (picked when a column needs them)
    # rows whose cell of each free column is of a name's shape (capitals-first words, no digit) or
    # of a phone's (written with separators; no amount of money, no article's numbers): a column's
    # cells beside the other kind count for both (``_decide``: a headerless contact list)
    name_rows: dict = {}
    phone_rows: dict = {}
    if len(free) >= 2:
        name_rows, phone_rows = contact_shapes({i: {k: rows[k][i] for k in _filled(rows, i)} for i in free})
    for i in free:
        by_row = kinds.get(i)
        # every free column is counted, findings or not: a later block may find the column's
        # role, and its share of filled cells counts from the first row (the same counts however
        # the file is cut)
        filled = _filled(rows, i)
        v = [len(filled), len(by_row or ()), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        if name_rows:
            others_phone = set().union(*(phone_rows[j] for j in free if j != i))
            others_name = set().union(*(name_rows[j] for j in free if j != i))
            beside = name_rows[i] & others_phone
            v[11] = len(beside)
            v[12] = len({rows[k][i].strip() for k in beside})
            v[13] = len(phone_rows[i] & others_name)
        hits: dict = {}
        if by_row:
            for slot, (hint, group) in zip((2, 4, 6), _ROLE_GROUPS):
                hit = [k for k in filled if by_row.get(first_row + k, set()) & group]
                hits[hint] = hit
                v[slot] = len(hit)
        if filled:
            # cells of a name's or a phone's shape that the detectors did not know (names beyond
            # ASCII, other countries' numbers such as "03848/63903011"); they count once 2 cells
            # of the column were found as such (``_decide``). Shapes matched column-wise first.
            cells = [rows[k][i].strip() for k in filled]
            nameset = set(hits.get(EntityType.NAME, ()))
            v[5] = sum(1 for j in compress(range(len(cells)), map(_NAME_SHAPE.fullmatch, cells))
                       if filled[j] not in nameset and not any(w[0].islower() for w in cells[j].split()))
            phoneset = set(hits.get(EntityType.PHONE, ()))
            shaped = [j for j in compress(range(len(cells)), map(phone_intl.FIELD_PHONE.fullmatch, cells))
                      if filled[j] not in phoneset and phone_intl.field_phone(cells[j])]
            v[3] = len(shaped)
            v[7] = v[2] + sum(1 for j in shaped if not cells[j].isdigit() and not _MONEY.fullmatch(cells[j]))
            if v[7]:  # (counted for every such block, whatever its size: sums do not depend on the cut)
                if people is None:
                    people = _people_rows(recs)
                # rows with a name or an address found in another column, counted at C level
                name = _colname(header, i)
                others = set(map(itemgetter(0), compress(people, map(ne, repeat(name), map(itemgetter(1), people)))))
                v[8] = len(others.intersection(map(first_row.__add__, filled)))
            named = [c for c in cells if _CJK.match(c) and _row_name(c)]
            if width == 1 and not named:
                # (a one-column list of Latin names, headerless: 'Anna Schmidt / John Smith / ...'
                # stood, no other column to be a record's evidence; found by hand. Capitals-first
                # words of 2-4, 60% of the cells, 80% different: a list of people, masked as one)
                named = [c for c in cells if " " in c and name_shaped_words(c)]
            v[9], v[10] = len(named), len(set(named))
        block[i] = v
        hint = _decide(v)
        if hint is None and i in prior:
            hint = _decide_sum(prior[i], v)
        if hint is not None:
            plan.append((i, hint, set(hits.get(hint, ())), filled))
    redo: dict[tuple[int, int], tuple] = {}
    for i, hint, hitset, filled in plan:
        # cells the hint leaves as they are, by value: a remarks column read as a phone column
        # (half its cells hold a number) repeats '放门口', '送货前电话联系'... thousands of times
        inert: set = set()
        for k in filled:
            if k in hitset and hint is not EntityType.ADDRESS:
                continue  # a name or phone found whole; an address may be found in part
            cell = rows[k][i]
            if cell in inert:
                continue
            masked, facts = engine.mask_text(cell, hint, None, False, report)
            if masked == cell:
                # nothing masked: no more stars than the first pass gave this cell, as for every
                # other cell of this value
                inert.add(cell)
                continue
            if masked != out[k][i] and masked.count("*") > out[k][i].count("*"):
                out[k][i] = masked
                redo[(first_row + k, _colname(header, i))] = facts
    if not redo:
        return recs, block
    kept = [x for x in recs if (x[0], x[1]) not in redo]
    kept += [(r, col, c) for (r, col), facts in redo.items() for c in facts]
    kept.sort(key=lambda x: x[0])
    return CellRecords(kept), block


# an amount of money (two decimals, a currency sign): no phone, however many digits
_MONEY = lazy(r"\s*[$€£¥]?\s*\d{1,3}(?:[,.\s]?\d{3})*[.,]\d{2}\s*(?:[$€£¥]|[A-Z]{3})?\s*")


_PEOPLE = frozenset(("name", "address"))


def _people_rows(recs) -> list:
    """The records (row, column, fact) of a name or an address, picked at C level."""
    return list(compress(recs, map(_PEOPLE.__contains__, map(itemgetter(0), map(itemgetter(2), recs)))))


_SHORT_DIGITS = lazy(r"\s*\d{3,16}\s*")
# a line of a column joined by newlines (and framed by them) that may be such a cell: a cell that
# fully matches _SHORT_DIGITS has its digits on one line with only non-newline blanks around them
# (the leading newline lets the search jump from line to line; possessive: a longer digit run, an
# order number, fails at once instead of giving its digits back one by one)
_SHORT_DIGITS_LINE = lazy(r"\n[^\S\n]*+\d{3,16}+[^\S\n]*+(?=\n)")


def _pair_rows(rows) -> list[int]:
    """Rows with two neighbouring cells of 3-16 digits (where a split mobile can be), found
    column-wise with C-level matching (most tables have none): one search over a joined column
    says whether it has such a cell at all (asked only next to a column that has one); cells are
    matched one by one only in two neighbouring columns that both have one."""
    if not rows:
        return []
    width = max(map(len, rows))
    if width < 2:
        return []
    if min(map(len, rows)) == width:
        cols = list(zip(*rows))
    else:
        cols = [[r[c] if c < len(r) else "" for r in rows] for c in range(width)]
    search = _SHORT_DIGITS_LINE.search
    maybe: dict[int, bool] = {}

    def has(c: int) -> bool:
        got = maybe.get(c)
        if got is None:
            try:
                joined = "\n".join(cols[c])
            except TypeError:  # None for a short row, numbers from XLSX
                joined = "\n".join(x if isinstance(x, str) else "" for x in cols[c])
            got = maybe[c] = search("\n%s\n" % joined) is not None
        return got

    fm = _SHORT_DIGITS.fullmatch
    digit: dict[int, list[bool]] = {}

    def cells(c: int) -> list[bool]:
        got = digit.get(c)
        if got is None:
            got = digit[c] = list(map(bool, map(fm, (x if isinstance(x, str) else "" for x in cols[c]))))
        return got

    hit = set()
    for c in range(width - 1):
        if has(c) and has(c + 1):
            a, b = cells(c), cells(c + 1)
            hit.update(k for k in range(len(rows)) if a[k] and b[k])
    return sorted(hit)


def _embedded_cells(engine, rows, header, first_row: int, out, report: bool) -> tuple[list, set]:
    """Cells that carry a label (or a text) as base64 (``waybill.embedded``): masked in their own
    format in ``out``, in place of what the text detectors made of the base64; their records as
    (row, column, fact) (the payload's own places are not kept in a table's records), and the cells."""
    got: list = []
    cells: set = set()  # the (row, column) of each such cell: what the text detectors made of it goes
    n = embedded.MIN_CHARS
    for k, row in enumerate(rows):
        if not row or max(map(len, row)) < n:
            continue
        for i, cell in enumerate(row):
            if len(cell) < n or " " in cell:
                continue
            tmp: list = []
            col = _colname(header, i)
            new = embedded.mask_value(engine, cell, {"row": first_row + k, "column": col}, tmp, report)
            if new is None:
                continue
            out[k][i] = new
            for r in tmp:
                got.append((first_row + k, col, (r["type"], r.get("role"), 0, len(cell), "embedded." + r["detector"],
                                                 r["confidence"], r["method"], r["hmac"], r.get("masked") if report else None,
                                                 r.get("shape") if report else None)))
            cells.add((first_row + k, col))
    return got, cells


def mask_table_rows(engine, rows, header, first_row: int, report: bool = False, roles: RoleStats | None = None):
    """``engine.mask_rows`` and then the row as a unit: a mobile split over two neighbouring cells
    is masked in both and recorded once (type phone, at the first cell's column), in place of what
    the cells gave alone; a bare name in an unhinted column of a row that holds other personal data
    is a name. Used by every table path (serial, workers, byte pieces)."""
    out, recs = engine.mask_rows(rows, header, first_row, report)
    emb, cells = _embedded_cells(engine, rows, header, first_row, out, report)
    if cells:
        recs = CellRecords(sorted([x for x in recs if (x[0], x[1]) not in cells] + emb, key=lambda x: x[0]))
    names = infer_row_names(engine, rows, header, first_row, out, recs, report)
    if names:
        recs = CellRecords(sorted(list(recs) + names, key=lambda x: x[0]))
    recs, block = infer_column_roles(engine, rows, header, first_row, out, recs, report, roles)
    if roles is not None:
        roles.add(block)
    extra = []
    pairs = area_pairs(header)
    mobile_rows = set(_pair_rows(rows))
    for k in (range(len(rows)) if pairs else sorted(mobile_rows)):
        for i, a, b, fact in row_splits(engine, rows[k], pairs, k in mobile_rows, report):
            orow = out[k]
            orow[i], orow[i + 1] = a, b
            extra.append((first_row + k, _colname(header, i), _colname(header, i + 1), fact))
    if extra:
        drop = {(r, a) for r, a, _, _ in extra} | {(r, b) for r, _, b, _ in extra}
        merged = [x for x in recs if (x[0], x[1]) not in drop]
        merged += [(r, a, fact) for r, a, _, fact in extra]
        merged.sort(key=lambda x: x[0])  # stable: row order as mask_rows gives it
        recs = CellRecords(merged)
    echoes = echo_rows(engine, rows, header, first_row, out, recs, report)
    if echoes:
        recs = CellRecords(sorted(list(recs) + echoes, key=lambda x: x[0]))
    return out, recs


# the columns whose masked cells are looked for elsewhere in the row: single values of a person
_ECHO_SOURCES = frozenset((EntityType.NAME, EntityType.PHONE, EntityType.LANDLINE, EntityType.PHONE_INTL,
                           EntityType.EMAIL, EntityType.ID_CARD))


def echo_rows(engine, rows, header, first_row: int, out, recs, report: bool = False) -> list:
    """A value masked in one cell of a row is masked wherever else the row still shows it: a
    phone number that its column masked but that the detectors left in a remark of the same row
    (a toll-free-looking ``(800) 845-9672`` in "call (800) 845-9672 before delivery"; the row
    says it is this record's phone). With a header, the cells of name, phone, e-mail and ID
    columns are looked for in the free columns (a remark, an unknown header, an address); without
    one, every cell in every other cell. ``out`` is updated in place; returns the extra compact records
    (row, column, fact), one per echo, typed like the masked cell's first finding. Column-wise
    C-level passes: well under a microsecond a row when nothing echoes."""
    if not rows:
        return []
    width = max(map(len, rows))
    if width < 2:
        return []
    sources, targets = _echo_columns(engine, header, width)
    if not sources or not targets:
        return []
    n = len(rows)

    def column(table, c):
        try:
            return list(map(itemgetter(c), table))
        except IndexError:  # a short row
            return [r[c] if c < len(r) else None for r in table]

    def text(x):
        return x if isinstance(x, str) else ""

    # the free cells of each row joined, by string concatenation (no tuple per row: nothing for
    # the garbage collector to walk)
    joined = None
    for c in targets:
        col = column(out, c)
        if None in col:  # short rows
            col = list(map(text, col))
        joined = col if joined is None else list(map(add, map(add, joined, repeat("\x1f")), col))
    hits = []
    for i in sources:
        ci = column(rows, i)
        try:
            found = list(compress(range(n), map(contains, joined, ci)))
        except TypeError:  # a short row or a non-text cell
            found = [k for k in range(n) if isinstance(ci[k], str) and ci[k] in joined[k]]
        hits += [(k, i) for k in found if ci[k] and out[k][i] != ci[k]]
    extra = []
    for k, i, j, v, masked, at in _echoes(rows, out, hits):
        fact = _echo_fact(engine, recs, first_row + k, _colname(header, i), v, masked, report)
        extra.append((first_row + k, _colname(header, j), fact[:2] + (at, at + len(v)) + fact[4:]))
    # a part of a masked name alone in a remark ("Tom prefers afternoons" beside "Tom O'Neil",
    # "娜娜不在家" beside "欧阳娜娜"): only with a header (the name columns are known), only in the
    # free columns that are not addresses (a street may share a word with a name)
    names = _name_columns(engine, header, width) if header else []
    free = [c for c in targets if c not in _address_columns(engine, header, width)] if names else []
    if names and free:
        if free != targets:
            joined = None
            for c in free:
                col = column(out, c)
                if None in col:
                    col = list(map(text, col))
                joined = col if joined is None else list(map(add, map(add, joined, repeat("\x1f")), col))
        for i in names:
            ci = column(rows, i)
            if None in ci:
                ci = list(map(text, ci))
            # cheap C-level candidates: rows whose free text holds the name's first 3 or last 2
            # characters (a given name, a Latin surname); the words are checked only there
            # (a Chinese given name is the last 2 characters of a 3-4 character name; a Latin name's
            # words are found by their first 3 letters or the surname's last 3)
            cjk = sum(1 for x in ci[:64] if x and x[0] >= "\u3400")
            slices = ([slice(-2, None)] if cjk else []) + ([slice(0, 3), slice(-3, None)] if cjk < min(n, 64) else [])
            cand = set()
            for sl in slices:
                cand.update(compress(range(n), map(contains, joined, map(itemgetter(sl), ci))))
            for k in sorted(cand):
                if not ci[k] or out[k][i] == ci[k]:
                    continue
                for j, a, b, part, masked in _name_parts(rows[k], out[k], i, free):
                    fact = _echo_fact(engine, recs, first_row + k, _colname(header, i), part, masked, report)
                    extra.append((first_row + k, _colname(header, j), ("name",) + fact[1:2] + (a, b) + fact[4:]))
    return extra


_LATIN_WORD = lazy(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019\-]{2,}")


def _name_parts(row, orow, i: int, free: list[int]):
    """(column, start, end, part, masked part) of each word of the masked name ``row[i]`` (a
    Latin word of 3+ letters; a Chinese given name of 2+ characters) that a free cell of the row
    still shows as a whole word; masks those cells of ``orow`` in place."""
    name = row[i].strip()
    if not name:
        return
    if name[0] >= "\u3400":
        given = name[(surname_len(name) or 1):]
        parts = [(given, "*" * len(given))] if len(given) >= 2 and given != name else []
        bound = None
    else:
        parts = [(w, w[0] + "*" * (len(w) - 1)) for w in dict.fromkeys(_LATIN_WORD.findall(name))]
        bound = r"(?<![A-Za-z\u00c0-\u024f])%s(?![A-Za-z\u00c0-\u024f])"
    for part, masked in parts:
        rx = None
        for j in free:
            if j == i or j >= len(orow) or not isinstance(orow[j], str) or part not in orow[j]:
                continue
            if rx is None:
                rx = re.compile(bound % re.escape(part) if bound else re.escape(part))
            new = rx.sub(masked, orow[j])
            if new != orow[j]:
                orow[j] = new
                m = rx.search(row[j]) if j < len(row) and isinstance(row[j], str) else None
                a = m.start() if m else 0
                yield j, a, a + len(part), part, masked


def _name_columns(engine, header, width: int) -> list[int]:
    return [i for i in range(width)
            if i < len(header) and header[i] and engine.hint(str(header[i]))[0] is EntityType.NAME]


def _address_columns(engine, header, width: int) -> set[int]:
    return {i for i in range(width)
            if i < len(header) and header[i] and engine.hint(str(header[i]))[0] is EntityType.ADDRESS}


def _echo_columns(engine, header, width: int) -> tuple[list[int], list[int]]:
    """(columns whose masked cells are looked for, columns they are looked for in)."""
    if not header:
        return list(range(width)), list(range(width))
    names = [str(header[i]) if i < len(header) and header[i] else None for i in range(width)]
    hints = [engine.hint(x)[0] if x else None for x in names]
    # free text (a remark, a blank or unknown header) and addresses; an order number, weight or
    # date column holds no echo
    return ([i for i, h in enumerate(hints) if h in _ECHO_SOURCES],
            [i for i, h in enumerate(hints)
             if h is EntityType.ADDRESS or (h is None and not (names[i] and column_known(names[i])))])


def _echoes(rows, out, hits):
    """(row, source column, target column, value, its masked form, offset in the target) of each
    echo among the candidate (row, source column) ``hits``; masks the target cells of ``out``."""
    for k, i in sorted(hits):
        row, orow = rows[k], out[k]
        v = row[i].strip()
        if len(v) < 3 and not (len(v) == 2 and _CJK.match(v)):
            continue
        masked = orow[i].strip()
        for j, o in enumerate(orow):
            if j == i or not isinstance(o, str) or v not in o or j >= len(row) or not isinstance(row[j], str):
                continue
            orow[j] = o.replace(v, masked)
            yield k, i, j, v, masked, max(row[j].find(v), 0)


def _echo_fact(engine, recs, r: int, col, v: str, masked: str, report: bool) -> tuple:
    """The compact fact of an echoed value: the type, role and method of the first finding of the
    cell it was masked in (a phone when none is recorded), the HMAC of the value."""
    from bisect import bisect_left

    first = None
    for x in recs[bisect_left(recs, r, key=_row_key):]:
        if x[0] != r:
            break
        if x[1] == col:
            first = x[2]
            break
    typ, role, method = (first[0], first[1], first[6]) if first else ("phone", None, "partial")
    return (typ, role, 0, len(v), "row.echo", 0.9, method, engine.keys.value_mac(v),
            masked if report else None, shape(v) if report else None)


def _row_key(x) -> int:
    return x[0]


def mask_row_splits(engine, vals: list, new: list, where_of, recs: list, report: bool = False,
                    header=None) -> None:
    """The same for one row masked cell by cell (XLSX, any cell values): ``new`` and ``recs``
    (audit dicts) are updated in place; ``where_of(i)`` is the place of cell ``i``."""
    if len(vals) < 2:
        return
    texts = [cell_text(v) for v in vals]
    for i, a, b, fact in row_splits(engine, texts, area_pairs(header), True, report):
        if fact[6] != "keep":
            new[i], new[i + 1] = a, b
        wa, wb = where_of(i), where_of(i + 1)
        recs[:] = [r for r in recs if {k: v for k, v in r["where"].items() if k not in ("start", "end")}
                   not in (wa, wb)]
        recs.append(split_record({**wa, "start": 0, "end": fact[3]}, fact, report))


def _one_row_echoes(engine, header, texts: list, row: list):
    """``echo_rows`` for one row of a cell-by-cell format: masks ``row`` in place and yields
    (source column, target column, start, end, value, masked, type or None): the type is "name"
    for a part of a name, None for a whole value (the type of the source cell's finding)."""
    sources, targets = _echo_columns(engine, header, len(texts))
    hits = [(0, i) for i in sources if texts[i] and row[i] != texts[i]
            and any(isinstance(row[j], str) and texts[i] in row[j] for j in targets if j != i)]
    for _, i, j, v, masked, at in _echoes([texts], [row], hits):
        yield i, j, at, at + len(v), v, masked, None
    if header:
        addr = _address_columns(engine, header, len(texts))
        free = [c for c in targets if c not in addr]
        for i in _name_columns(engine, header, len(texts)):
            if free and texts[i] and row[i] != texts[i]:
                for j, a, b, part, masked in _name_parts(texts, row, i, free):
                    yield i, j, a, b, part, masked, "name"


def _echo_record(engine, first, where: dict, v: str, masked: str, typ, report: bool) -> dict:
    rec = audit_record(typ or (first["type"] if first else "phone"), first["role"] if first else None, where,
                       "row.echo", 0.9, first["method"] if first else "partial", engine.keys.value_mac(v))
    return rec.but(masked=masked, shape=shape(v)) if report else rec


def mask_row_echoes(engine, vals: list, new: list, header, where_of, recs: list, report: bool = False) -> None:
    """``echo_rows`` for one row masked cell by cell (XLSX): ``new`` and ``recs`` (audit dicts)
    are updated in place; an echo's record takes type, role and method from the first record of
    the cell the value was masked in."""
    if len(vals) < 2:
        return
    texts = [v if isinstance(v, str) else None for v in vals]
    row = [v if isinstance(v, str) else None for v in new]
    for i, j, a, b, v, masked, typ in list(_one_row_echoes(engine, header, texts, row)):
        new[j] = row[j]
        src = where_of(i)
        first = next((r for r in recs if {x: y for x, y in r["where"].items() if x not in ("start", "end")} == src), None)
        recs.append(_echo_record(engine, first, {**where_of(j), "start": a, "end": b}, v, masked, typ, report))


def echo_object(engine, pairs: list, recs: list, report: bool = False) -> None:
    """``echo_rows`` for one JSON object (a record): ``pairs`` are [key, original, masked, path]
    of its string members, masked values updated in place, records (audit dicts) appended."""
    if len(pairs) < 2:
        return
    header = [k for k, _, _, _ in pairs]
    texts = [v for _, v, _, _ in pairs]
    row = [m for _, _, m, _ in pairs]
    for i, j, a, b, v, masked, typ in list(_one_row_echoes(engine, header, texts, row)):
        pairs[j][2] = row[j]
        first = next((r for r in recs if r["where"].get("field") == pairs[i][3]), None)
        recs.append(_echo_record(engine, first, {"field": pairs[j][3], "start": a, "end": b}, v, masked, typ, report))


# ----------------------------------------------------------------------------- headers

_HEADER_WORDS = ("name", "phone", "mobile", "address", "addr", "order", "tracking",
                 "姓名", "电话", "手机", "地址", "收件", "寄件", "单号", "备注", "email", "city", "zip",
                 "remark", "note", "date", "weight", "收货", "联系", "订单", "重量", "时间",
                 "签收", "取件", "代收", "提货", "领取", "取货",
                 # the same columns in the languages of other shops' exports
                 "nom", "naam", "namn", "navn", "nimi", "imię", "jméno", "soyad", "isim", "adres", "anschrift",
                 "indirizzo", "direcci", "endere", "osoite", "telef", "téléph", "puhelin", "氏名", "名前", "住所",
                 "電話", "이름", "주소", "전화", "correo", "empfänger", "destinat",
                 # (and in other scripts: Cyrillic, Greek, Hebrew, Persian/Arabic, Indic, Thai,
                 # Vietnamese, Georgian, Armenian)
                 "фио", "имя", "телефон", "адрес", "піб", "όνομα", "τηλέφωνο", "διεύθυνση", "שם", "טלפון",
                 "כתובת", "نام", "تلفن", "نشانی", "اسم", "هاتف", "عنوان", "नाम", "फ़ोन", "पता", "নাম", "ফোন",
                 "ঠিকানা", "ชื่อ", "โทรศัพท์", "ที่อยู่", "họ tên", "điện thoại", "địa chỉ", "სახელი",
                 "ტელეფონი", "მისამართი", "անուն", "հեռախոս", "հասցե")


# the short header words, read as words: 'id' and 'no' whole ('ID', 'order_id', 'Phone No.'), 'tel',
# 'nom' and 'zip' at a word's start ('Telefon', 'Nombre', 'Zipcode'), or camel-cased after a word
# ('UserID', 'OrderNo'); inside a word they were a name's letters ('Anna Schmidt', 'David Novak',
# 'Castelli' were read as headers, and a one-column list of names kept its first name; found by hand)
_SHORT_HEADER = lazy(r"(?<![^\W\d_])(?i:id|no)(?![^\W\d_])|(?<![^\W\d_])(?i:tel|nom|zip)"
                           r"|(?<=[a-z])(?:ID|Id|No|NO|Tel|TEL|Zip|ZIP)(?![a-z])")
_LABEL_VALUE = lazy(r"[:：]\s*\S")
# three digits in a row: a house number, a phone, a postcode; no column name has them
_DIGITS3 = lazy(r"\d{3}")


def mask_title_row(engine, row: list, first_row: int, report: bool = False) -> tuple[list, list]:
    """A table's title line masked like a sheet title: free text, and any word of it that is a
    bare Chinese name ("订单导出 张伟明 2024-05-01") as a name. Returns the row and audit records."""
    out, recs = [], []
    for c_i, cell in enumerate(row):
        if not cell or not str(cell).strip():
            out.append(cell)
            continue
        masked, tmpl = mask_label(engine, cell, report, name_like=True)
        got = list(tmpl)
        if masked == cell:
            pos, parts = 0, []
            for w in re.split(r"(\s+)", cell):
                n = len(w)  # offsets are of the original text
                if w and not w.isspace() and _bare_name(w):
                    m, t = mask_label(engine, w, report, name_like=True)
                    got += [r.but(where={**r["where"], "start": r["where"]["start"] + pos,
                                         "end": r["where"]["end"] + pos}) for r in t]
                    w = m
                parts.append(w)
                pos += n
            masked = "".join(parts)
        out.append(masked)
        recs += placed(got, {"row": first_row, "column": c_i + 1})
    return out, recs


def looks_like_header(row: list[str], region: str = "US") -> bool:
    """A first row is a header when it looks like one (a header word, no long digit run) and none
    of its cells holds personal data: ``张伟明,北京市朝阳区建国路88号院3号楼1501室,工作时间派送`` is
    a data row. Every table path (serial, workers, byte pieces, XLSX) decides with this."""
    return header_shape(row) and not has_personal(row, region)


def header_shape(row: list[str]) -> bool:
    """The cheap half of ``looks_like_header``: a header word, no long digit run, no masked value."""
    joined = " ".join(row).lower()
    # (or two cells that the column rules know: 'Kunde,Mob,Hausnummer,PLZ,Città' was read as a data
    # row, and its columns went without their hints: found by hand)
    # (or the one cell of a one-column table that the column rules know: 'region', 'postcode',
    # 'state' above their values were read as data, and dispose kept '75002 Paris'; found by hand)
    if not (any(w in joined for w in _HEADER_WORDS) or any(_SHORT_HEADER.search(x) for x in row if isinstance(x, str))
            or sum(isinstance(x, str) and column_hint(x)[0] is not None
                                                              for x in row) >= min(2, len(row))) \
            or any(sum(c.isdigit() for c in x) >= 7 for x in row) \
            or any(_DIGITS3.search(x) for x in row):
        return False
    # a masked value or a "label: value" cell ("收货人:徐**") is data, never a column name
    return not any(("*" in x or "＊" in x or _LABEL_VALUE.search(x)) for x in row)



# ----------------------------------------------------------------------------- file names

_SEP = lazy(r"([_ ])")


def _mask_words(engine, text: str) -> str:
    """A file or folder name (without extension) masked like a free-text value; ``_`` separates
    words like a blank does ("张伟明_13912345678")."""
    if not text or text in (".", ".."):
        return text
    parts = _SEP.split(text)
    spaced = " ".join(parts[0::2])
    m, _ = mask_label(engine, spaced, name_like=True)
    if m == spaced:
        return text
    words = m.split(" ")
    if len(words) != len(parts[0::2]):
        return m
    out = [words[0]]
    for sep, w in zip(parts[1::2], words[1:]):
        out += (sep, w)
    return "".join(out)


# words people put beside a name in a file name ("张三的快递.jpg", "orders_张伟明.xlsx"): they split a
# run of Chinese characters so that the name in it stands alone
_FILE_WORDS = lazy(r"的|之|快递|订单|收件|寄件|收货|发货|包裹|面单|运单|快件|标签|照片|图片|截图|扫描|"
                         r"地址|电话|信息|资料|名单|记录|导出|备份|副本")
_CJK_RUN = lazy(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]+")
# two or three capitalised words in a row ("John Smith label.png", "Jane_Doe_2024.csv")
_LATIN_NAME = lazy(r"(?<![A-Za-z])([A-Z][a-z]{1,20}|[A-Z]{2,20})((?:[ _][A-Z](?:[a-z]{1,20}|[A-Z]{1,20}|'[A-Z][a-z]+)){1,2})"
                         r"(?![A-Za-z])")
_NOT_LATIN_NAME = frozenset(
    "label labels order orders parcel parcels shipment shipments export exports scan scans photo photos "
    "image images copy final draft new old test sample samples batch report invoice return returns ship to "
    "from the and of for with masked unmasked page pages file files data list sheet tracking delivery "
    "address phone name names customer customers print dispose share jan feb mar apr may jun jul aug sep "
    "oct nov dec monday tuesday wednesday thursday friday saturday sunday img dsc pdf csv zpl xlsx json "
    "ups dhl fedex usps gls dpd sf ems jd".split())


def _names_in_words(engine, text: str) -> str:
    """Names that stand beside other words in a file name, masked like names: a Chinese name
    between separators and the words of ``_FILE_WORDS``, two or three capitalised Latin words."""
    from ..detectors import name_cn

    out = list(text)

    def put(a: int, z: int, kind: str) -> None:
        seg = text[a:z].replace("_", " ")  # "Jane_Doe": the separator stays as it is
        m = engine.mask_value(seg, {}, kind, [], report=False)
        if m != seg and len(m) == len(seg):
            out[a:z] = [o if o == "_" else c for o, c in zip(text[a:z], m)]

    for run in _CJK_RUN.finditer(text):
        pos = run.start()
        for piece in _FILE_WORDS.split(run.group()) + [""]:
            if piece and 2 <= len(piece) <= 4 and name_cn.is_name_segment(piece) and _bare_name(piece):
                put(pos, pos + len(piece), "name")
            pos += len(piece)
            fw = _FILE_WORDS.match(text, pos)
            if fw:
                pos = fw.end()
    for m in _LATIN_NAME.finditer(text):
        words = re.split(r"[ _]", m.group())
        if any(w.lower() in _NOT_LATIN_NAME for w in words):
            continue
        put(m.start(), m.end(), "name")
    return "".join(out)


def mask_name(engine, name: str, is_file: bool = True) -> str:
    """A file or folder name with its personal data masked; a file keeps its extension."""
    if not name or name in (".", ".."):
        return name
    if is_file:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) <= 5 and ext.isalnum():
            m = _names_in_words(engine, _mask_words(engine, stem))
            if m != stem:
                return m + dot + ext
    return _names_in_words(engine, _mask_words(engine, name))
