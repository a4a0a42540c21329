"""Contact records of other countries (benchmarks/world_text.py found them): columns in the shop's
own language, address columns whose street form no detector knows, headerless exports. All values
are synthetic (written here)."""
import csv
import io
import json
import subprocess
import sys

import pytest

from waybill.audit import AuditKeys
from waybill.detect import detect_text
from waybill.engine import Engine, column_hint
from waybill.formats.structure import looks_like_header
from waybill.masking import Masker, load_policy
from waybill.model import EntityType as T

SHARE = load_policy("share")
DISPOSE = load_policy("dispose")


def _masked(text: str, hint=T.ADDRESS, dispose: bool = False) -> str:
    out = list(text)
    for f in detect_text(text, hint=hint):
        if f.type is T.ADDRESS_REGION and not dispose:
            continue
        for i in range(f.start, f.end):
            if not text[i].isspace():
                out[i] = "*"
    return "".join(out)


@pytest.mark.parametrize("header,kind", [
    ("Telefon", T.PHONE), ("Téléphone", T.PHONE), ("Puhelin", T.PHONE), ("電話番号", T.PHONE), ("전화번호", T.PHONE),
    ("Anschrift", T.ADDRESS), ("Adresse", T.ADDRESS), ("Indirizzo", T.ADDRESS), ("Dirección", T.ADDRESS),
    ("Endereço", T.ADDRESS), ("Osoite", T.ADDRESS), ("住所", T.ADDRESS), ("주소", T.ADDRESS),
    ("Nom", T.NAME), ("Nombre", T.NAME), ("Naam", T.NAME), ("Imię i nazwisko", T.NAME), ("Jméno", T.NAME),
    ("Navn", T.NAME), ("Ad Soyad", T.NAME), ("氏名", T.NAME), ("이름", T.NAME),
    ("Notes", None), ("nomination", None), ("Gewicht", None),
])
def test_column_words_of_other_languages(header, kind):
    assert column_hint(header)[0] is kind


@pytest.mark.parametrize("text,want", [
    # a street type no detector knows ("-Gasse" after a hyphen), before a postcode and town
    ("Birka-Oltmann-Gasse 295, 20221 Weißwasser", "******************* ***, 20*** Weißwasser"),
    # a unit line, then the street on its own line, then town and postcode (British)
    # (the inward code goes, as README says: it was kept whole in an address column until the
    # postcode patterns were read over usaddress's tags)
    ("Studio 51\nQuill Causeway, Ravenford TA6 3XN", "****** **\n***** ********, Ravenford TA6 ***"),
    # Korean road address: the 시/도 and 구 stay
    ("대전광역시 송파구 잠실 357-64", "대전광역시 송파구 ** ******"),
    # Brazilian: street, number, then CEP and town (address_eu reads it now: a CEP keeps 3 digits)
    ("Trecho Lucio Amaral, 59, 46072-097 Leão do Galho", "****** ***** ******* **, 460****** Leão do Galho"),
    # Taiwanese: postcode's first 2 digits and the city stay
    ("27439 桃園市平和巷73號8樓", "27*** 桃園市********"),
])
def test_address_column_masks_what_no_detector_placed(text, want):
    assert _masked(text) == want


@pytest.mark.parametrize("text,want", [
    # usaddress tags a locality on its own line as a place like the town after it: the town is
    # only the last group of place words ('Mutti Nagar' is part of the street line)
    ("H.No. 393\nMutti Nagar, Ramgarh 043528", "***** ***\n***** *****, Ramgarh 043***"),
    ("Flat 13\nJulie Island, Thomasburgh G4T 3XN", "**** **\n***** ******, Thomasburgh G4T ***"),
    # a last group that is only a state code keeps the town before it
    ("Apt 5\nNorth Mary, SD 67301", "*** *\nNorth Mary, SD 673**"),
    ("9 Elm St\nBrooklyn, New York, NY 11201", "* *** **\n********, New York, NY 112**"),
])
def test_address_column_town_is_the_last_place_group(text, want):
    assert _masked(text) == want


def test_address_column_region_goes_in_dispose():
    got = _masked("Birka-Oltmann-Gasse 295, 20221 Weißwasser", dispose=True)
    assert not any(ch.isalnum() for ch in got)


def test_address_column_leaves_nothing_of_a_value_with_no_region():
    got = _masked("Canale Gabrielli 34 Piano 1")
    assert set(got) <= {"*", " "}


def test_header_row_never_holds_three_digits():
    assert looks_like_header(["Name", "Phone", "Address Line 1"])
    # a data row of a headerless export whose values no detector knows is not a header
    assert not looks_like_header(["Ehrhart Lindner", "0170480306", "Birka-Oltmann-Gasse 295, 20221 Weißwasser"])


def _engine():
    return Engine(SHARE, Masker(SHARE), AuditKeys(b"k" * 32))


def test_headerless_columns_take_their_role_from_their_cells(tmp_path):
    rows = [
        ["Anna Kowalczyk", "+48 601 234 567", "ul. Marszałkowska 84, 00-514 Warszawa"],
        ["Jan Nowicki", "+48 602 345 678", "ul. Długa 12, 31-147 Kraków"],
        ["Ewa Zielińska", "+48 603 456 789", "ul. Polna 5, 60-535 Poznań"],
        # the phone and street forms no detector reads; the column says what they are
        ["Piotr Wiśniewski", "0603 4567 89", "Rotonda Lipowa 7, 80-001 Gdańsk"],
        ["Tülay Hörle", "+48 604 567 890", "ul. Leśna 9, 20-001 Lublin"],
    ]
    src = tmp_path / "in" / "people.csv"
    src.parent.mkdir()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    src.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src.parent), "-o", str(out), "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    got = list(csv.reader(io.StringIO((out / "in" / "people.csv").read_text(encoding="utf-8"))))
    assert len(got) == 5
    for row, orig in zip(got, rows):
        assert orig[0].split()[0] not in row[0]
        assert sum(ch.isdigit() for ch in row[1]) <= 5
    assert "Rotonda" not in got[3][2] and "Lipowa" not in got[3][2] and "Gdańsk" in got[3][2]


def _mask_csv_rows(tmp_path, rows, name="people.csv"):
    from typer.testing import CliRunner

    from waybill.cli import app
    runner = CliRunner()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    src = tmp_path / name
    src.write_text(buf.getvalue(), encoding="utf-8")
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.stderr
    return list(csv.reader(io.StringIO((tmp_path / "o" / name).read_text(encoding="utf-8"))))


def test_headerless_phone_column_no_detector_reads(tmp_path):
    """world_text --locales scripts seed 77: every phone of the headerless Armenian CSV stood
    (local numbers in any writing, '10.440029', '(354) 60886'; no detector knows them without a
    label or country code) while the names and streets beside them were masked."""
    rows = [["Մարիամ Գրիգորյան", "310-83967", "Աբովյան փողոց 12, 2501 Կապան"],
            ["Ժաննա Սարգսյան", "10.440029", "Մաշտոցի պողոտա 5, 3801 Տաշիր"],
            ["Արամ Պետրոսյան", "(354) 60886", "Բաղրամյան 44, 3101 Վեդի"],
            ["Կարեն Հակոբյան", "92.167904", "Իսահակյան 8, 1701 Մեղրի"],
            ["Լիլիթ Ավետիսյան", "10-116133", "Նալբանդյան 3, 2201 Աշտարակ"]]
    got = _mask_csv_rows(tmp_path, rows)
    for row, orig in zip(got, rows):
        assert sum(ch.isdigit() for ch in row[1]) <= 5, row[1]
        assert row[1] != orig[1]


def test_headerless_number_columns_beside_names_stay(tmp_path):
    """Bare digit runs no detector takes for a phone (a tracking number) and amounts of money stay,
    whatever stands beside them."""
    rows = [["Kathleen Rodriguez", "773012345678901", "1,234.50", "12 Main St"],
            ["John Smith", "773012345678902", "99.00", "14 Oak Ave"],
            ["Mary Jones", "773012345678903", "12,345.67", "9 Elm Rd"],
            ["Anna Bell", "773012345678904", "1 234,00", "5 Pine Ct"]]
    got = _mask_csv_rows(tmp_path, rows)
    assert [r[1] for r in got] == [r[1] for r in rows]
    assert [r[2] for r in got] == [r[2] for r in rows]
    assert all("Kathleen" not in r[0] for r in got)


def test_headerless_column_of_bare_chinese_names(tmp_path):
    """A headerless list of names with nothing beside them but goods (no phone or address in the
    row, so the row is no record): every name stood; a column of colours repeating a few words
    stays, and so do product names in Latin letters."""
    got = _mask_csv_rows(tmp_path, [["王小二", "T恤", "1"], ["李四", "水杯", "2"], ["赵六", "雨伞", "1"],
                                    ["钱七", "台灯", "1"]])
    assert all(r[0].endswith("*") and len(r[0].strip("*")) == 1 for r in got), got
    assert [r[1] for r in got] == ["T恤", "水杯", "雨伞", "台灯"]
    got = _mask_csv_rows(tmp_path, [["白色"], ["黄色"], ["白色"], ["黄色"], ["白色"]], name="colours.csv")
    assert [r[0] for r in got] == ["白色", "黄色", "白色", "黄色", "白色"]
    got = _mask_csv_rows(tmp_path, [["Apple Watch", "1"], ["Magic Mouse", "2"], ["Apple Pencil", "1"],
                                    ["Smart Folio", "1"]], name="goods.csv")
    assert [r[0] for r in got] == ["Apple Watch", "Magic Mouse", "Apple Pencil", "Smart Folio"]


def test_shape_roles_read_the_same_serial_and_in_blocks(tmp_path, monkeypatch):
    """The columns read by their cells' shapes (phones no detector reads, bare Chinese names) are
    read from counts summed over blocks (``table.CHUNK`` rows each): a block too small to show the
    role alone (the last two rows) takes it from the blocks before, whether the blocks run in one
    process or in workers."""
    import subprocess
    import sys
    rows = []
    names = ["王小二", "李四", "赵六", "钱七", "孙八", "周九", "吴十", "郑一"]
    for k in range(2002):
        rows.append([names[k % 8] + "明"[: k % 2], f"{300 + k % 90}-{10000 + k:05d}", f"Աբովյան փողոց {k % 90 + 1}, 2501 Կապան"])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    src = tmp_path / "in" / "big.csv"
    src.parent.mkdir()
    src.write_text(buf.getvalue(), encoding="utf-8")
    outs = []
    for w in ("1", "2"):
        r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(tmp_path / f"o{w}"), "-q",
                            "--workers", w], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        outs.append((tmp_path / f"o{w}" / "big.csv").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    last = list(csv.reader(io.StringIO(outs[0])))[-2:]
    for row in last:
        assert sum(ch.isdigit() for ch in row[1]) <= 5, row


def test_world_benchmark_runs_and_scores(tmp_path):
    pytest.importorskip("faker")
    r = subprocess.run([sys.executable, "-m", "benchmarks.world_text", "--n", "3", "--seed", "1",
                        "--locales", "de_DE,ko_KR", "--json", str(tmp_path / "w.json"), "--keep", str(tmp_path / "w")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode in (0, 1), r.stderr
    fig = json.loads((tmp_path / "w.json").read_text())["figures"]["share"]
    assert set(fig["per_locale"]) == {"de_DE", "ko_KR"}
    assert fig["total"]["name"][0] == 2 * 3 * 5  # 3 people x 5 file kinds x 2 locales


def _share(text: str) -> str:
    return Engine(SHARE, Masker(SHARE), AuditKeys(b"k" * 32)).mask_value(text, {}, None)


def _mask_csv(tmp_path, text: str, preset: str = "share") -> str:
    """``text`` as a CSV masked through the CLI (``preset``): the output's text."""
    from typer.testing import CliRunner

    from waybill.cli import app
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q", "--preset", preset])
    assert r.exit_code == 0, r.output
    return (tmp_path / "out" / "in.csv").read_text(encoding="utf-8")


def _assert_address_cell(tmp_path, cell: str, gone, kept) -> None:
    """``cell`` in an address column of a CSV masked through the CLI shows none of ``gone`` and
    every one of ``kept``."""
    got = _mask_csv(tmp_path, f'name,address\nA B,"{cell}"\n').splitlines()[1]
    for g in gone:
        assert g not in got, (g, got)
    for k in kept:
        assert k in got, (k, got)


def _assert_unhinted(text: str, gone, kept=()) -> None:
    """``text`` with no column role, its findings masked but the region (``_masked``), shows none
    of ``gone`` and every one of ``kept``."""
    got = _masked(text, hint=None)
    for g in gone:
        assert g not in got, (g, got)
    for k in kept:
        assert k in got, (k, got)


def _mask_csv_cell(text: str) -> str:
    """share of ``text`` as a cell of a column named 'address'."""
    return Engine(SHARE, Masker(SHARE), AuditKeys(b"k" * 32)).mask_value(text, {}, "address")


def _assert_cell(cell: str, gone, kept) -> None:
    """``cell`` masked as an address column's cell shows none of ``gone`` and every one of ``kept``."""
    got = _mask_csv_cell(cell)
    for g in gone:
        assert g not in got, (g, got)
    for k in kept:
        assert k in got, (k, got)


def _assert_gone_and_kept(text: str, gone, kept) -> None:
    """share of ``text`` shows none of ``gone`` and every one of ``kept``."""
    got = _share(text)
    for g in gone:
        assert g not in got, (g, got)
    for k in kept:
        assert k in got, (k, got)


@pytest.mark.parametrize("text,gone,kept", [
    ("〒081-3642 北海道渋谷区台場5-13-4 パレス984号室", ["3642", "台場", "5-13-4", "パレス", "984"], ["北海道渋谷区", "〒08"]),
    ("島根県昭島市台場2丁目1番9号 クレスト774号室", ["台場", "2丁目", "1番", "クレスト", "774"], ["島根県昭島市"]),
    ("대전광역시 송파구 잠실로 357-64, 114동 942호", ["잠실로", "357", "114동", "942호"], ["대전광역시 송파구"]),
    ("테헤란로 123, 101동 202호", ["테헤란로", "123", "101동", "202호"], []),
    ("301 永和成功40巷128號5樓", ["成功", "40巷", "128", "5樓"], []),
])
def test_asian_addresses_in_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,name", [
    ("이준혁, 010-1234-2972, 대전광역시 송파구 잠실로 357-64", "이준혁"),
    ("받는 분: 김영환 / 전화 010-1234-3495", "김영환"),
    ("Please deliver to 이윤서, call 010-1234-4941", "이윤서"),
    ("손재호 | 010-1234-0179", "손재호"),
    ("김철수님 010-1234-5678", "김철수"),
    ("鈴木 学, 070-1234-5334, 島根県昭島市台場2丁目1番9号", "鈴木 学"),
    ("お届け先: 佐藤七夏 / 滋賀県国立市睦2丁目19番27号", "佐藤七夏"),
])
def test_korean_and_japanese_names_in_a_record(text, name):
    got = _share(text)
    assert name not in got, got
    assert name[0] in got  # the family name stays in share, as for Chinese names


def test_korean_note_words_are_not_names():
    text = "배송 전 연락 부탁드립니다 010-1234-5678 경비실에 맡겨 주세요"
    got = _share(text)
    assert "배송 전 연락 부탁드립니다" in got and "경비실에 맡겨 주세요" in got


def test_japanese_family_names_are_held_as_the_detectors_see_them():
    from waybill.detectors import name_asia
    from waybill.normalize import normalize

    seen = set()
    for n in name_asia._JP_FAMILY:
        m = normalize(n)
        seen.add(getattr(m, "text", m))
    assert seen - set(name_asia._JP_FAMILY) == set(name_asia._JP_FAMILY_SIMPLIFIED)


@pytest.mark.parametrize("text,number", [
    ("Birte Hansen | 10717192 | birte@example.com | Algade 12, 4885 Slagelse", "10717192"),
    ("Ruben Holst, 58 07 89 94, Algade 12, 1500 Rudkøbing", "58 07 89 94"),
    ("Marcus Taferner, 03848/63903011, Hauptstraße 3, 3400 Wörgl", "03848/63903011"),
    ("Modtager: P Sand / Algade 9, 6827 Fur / Tlf. +45 11 23 85 35", "11 23 85 35"),
])
def test_a_number_that_is_a_whole_field_of_a_record_is_a_phone(text, number):
    got = _share(text)
    assert number not in got, got
    name = text.split(",")[0].split("|")[0].strip()
    if " " in name and ":" not in name:
        assert name.split()[1] not in got  # the name beside it goes too


def test_numbers_in_a_list_without_words_are_not_phones():
    assert _share("12345678, 23456789, 34567890") == "12345678, 23456789, 34567890"


@pytest.mark.parametrize("text,street", [
    ("Melissa Lambert, 495.281.0888x4228, 166 Martin Mews, North Mary, SD 67301", "Martin Mews"),
    ("Ship to: R Lane / 018 Cassandra Port, West Mistybury, IN 08765", "Cassandra Port"),
    ("Unit 4, 1 Johnson Arcade, Port Glendachester, ACT 8377", "Johnson Arcade"),
    ("O Gruber | 0662 70740 032 | og@example.at | Emilia-Frühwirth-Ring 2, 5891 Waidhofen an der Ybbs",
     "Frühwirth"),
    ("Empfänger: C R / Mariam-Schrittwieser-Gasse 659, 7171 Spittal an der Drau", "Schrittwieser"),
    ("A C | +45 1234 5946 | ac@example.dk | Øresund Park Allé 68, 1589 Hillerød", "Øresund"),
    ("Modtager: M W / Høyensstræde 360, 4695 Højbjerg", "Høyensstræde"),
    ("V J | +420 602 123 806 | vj@example.cz | Suchdolská 22, 173 68 Stochov", "Suchdolská"),
])
def test_street_lines_of_other_countries_in_text(text, street):
    got = _share(text)
    assert street not in got, got


def test_us_phone_with_an_extension():
    got = _share("Melissa Lambert, 495.281.0888x4228")
    assert "281.0888" not in got and "Lambert" not in got


def test_verify_does_not_call_a_phones_kept_digits_in_an_address_column_an_address(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    # a phone in the address column, and one split over two cells (its last 4 digits alone)
    (src / "o.csv").write_text("收件人,收件电话,收件地址\n张伟明,,13912349556\n李娜,13812345678,北京市朝阳区建国路88号院3号楼1501室\n"
                               "王芳,1391234,6008\n", encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "9556" in (out / "in" / "o.csv").read_text(encoding="utf-8")  # GB/T: the last 4 stay
    v = subprocess.run([sys.executable, "-m", "waybill", "verify", str(out / "in" / "o.csv")],
                       capture_output=True, text=True)
    assert v.returncode == 0, v.stderr


@pytest.mark.parametrize("text,gone,kept", [
    ("M Bell | +61 2 1234 0610 | mb@example.com | 36 Joyce Colonnade, West Heatherbury, QLD 4002",
     ["Joyce", "Colonnade", "4002"], ["West Heatherbury, QLD 40"]),
    ("Ship to: N M / 60/784, Basu Ganj, Khora  358138 / Mobile 9876512124", ["Basu", "784", "358138"], ["Khora"]),
    ("A C | 0651 123 7636 | ac@example.com | 7636 Çetin Field Suite 566, 10992 Yeniköy", ["Çetin", "566"], []),
])
def test_australian_indian_and_latin_street_lines(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,street", [
    ("Destinatario: A O / Rambla de Blanca Agudo 98, 49371 Teruel", "Agudo"),
    ("E P | +34 612 348 331 | ep@example.com | Callejón de Rolando Calzada 2, 15866 Álava", "Calzada"),
    ("Destinatário I L Tel. 912 345 649 R. do Bonjardim, 43, 2282-939 Anadia", "Bonjardim"),
    ("B C | +55 51 7776-1706 | bc@example.com | Trecho Luiz Henrique da Rocha, 59, 46072-097 Leão do Galho", "Henrique"),
])
def test_iberian_and_brazilian_street_lines(text, street):
    got = _share(text)
    assert street not in got, got


def test_iberian_type_words_alone_are_not_streets():
    assert _share("I like the Vila 12 and Parque 3 items") == "I like the Vila 12 and Parque 3 items"


@pytest.mark.parametrize("text,gone,kept", [
    # a name ends before a lower-case word that is not a particle, and before a phone label
    ("Please deliver to Dana Veselá at Slunečná 5, 657 50 Králův Dvůr.", ["Veselá", "Slunečná 5"], ["Králův Dvůr"]),
    ("Deliver to Anna Ward Ph +61.2.1234.5676 950 Smith Street, Williamston, ACT 2600",
     ["Ward", "950", "Smith"], ["Williamston, ACT 26", " Ph ", ".5676 "]),
    # the gates read 'route' in 'Vroutek' and 'út' in 'Úterý': still untyped streets
    ("Izraelská 927, 779 00 Vroutek", ["Izraelská 927"], ["Vroutek", "77"]),
    ("K Lipám 3, 354 73 Úterý", ["K Lipám 3"], ["Úterý", "35"]),
    ("Ship to: Maria van der Berg", ["Maria van der Berg"], ["Ship to: "]),
])
def test_name_street_and_phone_boundaries_in_free_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a contact record in free text whose address the detectors found in part: the rest of the
    # field goes as in an address column (the region stays)
    ("Destinataire Claire Simon Tél. +33 1 23 45 33 38 66 rue Jean Bernier, 52100 Sainte Diane",
     ["Bernier", "66 rue"], ["52", "Sainte Diane", "Destinataire"]),
    ("Lea Petit, +33 1 23 45 36 67, 12 avenue Jacques Caron, 67000 Boulay", ["Caron", "Jacques"], ["67", "Boulay"]),
    ("Please deliver to Omar Shah at H.No. 12\nBen Marg, Ichalkaranji 012137. Call +919876505060 if nobody is home.",
     ["Ben Marg", "H.No. 12"], ["Ichalkaranji", "Please deliver to", " at ", "if nobody is home"]),
    # the field ends at the sentence end: the next sentence's number is not an address (it is a
    # phone: its area code in brackets, found whole since the national detector's gate takes a
    # bracket before a separator)
    ("Please deliver to Hans Sauer at Lindenweg 4, 97123 Biedenkopf. Call (08274) 41016 if nobody is home.",
     ["Lindenweg", "08274", "4101"], ["Biedenkopf", "Call (", ") *1016 if nobody is home"]),
    # one segment (a town line beside a phone): nothing to tell apart, left as the detectors read it
    ("Mobile 07 927 525309, London SW1A 1AA", [], ["London SW1A"]),
])
def test_address_field_of_a_record_in_free_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a Brazilian street line: the number after a comma, the CEP with or without its hyphen
    ("Feira Maria Luísa Moraes, 7, 75786-363 Rocha Paulista", ["Feira Maria", ", 7,", "86-363"],
     ["757", "Rocha Paulista"]),
    ("Mara Luz | 11 3456-9415 | hxx@gmail.com | Chácara de Martins, 9, 75125039 Silveira de Sousa",
     ["Chácara de Martins", "25039"], ["751", "Silveira de Sousa"]),
    # a word that heads a list of amounts is no street
    ("Invoice, 12, 10115 Berlin", [], ["Invoice, 12, 10115 Berlin"]),
])
def test_brazilian_street_lines(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a German/Dutch/Austrian number with its trunk-0 area code in brackets, labelled or not:
    # libphonenumber's matcher (region US) misses them, and the national detector's gate did not
    # let a bracket stand before a separator (world_text seed 5: 15-16% of de_DE/nl_NL phones)
    ("Tel (07204) 08671", ["07204", "0867"], ["Tel ("]),
    ("Telefon: (0721) 123456", ["0721", "1234"], ["Telefon: ("]),
    ("Call (0721) 123456 today", ["0721", "1234"], ["Call (", " today"]),
    ("Hans Maier, (04114) 476433, Uelzen", ["04114", "4764"], ["Uelzen"]),
])
def test_bracketed_trunk_area_code_in_free_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_bracketed_trunk_area_code_in_a_phone_column(tmp_path):
    # in a phone column, what no pattern took is masked by the column's fail-safe: its digit run
    # now may start with a bracketed trunk-0 area code ('(02505) 92307'; an invalid '(00012) 97459')
    out = _mask_csv(tmp_path, "name,phone\nA B,(02505) 92307\nC D,(00012) 97459\nE F,(800) 845-9672\n"
                              "G H,12.03.2026\n")
    got = [ln.split(",")[1] for ln in out.splitlines()[1:]]
    for cell in got[:3]:
        assert sum(c == "*" for c in cell) >= 6, cell  # GB/T 41833: at least 6 digits hidden
    assert got[2].startswith("(800) ")  # a US toll-free area code read as before (7 digits after it)
    assert got[3] == "12.03.2026"  # a date in a phone column is no phone


