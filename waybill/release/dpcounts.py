"""Differentially private counts of waybill records (``waybill counts``).

- **Privacy unit: a person.** Records are keyed by the HMAC (audit key) of the recipient's phone
  number; each person contributes at most ``bound`` records to a release (a uniformly random
  subset of theirs when they have more). Records without a usable phone number are not counted
  (their contributions could not be bounded). Neighbouring data sets differ by one person's records,
  so the vector of counts has L1 sensitivity ``bound``.
- **Public key sets.** The groups are fixed before looking at the data: every district (or city,
  province) of the administrative-division data set, optionally narrowed to ``--area``, times every
  day (week, month, hour) of ``--from``..``--to``, times a configured value set per categorical
  field. Empty groups are published too (with noise), so no budget is spent on choosing groups and
  the presence of a group reveals nothing. Without ``--from``/``--to`` the range is the data's
  first to last day, which is itself read from the data: say so in the output and prefer giving it.
- **Mechanism.** OpenDP: ``make_count_by_categories`` (symmetric distance ``bound`` -> L1) chained
  with ``then_laplace`` (the discrete Laplace mechanism on integer counts); the scale is found by
  OpenDP's ``binary_search_param`` for the requested epsilon and checked with ``map``. No noise is
  drawn anywhere else. Each count's 95% error bound comes from
  ``discrete_laplacian_scale_to_accuracy``.
- **Budget ledger** per data set (SHA-256 over its records, whatever the file format or row order):
  see ``ledger``.
"""
from __future__ import annotations

import hashlib
import json
import math
import secrets
import time
import uuid
from array import array
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import numpy as np

from ..errors import InputError, MissingDependency, UsageError, WaybillError
from . import hierarchies as H
from .columns import classify
from .config import Config, load
from .reader import Source, expand

REGION_FIELDS = ("district", "city", "province", "zip3", "state")
TIME_FIELDS = ("hour", "day", "week", "month")
MAX_KEYS = 5_000_000
MECHANISM = "discrete Laplace (OpenDP make_count_by_categories >> then_laplace)"
_CHUNK = 8192


@dataclass
class CountsResult:
    report: dict
    header: list[str]
    rows: list[list]
    output: Path | None
    meta: dict


def _opendp():
    try:
        import opendp.prelude as dp
    except ImportError:
        raise MissingDependency("DP counts need OpenDP: pip install 'waybill[release]'") from None
    dp.enable_features("contrib")
    return dp


def mechanism(n_keys: int, epsilon: float, bound: int):
    """The OpenDP measurement for ``n_keys`` public groups: a list of group indices (one per
    bounded record) -> noisy counts; and its noise scale. Privacy: ``epsilon`` for neighbours that
    differ by ``bound`` records (one person)."""
    dp = _opendp()
    space = dp.vector_domain(dp.atom_domain(T=dp.i32)), dp.symmetric_distance()
    count = dp.t.make_count_by_categories(*space, categories=list(range(n_keys)), null_category=False)
    sens = count.map(bound)
    vec = dp.vector_domain(dp.atom_domain(T=dp.i32), size=n_keys), dp.l1_distance(T=dp.i32)
    scale = dp.binary_search_param(lambda s: dp.m.make_laplace(*vec, scale=s), d_in=sens, d_out=epsilon)
    meas = count >> dp.m.then_laplace(scale)
    if meas.map(bound) > epsilon * (1 + 1e-9):  # pragma: no cover - binary_search_param guarantees it
        raise WaybillError("internal error: the mechanism's privacy loss exceeds epsilon")
    return meas, scale


def accuracy(scale: float, alpha: float = 0.05) -> float:
    dp = _opendp()
    return float(dp.discrete_laplacian_scale_to_accuracy(scale, alpha))


# --------------------------------------------------------------------------- key sets


def _area_prefixes(area: list[str] | None) -> list[str] | None:
    if not area:
        return None
    from ..resources import divisions

    idx = divisions()
    out = []
    for a in area:
        a = a.strip()
        if not a:
            continue
        if a.isdigit():
            code = (a + "0" * 12)[:12]
            p = code.rstrip("0")
            # keep whole digit pairs (province 2, city 4, county 6, town 9)
            n = len(p)
            n = 2 if n <= 2 else 4 if n <= 4 else 6 if n <= 6 else 9 if n <= 9 else 12
            out.append(code[:n])
            continue
        hits = [d for lvl in (1, 2, 3) for d in idx.alias[lvl].get(a, [])]
        if not hits:
            raise UsageError(f"--area '{a}' is not a province, city or district name or code")
        for d in hits:
            out.append(d.code[:2 * d.level] if d.level < 3 else d.code[:6])
    return out


