"""Settings of ``waybill release`` and ``waybill counts`` from a TOML file (``--config``).

```toml
[columns]                      # column-name hints, as for mask: column = field type
"recv_tel" = "phone"

[release]
max_suppression = 0.05         # share of records that may be suppressed
optimize = "loss"              # among the least generalisations: least weighted loss, or "dm"
sample_rows = 1000             # rows read to classify the columns
[release.columns]              # role of a column: drop | keep | sensitive | qi | region | time |
"备注" = "drop"                 #   number | category | prefix (qi: kind chosen from the values)
[release.hierarchies.region]   # per kind (region, time) or per column name
levels = ["district", "city", "province", "country"]
weight = 8                     # importance in the loss (default: region 8, time 4, category 2, others 1)
[release.hierarchies.time]
levels = ["hour", "day", "week", "month", "quarter", "year"]
[release.hierarchies."重量kg"]
kind = "number"
bins = [[0, 1, 2, 5, 10, 20, 50], [0, 5, 20, 50]]
exact = true
[release.hierarchies."商品类别"]
kind = "category"
groups = [{ "手机" = "数码", "电脑" = "数码" }]

[counts]
budget = 3.0                   # total epsilon per data set, over all its releases
bound = 3                      # parcels one recipient may contribute to a release
ledger = "/srv/waybill/ledger.jsonl"   # default: $WAYBILL_HOME/ledger.jsonl
person = "收件人电话"            # column whose HMAC keys a person
address = "收件地址"
time = "下单时间"
[counts.domains]               # public value sets of categorical --by fields
"商品类别" = ["服装", "数码", "食品"]
```
The file may also hold these tables under ``[tool.waybill]``. Unknown keys and wrong types exit 9
with the key named. (``waybill mask`` refuses ``release``/``counts`` tables in its own config, so
keep them in a file of their own.)
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..model import EntityType
from .hierarchies import KINDS

ROLES = ("drop", "keep", "sensitive", "qi") + KINDS


@dataclass
class ReleaseConfig:
    max_suppression: float = 0.05
    sample_rows: int = 1000
    roles: dict[str, str] = field(default_factory=dict)  # column -> role
    hierarchies: dict[str, dict] = field(default_factory=dict)  # kind or column -> settings
    hints: dict[str, EntityType] = field(default_factory=dict)  # lower-cased column -> field type
    optimize: str = "loss"  # loss: weighted generalisation height; dm: discernibility metric


@dataclass
class CountsConfig:
    budget: float = 3.0
    bound: int = 3
    ledger: Path | None = None
    person: str | None = None
    address: str | None = None
    time: str | None = None
    domains: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Config:
    release: ReleaseConfig = field(default_factory=ReleaseConfig)
    counts: CountsConfig = field(default_factory=CountsConfig)
    where: str = ""


def _table(d, key: str, where: str) -> dict:
    v = d.get(key, {})
    if not isinstance(v, dict):
        raise ConfigError(f"{where}: [{key}] must be a table")
    return v


def _unknown(d: dict, known: set, where: str, prefix: str) -> None:
    bad = sorted(set(d) - known)
    if bad:
        raise ConfigError(f"{where}: unknown setting(s): {', '.join(prefix + b for b in bad)}")


def _number(v, where: str, key: str, lo: float, hi: float, integer: bool = False):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)) \
            or not lo <= v <= hi:
        kind = "an integer" if integer else "a number"
        raise ConfigError(f"{where}: {key} must be {kind} from {lo:g} to {hi:g}")
    return v


def load(path: Path | None) -> Config:
    cfg = Config()
    if path is None:
        return cfg
    where = str(path)
    cfg.where = where
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e.__class__.__name__})") from None
    data = data.get("tool", {}).get("waybill", data)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    # the settings of mask may sit in the same file; only these tables are read here
    hints = _table(data, "columns", where)
    if hints:
        from ..masking import _parse_type

        for k, v in hints.items():
            cfg.release.hints[str(k).strip().lower()] = _parse_type(str(v), where)
    rel = _table(data, "release", where)
    _unknown(rel, {"max_suppression", "sample_rows", "columns", "hierarchies", "optimize"}, where, "release.")
    if "optimize" in rel:
        if rel["optimize"] not in ("loss", "dm"):
            raise ConfigError(f"{where}: release.optimize must be 'loss' or 'dm'")
        cfg.release.optimize = rel["optimize"]
    if "max_suppression" in rel:
        cfg.release.max_suppression = float(_number(rel["max_suppression"], where,
                                                    "release.max_suppression", 0, 1))
    if "sample_rows" in rel:
        cfg.release.sample_rows = _number(rel["sample_rows"], where, "release.sample_rows", 10, 1e7, True)
    for col, role in _table(rel, "columns", where).items():
        if role not in ROLES:
            raise ConfigError(f"{where}: release.columns.{col} = '{role}' is not a role ({', '.join(ROLES)})")
        cfg.release.roles[str(col)] = role
    for name, h in _table(rel, "hierarchies", where).items():
        if not isinstance(h, dict):
            raise ConfigError(f"{where}: release.hierarchies.{name} must be a table")
        _unknown(h, {"kind", "levels", "bins", "exact", "groups", "lengths", "weight"}, where,
                 f"release.hierarchies.{name}.")
        kind = h.get("kind", name if name in ("region", "time") else None)
        if kind not in KINDS:
            raise ConfigError(f"{where}: release.hierarchies.{name}: kind must be one of {', '.join(KINDS)}")
        if "levels" in h and (not isinstance(h["levels"], list) or not all(isinstance(x, str) for x in h["levels"])
                              or not h["levels"]):
            raise ConfigError(f"{where}: release.hierarchies.{name}.levels must be a list of level names")
        if "weight" in h:
            _number(h["weight"], where, f"release.hierarchies.{name}.weight", 0, 1e6)
        if "exact" in h and not isinstance(h["exact"], bool):
            raise ConfigError(f"{where}: release.hierarchies.{name}.exact must be true or false")
        if "groups" in h and (not isinstance(h["groups"], list) or not all(
                isinstance(g, dict) and all(isinstance(v, str) for v in g.values()) for g in h["groups"])):
            raise ConfigError(f"{where}: release.hierarchies.{name}.groups must be a list of tables value = group")
        if "lengths" in h and (not isinstance(h["lengths"], list) or not all(
                isinstance(n, int) and not isinstance(n, bool) for n in h["lengths"])):
            raise ConfigError(f"{where}: release.hierarchies.{name}.lengths must be a list of integers")
        if "bins" in h:
            from .hierarchies import check_bins

            h = dict(h, bins=check_bins(h["bins"], f"{where}: release.hierarchies.{name}"))
        cfg.release.hierarchies[str(name)] = dict(h, kind=kind)
    cnt = _table(data, "counts", where)
    _unknown(cnt, {"budget", "bound", "ledger", "person", "address", "time", "domains"}, where, "counts.")
    if "budget" in cnt:
        cfg.counts.budget = float(_number(cnt["budget"], where, "counts.budget", 0, 1e6))
    if "bound" in cnt:
        cfg.counts.bound = _number(cnt["bound"], where, "counts.bound", 1, 1e6, True)
    if "ledger" in cnt:
        if not isinstance(cnt["ledger"], str) or not cnt["ledger"]:
            raise ConfigError(f"{where}: counts.ledger must be a path")
        cfg.counts.ledger = Path(cnt["ledger"]).expanduser()
    for k in ("person", "address", "time"):
        if k in cnt:
            if not isinstance(cnt[k], str):
                raise ConfigError(f"{where}: counts.{k} must be a column name")
            setattr(cfg.counts, k, cnt[k])
    for k, v in _table(cnt, "domains", where).items():
        if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"{where}: counts.domains.{k} must be a non-empty list of values")
        cfg.counts.domains[str(k)] = list(dict.fromkeys(v))
    return cfg
