"""A column that holds the street line only ('Street', 'Address line 1', 'Straße', a vCard's street
field, the first line after 'please deliver my parcel to'): no part of it is the town. Found by
world_text --formats vcf,mail,regions --locales scripts seed 95: 'House 84, Keshabpara' under a
'Street' header kept its last part as the town (62.5% of Bengali street lines in share). Also: a
10-digit postcode in a postcode column, a word's combining marks, names with an apostrophe, geresh
or hyphen in other scripts after a greeting. Values are synthetic."""
import io
import json
import os

import pytest

from waybill.api import Settings, mask_stream
from waybill.detect import detect_text
from waybill.engine import column_hint, street_column
from waybill.model import EntityType as T

os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)


def _mask(text: str, preset: str = "share", fmt: str = "csv") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO(text.encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode()


@pytest.mark.parametrize("header", ["Street", "Street Address", "street_address", "Address line 1", "Address Line 2",
                                    "address1", "addr_2", "Straße", "Strasse", "rue", "calle", "ulica", "улица",
                                    "Adresse ligne 1", "line1"])
def test_street_headers(header):
    assert column_hint(header)[0] is T.ADDRESS
    assert street_column(header)


@pytest.mark.parametrize("header", ["Address", "Shipping Address", "Anschrift", "地址", "详细地址", "ship via", "City",
                                    "街道", "true value"])
def test_other_headers_are_no_street(header):
    assert not (column_hint(header)[0] is T.ADDRESS and street_column(header))


# (street line, a word that must go: the value's last comma part, which an address column keeps as
# its town)
STREETS = [
    ("বাড়ী নং ৮৪, কেশবপাড়া", "কেশবপাড়া"),
    ("বিল্ডিং নং ৯৯, কাজীডাঙ্গা পার্ক", "কাজীডাঙ্গা"),
    ("Flat 3, Rosewood Court", "Rosewood"),
    ("12 Yates Brow, Hillcrest", "Hillcrest"),
    ("Musterstraße 12, Hinterhaus", "Hinterhaus"),
    ("Calle Mayor 5, Bajo B", "Bajo"),
]


@pytest.mark.parametrize("header", ["Street", "Address line 1", "Straße", "ulica"])
@pytest.mark.parametrize("street, word", STREETS)
def test_street_column_keeps_no_town(header, street, word):
    text = f'Name,Phone,{header},City,Postcode\nAnna Berg,+46 70 123 45 67,"{street}",Uppsala,75320\n'
    out = _mask(text)
    body = out.split("\n", 1)[1]
    assert word not in body, body
    assert ",Uppsala,753" in body  # the town and the postcode's head in their own columns stay
    assert word not in _mask(text, "dispose")


def test_full_address_column_keeps_its_town():
    out = _mask('Name,Address\nAnna Berg,"12 Main St, Springfield"\n')
    assert "Springfield" in out and "Main" not in out


def test_street_column_with_a_postcode_keeps_its_region():
    found = detect_text("12 Main St, Springfield, IL 62704", hint=T.ADDRESS, street=True)
    assert any(f.type is T.ADDRESS_REGION and "Springfield" in f.text for f in found)


def test_json_street_key():
    doc = [{"name": "Anna Berg", "street": "Flat 3, Rosewood Court", "city": "Leeds"}]
    got = json.loads(_mask(json.dumps(doc), fmt="json"))[0]
    assert "Rosewood" not in got["street"] and got["city"] == "Leeds"


def test_vcard_street_field():
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Anna Berg\nADR;TYPE=HOME:;;বিল্ডিং নং ৯৯, কাজীডাঙ্গা পার্ক;শেরপুর;;7828;\n"
            "END:VCARD\n")
    out = _mask(card, fmt="txt")
    assert "কাজীডাঙ্গা" not in out and ";শেরপুর;" in out


def test_mail_address_block_first_line():
    mail = "Hello,\nplease deliver my parcel to\nবিল্ডিং নং ৯৯, কাজীডাঙ্গা পার্ক\nশেরপুর 7828\n\nThanks,\nAnna\n"
    out = _mask(mail, fmt="txt")
    assert "কাজীডাঙ্গা" not in out


def test_ten_digit_postcode_column():
    out = _mask("Name,City,Postcode\nAnna Berg,Tehran,2757762584\n")
    assert "2757762584" not in out and "275*******" in out
    assert "275" not in _mask("Name,City,Postcode\nAnna Berg,Tehran,2757762584\n", "dispose").split("\n", 1)[1]


@pytest.mark.parametrize("value, word", [("বাড়ী নং ৮৪, কেশবপাড়া", "কেশবপাড়া"), ("0/4 बनर्जी", "बनर्जी")])
def test_address_column_word_takes_its_marks(value, word):
    # the fill covers the word's combining marks too ('*****ी' showed the last vowel sign)
    found = detect_text(value, hint=T.ADDRESS, street=True)
    assert any(word in value[f.start:f.end] for f in found), found


