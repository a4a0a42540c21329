import json

import pytest
from typer.testing import CliRunner

from waybill.cli import app
from waybill.generators.records import write_csv

runner = CliRunner()


def mask(tmp_path, name, data: bytes, *extra):
    src = tmp_path / name
    src.write_bytes(data)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q", *extra])
    assert r.exit_code == 0, r.stderr
    return (tmp_path / "o" / name).read_bytes()


def test_gbk_csv_round_trip_keeps_encoding_and_dialect(tmp_path):
    data = "收件人;电话;地址\r\n王小明;13812345678;浙江省杭州市西湖区文三路100号\r\n".encode("gb18030")
    out = mask(tmp_path, "a.csv", data)
    text = out.decode("gb18030")
    assert text == "收件人;电话;地址\r\n王**;*******5678;浙江省杭州市西湖区*******\r\n"


def test_utf8_bom_tsv(tmp_path):
    data = "\ufeffname\tphone\nMary Jones\t(217) 555-0134\n".encode("utf-8")
    out = mask(tmp_path, "a.tsv", data)
    assert out.startswith(b"\xef\xbb\xbf")
    assert out.decode("utf-8-sig") == "name\tphone\nM*** J****\t(***) ***-0134\n"


def test_remark_column_scanned_by_content(tmp_path):
    data = "订单号,备注\n202611221234567890,电话不通请打13912345678\n".encode()
    out = mask(tmp_path, "a.csv", data).decode()
    assert "202611221234567890" in out and "13912345678" not in out


def test_nested_json(tmp_path):
    doc = {"orders": [{"consignee": {"name": "张伟", "tel": 13812345678,
                                     "addr": "广东省深圳市南山区科技园路1号"}, "tracking": "SF1234567890123"}]}
    out = json.loads(mask(tmp_path, "a.json", json.dumps(doc, ensure_ascii=False, indent=2).encode()))
    c = out["orders"][0]["consignee"]
    assert c["name"] == "张*" and c["tel"] == "*******5678"
    assert c["addr"].startswith("广东省深圳市南山区") and "科技园" not in c["addr"]
    assert out["orders"][0]["tracking"] == "SF1234567890123"


def test_jsonl(tmp_path):
    data = '{"receiver":"李雷","mobile":"13912345678"}\n{"receiver":"韩梅梅","mobile":"13712345678"}\n'
    out = mask(tmp_path, "a.jsonl", data.encode()).decode().splitlines()
    assert [json.loads(x)["receiver"] for x in out] == ["李*", "韩**"]


def test_xlsx(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收件人", "手机", "运单号"])
    ws.append(["王小明", 13812345678, "SF1234567890123"])
    wb.save(tmp_path / "a.xlsx")
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    ws2 = openpyxl.load_workbook(tmp_path / "o" / "a.xlsx").active
    rows = list(ws2.iter_rows(values_only=True))
    assert rows[1] == ("王**", "*******5678", "SF1234567890123")


def test_xlsx_headerless_and_hidden_sheets_read_row_names(tmp_path):
    # a bare name beside a phone in a headerless (or hidden) sheet: CSV rows read it as the record's
    # name, the XLSX path masked cell by cell and kept it (found by hand)
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["赵敏", "13512345678"])
    ws.append(["王小红", 13912345678])
    ws.append(["Jane Doe", "jane.doe@example.com"])
    hidden = wb.create_sheet("h")
    hidden.sheet_state = "hidden"
    hidden.append(["李雷", "13612345678"])
    hidden.append(["易碎品", "13712345678"])  # (a remark is no name)
    wb.save(tmp_path / "a.xlsx")
    r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    out = openpyxl.load_workbook(tmp_path / "o" / "a.xlsx")
    first, second = (list(s.iter_rows(values_only=True)) for s in out.worksheets)
    assert [row[0] for row in first] == ["赵*", "王**", "J*** D**"]
    assert [row[0] for row in second] == ["李*", "易碎品"]
    records = [json.loads(x) for x in (tmp_path / "o" / "audit.jsonl").read_text("utf-8").splitlines()]
    names = [f for x in records for f in x.get("findings", []) if f.get("type") == "name"]
    assert len(names) >= 3 and all("赵敏" not in json.dumps(f, ensure_ascii=False) for f in names)


