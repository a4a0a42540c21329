"""Encoding sniffing for text exports: UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import InputError


@dataclass(frozen=True)
class Encoding:
    name: str  # codec used to decode and re-encode
    bom: bytes = b""


def sniff(sample: bytes) -> Encoding:
    if sample.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8)
    # UTF-16 keeps its byte order: the plain "utf-16" codec would write the
    # machine's order back (a big-endian export came out little-endian).
    if sample.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE)
    if sample.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE)
    if b"\x00" in sample:
        raise InputError("binary data, not a text file")
    try:
        sample.decode("utf-8")
        return Encoding("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 3 and e.reason.startswith("unexpected end"):
            return Encoding("utf-8")  # a character cut at the sample's end
    try:
        cut = sample
        for _ in range(4):
            try:
                cut.decode("gb18030")
                return Encoding("gb18030")
            except UnicodeDecodeError as e:
                if e.start < len(cut) - 4:
                    break
                cut = cut[:-1]
    except Exception:  # pragma: no cover
        pass
    raise InputError("text encoding not recognised (expected UTF-8 or GB18030/GBK)")


def open_text(fh, sample_size: int = 1 << 16):
    """Wrap a buffered binary stream: returns (Encoding, text stream, decoded sample)."""
    import io

    sample = fh.peek(sample_size)[:sample_size]
    enc = sniff(sample)
    if enc.bom:
        fh.read(len(enc.bom))
        sample = sample[len(enc.bom):]
    return enc, io.TextIOWrapper(fh, encoding=enc.name, errors="strict", newline=""), \
        sample.decode(enc.name, errors="ignore")


def decode_error() -> InputError:
    return InputError("invalid byte sequence for the detected text encoding")
