"""Adversarial leak benchmark (issue 9): write thousands of evasive spellings of known synthetic
personal values, mask them with the CLI, and print the leak rate per trick and preset.

    python -m benchmarks.evasion [--n 200] [--seed 0] [--presets share,dispose]
                                 [--tricks fullwidth_digits,mixed,...] [--formats txt,csv,json,jsonl]
                                 [--workers 1] [--timeout 900] [--keep DIR] [--show N] [--json [FILE]]
    python -m benchmarks.evasion --list          # the tricks, one line each

Values (seeded RNG): Chinese names (common surname + given characters), minority names with a
middle dot, mobiles 1[3-9]x, landlines 0xx(x)-xxxxxxxx, 18-digit IDs with a valid checksum (and
with a wrong one after an ID label), e-mails, Chinese addresses down to 楼/单元/室. Each trick is a
named function that writes one value the way people (or attackers) type it: full-width digits,
a separator between every digit, 2-3-3-3 / 4-4-3 / 3-4-4 groupings, +86, zero-width characters and
soft hyphens, Chinese numerals (一二三, 幺, 〇/零, 壹贰叁), trailing ``*``, a real mobile followed by
an extension / room / date, e-mails glued to CJK or written with (at) [at] ＠ " at "/" dot ",
IDs with spaces or full-width digits, traditional-character addresses (OpenCC ``s2t``), names with
any middle-dot code point; ``mixed`` applies 2-3 of them to one value. ``plain`` is the control row.

The cases are written as TXT (one line per case, with context text), CSV (headers 姓名,电话,地址,备注
and others, plus a headerless file; the value in a random column), JSON and JSONL (the value in a
field, or as an object key), one record per case, into a temp dir. ``waybill mask DIR -o OUT
--preset P`` runs once per preset (a subprocess, as a user runs it), then ``waybill verify`` on
every output file.

Scoring is independent of waybill (nothing of waybill is imported). Each output record is
normalised (NFKC, OpenCC ``t2s``, zero-width and soft-hyphen characters removed, "(at)"/" at " read
as @ and "(dot)"/" dot " as ".", Chinese numerals read as digits, separators and whitespace
removed; ``*`` is kept as the mask character) and a planted value *leaks* when a required part is
still readable (docs: ../shared/guides/MEASURING.md):

- phone / landline of N digits: a run of N-5 consecutive digits of it (6 for a mobile), or an
  aligned masked form (``138****5678``) showing more than N-6 digits (share: at least 6 hidden,
  GB/T 41833-2022) / more than 10% of them (dispose);
- ID: its middle 8 digits (the birth date), or an aligned masked form showing any of them
  (share) / more than 10% of all 18 (dispose);
- e-mail: the local part beyond its first letter (dispose: also ``@domain``);
- name: the given name (dispose: also the surname followed by ``*``); minority names: the part
  after the dot and the first part beyond its first character;
- address: any of road+number, community, building, unit, room (dispose: also the province,
  city and district).

A case leaks when any of its planted values leaks. The audit log is checked too (no planted
value may appear whole, normalised, in a finding's ``where`` or a path). Prints a table
trick | cases | leaked | leak% per preset with a totals row, a per-format table, the verify
exit codes (7 expected for a file with leaks), and exits 1 when anything leaked or a run failed.
"""
from __future__ import annotations

import argparse
import base64
import csv
import email.header
import html
import io
import json
import os
import quopri
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import opencc

S2T = opencc.OpenCC("s2t")
T2S = opencc.OpenCC("t2s")

