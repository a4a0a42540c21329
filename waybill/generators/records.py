"""Synthetic waybill records with known truth, for samples, tests and benchmarks.

Every person here is made up: names from the surname list and common given-name characters,
numbers random (mobile numbers use real prefixes, so detectors see realistic input), addresses
built from the real province/city/county tree with invented streets and house numbers.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from ..resources import divisions, surnames

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志文玉红飞鹏宇浩然子轩梓涵一诺欣怡晨阳佳琪雨萱思远博文俊杰嘉怡"
STREETS = "人民 解放 建设 中山 和平 新华 胜利 文化 光明 友谊 长江 黄河 迎宾 幸福 东风 朝阳 青年 北京 南京 延安".split()
ROADS = ["路", "街", "大道", "大街"]
ESTATES = ["花园", "小区", "公寓", "家园", "新村", "大厦", "广场", "苑"]
PREFIXES = ["138", "139", "150", "151", "158", "186", "187", "188", "133", "153", "177", "180", "181",
            "189", "199", "166", "135", "136", "137", "147", "198", "191", "195", "172", "162"]
US_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Susan",
            "William", "Karen", "Maria", "Daniel", "Emily", "Olivia", "Noah", "Sophia"]
US_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Moore",
           "Taylor", "Anderson", "Thomas", "Jackson", "Martin", "Lee", "Walker", "Young"]
US_STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Washington Blvd", "Lake Rd",
              "Park Ave", "Hill St", "Sunset Blvd", "Pine St", "River Rd"]
US_CITIES = [("Springfield", "IL", "627"), ("Austin", "TX", "787"), ("Portland", "OR", "972"),
             ("Denver", "CO", "802"), ("Columbus", "OH", "432"), ("Madison", "WI", "537"),
             ("Raleigh", "NC", "276"), ("Phoenix", "AZ", "850")]


def region_text(d) -> str:
    """The written region of a division: its names from the province down (北京市北京市 -> 北京市)."""
    chain = []
    while d is not None:
        chain.append(d.name)
        d = d.parent
    chain.reverse()
    if len(chain) == 3 and chain[0] == chain[1]:
        chain = [chain[0]] + chain[2:]
    return "".join(chain)


@dataclass
class Person:
    name: str
    phone: str
    region: str  # province+city+county (kept in share)
    detail: str  # masked in share
    lang: str = "zh"

    @property
    def address(self) -> str:
        return self.region + (" " if self.lang == "en" else "") + self.detail if self.lang == "en" else self.region + self.detail


class Gen:
    def __init__(self, seed: int = 7):
        self.r = random.Random(seed)
        single, compound = surnames(variants=False)
        self.single = sorted(single)
        self.compound = sorted(compound)
        idx = divisions()
        self.counties = sorted((d for d in idx.by_code.values() if d.level == 3 and d.parent is not None),
                               key=lambda d: d.code)

    def cn_name(self) -> str:
        r = self.r
        sur = r.choice(self.compound) if r.random() < 0.05 else r.choice(self.single)
        return sur + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2, 2))))

    def mobile(self, sep: str = "") -> str:
        r = self.r
        d = r.choice(PREFIXES) + f"{r.randrange(10**8):08d}"
        return d if not sep else f"{d[:3]}{sep}{d[3:7]}{sep}{d[7:]}"

    def cn_region(self) -> str:
        return region_text(self.r.choice(self.counties))

    def cn_detail(self) -> str:
        r = self.r
        s = f"{r.choice(STREETS)}{r.choice(ROADS)}{r.randint(1, 999)}号"
        if r.random() < 0.6:
            s += f"{r.choice(STREETS)}{r.choice(ESTATES)}{r.randint(1, 30)}栋{r.randint(1, 30)}0{r.randint(1, 9)}室"
        return s

    def cn_person(self) -> Person:
        return Person(self.cn_name(), self.mobile(), self.cn_region(), self.cn_detail())

    def us_person(self) -> Person:
        r = self.r
        city, st, z3 = r.choice(US_CITIES)
        phone = f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}"
        return Person(f"{r.choice(US_FIRST)} {r.choice(US_LAST)}", phone,
                      f"{city}, {st} {z3}", f"{r.randint(1, 9999)} {r.choice(US_STREETS)}", "en")

    def tracking(self) -> str:
        r = self.r
        return r.choice([f"SF{r.randrange(10**12):012d}", f"75{r.randrange(10**13):013d}",
                         f"YT{r.randrange(10**13):013d}", f"JT{r.randrange(10**13):013d}"])

    def order_id(self) -> str:
        return f"2026{self.r.randrange(10**14):014d}"

    def remark(self) -> tuple[str, str | None]:
        r = self.r
        x = r.random()
        if x < 0.15:
            p = self.mobile()
            return f"电话不通请打{p}", p
        if x < 0.3:
            return r.choice(["放门口", "送货前电话联系", "工作日送达", "易碎品轻放", "放快递柜"]), None
        return "", None

    def row(self) -> tuple[list[str], dict]:
        r = self.r
        rec, snd = self.cn_person(), self.cn_person()
        remark, rphone = self.remark()
        row = [self.order_id(), self.tracking(), rec.name, rec.phone, rec.region + rec.detail,
               snd.name, snd.phone, f"{r.randint(1, 300) / 10:.1f}", f"2026-11-{r.randint(1, 28):02d} "
               f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", remark]
        truth = {"names": [rec.name, snd.name], "phones": [rec.phone, snd.phone] + ([rphone] if rphone else []),
                 "details": [rec.detail], "keep": [row[0], row[1]]}
        return row, truth


    def row_en(self) -> tuple[list[str], dict]:
        """An English shipping-export row, the same ten columns as ``row``."""
        r = self.r
        rec, snd = self.us_person(), self.us_person()
        remark = r.choice(["", "", "leave at door", f"call {rec.phone} before delivery", "fragile"])
        row = [self.order_id(), self.tracking(), rec.name, rec.phone, f"{rec.detail}, {rec.region}{r.randint(10, 99)}",
               snd.name, snd.phone, f"{r.randint(1, 300) / 10:.1f}", f"2026-11-{r.randint(1, 28):02d} "
               f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", remark]
        truth = {"names": [rec.name, snd.name], "phones": [rec.phone, snd.phone], "details": [rec.detail],
                 "keep": [row[0], row[1]]}
        return row, truth


HEADER = ["订单号", "运单号", "收件人", "收件人电话", "收件地址", "寄件人", "寄件人电话", "重量kg", "下单时间", "备注"]
HEADER_EN = ["order_id", "tracking_no", "recipient", "recipient_phone", "address", "sender", "sender_phone",
             "weight_kg", "created", "remark"]


def write_csv(path: Path, rows: int, seed: int = 7, encoding: str = "utf-8", delimiter: str = ",",
              keep_truth: bool = True, lang: str = "cn") -> list[dict]:
    g = Gen(seed)
    truths = []
    make = g.row_en if lang == "en" else g.row
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(HEADER_EN if lang == "en" else HEADER)
        for _ in range(rows):
            row, t = make()
            w.writerow(row)
            if keep_truth:
                truths.append(t)
    return truths


def zpl_labels(g: "Gen", n: int) -> str:
    """Synthetic 4x6 ZPL labels, alternating a Chinese e-waybill and a US label."""
    out = []
    for i in range(n):
        if i % 2 == 0:
            a, b = g.cn_person(), g.cn_person()
            t = g.tracking()
            out.append(
                "^XA^CI28^PW812^LL1218\n"
                f"^FO30,30^A0N,40,40^FD{t[:2]} EXPRESS^FS\n"
                f"^FO30,90^A0N,30,30^FD收件人：{a.name}  {a.phone}^FS\n"
                f"^FO30,130^A0N,30,30^FB750,2,0,L^FD{a.region}{a.detail}^FS\n"
                f"^FO30,230^A0N,26,26^FD寄件人：{b.name}  {g.mobile('-')}^FS\n"
                f"^FO30,270^A0N,26,26^FD{b.region}{b.detail}^FS\n"
                f"^FO60,360^BY3^BCN,160,Y,N,N^FD{t}^FS\n"
                f"^FO560,560^BQN,2,6^FDLA,{a.name} {a.phone} {a.region}{a.detail}^FS\n"
                "^XZ\n")
        else:
            a, b = g.us_person(), g.us_person()
            t = f"1Z999AA1{g.r.randrange(10**10):010d}"
            out.append(
                "^XA^CI27^PW812^LL1218\n"
                "^FO20,20^A0N,24,24^FDFROM:^FS\n"
                f"^FO20,50^A0N,24,24^FD{b.name}^FS\n^FO20,78^A0N,24,24^FD{b.detail}^FS\n"
                f"^FO20,106^A0N,24,24^FD{b.region}{g.r.randint(10, 99)}^FS\n"
                "^FO20,180^A0N,30,30^FDSHIP TO:^FS\n"
                f"^FO60,215^A0N,36,36^FD{a.name}^FS\n^FO60,255^A0N,36,36^FD{a.detail}^FS\n"
                f"^FO60,295^A0N,36,36^FD{a.region}{g.r.randint(10, 99)}^FS\n"
                f"^FO60,335^A0N,30,30^FD{a.phone}^FS\n"
                f"^FO60,420^A0N,28,28^FDTRACKING #: {t}^FS\n"
                f"^FO60,460^BY3^BCN,200,N,N,N^FD{t}^FS\n"
                "^XZ\n")
    return "".join(out)
