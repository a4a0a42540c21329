"""Shipping-label generator for the held-out evaluation (``benchmarks/label_holdout.py``).

Many templates (Chinese e-waybills of several layouts, US, Indian, German, UK, Nordic, French,
Polish, Swiss, Turkish, Japanese), several fonts and sizes, every character of every printed value with its
box, so a scorer can tell exactly which glyphs survived masking. ``photo`` turns a label into a
phone photo with a known homography (any rotation 0-359, perspective, blur, low light, glare,
shadow, JPEG 40-95), so the same boxes can be followed onto the photo.

Templates, fonts and name pools are split into a TUNED part (looked at while developing) and a
HELD-OUT part (only ever scored): see ``TUNED_TEMPLATES``/``HELDOUT_TEMPLATES`` and ``fonts_for``
(``LATER_HELDOUT_TEMPLATES``: held out too, added after figures were recorded for the others;
``SEA_TEMPLATES``: Vietnamese and Indonesian labels written after the rules they check, not held out).
Every person, number and address is invented.
"""
from __future__ import annotations

import io
import math
import os
import random
import re
from dataclasses import dataclass, field

import numpy as np

from waybill.generators.records import Gen

# --------------------------------------------------------------------------- fonts

LATIN_TUNED = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]
LATIN_HELDOUT = ["/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"]
CJK_TUNED = [("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0)]
CJK_HELDOUT = [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
               ("/usr/share/fonts/truetype/arphic/uming.ttc", 1),
               ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 1)]


def _exists(p) -> bool:
    return os.path.exists(p[0] if isinstance(p, tuple) else p)


def fonts_for(part: str) -> tuple[list, list]:
    """(latin fonts, cjk fonts) of a part; held-out fonts that are not installed fall back to
    whatever held-out font is (reported by the benchmark)."""
    lat = [f for f in (LATIN_TUNED if part == "tuned" else LATIN_HELDOUT) if _exists(f)]
    cjk = [f for f in (CJK_TUNED if part == "tuned" else CJK_HELDOUT) if _exists(f)]
    return lat or [f for f in LATIN_TUNED if _exists(f)], cjk or [f for f in CJK_TUNED if _exists(f)]


# --------------------------------------------------------------------------- people

FIRST_TUNED = ["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Thomas", "Laura"]
LAST_TUNED = ["Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Moore"]
FIRST_HELDOUT = ["Siobhan", "Kwame", "Ingrid", "Mateusz", "Aylin", "Benedikt", "Priyanka", "Henrik",
                 "Colette", "Yusuf", "Astrid", "Declan"]
LAST_HELDOUT = ["O'Brien", "McAllister", "Nakamura-Scott", "Kowalczyk", "Yilmaz", "Lindqvist",
                "Fitzgerald", "Van der Berg", "Okonkwo", "Delacroix", "Rasmussen"]
IN_FIRST = ["Rahul", "Priya", "Amit", "Sneha", "Vikram", "Anjali", "Karthik", "Deepa", "Arjun", "Meera"]
IN_LAST = ["Sharma", "Nair", "Reddy", "Iyer", "Gupta", "Patel", "Menon", "Singh", "Rao", "Joshi"]
PINYIN = ["Zhang Wei", "Wang Fang", "Li Na", "Liu Yang", "Chen Jie", "Yang Min", "Zhao Lei", "Huang Ting",
          "Zhou Xiaoming", "Wu Haoran"]

US_CITIES = [("Springfield", "IL", "62704"), ("Austin", "TX", "78701"), ("Portland", "OR", "97205"),
             ("Denver", "CO", "80202"), ("Madison", "WI", "53703"), ("Raleigh", "NC", "27601"),
             ("Boise", "ID", "83702"), ("Tulsa", "OK", "74103"), ("Omaha", "NE", "68102")]
US_STREETS = ["Maple Dr", "Cedar Ln", "Elm St", "Lake Rd", "Sunset Blvd", "Birch Way", "Harbor View Ct",
              "Old Mill Rd", "Willow Creek Pkwy"]
DE = (["Hauptstraße", "Lindenweg", "Bahnhofstraße", "Am Markt", "Gartenstraße", "Schillerplatz"],
      [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("01067", "Dresden"), ("20095", "Hamburg")])
UK = (["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"],
      [("Leeds", "LS1 4AP"), ("Bristol", "BS1 5TR"), ("London", "SW1A 2AA"), ("York", "YO1 7HH")])
SE = (["Storgatan", "Kungsgatan", "Drottninggatan", "Skolvägen", "Björkvägen"],
      [("111 52", "Stockholm"), ("411 03", "Göteborg"), ("211 20", "Malmö"), ("753 20", "Uppsala")])
DK = (["Vestergade", "Nørregade", "Strandvejen", "Algade"],
      [("1050", "København K"), ("8000", "Aarhus C"), ("5000", "Odense C")])
FR = (["rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Michel", "rue des Lilas", "chemin du Moulin"],
      [("75002", "PARIS"), ("69003", "LYON"), ("13001", "MARSEILLE"), ("31000", "TOULOUSE")])
PL = (["ul. Marszałkowska", "ul. Długa", "ul. Piękna", "al. Jerozolimskie", "ul. Kwiatowa"],
      [("00-001", "Warszawa"), ("30-001", "Kraków"), ("80-001", "Gdańsk"), ("50-001", "Wrocław")])
CH = (["Bahnhofstrasse", "Seestrasse", "Rue du Rhône", "Via Nassa"],
      [("8001", "Zürich"), ("1204", "Genève"), ("6900", "Lugano"), ("3011", "Bern")])
TR = (["Atatürk Cad.", "Cumhuriyet Mah. Gül Sok.", "İstiklal Cad.", "Bağdat Cad."],
      [("34430", "Beyoğlu/İSTANBUL"), ("06420", "Çankaya/ANKARA"), ("35210", "Konak/İZMİR")])
IN_CITIES = [("Bengaluru", "Karnataka", "560034", "29"), ("Mumbai", "Maharashtra", "400053", "27"),
             ("Chennai", "Tamil Nadu", "600042", "33"), ("New Delhi", "Delhi", "110017", "07"),
             ("Hyderabad", "Telangana", "500081", "36")]


@dataclass
class Item:
    """One printed value. ``kind``: a personal kind (name, phone, address, id_card, email) or
    tracking / region / sort / other (non-personal print). ``req``: indices of the characters that
    ``share`` must remove (personal kinds; empty for the rest)."""

    kind: str
    text: str
    boxes: list  # per character (x0, y0, x1, y1) on the clean label
    req: list
    role: str = ""
    copy: int = 0


@dataclass
class Label:
    template: str
    family: str
    img: object  # PIL L image of the clean label
    items: list = field(default_factory=list)
    tracking: str = ""
    codes: list = field(default_factory=list)  # (format, payload, personal?, box)
    font: str = ""
    zpl: str = ""  # the same label as a ZPL II stream (^CI28, one ^FD per printed line)
    zfields: list = field(default_factory=list)  # per ^FD in order: (text, [(offset, item index)]) or (payload, None)

    def personal(self):
        return [i for i in self.items if i.kind in PERSONAL_KINDS]


PERSONAL_KINDS = {"name", "phone", "address", "id_card", "email"}


def _gstin_check(body: str) -> str:
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    total = 0
    for i, c in enumerate(body):
        v = chars.index(c) * (2 if i % 2 else 1)
        total += v // 36 + v % 36
    return chars[(36 - total % 36) % 36]


class Canvas:
    def __init__(self, w: int, h: int, latin: str, cjk, rnd: random.Random):
        from PIL import Image, ImageDraw
        self.img = Image.new("L", (w, h), 255)
        self.d = ImageDraw.Draw(self.img)
        self.latin, self.cjk, self.r = latin, cjk, rnd
        self.items: list[Item] = []
        self.codes: list = []
        self._fonts: dict = {}
        # the same label as a print stream: (x, y, size, text, [(offset in text, item index)])
        self.zlines: list = []

    def font(self, size: int, cjk: bool):
        from PIL import ImageFont
        key = (size, cjk, self.latin)
        if key not in self._fonts:
            if cjk:
                path, idx = self.cjk
                self._fonts[key] = ImageFont.truetype(path, size, index=idx)
            else:
                self._fonts[key] = ImageFont.truetype(self.latin, size)
        return self._fonts[key]

    def line(self, x: int, y: int, size: int, segs, cjk: bool | None = None, copy: int = 0) -> int:
        """Draw the segments [(text, kind, req, role)] as one printed line; returns the right edge."""
        text = "".join(s[0] for s in segs)
        if cjk is None:
            cjk = any(ord(c) > 0x2E80 for c in text)
        f = self.font(size, cjk)
        self.d.text((x, y), text, font=f, fill=0)
        top, bottom = f.getbbox("Hg国")[1], f.getbbox("Hg国")[3]
        zl = (x, y, size, text, [])
        self.zlines.append(zl)
        self._items(zl, segs, lambda k: (x + f.getlength(text[:k]), y + top, x + f.getlength(text[:k + 1]), y + bottom),
                    copy)
        return int(x + f.getlength(text))

    def _items(self, zl, segs, box_at, copy: int) -> None:
        """The printed values of a line's segments [(text, kind, req, role)] as items, each
        character's box ``box_at(offset in the line)``."""
        pos = 0
        for seg in segs:
            s, kind = seg[0], seg[1]
            req = seg[2] if len(seg) > 2 else None
            role = seg[3] if len(seg) > 3 else ""
            if kind:
                boxes = [box_at(pos + i) for i in range(len(s))]
                if req is None:
                    req = []
                elif req == "all":
                    # separators carry nothing (MEASURING.md: separators are removed before comparing)
                    req = [i for i, c in enumerate(s) if c.isalnum()]
                zl[4].append((pos, len(self.items)))
                self.items.append(Item(kind, s, boxes, list(req), role, copy))
            pos += len(s)

    def rline(self, right: int, y: int, size: int, segs, copy: int = 0) -> int:
        """Draw the segments [(text, kind, req, role)] as one printed line of a right-to-left script
        (Arabic, Hebrew), its right edge at ``right``; returns the left edge. The words are laid out
        right to left one by one (each drawn by Pillow's Raqm layout, joined letters and all): a word
        of the script's letters gets its own box for each of its characters; a number or Latin word
        (a phone, a postcode, a tracking number) is drawn left to right with a box per character and
        its trailing punctuation to its left, as the bidirectional algorithm places them. A line
        must not hold two such words in a row with a space between them (the algorithm would keep
        them in their left-to-right order): numbers in right-to-left print are written without spaces
        ('0551234567', '052-1234567'). The script's words are drawn with ``self.rtl``, the rest
        with the label's Latin font (some Arabic fonts have no Latin letters)."""
        text = "".join(s[0] for s in segs)
        f = self.font_at(self.rtl, size)
        alt = self.font(size, False)
        top, bottom = f.getbbox("Hg")[1] - size // 6, f.getbbox("Hg")[3] + size // 8
        boxes: list = [None] * len(text)
        x = float(right)
        for m in re.finditer(r"\s+|\S+", text):
            a, tok = m.start(), m.group()
            if tok.isspace():
                x -= f.getlength(" ") * len(tok)
                for i in range(len(tok)):
                    boxes[a + i] = (x, y + top, x + 1, y + bottom)
                continue
            if _RTL.search(tok):
                w = f.getlength(tok, direction="rtl")
                self.d.text((x - w, y), tok, font=f, fill=0, direction="rtl")
                for i in range(len(tok)):
                    boxes[a + i] = (x - w, y + top, x, y + bottom)
                x -= w
            else:
                core = tok.rstrip(",.:;،")
                punct = tok[len(core):]
                w = alt.getlength(core)
                x0 = x - w
                self.d.text((x0, y), core, font=alt, fill=0)
                for i in range(len(core)):
                    boxes[a + i] = (x0 + alt.getlength(core[:i]), y + top, x0 + alt.getlength(core[:i + 1]), y + bottom)
                x = x0
                for i, ch in enumerate(punct):
                    cw = alt.getlength(ch)
                    self.d.text((x - cw, y), ch, font=alt, fill=0)
                    boxes[a + len(core) + i] = (x - cw, y + top, x, y + bottom)
                    x -= cw
        zl = (int(x), y, size, text, [])
        self.zlines.append(zl)
        self._items(zl, segs, lambda k: boxes[k] or (x, y + top, x + 1, y + bottom), copy)
        return int(x)

    def font_at(self, path: str, size: int):
        from PIL import ImageFont
        key = (size, "at", path)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(path, size)
        return self._fonts[key]

    def barcode_text(self, trk: str, x: int, y: int, scale: int, height: int, size: int, text: str | None = None,
                     copy: int = 0, fmt: str = "Code128") -> int:
        """A linear barcode and its human-readable text right under it; returns the bottom edge."""
        info, im = self.code(trk, fmt, x, y, scale, height)
        self.codes.append(info)
        text = text or trk
        f = self.font(size, False)
        x0, _, x1, y1 = info[3]
        tx = int((x0 + x1) / 2 - f.getlength(text) / 2)
        self.line(tx, y1 + 4, size, [(text, "tracking", None, "", copy)], copy=copy)
        return y1 + 4 + int(size * 1.25)

    def rule(self, y: int, w: int | None = None, width: int = 3):
        self.d.line([10, y, (w or self.img.width) - 10, y], fill=0, width=width)

    def code(self, text: str, fmt: str, x: int, y: int, scale: int = 3, height: int = 0, personal=False,
             max_w: int | None = None):
        import zxingcpp
        from PIL import Image
        b = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
        im = Image.fromarray(np.array(b.to_image(scale=scale))).convert("L")
        if height and im.height < height:
            im = im.resize((im.width, height), Image.NEAREST)
        if max_w and im.width > max_w:
            im = im.resize((max_w, int(im.height * max_w / im.width)), Image.NEAREST)
        if x < 0:
            x = (self.img.width - im.width) // 2
        self.img.paste(im, (x, y))
        return (fmt, text, personal, (x, y, x + im.width, y + im.height)), im


# letters of the right-to-left scripts (Hebrew, Arabic and its presentation forms)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


# --------------------------------------------------------------------------- value helpers


def _given_req(name: str) -> list[int]:
    """Latin name: every letter but the first of each word (what share removes)."""
    out, start = [], True
    for i, c in enumerate(name):
        if c.isalpha():
            if not start:
                out.append(i)
            start = False
        else:
            start = c in " -"
    return out


def _phone_req(p: str) -> list[int]:
    idx = [i for i, c in enumerate(p) if c.isdigit()]
    return idx[:-5] if len(idx) > 6 else idx


def _cn_name_req(n: str) -> list[int]:
    """The given name: everything after the surname (a compound surname, 欧阳/太叔/乐正, is two
    characters and stays, like a single one)."""
    from waybill.resources import surnames
    _single, compound = surnames()
    k = 2 if n[:2] in compound and len(n) > 2 else 1
    return list(range(k, len(n)))


def _all(s: str) -> list[int]:
    return [i for i, c in enumerate(s) if not c.isspace()]


def _latin_name(r, part):
    if part == "tuned":
        return f"{r.choice(FIRST_TUNED)} {r.choice(LAST_TUNED)}"
    return f"{r.choice(FIRST_HELDOUT)} {r.choice(LAST_HELDOUT)}"


# --------------------------------------------------------------------------- templates


# Real Chinese surnames that waybill's own list (waybill/data/surnames_zh.txt, which Gen draws from)
# does not hold: left out of it as everyday words or as rare. The stress part draws some names from
# here (``make(..., names="wide")``) so that the generator is not the detector's own word list.
WIDE_SURNAMES = "南 位 海 豆 初 敬 呼 闭 由 操 续 洗 喇 布 郇 菅 出 仉 折 首 台 喜 线 刀 者 果 化 虎 英 力".split()


def _cn_people(g: Gen):
    rec, snd = g.cn_person(), g.cn_person()
    wide = getattr(g, "wide", None)
    if wide is not None:
        from waybill.resources import surname_len
        for p in (rec, snd):
            if wide.random() < 0.3:
                p.name = wide.choice(WIDE_SURNAMES) + p.name[surname_len(p.name) or 1:]
    return rec, snd


def t_cn_std(c: Canvas, g: Gen, part: str) -> Label:
    """Chinese e-waybill: courier, sort code, barcode, big 收/寄 marks, goods line, hotline, a stub
    with the recipient again, a QR code (tracking only, or tracking + recipient)."""
    r = g.r
    W = c.img.width
    rec, snd = _cn_people(g)
    trk = g.tracking()
    courier, hot = r.choice([("顺丰速运", "95338"), ("中通快递", "95311"), ("圆通速递", "95554"), ("韵达快递", "95546")])
    c.line(30, 25, 46, [(courier, "other")])
    c.line(520, 34, 30, [("标准快递", "other")])
    sort = f"{r.randint(100, 999)}-{r.randint(10, 99)} {r.choice('ABCDEFG')}{r.randint(1, 9)}"
    c.line(30, 92, 60, [(sort, "sort")])
    c.rule(180)
    c.barcode_text(trk, -1, 196, 3, 130, 28)
    c.rule(400)
    c.line(30, 425, 58, [("收", "other")])
    c.line(110, 420, 32, [(rec.name, "name", _cn_name_req(rec.name), "recipient"), ("  ", None),
                          (rec.phone, "phone", _phone_req(rec.phone), "recipient")])
    addr = rec.region + rec.detail
    cut = r.randint(16, 20)
    c.line(110, 465, 30, [(rec.region, "region"), (rec.detail[:max(0, cut - len(rec.region))], "address", "all", "recipient")]
           if cut > len(rec.region) else [(addr[:cut], "region")])
    rest = rec.detail[max(0, cut - len(rec.region)):]
    if rest:
        c.line(110, 505, 30, [(rest, "address", "all", "recipient")])
    c.rule(560, width=2)
    c.line(30, 580, 46, [("寄", "other")])
    sph = g.mobile("-") if r.random() < 0.5 else snd.phone
    c.line(110, 578, 26, [(snd.name, "name", _cn_name_req(snd.name), "sender"), ("  ", None),
                          (sph, "phone", _phone_req(sph), "sender")])
    c.line(110, 615, 26, [(snd.region, "region"), (snd.detail, "address", "all", "sender")])
    c.rule(670, width=2)
    c.line(30, 685, 26, [(f"物品：{r.choice(['服装', '日用品', '图书', '食品'])}  重量：{r.randint(1, 99) / 10:.1f}kg", "other")])
    c.line(30, 722, 24, [(f"寄件日期：2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}", "other")])
    c.line(400, 722, 24, [(f"客服电话：{hot}", "other")])
    c.rule(770)
    c.barcode_text(trk, 30, 782, 2, 80, 22, copy=1)
    c.line(30, 918, 26, [("收件人：", "other"), (rec.name, "name", _cn_name_req(rec.name), "recipient"), ("  ", None),
                         (rec.phone, "phone", _phone_req(rec.phone), "recipient")], copy=1)
    addr2 = rec.region + rec.detail
    c.line(30, 956, 26, [(rec.region, "region"), (rec.detail, "address", "all", "recipient")], copy=1) \
        if len(addr2) <= 26 else (c.line(30, 956, 26, [(rec.region, "region"), (rec.detail[:26 - len(rec.region)], "address", "all", "recipient")], copy=1),
                                 c.line(30, 992, 26, [(rec.detail[26 - len(rec.region):], "address", "all", "recipient")], copy=1))
    if r.random() < 0.5:
        c.codes.append(c.code(trk, "QRCode", W - 210, 1010, 5)[0])  # tracking QR: must stay decodable
    else:
        c.codes.append(c.code(f"{trk}|{rec.name}|{rec.phone}|{addr}", "QRCode", W - 230, 1010, 4, personal=True)[0])
    c.line(30, 1130, 24, [("已验视  签收人：________", "other")])
    return Label("cn_std", "cn", c.img, c.items, trk)


def t_cn_anchor(c: Canvas, g: Gen, part: str) -> Label:
    """收件人/收件地址/寄件人 labelled fields, a 400 hotline, a caption paragraph, a second copy
    (寄件联) with both people again, an order number and a routing code."""
    r = g.r
    rec, snd = _cn_people(g)
    trk = g.tracking()
    c.line(30, 22, 40, [(r.choice(["京东物流", "申通快递", "德邦快递", "极兔速递"]), "other")])
    c.line(460, 30, 26, [(f"400-{r.randint(100, 999)}-{r.randint(1000, 9999)}", "other")])
    route = f"{r.choice('ABCDEFGH')}{r.randint(10, 99)}-{r.randint(100, 999)}"
    c.line(30, 80, 50, [(route, "sort")])
    c.line(420, 90, 26, [(f"{r.randint(1, 12)}月{r.randint(1, 28)}日", "other")])
    c.rule(150)
    c.barcode_text(trk, -1, 160, 3, 110, 26)
    c.rule(335)
    c.line(30, 350, 28, [("收件人：", "other"), (rec.name, "name", _cn_name_req(rec.name), "recipient")])
    c.line(420, 350, 28, [("电话：", "other"), (rec.phone, "phone", _phone_req(rec.phone), "recipient")])
    addr = rec.region + rec.detail
    c.line(30, 392, 28, [("收件地址：", "other"), (rec.region, "region"),
                         (rec.detail[:max(0, 19 - len(rec.region))], "address", "all", "recipient")])
    tail = rec.detail[max(0, 19 - len(rec.region)):]
    if tail:
        c.line(170, 432, 28, [(tail, "address", "all", "recipient")])
    c.rule(480, width=2)
    c.line(30, 495, 24, [("寄件人：", "other"), (snd.name, "name", _cn_name_req(snd.name), "sender"), ("  ", None),
                         (snd.phone, "phone", _phone_req(snd.phone), "sender")])
    c.line(30, 530, 24, [("寄件地址：", "other"), (snd.region, "region"), (snd.detail, "address", "all", "sender")])
    c.rule(580, width=2)
    oid = g.order_id()
    c.line(30, 595, 22, [(f"订单号：{oid}", "other")])
    c.line(30, 628, 20, [("快件送达收件人地址，经收件人或收件人允许的代收人签字，视为送达。", "other")])
    c.rule(670)
    c.line(30, 685, 24, [("寄件联", "other")])
    c.barcode_text(trk, 200, 676, 2, 60, 20, copy=1)
    c.line(30, 800, 24, [("收：", "other"), (rec.name, "name", _cn_name_req(rec.name), "recipient"), (" ", None),
                         (rec.phone, "phone", _phone_req(rec.phone), "recipient")], copy=1)
    c.line(30, 835, 22, [(rec.region, "region"), (rec.detail, "address", "all", "recipient")], copy=1)
    c.line(30, 875, 24, [("寄：", "other"), (snd.name, "name", _cn_name_req(snd.name), "sender"), (" ", None),
                         (snd.phone, "phone", _phone_req(snd.phone), "sender")], copy=1)
    if r.random() < 0.5:
        c.line(30, 915, 24, [("Sender: ", "other"), (p := r.choice(PINYIN), "name", _given_req(p), "sender")], copy=1)
    c.codes.append(c.code(trk, "QRCode", c.img.width - 190, 940, 4)[0])
    return Label("cn_anchor", "cn", c.img, c.items, trk)


def t_cn_nokw(c: Canvas, g: Gen, part: str) -> Label:
    """No 收/寄 keywords at all: a name + phone line, address lines below (no 地址 label), the
    sender the same way in small print, a big routing code, a stub with the recipient again."""
    r = g.r
    rec, snd = _cn_people(g)
    trk = g.tracking()
    c.line(30, 25, 42, [(r.choice(["菜鸟裹裹", "邮政EMS", "百世快递", "丰网速运"]), "other")])
    c.line(560, 30, 26, [("电子面单", "other")])
    c.line(30, 85, 64, [(f"{r.randint(10, 99)}{r.choice('ABCDEF')} {r.randint(100, 999)}", "sort")])
    c.rule(175)
    c.line(30, 190, 34, [(rec.name, "name", _cn_name_req(rec.name), "recipient"), ("   ", None),
                         (rec.phone, "phone", _phone_req(rec.phone), "recipient")])
    c.line(30, 236, 30, [(rec.region, "region"), (rec.detail[:6], "address", "all", "recipient")])
    c.line(30, 276, 30, [(rec.detail[6:], "address", "all", "recipient")])
    c.rule(330, width=2)
    c.barcode_text(trk, -1, 340, 3, 120, 26, " ".join(trk[i:i + 4] for i in range(0, len(trk), 4)))
    c.rule(530, width=2)
    sph = g.mobile(" ")
    c.line(30, 545, 22, [(snd.name, "name", _cn_name_req(snd.name), "sender"), ("  ", None),
                         (sph, "phone", _phone_req(sph), "sender")])
    c.line(30, 575, 22, [(snd.region, "region"), (snd.detail, "address", "all", "sender")])
    c.line(30, 615, 22, [(f"打印时间 2026/{r.randint(1, 12):02d}/{r.randint(1, 28):02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}", "other")])
    c.rule(660)
    c.line(30, 680, 26, [(rec.name, "name", _cn_name_req(rec.name), "recipient"), ("  ", None),
                         (rec.phone, "phone", _phone_req(rec.phone), "recipient")], copy=1)
    c.line(30, 716, 24, [(rec.region, "region"), (rec.detail, "address", "all", "recipient")], copy=1)
    c.codes.append(c.code(trk, "QRCode", c.img.width - 200, 760, 4)[0])
    c.line(30, 770, 24, [("订单编号 ", "other"), (trk[-10:], "tracking", None, "", 1)])
    return Label("cn_nokw", "cn", c.img, c.items, trk)


def _us_track(r):
    return f"1Z{r.randrange(16**6):06X}{r.randrange(10**10):010d}"


def t_us_ups(c: Canvas, g: Gen, part: str) -> Label:
    r = g.r
    rec, snd = _latin_name(r, part), _latin_name(r, part)
    (rc, rs, rz), (sc, ss, sz) = r.choice(US_CITIES), r.choice(US_CITIES)
    rst, sst = f"{r.randint(10, 9999)} {r.choice(US_STREETS)}", f"{r.randint(10, 9999)} {r.choice(US_STREETS)}"
    phone = f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}"
    trk = _us_track(r)
    c.line(20, 20, 24, [("FROM:", "other")])
    c.line(20, 50, 24, [(snd, "name", _given_req(snd), "sender")])
    c.line(20, 80, 24, [(sst, "address", "all", "sender")])
    c.line(20, 110, 24, [(f"{sc}, {ss} {sz[:3]}", "region"), (sz[3:], "address", "all", "sender")])
    c.rule(160)
    c.line(20, 180, 34, [("SHIP TO:", "other")])
    c.line(80, 225, 36, [(rec.upper(), "name", _given_req(rec), "recipient")])
    apt = f" APT {r.randint(1, 40)}" if r.random() < 0.4 else ""
    c.line(80, 272, 36, [((rst + apt).upper(), "address", "all", "recipient")])
    c.line(80, 319, 36, [(f"{rc.upper()} {rs} {rz[:3]}", "region"), (rz[3:], "address", "all", "recipient")])
    c.line(80, 366, 26, [("TEL ", "other"), (phone, "phone", _phone_req(phone), "recipient")])
    c.rule(420)
    c.line(20, 440, 54, [("UPS GROUND", "other")])
    c.line(20, 515, 26, [("TRACKING #: ", "other"), (trk, "tracking")])
    c.codes.append(c.code(trk, "Code128", -1, 560, 3, 150)[0])
    c.rule(760)
    if r.random() < 0.6:
        payload = f"[)>\x1e01\x1d{rec}\x1d{rst}\x1d{rc} {rs} {rz}\x1d{phone}\x1e\x04"
        c.codes.append(c.code(payload, r.choice(["PDF417", "QRCode"]), 20, 780, 3, personal=True, max_w=c.img.width - 40)[0])
    c.line(20, 1160, 24, [(f"REF: {g.order_id()[:10]}  WT 2.0 LB", "other")])
    return Label("us_ups", "us", c.img, c.items, trk)


