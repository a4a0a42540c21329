"""Inspecting files without writing any: what masking would find (``waybill detect``) and what a
masked output still shows (``waybill verify``).

Both walk their inputs like ``waybill mask`` (``pipeline.plan``) and hand out one result per file,
in input order, as it is read; the caller shows them. ``finish`` raises what the whole run ends
with (``errors.Reported`` with its exit code), so the CLI only prints and maps errors. Results
carry types, places and masked forms, never an original value."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import ExitCode, Reported, UsageError, WaybillError
from .model import EntityType

#: the output folder ``plan`` is given when nothing is written
_NOWHERE = Path("/nonexistent-waybill-out")

#: files a masking run writes beside its outputs: not outputs themselves, verify leaves them out
RUN_FILES = ("audit.jsonl", "audit.jsonl.head", "vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm",
             "vault.sqlite-journal", ".waybill.lock")
#: formats the independent text reader (``verify_text``) reads again, and the largest file it reads
#: whole (larger ones get the detectors' reading only)
TEXT_FORMATS = ("csv", "tsv", "json", "jsonl", "txt", "xlsx")
_SECOND_READER_MAX = 256 << 20


def worth_splitting(item, fmt: str) -> bool:
    """A file of a format the workers can share, large enough to be worth starting them."""
    from .formats import PARALLEL, format_for
    from .formats.pieces import PIECE_BYTES

    if item.src is None:
        return False
    try:
        return format_for(item.src, fmt if fmt != "auto" else None) in PARALLEL and \
            item.src.stat().st_size > 4 * PIECE_BYTES
    except (WaybillError, OSError):
        return False


@dataclass
class Found:
    """One file's findings (``records``: an iterator, spooled; handed out once the whole file was
    read), or why it could not be read (``reason``)."""

    display: str
    records: Iterator[dict]
    reason: str | None = None


def public(rec: dict) -> dict:
    """A finding as ``waybill detect`` shows it: the audit record without its HMAC and shape."""
    return {k: v for k, v in rec.items() if k not in ("hmac", "shape")}


def detect_line(display: str, rec: dict) -> str:
    """One finding as a tab-separated line (``waybill detect`` without --json)."""
    # a box is held as a tuple (a frozen place) and shown as the list it was: [x0, y0, x1, y1]
    where = " ".join(f"{k}={list(v) if v.__class__ is tuple else v}" for k, v in rec["where"].items())
    return (f"{display}\t{where}\t{rec['type']}\t{rec.get('role') or '-'}\t"
            f"{rec['confidence']:.2f}\t{rec['detector']}\t{rec.get('masked', '')}")


class Detection:
    """``waybill detect``: the findings masking with the share preset (and ``config``) would make,
    file by file. Large CSV/TSV/JSONL/TXT files are split across ``workers`` processes (a pool
    started at the first such file and stopped when the run ends)."""

    def __init__(self, paths: list[str], fmt: str = "auto", config: Path | None = None, workers: int = 1):
        from .keys import audit_master
        from .masking import load_policy
        from .pipeline import build_engine

        self.paths, self.fmt, self.workers = paths, fmt, workers
        self.policy = load_policy("share", config)
        self.policy.ops.clear()
        self._key = audit_master()
        self.engine = build_engine(self.policy, None, None, self._key)
        self.failed = 0

    def __iter__(self) -> Iterator[Found]:
        from .pipeline import detect_item, plan, worker_pool

        pool = None
        try:
            for item in plan(self.paths, _NOWHERE, self.engine):
                if pool is None and self.workers > 1 and worth_splitting(item, self.fmt):
                    pool = worker_pool(self.workers, self.policy, None, None, self._key)
                found, reason = detect_item(self.engine, item, self.fmt, pool)
                if reason:
                    self.failed += 1
                yield Found(item.display, found, reason)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()

    def finish(self) -> None:
        """Raise the run's exit code: a file that could not be read is exit 4 (one path) or 6."""
        if self.failed:
            raise Reported(ExitCode.SOME_FAILED if len(self.paths) > 1 else ExitCode.INPUT_UNREADABLE)


@dataclass
class Checked:
    """One re-read output: the findings the preset should have removed (``leaks``), or why the
    file could not be read (``reason``)."""

    display: str
    leaks: list[dict] = field(default_factory=list)
    reason: str | None = None

    def message(self, preset: str) -> str | None:
        """What to tell about this file (types and readers only: never a value)."""
        if self.reason:
            return f"{self.display}: {self.reason}"
        if not self.leaks:
            return None
        hits = self.leaks
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(Counter(f["type"] for f in hits).items()))
        readers = sorted({str((f.get("where") or {}).get("ocr")) for f in hits if (f.get("where") or {}).get("ocr")})
        return (f"{self.display}: {len(hits)} value(s) that {preset} removes still readable "
                f"({kinds}" + (f"; read by {', '.join(readers)}" if readers else "") + ")")


def _misread_region(f: dict, preset: str) -> bool:
    """A Chinese address "detail" without a digit read in an enlarged label view (verify_read): on a
    share output that is the kept province/city/district misread by one character ("龙胜各族自治县"
    read with a wrong character is no longer a known county), not a street, building or room, which
    always carry a number. The first reading of the same picture still checks every detail."""
    w = f.get("where") or {}
    return (preset == "share" and w.get("label_view") is True and f.get("detector") == "address_cn.detail"
            and (f.get("shape") or {}).get("digits", 1) == 0)


