"""An OCR engine whose reading is uncertain (Tesseract) fails safe (issue 11, item 9): every line
the layout cannot place with certainty as non-personal is filled whole and audited as
``ocr.uncertain_line.<why>``. Fast tests use the fake engine marked ``fail_safe``; one test runs the
real Tesseract on a generated label (marked ``ocr``). All data is synthetic."""
import json
import types

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from waybill import imaging
from waybill import ocr as ocrmod
from waybill.cli import app
from waybill.ocr import FakeEngine, OcrLine, split_quad

runner = CliRunner()


def line(text, x, y, w, h, score=0.95):
    box = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return OcrLine(text, score, box, tuple(split_quad(box, text)))


@pytest.fixture
def fake(use_engine):
    eng = FakeEngine()
    eng.fail_safe = True  # read like Tesseract: uncertain
    return use_engine(eng)


def dark(img, box) -> float:
    a = np.asarray(img.convert("L").crop(box), dtype=float)
    return float((a < 60).mean())


def code(payload, fmt="Code128"):
    return (types.SimpleNamespace(bytes=payload.encode(), text=payload, format=f"BarcodeFormat.{fmt}"), None)


TRACK = "YT6592095821028"


@pytest.mark.parametrize("text,changes,score,why", [
    (TRACK, (), 0.9, None),                                  # the barcode's number
    ("运单号：" + TRACK, (), 0.9, None),                       # after its own label
    ("YT6592O95821028", (), 0.3, None),                      # one misread character, low confidence
    ("T659209582108", (), 0.9, None),                        # first letter and a digit dropped
    ("YT6592095829999", (), 0.9, "unplaced"),                 # three digits off: not the barcode's number
    ("13812345678", (), 0.9, "unplaced"),                     # a phone is no tracking number
    ("客服热线 95338", (), 0.9, None),
    ("2026-03-01 12:30", (), 0.9, None),
    ("5-6-30 12:30", (), 0.9, None),                          # a date with a 2-digit year
    ("5-6-302", (), 0.9, "unplaced"),                         # building 5, unit 6, room 302: no date
    ("GSTIN:338E0PG6675C1ZY", (), 0.9, "unplaced"),           # a misread GSTIN (its owner's PAN) after its label
    ("GSTIN:", (), 0.9, None),                                # the label alone
    ("930:939:2439", (), 0.9, "unplaced"),                    # a blurred phone's dashes read as colons: no time
    ("Printed 23:59", (), 0.9, "unplaced"),                   # (a word before the time: not a bare stamp)
    ("09:30", (), 0.9, None),                                # a time
    ("收件人：", (), 0.9, None),
    ("中通快递", (), 0.9, None),
    ("CHINA", (), 0.9, None),
    ("376-43 A3", (), 0.9, None),                            # a sort code
    ("|| |l| I|| ||", (), 0.3, None),                         # bar strokes read as text
    ("YT6592O95821028", ((6, 15, "*"),), 0.9, None),          # the layout's "phone" in it is dropped
    ("重量: 1.2kg", (), 0.9, None),
    ("备注: 王小明家门口", (), 0.9, "unplaced"),                 # a parcel label, but a name after it
    ("殳娜琪", (), 0.9, "unplaced"),                            # nothing found: not known to be print
    ("UST QURIH", (), 0.9, "unplaced"),                       # a misread name
    ("客服热线 95338", (), 0.3, "low_confidence"),
    ("广东省深圳市南山区科技园路1号", ((9, 15, "*"),), 0.9, None),  # region first, the detail masked
    ("科技园路1号广东省深圳市南山区", ((0, 6, "*"),), 0.9, "personal"),  # region after a masked part
    ("王小明 13812345678", ((1, 3, "*"), (4, 11, "*")), 0.9, "personal"),  # share's partial: whole
    ("AUSTIN, TX 78701", ((14, 16, "*"),), 0.9, None),        # city/state/ZIP3
    ("JANE DOE AUSTIN, TX 78701", ((0, 8, "*"), (23, 25, "*")), 0.9, "personal"),
    ("王小明", ((0, 3, "*"),), 0.9, "personal"),                # masked to the end: the whole box
])
def test_fail_safe_lines(text, changes, score, why):
    pol = types.SimpleNamespace(region="CN", preset="share")
    got = imaging.fail_safe_lines([line(text, 0, 0, 300, 24, score)], {0: changes} if changes else {},
                                  [code(TRACK)], pol)
    assert got.get(0) == why


