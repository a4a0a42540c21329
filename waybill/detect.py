"""Run every detector over one text and resolve overlaps into a clean, sorted list of findings.

This is the one entry point both text exports and OCR'd labels use.
"""
from __future__ import annotations

import re
from .lazy_re import lazy
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable

from .detectors import Context
from .detectors import address_asia, name_asia, address_cn, address_column, address_eu, address_us, email, idcard, name_cn, name_en, phone_cn, phone_intl, spelled, tracking, unit_line
from .detectors import access_code, other_scripts
from .model import PERSONAL, EntityType, Finding
from .trie_regex import trie_pattern
from .normalize import DIGIT_OF, Mapped, _numerals, is_normal, letters_as_digits, normalize

T = EntityType

from .detectors import gstin  # noqa: E402  (issue 11: Indian GSTIN/PAN)

# lower number wins an overlap
_PRIORITY = {
    T.TRACKING: 0, T.MASKED: 1, T.VIRTUAL_PHONE: 1, T.EMAIL: 2, T.ID_CARD: 3, T.PHONE: 4,
    T.LANDLINE: 5, T.PHONE_INTL: 6, T.NAME: 7, T.ADDRESS_REGION: 8, T.ADDRESS: 9,
}
_TRIMMABLE = {T.ADDRESS, T.ADDRESS_REGION}
_RECORD_SPLIT = lazy(r"[;；\n|]+")
_CJK_RE = lazy(r"[\u3400-\u9fff]")
# a phone column's digit run: groups with spaces, hyphens, dots or slashes, or a trunk-0 area code in
# brackets first ("(0721) 123456", "(07204) 08671"; a US "(800) 845-9672" is read from its 7 digits
# as before, so that a toll-free area code does not make the whole a hotline)
# (an area code in brackets with its trunk 0, '(0721) 123456', or without it before a short local
# number, an Armenian '(282) 60948')
_DIGITS7 = lazy(r"\(0\d{1,4}\)[ \-./]?\d[\d \-./]{2,}\d|\([1-9]\d{1,3}\)[ \-./]?\d{4,6}(?![\d\-./])|"
                      r"\d[\d \-./]{5,}\d")
_ALPHA = lazy(r"[A-Za-z]")
_DIGIT = lazy(r"\d")
_PHONE_ONLY = lazy(r"[\d +\-()*]{7,24}")
_NANP_CELL = lazy(r"\([2-9]\d{2}\) ?\d{3}-\d{4}|[2-9]\d{2}-\d{3}-\d{4}")
_NUMERALS = "".join(sorted(DIGIT_OF))
_DIGITS_GATE = lazy(rf"\d[\d \-*＊xX.()_/·\u00a0\u3000#{_NUMERALS}]{{5,}}\d")
# digits split by what the digit gate does not take as a separator (a comma, a Unicode dash, spaces
# around a dash): such a text counts as holding a number when a phone label comes before the run
# or the run is a Chinese mobile's digits ('电话 138,1234,5678', '138 ‐ 1234 ‐ 5678':
# phone_cn.LABEL_THEN_RUN, phone_cn.SPLIT_RUN)
_SPLIT_GATE = lazy(r"\d[,，\u2010-\u2015\u2212 ]{1,3}\d")
# a phone column's digits in any separators (``_phone_column``), taken where one of them is not
# what _DIGITS7 takes between digits
_SPLIT_DIGITS = lazy(r"\d(?:[\W_]{1,4}\d|\d)+")
_ODD_SEP = lazy(r"[^\d \-./]")
_DIGITS15 = lazy(r"\d{6}[\d*＊xX]{8,}|\d{6}[ \-]{1,2}[*＊]{8}|\d\.\d{5}[\d*＊]{3,}[eE]|\d(?:[ .\-_/·\u00a0\u3000]{1,3}\d|\d){14}")
# every _DIGITS15 match lies inside one run of these characters; a run shorter than 14 can hold only
# the float form (with a point and an exponent). Searching the long runs alone skips the 11-digit
# phones of a dense text, where _DIGITS15's four alternatives are tried at every digit
_DIGITISH_RUN = lazy(r"[\d*＊xXeE .\-_/·\u00a0\u3000]{10,}")
_CTX_NONE = Context()


def _has_digits15(text: str) -> bool:
    """``_DIGITS15.search(text)``, run only over the runs that can hold a match."""
    for m in _DIGITISH_RUN.finditer(text):
        run = m.group()
        if (len(run) >= 14 or ("." in run and ("e" in run or "E" in run))) and _DIGITS15.search(run):
            return True
    return False
_PLAIN_NAME = lazy(rf"[{name_cn.CJK}]{{2,4}}")
_PLAIN_MOBILE = lazy(r"1[3-9]\d{9}")
# dates, times, weights, amounts, counts: too few digits in a run for any number detector and no
# letters for the others (tests/test_shortcuts.py checks this against the full run)
_INERT = lazy(r"\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                    r"|\d{1,2}:\d{2}(?::\d{2})?|[-+]?\d{1,6}(?:\.\d{1,4})?)\s*")
_PHONEISH = {T.PHONE, T.LANDLINE, T.VIRTUAL_PHONE, T.MASKED, T.PHONE_INTL}
_STREET_DETECTORS = frozenset(("address_eu.street", "address_us.street", "address_eu.street_vi", "address_eu.street_numbered",
                                "address_eu.street_co", "address_eu.street_ru"))
_START = attrgetter("start")
_ASCII_DIGIT = lazy(r"[0-9]")


def _resolve(findings: list[Finding]) -> list[Finding]:
    if len(findings) <= 1:
        return findings
    if len(findings) == 2:  # the common pair (region + detail, name + phone): no overlap, just order
        a, b = findings
        if a.end <= b.start:
            return findings
        if b.end <= a.start:
            return [b, a]
    # no two overlap (the common case, also in dense text: a phone every 12 characters): each one
    # is kept, in order of start, as the general pass below would keep them
    by_pos = sorted(findings, key=_START)
    prev_end = -1
    for f in by_pos:
        if f.start < prev_end or f.end <= f.start:
            break
        prev_end = f.end
    else:
        return by_pos
    if any(f.type is T.ID_CARD and ("national", True) in f.meta for f in findings):
        # a tracking number's shape that a national identity number after its label (or of its own
        # checked shape) also has is that identity number ('رقم الهوية الإماراتية 784198512345671'
        # was kept in share as a tracking number; found by hand, 2026-12-07 night); a tracking
        # number after its own label stays one
        ids = [f for f in findings if f.type is T.ID_CARD and ("national", True) in f.meta]
        findings = [f for f in findings if not (f.type is T.TRACKING and f.detector != "tracking.label"
                                                and any(f.overlaps(i) for i in ids))]
    findings.sort(key=lambda f: (_PRIORITY[f.type], -(f.end - f.start), f.start))
    kept: list[Finding] = []
    # kept findings never overlap one another: kept by start, a clash is found by bisection
    starts: list[int] = []
    by_start: list[Finding] = []

    def keep(f: Finding) -> None:
        i = bisect_right(starts, f.start)
        starts.insert(i, f.start)
        by_start.insert(i, f)
        kept.append(f)

    def clashes(f: Finding) -> list[Finding]:
        i = bisect_left(starts, f.end)  # kept findings that start before f ends
        out = []
        while i > 0 and by_start[i - 1].end > f.start:
            i -= 1
            if by_start[i].overlaps(f):
                out.append(by_start[i])
        return out

    for f in findings:
        clash = clashes(f)
        if not clash:
            keep(f)
            continue
        if f.type in _TRIMMABLE:
            # keep the parts of an address not claimed by stronger findings: the part before the
            # first of them, and the parts after a name inside its span (the street after a name
            # stood: 'Please deliver to LêJane at 6/19 Phố số 2, 44239 ...' kept only 'Please
            # deliver to '; world_text --locales scripts seed 83). What follows a phone inside a
            # span is not taken: a detail read on to the text's end ('... シャルム661. Call 070-4255-8030
            # if nobody is home.') ends at the phone
            start = f.start
            for k in sorted(clash, key=lambda k: k.start) + [None]:
                if k is not None and k.start <= start < k.end:
                    start = k.end
                    continue
                end = f.end if k is None else min(f.end, k.start)
                if end - start >= 2:
                    part = Finding(f.type, start, end, f.text[start - f.start:end - f.start], f.score, f.detector,
                                   f.meta, f.role)
                    if not clashes(part):
                        keep(part)
                if k is None or k.type is not T.NAME:
                    break
                start = max(start, k.end)
    kept.sort(key=lambda f: f.start)
    return kept


# (quotes, brackets and slashes end a piece too: '"张伟明 13912345678"', '张伟明/139-1234-5678/...' stood)
_PIECE = lazy(r"[^\s,，:：、()（）\[\]【】;；|/／\"'“”‘’「」『』《》〈〉<>{}]+")
# a Chinese name written with a space after the surname ('欧阳 娜娜, 138...', '张 伟 | 0912-...'):
# the given name, a piece by itself, was no name and stood
_SPACED_NAME = lazy(r"(?<!\w)([\u3400-\u9fff]{1,2})[ \u3000]([\u3400-\u9fff]{1,2})(?!\w)")


def _spaced_name(text: str, m: re.Match, ctx: Context) -> Finding | None:
    head, tail = m.group(1), m.group(2)
    joined = head + tail
    if name_cn.surname_len(joined) != len(head) or tail in name_cn._HONORIFIC or not name_cn.is_name_segment(joined):
        return None
    return Finding(T.NAME, m.start(), m.end(), m.group(), 0.8, "name_cn.spaced",
                   meta=(("surname_len", len(head)),), role=ctx.role)


