"""What ``waybill verify`` counts on an OCR reading beyond the detectors and the layout stage.

The masker finds values with the detectors and the label layout stage; a re-read that only runs
the same rules shares their blind spots (a Spanish ``C/`` street, a street line no block holds,
a second label the layout could not place). ``verify`` therefore also judges each line it reads
by the value's own shape, wherever the line stands and whatever the masker made of it:

- a street line: a street word (``C/``, ``rue``, ``Road``, ``-straat``, ``ul.`` ...) with a house
  number beside it, or a house number before a street word (``82 rue des Lilas``).

And it reads each label of a photo a second time on its own (``label_views``): the label's paper
found by its outline, flattened (camera tilt taken out) and enlarged, so that a small label (the
smaller of two in one photo, a label far from the camera) is read at a size the engines read well,
whatever the masker read.

Only lines read with enough confidence and only their characters outside fills count
(``imaging._shape_outside_fills`` and ``_reads_a_fill`` run on these records as on the others), so
a correctly masked street (a fill with noise around it) does not count, nor a postcode/town line
that ``share`` keeps.
"""
from __future__ import annotations

import re
from .lazy_re import lazy

# street words that start or end a street name, in the languages carriers print. Words that are
# also non-street print on labels (Unit, Box, Block, Floor, Suite, Main, Cross) are left out: they
# need a street word of their own beside them to count
_WORDS = (r"Street|Str\.|Avenue|Ave\.?|Road|Rd\.?|Lane|Drive|Boulevard|Blvd\.?|Highway|Parkway|Court|"
          r"Close|Crescent|Terrace|Gardens|Square|Place|"
          r"rue|chemin|impasse|allée|all[ée]e|quai|cours|route|place|"
          r"via|viale|piazza|piazzale|corso|largo|vicolo|strada|"
          r"calle|c/|cl\.|avda\.?|avenida|paseo|p[ºo]\.?|plaza|pza\.?|carrer|camino|ronda|traves[sí]a|"
          r"rua|estrada|travessa|alameda|"
          r"straße|strasse|gasse|weg|platz|allee|ring|damm|ufer|"
          r"straat|laan|plein|gracht|kade|singel|dijk|"
          r"gatan|gata|gate|vägen|veien|vei|vej|gade|allé|torget|"
          r"ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac|"
          r"ulice|náměstí|nám\.|třída|nábřeží|"
          r"sokak|sok\.|sk\.|cadde(?:si)?|cad\.|mahalle(?:si)?|mah\.|bulvar[ıi]")
# a street word as a word of its own
_KW = r"(?<![\w/])(?:" + _WORDS + r")(?![\w])"
# a street word ending a compound word ('Molenweg', 'Storgata', 'Kirkegate', 'Hauptstraße')
_SUFFIX = (r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]{2,}(?:weg|straße|strasse|straat|gracht|kade|singel|dijk|gatan|gata|gate|"
           r"vägen|veien|vei|vej|gade|gasse|platz|allee|laan|plein|damm|ring)(?![\w])")
_NUM = r"\d{1,4}[A-Za-z]?(?![\d.:])"
_NAME_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žİı'’.\-]+"
# street word, then up to four name words, then the house number ('C/ de Alcalá 114',
# 'ul. Piękna 12', 'Via Roma 5'); a compound street word then its number ('Molenweg 40')
# (not the verb 'ring' before a bell: 'Please ring bell 3 (N****)' was read as a street; found by hand)
_AFTER = lazy(r"(?!ring\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:door\s*)?(?:bell|buzzer|intercom)\b)"
                    r"(?:" + _KW + r"|" + _SUFFIX + r")(?:\s+" + _NAME_WORD + r"){0,4},?\s+" + _NUM, re.I)
# house number, then up to three name words, then a street word ('82 rue des Lilas', '59 High Street')
_BEFORE = lazy(r"(?<![\d\w.,/-])" + _NUM + r",?\s+(?:" + _NAME_WORD + r"\s+){0,3}?(?:" + _KW + r")"
                     r"(?:\s+" + _NAME_WORD + r"){0,3}", re.I)
