"""A second reader for ``waybill verify`` on text exports, independent of the masker.

``verify`` re-runs the masker's detectors on an output; a value whose form the detectors do not know
(a name in a column they could not place, a street of a country they were not written for) is then
missed twice, and verify says "clean" on a leaking file. This reader shares no code with the
masking path: it parses the output again with the standard library (csv, json; openpyxl for XLSX),
and judges what it reads by what a masked output must look like, not by what a value looks like:

- **columns** (CSV/TSV/XLSX, JSON and JSONL objects by key path): a column is personal when its
  header says so (its own word list, in the languages carriers and shops write) or when almost
  every value in it carries a mask. In a personal column a value without any mask is a leak; so is
  a phone with 6 or more digits still readable (GB/T 41833-2022), a name word of 2+ letters, an
  e-mail's local part, an ID with more than its first 6 and last 4 digits. In an address column
  the part ``share`` keeps (the town, state, postcode head) has the same shape in every row: a row
  that shows more segments than the column's usual kept part shows its street.
- **free text** (TXT lines, notes and remark cells, JSON strings): a phone-shaped run of digits with
  6 or more digits readable that no label calls a tracking or order number; a value after a
  personal label ("Name:", "收件人：", "Tel.:") without any mask; a street with its house number
  (``verify_read.street_spans``); an e-mail with its local part.

Findings are records of types and shapes only, never values. ``share`` and ``dispose`` are judged
(``dispose``: any readable letters or digits in a personal column); ``print`` keeps addresses and
writes relay numbers, so only its names and e-mails are judged.
"""
from __future__ import annotations

import csv
import email.header
import functools
import html
import io
import json
import quopri
import re
from .lazy_re import lazy
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from .trie_regex import trie_pattern
from .verify_read import street_spans

MASKS = "*＊"
_MASK_RE = lazy("[*＊]")
_CJK = lazy(r"[\u3400-\u9fff\uac00-\ud7af\u3040-\u30ff]")
_LATIN_WORD = lazy(r"[^\W\d_]{2,}")

# header words, in their own lists (not the masker's column rules). Order matters: a header with a
# phone or address word is that ("收件人电话", "Empfänger Adresse"), else a name word makes it a name
_PHONE_H = ("phone", "tel", "rufnummer", "mobile", "cell", "fax", "contact no", "contact number", "whatsapp",
            "电话", "手机", "电話", "携帯", "전화", "휴대", "연락처", "telefon", "handy", "téléphone",
            "telephone", "portable", "telefono", "cellulare", "teléfono", "movil", "móvil", "telefone",
            "celular", "telefoon", "mobiel", "mobil", "puhelin", "gsm", "tlf", "tfn", "cep tel", "numara", "komórk",
            "телефон", "тел", "τηλέφωνο", "τηλ", "טלפון", "تلفن", "هاتف", "جوال", "फ़ोन", "फोन", "मोबाइल", "ফোন",
            "โทรศัพท์", "โทร", "điện thoại", "sđt", "đt", "ტელეფონი", "հեռախոս")
_ADDR_H = ("address", "addr", "street", "地址", "住址", "住所", "주소", "adresse", "anschrift", "straße",
           "huisnummer", "toevoeging", "husnummer", "talonumero", "nr domu", "numer domu", "číslo popisné", "complemento",
           "house number", "house no", "numero casa", "número casa",
           "strasse", "indirizzo", "dirección", "direccion", "domicilio", "endereço", "endereco",
           "morada", "adres", "adresa", "ulice", "gatuadress", "osoite", "ulica", "sokak", "cadde",
           "адрес", "διεύθυνση", "כתובת", "نشانی", "آدرس", "عنوان", "पता", "ঠিকানা", "ที่อยู่", "địa chỉ",
           "მისამართი", "հասցե",
           # (a home's coordinates)
           "latitude", "longitude", "coordinates", "geolocation", "gps", "经纬度", "纬度", "经度", "坐标",
           # (a building's, a unit's, a room's number in a column of its own, as the masker's rules read them)
           # (a building's, a unit's, a room's number in a column of its own: ``_UNIT_H``)
           "门牌", "楼号", "栋号", "楼栋", "幢号", "单元", "房号", "房间", "室号", "楼层", "hausnr", "haus-nr",
           "apt no", "flat no", "suite no", "unit no", "room no")
# headers of a column that holds a building's, a unit's or a room's number alone (the masker's
# column rules learnt them on 2026-12-07): whatever stands there is the detail every preset removes
# ('room', 'floor', 'building' alone head notes as often: 'Building: closed on Sunday')
_UNIT_H = lazy(r"(?:收件人?|寄件人?|收货人?)?(?:门牌号?|楼号|栋号|楼栋号?|幢号|单元号?|房号|房间号?|室号|楼层)|"
               r"haus[ \-]?nr\.?|hnr\.?|(?:apt|flat|suite|unit|room)[ _\-]?(?:no|nr|#)\.?")
_EMAIL_H = ("email", "e-mail", "mail", "邮箱", "郵箱", "メール", "이메일", "correo", "courriel", "posta")
_ID_H = ("身份证", "证件", "id card", "id number", "national id", "passport", "ssn", "aadhaar", "pan no",
         "personalausweis", "dni", "nif", "cpf", "tc kimlik", "pesel", "personnummer",
         # (bank cards and accounts)
         "iban", "bank account", "account number", "account no", "银行卡", "银行账号", "卡号", "kontonummer")
_NAME_H = ("name", "recipient", "receiver", "consignee", "addressee", "customer", "contact", "sender",
           "shipper", "attn", "收件人", "寄件人", "收货人", "发件人", "姓名", "联系人", "客户", "名前", "氏名",
           "签收人", "取件人", "代收人", "提货人", "领取人", "取货人",
           "宛名", "お名前", "이름", "성명", "수령인", "받는", "보내는", "empfänger", "absender", "vorname",
           "nachname", "kunde", "nom", "prénom", "destinataire", "expéditeur", "client", "nome",
           "cognome", "destinatario", "mittente", "nombre", "apellido", "remitente", "destinatário",
           "remetente", "naam", "ontvanger", "afzender", "imię", "nazwisko", "odbiorca", "nadawca",
           "jméno", "příjmení", "příjemce", "odesílatel", "namn", "mottagare", "avsändare", "navn",
           "modtager", "mottaker", "afsender", "avsender", "nimi", "vastaanottaja", "lähettäjä",
           "alıcı", "gönderici", "isim", "soyad", "ad soyad",
           # (the masker's column rules learnt these on 2026-12-06 night; verify reads them too)
           "förnamn", "efternamn", "fornavn", "efternavn", "etternavn", "etunimi", "sukunimi", "sobrenome",
           "apelido", "priezvisko", "vezetéknév", "keresztnév", "utónév", "prenume", "prezime",
           "фио", "имя", "фамилия", "получатель", "отправитель", "піб", "ім'я", "прізвище", "одержувач",
           "відправник", "όνομα", "ονοματεπώνυμο", "επώνυμο", "παραλήπτης", "αποστολέας", "שם", "נמען", "שולח",
           "نام", "گیرنده", "فرستنده", "الاسم", "المستلم", "नाम", "प्राप्तकर्ता", "প্রাপক", "নাম", "ชื่อ", "ผู้รับ",
           "họ tên", "người nhận", "სახელი", "მიმღები", "անուն", "ստացող")
