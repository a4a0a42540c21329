"""The fast paths for common column shapes (detect.py ``shortcuts``, the engine's tracking-column
skip and per-column memory) must give exactly what the full detector run gives."""
import pytest
from hypothesis import given, settings, strategies as st

from waybill.detect import detect_text
from waybill.masking import load_policy
from waybill.model import EntityType as T
from waybill.pipeline import build_engine
from waybill.generators.records import GIVEN, HEADER, Gen

gen = Gen(17)
SURNAMES = gen.single[:300] + gen.compound
CJK = st.sampled_from(list(GIVEN) + SURNAMES + list("先生女士小姐·*＊ 省市区路号"))
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=14)
PHONEISH = st.one_of(
    st.builds(lambda p, n: p + n, st.sampled_from(["13", "14", "15", "16", "17", "18", "19", "10", "12"]),
              st.text(alphabet="0123456789", min_size=9, max_size=9)),
    st.builds(lambda a, b, sep: a + sep + b, DIGITS, DIGITS, st.sampled_from(["", " ", "-", "+86", "转", "****"])),
    DIGITS,
)


def facts(findings):
    return [(f.type, f.start, f.end, f.text, f.score, f.detector, f.meta, f.role) for f in findings]


def same(text, hint, role):
    return facts(detect_text(text, hint=hint, role=role)) == facts(
        detect_text(text, hint=hint, role=role, shortcuts=False))


@settings(max_examples=400, deadline=None)
@given(st.lists(CJK, min_size=1, max_size=6).map("".join), st.sampled_from([None, "recipient", "sender"]))
def test_name_column_shortcut_equals_full_run(text, role):
    assert same(text, T.NAME, role)


@settings(max_examples=400, deadline=None)
@given(PHONEISH, st.sampled_from([T.PHONE, T.LANDLINE]), st.sampled_from([None, "recipient"]))
def test_phone_column_shortcut_equals_full_run(text, hint, role):
    assert same(text, hint, role)


def test_generated_rows_same_with_and_without_shortcuts():
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    g = Gen(23)
    for _ in range(300):
        row, _ = g.row()
        for col, cell in zip(HEADER, row):
            hint, role = eng.hint(col)
            if cell:
                assert same(cell, hint, role), col


@settings(max_examples=200, deadline=None)
@given(st.one_of(PHONEISH, st.text(alphabet="SFJDYTZ0123456789-ab ", min_size=1, max_size=24)))
def test_engine_tracking_skip_equals_full_masking(text):
    """A tracking-column cell the engine skips would have been kept whole with nothing recorded."""
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    fast = eng.mask_text(text, T.TRACKING, None, True)
    findings = detect_text(text, hint=T.TRACKING, shortcuts=False)
    out, actions = eng.masker.mask(text, findings) if findings else (text, [])
    from waybill.engine import compact_records
    assert fast == (out, compact_records(eng.keys, actions))


def test_memo_gives_the_same_rows_and_records_as_fresh_engines():
    g = Gen(29)
    rows = [g.row()[0] for _ in range(200)]
    rows = rows + rows[:50]  # repeated values hit the memory
    a = build_engine(load_policy("share"), None, None, b"0" * 32)
    out_a, recs_a = a.mask_rows(rows, HEADER, 2)
    out_b, recs_b = [], []
    for i, row in enumerate(rows):
        o, r = build_engine(load_policy("share"), None, None, b"0" * 32).mask_rows([row], HEADER, 2 + i)
        out_b += o
        recs_b += r
    assert out_a == out_b and list(recs_a) == recs_b


INERT = st.one_of(
    st.builds(lambda y, m, d, h, mi, sep, t: f"{y}{sep}{m}{sep}{d}" + (f" {h}:{mi:02d}" if t else ""),
              st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 31), st.integers(0, 23),
              st.integers(0, 59), st.sampled_from("-/."), st.booleans()),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999999), st.integers(0, 9999)),
    st.integers(-999999, 999999).map(str),
    st.builds(lambda h, m, s: f"{h}:{m:02d}:{s:02d}", st.integers(0, 99), st.integers(0, 59), st.integers(0, 59)),
)


@settings(max_examples=600, deadline=None)
@given(INERT, st.sampled_from(["", " ", "\t"]))
def test_inert_values_have_no_findings_in_the_full_run(text, pad):
    assert detect_text(pad + text + pad, shortcuts=False) == []
    assert detect_text(pad + text + pad) == []


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789", min_size=16, max_size=30),
                 st.builds(lambda p, r: p + r, st.sampled_from(["75", "92", "1Z", "0086", "86", "110101", "2026"]),
                           st.text(alphabet="0123456789", min_size=14, max_size=22)),
                 st.builds(lambda b: _valid_id(b), st.text(alphabet="0123456789", min_size=17, max_size=17))),
       st.sampled_from([None, "recipient"]))
