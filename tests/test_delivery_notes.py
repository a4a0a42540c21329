"""What people write in delivery notes and remarks (found by hand, 2026-12-06; each stood in every
preset): a door, gate or keypad code and a parcel locker's pickup code after their label, a
messenger account after a label the handle rules did not know (Wangwang, DingTalk, Douyin), a bank
card or IBAN after its label, a relative's or neighbour's name after 'my wife', 'my cousin', and a
name after 本名 ('real name'). Values are synthetic."""
import io
import os

import pytest

from waybill.api import Settings, mask_stream
from waybill.detect import detect_text

os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)


def _mask(text: str, preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, "txt", Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


def _gone_and_kept(line: str, gone, kept, presets=("share",)) -> None:
    """Every string of ``gone`` masked and every one of ``kept`` still there, in each preset."""
    for preset in presets:
        out = _mask(line, preset)
        assert not any(g in out for g in gone), (preset, out)
        assert all(k in out for k in kept), (preset, out)


@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("line, gone", [
    ("送货上门，门禁密码 #1234，放门口", "1234"),
    ("门禁密码是8866#，放门口", "8866"),
    ("菜鸟驿站取件码 5-2-3021 请尽快取", "3021"),
    ("Gate code 4711# then second door on the left", "4711"),
    ("Door code: 2580. Leave at the door.", "2580"),
    ("Digicode : A1234, 3e étage", "1234"),
    ("Türcode 2580, bitte klingeln", "2580"),
    ("Código de acceso 4567", "4567"),
    ("发货人赵敏，淘宝旺旺 zhaomin2026，电话18657112345", "zhaomin2026"),
    ("钉钉：zhangwei_dd 抖音号：dy123456789", "zhangwei_dd"),
    ("钉钉：zhangwei_dd 抖音号：dy123456789", "dy123456789"),
    ("WhatsApp: li_lei_88", "li_lei_88"),
    ("收件人：马云 银行卡号 6222 0202 0000 1234 567", "0000 1234"),
    ("退款卡号：6217000010001234567", "0001234"),
    ("IBAN: DE89 3704 0044 0532 0130 00", "0044 0532"),
    ("Refund to IBAN GB29NWBK60161331926819 please", "1331926819"),
    ("My cousin Chen Jie will pick it up", "Jie"),
    ("Leave with my wife Wang Fang if I am out", "Fang"),
    ("Please give it to my neighbour Hans Müller next door", "Müller"),
    ("my friend, Anna Berg, will sign", "Berg"),
    ("快递放菜鸟驿站就行，本名王建军", "建军"),
    ("老公叫张伟，电话一三八一二三四五六七八", "张伟"),
    ("我妈叫刘桂兰，她在家", "桂兰"),
    ("邻居名叫王芳", "王芳"),
    # a name right before 'at' and an address in a sentence
    ("rescheduled for Li Na at Rm 302, 18 Wenyi Rd", "Li Na"),
    ("left with Tom Brown at 12 High St, Leeds", "Brown"),
    # a verb of calling before a number with no trunk 0 (Spanish, Italian, Polish mobiles)
    ("Llamar al 612 345 678 antes de entregar", "612 345"),
    ("Chiamare 333 123 4567 prima della consegna", "333 123"),
    ("Zadzwoń 512 345 678 przed dostawą", "512 345"),
    # a family by its surname, Italian titles in lower case, delivery phrases before a name
    ("Bei Familie Schneider klingeln", "Schneider"),
    ("la famille Martin habite ici", "Martin"),
    ("Lasciare al portiere, sig.ra Rossi", "Rossi"),
    ("Livrer à Jean-Pierre Dubois, 2e étage", "Dubois"),
    ("Entregar a María José Fernández en recepción", "Fernández"),
])
def test_a_note_keeps_nothing_personal(line, gone, preset):
    out = _mask(line, preset)
    assert gone not in out, out


@pytest.mark.parametrize("line", [
    "Password 1234", "Barcode 123456", "Zip code 94107", "The code is on the box", "门禁卡在物业",
    "My son will pick it up", "Tell my mother I said hi", "My Dad And I love it", "实名认证已完成",
    "Order card number 12 pcs",
    "Bei Regen bitte in die Garage", "Leave with Neighbour next door", "Hand it to Reception", "Give to security",
    "Dejar con el portero", "Familie 3 Personen", "我老公叫什么不重要", "朋友叫我去",
])
def test_what_is_no_code_name_or_card_stays(line):
    assert _mask(line) == line


def test_a_delivery_phrase_leaves_the_sentence_after_the_name():
    assert _mask("Entregar a María José Fernández en recepción").endswith(" en recepción")


def test_a_door_code_is_part_of_the_address():
    found = detect_text("门禁密码 #1234，放门口", region="CN")
    assert any(f.detector == "access_code" and f.type.value == "address" for f in found), found


def test_no_name_before_an_address_without_one():
    found = detect_text("Meet at 12 High St", region="US")
    assert not any(f.detector == "name_en.before_address" for f in found), found


# a street with no house number ('S/N', sem/sin número) and a weak or long type: it stood whole in
# share and dispose (world_text --formats vcf,mail,regions,map seed 104, pt_PT mail: six words and no
# digit after 'please deliver my parcel to', and the street detector ran only on texts with a digit)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("street", ["Av dos Capitães de Abril, S/N", "Avenida dos Capitães de Abril, S/N",
                                    "Avenida da República Portuguesa, s/nº"])
def test_a_street_without_a_number_in_a_message(street, preset):
    out = _mask("Hello,\nplease deliver my parcel to\n" + street + "\n1422-856 Vila Real de Santo António\n"
                "Thanks,\nConstança Araújo", preset)
    lines = out.split("\n")
    assert "Capit" not in out and "Rep" not in lines[2] and "Abril" not in out
    assert "Constança" not in out
    assert ("856" in out) is False
    if preset == "share":
        assert lines[3].endswith("Vila Real de Santo António")


@pytest.mark.parametrize("line, gone", [
    ("Av dos Capitães de Abril, S/N", "Capit"),
    ("Entregar em Av. da Liberdade, s/n, Lisboa", "Liberdade"),
    ("Calle Mayor s/n", "Mayor"),
])
def test_a_street_without_a_number_on_its_own(line, gone):
    assert gone not in _mask(line)


def test_s_n_that_is_no_street_stays():
    assert _mask("Código S/N 5 items") == "Código S/N 5 items"


@pytest.mark.parametrize("line, town", [("1422-856 Vila Real de Santo António", "Vila Real de Santo António"),
                                        ("00-514 Warszawa", "Warszawa"), ("01310-100 São Paulo", "São Paulo")])
def test_a_dashed_postcode_and_town_alone_on_a_line(line, town):
    share, dispose = _mask(line), _mask(line, "dispose")
    assert share.endswith(town) and share[:6] != line[:6]
    assert town not in dispose and not any(c.isdigit() for c in dispose)


@pytest.mark.parametrize("line", ["2020-2021 Season", "12-345 Items shipped today"])
def test_a_dashed_number_that_is_no_postcode_stays(line):
    assert _mask(line, "dispose") == line


# a Dutch name as a register sorts it, its particle last (Faker's nl_NL and de_DE write them): under a
# closing and in a JSON record it stood (world_text --formats vcf,mail,regions,map seed 105)
@pytest.mark.parametrize("name", ["Amy Bourgondië, van", "Pascale Dussen van"])
def test_a_name_with_its_particle_last(name):
    out = _mask("Hello,\nplease deliver my parcel to\nHauptstr. 5\n10115 Berlin\nThanks,\n" + name + "\n+49 30 1234567")
    assert name.split()[1].strip(",") not in out
    js = io.BytesIO()
    mask_stream(io.BytesIO(('[["' + name + '", "kx@aol.de"]]').encode()), js, "json", Settings(preset="share"))
    assert name.split()[1].strip(",") not in js.getvalue().decode()


# the sentence after an address that ends with its postcode is no part of the address: 'Call
# 800.844.1367 if nobody is home' was read as the town, and 2 digits of the number masked as one
# (world_text seed 107, en_CA JSON note). A toll-free number given as the person's, after their name
# and with no hotline's word before it, is masked as their phone (it stood as a service's until the
# twenty-fifth round: world_text --more-forms seed 107 counted it a leak)
def test_a_sentence_after_the_postcode_is_no_address():
    out = _mask("Please deliver to Ann Smith at 12 King Street, Jeremymouth,  P5V 2K8. Call 800.844.1367 if nobody is home.")
    assert out.endswith("P5V ***. Call ***.***.1367 if nobody is home.") and "Ann" not in out and "King" not in out
    out = _mask("Please deliver to Ann Smith at 12 King Street, Jeremymouth,  P5V 2K8. Call 604.844.1367 if nobody is home.")
    assert "604" not in out and out.endswith("1367 if nobody is home.")


# a surname first and its given name after a comma, and surnames typed in lower case after a
# lower-case title (found by hand, 2026-12-06): the given name, or the whole name, stood
@pytest.mark.parametrize("line, gone", [
    ("Sender: Brown, Thomas, 07700 900123", "Thomas"),
    ("To: Müller, Hans - 0151 23456789", "Hans"),
    ("Name: Garcia Lopez, Maria Jose", "Maria"),
    ("Name: Garcia Lopez, Maria Jose", "Jose"),
    ("From Smythe, Siobhán / 087 123 4567", "Smythe"),
    ("From Smythe, Siobhán / 087 123 4567", "Siobhán"),
    ("the parcel for mrs o'neill at no. 7 is in the shed", "neill"),
    ("for mr smith at 12 high st", "smith"),
])
def test_surname_first_and_lower_case_titles(line, gone):
    assert gone not in _mask(line)


@pytest.mark.parametrize("line, kept", [("Ship to: John Smith, 12 High St", ", "), ("the mr right of parcels", "right"),
                                        ("ms word file attached", "word")])
def test_what_a_title_or_comma_does_not_make_a_name(line, kept):
    out = _mask(line)
    assert kept in out and "John" not in out


# a pair of coordinates in a note or a map link pins a home to metres (found by hand: each stood)
@pytest.mark.parametrize("line", ["GPS: 51.3397, 12.3731", "坐标：30.274084,120.15507 放门口", "Location 51.33970 N, 12.37310 E",
                                  "https://maps.google.com/?q=51.3397,12.3731", "Drop pin: -33.868800,151.209300"])
def test_coordinates_in_a_note(line):
    out = _mask(line, "share")
    assert not any(x in out for x in ("3397", "2740", "3731", "5507", "8688", "2093"))


@pytest.mark.parametrize("line", ["Weight 12.50 kg, price 19.99", "Version 1.2.3 4.5.6", "Total 12.500 kg, 3.250 m3"])
def test_numbers_that_are_no_coordinates(line):
    assert _mask(line, "dispose") == line


# a phone's word after a name, and who or where answers it (found by hand): '楼下电话', '门卫电话' were
# read as names (楼 and 门 are surnames) and masked; '张伟电话' masked 电话 with the name
@pytest.mark.parametrize("line, kept, gone", [
    ("楼下电话13812345678", "楼下电话", "1234"),
    ("放门卫室，门卫电话 0571-88886666", "门卫电话", "8888"),
    ("张伟电话13812345678", "电话", "伟"),
    ("欧阳娜娜的电话13812345678", "的电话", "娜"),
])
def test_a_phone_word_after_a_name(line, kept, gone):
    out = _mask(line)
    assert kept in out and gone not in out


@pytest.mark.parametrize("line, gone", [
    ("Ship to: JOHN SMITH / 07700900123", "0090"),  # (a phone after a name in capitals stood)
    ("Contact 0612345678 (Jan de Vries)", "Vries"),  # (a name in brackets after a phone stood)
])
def test_a_name_and_phone_side_by_side(line, gone):
    assert gone not in _mask(line)


@pytest.mark.parametrize("line", ["ORDER REF / 07700900123", "Tel 0612345678 (Office Hours)"])
def test_no_name_beside_a_number(line):
    out = _mask(line)
    assert ("ORDER REF" in out and "07700900123" in out) if "ORDER" in line else "Office Hours" in out


# a message's town line under its street: read as usaddress's house number and street, share masked
# half the town ('***** *** Giustino Valdarno') and verify called the rest a street (world_text
# --formats vcf,mail,regions,map seeds 105, 106: the false alarms); US house numbers and streets
# without a type stay masked whole
@pytest.mark.parametrize("town_line, kept", [("52024 San Giustino Valdarno", "San Giustino Valdarno"),
                                             ("1234 AB Oud Apelkanaal", "Oud Apelkanaal"),
                                             ("33801 Ängelholm", "Ängelholm")])
def test_a_town_line_under_the_street(town_line, kept):
    out = _mask("Hello,\nplease deliver my parcel to\nStretto Giacobbe, 7\n" + town_line + "\nThanks,\nMercedes Antonelli")
    line = out.split("\n")[3]
    assert line.endswith(" " + kept) and line[:2] == town_line[:2] and line[2] == "*"


@pytest.mark.parametrize("street", ["2500 Broadway", "12345 Castle Rock", "8420 Smith Lodge"])
def test_a_us_street_alone_in_an_address_column_is_masked_whole(street):
    out = _mask_csv("address\n" + street + "\n").split("\n")[1]
    assert not any(c.isalnum() for c in out)


def _mask_csv(text: str) -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO(text.encode()), out, "csv", Settings(preset="share"))
    return out.getvalue().decode()