def region_keys(field: str, area: list[str] | None) -> list[tuple[str, str]]:
    """(code, name) of every group of a region field, in code order."""
    if field in ("zip3", "state"):
        if field == "zip3":
            return [(f"{z:03d}", f"US ZIP {z:03d}xx") for z in range(1000)]
        states = sorted({st for _, _, st in H._ZIP3_STATES})
        return [(s, f"US {s}") for s in states]
    from ..resources import divisions

    idx = divisions()
    prefixes = _area_prefixes(area)
    lvl = {"district": 3, "city": 2, "province": 1}[field]
    out = []
    for d in sorted(idx.by_code.values(), key=lambda d: d.code):
        if field == "city":
            if not (d.level == 2 or (d.level == 3 and d.parent is not None and d.parent.level == 1)):
                continue
        elif d.level != lvl:
            continue
        if prefixes is not None and not any(d.code.startswith(p) for p in prefixes):
            continue
        out.append((H.short_code(d.code), H.area_name(d)))
    if not out:
        raise UsageError("--area selects no division")
    return out


def _region_of_leaf(h: H.RegionHierarchy, leaf: int, field: str) -> str | None:
    key = h.vocab.keys[leaf]
    if key is None:
        return None
    if key[0] == "us":
        z5, st = key[1], key[2]
        if field == "zip3":
            return z5[:3] if z5 else None
        if field == "state":
            return (H.zip3_state(z5[:3]) if z5 else None) or st
        return None
    if field in ("zip3", "state"):
        return None
    d = h.idx.by_code.get(key[1])
    if d is None:
        return None
    if field == "district":
        return H.short_code(d.code) if d.level == 3 else None
    if field == "city":
        if d.level == 1:
            return None
        return H.short_code(h._cn_at(d, "city").code)
    return H.short_code(h._cn_at(d, "province").code)


def time_keys(field: str, first: date, last: date) -> list[tuple]:
    """(ordinal key, label) of every group of a time field over [first, last]."""
    out = []
    if field in ("day", "hour"):
        d = first
        while d <= last:
            if field == "day":
                out.append((d.toordinal(), d.isoformat()))
            else:
                for h in range(24):
                    out.append((d.toordinal() * 24 + h, f"{d.isoformat()}T{h:02d}"))
            d += timedelta(days=1)
    elif field == "week":
        d = first - timedelta(days=first.weekday())
        while d <= last:
            y, w, _ = d.isocalendar()
            out.append((y * 100 + w, f"{y}-W{w:02d}"))
            d += timedelta(days=7)
    else:
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append((y * 100 + m, f"{y:04d}-{m:02d}"))
            m += 1
            if m > 12:
                y, m = y + 1, 1
    return out


def _time_key(field: str, ordinal: int, hour: int) -> int | None:
    if field == "day":
        return ordinal
    if field == "hour":
        return ordinal * 24 + hour if hour >= 0 else None
    d = date.fromordinal(ordinal)
    if field == "week":
        y, w, _ = d.isocalendar()
        return y * 100 + w
    return d.year * 100 + d.month


# --------------------------------------------------------------------------- persons and hashing


def person_digits(value: str | None) -> str | None:
    """The digits of a phone number usable as a person key (masked numbers are not)."""
    if not value or "*" in value or "＊" in value:
        return None
    d = "".join(c for c in value if c.isdigit())
    if d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and len(d) == 13:
        d = d[2:]
    return d if len(d) >= 7 else None


def _row_digest(row: list) -> int:
    s = "\x1f".join("\x00" if v is None else v for v in row)
    return int.from_bytes(hashlib.sha256(s.encode("utf-8", "surrogatepass")).digest(), "big")


def _pick(columns, plans, wanted: str | None, what: str, test) -> int:
    if wanted is not None:
        if wanted not in columns:
            raise UsageError(f"no column named '{wanted}' for the {what}")
        return columns.index(wanted)
    cands = [c for c in plans if test(c)]
    cands.sort(key=lambda c: (c.side != "recipient", c.index))
    if not cands:
        raise UsageError(f"no {what} column found; name it with --{what} COLUMN or [counts] {what}")
    return cands[0].index


# --------------------------------------------------------------------------- the release


