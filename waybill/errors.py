"""Domain exceptions, each carrying its process exit code (see CLI.md)."""
from __future__ import annotations

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


class OutputError(WaybillError):
    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


class ConfigError(WaybillError):
    exit_code = ExitCode.INVALID_CONFIG


class AuditTampered(WaybillError):
    exit_code = ExitCode.AUDIT_TAMPERED


class VaultError(WaybillError):
    exit_code = ExitCode.USAGE