# headers of columns that hold codes or free text: never a personal column by their masks
_CODE_H = ("tracking", "waybill", "awb", "order", "ref", "invoice", "parcel", "shipment", "consignment",
           "运单", "单号", "订单", "编号", "快递", "包裹", "伝票", "追跡", "注文", "송장", "주문", "sendung",
           "colis", "envío", "envio", "spedizione", "zending", "przesyłk", "zásilk", "försändelse",
           "forsendelse", "lähetys", "gönderi no", "takip",
           # (and the other words carriers' exports write: 'Numéro de suivi', 'Kollinummer')
           "suivi", "seguimiento", "rastreo", "rastreio", "rastreamento", "tracciamento", "seuranta", "sporing",
           "kolli", "paketnummer", "paket-nr", "物流单", "跟踪", "追踪")
_NOTE_H = ("remark", "note", "comment", "memo", "instruction", "message", "备注", "留言", "说明", "備考",
           "메모", "bemerkung", "hinweis", "remarque", "nota", "observa", "opmerking", "uwagi",
           "poznámka", "anmärkning", "bemærkning", "merknad", "huomautus", "not")


# headers of a column that holds an address's region on its own (town, state, district, postcode):
# dispose removes it, share keeps it
_REGION_H = ("city", "town", "state", "province", "county", "district", "suburb", "zip", "zipcode", "postcode",
             "postal code", "post code", "plz", "postleitzahl", "ville", "stadt", "provincia", "ciudad", "cidade",
             "code postal", "kod pocztowy", "miasto",
             # (the masker's column rules learnt these on 2026-12-06 night; verify reads them too)
             "miejscowość", "město", "obec", "kaupunki", "postitoimipaikka", "postinumero", "postnummer", "postort",
             "poststed", "woonplaats", "plaats", "località", "bairro", "barrio", "mahalle", "gemeinde", "ortsteil",
             "colonia", "municipio")
_REGION_CJK_H = lazy(r"(?:收件人?|寄件人?|收货人?|发件人?|发货人?|所在)?(?:省份?|城市|市|区县?|县区?|区域|地区|"
                           r"省市区|邮编|邮政编码|街道|乡镇|镇)|都道府県|市区町村|郵便番号|우편번호")


def header_role(h: str) -> str | None:
    """The role a column header names (name, phone, address, email, id, code, note, region) or None."""
    h = h.strip().lower()
    if not h or len(h) > 40:
        return None
    # words joined by underscores, hyphens or dots ('postal_code', 'nome_completo') are read with
    # spaces too, as the masker's column rules read them ('postal_code' was an e-mail column: the
    # Italian 'posta' starts 'postal')
    spaced = re.sub(r"[_\-.]+", " ", h).strip() if ("_" in h or "-" in h or "." in h) else h
    if spaced != h and _region_header(spaced):
        return "region"
    role = _header_role(h)
    if role is None and spaced != h:
        role = _header_role(spaced)
    return role


def _region_header(h: str) -> bool:
    if _REGION_CJK_H.fullmatch(h) or any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", h) for w in _REGION_H):
        return not any(w in h for w in _CODE_H + _ADDR_H if w.isascii())  # ('address city' is an address)
    return False


def _header_role(h: str) -> str | None:
    if _REGION_CJK_H.fullmatch(h) or any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", h) for w in _REGION_H):
        if not any(w in h for w in _CODE_H + _ADDR_H if w.isascii()):  # ('address city' is an address)
            return "region"
    for role, words in (("code", _CODE_H), ("note", _NOTE_H), ("email", _EMAIL_H), ("phone", _PHONE_H),
                        ("id", _ID_H), ("address", _ADDR_H), ("name", _NAME_H)):
        for w in words:
            if w.isascii() and w.replace(" ", "").isalpha():
                if re.search(r"(?<![a-z])" + re.escape(w), h):
                    return role
            elif w in h:
                return role
    return None


# labels before a personal value in free text ("Name:", "收件人：", "Tel.:", "Empfänger:")
_LABEL = lazy(
    r"(?<![^\W\d_])(?P<label>" + "|".join(sorted((re.escape(w) for w in _NAME_H + _PHONE_H + _ADDR_H + _EMAIL_H
                                                  if len(w) > 1), key=len, reverse=True))
    + r"|ship to|deliver to|c/o)\.?\s*[:：=]\s*(?P<value>(?:(?!\s/\s)[^,;|，；、\n\t])*)", re.I)
_DATE_TIME = lazy(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?")
# a phone-shaped run: digits (or masks standing for digits) with phone separators, no letter or
# digit glued to either end (a tracking number 'SF1234...' or a longer code is not one)
_RUN = lazy(r"(?<![\w*＊+])\+?(?:\(\s*)?[\d*＊](?:[\d*＊]|[ \-./()](?=[\d*＊(])|\s(?=\())*(?![\w*＊])")
_CODE_BEFORE = lazy(r"(?:" + "|".join(re.escape(w) for w in _CODE_H) +
                          r"|no\.?|nr\.?|n[°º]|#|id|code|单|號|号|번호)[^\d\n]{0,12}$", re.I)
_EMAIL = lazy(r"([A-Za-z0-9._%+\-*＊]+)@[\w.-]+\.\w{2,}")
# an e-mail in any writing ('@', '＠', '(at)', '[at]')
_EMAIL_ANY = lazy(r"[@＠]|[(\[{]\s*at\s*[)\]}]|\sat\s.*\sdot\s", re.I)
_PLACEHOLDER = {"", "-", "--", "n/a", "na", "none", "null", "unknown", "无", "空", "未知", "/"}


def _visible_digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


_EXT = lazy(r"\s*(?:x|ext\.?|ext|#|内线|转)\s*[\d*＊]{1,6}\s*$", re.I)


def _phone_digits(s: str) -> tuple[int, int]:
    """(readable, hidden) digits of a phone, its country code and extension aside: share keeps at
    most 5 digits readable or hides at least 6 (GB/T 41833-2022: '0571-******66' is masked)."""
    s = _EXT.sub("", re.sub(r"^\s*(?:\+|00)\d{1,3}(?=[\s(\-.]|[*＊])", "", s))
    return _visible_digits(s), sum(c in MASKS for c in s)


def _phone_leak(s: str) -> bool:
    shown, hidden = _phone_digits(s)
    return shown >= 6 and hidden < 6


def _digit_shaped(v: str) -> bool:
    """A value whose readable characters are mostly digits (a masked phone: '*******5678')."""
    vis = [c for c in v if c not in MASKS and not c.isspace() and c not in "()-+./"]
    return bool(vis) and sum(c.isdigit() for c in vis) >= 0.6 * len(vis)


# text written escaped or in markup, read as what it shows with the standard library (not with the
# masker's normal form): '\u' escapes (surrogate pairs too) and escaped quotes, percent-encoded UTF-8,
# HTML character references; a tag reads as a space and its attributes' values, a JSON key as a space
# ('<td>\u738b\u5c0f\u660e</td>' is a name; '{"receiver":"王**"}' holds no name word 'receiver')
_U_RUN = lazy(r"(?:\\+u[0-9A-Fa-f]{4})+")
_U_ONE = lazy(r"u([0-9A-Fa-f]{4})")
# (a tag only in a text that closes one, and never one with an '@': 'John Smith <john@example.com>'
# holds an address, not markup)
_TAG = lazy(r"</?[A-Za-z][^<>@]{0,2000}>")
_ATTR_VALUE = lazy(r"=\s*(?:\"([^\"]*)\"|'([^']*)')")
_JSON_KEY = lazy(r"\"[A-Za-z_][\w\-]{0,40}\"\s*:")
_MIME_WORD = lazy(r"=\?[^?\s]{1,40}\?[BbQq]\?[^?\s]{1,1000}\?=")
_QP_RUN = lazy(r"(?:=[0-9A-F]{2}){2,}")


def _mime_word(m: re.Match) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(m.group())))
    except (ValueError, LookupError, UnicodeError):
        return m.group()


