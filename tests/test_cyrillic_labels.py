"""Russian labels and exports (found by hand, 2026-12-07 evening): rapidocr's bundled model has no
Cyrillic and reads a Russian label's lines as the punctuation and digits between their words
(``'Получатель: Кузнецова Мария'`` as ``':   '`` at 0.84), with confidence, so the page never
looked like another script and every name and street stood in ``share`` while ``waybill verify``
called the output clean. Such a page is now read again by Tesseract's Russian reader
(``imaging.sparse_line``, ``imaging.read_other_script``). In text, names after 'Кому:' / 'От кого:',
streets whose kind follows their name, a street after 'Адрес:', numbers written the national way
without a label and a surname with initials stood whole. A Greek label fared the same way: the model
holds a few Greek letters, read half of each line (``'πστλα: ρ ατατυλ'`` at 0.83) and the masks were
placed by what it read; a page it read Greek or Cyrillic letters on is now read by those scripts'
readers, or filled where neither is sure of it. Every value is synthetic."""
from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
# (the Thai and Korean labels' helpers: a masked line, an OCR line, a reader installed, a label drawn)
from test_other_script_labels import _have, _label, _line, _mask

from waybill.api import Settings
from waybill.ocr import OcrLine, split_quad

RU_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("line, gone, kept", [
    ("Кому: Зайцева Ксения Дмитриевна", ["айцева", "сения", "митриевна"], ["Кому:"]),
    ("От кого: Морозов Сергей Иванович", ["орозов", "ергей", "ванович"], ["От кого:"]),
    ("наб. реки Фонтанки, д. 69, корп. 4, кв. 286", ["Фонтанки", "69", "286"], []),
    ("Адрес: ул. им. Ленина, д. 5, кв. 12", ["Ленина", " 5", "12"], ["Адрес:"]),
    ("СПб, Невский пр., 28, кв 5", ["Невский", "28", " 5"], ["СПб"]),
    ("Невский проспект 28-5, Санкт-Петербург", ["Невский", "28-5"], ["Санкт-Петербург"]),
    ("Адрес доставки: Ленинградский пр-т, 39с1, кв. 44", ["Ленинградский", "39с1", "44"], ["Адрес доставки:"]),
    ("Адрес: г. Москва, ул. Тверская, д. 7, кв. 15, 125009", ["Тверская", "009", "15"], ["г. Москва", ", 12"]),
    ("звонить 8-912-345-67-89 после 18:00", ["912-345", "8-9"], ["после 18:00"]),
    ("Курьер: позвонить по номеру 89031234567", ["8903123"], ["по номеру"]),
    ("Петров П.П., тел. +7 912 345 67 89", ["етров", "912 345"], ["П.П."]),
    ("П. П. Сидоров", ["идоров"], []),
    # (Ukrainian: Nova Poshta's 'Отримувач'; a label before a name beside a phone is no part of it)
    ("Отримувач: Бондаренко Ірина", ["ондаренко", "рина"], ["Отримувач:"]),
    ("Получатель Кузнецова Мария 89211234567", ["узнецова", "8921123"], ["Получатель "]),
])
def test_russian_lines_as_people_write_them(line, gone, kept):
    out = _mask(line)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


@pytest.mark.parametrize("line", ["Заказ № 89031234567", "Горячая линия 8 (800) 250-08-00", "Номер отправления 80081234567890",
                                  "Вес: 2,5 кг", "Кому угодно: привет", "Стоимость доставки: 350 руб.",
                                  "Время работы: 10:00-22:00"])
def test_russian_parcel_lines_stay(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line, share", [
    ("г. Екатеринбург, 620014", "г. Екатеринбург, 62****"),
    ("620014, г. Екатеринбург", "62****, г. Екатеринбург"),
    ("Московская обл., г. Химки, 141400", "Московская обл., г. Химки, 14****"),
    ("Москва, 117420", "Москва, 11****"),
    ("г. Екатеринбург, 620014, Россия", "г. Екатеринбург, 62****, Россия"),
])
def test_a_russian_region_line_keeps_its_region_in_share_and_goes_in_dispose(line, share):
    assert _mask(line) == share
    out = _mask(line, preset="dispose")
    assert not any("\u0400" <= c <= "\u04ff" or c.isdigit() for c in out), out


def test_a_name_and_a_postcode_is_no_region():
    from waybill.detect import detect_text
    from waybill.model import EntityType
    for t in ("Иван Петров, 101000", "Петровна, 101000"):
        assert not [f for f in detect_text(t) if f.type is EntityType.ADDRESS_REGION], t


