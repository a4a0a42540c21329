"""Masking operators, presets and per-field overrides.

One operator per style; a preset maps each entity type to an operator; a TOML config can override
per type. Operators keep the original's shape where they can (separators, length).
"""
from __future__ import annotations

import os
import re
from .lazy_re import lazy
import unicodedata
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from .errors import ConfigError, UsageError
from .model import RECORD_KINDS, EntityType, Finding
from .detectors.email import AT_RE
from .normalize import DIGIT_OF, DOTS, INVISIBLE, SPACING_ACCENTS, UNCASED_SCRIPTS, AS_DIGITS, letters_as_digits

T = EntityType
MASK = "*"

PRESETS: dict[str, dict[EntityType, str]] = {
    "share": {
        T.NAME: "partial", T.PHONE: "partial", T.LANDLINE: "partial", T.PHONE_INTL: "partial",
        T.ID_CARD: "partial", T.EMAIL: "partial", T.ADDRESS: "redact", T.ADDRESS_REGION: "keep",
        T.TRACKING: "keep", T.VIRTUAL_PHONE: "keep", T.MASKED: "keep", **{t: "redact" for t in RECORD_KINDS},
    },
    "print": {
        T.NAME: "partial", T.PHONE: "virtual", T.LANDLINE: "virtual", T.PHONE_INTL: "partial",
        T.ID_CARD: "partial", T.EMAIL: "partial", T.ADDRESS: "unit", T.ADDRESS_REGION: "keep",
        T.TRACKING: "keep", T.VIRTUAL_PHONE: "keep", T.MASKED: "keep", **{t: "redact" for t in RECORD_KINDS},
    },
    "dispose": {t: "redact" for t in EntityType},
}
# how ``partial`` shows a phone number: GB/T 41833-2022 asks for at least 6 hidden digits, so the
# default keeps only the last 4 ("尾号", as pickup stations read them); "3-4" (138****5678, 4 hidden
# digits) does not comply and is only there for configs that ask for it
PHONE_STYLES = ("last4", "3-4")


class TokenSource(Protocol):
    def token_for(self, number: str) -> str: ...


def _star_chars(s: str, keep: Callable[[int, str], bool]) -> str:
    return "".join(c if keep(i, c) else MASK for i, c in enumerate(s))


_NOT_BLANK = lazy("[^ \u3000\t\n]")


def redact(f: Finding) -> str:
    """Every character but spaces, ideographic spaces, tabs and newlines masked."""
    return _NOT_BLANK.sub(MASK, f.text)


# whether a character a name keeps (a middle dot, an invisible character) could be a letter
_BREAK_IS_ALPHA = any(c.isalpha() for c in DOTS) or any(c.isalpha() for c in INVISIBLE)
_DIGITS = frozenset("0123456789") | frozenset(DIGIT_OF) | frozenset(chr(0xFF10 + i) for i in range(10))


def _isdigit(c: str) -> bool:
    return c in _DIGITS or c.isdigit()


_ASCII_DIGITS_MASKED = str.maketrans("0123456789", MASK * 10)
_DROP_ASCII_DIGITS = str.maketrans("", "", "0123456789")


def _count_digits(s: str) -> int:
    if s.isascii():
        return len(s) - len(s.translate(_DROP_ASCII_DIGITS))
    return sum(map(_isdigit, s))


def _mask_digits(s: str, keep_first: int, keep_last: int) -> str:
    if s.isdigit() and s.isascii():  # the common case: plain digits
        n = len(s)
        if keep_first + keep_last >= n:
            return s
        return s[:keep_first] + MASK * (n - keep_first - keep_last) + (s[n - keep_last:] if keep_last else "")
    if s.isascii():  # ASCII with separators ("(960) 567-8684", "-1234"): only 0-9 are digits
        if not keep_first and not keep_last:  # every digit hidden (an extension)
            return s.translate(_ASCII_DIGITS_MASKED)
        total = len(s) - len(s.translate(_DROP_ASCII_DIGITS))
        if keep_first + keep_last >= total:
            return s
        # s[a:b] holds exactly the digits between the first keep_first and the last keep_last
        a = seen = 0
        while seen < keep_first:
            seen += "0" <= s[a] <= "9"
            a += 1
        b, seen = len(s), 0
        while seen < keep_last:
            b -= 1
            seen += "0" <= s[b] <= "9"
        return s[:a] + s[a:b].translate(_ASCII_DIGITS_MASKED) + s[b:]
    flags = [c in _DIGITS or c.isdigit() for c in s]
    total = sum(flags)
    out, seen = [], 0
    for c, d in zip(s, flags):
        if d:
            seen += 1
            out.append(c if seen <= keep_first or seen > total - keep_last else MASK)
        else:
            out.append(c)
    return "".join(out)