def t_us_plain(c: Canvas, g: Gen, part: str) -> Label:
    """No anchors: sender block top left, recipient block in the middle, phone line, USPS IMpb."""
    r = g.r
    rec, snd = _latin_name(r, part), _latin_name(r, part)
    (rc, rs, rz), (sc, ss, sz) = r.choice(US_CITIES), r.choice(US_CITIES)
    rst, sst = f"{r.randint(10, 9999)} {r.choice(US_STREETS)}", f"{r.randint(10, 9999)} {r.choice(US_STREETS)}"
    phone = f"{r.randint(201, 989)}-{r.randint(200, 999)}-{r.randint(0, 9999):04d}"
    trk = "9400" + "".join(str(r.randint(0, 9)) for _ in range(18))
    c.line(20, 20, 22, [(snd, "name", _given_req(snd), "sender")])
    c.line(20, 48, 22, [(sst, "address", "all", "sender")])
    c.line(20, 76, 22, [(f"{sc} {ss} {sz[:3]}", "region"), (sz[3:], "address", "all", "sender")])
    c.line(520, 20, 40, [("USPS", "other")])
    c.line(520, 66, 20, [("PRIORITY MAIL", "other")])
    c.rule(130)
    c.line(60, 200, 32, [(rec, "name", _given_req(rec), "recipient")])
    c.line(60, 242, 32, [(rst, "address", "all", "recipient")])
    c.line(60, 284, 32, [(f"{rc} {rs} {rz[:3]}", "region"), (rz[3:], "address", "all", "recipient")])
    c.line(60, 326, 26, [(phone, "phone", _phone_req(phone), "recipient")])
    c.rule(400)
    c.line(150, 420, 24, [("USPS TRACKING # EP", "other")])
    c.barcode_text(trk, -1, 455, 2, 140, 24, " ".join(trk[i:i + 4] for i in range(0, len(trk), 4)))
    c.rule(680)
    c.line(20, 700, 22, [(f"Ship date: {r.randint(1, 12):02d}/{r.randint(1, 28):02d}/2026   Weight: 1 lb 4 oz", "other")])
    return Label("us_plain", "us", c.img, c.items, trk)