# --------------------------------------------------------------------------------------------
# normalisation and scoring (independent of waybill)

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SOFT_HYPHEN = "\u00ad"
# (and the direction marks: invisible as the rest, a reader of the output sees the digits run on)
_INVISIBLE = dict.fromkeys(map(ord, ZERO_WIDTH + SOFT_HYPHEN + "\u180e\u2061\u2062\u2063\u2064\ufe0e\ufe0f\u20e3"
                               "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
CN_DIGITS = {
    "〇": "0", "零": "0", "○": "0", "一": "1", "壹": "1", "幺": "1", "二": "2", "贰": "2", "貳": "2",
    "两": "2", "兩": "2", "三": "3", "叁": "3", "參": "3", "四": "4", "肆": "4", "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6", "七": "7", "柒": "7", "八": "8", "捌": "8", "九": "9", "玖": "9",
}
_NUMERALS = str.maketrans(CN_DIGITS)
_WORD_AT = re.compile(r"\s*[(\[{]\s*at\s*[)\]}]\s*|\s+at\s+", re.I)
_WORD_DOT = re.compile(r"\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+", re.I)
#: separators removed before matching ("*" is the mask character and "@", "#" stay)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.\u00b7\u30fb\u2022\u2027\u2219\u22c5,，、/\\|()（）"
                         r"\[\]【】{}<>《》:：;；'\"`~+=。!！?？"
                         # arrows, symbols, dingbats and emoji (with their skin tones) as separators
                         r"\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+")
MASK = "*"
_RUN = frozenset("0123456789X*")


# text written escaped or in markup, read back by the standard library (not by waybill's reader):
# JSON/JavaScript '\\u' escapes (surrogate pairs too), HTML character references, percent-encoded UTF-8,
# tags
_U_ESCAPES = re.compile(r"(?:\\+u[0-9A-Fa-f]{4})+")
_TAGS = re.compile(r"<[^<>]*>")
_B64_JSON = re.compile(r"eyJ[A-Za-z0-9+/_\-]+={0,2}")


def _b64_text(m) -> str:
    body = m.group().rstrip("=")
    try:
        return base64.urlsafe_b64decode(body.replace("+", "-").replace("/", "_") + "=" * (-len(body) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return m.group()


_MIME_WORD = re.compile(r"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=")
_QP_RUN = re.compile(r"(?:=[0-9A-F]{2}){2,}")


def _read_escapes(text: str) -> str:
    if "\\" in text:
        text = _U_ESCAPES.sub(lambda m: "".join(chr(int(u, 16)) for u in re.findall(r"u([0-9A-Fa-f]{4})", m.group()))
                              .encode("utf-16", "surrogatepass").decode("utf-16", "replace"), text)
        text = re.sub(r"\\+([\"'/])", r"\1", text)
    if "eyJ" in text:  # a JSON object in base64 (a JWT's payload, a logged request body)
        text = _B64_JSON.sub(_b64_text, text)
        if "\\" in text:
            text = _read_escapes(text)
    if "=?" in text:  # MIME encoded words of a mail header
        text = _MIME_WORD.sub(lambda m: str(email.header.make_header(email.header.decode_header(m.group()))), text)
    if "=" in text:  # quoted-printable bytes of a mail body
        text = _QP_RUN.sub(lambda m: quopri.decodestring(m.group().encode()).decode("utf-8", "replace"), text)
    if "%" in text:
        text = urllib.parse.unquote(text, errors="strict") if _utf8_ok(text) else text
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAGS.sub(" ", text)
    return text


def _utf8_ok(text: str) -> bool:
    try:
        urllib.parse.unquote(text, errors="strict")
        return True
    except UnicodeDecodeError:
        return False


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", _read_escapes(text)).translate(_INVISIBLE)
    t = T2S.convert(t)
    t = _WORD_DOT.sub(".", _WORD_AT.sub("@", t))
    t = t.translate(_NUMERALS)
    if not t.isascii():  # (the decimal digits of any script, by the Unicode database)
        t = "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in t)
    return _SEPARATORS.sub("", t).upper()


@dataclass
class Planted:
    """One personal value planted in a case, with what must not survive per preset."""
    kind: str  # mobile, landline, id, email, name, minority_name, address
    value: str  # canonical form (never printed by the table)
    share: list[str]  # required substrings (normalised) for share
    dispose: list[str]  # ... for dispose
    digits: str = ""  # phone/ID digits for the aligned masked-form check
    id_like: bool = False
    whole: str = ""  # the whole value, normalised (the audit-log check looks for it)

    def leaked(self, norm: str, preset: str) -> bool:
        subs = self.share if preset == "share" else self.dispose
        if any(s in norm for s in subs):
            return True
        if self.digits and MASK in norm:
            return self._aligned_shown(norm, preset)
        return False

    def _aligned_shown(self, norm: str, preset: str) -> bool:
        """A masked rendering aligned with the value (``138****5678``) that shows too many digits."""
        d = self.digits
        rx = re.compile("(?=(" + "".join(f"[{c}*]" for c in d) + "))")
        if self.id_like and preset == "share":
            positions, allowed = range(6, 14), 0
        elif preset == "share":
            positions, allowed = range(len(d)), len(d) - 6
        else:
            positions, allowed = range(len(d)), len(d) // 10
        for m in rx.finditer(norm):
            w, start = m.group(1), m.start()
            shown = sum(w[i] != MASK for i in positions)
            if shown <= allowed:
                continue
            # a window shifted inside a longer run of digits and masks (``***********,5692`` read as
            # ``*********56``) matches a digit or two by chance: with a small allowance, count it
            # only when it starts or ends where the run does, or shows one digit more
            if preset == "share" or shown > allowed + 1 or start == 0 or norm[start - 1] not in _RUN \
                    or start + len(d) == len(norm) or norm[start + len(d)] not in _RUN:
                return True
        return False


def _n(parts) -> list[str]:
    return [p for p in (normalise(x) for x in parts) if p]


def planted_phone(digits: str, kind: str = "mobile") -> Planted:
    run = len(digits) - 5
    windows = _n({digits[i:i + run] for i in range(len(digits) - run + 1)})
    return Planted(kind, digits, windows, windows, digits=digits, whole=digits)


def planted_id(idno: str) -> Planted:
    mid = _n([idno[6:14]])
    return Planted("id", idno, mid, mid, digits=idno.upper(), id_like=True, whole=normalise(idno))


def planted_email(local: str, domain: str) -> Planted:
    req = _n([local[1:]])
    return Planted("email", f"{local}@{domain}", req, req + _n(["@" + domain]), whole=normalise(f"{local}@{domain}"))


def planted_name(surname: str, given: str) -> Planted:
    return Planted("name", surname + given, _n([given]), _n([given, surname + MASK]), whole=normalise(surname + given))


def planted_minority(first: str, second: str, dot: str) -> Planted:
    req = _n([second] + ([first[1:]] if len(first) > 1 else []))
    return Planted("minority_name", first + dot + second, req, req + _n([first[0] + MASK]),
                   whole=normalise(first + second))


def planted_address(addr: "Address") -> Planted:
    req = _n(addr.pieces)
    return Planted("address", addr.text, req, req + _n(addr.region), whole=normalise("".join(addr.pieces)))


# --------------------------------------------------------------------------------------------
# synthetic values

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
            "丁任沈姚卢姜崔钟谭汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵钱严覃武戴莫孔汤")
GIVEN_RAW = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞刚桂英华玉萍鹏飞辉鑫波宇浩凯婷雪琳晨欣怡佳俊博斌峰昊瑶琪嘉"
             "思睿泽轩梓涵雨晗诗哲铭瑞彤妍昕悦蕾薇岚翔毅明亮建志红梅兰")
MINORITY_FIRST = ["阿卜杜", "买买提", "艾力", "热依拉", "古丽", "努尔", "阿依", "吐尔逊", "帕提古丽", "迪丽",
                  "扎西", "次仁", "阿布都", "依力哈尔", "米日古丽"]
MINORITY_SECOND = ["热合曼", "艾山", "吐尔洪", "买买提", "克里木", "多吉", "卓玛", "阿不都拉", "尼亚孜",
                   "玉素甫", "司马义", "阿吉", "肉孜"]
MIDDLE_DOTS = ["\u00b7", "\u30fb", "\u2022", "\uff65"]
EMAIL_FIRST = ["jane", "john", "wei", "lina", "zhang", "wang", "chen", "david", "mary", "liu", "xiao", "kevin",
               "amy", "yang", "sun", "zhao", "huang", "lucy", "tom", "grace"]
EMAIL_LAST = ["doe", "smith", "lei", "fang", "min", "jun", "qiang", "hua", "li", "ming", "ting", "brown", "wu"]
EMAIL_DOMAINS = ["example.com", "example.cn", "example.net", "mail.example.org", "corp.example.com.cn"]
COUNTIES = ["110101", "110105", "310104", "310115", "440106", "440305", "330106", "320508", "510107", "420106",
            "610113", "370202", "120101", "500103", "430104", "350203", "410105", "530102", "650102", "450103"]
# (region components, road names)
REGIONS = [
    (["广东省", "广州市", "天河区"], ["天河路", "体育西路", "林和西路"]),
    (["北京市", "朝阳区"], ["建国路", "朝阳北路", "酒仙桥路"]),
    (["上海市", "浦东新区"], ["世纪大道", "张杨路", "浦电路"]),
    (["浙江省", "杭州市", "西湖区"], ["文三路", "教工路", "古墩路"]),
    (["江苏省", "苏州市", "姑苏区"], ["人民路", "干将西路", "十全街"]),
    (["四川省", "成都市", "武侯区"], ["人民南路", "科华北路", "玉林南路"]),
    (["湖北省", "武汉市", "洪山区"], ["珞喻路", "雄楚大道", "鲁磨路"]),
    (["陕西省", "西安市", "雁塔区"], ["小寨东路", "长安南路", "科技路"]),
    (["广东省", "深圳市", "南山区"], ["科技园路", "南海大道", "深南大道"]),
    (["山东省", "青岛市", "市南区"], ["香港中路", "闽江路", "南京路"]),
    (["福建省", "厦门市", "思明区"], ["厦禾路", "湖滨南路", "莲前东路"]),
    (["河南省", "郑州市", "金水区"], ["农业路", "花园路", "经三路"]),
    (["天津市", "和平区"], ["南京路", "滨江道", "成都道"]),
    (["重庆市", "渝中区"], ["解放碑步行街", "中山路", "民生路"]),
    (["广西壮族自治区", "南宁市", "青秀区"], ["民族大道", "东葛路", "竹溪大道"]),
    (["云南省", "昆明市", "五华区"], ["人民中路", "青年路", "滇缅大道"]),
    (["新疆维吾尔自治区", "乌鲁木齐市", "天山区"], ["解放南路", "新华北路", "光明路"]),
    (["浙江省", "温州市", "永嘉县"], ["瓯北大道", "罗浮大街", "双塔路"]),
]
COMMUNITIES = ["阳光花园", "锦绣小区", "翠湖苑", "金色家园", "幸福里", "枫林湾", "碧桂园", "滨江公寓"]

# context text (no digits, no Chinese numerals, and no character of a given name: see _check_vocab)
TXT_PREFIXES = ["", "备注：", "客户留言：", "联系方式 ", "派送前请联系", "收货信息：", "用户反馈 ", "请转交给 "]
TXT_SUFFIXES = ["", "，谢谢", " 尽快派送", "。", "（工作日）", " 放门口"]
FILLERS = ["", "易碎品", "工作时间派送", "放快递柜", "到付", "生鲜冷链", "轻拿轻放", "请勿折叠"]
CSV_HEADERS = [["姓名", "电话", "地址", "备注"], ["收件人", "收件人电话", "收件地址", "备注"],
               ["name", "phone", "address", "note"]]
JSON_FIELDS = ["姓名", "电话", "地址", "备注", "remark", "data", "info", "收件人"]
PHONE_LABELS = ["电话：", "手机 ", "Tel ", "联系电话:"]
NAME_LABELS = ["收件人：", "收货人:", "联系人："]
ID_LABELS = ["证号：", "身份证号：", "身份证：", "证件号码：", "ID No. "]
ADDRESS_LABELS = ["地址：", "收货地址：", "送至 "]
EMAIL_GLUE_BEFORE = ["邮箱", "电邮", "发送至"]
EMAIL_GLUE_AFTER = ["请联系", "谢谢", "收"]


def _check_vocab() -> list[str]:
    context = "".join(TXT_PREFIXES + TXT_SUFFIXES + FILLERS + sum(CSV_HEADERS, []) + JSON_FIELDS + PHONE_LABELS
                      + NAME_LABELS + ID_LABELS + ADDRESS_LABELS + EMAIL_GLUE_BEFORE + EMAIL_GLUE_AFTER
                      + ["TEL:#转室"])
    assert not any(c.isdigit() or c in CN_DIGITS for c in context), "context text must hold no digits"
    given = sorted({c for c in GIVEN_RAW if c not in context and c not in CN_DIGITS and c not in SURNAMES})
    assert not any(c in CN_DIGITS for c in SURNAMES)
    return given


GIVEN = _check_vocab()


@dataclass
class Address:
    text: str
    region: list[str]
    pieces: list[str]


class Values:
    """Seeded generator of synthetic personal values."""

    def __init__(self, rng: random.Random):
        self.r = rng

    def mobile(self) -> str:
        r = self.r
        return "1" + r.choice("3456789") + "".join(r.choice("0123456789") for _ in range(9))

    def landline(self) -> tuple[str, str]:
        r = self.r
        area = r.choice(["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"] * 3
                        + ["0571", "0755", "0512", "0731", "0591"])
        return area, r.choice("2345678") + "".join(r.choice("0123456789") for _ in range(7))

    def idno(self, valid: bool = True) -> str:
        r = self.r
        y = r.randint(1950, 2005)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        body = f"{r.choice(COUNTIES)}{y:04d}{m:02d}{d:02d}{r.randint(0, 999):03d}"
        check = id_check_char(body)
        if not valid:
            check = r.choice([c for c in "0123456789X" if c != check])
        return body + check

    def email(self) -> tuple[str, str]:
        r = self.r
        local = r.choice(EMAIL_FIRST) + r.choice([".", "_", "", "-", "."]) + r.choice(EMAIL_LAST)
        if r.random() < 0.4:
            local += str(r.randint(1, 99))
        return local, r.choice(EMAIL_DOMAINS)

    def name(self) -> tuple[str, str]:
        r = self.r
        return r.choice(SURNAMES), "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2, 2])))

    def minority(self) -> tuple[str, str]:
        return self.r.choice(MINORITY_FIRST), self.r.choice(MINORITY_SECOND)

    def address(self) -> Address:
        r = self.r
        region, roads = r.choice(REGIONS)
        road = f"{r.choice(roads)}{r.randint(1, 999)}号"
        pieces = [road]
        if r.random() < 0.5:
            pieces.append(r.choice(COMMUNITIES))
        pieces.append(f"{r.randint(1, 30)}{r.choice(['栋', '号楼', '幢'])}")
        if r.random() < 0.8:
            pieces.append(f"{r.randint(1, 6)}单元")
        pieces.append(f"{r.randint(1, 33)}{r.randint(1, 4):02d}室")
        return Address("".join(region) + "".join(pieces), region, pieces)


def id_check_char(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights)) % 11]


