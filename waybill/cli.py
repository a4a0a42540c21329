"""Command-line adapter: parse, show progress, map exceptions to exit codes (see CLI.md).

Commands raise; one handler (``_exit_codes``, around every command) turns what they raise into the
exit code and message of CLI.md ("Exit codes") through ``errors.exit_for``.

Standard output carries data only; messages, progress and tables go to standard error. Messages
never contain personal data, and tracebacks are never shown (they hold local values)."""
from __future__ import annotations

import errno
import json
import os
import sys
import time
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from ._version import __version__
from .errors import ExitCode, Interrupted, OutputError, Reported, UsageError, WaybillError, exit_for

_CTX = {"help_option_names": ["-h", "--help"]}
# NO_COLOR (https://no-color.org): no colour, and no bold or italic either
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False,
              color_system=None if os.environ.get("NO_COLOR") else "auto")
_STANDALONE = False  # True when run as the `waybill` program (not inside a test's CliRunner)


@contextmanager
def _exit_codes():
    """The one place where an exception that ends a command becomes an exit code (``exit_for``):
    WaybillError subclasses carry theirs, Ctrl-C/SIGTERM 130, a missing package 3, an OSError 5,
    anything else 1 with its class name only (no traceback: its frames can hold personal data;
    WAYBILL_DEBUG=1 shows it)."""
    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
        raise  # click's own: --help, --version, bad options (exit 2)
    except (KeyboardInterrupt, Exception) as e:
        if isinstance(e, OSError) and e.errno == errno.EPIPE:
            raise  # the reader of standard output went away: click leaves quietly
        code, message = exit_for(e)
        if code == ExitCode.UNEXPECTED and os.environ.get("WAYBILL_DEBUG"):
            raise
        if message:
            err.print(f"waybill: {message}", markup=False)
        if isinstance(e, Interrupted) and e.now and _STANDALONE:
            # every audit line is already on disk: leave now, without waiting at exit for pool
            # threads of workers that were just killed (a stop must end the run in seconds)
            sys.stderr.flush()
            os._exit(int(code))
        raise typer.Exit(int(code)) from None


class _Commands(TyperGroup):
    """The root group: every command (sub-groups' too) runs inside ``_exit_codes``."""

    def invoke(self, ctx):
        with _exit_codes():
            return super().invoke(ctx)


app = typer.Typer(cls=_Commands, add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings=_CTX, rich_markup_mode=None if os.environ.get("NO_COLOR") else "rich",
                  help="Find and mask the personal data on express-delivery waybills.\n\n"
                       "Examples:\n\n  waybill mask orders.csv labels/ -o masked\n\n"
                       "  waybill mask label.jpg -o label_masked.jpg --preset dispose\n\n"
                       "  cat orders.csv | waybill mask - --format csv > masked.csv\n\n"
                       "  waybill verify masked/")
audit_app = typer.Typer(no_args_is_help=True, help="Audit log tools.", context_settings=_CTX)
vault_app = typer.Typer(no_args_is_help=True, help="Virtual-number vault tools.", context_settings=_CTX)
app.add_typer(audit_app, name="audit")
app.add_typer(vault_app, name="vault")


class Preset(str, Enum):
    share = "share"
    print = "print"
    dispose = "dispose"


class Fmt(str, Enum):
    auto = "auto"
    image = "image"
    pdf = "pdf"
    csv = "csv"
    tsv = "tsv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"
    txt = "txt"
    zpl = "zpl"


class Ocr(str, Enum):
    auto = "auto"
    rapidocr = "rapidocr"
    tesseract = "tesseract"


