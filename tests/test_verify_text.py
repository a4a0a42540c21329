"""verify's second reader for text outputs (waybill.verify_text): it parses the output on its own and
judges it by what a masked output must look like, so a value the detectors do not know is still
found; and what share keeps on purpose (town, postcode head, initials, last digits) is no alarm.
All values are synthetic."""
from __future__ import annotations

import csv
import json

import pytest

from waybill.checks import Verification
from waybill.verify_text import check_file, header_role


def _csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _verify(path, preset="share"):
    v = Verification([str(path)], preset=preset)
    return [f for c in v for f in c.leaks]


CLEAN = [
    ["Name", "Phone", "Address"],
    ["J****** M*******", "**** ***0325", "****** **\n**** ********, O'Neillfurt TA6 ***"],
    ["F******** J***", "**** *** 0722", "**** *\n******* *****, Websterborough E4S ***"],
    ["D*** K****", "+**(*)*****8999", "**** *\n****** ******, Gilbertchester CR2Y ***"],
    ["C**** S****", "(0141) ******6", "**** **, * ****** ***, North Dominicfort ML1N ***"],
    ["E***** J****", "(028)******7", "****** *\n****** *****, Howardburgh HP7 ***"],
]


def test_share_output_with_kept_towns_and_postcodes_is_clean(tmp_path):
    # usaddress tags the kept town and postcode head as street parts: not an alarm any more
    p = _csv(tmp_path / "gb.csv", CLEAN)
    assert _verify(p) == []


@pytest.mark.parametrize("row,kind", [
    (["Xaviera Quortless", "**** ***0325", "****** **\n**** ********, Thomasburgh G4T ***"], "name"),
    (["J****** M*******", "(07529) ****1 897", "****** **\n**** ********, Thomasburgh G4T ***"], "phone"),
    (["J****** M*******", "**** ***0325", "**** **\nJulie Island, Thomasburgh G4T ***"], "address"),
    (["J****** M*******", "**** ***0325", "Flat 13\nJulie Island, Thomasburgh G4T ***"], "address"),
])
def test_a_value_left_in_a_personal_column_is_found(tmp_path, row, kind):
    p = _csv(tmp_path / "gb.csv", CLEAN + [row])
    hits = check_file(p, "csv", "share")
    assert {h["type"] for h in hits} == {kind}, hits
    assert all(h["where"]["row"] == len(CLEAN) + 1 for h in hits)
    # and verify says so (exit 7 in the CLI), once per value whichever reader found it
    found = [f for f in _verify(p) if (f.get("where") or {}).get("row") == len(CLEAN) + 1]
    assert found and len({f["type"] for f in found}) == 1


def test_headerless_column_of_masked_names_with_one_left(tmp_path):
    rows = [r for r in CLEAN[1:]] + [["Ilkka Väänänen", "**** ***0325", "****, Howardburgh HP7 ***"]]
    hits = check_file(_csv(tmp_path / "none.csv", rows), "csv", "share")
    assert [(h["type"], h["where"]["row"]) for h in hits] == [("name", 6)]


@pytest.mark.parametrize("line,kind", [
    ("Empfänger: Birte Hansen / Tel. 0151 23456789", "phone"),
    ("Empfänger: Birte Hansen / Tel. ****6789", "name"),
    ("收件人：西门** 电话：138 1234 5678 运单号：751222823929930", "phone"),
    ("Please deliver to M******* F****** at 82 rue des Lilas, 75*** Paris", "address"),
    ("Mail j.kowalski@example.com", "email"),
])
def test_free_text_leaks(tmp_path, line, kind):
    p = tmp_path / "notes.txt"
    p.write_text(line + "\n", encoding="utf-8")
    assert kind in {h["type"] for h in check_file(p, "txt", "share")}