# --------------------------------------------------------------------------------------------
# trick primitives: each takes the RNG and a string and returns the evasive string


def _map_ascii_digits(s: str, f: Callable[[str], str]) -> str:
    return "".join(f(c) if "0" <= c <= "9" else c for c in s)


def d_fullwidth(r: random.Random, s: str) -> str:
    return _map_ascii_digits(s, lambda c: chr(ord(c) + 0xFEE0)).replace("X", "Ｘ").replace("+", "＋")


def d_cn(r: random.Random, s: str) -> str:
    simple = "〇一二三四五六七八九"
    return _map_ascii_digits(s, lambda c: r.choice("幺一") if c == "1" else r.choice("〇零") if c == "0"
                             else simple[int(c)])


def d_cn_trad(r: random.Random, s: str) -> str:
    upper = "零壹贰叁肆伍陆柒捌玖"
    trad = {"2": "貳", "3": "參", "6": "陸"}
    return _map_ascii_digits(s, lambda c: trad[c] if c in trad and r.random() < 0.3 else upper[int(c)])


def _between_digits(s: str, sep: Callable[[], str]) -> str:
    out = []
    for i, c in enumerate(s):
        out.append(c)
        if "0" <= c <= "9" and i + 1 < len(s) and "0" <= s[i + 1] <= "9":
            out.append(sep())
    return "".join(out)


def s_space(r, s):
    return _between_digits(s, lambda: " ")


def s_dot(r, s):
    return _between_digits(s, lambda: ".")


def s_dash(r, s):
    return _between_digits(s, lambda: "-")


def s_zero_width(r, s):
    return _between_digits(s, lambda: r.choice(ZERO_WIDTH))


def s_soft_hyphen(r, s):
    return _between_digits(s, lambda: SOFT_HYPHEN)


# the direction marks, embeddings and isolates that right-to-left systems write around numbers
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def s_bidi_marks(r, s):
    return _between_digits(s, lambda: r.choice(BIDI_MARKS)) if r.random() < 0.5 else \
        "".join(c + (r.choice(BIDI_MARKS) if c.isdigit() and r.random() < 0.3 else "") for c in s)


def _group(d: str, sizes, joiner: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(d[i:i + n])
        i += n
    return joiner.join(out)


def g_2333(r, d):
    return _group(d, (2, 3, 3, 3), r.choice([" ", " ", "-"]))


def g_443(r, d):
    return _group(d, (4, 4, 3), r.choice([" ", " ", "-"]))


def g_344(r, d):
    return _group(d, (3, 4, 4), r.choice([" ", "-", "."]))


def g_plus86(r, d):
    return r.choice(["+86 " + _group(d, (4, 3, 4), " "), "+86 " + _group(d, (4, 3, 4), " "),
                     "+86-" + _group(d, (3, 4, 4), "-"), "(+86)" + d, "0086 " + _group(d, (3, 4, 4), " "),
                     "+86" + d])


def _digits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def w_star(r, s):
    return s + r.choice(["*", "*", "**"])


def w_ext_dash(r, s):
    return s + "-" + _digits(r, r.choice([4, 4, 3]))


def w_ext_comma(r, s):
    return s + "," + _digits(r, 4)


def w_room(r, s):
    return s + "，" + f"{r.randint(1, 33)}{r.randint(1, 4):02d}室"


def w_tel_hash(r, s):
    return r.choice(["TEL:", "Tel:", "tel:", "电话:"]) + s + "#" + _digits(r, 4)


def s_symbols(r, s):
    sep = r.choice(["★", "☆", "♦", "~", "、", "—", "→", "•", "♥"])
    return _group(s, (3, 4, 4), sep) if r.random() < 0.7 else _between_digits(s, lambda: sep)


def s_emoji(r, s):
    sep = r.choice(["\U0001f642", "\U0001f4de", "\U0001f449", "\U0001f449\U0001f3fb", "\u2728", "\u2764\ufe0f"])
    return _group(s, r.choice([(3, 4, 4), (4, 4, 3)]), sep)


def s_keycap(r, s):
    return "".join(c + "\ufe0f\u20e3" if "0" <= c <= "9" else c for c in s)


PHONE_SEPARATORS = {"space_every_digit": s_space, "dot_every_digit": s_dot, "dash_every_digit": s_dash,
                    "zero_width": s_zero_width, "soft_hyphen": s_soft_hyphen, "symbol_separators": s_symbols,
                    "emoji_separators": s_emoji, "keycap_digits": s_keycap, "bidi_marks": s_bidi_marks}
PHONE_GROUPINGS = {"group_2_3_3_3": g_2333, "group_4_4_3": g_443, "group_3_4_4": g_344, "plus86": g_plus86}
# zero of a script's decimal digits: Arabic-Indic, Persian, Devanagari, Bengali, Thai, Myanmar
_SCRIPT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1040)


def d_other_script(r: random.Random, s: str) -> str:
    zero = r.choice(_SCRIPT_ZEROS)
    return _map_ascii_digits(s, lambda c: chr(zero + int(c)))


DIGIT_MAPS = {"fullwidth_digits": d_fullwidth, "cn_numerals": d_cn, "cn_numerals_traditional": d_cn_trad,
              "other_script_digits": d_other_script}
PHONE_WRAPS = {"trailing_star": w_star, "ext_dash": w_ext_dash, "ext_comma": w_ext_comma,
               "room_after_comma": w_room, "tel_hash_ext": w_tel_hash}


# --------------------------------------------------------------------------------------------
# cases and the trick registry


@dataclass
class Case:
    trick: str
    cells: list  # usually one value; two adjacent cells for split_cells; a number for numeric_forms
    planted: list[Planted]
    note: str = ""  # the tricks a mixed case combines
    fmt: str = ""
    file: str = ""
    record: int = -1
    leaked: dict = field(default_factory=dict)  # preset -> bool / None (no output)
    output: dict = field(default_factory=dict)  # preset -> the masked record (for --show)
    bare: bool = False  # a line of its own in TXT (no prefix or suffix: the trick is the line itself)

    def text(self) -> str:
        return " ".join(map(str, self.cells))


TRICKS: dict[str, Callable[[random.Random, Values], Case]] = {}
TRICK_DOC: dict[str, str] = {}


def trick(name: str, doc: str):
    def deco(fn):
        TRICKS[name] = lambda r, v: fn(name, r, v)
        TRICK_DOC[name] = doc
        return fn
    return deco


def _maybe_label(r, s, labels, p=0.3):
    return r.choice(labels) + s if r.random() < p else s


def _phone_case(name, r, v, fn) -> Case:
    d = v.mobile()
    return Case(name, [_maybe_label(r, fn(r, d), PHONE_LABELS)], [planted_phone(d)])


def _register_phone_tricks():
    for n, f in DIGIT_MAPS.items():
        trick(n, f"mobile written with {n.replace('_', ' ')}")(lambda name, r, v, f=f: _phone_case(name, r, v, f))
    for n, f in PHONE_SEPARATORS.items():
        trick(n, f"mobile with {n.replace('_', ' ')} separators")(
            lambda name, r, v, f=f: _phone_case(name, r, v, f))
    for n, f in PHONE_GROUPINGS.items():
        trick(n, f"mobile grouped {n}")(lambda name, r, v, f=f: _phone_case(name, r, v, f))
    for n, f in PHONE_WRAPS.items():
        trick(n, f"real mobile + {n.replace('_', ' ')}")(lambda name, r, v, f=f: _phone_case(name, r, v, f))


