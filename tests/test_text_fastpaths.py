"""Fast paths of the text pipeline give exactly what the slow ones give (all data synthetic)."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waybill.formats import structure
from waybill.normalize import (DIGIT_OF, DOTS, INVISIBLE, TRAD_FILE, build_traditional_chars, is_normal, normalize,
                               opencc_version, traditional_chars)


def test_traditional_chars_are_what_opencc_changes():
    # the shipped list (read instead of asking OpenCC in every process) is OpenCC's own answer
    head, chars = TRAD_FILE.read_text(encoding="utf-8").split("\n")[:2]
    built = build_traditional_chars()
    assert traditional_chars() == built
    assert head.startswith("opencc ")
    if head == f"opencc {opencc_version()}":
        assert frozenset(chars) == built
    assert {"廣", "東", "區", "號", "張", "偉"} <= built and not {"乾", "於", "广", "张"} & built


_SOME = "".join(sorted(DIGIT_OF)) + "".join(sorted(INVISIBLE)) + "".join(sorted(DOTS)) + \
    "廣東區號張偉乾於广州市天河路号室张伟明ａ１＠\u3000 -.0123456789abcXYZ@·\U00020000\U0002a6d6é"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SOME) | st.characters(), max_size=40))
def test_is_normal_only_when_normalize_changes_nothing(text):
    if is_normal(text):
        m = normalize(text)
        assert m.text == text and m.starts is None



@pytest.mark.parametrize("text, normal", [
    ("四川省成都市武侯区一环路南四段12号", True),  # numerals that are words: no run of four
    ("陆轩兰", True), ("五一路3号七楼", True), ("三三两两", False),
    ("一三九一二三四五六七八", False), ("电话138四五六七八九一二", False), ("壹叁捌-肆陆伍叁-柒伍玖贰", False),
    ("陸軒", False), ("四川省１２号", False),
])
def test_numerals_that_are_words_keep_the_cheap_test(text, normal):
    # a Chinese numeral changes only inside a run of four (``normalize._numerals``): a text whose
    # numerals are words (the 四 of 四川) is its own normal form, and the cheap test says so
    assert is_normal(text) is normal
    assert (normalize(text).text == text) is normal

def _pair_rows_reference(rows):
    short = re.compile(r"\s*\d{3,16}\s*")
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return []
    cols = [[r[c] if c < len(r) else "" for r in rows] for c in range(width)]
    digit = [[bool(short.fullmatch(c if isinstance(c, str) else "")) for c in col] for col in cols]
    return sorted({k for c in range(width - 1) for k in range(len(rows)) if digit[c][k] and digit[c + 1][k]})


_CELL = st.one_of(st.none(), st.integers(0, 10 ** 12),
                  st.text(alphabet=st.sampled_from(["1", "3", "9", " ", "\n", "\t", "\r", "a", "张", "１", "\u3000",
                                                    "\x1c", "\u2028", "\x85"]), max_size=20))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=5), max_size=6))
def test_pair_rows_column_gate_is_exact(rows):
    assert structure._pair_rows(rows) == _pair_rows_reference(rows)


def test_pair_rows_finds_split_mobile_among_other_columns():
    rows = [["张伟明", "139", "12345678", "北京市朝阳区建国路88号"], ["李娜", "", "", "上海市"]] * 3
    assert structure._pair_rows(rows) == [0, 2, 4]
    assert structure._pair_rows([["订单", "123456789012345678901", "x"]]) == []


# dense hostile text: the fast searches find exactly what the plain ones find

_WORDS_ALPHABET = "广西壮族自治区南宁市青秀区张家口北京朝阳东方南华省市县区路号伟明139 0,，"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_WORDS_ALPHABET)), max_size=30), st.integers(0, 31))
def test_address_start_search_is_the_trie_search(text, pos):
    from waybill.detectors import address_cn

    m = address_cn._start_re().search(text, pos)
    assert address_cn._next_start(text, pos) == (m.start() if m else -1)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789" * 3 + "*＊xXeE .-_/·\u00a0\u3000张a")), max_size=40))
def test_digits15_gate_is_the_plain_search(text):
    from waybill import detect

    assert detect._has_digits15(text) == bool(detect._DIGITS15.search(text))


def _grouped_reference(text, length, last_x, head):
    from bisect import bisect_left

    from waybill.detectors.digitruns import _runs

    # every run (the lengths filter of _runs left out: any span length is wanted)
    for groups, seps, same, joined, cum, _ in _runs(text, frozenset(range(2, 2 * len(text) + 3))):
        n = len(groups)
        for i in range(n):
            c = cum[i]
            if c + length > cum[n] or cum[i + 1] - c >= length:
                continue
            j = bisect_left(cum, c + length) - 1
            if j >= n or j <= i or cum[j + 1] - c != length or j > same[i]:
                continue
            if head is not None and not head.match(joined, c):
                continue
            digits = joined[c:cum[j + 1]]
            if "X" in digits[:-1] or "x" in digits[:-1] or (not last_x and digits[-1] in "Xx"):
                continue
            cc = None
            if i > 0 and joined[cum[i - 1]:c] in ("86", "0086") and seps[i - 1].strip() in ("", "-"):
                cc = groups[i - 1][0]
                if cc > 0 and text[cc - 1] == "+":
                    cc -= 1
            yield groups[i][0], groups[j][1], digits, cc


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789" * 4 + " .-_/·Xx+a") + ["13912345678", "-1234", "110101",
                                                                                 "19900307", " - "]),
                max_size=30).map("".join),
       st.sampled_from([10, 11, 12, 18]), st.booleans(), st.sampled_from([None, r"1[3-9]", r"0[1-9]"]))
def test_grouped_runs_start_only_where_the_head_matches(text, length, last_x, head):
    from waybill.detectors.digitruns import grouped

    h = None if head is None else re.compile(head)
    assert list(grouped(text, length, last_x, h)) == list(_grouped_reference(text, length, last_x, h))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 AZazTtrackingWAYBILL\u212a单号运面") + ["awb", "AWB", "单号"]),
                max_size=40).map("".join))
def test_tracking_gate_is_the_plain_search(text):
    from waybill.detectors import tracking

    assert tracking.gate(text) == bool(tracking._GATE.search(text))


def _resolve_by_priority(findings):
    from waybill.detect import _PRIORITY

    kept = []
    for f in sorted(findings, key=lambda f: (_PRIORITY[f.type], -(f.end - f.start), f.start)):
        if not any(k.overlaps(f) for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(["phone", "name", "email", "tracking"])),
                max_size=12))
def test_resolve_without_overlaps_keeps_everything_in_order(spans):
    from waybill.detect import _resolve
    from waybill.model import EntityType, Finding

    fs = [Finding(EntityType(t), a, a + n, "x" * n, 0.9, "t") for a, n, t in spans]
    got = _resolve(list(fs))
    overlapping = any(f.overlaps(g) for i, f in enumerate(fs) for g in fs[i + 1:])
    if not overlapping:
        assert got == sorted(fs, key=lambda f: f.start)
    else:
        assert [(f.start, f.end, f.type) for f in got] == [(f.start, f.end, f.type) for f in _resolve_by_priority(fs)]


def _dense(seed: int, n: int) -> str:
    import random

    r = random.Random(seed)
    parts = []
    for _ in range(n):
        phone = "1%d%09d" % (r.randint(3, 9), r.randint(0, 10 ** 9 - 1))
        parts.append(r.choice(["张伟明", "李娜", "", "收件人：王小明 "]) + r.choice([phone, "13912345678"])
                     + r.choice([" ", ",", "-1234,", "，1501室 ", " a.b@example.com "]))
    return "".join(parts)


def test_many_findings_lane_gives_what_the_one_by_one_loop_gives(monkeypatch):
    # values with many findings remember replacements and HMACs within the value: same text, same facts
    from waybill import engine as E
    from waybill.masking import load_policy
    from waybill.pipeline import build_engine

    eng = build_engine(load_policy("share"), None, None, b"k" * 32)
    for seed in range(4):
        text = _dense(seed, 150)
        fast = eng.mask_text(text, None, None, True)
        monkeypatch.setattr(E, "_MANY", 10 ** 9)
        slow = eng.mask_text(text, None, None, True)
        monkeypatch.setattr(E, "_MANY", 16)
        assert len(fast[1]) > 100
        assert fast == slow


def test_sink_merges_a_long_list_as_record_by_record():
    from waybill.engine import FindingSink

    from waybill.model import audit_record

    recs = [audit_record(t, None, {"line": 1}, "d", 0.9, m, f"{i:064x}")
            for i, (t, m) in enumerate([("phone", "partial"), ("name", "partial"), ("tracking", "keep")] * 70)]
    for limit in (0, 5, 100, 10000):
        bulk, one = FindingSink(limit), FindingSink(limit)
        bulk.merge(recs[:3])
        one.merge(recs[:3])
        bulk.merge(list(recs))
        for r in recs:
            one.add(r)
        assert bulk.summary() == one.summary()
        assert list(bulk.summary()["finding_counts"]) == list(one.summary()["finding_counts"])


def test_sink_merges_cell_records_as_record_by_record():
    """A table's compact cell records: detail records as far as the quota reaches, counts and the
    digest of all of them in bulk; the same summary as adding every record one by one."""
    from waybill.engine import CellRecords, FindingSink, cell_record, record

    facts = [(t, None, 0, 4, "d", 0.9, m, f"{i:064x}", None, None)
             for i, (t, m) in enumerate([("phone", "partial"), ("name", "partial"), ("address", "keep")] * 50)]
    cells = CellRecords((i // 3, i % 3, c) for i, c in enumerate(facts))
    for limit in (0, 5, 100, 10000):
        bulk, one = FindingSink(limit), FindingSink(limit)
        bulk.merge(CellRecords(cells[:4]))
        bulk.merge(CellRecords(cells[4:]))
        for r, col, c in cells:
            one.add(record({"row": r, "column": col}, c))
        assert bulk.summary() == one.summary()
        assert list(bulk.summary()["finding_counts"]) == list(one.summary()["finding_counts"])
        assert bulk.summary()["findings_total"] == len(facts)
    for r, col, c in cells[:3] + [(1, 2, facts[0][:8] + ("***", {"digits": 0}))]:
        assert cell_record(r, col, c) == record({"row": r, "column": col}, c)
        assert list(cell_record(r, col, c)) == list(record({"row": r, "column": col}, c))


def test_audit_record_is_frozen_and_serialised_in_one_place():
    import json
    import pickle

    from waybill.model import AuditRecord, EntityType, audit_record

    r = audit_record(EntityType.PHONE, "recipient", {"row": 1}, "phone_cn.mobile", 0.99, "partial", "ab" * 32)
    assert isinstance(r, AuditRecord) and list(r) == ["type", "role", "where", "detector", "confidence", "method", "hmac"]
    for change in (lambda: r.__setitem__("type", "name"), lambda: r.update(type="name"), lambda: r.pop("hmac"),
                   lambda: r.setdefault("masked", "x"), lambda: r.clear(), lambda: r.__delitem__("role")):
        with pytest.raises(TypeError):
            change()
    assert r["type"] == "phone" and len(r) == 7
    d = r.but(where={"row": 2}, shape={"digits": 11})
    assert isinstance(d, AuditRecord) and d["where"] == {"row": 2} and list(d)[-1] == "shape" and r["where"] == {"row": 1}
    assert type(r.to_json()) is dict and r.to_json() == r and json.dumps(r.to_json()) == json.dumps(dict(r))
    assert pickle.loads(pickle.dumps(r)) == r and type(pickle.loads(pickle.dumps(r))) is AuditRecord
    detect = audit_record("name", None, {}, "d", 0.5, "partial", "h", "张*", {"chars": 2})
    assert list(detect)[-2:] == ["masked", "shape"]


def test_where_of_a_record_is_frozen_and_written_as_before():
    import json
    import pickle

    from waybill.engine import cell_record
    from waybill.model import Where, audit_record

    place = {"page": 1, "box": [10, 20, 30, 40], "field": 3}
    r = audit_record("name", None, place, "zpl.block_name", 0.7, "redact", "h")
    w = r["where"]
    assert isinstance(w, Where) and w == {"page": 1, "box": (10, 20, 30, 40), "field": 3}
    for change in (lambda: w.__setitem__("page", 2), lambda: w.update(page=2), lambda: w.pop("box"),
                   lambda: w.setdefault("x", 1), lambda: w.clear(), lambda: w.__delitem__("field")):
        with pytest.raises(TypeError):
            change()
    assert type(w["box"]) is tuple  # a box cannot be changed in place either
    place["page"] = 9  # the caller's dict is not the record's
    assert r["where"]["page"] == 1
    # the same JSON as a plain dict with a list box, in the same key order
    assert json.dumps(r.to_json()) == json.dumps({**r, "where": {"page": 1, "box": [10, 20, 30, 40], "field": 3}})
    assert json.dumps(r, sort_keys=True, separators=(",", ":")) == json.dumps(
        {**r, "where": {"page": 1, "box": [10, 20, 30, 40], "field": 3}}, sort_keys=True, separators=(",", ":"))
    moved = r.but(where={**w, "box": [1, 2, 3, 4]})
    assert type(moved["where"]) is Where and moved["where"]["box"] == (1, 2, 3, 4) and w["box"] == (10, 20, 30, 40)
    back = pickle.loads(pickle.dumps(r))
    assert back == r and type(back["where"]) is Where
    c = cell_record(5, "收件人", ("name", "recipient", 0, 3, "name_cn.column", 0.95, "partial", "h", None, None))
    assert type(c["where"]) is Where and list(c["where"]) == ["row", "column", "start", "end"]


def test_finding_is_frozen():
    import copy
    import pickle

    from waybill.model import EntityType, Finding

    f = Finding(EntityType.PHONE, 3, 14, "13912345678", 0.99, "phone_cn.mobile", (("cc_len", 0),), "recipient")
    for change in (lambda: setattr(f, "start", 0), lambda: setattr(f, "role", None), lambda: delattr(f, "text")):
        with pytest.raises(AttributeError):
            change()
    assert (f.start, f.end, f.role) == (3, 14, "recipient")
    g = f.with_offset(10)
    assert (g.start, g.end, g.text, g.meta) == (13, 24, f.text, f.meta) and f.start == 3
    assert f.with_role("sender").role == "sender" and f.role == "recipient"
    assert pickle.loads(pickle.dumps(f)) == f and copy.copy(f) == f and hash(copy.copy(f)) == hash(f)
    # meta takes no part in equality (as before)
    assert Finding(EntityType.PHONE, 3, 14, "13912345678", 0.99, "phone_cn.mobile", (), "recipient") == f
