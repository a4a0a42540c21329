"""The library API: mask or inspect one file or stream with one call.

    import waybill
    settings = waybill.Settings(preset="share")
    report = waybill.mask_file("orders.csv", "masked/orders.csv", settings)
    print(report.status, report.counts)          # ok {'name:partial': 2, 'phone:partial': 2, ...}

Every call builds (or reuses) one engine for its ``Settings``; the CLI, the web page and the batch
runner mask through the same readers, detectors and operators. A file that cannot be read or masked
raises a ``waybill.errors.WaybillError`` (with its exit code) and leaves no output behind: the masked
bytes go to a temporary file beside ``dst`` that replaces ``dst`` only when the whole file is done.
"""
from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import formats
from .engine import Engine, FindingSink, SpoolSink
from .errors import InputError, OutputError, WaybillError
from .masking import Policy, load_policy


@dataclass(frozen=True)
class Settings:
    """What to mask and how: a preset (``share``, ``print``, ``dispose``), an optional TOML config
    (the same file as ``--config``), the OCR engine for images, and, for ``print``, the vault that
    issues relay numbers (its key from ``vault_key`` or ``WAYBILL_VAULT_KEY``). ``audit_key`` keys
    the HMACs in finding records (default: ``WAYBILL_AUDIT_KEY`` or the user's key file)."""

    preset: str = "share"
    config: Path | None = None
    ocr: str = "auto"
    vault: Path | None = None
    vault_key: bytes | None = None
    audit_key: bytes | None = None
    # a named share (issue 14): outputs carry the fingerprint of (share_with, share_run), keyed by
    # ``trace_key`` (default WAYBILL_TRACE_KEY or $WAYBILL_HOME/trace.key); ``canaries`` adds synthetic
    # records to text exports. Trace such copies with ``waybill trace --share NAME@RUN``.
    share_with: str | None = None
    share_run: str = ""
    canaries: int = 0
    trace_key: bytes | None = None

    def policy(self) -> Policy:
        pol = load_policy(self.preset, self.config)
        if self.share_with is not None:
            import dataclasses

            from .trace.core import ShareSpec

            pol = dataclasses.replace(pol, share=ShareSpec.make(self.share_with, self.share_run, self.canaries,
                                                                   self.trace_key))
        elif self.canaries:
            from .errors import UsageError

            raise UsageError("canaries need share_with (canaries name a share)")
        return pol


@dataclass
class FileReport:
    """What masking (or inspecting) one file did. ``findings`` holds the audit records (type, role,
    where, detector, confidence, method, HMAC; masked forms in detect mode), never an original
    value; ``counts`` counts them per ``type:method``."""

    src: str
    dst: str | None
    format: str
    status: str = "ok"
    findings: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    trace: dict | None = None  # a named share: what it added (watermark boxes, canary identifiers)


_ENGINES: dict[Settings, Engine] = {}


def engine_for(settings: Settings | None = None) -> Engine:
    """The engine for ``settings`` (built once per settings in this process)."""
    from .keys import audit_master, vault_master
    from .pipeline import build_engine

    settings = settings or Settings()
    eng = _ENGINES.get(settings)
    if eng is None:
        policy = settings.policy()
        vault_key = vault_path = None
        if policy.needs_vault:
            vault_key = settings.vault_key or vault_master(None)
            vault_path = str(settings.vault or Path.home() / ".waybill" / "vault.sqlite")
        key = settings.audit_key or audit_master()
        eng = _ENGINES[settings] = build_engine(policy, vault_path, vault_key, key, settings.ocr)
    return eng