@trick("plain", "control: every kind of value written plainly")
def t_plain(name, r, v):
    kind = r.choice(["mobile", "landline", "id", "email", "address", "name", "minority"])
    if kind == "mobile":
        d = v.mobile()
        return Case(name, [_maybe_label(r, d, PHONE_LABELS)], [planted_phone(d)])
    if kind == "landline":
        a, n = v.landline()
        return Case(name, [f"{a}-{n}"], [planted_phone(a + n, "landline")])
    if kind == "id":
        i = v.idno()
        return Case(name, [_maybe_label(r, i, ID_LABELS, 0.5)], [planted_id(i)])
    if kind == "email":
        lo, do = v.email()
        return Case(name, [f"{lo}@{do}"], [planted_email(lo, do)])
    if kind == "address":
        a = v.address()
        return Case(name, [_maybe_label(r, a.text, ADDRESS_LABELS, 0.5)], [planted_address(a)])
    if kind == "name":
        s, g = v.name()
        return Case(name, [r.choice(NAME_LABELS) + s + g], [planted_name(s, g)])
    f, s = v.minority()
    dot = MIDDLE_DOTS[0]
    return Case(name, ["收件人：" + f + dot + s], [planted_minority(f, s, dot)])


_register_phone_tricks()


@trick("name_phone_date", "张伟明,13912345678,2024-05-01 (name, real mobile and a date in one line or cell)")
def t_name_phone_date(name, r, v):
    s, g = v.name()
    d = v.mobile()
    date = f"{r.randint(2020, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    sep = r.choice([",", ",", "，", " "])
    return Case(name, [sep.join([s + g, d, date])], [planted_name(s, g), planted_phone(d)])


@trick("split_cells", "mobile split over two adjacent cells/fields of one record (139 | 12345678)")
def t_split(name, r, v):
    d = v.mobile()
    k = r.choice([3, 3, 4, 7])
    return Case(name, [d[:k], d[k:]], [planted_phone(d)])


@trick("numeric_forms", "phone/ID as a number: 13912345678.0, JSON int/float, 1.10101199003071e17")
def t_numeric(name, r, v):
    if r.random() < 0.6:
        d = v.mobile()
        val = r.choice([int(d), float(d), d + ".0"])
        return Case(name, [val], [planted_phone(d)])
    i = v.idno()
    while i.endswith("X"):
        i = v.idno()
    val = r.choice([float(i), f"{float(i):.14e}"])
    p = planted_id(i)
    p.digits = ""  # a float keeps only the leading digits: score the birth date only
    return Case(name, [val], [p])


@trick("landline", "landline 0xx-xxxxxxxx in varied spellings (spaces, brackets, full-width, 转 extension)")
def t_landline(name, r, v):
    a, n = v.landline()
    text = r.choice([f"{a}-{n}", f"({a}){n}", f"{a} {n[:4]} {n[4:]}", d_fullwidth(r, f"{a}-{n}"),
                     f"{a}-{n}转{r.randint(100, 9999)}", f"{a}{n}", s_space(r, a + n)])
    return Case(name, [_maybe_label(r, text, PHONE_LABELS)], [planted_phone(a + n, "landline")])


def e_glue(r, local, domain):
    e = f"{local}@{domain}"
    return r.choice([r.choice(EMAIL_GLUE_BEFORE) + e, e + r.choice(EMAIL_GLUE_AFTER),
                     r.choice(EMAIL_GLUE_BEFORE) + e + r.choice(EMAIL_GLUE_AFTER)])


def e_brackets(r, local, domain):
    at = r.choice(["(at)", "[at]", "{at}", " (at) ", " [at] ", "(AT)"])
    if r.random() < 0.4:
        domain = domain.replace(".", r.choice(["(dot)", "[dot]", " [dot] "]))
    return local + at + domain


def e_fullwidth_at(r, local, domain):
    return local + "＠" + (domain.replace(".", "．") if r.random() < 0.3 else domain)


def e_words(r, local, domain):
    return local + " at " + domain.replace(".", " dot ")


@trick("email_glued_cjk", "邮箱jane.doe@example.com / jane.doe@example.com请联系")
def t_email_glued(name, r, v):
    lo, do = v.email()
    return Case(name, [e_glue(r, lo, do)], [planted_email(lo, do)])


@trick("email_at_brackets", "jane.doe(at)example.com, [at], (dot)")
def t_email_brackets(name, r, v):
    lo, do = v.email()
    return Case(name, [e_brackets(r, lo, do)], [planted_email(lo, do)])


@trick("email_fullwidth_at", "jane.doe＠example.com")
def t_email_fw(name, r, v):
    lo, do = v.email()
    return Case(name, [e_fullwidth_at(r, lo, do)], [planted_email(lo, do)])


@trick("email_at_dot_words", "jane.doe at example dot com")
def t_email_words(name, r, v):
    lo, do = v.email()
    return Case(name, [e_words(r, lo, do)], [planted_email(lo, do)])


def i_spaced(r, i):
    return r.choice([_group(i, (6, 8, 4), " "), _group(i, (6, 4, 4, 4), " "), _group(i, (4, 4, 4, 4, 2), " "),
                     _group(i, (6, 8, 4), "-"), " ".join(i)])


@trick("id_spaced", "ID with spaces: 110105 19900307 1234")
def t_id_spaced(name, r, v):
    i = v.idno()
    return Case(name, [_maybe_label(r, i_spaced(r, i), ID_LABELS, 0.5)], [planted_id(i)])


@trick("id_fullwidth", "ID in full-width digits")
def t_id_fw(name, r, v):
    i = v.idno()
    return Case(name, [_maybe_label(r, d_fullwidth(r, i), ID_LABELS, 0.5)], [planted_id(i)])


@trick("id_bad_checksum_labelled", "18-digit ID with a wrong check digit after 证号/身份证号/ID No.")
def t_id_bad(name, r, v):
    i = v.idno(valid=False)
    return Case(name, [r.choice(ID_LABELS) + i], [planted_id(i)])


@trick("address_traditional", "traditional-character address (OpenCC s2t): 廣東省廣州市天河區天河路385號")
def t_addr_trad(name, r, v):
    a = v.address()
    return Case(name, [_maybe_label(r, S2T.convert(a.text), ADDRESS_LABELS, 0.5)], [planted_address(a)])


@trick("address_fullwidth_digits", "address with full-width digits (天河路３８５号３栋)")
def t_addr_fw(name, r, v):
    a = v.address()
    return Case(name, [_maybe_label(r, d_fullwidth(r, a.text), ADDRESS_LABELS, 0.5)], [planted_address(a)])


@trick("minority_name_dots", "收件人：阿卜杜·热合曼 with U+00B7 / U+30FB / U+2022 / U+FF65")
def t_minority(name, r, v):
    f, s = v.minority()
    dot = r.choice(MIDDLE_DOTS)
    return Case(name, [r.choice(NAME_LABELS) + f + dot + s], [planted_minority(f, s, dot)])


@trick("name_trailing_star", "收件人：张伟明*")
def t_name_star(name, r, v):
    s, g = v.name()
    return Case(name, [r.choice(NAME_LABELS) + s + g + r.choice(["*", "*", "**"])], [planted_name(s, g)])


@trick("name_symbol_filler", "王🌟小明 13912345678: a symbol or an emoji inside the name")
def t_name_symbol(name, r, v):
    s, g = v.name()
    d = v.mobile()
    sym = r.choice(["\U0001f31f", "★", "♥", "\u2728", "\u2764\ufe0f", "\U0001f642"])
    at = r.randint(1, len(g)) if r.random() < 0.4 else 0
    text = s + (g[:at] if at else "") + sym + (g[at:] if at else g)
    return Case(name, [text + r.choice([" ", "，", ","]) + d], [planted_name(s, g), planted_phone(d)])


@trick("name_letter_spaced", "收件人：王 小 明 / 王.小.明 (a filler between every character)")
def t_name_spaced(name, r, v):
    s, g = v.name()
    fill = r.choice([" ", " ", ".", "-", "_", "\u3000"])
    return Case(name, [r.choice(NAME_LABELS) + fill.join(s + g)], [planted_name(s, g)])


@trick("name_spaced_surname", "王 小明, 13912345678 (a space after the surname, no label)")
def t_name_surname_space(name, r, v):
    s, g = v.name()
    d = v.mobile()
    return Case(name, [s + " " + g + r.choice([", ", "，", " | "]) + d], [planted_name(s, g), planted_phone(d)])


@trick("name_english_label", "Recipient: 王小明 (a Chinese name after an English label)")
def t_name_en_label(name, r, v):
    s, g = v.name()
    lab = r.choice(["Recipient: ", "To: ", "Name: ", "Consignee: ", "Receiver：", "Attn: "])
    return Case(name, [lab + s + g], [planted_name(s, g)])


@trick("phone_in_link", "https://wa.me/8613912345678 (a number inside a messenger link)")
def t_phone_link(name, r, v):
    d = v.mobile()
    lead = r.choice(["https://wa.me/86", "wa.me/86", "https://api.whatsapp.com/send?phone=86",
                     "viber://chat?number=%2B86"])
    return Case(name, [r.choice(["", "WhatsApp ", "联系我 "]) + lead + d], [planted_phone(d)])