def test_fake_fail_safe_label(tmp_path, fake):
    from waybill.generators.labels import _barcode
    img = Image.new("RGB", (700, 420), "white")
    bc = _barcode(TRACK, "Code128", scale=2, height=80)
    img.paste(bc.convert("RGB").crop((0, 0, 330, 85)), (20, 5))
    fake.lines[:] = [
        line(TRACK, 20, 100, 300, 24),
        line("收件人：", 20, 150, 80, 24),
        line("殳娜琪", 20, 190, 60, 24, score=0.8),             # a name nothing recognises
        line("浙江省杭州市西湖区文三路100号", 20, 225, 300, 24),
        line("UST QURIH", 20, 300, 150, 24),                   # a misread line outside any block
        line("客服热线 95338", 20, 360, 200, 24),
    ]
    p = tmp_path / "a.png"
    img.save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    assert r.exit_code == 0, r.stderr
    o = Image.open(tmp_path / "o" / "a.png")
    assert dark(o, (22, 102, 318, 122)) < 0.05   # tracking text kept
    assert dark(o, (22, 152, 98, 172)) < 0.05    # the anchor kept
    assert dark(o, (22, 192, 78, 212)) > 0.95    # the name filled whole
    assert dark(o, (22, 302, 168, 322)) > 0.95   # the unplaced line filled whole
    assert dark(o, (22, 362, 218, 382)) < 0.05   # the hotline kept
    b = fake.lines[3].char_boxes
    assert dark(o, (22, 231, int(b[8][1][0]) - 4, 245)) < 0.05   # the region kept
    assert dark(o, (int(b[10][0][0]), 227, 318, 247)) > 0.95      # the detail filled
    rec = json.loads((tmp_path / "o" / "audit.jsonl").read_text())
    dets = [f["detector"] for f in rec["findings"] if f["type"] == "uncertain_text"]
    assert "ocr.uncertain_line.unplaced" in dets
    assert all(f["method"] == "redact" for f in rec["findings"] if f["type"] == "uncertain_text")
    assert "殳娜琪" not in json.dumps(rec, ensure_ascii=False)


@pytest.mark.parametrize("blur", [0.0, 10.0])
def test_motion_blurred_photo_fills_all_unread_ink(tmp_path, use_engine, monkeypatch, blur):
    """On a photo blurred by motion the reading is not to be trusted: every piece of text-like ink
    that no line covers is filled, not only what lies beside a personal line (stress labels seeds
    122000 and 123000, cn_std motion photos: the stub's name, phone and address, far from the
    lines read, stood). A sharp photo keeps unread ink away from personal lines."""
    eng = use_engine(FakeEngine())
    monkeypatch.setattr(imaging, "motion_blur", lambda arr: blur)
    img = Image.new("RGB", (700, 500), "white")
    d = np.asarray(img).copy()
    lines = [line("收件人：殳娜琪 13812345678", 20, 20, 400, 24)]
    for k in range(6):  # words read, so that the reading covers most of the ink
        for y in (80, 120, 160, 200):
            d[y + 4:y + 20, 24 + k * 60:64 + k * 60] = 0
    for y in (80, 120, 160, 200):
        lines.append(line("快件送达收件人地址签字视为送达", 20, y, 380, 24))
    d[24:40, 24:400] = 0
    d[404:420, 450:490] = 0   # an unread word far from every line (the stub's name)
    d[404:420, 510:560] = 0
    eng.lines[:] = lines
    p = tmp_path / "a.png"
    Image.fromarray(d).save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    assert r.exit_code == 0, r.stderr
    o = Image.open(tmp_path / "o" / "a.png")
    box = (440, 398, 570, 426)
    filled = dark(o, box) > dark(Image.open(p), box) + 0.1  # the words and the margin around them
    assert filled == (blur > 0), (dark(o, box), dark(Image.open(p), box))