def mask_mobile(s: str, style: str = "last4") -> str:
    """A plain mobile number (digits only) in the ``partial`` style."""
    if len(s) == 11:
        return (s[:3] + "****" if style == "3-4" else "*******") + s[7:]
    return _mask_digits(s, 3 if style == "3-4" else 0, 4)


# unit/room part of an address (GB/T 41833-2022: a privacy waybill hides it; ``print`` keeps the
# rest of the address for the courier): building, unit, floor-room numbers and apartment numbers
_UNIT_CN = lazy(
    r"[0-9A-Za-z]+(?=\s*(?:号楼|栋|幢|座|单元|层|楼|室|户|房|号房))"
    r"|(?<![0-9A-Za-z])\d{1,4}(?:[-－]\d{1,4}){1,3}(?![0-9A-Za-z])"
    r"|(?:(?<=单元)|(?<=号楼)|(?<=栋)|(?<=幢)|(?<=座))\s*\d{2,5}")
_UNIT_US = lazy(r"(?i)(?:\b(?:apt|apartment|unit|suite|ste|rm|room|fl|floor|bldg|building|lot|trlr|#)\.?\s*#?\s*)"
                      r"([0-9A-Za-z][0-9A-Za-z\-]{0,7})|#\s*([0-9A-Za-z\-]{1,8})")


def unit_mask(s: str) -> str:
    """The address ``s`` with only its unit/room part masked."""
    chars = list(s)
    for m in _UNIT_CN.finditer(s):
        for k in range(m.start(), m.end()):
            if not chars[k].isspace() and chars[k] not in "-－":
                chars[k] = MASK
    for m in _UNIT_US.finditer(s):
        g = 1 if m.group(1) is not None else 2
        for k in range(m.start(g), m.end(g)):
            chars[k] = MASK
    return "".join(chars)


_PLAIN_MOBILE_META = (("cc_len", 0),)
_PHONE_TYPES = (T.PHONE, T.LANDLINE, T.PHONE_INTL)
_ANY_DIGIT = lazy(r"\d")
# (a word goes on over combining accents, invisible characters and spacing accents inside it:
# 'Ame\u0301lie' written decomposed, 'Jo\u200bhn', 'N˜zamett˜n' showed the letters after them)
_UNCASED = lazy(f"[{UNCASED_SCRIPTS}]")
_SPACE_WORD = lazy(r"[^\s,،;:|/]+")
_LATIN_WORD = lazy(r"(?:[^\W\d_]|['’\-])(?:[^\W\d_]|['’\-\u0300-\u036f"
                         + "".join(sorted(INVISIBLE | SPACING_ACCENTS)) + "])*")


_DOTTED = lazy(r"(?<![^\W\d_])[^\W\d_](?:\.[^\W\d_]){2,}(?![^\W\d_])")


