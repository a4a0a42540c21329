"""Detection accuracy on the PaddleNLP express_ner dev split (third-party, Apache-2.0; see
../shared/realdata/README.md). Targets from issue 2."""
import json

from benchmarks.text_accuracy import default_data_dir, score


def test_dev_split_meets_targets():
    path = default_data_dir() / "dev.spans.jsonl"
    assert path.is_file(), f"real data not found at {path} (set WAYBILL_REALDATA)"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    stats, _ = score(records)
    rec = {k: s["found"] / s["truth"] for k, s in stats.items() if s["truth"]}
    prec = {k: s["correct"] / s["pred"] for k, s in stats.items() if s["pred"] and k != "region"}
    assert rec["phone"] == 1.0
    assert rec["name"] >= 0.97
    assert rec["detail_address"] >= 0.99
    assert all(p >= 0.97 for p in prec.values()), prec
