"""South-East Asian records written the way people and marketplaces write them (found by hand,
2026-12-07; no generator of ours writes them): Filipino surnames with their particle ('dela Cruz'),
Philippine lots, blocks and zones, Indonesian estates' houses and RT/RW, Indonesian and Malay
labels ('Kepada', 'Telp'), an Indonesian given name that is an Indian honorific too ('Ibu Sri
Mulyani'), and Indonesian, Vietnamese, Thai and Filipino column headers. Every value is synthetic."""
from __future__ import annotations

import io

import pytest

from waybill.api import Settings, mask_stream


def _mask(text: str, fmt: str = "txt", preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


@pytest.mark.parametrize("line, gone", [
    ("Recipient: Juan dela Cruz, 0917 123 4567", "Cruz"),
    ("Ship to: Maria Clara delos Santos", "Santos"),
    ("Consignee: Ana Dela Rosa / 0998-765-4321", "Rosa"),
    ("Tatanggap: Ana Reyes", "Reyes"),
    ("Para kay: Juan Santos", "Santos"),
    ("Kepada: Rina Wijaya", "Wijaya"),
    ("Kepada: Rina Wijaya", "Rina"),
    ("Kirim ke: Ibu Sri Mulyani, Gang Mawar No. 5", "Sri"),
])
def test_name_in_its_south_east_asian_form(line, gone):
    out = _mask(line)
    assert gone not in out, out


@pytest.mark.parametrize("line, gone, kept", [
    ("Blk 5 Lot 12, Brgy. San Isidro, Quezon City 1100", "Lot 12", "Quezon City"),
    ("Unit 3B Tower 2, Avida Residences, 123 Katipunan Ave., Quezon City", "3B", "Quezon City"),
    ("Purok 3, Barangay Poblacion, Tagum City, Davao del Norte 8100", "Purok 3", "Tagum City"),
    ("Lot 7 Blk 14 Phase 2, Camella Homes, Bacoor, Cavite 4102", "Lot 7", "Bacoor"),
    ("Perum Griya Asri Blok C3 No. 7, RT 04/RW 09, Cibinong, Bogor 16911", "No. 7", "Bogor"),
    ("Perum Griya Asri Blok C3 No. 7, RT 04/RW 09, Cibinong, Bogor 16911", "RW 09", "Bogor"),
])
def test_house_of_a_philippine_or_indonesian_address(line, gone, kept):
    out = _mask(line)
    assert gone not in out and kept in out, out


def test_indonesian_phone_label_is_no_name():
    out = _mask("Telp: (022) 7654321")
    assert out.startswith("Telp: ") and "7654321" not in out, out


def test_sri_alone_is_still_an_honorific():
    out = _mask("Hand over to Sri Venkatesh")
    assert "Sri " in out and "Venkatesh" not in out, out


def test_indonesian_export_by_its_headers():
    csv = ("Nama Penerima,No. HP,Alamat Lengkap,Kecamatan,Kota,Kode Pos,No. Resi\n"
           "Dewi Lestari,+62 813-9876-5432,Perum Griya Asri Blok C3 No. 7,Cibinong,Bogor,16911,JP9876543210")
    head, row = _mask(csv, "csv").splitlines()
    assert head == csv.splitlines()[0]
    cells = row.split(",")
    assert "Lestari" not in row and "9876-5432" not in row and "No. 7" not in row, row
    assert cells[3:5] == ["Cibinong", "Bogor"] and cells[5].startswith("169") and "16911" not in row, row
    assert cells[6] == "JP9876543210", row
    gone = _mask(csv, "csv", "dispose").splitlines()[1]
    assert "JP9876543210" not in gone and "Bogor" not in gone, gone


def test_thai_export_by_its_headers():
    csv = ("ชื่อผู้รับ,เบอร์โทร,ที่อยู่,รหัสไปรษณีย์,เลขพัสดุ\n"
           "สมหญิง รักดี,0891234567,99/12 ซอยลาดพร้าว 15 แขวงจอมพล เขตจตุจักร กรุงเทพฯ,10900,TH0123456789A")
    head, row = _mask(csv, "csv").splitlines()
    # (the header was read as data: its recipient's label masked as a name, and the bare mobile
    # under 'เบอร์โทร' stood whole)
    assert head == csv.splitlines()[0], head
    assert "0891234567" not in row and "234" not in row.split(",")[1] and "รักดี" not in row, row
    assert "99/12" not in row, row
    assert _mask(csv, "csv", "dispose").splitlines()[1].split(",")[-1] != "TH0123456789A"


@pytest.mark.parametrize("label", ["ชื่อผู้รับ", "เบอร์โทร", "ชื่อ-นามสกุล"])
def test_thai_label_alone_is_no_name(label):
    assert _mask(label) == label


def test_vietnamese_export_keeps_its_ward_and_numbered_district():
    csv = ("Họ tên người nhận,Số điện thoại,Địa chỉ,Phường/Xã,Quận/Huyện,Tỉnh/Thành phố,Mã vận đơn\n"
           "Lê Minh Tuấn,+84 903 123 456,Số 45 Ngõ 12 Phố Đội Cấn,Phường Tân Hưng,Quận 7,TP. Hồ Chí Minh,GHN7XK9Q2")
    row = _mask(csv, "csv").splitlines()[1]
    cells = row.split(",")
    assert "Tuấn" not in row and "123 4" not in row and "Số 45" not in row, row
    # (the ward was masked as a name, 'Quận 7' as a street)
    assert cells[3:6] == ["Phường Tân Hưng", "Quận 7", "TP. Hồ Chí Minh"], row
    assert cells[6] == "GHN7XK9Q2", row


@pytest.mark.parametrize("line, gone", [
    ("So 45 Ngo 12 Pho Doi Can", "Doi Can"),
    ("Hẻm 123/4 Lê Văn Sỹ", "123/4"),
    ("Kiet 7 Hoang Dieu, Da Nang", "Hoang"),
    ("Ngo 5 Tran Hung Dao", "Ngo 5"),
    ("Nguoi nhan: Tran Thi Bich Ngoc", "Ngoc"),
    ("Ho ten: Tran Thi Bich Ngoc", "Bich"),
])
def test_vietnamese_street_and_name_without_ward_or_marks(line, gone):
    out = _mask(line)
    assert gone not in out, out


@pytest.mark.parametrize("line", ["So 45 of them came", "So 3 boxes arrived today"])
def test_english_so_and_a_number_is_no_house(line):
    assert _mask(line) == line


_VN_LABEL = """^XA
^CI28
^FO20,20^A0N,30,30^FDGHN Express^FS
^FO20,70^A0N,24,24^FD{to}: Tran Thi Bich Ngoc^FS
^FO20,100^A0N,24,24^FDSo 45 Ngo 12 Pho Doi Can^FS
^FO20,130^A0N,24,24^FDBa Dinh, Ha Noi^FS
^FO20,160^A0N,24,24^FD0912 345 678^FS
^FO20,220^A0N,24,24^FD{frm}: Le Minh Tuan^FS
^FO20,250^A0N,24,24^FDShop Hoa Mai, 23 Nguyen Huu Tho^FS
^FO20,440^BY2^BCN,80,Y,N,N^FDGHN7XK9Q2^FS
^XZ
"""


@pytest.mark.parametrize("to, frm", [("Nguoi nhan", "Nguoi gui"), ("Người nhận", "Người gửi")])
def test_vietnamese_label_blocks(to, frm):
    out = _mask(_VN_LABEL.format(to=to, frm=frm), "zpl")
    for gone in ("Ngoc", "Doi Can", "345 6", "Tuan", "Huu Tho"):
        assert gone not in out, (gone, out)
    assert "^FDGHN7XK9Q2^FS" in out and "GHN Express" in out


@pytest.mark.parametrize("line, gone", [
    ("Zalo: 0912345678", "2345"),
    ("Zalo 0912 345 678", "345"),
    ("IMO: 0912345678", "2345"),
    ("Messenger: 0912345678", "2345"),
])
def test_number_after_a_messengers_name(line, gone):
    out = _mask(line)
    assert gone not in out and out.split()[0] == line.split()[0], out


def _vn_label_png(path, accents: bool) -> None:
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    lines = (["GHN Express", "Người nhận: Trần Thị Bích Ngọc", "Số 45 Ngõ 12 Phố Đội Cấn", "Ba Đình, Hà Nội",
              "SĐT: 0912 345 678", "", "Người gửi: Lê Minh Tuấn", "Shop Hoa Mai, 23 Nguyễn Hữu Thọ", "Quận 7, TP HCM", "",
              "Mã vận đơn: GHN7XK9Q2"] if accents else
             ["GHN Express", "Nguoi nhan: Tran Thi Bich Ngoc", "So 45 Ngo 12 Pho Doi Can", "Ba Dinh, Ha Noi",
              "SDT: 0912 345 678", "", "Nguoi gui: Le Minh Tuan", "Shop Hoa Mai, 23 Nguyen Huu Tho", "Quan 7, TP HCM", "",
              "Ma van don: GHN7XK9Q2"])
    im = Image.new("L", (812, 640), 255)
    d = ImageDraw.Draw(im)
    y = 30
    for t in lines:
        if t:
            d.text((30, y), t, font=font, fill=0)
        y += 44 if t else 30
    im.save(path)


@pytest.mark.ocr
@pytest.mark.parametrize("accents", [True, False])
def test_vietnamese_label_image(tmp_path, accents):
    # (rapidocr reads 'Người nhận' as 'Ngưi nhn' and 'Tuấn' as 'Tun': the anchors stood unread, and
    # a kept initial's box took the next letter; the whole block stood; found by hand, 2026-12-07)
    import numpy as np
    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    src, dst = tmp_path / "vn.png", tmp_path / "out" / "vn.png"
    _vn_label_png(src, accents)
    mask_file(src, dst, Settings())
    text = " ".join(x.text for x in ocr.get_engine("rapidocr").read(np.asarray(Image.open(dst).convert("RGB"))))
    for gone in ("Bich", "Bích", "Ngoc", "Minh", "Hoa Mai", "Doi Can", "345 6"):
        assert gone not in text, (gone, text)
    assert "GHN7XK9Q2" in text and "GHN Express" in text, text


def test_dispose_takes_a_barcodes_value_of_letters_only():
    # ('GHNNPYNACFBN' under its barcode and after 'Mã vận đơn' stood in dispose: no number to see)
    zpl = ("^XA\n^CI28\n^FO20,440^A0N,26,26^FDMã vận đơn: GHNNPYNACFBN^FS\n^FO309,638^A0N,26,26^FDGHNNPYNACFBN^FS\n"
           "^FO119,484^BY3^BCN,150,N,N,N^FDGHNNPYNACFBN^FS\n^XZ")
    assert "GHNNPYNACFBN" not in _mask(zpl, "zpl", "dispose")
    assert _mask(zpl, "zpl").count("GHNNPYNACFBN") == 3


_REGION_LABEL = """^XA
^CI28
^FO20,70^A0N,24,24^FD{anchor}^FS
^FO20,100^A0N,24,24^FD{name}^FS
^FO20,130^A0N,24,24^FD{street}^FS
^FO20,160^A0N,24,24^FD{region}^FS
^FO20,190^A0N,24,24^FD{more}^FS
^XZ
"""


@pytest.mark.parametrize("anchor, name, street, region, more, kept, gone", [
    ("Người nhận: Trần Thị Bích Ngọc", "SĐT: 0912 345 678", "Số 45 Ngõ 12 Phố Đội Cấn",
     "Phường Liễu Giai, Quận Ba Đình, Hà Nội", "Mã vận đơn: GHN7XK9Q2",
     ["Phường Liễu Giai, Quận Ba Đình, Hà Nội", "GHN7XK9Q2"], ["Đội Cấn", "Ngọc", "345 6"]),
    ("Penerima:", "Rina Wijaya", "Jl. Merdeka No. 10, RT 02/RW 05", "Kec. Sukasari, Bandung", "Jawa Barat 40162",
     ["Kec. Sukasari, Bandung", "Jawa Barat 401"], ["Wijaya", "Merdeka", "40162"]),
])
def test_region_lines_of_a_south_east_asian_label_are_kept(anchor, name, street, region, more, kept, gone):
    # (masked whole as the block's address before: label_gen vn_ghn / id_jnt)
    out = _mask(_REGION_LABEL.format(anchor=anchor, name=name, street=street, region=region, more=more), "zpl")
    for k in kept:
        assert k in out, (k, out)
    for g in gone:
        assert g not in out, (g, out)


@pytest.mark.ocr
def test_vietnamese_label_image_with_a_barcode_in_dispose(tmp_path):
    # (an IndexError: the widening of partly masked words ran over the codes' payload fields)
    import zxingcpp
    from PIL import Image

    from waybill.api import mask_file
    src, dst = tmp_path / "vn.png", tmp_path / "out" / "vn.png"
    _vn_label_png(src, True)
    im = Image.open(src)
    from waybill.generators.labels import _barcode
    im.paste(_barcode("GHN7XK9Q2", "Code128", scale=3, height=100), (60, 530))
    im.save(src)
    rep = mask_file(src, dst, Settings(preset="dispose"))
    assert dst.exists(), rep
    assert not zxingcpp.read_barcodes(Image.open(dst))


def test_whole_words_on_a_vietnamese_reading():
    from waybill.imaging import _whole_words
    # (a kept initial's word and a dropped letter between two masked words: 'V' of 'Vũ', 'S' of 'Số')
    assert _whole_words("Ngưi gi: V Thanh Hi", [(12, 16, "****"), (18, 19, "*"), (9, 19, "*" * 10)]) == [(9, 19, "*" * 10)]
    assert _whole_words("S 74 Ngõ 16 Ph Kim Mã", [(0, 1, "*"), (2, 4, "**"), (5, 8, "***")]) == [(0, 8, "* ** ***")]
    assert _whole_words("Tun 5", [(1, 3, "**")]) == [(0, 3, "***")]
    assert _whole_words("SĐT: 091 234", [(5, 8, "***")]) == [(5, 8, "***")]


@pytest.mark.parametrize("line, gone, kept", [
    ("SDT: 097 548 3489", "548", "SDT: "),
    ("Perum Griya Permai Blok A8 No, 17, RT 03/RW 07", "No, 17", "Perum"),
])
def test_vietnamese_phone_label_typed_plain_and_a_house_number_read_with_a_comma(line, gone, kept):
    out = _mask(line)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("text", [
    # (a Vietnamese street without its kind word: 'Mang' is a Filipino honorific, so 'Thang Tam' was
    # masked as a name with its initials kept, and as a line of its own the house number and the
    # first words stood; label_gen vn_ghn, seed 85300)
    "Nguoi nhan: Bui Thu Chi\nSDT: 095 429 6262\n388 Cach Mang Thang Tam\nPhuong Tan Dinh, Quan 1, TP. Ho Chi Minh",
    "388 Cach Mang Thang Tam, Phuong Tan Dinh, Quan 1",
])
def test_a_vietnamese_street_without_its_kind_word(text):
    out = _mask(text)
    assert "388" not in out and "Cach" not in out and "Thang" not in out and "Tam" not in out, out


def test_a_filipino_honorific_still_takes_its_name():
    out = _mask("Deliver to Mang Tomas, 12 Rizal St")
    assert "Tomas" not in out and out.startswith("Deliver to Mang T"), out
