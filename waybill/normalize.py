"""One normalised form of a text for the detectors, with a map back to the original characters.

People (and attackers) write the same phone number, name or address in many ways: full-width
digits, zero-width characters or soft hyphens between digits, traditional characters, Chinese
numerals read digit by digit, several code points for the middle dot of a minority name. The
detectors see one clean form:

- characters that are invisible or only break words (zero-width space/joiners, word joiner, BOM,
  soft hyphen, Mongolian vowel separator) are removed;
- every character goes through Unicode NFKC (full-width forms, compatibility ideographs, ``＠``);
- traditional Chinese becomes simplified through OpenCC (``t2s``), a maintained conversion table;
- every middle-dot look-alike (U+00B7, U+2022, U+2027, U+30FB, U+FF65, U+2219, U+22C5) becomes
  U+00B7 (``·``);
- a run of four or more Chinese numerals (``一三九一二三四五六七八``, ``幺``, ``两``, ``〇``/``零``,
  financial forms ``壹贰叁``), possibly mixed with digits, is read digit by digit;
- a letter and the combining accents after it normalise as one (text written decomposed, NFD,
  composes); an accent no precomposed letter has, and a spacing accent between two letters
  (``N˜zamett˜n``), are dropped, an acute there read as an apostrophe (``O´Brien``);
- Cyrillic and Greek letters that look like Latin ones are read as Latin inside a word that also
  holds Latin letters (``Ѕіobhán``); wholly Cyrillic or Greek words stay;
- a run of up to four symbols or non-ASCII punctuation marks between two digits (``138★1234★5678``,
  ``138🙂1234🙂5678``, ``138、1234、5678``, ``555~123~4567``) is read as one dash, a digit run's
  separator; emoji presentation selectors and the keycap mark (``1️⃣``) are removed;
- symbols and emoji beside a Chinese character (``王🌟小明``, ``刘超♥ 138...``) are removed, and so are
  the fillers of a letter-spaced run of single Chinese characters and digits (``王 小 明``,
  ``王.小.明``, ``浙 江 省 杭 州 市``: three or more, one filler between each).

- the decimal digits of every script (Arabic-Indic, Persian, Devanagari, Bengali, Thai...) read as
  ASCII digits: '١٣٩١٢٣٤٥٦٧٨' is a mobile number to anyone who reads it;
- text written escaped is read as the characters it stands for: JSON / JavaScript / Python
  ``\\u`` escapes (``\\u5f20\\u4f1f``, doubled backslashes, surrogate pairs, escaped quotes), HTML and
  XML character references (``&#24352;``, ``&#x5F20;``, ``&nbsp;``), percent-encoded, ``\\x``-, octal- and
  quoted-printable-escaped UTF-8 bytes (``%E5%BC%A0``, ``\\xe5\\xbc\\xa0``, ``=E5=BC=A0``), MIME encoded
  words (``=?UTF-8?B?5byg5Lyf?=``) and base64 JSON (``eyJ...``, a JWT's payload), escapes inside them
  too: a web log, a mail, or a JSON payload kept as a string in an export shows a name so, and anyone
  reading the raw text reads the name. A finding over such a span is masked whole (``Mapped.coded``);
- markup is read as what it shows: a tag is a separator, an element's name labels its content, an
  attribute reads as ``key: value`` (``<td>张伟</td>``, ``<name>张伟</name>``, ``<to name="张伟"/>``).

``letters_as_digits`` (used by ``detect_text``, on ASCII text too) reads O, o, l and I as digits
inside a phone-shaped run (``+49 l5l2 3457l38``).

``normalize`` returns the normal form and, when it differs from the original, ``starts`` and
``ends``: for every normal-form character the original span it came from, so that a finding on the
normal form masks exactly the original characters (``Mapped.span``).
"""
from __future__ import annotations

import base64
import binascii
import quopri
import re
from .lazy_re import lazy
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

# the scripts without capitals (Hebrew, Arabic, Indic, Thai, Lao, Georgian, Armenian, Myanmar, Ethiopic,
# Khmer): a character class body shared by the detector, the masking of their names and row names
UNCASED_SCRIPTS = ("\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u0dff\u0e00-\u0e7f\u0e80-\u0eff"
                   "\u10a0-\u10ff\u0530-\u058f\u1200-\u137f\u1780-\u17ff\u1000-\u109f")

# the letters of the right-to-left scripts (Hebrew; Arabic and the scripts written in its letters): a
# character class body (a word of them is laid out from the right: ``ocr.align_tokens``)
RTL_LETTERS = "\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f"

# removed outright: they render as nothing but break a digit run or a word
# (and the bidirectional marks, embeddings, overrides and isolates, which Hebrew and Arabic systems
# write around numbers and names so that they show the right way round: '055\u200f1234567',
# '138\u202e1234\u202c5678' and 'John\u200f Smith' after a label stood whole in text; found by hand,
# 2026-12-07 night)
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064\u034f"
                      "\ufe0e\ufe0f\u20e3"  # (text/emoji presentation selectors, the keycap mark)
                      "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
