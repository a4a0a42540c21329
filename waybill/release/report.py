"""Tables for standard error (rich): what a release or a DP count did."""
from __future__ import annotations

from rich.table import Table


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def render_release(rep: dict, console) -> None:
    t = Table(title="waybill release", show_header=True)
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_row("records read", f"{rep['records']:,}")
    t.add_row("records released", f"{rep['released']:,}")
    t.add_row("records suppressed", f"{rep['suppressed']:,} ({_pct(rep['suppressed_share'])}, "
                                    f"limit {_pct(rep['max_suppression'])})")
    t.add_row("k (requested / achieved)", f"{rep['k']['requested']} / {rep['k']['achieved']}")
    if rep.get("l"):
        l = rep["l"]
        t.add_row(f"l on {l['sensitive']} (requested / achieved)",
                  f"{l['requested'] if l['requested'] is not None else '-'} / {l['achieved']}")
    t.add_row("equivalence classes", f"{rep['classes']:,} (average {rep['average_class_size']:g} records)")
    t.add_row("discernibility metric", f"{rep['discernibility']:,}")
    for col, share in rep.get("district_share", {}).items():
        t.add_row(f"{col}: records at district/ZIP5 level", _pct(share))
    if rep.get("check"):
        c = rep["check"]
        t.add_row("independent check (pycanon)",
                  f"k={c.get('k')}" + (f", l={c['l']}" if "l" in c else "") + f" on {c.get('records'):,} records")
    lat = rep["lattice"]
    t.add_row("lattice nodes (evaluated)", f"{lat['nodes']:,} ({lat['evaluated']:,})")
    t.add_row("seconds", f"{rep['seconds']['total']:.1f}")
    console.print(t)
    a = Table(title="generalisation per attribute", show_header=True)
    a.add_column("column")
    a.add_column("kind")
    a.add_column("level")
    a.add_column("hierarchy")
    for x in rep["attributes"]:
        lvl = x["level"] + (" (refined: busy areas finer)" if x.get("refined") and x.get("finest_share") else "")
        a.add_row(x["column"], x["kind"], lvl, " > ".join(x["levels"]))
    console.print(a)
    d = Table(title="columns", show_header=True)
    d.add_column("column")
    d.add_column("released as")
    d.add_column("why")
    for c in rep["columns"]:
        d.add_row(c["column"], c["role"] if c["role"] != "qi" else f"quasi-identifier ({c.get('kind')})",
                  c.get("reason", ""))
    console.print(d)
    console.print(f"release: {rep.get('output')}   audit log: {rep.get('audit')}", markup=False)


def render_counts(rep: dict, console) -> None:
    t = Table(title="waybill counts (differentially private)", show_header=True)
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_row("grouping", " x ".join(rep["by"]) + f" ({rep['groups']:,} public groups)")
    if rep.get("range"):
        t.add_row("date range", f"{rep['range'][0]} .. {rep['range'][1]}"
                                + (" (read from the data)" if rep.get("range_source") == "data" else ""))
    t.add_row("epsilon / delta", f"{rep['epsilon']:g} / {rep['delta']:g}")
    t.add_row("mechanism", rep["mechanism"])
    t.add_row("noise scale", f"{rep['scale']:.4g}")
    t.add_row("95% error bound per count", f"+/- {rep['error_95']:g}")
    t.add_row("contribution bound", f"{rep['bound']} record(s) per recipient")
    t.add_row("records read / counted", f"{rep['records']:,} / {rep['counted']:,}")
    t.add_row("dropped: no phone / outside the groups / over the bound",
              f"{rep['no_person_key']:,} / {rep['outside_keys']:,} / {rep['truncated_by_bound']:,}")
    b = rep["budget"]
    t.add_row("budget of this data set", f"{b['spent_after']:g} of {b['total']:g} spent "
                                         f"({b['releases']} release(s))")
    t.add_row("seconds", f"{rep['seconds']:.1f}")
    console.print(t)
    console.print(f"counts: {rep['output']}   ledger: {rep['ledger']}"
                  + (f"   audit log: {rep['audit']}" if rep.get("audit") else ""), markup=False)
