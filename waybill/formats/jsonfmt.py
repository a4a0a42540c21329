"""JSON (any shape, nested) and JSON Lines. Keys are column hints; every string is also scanned by
content, and so are the keys themselves (masked in place) and numbers of phone/ID shape. Output
keeps key order, indentation style and non-ASCII characters."""
from __future__ import annotations

import json
import re
from ..lazy_re import lazy
import sys

from ..detectors import phone_intl
from ..detectors.name_en import signed_name
from .. import embedded
from ..engine import column_known
from ..errors import InputError
from . import pieces
from .structure import KEY_WORD, PHONE_ONLY_VALUE
from .structure import NAME_SHAPED_KEY as _NAME_IN_ROW
from .structure import (contact_key, contact_roles, echo_object, field_word, mask_label, mask_number, name_shaped_words,
                        phone_shaped, placed, plausible_name_key, unique)
from .structure import NUMBER_WORD, PHONE_TYPES, area_pairs, area_splits, mask_area_split, split_record
from .textio import decode_error, open_text
from ..model import EntityType

T_ADDRESS = EntityType.ADDRESS

MAX_DEPTH = 200
MIN_EMBEDDED = embedded.MIN_CHARS  # (a shorter string is never looked at as base64)


def _walk(engine, node, path, key, recs, report, depth=0):
    if depth > MAX_DEPTH:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, dict):
        return _walk_object(engine, node, path, recs, report, depth, parent=key)
    if isinstance(node, list):
        roles = _item_roles(node)
        if roles:
            return [_walk_object(engine, v, f"{path}[{i}]", recs, report, depth + 1, roles) if isinstance(v, dict)
                    else [engine.mask_value(x, {"field": f"{path}[{i}][{j}]"}, roles[j], recs, report=report)
                          if j in roles and isinstance(x, str) else _walk(engine, x, f"{path}[{i}][{j}]", key, recs, report, depth + 2)
                          for j, x in enumerate(v)]
                    for i, v in enumerate(node)]
        if len(node) >= 3 and _name_list(engine, node, key):
            # (a list of Latin names and nothing else: '["Anna Schmidt", "John Smith", ...]' stood,
            # no other value to be a record's evidence; found by hand)
            return [engine.mask_value(v, {"field": f"{path}[{i}]"}, "name", recs, report=report)
                    if _list_name(v) else _walk(engine, v, f"{path}[{i}]", key, recs, report, depth + 1)
                    for i, v in enumerate(node)]
        if len(node) < 2 or not any(isinstance(v, str) for v in node):
            return [_walk(engine, v, f"{path}[{i}]", key, recs, report, depth + 1) for i, v in enumerate(node)]
        out, kinds = [], []
        for i, v in enumerate(node):
            n0 = len(recs)
            out.append(_walk(engine, v, f"{path}[{i}]", key, recs, report, depth + 1))
            kinds.append({r.get("type") for r in recs[n0:]})
        return _row_names(engine, node, out, kinds, path, recs, report)
    if isinstance(node, str):
        if len(node) >= MIN_EMBEDDED:
            # a label carried as base64 ("labelData": a carrier API's ZPL, PDF or PNG): masked in
            # its own format (``waybill.embedded``)
            got = embedded.mask_value(engine, node, {"field": path}, recs, report)
            if got is not None:
                return got
        return engine.mask_value(node, {"field": path}, key, recs, report=report)
    # phone and ID numbers stored as JSON numbers (ints, integral floats; with a key or without,
    # in a list of numbers too): masked values become strings
    return mask_number(engine, node, {"field": path}, key, recs, report)


def _list_name(v) -> bool:
    return isinstance(v, str) and " " in v.strip() and name_shaped_words(v.strip())


_ITEM_WORD = lazy(r"(?i)items?|goods|lines")


def _name_list(engine, node: list, key) -> bool:
    """Whether a list holds only strings, 60% of them of a name's shape (2-4 capitals-first words),
    80% of those different (a list of people, as ``structure._decide`` reads a one-column table),
    under no key or a key that names nothing (not a list of products: '["Red Cap", ...]' under
    'items')."""
    if not all(isinstance(v, str) for v in node):
        return False
    if key is not None and (engine.hint(str(key)) != (None, None) or _NOT_CONTACT_KEY.search(str(key))
                            or key in _ITEM_KEYS or _ITEM_WORD.search(str(key))):
        return False
    named = [v.strip() for v in node if _list_name(v)]
    return len(named) >= 3 and len(named) >= 0.6 * len(node) and len(set(named)) >= 0.8 * len(named)