@pytest.mark.parametrize("line", [
    "收件人：西门** 电话：*** **** 7822 地址：山东省济宁市鱼台县******* 运单号：751222823929930",
    "Ship To: E**** M*****, **** ***** **, Springfield, IL 627**, Tel (***) ***-0789",
    "订单 202659407854668866 于 2026-11-08 21:14 下单，重量 17.7kg",
    "ID 110101********1234, Tel 0571-******66, ext x4228",
    "邮箱j*******@example.com",
    # (the verb 'ring' before a bell is no street of type 'Ring': verify exited 7; found by hand)
    "Please ring bell 3 (N****) and leave with neighbour",
    "Ring the bell at 5 pm",
    # a labelled address field whose postcode share wrote with its tail masked: the town before it
    # is the kept region, not a street (world_text --more-forms seed 104: verify exited 7 on 5
    # clean files)
    "Recipient: E**** W*****; tel: ******8006; e-mail j*********@gmail.com; address: **** ***** ******, Wilsonmouth, IA 474**",
    "Recipient: D*** J****; ph: **** **3 390; address: **** ** ** ******* ***, Millerfort, NT 29**",
    "Recipient: A***** F******; phone: * (***) ***-2883; address: **** ***** ******** **** ***, Kellyfort,  E8G***",
    "Recipient: S***** S******; phone: (***) ***-***8 x261; address: ***** *********** ***** ***** ***, East Juanhaven,  L7B ***",
])
def test_free_text_share_forms_are_clean(tmp_path, line):
    p = tmp_path / "notes.txt"
    p.write_text(line + "\n", encoding="utf-8")
    assert check_file(p, "txt", "share") == []


def test_chinese_address_detail_after_the_fill(tmp_path):
    rows = [["收件人", "收件地址"]] + [["张*", "广东省中山市石岐街道******"], ["李**", "台湾省高雄市前镇区*****"],
                                      ["王*", "河北省唐山市路北区*****"], ["赵**", "浙江省杭州市西湖区****小区3号楼"]]
    hits = check_file(_csv(tmp_path / "cn.csv", rows), "csv", "share")
    assert [(h["type"], h["where"]["row"]) for h in hits] == [("address", 5)]


def test_json_records_by_key_path(tmp_path):
    recs = [{"recipient": {"name": "M**** Ž*****", "phone": "+*** *** **2 072"}} for _ in range(4)]
    recs.append({"recipient": {"name": "Marek Žižka", "phone": "+420 603 112 072"}})
    p = tmp_path / "r.json"
    p.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    hits = check_file(p, "json", "share")
    assert sorted((h["type"], h["where"]["record"]) for h in hits) == [("name", 5), ("phone", 5)]


def test_dispose_any_readable_value_in_a_personal_column(tmp_path):
    rows = [["recipient", "recipient_phone"], ["***", "(800) ********"], ["**", "***********"], ["Li", "***"]]
    hits = check_file(_csv(tmp_path / "d.csv", rows), "csv", "dispose")
    assert [(h["type"], h["where"]["row"]) for h in hits] == [("name", 4)]


def test_dispose_country_code_before_a_masked_number_is_no_leak(tmp_path):
    # world_text seed 21: '+90' and '001-' stay before a number dispose masked whole; a number
    # with digits of its own left is still a leak
    rows = [["recipient", "recipient_phone"], ["***", "+90*****************"], ["***", "001-*****************"],
            ["***", "+90 ***** *******"], ["***", "+90 **54 *******"], ["***", "0012*****"]]
    hits = check_file(_csv(tmp_path / "d.csv", rows), "csv", "dispose")
    assert [(h["type"], h["where"]["row"]) for h in hits] == [("phone", 5), ("phone", 6)]


def test_dispose_country_code_written_digit_by_digit_is_no_leak(tmp_path):
    # benchmarks.evasion_intl: a number written with a separator between every digit keeps its
    # country code written so ('+4-9-*****'); a number with digits of its own left still leaks
    rows = [["recipient", "phone"], ["***", "+4-9-*********************"], ["***", "+4.9.*******************"],
            ["***", "+4-9-1-5-***************"]]
    hits = check_file(_csv(tmp_path / "d.csv", rows), "csv", "dispose")
    assert [(h["type"], h["where"]["row"]) for h in hits] == [("phone", 4)]


