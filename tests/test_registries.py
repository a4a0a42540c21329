"""Formats, detectors and operators are chosen from one registry each (a dict keyed by name): a new
one is one module and one entry, and nothing else has to know its name."""
import re

import pytest

from waybill import detect, formats, masking
from waybill.api import Settings, mask_file
from waybill.detect import detect_text
from waybill.errors import ConfigError, InputError
from waybill.model import EntityType, Finding


def test_format_tables_come_from_the_registry():
    assert formats.EXTENSIONS == {e: n for n, f in formats.FORMATS.items() for e in f.extensions}
    assert formats.PARALLEL == ("csv", "tsv", "jsonl", "txt")
    assert formats.PICTURES == ("image", "pdf")
    assert formats.format_for("a.JSONL") == "jsonl" and formats.format_for("x", "zpl") == "zpl"
    with pytest.raises(InputError):
        formats.format_for("a.docx")


def test_a_registered_format_is_read_written_and_split(tmp_path):
    src = tmp_path / "orders.psv"
    src.write_text("name|phone\n王小明|13812345678\n", encoding="utf-8")
    with pytest.raises(InputError):
        mask_file(src, tmp_path / "o.psv")
    try:
        # pipe-separated exports: the CSV/TSV module (it sniffs the delimiter), one line
        formats.register_format("psv", "table", (".PSV",), parallel=True)
        assert formats.format_for(src) == "psv" and "psv" in formats.PARALLEL
        rep = mask_file(src, tmp_path / "o.psv")
        assert rep.status == "ok"
        assert (tmp_path / "o.psv").read_text(encoding="utf-8") == "name|phone\n王**|*******5678\n"
    finally:
        del formats.FORMATS["psv"]
        formats._index()
    assert ".psv" not in formats.EXTENSIONS and "psv" not in formats.PARALLEL


def test_detectors_run_in_registry_order_and_a_new_one_is_one_entry():
    assert list(detect.DETECTORS)[:2] == ["tracking", "phone_cn"]
    text = "会员号 WB-004217 收件人：王小明"
    assert not any(f.type is EntityType.ID_CARD for f in detect_text(text))
    member = re.compile(r"WB-\d{6}")

    def run(text, ctx):
        return [Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(), 0.9, "member_id")
                for m in member.finditer(text)]

    try:
        # run on texts with a letter A-Z, then only where "WB-" is
        detect.register_detector("member_id", detect.Detector(run, lambda alpha, digits, cjk, hint: alpha,
                                                              lambda text, bits: "WB-" in text), before="email")
        keys = list(detect.DETECTORS)
        assert keys.index("member_id") == keys.index("email") - 1
        got = {(f.type, f.text, f.detector) for f in detect_text(text)}
        assert (EntityType.ID_CARD, "WB-004217", "member_id") in got
        assert any(f.type is EntityType.NAME for f in detect_text(text))  # the others still run
        assert not any(f.detector == "member_id" for f in detect_text("wb-004217 收件人：王小明"))  # its test
    finally:
        del detect.DETECTORS["member_id"]  # any change to the registry drops the plans made from it
    assert not any(f.detector == "member_id" for f in detect_text(text))


def test_detector_plans_follow_when():
    """The per-feature plans hold exactly the detectors whose ``when`` holds, in registry order."""
    for hint in (None, EntityType.NAME, EntityType.ADDRESS, EntityType.PHONE):
        plans = detect._plans(hint)
        for bits in range(8):
            a, d, c = bool(bits & detect.ALPHA), bool(bits & detect.DIGITS), bool(bits & detect.CJK)
            want = [x.run for x in detect.DETECTORS.values() if x.when(a, d, c, hint)]
            assert [run for _, run, _ in plans[bits]] == want
    latin = detect._plans(None)[detect.ALPHA | detect.DIGITS]
    assert [r for _, r, _ in latin][-3:] == [detect.DETECTORS[k].run for k in ("address_us", "address_eu", "name_en")]


def test_operators_come_from_the_registry(tmp_path):
    assert list(masking.OPERATORS) == ["keep", "partial", "redact", "virtual", "unit"]
    cfg = tmp_path / "c.toml"
    cfg.write_text('[mask]\nphone = "unit"\n')
    with pytest.raises(ConfigError, match="'unit' applies to address only"):
        masking.load_policy(None, cfg)
    cfg.write_text('[mask]\nname = "virtual"\n')
    with pytest.raises(ConfigError, match="'virtual' applies to phone and landline only"):
        masking.load_policy(None, cfg)
    cfg.write_text('[mask]\nname = ["x"]\n')
    with pytest.raises(ConfigError, match="is not an operator"):
        masking.load_policy(None, cfg)
    # a new operator: one function and one entry, then a config may choose it
    cfg.write_text('[mask]\nname = "initials"\n')
    with pytest.raises(ConfigError, match="is not an operator"):
        masking.load_policy(None, cfg)
    try:
        masking.OPERATORS["initials"] = masking.Operator(lambda m, f: ("initials", f.text[0] + "."),
                                                         frozenset({EntityType.NAME}), "name")
        out = tmp_path / "o.txt"
        (tmp_path / "a.txt").write_text("收件人：王小明\n", encoding="utf-8")
        mask_file(tmp_path / "a.txt", out, Settings(config=cfg))
        assert out.read_text(encoding="utf-8") == "收件人：王.\n"
    finally:
        del masking.OPERATORS["initials"]