def t_in_return(c: Canvas, g: Gen, part: str) -> Label:
    """Indian courier return label: 'Name (Customer)' line, address lines, PIN, phone, the seller's
    GSTIN (holds the owner's PAN), AWB barcode and the order number with the same digits."""
    r = g.r
    name = f"{r.choice(IN_FIRST)} {r.choice(IN_LAST)}"
    city, state, pin, sc = r.choice(IN_CITIES)
    flat = f"Flat {r.randint(101, 1204)}, {r.choice(['Sunrise', 'Green Park', 'Lotus', 'Shanti'])} Apartments"
    road = f"{r.randint(1, 40)}th Cross, {r.choice(['Koramangala', 'Andheri West', 'Adyar', 'Saket', 'Madhapur'])}"
    phone = f"+91 {r.choice('6789')}{r.randint(100000000, 999999999)}"
    awb = "".join(str(r.randint(0, 9)) for _ in range(13))
    pan = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + "P" + name.split()[1][0] + \
        f"{r.randint(0, 9999):04d}" + r.choice("ABCDEFGHJK")
    body = sc + pan + str(r.randint(1, 9)) + "Z"
    gstin = body + _gstin_check(body)
    c.line(20, 20, 38, [(r.choice(["Delhivery", "Ekart", "XpressBees", "Shadowfax"]), "other")])
    c.line(520, 28, 24, [("REVERSE PICKUP", "other")])
    c.barcode_text(awb, -1, 75, 3, 110, 24)
    c.rule(255)
    c.line(20, 270, 26, [("Name (Customer): ", "other"), (name, "name", _given_req(name), "sender")])
    c.line(20, 306, 24, [(flat, "address", "all", "sender")])
    c.line(20, 340, 24, [(road, "address", "all", "sender")])
    c.line(20, 374, 24, [(f"{city}, {state} - {pin[:3]}", "region"), (pin[3:], "address", "all", "sender")])
    c.line(20, 408, 24, [("Ph: ", "other"), (phone, "phone", _phone_req(phone), "sender")])
    c.rule(455)
    c.line(20, 470, 24, [("Return To:", "other")])
    c.line(20, 502, 24, [(f"{r.choice(['Aarav', 'Zenith', 'Kaveri'])} Retail Pvt Ltd, Warehouse {r.randint(1, 9)}", "other")])
    c.line(20, 536, 24, [(f"Plot {r.randint(1, 99)}, Industrial Area, {r.choice(['Pune', 'Noida', 'Gurugram'])}", "other")])
    c.line(20, 570, 24, [("GSTIN: ", "other"), (gstin, "id_card", list(range(2, 12)), "sender")])
    c.rule(615)
    c.line(20, 630, 24, [(f"Order No: {awb}", "other")])
    c.line(20, 664, 22, [(f"Product: {r.choice(['T-shirt', 'Headphones', 'Kurta', 'Phone case'])}   Qty: 1", "other")])
    return Label("in_return", "in", c.img, c.items, awb)


def _eu_block(c: Canvas, x: int, y: int, size: int, anchor: str | None, name: str, street: str, pc_city: tuple,
              country: str | None, phone: str | None, role: str, region_first: bool = True, copy: int = 0) -> int:
    step = int(size * 1.3)
    if anchor:
        c.line(x, y, max(16, size - 8), [(anchor, "other")], copy=copy)
        y += int(step * 0.9)
    c.line(x, y, size, [(name, "name", _given_req(name), role)], copy=copy)
    y += step
    c.line(x, y, size, [(street, "address", "all", role)], copy=copy)
    y += step
    pc, city = pc_city
    if region_first:  # postcode first: the first 2 postcode characters are kept in share
        keep = 2
        c.line(x, y, size, [(pc[:keep], "region"), (pc[keep:], "address", "all", role), (" " + city, "region")], copy=copy)
    else:  # UK: town, then the postcode whose inward code goes
        out, inw = pc.split(" ") if " " in pc else (pc, "")
        c.line(x, y, size, [(city.upper() + " " + out + " ", "region"), (inw, "address", "all", role)], copy=copy)
    y += step
    if country:
        c.line(x, y, size, [(country, "other")], copy=copy)
        y += step
    if phone:
        c.line(x, y, max(16, size - 6), [("Tel. ", "other"), (phone, "phone", _phone_req(phone), role)], copy=copy)
        y += step
    return y