_ROLE_KEYS = 24  # records with more keys are read as they are (no shop's contact list has more)


def _item_roles(node: list) -> dict:
    """For a list of 3 or more records (objects, or lists of values) that is a contact list no
    detector reads value by value ('[{"n": "Maria López", "t": "612 345 678"}, ...]', '[["Jan
    Kowalski", "512 345 679"], ...]': every one stood, found by hand): key or position ->
    "name" | "phone" (``structure.contact_roles``)."""
    if len(node) < 3:
        return {}
    if all(isinstance(v, dict) for v in node):
        items = [v.items() for v in node]
    elif all(isinstance(v, list) for v in node):
        items = [enumerate(v) for v in node]
    else:
        return {}
    columns: dict = {}
    for r, it in enumerate(items):
        for k, v in it:
            if isinstance(v, str):
                columns.setdefault(k, {})[r] = v
                if len(columns) > _ROLE_KEYS:
                    return {}
    return contact_roles(columns, len(node))


# keys of an article's or an order's values, never a contact's ('{"title": "Red Cap", "sku": ...}')
_NOT_CONTACT_KEY = lazy(r"(?i)title|product|item|article|sku|desc|brand|model|categor|colou?r|size|variant|"
                              r"ean|gtin|isbn|order|invoice|track|awb|ref|price|amount|total")


def _record_contact(engine, node: dict, masked: list, out: dict, path, recs, report) -> None:
    """One record under keys that say nothing ('{"a": "Maria López", "b": "612 345 678"}', a JSON
    Lines file of such records: both values stood, found by hand): a value nothing was found in
    that is a valid mobile number written in groups (``phone_intl.mobile_region``) and a value of
    a name's shape beside it are read as a phone and a name. ``out`` is updated in place."""
    phone = name = None
    for k, mk, _t in masked:
        v = node[k]
        if not isinstance(v, str) or out.get(mk) != v or not isinstance(k, str) or _NOT_CONTACT_KEY.search(k):
            continue
        c = v.strip()
        if phone is None and phone_shaped(c) \
                and phone_intl.mobile_region("".join(ch for ch in c if ch.isdigit())) is not None:
            phone = (k, mk)
        elif name is None and name_shaped_words(c):
            name = (k, mk)
    if phone is None or name is None:
        return
    for (k, mk), hint in ((phone, "phone"), (name, "name")):
        p = f"{path}.{mk}" if path else str(mk)
        out[mk] = engine.mask_value(node[k], {"field": p}, hint, recs, report=report)


# what makes a list of values a person's record: one of them was read as a phone, an e-mail or an address
_RECORD_KINDS = frozenset(("phone", "phone_intl", "landline", "email", "address", "id_card"))


def _row_names(engine, node: list, out: list, kinds: list, path, recs, report) -> list:
    """A list of values that is one record ('["张三", "13812345678", "杭州市..."]', '["Hans Müller",
    "0151 23456789", ...]'): a value nothing was found in that is a bare name beside the record's
    phone, e-mail or address is the person's name (found by hand: both names stood)."""
    if not any(k & _RECORD_KINDS for k in kinds):
        return out
    for i, v in enumerate(node):
        if isinstance(v, str) and not kinds[i] and out[i] == v and 2 <= len(v.strip()) <= 60 \
                and _NAME_IN_ROW.fullmatch(v.strip()) and plausible_name_key(v.strip()):
            out[i] = engine.mask_value(v, {"field": f"{path}[{i}]"}, "name", recs, report=report)
    return out


# a remark's key: its value is a sentence or an instruction, read as free text ('周末送' is no name)
_REMARK_KEY = lazy(r"(?i)note|remark|comment|memo|instruction|message|msg|desc|text|备注|留言|说明|附言|要求|"
                   r"notiz|hinweis|bemerk|commentaire|nota|opmerking|uwagi|uwaga")


def _object_names(engine, node: dict, masked: list, out: dict, kinds: dict, path, recs, report) -> None:
    """An object that is one record ('{"n": "Lee Chang", "p": "4155550123", "a": "123 Main St"}',
    '{"nm": "王小明", "mob": "13812345678"}': the phone was masked, the name stood; found by hand):
    a value nothing was found in, under a key that names no field, that is a bare name beside the
    record's phone, e-mail, address or ID number is the person's name, as in a list of values
    (``_row_names``) and a table's row (``structure.infer_row_names``). ``out`` is updated in place."""
    if not any(x & _RECORD_KINDS for x in kinds.values()):
        return
    for k, mk, tmpl in masked:
        v = node[k]
        if tmpl or not isinstance(v, str) or kinds.get(mk) or out.get(mk) != v or not isinstance(k, str) \
                or not 2 <= len(v.strip()) <= 60 or _NOT_CONTACT_KEY.search(k) or _REMARK_KEY.search(k) \
                or k in _ITEM_KEYS or engine.hint(k) != (None, None) or column_known(k):
            continue
        if _NAME_IN_ROW.fullmatch(v.strip()) and plausible_name_key(v.strip()):
            out[mk] = engine.mask_value(v, {"field": f"{path}.{mk}" if path else str(mk)}, "name", recs,
                                        report=report)


