"""Privacy budget ledger: every differentially private release of a data set is recorded with its
epsilon, delta, mechanism, contribution bound and grouping; a release that would take the data
set's total past the configured budget is refused.

Records are written with the project's audit log writer (hash-chained, MACed lines), to two
places: the central ledger (``$WAYBILL_HOME/ledger.jsonl``, ``[counts] ledger`` or ``--ledger``),
which every run checks whatever its output folder, and the run's audit log. Spending is the sum over
both, each release counted once (by its id). The check and the record happen under one file lock,
and the record is written before any noisy value exists: a run that dies after it has spent its
budget without output, never the reverse. A ledger whose chain is broken refuses every release
(exit 8): deleted lines could hide spending.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ..audit import AuditKeys, AuditLog, is_tampered, verify
from ..errors import AuditTampered, OutputError

KIND = "dp_counts"


def default_path() -> Path:
    from ..keys import home

    return home() / "ledger.jsonl"


class Ledger:
    def __init__(self, path: Path | None, keys: AuditKeys, audit: AuditLog | None = None):
        self.path = Path(path) if path else default_path()
        self.keys = keys
        self.central = AuditLog(self.path, keys)
        self.audit = audit if audit is not None and Path(audit.path).resolve() != self.path.resolve() else None

    @contextmanager
    def locked(self):
        lock = Path(str(self.path) + ".lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            raise OutputError(f"cannot open the budget ledger lock {lock}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield self
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _logs(self):
        yield self.central
        if self.audit is not None:
            yield self.audit

    def check_intact(self) -> None:
        for log in self._logs():
            if not log.path.is_file():
                continue
            _, problems = verify(log.path, self.keys)
            if is_tampered(problems):
                raise AuditTampered(f"{log.path}: the budget ledger is tampered ({problems[0]}); "
                                    "no release until it is restored")

    def entries(self, dataset: str) -> list[dict]:
        seen: dict[str, dict] = {}
        for log in self._logs():
            for rec in log.records():
                if rec.get("kind") == KIND and rec.get("status") == "ok" and rec.get("dataset") == dataset:
                    seen.setdefault(str(rec.get("release_id")), rec)
        return list(seen.values())

    def spent(self, dataset: str) -> tuple[float, float, int]:
        es = self.entries(dataset)
        return (sum(float(e.get("epsilon", 0)) for e in es), sum(float(e.get("delta", 0)) for e in es), len(es))

    def record(self, rec: dict) -> None:
        for log in self._logs():
            log.append(rec)