def test_xlsx_reads_column_roles_as_csv_does(tmp_path):
    # a headerless sheet's phone column of other countries' numbers (a Polish and a Ghanaian
    # mobile without separators): CSV read the column's role and masked them, XLSX kept them (found
    # by hand); the sheet is read in blocks of rows, the role carried from block to block
    import openpyxl

    from waybill.formats import xlsx

    rows = [["Jane Smith", "07700 900123", "12 High Street", "London"],
            ["Bob Jones", "07700 900456", "3 Low Road", "Leeds"],
            ["Anna Kowalska", "512345678", "ul. Długa 5", "Warszawa"],
            ["Li Wei", "13812345678", "文三路90号", "杭州"],
            ["Ama Owusu", "0241234567", "5 Ring Rd", "Accra"]]
    wb = openpyxl.Workbook()
    for r in rows * 3:
        wb.active.append(r)
    wb.save(tmp_path / "a.xlsx")
    (tmp_path / "a.csv").write_text("".join(",".join(r) + "\n" for r in rows * 3), encoding="utf-8")
    for block in (500, 2):
        xlsx._BLOCK = block
        try:
            r = runner.invoke(app, ["mask", str(tmp_path / "a.xlsx"), str(tmp_path / "a.csv"), "-o",
                                    str(tmp_path / f"o{block}"), "-q"])
        finally:
            xlsx._BLOCK = 500
        assert r.exit_code == 0, r.stderr
        got = [list(x) for x in openpyxl.load_workbook(tmp_path / f"o{block}" / "a.xlsx").active.iter_rows(values_only=True)]
        csv_rows = [x.split(",") for x in (tmp_path / f"o{block}" / "a.csv").read_text("utf-8").splitlines()]
        assert got == csv_rows
        assert got[2][1] == "******678" and got[4][1] == "******4567"
        records = [f for x in (tmp_path / f"o{block}" / "audit.jsonl").read_text("utf-8").splitlines()
                   for f in json.loads(x).get("findings", []) if f["where"].get("sheet")]
        assert [f["detector"] for f in records if f["where"]["row"] == 3 and f["where"]["column"] == 2] == ["phone.column"]


def _last_audit(folder):
    return json.loads((folder / "audit.jsonl").read_text("utf-8").splitlines()[-1])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_parallel_workers_same_output_and_audit(tmp_path, monkeypatch, encoding):
    """Workers cut the byte stream at record boundaries: same bytes, same audit records, counts
    and digest as one process, also with quoted newlines/quotes and pieces much smaller than the
    file; finding totals match the generator's truth (more than the 10,000 kept in full)."""
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 4096)
    src = tmp_path / "big.csv"
    truths = write_csv(src, 2500, seed=3, encoding=encoding)
    tricky = '"王小明\n13812345678","备注 ""引号"" 13912345678",SF1234567890123\r\n'.encode(
        "gb18030" if encoding == "gb18030" else "utf-8")
    src.write_bytes(src.read_bytes() + tricky * 3)
    r1 = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "a"), "-q", "--workers", "1"])
    r2 = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "b"), "-q", "--workers", "2"])
    assert r1.exit_code == r2.exit_code == 0
    out = (tmp_path / "a" / "big.csv").read_bytes()
    assert out == (tmp_path / "b" / "big.csv").read_bytes()
    a, b = _last_audit(tmp_path / "a"), _last_audit(tmp_path / "b")
    for k in ("findings", "finding_counts", "findings_total", "findings_digest"):
        assert a[k] == b[k], k
    expected = sum(len(t["names"]) + len(t["phones"]) + len(t["details"]) for t in truths) + 3 * 3
    assert a["findings_total"] == expected and sum(a["finding_counts"].values()) == expected
    assert len(a["findings"]) == 10000 and a["findings_truncated"]
    assert a["findings"][-1]["where"]["row"] < 2500
    text = out.decode("gb18030" if encoding == "gb18030" else "utf-8-sig")
    assert "13812345678" not in text and "13912345678" not in text and text.count("SF1234567890123") == 3


