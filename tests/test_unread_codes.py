"""A 2D code that no decoder reads (a PDF417 on a tilted phone photo: its payload may be the
recipient's address) is filled unread in share, not read as text nor left as it is
(``imaging.code_like`` on the second look's areas)."""
from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from waybill import imaging


def _pdf417(text: str = "SHIP TO MICHAEL BROWN 4790 PARK AVE COLUMBUS OH 43232", scale: int = 2) -> Image.Image:
    zxingcpp = pytest.importorskip("zxingcpp")
    b = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.PDF417)
    return Image.fromarray(np.array(b.to_image(scale=scale))).convert("RGB")


def _area(im: Image.Image, pad: int = 24, rule: bool = False) -> Image.Image:
    out = Image.new("RGB", (im.width + 2 * pad, im.height + 2 * pad + (20 if rule else 0)), (232, 232, 228))
    out.paste(im, (pad, pad + (20 if rule else 0)))
    if rule:  # a separator line above the code, across the whole area
        ImageDraw.Draw(out).line([(0, 6), (out.width - 1, 6)], fill=(20, 20, 20), width=3)
    return out


def test_a_pdf417_is_code_like_and_its_quad_covers_it():
    code = _pdf417()
    q = imaging.code_like(_area(code, rule=True))
    assert q is not None
    xs, ys = [p[0] for p in q], [p[1] for p in q]
    # the code's ink (24 px of padding, 20 px for the rule) lies inside the quad, the rule does not
    iy, ix = np.nonzero(np.asarray(code.convert("L")) < 128)
    assert min(xs) <= 24 + ix.min() and max(xs) >= 24 + ix.max()
    assert min(ys) <= 44 + iy.min() and max(ys) >= 44 + iy.max()
    assert min(ys) > 9


def test_a_blurred_tilted_pdf417_is_code_like():
    a = _area(_pdf417()).rotate(4, expand=True, fillcolor=(232, 232, 228)).filter(ImageFilter.GaussianBlur(1.2))
    assert imaging.code_like(a) is not None


def test_a_linear_barcode_is_not_code_like():
    # its bars run unbroken along one axis: a linear code is left to the barcode rules
    zxingcpp = pytest.importorskip("zxingcpp")
    b = zxingcpp.create_barcode("1ZC6F0725080405258", zxingcpp.BarcodeFormat.Code128)
    im = Image.fromarray(np.array(b.to_image(scale=2))).convert("RGB").resize((440, 90))
    assert imaging.code_like(_area(im)) is None


@pytest.mark.parametrize("lines", [
    ["SHIP TO:", "MICHAEL BROWN", "4790 PARK AVE", "COLUMBUS, OH 43232"],
    ["TRACKING #: 1ZC6F0725080405258"],
    ["收件人 张三 13812345678", "浙江省杭州市西湖区文三路90号"],
])
def test_text_is_not_code_like(lines):
    from waybill.resources import cjk_font_path
    from PIL import ImageFont
    font = ImageFont.truetype(cjk_font_path(), 28)
    im = Image.new("RGB", (640, 50 * len(lines) + 40), (240, 240, 236))
    d = ImageDraw.Draw(im)
    for i, t in enumerate(lines):
        d.text((20, 20 + 50 * i), t, font=font, fill=(15, 15, 15))
    assert imaging.code_like(im) is None


def test_a_grainy_surface_beside_the_label_is_not_code_like():
    """A second look's area cut where the label meets a textured card (stress seed 95000, us_ups
    photo): Otsu split surface from paper, the grain alternated like modules, and a third of the
    photo was filled as an undecoded code. A code is printed in black; a coloured mid-tone surface
    is not one."""
    r = np.random.default_rng(5)
    g = Image.fromarray((r.random((100, 103)) * 255).astype(np.uint8)).resize((410, 400), Image.BILINEAR)
    arr = np.asarray(g).astype(np.int32) * 3 // 4 + 30
    im = Image.fromarray(np.stack([arr + 40, arr + 10, arr - 20], -1).clip(0, 255).astype(np.uint8))  # brown card
    d = ImageDraw.Draw(im)
    d.polygon([(0, 0), (230, 0), (410, 300), (0, 260)], fill=(240, 240, 236))
    for k in range(6):
        d.text((20, 30 + 30 * k), "SHIP TO 9517 SUNSET BLVD", fill=(20, 20, 20))
    assert imaging.code_like(im) is None
    # a code inside its area is still one
    assert imaging.code_like(_area(_pdf417())) is not None


