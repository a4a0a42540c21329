"""Numbers of other countries in Chinese records (found by hand, 2026-12-06: a Hong Kong, Taiwan,
Japanese, British or Singapore number in a Chinese line stood whole when it had no phone label:
the international matcher does not read Chinese text, and the Chinese detector reads mainland
numbers only). Values are synthetic."""
import io
import os

import pytest

from waybill.api import Settings, mask_stream
from waybill.detect import detect_text
from waybill.model import EntityType as T

os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)


def _mask(text: str, preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, "txt", Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("line, digits", [
    # with the country code's +
    ("收件人：黄志明 +852 6123 4567 新界沙田火炭坳背灣街2號", "61234567"),
    ("收件人：林美玲 +886 912 345 678 台北市", "912345678"),
    ("收件人：田中 +81 90-1234-5678 东京", "9012345678"),
    ("收件人：李雷 +44 7911 123456 英国", "7911123456"),
    ("收件人：李雷 +65 9123 4567 新加坡", "91234567"),
    ("黄志明 +852 6123 4567", "61234567"),
    # without it, right after the name
    ("收件人：黄志明 (852) 6123 4567", "61234567"),
    ("收件人：黄志明 852-6123-4567", "61234567"),
    ("收件人：黄志明 6123 4567", "61234567"),
    ("收件人：黄志明 61234567 新界沙田", "61234567"),
    ("收件人：林美玲 0912345678", "0912345678"),
])
def test_a_foreign_number_in_a_chinese_line(line, digits, preset):
    out = _mask(line, preset)
    shown = "".join(ch for ch in out if ch.isdigit())
    # at most the last four digits of the number stay (none of its head)
    assert digits[:-4] not in shown, out
    assert "志明" not in out and "美玲" not in out, out


@pytest.mark.parametrize("line", [
    "收件人：张三 2026-12-01 送达",
    "收件人：张三 3件",
    "收件人：张三 12号楼",
    "订单号 2026120112345678 重量 2.5kg",
    "价格 1280 元，数量 3",
])
def test_no_phone_after_a_name_where_the_number_is_a_date_or_a_count(line):
    found = detect_text(line, region="CN")
    assert not any(f.detector == "phone.after_name" for f in found), found


def test_a_tracking_number_after_a_name_stays_a_tracking_number():
    found = detect_text("收件人：张三 SF1234567890123", region="CN")
    assert any(f.type is T.TRACKING for f in found) and not any(f.detector == "phone.after_name" for f in found)


@pytest.mark.parametrize("line, number", [
    # India's written mobile form, ten digits as five and five (found by hand, 2026-12-07: it stood
    # after a name and after 'Consignee:')
    ("Rahul Verma, 98450 12345", "98450 12345"),
    ("Consignee: Rahul Verma, 98450 12345", "98450 12345"),
    ("call 70123-45678 after 6pm", "70123-45678"),
])
def test_an_indian_mobile_as_written(line, number):
    out = _mask(line)
    assert number not in out and number[:5] not in out, out


@pytest.mark.parametrize("line", ["Order 98450 12345 shipped", "Invoice no. 98450 12345", "AWB 98450 12345",
                                  "PIN 56003 80012"])
def test_a_reference_in_two_groups_of_five_stays(line):
    assert _mask(line) == line
