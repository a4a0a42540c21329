"""Trace keys and named shares.

The trace key (the master of every share fingerprint) comes from ``WAYBILL_TRACE_KEY`` (hex,
base64 or a 16+ character passphrase) or ``WAYBILL_TRACE_KEY_FILE``; otherwise, like the audit key,
a random key is created once at ``$WAYBILL_HOME/trace.key`` (mode 0600). It is never written to an
output, the audit log or a message: whoever runs ``waybill trace`` needs the same key.

A share is (NAME, run): ``--share-with NAME`` in run R. Its key is an HMAC of both under the trace
key, so two runs for the same partner carry different fingerprints and a leak names the run too.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass, field

from ..errors import UsageError
from ..keys import _decode, _from_env, derive, home

#: version tag of the fingerprint schemes (recorded in the audit log)
SCHEME = {"text": "mask-length/1", "image": "fill-pattern/2", "canary": "canary/1"}
MAX_CANARIES = 100


def trace_master(create: bool = True) -> bytes | None:
    """The trace master key (see the module doc); None when there is none and ``create`` is off."""
    k = _from_env("WAYBILL_TRACE_KEY", "WAYBILL_TRACE_KEY_FILE")
    if k is not None:
        return k
    path = home() / "trace.key"
    if path.is_file():
        return _decode(path.read_bytes())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return _decode(path.read_bytes())
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_hex(32).encode())
    return _decode(path.read_bytes())


def check_share_name(name: str) -> str:
    """A share name as given to ``--share-with`` (a partner, a franchisee, a contract id)."""
    if name is None:
        raise UsageError("--share-with needs a name")
    s = unicodedata.normalize("NFC", name).strip()
    if not s:
        raise UsageError("--share-with needs a non-empty name")
    if len(s) > 200:
        raise UsageError("--share-with: the name is longer than 200 characters")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in s):
        raise UsageError("--share-with: the name holds control characters")
    return s


class Keyring:
    """Keys derived from the trace master: one per share."""

    def __init__(self, master: bytes):
        self._share = derive(master, "trace-share")

    def share_key(self, name: str, run: str) -> bytes:
        msg = unicodedata.normalize("NFC", name).encode() + b"\x00" + str(run).encode()
        return hmac.new(self._share, msg, hashlib.sha256).digest()


def sub_key(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class ShareSpec:
    """What a masking run needs to fingerprint its outputs for one named share. Picklable (worker
    processes get it with the policy); ``key`` is secret and never recorded."""

    name: str
    run: str
    key: bytes = field(repr=False)
    canaries: int = 0

    @classmethod
    def make(cls, name: str, run: str, canaries: int = 0, master: bytes | None = None) -> "ShareSpec":
        name = check_share_name(name)
        if not 0 <= int(canaries) <= MAX_CANARIES:
            raise UsageError(f"--canaries must be between 0 and {MAX_CANARIES}")
        ring = Keyring(master if master is not None else trace_master())
        return cls(name, str(run), ring.share_key(name, str(run)), int(canaries))

    @property
    def text_key(self) -> bytes:
        return sub_key(self.key, "text")

    @property
    def image_key(self) -> bytes:
        return sub_key(self.key, "image")

    @property
    def canary_key(self) -> bytes:
        return sub_key(self.key, "canary")

    def audit(self) -> dict:
        """What the audit log records about the share (no key material)."""
        return {"name": self.name, "schemes": dict(SCHEME), "canaries": self.canaries}