def test_share_state_code_after_the_town_is_part_of_the_kept_part(tmp_path):
    # an address column of several countries: '***** Boston, MA' shows one more readable segment
    # than '20*** Milano' (the state's code), which is no street
    rows = [["name", "phone", "address"]]
    for i in range(8):
        rows.append(["A**** B****", "+** *** *** 1234", "*** ********* **, 20*** Milano"])
        rows.append(["C**** D****", "+* ***-***-4627", "** ******** ******, ***** Boston, MA"])
        rows.append(["E**** F****", "＋* ***－***－８８１９", "***　********　******，　*****　Ｂｏｓｔｏｎ，　ＭＡ"])
    assert check_file(_csv(tmp_path / "s.csv", rows), "csv", "share") == []
    rows.append(["G**** H****", "+** *** *** 1234", "*** ********* **, Via Roma 5, 20*** Milano"])
    hits = check_file(_csv(tmp_path / "s.csv", rows), "csv", "share")
    assert hits and {(h["type"], h["where"]["row"]) for h in hits} == {("address", len(rows))}, hits


def test_share_a_whole_postcode_in_an_address_column_is_a_leak(tmp_path):
    # the inward code, a Canadian LDU and an Eircode's unique identifier name a few addresses or
    # one building: share masks them (they were kept whole in address columns, and verify, which
    # counted no address part under 4 characters, called that clean)
    for last in ("O'Neillfurt TA6 0RL", "Toronto, ON M5V 2T6", "Zoe Ville P62 HDAK"):
        p = _csv(tmp_path / "gb.csv", CLEAN + [["A**** B****", "**** ***0325", f"**** ********, {last}"]])
        found = [f for f in _verify(p) if (f.get("where") or {}).get("row") == len(CLEAN) + 1]
        assert [f["type"] for f in found] == ["address"], (last, found)


def test_records_carry_no_value(tmp_path):
    p = _csv(tmp_path / "gb.csv", CLEAN + [["Xaviera Quortless", "0114 4960325", "Flat 13\nJulie Island, X G4T 3XN"]])
    text = json.dumps(check_file(p, "csv", "share"))
    for part in ("Xaviera", "4960325", "Julie"):
        assert part not in text


def test_header_words():
    assert header_role("收件人电话") == "phone"
    assert header_role("Empfänger") == "name"
    assert header_role("Adresse") == "address"
    assert header_role("运单号") == "code"
    assert header_role("备注") == "note"
    assert header_role("weight_kg") is None


def test_short_local_number_hides_six_digits(tmp_path):
    # found without its area code, an 8-digit local number kept 4 and hid 4 (GB/T asks 6)
    from typer.testing import CliRunner

    from waybill.cli import app

    src = _csv(tmp_path / "in.csv", [["Name", "Phone"], ["Anna Schmidt", "(07529) 24741 897"],
                                     ["Bo Lindqvist", "04273/34206415"], ["Cy Wu", "13812345678"]])
    r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(open(tmp_path / "out" / "in.csv", encoding="utf-8")))
    # (the area code, bracketed or before a slash, is part of the number found: hidden with it)
    assert [row[1] for row in rows[1:]] == ["(*****) ****1 897", "*****/****6415", "*******5678"]
    assert check_file(tmp_path / "out" / "in.csv", "csv", "share") == []


