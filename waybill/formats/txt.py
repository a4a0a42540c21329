"""Free text: one record or many per line. Each line is scanned as a whole record; a label alone on
its line ('Ship to', 'SHIP TO:', '收件人：') is read with the next line that holds text, as a label
printed above its value (a label's text copied out of a PDF or read off a photo). A message's
blocks are read by their lines' places: the name and phone under a closing ('Best regards,'), the
lines after one that announces an address ('please deliver my parcel to'); a vCard's property lines
(``.vcf``) as the columns they name."""
from __future__ import annotations

import functools
import re
from ..lazy_re import lazy

from .. import embedded
from ..detectors.address_eu import NO_NUMBER, street_type_first
from ..detectors.phone_intl import bare_mobile, field_phone, reference_before
from ..detectors.name_en import ANCHOR_ALONE, SCRIPT_MARKS, SHORT_ANCHORS, given_word, signed_name
from ..engine import shape
from ..model import EntityType, audit_record
from . import pieces
from .textio import decode_error, open_text

# lines looked back over when a piece is cut: a label, a closing or a line announcing an address
# among them moves the cut before it (what they start spans at most this many lines)
_CUT_BACK = 8
# a value found on a line is masked again where a later line of the same paragraph repeats it
# ('Ship to: John Smith, ...' / 'Note: John Smith will be home after 5pm', '收件人：王小明 ...' /
# '备注：王小明周末在家': the repeat stood; found by hand), over the paragraph's first ``_ECHO_LINES``
# lines. A paragraph starts where ``_boundary`` may start a piece (a blank line, a label alone, a
# closing, a line announcing an address), and ``_boundary`` cuts nowhere else within ``_CUT_BACK``
# lines of one: a serial and a parallel run read the same
_ECHO_LINES = _CUT_BACK - 1
_ECHO_TYPES = frozenset(("name", "phone", "landline", "phone_intl", "email", "id_card"))
_LATIN_LETTER = lazy(r"[A-Za-z\u00c0-\u024f]")


# after a short label that is a word as well ('To', 'From', 'Name', 'Contact'), the next line is
# read with it only when it is shaped as a name (a list of column names one per line, 'Name' then
# 'Total', is no label and value)
_NAME_LINE = lazy(r"[ \t]*(?:(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.)){1,3}"
                        r"|[\u4e00-\u9fff·]{2,6})[ \t]*")


