"""Batch pipeline: walk inputs, mask each file into a temp file beside its output, rename into
place, and write one audit record per file. Files that fail get no output (fail closed)."""
from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import formats
from .formats import pieces
from .audit import AuditKeys, AuditLog, new_run_id, operator
from .engine import Engine, FindingSink, SpoolSink
from .errors import InputError, OutputError, UsageError, WaybillError, WorkerDied
from .keys import audit_master, vault_master
from .masking import Masker, Policy
from .storage import is_url, local_spool


class _Result:
    __slots__ = ("future", "pool")

    def __init__(self, future, pool):
        self.future, self.pool = future, pool

    def get(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool:
            self.pool._broken()
            raise WorkerDied() from None


class SafePool:
    """Worker processes that fail closed: a worker that dies (``kill -9``, the out-of-memory
    killer) makes the tasks it and its siblings held raise ``WorkerDied`` instead of leaving the
    caller waiting forever, and the next task starts a fresh set of workers. The interface is the
    part of ``multiprocessing.Pool`` the batch uses: ``apply_async(fn, args).get()``, ``terminate``,
    ``join``."""

    def __init__(self, workers: int, initializer, initargs):
        self.workers, self.initializer, self.initargs = workers, initializer, initargs
        self._ex = None

    def _executor(self):
        if self._ex is None:
            import multiprocessing as mp
            import signal
            from concurrent.futures import ProcessPoolExecutor

            try:
                before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
            except ValueError:  # not the main thread: nothing was installed here
                before = None
            try:
                self._ex = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"),
                                               initializer=self.initializer, initargs=self.initargs)
                # start every worker now, while SIGTERM is at its default (see worker_pool)
                for f in [self._ex.submit(_noop) for _ in range(self.workers)]:
                    f.result()
            finally:
                if before is not None:
                    signal.signal(signal.SIGTERM, before)
        return self._ex

    def _broken(self):
        ex, self._ex = self._ex, None
        if ex is not None:
            _kill(ex)

    def apply_async(self, fn, args=()):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _Result(self._executor().submit(fn, *args), self)
        except BrokenProcessPool:
            self._broken()
            return _Result(self._executor().submit(fn, *args), self)

    def terminate(self):
        self._broken()

    def join(self):
        pass


def _noop():
    return None