@pytest.mark.parametrize("text,gone,kept", [
    # a place and a house number with no street word (Faker's zh_TW addresses; world_text seed 5:
    # 34% of zh_TW street lines were left): the run to the number, and a floor after it, go
    ("88669 草屯縣西門63號9樓", ["西門", "63號", "9樓", "669"], ["88*** "]),
    ("收件人: 詹** / 36604 頭份縣新店271號 / 電話 ***", ["新店", "271號"], ["收件人: 詹** / ", " / 電話"]),
    # the real forms were found before and still are: the region stays, the rest goes
    ("台中市西屯區文心路二段201號7樓", ["文心路", "201號"], ["台中市西屯區"]),
    # no address: a number that a thing, a line or a gate has, or one after a field word
    ("請買5號電池", [], ["請買5號電池"]),
    ("坐地铁3号线", [], ["坐地铁3号线"]),
    ("放在2号门", [], ["放在2号门"]),
    ("订单号123号", [], ["订单号123号"]),
    ("编号7号", [], ["编号7号"]),
])
def test_place_and_house_number_without_a_street_word(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_traditional_chinese_names_in_a_headerless_export(tmp_path):
    # a bare name in traditional characters (陳文雄) in a column without a header, in a row that
    # holds a phone: read as its simplified form (陈文雄), a known surname; it was left (world_text
    # seed 5: 14.5% of zh_TW names, all in headerless files)
    got = _mask_csv(tmp_path, "陳文雄,0912 345 678\n劉苡安,0921 456 789\n鍾靜怡,0933 567 891\n林秀琴,0955 678 912\n")
    for name in ("陳文雄", "劉苡安", "鍾靜怡", "林秀琴", "文雄", "苡安", "靜怡", "秀琴"):
        assert name not in got, got
    assert got.count("陳") == 1 and got.count("劉") == 1  # the surname is kept (share)


def test_accented_names_in_a_headerless_export(tmp_path):
    # a bare name with letters beyond ASCII (Czech, Turkish, Polish) in a column without a header, in a
    # row that holds a phone: a name; the name test took [A-Z][a-z] only (world_text seed 5: 19.5%
    # of cs_CZ names left, all in headerless files)
    rows = [("Karolína Němeček", "+420 601 234 567"), ("Zbyněk Pešková", "+420 602 345 678"),
            ("Tülay Hörle", "+90 532 123 45 67"), ("Łukasz Wójcik", "+48 604 567 890")]
    got = _mask_csv(tmp_path, "".join(f"{a},{b}\n" for a, b in rows))
    for name, _ in rows:
        for word in name.split():
            assert word not in got, (word, got)


@pytest.mark.parametrize("cell,gone,kept", [
    # a US-style street (house number, name, USPS street type) before a postcode and town: four or
    # five digits and capitalised words read like "1234 Town", so the street was kept as a town
    # and its number as a postcode (Faker's tr_TR: 26% of street lines left, world_text seed 5)
    ("5512 Mükramin Stravenue, 91234 North Şinasiport", ["5512", "Mükramin", "Stravenue", "91234"],
     ["91*** North Şinasiport"]),
    ("53123 Ferihan Knolls Apt. 123, 95123 Şafakside", ["53123", "Ferihan", "Knolls", "Apt", "123,"],
     ["95*** Şafakside"]),
    # two postcode-and-town groups right after each other: the last is the town
    ("4123 Karcan Yolu, 99123 Çorluport", ["4123", "Karcan", "99123"], ["99*** Çorluport"]),
    # a European street and town as before
    ("Hauptstr. 5, 80331 München", ["Hauptstr", "5,"], ["80*** München"]),
])
def test_numbered_street_before_postcode_and_town_in_an_address_column(tmp_path, cell, gone, kept):
    _assert_address_cell(tmp_path, cell, gone, kept)


def test_number_and_postcode_the_tagger_took_for_places(tmp_path):
    # usaddress tags the house number after a comma and a Portuguese postcode as place names
    # ('Av de Leite, 28, 6869-349 Felgueiras'): both were kept as the town (world_text seed 5, pt_PT)
    got = _mask_csv(tmp_path, 'name,address\nA B,"Av de Leite, 28, 6869-349 Felgueiras"\n'
                              'C D,"Av Pires, 2, 7016-194 Mealhada"\n').splitlines()[1:]
    assert ", 28," not in got[0] and "6869-349" not in got[0] and "9-349" not in got[0], got
    assert got[0].endswith('686***** Felgueiras"') and got[1].endswith('701***** Mealhada"'), got
    assert ", 2," not in got[1], got


@pytest.mark.parametrize("text,gone,kept", [
    # a country code in brackets without its plus (Faker's pt_PT; world_text seed 6: 19.5% of
    # pt_PT phones left in headerless files): a phone when it is valid for that country
    ("Filipa Oliveira, (351) 938 561 251", ["938", "561"], []),
    ("(351) 933590673", ["9335906"], []),
    # a US area code in brackets stays a US number (masked as before), a reference stays
    ("call (351) 938-5612", ["938-5"], ["call ("]),
    ("order (12) 3456789", [], ["order (12) 3456789"]),
])
def test_country_code_in_brackets(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_names_with_particles_in_a_headerless_export(tmp_path):
    # 'Stef van der Wal': the particles in lower case made the cell no name (world_text seed 6:
    # 8.5% of nl_NL names left, all in headerless files); a street with a particle is no name
    got = _mask_csv(tmp_path, "Stef van der Wal,+31 6 12345678,Rua da Liberdade 5\n"
                              "Floor van Henegouwen,+31 6 23456789,Rua da Liberdade 6\n")
    for word in ("Stef", "Wal", "Floor", "Henegouwen"):
        assert word not in got, (word, got)
    from waybill.formats.structure import _row_name
    assert not _row_name("Rua da Liberdade") and not _row_name("Via del Corso")


@pytest.mark.parametrize("text,share_kept,dispose_gone", [
    # a region before a street the fallback found ('阿里' read as 阿里地区) and a postal code right
    # before the address: share keeps them as the region, dispose removes them (world_text seed 6,
    # dispose: 31% of zh_TW addresses kept '691 阿里...' or the like)
    ("Please deliver to 王小明 at 691 阿里山鄉中山路5號 today", ["69* 阿里"], ["69", "阿里", "中山路"]),
    ("100020 北京市朝阳区建国路88号", ["100*** 北京市朝阳区"], ["100", "北京", "建国路"]),
])
def test_region_and_postcode_before_a_chinese_street_go_in_dispose(text, share_kept, dispose_gone):
    from waybill.masking import load_policy
    for preset, want, gone in (("share", share_kept, []), ("dispose", [], dispose_gone)):
        pol = load_policy(preset)
        got = Engine(pol, Masker(pol), AuditKeys(b"k" * 32)).mask_value(text, {}, None)
        for k in want:
            assert k in got, (preset, k, got)
        for g in gone:
            assert g not in got, (preset, g, got)


@pytest.mark.parametrize("text,gone,kept", [
    # Indian address lines with no street word: house number, locality, town and PIN (world_text
    # seeds 5 and 6: 10% of en_IN street lines left in free text)
    ("Mohan Rao, +91 98765 43210, 451, Nagy Zila, Ulhasnagar 599666", ["451", "Nagy", "Zila", "666"],
     ["Ulhasnagar 599"]),
    ("Rao | 80, Maharaj, Dibrugarh 420735", ["80,", "Maharaj", "735"], ["Dibrugarh 420"]),
    # the house number at a line's end and the street on the next line
    ("Ship to: Anil Mehta / 27/80\nDyal Road, Buxar 686014", ["27/80", "Dyal", "014"], ["Buxar", "686"]),
    # not an address: a list of things with a number
    ("Invoice 12, Total, Amount 123456", [], ["Invoice 12, Total, Amount 123456"]),
])
def test_indian_address_lines_in_free_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a name before a phone whose country prefix the phone finding did not take ('+1-', '001-'):
    # the prefix stood between them, and the name was left (world_text seed 5: most of the
    # 0.6% of names left, en_US/en_IE/fr_FR records in free text)
    ("Alan Mckay, 001-684-555-1644x123, 123 Main St", ["Alan", "Mckay"], []),
    ("William Parker | +1-555-234-9936 | d@gmail.com", ["William", "Parker"], []),
    ("Sophie Moreau, +33 6 12 34 97 96, 12 rue X", ["Sophie", "Moreau"], []),
])
def test_name_before_a_phone_with_a_country_prefix(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a +CC number that libphonenumber finds possible but not valid, with no label: the matcher
    # (valid numbers only) left it whole; and a labelled one whose extension cut it short
    # ('+90(673)122' found, '-5922' left) (world_text seed 9: tr_TR 5% of phones)
    ("Sittik Arslan | +90(685)155-6078x078 | o@x.com", ["685", "155"], []),
    ("+44 7700 900456", ["7700", "9004"], []),
    ("Tel +90(673)122-5922x3043", ["673", "122-5"], ["Tel +"]),
    # no phone: a version, a temperature, a reference
    ("version +1.2.3", [], ["version +1.2.3"]),
    ("temp +12.5 C", [], ["temp +12.5 C"]),
])
def test_plus_numbers_outside_the_known_ranges(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["Telf: 612 345 678", "Tfno. 912 345 678"])
def test_spanish_phone_label_abbreviations(text):
    # 'Telf' and 'Tfno' (Spanish labels; noticed by the issue 11 helper on a label)
    _assert_gone_and_kept(text, ["345", text[6:9]], [text[:4]])


