"""Issue 9, "Structure": everything a format carries is scanned like a value. JSON keys and XLSX
sheet titles (masked in place, the audit log names the masked form), JSON numbers and numeric XLSX
cells of phone/ID shape, a first row that is data and not a header, a mobile split over two cells of
one row, file and folder names. Synthetic values only.

Exact mask strings are asserted where their shape is stable (names ``张**``, the split phone's
``*`` and last 4 digits, the ID's first 6/last 4); elsewhere the tests assert that the original
digits and names do not survive and that non-personal values are unchanged."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from waybill.cli import app

runner = CliRunner()

PHONE = "13912345678"
PHONE2 = "13712345670"
ID_FLOAT = 1.10101199003071e17  # an 18-digit ID stored as a float: 110101199003071008


def _mask(tmp_path, name, data: bytes, *extra, out="o"):
    src = tmp_path / name
    src.write_bytes(data)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / out), "-q", *extra])
    assert r.exit_code == 0, r.stderr
    return (tmp_path / out / name).read_bytes()


def _audit(folder) -> list[dict]:
    return [json.loads(x) for x in (folder / "audit.jsonl").read_text("utf-8").splitlines()]


def _no_plain(text: str, *values):
    for v in values:
        assert v not in text, v


# --------------------------------------------------------------------------- 1. JSON keys

def test_json_keys_masked_in_place_and_audit_names_the_masked_key(tmp_path):
    doc = {"张伟明": {"电话": PHONE, "备注": "工作日派送"}, PHONE2: {"city": "杭州", "qty": 2},
           "orders": [{"order_id": "202659407854668866", "weight": 1.5}]}
    raw = json.dumps(doc, ensure_ascii=False, indent=2).encode()
    out = _mask(tmp_path, "a.json", raw)
    text = out.decode()
    _no_plain(text, "张伟明", PHONE, PHONE2)
    got = json.loads(text)
    keys = list(got)
    assert keys[0] == "张**" and keys[2] == "orders"  # order kept
    assert keys[1] != PHONE2 and keys[1].endswith(PHONE2[-4:]) and "*" in keys[1]
    assert got["张**"]["备注"] == "工作日派送" and PHONE not in got["张**"]["电话"]
    assert got[keys[1]] == {"city": "杭州", "qty": 2}
    assert got["orders"] == doc["orders"]
    audit = (tmp_path / "o" / "audit.jsonl").read_text("utf-8")
    _no_plain(audit, "张伟明", PHONE, PHONE2)
    fields = [(f["type"], f["where"]["field"], f["where"].get("key", False)) for f in _audit(tmp_path / "o")[-1]["findings"]]
    assert ("name", "张**", True) in fields
    assert ("phone", "张**.电话", False) in fields
    assert ("phone", keys[1], True) in fields


def test_json_keys_that_mask_alike_both_stay(tmp_path):
    doc = {"张伟明": {"n": 1}, "张伟强": {"n": 2}, "张**": {"n": 3}, "李雷": [4]}
    got = json.loads(_mask(tmp_path, "a.json", json.dumps(doc, ensure_ascii=False).encode()))
    # the key that was already masked keeps its name; the two masked ones get #2, #3
    assert got == {"张**#2": {"n": 1}, "张**#3": {"n": 2}, "张**": {"n": 3}, "李*": [4]}
    fields = {f["where"]["field"] for f in _audit(tmp_path / "o")[-1]["findings"]}
    assert {"张**#2", "张**#3", "李*"} <= fields


def test_json_field_name_keys_are_not_masked(tmp_path):
    doc = {"Recipient Name": "x", "收件人姓名": "y", "客户名称": "z", "明细": [{"weight": 2}],
           "items": {"sku": "A-1"}}
    got = json.loads(_mask(tmp_path, "a.json", json.dumps(doc, ensure_ascii=False).encode()))
    assert list(got) == list(doc)
    assert got["明细"] == doc["明细"] and got["items"] == doc["items"]


def test_jsonl_keys_masked_per_line(tmp_path):
    lines = [{"张伟明": {"tel": PHONE}}, {PHONE2: "到付", "note": "ok"}, {"张伟明": 1, "李雷": {"a": 1}}]
    data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    text = _mask(tmp_path, "a.jsonl", data).decode()
    _no_plain(text, "张伟明", "李雷", PHONE, PHONE2)
    out = [json.loads(x) for x in text.splitlines()]
    assert list(out[0]) == ["张**"] and PHONE not in json.dumps(out[0]["张**"])
    k = next(iter(out[1]))
    assert k.endswith(PHONE2[-4:]) and out[1][k] == "到付" and out[1]["note"] == "ok"
    assert out[2] == {"张**": 1, "李*": {"a": 1}}
    fields = [f["where"]["field"] for f in _audit(tmp_path / "o")[-1]["findings"]]
    assert "[1].张**" in fields and "[1].张**.tel" in fields and f"[2].{k}" in fields
    assert "[3].张**" in fields and "[3].李*" in fields


# --------------------------------------------------------------------------- 2. JSON numbers

def test_json_numbers_of_phone_and_id_shape(tmp_path):
    doc = [int(PHONE), float(PHONE), ID_FLOAT, 17.5, 2024, 1234567.5, 3, True,
           {"tel": float(PHONE2), "weight": 12.25, "qty": 4}]
    got = json.loads(_mask(tmp_path, "a.json", json.dumps(doc).encode()))
    for v in got[:2]:
        assert isinstance(v, str) and PHONE not in v and v.endswith(PHONE[-4:]) and "*" in v
    assert got[2] == "110101********1008"  # an ID as a float: its integer digits, first 6/last 4 kept
    assert got[3:8] == [17.5, 2024, 1234567.5, 3, True]
    assert isinstance(got[8]["tel"], str) and PHONE2 not in got[8]["tel"]
    assert got[8]["weight"] == 12.25 and got[8]["qty"] == 4
    types = [(f["type"], f["where"]["field"]) for f in _audit(tmp_path / "o")[-1]["findings"]]
    assert types == [("phone", "[0]"), ("phone", "[1]"), ("id_card", "[2]"), ("phone", "[8].tel")]


def test_jsonl_top_level_number_list(tmp_path):
    text = _mask(tmp_path, "a.jsonl", f"[{PHONE}, {PHONE2}.0, 42]\n".encode()).decode()
    got = json.loads(text)
    assert PHONE not in text and PHONE2 not in text and got[2] == 42


# --------------------------------------------------------------------------- 3. XLSX

def _xlsx(path, sheets: dict):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)


def _read_xlsx(path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_xlsx_sheet_titles_and_numeric_cells(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {
        "张伟明" + PHONE: [["收件人", "手机", "身份证号", "重量kg", "件数"],
                          ["王小明", int(PHONE2), ID_FLOAT, 17.5, 3]],
        "汇总": [["备注", "数值"], ["无", float(PHONE)], ["无", 2024]],
    })
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    got = _read_xlsx(tmp_path / "o" / "a.xlsx")
    titles = list(got)
    assert titles[1] == "汇总"
    t = titles[0]
    assert t.startswith("张＊＊") and t.endswith(PHONE[-4:]) and "张伟明" not in t and PHONE not in t
    rows = got[t]
    assert rows[0] == ["收件人", "手机", "身份证号", "重量kg", "件数"]
    assert rows[1][0] == "王**" and PHONE2 not in str(rows[1][1]) and isinstance(rows[1][1], str)
    assert rows[1][2] == "110101********1008" and rows[1][3:] == [17.5, 3]
    assert PHONE not in str(got["汇总"][1][1]) and got["汇总"][2] == ["无", 2024]
    audit = (tmp_path / "o" / "audit.jsonl").read_text("utf-8")
    _no_plain(audit, "张伟明", PHONE, PHONE2, "王小明")
    finds = _audit(tmp_path / "o")[-1]["findings"]
    sheets = {f["where"]["sheet"] for f in finds}
    assert sheets == {t, "汇总"}
    title_recs = [f for f in finds if f["where"].get("title")]
    assert {f["type"] for f in title_recs} == {"name", "phone"}
    assert {(f["type"], f["where"]["column"]) for f in finds if f["where"]["sheet"] == t and "row" in f["where"]} \
        == {("name", "收件人"), ("phone", "手机"), ("id_card", "身份证号")}


def test_xlsx_titles_that_mask_alike_stay_distinct(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"张伟明": [["备注"], ["x"]], "张伟强": [["备注"], ["y"]]})
    # a sheet named by a bare name is the record of a person: masked as a name
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    got = _read_xlsx(tmp_path / "o" / "a.xlsx")
    assert got == {"张＊＊": [["备注"], ["x"]], "张＊＊ (2)": [["备注"], ["y"]]}


# --------------------------------------------------------------------------- 4. header detection

ROW_CN = "张伟明,北京市朝阳区建国路88号院3号楼1501室,工作时间派送"
ROW_EN = "David Johnson,12 Main St,Austin TX,note: ring bell"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_first_row_with_personal_data_is_not_a_header(tmp_path, monkeypatch, fmt, workers):
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 256)
    sep = "," if fmt == "csv" else "\t"
    body = "".join(f"{ROW_CN}\n{ROW_EN}\n" for _ in range(20)).replace(",", sep)
    for first, second in ((ROW_CN, ROW_EN), (ROW_EN, ROW_CN)):
        data = f"{first}\n{second}\n".replace(",", sep) + body
        name = f"{len(first)}.{fmt}"
        text = _mask(tmp_path, name, data.encode(), "--workers", workers).decode()
        lines = text.splitlines()
        assert len(lines) == 42
        _no_plain(text, "建国路88号院3号楼1501室", "12 Main St")
        # the row is a record: the bare name beside an address is a name too
        assert "张伟明" not in text and "David Johnson" not in text
        cn = [x.split(sep) for x in lines if x.startswith("张**" + sep)]
        en = [x.split(sep) for x in lines if x.startswith("D**** J******" + sep)]
        assert len(cn) == len(en) == 21
        for c in cn:  # region kept, detail masked, the remark unchanged
            assert c[1].startswith("北京市朝阳区") and set(c[1][6:]) == {"*"} and c[2] == "工作时间派送"
        for c in en:
            assert set(c[1].replace(" ", "")) == {"*"} and c[2:] == ["Austin TX", "note: ring bell"]


def test_parallel_and_serial_make_the_same_header_decision(tmp_path, monkeypatch):
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 128)
    data = (f"{ROW_CN}\n" + "李雷,上海市浦东新区世纪大道100号,无\n" * 30).encode()
    a = _mask(tmp_path, "a.csv", data, "--workers", "1", out="s")
    b = _mask(tmp_path, "a.csv", data, "--workers", "2", out="p")
    assert a == b and "建国路" not in a.decode()
    fa, fb = _audit(tmp_path / "s")[-1], _audit(tmp_path / "p")[-1]
    assert fa["findings"] == fb["findings"] and fa["findings"][0]["where"]["row"] == 1


def test_real_headers_stay_headers(tmp_path):
    data = ("收件人姓名,收件人电话,收件地址,Recipient Name,客户名称,买家留言\n"
            f"王小明,{PHONE},北京市朝阳区建国路88号,Mary Jones,某某商贸,请放门口\n").encode()
    text = _mask(tmp_path, "a.csv", data).decode()
    head, row = text.splitlines()
    assert head == "收件人姓名,收件人电话,收件地址,Recipient Name,客户名称,买家留言"
    cells = row.split(",")
    assert cells[0] == "王**" and PHONE not in cells[1] and cells[3] == "M*** J****"


def test_xlsx_first_row_with_personal_data_is_data(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"Sheet1": [ROW_CN.split(","), ROW_EN.split(",")]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["Sheet1"]
    assert rows[0][1].startswith("北京市朝阳区") and set(rows[0][1][6:]) == {"*"} and rows[0][2] == "工作时间派送"
    assert set(rows[1][1].replace(" ", "")) == {"*"} and rows[1][2:] == ["Austin TX", "note: ring bell"]


# --------------------------------------------------------------------------- 5. a mobile over two cells

SPLIT_CSV = ("收件人,区号,号码,备注\n"
             "王小明,139,12345678,无\n"
             "李雷,1391234,5678,无\n"
             "韩梅梅, 137 ,12345670,无\n"
             "赵六,139,1234,无\n"      # 7 digits: no mobile
             "钱七,239,12345678,无\n")  # not a mobile prefix


@pytest.mark.parametrize("workers", ["1", "2"])
def test_mobile_split_over_two_cells(tmp_path, monkeypatch, workers):
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 64)
    text = _mask(tmp_path, "a.csv", SPLIT_CSV.encode(), "--workers", workers).decode()
    rows = [x.split(",") for x in text.splitlines()]
    assert rows[1][1:] == ["***", "****5678", "无"]
    assert rows[2][1:] == ["*******", "5678", "无"]
    assert rows[3][1:] == [" *** ", "****5670", "无"]
    # no mainland mobile, but the header says area code | number: the whole is a phone all the same
    assert rows[4][1:] == ["***", "***4", "无"] and rows[5][1:] == ["***", "****5678", "无"]
    finds = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["type"] == "phone"]
    assert [(f["where"]["row"], f["where"]["column"], f["detector"]) for f in finds] == [
        (2, "区号", "phone_cn.split_cells"), (3, "区号", "phone_cn.split_cells"), (4, "区号", "phone_cn.split_cells"),
        (5, "区号", "phone.area_cells"), (6, "区号", "phone.area_cells")]
    # without the header's word they are no phone
    text = _mask(tmp_path, "b.csv", SPLIT_CSV.replace("区号", "甲").encode(), "--workers", workers).decode()
    rows = [x.split(",") for x in text.splitlines()]
    assert rows[4][1:] == ["139", "1234", "无"] and rows[5][1:] == ["239", "12345678", "无"]


def test_split_mobile_serial_and_parallel_agree(tmp_path, monkeypatch):
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 100)
    data = ("王小明,139,12345678,杭州\n" * 40).encode()  # no header
    a = _mask(tmp_path, "a.csv", data, "--workers", "1", out="s")
    b = _mask(tmp_path, "a.csv", data, "--workers", "2", out="p")
    assert a == b and a.decode().splitlines()[0].split(",")[1:3] == ["***", "****5678"]
    assert _audit(tmp_path / "s")[-1]["findings"] == _audit(tmp_path / "p")[-1]["findings"]


def test_split_mobile_xlsx(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"S": [["收件人", "前缀", "后缀", "件数"], ["王小明", 139, 12345678, 2],
                                      ["李雷", "1391234", "5678", 1]]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["S"]
    assert rows[1] == ["王**", "***", "****5678", 2]
    assert rows[2] == ["李*", "*******", "5678", 1]
    finds = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["type"] == "phone"]
    assert [(f["where"]["row"], f["where"]["column"]) for f in finds] == [(2, "前缀"), (3, "前缀")]


def test_split_mobile_dispose_hides_every_digit(tmp_path):
    text = _mask(tmp_path, "a.csv", "王小明,139,12345678,杭州\n".encode(), "--preset", "dispose").decode()
    assert text.split(",")[1:3] == ["***", "********"]


AREA_CSV = ("name,area code,number,city\n"
            "Harold Finnegan,07700,900123,Leeds\n"
            "Jane Doe,020,7946 0958,London\n"
            "Sam Roe,,900123,York\n")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_number_under_its_area_code_column(tmp_path, monkeypatch, workers):
    # 'area code' | 'number': 07700 | 900123 stood whole in both cells (found by hand)
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 64)
    text = _mask(tmp_path, "a.csv", AREA_CSV.encode(), "--workers", workers).decode()
    rows = [x.split(",") for x in text.splitlines()]
    assert rows[1][1:3] == ["*****", "**0123"]
    assert rows[2][1:3] == ["020", "**** **58"]
    finds = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "phone.area_cells"]
    assert [(f["where"]["row"], f["where"]["column"]) for f in finds] == [(2, "area code"), (3, "area code")]
    # the old output (both cells as written) is a leak to verify; the masked one is not
    r = runner.invoke(app, ["verify", str(tmp_path / "o" / "a.csv")])
    assert r.exit_code == 0, r.output
    plain = tmp_path / "p.csv"
    plain.write_text("ref,area code,number\nA1,07700,900123\n")
    assert runner.invoke(app, ["verify", str(plain)]).exit_code == 7


@pytest.mark.parametrize("header,row,want", [
    (["Name", "Vorwahl", "Rufnummer"], ["Hans Meier", "030", "1234 5678"], "030 1*** ***8"),
    (["name", "dial code", "phone"], ["Jane Doe", "+44", "7700 900123"], "+** **** **0123"),
    (["姓名", "区号", "电话"], ["王小明", "0755", "86001234"], "0755 ******34"),
    (["name", "area", "order"], ["Jane Doe", "020", "79460958"], None),  # 'order' is no number's column
])
def test_area_code_pairs_by_column_name(tmp_path, header, row, want):
    text = _mask(tmp_path, "a.csv", (",".join(header) + "\n" + ",".join(row) + "\n").encode()).decode()
    got = text.splitlines()[1].split(",")
    if want is None:
        assert not any(f["detector"] == "phone.area_cells" for f in _audit(tmp_path / "o")[-1]["findings"])
    else:
        assert " ".join(got[1:3]) == want


def test_area_code_pair_xlsx(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"S": [["Name", "Area code", "Number"], ["Harold Finnegan", "07700", 900123]]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["S"]
    assert rows[1][1:] == ["*****", "**0123"]


def test_area_code_and_number_members_of_a_json_object(tmp_path):
    # '{"area_code": "07700", "number": "900123"}' and '"phone": {"area": ..., "number": ...}' stood
    doc = [{"name": "Harold Finnegan", "area_code": "07700", "number": "900123"},
           {"name": "Jane Doe", "phone": {"area": "020", "number": "7946 0958"}},
           {"name": "Al Roe", "phone": {"number": "7700900123", "type": "mobile"}},
           {"sku": "A1", "number": "12345678"},
           {"name": "Jane Roe", "tel": {"cc": "+1", "area": "212", "local": "5550123", "type": "home"}}]
    out = json.loads(_mask(tmp_path, "a.json", json.dumps(doc).encode()))
    # (a phone's parts under its key, whatever they are called: 'local' stood)
    assert out[4]["tel"] == {"cc": "+1", "area": "***", "local": "***0123", "type": "home"}
    assert (out[0]["area_code"], out[0]["number"]) == ("*****", "**0123")
    assert out[1]["phone"] == {"area": "020", "number": "**** **58"}
    assert out[2]["phone"] == {"number": "******0123", "type": "mobile"}
    assert out[3] == doc[3]  # a 'number' under no phone is no phone's
    fields = {f["where"]["field"]: f["detector"] for f in _audit(tmp_path / "o")[-1]["findings"]}
    assert fields["[0].area_code"] == fields["[1].phone.area"] == "phone.area_cells"
    assert "[0].number" not in fields and "[1].phone.number" not in fields


def test_an_address_objects_parts_whatever_their_names(tmp_path):
    # '"adres": {"nr": "5", "lokal": "12", "kod": "80-001"}': the flat's number and the postcode stood
    doc = [{"name": "Jan Kowalski", "adres": {"ulica": "Długa", "nr": "5", "lokal": "12", "miasto": "Gdańsk",
                                              "kod": "80-001", "country": "PL", "company": "Acme"}}]
    out = json.loads(_mask(tmp_path, "a.json", json.dumps(doc).encode()))[0]["adres"]
    assert out == {"ulica": "*****", "nr": "*", "lokal": "**", "miasto": "Gdańsk", "kod": "80-***", "country": "PL",
                   "company": "Acme"}


def test_area_code_pair_dispose_hides_every_digit(tmp_path):
    text = _mask(tmp_path, "a.csv", AREA_CSV.encode(), "--preset", "dispose").decode()
    assert text.splitlines()[1].split(",")[1:3] == ["*****", "******"]


# --------------------------------------------------------------------------- 5b. a value the row masked, repeated

ECHO_CSV = ("tracking_no,recipient,recipient_phone,remark\n"
            "JT1983475384664,Olivia Wilson,(800) 845-9672,call (800) 845-9672 before delivery\n"
            "JT1983475384665,王芳,13912345678,王芳家门口放\n"
            "JT1983475384666,Karen Lee,(415) 258-7007,ring bell\n")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_value_masked_in_its_column_is_masked_where_the_row_repeats_it(tmp_path, monkeypatch, workers):
    # a toll-free-looking number is no phone to the free-text detectors (the phone column masks its
    # 7-digit run hiding 6 digits, GB/T 41833-2022), and a bare name in a remark
    # has no cue; the row's own phone and name columns say they are this record's
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 64)
    text = _mask(tmp_path, "a.csv", ECHO_CSV.encode(), "--workers", workers).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2] == "(800) ***-***2" and rows[1][3] == "call (800) ***-***2 before delivery"
    assert rows[2][1] == "王*" and rows[2][3] == "王*家门口放"
    assert rows[3][3] == "ring bell" and rows[1][0] == "JT1983475384664"  # nothing else touched
    echoes = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "row.echo"]
    assert [(f["where"]["row"], f["where"]["column"], f["type"], f["where"]["start"], f["where"]["end"])
            for f in echoes] == [(2, "remark", "phone", 5, 19), (3, "remark", "name", 0, 2)]
    assert "845-9672" not in json.dumps(_audit(tmp_path / "o"))


def test_row_echo_without_a_header(tmp_path):
    data = "王芳,13912345678,王芳家门口放 13912345678\n李雷,13812345670,无\n"
    text = _mask(tmp_path, "a.csv", data.encode()).decode()
    assert text.splitlines()[0] == "王*,*******5678,王*家门口放 *******5678"
    assert text.splitlines()[1] == "李*,*******5670,无"


def test_row_echo_xlsx(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"S": [["recipient", "recipient_phone", "remark"],
                                      ["Olivia Wilson", "(800) 845-9672", "call (800) 845-9672 first"],
                                      ["王芳", 13912345678, "王芳家门口放"]]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["S"]
    assert rows[1][1:] == ["(800) ***-***2", "call (800) ***-***2 first"]
    assert rows[2][0] == "王*" and rows[2][2] == "王*家门口放"
    echoes = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "row.echo"]
    assert [(f["where"]["row"], f["where"]["column"], f["type"]) for f in echoes] == [
        (2, "remark", "phone"), (3, "remark", "name")]


NAME_PARTS_CSV = ("recipient,phone,address,remark\n"
                  "张伟明,13912345678,浙江省杭州市西湖区文三路90号,请放门口，伟明下班取\n"
                  "Tom O'Neil,(212) 555-0147,\"1200 Tomlin Ave, New York, NY 10029\",\"Tom prefers afternoons and Tomas mornings\"\n")


def test_part_of_a_masked_name_alone_in_a_remark(tmp_path):
    # a given name (or any 3+ letter word of a Latin name) repeated alone in a free column of the row
    # is masked as a whole word ("Tomas" is another word); the address column is not searched
    text = _mask(tmp_path, "a.csv", NAME_PARTS_CSV.encode()).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "张**" and rows[1][3] == "请放门口，**下班取"
    assert rows[2][3] == "T** prefers afternoons and Tomas mornings"
    echoes = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "row.echo"]
    assert [(f["where"]["row"], f["type"], f["where"]["start"], f["where"]["end"]) for f in echoes] == [
        (2, "name", 5, 7), (3, "name", 0, 3)]


def test_part_of_a_masked_name_xlsx_and_json(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"S": [["recipient", "remark"], ["Tom O'Neil", "Tom prefers afternoons"]]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    assert _read_xlsx(tmp_path / "o" / "a.xlsx")["S"][1] == ["T** O*****", "T** prefers afternoons"]
    got = json.loads(_mask(tmp_path, "b.json", json.dumps({"收件人": "张伟明", "备注": "伟明下班取"}).encode(), out="j"))
    assert got == {"收件人": "张**", "备注": "**下班取"}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_row_echo_json_records(tmp_path, fmt):
    recs = [{"recipient": "Olivia Wilson", "recipient_phone": "(800) 845-9672", "remark": "call (800) 845-9672 first"},
            {"收件人": "王芳", "电话": PHONE, "备注": "王芳家门口放", "weight": "王芳"}]
    data = (json.dumps(recs, ensure_ascii=False) if fmt == "json"
            else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    text = _mask(tmp_path, f"a.{fmt}", data.encode()).decode()
    got = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert got[0]["remark"] == "call (800) ***-***2 first"
    assert got[1]["备注"] == "王*家门口放" and got[1]["电话"] == "*******5678"
    echoes = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "row.echo"]
    assert sorted(f["type"] for f in echoes) == ["name", "name", "phone"]  # the weight member too


def test_row_echo_reaches_the_objects_inside_a_record(tmp_path):
    # a shop's order: the name in 'shipping_address', the given name again in the order's 'tags'
    # and 'note' (found by hand: 'vip, Lena' stood); members of unrelated kinds are left alone
    order = {"id": 1001, "shipping_address": {"first_name": "Lena", "last_name": "Vogel", "city": "Leipzig"},
             "note": "Lena works late", "tags": "vip, Lena", "line_items": [{"title": "Blue Mug", "quantity": 2}]}
    got = json.loads(_mask(tmp_path, "a.json", json.dumps({"orders": [order]}).encode()))["orders"][0]
    assert got["tags"] == "vip, L***" and got["note"] == "L*** works late"
    assert got["shipping_address"] == {"first_name": "L***", "last_name": "V****", "city": "Leipzig"}
    assert got["line_items"] == [{"title": "Blue Mug", "quantity": 2}]
    echoes = [f for f in _audit(tmp_path / "o")[-1]["findings"] if f["detector"] == "row.echo"]
    # ('vip, Lena' is a note that ends with a name after its comma: ``name_en.signed_note``'s own)
    assert sorted(f["where"]["field"] for f in echoes) == ["orders[0].note"]


TITLE_CSV = ("订单导出 张伟明 2024-05-01,,,\n收件人,电话,地址,备注\n"
             + "欧阳娜娜,(800) 845-9672,浙江省杭州市西湖区文三路90号,娜娜不在家\n" * 30
             + "李雷,13812345670,北京市朝阳区建国路88号,\n")


def test_title_line_above_the_header(tmp_path, monkeypatch):
    # Excel exports often put a title line above the header: the header below it still gives the
    # columns their meaning (the phone column, the name for the row echo), serial and parallel alike
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 256)
    a = _mask(tmp_path, "a.csv", TITLE_CSV.encode(), "--workers", "1", out="s")
    b = _mask(tmp_path, "a.csv", TITLE_CSV.encode(), "--workers", "2", out="p")
    assert a == b
    rows = list(csv.reader(io.StringIO(a.decode())))
    assert rows[0] == ["订单导出 张** 2024-05-01", "", "", ""] and rows[1] == ["收件人", "电话", "地址", "备注"]
    assert rows[2] == ["欧阳**", "(800) ***-***2", "浙江省杭州市西湖区******", "**不在家"]
    assert _audit(tmp_path / "s")[-1]["findings"] == _audit(tmp_path / "p")[-1]["findings"]
    assert {f["where"]["column"] for f in _audit(tmp_path / "s")[-1]["findings"] if f["where"]["row"] == 3} \
        == {"收件人", "电话", "地址", "备注"}


def test_title_line_above_the_header_xlsx(tmp_path):
    _xlsx(tmp_path / "a.xlsx", {"S": [["订单导出 张伟明", None, None], ["收件人", "电话", "备注"],
                                      ["欧阳娜娜", "(800) 845-9672", "娜娜不在家"]]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["S"]
    assert rows[0][0] == "订单导出 张**" and rows[1] == ["收件人", "电话", "备注"]
    assert rows[2] == ["欧阳**", "(800) ***-***2", "**不在家"]


# --------------------------------------------------------------------------- 6. file and folder names

def test_file_names_masked_in_output_audit_and_messages(tmp_path):
    src = tmp_path / "in"
    (src / "李雷_13812345678").mkdir(parents=True)
    (src / f"张伟明_{PHONE}.csv").write_text("收件人,备注\n王小明,无\n", encoding="utf-8")
    (src / "李雷_13812345678" / "orders.csv").write_text("收件人,备注\n韩梅梅,无\n", encoding="utf-8")
    (src / f"王小明_{PHONE2}.json").write_text("{bad", encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o")])
    assert r.exit_code == 6
    files = sorted(str(p.relative_to(tmp_path / "o")) for p in (tmp_path / "o").rglob("*") if p.is_file())
    _no_plain("\n".join(files), "张伟明", "李雷", "13812345678", PHONE)
    assert f"in/张**_*******{PHONE[-4:]}.csv" in files or any(
        f.startswith("in/张**_") and f.endswith(PHONE[-4:] + ".csv") for f in files)
    assert any(f.startswith("in/李*_") and f.endswith("5678/orders.csv") for f in files)
    masked_csv = next(p for p in (tmp_path / "o" / "in").iterdir() if p.name.startswith("张**_"))
    assert masked_csv.read_text("utf-8") == "收件人,备注\n王**,无\n"
    audit = (tmp_path / "o" / "audit.jsonl").read_text("utf-8")
    _no_plain(audit, "张伟明", "李雷", "王小明", "13812345678", PHONE, PHONE2)
    recs = _audit(tmp_path / "o")
    assert {r["status"] for r in recs} == {"ok", "failed"}
    for rec in recs:
        assert "**" in rec["input"]["path"] or rec["input"]["path"].endswith("orders.csv")
    # the failure message names the masked file, never the original
    _no_plain(r.stderr, "王小明", PHONE2)
    assert "王**_" in r.stderr and "invalid JSON" in r.stderr


def test_inputs_whose_masked_names_collide_stay_distinct(tmp_path):
    for name, who in (("张伟明.csv", "王小明"), ("张伟强.csv", "李雷")):
        (tmp_path / name).write_text(f"收件人,备注\n{who},无\n", encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x.csv").write_text("收件人,备注\n韩梅梅,一\n", encoding="utf-8")
    (b / "x.csv").write_text("收件人,备注\n赵六,二\n", encoding="utf-8")
    for workers in ("1", "2"):
        out = tmp_path / f"o{workers}"
        r = runner.invoke(app, ["mask", str(tmp_path / "张伟明.csv"), str(tmp_path / "张伟强.csv"),
                                str(a / "x.csv"), str(b / "x.csv"), "-o", str(out), "-q", "--workers", workers])
        assert r.exit_code == 0, r.stderr
        assert (out / "张**.csv").read_text("utf-8") == "收件人,备注\n王**,无\n"
        assert (out / "张**~2.csv").read_text("utf-8") == "收件人,备注\n李*,无\n"
        assert (out / "x.csv").read_text("utf-8") == "收件人,备注\n韩**,一\n"
        assert (out / "x~2.csv").read_text("utf-8") == "收件人,备注\n赵*,二\n"
        # a rerun finds its outputs done (same names), nothing is overwritten
        r = runner.invoke(app, ["mask", str(tmp_path / "张伟明.csv"), str(tmp_path / "张伟强.csv"),
                                str(a / "x.csv"), str(b / "x.csv"), "-o", str(out), "--json", "--workers", workers])
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["files"] == {"ok": 0, "failed": 0, "skipped": 4}


def test_plain_names_unchanged(tmp_path):
    from waybill.masking import load_policy
    from waybill.pipeline import build_engine
    from waybill.formats.structure import mask_name

    e = build_engine(load_policy("share"), None, None, b"k" * 32)
    for n in ("orders.csv", "orders_2024-05.csv", "明细.xlsx", "汇总.xlsx", "part001.csv", "samples", "a.b.c.json"):
        assert mask_name(e, n) == n
    assert mask_name(e, "jane.doe@example.com.csv") == "j*******@example.com.csv"


def test_a_file_named_twice_is_masked_once(tmp_path):
    (tmp_path / "张伟明.csv").write_text("收件人,备注\n王小明,无\n", encoding="utf-8")
    src = str(tmp_path / "张伟明.csv")
    r = runner.invoke(app, ["mask", src, src, "-o", str(tmp_path / "o"), "--json"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["files"] == {"ok": 1, "failed": 0, "skipped": 0}
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if p.name != ".waybill.lock") == \
        ["audit.jsonl", "audit.jsonl.head", "张**.csv"]


def test_detect_names_masked_keys_titles_and_files(tmp_path):
    src = tmp_path / f"张伟明_{PHONE}.json"
    src.write_text(json.dumps({"李雷": {"tel": PHONE2}}, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["detect", str(src), "--json"])
    assert r.exit_code == 0, r.stderr
    _no_plain(r.stdout + r.stderr, "张伟明", "李雷", PHONE, PHONE2)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [(x["type"], x["where"]["field"]) for x in rows] == [("name", "李*"), ("phone", "李*.tel")]
    assert all(x["path"].endswith(".json") and "张**_" in x["path"] for x in rows)


@pytest.mark.parametrize("row,header", [
    (ROW_CN.split(","), False),
    (ROW_EN.split(","), False),
    (["收件人:张伟明", "备注"], False),
    (["name", "email", "备注"], True),
    (["订单号", "运单号", "收件人", "收件人电话", "收件地址", "备注"], True),
    (["收件人姓名", "客户名称", "买家留言", "寄件人单位", "Recipient Name", "Recipient Email"], True),
    (["name", "phone", "jane.doe@example.com"], False),
])
def test_header_decision(row, header):
    from waybill.formats.structure import looks_like_header

    assert looks_like_header(row) is header


@pytest.mark.parametrize("name,masked", [
    ("张三的快递.jpg", "张*的快递.jpg"),
    ("张伟明的订单.csv", "张**的订单.csv"),
    ("orders_张伟明.xlsx", "orders_张**.xlsx"),
    ("李娜 收件.png", "李* 收件.png"),
    ("欧阳娜娜收件.png", "欧阳**收件.png"),
    ("John Smith label.png", "J*** S**** label.png"),
    ("Jane_Doe_2024.csv", "J***_D**_2024.csv"),
])
def test_names_beside_other_words_in_file_names(name, masked):
    """A name next to 的/快递/订单 or to other words of a file name stood in the output name and the
    audit log as it was (CLI.md: a personal file name is masked everywhere)."""
    from waybill.formats.structure import mask_name
    from waybill.masking import load_policy
    from waybill.pipeline import build_engine

    e = build_engine(load_policy("share"), None, None, b"k" * 32)
    assert mask_name(e, name) == masked
    for plain in ("2024订单.csv", "快递单.jpg", "UPS Ground labels.zpl", "Shipments March.csv", "label_cn.png"):
        assert mask_name(e, plain) == plain


def test_name_beside_words_never_reaches_the_audit_log(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "张伟明的快递.csv").write_text("收件人,备注\n王小明,无\n", encoding="utf-8")
    r = runner.invoke(app, ["mask", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "o" / "in" / "张**的快递.csv").exists()
    assert "伟明" not in (tmp_path / "o" / "audit.jsonl").read_text("utf-8")


def test_xlsx_header_under_a_title_and_a_second_table(tmp_path):
    # (found by hand, 2026-12-07: a report's title and a blank row above the header, then a second
    # table under its own header after a blank row; the header on row 3 was read as data, and a
    # bare number under the second table's 'Phone' stood)
    _xlsx(tmp_path / "a.xlsx", {"S": [
        ["XX物流 发货清单 2026-12-01"], [],
        ["序号", "收件人", "联系电话", "收货地址", "备注"],
        [1, "王小明", 13812345678, "北京市朝阳区建国路88号3号楼2单元501室", "放门口"],
        [], ["合计", 1], [],
        ["Name", "Phone", "Address"],
        ["John Smith", "555-123-4567", "12 Elm St, Springfield IL 62701"],
        ["Mary Jones", 5559876543, "9 Oak Ave, Austin TX 78701"],
        [], ["Anna Lee", "Boston"],  # after a blank row, a data row of names and towns is no header
    ]})
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = _read_xlsx(tmp_path / "o" / "a.xlsx")["S"]
    assert rows[0][0] == "XX物流 发货清单 2026-12-01" and rows[2][:3] == ["序号", "收件人", "联系电话"]
    assert rows[3][1:4] == ["王**", "*******5678", "北京市朝阳区****************"] and rows[3][4] == "放门口"
    assert rows[5][:2] == ["合计", 1] and rows[7][:3] == ["Name", "Phone", "Address"]
    assert rows[9][:2] == ["M*** J****", "******6543"]
    assert "Anna" not in str(rows[11])
