"""Digit runs broken into groups by separators ("139 1234 5678", "1.3.9.1.2...", "+86 1391 234
5678", "110101 19900307 123X"): the spans of whole groups whose digits, joined, have a given length.

One linear pass: the group pattern has no nested or overlapping quantifiers (digits and
separators are disjoint classes), and each start group is extended at most ``length`` digits.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy
from bisect import bisect_left
from functools import lru_cache
from operator import add

SEP_CHARS = " \u00a0\u3000.\\-\u2010-\u2015_/·"
# digits and separators are disjoint classes: possessive digit runs match what greedy ones do
# (a digit given back is followed by a digit, where nothing after it can match), without giving
# digits back one by one at the end of every run
GROUPED_RE = lazy(rf"(?<![0-9A-Za-z])\d++(?:[{SEP_CHARS}]{{1,3}}\d++)+(?:[{SEP_CHARS}]{{0,3}}[Xx])?(?![0-9A-Za-z])")
_GROUP = lazy(r"\d+[Xx]?|[Xx]")
_SPLIT = lazy(r"(\d+[Xx]?|[Xx])")
#: the lengths the phone and ID detectors ask for (landline 10-12, mobile 11, ID 18): a run of a
#: few groups with no span of one of them is dropped before its offsets are worked out
LENGTHS = frozenset((10, 11, 12, 18))
_FEW = 8
_SHORT = 64


@lru_cache(maxsize=8)
def _runs(text: str, lengths: frozenset = LENGTHS) -> tuple:
    """The grouped digit runs of ``text``: (groups, seps, same, joined, cum) per run (cached: the
    phone and ID detectors ask for the same text several times). A run of up to ``_FEW`` groups is
    kept only when some span of two or more of its groups with one separator throughout holds a
    number of digits in ``lengths`` (``grouped`` would find nothing else in it)."""
    out = []
    top = max(lengths)
    for m in GROUPED_RE.finditer(text):
        s = m.group()
        if not s.isascii():
            continue
        parts = _SPLIT.split(s)  # "", group, sep, group, ..., group, ""
        n = len(parts) // 2
        if n < 2:
            continue
        seps = parts[2:-1:2]
        if n <= _FEW:
            glen = list(map(len, parts[1::2]))
            for i in range(n - 1):
                t = glen[i]
                sep = seps[i]
                for j in range(i + 1, n):
                    if seps[j - 1] != sep:
                        break
                    t += glen[j]
                    if t >= top or t in lengths:
                        break
                if t in lengths:
                    break
            else:
                continue  # no span of a wanted length
        else:
            glen = list(map(len, parts[1::2]))
            # a span starts only at a group that, with the next one, holds at most ``top`` digits
            short = [i for i, t in enumerate(map(add, glen, glen[1:])) if t <= top]
            if not short:
                continue  # many groups, no two neighbours short enough together ("13912345678 " repeated)
        base = m.start()
        groups = []
        a = base
        for k in range(1, 2 * n, 2):
            a += len(parts[k - 1])
            b = a + len(parts[k])
            groups.append((a, b))
            a = b
        # same[i]: the last group index reachable from i with one separator throughout
        same = [n - 1] * n
        for k in range(n - 2, -1, -1):
            same[k] = same[k + 1] if k + 1 < n - 1 and seps[k] == seps[k + 1] else k + 1
        joined = "".join(parts[1::2])
        cum = [0]
        for a, b in groups:
            cum.append(cum[-1] + b - a)
        # runs of many groups (see grouped): the groups a span can start at when they are few, else
        # the group that starts at each offset of ``joined``
        start_of = None if n <= _FEW else short if len(short) <= _SHORT else {c: i for i, c in enumerate(cum[:-1])}
        out.append((groups, seps, same, joined, cum, start_of))
    return tuple(out)


@lru_cache(maxsize=16)
def _at(head: re.Pattern) -> re.Pattern:
    """Every position where ``head`` matches (overlapping ones too)."""
    return re.compile(f"(?=(?:{head.pattern}))", head.flags)


def grouped(text: str, length: int, last_x: bool = False, head: re.Pattern | None = None):
    """Yield (start, end, digits, cc_start) for each span of two or more whole digit groups, all
    split by the same separator, whose digits joined are ``length`` long (an ``X`` may end the last
    group when ``last_x``). ``cc_start`` is the start of a "+86"/"0086"/"86" group before it, else
    None. Only ASCII digits count (the text is normalised first). ``head``, when given, must match
    the joined digits where a span starts (a cheap filter: "1[3-9]" for mobiles)."""
    if len(text) < length:
        return
    for groups, seps, same, joined, cum, start_of in _runs(text, LENGTHS if length in LENGTHS else frozenset((length,))):
        n = len(groups)
        total = cum[n]
        if total < length:
            continue
        if head is None or n <= _FEW:
            starts = range(n)  # few groups: the arithmetic below rules most out before ``head``
        elif type(start_of) is list:
            # few groups a span can start at ("13912345678 " repeated, cut at a window's edge)
            starts = [i for i in start_of if head.match(joined, cum[i])]
        else:
            # only the groups where ``head`` matches (one C-level scan: "1 1 1 1 ..." has none for
            # a mobile's "1[3-9]", and no group is looked at)
            starts = [i for i in (start_of.get(m.start()) for m in _at(head).finditer(joined)) if i is not None]
        for i in starts:
            c = cum[i]
            if c + length > total:
                break
            if cum[i + 1] - c >= length:
                continue  # one group holds it all: the plain patterns' case
            # the group j where the digits from group i reach ``length``
            j = bisect_left(cum, c + length) - 1
            if j >= n or j <= i or cum[j + 1] - c != length or j > same[i]:
                continue
            if head is not None and n <= _FEW and not head.match(joined, c):
                continue
            digits = joined[cum[i]:cum[j + 1]]
            if "X" in digits[:-1] or "x" in digits[:-1] or (not last_x and digits[-1] in "Xx"):
                continue
            cc = None
            if i > 0 and joined[cum[i - 1]:cum[i]] in ("86", "0086") and seps[i - 1].strip() in ("", "-"):
                cc = groups[i - 1][0]
                if cc > 0 and text[cc - 1] == "+":
                    cc -= 1
            yield groups[i][0], groups[j][1], digits, cc
