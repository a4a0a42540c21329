"""The layout stage, shared by every reader of positioned text (ZPL/EPL fields, OCR lines of label
images and PDF pages, 2D-code payloads): lines are grouped into blocks (lines stacked in reading
direction), blocks are tied to anchors in the languages carriers print (SHIP TO, FROM, Name
(Customer), Till, Mottagare, Empfänger, Destinataire, Alıcı, 收件人, ...) and to their shape (a
postcode/city line; a name-shaped line with a phone or street line), then the shared text
detectors run; every value found is searched for in every other unit of the label (the stub, the
second copy, the codes) and masked there too. ``mask_label`` returns, per unit, the character
edits; the format that read the units applies them (field bytes, pixels).

No format module is imported here, and this module imports none: formats import it.
"""
from __future__ import annotations

import re
from .lazy_re import lazy
import unicodedata
from dataclasses import dataclass

from .detect import detect_text
from .detectors.address_us import STATES_READ
from .detectors import name_asia
from .detectors.other_scripts import AR_SHIPMENT, GR_SHIPMENT, HE_SHIPMENT, IN_SHIPMENT, rtl_region_split
from .normalize import RTL_LETTERS
from .detectors.phone_labels import NAT_GAP, NAT_LABEL
from .engine import action_records
from .model import PERSONAL, EntityType, Finding, audit_record
from .verify_read import street_spans

T = EntityType

def _accents_as_read(pattern: str) -> str:
    """``pattern`` with each accented Latin letter of its words as a class of the accented forms of
    its base letter: OCR reads one accent for another ('Från:' read 'Frán:' / 'Fràn:' off a photo,
    stress seed 115000 se_pn: the sender's name after it stood unmasked). Not the bare letter:
    'Fran' alone is a given name, and an anchor is not masked. The pattern's own syntax is ASCII
    and stays as it is."""
    out = []
    for ch in pattern:
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
            continue
        base = "i" if ch in "ıİ" else unicodedata.normalize("NFD", ch)[0]
        if not base.isascii():
            out.append(ch)  # a letter of another script (Chinese, kana): as written
            continue
        forms = {ch} | {c for c in _LATIN_ACCENTED if unicodedata.normalize("NFD", c)[0] == base}
        out.append("[" + "".join(sorted(forms)) + "]")
    return "".join(out)


def _latin_accented() -> list[str]:
    return [chr(c) for c in range(0xC0, 0x250) if chr(c).islower() and len(unicodedata.normalize("NFD", chr(c))) > 1
            and unicodedata.normalize("NFD", chr(c))[0].isascii()]


_LATIN_ACCENTED = _latin_accented()
_RTL_LETTER = lazy(f"[{RTL_LETTERS}]")


ANCHOR_RE = lazy(_accents_as_read(
    r"^\s*(?P<a>ship\s*to|ship\s*from|deliver\s*to|deliver\s*from|return\s*to|return\s*address|sold\s*to|bill\s*to|"
    r"(?:customer|consignee|receiver|recipient|buyer|contact|sender|shipper)\s*name|name\s*\([^)]{1,20}\)|"
    r"to|from|for|attn|consignee|recipient|receiver|sender|shipper|customer|"
    r"till|mottagare|avsändare|från|modtager|afsender|mottaker|avsender|vastaanottaja|lähettäjä|"
    r"nadawca|odbiorca|adresat|adres\s+doręczenia|empfänger|absender|destinataire|expéditeur|"
    r"destinatario|mittente|remitente|destinatário|remetente|ontvanger|afzender|geadresseerde|"
    r"příjemce|odesílatel|alıcı|alici|gönderen|gonderen|お?届け+先様?|お[\u4e00-\u9fff]け先|ご?依[頼賴赖]主様?|[ご二]?依[\u4e00-\u9fff]主|差出人|送り主|発送元|受取人|宛先|"
    # (Korean: 받는 분 / 보내는 분; and the Japanese anchors as a blurred photo reads them, one
    # character wrong: 'お属け先', '依频主', '二依赖主' for ご依頼主)
    r"받는\s?(?:분|사람)|보내는\s?(?:분|사람)|"
    # (South-East Asia's: Indonesian and Malay, Vietnamese with and without its marks, Thai, and the
    # buyer's and seller's blocks of a marketplace's label; found by hand, 2026-12-07: a GHN-style
    # label's 'Nguoi nhan: ...' block stood whole)
    # (rapidocr drops the Vietnamese letters its dictionary lacks: 'Người nhận' reads 'Ngưi nhn',
    # 'Người gửi' 'Ngưi gi')
    # (a letter class, not the accented letters: ``_accents_as_read`` writes each as a class of its own)
    r"penerima|pengirim|kepada|dari(?=\s*[:：])|ng[^\W\d_]{0,3}i\s*nh[^\W\d_]{0,2}n|ng[^\W\d_]{0,3}i\s*g[^\W\d_]{0,2}i|"
    r"b[^\W\d_]?n\s*nh[^\W\d_]{0,2}n|b[^\W\d_]?n\s*g[^\W\d_]{0,2}i|(?:ชื่อ)?ผู้รับ|(?:ชื่อ)?ผู้ส่ง|(?:buyer|seller)(?=\s*[:：]|\s*$)|"
    # (Russian, Ukrainian and Greek: a Russian label's 'Получатель: ...' block stood whole once its
    # Cyrillic was read, the layout knowing no anchor of it; found by hand, 2026-12-07 evening)
    r"(?:груз[оа])?получатель|(?:груз[оа])?отправитель|адресат|одержувач|отримувач|відправник|"
    r"кому(?=\s*[:：]|\s*$)|от\s*кого(?=\s*[:：]|\s*$)|παραλ[ηή]πτης|αποστολ[εέ]ας|"
    # (Arabic and Hebrew: an Arabic label's 'المستلم: ...' block and a Hebrew one's 'נמען: ...' stood in
    # ZPL, the street lines with no kind of way in them; found by hand, 2026-12-07 night; the consignee,
    # 'المرسل إليه', before the sender's 'المرسل', which it starts with; 'من', 'إلى', 'אל' (from, to)
    # with their colon or alone)
    r"المرسل\s*[إا]ليه|اسم\s*المستلم|اسم\s*المرسل|المستلم|المرسل|[إا]لى(?=\s*[:：]|\s*$)|من(?=\s*[:：]|\s*$)|"
    r"שולח|נמען|מאת|מקבל|לכבוד|אל(?=\s*[:：]|\s*$)|"
    r"收件人|收件方|收货人|收方|收|寄件人|寄件方|寄方|寄|发件人)\s*[:：]?\s*(?P<rest>.*)$"),
    re.I,
)
SENDER_ANCHORS = lazy(_accents_as_read(
    r"from|sender|shipper|return|avsändare|från|afsender|avsender|lähettäjä|nadawca|"
    r"absender|expéditeur|mittente|remitente|remetente|afzender|odesílatel|gönderen|"
    r"gonderen|[ご二]?依[\u4e00-\u9fff]主|差出人|送り主|発送元|보내는|寄|发|pengirim|dari|"
    r"ng[^\W\d_]{0,3}i\s*g[^\W\d_]{0,2}i|b[^\W\d_]?n\s*g[^\W\d_]{0,2}i|ผู้ส่ง|seller(?=\s*[:：]|\s*$)|"
    r"(?:груз[оа])?отправитель|відправник|от\s*кого|αποστολ[εέ]ας|المرسل(?!\s*[إا]ليه)|اسم\s*المرسل|من|שולח|מאת"), re.I)
# a postcode/city line; a 3-digit ZIP is one that is already masked (a re-read output)
US_REGION = lazy(rf"^(?P<city>[A-Za-z][A-Za-z .'\-]*?),?\s+(?P<st>{STATES_READ})\s*(?P<zip>\d{{3}}(?:\d{{2}})?)"
                       r"(?P<z4>-\d{4})?\s*$", re.I)
# (an OCR reading may drop the space before the town: "50-001Wrocław", "3000Bern")
# (a Dutch postcode is 4 digits and 2 letters, "1016 GV Amsterdam": the letters are the street part)
# (nor before a town in capitals, 4+ letters with a vowel, that is the rest of the line: "5003BERGEN"
# on a defocused photo; "12345ABC" is a code)
EU_REGION = lazy(r"^(?:(?P<cc>[A-Z]{1,3})\s?-\s?)?(?P<pc>\d{2}-\d{3}|\d{3} \d{2}|\d{4} ?[A-Z]{2}(?=\s)|\d{4,5})"
                       r"(?:\s+|(?=[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž])|(?=(?=[A-ZÀ-ÖØ-ÞĀ-Ž]*[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-Ü])[A-ZÀ-ÖØ-ÞĀ-Ž]{4,}(?:[ \-][A-ZÀ-ÖØ-ÞĀ-Ž]+)*\s*$))"
                       r"(?P<city>[^\d\s].*)$")
UK_REGION = lazy(r"^(?:(?P<town>[A-Za-z][A-Za-z .'\-]{1,30}?),?\s+)?(?P<out>[A-Z]{1,2}\d[A-Z\d]?)\s+(?P<inw>\d[A-Z]{2})\s*$")
# "New Delhi, Delhi - 110017", "Beijing 100022": a town (and state) and a 6-digit PIN / postcode
PIN_REGION = lazy(r"^(?P<city>[A-Za-z][A-Za-z .,'\-]{1,40}?)\s*[,\-–]?\s*(?P<pc>\d{3}\s?\d{3})\s*$")
COUNTRY_RE = lazy(
    r"^\(?(?:US|USA|UNITED STATES(?: \(USA\))?|UNITED KINGDOM|UK|GB|SWEDEN|SVERIGE|NORWAY|NORGE|"
    r"DENMARK|DANMARK|FINLAND|SUOMI|GERMANY|DEUTSCHLAND|AUSTRIA|ÖSTERREICH|FRANCE|POLAND|POLSKA|CZECH REPUBLIC|"
    r"CZECHIA|ČESKÁ REPUBLIKA|SLOVAKIA|HUNGARY|NETHERLANDS|NEDERLAND|BELGIUM|BELGIQUE|SPAIN|ESPAÑA|ITALY|ITALIA|"
    r"SWITZERLAND|SCHWEIZ|SUISSE|SVIZZERA|TURKEY|TÜRKİYE|TURKIYE|PORTUGAL|IRELAND|INDIA|JAPAN|日本|"
    r"CHINA|中国|CANADA|MEXICO|[A-Z]{2}\s-\s\S+|"
    r"المملكة العربية السعودية|السعودية|[اإ]لإمارات العربية المتحدة|الامارات العربية المتحدة|الإمارات|مصر|"
    r"الأردن|الكويت|قطر|البحرين|سلطنة عمان|ישראל|SAUDI ARABIA|UAE|UNITED ARAB EMIRATES|EGYPT|ISRAEL)\)?$", re.I,
)
# a line starting with one of these labels is about the parcel, not a person: it ends a block (a
# Chinese label may run straight into its number, '订单编号4401897493': OCR drops the space)
OTHER_LABEL = lazy(
    r"^\s*(物品|品名|重量|件数|备注|订单编号|订单号|订单|运单编号|运单号|运单|日期|时间|数量|金额|付款|已验视|签收|计费|体积|寄件日期|寄件时间|"
    r"打印时间|打印日期|客服|服务热线|热线|官网|收件日期|揽收|始发|目的|"
    # (a Japanese label's parcel lines: delivery date, time band, inquiry number)
    r"お届け予定日|配達予定日|お届け日|配達日|時間帯|お問い?合わ?せ|伝票番号|"
    # (and a Korean one's: goods, slip number, delivery note, weight)
    r"품목|품명|운송장\s?번호|운송장|송장번호|배송\s?메[모세]|중량|수량|"
    # (and a Thai one's: parcel number, weight (sara am both ways), goods, date)
    r"(?:หมายเลข|เลข)(?:ที่)?พัสดุ|น(?:้ำ|\u0e49\u0e4d\u0e32|\u0e4d\u0e49\u0e32)หนัก|สินค้า|วันที่|"
    # (and a Russian one's: shipment number, track number, the post's ШПИ, waybill, order, weight,
    # date, declared value, cash on delivery, places)
    r"номер\s*отправления|трек[\- ]?номер|шпи|накладная|№\s*(?:отправления|заказа|накладной)|номер\s*заказа|"
    r"заказ|вес|дата|объявленная\s*ценность|наложенный\s*платёж|наложенный\s*платеж|мест|тариф|"
    # (and a Greek one's: shipment number, tracking number, weight, date, contents, cash on delivery)
    rf"{GR_SHIPMENT}|"
    # (and an Arabic and a Hebrew one's: shipment number, weight, pieces, cash on delivery, date,
    # contents, service; 'الوزن: 2.5 كغ' was filled as an unplaced line on a label image)
    rf"{AR_SHIPMENT}|{HE_SHIPMENT}|الوزن|عدد\s*القطع|الدفع\s*عند\s*الاستلام|المبلغ|القيمة|التاريخ|تاريخ\s*الشحن|"
    r"المحتويات|محتويات|الخدمة|משקל|תאריך|מספר\s*חבילות|כמות|תכולה|תוכן|שירות|גוביינא|"
    # (and South Asia's: shipment numbers, weight, date, contents, cash on delivery; 'वजन: 3336 ग्राम'
    # was filled as an unplaced line on a Hindi label image)
    rf"{IN_SHIPMENT}|वजन|भार|दिनांक|तारीख|सामग्री|नकद\s*भुगतान|कैश\s*ऑन\s*डिलीवरी|ওজন|তারিখ|পণ্য|ক্যাশ\s*অন\s*ডেলিভারি|எடை|தேதி|"
    r"κωδικ[οό]ς\s*αποστολ[ηή]ς|β[αά]ρος|η[μµ]ερο[μµ]ην[ιί]α|περιεχ[οό][μµ]ενο|αντικαταβολ[ηή]|τε[μµ][αά]χια|"
    # (and a Vietnamese and an Indonesian one's, as OCR reads them too: order code, weight, contents;
    # 'Mã vận đơn: GHN...' was masked as the recipient block's last line)
    r"m[aã]\s*v[^\W\d_]{0,2}n\s*[dđ][^\W\d_]?n|m[aã]\s*[dđ][^\W\d_]?n\s*h[aà]ng|kh[^\W\d_]{0,2}i\s*l[^\W\d_]{0,3}ng|"
    r"no\.?\s*resi|resi|berat|isi\s*paket|"
    r"weight|wt|ref|date|ship\s*date|qty|pieces|order|po\s*#?|dept|carton|desc|billing|shp|tracking|awb|"
    r"product|contents|service|gstin|invoice|cod|amount|sku)(?:\b|(?<=[\u4e00-\u9fff])(?=[0-9A-Za-z])"
    # (the goods' and the slip's own words run straight into their value when OCR drops the space:
    # '品名衣類お届け予定日1月14日' was read as the sender's wrapped address and masked)
    r"|(?<=品名|物品|品目|日付|伝票|番号)(?=[\u4e00-\u9fff\u3040-\u30ff])|(?<=予定日)(?=\d)"
    # (a Thai word may end in a vowel mark, which is no word character: no \b after 'พัสดุ')
    r"|(?<=พัสดุ)"
    # (nor after an Indic word that ends in a vowel sign or a virama: 'नं.', 'எடை')
    r"|(?<=[\u0900-\u0dff])(?![\u0900-\u0dff]))\s*ঃ?\s*[:：#]?",
    re.I)
