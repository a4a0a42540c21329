"""Synthetic shipping-label images with known truth (for samples, tests and the evaluation).

- ``cn_label``: a 100x180 mm Chinese e-waybill at 203 dpi (800x1440 px): courier name, sort code,
  Code 128 tracking barcode with its number, 收/寄 blocks, goods line, a stub that repeats the
  recipient, sometimes a QR code carrying the recipient and an ID number.
- ``us_label``: a 4x6 inch US label at 203 dpi (812x1218 px): FROM and SHIP TO blocks, tracking
  barcode, a PDF417 or QR code with the recipient.
- ``photo``: the same label as a phone photo (rotation, perspective, blur, noise, JPEG).

People and numbers are invented (waybill.generators.records.Gen); Chinese text needs a CJK font
(Debian: fonts-wqy-microhei).
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

import numpy as np

from ..resources import cjk_font_path
from .records import Gen


@dataclass
class Truth:
    """What must disappear (``masked``: the exact strings whose characters must not be readable
    after ``share``) and what must stay (``kept``)."""

    masked: list[tuple[str, str, str]] = field(default_factory=list)  # (type, full value, gone part)
    kept: list[str] = field(default_factory=list)
    tracking: str = ""
    kind: str = "cn"


def _font(size: int):
    from PIL import ImageFont
    return ImageFont.truetype(cjk_font_path(), size)


def _barcode(text: str, fmt: str, scale: int = 2, height: int = 0):
    import zxingcpp
    from PIL import Image
    b = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
    arr = np.array(b.to_image(scale=scale))
    img = Image.fromarray(arr).convert("L")
    if height and img.height < height:
        img = img.resize((img.width, height), Image.NEAREST)
    return img


def _phone_gone(p: str) -> str:
    d = "".join(c for c in p if c.isdigit())
    return d[3:-4] if len(d) == 11 else d[-7:-4]


def cn_label(g: Gen, with_qr: bool | None = None, with_id: bool | None = None):
    from PIL import Image, ImageDraw
    r = g.r
    W, H = 800, 1440
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    t = Truth(kind="cn")
    rec, snd = g.cn_person(), g.cn_person()
    courier = r.choice(["顺丰速运", "中通快递", "圆通速递", "韵达快递", "京东物流", "申通快递"])
    tracking = g.tracking()
    t.tracking = tracking
    d.rectangle([10, 10, W - 10, H - 10], outline=0, width=3)
    d.text((30, 25), courier, font=_font(48), fill=0)
    d.text((520, 30), "标准快递", font=_font(36), fill=0)
    sort = f"{r.randint(100, 999)}-{r.randint(10, 99)} {r.choice('ABCDEFG')}{r.randint(1, 9)}"
    d.text((30, 95), sort, font=_font(64), fill=0)
    d.line([10, 180, W - 10, 180], fill=0, width=3)
    bc = _barcode(tracking, "Code128", scale=3, height=150)
    img.paste(bc, ((W - bc.width) // 2, 200))
    d.text(((W - 16 * len(tracking)) // 2, 360), tracking, font=_font(30), fill=0)
    d.line([10, 410, W - 10, 410], fill=0, width=3)
    # recipient and sender blocks: a big 收/寄 mark, name and phone, the address wrapped
    _person_block(d, "收", 430, 60, 34, f"{rec.name}  {rec.phone}", rec.region + rec.detail, 19, 45)
    d.line([10, 585, W - 10, 585], fill=0, width=2)
    sphone = g.mobile("-") if r.random() < 0.5 else snd.phone
    _person_block(d, "寄", 600, 50, 28, f"{snd.name}  {sphone}", snd.region + snd.detail, 23, 37)
    addr = rec.region + rec.detail
    fs = _font(28)
    d.line([10, 730, W - 10, 730], fill=0, width=2)
    goods = r.choice(["服装", "日用品", "电子产品", "食品", "图书", "化妆品"])
    d.text((30, 745), f"物品：{goods}  重量：{r.randint(1, 99) / 10:.1f}kg  件数：1", font=fs, fill=0)
    with_id = r.random() < 0.3 if with_id is None else with_id
    idno = ""
    if with_id:
        idno = _make_id(r)
        d.text((30, 790), f"身份证：{idno}", font=fs, fill=0)
    d.line([10, 840, W - 10, 840], fill=0, width=3)
    # stub repeating the recipient
    bc2 = _barcode(tracking, "Code128", scale=2, height=90)
    img.paste(bc2, (30, 860))
    d.text((30, 960), tracking, font=_font(26), fill=0)
    d.text((30, 1010), f"收件人：{rec.name}  {rec.phone}", font=fs, fill=0)
    d.text((30, 1050), addr[:25], font=fs, fill=0)
    if len(addr) > 25:
        d.text((30, 1088), addr[25:], font=fs, fill=0)
    with_qr = r.random() < 0.5 if with_qr is None else with_qr
    if with_qr:
        qr = _barcode(f"{tracking}|{rec.name}|{rec.phone}|{addr}", "QRCode", scale=4)
        img.paste(qr, (W - qr.width - 30, 1140))
    d.text((30, 1380), "已验视  签收人：________", font=fs, fill=0)
    t.masked += [("name", rec.name, rec.name[1:]), ("phone", rec.phone, _phone_gone(rec.phone)),
                 ("address", rec.detail, rec.detail),
                 ("name", snd.name, snd.name[1:]), ("phone", sphone, _phone_gone(sphone)),
                 ("address", snd.detail, snd.detail)]
    if idno:
        t.masked.append(("id_card", idno, idno[6:-4]))
    t.kept += [tracking]
    return img.convert("RGB"), t


def _person_block(d, mark: str, y: int, mark_size: int, size: int, first: str, addr: str, wrap: int,
                  step: int) -> None:
    f = _font(size)
    d.text((30, y), mark, font=_font(mark_size), fill=0)
    d.text((110, y + 5 if mark == "寄" else y), first, font=f, fill=0)
    d.text((110, y + 5 + step + (10 if mark == "收" else 0)), addr[:wrap], font=f, fill=0)
    if len(addr) > wrap:
        d.text((110, y + 5 + 2 * step + (15 if mark == "收" else 0)), addr[wrap:], font=f, fill=0)


def _make_id(r: random.Random) -> str:
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    body = f"330106{r.randint(1960, 2004)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 999):03d}"
    return body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11]


def us_label(g: Gen, with_code: bool | None = None):
    from PIL import Image, ImageDraw
    r = g.r
    W, H = 812, 1218
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    t = Truth(kind="us")
    rec, snd = g.us_person(), g.us_person()
    zr, zs = f"{rec.region}{r.randint(10, 99)}", f"{snd.region}{r.randint(10, 99)}"
    tracking = f"1Z{r.randrange(16**6):06X}{r.randrange(10**10):010d}"
    t.tracking = tracking
    f = _font(26)
    d.text((20, 20), "FROM:", font=f, fill=0)
    d.text((20, 52), snd.name, font=f, fill=0)
    d.text((20, 84), snd.detail, font=f, fill=0)
    d.text((20, 116), zs, font=f, fill=0)
    d.line([0, 170, W, 170], fill=0, width=4)
    fb = _font(36)
    d.text((20, 190), "SHIP TO:", font=fb, fill=0)
    d.text((80, 240), rec.name.upper(), font=fb, fill=0)
    d.text((80, 288), rec.detail.upper(), font=fb, fill=0)
    d.text((80, 336), zr.upper(), font=fb, fill=0)
    d.text((80, 384), f"TEL {rec.phone}", font=f, fill=0)
    d.line([0, 440, W, 440], fill=0, width=4)
    d.text((20, 460), "UPS GROUND", font=_font(56), fill=0)
    d.text((20, 540), f"TRACKING #: {tracking}", font=f, fill=0)
    bc = _barcode(tracking, "Code128", scale=3, height=180)
    img.paste(bc, ((W - bc.width) // 2, 590))
    d.line([0, 800, W, 800], fill=0, width=4)
    with_code = r.random() < 0.6 if with_code is None else with_code
    if with_code:
        payload = f"[)>\x1e01\x1d{rec.name}\x1d{rec.detail}\x1d{zr}\x1d{rec.phone}\x1e\x04"
        code = _barcode(payload, r.choice(["PDF417", "QRCode"]), scale=3)
        if code.width > W - 40:
            code = code.resize((W - 40, int(code.height * (W - 40) / code.width)), Image.NEAREST)
        img.paste(code, (20, 830))
    d.text((20, 1160), f"REF: {g.order_id()[:10]}  WT 2.0 LB", font=f, fill=0)
    t.masked += [("name", rec.name.upper(), rec.name.upper().split()[0][1:]),
                 ("address", rec.detail.upper(), rec.detail.upper()),
                 ("phone", rec.phone, _phone_gone(rec.phone)),
                 ("name", snd.name, snd.name.split()[0][1:]), ("address", snd.detail, snd.detail)]
    t.kept += [tracking]
    return img.convert("RGB"), t


def photo(img, r: random.Random):
    """Phone-photo look: rotation (any of 0/90/180/270 plus skew), perspective, blur, noise, JPEG."""
    import cv2
    from PIL import Image
    arr = np.array(img)
    h, w = arr.shape[:2]
    pad = int(0.08 * max(w, h))
    arr = cv2.copyMakeBorder(arr, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(150, 140, 120))
    H2, W2 = arr.shape[:2]
    j = 0.03 * min(W2, H2)
    src = np.float32([[0, 0], [W2, 0], [W2, H2], [0, H2]])
    dst = np.float32([[r.uniform(0, j), r.uniform(0, j)], [W2 - r.uniform(0, j), r.uniform(0, j)],
                      [W2 - r.uniform(0, j), H2 - r.uniform(0, j)], [r.uniform(0, j), H2 - r.uniform(0, j)]])
    arr = cv2.warpPerspective(arr, cv2.getPerspectiveTransform(src, dst), (W2, H2),
                              borderMode=cv2.BORDER_CONSTANT, borderValue=(150, 140, 120))
    angle = r.uniform(-4, 4)
    M = cv2.getRotationMatrix2D((W2 / 2, H2 / 2), angle, 1.0)
    arr = cv2.warpAffine(arr, M, (W2, H2), borderValue=(150, 140, 120))
    arr = np.rot90(arr, r.choice([0, 0, 1, 2, 3])).copy()
    arr = cv2.GaussianBlur(arr, (3, 3), r.uniform(0.3, 0.9))
    noise = np.random.default_rng(r.randrange(1 << 30)).normal(0, 6, arr.shape)
    arr = np.clip(arr.astype(float) * r.uniform(0.85, 1.0) + noise, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=r.randint(70, 90))
    buf.seek(0)
    return Image.open(buf).convert("RGB")