DOTS = frozenset("\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5\u0387\u16eb\u2e31")
DIGIT_OF = {
    "零": "0", "〇": "0", "○": "0", "洞": "0", "一": "1", "幺": "1", "壹": "1", "二": "2", "两": "2", "贰": "2",
    "貳": "2", "兩": "2", "三": "3", "叁": "3", "參": "3", "参": "3", "叄": "3", "四": "4", "肆": "4", "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6", "七": "7", "柒": "7", "拐": "7", "八": "8", "捌": "8", "九": "9", "玖": "9",
    "勾": "9",
}
# characters read as digits only inside a long numeral run (they are also ordinary words)
_WEAK = frozenset("洞拐勾两兩幺参")
_NUM_CLASS = "[0-9%s]" % "".join(DIGIT_OF)
_ANY_NUMERAL = lazy("[%s]" % "".join(DIGIT_OF))
# digits and numerals, possibly in groups split by one space, dot or dash ("零零捌陆 壹柒叁 柒伍玖贰")
_NUMERAL_RUN = lazy(f"{_NUM_CLASS}(?:[ .\\-]?{_NUM_CLASS}){{3,}}")
# combining diacritics (U+0300-U+036F) and the spacing forms of accents (NFKC makes those a space
# and a combining mark): see ``_slow``
COMBINING = frozenset(chr(c) for c in range(0x300, 0x370))
SPACING_ACCENTS = frozenset("\u00a8\u00af\u00b4\u00b8\u02d8\u02d9\u02da\u02db\u02dc\u02dd\u0384\u0385"
                            "\u1fbd\u1fbf\u1fc0\u1fc1\u1fcd\u1fce\u1fcf\u1fdd\u1fde\u1fdf\u1fed\u1fee\u1ffd\u1ffe")
# (an acute written between letters stands for an apostrophe: 'O´Brien', 'D´Alia')
_ACUTES = frozenset("\u00b4\u0384\u1ffd")
# Cyrillic and Greek letters that look like Latin ones (from Unicode's confusables): inside a word
# that also holds Latin letters they are read as Latin ('Ѕіobhán Lаurеnt' written with Cyrillic
# Ѕ і а е, '14 Сhеѕtnut Street'); a word wholly Cyrillic or Greek stays as written
LOOKALIKES = {**dict(zip("аеорсхуіјѕԁԛԝһӏАВЕКМНОРСТХЅІЈԌԚԜҮ", "aeopcxyijsdqwhlABEKMHOPCTXSIJGQWY")),
              **dict(zip("οαικνρτυϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oaikvptujABEZHIKMNOPTYX"))}
_TO_LATIN = str.maketrans(LOOKALIKES)
# decimal digits of other scripts (NFKC keeps them; full-width and mathematical digits it maps itself)
OTHER_DIGITS = {chr(c): str(unicodedata.decimal(chr(c))) for c in range(0x80, 0x10000)
                if unicodedata.category(chr(c)) == "Nd" and unicodedata.normalize("NFKC", chr(c)) == chr(c)}
_TO_ASCII_DIGITS = str.maketrans(OTHER_DIGITS)
_MIXED_WORD = lazy("[^\\W\\d_]*(?:[A-Za-z][^\\W\\d_]*[%s]|[%s][^\\W\\d_]*[A-Za-z])[^\\W\\d_]*"
                         % ((re.escape("".join(LOOKALIKES)),) * 2))
_ODD = lazy("[%s%s%s%s%s]" % ("".join(sorted(INVISIBLE)), "".join(sorted(DOTS - {"\u00b7"})),
                                    "\u0300-\u036f", "".join(sorted(SPACING_ACCENTS)), "".join(sorted(LOOKALIKES))))
_CJK = lazy("[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - a required dependency
        return None
    return opencc.OpenCC("t2s")


# characters that are also correct simplified forms of their own and name real places or people:
# OpenCC reads 乾 as 干, but 乾县 and 乾安县 are counties (and 於 is a surname)
_KEEP = frozenset("乾於")
# the characters OpenCC's t2s changes, as OpenCC gave them (``build_traditional_chars``) for the
# version named on the file's first line: reading them is cheaper than asking OpenCC again in every
# process; another OpenCC version is asked (tests/test_detectors.py checks the file)
TRAD_FILE = Path(__file__).parent / "data" / "t2s_changed.txt"
# the ranges asked: CJK Extension A, Unified Ideographs, Compatibility Ideographs, Extension B
_CJK_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))


def build_traditional_chars() -> frozenset:
    """Every character that OpenCC's t2s changes on its own (asked of OpenCC block by block, so
    that no 70,000-character string is built), less ``_KEEP``."""
    conv = _t2s()
    if conv is None:  # pragma: no cover - a required dependency
        return frozenset()
    changed = set()
    for lo, hi in _CJK_RANGES:
        for a in range(lo, hi, 4096):
            block = array("I", range(a, min(hi, a + 4096))).tobytes().decode("utf-32-le")
            out = conv.convert(block)
            if len(out) != len(block):  # pragma: no cover - a phrase rule fired across neighbours
                out = "".join(conv.convert(c) for c in block)
            changed.update(x for x, y in zip(block, out) if x != y)
    return frozenset(changed - _KEEP)


def opencc_version() -> str | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a required dependency
        return None
    v = getattr(opencc, "__version__", None)
    if not v:  # pragma: no cover - older builds
        try:
            from importlib.metadata import version

            v = version("opencc")
        except Exception:
            return None
    return str(v)


def write_traditional_file(path: Path = TRAD_FILE) -> None:
    """Write the file ``traditional_chars`` reads (after an OpenCC upgrade)."""
    chars = "".join(sorted(build_traditional_chars()))
    path.write_text(f"opencc {opencc_version()}\n{chars}\n", encoding="utf-8")


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset:
    """The characters t2s changes: from ``TRAD_FILE`` when it was written for the installed OpenCC,
    else asked of OpenCC (built once per process)."""
    version = opencc_version()
    if version is None:  # pragma: no cover - a required dependency
        return frozenset()
    try:
        head, chars = TRAD_FILE.read_text(encoding="utf-8").split("\n", 2)[:2]
    except (OSError, ValueError):  # pragma: no cover - a broken install
        head, chars = "", ""
    if head == f"opencc {version}" and chars:
        return frozenset(chars) - _KEEP
    return build_traditional_chars()


