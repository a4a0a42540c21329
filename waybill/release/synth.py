"""Synthetic waybill exports with skewed, real-looking distributions, for the release tests and
benchmarks: a few big-city districts carry most parcels, many rural districts a handful each;
recipients order repeatedly (heavy buyers); goods categories range from common to rare; a share of
remarks carries a phone number. Every person is made up (``waybill.generators.records.Gen``)."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from ..generators.records import Gen, region_text
from ..resources import divisions

HEADER = ["订单号", "运单号", "收件人", "收件人电话", "收件地址", "重量kg", "声明价值", "下单时间", "商品类别", "备注"]
GOODS = [("服装", 0.30), ("食品", 0.20), ("数码", 0.15), ("日用品", 0.15), ("图书", 0.08), ("美妆", 0.07),
         ("母婴", 0.03), ("药品", 0.01), ("医疗器械", 0.006), ("成人用品", 0.004)]
# busy urban districts (adcode prefixes of cities whose districts take most parcels)
BIG_CITIES = ["110100", "310100", "440100", "440300", "330100", "510100"]
REMARKS = ["放门口", "送货前电话联系", "工作日送达", "易碎品轻放", "放快递柜", "", "", "", "", ""]


@dataclass
class Truth:
    names: set = field(default_factory=set)
    phones: set = field(default_factory=set)
    details: set = field(default_factory=set)
    ids: set = field(default_factory=set)  # order and tracking numbers


class SkewedExport:
    """``rows(n)`` yields export rows; ``urban`` is the share of parcels to big-city districts."""

    def __init__(self, seed: int = 7, persons: int | None = None, urban: float = 0.6,
                 start: str = "2026-10-01", days: int = 61):
        self.g = Gen(seed)
        self.rng = np.random.default_rng(seed)
        idx = divisions()
        counties = sorted((d for d in idx.by_code.values() if d.level == 3 and d.parent is not None
                           and d.code[6:] == "000000"), key=lambda d: d.code)
        self.urban = [d for d in counties if d.code[:6] in BIG_CITIES or d.code[:4] + "00" in BIG_CITIES]
        self.rural = [d for d in counties if d not in self.urban]
        self.urban_share = urban
        self.persons_n = persons
        self.start = datetime.fromisoformat(start)
        self.days = days
        self._people: list | None = None

    def _person_pool(self, n: int):
        m = self.persons_n or max(10, n // 3)
        rng = self.rng
        urban = rng.random(m) < self.urban_share
        # urban districts: Zipf-like weights; rural: uniform over ~3000 districts
        uw = 1.0 / np.arange(1, len(self.urban) + 1) ** 0.8
        uw /= uw.sum()
        people = []
        for i in range(m):
            if urban[i]:
                d = self.urban[rng.choice(len(self.urban), p=uw)]
            else:
                d = self.rural[rng.integers(len(self.rural))]
            people.append((self.g.cn_name(), self.g.mobile(), region_text(d), self.g.cn_detail()))
        # parcels per person: heavy-tailed
        w = rng.pareto(1.5, m) + 1
        return people, w / w.sum()

    def rows(self, n: int, truth: Truth | None = None):
        people, pw = self._person_pool(n)
        rng = self.rng
        who = rng.choice(len(people), size=n, p=pw)
        goods = rng.choice(len(GOODS), size=n, p=np.array([p for _, p in GOODS]) / sum(p for _, p in GOODS))
        day = rng.integers(self.days, size=n)
        hour = rng.choice(24, size=n, p=_hours())
        minute = rng.integers(60, size=n)
        weight = np.round(np.clip(rng.lognormal(0.3, 0.9, size=n), 0.1, 60), 1)
        value = np.round(np.clip(rng.lognormal(4.0, 1.1, size=n), 1, 20000), 0)
        remark_x = rng.random(n)
        g = self.g
        for i in range(n):
            name, phone, region, detail = people[who[i]]
            t = self.start + timedelta(days=int(day[i]), hours=int(hour[i]), minutes=int(minute[i]))
            if remark_x[i] < 0.12:
                rp = g.mobile()
                remark = f"电话不通请打{rp}"
                if truth is not None:
                    truth.phones.add(rp)
            else:
                remark = REMARKS[int(remark_x[i] * 1000) % len(REMARKS)]
            oid, trk = g.order_id(), g.tracking()
            if truth is not None:
                truth.names.add(name)
                truth.phones.add(phone)
                truth.details.add(detail)
                truth.ids.update((oid, trk))
            yield [oid, trk, name, phone, region + detail, f"{weight[i]:.1f}", f"{int(value[i])}",
                   t.strftime("%Y-%m-%d %H:%M"), GOODS[goods[i]][0], remark]


def _hours() -> np.ndarray:
    w = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.2, 3.3, 3, 2.8, 3, 3.2, 3.3, 3.2, 3,
                  3.5, 4, 4, 3, 2], dtype=float)
    return w / w.sum()


def write(path: Path, n: int, seed: int = 7, fmt: str | None = None, truth: Truth | None = None,
          **kw) -> Path:
    """Write an export of ``n`` rows (format from the extension: csv, tsv, jsonl, json, xlsx)."""
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    rows = SkewedExport(seed, **kw).rows(n, truth)
    if fmt in ("csv", "tsv"):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="," if fmt == "csv" else "\t")
            w.writerow(HEADER)
            w.writerows(rows)
    elif fmt in ("jsonl", "json"):
        with open(path, "w", encoding="utf-8") as fh:
            recs = ({"order_id": r[0], "tracking_no": r[1],
                     "receiver": {"name": r[2], "mobile": r[3], "address": r[4]},
                     "weight_kg": float(r[5]), "declared_value": int(r[6]), "created_at": r[7],
                     "goods": r[8], "remark": r[9]} for r in rows)
            if fmt == "jsonl":
                for r in recs:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                fh.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n]\n")
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("orders")
        ws.append(HEADER)
        for r in rows:
            ws.append(r[:5] + [float(r[5]), int(r[6])] + r[7:])
        wb.save(path)
    else:
        raise ValueError(fmt)
    return path
