"""Share fingerprints in masked text: the number of mask characters.

A masked value shows what the preset keeps (a surname, the last 4 phone digits, the district) and
``*`` for the rest. With a named share, the length of some ``*`` runs is nudged, never shortened:
a run of natural length L becomes the smallest length c >= L with c = r (mod m), where r is a keyed
function (the share's key) of the *unit's skeleton* (the cell, JSON string, text line or ZPL field
with every ``*`` run collapsed to one ``*``, i.e. only what is kept anyway) and the run's place in
it. Kept characters are never changed, no run gets shorter (so GB/T 41833-2022's minimums hold: a
name keeps at least one hidden character, a phone at least its hidden digits), and the mark
survives anything that keeps cells intact: row subsets, shuffling, column order, dropped columns,
CSV -> XLSX -> JSON, another encoding.

Which runs carry a mark is decided from the skeleton alone (``classify``), so that the tracer,
which sees only the leaked text, makes the same decision:

========  =======================================================  ===  =====================
class     run                                                       m    masked by
========  =======================================================  ===  =====================
addr      after a Chinese division (``...上林县****``)                8    address detail
phone     right before the 4 kept digits (``*******5678``)          2    phone partial
name      after a surname or an initial (``张**``, ``J*** S****``)   2    name partial
word      a whole word of a US street line (``**** ***** **``)      2    address detail
========  =======================================================  ===  =====================

A run of another shape (an ID number's middle, a ZIP's last digits, an e-mail) is left alone.

Each distinct (class, skeleton, place) is one *vote*: for a candidate share it matches when the
observed length is = r (mod m); an innocent share matches with probability exactly 1/m (r is a
keyed pseudo-random function), independently per vote, which gives an exact probability that an
innocent share scores as high as the best one (``null_tail``).
"""
from __future__ import annotations

import hashlib
import math
import re
from ..lazy_re import lazy
from collections import Counter, defaultdict

from ..model import EntityType

T = EntityType
RUN = lazy(r"\*+")
_RUN_SPLIT = lazy(r"(\*+)")
MOD = {"addr": 8, "phone": 2, "name": 2, "word": 2}
WEIGHT = {m: int(math.log2(m)) for m in set(MOD.values())}  # bits a matching vote is worth
_LOW = {c: m - 1 for c, m in MOD.items()}
assert all(m & (m - 1) == 0 for m in MOD.values())  # residue() reads the digest's low bits
ALLOWED = {"addr": (T.ADDRESS,), "phone": (T.PHONE, T.LANDLINE, T.PHONE_INTL), "name": (T.NAME,),
           "word": (T.ADDRESS,)}

_DIVISION_END = frozenset("省市区县旗盟州镇乡")
_PHONE_TAIL = lazy(r"\d{4}(?!\d)")
_CJK_TAIL = lazy(r"(?:^|[^\u3400-\u9fff])[\u3400-\u9fff]{1,2}$")
_INITIAL = lazy(r"(?:^|[\s,;:(/])[A-Za-z\u00c0-\u024f]$")
_NAME_END = frozenset(" \t,;，；、/|)）")
_WORD_END = frozenset(" ,")


_CJK_CHAR = lazy(r"[\u3400-\u9fff]")
_DIGIT = lazy(r"\d")


def classify(pre: str, post: str) -> str | None:
    """The class of a ``*`` run from the kept text right before it (``pre``, back to the previous
    run or the unit's start) and right after it (``post``); None: the run carries no mark."""
    last = pre[-1:]
    if last and last in _DIVISION_END and _CJK_CHAR.search(pre, 0, len(pre) - 1):
        cls = "addr"
    elif (not last or not (last.isdigit() or last in "-(). ")) and _PHONE_TAIL.match(post):
        cls = "phone"  # *******5678 (a grouped form, (***) ***-5678, is left as it is)
    elif (not post or post[0] in _NAME_END) and (_CJK_TAIL.search(pre) or _INITIAL.search(pre)):
        cls = "name"
    elif (not last or last == " ") and (not post or post[0] in _WORD_END):
        cls = "word"
    else:
        return None
    if len(_DIGIT.findall(pre, max(0, len(pre) - 8))) + len(_DIGIT.findall(post, 0, 8)) >= 8:
        return None  # an ID number's middle, a long number: never
    return cls