def to_simplified(text: str) -> str:
    if traditional_chars().isdisjoint(text):
        return text
    out = _t2s().convert(text)
    if len(out) == len(text) and any(c in _KEEP for c in text):
        out = "".join(a if a in _KEEP else b for a, b in zip(text, out))
    return out


class Mapped:
    """A normal form and its map to the original text."""

    __slots__ = ("text", "original", "starts", "ends", "coded", "_reach")

    def __init__(self, text: str, original: str, starts: list[int] | None, ends: list[int] | None,
                 coded: tuple = ()):
        self.text, self.original, self.starts, self.ends = text, original, starts, ends
        # the original spans written escaped or encoded (a finding over one is masked whole: a base64
        # token or an escape with some of its characters starred would still decode), by start
        self.coded = tuple(sorted(coded)) if coded else ()
        self._reach = None  # the furthest end of the spans up to each one (made when first asked)

    @property
    def identity(self) -> bool:
        return self.text is self.original or self.text == self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normal-form characters ``start:end`` (end exclusive)."""
        if self.starts is None:
            return start, end
        if start >= end:
            p = self.starts[start] if start < len(self.starts) else len(self.original)
            return p, p
        return self.starts[start], self.ends[end - 1]

    def encoded(self, start: int, end: int) -> bool:
        """Whether the original span ``start:end`` meets a span written escaped or encoded."""
        coded = self.coded
        if not coded:
            return False
        if self._reach is None:
            reach, far = [], 0
            for _, b in coded:
                far = max(far, b)
                reach.append(far)
            self._reach = reach
        k = bisect_left(coded, (end,))  # the spans that start before ``end``
        return k > 0 and self._reach[k - 1] > start

    def offset(self, start: int, rel: int) -> int:
        """An offset ``rel`` into a normal-form finding at ``start``, as an offset into its original
        span (for metadata such as the length of a country code)."""
        if self.starts is None or rel <= 0:
            return rel
        a = self.starts[start]
        i = start + rel
        if i >= len(self.starts):
            return len(self.original) - a
        return self.starts[i] - a


def any_change_chars() -> frozenset:
    """Every character the normaliser may change in NFKC-normal text: invisible characters, dot
    look-alikes, traditional characters, Chinese numerals, combining and spacing accents, Cyrillic
    and Greek look-alikes of Latin letters."""
    return frozenset(INVISIBLE) | (DOTS - {"\u00b7"}) | frozenset(DIGIT_OF) | traditional_chars() | COMBINING \
        | SPACING_ACCENTS | frozenset(LOOKALIKES) | frozenset(OTHER_DIGITS)


_GATE: re.Pattern | None = None
_WORD_GATE: re.Pattern | None = None


def _char_class(chars) -> str:
    """A character class of ``chars`` (as ranges) in the Basic Multilingual Plane, and every
    character beyond it (rare; those texts take the full path). A class of characters beyond the
    BMP is matched item by item; this one is a table lookup per character."""
    codes = sorted(ord(c) for c in chars if ord(c) < 0x10000)
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)
    return f"[{body}\U00010000-\U0010ffff]"


def _gate() -> re.Pattern:
    """Any character of ``any_change_chars``."""
    global _GATE, _WORD_GATE
    if _GATE is None:
        chars = any_change_chars()
        # the same without the numerals that are ordinary simplified characters too (四 of 四川,
        # 陆 the surname): those change only inside a run of four numerals (``_numerals``), which
        # ``is_normal`` tests on its own
        _WORD_GATE = re.compile(_char_class(chars - (frozenset(DIGIT_OF) - traditional_chars())))
        _GATE = re.compile(_char_class(chars))
    return _GATE


# a digit and a symbol or punctuation mark after it that is not ASCII (or '~'): a separator
# ``_digit_separators`` may read as a dash (a cheap test; the full one runs in ``_slow``)
# (or a Chinese numeral: '壹叁捌—肆陆伍叁—...')
_SYMBOL_AFTER_DIGIT = lazy(r"[\d%s][^\w\s\x00-\x7d]" % "".join(DIGIT_OF))
_TILDE_SEP = lazy(r"\d~+\d")
_LONG_MARK_SEP = lazy(r"\d[ーｰ]\d")
# a star between the groups of a whole number ('微信同号139*1234*5678': one star each, never a mask's
# run; found by hand, it stood whole as if masked): read as a dash
_STAR_SEP = lazy(r"\d[*＊]\d")
def _star_sep(text: str) -> bool:
    """Whether a star stands between two digits (two C-level scans first: most texts hold none)."""
    return ("*" in text or "＊" in text) and _STAR_SEP.search(text) is not None


_STAR_GROUPS = lazy(r"(?<![\d*＊])\+?\d{2,5}(?:[*＊]\d{2,5}){1,4}(?![\d*＊])")
# a word written letter by letter, one space between ('J o h n  S m i t h', 'S m i t h'): four
# letters or more; read as the word (found by hand: the given name stood, spaced out)
_SPACED_LATIN = lazy(r"(?<![^\W\d_])[^\W\d_](?: [^\W\d_]){3,}(?![^\W\d_])")
_FILLER_SYMBOLS = "\u2190-\u21ff\u2300-\u23ff\u2500-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_HAN = "\u3400-\u9fff"
# a symbol or an emoji beside a Chinese character, or a letter-spaced run (a Chinese character,
# a filler, another, the same filler, a third): what ``_cjk_fillers`` takes out (a cheap test)
# (a slash, a bar or a plus between them too: '收件人：王/小/明' stood; found by hand)
_CJK_FILLER = lazy(rf"[{_HAN}][{_FILLER_SYMBOLS}]|[{_FILLER_SYMBOLS}][{_HAN}]|(?<![{_HAN}])[{_HAN}]([ .\-_~\u3000/／|｜+\\])[{_HAN}0-9]\1[{_HAN}0-9](?![{_HAN}])")
_FILLER_SYMBOL = lazy(rf"[{_FILLER_SYMBOLS}]")


# text written escaped (see the module docstring): a run of JSON/JavaScript '\u' escapes (any number
# of backslashes before each: a JSON string inside a JSON string doubles them), of HTML/XML numeric
# character references, of percent-encoded or '\x'-escaped bytes, or one named reference
_ESCAPES = lazy(r"(?:\\+u[0-9A-Fa-f]{4})+|(?:&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});)+|(?:%[0-9A-Fa-f]{2})+"
                      r"|(?:\\x[0-9A-Fa-f]{2})+|&(?:nbsp|amp|lt|gt|quot|apos|middot);|\\+[\"'/nrt]"
                      # (octal-escaped bytes, as shells and git quote a file name: '\345\274\240'; quoted-
                      # printable bytes of a mail body, two or more: '=E5=BC=A0'; a MIME encoded word of a
                      # mail header: '=?UTF-8?B?5byg5Lyf?=')
                      r"|(?:\\[0-7]{3})+|(?:=[0-9A-F]{2}){2,}|=\?[A-Za-z0-9_\-]{1,40}\?[BbQq]\?[^?\s]{1,1000}\?="
                      # (a JSON object in base64: a JWT's payload, a logged request body; '{"' encodes as
                      # 'eyJ', so nothing else starts so)
                      r"|(?<![A-Za-z0-9+/_\-])eyJ[A-Za-z0-9+/_\-]{5,4000}={0,2}")
# (a quote, slash or control character escaped: '{\"name\":\"张伟\"}' read as the JSON it is)
_CONTROL = {"n": "\n", "r": "\r", "t": "\t"}
_ESCAPE_UNIT = lazy(r"\\+u([0-9A-Fa-f]{4})|&#([0-9]{1,7});|&#[xX]([0-9A-Fa-f]{1,6});|%([0-9A-Fa-f]{2})"
                          r"|\\x([0-9A-Fa-f]{2})|\\([0-7]{3})|=([0-9A-F]{2})")
_NAMED = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&middot;": "·"}


# markup around values (an HTML table or an XML record pasted into a text export or a cell):
# '<td>张伟</td><td>138...</td>', '<name>张伟</name>', '<recipient name="张伟" phone="138..."/>' hid the
# name from every reader of labels and neighbours (found by hand, probing forms people write). In a
# text that closes a tag, a tag reads as a tab (a separator), an element's own name as a label before
# its content ('name: 张伟'), an attribute as 'name: 张伟' between tabs; layout tags are separators only
_TAG = lazy(r"<(/?)([A-Za-z][\w:.\-]{0,40})((?:\s+[^<>]{0,2000}?)?)\s{0,40}(/?)>")
_ATTR = lazy(r"([A-Za-z_][\w:.\-]{0,40})\s{0,9}=\s{0,9}(?:\"([^\"]*)\"|'([^']*)')")
_LAYOUT_TAGS = frozenset(
    "html head body table thead tbody tfoot tr td th div span p br hr b i u s em strong small big font a ul ol "
    "li dl dt dd label section article header footer main nav pre code center col colgroup caption img input "
    "form option select textarea button h1 h2 h3 h4 h5 h6 sup sub mark q cite abbr time address blockquote "
    "figure figcaption summary details tt".split())


def _marked_up(text: str) -> bool:
    """Whether ``text`` holds markup ``_markup`` reads: a closing or self-closing tag."""
    return ("</" in text or "/>" in text) and _TAG.search(text) is not None


def _markup(text: str) -> tuple[str, list[int], list[int]] | None:
    """``text`` with its tags read as separators and labels (see ``_TAG``), and for every character
    of the result the span of ``text`` it came from; None when it holds no tag."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chars: str, a: int, b: int) -> None:
        for c in chars:
            out.append(c)
            starts.append(a)
            ends.append(b)

    def plain(a: int, b: int) -> None:
        for k in range(a, b):
            out.append(text[k])
            starts.append(k)
            ends.append(k + 1)

    pos = 0
    found = False
    for m in _TAG.finditer(text):
        found = True
        plain(pos, m.start())
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if not closing and attrs.strip() and "=" not in attrs and name.lower() not in _LAYOUT_TAGS:
            plain(m.start(), m.end())  # ('<John Smith>' is a name in brackets, not a tag with attributes)
            continue
        # (an element that holds other elements, '<contact><name>...', labels nothing: 'contact: name'
        # read the next element's name as a person's)
        # (nor an element after a label of its own: 'Ship to: <name>John Smith</name>' read the tag's
        # word as the name after the label, and masked it, '<n***>'; evasion seed 40)
        if closing or (not attrs.strip() and (m.group(4) or name.lower() in _LAYOUT_TAGS
                                              or text[m.end():m.end() + 200].lstrip().startswith("<")
                                              or "".join(out[-24:]).rstrip().endswith((":", "：")))):
            emit("\t", m.start(), m.end())
            continue
        if not attrs.strip():  # '<name>': the element's name labels its content
            emit("\t", m.start(), m.start(2))
            plain(m.start(2), m.end(2))
            emit(": ", m.end(2), m.end())
            continue
        emit("\t", m.start(), m.start(3))
        at = m.start(3)
        for a in _ATTR.finditer(text, m.start(3), m.end(3)):
            emit(" ", at, a.start())
            plain(a.start(1), a.end(1))
            v = 2 if a.group(2) is not None else 3
            emit(": ", a.end(1), a.start(v))
            plain(a.start(v), a.end(v))
            emit("\t", a.end(v), a.end())
            at = a.end()
        emit("\t", at, m.end())
    if not found:
        return None
    plain(pos, len(text))
    return "".join(out), starts, ends