def _eu_label(c: Canvas, g: Gen, part: str, tpl: str, carrier: str, data, rec_anchor, snd_anchor, country,
              phone_fmt, uk=False, trk=None) -> Label:
    r = g.r
    streets, cities = data
    rec, snd = _latin_name(r, part), _latin_name(r, part)
    def street():
        s = r.choice(streets)
        n = r.randint(1, 120)
        return f"{n} {s}" if tpl in ("uk_rm", "fr_col") else f"{s} {n}" + (f"/{r.randint(1, 30)}" if tpl == "pl_inp" else "")
    trk = trk or f"{r.choice(['JJD', 'CC', 'LX'])}{r.randrange(10**12):012d}"
    c.line(20, 18, 40, [(carrier, "other")])
    c.line(560, 26, 22, [(r.choice(["PAKET", "PARCEL", "COLIS", "PACZKA"]), "other")])
    c.rule(80)
    sc = r.choice(cities)
    if r.random() < 0.5:  # sender as one small line (German style) or a small block
        pc, city = sc if not uk else (sc[1], sc[0])
        segs = [(snd_anchor + " " if snd_anchor else "", "other"), (snd, "name", _given_req(snd), "sender"),
                (" · ", None), (street(), "address", "all", "sender"), (" · ", None)]
        if uk:  # the outward code is kept, like a ZIP3
            out, inw = pc.split(" ")
            segs += [(city + " " + out + " ", "region"), (inw, "address", "all", "sender")]
        else:
            segs += [(pc[:2], "region"), (pc[2:], "address", "all", "sender"), (" " + city, "region")]
        c.line(20, 100, 17, segs)
        y = 140
    else:
        pc_city = (sc[1], sc[0]) if uk else sc
        y = _eu_block(c, 20, 95, 20, snd_anchor, snd, street(), pc_city, None, None, "sender", not uk) + 10
    c.rule(y)
    rc = r.choice(cities)
    pc_city = (rc[1], rc[0]) if uk else rc
    ph = phone_fmt(r) if r.random() < 0.7 else None
    y = _eu_block(c, 60, y + 25, 32, rec_anchor, rec, street(), pc_city, country if r.random() < 0.6 else None, ph,
                  "recipient", not uk)
    c.rule(y + 10)
    c.barcode_text(trk, -1, y + 30, 3, 130, 26)
    c.line(20, y + 240, 22, [(f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.2026   {r.randint(1, 30) / 2:.1f} kg", "other")])
    if r.random() < 0.5:
        c.codes.append(c.code(trk, "DataMatrix", c.img.width - 180, y + 230, 5)[0])
    return Label(tpl, "eu", c.img, c.items, trk)


def _ph(cc, groups):
    def f(r):
        return cc + " " + " ".join("".join(str(r.randint(0, 9)) for _ in range(n)) for n in groups)
    return f


def t_de_dhl(c, g, part):
    return _eu_label(c, g, part, "de_dhl", "DHL Paket", DE, None, "Absender:", "DEUTSCHLAND", _ph("+49", (3, 7)))


def t_uk_rm(c, g, part):
    return _eu_label(c, g, part, "uk_rm", "Royal Mail Tracked 48", UK, "Deliver to:", None, "UNITED KINGDOM",
                     _ph("07", (3, 6)), uk=True)


def t_se_pn(c, g, part):
    return _eu_label(c, g, part, "se_pn", "PostNord", SE, "Mottagare", "Från:", "SVERIGE", _ph("070", (3, 2, 2)))


def t_dk_gls(c, g, part):
    return _eu_label(c, g, part, "dk_gls", "GLS", DK, None, None, "DANMARK", _ph("+45", (2, 2, 2, 2)))


def t_fr_col(c, g, part):
    return _eu_label(c, g, part, "fr_col", "Colissimo", FR, "DESTINATAIRE", "EXPÉDITEUR", "FRANCE",
                     _ph("06", (2, 2, 2, 2)))


def t_pl_inp(c, g, part):
    return _eu_label(c, g, part, "pl_inp", "InPost Kurier", PL, "Odbiorca:", "Nadawca:", "POLSKA", _ph("+48", (3, 3, 3)))


def t_ch_post(c, g, part):
    return _eu_label(c, g, part, "ch_post", "Die Post PostPac", CH, None, "Absender", "SCHWEIZ", _ph("+41 79", (3, 2, 2)))


def t_tr_yk(c, g, part):
    return _eu_label(c, g, part, "tr_yk", "Yurtiçi Kargo", TR, "ALICI:", "GÖNDEREN:", "TÜRKİYE", _ph("0532", (3, 2, 2)))


# --------------------------------------------------------------------------- stress layouts
# Carrier layouts the masker was never tuned on (issue 11, "your generator is not the world"):
# two columns (sender small on the left, recipient big on the right), the sender under the
# barcode, names in bold and bigger than the street under them, flat/door suffixes, c/o lines,
# double surnames, phones behind local labels. Drawn from the public address formats of the
# countries (Universal Postal Union address guides); never looked at while tuning.

NL = (["Prinsengracht", "Keizersgracht", "Dorpsstraat", "Kerkstraat", "Molenweg"],
      [("1016 GV", "AMSTERDAM"), ("3511 AB", "UTRECHT"), ("2511 CV", "DEN HAAG"), ("9711 LM", "GRONINGEN")])
IT = (["Via Roma", "Corso Vittorio Emanuele", "Via Garibaldi", "Viale Mazzini", "Piazza Dante"],
      [("20121", "MILANO MI"), ("00184", "ROMA RM"), ("10121", "TORINO TO"), ("80134", "NAPOLI NA")])
ES = (["C/ Mayor", "Avda. de la Constitución", "C/ de Alcalá", "Paseo de Gracia", "C/ Real"],
      [("28013", "MADRID"), ("08007", "BARCELONA"), ("41004", "SEVILLA"), ("46002", "VALENCIA")])
CZ = (["Václavské náměstí", "Národní", "Masarykova", "Husova", "Palackého"],
      [("110 00", "Praha 1"), ("602 00", "Brno"), ("301 00", "Plzeň"), ("702 00", "Ostrava")])
NO = (["Storgata", "Kirkegata", "Skippergata", "Bryggen", "Markveien"],
      [("0155", "OSLO"), ("5003", "BERGEN"), ("7011", "TRONDHEIM"), ("4006", "STAVANGER")])
STRESS_FIRST = {"nl": ["Sanne", "Daan", "Femke", "Joris", "Lotte"], "it": ["Giuseppe", "Chiara", "Lorenzo", "Giulia"],
                "es": ["María José", "Javier", "Lucía", "Alejandro"], "cz": ["Tereza", "Jakub", "Lucie", "Ondřej"],
                "no": ["Solveig", "Eirik", "Ingvild", "Håkon"]}
STRESS_LAST = {"nl": ["de Jong", "Bakker", "Visser", "van Dijk"], "it": ["Russo", "Esposito", "Bianchi", "Colombo"],
               "es": ["García López", "Fernández Ruiz", "Martínez Soto"], "cz": ["Novák", "Dvořák", "Svobodová"],
               "no": ["Haugen", "Johansen", "Berntsen", "Solberg"]}
LATIN_STRESS = ["/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"]
BOLD_STRESS = ["/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
               "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf"]
CJK_STRESS = [("/usr/share/fonts/truetype/arphic/uming.ttc", 0), ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 1)]


def _stress_block(c: Canvas, x: int, y: int, sizes: tuple, anchor, name, lines_after: list, pc_city, country, phone,
                  role: str, bold: str | None) -> int:
    """A block in mixed sizes: anchor small, name big (bold), street and extra lines smaller,
    postcode line mid-size. ``lines_after``: extra address lines (c/o, door) after the street."""
    a_size, n_size, s_size, p_size = sizes
    if anchor:
        c.line(x, y, a_size, [(anchor, "other")])
        y += int(a_size * 1.35)
    keep = c.latin
    if bold:
        c.latin = bold
    c.line(x, y, n_size, [(name, "name", _given_req(name), role)])
    c.latin = keep
    y += int(n_size * 1.3)
    for ln in lines_after:
        if ln.startswith("c/o "):  # care of: a person's name (share keeps the initials)
            c.line(x, y, s_size, [("c/o ", "other"), (ln[4:], "name", _given_req(ln[4:]), role)])
        else:
            c.line(x, y, s_size, [(ln, "address", "all", role)])
        y += int(s_size * 1.3)
    pc, city = pc_city
    c.line(x, y, p_size, [(pc[:2], "region"), (pc[2:], "address", "all", role), ("  " + city, "region")])
    y += int(p_size * 1.3)
    if country:
        c.line(x, y, s_size, [(country, "other")])
        y += int(s_size * 1.3)
    if phone:
        lab, num = phone
        c.line(x, y, s_size, [(lab, "other"), (num, "phone", _phone_req(num), role)])
        y += int(s_size * 1.3)
    return y


def _stress_label(c: Canvas, g: Gen, tpl: str, cc: str, carrier: str, data, rec_anchor, snd_anchor, country,
                  phone_lab: str, phone_fmt, layout: str) -> Label:
    r = g.r
    streets, cities = data
    bold = r.choice([f for f in BOLD_STRESS if _exists(f)] or [None])

    def person():
        return f"{r.choice(STRESS_FIRST[cc])} {r.choice(STRESS_LAST[cc])}"

    def street():
        s, n = r.choice(streets), r.randint(1, 240)
        if cc == "es":
            return f"{s} {n}, {r.randint(1, 9)}º {r.choice('ABCD')}"
        if cc == "it":
            return f"{s} {n}, int. {r.randint(1, 20)}"
        if cc == "nl":
            return f"{s} {n}-{r.choice(['1', '2', 'hs', 'A'])}"
        if cc == "cz":
            return f"{s} {n}/{r.randint(1, 40)}"
        return f"{s} {n} {r.choice('ABC')}"

    rec, snd = person(), person()
    extra = [f"c/o {person()}"] if r.random() < 0.3 else []
    trk = f"{r.choice(['3S', 'JVGL', 'CZ', '70'])}{r.randrange(10**12):012d}"
    c.line(20, 18, r.choice([36, 44, 52]), [(carrier, "other")])
    c.line(540, 26, 20, [(r.choice(["PAKKE", "PACCO", "PAQUETE", "BALÍK", "PAKKET"]), "other")])
    c.rule(86)
    ph = (phone_lab, phone_fmt(r)) if r.random() < 0.8 else None
    rc, sc = r.choice(cities), r.choice(cities)
    if layout == "two_col":
        # sender small on the left, recipient big on the right, side by side
        _stress_block(c, 20, 100, (16, 20, 16, 18), snd_anchor, snd, [street()], sc, None, None, "sender", None)
        y = _stress_block(c, 330, 100, (20, 34, 22, 28), rec_anchor, rec, [street()] + extra, rc, country, ph,
                          "recipient", bold)
        y = max(y, 300)
        c.rule(y + 10)
        c.barcode_text(trk, -1, y + 30, 3, 130, 26)
        c.line(20, y + 240, 22, [(f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.2026   {r.randint(1, 30) / 2:.1f} kg", "other")])
    else:
        # recipient first in mixed sizes, barcode, the sender under it in small print
        y = _stress_block(c, 40, 110, (22, 40, 24, 30), rec_anchor, rec, [street()] + extra, rc, country, ph,
                          "recipient", bold)
        c.rule(y + 10)
        y = c.barcode_text(trk, -1, y + 30, 3, 120, 24)
        c.rule(y + 10)
        y = _stress_block(c, 20, y + 24, (16, 18, 16, 16), snd_anchor, snd, [street()], sc, None, None, "sender", None)
        c.line(20, y + 20, 20, [(f"Ref. {r.randint(10**7, 10**8 - 1)}   {r.randint(1, 30) / 2:.1f} kg", "other")])
    if r.random() < 0.5:
        c.codes.append(c.code(trk, r.choice(["DataMatrix", "QRCode"]), c.img.width - 190, c.img.height - 220, 5)[0])
    return Label(tpl, "eu", c.img, c.items, trk)


def _ph2(groups):
    def f(r):
        return " ".join("".join(str(r.randint(0, 9)) for _ in range(n)) for n in groups)
    return f


def t_nl_postnl(c, g, part):
    return _stress_label(c, g, "nl_postnl", "nl", "PostNL", NL, "Ontvanger", "Afzender", "NEDERLAND", "Mob. ",
                         _ph("06", (8,)), "two_col")


def t_it_brt(c, g, part):
    return _stress_label(c, g, "it_brt", "it", "BRT Corriere", IT, "DESTINATARIO", "Mittente", "ITALIA", "Cell. ",
                         _ph2((3, 3, 4)), "sender_below")


def t_es_seur(c, g, part):
    return _stress_label(c, g, "es_seur", "es", "SEUR 24", ES, "Destinatario:", "Remitente:", "ESPAÑA", "Tlf: ",
                         _ph2((3, 3, 3)), "two_col")


def t_cz_ppl(c, g, part):
    return _stress_label(c, g, "cz_ppl", "cz", "PPL CZ", CZ, "Příjemce:", "Odesílatel:", "ČESKÁ REPUBLIKA", "Tel.: ",
                         _ph("+420", (3, 3, 3)), "sender_below")


def t_no_bring(c, g, part):
    return _stress_label(c, g, "no_bring", "no", "Bring", NO, None, "Avsender:", "NORGE", "Mob: ",
                         _ph("+47", (3, 2, 3)), "two_col")


# Japanese (ISSUE 11 item 3: a JP template; held out, never tuned on): the layout of a Yamato /
# Sagawa / Japan Post slip as printed on a thermal label: お届け先 and ご依頼主 blocks, 〒 postcode,
# prefecture and city (the region share keeps), town with its 丁目/番地 or 1-2-3 block, building and
# room, the name with or without 様, the phone after 電話/TEL/電話番号 (or none), the tracking
# number in 4-4-4 groups under its barcode. Family names partly outside waybill's own list.
JP_FAMILY = ["佐藤", "鈴木", "高橋", "田中", "竹中", "野々村", "東海林", "小田切", "宇佐美", "大河内", "白石", "黒田",
             "今村", "堀江", "小西", "長谷部", "神田", "水谷"]
JP_GIVEN = ["直人", "真", "さだお", "美咲", "翔太", "陽菜", "健一", "ゆかり", "大輔", "彩花", "拓也", "恵美子", "まゆみ"]
JP_PLACES = [("150-0002", "東京都渋谷区", "渋谷2丁目21-1"), ("530-0001", "大阪府大阪市北区", "梅田3-1-3"),
             ("231-0023", "神奈川県横浜市中区", "山下町1番地"), ("060-0001", "北海道札幌市中央区", "北一条西2丁目1-1"),
             ("460-0008", "愛知県名古屋市中区", "栄3丁目4番5号"), ("812-0011", "福岡県福岡市博多区", "博多駅前2-1-1"),
             ("980-0021", "宮城県仙台市青葉区", "中央1丁目3-1"), ("600-8216", "京都府京都市下京区", "東塩小路町721-1"),
             ("155-0031", "東京都世田谷区", "北沢2丁目10番15号"), ("730-0011", "広島県広島市中区", "基町6-78")]
JP_BUILDINGS = ["コーポ北沢", "メゾン桜", "ハイツ青葉", "グランフロント", "サンライズ", "パレス栄", "レジデンス博多"]


def _jp_phone(r) -> str:
    k = r.random()
    if k < 0.5:
        return f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
    if k < 0.75:
        return f"0{r.choice('36')}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
    return f"0{r.randint(11, 99)}-{r.randint(100, 999)}-{r.randint(1000, 9999)}"


def _jp_block(c: Canvas, r, x: int, y: int, size: int, anchor: str, role: str, copy: int = 0) -> int:
    fam, given = r.choice(JP_FAMILY), r.choice(JP_GIVEN)
    name = fam + r.choice([" ", "", "\u3000"]) + given
    pc, region, town = r.choice(JP_PLACES)
    bld = f"{r.choice(JP_BUILDINGS)}{r.randint(1, 12)}{r.randint(1, 9):02d}" + r.choice(["号室", "", "号"])
    step = int(size * 1.35)
    c.line(x, y, max(18, size - 6), [(anchor, "other")], copy=copy)
    y += step
    c.line(x, y, size, [("〒", "other"), (pc[:2], "region"), (pc[2:], "address", "all", role)], copy=copy)
    y += step
    if r.random() < 0.5:
        c.line(x, y, size, [(region, "region"), (town, "address", "all", role)], copy=copy)
        y += step
        c.line(x, y, size, [(bld, "address", "all", role)], copy=copy)
    else:
        c.line(x, y, size, [(region, "region")], copy=copy)
        y += step
        c.line(x, y, size, [(town, "address", "all", role), (" ", None), (bld, "address", "all", role)], copy=copy)
    y += step
    big = size + (10 if role == "recipient" else 2)
    req = list(range(len(name) - len(given), len(name)))
    c.line(x + 10, y, big, [(name, "name", req, role)] + ([(" 様", "other")] if r.random() < 0.6 else []), copy=copy)
    y += int(big * 1.4)
    if r.random() < 0.85:
        ph = _jp_phone(r)
        c.line(x, y, size - 2, [(r.choice(["電話 ", "TEL ", "電話番号 ", "TEL:"]), "other"),
                                (ph, "phone", _phone_req(ph), role)], copy=copy)
        y += step
    return y


def t_jp_yamato(c: Canvas, g: Gen, part: str) -> Label:
    r = g.r
    if "uming" in c.cjk[0]:
        # (AR PL UMing has no 様; the Japanese fonts installed are WenQuanYi's)
        c.cjk = next(((f, i) for f, i in CJK_HELDOUT + CJK_STRESS if "wqy" in f and _exists(f)), c.cjk)
        c._fonts.clear()
    trk = f"{r.randint(1000, 9999)}{r.randint(1000, 9999)}{r.randint(1000, 9999)}"
    c.line(24, 20, 40, [(r.choice(["宅急便", "飛脚宅配便", "ゆうパック", "宅配便"]), "other")])
    c.line(520, 26, 30, [(f"{r.randint(10, 99)}-{r.randint(100, 999)}-{r.randint(10, 99)}", "sort")])
    c.rule(80)
    y = _jp_block(c, r, 30, 95, 30, r.choice(["お届け先", "お届け先様", "届け先"]), "recipient")
    c.rule(y + 8, width=2)
    y = _jp_block(c, r, 30, y + 20, 22, r.choice(["ご依頼主", "差出人", "依頼主"]), "sender")
    c.rule(y + 8, width=2)
    c.line(30, y + 20, 22, [(f"品名 {r.choice(['衣類', '書籍', '食品', '雑貨'])}  お届け予定日 "
                             f"{r.randint(1, 12)}月{r.randint(1, 28)}日 {r.choice(['午前中', '14-16時', '19-21時'])}",
                             "other")])
    g4 = f"{trk[:4]}-{trk[4:8]}-{trk[8:]}"
    c.line(30, y + 60, 24, [("お問い合せ伝票番号 ", "other"), (g4, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 100, 3, 110, 24, g4, fmt="Codabar" if False else "Code128")
    return Label("jp_yamato", "jp", c.img, c.items, trk)


# --- South-East Asia (2026-12-07): written after the rules for these forms (anchors in Vietnamese
# and Indonesian, Vietnamese lanes, RT/RW), so NOT held out: a regression check of those rules across
# fonts, photos and ZPL (``SEA_TEMPLATES``)
VN_FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
VN_MIDDLE = "Văn Thị Đức Minh Ngọc Thanh Hữu Quốc Thu".split()
VN_GIVEN = "An Bình Chi Dũng Hà Hải Hùng Khánh Lan Linh Mai Nam Phương Quân Tâm Thảo Trang Tuấn Vy Hạnh Sơn".split()
VN_STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
              "Cách Mạng Tháng Tám", "Nguyễn Huệ", "Đội Cấn", "Kim Mã", "Pasteur", "Võ Văn Tần"]
VN_PLACES = [("Phường Bến Nghé", "Quận 1", "TP. Hồ Chí Minh"), ("Phường Liễu Giai", "Quận Ba Đình", "Hà Nội"),
             ("Phường Hải Châu 1", "Quận Hải Châu", "Đà Nẵng"), ("Phường 12", "Quận 10", "TP. Hồ Chí Minh"),
             ("Phường Dịch Vọng", "Quận Cầu Giấy", "Hà Nội"), ("Phường Tân Định", "Quận 1", "TP. Hồ Chí Minh")]


def _plain(s: str) -> str:
    """Vietnamese written without its marks, as many type it ('Nguyễn Văn Đức' -> 'Nguyen Van Duc')."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
                   if not unicodedata.combining(c))


def _vn_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int, marks: bool) -> int:
    t = (lambda s: s) if marks else _plain
    name = t(f"{r.choice(VN_FAMILY)} {r.choice(VN_MIDDLE)} {r.choice(VN_GIVEN)}")
    st = t(r.choice(VN_STREETS))
    k = r.random()
    street = (f"Số {r.randint(1, 200)} Ngõ {r.randint(1, 90)} Phố {st}" if k < 0.35 else
              f"Hẻm {r.randint(1, 300)}/{r.randint(1, 40)} {st}" if k < 0.6 else f"{r.randint(1, 400)} {st}")
    street = t(street)
    ward, dist, city = (t(x) for x in r.choice(VN_PLACES))
    phone = f"09{r.randint(0, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}"
    label = t(anchor)
    c.line(20, y, size, [(f"{label}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(t("SĐT") + ": ", "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(street, "address", "all", role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(f"{ward}, {dist}, {city}", "region")])
    return y + int(size * 1.6)


def _parcel_lines(c: "Canvas", y: int, label: str, trk: str, weight: str, code: str | None = None) -> None:
    """The parcel's part under the blocks of the South-East Asian, Thai and Korean templates: the
    tracking number after its label, its barcode (of ``code``, the number as scanned, where it is
    printed otherwise) with the number under it, and the weight line."""
    c.line(20, y + 16, 24, [(label, "other"), (trk, "tracking", None, "")])
    c.barcode_text(code or trk, -1, y + 60, 3, 120, 24)
    c.line(20, y + 260, 22, [(weight, "other")])


def t_vn_ghn(c: Canvas, g: Gen, part: str) -> Label:
    """A Vietnamese carrier's label (GHN, GHTK, J&T VN, SPX): sender and recipient blocks after
    'Người gửi' / 'Người nhận' (with their marks or without, a third of the labels), the ward,
    district and city line, the phone after SĐT, the order code and its barcode."""
    r = g.r
    marks = r.random() < 0.7
    if marks and "Liberation" in c.latin:
        # (Debian's Liberation fonts have no Vietnamese letters with two marks: boxes were drawn)
        lat, _cjk = fonts_for(part)
        c.latin = next((f for f in lat + LATIN_TUNED if "DejaVu" in f and _exists(f)), c.latin)
        c._fonts.clear()
    trk = r.choice(["GHN", "SPXVN", "GY"]) + "".join(r.choice("ABCDEFGHKLMNPQRTUVXY0123456789") for _ in range(9))
    c.line(24, 20, 38, [(r.choice(["GHN Express", "Giao Hàng Tiết Kiệm" if marks else "Giao Hang Tiet Kiem",
                                   "J&T Express", "SPX Express"]), "other")])
    c.rule(80)
    y = _vn_block(c, r, 100, "Người gửi", "sender", 22, marks)
    c.rule(y)
    y = _vn_block(c, r, y + 20, "Người nhận", "recipient", 28, marks)
    c.rule(y)
    _parcel_lines(c, y, ("Mã vận đơn" if marks else "Ma van don") + ": ", trk,
                  ("Khối lượng" if marks else "Khoi luong") + f": {r.randint(1, 20) * 100} g")
    return Label("vn_ghn", "vn", c.img, c.items, trk)


ID_FIRST = "Budi Siti Agus Dewi Rina Wayan Made Putu Joko Sri Eko Dian Fitri Hendra Indah Yusuf Ayu Rizky".split()
ID_LAST = "Santoso Rahayu Wijaya Lestari Salim Sudarsana Hidayat Kusuma Saputra Nugroho Pratama Wibowo Siregar".split()
ID_STREETS = ["Merdeka", "Sudirman", "Kenanga", "Melati", "Diponegoro", "Gatot Subroto", "Ahmad Yani", "Pahlawan"]
ID_PLACES = [("Cibinong", "Bogor", "Jawa Barat", "16911"), ("Sukasari", "Bandung", "Jawa Barat", "40162"),
             ("Cempaka Putih", "Jakarta Pusat", "DKI Jakarta", "10510"), ("Ubud", "Gianyar", "Bali", "80571"),
             ("Tegalsari", "Surabaya", "Jawa Timur", "60262"), ("Medan Baru", "Medan", "Sumatera Utara", "20153")]


def _id_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = f"{r.choice(ID_FIRST)} {r.choice(ID_LAST)}"
    phone = f"08{r.randint(11, 99)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
    k = r.random()
    street = (f"Jl. {r.choice(ID_STREETS)} No. {r.randint(1, 200)}" if k < 0.4 else
              f"Gg. {r.choice(ID_STREETS)} No. {r.randint(1, 60)}" if k < 0.6 else
              f"Perum Griya {r.choice(['Asri', 'Indah', 'Permai'])} Blok {r.choice('ABCDEF')}{r.randint(1, 9)} No. {r.randint(1, 40)}")
    kec, kota, prov, pc = r.choice(ID_PLACES)
    c.line(20, y, size - 4, [(anchor, "other")])
    y += int(size * 1.3)
    c.line(20, y, size, [(name, "name", _given_req(name), role)])
    y += int(size * 1.4)
    c.line(20, y, size - 2, [(phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.4)
    rtrw = f"RT {r.randint(1, 15):02d}/RW {r.randint(1, 12):02d}"
    c.line(20, y, size - 2, [(f"{street}, {rtrw}", "address", "all", role)])
    y += int(size * 1.4)
    c.line(20, y, size - 2, [(f"Kec. {kec}, {kota}", "region")])
    y += int(size * 1.4)
    c.line(20, y, size - 2, [(f"{prov} {pc[:3]}", "region"), (pc[3:], "address", "all", role)])
    return y + int(size * 1.6)


def t_id_jnt(c: Canvas, g: Gen, part: str) -> Label:
    """An Indonesian carrier's label (J&T, SiCepat, JNE): 'Penerima' and 'Pengirim' blocks with the
    name, the mobile, the street with its RT/RW, the district and the province with the postcode,
    'No. Resi' and its barcode."""
    r = g.r
    trk = r.choice(["JP", "JX", "00"]) + "".join(str(r.randint(0, 9)) for _ in range(10))
    c.line(24, 20, 38, [(r.choice(["J&T Express", "SiCepat", "JNE REG", "AnterAja"]), "other")])
    c.line(560, 30, 26, [(r.choice(["REG", "EZ", "YES", "BEST"]), "other")])
    c.rule(80)
    y = _id_block(c, r, 100, r.choice(["Penerima:", "PENERIMA", "Kepada:"]), "recipient", 28)
    c.rule(y)
    y = _id_block(c, r, y + 20, r.choice(["Pengirim:", "PENGIRIM", "Dari:"]), "sender", 22)
    c.rule(y)
    _parcel_lines(c, y, "No. Resi: ", trk,
                  f"Berat: {r.randint(1, 20) / 2:.1f} kg   Isi: {r.choice(['Pakaian', 'Buku', 'Elektronik'])}")
    return Label("id_jnt", "id", c.img, c.items, trk)


# --- Thai and Korean (2026-12-07): scripts rapidocr's bundled model does not read; written with the
# script readers they check (``imaging.read_other_script``), so NOT held out (``OTHER_SCRIPT_TEMPLATES``)
TH_FONTS = {"tuned": ["/usr/share/fonts/truetype/tlwg/Garuda.ttf"],
            "heldout": ["/usr/share/fonts/truetype/tlwg/Loma.ttf", "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
                        "/usr/share/fonts/truetype/tlwg/Garuda.ttf"]}
KR_FONTS = {"tuned": ["/usr/share/fonts/truetype/nanum/NanumGothic.ttf"],
            "heldout": ["/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
                        "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
                        "/usr/share/fonts/truetype/nanum/NanumSquareR.ttf"]}
TH_FIRST = "สมชาย สมหญิง วิไลวรรณ ประเสริฐ กิตติพงษ์ นภัสสร ธนากร ศิริพร อรุณี ชัยวัฒน์ พิมพ์ชนก ณัฐวุฒิ".split()
TH_LAST = "ใจดี ศรีสุข วงศ์สวัสดิ์ แสงทอง บุญมา ทองดี รัตนพันธ์ สุขสวัสดิ์ จันทร์เพ็ญ พงษ์ไพบูลย์ มณีรัตน์".split()
TH_WAYS = ["ซอยสุขุมวิท {n}", "ถนนนิมมานเหมินท์", "ซอยลาดพร้าว {n}", "ถนนพหลโยธิน", "หมู่บ้านพฤกษา {n}",
           "ถนนเจริญกรุง", "ซอยรามคำแหง {n}", "ถนนมิตรภาพ"]
TH_PLACES = [("แขวงคลองเตยเหนือ", "เขตวัฒนา", "กรุงเทพมหานคร", "10110"),
             ("ตำบลสุเทพ", "อำเภอเมืองเชียงใหม่", "เชียงใหม่", "50200"),
             ("แขวงจอมพล", "เขตจตุจักร", "กรุงเทพมหานคร", "10900"),
             ("ตำบลในเมือง", "อำเภอเมืองขอนแก่น", "ขอนแก่น", "40000"),
             ("ตำบลหาดใหญ่", "อำเภอหาดใหญ่", "สงขลา", "90110"),
             ("ตำบลบางพูด", "อำเภอปากเกร็ด", "นนทบุรี", "11120")]
KR_FAMILY = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황".split()
KR_GIVEN = "민준 서연 지호 하은 도윤 수아 예준 지우 시우 하린 주원 지민 현우 유진".split()
KR_PLACES = [("서울특별시 강남구", "06234"), ("서울특별시 마포구", "04001"), ("부산광역시 해운대구", "48094"),
             ("경기도 성남시 분당구", "13529"), ("대구광역시 수성구", "42188"), ("인천광역시 연수구", "21984")]
KR_ROADS = ["테헤란로", "월드컵북로", "해운대로", "판교역로", "달구벌대로", "컨벤시아대로", "세종대로", "양화로"]


def _other_font(c: "Canvas", part: str, fonts: dict, cjk: bool) -> None:
    have = [f for f in fonts["tuned" if part == "tuned" else "heldout"] if _exists(f)] or \
        [f for f in fonts["tuned"] if _exists(f)]
    if not have:
        raise RuntimeError("label_gen: the Thai/Korean templates need fonts-tlwg-garuda-ttf and fonts-nanum")
    f = c.r.choice(have)
    if cjk:
        c.cjk = (f, 0)
    else:
        c.latin = f
    c._fonts.clear()


def _th_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = f"{r.choice(TH_FIRST)} {r.choice(TH_LAST)}"
    phone = f"0{r.choice('689')}{r.randint(0, 9)}-{r.randint(100, 999)}-{r.randint(1000, 9999)}"
    way = r.choice(TH_WAYS).format(n=r.randint(2, 120))
    house = f"{r.randint(1, 399)}/{r.randint(1, 99)}" if r.random() < 0.6 else str(r.randint(1, 999))
    moo = f" หมู่ {r.randint(1, 12)}" if r.random() < 0.4 else ""
    sub, dist, prov, pc = r.choice(TH_PLACES)
    c.line(20, y, size, [(f"{anchor}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [("โทร ", "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(f"{house}{moo} {way}", "address", "all", role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(f"{sub} {dist}", "region")])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(f"{prov} {pc}", "region")])
    return y + int(size * 1.6)


def t_th_kerry(c: Canvas, g: Gen, part: str) -> Label:
    """A Thai carrier's label (Kerry, Flash, Thailand Post, J&T TH): 'ผู้ส่ง' (sender) and 'ผู้รับ'
    (recipient) blocks with the name, the mobile after 'โทร', the house number, village, soi or road,
    the subdistrict and district, the province and postcode; the parcel number and its barcode."""
    r = g.r
    _other_font(c, part, TH_FONTS, False)
    trk = r.choice(["KEX", "TH", "EF"]) + "".join(str(r.randint(0, 9)) for _ in range(10))
    c.line(24, 20, 38, [(r.choice(["Kerry Express", "Flash Express", "Thailand Post", "J&T Express"]), "other")])
    c.rule(80)
    y = _th_block(c, r, 100, r.choice(["ผู้ส่ง", "ชื่อผู้ส่ง"]), "sender", 22)
    c.rule(y)
    y = _th_block(c, r, y + 20, r.choice(["ผู้รับ", "ชื่อผู้รับ"]), "recipient", 28)
    c.rule(y)
    _parcel_lines(c, y, "เลขพัสดุ: ", trk, f"น้ำหนัก: {r.randint(1, 20) / 2:.1f} kg")
    return Label("th_kerry", "th", c.img, c.items, trk)


def _kr_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = r.choice(KR_FAMILY) + r.choice(KR_GIVEN)
    phone = f"010-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
    region, pc = r.choice(KR_PLACES)
    road = f"{r.choice(KR_ROADS)} {r.randint(1, 400)}"
    unit = (f"{r.randint(101, 120)}동 {r.randint(1, 25)}{r.randint(1, 4):02d}호" if r.random() < 0.5 else
            f"{r.choice(['한국', '대한', '미래', '그린'])}빌딩 {r.randint(2, 20)}층 {r.randint(2, 20)}{r.randint(1, 9):02d}호")
    c.line(20, y, size, [(f"{anchor}: ", "other"), (name, "name", _cn_name_req(name), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(region + " ", "region"), (road, "address", "all", role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(unit, "address", "all", role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(pc, "region")])
    return y + int(size * 1.6)


def t_kr_cj(c: Canvas, g: Gen, part: str) -> Label:
    """A Korean parcel label (CJ대한통운, 한진택배, 롯데택배, 우체국택배): '보내는 분' (sender) and '받는 분'
    (recipient) blocks with the name, the mobile, the road address (region, road and number), the
    building or apartment's unit and the postcode; the waybill number and its barcode."""
    r = g.r
    _other_font(c, part, KR_FONTS, True)
    digits = "".join(str(r.randint(0, 9)) for _ in range(12))
    trk = f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    c.line(24, 20, 38, [(r.choice(["CJ대한통운", "한진택배", "롯데택배", "우체국택배"]), "other")])
    c.rule(80)
    y = _kr_block(c, r, 100, r.choice(["보내는 분", "보내는사람"]), "sender", 22)
    c.rule(y)
    y = _kr_block(c, r, y + 20, r.choice(["받는 분", "받는사람"]), "recipient", 28)
    c.rule(y)
    _parcel_lines(c, y, "운송장번호: ", trk, f"중량: {r.randint(1, 20) / 2:.1f} kg", code=digits)
    return Label("kr_cj", "kr", c.img, c.items, trk)


# --- Russian (2026-12-07, evening): Cyrillic, which rapidocr's bundled model reads as nothing (a Russian
# line came back as ':   ' at 0.84); written with the rules and the reader they check, so NOT held out
RU_MALE = [("Смирнов", "Алексей", "Петрович"), ("Иванов", "Дмитрий", "Сергеевич"), ("Кузнецов", "Андрей", "Викторович"),
           ("Попов", "Михаил", "Александрович"), ("Соколов", "Игорь", "Николаевич"), ("Лебедев", "Павел", "Олегович"),
           ("Новиков", "Артём", "Евгеньевич"), ("Морозов", "Сергей", "Иванович"), ("Васильев", "Никита", "Юрьевич")]
RU_FEMALE = [("Кузнецова", "Мария", "Игоревна"), ("Иванова", "Елена", "Андреевна"), ("Петрова", "Ольга", "Викторовна"),
             ("Волкова", "Анна", "Сергеевна"), ("Фёдорова", "Наталья", "Петровна"), ("Михайлова", "Татьяна", "Юрьевна"),
             ("Зайцева", "Ксения", "Дмитриевна"), ("Орлова", "Дарья", "Алексеевна")]
RU_STREETS = ["ул. Профсоюзная", "пр-т Ленина", "ул. Садовая", "пер. Малый Козихинский", "ш. Энтузиастов",
              "наб. реки Фонтанки", "ул. Гагарина", "просп. Мира", "бул. Новаторов", "ул. 8 Марта"]
RU_PLACES = [("г. Москва", "117420"), ("г. Санкт-Петербург", "191023"), ("г. Екатеринбург", "620014"),
             ("г. Новосибирск", "630099"), ("г. Казань", "420111"), ("Московская обл., г. Химки", "141400"),
             ("г. Нижний Новгород", "603005"), ("Краснодарский край, г. Сочи", "354000")]


def _ru_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    fam, given, patr = r.choice(RU_MALE if r.random() < 0.5 else RU_FEMALE)
    name = f"{fam} {given} {patr}" if r.random() < 0.7 else f"{fam} {given}"
    a, b, d = r.randint(900, 999), r.randint(100, 999), r.randint(1000, 9999)
    k = r.random()
    phone = (f"+7 {a} {b}-{d // 100:02d}-{d % 100:02d}" if k < 0.4 else
             f"8 ({a}) {b}-{d // 100:02d}-{d % 100:02d}" if k < 0.75 else f"+7{a}{b}{d}")
    house = f"д. {r.randint(1, 150)}" + (f", корп. {r.randint(1, 5)}" if r.random() < 0.3 else "")
    flat = f", кв. {r.randint(1, 400)}" if r.random() < 0.8 else f", оф. {r.randint(1, 50)}"
    street = f"{r.choice(RU_STREETS)}, {house}{flat}"
    town, pc = r.choice(RU_PLACES)
    c.line(20, y, size, [(f"{anchor}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [("Тел.: ", "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(street, "address", "all", role)])
    y += int(size * 1.5)
    # (the postcode's first two digits kept with the town, as share keeps a Cyrillic region)
    c.line(20, y, size - 2, [(f"{town}, {pc[:2]}", "region"), (pc[2:], "address", "all", role)] if r.random() < 0.6
           else [(pc[:2], "region"), (pc[2:], "address", "all", role), (f", {town}", "region")])
    return y + int(size * 1.6)


def t_ru_cdek(c: Canvas, g: Gen, part: str) -> Label:
    """A Russian parcel label (СДЭК, Почта России, Boxberry, Ozon): 'Отправитель' and 'Получатель'
    blocks with the surname, given name and patronymic, the phone after 'Тел.', the street with house
    and flat, the town (and region) with its 6-digit postcode; the shipment number and its barcode."""
    r = g.r
    carrier = r.choice(["СДЭК", "Почта России", "Boxberry", "Ozon", "DPD"])
    trk = ("".join(str(r.randint(0, 9)) for _ in range(14)) if carrier == "Почта России"
           else "".join(str(r.randint(0, 9)) for _ in range(10)))
    c.line(24, 20, 38, [(carrier, "other")])
    c.rule(80)
    y = _ru_block(c, r, 100, r.choice(["Отправитель", "От кого"]), "sender", 22)
    c.rule(y)
    y = _ru_block(c, r, y + 20, r.choice(["Получатель", "Кому"]), "recipient", 28)
    c.rule(y)
    _parcel_lines(c, y, r.choice(["Номер отправления: ", "Трек-номер: ", "ШПИ: "]), trk,
                  f"Вес: {r.randint(1, 20) / 2:.1f} кг".replace(".", ","))
    return Label("ru_cdek", "ru", c.img, c.items, trk)


# --- Greek (2026-12-07, evening): rapidocr's model holds a few Greek letters and drops the rest (a line
# read 'πστλα: ρ ατατυλ' at 0.83); written with the rules and the reader they check, NOT held out
GR_PEOPLE = [("Γιώργος", "Παπαδόπουλος"), ("Νίκος", "Παπαδάκης"), ("Δημήτρης", "Οικονόμου"), ("Κώστας", "Γεωργίου"),
             ("Γιάννης", "Βασιλείου"), ("Αλέξανδρος", "Νικολάου"), ("Ελένη", "Κωνσταντίνου"),
             ("Μαρία", "Παπαδοπούλου"), ("Κατερίνα", "Δημητρίου"), ("Σοφία", "Αντωνίου"), ("Αναστασία", "Ιωάννου")]
GR_STREETS = ["Οδός Ερμού", "Λεωφόρος Κηφισίας", "Οδός Πατησίων", "Λεωφ. Συγγρού", "Οδός Τσιμισκή", "Οδός Εγνατίας",
              "Οδός Ακαδημίας"]
GR_PLACES = [("Αθήνα", "105 63"), ("Αθήνα", "115 26"), ("Θεσσαλονίκη", "546 21"), ("Πάτρα", "262 21"),
             ("Ηράκλειο", "712 01"), ("Λάρισα", "412 22"), ("Πειραιάς", "185 31")]


def _gr_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    given, family = r.choice(GR_PEOPLE)
    name = f"{given} {family}" if r.random() < 0.7 else f"{family} {given}"
    k = r.random()
    phone = (f"69{r.randint(0, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}" if k < 0.5 else
             f"+30 69{r.randint(0, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}" if k < 0.8 else
             f"210 {r.randint(100, 999)} {r.randint(1000, 9999)}")
    street = f"{r.choice(GR_STREETS)} {r.randint(1, 250)}" + (f", {r.randint(1, 6)}ος όροφος" if r.random() < 0.4 else "")
    town, pc = r.choice(GR_PLACES)
    c.line(20, y, size, [(f"{anchor}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(r.choice(["Τηλ.: ", "Κιν.: "]), "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.5)
    c.line(20, y, size - 2, [(street, "address", "all", role)])
    y += int(size * 1.5)
    # (the postcode's first two digits kept with the town, as share keeps a Greek region)
    c.line(20, y, size - 2, [(pc[:2], "region"), (pc[2:], "address", "all", role), (f" {town}", "region")]
           if r.random() < 0.6 else [(f"{town}, {pc[:2]}", "region"), (pc[2:], "address", "all", role)])
    return y + int(size * 1.6)


def t_gr_acs(c: Canvas, g: Gen, part: str) -> Label:
    """A Greek parcel label (ACS, ΕΛΤΑ Courier, Speedex, Γενική Ταχυδρομική): 'Αποστολέας' and
    'Παραλήπτης' blocks with the name, the mobile after 'Τηλ.' or 'Κιν.', the street (Οδός, Λεωφόρος)
    and number, the postcode and town; the shipment number and its barcode."""
    r = g.r
    trk = "".join(str(r.randint(0, 9)) for _ in range(10))
    c.line(24, 20, 38, [(r.choice(["ACS Courier", "ΕΛΤΑ Courier", "Speedex", "Γενική Ταχυδρομική"]), "other")])
    c.rule(80)
    up = r.random() < 0.3
    y = _gr_block(c, r, 100, "ΑΠΟΣΤΟΛΕΑΣ" if up else "Αποστολέας", "sender", 22)
    c.rule(y)
    y = _gr_block(c, r, y + 20, "ΠΑΡΑΛΗΠΤΗΣ" if up else "Παραλήπτης", "recipient", 28)
    c.rule(y)
    _parcel_lines(c, y, r.choice(["Αριθμός αποστολής: ", "Αρ. αποστολής: "]), trk,
                  f"Βάρος: {r.randint(1, 20) / 2:.1f} kg".replace(".", ","))
    return Label("gr_acs", "gr", c.img, c.items, trk)



# --- Arabic and Hebrew (2026-12-07, night): right-to-left scripts rapidocr's bundled model does not
# read (an Arabic line read as its digits and ':J'); written with the rules and the readers they
# check, so NOT held out. Lines are laid out right to left (``Canvas.rline``); numbers are written
# without spaces inside, as right-to-left print writes them
AR_FONTS = {"tuned": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
            "heldout": ["/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
                        "/usr/share/fonts/truetype/kacst-one/KacstOne.ttf",
                        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]}
HE_FONTS = {"tuned": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
            "heldout": ["/usr/share/fonts/truetype/culmus/NachlieliCLM-Light.otf",
                        "/usr/share/fonts/truetype/culmus/MiriamCLM-Book.ttf",
                        "/usr/share/fonts/truetype/culmus/SimpleCLM-Medium.ttf",
                        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]}
AR_PEOPLE = ["محمد عبدالله الحربي", "فاطمة أحمد الزهراني", "عبدالرحمن سعد القحطاني", "نورة خالد العتيبي",
             "خالد محمد الشمري", "سارة علي الغامدي", "يوسف إبراهيم الدوسري", "ريم سلطان المطيري",
             "أحمد حسن عبدالعزيز", "مريم يوسف النعيمي", "عمر فهد السبيعي", "هند ماجد البلوشي"]
AR_WAYS = ["شارع الأمير سلطان", "شارع العليا", "طريق الملك فهد", "شارع التحلية", "شارع الشيخ زايد",
           "شارع الجامعة", "طريق الأمير محمد بن عبدالعزيز", "شارع 15"]
AR_DISTRICTS = ["حي النخيل", "حي الروضة", "حي العليا", "حي السلامة", "حي الملقا", "حي الشاطئ"]
AR_PLACES = [("الرياض", "12345"), ("جدة", "23435"), ("الدمام", "32241"), ("مكة المكرمة", "24231"),
             ("القاهرة", "11511"), ("دبي", ""), ("أبوظبي", ""), ("الشارقة", "")]
HE_PEOPLE = ["משה כהן", "שרה לוי", "דוד מזרחי", "רחל פרץ", "יוסף ביטון", "מיכל דהן", "אברהם אוחיון",
             "נועה פרידמן", "איתי שפירא", "תמר אזולאי", "יעל גולדברג", "אורי בן דוד"]
HE_STREETS = ["רחוב הרצל", "רח' ויצמן", "שדרות רוטשילד", "שד' בן גוריון", "דרך מנחם בגין", "ז'בוטינסקי",
              "רחוב אבן גבירול", "סוקולוב", "רחוב הנביאים"]
HE_PLACES = [("תל אביב-יפו", "6100000"), ("ירושלים", "9100000"), ("חיפה", "3100000"), ("רמת גן", "5250000"),
             ("באר שבע", "8400000"), ("פתח תקווה", "4900000"), ("ראשון לציון", "7500000")]
_AR_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _rtl_font(c: "Canvas", part: str, fonts: dict) -> None:
    have = [f for f in fonts["tuned" if part == "tuned" else "heldout"] if _exists(f)] or \
        [f for f in fonts["tuned"] if _exists(f)]
    if not have:
        raise RuntimeError("label_gen: the Arabic/Hebrew templates need fonts-dejavu-core (and, held out, "
                           "fonts-hosny-amiri, fonts-kacst-one, culmus)")
    c.rtl = c.r.choice(have)  # (the script's words; numbers and Latin words keep the label's Latin font)


def _ar_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int, indic: bool) -> int:
    R = c.img.width - 24
    name = r.choice(AR_PEOPLE)
    # (no '+' before the country code: the bidirectional algorithm puts it at the number's far end)
    phone = r.choice(["05", "05", "9665"]) + "".join(str(r.randint(0, 9)) for _ in range(8))
    if r.random() < 0.3:
        phone = f"{phone[:3]}-{phone[3:6]}-{phone[6:]}"
    if indic:
        phone = phone.translate(_AR_INDIC)
    town, pc = r.choice(AR_PLACES)
    way = r.choice(AR_WAYS)
    k = r.random()
    num = str(r.randint(1, 9999))
    unit = r.choice(["شقة", "مكتب", "فيلا"]) + f" {r.randint(1, 40)}"
    street = (f"{way} {num}، {unit}" if k < 0.35 else f"{num} {way}، {r.choice(AR_DISTRICTS)}" if k < 0.7
              else f"{r.choice(['مبنى', 'عمارة'])} {r.randint(1, 120)}، {way}، {unit}")
    if indic:
        street = street.translate(_AR_INDIC)
    c.rline(R, y, size, [(f"{anchor}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.6)
    c.rline(R, y, size - 2, [(r.choice(["جوال: ", "هاتف: ", "الجوال: "]), "other"),
                             (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.6)
    c.rline(R, y, size - 2, [(street, "address", "all", role)])
    y += int(size * 1.6)
    if pc:
        pcs = pc.translate(_AR_INDIC) if indic else pc
        # (the postcode's first two digits kept with the town, as share keeps a region)
        c.rline(R, y, size - 2, [(f"{town} ", "region"), (pcs[:2], "region"), (pcs[2:], "address", "all", role)])
    else:
        c.rline(R, y, size - 2, [(town, "region"), ("، الإمارات العربية المتحدة", "region")])
    return y + int(size * 1.7)


def t_ae_aramex(c: Canvas, g: Gen, part: str) -> Label:
    """An Arabic parcel label (Aramex, SMSA, Naqel, Saudi Post, Emirates Post; Saudi Arabia, the
    Emirates, Egypt): 'المرسل' (sender) and 'المستلم' (recipient) blocks, right to left, with the
    name (given, father's and family name), the mobile after 'جوال' or 'هاتف', the street (a kind of
    way: شارع, طريق), the building and flat (مبنى, عمارة, شقة, فيلا) or the district (حي), the town
    and postcode; the shipment number after 'رقم الشحنة' and its barcode. A quarter of the labels
    write their numbers in Arabic-Indic digits."""
    r = g.r
    _rtl_font(c, part, AR_FONTS)
    indic = r.random() < 0.25
    trk = "".join(str(r.randint(0, 9)) for _ in range(r.choice([10, 11, 12])))
    R = c.img.width - 24
    c.line(24, 20, 34, [(r.choice(["Aramex", "SMSA Express", "Naqel Express", "SPL", "Emirates Post"]), "other")])
    c.rline(R, 24, 30, [(r.choice(["أرامكس", "سمسا إكسبرس", "ناقل إكسبرس", "البريد السعودي", "بريد الإمارات"]), "other")])
    c.rule(80)
    y = _ar_block(c, r, 100, r.choice(["المرسل", "من"]), "sender", 22, indic)
    c.rule(y)
    y = _ar_block(c, r, y + 20, r.choice(["المستلم", "المرسل إليه", "إلى"]), "recipient", 28, indic)
    c.rule(y)
    c.rline(R, y + 16, 24, [(r.choice(["رقم الشحنة: ", "رقم التتبع: ", "رقم البوليصة: "]), "other"),
                            (trk, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 64, 3, 120, 24)
    c.rline(R, y + 264, 22, [(f"الوزن: {r.randint(1, 20) / 2:.1f} كغ   عدد القطع: {r.randint(1, 3)}", "other")])
    return Label("ae_aramex", "ar", c.img, c.items, trk)


def _he_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    R = c.img.width - 24
    name = r.choice(HE_PEOPLE)
    pre = r.choice(["050", "052", "053", "054", "058"])
    body = "".join(str(r.randint(0, 9)) for _ in range(7))
    phone = f"{pre}-{body}" if r.random() < 0.6 else pre + body
    town, pc = r.choice(HE_PLACES)
    pc = pc[:2] + "".join(str(r.randint(0, 9)) for _ in range(5))
    street = f"{r.choice(HE_STREETS)} {r.randint(1, 180)}"
    if r.random() < 0.6:
        street += ", " + r.choice([f"דירה {r.randint(1, 40)}", f"קומה {r.randint(1, 12)}", f"כניסה {r.choice('אבג')}"])
    c.rline(R, y, size, [(f"{anchor}: ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.6)
    c.rline(R, y, size - 2, [(r.choice(["טלפון: ", "נייד: ", "טל': "]), "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.6)
    c.rline(R, y, size - 2, [(street, "address", "all", role)])
    y += int(size * 1.6)
    # (the postcode's first two digits kept with the town, as share keeps a region)
    c.rline(R, y, size - 2, [(f"{town} ", "region"), (pc[:2], "region"), (pc[2:], "address", "all", role)]
            if r.random() < 0.5 else [(pc[:2], "region"), (pc[2:], "address", "all", role), (f" {town}", "region")])
    return y + int(size * 1.7)


def t_il_post(c: Canvas, g: Gen, part: str) -> Label:
    """A Hebrew parcel label (Israel Post, HFD, Cheetah, Boxit): 'שולח' or 'מאת' (sender) and 'נמען'
    or 'אל' (recipient) blocks, right to left, with the name, the mobile after 'טלפון' or 'נייד', the
    street (רחוב, שדרות, דרך, or its name alone) and number, the flat, floor or entrance, the town
    and its 7-digit postcode; the shipment number after 'מספר משלוח' and its barcode."""
    r = g.r
    _rtl_font(c, part, HE_FONTS)
    trk = (r.choice(["RR", "EE", "CP", "LX"]) + "".join(str(r.randint(0, 9)) for _ in range(9)) + "IL"
           if r.random() < 0.5 else "".join(str(r.randint(0, 9)) for _ in range(10)))
    R = c.img.width - 24
    c.line(24, 20, 34, [(r.choice(["Israel Post", "HFD", "Cheetah", "Boxit"]), "other")])
    c.rline(R, 24, 30, [(r.choice(["דואר ישראל", "צ'יטה שליחויות", "בוקסיט", "שליחויות HFD"]), "other")])
    c.rule(80)
    y = _he_block(c, r, 100, r.choice(["שולח", "מאת"]), "sender", 22)
    c.rule(y)
    y = _he_block(c, r, y + 20, r.choice(["נמען", "אל", "מקבל"]), "recipient", 28)
    c.rule(y)
    c.rline(R, y + 16, 24, [(r.choice(["מספר משלוח: ", "מספר מעקב: ", "מס' משלוח: "]), "other"),
                            (trk, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 64, 3, 120, 24)
    c.rline(R, y + 264, 22, [(f"משקל: {r.randint(1, 20) / 2:.1f} ק\"ג", "other")])
    return Label("il_post", "he", c.img, c.items, trk)


# --- South Asia (2026-12-07 night): Hindi and Bengali labels, read by Tesseract's hin and ben readers
# (rapidocr's bundled model reads neither script); written with the rules they check, so NOT held out
# (``OTHER_SCRIPT_TEMPLATES``); the held-out part draws them with other fonts
HI_FONTS = {"tuned": ["/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"],
            "heldout": ["/usr/share/fonts/truetype/Gargi/Gargi.ttf", "/usr/share/fonts/truetype/samyak/Samyak-Devanagari.ttf",
                        "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"]}
BN_FONTS = {"tuned": ["/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf"],
            "heldout": ["/usr/share/fonts/truetype/fonts-beng-extra/Mukti.ttf",
                        "/usr/share/fonts/truetype/fonts-beng-extra/LikhanNormal.ttf",
                        "/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf"]}
HI_FIRST = "राहुल सुनीता अमित प्रिया विकास अनीता संजय पूजा रमेश कविता अजय नेहा मनोज दीपिका".split()
HI_LAST = "शर्मा वर्मा गुप्ता सिंह कुमार यादव मिश्रा पटेल जोशी अग्रवाल चौहान तिवारी".split()
HI_PLACES = [("जयपुर", "राजस्थान", "302"), ("लखनऊ", "उत्तर प्रदेश", "226"), ("पटना", "बिहार", "800"),
             ("भोपाल", "मध्य प्रदेश", "462"), ("नई दिल्ली", "दिल्ली", "110"), ("पुणे", "महाराष्ट्र", "411"),
             ("वाराणसी", "उत्तर प्रदेश", "221"), ("इंदौर", "मध्य प्रदेश", "452")]
HI_HOUSES = ["मकान नं. {n}, गली नं. {m}", "फ्लैट {n}, साई अपार्टमेंट", "प्लॉट नं. {n}, सेक्टर {m}", "वार्ड नं. {m}, मकान नं. {n}",
             "{n}/{m}, शिवाजी मार्ग"]
HI_AREAS = ["शास्त्री नगर", "लाजपत नगर", "स्टेशन रोड", "राजेंद्र नगर", "गांधी मार्ग", "शिव मंदिर के पास", "सिविल लाइंस"]
BN_FIRST = "রহিম করিম ফাতেমা নাসরিন সুমন রিনা আরিফ তানিয়া হাসান শাহানা".split()
BN_LAST = "উদ্দিন হোসেন আক্তার ইসলাম রহমান খাতুন চৌধুরী আহমেদ".split()
BN_PLACES = [("ধানমন্ডি", "ঢাকা", "১২০৫"), ("উত্তরা", "ঢাকা", "১২৩০"), ("আগ্রাবাদ", "চট্টগ্রাম", "৪১০০"),
             ("জিন্দাবাজার", "সিলেট", "৩১০০"), ("সাহেব বাজার", "রাজশাহী", "৬১০০")]
BN_HOUSES = ["বাড়ি নং {n}, রোড {m}", "বাসা নং {n}, লেন {m}", "ফ্ল্যাট {m}বি, বাড়ি {n}", "হোল্ডিং নং {n}, সেক্টর {m}"]
_BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_INDIC_RUN = re.compile(r"[\u0900-\u0dff]+(?:[ \t]+[\u0900-\u0dff]+)*")


def _indic_font(c: "Canvas", part: str, fonts: dict) -> None:
    have = [f for f in fonts["tuned" if part == "tuned" else "heldout"] if _exists(f)] or \
        [f for f in fonts["tuned"] if _exists(f)]
    if not have:
        raise RuntimeError("label_gen: the Hindi/Bengali/Tamil templates need fonts-lohit-deva, fonts-lohit-beng-bengali, fonts-lohit-taml "
                           "(held out: fonts-gargi, fonts-samyak-deva, fonts-samyak-taml, fonts-beng-extra)")
    c.indic = c.r.choice(have)


def _iline(c: "Canvas", x: int, y: int, size: int, segs) -> int:
    """One printed line of Devanagari or Bengali words and Latin text: the script's runs drawn with
    ``c.indic`` (Raqm shapes its conjuncts and vowel signs), the rest with the label's Latin font;
    each character's box is its run's advance up to it. Returns the right edge."""
    text = "".join(s[0] for s in segs)
    fi, fl = c.font_at(c.indic, size), c.font(size, False)
    top, bottom = fi.getbbox("Hg")[1] - size // 5, fi.getbbox("Hg")[3] + size // 6
    boxes: list = [None] * len(text)
    pos, cx = 0, float(x)
    runs = []
    for m in _INDIC_RUN.finditer(text):
        if m.start() > pos:
            runs.append((pos, m.start(), fl))
        runs.append((m.start(), m.end(), fi))
        pos = m.end()
    if pos < len(text):
        runs.append((pos, len(text), fl))
    for a, b, f in runs:
        run = text[a:b]
        c.d.text((cx, y), run, font=f, fill=0)
        for i in range(len(run)):
            boxes[a + i] = (cx + f.getlength(run[:i]), y + top, cx + f.getlength(run[:i + 1]), y + bottom)
        cx += f.getlength(run)
    zl = (x, y, size, text, [])
    c.zlines.append(zl)
    c._items(zl, segs, lambda k: boxes[k], 0)
    return int(cx)


def _hi_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = f"{r.choice(HI_FIRST)} {r.choice(HI_LAST)}"
    title = r.choice(["", "", "श्री ", "श्रीमती "])
    phone = r.choice("6789") + "".join(str(r.randint(0, 9)) for _ in range(9))
    if r.random() < 0.3:
        phone = f"{phone[:5]} {phone[5:]}"
    town, state, pin3 = r.choice(HI_PLACES)
    pin = pin3 + "".join(str(r.randint(0, 9)) for _ in range(3))
    house = r.choice(HI_HOUSES).format(n=r.randint(1, 250), m=r.randint(1, 30))
    area = r.choice(HI_AREAS)
    _iline(c, 20, y, size, [(f"{anchor} ", "other"), (title, "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(r.choice(["मो. ", "मोबाइल: ", "फ़ोन: ", "मो. नं. "]), "other"),
                                (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(house + ", ", "address", "all", role), (area, "address", "all", role)])
    y += int(size * 1.6)
    # (the PIN's first two digits kept with the town and state, as share keeps a region)
    _iline(c, 20, y, size - 2, [(f"{town}, {state} - ", "region"), (pin[:2], "region"), (pin[2:], "address", "all", role)])
    return y + int(size * 1.7)


def t_in_post(c: Canvas, g: Gen, part: str) -> Label:
    """A Hindi parcel label (India Post's Speed Post, Delhivery, DTDC): 'प्रेषक' (sender) and 'प्रेषिती',
    'प्राप्तकर्ता' or 'सेवा में' (recipient) blocks with the name (a title before it on half of them), the
    mobile after 'मो.' or 'मोबाइल', the house, lane, flat or plot and the locality, the town, state and
    PIN; the article number and its barcode."""
    r = g.r
    _indic_font(c, part, HI_FONTS)
    trk = r.choice(["EE", "EM", "RR", "CP"]) + "".join(str(r.randint(0, 9)) for _ in range(9)) + "IN"
    c.line(24, 20, 34, [(r.choice(["India Post", "SPEED POST", "Delhivery", "DTDC"]), "other")])
    _iline(c, 420, 24, 30, [(r.choice(["भारतीय डाक", "स्पीड पोस्ट", "पंजीकृत डाक"]), "other")])
    c.rule(80)
    y = _hi_block(c, r, 100, r.choice(["प्रेषक:", "प्रेषक / From:"]), "sender", 22)
    c.rule(y)
    y = _hi_block(c, r, y + 20, r.choice(["प्रेषिती:", "प्राप्तकर्ता:", "सेवा में,"]), "recipient", 28)
    c.rule(y)
    _iline(c, 20, y + 16, 24, [(r.choice(["आर्टिकल नं.: ", "ट्रैकिंग नं.: ", "Article No.: "]), "other"), (trk, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 60, 3, 120, 24)
    _iline(c, 20, y + 260, 22, [(f"वजन: {r.randint(100, 5000)} ग्राम", "other")])
    return Label("in_post", "hi", c.img, c.items, trk)


def _bn_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = f"{r.choice(BN_FIRST)} {r.choice(BN_LAST)}"
    phone = "01" + r.choice("3456789") + "".join(str(r.randint(0, 9)) for _ in range(8))
    if r.random() < 0.4:
        phone = phone.translate(_BN_DIGITS)
    area, town, pc = r.choice(BN_PLACES)
    house = r.choice(BN_HOUSES).format(n=r.randint(1, 120), m=r.randint(1, 30)).translate(_BN_DIGITS)
    _iline(c, 20, y, size, [(f"{anchor} ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(r.choice(["মোবাইল: ", "ফোন: ", "মোবাইল নং: "]), "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(house + ", ", "address", "all", role), (area, "address", "all", role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(f"{town} ", "region"), (pc[:2], "region"), (pc[2:], "address", "all", role)])
    return y + int(size * 1.7)


def t_bd_post(c: Canvas, g: Gen, part: str) -> Label:
    """A Bengali parcel label (Bangladesh Post, Sundarban, Pathao, Steadfast): 'প্রেরক' (sender) and
    'প্রাপক' (recipient) blocks with the name, the mobile after 'মোবাইল' or 'ফোন' (in Bengali digits on
    some), the house, road, lane or flat and the area, the town and its postcode; the consignment
    number and its barcode."""
    r = g.r
    _indic_font(c, part, BN_FONTS)
    trk = r.choice(["RR", "EE", "CP"]) + "".join(str(r.randint(0, 9)) for _ in range(9)) + "BD" \
        if r.random() < 0.5 else "".join(str(r.randint(0, 9)) for _ in range(11))
    c.line(24, 20, 34, [(r.choice(["Bangladesh Post", "Sundarban", "Pathao", "Steadfast"]), "other")])
    _iline(c, 460, 24, 30, [(r.choice(["বাংলাদেশ ডাক", "কুরিয়ার সার্ভিস"]), "other")])
    c.rule(80)
    y = _bn_block(c, r, 100, r.choice(["প্রেরক:", "প্রেরকের নাম:"]), "sender", 22)
    c.rule(y)
    y = _bn_block(c, r, y + 20, r.choice(["প্রাপক:", "প্রাপকের নাম:"]), "recipient", 28)
    c.rule(y)
    _iline(c, 20, y + 16, 24, [(r.choice(["কনসাইনমেন্ট নং: ", "ট্র্যাকিং নং: ", "Tracking: "]), "other"), (trk, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 60, 3, 120, 24)
    _iline(c, 20, y + 260, 22, [(f"ওজন: {r.randint(1, 20) / 2:.1f} kg", "other")])
    return Label("bd_post", "bn", c.img, c.items, trk)


TA_FONTS = {"tuned": ["/usr/share/fonts/truetype/lohit-tamil/Lohit-Tamil.ttf"],
            "heldout": ["/usr/share/fonts/truetype/samyak-fonts/Samyak-Tamil.ttf",
                        "/usr/share/fonts/truetype/lohit-tamil/Lohit-Tamil.ttf"]}
TA_FIRST = "முருகன் லட்சுமி கார்த்திக் பிரியா செல்வம் மீனா ராஜேஷ் கவிதா சுரேஷ் அனிதா".split()
TA_LAST = "ராஜன் சுப்ரமணியன் கிருஷ்ணன் வேலு பழனிசாமி சுந்தரம் நடராஜன்".split()
TA_PLACES = [("மதுரை", "625"), ("சென்னை", "600"), ("கோயம்புத்தூர்", "641"), ("திருச்சி", "620"), ("சேலம்", "636")]
TA_HOUSES = ["கதவு எண் {n}, {w} தெரு", "வீட்டு எண் {n}, {w} சாலை", "{n}/{m}, {w} நகர்"]
TA_WAYS = ["காந்தி", "பெரியார்", "நேரு", "அண்ணா", "காமராஜர்"]


def _ta_block(c: "Canvas", r, y: int, anchor: str, role: str, size: int) -> int:
    name = f"{r.choice(TA_FIRST)} {r.choice(TA_LAST)}"
    phone = r.choice("6789") + "".join(str(r.randint(0, 9)) for _ in range(9))
    town, pin3 = r.choice(TA_PLACES)
    pin = pin3 + "".join(str(r.randint(0, 9)) for _ in range(3))
    house = r.choice(TA_HOUSES).format(n=r.randint(1, 250), m=r.randint(1, 30), w=r.choice(TA_WAYS))
    _iline(c, 20, y, size, [(f"{anchor} ", "other"), (name, "name", _given_req(name), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(r.choice(["கைபேசி: ", "தொலைபேசி: "]), "other"), (phone, "phone", _phone_req(phone), role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(house, "address", "all", role)])
    y += int(size * 1.6)
    _iline(c, 20, y, size - 2, [(f"{town} - ", "region"), (pin[:2], "region"), (pin[2:], "address", "all", role)])
    return y + int(size * 1.7)


def t_ta_post(c: Canvas, g: Gen, part: str) -> Label:
    """A Tamil parcel label (India Post in Tamil Nadu, ST Courier, Professional Couriers): 'அனுப்புநர்'
    (sender) and 'பெறுநர்' (recipient) blocks with the name, the mobile after 'கைபேசி', the door or house
    number and street, the town and PIN; the article number and its barcode."""
    r = g.r
    _indic_font(c, part, TA_FONTS)
    trk = r.choice(["EE", "EM", "RR"]) + "".join(str(r.randint(0, 9)) for _ in range(9)) + "IN"
    c.line(24, 20, 34, [(r.choice(["India Post", "ST Courier", "Professional Couriers"]), "other")])
    _iline(c, 440, 24, 30, [(r.choice(["இந்திய அஞ்சல்", "விரைவு அஞ்சல்"]), "other")])
    c.rule(80)
    y = _ta_block(c, r, 100, "அனுப்புநர்:", "sender", 22)
    c.rule(y)
    y = _ta_block(c, r, y + 20, "பெறுநர்:", "recipient", 28)
    c.rule(y)
    _iline(c, 20, y + 16, 24, [(r.choice(["கண்காணிப்பு எண்: ", "Article No.: "]), "other"), (trk, "tracking", None, "")])
    c.barcode_text(trk, -1, y + 60, 3, 120, 24)
    _iline(c, 20, y + 260, 22, [(f"எடை: {r.randint(100, 5000)} g", "other")])
    return Label("ta_post", "ta", c.img, c.items, trk)


TEMPLATES = {"cn_std": t_cn_std, "cn_anchor": t_cn_anchor, "cn_nokw": t_cn_nokw, "us_ups": t_us_ups,
             "us_plain": t_us_plain, "in_return": t_in_return, "de_dhl": t_de_dhl, "uk_rm": t_uk_rm,
             "se_pn": t_se_pn, "dk_gls": t_dk_gls, "fr_col": t_fr_col, "pl_inp": t_pl_inp, "ch_post": t_ch_post,
             "tr_yk": t_tr_yk, "nl_postnl": t_nl_postnl, "it_brt": t_it_brt, "es_seur": t_es_seur,
             "cz_ppl": t_cz_ppl, "no_bring": t_no_bring, "jp_yamato": t_jp_yamato, "vn_ghn": t_vn_ghn,
             "id_jnt": t_id_jnt, "th_kerry": t_th_kerry, "kr_cj": t_kr_cj,
             "ru_cdek": t_ru_cdek, "gr_acs": t_gr_acs, "ae_aramex": t_ae_aramex, "il_post": t_il_post,
             "in_post": t_in_post, "bd_post": t_bd_post, "ta_post": t_ta_post}
# looked at while developing
TUNED_TEMPLATES = ["cn_std", "cn_anchor", "us_ups", "in_return", "de_dhl", "uk_rm", "se_pn", "tr_yk"]
# never looked at while developing: only scored (6 of 14 templates, other fonts, other name pools, other seeds)
HELDOUT_TEMPLATES = ["cn_nokw", "us_plain", "dk_gls", "fr_col", "pl_inp", "ch_post"]
# (added 2026-12-07, held out too; not in HELDOUT_TEMPLATES so that the held-out figures recorded
# before stay comparable: `label_holdout --part heldout --templates jp_yamato`)
LATER_HELDOUT_TEMPLATES = ["jp_yamato"]
# (written after the rules they check, 2026-12-07: not held out; `label_holdout --part heldout
# --templates vn_ghn,id_jnt` draws them with the held-out fonts and seeds)
SEA_TEMPLATES = ["vn_ghn", "id_jnt"]
# (written with the script readers they check, 2026-12-07: not held out; the held-out part draws
# them with other Thai and Korean fonts)
OTHER_SCRIPT_TEMPLATES = ["th_kerry", "kr_cj", "ru_cdek", "gr_acs", "ae_aramex", "il_post", "in_post", "bd_post",
                          "ta_post"]
# the held-out seed was changed once (9077 -> 9177) after a first held-out measurement, so that the
# final figures come from labels nobody looked at
TUNED_SEED, HELDOUT_SEED = 1100, 9177
# the stress part (harder photos, layouts never tuned on): every template, the 5 stress layouts
# twice as often; STRESS_SEED is the seed the failures were looked at on, any other seed is fresh
STRESS_TEMPLATES = ["nl_postnl", "cn_std", "it_brt", "us_plain", "es_seur", "cn_nokw", "cz_ppl", "de_dhl",
                    "no_bring", "us_ups", "nl_postnl", "cn_anchor", "it_brt", "fr_col", "es_seur", "in_return",
                    "cz_ppl", "uk_rm", "no_bring", "pl_inp", "dk_gls", "se_pn", "ch_post", "tr_yk"]
STRESS_SEED = 4100


def make(template: str, part: str, seed: int, names: str = "list") -> Label:
    """Label ``template`` of ``part`` at ``seed``. ``names="wide"``: a third of the Chinese names
    take a surname from ``WIDE_SURNAMES`` (drawn by a second random stream, so everything else on
    the label is the same as with ``"list"``)."""
    r = random.Random(seed)
    lat, cjk = fonts_for(part)
    if part == "stress":
        lat = [f for f in LATIN_STRESS if _exists(f)] or lat
        cjk = [f for f in CJK_STRESS if _exists(f)] or cjk
    latin, cj = r.choice(lat), r.choice(cjk)
    g = Gen(seed)
    if names == "wide":
        g.wide = random.Random(seed * 7919 + 17)
    w, h = (800, 1200)
    c = Canvas(w, h, latin, cj, g.r)
    c.codes = []
    c.d.rectangle([4, 4, w - 5, h - 5], outline=0, width=3)
    lab = TEMPLATES[template](c, g, part)
    lab.codes = c.codes
    lab.font = os.path.basename(c.latin) + "+" + os.path.basename(c.cjk[0]) + (
        "+" + os.path.basename(c.rtl) if getattr(c, "rtl", None) else "") + (
        "+" + os.path.basename(c.indic) if getattr(c, "indic", None) else "")
    lab.zpl, lab.zfields = to_zpl(c, lab)
    return lab


_ZPL_CODE = {"Code128": "^BY{m}^BCN,{h},N,N,N", "QRCode": "^BQN,2,{m}", "DataMatrix": "^BXN,{m},200",
             "PDF417": "^BY2^B7N,{m},5,,,N"}


def to_zpl(c: Canvas, lab: Label) -> tuple[str, list]:
    """The label as a ZPL II print stream at 203 dpi (one dot per canvas pixel): every printed line
    is one ^FO/^A0/^FD field at the same place and height, every code the same symbology with the
    same payload (a QR payload behind its ``QA,`` mode prefix). Returns (stream, per-field facts)."""
    out = ["^XA", "^CI28", f"^PW{c.img.width}", f"^LL{c.img.height}"]
    fields = []
    for x, y, size, text, segs in c.zlines:
        h = max(10, int(size * 1.1))
        out.append(f"^FO{x},{y}^A0N,{h},{h}^FD{_zesc(text)}^FS")
        fields.append((text, segs))
    for fmt, payload, _pers, box in lab.codes:
        x0, y0, x1, y1 = box
        head = _ZPL_CODE.get(fmt, "^BQN,2,{m}").format(m=3, h=max(40, y1 - y0))
        data = ("QA," + payload) if fmt == "QRCode" else payload
        out.append(f"^FO{x0},{y0}{head}^FH^FD{_zhex(data)}^FS")
        fields.append((payload, None))
    out.append("^XZ")
    return "\n".join(out) + "\n", fields


def _zesc(s: str) -> str:
    return s.replace("^", " ").replace("~", " ")


def _zhex(s: str) -> str:
    """^FH escapes (``_1D``) for control characters and the ZPL command characters."""
    return "".join(f"_{ord(ch):02X}" if ord(ch) < 32 or ch in "^~_" else ch for ch in s)


# --------------------------------------------------------------------------- photos

CONDITIONS = ["rotate", "perspective", "blur", "lowlight", "glare", "jpeg40"]


def photo(img, r: random.Random, cond: str, angle: float | None = None):
    """A phone photo of the label: (PIL RGB image, 3x3 homography from label to photo pixels).
    Every photo is rotated (angle drawn from 0-359 unless given) and JPEG-compressed (40-95)."""
    import cv2
    from PIL import Image
    arr = np.array(img.convert("RGB"))
    h, w = arr.shape[:2]
    angle = r.uniform(0, 360) if angle is None else angle
    # perspective: corners moved inwards
    j = (0.12 if cond == "perspective" else 0.03) * min(w, h)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + np.float32([[r.uniform(0, j), r.uniform(0, j)], [-r.uniform(0, j), r.uniform(0, j)],
                            [-r.uniform(0, j), -r.uniform(0, j)], [r.uniform(0, j), -r.uniform(0, j)]])
    P = cv2.getPerspectiveTransform(src, dst)
    scale = r.uniform(0.85, 1.15)
    th = math.radians(angle)
    R = np.array([[math.cos(th) * scale, math.sin(th) * scale, 0], [-math.sin(th) * scale, math.cos(th) * scale, 0],
                  [0, 0, 1]])
    M = R @ P
    pts = cv2.perspectiveTransform(src[None], M)[0]
    pad = 60
    x0, y0 = pts.min(0) - pad
    x1, y1 = pts.max(0) + pad
    T = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]])
    H = T @ M
    W2, H2 = int(x1 - x0), int(y1 - y0)
    bg = tuple(int(v) for v in (r.randint(90, 170), r.randint(80, 150), r.randint(60, 130)))
    out = cv2.warpPerspective(arr, H, (W2, H2), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bg)
    out = out.astype(np.float32)
    yy, xx = np.mgrid[0:H2, 0:W2].astype(np.float32)
    if cond == "lowlight":
        out = out * r.uniform(0.35, 0.55) + 10
        shade = 0.6 + 0.4 * (xx / W2)  # a shadow across the label
        out *= shade[..., None]
    elif cond == "glare":
        cx, cy, rad = r.uniform(0.3, 0.7) * W2, r.uniform(0.3, 0.7) * H2, r.uniform(0.12, 0.25) * max(W2, H2)
        gl = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * rad ** 2)))
        out = out + gl[..., None] * r.uniform(60, 110)
    else:
        out = out * r.uniform(0.8, 1.0) + r.uniform(0, 15)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if cond == "blur":
        if r.random() < 0.5:
            out = cv2.GaussianBlur(out, (0, 0), r.uniform(1.0, 1.6))
        else:
            k = r.choice([5, 7])
            ker = np.zeros((k, k), np.float32)
            ker[k // 2, :] = 1.0 / k
            rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), r.uniform(0, 180), 1)
            ker = cv2.warpAffine(ker, rot, (k, k))
            ker /= ker.sum()
            out = cv2.filter2D(out, -1, ker)
    else:
        out = cv2.GaussianBlur(out, (3, 3), r.uniform(0.3, 0.8))
    noise = np.random.default_rng(r.randrange(1 << 30)).normal(0, 4, out.shape)
    out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    q = 40 if cond == "jpeg40" else r.randint(40, 95)
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, "JPEG", quality=q)
    buf.seek(0)
    return Image.open(buf).convert("RGB"), H


# --------------------------------------------------------------------------- harder photos (stress part)

STRESS_CONDITIONS = ["tilt", "motion", "defocus", "shadow", "lowcontrast", "jpeg55", "texture", "crease", "far",
                     "pair"]


def _background(r: random.Random, W: int, H: int, kind: str) -> np.ndarray:
    """A surface under the label: flat, or (``texture``) wood grain / cardboard fibres with printed
    newspaper-like words on it."""
    import cv2
    from PIL import Image, ImageDraw, ImageFont
    base = np.array([r.randint(90, 170), r.randint(80, 150), r.randint(60, 130)], np.float32)
    out = np.ones((H, W, 3), np.float32) * base
    if kind != "texture":
        return out
    rng = np.random.default_rng(r.randrange(1 << 30))
    low = cv2.resize(rng.normal(0, 1, (max(2, H // 40), max(2, W // 40))).astype(np.float32), (W, H))
    yy = np.mgrid[0:H, 0:W][0].astype(np.float32)
    grain = np.sin(yy / r.uniform(3, 9) + low * 4) * 18 + rng.normal(0, 6, (H, W))
    out += grain[..., None]
    if r.random() < 0.6:  # printed words on the surface (a newspaper or a box print)
        im = Image.new("L", (W, H), 255)
        d = ImageDraw.Draw(im)
        f = ImageFont.truetype(LATIN_TUNED[0] if _exists(LATIN_TUNED[0]) else LATIN_HELDOUT[0], r.randint(18, 30))
        words = ["Wetter", "Sonntag", "Markt", "Preis", "Angebot", "Stadt", "Fragile", "This side up", "Handle with care",
                 "Bericht", "Nachrichten", "Sport", "Kultur", "Zeitung", "2026", "Seite 4"]
        for yline in range(0, H, r.randint(30, 44)):
            d.text((r.randint(-40, 10), yline), "  ".join(r.choice(words) for _ in range(W // 60)), font=f, fill=0)
        ink = np.asarray(im, np.float32) / 255.0
        out = out * (0.45 + 0.55 * ink[..., None])
    return out


def _kernel_motion(r: random.Random, length: int) -> np.ndarray:
    import cv2
    k = length | 1
    ker = np.zeros((k, k), np.float32)
    ker[k // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), r.uniform(0, 180), 1)
    ker = cv2.warpAffine(ker, rot, (k, k))
    return ker / ker.sum()


def _kernel_disk(radius: float) -> np.ndarray:
    k = int(np.ceil(radius)) * 2 + 1
    yy, xx = np.mgrid[0:k, 0:k] - k // 2
    ker = ((xx ** 2 + yy ** 2) <= radius ** 2).astype(np.float32)
    return ker / ker.sum()


def _tilt_matrix(w: int, h: int, r: random.Random, deg: float) -> np.ndarray:
    """Camera tilted by ``deg`` degrees out of the label's plane (about a random axis in it):
    H = K R K^-1, focal length about the label's size (a phone held close)."""
    f = max(w, h) * r.uniform(0.9, 1.3)
    K = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
    ax = r.uniform(0, math.pi)
    u = np.array([math.cos(ax), math.sin(ax), 0.0])
    th = math.radians(deg)
    Ux = np.array([[0, -u[2], u[1]], [u[2], 0, -u[0]], [-u[1], u[0], 0]])
    R = np.eye(3) * math.cos(th) + math.sin(th) * Ux + (1 - math.cos(th)) * np.outer(u, u)
    return K @ R @ np.linalg.inv(K)


def _place(img, r: random.Random, cond: str, angle: float, scale: float) -> np.ndarray:
    """The 3x3 homography from the label's pixels to the photo (before the translation onto the canvas)."""
    import cv2
    w, h = img.size
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = 0.04 * min(w, h)
    dst = src + np.float32([[r.uniform(0, j), r.uniform(0, j)], [-r.uniform(0, j), r.uniform(0, j)],
                            [-r.uniform(0, j), -r.uniform(0, j)], [r.uniform(0, j), -r.uniform(0, j)]])
    P = cv2.getPerspectiveTransform(src, dst)
    if cond == "tilt":
        P = _tilt_matrix(w, h, r, r.uniform(20, 35)) @ P
    th = math.radians(angle)
    R = np.array([[math.cos(th) * scale, math.sin(th) * scale, 0], [-math.sin(th) * scale, math.cos(th) * scale, 0],
                  [0, 0, 1]])
    return R @ P


def stress_angle(r: random.Random) -> float:
    """In-plane rotation of a stress photo: 20-35 degrees either way off one of the four upright
    positions (never a multiple of 90)."""
    return (r.choice([0, 90, 180, 270]) + r.choice([-1, 1]) * r.uniform(20, 35)) % 360


def photo_hard(imgs, r: random.Random, cond: str, angles=None):
    """A harder phone photo (the stress part): one label, or two side by side (``pair``), each
    rotated 20-35 degrees off upright, on a flat or textured surface, then the condition: camera
    tilt 20-35 degrees out of plane (``tilt``), motion blur 9-15 px, defocus (disk 2-3 px), a hard
    shadow with uneven light, low contrast (ink ~120 on paper ~200), JPEG 50-60, a crease across
    the label, or the label small on a large photo (``far``: text 0.45-0.6 of its print size).
    Every photo is JPEG-compressed (quality 50-60 for ``jpeg55``, else 60-85).
    Returns (PIL RGB image, [3x3 homography from each label to photo pixels])."""
    import cv2
    from PIL import Image
    if not isinstance(imgs, (list, tuple)):
        imgs = [imgs]
    Ms = []
    for k, img in enumerate(imgs):
        ang = angles[k] if angles else stress_angle(r)
        scale = r.uniform(0.45, 0.6) if cond == "far" else (r.uniform(0.55, 0.7) if cond == "pair" else r.uniform(0.85, 1.1))
        Ms.append((img, _place(img, r, cond, ang, scale)))
    # lay the labels out left to right with a gap
    placed, xoff = [], 0.0
    for img, M in Ms:
        w, h = img.size
        pts = cv2.perspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]])[None], M)[0]
        x0, y0 = pts.min(0)
        x1, y1 = pts.max(0)
        T = np.array([[1, 0, xoff - x0], [0, 1, -y0], [0, 0, 1]])
        placed.append((img, T @ M, y1 - y0))
        xoff += (x1 - x0) + r.uniform(30, 90)
    pad = 400 if cond == "far" else (140 if cond == "texture" else 60)
    W2 = int(xoff + 2 * pad)
    H2 = int(max(p[2] for p in placed) + 2 * pad)
    Tp = np.array([[1, 0, pad], [0, 1, pad], [0, 0, 1]], float)
    out = _background(r, W2, H2, "texture" if cond in ("texture", "far") else "flat")
    Hs = []
    for img, M, _ in placed:
        Hm = Tp @ M
        arr = np.array(img.convert("RGB")).astype(np.float32)
        if cond == "lowcontrast":
            arr = 118 + arr * (r.uniform(190, 210) - 118) / 255.0
        warped = cv2.warpPerspective(arr, Hm, (W2, H2), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                     borderValue=(0, 0, 0))
        cover = cv2.warpPerspective(np.ones(arr.shape[:2], np.float32), Hm, (W2, H2), flags=cv2.INTER_LINEAR)
        out = out * (1 - cover[..., None]) + warped
        Hs.append(Hm)
    yy, xx = np.mgrid[0:H2, 0:W2].astype(np.float32)
    if cond == "shadow":
        # uneven light across the photo and a hard shadow (a hand, a phone) with a soft edge
        out *= (0.75 + 0.35 * (xx / W2) * (yy / H2 + 0.3))[..., None]
        cx, cy = r.uniform(0.2, 0.8) * W2, r.uniform(0.2, 0.8) * H2
        a = r.uniform(0, math.pi)
        side = (xx - cx) * math.cos(a) + (yy - cy) * math.sin(a)
        sh = 1.0 - r.uniform(0.45, 0.6) * np.clip(side / 6.0 + 0.5, 0, 1)
        out *= sh[..., None]
    elif cond == "crease":
        # a fold across the label: a darker half, a dark line and a bright edge beside it
        for img, Hm in zip(imgs, Hs):
            w, h = img.size
            p0 = np.float32([[r.uniform(0, w), 0], [r.uniform(0, w), h]]) if r.random() < 0.5 else \
                np.float32([[0, r.uniform(0.2, 0.8) * h], [w, r.uniform(0.2, 0.8) * h]])
            (ax_, ay_), (bx_, by_) = cv2.perspectiveTransform(p0[None], Hm)[0]
            nx, ny = -(by_ - ay_), bx_ - ax_
            nn = math.hypot(nx, ny) or 1.0
            dist = ((xx - ax_) * nx + (yy - ay_) * ny) / nn
            shade = np.where(dist > 0, r.uniform(0.72, 0.85), 1.0) * (1 - 0.45 * np.exp(-(dist ** 2) / 3.0)) \
                + 0.18 * np.exp(-((dist + 4) ** 2) / 6.0)
            out *= shade[..., None]
    else:
        out = out * r.uniform(0.85, 1.0) + r.uniform(0, 12)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if cond == "motion":
        out = cv2.filter2D(out, -1, _kernel_motion(r, r.randint(9, 15)))
    elif cond == "defocus":
        out = cv2.filter2D(out, -1, _kernel_disk(r.uniform(2.0, 3.0)))
    else:
        out = cv2.GaussianBlur(out, (3, 3), r.uniform(0.4, 0.9))
    noise = np.random.default_rng(r.randrange(1 << 30)).normal(0, 5, out.shape)
    out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    q = r.randint(50, 60) if cond == "jpeg55" else r.randint(60, 85)
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, "JPEG", quality=q)
    buf.seek(0)
    return Image.open(buf).convert("RGB"), Hs
