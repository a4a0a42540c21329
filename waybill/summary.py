"""What a masking run reports when it ends: per-file lines, finding totals, the JSON summary and
the table (``waybill mask``). Types and counts only, never a value."""
from __future__ import annotations

from pathlib import Path


def file_line(r, verbose: bool = False) -> str | None:
    """The line told about one file as it finishes: why it failed or was skipped; with
    ``verbose`` also what was done (status and number of findings)."""
    if r.status == "failed" or (r.status == "skipped" and r.reason):
        return f"{r.display}: {r.reason}"
    if verbose:
        return f"{r.display}: {r.status}, {sum(r.counts.values())} finding(s)"
    return None


def totals(results) -> dict:
    """Findings per type over ``results`` (their counts are keyed ``type:method``)."""
    tot: dict[str, int] = {}
    for r in results:
        for k, v in r.counts.items():
            t = k.split(":")[0]
            tot[t] = tot.get(t, 0) + v
    return tot


def mask_json(runner, results, outdir: Path, elapsed: float) -> dict:
    """The JSON summary of a run (``waybill mask --json``)."""
    failed = [r for r in results if r.status == "failed"]
    return {
        "run_id": runner.run_id, "preset": runner.policy.preset, "outdir": str(outdir),
        **({"share": runner.share.name} if runner.share is not None else {}),
        "audit": str(runner.audit.path), "audit_head": runner.audit.head_digest(), "seconds": round(elapsed, 3),
        "files": {"ok": sum(r.status == "ok" for r in results), "failed": len(failed),
                  "skipped": sum(r.status == "skipped" for r in results)},
        "findings": totals(results),
        "failures": [{"path": r.display, "reason": r.reason} for r in failed],
        "ocr": runner.ocr_report(),
    }


def render_mask(console, results, outdir: Path, audit: Path, preset: str = "share", elapsed: float = 0.0) -> None:
    """The end-of-run tables (files per status, findings per type) on ``console``."""
    from rich.table import Table

    t = Table(title=f"waybill mask ({preset}, {elapsed:.1f} s)", show_header=True)
    t.add_column("status")
    t.add_column("files", justify="right")
    for st in ("ok", "skipped", "failed"):
        t.add_row(st, str(sum(r.status == st for r in results)))
    console.print(t)
    tot = totals(results)
    if tot:
        ft = Table(show_header=True)
        ft.add_column("finding type")
        ft.add_column("count", justify="right")
        for k, v in sorted(tot.items()):
            ft.add_row(k, str(v))
        console.print(ft)
    console.print(f"outputs: {outdir}   audit log: {audit}", markup=False)
