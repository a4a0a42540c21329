"""Secret keys. Never written to outputs, audit logs or the vault.

- audit key (HMAC of original values, MAC of the audit chain): ``WAYBILL_AUDIT_KEY`` (hex/base64 or
  a passphrase of 16+ chars) or ``WAYBILL_AUDIT_KEY_FILE``; otherwise a random key created once at
  ``$WAYBILL_HOME/audit.key`` (default ``~/.config/waybill/audit.key``, mode 0600).
- vault key (virtual numbers): ``WAYBILL_VAULT_KEY`` or ``WAYBILL_VAULT_KEY_FILE`` (or the
  ``--vault-key-file`` option). Never generated silently: whoever runs ``print`` must own it.
"""
from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import UsageError


def _decode(raw: bytes) -> bytes:
    s = raw.strip()
    if not s:
        raise UsageError("the key is empty")
    for dec in (binascii.unhexlify, base64.b64decode):
        try:
            k = dec(s)
            if len(k) >= 16:
                return k
        except (binascii.Error, ValueError):
            pass
    if len(s) < 16:
        raise UsageError("the key is too short: use 32 random bytes (hex or base64) or a 16+ character passphrase")
    return s


def derive(master: bytes, purpose: str, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=b"waybill-v1",
                info=purpose.encode()).derive(master)


def home() -> Path:
    env = os.environ.get("WAYBILL_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "waybill"


def _from_env(var: str, file_var: str, file: Path | None = None) -> bytes | None:
    if file is not None:
        try:
            return _decode(Path(file).read_bytes())
        except OSError:
            raise UsageError(f"cannot read key file {file}") from None
    if os.environ.get(var):
        return _decode(os.environ[var].encode())
    if os.environ.get(file_var):
        p = Path(os.environ[file_var])
        try:
            return _decode(p.read_bytes())
        except OSError:
            raise UsageError(f"cannot read key file named by {file_var}") from None
    return None


def audit_master(create: bool = True) -> bytes | None:
    k = _from_env("WAYBILL_AUDIT_KEY", "WAYBILL_AUDIT_KEY_FILE")
    if k is not None:
        return k
    path = home() / "audit.key"
    if path.is_file():
        return _decode(path.read_bytes())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_hex(32).encode())
    return _decode(path.read_bytes())


def vault_master(file: Path | None = None) -> bytes:
    k = _from_env("WAYBILL_VAULT_KEY", "WAYBILL_VAULT_KEY_FILE", file)
    if k is None:
        raise UsageError(
            "the vault needs a key: set WAYBILL_VAULT_KEY (32 random bytes, hex) or "
            "WAYBILL_VAULT_KEY_FILE, e.g. WAYBILL_VAULT_KEY=$(openssl rand -hex 32)"
        )
    return k
