"""Module-level regular expressions compiled on first use.

The detectors define about 480 patterns at module level; a process that masks one kind of text
uses a fifth of them, and compiling the rest took 0.25-0.45 s of every process's start (a one-label
print job, a 1-row CSV: half of its time). ``lazy(pattern, flags)`` stands for
``re.compile(pattern, flags)``: the first use compiles it, and then every name of the defining
module bound to the stand-in is rebound to the compiled pattern, so the module's own code calls the
real pattern from then on (no indirection left on the hot path). A stand-in held elsewhere (another
module's import of the name, a tuple built at import) keeps working: it answers through the
compiled pattern's bound methods, kept in its own ``__dict__``.

``pattern`` is there before compiling (patterns are composed from others' ``.pattern`` at import).
"""

from __future__ import annotations

import re
import sys

_FORWARD = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags",
            "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str, flags: int, module: str | None):
        self.pattern = pattern
        self._lazy = (flags, module)

    def compiled(self) -> re.Pattern:
        flags, module = self.__dict__["_lazy"]
        rx = re.compile(self.pattern, flags)
        d = self.__dict__
        for k in _FORWARD:
            d[k] = getattr(rx, k)
        mod = sys.modules.get(module) if module else None
        if mod is not None:
            names = mod.__dict__
            for k in [k for k, v in names.items() if v is self]:
                names[k] = rx
        return rx

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_lazy":
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return (re.compile, (self.pattern, self.__dict__["_lazy"][0]))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)`` on first use (see the module docstring)."""
    return LazyPattern(pattern, flags, sys._getframe(1).f_globals.get("__name__"))