def test_a_dutch_town_and_its_municipality_after_gem_without_a_dot():
    # 'Alteveer gem Hoogeveen': dispose left 'gem Hoogeveen' (world_text --formats mail seed 106)
    text = "Dear Julie Koster,\nyour parcel is on its way to Stenboulevard 619, 7298LJ Alteveer gem Hoogeveen."
    assert "Hoogeveen" not in _mask(text, "dispose")
    assert _mask(text).endswith("Alteveer gem Hoogeveen.")


# Hong Kong's and Macau's areas between the region and the district (found by hand): dispose left
# '新界' before the masked detail, and share masked '九龍旺角...' whole as the detail
@pytest.mark.parametrize("line, region", [
    ("寄件人：黃志強 +852 6123 4567，香港新界沙田大圍積富街8號翠田閣12樓1205室", "香港新界沙田"),
    ("收件人：陳大文 電話：9123 4567 地址：香港九龍旺角彌敦道123號4樓A室", "香港九龍"),
    ("地址：香港九龍城區太子道西1號", "香港九龍城區"),
    ("地址：澳門氹仔海洋花園大馬路1號", "澳門氹仔"),
])
def test_hong_kong_and_macau_areas(line, region):
    share, dispose = _mask(line), _mask(line, "dispose")
    assert region in share and share.split(region, 1)[1].lstrip("*")[:1] in ("", " ")
    assert not any(c in dispose for c in "港新界九龍澳氹")


# Indian addresses as forms and labels write them (found by hand): a relative's name after S/O, D/O,
# W/O stood, and so did a village, its post office and a landmark (and the PIN whole)
@pytest.mark.parametrize("line, gone", [
    ("Name: Arjun Reddy S/O Venkat Reddy, Mob 9876543210", "Venkat"),
    ("Consignee: Meena Kumari D/O Late Shri Ram Prasad, Vill. Rampur, PO Bhagalpur, Dist. Patna, Bihar 800001", "Prasad"),
    ("Consignee: Meena Kumari D/O Late Shri Ram Prasad, Vill. Rampur, PO Bhagalpur, Dist. Patna, Bihar 800001", "Rampur"),
    ("Consignee: Meena Kumari D/O Late Shri Ram Prasad, Vill. Rampur, PO Bhagalpur, Dist. Patna, Bihar 800001", "Bhagalpur"),
    ("Consignee: Meena Kumari D/O Late Shri Ram Prasad, Vill. Rampur, PO Bhagalpur, Dist. Patna, Bihar 800001", "800001"),
    ("Landmark: opposite Shiv Mandir, behind Gupta General Store", "Mandir"),
    ("Deliver to Ram, son of Shyam Lal", "Shyam"),
])
def test_indian_relations_villages_and_landmarks(line, gone):
    assert gone not in _mask(line)


def test_an_indian_district_stays_in_share():
    out = _mask("Consignee: Meena Kumari, Vill. Rampur, PO Bhagalpur, Dist. Patna, Bihar 800001")
    assert "Dist. Patna" in out and "800***" in out


@pytest.mark.parametrize("line", ["The Lord of the Rings", "Place of Delivery: Main Gate", "Post your review online"])
def test_no_relation_or_village_in_plain_words(line):
    assert _mask(line) == line


# a phone after a calling verb with 'me' ('Ring me: 07700900123': the label's bare 'ring' matched
# first and its gap could not take 'me'), and a mobile written without a separator alone on a
# line of a note (found by hand, both stood in every preset)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone", [
    ("Ring me: 07700900123", "0090"),
    ("Call me on 07700900123", "0090"),
    ("Text me at 0612345678", "3456"),
    ("WhatsApp me on 07700900123", "0090"),
    ("Hi,\nplease leave it at the door\n07700900123\nThanks", "0090"),
    ("0612345678", "3456"),
    ("Parcel for flat 2\n(01512345678)", "2345"),
    ("Leave with Mary next door, 0612345678", "3456"),  # (in a sentence of a note too)
    ("Thanks 0612345678 ok", "3456"),
    ("my cellphone is 0151 2345678", "2345"),
])
def test_a_phone_after_ring_me_or_alone_on_its_line(note, gone, preset):
    assert gone not in _mask(note, preset)


@pytest.mark.parametrize("note, kept", [
    ("Order no:\n0612345678", "0612345678"),
    ("Tracking number\n0612345678", "0612345678"),
    ("Invoice #\n07700900123", "07700900123"),
    ("Ihre Bestellung 0612345678 wurde versandt", "0612345678"),  # (an order's number after its word)
    ("Order number: 0612345678 shipped", "0612345678"),
    ("Votre commande n° 0612345678 est partie", "0612345678"),
    ("see https://shop.example/orders/0612345678 for details", "0612345678"),
])
def test_a_reference_number_alone_on_its_line_stays(note, kept):
    assert kept in _mask(note)


def test_a_national_number_after_its_country_code_is_the_plus_numbers():
    # the sentence rule took '0894753651' out of '+39 0894753651' and dispose left '+39' (world_text
    # seed 1, the identity set)
    line = "Victoria Lattuada | +39 0894753651 | leopardi@example.com"
    assert "+39" not in _mask(line, "dispose") and "+**" in _mask(line)


def test_a_table_cell_of_a_mobile_shape_stays_an_order_number():
    out = io.BytesIO()
    mask_stream(io.BytesIO(b"order_id,sku\n0612345678,07700900123\n"), out, "csv", Settings(preset="share"))
    assert out.getvalue().decode().splitlines()[1] == "0612345678,07700900123"


# a contact block with no label at a note's start: the name alone on its line, its phone, street
# or e-mail on the next (the name stood, read alone; found by hand); a number alone under a name
# is a phone whatever its writing (a Polish mobile has no trunk 0)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone", [
    ("Jane Smith\n07700 900123\n12 High Street\nLondon SW1A 2AA", ["Jane", "Smith"]),
    ("Hi, parcel for\nJan de Vries\n0612345678\nKeizersgracht 12", ["Vries"]),
    ("Müller, Hans\nHauptstr. 5\n10115 Berlin", ["Müller", "Hans"]),
    ("Anna Kowalska\n512345678\nul. Długa 5/3", ["Anna", "Kowalska", "2345"]),
    ("Sean O'Brien\njane.obrien@example.ie", ["Sean", "Brien"]),
])
def test_a_name_over_its_phone_street_or_e_mail(note, gone, preset):
    out = _mask(note, preset)
    assert not [g for g in gone if g in out], out


@pytest.mark.parametrize("note", ["Opening Hours\nMon-Fri 9-17", "Delivery notes\nLeave with neighbour",
                                  "Customer Service\n0800 123 4567"])
def test_a_heading_over_a_line_that_is_no_contact_stays(note):
    assert _mask(note).split("\n")[0] == note.split("\n")[0]


# the postcode and town line under a street line is the region: share keeps it, dispose removes
# it (it stood in dispose, read as words; found by hand)
@pytest.mark.parametrize("street, town", [("12 rue de la Paix", "75002 Paris"), ("Apt 4, 12 Main St", "Dublin 2"),
                                          ("Keizersgracht 12", "1015 CJ Amsterdam"), ("Hauptstr. 5", "10115 Berlin")])
def test_the_town_line_under_a_street(street, town):
    note = "Pierre Dubois\n" + street + "\n" + town + "\nThanks"
    assert _mask(note).split("\n")[2] == town
    gone = _mask(note, "dispose").split("\n")[2]
    assert set(gone) <= {"*", " "}, gone
    assert _mask("Opening hours\nMon-Fri 9-17", "dispose").endswith("Mon-Fri 9-17")


def test_blocks_of_lines_stay_whole_across_worker_pieces(tmp_path, monkeypatch):
    """A note's lines are read with their neighbours (a name over its phone, a town under its
    street): workers cut the text at a blank line so that a block is read in one piece, and give
    what one process gives."""
    from typer.testing import CliRunner

    from waybill.cli import app
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 700)
    block = "Pierre Dubois\n06 12 34 56 78\n12 rue de la Paix\n75002 Paris\n\nAnna Kowalska\n512345678\n\n"
    src = tmp_path / "notes.txt"
    src.write_text(block * 200, encoding="utf-8")
    outs = []
    for w in ("1", "2"):
        r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / w), "-q", "--workers", w,
                                     "--preset", "dispose"])
        assert r.exit_code == 0
        outs.append((tmp_path / w / "notes.txt").read_text("utf-8"))
    assert outs[0] == outs[1]
    for word in ("Pierre", "Paris", "Kowalska", "512345678"):
        assert word not in outs[1]


# names as a register or a noble house writes them (world_text --formats vcf,mail,regions,map seed
# 108: the greeting's particle-last name, a double surname joined by 'en' under a closing and a
# five-word name in a contact list stood)
@pytest.mark.parametrize("note, gone", [
    ("Dear Susana Dussen van,\nyour parcel is on its way.", "Dussen"),
    ("Dear Thijn Coreth von und zu Coredo und Starkenberg,\nthanks", "Starkenberg"),
    ("Hello,\nplease deliver my parcel\nThanks,\nMerijn van Hoevel en van Zwindrecht\n(071)-1234560", "Zwindrecht"),
])
def test_names_with_particles_and_joined_surnames(note, gone):
    assert gone not in _mask(note)


@pytest.mark.parametrize("doc, gone", [
    ('{"a": ["Thijn Coreth von und zu Coredo und Starkenberg", "+31 6 12340023"]}', "Starkenberg"),
    ('{"Thijn Coreth von und zu Coredo und Starkenberg": "+31 6 12340023"}', "Starkenberg"),
    ('{"a": ["Merijn van Hoevel en van Zwindrecht", "m.hoevel@example.nl"]}', "Zwindrecht"),
])
def test_long_names_in_a_contact_list(doc, gone):
    out = io.BytesIO()
    mask_stream(io.BytesIO(doc.encode()), out, "json", Settings(preset="share"))
    assert gone not in out.getvalue().decode()


def test_a_name_with_a_zero_width_joiner_under_a_closing():
    # 'अनन्\u200dत' (a zero-width joiner inside the word, as Devanagari writes it) stood under
    # 'Thanks,' and in a contact list (world_text --locales scripts seed 105)
    name = "अनन्\u200dत मिश्रा"
    assert "मिश्रा" not in _mask("Hello,\nplease deliver my parcel\nThanks,\n" + name + "\n0946 123 4568")
    out = io.BytesIO()
    mask_stream(io.BytesIO(('{"a": ["' + name + '", "anant@example.in"]}').encode()), out, "json", Settings(preset="share"))
    assert "मिश्रा" not in out.getvalue().decode()


# a surname with an honorific and no given name (found by hand: dispose left '张' of '请联系张先生');
# share keeps a surname, so only dispose changes
@pytest.mark.parametrize("note, share, dispose", [
    ("请联系张先生", "请联系张先生", "请联系*先生"),
    ("收件人：王女士", "收件人：王女士", "收件人：*女士"),
    ("交给欧阳先生", "交给欧阳先生", "交给**先生"),
    # (a compound surname after a contact verb is no surname and given name: share showed 欧*)
    ("请联系欧阳先生", "请联系欧阳先生", "请联系**先生"),
    ("找李师傅拿", "找李师傅拿", "找*师傅拿"),
    ("这位先生您好，我的老师", "这位先生您好，我的老师", "这位先生您好，我的老师"),
])
def test_a_surname_and_its_honorific(note, share, dispose):
    assert _mask(note) == share and _mask(note, "dispose") == dispose


# who picks up or receives for the recipient, in German and Dutch (found by hand: 'Abholer: Klaus
# Meier', 'p/a Fam. de Jong', 'Herrn Weber' stood)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone", [
    ("Abholer: Klaus Meier", "Meier"),
    ("Ansprechpartner: Dr. Ingrid Hoffmann", "Hoffmann"),
    ("p/a Fam. de Jong", "Jong"),
    ("t.a.v. Jan Jansen", "Jansen"),
    ("Bitte bei Nachbar Herrn Weber abgeben", "Weber"),
    ("Bei Familie van der Berg klingeln", "Berg"),
])
def test_pickup_persons_and_family_names(note, gone, preset):
    assert gone not in _mask(note, preset)


@pytest.mark.parametrize("note, kept, gone", [
    ("For the attention of Mr John Smith", "attention of ", "Smith"),
    ("Deliver to my colleague, Anna Lee, reception", "my colleague", "Anna"),
    ("à l'attention de M. Jean Martin", "attention de ", "Martin"),
    ("To: my mum", "my mum", None),
])
def test_a_sentences_words_between_an_anchor_and_the_name_stay(note, kept, gone):
    # 'of', 'my colleague', 'de' were masked as the name (found by hand)
    out = _mask(note)
    assert kept in out and (gone is None or gone not in out)


@pytest.mark.parametrize("note, gone, kept", [
    ("Gate code 1234, leave with concierge Bob", "Bob", "concierge"),
    ("give it to the doorman, Luis", "Luis", "doorman"),
    ("Concierge Desk open 9-5", None, "Concierge Desk open 9-5"),
])
def test_a_buildings_staff_by_name(note, gone, kept):
    # a concierge's or doorman's name after their job stood (found by hand)
    out = _mask(note)
    assert kept in out and (gone is None or gone not in out)