def _plain(v: str) -> str:
    if "\\" in v:
        v = _U_RUN.sub(lambda m: "".join(chr(int(u, 16)) for u in _U_ONE.findall(m.group()))
                       .encode("utf-16", "surrogatepass").decode("utf-16", "replace"), v)
        v = re.sub(r"\\+([\"'/])", r"\1", v)
    if "=?" in v:  # MIME encoded words of a mail header
        v = _MIME_WORD.sub(_mime_word, v)
    if "=" in v:  # quoted-printable bytes of a mail body (where they are UTF-8)
        v = _QP_RUN.sub(lambda m: quopri.decodestring(m.group().encode()).decode("utf-8", "ignore") or m.group(), v)
    if "%" in v:
        try:
            v = unquote(v, errors="strict")
        except UnicodeDecodeError:
            pass
    if "&" in v:
        v = html.unescape(v)
    if "<" in v and ">" in v and ("</" in v or "/>" in v):
        v = _TAG.sub(lambda m: " " + " ".join(a or b for a, b in _ATTR_VALUE.findall(m.group())) + " ", v)
    if "\":" in v or "\" :" in v:
        v = _JSON_KEY.sub(" ", v)
    return v


_MASKED_PHONE = lazy(r"[*＊]{5,}[ \-]?\d{2,4}(?!\d)")


def _record_cell(role: str | None, v: str) -> bool:
    """A whole contact record in one cell of a phone column, or of an address column (where a masked
    phone in it tells it from a long address). (In a name column it stays judged as a name: every
    whole word there is an alarm, the free-text reading would miss a name beside the phone.)"""
    if role == "phone":
        return _whole_record(v)
    return role == "address" and len(v) >= 40 and _MASKED_PHONE.search(v) is not None


def _whole_record(v: str) -> bool:
    """A value of 40+ characters with a mask and three or more fields (commas, pipes, semicolons,
    tabs, '&' between query fields, a sentence's end)."""
    return len(v) >= 40 and _masked(v) and sum(v.count(c) for c in ",;|\t&，；:：") + v.count(". ") >= 2


def _masked(s: str) -> bool:
    return any(c in MASKS for c in s)


class _Hits:
    def __init__(self):
        self.out: list[dict] = []

    def add(self, kind: str, check: str, where: dict, text: str) -> None:
        words = _LATIN_WORD.findall(text) + _CJK.findall(text)
        self.out.append({"type": kind, "detector": f"verify.{check}", "where": where,
                         "shape": {"digits": _visible_digits(text), "maxword": max((len(w) for w in words), default=0),
                                   "chars": sum(not c.isspace() and c not in MASKS for c in text)}})


# --- free text ---------------------------------------------------------------------------------

def _phone_runs(text: str) -> Iterator[tuple[int, int]]:
    clean = _DATE_TIME.sub(lambda m: " " * len(m.group()), text)
    for m in _RUN.finditer(clean):
        run = m.group().rstrip(" -./(")
        shown, hidden = _phone_digits(run)
        if shown < 6 or hidden >= 6 or not 7 <= shown + hidden <= 16:
            continue
        if re.fullmatch(r"\d{12,}", run) and not re.fullmatch(r"(?:86|0086)?1[3-9]\d{9}", run):
            continue  # a long code (tracking, order number), not a phone
        if shown + hidden == 18 and shown <= 10 and re.fullmatch(r"\d{6}[*＊]{8}[\dXx*＊]{4}", run.replace(" ", "")):
            continue  # an ID number in share's form (first 6 and last 4 kept)
        if _CODE_BEFORE.search(clean[max(0, m.start() - 24):m.start()]):
            continue
        yield m.start(), m.start() + len(run)


def check_text(text: str, where: dict, preset: str, hits: _Hits) -> None:
    """Free text (a line, a note, a JSON string): phone runs, labelled values, streets, e-mails."""
    if not text or (text.isascii() and not any(c.isalnum() for c in text)):
        return
    text = _plain(text)
    if preset != "print":
        for a, z in _phone_runs(text):
            hits.add("phone", "digits", {**where, "start": a, "end": z}, text[a:z])
        for a, z in street_spans(text):
            if not _masked(text[a:z]):
                hits.add("address", "street", {**where, "start": a, "end": z}, text[a:z])
    for m in _LABEL.finditer(text):
        role = header_role(m.group("label")) or "name"
        v = m.group("value").strip()
        if role in ("code", "note") or v.lower() in _PLACEHOLDER or _masked(v):
            continue
        if role == "phone" and not _phone_leak(v):
            continue
        if role in ("address",) and preset == "print":
            continue
        if sum(c.isalpha() for c in v) >= 2 or _visible_digits(v) >= 6:
            hits.add(role if role != "id" else "id_card", "label", {**where, "start": m.start("value"),
                                                                    "end": m.end("value")}, v)
    for m in _EMAIL.finditer(text):
        local = m.group(1)
        if sum(c not in MASKS for c in local) >= 2:
            hits.add("email", "email", {**where, "start": m.start(), "end": m.end()}, local)
    if preset != "print":
        lead = _unmasked_lead(text)
        if lead is not None:
            hits.add("name", "record_lead", {**where, "start": lead[0], "end": lead[1]}, text[lead[0]:lead[1]])


# a contact record written on one line: fields between pipes, semicolons, tabs or spaced slashes
# (commas too when there is no other separator)
_REC_SEP = lazy(r"\s*(?:[|;\t]|\s/\s)\s*")
# a field that reads as a person's name: 2-4 words, each capitalised, letters (and the odd
# character a name is written with: 'N˜zamett˜n', "O'Brien", 'Jean-Luc'), no digit
_NAME_FIELD = lazy(r"[^\W\d_][^\s\d*＊@:]*(?:[ \t][^\W\d_][^\s\d*＊@:]*){1,3}")


def _unmasked_lead(text: str) -> tuple[int, int] | None:
    """The first field of a one-line contact record whose other fields are masked, when it is
    still a whole name ('Milou The Elder | +****-***5903 | j******@gmail.com | ...'): share leaves
    a name at least its mask, so a record that masked two other fields and shows a whole name
    first shows what the detectors did not read as one. (A reader that is not the detectors':
    their blind spot is what it is for.)"""
    seps = list(_REC_SEP.finditer(text))
    if len(seps) < 2:
        seps = list(re.finditer(r"\s*,\s*", text))
        if len(seps) < 2:
            return None
    a = len(text) - len(text.lstrip())
    z = seps[0].start()
    if not _NAME_FIELD.fullmatch(text, a, z):
        return None
    ends = [m.start() for m in seps[1:]] + [len(text)]
    masked = sum(any(c in MASKS for c in text[m.end():e]) for m, e in zip(seps, ends))
    if masked < 2:
        return None
    words = text[a:z].split()
    if any(w.lower().strip(".:") in _LABEL_WORDS for w in words) or \
            not all(w[0].isupper() for w in words if w.lower() not in _PARTICLES):
        return None
    return a, z