# print that is never a person's: courier hotlines, dates and times, weights
HOTLINE = lazy(r"(?<!\d)(?:95\d{3,4}|400[ \-]?\d{3}[ \-]?\d{4}|800[ \-]?\d{3}[ \-]?\d{4}|1010[ \-]?\d{4,5}|11183)(?!\d)")
_NON_PERSONAL_LINE = lazy(
    r"^[\s\d:：./\-年月日时分kgKGlbozLBOZ]*$|客服|热线|服务电话|官网|www\.|https?://|"
    r"^\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b")
# (a label has a letter: '0559876543 :', a Saudi mobile read with its Arabic label dropped, was kept
# on a page no reader read as a bare label; found by hand, 2026-12-07 evening)
LABEL_ONLY = lazy(r"^(?=[^:：]*[^\W\d_])[\w .#/]{1,20}[:：]\s*$")
_DIGITS = lazy(r"\d")
_LINE_SPLIT = lazy(r"\\&|\r?\n")



@dataclass
class Unit:
    """A positioned piece of text the layout stage reads: a ZPL/EPL field, an OCR line or a code's
    payload. ``x``/``y``/``h`` are in print units (about 30 to a line, the scale of a 203 dpi label);
    ``orient`` is the reading direction (N, R, I, B as in ZPL); ``kind`` is text, linear or 2d;
    ``barcode`` names the code's format for codes. Formats subclass it with their own locators."""
    index: int
    x: int
    y: int
    h: int
    orient: str
    kind: str  # text / linear / 2d
    text: str = ""
    barcode: str | None = None
    w: int = 0  # the text's length along its line, in print units, where known (an OCR line); 0: not known


@dataclass
class Line:
    f: Unit
    off: int  # offset of the line in the field's decoded text
    text: str
    x: int
    y: int
    h: int
    orient: str
    w: int = 0  # (as Unit.w)

    @property
    def cs(self) -> tuple[int, int]:
        o = self.orient
        if o == "B":
            return -self.y, self.x
        if o == "R":
            return self.y, -self.x
        if o == "I":
            return self.x, -self.y
        return self.x, self.y


# ---------------------------------------------------------------- blocks and roles


def _lines(fields: list[Unit]) -> list[Line]:
    out = []
    for f in fields:
        if f.kind != "text" or not f.text.strip():
            continue
        pos = 0
        k = 0
        for m in list(_LINE_SPLIT.finditer(f.text)) + [None]:
            end = m.start() if m else len(f.text)
            seg = f.text[pos:end]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                dy = k * max(f.h, 10)
                if f.orient == "N":
                    lx, ly = f.x, f.y + dy
                elif f.orient == "B":
                    lx, ly = f.x + dy, f.y
                elif f.orient == "R":
                    lx, ly = f.x - dy, f.y
                else:
                    lx, ly = f.x, f.y - dy
                out.append(Line(f, pos + lead, seg.strip(), lx, ly, f.h, f.orient,
                                f.w if seg.strip() == f.text.strip() else 0))
            k += 1
            if m:
                pos = m.end()
    return out


# a parcel's weight on a line: the line is about the parcel ('Ret. 74223426 5.5 kg', a reference
# line whose label a defocused photo's reading lost, joined the sender block above it and was filled)
_WEIGHT_IN = lazy(r"(?<![\w.,])\d{1,3}(?:[.,]\d{1,3})?\s?(?:kg|lbs?|oz)(?!\w)", re.I)


def _right_aligned(a: Line, b: Line, xtol: int) -> bool:
    """Two lines of a right-to-left script (Arabic, Hebrew) that end at the same place: an Arabic or
    Hebrew label's block is aligned on the right, its lines' left edges as ragged as their lengths
    (a Hebrew label's street line without a kind of way stood in ZPL, out of its block). By the
    lines' widths where the reading gives them (an image), else by their spans estimated from their
    lengths (a print stream: half a line height a character) overlapping by half the shorter."""
    if not (_RTL_LETTER.search(a.text) and _RTL_LETTER.search(b.text)):
        return False
    (ca, _sa), (cb, _sb) = a.cs, b.cs
    if a.w and b.w:
        return abs((ca + a.w) - (cb + b.w)) <= xtol
    wa, wb = a.w or 0.5 * a.h * len(a.text), b.w or 0.5 * b.h * len(b.text)
    return min(ca + wa, cb + wb) - max(ca, cb) >= 0.5 * min(wa, wb)


def _closed_after(last: Line, ln: Line) -> bool:
    """A block ends after its country line, and after its postcode line unless a phone or
    country follows; a new anchor always starts a block."""
    if _anchor(ln.text) or OTHER_LABEL.match(ln.text) or _WEIGHT_IN.search(ln.text):
        return True
    if COUNTRY_RE.match(last.text):
        return True
    if US_REGION.match(last.text) or UK_REGION.match(last.text):
        return not (COUNTRY_RE.match(ln.text) or _is_phone_line(ln.text) or LABEL_ONLY.match(ln.text))
    return False


# a long anchor word ending its line with its colon after one short fragment the reading glued before
# it (a photo's background print beside the label: 'reis Odbiorca:')
_ANCHOR_AFTER_FRAGMENT = lazy(
    r"^\S{1,6}\s+(?P<a>ship\s*to|deliver\s*to|return\s*to|recipient|receiver|consignee|sender|shipper|"
    r"mottagare|avsändare|modtager|afsender|mottaker|avsender|vastaanottaja|lähettäjä|nadawca|odbiorca|adresat|"
    r"empfänger|absender|destinataire|expéditeur|destinatario|mittente|remitente|destinatário|remetente|ontvanger|"
    r"afzender|geadresseerde|příjemce|odesílatel|alıcı|gönderen|收件人|寄件人|收货人|发件人)\s*[:：]\s*(?P<rest>)$",
    re.I)


def _anchor(text: str):
    m = ANCHOR_RE.match(text)
    if m and (m.group("rest") == "" or text[len(m.group("a")):].lstrip()[:1] in (":", "：")
              or (m.group("a") in ("收", "寄") and text[len(m.group("a")):][:1].isspace())):
        return m  # "收件人：", "SHIP TO:", or the big 收/寄 mark printed before a block
    return _ANCHOR_AFTER_FRAGMENT.match(text)


# a Chinese field label before its value ("收件地址：", "收件人: "): the value of a line that wraps
# goes on under the value, not under the label
_CJK_LABEL = lazy(r"^[\u4e00-\u9fff]{1,6}\s*[:：]\s*(?=\S)")


def _value_start(last: Line) -> float | None:
    """Where the value after a Chinese label begins along the line (print units), from the
    label's characters: a Han character or a full-width colon is about a line height wide, an ASCII
    character or space half of one."""
    m = _CJK_LABEL.match(last.text)
    if not m or last.orient == "I":
        return None
    w = sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in m.group())
    return last.cs[0] + w * last.h


def _fragment(text: str) -> bool:
    """A line of one or two letters (no digit, no Chinese character): a fragment of a word."""
    t = text.strip()
    return len(t) <= 2 and t.isalpha() and t.isascii()


def _blocks(lines: list[Line], xtol: int = 15, ygap: float = 2.5) -> list[list[Line]]:
    """Lines stacked in reading direction, left-aligned within ``xtol``, each at most ``ygap`` line
    heights below the one before; a line joins the nearest such block. A line under the value of
    a Chinese label's line joins that line's block too: the wrapped rest of the value ("收件地址：
    ...延安大道81" over an indented "8号", stress labels seed 121000)."""
    blocks: list[list[Line]] = []
    for ln in sorted(lines, key=lambda l: (l.orient, l.cs[1], l.cs[0])):
        c, s = ln.cs
        if _fragment(ln.text):
            # one or two letters read out of print beside the label (a photo's newspaper under
            # it): alone, never a bridge between two blocks (an 'S' between the sender's town and
            # the recipient's name joined both into one block, and the recipient's name and
            # postcode stood; stress seed 133000, a de_dhl photo on printed matter)
            blocks.append([ln])
            continue
        best = None
        for b in blocks:
            last = b[-1]
            lc, ls = last.cs
            d = s - ls
            if last.orient != ln.orient:
                continue
            aligned = abs(lc - c) <= xtol or _right_aligned(last, ln, xtol)
            if not aligned and _CJK.search(ln.text) and 0 <= d <= 2 * max(last.h, 12):
                vx = _value_start(last)
                aligned = vx is not None and abs(vx - c) <= max(xtol, 0.5 * last.h)
            if aligned and 0 <= d <= ygap * max(min(last.h, ln.h), 12) + 12 \
                    and not _closed_after(last, ln) and (best is None or d < best[0]):
                best = (d, b)
        if best is None:
            blocks.append([ln])
        else:
            best[1].append(ln)
    return blocks


_STREET = lazy(r"\b(?:St|Street|Ave|Avenue|Rd|Road|Lane|Ln|Dr|Drive|Blvd|Way|Hwy|Highway|Pkwy|"
                     r"Ct|Court|Pl|Place|Suite|Ste|Apt|Unit|Box|Flat|Floor|Block|Plot|Sector|Cross|Main|Nagar|Marg|"
                     r"Apartments?|Colony|Layout|gatan|vägen|gränd|torget|veien|vej|gade|straße|strasse|str\.|"
                     r"weg|platz|allee|gasse|rue|avenue|chemin|boulevard|bd|impasse|allée|quai|via|viale|piazza|"
                     r"calle|avenida|rua|straat|laan|plein|ul\.|al\.|os\.|pl\.|mah\.|cad\.|sok\.|sk\.|bulvarı)(?!\w)",
                     re.I)


# a street and its house number; the number may carry a flat or door part ('12/3', '40-2',
# '128-hs', '12 B', '15, 3º B', '12, int. 4')
_STREETISH = lazy(r"^[^\d]{3,40}\s\d{1,5}[A-Za-z]?(?:\s?[/\-]\s?\w{1,4}|\s[A-Za-z]|,?\s(?:int\.?|apt\.?|"
                        r"flat|bus|lgh\.?|th|tv|mf)?\s?\d{1,3}\s?[º°ª]?\s?[A-Za-z]?)?$|^\d{1,5}[A-Za-z]?\s[^\d]{3,40}$",
                        re.I)
# street words that end a compound word ('Molenweg', 'Prinsengracht', 'Storgata'): _STREET wants
# them as words of their own
_STREET_SUFFIX = lazy(r"[a-zäöüåæøéè](?:weg|straße|strasse|straat|gracht|kade|singel|dijk|gatan|gata|vägen|"
                            r"veien|vei|vej|gade|gasse|platz|allee|laan|plein)(?!\w)", re.I)
_POSTCODE_ONLY = lazy(r"^(?:[A-Z]{1,3}-)?(?:\d{2}-\d{3}|\d{4,5})$")
# a personal name printed on its own line: 2-4 words of letters, each capitalised (or all capitals)
_NAMEISH = lazy(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Žİ][A-Za-zÀ-ÖØ-öø-ÿĀ-žİı'’.\-]*\s+){1,3}"
                      r"(?:[a-z]{1,3}\s+)?[A-ZÀ-ÖØ-ÞĀ-Žİ][A-Za-zÀ-ÖØ-öø-ÿĀ-žİı'’.\-]+$")
_NOT_NAME_WORDS = lazy(
    r"\b(?:PARCEL|PAKET|PACZKA|COLIS|GROUND|EXPRESS|PRIORITY|MAIL|POST|POSTAL|SERVICE|TRACKED|STANDARD|ECONOMY|"
    r"DELIVERY|SHIPPING|LABEL|RETURN|PICKUP|REVERSE|WEIGHT|DATE|ORDER|INVOICE|TRACKING|PACKAGE|CARGO|KARGO|"
    r"COURIER|LOGISTICS|PAKKE|BREV|SIGNATURE|REQUIRED|FRAGILE|HANDLE|CARE|POSTAGE|PAID|PERMIT|CONTAINER|"
    r"CONTACT|NAME|COMPANY|STREET|CITY|COUNTRY|PHONE|TEST)\b", re.I)


# service words of a carrier's header or product line: a block's first line holding one is print,
# not the name that starts the block
_CARRIER_LINE = lazy(
    r"\b(?:PARCEL|PAKET|PAKKE|PACZKA|COLIS|GROUND|EXPRESS|PRIORITY|MAIL|TRACKED|STANDARD|ECONOMY|DELIVERY|"
    r"SHIPPING|COURIER|LOGISTICS|POSTAGE|PAID|PERMIT|KURIER|KARGO|CARGO|POSTPAC|SIGNATURE|REQUIRED)\b", re.I)