@pytest.mark.parametrize("note, gone", [
    ("Hola, dejen el paquete con mi vecina Carmen en el 2ºB.", "Carmen"),
    ("Hej, lämna paketet hos grannen Anders Nilsson, lgh 1102.", "Nilsson"),
    ("Merhaba, paketi komşum Ayşe Hanım'a bırakın.", "Ayşe"),
    ("Olá, deixem a encomenda com a vizinha D. Fernanda, 3º esq.", "Fernanda"),
    ("Bitte bei meiner Nachbarin Frau Özdemir abgeben.", "Özdemir"),
])
def test_a_neighbours_name_in_other_languages(note, gone):
    # the neighbour's name stood in every preset (found by hand)
    assert gone not in _mask(note) and gone not in _mask(note, "dispose")


@pytest.mark.parametrize("note, gone", [
    ("請交給我媽媽，她叫黃美玲，手機0912-345-678", "美玲"),  # (who a note names after 她叫)
    ("宛名 佐藤花子 携帯 080 1234 5678", "花子"),  # (a Japanese label in kanji alone)
])
def test_names_a_note_gives_in_chinese_and_japanese(note, gone):
    # both stood in every preset (found by hand)
    assert gone not in _mask(note) and gone not in _mask(note, "dispose")


def test_a_guard_and_his_surname():
    assert _mask("麻煩放管理處，交給保安李先生", "dispose").endswith("保安*先生")
    assert "携帯" in _mask("携帯 080 1234 5678")  # (a label, no name)


@pytest.mark.parametrize("note, gone, kept", [
    ("Danke! Lukas 0176 23456789", "Lukas", "Danke!"),
    ("Thanks, Priya 07700 900456", "Priya", "Thanks,"),
    ("Merci, Camille 06 12 34 56 78", "Camille", "Merci,"),
    ("Grazie Giulia 347 123 4567", "Giulia", "Grazie"),
    ("gracias! Lucía 612 345 678", "Lucía", "gracias!"),
    ("dzięki, Kasia 512 345 678", "Kasia", "dzięki,"),
    ("Cheers - Tom (07700 900789)", "Tom", "Cheers"),
    ("Lucía 612 345 678", "Lucía", None),
    ("ask for Dave, 0412 345 678", "Dave", "ask for"),
    ("it's Maria here, my number is 0612345678", "Maria", "my number is"),
    ("This is Hannah, please call 0151 23456789 before delivery", "Hannah", "please call"),
    ("Hier ist Jonas Weber, Handy 0151 23456789", "Jonas", "Hier ist"),
    ("+49 176 2345 6789 (WhatsApp only) - Lena", "Lena", "WhatsApp only"),
    ("Call me on 0176 23456789. Thanks, Lena", "Lena", "Thanks,"),
])
def test_a_given_name_alone_before_a_phone(note, gone, kept):
    # a lone given name after thanks, an introduction or at a line's start stood beside its
    # phone, and words of thanks were masked as a surname ('T*****, P****'); found by hand
    for preset in ("share", "dispose"):
        out = _mask(note, preset)
        assert gone not in out and (kept is None or kept in out), out


@pytest.mark.parametrize("note, digits", [
    ("gracias! 612 345 678", "612 345"),
    ("see you soon, 612-345-678", "612-345"),
    ("dziękuję 512 345 678", "512 345"),
    ("obrigado, 912 345 678", "912 345"),
    ("díky, Petr 602 123 456", "602 123"),
    ("grazie, 347 123 4567", "347 123"),
])
def test_a_mobile_of_a_country_without_trunk_zero_in_a_note(note, digits):
    # grouped as people write them, with no label and no name before them, they stood whole
    assert digits not in _mask(note)


@pytest.mark.parametrize("note", ["Order 612 345 678 shipped", "Paid 1 234 567 EUR", "Invoice no. 347 123 4567",
                                  "Mobile 0176 23456789 only after 6pm", "Call 0176 23456789 - Mobile",
                                  "Ring 07700 900123 before 5 - Monday", "07700 900123 - Thanks, Team"])
def test_no_name_or_phone_made_of_an_order_or_a_label(note):
    out = _mask(note)
    assert note.split()[-1] in out and (note[0].isdigit() or note.split()[0] in out)
    if note.startswith(("Order", "Paid", "Invoice")):
        assert out == note


@pytest.mark.parametrize("note, gone, kept", [
    ("Bitte klingeln bei Schmidt/Yilmaz", "Yilmaz", "klingeln bei"),
    ("Name on bell: KOWALCZYK", "KOWALCZYK", "Name on bell"),
    ("Klingelschild: Meier-Schulz", "Meier", "Klingelschild"),
    ("Sonnerie : Dupont", "Dupont", "Sonnerie"),
    ("ring bell 3 (Novak)", "Novak", "ring bell 3"),
    ("Citofono: Bianchi", "Bianchi", "Citofono"),
])
def test_the_name_on_a_doors_bell(note, gone, kept):
    # the recipient's surname as the bell shows it stood in every preset (found by hand)
    for preset in ("share", "dispose"):
        out = _mask(note, preset)
        assert gone not in out and kept in out, out


@pytest.mark.parametrize("note, gone, kept", [
    ("Empfänger ist mein Sohn Felix", "Felix", "ist mein Sohn"),
    ("Pour ma fille Emma, merci", "Emma", "ma fille"),
    ("Es para mi esposa Lucía", "Lucía", "mi esposa"),
    ("È per mia moglie Giulia", "Giulia", "mia moglie"),
    ("Voor mijn zoon Daan", "Daan", "mijn zoon"),
    ("Dla mojej żony Anny", "Anny", "mojej żony"),
    ("Till min fru Karin", "Karin", "min fru"),
])
def test_a_relatives_name_in_other_languages(note, gone, kept):
    # the name stood, or the German sentence was masked as the name ('Empfänger i** m*** S*** F****')
    for preset in ("share", "dispose"):
        out = _mask(note, preset)
        assert gone not in out and kept in out, out


@pytest.mark.parametrize("note", ["The bell is broken, please knock", "Klingel defekt", "Please ring the bell twice",
                                  "Bell: broken", "Klingel: kaputt, bitte klopfen"])
def test_a_bell_without_a_name_is_no_name(note):
    assert _mask(note) == note


def test_digit_words_joined_by_dashes():
    # 'null-eins-sieben-sechs 2345678' stood whole: the spelled run's gate counted blanks only
    out = _mask("null-eins-sieben-sechs 2345678")
    assert "eins" not in out and "2345" not in out


@pytest.mark.parametrize("note, gone, kept", [
    ("Att.: Marta Gómez", "Marta", "Att.:"),
    ("bei Müller klingeln", "Müller", "klingeln"),
    ("bitte bei Fam. Schmidt läuten", "Schmidt", "läuten"),
])
def test_attention_and_a_bell_as_other_forms_write_them(note, gone, kept):
    out = _mask(note)
    assert gone not in out and kept in out


@pytest.mark.parametrize("note", ["att leverera till dörren", "Bitte bei Nachbarn klingeln"])
def test_a_word_like_an_anchor_is_no_anchor(note):
    assert _mask(note) == note


@pytest.mark.parametrize("note, gone", [("给我老婆李梅", "梅"), ("交给我同事王建国签收", "建国"), ("放邻居刘秀英家", "秀英")])
def test_a_relatives_name_in_a_chinese_note(note, gone):
    # the name after 老婆 / 同事 / 邻居 stood in every preset (found by hand)
    for preset in ("share", "dispose"):
        assert gone not in _mask(note, preset)


@pytest.mark.parametrize("note", ["我老公在家", "给朋友们的礼物", "我妈妈说放门口", "同事帮忙代收", "邻居家"])
def test_a_relatives_word_alone_is_no_name(note):
    assert _mask(note) == note


def test_a_masked_bell_name_reads_as_no_name():
    # verify reads masked outputs with the same rules: a kept initial is no name
    assert not [f for f in detect_text("Klingel: M***********") if f.type.value == "name"]
    assert not [f for f in detect_text("ring bell 3 (N****)") if f.type.value == "name"]


@pytest.mark.parametrize("note, gone, kept", [
    ("Tack! Erik 070-123 45 67", "Erik", "Tack!"),
    ("Tak, Mette 20 12 34 56", "Mette", "Tak,"),
    ("Bedankt, groetjes Sanne 06-12345678", "Sanne", "groetjes"),
    ("Campainha: Sousa", "Sousa", "Campainha"),
    ("Na dzwonku: Nowak", "Nowak", "dzwonku"),
    ("Ovikello: Virtanen", "Virtanen", "Ovikello"),
    ("Zilin üstünde Yılmaz yazıyor", "Yılmaz", "üstünde"),
])
def test_nordic_numbers_and_more_bells(note, gone, kept):
    # a Swedish mobile in its own written form, a Danish one in pairs, and bells in four more
    # languages stood (found by hand)
    out = _mask(note)
    assert gone not in out and kept in out, out
    assert "123 45" not in out and "12 34 56" not in out


@pytest.mark.parametrize("note, gone, kept", [
    ("초인종: 박서준", "서준", "초인종"),
    ("우리 엄마 이영희한테 주세요", "영희", "한테 주세요"),
    ("母に渡してください、名前は田中花子です", "花子", "です"),
    ("Terima kasih, Budi 0812-3456-7890", "Budi", "Terima kasih"),
])
def test_names_in_korean_japanese_and_indonesian_notes(note, gone, kept):
    # a bell's name, a relative's with its particle, a name after 名前は, a name after thanks in two
    # words: they stood in every preset (found by hand)
    for preset in ("share", "dispose"):
        out = _mask(note, preset)
        assert gone not in out and kept in out, out


@pytest.mark.parametrize("note, kept, gone", [
    ("z. Hd. Herrn Dr. Klaus Becker", "Herrn Dr.", "Klaus"),
    ("Empfänger: Herr Prof. Dr. Hans Müller", "Herr Prof. Dr.", "Müller"),
    ("Frau Dr. Weber", "Frau Dr.", "Weber"),
])
def test_a_second_title_is_no_part_of_the_name(note, kept, gone):
    # 'Dr.' after 'Herrn' was masked as the name's first word (found by hand)
    out = _mask(note)
    assert kept in out and gone not in out


@pytest.mark.parametrize("note, kept, gone", [
    ("Kontakt: Frau Dr. med. Anna Schulz, 0171 2345678", "Frau Dr. med.", "Schulz"),
    ("Receiver: José María Fernández de la Cruz", "Receiver:", "Cruz"),
])
def test_academic_titles_and_long_names_after_an_anchor(note, kept, gone):
    # the name stopped at 'med.' and stood whole; a name of six words kept its last (found by hand)
    for preset in ("share", "dispose"):
        out = _mask(note, preset)
        assert kept in out and gone not in out, out


# a note's last line after a closing that lists no surname: a given name alone, and a Chinese name
# after '谢谢！' (found by hand: each stood); a line that is no given name stays
@pytest.mark.parametrize("note, last", [
    ("Hola,\ndejar en portería por favor.\nSaludos,\nAna", "A**"),
    ("Hej!\nLämna paketet vid dörren.\nHälsningar\nAnna", "A***"),
    ("Hi there,\nplease leave the box by the garage.\nCheers\nMick", "M***"),
    ("您好，\n快递请放门卫室。\n谢谢！\n王建国", "王**"),
    ("Thanks,\nSupport", "Support"),
    ("Danke!\nLieferung 3", "Lieferung 3"),
    ("Cheers\nGermany", "Germany"),
])
def test_a_given_name_alone_under_a_closing(note, last):
    assert _mask(note).splitlines()[-1] == last


# a note that ends with a name after its comma, or names whom the parcel is for; a Chinese receiver
# before 收, a nickname, the hands a parcel goes into; a Korean name signing a note (found by hand,
# 2026-12-06 evening: every one stood in share and dispose)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone, kept", [
    ("Leave with neighbour, Sarah Jenkins", "Jenkins", "Leave with neighbour,"),
    ("Kapıya bırakın, Ayşe Yılmaz", "Yılmaz", "Kapıya bırakın,"),
    ("Nechte u sousedů, Jan Novák", "Novák", "Nechte u sousedů,"),
    ("Bitte beim Nachbarn abgeben, Klaus Müller", "Müller", "Bitte beim Nachbarn abgeben,"),
    ("Lasciare al portiere, Giulia Rossi", "Rossi", "Lasciare al portiere,"),
    ("Please leave at the door, thanks, Tom Baker", "Baker", "Please leave at the door, thanks,"),
    ("Thanks for the parcel, Anna Schmidt will pick it up", "Schmidt", "will pick it up"),
    ("Leave at door, Sarah", "Sarah", "Leave at door,"),
    ("Ring 3x for Joe", "Joe", "Ring 3x for"),
    ("Parcel for Anna Lee", "Anna", "Parcel for"),
    ("张伟收，放门口", "张伟", "收，放门口"),
    ("阿强收，放门口", "阿强", "收，放门口"),
    ("小王收", "小王", "收"),
    ("送到张伟明手上", "伟明", "送到"),
    ("请交到李秀英本人手里", "秀英", "本人手里"),
    ("麻烦给王建国本人", "建国", "本人"),
    ("경비실에 맡겨주세요, 박지훈", "지훈", "경비실에 맡겨주세요,"),
])
def test_a_name_that_ends_a_note_or_receives_it(note, gone, kept, preset):
    out = _mask(note, preset)
    assert gone not in out and kept in out, out