def test_parcel_labels_anchors_and_carriers_of_russian_labels():
    from waybill import layout
    from waybill.imaging import _CARRIER_LOGO, _TRACKING_PREFIX
    for t in ("Получатель: Кузнецова Мария", "Кому: Зайцева Ксения", "От кого: Морозов Сергей",
              "Грузополучатель: Иванов Иван"):
        assert layout._anchor(t), t
    assert layout.SENDER_ANCHORS.match("От кого") and layout.SENDER_ANCHORS.match("Отправитель")
    for t in ("Номер отправления: 7818805283", "Трек-номер: 7818805283", "ШПИ: 80081234567890", "Вес: 10,0 кг"):
        assert layout.OTHER_LABEL.match(t), t
    assert _TRACKING_PREFIX.match("ШПИ: 8008").end() == len("ШПИ: ")
    assert _TRACKING_PREFIX.match("Номер отправления: 78").end() == len("Номер отправления: ")
    for t in ("СДЭК", "Почта России", "Boxberry", "Ozon", "Нова Пошта", "Укрпошта"):
        assert _CARRIER_LOGO.match(t), t
    # (Nova Poshta's waybill number after 'ЕН': the line was filled, its barcode's number unread)
    assert _TRACKING_PREFIX.match("ЕН 2045").end() == len("ЕН ") and not _TRACKING_PREFIX.match("Енергія 5")
    assert not _CARRIER_LOGO.match("Кузнецова")


# --------------------------------------------------------------------------- pieces


def test_a_line_read_without_its_words_is_a_poor_line():
    from waybill.imaging import other_script_suspect, sparse_line
    assert sparse_line(_line(":   ", 0.84))
    assert sparse_line(_line(". , . 53, . 5, . 228", 0.93))
    for t in ("Tel.: +7 916 482-31-75", "Kerry Express", "| || |", "7818805283", "Bec: 2,5 kr"):
        assert not sparse_line(_line(t, 0.95)), t
    # (a line read with Greek or Cyrillic letters: the model holds a few and drops the rest)
    assert sparse_line(_line("πστλα: ρ ατατυλ", 0.83)) and sparse_line(_line("Aριθμαπστλ: 7228032491", 0.92))
    assert not sparse_line(_line("Bec: 2,5 κr", 0.92))
    short = OcrLine(":", 0.9, ((0.0, 0.0), (60.0, 0.0), (60.0, 30.0), (0.0, 30.0)), (((0.0, 0.0),) * 4,))
    assert not sparse_line(short)  # (a box under 4 heights long is not judged)
    good = [_line("Ozon", 0.92), _line("Tel.: +7 916 482-31-75", 0.98), _line("Bec: 2,5 kr", 0.92),
            _line("7818805283", 1.0)]
    assert not other_script_suspect(good)
    assert other_script_suspect(good + [_line(":   ", 0.84, 40), _line(". , . 53, . 5, . 228", 0.93, 80),
                                        _line(" :  ", 0.96, 120)])


def test_an_uncertain_reading_fills_a_line_of_punctuation_but_not_bars():
    # (a Russian name line read as ':   ' was taken for a barcode read as text and kept)
    import types

    from waybill.imaging import fail_safe_lines
    lines = [_line(":   ", 0.9), _line("| || ||| |", 0.9, 40), _line("620014, г. Екатеринбург", 0.95, 80)]
    got = fail_safe_lines(lines, {2: [(2, 6, "****")]}, [], types.SimpleNamespace(region="CN", preset="share"))
    assert got.get(0) == "unplaced", got
    assert 1 not in got and 2 not in got, got  # (the postcode's tail masked between head and town)


def test_a_bare_label_is_read_whole():
    # (a blurred Greek photo's recipient line, 'Παραλήπτης: Νίκος Παπαδάκης', read 'αλ:' in a box 10
    # heights long, was kept as a bare label and the name stood)
    import types

    from waybill.imaging import fail_safe_lines
    box = ((0.0, 0.0), (327.0, 0.0), (327.0, 33.0), (0.0, 33.0))
    half = OcrLine("αλ:", 0.83, box, tuple(split_quad(box, "αλ:")))
    whole = _line("Tel:", 0.9, 40)
    whole = OcrLine("Tel:", 0.9, ((0.0, 40.0), (60.0, 40.0), (60.0, 70.0), (0.0, 70.0)), whole.char_boxes)
    got = fail_safe_lines([half, whole], {}, [], types.SimpleNamespace(region="CN", preset="share"))
    assert got.get(0) == "unplaced" and 1 not in got, got


