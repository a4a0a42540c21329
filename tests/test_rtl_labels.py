"""Arabic and Hebrew labels and exports (found by hand, 2026-12-07 night).

Text: the direction marks that Hebrew and Arabic systems write around numbers and names (U+200E,
U+200F, the embeddings, overrides and isolates) broke a phone's digit run and a name, and both stood
whole in ``share`` (``'055\\u200f1234567'``, ``'138\\u202e1234\\u202c5678'``): they are invisible
characters now. Every value is synthetic."""
from __future__ import annotations

import io

import pytest

from waybill.api import Settings, mask_stream


def _mask(text: str, fmt: str = "txt", preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


# --------------------------------------------------------------------------- direction marks


@pytest.mark.parametrize("line, gone", [
    ("call 555\u200e123\u200f4567 now", ["555", "123"]),
    ("Tel: +1 555 \u202a123\u202c 4567", ["555", "123"]),
    ("phone 138\u200f1234\u20665678", ["138", "1234"]),
    ("ship to John\u200f Smith, 12 Elm St", ["ohn", "mith", "12 Elm"]),
    ("收件人 张\u200f三 电话 138\u202e1234\u202c5678", ["三", "138", "1234"]),
    ("جوال: 055\u200f1234567", ["055", "1234"]),
    ("טלפון: \u2067052-1234567\u2069", ["052", "1234"]),
])
def test_direction_marks_inside_a_value_hide_nothing(line, gone):
    out = _mask(line)
    for g in gone:
        assert g not in out.replace("\u200e", "").replace("\u200f", "").replace("\u2066", "").replace(
            "\u2067", "").replace("\u2069", "").replace("\u202a", "").replace("\u202c", "").replace("\u202e", ""), (g, out)


def test_direction_marks_in_a_csv_cell():
    out = _mask("name,phone\nJane Doe,+44\u200e 7700\u200f 900123", fmt="csv")
    assert "7700" not in out and "900123" not in out, out