# 2026-12-05 (third round): forms found by hand, probing the way people and attackers write
_ODD_SEPARATORS = [",", "，", " \u2010 ", " \u2013 ", " \u2014 ", "_", "/", "~", "\u00b7", " \u00b7 ", " - ", "、"]


def s_odd_groups(r, d):
    """A mobile in 3-4-4 split by an odd separator (or two), a bracketed head, or digit by digit
    with a dash between the groups."""
    form = r.choice(["one", "one", "two", "bracket", "digits"])
    if form == "bracket":
        o, c = r.choice([("[", "]"), ("【", "】"), ("(", ")"), ("（", "）")])
        return o + d[:3] + c + d[3:]
    if form == "digits":
        return r.choice([" - ", "-", " — ", "/"]).join(" ".join(g) for g in (d[:3], d[3:7], d[7:]))
    a = r.choice(_ODD_SEPARATORS)
    b = a if form == "one" else r.choice(_ODD_SEPARATORS)
    return d[:3] + a + d[3:7] + b + d[7:]


@trick("phone_odd_separators", "138,1234,5678 / 138 ‐ 1234 ‐ 5678 / [138]12345678 / 1 3 8 - 1 2 3 4 - 5 6 7 8")
def t_phone_odd(name, r, v):
    d = v.mobile()
    return Case(name, [_maybe_label(r, s_odd_groups(r, d), PHONE_LABELS, 0.5)], [planted_phone(d)])


@trick("name_then_next_label", "收件人张伟 电话13912345678 (a name glued to its label, a space, the next field)")
def t_name_next_label(name, r, v):
    s, g = v.name()
    d = v.mobile()
    lab = r.choice(["收件人", "收货人", "联系人", "姓名"])
    nxt = r.choice([f"电话{d}", f"手机{d}", f"手机号 {d}", f"备注：{d}", f"联系电话：{d}"])
    return Case(name, [lab + s + g + r.choice([" ", "  ", "\t"]) + nxt], [planted_name(s, g), planted_phone(d)])


@trick("name_after_kin_word", "收件人是我妈刘桂兰 / 收件人：我老公王建国 (a copula or family word before the name)")
def t_name_kin(name, r, v):
    s, g = v.name()
    lab = r.choice(["收件人", "收件人：", "联系人", "收货人："])
    kin = r.choice(["是", "为", "叫", "是我妈", "是我爸", "我老公", "我老婆", "是我朋友", "是我同事", "我妈妈"])
    return Case(name, [lab + kin + s + g + r.choice(["", "，谢谢", " "])], [planted_name(s, g)])


@trick("email_spaced", "j o h n @ e x a m p l e . c o m / john @ example.com (letter by letter, spaces round @)")
def t_email_spaced(name, r, v):
    lo, do = v.email()
    form = r.choice(["letters", "letters_local", "around_at"])
    if form == "letters":
        s = " ".join(f"{lo}@{do}")
    elif form == "letters_local":
        s = " ".join(lo) + r.choice([" @ ", " @", "@ "]) + do
    else:
        s = lo + r.choice([" @ ", " @", "@ "]) + do
    return Case(name, [r.choice(["", "邮箱 ", "email: "]) + s], [planted_email(lo, do)])


def _contact(v: Values) -> tuple:
    """A name, a mobile and an address (drawn in that order) and their planted values."""
    s, g = v.name()
    d = v.mobile()
    a = v.address()
    return s, g, d, a, [planted_name(s, g), planted_phone(d), planted_address(a)]


def _u_escaped(r, text: str) -> str:
    slash = r.choice(["\\", "\\\\"])
    return "".join(f"{slash}u{ord(c):04x}" if ord(c) > 0x7f else c for c in text)


@trick("json_escaped", '{"name":"\\u738b\\u5c0f\\u660e",...} (a JSON payload kept as a string: names and addresses in \\u escapes)')
def t_json_escaped(name, r, v):
    s, g, d, a, planted = _contact(v)
    q = r.choice(['"', '\\"'])
    body = "{" + ",".join(f"{q}{k}{q}:{q}{x}{q}" for k, x in [(r.choice(["name", "receiver", "consignee"]), s + g),
                                                              ("mobile", d), ("address", a.text)]) + "}"
    return Case(name, [_u_escaped(r, body)], planted)


def _entities(r, text: str) -> str:
    hexa = r.random() < 0.5
    return "".join((f"&#x{ord(c):X};" if hexa else f"&#{ord(c)};") if ord(c) > 0x7f else c for c in text)


@trick("html_entities", "<td>&#29579;&#23567;&#26126;</td><td>13912345678</td> (character references in an HTML export)")
def t_html_entities(name, r, v):
    s, g, d, a, planted = _contact(v)
    return Case(name, [_entities(r, f"<tr><td>{s + g}</td><td>{d}</td><td>{a.text}</td></tr>")], planted)


@trick("percent_encoded", "?name=%E7%8E%8B...&phone=139...&addr=%E6%B5%99... (a request line in a web log)")
def t_percent_encoded(name, r, v):
    s, g, d, a, planted = _contact(v)
    q = "&".join(f"{k}={urllib.parse.quote(x)}" for k, x in [(r.choice(["name", "receiver", "to"]), s + g), ("phone", d),
                                                                ("addr", a.text)])
    return Case(name, [r.choice(["GET /api/order?", "https://shop.example/submit?", ""]) + q], planted)


@trick("markup_wrapped", "<td>王小明</td><td>139...</td> / <name>王小明</name> / <to name=\"王小明\" .../> (values in HTML or XML)")
def t_markup(name, r, v):
    s, g, d, a, planted = _contact(v)
    n = s + g
    form = r.choice(["td", "element", "attrs", "label"])
    if form == "td":
        text = f"<tr><td>{n}</td><td>{d}</td><td>{a.text}</td></tr>"
    elif form == "element":
        text = f"<consignee><name>{n}</name><phone>{d}</phone><address>{a.text}</address></consignee>"
    elif form == "attrs":
        text = f'<receiver name="{n}" phone="{d}" address="{a.text}"/>'
    else:
        text = f"<b>收件人：</b>{n}<br/><b>电话：</b>{d}<br/><b>地址：</b>{a.text}"
    return Case(name, [text], planted)


@trick("mail_encoded", "From: =?UTF-8?B?546L5bCP5piO?= <...> / 收件人：=E7=8E=8B=E5=B0=8F=E6=98=8E (a mail export)")
def t_mail_encoded(name, r, v):
    s, g = v.name()
    d = v.mobile()
    a = v.address()
    raw = (s + g).encode("utf-8")
    form = r.choice(["b", "q", "body"])
    if form == "b":
        head = "=?UTF-8?B?" + base64.b64encode(raw).decode() + "?="
        text = f"{r.choice(['From', 'To', 'Reply-To'])}: {head} <{v.email()[0]}@example.com> {d}"
    elif form == "q":
        head = "=?utf-8?Q?" + "".join(f"={b:02X}" for b in raw) + "?="
        text = f"{r.choice(['From', 'To'])}: {head} {d}"
    else:
        qp = lambda t: "".join(f"={b:02X}" if b > 0x7f else chr(b) for b in t.encode("utf-8"))  # noqa: E731
        text = f"=E6=94=B6=E4=BB=B6=E4=BA=BA=EF=BC=9A{qp(s + g)} {d} {qp(a.text)}"
    planted = [planted_name(s, g), planted_phone(d)] + ([planted_address(a)] if form == "body" else [])
    return Case(name, [text], planted)


_PY_SURNAMES = "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao".split()
_PY_GIVEN = "Weiming Xiaoling Jianguo Yufei Haoran Zihan Xinyi Junjie Mengqi Yutong Zhiqiang Lihua Shuang Kaiwen".split()
_PY_STREETS = "Jianguo Zhongshan Renmin Jiefang Heping Xinhua Changan Wenhua Huaihai Dongfeng Yingbin Binjiang".split()
_PY_AREAS = ["Chaoyang District, Beijing", "Haidian District, Beijing", "Pudong New Area, Shanghai",
             "Xuhui District, Shanghai", "Tianhe District, Guangzhou", "Nanshan District, Shenzhen",
             "Xihu District, Hangzhou", "Wuhou District, Chengdu"]


@trick("address_cn_in_english", "Zhang Weiming, Rm 1501, Bldg 3, No. 88 Jianguo Rd, Chaoyang District, Beijing, +86 139... "
       "(a Chinese address written in English on a cross-border label)")