# a date or a time, a weight: what looks like a house number there is not one
_NOT_HOUSE = lazy(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d+[.,]\d+\s*(?:kg|g|lbs?)\b", re.I)


def street_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each street-shaped part of one read line (street word and house number),
    with at least three letters besides its street word ('Route 66', 'Platz 3' are not one)."""
    out: list[tuple[int, int]] = []
    for rx in (_AFTER, _BEFORE):
        for m in rx.finditer(text):
            a, z = m.span()
            part = text[a:z]
            if _NOT_HOUSE.search(part):
                continue
            kw = re.search(_KW, part, re.I)
            if sum(ch.isalpha() for ch in part) - (sum(ch.isalpha() for ch in kw.group()) if kw else 0) < 3:
                continue
            if any(a < z2 and a2 < z for a2, z2 in out):
                continue
            out.append((a, z))
    return sorted(out)


# a line read with less confidence than this is not judged by shape (OCR noise)
MIN_SCORE = 0.5


def shape_records(lines: list, recs: list, keys, page: int) -> list[dict]:
    """Records of street-shaped parts of ``lines`` (OCR lines of one reading) that no record in
    ``recs`` (the detectors' and the layout's) already holds as a value of its own."""
    from .engine import HEURISTIC, shape
    from .model import EntityType, audit_record

    held: dict[int, list] = {}
    for r in recs:
        w = r.get("where") or {}
        if w.get("field") is not None and w.get("start") is not None and r.get("detector") not in HEURISTIC:
            held.setdefault(w["field"], []).append((w["start"], w["end"]))
    out = []
    for i, l in enumerate(lines):
        if l.score < MIN_SCORE:
            continue
        for a, z in street_spans(l.text):
            if any(a < z2 and a2 < z for a2, z2 in held.get(i, ())):
                continue
            v = l.text[a:z]
            out.append(audit_record(EntityType.ADDRESS, None, {"page": page, "field": i, "start": a, "end": z},
                                    "verify.street_shape", round(float(l.score), 3), "redact", keys.value_mac(v),
                                    "".join("*" if not ch.isspace() else ch for ch in v), shape(v)))
    return out


# a label view: paper at least this share of the photo (smaller is noise), at most this share
# (the image is the label already: nothing to flatten)
VIEW_MIN_AREA = 0.03
VIEW_MAX_AREA = 0.85
VIEW_SIDE = 1600  # long side of a flattened label, pixels (enlarged up to this, never shrunk)
VIEW_MAX_UP = 3.0


def _order(q):
    import numpy as np
    s = q.sum(1)
    d = np.diff(q, axis=1).ravel()
    return np.array([q[np.argmin(s)], q[np.argmin(d)], q[np.argmax(s)], q[np.argmax(d)]], np.float32)


def label_views(arr, k: int = 2) -> list:
    """Each label of a photo flattened: [(view RGB array, 3x3 view -> input pixels)] for the (up to
    ``k``) largest bright four-sided areas (a label's paper on a darker surface) that cover between
    VIEW_MIN_AREA and VIEW_MAX_AREA of the image."""
    return flatten_views(arr, label_view_maps(arr, k))


def label_view_maps(arr, k: int = 2) -> list:
    """The maps of ``label_views`` without the flattening (a warp of the photo, ~45 ms a view):
    [(3x3 input -> view pixels, view width, view height)]."""
    import cv2
    import numpy as np

    g = cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY) if arr.ndim == 3 else arr
    h, w = g.shape[:2]
    f = min(1.0, 800 / max(h, w))
    small = cv2.resize(g, (max(8, int(w * f)), max(8, int(h * f))), interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, th = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    th = cv2.morphologyEx(th, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    cs, _ = cv2.findContours(th, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in sorted(cs, key=cv2.contourArea, reverse=True)[:k]:
        area = cv2.contourArea(c) / float(small.shape[0] * small.shape[1])
        if area < VIEW_MIN_AREA:
            break
        if area > VIEW_MAX_AREA:
            continue
        hull = cv2.convexHull(c)
        q = None
        for eps in (0.02, 0.03, 0.05, 0.08):
            ap = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
            if len(ap) == 4:
                q = ap.reshape(4, 2).astype(np.float32)
                break
        if q is None:
            q = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)
        q = _order(q / f)
        wd = max(np.linalg.norm(q[1] - q[0]), np.linalg.norm(q[2] - q[3]))
        ht = max(np.linalg.norm(q[3] - q[0]), np.linalg.norm(q[2] - q[1]))
        if min(wd, ht) < 32:
            continue
        s = min(VIEW_MAX_UP, max(1.0, VIEW_SIDE / max(wd, ht)))
        W, H = int(wd * s), int(ht * s)
        M = cv2.getPerspectiveTransform(q, np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32))
        out.append((M, W, H))
    return out


def flatten_views(arr, maps: list) -> list:
    """[(view RGB array, 3x3 view -> input pixels)] for maps of ``label_view_maps``."""
    import cv2
    import numpy as np

    return [(cv2.warpPerspective(arr, M, (W, H), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE),
             np.linalg.inv(M)) for M, W, H in maps]
