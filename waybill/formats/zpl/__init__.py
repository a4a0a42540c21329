"""ZPL II (and EPL2) print streams: mask personal field data in place, byte-identical otherwise.

Reads label by label (``^XA`` ... ``^XZ``) so memory stays flat on long print jobs. Understands
``^FO``/``^FT`` positions, ``^A``/``^CF`` fonts, ``^FW`` orientation, ``^FD``/``^FV`` data, ``^FH``
hex escapes with their indicator, ``^CI`` code pages (by their real encodings: UTF-8, GB18030,
Shift-JIS, UTF-16, Zebra 850, Windows 125x),
``^FB`` blocks with ``\\&`` or newline breaks, ``^FX`` comments, ``^CC``/``~CC`` prefixes, and the
barcode commands. Personal data is found per label by grouping text fields into blocks (lines
stacked in reading direction), tying blocks to anchors in the languages carriers print (SHIP TO,
FROM, Name (Customer), Till, Mottagare, Empfänger, Destinataire, Alıcı, 收件人, ...) and to their
shape (a postcode/city line; a name-shaped line with a phone or street line), then by the shared
text detectors; every value found is then searched for in every other field of the label (the
stub, the second copy) and masked there too. The same logic serves OCR'd label images.
Linear barcodes keep their data (``share``/``print``); 2D codes have the personal parts of their
payload masked with the payload structure kept; ``dispose`` empties every code and tracking text.
Embedded graphics (``^GF`` under any command prefix, ``~DG`` downloads; EPL ``GW``/``GM``) are decoded
and read through the image path, personal text filled in their pixels; a graphic that cannot be read
(undecodable, too large, no OCR engine, glyph-like ink the OCR cannot read) is blanked, never copied
unread (``dispose`` blanks them all). ``^FX`` comments are masked. EPL2 streams are read label by label.
"""
from __future__ import annotations

from .epl import _epl_labels, looks_like_epl, mask_epl
from .fields import (
           LINEAR,
           MAX_LABEL,
           TWO_D,
           Fld,
           State,
           ci_encoding,
           decode_spans,
           encode,
           parse_label,
)
from .graphics import (
           GF_RE,
           MAX_GFX,
           _gfx_head,
           decode_gfa,
           encode_gfa,
           graphic_edits,
           inspect_bitmap,
)
from .stream import _labels, mask

__all__ = ["GF_RE", "LINEAR", "MAX_GFX", "MAX_LABEL", "TWO_D", "Fld", "State", "ci_encoding", "decode_gfa",
           "decode_spans", "encode", "encode_gfa", "graphic_edits", "inspect_bitmap", "looks_like_epl", "mask",
           "mask_epl", "parse_label", "_epl_labels", "_gfx_head", "_labels"]
