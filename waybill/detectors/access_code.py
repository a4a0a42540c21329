"""A building's door, gate or keypad code, and a parcel locker's pickup code, after their label
('门禁密码 #1234', '取件码 5-2-3021', 'gate code 4711#', 'Digicode : A1234', 'Türcode 2580'). Found by
hand (2026-12-06): the code stood in every preset beside a masked address. A door code in a
delivery note opens the recipient's door (the burglary a leaked label feeds); a pickup code
collects their parcel. Reported as part of the address (masked by every preset that masks the
street). The label must come first, and the code must hold three digits or more."""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context

# the labels, in the languages carriers and shops print
_LABEL = (r"门禁密码|门禁码|门禁卡号|门禁|开门密码|大门密码|楼道密码|单元门密码|密码锁|门锁密码|门牌密码|取件码|提货码|取货码|柜门密码"
          r"|(?i:door[ \t]?code|gate[ \t]?code|entry[ \t]?code|access[ \t]?code|keypad(?:[ \t]?code)?|buzzer(?:[ \t]?code)?"
          r"|intercom(?:[ \t]?code)?|lock[ \t]?box(?:[ \t]?code)?|key[ \t]?safe(?:[ \t]?code)?|pickup[ \t]?code"
          r"|t(?:ü|ue)r[ \t\-]?code|tor[ \t\-]?code|haust(?:ü|ue)r[ \t\-]?code|digicode|code[ \t](?:porte|portail|d'acc[eè]s|d’acc[eè]s|immeuble)"
          r"|c[oó]digo[ \t]de[ \t](?:acceso|portal|puerta|entrada)|codice[ \t](?:cancello|portone|citofono|d'accesso)"
          r"|deur[ \t]?code|toegangscode|poortcode|kod[ \t](?:do[ \t])?(?:domofonu|bramy|drzwi)|portkod|d(?:ø|o)rkode|ovikoodi"
          r"|porttelefonkod"
          # (Turkish: 'kapı kodu 2580' stood; found by hand)
          r"|kap[ıi][ \t]kodu|bina[ \t]kodu|site[ \t]kodu)")
# the code: digits with '#', '*', a letter first, a dash or a space inside, 3-12 characters, 3+ digits
_CODE = r"(?P<code>[#*]?[A-Za-z]?\d[\d#*\- ]{1,10}[\d#*A-Za-z]?)"
_CODE_RE = lazy(rf"(?:{_LABEL})(?:[ \t]*(?:是|为|為|:|：|=|is|ist|est|es|è|#)?[ \t]*){_CODE}(?![\dA-Za-z])")
# what the test looks for first (C-level substring checks, no regex): a Chinese label holds 门禁 or
# 码; the others are looked for only in a text with Latin letters
_LATIN_GATE_WORDS = ("ode", "ODE", "kodu", "eypad", "uzzer", "ntercom", "ockbox", "ock box", "ey safe", "eysafe", "ódigo", "odice",
                     "kod", "koodi", "ür", "tuer", "Tuer")
_ALPHA = 1  # (detect.ALPHA: the text has a letter A-Z)


def test(text: str, bits: int = _ALPHA) -> bool:
    """Whether a label can be in ``text`` (substring checks: most texts hold none)."""
    if "码" in text or "门禁" in text:
        return True
    return bool(bits & _ALPHA) and any(w in text for w in _LATIN_GATE_WORDS)


# a bare 'code' and its value in a text that names a door, a gate, a floor or a flat ('Bât A, 3e
# étage, porte gauche, code 1234B' stood; found by hand): the door's code
_BARE_CODE_RE = lazy(rf"(?<![^\W\d_])(?i:code|kod|kód|código|codice|koodi|kode)(?:[ \t]*(?::|：|=|#)?[ \t]*){_CODE}(?![\dA-Za-z])")
_DOORISH = lazy(r"(?i)porte|portail|door|gate|tür|tuer|tor\b|puerta|portal|portone|cancello|brama|drzwi|dveře|deur|"
                      r"étage|etage|floor|stock|piso|piano|bât|batiment|bâtiment|building|bldg|flat|apt|appart|wohnung|"
                      r"escalier|stairs|entrance|eingang|entrée|entree|hall|lobby")


def detect(text: str, ctx: Context) -> list[Finding]:
    out = []
    matches = list(_CODE_RE.finditer(text))
    if "ode" in text.lower() and _DOORISH.search(text) is not None:
        matches += [m for m in _BARE_CODE_RE.finditer(text)
                    if not any(k.start() < m.end() and m.start() < k.end() for k in matches)]
    for m in matches:
        a, z = m.span("code")
        code = text[a:z].rstrip(" -")
        if sum(ch.isdigit() for ch in code) < 3:
            continue
        out.append(Finding(EntityType.ADDRESS, a, a + len(code), code, 0.8, "access_code", role=ctx.role))
    return out