# a message's lines (a mail body pasted into notes, a letter): the name after a greeting, and the
# name on the line right above a masked phone under a closing; this reader's own shapes (world_text
# --formats mail seed 105: 'Thanks,' / 'Amy Bourgondië, van' / '+*****-**7824', and verify called
# the file clean)
_GREETING = lazy(r"(?i)[ \t]*(?:dear|hi|hello|hey|liebe|lieber|hallo|cher|chère|bonjour|querido|querida|"
                       r"estimado|estimada|caro|cara|gentile|beste|hej|kära|kjære|kære|hei|drogi|droga|sayın)"
                       r"[ \t]+(?P<name>[^\W\d_][^\s\d*＊@:,]*(?:[ \t]+[^\W\d_][^\s\d*＊@:,]*){0,3})[ \t]*(?:,[ \t]*"
                       r"(?:van|von|de|der|den|ter|ten)[ \t]*)?[,!:]?[ \t]*$")
# who a greeting or a closing names when it names no person
_NO_PERSON = {"customer", "customers", "sir", "madam", "team", "all", "friend", "friends", "colleague", "colleagues",
              "valued", "user", "users", "shopper", "client", "clients", "kunde", "kundin", "there", "everyone",
              "support", "service", "the", "our", "your", "shop", "store", "sales", "team,", "monsieur", "madame",
              "señor", "señora", "signore", "signora", "klant", "kund", "kunde", "klient", "müşterimiz", "or",
              "and", "und", "et", "y", "e", "mrs", "mr", "ms", "dr", "herr", "frau"}
# 2-4 words of letters, the particle last as a register sorts a Dutch name ('Amy Bourgondië, van')
_SIGNED = lazy(r"[ \t]*[^\W\d_][^\s\d*＊@:,]*(?:[ \t]+[^\W\d_][^\s\d*＊@:,]*){1,3}(?:,?[ \t]+[^\W\d_]+)?[ \t]*")
_CLOSING_LINE = lazy(r"[ \t]*[^\W\d_][^\W\d_ \t]*(?:[ \t]+[^\W\d_]+){0,3}[ \t]*[,!.]?[ \t]*")


# a postcode and town line ('75002 Paris', '1015 CJ Amsterdam', 'London SW1A 2AA', '00-238 Warszawa')
_TOWN = lazy(r"[ \t]*(?:(?:[A-Z]{1,2}-)?\d{4,6}(?:[ \t]?[A-Z]{2})?|\d{2,3}[- ]\d{2,3})[ \t]+[^\W\d_][^\d*＊@:]{1,40}"
                   r"|[ \t]*[^\W\d_][^\d*＊@:,]{1,30},?[ \t]+(?:[A-Z]{2}[ \t]+)?(?:\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})[ \t]*")


def _masked_contact(line: str) -> bool:
    """A line that is a masked phone (6+ digits or masks, no letters) or a masked e-mail."""
    s = line.strip()
    if not _masked(s):
        return False
    if "@" in s:
        return " " not in s and sum(c in MASKS for c in s.split("@")[0]) >= 2
    return sum(c.isdigit() or c in MASKS for c in s) >= 6 and not any(c.isalpha() for c in s)


def _person_words(words: list[str]) -> bool:
    return bool(words) and all(w[0].isupper() or w.lower() in _PARTICLES for w in words) \
        and not any(w.lower().strip(".,") in _NO_PERSON for w in words) \
        and any(w[0].isupper() and sum(c.isalpha() for c in w) >= 2 for w in words)


def check_message(lines: list[str], preset: str, hits: _Hits) -> None:
    """A message's greeting name and its signature name above a masked phone, unmasked."""
    if preset == "print":
        return
    for i, line in enumerate(lines):
        if not line or _masked(line):
            continue
        g = _GREETING.fullmatch(line)
        if g is not None and _person_words(g.group("name").split()):
            hits.add("name", "greeting", {"line": i + 1, "start": g.start("name"), "end": g.end("name")}, g.group("name"))
            continue
        if i and preset == "dispose" and _TOWN.fullmatch(line) and _masked(lines[i - 1]) \
                and sum(c.isalpha() or c in MASKS for c in lines[i - 1]) >= 4:
            # a postcode and town under a masked street line: the region, which dispose removes
            # (it stood, read as words; found by hand)
            a = len(line) - len(line.lstrip())
            hits.add("address", "town_line", {"line": i + 1, "start": a, "end": len(line.rstrip())}, line.strip())
            continue
        if i < len(lines) - 1 and _SIGNED.fullmatch(line) is not None and _masked_contact(lines[i + 1]):
            # a contact block: a whole name over its masked phone or e-mail, with or without a
            # closing above ('Jane Smith' / '*******0123' at a note's start; found by hand)
            words = line.replace(",", " ").split()
            if 2 <= len(words) <= 4 and _person_words(words) and all(w[0].isupper() or w.lower() in _PARTICLES
                                                                     for w in words):
                a = len(line) - len(line.lstrip())
                hits.add("name", "contact_block", {"line": i + 1, "start": a, "end": len(line.rstrip())}, line.strip())
                continue
        # the signature: a name-shaped line under a short closing, with a masked phone right under it
        if i == 0 or i == len(lines) - 1 or _SIGNED.fullmatch(line) is None:
            continue
        above, below = lines[i - 1], lines[i + 1]
        if not (above.rstrip().endswith((",", "!")) and _CLOSING_LINE.fullmatch(above) and not _masked(above)):
            continue
        if not (_masked(below) and sum(c.isdigit() or c in MASKS for c in below) >= 6
                and not any(c.isalpha() for c in below.replace("x", "").replace("ext", ""))):
            continue
        words = line.replace(",", " ").split()
        if _person_words(words):
            a = len(line) - len(line.lstrip())
            hits.add("name", "signature", {"line": i + 1, "start": a, "end": len(line.rstrip())}, line.strip())


# a list of values that is one record ('["Pascale Dussen van", "k****@aol.de"]'): a whole name beside
# values masked as a phone or an e-mail is a name the detectors did not read
def check_list_record(values: list, where: dict, preset: str, hits: _Hits) -> None:
    if preset == "print" or not 2 <= len(values) <= 12 or not all(isinstance(v, str) for v in values):
        return
    masked = [v for v in values if _masked(v) and (_EMAIL.search(v) or sum(c.isdigit() or c in MASKS for c in v) >= 6)]
    if not masked:
        return
    for k, v in enumerate(values):
        t = v.strip()
        if _masked(t) or not 3 <= len(t) <= 40 or _SIGNED.fullmatch(t) is None:
            continue
        if _person_words(t.replace(",", " ").split()):
            hits.add("name", "list_record", {**where, "index": k}, t)