@pytest.mark.parametrize("text,gone,kept", [
    # a house number written after a labelled phone, before its street: the phone's run took it as
    # its last group, and the phone's kept last digits showed it (world_text seed 12: en_AU, fr_FR,
    # en_IN street lines; `python -m benchmarks.world_text --seed 12 --locales en_AU,fr_FR,en_IN --show 12`)
    ("Deliver to Edward Larson Ph (07).7458.8811 450 Luis Gap, Billyberg, NSW 1808",
     ["450", "Luis", "Gap", "7458"], ["Billyberg"]),
    ("Deliver to Joseph Price Ph +61 433 605 630 5 Kelly End, Port Cynthiastad, ACT 5852",
     [" 5 ", "Kelly", "605"], ["Port Cynthiastad"]),
    ("Deliver to Rebecca Stephens Ph +61-493-469-221 3/107 Nicholas Copse, St. Anthonyhaven, QLD 2604",
     ["3/107", "107", "Nicholas", "469"], ["Anthonyhaven"]),
    ("Destinataire Marthe Valentin Tél. 05 79 68 39 21 77, rue de Jacques, 51285 Prévost",
     ["77", "Jacques", "68 39"], ["Prévost"]),
    ("Ship to Hemang Sharaf Mobile 7010233081 77/332, Kashyap Road, Parbhani 280128",
     ["77/332", "332", "Kashyap", "702330"], ["Parbhani"]),
    # a phone whose last group is its own, then a street with its number: unchanged
    ("Tel 020 7946 0958, 12 High St, London", ["7946", "12 High", "High"], ["London"]),
])
def test_house_number_after_a_labelled_phone(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("cell,gone,kept", [
    # usaddress reads US order, so a street whose type comes first and whose name is a person's
    # ('boulevard Julien Godard', 'Campo da Paz') had its name tagged as the town and kept
    # (world_text seed 12: fr_FR and pt_BR address columns)
    # (its postcode keeps 2 digits, as address_eu keeps a French one anywhere: 934 was usaddress's)
    ("691, boulevard Julien Godard, 93427 Allain", ["691", "boulevard", "Julien", "Godard"], ["93*** Allain"]),
    ("49, boulevard Bouchet, 49821 Collet", ["Bouchet,"], ["Collet"]),
    ("Campo da Paz, 67, 84212567 Marques", ["Campo", "Paz", ", 67,"], []),
    # the town of a US address and a town segment with no postcode stay
    ("123 Main St, Springfield, IL 62704", ["123", "Main"], ["Springfield, IL 627"]),
    ("Flat 3, Baker Street, London", ["Baker"], ["London"]),
])
def test_street_named_like_a_town_in_an_address_column(tmp_path, cell, gone, kept):
    _assert_address_cell(tmp_path, cell, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # 'S/N' (no number) in place of a house number: the street was not read at all (world_text
    # seed 12, pt_PT: 11.5% of street lines, `--locales pt_PT --show 40`)
    ("Please deliver to Maria Silva at R. Matilde Araújo, S/N, 6146-972 Guimarães. Call +351 912 345 678",
     ["Matilde", "Araújo"], ["Guimarães"]),
    ("Gonçalo Gomes | 912345701 | e@clix.pt | Avenida Mário Leal, S/N, 7424-856 Pinhel", ["Mário", "Leal"], ["Pinhel"]),
    ("Calle Mayor s/n, 28013 Madrid", ["Mayor"], ["Madrid"]),
    # a street line right after a phone was read as a name beside the phone ('Calle de Jose
    # Manuel'), which cut the street short and left its number (es_ES)
    ("Adora Solís, +34806 51 42 86, Calle de Jose Manuel Porcel 20, 33063 Alicante", ["Porcel", "20,", "Manuel"],
     ["Alicante"]),
    ("Oriana Cámara, +34887428852, Pasadizo María José Nebot 278 Piso 6 , 14636 Alicante", ["Nebot", "278", "Piso 6"],
     ["Alicante"]),
    # a given name that is also a weak street type stays a name beside a phone
    ("Ronda Smith, +1 415 555 0134", ["Ronda", "Smith"], []),
])
def test_iberian_street_lines_in_free_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a typed street with no house number right before a postcode and town (world_text seed 12,
    # pt_BR: the street was not read at all)
    ("Destinatário: Clara Novais / Lago Oliver Cavalcanti, 45992-105 Cassiano da Serra / Tel. +55 55 2444-3531",
     ["Oliver", "Cavalcanti"], ["Cassiano da Serra"]),
    # a street's house number took the first digits of the postcode after it ('Rua das Flores,
    # 0123|4-567'): the postcode and town were not read
    ("Rua das Flores, 01234-567 São Paulo", ["Flores", "34-567"], ["São Paulo"]),
    ("Meet at Place Bellecour, 69002 Lyon", ["Bellecour"], ["Lyon"]),
])
def test_street_without_house_number_before_postcode(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # an Indian address line (house number, locality, town, PIN) right after a labelled phone: the
    # phone took the house number and the line was not read (world_text seed 14, en_IN)
    ("Ship to Bhavin Nair Mobile 9876543210 51/02, Bora, Loni 288977", ["51/02", "Bora", "977"], ["Loni 288"]),
    ("Ship to Victor Dua Mobile 1535635131 47/89, Ramanathan Zila, Jorhat 077234", ["47/89", "Ramanathan", "234"],
     ["Jorhat"]),
])
def test_indian_address_line_after_a_phone(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a Brazilian town that starts with a particle after its CEP ('51738-150 da Mata', Faker's
    # pt_BR; world_text seed 14): no postcode and town were found, so the street before it was not read
    ("Destinatário: I C / Estrada da Rosa, 40884-433 da Mata do Sul / Tel. 34 7476-4166", ["Estrada da Rosa", "84-433"],
     ["da Mata do Sul"]),
    ("Please deliver to L A at Alameda de Mendonça, 08226003 da Rosa. Call 34 7476-3269", ["Mendonça", "26003"],
     ["da Rosa"]),
])
def test_brazilian_town_with_a_particle(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a one-line sender whose fields a spaced dot, bullet or bar sets apart (European carriers'
    # sender line; label_holdout heldout seed 47000, dk_gls photo): nothing of it was found
    ("Mateusz Fitzgerald · Algade 16 · 5000 Odense C", ["Mateusz", "Fitzgerald", "Algade"], ["Odense C"]),
    ("Mateusz Fitzgerald - Algade 76 · 5000 Odense C", ["Mateusz", "Fitzgerald", "Algade"], ["Odense C"]),
    ("Hans Muster • Bahnhofstrasse 5 • 8001 Zürich", ["Muster", "Bahnhofstrasse"], ["Zürich"]),
    ("Mateusz Fitzgerald | Algade 16 | 5000 Odense C", ["Fitzgerald", "Algade"], ["Odense C"]),
])
def test_one_line_sender_with_dot_separators(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 16 (fresh when looked at; `python -m benchmarks.world_text --seed 16 --show 40`)
    # 東京都 arrives at the detectors as 东京都 (t2s): every Tokyo address was read by nothing
    ("お届け先 鈴木 花子 電話 070-5123-5104 東京都福生市丸の内2丁目19番15号 ハイツ843",
     ["丸の内", "19番", "ハイツ", "843", "5123"], ["東京都福生市"]),
    # seven digits after a phone label: a local number ("### # ###" in Faker's tr_TR)
    ("Alıcı: Bilginur Akçay / 5461 Zinnure Flats Apt. 025, 55476 Aslanshire / Tel 702 9 448", ["702 9 448", "9 448"], []),
    ("Please deliver to Vâlâ Şama at 1810 Akgündüz Forge, 43552 Menişanstad. Call 363 3 877 if nobody is home.",
     ["363 3 877", "3 877"], ["Menişanstad"]),
    # an area code in brackets is no Chinese landline's start; the house number after it is the street's
    ("Alıcı Özpetek Eraslan Tel (034)076 1857 33022 Enes Curve, 30887 İhsanoğluview", ["076 1", "33022", "Enes"],
     ["İhsanoğluview"]),
    ("Please deliver to Alpsü Yılmaz at 79121 Cedide Via, 42808 Erdoğanburgh.", ["79121", "Cedide"], ["Erdoğanburgh"]),
    ("粘美英 | 0967-796001 | meilansung26@yahoo.com | 19270 卑南廣慈98號4樓", ["粘美英", "美英"], []),
    ("Destinatario: Amparo Jimenez / C. José Córdoba 43 Piso 7 , 46850 Santa Cruz de Tenerife / Tel. +34 912 349 301",
     ["Córdoba", "José", "Piso 7"], ["Santa Cruz de Tenerife"]),
    ("Destinatário: Diego Barros / Feira Gomes, 97208112 Nunes de Fogaça / Tel. +55 11 3456-2082", ["Gomes"],
     ["Nunes de Fogaça"]),
    ("Eduardo Rocha | +55 21 9876-4837 | vr@yahoo.com.br | Loteamento de Casa Grande, 25801-522 Sampaio",
     ["Casa Grande"], ["Sampaio"]),
    ("Luciana Lima | (351) 912 347 347 | gl@hotmail.com | R. Maria da Luz Ponces de Carvalho, 95, 6315-054 Sacavém",
     ["Ponces", "Carvalho", "95,"], ["Sacavém"]),
])
def test_world_text_seed_16_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["Sent 2 boxes via DHL to the depot.", "Thanks for your order, etc. See you in 2 weeks.",
                                  "Call 2 times, via the front desk"])
def test_words_that_now_name_streets_stay_in_prose(text):
    assert _share(text) == text


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 17 (first run on the code before this change, then looked at)
    ("Eckehard Trub, +49(0)0929 544792, Wolf-Dietrich-Seifert-Straße 885, 00035 Oranienburg",
     ["Eckehard", "Trub", "0929 54"], ["Oranienburg"]),
    ("받는 분: 정영길 / 광주광역시 금천구 서초중앙 315-39, 109동 1033호 / 전화 042-204-2007", ["영길", "서초중앙", "1033호"],
     ["광주광역시 금천구"]),
    ("收件人 辜玉玲 電話 0949-069158 55770 中和光明9號4樓", ["玉玲", "069158", "0949-0"], []),
    ("Destinatário: Gonçalo Ferreira / Av Lia Mendes, S/N, 1587-964 Valpaços / Tel. 912345657",
     ["Lia Mendes", "Mendes"], ["Valpaços"]),
])
def test_world_text_seed_17_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_a_korean_place_word_after_a_label_is_still_no_name():
    got = _share("받는 분: 광주광역시 금천구 서초중앙 315-39")
    assert "광주광역시 금천구" in got


@pytest.mark.parametrize("text,gone", [
    # a Chinese landline written with +86 and its area code without the trunk 0, as export labels
    # write it: read by no pattern, in Chinese text or in English (found while reviewing this round)
    ("客户 +86 755 2345 6789 深圳", ["2345 6", "755 2345"]),
    ("客户 +86-755-23456789 深圳", ["234567", "755-2345"]),
    ("客户 +86 10 6512 3456", ["6512 3"]),
    ("Customer +86 (755) 2345 6789 Shenzhen", ["2345 6"]),
    # the country code in brackets: the finding takes the bracket (found in review)
    ("客户 (+86) 755 2345 6789 深圳", ["2345 6"]),
])
def test_chinese_landline_with_country_code(text, gone):
    _assert_gone_and_kept(text, gone, [])


@pytest.mark.parametrize("text", ["客服 +86 400 820 8820", "Hotline +86 4008208820"])
def test_chinese_hotline_with_country_code_is_kept(text):
    assert _share(text) == text


@pytest.mark.parametrize("text,gone", [
    # world_text seed 18 (fresh, run once on the code before): a country code in brackets with its
    # plus ('(+358) 180437416'): the bracket stood between the name and the phone finding, so the
    # name was no name beside a phone
    ("Karl Koponen | (+358) 180437416 | mp@surffi.net | Jälsitie 421, 29306 Pertunmaa", ["Karl", "Koponen"]),
    ("Mikael Marttila, (+358) 786298751, Kimmonkatu 74, 12988 Kristiinankaupunki", ["Mikael", "Marttila"]),
])
def test_name_before_a_bracketed_plus_country_code(text, gone):
    _assert_gone_and_kept(text, gone, [])


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 18: a Chinese grouped landline started inside a Canadian number after a space
    # ('694 081 8481 46246'), took the house number and left the street line after it readable
    ("Ship to Andrea Simmons Phone 694 081 8481 46246 Weber Bypass Apt. 486, North Lori,  K7E 1R1",
     ["46246", "Weber", "Bypass", "081 84"], ["North Lori"]),
    # a country code's group before a Chinese landline stays the landline's context
    ("联系 86 0755 2345 6789", ["2345 6"], []),
])
def test_grouped_landline_does_not_start_inside_a_number(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 19 (fresh, run once on the code before): Faker en_IN writes the house number
    # on a line of its own ('821\nGade Zila, Coimbatore 525637'): the locality stood, and a +91
    # number before it took the house number as its last group
    ("Ship to Lata Sharma Mobile +91 9876543218 821\nGade Zila, Coimbatore 525637", ["Gade", "Zila", "821", "43218"],
     ["Coimbatore"]),
    ("Ship to: Dev Sharma / 180\nAgarwal, North Dumdum 561314 / Mobile 9876544395", ["Agarwal", "180"],
     ["North Dumdum"]),
    # 'Lane' is a surname as well as a street word: a name right before the phone
    ("Jeffrey Lane, +1 (416) 555-3214, 12 Queen Street West, Patrickton, SK S6A 1B2", ["effrey", "ane,"], []),
    ("Katelyn Lane | +1-202-555-1573x37174 | 1234 Maple Street Apt 5, Salinasbury, VT 53012", ["Katelyn"], []),
    # a phone's last group before a street read as a number-first street ('930, R. Lorena'): the
    # street was cut to ', ', its words taken as a name beside the phone, its number left readable
    ("Joel Monteiro, 925 675 930, R. Lorena Correia, 63, 9754-222 Funchal", ["Lorena", "63,"], ["Funchal"]),
    ("Bruna Duarte, 97 9766-0869, Lago Helena Pastor, 68, 95074-873 Nogueira", ["Helena", "68,"], ["Nogueira"]),
    ("Teobaldo Miguel, +34 957 69 28 08, Plaza de Rosalina Bartolomé 81 Puerta 3 , 39048 Pontevedra",
     ["Rosalina", "81", "Puerta 3"], ["Pontevedra"]),
    ("Ágata Isern, +34886 142 706, C. Fernanda Fuente 36, 16753 Vizcaya", ["Fernanda", "36"], ["Vizcaya"]),
    # a French number-first street after a labelled phone: the number was the phone's last group
    # (and readable as its kept tail)
    ("Destinataire Paul Petit Tél. 04 12 34 56 97 884, rue de Lyon, 30123 Boyerboeuf", ["884", "Lyon"], ["Boyerboeuf"]),
    ("Destinataire Lea Fabre Tél. 03 12 34 50 90 chemin Lecomte, 21940 Mendès", ["chemin", "Lecomte"], ["Mendès"]),
    # a place in brackets after the street's name (Faker pt_PT): the whole line stood
    ("Destinatário: Clara Gomes / Alameda do Brasil (Porto), 70, 5168-586 Aveiro / Tel. (351) 242 111 530",
     ["Alameda", "Brasil", "70,"], ["Aveiro"]),
])
def test_world_text_seed_19_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,street", [
    ("12 Oak Lane, 555-201-3344", "12 Oak Lane"),
    ("Deliver to 12 Oak Lane / 555-201-3344", "12 Oak Lane"),
])
def test_a_street_ending_in_lane_before_a_phone_stays_a_street(text, street):
    fs = detect_text(text)
    assert any(f.type is T.ADDRESS and f.text == street for f in fs)
    assert not [f for f in fs if f.type is T.NAME]


def _dispose(text: str) -> str:
    return Engine(DISPOSE, Masker(DISPOSE), AuditKeys(b"k" * 32)).mask_value(text, {}, None)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 19, dispose: a European street around a unit the US patterns read ('Apt. 93')
    # was dropped, and a US "street" whose number was the phone's last group ('736, Plaza') kept
    # the European reading from running: the house number, postcode and town stood
    ("Charo Vara, +34846 459 736, Plaza Paulina Alberdi 81 Apt. 93 , 21068 Zaragoza",
     ["Paulina", "81", "93", "21068", "Zaragoza"], []),
    # a Taiwanese postcode before a town written without 市/縣
    ("徐冠霖, 04-5283396, 111 員林中華114巷226號", ["111", "員林", "226"], []),
])
def test_world_text_seed_19_dispose_leaks(text, gone, kept):
    got = _dispose(text)
    for g in gone:
        assert g not in got, (g, got)
    for k in kept:
        assert k in got, (k, got)


def test_a_taiwanese_postcode_keeps_its_first_digits_in_share():
    got = _share("徐冠霖, 04-5283396, 111 員林中華114巷226號")
    assert "11*" in got and "226" not in got


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 20 (fresh, run once on the code before): one-line records, the address right
    # after the phone
    # '+39 09556440495 Via' read as a US street ('39', a number word, USPS 'Via'), which kept the
    # European reading away; 'Appartamento' was cut to 'App' + a unit
    ("Destinatario Ronaldo Delle Tel. +39 09556440495 Via Dino, 961 Appartamento 76, 89823 Lavagna",
     ["Dino", "961", "Appartamento 76", "823"], ["Lavagna"]),
    # the same with a UK number: its '(0)' made it 16 digits, so the house number stayed its tail
    ("Deliver to Emma Martin Tel +44(0)808 157 0331 041 Gary Divide, Wrightville BD37 4SF",
     ["041", "Gary", "Divide", "157 0331"], []),
    # a typographic apostrophe in a street name
    ("Ship to Ranbir Bora Mobile 08845602640 42/370, D’Alia Street, Parbhani 013700", ["D’Alia", "42/370"], []),
    # a Canadian number and a house number: the street after it was read by nothing
    ("Ship to Michael Welch Phone +1 (766) 785-4453 3660 Kelly Lake, South Michael,  J8H4R2",
     ["3660", "Kelly Lake"], []),
    # a Japanese town and building name longer than 10 characters before the block number
    ("お届け先: 藤井智也 / 徳島県利島村虎ノ門虎ノ門ヒルズ森タワー5丁目23番6号 クレスト1013号室 / 電話 090-7074-1254",
     ["ヒルズ", "23番", "1013"], ["徳島県利島村"]),
    # a typed street without a number right after a phone
    ("Destinataire Jeanne Leblanc Tél. 0768516277 chemin Diallo, 25627 Navarro-sur-Maurice", ["Diallo"],
     ["Navarro-sur-Maurice"]),
    # a French number read as a grouped Chinese mobile took the house number as its tail
    ("Destinataire René Munoz Tél. +33 1 76 22 19 78 22, chemin Laurent, 51428 Saint Thierrynec",
     ["78 22", "Laurent"], ["Saint Thierrynec"]),
    # a name before '+90(010)...', whose bracket the phone finding did not take
    ("Halidun Şensoy, +90(010)759-1386x8997, 786 Demirel Squares, 43392 Lake Aliihsanhaven", ["alidun", "ensoy"], []),
    # libphonenumber's lenient matcher (after a label) took the house number as the last group
    ("Ship to Waida Parsa Mobile +914447870233 44/78, Sem Chowk, Mirzapur 927035", ["44/78", "33 44", "Sem"],
     ["Mirzapur"]),
])
def test_world_text_seed_20_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,street", [
    ("100 8 Mile Rd, Detroit, MI 48203", "100 8 Mile Rd"),
    ("Hauptstr. 5 Whg 3, 10115 Berlin", "Hauptstr. 5 Whg 3"),
    ("Calle Mayor 3 Esc. B, 28013 Madrid", "Calle Mayor 3 Esc. B"),
])
def test_streets_with_number_words_and_units_stay_whole(text, street):
    assert any(f.type is T.ADDRESS and f.text == street for f in detect_text(text))


@pytest.mark.parametrize("text,gone", [
    # an extension is part of the number: dispose left 'x078' after the masked number, and verify
    # then read digits in the phone column of every US and Irish export (world_text seed 20)
    ("Lawrence Estrada, (598)388-9458x078, 1390 Anderson Lodge", ["078", "x0"]),
    ("Martha Richie, +1-441-513-9773x32779, 00 MacCarthy Street", ["32779", "2779"]),
    ("Call 555-201-3344 ext. 12", ["ext. 12", "12"]),
])
def test_a_phone_extension_goes_with_the_phone_in_dispose(text, gone):
    got = _dispose(text)
    for g in gone:
        assert g not in got, (g, got)


def test_a_phone_extension_in_a_phone_column_goes_in_dispose(tmp_path):
    got = _mask_csv(tmp_path, "Lawrence Estrada,(598)388-9458x078,\"1390 Anderson Lodge, Williamsburgh, GU 99771\"\n"
                              "Martha Richie,+1-441-513-9773x32779,\"00 MacCarthy Street, Cahir Ville D96 7D4W\"\n"
                              "Emily Barber,9214915501,\"73818 Butler Drive, South Joanna, LA 23559\"\n", "dispose")
    assert not any(c.isdigit() for c in got), got


