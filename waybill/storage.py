"""Outputs on shared storage named by an fsspec URL (``-o file:///shared/masked``,
``-o s3://bucket/masked``, ``memory://`` in tests): what the batch needs of such a place.

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

import hashlib
import re
import uuid
from pathlib import Path, PurePosixPath

from .errors import MissingDependency, OutputError, UsageError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
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


def _split(path) -> tuple[str, str]:
    s = str(path)
    parent, _, name = s.rstrip("/").rpartition("/")
    return parent or "/", name