@pytest.mark.parametrize("line, name", [
    ("Dear שושנה ח'טיב,", "ח'טיב"),
    ("Dear लक्ष्मी डी’सोउज़ा,", "डी’सोउज़ा"),
    ("Dear Բարբարա Մելիք-Աբրահամյան,", "Մելիք-Աբրահամյան"),
])
def test_greeted_name_with_apostrophe_or_hyphen(line, name):
    out = _mask(line + "\nyour parcel is on its way.\n", fmt="txt")
    assert name not in out and name[1:] not in out, out


def test_contact_map_key_with_apostrophe():
    out = _mask(json.dumps({"contacts": {"लक्ष्मी डी’सोउज़ा": "010-60248113"}}, ensure_ascii=False), fmt="json")
    assert "सोउज़ा" not in out and "60248113" not in out


def test_street_column_house_number_first():
    # '4162 İsmet River' was read as a postcode and its town; under 'Street' it is a house number
    for street in ("4162 İsmet River", "1834 Gülen Inlet"):
        out = _mask(f'Name,Street,City,Postcode\nAnna Berg,"{street}",Sakaryashire,79200\n')
        body = out.split("\n", 1)[1]
        assert street.split()[1] not in body and street[:2] not in body.split(",")[1], body


# (seed 95 of world_text --formats mail: a contact word beside a name is a surname)
@pytest.mark.parametrize("line, name", [("Dear Carin Ring,", "Ring"), ("Dear 林 翼,", "翼"), ("Hi Us Gülen,", "Gülen")])
def test_greeted_names_seed_95(line, name):
    out = _mask(line + "\nyour parcel is on its way.\n", fmt="txt")
    assert name not in out, out


@pytest.mark.parametrize("line", ["Hi Front Desk,", "Dear Customer Service,", "Dear Valued Customer,", "Hi there,",
                                  "Dear Delivery Team,"])
def test_greetings_to_no_person_stay(line):
    text = line + "\nyour parcel is on its way.\n"
    assert _mask(text, fmt="txt") == text


def test_signed_name_with_a_street_word():
    mail = "Hello,\nplease deliver soon.\nThanks,\nKimberley Lane\n"
    out = _mask(mail, fmt="txt")
    assert "Kimberley" not in out and "Lane" not in out
    team = "Hello,\nplease deliver soon.\nThanks,\nThe Shop Team\n"
    assert _mask(team, fmt="txt") == team


@pytest.mark.parametrize("key, word", [("Kimberley Lane", "Kimberley"), ("Myrthe d' Heripon", "Heripon"),
                                       ("Collin van 't Erve", "Erve"), ("윤영길", "영길"), ("Us Gülen", "Gülen")])
def test_contact_keys_seed_95(key, word):
    out = _mask(json.dumps({"contacts": {key: "someone@example.com"}}, ensure_ascii=False), fmt="json")
    assert word not in out, out


# (world_text --formats mail seed 95, streets and towns inside a sentence)
@pytest.mark.parametrize("line, gone", [
    ("your parcel is on its way to Contrada Galtarossa, 5 Appartamento 9, 20008 Ghilarza.", ["Galtarossa"]),
    ("your parcel is on its way to Rotonda Pierluigi, 17 Appartamento 7, 90010 Ramiseto.", ["Pierluigi"]),
    ("your parcel is on its way to aleja Konstytucji 3 Maja 498, 68-896 Otwock.", ["Konstytucji", "Maja", "498"]),
])
def test_streets_in_a_sentence(line, gone):
    for preset in ("share", "dispose"):
        out = _mask(line + "\n", preset, "txt")
        assert not any(g in out for g in gone), out


@pytest.mark.parametrize("line, town", [
    ("your parcel is on its way to 599 Vargas Viaduct, South Amanda,  L4J 9R4.", "Amanda"),
    ("your parcel is on its way to Maierstrasse 1, 3544 Biel/Bienne.", "Bienne"),
    # (before an Eircode or an Indian PIN)
    ("your parcel is on its way to 33 Riney Street, Brigid Ville A73 PX6R.", "Brigid"),
    ("your parcel is on its way to 304, Rout Road, Coimbatore 433716.", "Coimbatore"),
])
def test_dispose_removes_the_town_in_a_sentence(line, town):
    assert town in _mask(line + "\n", "share", "txt")
    assert town not in _mask(line + "\n", "dispose", "txt")


def test_signature_with_an_apostrophe_particle():
    mail = "Hello,\nplease deliver soon.\nThanks,\nMyrthe d' Heripon\n+31(0)72 3962967\n"
    out = _mask(mail, fmt="txt")
    assert "Myrthe" not in out and "Heripon" not in out