def t_address_cn_english(name, r, v):
    sur, giv = r.choice(_PY_SURNAMES), r.choice(_PY_GIVEN)
    d = v.mobile()
    room, bldg, no = f"{r.randint(1, 32)}{r.randint(1, 4):02d}", str(r.randint(1, 30)), str(r.randint(1, 999))
    street = r.choice(_PY_STREETS) + " " + r.choice(["Rd", "Road", "Street", "St", "Ave", "Avenue"])
    area = r.choice(_PY_AREAS)
    who = f"{sur} {giv}" if r.random() < 0.7 else f"{sur.upper()} {giv.upper()}"
    form = r.choice(["label", "area_first", "unit_words"])
    if form == "label":
        text = f"{r.choice(['Ship to: ', 'Deliver to: ', 'Consignee: ', ''])}{who}, Rm {room}, Bldg {bldg}, " \
               f"No. {no} {street}, {area} {r.randint(100000, 999999)}, China, +86 {d}"
    elif form == "area_first":
        text = f"No. {no} {street}, {area}, {who}, {d}"
    else:
        text = f"Room {room}, Building {bldg}, {no} {street}, {area}. Contact {who} {r.choice(['Tel', 'Mob', 'Ph'])}: {d}"
    addr = Planted("address", f"{room} {no} {street}", _n([f"{no} {street.split()[0]}", f"RM{room}", f"ROOM{room}"]),
                   _n([f"{no} {street.split()[0]}", f"RM{room}", f"ROOM{room}", area.split(",")[0]]),
                   whole=normalise(f"{no} {street}"))
    person = Planted("name", who, _n([giv[1:]]), _n([giv[1:], sur + MASK]), whole=normalise(who))
    return Case(name, [text], [person, planted_phone(d), addr])


@trick("base64_json", "Bearer eyJ...eyJuYW1lIjoi... / body=eyJ... (a JWT's payload or a logged request body in base64)")
def t_base64_json(name, r, v):
    s, g, d, a, planted = _contact(v)
    body = json.dumps({"name": s + g, "phone": d, "address": a.text}, ensure_ascii=r.random() < 0.5)
    enc = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=") if r.random() < 0.5 else \
        base64.b64encode(body.encode()).decode()
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    text = r.choice([f"Authorization: Bearer {head}.{enc}.c2lnbmF0dXJl", f"body={enc}", f"payload: {enc}"])
    return Case(name, [text], planted)


_ACCENTED_LOCALS = ["josé.garcía", "müller.hans", "françois.dubois", "łukasz.wójcik", "søren.kierkegård", "çağla.öztürk",
                    "zoë.brontë", "ángel.núñez"]
_IDN_DOMAINS = ["例子.中国", "公司.网络", "例え.テスト", "beispiel.de", "correo.es", "пример.рф"]


@trick("email_international", "josé.garcía@correo.es / 张伟明@例子.中国 / \"john doe\"@example.com (internationalised addresses)")
def t_email_international(name, r, v):
    s, g = v.name()
    lo, _ = v.email()
    form = r.choice(["accented", "cjk_local", "idn_domain", "quoted"])
    if form == "accented":
        local, domain = r.choice(_ACCENTED_LOCALS) + str(r.randint(1, 99)), r.choice(_IDN_DOMAINS[3:5])
    elif form == "cjk_local":
        local, domain = s + g, r.choice(_IDN_DOMAINS)
    elif form == "idn_domain":
        local, domain = lo, r.choice(_IDN_DOMAINS)
    else:
        local, domain = f'"{lo} {g}"', "example.com"
    text = r.choice(["", "邮箱：", "Email: ", "联系邮箱 "]) + f"{local}@{domain}"
    return Case(name, [text], [planted_email(local, domain)])


_ESTATES = "阳光花园 幸福小区 金色家园 翠湖新村 万科城市花园 碧桂园 绿城桂花苑 保利公馆 龙湖春江郦城 中海华庭".split()


@trick("address_dash_room", "阳光花园3-2-501 / 送到幸福小区12-3-402 (building-unit-room written with dashes after an estate)")
def t_address_dash_room(name, r, v):
    estate = r.choice(_ESTATES)
    unit = f"{r.randint(1, 30)}-{r.randint(1, 6)}-{r.randint(1, 32)}{r.randint(1, 4):02d}"
    lead = r.choice(["", "地址：", "送到", "收货地址：", "请放到", "我家住在"])
    tail = r.choice(["", "，谢谢", " 放门口", "（工作日）"])
    planted = Planted("address", estate + unit, _n([unit]), _n([unit, estate]), whole=normalise(estate + unit))
    return Case(name, [lead + estate + unit + tail], [planted])


@trick("name_self_intro", "到了打我电话，我叫李娜 / 张伟明/139-1234-5678/... (a name after 'I am', fields split by slashes)")
def t_name_self_intro(name, r, v):
    s, g = v.name()
    d = v.mobile()
    if r.random() < 0.5:
        text = r.choice(["到了打我电话，", "你好，", "麻烦放门口，", ""]) + r.choice(["我叫", "我是", "叫我"]) + s + g + \
            r.choice(["，", " ", "，电话"]) + d
    else:
        text = f"{s + g}{r.choice(['/', '／', ' / '])}{d[:3]}-{d[3:7]}-{d[7:]}{r.choice(['/', '／'])}放门卫"
    return Case(name, [text], [planted_name(s, g), planted_phone(d)])


@trick("email_hash", "zhangwei#163.com / 邮箱：jane.doe#example.com ('#' for '@', to keep an address from crawlers)")
def t_email_hash(name, r, v):
    lo, do = v.email()
    return Case(name, [r.choice(["", "邮箱：", "Email: ", "联系邮箱 ", "mail "]) + f"{lo}#{do}"], [planted_email(lo, do)])


@trick("name_quoted", '"王小明 13912345678" / “王小明”13912345678 (a name in quotes beside a phone)')
def t_name_quoted(name, r, v):
    s, g = v.name()
    d = v.mobile()
    o, c = r.choice([('"', '"'), ("“", "”"), ("'", "'"), ("「", "」"), ("《", "》")])
    text = r.choice([f"{o}{s + g} {d}{c}", f"{o}{s + g}{c}{d}", f"{o}{s + g}{c} {d}"])
    return Case(name, [text], [planted_name(s, g), planted_phone(d)])


def _unit_forms(r) -> tuple[str, list[str]]:
    """One second address line and the numbers in it that must not survive."""
    a, b, c = r.randint(1, 30), r.randint(1, 32), r.randint(1, 9)
    room = f"{b}{r.randint(1, 12):02d}"
    letter = r.choice("ABCDEFGH")
    kr = r.choice(['해운대', '래미안', '푸른', '한빛'])
    jp = r.choice(['サンプル', 'グラン', 'パーク', 'ルミエール'])
    jp_name = r.choice(['グランドハイツ', 'メゾン青葉', 'コーポ山田'])
    forms = [
        (f"Apt {a}{letter}", [f"{a}{letter}"]), (f"Suite {room}", [room]), (f"Unit {room}", [room]),
        (f"Apt. {room}, Floor {c}", [room]), (f"Wohnung {a}", [f"wohnung{a}"]), (f"{c}. OG", [f"{c}.OG"]),
        (f"Bât. {letter}, Apt {room}", [room]), (f"Appt {room}", [room]), (f"{c}e étage", [f"{c}EETAGE"]),
        (f"Piso {c}, Puerta {a}", [f"PISO{c}", f"PUERTA{a}"]), (f"{c}º {a % 9 + 1}ª", [f"{c}O{a % 9 + 1}A"]),
        (f"Scala {letter} int. {a}", [f"INT.{a}"]), (f"m. {room}", [f"M.{room}"]), (f"Daire {a} Kat {c}", [f"DAIRE{a}"]),
        (f"Lgh {room}", [room]), (f"{c}. th", [f"{c}.TH"]),
        (f"{a}동 {room}호", [f"{room}호"]), (f"{c}층 {room}호", [f"{room}호"]),
        (f"{kr}아파트 {a}동 {room}호", [f"{room}호", f"{kr}아파트"]),
        (f"{room}号室", [f"{room}号室"]), (f"{c + 3}階", [f"{c + 3}階"]),
        (f"{jp}{r.choice(['マンション', 'ハイツ', 'コーポ'])}{room}", [room, jp]),
        (f"{jp_name} {room}号室", [f"{room}号室", jp_name]),
        (f"A座{room}", [room]),
    ]
    return r.choice(forms)


@trick("address_unit_alone", "Apt 4B / Wohnung 12 / 101동 1203호 / サンプルマンション101 (the unit part of an address on "
       "its own line or in its own field, a second address line)")
def t_address_unit_alone(name, r, v):
    text, must = _unit_forms(r)
    lead = r.choice(["", "", "", "Address line 2: ", "주소: ", "地址：", "Adresse: "])
    planted = Planted("address", text, _n(must), _n(must), whole=normalise(text))
    return Case(name, [lead + text], [planted], bare=True)


