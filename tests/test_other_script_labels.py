"""Labels in scripts rapidocr's bundled model does not read (found by hand, 2026-12-07): a Thai
and a Korean label image kept every name and address line in ``share`` (rapidocr read them as Latin
or Chinese look-alikes, or as nothing; only the phones' digits were masked) and ``waybill verify``
called both outputs clean. Such a page is now read again, line by line, by Tesseract in the script
it is written in (``imaging.read_other_script``), and masked as an uncertain reading is. Thai street
lines on a line of their own stood in text too, and Thai region lines in ``dispose``.
Every value is synthetic."""
from __future__ import annotations

import io
import shutil
import subprocess

import numpy as np
import pytest

from waybill.api import Settings, mask_stream
from waybill.ocr import OcrLine, split_quad

TH_FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
KR_FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"


def _mask(text: str, fmt: str = "txt", preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("line, gone, kept", [
    ("99/12 หมู่ 4 ซอยสุขุมวิท 31", ["99/12", "ซอยสุขุมวิท", "31"], []),
    ("55 ถนนนิมมานเหมินท์ ตำบลสุเทพ", ["55", "นิมมาน"], ["ตำบลสุเทพ"]),
    ("บ้านเลขที่ 12 หมู่ที่ 3", ["12", " 3"], []),
    ("อาคารสาทรซิตี้ ชั้น 12 ห้อง 1204", ["สาทร", "1204"], []),
])
def test_thai_street_line_of_its_own(line, gone, kept):
    # ('หมู่ 4' was missed as a unit too: the pattern asked for 'หมู่ที')
    out = _mask(line)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


@pytest.mark.parametrize("line", ["สินค้า 5 ชิ้น", "แขวงคลองเตยเหนือ เขตวัฒนา", "นนทบุรี 11120",
                                  "ตำบลบางพูด อำเภอปากเกร็ด", "เลขพัสดุ: KEX1234567890"])
def test_thai_region_and_parcel_lines_stay_in_share(line):
    assert _mask(line) == line


@pytest.mark.parametrize("line", ["แขวงคลองเตยเหนือ เขตวัฒนา", "นนทบุรี 11120", "อำเภอเมือง เชียงใหม่ 50200",
                                  "กรุงเทพมหานคร 10110"])
def test_thai_region_lines_go_in_dispose(line):
    out = _mask(line, preset="dispose")
    assert not any("\u0e01" <= c <= "\u0e4f" or c.isdigit() for c in out), out


# --------------------------------------------------------------------------- pieces


def _line(text: str, score: float, y: int = 0) -> OcrLine:
    box = ((0.0, y), (300.0, y), (300.0, y + 30.0), (0.0, y + 30.0))
    return OcrLine(text, score, box, tuple(split_quad(box, text)))


def test_a_reading_that_looks_like_another_script():
    from waybill.imaging import other_script_suspect
    good = [_line("Kerry Express", 1.0), _line("081-234-5678", 0.99), _line("Tracking: KEX1", 0.98)]
    assert not other_script_suspect(good)
    assert not other_script_suspect(good + [_line("TONNJ: OSO", 0.52)])
    assert other_script_suspect(good + [_line("TONNJ: OSO", 0.52), _line("nvauya Bnn", 0.41),
                                        _line("TaNSu: SlaSSO", 0.48)])
    # (boxes the engine read as nothing count as poor lines, and lines read as one character: a
    # Korean label's name lines read as '：', its other lines as Chinese at 0.85-0.95)
    assert other_script_suspect(good, dropped=3)
    assert other_script_suspect(good + [_line("：", 0.6), _line("：", 0.51), _line("120号 2002享", 0.85)], dropped=2)
    assert other_script_suspect([])


def test_thai_clusters_are_joined_where_the_ink_has_no_gap():
    from waybill.ocr import _join_words
    # Tesseract's words of 'ผู้รับ: สมชาย ใจดี' (a mark alone, clusters 0-5 px apart, the spaces 11-14)
    words = [("ผู", 90, (0, 0, 20, 40)), ("้", 90, (19, 0, 5, 40)), ("รับ", 90, (24, 10, 30, 14)),
             (":", 90, (55, 10, 4, 14)), ("สม", 90, (73, 10, 24, 14)), ("ชาย", 90, (99, 10, 34, 14)),
             ("ใจ", 90, (145, 10, 20, 14)), ("ดี", 90, (168, 0, 14, 24))]
    assert _join_words(words)[0] == "ผู้รับ: สมชาย ใจดี"
    # (Chinese characters without spaces, Latin words with one, as before)
    assert _join_words([("收", 90, (0, 0, 20, 20)), ("件", 90, (22, 0, 20, 20)), ("Tom", 90, (60, 0, 30, 20)),
                        ("Lee", 90, (95, 0, 30, 20))])[0] == "收件 Tom Lee"


@pytest.mark.parametrize("tess, engine, want", [
    # (Tesseract read the tracking number's 'KEX' as '๕ %': the labelled copy was filled)
    ("เลขพัสดุ: ๕ %1584045751", "la1q: KEX1584045751", "เลขพัสดุ: KEX1584045751"),
    ("โท : ร 062-206-1198 ge", "In5 062-206-1198", "โท : ร 062-206-1198"),
    ("นนทบุรี 11120", "a 11120", "นนทบุรี 11120"),
    ("ชื่อผู้รับ: สมชาย", "xy,", "ชื่อผู้รับ: สมชาย"),  # (no number at the end: Tesseract's alone)
])
def test_a_number_ending_a_line_is_the_engines_reading(tess, engine, want):
    import re

    from waybill.imaging import _spliced
    got = _spliced(_line(tess, 0.9), _line(engine, 0.95), re.compile("[\u0e01-\u0e4f]"))
    assert got.text == want and len(got.char_boxes) == len(want)


def test_parcel_labels_and_anchors_of_thai_and_korean_labels():
    from waybill import layout
    from waybill.imaging import _CARRIER_LOGO, _TRACKING_PREFIX
    assert layout._anchor("ชื่อผู้รับ: วิไลวรรณ วงศ์สวัสดิ์") and layout._anchor("ชื่อผู้ส่ง: อรุณี ศรีสุข")
    for t in ("เลขพัสดุ: EF5807302157", "น้ำหนัก: 3.5 kg", "운송장번호: 5807-3021-5736", "중량: 3.0 kg"):
        assert layout.OTHER_LABEL.match(t), t
    assert _TRACKING_PREFIX.match("เลขพัสดุ : EF5807302157").end() == len("เลขพัสดุ : ")
    assert _TRACKING_PREFIX.match("운송장번호 5807").end() == len("운송장번호 ")
    assert _CARRIER_LOGO.match("한진택배") and _CARRIER_LOGO.match("CJ대한통운")
    assert not _CARRIER_LOGO.match("김민준")


def test_an_uncertain_readings_thai_region_line_is_kept_in_share():
    import types

    from waybill.imaging import fail_safe_lines
    lines = [_line("ตำบลบางพูด อำเภอปากเกร็ด", 0.94), _line("นนทบุรี 11120", 0.94, 40),
             _line("161/26 ซอยลาดพร้าว 113", 0.94, 80)]
    got = fail_safe_lines(lines, {}, [], types.SimpleNamespace(region="CN", preset="share"))
    assert 0 not in got and 1 not in got, got
    assert got[2] == "unplaced"
    got = fail_safe_lines(lines, {}, [], types.SimpleNamespace(region="CN", preset="dispose"))
    assert got[0] and got[1], got


# --------------------------------------------------------------------------- images (real engines)


def _have(lang: str) -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return lang in out


def _label(path, font_path: str, lines: list[str], code: str | None = None) -> None:
    from PIL import Image, ImageDraw, ImageFont

    from waybill.generators.labels import _barcode
    font, big = ImageFont.truetype(font_path, 26), ImageFont.truetype(font_path, 34)
    im = Image.new("L", (812, 900), 255)
    d = ImageDraw.Draw(im)
    y = 30
    for i, t in enumerate(lines):
        if t:
            d.text((30, y), t, font=big if i == 0 else font, fill=0)
        y += 48 if t else 30
    if code:
        im.paste(_barcode(code, "Code128", scale=3, height=100), (120, y + 20))
        d.text((250, y + 130), code, font=font, fill=0)
    im.save(path)


TH_LINES = ["Kerry Express", "ผู้รับ: สมชาย ใจดี", "โทร 081-234-5678", "99/12 หมู่ 4 ซอยสุขุมวิท 31",
            "แขวงคลองเตยเหนือ เขตวัฒนา", "กรุงเทพมหานคร 10110", "", "ผู้ส่ง: วิไลวรรณ ศรีสุข",
            "โทร 089-876-5432", "55 ถนนนิมมานเหมินท์ ตำบลสุเทพ", "อำเภอเมือง เชียงใหม่ 50200", "",
            "เลขพัสดุ: KEX1234567890"]
KR_LINES = ["CJ대한통운", "받는 분: 김민준", "010-1234-5678", "서울특별시 강남구 테헤란로 123", "한국빌딩 5층 502호",
            "06234", "", "보내는 분: 이서연", "010-9876-5432", "부산광역시 해운대구 우동 456-7", "",
            "운송장번호: 6012-3456-7890"]
CASES = [
    ("Thai", "tha", TH_FONT, TH_LINES, "KEX1234567890",
     ["สมชาย", "ใจดี", "234-5678", "สุขุมวิท", "วิไลวรรณ", "ศรีสุข", "876-5432", "นิมมาน"]),
    ("Korean", "kor", KR_FONT, KR_LINES, "601234567890",
     ["민준", "1234-5678", "테헤란로", "502호", "서연", "9876-5432", "우동"]),
]


@pytest.mark.ocr
@pytest.mark.parametrize("script, lang, font, lines, code, gone", CASES, ids=["thai", "korean"])
def test_a_label_in_another_script_is_masked_and_verify_can_tell(tmp_path, script, lang, font, lines, code, gone):
    import os

    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    from waybill.cli import app
    if not (_have(lang) and os.path.exists(font)):
        pytest.skip(f"needs tesseract-ocr-{lang} and its font (CI installs both)")
    from typer.testing import CliRunner
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, font, lines, code)
    # the unmasked label: verify reads it in its own script and says what stays readable
    r = CliRunner().invoke(app, ["verify", str(src)])
    assert r.exit_code == 7, r.output
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    arr = np.asarray(Image.open(dst).convert("RGB"))
    read = " ".join(l.text for l in ocr.script_reader(script).read(arr)).replace(" ", "")
    for g in gone:
        assert g.replace(" ", "") not in read, (g, read)
    # the parcel stays deliverable: its barcode and the number printed under it
    import zxingcpp
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(dst))] == [code]
    assert code in "".join(l.text for l in ocr.get_engine("rapidocr").read(arr)).replace("-", "")
    r = CliRunner().invoke(app, ["verify", str(dst)])
    assert r.exit_code == 0, r.output