def partial(f: Finding, phone_style: str = "last4") -> str:
    s = f.text
    if f.type is T.PHONE and f.meta == _PLAIN_MOBILE_META and len(s) == 11 and s.isdigit() and s.isascii():
        return mask_mobile(s, phone_style)  # the common case: 11 plain digits, no country code or extension
    meta = dict(f.meta) if f.meta else {}
    if f.type in _PHONE_TYPES and any(c in "OolI" for c in s):
        # a number written with letters for digits ('+49 l5l2 3457l38'): the letters are digits
        # here, masked and kept as digits are (a kept 'l' would show where a 1 stands)
        s = letters_as_digits(s) or (s.translate(AS_DIGITS) if all(not c.isalpha() or c in "OolIS" for c in s) else s)
    if f.type == T.NAME:
        if meta.get("latin") and _UNCASED.search(s):
            # a script whose letters carry vowel signs and marks that are no word characters
            # (Devanagari 'राहुल', Arabic harakat, Thai): the first character of each word kept,
            # every other character hidden
            return _SPACE_WORD.sub(lambda m: m.group()[0] + MASK * (len(m.group()) - 1), s)
        if meta.get("latin"):
            # J*** S****: first letter of each word kept
            # (every letter of the word counts, not only Latin-1 ones: Ayşe Yılmaz -> A*** Y*****)
            # (a word written letter by letter with dots is one word: 'J.O.H.N S.M.I.T.H' kept every
            # letter as an initial and stood whole; found by hand. 'J. P. Morgenstern' keeps its initials)
            if "." in s:
                s = _DOTTED.sub(lambda m: m.group()[0] + "".join(MASK if c.isalpha() else c for c in m.group()[1:]), s)
            out = _LATIN_WORD.sub(lambda m: m.group()[0] + MASK * (len(m.group()) - 1), s)
            # a name holds no digits: digits in what was taken for a name (a whole one-line address
            # read as a block's name line) are hidden too, never kept like an initial
            return _ANY_DIGIT.sub(MASK, out) if any(c.isdigit() for c in out) else out
        sl = meta.get("surname_len", 1)
        if len(s) <= sl:
            return s  # a lone surname (张先生) carries no given name
        rest = s[sl:]
        if rest.isalpha() and not _BREAK_IS_ALPHA:  # the common case: letters only
            return s[:sl] + MASK * len(rest)
        if any(c in DOTS or c.isspace() or c in INVISIBLE for c in rest):
            return s[:sl] + _star_chars(rest, lambda i, c: c in DOTS or c.isspace() or c in INVISIBLE)
        return s[:sl] + MASK * len(rest)
    if f.type == T.PHONE:
        cc = meta.get("cc_len", 0)
        ext_at = meta.get("ext_at", 0)
        body, ext = (s[cc:ext_at], s[ext_at:]) if ext_at else (s[cc:], "")
        # at least 6 digits hidden (GB/T 41833-2022): the last 4 of 10 or more stay, fewer of a
        # shorter number (a local number of 8 digits found without its area code keeps 2); an
        # extension is hidden too
        if phone_style == "3-4":
            first, last = 3, 4
        else:
            n = _count_digits(body)
            first, last = 0, (4 if n >= 10 else max(0, n - 6))
        return s[:cc] + _mask_digits(body, first, last) + (_mask_digits(ext, 0, 0) if ext else "")
    if f.type == T.LANDLINE:
        a = meta.get("area_end", 0)
        body = s[a:]
        m = re.search(r"(转|ext\.?|x|#|分机|(?<=\d{4})-)\s?\d+$", body)
        local, ext = (body[: m.start()], body[m.start():]) if m else (body, "")
        # the area code stays; at least 6 digits of the local number are hidden (0571-******66)
        n = _count_digits(local)
        return s[:a] + _mask_digits(local, 0, min(2, max(0, n - 6))) + _mask_digits(ext, 0, 0)
    if f.type == T.PHONE_INTL:
        if meta.get("spelled"):
            return redact(f)  # a number spelled out in words ('zero four one two ...'): every word
        n = _count_digits(s)
        return _mask_digits(s, 0, 4 if n >= 10 else max(0, n - 6))
    if f.type == T.ID_CARD:
        if meta.get("national"):
            return redact(f)  # another country's personal number: no part of it stays
        if len(s) == 18 and s[:17].isdigit():  # the common case: 18 plain characters
            return s[:6] + MASK * 8 + s[-4:]
        if _IBAN_HEAD.match(s):
            # an IBAN as banks show it: its country and check digits and its last 4 characters
            # (the first 6 digits of 'NL91 ABNA 0417 1643 00' are most of a short account number)
            pos = [i for i, c in enumerate(s) if c.isalnum()]
            hide = set(pos[4:-4])
            return "".join(MASK if i in hide else c for i, c in enumerate(s))
        # spaced, full-width, float or numeral forms: the first 6 and last 4 ID characters stay
        pos = [i for i, c in enumerate(s) if _isdigit(c) or c in "XxＸｘ"]
        if len(pos) < 11:
            return redact(f)
        hide = set(pos[6:-4])
        return "".join(MASK if i in hide else c for i, c in enumerate(s))
    if f.type == T.EMAIL:
        m = AT_RE.search(unicodedata.normalize("NFKC", s)) if len(unicodedata.normalize("NFKC", s)) == len(s) \
            else AT_RE.search(s)
        if m is None:
            return redact(f)
        local = s[:m.start()]
        keep = 0 if len(local) <= 2 else 1  # a one- or two-letter local part is hidden whole
        return local[:keep] + _star_chars(local[keep:], lambda i, c: c in INVISIBLE) + s[m.start():]
    if f.type == T.ADDRESS:
        return redact(f)
    return s


_IBAN_HEAD = lazy(r"[A-Z]{2}\d{2}[ \-]?[A-Z0-9]{4}[ \-]?[A-Z0-9]{4}")