# a bare Chinese name on its own (2-3 Han characters), and the characters of what else a short value
# beside a phone is: a place, a remark, a status, a carrier ('已签收', '放门口', '顺丰')
_HAN_NAME = lazy(r"[\u4e00-\u9fff]{2,3}")
_NOT_NAME_HAN = frozenset("省市区县镇乡村路街道巷弄号楼室栋幢单元门口放送收件取货递快运速邮电话手机已未签到付周末天日月年后前内外"
                          "公司店部中心仓站点柜箱包裹物品件份个请勿急无有是否")
# words of a service, a status, a product or a place: two capitalised words of them name no one
# ('Express Saver', 'New York', 'Red Cap' beside a masked phone)
_NOT_PERSON_WORDS = frozenset(
    "express saver standard priority economy ground overnight next day delivered pending shipped returned "
    "cancelled canceled parcel package packet document documents box home office business residential "
    "commercial paid prepaid cash card new york san santa los las saint st north south east west city county "
    "united kingdom states red blue green black white grey gray cap mug shirt size small medium large "
    "gift wrap fragile signature required tracked first class second".split())
_CARRIERS_HAN = frozenset(("顺丰", "中通", "圆通", "申通", "韵达", "邮政", "京东", "极兔", "德邦", "百世", "天天", "宅急送",
                           "跨越", "丰网", "优速", "安能", "菜鸟"))


@functools.lru_cache(maxsize=4096)
def _key_role(key: str) -> str | None:
    """``header_role`` of a JSON key, kept: a file's records repeat the same keys."""
    return header_role(key)


def check_object_record(values: dict, where: dict, preset: str, hits: _Hits) -> None:
    """An object that is one record ('{"nm": "王小明", "mob": "*******5678"}', '{"n": "Lee Chang",
    "p": "******0123"}'): a whole name under a key that names nothing, beside a value masked as a
    phone or an e-mail, is a name the detectors did not read (both stood, and verify called the
    file clean; found by hand). ``values``: key -> value of the record's members, unhinted keys only
    judged."""
    if preset == "print" or not 2 <= len(values) <= 40:
        return
    if not any(isinstance(v, str) and _masked(v) and (_EMAIL.search(v) or sum(c.isdigit() or c in MASKS for c in v) >= 6)
               for v in values.values()):
        return
    for k, v in values.items():
        if not isinstance(v, str) or _key_role(str(k)) is not None:
            continue
        t = v.strip()
        if _masked(t) or not 2 <= len(t) <= 40:
            continue
        if _HAN_NAME.fullmatch(t):
            if t not in _CARRIERS_HAN and not any(c in _NOT_NAME_HAN for c in t):
                hits.add("name", "object_record", {**where, "path": str(k)}, t)
        elif _SIGNED.fullmatch(t) is not None and 2 <= len(t.split()) <= 4 \
                and _person_words(t.replace(",", " ").split()) \
                and not any(w.lower().strip(".,") in _NOT_PERSON_WORDS for w in t.split()):
            hits.add("name", "object_record", {**where, "path": str(k)}, t)


def check_contact_keys(node, path: str, preset: str, hits: _Hits) -> None:
    """An object whose keys are people ({"B**** H*****": "(*****) *5349", ...}): most keys masked,
    each value a masked phone or e-mail; a key still a whole name is a name the detectors missed
    (world_text --formats map seed 105: 'Pascale Dussen van' stood, verify called it clean)."""
    if preset == "print":
        return
    if isinstance(node, list):
        for v in node:
            check_contact_keys(v, f"{path}[]", preset, hits)
        return
    if not isinstance(node, dict):
        return
    keys = [str(k) for k in node]
    if len(keys) >= 3 and sum(_masked(k) for k in keys) >= 0.6 * len(keys):
        for k, v in node.items():
            k = str(k)
            if _masked(k) or not isinstance(v, str) or not _masked(v) or _SIGNED.fullmatch(k) is None:
                continue
            if _EMAIL.search(v) or sum(c.isdigit() or c in MASKS for c in v) >= 6:
                if _person_words(k.replace(",", " ").split()):
                    hits.add("name", "contact_key", {"path": f"{path}.<key>" if path else "<key>"}, k)
    for k, v in node.items():
        if isinstance(v, (dict, list)):
            check_contact_keys(v, f"{path}.{k}" if path else str(k), preset, hits)


# --- columns -----------------------------------------------------------------------------------

# words that stand before a value, not in it
_LABEL_WORDS = {"tel", "mob", "mobile", "phone", "ph", "fax", "name", "mr", "mrs", "ms", "miss", "dr", "attn",
                "to", "from", "for", "c", "o", "herr", "frau", "mme", "mlle", "sig", "sra", "sr", "ship", "deliver",
                "recipient", "sender", "contact", "email", "mail", "id", "no",
                # (messengers named before a link or a number: 'WhatsApp https://wa.me/****')
                "whatsapp", "viber", "telegram", "wechat", "signal", "skype"}
_LABEL_TEXT = lazy("(?<![A-Za-z])(?:" + trie_pattern(sorted({w.lower() for w in _NAME_H + _PHONE_H + _ADDR_H + _EMAIL_H
                                                                    + _ID_H + tuple(_LABEL_WORDS)
                                                                    + ("联系电话", "手机号", "电话号码", "发送至", "谢谢",
                                                                       "收", "证号", "身份证号", "电邮", "请联系", "address line 2",
                                                                       "address line", "addr", "adresse", "주소", "住所")}))
                         + r")(?![a-z])\.?\s*[:：]?", re.I)  # one trie-shaped pass (a plain alternation of ~250
                                                           # words cost 1.3 s per 10,000-row export)


def _without_labels(v: str) -> str:
    """A value with the label words typed into it ('收件人：', 'Tel ') taken out."""
    return _LABEL_TEXT.sub(" ", v)


def _cell_leak(role: str, v: str, preset: str) -> bool:
    """Whether one value of a personal column shows what ``preset`` removes."""
    if role != "email" and _LINK.search(v):
        v = _LINK_WORDS.sub(" ", v)  # (a messenger or call link's words around its number are no name)
    s = (v if role == "email" else _without_labels(v)).strip()
    if s.lower() in _PLACEHOLDER:
        return False
    shown_alpha = sum(c.isalpha() for c in s)
    shown_digits = _visible_digits(s)
    if preset == "dispose":
        return _dispose_leak(role, s)
    if role == "phone":
        return _phone_leak(s)
    if not _masked(s):
        return shown_alpha >= 2 or shown_digits >= 6
    if role == "id":
        return shown_digits >= 11
    if role == "email":
        m = _EMAIL.search(s)
        return bool(m) and sum(c not in MASKS for c in m.group(1)) >= 2
    if role == "name":
        # share keeps the family name (CJK) or initials (Latin): a whole Latin word is more than
        # that (a title or a label word aside: 'Tel', 'Mr')
        latin = [w for w in _LATIN_WORD.findall(s) if not _CJK.search(w) and w.lower() not in _PARTICLES
                 and w.lower() not in _LABEL_WORDS]
        return any(len(w) >= 2 for w in latin) and not _initials_only(s)
    return False





_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "al",
              "el", "dos", "das", "do", "ten", "ter", "mc", "mac", "st", "dela", "delos", "delas", "los", "las",
              "y", "e", "des", "ibn", "abu"}


_EXT_AFTER_FILL = lazy(r"([*＊](?:\s?[*＊]){9,})\s*-\s*\d{1,5}(?!\d)")