# what ends a note so and names no one stays (the same rules must not read these)
@pytest.mark.parametrize("note", [
    "Leave at reception, Main Building",
    "Please leave at the back door, Thank You",
    "Bitte klingeln, Hinterhaus",
    "Leave in the Garage, Many Thanks",
    "Deliver after 5pm, Monday to Friday",
    "Fragile, Handle With Care",
    "Ready for Christmas",
    "Thanks for everything",
    "Spare key for Unit",
    "Rua das Flores 12, Lisboa",
    "Leave at the back door, Amazon",
    "Handle with care, Fragile",
    "本人收",
    "家人代收",
    "请查收",
    "门卫收",
    "请送到公司前台签收",
    "문 앞에 놔주세요, 감사합니다",
    "깨지기 쉬워요, 조심히",
])
def test_words_that_end_a_note_and_name_no_one(note):
    assert _mask(note).endswith(note.rsplit(",", 1)[-1].rsplit(" ", 1)[-1]), _mask(note)


# a Japanese name after a waybill's own label words, its one-character names letter-spaced
# ('お届け先 森 晃 電話 ...' stood: world_text seed 120 ja_JP, a fresh seed); and labels without kana
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone", [
    ("お届け先 森 晃 電話 090-1234-5678", "晃"),
    ("届け先：森 晃", "晃"),
    ("差出人：関 恵", "恵"),
    ("ご依頼主 林 誠 090-1234-5678", "誠"),
])
def test_japanese_names_after_a_waybills_label(note, gone, preset):
    assert gone not in _mask(note, preset)


def test_a_japanese_label_before_an_address_names_no_one():
    assert _mask("お届け先：東京都港区") == "お届け先：東京都港区"


# names as people write them in notes, second batch (found by hand, 2026-12-06 evening: each stood)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone, kept", [
    ("Leave by the blue bin. Regards Siobhán Ní Bhriain", "Bhriain", "Leave by the blue bin. Regards"),
    ("Signed: J. P. Morgenstern", "Morgenstern", "Signed:"),
    ("c/o Lakeview Hotel, Room 1204, guest Liam O'Connor", "O'Connor", "c/o"),
    ("deliver to the guy at the bakery, his name is Marco", "Marco", "his name is"),
    ("Hi it's Priyanka again, pls leave with Raj next door", "Priyanka", "again"),
    ("je m'appelle Camille Durand, merci", "Durand", "merci"),
    ("Ich heiße Jonas, bitte klingeln", "Jonas", "bitte klingeln"),
    ("收件人是我室友，叫他小刘就行", "小刘", "室友"),
    ("给我妹欣怡打电话", "欣怡", "打电话"),
    ("叫她阿珍", "阿珍", "叫她"),
    ("ask the concierge (Pierre) to sign", "Pierre", "to sign"),
    # (a name spelled letter by letter with dots kept every letter as an initial; pronouns between
    # a name and its phone hid the name's place beside it)
    ("Ship to: J.O.H.N S.M.I.T.H", "O.H", "Ship to:"),
    ("Anna Schmidt (she/her), 07700 900123", "Schmidt", "(she/her)"),
])
def test_names_people_write_in_notes_second_batch(note, gone, kept, preset):
    out = _mask(note, preset)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("note", [
    "Guest House Rosa, leave at desk",
    "the street name is Elm",
    "it's Monday again",
    "Thanks a lot",
    "Leave by the blue bin. Thanks Customer Service",
    "我哥明天来取",
    "给我妹打电话",
])
def test_what_such_notes_say_that_names_no_one(note):
    assert _mask(note) == note


def test_a_surname_and_honorific_after_de_goes_in_dispose():
    assert _mask("麻烦交给前台的刘小姐", "dispose") == "麻烦交给前台的*小姐"


# an address field after its label, and an address line that goes on with its colonia, postcode and
# city, or is typed in lower case after '@' (found by hand: the towns stood in dispose, a field
# with no street word the detectors know stood whole)
@pytest.mark.parametrize("note, gone_share, gone_dispose", [
    ("Lieferadresse: Hinterhof links, Aufgang C, 3. OG bei Weber", "Weber", "Aufgang"),
    ("Dirección: Av. Siempre Viva 742, Springfield", "Siempre", "Springfield"),
    ("Endereço: Rua Augusta, 1500, apto 42, Consolação, São Paulo - SP", "Augusta", "Consolação"),
    ("Adres: Atatürk Cad. No: 15 D: 4, Kadıköy/İstanbul", "Atatürk", "Kadıköy"),
    ("Calle Reforma 222, Col. Juárez, C.P. 06600, CDMX", "Reforma", "Juárez"),
    ("leave @ 1600 penn ave nw, dc", "penn", ", dc"),
])
def test_labelled_and_continued_address_fields(note, gone_share, gone_dispose):
    assert gone_share not in _mask(note)
    out = _mask(note, "dispose")
    assert gone_share not in out and gone_dispose not in out, out


def test_an_address_label_keeps_the_phone_after_it_a_phone():
    out = _mask("Adres: Atatürk Cad. No: 15, Kadıköy, Tel: 0532 123 45 67")
    assert "Tel:" in out and "123" not in out and "Atatürk" not in out


# a house or a unit number written in words (found by hand: each stood)
@pytest.mark.parametrize("note, gone", [
    ("I live at forty two Wallaby Way, Sydney", "Wallaby"),
    ("One Microsoft Way, Redmond", "Microsoft"),
    ("Apartment twelve, building five", "twelve"),
    ("flat three, twenty one Baker Street", "Baker"),
])
def test_numbers_written_in_words_in_an_address(note, gone):
    assert gone not in _mask(note)


@pytest.mark.parametrize("note", ["It took two Days to arrive", "I have one Main concern",
                                  "We need twenty Boxes for the move"])
def test_number_words_in_a_sentence_are_no_address(note):
    assert _mask(note) == note


# units inside a sentence, a door by its side, and a bare 'code' beside a door or a floor (found by
# hand: each stood in every preset)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone, kept", [
    ("Wejście od podwórza, domofon 15, drugie piętro", "15", "Wejście od podwórza,"),
    ("Bât A, 3e étage, porte gauche, code 1234B", "1234B", "code"),
    ("Bât A, 3e étage, porte gauche, code 1234B", "étage", "code"),
    ("zimmer 12 im Wohnheim Nord", "12", "im Wohnheim"),
    ("leave at unit 5 please", "unit 5", "leave at"),
    ("Klingel 7 defekt, bitte klopfen", "7", "defekt, bitte klopfen"),
    ("my flat is 4B on the 2nd floor", "2nd", "my flat is"),
    ("Entregar a mi vecina Doña Carmen, 2º B", "2º", "Entregar a mi vecina"),
    ("Dejar en portería, 3º izq.", "izq", "Dejar en portería,"),
    ("Giao cho chị Lan, tầng 5, phòng 502", "502", "Giao cho"),
    ("Antar ke Pak Budi, Blok C No. 12", "Blok C", "Antar ke"),
    ("Entregar ao Sr. João da Silva, apto 301, bloco B", "bloco B", "Entregar ao Sr."),
    ("Teslim alıcı: Zeynep K. — kapı kodu 2580", "2580", "kapı kodu"),
])
def test_units_inside_a_note(note, gone, kept, preset):
    out = _mask(note, preset)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("note", ["It took 3 days, building a house takes time", "top 3 items on the list",
                                  "Discount code 12345 applied", "Quedó 2º en la carrera", "Entrega 24 o 48 horas"])
def test_words_of_units_in_sentences_that_name_none(note):
    assert _mask(note) == note


# a Vietnamese street named by a date after 'số', typed in lower case (found by hand: the street stood
# in every preset, the ward and the district in dispose)
@pytest.mark.parametrize("note, gone_share, gone_dispose", [
    ("Giao đến số 1 3 Tháng 2, phường 11, quận 10", "Tháng", "quận 10"),
])
def test_a_vietnamese_street_named_by_a_date(note, gone_share, gone_dispose):
    share = _mask(note)
    assert gone_share not in share and gone_dispose in share, share
    assert gone_dispose not in _mask(note, "dispose")


# accounts of social and payment apps, a QQ number without its colon, a pinyin name after 姓名拼音,
# a couple after one anchor, a family by its surname (found by hand: each stood)
@pytest.mark.parametrize("preset", ["share", "dispose"])
@pytest.mark.parametrize("note, gone, kept", [
    ("IG: @anna.schmidt", "schmidt", "IG:"),
    ("Telegram @ivan_petrov", "petrov", "Telegram"),
    ("Venmo @Anna-Schmidt-3", "Schmidt", "Venmo"),
    ("QQ 123456789", "3456789", "QQ"),
    ("姓名拼音 ZHANG WEI", "WEI", "姓名拼音"),
    ("c/o Maria & Jose Garcia", "Garcia", "c/o"),
    ("Attn: Anna Lee & Tom Baker", "Baker", "Attn:"),
    ("Deliver to: The Smith Family", "Smith", "Family"),
    ("the Nguyen household", "Nguyen", "household"),
])
def test_accounts_couples_and_families(note, gone, kept, preset):
    out = _mask(note, preset)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("note", ["The line is busy", "fb page of the shop", "Family size: 4",
                                  "see you at the Residence Inn"])
def test_app_and_family_words_alone(note):
    assert _mask(note) == note


def test_a_street_named_bell_is_no_bell():
    # '76 Bell Gully' read 'Gully' as the name on a bell, and the record's own name beside its phone
    # then stood (world_text seed 121 en_AU, a fresh seed; values synthetic)
    out = _mask("Tom Baker | +61 433 941 000 | tb@example.com | 76 Bell Gully, Davishaven, ACT 2612")
    assert "Baker" not in out and "Gully" not in out


# a Chinese address field after its label whose district starts no reading, and a flat's owner
# before a name (found by hand: the tower and the room, and the name, stood)
@pytest.mark.parametrize("note, gone, kept", [
    ("地址：朝阳区望京SOHO T3 1508，收货人小李", "1508", "地址："),
    ("我是业主赵敏的家人，帮她代收", "赵敏", "的家人"),
])
def test_chinese_address_label_and_owner(note, gone, kept):
    out = _mask(note)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("note", ["业主群通知：明天停水", "住户须知"])
def test_owner_words_without_a_name(note):
    assert _mask(note) == note


def test_an_address_field_ends_at_the_next_chinese_label():
    # '地址：... 运单号：...': the tracking number's label was masked as part of the address field
    # (samples/notes.txt, found on the round's identity check; values synthetic)
    out = _mask("收件人：张伟 电话：187 5819 7822 地址：山东省济宁市鱼台县中山大街9号5栋1909室 运单号：751222823929930")
    assert "运单号：751222823929930" in out and "1909" not in out


@pytest.mark.parametrize("preset", ["share", "dispose"])
def test_an_extension_after_a_comma_in_a_phone_column(preset):
    # '18841477790,7908': the extension after the comma stood (evasion seed 32, dispose)
    buf = io.BytesIO()
    mask_stream(io.BytesIO("电话,备注\n\"18841477790,7908\",请勿折叠\n".encode()), buf, "csv", Settings(preset=preset))
    out = buf.getvalue().decode()
    assert "7908" not in out and "请勿折叠" in out, out


def test_a_house_number_after_a_phone_split_by_a_chinese_mobiles_reading():
    # '+91 224 1784795 5299 करिश्मा खान': a Chinese mobile's reading took '1784795 5299' and the house
    # number 5299 showed as the phone's kept tail (world_text --locales scripts seed 110, hi_IN;
    # values synthetic)
    out = _mask("प्राप्तकर्ता चेतना पाटिल फ़ोन +91 224 1784700 5311 करिश्मा खान, 337422 मोकामा")
    assert "5311" not in out and "1784700" not in out


@pytest.mark.parametrize("line, gone, kept", [
    # Vietnamese, Indonesian and Malay forms of address before a given name (found by hand: each
    # name stood); the form of address stays, the name goes
    ("Giao cho chị Lan ở tầng 3, gọi trước", ["Lan"], ["Giao cho chị"]),
    ("Nhờ anh Minh nhận hộ, cảm ơn", ["Minh"], ["Nhờ anh", "cảm ơn"]),
    ("Chị Hương sẽ ra lấy hàng", ["Hương"], ["sẽ ra lấy hàng"]),
    ("Để ở chỗ bác Tư bảo vệ", ["Tư"], ["bảo vệ"]),
    ("Antar ke Pak Budi di pos satpam", ["Budi"], ["pos satpam"]),
    ("Titip ke Bu Sari, rumah cat hijau", ["Sari"], ["rumah cat hijau"]),
    ("Tolong serahkan ke Mbak Rina atau Mas Joko", ["Rina", "Joko"], ["Tolong serahkan"]),
    ("Kirim ke Ibu Dewi Lestari", ["Dewi", "Lestari"], ["Kirim ke"]),
    ("Tinggalkan dengan Encik Ahmad di lobi", ["Ahmad"], ["di lobi"]),
    # Indian, Filipino and Portuguese forms of address, the Filipino 'kay', kin words before a
    # given name, the Swedish 'hos'
    ("Hand over to Sri Venkatesh at the gate", ["Venkatesh"], ["at the gate"]),
    ("Give to Kumari Anjali only", ["Anjali"], ["only"]),
    ("Iwan sa kay Gng. Reyes sa tindahan", ["Reyes"], ["sa tindahan"]),
    ("Pakibigay kay Aling Nena sa kanto", ["Nena"], ["sa kanto"]),
    ("Ibigay kay Kuya Jun ang package", ["Jun"], ["ang package"]),
    ("Deixar com a Dona Maria na portaria", ["Maria"], ["na portaria"]),
    ("Lascia il pacco a Zia Carla", ["Carla"], ["Lascia il pacco"]),
    ("Bei Tante Erna im Erdgeschoss abgeben", ["Erna"], ["abgeben"]),
    ("Lämna hos Britt-Marie på plan 3", ["Britt", "Marie"], ["Lämna hos"]),
    # a house by its number alone
    # (the neighbour's number too: 'Leave with Neighbour at No. 5' stayed whole, on purpose,
    # until this rule; a house number is part of an address whoever lives there)
    ("Leave it at No. 7, the blue door", ["7"], ["the blue door"]),
    ("Leave with Neighbour at No. 5", ["5"], ["Leave with Neighbour at"]),
    ("Deliver to number 12 please", ["12"], ["please"]),
    # a Vietnamese street named after a person, no type word and no ward after it
    ("Gửi ông Nguyễn Văn An, 12 Lý Thường Kiệt", ["Nguyễn", "Văn", "Lý Thường Kiệt", "12"], ["Gửi ông"]),
    ("giao đến 45 Nguyễn Huệ trước 5 giờ", ["45", "Nguyễn Huệ"], ["giao đến", "trước 5 giờ"]),
    ("Hẻm 12/3 Trần Hưng Đạo, gọi trước", ["12/3", "Trần Hưng Đạo"], ["gọi trước"]),
])
def test_forms_of_address_and_streets_in_vietnamese_and_indonesian_notes(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["Chú ý: hàng dễ vỡ", "Ibu kota dan sekitarnya", "cảm ơn anh nhiều",
                                  "Entregar em Lisboa", "Paketi bu İstanbul adresine bırakın", "mas Madrid es otra cosa",
                                  "We got this at no cost", "Lämna hos grannen", "a dona da casa"])