def _name_lines_above_addresses(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A line that is nothing but a name, right above a line that starts with an address: a
    receiver block pasted into one cell ("陈大文\n香港九龍旺角彌敦道580號10樓B室") with its phone
    elsewhere in the row."""
    out: list[Finding] = []
    starts = {f.start for f in found if f.type in (T.ADDRESS, T.ADDRESS_REGION)}
    lines = list(re.finditer(r"[^\n]+", text))
    for cur, nxt in zip(lines, lines[1:]):
        piece = cur.group().strip(" \t\r;；|,，:：")
        after = nxt.group()
        first = nxt.start() + len(after) - len(after.lstrip())
        if not piece or first not in starts or any(cur.start() <= f.start < cur.end() for f in found):
            continue
        f = _name_line(text, piece, text.index(piece, cur.start()), ctx)
        if f:
            out.append(f)
    return out


def _before(text: str, i: int, end: int) -> int:
    """The first position at or after ``i`` (up to ``end``) that is not a space or a comma."""
    while i < end and (text[i].isspace() or text[i] in ",，、"):
        i += 1
    return i


def _name_line(text: str, piece: str, ps: int, ctx: Context) -> Finding | None:
    """A line (``piece`` at ``ps``) that is nothing but a name, an honorific after it allowed."""
    m = _SPACED_NAME.fullmatch(piece)
    if m is not None:  # ('金 怡 | 144...': the surname and the given name apart)
        f = _spaced_name(piece, m, ctx)
        return None if f is None else Finding(f.type, ps, ps + len(piece), piece, f.score, f.detector, f.meta, f.role)
    name = piece
    for h in name_cn._HONORIFIC:
        if name.endswith(h) and len(name) > len(h):
            name = name[: -len(h)]
            break
    if name_cn.is_name_segment(name) and not address_cn.ADDRESS_TAIL.search(name):
        return name_cn.name_finding(text, ps, ps + len(name), 0.8, "name_cn.line", ctx.role)
    return None


_PHONE_WORDS_AFTER = ("的联系电话", "联系电话", "电话号码", "手机号码", "的电话", "的手机", "手机号", "电话", "手机", "号码", "座机")


def _free_text_names(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """Names with no label in "paste the whole address" strings (see name_cn)."""
    if "\n" in text and not any(f.type in _PHONEISH for f in found) and not any(f.type == T.NAME for f in found):
        return _name_lines_above_addresses(text, found, ctx)
    # a Chinese name already found ends the search; a Latin one (寄件人 Wang Xiaoming 王小明) does not
    if not any(f.type in _PHONEISH for f in found) or any(f.type == T.NAME and ("latin", True) not in (f.meta or ())
                                                          for f in found):
        return []
    if not _CJK_RE.search(text):
        return []
    out: list[Finding] = []
    # record chunks between separators
    bounds = [0] + [m.end() for m in _RECORD_SPLIT.finditer(text)] + [len(text)]
    covered = sorted((f.start, f.end, f) for f in found)
    spans = list(zip(bounds, bounds[1:]))
    phone_in = [any(rs <= f.start < re_ and f.type in _PHONEISH for f in found) for rs, re_ in spans]
    for i, (rs, re_) in enumerate(spans):
        if re_ <= rs:
            continue
        in_rec = [f for f in found if rs <= f.start < re_]
        if not phone_in[i]:
            # a pasted block, one field per line: "王小明\n138...\n浙江省...": a line that is
            # nothing but a name, next to a line with a phone number
            near = (i > 0 and phone_in[i - 1]) or (i + 1 < len(spans) and phone_in[i + 1])
            piece = text[rs:re_].strip(" \t\r\n;；|,，:：")
            if near and not in_rec and piece:
                ps = text.index(piece, rs)
                f = _name_line(text, piece, ps, ctx)
                if f is None and (" " in piece or "\u3000" in piece):
                    # a name written apart at the end of the field, after a word of the note
                    # ('收货信息：杨 哲 | 194...')
                    for sm in _SPACED_NAME.finditer(text, ps, ps + len(piece)):
                        if sm.end() == ps + len(piece):
                            f = _spaced_name(text, sm, ctx)
                if f:
                    out.append(f)
            continue
        names: list[Finding] = []
        unsure: list[Finding] = []
        phone_ends = {g.end for g in in_rec if g.type in _PHONEISH}
        # (a masked e-mail or ID number is "phone-ish" for the other rules, not a phone a name
        # stands beside)
        real = [g for g in in_rec if g.type in _PHONEISH and (g.type is not T.MASKED or g.detector.startswith("phone"))]
        phone_starts, real_ends = {g.start for g in real}, {g.end for g in real}
        region_starts = {g.start for g in in_rec if g.type == T.ADDRESS_REGION}
        # 1. gaps not covered by any finding
        pos = rs
        gaps = []
        for s, e, f in covered:
            if e <= rs or s >= re_:
                continue
            if s > pos:
                gaps.append((pos, s))
            pos = max(pos, e)
        if pos < re_:
            gaps.append((pos, re_))
        for gs, ge in gaps:
            spaced = []
            if " " in text[gs:ge] or "\u3000" in text[gs:ge]:
                for sm in _SPACED_NAME.finditer(text, gs, ge):
                    f = _spaced_name(text, sm, ctx)
                    if f is not None:
                        names.append(f)
                        spaced.append(sm.span())
            for pm in _PIECE.finditer(text, gs, ge):
                ps, pe = pm.start(), pm.end()
                if spaced and any(a <= ps < b for a, b in spaced):
                    continue
                piece = pm.group()
                for w in _PHONE_WORDS_AFTER:
                    # (a phone's word after the name is no part of it: '张伟电话138...' masked 电话 as the
                    # given name's, and '楼下电话', '门卫电话' were read as names; found by hand)
                    if piece.endswith(w) and len(piece) >= len(w) + 2:
                        piece = piece[: -len(w)]
                        pe = ps + len(piece)
                        break
                if piece.endswith(name_cn._HONORIFIC):
                    for h in name_cn._HONORIFIC:
                        if piece.endswith(h) and len(piece) > len(h):
                            piece = piece[: -len(h)]
                            pe = ps + len(piece)
                            break
                q = ps
                while q > rs and text[q - 1].isspace():
                    q -= 1
                after_phone = q in phone_ends or q == rs
                before_region = pe in region_starts
                if name_cn.is_name_segment(piece) and (before_region or not address_cn.ADDRESS_TAIL.search(piece)):
                    f = name_cn.name_finding(text, ps, pe, 0.85, "name_cn.free", ctx.role)
                    if f:
                        names.append(f)
                elif after_phone and len(piece) > 5 and name_cn.surname_len(piece) and _CJK_RE.match(piece) \
                        and address_cn.ADDRESS_WORDS.search(piece):
                    k = name_cn.best_head_name(piece)
                    if k:
                        f = name_cn.name_finding(text, ps, ps + k, 0.7, "name_cn.head", ctx.role)
                        if f:
                            names.append(f)
                            out.append(Finding(T.ADDRESS, ps + k, pe, text[ps + k:pe], 0.7,
                                               "address_cn.detail"))
                elif (q in real_ends or (q == rs and real) or before_region or _before(text, pe, re_) in phone_starts) \
                        and name_cn.unlisted_name_segment(piece) and not address_cn.ADDRESS_TAIL.search(piece):
                    # "海明 13812345678 ...": two or three Han characters right beside the phone
                    # (or before the address) of a record whose surname is not in the list (南 海
                    # 初 由 ... are surnames too, left out of the list as everyday words): taken
                    # when the record has no other name
                    f = name_cn.name_finding(text, ps, pe, 0.6, "name_cn.beside_phone", ctx.role)
                    if f:
                        unsure.append(f)
        if not names and len(unsure) == 1:
            names = unsure
        # 2. a name glued to the end of the detail address
        if not names:
            for f in in_rec:
                if f.type != T.ADDRESS or not f.detector.startswith("address_cn"):
                    continue
                after = text[f.end:re_].lstrip()
                nxt = [g for g in in_rec if g.start >= f.end and g.type in _PHONEISH]
                if after and not (nxt and text[f.end:nxt[0].start].strip() == ""):
                    continue
                k = name_cn.best_tail_name(f.text)
                if k and k < len(f.text):
                    ns = f.end - k
                    nf = name_cn.name_finding(text, ns, f.end, 0.75, "name_cn.tail", ctx.role)
                    if nf:
                        names.append(nf)
                        out.append(("shrink", f, ns))  # type: ignore[arg-type]
                break
        out.extend(names)
    return out


_TOKEN = lazy(r"[0-9A-Za-z][0-9A-Za-z\-]{5,39}")
_MOBILE_CELL = lazy(r"(?:\+?86)?1[3-9]\d{9}")


def tracking_cell(text: str, ctx: Context = Context(hint=T.TRACKING)) -> bool:
    """Whether a cell of a tracking-number column is one tracking number (kept whole): one token
    that matches a carrier pattern, or any other token that is not a mobile or an ID number."""
    s = text.strip()
    if not _TOKEN.fullmatch(s):
        return False
    if tracking.TRACKING_RE.fullmatch(s):
        return True
    return not _MOBILE_CELL.fullmatch(s) and not (len(s) >= 15 and idcard.detect(s, ctx))


def _has_digit(s: str) -> bool:
    """Whether any character of ``s`` is a digit (``str.isdigit``)."""
    if s.isascii():
        return _ASCII_DIGIT.search(s) is not None
    return any(c.isdigit() for c in s)


def _all_digits_covered(text: str, found: list[Finding]) -> bool:
    pos = 0
    for f in sorted(found, key=_START):
        if f.start > pos and _has_digit(text[pos:f.start]):
            return False
        if f.end > pos:
            pos = f.end
    return not _has_digit(text[pos:])


def _with_role(found: list[Finding], role: str | None) -> list[Finding]:
    return [f if f.role else f.with_role(role) for f in found] if role else found


# long values are scanned in bounded windows that overlap by more than any one entity is long, so
# that detection time stays linear in the input whatever its content (issue 9)
WINDOW = 1024
OVERLAP = 160


def detect_text(text: str, hint: EntityType | None = None, role: str | None = None,
                region: str = "US", free_text: bool = True, shortcuts: bool = True,
                relay=None, street: bool = False) -> list[Finding]:
    """All findings in ``text``, non-overlapping and sorted by position.

    ``hint`` comes from a column name / JSON key; ``free_text`` enables unlabelled-name inference
    for whole-record strings; ``relay`` tells whether an 11+4 number is a relay number that this
    vault issued or that lies in a configured relay range (nothing else is "already virtual").
    ``shortcuts=False`` skips the fast paths for common column shapes (tests check that they
    return what the full run does). ``street``: the column holds the street line only (its name
    says so: 'Street', 'Address line 1', a vCard's street field), so no part of it is the town.

    Detection runs on the normal form of the text (``waybill.normalize``: full-width forms,
    zero-width characters, traditional characters, Chinese numerals) and every finding is mapped
    back to the original characters it covers."""
    if not text or text.isspace():
        return []
    # most text is its own normal form (ASCII, or no character the normaliser changes): a cheap
    # test decides that without building a map
    m = None if is_normal(text) else normalize(text)
    if m is not None and not m.identity:
        norm = m.text
    else:
        norm, m = text, None
        if shortcuts:
            got = _shortcut(text, hint, role)
            if got is not None:
                return got
    fixed = letters_as_digits(norm)
    if fixed is not None:
        norm = fixed
        m = Mapped(fixed, text, None, None) if m is None else Mapped(fixed, m.original, m.starts, m.ends)
    if ("**" in norm or "__" in norm or "[/" in norm or norm[:1] == "|") and (fixed := _plain_markup(norm)) is not None:
        norm = fixed
        m = Mapped(fixed, text, None, None) if m is None else Mapped(fixed, m.original, m.starts, m.ends)
    if len(norm) > WINDOW + OVERLAP:
        found = _windowed(norm, hint, role, region, free_text, shortcuts, relay, street)
    else:
        found = _detect(norm, hint, role, region, free_text, shortcuts, relay, street)
        if hint is not None and hint is not T.TRACKING and len(norm) >= 24 and _whole_record(norm, found):
            # a whole contact record typed into one column ('No. 161 Dongfeng Road, Tianhe District,
            # Guangzhou, Huang Yufei, 170...' in a name or phone column): read as free text too, where
            # the name beside the phone and the street are found (the column's reading left the name)
            found = _resolve(found + _detect(norm, None, role, region, True, shortcuts, relay))
    if m is None:
        return found
    return [_map_back(f, m) for f in found]


# chat and ticket markup around a label, read as blanks of the same length (positions kept):
# '**Name:** John Smith', '__Recipient__: ...', '[b]Name:[/b] ...', a Markdown table's row '| Name | John
# Smith |' (each name stood; found by hand). Only emphasis that opens before a letter and closes after
# one: a masked form's stars ('J*** S****') stay what they are, and so do a masked phone's and a
# masked postcode's beside digits ('**** **96; ... 62** Vodskov' was read as one emphasis, its stars
# as blanks, and the kept town and postcode head as a street; world_text --more-forms seed 117)
_MD_MARKS = lazy(r"(?P<open>(?<![*_\w])(?:\*\*|__)(?=[^\W\d_]))|(?P<close>(?<=[^\W\d_]|[:：.)])(?:\*\*|__)(?![*_\w]))|"
                 r"\[/?(?i:b|i|u|s|color|size|font|url|quote|code|center|left|right|h[1-6])(?:=[^\]\n]{0,40})?\]")


def _plain_markup(text: str) -> str | None:
    """``text`` with chat markup's marks as blanks (and a Markdown table row's bars as tabs), of the
    same length; None when it holds none. Emphasis marks count only in pairs, an opening one before
    its closing one (a masked surname's stars, '张**', close nothing)."""
    spans = []
    pending = None  # an opening mark waiting for its closing one
    for mm in _MD_MARKS.finditer(text):
        if mm.group("open") is not None:
            pending = mm.span()
        elif mm.group("close") is not None:
            if pending is not None and text[pending[0]] == mm.group()[0]:
                spans += [pending, mm.span()]
                pending = None
        else:
            spans.append(mm.span())
    out = text
    for a, z in spans:
        out = out[:a] + " " * (z - a) + out[z:]
    if text[:1] == "|" and text.rstrip()[-1:] == "|" and text.count("|") >= 3:
        out = out.replace("|", "\t")
    return None if out == text else out


def _whole_record(text: str, found: list[Finding]) -> bool:
    """A phone and two more fields (commas, semicolons, pipes, tabs or a sentence's end between)."""
    return any(f.type in _PHONEISH for f in found) and (
        text.count(",") + text.count(";") + text.count("|") + text.count("\t") + text.count("，") + text.count(". ")) >= 2


_OFFSET_META = ("cc_len", "area_end", "ext_at")


def _map_back(f: Finding, m: Mapped) -> Finding:
    s, e = m.span(f.start, f.end)
    meta = f.meta
    if meta and m.starts is not None:
        meta = tuple((k, m.offset(f.start, v)) if k in _OFFSET_META else (k, v) for k, v in meta)
    if m.coded and m.encoded(s, e):
        meta = (meta or ()) + (("encoded", True),)  # (masked whole: see ``Masker.replacement``)
    return Finding(f.type, s, e, m.original[s:e], f.score, f.detector, meta, f.role)


def _windowed(text: str, hint, role, region, free_text, shortcuts, relay, street=False) -> list[Finding]:
    """Findings of a long text, window by window (each window detected on its own, findings
    shifted back and merged; an entity cut by one window's edge lies whole inside the next)."""
    n = len(text)
    step = WINDOW
    pos = 0
    # exact duplicates from the overlaps are dropped as they come (the first one found is kept)
    seen: set = set()
    uniq: list[Finding] = []
    while pos < n:
        end = min(n, pos + WINDOW + OVERLAP)
        inner = end < n
        for f in _detect(text[pos:end], hint, role, region, free_text, shortcuts, relay, street):
            s, e = f.start + pos, f.end + pos
            # a finding that touches a window's inner edge may be cut: the next window has it whole
            if inner and e >= end and s >= pos + step:
                continue
            k = (f.type, s, e)
            if k in seen:
                continue
            seen.add(k)
            uniq.append(f.with_offset(pos) if pos else f)
        if end >= n:
            break
        pos += step
    # resolve what remains in groups of findings that overlap one another, so that resolving
    # stays linear too (a finding that overlaps nothing is kept as it is)
    uniq.sort(key=_START)
    out: list[Finding] = []
    first = 0
    reach = -1
    for i, f in enumerate(uniq):
        if f.start >= reach and i > first:
            if i - first == 1:
                out.append(uniq[first])
            else:
                out.extend(_resolve(uniq[first:i]))
            first = i
        if f.end > reach:
            reach = f.end
    if first < len(uniq):
        out.extend(_resolve(uniq[first:]) if len(uniq) - first > 1 else uniq[first:])
    return out


def plain_name(text: str) -> bool:
    """A bare Chinese name of 2-4 characters (no honorific, no mask), and no run of four numerals
    the normal form reads as digits ('伍伍伍伍': the full path reads 5555)."""
    return _PLAIN_NAME.fullmatch(text) is not None and not text.endswith(name_cn._HONORIFIC) \
        and (len(text) < 4 or _numerals(text) == text)


def plain_mobile(text: str) -> bool:
    """Exactly an 11-digit mainland mobile number."""
    return _PLAIN_MOBILE.fullmatch(text) is not None


def _shortcut(text: str, hint: EntityType | None, role: str | None) -> list[Finding] | None:
    """The plain shapes of name and phone columns, as the detectors would report them, and
    values no detector reports (dates, times, amounts) outside name and phone columns."""
    if hint is None and _INERT.fullmatch(text):
        return []
    if hint is None and len(text) >= 16 and text.isdigit() and text.isascii():
        # a long bare digit run (order ids, reference numbers): no phone pattern fits inside one,
        # so only a tracking pattern or an 18-digit ID number can match, and only the whole run
        if len(text) == 18 and text[:2] in idcard.PROVINCES:
            found = _resolve(tracking.detect(text, _CTX_NONE) + idcard.detect(text, _CTX_NONE))
            return _with_role(found, role)
        return [tracking.pattern_finding(text, 0, len(text), role)] if tracking.TRACKING_RE.fullmatch(text) else []
    if hint is T.NAME and plain_name(text):
        return [name_cn.name_finding(text, 0, len(text), 0.95, "name_cn.column", role)]
    if (hint is T.PHONE or hint is T.LANDLINE) and plain_mobile(text):
        return [phone_cn.mobile_finding(text, 0, 11, 0, text, role)]
    return None


# ---------------------------------------------------------------- the detectors, in order

# what a detector's ``test`` reads besides the text: these bits of one text
ALPHA, DIGITS, CJK = 1, 2, 4  # a letter A-Z; a digit run long enough for a number detector; a Chinese character


@dataclass(frozen=True, slots=True)
class Detector:
    """One detector: ``run(text, ctx) -> findings`` (``stateful``: ``run(text, ctx, state)``, a dict
    shared by the detectors of one text; ``state["found"]``: the findings so far), run when ``when(alpha, digits, cjk, hint)`` holds (a
    letter A-Z, a digit run long enough for a number detector, a Chinese character, the column
    hint) and then ``test(text, bits)`` (``bits``: ALPHA | DIGITS | CJK as they hold; None:
    always). The ``when`` answers are worked out once per combination, so a detector costs
    nothing on texts it cannot apply to."""

    run: Callable[..., list[Finding]]
    when: Callable[[bool, bool, bool, EntityType | None], bool]
    test: Callable[[str, int], bool] | None = None
    stateful: bool = False


def _phone_cn(text: str, ctx: Context, state: dict) -> list[Finding]:
    found = state["cn"] = phone_cn.detect(text, ctx)
    return found


def _without_cn(text: str, state: dict) -> str:
    """``text`` with phone_cn's findings blanked: libphonenumber is the slow one, it reads the rest."""
    cn = state.get("cn")
    if cn:
        chars = list(text)
        for f in cn:
            chars[f.start:f.end] = " " * (f.end - f.start)
        text = "".join(chars)
    return text


def _phone_intl(text: str, ctx: Context, state: dict) -> list[Finding]:
    rest = _without_cn(text, state)
    out = phone_intl.detect(rest, ctx)
    if ")" in rest:
        # (Japan's bracketed middle group in a Latin text: 'TEL 03(1234)5678' stood)
        out += [f for f in phone_intl.jp_mobiles(rest) if not any(o.start < f.end and f.start < o.end for o in out)]
    return out


def _phone_national(text: str, ctx: Context, state: dict) -> list[Finding]:
    # Chinese text: a foreign number in its national form after 电话/手机 ("电话0151 23456789"),
    # and a Chinese landline with +86 and no trunk 0 ("+86 755 2345 6789")
    rest = _without_cn(text, state)
    out = phone_intl.national(rest, ctx)
    if "+" in rest or "＋" in rest:
        # a number with its country code, whatever the country ('收件人：黄志明 +852 6123 4567',
        # '+886 912 345 678', '+44 7911 123456' in a Chinese line stood whole: found by hand)
        out += [f for f in phone_intl.plus_possible(rest) if not any(o.start < f.end and f.start < o.end for o in out)]
    if "0" in rest:
        out += [f for f in phone_intl.jp_mobiles(rest) if not any(o.start < f.end and f.start < o.end for o in out)]
    out += [f for f in phone_intl.hk_numbers(rest) if not any(o.start < f.end and f.start < o.end for o in out)]
    return out


def _phone_field(text: str, ctx: Context, state: dict) -> list[Finding]:
    """A phone number that is a whole field of a record (``phone_intl.fields``), where nothing
    else took it (a tracking or ID number, a phone of another form)."""
    taken = [(f.start, f.end) for f in state["found"]]
    return [f for f in phone_intl.fields(text) if not any(s < f.end and f.start < e for s, e in taken)]


def _has_fields(t: str, bits: int) -> bool:
    return "," in t or "|" in t or ";" in t or "\t" in t or " / " in t or " - " in t or " – " in t or " — " in t


def _other_id_text(t: str, bits: int) -> bool:
    return ("SSN" in t or "ssn" in t or "ocial" in t or "assport" in t or "护照" in t or "護照" in t
            or "卡号" in t or "账号" in t or "card" in t or "Card" in t or "CARD" in t or "ccount" in t or "IBAN" in t
            or ("-" in t and idcard.SSN_SHAPE.search(t) is not None))


def _email_text(t: str, bits: int) -> bool:
    if "@" in t:
        return True
    # a messenger handle needs its label: 微信/V信..., QQ, or an ASCII label with a colon or " ID"
    if ("信" in t or ":" in t or "：" in t or "加V" in t or "加v" in t or "QQ" in t or "qq" in t or " ID" in t or "wxid_" in t or "t.me/" in t
            or "旺旺" in t or "钉钉" in t or "抖音" in t or "快手" in t or "小红书" in t or "支付宝" in t or "飞书" in t) \
            and email.HANDLE_GATE.search(t) is not None:
        return True
    return bool(bits & ALPHA) and (email.OBF_GATE.search(t) is not None or "*" in t or "#" in t)


_POSTCODE_LEAD = lazy(r"\d{4,5}[ \t]")
_COMMA_ONLY = lazy(r"[ \t]*,[ \t]*")


def _address_eu(text: str, ctx: Context, state: dict) -> list[Finding]:
    found = state["found"]
    phones = [f for f in found if f.type in _PHONEISH]
    # (a US "street" whose house number is a phone's last group, '+34846 459 736, Plaza Paulina
    # Alberdi 81', is none: the European street after the phone is read)
    us = [f for f in found if (f.type is T.ADDRESS or f.type is T.ADDRESS_REGION)
          and not any(p.start <= f.start < p.end for p in phones)]
    # a US "street" right after a European street and its comma is that street's postcode and
    # town ('Klemmstr. 68, 61937 Leipziger Land' is no house number 61937 on a 'Land')
    eu = None
    lead = [u for u in us if u.detector == "address_us.street" and _POSTCODE_LEAD.match(text, u.start)]
    if lead and not any(f.detector == "address_us.city" for f in us):
        eu = address_eu.detect(text, ctx)
        # (a European street that nothing else read: not a name, a phone or a US street before)
        ends = [s.end for s in eu if s.detector == "address_eu.street"
                and not any(f.start < s.end and s.start < f.end for f in found)]
        drop = [u for u in lead if any(e <= u.start and _COMMA_ONLY.fullmatch(text, e, u.start) for e in ends)]
        if drop:
            found[:] = [x for x in found if not any(x is d for d in drop)]  # (the caller's list)
            us = [u for u in us if not any(u is d for d in drop)]
    # a line that is a postcode and its town alone, in an address column ('50027 Castel San Pietro',
    # '1234 AB Oud Apelkanaal': a message's town line under its street) is read as one, not as
    # usaddress's house number and street (share masked half the town; verify called the rest a
    # street: world_text --formats mail seeds 105, 106)
    if ctx.hint is T.ADDRESS and us and not ctx.street and any(u.detector == "address_us.tag" for u in us):
        pt = address_eu.POSTCODE_TOWN_RE.fullmatch(text.strip())
        # (not a US house number and street: no street type last, and a town of three
        # words, or letters no US street has, or a postcode with letters or a space; '2500 Broadway',
        # '12345 Castle Rock' stay usaddress's, masked whole: fail closed)
        words = pt.group("town").split() if pt is not None else ()
        if pt is not None and words[-1].lower().rstrip(".") not in address_us._SUFFIX_WORDS \
                and (len(words) >= 3 or not pt.group("town").isascii() or not pt.group("code").isdigit()):
            drop = [u for u in us if u.detector == "address_us.tag"]
            found[:] = [x for x in found if not any(x is d for d in drop)]  # (the caller's list)
            us = [u for u in us if not any(u is d for d in drop)]
    # a US address (a street or "City, ST 12345" found) is not read again as a European one
    if any(f.detector == "address_us.street" or f.detector == "address_us.city" for f in us):
        if any(f.detector == "address_us.city" for f in us):
            return []
        # a US-style street line with a postcode and town after it, no state ('1234 Xxx Cove Apt.
        # 5, 16799 West Şideburgh'): the postcode and town (dispose removes them)
        end = max(f.end for f in us if f.detector == "address_us.street")
        out: list[Finding] = []
        for m in address_eu.POSTCODE_TOWN_RE.finditer(text, end):
            if text[end:m.start()].strip(" \t,") == "" and not any(f.start < m.end() and m.start() < f.end for f in found):
                out.extend(address_eu.postcode_findings(text, m))
        return out
    if eu is None:
        eu = address_eu.detect(text, ctx)
    if not eu:
        return eu
    # what the US patterns read as a street is not a European postcode and town (a unit the US
    # patterns read, 'Apt. 93', does not undo the European street around it: 'Plaza Paulina
    # Alberdi 81 Apt. 93 , 21068 Zaragoza' kept only the unit)
    us = [u for u in us if u.detector not in ("address_us.premise", "address_us.unit")]
    # (usaddress's token tags in an address column are a US parser's guess: a European street with
    # its type word is read over them, '94, rue Paul Caron, 05417 Perez' tagged 'rue Paul Caron'
    # a place name, which share keeps; nor its postcode and town: '74, rue Clerc, 84674 De Sousa'
    # had the town tagged a street, which share removed)
    streets = [f for f in eu if f.detector == "address_eu.street"]
    if streets and any(u.detector == "address_us.tag" for u in us):
        drop = [u for u in us if u.detector == "address_us.tag"]
        if drop:
            found[:] = [x for x in found if not any(x is d for d in drop)]  # (the caller's list)
            us = [u for u in us if not any(u is d for d in drop)]
    return [f for f in eu if not any(u.start < f.end and f.start < u.end for u in us)]


# a run of Latin-script text inside a text that also holds Chinese ('备注：Room 1302, Building 6, 799
# Binjiang Avenue, Haidian District, Beijing. Contact Luo Weiming Mob: 136...', a cross-border label's
# English address after a Chinese label): the Latin detectors skip texts with Chinese characters (a
# Chinese row's cost), so such a run is read as a text of its own (found by hand: it stood whole)
_LATIN_RUN = lazy(r"[A-Za-z0-9#(+][A-Za-z0-9\u00c0-\u024f ,.'’#&()/:;+\-\t]{15,}")


# a place's coordinates in an address column ('51.3397', '51.3397,12.3731', '-33.8688, 151.2093'):
# each number whole (the column rules read 'latitude', 'lng', 'geo', '经纬度' as the address's)
_COORDINATES = lazy(r"[ \t]*[+\-]?\d{1,3}\.\d{2,}(?:[ \t]*[,;/ ][ \t]*[+\-]?\d{1,3}\.\d{2,})?[ \t]*")
_COORDINATE = lazy(r"[+\-]?\d{1,3}\.\d{2,}")


def _coordinates(text: str, ctx: Context) -> list[Finding]:
    if _COORDINATES.fullmatch(text) is None:
        return []
    return [Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.8, "address.coordinates", role=ctx.role)
            for m in _COORDINATE.finditer(text)]


# a pair of coordinates in free text ('GPS: 51.3397, 12.3731', '坐标：30.274084,120.15507', a map link's
# '?q=51.3397,12.3731' or '@51.3397,12.3731,17z', '51.33970 N, 12.37310 E'): a home to a few metres
# (found by hand: each stood in every preset). Three decimals at least on both, latitude within 90.
_COORD_PAIR = lazy(r"(?<![\d.])(?P<lat>[+\-]?(?:[1-8]?\d|90)\.\d{3,})[ \t]?[NSns]?(?P<sep>[ \t]*[,;][ \t]*|[ \t]+)"
                         r"(?P<lon>[+\-]?(?:1[0-7]\d|\d{1,2}|180)\.\d{3,})(?:[ \t]?[EWew](?![A-Za-z]))?(?![\d.]\d)")


def _coord_text(t: str, bits: int) -> bool:
    return "." in t and _COORD_PAIR.search(t) is not None


def _coordinate_pairs(text: str, ctx: Context) -> list[Finding]:
    out = []
    for m in _COORD_PAIR.finditer(text):
        for g in ("lat", "lon"):
            out.append(Finding(T.ADDRESS, m.start(g), m.end(g), m.group(g), 0.8, "address.coordinates", role=ctx.role))
    return out


def _latin_run_text(t: str, bits: int) -> bool:
    return _LATIN_RUN.search(t) is not None


def _latin_runs(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for m in _LATIN_RUN.finditer(text):
        run = m.group()
        if sum(c.isalpha() for c in run) < 8 or " " not in run.strip():
            continue  # (a tracking or order number, one word)
        a = m.start()
        out += [f.with_offset(a) for f in detect_text(run, None, ctx.role, ctx.region, True, True, ctx.relay)]
    return out


# the characters (or the prefectures without 県) that address_asia's or name_asia's gate needs
# (texts arrive in simplified characters: 東京都 as 东京都; a Tokyo address without kana was read by nothing)
# (two searches: a character class, then the words as a trie whose every branch starts with a
# literal, both skipped through in C; one alternation of both tried each branch at each position,
# 1 us an address cell)
_ASIA_CHARS = lazy(r"[県號巷〒様樣样\uac00-\ud7af\u3040-\u30ff]")
_ASIA_WORDS = lazy(trie_pattern(("東京都", "东京都", "北海道", "京都府", "大阪府", "丁目", "宛名", "携帯", "宛先",
                                       "差出人", "依頼主", "受取人", "配達先", "配达先", "配送先", "送付先", "届け先",
                                       "届先", "番地", "氏名", "名前")))


def _asia_text(t: str, bits: int) -> bool:
    return not t.isascii() and (_ASIA_CHARS.search(t) is not None or _ASIA_WORDS.search(t) is not None
                                or name_asia.jp_phone(t))


def _asia(text: str, ctx: Context, state: dict) -> list[Finding]:
    """address_asia, then name_asia (which reads the addresses and phones found so far)."""
    if address_asia.gate(text):
        state["found"].extend(address_asia.detect(text, ctx))
    return name_asia.detect(text, ctx, state) if name_asia.gate(text) else []


def _name_cell(text: str, ctx: Context) -> list[Finding]:
    return name_cn.detect_cell(text, ctx) or name_en.detect_cell(text, ctx)


class _Registry(dict):
    """The detectors by name; any change drops the per-feature plans made from it."""

    def _changed(self):
        _PLANS.clear()

    def __setitem__(self, k, v):
        super().__setitem__(k, v)
        self._changed()

    def __delitem__(self, k):
        super().__delitem__(k)
        self._changed()

    def clear(self):
        super().clear()
        self._changed()

    def update(self, *a, **k):
        super().update(*a, **k)
        self._changed()

    def pop(self, *a):
        v = super().pop(*a)
        self._changed()
        return v

    def popitem(self):
        v = super().popitem()
        self._changed()
        return v

    def setdefault(self, k, v=None):
        v = super().setdefault(k, v)
        self._changed()
        return v


# id(hint) -> per bits (0-7), the plan: (test, run, stateful) of the detectors whose ``when`` holds.
# Keyed by id: hints are EntityType members or None, which live as long as the process (hashing an
# enum member runs Python code)
_PLANS: dict[int, list] = {}

#: detector name -> Detector, run in this order on every text no fast path answered (the order
#: breaks ties between equal overlapping findings). A new detector is one module in
#: ``waybill.detectors`` and one line here (or ``register_detector``). A Chinese character makes a
#: text non-ASCII, so the Latin detectors' "ASCII or no Chinese" is "no Chinese"
DETECTORS: dict[str, Detector] = _Registry({
    "tracking": Detector(tracking.detect, lambda a, d, c, h: a or d),
    "phone_cn": Detector(_phone_cn, lambda a, d, c, h: d, stateful=True),
    "idcard": Detector(idcard.detect, lambda a, d, c, h: d, lambda t, b: _has_digits15(t)),
    "idcard.other": Detector(idcard.detect_other, lambda a, d, c, h: d, _other_id_text),
    "idcard.column": Detector(idcard.detect_column, lambda a, d, c, h: d and h == T.ID_CARD),
    # other countries' personal numbers: after their label, or by shape and check digits alone
    "idcard.national": Detector(idcard.detect_national, lambda a, d, c, h: a or d and not c,
                                lambda t, b: idcard.national_gate(t)),
    "phone_intl": Detector(_phone_intl, lambda a, d, c, h: d and (a or not c), stateful=True),
    "phone_intl.national": Detector(_phone_national, lambda a, d, c, h: d and c and not a, stateful=True),
    # a number that is a whole field of a contact record (any form, valid or not)
    "phone.field": Detector(_phone_field, lambda a, d, c, h: d and h is None, _has_fields, stateful=True),
    "email": Detector(email.detect, lambda a, d, c, h: True, _email_text),
    # a phone spelled out in digit words ('zero four one two ...')
    # (free text and phone columns: a name or address column holds no number to spell)
    "phone.spelled": Detector(spelled.detect, lambda a, d, c, h: a and not c and h in (None, T.PHONE, T.LANDLINE,
                                                                                        T.PHONE_INTL),
                              lambda t, b: spelled.gate(t)),
    # the PAN inside an Indian GSTIN
    "gstin": Detector(gstin.detect, lambda a, d, c, h: a, lambda t, b: gstin.GATE.search(t) is not None),
    "address_cn": Detector(address_cn.detect, lambda a, d, c, h: c),
    "name_cn.labelled": Detector(name_cn.detect_labelled, lambda a, d, c, h: c),
    "name_cn.contact": Detector(name_cn.detect_contact, lambda a, d, c, h: c,
                                lambda t, b: "联" in t or "致电" in t or "找" in t or "我叫" in t or "我是" in t or "叫" in t
                                or "名字" in t or "给" in t or "转交" in t or "交由" in t or "通知" in t or "告" in t
                                or "打" in t),
    # (a receiver's 收 or the hands a parcel goes into: '张伟收', '送到张伟明手上'; whose parcel it is: '张伟的快递')
    "name_cn.receives": Detector(name_cn.detect_receives, lambda a, d, c, h: c and h is None,
                                 lambda t, b: "收" in t or "手" in t or "本人" in t or "的" in t),
    # (a relative's name in a note: free text only, no column's cells pay for the gate)
    "name_cn.kin": Detector(name_cn.detect_kin, lambda a, d, c, h: c and h is None,
                            lambda t, b: name_cn.KIN_GATE.search(t) is not None),
    # a surname with an honorific ('请联系张先生'): masked by dispose, its surname kept by share
    "name_cn.titled": Detector(name_cn.detect_titled, lambda a, d, c, h: c,
                               lambda t, b: "先生" in t or "女士" in t or "小姐" in t or "老师" in t or "师傅" in t),
    # a text that is the unit part of an address and nothing else ('Apt 4B', '101동 1203호', '12階')
    # (an address column's own step masks what no detector placed there)
    "unit_line": Detector(unit_line.detect, lambda a, d, c, h: h is not T.ADDRESS, lambda t, b: unit_line.test(t)),
    # a door, gate or keypad code, a locker's pickup code, after its label (part of the address)
    "access_code": Detector(access_code.detect, lambda a, d, c, h: h not in (T.NAME, T.PHONE, T.LANDLINE, T.TRACKING,
                                                                                T.EMAIL, T.ID_CARD), access_code.test),
    # Japanese, Korean and Taiwanese addresses, then Korean and Japanese names (Hangul and kana are
    # not in the CJK bit: run on every non-ASCII text, behind one gate)
    "asia": Detector(_asia, lambda a, d, c, h: True, _asia_text, stateful=True),
    # names, phones and street lines in Cyrillic, Greek and scripts without capitals (behind one
    # character-class gate; never on Chinese text)
    "other_scripts": Detector(other_scripts.detect, lambda a, d, c, h: not c,
                              lambda t, b: not t.isascii() and other_scripts.GATE.search(t) is not None,
                              stateful=True),
    "address.coordinates": Detector(_coordinates, lambda a, d, c, h: h == T.ADDRESS and not a and not c,
                                    lambda t, b: "." in t),
    "address.coordinate_pairs": Detector(_coordinate_pairs, lambda a, d, c, h: h != T.ADDRESS, _coord_text),
    "address_us.cell": Detector(address_us.detect_cell, lambda a, d, c, h: a and not c and h == T.ADDRESS),
    "address_us": Detector(address_us.detect, lambda a, d, c, h: a and not c and h != T.ADDRESS and (d or h is None)),
    # (or a street whose number is 'S/N': 'Avenida dos Capitães de Abril, S/N' stood, the detector
    # ran only on texts with a digit)
    "address_eu": Detector(_address_eu, lambda a, d, c, h: a and not c, lambda t, b: bool(b & DIGITS) or
                           _ASCII_DIGIT.search(t) is not None or address_eu.NO_NUMBER.search(t) is not None, stateful=True),
    "name_en": Detector(name_en.detect, lambda a, d, c, h: a and not c),
    "name_en.cjk_anchor": Detector(name_en.detect_cjk_anchor, lambda a, d, c, h: a and c),
    "name.cell": Detector(_name_cell, lambda a, d, c, h: h == T.NAME),
    "latin_runs": Detector(_latin_runs, lambda a, d, c, h: a and c, _latin_run_text),
})


def register_detector(name: str, detector: Detector, before: str | None = None) -> None:
    """Add (or replace) a detector, run last or just before the one named ``before``."""
    items = [(k, v) for k, v in DETECTORS.items() if k != name]
    at = next((i for i, (k, _) in enumerate(items) if k == before), len(items))
    items.insert(at, (name, detector))
    DETECTORS.clear()
    DETECTORS.update(items)


# --------------------------------------------------------------------------- after the detectors
# Steps that run on the resolved findings of a text: fallbacks of labelled columns and names
# inferred from what was found. Each is a registry entry: ``when(hint, alpha, cjk, free_text)`` (the
# text's features, fixed per text) chooses the steps for a text, ``run(text, found, ctx)`` returns
# the findings after it (``found`` itself when it has nothing to add).


@dataclass(frozen=True)
class Step:
    run: Callable[[str, list, Context], list]
    when: Callable[[EntityType | None, bool, bool, bool], bool]


_PT_POSTCODE_TOWN = lazy(r"\d{4}-\d{3}\s+[^\W\d_]")


_EXT_AFTER = lazy(r"[ \t]*(?:[,，;；#/]|(?i:ext\.?|x|转|分机))[ \t]*(\d{1,6})[ \t]*$")


def _phone_column(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A phone column whose value no pattern recognised: its digit runs are masked (fail safe). A
    Chinese 400 hotline stays (issued to businesses only); an 800 number is masked: the column
    holds the record's own contact number, and a North-American 800 number may be a person's
    line (world_text seed 44 kept a Canadian's '800.982.1201' whole while '(800) 845-9672' was
    masked)."""
    if any(f.type in _PHONEISH for f in found):
        # (an extension after a comma or a word the phone's pattern did not take: '18841477790,7908'
        # kept 7908 in dispose; evasion seed 32. An extension is hidden as a phone's is)
        last = max((f for f in found if f.type in _PHONEISH), key=lambda f: f.end)
        m = _EXT_AFTER.match(text, last.end)
        if m is not None and not any(f.start < m.end(1) and m.start(1) < f.end for f in found):
            return _resolve(found + [Finding(T.PHONE, m.start(1), m.end(1), m.group(1), 0.5, "phone.column_ext")])
        return found
    for m in _DIGITS7.finditer(text):
        a, run = m.start(), m.group()
        # a date before the digits ("2026-03-19 12.5kg") is not part of a phone: only what
        # follows it counts, if it still has 7 digits
        d = phone_cn._DATE_HEAD.match(run)
        if d:
            rest = _DIGITS7.search(run, d.end())
            if rest is None:
                continue
            a, run = a + rest.start(), rest.group()
        if run.startswith("400") and phone_intl.service_at(text, a, a + len(run)):
            continue  # a Chinese hotline (400-820-8820) in a phone column is not a person's number
        if _PT_POSTCODE_TOWN.match(text, a):
            continue  # a Portuguese postcode before its town ('1100-053 Lisboa'), not a phone
        found.append(Finding(T.PHONE, a, a + len(run), run, 0.5, "phone.column"))
    # (digits split by what the run above does not take: commas, Unicode dashes, spaces around a
    # dash, brackets: '138,1234,5678' and '138 ‐ 1234 ‐ 5678' in a phone column stood whole)
    for m in _SPLIT_DIGITS.finditer(text):
        a, z = m.span()
        if _ODD_SEP.search(m.group()) is not None and sum(ch.isdigit() for ch in m.group()) >= 7 \
                and not any(f.start < z and a < f.end for f in found):
            found.append(Finding(T.PHONE, a, z, m.group(), 0.5, "phone.column"))
    return _resolve(found)


def _address_column(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """An address column: what no detector placed is the street line unless it is the region."""
    found = address_column.unit_places(text, address_column.street_places(text, found, ctx.street))
    extra = address_column.rest(text, found, ctx.street)
    return _resolve(found + extra) if extra else found


# what a region column's value looks like: a town, state or district (up to 5 words of letters), a
# postcode, or up to 12 Chinese characters; anything else there (a street typed into 'city') is an
# address, masked by every preset that masks the street
# (with the combining marks of Bengali, Devanagari, Thai: 'পঞ্চগড়' was read as no town and masked)
_REGION_VALUE = lazy(rf"[ \t]*(?:[^\W\d_](?:[^\W\d_]|['’.\-{name_en.SCRIPT_MARKS}])*"
                           rf"(?:[ \t,]+[^\W\d_](?:[^\W\d_]|['’.\-{name_en.SCRIPT_MARKS}])*){{0,4}}\.?"
                           r"|[A-Za-z0-9][A-Za-z0-9 \-]{1,9}|[\u4e00-\u9fff·]{1,12}"
                           # (a numbered district: 'Quận 7', 'Brgy. 12' under their columns were masked as
                           # streets; found by hand, 2026-12-07)
                           r"|(?i:quận|phường|district|brgy\.?|barangay|bezirk|arrondissement)[ \t]*\d{1,3})[ \t]*")


def _region_column(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A city, state, district or postcode column: the value no detector placed is the region
    (kept by share, removed by dispose), or the street when it is not shaped as a region."""
    if found:
        return found
    a, b = 0, len(text)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a == b or text[a:b].lower() in _PLACEHOLDERS:
        return found
    value = text[a:b]
    if "*" in value or "＊" in value:
        # a masked value (a re-read of an output: 'NW1 ***'): what is left of it is the kept head
        # or nothing; a street typed there and masked shows no more than its fill
        shown = [w for w in _FILL_SPLIT.split(value) if w]
        if all(_REGION_VALUE.fullmatch(w) for w in shown):
            return found
    m = _PC_TOWN.fullmatch(value) or _TOWN_PC.fullmatch(value)
    if m is not None and _REGION_VALUE.fullmatch(m.group("town")) and not _DIGIT.search(m.group("town")):
        # a postcode and its town together ('80331 München' under 'Ort', 'Springfield 62704'): the
        # postcode keeps its head, the town is the region (it was masked whole as a street)
        pa, pz = m.span("pc")
        pc = m.group("pc")
        # (the head an address keeps: 2 digits of a European postcode, 3 of a ZIP after its town)
        k = pc.index(" ") if " " in pc else pc.index("-") + 1 if "-" in pc else 3 if pa > 0 and pz - pa == 5 else 2
        ta, tz = m.span("town")
        return sorted([Finding(T.ADDRESS_REGION, a + pa, a + pa + k, value[pa:pa + k], 0.7, "region.column"),
                       Finding(T.ADDRESS, a + pa + k, a + pz, value[pa + k:pz], 0.7, "region.column"),
                       Finding(T.ADDRESS_REGION, a + ta, a + tz, value[ta:tz], 0.7, "region.column")],
                      key=lambda f: f.start)
    if _POSTCODE_VALUE.fullmatch(value):
        # a postcode keeps its head as one in an address does (ZIP3 '627**', the outward code
        # 'SW1A ***'); its tail is the address (a ZIP+4 is a block's face)
        k = value.index(" ") if " " in value else 3
        return [Finding(T.ADDRESS_REGION, a, a + k, value[:k], 0.7, "region.column"),
                Finding(T.ADDRESS, a + k, b, value[k:], 0.7, "region.column")]
    # (a house number and a street's word is a street, whatever the column says: '12 Main St' under
    # 'City' was kept as a town)
    kind = T.ADDRESS_REGION if _REGION_VALUE.fullmatch(text) and not _NUMBER_WORD_FIRST.match(value) else T.ADDRESS
    return [Finding(kind, a, b, value, 0.7, "region.column")]


# a postcode of digits (a dash or one space inside: '00-950', '111 52') and a town's name, either first
_PC_TOWN = lazy(r"(?P<pc>(?:[A-Z]{1,2}-)?\d{4,5}|\d{2}-\d{3}|\d{3} \d{2})[ \t]+(?P<town>(?![A-Z]{2}$)[^\d,;]{3,40})")
_NUMBER_WORD_FIRST = lazy(r"\d{1,5}[A-Za-z]?[ \t]+[^\W\d_]{2,}")
_TOWN_PC = lazy(r"(?P<town>[^\d,;]{2,40}?)[ \t]*,?[ \t]+(?P<pc>\d{4,6})")


# a postcode: 4-10 letters and digits with a digit, one space or dash at most ('62704', '78701-1234',
# '310012', 'SW1A 2AA', '150-0001', an Eircode written whole 'W53DAV5'), or 9-10 digits (an Iranian
# postcode '2757762584' was read as a town's name and kept whole: world_text scripts seed 95)
_POSTCODE_VALUE = lazy(r"(?=[A-Za-z]{0,4}\d)(?:[A-Za-z0-9]{2,6}[ \-][A-Za-z0-9]{2,5}|[A-Za-z0-9]{4,8})|\d{9,10}")
_FILL_SPLIT = lazy(r"[\s*＊,\-]+")
_PLACEHOLDERS = frozenset(("-", "--", "n/a", "na", "none", "null", "/", "无", "空", "—"))


# the last group of a phone finding that is a house number: '450', '3/107', '12a', '2/40/475'
_HOUSE_TAIL = lazy(r"[ \t]+(\d{1,4}(?:/\d{1,4}){0,2}[A-Za-z]?)$")


# the findings a flat, floor or door may follow (``unit_line.unit_run``)
_UNIT_AFTER = frozenset(("address_eu.street", "address_us.street", "address_eu.lived_at", "address_eu.street_vi",
                         "address_eu.street_co"))


def _unit_after_street(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """The flat, floor or door written after a street ('Via Roma 12, scala B, interno 5')."""
    extra = []
    for f in found:
        if f.detector in _UNIT_AFTER and f.type is T.ADDRESS:
            span = unit_line.unit_run(text, f.end)
            if span is None:
                # (or the street's last word is the unit's and its number stands after it: '14 Baker
                # St, flat 3' was read as a street of type 'Flat', and the 3 stood; found by hand)
                w0 = text.rfind(" ", f.start, f.end)
                span = unit_line.unit_run(text, w0) if w0 > f.start else None
                if span is None or span[1] <= f.end:
                    continue
                span = (f.end, span[1])
            a, b = span
            while a < b and text[a] in " \t":
                a += 1
            while b > a and text[b - 1] in " \t.,":
                b -= 1
            if b <= a:
                continue
            over = [x for x in found if x.start < b and a < x.end]
            # (an address column's fallback read the unit's number as a postcode, 'lgh 11**': the
            # unit replaces what the fallback placed there)
            if all(x.detector == "address.column" for x in over):
                if over:
                    found = [x for x in found if not any(x is o for o in over)]
                extra.append(Finding(T.ADDRESS, a, b, text[a:b], 0.7, "unit_line.after_street",
                                     meta=(("unit", True),), role=f.role))
    return _resolve(found + extra) if extra else found


# a German care-of after a street: 'Hauptstraße 5, bei Müller, 10115 Berlin' (found by hand: the
# name stood). 'bei' is a common preposition ('bei Abwesenheit beim Nachbarn'), so only right after
# a street finding, and only a name that ends the field (a comma, a postcode, the line's end).
_BEI_AFTER = lazy(rf"[ \t]*,?[ \t]*bei[ \t]+(?:(?:Familie|Fam\.)[ \t]+)?"
                        rf"(?P<name>{name_en.NAME_WORD}(?:[ \t]+{name_en.NAME_WORD}){{0,2}}?)"
                        rf"(?=[ \t]*(?:,|;|$|\n|(?:D-)?\d{{4,5}}\b))", re.M)


def _care_of_after_street(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """The name after 'bei' right after a street (``_BEI_AFTER``)."""
    if "bei" not in text:
        return found
    extra = []
    for f in found:
        if f.type is not T.ADDRESS or text.find("bei", f.end, f.end + 6) < 0:
            continue
        m = _BEI_AFTER.match(text, f.end)
        if m is None:
            continue
        a, z = m.span("name")
        first = m.group("name").split()[0].lower().strip(".,")
        if first in name_en.NO_ONE_AFTER_PHRASE or name_en.NOUN_END.match(first) \
                or name_en.NOT_NAME.match(m.group("name")) or any(g.start < z and a < g.end for g in found):
            continue
        extra.append(Finding(T.NAME, a, z, m.group("name"), 0.7, "name_en.care_of", meta=(("latin", True),),
                             role=ctx.role))
    return _resolve(found + extra) if extra else found


def _unit_inside(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """Units inside a free text (``unit_line.detect_inside``) where no finding is."""
    extra = [u for u in unit_line.detect_inside(text, ctx) if not any(f.start < u.end and u.start < f.end for f in found)]
    return _resolve(found + extra) if extra else found


def _signed_note(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A name after the last comma of a note (``name_en.signed_note``)."""
    if "," not in text and name_en.TAIL_GATE.search(text.lower()) is None:
        return found
    extra = name_en.signed_note(text, found, ctx)
    return _resolve(found + extra) if extra else found


_DIGITS_BEFORE = lazy(r"\+?\d[\d \t\-().]{0,14}[ \t]$")


# a North-American toll-free number (800) as written, and the words that present a hotline
_TOLL_FREE = lazy(r"(?<![\d+])(?:\+?1[ \-.]?)?\(?800\)?[ \-.]?\d{3}[ \-.]?\d{4}(?!\d)")
_SERVICE_WORDS = lazy(r"(?i)customer|service|hotline|help|support|question|toll.?free|enquir|inquir|care|"
                            r"track|carrier|courier|客服|热线|服务|咨询|投诉")


def _toll_free_of_a_name(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """An 800 number that a record gives as its person's (within 120 characters after a name, no
    hotline's word before it: 'Ship to: A... / ... / Phone 800.844.1367', 'Please deliver to A... at
    ... Call 800.844.1367 if nobody is home' stood as toll-free; world_text --more-forms seed 107):
    masked as a phone. A carrier's or shop's hotline is presented as one ('Customer service
    1-800-...') and stays."""
    names = [f for f in found if f.type is T.NAME]
    if not names:
        return found
    extra = []
    for m in _TOLL_FREE.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in found) \
                or not any(0 <= m.start() - n.end <= 120 for n in names) \
                or _SERVICE_WORDS.search(text, max(0, m.start() - 40), m.start()) is not None:
            continue
        extra.append(Finding(T.PHONE_INTL, m.start(), m.end(), m.group(), 0.7, "phone_intl.toll_free_of_name"))
    return found + extra if extra else found


def _house_number_after_phone(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A street line written house number first right after a phone ('Ph (07).7458.8811 450 Luis
    Gap, ...', 'Tél. 05 79 68 39 21 77, rue de Jacques', 'Mobile 7010233081 77/332, Kashyap
    Road'): the phone's run took the house number as its last group, so the phone's kept last
    digits showed it. When a street finding starts right after such a group and the phone has 8
    digits or more without it, the group goes to the street (masked with it) and the phone ends
    before it."""
    out = None
    for k in range(len(found) - 1):
        p, a = found[k], found[k + 1]
        # (a Chinese mobile's reading too: an Iranian '074 1860 1813' and the house number '255'
        # read as 1860 1813 255; world_text scripts seed 107, the kept tail showed '3 255')
        if (p.type is not T.PHONE_INTL and p.type is not T.PHONE) or a.type is not T.ADDRESS or a.start < p.end \
                or (a.start > p.end and not text[p.end:a.start].isspace()):
            continue
        m = _HOUSE_TAIL.search(p.text)
        # (a street that starts with a number follows a house number with a slash, which no
        # phone's group has: '(08) 6931 7732 1/34 2 Tháng 9' showed '2 1/34' as the phone's kept
        # tail; world_text --locales scripts seed 111, vi_VN)
        if m is None or not (text[a.start:a.end].lstrip(" ,")[:1].isalpha() or "/" in m.group(1)):
            continue
        head = p.text[:m.start()]
        m2 = _HOUSE_TAIL.search(head)
        if m2 is not None and "/" in m2.group(1):
            # (the house number before a street named by a date: '... 7732 1/34 2 Tháng 9' read
            # '1/34 2' into the phone; world_text --locales scripts seed 111, vi_VN)
            m, head = m2, head[:m2.start()]
        # (digits right before the phone count too: a Chinese mobile's reading of '+91 224 1784795
        # 5299 करिश्मा खान' took 1784795 5299 and left '+91 224' out; the house number 5299 showed as
        # the phone's kept tail; world_text scripts seed 110, hi_IN)
        pre = _DIGITS_BEFORE.search(text, max(0, p.start - 16), p.start)
        if sum(ch.isdigit() for ch in head) + (sum(ch.isdigit() for ch in pre.group()) if pre else 0) < 8:
            continue
        g = p.start + m.start(1)
        if out is None:
            out = list(found)
        out[k] = Finding(p.type, p.start, p.start + len(head), head, p.score, p.detector,
                         tuple(x for x in p.meta if not (isinstance(x[1], int) and x[1] > len(head))) if p.meta else p.meta,
                         p.role)
        out[k + 1] = Finding(T.ADDRESS, g, a.end, text[g:a.end], a.score, a.detector, a.meta, a.role)
    return found if out is None else out


# the number right after a name in a Chinese record: 7-12 digits in one run or in groups of a phone's
# writing (a space or a hyphen between), a country or area code in brackets first; not a date, not a
# count or a unit ('3件', '12号楼')
_AFTER_NAME_RUN = lazy(r"[ \t,，:：/／|｜]{1,3}(?P<run>(?:\(\d{2,4}\)[ \-]?)?\d(?:[ \-]?\d){6,11})"
                             r"(?![\dA-Za-z]|[ \t]?[号號室栋棟楼樓层層件个個元年月日点點时時分秒kK斤])")


def _phone_after_name(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A number right after a name in a Chinese record is that person's phone, whatever its
    country ('收件人：黄志明 61234567', '林美玲 0912345678', '黄志明 (852) 6123 4567': a Hong Kong or
    Taiwan number without its + stood whole beside the masked name; found by hand). Numbers a
    detector took (a tracking number, an ID) stay theirs."""
    out = None
    for f in found:
        if f.type is not T.NAME:
            continue
        m = _AFTER_NAME_RUN.match(text, f.end)
        if m is None:
            continue
        a, z = m.span("run")
        if phone_cn._DATE_HEAD.match(text, a) or any(g.start < z and a < g.end for g in found):
            continue
        if out is None:
            out = list(found)
        out.append(Finding(T.PHONE_INTL, a, z, text[a:z], 0.6, "phone.after_name", role=f.role))
    return found if out is None else _resolve(out)


_RECORD_OTHER = frozenset({T.NAME, T.PHONE, T.LANDLINE, T.PHONE_INTL, T.EMAIL, T.VIRTUAL_PHONE, T.ID_CARD})
# where an address field of a record in free text starts or ends: a field separator, a sentence end
# (a word of 3+ lower-case letters before the full stop: 'St. Charles' goes on), a blank line
# (and a key's end before its value: '"addr":"12 Elm St ...', 'consignee_addr=Calle Mayor 10' masked
# the key with the street; found by hand)
_FIELD_SEP_BEFORE = lazy(r"(?:\s[|/]\s|\t|;|:\s|\":[ \t]*\"|(?<=[A-Za-z_])=|\|)")
_FIELD_END = lazy(r"\s[|/]\s|\t|;|(?<=[a-zà-ÿ]{3})\.(?:\s+(?=[A-Z])|$)|\n\s*\n")
_POSTCODE_SENTENCE_END = lazy(r"(?:..\d|\d[A-Z]{2})\.(?:\s+(?=[A-Z])|$)")
# (and 'from' after a name: 'I'm Tom from apt 4B' masked 'from' as the address's)
_CONNECTOR = lazy(r"\s*(?:at|à|a|en|em|in|op|på|w|ve|na|bei|c/o|from|von)\s+", re.I)


# the verbs and requests of a delivery instruction (English, German, French, Spanish, Italian, Dutch);
# nouns such as 'back', 'gate' or 'garage' are left out: a house's name before its street holds them
# ('Gate House', 'Back Lane Farm') and is part of the address
_INSTRUCTION_WORDS = frozenset(
    "leave left please pls deliver drop knock call text ring bitte abgeben abstellen klingeln laisser déposer "
    "deposer svp sonner dejar entregar lasciare consegnare afleveren bezorgen".split())
_WORDS_RE = lazy(r"[^\W\d_]+")


def _address_in_record(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A contact record in free text ('Name | phone | mail | street, number, postcode town',
    'Deliver to NAME at STREET, TOWN. Call PHONE'): when a detector found part of its address, the
    rest of that field is read as an address column's value is (``address_column.rest``: every
    word no detector placed is the street line unless it is the region). Fail closed: a street
    whose name or type the detectors do not know ('Chácara de Martins, 9', '... Jacques') goes with
    the part they found."""
    addr = [f for f in found if f.type is T.ADDRESS or f.type is T.ADDRESS_REGION]
    other = [f for f in found if f.type in _RECORD_OTHER]
    if not addr:
        return found
    if not other:
        # an address alone, written as one comma-separated line that ends with its postcode ('The
        # Old Rectory, Church Lane, Little Snoring, Norfolk NR21 0HX': a house's name and a street
        # without a number stood): the same reading, from the line's start
        return _address_line_alone(text, found, addr)
    first = min(f.start for f in addr)
    last = max(f.end for f in addr)
    if any(first < f.end and f.start < last for f in other):
        return found  # a name or phone inside the address span: not one field
    a = max([f.end for f in other if f.end <= first] + [m.end() for m in _FIELD_SEP_BEFORE.finditer(text, 0, first)]
            + [text.rfind("\n", 0, first) + 1 if not any(f.end <= first for f in other) else 0])
    c = _CONNECTOR.match(text, a)
    if c is not None and c.end() <= first:
        a = c.end()
    if a < first and not _INSTRUCTION_WORDS.isdisjoint(w.lower() for w in _WORDS_RE.findall(text, a, first)):
        # a delivery instruction before the address, no part of it ('Leave at door of unit 12, Mr
        # Nguyen' masked 'Leave at door of' as the street; found by hand)
        a = first
    ends = [f.start for f in other if f.start >= last]
    # (a town finding may run past a sentence end: 'Biedenkopf. Call'; an abbreviation's full stop
    # inside a street finding is none: 'Gg. Jend. Sudirman No. 263, Palangkaraya, ...' ended at
    # 'Jend.' and its postcode stood whole; world_text id_ID seed 148)
    e = next((m for m in _FIELD_END.finditer(text, first)
              if not any(f.start <= m.start() < f.end and f.type is T.ADDRESS for f in addr)), None)
    if e is not None:
        ends.append(e.start())
    if _POSTCODE_SENTENCE_END.match(text, max(0, last - 3)):
        # (the sentence ends with the postcode: '..., Jeremymouth, P5V 2K8. Call 800.844.1367 if
        # nobody is home.' read the call as the address's town and its number's digits as parts of it;
        # world_text seed 107)
        ends.append(last)
    b = min(ends, default=len(text))
    if not any(ch in ",\n;" for ch in text[a:b].strip(" ,;\n")):
        return found  # one segment ('London SW1A 1AA'): street and town cannot be told apart
    return _rest_of_field(text, found, a, b)


# an address field after its label and colon in free text ('Dirección: Av. Siempre Viva 742,
# Springfield', 'Lieferadresse: Hinterhof links, Aufgang C, 3. OG bei Weber', 'Adres: Atatürk Cad.
# No: 15 D: 4, Kadıköy/İstanbul'): the label says what the field is, so the field is read as an
# address column's value is (the town stood in dispose, or the whole field with no street word
# the detectors know; found by hand)
_ADDRESS_FIELD_LABEL = lazy(
    r"(?:^|(?<=[\s;|,(]))(?i:(?:(?:delivery|shipping|home|postal|billing|return|pickup|pick-up|my|new|full)[ \t]+)?"
    r"(?:address|addr\.?)|adresse(?:[ \t]+de[ \t]+livraison)?|lieferadresse|lieferanschrift|anschrift|"
    r"direcci[oó]n(?:[ \t]+de[ \t]+entrega)?|endere[cç]o(?:[ \t]+de[ \t]+entrega)?|indirizzo(?:[ \t]+di[ \t]+consegna)?|"
    r"adres(?:[ \t]+dostawy)?|adresa(?:[ \t]+doručení)?|adress|osoite|toimitusosoite|leveringsadresse|"
    r"leveransadress|afleveradres|bezorgadres|teslimat[ \t]+adresi|morada|domicilio)[ \t]*[:：][ \t]*"
    # (and a Chinese one: '地址：朝阳区望京SOHO T3 1508，收货人小李' kept the tower and the room, the
    # district alone no reading's start; found by hand)
    r"|(?:收货|收件|送货|详细|配送|家庭|联系)?(?:地址|住址)[ \t]*[:：][ \t]*")
# where such a field ends: another field's label ('..., Tel: 0532 ...'), a field separator
_NEXT_FIELD = lazy(r"[ \t,]*(?<![^\W\d_])(?i:tel|tél|phone|mobile|mob|fax|e-?mail|name|contact|note|remark|gsm|"
                         r"telefon|téléphone|tel[eé]fono|telefone|cel|cell|handy)\.?[ \t]*[:：]|\t|;|\s[|/]\s|\n|[，。；]"
                         r"|(?:收货人|收件人|联系人|电话|手机|姓名|备注)"
                         # (any Chinese label and its colon: '地址：... 运单号：7512...' masked 运单号 as the
                         # address's; found on samples/notes.txt)
                         r"|[ \t]*[\u4e00-\u9fff]{2,6}[:：]")
_ADDRESS_FIELD_GATE = lazy(r"(?i)ad+r|adres|direcci|endere|indirizzo|anschrift|osoite|morada|domicilio|地址|住址")


def _labelled_address(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    if (":" not in text and "：" not in text) or _ADDRESS_FIELD_GATE.search(text) is None:
        return found
    for m in _ADDRESS_FIELD_LABEL.finditer(text):
        a = m.end()
        e = _NEXT_FIELD.search(text, a)
        b = e.start() if e is not None else len(text)
        b = min([b] + [f.start for f in found if f.type in _RECORD_OTHER and f.start >= a])
        while b > a and text[b - 1] in " \t,.":
            b -= 1
        if b - a < 3 or any(f.start < a < f.end for f in found):
            continue
        found = _rest_of_field(text, found, a, b)
    return found


def _rest_of_field(text: str, found: list[Finding], a: int, b: int) -> list[Finding]:
    """``found`` with the words of ``text[a:b]`` (an address field) that no detector placed read as
    an address column's value is (``address_column.rest``)."""
    inside = [Finding(f.type, f.start - a, f.end - a, f.text, f.score, f.detector, f.meta, f.role)
              for f in found if a <= f.start and f.end <= b]
    extra = address_column.rest(text[a:b], inside)
    if not extra:
        return found
    return _resolve(found + [Finding(f.type, f.start + a, f.end + a, f.text, f.score, "address.record", f.meta, f.role)
                             for f in extra])


# a postcode that ends an address line (British, Canadian, Irish: its two parts; or digits after a
# town), then the end of the text or of the line
# (an Irish Eircode, 'A73 PX6R': the town before it stood in dispose, world_text --formats mail seed 96)
_POSTCODE_END = lazy(r"(?:[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]\d[\dW]\s?[0-9A-Z]{4}|\d{4,6})"
                           r"[ \t]*\.?[ \t]*(?:\n|$)")


# a lower-case word of a sentence ('Order 12 shipped, 3 items, ...'): the fields of an address line
# are capitalised words and numbers (and their particles)
_PROSE_WORD = lazy(r"(?<![\w'’\-])(?!(?:and|the|of|upon|on|by|de|la|le|du|des|van|von|der|den|da|di|del)\b)"
                         r"[a-z]{3,}(?![\w'’\-])")


def _address_line_alone(text: str, found: list[Finding], addr: list[Finding]) -> list[Finding]:
    first = min(f.start for f in addr)
    a = text.rfind("\n", 0, first) + 1
    m = _FIELD_SEP_BEFORE.search(text, a, first)
    while m is not None:  # (from after a label's colon: 'Address: The Old Rectory, ...')
        a = m.end()
        m = _FIELD_SEP_BEFORE.search(text, a, first)
    if _PROSE_WORD.search(text, a, first) is not None:
        return _announced_address(text, found, addr, a, first)
    last = max(addr, key=lambda f: f.end)
    end = _POSTCODE_END.search(text, max(0, last.end - 12))
    if end is None or end.start() > last.end or not any(
            f.detector.startswith(("address_uk.", "address_ca.", "address_ie.", "address_eu.postcode",
                                   "address_us.city", "address_us.zip")) for f in addr):
        return _address_then_fields(text, found, addr, a, first)
    b = end.start()
    fields = [x for x in text[a:b].split(",") if x.strip()]
    if len(fields) < 3 or any(len(x.split()) > 5 for x in fields) or _PROSE_WORD.search(text, a, b):
        return found  # not a one-line address: fewer fields, or words of a sentence among them
    return _rest_of_field(text, found, a, b)


def _prose_outside(text: str, a: int, b: int, addr: list[Finding]) -> bool:
    """Whether a word of a sentence stands in ``text[a:b]`` outside the address findings (a line
    typed in lower case, '1600 penn ave nw, dc', has its street's words in lower case)."""
    pos = a
    for f in sorted(addr, key=lambda f: f.start):
        if f.end <= pos or f.start >= b:
            continue
        if f.start > pos and _prose_in(text, pos, f.start):
            return True
        pos = max(pos, f.end)
    return pos < b and _prose_in(text, pos, b)


# a Vietnamese word in lower case with its marks that is no part of an address ('Hẻm 12/3 Trần Hưng
# Đạo, gọi trước': 'call ahead' was read as the street's region and masked by dispose)
_VI_PROSE = lazy(r"(?<![^\W\d_])(?=[^\W\d_]*[ăđơư\u1ea0-\u1ef9])[^\W\d_]{2,}(?![^\W\d_])")
_VI_ADDRESS_WORDS = frozenset("phường quận huyện xã tỉnh thành phố thị trấn số đường ngõ ngách hẻm kiệt tổ ấp thôn khu "
                              "xóm làng bản lô tầng phòng căn hộ chung cư tòa nhà".split())


def _prose_in(text: str, a: int, b: int) -> bool:
    if _PROSE_WORD.search(text, a, b) is not None:
        return True
    return any(m.group() not in _VI_ADDRESS_WORDS and m.group().islower() for m in _VI_PROSE.finditer(text, a, b))


def _address_then_fields(text: str, found: list[Finding], addr: list[Finding], a: int, first: int) -> list[Finding]:
    """A field that starts with a street finding and goes on with 1-4 short comma-separated fields
    and no word of a sentence ('Calle Reforma 222, Col. Juárez, C.P. 06600, CDMX': the colonia, the
    C.P. and the city stood in dispose; found by hand): the fields after the street, up to the
    line's or the field's end, are its region (kept by share, masked by dispose; a country stays)."""
    if text[a:first].strip():
        # (or after a 'to' right before it: 'Giao đến số 1 3 Tháng 2, phường 11, quận 10' kept the
        # ward and the district in dispose; found by hand)
        to = None
        for to in _TO_BEFORE.finditer(text, a, first):
            pass
        if to is None or text[to.end():first].strip():
            return found
        a = first
    e = text.find("\n", first)
    e = len(text) if e < 0 else e
    end_f = max(addr, key=lambda f: f.end)
    if end_f.type is not T.ADDRESS or dict(end_f.meta).get("unit"):
        return found  # (after a unit, 'Flat 1089, Sunrise Apartments': a building's name, no region)
    last = end_f.end
    stop = _FIELD_END.search(text, last, e)
    b = stop.start() if stop is not None else e
    while b > a and text[b - 1] in " \t.!":
        b -= 1
    tail = [x for x in text[last:b].split(",") if x.strip()]
    if not tail or len(tail) > 4 or "," not in text[last:b] or any(len(x.split()) > 4 for x in tail) \
            or _prose_outside(text, a, b, addr):
        return found
    # the fields after the street are the region's (a colonia, a district, a town, a postcode):
    # kept by share as the region is, masked by dispose
    extra = []
    pos = last
    for x in text[last:b].split(","):
        s0 = pos + len(x) - len(x.lstrip())
        e0 = pos + len(x.rstrip())
        pos += len(x) + 1
        if e0 <= s0 or not any(ch.isalnum() for ch in text[s0:e0]) or any(f.start < e0 and s0 < f.end for f in found) \
                or name_en.country_word(text[s0:e0].lower()):
            continue  # (a country names no one's address)
        extra.append(Finding(T.ADDRESS_REGION, s0, e0, text[s0:e0], 0.5, "address.record"))
    return _resolve(found + extra) if extra else found


def _announced_address(text: str, found: list[Finding], addr: list[Finding], a: int, first: int) -> list[Finding]:
    """An address that a sentence announces ('your parcel is on its way to 599 Vargas Viaduct,
    South Amanda, L4J 9R4.', '... to Nokken Fornvej 91, 8572 Gudbjerg.', '... to 507, Zacharia
    Circle, Dehri 980292.'): from after the sentence's last 'to' / 'at' to the end of the sentence
    or line, read as an address column's value when it holds two fields or more and no word of a
    sentence. The town stood in dispose, a street's first word ('Nokken') and a postcode no
    detector took stood in share (world_text --formats mail seeds 95-97)."""
    to = None
    for to in _TO_BEFORE.finditer(text, a, first):
        pass
    if to is None or _PROSE_WORD.search(text, to.end(), first) is not None:
        return found
    a = to.end()
    e = text.find("\n", first)
    e = len(text) if e < 0 else e
    last = max(f.end for f in addr)
    code = _POSTCODE_END.search(text, max(a, last - 12))
    if code is not None and code.start() <= last and any(f.start <= code.start() < f.end for f in addr):
        b = code.start()  # up to a postcode a detector read ('L4J 9R4', an Eircode): its town stays the region
    else:
        stop = _FIELD_END.search(text, last, e)
        b = stop.start() if stop is not None else e
        while b > a and text[b - 1] in " \t.!":
            b -= 1
    fields = [x for x in text[a:b].split(",") if x.strip()]
    # (a field's words counted outside the address findings: a street of six words, 'Jalan KH Amin
    # Jasuta No. 010', was taken for a sentence and the postcode after it stood; world_text seed 149)
    if len(fields) < 2 or any(len(x.split()) > 5 for x in text[last:b].split(",")) or _prose_outside(text, a, b, addr):
        return found
    return _rest_of_field(text, found, a, b)


# (and '@' for 'at': 'leave @ 1600 penn ave nw, dc' kept the town in dispose; found by hand)
_TO_BEFORE = lazy(r"(?<![\w'’\-])(?:to|at|@|à|a|en|em|in|op|på|w|ve|na|bei|an|nach|naar|till|til|c/o|đến|tới)[ \t]+")


def _name_column(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A name column whose value no detector named (and that holds no phone): the value is a name
    (or an already masked one)."""
    if any(f.type in _PHONEISH for f in found) or not text.strip():
        return found
    if any(f.type in (T.NAME, T.MASKED) for f in found):
        # a name after a label word inside the cell, with only letters before it: the label word is
        # part of the name ('אבראהים שם טוב': שם is Hebrew for 'name' and part of the family name Shem
        # Tov; the first two words stood; world_text --locales scripts seed 108)
        lab = [f for f in found if f.detector == "other_scripts.label"]
        if len(lab) != 1 or len(found) != 1 or not all(c.isalpha() or c in " \t'’-." for c in text.strip()):
            return found
    s = text.strip()
    if sum(c.isdigit() for c in s) <= 6 and not any(c.isalpha() or c in "*＊" for c in s):
        # no letter of any script and too few digits for a phone: no name ('#1001' under Shopify's
        # 'Name', the order's name, was masked: found by hand)
        return found
    i = text.index(s)
    kind = T.MASKED if ("*" in s or "＊" in s) else T.NAME
    return _resolve(found + [Finding(kind, i, i + len(s), s, 0.5, "name.column",
                                     meta=(("surname_len", 1),), role=ctx.role)])


# an account in a messenger or e-mail column: one token, no blank inside
_ACCOUNT_VALUE = lazy(r"[ \t]*(?P<v>@?[^\s@]{3,64}(?:@[^\s@]{1,64})?)[ \t]*")


def _email_column(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """An e-mail or messenger column ('wechat', '微信', 'QQ', 'Line ID', 'Telegram') whose value no
    detector read: an account of one token is masked whole as an e-mail address is ('微信':
    'wangfang_88' and a QQ number stood: found by hand)."""
    if any(f.type is T.EMAIL or f.type is T.MASKED for f in found):
        return found
    m = _ACCOUNT_VALUE.fullmatch(text)
    if m is None or m.group("v").lower() in _PLACEHOLDERS or "*" in m.group("v") or "＊" in m.group("v"):
        return found
    a, z = m.span("v")
    return _resolve([f for f in found if not (a <= f.start and f.end <= z)]
                    + [Finding(T.EMAIL, a, z, text[a:z], 0.6, "email.column", role=ctx.role)])


def _free_names(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """Chinese names in free text (``_free_text_names``); in a name column only when nothing there
    was named yet."""
    if ctx.hint is T.NAME and any(f.type in (T.NAME, T.MASKED) for f in found):
        return found
    extra = _free_text_names(text, found, ctx)
    if not extra:
        return found
    shrink = {id(x[1]): x[2] for x in extra if isinstance(x, tuple)}
    new = []
    for f in found:
        if id(f) in shrink:
            e = shrink[id(f)]
            if e - f.start >= 1:
                new.append(Finding(f.type, f.start, e, text[f.start:e], f.score, f.detector,
                                   f.meta, f.role))
        else:
            new.append(f)
    return _resolve(new + [x for x in extra if not isinstance(x, tuple)])


def _beside_phone(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A Latin name beside a phone (``name_en.beside_phone``), in a text where no name was found
    before the first phone (a town read as a title after the phone, 'David Farnon (Tel
    860.347.6419x9608), 87 Clery Street, Tia Ville W200V33', kept the name before it: the step ran
    only where nothing was named; world_text --more-forms seed 107)."""
    if not found:
        return found
    names = [f for f in found if f.type is T.NAME]
    phones = [f for f in found if f.type in _PHONEISH]
    if names and (not phones or any(n.start < min(p.start for p in phones) for n in names)):
        return found
    if len(phones) < 3:
        # (a labelled number kept as a service, a hotline or toll-free one, still stands beside
        # its contact's name)
        phones += phone_intl.labelled_services(text, found)
    extra = name_en.beside_phone(text, phones, ctx, [f for f in found if f.detector in _STREET_DETECTORS])
    # a street line after the phone ('+34806 51 42 86, Calle de Jose Manuel Porcel 20'): its type
    # word or a street finding around the words says it is no name (the name cut the street short
    # and left its number readable)
    # (nor is a town the detectors found, 'Thành phố Cần Thơ / ĐT (02)...': the town keeps its region)
    extra = [e for e in extra if not address_eu.street_type_first(e.text) and not any(
        (f.type is T.ADDRESS or f.type is T.ADDRESS_REGION) and f.start <= e.start and e.end <= f.end for f in found)
        and not any(n.start < e.end and e.start < n.end for n in names)]
    # a name whose first words end a street line ('12 rue de la Paix Marie Dupont 06 ...'): the
    # name from the first word after the street on
    for k, e in enumerate(extra):
        for f in found:
            if f.type is T.ADDRESS and f.start <= e.start < f.end < e.end:
                rest = text[f.end:e.end]
                a = e.end - len(rest.lstrip(" \t,"))
                if a < e.end and " " in text[a:e.end]:
                    extra[k] = Finding(e.type, a, e.end, text[a:e.end], e.score, e.detector, e.meta, e.role)
                break
    return _resolve(found + extra) if extra else found


# a name written in both scripts, the second after a slash or in brackets ('收件人：Zhang San/张三',
# '收件人：张三 (Zhang San)': the second stood; found by hand, probing forms people write)
_PAIR_CJK = lazy(r"[ \t]*[/／|｜(（][ \t]*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])")
_LATIN_NAME = r"(?:[A-Za-z][a-z]{0,11}(?:[ \t]+[A-Za-z][a-z]{0,11}){1,2}|[A-Z]{1,12}(?:[ \t]+[A-Z]{1,12}){1,2})"
_PAIR_LATIN = lazy(rf"[ \t]*[/／|｜(（][ \t]*({_LATIN_NAME})(?![A-Za-z])")
# (or the pair right before a phone, neither found alone: 'Zhang San/张三 13812345678')
_PAIR_BEFORE_PHONE = lazy(rf"(?:(?P<l1>{_LATIN_NAME})[ \t]*[/／|｜][ \t]*(?P<c1>[\u4e00-\u9fff]{{2,4}})|"
                                rf"(?P<c2>[\u4e00-\u9fff]{{2,4}})[ \t]*[/／|｜][ \t]*(?P<l2>{_LATIN_NAME}))[ \t,，:：]*$")


# a nickname in quotes or brackets between a given name and a surname ('Jonathan "Jon" Whitfield,
# 937.555.0148' kept 'Jonathan "Jon"': the quote broke the name's words; found by hand)
_NICKNAMED = lazy(rf"(?P<g>{name_en.NAME_WORD})[ \t]+(?P<n>[\"“'‘(]{name_en.NAME_WORD}[\"”'’)])[ \t]+"
                  rf"(?P<s>{name_en.NAME_WORD})")


# whom to call on a number: 'Call Jonathan Whitfield on +44 7700 900123 before delivery' (the
# name stood; found by hand): capitalised words between the verb and 'on'/'at' before a phone
_CALL_ON = lazy(rf"(?<![^\W\d_])(?i:call|ring|phone|text|contact|whatsapp|sms|anrufen|appeler|llamar\s+a|chiamare)"
                rf"[ \t]+(?P<name>{name_en.NAME_WORD}(?:[ \t]+{name_en.NAME_WORD}){{0,2}})[ \t]+"
                r"(?i:on|at|under|via|@|unter|au|al)[ \t]+")
_NOT_CALLED = frozenset(("us", "me", "him", "her", "them", "reception", "the", "our", "my", "your", "customer",
                         "service", "support", "office", "desk", "front", "security", "ahead", "first", "back",
                         "before", "sender", "recipient", "driver", "courier", "store", "shop", "hotline"))


def _call_on(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """The name of whom to call on a phone that was found right after it (``_CALL_ON``)."""
    phones = {f.start for f in found if f.type in _PHONEISH}
    if not phones:
        return found
    extra = []
    for m in _CALL_ON.finditer(text):
        a, z = m.span("name")
        if m.end() not in phones or any(f.start < z and a < f.end for f in found):
            continue
        words = m.group("name").split()
        if any(w.lower().strip(".,") in _NOT_CALLED for w in words) or name_en.NOT_NAME.match(m.group("name")):
            continue
        extra.append(Finding(T.NAME, a, z, m.group("name"), 0.75, "name_en.call_on", meta=(("latin", True),),
                             role=ctx.role))
    return _resolve(found + extra) if extra else found


_ANY_WORD = rf"(?:{name_en.NAME_WORD}|{name_en.LOWER_WORD})"
# a name after an introduction in a note that holds an address, a phone or an e-mail ('Hi its Sarah
# Jones, my address is 9 Park Road, ...', 'this is sarah jones from flat 2', 'parcel for Sarah Jones,
# 07700 ...': the name stood, capitalised or not; found by hand, 2026-12-07)
_INTRO = lazy(r"(?:^|(?<=[\s,.;:!?(\-]))(?i:(?P<en>it['’]?s|it[ \t]+is|this[ \t]+is|i['’]m|i[ \t]+am|my[ \t]+name[ \t]+is|"
              r"my[ \t]+name['’]s|name['’]s|here[ \t]+is|(?:parcel|package|packet|delivery|order|box|letter|post|mail|"
              r"item|shipment|envelope)[ \t]+(?:is[ \t]+)?for|addressed[ \t]+to|(?:in[ \t]+)?care[ \t]+of)|"
              # (and in the languages of the carriers' notes: 'soy María García, mi dirección es ...',
              # 'mein Name ist Hans Meier' stood; found by hand)
              r"soy|me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|je[ \t]+suis|je[ \t]+m['’]appelle|mon[ \t]+nom[ \t]+est|"
              r"ich[ \t]+bin|ich[ \t]+hei(?:ß|ss)e|hier[ \t]+ist|mein[ \t]+name[ \t]+ist|sono|mi[ \t]+chiamo|il[ \t]+mio[ \t]+nome[ \t]+[èe]|"
              r"ik[ \t]+ben|mijn[ \t]+naam[ \t]+is|eu[ \t]+sou|meu[ \t]+nome[ \t]+[ée]|jestem|nazywam[ \t]+si[ęe]|"
              r"jag[ \t]+heter|jeg[ \t]+hedder|jeg[ \t]+heter|benim[ \t]+ad[ıi]m|paket[ \t]+f[üu]r|colis[ \t]+pour|"
              r"paquete[ \t]+para|pacco[ \t]+per|pakket[ \t]+voor|encomenda[ \t]+para|paczka[ \t]+dla)[ \t]*[,:\-–]?[ \t]+"
              rf"(?P<name>{_ANY_WORD}(?:[ \t]+{_ANY_WORD}){{1,2}})")
_INTRO_END = lazy(r"[ \t]*(?:$|[,.;:!?)\n/|]|[-–—][ \t]|(?i:here|from|at|on|and|my|in|of|who|please|speaking|calling|"
                  r"living|staying|via|with|tel|ph|phone|mob|mobile)(?![^\W\d_]))")
_WHOSE = (T.ADDRESS, T.PHONE, T.PHONE_INTL, T.LANDLINE, T.EMAIL)
# the words that say a name follows ('my name is', 'me llamo', 'ich heiße'...)
_NAME_WORD_IN = lazy(r"(?i)name|nombre|\bnom\b|nome|naam|llamo|appelle|chiamo|hei(?:ß|ss)e|heter|hedder|ad[ıi]m|nazywam")


def _introduced(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A person's name after 'its', 'this is', 'my name is', 'parcel for'... (``_INTRO``), in a text
    that holds another personal finding (or after 'my name is'): two or three words, all
    capitalised or all in lower case, ending where the sentence or the field does."""
    if not any(f.type in _WHOSE for f in found) and _NAME_WORD_IN.search(text) is None:
        return found
    extra = []
    for m in _INTRO.finditer(text):
        words = m.group("name").split()
        a = m.start("name")
        ends = [a + w.end() for w in re.finditer(r"\S+", m.group("name"))]
        z = a
        strong = _NAME_WORD_IN.search(m.group(0), 0, m.start("name") - m.start()) is not None
        if not strong and not any(f.type in _WHOSE for f in found):
            continue
        # (a name in lower case only after an English introduction: 'sono arrivati due pacchi', 'je
        # suis absent demain' are sentences)
        lower = all(w.islower() for w in words)
        if lower and m.group("en") is None:
            continue
        while len(words) >= 2:
            z = ends[len(words) - 1]
            if _INTRO_END.match(text, z) is not None and (
                    name_en.lower_name_words([w.lower() for w in words]) if lower else
                    all(w[0].isupper() for w in words) and name_en.signed_name(" ".join(words))
                    and name_en.given_word(words[0]) and not name_en.NOT_NAME.match(" ".join(words))
                    and words[0].lower() not in _NO_GIVEN
                    and not any(w.lower() in _NOT_CALLED or w.lower() in name_en.NOT_GIVEN for w in words)):
                break
            words.pop()
        if len(words) < 2 or any(f.start < z and a < f.end for f in found + extra):
            continue
        extra.append(Finding(T.NAME, a, z, text[a:z], 0.7, "name_en.introduced", meta=(("latin", True),),
                             role=ctx.role))
    return _resolve(found + extra) if extra else found


# a name written in both scripts, one in brackets: 'Wang Xiaoming (王小明), Room 1102, ...' stood whole
# (found by hand); the Han form must be a name by its surname
_DUAL_NAME = lazy(rf"(?P<lat>{name_en.NAME_WORD}(?:[ \t]+{name_en.NAME_WORD}){{1,2}})[ \t]*[(（](?P<cjk>[\u4e00-\u9fff·]{{2,5}})[)）]|"
                  rf"(?P<cjk2>[\u4e00-\u9fff·]{{2,5}})[ \t]*[(（](?P<lat2>{name_en.NAME_WORD}(?:[ \t]+{name_en.NAME_WORD}){{1,2}})[)）]")


def _dual_names(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """Both forms of a name written in Latin letters and in Han characters, one in brackets."""
    if "(" not in text and "（" not in text:
        return found
    extra = []
    for m in _DUAL_NAME.finditer(text):
        cjk, lat = ("cjk", "lat") if m.group("cjk") else ("cjk2", "lat2")
        if not name_cn.is_name_segment(m.group(cjk)) or name_en.NOT_NAME.match(m.group(lat)) \
                or m.group(lat).split()[0].lower() in _NO_GIVEN:
            continue
        for g, latin in ((lat, True), (cjk, False)):
            a, z = m.span(g)
            if not any(f.start < z and a < f.end for f in found + extra):
                extra.append(Finding(T.NAME, a, z, m.group(g), 0.75, "name.dual_script",
                                     meta=(("latin", True),) if latin else (("surname_len", 1),), role=ctx.role))
    return _resolve(found + extra) if extra else found


_NO_GIVEN = frozenset(("to", "from", "for", "at", "by", "of", "attn", "dear", "hi", "hello", "name", "contact",
                       "recipient", "sender", "customer", "consignee", "deliver", "ship", "return", "bill"))
_NO_NICK = frozenset(("customer", "recipient", "consignee", "receiver", "buyer", "client", "contact", "sender",
                      "shipper", "consignor", "addressee", "business", "company", "person", "name", "full name",
                      "in full", "optional", "required", "mr", "mrs", "ms", "dr"))


def _nicknames(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """The given name and the nickname of a name written with its nickname in the middle, where a
    name finding holds the surname or the given name."""
    if '"' not in text and "“" not in text and "'" not in text and "‘" not in text and "(" not in text:
        return found
    names = [f for f in found if f.type is T.NAME]
    if not names:
        return found
    extra = []
    for m in _NICKNAMED.finditer(text):
        nick = m.group("n")[1:-1].lower()
        if m.group("g").lower() in _NO_GIVEN or nick in _NO_NICK or name_en.NOT_NAME.match(m.group("g")):
            continue  # ('Deliver To (Customer) Rahul Verma': a label's words, no given name and nickname)
        spans = [m.span("g"), m.span("n"), m.span("s")]
        if not any(f.start <= a and z <= f.end for f in names for a, z in (spans[0], spans[2])):
            continue
        for a, z in spans:
            if not any(f.start < z and a < f.end for f in found):
                if text[a] in "\"“'‘(":
                    a, z = a + 1, z - 1  # the nickname without its quotes
                extra.append(Finding(T.NAME, a, z, text[a:z], 0.75, "name_en.nickname", meta=(("latin", True),),
                                     role=ctx.role))
    return _resolve(found + extra) if extra else found


def _name_pairs(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    extra = []
    for f in found:
        if f.type in _PHONEISH:
            m = _PAIR_BEFORE_PHONE.search(text, max(0, f.start - 48), f.start)
            if m is not None:
                c, lt = ("c1", "l1") if m.group("c1") else ("c2", "l2")
                if name_cn.surname_len(m.group(c)) and m.group(c) not in name_cn.NOT_NAMES \
                        and m.group(lt).lower().split()[0] not in name_en.NOT_CONTACT_WORDS:
                    for g, latin in ((c, False), (lt, True)):
                        a, z = m.span(g)
                        if not any(h.start < z and a < h.end for h in found + extra):
                            extra.append(Finding(T.NAME, a, z, m.group(g), 0.75, "name.pair",
                                                 meta=(("latin", True),) if latin else (), role=f.role))
            continue
        if f.type is not T.NAME:
            continue
        latin = bool(_ALPHA.match(f.text))
        m = (_PAIR_CJK if latin else _PAIR_LATIN).match(text, f.end)
        if m is None:
            continue
        a, z = m.span(1)
        if any(g.start < z and a < g.end for g in found + extra):
            continue
        if latin and name_cn.surname_len(m.group(1)) and m.group(1) not in name_cn.NOT_NAMES:
            extra.append(Finding(T.NAME, a, z, m.group(1), 0.75, "name.pair", role=f.role))
        elif not latin and m.group(1).lower().split()[0] not in name_en.NOT_CONTACT_WORDS:
            extra.append(Finding(T.NAME, a, z, m.group(1), 0.75, "name.pair", meta=(("latin", True),), role=f.role))
    return _resolve(found + extra) if extra else found


def _before_email(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    """A display name before an e-mail address in brackets (``name_en.before_email``)."""
    emails = [f for f in found if f.type is T.EMAIL and f.start > 0 and text[f.start - 1] in "<([: \t"]
    if not emails:
        return found
    extra = [e for e in name_en.before_email(text, emails, ctx)
             if not any(f.start < e.end and e.start < f.end for f in found)]
    return _resolve(found + extra) if extra else found


# a Latin name right before 'at' and an address found after it, in a sentence ('rescheduled for Li Na
# at Rm 302, 18 Wenyi Rd', 'left with Tom Brown at 12 High St': found by hand, the name stood); the
# word before the name is a lower-case word, a comma or the text's start
_BEFORE_AT = lazy(rf"(?:^|(?<=[a-z,;:(] ))(?P<name>{name_en.NAME_WORD}(?:[ \t]+{name_en.NAME_WORD}){{1,2}})"
                        r"[ \t]+(?:at|@|c/o)[ \t]+$")


# a name typed in lower case that starts a line or field, right before its street ('klaus schmidt
# hauptstr 5 80331 münchen', 'piet jansen kerkweg 12 ...': the name stood; found by hand), after a
# delivery word too ('to john smith, 3 elm road, ...')
_LOWER_LEAD = lazy(rf"(?:^|(?<=[\n;|\t:]))[ \t]*(?:(?:to|for|attn|c/o|ship[ \t]+to|deliver[ \t]+to|send[ \t]+to)[ \t]*:?[ \t]+)?(?P<name>{name_en.LOWER_WORD}(?:[ \t]+{name_en.LOWER_WORD}){{1,2}})"
                   r"[ \t]*,?[ \t]+$")
_STREETS = frozenset(("address_eu.street", "address_us.street"))


def _before_address(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    extra: list[Finding] = []
    for f in found:
        if f.type is T.ADDRESS and f.detector in _STREETS and 5 <= f.start and text[f.start - 1] in " \t,":
            m = _LOWER_LEAD.search(text[:f.start])
            if m is not None and name_en.lower_name_words(m.group("name").split()) \
                    and not any(g.start < m.end("name") and m.start("name") < g.end for g in found):
                extra.append(Finding(T.NAME, m.start("name"), m.end("name"), m.group("name"), 0.6,
                                     "name_en.before_address", meta=(("latin", True),), role=ctx.role))
                continue
        if f.type is not T.ADDRESS or f.start < 8 or not text[f.start - 5:f.start].rstrip(" \t").endswith(("at", "@", "c/o")):
            continue
        m = _BEFORE_AT.search(text, max(0, f.start - 64), f.start)
        if m is None:
            continue
        a, z = m.span("name")
        name = m.group("name")
        if any(g.start < z and a < g.end for g in found) or not name_en.signed_name(name) \
                or name_en.NOT_NAME.match(name) or name.split()[0].lower() in name_en.KIN_NOT_NAME:
            continue
        extra.append(Finding(T.NAME, a, z, name, 0.6, "name_en.before_address", meta=(("latin", True),), role=ctx.role))
    return _resolve(found + extra) if extra else found


# a field written as a key and its value inside a text: a URL's or a form's query ('name=kathleen
# rodriguez&phone=...&addr=12+oak+st') or a JSON object pasted into a cell ('{"name":"kathleen
# rodriguez"}'): the value is read as its key's column would be (the name stood whole)
_KV_WHO = (r"full|first|last|given|family|sur|recipient|receiver|sender|contact|customer|consignee|consignor|"
           r"buyer|shipping|billing|shipper|rcv|rcvr|rcpt|recv|cnee|cnor|shpr|ship[_\-]?to|deliver[_\-]?to")
# (who a field is about before its kind: 'consignee_nm=', 'rcv_phone=', 'recipient_name="Lee Chang"'
# in a log line stood; found by hand)
_KV_KEY = (rf"(?:(?:{_KV_WHO})[_\-]?)?name|(?:{_KV_WHO})[_\-]?nm|recipient|receiver|consignee|contact|to|rcv|rcvr|"
           r"rcpt|cnee|"
           rf"(?:(?:{_KV_WHO})[_\-]?)?(?:phone|mobile|mob|tel|telephone|cell)|"
           rf"(?:(?:{_KV_WHO})[_\-]?)?(?:addr|address(?:[_\-]?line[_\-]?[12])?|street)")
# a name's part alone as a key, with its value quoted only ('<contact first="John" last="Smith">'
# kept 'John'; found by hand): 'first=1' in a query is a number's
_KV_PART = r"|first|last|given|family|surname|fname|lname|forename"
# a key's value: quoted in JSON ('"name": "..."'), after '=' bare or quoted, after ': ' quoted
_KV = lazy(rf"(?i)(?:\"(?P<qk>{_KV_KEY}{_KV_PART})\"[ \t]*:[ \t]*\"(?P<qv>[^\"\n]{{1,200}})\"|"
                 rf"(?<![A-Za-z0-9_.\-])(?P<sk>{_KV_KEY}{_KV_PART})(?:=|[ \t]*:[ \t]*)\"(?P<sv>[^\"\n]{{1,200}})\"|"
                 rf"(?<![A-Za-z0-9_.\-])(?P<ek>{_KV_KEY})=(?P<ev>[^&;|\"\s][^&;|\"\n]{{0,200}}?)(?=[&;|\"\n]|$|[ \t]+\w+=))")
_KV_PHONE = lazy(r"(?:phone|mobile|mob|tel|telephone|cell)$")
_KV_ADDRESS = lazy(r"(?:addr|address(?:[_\-]?line[_\-]?[12])?|street)$")


def _kv_hint(key: str):
    """The column a key names: a phone's, an address's, else a name's."""
    if _KV_PHONE.search(key):
        return T.PHONE
    if _KV_ADDRESS.search(key):
        return T.ADDRESS
    return T.NAME


def _key_values(text: str, found: list[Finding], ctx: Context) -> list[Finding]:
    if "=" not in text and '":' not in text and '" :' not in text and ': "' not in text and ':"' not in text:
        return found
    extra: list[Finding] = []
    seen: dict = {}  # (value, hint) -> its findings: a value repeated in the text is read once
    # the findings so far by start (non-overlapping, sorted): what overlaps a span is found by
    # bisection; the values are apart from each other, so what one adds never meets another's
    spans = sorted((f.start, f.end, f.type in PERSONAL) for f in found)
    starts = [x[0] for x in spans]

    def near(a: int, b: int) -> list:
        k = bisect_right(starts, b)
        return [x for x in spans[max(0, k - 3):k] if x[0] < b and a < x[1]]

    for m in _KV.finditer(text):
        kind = "q" if m.group("qk") else "s" if m.group("sk") else "e"
        key = m.group(kind + "k").lower()
        a, b = m.span(kind + "v")
        hint = _kv_hint(key)
        if key == "to" and _DIGIT.search(text, a, b):
            continue  # ('to=' ends a date range as often as it names a recipient)
        if any(x[0] <= a and b <= x[1] and x[2] for x in near(a, b)):
            continue
        k = (text[a:b], hint)
        got = seen.get(k)
        if got is None:
            got = seen[k] = detect_text(text[a:b], hint=hint, role=ctx.role, region=ctx.region, free_text=False)
        for f in got:
            if not near(f.start + a, f.end + a):
                extra.append(f.with_offset(a))
    return _resolve(found + extra) if extra else found


class _StepRegistry(_Registry):
    """The steps by name; any change drops the per-feature plans made from it."""

    def _changed(self):
        _AFTER_PLANS.clear()


# (id(hint), bits, free_text) -> the ``run`` of the steps whose ``when`` holds, in order
_AFTER_PLANS: dict[tuple, tuple] = {}

#: step name -> Step, run in this order after the detectors (``register_step`` adds one)
AFTER: dict[str, Step] = _StepRegistry({
    "phone.column": Step(_phone_column, lambda h, a, c, free: h in (T.PHONE, T.LANDLINE)),
    "address.column": Step(_address_column, lambda h, a, c, free: h is T.ADDRESS),
    "region.column": Step(_region_column, lambda h, a, c, free: h is T.ADDRESS_REGION),
    "name.column": Step(_name_column, lambda h, a, c, free: h == T.NAME),
    "email.column": Step(_email_column, lambda h, a, c, free: h is T.EMAIL),
    "name_cn.free": Step(_free_names, lambda h, a, c, free: c and (h is T.NAME or free)),
    "name_en.beside_phone": Step(_beside_phone, lambda h, a, c, free: free and a and h is None),
    "name_en.before_email": Step(_before_email, lambda h, a, c, free: a),
    "name_en.before_address": Step(_before_address, lambda h, a, c, free: a and not c and h is None),
    # (other scripts too: a Thai or Hindi street line after a phone, "โทร 089 774 4260 17 หมู่ 5 ...")
    "phone.house_number": Step(_house_number_after_phone, lambda h, a, c, free: a or not c),
    "phone.toll_free_of_name": Step(_toll_free_of_a_name, lambda h, a, c, free: free and a and h is None),
    "address.unit_after": Step(_unit_after_street, lambda h, a, c, free: a and not c),
    # (and inside a free text: 'domofon 15', 'zimmer 12 im Wohnheim', '3e étage')
    "address.unit_inside": Step(_unit_inside, lambda h, a, c, free: a and h is None),
    # (and a Chinese building's, unit's or room's number after its label: '单元：2 房号：1102')
    "address.unit_inside_cn": Step(_unit_inside, lambda h, a, c, free: c and not a and h is None),
    "name_en.care_of": Step(_care_of_after_street, lambda h, a, c, free: a and not c),
    "address.record": Step(_address_in_record, lambda h, a, c, free: free and a and not c and h is None),
    "address.labelled": Step(_labelled_address, lambda h, a, c, free: free and h is None),
    "name_en.signed_note": Step(_signed_note, lambda h, a, c, free: free and a and not c and h is None),
    # (in a hinted column too: a name column's 'name=吕敏萍&phone=139...' left the name standing)
    "key_values": Step(_key_values, lambda h, a, c, free: a),
    "name.pair": Step(_name_pairs, lambda h, a, c, free: a and c),
    "name.nickname": Step(_nicknames, lambda h, a, c, free: a and h in (None, T.NAME)),
    "name.call_on": Step(_call_on, lambda h, a, c, free: a and h is None),
    "name.introduced": Step(_introduced, lambda h, a, c, free: free and a and h is None),
    "name.dual_script": Step(_dual_names, lambda h, a, c, free: a and c and h in (None, T.NAME)),
    # (a Chinese record: the number after a name; phone columns have their own rule)
    "phone.after_name": Step(_phone_after_name, lambda h, a, c, free: c and h not in (T.PHONE, T.LANDLINE, T.TRACKING)),
})


def register_step(name: str, step: Step, before: str | None = None) -> None:
    """Add (or replace) a step, run last or just before the one named ``before``."""
    items = [(k, v) for k, v in AFTER.items() if k != name]
    at = next((i for i, (k, _) in enumerate(items) if k == before), len(items))
    items.insert(at, (name, step))
    AFTER.clear()
    AFTER.update(items)


def _after_plan(hint: EntityType | None, bits: int, free_text: bool) -> tuple:
    plan = _AFTER_PLANS[(id(hint), bits, free_text)] = tuple(
        st.run for st in AFTER.values() if st.when(hint, bool(bits & ALPHA), bool(bits & CJK), free_text))
    return plan


def _plans(hint: EntityType | None) -> list:
    """Per bits (0-7), (test, run, stateful) of the detectors whose ``when`` holds, in order."""
    plans = _PLANS[id(hint)] = [
        tuple((d.test, d.run, d.stateful) for d in DETECTORS.values()
              if d.when(bool(b & ALPHA), bool(b & DIGITS), bool(b & CJK), hint))
        for b in range(8)]
    return plans


def _detect(text: str, hint: EntityType | None, role: str | None, region: str, free_text: bool,
            shortcuts: bool, relay=None, street: bool = False) -> list[Finding]:
    ctx = Context(hint=hint, role=role, region=region, free_text=free_text, relay=relay, street=street)
    if hint == T.TRACKING:
        if tracking_cell(text, ctx):
            return _resolve(tracking.detect(text, ctx))
        # anything else in a tracking column (a phone typed there, a note) is scanned like any
        # cell; tracking-number patterns still win their overlaps
        hint = None
        ctx = Context(hint=None, role=role, region=region, free_text=free_text, relay=relay)
    # fast paths for the common shapes of hinted columns (same detectors, fewer of them)
    if shortcuts and hint == T.NAME and len(text) <= 8 and not _DIGIT.search(text) and "@" not in text:
        got = name_cn.detect_cell(text, ctx) or name_en.detect_cell(text, ctx)
        if got:
            return _with_role(got, role)
    if shortcuts and hint in (T.PHONE, T.LANDLINE) and _PHONE_ONLY.fullmatch(text):
        got = _resolve(phone_cn.detect(text, ctx))
        # only when the Chinese patterns account for every digit (else another number is there)
        if got and all(f.type in _PHONEISH for f in got) and _all_digits_covered(text, got):
            return _with_role(got, role)
        if not got and _NANP_CELL.fullmatch(text) and not phone_intl.service_at(text, 0, len(text)):
            # "(774) 999-7629", "774-999-7629": what the international detector finds in such a cell
            # (its North-American shape), without its other readings (a third of an EN row's time)
            return _with_role([Finding(T.PHONE_INTL, 0, len(text), text, 0.9, "phone_intl.shape")], role)
        if not got:  # "(774) 999-7629", "+44 20 7946 0958": the international detector alone
            got = _resolve(phone_intl.detect(text, ctx))
            if got and _all_digits_covered(text, got):
                return _with_role(got, role)
    found: list[Finding] = []
    alpha = _ALPHA.search(text) is not None
    cjk = _CJK_RE.search(text) is not None
    digits = _DIGITS_GATE.search(text) is not None or (
        _SPLIT_GATE.search(text) is not None and (phone_cn.LABEL_THEN_RUN.search(text) is not None
                                                  or phone_cn.SPLIT_RUN.search(text) is not None))
    bits = alpha | digits << 1 | cjk << 2
    state = {"found": found}
    for test, run, stateful in (_PLANS.get(id(hint)) or _plans(hint))[bits]:
        if test is None or test(text, bits):
            found += run(text, ctx, state) if stateful else run(text, ctx)
    found = _resolve(found)
    for run in _AFTER_PLANS.get((id(hint), bits, free_text)) or _after_plan(hint, bits, free_text):
        found = run(text, found, ctx)
    return _with_role(found, role)
