"""Generalisation hierarchies for the quasi-identifiers of a release.

Each hierarchy turns a cell into a compact integer *leaf* (memoised: a 1M-row export keeps one
int32 per cell and one entry per distinct leaf) and, per level, maps leaves to the groups of that
level and the groups to the labels that are written out. Every level is a function of the level
below it (a tree), so generalising only ever merges equivalence classes: the property the lattice
search relies on. The last level of every hierarchy is ``*`` (the attribute withheld).

- ``region``: Chinese addresses through the administrative-division tree (district -> city ->
  province -> country, real codes), US addresses ZIP5 -> ZIP3 -> state -> country.
- ``time``: hour -> day -> week -> month -> quarter -> year (weeks are the 1st-7th, 8th-14th,
  15th-21st, 22nd-28th and the rest of a month, so that a week lies inside one month).
- ``number``: the value -> bins (each coarser set of edges a subset of the finer one).
- ``category``: the value -> configured groups -> ``*``.
- ``prefix``: codes such as postcodes cut to shorter prefixes (``310012`` -> ``3100**``).

Values that could still carry personal data (a phone number typed into a weight or a category
column) are checked by the same detectors as ``mask`` the first time each distinct value is seen,
and withheld (an empty label) if they do.
"""
from __future__ import annotations

import math
import re
from ..lazy_re import lazy
from bisect import bisect_right
from datetime import date, timedelta

import numpy as np

from ..errors import ConfigError
from ..model import PERSONAL, EntityType

MISSING = 0  # leaf 0 of every hierarchy: empty, unparseable or withheld values
STAR = "*"
_DETECT_TYPES = PERSONAL | {EntityType.TRACKING}
_MEMO_MAX = 200_000


def personal(value: str, hint: EntityType | None = None) -> bool:
    """Whether ``value`` holds a direct identifier by the detectors ``mask`` uses."""
    from ..detect import detect_text

    return any(f.type in _DETECT_TYPES for f in detect_text(value, hint=hint))


class Hierarchy:
    kind = "?"
    weight = 1.0  # importance in the search's loss (set from the config)
    #: names of the levels, finest first; the last is always "*"
    levels: list[str]

    def __init__(self, levels: list[str]):
        self.levels = list(levels)
        if self.levels[-1] != STAR:
            self.levels.append(STAR)
        self.withheld = 0  # distinct values withheld because they hold personal data
        self._maps: dict[int, tuple[np.ndarray, list[tuple]]] = {}

    # -- coding
    def encode(self, value: str | None) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def size(self) -> int:
        """Number of leaves (including the MISSING leaf 0)."""
        raise NotImplementedError  # pragma: no cover

    def leaf_label(self, leaf: int, level: int) -> tuple:  # pragma: no cover - abstract
        raise NotImplementedError

    def leaf_finest(self, leaf: int) -> bool:
        """Whether ``leaf`` is at the hierarchy's finest granularity (district, ZIP5, hour)."""
        return leaf != MISSING

    def width(self) -> int:
        """Number of output columns."""
        return 1

    def out_columns(self, name: str) -> list[str]:
        return [name]

    # -- levels
    def level_map(self, level: int) -> tuple[np.ndarray, list[tuple]]:
        """(leaf -> group id as int32, labels of the groups) at ``level``."""
        got = self._maps.get(level)
        if got is not None and len(got[0]) == self.size:
            return got
        ids: dict[tuple, int] = {}
        labels: list[tuple] = []
        m = np.empty(self.size, dtype=np.int32)
        for leaf in range(self.size):
            lab = self.leaf_label(leaf, level)
            g = ids.get(lab)
            if g is None:
                g = ids[lab] = len(labels)
                labels.append(lab)
            m[leaf] = g
        self._maps[level] = (m, labels)
        return m, labels

    def lift(self, lo: int, hi: int) -> np.ndarray:
        """Group id at ``lo`` -> group id at ``hi`` (``hi`` >= ``lo``)."""
        mlo, lablo = self.level_map(lo)
        mhi, _ = self.level_map(hi)
        out = np.zeros(len(lablo), dtype=np.int32)
        out[mlo] = mhi
        return out

    def star(self, level: int) -> bool:
        return self.levels[level] == STAR

    def describe(self) -> dict:
        return {"kind": self.kind, "levels": self.levels}


