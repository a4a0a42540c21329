"""The package's import graph (issue 10): no import circle anywhere in ``waybill/`` (lazy imports
inside functions included), the layout stage imports no format, and the masking path never
imports the test-data generators."""
import ast
from pathlib import Path

import waybill

ROOT = Path(waybill.__file__).parent


def _graph(parents: bool = False) -> dict[str, set[str]]:
    """Every import in ``waybill/`` (lazy ones inside functions included). ``parents``: also the
    packages Python runs first for a submodule (``from .formats.zpl import fields`` runs
    ``waybill/formats/__init__.py`` and ``waybill/formats/zpl/__init__.py``)."""
    mods = {}
    for p in ROOT.rglob("*.py"):
        parts = p.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = p
    g: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom):
                base = pkg.split(".")[: len(pkg.split(".")) - (n.level - 1)] if n.level else []
                b = ".".join(base + ([n.module] if n.module else [])) if n.level else (n.module or "")
                for a in n.names:
                    d = f"{b}.{a.name}" if f"{b}.{a.name}" in mods else b
                    if d in mods and d != m:
                        g[m].add(d)
            elif isinstance(n, ast.Import):
                g[m].update(a.name for a in n.names if a.name in mods and a.name != m)
    if parents:
        for m, deps in g.items():
            for d in list(deps):
                ps = d.split(".")
                deps.update(q for q in (".".join(ps[:i]) for i in range(2, len(ps)))
                            if q in mods and q != m and not m.startswith(q + "."))
    return g


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in g:
        if v not in index:
            visit(v)
    return out


def _reach(g, start):
    seen, todo = set(), [start]
    while todo:
        for d in g[todo.pop()]:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def test_no_import_circle():
    assert _cycles(_graph()) == []
    # with the package __init__ modules a submodule import runs first
    assert _cycles(_graph(parents=True)) == []


def test_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layout_imports_no_format():
    g = _graph()
    assert not [d for d in g["waybill.layout"] if d.startswith("waybill.formats")]
    assert not [d for d in g["waybill.imaging"] if d.startswith("waybill.formats")]


def test_masking_path_never_imports_the_generators():
    g = _graph()
    for start in ("waybill.formats.table", "waybill.formats.image", "waybill.formats.zpl", "waybill.layout",
                  "waybill.engine", "waybill.imaging"):
        assert not [d for d in _reach(g, start) if d.startswith("waybill.generators")], start


FORMATS = ("table", "xlsx", "jsonfmt", "txt", "pdf", "image", "zpl")


def _format_of(mod: str) -> str | None:
    parts = mod.split(".")
    if len(parts) >= 3 and parts[:2] == ["waybill", "formats"] and parts[2] in FORMATS:
        return parts[2]
    return None


def test_no_format_imports_another_format():
    # formats share code through formats.structure / pieces / textio, never through each other
    g = _graph()
    bad = [(m, d) for m, deps in g.items() for d in deps
           if _format_of(m) and _format_of(d) and _format_of(m) != _format_of(d)]
    assert bad == []


def test_cli_holds_no_detection_logic():
    """cli.py parses, shows progress and maps errors: the leak check (engine.is_leak), the OCR
    engines, the detectors and worker pools are reached through library modules (checks,
    summary, pipeline), never imported by the CLI itself."""
    g = _graph()
    assert not g["waybill.cli"] & {"waybill.engine", "waybill.detect", "waybill.ocr", "waybill.layout",
                                   "waybill.imaging", "waybill.formats.pieces", "waybill.trace.tracer"}