@pytest.mark.parametrize("preset,cells", [
    # values typed in the wrong column, labels typed into the value, numbers after a fill: the
    # masked forms of benchmarks.evasion's tricks (all clean)
    ("share", ["x******{at}example.cn", "t**********{at}mail [dot] example [dot] org",
               "l********* at example dot cn", "Tel *******４６０１", "收件人：古*·***", "*******二六四四"]),
    ("dispose", ["收件人：******", "Tel ***********", "联系电话:***********,6843", "***********,0755",
                 "*********************-4899", "*** *********** 2024-05-05", "身份证号：******************",
                 "ID No. **** **** **** **** **"]),
])
def test_wrongly_placed_masked_values_are_clean(tmp_path, preset, cells):
    rows = [["姓名", "备注"]] + [[c, "轻拿轻放"] for c in cells]
    assert check_file(_csv(tmp_path / "t.csv", rows), "csv", preset) == []


def test_values_written_as_json_keys(tmp_path):
    p = tmp_path / "k.json"
    p.write_text(json.dumps([{"身份证：440106********965X": "放快递柜"}, {"地址": "***陸********壹柒肆陆,****"},
                             {"电话 13812345678": "到付"}], ensure_ascii=False), encoding="utf-8")
    hits = check_file(p, "json", "share")
    assert [(h["type"], h["where"]["record"]) for h in hits] == [("phone", 3)]


@pytest.mark.parametrize("rows", [
    [["吉* **", "**-****-6228", "〒20****** 千葉県江東区********** ******", "g*******@hotmail.com"],
     ["田***", "***-****-3955", "愛知県横浜市中区************** ******", "k*******@gmail.com"],
     ["渡* **", "090-4***-***5", "〒33****** 奈良県板橋区************ ********", "s*****@gmail.com"],
     ["石* **", "070-5***-***4", "富山県横浜市南区************* ******", "a*****@gmail.com"]],
    [["林**", "** ****191", "68*** 阿里山西********", "h*****@gmail.com"]],
    # world_text seed 51: 大阪府 and 広島県 after a masked postcode (府 and 県, 县 in simplified,
    # are in no name)
    [["藤****", "08-88**-****", "〒38****** 大阪府板橋区********* *******", "s**********@yahoo.com"],
     ["鈴木 ***", "080-9***-***4", "〒54****** 広島県横浜市瀬谷区********** *******", "e*****@hotmail.com"]],
    # world_text seed 56: 東京都 first in the cell, before a district (東 is a surname, 都 could end a
    # given name; the four prefectures written without 県 are no name)
    [["藤* *", "080-8***-***5", "東京都板橋区******** ********", "f*****@gmail.com"],
     ["長** *", "070-6***-***1", "北海道台東区*********** *********", "s*****@gmail.com"],
     ["佐****", "070-0***-***7", "京都府川崎市高津区*********** *********", "t*****@gmail.com"]],
])
def test_the_region_share_keeps_of_asian_addresses_is_no_name(tmp_path, rows):
    # world_text seed 44: verify called every Japanese and Taiwanese CSV and JSON leaking; the
    # prefecture left of a masked address (千葉県, 愛知県横浜) and a town after a masked postcode
    # (阿里 of 68*** 阿里山) were read as Chinese names
    p = _csv(tmp_path / "asia.csv", [["Name", "Phone", "Address", "Email"]] + rows)
    assert _verify(p) == []


@pytest.mark.parametrize("line", [
    # world_text seed 44: names the detectors do not read ('The Elder' as a surname, a name typed
    # with a stray '˜') stood whole first in records whose phone and e-mail were masked, and
    # verify, reading with the same detectors, called the files clean
    "Milou The Elder | +****-***5903 | j******@gmail.com | *********** **, 62** ** Heijen",
    "N˜zamett˜n Arsoy | (***)*** 9319 | h*******@outlook.com | *** ******** **** ***** ***, 38*** Fehimmouth",
])
def test_a_whole_name_first_in_a_masked_record_is_a_leak(tmp_path, line):
    p = tmp_path / "notes.txt"
    p.write_text(line + "\n", encoding="utf-8")
    assert [f["type"] for f in _verify(p)] == ["name"]