# a Chinese carrier's logo or product line ("菜鸟裹裹 电子面单", "顺丰速运", "中国邮政 特快专递"): every
# word of the line is a carrier or service word
# (with a Latin brand glued on: '邮政EMS', 'EMS经济快递', 'SF顺丰速运': the logo line read as the block's
# name, and the sort code under it as its address, held-out seed 61000 cn_nokw photo)
_CN_CARRIER_WORD = lazy(r"(?:EMS|SF|JD|ZTO|YTO|STO|YD|JT|J&T)?[\u4e00-\u9fff]{0,4}"
                              r"(?:快递|速运|速递|物流|快运|裹裹|邮政|面单|专递|快件|速配)(?:EMS|SF|JD)?|EMS|SF")
# a sort code printed alone (三段码 "571-W12 00", "781-9B-09", "34F 617", "376-43 A3"): short groups
# of capitals and digits, at most 8 digits (never a phone), written on a line of its own
_SORT_LINE = lazy(r"[0-9A-Z]{1,4}(?:[\s\-][0-9A-Z]{1,4}){1,3}")


# the legal form of a company (a legal person): a limited company, not a sole trader's name
_LEGAL_FORM = lazy(
    r"^(?P<co>[A-Za-zÀ-ÿĀ-ž0-9&'’.\- ]*[A-Za-zÀ-ÿĀ-ž0-9])\s+(?:Pvt\.?\s*Ltd|Private\s+Limited|Ltd|Limited|LLP|LLC|"
    r"Inc|Corp|Corporation|PLC|GmbH|AG|SAS|SARL|S\.A\.|S\.p\.A\.|S\.r\.l\.|B\.V\.|N\.V\.|AB|ASA|A/S|ApS|Oyj?|"
    r"Sp\.\s?z\s?o\.\s?o\.|s\.r\.o\.|Pty\.?\s*Ltd|Co\.,?\s*Ltd)\.?(?=\s*(?:,|$))")


# a business's tax registration printed under its address (GSTIN, VAT No, USt-IdNr, NIP, Org.nr...)
_TAX_LINE = lazy(r"^\s*(?:GSTIN|GST\s*No|VAT(?:\s*(?:No|Reg(?:istration)?\.?\s*No))?|USt-?Id(?:Nr)?|TVA|NIP|CIF|"
                       r"P\.?\s?IVA|Partita\s+IVA|Org\.?\s?nr|CVR|KVK|BTW|ABN|EIN)\.?\s*[:：#]?\s*[A-Z0-9]", re.I)


def _tax_line_below(block: list, lines: list, xtol: int) -> bool:
    """A tax registration line in the block or right below its last line."""
    last = block[-1]
    lc, ls = last.cs
    for l in lines:
        if not _TAX_LINE.match(l.text) or l.orient != last.orient:
            continue
        if any(l is x for x in block):
            return True
        c, s_ = l.cs
        if abs(c - lc) <= xtol and 0 < s_ - ls <= 2.5 * max(last.h, l.h, 12) + 12:
            return True
    return False


def _legal_person(text: str) -> bool:
    """A company name with its legal form ("Aarav Retail Pvt Ltd, Warehouse 8", "Nordic Parts AB")."""
    return bool(_LEGAL_FORM.match(text.strip()))


def _cn_carrier_line(text: str) -> bool:
    words = text.split()
    return bool(words) and all(_CN_CARRIER_WORD.fullmatch(w) for w in words)


def _sort_line(text: str) -> bool:
    t = text.strip()
    return bool(_SORT_LINE.fullmatch(t)) and 1 <= sum(ch.isdigit() for ch in t) <= 8 and \
        sum(ch.isalpha() for ch in t) <= 3


# an initial and one word: what ``share`` keeps of a Latin name when the fill between is not read
_INITIAL_WORD = lazy(r"^\s*[A-ZÀ-ÖØ-ÞĀ-Ž]\.?\s+[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]+\s*$")


def _nameish(text: str) -> bool:
    t = text.strip()
    return bool(_NAMEISH.match(t)) and not COUNTRY_RE.match(t) and not OTHER_LABEL.match(t) and \
        not _NOT_NAME_WORDS.search(t) and not _anchor(t)


def _streetish(text: str) -> bool:
    t = text.strip()
    if OTHER_LABEL.match(t) or _region_split(t):
        return False
    return bool(_STREETISH.match(t)) or (bool(_STREET.search(t) or _STREET_SUFFIX.search(t))
                                         and bool(_DIGITS.search(t)))


# a date or time label with nothing but its date and time after it (OCR may drop the space that
# let OTHER_LABEL's word boundary see the label)
_DATE_STAMP = lazy(r"(?:打印|寄件|收件|揽收|签收)?(?:日期|时间)\s*[:：]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
                         r"(?:\s*\d{1,2}[:：时]\d{2}(?:[:：分]\d{2}秒?)?分?)?")


def _non_personal(text: str) -> bool:
    """Print that is never a person's: courier hotlines and service lines, bare dates and times."""
    t = text.strip()
    if re.search(r"客服|热线|服务电话|官网|投诉|www\.|https?://|^(?:寄件|收件|存根|派件|签收|客户|回单)联$", t):
        return True
    if _caption(t):
        return True
    if HOTLINE.fullmatch(t):
        return True
    if re.match(r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?:\s|$)", t):
        # a line that starts with a date: a print stamp, not a person (a year of 2 or 4 digits:
        # '5-6-302' is a building, unit and room, a motion-blurred sender line's reading kept as a
        # date, stress seed 117000 cn_std photo)
        return True
    if _DATE_STAMP.fullmatch(t):
        return True  # "打印时间2026/10/01 21:24": the label and its date read without the space between

    return bool(_DATE.search(t)) and bool(re.fullmatch(r"[\d\s:：./\-年月日时分]+(?:\s*(?:kg|g|lbs?|oz|KG|LBS?))?", t))


_SURNAMES: tuple | None = None


def _surnames() -> tuple:
    global _SURNAMES
    if _SURNAMES is None:
        from .resources import surnames
        _SURNAMES = surnames()
    return _SURNAMES


_PLACE_END = set("省市区县镇乡村路街道号栋幢室楼苑园寓厦场城湾庄巷弄里坊院座层单元期旗州盟")


def _cjk_name(t: str) -> bool:
    """2-4 Chinese characters starting with a surname (and not ending like a place: 尼木县, 北京新村)."""
    t = t.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", t) or t[-1] in _PLACE_END:
        return False
    single, compound = _surnames()
    return t[0] in single or t[:2] in compound


# a Japanese postcode alone on its line, its 〒 read as a letter or not at all
_JP_PC_LINE = lazy(r"\s*(?:[〒TF干]\s?)?\d{3}\s?[-‐−ー]\s?\d{4}\s*")
_JP_HONORED_LINE = lazy(r"\s*([\u4e00-\u9fff々]{1,4}[ \u3000]?[\u4e00-\u9fff々\u3041-\u3096]{1,4})[ \u3000]?[様樣样]\s*")
_JP_PREFECTURE_START = lazy(r"\s*(?:東京都|东京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}[県县])")


def _jp_postcode(text: str, role: str | None = None) -> list[Finding]:
    """A Japanese postcode line (``_JP_PC_LINE``): its first 2 digits the region share keeps, the
    rest masked."""
    a = next(i for i, ch in enumerate(text) if ch.isdigit())
    z = len(text.rstrip())
    return [Finding(T.ADDRESS_REGION, a, a + 2, text[a:a + 2], 0.85, "zpl.region", role=role),
            Finding(T.ADDRESS, a + 2, z, text[a + 2:z], 0.85, "zpl.postcode", role=role)]


def _jp_name_here(text: str, structured: list) -> bool:
    """A Japanese name's line under an address line (not the address's wrapped rest): a name the
    Japanese detector found before its honorific and nothing else, or a line that is a name."""
    if structured:
        return all(x.type is T.NAME and x.detector.startswith("name_asia") for x in structured)
    return _jp_name_line(text) is not None


def _jp_honored_line(text: str) -> tuple[int, int, int] | None:
    """(start, end, family name's length) of the name in a line that is a name and its honorific
    (``_JP_HONORED_LINE``), the family name a listed one, the word before a space, or 2; None
    otherwise."""
    m = _JP_HONORED_LINE.fullmatch(text)
    if m is None:
        return None
    a, z = m.span(1)
    w = text[a:z]
    return a, z, name_asia.jp_family_at(text, a) or (len(w.split()[0]) if " " in w else 2)


def _jp_name_line(text: str) -> tuple[int, int, int] | None:
    """(start, end, family name's length) of a line that is a Japanese name and nothing else, its
    family name a listed one (``name_asia.cell_name``); None otherwise."""
    s = text.strip()
    if not s or not ("\u4e00" <= s[0] <= "\u9fff"):
        return None
    honored = _jp_honored_line(text)
    if honored is not None:
        return honored  # (a name before its honorific, whatever its family name: '白石直人樣')
    if not name_asia.cell_name(s):
        return None
    sl = name_asia.jp_family_at(s, 0)
    if not sl:
        return None
    a = text.index(s)
    return a, a + len(s), sl


def _cjk_names_beside_stars(text: str) -> list:
    out = []
    for m in re.finditer(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])", text):
        after = text[m.end():m.end() + 2]
        before = text[max(0, m.start() - 1):m.start()]
        if after[:1] in ("：", ":") or before in ("：", ":") and False:
            continue
        if not re.match(r"\s?[*＊\d]", after) and not (before in ("：", ":", " ") and "*" in text[m.end():m.end() + 3]):
            continue
        if _cjk_name(m.group()):
            out.append((m.start(), m.end()))
    return out


def _caption(t: str) -> bool:
    """A printed sentence ("快件送达收件人地址，经收件人...签字，视为送达。"), not a field."""
    return bool(("。" in t or len(re.findall(r"[，；,;]", t)) >= 2) and len(t) >= 16 and not re.search(r"\d{7}", t)
                and _CJK.search(t) and not re.search(r"[省市区县]", t[:12]))


_DOOR_TAIL = lazy(r"[\s\-/,.]*([0-9A-Za-zº°ª]{1,4})\s*")


def _uncovered(text: str, found: list) -> tuple[int, int] | None:
    """The longest run of letters and digits that no finding covers (separators trimmed), if it
    holds at least 3 letters."""
    cov = [False] * len(text)
    for x in found:
        for i in range(max(0, x.start), min(len(text), x.end)):
            cov[i] = True
    best = None
    i = 0
    while i < len(text):
        if cov[i]:
            i += 1
            continue
        j = i
        while j < len(text) and not cov[j]:
            j += 1
        a, z = i, j
        while a < z and not text[a].isalnum():
            a += 1
        while z > a and not text[z - 1].isalnum():
            z -= 1
        if sum(ch.isalpha() for ch in text[a:z]) >= 3 and (best is None or z - a > best[1] - best[0]):
            best = (a, z)
        i = j
    return best


# Indian GSTIN: 2-digit state code + the owner's PAN (10 characters, a personal ID for a
# proprietor) + entity number + 'Z' + check character; a bare PAN too
_GSTIN = lazy(r"(?<![A-Z0-9])(\d{2})([A-Z]{5}\d{4}[A-Z])([1-9A-Z][Z2][0-9A-Z])(?![A-Z0-9])")
_PAN = lazy(r"(?<![A-Z0-9])[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z](?![A-Z0-9])")


def _tax_ids(text: str, whole: bool = False) -> list:
    """The PAN inside a GSTIN (``whole``: the whole GSTIN, for dispose) and bare PANs."""
    out = []
    for m in _GSTIN.finditer(text):
        g = 0 if whole else 2
        out.append(Finding(T.ID_CARD, m.start(g), m.end(g), m.group(g), 0.9, "zpl.gstin_pan"))
    for m in _PAN.finditer(text):
        if not any(x.start <= m.start() < x.end for x in out):
            out.append(Finding(T.ID_CARD, m.start(), m.end(), m.group(), 0.85, "zpl.pan"))
    return out


# (an OCR reading of a small or defocused label reads the l of a label as 1 or I: 'T1f: 196 749 563'
# for 'Tlf:' on a SEUR label, stress part `defocus`, seed 8800, where the phone stayed whole)
_LABELLED_PHONE = lazy(
    r"(?i)(?<![A-Za-z])(?:te[l1I|]|phone|mobi[l1I|]e|mob|ce[l1I|]{2}|t[l1I|]f|te[l1I|]efon|téléphone|tél|puh|handy|gsm|"
    r"ph|fon)\.?\s*[:：]?\s*"
    r"(?P<n>\+?\(?\d[\d \-()./]{5,18}\d)")


# phone labels as the OCR misreads them on photos ('Tlf:' read as 'TEF' or 'TlE', 'Tel' as 'TeI' or
# 'Te1', 'Tfno' as 'Tfn0'): OCR lines only (``ocr``), where the printed label was one of these
# ('TlE: 049 316 030' stood on a defocused SEUR photo, stress seed 127000)
_LABELLED_PHONE_OCR = lazy(
    r"(?i)(?<![A-Za-z])(?:te[fi1]|t[1i]f|t[l1i|]e|tfn[o0]?|telf|tel[eé]fono|m[o0]b[i1]le?|m[o0]b|ce[l1][l1]|ph[o0]ne)\.?\s*[:：;]?\s*"
    r"(?P<n>\+?\(?\d[\d \-()./]{5,18}\d)")


def _labelled_phones(text: str, ocr: bool = False) -> list:
    """A number after a phone label (Tel., Tlf, Telefon, Puh...) in any national format; on an OCR
    line (``ocr``) also after a label as the OCR misreads it."""
    out = []
    ms = list(_LABELLED_PHONE.finditer(text))
    if ocr:
        ms += [m for m in _LABELLED_PHONE_OCR.finditer(text) if not any(
            m.start("n") < k.end("n") and k.start("n") < m.end("n") for k in ms)]
    for m in ms:
        n = m.group("n")
        d = sum(ch.isdigit() for ch in n)
        if 7 <= d <= 15 and not _DATE_IN.search(n):
            out.append(Finding(T.PHONE_INTL, m.start("n"), m.end("n"), n, 0.8, "zpl.labelled_phone"))
    return out


