"""Batch pipeline: walk inputs, mask each file into a temp file beside its output, rename into
place, and write one audit record per file. Files that fail get no output (fail closed)."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import formats
from .audit import AuditKeys, AuditLog, new_run_id, operator
from .engine import Engine, FindingSink
from .errors import InputError, MissingDependency, OutputError, UsageError, WaybillError
from .keys import audit_master, vault_master
from .masking import Masker, Policy


def build_engine(policy: Policy, vault_path: str | None, vault_key: bytes | None, audit_key: bytes) -> Engine:
    tokens = None
    if policy.needs_vault:
        from .vault import Vault
        tokens = Vault(Path(vault_path), vault_key, ttl_days=policy.vault_ttl_days)
    return Engine(policy, Masker(policy, tokens), AuditKeys(audit_key))


@dataclass
class Item:
    src: Path | None  # None for stdin
    out: Path | None
    display: str


@dataclass
class FileResult:
    display: str
    status: str  # ok / failed / skipped
    reason: str = ""
    exit_code: int = 0
    counts: dict = field(default_factory=dict)
    output: str | None = None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def plan(paths: list[str], outdir: Path) -> Iterator[Item]:
    """Output layout like ``cp -r SRC... OUTDIR``; OUTDIR inside an input tree is excluded and
    symlinks are not followed out of the input tree."""
    out_resolved = outdir.resolve()
    for p in paths:
        if p == "-":
            yield Item(None, None, "-")
            continue
        src = Path(p)
        if src.is_dir():
            root = src.resolve()
            base = outdir / (root.name or "root")
            for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
                dp = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames
                                     if (dp / d).resolve() != out_resolved and not (dp / d).is_symlink())
                for fn in sorted(filenames):
                    f = dp / fn
                    if fn.startswith(".") and ".waybill-tmp" in fn:
                        continue
                    if f.is_symlink():
                        target = f.resolve()
                        if not target.is_relative_to(root):
                            yield Item(f, None, str(f))  # reported as refused
                            continue
                    rel = f.relative_to(src)
                    if fn in ("audit.jsonl", "audit.jsonl.head") and dp.resolve() == out_resolved:
                        continue
                    yield Item(f, base / rel, str(f))
        else:
            yield Item(src, outdir / src.name, str(src))


class Runner:
    def __init__(self, policy: Policy, outdir: Path, audit_path: Path | None = None, *,
                 fmt: str = "auto", workers: int = 1, force: bool = False,
                 vault_path: Path | None = None, vault_key_file: Path | None = None,
                 progress: Callable[[int], None] | None = None):
        self.policy = policy
        self.outdir = outdir
        self.fmt = fmt
        self.workers = max(1, workers)
        self.force = force
        self.progress = progress
        self.run_id = new_run_id()
        self.audit_key = audit_master()
        self.vault_key = vault_master(vault_key_file) if policy.needs_vault else None
        self.vault_path = vault_path or (outdir / "vault.sqlite")
        self.engine = build_engine(policy, str(self.vault_path), self.vault_key, self.audit_key)
        self.audit = AuditLog(audit_path or (outdir / "audit.jsonl"), self.engine.keys)
        self._pool = None

    def pool(self):
        if self.workers > 1 and self._pool is None:
            import multiprocessing as mp
            from .formats.table import _init_worker
            ctx = mp.get_context("fork")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker,
                                  initargs=(build_engine, (self.policy, str(self.vault_path),
                                                           self.vault_key, self.audit_key)))
        return self._pool

    def close(self):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _record(self, item: Item, status: str, reason: str, in_sha: str | None, out_sha: str | None,
                sink: FindingSink | None, fmt: str | None, elapsed: float) -> None:
        rec = {
            "run_id": self.run_id, "operator": operator(), "preset": self.policy.preset,
            "input": {"path": item.display, "sha256": in_sha},
            "output": {"path": str(item.out) if item.out else ("-" if item.src is None else None),
                       "sha256": out_sha},
            "format": fmt, "status": status, "reason": reason or None, "seconds": round(elapsed, 3),
        }
        rec.update(sink.summary() if sink else {"findings": [], "finding_counts": {}, "findings_total": 0})
        self.audit.append(rec)

    def mask_item(self, item: Item) -> FileResult:
        t0 = time.monotonic()
        in_sha = None
        fmt = None
        sink = FindingSink()
        tmp: Path | None = None
        try:
            if item.src is not None and item.out is None:
                raise InputError("symlink points outside the input folder: not followed")
            fmt = formats.format_for(item.src or Path("stdin"), self.fmt if item.src is None or self.fmt != "auto" else None)
            mod = formats.handler(fmt)
            if item.src is None:
                data = sys.stdin.buffer.read()
                in_sha = hashlib.sha256(data).hexdigest()
                src = io.BufferedReader(io.BytesIO(data))
                buf = io.BytesIO()
                job = formats.Job(self.engine, sink, self.pool() if fmt in ("csv", "tsv") else None,
                                  progress=self.progress)
                mod.mask(src, buf, job, fmt)
                out = buf.getvalue()
                sys.stdout.buffer.write(out)
                sys.stdout.buffer.flush()
                self._record(item, "ok", "", in_sha, hashlib.sha256(out).hexdigest(), sink, fmt,
                             time.monotonic() - t0)
                return FileResult(item.display, "ok", counts=sink.counts, output="-")
            try:
                in_sha = sha256_file(item.src)
                empty = item.src.stat().st_size == 0
            except OSError:
                raise InputError("cannot read the file") from None
            if empty:
                raise InputError("empty file (0 bytes)")
            if item.out.exists() and not self.force:
                raise OutputError("output already exists (use --force to overwrite)")
            if item.out.resolve() == item.src.resolve():
                raise OutputError("output would overwrite the input")
            try:
                item.out.parent.mkdir(parents=True, exist_ok=True)
                fd, tmpname = tempfile.mkstemp(prefix="." + item.out.name + ".", suffix=".waybill-tmp",
                                               dir=item.out.parent)
            except OSError:
                raise OutputError("output folder not writable") from None
            tmp = Path(tmpname)
            with os.fdopen(fd, "wb") as dst, open(item.src, "rb") as src:
                job = formats.Job(self.engine, sink, self.pool() if fmt in ("csv", "tsv") else None,
                                  progress=self.progress)
                mod.mask(src, dst, job, fmt)
                dst.flush()
                os.fsync(dst.fileno())
            out_sha = sha256_file(tmp)
            os.replace(tmp, item.out)
            tmp = None
            self._record(item, "ok", "", in_sha, out_sha, sink, fmt, time.monotonic() - t0)
            return FileResult(item.display, "ok", counts=sink.counts, output=str(item.out))
        except WaybillError as e:
            self._record(item, "failed", e.message, in_sha, None, None, fmt, time.monotonic() - t0)
            return FileResult(item.display, "failed", e.message, int(e.exit_code))
        except (MemoryError, RecursionError) as e:
            reason = f"input too large or too deeply nested ({e.__class__.__name__})"
            self._record(item, "failed", reason, in_sha, None, None, fmt, time.monotonic() - t0)
            return FileResult(item.display, "failed", reason, 4)
        finally:
            if tmp is not None:
                try:
                    tmp.unlink()
                except OSError:
                    pass


def detect_item(engine: Engine, item: Item, fmt: str = "auto") -> tuple[list[dict], str | None]:
    """Findings of one file (with masked forms), or an error reason."""
    sink = FindingSink(limit=10**9)
    try:
        f = formats.format_for(item.src or Path("stdin"), fmt if (item.src is None or fmt != "auto") else None)
        mod = formats.handler(f)
        src = io.BufferedReader(io.BytesIO(sys.stdin.buffer.read())) if item.src is None else open(item.src, "rb")
        with src:
            mod.mask(src, _Null(), formats.Job(engine, sink, report=True), f)
    except WaybillError as e:
        return [], e.message
    except OSError:
        return [], "cannot read the file"
    return sink.items, None


class _Null(io.RawIOBase):
    def writable(self):
        return True

    def write(self, b):
        return len(b)