def test_motion_blurred_photo_keeps_bars_no_decoder_read(tmp_path, use_engine, monkeypatch):
    """The fill of unread ink on a motion-blurred photo leaves a code's bars alone when no decoder
    read them here (a depot's scanner may): stress seed 125000's motion photos lost their barcodes
    to it. The bars are found by their shape (``undecoded_codes``); here that finder is told where."""
    eng = use_engine(FakeEngine())
    monkeypatch.setattr(imaging, "motion_blur", lambda arr: 10.0)
    bars = ((440, 390), (600, 390), (600, 440), (440, 440))
    monkeypatch.setattr(imaging, "undecoded_codes", lambda arr, decoded, qr=True: [bars])
    d = np.full((500, 700, 3), 255, np.uint8)
    lines = [line("收件人：殳娜琪 13812345678", 20, 20, 400, 24)]
    d[24:40, 24:400] = 0
    for k in range(16):  # bars
        d[392:438, 450 + k * 9:454 + k * 9] = 0
    eng.lines[:] = lines
    p = tmp_path / "a.png"
    Image.fromarray(d).save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    assert r.exit_code == 0, r.stderr
    box = (445, 392, 595, 438)
    assert dark(Image.open(tmp_path / "o" / "a.png"), box) < dark(Image.open(p), box) + 0.05


def test_not_fail_safe_engine_unchanged(tmp_path, fake):
    """An engine that is not marked uncertain (rapidocr, the plain fake) keeps unplaced lines."""
    fake.fail_safe = False
    fake.lines[:] = [line("UST QURIH", 20, 20, 150, 24)]
    p = tmp_path / "a.png"
    Image.new("RGB", (300, 80), "white").save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    assert r.exit_code == 0, r.stderr
    assert dark(Image.open(tmp_path / "o" / "a.png"), (22, 22, 168, 42)) < 0.05
    rec = json.loads((tmp_path / "o" / "audit.jsonl").read_text())
    assert not any(f["detector"].startswith("ocr.uncertain_line") for f in rec["findings"])


@pytest.mark.ocr
def test_tesseract_fails_safe_on_generated_label(tmp_path):
    if "tesseract" not in ocrmod.available():
        pytest.skip("tesseract not installed")
    import zxingcpp

    from waybill.generators.labels import cn_label
    from waybill.generators.records import Gen
    img, t = cn_label(Gen(4711))
    p = tmp_path / "cn.png"
    img.save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "tesseract"])
    assert r.exit_code == 0, r.stderr
    out = Image.open(tmp_path / "o" / "cn.png").convert("RGB")
    rec = json.loads((tmp_path / "o" / "audit.jsonl").read_text())
    assert any(f["detector"].startswith("ocr.uncertain_line") for f in rec["findings"])
    # the tracking barcode still decodes; no personal value is read back by either engine
    assert any(c.text == t.tracking for c in zxingcpp.read_barcodes(out))
    arr = np.asarray(out)
    text = "|".join(l.text.replace(" ", "") for n in ocrmod.available()
                    for l in ocrmod.get_engine(n).read(arr))
    digits = "".join(c for c in text if c.isdigit() or c == "|")
    for kind, value, gone in t.masked:
        if kind == "phone":
            assert gone not in digits
        elif kind == "name":
            assert value not in text and (len(gone) < 2 or gone not in text)


def test_unread_ink_near_a_personal_line():
    """Ink no OCR line lies over: filled beside a personal line, or everywhere when the reading
    covered less than half of the text-like ink; rules and frames are not text."""
    arr = np.full((400, 600, 3), 255, np.uint8)
    read = [((20, 20), (220, 20), (220, 44), (20, 44)), ((20, 300), (220, 300), (220, 324), (20, 324))]
    for (x0, y0), *_ in read:
        for k in range(8):
            arr[y0 + 4:y0 + 20, x0 + 4 + k * 24:x0 + 20 + k * 24] = 0  # read words
    arr[56:72, 24:84] = 0     # unread, one line below the personal line
    arr[200:216, 400:460] = 0  # unread, far from it
    arr[380:382, 10:590] = 0   # a rule
    got = imaging.unread_ink(arr, read, [], [read[0]])
    cs = [np.mean(np.array(q), axis=0) for q in got]
    assert len(cs) == 1 and abs(cs[0][1] - 64) < 6 and abs(cs[0][0] - 54) < 6
    # a reading that covered little of the ink: every unread word is filled
    for y in (120, 150, 180, 240, 270):
        for k in range(6):
            arr[y:y + 16, 250 + k * 40:280 + k * 40] = 0
    got = imaging.unread_ink(arr, read, [], [])
    assert len(got) >= 6
    assert all(np.ptp(np.array(q)[:, 1]) < 60 for q in got)  # no rule or frame among them