@pytest.mark.parametrize("prelude", ["XX物流 发货清单 2026-12-01\n\n", "Report: shipments\nDate: 2026-12-01\n\n",
                                     "订单导出 2024-05-01,,\n", ""])
def test_header_under_a_title_and_blank_lines_in_one_process_and_in_pieces(tmp_path, monkeypatch, prelude):
    """A report's title, its date and blank lines above the header (found by hand, 2026-12-07: the
    header was read as data, every column went without its hint, and a bare 10-digit number under
    'Phone' stood): the header is found under them, by one process and by workers cutting pieces."""
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 1024)
    rows = "".join(f"Person {chr(65 + k % 26)}{chr(97 + k % 7)}son,555{k:07d},{k + 1} Elm St\n" for k in range(80))
    src = tmp_path / "r.csv"
    src.write_text(prelude + "Name,Phone,Address\n" + rows, encoding="utf-8")
    r1 = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "a"), "-q", "--workers", "1"])
    r2 = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "b"), "-q", "--workers", "2"])
    assert r1.exit_code == r2.exit_code == 0
    out = (tmp_path / "a" / "r.csv").read_text(encoding="utf-8")
    assert out == (tmp_path / "b" / "r.csv").read_text(encoding="utf-8")
    assert out.startswith(prelude + "Name,Phone,Address\n"), out[:200]
    assert "5550000001" not in out and "******0001" in out
    a, b = _last_audit(tmp_path / "a"), _last_audit(tmp_path / "b")
    assert a["findings"] == b["findings"]
    assert a["findings"][0]["where"]["column"] == "Name"


@pytest.mark.parametrize("fmt,encoding", [("jsonl", "utf-8"), ("jsonl", "gb18030"), ("txt", "utf-8"),
                                          ("txt", "gb18030")])
def test_parallel_lines_same_output_and_audit(tmp_path, monkeypatch, fmt, encoding):
    """JSON Lines and text are cut after newlines and masked by workers: same bytes, records
    (line numbers included), counts and digest as one process; \\r\\n and lone \\r line ends."""
    from waybill.formats import pieces
    from waybill.generators.records import Gen

    monkeypatch.setattr(pieces, "PIECE_BYTES", 2048)
    g = Gen(41)
    lines = []
    for i in range(1500):
        row, _ = g.row()
        if fmt == "jsonl":
            lines.append(json.dumps({"order": row[0], "receiver": {"name": row[2], "mobile": row[3]},
                                     "addr": row[4], "note": row[9]}, ensure_ascii=False))
        else:
            lines.append(f"收件人：{row[2]} 电话{row[3]} {row[4]} 运单号{row[1]}")
    ends = ["\n", "\r\n", "\r"]
    text = "".join(line + ends[i % 3] for i, line in enumerate(lines)) + ("\n" if fmt == "jsonl" else "尾行无换行")
    src = tmp_path / f"big.{fmt}"
    src.write_bytes(text.encode(encoding))
    outs = []
    for w in ("1", "2"):
        r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / w), "-q", "--workers", w])
        assert r.exit_code == 0, r.stderr
        outs.append((tmp_path / w / src.name).read_bytes())
    assert outs[0] == outs[1]
    a, b = _last_audit(tmp_path / "1"), _last_audit(tmp_path / "2")
    for k in ("findings", "finding_counts", "findings_total", "findings_digest"):
        assert a.get(k) == b.get(k), k
    assert a["findings_total"] >= 4500
    where = "field" if fmt == "jsonl" else "line"
    assert str(a["findings"][-1]["where"][where]).startswith("[1500]" if fmt == "jsonl" else "1500")
    assert outs[0].decode(encoding).count("\r") == text.count("\r")


def test_parallel_jsonl_bad_line_fails_closed_with_its_number(tmp_path, monkeypatch):
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 1024)
    good = json.dumps({"name": "王小明", "phone": "13812345678"}, ensure_ascii=False)
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join([good] * 300 + ["{broken"] + [good] * 10) + "\n", encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q", "--workers", "2"])
    assert r.exit_code != 0
    assert "line 301" in r.stderr
    assert not (tmp_path / "o" / "a.jsonl").exists()