def _readable(text: str) -> tuple[str, list[int], list[int], tuple] | None:
    """``text`` with its escapes and markup read (``_unescape``, then ``_markup``: an HTML export
    escaped once more, '&lt;td&gt;Jane Doe&lt;/td&gt;', holds tags too), with its map back to
    ``text``; None when there is nothing to read."""
    first = _unescape(text) if _escaped(text) else None
    # (an escape inside what an escape held: a base64 JSON body with '\u' escapes in it; two more
    # readings at most)
    for _ in range(2):
        if first is None or not _escaped(first[0]):
            break
        again = _unescape(first[0])
        if again is None:
            break
        s1, e1 = first[1], first[2]
        first = (again[0], [s1[a] for a in again[1]], [e1[b - 1] for b in again[2]],
                 first[3] + tuple((s1[a], e1[b - 1]) for a, b in again[3]))
    inner = first[0] if first is not None else text
    second = _markup(inner) if _marked_up(inner) else None
    if second is None:
        return first
    if first is None:
        return second[0], second[1], second[2], ()
    s1, e1 = first[1], first[2]
    return second[0], [s1[a] for a in second[1]], [e1[b - 1] for b in second[2]], first[3]


def _escaped(text: str) -> bool:
    """Whether ``text`` holds an escape ``_unescape`` reads (C-level scans first)."""
    return ("\\" in text or "&" in text or "%" in text or "=" in text or "eyJ" in text) \
        and _ESCAPES.search(text) is not None


