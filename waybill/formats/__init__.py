"""Readers/writers per format, chosen by a small registry. Each module exposes
``mask(src, dst, job) -> None`` working on binary file objects; ``job`` carries the engine, the
finding sink and the worker pool."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError

EXTENSIONS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "txt", ".text": "txt", ".log": "txt",
    # recognised, handled by the image/print-stream paths (issues 3 and 5): fail closed until then
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image", ".webp": "image", ".gif": "image", ".pdf": "pdf", ".zpl": "zpl", ".epl": "zpl",
}


#: formats whose large files are split across worker processes
PARALLEL = ("csv", "tsv", "jsonl", "txt")


@dataclass
class Job:
    engine: Any
    sink: Any  # FindingSink
    pool: Any = None  # multiprocessing pool for large tables, or None
    report: bool = False  # detect mode: keep masked forms in finding records
    progress: Callable[[int], None] | None = None
    trace: dict | None = None  # a named share's image watermark, as the image/PDF writer added it


def format_for(path: Path, forced: str | None = None) -> str:
    if forced and forced != "auto":
        return forced
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type '{Path(path).suffix or '(none)'}'")
    return fmt


# format name -> module in this package that reads and writes it (``mask(src, dst, job, fmt)``); a new
# format is one module and one line here, or ``register_format`` from outside
FORMATS: dict[str, str] = {"csv": "table", "tsv": "table", "json": "jsonfmt", "jsonl": "jsonfmt", "txt": "txt",
                           "xlsx": "xlsx", "zpl": "zpl", "image": "image", "pdf": "pdf"}


def register_format(name: str, module: str) -> None:
    """Register a reader/writer module (absolute dotted path, or a module name in this package)."""
    FORMATS[name] = module


def handler(fmt: str):
    import importlib

    mod = FORMATS.get(fmt)
    if mod is None:
        raise InputError(f"unsupported format '{fmt}'")
    return importlib.import_module(mod if "." in mod else f"{__name__}.{mod}")