@pytest.mark.parametrize("line", [
    "M**** T** | +****-***5903 | j******@gmail.com | *********** **, 62** ** Heijen",
    "Ship to: L*** W***** / **** ***** ***** ***** ***, Calderonhaven,  B3V*** / Phone ******1201",
    "Note | call before 5 | leave at door",
])
def test_masked_or_plain_records_are_no_lead_name_leak(tmp_path, line):
    p = tmp_path / "notes.txt"
    p.write_text(line + "\n", encoding="utf-8")
    assert _verify(p) == []


@pytest.mark.parametrize("preset,cell,leaks", [
    # a messenger link typed where the name goes (evasion's phone_in_link trick): the masked link's
    # words are no readable name (verify called every such output leaking), its number still counts
    ("share", "https://wa.me/*********0360", False),
    ("share", "WhatsApp https://api.whatsapp.com/send?phone=*********4411", False),
    ("dispose", "viber://chat?number=%2B*************", False),
    ("dispose", "viber://chat?number=%2B86***********", False),
    ("dispose", "联系我 https://api.whatsapp.com/send?phone=*************", False),
    ("share", "https://wa.me/8613812340360", True),
    ("dispose", "https://wa.me/*********0360", True),
])
def test_messenger_link_in_a_name_column(tmp_path, preset, cell, leaks):
    mask, phone = ("王**", "*******5678") if preset == "share" else ("***", "***********")
    rows = [["姓名", "电话"]] + [[mask, phone]] * 4 + [[cell, phone]]
    p = _csv(tmp_path / "n.csv", rows)
    assert bool(_verify(p, preset)) is leaks, _verify(p, preset)


@pytest.mark.parametrize("cell,leaks", [
    ("<td>王**</td>", False),
    ('<consignee name="王**"/>', False),
    ('{"consignee":"\\u738b**","mobile":"*******5678"}', False),
    ("<td><b>J*** S****</b></td>", False),
    ("<td>王小明</td>", True),
    ("<td>&#74;ane &#83;mith</td>", True),
])
def test_escaped_and_marked_up_cells_read_as_they_show(tmp_path, cell, leaks):
    # the second reader reads escapes and character references with the standard library, and a
    # tag, a JSON key or an attribute's name is no name word ('td', 'consignee' beside a masked
    # name were called leaks)
    rows = [["收件人", "电话"]] + [["张*", "*******5678"]] * 4 + [[cell, "*******1234"]]
    found = check_file(_csv(tmp_path / "t.csv", rows), "csv", "share")
    assert bool(found) == leaks, found


@pytest.mark.parametrize("column,cell,leaks", [
    # a whole record typed into one column is judged as free text (the masker reads it so too)
    ("电话", "No. *** ******** ****, ****** ********, Guangzhou, H**** Y****, *******8372", False),
    ("地址", "<tr><td>毛**</td><td>*******8372</td><td>河南省郑州市金水区******************</td></tr>", False),
    ("收件人", "No. *** ******** ****, ****** ********, Guangzhou, Huang Yufei, *******8372", True),
    # quoted-printable and MIME encoded words are read (a mail export in a name column)
    ("收件人", "=E5=BC=A0=E4=BC=9F=E6=98=8E", True),
    ("收件人", "=?UTF-8?B?5byg5Lyf5piO?=", True),
    ("收件人", "=E5=BC=A0**", False),
])
def test_whole_records_and_mail_encodings_in_a_column(tmp_path, column, cell, leaks):
    first = {"收件人": "张*", "地址": "北京市朝阳区*****", "电话": "*******5678"}[column]
    rows = [[column, "备注"]] + [[first, "轻放"]] * 4 + [[cell, "轻放"]]
    found = check_file(_csv(tmp_path / "t.csv", rows), "csv", "share")
    assert bool(found) == leaks, found


