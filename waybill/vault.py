"""Virtual-number vault.

A real number becomes an 11-digit relay number plus a 4-digit extension (``17012345678-1234``),
derived with HMAC-SHA256 under the vault key and the current expiry window, so the same number gets
the same token within one key and window (a CSV and a label image of one parcel agree). The mapping
is stored in SQLite; each entry is encrypted with AES-256-GCM (the token's MAC as associated data).
Lookups use MACs, so the file holds no plaintext number or token. Expired entries are purged on open.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import UsageError, VaultError
from .keys import derive

RELAY_PREFIX = "170"  # virtual-operator number block used for relay numbers
EXPORT_MAGIC = b"WBVX1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    token_mac  BLOB PRIMARY KEY,
    number_mac BLOB NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    created    REAL NOT NULL,
    expires    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_number ON entries(number_mac);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


class Vault:
    def __init__(self, path: Path, master: bytes, ttl_days: int = 30, now: float | None = None):
        self.path = Path(path)
        self._enc = AESGCM(derive(master, "vault-enc"))
        self._mac = derive(master, "vault-mac")
        self._tok = derive(master, "vault-token")
        self._check = hmac.new(derive(master, "vault-check"), b"waybill", hashlib.sha256).hexdigest()
        self.ttl = ttl_days * 86400
        self._now = now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        if new:
            try:
                os.chmod(self.path, 0o600)  # the vault is as private as its key
            except OSError:  # pragma: no cover
                pass
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        row = self.db.execute("SELECT v FROM meta WHERE k='key_check'").fetchone()
        if row is None:
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('key_check', ?)", (self._check,))
        elif not hmac.compare_digest(row[0], self._check):
            raise VaultError("this vault was created with a different key")
        self.purge()

    def now(self) -> float:
        return self._now if self._now is not None else time.time()

    def close(self) -> None:
        self.db.close()

    def purge(self) -> int:
        cur = self.db.execute("DELETE FROM entries WHERE expires < ?", (self.now(),))
        return cur.rowcount

    def _m(self, label: str, value: str) -> bytes:
        return hmac.new(self._mac, f"{label}|{value}".encode(), hashlib.sha256).digest()

    def derive_token(self, number: str, window: int, counter: int = 0) -> str:
        d = hmac.new(self._tok, f"{window}|{counter}|{number}".encode(), hashlib.sha256).digest()
        n = int.from_bytes(d[:12], "big")
        relay = RELAY_PREFIX + f"{n % 10**8:08d}"
        ext = f"{(n // 10**8) % 10**4:04d}"
        return f"{relay}-{ext}"

    def token_for(self, number: str) -> str:
        number = "".join(c for c in number if c.isdigit())
        if not number:
            raise ValueError("no digits")
        window = int(self.now() // self.ttl)
        nmac = self._m("num", f"{window}|{number}")
        for counter in range(100):
            token = self.derive_token(number, window, counter)
            if token.replace("-", "") == number or token[:11] == number:
                continue
            tmac = self._m("tok", token)
            row = self.db.execute("SELECT number_mac FROM entries WHERE token_mac=?", (tmac,)).fetchone()
            if row is not None:
                if row[0] == nmac:
                    return token
                continue  # collision with another number: next counter
            nonce = os.urandom(12)
            expires = (window + 2) * self.ttl  # valid to the end of the next window
            payload = json.dumps({"token": token, "number": number, "expires": expires}).encode()
            ct = self._enc.encrypt(nonce, payload, tmac)
            self.db.execute("INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?)",
                            (tmac, nmac, nonce, ct, self.now(), expires))
            return token
        raise VaultError("could not allocate a virtual number")  # pragma: no cover

    def issued(self, token: str) -> bool:
        """Whether ``token`` is a relay number this vault issued and still holds (by its MAC)."""
        tmac = self._m("tok", token.strip())
        row = self.db.execute("SELECT expires FROM entries WHERE token_mac=?", (tmac,)).fetchone()
        return row is not None and row[0] >= self.now()

    def reveal(self, token: str) -> str | None:
        token = token.strip()
        tmac = self._m("tok", token)
        row = self.db.execute("SELECT nonce, ciphertext, expires FROM entries WHERE token_mac=?",
                              (tmac,)).fetchone()
        if row is None or row[2] < self.now():
            return None
        try:
            data = json.loads(self._enc.decrypt(row[0], row[1], tmac))
        except InvalidTag:
            raise VaultError("vault entry failed authentication (tampered or wrong key)") from None
        return data["number"]

    def entries(self):
        for tmac, nonce, ct, exp in self.db.execute(
                "SELECT token_mac, nonce, ciphertext, expires FROM entries WHERE expires >= ? ORDER BY created",
                (self.now(),)):
            try:
                yield json.loads(self._enc.decrypt(nonce, ct, tmac))
            except InvalidTag:
                raise VaultError("vault entry failed authentication (tampered or wrong key)") from None

    def export(self, out: Path, master: bytes, plaintext: bool = False) -> int:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["token", "number", "expires"])
        n = 0
        for e in self.entries():
            w.writerow([e["token"], e["number"],
                        datetime.fromtimestamp(e["expires"], timezone.utc).isoformat(timespec="seconds")])
            n += 1
        data = buf.getvalue().encode()
        if not plaintext:
            nonce = os.urandom(12)
            data = EXPORT_MAGIC + nonce + AESGCM(derive(master, "vault-export")).encrypt(nonce, data, EXPORT_MAGIC)
        tmp = Path(str(out) + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
        return n


def decrypt_export(path: Path, master: bytes) -> bytes:
    raw = Path(path).read_bytes()
    if not raw.startswith(EXPORT_MAGIC):
        raise UsageError("not an encrypted waybill vault export")
    nonce, ct = raw[5:17], raw[17:]
    try:
        return AESGCM(derive(master, "vault-export")).decrypt(nonce, ct, EXPORT_MAGIC)
    except InvalidTag:
        raise VaultError("export failed authentication (tampered or wrong key)") from None


def record_use(path: Path, kind: str, status: str, token: str | None = None, **extra) -> None:
    """One audit record for a use of the vault's plaintext (a reveal or an export): who, when, an
    HMAC of the token; never the number."""
    from .audit import AuditKeys, AuditLog, new_run_id, operator
    from .keys import audit_master

    keys = AuditKeys(audit_master())
    rec = {"run_id": new_run_id(), "operator": operator(), "kind": kind, "status": status, **extra}
    if token is not None:
        rec["token_hmac"] = keys.value_mac(token.strip())
    AuditLog(path, keys).append(rec)
