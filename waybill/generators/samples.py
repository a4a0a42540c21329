"""The ``samples/`` folder (``waybill samples``): synthetic exports in every text format, label
images, a PDF and a ZPL stream, all drawn by ``records`` and ``labels``."""
from __future__ import annotations

import json
from pathlib import Path

from .records import HEADER, Gen, write_csv, zpl_labels


def write_label_samples(directory: Path, g: "Gen") -> list[Path]:
    """Label images: a Chinese e-waybill (PNG), a US 4x6 label (PNG), a phone photo (JPEG) and a
    PDF label. Skipped (with no error) when Pillow, zxing-cpp or a CJK font is missing."""
    from ..errors import MissingDependency
    try:
        from .labels import cn_label, photo, us_label
        cn, _ = cn_label(g, with_qr=True, with_id=False)
        us, _ = us_label(g, with_code=True)
        ph = photo(cn_label(g, with_qr=False, with_id=True)[0], g.r)
    except (MissingDependency, ImportError):
        return []
    out = []
    for name, im, kw in (("label_cn.png", cn, {}), ("label_us.png", us, {}),
                         ("label_photo.jpg", ph, {"quality": 90})):
        p = directory / name
        im.save(p, **kw)
        out.append(p)
    p = directory / "label_us.pdf"
    us.save(p, "PDF", resolution=203)
    out.append(p)
    return out


def write_samples(directory: Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    g = Gen(2026)
    files = []
    p = directory / "orders.csv"
    write_csv(p, 20, seed=1)
    files.append(p)
    p = directory / "orders_gbk.csv"
    write_csv(p, 10, seed=2, encoding="gb18030")
    files.append(p)
    p = directory / "orders.tsv"
    write_csv(p, 10, seed=3, delimiter="\t")
    files.append(p)
    recs = []
    for _ in range(5):
        a, b = g.cn_person(), g.us_person()
        recs.append({"tracking_no": g.tracking(), "receiver": {"name": a.name, "mobile": a.phone,
                     "address": a.region + a.detail}, "sender": {"name": b.name, "phone": b.phone,
                     "address": f"{b.detail}, {b.region}{g.r.randint(10, 99)}"},
                     "remark": f"电话不通请打{g.mobile('-')}"})
    p = directory / "shipments.json"
    p.write_text(json.dumps(recs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files.append(p)
    p = directory / "shipments.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    files.append(p)
    lines = []
    for _ in range(6):
        a = g.cn_person()
        lines.append(f"{a.name}{a.phone}{a.region}{a.detail}")
        b = g.cn_person()
        lines.append(f"收件人：{b.name} 电话：{g.mobile(' ')} 地址：{b.region}{b.detail} 运单号：{g.tracking()}")
        u = g.us_person()
        lines.append(f"Ship To: {u.name}, {u.detail}, {u.region}{g.r.randint(10, 99)}, Tel {u.phone}")
    p = directory / "notes.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files.append(p)
    files += write_label_samples(directory, g)
    p = directory / "labels.zpl"
    p.write_text(zpl_labels(g, 3), encoding="utf-8")
    files.append(p)
    try:
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "orders"
        ws.append(HEADER)
        for _ in range(10):
            ws.append(g.row()[0])
        p = directory / "orders.xlsx"
        wb.save(p)
        files.append(p)
    except ImportError:
        pass
    return files