def test_ocr_engines_come_from_the_registry_and_are_passed_in(tmp_path, monkeypatch):
    """OCR engines are registry entries (``ocr.ENGINES``); a masking engine is given its OCR
    engines when built (a name in the registry, or an engine object), and a test's fake is an
    ordinary engine: registered, or passed in, never a special case."""
    from PIL import Image

    from waybill import ocr
    from waybill.pipeline import build_engine

    assert list(ocr.ENGINES)[:2] == ["rapidocr", "tesseract"]
    assert not hasattr(ocr, "_FAKE")
    box = ((10, 10), (310, 10), (310, 34), (10, 34))
    text = "收件人：王小明 13812345678"
    eng = ocr.FakeEngine([ocr.OcrLine(text, 0.99, box, tuple(ocr.split_quad(box, text)))], name="mine")
    # passed in: no registry involved, the only engine this masking engine reads with
    m = build_engine(masking.load_policy("share"), None, None, b"k" * 32, eng)
    assert m.ocr_name == "mine" and m.ocr.get() is eng and m.ocr.installed() == ["mine"]
    src = tmp_path / "label.png"
    Image.new("RGB", (400, 60), "white").save(src)
    rep = mask_file(src, tmp_path / "o.png", Settings(ocr=eng))
    assert {f["type"] for f in rep.findings} >= {"name", "phone"}
    # registered: one entry, then chosen by name like rapidocr or tesseract
    with pytest.raises(Exception, match="unknown OCR engine"):
        ocr.get_engine("mine")
    monkeypatch.setitem(ocr.ENGINES, "mine", ocr.made(eng))
    assert "mine" in ocr.available() and ocr.get_engine("mine") is eng
    rep = mask_file(src, tmp_path / "o2.png", Settings(ocr="mine"))
    assert rep.counts == mask_file(src, tmp_path / "o3.png", Settings(ocr=eng)).counts


def test_steps_after_the_detectors_are_registry_entries():
    """The steps run on a text's resolved findings (column fallbacks, names in free text, a name
    beside a phone) are entries of ``detect.AFTER``, in order; a new one is one entry."""
    assert list(detect.AFTER) == ["phone.column", "address.column", "region.column", "name.column", "email.column", "name_cn.free",
                                  "name_en.beside_phone", "name_en.before_email", "name_en.before_address", "phone.house_number", "phone.toll_free_of_name",
                                  "address.unit_after", "address.unit_inside", "address.unit_inside_cn", "name_en.care_of", "address.record", "address.labelled", "name_en.signed_note", "key_values", "name.pair", "name.nickname", "name.call_on", "name.introduced", "name.dual_script", "phone.after_name"]
    # a phone column whose value no pattern reads: its digit runs (the phone.column step)
    assert [(f.detector, f.text) for f in detect_text("2026-03-19 1234567", EntityType.PHONE)] == [("phone.column", "1234567")]
    calls = []

    def member(text, found, ctx):
        calls.append(text)
        m = re.search(r"WB-\d{6}", text)
        if not m:
            return found
        return found + [Finding(EntityType.ID_CARD, m.start(), m.end(), m.group(), 0.9, "member_id")]

    try:
        detect.register_step("member_id", detect.Step(member, lambda h, a, c, free: a), before="name_en.beside_phone")
        assert list(detect.AFTER)[-20:] == ["member_id", "name_en.beside_phone", "name_en.before_email", "name_en.before_address",
                                            "phone.house_number", "phone.toll_free_of_name", "address.unit_after", "address.unit_inside", "address.unit_inside_cn", "name_en.care_of", "address.record", "address.labelled", "name_en.signed_note", "key_values", "name.pair", "name.nickname", "name.call_on", "name.introduced", "name.dual_script", "phone.after_name"]
        got = detect_text("member WB-004217 today")
        assert [(f.type, f.detector) for f in got] == [(EntityType.ID_CARD, "member_id")] and calls
        calls.clear()
        detect_text("会员号码")  # no Latin letter: the step's ``when`` does not hold
        assert calls == []
    finally:
        del detect.AFTER["member_id"]
    assert "member_id" not in detect.AFTER
    assert [f.detector for f in detect_text("member WB-004217 today")] != ["member_id"]


def test_every_audit_record_type_is_an_entity_type(tmp_path):
    """Records of things a format masks whole (a 2D code's payload, a print-stream comment, a
    graphic, an OCR line masked whole) are members of ``EntityType`` like any finding, and every
    record has the one shape ``model.audit_record`` gives it."""
    from pathlib import Path

    from waybill.model import RECORD_KINDS, audit_record

    assert {t.value for t in RECORD_KINDS} == {"code_2d", "graphic", "uncertain_text", "comment"}
    zpl = (Path(__file__).resolve().parents[1] / "samples" / "labels.zpl").read_text(encoding="utf-8")
    src = tmp_path / "a.zpl"
    src.write_text(zpl.replace("^XA", "^XA^FX call 13812345678 at the gate^FS", 1), encoding="utf-8")
    rep = mask_file(src, tmp_path / "o.zpl")
    kinds = {f["type"] for f in rep.findings}
    assert {"code_2d", "comment"} <= kinds
    assert kinds <= {t.value for t in EntityType}
    keys = list(audit_record(EntityType.NAME, None, {}, "d", 1.0, "m", "h"))
    assert all(list(f)[:7] == keys for f in rep.findings)