@pytest.mark.parametrize("key", ["鈴木美加子", "村上聡太郎"])
def test_japanese_contact_key_with_a_three_character_given_name(key):
    out = _mask(json.dumps({"contacts": {key: "someone@example.com"}}, ensure_ascii=False), fmt="json")
    assert key[2:] not in out, out


def test_japanese_place_key_stays():
    doc = json.dumps({"stops": {"鈴木公園": "someone@example.com"}}, ensure_ascii=False)
    assert "鈴木公園" in _mask(doc, fmt="json")


# (world_text --formats mail/map seed 97)
def test_announced_address_street_first_word_and_an_unread_postcode():
    out = _mask("your parcel is on its way to Nokken Fornvej 91, 8572 Gudbjerg.\n", fmt="txt")
    assert "Nokken" not in out and "Gudbjerg" in out
    out = _mask("your parcel is on its way to 507, Zacharia Circle, Dehri 980292.\n", fmt="txt")
    assert "980292" not in out and "Zacharia" not in out and "Dehri" in out
    out = _mask("your parcel is on its way to 12 Main Street, Springfield. Call Bob tomorrow\n", fmt="txt")
    assert "Springfield" in out and "Call" in out


def test_signature_with_das():
    out = _mask("Hello,\nplease deliver soon.\nThanks,\nLeonardo das Neves\n95 6306-7062\n", fmt="txt")
    assert "Leonardo" not in out and "Neves" not in out


def test_japanese_contact_key_manabu():
    out = _mask(json.dumps({"contacts": {"鈴木学": "someone@example.com"}}, ensure_ascii=False), fmt="json")
    assert "鈴木学" not in out


def test_austrian_town_with_in_stays_whole_in_share():
    mail = "Hello,\nplease deliver my parcel to\nLiam-Dünser-Gasse 8\n8144 Rohrbach in Oberösterreich\n\nThanks,\nAnna\n"
    out = _mask(mail, fmt="txt")
    assert "Rohrbach in Oberösterreich" in out and "Dünser" not in out
    assert "Rohrbach" not in _mask(mail, "dispose", "txt")


def test_japanese_contact_key_with_a_one_character_family_name():
    out = _mask(json.dumps({"contacts": {"森裕美子": "someone@example.com"}}, ensure_ascii=False), fmt="json")
    assert "裕美子" not in out, out


def test_signature_surname_sales():
    out = _mask("Hello,\nplease deliver soon.\nThanks,\nVitória Sales\n", fmt="txt")
    assert "Vitória" not in out and "Sales" not in out
    for team in ("Sales", "Sales Team", "Sales Department"):
        text = f"Hello,\nplease deliver soon.\nThanks,\n{team}\n"
        assert _mask(text, fmt="txt") == text


@pytest.mark.parametrize("line, given", [("Recipient: 長谷川美加子", "美加子"), ("Recipient: 鈴木美加子 090-1234-5678", "加子"),
                                         ("Name: 佐藤健太郎", "太郎")])
def test_japanese_name_of_five_or_six_after_a_label(line, given):
    # (world_text --more-forms seed 93: 'Recipient: 長谷川美加子' kept 美加子)
    out = _mask(line + "\n", fmt="txt")
    assert given not in out, out


def test_chinese_name_glued_to_an_address_is_cut_as_before():
    out = _mask("收件人：张伟明北京市朝阳区\n", fmt="txt")
    assert "北京市朝阳区" in out and "伟明" not in out


# (world_text --locales scripts --formats map seed 100: three Vietnamese landlines under one-word keys
# stood in share and dispose; no pattern takes '(02) 4219 2161' and the keys named nothing known)
@pytest.mark.parametrize("preset", ["share", "dispose"])
def test_a_contact_list_with_one_word_keys(preset):
    doc = {"contacts": {"LêJohn": "+84 73 8458810", "VũJohn": "vu.john@example.com", "BùiJohn": "00 2671 2349",
                        "LêJane": "(02) 4219 2161", "Tuấn": "0912 345 678", "Mẹ": "(00) 1378 2327"}}
    out = json.loads(_mask(json.dumps(doc, ensure_ascii=False), preset, fmt="json"))["contacts"]
    text = json.dumps(out, ensure_ascii=False)
    for gone in ("2671", "4219", "1378", "LêJohn", "BùiJohn", "Tuấn", "Mẹ"):
        assert gone not in text, (gone, text)
    assert len(out) == 6


