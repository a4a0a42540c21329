"""What each column of an export is, for a release: a direct identifier (dropped), a
quasi-identifier (generalised along a hierarchy), the sensitive attribute, or kept as it is.

Direct identifiers are found the way ``mask`` finds personal data: the column name
(``waybill.engine.column_hint``) and the content of sampled cells (``waybill.detect.detect_text``
with that hint): names, phones, ID numbers, e-mails, address details, tracking numbers. An address
column is not released as text: its division (district code) becomes a quasi-identifier. Order
numbers and other row identifiers are dropped by name and by shape (long or unique numbers), free
text by its variety. Only what is positively recognised as a date, a number, a region or a
low-variety category is released; anything else is dropped, with the reason reported.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy
from collections import Counter
from dataclasses import dataclass

from ..engine import column_hint
from ..errors import ConfigError, UsageError
from ..model import PERSONAL, EntityType
from . import hierarchies as H
from .config import ReleaseConfig

T = EntityType
_IDENT = PERSONAL | {T.TRACKING}
_ID_NAME = lazy(r"(order|订单|单号|编号|流水|序号|sku|reference|uuid|guid|号码|编码|账号|account|"
                      r"(^|[\s_.\-])(id|no|num|number|ref|code)$|^id$|^#$)", re.I)
_ZIP_NAME = lazy(r"(zip|postal|post.?code|邮编|邮政编码)", re.I)
_WEIGHT_NAME = lazy(r"(weight|重量|kg|公斤|千克|斤)", re.I)
_AMOUNT_NAME = lazy(r"(amount|price|value|fee|cost|金额|价格|价值|运费|费用|货值|保价|元)", re.I)
_CN_POST = lazy(r"^\d{6}$")


@dataclass
class Column:
    name: str
    index: int
    role: str  # drop | qi | sensitive | keep
    kind: str | None = None  # hierarchy kind of a qi
    reason: str = ""
    hint: EntityType | None = None  # field type by name (mask's column hint)
    side: str | None = None  # recipient / sender
    found: str | None = None  # personal type found in the sample (phone, name, ...)
    hier: H.Hierarchy | None = None
    display: str = ""  # the name as reported (masked when the name itself is personal)

    def describe(self) -> dict:
        d = {"column": self.display or self.name, "role": self.role}
        if self.kind:
            d["kind"] = self.kind
        if self.reason:
            d["reason"] = self.reason
        return d


def _nonempty(values):
    return [v for v in values if v is not None and str(v).strip()]


def _personal_name(name: str) -> bool:
    from ..formats.structure import personal_findings

    return bool(personal_findings(name))


def _display(name: str, i: int) -> str:
    return f"column {i + 1} (name withheld: personal data)" if _personal_name(name) else name


def classify(columns: list[str], sample: list[list], cfg: ReleaseConfig, sensitive: str | None = None,
             keep_hints: bool = False) -> list[Column]:
    """Plan every column from its name and the sampled rows."""
    from ..detect import detect_text

    roles = dict(cfg.roles)
    if sensitive is not None:
        roles[sensitive] = "sensitive"
    for name in roles:
        if name not in columns:
            raise (UsageError if name == sensitive else ConfigError)(
                f"no column named '{name}' in the input (columns: {', '.join(columns[:30])})")
    out: list[Column] = []
    for i, name in enumerate(columns):
        hint, side = column_hint(name, cfg.hints)
        col = Column(name, i, "drop", hint=hint, side=side, display=_display(name, i))
        vals = _nonempty(r[i] if i < len(r) else None for r in sample)
        found = Counter()
        region_hits = 0
        probe = H.RegionHierarchy()
        for v in vals:
            for f in detect_text(v, hint=hint, role=side):
                if f.type in _IDENT:
                    found[f.type] += 1
            # a bare 5-digit number is a ZIP code only in a column named so
            if probe.encode(v) != H.MISSING and (not H._ZIP_RE.match(v) or _ZIP_NAME.search(name)):
                region_hits += 1
        if found:
            col.found = found.most_common(1)[0][0].value
        role = roles.get(name)
        if col.display != name and role not in (None, "drop"):
            raise ConfigError(f"column {i + 1}: its name holds personal data; it can only be dropped")
        if role is not None:
            _forced(col, role, vals, found)
            out.append(col)
            continue
        _auto(col, vals, found, region_hits)
        out.append(col)
    return out


def _forced(col: Column, role: str, vals, found) -> None:
    if role == "drop":
        col.reason = "configured"
        return
    if role in ("sensitive", "keep"):
        kind = "the sensitive attribute" if role == "sensitive" else "kept as it is"
        if col.hint in _IDENT or found:
            what = (col.found or (col.hint.value if col.hint else "personal data"))
            raise UsageError(f"column '{col.display}' holds direct identifiers ({what}); it cannot be "
                             f"released as {kind}")
        col.role = role
        col.reason = "configured" if role == "keep" else "--sensitive"
        return
    col.role = "qi"
    col.kind = role if role != "qi" else (_kind_of(col, vals) or "category")
    col.reason = "configured"
    if col.kind == "category" and (col.hint in _IDENT or found):
        raise UsageError(f"column '{col.display}' holds direct identifiers; it cannot be a category")


def _kind_of(col: Column, vals) -> str | None:
    n = len(vals)
    if not n:
        return None
    if sum(H.parse_time(v) is not None for v in vals) >= 0.9 * n:
        return "time"
    if _ZIP_NAME.search(col.name):
        if sum(bool(H._ZIP_RE.match(v)) for v in vals) >= 0.9 * n:
            return "region"
        if sum(bool(_CN_POST.match(v.strip())) for v in vals) >= 0.9 * n:
            return "prefix"
    nums = [H.parse_number(v) for v in vals]
    if sum(x is not None for x in nums) >= 0.9 * n:
        return "number"
    return None


def _auto(col: Column, vals, found, region_hits: int) -> None:
    n = len(vals)
    if not n:
        col.reason = "empty in the sample"
        return
    if region_hits >= 0.5 * n and (col.hint in (T.ADDRESS, None) or region_hits >= 0.9 * n):
        col.role, col.kind = "qi", "region"
        col.reason = "address: only its division is released" if (col.hint is T.ADDRESS or found) \
            else "region"
        return
    if col.hint in _IDENT:
        col.reason = f"direct identifier ({col.hint.value}, by column name)"
        return
    if found:
        top = ", ".join(f"{t.value} x{c}" for t, c in found.most_common(3))
        col.reason = f"holds personal data in the sample ({top})"
        return
    if _ID_NAME.search(col.name) and not _ZIP_NAME.search(col.name):
        col.reason = "record identifier (by column name)"
        return
    kind = _kind_of(col, vals)
    distinct = len(set(vals))
    if kind == "number":
        nums = [x for x in (H.parse_number(v) for v in vals) if x is not None]
        integral = all(float(x).is_integer() for x in nums)
        if integral and max(abs(x) for x in nums) >= 1e6:
            col.reason = "long numbers (identifier-like)"
            return
        if integral and n >= 50 and distinct >= 0.9 * n:
            col.reason = "unique numbers (identifier-like)"
            return
    if kind is not None:
        col.role, col.kind = "qi", kind
        col.reason = kind
        return
    avg = sum(len(v) for v in vals) / n
    if (distinct <= 50 or distinct <= 0.2 * n) and avg <= 40:
        col.role, col.kind = "qi", "category"
        col.reason = "category"
        return
    col.reason = "free text or identifier-like (high variety)"


DEFAULT_WEIGHTS = {"region": 8.0, "time": 4.0, "category": 2.0}


def build_hierarchy(col: Column, cfg: ReleaseConfig, sample_vals: list[str]) -> H.Hierarchy:
    """The hierarchy of a quasi-identifier column: configured by column name, else by kind."""
    h = cfg.hierarchies.get(col.name) or cfg.hierarchies.get(col.kind) or {}
    hier = _build(col, cfg, h, sample_vals)
    hier.weight = float(h.get("weight", DEFAULT_WEIGHTS.get(hier.kind, 1.0)))
    return hier


def _build(col: Column, cfg: ReleaseConfig, h: dict, sample_vals: list[str]) -> H.Hierarchy:
    kind = h.get("kind", col.kind)
    where = f"release.hierarchies.{col.name if col.name in cfg.hierarchies else kind}"
    if kind != col.kind and col.kind is not None and col.name in cfg.hierarchies:
        col.kind = kind
    try:
        if kind == "region":
            return H.RegionHierarchy(h.get("levels", H.REGION_LEVELS))
        if kind == "time":
            return H.TimeHierarchy(h.get("levels", H.TIME_LEVELS))
        if kind == "number":
            bins = h.get("bins")
            if bins is None:
                if _WEIGHT_NAME.search(col.name):
                    bins = H.WEIGHT_BINS
                elif _AMOUNT_NAME.search(col.name):
                    bins = H.AMOUNT_BINS
                else:
                    bins = H.nice_bins([x for x in (H.parse_number(v) for v in sample_vals) if x is not None])
            return H.NumberHierarchy([list(map(float, b)) for b in bins], h.get("exact", True))
        if kind == "prefix":
            return H.PrefixHierarchy(h.get("lengths", [6, 4, 3, 2]))
        return H.CategoryHierarchy(h.get("groups"), hint=col.hint)
    except ConfigError as e:
        raise ConfigError(f"{where}: {e.message}") from None