def mask_stream(src: BinaryIO, dst: BinaryIO, fmt: str, settings: Settings | None = None) -> FileReport:
    """Mask a binary stream of format ``fmt`` (csv, tsv, xlsx, json, jsonl, txt, zpl, image, pdf)
    into ``dst``. On an error nothing should be used from ``dst`` (the caller owns it)."""
    if fmt not in formats.FORMATS:
        raise InputError(f"unsupported format '{fmt}'")
    sink = FindingSink()
    reader = src if isinstance(src, io.BufferedReader) else io.BufferedReader(_Raw(src))
    engine = engine_for(settings)
    share = engine.policy.share
    if share is not None and fmt not in ("image", "pdf") and share.canaries:
        # a named share adds its canaries to the whole masked output (kept in memory)
        from .trace.post import finish

        data = reader.read()
        buf = io.BytesIO()
        formats.handler(fmt).mask(io.BufferedReader(io.BytesIO(data)), buf, formats.Job(engine, sink), fmt)
        out, info = finish(share, fmt, data, buf.getvalue(), engine.policy.region, engine.policy.image_style)
        dst.write(out)
        rep = _report("-", "-", fmt, sink)
        rep.trace = info
        return rep
    job = formats.Job(engine, sink)
    formats.handler(fmt).mask(reader, dst, job, fmt)
    rep = _report("-", "-", fmt, sink)
    if share is not None and fmt in formats.PICTURES:
        # the image/PDF writer wrote the share's watermark into the fills (``job.trace``)
        from .trace.post import finish

        _, rep.trace = finish(share, fmt, None, b"", engine.policy.region, engine.policy.image_style,
                              marked=job.trace if job.trace is not None else {"boxes": 0, "chips": 0})
    return rep


def mask_file(src: str | os.PathLike, dst: str | os.PathLike, settings: Settings | None = None,
              fmt: str = "auto") -> FileReport:
    """Mask the file ``src`` into ``dst`` (same format). ``dst`` appears only when the whole file
    was masked; an existing ``dst`` is replaced."""
    src, dst = Path(src), Path(dst)
    f = formats.format_for(src, fmt if fmt != "auto" else None)
    try:
        if src.stat().st_size == 0:
            raise InputError("empty file (0 bytes)")
        fin = open(src, "rb")
    except OSError:
        raise InputError("cannot read the file") from None
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="." + dst.name + ".", suffix=".waybill-tmp", dir=dst.parent)
    except OSError:
        fin.close()
        raise OutputError("output folder not writable") from None
    try:
        with fin, os.fdopen(fd, "wb") as out:
            report = mask_stream(fin, out, f, settings)
        os.replace(tmp, dst)
        tmp = None
    except (MemoryError, RecursionError) as e:
        raise InputError(f"input too large or too deeply nested ({e.__class__.__name__})") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    report.src, report.dst = str(src), str(dst)
    return report


def detect_file(src: str | os.PathLike, settings: Settings | None = None, fmt: str = "auto") -> FileReport:
    """What masking ``src`` would mask, with masked forms, without writing anything."""
    src = Path(src)
    f = formats.format_for(src, fmt if fmt != "auto" else None)
    sink = SpoolSink()
    try:
        with open(src, "rb") as fin:
            formats.handler(f).mask(fin, _Discard(), formats.Job(engine_for(settings), sink, report=True), f)
        records = list(sink.records())
    except OSError:
        sink.close()
        raise InputError("cannot read the file") from None
    except WaybillError:
        sink.close()
        raise
    counts: dict[str, int] = {}
    for r in records:
        k = f"{r['type']}:{r['method']}"
        counts[k] = counts.get(k, 0) + 1
    return FileReport(str(src), None, f, "ok", records, counts, len(records))


def _report(src: str, dst: str | None, fmt: str, sink: FindingSink) -> FileReport:
    s = sink.summary()
    return FileReport(src, dst, fmt, "ok", s["findings"], s["finding_counts"], s["findings_total"])


class _Raw(io.RawIOBase):
    """A readable raw stream over any object with ``read`` (for ``io.BufferedReader``)."""

    def __init__(self, f):
        self._f = f

    def readable(self):
        return True

    def readinto(self, b):
        data = self._f.read(len(b))
        n = len(data)
        b[:n] = data
        return n


class _Discard(io.RawIOBase):
    def writable(self):
        return True

    def write(self, b):
        return len(b)