def test_unread_ink_of_a_smeared_line():
    """On a photo blurred by motion a line's characters run into one stroke a line high and many
    long: it was taken out as a rule before words were measured, and the stub's address line of
    a motion-blurred label stayed unfilled (stress seed 95000, cn_std photo). With ``smeared``
    it is ink beside the personal line; a thin rule and a hollow frame still are not."""
    arr = np.full((400, 700, 3), 255, np.uint8)
    read = [((20, 20), (220, 20), (220, 44), (20, 44)), ((20, 300), (220, 300), (220, 324), (20, 324))]
    for (x0, y0), *_ in read:
        for k in range(8):
            arr[y0 + 4:y0 + 20, x0 + 4 + k * 24:x0 + 20 + k * 24] = 0
    arr[54:74, 24:424] = 60      # the smeared line below the personal line: 400 x 20 px
    arr[90:92, 24:424] = 0       # a rule under it
    arr[150:250, 300:302] = 0    # a frame's sides
    arr[150:250, 600:602] = 0
    arr[150:152, 300:602] = 0
    arr[248:250, 300:602] = 0
    assert imaging.unread_ink(arr, read, [], [read[0]]) == []
    from waybill.ink import unread_blobs
    got = imaging.unread_ink(arr, read, [], [read[0]], blobs=unread_blobs(arr, read, [], smeared=True))
    assert len(got) == 1
    q = np.array(got[0])
    assert abs(q[:, 1].mean() - 64) < 6 and np.ptp(q[:, 0]) > 300


def test_unread_ink_of_a_thin_grey_smear():
    """A line of small print smeared by motion into one thin grey stroke (thinner than 0.4 of the
    median line's height: the sender's line in small type on a fr_col motion photo, stress seed
    146000, stood unfilled as a rule) is unread ink on a blurred photo; a dark rule as thin stays
    a rule, and without ``smeared`` the grey stroke is not ink to fill."""
    from waybill.ink import unread_blobs
    arr = np.full((400, 700, 3), 245, np.uint8)
    read = [((20, 20), (220, 20), (220, 44), (20, 44)), ((20, 300), (220, 300), (220, 324), (20, 324))]
    for (x0, y0), *_ in read:
        for k in range(8):
            arr[y0 + 4:y0 + 20, x0 + 4 + k * 24:x0 + 20 + k * 24] = 0
    arr[120:128, 40:440] = 170   # the grey smear: 8 px high, 400 long (the median line is 24 px)
    arr[200:203, 40:440] = 15    # a dark rule, 3 px
    got = unread_blobs(arr, read, [], smeared=True)[0]
    assert len(got) == 1 and abs(got[0][0][1] - 124) < 4, got
    assert unread_blobs(arr, read, [], smeared=False)[0] == []


def test_fills_on_a_motion_blurred_photo_grow_by_half_the_blur():
    """A blurred line's ink lies up to half the blur's length beyond its boxes: fills grow by that
    much (a street between two fills stayed readable as a hatched strip, stress seed 146000
    nl_postnl motion photo); kept characters and codes do not, and a fill that would grow onto a
    barcode stays as it was (stress seed 146000 in_return: a code the scorer decoded stopped
    decoding)."""
    R = imaging.Region
    fill = R(((100, 100), (300, 100), (300, 130), (100, 130)), "text", "fill")
    keep = R(((310, 100), (400, 100), (400, 130), (310, 130)), "keep", "keep")
    near_code = R(((100, 200), (300, 200), (300, 230), (100, 230)), "uncertain", "fail_safe_line")
    code = ((100, 232), (300, 232), (300, 300), (100, 300))
    out = imaging._smear_grown([fill, keep, near_code], 10.0, (1300, 900), [code])
    g = np.array(out[0].quad)
    assert g[:, 0].min() < 96 and g[:, 1].max() > 134 and g[:, 0].max() > 304
    assert out[1] is keep and out[2] is near_code