def test_parallel_csv_lone_cr_after_the_header(tmp_path, monkeypatch):
    """A lone \\r ends a CSV record: the record after the header on the same "line" is masked and
    kept, with workers as with one process (found by fuzzing)."""
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 64)
    data = ("收件人,电话\r王小明,13812345678\n" + "张伟,13912345678\n" * 20).encode()
    for w in ("1", "2"):
        (tmp_path / w).mkdir()
    outs = [mask(tmp_path / w, "a.csv", data, "--workers", w) for w in ("1", "2")]
    assert outs[0] == outs[1]
    assert outs[0].decode().startswith("收件人,电话\n王**,*******5678\n")


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_utf16_line_formats_keep_one_byte_order_mark(tmp_path, fmt):
    # Excel's "Unicode text" is UTF-16: the masked copy had a BOM (U+FEFF) before every line
    lines = (["王小明 13912345678", "李雷 13812345670"] if fmt == "txt"
             else ['{"收件人": "王小明"}', '{"收件人": "李雷"}'])
    src = tmp_path / f"a.{fmt}"
    src.write_text("\n".join(lines) + "\n", encoding="utf-16")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    data = (tmp_path / "o" / src.name).read_bytes()
    assert data.count(b"\xff\xfe") == 1 and data.startswith(b"\xff\xfe")
    text = data.decode("utf-16")
    assert "\ufeff" not in text and text.count("\n") == 2 and "王**" in text and "李*" in text


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "json", "csv"])
@pytest.mark.parametrize("order", ["utf-16-be", "utf-16-le"])
def test_utf16_keeps_its_byte_order(tmp_path, fmt, order):
    # a big-endian export came back little-endian (the plain utf-16 codec writes the machine's order)
    body = {"txt": "王小明 13912345678\n李雷 13812345670\n",
            "jsonl": '{"收件人": "王小明"}\n{"收件人": "李雷"}\n',
            "json": '[{"收件人": "王小明"}, {"收件人": "李雷"}]\n',
            "csv": "收件人,电话\n王小明,13912345678\n李雷,13812345670\n"}[fmt]
    bom = b"\xfe\xff" if order == "utf-16-be" else b"\xff\xfe"
    src = tmp_path / f"a.{fmt}"
    src.write_bytes(bom + body.encode(order))
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    data = (tmp_path / "o" / src.name).read_bytes()
    assert data.startswith(bom) and data.count(bom) == 1
    text = data[2:].decode(order)
    assert "\ufeff" not in text and "王**" in text and "小明" not in text and "李*" in text


def test_a_label_alone_on_its_line_is_read_with_the_next(tmp_path):
    """A label's text copied out line by line ('Ship to' / 'Jane Doe' / street): each line was read
    on its own, and the name under its label stood (found by hand, probing forms people write). A
    short label that is a word as well ('Name', 'To') takes the next line only when it is shaped as
    a name."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Ship to\nJane Doe\n12 Oak Street\n\nSHIP TO:\nJOHN SMITH\n\n收件人：\n张伟明\n"
                               "收件人：\nJohn Smith\nTo\n\nMaria Garcia\nName\nTotal\nTo\nbe delivered tomorrow\n",
                               encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    got = (tmp_path / "out" / "in" / "a.txt").read_text(encoding="utf-8")
    for gone in ("Jane Doe", "JOHN SMITH", "伟明", "John Smith", "Maria Garcia"):
        assert gone not in got, (gone, got)
    for kept in ("Ship to\n", "SHIP TO:\n", "收件人：\n", "Name\nTotal\nTo\nbe delivered tomorrow\n"):
        assert kept in got, (kept, got)


def test_a_label_and_its_value_stay_in_one_piece(tmp_path):
    """With workers the text is cut into pieces at line ends: never between a label alone on its
    line and its value (the name would be read without its label). Outputs and findings are the
    same with one worker and two."""
    import random

    src = tmp_path / "in"
    src.mkdir()
    r = random.Random(3)
    names = ["Jane Doe", "John Smith", "Maria Garcia", "Wei Zhang", "Anna Kowalska"]
    lines = []
    while sum(map(len, lines)) < 700_000:  # several pieces of 256 KB
        lines += [r.choice(["Ship to\n", "SHIP TO:\n", "收件人：\n", "To\n\n", "Recipient\n"]),
                  r.choice(names) + "\n", f"{r.randint(1, 999)} Oak Street\n"]
    (src / "big.txt").write_text("".join(lines), encoding="utf-8")
    outs = []
    for w in ("1", "2"):
        res = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / f"out{w}"), "-q", "--workers", w],
                            env={"WAYBILL_AUDIT_KEY": "0" * 64})
        assert res.exit_code == 0, res.output
        outs.append((tmp_path / f"out{w}" / "in" / "big.txt").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert not any(n in outs[0] for n in names)


def test_a_label_and_value_object_in_json(tmp_path):
    """A record's fields written as label-and-value objects ({"k": "name", "v": "Jane Doe"}): the
    value was read as a column named "v", and the name stood (found by hand, probing forms people
    write)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.json").write_text(json.dumps({"fields": [
        {"k": "name", "v": "Jane Doe"}, {"label": "Recipient", "value": "John Smith"},
        {"key": "收件人", "value": "张伟明"}, {"label": "Colour", "value": "Navy Blue"},
        # (a party's role and a form's question and answer: found by hand, 2026-12-07, the names stood)
        {"role": "recipient", "value": "Jonathan Whitfield"}, {"question": "Name", "answer": "Harold Finnegan"},
        {"role": "carrier", "value": "DHL Express"}]}, ensure_ascii=False),
        encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    got = (tmp_path / "out" / "in" / "a.json").read_text(encoding="utf-8")
    for gone in ("Jane Doe", "John Smith", "伟明", "Jonathan", "Whitfield", "Harold", "Finnegan"):
        assert gone not in got, (gone, got)
    assert "Navy Blue" in got and "DHL Express" in got


