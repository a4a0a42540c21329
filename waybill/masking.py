"""Masking operators, presets and per-field overrides.

One operator per style; a preset maps each entity type to an operator; a TOML config can override
per type. Operators keep the original's shape where they can (separators, length).
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from .errors import ConfigError, UsageError
from .model import EntityType, Finding

T = EntityType
MASK = "*"

PRESETS: dict[str, dict[EntityType, str]] = {
    "share": {
        T.NAME: "partial", T.PHONE: "partial", T.LANDLINE: "partial", T.PHONE_INTL: "partial",
        T.ID_CARD: "partial", T.EMAIL: "partial", T.ADDRESS: "redact", T.ADDRESS_REGION: "keep",
        T.TRACKING: "keep", T.VIRTUAL_PHONE: "keep", T.MASKED: "keep",
    },
    "print": {
        T.NAME: "partial", T.PHONE: "virtual", T.LANDLINE: "virtual", T.PHONE_INTL: "partial",
        T.ID_CARD: "partial", T.EMAIL: "partial", T.ADDRESS: "keep", T.ADDRESS_REGION: "keep",
        T.TRACKING: "keep", T.VIRTUAL_PHONE: "keep", T.MASKED: "keep",
    },
    "dispose": {t: "redact" for t in EntityType},
}
OPERATORS = ("keep", "partial", "redact", "virtual")


class TokenSource(Protocol):
    def token_for(self, number: str) -> str: ...


def _star_chars(s: str, keep: Callable[[int, str], bool]) -> str:
    return "".join(c if keep(i, c) else MASK for i, c in enumerate(s))


def redact(f: Finding) -> str:
    return "".join(c if c in " \u3000\t\n" else MASK for c in f.text)


def _mask_digits(s: str, keep_first: int, keep_last: int) -> str:
    if s.isdigit() and s.isascii():  # the common case: plain digits
        n = len(s)
        if keep_first + keep_last >= n:
            return s
        return s[:keep_first] + MASK * (n - keep_first - keep_last) + (s[n - keep_last:] if keep_last else "")
    total = sum(c.isdigit() for c in s)
    out, seen = [], 0
    for c in s:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= keep_first or seen > total - keep_last else MASK)
        else:
            out.append(c)
    return "".join(out)


def partial(f: Finding) -> str:
    meta = dict(f.meta) if f.meta else {}
    s = f.text
    if f.type == T.NAME:
        if meta.get("latin"):
            # J*** S****: first letter of each word kept
            return re.sub(r"[A-Za-zÀ-ÖØ-öø-ÿ'’\-]+", lambda m: m.group()[0] + MASK * (len(m.group()) - 1), s)
        sl = meta.get("surname_len", 1)
        if len(s) <= sl:
            return s  # a lone surname (张先生) carries no given name
        rest = s[sl:]
        if "·" in rest or "•" in rest or " " in rest:
            return s[:sl] + _star_chars(rest, lambda i, c: c in "·• ")
        return s[:sl] + MASK * len(rest)
    if f.type == T.PHONE:
        cc = meta.get("cc_len", 0)
        return s[:cc] + _mask_digits(s[cc:], 3, 4)
    if f.type == T.LANDLINE:
        a = meta.get("area_end", 0)
        body = s[a:]
        # keep the last 4 digits of the local number; an extension is masked too
        m = re.search(r"(转|ext\.?|x|#|分机|(?<=\d{4})-)\s?\d+$", body)
        local, ext = (body[: m.start()], body[m.start():]) if m else (body, "")
        return s[:a] + _mask_digits(local, 0, 4) + _mask_digits(ext, 0, 0)
    if f.type == T.PHONE_INTL:
        n = sum(c.isdigit() for c in s)
        return _mask_digits(s, max(0, n - 7) if n >= 10 else 0, 4)
    if f.type == T.ID_CARD:
        return s[:6] + MASK * max(0, len(s) - 10) + s[-4:]
    if f.type == T.EMAIL:
        local, _, domain = s.partition("@")
        return local[:1] + MASK * (len(local) - 1) + "@" + domain
    if f.type == T.ADDRESS:
        return redact(f)
    return s


@dataclass
class Policy:
    preset: str = "share"
    ops: dict[EntityType, str] = field(default_factory=dict)
    region: str = "US"
    columns: dict[str, EntityType] = field(default_factory=dict)
    vault_ttl_days: int = 30
    image_style: str = "fill"

    def op(self, t: EntityType) -> str:
        return self.ops.get(t) or PRESETS[self.preset][t]

    @property
    def needs_vault(self) -> bool:
        return any(self.op(t) == "virtual" for t in EntityType)


_TYPE_ALIASES = {"mobile": T.PHONE, "phone": T.PHONE, "landline": T.LANDLINE, "phone_intl": T.PHONE_INTL,
                 "name": T.NAME, "address": T.ADDRESS, "address_detail": T.ADDRESS,
                 "address_region": T.ADDRESS_REGION, "id": T.ID_CARD, "id_card": T.ID_CARD,
                 "email": T.EMAIL, "tracking": T.TRACKING, "virtual_phone": T.VIRTUAL_PHONE,
                 "masked": T.MASKED}


def _parse_type(key: str, where: str) -> EntityType:
    t = _TYPE_ALIASES.get(key.lower())
    if t is None:
        raise ConfigError(f"{where}: unknown field type '{key}' (known: {', '.join(sorted(_TYPE_ALIASES))})")
    return t


def load_policy(preset: str | None = None, config: Path | None = None, cwd: Path | None = None) -> Policy:
    """Preset plus overrides from ``config`` or ``[tool.waybill]`` in ./pyproject.toml."""
    data: dict = {}
    where = ""
    if config is not None:
        where = str(config)
        try:
            data = tomllib.loads(Path(config).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {config}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{config}: not valid TOML ({e.__class__.__name__})") from None
        data = data.get("tool", {}).get("waybill", data)
    else:
        pp = (cwd or Path(os.getcwd())) / "pyproject.toml"
        if pp.is_file():
            try:
                data = tomllib.loads(pp.read_text("utf-8")).get("tool", {}).get("waybill", {})
                where = f"{pp} [tool.waybill]"
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    known = {"preset", "mask", "region", "columns", "vault", "image"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s): {', '.join(sorted(unknown))}")
    chosen = preset or data.get("preset") or "share"
    if chosen not in PRESETS:
        raise (ConfigError if preset is None else UsageError)(
            f"unknown preset '{chosen}' (choose share, print or dispose)")
    pol = Policy(preset=chosen, region=str(data.get("region", "US")).upper())
    mask = data.get("mask", {})
    if not isinstance(mask, dict):
        raise ConfigError(f"{where}: [mask] must be a table of field = operator")
    for k, v in mask.items():
        t = _parse_type(k, where)
        if v not in OPERATORS:
            raise ConfigError(f"{where}: mask.{k} = '{v}' is not an operator ({', '.join(OPERATORS)})")
        if v == "virtual" and t not in (T.PHONE, T.LANDLINE):
            raise ConfigError(f"{where}: mask.{k}: 'virtual' applies to phone and landline only")
        pol.ops[t] = v
    cols = data.get("columns", {})
    if not isinstance(cols, dict):
        raise ConfigError(f"{where}: [columns] must be a table of column = field type")
    for k, v in cols.items():
        pol.columns[str(k).strip().lower()] = _parse_type(str(v), where)
    image = data.get("image", {})
    if image:
        style = image.get("style", "fill") if isinstance(image, dict) else None
        if style not in ("fill", "text"):
            raise ConfigError(f"{where}: image.style must be 'fill' or 'text' (never blur or pixelate)")
        pol.image_style = style
    vault = data.get("vault", {})
    if isinstance(vault, dict) and "ttl_days" in vault:
        try:
            pol.vault_ttl_days = int(vault["ttl_days"])
            assert pol.vault_ttl_days > 0
        except (TypeError, ValueError, AssertionError):
            raise ConfigError(f"{where}: vault.ttl_days must be a positive integer") from None
    return pol


@dataclass(slots=True, unsafe_hash=True)
class Action:
    finding: Finding
    method: str
    replacement: str


class Masker:
    def __init__(self, policy: Policy, tokens: TokenSource | None = None):
        if policy.needs_vault and tokens is None:
            raise UsageError("this preset makes virtual numbers and needs a vault key")
        self.policy = policy
        self.tokens = tokens
        self._ops = {t: policy.op(t) for t in EntityType}

    def op(self, t: EntityType) -> str:
        return self._ops[t]

    def replacement(self, f: Finding) -> tuple[str, str]:
        op = self._ops[f.type]
        if op == "keep":
            return "keep", f.text
        if op == "redact":
            return "redact", redact(f)
        if op == "virtual":
            digits = "".join(c for c in f.text if c.isdigit())
            cc = f.metadict().get("cc_len", 0)
            if cc:
                digits = "".join(c for c in f.text[cc:] if c.isdigit())
            return "virtual", self.tokens.token_for(digits)  # type: ignore[union-attr]
        return "partial", partial(f)

    def mask(self, text: str, findings: list[Finding]) -> tuple[str, list[Action]]:
        if len(findings) == 1:
            f = findings[0]
            method, rep = self.replacement(f)
            if rep == f.text:
                return text, [Action(f, method, rep)]
            return text[: f.start] + rep + text[f.end:], [Action(f, method, rep)]
        actions = []
        out = text
        for f in sorted(findings, key=lambda f: f.start, reverse=True):
            method, rep = self.replacement(f)
            actions.append(Action(f, method, rep))
            if rep != f.text:
                out = out[: f.start] + rep + out[f.end:]
        actions.reverse()
        return out, actions