def test_vietnamese_and_indonesian_words_that_name_no_one(line):
    assert _mask(line) == line


def test_a_vietnamese_phone_before_a_name_is_no_street():
    # the phone's last group and the name after it are no house number and street
    out = _mask("0912 345 678 Nguyễn Văn An")
    assert out.endswith("678 N***** V** A*"), out


@pytest.mark.parametrize("line, share_gone, dispose_gone", [
    # an Indian house number and the field after it: its street (world_text seed 123: 'Ramakrishnan'
    # stood in share and in dispose; values synthetic)
    ("Ship to Priya Mandal Mobile +912240438901 H.No. 444, Ramakrishnan, Kadapa 303878",
     ["Ramakrishnan", "444", "878"], ["Ramakrishnan", "Kadapa", "303"]),
    # a locality after a street stays with the town in share and goes in dispose
    ("12 MG Road, Indiranagar, Bengaluru 560038", ["12 MG", "038"], ["Indiranagar", "Bengaluru", "560"]),
])
def test_indian_street_after_a_house_number_and_locality_in_dispose(line, share_gone, dispose_gone):
    share, dispose = _mask(line), _mask(line, "dispose")
    assert not any(g in share for g in share_gone), share
    assert not any(g in dispose for g in dispose_gone), dispose
    if "MG Road" in line:
        assert "Indiranagar, Bengaluru 560" in share


@pytest.mark.parametrize("line, gone", [
    # the words other languages say for '@' and '.' (found by hand: each address stood whole)
    ("email anna(at)web(punkt)de for updates", "anna"),
    ("Correo: lucia arroba gmail punto com", "lucia"),
    ("scrivimi: giulia chiocciola gmail punto it", "giulia"),
    ("jan.novak(zavinac)seznam(tecka)cz", "novak"),
    ("kontakt: ola.nordmann (snabel-a) online punkt no", "nordmann"),
])
def test_an_address_spelled_with_the_words_of_other_languages(line, gone):
    for preset in ("share", "dispose"):
        assert gone not in _mask(line, preset)


@pytest.mark.parametrize("line", ["meet me at the station", "Die Affe (at) Zoo", "Treffpunkt at noon", "reply at 5 punkt"])
def test_sentences_with_those_words_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # forms attackers write in Chinese records (found by hand: each stood)
    ("联系人 张_三丰 138 1234 5678", ["三丰", "1234"], ["联系人 张"]),
    ("收件人：张-三丰", ["三丰"], ["收件人：张"]),
    ("手机：l38l234S678", ["l234", "S678"[:3]], ["手机："]),
    ("V：zhangsan1990", ["zhangsan"], ["V："]),
    ("加V zs_1990_sh 备注快递", ["zs_1990"], ["备注快递"]),
    # an address whose numbers are written in Chinese after a district's full name (朝阳 was read
    # as a city's short name, a lone word)
    ("朝阳区望京街道阜通东大街六号院三号楼二单元七零二", ["望京", "阜通", "七零二"], ["朝阳区"]),
    # a building alone after its estate, and the verb before the estate kept
    ("收货人：欧阳娜娜，住在幸福小区12栋", ["幸福", "12栋", "娜娜"], ["住在"]),
    ("，我住在幸福小区3栋2单元501", ["幸福", "501"], ["我住在"]),
])
def test_chinese_forms_attackers_write(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["V: 220 电压", "电压V：220V", "加急件", "SKU 1234567S", "Flight SK 1234567"])
def test_chinese_and_code_forms_that_name_no_one(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # a street whose type is glued to its name and is no English word's ending, with no postcode
    # after it (found by hand: it stood after a care-of line)
    ("c/o Familie Yilmaz, Gartenweg 3a", ["Garten", "3a"], ["c/o Familie"]),
    ("Kurfürstendamm 21", ["Kurfürsten", "21"], []),
    # a French staircase and floor written short
    ("Chez Mme Martin, bât. B, esc. 2, 3e ét., porte gauche", ["esc. 2", "3e ét"], ["Chez Mme"]),
])
def test_streets_and_units_written_short(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Brigade 3 arrives", "Bring 2 boxes", "Press Esc to close"])
def test_words_that_end_like_street_types_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # found by hand, each name stood
    ("John Smith (Home) 555-123-4567", ["John", "Smith"], ["(Home)"]),
    ("Acct holder: Jane Q. Public", ["Jane", "Public"], ["Acct holder:"]),
    ("Cardholder name JANE DOE exp 12/27", ["JANE", "DOE"], ["Cardholder name", "12/27"]),
    ("Ordered by Maria (maria.g@outlook.com)", ["Maria", "maria.g"], ["Ordered by"]),
    ("Sign: Tom H.", ["Tom"], ["Sign:"]),
    ("Recipient - van der Berg, Anneke", ["Berg", "Anneke"], ["Recipient"]),
])
def test_names_after_account_order_and_signature_words(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Ordered by phone on Monday", "Sign here please", "Design by Studio Moon",
                                  "Recipient: John Smith, Leeds"])
def test_order_and_sign_words_without_a_name(line):
    out = _mask(line)
    assert ("Leeds" in out) if "Leeds" in line else out == line, out


@pytest.mark.parametrize("line, gone, kept", [
    # an introduction with 'I'm' before where the writer lives (found by hand: the name stood)
    ("Hi, I'm Tom from apt 4B, please leave at door", ["Tom", "4B"], ["Hi, I'm", "from", "please leave at door"]),
    ("I am Priya from flat 2, call me", ["Priya"], ["I am", "from", "call me"]),
])
def test_an_introduction_with_i_am(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["I'm Home from 6pm", "I'm Back from holiday", "I'm Happy here"])
def test_what_follows_i_am_that_is_no_name(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # found by hand, each stood: a German house number, a Polish flat in the genitive, a Danish floor,
    # and the name before a unit that ends the note
    ("Empfänger ist mein Nachbar Herr Schulz, Haus Nr. 7", ["Schulz", "7"], ["Empfänger ist mein"]),
    ("Odbierze sąsiadka pani Zofia z mieszkania 12", ["Zofia", "12"], ["Odbierze sąsiadka pani"]),
    ("Levering hos naboen, Jens Hansen, 2. sal", ["Jens", "Hansen", "2. sal"], ["Levering hos naboen"]),
    ("Leave with neighbour, Sarah Jenkins, flat 3", ["Sarah", "Jenkins", "flat 3"], ["Leave with neighbour"]),
])
def test_units_and_a_name_before_the_unit_that_ends_a_note(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["Nowy lokal 12 otwarty", "Leave at reception, Main Building, floor 2"])
def test_words_near_units_that_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # freight abbreviations and delivery phrases before a name, and a person after a company and a
    # slash (found by hand: each name stood)
    ("Rcpt: Chen Jing", ["Chen", "Jing"], ["Rcpt:"]),
    ("RCVR: Tom Baker", ["Tom", "Baker"], ["RCVR:"]),
    ("Shpr: Jane Doe", ["Jane", "Doe"], ["Shpr:"]),
    ("Cnee: Acme Ltd / Tom Baker", ["Tom", "Baker"], ["Cnee:"]),
    ("Consignor: Li Ming Trading / Li Ming", ["Li Ming"], ["Consignor:"]),
    ("Send to Chen Jing, thanks", ["Chen", "Jing"], ["Send to", "thanks"]),
    ("Please send to Maria Lopez at the front desk", ["Maria", "Lopez"], ["at the front desk"]),
    ("Mail to Ana Souza", ["Ana", "Souza"], ["Mail to"]),
    ("Addressed to Ana Souza", ["Ana", "Souza"], ["Addressed to"]),
    ("Send it to Piotr Nowak", ["Piotr", "Nowak"], ["Send it to"]),
    # a street after the slash is no second name (world_text seed 126, pt_PT: its name was read as one)
    ("Destinatário: Kyara Pires / R. Anjos, 71, 5388-286 Lagoa", ["Kyara", "Anjos", "71", "286"], ["Lagoa"]),
])
def test_freight_abbreviations_and_send_to(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Send to the depot", "Forward to Customer Service", "Post to the group"])
def test_send_to_without_a_person(line):
    assert _mask(line) == line


def test_a_mailto_link_is_no_mail_to_phrase():
    out = _mask("mailto:ana@example.com")
    assert out.startswith("mailto:") and "ana" not in out, out


@pytest.mark.parametrize("line, gone, kept", [
    # a Chinese address written in English, the street before 'No.' (found by hand: the number stood)
    ("Send to: Zhangjiang Road No. 88, Pudong, Shanghai", ["Zhangjiang", "88"], ["Send to:", "Shanghai"]),
    ("Please deliver to Huaihai Middle Road No.999, Shanghai", ["Huaihai", "999"], ["Shanghai"]),
    ("Zhongxiao E. Rd., No. 100, Taipei", ["Zhongxiao", "100"], ["Taipei"]),
    # an Indian town named with 'Sri' is no person, and its PIN is masked as a PIN (world_text seed 126)
    ("Please deliver to Frado Padmanabhan at H.No. 766, Gour Ganj, Sri Ganganagar 049134.",
     ["Frado", "Padmanabhan", "766", "Gour", "049134"], ["Sri Ganganagar"]),
])
def test_streets_numbered_after_no_and_towns_named_sri(line, gone, kept):
    _gone_and_kept(line, gone, kept)


def test_sri_before_a_person_stays_a_title():
    _gone_and_kept("Hand over to Sri Venkatesh at the gate", ["Venkatesh"], ["Hand over to Sri", "at the gate"])


@pytest.mark.parametrize("line, gone, kept", [
    # streets typed in lower case, as chats write them (found by hand: each stood whole)
    ("vivo en la calle mayor 5 3B", ["mayor", "5", "3B"], ["vivo en la"]),
    ("deliver to maria garcia calle mayor 5 del 3B madrid", ["maria", "mayor", "3B"], ["deliver to"]),
    ("Calle Mayor 5 del 3B", ["Mayor", "3B"], []),
    ("habito na rua augusta 120, lisboa", ["augusta", "120"], ["habito na"]),
    ("12 rue de la paix, paris", ["12", "paix"], []),
    ("hauptstraße 5, berlin", ["hauptstraße", "5"], []),
    ("bitte an hauptstr. 5 liefern", ["hauptstr", "5"], ["bitte an", "liefern"]),
    ("ul. marszałkowska 10/5 warszawa", ["marszałkowska", "10/5"], []),
    ("kerkstraat 12, amsterdam", ["kerkstraat", "12"], []),
    ("storgatan 5, stockholm", ["storgatan"], []),
    ("atatürk caddesi no 5 istanbul", ["atatürk", "5"], []),
    ("send it to corso vittorio emanuele 12, milano", ["vittorio", "12"], ["send it to"]),
    # the postcode after such a street, particles left in lower case, a Turkish abbreviated type, a
    # Finnish weak type beside its postcode, a Dutch postcode's letters (found by hand: each stood)
    ("odbiorca: jan kowalski ul. długa 5 m. 3 00-950 warszawa", ["długa", "950"], ["odbiorca:"]),
    ("12 rue de la paix 75002 paris", ["paix", "002"], []),
    ("alıcı: ayşe yılmaz, atatürk cad. no: 12 d: 5 kadıköy istanbul", ["atatürk", "12"], ["alıcı:"]),
    ("vastaanottaja: matti virtanen, mannerheimintie 5 a 3, 00100 helsinki", ["mannerheimintie", "100"],
     ["vastaanottaja:"]),
    ("ontvanger: jan de vries, kerkstraat 12, 1017 gc amsterdam", ["kerkstraat", "17 gc"], ["ontvanger:"]),
])
def test_streets_typed_in_lower_case(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["the avenue is 5 minutes away", "we rue the 3 days lost", "sent via dhl 2 boxes",
                                  "ring at the gate 3 times"])
def test_lower_case_street_words_in_sentences_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # a building and its room's bare number or floor, a building after a verb, a dashed unit before
    # '放门口' (found by hand: each stood)
    ("麻烦送到5栋1802，找陈先生", ["1802"], ["麻烦送到", "先生"]),
    ("送到3号楼502", ["3号楼", "502"], ["送到"]),
    ("放在18幢602门口", ["602"], ["放在", "门口"]),
    ("送到B座1205", ["1205"], ["送到"]),
    ("送B栋12楼", ["12楼"], []),
    ("我住7号楼，到了打电话", ["7号楼"], ["到了打电话"]),
    ("6-2-301 放门口", ["301"], ["放门口"]),
])
def test_chinese_buildings_and_rooms_in_notes(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["买了7座SUV 1200元", "5座1200元的车", "A座大厅取件", "第3栋楼下"])
def test_seats_and_halls_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # a phone typed digit by digit with its groups' dashes (found by hand: it stood whole)
    ("Txt me: 0 7 7 0 0 - 9 0 0 - 1 2 3", ["0 7 7 0 0 - 9"], ["Txt me:"]),
    ("ring 0 6 1 2 / 3 4 5 6 7 8 pls", ["0 6 1 2 / 3"], ["ring", "pls"]),
    # a house by its number after '@' (found by hand)
    ("pls leave w/ neighbour @ no. 14, ring later", ["14"], ["pls leave w/ neighbour @"]),
    # a town line typed in lower case after a street: the ZIP's, the inward code's and the
    # postcode's tails go (found by hand: they stood whole)
    ("my addy is 14 elm st apt 2, springfield il 62704", ["62704", "elm"], ["springfield il 627"]),
    ("it's 221b baker st, london nw1 6xe", ["6xe", "baker"], ["london nw1"]),
    ("deliver 2 unit 5/22 smith st fitzroy vic 3065", ["3065", "smith"], ["fitzroy vic 30"]),
])
def test_spaced_phones_and_lower_case_town_lines(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Score 1 - 2 - 3 - 4 - 5 - 6 - 7", "2 0 2 6 - 1 2 - 0 1",
                                  "we ship in 12345 boxes", "call me in 20 minutes"])