# a country code or international prefix left before a wholly masked number ('+90*****',
# '001-*****'): the country, not the number (world_text: every Turkish and US export was called
# leaking in dispose for it)
# (or written with a separator between its digits, as the whole number was: '+4-9-*****')
_CC_BEFORE_FILL = lazy(r"^(?:\+|00)(?:\d{1,3}|\d[ \-.]\d(?:[ \-.]\d)?)(?=[ \-(.]*[*＊]{6})")


def _dispose_leak(role: str, s: str) -> bool:
    """dispose removes everything: a token with 6+ readable digits or a masked token with 2+ left
    (not a service prefix '(800) ********' or a number beside a masked one, '***********,0755',
    which the masker reads as an extension or a date), a whole Latin word, or a whole value of
    Chinese characters left in a name column."""
    # an extension after a whole masked number ('*********************-4899') is not the number
    s = _EXT_AFTER_FILL.sub(r"\1", _DATE_TIME.sub(" ", s))
    for tok in re.split(r"[,，;；\s]+", s):
        # ('%2B86*****' in a link: an encoded '+' and the country code before the masked number)
        d = _visible_digits(_CC_BEFORE_FILL.sub("", tok.replace("%2B", "+")))
        if d >= 6 or (d >= 2 and _masked(tok) and role in ("phone", "id")):
            return True
    if any(len(w) >= 2 and w.lower() not in _PARTICLES and w.lower() not in _LABEL_WORDS
           for w in _LATIN_WORD.findall(s) if not _CJK.search(w)):
        return True
    return role == "name" and not _masked(s) and 2 <= len(_CJK.findall(s)) <= 4 and len(s.strip()) <= 4


def _initials_only(s: str) -> bool:
    """'J*** S****', 'J.-P. M****': every Latin letter run is one letter before a mask."""
    return all(len(w) < 2 for w in re.findall(r"[^\W\d_*＊]+", s) if not _CJK.search(w))


def _segments(s: str) -> list[str]:
    """The readable segments of an address value: its comma- or line-separated parts that still
    show 2 or more letters in a row ('29** Berg' is one; '**** **', 'Ç**** P****' and a kept
    postcode head or phone tail '87**' none; nor a state's or province's code after its town,
    '***** Boston, MA', which a column of several countries' addresses shows in some rows only)."""
    out = []
    for seg in re.split(r"[,\n;，；]", s):
        if re.search(r"[^\W\d_]{2,}", seg) and not _STATE_CODE.fullmatch(unicodedata.normalize("NFKC", seg)):
            out.append(seg.strip())
    return out


_STATE_CODE = lazy(r"\s*[A-Z]{2,3}\s*")


# what share masks of a Chinese address (below the district): a number with 号/栋/室/楼..., or
# Chinese text (not numerals: a phone's kept digits '壹柒肆陆') still readable after a fill that follows Chinese text (the region is kept before
# the fill, never after it; a masked postcode may stand before a Taiwanese region).
# Japanese addresses (kana, 県, 〒, the four 都道府 prefectures) are left to the detectors
_CN_DETAIL = lazy(r"[0-9０-９]+\s*[号號栋棟室楼樓层層弄巷]|(?![\u3007零一二三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟幺两兩])[\u4e00-\u9fff][*＊]+[^\n,，;；]*?"
                        r"(?:(?![\u3007零一二三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟幺两兩])[\u4e00-\u9fff]){2}")
_JAPANESE = lazy(r"[\u3040-\u30ff県〒]|東京都|北海道|大阪府|京都府")


_LINK = lazy(r"(?i)(?:https?://|wa\.me/|viber://|sms:|tel:|callto:|skype:)")
_LINK_WORDS = lazy(r"(?i)(?:https?://)?(?:api\.whatsapp\.com/send/?\?(?:[\w=&]*&)?phone=|wa\.me/|t\.me/|"
                         r"viber://\w+\?number=|sms:|tel:|callto:|skype:|tg://resolve\?phone=)")


class _Column:
    def __init__(self, name: str, role: str | None):
        self.name, self.role = name, role
        self.cells: list[tuple[dict, str]] = []

    def judge(self, preset: str, hits: _Hits) -> None:
        vals = [(w, _plain(v)) for w, v in self.cells if isinstance(v, str) and v.strip()]
        if not vals:
            return
        masked = sum(_masked(v) for _, v in vals)
        role = self.role
        if role is None and len(vals) >= 3 and masked >= 0.8 * len(vals):
            long = sum(len(v) > 60 for _, v in vals)
            if long <= 0.2 * len(vals):
                digits = sum(_digit_shaped(v) for _, v in vals)
                multi = sum(len(re.split(r"[,\n，]", v)) >= 2 for _, v in vals)
                role = "phone" if digits >= 0.7 * len(vals) else "address" if multi >= 0.5 * len(vals) else "masked"
        if role == "address" and _UNIT_H.fullmatch(self.name.strip().lower()):
            # a building's, a unit's, a room's number: any letter or digit left is the detail
            for w, v in vals:
                if any(c.isalnum() for c in _without_labels(v)):
                    hits.add("address", "column", w, v)
            return
        if role == "region" and preset == "dispose":
            # dispose removes the region too: a town, state or postcode still readable is a leak
            for w, v in vals:
                s = _without_labels(v).strip()
                if s.lower() not in _PLACEHOLDER and sum(c.isalnum() for c in s) >= 2:
                    hits.add("address", "column", w, v)
            return
        if role in (None, "code", "note", "region"):
            for w, v in vals:
                check_text(v, w, preset, hits)
            return
        if preset == "print" and role in ("phone", "address", "masked"):
            return
        kind = {"id": "id_card", "masked": "name"}.get(role, role)
        for w, v in vals:
            if role == "masked" and not _masked(v) and len(vals) < 5:
                continue
            if _record_cell(role, v):
                # a whole contact record typed into a phone or address column (the masker reads it
                # as free text too): judged as free text, not as one number or address
                check_text(v, w, preset, hits)
                continue
            if role in ("name", "masked", "address", "phone") and _EMAIL_ANY.search(v):
                # an e-mail typed where a name goes is judged as an e-mail
                if _cell_leak("email", v, preset):
                    hits.add("email", "column", w, v)
            elif role in ("name", "masked", "address") and _LINK.search(v):
                # a messenger or call link typed where the name goes ('https://wa.me/*******0360'):
                # the number in it is judged as a phone, the link's words are no name
                if _cell_leak("phone", v, preset):
                    hits.add("phone", "column", w, v)
            elif role in ("name", "masked", "address") and _digit_shaped(v) and not _segments(v)[1:]:
                # a number in a name or address column (a phone typed where the name goes) is
                # judged as a phone
                if _cell_leak("phone", v, preset):
                    hits.add("phone", "column", w, v)
            elif _cell_leak(role, v, preset):
                hits.add(kind, "column", w, v)
            elif self.role == "address" and preset == "share":
                # (only where the header says address: context words typed around a fill,
                # '发送至****请联系', are not an address)
                if not _JAPANESE.search(v) and _CN_DETAIL.search(_MASK_RE.sub("*", v)):
                    hits.add("address", "column", w, v)
        if role == "address" and preset == "share":
            # the kept part (town, state, postcode head) has the same number of segments in
            # every row; a row that shows more shows its street
            vals = [(w, v) for w, v in vals if not _record_cell(role, v)]
            n0 = _kept_count([v for _, v in vals])
            if n0:
                for w, v in vals:
                    if _masked(v) and len(_segments(v)) > n0:
                        hits.add("address", "column_shape", w, v)
            for w, v in vals:
                for a, z in street_spans(v):
                    if not _masked(v[a:z]):
                        hits.add("address", "street", {**w, "start": a, "end": z}, v[a:z])


