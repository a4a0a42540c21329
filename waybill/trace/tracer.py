"""``waybill trace``: which named share a leaked copy came from.

For each file, in this order:

1. **exact copy**: its SHA-256 against every output the audit logs record (the lineage of that
   output: input hash, run, time, operator, preset, share, tool version);
2. **canaries**: an identifier of a share's canary records found in the copy names that share;
3. **fingerprint**: the text fingerprint (mask-run lengths) or, for images and PDFs, the pattern in
   the filled areas, scored for every candidate share (every (share, run) the audit logs name, plus
   ``--share NAME[@RUN]``). The best candidate is named when the probability that an innocent
   share scores as high, times the number of candidates, is at most the threshold (1e-6 by
   default); otherwise the honest answer is "no fingerprint found".
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, InputError, UsageError
from . import text as tx
from .core import Keyring, sub_key, trace_master

DEFAULT_THRESHOLD = 1e-6
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif"}


@dataclass
class Candidate:
    name: str
    run: str
    key: bytes = field(repr=False)
    files: int = 0
    first: str | None = None
    last: str | None = None
    operators: set = field(default_factory=set)
    presets: set = field(default_factory=set)
    versions: set = field(default_factory=set)
    canaries: dict = field(default_factory=dict)  # identifier -> output path
    audit: str | None = None

    @property
    def text_key(self) -> bytes:
        return sub_key(self.key, "text")

    @property
    def image_key(self) -> bytes:
        return sub_key(self.key, "image")

    def summary(self) -> dict:
        return {"share": self.name, "run": self.run, "files": self.files, "first": self.first, "last": self.last,
                "operators": sorted(self.operators), "presets": sorted(self.presets),
                "tool_versions": sorted(self.versions), **({"audit": self.audit} if self.audit else {})}


class Evidence:
    """The audit logs and the candidate shares they name."""

    def __init__(self, audits: list[Path], extra: list[str] = (), master: bytes | None = None):
        master = master if master is not None else trace_master(create=False)
        if master is None:
            raise ConfigError("no trace key: set WAYBILL_TRACE_KEY (or WAYBILL_TRACE_KEY_FILE) to the key of the runs "
                              "that made the shares")
        self.ring = Keyring(master)
        self.by_sha: dict[str, list[dict]] = {}
        self.cands: dict[tuple[str, str], Candidate] = {}
        self.audits: list[dict] = []
        for p in audits:
            self._load(Path(p))
        for s in extra:
            name, _, run = s.partition("@")
            if not name.strip():
                raise UsageError("--share needs NAME or NAME@RUN")
            self._cand(name.strip(), run.strip())

    def _cand(self, name: str, run: str) -> Candidate:
        k = (name, run)
        c = self.cands.get(k)
        if c is None:
            c = self.cands[k] = Candidate(name, run, self.ring.share_key(name, run))
        return c

    def _load(self, path: Path) -> None:
        from ..audit import AuditLog, is_tampered, verify

        if not path.is_file():
            raise UsageError(f"no such audit log: {path}")
        try:
            n, problems = verify(path)
        except OSError:
            raise InputError(f"cannot read the audit log {path}") from None
        self.audits.append({"path": str(path), "lines": n, "intact": not is_tampered(problems),
                            "problems": problems[:3]})
        log = AuditLog.__new__(AuditLog)
        log.path = path
        for rec in log.records():
            if not isinstance(rec, dict) or rec.get("status") != "ok":
                continue
            out = rec.get("output") or {}
            if out.get("sha256"):
                self.by_sha.setdefault(out["sha256"], []).append({**rec, "_audit": str(path)})
            share = rec.get("share")
            if not share or not rec.get("run_id"):
                continue
            c = self._cand(share, rec["run_id"])
            c.audit = c.audit or str(path)
            c.files += 1
            t = rec.get("time")
            if t:
                c.first = min(c.first or t, t)
                c.last = max(c.last or t, t)
            c.operators.add(rec.get("operator"))
            c.presets.add(rec.get("preset"))
            c.versions.add(rec.get("tool_version"))
            for can in (rec.get("trace") or {}).get("canaries") or []:
                for i in can.get("ids") or []:
                    c.canaries[str(i)] = out.get("path")


def lineage(rec: dict) -> dict:
    """Where an output came from, as the audit log records it."""
    inp, out = rec.get("input") or {}, rec.get("output") or {}
    return {"output": out.get("path"), "output_sha256": out.get("sha256"), "input": inp.get("path"),
            "input_sha256": inp.get("sha256"), "run": rec.get("run_id"), "time": rec.get("time"),
            "operator": rec.get("operator"), "preset": rec.get("preset"), "share": rec.get("share"),
            "format": rec.get("format"), "tool_version": rec.get("tool_version"), "audit": rec.get("_audit")}


def guess_format(path: Path, data: bytes) -> str:
    from ..formats import EXTENSIONS

    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in (b"II*\x00", b"MM\x00*") \
            or data[:2] == b"BM" or data[:4] == b"RIFF" or data[:3] == b"GIF":
        return "image"
    if data[:4] == b"%PDF":
        return "pdf"
    if data[:2] == b"PK":
        return "xlsx"
    head = data[:4096].lstrip()
    if head[:1] in (b"{", b"["):
        return "jsonl" if head[:1] == b"{" and b"\n{" in data[:65536] else "json"
    if b"^XA" in head.upper():
        return "zpl"
    return "csv" if b"," in head or b"\t" in head else "txt"


def _log10_any(lp: float, n: int) -> float:
    return min(0.0, lp + math.log10(max(1, n)))


def trace_file(path: Path, ev: Evidence, threshold: float = DEFAULT_THRESHOLD, fmt: str | None = None) -> dict:
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise InputError("cannot read the file") from None
    if not data:
        raise InputError("empty file (0 bytes)")
    return trace_bytes(data, fmt or guess_format(Path(path), data), ev, threshold, str(path))


def trace_bytes(data: bytes, fmt: str, ev: Evidence, threshold: float = DEFAULT_THRESHOLD, name: str = "-") -> dict:
    """The verdict on one copy (see the module doc); ``fmt`` one of csv, tsv, xlsx, json, jsonl,
    txt, zpl, image, pdf."""
    sha = hashlib.sha256(data).hexdigest()
    res: dict = {"path": name, "format": fmt, "sha256": sha, "candidates_tried": len(ev.cands)}
    exact = ev.by_sha.get(sha)
    if exact:
        res["exact"] = [lineage(r) for r in exact]
        shares = sorted({r.get("share") for r in exact if r.get("share")})
        res.update(verdict="share" if shares else "exact_unshared", method="exact",
                   share=shares[0] if shares else None, run=exact[0].get("run_id"),
                   log10_p_innocent=None)
        if len(shares) > 1:
            res["shares"] = shares
        return res
    if fmt in ("image", "pdf"):
        ranked, info = _image(data, fmt, ev)
    else:
        ranked, info = _text(data, fmt, ev)
        canary = info.pop("canary_hits", None)
        if canary:
            c, ids = canary
            res.update(verdict="share", method="canary", share=c.name, run=c.run, canary_ids=ids,
                       log10_p_innocent=None, lineage=c.summary())
            res["evidence"] = info
            res["ranked"] = ranked[:5]
            return res
    res["evidence"] = info
    res["ranked"] = ranked[:5]
    n = len(ev.cands)
    if ranked:
        best = ranked[0]
        res["log10_p_innocent"] = best["log10_p"]
        res["log10_p_any"] = _log10_any(best["log10_p"], n)
        if res["log10_p_any"] <= math.log10(threshold):
            c = ev.cands[(best["share"], best["run"])]
            res.update(verdict="share", method=info.get("method"), share=c.name, run=c.run, lineage=c.summary())
            return res
    res.update(verdict="no_fingerprint", method=info.get("method"), share=None, run=None)
    return res


def _text(data: bytes, fmt: str, ev: Evidence) -> tuple[list, dict]:
    from .read import units

    try:
        us = list(units(data, fmt))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"not readable as {fmt} ({e.__class__.__name__})") from None
    info: dict = {"method": "text", "units": len(us)}
    # canaries: any identifier of a candidate's canary records, anywhere in the copy
    blob = "\n".join(us)
    hits = []
    for c in ev.cands.values():
        found = sorted(i for i in c.canaries if i and i in blob)
        if found:
            hits.append((len(found), c, found))
    if hits:
        hits.sort(key=lambda h: -h[0])
        info["canary_hits"] = (hits[0][1], hits[0][2])
    votes = tx.Votes()
    for u in us:
        votes.add(u)
    table = votes.table()
    counts = tx.vote_counts(table)
    info.update(votes=len(table), marked_units=votes.units,
                bits=sum(tx.WEIGHT[m] * k for m, k in counts.items()))
    if not table:
        return [], info
    ranked = []
    scorer = tx.Scorer(table)
    for c in ev.cands.values():
        s, k = scorer.score(c.text_key)
        ranked.append({"share": c.name, "run": c.run, "score": s, "matched": k, "votes": len(table)})
    ranked.sort(key=lambda r: -r["score"])
    for r in ranked:
        lp = tx.null_tail(counts, r["score"])
        r["log10_p"] = round(lp, 2) if math.isfinite(lp) else -999.0
        r["expected_innocent"] = round(sum(tx.WEIGHT[m] * k / m for m, k in counts.items()), 1)
    return ranked, info


def read_image(data: bytes, fmt: str):
    """Watermark readings of an image or every page of a PDF (rendered at 203 dpi)."""
    import io

    import numpy as np

    from .watermark import merge, read

    if fmt == "pdf":
        try:
            import pypdfium2 as pdfium
        except ImportError:  # pragma: no cover
            from ..errors import MissingDependency

            raise MissingDependency("PDF support needs pypdfium2: pip install 'waybill[all]'") from None
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as e:
            raise InputError(f"broken PDF ({e.__class__.__name__})") from None
        try:
            pages = [read(np.asarray(pdf[i].render(scale=203 / 72).to_pil().convert("L"), np.float32))
                     for i in range(min(len(pdf), 100))]
        finally:
            pdf.close()
        return merge(pages)
    from PIL import Image, ImageOps

    try:
        im = Image.open(io.BytesIO(data))
        im.load()
        im = ImageOps.exif_transpose(im)
    except Exception as e:
        raise InputError(f"not a readable image ({e.__class__.__name__})") from None
    return read(np.asarray(im.convert("L"), np.float32))


def _image(data: bytes, fmt: str, ev: Evidence) -> tuple[list, dict]:
    from .watermark import score

    rd = read_image(data, fmt)
    info = {"method": "image", "boxes": rd.boxes, "chips": len(rd.fwd)}
    if not rd.fwd:
        return [], info
    ranked = []
    for c in ev.cands.values():
        s, lp = score(rd, c.image_key)
        ranked.append({"share": c.name, "run": c.run, "score": round(s, 2), "log10_p": round(lp, 2)})
    ranked.sort(key=lambda r: -r["score"])
    return ranked, info