def _utf8(units: list) -> list:
    """Byte units (start, end, byte) as characters (start, end, char): a valid UTF-8 sequence
    becomes its character; a byte that starts none stays as the characters it was written with
    (None)."""
    out = []
    i, n = 0, len(units)
    while i < n:
        b = units[i][2]
        size = 1 if b < 0x80 else 2 if 0xC2 <= b < 0xE0 else 3 if 0xE0 <= b < 0xF0 else 4 if 0xF0 <= b < 0xF5 else 0
        if size and i + size <= n:
            try:
                ch = bytes(u[2] for u in units[i:i + size]).decode("utf-8")
            except UnicodeDecodeError:
                ch = None
            if ch is not None and len(ch) == 1:
                out.append((units[i][0], units[i + size - 1][1], ch))
                i += size
                continue
        out.append((units[i][0], units[i][1], None))
        i += 1
    return out


def _encoded_word(run: str) -> str | None:
    """The text of a MIME encoded word ('=?UTF-8?B?5byg5Lyf?='), or None where it is not one."""
    try:
        charset, kind, body = run[2:-2].split("?", 2)
        raw = base64.b64decode(body + "=" * (-len(body) % 4)) if kind in "Bb" else \
            quopri.decodestring(body.replace("_", " ").encode("ascii"), header=True)
        return raw.decode(charset) or None
    except (ValueError, LookupError, UnicodeError, binascii.Error):
        return None


def _base64_json(run: str) -> str | None:
    """The text of a base64 (or base64url) JSON object ('eyJuYW1lIjoi...'), or None."""
    try:
        body = run.rstrip("=").replace("-", "+").replace("_", "/")
        text = base64.b64decode(body + "=" * (-len(body) % 4), validate=True).decode("utf-8")
    except (ValueError, UnicodeError, binascii.Error):
        return None
    return text if text.startswith("{") else None