# the separators of a one-line address: a middle dot, bullet or bar, or what OCR reads them as (a
# dot or dash with a space on at least one side), or a comma and a space ('Lotte Visser, Molenweg
# 40-2, 1016 GV Amsterdam': the rule still needs a street part and a postcode/town part)
_PART_SEP = lazy(r"\s*[·•|]\s*|\s+[.\-–—]\s*|\s+[:;]\s+|(?<=\w)[.\-–—]\s+|,\s+")
# (or a dash OCR read glued between the house number and the postcode: 'Algade 76-5000 Odense C')
_REGION_TAIL = lazy(r"(?:\s|(?<=\d)[\-–])(?:[A-Z]{1,3}-)?(?:\d{2}-\d{3}|\d{3} \d{2}|\d{4,5})\s+[^\d\s][^\d]{1,30}$")
_STREET_NO_FIRST = lazy(r"(?<!\S)\d{1,5}[A-Za-z]?\s+[^\d\s]")


# the long anchor words a one-line address starts with, as a blurred reading may misread one letter
# of them ('Adsender Raame @°Briem - Wia Massa 69 - 3ei1 Benm': a held-out ch_post photo, blurred,
# whose sender line stood; label_holdout --part heldout --seed 75000)
_LONG_ANCHORS = tuple(sorted({w for w in (
    "absender empfänger recipient receiver consignee shipper mottagare avsändare modtager afsender mottaker "
    "avsender lähettäjä vastaanottaja nadawca odbiorca adresat destinataire expéditeur destinatario mittente "
    "remitente destinatário remetente ontvanger afzender geadresseerde příjemce odesílatel gönderen gonderen").split()}))


def _fuzzy_anchor(word: str) -> bool:
    """Whether ``word`` is a long anchor word, or one with a single letter misread."""
    w = word.lower().rstrip(":：")
    if len(w) < 7 or not w.isalpha():
        return False
    return any(len(a) == len(w) and sum(x != y for x, y in zip(a, w)) <= 1 for a in _LONG_ANCHORS)


def _compact_address(text: str) -> list:
    """``_compact_parts``'s findings, or an anchored line's (``_compact_anchored``)."""
    return _compact_parts(text) or _compact_anchored(text)


def _parts(text: str) -> list:
    parts, pos = [], 0
    for m in list(_PART_SEP.finditer(text)) + [None]:
        a, z = pos, (m.start() if m else len(text))
        seg = text[a:z]
        if seg.strip():
            parts.append((a + len(seg) - len(seg.lstrip()), z - (len(seg) - len(seg.rstrip()))))
        if m:
            pos = m.end()
    return parts


def _compact_anchored(text: str) -> list:
    """A line that starts with a long anchor word (or one with a letter misread), then its parts
    with a number after the first: a one-line address however its street and town were read."""
    parts = _parts(text)
    if len(parts) < 3 or "*" in text or "＊" in text:
        return []  # (a masked output read again: verify; its masked parts are no values)
    last = text[parts[-1][0]:parts[-1][1]]
    rs = _region_split(last)
    head = text[parts[0][0]:parts[0][1]].split()
    if len(head) >= 2 and _fuzzy_anchor(head[0]) and _DIGITS.search(text, parts[1][0]):
        # an anchor word first, the rest in parts with a number after the first: a one-line
        # address however its street and town were read; every part after the anchor is masked
        # (the region kept where its postcode/town part is read as one)
        a0 = parts[0][0] + len(text[parts[0][0]:parts[0][1]]) - len(text[parts[0][0]:parts[0][1]].split(None, 1)[1])
        if head[0].lower().rstrip(":：") not in _LONG_ANCHORS and not rs:
            # (an anchor read with a letter wrong is a blurred line: its character boxes are
            # uncertain, and fills that stopped at the anchor and at the separators left one of the
            # name's letters readable; the whole line is one fill, the anchor with it, which costs
            # nothing personal)
            a, z = parts[0][0], parts[-1][1]
            return [Finding(T.ADDRESS, a, z, text[a:z], 0.7, "zpl.compact_address")]
        out = [Finding(T.NAME, a0, parts[0][1], text[a0:parts[0][1]], 0.7, "zpl.compact_name", meta=(("latin", True),))]
        out += [Finding(T.ADDRESS, a, z, text[a:z], 0.7, "zpl.compact_address") for a, z in parts[1:-1]]
        return out + _last_part(text, parts[-1], rs, 0.7)
    return []


def _last_part(text: str, part: tuple, rs: tuple | None, score: float) -> list:
    """The findings of a one-line address's last part ``part`` (start, end): with ``rs``
    (``_region_split`` of it) the postcode's tail and the region around it, else the whole part."""
    base, end = part
    last = text[base:end]
    if not rs:
        return [Finding(T.ADDRESS, base, end, last, score, "zpl.compact_address")]
    a, z = rs
    out = []
    if z > a:
        out.append(Finding(T.ADDRESS, base + a, base + z, last[a:z], score, "zpl.postcode"))
    for ra, rz in ((0, a), (z, len(last))):
        seg = last[ra:rz]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append(Finding(T.ADDRESS_REGION, base + ra + lead, base + ra + lead + len(seg.strip()),
                               seg.strip(), score, "zpl.region"))
    return out


def _compact_parts(text: str) -> list:
    """A whole address on one line, 'Name · Street 1 · 12345 Town' (German-style sender line):
    the name, the street and the postcode tail are personal. OCR reads the dots as '.', '-' or
    nothing at all; the rule needs a postcode/town part at the end or a street part."""
    strong = bool(re.search(r"[·•|]", text))
    parts = _parts(text)
    t = _REGION_TAIL.search(text, *parts[-1]) if parts else None
    if t is not None and (not _region_split(text[parts[-1][0]:parts[-1][1]])
                          or _streetish(text[parts[-1][0]:t.start()])):
        # a separator lost before the postcode: '... Bahnhofstrasse 72 1204 Genève', 'Algade
        # 76-5000 Odense C' (the last part holds a street before its postcode and town)
        a, z = parts[-1]
        t = _REGION_TAIL.search(text[a:z])
        if t and t.start() > 0 and _region_split(t.group().strip(" \t\n-–")):
            cut = a + len(text[a:a + t.start()].rstrip())
            parts[-1:] = [(a, cut), (a + t.start() + len(t.group()) - len(t.group().lstrip(" \t\n-–")), z)]
    if len(parts) < 2:
        return []
    last = text[parts[-1][0]:parts[-1][1]]
    rs = _region_split(last)
    streets = [_streetish(text[a:z]) for a, z in parts[:-1]]
    mid = text[parts[0][0]:parts[-1][0]]
    if len(parts) >= 3:
        if not (rs or (strong and any(streets[1:]))):
            return []
        if not strong and not (rs and (any(streets) or (_STREET.search(mid) and _DIGITS.search(mid)))):
            return []  # dots and dashes alone: only with a street and a postcode/town part
    elif not (rs and streets[0]):
        return []  # two parts: 'Name Street 1 · 12345 Town' (a separator lost)
    out = []
    a0, z0 = parts[0]
    first = text[a0:z0]
    m = ANCHOR_RE.match(first)
    if m and m.group("rest") and (first[len(m.group("a")):].lstrip()[:1] in (":", "：") or (
            len(m.group("a")) > 3 and first[m.end("a"):m.end("a") + 1] in (" ", "\t"))):
        a0 += m.start("rest")
        first = text[a0:z0]
    if len(parts) == 2 or streets[0]:
        # the name and the street in one part: split before a leading house number ('Thomas Brown
        # 72 High Street'), else the whole part is masked as an address (no initial kept)
        sm = _STREET_NO_FIRST.search(first)
        if sm and sm.start() > 2 and _nameish(first[:sm.start()].strip()):
            zn = a0 + len(first[:sm.start()].rstrip())
            out.append(Finding(T.NAME, a0, zn, text[a0:zn], 0.75, "zpl.compact_name", meta=(("latin", True),)))
            out.append(Finding(T.ADDRESS, a0 + sm.start(), z0, text[a0 + sm.start():z0], 0.75, "zpl.compact_address"))
        elif z0 - a0 >= 2:
            out.append(Finding(T.ADDRESS, a0, z0, text[a0:z0], 0.75, "zpl.compact_address"))
    elif z0 - a0 >= 2:
        out.append(Finding(T.NAME, a0, z0, text[a0:z0], 0.75, "zpl.compact_name", meta=(("latin", True),)))
    for a, z in parts[1:-1]:
        out.append(Finding(T.ADDRESS, a, z, text[a:z], 0.75, "zpl.compact_address"))
    return out + _last_part(text, parts[-1], rs, 0.75)


# a date inside what a phone pattern took ("19.03.202612.5": a date and a weight read together)
_DATE_IN = lazy(r"(?<!\d)(?:[0-3]?\d[./][01]?\d[./](?:19|20)\d\d|(?:19|20)\d\d[./\-][01]?\d[./\-][0-3]?\d)")
_NUMBERISH = lazy(r"[A-Za-z0-9]*\d[A-Za-z0-9\-/]*")
_CJK = lazy(r"[\u3400-\u9fff]")
# a house, building, unit or room number with its word: the detail part of a Chinese address
_CN_DETAIL = lazy(r"[0-9０-９]+\s*(?:号楼|号院|号|號|室|栋|棟|幢|单元|單元|楼|樓|层|層|弄|巷)")


_NAME_PART = lazy(r"[A-ZÀ-ÖØ-ÞĀ-Žİ][A-Za-zÀ-ÖØ-öø-ÿĀ-žİı'’.\-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-Žİ][A-Za-zÀ-ÖØ-öø-ÿĀ-žİı'’.\-]+)?")
_MASKED_NAME = lazy(r"[A-ZÀ-ÖØ-ÞĀ-Žİ][*＊]{2,}(?:\s+[A-ZÀ-ÖØ-ÞĀ-Žİ][*＊]{2,})?")
_MASKED_WHOLE = lazy(r"[*＊]{3,}(?:\s[*＊]{2,}){0,2}")
# a field beside a name that is print: a phone's label, a carrier's name
_NOT_NAME_REST = lazy(r"(?i)(?:tel|tlf|tfn|mob|mobil|fax|box|ph|dhl|gls|ups|usps|fedex|tnt|dpd|postnl|posten|"
                            r"postnord|bring|colissimo|chronopost|seur|brt|inpost|ppl|hermes|evri|royal|yurtiçi|"
                            r"aras|mng|sf|ems|zto|yto|sto)\b")


def _name_rest(lines: list[Line], findings: dict, add) -> None:
    """A Latin name printed as two fields on one row, or read as two boxes ('Joris' | 'Bakker',
    stress seed 116000 nl_postnl photo; a ZPL template's given name and surname fields): the block
    masked the one it read as its name line and the other stood. A field level with a masked name,
    as high, starting (or ending) within two line heights of the name's estimated end (start),
    holding one or two capitalised words and nothing found, is the rest of that name."""
    # (or a name masked already, 'J****', as verify reads an output: the rest beside it is a leak)
    named = [ln for ln in lines if any(x.type == T.NAME and x.start < ln.off + len(ln.text) and x.end > ln.off
                                       for x in findings.get(ln.f.index, ())) or _MASKED_NAME.fullmatch(ln.text)
             # (or a line masked whole, '****' | 'Smith': verify called such an output clean)
             or _MASKED_WHOLE.fullmatch(ln.text)]
    if not named:
        return
    for ln in lines:
        t = ln.text
        if findings.get(ln.f.index) or not _NAME_PART.fullmatch(t) or COUNTRY_RE.match(t) or \
                OTHER_LABEL.match(t) or _NOT_NAME_WORDS.search(t) or _NOT_NAME_REST.match(t) or _anchor(t) or \
                _non_personal(t):
            continue
        c, s = ln.cs
        for nm in named:
            if nm.orient != ln.orient or nm.f.index == ln.f.index or _CJK.search(nm.text):
                continue
            h = max(nm.h, ln.h)
            nc, ns = nm.cs
            if h > 1.3 * max(1, min(nm.h, ln.h)) or abs(s - ns) > 0.5 * h:
                continue
            if _MASKED_WHOLE.fullmatch(nm.text) and (abs(nm.h - ln.h) > 0.1 * h or abs(s - ns) > 0.25 * h):
                continue  # (a given name and its surname in one font on one line; a town beside its
                # masked postcode, 'Warszawa' in another size beside '********', is the kept region)
            # a Latin letter is about 0.6 of the line height wide
            right = nc < c and c - (nc + 0.6 * nm.h * len(nm.text)) <= 2 * h
            left = c < nc and nc - (c + 0.6 * ln.h * len(t)) <= 2 * h
            if right or left:
                add(ln.f, Finding(T.NAME, ln.off, ln.off + len(t), t, 0.7, "zpl.name_rest",
                                  meta=(("latin", True),)))
                break


# a line that ends in a unit's word without its number ('Via Roma 106, int.', 'Hauptstr. 5, Whg.')
_UNIT_WORD_END = lazy(r"(?i)(?<![^\W\d_])(?:int|interno|scala|apt|apto|app|appt|whg|wohnung|nr|n°|flat|unit|suite|"
                            r"ste|dpto|depto|piso|lgh|daire|top|stiege|tür|bus|bte|esc|escalier|porte|puerta)\.?[ \t:]*$")
_BARE_UNIT_NUMBER = lazy(r"[ \t]*(\d{1,4}[A-Za-z]?)[ \t]*")


