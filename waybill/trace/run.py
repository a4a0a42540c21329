"""``waybill trace`` over many files: the candidate shares, one result per file (and what to say
about it, never a value from the copy), and the run's exit code (10: no share identified for some
file; 4 or 6: a file could not be read). The CLI only shows what this yields."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ExitCode, Reported, UsageError, WaybillError
from .tracer import Evidence, trace_file

DEFAULT_LOG = Path("masked/audit.jsonl")


@dataclass(frozen=True)
class Traced:
    """One leaked copy: its result (``trace_file``) or why it could not be read (``error``)."""

    path: str
    result: dict | None = None
    error: str | None = None

    def json(self) -> dict:
        """The JSON Lines object of this file."""
        if self.error is not None:
            return {"path": self.path, "verdict": "error", "error": self.error}
        return self.result

    def lines(self, candidates: int) -> list[str]:
        """What to tell about this file on standard error."""
        if self.error is not None:
            from ..pipeline import safe_text

            return [f"waybill: {safe_text(self.path)}: {self.error}"]
        return describe(self.result, candidates)


class Tracing:
    """Trace ``paths`` against the shares the audit logs name (default ``masked/audit.jsonl`` when
    it exists) and the extra candidates ``shares`` (``NAME[@RUN]``)."""

    def __init__(self, paths: list[str], audits: list[Path], shares: list[str], threshold: float = 1e-6,
                 fmt: str | None = None):
        if not 0 < threshold < 1:
            raise UsageError("--threshold must be between 0 and 1")
        logs = list(audits)
        if not logs and DEFAULT_LOG.is_file():
            logs = [DEFAULT_LOG]
        if not logs and not shares:
            raise UsageError("no candidate shares: give the audit log(s) of the runs that made them (--audit FILE)")
        self.paths, self.threshold, self.fmt = paths, threshold, fmt
        self.evidence = Evidence(logs, shares)
        self.candidates = len(self.evidence.cands)
        self.bad = self.unknown = 0

    def warnings(self) -> list[str]:
        """Audit logs that do not verify: their records are weak evidence."""
        return [f"waybill: {a['path']}: audit log does not verify ({'; '.join(a['problems'])}): its records are "
                "weak evidence" for a in self.evidence.audits if not a["intact"]]

    def __iter__(self):
        for p in self.paths:
            try:
                res = trace_file(Path(p), self.evidence, self.threshold, self.fmt)
            except WaybillError as e:
                self.bad += 1
                yield Traced(p, error=e.message)
                continue
            if res["verdict"] not in ("share", "exact_unshared"):
                self.unknown += 1
            yield Traced(p, res)

    def finish(self) -> None:
        """Raise the run's exit code when some file was not attributed."""
        if self.bad:
            raise Reported(ExitCode.INPUT_UNREADABLE if len(self.paths) == 1 else ExitCode.SOME_FAILED)
        if self.unknown:
            raise Reported(ExitCode.NO_SHARE_FOUND)


def describe(res: dict, n: int) -> list[str]:
    """The lines that tell one file's result (``n``: how many candidate shares there were)."""
    p = res["path"]
    if res["method"] == "exact":
        return [(f"{p}: exact copy of {ln['output']} (share: {ln['share'] or 'none'}; run {ln['run']}, "
                 f"{ln['time']}, operator {ln['operator']}, preset {ln['preset']}, waybill {ln['tool_version']}; "
                 f"input {ln['input']} sha256 {(ln['input_sha256'] or '')[:16]}...)") for ln in res["exact"]]
    if res["verdict"] == "share" and res["method"] == "canary":
        return [(f"{p}: share {res['share']!r} (run {res['run']}): its canary record(s) "
                 f"{', '.join(res['canary_ids'])} are in this copy")]
    out = []
    ev = res.get("evidence") or {}
    if res["verdict"] == "share":
        top = res["ranked"][0]
        what = (f"{top['matched']} of {top['votes']} marks match" if res["method"] == "text"
                else f"{ev.get('boxes', 0)} filled areas, {ev.get('chips', 0)} chips, score {top['score']}")
        out.append(f"{p}: share {res['share']!r} (run {res['run']}): {what}; an innocent share scores this high "
                   f"with probability 10^{res['log10_p_innocent']:.1f} (any of {n}: 10^{res['log10_p_any']:.1f})")
        lin = res.get("lineage") or {}
        out.append(f"    run {lin.get('run')}: {lin.get('files')} file(s) {lin.get('first')} .. {lin.get('last')}, "
                   f"operator(s) {', '.join(map(str, lin.get('operators') or []))}, preset "
                   f"{', '.join(map(str, lin.get('presets') or []))}")
    else:
        why = (f"{ev.get('votes', 0)} marks read" if res.get("method") == "text"
               else f"{ev.get('boxes', 0)} filled areas read")
        best = res["ranked"][0] if res.get("ranked") else None
        extra = (f"; best candidate {best['share']!r} at 10^{res['log10_p_any']:.1f} over {n} candidates"
                 if best else "")
        out.append(f"{p}: no fingerprint found ({why}{extra})")
    for r in res.get("ranked", [])[1:4]:
        out.append(f"    next: {r['share']!r} (run {r['run']}) score {r['score']}, 10^{r['log10_p']:.1f}")
    return out
