"""Domain exceptions, each carrying its process exit code (see CLI.md), and ``exit_for``: the one
mapping from any exception to an exit code and a message (the CLI's handler prints and exits)."""
from __future__ import annotations

import errno
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    MISSING_DEPENDENCY = 3
    INPUT_UNREADABLE = 4
    OUTPUT_NOT_WRITABLE = 5
    SOME_FAILED = 6
    STILL_READABLE = 7
    AUDIT_TAMPERED = 8
    INVALID_CONFIG = 9
    NO_SHARE_FOUND = 10  # waybill trace: no share identified for some file (README, exit codes)
    INTERRUPTED = 130


class WaybillError(Exception):
    """Base error. Messages must never contain personal data."""

    exit_code = ExitCode.UNEXPECTED

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(WaybillError):
    exit_code = ExitCode.USAGE


class MissingDependency(WaybillError):
    exit_code = ExitCode.MISSING_DEPENDENCY


class InputError(WaybillError):
    """The input cannot be read or is not supported. Fail closed: no output."""

    exit_code = ExitCode.INPUT_UNREADABLE


class WorkerDied(InputError):
    """A worker process ended while it held this file (killed, or out of memory)."""

    def __init__(self):
        super().__init__("a worker process died while masking this file (out of memory or killed); "
                         "it was not written")


class OutputError(WaybillError):
    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


class ConfigError(WaybillError):
    exit_code = ExitCode.INVALID_CONFIG


class AuditTampered(WaybillError):
    exit_code = ExitCode.AUDIT_TAMPERED


class VaultError(WaybillError):
    exit_code = ExitCode.USAGE


class Interrupted(WaybillError):
    """Ctrl-C or SIGTERM after the command cleaned up. ``now``: nothing is left to wait for (every
    audit line is on disk, workers stopped), so the program may leave without running exit hooks."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, message: str = "interrupted", now: bool = False):
        super().__init__(message)
        self.now = now


class Reported(WaybillError):
    """The command has already said what went wrong (one line per file on standard error): end with
    ``exit_code`` and say nothing more."""

    def __init__(self, exit_code: int):
        super().__init__("")
        self.exit_code = ExitCode(exit_code)


def exit_for(e: BaseException) -> tuple[ExitCode, str | None]:
    """The exit code for an exception that ended a command, and the message to print after
    ``waybill: `` (None: print nothing). Never a value from the input: a WaybillError's message is
    written without personal data, and of anything else only its class name (an OSError: its system
    text, not its file name) is shown."""
    if isinstance(e, Reported):
        return e.exit_code, None
    if isinstance(e, Interrupted):
        return e.exit_code, e.message
    if isinstance(e, WaybillError):
        return ExitCode(e.exit_code), f"error: {e.message}"
    if isinstance(e, KeyboardInterrupt):
        return ExitCode.INTERRUPTED, "interrupted"
    if isinstance(e, ModuleNotFoundError) and e.name and e.name.split(".")[0] != "waybill":
        return ExitCode.MISSING_DEPENDENCY, (f"error: the Python package '{e.name.split('.')[0]}' is not installed "
                                             "(pip install 'waybill[all]')")
    if isinstance(e, OSError) and e.errno not in (None, errno.EPIPE):
        return ExitCode.OUTPUT_NOT_WRITABLE, f"error: cannot write: {e.strerror or e.__class__.__name__}"
    return ExitCode.UNEXPECTED, f"internal error ({e.__class__.__name__}); set WAYBILL_DEBUG=1 for details"