# an object that is one field of a record written as its label and its value ({"k": "name", "v":
# "Jane Doe"}, {"label": "Phone", "value": "..."}): the value read as the label's column (it was read
# as a column named "v", and a name stood; found by hand, probing forms people write)
# (and a party's role, a form's question and answer: '{"role": "recipient", "value": "Jonathan
# Whitfield"}' and '{"question": "Name", "answer": ...}' stood; found by hand)
_LABEL_KEYS = ("key", "k", "label", "field", "name", "title", "attribute", "attr", "type", "kind", "channel",
               "role", "property", "prop", "question", "param", "parameter", "fieldName", "field_name")
_VALUE_KEYS = ("value", "v", "val", "content", "text", "answer", "response", "data", "input", "stringValue",
               "displayValue", "display_value")


def _eav(engine, node: dict) -> tuple[str, str] | None:
    """(the value's key, the label) of a label-and-value object, else None: the label is a column
    name to the engine (its column rules, cached, as the value's own masking reads them)."""
    if not 2 <= len(node) <= 4:
        return None
    label = next((node[k] for k in _LABEL_KEYS if isinstance(node.get(k), str)), None)
    value = next((k for k in _VALUE_KEYS if isinstance(node.get(k), str)), None)
    if label is None or value is None or len(label) > 40 or engine.hint(label) == (None, None):
        return None
    return value, label


# a contact list's key: up to four words of letters, the first a capital or another script's (the
# words of a name-shaped key, ``structure.KEY_WORD``, one of them enough)
_CONTACT_KEY = lazy(rf"{KEY_WORD}(?: {KEY_WORD}){{0,3}}")


def contact_map(engine, node: dict, masked: list, contacts: set) -> list[tuple[int, str]]:
    """The keys of an object that is a contact list as a whole ({"Tuấn": "0912 345 678", "Mẹ":
    "+84 ...", "LêJohn": "(02) 4219 2161"}): at least two keys and 60% of them key a value that is
    only a phone number or an e-mail, and name no field (world_text --formats map, scripts seed
    100: three Vietnamese landline numbers under one-word keys stood in share and dispose; no
    pattern took them and the keys named nothing the column rules know). [(index in ``masked``,
    key)] of such keys not read as contacts already; none when the object is no such list."""
    if len(node) < 2:
        return []
    got = []
    n = len(contacts)
    for j, (k, mk, tmpl) in enumerate(masked):
        if k in contacts or tmpl or not isinstance(k, str) or not isinstance(node[k], str):
            continue
        v = node[k].strip()
        if PHONE_ONLY_VALUE.fullmatch(v) is None or ("@" not in v and sum(c.isdigit() for c in v) < 7):
            continue
        if not 2 <= len(k) <= 40 or _CONTACT_KEY.fullmatch(k) is None or field_word(k) \
                or engine.hint(k) != (None, None) or not signed_name(k):
            continue
        got.append((j, k))
        n += 1
    return got if n >= 2 and n >= 0.6 * len(node) else []


# the members of an order line, and the lists of order lines (the products of an order)
_ITEM_KEYS = frozenset(("name", "title", "Name", "Title", "product_name", "productName", "display_name"))
_ITEM_PARENT = lazy(r"(?:^|\.)(?i:line_?items|items|products?|articles?|order_?lines|lines|goods|skus?|variants?|"
                          r"商品|商品列表|货品|宝贝)(?:\[\d+\])+$")


