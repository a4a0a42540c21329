"""Free text: one record or many per line. Each line is scanned as a whole record; a label alone on
its line ('Ship to', 'SHIP TO:', '收件人：') is read with the next line that holds text, as a label
printed above its value (a label's text copied out of a PDF or read off a photo)."""
from __future__ import annotations

import re

from ..detectors.name_en import ANCHOR_ALONE, SHORT_ANCHORS, signed_name
from . import pieces
from .textio import decode_error, open_text

# lines looked back over when a piece is cut: a label alone on the last line before the cut (or
# with blank lines after it) moves the cut before the label, at most this many lines
_CUT_BACK = 4
_BLANK = re.compile(r"[ \t\r\n]*")


# after a short label that is a word as well ('To', 'From', 'Name', 'Contact'), the next line is
# read with it only when it is shaped as a name (a list of column names one per line, 'Name' then
# 'Total', is no label and value)
_NAME_LINE = re.compile(r"[ \t]*(?:(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.)){1,3}"
                        r"|[\u4e00-\u9fff·]{2,6})[ \t]*")


# a vCard property line (a contact exported as .vcf): 'FN:Zhang Weiming', 'N:Zhang;Weiming;;;',
# 'item1.TEL;TYPE=CELL:+86 ...', 'ADR;TYPE=HOME:;Apt 4B;742 Evergreen Terrace;Springfield;IL;62704;USA'.
# Its value is read as the column its property names; N and ADR field by field (found by hand: the
# name lines and 'Apt 4B' stood, read as words after an unknown label)
# (property names in capitals, as exporters write them: 'Label: fragile' is no vCard line)
_VCARD = re.compile(r"((?:(?i:item)\d+\.)?(FN|N|NICKNAME|TEL|EMAIL|ADR|LABEL)(?:;[^:\n]*)?:)(.*)")
_VCARD_COLUMN = {"FN": "name", "NICKNAME": "name", "TEL": "phone", "EMAIL": "email", "LABEL": "address"}
# ADR's fields: post office box, extended address (flat), street, town, region, postcode, country
_ADR_COLUMNS = ("address", "address", "address", "city", "state", "postcode", None)
_FIELD_SPLIT = re.compile(r"(?<!\\);")


def _vcard(engine, m: re.Match, i: int, recs: list, report: bool) -> str:
    prop = m.group(2)
    head, value = m.group(1), m.group(3)
    if prop not in ("N", "ADR"):
        return head + _part(engine, value, len(head), _VCARD_COLUMN[prop], i, recs, report)
    out, pos = [head], len(head)
    for k, field in enumerate(_FIELD_SPLIT.split(value)):
        if k:
            out.append(";")
            pos += 1
        column = "name" if prop == "N" else _ADR_COLUMNS[k] if k < len(_ADR_COLUMNS) else "address"
        out.append(_part(engine, field, pos, column, i, recs, report) if column else field)
        pos += len(field)
    return "".join(out)


def _part(engine, text: str, at: int, column: str, i: int, recs: list, report: bool) -> str:
    """``text`` (at ``at`` in line ``i``) masked as a value of ``column``, its records placed in the line."""
    part: list = []
    out = engine.mask_value(text, {"line": i}, column, part, report=report)
    recs.extend(r.but(where={**r["where"], "start": r["where"]["start"] + at, "end": r["where"]["end"] + at})
                for r in part)
    return out


# a closing alone on its line; the next line, shaped as a name, is the writer's name ('Best regards,'
# then 'John Smith': found by hand in mail bodies pasted into notes, it stood)
_CLOSING = re.compile(
    r"(?i)[ \t]*(?:(?:best|kind|warm|many|warmest|kindest)[ \t]+)?(?:regards|wishes|thanks|thank[ \t]+you|cheers|"
    r"sincerely|yours(?:[ \t]+(?:sincerely|truly|faithfully))?|respectfully|mit[ \t]+freundlichen[ \t]+grüßen|"
    r"viele[ \t]+grüße|liebe[ \t]+grüße|grüße|cordialement|bien[ \t]+à[ \t]+vous|saludos|atentamente|"
    r"cordiali[ \t]+saluti|distinti[ \t]+saluti|met[ \t]+vriendelijke[ \t]+groet(?:en)?|groeten|pozdrawiam|"
    r"s[ \t]+pozdravem|(?:med[ \t]+)?vänliga[ \t]+hälsningar|med[ \t]+venlig[ \t]+hilsen|hilsen|"
    r"ystävällisin[ \t]+terveisin|saygılarımla|atenciosamente|abraços|此致敬礼|此致|谢谢|祝好|顺祝商祺)"
    r"[ \t]*[,.!，。]?[ \t]*")


def _short(label: str) -> bool:
    return re.sub(r"[\s:：\-–—]+", "", label).upper() in SHORT_ANCHORS


class _Lines:
    """Masks the lines of one stream (or one piece of it) in order."""

    def __init__(self) -> None:
        self.label: str | None = None  # a label alone on the last line that held text
        self.closing = False  # the last line that held text was a closing ('Best regards,')

    def __call__(self, engine, line: str, i: int, recs: list, report: bool) -> str:
        body = line.rstrip("\r\n")
        tail = line[len(body):]
        if not body.strip():
            return engine.mask_value(body, {"line": i}, None, recs, report=report) + tail
        label, self.label = self.label, None
        closing, self.closing = self.closing, False
        if closing and _NAME_LINE.fullmatch(body) and signed_name(body):
            # the writer's name under a closing: read as a name column
            return engine.mask_value(body, {"line": i}, "name", recs, report=report) + tail
        if _CLOSING.fullmatch(body):
            self.closing = True
            return body + tail
        if body[:1] in "FNTEALIi":
            m = _VCARD.fullmatch(body)
            if m is not None:
                return _vcard(engine, m, i, recs, report) + tail
        if ANCHOR_ALONE.fullmatch(body):
            self.label = body
        elif label is not None and (_NAME_LINE.fullmatch(body) or not _short(label)):
            # the value under its label: read together, the line's own part masked and recorded
            # (with a colon, as a label alone on its line is one: 'To' is a word as well)
            sep = "\n" if label.rstrip().endswith((":", "：")) else ":\n"
            k = len(label) + len(sep)
            joined = label + sep + body
            part: list = []
            out = engine.mask_value(joined, {"line": i}, None, part, report=report)
            if out[:k] == joined[:k] and all(r["where"]["start"] >= k for r in part):
                recs.extend(r.but(where={**r["where"], "start": r["where"]["start"] - k,
                                         "end": r["where"]["end"] - k}) for r in part)
                return out[k:] + tail
        return engine.mask_value(body, {"line": i}, None, recs, report=report) + tail


def _boundary(buf: bytes, first: bool = False) -> int:
    """``pieces.line_boundary``, moved before a label or a closing alone on its line (and blank
    lines after it) so that the label and its value fall in one piece."""
    cut = pieces.line_boundary(buf, first)
    if first:
        return cut
    for _ in range(_CUT_BACK):
        if cut <= 0:
            return cut
        start = buf.rfind(b"\n", 0, cut - 1) + 1
        last = buf[start:cut].decode("utf-8", "replace").rstrip("\r\n")
        if not (_BLANK.fullmatch(last) or ANCHOR_ALONE.fullmatch(last) or _CLOSING.fullmatch(last)):
            return cut
        cut = start
    return pieces.line_boundary(buf, first)


def mask(src, dst, job, fmt: str = "txt") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        pieces.mask_line_stream(text, dst, job, enc.name, _Lines(), _boundary)
    except UnicodeDecodeError:
        raise decode_error() from None