def test_an_address_in_angle_brackets_is_no_markup(tmp_path):
    # the second reader reads tags only in a text that closes one, and never a tag with an '@': an
    # address left whole in angle brackets is still an address
    p = tmp_path / "t.txt"
    p.write_text("From: J*** S**** <john.smith@example.com>\n<b>note</b> ok <jane.doe@example.com>\n", encoding="utf-8")
    found = check_file(p, "txt", "share")
    assert len([f for f in found if f["type"] == "email"]) == 2, found


def test_notes_under_values_written_as_keys_are_no_column_of_masked_keys(tmp_path):
    # a value written as a key ('{"139****5678": "易碎品"}'): the keys are one column, what they
    # hold another; the unmasked notes were judged as names of a column of masked keys
    for preset, phone in (("share", "***-****-5678"), ("dispose", "***-****-****")):
        recs = [{phone if i % 2 else "** **": "易碎品" if i < 2 else {"备注": "放快递柜"}} for i in range(8)]
        p = tmp_path / f"k_{preset}.json"
        p.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
        assert _verify(p, preset) == []


@pytest.mark.parametrize("cell", ["Address line 2: **** ***", "Address line 2: ******", "Adresse: *** **"])
def test_an_address_label_before_a_fill_is_no_name_or_phone_in_dispose(tmp_path, cell):
    rows = [["name", "phone", "note"]] + [["** **", "***-****-****", "易碎品"] for _ in range(4)] + [[cell, cell, ""]]
    assert _verify(_csv(tmp_path / "a.csv", rows), "dispose") == []


# a town's line kept by share after 'please deliver my parcel to' (world_text --formats mail seed 98:
# verify raised exit 7 on 5 clean files); a street left in such a line is still a leak
# (and codes of two groups or with a dash: '68* ** Slavkov u Brna', '70-*** Gdynia', once share kept
# such towns: world_text --formats vcf,mail,regions,map seed 106)
@pytest.mark.parametrize("town_line", ["East Eric, QLD 08**", "Port Gerard W5 ***", "060** Lleida", "Lauraside CH52 ***",
                                       "68* ** Slavkov u Brna", "89** ** Losdorp", "70-*** Gdynia", "49** ** Ter Apelkanaal"])
def test_verify_mail_town_line_is_no_leak(tmp_path, town_line):
    from waybill.checks import Verification
    p = tmp_path / "mail.txt"
    p.write_text(f"Hello,\nplease deliver my parcel to\n** ****** *****\n{town_line}\nThanks,\nA**** B****\n",
                 encoding="utf-8")
    assert [c.leaks for c in Verification([str(p)], preset="share")] == [[]]


@pytest.mark.parametrize("street_line", ["12 Ocean Street, East Eric, QLD 08**", "Ocean Street W5 ***"])
def test_verify_mail_street_line_is_a_leak(tmp_path, street_line):
    from waybill.checks import Verification
    p = tmp_path / "mail.txt"
    p.write_text(f"Hello,\nplease deliver my parcel to\n{street_line}\nThanks,\nA**** B****\n", encoding="utf-8")
    assert any(c.leaks for c in Verification([str(p)], preset="share"))


def test_verify_dispose_map_keys_masked_alike(tmp_path):
    # keys masked alike are kept apart by the masker's '#2' (world_text --formats map seed 98: exit 7
    # on clean dispose outputs); a key that shows a real number is still a leak
    from waybill.checks import Verification
    p = tmp_path / "map.json"
    keys = ["****", "** **"] + [f"** **#{i}" for i in range(2, 14)]
    p.write_text(json.dumps({"contacts": {k: "*************" for k in keys}}), encoding="utf-8")
    assert [c.leaks for c in Verification([str(p)], preset="dispose")] == [[]]
    p.write_text('{"contacts": {"** **": "*************", "** **#2": "************", "138 0013 8000": "*****"}}',
                 encoding="utf-8")
    assert any(c.leaks for c in Verification([str(p)], preset="dispose"))