def _kill(ex) -> None:
    """Stop an executor's workers now (SIGTERM, then SIGKILL) without waiting for their tasks."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    manager = getattr(ex, "_executor_manager_thread", None)  # (shutdown forgets it)
    for p in procs:
        try:
            p.terminate()
        except Exception:  # pragma: no cover - already gone
            pass
    for p in procs:
        p.join(2)
        if p.is_alive():
            p.kill()
            p.join(1)
    try:
        ex.shutdown(wait=False, cancel_futures=True)
    except Exception:  # pragma: no cover
        pass
    # the executor's manager thread closes its wake-up pipe as it ends; at interpreter exit
    # concurrent.futures writes to every such pipe, and a write racing that close printed an
    # 'OSError: Bad file descriptor' traceback (a flaky test_bad_inputs_fail_closed): the thread,
    # whose workers are gone, is given a bounded moment to end here
    if manager is not None:
        manager.join(5)


def worker_pool(workers: int, policy: Policy, vault_path: str | None, vault_key: bytes | None, audit_key: bytes,
                ocr: str = "auto") -> SafePool:
    """Worker processes, each with an engine built like the main one (forked: no re-import).

    The workers are forked with SIGTERM at its default action. Forked with the CLI's Python-level
    handler instead, a worker that gets the pool's SIGTERM before Python finished setting it up
    loses the signal (pending signals are cleared after fork), never exits, and ``terminate``
    waits for it forever (seen with a pool closed right after it was made)."""
    from .formats.pieces import init_worker

    return SafePool(workers, _start_worker, (init_worker, (build_engine, (policy, vault_path, vault_key, audit_key,
                                                                          ocr))))


#: memory a worker that reads label images may take (models, arena, a label's buffers), by rapidocr's
#: inference back end, used to bound the worker count: measured peaks about 0.5-0.6 GB on ONNX
#: Runtime and 0.65-0.95 GB on OpenVINO (compiled models and bf16 copies; README "Image speed")
OCR_WORKER_MB = {"onnxruntime": 700, "openvino": 1000}


def _memory_workers(backend: str = "onnxruntime") -> int:
    """How many OCR workers the memory now available holds (unbounded where it cannot be told)."""
    per = OCR_WORKER_MB.get(backend, max(OCR_WORKER_MB.values()))
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return max(1, int(line.split()[1]) // 1024 // per)
    except (OSError, ValueError, IndexError):
        pass
    return 1 << 16


#: OCR threads the user asked for in the environment (the CLI's --ocr-threads overrides it)
_USER_OCR_THREADS = int(os.environ.get("WAYBILL_OCR_THREADS", "0") or 0) if os.environ.get(
    "WAYBILL_OCR_THREADS", "").isdigit() else 0

#: descriptors of the OUTDIR locks this process holds; a forked worker closes its copies, so that the
#: lock ends with the main process even if a worker outlives it (kill -9 of the main process)
_LOCK_FDS: set[int] = set()


def _start_worker(init, args):
    for fd in list(_LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCK_FDS.clear()
    _die_with_parent()
    init(*args)


def _die_with_parent(every: float = 1.0) -> None:
    """A worker ends itself within ``every`` seconds of the main process's death. Forked workers hold
    both ends of the pool's pipes, so a main process killed with SIGKILL (the out-of-memory killer,
    a container stop) would otherwise leave them waiting forever, each with its OCR models in memory.
    (A polling thread, not PR_SET_PDEATHSIG: that fires when the *thread* that forked exits.)"""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="waybill-parent-watch", daemon=True).start()


def build_engine(policy: Policy, vault_path: str | None, vault_key: bytes | None, audit_key: bytes | AuditKeys,
                 ocr="auto") -> Engine:
    """The masking engine of ``policy``. ``audit_key``: the audit master key, or the ``AuditKeys``
    made from it. ``ocr``: the OCR engine's name in the registry (``ocr.ENGINES``; ``auto``: the
    first installed), or an OCR engine object, passed in."""
    keys = audit_key if isinstance(audit_key, AuditKeys) else AuditKeys(audit_key)
    tokens = None
    if policy.needs_vault:
        from .vault import Vault
        tokens = Vault(Path(vault_path), vault_key, ttl_days=policy.vault_ttl_days)
    if isinstance(ocr, str):
        return Engine(policy, Masker(policy, tokens), keys, ocr_name=ocr)
    from .ocr import OcrEngines

    return Engine(policy, Masker(policy, tokens), keys, ocr_name=ocr.name, ocr=OcrEngines(ocr))


@dataclass
class Item:
    src: Path | None  # None for stdin; a storage.RemoteFile for an input named by URL
    out: Path | None  # a PurePosixPath inside the store for an output URL (Runner.store)
    display: str
    refused: str | None = None  # why this path is not masked at all (audited as failed)
    stdout: bool = False  # ``-o -``: the masked file goes to standard output, as stdin's does


@dataclass
class FileResult:
    display: str
    status: str  # ok / failed / skipped (already done by an earlier run)
    reason: str = ""
    exit_code: int = 0
    counts: dict = field(default_factory=dict)
    output: str | None = None


def sha256_file(path) -> str:
    """SHA-256 of a file: a path, or an input named by URL (``storage.RemoteFile``)."""
    h = hashlib.sha256()
    with (open(path, "rb") if isinstance(path, (str, os.PathLike)) else path.open("rb")) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Names:
    """File and folder names with their personal data masked (by ``engine``, like any value; a
    file keeps its extension), and output paths kept distinct: two inputs whose masked (or plain)
    output paths coincide get ``~2``, ``~3``... before the extension of the later one."""

    def __init__(self, engine: Engine | None):
        self.engine = engine
        self.memo: dict[tuple[str, bool], str] = {}
        self.taken: set[Path] = set()
        self.seen: set[tuple[Path, Path]] = set()

    def name(self, name: str, is_file: bool) -> str:
        if self.engine is None:
            return name
        key = (name, is_file)
        got = self.memo.get(key)
        if got is None:
            from .formats.structure import mask_name

            if len(self.memo) > 4096:
                self.memo.clear()
            got = self.memo[key] = mask_name(self.engine, name, is_file)
        return got

    def display(self, path: Path) -> str:
        """How ``path`` is named in messages and the audit log."""
        parts = path.parts
        masked = [x if x == path.anchor else self.name(x, i == len(parts) - 1) for i, x in enumerate(parts)]
        return str(path) if masked == list(parts) else str(Path(*masked))

    def out(self, src: Path, path: Path) -> Path | None:
        """``path``, or a sibling name no earlier input of this run was given; None for a file
        named twice to the same place (``waybill mask a.csv a.csv``: masked once)."""
        key = (src.resolve(), path)
        if key in self.seen:
            return None
        self.seen.add(key)
        new, n = path, 2
        while new in self.taken:
            new = path.with_name(f"{path.stem}~{n}{path.suffix}")
            n += 1
        self.taken.add(new)
        return new


# files that operating systems leave in folders: never inputs (``--include`` can still name them)
JUNK = ("*.DS_Store", ".DS_Store", "Thumbs.db", "desktop.ini", "._*", "~$*", ".~lock.*#", "*.swp")


def safe_text(s: str) -> str:
    """A path for messages and the audit log: bytes that are not UTF-8 (a file name with ``\\xff``)
    are shown as ``\\xff`` escapes instead of breaking the JSON or the terminal."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _kind(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a FIFO, device, socket, loop), or None."""
    import stat

    try:
        st = path.stat()
    except RuntimeError:  # pragma: no cover - Python < 3.13 raises this on a symlink loop
        return "symlink loop: not followed"
    except OSError as e:
        import errno

        if e.errno == errno.ELOOP:
            return "symlink loop: not followed"
        return "cannot read the file"
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISFIFO(st.st_mode):
        return "not a regular file (a FIFO): skipped"
    if stat.S_ISSOCK(st.st_mode):
        return "not a regular file (a socket): skipped"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "not a regular file (a device): skipped"
    return "not a regular file: skipped"


