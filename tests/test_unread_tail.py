"""A masked line whose last words no reading covers (the engine stopped short where the line ran
close to another column: an es_seur photo's sender street was read as far as `145`, and `, 2º B`
stood beside the recipient's name) has them filled too (``imaging.unread_tail``); the tail stops
at another line, a code, a rule, the label's edge, and is not invented on blank paper."""
from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from waybill.imaging import unread_tail

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _font(size: int = 24):
    if not os.path.exists(FONT):
        pytest.skip("DejaVu fonts not installed")
    return ImageFont.truetype(FONT, size)


def _line(text: str, read: int, x: int = 40, y: int = 60, size: int = 24, w: int = 900, h: int = 160,
          extra=None):
    """The image, the quad of the line as read (its first ``read`` characters), its last read
    character's box, and where the whole text ends (x)."""
    img = Image.new("L", (w, h), 238)
    d = ImageDraw.Draw(img)
    f = _font(size)
    d.text((x, y), text, font=f, fill=40)
    if extra:
        extra(d)
    x0 = x + f.getlength(text[:read - 1])
    x1 = x + f.getlength(text[:read])
    top, bot = y + 2, y + size + 2
    line = ((float(x), float(top)), (x1, float(top)), (x1, float(bot)), (float(x), float(bot)))
    edge = ((x0, float(top)), (x1, float(top)), (x1, float(bot)), (x0, float(bot)))
    return np.asarray(img), line, edge, x + f.getlength(text)


def test_the_unread_end_of_a_line_is_found():
    text = "Avda. de la Constitucion 145, 2o B"
    arr, line, edge, end = _line(text, len("Avda. de la Constitucion 145"))
    q = unread_tail(arr, line, edge, True, [])
    assert q is not None
    xs = [p[0] for p in q]
    assert max(xs) >= end - 3  # up to the B's right side
    assert max(xs) <= end + 12
    assert min(xs) <= line[1][0] + 1  # from the read end on


def test_the_tail_stops_at_another_line_and_a_code():
    text = "Avda. de la Constitucion 145, 2o B"
    arr, line, edge, end = _line(text, len("Avda. de la Constitucion 145"))
    f = _font()
    other_x = 40 + f.getlength("Avda. de la Constitucion 145, 2o")  # a reading over the B
    other = ((other_x, 55.0), (other_x + 200, 55.0), (other_x + 200, 95.0), (other_x, 95.0))
    q = unread_tail(arr, line, edge, True, [other])
    assert q is not None and max(p[0] for p in q) <= other_x + 1


def test_nothing_past_the_end_is_no_tail():
    text = "Avda. de la Constitucion 145"
    arr, line, edge, _end = _line(text, len(text))
    assert unread_tail(arr, line, edge, True, []) is None
    # nor before the start
    f = _font()
    first = ((40.0, 62.0), (40 + f.getlength("A"), 62.0), (40 + f.getlength("A"), 86.0), (40.0, 86.0))
    assert unread_tail(arr, line, first, False, []) is None


def test_a_column_two_words_away_is_not_the_tail():
    # the next column starts more than a word's space after the line's end: not its tail
    arr, line, edge, end = _line("Lucia Martinez Soto" + " " * 5 + "Kg 0.5", len("Lucia Martinez Soto"))
    assert unread_tail(arr, line, edge, True, []) is None


def test_a_rule_and_the_ground_end_the_tail():
    text = "Avda. de la Constitucion 145, 2o B"
    f = _font()
    xr = int(40 + f.getlength("Avda. de la Constitucion 145, 2o") + 4)

    def rule(d):  # a frame's edge from top to bottom, over the B
        d.rectangle([xr, 0, xr + 2, 159], fill=30)
    arr, line, edge, end = _line(text, len("Avda. de la Constitucion 145"), extra=rule)
    q = unread_tail(arr, line, edge, True, [])
    assert q is not None and max(p[0] for p in q) <= xr + 1
    # the label's edge, the darker ground past it: read backwards from a line's start
    img = Image.new("L", (600, 160), 238)
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 30, 159], fill=100)  # the ground
    d.text((40, 60), "Lucia Martinez", font=f, fill=40)
    arr = np.asarray(img)
    x1 = 40 + f.getlength("L")
    line = ((40.0, 62.0), (40 + f.getlength("Lucia Martinez"), 62.0), (40 + f.getlength("Lucia Martinez"), 86.0),
            (40.0, 86.0))
    first = ((40.0, 62.0), (x1, 62.0), (x1, 86.0), (40.0, 86.0))
    assert unread_tail(arr, line, first, False, []) is None


def test_a_tilted_line_tail():
    text = "Avda. de la Constitucion 145, 2o B"
    arr, line, edge, end = _line(text, len("Avda. de la Constitucion 145"), y=200, w=1000, h=500)
    img = Image.fromarray(arr).rotate(20, center=(40, 212), fillcolor=238, resample=Image.BICUBIC)
    t = np.radians(20)
    rot = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])  # PIL turns counter-clockwise
    c = np.array([40.0, 212.0])

    def turn(q):
        return tuple(tuple(rot @ (np.array(p) - c) + c) for p in q)
    q = unread_tail(np.asarray(img), turn(line), turn(edge), True, [])
    assert q is not None
    back = (np.linalg.inv(rot) @ (np.array(q) - c).T).T + c
    assert back[:, 0].max() >= end - 4


def test_the_cut_between_a_kept_and_a_masked_character_on_either_ground():
    """The fill of a masked run stops in the gap before the kept character beside it, on a dark
    ground as on paper: in a label's inverted block (white print on black) the cut went into the
    masked 'O' of 'JONATHAN' and left half of it readable (found by hand, 2026-12-07)."""
    from waybill.imaging import _ink_gap

    bold = FONT.replace("Mono", "").replace(".ttf", "-Bold.ttf")
    f = ImageFont.truetype(bold, 40) if os.path.exists(bold) else _font(40)
    cuts = []
    for ground, ink in ((255, 0), (0, 255)):
        img = Image.new("L", (300, 120), ground)
        ImageDraw.Draw(img).text((40, 30), "JO", font=f, fill=ink)
        arr = np.asarray(img)
        xj, xo = 40 + f.getlength("J"), 40 + f.getlength("JO")
        q = np.array([(40.0, 32.0), (xj, 32.0), (xj, 80.0), (40.0, 80.0)])  # the kept J
        p = np.array([(xj, 32.0), (xo, 32.0), (xo, 80.0), (xj, 80.0)])  # the masked O
        cut = _ink_gap(arr, p, q, np.array([1.0, 0.0]))
        assert cut is not None
        inked = np.nonzero((np.abs(arr[30:85].astype(int) - ground) > 127).any(axis=0))[0]
        gap = [c for c in range(int(inked.min()), int(inked.max())) if c not in set(inked.tolist())]
        # in the blank columns between the J's ink and the O's (at most the O's faint first column)
        assert min(gap) <= cut[0] <= max(gap) + 1.5, (cut, gap)
        cuts.append(float(cut[0]))
    assert abs(cuts[0] - cuts[1]) <= 1.0, cuts