@dataclass(frozen=True, slots=True)
class Operator:
    """A masking style: ``replace(masker, finding) -> (method recorded, replacement text)``."""

    replace: Callable[["Masker", Finding], tuple[str, str]]
    types: frozenset | None = None  # the entity types a config may give it (None: every type)
    applies_to: str = ""  # those types in words, for the config error
    needs_vault: bool = False  # makes virtual numbers (a vault key is needed)


def _keep(m: "Masker", f: Finding) -> tuple[str, str]:
    return "keep", f.text


def _redact(m: "Masker", f: Finding) -> tuple[str, str]:
    return "redact", redact(f)


def _partial(m: "Masker", f: Finding) -> tuple[str, str]:
    return "partial", partial(f, m.policy.phone_style)


def _unit(m: "Masker", f: Finding) -> tuple[str, str]:
    if f.type not in (T.ADDRESS, T.MASKED):
        return "partial", partial(f, m.policy.phone_style)
    rep = redact(f) if f.metadict().get("unit") else unit_mask(f.text)
    return ("unit" if rep != f.text else "keep"), rep


def _virtual(m: "Masker", f: Finding) -> tuple[str, str]:
    meta = f.metadict()
    cc = meta.get("cc_len", 0)
    # the number itself (after a country code, before an extension), read as digits
    body = f.text[cc:meta.get("ext_at") or len(f.text)]
    digits = "".join(DIGIT_OF.get(c, c) for c in body if _isdigit(c))
    digits = "".join(str(int(c)) if not c.isascii() else c for c in digits)
    return "virtual", m.tokens.token_for(digits)  # type: ignore[union-attr]


#: operator name -> Operator: the styles a preset or a config ([mask] type = "name") chooses from,
#: in the order the config error lists them. A new operator is one function and one line here
OPERATORS: dict[str, Operator] = {
    "keep": Operator(_keep),
    "partial": Operator(_partial),
    "redact": Operator(_redact),
    "virtual": Operator(_virtual, frozenset({T.PHONE, T.LANDLINE}), "phone and landline", needs_vault=True),
    "unit": Operator(_unit, frozenset({T.ADDRESS}), "address"),
}


@dataclass
class Policy:
    preset: str = "share"
    ops: dict[EntityType, str] = field(default_factory=dict)
    region: str = "US"
    columns: dict[str, EntityType] = field(default_factory=dict)
    vault_ttl_days: int = 30
    image_style: str = "fill"
    phone_style: str = "last4"
    # relay ranges: 11-digit prefixes (e.g. "170", "1703") of numbers that are relay numbers
    relay_prefixes: tuple[str, ...] = ()
    # a named share (``--share-with``, waybill.trace.core.ShareSpec): outputs carry its fingerprint
    share: object = None
    # ``[executor]`` of the config: kind ("local" or "dask"), scheduler address, workers; the
    # command-line flags win over it
    executor: str | None = None
    scheduler: str | None = None
    workers: int | None = None

    def op(self, t: EntityType) -> str:
        return self.ops.get(t) or PRESETS[self.preset][t]

    @property
    def needs_vault(self) -> bool:
        return any(OPERATORS[self.op(t)].needs_vault for t in EntityType)


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
    known = {"preset", "mask", "region", "columns", "vault", "image", "style", "executor"}
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
        if not isinstance(v, str) or v not in OPERATORS:
            raise ConfigError(f"{where}: mask.{k} = '{v}' is not an operator ({', '.join(OPERATORS)})")
        if OPERATORS[v].types is not None and t not in OPERATORS[v].types:
            raise ConfigError(f"{where}: mask.{k}: '{v}' applies to {OPERATORS[v].applies_to} only")
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
    style = data.get("style", {})
    if not isinstance(style, dict):
        raise ConfigError(f"{where}: [style] must be a table")
    if "phone" in style:
        if style["phone"] not in PHONE_STYLES:
            raise ConfigError(f"{where}: style.phone must be one of {', '.join(PHONE_STYLES)}")
        pol.phone_style = style["phone"]
    vault = data.get("vault", {})
    if isinstance(vault, dict) and "relay_prefixes" in vault:
        rp = vault["relay_prefixes"]
        if not isinstance(rp, list) or not all(isinstance(p, str) and p.isdigit() and 3 <= len(p) <= 11
                                               for p in rp):
            raise ConfigError(f"{where}: vault.relay_prefixes must be a list of 3-11 digit strings")
        pol.relay_prefixes = tuple(rp)
    if isinstance(vault, dict) and "ttl_days" in vault:
        try:
            pol.vault_ttl_days = int(vault["ttl_days"])
            assert pol.vault_ttl_days > 0
        except (TypeError, ValueError, AssertionError):
            raise ConfigError(f"{where}: vault.ttl_days must be a positive integer") from None
    _executor_table(pol, data.get("executor", {}), where)
    return pol