def test_a_phone_extension_in_share_keeps_no_more_than_four_digits():
    got = _share("Lawrence Estrada, (598)388-9458x078, 1390 Anderson Lodge")
    assert sum(c.isdigit() for c in got.split(",")[1]) <= 4


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 21 (fresh, run once on the code before)
    # Korean names first in a record: 나 (Na) was no family name; 고영길 ends like a road (길)
    ("나옥자 | 064-726-0377 | mi19@daum.net | 인천광역시 서구 선릉 527", ["옥자"], ["인천광역시 서구"]),
    ("고영길, 033-871-5334, 부산광역시 강북구 압구정 15-72", ["영길"], ["부산광역시 강북구"]),
    # a North-American number after its bracketed area code read as a Chinese mobile with the house
    # number as its last group (the number stood as the phone's kept tail)
    ("Ship to Shawn Wilson Phone 1 (694) 175-5743 9272 Singh Unions, South Morganland,  A4T1T8",
     ["9272", "Singh"], []),
    # a postcode's tail and a town starting with 'Vila' read as a number-first street: the town was
    # dropped, and with it the street before it
    ("Destinatário Álvaro Leal Tel. +351266529393 R. Vaz, 188, 5118-825 Vila Nova de Foz Côa",
     ["Vaz", "188", "8-825"], ["Vila Nova de Foz Côa"]),
    # '(400)' as an area code is no Chinese 400 hotline
    ("Ship to: Michael Wilson / 16496 Jenkins Isle, Paynebury, MA 27030 / Tel (400)554-4132x781", ["554-4"], []),
])
def test_world_text_seed_21_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["客服 400-820-8820", "Hotline 1-800-820-8820", "부산광역시 강북구 압구정길 15-72"])
def test_hotlines_and_roads_stay(text):
    assert not [f for f in detect_text(text) if f.type in (T.PHONE, T.PHONE_INTL, T.NAME)]


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 22 (fresh, run once on the code before): a house number '17/259' whose first
    # part libphonenumber's lenient matcher took as the phone's last group; a Dutch name with 't
    ("Ship to Aadi Natt Mobile +915248178324 17/259, Samra Marg, Karaikudi 644207", ["24 17", "17/259", "Samra"],
     ["Karaikudi"]),
    ("Livia van 't Houteveen | 061 9149208 | r@gmail.com | Esmeehof 94, 1956 CV Heemstede", ["ivia", "Houteveen"], []),
])
def test_world_text_seed_22_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 23 (fresh, run once on the code before): a labelled number followed by a
    # postcode was over 15 digits and dropped whole; a bracket starting lower-case after a street
    ("收件人 黃玉蘭 電話 034 21615024 66339 新竹市福德97號8樓", ["21615024", "1615"], ["新竹市"]),
    ("Please deliver to Tomé Leite at Travessa Novo (à Travessa das Águas Boas), 4, 6301-260 Valpaços.",
     ["Novo", "Águas", ", 4,"], ["Valpaços"]),
    # a labelled number with an extension was cut before its last group ('001-800-765' masked,
    # '5334x9116' readable)
    ("Ship to: Amanda Reeves / 986 Troy Roads, Teresachester, IN 06394 / Tel 001-800-765-5334x9116", ["765-5"], []),
    ("Tel 06 1234 5678x12", ["1234 5"], []),
])
def test_world_text_seed_23_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 25 (fresh, run once on the code before): German and Dutch particles 'die',
    # 'von und zu' ... 'und' in a name before a phone: the name stayed whole, and with it a phone
    # only a name beside it makes one
    ("Sven Coreth von und zu Coredo und Starkenberg, 0815 193438, Borislaan 8, 3833EP Ossendrecht",
     ["Sven", "Coreth", "Starkenberg", "193438"], ["Ossendrecht"]),
    ("Bart die Pelser, (0001)-627511, Dylanstraat 16, 1888 JY Hoogvliet Rotterdam", ["Bart", "Pelser", "627511"],
     ["Hoogvliet Rotterdam"]),
])
def test_world_text_seed_25_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 24 (held out, then looked at): a house number written after a labelled phone
    # on a line of its own as two numbers ('67/130') or after a +91 number libphonenumber does not
    # know the range of ('00'): taken as the phone's last group, so share kept it as phone digits
    ("Ship to Kiran Kaur Mobile 3936934269 67/130\nVarughese Road, Ambala 887714", ["67/130", "/130", "Varughese"],
     ["Ambala"]),
    ("Ship to Chetan Kohli Mobile +913172069686 00\nSrivastava Circle, Amroha 863072", [" 00", "Srivastava"],
     ["Amroha"]),
])
def test_world_text_seed_24_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 26 (fresh, run once on the code before): a Dutch double surname joined by
    # 'en'; a Brazilian CEP of 8 digits before a town of two letters ('Sá'), so neither the CEP nor
    # the weak-typed street before it was read; a CEP before a town starting with 'da' failed the
    # postcode gate, leaving an unnumbered 'Condomínio' street
    ("Isabel van Hoevel en van Zwindrecht | 0612 393938 | Molenweg 12, 6584 AB Mook", ["Isabel", "Zwindrecht"],
     ["Mook"]),
    ("Destinatário Diogo Santos Tel. +55 21 9876-9068 Trecho Correia, 9, 35858107 Sá de Martins",
     ["Correia", "35858107", ", 9,"], ["Sá de Martins"]),
    ("Paulo Alves | +55 11 9123-8506 | Condomínio de da Costa, 14674-134 da Paz de Pastor", ["Costa", "74-134"],
     ["da Paz de Pastor"]),
])
def test_world_text_seed_26_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_world_text_seed_27_house_number_after_bracketed_trunk_zero():
    # world_text seed 27 (fresh, run once before): the Chinese grouped-mobile reader took '1 60 32
    # 74 96 13' after '+33 (0)' as a mobile, the house number 13 with it (share kept it as digits)
    _assert_gone_and_kept("Destinataire Paul Roux Tél. +33 (0)1 60 32 74 96 13, avenue de Delorme, 65781 "
                          "Sanchez-sur-Diaz", ["13,", "Delorme", "32 74"], ["Sanchez-sur-Diaz"])


@pytest.mark.parametrize("text", ["お届け先: 岡田太郎 / 電話 80-0359-3761", "岡田太郎, 80-0359-3761, 〒520-1234 沖縄県国分寺市",
                                  "Tel 80-0359-3761"])
def test_world_text_seed_28_mobile_without_trunk_zero_is_no_toll_free(text):
    # world_text seed 28 (fresh, run once before): a Japanese mobile written without its 0
    # ('80-0359-3761') has the digits of an 800 toll-free number and was kept everywhere, even
    # labelled; a toll-free number is written with the 800 whole ('(800) 995-2407', '1-800-...')
    assert "0359" not in _share(text)


def test_world_text_seed_40_indian_mobile_starting_800():
    # world_text seed 40 (fresh, 120 a locale, run once before): '8001822027' is an Indian mobile
    # (mobiles start 6-9) and had an 800 toll-free number's digits: kept, and the name beside it
    got = _share("Faqid Suri, 8001822027, 12 Gandhi Marg")
    assert "Faqid" not in got and "800182" not in got, got


@pytest.mark.parametrize("text,gone", [
    # world_text seed 41 (fresh, 120 a locale, run once before): Dutch "'s" and a French "d'" as
    # name particles, beside a phone and after an anchor
    ("Fabian 's Gravensande, 030-2334173, Kerkstraat 5, 3411 AB Lopik", ["Fabian", "Gravensande"]),
    ("Livia d' Heripon | 0412 272275 | Molenstraat 124, 6121 AB Oirschot", ["Livia", "Heripon"]),
    ("Ontvanger Fabian 's Gravensande Tel. 030-2334173", ["Fabian", "Gravensande"]),
])
def test_world_text_seed_41_particles(text, gone):
    got = _share(text)
    for g in gone:
        assert g not in got, (g, got)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 42 (fresh, 120 a locale, run once before): the middle of a North-American
    # number read as a Tianjin landline with the house number after it ('772-022-9286 1002 Day
    # Light': '772-022' shown); 'Ring' as a surname; Dutch 'van het'
    ("Ship to Paul Hall Phone 772-022-9286 1002 Day Light, East Christinaview,  P9A5G3",
     ["772-022", "1002", "Day Light"], ["East Christinaview"]),
    ("Dogan Ring | +49(0)1234 564757 | Hauptstraße 12, 36043 Viechtach", ["Dogan", "Ring"], ["Viechtach"]),
    ("Eva van het Heerenveen | (061) 1234560 | Molenweg 12, 6841 AB Zweins", ["Eva", "Heerenveen"], ["Zweins"]),
    # (China's code written '86-' before a landline stays a landline's)
    ("电话 86-0755-86013388", ["86013388", "6013"], []),
])
def test_world_text_seed_42_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_postcode_and_town_after_a_us_style_street_go_in_dispose():
    # world_text seed 43 (fresh, run once before): after a US-style street line with no state
    # (Faker's Turkish addresses), '16799 West Şideburgh' was read by nothing: dispose kept it
    text = "Alıcı: Refik Sakarya / 4040 Emine. Mall Suite 967, 16799 West Şideburgh / Tel +90(889)294-9348x6629"
    got = _dispose(text)
    assert "16799" not in got and "Şideburgh" not in got, got
    _assert_gone_and_kept(text, ["799", "Emine", "4040"], ["16", "West Şideburgh"])


@pytest.mark.parametrize("text", ["Tel (800)995-2407", "客服 400-820-8820", "Tel 1-800-820-8820", "Hotline 4008208820"])
def test_toll_free_written_as_such_stays(text):
    assert _share(text) == text


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 29 (fresh, run once before): a street named after a titled person read as
    # that person's name ('Dr. António Macedo'), which cut the street before its house number and,
    # a name being found, kept the record's own name beside the phone from being looked for; a
    # Dutch street in -baan before a town written with 's-
    ("Miguel Gaspar | +351936631560 | p.gaspar@hotmail.com | R. do Dr. António Macedo, 54, 2918-642 Alverca do "
     "Ribatejo", ["Miguel", "Gaspar", "Macedo", ", 54,"], ["Alverca do Ribatejo"]),
    ("Suus Stinis | +31(0)11 3725731 | Pippabaan 43, 5458AR 's-Heerenhoek", ["Pippabaan", "43", "58AR"],
     ["'s-Heerenhoek"]),
])
def test_world_text_seed_29_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 30 (fresh, run once before): a house number after another country's number
    # taken into it by the Chinese readers (a landline after '+90(432)', a grouped mobile after
    # '+90(126)' or '174 6 401' + '3734'), or making a labelled +CC number 16 digits long and so
    # no number at all; 'My' (a Swedish given name) read as the English word before a phone
    ("Alıcı Maksur Kısakürek Tel +90(432)0222041 8565 Übeydullah Plains, 44985 North Başokport",
     ["65 ", "432)022", "Übeydullah"], []),
    ("Alıcı Şefi Yıldırım Tel +90(126)1559906 2381 Tayaydın Creek, 88038 Ertuncayville", ["2381", "1559906", "Tayaydın"],
     []),
    ("Alıcı Saba Akdeniz Tel 174 6 401 3734 Akçay Drive Apt. 468, 10222 Şahmettinport", ["3734", "6 401", "Akçay"], []),
    ("My Sjöström | 08-885 55 91 | Fabriksvägen 1, 17075 Uddevalla", ["My ", "Sjöström", "885 55"], ["Uddevalla"]),
])
def test_world_text_seed_30_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone", [
    # world_text seed 31 (fresh, run once before): 'AWB' inside 'shawbradley14@...' read as a
    # tracking label, so 'radley14' was a tracking number (kept) and the e-mail was not masked
    ("shawbradley14@outlook.com", "bradley14"),
    ("M. Green, shawbradley14@outlook.com, +44(0)20 7946 0693", "bradley14"),
    # (found looking at it: 'no' at the end of 'Bruno' read as a reference label before the number)
    ("Stefano Bruno 347 123 4567", "123 4"),
])
def test_world_text_seed_31_leaks(text, gone):
    assert gone not in _share(text)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 33 (fresh, 120 people a locale, run once before): a French street written
    # number first was cut after its first capitalised word ('94, rue Paul' masked, 'Caron' read);
    # a North-American number's last groups and the house number after it read as a Chinese
    # mobile ('633.162.6701 9005': the house number kept as the phone's digits)
    ("94, rue Paul Caron, 05417 Perez", ["Caron", "94,"], ["Perez"]),
    ("Ship to Julie Branch Phone 633.162.6701 9005 Marie Spurs Apt. 608, South Roymouth,  H6A5C6",
     ["9005", "Spurs", "633.162"], []),
    # (the name before a phone after such a street is the name, not the street's last word)
    ("12 rue de la Paix Marie Dupont 06 12 34 56 78", ["Paix", "Marie", "Dupont", "34 56"], []),
])
def test_world_text_seed_33_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 34 (fresh, 120 a locale, run once before): an Australian number after its
    # bracketed area code read as a Chinese mobile with the house number ('(03) 1379 2932 017 West
    # Firetrail'), and 'Firetrail' no street type
    ("Deliver to Kathleen Rodriguez Ph (03) 1379 2932 017 West Firetrail, New Arthurborough, VIC 2937",
     ["017", "Firetrail", "1379"], ["New Arthurborough"]),
    ("12 Kent Esplanade, Cairns QLD 4870", ["Kent", "12 "], ["Cairns"]),
])
def test_world_text_seed_34_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 35 (fresh, 120 a locale, run once before): a Dutch postcode read as a number
    # and the French type 'bd' ('9103 BD Riel'), which hid the town, so the weak-typed street
    # before it ('Stefanring 280') counted for nothing; a whole 10-digit number before a French
    # number-first street read as the last group of a grouped number ('0386460047 31, chemin')
    ("Vigo Schulten, +31(0)627-478908, Stefanring 280, 9103 BD Riel", ["Stefanring", "280", "03 BD"], ["Riel"]),
    ("Destinataire Isabelle Dufour Tél. 0386460047 31, chemin Letellier, 31790 Legendre", ["Letellier", " 31,"],
     ["Legendre"]),
    # (a Portuguese 'Vale' after a phone is the street's type, not an Australian street 'number, Vale')
    ("Ana Carolina Garcia, +55 16 1939-3623, Vale de Sá, 8, 87460624 Souza", ["Sá,", ", 8,", "Carolina"], ["Souza"]),
])
def test_world_text_seed_35_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 36 (fresh, 120 a locale, run once before): a Portuguese town starting with a
    # street type after its postcode ('5425-166 Vila Real de Santo António. Call 912 ...') read as
    # a street, which hid the town, so the street before it counted for nothing; an Indian town
    # joined by '&' ('Sangli-Miraj & Kupwad')
    ("Please deliver to Ivo Gomes at R. de Maia, 38, 5425-166 Vila Real de Santo António. Call 912 345 158 if "
     "nobody is home.", ["Maia", " 38,", "25-166"], ["Vila Real de Santo António"]),
    ("Lucas Nair, 03821234569, 13/99, Kothari, Sangli-Miraj & Kupwad 186927", ["13/99", "Kothari", "6927"],
     ["Sangli-Miraj & Kupwad"]),
])
def test_world_text_seed_36_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 37 (fresh, 120 a locale, run once before): Dutch street types glued to the
    # name that the list lacked (-boulevard, -dreef, -hof, -pad) and a town written "'t Haantje"
    ("Cornelis de Vos | (0123) 459521 | Lisanneboulevard 926, 2557OY 't Haantje", ["Lisanne", "926", "57OY"],
     ["'t Haantje"]),
    ("Kerkdreef 12, 3581 AB Utrecht", ["Kerkdreef", "12,"], ["Utrecht"]),
])
def test_world_text_seed_37_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_european_street_in_an_address_column_is_read_over_usaddress_tags():
    # seed 33 after its fix: in an address column usaddress (a US parser) tagged 'rue Paul Caron'
    # a place name, which share keeps, and the European street reading was dropped under it
    got = _masked("94, rue Paul Caron, 05417 Perez")
    assert "Caron" not in got and "Paul" not in got and "Perez" in got, got


def test_world_text_seed_38_canadian_address():
    # world_text seed 38 (held out: run once, then looked at): a US suffix after another ('29781
    # Hill Extension Suite 730': 'Hill' ended the street and 'Hill Extension' became a name before
    # 'Suite 730, Port'), and a Canadian postal code with no province (dispose kept 'C8A3B7')
    text = "Robert Le | 1 (745) 960-7354 | 29781 Hill Extension Suite 730, Port Haley,  C8A3B7"
    _assert_gone_and_kept(text, ["29781", "Extension", "730", "3B7"], ["Port Haley", "C8A"])
    got = _dispose(text)
    assert "C8A" not in got and "Haley" not in got, got


def test_a_town_ending_in_an_australian_street_word_is_a_town():
    # seed 22 after the Australian types came in: 'Strand' (a beach, in Danish town names) made
    # '7813 Brøndby Strand' a US-style street, and the street before it was dropped
    _assert_gone_and_kept("Hallinsgade 627, 7813 Brøndby Strand", ["Hallinsgade", "627"], ["Brøndby Strand"])


def test_taiwanese_postcode_before_a_town_the_list_lacks_goes_in_dispose():
    # world_text seed 34: '85821 阿里山東湖249號' (山東 read first, inside 阿里山 + 東湖): the postcode
    # and 阿里 stayed in dispose
    got = _dispose("黃宇軒 | 85821 阿里山東湖249號13樓")
    assert "858" not in got and "阿里" not in got, got


@pytest.mark.parametrize("text", ["Call 2 hours before close", "please rise early", "sent 2 boxes via DHL"])
def test_lower_case_street_words_are_no_street(text):
    assert _share(text) == text


@pytest.mark.parametrize("text,kept", [("AWB 123456789012", "123456789012"), ("Colis 6A12345678901", "6A12345678901"),
                                       ("Order No. 347 123 4567", "347 123 4567"), ("PO 0612 345 678", "0612 345 678")])
def test_labelled_references_stay(text, kept):
    assert kept in _share(text)


@pytest.mark.parametrize("text,name", [("Call Dr. Emily Carter on arrival", "Emily Carter"),
                                       ("Attn: Prof. Anna Berg, Calle Dr. Fleming 3, 28036 Madrid", "Anna Berg")])
def test_titled_names_stay_names(text, name):
    assert any(f.type is T.NAME and name in f.text for f in detect_text(text))