def counts(paths: list[str], by: list[str], epsilon: float, out: Path | None = None, fmt: str = "auto",
           config: Path | Config | None = None, audit: Path | None = None, bound: int | None = None,
           budget: float | None = None, ledger: Path | None = None, start: str | None = None,
           end: str | None = None, area: list[str] | None = None, person: str | None = None,
           force: bool = False, out_format: str | None = None) -> CountsResult:
    """Noisy counts of the records in ``paths`` grouped by ``by``; see the module docstring."""
    t0 = time.monotonic()
    cfg = config if isinstance(config, Config) else load(config)
    cc = cfg.counts
    if not (isinstance(epsilon, (int, float)) and math.isfinite(epsilon) and epsilon > 0):
        raise UsageError("--epsilon must be a positive number")
    bound = cc.bound if bound is None else bound
    budget = cc.budget if budget is None else budget
    if bound < 1:
        raise UsageError("--bound must be at least 1")
    if not math.isfinite(budget) or budget <= 0:
        raise UsageError("--budget must be a positive number")
    by = [b.strip() for b in by if b.strip()]
    if not by or len(set(by)) != len(by):
        raise UsageError("--by needs one or more distinct fields, e.g. --by district,day")
    region_f = [b for b in by if b in REGION_FIELDS]
    time_f = [b for b in by if b in TIME_FIELDS]
    cat_f = [b for b in by if b not in REGION_FIELDS + TIME_FIELDS]
    if len(region_f) > 1 or len(time_f) > 1:
        raise UsageError("--by takes at most one region field and one time field")
    for c in cat_f:
        if c not in cc.domains:
            raise UsageError(
                f"--by {c}: a categorical field needs a public value set in the config "
                f"([counts.domains] \"{c}\" = [...]); values read from the data would reveal "
                f"rare ones (known fields: {', '.join(REGION_FIELDS + TIME_FIELDS)})")
    first_day = _parse_day(start, "--from") if start else None
    last_day = _parse_day(end, "--to") if end else None
    if first_day and last_day and last_day < first_day:
        raise UsageError("--to is before --from")
    files = expand([str(p) for p in paths])
    if not files:
        raise UsageError("no csv, tsv, xlsx, json or jsonl files in the input")

    from .api import OUT_FORMATS, _namer, _tmp_for, output_path, prepare_output, sha256_file
    from ..audit import AuditLog, new_run_id, operator
    from .ledger import KIND, Ledger

    display, masked_name, keys = _namer()
    out_file = None
    if out is not None:
        out_file = output_path(Path(out), ["-", "-"], masked_name, "counts")
        prepare_output(out_file, force)
    audit_path = Path(audit) if audit else (out_file.parent / "audit.jsonl" if out_file else None)
    log = AuditLog(audit_path, keys) if audit_path else None
    book = Ledger(ledger or cc.ledger, keys, log)
    book.check_intact()
    region_keys_list = region_keys(region_f[0], area) if region_f else None
    if area and not region_f:
        raise UsageError("--area needs a region field in --by (district, city or province)")

    # ---- read
    src = Source(files, fmt, cfg.release.sample_rows)
    src.open()
    rows = src.rows()
    sample = list(islice(rows, cfg.release.sample_rows))
    if not sample:
        raise InputError("no records in the input")
    plans = classify(src.columns, sample, cfg.release)
    cols = src.columns
    phone_types = ("phone", "landline", "phone_intl")
    p_idx = _pick(cols, plans, person or cc.person, "person",
                  lambda c: (c.hint is not None and c.hint.value in phone_types) or c.found in phone_types)
    r_idx = _pick(cols, plans, cc.address, "address", lambda c: c.kind == "region") if region_f else None
    t_idx = _pick(cols, plans, cc.time, "time", lambda c: c.kind == "time") if time_f else None
    c_idx = {c: _pick(cols, plans, c, c, lambda _: False) for c in cat_f}
    rh = H.RegionHierarchy() if region_f else None
    th = H.TimeHierarchy() if time_f else None
    cat_vocab = {c: {v: i for i, v in enumerate(cc.domains[c])} for c in cat_f}

    pid = array("q")
    rcode = array("i")
    tcode = array("i")
    ccode = {c: array("i") for c in cat_f}
    digest = 0
    memo: dict[str, int] = {}
    n = 0
    from itertools import chain

    it = chain(sample, rows)
    try:
        while True:
            block = list(islice(it, _CHUNK))
            if not block:
                break
            n += len(block)
            for r in block:
                digest += _row_digest(r)
                dg = person_digits(r[p_idx])
                if dg is None:
                    pid.append(-1)
                    continue
                got = memo.get(dg)
                if got is None:
                    got = int(keys.value_mac(dg)[:15], 16)  # 60 bits: non-negative int64
                    if len(memo) > 500_000:
                        memo.clear()
                    memo[dg] = got
                pid.append(got)
            if rh is not None:
                rcode.extend([rh.encode(r[r_idx]) for r in block])
            if th is not None:
                tcode.extend([th.encode(r[t_idx]) for r in block])
            for c in cat_f:
                voc, j = cat_vocab[c], c_idx[c]
                ccode[c].extend([voc.get((r[j] or "").strip(), -1) for r in block])
    finally:
        src.close()
    dataset = hashlib.sha256(f"{digest % (1 << 256):064x}|{len(cols)}|{n}".encode()).hexdigest()

    # ---- group keys
    P = np.frombuffer(pid, dtype=np.int64) if n else np.zeros(0, np.int64)
    valid = P >= 0
    no_person = int((~valid).sum())
    dims: list[tuple[str, list]] = []
    idx_cols: list[np.ndarray] = []
    range_source = None
    if region_f:
        f = region_f[0]
        pos = {code: i for i, (code, _) in enumerate(region_keys_list)}
        leaf_to = np.array([pos.get(_region_of_leaf(rh, x, f), -1) for x in range(rh.size)], dtype=np.int64)
        idx_cols.append(leaf_to[np.frombuffer(rcode, dtype=np.int32)])
        dims.append((f, region_keys_list))
    if time_f:
        f = time_f[0]
        leaves = th.vocab.keys
        T = np.frombuffer(tcode, dtype=np.int32)
        if first_day is None or last_day is None:
            used = np.unique(T[valid & (T > 0)]) if n else np.zeros(0, np.int32)
            if not len(used):
                raise InputError("no dates in the time column")
            ords = [leaves[x][0] for x in used]
            first_day = first_day or date.fromordinal(min(ords))
            last_day = last_day or date.fromordinal(max(ords))
            range_source = "data"
        else:
            range_source = "given"
        tk = time_keys(f, first_day, last_day)
        pos = {k: i for i, (k, _) in enumerate(tk)}
        lo, hi = first_day.toordinal(), last_day.toordinal()
        leaf_to = np.full(th.size, -1, dtype=np.int64)
        for x in range(1, th.size):
            o, hr = leaves[x]
            if lo <= o <= hi:
                key = _time_key(f, o, hr)
                leaf_to[x] = pos.get(key, -1) if key is not None else -1
        idx_cols.append(leaf_to[T])
        dims.append((f, [(str(k), lab) for k, lab in tk]))
    for c in cat_f:
        idx_cols.append(np.frombuffer(ccode[c], dtype=np.int32).astype(np.int64))
        dims.append((c, [(v, v) for v in cc.domains[c]]))
    sizes = [len(d[1]) for d in dims]
    n_keys = int(np.prod(sizes)) if sizes else 1
    if n_keys > MAX_KEYS:
        raise UsageError(f"{n_keys:,} groups is too many (at most {MAX_KEYS:,}): narrow --area, the date "
                         "range, or use a coarser field")
    cell = np.zeros(n, dtype=np.int64)
    inside = valid.copy()
    for col, size in zip(idx_cols, sizes):
        inside &= col >= 0
        cell = cell * size + np.where(col >= 0, col, 0)
    outside = int((valid & ~inside).sum())

    # ---- bound each person's contributions (a random subset of their records)
    rng = np.random.default_rng(secrets.randbits(128))
    rows_in = np.flatnonzero(inside)
    perm = rng.permutation(rows_in)
    order = perm[np.argsort(P[perm], kind="stable")]
    ps = P[order]
    if len(ps):
        starts = np.r_[0, np.flatnonzero(np.diff(ps)) + 1]
        rank = np.arange(len(ps)) - np.repeat(starts, np.diff(np.r_[starts, len(ps)]))
        used_rows = order[rank < bound]
        persons = len(starts)
    else:
        used_rows = order
        persons = 0
    truncated = len(rows_in) - len(used_rows)

    # ---- budget: check and record under the ledger lock, before any noise exists
    meas, scale = mechanism(n_keys, float(epsilon), int(bound))
    err95 = accuracy(scale, 0.05)
    release_id = uuid.uuid4().hex
    run_id = new_run_id()
    in_hashes = []
    for f in files:
        in_hashes.append({"path": display(f), "sha256": sha256_file(Path(f)) if f != "-" else None})
    base = {
        "kind": KIND, "release_id": release_id, "run_id": run_id, "operator": operator(),
        "inputs": in_hashes, "dataset": dataset, "epsilon": float(epsilon), "delta": 0.0,
        "mechanism": MECHANISM, "scale": scale, "bound": int(bound), "by": by, "keys": n_keys,
        "range": [first_day.isoformat(), last_day.isoformat()] if time_f else None,
        "range_source": range_source, "area": area or None, "budget": budget,
    }
    with book.locked():
        spent_e, spent_d, n_rel = book.spent(dataset)
        if spent_e + epsilon > budget * (1 + 1e-12):
            reason = (f"privacy budget exceeded for this data set (sha256 {dataset[:12]}…): {n_rel} earlier "
                      f"release(s) spent epsilon {spent_e:g} of {budget:g}; this one asks {epsilon:g}. "
                      "Nothing was released")
            book.record({**base, "status": "refused", "reason": reason, "spent_before": spent_e})
            raise UsageError(reason)
        book.record({**base, "status": "ok", "reason": None, "spent_before": spent_e,
                     "spent_after": spent_e + float(epsilon),
                     "output": {"path": str(out_file) if out_file else "-"}})
    noisy = meas(cell[used_rows].astype(np.int32).tolist())

    # ---- output
    header = []
    for f, ks in dims:
        if f in ("district", "city", "province"):
            header += [f"{f}_code", f]
        else:
            header.append(f)
    header += ["count", "error_95"]
    out_rows = []
    grids = np.indices(sizes).reshape(len(sizes), -1).T if sizes else np.zeros((1, 0), dtype=np.int64)
    e95 = round(err95, 3)
    for j, combo in enumerate(grids):
        r = []
        for (f, ks), x in zip(dims, combo):
            code, lab = ks[int(x)]
            if f in ("district", "city", "province"):
                r += [code, lab]
            else:
                r.append(lab)
        r += [int(noisy[j]), e95]
        out_rows.append(r)
    meta = {"epsilon": float(epsilon), "delta": 0.0, "mechanism": MECHANISM, "scale": scale,
            "error_95": e95, "bound": int(bound),
            "privacy_unit": "one recipient (HMAC of the phone number), at most "
                            f"{int(bound)} parcel(s) each", "by": by, "groups": n_keys,
            "range": base["range"], "range_source": range_source, "dataset": dataset,
            "release_id": release_id}
    if out_file is not None:
        fmt_out = OUT_FORMATS.get(out_file.suffix.lower(), "csv")
        tmp = _tmp_for(out_file)
        try:
            if fmt_out == "json":
                tmp.write_text(json.dumps({**meta, "counts": [dict(zip(header, r)) for r in out_rows]},
                                          ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                from .api import write_table

                write_table(tmp, header, out_rows, fmt_out)
            sha = sha256_file(tmp)
            if log is not None:
                log.append({"kind": "dp_counts_output", "release_id": release_id, "run_id": run_id,
                            "operator": operator(), "status": "ok",
                            "output": {"path": str(out_file), "sha256": sha}})
            import os

            os.replace(tmp, out_file)
        finally:
            if tmp.exists():
                tmp.unlink()
    report = {
        "dataset": dataset, "records": n, "no_person_key": no_person, "outside_keys": outside,
        "persons": persons, "truncated_by_bound": truncated, "counted": int(len(used_rows)),
        "groups": n_keys, "by": by, "epsilon": float(epsilon), "delta": 0.0, "scale": scale,
        "error_95": e95, "bound": int(bound), "mechanism": MECHANISM,
        "budget": {"total": budget, "spent_before": spent_e, "spent_after": spent_e + float(epsilon),
                   "releases": n_rel + 1},
        "range": base["range"], "range_source": range_source,
        "output": str(out_file) if out_file else "-", "audit": str(audit_path) if audit_path else None,
        "ledger": str(book.path), "seconds": round(time.monotonic() - t0, 3),
    }
    return CountsResult(report, header, out_rows, out_file, meta)


def _parse_day(s: str, opt: str) -> date:
    t = H.parse_time(s)
    if t is None:
        raise UsageError(f"{opt} must be a date (YYYY-MM-DD)")
    return date.fromordinal(t[0])
