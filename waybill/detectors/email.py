"""E-mail addresses."""
from __future__ import annotations

import re

from ..model import EntityType, Finding
from . import Context

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])"
)


def detect(text: str, ctx: Context) -> list[Finding]:
    if "@" not in text:
        return []
    return [Finding(EntityType.EMAIL, m.start(), m.end(), m.group(), 0.99, "email")
            for m in EMAIL_RE.finditer(text)]