@trick("mixed", "2-3 tricks on one value (phone, ID, e-mail, address or name)")
def t_mixed(name, r, v):
    kind = r.choice(["phone", "phone", "phone", "id", "email", "address", "name"])
    if kind == "phone":
        d = v.mobile()
        groups = r.sample(["sep", "map", "wrap"], r.choice([2, 3]))
        s, used = d, []
        if "sep" in groups:
            n, f = r.choice(list(PHONE_SEPARATORS.items()) + list(PHONE_GROUPINGS.items()))
            s = f(r, s)
            used.append(n)
        if "map" in groups:
            n, f = r.choice(list(DIGIT_MAPS.items()))
            s = f(r, s)
            used.append(n)
        if "wrap" in groups:
            n, f = r.choice(list(PHONE_WRAPS.items()))
            s = f(r, s)
            used.append(n)
        return Case(name, [s], [planted_phone(d)], note="+".join(used))
    if kind == "id":
        valid = r.random() < 0.5
        i = v.idno(valid=valid)
        ops = r.sample(["spaced", "fullwidth", "zero_width"], r.choice([2, 3]))
        s = i
        if "spaced" in ops:
            s = i_spaced(r, s)
        if "zero_width" in ops:
            s = s_zero_width(r, s)
        if "fullwidth" in ops:
            s = d_fullwidth(r, s)
        label = not valid or r.random() < 0.5
        return Case(name, [(r.choice(ID_LABELS) if label else "") + s], [planted_id(i)],
                    note="+".join(ops + ([] if valid else ["bad_checksum"])))
    if kind == "email":
        lo, do = v.email()
        ops = r.sample(["glue", "at", "fullwidth_local", "zero_width_local"], r.choice([2, 3]))
        local = lo
        if "fullwidth_local" in ops:
            local = local.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        if "zero_width_local" in ops:
            k = r.randint(1, len(local) - 1)
            local = local[:k] + r.choice(ZERO_WIDTH + SOFT_HYPHEN) + local[k:]
        if "at" in ops:
            s = r.choice([e_brackets, e_fullwidth_at, e_words])(r, local, do)
        else:
            s = f"{local}@{do}"
        if "glue" in ops:
            s = r.choice(EMAIL_GLUE_BEFORE) + s + r.choice(EMAIL_GLUE_AFTER + [""])
        return Case(name, [s], [planted_email(lo, do)], note="+".join(ops))
    if kind == "address":
        a = v.address()
        ops = r.sample(["traditional", "fullwidth", "spaces"], r.choice([2, 3]))
        s = a.text
        if "spaces" in ops:
            s = "".join(a.region) + " " + " ".join(a.pieces)
        if "traditional" in ops:
            s = S2T.convert(s)
        if "fullwidth" in ops:
            s = d_fullwidth(r, s)
        return Case(name, [_maybe_label(r, s, ADDRESS_LABELS, 0.5)], [planted_address(a)], note="+".join(ops))
    ops = r.sample(["minority_dot", "star", "traditional", "zero_width"], r.choice([2, 3]))
    if "minority_dot" in ops:
        f, s2 = v.minority()
        dot = r.choice(MIDDLE_DOTS)
        p, text = planted_minority(f, s2, dot), f + dot + s2
    else:
        s1, g = v.name()
        p, text = planted_name(s1, g), s1 + g
    if "zero_width" in ops:
        k = r.randint(1, len(text) - 1)
        text = text[:k] + r.choice(ZERO_WIDTH) + text[k:]
    if "traditional" in ops:
        text = S2T.convert(text)
    if "star" in ops:
        text += "*"
    return Case(name, [r.choice(NAME_LABELS) + text], [p], note="+".join(ops))


# --------------------------------------------------------------------------------------------
# generation


def txt_line(r: random.Random, case: Case) -> str:
    if case.bare:
        return case.text()
    return r.choice(TXT_PREFIXES) + case.text() + r.choice(TXT_SUFFIXES)


def raw_leaks(case: Case, record_text: str) -> bool:
    """Self-check: unmasked, every planted value must count as leaked under both presets."""
    norm = normalise(record_text)
    return all(p.leaked(norm, pr) for p in case.planted for pr in ("share", "dispose"))


def generate(seed: int, n: int, tricks=None) -> list[Case]:
    """``n`` cases per trick (seeded). Raises if a generated case would not even count as a leak
    when left unmasked (a scorer/generator bug)."""
    names = list(tricks or TRICKS)
    cases = []
    for name in names:
        r = random.Random(f"{seed}:{name}")
        v = Values(r)
        for _ in range(n):
            for _try in range(20):  # rare rejects (a float rounding into the birth date): draw again
                c = TRICKS[name](r, v)
                if raw_leaks(c, c.text()):
                    break
            else:
                raise AssertionError(f"trick {name}: case {c.cells!r} is not scored as a leak when unmasked")
            cases.append(c)
    return cases


# --------------------------------------------------------------------------------------------
# writing the inputs (one record per case) and reading the outputs back


FORMATS = ("txt", "csv", "json", "jsonl")


def _json_record(r: random.Random, case: Case):
    cells = case.cells
    if len(cells) == 2:
        return {"phone": cells[0], "phone_cont": cells[1], "备注": r.choice(FILLERS)}
    val = cells[0]
    roll = r.random()
    if roll < 0.3:  # the value as an object key
        return {str(val): r.choice([r.choice(FILLERS), {"备注": r.choice(FILLERS)}])}
    fld = r.choice(JSON_FIELDS)
    rec = {fld: val, ("note" if fld == "备注" else "备注"): r.choice(FILLERS)}
    if roll > 0.85:  # nested one level
        rec = {"收件信息": rec}
    return rec


def write_inputs(cases: list[Case], d: Path, formats, seed: int) -> dict[str, list[Case]]:
    """Write every case into one of the formats' files; returns file name -> its cases in record order."""
    r = random.Random(f"{seed}:write")
    d.mkdir(parents=True, exist_ok=True)
    files: dict[str, list] = {}
    by_trick: dict[str, int] = {}
    csv_files = [f"cases_header{i}.csv" for i in range(len(CSV_HEADERS))] + ["cases_noheader.csv"]
    for c in cases:
        k = by_trick.get(c.trick, 0)
        by_trick[c.trick] = k + 1
        c.fmt = formats[(k + len(c.trick)) % len(formats)]
        c.file = {"txt": "cases.txt", "json": "cases.json", "jsonl": "cases.jsonl"}.get(c.fmt) or r.choice(csv_files)
        files.setdefault(c.file, []).append(c)
    for fname, fc in files.items():
        path = d / fname
        for i, c in enumerate(fc):
            c.record = i
        if fname.endswith(".txt"):
            path.write_text("".join(txt_line(r, c) + "\n" for c in fc), encoding="utf-8")
        elif fname.endswith(".csv"):
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            if "header" in fname and "noheader" not in fname:
                w.writerow(CSV_HEADERS[int(fname[len("cases_header"):-4])])
            for c in fc:
                row = [r.choice(FILLERS) for _ in range(4)]
                col = r.randint(0, 4 - len(c.cells))
                row[col:col + len(c.cells)] = [str(x) for x in c.cells]
                w.writerow(row)
            path.write_text(buf.getvalue(), encoding="utf-8")
        elif fname.endswith(".jsonl"):
            path.write_text("".join(json.dumps(_json_record(r, c), ensure_ascii=False) + "\n" for c in fc),
                            encoding="utf-8")
        else:
            path.write_text(json.dumps([_json_record(r, c) for c in fc], ensure_ascii=False, indent=1),
                            encoding="utf-8")
    return files


def read_records(path: Path, n: int) -> list[str] | None:
    """The output's records as text, one per case, or None when they cannot be aligned."""
    text = path.read_text(encoding="utf-8", errors="replace")
    name = path.name
    try:
        if name.endswith(".txt"):
            recs = text.split("\n")
            if recs and recs[-1] == "":
                recs.pop()
        elif name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text)))
            if "noheader" not in name:
                rows = rows[1:]
            recs = ["|".join(row) for row in rows]
        elif name.endswith(".jsonl"):
            recs = []
            for line in text.split("\n"):
                if line.strip():
                    try:
                        recs.append(json.dumps(json.loads(line), ensure_ascii=False))
                    except ValueError:
                        recs.append(line)
        else:
            recs = [json.dumps(x, ensure_ascii=False) for x in json.loads(text)]
    except (ValueError, csv.Error, TypeError):
        return None
    return recs if len(recs) == n else None


def score_file(path: Path, cases: list[Case], preset: str) -> dict:
    """Mark each case leaked or not; returns facts about the file."""
    if not path.exists():
        for c in cases:
            c.leaked[preset] = None
        return {"output": False, "aligned": False, "leaks": 0}
    recs = read_records(path, len(cases))
    whole = None
    if recs is None:  # cannot align records: every value against the whole file (stricter)
        whole = normalise(path.read_text(encoding="utf-8", errors="replace"))
    leaks = 0
    for i, c in enumerate(cases):
        norm = whole if whole is not None else normalise(recs[i])
        c.leaked[preset] = any(p.leaked(norm, preset) for p in c.planted)
        if c.leaked[preset]:
            c.output[preset] = recs[i] if recs is not None else "(whole file)"
        leaks += c.leaked[preset]
    return {"output": True, "aligned": whole is None, "leaks": leaks}