def test_spaced_digits_and_lower_case_words_that_stay(line):
    assert _mask(line) == line


def test_lower_case_town_lines_go_in_dispose():
    out = _mask("it's 221b baker st, london nw1 6xe", "dispose")
    assert "london" not in out and "nw1" not in out, out


@pytest.mark.parametrize("line, gone, kept", [
    # whose parcel it is: a name before 的 and the parcel, at a field's start or after a verb (found by
    # hand: each stood)
    ("张伟的快递到了", ["伟"], ["张", "的快递到了"]),
    ("这是李娜的包裹", ["娜"], ["这是李", "的包裹"]),
    ("王建国的电话是多少", ["建国"], ["的电话是多少"]),
    ("帮我查一下刘洋的件", ["洋"], ["帮我查一下刘"]),
    ("欧阳娜娜的包裹", ["娜娜"], ["欧阳"]),
    ("我和张伟的快递一起放", ["伟"], ["我和张"]),
])
def test_a_chinese_name_before_its_parcel(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["明天的快递", "黄色的包裹", "那边的快递", "全部的订单", "石家庄的快递", "东门的快递",
                                  "华为的快递", "我们的订单", "经理的电话", "韩国的快递", "高的那个箱子", "这是我的快递"])
def test_words_before_a_parcel_that_are_no_name(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # an Iranian number's trunk and area code before a run a Chinese landline reading took, with the
    # house number after it (world_text --locales scripts seed 113, fa_IR: '041 0353' stood)
    ("گیرنده عليرضا حمیدی تلفن 041 0353 6957 8369 لاچینی کوه واحد 555, 890323 باغات حدیث",
     ["041 0353", "8369", "555"], ["تلفن"]),
    # a form of address that is a given name too goes with the name (world_text seed 127, es_ES)
    ("Destinatario Tito Ureña Tel. +34806 27 45 50 Cuesta de Roberta Salas 641, 10783 Cuenca",
     ["Tito", "Ureña", "641"], ["Destinatario", "Cuenca"]),
])
def test_fresh_seed_cases_of_this_round(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["电话 010 6552 1234", "座机：0755-8888 6666"])
def test_chinese_landlines_still_read(line):
    from waybill.detect import detect_text
    assert [f.type.value for f in detect_text(line)] == ["landline"]


@pytest.mark.parametrize("line", ["Ship to: Amanda Stevens. Customer service 1-800-463-3339",
                                  "Ship to: Amanda Stevens. For help with tracking call 1-800-463-3339"])
def test_a_hotline_after_a_name_stays(line):
    assert "1-800-463-3339" in _mask(line)


def test_a_name_before_a_bracketed_phone_label_with_a_name_after_it():
    # (world_text --more-forms seed 107, en_IE: a town read as a title after the phone kept the name)
    out = _mask("David Farnon (Tel 860.347.6419x9608), 87 Clery Street, Tia Ville W200V33")
    assert "David" not in out and "Farnon" not in out and "Clery" not in out, out


@pytest.mark.parametrize("line, gone, kept", [
    # a Japanese mobile after a block number (one run of mixed separators), a name after 配達先, a Hong
    # Kong number and a flat named by a letter (found by hand: each stood)
    ("お届け先：山田太郎様 〒100-0001 東京都千代田区千代田1-1 090-1234-5678", ["太郎", "1234"], ["お届け先"]),
    ("配達先 佐藤花子 080-1234-5678", ["花子", "1234"], ["配達先"]),
    ("配送先：鈴木一郎 090-1111-2222", ["一郎", "1111"], ["配送先"]),
    ("收件人：陳大文 九龍旺角彌敦道123號4樓A室 9123 4567", ["大文", "A室", "9123"], ["收件人"]),
])
def test_japanese_and_hong_kong_records(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["香港 訂單 12345678", "Hong Kong order no. 23456789"])
def test_hong_kong_order_numbers_stay(line):
    assert _mask(line) == line


def test_a_name_joined_by_an_underscore():
    out = _mask("Ship to: JOHN_SMITH")
    assert "JOHN" not in out and "SMITH" not in out and out.startswith("Ship to:"), out


@pytest.mark.parametrize("line, gone, kept", [
    # a name ends with its sentence (found by hand: 'Questions' and 'Thanks' were masked as its words)
    ("Ship to: Amanda Stevens. Questions? Call us", ["Amanda", "Stevens"], ["Questions? Call us"]),
    ("Attn: Dr. Mary Jones. Thanks", ["Mary", "Jones"], ["Thanks"]),
    ("Ship to: Mary Ann St. John", ["Mary", "John"], []),
])
def test_a_name_ends_with_its_sentence(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line, gone, kept", [
    # a tower and room after a district alone, a building after an estate's phase (found by hand)
    ("送到朝阳区望京SOHO T1 2201", ["SOHO", "2201"], ["送到"]),
    ("我在中关村软件园二期15号楼", ["15号楼"], ["我在"]),
])
def test_chinese_towers_and_phases(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["海淀区 2024", "朝阳区人民很多，2024年", "浦东新区发布了1234条消息"])
def test_a_district_and_a_number_that_is_no_room(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line", ["Dear מוחמד חאג' יחיא,", "Dear ריתאג' חמדאן,"])
def test_a_hebrew_name_with_a_final_geresh_after_a_greeting(line):
    # (world_text --locales scripts seed 114, he_IL mail: the name stood)
    out = _mask(line)
    assert "מוחמד" not in out and "חמדאן" not in out and out.startswith("Dear "), out


@pytest.mark.parametrize("line, gone, kept", [
    # who will take the parcel, named as a sentence's subject (found by hand: each stood)
    ("Kay Thompson will collect it from reception", ["Kay", "Thompson"], ["will collect it from reception"]),
    ("Maria can sign for it", ["Maria"], ["can sign for it"]),
    ("Dorota z 5 piętra odbierze paczkę", ["Dorota"], ["odbierze paczkę"]),
    ("Klaus Meier holt das Paket ab", ["Klaus", "Meier"], ["holt das Paket ab"]),
    ("Marie Dupont viendra le chercher", ["Marie", "Dupont"], ["viendra le chercher"]),
    ("Thanks. Ana will pick it up later", ["Ana"], ["Thanks.", "will pick it up later"]),
])
def test_a_name_as_the_subject_of_collecting(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Someone will collect it", "Customer Service will collect returns",
                                  "Reception will sign for it", "Royal Mail will collect", "Evri will collect on Monday",
                                  "Mum will be home", "Parcel will be left at the door", "Tomorrow will be fine",
                                  "Paket wird morgen zugestellt", "Der Fahrer wird anrufen", "Front Desk can sign for it",
                                  "UPS will pick up at 5", "Nobody will be home", "Mailroom will accept on weekdays",
                                  "Driver can leave it in the shed", "Boxes can be stacked 3 high"])
def test_subjects_of_collecting_that_are_no_one(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # a town-like estate, a building written with '#', a zone before the building (found by hand)
    ("送到金地格林小镇12号楼", ["12号楼"], ["送到"]),
    ("放在融创壹号院8#1单元", ["8#", "1单元"], ["放在"]),
    ("收件人王伟，放碧桂园凤凰城C区15栋", ["15栋", "伟"], ["收件人", "放"]),
])
def test_chinese_estates_zones_and_hash_buildings(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["订单#12345", "第3#", "型号5#电池"])
def test_a_hash_after_a_number_that_is_no_building(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line", ["Please deliver to 龎柏諺 at the door. Call (02) 2345 8506 if nobody is home.",
                                  "龎柏諺 | (02) 2345 8506 | ma@gmail.com"])
def test_a_variant_surname_opencc_leaves(line):
    # (world_text seed 129, zh_TW: 龎 becomes 厐 in the normal form, which no surname list held)
    out = _mask(line)
    assert "柏諺" not in out and out.count("龎") == 1, out


@pytest.mark.parametrize("line, gone, kept", [
    # a name typed in lower case after a delivery phrase or an attention line (found by hand)
    ("please give to john smith at 14 elm street", ["john", "smith"], ["please give to", "at"]),
    ("à l'attention de jean dupont, 12 rue de la Paix, 75002 Paris", ["jean", "dupont"], ["à l'attention de"]),
    # ... or after 'for' right before a phone
    ("Colis pour jean dupont 06 12 34 56 78", ["jean", "dupont"], ["Colis pour"]),
    ("paquete para maría lópez 612 345 678", ["maría", "lópez"], ["paquete para"]),
])
def test_a_lower_case_name_after_a_delivery_phrase(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["please hand it to the porter, thanks", "give to my neighbour at the door",
                                  "send to warehouse team, unit 5", "please give to reception and ask for a signature",
                                  "pour le livreur 06 12 34 56 78", "for more info call 0412 345 678",
                                  "for any questions 0412 345 678", "for pick up 0412 345 678"])
def test_lower_case_words_after_a_phrase_that_are_no_one(line):
    words = [w for w in line.split() if w.isalpha() and len(w) > 2]
    out = _mask(line)
    assert all(w in out for w in words), out


@pytest.mark.parametrize("line, gone, kept", [
    # an estate named with a number, then building-unit-room with dashes (found by hand)
    ("送到阳光100 3-2-501", ["3-2-501", "阳光100"], ["送到"]),
    ("小王收 阳光100 3-2-501", ["3-2-501", "阳光100"], ["收"]),
])
def test_a_dash_room_after_an_estate_named_with_a_number(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["共3件 2-3-2024", "备注：规格12-3-400", "订单号ABC 1-2-345"])
def test_dashed_numbers_that_are_no_room(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # streets in lower case with no type word the recasing gate reads, a postcode and town right
    # after them; a flat's letter and number before a postcode with no comma (found by hand)
    ("destinatario: mario rossi via roma 10 00184 roma cell 333 1234567", ["roma 10", "184"], ["destinatario:"]),
    ("příjemce: jan novák, národní 10, 110 00 praha 1", ["národní", "0 00"], ["příjemce:"]),
    ("mannerheimintie 5 a 12 00100 helsinki", ["mannerheimintie", "5 a 12", "100"], []),
    ("Mannerheimintie 5 A 12 00100 Helsinki", ["Mannerheimintie", "5 A 12", "100"], ["Helsinki"]),
])
def test_a_lower_case_street_before_its_postcode(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["i will be home after 5 10115 berlin is my area", "we ordered 3 boxes 2024 edition",
                                  "call me 5 minutes before, 75002 paris office"])
def test_numbers_before_a_postcode_in_prose_are_no_street(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # a name typed in lower case that starts the line, right before its street (found by hand)
    ("klaus schmidt hauptstr 5 80331 münchen", ["klaus", "schmidt", "hauptstr"], ["münchen"]),
    ("piet jansen kerkweg 12 3511 ab utrecht 06 12345678", ["piet", "jansen", "kerkweg"], ["utrecht"]),
    ("jean martin 15 avenue victor hugo 69003 lyon", ["jean", "martin", "hugo"], ["lyon"]),
    # (and the street's last word before its postcode, 'Hauptstr' without its dot)
    ("15 avenue Victor Hugo 69003 Lyon", ["Victor", "Hugo"], ["Lyon"]),
    ("Klaus Schmidt Hauptstr 5 80331 München", ["Klaus", "Schmidt", "Hauptstr"], ["München"]),
])
def test_a_lower_case_name_before_its_street(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line, kept", [
    ("neue adresse hauptstr 5 80331 münchen", "neue adresse"),
    ("nouvelle adresse 15 avenue victor hugo 69003 lyon", "nouvelle adresse"),
    ("livraison prévue 15 avenue victor hugo 69003 lyon", "livraison prévue"),
    ("habito na rua augusta 120, lisboa", "habito na"),
    ("order shipped 15 avenue victor hugo 69003 lyon", "order shipped"),
])
def test_words_before_a_street_that_are_no_name(line, kept):
    assert kept in _mask(line)