def test_dutch_town_with_its_municipality_goes_in_dispose():
    # world_text seed 24: 'Spaarndam gem. Haarlem' (a village of the municipality of Haarlem):
    # dispose took the village and left 'Haarlem'
    got = _dispose("Ontvanger: Anna Visser / Oscarhof 294, 1532 NS Spaarndam gem. Haarlem / Tel. 0988 692689")
    assert "Haarlem" not in got and "Spaarndam" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 39 (held out: run once, then looked at): an American's '400.238.0712' was kept
    # as a Chinese 400 hotline in every file (the NANP has no area code 400, and a Chinese hotline
    # is not written with dots); a toll-free number with an extension reaches a person, and the
    # name before it was then read by nothing
    ("Pat Poe, 400.238.0712, 12 Main St, New Sharimouth, OH 62700", ["Poe", "400", "238"], []),
    ("Call 400.238.0712 if nobody is home.", ["400", "238"], []),
    ("Adele Tolin, (800)626-5542x66305, 12 Main Street, Ella Ville", ["Tolin", "626", "66305"], []),
    ("Mike Berg, 800-626-5542 ext. 12, 12 Main Street, Ella Ville", ["Berg", "626"], []),
    # a hotline as written stays
    ("Service 400-820-8820, toll free (800) 995-2407", [], ["400-820-8820", "(800) 995-2407"]),
])
def test_world_text_seed_39_numbers_kept_as_hotlines(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["お届け先 中川 ** 電話 ***-****-7872 山口県白井市*********** *******",
                                  "中島** | ***-****-1322 | h****@yahoo.com | 〒06****** 千葉県板橋区********* ****"])
def test_a_prefecture_named_like_a_family_is_no_name_in_a_masked_record(text):
    # world_text seed 39, verify's false alarms on every ja_JP output: in a masked record the
    # prefecture and city (山口県白井市) were read as a family name and a given name
    assert not [f for f in detect_text(text) if f.type is T.NAME]


def test_a_given_name_starting_with_a_prefecture_word_stays_a_name():
    assert [f.text for f in detect_text("お届け先 千葉都子 様") if f.type is T.NAME] == ["千葉都子"]


@pytest.mark.parametrize("phone", ["800.982.1201", "800-982-1201", "1-800-982-1201", "(800) 982-1201"])
def test_world_text_seed_44_an_800_number_in_a_phone_column_is_masked(tmp_path, phone):
    # world_text seed 44 (fresh, run once before): a Canadian's '800.982.1201' in the phone column
    # was kept whole as a toll-free number while '(800) 845-9672' was masked: the column holds the
    # record's own number (a Chinese 400 hotline there stays: test_text_false_positives)
    got = _mask_csv(tmp_path, f"name,phone\nLisa Weber,{phone}\n").splitlines()[1]
    assert "982" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # seed 44: a North-American number in groups and a house number read as a stray group and a
    # Chinese mobile ('195 3336 5669'): share showed '734' and the house number
    ("Ship to Laura Poole Phone 734 195 3336 5669 Solomon Harbor Suite 592, West Douglas,  S4R6E5",
     ["734", "195", "5669", "Solomon"], ["West Douglas"]),
    # Danish streets named with initials: 'C.F.' was read as a name with the street word, 'H.' was left
    ("Danny Frederiksen, +45 23 04 14 14, C.F. Møllersvej 620, 2905 Nimtofte", ["C.F", "Møllersvej", "620"],
     ["Nimtofte"]),
    ("H.C. Andersens Boulevard 12, 1553 København V", ["H.", "Andersens", " 12"],
     ["København V"]),
])
def test_world_text_seed_44_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 46 (fresh, run once before): a street named with 'e' (and) between its
    # words stood whole, and the postcode and town after it were then read by nothing
    ("Destinatário: Petra Amaral / Avenida de Vinte e Quatro de Agosto, 88, 9477-537 Lisboa / Tel. (351) 933 343 933",
     ["Vinte", "Quatro", "Agosto", "88"], ["Lisboa"]),
    ("Calle de Pi y Margall 5, 28001 Madrid", ["Margall", " 5,"], ["Madrid"]),
    # 'Us', a Turkish given name after the recipient anchor, was taken for the country
    ("Alıcı: Us Erdoğan / 3789 Bilge Highway, 20202 Şamaland / Tel +90(250)9155257", ["Us ", "Erdoğan"],
     ["Şamaland"]),
])
def test_world_text_seed_46_leaks(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["Deliver to: us at the back door", "Ship to: US Postal Service"])
def test_us_the_word_or_the_country_after_an_anchor_is_no_name(text):
    assert not [f for f in detect_text(text) if f.type is T.NAME]


@pytest.mark.parametrize("cell,gone,kept", [
    # world_text seed 48 (fresh, run once before): in an address column, a street with no house
    # number ('rue Paul') was tagged a place by usaddress and kept; usaddress's tags on the postcode
    # and town after a European street removed the town; a postcode starting with 0 was read as a
    # US house number ('02473 Leipziger Land'), and the street before it was then read by nothing
    ("rue Paul, 88232 Ribeiro", ["rue", "Paul", "232"], ["Ribeiro"]),
    ("74, rue Clerc, 84674 De Sousa", ["74", "Clerc", "674"], ["De Sousa"]),
    ("Ladeckstraße 6, 02473 Leipziger Land", ["Ladeck", " 6", "473"], ["Leipziger Land"]),
])
def test_world_text_seed_48_address_cells(tmp_path, cell, gone, kept):
    _assert_address_cell(tmp_path, cell, gone, kept)


def test_world_text_seed_48_postcode_with_leading_zero_is_no_house_number():
    got = _masked("Ladeckstraße 6, 02473 Leipziger Land", hint=None)
    assert "Ladeck" not in got and "Leipziger Land" in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # Faker's US house numbers may start with 0; first in a cell, or after a phone, they are streets
    ("0403 Kısakürek Islands, 99435 North Fahrullah", ["0403", "Kısakürek", "Islands"], ["North Fahrullah"]),
    ("Tel 555-123-4567, 0719 Akın Field, Kezbanside", ["0719", "Akın", "Field"], ["Kezbanside"]),
    ('Tartış Yüksel,+90(738)962-9150x3587,"0143 Sadat Bridge Apt. 354, 01793 Zebircemouth"',
     ["Tartış", "0143", "Sadat", "Bridge", "354", "9150"], ["Zebircemouth"]),
    ("Alıcı Sevgi Yılmaz Tel +90 (395) 8956552 09896 Açılay Rapid, 16448 Akmaralland",
     ["Sevgi", "8956552", "09896", "Açılay", "Rapid"], ["Akmaralland"]),
    ("Alıcı Tuba Öztürk Tel 03181234567 0403 Kısakürek Islands, 99435 North Fahrullah",
     ["Tuba", "1234567", "0403", "Kısakürek", "Islands"], ["North Fahrullah"]),
    # ... but not a number that goes on a phone's digit run
    ("Pamela Wilkinson, +44(0)151 496 0003, Flat 33, 746 Harvey Garden, Alexanderburgh M8 3EY",
     ["Pamela", "151 496", "Harvey", "Flat 33"], ["0003", "Alexanderburgh"]),
])
def test_world_text_seed_48_house_number_with_leading_zero(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a European street, its comma, then a postcode and town the US patterns read as a street
    ("Klemmstr. 68, 61937 Leipziger Land", ["Klemmstr", "68", "937"], ["Leipziger Land"]),
    ('Ellinor Binner,(02760) 02837,"Klemmstr. 68, 61937 Leipziger Land"',
     ["Ellinor", "Klemmstr", "937", "02760"], ["Leipziger Land"]),
    # ... not a US unit or a US street before a 5-digit house number
    ("Suite 100, 12345 Ocean Ave", ["Suite 100", "12345", "Ocean"], []),
    ("12 Main St, 12345 Ocean Ave", ["Main", "12345", "Ocean"], []),
])
def test_world_text_seed_47_postcode_after_a_european_street(text, gone, kept):
    _assert_unhinted(text, gone, kept)


@pytest.mark.parametrize("text,gone", [
    # 'Us', a Turkish given name, first in a record beside a phone
    ("Us Karadeniz, +90(312)5551959, 3 Bilge Highway, 51000 Kezbanside", ["Karadeniz"]),
])
def test_world_text_seed_48_given_name_us(text, gone):
    _assert_gone_and_kept(text, gone, [])


@pytest.mark.parametrize("text", ["Contact Us 555-123-4567", "Email Us, 555-123-4567"])
def test_us_before_a_phone_is_no_name(text):
    assert not [f for f in detect_text(text) if f.type is T.NAME]


@pytest.mark.parametrize("text,gone", [
    # a phone field with an area code in brackets and a short number, not a valid number (Faker
    # de_DE writes '(00513) 715118'), beside a first field no reader takes for a name
    ("Danny Dussen van, (00513) 715118, Hauptstr. 5, 79312 Günzburg", ["715118", "00513"]),
    ("Gitta auch Schlauchin | (00614) 58172 | Hauptstr. 5, 79312 Günzburg", ["58172", "00614"]),
])
def test_world_text_seed_50_bracketed_area_code_field(text, gone):
    _assert_unhinted(text, gone)


def test_bracketed_year_and_short_number_is_no_phone_field():
    assert not [f for f in detect_text("Order 12, (2024) 1234, Box 5, Berlin") if f.type is T.PHONE_INTL]


@pytest.mark.parametrize("text,gone", [
    # the particle written last (a list sorted by the main surname) and the German alias 'auch'
    ("Jutta Dussen van, +49(0) 418553245, Hauptstr. 5, 79312 Günzburg", ["Jutta", "Dussen"]),
    ("Danny Dussen van, (00513) 715118, Hauptstr. 5, 79312 Günzburg", ["Danny", "Dussen"]),
    ("Gitta auch Schlauchin | +49 171 2345678 | a.b@yahoo.de | Hauptstr. 5, 79312 Günzburg", ["Gitta", "Schlauchin"]),
])
def test_world_text_seed_50_particle_last_and_alias(text, gone):
    _assert_unhinted(text, gone)


@pytest.mark.parametrize("text,gone,kept", [
    # a district's name without 区 right before a street type is the street's own name
    ("904 台北大安街3號", ["大安", "3號"], ["台北"]),
    ("54321 台北大同路12號5樓", ["大同", "12號"], ["台北"]),
    ("北京朝阳路12号", ["朝阳", "12号"], ["北京"]),
    ("906 台北大安58號", ["大安", "58號"], ["台北"]),
    ("54698 台北大同198號3樓", ["大同", "198號"], ["台北"]),
    # ... with its 区, or before another word, it is the district
    ("台北市大安區復興南路一段100號", ["復興南路", "100號"], ["台北市大安區"]),
    ("广东深圳南山科技园路1号", ["科技园路", "1号"], ["广东深圳南山"]),
])
def test_world_text_district_name_as_street_name(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 54: an Indian town joined by an en dash; the whole line stood
    ("Ship to: Om Sharma / 67/398, Raj Zila, Hubli–Dharwad 816546 / Mobile 9876543381",
     ["Sharma", "67/398", "Raj Zila", "546", "9876543"], ["Hubli–Dharwad"]),
    ("Please deliver to Om Sharma at 67/398, Raj Zila, Hubli–Dharwad 816546. Call 9876543381.",
     ["Sharma", "67/398", "Raj Zila", "546"], ["Hubli–Dharwad"]),
    # world_text seed 53: the particle last after a comma (a list sorted by the main surname)
    ("Florian Werl-Arnsberg, van | 030 1237476 | s.x@yahoo.com | Dorpsstraat 5, 5712 AB Veeningen",
     ["Florian", "Werl-Arnsberg", "1237476"], ["Veeningen"]),
])
def test_world_text_seeds_53_54(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 55: an Indian locality with a typographic apostrophe; the whole line stood
    ("Ship to: Om Sharma / 14/449, D’Alia Zila, Ambattur 242424 / Mobile 9876543381",
     ["Sharma", "14/449", "Alia Zila", "424", "9876543"], ["Ambattur"]),
    ("Please deliver to Om Sharma at 14/449, D’Alia Zila, Ambattur 242424. Call 9876543381.",
     ["Sharma", "14/449", "Alia Zila", "424"], ["Ambattur"]),
    # a Dutch town named with an ordinal after a postcode written without its space
    ("Ontvanger Jan de Vries Tel. 06 12345678 Svenpad 22, 2988NK 2e Exloërmond",
     ["Vries", "12345678", "Svenpad", "22", "88NK"], ["2e Exloërmond"]),
])
def test_world_text_seed_55(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_dutch_ordinal_town_goes_in_dispose():
    got = _dispose("Svenpad 22, 2988NK 2e Exloërmond")
    assert "Exlo" not in got and "Svenpad" not in got and "2988" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 63: a Dutch town written with its article after the postcode; the street and
    # the postcode stood whole in free text (the postcode's letters were read as the town's first word)
    ("Ontvanger Ilse Mol Tel. +31(0)6 12345983 Jolijnbaan 7, 3579KE de Hoef",
     ["Ilse", "12345983", "Jolijnbaan", "79KE"], ["de Hoef"]),
    ("Ilse Mol | +31(0)6 12345983 | Jolijnbaan 7, 3579 KE de Hoef", ["Jolijnbaan", "79 KE"], ["de Hoef"]),
    ("Ilse Mol | Dorpsweg 3, 1234 AB het Veld", ["Dorpsweg", "34 AB"], ["het Veld"]),
])
def test_world_text_seed_63_dutch_town_with_article(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)
    got = _dispose(text)
    assert "Hoef" not in got and "Veld" not in got and "Jolijnbaan" not in got, got


def test_world_text_seed_58_country_code_without_plus_before_a_street():
    # world_text seed 58: a Portuguese mobile written with its country code in brackets and no '+'
    # right before a street written house number first: the last group was taken off the phone as
    # the house number, but the street was read from its type word on; '078 614' stood (6 digits)
    text = ("Destinatário Dinis Valente Tel. (351) 923 078 614 Av Prof. Francisco Caldeira Cabral, 81, "
            "3936-809 Santiago do Cacém")
    got = _share(text)
    assert "614" not in got and "078 614" not in got, got
    assert sum(c.isdigit() for c in got) <= 6, got  # 3 of the phone, the postcode's 3 share keeps
    assert "Santiago do Cacém" in got
    assert "614" not in _dispose(text)


@pytest.mark.parametrize("text,gone", [
    # (found beside seed 58) Portuguese 'Morada' and Spanish 'Domicilio' label an address: a street
    # with a weak type ('Av', 'R.') after them stood whole
    ("Morada: Av Prof. Francisco Caldeira Cabral, 81", ["Francisco", "Caldeira", "81"]),
    ("Morada de entrega: R. Augusta 5", ["Augusta", "5"]),
    ("Domicilio: Av. de la Constitución 12", ["Constitución", "12"]),
])
def test_portuguese_and_spanish_address_labels(text, gone):
    _assert_gone_and_kept(text, gone, [])


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 59 (and 44, 54): Faker's Dutch surname 'The Elder' (an epithet); 'the' is no
    # name word, so the whole name stood before the phone and after an anchor
    ('{"note": "Kaylee The Elder, +31 6 12347996, Dorpsstraat 12, 5306 AB Gellicum"}',
     ["Kaylee", "Elder", "12347996"], ["Gellicum"]),
    ("Ontvanger: Milou The Elder | Tel. 06 12345678", ["Milou", "Elder"], []),
    # the word itself is no name
    ("Call The Elder on +31 6 12347996", ["12347996"], ["Call The Elder on"]),
])
def test_world_text_seed_59_epithet_surname(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # benchmarks.evasion_intl: a street or town written in capitals; the street patterns wanted a
    # capital and small letters, so usaddress's tags masked the town in an address column too
    ("STORGATAN 8, 114 55 Stockholm", ["STORGATAN", "8,", "4 55"], ["Stockholm"]),
    ("KERKWEG 40, 3511 LK UTRECHT", ["KERKWEG", "40"], ["UTRECHT"]),
    ("Lindenstraße 12, 10115 BERLIN", ["Lindenstraße", "12"], ["BERLIN", "10"]),
])
def test_capitals_in_an_address_column(text, gone, kept):
    _assert_cell(text, gone, kept)