def runs(s: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """(skeleton, [(start, end, class)]) of the ``*`` runs of one unit."""
    found = [m.span() for m in RUN.finditer(s)]
    if not found:
        return s, []
    out = []
    parts = []
    prev = 0
    for i, (a, b) in enumerate(found):
        nxt = found[i + 1][0] if i + 1 < len(found) else len(s)
        seg = s[prev:a]
        parts.append(seg)
        out.append((a, b, classify(seg, s[b:nxt])))
        prev = b
    parts.append(s[prev:])
    return "*".join(parts), out


def _only_run(out: str, spans):
    """(start, end, text after, type) of the only ``*`` run of ``out`` when the only replacement
    holds it, else None."""
    if len(spans) == 1:
        sa, sb, typ = spans[0]
        a = out.find("*", sa, sb)
        if a >= 0:
            post = out[a:].lstrip("*")
            b = len(out) - len(post)
            if b <= sb and "*" not in post and out.find("*", 0, a) < 0:
                return a, b, post, typ
    return None


_DIGITS_TO_0 = {c: "0" for c in range(ord("1"), ord("9") + 1)}
_HASHERS: dict[tuple, object] = {}


def residue(key: bytes, cls: str, skel: str, i: int) -> int:
    """The keyed residue (mod m of the class) of run ``i`` of a unit with skeleton ``skel``: the
    4-byte BLAKE2b digest of ``cls \x1f i \x1f skel`` under ``key``, big-endian, mod m."""
    h0 = _HASHERS.get((key, cls, i))
    if h0 is None:  # the keyed hasher with the message's fixed head already fed
        if len(_HASHERS) > 1024:
            _HASHERS.clear()
        h0 = _HASHERS[(key, cls, i)] = hashlib.blake2b(f"{cls}\x1f{i}\x1f".encode(), key=key[:64], digest_size=4)
    h = h0.copy()
    h.update(skel.encode())
    return h.digest()[-1] & _LOW[cls]  # = the digest mod m (every m a power of 2)


class TextMark:
    """Mask-side: nudges the ``*`` runs of masked values for one share (see the module doc).

    What a run becomes depends on the unit's skeleton, the run's place and its natural length
    only, so the keyed work (``classify``, ``residue``) is remembered per skeleton: a unit with one
    run (``pre + "*" * n + post``, the common case) looks up ``(pre, post)`` and gets back
    ``(m, r)`` or 0 (no mark), whatever its length ``n``; a unit with several runs looks up its
    skeleton. The memories are bounded (cleared when full) and hold only masked text."""

    __slots__ = ("key", "_memo", "_one", "_many", "_shape", "_whole_rules", "_outs")

    def __init__(self, key: bytes):
        self.key = key
        self._memo: dict = {}  # (sur, n) and mobile tails -> marked unit: surnames repeat
        self._one: dict = {}  # type -> {(pre, post): (m, r) or 0}: the rule of a one-run unit
        self._many: dict = {}  # skeleton of a unit with several runs -> classes, residues
        # the same skeleton with every digit a 0 -> the runs' classes (``classify`` reads digits
        # only as digits): "(***) ***-9588" and every other such phone share one entry, and a unit
        # none of whose runs carries a mark is done without its own skeleton's entry
        self._shape: dict = {}
        self._whole_rules: dict = {}  # type -> {skeleton: rule} of units that are one replacement
        self._outs: dict = {}  # (unit, type or spans) -> the marked unit (not one-run units in part)

    def __getstate__(self):
        return {"key": self.key}

    def __setstate__(self, st):
        self.key = st["key"]
        self._memo = {}
        self._one = {}
        self._many = {}
        self._shape = {}
        self._whole_rules = {}
        self._outs = {}

    def _rule(self, pre: str, post: str, typ) -> tuple[int, int] | int:
        """(m, r) of the only run of the unit ``pre + "*"... + post`` masked as ``typ``, or 0 when
        it carries no mark (remembered per type and (pre, post))."""
        memo = self._one.get(typ)
        if memo is None:
            memo = self._one[typ] = {}
        k = (pre, post)
        got = memo.get(k)
        if got is None:
            cls = classify(pre, post)
            got = 0 if cls is None or typ not in ALLOWED[cls] else \
                (MOD[cls], residue(self.key, cls, pre + "*" + post, 0))
            if len(memo) >= 1 << 16:
                memo.clear()
            memo[k] = got
        return got

    def unit(self, out: str, spans) -> str:
        """``out`` (a masked unit) with its marked runs lengthened; ``spans``: (start, end, type)
        of the replacements in ``out`` (runs outside them, kept as they were, are not touched)."""
        whole = len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(out)
        if whole:
            k = (out, spans[0][2])  # one replacement that is the whole unit
        else:
            one = _only_run(out, spans)
            if one is not None:  # the common case: one replacement holding the unit's only run
                a, b, post, typ = one
                return self.single(out[:a], b - a, post, typ)
            k = (out, tuple(spans))
        # a masked unit repeats ("S***** D****", "**** ***** **, Austin, TX 787**"): its marked
        # form is remembered whole
        got = self._outs.get(k)
        if got is None:
            got = self._whole(out, k[1]) if whole else self._adjust(out, spans)[0]
            if len(self._outs) >= 1 << 14:
                self._outs.clear()
            self._outs[k] = got
        return got

    def _whole(self, out: str, typ) -> str:
        """``unit`` of a unit that is one replacement of type ``typ`` (a masked name cell, a
        street line, a phone): what ``_adjust`` gives, with the rule of each run remembered per
        skeleton (a tuple of (m, r) or 0 per run; () when no run is marked)."""
        parts = _RUN_SPLIT.split(out)  # kept, run, kept, run, ..., kept
        n = len(parts)
        if n == 3:  # one run
            return self.single(parts[0], len(parts[1]), parts[2], typ)
        if n == 1:
            return out
        memo = self._whole_rules.get(typ)
        if memo is None:
            memo = self._whole_rules[typ] = {}
        kept = parts[0::2]
        skel = "*".join(kept)
        rule = memo.get(skel)
        if rule is None:
            classes = self._classes(skel, out)
            if not any(classes):
                return out  # no run of this shape carries a mark (and no entry per skeleton)
            rule = tuple((MOD[c], residue(self.key, c, skel, i)) if c is not None and typ in ALLOWED[c] else 0
                         for i, c in enumerate(classes))
            if not any(rule):
                rule = ()
            if len(memo) >= 1 << 14:
                memo.clear()
            memo[skel] = rule
        if not rule:
            return out
        for i, mr in enumerate(rule):
            if mr:
                j = 2 * i + 1
                L = len(parts[j])
                c = L + (mr[1] - L) % mr[0]
                if c != L:
                    parts[j] = "*" * c
        return "".join(parts)

    def single(self, pre: str, n: int, post: str, typ) -> str:
        """The unit ``pre + "*" * n + post`` (no other run in it, one replacement holding the run),
        marked: the fast case of a bare name or mobile number."""
        memo = self._one.get(typ)
        rule = memo.get((pre, post)) if memo is not None else None
        if rule is None:
            rule = self._rule(pre, post, typ)
        if not rule:
            return pre + "*" * n + post
        m, r = rule
        return pre + "*" * (n + (r - n) % m) + post

    def name(self, sur: str, n: int) -> str:
        """A bare Chinese name masked as ``sur + "*" * n``, marked (the name column's fast lane)."""
        k = (sur, n)
        got = self._memo.get(k)
        if got is None:
            got = self.single(sur, n, "", T.NAME)
            if len(self._memo) >= 1 << 16:
                self._memo.clear()
            self._memo[k] = got
        return got

    def mobile(self, n: int, tail: str) -> str:
        """A mobile number masked as ``"*" * n + tail`` (its last 4 digits), marked (memoised: at
        most 10,000 tails, and a keyed hash per row was a tenth of a shared export's cost)."""
        k = ("\x00m", n, tail)
        got = self._memo.get(k)
        if got is None:
            r = residue(self.key, "phone", "*" + tail, 0)
            got = "*" * (n + (r - n) % 2) + tail
            if len(self._memo) >= 1 << 16:
                self._memo.clear()
            self._memo[k] = got
        return got

    def adjust(self, out: str, spans) -> tuple[str, list[str]]:
        """The marked unit and the new text of each span."""
        one = _only_run(out, spans)
        if one is not None:  # the common case: one replacement holding the unit's only run
            a, b, post, typ = one
            new = self.single(out[:a], b - a, post, typ)
            return new, [new[spans[0][0]:len(new) - (len(out) - spans[0][1])]]
        return self._adjust(out, spans)

    def _classes(self, skel: str, out: str) -> list:
        """The class of each run of ``out`` (skeleton ``skel``), remembered per skeleton with every
        digit a 0 (``classify`` reads digits only as digits)."""
        shape = skel.translate(_DIGITS_TO_0)
        classes = self._shape.get(shape)
        if classes is None:
            classes = [c for _, _, c in runs(out)[1]]
            if len(self._shape) >= 1 << 14:
                self._shape.clear()
            self._shape[shape] = classes
        return classes

    def _adjust(self, out: str, spans) -> tuple[str, list[str]]:
        found = [m.span() for m in RUN.finditer(out)]
        texts = [out[a:b] for a, b, _ in spans]
        if not found:
            return out, texts
        skel = RUN.sub("*", out)  # = runs(out)[0]
        rule = self._many.get(skel)
        if rule is None:
            classes = self._classes(skel, out)
            if not any(classes):
                return out, texts  # no run of this shape carries a mark
            # per run: its class (None: no mark) and its residue, worked out when first needed
            rule = (classes, [None] * len(found))
            if len(self._many) >= 1 << 14:
                self._many.clear()
            self._many[skel] = rule
        classes, res = rule
        # per span: list of (start, end, new length) of runs inside it
        edits: dict[int, list] = defaultdict(list)
        j = 0
        spans = list(spans)
        for i, (a, b) in enumerate(found):
            cls = classes[i]
            if cls is None:
                continue
            while j < len(spans) and spans[j][1] <= a:
                j += 1
            if j >= len(spans):
                break
            sa, sb, typ = spans[j]
            if not (sa <= a and b <= sb) or typ not in ALLOWED[cls]:
                continue
            m = MOD[cls]
            L = b - a
            r = res[i]
            if r is None:
                r = res[i] = residue(self.key, cls, skel, i)
            c = L + ((r - L) % m)
            if c != L:
                edits[j].append((a - sa, b - sa, c))
        if not edits:
            return out, texts
        for j, es in edits.items():
            t = texts[j]
            for a, b, c in sorted(es, reverse=True):
                t = t[:a] + "*" * c + t[b:]
            texts[j] = t
        parts, pos = [], 0
        for (sa, sb, _), t in zip(spans, texts):
            parts += (out[pos:sa], t)
            pos = sb
        parts.append(out[pos:])
        return "".join(parts), texts


# ----------------------------------------------------------------------------- tracing


class Votes:
    """The fingerprint votes of a leaked copy: per distinct (class, skeleton, place), the most
    common observed run length modulo m (a repeated value, such as one sender on every row, is
    one vote)."""

    def __init__(self):
        self._seen: dict[tuple[str, str, int], Counter] = defaultdict(Counter)
        self.units = 0

    def add(self, unit: str) -> None:
        if "*" not in unit:
            return
        skel, rs = runs(unit)
        if not rs:
            return
        self.units += 1
        for i, (a, b, cls) in enumerate(rs):
            if cls is not None:
                self._seen[(cls, skel, i)][(b - a) % MOD[cls]] += 1

    def __len__(self) -> int:
        return len(self._seen)

    def table(self, limit: int = 20000) -> list[tuple[str, str, int, int]]:
        """(class, skeleton, place, residue) per vote; at most ``limit`` (a fixed subset)."""
        out = []
        for (cls, skel, i), cnt in self._seen.items():
            best = max(cnt.items(), key=lambda kv: (kv[1], -kv[0]))[0]
            out.append((cls, skel, i, best))
        if len(out) > limit:
            out.sort(key=lambda v: hashlib.blake2b(f"{v[0]}\x1f{v[2]}\x1f{v[1]}".encode(), digest_size=8).digest())
            out = out[:limit]
        return out


def score(key: bytes, votes: list[tuple[str, str, int, int]]) -> tuple[int, int]:
    """(matched weight, matched votes) of one candidate share's text key."""
    return Scorer(votes).score(key)


class Scorer:
    """The votes of one copy, ready to be scored against many candidate keys."""

    def __init__(self, votes: list[tuple[str, str, int, int]]):
        self.items = [(f"{cls}\x1f{i}\x1f{skel}".encode(), MOD[cls], WEIGHT[MOD[cls]], r)
                      for cls, skel, i, r in votes]

    def score(self, key: bytes) -> tuple[int, int]:
        h0 = hashlib.blake2b(key=key[:64], digest_size=4)
        s = n = 0
        for msg, m, w, r in self.items:
            h = h0.copy()
            h.update(msg)
            if int.from_bytes(h.digest(), "big") % m == r:
                s += w
                n += 1
        return s, n


def _log_binom_pmf(n: int, p: float):
    import numpy as np

    k = np.arange(n + 1, dtype=float)
    lf = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=float)))])
    return lf[n] - lf[k.astype(int)] - lf[(n - k).astype(int)] + k * math.log(p) + (n - k) * math.log1p(-p)