class Verification:
    """``waybill verify``: re-read masked outputs with the detectors and the label layout stage
    (images and PDF pages with the OCR engine that did not mask first, then every installed one)
    and keep what ``preset`` should have removed (``engine.is_leak``). ``vault``: the vault of a
    print run, whose relay numbers are not personal."""

    def __init__(self, paths: list[str], preset: str = "share", fmt: str = "auto", ocr: str = "auto",
                 config: Path | None = None, vault: Path | None = None, vault_key_file: Path | None = None):
        from .keys import audit_master
        from .masking import load_policy
        from .ocr import OcrEngines
        from .pipeline import build_engine

        self.paths, self.preset, self.fmt = paths, preset, fmt
        engines = OcrEngines()
        used = ocr if ocr != "auto" else (engines.installed() or ["auto"])[0]
        reread = engines.other(used) or used
        policy = load_policy(preset, config)
        if policy.needs_vault:
            # a re-read issues no relay number: phones get partial masked forms instead (what
            # counts as a leak is decided on types and shapes, never on the masked form)
            from .masking import OPERATORS

            for t in EntityType:
                if OPERATORS[policy.op(t)].needs_vault:
                    policy.ops[t] = "partial"
        self.engine = build_engine(policy, None, None, audit_master(), reread)
        self.engine.verify = True  # verify's own checks on what it reads (waybill.verify_read)
        if vault is not None:
            from .engine import RelayCheck
            from .keys import vault_master
            from .vault import Vault

            if not vault.is_file():
                raise UsageError(f"no such vault: {vault}")
            self.engine.relay = RelayCheck(self.engine.policy.relay_prefixes, Vault(vault, vault_master(vault_key_file)))
        self.leaks = 0
        self.bad = 0

    def __iter__(self) -> Iterator[Checked]:
        from .engine import is_leak
        from .pipeline import detect_item, plan
        from .verify_text import beyond_kept_part

        for item in plan(self.paths, _NOWHERE, self.engine):
            if item.src is not None and item.src.name in RUN_FILES:
                continue
            found, reason = detect_item(self.engine, item, self.fmt)
            if reason:
                self.bad += 1
                yield Checked(item.display, reason=reason)
                continue
            hits, blur, unread = [], [], []
            for f in found:  # an iterator over the spooled findings: read once
                if is_leak(f, self.preset) and not _misread_region(f, self.preset):
                    hits.append(f)
                elif f.get("detector") == "image.motion_blur":
                    blur.append(f)
                elif f.get("detector") == "image.script_unread":
                    unread.append(f)
            if (unread or blur) and not hits:
                # a page in a script no installed reader reads (Thai without tesseract-ocr-tha), or a
                # photo too blurred to read: no reader can tell what stays readable on it, so it is
                # not called clean (what a reader did read there is reported as a leak above)
                self.bad += 1
                if unread:
                    script = (unread[0].get("where") or {}).get("script") or "another script"
                    why = (f"written in {script}, which no installed OCR reads with confidence (blurred?)"
                           if (unread[0].get("where") or {}).get("unsure") else
                           f"written in {script}, which no installed OCR reads (install Tesseract's data for it)")
                else:
                    px = max(float((f.get("where") or {}).get("blur_px") or 0) for f in blur)
                    why = f"too blurred to verify (motion blur ~{px:.0f} px)"
                yield Checked(item.display, reason=why + ": nothing can be said about what stays readable")
                continue
            second = self._second_reader(item.src) if item.src is not None else None
            if second is not None:
                if self.preset == "share":
                    # usaddress tags the town and postcode head that share keeps in an address
                    # cell as street parts too (a false alarm on most clean exports): its parts in
                    # the cell's kept part (its last readable segments, as many as the column's
                    # kept part has: verify_text.beyond_kept_part) are not leaks
                    tags = [f for f in hits if f.get("detector") == "address_us.tag"]
                    if tags:
                        keep = {id(f) for f in beyond_kept_part(item.src, self._fmt_of(item.src), tags)}
                        hits = [f for f in hits if f.get("detector") != "address_us.tag" or id(f) in keep]
                # a value both readers found is one value (counted once, by the detectors' record)
                seen = {(f["type"], w.get("row"), w.get("column"), w.get("line"))
                        for f in hits for w in [f.get("where") or {}]}
                hits += [f for f in second if (f["type"], f["where"].get("row"), f["where"].get("column"),
                                               f["where"].get("line")) not in seen]
            self.leaks += len(hits)
            yield Checked(item.display, hits)

    def _fmt_of(self, src: Path) -> str | None:
        from . import formats

        try:
            return formats.format_for(src, self.fmt if self.fmt != "auto" else None)
        except WaybillError:
            return None

    def _second_reader(self, src: Path) -> list[dict] | None:
        """What the independent text reader (``waybill.verify_text``) finds in a text output (None:
        a format or size it does not read)."""
        from .verify_text import check_file

        fmt = self._fmt_of(src)
        if fmt not in TEXT_FORMATS or src.stat().st_size > _SECOND_READER_MAX:
            return None
        return check_file(src, fmt, self.preset)

    def finish(self) -> str:
        """Raise the run's exit code (7: something still readable; 6: a file could not be read),
        else return the all-clear message."""
        if self.leaks:
            raise Reported(ExitCode.STILL_READABLE)
        if self.bad:
            raise Reported(ExitCode.SOME_FAILED)
        return "no personal data readable" + (" (nor tracking numbers, regions or codes)"
                                              if self.preset == "dispose" else "")