def _judge_table(header: list[str] | None, rows: list[list], preset: str, hits: _Hits, where) -> None:
    width = max((len(r) for r in rows), default=0)
    cols = []
    for j in range(width):
        name = header[j] if header and j < len(header) else f"#{j + 1}"
        cols.append(_Column(name, header_role(name) if header and j < len(header) else None))
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v is not None and not isinstance(v, str):
                v = str(v)
            cols[j].cells.append((where(i, cols[j].name), v))
    for c in cols:
        c.judge(preset, hits)
    if header:
        _judge_area_pairs(header, rows, preset, hits, where)


# an area code's column: the number right of it is judged with it as one phone (07700 | 900123
# each looked short of a phone alone)
_AREA_H = lazy(r"(?i)\barea\b|vorwahl|区号|區號|prefi|\bdial|\bstd\b|indicatif|netnummer|kengetal|"
               r"riktnummer|retningsnummer|suuntanumero|kierunkowy|c[óo]digo de [áa]rea|市外局番|지역번호")
_CODE_CELL = lazy(r"\s*\+?\(?[0-9*＊]{1,6}\)?\s*")
_NUMBER_CELL = lazy(r"[\s0-9*＊\-.]{4,20}")


def _judge_area_pairs(header, rows, preset: str, hits: _Hits, where) -> None:
    for j in range(len(header) - 1):
        if not isinstance(header[j], str) or _AREA_H.search(header[j]) is None:
            continue
        for i, r in enumerate(rows):
            if j + 1 >= len(r) or not isinstance(r[j], str) or not isinstance(r[j + 1], str):
                continue
            a, b = r[j], r[j + 1]
            if _CODE_CELL.fullmatch(a) and _NUMBER_CELL.fullmatch(b) and any(c.isdigit() for c in a + b):
                if _cell_leak("phone", f"{a.strip()} {b.strip()}", preset):
                    hits.add("phone", "column", where(i, header[j]), f"{a} {b}")


def _looks_header(row: list[str]) -> bool:
    cells = [c for c in row if c and c.strip()]
    return bool(cells) and not any(_masked(c) or re.search(r"\d{3}", c) for c in cells)


# --- readers ------------------------------------------------------------------------------------

