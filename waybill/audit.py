"""Tamper-evident audit log: JSON Lines, one object per file, no plaintext personal data.

Each line carries ``prev`` (SHA-256 of the previous line's bytes) and ``mac`` (HMAC-SHA256 of the
line under the audit key), and a sidecar ``<log>.head`` holds the line count and last hash under
the same MAC, so edits, deletions (also of the last lines) and reordering are all detected.
Original values appear only as HMAC-SHA256 under the audit key.
"""
from __future__ import annotations

import fcntl
import getpass
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ._version import __version__
from .errors import AuditTampered, ExitCode, OutputError, UsageError
from .keys import audit_master, derive

GENESIS = "0" * 64


def _canon(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class AuditKeys:
    """The two keys derived from the audit master key: the value key (HMACs of original values, in
    every finding) and the chain key (MAC of each audit line, made by the process that writes the
    log). Pickled (sent to a Dask worker), an ``AuditKeys`` carries only its value key: a worker
    never holds the master or the chain key, so it cannot forge audit lines."""

    def __init__(self, master: bytes | None, *, value_key: bytes | None = None):
        self.value_key = derive(master, "audit-value") if master is not None else value_key
        self.chain_key = derive(master, "audit-chain") if master is not None else None
        self._value_pads = _hmac_pads(self.value_key)

    def __reduce__(self):
        return (_value_keys, (self.value_key,))

    def value_mac(self, value: str) -> str:
        """HMAC-SHA256 of ``value`` under the value key, hex (RFC 2104 with the padded key's hash
        states computed once: about 3x faster than ``hmac.digest`` per call, same result)."""
        inner, outer = self._value_pads
        i = inner.copy()
        i.update(value.encode())
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    def line_mac(self, body: bytes) -> str:
        if self.chain_key is None:
            raise RuntimeError("these audit keys hold the value key only (a worker's): audit lines are MACed "
                               "by the process that writes the log")
        return hmac.new(self.chain_key, body, hashlib.sha256).hexdigest()


def _value_keys(value_key: bytes) -> AuditKeys:
    return AuditKeys(None, value_key=value_key)


def _hmac_pads(key: bytes):
    """SHA-256 states after the HMAC inner and outer padded keys (RFC 2104)."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return (hashlib.sha256(bytes(b ^ 0x36 for b in key)), hashlib.sha256(bytes(b ^ 0x5C for b in key)))


def operator() -> str:
    try:
        return os.environ.get("WAYBILL_OPERATOR") or getpass.getuser()
    except Exception:  # pragma: no cover
        return "unknown"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


class AuditLog:
    def __init__(self, path: Path, keys: AuditKeys | None = None):
        self.path = Path(path)
        self.head = Path(str(self.path) + ".head")
        self.keys = keys or AuditKeys(audit_master())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise OutputError(f"cannot create the audit log folder {self.path.parent}") from None

    _cache: tuple | None = None  # (size, last hash, lines) after this object's own last append

    def _tail(self, fh) -> tuple[str, int]:
        """Hash of the last line and number of lines. Constant time in the log's length: from this
        object's own last append when the file has not grown since, else from the head file when
        its MAC checks and its hash is the file's last line, else by reading the whole log (a
        batch of thousands of files used to re-read the whole log on every append)."""
        size = fh.seek(0, os.SEEK_END)
        if self._cache is not None and self._cache[0] == size:
            return self._cache[1], self._cache[2]
        last = _last_line(fh, size)
        if last is None:
            return GENESIS, 0
        digest = hashlib.sha256(last).hexdigest()
        try:
            body = json.loads(self.head.read_bytes())
            mac = body.pop("mac", None)
            if (isinstance(body.get("lines"), int) and body.get("last") == digest and mac is not None
                    and hmac.compare_digest(str(mac), self.keys.line_mac(_canon(body)))):
                return digest, body["lines"]
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        fh.seek(0)
        n = sum(1 for line in fh if line.strip())
        return digest, n

    def append(self, record: dict) -> dict:
        record = dict(record)
        record.setdefault("time", now_iso())
        record.setdefault("tool_version", __version__)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError:
            raise OutputError(f"cannot write the audit log {self.path}") from None
        with os.fdopen(fd, "r+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                _cut_torn_tail(fh)
                prev, n = self._tail(fh)
                record["seq"] = n + 1
                record["prev"] = prev
                record.pop("mac", None)
                record["mac"] = self.keys.line_mac(_canon(record))
                line = _canon(record)
                size = fh.seek(0, os.SEEK_END)
                data = line + b"\n"
                # one write() of a whole line (no torn lines on kill); a short write or a full disk
                # is rolled back, so the log never keeps half a line
                try:
                    written = os.write(fh.fileno(), data)
                    if written != len(data):
                        raise OSError(28, "short write")
                    os.fsync(fh.fileno())
                except OSError:
                    try:
                        os.ftruncate(fh.fileno(), size)
                        os.fsync(fh.fileno())
                    except OSError:  # pragma: no cover - nothing more can be done
                        pass
                    raise OutputError(f"cannot write the audit log {self.path} (disk full or read-only); "
                                      "nothing was recorded for this file") from None
                self._cache = (size + len(data), hashlib.sha256(line).hexdigest(), n + 1)
                try:
                    self._write_head(n + 1, self._cache[1])
                except OSError:
                    pass  # the head catches up on the next append (verify notes it as behind)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return record

    def head_digest(self) -> str | None:
        """SHA-256 of the last line: printed at the end of a run, so that an operator can anchor
        the log elsewhere and check it later with ``audit verify --expect-head``."""
        if not self.path.is_file():
            return None
        with self.path.open("rb") as fh:
            last = _last_line(fh, fh.seek(0, os.SEEK_END))
        return hashlib.sha256(last).hexdigest() if last is not None else None

    def _write_head(self, n: int, last: str) -> None:
        body = {"lines": n, "last": last}
        body["mac"] = self.keys.line_mac(_canon(body))
        tmp = Path(str(self.head) + ".tmp")
        tmp.write_bytes(_canon(body) + b"\n")
        os.replace(tmp, self.head)

    def records(self):
        if not self.path.is_file():
            return
        with self.path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        continue


def _cut_torn_tail(fh, block: int = 1 << 16) -> bool:
    """Cut a last line without its line end (a run killed while writing it: a fatal signal stops a
    long write() between pages, so a record of thousands of findings can be left half written) back
    to the end of the last whole line, before anything is appended after it. The torn line never
    was a record: its input is not in the resume index (``records`` skips it) and is masked again.
    Returns whether anything was cut."""
    size = fh.seek(0, os.SEEK_END)
    if not size:
        return False
    fh.seek(size - 1)
    if fh.read(1) == b"\n":
        return False
    pos = size
    cut = 0
    while pos > 0:
        step = min(block, pos)
        pos -= step
        fh.seek(pos)
        i = fh.read(step).rfind(b"\n")
        if i >= 0:
            cut = pos + i + 1
            break
    os.ftruncate(fh.fileno(), cut)
    os.fsync(fh.fileno())
    return True


def _last_line(fh, size: int, block: int = 1 << 16) -> bytes | None:
    """The last line that is not blank (without its newline), read backwards from ``size``."""
    buf = b""
    pos = size
    while pos > 0:
        step = min(block, pos)
        pos -= step
        fh.seek(pos)
        buf = fh.read(step) + buf
        body = buf.rstrip(b"\n")
        while body:
            i = body.rfind(b"\n")
            if i < 0 and pos > 0:
                break  # the line starts before this block: read more
            line = body[i + 1:]
            if line.strip():
                return line
            body = body[:max(i, 0)].rstrip(b"\n")  # a blank line: look at the one before
        else:
            if pos == 0:
                return None
    return None


def verify(path: Path, keys: AuditKeys | None = None) -> tuple[int, list[str]]:
    """Return (lines, problems). Problems never quote line contents."""
    path = Path(path)
    problems: list[str] = []
    if keys is None:
        master = audit_master(create=False)
        keys = AuditKeys(master) if master else None
    if keys is None:
        problems.append("no audit key available: MACs not checked (set WAYBILL_AUDIT_KEY)")
    prev = GENESIS
    n = 0
    hashes: list[str] = []
    with path.open("rb") as fh:
        for raw in fh:
            n += 1
            line = raw.rstrip(b"\n")
            if not raw.endswith(b"\n"):
                problems.append(f"line {n}: torn (no line end)")
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                problems.append(f"line {n}: not valid JSON")
                prev = hashlib.sha256(line).hexdigest()
                continue
            if not isinstance(rec, dict):
                problems.append(f"line {n}: not an object")
                continue
            if rec.get("prev") != prev:
                problems.append(f"line {n}: previous-line hash does not match (edited, deleted or reordered lines)")
            if rec.get("seq") != n:
                problems.append(f"line {n}: sequence number {rec.get('seq')!r} out of order")
            if keys is not None:
                mac = rec.pop("mac", None)
                if not isinstance(mac, str) or not hmac.compare_digest(mac, keys.line_mac(_canon(rec))):
                    problems.append(f"line {n}: MAC does not match (line edited)")
            prev = hashlib.sha256(line).hexdigest()
            hashes.append(prev)
    head = Path(str(path) + ".head")
    if head.is_file():
        try:
            h = json.loads(head.read_bytes())
            mac = h.pop("mac", None)
            if keys is not None and (not isinstance(mac, str) or not hmac.compare_digest(mac, keys.line_mac(_canon(h)))):
                problems.append("head file MAC does not match")
            hl = h.get("lines")
            if hl == n and h.get("last") == prev:
                pass
            elif (isinstance(hl, int) and 0 <= hl < n and keys is not None and n - hl <= 1
                  and (hashes[hl - 1] if hl else GENESIS) == h.get("last")):
                # the last line was written but the run was killed before the head was updated:
                # the line's own MAC (checked above) shows waybill wrote it
                problems.append(f"note: head is {n - hl} line(s) behind (interrupted run); repaired on the next run")
            else:
                problems.append(f"log has {n} lines but its head records {hl}: lines deleted or appended outside waybill")
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            problems.append("head file unreadable")
    else:
        problems.append("head file missing: deletion of the last lines cannot be ruled out")
    return n, problems


KEY_MISMATCH = "the audit key does not match this log"


def key_problem(problems: list[str], n: int) -> str | None:
    """Whether the problems are those of a missing or wrong key rather than of tampering: every
    line's MAC (and the head's) fails while the hash chain itself is intact."""
    if any(p.startswith("no audit key") for p in problems):
        return "no audit key: the hash chain was not checked against a key (anyone can recompute a SHA-256 chain); set WAYBILL_AUDIT_KEY"
    mac = [p for p in problems if "MAC does not match" in p]
    other = [p for p in problems if "MAC does not match" not in p and not p.startswith("note:")]
    if n and not other and len([p for p in mac if p.startswith("line ")]) == n:
        return KEY_MISMATCH + " (wrong or missing key; the hash chain is intact)"
    return None


def is_tampered(problems: list[str]) -> bool:
    return any(not p.startswith(("no audit key", "note:")) for p in problems)


def check(path: Path) -> int:
    n, problems = verify(path)
    if is_tampered(problems):
        raise AuditTampered(f"{path}: audit log tampered: " + "; ".join(problems[:5]))
    return n


@dataclass(frozen=True)
class LogCheck:
    """What ``waybill audit verify`` found in one log: the lines to show (never a value from the
    log) and the exit code (0: chain and MACs intact; 8: tampered, rolled back or swapped; 9: the
    key is missing or wrong)."""

    messages: tuple[str, ...]
    exit_code: int


def check_log(path: Path, expect_head: str | None = None) -> LogCheck:
    """Check an audit log's hash chain and MACs and, with ``expect_head``, that its last line is the
    head digest a run printed (a log rolled back or swapped fails that). Raises UsageError for a
    missing file."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    n, problems = verify(path)
    keyp = key_problem(problems, n)
    if expect_head is not None:
        head = AuditLog.__new__(AuditLog)
        head.path = path
        if (head.head_digest() or "") != expect_head.strip().lower():
            return LogCheck((f"{path}: its last line is not the expected head (rolled back, swapped or "
                             "appended to)",), ExitCode.AUDIT_TAMPERED)
    if keyp is not None:
        return LogCheck((f"{path}: {keyp}",), ExitCode.INVALID_CONFIG)
    if is_tampered(problems):
        return LogCheck(tuple(f"{path}: {p}" for p in problems), ExitCode.AUDIT_TAMPERED)
    return LogCheck(tuple(f"{path}: {p}" for p in problems) + (f"{path}: {n} line(s), chain and MACs intact",),
                    ExitCode.OK)