@pytest.mark.ocr
def test_the_script_is_guessed_from_the_lines_read_poorly():
    import os

    from PIL import Image, ImageDraw, ImageFont

    from waybill.ocr import guess_script, line_strip
    if not (_have("tha") and _have("kor") and os.path.exists(TH_FONT) and os.path.exists(KR_FONT)):
        pytest.skip("needs tesseract-ocr-tha, tesseract-ocr-kor and their fonts (CI installs them)")

    def strip(font_path, lines):
        font = ImageFont.truetype(font_path, 28)
        im = Image.new("L", (700, 60 * len(lines)), 255)
        d = ImageDraw.Draw(im)
        for i, t in enumerate(lines):
            d.text((20, 10 + 60 * i), t, font=font, fill=0)
        quads = [((15, 5 + 60 * i), (680, 5 + 60 * i), (680, 55 + 60 * i), (15, 55 + 60 * i)) for i in range(len(lines))]
        return line_strip(np.asarray(im), quads)
    assert guess_script(strip(TH_FONT, TH_LINES[1:5])) == ("Thai", True)
    assert guess_script(strip(KR_FONT, KR_LINES[1:5])) == ("Korean", True)
    latin = strip("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                  ["Ship to: Mary Smith", "12 Main Street", "Springfield, IL 62704"])
    assert guess_script(latin) == (None, False)
    # (upside down, as a second label in a photo lies: Thai's reader read such a strip at 73.5)
    assert guess_script(np.ascontiguousarray(latin[::-1, ::-1])) == (None, False)


@pytest.mark.ocr
def test_a_script_without_its_reader_is_filled_and_verify_says_so(tmp_path, monkeypatch):
    # (a depot machine without tesseract-ocr-tha: the label is filled as an uncertain reading is,
    # every unread piece of ink too, the parcel's barcode and number kept; verify cannot call it clean)
    import os

    from PIL import Image

    from waybill import ocr
    from waybill.api import mask_file
    from waybill.cli import app
    if not (shutil.which("tesseract") and os.path.exists(TH_FONT)):
        pytest.skip("needs tesseract (its script detection) and a Thai font (CI installs both)")
    from typer.testing import CliRunner
    monkeypatch.setitem(ocr._SCRIPT_READERS, "tha", None)
    src, dst = tmp_path / "label.png", tmp_path / "out" / "label.png"
    _label(src, TH_FONT, TH_LINES, "KEX1234567890")
    rep = mask_file(src, dst, Settings())
    assert dst.exists(), rep
    assert any(r.get("detector") == "image.script_unread" and r["where"].get("script") == "Thai"
               for r in rep.findings), rep.findings
    # nothing Thai is left to read (the real reader, installed here, reads the output)
    if _have("tha"):
        monkeypatch.delitem(ocr._SCRIPT_READERS, "tha")
        arr = np.asarray(Image.open(dst).convert("RGB"))
        read = "".join(l.text for l in ocr.script_reader("Thai").read(arr)).replace(" ", "")
        for g in ("สมชาย", "สุขุมวิท", "วิไลวรรณ", "นิมมาน", "234-5678"):
            assert g not in read, (g, read)
        monkeypatch.setitem(ocr._SCRIPT_READERS, "tha", None)
    import zxingcpp
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(dst))] == ["KEX1234567890"]
    r = CliRunner().invoke(app, ["verify", str(src)])
    assert r.exit_code == 7, r.output  # (the phones' digits, which every reader reads)
    bare = tmp_path / "bare.png"
    _label(bare, TH_FONT, [t for t in TH_LINES if "โทร" not in t])
    r = CliRunner().invoke(app, ["verify", str(bare)])
    assert r.exit_code != 0 and "Thai" in r.output, r.output


