"""``release()``: read exports, classify columns, search the least generalisation meeting k (and l),
write the release and its audit record. Used by ``waybill release`` and importable as a library."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
import time
from array import array
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from ..errors import InputError, MissingDependency, OutputError, UsageError, WaybillError
from . import hierarchies as H
from .columns import Column, build_hierarchy, classify
from .config import Config, load
from .kanon import Search, classes_of, refinable, refine_region, row_groups
from .reader import FORMATS, Source, expand

OUT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
               ".xlsx": "xlsx"}
_CHUNK = 8192


@dataclass
class ReleaseResult:
    report: dict
    output: Path
    audit: Path


# --------------------------------------------------------------------------- names and paths


def _namer():
    """Masks personal data in file names (for outputs, messages and the audit log)."""
    from ..audit import AuditKeys
    from ..keys import audit_master
    from ..masking import load_policy
    from ..pipeline import build_engine

    key = audit_master()
    engine = build_engine(load_policy("share", None, cwd=Path("/nonexistent-waybill")), None, None, key)
    from ..formats.structure import mask_name

    def display(p: str) -> str:
        if p == "-":
            return "-"
        parts = Path(p).parts
        return str(Path(*[x if x == Path(p).anchor else mask_name(engine, x, i == len(parts) - 1)
                          for i, x in enumerate(parts)]))

    return display, (lambda name: mask_name(engine, name, True)), AuditKeys(key)


def output_path(out: Path, inputs: list[str], masked_name, default_stem: str) -> Path:
    """An ``-o`` with a known extension is the output file; otherwise a folder that receives
    ``<input name>`` (one input of a table format) or ``<default_stem>.csv``."""
    if out.suffix.lower() in OUT_FORMATS and not out.is_dir():
        return out
    if len(inputs) == 1 and inputs[0] != "-" and Path(inputs[0]).suffix.lower() in FORMATS \
            and not os.path.isdir(inputs[0]):
        name = masked_name(Path(inputs[0]).name)
        if Path(name).suffix.lower() not in OUT_FORMATS:
            name = Path(name).stem + ".csv"
        return out / name
    return out / f"{default_stem}.csv"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tmp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.waybill-tmp")


def prepare_output(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputError(f"{path} exists (use --force to overwrite)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise OutputError(f"cannot create the output folder {path.parent}") from None
    if not os.access(path.parent, os.W_OK):
        raise OutputError(f"output folder not writable: {path.parent}")


# --------------------------------------------------------------------------- writing


def write_table(path: Path, header: list[str], rows, fmt: str) -> None:
    """Rows (tuples of strings) to ``path`` in ``fmt`` (csv, tsv, jsonl, json, xlsx)."""
    if fmt in ("csv", "tsv"):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            w.writerow(header)
            for block in _blocks(rows):
                w.writerows(block)
    elif fmt in ("jsonl", "json"):
        with open(path, "w", encoding="utf-8") as fh:
            if fmt == "json":
                fh.write("[")
            first = True
            for block in _blocks(rows):
                buf = io.StringIO()
                for r in block:
                    s = json.dumps(dict(zip(header, r)), ensure_ascii=False)
                    if fmt == "json":
                        buf.write(("\n" if first else ",\n") + s)
                    else:
                        buf.write(s + "\n")
                    first = False
                fh.write(buf.getvalue())
            if fmt == "json":
                fh.write("\n]\n")
    elif fmt == "xlsx":
        try:
            import openpyxl
        except ImportError:
            raise MissingDependency("XLSX output needs openpyxl: pip install 'waybill[xlsx]'") from None
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("release")
        ws.append(header)
        for r in rows:
            ws.append(list(r))
        wb.save(path)
    else:  # pragma: no cover
        raise UsageError(f"unknown output format {fmt}")


def _blocks(rows, n: int = 20000):
    it = iter(rows)
    while True:
        b = list(islice(it, n))
        if not b:
            return
        yield b


# --------------------------------------------------------------------------- checking


def pycanon_check(path: Path, fmt: str, qi_cols: list[str], sens_col: str | None) -> dict:
    """k (and l) of the written release by pycanon, an independent implementation."""
    try:
        import pandas as pd
        from pycanon import anonymity
    except ImportError:
        raise MissingDependency("--check needs pycanon and pandas: pip install 'waybill[release]'") from None
    src = Source([str(path)], fmt, 1000).open()
    cols = src.columns
    codes = [array("i") for _ in cols]
    vocab = [dict() for _ in cols]
    for row in src.rows():
        for j, v in enumerate(row):
            d = vocab[j]
            codes[j].append(d.setdefault(v if v is not None else "", len(d)))
    df = pd.DataFrame({c: np.frombuffer(a, dtype=np.int32) if len(a) else np.zeros(0, np.int32)
                       for c, a in zip(cols, codes)})
    out = {"records": len(df)}
    if not len(df):
        return out
    out["k"] = int(anonymity.k_anonymity(df, qi_cols))
    if sens_col:
        out["l"] = int(anonymity.l_diversity(df, qi_cols, [sens_col]))
    return out


# --------------------------------------------------------------------------- the release


def _encode_all(src: Source, sample: list, rows, plans: list[Column]):
    coders = [(c.index, c.hier.encode, array("i")) for c in plans]
    n = 0

    def feed(block):
        nonlocal n
        for idx, enc, arr in coders:
            arr.extend([enc(r[idx]) for r in block])
        n += len(block)

    feed(sample)
    while True:
        block = list(islice(rows, _CHUNK))
        if not block:
            break
        feed(block)
    return [np.frombuffer(arr, dtype=np.int32).astype(np.int32) if len(arr) else np.zeros(0, np.int32)
            for _, _, arr in coders], n


def release(paths: list[str], out: Path, k: int, l: int | None = None, sensitive: str | None = None,
            config: Path | Config | None = None, fmt: str = "auto", audit: Path | None = None,
            force: bool = False, check: bool = False, max_suppression: float | None = None,
            refine: bool = True, seed: int | None = None, progress=None) -> ReleaseResult:
    """Write a k-anonymous (and, with ``l`` and ``sensitive``, distinct l-diverse) release of the
    records in ``paths`` to ``out``; return its report (also appended to the audit log)."""
    t0 = time.monotonic()
    if k < 1:
        raise UsageError("--k must be at least 1")
    if l is not None and l < 1:
        raise UsageError("--l-diversity must be at least 1")
    if l is not None and l > 1 and not sensitive:
        raise UsageError("--l-diversity needs --sensitive COLUMN (the attribute that must vary)")
    cfg = config if isinstance(config, Config) else load(config)
    rc = cfg.release
    max_share = rc.max_suppression if max_suppression is None else max_suppression
    if not 0 <= max_share <= 1:
        raise UsageError("--max-suppression must be between 0 and 1")
    files = expand([str(p) for p in paths])
    if not files:
        raise UsageError("no csv, tsv, xlsx, json or jsonl files in the input")
    display, masked_name, keys = _namer()
    out = Path(out)
    out_file = output_path(out, files, masked_name, "release")
    out_fmt = OUT_FORMATS.get(out_file.suffix.lower(), "csv")
    prepare_output(out_file, force)
    audit_path = Path(audit) if audit else out_file.parent / "audit.jsonl"
    from ..audit import AuditLog, new_run_id, operator

    log = AuditLog(audit_path, keys)
    run_id = new_run_id()
    in_hashes = []
    for f in files:
        if f != "-":
            try:
                in_hashes.append({"path": display(f), "sha256": sha256_file(Path(f))})
            except OSError:
                raise InputError(f"{display(f)}: cannot read") from None
        else:
            in_hashes.append({"path": "-", "sha256": None})

    # ---- read: classify on a sample, then code every record
    src = Source(files, fmt, rc.sample_rows)
    try:
        src.open()
        rows = src.rows()
        sample = list(islice(rows, rc.sample_rows))
    except WaybillError as e:
        raise type(e)(f"{display(src.paths[0]) if src.paths else ''}: {e.message}") from None
    if not sample:
        raise InputError("no records in the input")
    plans = classify(src.columns, sample, rc, sensitive)
    qis = [c for c in plans if c.role == "qi"]
    sens_col = next((c for c in plans if c.role == "sensitive"), None)
    keeps = [c for c in plans if c.role == "keep"]
    for c in qis:
        c.hier = build_hierarchy(c, rc, [r[c.index] for r in sample if c.index < len(r) and r[c.index]])
    for c in ([sens_col] if sens_col else []) + keeps:
        c.hier = H.CategoryHierarchy(hint=c.hint, with_star=False)
    coded = qis + ([sens_col] if sens_col else []) + keeps
    try:
        arrays, n = _encode_all(src, sample, rows, coded)
    finally:
        src.close()
    t_read = time.monotonic() - t0
    qcodes = arrays[:len(qis)]
    scodes = arrays[len(qis)] if sens_col else None
    kcodes = arrays[len(qis) + (1 if sens_col else 0):]
    hiers = [c.hier for c in qis]

    # ---- search
    rng = np.random.default_rng(seed)
    max_supp = int(np.floor(max_share * n + 1e-9))
    search = Search(hiers, qcodes, scodes, sens_col.hier.size if sens_col else 1, k, l, max_supp, rc.optimize)
    best = search.run(rng)
    if best is None:
        raise UsageError(f"no generalisation of the {len(qis)} quasi-identifier(s) meets k={k}"
                         f"{f' and l={l}' if l else ''} with at most {max_share:.1%} of the {n} records "
                         "suppressed (fewer records than k, or too few distinct sensitive values)")
    node = best.node
    t_search = time.monotonic() - t0 - t_read

    # ---- refine the region attribute(s) below the chosen level
    region_maps: dict[int, tuple] = {}
    refined_info = {}
    if refine:
        for i, (c, h) in enumerate(zip(qis, hiers)):
            if not refinable(h, node[i]):
                continue
            others = [(g, lab) for j, (g, lab) in enumerate(row_groups(hiers, qcodes, node, region_maps)) if j != i]
            if others:
                from .kanon import group
                other, _ = group([g for g, _ in others], [len(lab) for _, lab in others])
            else:
                other = np.zeros(n, dtype=np.int64)
            region_maps[i] = refine_region(h, qcodes[i], node[i], other, scodes, k, l)
            refined_info[c.name] = True

    # ---- apply
    groups = row_groups(hiers, qcodes, node, region_maps)
    cid, suppressed, sizes, distinct, fail = classes_of(groups, scodes, k, l)
    n_supp = int(suppressed.sum())
    if n_supp > max_supp:  # pragma: no cover - the search and the refinement guarantee this
        raise WaybillError("internal error: suppression above the limit")
    keep = np.flatnonzero(~suppressed)
    # rows in class order, random within a class (the input order could reveal finer values)
    perm = rng.permutation(keep)
    order = perm[np.argsort(cid[perm], kind="stable")]
    released_sizes = sizes[~fail]
    k_got = int(released_sizes.min()) if len(released_sizes) else 0
    l_got = int(distinct[~fail].min()) if distinct is not None and len(released_sizes) else None
    dm = int((released_sizes.astype(np.float64) ** 2).sum()) + n_supp * n

    # ---- output columns in input order
    header: list[str] = []
    col_arrays: list[np.ndarray] = []
    qi_out: list[str] = []
    for c in plans:
        if c.role == "qi":
            i = qis.index(c)
            g, labels = groups[i]
            names = c.hier.out_columns(c.name)
            for j, name in enumerate(names):
                lab = np.array([x[j] for x in labels] + [""], dtype=object)
                col_arrays.append(lab[g[order]])
                header.append(name)
                qi_out.append(name)
        elif c.role in ("sensitive", "keep"):
            codes = scodes if c.role == "sensitive" else kcodes[keeps.index(c)]
            m, labels = c.hier.level_map(0)
            lab = np.array([x[0] for x in labels], dtype=object)
            col_arrays.append(lab[m[codes[order]]])
            header.append(c.name)
    if len(set(header)) != len(header):
        raise UsageError("two released columns would have the same name; rename one in the input")
    tmp = _tmp_for(out_file)
    try:
        write_table(tmp, header, zip(*col_arrays) if col_arrays else iter([()] * len(order)), out_fmt)
        check_result = None
        if check:
            check_result = pycanon_check(tmp, out_fmt, qi_out, sens_col.name if sens_col else None)
            problems = []
            if check_result.get("records") != len(order):
                problems.append(f"{check_result.get('records')} records read back, {len(order)} written")
            if len(order) and check_result.get("k", 0) < k:
                problems.append(f"pycanon finds k={check_result.get('k')} < {k}")
            if l and len(order) and sens_col and check_result.get("l", 0) < l:
                problems.append(f"pycanon finds l={check_result.get('l')} < {l}")
            if problems:
                raise WaybillError("independent check failed: " + "; ".join(problems) + " (nothing written)")
        out_sha = sha256_file(tmp)
        seconds = time.monotonic() - t0
        report = _report(plans, qis, hiers, node, best, search, region_maps, qcodes, keep, n, n_supp, max_share,
                         k, k_got, l, l_got, sens_col, dm, len(released_sizes), src, check_result,
                         {"read": round(t_read, 3), "search": round(t_search, 3), "total": round(seconds, 3)})
        rec = {"kind": "release", "run_id": run_id, "operator": operator(), "inputs": in_hashes,
               "output": {"path": str(out_file), "sha256": out_sha, "format": out_fmt},
               "status": "ok", "reason": None, "seconds": round(seconds, 3), "release": report}
        log.append(rec)
        os.replace(tmp, out_file)
    finally:
        if tmp.exists():
            tmp.unlink()
    report["output"] = str(out_file)
    report["audit"] = str(audit_path)
    return ReleaseResult(report, out_file, audit_path)


def _report(plans, qis, hiers, node, best, search, region_maps, qcodes, keep, n, n_supp, max_share, k, k_got,
            l, l_got, sens_col, dm, n_classes, src, check_result, seconds) -> dict:
    released = n - n_supp
    attrs = []
    district = {}
    for i, (c, h) in enumerate(zip(qis, hiers)):
        a = {"column": c.display or c.name, "kind": h.kind, "level": h.levels[node[i]], "level_index": node[i],
             "levels": h.levels, "weight": getattr(h, "weight", 1.0)}
        if h.kind == "number":
            a["bins"] = getattr(h, "bins", None)
        if i in region_maps:
            a["refined"] = True
        attrs.append(a)
        if h.kind == "region":
            m, labels = region_maps.get(i) or h.level_map(node[i])
            leaf_ok = np.array([h.leaf_finest(x) and labels[m[x]] == h.label_as(x, "district")
                                for x in range(h.size)], dtype=bool)
            share = float(leaf_ok[qcodes[i][keep]].mean()) if len(keep) else 0.0
            a["finest_share"] = round(share, 4)
            district[c.display or c.name] = round(share, 4)
    report = {
        "records": n, "released": released, "suppressed": n_supp,
        "suppressed_share": round(n_supp / n, 6) if n else 0.0,
        "max_suppression": max_share,
        "k": {"requested": k, "achieved": k_got},
        "l": ({"requested": l, "achieved": l_got, "sensitive": sens_col.display or sens_col.name}
              if sens_col else None),
        "classes": n_classes,
        "average_class_size": round(released / n_classes, 2) if n_classes else 0.0,
        "discernibility": dm,
        "district_share": district,
        "loss": round(search.loss(node), 4),
        "precision": round(1 - float(np.mean([node[i] / max(len(h.levels) - 1, 1)
                                               for i, h in enumerate(hiers)])) if hiers else 1.0, 4),
        "attributes": attrs,
        "lattice": {"nodes": getattr(search, "lattice", 1), "evaluated": search.evaluated,
                    "minimal": len(getattr(search, "minimal", []))},
        "columns": [c.describe() for c in plans],
        "withheld_values": {c.display or c.name: c.hier.withheld for c in plans
                            if c.hier is not None and c.hier.withheld},
        "seconds": seconds,
    }
    if src.extra:
        report["unread_columns"] = len(src.extra)
    if check_result is not None:
        report["check"] = {"tool": "pycanon", **check_result}
    return report