class _Vocab:
    """Canonical leaf keys -> ids; id 0 is MISSING."""

    def __init__(self):
        self.ids: dict = {None: MISSING}
        self.keys: list = [None]

    def id(self, key) -> int:
        i = self.ids.get(key)
        if i is None:
            i = self.ids[key] = len(self.keys)
            self.keys.append(key)
        return i


# --------------------------------------------------------------------------- region

REGION_LEVELS = ("district", "city", "province", "country")
CN = "中国"

# ZIP3 prefixes -> state (USPS ranges)
_ZIP3_STATES = [
    (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"),
    (30, 38, "NH"), (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"),
    (70, 89, "NJ"), (90, 98, "AE"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"),
    (200, 200, "DC"), (201, 201, "VA"), (202, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"),
    (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"), (320, 339, "FL"),
    (340, 340, "AA"), (341, 349, "FL"), (350, 369, "AL"), (370, 385, "TN"), (386, 397, "MS"),
    (398, 399, "GA"), (400, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"),
    (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"),
    (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"),
    (680, 693, "NE"), (700, 714, "LA"), (716, 729, "AR"), (730, 749, "OK"), (750, 799, "TX"),
    (800, 816, "CO"), (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"),
    (870, 884, "NM"), (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"), (962, 966, "AP"),
    (967, 968, "HI"), (969, 969, "GU"), (970, 979, "OR"), (980, 994, "WA"), (995, 999, "AK"),
]
_ZIP_RE = lazy(r"^\s*(\d{5})(?:-\d{4})?\s*$")


def zip3_state(zip3: str) -> str | None:
    try:
        n = int(zip3)
    except ValueError:
        return None
    for lo, hi, st in _ZIP3_STATES:
        if lo <= n <= hi:
            return st
    return None


def short_code(code: str) -> str:
    """An adcode at its natural length: 6 digits for counties and above, 9 for towns."""
    if code[6:] == "000000":
        return code[:6]
    if code[9:] == "000":
        return code[:9]
    return code


def area_name(d) -> str:
    """Full name of a division with its ancestors (北京市朝阳区, not 北京市北京市朝阳区)."""
    chain = []
    x = d
    while x is not None:
        if not chain or chain[-1] != x.name:
            chain.append(x.name)
        x = x.parent
    return "".join(reversed(chain))


def cn_region_code(text: str) -> str | None:
    """12-digit code of the most specific division named in a Chinese address (the code of the
    ADDRESS_REGION finding ``mask`` keeps), or None."""
    from ..detectors import address_cn

    # fast path, the same result as address_cn.detect for an address that starts with its
    # division chain: a full province-city-county chain, or a 2-level chain that ends at the county
    # level (北京市朝阳区), for which detect also tries the chain one character later
    _, levels, _ = address_cn.parse_chain(text, 0)
    if len(levels) == 3:
        return levels[-1][2][0].code
    if len(levels) == 2 and levels[-1][2][0].level == 3:
        _, alt, _ = address_cn.parse_chain(text, 1)
        return (alt if len(alt) > 2 else levels)[-1][2][0].code
    from ..detect import detect_text

    for f in detect_text(text, hint=EntityType.ADDRESS, free_text=False):
        if f.type is EntityType.ADDRESS_REGION:
            code = dict(f.meta).get("code")
            if code:
                return code
    return None


class RegionHierarchy(Hierarchy):
    kind = "region"

    def __init__(self, levels=REGION_LEVELS):
        bad = [x for x in levels if x not in REGION_LEVELS + (STAR,)]
        if bad or list(levels) != sorted(levels, key=lambda x: (REGION_LEVELS + (STAR,)).index(x)):
            raise ConfigError(f"region levels must be in order among {', '.join(REGION_LEVELS)}")
        super().__init__(list(levels))
        from ..resources import divisions

        self.idx = divisions()
        self.vocab = _Vocab()

    @property
    def size(self) -> int:
        return len(self.vocab.keys)

    def encode(self, value: str | None) -> int:
        if not value or value.isspace():
            return MISSING
        if not value.isascii():
            code = cn_region_code(value)
            return self.vocab.id(("cn", code)) if code else MISSING
        m = _ZIP_RE.match(value)
        if m:
            return self.vocab.id(("us", m.group(1), None))
        from ..detectors.address_us import CITY_RE

        m = CITY_RE.search(value)
        if m:
            return self.vocab.id(("us", m.group("zip"), m.group("state")))
        return MISSING

    def leaf_finest(self, leaf: int) -> bool:
        key = self.vocab.keys[leaf]
        if key is None:
            return False
        if key[0] == "cn":
            d = self.idx.by_code.get(key[1])
            return d is not None and d.level == 3
        return key[1] is not None

    def width(self) -> int:
        return 2

    def out_columns(self, name: str) -> list[str]:
        return [f"{name}_area", f"{name}_code"]

    def _cn_at(self, d, name: str):
        if name == "district":
            return d
        if name == "city":
            if d.level == 3 and d.parent is not None and d.parent.level == 2:
                return d.parent
            return d  # a county-level city under a province stands for its own city
        x = d
        while x.parent is not None and x.level > 1:
            x = x.parent
        return x

    def leaf_label(self, leaf: int, level: int) -> tuple:
        return self.label_as(leaf, self.levels[level])

    def label_as(self, leaf: int, name: str) -> tuple:
        """The label of ``leaf`` at the level called ``name`` (district ... country, *)."""
        key = self.vocab.keys[leaf]
        if name == STAR:
            return (STAR, STAR)
        if key is None:
            return ("", "")
        if key[0] == "cn":
            if name == "country":
                return (CN, "CN")
            d = self.idx.by_code.get(key[1])
            if d is None:
                return ("", "")
            d = self._cn_at(d, name)
            return (area_name(d), short_code(d.code))
        _, z5, st = key
        if name == "country":
            return ("US", "US")
        state = (zip3_state(z5[:3]) if z5 else None) or st or ""
        if z5 is None or name == "province":
            return (f"US {state}".strip(), state)
        if name == "city":
            return (f"US ZIP {z5[:3]}xx", z5[:3])
        return (f"US ZIP {z5}", z5)


# --------------------------------------------------------------------------- time

TIME_LEVELS = ("hour", "day", "week", "month", "quarter", "year")
_TIME_RE = lazy(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*[,，]\s*)(\d{1,2})(?:\s*[:时点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}(?:\.\d+)?))?\s*秒?)?\s*分?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$")
_COMPACT_RE = lazy(r"^\s*(20\d{2}|19\d{2})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?\s*$")


def parse_time(value: str) -> tuple[int, int] | None:
    """(date ordinal, hour or -1) of a date or date-time text, or None."""
    m = _TIME_RE.match(value) or _COMPACT_RE.match(value)
    if not m:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    h = m.group(4)
    if h is None:
        return d.toordinal(), -1
    h = int(h)
    if h > 23:
        return None
    return d.toordinal(), h


class TimeHierarchy(Hierarchy):
    kind = "time"

    def __init__(self, levels=TIME_LEVELS):
        order = TIME_LEVELS + (STAR,)
        if any(x not in order for x in levels) or list(levels) != sorted(levels, key=order.index):
            raise ConfigError(f"time levels must be in order among {', '.join(TIME_LEVELS)}")
        super().__init__(list(levels))
        self.vocab = _Vocab()
        self.memo: dict[str, int] = {}

    @property
    def size(self) -> int:
        return len(self.vocab.keys)

    def encode(self, value: str | None) -> int:
        if not value:
            return MISSING
        got = self.memo.get(value)
        if got is not None:
            return got
        t = parse_time(value)
        leaf = MISSING if t is None else self.vocab.id(t)
        if len(self.memo) >= _MEMO_MAX:
            self.memo.clear()
        self.memo[value] = leaf
        return leaf

    def leaf_finest(self, leaf: int) -> bool:
        key = self.vocab.keys[leaf]
        return key is not None and key[1] >= 0

    def leaf_label(self, leaf: int, level: int) -> tuple:
        name = self.levels[level]
        key = self.vocab.keys[leaf]
        if name == STAR:
            return (STAR,)
        if key is None:
            return ("",)
        d = date.fromordinal(key[0])
        if name == "hour":
            return (f"{d.isoformat()}T{key[1]:02d}",) if key[1] >= 0 else (d.isoformat(),)
        if name == "day":
            return (d.isoformat(),)
        if name == "week":
            first = min(d.day - (d.day - 1) % 7, 22)
            start = d.replace(day=first)
            nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
            end = nxt - timedelta(days=1) if first == 22 else start + timedelta(days=6)
            return (f"{start.isoformat()}/{end.isoformat()}",)
        if name == "month":
            return (f"{d.year:04d}-{d.month:02d}",)
        if name == "quarter":
            return (f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",)
        return (f"{d.year:04d}",)


# --------------------------------------------------------------------------- numbers

WEIGHT_BINS = [[0, 0.5, 1, 2, 3, 5, 10, 20, 30, 50], [0, 1, 3, 5, 10, 20, 50], [0, 5, 20, 50]]
AMOUNT_BINS = [[0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
               [0, 10, 50, 100, 500, 1000, 5000], [0, 100, 1000]]
_NUM_RE = lazy(r"^\s*[¥￥$€]?\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*"
                     r"(?:kg|KG|Kg|g|元|公斤|千克|克|斤|件|个|cny|CNY|usd|USD|lb|lbs)?\s*$")


def parse_number(value: str) -> float | None:
    m = _NUM_RE.match(value)
    if not m:
        return None
    try:
        x = float(m.group(1).replace(",", ""))
    except ValueError:  # pragma: no cover
        return None
    return x if math.isfinite(x) else None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def check_bins(bins, where: str) -> list[list[float]]:
    out = []
    for b in bins:
        if not isinstance(b, list) or not b or not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                       for x in b):
            raise ConfigError(f"{where}: bins must be lists of numbers")
        if sorted(set(b)) != list(b):
            raise ConfigError(f"{where}: bin edges must be strictly increasing")
        out.append([float(x) for x in b])
    for fine, coarse in zip(out, out[1:]):
        if not set(coarse) <= set(fine):
            raise ConfigError(f"{where}: each coarser set of bin edges must be a subset of the finer one "
                              "(so that every bin lies inside one coarser bin)")
    return out


def nice_bins(values: list[float]) -> list[list[float]]:
    """Nested bins for a numeric column with no configured or known bins: about 8 quantile edges
    of the sample rounded to 1-2 significant digits, then every second and every fourth edge."""
    v = sorted(values)
    if not v:
        return [[0.0]]
    edges = set()
    for q in np.linspace(0, 1, 9):
        x = v[min(len(v) - 1, int(q * (len(v) - 1)))]
        if x == 0:
            edges.add(0.0)
            continue
        mag = 10 ** math.floor(math.log10(abs(x)))
        edges.add(float(math.floor(x / mag * 2) / 2 * mag))
    e = sorted(edges)
    levels = [e]
    if len(e) > 3:
        levels.append(e[::2])
    if len(e) > 6:
        levels.append(e[::4])
    return levels


class NumberHierarchy(Hierarchy):
    kind = "number"

    def __init__(self, bins: list[list[float]], exact: bool = True):
        names = (["exact"] if exact else []) + [f"bins{i + 1}" for i in range(len(bins))]
        super().__init__(names)
        self.bins = bins
        self.exact = exact
        self.vocab = _Vocab()
        self.memo: dict[str, int] = {}

    @property
    def size(self) -> int:
        return len(self.vocab.keys)

    def encode(self, value: str | None) -> int:
        if value is None:
            return MISSING
        got = self.memo.get(value)
        if got is not None:
            return got
        x = parse_number(value)
        if x is None or (abs(x) >= 1e6 and personal(value)):
            if x is not None:
                self.withheld += 1
            leaf = MISSING
        else:
            leaf = self.vocab.id(round(x, 6))
        if len(self.memo) >= _MEMO_MAX:
            self.memo.clear()
        self.memo[value] = leaf
        return leaf

    def leaf_label(self, leaf: int, level: int) -> tuple:
        name = self.levels[level]
        x = self.vocab.keys[leaf]
        if name == STAR:
            return (STAR,)
        if x is None:
            return ("",)
        if name == "exact":
            return (_fmt(x),)
        edges = self.bins[int(name[4:]) - 1]
        i = bisect_right(edges, x)
        if i == 0:
            return (f"<{_fmt(edges[0])}",)
        if i == len(edges):
            return (f">={_fmt(edges[-1])}",)
        return (f"[{_fmt(edges[i - 1])},{_fmt(edges[i])})",)

    def describe(self) -> dict:
        return {"kind": self.kind, "levels": self.levels, "bins": self.bins}


# --------------------------------------------------------------------------- categories


class CategoryHierarchy(Hierarchy):
    """Values as they are (after a personal-data check per distinct value), then configured groups
    (each a mapping of the level below), then ``*``. Also used, with no levels above the value, for
    the sensitive attribute and for columns configured ``keep``."""

    kind = "category"
    MAX_VALUES = 50_000
    OTHER = "(other)"

    def __init__(self, groups: list[dict] | None = None, hint: EntityType | None = None,
                 with_star: bool = True):
        self.groups = groups or []
        names = ["value"] + [f"group{i + 1}" for i in range(len(self.groups))]
        super().__init__(names if with_star else names)
        if not with_star:
            self.levels = names
        self.hint = hint
        self.vocab = _Vocab()
        self.overflow = 0

    @property
    def size(self) -> int:
        return len(self.vocab.keys)

    def encode(self, value: str | None) -> int:
        if value is None:
            return MISSING
        v = value.strip()
        if not v:
            return MISSING
        got = self.vocab.ids.get(v)
        if got is not None:
            return got
        if personal(v, self.hint):
            self.withheld += 1
            self.vocab.ids[v] = MISSING  # remembered as withheld
            return MISSING
        if len(self.vocab.keys) > self.MAX_VALUES:
            self.overflow += 1
            return self.vocab.id(self.OTHER)
        return self.vocab.id(v)

    def leaf_label(self, leaf: int, level: int) -> tuple:
        name = self.levels[level]
        v = self.vocab.keys[leaf]
        if name == STAR:
            return (STAR,)
        if v is None:
            return ("",)
        for g in self.groups[:level]:
            v = g.get(v, v)
        return (v,)

    def values(self) -> list[str]:
        return [k for k in self.vocab.keys[1:]]


class PrefixHierarchy(Hierarchy):
    """Codes cut to shorter prefixes (postcodes: ``310012`` -> ``3100**`` -> ``31****``)."""

    kind = "prefix"

    def __init__(self, lengths: list[int]):
        if not lengths or sorted(lengths, reverse=True) != list(lengths) or any(n < 0 for n in lengths):
            raise ConfigError("prefix lengths must be decreasing non-negative numbers")
        super().__init__([f"prefix{n}" for n in lengths])
        self.lengths = lengths
        self.vocab = _Vocab()

    @property
    def size(self) -> int:
        return len(self.vocab.keys)

    def encode(self, value: str | None) -> int:
        v = (value or "").strip()
        if not v or not v.isalnum() or len(v) > 12:
            return MISSING
        return self.vocab.id(v)

    def leaf_label(self, leaf: int, level: int) -> tuple:
        name = self.levels[level]
        v = self.vocab.keys[leaf]
        if name == STAR:
            return (STAR,)
        if v is None:
            return ("",)
        n = int(name[6:])
        return (v[:n] + "*" * max(0, len(v) - n),)


KINDS = ("region", "time", "number", "category", "prefix")