def test_a_number_with_a_colon_is_no_bare_label():
    # (an Arabic label's 'هاتف: 0559876543' read without its Arabic word, '0559876543 :', was kept on a
    # page no reader read: LABEL_ONLY took it for a label with nothing after it)
    import types

    from waybill import layout
    from waybill.imaging import fail_safe_lines
    assert layout.LABEL_ONLY.match("Tel:") and layout.LABEL_ONLY.match("Order No.:")
    assert not layout.LABEL_ONLY.match("0559876543 :")
    got = fail_safe_lines([_line("0559876543 :", 0.94)], {}, [], types.SimpleNamespace(region="CN", preset="share"))
    assert got.get(0) == "unplaced", got


# --------------------------------------------------------------------------- images (real engines)


RU_LINES = ["СДЭК", "Получатель: Кузнецова Мария Игоревна", "Тел.: 8 (921) 305-64-19",
            "пр-т Ленина, д. 17, корп. 2, кв. 45", "г. Екатеринбург, 620014", "",
            "Отправитель: Смирнов Алексей Петрович", "Тел.: +7 916 482-31-75", "ул. Профсоюзная, д. 43, кв. 118",
            "Москва, 117420", "", "Номер отправления: 1298374650"]
RU_GONE = ["Кузнецова", "Игоревна", "305-64", "Ленина", "Смирнов", "Петрович", "482-31", "Профсоюзная"]


@pytest.mark.ocr
def test_a_russian_label_is_masked_and_verify_can_tell(tmp_path):
    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    from waybill.cli import app
    if not (_have("rus") and os.path.exists(RU_FONT)):
        pytest.skip("needs tesseract-ocr-rus and DejaVu Sans (CI installs both)")
    from typer.testing import CliRunner
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, RU_FONT, RU_LINES, "1298374650")
    # the unmasked label: verify reads it in Russian and says what stays readable
    r = CliRunner().invoke(app, ["verify", str(src)])
    assert r.exit_code == 7, r.output
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    arr = np.asarray(Image.open(dst).convert("RGB"))
    read = " ".join(l.text for l in ocr.script_reader("Cyrillic").read(arr))
    for g in RU_GONE:
        assert g not in read, (g, read)
    # the region lines, the carrier, the parcel's number and its barcode stay
    for k in ("Екатеринбург", "Москва", "СДЭК"):
        assert k in read, (k, read)
    import zxingcpp
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(dst))] == ["1298374650"]
    r = CliRunner().invoke(app, ["verify", str(dst)])
    assert r.exit_code == 0, r.output


@pytest.mark.ocr
def test_a_russian_label_without_its_reader_is_filled(tmp_path, monkeypatch):
    # (OSD names Cyrillic; two lines read as punctuation tell it from a blurred Latin photo)
    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    if not (shutil.which("tesseract") and os.path.exists(RU_FONT)):
        pytest.skip("needs tesseract (its script detection) and DejaVu Sans (CI installs both)")
    monkeypatch.setitem(ocr._SCRIPT_READERS, "rus", None)
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, RU_FONT, RU_LINES, "1298374650")
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    assert any(r.get("detector") == "image.script_unread" and r["where"].get("script") == "Cyrillic"
               for r in rep.findings), rep.findings
    if _have("rus"):
        monkeypatch.delitem(ocr._SCRIPT_READERS, "rus")
        arr = np.asarray(Image.open(dst).convert("RGB"))
        read = " ".join(l.text for l in ocr.script_reader("Cyrillic").read(arr))
        for g in RU_GONE:
            assert g not in read, (g, read)
    import zxingcpp
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(dst))] == ["1298374650"]


# --------------------------------------------------------------------------- Greek


@pytest.mark.parametrize("line, share", [
    ("105 63 Αθήνα", "10* ** Αθήνα"),
    ("Θεσσαλονίκη, 546 21", "Θεσσαλονίκη, 54* **"),
    ("Λεωφ. Συγγρού 210, 3ος όροφος", "***** ******* ***, *** ******"),
    ("Πατησίων 45, Αθήνα 104 34", "******** **, Αθήνα 10* **"),
    ("Ερμού 25, διαμ. 5", "Ερμού 25, ***** *"),
    ("ΠΑΡΑΛΗΠΤΗΣ: ΕΛΕΝΗ ΚΩΝΣΤΑΝΤΙΝΟΥ", "ΠΑΡΑΛΗΠΤΗΣ: Ε**** Κ***********"),
    ("Αριθμός αποστολής: 7412589630", "Αριθμός αποστολής: 7412589630"),
])
def test_greek_lines(line, share):
    # (region lines of their own stood in dispose and were filled on label images; a floor after a
    # street and a street before its town and postcode stood)
    assert _mask(line) == share