def _executor_table(pol: Policy, ex, where: str) -> None:
    """``[executor]``: ``kind = "local" | "dask"``, ``scheduler = "tcp://HOST:8786"`` (Dask only),
    ``workers = N``. A depot points every run at its cluster once, in the config."""
    if not isinstance(ex, dict):
        raise ConfigError(f"{where}: [executor] must be a table")
    unknown = set(ex) - {"kind", "scheduler", "workers"}
    if unknown:
        raise ConfigError(f"{where}: unknown executor setting(s): {', '.join(sorted(unknown))}")
    kind = ex.get("kind")
    if kind is not None and kind not in ("local", "dask"):
        raise ConfigError(f"{where}: executor.kind must be 'local' or 'dask'")
    sched = ex.get("scheduler")
    if sched is not None and (not isinstance(sched, str) or not sched.strip()):
        raise ConfigError(f"{where}: executor.scheduler must be an address such as 'tcp://HOST:8786'")
    if sched is not None and kind not in (None, "dask"):
        raise ConfigError(f"{where}: executor.scheduler needs executor.kind = 'dask'")
    workers = ex.get("workers")
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise ConfigError(f"{where}: executor.workers must be a positive integer")
    pol.executor = "dask" if sched is not None and kind is None else kind
    pol.scheduler = sched
    pol.workers = workers


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
        self._replace = {t: OPERATORS[op].replace for t, op in self._ops.items()}
        # the share's text fingerprint (lengths of mask runs), or None: outputs as without a share
        self.mark = None
        if policy.share is not None:
            from .trace.text import TextMark

            self.mark = TextMark(policy.share.text_key)

    def op(self, t: EntityType) -> str:
        return self._ops[t]

    def replacement(self, f: Finding) -> tuple[str, str]:
        """(method recorded, replacement text) of the operator the policy gives ``f``'s type. A value
        written escaped or encoded (``\\u5f20``, ``%E5%BC%A0``, a base64 token) is masked whole where it
        is masked at all: the operator's partial forms keep characters of the escape, not of the value."""
        method, rep = self._replace[f.type](self, f)
        # (a partial form that changed nothing kept each word's first letter: every letter of a word
        # written letter by letter, 'J o h n', is a word's first)
        if f.meta and (rep != f.text or method == "partial") and ("encoded", True) in f.meta:
            rep = "*" * len(f.text)
        return method, rep

    def mask(self, text: str, findings: list[Finding]) -> tuple[str, list[Action]]:
        if self.mark is not None:
            return self._mask_marked(text, findings)
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

    def _mask_marked(self, text: str, findings: list[Finding]) -> tuple[str, list[Action]]:
        """``mask`` for a named share: the same replacements, then the share's fingerprint in the
        lengths of their mask runs (``waybill.trace.text``); each action holds its final text."""
        done = [(f, *self.replacement(f)) for f in sorted(findings, key=lambda f: f.start)]
        parts, spans, pos, at = [], [], 0, 0
        for f, method, rep in done:
            if rep == f.text or f.start < pos:  # kept, or overlapping (applied as it comes below)
                continue
            parts.append(text[pos:f.start])
            at += f.start - pos
            spans.append((at, at + len(rep), f.type, f))
            parts.append(rep)
            at += len(rep)
            pos = f.end
        if len(spans) != sum(rep != f.text for f, _, rep in done):
            # overlapping findings: replace from the right as ``mask`` does, without a mark
            out = text
            for f, method, rep in reversed(done):
                if rep != f.text:
                    out = out[: f.start] + rep + out[f.end:]
            return out, [Action(f, method, rep) for f, method, rep in done]
        parts.append(text[pos:])
        out = "".join(parts)
        if not spans:
            return out, [Action(f, method, rep) for f, method, rep in done]
        out, texts = self.mark.adjust(out, [(a, b, t) for a, b, t, _ in spans])
        final = {id(f): t for (_, _, _, f), t in zip(spans, texts)}
        return out, [Action(f, method, final.get(id(f), rep)) for f, method, rep in done]