def null_tails(counts: dict[int, int]):
    """log10 P(an innocent share's weighted score >= s) for every s = 0..max, exactly: votes of
    modulus m match with probability 1/m each, independently, and are worth log2(m)."""
    import numpy as np

    key = tuple(sorted(counts.items()))
    got = _TAILS.get(key)
    if got is not None:
        return got
    # distribution of the weighted score, built class by class in log space; the class with most
    # votes first (its pmf alone is the start), the others convolved onto it
    dist = np.array([0.0])  # log P(score = 0) = 0
    for m, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n == 0:
            continue
        w = WEIGHT[m]
        pmf = _log_binom_pmf(n, 1.0 / m)
        if len(dist) == 1:
            dist = np.full(w * n + 1, -np.inf)
            dist[::w] = pmf
            continue
        new = np.full(len(dist) + w * n, -np.inf)
        for j in range(n + 1):
            seg = new[j * w:j * w + len(dist)]
            new[j * w:j * w + len(dist)] = np.logaddexp(seg, dist + pmf[j])
        dist = new
    # tails: log-sum-exp from the right
    tails = np.logaddexp.accumulate(dist[::-1])[::-1] / math.log(10)
    tails = np.minimum(tails, 0.0)
    if len(_TAILS) > 64:
        _TAILS.clear()
    _TAILS[key] = tails
    return tails


_TAILS: dict = {}


def null_tail(counts: dict[int, int], s: int) -> float:
    """log10 P(an innocent share's weighted score >= s) (see ``null_tails``)."""
    if s <= 0:
        return 0.0
    t = null_tails(counts)
    return float(t[s]) if s < len(t) else -math.inf


def vote_counts(votes) -> dict[int, int]:
    c: Counter = Counter(MOD[v[0]] for v in votes)
    return dict(c)
