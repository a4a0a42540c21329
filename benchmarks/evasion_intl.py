"""Adversarial leak benchmark for Latin-script records: evasive spellings of synthetic European and
North-American names, international phone numbers and street lines, masked with the CLI, with the
leak rate per trick and preset.

    python -m benchmarks.evasion_intl [--n 60] [--seed 0] [--presets share,dispose] [--tricks a,b]
                                      [--workers 1] [--keep DIR] [--show N] [--json [FILE]]
    python -m benchmarks.evasion_intl --list

``benchmarks.evasion`` writes Chinese values; this one writes one contact record a case ("Ship to:
NAME, STREET NO, POSTCODE TOWN, Tel PHONE" in TXT and JSON, or the same values in the columns of
a CSV), its name, phone and street written the way people and attackers write them: decomposed
accents (NFD, as macOS files are), full-width or mathematical letters, zero-width characters and
soft hyphens inside words, spacing and combining accents inside words, Cyrillic and Greek
look-alike letters, no-break spaces, capitals, the letter O for 0 and l for 1 in the phone, a
separator between every digit; ``mixed`` applies 2-3 of them. ``plain`` is the control row.

Scoring imports nothing of waybill. Each output record is normalised (NFKC; invisible characters,
combining and spacing accents removed; Cyrillic and Greek look-alikes read as Latin; upper case)
and a planted value *leaks* when:

- name: a word of it (4+ letters) is still readable whole (share keeps initials only; dispose
  removes the name);
- phone: 5 digits of its national number in a row are readable (share keeps the last 4; O read as
  0, l and I as 1 between digits);
- street: the street's own name word is readable (both presets remove the street line); dispose:
  also the town.

Utility: the share column "town kept" counts records whose town is still readable (share keeps it).

Values and their context are drawn so that no required part occurs in the rest of the record: an
unmasked case always counts as leaked (checked at generation). Prints trick | cases | leaked per
preset, a per-format table and the verify exit codes, and exits 1 when anything leaked.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from benchmarks.evasion import _run, mask_dir, read_records, run_env

GIVEN = ["Amélie", "Jörg", "Zoë", "Øystein", "Łukasz", "Søren", "Inés", "François", "Björn", "Matthäus",
         "Renée", "Joaquín", "Dagmar", "Henrike", "Wouter", "Agnieszka", "Radek", "Giulia", "Mehmet", "Siobhán",
         "Thomas", "Margaret", "Oliver", "Charlotte", "Edmund", "Nathalie", "Ingeborg", "Tiago", "Kerstin", "Ludovic"]
FAMILY = ["Lefèvre", "Müller", "Nuñez", "Dvořák", "Kowalczyk", "Åkesson", "Brønnum", "García", "Schröder",
          "Vandersteen", "Rossetti", "Yıldırım", "O'Sullivan", "Fitzgerald", "Hennessy", "Oberhuber", "Laurent",
          "Bergqvist", "Jovanović", "Kristiansen", "Whitaker", "Pemberton", "Castellano", "Moreau", "Szabó"]
# (street name word, the street as written, postcode, town, label, phone region)
PLACES = [
    ("Linden", "Lindenstraße {n}", "10115", "Berlin", "Empfänger:", "DE"),
    ("Kastanien", "Kastanienallee {n}", "80331", "München", "Empfänger:", "DE"),
    ("Lilas", "{n} rue des Lilas", "69003", "Lyon", "Destinataire :", "FR"),
    ("Garibaldi", "Via Garibaldi {n}", "20121", "Milano", "Destinatario:", "IT"),
    ("Alcalde", "Calle del Alcalde Sáinz {n}", "28001", "Madrid", "Destinatario:", "ES"),
    ("Kerkweg", "Kerkweg {n}", "3511 LK", "Utrecht", "Ontvanger:", "NL"),
    ("Storgatan", "Storgatan {n}", "114 55", "Stockholm", "Mottagare:", "SE"),
    ("Bredgade", "Bredgade {n}", "1260", "København K", "Modtager:", "DK"),
    ("Hawthorne", "{n} Hawthorne Avenue", "M5V 2T6", "Toronto ON", "Ship to:", "CA"),
    ("Willowbrook", "{n} Willowbrook Lane", "NW1 6XE", "London", "Deliver to:", "GB"),
    ("Chestnut", "{n} Chestnut Street", "02108", "Boston, MA", "Ship to:", "US"),
    ("Marszałkowska", "ul. Marszałkowska {n}", "00-514", "Warszawa", "Odbiorca:", "PL"),
]
LABELS = {"DE": "Tel.", "FR": "Tél.", "IT": "Tel.", "ES": "Tel.", "NL": "Tel.", "SE": "Tfn", "DK": "Tlf.",
          "CA": "Phone", "GB": "Tel", "US": "Phone", "PL": "Tel."}

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f"))
# Cyrillic and Greek letters that look like Latin ones (a subset of Unicode's confusables)
CYR = dict(zip("аеорсхуіјѕАВЕКМНОРСТХЅІЈ", "aeopcxyijsABEKMHOPCTXSIJ"))
GRK = dict(zip("οαικνρτυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oaikvptuABEZHIKMNOPTYX"))
_LOOKALIKE = str.maketrans({**CYR, **GRK})
_TO_CYR = {v: k for k, v in CYR.items()}
_TO_GRK = {v: k for k, v in GRK.items()}
_DIGITISH = re.compile(r"[0-9OIL](?:[\s.\-()/\u00a0\u202f]*[0-9OIL]){6,}")  # (on upper-cased text)


_SINGLE_SPACED = re.compile(r"(?<=\b\w) (?=\w\b)")


def normalise(text: str) -> str:
    """Independent of waybill: NFKC, invisible characters, combining and spacing accents removed,
    look-alikes read as Latin, upper case."""
    t = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    t = "".join(c for c in unicodedata.normalize("NFD", t)
                if unicodedata.category(c) not in ("Mn", "Sk"))
    return unicodedata.normalize("NFC", t).translate(_LOOKALIKE).upper()


# English digit words, read as digits by the scorer (a phone spelled out in words is still that
# phone to a reader); written independently of waybill's own list
_EN_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                   "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_EN_DIGIT_RE = re.compile(r"(?i)\b(?:(double|triple)\s+)?(" + "|".join(_EN_DIGIT_WORDS) + r")\b")


def _spelled_to_digits(norm: str) -> str:
    return _EN_DIGIT_RE.sub(lambda m: _EN_DIGIT_WORDS[m.group(2).lower()] * {"double": 2, "triple": 3}.get(
        (m.group(1) or "").lower(), 1), norm)


def digit_runs(norm: str) -> list[str]:
    """The digits of every phone-shaped run (O read as 0, l and I as 1 between digits; digit words
    read as their digits)."""
    out = []
    if _EN_DIGIT_RE.search(norm):
        norm = _spelled_to_digits(norm)
    for m in _DIGITISH.finditer(norm):
        run = m.group().translate(str.maketrans("OIL", "011"))
        d = re.sub(r"\D", "", run)
        if sum(c.isdigit() for c in m.group()) >= 4:
            out.append(d)
    return out


@dataclass
class Case:
    trick: str
    name: str
    street: str
    postcode: str
    town: str
    phone: str
    label: str
    tel: str
    parts: dict  # kind -> required parts (normalised)
    national: str
    fmt: str = ""
    file: str = ""
    leaked: dict = field(default_factory=dict)
    output: dict = field(default_factory=dict)

    def text(self) -> str:
        return f"{self.label} {self.name}, {self.street}, {self.postcode} {self.town}, {self.tel} {self.phone}"

    def leaks(self, record: str, preset: str) -> list[str]:
        norm = normalise(record)
        flat = re.sub(r"[\s,.;:|/\"'’\-]+", " ", norm)
        # (a word written letter by letter reads as the word: 'J O H N')
        words = set(flat.split()) | set(_SINGLE_SPACED.sub("", norm).split())
        kinds = []
        if any(w in words for w in self.parts["name"]):
            kinds.append("name")
        if any(self.national[i:i + 5] in run for run in digit_runs(norm) for i in range(len(self.national) - 4)):
            kinds.append("phone")
        if any(w in flat for w in self.parts["street"]):
            kinds.append("street")
        if preset == "dispose" and any(w in words for w in self.parts["town"]):
            kinds.append("town")
        return kinds

    def town_kept(self, record: str) -> bool:
        """share keeps the town (what a courier sorts by)."""
        words = set(re.sub(r"[\s,.;:|/\"'’\-]+", " ", normalise(record)).split())
        return all(w in words for w in self.parts["town"])


# --------------------------------------------------------------------------------------------
# the tricks: each writes the case's name / phone / street (or the whole record) another way

def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def _bold(s: str) -> str:
    out = []
    for c in s:
        if "A" <= c <= "Z":
            out.append(chr(0x1D400 + ord(c) - 65))
        elif "a" <= c <= "z":
            out.append(chr(0x1D41A + ord(c) - 97))
        else:
            out.append(c)
    return "".join(out)


def _inside_words(r: random.Random, s: str, pick: Callable[[], str], p: float = 0.5) -> str:
    """``pick()`` inserted after some letters inside each word (never first or last)."""
    out = []
    for w in s.split(" "):
        if len(w) < 3:
            out.append(w)
            continue
        chars = [w[0]]
        for c in w[1:-1]:
            chars.append(c)
            if c.isalpha() and r.random() < p:
                chars.append(pick())
        chars.append(w[-1])
        out.append("".join(chars))
    return " ".join(out)


def _lookalike(r: random.Random, s: str, table: dict) -> str:
    return "".join(table[c] if c in table and r.random() < 0.6 else c for c in s)


def _phone_letters(r: random.Random, s: str) -> str:
    return "".join("O" if c == "0" and r.random() < 0.8 else ("l" if c == "1" and r.random() < 0.8 else c) for c in s)


def _spell(r: random.Random, s: str) -> str:
    """The phone's national digits as English words ('+44 seven nine one one ...'), a pair of equal
    digits now and then as 'double', the country code kept as digits."""
    words = {v: k for k, v in _EN_DIGIT_WORDS.items() if k != "oh"}
    head, _, rest = s.partition(" ")
    digits = [c for c in rest if c.isdigit()]
    out, i = [], 0
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1] and r.random() < 0.5:
            out.append("double " + words[digits[i]])
            i += 2
        else:
            out.append(words[digits[i]])
            i += 1
    return f"{head} " + " ".join(out)


def _every_digit(r: random.Random, s: str, sep: str) -> str:
    head = "+" if s.startswith("+") else ""
    return head + sep.join(c for c in s if c.isdigit())


TRICKS: dict[str, tuple[str, Callable]] = {
    "plain": ("control row: the record as generated", lambda r, c: None),
    "nfd": ("the whole record decomposed (NFD)", lambda r, c: c.__setattr__("_whole", "nfd")),
    "fullwidth": ("the whole record in full-width letters and digits", lambda r, c: c.__setattr__("_whole", "fw")),
    "math_bold": ("name and street in mathematical bold letters",
                  lambda r, c: (c.__setattr__("name", _bold(c.name)), c.__setattr__("street", _bold(c.street)))),
    "zero_width": ("zero-width spaces and joiners inside the name's and street's words",
                   lambda r, c: (c.__setattr__("name", _inside_words(r, c.name, lambda: r.choice("\u200b\u200c\u200d\u2060"))),
                                 c.__setattr__("street", _inside_words(r, c.street, lambda: "\u200b")))),
    "soft_hyphen": ("soft hyphens inside the name's words",
                    lambda r, c: c.__setattr__("name", _inside_words(r, c.name, lambda: "\u00ad"))),
    "spacing_accent": ("spacing accents (˜ ¨ ´ ¯) inside the name's words",
                       lambda r, c: c.__setattr__("name", _inside_words(r, c.name, lambda: r.choice("˜¨´¯"), 0.3))),
    "combining": ("combining accents no precomposed letter has inside the name's words",
                  lambda r, c: c.__setattr__("name", _inside_words(r, c.name, lambda: r.choice("\u0307\u0323\u0331\u0330"), 0.4))),
    "cyrillic": ("Cyrillic look-alike letters in the name and street",
                 lambda r, c: (c.__setattr__("name", _lookalike(r, c.name, _TO_CYR)),
                               c.__setattr__("street", _lookalike(r, c.street, _TO_CYR)))),
    "greek": ("Greek look-alike letters in the name",
              lambda r, c: c.__setattr__("name", _lookalike(r, c.name, _TO_GRK))),
    "nbsp": ("no-break and narrow no-break spaces for every space",
             lambda r, c: c.__setattr__("_whole", "nbsp")),
    "capitals": ("name and street in capitals",
                 lambda r, c: (c.__setattr__("name", c.name.upper()), c.__setattr__("street", c.street.upper()))),
    "lower": ("the name in lower case", lambda r, c: c.__setattr__("name", c.name.lower())),
    "phone_letters": ("the letter O for 0 and l for 1 in the phone",
                      lambda r, c: c.__setattr__("phone", _phone_letters(r, c.phone))),
    "phone_spaced": ("a space, dot or dash between every digit of the phone",
                     lambda r, c: c.__setattr__("phone", _every_digit(r, c.phone, r.choice([" ", ".", "-"])))),
    "phone_fullwidth": ("the phone in full-width digits", lambda r, c: c.__setattr__("phone", _fullwidth(c.phone))),
    "phone_words": ("the phone's digits spelled out in English words ('double' for a pair)",
                    lambda r, c: c.__setattr__("phone", _spell(r, c.phone))),
    "letter_spaced": ("the name written letter by letter: one space between letters, two between words",
                      lambda r, c: c.__setattr__("name", "  ".join(" ".join(w) for w in c.name.split()))),
}
_MIXABLE = ["nfd", "zero_width", "soft_hyphen", "spacing_accent", "combining", "cyrillic", "nbsp", "capitals",
            "phone_letters", "phone_spaced", "phone_fullwidth", "fullwidth"]


def _phone(r: random.Random, region: str) -> tuple[str, str]:
    """A valid number of ``region`` written internationally, and its national significant number."""
    import phonenumbers

    ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    for _ in range(200):
        nsn = str(ex.national_number)
        nsn = nsn[:-4] + "".join(r.choice("0123456789") for _ in range(4))
        num = phonenumbers.parse(f"+{ex.country_code}{nsn}")
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL), nsn
    return phonenumbers.format_number(ex, phonenumbers.PhoneNumberFormat.INTERNATIONAL), str(ex.national_number)


def _words(s: str) -> list[str]:
    return [w for w in re.sub(r"[\s,.'’\-]+", " ", normalise(s)).split() if len(w) >= 4]


def make_case(r: random.Random, trick: str) -> Case:
    name = f"{r.choice(GIVEN)} {r.choice(FAMILY)}"
    word, street, postcode, town, label, region = r.choice(PLACES)
    street = street.format(n=r.randint(2, 199))
    phone, nsn = _phone(r, region)
    c = Case(trick, name, street, postcode, town, phone, label, LABELS[region],
             {"name": _words(name), "street": [normalise(word)], "town": _words(town) or [normalise(town)]}, nsn)
    c._whole = ""
    tricks = r.sample(_MIXABLE, r.randint(2, 3)) if trick == "mixed" else [trick]
    for t in tricks:
        TRICKS[t][1](r, c)
    return c


def record_text(c: Case) -> str:
    s = c.text()
    if c._whole == "nfd":
        s = unicodedata.normalize("NFD", s)
    elif c._whole == "fw":
        s = _fullwidth(s)
    elif c._whole == "nbsp":
        s = "".join(random.Random(s).choice("\u00a0\u202f") if ch == " " else ch for ch in s)
    return s


def generate(seed: int, n: int, tricks: list[str]) -> list[Case]:
    out = []
    for t in tricks:
        r = random.Random(f"{seed}:{t}")
        for _ in range(n):
            for _try in range(50):
                c = make_case(r, t)
                # no required part in the record's context (labels, town, the other values)
                context = normalise(f"{c.label} {c.postcode} {c.town} {c.tel}")
                if any(w in context for w in c.parts["name"] + c.parts["street"]):
                    continue
                if set(c.leaks(record_text(c), "dispose")) >= {"name", "phone", "street", "town"}:
                    break
            else:
                raise AssertionError(f"trick {t}: an unmasked case does not score as a leak")
            out.append(c)
    return out


FORMATS = ("txt", "csv", "json")
CSV_HEADERS = [["name", "phone", "address", "note"], ["Name", "Telefon", "Anschrift", "Notiz"],
               ["recipient", "tel", "delivery address", "comment"]]


def write_inputs(cases: list[Case], d: Path) -> dict[str, list[Case]]:
    d.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[Case]] = {}
    for i, c in enumerate(cases):
        c.fmt = FORMATS[i % len(FORMATS)]
        c.file = {"txt": "cases.txt", "json": "cases.json"}.get(c.fmt) or f"cases_{i // 3 % len(CSV_HEADERS)}.csv"
        files.setdefault(c.file, []).append(c)
    for fname, fc in files.items():
        path = d / fname
        if fname.endswith(".txt"):
            path.write_text("".join(record_text(c) + "\n" for c in fc), encoding="utf-8")
        elif fname.endswith(".json"):
            path.write_text(json.dumps([{"id": k, "note": record_text(c)} for k, c in enumerate(fc)],
                                       ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(CSV_HEADERS[int(fname[len("cases_"):-4])])
            for c in fc:
                whole = record_text(c)  # the whole-record tricks apply to every cell
                conv = (lambda s: unicodedata.normalize("NFD", s)) if c._whole == "nfd" else \
                    (_fullwidth if c._whole == "fw" else (lambda s: s))
                w.writerow([conv(c.name), conv(c.phone), conv(f"{c.street}, {c.postcode} {c.town}"), "leave at door"])
                del whole
            path.write_text(buf.getvalue(), encoding="utf-8")
    return files


def score(out_dir: Path, files: dict[str, list[Case]], preset: str) -> dict:
    facts = {}
    for fname, fc in files.items():
        o = out_dir / fname
        recs = read_records(o, len(fc)) if o.exists() else None
        if recs is not None and fname.endswith(".json"):
            recs = [json.loads(x).get("note", x) if x.startswith("{") else x for x in recs]
        whole = o.read_text(encoding="utf-8", errors="replace") if o.exists() and recs is None else None
        for k, c in enumerate(fc):
            if not o.exists():
                c.leaked[preset] = None
                continue
            rec = recs[k] if recs is not None else whole
            kinds = c.leaks(rec, preset)
            c.leaked[preset] = kinds
            if preset == "share":
                c.kept = c.town_kept(rec)
            if kinds:
                c.output[preset] = rec if recs is not None else "(whole file)"
        facts[fname] = {"output": o.exists(), "aligned": recs is not None}
    return facts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=60, help="cases per trick (default 60)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--presets", default="share,dispose")
    ap.add_argument("--tricks", default="")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--show", type=int, default=0, help="print up to N leaked records (masked) per trick")
    ap.add_argument("--json", nargs="?", const="-", default=None, metavar="FILE")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    all_tricks = list(TRICKS) + ["mixed"]
    if a.list:
        for k in all_tricks:
            print(f"{k:<18} {TRICKS[k][0] if k in TRICKS else '2-3 of the others on one record'}")
        return 0
    tricks = [t for t in a.tricks.split(",") if t] or all_tricks
    presets = [p for p in a.presets.split(",") if p]
    bad = [t for t in tricks if t not in all_tricks] + [p for p in presets if p not in ("share", "dispose")]
    if bad:
        ap.error(f"unknown trick or preset: {', '.join(bad)}")
    cases = generate(a.seed, a.n, tricks)
    base = a.keep or Path(tempfile.mkdtemp(prefix="waybill-evasion-intl-"))
    src = base / "cases"
    if src.exists():
        shutil.rmtree(src)
    files = write_inputs(cases, src)
    env = run_env(base)
    runs = {}
    try:
        for preset in presets:
            out, rc, err, secs = mask_dir(src, base, preset, a.workers, env, a.timeout)
            facts = score(out / src.name, files, preset)
            verify = {}
            for fname in files:
                o = out / src.name / fname
                if o.exists():
                    verify[fname] = _run([sys.executable, "-m", "waybill", "verify", str(o), "--preset", preset],
                                         env, base, a.timeout)[0]
            runs[preset] = {"exit": rc, "seconds": round(secs, 1), "files": facts, "verify": verify,
                            "stderr": err.strip()[-300:]}
            if rc not in (0, 7):  # no outputs to score: say why, not a table of zeros alone
                print(f"evasion_intl: waybill mask --preset {preset} exited {rc}: {err.strip()[-300:]}",
                      file=sys.stderr)
    finally:
        if a.keep is None:
            shutil.rmtree(base, ignore_errors=True)

    report = {"seed": a.seed, "n": a.n, "rows": [], "totals": {}, "runs": runs}
    print(f"{'trick':<18}" + "".join(f"{p + ' leaked':>22}" for p in presets)
          + ("   share town kept" if "share" in presets else ""))
    for t in tricks:
        tc = [c for c in cases if c.trick == t]
        row = {"trick": t, "cases": len(tc)}
        line = f"{t:<18}"
        for p in presets:
            k = sum(1 for c in tc if c.leaked.get(p))
            row[p] = k
            line += f"{f'{k}/{len(tc)}':>14} {100 * k / len(tc):5.1f}%"
        if "share" in presets:
            kept = sum(1 for c in tc if getattr(c, "kept", False))
            row["town_kept"] = kept
            line += f"{f'{kept}/{len(tc)}':>14} {100 * kept / len(tc):5.1f}%"
        report["rows"].append(row)
        print(line)
    line = f"{'TOTAL':<18}"
    for p in presets:
        k = sum(1 for c in cases if c.leaked.get(p))
        failed = sum(1 for c in cases if c.leaked.get(p) is None)
        kinds: dict[str, int] = {}
        for c in cases:
            for kind in c.leaked.get(p) or []:
                kinds[kind] = kinds.get(kind, 0) + 1
        report["totals"][p] = {"leaked": k, "failed": failed, "kinds": kinds}
        line += f"{f'{k}/{len(cases)}':>14} {100 * k / len(cases):5.1f}%"
        if failed:
            line += f" ({failed} not scored: no output)"
    if "share" in presets:
        kept = sum(1 for c in cases if getattr(c, "kept", False))
        report["totals"]["share_town_kept"] = kept
        line += f"{f'{kept}/{len(cases)}':>14} {100 * kept / len(cases):5.1f}%"
    print(line)
    for p in presets:
        t = report["totals"][p]
        v = runs[p]["verify"]
        leaking_files = {c.file for c in cases if c.leaked.get(p)}
        missed = sorted(f for f in leaking_files if v.get(f) == 0)
        print(f"{p}: exit {runs[p]['exit']}, {runs[p]['seconds']} s; leaked kinds {t['kinds'] or '-'}; failed {t['failed']}; "
              f"verify exit by file {v}; leaking files verify called clean: {missed or '-'}")
        if a.show:
            for tr in tricks:
                shown = [c for c in cases if c.trick == tr and c.leaked.get(p)][:a.show]
                for c in shown:
                    print(f"  {p} {tr} {c.fmt} {'/'.join(c.leaked[p])}: {c.output[p][:180]}")
    if a.json:
        dump = json.dumps(report, ensure_ascii=False, indent=1, default=str)
        if a.json == "-":
            print(dump)
        else:
            Path(a.json).write_text(dump + "\n", encoding="utf-8")
    return 1 if any(report["totals"][p]["leaked"] or report["totals"][p]["failed"] for p in presets) else 0


if __name__ == "__main__":
    sys.exit(main())