def test_a_contact_list_written_as_a_map_in_json(tmp_path):
    """Names as keys of their own phone or e-mail ({"Maria Garcia": "+34 612 345 678"}): the keys
    were read as field names and stood (found by hand). Field names before numbers stay."""
    doc = {"contacts": {"Zhang Weiming": "13912345678", "张伟明": 13912345678, "Maria Garcia": "+34 612 345 678",
                        "John O'Brien": "john.obrien@example.com"},
           "Home Phone": "13912345678", "Order Status": "shipped 13912345678", "Customer Service": "400-800-1234"}
    out = mask(tmp_path, "a.json", json.dumps(doc, ensure_ascii=False).encode()).decode()
    for gone in ("Zhang Weiming", "伟明", "Maria Garcia", "O'Brien", "13912345678"):
        assert gone not in out, (gone, out)
    got = json.loads(out)
    assert {"Home Phone", "Order Status", "Customer Service"} <= set(got)


def test_a_contact_map_with_bare_national_numbers_and_asian_names(tmp_path):
    """Under a name-shaped key, a value that is only a phone or e-mail makes the key a name even when
    the detectors read no phone in a bare national number ('051-2390726'); the value is read as a
    phone. Found by world_text --formats map: the names and numbers stood."""
    doc = {"contacts": {"Saar van Rheineck": "051-2390726", "Stella de Bruin": "jip1121@hotmail.com",
                        "이민수": "010-2345-2972", "鈴木 学": "070-6123-4564"},
           "Head Office Team": "+44 20 7946 0958", "Mobile Phone": "051-2390726", "Fax Number": "051-2390727"}
    out = mask(tmp_path, "m.json", json.dumps(doc, ensure_ascii=False).encode()).decode()
    for gone in ("Rheineck", "Saar", "Stella", "Bruin", "민수", "学", "2390726", "2345-2972", "6123-4564"):
        assert gone not in out, (gone, out)
    got = json.loads(out)
    assert {"Head Office Team", "Mobile Phone", "Fax Number"} <= set(got)