def _text(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def beyond_kept_part(path: Path, fmt: str, found: list[dict]) -> list[dict]:
    """Of findings in address cells of a CSV/TSV/JSON output (``where``: row and column, or a
    JSON field, and start), those that stand before the part ``share`` keeps: the cell's last
    readable segments, as many as the column's kept part has (``_kept_count``: 'Springfield, IL
    627**' is 2, 'O'Neillfurt TA6 0RL' 1), which a token tagger reads as street parts too.
    Findings this cannot place are all returned."""
    if fmt == "txt" and found:
        return _beyond_town_lines(path, found)
    if fmt not in ("csv", "tsv", "json") or not found:
        return found
    try:
        if fmt == "json":
            doc = json.loads(_text(path.read_bytes()))
        else:
            rows = _csv_rows(path.read_bytes(), fmt)
            header = rows[0] if rows else []
    except (ValueError, OSError, csv.Error):
        return found

    def cell_of(w: dict):
        """(column key, cell text) of a finding's place, or None."""
        try:
            if fmt == "json":
                keys = re.findall(r"\[(\d+)\]|([^.\[\]]+)", w["field"])
                v = doc
                for i, k in keys:
                    v = v[int(i)] if i else v[k]
                return re.sub(r"\[\d+\]", "[]", w["field"]), v
            col = w["column"]
            j = header.index(col) if col in header else int(str(col).lstrip("#")) - 1
            return col, rows[w["row"] - 1][j]
        except (KeyError, ValueError, IndexError, TypeError):
            return None

    flat: dict = {}  # the JSON document's values by key path, flattened once

    def column_texts(key: str) -> list[str]:
        if fmt == "json":
            if not flat:
                _flatten(doc, "", flat)
            return [v for p, vs in flat.items() if "[]" + p.lstrip("[]") == key or p == key for v in vs]
        j = header.index(key) if key in header else int(str(key).lstrip("#")) - 1
        return [r[j] for r in rows[1:] if j < len(r)]

    kept: dict[str, int] = {}
    out = []
    for f in found:
        w = f.get("where") or {}
        got = cell_of(w)
        if got is None or not isinstance(got[1], str) or w.get("start") is None:
            out.append(f)
            continue
        key, cell = got
        if key not in kept:
            kept[key] = _kept_count(column_texts(key))
        spans = _segment_spans(cell)
        n0 = kept[key]
        if n0 and (len(spans) <= n0 or w["start"] >= spans[-n0][0]):
            continue  # in the kept part (or what is left of it where the masker took more)
        out.append(f)
    return out


# a line that ends with a postcode whose head the masker kept ('QLD 08**', 'W5 ***', 'IL 627**')
_MASKED_CODE_END = lazy(r"(?:\b[A-Z]{2,3}[ \t]+)?\b[A-Z0-9]{1,4}[ \t]?[*＊]+\.?[ \t]*$")
# (and a code of two groups or with a dash, its head kept: '68* ** Slavkov u Brna', '89** ** Losdorp',
# '70-*** Gdynia', '142***** Vila Real')
_MASKED_CODE_START = lazy(r"[ \t]*(?:[A-Z]{1,2}-)?[0-9]{1,4}-?[*＊]+(?:[ \t][*＊]{1,3})?[ \t]+(?=[^\W\d_])")
# street words a town's line does not hold (an independent short list: this reader does not share
# the detectors' tables)
_STREET_WORDS = frozenset("street st avenue ave road rd lane ln drive dr way court ct place pl terrace tce close "
                          "crescent cres boulevard blvd highway hwy parade pde square sq alley row walk".split())


def _beyond_town_lines(path: Path, found: list[dict]) -> list[dict]:
    """Of findings in a TXT output, those not in a town's line that ``share`` kept: a line of at
    most two comma-separated parts and six words, no digit and no street word, before or after a
    postcode whose head was kept ('East Eric, QLD 08**', 'Port Gerard W5 ***', '060** Lleida': an
    address's second line after 'please deliver my parcel to'), which a token tagger reads as
    street parts once the postcode is masked. Findings this cannot place are all returned."""
    try:
        lines = _text(path.read_bytes()).split("\n")  # (as the masker reads lines: \n ends one)
    except OSError:
        return found
    out = []
    for f in found:
        w = f.get("where") or {}
        ln, start = w.get("line"), w.get("start")
        line = lines[ln - 1].rstrip("\r") if isinstance(ln, int) and 0 < ln <= len(lines) else None
        m = _MASKED_CODE_END.search(line) if line is not None and isinstance(start, int) else None
        town = line[:m.start()] if m is not None and start < m.end() else None
        if town is None and line is not None and isinstance(start, int):
            # ('060** Lleida', '837** Dufour': the European order; the masked code's kept head is
            # no leak either: '85** Bad Sankt Leonhard im Lavanttal', world_text mail seed 108)
            m = _MASKED_CODE_START.match(line)
            town = line[m.end():] if m is not None else None
        if town is not None:
            words = re.findall(r"[^\W\d_]+", town)
            if (town.strip(" ,") and not re.search(r"[\d*＊]", town) and town.count(",") <= 1 and len(words) <= 6
                    and not any(x.lower() in _STREET_WORDS for x in words)):
                continue
        out.append(f)
    return out


def _segment_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of the readable segments of an address value (see ``_segments``)."""
    out, pos = [], 0
    for seg in re.split(r"([,\n;，；])", s):
        if len(seg) == 1 and seg in ",\n;，；":
            pos += 1
            continue
        if re.search(r"[^\W\d_]{2,}", seg):
            out.append((pos, pos + len(seg)))
        pos += len(seg)
    return out


def _kept_count(values: list[str]) -> int:
    """How many readable segments the kept part of an address column has: the fewest that a
    quarter of its masked values show (a street left standing can be most rows of a column;
    values masked whole, town and all, say nothing of it); 0 when it cannot be told."""
    counts = Counter(n for n in (len(_segments(v)) for v in values if isinstance(v, str) and _masked(v)) if n)
    if sum(counts.values()) < 4:
        return 0
    common = sorted(n for n, k in counts.items() if k >= 0.25 * sum(counts.values()))
    return common[0] if common else 0


def _csv_rows(data: bytes, fmt: str) -> list[list[str]]:
    text = _text(data)
    delim = "\t" if fmt == "tsv" else ","
    if fmt != "tsv":
        try:
            delim = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            pass
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))


def _csv(data: bytes, fmt: str, preset: str, hits: _Hits) -> None:
    rows = _csv_rows(data, fmt)
    header = rows[0] if rows and _looks_header(rows[0]) else None
    body = rows[1:] if header else rows
    off = 2 if header else 1
    _judge_table(header, body, preset, hits, lambda i, c: {"row": i + off, "column": c})


def _xlsx(path: Path, preset: str, hits: _Hits) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
            header = rows[0] if rows and _looks_header(rows[0]) else None
            body = rows[1:] if header else rows
            off = 2 if header else 1
            _judge_table(header, body, preset, hits,
                         lambda i, c, s=ws.title: {"sheet": s, "row": i + off, "column": c})
    finally:
        wb.close()


_UNIQUE_SUFFIX = lazy(r"#\d+$")


def _plain_key(k: str) -> bool:
    """A key that names a field ('recipient', '收件人') rather than holds a value ('身份证：4501...')."""
    return len(k) <= 30 and not _masked(k) and _visible_digits(k) < 3 and "@" not in k


def _flatten(obj, path: str, out: dict) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            k = str(k)
            if not _plain_key(k):
                # a value written as a key is judged as free text (its path says only that); a
                # masked key's '#2' is the masker's own, to keep two keys masked alike apart ('** **#2'
                # was read as a phone column's visible digit in dispose: world_text --formats map seed 98)
                out.setdefault(f"{path}.<key>" if path else "<key>", []).append(
                    _UNIQUE_SUFFIX.sub("", k) if _masked(k) else k)
                # (what such a key holds is a column of its own: a note under a masked phone is
                # no unmasked value of a column of masked keys)
                k = "<value>"
            _flatten(v, f"{path}.{k}" if path else k, out)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _flatten(v, f"{path}[]", out)
    elif obj is not None and not isinstance(obj, bool):
        out.setdefault(path, []).append(obj if isinstance(obj, str) else str(obj))


# an order line's name or title: the product's (the masker reads it as free text)
_ITEM_PATH = lazy(r"(?:^|\.)(?i:line_?items|items|products?|articles?|order_?lines|lines|goods|skus?|variants?|"
                        r"商品|商品列表|货品|宝贝)\[\]\.(?:name|title|product_?name|productname|display_name)$", re.I)


def _records(objs: list, preset: str, hits: _Hits, prefix: str = "") -> None:
    """JSON objects as a table: one column per key path, named by its last key (``prefix``: the
    path of the list the objects are in)."""
    flat = []
    for o in objs:
        d: dict = {}
        _flatten(o, "", d)
        flat.append(d)
    paths = sorted({p for d in flat for p in d})
    cols = {p: _Column(p, None if _ITEM_PATH.search(prefix + p) else
                       header_role(re.split(r"[.\[\]]+", p.strip(".[]"))[-1] if p else "")) for p in paths}
    for i, d in enumerate(flat):
        for p, vs in d.items():
            for v in vs:
                cols[p].cells.append(({"record": i + 1, "path": p}, v))
    for c in cols.values():
        c.judge(preset, hits)
    for i, o in enumerate(objs):
        for path, node in _objects(o, ""):
            if _ITEM_PATH.search(prefix + path + "[].name"):
                continue
            check_object_record({k: v for k, v in node.items() if isinstance(v, str)},
                                {"record": i + 1, **({"object": path} if path else {})}, preset, hits)


def _objects(o, path: str, depth: int = 0):
    """(path, object) of ``o`` and every object inside it, to a depth of 20."""
    if isinstance(o, dict) and depth <= 20:
        yield path, o
        for k, v in o.items():
            yield from _objects(v, f"{path}.{k}" if path else str(k), depth + 1)
    elif isinstance(o, list) and depth <= 20:
        for v in o:
            yield from _objects(v, f"{path}[]", depth + 1)


def _json(data: bytes, fmt: str, preset: str, hits: _Hits) -> None:
    text = _text(data)
    key = None  # (the key of the list the records are in)
    if fmt == "jsonl":
        objs = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        doc = json.loads(text)
        check_contact_keys(doc, "", preset, hits)
        key, objs = (None, doc) if isinstance(doc, list) else next(
            ((k, v) for k, v in doc.items() if isinstance(v, list)), (None, [doc])) if isinstance(doc, dict) else (None, [doc])
    if objs and not all(isinstance(o, dict) for o in objs):
        for i, o in enumerate(objs):
            if isinstance(o, list):
                check_list_record(o, {"record": i + 1}, preset, hits)
            d: dict = {}
            _flatten(o, "", d)
            for p, vs in d.items():
                for v in vs:
                    check_text(v, {"record": i + 1, "path": p}, preset, hits)
        return
    _records(objs, preset, hits, f"{key}[]." if key else "")


def check_file(path: Path, fmt: str, preset: str) -> list[dict]:
    """Leak records (type, detector ``verify.*``, where, shape) of one text output; [] for formats
    this reader does not cover. A file it cannot parse is left to the detectors' reading."""
    hits = _Hits()
    try:
        if fmt in ("csv", "tsv"):
            _csv(path.read_bytes(), fmt, preset, hits)
        elif fmt in ("json", "jsonl"):
            _json(path.read_bytes(), fmt, preset, hits)
        elif fmt == "xlsx":
            _xlsx(path, preset, hits)
        elif fmt == "txt":
            lines = _text(path.read_bytes()).splitlines()
            for i, line in enumerate(lines):
                check_text(line, {"line": i + 1}, preset, hits)
            check_message(lines, preset, hits)
        else:
            return []
    except (ValueError, OSError, csv.Error, KeyError):
        return []
    return hits.out