@pytest.mark.parametrize("line, gone, kept", [
    # names typed in lower case after an introduction or a relative's word, and one given name
    # alone before a phone or after a word asking to call (found by hand)
    ("my name is sarah connor and i live at 45 high street", ["sarah", "connor"], ["my name is", "and i live at"]),
    ("ich heiße anna schmidt, bitte klingeln", ["anna", "schmidt"], ["ich heiße", "bitte klingeln"]),
    ("its for my wife jane, 45 high st", ["jane"], ["my wife"]),
    ("my son tom will collect", ["tom"], ["my son", "will collect"]),
    ("mike 07700 900123", ["mike"], []),
    ("text mike on 07700 900123 when here", ["mike"], ["text", "when here"]),
])
def test_lower_case_names_after_an_introduction_a_relative_or_before_a_phone(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["my name is on the box", "his name is not important", "my brother picks it up",
                                  "my neighbour next door has it", "my mum is home", "urgent 07700 900123",
                                  "text back on 07700 900123", "call anytime 07700 900123", "whatsapp 07700 900123"])
def test_lower_case_words_there_that_are_no_name(line):
    words = [w for w in line.split() if w.isalpha()]
    out = _mask(line)
    assert all(w in out for w in words), out


@pytest.mark.parametrize("line", ["Dear محمد مهدی رضا زاده,", "Dear Иван Петрович Сидоров Младший,"])
def test_a_four_word_name_in_another_script_after_a_greeting(line):
    # (world_text --locales scripts seed 117, fa_IR mail: the four-word name stood)
    out = _mask(line)
    assert all(w[1:] not in out for w in line[5:-1].split()) and out.startswith("Dear "), out


@pytest.mark.parametrize("line, gone", [
    # a name's characters set apart by a slash, a bar or a plus (found by hand: '王/小/明' stood)
    ("收件人：王/小/明", ["小", "明"]),
    ("收件人：王|小|明 13812345678", ["小", "明", "1234"]),
    ("收件人：王+小+明", ["小", "明"]),
])
def test_a_name_letter_spaced_with_slashes_or_bars(line, gone):
    _gone_and_kept(line, gone, ["收件人"], ("share", "dispose"))


@pytest.mark.parametrize("line", ["男/女/保密", "省/市/区", "2024/5/1", "是/否"])
def test_slashed_words_that_are_no_name(line):
    assert _mask(line) == line


def test_an_indic_name_typed_in_visual_order_under_a_closing():
    # (world_text --locales scripts seed 118, hi_IN mail: a name whose first word starts with its
    # vowel sign, as text typed in visual order or converted from a legacy font writes it, stood)
    out = _mask("Hello,\nplease deliver my parcel to\nX\nThanks,\nिकशोरी गुहा\n+91 5075620899")
    assert "कशोरी" not in out and "गुहा" not in out and "Thanks," in out, out


@pytest.mark.parametrize("line, gone, kept", [
    # (found by hand, 2026-12-07: each value stood)
    # 'name' with no colon, as a field's label after a separator or at a line's start
    ("Recipient phone 415.555.0123, name Lee Chang", ["Lee", "Chang", "555"], ["Recipient phone", "name"]),
    ("name Lee Chang", ["Lee", "Chang"], ["name"]),
    # 'the name is', "the recipient's name is"
    ("the name is Lee Chang", ["Lee", "Chang"], ["the name is"]),
    ("the recipient's name is Lee Chang", ["Lee", "Chang"], ["recipient's name is"]),
    # surname, given name, then a column's gap or a phone's label
    ("To: Nakamura, Yuki  Tel 090-1234-5678", ["Nakamura", "Yuki"], ["To:", "Tel"]),
    ("Name: O'Neil, Mary-Kate  Tel: 020 7946 0958", ["Neil", "Mary", "Kate"], ["Name:", "Tel:"]),
    ("Customer: Smith, John  Phone 555-0100", ["Smith", "John"], ["Customer:", "Phone"]),
    # the customer and the buyer in other languages
    ("Kunde: Schmidt, Anna", ["Schmidt", "Anna"], ["Kunde:"]),
    ("Klant: Jan de Vries, Kerkstraat 12, 3511 AB Utrecht", ["Jan", "Vries", "Kerkstraat"], ["Klant:"]),
    ("Cliente: Rossi, Maria", ["Rossi", "Maria"], ["Cliente:"]),
    ("Müşteri: Ayşe Yılmaz", ["Ayşe", "Yılmaz"], ["Müşteri:"]),
    ("buyer: tom baker", ["tom", "baker"], ["buyer:"]),
    ("Buyer name: Tom Baker", ["Tom", "Baker"], ["Buyer name:"]),
    # who the parcel is for at a pharmacy, a hotel, a care home, a flat (found by hand, 2026-12-07:
    # each name stood)
    ("Patient: Lukas Brandstetter", ["Lukas", "Brandstetter"], ["Patient:"]),
    ("Patient name: Mary O'Connor", ["Mary", "Connor"], ["Patient name:"]),
    ("Paciente: María José García", ["María", "José", "García"], ["Paciente:"]),
    ("Hasta: Ayşe Yılmaz", ["Ayşe", "Yılmaz"], ["Hasta:"]),
    ("Gast: Lukas Brandstetter", ["Lukas", "Brandstetter"], ["Gast:"]),
    ("Hôte : Lukas Brandstetter", ["Lukas", "Brandstetter"], ["Hôte :"]),
    ("Bewohner: Lukas Brandstetter", ["Lukas", "Brandstetter"], ["Bewohner:"]),
    ("Resident: John Smith, Room 12", ["John", "Smith"], ["Resident:"]),
    # whose field the label is, in brackets, and a record's 'details' (an Indian return label's
    # 'Name (Customer):'; found by hand, 2026-12-07: each name stood, 'Details' was masked)
    ("Name (Customer): Rahul Verma", ["Rahul", "Verma"], ["Name (Customer):"]),
    ("Recipient (Name): Rahul Verma", ["Rahul", "Verma"], ["Recipient (Name):"]),
    ("Deliver To (Customer) Rahul Verma", ["Rahul", "Verma"], ["Deliver To (Customer)"]),
    ("Consignee Details: Rahul Verma, 98450 12345", ["Rahul", "Verma", "98450"], ["Consignee Details:"]),
    ("Customer Details: Rahul Verma", ["Rahul", "Verma"], ["Customer Details:"]),
    # a nickname in quotes or brackets in the middle (found by hand, 2026-12-07: 'Jonathan "Jon"' stood)
    ('Jonathan "Jon" Whitfield, 937.555.0148', ["Jonathan", "Jon", "Whitfield", "555"], []),
    ("Name: Elizabeth 'Liz' Taylor", ["Elizabeth", "Liz", "Taylor"], ["Name:"]),
    ("Ship to: Robert (Bob) Miller, 12 Oak St", ["Robert", "Bob", "Miller"], ["Ship to:"]),
    # whom to call on a number (found by hand, 2026-12-07: the name stood)
    ("Call Jonathan Whitfield on +44 7700 900123 before delivery", ["Jonathan", "Whitfield", "900123"],
     ["Call", "before delivery"]),
    ("ring Maria Lopez on 07700 900123", ["Maria", "Lopez"], ["ring"]),
    ("Text Priya at 98450 12345 when outside", ["Priya", "98450"], ["Text", "when outside"]),
    # a name in both scripts, one in brackets (found by hand, 2026-12-07: both stood before a street)
    ("Wang Xiaoming (王小明), Room 1102, Building 3, 88 Jianguo Road, Chaoyang District, Beijing 100022",
     ["Wang", "Xiaoming", "小明", "1102", "Jianguo"], []),
    ("Li Na（李娜）", ["Na", "娜"], []),
    # a Vietnamese address typed without its marks (found by hand, 2026-12-07: it stood whole)
    ("Tran Thi Mai, 45 Nguyen Hue, Quan 1, TP HCM", ["Tran", "Mai", "45", "Nguyen Hue"], []),
    ("12 Nguyen Trai, Phuong 2, Quan 5, TP. Ho Chi Minh", ["12", "Nguyen Trai"], []),
    # chat and ticket markup around the label (found by hand, 2026-12-07: each name stood)
    ("**Name:** John Smith", ["John", "Smith"], ["**Name:**"]),
    ("__Recipient__: John Smith", ["John", "Smith"], ["__Recipient__:"]),
    ("[b]Name:[/b] John Smith", ["John", "Smith"], ["[b]Name:[/b]"]),
    ("| Name | John Smith |", ["John", "Smith"], ["| Name |"]),
])
def test_a_bare_name_label_surname_first_and_customer_words(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line", ["the file name is Report Final", "Product name Super Widget, 2 pcs",
                                  "Item name Blue Shirt; size M", "Guest: 2 adults", "hasta: 5 kg",
                                  "Employee: N/A", "Patient records follow", "the guest house is full",
                                  "To (2 pcs): see list", "From (date): 12/05/2026",
                                  'the "Express" Service desk', "Call Reception at the gate", "call us on Monday",
                                  "Order 123 Blue Shirt, Quan 1 store", "Order (订单号) Blue Shirt",
                                  "**Note** fragile", "file__name__ test", "| Item | Qty |"])
def test_name_as_an_ordinary_word_stays(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone", [
    # a name before a Vietnamese street, a number-first street and a Colombian one (found by hand,
    # 2026-12-07: 'Nguyễn Văn Anh, 123 Lê Lợi, ...' kept the name; 'John Smith, 123 Main St' did not)
    ("Nguyễn Văn Anh, 123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh", ["Nguyễn", "Văn", "Anh", "Lê Lợi"]),
    ("Trần Thị Bích Ngọc, 45 Nguyễn Huệ, Quận 1", ["Trần", "Bích", "Ngọc", "Huệ"]),
    ("Jean Martin, 15 avenue Victor Hugo, 69003 Lyon", ["Jean", "Martin", "Victor"]),
])
def test_a_name_before_more_kinds_of_street(line, gone):
    _gone_and_kept(line, gone, [], ("share", "dispose"))


@pytest.mark.parametrize("line, gone", [
    # Brazil's, Mexico's, Argentina's written form: an area code of two digits, the number in two
    # groups (found by hand, 2026-12-07: '(91) 98116-1414' stood whole; world_text seed 133, pt_BR:
    # only a Hong Kong-shaped tail was read, and the name before the number stood)
    ("Lunna Rocha, 91 8116-1414, Distrito de Castro, 98, 36852-146 Cardoso Verde", ["Lunna", "Rocha", "8116", "Castro"]),
    ("Heitor Cavalcanti, +55 79 8411-1372, Área de Monteiro, 992", ["Heitor", "Cavalcanti", "8411", "Monteiro"]),
    ("ligar para (91) 98116-1414 à tarde", ["98116"]),
    ("Juan Pérez (55) 1234 5678", ["Juan", "Pérez", "1234 5"]),
])
def test_latin_american_numbers_by_their_written_form(line, gone):
    _gone_and_kept(line, gone, [], ("share", "dispose"))


@pytest.mark.parametrize("line", ["Pedido 12 3456-7890", "Order no. 12 3456-7890", "CEP 36852-146",
                                  "Price 12 3456.7890"])
def test_numbers_of_that_form_after_an_order_word_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # keys and values in a log line (found by hand, 2026-12-07: each name stood, and the address's
    # key was masked with the street)
    ('payload={"rcv":"Lee Chang","tel":"4155550123","addr":"12 Elm St Apt 4, Springfield IL 62701"}',
     ["Lee", "Chang", "Elm"], ['"rcv":"', '"addr":"', "Springfield"]),
    ('level=info recipient_name="Lee Chang" rcv_phone=4155550123 city=Springfield',
     ["Lee", "Chang", "555"], ["recipient_name=", "rcv_phone=", "city=Springfield"]),
    ('phone: 415 555 0123; name: "Lee Chang"', ["Lee", "Chang", "555"], ['name: "']),
    ("consignee_nm=Maria Garcia|consignee_tel=+34 612 345 678|consignee_addr=Calle Mayor 10, 3º B, 28013 Madrid",
     ["Maria", "Garcia", "345", "Mayor"], ["consignee_nm=", "consignee_addr=", "Madrid"]),
])
def test_keys_and_values_in_a_log_line(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line, gone, kept", [
    # a name's parts as a record's labels (found by hand, 2026-12-07: an XML record's attributes read
    # 'first: John', and 'John' stood; then 'Smith', whose label the first name's reading ran over)
    ('<contact first="John" last="Smith" tel="555 123 4567"/>', ["John", "Smith", "123"], ['first="', 'last="']),
    ("First name: Anna", ["Anna"], ["First name:"]),
    ("fname: Tom", ["Tom"], ["fname:"]),
    ("first: tom, last: baker", ["tom", "baker"], ["first:", "last:"]),
])
def test_a_names_parts_as_labels(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["First: open the box carefully", "Last: 2 items left"])
def test_first_and_last_as_words_of_an_instruction_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    # Korean and Japanese addresses in Latin letters, an Irish street and Eircode, a name with two
    # particles in a row (found by hand, 2026-12-07: each stood)
    ("Deliver to Kim Min-jun, 123 Teheran-ro, Gangnam-gu, Seoul 06236, 010-1234-5678", ["Teheran", "236"], ["Seoul"]),
    ("Ship to: Taro Yamada, 2-8-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 163-8001, 090-1234-5678",
     ["2-8-1", "Nishi", "8001", "Taro"], ["Tokyo 163-"]),
    ("Attn: Seán Ó Briain, 12 Sráid an Phiarsaigh, Gaillimh H91 XK2T", ["Sráid", "Phiarsaigh", "XK2T"], ["H91"]),
    ("Recipient: María José de los Ángeles García-Herrera", ["Ángeles", "García", "Herrera"], ["Recipient:"]),
])
def test_romanised_asian_irish_addresses_and_two_particles(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line", ["Meeting 2-3 Monday", "Score 3-1 Madrid", "Order 163-8001 shipped",
                                  "Kim's bar-ro 12"])