def _propagate(fields: list, findings: dict, add) -> None:
    """Every value masked somewhere on the label is searched for in every other text field (the
    stub, the second copy, a line the layout did not place) and masked there too: names whole or
    by word, phones by their digits, address details by any 4 characters in common (6 in Latin
    script), tolerant to the separators OCR adds or drops."""
    names_cjk: set[str] = set()
    words: set[str] = set()
    phones: set[str] = set()
    grams_cjk: set[str] = set()
    grams_lat: set[str] = set()
    ids: set[str] = set()
    for fs in findings.values():
        for x in fs:
            if x.type not in PERSONAL or x.detector in ("zpl.postcode",):
                continue
            t = x.text
            # a layout guess (the first line of a block, any other line of it) is masked where it
            # stands but not searched for elsewhere, unless it is shaped like a name or in Chinese
            if x.detector in ("zpl.block_name", "zpl.block_address", "zpl.phone_line", "zpl.digits") and \
                    not _CJK.search(t) and not (x.type == T.NAME and _nameish(t)):
                continue
            if x.type == T.NAME:
                if _CJK.search(t):
                    if len(t.strip()) >= 2:
                        names_cjk.add(t.strip())
                else:
                    words.update(w.upper() for w in re.findall(r"[A-Za-zÀ-ÿĀ-ž'’\-]{4,}", t))
            elif x.type in (T.PHONE, T.LANDLINE, T.PHONE_INTL):
                d = "".join(_DIGITS.findall(t))
                if len(d) >= 7:
                    phones.add(d)
            elif x.type == T.ADDRESS:
                n = re.sub(r"\s+", "", t)
                if _CJK.search(n):
                    grams_cjk.update(n[i:i + 4] for i in range(len(n) - 3) if _CJK.search(n[i:i + 4]))
                else:
                    u = _up("".join(c for c in t if c.isalnum()))
                    grams_lat.update(u[i:i + 6] for i in range(len(u) - 5)
                                     if sum(c.isalpha() for c in u[i:i + 6]) >= 3)
            elif x.type == T.ID_CARD and len(t) >= 8:
                ids.add(t)
    if not (names_cjk or words or phones or grams_cjk or grams_lat or ids):
        return
    for f in fields:
        if f.kind != "text" or not f.text.strip():
            continue
        text = f.text
        have = findings.get(f.index, [])

        def free(a: int, z: int) -> bool:
            return not any(h.start < z and a < h.end and h.type in PERSONAL for h in findings.get(f.index, []))

        for n in names_cjk:
            for m in re.finditer(re.escape(n), text):
                if free(m.start(), m.end()):
                    add(f, Finding(T.NAME, m.start(), m.end(), n, 0.8, "zpl.repeat", meta=(("surname_len", 1),)))
        if words:
            for m in re.finditer(r"[A-Za-zÀ-ÿĀ-ž'’\-]{4,}", text):
                if m.group().upper() in words and free(m.start(), m.end()):
                    add(f, Finding(T.NAME, m.start(), m.end(), m.group(), 0.75, "zpl.repeat", meta=(("latin", True),)))
        if phones:
            for m in re.finditer(r"\+?\d[\d \-()]{5,}\d", text):
                d = "".join(_DIGITS.findall(m.group()))
                if len(d) >= 7 and any(d in p or p in d for p in phones) and free(m.start(), m.end()):
                    add(f, Finding(T.PHONE, m.start(), m.end(), m.group(), 0.8, "zpl.repeat"))
        for i0 in ids:
            for m in re.finditer(re.escape(i0), text):
                if free(m.start(), m.end()):
                    add(f, Finding(T.ID_CARD, m.start(), m.end(), i0, 0.8, "zpl.repeat"))
        spans = []
        if grams_cjk:
            # positions of the non-space characters, so that a dropped or added space does not matter
            pos = [i for i, c in enumerate(text) if not c.isspace()]
            comp = "".join(text[i] for i in pos)
            hit = [False] * len(comp)
            for i in range(len(comp) - 3):
                if comp[i:i + 4] in grams_cjk:
                    for k in range(i, i + 4):
                        hit[k] = True
            spans += _runs(hit, pos)
        if grams_lat:
            pos = [i for i, c in enumerate(text) if c.isalnum()]
            comp = _up("".join(text[i] for i in pos))
            hit = [False] * len(comp)
            for i in range(len(comp) - 5):
                if comp[i:i + 6] in grams_lat:
                    for k in range(i, i + 6):
                        hit[k] = True
            spans += _runs(hit, pos)
        for a, z in spans:
            # the parts of the run no finding covers yet (a detector may have taken its room number)
            cov = [False] * (z - a)
            for h in findings.get(f.index, []):
                if h.type in PERSONAL:
                    for k in range(max(a, h.start), min(z, h.end)):
                        cov[k - a] = True
            k = 0
            while k < z - a:
                if cov[k]:
                    k += 1
                    continue
                j = k
                while j < z - a and not cov[j]:
                    j += 1
                seg = text[a + k:a + j]
                if seg.strip() and any(ch.isalnum() for ch in seg):
                    lead = len(seg) - len(seg.lstrip())
                    add(f, Finding(T.ADDRESS, a + k + lead, a + k + len(seg.rstrip()), seg.strip(), 0.75, "zpl.repeat"))
                k = j
        del have