# a vCard property line (a contact exported as .vcf): 'FN:Zhang Weiming', 'N:Zhang;Weiming;;;',
# 'item1.TEL;TYPE=CELL:+86 ...', 'ADR;TYPE=HOME:;Apt 4B;742 Evergreen Terrace;Springfield;IL;62704;USA'.
# Its value is read as the column its property names; N and ADR field by field (found by hand: the
# name lines and 'Apt 4B' stood, read as words after an unknown label)
# (property names in capitals, as exporters write them: 'Label: fragile' is no vCard line)
_VCARD = lazy(r"((?:(?i:item)\d+\.)?(FN|N|NICKNAME|TEL|EMAIL|ADR|LABEL)(?:;[^:\n]*)?:)(.*)")
_VCARD_COLUMN = {"FN": "name", "NICKNAME": "name", "TEL": "phone", "EMAIL": "email", "LABEL": "address"}
# ADR's fields: post office box, extended address (flat), street, town, region, postcode, country;
# the first three are the street line's, no part of them is the town
_ADR_COLUMNS = ("street", "street", "street", "city", "state", "postcode", None)
_FIELD_SPLIT = lazy(r"(?<!\\);")
_UNSPACED = lazy(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")  # (names written without a space)


def _vcard(engine, m: re.Match, i: int, recs: list, report: bool) -> str:
    prop = m.group(2)
    head, value = m.group(1), m.group(3)
    if prop == "N" and "\\" not in value:
        # the name's fields read as one name ('Suzuki;Manabu;;;' as 'Suzuki Manabu', '장;정수' as
        # '장정수', as Korean and Chinese write it): a given name of one character alone is no name
        # to the detectors ('鈴木;学' kept 学), nor a family name of one ('장;정수' kept 장 in dispose)
        fields = value.split(";")
        glue = "" if _UNSPACED.search(value) else " "
        joined = glue.join(f for f in fields if f)
        got: list = []
        out = _part(engine, joined, 0, "name", i, got, report)
        if len(out) == len(joined):
            # each character back to its place in the line (the fields' separators are not in it)
            # (a glue space is at no place: a finding that starts or ends on one takes its neighbour)
            places: list = []
            pos = len(head)
            for f in fields:
                if f:
                    if places and glue:
                        places.append(None)
                    places.extend(range(pos, pos + len(f)))
                pos += len(f) + 1
            masked = list(value)
            for c, at in zip(out, places):
                if at is not None:
                    masked[at - len(head)] = c
            for r in got:
                a, b = r["where"]["start"], r["where"]["end"]
                start = places[a] if places[a] is not None else places[a + 1]
                end = (places[b - 1] if places[b - 1] is not None else places[b - 2]) + 1
                recs.append(r.but(where={**r["where"], "start": start, "end": end}))
            return head + "".join(masked)
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
_CLOSING = lazy(
    r"(?i)[ \t]*(?:(?:best|kind|warm|many|warmest|kindest)[ \t]+)?(?:regards|wishes|thanks|thank[ \t]+you|cheers|"
    r"sincerely|yours(?:[ \t]+(?:sincerely|truly|faithfully))?|respectfully|mit[ \t]+freundlichen[ \t]+grüßen|"
    r"viele[ \t]+grüße|liebe[ \t]+grüße|grüße|cordialement|bien[ \t]+à[ \t]+vous|saludos|atentamente|"
    r"cordiali[ \t]+saluti|distinti[ \t]+saluti|met[ \t]+vriendelijke[ \t]+groet(?:en)?|groeten|pozdrawiam|"
    r"s[ \t]+pozdravem|(?:med[ \t]+)?vänliga[ \t]+hälsningar|med[ \t]+venlig[ \t]+hilsen|hilsen|"
    r"ystävällisin[ \t]+terveisin|saygılarımla|atenciosamente|abraços|此致敬礼|此致|谢谢|祝好|顺祝商祺|"
    # (more closings as notes end: 'Hälsningar' / 'Anna', 'Saludos cordiales', '谢谢！' / '王建国' stood;
    # found by hand)
    r"hälsningar|mvh|vh|terveisin|un[ \t]+saludo|saludos[ \t]+cordiales|besos|abrazos|ciao|grazie(?:[ \t]+mille)?|"
    r"danke(?:[ \t]+schön|[ \t]+sehr)?|merci(?:[ \t]+beaucoup)?|gracias|obrigad[oa]|dziękuję|děkuji|tack|takk|tak|kiitos|"
    r"teşekkürler|bedankt|dank[ \t]+je(?:[ \t]+wel)?|groetjes|xoxo|love|thx|ta|多谢|感谢|辛苦了|麻烦了|ありがとうございます|감사합니다)"
    r"[ \t]*[,.!，。！~～]{0,3}[ \t]*")
# a given name alone under a closing ('Saludos,' / 'Ana', 'Cheers' / 'Mick')
_SIGNED_GIVEN = lazy(r"[ \t]*[A-ZÀ-Þ\u0100-\u024f][a-zß-ÿ\u0100-\u024f'’\-]{1,20}[ \t]*[.!]?[ \t]*")


# the lines of a contact block under a closing: the writer's name (any script, letters only) and
# phone ('Thanks,' / 'Maren Sørensen' / '0056 2158': a bare national number on its own line is no
# phone to the detectors; found by world_text --formats mail, it stood)
# (Latin names as signatures write them: 'Yasmine McAleavy', 'Billie-Jo Scriven', "Idika D’Alia",
# 'Saar van Rheineck')
_SIGNED_LATIN = lazy(r"[ \t]*[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]*(?:[ \t]+(?:(?:van|von|de|der|den|da|di|du|del|le|la|bin|al|ter|"
                           r"das|dos|do|della|dei|des|ten|zu|y|e|en|und|auch|die|het|op|d['’]|['’]t)"
                           r"[ \t]+)*[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-.]*){1,3}"
                           # (the particle last, as a register sorts a Dutch name: 'Amy Bourgondië, van')
                           r"(?:,?[ \t]+(?:van|von|de|der|den|ter|ten|zu)(?:-[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]*)?)?[ \t]*")
# (a word may start with an Indic vowel sign, as text typed in visual order or converted from a legacy
# font writes it: 'िकशोरी गुहा' under 'Thanks,' stood, world_text --locales scripts seed 118)
_PERSON_LINE = lazy(rf"[ \t]*(?:[^\W\d_]|[\u0900-\u0dff])(?:[^\W\d_]|['’.\-{SCRIPT_MARKS}])*"
                    rf"(?:[ \t]+(?:[^\W\d_]|[\u0900-\u0dff])(?:[^\W\d_]|['’.\-{SCRIPT_MARKS}])*){{0,3}}[ \t]*")
_PHONE_LINE = lazy(r"[ \t]*(?:(?i:tel|phone|mobile|mob|cell|ph|t|m|tlf|telefon|handy)\.?[ \t]*[:.]?[ \t]*)?"
                         r"[+(]?\d[\d \t\-().+/]{5,22}[ \t]*")
# a line that ends by announcing an address on the lines after it ('please deliver my parcel to',
# 'My new address:', 'Lieferadresse:'): up to 3 lines after it are read as an address column
_ADDRESS_INTRO = lazy(
    r"(?i)(?:(?:deliver(?:ed)?|send|sent|ship|shipped|post|mail|forward)(?:[ \t]+(?:my|the|this|your|it|them))?"
    r"(?:[ \t]+(?:parcel|package|order|item|goods|letter|box))?[ \t]+to|(?:delivery|shipping|postal|my|new|home)"
    r"[ \t]+address(?:[ \t]+is)?|lieferadresse|lieferanschrift|adresse[ \t]+de[ \t]+livraison|dirección[ \t]+de[ \t]+entrega|"
    r"indirizzo[ \t]+di[ \t]+consegna|afleveradres|bezorgadres|adres[ \t]+dostawy|leveringsadresse|leveransadress|"
    r"toimitusosoite|teslimat[ \t]+adresi|endereço[ \t]+de[ \t]+entrega|送货地址|收货地址|配送先|배송지)[ \t]*[:：]?[ \t]*$")


# the words an announcing line ends with (the pattern ends at the line's end): tested first, as
# the pattern's search tries every position of a line (15 us on a 70-character line)
_INTRO_ENDS = ("to", "address", "is", "adresse", "livraison", "entrega", "consegna", "afleveradres", "bezorgadres",
               "dostawy", "leveringsadresse", "leveransadress", "toimitusosoite", "adresi", "lieferanschrift",
               "送货地址", "收货地址", "配送先", "배송지")


def _intro(line: str) -> bool:
    """Whether the line announces an address (``_ADDRESS_INTRO``)."""
    return line.rstrip(" \t:：").lower().endswith(_INTRO_ENDS) and _ADDRESS_INTRO.search(line) is not None


def _short(label: str) -> bool:
    return re.sub(r"[\s:：\-–—]+", "", label).upper() in SHORT_ANCHORS


class _Lines:
    """Masks the lines of one stream (or one piece of it) in order."""

    def __init__(self) -> None:
        self.label: str | None = None  # a label alone on the last line that held text
        self.closing = False  # the last line that held text was a closing ('Best regards,')
        # the block the next lines belong to: ("signature", lines left) under a closing, or
        # ("address", lines left) after a line that announces an address
        self.block: tuple[str, int] | None = None
        self.prev = ""  # the last line that held text
        self.street = False  # the last line that held text held a street or an address
        # the values found in the paragraph so far [(value, masked, record)], None where the
        # paragraph's start is unknown (a piece that starts inside one) or its echo lines are past
        self.para: list | None = None
        self.para_lines = 0

    peek = True  # given the next line (``pieces.mask_line_stream``)

    def __call__(self, engine, line: str, i: int, recs: list, report: bool, nxt: str | None = None) -> str:
        n = len(recs)
        street, self.street = self.street, False
        if i == 1:
            self.para, self.para_lines = [], 0  # the text's first line starts a paragraph
        out = None
        if len(line) >= 64:
            # a label carried as base64 in the line (a log's 'labelData=...': ``waybill.embedded``)
            out = embedded.mask_runs(engine, line, {"line": i}, recs, report,
                                     lambda t: self._line(engine, t, i, recs, report, nxt, street))
        if out is None:
            out = self._line(engine, line, i, recs, report, nxt, street)
        if line.strip():
            # (whether this line's reading found a street or an address: the town line may follow)
            self.street = any(r["type"] == "address" for r in recs[n:])
            if _cut_before(line.rstrip("\r\n")):
                self.para, self.para_lines = [], 0  # (a piece may start here: so does a paragraph)
            if self.para is not None:
                if self.para_lines < _ECHO_LINES:
                    if self.para:
                        out = self._echo(engine, line, out, i, recs, report)
                    self._remember(line, out, recs[n:])
                    self.para_lines += 1
                else:
                    self.para = None
        else:
            self.para, self.para_lines = [], 0
        return out

    def _remember(self, line: str, out: str, found: list) -> None:
        if len(out) != len(line):
            return  # (a replacement of another length: places in the output are not the input's)
        for r in found:
            w = r["where"]
            a, z = w.get("start"), w.get("end")
            if r["type"] not in _ECHO_TYPES or a is None or z is None or "field" in w:
                continue
            v = line[a:z].strip()
            if len(v) < 3 and not (len(v) == 2 and v[0] >= "\u3400"):
                continue
            a = line.index(v, a)
            self.para.append((v, out[a:a + len(v)], r))

    def _echo(self, engine, line: str, out: str, i: int, recs: list, report: bool) -> str:
        """``out`` with every value of the paragraph's earlier lines that this line still shows
        replaced by its masked form (one record each, typed like the value's own finding)."""
        if len(out) != len(line):
            return out
        for v, masked, r in self.para:
            if v == masked or v not in line:
                continue
            start = 0
            while (a := line.find(v, start)) >= 0:
                z = a + len(v)
                start = z
                if out[a:z] != v:
                    continue  # (masked already)
                if _LATIN_LETTER.match(v[0]) and a and _LATIN_LETTER.match(line[a - 1]) or \
                        _LATIN_LETTER.match(v[-1]) and z < len(line) and _LATIN_LETTER.match(line[z]):
                    continue  # inside a longer word
                out = out[:a] + masked + out[z:]
                rec = audit_record(r["type"], r["role"], {"line": i, "start": a, "end": z}, "text.echo", 0.9,
                                   r["method"], engine.keys.value_mac(v))
                recs.append(rec.but(masked=masked, shape=shape(v)) if report else rec)
        return out

    def _line(self, engine, line: str, i: int, recs: list, report: bool, nxt: str | None, street: bool) -> str:
        body = line.rstrip("\r\n")
        tail = line[len(body):]
        if not body.strip():
            self.prev = ""
            if self.block is not None:
                # an address ends at a blank line; a signature may follow one, within its 3 lines
                # (so that a block spans at most 4 lines: ``_boundary`` keeps it in one piece)
                kind, left = self.block
                self.block = (kind, left - 1) if kind == "signature" and left > 1 else None
            elif self.closing:
                self.closing, self.block = False, ("signature", 2)
            return engine.mask_value(body, {"line": i}, None, recs, report=report) + tail
        label, self.label = self.label, None
        prev, self.prev = self.prev, body
        closing, self.closing = self.closing, False
        block, self.block = self.block, None
        if closing:
            block = ("signature", 3)
        anchor = ANCHOR_ALONE.fullmatch(body) is not None
        closes = _CLOSING.fullmatch(body) is not None
        if block is not None and not anchor and not closes:
            kind, left = block
            column = None
            if kind == "signature":
                if _PHONE_LINE.fullmatch(body) and sum(c.isdigit() for c in body) >= 6:
                    column = "phone"
                elif (_NAME_LINE.fullmatch(body) or _SIGNED_LATIN.fullmatch(body)
                      or not body.isascii() and _PERSON_LINE.fullmatch(body)) and len(body) <= 40 and signed_name(body):
                    column = "name"  # the writer's name under a closing
                elif left == 3 and _SIGNED_GIVEN.fullmatch(body) and given_word(body.strip(" \t.!")):
                    column = "name"  # (a given name alone, right under the closing)
            elif len(body) <= 80 and (any(c.isdigit() for c in body) or len(body.split()) <= 5
                                      # ('Avenida dos Capitães de Abril, S/N': six words, no digit;
                                      # world_text --formats mail seed 104)
                                      or street_type_first(body) or NO_NUMBER.search(body) is not None):
                # the block's first line is the street line (the town follows on its own line, or
                # after a postcode: 'Bldg 99, Kazidanga Park' / 'Sherpur 7828' kept the park)
                column = "street" if left == 3 else "address"
            if left > 1 and (column is not None or kind == "signature"):
                # (a signature's line that is neither, a job title or a shop, is read as text and
                # the block goes on: the phone may follow it)
                self.block = (kind, left - 1)
            if column is not None:
                return engine.mask_value(body, {"line": i}, column, recs, report=report) + tail
        if closes:
            self.closing = True
            return body + tail
        if not anchor and _intro(body):
            self.block = ("address", 3)
        if body[:1] in "FNTEALIi":
            m = _VCARD.fullmatch(body)
            if m is not None:
                return _vcard(engine, m, i, recs, report) + tail
        if anchor:
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
        if nxt is not None and label is None and len(body) <= 40 and _name_shaped(body):
            # a name alone on its line, a phone, a street or an e-mail on the next ('Jane Smith' /
            # '07700 900123', 'Müller, Hans' / 'Hauptstr. 5' at a note's start, with no label: the
            # name stood, read alone; found by hand): read with the next line, as the detectors
            # read a record's name beside its phone or street; this line's part taken
            got = _with_next(engine, body, nxt, i, recs, report)
            if got is not None:
                return got + tail
        if street and _TOWN_LINE.fullmatch(body) and not _NUMBERISH.fullmatch(body) \
                and engine.masker.op(EntityType.ADDRESS_REGION) != "keep":
            # the postcode and town line under a street line ('12 rue de la Paix' / '75002 Paris',
            # 'Apt 4, 12 Main St' / 'Dublin 2'): kept by share as the region, it stood in dispose,
            # read as words (found by hand); a preset that removes the region reads it as one
            # when its own reading found nothing
            return _or_as(engine, body, i, "region", recs, report) + tail
        if _number_line(body) and len(prev) <= 40 and _name_shaped(prev) and not reference_before(prev + "\n"):
            # a number alone under a name ('Anna Kowalska' / '512345678'): a phone, whatever its
            # writing (read as one when its own reading found nothing)
            return _or_as(engine, body, i, "phone", recs, report) + tail
        if body[:1] in " \t(0" and bare_mobile(body) and not reference_before(prev + "\n"):
            # a mobile number alone on its line without a separator ('07700900123' under a name and
            # a street stood, found by hand): a phone line (a table's cell of that shape is as
            # often an order number, so the detectors leave it to the line's reading)
            return engine.mask_value(body, {"line": i}, "phone", recs, report=report) + tail
        return engine.mask_value(body, {"line": i}, None, recs, report=report) + tail


# a name written surname first with a comma ('Müller, Hans', "O'Brien, Sean Patrick")
_SURNAME_FIRST = lazy(r"[ \t]*[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]+,[ \t]+[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]+(?:[ \t]+[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-]+)?[ \t]*")


# a town line: a short line with a postcode's digits and a word ('75002 Paris', 'Dublin 2',
# '1015 CJ Amsterdam', 'London SW1A 2AA', 'Austin, TX 78701', '110 00 Praha 1')
_TOWN_LINE = lazy(r"(?=[^@]{3,50}$)(?=.*\d)(?=.*[^\W\d_]{3})[ \t]*[^\W_][\w'’.\-]*(?:[ \t,]+[\w'’.\-()]+){1,5}[ \t]*")
_NUMBERISH = lazy(r"[\d \t+()\-./]+")


def _or_as(engine, body: str, i: int, column: str, recs: list, report: bool) -> str:
    """``body`` read as a line of text, or as a value of ``column`` when that found nothing."""
    part: list = []
    out = engine.mask_value(body, {"line": i}, None, part, report=report)
    if not part:
        out = engine.mask_value(body, {"line": i}, column, part, report=report)
    recs.extend(part)
    return out


def _number_line(line: str) -> bool:
    """A line that is only a phone's number in some writing, 9-15 digits ('512345678',
    '333 123 4567'), not a date."""
    s = line.strip()
    return s[:1] in "+(0123456789" and sum(c.isdigit() for c in s) >= 9 and field_phone(s)


def _name_shaped(body: str) -> bool:
    return (_NAME_LINE.fullmatch(body) is not None or _SIGNED_LATIN.fullmatch(body) is not None
            or _SURNAME_FIRST.fullmatch(body) is not None
            or not body.isascii() and _PERSON_LINE.fullmatch(body) is not None) and signed_name(body)


def _with_next(engine, body: str, nxt: str, i: int, recs: list, report: bool) -> str | None:
    """``body`` masked as read together with the next line (``nxt``): its own part, when the
    reading found a name in it and nothing across the two; None otherwise."""
    after = nxt.rstrip("\r\n")
    if not after.strip() or len(after) > 80 or "\n" in body:
        return None
    joined = body + "\n" + after
    part: list = []
    out = engine.mask_value(joined, {"line": i}, None, part, report=report)
    k = len(body)
    if out.count("\n") != 1 or any(r["where"]["start"] <= k < r["where"]["end"] for r in part):
        return None
    mine = [r for r in part if r["where"]["end"] <= k]
    if not any(r["type"] == "name" for r in mine):
        first = k + 1 + len(after) - len(after.lstrip())
        at_start = [r for r in part if r["where"]["start"] == first]
        if mine or not (_SURNAME_FIRST.fullmatch(body) is not None and at_start or _number_line(after)
                        or any(r["type"] == "email" and r["where"]["end"] == len(joined.rstrip()) for r in at_start)):
            return None
        # surname first with its comma, and the next line starts with a phone, a street or an
        # e-mail ('Müller, Hans' / 'Hauptstr. 5': no detector reads that shape beside a street),
        # or any name over a line that is only an e-mail address or only a phone's number in some
        # writing ('Sean O'Brien' / 'sean.obrien@example.ie', 'Anna Kowalska' / '512345678': a
        # Polish mobile has no trunk 0 or label for the detectors to go by; both stood): the
        # line read as a name (and the number as a phone, ``_Lines``)
        return engine.mask_value(body, {"line": i}, "name", recs, report=report)
    recs.extend(mine)
    return out.split("\n", 1)[0]


def _line_start(buf: bytes, end: int) -> int:
    """The start of the line that ends (its line end included) at ``end``, lines ended as one
    process reads them: LF, CRLF or a lone CR (a lone CR inside what LF alone would call one line
    ends a line there too)."""
    stop = end - 1  # (the line's own end: LF, CR, or CR LF)
    if stop > 0 and buf[stop] == 10 and buf[stop - 1] == 13:
        stop -= 1
    return max(buf.rfind(b"\n", 0, stop), buf.rfind(b"\r", 0, stop)) + 1


def _cut_before(line: str) -> bool:
    """A label alone, a closing or a line announcing an address: ``_boundary`` may start a piece
    there (and ``_Lines`` a paragraph of repeats, so that both read alike in every piece)."""
    return ANCHOR_ALONE.fullmatch(line) is not None or _CLOSING.fullmatch(line) is not None \
        or _intro(line)


def _boundary(buf: bytes, first: bool = False, enc: str = "utf-8") -> int:
    """``pieces.line_boundary``, moved before a label, a closing or a line that announces an
    address among the last lines before it, so that a label and its value, a closing and the
    name and phone under it, an address's lines fall in one piece (a block spans at most
    ``_CUT_BACK`` lines)."""
    cut = pieces.line_boundary(buf, first)
    if first:
        return cut
    pos, earliest, blank = cut, None, None
    for _ in range(_CUT_BACK):
        if pos <= 0:
            break
        start = _line_start(buf, pos)
        # (in the stream's own encoding: a label alone in GB18030 read as UTF-8 was no label, and
        # the piece started where one process reads a paragraph on)
        last = buf[start:pos].decode(enc, "replace").rstrip("\r\n")
        if _cut_before(last):
            earliest = start
        if blank is None and not last.strip():
            # (at the last blank line, which starts the next piece: a run of lines, a name over its
            # phone or a street over its town, is read in one piece, and so are a paragraph's echo
            # lines, ``_ECHO_LINES``, which a blank line first starts in every piece)
            blank = start
        pos = start
    return earliest if earliest else blank if blank else cut


def mask(src, dst, job, fmt: str = "txt") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        pieces.mask_line_stream(text, dst, job, enc.name, _Lines(), functools.partial(_boundary, enc=enc.name))
    except UnicodeDecodeError:
        raise decode_error() from None