@pytest.mark.parametrize("line", ["105 63 Αθήνα", "Αριθμός αποστολής: 7412589630", "ШПИ: 80081234567890",
                                  "Трек-номер: RA123456789RU", "Номер накладної: 20450123456789",
                                  "ЕН 20450123456789", "ТТН: 59000123456789"])
def test_greek_and_russian_regions_and_shipment_numbers_go_in_dispose(line):
    out = _mask(line, preset="dispose")
    assert not any(c.isdigit() for c in out) and "Αθήνα" not in out, out


def test_parcel_labels_and_carriers_of_greek_labels():
    from waybill import layout
    from waybill.imaging import _CARRIER_LOGO, _TRACKING_PREFIX
    assert layout._anchor("ΠΑΡΑΛΗΠΤΗΣ: Ελένη") and layout._anchor("Αποστολέας: Γιώργος")
    for t in ("Αριθμός αποστολής: 7412589630", "Αρ. αποστολής: 7412589630", "Βάρος: 2,5 kg", "Αριθµός αποστολής: 74"):
        assert layout.OTHER_LABEL.match(t), t
    assert _TRACKING_PREFIX.match("Αρ. αποστολής: 74").end() == len("Αρ. αποστολής: ")
    # (as Tesseract's Greek-and-English reader reads it, Latin look-alikes first)
    assert _TRACKING_PREFIX.match("Ap. αποστολής: 74").end() == len("Ap. αποστολής: ")
    for t in ("ACS Courier", "ΕΛΤΑ Courier", "Speedex", "Γενική Ταχυδρομική"):
        assert _CARRIER_LOGO.match(t), t


GR_LINES = ["ACS Courier", "Παραλήπτης: Ελένη Κωνσταντίνου", "Κιν.: 697 765 4321", "Λεωφόρος Κηφισίας 112, 3ος όροφος",
            "115 26 Αθήνα", "", "Αποστολέας: Γιώργος Παπαδόπουλος", "Τηλ.: 694 123 4567", "Οδός Ερμού 25",
            "105 63 Αθήνα", "", "Αριθμός αποστολής: 7412589630"]
GR_GONE = ["Κωνσταντίνου", "765 4321", "Κηφισίας", "όροφος", "Παπαδόπουλος", "123 4567", "Ερμού"]


@pytest.mark.ocr
def test_a_greek_label_is_masked_where_the_model_reads_half_its_letters(tmp_path):
    # (rapidocr read 'Αποστολέας: Γιώργος Παπαδόπουλος' as 'πστλα: ρ ατατυλ' at 0.83: the given name
    # stood beside masks placed by the letters it did read)
    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    if not (_have("ell") and os.path.exists(RU_FONT)):
        pytest.skip("needs tesseract-ocr-ell and DejaVu Sans (CI installs both)")
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, RU_FONT, GR_LINES, "7412589630")
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    arr = np.asarray(Image.open(dst).convert("RGB"))
    read = " ".join(l.text for l in ocr.script_reader("Greek").read(arr))
    for g in GR_GONE + ["Ελένη", "Γιώργος"]:
        assert g[1:] not in read, (g, read)
    for k in ("Αθήνα", "ACS"):
        assert k in read, (k, read)
    import zxingcpp
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(dst))] == ["7412589630"]


@pytest.mark.ocr
def test_a_greek_page_no_reader_is_sure_of_is_filled_and_verify_says_so(tmp_path, monkeypatch):
    # (a blurred Greek photo: Greek's reader read its lines at 54, Thai's at 59.5; nothing was guessed
    # and the engine's half reading placed the masks; now the page is filled as an unread one)
    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    from waybill.cli import app
    if not (_have("ell") and os.path.exists(RU_FONT)):
        pytest.skip("needs tesseract-ocr-ell and DejaVu Sans (CI installs both)")
    from typer.testing import CliRunner
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, RU_FONT, GR_LINES, "7412589630")
    monkeypatch.setattr(ocr, "guess_script", lambda strip, among=None: (None, False))
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    assert any(r.get("detector") == "image.script_unread" and r["where"].get("unsure")
               and r["where"].get("script") in ("Greek", "Cyrillic") for r in rep.findings), rep.findings
    monkeypatch.undo()
    arr = np.asarray(Image.open(dst).convert("RGB"))
    read = " ".join(l.text for l in ocr.script_reader("Greek").read(arr))
    for g in GR_GONE:
        assert g not in read, (g, read)
    monkeypatch.setattr(ocr, "guess_script", lambda strip, among=None: (None, False))
    bare = tmp_path / "bare.png"
    _label(bare, RU_FONT, [t for t in GR_LINES if "Τηλ" not in t and "Κιν" not in t])
    r = CliRunner().invoke(app, ["verify", str(bare)])
    assert r.exit_code != 0 and "with confidence" in r.output, r.output