def _up(s: str) -> str:
    """Upper case, one character for one (``ß`` stays ``ß``)."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in s)


def _runs(hit: list, pos: list) -> list:
    out = []
    i = 0
    while i < len(hit):
        if not hit[i]:
            i += 1
            continue
        j = i
        while j < len(hit) and hit[j]:
            j += 1
        out.append((pos[i], pos[j - 1] + 1))
        i = j
    return out


# a compound street word with its house number after it: in a postcode/town line it is a street
# joined on (two columns read as one line: '1016 GV AMSTERDAM Dorpsstraat 128-hs')
# (likewise a Spanish street's 'C/' or 'Avda.', or a floor and door '8º A', never part of a town)
_NUMBERED_SUFFIX = lazy(_STREET_SUFFIX.pattern + r"\s+\d|(?<!\S)(?:C/|Avda\.|Pza\.|Pº)\s?[^\W\d]|"
                              r"\d\s?[º°ª]\s?[A-Za-z]?(?!\w)", re.I)


# a town's capital O that OCR read as a zero ('702 00 0strava', '5000 0dense C')
_TOWN_ZERO = lazy(r"(?<=\s)0(?=[a-zà-ÿ]{2})")


# a postcode alone on its line (British, or digits), and a town's name alone (1-3 words, no digit)
_POSTCODE_ALONE = lazy(r"\s*(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|(?:[A-Z]{1,3}-)?(?:\d{2}-\d{3}|\d{3} \d{2}|\d{4,6}))\s*")
_TOWN_ALONE = lazy(r"\s*[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\-]*(?:\s[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\-]+){0,2}\s*")


def _town_above(content: list, region_line):
    """The line right above a postcode that stands alone on its line, when it is a town's name
    alone (no street word, not the block's first line), or None."""
    if region_line is None or _POSTCODE_ALONE.fullmatch(region_line.text) is None:
        return None
    k = content.index(region_line)
    if k < 2:
        return None
    t = content[k - 1].text
    if len(t.strip()) > 30 or _TOWN_ALONE.fullmatch(t) is None or _STREET.search(t) or _STREET_SUFFIX.search(t) \
            or COUNTRY_RE.match(t.strip()):
        return None
    return content[k - 1]


def _region_split(text: str) -> tuple[int, int] | None:
    """(start, end) of the postcode part to mask in a postcode/city line, or None."""
    got = _region_split_as_read(text)
    if got is None and _TOWN_ZERO.search(text):
        got = _region_split_as_read(_TOWN_ZERO.sub("O", text))  # (the same length: the same spans)
    return got


# a Dutch postcode's two letters read as the "town" of a line that holds only the postcode
_NL_LETTERS = lazy(r"[A-Z]{2}\s*")


# two capitals that start a town's name in the languages of 4-digit postcodes (a vowel, or a
# consonant pair that begins words: 'BRUXELLES', 'STRUER', 'SCHAFFHAUSEN')
_ONSETS = frozenset("BL BR CH CL CR DR FL FR GL GR KL KN KR PL PR SC SK SL SM SN SP ST SV SW TR TH WR ZW "
                    "SZ CZ DZ PF TS VR".split())


def _nl_letters_glued(city: str) -> bool:
    """Whether a capitals-only "town" after a 4-digit postcode starts with a Dutch postcode's two
    letters that a reading glued to it ('1016 GVAMSTERDAM' on a defocused photo: the GV stood,
    label_holdout --part stress --seed 134000 --cond defocus, nl_postnl): two consonants no town's
    name starts with, then a word of 4 or more capitals with a vowel."""
    w = city.split()[0] if city.split() else ""
    if len(w) < 6 or not w.isalpha() or not w.isupper():
        return False
    head, rest = w[:2], w[2:]
    return not any(c in "AEIOUY" or not c.isascii() for c in head) and head not in _ONSETS \
        and any(c in "AEIOUYÄÖÜÅÆØÉ" for c in rest) and rest[0].isalpha()


# a Vietnamese ward, district and city line (no postcode: Vietnamese labels print none), with or
# without marks and as rapidocr reads it, the letters its dictionary lacks dropped ('Phng Liu Giai,
# Qun Ba Đình, Hà Ni'): the region, kept whole by share (it was masked whole as the block's address)
_VN_REGION = lazy(r"^\s*(?:(?:Ph[^\W\d_]{0,3}ng|P\.|X[aã]|Th[^\W\d_]{0,2}\s+tr[^\W\d_]{0,2}n)\s*[^\W\d_][^,\d]{0,28}"
                  r"|(?:Ph[^\W\d_]{0,3}ng|P\.)\s*\d{1,2})\s*,\s*"
                  r"(?:(?:Qu[^\W\d_]{0,2}n|Q\.|Huy[^\W\d_]{0,2}n|H\.|Th[^\W\d_]{0,2}\s+x[aã]|TX\.?)\s*(?:[^\W\d_][^,\d]{0,28}|\d{1,2}))"
                  r"\s*,\s*(?:TP\.?\s*|T[^\W\d_]{0,2}nh\s+|Th[^\W\d_]{0,2}nh\s+ph[^\W\d_]{0,2}\s+)?[^\W\d_][^,\d]{1,28}\s*$")


# an Indonesian district and town line, and a province and its postcode ('Kec. Sukasari, Bandung',
# 'Jawa Barat 40162'): the region (the postcode's last two digits masked, as in a text); masked whole
# as the block's address before (label_gen id_jnt)
_ID_REGION = lazy(r"^\s*(?:Kec[.,]|Kecamatan|Kel[.,]|Kelurahan|Desa|Kab[.,]|Kabupaten|Kota)\s+[^\W\d_][^,\d]{1,30}"
                  r"(?:,\s*(?:Kab\.\s*|Kota\s+)?[^\W\d_][^,\d]{1,30}){0,2}\s*$")
_ID_PROVINCE = lazy(r"^\s*(?:(?:Jawa|Sumatera|Kalimantan|Sulawesi|Nusa\s+Tenggara|Papua)\s+(?:Barat|Timur|Tengah|Utara|Selatan)"
                    r"|DKI\s+Jakarta|Bali|Banten|Aceh|Riau|Jambi|Bengkulu|Lampung|Gorontalo|Maluku(?:\s+Utara)?|"
                    r"D\.?I\.?\s+Yogyakarta|Kepulauan\s+Riau|Bangka\s+Belitung)\s*,?\s+(?P<pc>\d{5})\s*$", re.I)


def _region_split_as_read(text: str) -> tuple[int, int] | None:
    if _RTL_LETTER.search(text):
        # (a line of an Arabic or Hebrew label is a region line only as those scripts write one, a
        # town the gazetteer knows: '١٨٤٢ طريق الملك فهد، حي العليا' read as a 4-digit postcode and a
        # "town" kept its street and district in share; label_gen ae_aramex, seed 34000, ZPL)
        return rtl_region_split(text)
    if _VN_REGION.match(text) or _ID_REGION.match(text):
        return len(text), len(text)
    m = _ID_PROVINCE.match(text)
    if m:
        return m.start("pc") + 3, m.end("pc")
    if _STREET.search(text) or OTHER_LABEL.match(text) or _NUMBERED_SUFFIX.search(text):
        return None
    m = US_REGION.match(text)
    if m:
        return m.start("zip") + 3, max(m.start("zip") + 3, m.end("z4") if m.group("z4") else m.end("zip"))
    m = UK_REGION.match(text)
    if m:
        return m.start("inw"), m.end("inw")
    m = EU_REGION.match(text)
    if m:
        pc = m.group("pc")
        keep = 2 if sum(ch.isdigit() for ch in pc) <= 5 else 3
        end = m.end("pc")
        if len(pc) == 4 and _NL_LETTERS.fullmatch(m.group("city")):
            end = m.start("city") + 2  # '2511 CV' with its town read as another line: the letters are the postcode's
        elif len(pc) == 4 and _nl_letters_glued(m.group("city")):
            end = m.start("city") + 2  # '1016 GVAMSTERDAM': the letters read glued to the town
        return m.start("pc") + keep + (1 if "-" in pc[:keep + 1] else 0), end
    m = PIN_REGION.match(text)
    if m and sum(ch.isalpha() for ch in m.group("city")) >= 3:
        return m.start("pc") + 3 + (1 if m.group("pc")[3:4] == " " else 0), m.end("pc")
    return None


# (a time is a time of day, not any two digits round a colon: a motion-blurred phone read
# '930:939:2439' was kept whole as a date stamp, stress seed 125000, us_plain photo)
_DATE = lazy(r"\d{4}-\d{2}-\d{2}|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|(?<!\d)(?:[01]\d|2[0-3]):[0-5]\d(?!\d)")
# a number printed in groups ("9400 0694 7771 0714 2521 32", a USPS IMpb under its barcode)
_GROUPS = lazy(r"^[0-9A-Z]{1,6}(?: [0-9A-Z]{1,6})+$")


def edits_within(a: str, b: str, k: int) -> bool:
    """Whether ``a`` becomes ``b`` with at most ``k`` inserted, dropped or changed characters."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1] <= k


def near_number(a: str, b: str) -> bool:
    """Equal, or a few edits apart when long enough that misread characters cannot make another
    number: one edit in 10-11 characters, two in 12 or more (Tesseract drops a barcode number's
    first letter and a digit: 'F13811962068' for 'SF138119620768')."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return edits_within(a, b, 0 if n < 10 else 1 if n < 12 else 2)


# a lone number on a line (the shape that ``mask_label`` guesses is a phone when nothing names it)
_BARE_NUMBER = lazy(r"\+?[\d \-()]{8,20}")


def bare_number(text: str) -> bool:
    """A line that is one number of 10-15 digits and nothing else."""
    s = text.strip()
    return bool(_BARE_NUMBER.fullmatch(s)) and 10 <= len(_DIGITS.findall(s)) <= 15


# the label of a parcel's own reference number ('Order No:', '订单编号', 'AWB', 'Ref.')
_REF_LABEL = lazy(
    r"^\s*(?:订单编号|订单号|订单|运单编号|运单号|运单|单号|(?:order|shipment|parcel|invoice|awb|tracking|consignment)"
    r"(?:\s*(?:no|nr|number|id|#))?|ref(?:erence)?(?:\s*(?:no|nr))?|po|shp|sku)\.?\s*[:：#]?\s*", re.I)


def _reference_numbers(fields: list[Unit], region: str, relay=None) -> list[str]:
    """Numbers the label itself names as the parcel's (their characters, spaces and dashes left
    out): a 2D code's whole payload when it is one token (a tracking code holds its number alone),
    and a value after a parcel reference label ('Order No: 3934084834177', '订单编号 4401897493') on a
    line where no detector finds anything personal. A bare number on another line that is one of
    these (one misread character allowed, ``near_number``) is that reference printed again (beside
    its barcode, in the stub), not a phone: the same number stays readable on the labelled line."""
    out = []
    for f in fields:
        if f.kind == "2d":
            # (a ZPL QR field's data starts with its error-correction and input mode, 'QA,')
            p = re.sub(r"[\s\-]", "", re.sub(r"^[HQML][AM],", "", f.text or "") if f.barcode == "BQ" else
                       f.text or "").upper()
            if re.fullmatch(r"[A-Z0-9]{10,40}", p) and not any(
                    x.type in PERSONAL for x in _detect_cached(f.text, region, relay)):
                out.append(p)
        elif f.kind == "text" and (m := _REF_LABEL.match(f.text)) and m.end() < len(f.text):
            rest = f.text[m.end():].strip()
            p = re.sub(r"[\s\-]", "", rest).upper()
            if re.fullmatch(r"[A-Z0-9]{10,40}", p) and len(_DIGITS.findall(p)) >= 8 and not any(
                    x.type in PERSONAL for x in _detect_cached(f.text, region, relay)):
                out.append(p)
    return out


def _grouped_tracking(lines: list[Line]) -> list[str]:
    """Tracking numbers printed in groups of characters, whole on one line or read in fragments
    (lines side by side on one row, as OCR splits a long number on a tilted photo): the digits of
    every run of such lines that spells a tracking number once its spaces are dropped. The
    layout then keeps them like a decoded barcode's number: a fragment is not a phone
    ('0694 7771 0714' inside a USPS number was masked as a Chinese landline when the barcode
    did not decode)."""
    from .detectors.tracking import TRACKING_RE

    cand = [l for l in lines if _GROUPS.match(l.text.strip()) and _DIGITS.search(l.text)]
    if not cand:
        return []
    out = []
    rows: list[list[Line]] = []
    for l in sorted(cand, key=lambda l: (l.orient, l.cs[1], l.cs[0])):
        for r in rows:
            last = r[-1]
            if last.orient == l.orient and abs(last.cs[1] - l.cs[1]) <= 0.6 * max(last.h, l.h, 1) \
                    and l.cs[0] > last.cs[0]:
                r.append(l)
                break
        else:
            rows.append([l])
    for r in rows:
        r.sort(key=lambda l: l.cs[0])
        for a in range(len(r)):
            joined = ""
            for b in range(a, len(r)):
                joined += r[b].text.replace(" ", "")
                if TRACKING_RE.fullmatch(joined):
                    out.append("".join(_DIGITS.findall(joined)))
    return [d for d in out if len(d) >= 8]


def _is_phone_line(text: str) -> bool:
    if _DATE.search(text) or _JP_POSTCODE.fullmatch(text):
        return False  # (a Japanese postcode with its mark, '〒150-0002', was masked as a phone)
    digits = len(_DIGITS.findall(text))
    letters = sum(ch.isalpha() for ch in text)
    return digits >= 7 and letters <= 4 and not US_REGION.match(text) and not EU_REGION.match(text)


def mask_label(fields: list[Unit], engine, policy, recs: list, label_no: int, report: bool,
               xtol: int = 15, ygap: float = 2.5, shapes: bool = False,
               code_text: frozenset | set = frozenset()) -> dict[int, str]:
    """Return {field index: new decoded text} for fields that change. ``shapes``: OCR lines (an
    image's reading), where a street is also found by its own shape (``verify_read.street_spans``).
    ``code_text``: fields that print the number of a barcode no decoder read (an image's reading:
    ``imaging.code_number_lines``); a bare number there is the code's, not a guessed phone."""
    # an 11+4 number that provably is a relay number (issued by the run's vault, or in a configured
    # relay range) is not personal data: the detectors call it a virtual phone (a print output re-read)
    relay = getattr(engine, "relay", None)
    lines = _lines(fields)
    blocks = _blocks(lines, xtol, ygap)
    linear_digits = ["".join(_DIGITS.findall(f.text)) for f in fields if f.kind == "linear"]
    linear_digits = [d for d in linear_digits if len(d) >= 8]
    # tracking numbers printed as text (a pattern or a label says so) protect their digits too
    for f in fields:
        if f.kind == "text":
            for x in _detect_cached(f.text, policy.region, relay):
                if x.type == T.TRACKING:
                    d = "".join(_DIGITS.findall(x.text))
                    if len(d) >= 8:
                        linear_digits.append(d)
    linear_digits += _grouped_tracking(lines)
    # numbers the label names as the parcel's (a decoded code's payload, a labelled order or
    # tracking number): a bare number that is one of them, misread by a character or two, is no phone
    refs = [re.sub(r"[\s\-]", "", f.text).upper() for f in fields if f.kind == "linear" and f.text]
    refs += _reference_numbers(fields, policy.region, relay)
    findings: dict[int, list[Finding]] = {}
    personal_strings: list[str] = []
    dispose = policy.preset == "dispose"
    business_fields: set[int] = set()  # lines of a registered business's block (its address is not personal)

    def add(f: Unit, fd: Finding):
        if fd.type in (T.LANDLINE, T.PHONE_INTL) and not _CJK.search(f.text):
            # a foreign number (+49 054 1815044, 07 214 036207) read as a Chinese landline has no
            # area code to keep; its country code is masked with it
            st = fd.start
            cc = re.search(r"(?:\+|00)\s*\d{1,3}[\s.\-]*$", f.text[:st])
            if cc and not re.match(r"(?:\+|00)\s*86", cc.group()):
                st = cc.start()
            if fd.type == T.LANDLINE or st != fd.start:
                fd = Finding(T.PHONE_INTL, st, fd.end, f.text[st:fd.end], fd.score, fd.detector, (), fd.role)
        if fd.type in (T.PHONE, T.PHONE_INTL, T.LANDLINE):
            d = "".join(_DIGITS.findall(fd.text))
            # a courier hotline, or the tracking number's digits, is not anyone's phone
            if HOTLINE.fullmatch(re.sub(r"[^\d\-]", "", fd.text).strip("-")) or HOTLINE.fullmatch(d) or \
                    _DATE_IN.search(fd.text) or (
                    len(d) >= 7 and any(d in t for t in linear_digits)):
                return
        findings.setdefault(f.index, []).append(fd)
        if fd.type in PERSONAL and fd.detector != "zpl.postcode" and (
                len(fd.text) >= 4 or (len(fd.text) >= 2 and not fd.text.isascii())):
            personal_strings.append(fd.text)
            if fd.type == T.NAME and fd.text.isascii():
                # a 2D payload may spell the name differently ("John Smith" vs 'John "JJ" Smith')
                personal_strings.extend(w for w in re.findall(r"[A-Za-z][A-Za-z'\-]{2,}", fd.text))

    # anchors: lines whose text starts with an anchor word
    anchors = [(ln, m) for ln in lines if (m := _anchor(ln.text))]
    block_role: dict[int, str] = {}
    anchored: dict[int, Line] = {}
    for ln, m in anchors:
        role = "sender" if SENDER_ANCHORS.fullmatch(re.sub(r"\s+", "", m.group("a").lower())[:12]) or \
            SENDER_ANCHORS.match(m.group("a")) else "recipient"
        own = next(b for b in blocks if ln in b)
        target = None
        if (len(own) > 1 and own[0] is ln) or m.group("rest"):
            target = own
        else:
            best = None
            for b in blocks:
                if b is own or any(x is a for a, _ in anchors for x in b[:1]):
                    continue
                fx, fy = b[0].x, b[0].y
                dx, dy = fx - ln.x, fy - ln.y
                # (a block may start a little left of its anchor: a fragment of the next column
                # glued before its first line, '1Lucia Fernández Ruiz' under 'Destinatario:')
                if -(20 + ln.h // 2) <= dx <= 450 and -80 <= dy <= 160:
                    d = dx * dx + 16 * dy * dy  # the same line to the right beats the line below
                    if best is None or d < best[0]:
                        best = (d, b)
            target = best[1] if best else None
        if target is not None:
            block_role[id(target)] = role
            anchored[id(target)] = ln
    for b in blocks:
        anchor_line = anchored.get(id(b))
        content = [l for l in b if l is not anchor_line or _anchor(l.text).group("rest")]
        if b[0] is not anchor_line and _anchor(b[0].text):
            content = [l for l in content if l is not b[0] or _anchor(l.text).group("rest")]
        has_region = any(_region_split(l.text) for l in content) or (
            any(_STREETISH.match(l.text) for l in content) and any(_POSTCODE_ONLY.match(l.text) for l in b))
        role = block_role.get(id(b))
        # a Chinese block: a line with a name, a phone or an address makes the whole block personal
        # (a wrapped address line carries no division name of its own)
        has_cn_person = len(content) >= 2 and any(
            x.type in (T.NAME, T.PHONE, T.ADDRESS, T.LANDLINE) and x.detector.startswith(("name_cn", "phone_cn", "address_cn"))
            for l in content for x in _detect_cached(l.text, policy.region, relay))
        # a Latin block by its shape: a name-like line with a phone or a street line, or a street
        # line with a phone or a postcode/town line ("Ingrid Tester / Storgatan 1 / 111 52 Stockholm")
        if not (role or has_region or has_cn_person) and len(content) >= 2:
            named = any(_nameish(l.text) for l in content)
            phoned = any(_is_phone_line(l.text) for l in content)
            # a street word and a number ("Permit 73900" is not a street)
            # (or a street word ending a compound word: 'Lindenweg 76', 'Prinsengracht 263' over a
            # country line; the postcode line between, glued to print beside the label, had gone
            # to another block: stress seed 133000, a de_dhl photo on printed matter)
            street = any(_streetish(l.text) and (_STREET.search(l.text) or _STREET_SUFFIX.search(l.text))
                         for l in content)
            has_latin_person = (named and (phoned or street)) or (street and phoned)
        else:
            has_latin_person = False
        if role is None and not ((has_region or has_cn_person or has_latin_person) and len(content) >= 2):
            continue
        seen_name = False
        prev_address = False
        after_region = False
        # a company's block ("Return To: / Aarav Retail Pvt Ltd, Warehouse 8 / Plot 2, Industrial
        # Area, Pune / GSTIN: ..."): its first line names a legal person (a limited company, not a
        # natural person) and its tax registration stands under it, so the block's lines are a
        # registered business's name and address, not a person's; a person named in it, phones
        # and what the detectors find are still masked (a shipper's block without a registration,
        # 'Merchant AB / 100 Test Suite 200', stays masked whole)
        first = next((l for l in content if (l.text if l is not anchor_line else _anchor(l.text).group("rest")).strip()), None)
        business = first is not None and _legal_person(
            first.text if first is not anchor_line else _anchor(first.text).group("rest")) and \
            _tax_line_below(b, lines, xtol)
        region_lines = [l for l in content if _region_split(l.text)]
        region_line = region_lines[-1] if region_lines else None
        town_line = _town_above(content, region_line)
        for l in content:
            text, off, f = l.text, l.off, l.f
            if l is anchor_line:
                m = _anchor(text)
                rest = m.group("rest")
                off += m.start("rest")
                text = rest
            if not text or LABEL_ONLY.match(text) or OTHER_LABEL.match(text) or (
                    ANCHOR_RE.match(text) and not ANCHOR_RE.match(text).group("rest")):
                continue
            if _non_personal(text):
                continue
            if business and not _is_phone_line(text):
                business_fields.add(f.index)
                for x in detect_text(text, role=role, region=policy.region, relay=relay):
                    if x.type is T.ADDRESS and not dispose:
                        continue  # the registered business's own street ("Storgatan 12" of "Nordic Parts AB")
                    if x.type in PERSONAL or (dispose and x.type == T.ADDRESS_REGION):
                        add(f, x.with_offset(off).with_role(role))
                if _nameish(text) and not _legal_person(text) and not _streetish(text):
                    add(f, Finding(T.NAME, off, off + len(text), text, 0.8, "zpl.block_name_shape",
                                   meta=(("latin", True),), role=role))
                continue
            if not seen_name and _CARRIER_LINE.search(text) and not re.search(r"\d{4}", text) \
                    and not _STREET.search(text):
                continue  # the carrier's header joined to the block ("Royal Mail Tracked 48", "PARCEL")
            if _JP_PC_LINE.fullmatch(text):
                k = content.index(l)
                if k + 1 < len(content) and _JP_PREFECTURE_START.match(content[k + 1].text):
                    # a Japanese postcode whose 〒 the OCR did not read ('150-0002' over '東京都渋谷区...'
                    # was passed over as a sort code, '600-8216' masked whole as a phone): its head
                    # kept by share as the region, the rest masked
                    for x in _jp_postcode(text, role):
                        add(f, x.with_offset(off))
                    continue
            if has_cn_person and not seen_name and (_cn_carrier_line(text) or _sort_line(text)):
                continue  # a Chinese label's logo line or sort code joined to the block above its name
            compact = _compact_address(text)
            if compact:  # "Susan Smith · Storgatan 116 · 411 03 Göteborg" on one line
                for x in compact:
                    add(f, x.with_offset(off).with_role(role))
                seen_name = True
                continue
            digits = "".join(_DIGITS.findall(text))
            if len(digits) >= 8 and any(digits in d for d in linear_digits):
                continue  # tracking text
            if _NUMBERED_SUFFIX.search(text) and EU_REGION.match(text):
                # a postcode/town line with a street joined on (two columns read as one line):
                # the whole line is the block's address
                add(f, Finding(T.ADDRESS, off, off + len(text), text, 0.8, "zpl.block_address", role=role))
                continue
            # (and a district's line above a province's: 'Kec. Sukasari, Bandung' over 'Jawa Barat 40162')
            rs = _region_split(text) if l is region_line or (
                l in region_lines and (_VN_REGION.match(text) or _ID_REGION.match(text))) else None
            if rs:
                a, z = rs
                if z > a:
                    add(f, Finding(T.ADDRESS, off + a, off + z, text[a:z], 0.85, "zpl.postcode", role=role))
                # the town and the kept postcode start: kept in share, gone in dispose
                for ra, rz in ((0, a), (z, len(text))):
                    if text[ra:rz].strip():
                        lead = len(text[ra:rz]) - len(text[ra:rz].lstrip())
                        seg = text[ra:rz].strip()
                        add(f, Finding(T.ADDRESS_REGION, off + ra + lead, off + ra + lead + len(seg), seg, 0.85,
                                       "zpl.region", role=role))
                after_region = True
                continue
            if COUNTRY_RE.match(text):
                continue
            if after_region and text.replace(" ", "").isalpha() and len(text) <= 20:
                # a country or region line under the town, unless it is a person's name beside the
                # block's phone ('10115 Berlin / Tel +49 170 1234567 / John Smith': the contact's
                # name stood; found by hand)
                k = content.index(l)
                near = [x.text for x in content[max(0, k - 1):k] + content[k + 1:k + 2]]
                if _nameish(text) and not _legal_person(text) and any(_is_phone_line(t) for t in near):
                    add(f, Finding(T.NAME, off, off + len(text), text, 0.7, "zpl.block_name_shape",
                                   meta=(("latin", True),), role=role))
                    seen_name = True
                continue
            masked_already = "*" in text or "＊" in text
            if masked_already:
                # a re-read output, or a line masked in part: a name left beside the masked part
                # ("殳娜琪 *******7710") is still a name
                for a, z in _cjk_names_beside_stars(text):
                    add(f, Finding(T.NAME, off + a, off + z, text[a:z], 0.75, "zpl.name_beside_masked",
                                   meta=(("surname_len", 1),), role=role))
                    seen_name = True
            if _is_phone_line(text):
                seen = detect_text(text, hint=T.PHONE, role=role, region=policy.region, relay=relay)
                got = [x for x in seen if x.type in PERSONAL]
                relayed = [x for x in seen if x.type is T.VIRTUAL_PHONE]
                if got or relayed:
                    for x in got:
                        add(f, x.with_offset(off).with_role(role))
                    if any(x.type == T.NAME for x in got):
                        seen_name = True
                    else:
                        # "七欣文 158-9245-6084": the words beside the phone are the name, whether or
                        # not their first character is a known surname (OCR may misread it); a
                        # block may hold two people when no rule line parts them, so this is
                        # looked for on every name + phone line
                        rest = _name_beside(text, got + relayed, dash=shapes)
                        if rest:
                            a, z = rest
                            cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text[a:z])
                            meta = (("surname_len", 1),) if cjk else (("latin", True),)
                            add(f, Finding(T.NAME, off + a, off + z, text[a:z], 0.7, "zpl.block_name",
                                           meta=meta, role=role))
                            seen_name = True
                elif not masked_already:
                    add(f, Finding(T.PHONE, off, off + len(text), text, 0.6, "zpl.phone_line", role=role))
                continue
            structured = detect_text(text, role=role, region=policy.region, relay=relay)
            inner = [x for x in structured if x.type in PERSONAL or (dispose and x.type == T.ADDRESS_REGION)]
            for x in inner:
                add(f, x.with_offset(off).with_role(role))
            if any(x.type == T.NAME for x in structured):
                seen_name = True
            was_address = prev_address
            prev_address = any(x.type in (T.ADDRESS, T.ADDRESS_REGION) for x in structured)
            if was_address and _CJK.search(text) and not masked_already and not re.search(r"[:：]", text) \
                    and not any(x.type == T.ADDRESS_REGION for x in structured) \
                    and not _jp_name_here(text, structured):
                # the wrapped rest of a Chinese address ("公寓5栋1908室"): the whole line, even where
                # a detector found only its room number; a number with its unit word ("8号", "5栋")
                # is an address detail by its own shape, also on a re-read (verify counts it)
                det = "zpl.address_tail" if _CN_DETAIL.search(text) else "zpl.block_address"
                add(f, Finding(T.ADDRESS, off, off + len(text), text, 0.8, det, role=role))
                prev_address = True
                continue
            covered = None if _CJK.search(text) else _uncovered(text, structured)
            if structured and not covered and not masked_already:
                # a door or flat part left after a street the detectors found ('Dorpsstraat 128' of
                # 'Dorpsstraat 128-hs', '12' + ' B'): too short for the rest-of-line rule, still the address
                ends = [x.end for x in inner if x.type == T.ADDRESS]
                door = _DOOR_TAIL.fullmatch(text[max(ends):]) if ends else None
                if door and door.group(1):
                    a = max(ends) + door.start(1)
                    add(f, Finding(T.ADDRESS, off + a, off + a + len(door.group(1)), door.group(1), 0.75,
                                   "zpl.block_address", role=role))
            if (structured and not covered) or masked_already:
                # a line the detectors understood, or one that is already masked (a re-read output)
                continue
            if structured and covered:
                # the detectors took part of the line ("Flat 12, 4th Cross": a unit): the rest of a
                # line in a personal block is personal too
                a, z = covered
                if not seen_name and not was_address and not any(x.type == T.ADDRESS for x in structured):
                    seen_name = True
                    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text[a:z])
                    meta = (("surname_len", 1),) if cjk else (("latin", True),)
                    add(f, Finding(T.NAME, off + a, off + z, text[a:z], 0.7, "zpl.block_name", meta=meta, role=role))
                else:
                    add(f, Finding(T.ADDRESS, off + a, off + z, text[a:z], 0.75, "zpl.block_address", role=role))
                    prev_address = True
                continue
            if l is town_line and was_address and seen_name:
                # the post town on its own line above a postcode alone ('Chipping Campden' over
                # 'GL55 6HU' was masked as the street's wrapped rest; share keeps the town)
                if dispose:
                    add(f, Finding(T.ADDRESS_REGION, off, off + len(text), text, 0.8, "zpl.region", role=role))
                prev_address = True
                continue
            if was_address and not re.search(r"[:：]", text) and not _jp_name_here(text, structured):
                # the wrapped rest of the address on the line above
                add(f, Finding(T.ADDRESS, off, off + len(text), text, 0.8, "zpl.block_address", role=role))
                prev_address = True
                continue
            jp = _jp_name_line(text)
            if jp is not None:
                # a Japanese name on its own line, a listed family name first ('高橋　直人' under the
                # town line was masked whole as the block's address): the family name kept by share
                a, z, sl = jp
                seen_name = True
                add(f, Finding(T.NAME, off + a, off + z, text[a:z], 0.8, "zpl.block_name_shape",
                               meta=(("surname_len", sl),), role=role))
                continue
            lead = re.match(r"\s*([\u4e00-\u9fff]{2,4})(?=\s|[*＊\d\-(+]|$)", text)
            if not seen_name and lead and _cjk_name(lead.group(1)):
                # "殳娜琪 7710": a name, then what is left of a masked phone
                seen_name = True
                a, z = lead.span(1)
                add(f, Finding(T.NAME, off + a, off + z, text[a:z], 0.8, "zpl.block_name_shape",
                               meta=(("surname_len", 1),), role=role))
                if text[z:].strip():
                    z2 = len(text.rstrip())
                    a2 = z + len(text[z:]) - len(text[z:].lstrip())
                    add(f, Finding(T.ADDRESS, off + a2, off + z2, text[a2:z2], 0.6, "zpl.block_address", role=role))
                continue
            if not seen_name:
                seen_name = True
                cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
                meta = (("surname_len", 1),) if cjk else (("latin", True),)
                # a line shaped like a name ("JAMES O'BRIEN", "殳娜琪") is reported as one on a re-read;
                # any other first line of a personal block is masked as a guess
                det = "zpl.block_name_shape" if (_nameish(text) or _cjk_name(text)) else "zpl.block_name"
                if report and _INITIAL_WORD.match(text):
                    # an initial and one word on a re-read ('L Russo' where a fill stands between):
                    # what share keeps of a Latin name, read as a line of its own, is no proof of more
                    det = "zpl.block_name"
                add(f, Finding(T.NAME, off, off + len(text), text, 0.8, det, meta=meta, role=role))
            else:
                add(f, Finding(T.ADDRESS, off, off + len(text), text, 0.8, "zpl.block_address", role=role))
                prev_address = True
    # everything else: the shared detectors per field, plus bare phone-like digit fields
    jp_label = None
    for f in fields:
        if f.kind != "text" or not f.text.strip():
            continue
        have = findings.get(f.index, [])
        if not have and (_JP_PC_LINE.fullmatch(f.text) or _JP_HONORED_LINE.fullmatch(f.text)):
            if jp_label is None:
                jp_label = any(u.kind == "text" and _JP_PREFECTURE_START.match(u.text) for u in fields)
            honored = _jp_honored_line(f.text) if jp_label else None
            if honored is not None:
                # a name and its honorific alone on a line of a Japanese label, its family name not
                # a listed one and its 様 read as 樣 ('白石直人樣' under a misread ご依頼主 stood)
                a, z, sl = honored
                add(f, Finding(T.NAME, a, z, f.text[a:z], 0.75, "zpl.jp_honored", meta=(("surname_len", sl),)))
                continue
            if jp_label:
                # a Japanese postcode outside a block the layout placed (its anchor misread:
                # 'お届けけ先'), its 〒 read as a letter ('T 812-0011' stood): as in a block
                for x in _jp_postcode(f.text):
                    add(f, x)
                continue
        s = f.text.strip()
        digits = "".join(_DIGITS.findall(s))
        reference = bool(re.fullmatch(r"[\d \-]+", s)) and _labelled_reference(f, lines)
        for x in detect_text(f.text, region=policy.region, relay=relay):
            if (x.type in PERSONAL or (dispose and x.type == T.ADDRESS_REGION)) and not any(
                    x.overlaps(h) for h in have) and not (reference and x.type == T.PHONE_INTL) and not (
                    _non_personal(f.text) and x.type in (T.PHONE, T.PHONE_INTL, T.LANDLINE)) and not (
                    _caption(f.text) and x.type in (T.NAME, T.ADDRESS)) and not (
                    x.type is T.ADDRESS and not dispose and f.index in business_fields):
                add(f, x)
        for x in _tax_ids(f.text, dispose) + _compact_address(f.text) + _labelled_phones(f.text, shapes):
            if dispose and x.detector == "zpl.gstin_pan":
                # dispose takes the whole GSTIN, not only the PAN the text detector found in it
                findings[f.index] = [h for h in findings.get(f.index, [])
                                     if not (h.detector == "gstin.pan" and x.start <= h.start and h.end <= x.end)]
            if x.detector == "zpl.compact_address" and any(x.overlaps(h) for h in findings.get(f.index, [])):
                # a street part found whole here and in part by a text detector ('18 avenue Victor'
                # of '18 avenue Victor Hugo'): the whole part goes, not only what overlaps
                findings[f.index] = [h for h in findings.get(f.index, [])
                                     if not (x.start <= h.start and h.end <= x.end)]
            if not any(x.overlaps(h) for h in findings.get(f.index, [])):
                add(f, x)
        if shapes and not (f.index in business_fields and not dispose):
            # a street by its own shape on an OCR line, whatever block it stands in or none ('VALENCIA
            # C/ Real 192, 8º A': two columns read as one line on a photo, a Spanish C/ street that
            # the street detector takes only beside its postcode): the street word, its name and
            # house number, and a short rest after it (door, floor: '128-hs', ', 8º A')
            for a, z in street_spans(f.text):
                rest = f.text[z:]
                if len(rest.strip()) <= 8 and not re.search(r"\d{4}|[A-Za-zÀ-ÿ]{4}", rest):
                    z = len(f.text.rstrip())
                x = Finding(T.ADDRESS, a, z, f.text[a:z], 0.6, "image.street_shape")
                over = [h for h in findings.get(f.index, []) if x.overlaps(h)]
                # (a unit inside it found alone, '8º A' of 'Ronda Real 192, 8º A', goes with the street)
                if over and all(h.type is T.ADDRESS and dict(h.meta).get("unit") and x.start <= h.start and h.end <= x.end
                                for h in over):
                    findings[f.index] = [h for h in findings[f.index] if not any(h is o for o in over)]
                    over = []
                if not over:
                    add(f, x)
        if (not findings.get(f.index) and bare_number(s) and f.index not in code_text
                and not any(digits in d for d in linear_digits) and not _labelled_reference(f, lines)
                and not any(near_number(re.sub(r"[\s\-()+]", "", s), r) for r in refs)):
            i0 = f.text.index(s)
            add(f, Finding(T.PHONE, i0, i0 + len(s), s, 0.5, "zpl.digits"))
        if len(digits) >= 8 and any(digits in d for d in linear_digits) and not findings.get(f.index):
            i0 = f.text.index(s)
            findings.setdefault(f.index, []).append(Finding(T.TRACKING, i0, i0 + len(s), s, 0.9, "zpl.tracking_text"))
    _name_rest(lines, findings, add)
    # the same value anywhere else on the label (the stub, the second copy) is masked there too
    _propagate(fields, findings, add)
    if shapes:
        # a street line that ends in a unit's word, and the unit's number read as a field of its own
        # ('Via Roma 106, int.' / '16' on a tilted photo: the number came after the town line in the
        # reading order and stood; label_holdout stress 139000, label 012): a bare short number on
        # the label is the unit's number while such a line is there
        if any(f.kind == "text" and findings.get(f.index) and _UNIT_WORD_END.search(f.text) for f in fields):
            for f in fields:
                m = _BARE_UNIT_NUMBER.fullmatch(f.text) if f.kind == "text" and not findings.get(f.index) else None
                if m is not None:
                    add(f, Finding(T.ADDRESS, m.start(1), m.end(1), m.group(1), 0.5, "image.unit_number",
                                   meta=(("unit", True),)))
    if shapes and not report:
        # on an OCR line, a street found up to its house number can leave a short rest to the
        # line's end that the engine read too poorly for the unit pattern (', 9º B' read with a
        # wrong floor sign): the floor and door go with the street, as the shape rule's do (not a word
        # of four letters: ', Россия' after a Russian postcode)
        for f in fields:
            fs = findings.get(f.index)
            if f.kind != "text" or not fs:
                continue
            end = len(f.text.rstrip())
            for x in list(fs):
                rest = f.text[x.end:end]
                if (x.type is T.ADDRESS and rest.strip() and len(rest.strip()) <= 8
                        and not re.search(r"\d{4}|[A-Za-zÀ-ÿ\u0370-\u03ff\u0400-\u04ff]{4}", rest)
                        and not any(h.end > x.end for h in fs)):
                    a = x.end + len(rest) - len(rest.lstrip(" ,;"))
                    fs.append(Finding(T.ADDRESS, a, end, f.text[a:end], 0.6, "image.street_rest", role=x.role))
    _same_line_rest(lines, findings, add)
    if dispose:
        # dispose leaves nothing to trace the parcel by: every number (tracking, order number, sort
        # code, postcode, date) goes with the personal data
        for f in fields:
            if f.kind != "text":
                continue
            have = findings.get(f.index, [])
            for m in _NUMBERISH.finditer(f.text):
                x = Finding(T.TRACKING, m.start(), m.end(), m.group(), 0.9, "zpl.dispose_number")
                if not any(x.overlaps(h) for h in have):
                    findings.setdefault(f.index, []).append(x)
        # a barcode's value printed as text, whatever its characters (an order code of letters only,
        # 'GHNNPYNACFBN' under its barcode and after 'Mã vận đơn', stood in dispose: no number to
        # see; label_gen vn_ghn)
        printed = sorted({f.text.strip() for f in fields if f.kind == "linear" and len(f.text.strip()) >= 6}, key=len,
                         reverse=True)
        for f in fields if printed else ():
            if f.kind != "text":
                continue
            have = findings.get(f.index, [])
            for p in printed:
                for m in re.finditer(re.escape(p), f.text):
                    x = Finding(T.TRACKING, m.start(), m.end(), m.group(), 0.9, "zpl.dispose_code_text")
                    if not any(x.overlaps(h) for h in have):
                        findings.setdefault(f.index, []).append(x)
                        have = findings[f.index]
    changes: dict[int, str] = {}
    linear_payloads = {_compact(f.text) for f in fields if f.kind == "linear" and len(_compact(f.text)) >= 8}
    for f in fields:
        where = {"label": label_no, "field": f.index, "x": f.x, "y": f.y}
        if f.kind == "text":
            fs = findings.get(f.index)
            if not fs:
                continue
            fs = _dedupe(fs)
            new, actions = engine.masker.mask(f.text, fs)
            recs.extend(action_records(engine.keys, actions, where, report))
            edits = []
            for a in actions:
                if a.replacement != a.finding.text:
                    st_ = a.finding.start
                    edits += [(st_ + x, st_ + y, r) for x, y, r in _char_edits(a.finding.text, a.replacement)]
            if edits:
                changes[f.index] = edits
        elif f.kind == "linear":
            if dispose and f.text:
                changes[f.index] = [(0, len(f.text), "")]
                recs.append(audit_record(EntityType.TRACKING, None, where, "zpl.barcode", 1.0, "redact",
                                         engine.keys.value_mac(f.text)))
        else:  # 2D code: mask the personal parts of the payload
            payload = f.text
            new = payload
            hit = False
            # personal characters the payload still holds (on a re-read, a value masked in the
            # printed text and in the payload too comes back with stars: it holds nothing more)
            real = 0
            for sstr in sorted(set(personal_strings), key=len, reverse=True):
                if len(sstr) >= 2:
                    pat = re.compile(re.escape(sstr), re.I)
                    if pat.search(new):
                        hit = True
                        if "*" not in sstr and "＊" not in sstr:
                            real += len(sstr)
                        new = pat.sub(lambda m: "*" * len(m.group()), new)
            parts = re.split(r"([\x1c-\x1e\x04])", new)
            out_parts = []
            for p in parts:
                if len(p) > 1 and not hit and _compact(_ZPL_QR_MODE.sub("", p)) in linear_payloads:
                    # the number a linear barcode of the label holds too: the tracking number,
                    # which reads like a glued mobile sometimes ('3S813191047811' holds 131...)
                    out_parts.append(p)
                    continue
                if len(p) > 1:
                    got = [x for x in detect_text(p, region=policy.region, relay=relay)
                           if x.type in (T.PHONE, T.EMAIL, T.ID_CARD, T.LANDLINE) or
                           (x.type == T.PHONE_INTL and x.detector == "phone_intl.shape")]
                    if got:
                        hit = True
                        real += sum(x.end - x.start for x in got)
                        for x in sorted(got, key=lambda x: -x.start):
                            p = p[:x.start] + "*" * (x.end - x.start) + p[x.end:]
                out_parts.append(p)
            new = "".join(out_parts)
            if dispose and payload.strip():
                new, hit = "", True
            if hit:
                changes[f.index] = _char_edits(payload, new)
                rec2 = audit_record(EntityType.CODE_2D, None, where, "zpl." + (f.barcode or "2d"), 0.9,
                                    "redact" if dispose else "payload_masked", engine.keys.value_mac(payload))
                recs.append(rec2.but(shape={"digits": 0, "maxword": 0, "chars": real}) if report else rec2)
    return changes


