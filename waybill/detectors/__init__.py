"""Detectors: each module exposes ``detect(text, ctx) -> list[Finding]``.

They are pure functions over one text (a cell, a line, an OCR'd block); ``waybill.detect``
runs them in order and resolves overlaps.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EntityType


@dataclass(slots=True, unsafe_hash=True)
class Context:
    """What is known about a text besides its characters."""

    hint: EntityType | None = None  # from a column name / JSON key / label field
    role: str | None = None  # recipient / sender
    region: str = "US"  # default region for international phone numbers
    free_text: bool = True  # a whole record in one string (PaddleNLP style, TXT lines)
    # relay(number_with_extension) -> True when an 11+4 number provably is a relay number (issued
    # by this vault, or in a configured relay range); None: no number is taken for a relay number
    relay: object = None
    # the column holds the street line only ('Street', 'Address line 1', a vCard's street field):
    # no part of an address column's value is the town (``address_column``)
    street: bool = False
