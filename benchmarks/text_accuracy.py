"""Score waybill's text detectors on the PaddleNLP express_ner split (default: dev).

    python -m benchmarks.text_accuracy [--split dev|train] [--data DIR] [--show-errors N]

Truth types: name, phone, detail_address (province/city/district are kept in ``share`` and scored
as the region). An entity is *found* (recall) when every one of its characters is covered by a
finding of the matching type; a finding is *correct* (precision) when at least half of its
characters lie inside truth entities of the matching type. Prints one row per type. Only masked
forms are ever printed with --show-errors.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from waybill.detect import detect_text
from waybill.masking import partial, redact
from waybill.model import EntityType as T

TYPE_MAP = {
    "name": {T.NAME},
    "phone": {T.PHONE, T.LANDLINE, T.PHONE_INTL},
    "detail_address": {T.ADDRESS},
    "region": {T.ADDRESS_REGION},
}
TRUTH = {"name": "name", "phone": "phone", "detail_address": "detail_address",
         "province": "region", "city": "region", "district": "region"}


def default_data_dir() -> Path:
    env = os.environ.get("WAYBILL_REALDATA")
    if env:
        return Path(env) / "paddlenlp_express_ner"
    here = Path(__file__).resolve().parents[1]
    return here.parent / "shared" / "realdata" / "paddlenlp_express_ner"


_NO_COUNTY = {"4419", "4420", "4604", "6202"}  # 东莞, 中山, 儋州, 嘉峪关


def score(records):
    stats = {k: {"truth": 0, "found": 0, "pred": 0, "correct": 0} for k in TYPE_MAP}
    errors = []
    for rec in records:
        text = rec["text"]
        findings = detect_text(text)
        cover = {k: [False] * len(text) for k in TYPE_MAP}
        for f in findings:
            for k, types in TYPE_MAP.items():
                if f.type in types:
                    for i in range(f.start, f.end):
                        cover[k][i] = True
            if f.type == T.ADDRESS_REGION and str(dict(f.meta).get("code", ""))[:4] in _NO_COUNTY:
                # a town or 街道 of a city without counties is the district level there (kept in
                # share, as issue 9 asks), while this data set labels it part of the detail
                lv = dict(f.meta).get("levels", ())
                if lv and lv[-1][0] == 3:
                    for i in range(f.start + lv[-1][1], f.start + lv[-1][2]):
                        cover["detail_address"][i] = True
        truth_mask = {k: [False] * len(text) for k in TYPE_MAP}
        for e in rec["entities"]:
            k = TRUTH[e["type"]]
            for i in range(e["start"], e["end"]):
                truth_mask[k][i] = True
            if k == "region":
                continue
            stats[k]["truth"] += 1
            if all(cover[k][e["start"]:e["end"]]):
                stats[k]["found"] += 1
            else:
                errors.append((k, "missed", rec, findings))
        for f in findings:
            for k, types in TYPE_MAP.items():
                if f.type in types and k != "region":
                    stats[k]["pred"] += 1
                    inside = sum(truth_mask[k][f.start:f.end])
                    if inside * 2 >= (f.end - f.start):
                        stats[k]["correct"] += 1
                    else:
                        errors.append((k, "spurious", rec, findings))
    return stats, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--show-errors", type=int, default=0)
    a = ap.parse_args(argv)
    path = (a.data or default_data_dir()) / f"{a.split}.spans.jsonl"
    if not path.is_file():
        print(f"data not found: {path} (set WAYBILL_REALDATA or --data)", file=sys.stderr)
        return 4
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    stats, errors = score(records)
    print(f"PaddleNLP express_ner {a.split}: {len(records)} records")
    print(f"{'type':<16}{'truth':>7}{'found':>7}{'recall':>9}{'pred':>7}{'precision':>11}")
    for k, s in stats.items():
        if k == "region":
            continue
        rec = s["found"] / s["truth"] if s["truth"] else 1.0
        prec = s["correct"] / s["pred"] if s["pred"] else 1.0
        print(f"{k:<16}{s['truth']:>7}{s['found']:>7}{rec:>9.2%}{s['pred']:>7}{prec:>11.2%}")
    shown = 0
    for k, kind, rec, findings in errors:
        if shown >= a.show_errors:
            break
        shown += 1
        ents = " | ".join(f"{e['type']}:{len(e['text'])}" for e in rec["entities"])
        got = " | ".join(f"{f.type.value}:{partial(f) if f.type != T.ADDRESS else redact(f)}" for f in findings)
        print(f"[{k} {kind}] truth {ents}\n    got {got}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