_PHONE_LABEL = lazy(r"tel|phone|mobile|fax|telefon|電話|电话|手机", re.I)
# what may go on a phone's line after it, in a field of its own: its last digits
_PHONE_REST = lazy(r"[\d\s\-–.)]{1,8}")


def _line_end(l: Line) -> float:
    """Where a line's text ends along its reading direction (print units), from its characters: a
    Han, kana or Hangul character about a line height wide, any other about 0.6 of one."""
    return l.cs[0] + sum(1.0 if ord(ch) > 0x2e80 else 0.6 for ch in l.text) * l.h


def _same_line_rest(lines: list[Line], findings: dict, add) -> None:
    """A name, street or phone whose value goes on in another field on the same line: 'John' and
    'Smith' as two ZPL fields side by side, 'John' masked as its block's line and 'Smith' kept
    (found by hand; a label program drawing the given name and the surname apart). A line that
    starts within two line heights after a masked name's or address's end, on the same baseline,
    is masked with it (and the digits after a phone), unless it is a label or print."""
    masked: list[tuple[Line, Finding]] = []
    for l in lines:
        end = l.off + len(l.text)
        for x in findings.get(l.f.index, ()):
            if x.type in (T.NAME, T.ADDRESS, T.PHONE, T.PHONE_INTL, T.LANDLINE) and l.off <= x.start < end \
                    and x.end >= end - 1:
                masked.append((l, x))
                break
    if not masked:
        return
    done = {id(l) for l, _ in masked}
    todo = list(masked)
    while todo:
        l, x = todo.pop()
        c, s = l.cs
        e = _line_end(l)
        for r in lines:
            if id(r) in done or r.orient != l.orient or r.f is l.f:
                continue
            rc, rs = r.cs
            if abs(rs - s) > 0.3 * max(l.h, 8) or abs(r.h - l.h) > 0.35 * max(l.h, 8) \
                    or not c + 0.25 * len(l.text) * l.h <= rc <= e + 2.0 * l.h:
                continue
            text = r.text
            if any(h.start < r.off + len(text) and r.off < h.end for h in findings.get(r.f.index, ())):
                continue
            if x.type in (T.PHONE, T.PHONE_INTL, T.LANDLINE):
                if not (_PHONE_REST.fullmatch(text) and any(ch.isdigit() for ch in text)):
                    continue
            elif LABEL_ONLY.match(text) or OTHER_LABEL.match(text) or _anchor(text) or _non_personal(text) \
                    or _NOT_NAME_REST.match(text) or x.type is T.NAME and _NOT_NAME_WORDS.search(text) \
                    or _is_phone_line(text) or _CARRIER_LINE.search(text) or not any(ch.isalpha() for ch in text) \
                    or _WEIGHT_IN.search(text) or len(_DIGITS.findall(text)) >= 8:
                continue
            if x.type is T.ADDRESS and (_region_split(l.text) or "postcode" in x.detector):
                continue  # a postcode's line: the town beside it is its region, kept by share
            fd = Finding(x.type, r.off, r.off + len(text), text, 0.7, "layout.same_line", role=x.role)
            add(r.f, fd)
            if any(h is fd for h in findings.get(r.f.index, ())):
                done.add(id(r))
                todo.append((r, fd))


