"""Module-level patterns compiled on first use (waybill.lazy_re)."""

import pickle
import re
import subprocess
import sys
import types

from waybill.lazy_re import LazyPattern, lazy


def _module(src: str) -> types.ModuleType:
    m = types.ModuleType("waybill_lazy_probe")
    sys.modules[m.__name__] = m
    exec(src, m.__dict__)
    return m


def test_first_use_compiles_and_rebinds_every_name_of_the_module():
    m = _module("from waybill.lazy_re import lazy\nX = lazy(r'(?P<d>\\d+)')\nALIAS = X\nHELD = (X,)\n"
                "def find(s):\n    return X.search(s)\n")
    try:
        assert isinstance(m.X, LazyPattern) and m.X.pattern == r"(?P<d>\d+)"  # .pattern before compiling
        assert m.find("ab 12").group("d") == "12"
        assert isinstance(m.X, re.Pattern) and m.ALIAS is m.X  # rebound: the hot path calls the pattern
        held = m.HELD[0]  # a stand-in held elsewhere answers through the compiled pattern
        assert isinstance(held, LazyPattern)
        assert held.findall("1 22 333") == ["1", "22", "333"] and held.sub("#", "a1") == "a#"
        assert held.groupindex["d"] == 1 and held.flags & re.UNICODE
    finally:
        del sys.modules["waybill_lazy_probe"]


def test_flags_and_pickling():
    p = lazy(r"abc", re.I)
    assert p.fullmatch("ABC") is not None
    q = pickle.loads(pickle.dumps(lazy(r"x+", re.I)))
    assert isinstance(q, re.Pattern) and q.fullmatch("XX")
    assert repr(lazy("a")) == "lazy('a')"


def test_importing_the_detectors_compiles_few_of_their_patterns():
    # the point of it: a process pays for the patterns its texts need (importing waybill compiled
    # all ~620 of them, 0.25-0.45 s of every start); a module-level use of one compiles only it
    code = ("import waybill.cli, sys\n"
            "from waybill.lazy_re import LazyPattern\n"
            "n = sum(isinstance(v, LazyPattern) for m in list(sys.modules.values()) if m and "
            "m.__name__.startswith('waybill') for v in vars(m).values())\n"
            "print(n)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) >= 400, out.stdout


def test_every_lazy_pattern_of_the_package_compiles():
    # a pattern that compiles on first use fails there, not at import: compile them all here (in a
    # fresh interpreter, where none was used yet), so that a broken one fails this test instead of a
    # rare input in a depot's batch
    code = """
import importlib, pkgutil, re, sys
import waybill
from waybill.lazy_re import LazyPattern
n = 0
for info in pkgutil.walk_packages(waybill.__path__, "waybill."):
    if info.name.startswith(("waybill.generators", "waybill.web")) or info.name.endswith("__main__"):
        continue
    try:
        mod = importlib.import_module(info.name)
    except ImportError:  # an optional extra that is not installed
        continue
    for v in list(vars(mod).values()):
        if isinstance(v, LazyPattern):
            assert isinstance(v.compiled(), re.Pattern), v
            n += 1
print(n)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout) >= 400, out.stdout