def test_a_badge_is_not_code_like():
    im = Image.new("RGB", (120, 120), (240, 240, 236))
    ImageDraw.Draw(im).rectangle([30, 30, 90, 90], fill=(10, 10, 10))
    assert imaging.code_like(im) is None


@pytest.mark.slow
def test_undecoded_pdf417_on_a_us_photo_is_filled(tmp_path):
    # benchmarks.image_speed's first US photo (seed 77): a PDF417 with the recipient that no
    # decoder reads on the tilted photo was left as it was (and read as text four times, 1.8 CPU-s)
    # `python -m benchmarks.image_speed --n 4` -> labels/us-photo/000.jpg
    from typer.testing import CliRunner

    from benchmarks.image_speed import make_labels
    from waybill.cli import app
    dirs = make_labels(tmp_path / "l", 1, groups=["us-photo"])
    src = next(dirs["us-photo"].iterdir())
    r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in (tmp_path / "o" / "audit.jsonl").read_text().splitlines()]
    found = [f for x in recs for f in x.get("findings", [])]
    codes = [f for f in found if f["type"] == "code_2d" and f["detector"] == "image.unread_code"]
    assert len(codes) == 1, [f["detector"] for f in found]
    out = np.asarray(Image.open(tmp_path / "o" / src.name).convert("L"))
    x0, y0, x1, y1 = codes[0]["where"]["box"]
    # the code's area is black in the output
    assert (out[y0 + 10:y1 - 10, x0 + 10:x1 - 10] < 60).mean() > 0.9
    # detect reports the code it would fill; verify calls the unmasked photo not clean for it (exit
    # 7) and finds no such code on the output (before, both said nothing of it)
    r = CliRunner().invoke(app, ["detect", str(src), "--json"])
    assert r.exit_code == 0, r.output
    assert "image.unread_code" in r.output
    r = CliRunner().invoke(app, ["verify", str(src)])
    assert r.exit_code == 7 and "code_2d" in r.output, r.output
    r = CliRunner().invoke(app, ["verify", str(tmp_path / "o" / src.name)])
    assert "image.unread_code" not in r.output and "code_2d" not in r.output, r.output


def test_a_run_whose_character_boxes_are_degenerate_is_cut_from_the_line_quad():
    # a line at about 45 degrees (label_holdout heldout seed 47000, ch_post photo): its character
    # boxes came with their corners out of order, so the street's fill was thin slanted bars and 4
    # of its 12 characters stayed readable
    line = ((0.0, 0.0), (100.0, 100.0), (86.0, 114.0), (-14.0, 14.0))  # 141 px long, 20 px high
    good_a = ((20.0, 20.0), (30.0, 30.0), (16.0, 44.0), (6.0, 34.0))
    good_z = ((60.0, 60.0), (70.0, 70.0), (56.0, 84.0), (46.0, 74.0))
    assert imaging._run_span(line, good_a, good_z) == (good_a[0], good_z[1], good_z[2], good_a[3])
    bad_a = ((20.0, 20.0), (6.0, 34.0), (21.0, 21.0), (7.0, 35.0))  # corners out of order: no area
    bad_z = ((60.0, 60.0), (46.0, 74.0), (61.0, 61.0), (47.0, 75.0))
    q = imaging._run_span(line, bad_a, bad_z)
    xs = np.array(q)
    area = 0.5 * abs(float(np.dot(xs[:, 0], np.roll(xs[:, 1], 1)) - np.dot(xs[:, 1], np.roll(xs[:, 0], 1))))
    assert area > 0.8 * 20 * 40 * 2 ** 0.5 * 0.9  # the run's length along the line x the line's height


def test_character_boxes_in_another_corner_order_are_put_in_the_lines():
    # a label at about 55 degrees (stress seed 97000, us_plain photo): the engine gave some
    # character boxes starting at their bottom-left corner; the run's quad crossed itself and the
    # street's fill was scattered bars (3 of 11 characters readable)
    box = ((884.0, 380.0), (1042.0, 435.0), (1032.0, 465.0), (873.0, 409.0))
    qa = ((894.0, 416.0), (905.0, 387.0), (914.0, 390.0), (903.0, 419.0))  # starts bottom-left
    qz = ((938.0, 398.0), (950.0, 403.0), (939.0, 432.0), (927.0, 428.0))  # in order
    q = np.array(imaging._run_span(box, qa, qz))
    assert np.allclose(q, [(905, 387), (950, 403), (939, 432), (894, 416)])
    # a quad in the line's order is taken as it is
    assert imaging._line_order(qz, np.array(box)) == qz
