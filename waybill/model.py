"""Typed, frozen data passed between stages: text -> findings -> mask actions."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    NAME = "name"
    PHONE = "phone"  # mobile
    LANDLINE = "landline"
    PHONE_INTL = "phone_intl"
    VIRTUAL_PHONE = "virtual_phone"  # already a relay number 11+4: left as it is
    MASKED = "masked"  # already masked (138****5678, 张**): left as it is
    ID_CARD = "id_card"
    EMAIL = "email"
    ADDRESS = "address"  # detail part of an address (the part that is masked in share)
    ADDRESS_REGION = "address_region"  # province/city/district or city/state/ZIP: kept in share
    TRACKING = "tracking"  # tracking number / sort code: kept except in dispose
    # kinds of audit records that are not a detected span of text: what a format masks as a whole
    CODE_2D = "code_2d"  # a 2D code whose payload held personal data (masked inside the payload)
    GRAPHIC = "graphic"  # a print-stream bitmap read and filled, or blanked unread
    UNCERTAIN_TEXT = "uncertain_text"  # an OCR line or unread ink masked whole (fail safe)
    COMMENT = "comment"  # a print-stream comment (^FX) with text in it

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.value


#: types that are personal data (masked by some preset)
PERSONAL = {
    EntityType.NAME,
    EntityType.PHONE,
    EntityType.LANDLINE,
    EntityType.PHONE_INTL,
    EntityType.ID_CARD,
    EntityType.EMAIL,
    EntityType.ADDRESS,
}


#: record kinds that no detector finds and no operator masks (their formats mask them whole)
RECORD_KINDS = frozenset({EntityType.CODE_2D, EntityType.GRAPHIC, EntityType.UNCERTAIN_TEXT, EntityType.COMMENT})


class Where(dict):
    """Where a finding is (``row``/``column``, ``page``/``box``, ``field``, ``line``, ``start``/``end``
    ...): a read-only dict, like the record that holds it. Lists in it (a box) are kept as tuples,
    so nothing inside a frozen record can be changed in place; its JSON is the same (a tuple is
    written as a JSON array). A changed place is a new one (``{**where, "box": ...}``)."""

    __slots__ = ()

    def _frozen(self, *args, **kwargs):
        raise TypeError("a finding's place is frozen: make a changed copy ({**where, ...})")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = __ior__ = _frozen

    def __reduce__(self):
        return (Where, (dict(self),))


def where_of(w) -> Where:
    """``w`` as a frozen ``Where`` (itself when it is one already)."""
    if w.__class__ is Where:
        return w
    for v in w.values():
        if v.__class__ in _MUTABLE:
            return Where({k: _frozen_value(v) for k, v in w.items()})
    return Where(w)


_MUTABLE = (list, dict)


def _frozen_value(v):
    if v.__class__ is list or v.__class__ is tuple:
        return tuple(map(_frozen_value, v))
    if isinstance(v, dict):
        return where_of(v)
    return v


class AuditRecord(dict):
    """The one audit record type: what a file's audit line says about one finding or one thing a
    format masked whole. Keys, in this order: ``type`` (an ``EntityType`` value), ``role``,
    ``where``, ``detector``, ``confidence``, ``method``, ``hmac`` (of the original value, never the
    value), then, in detect mode only, ``masked`` and ``shape``. Built by ``audit_record`` only;
    its ``where`` is a frozen ``Where``.

    Frozen: it is a read-only dict (so JSON, ``==`` with a dict and ``rec["where"]`` work as they
    always did, at a plain dict's cost), and a changed record is a new one (``but``). Its JSON
    form, the object the audit log, ``detect --json`` and worker processes carry, is ``to_json``
    (one place). Fast paths keep compact facts (``engine.compact_records``) inside a sink and
    build records only as far as the audit log's detail quota reaches."""

    __slots__ = ()

    def _frozen(self, *args, **kwargs):
        raise TypeError("an audit record is frozen: make a changed copy with .but(...)")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = __ior__ = _frozen

    def __reduce__(self):
        return (AuditRecord, (dict(self),))

    def but(self, **changes) -> "AuditRecord":
        """A copy with ``changes`` (a key already there keeps its place; a new one comes last)."""
        w = changes.get("where")
        if w is not None and w.__class__ is not Where:
            changes["where"] = where_of(w)
        return AuditRecord({**self, **changes})

    #: the record as a plain JSON object (a dict, in the audit log's key order)
    to_json = dict.copy


_ABSENT = object()


def audit_record(type: EntityType | str, role: str | None, where: dict, detector: str, confidence: float,
                 method: str, hmac: str, masked=_ABSENT, shape=_ABSENT) -> AuditRecord:
    """The audit record of a finding (see ``AuditRecord``). ``type`` may be given as its value (the
    compact form fast paths keep); ``masked`` and ``shape`` (detect mode) are added when given."""
    if where is not None and where.__class__ is not Where:
        where = where_of(where)
    if masked is _ABSENT and shape is _ABSENT:
        return AuditRecord({"type": type.value if type.__class__ is EntityType else type, "role": role, "where": where,
                            "detector": detector, "confidence": confidence, "method": method, "hmac": hmac})
    rec = {"type": type.value if type.__class__ is EntityType else type, "role": role, "where": where,
           "detector": detector, "confidence": confidence, "method": method, "hmac": hmac}
    if masked is not _ABSENT:
        rec["masked"] = masked
    if shape is not _ABSENT:
        rec["shape"] = shape
    return AuditRecord(rec)


@dataclass(slots=True, unsafe_hash=True, init=False)
class Finding:
    """One detected span in a text. ``start``/``end`` are character offsets, end exclusive.
    Frozen: a changed finding is a new one (``with_offset``, ``with_role``)."""

    type: EntityType
    start: int
    end: int
    text: str
    score: float
    detector: str
    # extra structure for maskers: e.g. surname length, address region parts, phone digits
    meta: tuple = field(default=(), compare=False)
    role: str | None = None  # recipient / sender, when known

    def __init__(self, type: EntityType, start: int, end: int, text: str, score: float, detector: str,
                 meta: tuple = (), role: str | None = None):
        # the slots' own setters, bound once below (a frozen dataclass's __init__ goes through
        # object.__setattr__ per field, 3x the cost; findings are made per detected span, on the
        # text hot path)
        _T(self, type); _S(self, start); _E(self, end); _X(self, text)  # noqa: E702
        _SC(self, score); _D(self, detector); _M(self, meta); _R(self, role)  # noqa: E702

    def __setattr__(self, name, value=None):
        raise AttributeError("a finding is frozen: make a changed copy (with_offset, with_role)")

    __delattr__ = __setattr__

    def __getstate__(self):
        return (self.type, self.start, self.end, self.text, self.score, self.detector, self.meta, self.role)

    def __setstate__(self, state):
        _SET_FINDING(self, *state)

    def with_offset(self, offset: int) -> "Finding":
        return Finding(self.type, self.start + offset, self.end + offset, self.text, self.score,
                       self.detector, self.meta, self.role)

    def with_role(self, role: str | None) -> "Finding":
        return Finding(self.type, self.start, self.end, self.text, self.score, self.detector,
                       self.meta, role)

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end

    def metadict(self) -> dict:
        return dict(self.meta)


_T, _S, _E, _X, _SC, _D, _M, _R = (Finding.__dict__[k].__set__ for k in
                                   ("type", "start", "end", "text", "score", "detector", "meta", "role"))


def _SET_FINDING(self, type, start, end, text, score, detector, meta, role):
    _T(self, type); _S(self, start); _E(self, end); _X(self, text)  # noqa: E702
    _SC(self, score); _D(self, detector); _M(self, meta); _R(self, role)  # noqa: E702