def _wanted(rel: str, name: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    if include and not any(fnmatch(name, g) or fnmatch(rel, g) for g in include):
        return False
    if any(fnmatch(name, g) or fnmatch(rel, g) for g in exclude):
        return False
    return include != () or not any(fnmatch(name, g) for g in JUNK)


def plan(paths: list[str], outdir: Path, engine: Engine | None = None, include: tuple[str, ...] = (),
         exclude: tuple[str, ...] = ()) -> Iterator[Item]:
    """Output layout like ``cp -r SRC... OUTDIR``; OUTDIR inside an input tree is excluded and
    symlinks are not followed out of the tree. With ``engine``, file and folder names that hold
    personal data are masked in output paths and in the display name (messages, audit log); two
    inputs never share an output path. FIFOs, devices, sockets, symlink loops and symlinked
    folders are not read and come out as refused items (one audit record each, never a hang); OS
    junk files (``.DS_Store``, ``Thumbs.db``, ``desktop.ini``...) are left out unless included."""
    names = _Names(engine)
    # a folder on this machine: OUTDIR inside an input tree is left out of the walk (an object
    # store's place, a PurePosixPath, is in no input tree)
    out_resolved = outdir.resolve() if isinstance(outdir, Path) else None
    for p in paths:
        if p == "-":
            yield Item(None, None, "-")
            continue
        if is_url(p):
            from .storage import Store

            if not p.lower().startswith("file://"):
                yield from _plan_url(p, outdir, names, include, exclude)
                continue
            p = str(Store(p).root)  # a file:// input is read as its path
        src = Path(p)
        if src.is_dir():
            root = src.resolve()
            base = outdir / names.name(root.name or "root", False)
            for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
                dp = Path(dirpath)
                keep = []
                for d in sorted(dirnames):
                    full = dp / d
                    if full.is_symlink():
                        yield Item(full, None, safe_text(names.display(full)),
                                   refused="symlinked folder: not followed (give its real path to mask it)")
                    elif full.resolve() != out_resolved:
                        keep.append(d)
                dirnames[:] = keep
                for fn in sorted(filenames):
                    f = dp / fn
                    if fn.startswith(".") and ".waybill-tmp" in fn:
                        continue
                    if fn in ("audit.jsonl", "audit.jsonl.head", ".waybill.lock") and dp.resolve() == out_resolved:
                        continue
                    rel = f.relative_to(src)
                    if not _wanted(str(rel), fn, include, exclude):
                        continue
                    display = safe_text(names.display(f))
                    why = _kind(f)
                    if why is None and f.is_symlink() and not f.resolve().is_relative_to(root):
                        why = "symlink points outside the input folder: not followed"
                    if why is not None:
                        yield Item(f, None, display, refused=why)
                        continue
                    rel_parts = rel.parts
                    masked = [names.name(x, i == len(rel_parts) - 1) for i, x in enumerate(rel_parts)]
                    out = names.out(f, base.joinpath(*masked))
                    if out is not None:
                        yield Item(f, out, display)
        else:
            display = safe_text(names.display(src))
            why = _kind(src)
            if why is not None:
                yield Item(src, None, display, refused=why)
                continue
            out = names.out(src, outdir / names.name(src.name, True))
            if out is not None:
                yield Item(src, out, display)


def _plan_url(url: str, outdir, names: _Names, include, exclude) -> Iterator[Item]:
    """``plan`` for an input named by a URL of a store (``s3://``, ``memory://``): its files are
    read through fsspec by whichever process masks them; output layout as for a path."""
    from pathlib import PurePosixPath

    from .storage import RemoteFile, inputs

    got = inputs(url)
    if got is None:
        raise InputError(f"no such file or folder: {safe_text(url)}")
    store, files = got
    for path, rel in files:
        name = rel[-1]
        if name.startswith(".") and ".waybill-tmp" in name:
            continue
        if not _wanted("/".join(rel[1:]) if len(rel) > 1 else name, name, include, exclude):
            continue
        src = RemoteFile(store, path)
        display = safe_text(store.display(str(names.display(PurePosixPath(path)))))
        masked = [names.name(x, i == len(rel) - 1) for i, x in enumerate(rel)]
        out = names.out(src, outdir.joinpath(*masked))
        if out is not None:
            yield Item(src, out, display)


def choose_executor(policy: Policy, executor: str | None, scheduler: str | None,
                    workers: int | None) -> tuple[str, str | None, int]:
    """The executor, Dask scheduler and worker count of a run: the flags win over the config's
    ``[executor]`` table; workers default to the CPU count."""
    if executor is None:
        executor = policy.executor or "local"
    if scheduler is None and executor == "dask" and policy.executor == "dask":
        scheduler = policy.scheduler
    if workers is None:
        workers = policy.workers or os.cpu_count() or 1
    if executor not in ("local", "dask"):
        raise UsageError(f"unknown executor '{executor}' (choose local or dask)")
    if scheduler and executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    return executor, scheduler, workers


class Runner:
    """A batch run. ``outdir``: a folder, or an fsspec URL (``file://``, ``s3://``...; see
    ``storage``): outputs are then written there by whichever process masked them, and moved into
    place by this one after their audit line. The audit log and the vault stay on this machine: an
    OUTDIR URL other than ``file://`` needs ``audit_path`` (and ``vault_path`` for ``print``)."""

    def __init__(self, policy: Policy, outdir: Path | str, audit_path: Path | None = None, *,
                 fmt: str = "auto", workers: int = 1, force: bool = False,
                 vault_path: Path | None = None, vault_key_file: Path | None = None,
                 progress: Callable[[int], None] | None = None, ocr: str = "auto",
                 executor: str = "local", scheduler: str | None = None,
                 share_with: str | None = None, canaries: int = 0,
                 ocr_threads: int | None = None, device: str = "cpu", ocr_backend: str | None = None):
        self.executor = executor
        self.ocr_threads = ocr_threads
        self.device = device
        self.ocr_backend = ocr_backend
        self._ocr_plan: dict = {}
        self.scheduler = scheduler
        self.store = None
        if is_url(outdir):
            from .storage import Store

            self.store = Store(outdir)
            outdir = self.store.root
            if not self.store.local:
                if audit_path is None:
                    raise UsageError("an output URL needs --audit FILE: the audit log is appended on this machine")
                if policy.needs_vault and vault_path is None:
                    raise UsageError("an output URL needs --vault FILE for the print preset's vault")
        self.outdir = outdir
        self.fmt = fmt
        self.workers = max(1, workers)
        self.force = force
        self.progress = progress
        self.run_id = new_run_id()
        # a named share (--share-with): every output carries the fingerprint of (name, this run)
        self.share = None
        if share_with is not None:
            import dataclasses

            from .trace.core import ShareSpec

            self.share = ShareSpec.make(share_with, self.run_id, canaries)
            policy = dataclasses.replace(policy, share=self.share)
        elif canaries:
            raise UsageError("--canaries needs --share-with NAME (canaries name a share)")
        self.policy = policy
        self.audit_key = audit_master()
        self.vault_key = vault_master(vault_key_file) if policy.needs_vault else None
        self.vault_path = vault_path or (outdir / "vault.sqlite")
        self.ocr = ocr
        self.engine = build_engine(policy, str(self.vault_path), self.vault_key, self.audit_key, ocr)
        # one writer per OUTDIR (an object store's OUTDIR: per audit log, which is on this machine)
        self._lock = _lock_outdir(outdir if isinstance(outdir, Path) else Path(audit_path).parent)
        self.audit = AuditLog(audit_path or (outdir / "audit.jsonl"), self.engine.keys)
        self._pool = None
        self._stat: dict[Path, tuple] = {}
        self._load_index()

    def pool(self):
        if self.executor == "dask":
            if self._pool is None:
                from .dask_pool import DaskPool

                # the workers get the audit value key only (self.engine.keys pickles as that)
                self._pool = DaskPool(self.workers, build_engine, (self.policy, str(self.vault_path), self.vault_key,
                                                                   self.engine.keys, self.ocr), self.scheduler)
            return self._pool
        if self.workers > 1 and self._pool is None:
            self._pool = worker_pool(self.workers, self.policy, str(self.vault_path), self.vault_key,
                                     self.audit_key, self.ocr)
        return self._pool

    def _plan_ocr(self, workers: int) -> None:
        """OCR threads per worker (the --ocr-threads flag, else WAYBILL_OCR_THREADS as the process
        found it, else the cores shared out among the workers that OCR) and the device, set in the
        environment before any worker starts, so every OCR engine is made with them."""
        from .ocrplan import plan_threads
        threads = self.ocr_threads or _USER_OCR_THREADS or plan_threads(workers)
        os.environ["WAYBILL_OCR_THREADS"] = str(threads)
        os.environ["WAYBILL_OCR_DEVICE"] = self.device
        if self.ocr_backend:
            os.environ["WAYBILL_OCR_BACKEND"] = self.ocr_backend
        self._ocr_plan = {"workers": workers, "threads": threads, "device": self.device, "backend": self._backend()}

    def _backend(self) -> str:
        """rapidocr's back end for this run's engines: --ocr-backend, else WAYBILL_OCR_BACKEND, resolved."""
        from .ocrplan import ocr_settings, resolve_backend
        return resolve_backend(self.ocr_backend or ocr_settings()["backend"], self.device)

    def ocr_report(self) -> dict:
        """The OCR plan of the last run and the peak memory (RSS) of the processes that ran it:
        each worker (the largest), or this process when it masked the files itself."""
        import resource
        rep = dict(self._ocr_plan)
        who = resource.RUSAGE_CHILDREN if rep.get("workers", 1) > 1 else resource.RUSAGE_SELF
        rep["peak_rss_mb_per_worker"] = round(resource.getrusage(who).ru_maxrss / 1024, 1)
        return rep

    def close(self):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def abort(self, items: list[Item]) -> None:
        """Stop a run that was interrupted: workers stopped, the temp files of files still in
        flight removed (killed workers leave theirs), OUTDIR unlocked. Every audit line written so
        far stays: running the same command again finishes the rest."""
        self.close()
        for it in items:
            if it.out is not None:
                self._clean_temps(it.out)
        self.release()

    def release(self):
        """Let another run write to OUTDIR (end of run)."""
        self.close()
        if self._lock is not None:
            _LOCK_FDS.discard(self._lock.fileno())
            self._lock.close()
            self._lock = None

    def run(self, items: list[Item]):
        """Yield a FileResult per item, in input order. With several files and workers, files are
        masked in parallel worker processes; audit records and renames stay in the main process,
        in input order, so the output and the audit log are the same whatever the worker count."""
        files = [it for it in items if it.src is not None]
        parallel = (self.workers > 1 or self.executor == "dask") and len(files) > 1 and all(it.src is not None for it in items)
        if parallel and self.executor == "local" and self._pool is None:
            # each worker holds its own OCR models and buffers: no more workers than memory holds
            self.workers = max(1, min(self.workers, _memory_workers(self._backend())))
        self._plan_ocr(self.workers if parallel else 1)
        if parallel:
            checked = []
            for it in items:
                in_sha, early = self.check(it)
                checked.append((it, in_sha, early))
            todo = [(it, self.fmt, self.store) for it, _, early in checked if early is None]
            results = self._produce_all(todo)
            for it, in_sha, early in checked:
                if early is not None:
                    yield early
                else:
                    yield self.finish(it, in_sha, next(results))
            return
        for it in items:
            yield self.mask_item(it)

    def _produce_all(self, todo):
        """Results of ``produce_in_worker`` over ``todo`` in order, a few files ahead. A file whose
        worker died is tried once more on fresh workers (its siblings were only unlucky), then
        fails closed with the reason."""
        from collections import deque

        pending: deque = deque()
        it = iter(todo)
        ahead = 2 * self.workers

        def submit(args):
            return args, self.pool().apply_async(produce_in_worker, (args,))

        for args in it:
            pending.append(submit(args))
            if len(pending) >= ahead:
                break
        while pending:
            args, res = pending.popleft()
            try:
                out = res.get()
            except WorkerDied:
                try:
                    out = self.pool().apply_async(produce_in_worker, (args,)).get()
                except WorkerDied as e:
                    out = {"error": (int(e.exit_code), e.message), "fmt": None, "seconds": 0.0}
                # every other file in flight lost its worker too: send them again
                pending = deque(submit(a) for a, _ in pending)
            nxt = next(it, None)
            if nxt is not None:
                pending.append(submit(nxt))
            yield out

    # ------------------------------------------------------------------ resume index

    def _load_index(self) -> None:
        self._done: dict[tuple[str, str], dict] = {}
        self._failed: set[tuple[str, str | None, str]] = set()
        for rec in self.audit.records():
            inp = rec.get("input") or {}
            key = (inp.get("path"), inp.get("sha256"))
            if rec.get("status") == "ok":
                # the share an output was made for: a run for another share (or none) is no resume
                done = {**(rec.get("output") or {}), "share": rec.get("share")}
                self._done[key] = done
                rel = (rec.get("output") or {}).get("rel")
                if rel:  # resume does not depend on how the paths were typed (relative, absolute)
                    self._done[("rel:" + rel, inp.get("sha256"))] = done
            elif rec.get("status") in ("failed", "skipped"):
                self._failed.add((inp.get("path"), inp.get("sha256"), rec.get("reason") or ""))

    def _append(self, item: Item, status: str, reason: str, in_sha, out_sha, summary, fmt, elapsed,
                trace: dict | None = None) -> None:
        if status == "ok" and self._done.get((item.display, in_sha), {}).get("sha256") == out_sha and out_sha:
            return  # a rerun that produced the same output: the record is already there
        if status in ("failed", "skipped") and (item.display, in_sha, reason) in self._failed:
            return
        rec = {
            "run_id": self.run_id, "operator": operator(), "preset": self.policy.preset,
            "input": {"path": item.display, "sha256": in_sha},
            "output": {"path": self._show(item.out) if item.out else ("-" if item.src is None or item.stdout else None),
                       "sha256": out_sha, **({"rel": self._rel(item.out)} if item.out else {})},
            "format": fmt, "status": status, "reason": reason or None, "seconds": round(elapsed, 3),
        }
        if self.share is not None:
            rec["share"] = self.share.name
            if status == "ok":
                rec["trace"] = {k: v for k, v in {**self.share.audit(), **(trace or {})}.items() if k != "name"}
        rec.update(summary or {"findings": [], "finding_counts": {}, "findings_total": 0})
        self.audit.append(rec)
        if status == "ok":
            done = {**rec["output"], "share": rec.get("share")}
            self._done[(item.display, in_sha)] = done
            if item.out:
                self._done[("rel:" + self._rel(item.out), in_sha)] = done
        else:
            self._failed.add((item.display, in_sha, reason))

    # ------------------------------------------------------------------ one file

    def check(self, item: Item) -> tuple[str | None, FileResult | None]:
        """Main-process checks before masking: returns (input sha, early result or None)."""
        if item.src is not None and item.out is None:
            reason = item.refused or "symlink points outside the input folder: not followed"
            # not a data file (a FIFO, a device, a link not followed): recorded, not masked, and
            # not a failure of the batch
            if (item.display, None, reason) not in self._failed:
                self._append(item, "skipped", reason, None, None, None, None, 0.0)
            return None, FileResult(item.display, "skipped", reason)
        try:
            st = item.src.stat()
            in_sha = sha256_file(item.src)
            self._stat[item.src] = (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            return None, self._fail(item, None, None, InputError("cannot read the file"))
        self._clean_temps(item.out)
        store = self.store
        if item.out.exists() if store is None else store.exists(item.out):
            prev = self._done.get(("rel:" + self._rel(item.out), in_sha)) or self._done.get((item.display, in_sha))
            if prev and prev.get("rel", self._rel(item.out)) == self._rel(item.out) and not self.force and \
                    prev.get("share") == (self.share.name if self.share is not None else None):
                try:
                    if (sha256_file(item.out) if store is None else store.sha256(item.out)) == prev.get("sha256"):
                        return in_sha, FileResult(item.display, "skipped", output=self._show(item.out))
                except OSError:
                    pass
            if not self.force:
                return in_sha, self._fail(item, in_sha, None,
                                          OutputError("output already exists (use --force to overwrite)"))
        if isinstance(item.out, Path) and item.out.resolve() == item.src.resolve():
            return in_sha, self._fail(item, in_sha, None, OutputError("output would overwrite the input"))
        return in_sha, None

    def _show(self, out) -> str:
        """An output's name in messages and the audit log (a URL for an output URL)."""
        return safe_text(str(out) if self.store is None else self.store.display(out))

    def _clean_temps(self, out) -> None:
        if self.store is None:
            _clean_stale_temps(out)
        else:
            self.store.clean_temps(out)

    def _rel(self, out: Path) -> str:
        """An output path relative to the audit log's folder (the same however it was typed; an
        object store's output: its URL)."""
        if not isinstance(out, Path):
            return self._show(out)
        try:
            return safe_text(os.path.relpath(out.resolve(), self.audit.path.parent.resolve()))
        except (OSError, ValueError):  # pragma: no cover - another drive
            return safe_text(str(out.resolve()))

    def _fail(self, item: Item, in_sha, fmt, e: WaybillError, elapsed: float = 0.0) -> FileResult:
        self._append(item, "failed", e.message, in_sha, None, None, fmt, elapsed)
        return FileResult(item.display, "failed", e.message, int(e.exit_code))

    def finish(self, item: Item, in_sha: str, produced: dict) -> FileResult:
        """Main process: audit record first, then the output is renamed into place."""
        if produced.get("error"):
            code, reason = produced["error"]
            self._append(item, "failed", reason, in_sha, None, None, produced.get("fmt"), produced["seconds"])
            return FileResult(item.display, "failed", reason, code)
        store = self.store
        tmp = Path(produced["tmp"]) if store is None else produced["tmp"]

        def discard():
            if store is not None:
                store.discard(tmp)
                return
            try:
                tmp.unlink()
            except OSError:
                pass

        try:
            st = item.src.stat()
            changed = self._stat.get(item.src) != (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            changed = True
        if changed:
            # the audit would name bytes that were not the ones masked: fail closed, rerun later
            discard()
            e = InputError("the input changed while it was being masked: not written (run again)")
            return self._fail(item, in_sha, produced.get("fmt"), e, produced["seconds"])
        try:
            self._append(item, "ok", "", in_sha, produced["sha256"], produced["summary"], produced["fmt"],
                         produced["seconds"], produced.get("trace"))
            if store is None:
                _umask_mode(tmp)
                os.replace(tmp, item.out)
            else:
                store.publish(tmp, item.out)
        except BaseException:
            discard()
            raise
        return FileResult(item.display, "ok", counts=produced["summary"]["finding_counts"],
                          output=self._show(item.out))

    def mask_item(self, item: Item) -> FileResult:
        if item.src is None or item.stdout:
            return self._mask_stdin(item)
        in_sha, early = self.check(item)
        if early is not None:
            return early
        # (a Dask executor starts for any size: asked for by name, its absence is reported)
        produced = produce(self.engine, item, self.fmt, self.pool, self.progress, self.store,  # progress: records
                           pool_from=0 if self.executor == "dask" else pieces.PIECE_BYTES)
        return self.finish(item, in_sha, produced)

    def _mask_stdin(self, item: Item) -> FileResult:
        t0 = time.monotonic()
        sink = FindingSink()
        fmt = None
        in_sha = None
        try:
            fmt = formats.format_for(item.src if item.stdout else Path("stdin"), self.fmt)
            mod = formats.handler(fmt)
            data = item.src.read_bytes() if item.stdout else sys.stdin.buffer.read()
            in_sha = hashlib.sha256(data).hexdigest()
            if not data:
                raise InputError("empty input (0 bytes)")
            buf = io.BytesIO()
            job = formats.Job(self.engine, sink, self.pool() if fmt in formats.PARALLEL else None,
                              progress=self.progress)
            mod.mask(io.BufferedReader(io.BytesIO(data)), buf, job, fmt)
            out = buf.getvalue()
            trace = None
            if self.share is not None and (fmt in formats.PICTURES or self.share.canaries):
                from .trace.post import finish as trace_finish

                out, trace = trace_finish(self.share, fmt, data, out, self.policy.region, self.policy.image_style,
                                          marked=job.trace)
            self._append(item, "ok", "", in_sha, hashlib.sha256(out).hexdigest(), sink.summary(), fmt,
                         time.monotonic() - t0, trace)
            sys.stdout.buffer.write(out)
            sys.stdout.buffer.flush()
            return FileResult(item.display, "ok", counts=sink.counts, output="-")
        except WaybillError as e:
            return self._fail(item, in_sha, fmt, e, time.monotonic() - t0)
        except (MemoryError, RecursionError) as e:
            return self._fail(item, in_sha, fmt, InputError(f"input too large or too deeply nested ({e.__class__.__name__})"))


def _umask_mode(path: Path) -> None:
    """Outputs get the mode the process umask gives new files (temp files start at 0600)."""
    mask = os.umask(0o22)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:  # pragma: no cover
        pass


def _lock_outdir(outdir: Path):
    """One writer per OUTDIR: an exclusive lock on OUTDIR/.waybill.lock for the run's lifetime (a
    second run on the same folder stops at once with a clear message instead of deleting the
    first one's temp files)."""
    import fcntl

    try:
        outdir.mkdir(parents=True, exist_ok=True)
        fh = open(outdir / ".waybill.lock", "a+b")
    except OSError:
        raise OutputError(f"output folder not writable: {safe_text(str(outdir))}") from None
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise OutputError(f"another waybill run is writing to {safe_text(str(outdir))}; wait for it to "
                          "finish or choose another output folder") from None
    _LOCK_FDS.add(fh.fileno())
    return fh


def _clean_stale_temps(out: Path) -> None:
    """Temp files left by a run that was killed (kill -9) before renaming its output."""
    try:
        for p in out.parent.glob("." + glob_escape(out.name) + ".*.waybill-tmp"):
            p.unlink()
    except OSError:
        pass


def glob_escape(s: str) -> str:
    import glob
    return glob.escape(s)


def produce(engine: Engine, item: Item, fmt_opt: str, get_pool, progress, store=None, pool_from: int = 0) -> dict:
    """Mask one file into a temp file beside its output. Runs in a worker or in the main process;
    returns plain data (no open handles). With a ``store`` (an output URL) the file is masked into
    a local temp file, which is then copied to a temp name beside its output there."""
    t0 = time.monotonic()
    sink = FindingSink()
    fmt = None
    tmp: Path | None = None
    try:
        local = isinstance(item.src, Path)  # else an input named by URL (storage.RemoteFile)
        fmt = formats.format_for(item.src if local else Path(item.src.name), fmt_opt if fmt_opt != "auto" else None)
        mod = formats.handler(fmt)
        try:
            size = item.src.stat().st_size
        except OSError:
            raise InputError("cannot read the file") from None
        if size == 0:
            raise InputError("empty file (0 bytes)")
        # workers start only for a format they can share, for a file of more than ``pool_from``
        # bytes (the runner's local pool: one piece, which one worker masks while this process
        # waits; starting the pool cost a one-row CSV 0.1 s and each worker's start), and before
        # any temp file exists (``get_pool`` is None inside a worker)
        pool = get_pool() if get_pool is not None and fmt in formats.PARALLEL and size > pool_from else None
        try:
            if store is None:
                item.out.parent.mkdir(parents=True, exist_ok=True)
            fd, tmpname = tempfile.mkstemp(prefix="." + item.out.name + ".", suffix=".waybill-tmp",
                                           dir=item.out.parent if store is None else local_spool())
        except OSError:
            raise OutputError("output folder not writable") from None
        tmp = Path(tmpname)
        try:
            src = open(item.src, "rb") if local else item.src.open("rb")
        except OSError:
            raise InputError("cannot read the file") from None
        with os.fdopen(fd, "wb") as dst, src:
            job = formats.Job(engine, sink, pool, progress=progress)
            mod.mask(src, dst, job, fmt)
            dst.flush()
            os.fsync(dst.fileno())
        trace = None
        share = engine.policy.share
        if share is not None and fmt in formats.PICTURES and job.trace is not None:
            from .trace.post import finish as trace_finish  # the writer marked the image: record it

            _, trace = trace_finish(share, fmt, None, b"", engine.policy.region, engine.policy.image_style,
                                    marked=job.trace)
        elif share is not None and (fmt in formats.PICTURES or share.canaries):
            trace = _trace_finish(share, fmt, item.src, tmp, engine.policy)
        out_sha = sha256_file(tmp)
        placed = str(tmp) if store is None else store.upload(tmp, item.out)
        result = {"tmp": placed, "sha256": out_sha, "summary": sink.summary(), "fmt": fmt,
                  "seconds": time.monotonic() - t0, "trace": trace}
        if store is None:
            tmp = None  # kept: the client renames it into place (else the finally removes it)
        return result
    except WaybillError as e:
        return {"error": (int(e.exit_code), e.message), "fmt": fmt, "seconds": time.monotonic() - t0}
    except (MemoryError, RecursionError) as e:
        return {"error": (4, f"input too large or too deeply nested ({e.__class__.__name__})"), "fmt": fmt,
                "seconds": time.monotonic() - t0}
    except Exception as e:  # a bug: this file fails closed, the batch goes on, no traceback
        return {"error": (1, f"internal error ({e.__class__.__name__}); please report it"), "fmt": fmt,
                "seconds": time.monotonic() - t0}
    finally:
        if tmp is not None:
            try:
                tmp.unlink()
            except OSError:
                pass


def _trace_finish(share, fmt: str, src: Path, tmp: Path, policy: Policy) -> dict:
    """A named share's watermark and canaries, added to the masked temp file in place."""
    from .trace.post import finish

    try:
        data = src.read_bytes()
    except OSError:
        raise InputError("cannot read the file") from None
    out, info = finish(share, fmt, data, tmp.read_bytes(), policy.region, policy.image_style)
    with open(tmp, "wb") as fh:
        fh.write(out)
        fh.flush()
        os.fsync(fh.fileno())
    return info


def produce_in_worker(args) -> dict:
    from .formats import pieces
    item, fmt_opt, store = args
    return produce(pieces.worker(), item, fmt_opt, None, None, store)


def detect_item(engine: Engine, item: Item, fmt: str = "auto", pool=None) -> tuple[Iterator[dict], str | None]:
    """Findings of one file (with masked forms), or an error reason. The findings are spooled
    (memory stays flat on large files) and only handed out once the whole file was read. With a
    pool (from ``worker_pool`` with the same engine settings) large text files are split across it."""
    sink = SpoolSink()
    try:
        f = formats.format_for(item.src or Path("stdin"), fmt if (item.src is None or fmt != "auto") else None)
        mod = formats.handler(f)
        src = io.BufferedReader(io.BytesIO(sys.stdin.buffer.read())) if item.src is None else open(item.src, "rb")
        with src:
            mod.mask(src, _Null(), formats.Job(engine, sink, pool if f in formats.PARALLEL else None, report=True), f)
    except WaybillError as e:
        sink.close()
        return iter(()), e.message
    except OSError:
        sink.close()
        return iter(()), "cannot read the file"
    return sink.records(), None


class _Null(io.RawIOBase):
    def writable(self):
        return True

    def write(self, b):
        return len(b)