MIX_LINES = ["Cainiao AliExpress Standard", "寄件人：王小明 13812345678", "广东省深圳市南山区科技园路18号3栋502", "",
             "Получатель: Кузнецова Мария Игоревна", "Тел.: +7 921 305-64-19", "пр-т Ленина, д. 17, кв. 45",
             "г. Екатеринбург, 620014, Россия"]


@pytest.mark.ocr
def test_a_cross_border_label_keeps_the_engines_chinese_lines(tmp_path):
    # (a Chinese sender above a Russian recipient: Tesseract's Russian reader read '寄件人：王小明' as
    # 'SFA: Е/ЛН' and the Chinese lines were filled whole; the engine reads them)
    from PIL import Image, ImageDraw, ImageFont

    from waybill import ocr
    from waybill.api import mask_file
    cjk = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    if not (_have("rus") and os.path.exists(RU_FONT) and os.path.exists(cjk)):
        pytest.skip("needs tesseract-ocr-rus, DejaVu Sans and WenQuanYi Micro Hei (CI installs them)")
    im = Image.new("L", (812, 700), 255)
    d = ImageDraw.Draw(im)
    y = 20
    for t in MIX_LINES:
        if t:
            han = any("\u4e00" <= c <= "\u9fff" for c in t)
            d.text((20, y), t, font=ImageFont.truetype(cjk if han else RU_FONT, 24), fill=0)
        y += 44 if t else 26
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    im.save(src)
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    arr = np.asarray(Image.open(dst).convert("RGB"))
    zh = "".join(l.text for l in ocr.get_engine("rapidocr").read(arr))
    ru = " ".join(l.text for l in ocr.script_reader("Cyrillic").read(arr))
    # the sender's given name, phone and street detail go; the province, city and district stay
    for g in ("小明", "1234567", "科技园路", "502"):
        assert g not in zh, (g, zh)
    assert "广东省深圳市南山区" in zh, zh  # (a line with personal data on it is filled whole on such a page)
    for g in ("Кузнецова", "Игоревна", "305-64", "Ленина"):
        assert g not in ru, (g, ru)
    assert "Екатеринбург" in ru and "Россия" in ru, ru


def test_a_russian_tracking_column_is_kept_in_share_and_goes_in_dispose():
    # (a 'Трек-номер' column's Russian Post number, 14 digits, stood in dispose)
    csv = "Получатель,Трек-номер,ШПИ\nСмирнова Анна,80081234567890,80081234567891"
    share = _mask(csv, fmt="csv")
    assert "80081234567890,80081234567891" in share and "мирнова" not in share, share
    dispose = _mask(csv, fmt="csv", preset="dispose")
    assert not any(c.isdigit() for c in dispose.splitlines()[1]), dispose


@pytest.mark.parametrize("line, gone, kept", [
    # (a cross-border parcel to Russia writes its address in Latin letters: each stood whole)
    ("Kuznetsova Mariya, ul. Lenina d. 17 kv. 45, Ekaterinburg 620014, Russia",
     ["uznetsova", "ariya", "Lenina", "17", "45", "0014"], ["Ekaterinburg 62", "Russia"]),
    ("pr-t Mira 12-34, Moskva 129090", ["Mira", "12-34"], ["Moskva"]),
    ("Kiev, vul. Khreshchatyk 22, kv. 5", ["Khreshchatyk", "22", " 5"], ["Kiev"]),
    ("Nevskiy pr., 28, kv. 5", ["Nevskiy", "28"], []),
    ("Leoforos Kifisias 112, 3os orofos", ["Kifisias", "112", "3os"], []),
])
def test_russian_and_greek_addresses_in_latin_letters(line, gone, kept):
    out = _mask(line)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


@pytest.mark.parametrize("line", ["Price per item 5", "Please ship 2 boxes", "Full refund 25", "Plaza Mayor 3 is closed"])
def test_english_words_are_no_transliterated_street(line):
    assert _mask(line) == line