def _unescape(text: str) -> tuple[str, list[int], list[int], tuple] | None:
    """``text`` with its escapes read (see ``_ESCAPES``), and for every character of the result the
    span of ``text`` it came from; None when nothing was read. What is not a valid character (a lone
    surrogate, a byte sequence that is no UTF-8) stays as written."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    coded: list[tuple[int, int]] = []
    pos = 0
    changed = False

    def plain(a: int, b: int) -> None:
        for k in range(a, b):
            out.append(text[k])
            starts.append(k)
            ends.append(k + 1)

    for m in _ESCAPES.finditer(text):
        coded.append(m.span())
        plain(pos, m.start())
        pos = m.end()
        run = m.group()
        if run in _NAMED or (run[0] == "\\" and run[-1] in "\"'/nrt"):
            out.append(_NAMED[run] if run in _NAMED else _CONTROL.get(run[-1], run[-1]))
            starts.append(m.start())
            ends.append(m.end())
            changed = True
            continue
        if run.startswith(("=?", "eyJ")):  # a MIME encoded word or base64 JSON: each character spans all of it
            word = _encoded_word(run) if run[0] == "=" else _base64_json(run)
            if word:
                for ch in word:
                    out.append(ch)
                    starts.append(m.start())
                    ends.append(m.end())
                changed = True
            else:
                plain(m.start(), m.end())
            continue
        units = [(u.start(), u.end(), u) for u in _ESCAPE_UNIT.finditer(text, m.start(), m.end())]
        if units[0][2].group(6) is not None:  # octal bytes
            chars = _utf8([(a, b, int(u.group(6), 8)) for a, b, u in units])
            if all(ch is None or ch.isascii() for _, _, ch in chars):  # ('\101' is no byte run people write)
                chars = [(a, b, None) for a, b, _ in chars]
        elif units[0][2].group(7) is not None:  # quoted-printable bytes: only where they spell non-ASCII
            chars = _utf8([(a, b, int(u.group(7), 16)) for a, b, u in units])
            if all(ch is None or ch.isascii() for _, _, ch in chars):
                chars = [(a, b, None) for a, b, _ in chars]
        elif units[0][2].group(4) is not None or units[0][2].group(5) is not None:  # bytes
            chars = _utf8([(a, b, int(u.group(4) or u.group(5), 16)) for a, b, u in units])
        else:
            chars = []
            k = 0
            while k < len(units):
                a, b, u = units[k]
                code = int(u.group(1), 16) if u.group(1) else int(u.group(2)) if u.group(2) else int(u.group(3), 16)
                if 0xD800 <= code < 0xDC00 and k + 1 < len(units) and units[k + 1][2].group(1):
                    low = int(units[k + 1][2].group(1), 16)
                    if 0xDC00 <= low < 0xE000:  # a surrogate pair: one character
                        chars.append((a, units[k + 1][1], chr(0x10000 + ((code - 0xD800) << 10) + low - 0xDC00)))
                        k += 2
                        continue
                ok = code < 0x110000 and not 0xD800 <= code < 0xE000
                chars.append((a, b, chr(code) if ok else None))
                k += 1
        for a, b, ch in chars:
            if ch is None:
                plain(a, b)
            else:
                out.append(ch)
                starts.append(a)
                ends.append(b)
                changed = True
    if not changed:
        return None
    plain(pos, len(text))
    return "".join(out), starts, ends, tuple(coded)


def is_normal(text: str) -> bool:
    """Whether ``text`` certainly is its own normal form (a cheap test, no copy: ASCII, or NFKC with
    no character the normaliser may change). False says only that ``normalize`` must decide."""
    # (escapes and markup: ``_escaped`` and ``_marked_up`` written out, one call less per text)
    if ("\\" in text or "&" in text or "%" in text or "=" in text or "eyJ" in text) and _ESCAPES.search(text) is not None \
            or ("</" in text or "/>" in text) and _TAG.search(text) is not None:
        return False
    if text.isascii():
        return ("~" not in text or _TILDE_SEP.search(text) is None) and ("*" not in text or _STAR_SEP.search(text) is None) \
            and (" " not in text or "@" in text
                                                                        or _SPACED_LATIN.search(text) is None)
    if _WORD_GATE is None:
        _gate()
    return unicodedata.is_normalized("NFKC", text) and _WORD_GATE.search(text) is None \
        and (_ANY_NUMERAL.search(text) is None or _numerals(text) is text) \
        and (text.isalnum() or _SYMBOL_AFTER_DIGIT.search(text) is None and _CJK_FILLER.search(text) is None
             and _SPACED_LATIN.search(text) is None and not _star_sep(text)) \
        and ("ー" not in text and "ｰ" not in text or _LONG_MARK_SEP.search(text) is None)
    # (letters and digits only: no mark, no filler)


def normalize(text: str) -> Mapped:
    """The normal form of ``text`` (see the module docstring) with its map back."""
    if _escaped(text) or _marked_up(text):
        return _slow(text)
    if text.isascii():
        if "~" in text and _TILDE_SEP.search(text) is not None or "*" in text and _STAR_SEP.search(text) is not None \
                or " " in text and "@" not in text and _SPACED_LATIN.search(text) is not None:
            return _slow(text)
        return Mapped(text, text, None, None)
    nfkc = unicodedata.is_normalized("NFKC", text)
    sep = not text.isalnum() and (_SYMBOL_AFTER_DIGIT.search(text) is not None or _CJK_FILLER.search(text) is not None
                                  or _SPACED_LATIN.search(text) is not None or _star_sep(text)) \
        or ("ー" in text or "ｰ" in text) and _LONG_MARK_SEP.search(text) is not None
    if nfkc and not sep and (_GATE or _gate()).search(text) is None:
        return Mapped(text, text, None, None)  # the common case: nothing to change
    if nfkc and not sep and not _ODD.search(text):
        # the common case: no character changes length, so offsets stay as they are
        norm = text.translate(_TO_ASCII_DIGITS)
        if _CJK.search(text):
            simp = to_simplified(norm)
            if len(simp) == len(text):
                norm = _numerals(simp)
            else:
                return _slow(text)
        return Mapped(norm, text, None, None)
    return _slow(text)


def _latin(c: str) -> bool:
    """A letter of an alphabet whose accents are combining diacritics (Latin, Greek, Cyrillic)."""
    return c.isalpha() and (ord(c) < 0x530 or 0x1e00 <= ord(c) < 0x2000)


def _slow(text: str) -> Mapped:
    """Character by character, a letter and the combining marks after it as one: text written
    decomposed (NFD, as macOS files often are: 'Mu\u0308ller') composes ('Müller'); an accent no
    precomposed letter has ('z\u0303') and a spacing accent between two letters ('N˜zamett˜n',
    'Jo¨rg') are dropped, an acute there read as an apostrophe ('O´Brien'): NFKC would split the
    word at a space before a combining mark, and no reader would see the name or street whole."""
    original = text
    read = _readable(text)
    if read is not None:
        text = read[0]  # (the spans below are into this text; mapped to the original at the end)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, size = 0, len(text)
    while i < size:
        c = text[i]
        j = i + 1
        if c in INVISIBLE:
            i = j
            continue
        if c in DOTS:
            out.append("·")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if c in SPACING_ACCENTS and out and _latin(out[-1]) and j < size and _latin(text[j]):
            if c in _ACUTES:
                out.append("'")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        while j < size and text[j] in COMBINING:
            j += 1  # the marks of a decomposed letter
        n = unicodedata.normalize("NFKC", text[i:j]) if ord(c) > 0x7f or j > i + 1 else c
        if n in DOTS:
            n = "·"
        for ch in n:
            if ch in COMBINING and out and _latin(out[-1]):
                continue  # an accent no precomposed letter holds
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    _digit_separators(out, starts, ends)
    _star_separators(out)
    _cjk_fillers(out, starts, ends)
    spaced = _latin_spaced(out, starts, ends)
    norm = "".join(out).translate(_TO_ASCII_DIGITS)
    if any(c in LOOKALIKES for c in norm):
        norm = _MIXED_WORD.sub(lambda w: w.group().translate(_TO_LATIN), norm)  # (one character each)
    if any(ord(c) >= 0x3400 for c in norm):
        simp = to_simplified(norm)
        if len(simp) == len(norm):
            norm = simp
        else:  # a phrase rule changed the length: convert character by character instead
            norm = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in norm)
        norm = _numerals(norm)
    if read is not None:
        base_starts, base_ends = read[1], read[2]
        coded = tuple(read[3]) + tuple((base_starts[a], base_ends[b - 1]) for a, b in spaced)
        return Mapped(norm, original, [base_starts[s] for s in starts], [base_ends[e - 1] for e in ends], coded)
    if len(norm) == len(text) and all(s == i for i, s in enumerate(starts)):
        return Mapped(norm, text, None, None)
    return Mapped(norm, text, starts, ends, tuple(spaced))


def _separator_mark(c: str) -> bool:
    """A symbol or a punctuation mark that is not ASCII (★, 🙂, 、, —, ·), or '~'."""
    # (and the katakana long-vowel mark, which Japanese keyboards give for a dash: '090ー1234ー5678' stood)
    return c == "~" or c == "ー" or c == "ｰ" or (
        ord(c) > 0x7f and unicodedata.category(c)[0] in "SP" and c not in DIGIT_OF)  # (○ is a zero)


def _digit_separators(out: list, starts: list, ends: list) -> None:
    """In place: a run of 1-4 separator marks between two digits becomes one '-' spanning them."""
    if len(out) < 3:
        return
    i = 1
    while i < len(out) - 1:
        # (Chinese numerals count as digits: '一三幺•〇八六五•零二二一')
        if _separator_mark(out[i]) and (out[i - 1].isdigit() or out[i - 1] in DIGIT_OF):
            j = i
            while j < len(out) and j - i < 4 and _separator_mark(out[j]):
                j += 1
            if j < len(out) and (out[j].isdigit() or out[j] in DIGIT_OF) and (j - i > 1 or out[i] != "-"):
                out[i:j] = ["-"]
                starts[i:j] = [starts[i]]
                ends[i:j] = [ends[j - 1]]
        i += 1


def _star_separators(out: list) -> None:
    """In place: the single stars between the 2-5 digit groups of a 9-15 digit number become dashes
    (``_STAR_GROUPS``); a mask's stars come in runs, and a box's size ('120*80*60') has fewer digits."""
    if "*" not in out and "＊" not in out:
        return
    for m in _STAR_GROUPS.finditer("".join(out)):
        if 9 <= sum(c.isdigit() for c in m.group()) <= 15:
            for k in range(m.start(), m.end()):
                if out[k] in "*＊":
                    out[k] = "-"


def _han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


_RUN_FILLERS = frozenset(" .-_~\u3000/／|｜+\\")


def _cjk_fillers(out: list, starts: list, ends: list) -> None:
    """In place: symbols and emoji beside a Chinese character go; so do the fillers of a
    letter-spaced run of three or more single Chinese characters or digits (at least two Chinese),
    one and the same filler (a space, '.', '-', '_', '~', '/', '|', '+') between each. The characters taken out
    are masked with the finding around them (``Mapped.span`` covers them)."""
    drop: set[int] = set()
    n = len(out)
    i = 0
    while i < n:
        if _FILLER_SYMBOL.match(out[i]) and out[i] not in DIGIT_OF:  # (○ and 〇 are zeros)
            j = i
            while j < n and j - i < 4 and _FILLER_SYMBOL.match(out[j]) and out[j] not in DIGIT_OF:
                j += 1
            if (i > 0 and _han(out[i - 1])) or (j < n and _han(out[j])):
                drop.update(range(i, j))
            i = j
            continue
        i += 1
    i = 0
    while i < n - 4:
        c = out[i]
        f = out[i + 1]
        if (_han(c) or c.isdigit()) and f in _RUN_FILLERS and (i == 0 or not (_han(out[i - 1]) or out[i - 1].isdigit())):
            k = i  # the run's items at k, k+2, k+4, ...
            items = [k]
            while k + 2 < n and out[k + 1] == f and (_han(out[k + 2]) or out[k + 2].isdigit()) \
                    and not (k + 3 < n and (_han(out[k + 3]) or out[k + 3].isdigit())):
                k += 2
                items.append(k)
            if len(items) >= 3 and sum(_han(out[x]) for x in items) >= 2:
                drop.update(x + 1 for x in items[:-1])
                i = k + 1
                continue
        i += 1
    if drop:
        _drop_items(out, starts, ends, drop)


def _latin_spaced(out: list, starts: list, ends: list) -> list[tuple[int, int]]:
    """In place: the spaces of a word written letter by letter ('J o h n') go (``_SPACED_LATIN``);
    the next kept character's span starts where the dropped space did. Returns the words' spans in
    the text (a finding over one is masked whole, as an escape is: a name's mask keeps each word's
    first letter, and every letter of 'J o h n' is a word's first)."""
    if len(out) < 7 or " " not in out or "@" in out or "＠" in out:
        return []  # (an e-mail address written letter by letter is read so by its detector, spaced)
    joined = "".join(out)
    if len(joined) != len(out):  # pragma: no cover - one character per item, always
        return []
    runs = list(_SPACED_LATIN.finditer(joined))
    drop = {m.start() + k for m in runs for k in range(1, m.end() - m.start(), 2)}
    if not drop:
        return []
    spans = [(starts[m.start()], ends[m.end() - 1]) for m in runs]
    _drop_items(out, starts, ends, drop)
    return spans


def _drop_items(out: list, starts: list, ends: list, drop: set) -> None:
    """In place: the items at ``drop`` go; the next kept character's span starts where the dropped
    run before it did. The lists are rebuilt in one pass (deleting item by item was quadratic: 1 MB
    of '王 王 王 ...' took 11 s)."""
    keep_out, keep_starts, keep_ends = [], [], []
    pending = None
    for x, c in enumerate(out):
        if x in drop:
            if pending is None:
                pending = starts[x]
            continue
        keep_out.append(c)
        keep_starts.append(starts[x] if pending is None else pending)
        keep_ends.append(ends[x])
        pending = None
    out[:], starts[:], ends[:] = keep_out, keep_starts, keep_ends


def _numerals(text: str) -> str:
    if not _ANY_NUMERAL.search(text):
        return text
    chars = None
    for m in _NUMERAL_RUN.finditer(text):
        run = m.group()
        numerals = sum(c in DIGIT_OF for c in run)
        strong = sum(c in DIGIT_OF and c not in _WEAK for c in run)
        if numerals == 0 or strong * 2 < numerals:
            continue
        if numerals < 4:
            # a numeral or two glued to digits may be a word ("18610956992陆艳丽", "...088四川省"):
            # left as it is here; phone_cn reads such mixed runs itself
            continue
        a, b = m.start(), m.end()
        if chars is None:
            chars = list(text)
        for k in range(a, b):
            chars[k] = DIGIT_OF.get(chars[k], chars[k])
    # a building's or a unit's number in numerals before its word ('阳光花园五栋一二零三室' kept 五栋,
    # '送到阳光花园五栋一二零三' stood whole; found by hand): one to three numerals, read as digits
    for m in _UNIT_NUMERALS.finditer(text):
        if chars is None:
            chars = list(text)
        for k in range(m.start(), m.end()):
            chars[k] = DIGIT_OF.get(chars[k], chars[k])
    return text if chars is None else "".join(chars)


_UNIT_NUMERALS = lazy(r"(?<![0-9零〇一二三四五六七八九十百千两兩壹贰貳叁參肆伍陆陸柒捌玖拾])"
                      r"[零〇一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]{1,3}(?=栋|棟|幢|号楼|號樓|单元|單元)")


# digits written as letters inside a phone-shaped run ('+49 l5l2 3457l38', 'Tel. +33 6 l2 34 67 lO',
# typed so or to slip past a filter): O and o read as 0, l and I as 1, one character for one
# (and S as 5: 'l38l234S678' stood; found by hand)
_LETTER_DIGIT_GATE = lazy(r"[OolIS][ .\-]?\d|\d[ .\-]?[OolIS]")
# (not a name's initial after a house number: '79 O'Doherty Street'; a run glued to a dot only after
# a phone label: 'Tel.0l5l2345678', not 'v1.0l23456')
_LETTER_DIGIT_RUN = lazy(r"(?:(?<=\b[Tt]el\.)|(?<=\bTEL\.)|(?<=\b[Pp]h\.)|(?<=\bPH\.)|(?<=\b[Mm]ob\.)|"
                               r"(?<=\bMOB\.)|(?<=\b[Ff]ax\.)|(?<=\b[Tt]fn\.)|(?<=\b[Tt]lf\.)|(?<![\w.@/\-'’]))"
                               r"\+?[0-9OolIS](?:[ .\-()]{0,2}[0-9OolIS]){6,}(?![\w@'’])")
_AS_DIGITS = AS_DIGITS = str.maketrans("OolIS", "00115")
# (after a phone's label, more letters than digits: 'Phone +l 2Ol-555-OO6O' stood; evasion_intl seed 38)
_PHONE_LABEL_BEFORE = lazy(r"(?i:phone|tel|t[ée]l[ée]fono|telefon|mobile|mob|cell|ph|fon|handy|whatsapp|call|contact|"
                           r"gsm|tlf|fax)\.?[ \t]*[:：#]?[ \t]*$")


# a plus sign read or written as a plus-minus before a number's first groups ('Tel. ±41 79 274 84 89',
# as OCR read a Swiss label's '+', held-out labels seed 59000 ch_post photo: the number stood)
_PLUS_MINUS = lazy(r"±(?=\d{1,4}[ .\-()]{0,2}\d)")


def letters_as_digits(text: str) -> str | None:
    """``text`` with the letters of its phone-shaped runs read as digits (a run of 7+ characters
    with at least 5 digits and no more letters than digits, not inside a word, an e-mail or a
    path) and a plus-minus before a number as a plus, or None when it has none."""
    plus = None
    if "±" in text:
        plus = _PLUS_MINUS.sub("+", text)
        if plus == text:
            plus = None
        else:
            text = plus
    # (four C-level scans first: most texts hold none of the letters, and the gate is a regex)
    if ("O" not in text and "o" not in text and "l" not in text and "I" not in text and "S" not in text) \
            or _LETTER_DIGIT_GATE.search(text) is None:
        return plus
    out = None
    for r in _LETTER_DIGIT_RUN.finditer(text):
        run = r.group()
        digits = sum(c.isdigit() for c in run)
        letters = sum(c in "OolIS" for c in run)
        if 0 < letters and (digits >= 5 and letters <= digits
                            or digits >= 3 and _PHONE_LABEL_BEFORE.search(text, max(0, r.start() - 16), r.start())):
            out = out or list(text)
            out[r.start():r.end()] = run.translate(_AS_DIGITS)
    return "".join(out) if out else plus