@pytest.mark.parametrize("doc", [
    # settings, a record of field names, an order: no contact list (lower-case keys, field words)
    {"settings": {"support": "400-820-8820", "timeout": "30", "Version": "2026 1201 01"}},
    {"order": {"Order": "2026 1234 5678", "Status": "shipped"}},
    # one entry is no list
    {"Tuấn": "(02) 4219 2161", "note": "leave at the door", "Status": "new", "size": "M"},
])
def test_no_contact_list_where_keys_are_fields(doc):
    from waybill.formats.jsonfmt import contact_map
    from waybill.pipeline import build_engine
    from waybill.masking import load_policy
    eng = build_engine(load_policy("share"), None, None, b"\0" * 32)
    for node in [doc] + [v for v in doc.values() if isinstance(v, dict)]:
        masked = [(k, k, ()) for k in node]
        assert contact_map(eng, node, masked, set()) == [], node


# (world_text --formats vcf,mail,regions,map seed 102)
@pytest.mark.parametrize("text, gone", [
    ("Dear David Sellers,\nyour parcel is on its way.\nBest regards,\nThe Shop Team\n", "Sellers"),
    ("Dear Anna Friend,\nyour parcel is on its way.\n", "Friend"),
    ("Hello,\nplease deliver my parcel to\nYoussefstraat 4\n2467 ON Coevorden\nThanks,\nLuka die Bont\n", "Bont"),
])
def test_surnames_that_are_group_words_and_a_dutch_particle(text, gone):
    assert gone not in _mask(text, fmt="txt")


@pytest.mark.parametrize("text", ["Dear Valued Customer,\nhi\n", "Dear Customer,\nhi\n", "Hi All Sellers,\nhi\n",
                                  "Best regards,\nCustomer Service\n", "Best regards,\nThe Shop Team\n"])
def test_greetings_and_signatures_of_groups_stay(text):
    assert _mask(text, fmt="txt") == text


def test_a_contact_key_before_a_number_with_an_extension():
    out = _mask(json.dumps({"contacts": {"David Sellers": "481-892-6108x3865", "Anna Berg": "+46 70 123 45 67"}}),
                fmt="json")
    assert "Sellers" not in out and "Berg" not in out, out


def test_a_town_with_a_particle_goes_whole_in_dispose():
    out = _mask("Dear Enrico Campos,\nyour parcel is on its way to Feira Antonella Monteiro, 85, 99124-379 "
                "Silveira dos Dourados.\n", "dispose", fmt="txt")
    assert "Dourados" not in out and "Silveira" not in out, out


def test_two_units_before_one_street_do_not_crash_the_reader():
    # 'Studio 7' after a phone whose last group reads as a unit's number: two units before one
    # street emptied a slot that the next pass read (AttributeError, the whole run exited 6;
    # world_text seed 120 en_GB, a fresh seed)
    from waybill.detect import detect_text
    text = "Deliver to Ann Lee Tel +44(0)1632 960123 Studio 7, Payne Mountain, Hansontown RM3B 1AR"
    got = detect_text(text)
    assert any(f.type.value == "address" and "Payne" in f.text for f in got)


@pytest.mark.parametrize("header", ["楼号", "单元", "房号", "门牌号", "Hausnr", "Haus-Nr", "apt", "apt_no", "Apt No",
                                    "unit no", "Room", "Building", "floor", "suite"])
def test_a_building_unit_or_room_column_is_street_line(header):
    # (found by hand, 2026-12-07: a bare '3', '1102', '27', '#12' stood in share under such columns;
    # the unit and room are what GB/T 41833 asks a privacy waybill to hide)
    assert column_hint(header)[0] is T.ADDRESS and street_column(header)
    out = _mask(f"id,{header}\n1,1102\n2,#12\n")
    assert "1102" not in out and "12" not in out, out


@pytest.mark.parametrize("header", ["unit", "Unit Price", "unit_price", "units", "Order No", "roommate"])
def test_units_of_measure_and_prices_are_no_street_line(header):
    assert not street_column(header)
    assert "pcs" in _mask(f"id,{header}\n1,pcs\n")


def test_a_split_contact_export_hides_its_unit_and_room():
    out = _mask("单号,收件人姓,收件人名,楼号,单元,房号\nSF1,王,小明,3,2,1102\n")
    assert out.splitlines()[1].split(",")[3:] == ["*", "*", "****"], out


@pytest.mark.parametrize("line, gone", [("单元：2 房号：1102", ["1102", "：2"]), ("楼号: 7，房间号 305", ["305", ": 7"]),
                                        ("门牌号：12A，麻烦放门口", ["12A"])])
def test_a_chinese_unit_or_room_after_its_label_in_a_note(line, gone):
    out = _mask(line + "\n", fmt="txt")
    for g in gone:
        assert g not in out, out
    assert out.count("*") >= 2 and ("单元" in out or "楼号" in out or "门牌号" in out), out


def test_a_chinese_unit_word_without_a_number_stays():
    assert _mask("单元格式错误，请重新导出\n", fmt="txt") == "单元格式错误，请重新导出\n"