def _walk_object(engine, node: dict, path, recs, report, depth, roles: dict | None = None, parent=None):
    """Keys are scanned like values and masked in place; the paths of a masked key and of
    everything under it name the masked key. Two keys that mask alike both stay (``#2``...)."""
    masked = []
    for k in node:
        masked.append((k, *mask_label(engine, k, report)) if isinstance(k, str) and k else (k, k, ()))
    # a bare name ("张伟明") is a name when it keys a record ({"张伟明": {...}}), and then beside
    # it, or beside a personal key ({"13912345678": ..., "张伟明": 1}), any bare name is a name too
    masked = [(k, *mask_label(engine, k, report, name_like=True))
              if not tmpl and isinstance(node[k], (dict, list)) and isinstance(k, str) and k else (k, mk, tmpl)
              for k, mk, tmpl in masked]
    # a name keying its own phone or e-mail ({"Maria Garcia": "+34 612 345 678"}) is a name
    contacts = set()
    for j, (k, mk, tmpl) in enumerate(masked):
        got = contact_key(engine, k, node[k], report) if not tmpl and isinstance(k, str) else None
        if got is not None:
            masked[j] = (k, *got)
            contacts.add(k)
    # a map that is a contact list as a whole: its other keys (a nickname, a name glued or in one
    # word: 'Tuấn', 'LêJohn') key their phones too, which are read as a phone column's
    for j, k in contact_map(engine, node, masked, contacts):
        contacts.add(k)
        krecs: list = []
        got = engine.mask_value(k, {}, "name", krecs, report=report)
        if krecs:
            masked[j] = (k, got, tuple(krecs))
    if any(tmpl for _, _, tmpl in masked):
        masked = [(k, *mask_label(engine, k, report, name_like=True)) if not tmpl and isinstance(k, str) and k
                  else (k, mk, tmpl) for k, mk, tmpl in masked]
    taken = {k for k, mk, tmpl in masked if mk == k}
    eav = _eav(engine, node)
    phone_parent = isinstance(parent, str) and engine.hint(parent)[0] in PHONE_TYPES
    address_parent = isinstance(parent, str) and engine.hint(parent)[0] is T_ADDRESS
    out = {}
    kinds: dict = {}  # the types found in each member's value
    for k, mk, tmpl in masked:
        if mk != k:
            mk = unique(mk, taken)
            taken.add(mk)
        p = f"{path}.{mk}" if path else str(mk)
        if tmpl:
            recs.extend(placed(tmpl, {"field": p, "key": True}))
        # (the value under a name is that person's phone or e-mail: read as that column)
        column = ("email" if "@" in str(node[k]) else "phone") if k in contacts else \
            eav[1] if eav and k == eav[0] else roles[k] if roles and k in roles else mk
        if phone_parent and column == mk and isinstance(k, str) and engine.hint(k) == (None, None) and (
                NUMBER_WORD.fullmatch(k.strip().lower()) or isinstance(node[k], str)
                and _PHONE_PART.fullmatch(node[k]) and _NOT_PHONE_PART.search(k.lower()) is None):
            # a phone's parts under its key ('"phone": {"area": "020", "number": "7946 0958"}', '"tel":
            # {"cc": "+1", "area": "212", "local": "5550123"}': the number stood; found by hand)
            column = parent
        elif address_parent and column == mk and isinstance(k, str) and isinstance(node[k], str) \
                and engine.hint(k) == (None, None) and _NOT_ADDRESS_PART.search(k.lower()) is None \
                and len(node[k]) <= 80:
            # an address's parts under its key, whatever their names ('"adres": {"nr": "5", "kod":
            # ...}': the house number stood): read as a street line's column
            column = "street"
        if column in _ITEM_KEYS and _ITEM_PARENT.search(path):
            # an order line's name or title is the product's ('line_items[0].name': 'Woo Single #1'
            # was masked as a person's name; WooCommerce's and Shopify's order JSON, found by hand):
            # read as free text
            column = None
        n0 = len(recs)
        out[mk] = _walk(engine, node[k], p, column, recs, report, depth + 1)
        kinds[mk] = {r.get("type") for r in recs[n0:]}
    if len(out) >= 2:
        _area_members(engine, node, masked, out, path, recs, report)
    if roles is None and len(out) >= 2:
        _record_contact(engine, node, masked, out, path, recs, report)
        _object_names(engine, node, masked, out, kinds, path, recs, report)
    # the object as a record: a value its name/phone member masked is masked where another member
    # (a remark, an address) repeats it
    pairs = [[mk, node[k], out[mk], f"{path}.{mk}" if path else str(mk)]
             for k, mk, _ in masked if isinstance(node[k], str) and isinstance(mk, str)]
    if len(pairs) > 1:
        echo_object(engine, pairs, recs, report)
        for mk, _, new, _ in pairs:
            out[mk] = new
    if pairs and any(isinstance(v, dict) for v in out.values()):
        # the object with the objects inside it, as one record: a name masked in
        # 'shipping_address' stood in the order's 'tags' or 'note' ('vip, Lena'; found by hand)
        flat, where = [list(x) for x in pairs], [(out, x[0]) for x in pairs]
        _members(node, out, path, flat, where, 2)
        if len(pairs) < len(flat) <= _ECHO_MEMBERS:
            echo_object(engine, flat, recs, report)
            for (container, key), x in zip(where, flat):
                container[key] = x[2]
    return out