def test_unread_ink_of_a_smeared_line_joined_to_a_read_one():
    """Smeared lines lie so close that an unread line runs into a read one: the two were one
    "word", counted as read, and the stub's address line and a sender's second line of a
    motion-blurred label stood unfilled (label_holdout --part stress --seed 128000, 025-cn_std
    photo). The unread part is a blob of its own; the read line's own ink is not."""
    from waybill.ink import unread_blobs
    arr = np.full((300, 600, 3), 255, np.uint8)
    read = [((20, 20), (420, 20), (420, 44), (20, 44))]
    arr[22:42, 24:416] = 60       # the read line, smeared into one stroke
    arr[46:66, 24:416] = 60       # the unread line right under it, touching after a close
    arr[66:70, 200:204] = 60
    got = imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [], smeared=True))
    assert len(got) == 1
    q = np.array(got[0])
    assert q[:, 1].min() > 44 and abs(q[:, 1].mean() - 57) < 8 and np.ptp(q[:, 0]) > 300
    # not smeared (a sharp photo): no change, the joined word counts as read
    assert imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [])) == []
    # the read line alone: its edge outside the grown quad is no line
    arr[46:70] = 255
    assert imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [], smeared=True)) == []


@pytest.mark.parametrize("angle", range(0, 180, 15))
def test_unread_ink_quads_run_along_their_long_side(angle):
    """A quad of unread ink comes long side first, as a line's does: the fill grows a quad by
    fractions of its second side, its height. A long thin piece of ink whose corners came long
    side second (the edge of a motion-blurred label, stress seed 114000, fr_col photo) was filled
    some 500 px wide, over half the label and its barcode."""
    import cv2

    from waybill.ink import grow_quad, unread_blobs
    arr = np.full((700, 700, 3), 255, np.uint8)
    read = [((20, 20), (220, 20), (220, 44), (20, 44))]
    for k in range(8):
        arr[24:40, 24 + k * 24:40 + k * 24] = 0
    bar = cv2.boxPoints(((400.0, 400.0), (360.0, 18.0), float(angle))).astype(np.int32)
    cv2.fillPoly(arr, [bar], (60, 60, 60))  # a smeared line, 360 x 18 px, at this angle
    got = imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [], smeared=True))
    assert len(got) == 1
    q = got[0]
    assert np.linalg.norm(np.subtract(q[1], q[0])) > np.linalg.norm(np.subtract(q[3], q[0]))
    grown = np.array(grow_quad(q, 0.22), dtype=np.float32)
    (_c, (w, h), _a) = cv2.minAreaRect(grown)
    assert min(w, h) < 40 and max(w, h) < 400, (w, h)  # about the bar, not hundreds of px across


@pytest.mark.parametrize("text,payload,preset,why", [
    ("1X974939997971", "LX974539957971", "share", None),      # motion blur: 3 of 14 misread, the code says
    ("LX 9745 3995 7971", "LX974539957971", "share", None),   # in groups
    ("1X974939997971", "LX974539957971", "dispose", "unplaced"),  # dispose takes it
    ("Tel: 06 26 08 34 22", "LX974539957971", "share", "unplaced"),  # not one token
    ("0626083422", "LX974539957971", "share", "unplaced"),    # far from the code's number
    ("SF597289056135", None, "share", None),                 # bars no decoder read: a carrier's pattern
    ("757199192275431", None, "share", None),
    ("13812345678", None, "share", "unplaced"),               # a phone is no tracking number
    ("4915112345678", None, "share", "unplaced"),
])
def test_fail_safe_keeps_the_number_printed_along_a_barcode(text, payload, preset, why):
    """A motion-blurred photo (stress part, seed 8800: a Colissimo and two ZTO/SF labels at 8-13 px
    of blur) is read fail-safe: its tracking number under the barcode was read with 1-3 wrong
    characters, or its barcode did not decode, and the line was filled as unplaced (tracking text
    0% kept on those photos). A line printed along a barcode (``imaging.code_number_lines``) that
    reads as that code's number (within a third of its characters of the decoded payload), or,
    beside bars no decoder read, as a carrier's tracking number, is kept in ``share``; a phone or
    a line of several words there is still filled, and ``dispose`` fills it."""
    pol = types.SimpleNamespace(region="CN", preset=preset)
    codes = [code(payload)] if payload else []
    got = imaging.fail_safe_lines([line(text, 0, 0, 300, 24)], {}, codes, pol, (), {0: payload})
    assert got.get(0) == why
    # the same reading on a line not along a code is not known to be print
    assert imaging.fail_safe_lines([line(text, 0, 0, 300, 24)], {}, codes, pol).get(0) == (
        None if (payload and preset == "share" and text.replace(" ", "") == payload) else
        "tracking" if (payload and preset == "dispose" and text == payload) else "unplaced")


