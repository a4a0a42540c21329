"""Build a compact regular expression from a word list (a character trie as nested groups), so
that ``re`` scans for thousands of words in one C-speed pass."""
from __future__ import annotations

import re


def trie_pattern(words) -> str:
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = []
        singles = []
        for ch in sorted(k for k in node if k):
            sub = node[ch]
            if len(sub) == 1 and "" in sub:
                singles.append(re.escape(ch))
            else:
                alts.append(re.escape(ch) + build(sub))
        if singles:
            alts.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)