def test_long_digit_runs_shortcut_equals_full_run(text, role):
    assert same(text, None, role)


def _valid_id(body17: str) -> str:
    from waybill.detectors.idcard import checksum_ok
    body17 = "110101" + "19900307" + body17[:3]
    return next(body17 + c for c in "0123456789X" if checksum_ok(body17 + c))


def test_valid_id_in_an_order_column_is_found():
    assert [f.type for f in detect_text(_valid_id("123"))] == [T.ID_CARD]


# --- address detector: the split stop search and the start-position check equal the one-pattern forms
_OLD_STOP = None


def _old_detail_end(text, i):
    import re

    from waybill.detectors import address_cn as a

    global _OLD_STOP
    _OLD_STOP = _OLD_STOP or re.compile(a._STOP_WORDS + "|" + a._STOP_DIGITS)
    m = _OLD_STOP.search(text, i)
    end = m.start() if m else len(text)
    while end > i and text[end - 1] in " \u3000:：,，":
        end -= 1
    return end


ADDRESSY = st.lists(st.sampled_from(list("0123456789 +-电话手机收件人号路/;\t") + ["13812345678", "0571-88886666",
                                                                              "  ", "手机", "Tel"]),
                    max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(ADDRESSY, st.integers(0, 10))
def test_detail_end_equals_one_pattern(text, i):
    from waybill.detectors.address_cn import detail_end

    i = min(i, len(text))
    assert detail_end(text, i) == _old_detail_end(text, i)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["浙江省", "杭州市", "西湖区", "北京", "朝阳区", "红河", "南省", "文三路", "12号", " ",
                                 "吉林", "吉林市", "东方", "x"]), max_size=8).map("".join), st.integers(0, 6))
def test_next_start_equals_pattern_search(text, pos):
    from waybill.detectors.address_cn import _next_start, _start_re

    pos = min(pos, len(text))
    m = _start_re().search(text, pos)
    assert _next_start(text, pos) == (m.start() if m else -1)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(CJK, min_size=1, max_size=5).map("".join), PHONEISH),
       st.sampled_from([T.NAME, T.PHONE, T.LANDLINE]), st.sampled_from([None, "recipient", "sender"]))
def test_column_lanes_equal_mask_text(text, hint, role):
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    lane = eng._lane(hint, False)
    assert lane != eng.mask_text  # share masks names and phones partially: the lanes are in use
    assert lane(text, hint, role, True) == eng.mask_text(text, hint, role, True)


def test_lanes_only_under_partial(tmp_path):
    pol = load_policy("dispose")
    eng = build_engine(pol, None, None, b"0" * 32)
    assert eng._lane(T.NAME, False) == eng.mask_text and eng._lane(T.PHONE, False) == eng.mask_text


def test_mask_rows_keeps_blank_and_ragged_rows():
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    assert eng.mask_rows([[], []], None, 1)[0] == [[], []]
    out, recs = eng.mask_rows([["王小明", "13812345678"], [], ["", "放门口"]], ["收件人", "电话"], 2)
    assert out == [["王**", "*******5678"], [], ["", "放门口"]] and [r[0] for r in recs] == [2, 2]


def test_column_memory_is_bounded_across_many_table_shapes():
    from waybill.engine import _MEMO_SIZE, _PLANS

    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    for i in range(300):
        eng.mask_rows([[f"v{j}" for j in range(3)]] * 3, [f"h{i}_{j}" for j in range(3)], 2)
        assert len(eng._plans) <= _PLANS + 3
    assert all(len(p.memo or ()) <= _MEMO_SIZE for p in eng._plans.values())


NANP = st.builds(lambda a, b, c, form: form.format(a, b, c), st.integers(200, 999), st.integers(0, 999),
                 st.integers(0, 9999), st.sampled_from(["({}) {:03d}-{:04d}", "({}){:03d}-{:04d}", "{}-{:03d}-{:04d}"]))


@settings(max_examples=400, deadline=None)
@given(NANP, st.sampled_from([T.PHONE, T.LANDLINE]), st.sampled_from([None, "recipient"]))
def test_north_american_phone_cell_shortcut_equals_full_run(text, hint, role):
    # (the cell shortcut skips the international detector's other readings: toll-free numbers
    # and numbers a Chinese pattern reads still take the full run)
    assert same(text, hint, role)


@pytest.mark.parametrize("text", ["伍伍伍伍", "壹贰叁肆", "张伟明", "欧阳娜娜"])
def test_name_lane_equals_mask_text_on_numeral_names(text):
    # a four-character cell of Chinese numerals is read as digits by the full path ('伍伍伍伍': 5555);
    # the name lane took it as a plain name (found by the property test above, on the code of 9f9a54c)
    eng = build_engine(load_policy("share"), None, None, b"0" * 32)
    assert eng._lane(T.NAME, False)(text, T.NAME, None, True) == eng.mask_text(text, T.NAME, None, True)