def _version(v: bool):
    if v:
        typer.echo(f"waybill {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "-V", "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")):
    pass


def _check_stdin(paths: List[str], fmt: Fmt) -> None:
    if "-" in paths and fmt == Fmt.auto:
        raise UsageError("reading standard input ('-') needs --format")
    if paths.count("-") > 1:
        raise UsageError("'-' may be given once")
    from .storage import is_url

    for p in paths:
        if p != "-" and not is_url(p) and not os.path.lexists(p):  # a URL: looked up when planned
            from .errors import InputError
            from .pipeline import safe_text

            raise InputError(f"no such file or directory: {safe_text(p)}")


@app.command()
def mask(
    paths: List[str] = typer.Argument(..., metavar="PATH...",
                                      help="Files, folders, fsspec URLs of either (s3://bucket/in), or - for standard input."),
    out: str = typer.Option("masked", "-o", "--outdir", metavar="OUTDIR|OUTFILE",
                            help="Output folder; with one input file, an output file name with a known extension. "
                                 "May be an fsspec URL (file:///shared/masked, s3://bucket/masked: outputs are "
                                 "written there by the workers; other than file://, needs --audit)."),
    preset: Optional[Preset] = typer.Option(None, "--preset", metavar="share|print|dispose",
                                            help="share (default), print (needs a vault key: WAYBILL_VAULT_KEY) or dispose."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="TOML file with [mask] overrides."),
    audit: Optional[Path] = typer.Option(None, "--audit", metavar="FILE",
                                         help="Audit log (default OUTDIR/audit.jsonl; for - without -o: ~/.local/state/waybill/audit.jsonl)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, metavar="N",
                                          help="Worker processes (default: [executor] workers of the config, else the CPU count)."),
    ocr: Ocr = typer.Option(Ocr.auto, "--ocr", metavar="auto|rapidocr|tesseract", help="OCR engine for images."),
    ocr_threads: Optional[int] = typer.Option(None, "--ocr-threads", min=1, metavar="M",
                                              help="OCR threads per worker process (default: the cores shared out among the workers)."),
    device: str = typer.Option("cpu", "--device", metavar="cpu|cuda",
                               help="Where rapidocr runs: cpu (default) or cuda (needs onnxruntime-gpu and an NVIDIA GPU)."),
    ocr_backend: Optional[str] = typer.Option(None, "--ocr-backend", metavar="auto|onnxruntime|openvino",
                                              help="rapidocr's inference back end (default: WAYBILL_OCR_BACKEND, else onnxruntime; "
                                                   "openvino is faster on CPUs with bf16 instructions; auto picks it there)."),
    fmt: Fmt = typer.Option(Fmt.auto, "--format", metavar="FORMAT", help="Input format (required for -)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary on standard output."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress or summary."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="One line per file (status, format, findings; never a value)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing outputs."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what would be masked and where it would go; write nothing."),
    include: List[str] = typer.Option([], "--include", metavar="GLOB", help="Only files matching GLOB (repeatable)."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB",
                                      help="Leave out files matching GLOB (repeatable; .DS_Store, Thumbs.db, desktop.ini always)."),
    executor: Optional[str] = typer.Option(None, "--executor", metavar="local|dask",
                                           help="local worker processes (default) or a Dask cluster (files masked by its workers); "
                                                "config: [executor] kind."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Dask scheduler (tcp://HOST:8786); without it a local Dask cluster of --workers; "
                                                 "config: [executor] scheduler."),
    vault: Optional[Path] = typer.Option(None, "--vault", metavar="FILE", help="Vault for print-preset virtual numbers (default OUTDIR/vault.sqlite)."),
    vault_key_file: Optional[Path] = typer.Option(None, "--vault-key-file", metavar="FILE", help="Vault key file (else WAYBILL_VAULT_KEY)."),
    share_with: Optional[str] = typer.Option(None, "--share-with", metavar="NAME",
                                             help="Name the partner this copy is for: recorded in the audit log, and every output carries "
                                                  "a keyed fingerprint of (NAME, run) that `waybill trace` reads back from a leak "
                                                  "(trace key: WAYBILL_TRACE_KEY or $WAYBILL_HOME/trace.key)."),
    canaries: int = typer.Option(0, "--canaries", min=0, max=100, metavar="N",
                                 help="With --share-with: add N synthetic records to each CSV/TSV/XLSX/JSON/JSONL export "
                                      "(phantom parcels listed in the audit log; off by default)."),
):
    """Mask personal data in waybill files and write masked copies plus an audit log.

    Examples:

      waybill mask orders.csv labels/ -o masked

      waybill mask label.jpg -o label_masked.jpg

      waybill mask inbox/ -o masked --exclude '*.tmp' --dry-run
    """
    from .masking import load_policy
    from .pipeline import Runner, choose_executor, plan
    from .storage import is_url
    from .summary import mask_json, render_mask

    _check_stdin(paths, fmt)
    # '-o -': the masked file to standard output, as a Unix tool's '-' reads (it made a folder
    # named '-'); one input file only, its audit record where stdin's goes
    to_stdout = out == "-"
    if to_stdout:
        if paths != ["-"] and (len(paths) != 1 or is_url(paths[0]) or not Path(paths[0]).is_file()):
            raise UsageError("-o - (standard output) takes one input file")
        if as_json:
            raise UsageError("--json cannot be combined with -o - (standard output carries the masked data)")
        out = "masked"
    url = is_url(out)
    if url and "-" in paths:
        raise UsageError("standard input ('-') is masked to standard output or a local -o, not to a URL")
    outdir = out if url else Path(out)
    policy = load_policy(preset.value if preset else None, config)
    if "-" in paths and as_json:
        raise UsageError("--json cannot be combined with '-' (standard output carries the masked data)")
    for p in paths:
        if not url and p != "-" and Path(p).is_dir() and Path(p).resolve() == outdir.resolve():
            raise UsageError("the output folder is the input folder: choose another -o")
    single = _single_url(paths, outdir) if url else _single_output(paths, outdir)
    if (paths == ["-"] or to_stdout) and audit is None and outdir == Path("masked") and not _writable(Path(".")):
        audit = _state_dir() / "audit.jsonl"
    if dry_run:
        _dry_run(paths, outdir, policy, include, exclude)
        return
    executor, scheduler, workers = choose_executor(policy, executor, scheduler, workers)
    from .ocrplan import check_backend, check_device
    check_device(device)  # --device cuda without a usable CUDA provider: exit 2, before any work
    if ocr_backend is not None:
        check_backend(ocr_backend)  # an unknown name, or openvino not installed: exit 2
    runner = Runner(policy, _parent(single) if single else outdir, audit, fmt=fmt.value, workers=workers,
                    force=force, vault_path=vault, vault_key_file=vault_key_file, ocr=ocr.value,
                    executor=executor, scheduler=scheduler, share_with=share_with, canaries=canaries,
                    ocr_threads=ocr_threads, device=device, ocr_backend=ocr_backend)
    try:
        items = list(plan(paths, runner.outdir, runner.engine, tuple(include), tuple(exclude)))
    except BaseException:
        runner.release()  # the output folder's lock, for the next run in this process
        raise
    if single is not None and items and items[0].out is not None:
        items[0].out = runner.outdir / _name(single) if url else single
    if to_stdout and items and items[0].src is not None and items[0].refused is None:
        items[0].out, items[0].stdout = None, True
    if not items:
        err.print("waybill: no input files found (nothing to mask)", markup=False)
        runner.release()
        return
    results = []
    show = not quiet and not as_json and sys.stderr.isatty()
    t0 = time.monotonic()
    previous = _sigterm_as_interrupt()
    try:
        if show:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            with Progress(TextColumn("masking {task.description}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn(),
                          TextColumn("ETA"), TimeRemainingColumn(), console=err, transient=True) as prog:
                task = prog.add_task("files", total=len(items), rate="0.0")
                # one file: its records as they are read; a batch: the findings of every file done
                # (files masked by workers report when they finish)
                rec_task = prog.add_task("records" if len(items) == 1 else "findings", total=None, rate="")
                def _records(n, _t=rec_task):
                    prog.update(_t, advance=n)
                    done = prog.tasks[_t].completed
                    prog.update(_t, rate=f"{done / max(time.monotonic() - t0, 1e-6):.0f}")
                runner.progress = _records if len(items) == 1 else None
                for r in runner.run(items):
                    results.append(_report(r, verbose))
                    if len(items) > 1 and r.counts:
                        _records(sum(r.counts.values()))
                    el = max(time.monotonic() - t0, 1e-6)
                    nxt = items[len(results)].display if len(results) < len(items) else ""
                    prog.update(task, advance=1, rate=f"{len(results) / el:.1f}",
                                description=f"files ({nxt[-40:]})" if nxt else "files")
        else:
            for r in runner.run(items):
                results.append(_report(r, verbose))
                i = len(results)
                if not quiet and not as_json and len(items) > 20 and (i % 100 == 0 or i == len(items)):
                    err.print(f"waybill: {i}/{len(items)} files, {time.monotonic() - t0:.0f} s", markup=False)
    except KeyboardInterrupt:
        runner.abort(items)
        raise Interrupted("interrupted; run the same command again to finish the rest", now=True) from None
    except WaybillError:  # the audit log could not be written (disk full): stop, say why
        runner.close()
        raise
    finally:
        runner.release()
        _restore_sigterm(previous)
    failed = [r for r in results if r.status == "failed"]
    head = runner.audit.head_digest()
    elapsed = time.monotonic() - t0
    if as_json:
        typer.echo(json.dumps(mask_json(runner, results, outdir, elapsed), ensure_ascii=False))
    elif not quiet and "-" not in paths and not to_stdout:
        render_mask(err, results, single or outdir, runner.audit.path, policy.preset, elapsed)
    if head and not quiet and not as_json:
        # anchor it elsewhere (a ticket, syslog): audit verify --expect-head catches rollback/swap
        err.print(f"waybill: audit head {head}", markup=False)
    if failed:  # each was reported as it came (_report)
        raise Reported((failed[0].exit_code or ExitCode.SOME_FAILED) if len(items) == 1 else ExitCode.SOME_FAILED)


def _report(r, verbose: bool = False):
    from .summary import file_line

    line = file_line(r, verbose)
    if line is not None:
        err.print(f"waybill: {line}", markup=False)
    return r


def _sigterm_as_interrupt():
    """SIGTERM (timeout, systemd, container stops) ends a run like Ctrl-C: workers stopped, temp
    files removed, exit 130. Returns the handler to put back."""
    import signal

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not in the main thread (tests)
        return None


def _restore_sigterm(previous) -> None:
    import signal

    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)
        except ValueError:  # pragma: no cover
            pass


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "waybill"


def _single_output(paths: List[str], outdir: Path) -> Path | None:
    """With one input file, an -o that ends in a known extension is the output file itself."""
    from .formats import EXTENSIONS

    if len(paths) == 1 and paths[0] != "-" and Path(paths[0]).is_file() and \
            outdir.suffix.lower() in EXTENSIONS and not outdir.is_dir():
        if outdir.resolve() == Path(paths[0]).resolve():
            raise UsageError("the output file is the input file: choose another -o")
        return outdir
    return None


def _single_url(paths: List[str], url: str) -> str | None:
    """``_single_output`` for an output URL: one input file and a URL that ends in a known extension."""
    from .formats import EXTENSIONS

    if len(paths) == 1 and paths[0] != "-" and Path(paths[0]).is_file() and \
            Path(_name(url)).suffix.lower() in EXTENSIONS:
        return url
    return None


def _name(target) -> str:
    return str(target).rstrip("/").rsplit("/", 1)[-1]


def _parent(target):
    """The folder of a single output file (a path or a URL)."""
    if isinstance(target, Path):
        return target.parent
    return target.rstrip("/").rsplit("/", 1)[0]


def _dry_run(paths, outdir, policy, include, exclude) -> None:
    from .pipeline import plan

    store = None
    if isinstance(outdir, str):  # an output URL: its outputs are named by URL
        from .storage import Store

        store = Store(outdir)
        outdir = store.root
    n = 0
    for it in plan(paths, outdir, None, tuple(include), tuple(exclude)):
        n += 1
        if it.refused:
            err.print(f"waybill: {it.display}: would be skipped: {it.refused}", markup=False)
        elif it.src is not None:
            typer.echo(f"{it.display} -> {it.out if store is None else store.display(it.out)}")
    err.print(f"waybill: dry run, preset {policy.preset}: {n} file(s); nothing written", markup=False)


@app.command()
def detect(
    paths: List[str] = typer.Argument(..., metavar="PATH..."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines on standard output."),
    fmt: Fmt = typer.Option(Fmt.auto, "--format"),
    config: Optional[Path] = typer.Option(None, "--config"),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1,
                                help="Worker processes for large CSV/TSV/JSONL/TXT files."),
):
    """Report what would be masked (types, where, confidence, masked form); writes nothing."""
    from contextlib import closing

    from .checks import Detection, detect_line, public

    _check_stdin(paths, fmt)
    run = Detection(paths, fmt.value, config, workers)
    with closing(iter(run)) as files:  # the worker pool stops when the loop ends, however it ends
        for file in files:
            if file.reason:
                err.print(f"waybill: {file.display}: {file.reason}", markup=False)
                continue
            for f in file.records:
                f = public(f)
                if as_json:
                    typer.echo(json.dumps({"path": file.display, **f}, ensure_ascii=False))
                else:
                    typer.echo(detect_line(file.display, f))
    run.finish()


@app.command()
def verify(paths: List[str] = typer.Argument(..., metavar="PATH..."),
           fmt: Fmt = typer.Option(Fmt.auto, "--format"),
           preset: Preset = typer.Option(Preset.share, "--preset", help="Preset the outputs were masked with: what it should have removed is what counts (dispose: tracking numbers, sort codes, regions and codes too)."),
           ocr: Ocr = typer.Option(Ocr.auto, "--ocr", help="Engine used to mask (verify re-reads with the other one first, and with every installed engine)."),
           config: Optional[Path] = typer.Option(None, "--config", help="TOML config ([vault] relay_prefixes: relay ranges that are not personal)."),
           vault: Optional[Path] = typer.Option(None, "--vault", help="Vault of a print run: the relay numbers it issued are not personal."),
           vault_key_file: Optional[Path] = typer.Option(None, "--vault-key-file", help="Vault key file (else WAYBILL_VAULT_KEY).")):
    """Re-read masked outputs; exit 7 if data the preset should have removed is still readable.

    Images and PDF pages are read with every installed OCR engine (the one that did not mask
    first), print streams field by field; the detectors and the label layout stage (blocks,
    names and streets by shape, values repeated in a stub) run on what is read. An 11+4 number
    counts as a relay number only when it provably is one (issued by --vault, or in a configured
    relay range); any other phone number showing more than 5 digits is a leak.

    Example: waybill verify masked/ --preset dispose"""
    from .checks import Verification

    _check_stdin(paths, fmt)
    run = Verification(paths, preset.value, fmt.value, ocr.value, config, vault, vault_key_file)
    for file in run:
        msg = file.message(preset.value)
        if msg is not None:
            err.print(f"waybill: {msg}", markup=False)
    err.print(f"waybill: {run.finish()}", markup=False)


@audit_app.command("verify")
def audit_verify(file: Path = typer.Argument(..., metavar="FILE"),
                 expect_head: Optional[str] = typer.Option(
                     None, "--expect-head", metavar="DIGEST",
                     help="The head digest a run printed (audit head: ...): catches a log rolled back or swapped.")):
    """Check the audit log's hash chain and MACs; exit 8 if tampered, 9 if the key is missing or wrong.

    Example: waybill audit verify masked/audit.jsonl --expect-head 3f2a...
    """
    from .audit import check_log

    res = check_log(file, expect_head)
    for line in res.messages:
        err.print(f"waybill: {line}", markup=False)
    if res.exit_code:
        raise Reported(res.exit_code)


@vault_app.command("reveal")
def vault_reveal(token: str = typer.Argument(..., metavar="TOKEN"),
                 vault: Path = typer.Option(..., "--vault", metavar="FILE", help="Vault file."),
                 key_file: Optional[Path] = typer.Option(None, "--vault-key-file", metavar="FILE"),
                 audit: Optional[Path] = typer.Option(None, "--audit", metavar="FILE",
                                                      help="Audit log (default: audit.jsonl beside the vault).")):
    """Resolve one virtual number to the real number (authorised users; key from env). Every
    reveal is recorded in the audit log (who, when, an HMAC of the token; never the number)."""
    from .keys import vault_master
    from .vault import Vault, record_use

    if not vault.is_file():
        raise UsageError(f"no such vault: {vault}")
    v = Vault(vault, vault_master(key_file))
    number = v.reveal(token)
    record_use(audit or vault.parent / "audit.jsonl", "vault_reveal",
                 "ok" if number is not None else "not_found", token=token)
    if number is None:
        err.print("waybill: token not found or expired", markup=False)
        raise Reported(ExitCode.INPUT_UNREADABLE)
    typer.echo(number)


@vault_app.command("export")
def vault_export(vault: Path = typer.Option(..., "--vault"),
                 out: Path = typer.Option(..., "-o", "--output", help="Export file to write."),
                 plaintext: bool = typer.Option(False, "--plaintext", help="Write a plain CSV (unencrypted)."),
                 key_file: Optional[Path] = typer.Option(None, "--vault-key-file")):
    """Write the token-to-number table for a telephony relay (AES-GCM encrypted unless --plaintext)."""
    from .keys import vault_master
    from .vault import Vault, record_use

    if not vault.is_file():
        raise UsageError(f"no such vault: {vault}")
    master = vault_master(key_file)
    n = Vault(vault, master).export(out, master, plaintext=plaintext)
    record_use(vault.parent / "audit.jsonl", "vault_export", "ok", entries=n,
                 plaintext=plaintext, output=str(out))
    err.print(f"waybill: exported {n} entr{'y' if n == 1 else 'ies'} to {out}"
              f"{' (plaintext)' if plaintext else ' (encrypted)'}", markup=False)


@app.command()
def samples(directory: Path = typer.Argument(Path("samples"), metavar="[DIR]"),
            force: bool = typer.Option(False, "--force", help="Overwrite sample files that exist.")):
    """Write synthetic samples (exports, label images, a PDF, ZPL) to try the tool on.

    Example: waybill samples try/ && waybill mask try/ -o try-masked
    """
    from .generators.samples import write_samples

    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise OutputError(f"{directory} is not empty: choose an empty folder or add --force")
    files = write_samples(directory)
    for f in files:
        err.print(f"wrote {f}", markup=False)


def main() -> None:
    global _STANDALONE
    _STANDALONE = True
    # the program's own process allocates as a worker does (``formats.pieces.tune_gc``): what
    # exists at start out of the collector's sight, young objects collected less often (11% of a
    # serial CSV run's CPU went to full collections over the detectors' tables)
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    app(standalone_mode=True)  # every command runs inside _exit_codes


# --------------------------------------------------------------------------- sharing for analysis
# (issue 15: thin wrappers over waybill.release)


@app.command("release")
def release_cmd(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Exports (csv, tsv, xlsx, json, jsonl), folders, or -."),
    out: Path = typer.Option(..., "-o", "--output", help="Output file (.csv/.tsv/.jsonl/.json/.xlsx) or folder."),
    k: int = typer.Option(..., "--k", help="Every released record shares its quasi-identifiers with at least k-1 others."),
    l_div: Optional[int] = typer.Option(None, "--l-diversity", help="At least l distinct sensitive values per class."),
    sensitive: Optional[str] = typer.Option(None, "--sensitive", help="Column released as the sensitive attribute."),
    max_suppression: Optional[float] = typer.Option(None, "--max-suppression", help="Share of records that may be suppressed (default 0.05)."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file with [release] settings and hierarchies."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Audit log (default: beside the output, audit.jsonl)."),
    fmt: Fmt = typer.Option(Fmt.auto, "--format", help="Input format (required for -)."),
    check: bool = typer.Option(False, "--check", help="Verify k and l of the written release with pycanon."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No report on standard error."),
):
    """Write a k-anonymous release: identifiers dropped, quasi-identifiers generalised."""
    from .release import release
    from .release.report import render_release

    _check_stdin(paths, fmt)
    res = release(paths, out, k, l_div, sensitive, config, fmt.value, audit, force, check, max_suppression)
    if as_json:
        typer.echo(json.dumps(res.report, ensure_ascii=False))
    elif not quiet:
        render_release(res.report, err)


@app.command("counts")
def counts_cmd(
    paths: List[str] = typer.Argument(..., metavar="PATH..."),
    by: str = typer.Option(..., "--by", help="Fields: district|city|province|zip3|state, hour|day|week|month, "
                                            "or a column with a configured value set; comma-separated."),
    epsilon: float = typer.Option(..., "--epsilon", help="Privacy loss of this release."),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (.csv/.json/...) or folder; default: CSV on standard output."),
    bound: Optional[int] = typer.Option(None, "--bound", help="Records one recipient may contribute (default 3)."),
    budget: Optional[float] = typer.Option(None, "--budget", help="Total epsilon for this data set (default 3)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help="Budget ledger (default $WAYBILL_HOME/ledger.jsonl)."),
    start: Optional[str] = typer.Option(None, "--from", help="First day of the public date range."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day of the public date range."),
    area: Optional[str] = typer.Option(None, "--area", help="Provinces/cities (names or codes) whose districts are the groups."),
    person: Optional[str] = typer.Option(None, "--person", help="Phone column that keys a person."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file with [counts] settings."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Audit log (default: beside the output)."),
    fmt: Fmt = typer.Option(Fmt.auto, "--format", help="Input format (required for -)."),
    as_json: bool = typer.Option(False, "--json", help="JSON: the counts (no -o) or the report (with -o) on standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No report on standard error."),
):
    """Differentially private counts (OpenDP) over public groups, with a per-data-set budget."""
    from .release import counts
    from .release.report import render_counts

    _check_stdin(paths, fmt)
    res = counts(paths, by.split(","), epsilon, out, fmt.value, config, audit, bound, budget, ledger,
                 start, end, area.split(",") if area else None, person, force)
    if res.output is None:
        if as_json:
            typer.echo(json.dumps({**res.meta, "counts": [dict(zip(res.header, r)) for r in res.rows]},
                                  ensure_ascii=False))
        else:
            import csv as _csv

            w = _csv.writer(sys.stdout, lineterminator="\n")
            w.writerow(res.header)
            w.writerows(res.rows)
    elif as_json:
        typer.echo(json.dumps(res.report, ensure_ascii=False))
    if not quiet and not (as_json and res.output is not None):
        render_counts(res.report, err)


# --------------------------------------------------------------------------- a page for consumers
# (issue 16: a thin wrapper over waybill.web)


@app.command("serve")
def serve_cmd(
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port to listen on (0: any free one)."),
    lan: bool = typer.Option(False, "--lan", help="Serve on the local network with a random access token in the link "
                                                  "(printed with a QR code); default: this computer only."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Keep an audit log in FILE (off by default)."),
    max_upload_mb: float = typer.Option(25, "--max-upload-mb", min=1, max=200, help="Largest upload, MB."),
    max_megapixels: float = typer.Option(50, "--max-megapixels", min=1, max=80, help="Largest image or PDF page."),
    ocr: Ocr = typer.Option(Ocr.auto, "--ocr", help="OCR engine for images."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
):
    """Start a local web page: drop or photograph a label, get it back masked."""
    from .web.server import serve

    serve(port=port, lan=lan, audit=audit, max_upload_mb=max_upload_mb, max_megapixels=max_megapixels,
          ocr=ocr.value, open_browser=open_browser)


# --------------------------------------------------------------------------- trace a leak
# (issue 14: a thin wrapper over waybill.trace.tracer)

NO_SHARE_FOUND = int(ExitCode.NO_SHARE_FOUND)  # trace: no share identified for some file (README, exit codes)


@app.command("trace")
def trace_cmd(
    paths: List[str] = typer.Argument(..., metavar="FILE...", help="Leaked copies: any format, a re-encoded export, a photo."),
    audit: List[Path] = typer.Option([], "--audit", metavar="FILE",
                                     help="Audit log(s) of the runs that made shares (repeatable; default masked/audit.jsonl)."),
    share: List[str] = typer.Option([], "--share", metavar="NAME[@RUN]",
                                    help="A candidate share not in any audit log (library runs: Settings(share_with, share_run))."),
    threshold: float = typer.Option(1e-6, "--threshold", metavar="P",
                                    help="Name a share only if an innocent one would score as high with probability <= P "
                                         "(over all candidates)."),
    fmt: Fmt = typer.Option(Fmt.auto, "--format", metavar="FORMAT", help="Format of the copies (default: by name and content)."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines on standard output, one object per file."),
):
    """Name the share (--share-with) a leaked copy came from: exact hash, canaries, fingerprint.

    Exit 0 when every file is attributed (or is an exact copy of a recorded output), 10 when for
    some file no share is identified, 4 (one file) or 6 (several) when a file cannot be read.

    Example: waybill trace found_on_forum.xlsx photo.jpg --audit masked/audit.jsonl
    """
    from .trace.run import Tracing

    run = Tracing(paths, audit, share, threshold, None if fmt == Fmt.auto else fmt.value)
    for line in run.warnings():
        err.print(line, markup=False)
    for file in run:
        if not as_json or file.error is not None:
            for line in file.lines(run.candidates):
                err.print(line, markup=False)
        if as_json:
            typer.echo(json.dumps(file.json(), ensure_ascii=False))
    run.finish()
