"""Outputs and inputs on shared storage named by an fsspec URL (``-o file:///shared/masked``,
``-o s3://bucket/masked``, ``waybill mask s3://bucket/in``, ``memory://`` in tests): what the
batch needs of such a place.

A file is masked into a local temp file as always, then copied to a temp name beside its output
(``.NAME.XXXX.waybill-tmp``) by the process that masked it (a Dask worker, a local worker or the
client); after the file's audit line is written the client moves it into place. On a local or
mounted filesystem (``file://``) that move is a rename, atomic; on an object store (``s3://``)
the temp object was written with one put and the move is a server-side copy, so the output object
appears whole or not at all, and the temp object is deleted after it. A run that was killed
leaves temp names behind; the next run on the same output removes them first.

Plain paths never come here (the batch writes them itself, with the same steps); a plain path and
the ``file://`` URL of the same folder resume each other (the audit log keeps paths relative to
its own folder). Object stores need their fsspec driver (``s3fs`` for ``s3://``), which waybill
does not install.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import re
from .lazy_re import lazy
import tempfile
import uuid
from pathlib import Path, PurePosixPath

from .errors import MissingDependency, OutputError, UsageError

_URL = lazy(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
TEMP_SUFFIX = ".waybill-tmp"


def is_url(s) -> bool:
    """Whether ``s`` names a place by URL (``scheme://...``) rather than a path."""
    return isinstance(s, str) and _URL.match(s) is not None


class Store:
    """An output place named by an fsspec URL. Picklable (sent to workers with their tasks: the
    filesystem's protocol and options, no credentials unless they were in the URL's options;
    drivers such as s3fs take them from each machine's environment)."""

    def __init__(self, url: str):
        try:
            import fsspec
        except ImportError:
            raise MissingDependency("an output URL needs fsspec: pip install 'waybill[dask]'") from None
        try:
            self.fs, root = fsspec.core.url_to_fs(url)
        except ImportError as e:
            raise MissingDependency(f"no driver for {url.split('://', 1)[0]}:// URLs ({e})") from None
        except (ValueError, TypeError) as e:
            raise UsageError(f"not a storage URL fsspec knows: {e.__class__.__name__}") from None
        self.url = url
        protocol = self.fs.protocol
        self.local = "file" in ((protocol,) if isinstance(protocol, str) else tuple(protocol))
        #: the output folder: a local path for file:// (the batch's checks on paths apply), else a
        #: path inside the filesystem
        self.root = Path(root) if self.local else PurePosixPath(root or "/")

    # ------------------------------------------------------------------ the client's side

    def display(self, path) -> str:
        """``path`` as a URL, for messages and the audit log."""
        return self.fs.unstrip_protocol(str(path))

    def exists(self, path) -> bool:
        try:
            return self.fs.isfile(str(path))
        except OSError:
            return False

    def sha256(self, path) -> str:
        h = hashlib.sha256()
        with self.fs.open(str(path), "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    def clean_temps(self, out) -> None:
        """Temp names a killed run left beside ``out``."""
        parent, name = _split(out)
        try:
            names = self.fs.ls(parent, detail=False)
        except (OSError, ValueError):
            return
        head = "." + name + "."
        for p in names:
            base = p.rstrip("/").rsplit("/", 1)[-1]
            if base.startswith(head) and base.endswith(TEMP_SUFFIX):
                self.discard(p)

    def publish(self, tmp: str, out) -> None:
        """Move a finished temp output into place (after its audit line)."""
        try:
            self.fs.mv(tmp, str(out))
        except (OSError, ValueError) as e:
            self.discard(tmp)
            raise OutputError(f"could not move the output into place ({e.__class__.__name__})") from None

    def discard(self, tmp: str) -> None:
        try:
            self.fs.rm(tmp)
        except (OSError, ValueError):
            pass

    # ------------------------------------------------------------------ the worker's side

    def upload(self, local: Path, out) -> str:
        """Copy a finished local temp file to a temp name beside ``out``; returns that name."""
        parent, name = _split(out)
        tmp = f"{parent}/.{name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}"
        try:
            self.fs.makedirs(parent, exist_ok=True)
            self.fs.put_file(str(local), tmp)
        except (OSError, ValueError) as e:
            self.discard(tmp)
            raise OutputError(f"output place not writable ({e.__class__.__name__})") from None
        return tmp


class RemoteFile:
    """An input named by a URL of a store other than ``file://`` (a ``file://`` input is read as
    its path): what the batch asks of an input file, read through fsspec by whichever process
    masks it. ``stat`` gives the size and a change stamp (modification time or ETag, as the store
    keeps them) for the check that an input did not change while it was masked."""

    __slots__ = ("store", "path")

    def __init__(self, store: Store, path: str):
        self.store, self.path = store, path

    def __reduce__(self):
        return (RemoteFile, (self.store, self.path))

    def __eq__(self, other):
        return isinstance(other, RemoteFile) and other.path == self.path and other.store.url == self.store.url

    def __hash__(self):
        return hash((self.store.url, self.path))

    def __str__(self):
        return self.store.display(self.path)

    @property
    def name(self) -> str:
        return _split(self.path)[1]

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def resolve(self) -> "RemoteFile":
        return self

    def stat(self):
        from types import SimpleNamespace

        try:
            info = self.store.fs.info(self.path)
        except (OSError, ValueError):
            raise OSError("cannot read the file") from None
        when = next((info[k] for k in ("mtime", "LastModified", "last_modified", "updated", "created")
                     if info.get(k) is not None), None)
        tag = next((info[k] for k in ("ETag", "etag", "md5Hash", "ino") if info.get(k) is not None), None)
        return SimpleNamespace(st_size=info.get("size") or 0, st_mtime_ns=str(when), st_ino=str(tag))

    def open(self, mode: str = "rb"):
        if mode != "rb":
            raise ValueError("inputs are read only")
        import io

        try:
            fh = self.store.fs.open(self.path, "rb")
        except (OSError, ValueError):
            raise OSError("cannot read the file") from None
        # the formats read a buffered binary stream (``peek`` for the encoding sniff, as open() gives)
        return io.BufferedReader(fh, buffer_size=1 << 20)

    def read_bytes(self) -> bytes:
        with self.open() as fh:
            return fh.read()


def inputs(url: str) -> tuple[Store, list[tuple[str, tuple[str, ...]]]] | None:
    """The files under an input URL, each with its path parts relative to the URL's own folder
    (``cp -r``: a folder's name comes first), in sorted order; None when the URL names nothing."""
    store = Store(url)
    root = str(store.root)
    fs = store.fs
    try:
        if fs.isdir(root):
            base = _split(root)[1] or "root"
            files = sorted(fs.find(root, withdirs=False))
            return store, [(p, (base, *PurePosixPath(p).relative_to(root).parts)) for p in files]
        if fs.isfile(root):
            return store, [(root, (_split(root)[1],))]
    except (OSError, ValueError):
        pass
    return None


def _split(path) -> tuple[str, str]:
    s = str(path)
    parent, _, name = s.rstrip("/").rpartition("/")
    return parent or "/", name


# ------------------------------------------------------------------ the masking process's own spool

_SPOOL: tuple[int, Path] | None = None
_SPOOL_PREFIX = "waybill-spool-"


def local_spool() -> Path:
    """A folder of this process's own in the system temp folder, for the local temp files of
    outputs that go to shared storage (a Dask worker's, a local worker's). A process killed
    mid-file (kill -9, a worker the nanny restarts) leaves its folder behind; the next process
    that makes its own removes the temp files of folders whose process is gone (never another
    live process's, never a file that is not a waybill temp file). Its own is emptied at exit."""
    global _SPOOL
    pid = os.getpid()
    if _SPOOL is None or _SPOOL[0] != pid:
        base = Path(tempfile.gettempdir())
        clean_dead_spools(base)
        d = Path(tempfile.mkdtemp(prefix=f"{_SPOOL_PREFIX}{pid}-", dir=base))
        _SPOOL = (pid, d)
        atexit.register(_empty_spool, pid, d)
    return _SPOOL[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): alive
        return True
    return True


def _empty_spool(pid: int, d: Path) -> None:
    if os.getpid() == pid:  # a forked child exits with its parent's handler: not its folder
        _remove_spool(d)


def _remove_spool(d: Path) -> int:
    """Remove the waybill temp files in spool folder ``d``, then ``d`` if that left it empty;
    returns how many files went."""
    gone = 0
    for p in d.glob("*" + TEMP_SUFFIX):
        try:
            p.unlink()
            gone += 1
        except OSError:
            pass
    try:
        d.rmdir()
    except OSError:
        pass
    return gone


def clean_dead_spools(base: Path) -> int:
    """Remove the waybill temp files (and then the empty folder) of every spool folder in ``base``
    whose process no longer runs; returns how many files went."""
    gone = 0
    try:
        folders = list(base.glob(_SPOOL_PREFIX + "*"))
    except OSError:
        return 0
    for d in folders:
        try:
            pid = int(d.name[len(_SPOOL_PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid) or not d.is_dir():
            continue
        gone += _remove_spool(d)
    return gone