def test_fake_fail_safe_label_keeps_a_misread_number_under_its_barcode(tmp_path, fake):
    """Through the CLI: the tracking number under a decoded barcode read with three wrong
    characters is kept; the same reading elsewhere on the label, and a phone, are filled."""
    import zxingcpp
    b = zxingcpp.create_barcode(TRACK, zxingcpp.BarcodeFormat.Code128)
    bars = Image.fromarray(np.array(b.to_image(scale=2))).convert("RGB").resize((300, 100), Image.NEAREST)
    img = Image.new("RGB", (700, 420), "white")
    img.paste(bars, (20, 5))
    misread = "YT6592O9582IO28"
    fake.lines[:] = [line(misread, 40, 110, 260, 24), line(misread, 380, 300, 260, 24),
                     line("13812345678", 20, 360, 200, 24)]
    p = tmp_path / "a.png"
    img.save(p)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", "--ocr", "auto"])
    assert r.exit_code == 0, r.stderr
    o = Image.open(tmp_path / "o" / "a.png")
    assert dark(o, (42, 112, 298, 132)) < 0.05    # under the bars: kept
    assert dark(o, (382, 302, 638, 322)) > 0.95   # the same reading elsewhere: filled
    assert dark(o, (22, 362, 218, 382)) > 0.95    # the phone filled


def test_unread_ink_of_two_light_characters_after_a_smeared_read_line():
    """Two blurred characters left at the end of a read line's word, lighter than a square of the
    line's height in ink, stood between two fills (label_holdout --part stress seeds 140000 and
    141000, 001-cn_std photos: 674 px of ink at h = 32): half a square is enough when the piece
    has a line's shape."""
    from waybill.ink import unread_blobs
    arr = np.full((300, 600, 3), 255, np.uint8)
    read = [((20, 20), (420, 20), (420, 44), (20, 44))]
    arr[22:42, 24:416] = 60                      # the read line, smeared into one stroke
    piece = np.full((14, 60), 255, np.uint8)
    piece[::2, ::2] = piece[1::2, 1::2] = 60     # the unread characters: half their pixels inked
    arr[24:38, 420:480] = piece[..., None]
    got = imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [], smeared=True))
    assert len(got) == 1
    q = np.array(got[0])
    assert q[:, 0].min() > 420 and q[:, 0].max() < 490


def test_unread_ink_of_a_thin_smeared_line_beside_a_read_one():
    """A whole sender line, thinner than the median reading's height (motion blur stretches the
    readings across the lines), stood unfilled between two fills: 0.50 h by 3.1 h at h = 40
    (label_holdout --part stress --seed 142000, 001-cn_std photo). A line is 0.4 h high at least,
    and 1.5 h long."""
    from waybill.ink import unread_blobs
    arr = np.full((300, 600, 3), 255, np.uint8)
    read = [((20, 20), (420, 20), (420, 44), (20, 44))]
    arr[22:42, 24:416] = 60        # the read line, smeared into one stroke
    arr[53:64, 200:260] = 60       # the unread line under it, past the read quad's growth: 11 px high
    arr[42:53, 230:234] = 60       # touching the read one
    got = imaging.unread_ink(arr, read, [], [], min_cover=2.0, blobs=unread_blobs(arr, read, [], smeared=True))
    assert len(got) == 1
    q = np.array(got[0])
    assert q[:, 1].min() > 44 and 190 < q[:, 0].min() and q[:, 0].max() < 270