def test_capitals_in_free_text():
    got = _share("Mottagare: Henrike Rossetti, STORGATAN 8, 114 55 STOCKHOLM, Tfn +46 70 123 31 03")
    assert "STORGATAN" not in got and "STOCKHOLM" in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # reruns of seeds 55 and 57 after this round's fixes: an Irish name's O after a house number
    # read as a zero ('79 O'Doherty Street' became '79 0'Doherty': the street stood), and a number
    # valid as an Eritrean one (+291) took the house number after it as its last group
    ("Deliver to Jon Guinevan Tel (386)541-7096 79 O'Doherty Street, Olivia Ville W40 9HYP",
     ["Doherty", "79 "], []),
    ("Deliver to Eoghan Nee Tel 7757128269 55 O'Rourke Street, Katharine Ville W25 XFV3", ["Rourke", "55 "], []),
    ("Alıcı Zülbiye Çetin Tel 291 7 360 976 Arslan Greens, 09721 Akçayton", ["976", "Arslan", "360"], ["Akçayton"]),
])
def test_world_text_reruns_55_57(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("cell,gone,kept", [
    # an Irish Eircode in an address column: usaddress tagged it a place, and share kept the
    # unique identifier that names one building ('Zoe Ville P62 HDAK', 'W53DAV5', 'D02 X28*')
    ("53 Gavigan Street, Zoe Ville P62 HDAK", ["HDAK", "53", "Gavigan"], ["Zoe Ville", "P62"]),
    ("39 Cadden Street, Jaime Ville W53DAV5", ["DAV5", "Cadden"], ["W53"]),
    ("12 Main Street, Dublin D02 X285", ["X285", "X28"], ["Dublin", "D02"]),
])
def test_eircode_in_an_address_column(cell, gone, kept):
    _assert_cell(cell, gone, kept)


def test_eircode_in_free_text_and_dispose():
    assert _share("Eircode: D02 X285") == "Eircode: D02 ****"
    assert "D02" not in _dispose("Eircode: D02 X285")
    got = _share("Ship to: Jon Doe, 12 Main Street, Dublin D02 X285, Ireland")
    assert "X285" not in got and "D02" in got, got
    # no Eircode without an address around it
    for text in ("Wear an N95 FACE mask", "Ref A12 4567"):
        assert _share(text) == text


@pytest.mark.parametrize("cell,gone,kept", [
    # benchmarks.world_text's postcode measure (this round): in an address column usaddress's
    # tags kept a British inward code and a Canadian local delivery unit whole (en_GB 22%, en_CA
    # 42% of seed 1's records): the postcode patterns are read over the tags
    ("27 Smith Road, New Laura FY60 8JN", ["8JN", "Smith"], ["New Laura", "FY60"]),
    ("12 Oak Street, Lake Ryanberg,  V8Y2B7", ["2B7", "Oak"], ["Lake Ryanberg", "V8Y"]),
    ("12 Oak Street\nToronto ON M5V 2T6", ["2T6"], ["Toronto ON M5V"]),
])
def test_postcode_tails_in_an_address_column(cell, gone, kept):
    _assert_cell(cell, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # stress seed 112000 (se_pn photo): a house number and a spaced dash before a Swedish postcode
    # were read as a number range ('30 - 753'), and the postcode's tail '20' stood; the photo's
    # first reading cut the town to its first letter
    ("Frán: Henrik Delacroix - Kungsgatan 30 - 753 20 Uppsala", ["Kungsgatan", "3 20", "Delacroix"], ["75", "Uppsala"]),
    ("Frán: Henrik Delacroix - Kungsgatan 30 - 753 20 U", ["Kungsgatan", "3 20"], ["75"]),
    # a number range stays one: 'Hauptstraße 5-7', 'Mariahilfer Straße 120/3/14'
    ("Hauptstraße 5-7, 10115 Berlin", ["Hauptstraße", "5-7", "115"], ["Berlin"]),
])
def test_spaced_dash_before_a_postcode_is_no_number_range(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("cell,gone,kept", [
    # the post town before a British postcode in an address column: the tagger took it for part of
    # the street and it was masked ('****** SW1A ***'); share keeps a town, as before a ZIP
    ("10 Downing Street, London SW1A 2AA", ["Downing", "2AA"], ["London SW1A"]),
    ("London SW1A 1AA", ["1AA"], ["London SW1A"]),
    ("Flat 3, 12 High St, Manchester M1 1AE", ["High", "1AE"], ["Manchester M1"]),
    ("Studio 5, Jones Lane, Port Talbot SA13 1AB", ["Jones", "1AB"], ["Port Talbot SA13"]),
    # a street type word ends the town: the street before it goes
    ("12 Baker Street NW1 6XE", ["Baker", "Street", "6XE"], ["NW1"]),
])
def test_uk_post_town_kept_in_an_address_column(cell, gone, kept):
    _assert_cell(cell, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 66 (fresh, English locales): an Australian 8-digit number and the house number
    # after it read as a Chinese mobile in groups ('1789 2922 035'), because 'Lower' (Australia
    # Post's type) is no street type of the street patterns: the house number stood as the
    # phone's kept last digits
    ("Deliver to John Smith Ph 1789 2922 035 Rodriguez Lower, Brittneyside, WA 2680",
     ["035", "Rodriguez", "2922"], ["Brittneyside"]),
    ("John Smith | Ph 1789 2922 12 Kelly Top, Perth WA 6000", [" 12 ", "Kelly", "2922", "Smith"], ["Perth"]),
    # a mobile in Chinese groups before words that are no street stays whole
    ("Tel 138 1234 5678 Lower deck, please", ["1234 5678"], ["Lower deck"]),
])
def test_world_text_seed_66_australian_word_street_types(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a Latin name before a phone's label in free text ('Name, Tel. number', the way people write a
    # contact line) stood whole, and verify called the output clean: the name beside a phone had to
    # stand right before its digits
    ("Kathleen Rodriguez, Tel. 0412 345 678", ["Kathleen", "Rodriguez", "345 678"], ["Tel."]),
    ("Kathleen Rodriguez - Tel 0412 345 678", ["Kathleen", "Rodriguez"], ["Tel"]),
    ("Kathleen Rodriguez, Mobile: 0412 345 678", ["Kathleen", "Rodriguez"], ["Mobile:"]),
    ("Kathleen Rodriguez (Tel 0412 345 678)", ["Kathleen", "Rodriguez"], ["(Tel"]),
    ("Maria Rossi, tel. 347 123 4567", ["Maria", "Rossi"], ["tel."]),
    ("Hans Müller, Tel.: 030 1234567", ["Hans", "Müller"], ["Tel.:"]),
    # the label after a name with no separator is no part of the name
    ("Kathleen Rodriguez Ph 0412 345 678", ["Kathleen", "Rodriguez"], [" Ph "]),
    # no name before the label: nothing more masked
    ("Customer Service Tel. 0412 345 678", ["345 678"], ["Customer Service Tel."]),
    ("Opening hours 9-5, Tel. 0412 345 678", ["345 678"], ["Opening hours 9-5, Tel."]),
])
def test_latin_name_before_a_phone_label(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # surname first, before a comma (a contact list sorted by surname), and names typed in lower
    # case: the phone went, the name stood whole (by hand, after the round's evasion runs)
    ("Rodriguez, Kathleen - 0412 345 678", ["Kathleen", "Rodriguez"], [" - "]),
    ("Smith, John (0412 345 678)", ["John", "Smith"], ["("]),
    ("RODRIGUEZ, Kathleen, Tel. 0412 345 678", ["Kathleen", "RODRIGUEZ"], ["Tel."]),
    ("Müller, Hans; Tel.: 030 12345678", ["Hans", "Müller"], ["Tel.:"]),
    ("kathleen rodriguez 0412 345 678", ["kathleen", "rodriguez"], []),
    ("an: hans müller, 030 12345678", ["hans", "müller"], ["an:"]),
    ("call john smith on 0412 345 678", ["john", "smith"], ["call ", " on "]),
    ("Notes: kathleen rodriguez tel 0412 345 678", ["kathleen", "rodriguez"], ["Notes:", " tel "]),
    # no name there: nothing more masked
    ("12 Oak St, Springfield, Illinois - 555-201-3344", ["201-3344"], ["Illinois - "]),
    ("please call me on 0412 345 678", [], ["please call me on"]),
    ("my number is 0412 345 678", [], ["my number is"]),
    ("for delivery questions call 0412 345 678", [], ["for delivery questions call"]),
    ("leave at door, call 0412 345 678", [], ["leave at door, call"]),
])
def test_surname_first_and_lower_case_names_before_a_phone(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # 'Cl.' for calle, and how a photo's reading takes 'C/' (stress labels seed 122000, es_seur
    # defocus photo: the line was masked as a name, its initials and floor letter kept)
    ("Cl de Alcalá 66, 9° A", ["Alcalá", "66", "9°", " A"], []),
    ("Cl. Mayor 3, 2º B, 28013 Madrid", ["Mayor", "2º"], ["Madrid"]),
    # the letters in ordinary words are no street type
    ("Includes 5 items, clear 3 boxes, NaCl 5 g", [], ["Includes 5 items, clear 3 boxes, NaCl 5 g"]),
])
def test_spanish_cl_street_type(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # by hand (this round): a Spanish floor and door written '2ºB' (NFKC reads it '2oB') was kept as
    # a region, and a phone in a record whose fields are set apart by spaced dashes stood whole
    ("Sr. D. José García Pérez - C/ Mayor 3, 2ºB - 28013 Madrid - 612 345 678",
     ["José", "Mayor", "2ºB", "013", "345"], ["Madrid"]),
    ("José García - 0612345678 - Madrid", ["García", "612345"], ["Madrid"]),
    # a bare digit run between dashes is as often an order number: it stays
    ("Order 123 - shipped - 98765432", [], ["98765432"]),
    ("José, 612 - 345 - 678, Madrid", ["345"], ["Madrid"]),
    # surname first after an anchor, and a person after the department an attention line names
    ("Empfänger: Müller, Hans", ["Müller", "Hans"], ["Empfänger:"]),
    ("Ship to: O'Brien, Sean", ["Brien", "Sean"], ["Ship to:"]),
    ("Attn: accounts payable, Jane Doe x2231", ["Jane", "Doe"], ["Attn:", "x2231"]),
    ("Empfänger: Müller, Hauptstr. 5, 10115 Berlin", ["Müller", "Hauptstr"], ["Berlin"]),
    ("c/o Jane Doe, London SW1A 1AA", ["Jane", "Doe"], ["London SW1A"]),
])
def test_dash_separated_records_floor_doors_and_surname_first_anchors(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # by hand (this round): a form's or URL's query and a JSON object pasted into a cell or a line:
    # the name and address stood (the phone went)
    ("name=kathleen rodriguez&phone=0412345678&addr=12+oak+st", ["kathleen", "rodriguez", "oak", "345678"],
     ["name=", "&phone=", "&addr="]),
    ('{"name":"kathleen rodriguez","mobile":"0412 345 678"}', ["kathleen", "rodriguez", "345"], ['{"name":"']),
    ("https://shop.example/track?order=123&name=kathleen%20rodriguez", ["kathleen"], ["order=123&name="]),
    ('{"name": "张伟", "phone": "13812345678"}', ["伟", "1234"], ['"phone": "']),
    # keys that are no field of a person's stay as they are
    ("x=1&y=2&order=123", [], ["x=1&y=2&order=123"]),
])
def test_key_value_fields_inside_a_text(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 81 --more-forms (fresh): Italian street kinds Faker writes that no list held,
    # and the floor after the number
    ("address: Stretto Carmelo, 130 Piano 8, 50010 Firenze", ["Stretto", "Carmelo", "130", "Piano 8"], ["Firenze"]),
    ("address: Borgo Carmelo, 13, 50010 Firenze", ["Borgo", "Carmelo"], ["Firenze"]),
    ("address: Incrocio Verdi, 12 Appartamento 42, 50010 Firenze", ["Incrocio", "Verdi", "42"], ["Firenze"]),
    ("Borgo San Lorenzo is a town", [], ["Borgo San Lorenzo is a town"]),
])
def test_italian_street_kinds(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # by hand (this round): a name in lower-case pinyin after a Chinese label stood
    ("收件人 zhang wei 13812345678", ["hang", "wei", "1234"], ["收件人 z"]),
    ("收件人：li xiaoming，浙江省杭州市", ["xiaoming"], ["浙江省杭州市"]),
    ("寄件人 wang fang", ["ang f", "fang"], ["寄件人"]),
    ("收件人 please call 13812345678", ["1234"], ["please call"]),
])
def test_lower_case_pinyin_after_a_chinese_label(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # by hand (this round): who picks the parcel up or takes it for someone (取件人, 代收人, 提货人):
    # the name after them stood
    ("麻烦放丰巢，取件人王小二，尾号5678", ["小二"], ["取件人王", "尾号5678"]),
    ("代收人：李四 13812345678", ["李四", "1234"], ["代收人："]),
    ("提货人:赵六", ["赵六"], ["提货人:"]),
])
def test_pickup_and_proxy_labels(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_pickup_column_header(tmp_path):
    got = _mask_csv_rows(tmp_path, [["取件人", "代收人"], ["王小二", "李四"], ["赵六", "钱七"]])
    assert got[0] == ["取件人", "代收人"]
    assert all(c.endswith("*") for r in got[1:] for c in r), got


@pytest.mark.parametrize("text,gone,kept", [
    # by hand (this round): an address alone on one comma-separated line ending with its postcode,
    # a house's name and a street without a number (the British way): both stood
    ("The Old Rectory, Church Lane, Little Snoring, Norfolk NR21 0HX", ["Rectory", "Church Lane"], ["Norfolk NR21"]),
    ("Address: Rose Cottage, Mill Road, Stratford-upon-Avon CV37 6BB", ["Rose Cottage", "Mill Road"],
     ["Address:", "CV37"]),
    # words of a sentence are no address line
    ("We met in London, then Paris, then Berlin 10115", [], ["We met in London, then Paris, then Berlin"]),
])
def test_address_line_alone_ending_with_its_postcode(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 83 --more-forms (fresh): a Dutch postcode's letters read as the title 'MR', so
    # the town was a name and the real name before the phone's label stood
    ("Sylvie Kolster (Tel. 0847 431346), Giovanniring 263, 3806 MR Baarland", ["Sylvie", "Kolster", "Giovanniring"],
     ["Baarland"]),
    ("Room 1203 MR Smith", ["Smith"], ["MR "]),
])
def test_dutch_postcode_letters_are_no_title(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_lower_case_names_are_masked_but_no_proof_on_a_re_read():
    """A re-read of lower-case words before a phone is no proof of a name (ordinary words stand
    there too): verify does not count them; a surname-first name it does."""
    from waybill.engine import is_leak
    got = {f.text: f.detector for f in detect_text("kathleen rodriguez 0412 345 678") if f.type.value == "name"}
    assert got == {"kathleen rodriguez": "name_en.beside_phone_lower"}
    sh = {"digits": 0, "maxword": 9, "chars": 17}
    assert not is_leak({"type": "name", "detector": "name_en.beside_phone_lower", "where": {}, "shape": sh})
    got = {f.text: f.detector for f in detect_text("Rodriguez, Kathleen - 0412 345 678") if f.type.value == "name"}
    assert got == {"Rodriguez, Kathleen": "name_en.beside_phone"}


@pytest.mark.parametrize("text,gone,kept", [
    # field words after an anchor ('Recipient name:' masked the word 'name' and left the name),
    # anchors of proof-of-delivery exports and a spaced dash for the colon
    ("Recipient name: Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Recipient name:"]),
    ("Customer name: Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Customer name:"]),
    ("Contact person: Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Contact person:"]),
    ("Sender - Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Sender - "]),
    ("Addressee: Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Addressee:"]),
    ("Signed by: Kathleen Rodriguez", ["Kathleen", "Rodriguez"], ["Signed by:"]),
    ("Received by: K. Rodriguez", ["Rodriguez"], ["Received by:"]),
    ("Surname: Rodriguez, Given name: Kathleen", ["Kathleen", "Rodriguez"], ["Surname:", "Given name:"]),
    # an e-mail address's display name
    ("Kathleen Rodriguez <krod77@gmail.com>", ["Kathleen", "Rodriguez", "krod77"], ["gmail.com"]),
    ('"Rodriguez, Kathleen" <krod77@gmail.com>', ["Kathleen", "Rodriguez"], []),
    ("Jan de Vries <jan@example.nl>, Anna Schmidt (anna@example.de)", ["Vries", "Schmidt", "Anna"], []),
    # no name there: nothing more masked
    ("The parcel was received by the neighbour", [], ["The parcel was received by the neighbour"]),
    ("Customer Service <cs@shop.com>", [], ["Customer Service <"]),
    ("Valid from - 12 May", [], ["Valid from - 12 May"]),
])
def test_latin_name_field_words_and_mail_display_names(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 67 with --more-forms, and by hand: a Japanese record in Tokyo without kana
    # ('東京都' arrives as '东京都', which the gate did not hold: address and given name stood)
    ("山田 太郎, 電話 090-1234-5678, 東京都港区芝公園4-2-8", ["太郎", "芝公園", "4-2-8", "1234"], ["東京都港区"]),
    # Sapporo's numbered towns and a block written with a dash after 丁目
    ("佐藤 七夏, 090-1234-5678, 北海道札幌市中央区北1条西2丁目1-1 札幌ビル5階", ["七夏", "北1条", "2丁目", "1-1", "札幌ビル"],
     ["北海道札幌市中央区"]),
    # a Chinese name with a space after the surname: the given name was no name
    ("欧阳 娜娜, 13812345678", ["娜娜", "1234"], ["欧阳"]),
    ("王 小明, 13812345678, 浙江省杭州市西湖区文三路100号", ["小明", "文三路"], ["王 ", "西湖区"]),
    ("張 偉, 0912-345-678, 臺北市大安區和平東路二段96巷3號", ["偉", "96巷"], ["張 "]),
    ("王 先生 13812345678", ["1234"], ["王 先生"]),
    # a Korean name with a phone's label between it and the phone
    ("부산광역시 동구 삼성 491, 113동 549호 – 김미영 – 전화: 042-545-7573", ["미영", "549호"], ["전화"]),
    ("신지현 (전화 031-801-9313), 부산광역시 양천구 압구정 753-6, 110동 115호", ["지현", "115호"], ["(전화"]),
    # a label typed with two dots
    ("Gitte Vestergaard, Tlf.. 8751 3402, Nordre Strandvej 5, 1100 Nordborg", ["Gitte", "8751 3402"], ["Nordborg"]),
])
def test_world_text_seed_67_more_forms(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 75 --more-forms (fresh): a Japanese surname of three characters, or with 々,
    # before a space: the given name stood
    ("Recipient: 長谷川 直子; 電話: 070-9123-4566", ["直子", "谷川", "9123"], ["Recipient: 長"]),
    ("Recipient: 佐々木 健; 電話: 070-9123-4566", ["健", "々木"], ["Recipient: 佐"]),
    # a province and a city written apart are no name
    ("Recipient: 浙江省 杭州", [], ["浙江省 杭州"]),
])
def test_japanese_three_character_surname_before_a_space(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 84 --more-forms (fresh): a kana given name ending in a kanji, glued to the
    # surname ('佐藤くみ子': only 藤 was masked, くみ子 stood)
    ("Recipient: 佐藤くみ子; 電話: 03-1234-0806", ["藤", "くみ子"], ["Recipient: 佐"]),
    ("Recipient: 石田さゆり", ["田", "さゆり"], ["Recipient: 石"]),
])
def test_kana_given_name_ending_in_a_kanji(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_spaced_chinese_name_goes_whole_in_dispose():
    got = _dispose("欧阳 娜娜, 13812345678")
    assert "欧" not in got and "娜" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 67 --more-forms, after b8815b6: a Chinese name after an English label
    ("Recipient: 薛美麗; 電話: (02) 2345-9330; e-mail hsueh88@hotmail.com", ["美麗", "2345-9330"], ["Recipient:"]),
    ("From: 张三, To: 李四", ["三", "四"], ["From:", "To:"]),
    # a Turkish number's bracketed area code read as a Nanjing landline ('025)9058930'): the phone
    # finding started inside the number and the name before its label stood
    ("İnançlı Bilge, Tel. +90(025)9058930, 9155 Yılmaz Avenue, 76692 Fenniville",
     ["İnançlı", "9058930", "Yılmaz"], ["Fenniville"]),
])
def test_world_text_seed_67_after_the_first_fixes(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a phone number inside a messenger or call link (no '+', no separators, no label) was read by
    # nothing
    ("Chat with me: https://wa.me/8613812345678", ["38123", "1234"], ["https://wa.me/"]),
    ("whatsapp: wa.me/447700900123", ["7700900"], ["wa.me/"]),
    ("https://api.whatsapp.com/send?phone=447700900123&text=hi", ["7700900"], ["&text=hi"]),
    ("viber://chat?number=%2B447700900123", ["7700900"], ["viber://chat?number="]),
    # an order number in a link stays
    ("https://example.com/order?id=12345678901", [], ["12345678901"]),
])
def test_phone_in_a_messenger_link(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 68 (fresh, --more-forms, run once on 3767ecd): a North-American number whose
    # digits read as a Chinese mobile from its '1' on, so the phone finding started after the '+'
    # and the label before it was not right before the phone: the name before the label stood
    ("Stuart McManus, Tel. +1-532-973-5307, 78 Flaherty Street, Eadaoin Ville C10W30K",
     ["Stuart", "McManus", "973"], ["Tel."]),
    ("Megan Calderon (Tel +1-905-938-2843), 67569 Nicole Row, Chapmanbury, CA 21856",
     ["Megan", "Calderon", "938"], ["Chapmanbury"]),
    # (and on 3767ecd, fixed by a7e41a5: a Japanese name apart after an English label)
    ("Recipient: 藤田 京助; 電話: 03-1234-8632; address: 栃木県横浜市戸塚区1-2-3", ["京助", "1-2-3"], ["Recipient:"]),
])
def test_world_text_seed_68(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a phone icon or an emoji between a name and its phone; a title written in capitals
    ("Kathleen Rodriguez ☎ 0412 345 678", ["Kathleen", "Rodriguez"], ["☎"]),
    ("Kathleen Rodriguez \U0001f4f1 07700 900123", ["Kathleen", "Rodriguez"], ["\U0001f4f1"]),
    ("MRS KATHLEEN RODRIGUEZ, 12 MAIN ST", ["KATHLEEN", "RODRIGUEZ"], ["MRS"]),
    ("MS WORD DOCUMENT ATTACHED", [], ["MS WORD DOCUMENT ATTACHED"]),
])
def test_latin_name_beside_a_phone_icon_and_capital_titles(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 69 (fresh, --more-forms, run once on 44631ee): names between dashes after the
    # address and before a phone's label, when the phone finding started after '+49 (0) ', when the
    # number was a toll-free one kept as a service, and a Korean name ending like a road (길)
    ("Cäcilia-Weimer-Ring 5, 57052 Jüterbog – Kerstin Hiller – Tel.: +49 (0) 0785 396674",
     ["Kerstin", "Hiller", "396674"], ["Jüterbog"]),
    ("12 Main Street, Rose Ville X08 Y2K3 – Abby Phayre – Tel: 800.508.4716", ["Abby", "Phayre"], ["X08"]),
    ("대전광역시 노원구 테헤란로 123, 101동 202호 – 서영길 – 전화: 010-123-9817", ["영길", "202호"], ["전화"]),
    ("Customer service Tel: 800.508.4716", [], ["Customer service Tel: 800.508.4716"]),
])
def test_world_text_seed_69(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text seed 70 (fresh, --more-forms, run once on bd1e5d0): a Japanese given name of three
    # characters or in kana after an English label (only the family name was found), and a name
    # beside a toll-free number with no label (kept as a service, so no phone stood beside the name)
    ("Recipient: 伊藤 裕美子; 電話: 090-1234-1342; address: 佐賀県横浜市泉区1-2-3", ["裕美子", "1234"], ["Recipient:"]),
    ("Recipient: 佐藤 さゆり; 電話: 070-7123-4563", ["さゆり"], ["Recipient:"]),
    ("Recipient: 石田さゆり; 電話: 080-9123-4561", ["さゆり"], ["Recipient:"]),
    # (a toll-free number given as the person's is masked as theirs since the twenty-fifth round)
    ("Scott Carroll | (800)274-3557 | sc77@hotmail.com | 12 Main St, Taylorton, AR 01612", ["Scott", "Carroll", "274"],
     ["3557", "Taylorton"]),
])
def test_world_text_seed_70(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # scripts no detector read (a hand probe): Cyrillic and Greek names, phones and street lines,
    # and Vietnamese names (Latin Extended Additional letters broke the name word)
    ("Иван Петров, +7 912 345-67-89, ул. Ленина, д. 5, кв. 12, Москва 101000",
     ["Иван", "Петров", "345", "Ленина", "кв. 12"], ["Москва 10"]),
    ("101000, г. Москва, ул. Тверская, д. 7, кв. 3", ["Тверская", "кв. 3", "1000"], ["Москва"]),
    ("Отправитель: Олена Коваленко, тел. 067 123 4567, вул. Шевченка, 12, кв. 4, Київ 01001",
     ["Олена", "Коваленко", "123 4", "Шевченка"], ["Київ"]),
    ("Γιώργος Παπαδόπουλος, 694 123 4567", ["Γιώργος", "Παπαδόπουλος", "694 123"], []),
    ("Παραλήπτης: Μαρία Νικολάου, Τηλ. 210 123 4567, Οδός Ερμού 12, Αθήνα 10563",
     ["Μαρία", "Νικολάου", "123 4", "Ερμού"], ["Αθήνα"]),
    ("Nguyễn Văn An, 0912 345 678", ["Nguyễn", "Văn", "345 678"], []),
    # no name there: nothing more masked
    ("Москва, Россия", [], ["Москва, Россия"]),
    ("Доставка до двери, оплата при получении", [], ["Доставка до двери, оплата при получении"]),
])
def test_cyrillic_greek_and_vietnamese_records(text, gone, kept):  # (detectors/other_scripts.py)
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # scripts without capitals: a name beside a phone, or after a name label, and the number
    ("محمد أحمد 0501234567", ["محمد", "أحمد", "012345"], []),
    ("محمد أحمد ٠٥٠١٢٣٤٥٦٧", ["محمد", "أحمد", "٠١٢٣٤٥"], []),
    ("जवाल", [], ["जवाल"]),
    ("राहुल शर्मा 9876543210", ["राहुल", "शर्मा", "987654"], []),
    ("दीपक कुमार, फ़ोन 98765 43210", ["दीपक", "कुमार", "98765 4"], ["फ़ोन"]),
    ("สมชาย ใจดี 081-234-5678", ["สมชาย", "ใจดี", "234-5"], []),
    ("דוד כהן 052-123-4567", ["דוד", "כהן", "123-4"], []),
    ("الاسم: محمد أحمد", ["محمد", "أحمد"], ["الاسم:"]),
    # no number, no label: the town stays (a district, 'حي النخيل', is masked as a street is, since
    # 2026-12-07 night: a Gulf label's address line names it before the street)
    ("الرياض، حي النخيل", ["النخيل"], ["الرياض، "]),
])
def test_names_and_phones_in_scripts_without_capitals(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts (seed 72, looked at): street lines of any words before a
    # postcode and town (Greek without a type word, Ukrainian 'узвіз', 'сквер'), a settlement's type
    # before its name, a building part with a slash
    ("Κομνηνάδων 3, 28179 Σάμος", ["Κομνηνάδων", "179"], ["Σάμος", "28"]),
    ("Λεωφ. Αβόρου 30, ΤΚ 961 98 Ναύπλιο", ["Αβόρου", "1 98"], ["Ναύπλιο"]),
    ("узвіз Велика Садова, буд. 20, 87311 місто Лубни", ["Садова", "буд. 20", "311"], ["місто Лубни"]),
    ("наб. Энгельса, д. 66 стр. 5/9, 041851 ст. Новосибирск", ["Энгельса", "5/9", "1851"], ["ст. Новосибирск"]),
    ("Иван Петров, +7 912 345-67-89, пр. Центральный, д. 5/4 к. 150, клх Урай 636083",
     ["Центральный", "150", "6083"], ["клх Урай"]),
])
def test_street_lines_before_a_postcode_in_cyrillic_and_greek(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("cells,header", [
    # a CSV of another script: its headers were no header words (every row was data and the names
    # stood), and without a header a name cell of such letters was no row name
    (["Иван Петров", "+7 912 345 67 89", "пр. Центральный, д. 5/4 к. 150, клх Урай 636083"], ["ФИО", "Телефон", "Адрес"]),
    (["محمد أحمد", "0501234567", "الرياض"], ["الاسم", "هاتف", "عنوان"]),
    (["Nguyễn Văn An", "0912 345 678", "Hà Nội"], ["Họ tên", "Điện thoại", "Địa chỉ"]),
    (["Иван Петров", "+7 912 345 67 89", "пр. Центральный, д. 5/4 к. 150, клх Урай 636083"], None),
    (["محمد أحمد", "+966 50 123 4567", "الرياض"], None),
])
def test_other_script_csv_names(tmp_path, cells, header):
    rows = ([header] if header else []) + [cells] * 3
    text = "".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows)
    out = _mask_csv(tmp_path, text)
    name = cells[0]
    assert name.split()[-1] not in out, out
    if header:
        assert ",".join(header) in out, out


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 72 (after a26b903): Bengali and Persian labels, an English
    # label before a name in another script, a house number after the phone
    ("বিল্ডিং নং ৩, গোপালরোড – অমল জামান – ফোন: +880 1712 349078", ["অমল", "জামান", "349078"], ["ফোন"]),
    ("Recipient: মিলা খান; ফোন: +880 1712 349002", ["মিলা", "খান"], ["Recipient:"]),
    ("Please deliver to মুনতাসির মিঞা at ষ্টুডিও ২. Call 01712 349002 if nobody is home.",
     ["মুনতাসির", "মিঞা", "349002"], ["Please deliver to"]),
    ("گیرنده ایلیا چنگیزی تلفن +98 17 5351 3735 96609 ضابطی دره", ["ایلیا", "چنگیزی", "5351 3"], ["گیرنده"]),
])
def test_other_script_labels(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 72 (after 0c1e972): Armenian labels in capitals and 8-digit
    # numbers, a country code in brackets before a Greek number, an English label before a Greek
    # name, a bracketed area code without its trunk 0 in a phone column
    ("Ստացող Աննա Ղայլունջյան Հեռ. 10-526258 Լոռիս-Մելիքովի 811", ["Աննա", "Ղայլունջյան", "526258"], []),
    ("Գետառի 61, 1535 Տաշիր – Ջեմմա Մուսայելյան – Հեռ.: (282) 60948", ["Ջեմմա", "60948"], []),
    ("Άλκηστις Μαγκανάρη, (+30) 6941 230632, Οδός Ερμού 5, 71100 Καβάλα", ["Άλκηστις", "230632", "Ερμού"],
     ["Καβάλα"]),
    ("Recipient: Μερόπη Μανελίδης; τηλ.: (+30) 6941 231514", ["Μερόπη", "231514"], ["Recipient:"]),
    # a date is no phone beside a name
    ("Доставка 2026-11-03 Иван Петров", [], ["2026-11-03"]),
])
def test_other_script_labels_and_short_numbers(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_bracketed_area_code_without_trunk_zero_in_a_phone_column(tmp_path):
    out = _mask_csv(tmp_path, "Name,Phone\nJemma Musayelyan,(282) 60948\n")
    assert "60948" not in out, out


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 72 (after e3f9336): street lines in scripts without a street
    # pattern: the field's text before a postcode and town that end it
    ("נויה אשכנזי, 034177763, אזור תעשייה 69, 4391500 רימונים", ["תעשייה", "69,", "91500"], ["רימונים"]),
    ("0669 سينا جاده, 343075 باغات علیرضا", ["سينا", "0669", "3075"], ["باغات علیرضا"]),
    ("90/743 शंकर कुमार, अगरतला 636083", ["शंकर", "90/743", "6083"], ["अगरतला"]),
    ("ხეთაგუროვის ქ. 90, 91500 დმანისი", ["ხეთაგუროვის", "500"], ["დმანისი"]),
    ("հասցե: Մաշտոցի 69, 0217 Քաջարան", ["Մաշտոցի", "17"], ["Քաջարան", "հասցե:"]),
    ("হোল্ডিং নং ১৯, দক্ষিণ জীবনগাঁও গলি, ১০০৮ নারায়ণগঞ্জ", ["জীবনগাঁও", "১৯"], ["নারায়ণগঞ্জ"]),
])
def test_street_line_before_a_postcode_and_town_in_scripts_without_a_street_pattern(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 77: a flat or studio three fields before the postcode (the
    # street-line rule reaches two), and an Iranian postcode of 10 digits (the whole line stood)
    ("আদি ইসলাম, +৮৮০-২৯০-৯৭২-৭৫০, ষ্টুডিও ৯১, বিল্ডিং নং ২, সুবর্ণপ্লাজা, ৭৯২৫ বরগুনা",
     ["ষ্টুডিও ৯১", "বিল্ডিং নং ২", "সুবর্ণপ্লাজা", "২৫"], ["বরগুনা"]),
    ("প্রাপক: একরামুল ঘোষ / ফ্ল্যাট ৯, বাসা নং ৬৫, জীবনহাট, ৪৫৫২ ময়মনসিংহ / ফোন ০১ ৯১৩ ২৮১৪৮০",
     ["ফ্ল্যাট ৯", "বাসা নং ৬৫", "জীবনহাট"], ["প্রাপক:"]),
    ("سارا رضایی, +98 21 1234 4499, 7625 معین کوچه سوئیت 207, 9965644992 روستای نرگس",
     ["معین", "7625", "سوئیت 207", "65644992"], ["روستای نرگس"]),
    ("राहुल शर्मा, 9876543210, फ्लैट 12, गांधी नगर, 302001 जयपुर", ["फ्लैट 12", "गांधी"], ["जयपुर"]),
    # a Vietnamese town after its kind in lower case, or starting with Đ (the line stood)
    ("Người nhận: Lê Văn An / Số 5 phố Cộng Hòa, 30430 thành phố Đà Nẵng / ĐT +84 24 3826 6269",
     ["Cộng Hòa", "Số 5", "430", "3826"], ["thành phố Đà Nẵng"]),
    ("Phạm An | 0912 345124 | 5/23 Trần Não, 45852 thành phố Cần Thơ", ["Trần Não", "5/23", "852"],
     ["thành phố Cần Thơ"]),
])
def test_units_and_long_postcodes_in_scripts_without_capitals(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 77: Ukrainian names with Ґ or the apostrophe ʼ, and names
    # before a 7-digit local number (the phone went, the name stood)
    ("Сніжана Ґалаґан, +380 44 123 41 28, вул. Шевченка 12, 36000 селище Городня", ["ніжана", "алаґан"],
     ["селище Городня"]),
    ("Марʼяна Цюпа | +380 (44) 123-78-76 | a@meta.ua", ["арʼяна", "Цюпа"], []),
    ("Марія Яковенко | 234-56-71 | вул. Шевченка 12, 21000 хутір Вашківці", ["арія", "ковенко", "234-56"],
     ["хутір Вашківці"]),
    ("Євген Саєнко, 234 56 79, вул. Шевченка 12, 38000 хутір Щолкіне", ["вген", "аєнко"], ["Щолкіне"]),
])
def test_ukrainian_letters_and_local_numbers(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 78: a phone after Vietnamese 'ĐT' (9 digits: it stood) and a
    # town written 'Thành phố ...' with a capital
    ("Người nhận: Hoàng Văn An / Số 1/46/947 Lê Duẩn, 51052 Thành phố Cần Thơ / ĐT (02)571-6423",
     ["571-6423", "Lê Duẩn", "1/46/947", "052"], ["Thành phố Cần Thơ", "ĐT"]),
    ("Người nhận Dương Thị Mai ĐT 04 1492918 Số 5/86 Phan Xích Long, 02397 Thành phố Cần Thơ",
     ["1492918", "Xích", "397"], ["Thành phố Cần Thơ"]),
])
def test_vietnamese_phone_label_and_capitalised_town_kind(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 79: a surname that starts with the label word 'نام' (only its
    # last letter was masked), names with an apostrophe, a geresh or a hyphen inside a word (what
    # came before the mark stood), and a town before a phone's label taken for a name
    ("ماهان نامور , 071 6123 4561 , خیابان آزادی ۱۲, 2312345 شهرستان النا", ["اهان", "امور"], ["شهرستان النا"]),
    ("נמען: ג'וד אבו ריא / הרצל 12, 7512345 כפר סבא / טלפון 052 123 0094", ["'וד", "בו", "ריא", "הרצל"],
     ["כפר סבא", "נמען:"]),
    ("יהונתן תורג'מן | 052-1234231 | הרצל 12, 5612345 כסלון", ["הונתן", "ורג'מן"], ["כסלון"]),
    ("प्रतिमा डी’सूज़ा | +91 98765 46908 | 12 गांधी मार्ग, 890123 चित्रदुर्ग", ["तिमा", "डी’सू"], ["चित्रदुर्ग"]),
    ("Սեդա Մելիք-Բաղդասարյան, (10) 123402, Աբովյան 12, 2001 Ծաղկաձոր", ["եդա", "ելիք", "աղդասարյան"],
     ["Ծաղկաձոր"]),
])
def test_names_with_marks_inside_and_labels_inside_words(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_name_column_starting_with_a_label_word(tmp_path):
    got = _mask_csv_rows(tmp_path, [["Name", "Phone"], ["ماهان نامور", "071 6123 4561"], ["مهدیه نامور", "081 2123 4567"]])
    assert all("امور" not in r[0] and "اهان" not in r[0] for r in got[1:]), got


@pytest.mark.parametrize("text,gone,kept", [
    # (and Vietnamese, whose letters are Latin: the same rule where the text holds its letters; the
    # name and phone before it stay theirs)
    ("Nguyễn Văn An, 0912 345 678, 4/20/674 Ngõ 90 phố số 73, 34566 TP. Hải Phòng",
     ["Ngõ 90", "4/20/674", "566", "Văn"], ["TP. Hải Phòng", "N***** V** A*", "678"]),
])
def test_vietnamese_street_line_before_a_postcode_and_town(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 83 (each stood in share):
    # a 7-digit local number after a Ukrainian phone label
    ("Одержувач Олександр Петренко Тел. 325-79-69 вулиця Шевченка 5, 58000 місто Соснівка",
     ["325-79", "79-6", "Шевченка"], ["місто Соснівка"]),
    ("Одержувач: Дмитро Іваненко / вулиця Шевченка 5, 46000 місто Соснівка / Тел. 614 96 84", ["614 96"], []),
    # a town going on in brackets or after a spaced dash: its street line and postcode stood
    ("נמען עמית אברהם טלפון 0501234964 אגוז 87, 7312456 מרחביה )מושב(", ["אגוז", "7312456"], ["מרחביה"]),
    ("רינה שמש, 0521234703, עולש מצוי 69, 2014802 פוריה - נווה עובד", ["עולש", "2014802"], ["פוריה"]),
    # a house number after the phone: its digits were the phone's kept tail
    ("ผู้รับ พันธุ์เทพ ถนอมพล โทร 03 449 0207 687/2 ถ.ตวงทอง, 17130 สมุทรปราการ", ["687", "ตวงทอง"], ["สมุทรปราการ"]),
    ("ผู้รับ พันธุ์เทพ ถนอมพล โทร 03 449 0207 687 ถ.ตวงทอง, 17130 สมุทรปราการ", ["687", "ตวงทอง"], ["สมุทรปราการ"]),
    ("प्राप्तकर्ता सीता साहा फ़ोन +91 2455623643 475 देशपांडे, 486064 अगरतला", ["475", "देशपांडे"], ["अगरतला"]),
    ("शर्मिला मुख़र्जी फ़ोन +91 173 5215202 2/8 इन्द्र सरीन, 478771 देवगढ़", ["2/8", "सरीन"], ["देवगढ़"]),
    ("მიმღები ნუცა ლაბაძე ტელ +995 931 141 819 300 არაგველის ქ. 30, 23179 ქუთაისი", [" 300", "არაგველის"],
     ["ქუთაისი"]),
    # a house number and street name shaped like a postcode and town before the real ones
    ("मणि राय, 09348360021, 1234 मजूमदार, 664321 दालखोला", ["1234", "मजूमदार"], ["दालखोला"]),
    ("آرش سعیدی, 0937 123 4560, 78123 زنجانی کوچه, 6412 غرب یسنا", ["78123", "زنجانی"], ["غرب یسنا"]),
    # a town of four words; 'к.' before a town; an apostrophe inside a Ukrainian town's name
    ("प्राप्तकर्ता: गौरी दास / 82/672 अहलूवालिया, 478754 दादरा और नगर हवेली / फ़ोन 09549264847",
     ["478754", "अहलूवालिया", "82/672"], ["दादरा और नगर हवेली"]),
    ("Получатель: Яков Нестерова / наб. Комсомольская, д. 92, 855053 к. Краснодар / Тел. 87746010975",
     ["855053", "Комсомольская"], ["к. Краснодар"]),
    ("Семен Єрмак, 067 123-05-84, узвіз Геологічна, буд. 5 кв. 143, 67542 хутір П'ятихатки",
     ["67542", "Геологічна"], ["хутір П'ятихатки"]),
    # a street after a name inside one street finding's span: only the part before the name went
    ("Please deliver to LêJane at 6/19 Phố số 2, 44239 thành phố Hồ Chí Minh. Call 09 9129596 if nobody is home.",
     ["6/19", "Phố số", "LêJane", "44239"], ["thành phố Hồ Chí Minh", "if nobody is home"]),
])
def test_scripts_seed_83(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_a_phone_after_a_street_in_a_field_is_kept_whole_at_the_end():
    # the number at a field's end keeps its last group ('Тел. 8 174 659 9249': the last group is
    # the phone's, not a house number's; cutting it left the rest too short, and it all stood)
    got = _share("Получатель: Мария Смирнова / ул. Ленина 5, 601234 д. Ногинск / Тел. 8 174 659 9249")
    assert "659" not in got and "174 659" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 88: a +98 number and a house number after it are no
    # possible number whole; the Chinese landline pattern took '0557 7050 9702' out of the middle and
    # '+98 77 0557' stood (with the house number's last digits as the kept tail)
    ("گیرنده محيا زارعی تلفن +98 77 0557 7050 9702 محمدامين بلوار واحد 023, 7264 شهرستان اميرعباس",
     ["+98 77", "0557", "محمدامين", "9702"], ["شهرستان اميرعباس", "7050"]),
    ("+98 77 0557 7050 9702", ["+98 77", "0557"], []),
    ("Tel +98 21 0557 7050 9702 Main Street, Springfield", ["+98 21", "0557", "Main Street"], ["Springfield"]),
])
def test_a_plus_number_with_a_house_number_after_it(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_a_plus_number_no_possible_whole_in_a_phone_column(tmp_path):
    """No word after it: a +CC number that is no possible one whole (Faker's '+98 838 2383 3137',
    11 national digits) is masked whole by the column's rule, not its head alone: '3137' stood
    beside the head's kept tail, 7 digits in all (world_text --locales scripts seed 89)."""
    got = _mask_csv(tmp_path, "name,phone\nطاها رودگر,+98 838 2383 3137\n")
    assert "383 3137" not in got and "838" not in got, got


@pytest.mark.parametrize("text,gone,kept", [
    # a name glued to its label, a space, then the next field's label: read as one spaced name, it
    # was dropped for the 电话 in it and stood whole (found by hand, probing forms people write)
    ("收件人张伟 电话13812345678", ["张伟", "1234"], ["电话"]),
    ("收件人张伟 手机13812345678", ["张伟", "1234"], ["手机"]),
    ("联系人张伟 联系电话13812345678", ["张伟"], ["联系电话"]),
    # and the next label was masked as its given name
    ("收件人张伟 备注：放门卫", ["张伟"], ["备注：放门卫"]),
    ("收件人张伟 邮编100000", ["张伟"], ["邮编"]),
    # spaced names stay names
    ("收件人 王 小明 电话13812345678", ["小明"], ["王 "]),
    ("收件人：王 小 明", ["小 明"], []),
])
def test_a_name_glued_to_its_label_before_the_next_label(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone", [
    # a number after a phone label in a mix of separators, or in ones the grouped patterns do not
    # take: each stood whole (found by hand, probing forms people write)
    ("手机号：1 3 8 - 1 2 3 4 - 5 6 7 8", ["1 3 8", "1 2 3 4"]),
    ("电话 138,1234,5678", ["138", "1234"]),
    ("电话：138，1234，5678", ["138", "1234"]),
    ("电话 138 \u2010 1234 \u2010 5678", ["138", "1234"]),
    ("电话 [138]12345678", ["138", "1234"]),
    ("电话 010,6543,2109", ["6543"]),
])
def test_a_labelled_number_in_odd_separators(text, gone):
    got = _share(text)
    for g in gone:
        assert g not in got, (g, got)
    assert sum(ch == "*" for ch in got) >= 6, got


