"""Digit runs broken into groups by separators ("139 1234 5678", "1.3.9.1.2...", "+86 1391 234
5678", "110101 19900307 123X"): the spans of whole groups whose digits, joined, have a given length.

One linear pass: the group pattern has no nested or overlapping quantifiers (digits and
separators are disjoint classes), and each start group is extended at most ``length`` digits.
"""
from __future__ import annotations

import re

SEP_CHARS = " \u00a0\u3000.\\-\u2010-\u2015_/·"
GROUPED_RE = re.compile(rf"(?<![0-9A-Za-z])\d+(?:[{SEP_CHARS}]{{1,3}}\d+)+[Xx]?(?![0-9A-Za-z])")
_GROUP = re.compile(r"\d+[Xx]?")


def grouped(text: str, length: int, last_x: bool = False):
    """Yield (start, end, digits, cc_start) for each span of two or more whole digit groups, all
    split by the same separator, whose digits joined are ``length`` long (an ``X`` may end the last
    group when ``last_x``). ``cc_start`` is the start of a "+86"/"0086"/"86" group before it, else
    None. Only ASCII digits count (the text is normalised first)."""
    if len(text) < length:
        return
    for m in GROUPED_RE.finditer(text):
        s = m.group()
        if not s.isascii():
            continue
        base = m.start()
        groups = [(g.start() + base, g.end() + base, g.group()) for g in _GROUP.finditer(s)]
        seps = [text[a[1]:b[0]] for a, b in zip(groups, groups[1:])]
        n = len(groups)
        for i in range(n):
            total = 0
            for j in range(i, n):
                g = groups[j][2]
                if g[-1] in "Xx" and not (last_x and j > i):
                    break
                total += len(g)
                if total >= length:
                    break
            if total != length or j == i:
                continue
            if len(set(seps[i:j])) != 1:
                continue  # "13.5 12.0": mixed separators are a list of numbers, not one number
            digits = "".join(g[2] for g in groups[i:j + 1])
            cc = None
            if i > 0 and groups[i - 1][2] in ("86", "0086") and seps[i - 1].strip() in ("", "-"):
                cc = groups[i - 1][0]
                if cc > 0 and text[cc - 1] == "+":
                    cc -= 1
            elif i == 0 and base > 0 and text[base - 1] == "+":
                pass
            yield groups[i][0], groups[j][1], digits, cc