# a message's greeting and signature, a contact list's keys, a list that is one record: a name the
# detectors did not read, beside values they masked (world_text --formats vcf,mail,regions,map seed
# 105: 'Amy Bourgondië, van' under 'Thanks,' above a masked phone, and '"Pascale Dussen van":
# "k****@aol.de"' among masked keys; verify called both files clean)
@pytest.mark.parametrize("body, leaks", [
    ("Hello,\nplease deliver my parcel to\n********* ***\n****** *********\nThanks,\nAmy Bourgondië, van\n+*****-**7824\n", True),
    ("Hello,\nplease deliver my parcel to\n********* ***\n****** *********\nThanks,\nA** *********** ***\n+*****-**7824\n", False),
    ("Dear Diego Gaspar,\nyour parcel is on its way to ***** **, 466***** Portalegre.\nBest regards,\nThe Shop Team\n", True),
    ("Dear D**** G*****,\nyour parcel is on its way to ***** **, 466***** Portalegre.\nBest regards,\nThe Shop Team\n", False),
    ("Dear Customer,\nyour parcel is on its way.\nBest regards,\nThe Shop Team\n", False),
    ("Hi there,\nthanks!\nKind regards,\nCustomer Service\n+** ** ****5678\n", False),
])
def test_a_message_greeting_and_signature(tmp_path, body, leaks):
    p = tmp_path / "mail.txt"
    p.write_text(body, encoding="utf-8")
    hits = check_file(p, "txt", "share")
    assert bool(hits) is leaks
    assert all("Bourgondi" not in json.dumps(h) and "Diego" not in json.dumps(h) for h in hits)


@pytest.mark.parametrize("doc, leaks", [
    ({"contacts": {"B**** H*****": "(*****) *5349", "W******** V***": "g****@web.de",
                   "Pascale Dussen van": "k************@aol.de", "A**** H*****": "*******4977"}}, True),
    ({"contacts": {"B**** H*****": "(*****) *5349", "W******** V***": "g****@web.de",
                   "P****** D***** ***": "k************@aol.de", "A**** H*****": "*******4977"}}, False),
    ({"colours": {"Deep Blue": "#0000ff", "Light Grey": "#cccccc", "Red": "#ff0000"}}, False),
    ([["Pascale Dussen van", "k************@aol.de"], ["A** B*****", "+** * ****5678"]], True),
    ([["P****** D***** ***", "k************@aol.de"], ["Blue Shirt", "size M"]], False),
])
def test_contact_keys_and_list_records(tmp_path, doc, leaks):
    p = tmp_path / "map.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert bool(check_file(p, "json", "share")) is leaks


def test_coordinates_left_in_their_column_are_a_leak(tmp_path):
    p = _csv(tmp_path / "geo.csv", [["name", "latitude", "longitude"], ["A**", "51.3397", "12.3731"],
                                    ["B**", "48.1374", "11.5755"]])
    assert check_file(p, "csv", "share")
    q = _csv(tmp_path / "geo_masked.csv", [["name", "latitude", "longitude"], ["A**", "*******", "*******"],
                                           ["B**", "*******", "*******"]])
    assert check_file(q, "csv", "share") == []


# verify's own reading of a note's contact block (found by hand: it called these clean): a whole
# name over its masked phone or e-mail with no closing above, and in dispose a postcode and town
# line under a masked street line
@pytest.mark.parametrize("text, preset, kind", [
    ("Jane Smith\n*******0123\n", "share", "name"),
    ("Jan de Vries\nj*******@example.nl\n", "share", "name"),
    ("****** ******\n** *** ** ** ****\n75002 Paris\n", "dispose", "address"),
    ("** ********\n1015 CJ Amsterdam\n", "dispose", "address"),
])
def test_verify_reads_a_contact_block(tmp_path, text, preset, kind):
    p = tmp_path / "note.txt"
    p.write_text(text, encoding="utf-8")
    assert [h["type"] for h in check_file(p, "txt", preset)] == [kind]


