"""Phone numbers spelled out in words, the way a message written to slip past a filter writes them:
"zero four one two three four five six seven eight", "null eins sieben zwei ...", "0412 three four
five ...", "double four" (English, German, French, Spanish, Italian, Dutch, Portuguese digit words,
digits among them). Chinese numerals are read by ``normalize`` (one character to one digit); these
words are longer than the digit they stand for, so they are read here, as a run of 7 to 15 digits.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context

# digit words; a word may stand for two or three digits ('double four', 'triple zero')
_WORDS = {
    "zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9,
    "zéro": 0, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "zes": 6, "zeven": 7, "negen": 9,
    "um": 1, "dois": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8,
}
_TIMES = {"double": 2, "triple": 3}


def _french_pairs() -> dict:
    """French numbers 10-99 as words, the way French numbers are said in pairs ('zéro six douze
    trente-quatre cinquante-six': it stood, found by hand), with hyphens or spaces, 'et', the
    Belgian and Swiss tens: word -> the 2 digits it stands for."""
    units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
    teens = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
    tens = {2: ["vingt"], 3: ["trente"], 4: ["quarante"], 5: ["cinquante"], 6: ["soixante"],
            7: ["septante"], 8: ["quatre-vingt", "huitante", "octante"], 9: ["nonante"]}
    out = {}
    for k, w in enumerate(teens):
        out[w] = 10 + k
    for t, names in tens.items():
        for name in names:
            for u in range(10):
                if u == 0:
                    forms = [name + ("s" if name == "quatre-vingt" else ""), name]
                elif u == 1 and name != "quatre-vingt":
                    forms = [name + " et un", name + "-et-un"]
                else:
                    forms = [name + "-" + units[u]]
                for f in forms:
                    out[f] = 10 * t + u
    for u in range(10):  # 70-79 and 90-99 as France says them
        for t, base in ((7, "soixante"), (9, "quatre-vingt")):
            w = teens[u]
            forms = [base + "-" + w]
            if t == 7 and u == 1:
                forms = [base + " et onze", base + "-et-onze"]
            for f in forms:
                out[f] = 10 * t + u
    # (spaces for hyphens, as typed: 'trente quatre', 'quatre vingt dix')
    out.update({k.replace("-", " "): v for k, v in list(out.items())})
    return out


_PAIRS = _french_pairs()
_WORD = "|".join(sorted(list(_WORDS) + [re.escape(w).replace("\\ ", "[ \t]+").replace("\\-", "[\\-]") for w in _PAIRS],
                        key=len, reverse=True))
_TOKEN = rf"(?:(?:double|triple)[ \t]+)?(?:{_WORD})|\d{{1,4}}"
# a run of tokens with at least one word; separators between them: blanks, commas, dots, dashes
_RUN = lazy(rf"(?i)(?<![^\W\d_])(?:{_TOKEN})(?:[ \t]*[,.\-/][ \t]*|[ \t]+)(?:{_TOKEN})"
                  rf"(?:(?:[ \t]*[,.\-/][ \t]*|[ \t]+)(?:{_TOKEN})){{2,}}(?![^\W\d_])")
# two digit words in a row
_PAIR = lazy(rf"(?i)(?<![^\W\d_])(?:{_WORD})[ \t,.\-]+(?:(?:double|triple)[ \t]+)?(?:{_WORD})(?![^\W\d_])")
_WORDSET = frozenset(_WORDS) | frozenset(w for k in _PAIRS for w in k.replace("-", " ").split())


def gate(text: str) -> bool:
    """The cheap test before ``detect``: three digit words among the text's words (two blanks at
    least, a word set lookup each), then two of them in a row. A regex over every text cost ~5 us
    a cell; this ~0.3."""
    # (words joined by dashes count as words: 'null-eins-sieben-sechs 2345678' stood, found by hand)
    if len(text) < 14 or text.count(" ") + text.count("-") < 2:
        return False
    n = 0
    low = text.lower()
    for w in (low.replace("-", " ") if "-" in low else low).split():
        if w.strip(",.-/") in _WORDSET:
            n += 1
            if n >= 3:
                return _PAIR.search(text) is not None
    return False
_PIECE = lazy(rf"(?i)(?:(double|triple)[ \t]+)?({_WORD})(?![^\W\d_])|(\d+)")


_META = (("spelled", True),)


def _digits(run: str) -> tuple[int, int]:
    """(digits the run stands for, words among them)."""
    n = words = 0
    for m in _PIECE.finditer(run):
        if m.group(3):
            n += len(m.group(3))
        else:
            words += 1
            n += _TIMES.get((m.group(1) or "").lower(), 1) * (2 if m.group(2).lower() not in _WORDS else 1)
    return n, words


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for m in _RUN.finditer(text):
        n, words = _digits(m.group())
        # a phone's length, and mostly words (a list of quantities, 'one 2 three', is no phone)
        if 7 <= n <= 15 and words >= 3:
            out.append(Finding(EntityType.PHONE_INTL, m.start(), m.end(), m.group(), 0.7, "phone.spelled",
                               meta=_META, role=ctx.role))
    return out