# a part of a phone written as its own member, and the members that are no part of its number
_PHONE_PART = lazy(r"\s*\(?\d[\d \-.()]{2,18}\s*")
_NOT_ADDRESS_PART = lazy(r"country|land|^cc$|type|kind|label|^id$|verified|primary|default|^lat|^lng$|^lon|geo|compan|firm|org|"
                         r"valid|status|format|lang|locale|time|date|created|updated|note|remark|instruction")
_NOT_PHONE_PART = lazy(r"country|^cc$|^ext|extension|分机|type|kind|label|^id$|verified|primary")


def _area_members(engine, node: dict, masked: list, out: dict, path: str, recs: list, report: bool) -> None:
    """A number written over an area-code member and the member after it ('{"area_code": "07700",
    "number": "900123"}'), masked as the whole number is (``structure.area_splits``)."""
    keys = [k for k, _, _ in masked]
    pairs = area_pairs(keys)
    if not pairs:
        return
    vals = [node[k] if isinstance(node[k], str) else None for k in keys]
    for i, joined in area_splits(vals, pairs):
        got = mask_area_split(engine, vals, i, joined, report)
        if got is None:
            continue
        a, b, fact = got
        ma, mb = masked[i][1], masked[i + 1][1]
        if ma != keys[i] or mb != keys[i + 1]:
            continue  # (a key masked as a value is renamed in ``out``: such a pair is left to its members)
        fa, fb = (f"{path}.{m}" if path else str(m) for m in (ma, mb))
        recs[:] = [r for r in recs if r.get("where", {}).get("field") not in (fa, fb)]
        if fact[6] != "keep":
            out[ma], out[mb] = a, b
        recs.append(split_record({"field": fa, "start": 0, "end": fact[3]}, fact, report))


# at most this many string members of an object and the objects inside it are read as one record
_ECHO_MEMBERS = 200


def _members(node: dict, out: dict, path: str, flat: list, where: list, depth: int) -> None:
    """The string members of the objects inside ``node`` (``out``: their masked copies, keyed in
    the same order), ``depth`` levels down, appended as ``echo_object`` pairs with their places."""
    for (k, v), (mk, o) in zip(node.items(), out.items()):
        if isinstance(v, dict) and isinstance(o, dict) and isinstance(mk, str):
            p = f"{path}.{mk}" if path else mk
            for (k2, v2), (mk2, o2) in zip(v.items(), o.items()):
                if isinstance(v2, str) and isinstance(o2, str) and isinstance(mk2, str):
                    flat.append([mk2, v2, o2, f"{p}.{mk2}"])
                    where.append((o, mk2))
            if depth > 1:
                _members(v, o, p, flat, where, depth - 1)
            if len(flat) > _ECHO_MEMBERS:
                return


def _loads(s: str):
    old = sys.getrecursionlimit()
    try:
        return json.loads(s)
    except RecursionError:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON (line {e.lineno}, column {e.colno})") from None
    finally:
        sys.setrecursionlimit(old)


def _jsonl_line(engine, line: str, i: int, recs: list, report: bool) -> str:
    body = line.rstrip("\r\n")
    if not body.strip():
        return line
    try:
        obj = _loads(body)
    except InputError as e:
        raise InputError(f"line {i}: {e.message}") from None
    new = _walk(engine, obj, f"[{i}]", None, recs, report)
    return json.dumps(new, ensure_ascii=False) + line[len(body):]


def mask(src, dst, job, fmt: str = "json") -> None:
    enc, text, sample = open_text(src)
    if enc.bom:
        dst.write(enc.bom)
    try:
        if fmt == "jsonl":
            pieces.mask_line_stream(text, dst, job, enc.name, _jsonl_line)
            return
        data = text.read()
    except UnicodeDecodeError:
        raise decode_error() from None
    obj = _loads(data)
    recs = []
    new = _walk(job.engine, obj, "", None, recs, job.report)
    job.sink.merge(recs)
    indent = None
    stripped = data.lstrip()
    if "\n" in stripped.strip():
        second = stripped.split("\n", 1)[1]
        indent = len(second) - len(second.lstrip(" ")) or 2
    out = json.dumps(new, ensure_ascii=not _has_non_ascii_raw(data), indent=indent)
    if data.endswith("\n"):
        out += "\n"
    dst.write(out.encode(enc.name))


def _has_non_ascii_raw(data: str) -> bool:
    return not data.isascii() or "\\u" not in data