@pytest.mark.parametrize("text,gone,kept", [
    # and with no label: a mobile split 3-4-4 (or 3-8) in odd or mixed separators stood, and the
    # name before it with it
    ("138,1234,5678", ["138", "1234"], []),
    ("张伟 138,1234,5678", ["伟", "1234"], []),
    ("138 \u2010 1234 \u2010 5678", ["138", "1234"], []),
    ("张伟 1 3 8 - 1 2 3 4 - 5 6 7 8", ["1 3 8", "1 2 3 4"], []),
    ("[138]12345678", ["138", "1234"], []),
    ("客户留言：（185）74390581，谢谢", ["185", "7439"], ["谢谢"]),  # (evasion seed 9, new tricks)
    ("(159)83231555", ["159", "8323"], []),
    # an amount in thousands, another country's number and a house number, stay as they were
    ("13,812,345,678 元", [], ["13,812,345,678"]),
    ("Michelle Pires, +33 4 12 34 56 98, 3634 rue", [], ["3634 rue"]),
    # (a bracket inside the run is another number's end: the phone's last digits and a house number
    # read as a mobile took the name's and the house number's masks, world_text --more-forms seed 90)
    ("Kelly Campos (Phone +1 (245) 179-1336), 6917 Jeffrey Hills, Robertburgh,  V7L 3L4",
     ["Kelly", "Campos", "6917", "Jeffrey"], ["Robertburgh"]),
])
def test_an_unlabelled_mobile_in_odd_separators(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a building/unit/room with no region or street before it: the estate before it stood, and a
    # building named by a letter was not found at all (found by hand, probing forms people write)
    ("万科城市花园7栋1单元1203", ["万科城市花园", "1203"], []),
    ("送到万科城市花园7栋1单元1203 王女士", ["城市花园", "1203"], ["送到"]),
    ("我住在阳光小区3号楼2单元501", ["阳光小区", "501"], ["我住在"]),
    ("科兴科学园B栋4单元1201", ["科兴", "B栋", "1201"], []),
])
def test_an_estate_before_its_building_unit_and_room(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["Tel 1-800-820-8820", "电话 2026,11,03"])
def test_a_labelled_run_that_is_no_phone_stays(text):
    assert _share(text) == text


