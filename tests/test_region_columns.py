"""An address's region in columns of its own (a shop's export: city, state, zip; 省, 市, 区, 邮编).
CLI.md: dispose removes province/city/district and city/state/ZIP3 in every format; they stood in
dispose (found by hand). share keeps them as it keeps the region of an address, and a postcode's
head only. verify tells a dispose output that still shows them. Values are synthetic."""
import io
import json
import os

import pytest

from waybill.api import Settings, mask_stream
from waybill.engine import column_hint
from waybill.model import EntityType as T
from waybill.verify_text import check_file, header_role

os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)

US = "name,street,city,state,zip\nJohn Smith,742 Evergreen Terrace,Springfield,IL,62704\nMary Jones,12 Oak Ave,Austin,TX,78701-1234\n"
CN = "姓名,省,市,区,详细地址,邮编\n张伟明,浙江省,杭州市,西湖区,文三路100号3幢501室,310012\n"


def _mask(text: str, preset: str, fmt: str = "csv") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO(text.encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode()


@pytest.mark.parametrize("header", ["city", "Shipping City", "ship_to_zip", "Billing Zip", "postcode", "state",
                                    "province", "District", "PLZ", "省", "市", "区", "邮编", "收件人省份"])
def test_region_headers(header):
    assert column_hint(header)[0] is T.ADDRESS_REGION
    assert header_role(header) == "region"


@pytest.mark.parametrize("header", ["市场价", "区号", "Order State", "status", "country", "address", "name"])
def test_other_headers_are_no_region(header):
    assert column_hint(header)[0] is not T.ADDRESS_REGION
    assert header_role(header) != "region"


def test_dispose_removes_region_columns():
    us = _mask(US, "dispose")
    for kept in ("Springfield", "IL", "62704", "Austin", "TX", "78701"):
        assert kept not in us.split("\n", 1)[1], us
    cn = _mask(CN, "dispose")
    for kept in ("浙江", "杭州", "西湖", "310"):
        assert kept not in cn.split("\n", 1)[1], cn


def test_share_keeps_the_region_and_a_postcodes_head():
    us = _mask(US, "share")
    assert "Springfield,IL,627**" in us and "Austin,TX,787*******" in us
    assert "Evergreen" not in us and "John" not in us
    cn = _mask(CN, "share")
    assert "浙江省,杭州市,西湖区,*************,310***" in cn


def test_json_region_keys():
    doc = [{"name": "John Smith", "city": "Springfield", "state": "IL", "zip": "62704"}]
    got = json.loads(_mask(json.dumps(doc), "dispose", "json"))[0]
    assert set(got["city"] + got["state"] + got["zip"]) == {"*"}
    got = json.loads(_mask(json.dumps(doc), "share", "json"))[0]
    assert (got["city"], got["state"], got["zip"]) == ("Springfield", "IL", "627**")


def test_a_street_typed_into_a_city_column_goes_in_share():
    out = _mask("name,city\nJohn Smith,\"742 Evergreen Terrace, Springfield\"\n", "share")
    assert "Evergreen" not in out


def test_verify_tells_a_dispose_output_that_shows_the_region(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("name,street,city,state,zip\n**** *****,*** ********* *******,Springfield,IL,62704\n", encoding="utf-8")
    hits = check_file(p, "csv", "dispose")
    assert {h["where"]["column"] for h in hits} == {"city", "state", "zip"}
    p.write_text("name,street,city,state,zip\n**** *****,*** ********* *******,***********,**,*****\n", encoding="utf-8")
    assert check_file(p, "csv", "dispose") == []
    p.write_text("name,street,city,state,zip\nJ*** S****,*** ********* *******,Springfield,IL,627**\n", encoding="utf-8")
    assert check_file(p, "csv", "share") == []


def test_a_share_output_with_postcode_heads_is_clean_on_a_re_read(tmp_path):
    out = _mask("Name,Street,City,Postcode\nJane Doe,10 Downing Street,London,SW1A 2AA\nAoife Byrne,1 Main St,Cork,"
                "T12 X8Y2\nAnn Lee,2 Oak Rd,Leeds,LS1 4AP\n", "share")
    assert "SW1A ***" in out and "2AA" not in out
    p = tmp_path / "s.csv"
    p.write_text(out, encoding="utf-8")
    assert check_file(p, "csv", "share") == []
    from waybill.checks import Verification
    assert [f for c in Verification([str(p)], preset="share") for f in c.leaks] == []


@pytest.mark.parametrize("town", ["পঞ্চগড়", "सहारनपुर", "สมุทรปราการ", "Москва"])
def test_a_town_in_a_script_with_combining_marks_is_a_town(town):
    out = _mask(f"Name,City\nX Y,{town}\n", "share")
    assert town in out