def _labelled_reference(f: Unit, lines: list[Line]) -> bool:
    """A digit field with a label such as 'Shipment No:' or 'PO#:' on its own line before it."""
    me = next((l for l in lines if l.f is f), None)
    if me is None:
        return False
    c, s = me.cs
    for l in lines:
        if l.f is f or l.orient != me.orient or not LABEL_ONLY.match(l.text) or _anchor(l.text):
            continue
        lc, ls = l.cs
        if abs(ls - s) <= 15 and lc < c and not _PHONE_LABEL.search(l.text):
            return True
    return False


# a ZPL ^BQ field's error-correction and input-mode prefix ('QA,'), not the code's payload
_ZPL_QR_MODE = lazy(r"^[HQML][AM],")


def _compact(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def _char_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    if len(old) != len(new):
        return [(0, len(old), new)]
    edits = []
    i = 0
    while i < len(old):
        if old[i] != new[i]:
            j = i
            while j < len(old) and old[j] != new[j]:
                j += 1
            edits.append((i, j, new[i:j]))
            i = j
        else:
            i += 1
    return edits


# the labels a phone is printed after (as ``_LABELLED_PHONE`` reads them): "Ph:+91 72..." is not a
# name beside a phone (its 'h' was masked as a name's given part)
_PHONE_WORDS = lazy(r"^(?:tel|phone|mobile|mob|cell|fax|ph|tlf|telefon|téléphone|tél|puh|gsm|fon|"
                          r"电话|手机|联系电话|座机)[.:：]?$", re.I)


_DASHES = frozenset("-‐‑‒–—―－一")


_JP_POSTCODE = lazy(r"\s*〒\s?\d{3}\s?[-‐−ー]?\s?\d{4}\s*")


def _phone_word(s: str) -> bool:
    """A phone's label and nothing else ('Tel.', '电话', and any of ``phone_labels``: '電話番号',
    '전화번호', '連絡先'; '電話番号 03-1234-5678' on a Japanese label masked 電話番号 as the name)."""
    if _PHONE_WORDS.match(s):
        return True
    m = NAT_LABEL.match(s)
    return m is not None and NAT_GAP.fullmatch(s, m.end()) is not None


def _name_beside(text: str, found: list[Finding], dash: bool = False) -> tuple[int, int] | None:
    """The longest run of letters outside ``found`` spans, if it is not a phone label. ``dash``
    (OCR lines): a dash glued to the end of a Chinese name is taken with it."""
    taken = [False] * len(text)
    for x in found:
        for i in range(max(0, x.start), min(len(text), x.end)):
            taken[i] = True
    best = None
    for m in re.finditer(r"[A-Za-z\u00c0-\u024f\u3400-\u9fff][A-Za-z\u00c0-\u024f\u3400-\u9fff .'·-]*", text):
        a, z = m.start(), m.end()
        while z > a and text[z - 1] in " .-":
            z -= 1
        if any(taken[a:z]) or _phone_word(text[a:z].strip()) or z - a < 2:
            continue
        if dash and z < len(text) and text[z] in _DASHES and "\u3400" <= text[z - 1] <= "\u9fff" and not taken[z]:
            # a dash glued to a Chinese name is its last character read as a dash (一 and a hyphen
            # are one stroke to the OCR: '茹明- 180 3218 8038' for 茹明一): masked with the name
            z += 1
        if ANCHOR_RE.match(text[a:z]) and not ANCHOR_RE.match(text[a:z]).group("rest"):
            continue
        if best is None or z - a > best[1] - best[0]:
            best = (a, z)
    return best


_DETECT_CACHE: dict = {}


def _detect_cached(text: str, region: str, relay=None):
    key = (text, region, relay)
    got = _DETECT_CACHE.get(key)
    if got is None:
        if len(_DETECT_CACHE) > 4096:
            _DETECT_CACHE.clear()
        got = _DETECT_CACHE[key] = detect_text(text, region=region, relay=relay)
    return got


def _dedupe(fs: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    for x in sorted(fs, key=lambda x: (x.start, -(x.end - x.start))):
        if out and x.start < out[-1].end:
            continue
        out.append(x)
    return out