def test_dashed_numbers_without_a_japanese_or_korean_place_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, gone, kept", [
    ("Hi its Sarah Jones, my address is 9 Park Road, London N1 1AA", ["Sarah", "Jones"], ["Hi its"]),
    ("hi its sarah jones, my address is 9 park road, london n1 1aa", ["sarah", "jones"], ["hi its"]),
    ("this is sarah jones from flat 2", ["sarah", "jones"], ["this is"]),
    ("This is Harold Finnegan speaking, 07700 900123", ["Harold", "Finnegan"], ["speaking"]),
    ("My name's Priya Patel and I live at 4 Oak Rd", ["Priya", "Patel"], ["My name's"]),
    ("my name is priya patel", ["priya", "patel"], ["my name is"]),
    ("to john smith, 3 elm road, bristol bs1 4dj", ["john", "smith"], ["to "]),
    ("Hola, soy María García, mi dirección es Calle Mayor 5, 28013 Madrid", ["María", "García"], ["Hola, soy"]),
    ("mein Name ist Hans Meier", ["Hans", "Meier"], ["mein Name ist"]),
    ("me llamo María García", ["María", "García"], ["me llamo"]),
    ("Ich heiße Hans Meier, Hauptstr. 5", ["Hans", "Meier"], ["Ich heiße"]),
    # surname first after the anchor, then 'at' (the given name stood)
    ("Deliver to Smith, John at 12 Main St", ["Smith", "John", "Main"], ["Deliver to"]),
    ("Deliver to Smith, John at the back door", ["Smith", "John"], ["at the back door"]),
])
def test_a_name_after_an_introduction(line, gone, kept):
    # each name stood, capitalised or in lower case (found by hand, 2026-12-07)
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


@pytest.mark.parametrize("line, kept", [
    ("its Good Friday, deliver to 9 Elm St", ["Good Friday"]),
    ("this is for the office at 9 Elm St", ["for the office"]),
    ("I am John. 12 Main St", ["John"]),  # one word: the given name alone is left to the rules for it
    ("it's 9 Elm St, Leeds", ["it's"]),
    ("This is New York Avenue, 221 Baker Street", ["New York Avenue"]),
    # sentences after the other languages' introductions (a name in lower case is read after an
    # English one only)
    ("sono arrivati due pacchi, Via Roma 12, 00184 Roma", ["arrivati due pacchi"]),
    ("je suis absent demain, 12 rue de la Paix, 75002 Paris", ["absent demain"]),
    ("ich bin nicht da, Hauptstr. 5, 80331 München", ["nicht da"]),
    ("ik ben niet thuis, Kerkstraat 12, Amsterdam", ["niet thuis"]),
    ("its the blue door, 9 Park Road", ["the blue door"]),
    ("I'm not home, 9 Park Road", ["not home"]),
])
def test_introductions_of_no_one_stay(line, kept):
    _gone_and_kept(line, [], kept)


def test_stars_of_masked_values_beside_digits_are_no_emphasis():
    # '**96 ... 62**' was read as one bold run, its stars as blanks, and the kept postcode head and
    # town of a masked record as a street: verify called the clean output leaking (world_text
    # --more-forms seed 117)
    from waybill.detect import detect_text
    from waybill.model import EntityType as T

    line = ("Recipient: K*** L***; tlf.: **** **96; e-mail w************@hotmail.com; "
            "address: ********** ***, 62** Vodskov")
    assert not [f for f in detect_text(line, free_text=True) if f.type is T.ADDRESS and "Vodskov" in f.text]
    # bold around a label still reads as blanks
    assert "John" not in _mask("tel **0412 345 678** **Name:** John Smith")


@pytest.mark.parametrize("line, gone, kept", [
    # an element after a label of its own: the tag's word was read as the value ('<n***>', '<****>')
    ("Ship to: <name>John Smith</name> <phone>07700900123</phone>", ["John", "Smith", "900123"],
     ["Ship to: <name>", "</name> <phone>"]),
    ("地址: <addr>上海市浦东新区世纪大道100号</addr> 收件人 <name>杨建</name>", ["世纪大道", "100号", "杨建"],
     ["<addr>上海市浦东新区", "</addr>", "<name>"]),
    # a place in brackets ends at its bracket (') Branch' was masked as the address's detail)
    ("Bank of China Shanghai (上海市) Branch", [], ["Bank of China Shanghai (上海市) Branch"]),
    ("收件地址（上海市浦东新区世纪大道100号）请送达", ["世纪大道", "100号"], ["）请送达"]),
])
def test_tags_after_a_label_and_places_in_brackets(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line, gone, kept", [
    # stars as a whole number's separators ('139*1234*5678' stood whole, as if masked)
    ("微信同号139*1234*5678", ["139*1234", "1234*5678"], ["微信同号"]),
    ("call 07700*900*123", ["07700*900"], ["call"]),
    # a box's size stays as it is
    ("尺寸120*80*60 重量2kg", [], ["120*80*60"]),
    ("1200*800*600mm", [], ["1200*800*600mm"]),
    # a building's number in numerals before its word ('五栋' stood beside the masked room; the
    # whole line stood when the room was in numerals too)
    ("送到阳光花园五栋一二零三室", ["五栋", "一二零三"], ["送到"]),
    ("送到阳光花园五栋一二零三", ["五栋", "一二零三"], ["送到"]),
    ("放阳光花园三号楼二单元1203", ["三号楼", "二单元", "1203"], ["放"]),
    # a unit's number and the room's bare number ('3单元' stood beside the masked 502)
    ("送到阳光花园3单元502", ["3单元", "502"], ["送到"]),
    ("阳光花园三单元502", ["三单元", "502"], []),
])
def test_stars_between_groups_and_buildings_in_numerals(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))
    assert _mask("139****5678") == "139****5678"  # a mask's run is no separator


@pytest.mark.parametrize("line, gone, kept", [
    # more letters than digits after a phone's label ('+l 2Ol-555-OO6O' stood; evasion_intl seed 38)
    ("Ship to: Olivia Lane, 12 Main St, 02110 Boston, MA, Phone +l 2Ol-555-OO6O", ["2Ol-555", "+l 2"], []),
    ("Phone: OOl 2OI 555 OlOS", ["OOl 2OI", "555"], ["Phone:"]),
    # without a label such a run is a model's or a standard's name
    ("model ISO 9OOl-2OI5", [], ["ISO 9OOl-2OI5"]),
    ("Size SOLO-IOO-lOl", [], ["SOLO-IOO-lOl"]),
])
def test_a_phone_in_letters_after_its_label(line, gone, kept):
    _gone_and_kept(line, gone, kept, ("share", "dispose"))


def test_verify_counts_letters_of_a_phone_as_its_digits(tmp_path):
    from typer.testing import CliRunner

    from waybill.cli import app

    f = tmp_path / "a.txt"
    f.write_text("Ship to: O***** L******, 02*** Boston, MA, Phone +l 2Ol-555-OO6O\n")
    r = CliRunner().invoke(app, ["verify", str(f)])
    assert r.exit_code == 7 and "phone" in r.output


@pytest.mark.parametrize("line, gone, kept", [
    # 'Front' is a surname too (world_text seed 142, pl_PL: the name stood); a desk stays
    ("Dawid Front, +48 512 345 029, ul. Polna 12, 31-000 Dąbrowa Górnicza", ["Dawid", "Front"], []),
    ("Front Desk, 07700 900123", [], ["Front Desk"]),
    ("Reception Front, 07700 900123", [], ["Reception Front"]),
])
def test_front_as_a_surname(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("line, gone, kept", [
    # whom to call (found by hand, 2026-12-07: each name stood)
    ("请打给王小明 13912345678", ["小明"], ["请打给王"]),
    ("打王小明电话", ["小明"], ["电话"]),
    ("打电话给李雷", ["李雷"], ["打电话给李"]),
    ("通知王小明", ["小明"], ["通知王"]),
    # no one
    ("打包好了。", [], ["打包好了。"]),
    ("打车过来", [], ["打车过来"]),
    ("告诉快递员放门口", [], ["告诉快递员放门口"]),
    ("打给物业", [], ["打给物业"]),
])
def test_whom_to_call_in_chinese(line, gone, kept):
    _gone_and_kept(line, gone, kept)


@pytest.mark.parametrize("csv, gone, kept", [
    # a note's column is free text, not a name column ('买家留言' held '周末送货', masked '周***')
    ("收货人,买家留言,Customer Comments,Customer ID\n王小明,周末送货,please ring Harold Finnegan on 07700 900123,C-10023\n"
     "李雷,请打给王小明 13912345678,leave at door,C-10024\n",
     ["小明", "Harold", "Finnegan", "900123", "1234567"], ["周末送货", "C-10023", "leave at door"]),
    # a bare name alone in a person's note is a name, with or without the row's other data
    ("收货人,买家备注\n王小明,李雷\n", ["小明", "李雷"], ["收货人,买家备注"]),
    ("Phone,Recipient Notes\n07700 900123,Harold Finnegan\n", ["Harold", "Finnegan", "900123"], ["Phone,Recipient Notes"]),
])
def test_note_columns_are_free_text(csv, gone, kept):
    out = io.BytesIO()
    mask_stream(io.BytesIO(csv.encode()), out, "csv", Settings())
    text = out.getvalue().decode()
    assert not [g for g in gone if g in text], text
    assert all(k in text for k in kept), text


@pytest.mark.parametrize("text, gone", [
    ("Ship to: John Smith, 12 Main St, Springfield, IL 62704\nNote: John Smith will be home after 5pm.", "John Smith will"),
    ("收件人：王小明 13812345678 北京市朝阳区建国路88号\n备注：王小明周末在家", "王小明周末"),
    ("Tel: 0151 23456789, Anna Becker\nbitte vorher anrufen: 0151 23456789", "23456789"),
])
def test_a_value_repeated_later_in_its_paragraph(text, gone):
    # a name or a phone found on one line of a note and repeated on a later line of it stood there
    out = _mask(text)
    assert gone not in out, out


def test_a_repeat_after_a_blank_line_is_another_paragraph():
    out = _mask("Ship to: John Smith, 12 Main St, Springfield, IL 62704\n\nJohn Smith Ltd price list")
    assert out.endswith("John Smith Ltd price list"), out


@pytest.mark.parametrize("encoding, ends", [("utf-8", "\n"), ("gb18030", "\n"), ("utf-8", "mixed")])
def test_repeats_read_the_same_in_one_process_and_in_pieces(tmp_path, monkeypatch, encoding, ends):
    """Paragraphs of 1-12 lines, some with no blank line between them, some with a label alone or a
    closing inside, each repeating the name and phone of its first line further down (LF, or LF,
    CRLF and lone CR mixed; UTF-8 or GB18030): workers cut the text where a paragraph's repeat lines
    are never split, and give what one process gives."""
    import random

    from typer.testing import CliRunner

    from waybill.cli import app
    from waybill.formats import pieces

    monkeypatch.setattr(pieces, "PIECE_BYTES", 600)
    r = random.Random(7)
    parts = []
    for k in range(300):
        name = f"{r.choice(['John', 'Mary', 'Anna', 'Pierre'])} {r.choice(['Smith', 'Becker', 'Dubois'])}{k}"
        lines = [f"Ship to: {name}, {k + 1} Main St, Springfield, IL 62704, Tel 555-{k:03d}-{k % 10}{k % 7}12"]
        lines += [r.choice([f"Note: {name} is out on Fridays", f"call {name} first", "fragile", "leave at door",
                            "Ship to", "收件人：", "Best regards,", f"{name}", "收件人：王小明 13812345678",
                            "备注：王小明周末在家"])
                  for _ in range(r.randint(0, 11))]
        parts.append("\n".join(lines) + ("\n\n" if r.random() < 0.7 else "\n"))
    text = "".join(parts)
    if ends == "mixed":
        pieces_ = text.split("\n")
        text = "".join(p + ("\n", "\r\n", "\r")[k % 3] for k, p in enumerate(pieces_[:-1])) + pieces_[-1]
    src = tmp_path / "notes.txt"
    src.write_bytes(text.encode(encoding))
    outs = []
    for w in ("1", "2"):
        res = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / w), "-q", "--workers", w])
        assert res.exit_code == 0
        outs.append((tmp_path / w / "notes.txt").read_bytes().decode(encoding))
    assert outs[0] == outs[1]
    assert outs[0].count("Note: J*** ") + outs[0].count("Note: M*** ") + outs[0].count("Note: A*** ") > 20