def test_a_label_carried_as_base64_in_json_is_masked_in_its_own_format(tmp_path):
    """A carrier API's log keeps the label it printed as base64 ("labelData": the ZPL): it passed
    through whole and verify called the file clean (found by hand, 2026-12-07). It is decoded,
    masked as ZPL, and encoded again; base64 of text is masked as text; tokens stay as they were."""
    import base64
    zpl = ("^XA^CI28\n^FO50,50^A0N,30,30^FDShip To:^FS\n^FO50,90^A0N,30,30^FDJürgen Müller^FS\n"
           "^FO50,130^A0N,30,30^FDHauptstraße 12^FS\n^FO50,170^A0N,30,30^FD10115 Berlin^FS\n"
           "^FO50,210^A0N,30,30^FDTel +49 170 1234567^FS\n^XZ\n").encode()
    note = "Call Jonathan Whitfield on +44 7700 900123 before delivery".encode()
    token = base64.urlsafe_b64encode(bytes(range(48))).decode()
    recs = [{"trackingNumber": "1Z999AA10123456784", "labelData": base64.b64encode(zpl).decode()},
            {"note": base64.b64encode(note).decode(), "token": token}]
    src = tmp_path / "in"
    src.mkdir()
    (src / "api.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    got = [json.loads(x) for x in (tmp_path / "out" / "in" / "api.jsonl").read_text(encoding="utf-8").splitlines()]
    label = base64.b64decode(got[0]["labelData"]).decode()
    assert label.startswith("^XA") and "Ship To:" in label and "Berlin" in label
    for gone in ("Jürgen", "Müller", "Hauptstraße", "1234567"):
        assert gone not in label, label
    text = base64.b64decode(got[1]["note"]).decode()
    assert "Whitfield" not in text and "900123" not in text and text.startswith("Call "), text
    assert got[1]["token"] == token and got[0]["trackingNumber"] == "1Z999AA10123456784"
    audit = (tmp_path / "out" / "audit.jsonl").read_text(encoding="utf-8")
    assert '"embedded":"zpl"' in audit and "Müller" not in audit
    # verify reads inside such values too: the unmasked log is reported
    v = runner.invoke(app, ["verify", str(src / "api.jsonl")])
    assert v.exit_code == 7, v.output


def test_an_embedded_label_that_cannot_be_read_fails_the_file(tmp_path):
    import base64
    src = tmp_path / "in"
    src.mkdir()
    bad = base64.b64encode(b"%PDF-1.7\n" + bytes(200)).decode()
    (src / "a.json").write_text(json.dumps({"label": bad, "name": "Jonathan Whitfield"}), encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 4, r.output
    assert not (tmp_path / "out" / "in" / "a.json").exists()


@pytest.mark.parametrize("fmt", ["csv", "txt", "xlsx"])
def test_a_label_carried_as_base64_in_a_cell_or_a_log_line(tmp_path, fmt):
    """The same in a table's cell and inside a log line ('labelData=...'), and in a workbook's cell."""
    import base64
    zpl = ("^XA^CI28\n^FO50,50^A0N,30,30^FDShip To:^FS\n^FO50,90^A0N,30,30^FDJürgen Müller^FS\n"
           "^FO50,130^A0N,30,30^FDHauptstraße 12^FS\n^FO50,170^A0N,30,30^FD10115 Berlin^FS\n^XZ\n").encode()
    b64 = base64.b64encode(zpl).decode()
    token = base64.b64encode(bytes(range(60))).decode()
    src = tmp_path / "in"
    src.mkdir()
    name = f"a.{fmt}"
    if fmt == "csv":
        (src / name).write_text(f"id,label,token\n1,{b64},{token}\n", encoding="utf-8")
    elif fmt == "txt":
        (src / name).write_text(f"2026-12-07 DEBUG labelData={b64} format=ZPL\nINFO token={token}\n", encoding="utf-8")
    else:
        import openpyxl
        wb = openpyxl.Workbook()
        wb.active.append(["id", "label", "token"])
        wb.active.append(["1", b64, token])
        wb.save(src / name)
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "out" / "in" / name
    if fmt == "xlsx":
        import openpyxl
        cells = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
        text = " ".join(str(c) for c in cells)
    else:
        text = out.read_text(encoding="utf-8")
    import re
    runs = [m.group() for m in re.finditer(r"[A-Za-z0-9+/]{64,}={0,2}", text)]
    assert token in runs
    label = next(base64.b64decode(x).decode() for x in runs if x != token)
    assert label.startswith("^XA") and "Berlin" in label
    for gone in ("Jürgen", "Müller", "Hauptstraße"):
        assert gone not in label, label