def test_odd_separators_in_a_phone_column(tmp_path):
    """A phone column's digits split by a comma or a Unicode dash with spaces: the column's
    fallback took only runs in spaces, dashes, dots and slashes, and both stood whole."""
    got = _mask_csv(tmp_path, '收件人,收件人电话\n张伟,"138,1234,5678"\n李雷,138 \u2010 1234 \u2010 5678\n'
                              "王芳,12.03.2026\n")
    assert "138,1234" not in got and "1234" not in got, got
    assert "12.03.2026" in got  # a date in a phone column is no phone


@pytest.mark.parametrize("text,gone,kept", [
    # a copula and a family word between a label and the name: they were masked as the name and the
    # name stood (found by hand, probing forms people write)
    ("收件人是我妈刘桂兰，电话13812345678", ["桂兰"], ["刘"]),
    ("收件人：我老公王建国 13812345678", ["建国"], ["王"]),
    ("联系人是我朋友陈晓明", ["晓明"], ["陈"]),
    ("收件人为张三，电话13812345678", ["张三"], []),
    ("收件人叫李四", ["李四"], []),
])
def test_a_family_word_between_label_and_name(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text", ["收件人叫李*", "联系人是我朋友***，谢谢", "派送前请联系收件人：我老公*** ***",
                                  "备注：收件人是我同事**"])
def test_a_family_word_before_a_masked_name_is_no_name(text):
    """The masked forms of those records: read as names ('叫李', '朋友'), verify called the masked
    outputs leaking (benchmarks.evasion seed 11, the new tricks: 14 files exit 7 with 0 leaks)."""
    assert not [f for f in detect_text(text, region="CN") if f.type is T.NAME], detect_text(text, region="CN")


@pytest.mark.parametrize("text,gone,kept", [
    # a display name after a word that is no name's ('From', 'Thanks,') or before its address after a
    # comma or a spaced dash: the name stood (found by hand, probing forms people write)
    ("From Maria Garcia <maria.gl@example.org>", ["Maria", "Garcia"], ["From "]),
    ("Maria Garcia-Lopez, maria.gl@example.org", ["Maria", "Garcia"], []),
    ("Contact John Smith - john.smith@example.com", ["John", "Smith"], ["Contact "]),
    ("Thanks, Maria Garcia, maria@example.org", ["Maria", "Garcia"], ["Thanks, "]),
    ("Customer Service, cs@example.com", [], ["Customer Service, "]),
])
def test_a_display_name_before_an_email(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # an address written letter by letter or with spaces round its @: it stood (found by hand,
    # probing forms attackers write)
    ("j o h n . s m i t h @ g m a i l . c o m", ["o h n", "s m i t h"], []),
    ("mail: a b c @ q q . c o m thanks", ["b c"], ["thanks"]),
    ("john @ example.com", ["john"], []),
    ("派送前请联系wang-ting55 @example.cn（工作日）", ["ang-ting55"], ["工作日"]),  # (evasion seed 9)
    ("price 5 @ 3.50 each", [], ["price 5 @ 3.50 each"]),
    ("see you @ 5 pm", [], ["see you @ 5 pm"]),
])
def test_a_spaced_email(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # a name written in both scripts: the second, after a slash or in brackets, stood; a lower-case
    # pinyin name before the next Chinese label stood, and the label 姓名 lost its 名 instead
    # (found by hand, probing forms people write)
    ("收件人：Zhang San/张三", ["Zhang", "San", "三"], []),
    ("收件人：张三 (Zhang San)", ["三", "Zhang", "San"], []),
    ("寄件人：WANG WEI（王伟）", ["WANG", "WEI", "伟"], []),
    ("姓名：wang wei 电话：13812345678", ["wang", "wei"], ["姓名", "电话"]),
    ("顾客：陈小姐 13812345678", [], ["顾客"]),
    ("收件人：张三（请放门卫）", ["三"], ["请放门卫"]),
    ("收件人：张三 / Please call", ["三"], ["Please call"]),
    # the pair right before a phone, neither found alone
    ("Zhang San/张三 13812345678", ["Zhang", "San", "三"], []),
    ("张三/Zhang San 13812345678", ["Zhang", "San", "三"], []),
    ("Tel/电话 13812345678", [], ["Tel/电话"]),
])
def test_a_name_in_both_scripts_and_pinyin_before_a_label(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # 'my number is' before a local number: it stood (found by hand, probing forms people write)
    ("my number is 555 0143", ["555 0143", "0143"], ["my number is"]),
    ("my cell number is (415) 555-0143", ["415", "555-01"], []),
    ("order number 1234567", [], ["order number 1234567"]),
])
def test_my_number_is_a_phone_label(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_world_text_scorer_reads_words_with_their_marks():
    """The benchmark's scorer takes a Bengali, Devanagari or Thai word whole, vowel signs included:
    split at its marks, a street word fell apart into single consonants, which a masked name's kept
    first letter then "showed" (bn_BD scored 8.8% of street lines leaked on seed 83, all of them so)."""
    from benchmarks.world_text import _WORD, _has_word
    assert _WORD.findall("বিল্ডিং নং ৮, রামগ্রাম প্লাজা") == ["বিল্ডিং", "নং", "৮", "রামগ্রাম", "প্লাজা"]
    assert _WORD.findall("श्रीवास्तव") == ["श्रीवास्तव"]
    assert not _has_word("প্রাপক অ**** হ****** ফোন", "হ", False)
    assert _has_word("প্রাপক বিল্ডিং নং", "বিল্ডিং", False)
    assert not _has_word("প্রাপক বিল্ডিংটি", "বিল্ডিং", False)


@pytest.mark.parametrize("text,gone,kept", [
    # a Persian street line with no postcode to find it by (world_text --locales scripts seeds 83-84:
    # 6-9% of fa_IR street lines stood): by its kind of way, either order, with its unit or plate
    ("یاسمین تهرانی | 0912 123 4554 | 661 سرخوشیان جاده, 808 شمال اسما", ["661", "سرخوشیان"], []),
    ("گیرنده مهدیه سمسار تلفن 025 0085 8037 52189 نيايش دره, 162 شرق هستی", ["52189", "نيايش"], []),
    ("گیرنده: حسین محمدی / 95951 ایلیا میدان واحد 123, 808 شهر کرمان", ["95951", "ایلیا", "123"], []),
    ("تهران، خیابان ولیعصر، کوچه ۱۲، پلاک ۵، واحد ۳", ["ولیعصر", "۱۲", "پلاک ۵"], ["تهران"]),
    ("Please deliver to علی رضایی at 8093 مهدیان چهار راه, 416 بندر حلما.", ["8093", "مهدیان"], []),
    # (a house number and street taken for a postcode and town: the street's kind ends the "town")
    ("آرش عباسی, +98 912 123 2466, 61234 مریم بزرگ راه, 184 بندر کيانا", ["61234", "مریم"], []),
])
def test_persian_street_lines_by_their_kind_of_way(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 85: a house number after a number outside the known ranges
    # (of a length the country's numbers have) was read into it and shown as its tail
    ("ผู้รับ บุญมา ขาวสะอาด โทร 0-1234-5678 8 หมู่ 5 ถนนสุขุมวิท, 99120 เชียงใหม่", ["678 8", "หมู่ 5", "สุขุมวิท"],
     ["เชียงใหม่"]),
    # the Ukrainian kinds of way ('парк Український 3-й ...' stood, seeds 83-85: 2.3-2.8% of uk_UA)
    ("Лідія Лисенко, +380 44 123-68-94, парк Український 3-й, буд. 8, 58000 місто Вуглегірськ",
     ["Український", "3-й", "буд. 8"], ["місто Вуглегірськ"]),
    ("Одержувач Оксенія Яремко Тел. +380 57 463-20-83 набережна Куликовський 2-й, буд. 182 кв. 593, 55808 хутір Вилкове",
     ["Куликовський", "182", "593"], ["хутір Вилкове"]),
])
def test_scripts_seed_85(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_greek_town_with_a_shortened_first_word_goes_in_dispose():
    # world_text --locales scripts seed 86 (fresh), dispose: 'Αγ. Νικόλαος' lost 'Αγ.' only
    text = "Γιώργος Παπαδόπουλος, 694 123 4567, Κομνηνάδων 3, 72100 Αγ. Νικόλαος"
    got = _dispose(text)
    assert "Νικόλαος" not in got and "Κομνηνάδων" not in got, got
    assert "Αγ. Νικόλαος" in _share(text)


@pytest.mark.parametrize("text,word", [
    # world_text --locales scripts seed 86 (fresh), dispose: a town's bracketed qualifier stood
    ("Ипатий Муравьев, 8 912 835 63 30, пер. Урицкого, д. 4, 263359 п. Ясный (Оренб.)", "Оренб"),
    ("נמען עמית אברהם טלפון 0501234964 אגוז 87, 7312456 מרחביה )מושב(", "מושב"),
])
def test_a_towns_bracketed_qualifier_goes_with_it_in_dispose(text, word):
    assert word not in _dispose(text)
    assert word in _share(text)


@pytest.mark.parametrize("text,gone,kept", [
    # world_text --locales scripts seed 111 (fresh): a Hebrew surname ending in a geresh before its
    # phone ('חאג'' stood whole with the given name); values synthetic
    ("נדב חאג' | 059 735-4711 | החרוב 84, 6213218 מסד", ["נדב", "חאג"], ["מסד"]),
    ("נדב חאג' טל' 059 735-4711", ["נדב", "חאג"], ["טל'"]),
    # a house number with a slash before a street named by a date ('1/34 2 Tháng 9'): the phone's
    # reading took '1/34 2' and its kept tail showed the house number
    ("Người nhận Bùi Lan ĐT (08) 6931 7711 1/34 2 Tháng 9, 42637 Thành phố Huế", ["1/34", "Tháng"],
     ["Thành phố Huế"]),
])
def test_scripts_seed_111(text, gone, kept):
    _assert_gone_and_kept(text, gone, kept)


def test_more_forms_seed_104_a_surname_that_is_a_bells_word():
    # '... – John Bell – Ph: (02) ...': 'Ph' was read as the bell's name and 'John Bell' beside the
    # phone stood (world_text --more-forms seed 104, en_AU); values synthetic
    _assert_gone_and_kept("04/182 Tyler Crossway, East Laurabury, WA 2258 – John Bell – Ph: (02) 6721 4011",
                          ["John", "Bell", "Tyler"], ["East Laurabury"])


def test_a_street_named_with_a_form_of_address_is_no_name():
    # 'Khóm 94 Bà Triệu': a Vietnamese street named after a person with 'Bà' (the form of address
    # read as a title showed the street's initial as a name's; world_text --locales scripts seed 1)
    got = _share("Người nhận: Lê Lan / 9/59 Khóm 94 Bà Triệu, 44043 TP. Hải Phòng / ĐT +84 80 4101411")
    assert "Triệu" not in got and "T****" not in got and "TP. Hải Phòng" in got, got


def test_seed_124_the_rest_of_a_street_field_is_no_locality():
    # 'H.No. 01, Nagar Chowk, Bahraich 391163': the street's reading stopped at 'Nagar' and 'Chowk'
    # was read as the locality before the town, which share keeps (world_text seed 124, en_IN)
    _assert_gone_and_kept("Ship to: Vritti Cherian / H.No. 01, Nagar Chowk, Bahraich 391163 / Mobile +918397824311",
                          ["Chowk", "Nagar", "Cherian"], ["Bahraich 391"])
