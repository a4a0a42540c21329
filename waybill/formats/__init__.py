"""Readers/writers per format, chosen by one registry (``FORMATS``). Each module exposes
``mask(src, dst, job) -> None`` working on binary file objects; ``job`` carries the engine, the
finding sink and the worker pool."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError


@dataclass
class Job:
    engine: Any
    sink: Any  # FindingSink
    pool: Any = None  # multiprocessing pool for large tables, or None
    report: bool = False  # detect mode: keep masked forms in finding records
    progress: Callable[[int], None] | None = None
    trace: dict | None = None  # a named share's image watermark, as the image/PDF writer added it


@dataclass(frozen=True)
class Format:
    """How one format is read and written."""

    module: str  # the module that reads and writes it: ``mask(src, dst, job, fmt)`` (a name in this package or a dotted path)
    extensions: tuple[str, ...] = ()  # file names ending so are this format
    parallel: bool = False  # large files are split into pieces across worker processes
    pictures: bool = False  # masked by painting pixels: a named share's watermark goes into the fills


#: format name -> Format: the one place formats are chosen from (by ``--format``, by extension).
#: A new format is one module and one line here, or ``register_format`` from outside
FORMATS: dict[str, Format] = {
    "csv": Format("table", (".csv",), parallel=True),
    "tsv": Format("table", (".tsv", ".tab"), parallel=True),
    "xlsx": Format("xlsx", (".xlsx",)),
    "json": Format("jsonfmt", (".json",)),
    "jsonl": Format("jsonfmt", (".jsonl", ".ndjson"), parallel=True),
    "txt": Format("txt", (".txt", ".text", ".log", ".vcf", ".vcard"), parallel=True),
    "image": Format("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif"), pictures=True),
    "pdf": Format("pdf", (".pdf",), pictures=True),
    "zpl": Format("zpl", (".zpl", ".epl")),
}
#: extension -> format name, and the formats with a property (all kept in step with FORMATS)
EXTENSIONS: dict[str, str] = {}
PARALLEL: tuple[str, ...] = ()
PICTURES: tuple[str, ...] = ()


def _index() -> None:
    global PARALLEL, PICTURES
    EXTENSIONS.clear()
    EXTENSIONS.update({ext: name for name, f in FORMATS.items() for ext in f.extensions})
    PARALLEL = tuple(name for name, f in FORMATS.items() if f.parallel)
    PICTURES = tuple(name for name, f in FORMATS.items() if f.pictures)


_index()


def register_format(name: str, module: str, extensions: tuple[str, ...] = (), parallel: bool = False,
                    pictures: bool = False) -> None:
    """Register a reader/writer module (absolute dotted path, or a module name in this package)
    for the format ``name`` and the file extensions given (".abc")."""
    FORMATS[name] = Format(module, tuple(e.lower() for e in extensions), parallel, pictures)
    _index()


def format_for(path: Path, forced: str | None = None) -> str:
    if forced and forced != "auto":
        return forced
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type '{Path(path).suffix or '(none)'}'")
    return fmt


def handler(fmt: str):
    import importlib

    f = FORMATS.get(fmt)
    if f is None:
        raise InputError(f"unsupported format '{fmt}'")
    return importlib.import_module(f.module if "." in f.module else f"{__name__}.{f.module}")