@pytest.mark.parametrize("text, preset", [
    ("J*** S****\n*******0123\n", "share"),
    ("Opening hours\n*******0123\n", "share"),
    ("** *** ** ** ****\n75002 Paris\n", "share"),
    ("Mon-Fri\n9-17\n", "dispose"),
])
def test_verify_contact_block_no_false_alarm(tmp_path, text, preset):
    p = tmp_path / "note.txt"
    p.write_text(text, encoding="utf-8")
    assert check_file(p, "txt", preset) == []


def test_verify_a_five_word_town_under_its_masked_postcode_head(tmp_path):
    # world_text --formats mail seed 108: share kept '85** Bad Sankt Leonhard im Lavanttal' (the
    # region) and verify's tagger called its words a street
    from waybill.verify_text import beyond_kept_part

    p = tmp_path / "note.txt"
    p.write_text("please deliver my parcel to\n************* ***\n85** Bad Sankt Leonhard im Lavanttal\n", encoding="utf-8")
    found = [{"type": "address", "where": {"line": 3, "start": s, "end": e}} for s, e in ((0, 4), (9, 14), (27, 36))]
    assert beyond_kept_part(p, "txt", found) == []
    p.write_text("x\n85** Bad Sankt Leonhard Street\n", encoding="utf-8")
    assert beyond_kept_part(p, "txt", [{"type": "address", "where": {"line": 2, "start": 5, "end": 8}}])


def test_a_label_word_before_a_masked_value_is_no_given_name():
    # 'Name: 江**', 'Attn: 叶** ***', 'Reply-To: ...' were read as given names beside a masked value,
    # and verify called such outputs leaking (evasion seed 32; the round's first code too)
    from waybill.detect import detect_text
    for text in ("Name: 江**。", "备注：Attn: 郑**。", "客户留言：Reply-To: ******** <x****@example.com> *******4192，谢谢"):
        assert not [f for f in detect_text(text) if f.type.value == "name" and "*" not in f.text], text


def test_header_roles_of_joined_words():
    # ('postal_code' was read as an e-mail column: the Italian 'posta' starts 'postal'; found by hand)
    from waybill.verify_text import header_role
    assert header_role("postal_code") == "region" and header_role("ship-postal-code") == "region"
    assert header_role("nome_completo") == "name" and header_role("e_mail") == "email"
    assert header_role("house_number") == "address" and header_role("order_id") == "code"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_name_beside_a_masked_phone_under_a_key_that_says_nothing(tmp_path, fmt):
    # (found by hand, 2026-12-07: the masker kept both names, and verify called the files clean)
    recs = [{"nm": "王小明", "mob": "*******5678"}, {"n": "Lee Chang", "p": "******0123", "a": "*** ****"},
            {"s": "已签收", "t": "Express Saver", "m": "*******5678", "note": "周末送", "c": "顺丰"},
            {"x": "New York", "e": "j***@example.com"}]
    p = tmp_path / f"r.{fmt}"
    p.write_text(json.dumps(recs, ensure_ascii=False) if fmt == "json"
                 else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    hits = check_file(p, fmt, "share")
    assert sorted((h["type"], h["where"]["record"]) for h in hits) == [("name", 1), ("name", 2)], hits


def test_a_room_number_left_in_its_own_column_is_found(tmp_path):
    # (the masker's column rules learnt '楼号', '单元', '房号', 'Hausnr' on 2026-12-07; verify reads
    # them too: a room's number standing there is the detail share removes)
    p = _csv(tmp_path / "cn.csv", [["单号", "收件人", "楼号", "单元", "房号"], ["SF1", "王**", "*", "*", "1102"]])
    assert {h["type"] for h in check_file(p, "csv", "share")} == {"address"}
    clean = _csv(tmp_path / "cn2.csv", [["单号", "收件人", "楼号", "单元", "房号"], ["SF1", "王**", "*", "*", "****"]])
    assert check_file(clean, "csv", "share") == []