@pytest.mark.ocr
def test_lines_are_read_along_their_own_quads():
    import math
    import os

    from PIL import Image, ImageDraw, ImageFont

    from waybill.ocr import script_reader
    if not (_have("tha") and os.path.exists(TH_FONT)):
        pytest.skip("needs tesseract-ocr-tha and a Thai font (CI installs both)")
    im = Image.new("L", (900, 500), 255)
    ImageDraw.Draw(im).text((60, 200), "99/12 หมู่ 4 ซอยสุขุมวิท 31", font=ImageFont.truetype(TH_FONT, 34), fill=0)
    a = 12.0
    tilted = im.rotate(a, resample=Image.BICUBIC, center=(60, 220), fillcolor=255)
    # the line's quad in the tilted image (corners turned about the same centre)
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))

    def turn(x, y):
        return (60 + (x - 60) * c + (y - 220) * s, 220 - (x - 60) * s + (y - 220) * c)
    quad = (turn(55, 195), turn(520, 195), turn(520, 250), turn(55, 250))
    got = script_reader("Thai").read_boxes(np.asarray(tilted), [quad])
    assert got[0] is not None and "สุขุมวิท" in got[0].text.replace(" ", ""), got
    # its characters' boxes lie on the tilted line, not level with its first corner
    xs = [np.mean([p[0] for p in b]) for b in got[0].char_boxes]
    ys = [np.mean([p[1] for p in b]) for b in got[0].char_boxes]
    assert ys[-1] < ys[0] - 40 and xs[-1] > xs[0] + 300, (xs, ys)


@pytest.mark.parametrize("line, region", [
    ("서울특별시강남구테헤란로 76", "서울특별시강남구"),
    ("경기도성남시분당구판교역로 235", "경기도성남시분당구"),
    ("부산광역시해운대구 해운대로 123", "부산광역시해운대구"),
])
def test_a_korean_region_read_without_spaces_is_kept(line, region):
    # (Tesseract reads a Korean label's region and road as one word: the road pattern took it whole and
    # the region was filled with the street; 2026-12-07 evening)
    out = _mask(line)
    assert out.startswith(region) and not any(c.isdigit() for c in out), out


@pytest.mark.parametrize("line", ["대구광역시 수성구 달구벌대로 180", "인천광역시 연수구 컨벤시아대로 358"])
def test_a_road_that_starts_like_a_district_is_the_road(line):
    # (with the region's parts glued allowed, '달구' and '컨벤시' were read as districts and the rest of
    # the road's name shown: label_holdout seed 32200, kr_cj)
    out = _mask(line)
    road = line.split()[2]
    assert out.startswith(" ".join(line.split()[:2])) and road[1:] not in out and not any(c.isdigit() for c in out), out