def _strings(obj, out: set) -> None:
    """Every key and string value inside ``obj``."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(str(k))
            _strings(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _strings(v, out)
    elif isinstance(obj, str):
        out.add(obj)


def audit_plaintext(audit: Path, cases: list[Case]) -> int:
    """Planted values found whole (normalised) in the audit log's where/path/reason strings (the
    whole value, not its required parts: the log mixes all cases, and a part of one value, such as
    a room number, can appear in another case's masked key)."""
    if not audit.exists():
        return 0
    strings: set = set()
    for line in audit.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        for f in rec.get("findings") or []:
            if isinstance(f, dict):
                _strings(f.get("where"), strings)
        for k in ("input", "output"):
            if isinstance(rec.get(k), dict):
                _strings(rec[k].get("path"), strings)
        _strings(rec.get("reason"), strings)
    text = "\x00".join(normalise(s) for s in strings)
    return sum(p.whole in text for c in cases for p in c.planted)


# --------------------------------------------------------------------------------------------
# running waybill


def _run(cmd, env, cwd, timeout) -> tuple[int | None, str, float]:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)  # the group this call started (the CLI and its workers)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        return None, (err or "")[-2000:], time.perf_counter() - t0
    return p.returncode, (err or "")[-2000:], time.perf_counter() - t0


def run_env(base: Path) -> dict:
    """The environment the CLI runs in: a fixed audit key unless one is set, a home of its own."""
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    env["WAYBILL_HOME"] = str(base / "home")
    return env


def mask_dir(src: Path, base: Path, preset: str, workers: int, env: dict, timeout: float):
    """``waybill mask SRC -o BASE/out_PRESET --preset PRESET`` as a user runs it (a fresh output
    folder): (output folder, exit code or None on a timeout, stderr tail, seconds)."""
    out = base / f"out_{preset}"
    if out.exists():
        shutil.rmtree(out)
    rc, err, secs = _run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out),
                          "--preset", preset, "-q", "--workers", str(workers)], env, base, timeout)
    return out, rc, err, secs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="cases per trick (default 200)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--presets", default="share,dispose")
    ap.add_argument("--tricks", default="", help="comma-separated subset (default: all; see --list)")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--workers", type=int, default=1, help="waybill mask --workers")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per waybill run")
    ap.add_argument("--keep", type=Path, default=None, help="write inputs and outputs here and keep them")
    ap.add_argument("--show", type=int, default=0, help="print up to N leaked records (masked output) per trick")
    ap.add_argument("--json", nargs="?", const="-", default=None, metavar="FILE",
                    help="also dump the results as JSON to FILE (or standard output with no FILE)")
    ap.add_argument("--list", action="store_true", help="list the tricks and exit")
    a = ap.parse_args(argv)
    if a.list:
        for k, doc in TRICK_DOC.items():
            print(f"{k:<26} {doc}")
        return 0
    tricks = [t for t in a.tricks.split(",") if t] or list(TRICKS)
    unknown = [t for t in tricks if t not in TRICKS]
    formats = [f for f in a.formats.split(",") if f]
    presets = [p for p in a.presets.split(",") if p]
    unknown += [f for f in formats if f not in FORMATS] + [p for p in presets if p not in ("share", "dispose")]
    if unknown or not (formats and presets):
        ap.error(f"unknown or missing trick/format/preset: {', '.join(unknown) or '(empty list)'}")

    t0 = time.perf_counter()
    cases = generate(a.seed, a.n, tricks)
    gen_s = time.perf_counter() - t0
    base = a.keep or Path(tempfile.mkdtemp(prefix="waybill-evasion-"))
    src = base / "cases"
    if src.exists():
        shutil.rmtree(src)
    files = write_inputs(cases, src, formats, a.seed)
    env = run_env(base)
    runs = {}
    try:
        for preset in presets:
            out, rc, err, secs = mask_dir(src, base, preset, a.workers, env, a.timeout)
            info = {"exit": rc, "seconds": round(secs, 2), "files": {}, "stderr": err.strip()[-500:]}
            for fname, fc in files.items():
                o = out / src.name / fname
                facts = score_file(o, fc, preset)
                if facts["output"]:
                    vrc, _, _ = _run([sys.executable, "-m", "waybill", "verify", str(o), "--preset", preset], env,
                                      base, a.timeout)
                    facts["verify_exit"] = vrc
                info["files"][fname] = facts
            info["audit_plaintext"] = audit_plaintext(out / "audit.jsonl", cases)
            runs[preset] = info
    finally:
        if a.keep is None:
            shutil.rmtree(base, ignore_errors=True)

    report = build_report(a, cases, tricks, presets, formats, runs, gen_s)
    print_report(report, cases, presets, a.show, base if a.keep else None)
    if a.json:
        dump = json.dumps(report, ensure_ascii=False, indent=1)
        if a.json == "-":
            print(dump)
        else:
            Path(a.json).write_text(dump + "\n", encoding="utf-8")
    bad = report["totals"]
    return 1 if any(bad[p]["leaked"] or bad[p]["failed"] or runs[p]["audit_plaintext"] for p in presets) else 0


def _count(cases, preset):
    leaked = sum(1 for c in cases if c.leaked.get(preset))
    failed = sum(1 for c in cases if c.leaked.get(preset) is None)
    return {"leaked": leaked, "failed": failed,
            "leak_pct": round(100 * leaked / len(cases), 2) if cases else 0.0}


def build_report(a, cases, tricks, presets, formats, runs, gen_s) -> dict:
    rows = []
    for t in tricks:
        tc = [c for c in cases if c.trick == t]
        rows.append({"trick": t, "cases": len(tc), **{p: _count(tc, p) for p in presets}})
    by_format = []
    for f in formats:
        fc = [c for c in cases if c.fmt == f]
        by_format.append({"format": f, "cases": len(fc), **{p: _count(fc, p) for p in presets}})
    return {"seed": a.seed, "n": a.n, "generate_seconds": round(gen_s, 2), "rows": rows, "by_format": by_format,
            "totals": {"cases": len(cases), **{p: _count(cases, p) for p in presets}}, "runs": runs}


def print_report(rep: dict, cases, presets, show: int, kept: Path | None) -> None:
    head = f"{'trick':<26}{'cases':>6}" + "".join(f" | {p + ' leaked':>15}{'leak%':>7}" for p in presets)
    print(head)
    print("-" * len(head))

    def line(label, n, stats):
        cells = ""
        for p in presets:
            s = stats[p]
            lk = f"{s['leaked']}" + (f" ({s['failed']} failed)" if s["failed"] else "")
            cells += f" | {lk:>15}{s['leak_pct']:>6.1f}%"
        print(f"{label:<26}{n:>6}{cells}")

    for r in rep["rows"]:
        line(r["trick"], r["cases"], r)
    print("-" * len(head))
    line("TOTAL", rep["totals"]["cases"], rep["totals"])
    print()
    print(f"{'format':<26}{'cases':>6}" + "".join(f" | {p + ' leaked':>15}{'leak%':>7}" for p in presets))
    for r in rep["by_format"]:
        line(r["format"], r["cases"], r)
    print()
    for p in presets:
        run = rep["runs"][p]
        parts = []
        for fname, f in run["files"].items():
            if not f["output"]:
                parts.append(f"{fname}: no output")
                continue
            v = f.get("verify_exit")
            verdict = ("ok" if (v == 7) == (f["leaks"] > 0) else "MISSED" if f["leaks"]
                       else "(verify found more than this scorer)" if v == 7 else "")
            parts.append(f"{fname}: {f['leaks']} leaks, verify exit {v} {verdict}"
                         + ("" if f["aligned"] else " (records not aligned: scored on the whole file)"))
        print(f"{p}: mask exit {run['exit']} in {run['seconds']} s; audit log plaintext values: "
              f"{run['audit_plaintext']}")
        for s in parts:
            print(f"  {s}")
        if run["exit"] not in (0,) and run["stderr"]:
            print("  stderr: " + run["stderr"].replace("\n", "\n          "))
    if show:
        print()
        for p in presets:
            shown: dict = {}
            for c in cases:
                if c.leaked.get(p) and shown.get(c.trick, 0) < show:
                    shown[c.trick] = shown.get(c.trick, 0) + 1
                    print(f"[{p}] {c.trick}{'/' + c.note if c.note else ''} {c.file}#{c.record}: "
                          f"in {c.text()!r} -> out {c.output.get(p)!r}")
    if kept:
        print(f"\ninputs and outputs kept in {kept}")


if __name__ == "__main__":
    sys.exit(main())
