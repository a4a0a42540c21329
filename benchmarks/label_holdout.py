"""Held-out label evaluation: labels from many templates (``benchmarks/label_gen.py``), as clean
print rasters and as phone photos (rotation 0-359, perspective, blur, low light, glare, JPEG 40-95),
masked through the CLI, scored by two readers, tuned and held-out side by side.

Readers (``../shared/guides/MEASURING.md``):
- glyph: every character of every printed value has a known box; the output is rectified back to
  the label's own frame (with the photo's known homography) and each character's pixels are
  correlated with the input's. A character whose correlation stays above 0.6 is still readable.
  An entity leaks when more than 10% of its required characters are readable.
- OCR: the engine that did not mask (``--attack``, default: the other installed engine) reads the
  rectified output; an entity leaks when its required part is read (a name's given part or a whole
  name word, 6 consecutive digits of a phone, 4 characters of a Chinese address detail, 6 of a
  Latin street line, the middle of an ID).

Keep (``share``): tracking text characters intact (glyph) and read by OCR where the input was
read; linear barcodes and tracking 2D codes decoding to the same value where the input decoded;
region (province/city/district, city/state/ZIP3, postcode start and town) characters intact.
Over-mask: share of non-personal characters (captions, logos, hotlines, dates, routing codes,
tracking, region) filled, and share of non-personal label pixels blacked.
``--dispose`` also masks the set with ``dispose`` and checks that every personal character,
tracking number, sort code and region is gone and that no code decodes.

    python -m benchmarks.label_holdout [--n 24] [--part both|tuned|heldout] [--ocr rapidocr]
        [--attack tesseract] [--dispose] [--workers 2] [--keep DIR] [--json FILE] [--seed N]
        [--no-zpl | --no-raster] [--mask-backend auto|onnxruntime|openvino] [--score-backend onnxruntime|openvino]

Every label is also written as a ZPL II stream (``label_gen.to_zpl``: the same lines at the same
places, the same codes) and masked in the same run; a ZPL label is scored by its field text (a
character is readable when it is still printed), so its "leak glyph" and attack columns are one
and the same reader.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from benchmarks import label_gen as LG

NCC_READABLE = 0.6
NCC_FILLED = 0.4


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s\-()'’.,:：·/|_]", "", s).upper()


# --------------------------------------------------------------------------- building the set


def _frame_meta(lab, H) -> dict:
    return {"template": lab.template, "family": lab.family, "H": H.tolist(), "size": list(lab.img.size),
            "font": lab.font, "tracking": lab.tracking, "codes": [list(c[:3]) + [list(c[3])] for c in lab.codes],
            "items": [{"kind": it.kind, "text": it.text, "boxes": it.boxes, "req": it.req, "role": it.role,
                       "copy": it.copy} for it in lab.items]}


def _zpl_meta(lab, tpl: str) -> dict:
    """What the scorer needs of a label's print stream (scored by its field text)."""
    return {"template": tpl, "family": lab.family, "kind": "zpl", "cond": "", "font": "zpl",
            "tracking": lab.tracking, "zfields": lab.zfields,
            "codes": [list(c[:3]) + [list(c[3])] for c in lab.codes],
            "items": [{"kind": it.kind, "text": it.text, "req": it.req, "role": it.role,
                       "copy": it.copy} for it in lab.items]}


def build_stress(work: Path, n: int, zpl: bool = True, seed: int | None = None, conds: list | None = None,
                 names: str = "wide") -> dict:
    """The stress part: layouts never tuned on (``label_gen`` stress templates) and all the others,
    fonts no other part uses, and harder photos (``label_gen.photo_hard``: 20-35 degrees off
    upright, camera tilt, motion blur, defocus, hard shadow, low contrast, JPEG 50-60, textured
    surface with print on it, a crease, small on a big photo, two labels in one photo). Every
    sixth label is a clean raster (the layouts alone). ``conds``: only these photo conditions (in
    turn; for looking at one failure class), else all of ``label_gen.STRESS_CONDITIONS``."""
    import random
    base = seed if seed is not None else LG.STRESS_SEED
    src = work / "stress"
    src.mkdir(parents=True, exist_ok=True)
    meta = {}
    photo_no = 0
    for i in range(n):
        tpl = LG.STRESS_TEMPLATES[i % len(LG.STRESS_TEMPLATES)]
        s = base + i
        lab = LG.make(tpl, "stress", s, names)
        if i % 6 == 5:
            kind, cond = "clean", ""
            rgb, Hs, labs = lab.img.convert("RGB"), [np.eye(3)], [lab]
        else:
            kind = "photo"
            pool = conds or LG.STRESS_CONDITIONS
            cond = pool[(photo_no + base) % len(pool)]
            photo_no += 1
            labs = [lab]
            if cond == "pair":
                tpl2 = LG.STRESS_TEMPLATES[(i + 7) % len(LG.STRESS_TEMPLATES)]
                labs.append(LG.make(tpl2, "stress", s + 50000, names))
            rgb, Hs = LG.photo_hard([x.img for x in labs], random.Random(s), cond)
        name = f"{i:03d}-{tpl}-{kind}" + (".jpg" if kind == "photo" else ".png")
        if kind == "photo":
            rgb.save(src / name, quality=95)
        else:
            rgb.save(src / name)
        if zpl:
            zname = f"{i:03d}-{tpl}-zpl.zpl"
            (src / zname).write_text(lab.zpl, encoding="utf-8")
            meta[zname] = _zpl_meta(lab, tpl)
        m = _frame_meta(lab, Hs[0])
        m.update(kind=kind, cond=cond, angle=0.0)
        if len(labs) > 1:
            m["subs"] = [_frame_meta(x, H) for x, H in zip(labs, Hs)]
        meta[name] = m
    return meta


def build(work: Path, part: str, n: int, photos: bool, zpl: bool = True, seed: int | None = None,
          conds: list | None = None, names: str | None = None, only: list | None = None) -> dict:
    """``names``: "list" (Chinese names from waybill's own surname list) or "wide" (a third from
    ``label_gen.WIDE_SURNAMES``); default wide for the stress part, list for the others (their
    recorded figures were measured so)."""
    if part == "stress":
        return build_stress(work, n, zpl, seed, conds, names or "wide")
    templates = LG.TUNED_TEMPLATES if part == "tuned" else LG.HELDOUT_TEMPLATES
    if only:
        templates = [t for t in templates if t in only] or only  # (--templates: any template, this part's fonts)
    base = seed if seed is not None else (LG.TUNED_SEED if part == "tuned" else LG.HELDOUT_SEED)
    src = work / part
    src.mkdir(parents=True, exist_ok=True)
    meta = {}
    import random
    for i in range(n):
        tpl = templates[i % len(templates)]
        seed = base + i
        lab = LG.make(tpl, part, seed, names or "list")
        rgb = lab.img.convert("RGB")
        H = np.eye(3)
        kind = "clean"
        cond = ""
        # every template both ways: clean and photo alternate, shifted by one on each pass over
        # the templates
        # (one template alone: clean and photo in turn)
        if photos and (i + (i // len(templates) if len(templates) > 1 else 0)) % 2 == 1:
            kind = "photo"
            cond = LG.CONDITIONS[(i // 2) % len(LG.CONDITIONS)]
            # a sweep over 0-359 degrees, different offsets for the two parts
            angle = ((i // 2) * 47.0 + (13.0 if part == "tuned" else 31.0)) % 360
            rgb, H = LG.photo(lab.img, random.Random(seed), cond, angle)
            cond = f"{cond}"
        name = f"{i:03d}-{tpl}-{kind}.png"
        rgb.save(src / name)
        if zpl:
            # the same label as a print stream (every label, scored by its field text)
            zname = f"{i:03d}-{tpl}-zpl.zpl"
            (src / zname).write_text(lab.zpl, encoding="utf-8")
            meta[zname] = _zpl_meta(lab, tpl)
        meta[name] = {"template": tpl, "family": lab.family, "kind": kind, "cond": cond, "H": H.tolist(),
                      "size": list(lab.img.size), "font": lab.font, "tracking": lab.tracking,
                      "codes": [list(c[:3]) + [list(c[3])] for c in lab.codes],
                      "items": [{"kind": it.kind, "text": it.text, "boxes": it.boxes, "req": it.req,
                                 "role": it.role, "copy": it.copy} for it in lab.items],
                      "angle": angle if kind == "photo" else 0.0}
    return meta


def run_mask(src: Path, out: Path, ocr: str, preset: str, workers: int, backend: str | None = None) -> float:
    env = dict(os.environ)
    env.setdefault("WAYBILL_AUDIT_KEY", "e" * 64)
    # the masker's inference back end (default: waybill's own, auto); the readers that score the
    # outputs keep theirs (--score-backend)
    if backend:
        env["WAYBILL_OCR_BACKEND"] = backend
    else:
        env.pop("WAYBILL_OCR_BACKEND", None)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(src), "-o", str(out), "-q", "--force",
                        "--ocr", ocr, "--preset", preset, "--workers", str(workers)], env=env,
                       capture_output=True)
    if r.returncode not in (0, 6):
        sys.stderr.write(r.stderr.decode(errors="replace"))
        raise SystemExit(r.returncode)
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- scoring


def _rectify(img, H, size):
    import cv2
    arr = np.asarray(img.convert("RGB"))
    if np.allclose(H, np.eye(3)):
        return arr
    return cv2.warpPerspective(arr, np.linalg.inv(np.asarray(H)), tuple(size), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))


def _ncc(a: np.ndarray, b: np.ndarray) -> float | None:
    if a.size == 0 or a.std() < 8:
        return None  # no glyph there (a space)
    if b.std() < 3:
        return 0.0  # filled
    a = a - a.mean()
    b = b - b.mean()
    return float((a * b).sum() / (np.sqrt((a * a).sum() * (b * b).sum()) + 1e-9))


def _char_scores(gi, go, boxes):
    """Per character: correlation of input and output over the glyph's own ink box (the ink
    inside the character's cell, plus 2 px), None where the cell holds no glyph."""
    out = []
    h, w = gi.shape
    for (x0, y0, x1, y1) in boxes:
        xa, ya = max(0, int(x0) - 1), max(0, int(y0) - 1)
        xb, yb = min(w, int(np.ceil(x1)) + 1), min(h, int(np.ceil(y1)) + 1)
        cell = gi[ya:yb, xa:xb]
        if cell.size == 0 or cell.std() < 8:
            out.append(None)
            continue
        ink = cell < (float(cell.min()) + float(np.median(cell))) / 2
        ys, xs = np.nonzero(ink)
        if len(ys) < 3:
            out.append(None)
            continue
        ta, tb = max(0, ys.min() - 2), min(cell.shape[0], ys.max() + 3)
        la, lb = max(0, xs.min() - 2), min(cell.shape[1], xs.max() + 3)
        out.append(_ncc(cell[ta:tb, la:lb], go[ya:yb, xa:xb][ta:tb, la:lb]))
    return out


_GENERIC = {"STREET", "STRASSE", "ROAD", "AVENUE", "LANE", "BOULEVARD", "APARTMENTS", "CROSS", "DRIVE", "GATAN",
            "VAGEN", "GADE", "SOKAK", "CADDESI", "RUEDELA"}


#: label families in a script rapidocr's model does not read: the script the attack reads them in
_SCRIPT_OF = {"th": "Thai", "kr": "Korean", "ru": "Cyrillic", "gr": "Greek", "ar": "Arabic", "he": "Hebrew",
              "hi": "Devanagari", "bn": "Bengali", "ta": "Tamil"}


def _ocr_leak(it: dict, lines: list[str], digit_lines: list[str]) -> bool:
    kind, text = it["kind"], it["text"]
    v = _norm(text)
    if kind == "name":
        if any(ord(c) > 0x2E80 for c in text):
            given = v[1:]
            return any(v in ln or (len(given) >= 2 and given in ln) for ln in lines)
        if any("\u0e00" <= c <= "\u0e7f" for c in text):
            # (Thai: a word of 3 letters or more, wherever it stands in a line)
            return any(len(w) >= 3 and w in ln for w in map(_norm, text.split()) for ln in lines)
        words = [_norm(w) for w in re.split(r"[\s\-]+", text) if len(_norm(w)) >= 3]
        toks = set()
        for ln in lines:
            toks.update(_norm(t) for t in re.split(r"[^A-Za-zÀ-ÿ'’]+", ln) if t)
        return any(w in toks or any(w in ln for ln in lines if len(w) >= 5) for w in words)
    if kind == "phone":
        d = "".join(c for c in text if c.isdigit())
        wins = {d[i:i + 6] for i in range(0, len(d) - 5)}
        return any(wn in dl for dl in digit_lines for wn in wins)
    if kind == "id_card":
        req = "".join(text[i] for i in it["req"])
        return any(_norm(req) in ln for ln in lines)
    if kind == "email":
        return any(_norm(text.split("@")[0]) in ln for ln in lines)
    if kind == "address":
        if len(v) < 4:
            return False  # a postcode tail: the glyph reader decides
        if any(ord(c) > 0x2E80 for c in text):
            chunks = {v[i:i + 4] for i in range(len(v) - 3)}
            chunks = {c for c in chunks if not c.isdigit()}
        else:
            chunks = {v[i:i + 6] for i in range(max(1, len(v) - 5))}
            chunks = {c for c in chunks if sum(ch.isalpha() for ch in c) >= 3 and not any(c in g for g in _GENERIC)}
        return any(c in ln for ln in lines for c in chunks)
    return False


_ZFD = re.compile(r"\^FD(.*?)\^FS", re.S)


def _zpl_fields(text: str) -> list[str]:
    """The data of every ^FD field in order (^FH escapes decoded)."""
    out = []
    for m in _ZFD.finditer(text):
        d = m.group(1)
        d = re.sub(r"_([0-9A-Fa-f]{2})", lambda h: chr(int(h.group(1), 16)), d)
        out.append(d)
    return out


def _kept_chars(orig: str, new: str) -> list[bool]:
    """Per character of ``orig``: still printed in ``new`` (aligned by difflib)."""
    import difflib
    kept = [False] * len(orig)
    for a, b, n in difflib.SequenceMatcher(None, orig, new, autojunk=False).get_matching_blocks():
        for k in range(n):
            kept[a + k] = True
    return kept


def score_zpl(args):
    """A ZPL label: the masked stream's field text decides (a character is readable when it is still
    printed at its place); codes by their payload."""
    name, m, in_path, out_path, attack, preset = args
    res = {"name": name, "failed": False, "ocr": {a: {"leaks": []} for a in attack}}
    if not out_path.exists():
        res["failed"] = True
        return res
    outs = _zpl_fields(out_path.read_text(encoding="utf-8", errors="replace"))
    zf = m["zfields"]
    if len(outs) != len(zf):
        res["failed"] = True
        return res
    dispose = preset == "dispose"
    items = m["items"]
    per_item = {}
    for (text, segs), new in zip(zf, outs):
        if segs is None:
            continue
        kept = _kept_chars(text, new)
        for off, idx in segs:
            per_item[idx] = kept[off:off + len(items[idx]["text"])]
    ents = []
    keep = {}
    over_chars = over_total = 0
    for idx, it in enumerate(items):
        kept = per_item.get(idx, [True] * len(it["text"]))
        if it["kind"] in LG.PERSONAL_KINDS:
            req = [i for i, ch in enumerate(it["text"]) if ch.isalnum()] if dispose else it["req"]
            present = [i for i in req if not it["text"][i].isspace()]
            readable = sum(1 for i in present if kept[i])
            if it["kind"] == "phone" and not dispose:
                # any 5 digits may stay visible (GB/T 41833-2022), not only the last ones
                digs = [i for i, ch in enumerate(it["text"]) if ch.isdigit()]
                readable = min(len(present), max(0, sum(1 for i in digs if kept[i]) - (len(digs) - len(present))))
            leak = bool(present) and readable / len(present) > 0.10
            ents.append({"kind": it["kind"], "text": it["text"], "req_chars": len(present), "readable": readable,
                         "leak_glyph": leak})
            for a in attack:
                res["ocr"][a]["leaks"].append(leak)
            continue
        chars = [i for i, ch in enumerate(it["text"]) if not ch.isspace()]
        if not chars:
            continue
        intact = sum(1 for i in chars if kept[i]) / len(chars)
        filled = sum(1 for i in chars if not kept[i])
        if it["kind"] in ("tracking", "region", "sort"):
            keep.setdefault(it["kind"], []).append(intact)
            if intact < 0.9:
                res.setdefault("damaged", []).append((it["kind"], len(it["text"]), round(intact, 2)))
        elif filled:
            res.setdefault("overmasked", []).append((len(it["text"]), filled, len(chars)))
        if not dispose or it["kind"] == "other":
            over_chars += filled
            over_total += len(chars)
    codes = []
    code_out = [new for (text, segs), new in zip(zf, outs) if segs is None]
    for (fmt, payload, pers, box), new in zip(m["codes"], code_out):
        if fmt == "QRCode" and new[:3] == "QA,":
            new = new[3:]  # the QR mode prefix
        if pers:
            # a personal payload leaks when any personal value in it is still there
            vals = [it["text"] for it in items if it["kind"] in LG.PERSONAL_KINDS and len(it["text"]) >= 4]
            out = any(v in new for v in vals if v in payload)
        else:
            out = new == payload
        codes.append({"fmt": fmt, "personal": pers, "in": True, "out": out})
    res.update(ents=ents, keep=keep, codes=codes, over_chars=over_chars, over_total=over_total, over_px=0.0)
    trk_text = "".join(_zpl_fields(out_path.read_text(encoding="utf-8", errors="replace")))
    res["tracking_ocr"] = {"in": True, "out": _norm(m["tracking"]) in _norm(trk_text), "reader": "zpl"}
    return res


def score_one(args):
    name, m, in_path, out_path, attack, preset = args
    if m.get("kind") == "zpl":
        return score_zpl(args)
    from PIL import Image
    res = {"name": name, "failed": False}
    if not out_path.exists():
        res["failed"] = True
        return res
    im_in, im_out = Image.open(in_path), Image.open(out_path)
    if "subs" not in m:
        res.update(_score_frame(m, im_in, im_out, attack, preset))
        return res
    # two labels in one photo: each scored in its own frame, the results joined
    parts = [_score_frame(sub, im_in, im_out, attack, preset) for sub in m["subs"]]
    res.update(ents=[e for p in parts for e in p["ents"]], codes=[c for p in parts for c in p["codes"]],
               over_chars=sum(p["over_chars"] for p in parts), over_total=sum(p["over_total"] for p in parts),
               over_px=float(np.mean([p["over_px"] for p in parts])),
               tracking_ocr=[p["tracking_ocr"] for p in parts if "tracking_ocr" in p],
               ocr={a: {"leaks": [x for p in parts for x in p["ocr"][a]["leaks"]]} for a in attack})
    keep: dict = {}
    for p in parts:
        for k, v in p["keep"].items():
            keep.setdefault(k, []).extend(v)
        for k in ("damaged", "overmasked"):
            if k in p:
                res.setdefault(k, []).extend(p[k])
    res["keep"] = keep
    return res


def _score_frame(m, im_in, im_out, attack, preset):
    import zxingcpp
    from PIL import Image
    res = {}
    size = m["size"]
    H = m["H"]
    ri = _rectify(im_in, H, size)
    ro = _rectify(im_out, H, size)
    gi = ri.mean(axis=2).astype(np.float32)
    go = ro.mean(axis=2).astype(np.float32)
    items = m["items"]
    personal = [it for it in items if it["kind"] in LG.PERSONAL_KINDS]
    dispose = preset == "dispose"
    ents = []
    for it in personal:
        sc = _char_scores(gi, go, it["boxes"])
        req = list(range(len(it["text"]))) if dispose else it["req"]
        present = [sc[i] for i in req if sc[i] is not None]
        readable = sum(1 for s in present if s > NCC_READABLE)
        ents.append({"kind": it["kind"], "text": it["text"], "req_chars": len(present), "readable": readable,
                     "leak_glyph": bool(present) and readable / len(present) > 0.10, "item": it})
    keep = {}
    over_chars = over_total = 0
    for it in items:
        if it["kind"] in LG.PERSONAL_KINDS:
            continue
        # a space carries nothing (MEASURING.md: separators are removed before comparing); its
        # box only holds the edge of a neighbour's ink
        sc = [s for s, ch in zip(_char_scores(gi, go, it["boxes"]), it["text"]) if s is not None and not ch.isspace()]
        if not sc:
            continue
        intact = sum(1 for s in sc if s > NCC_READABLE) / len(sc)
        filled = sum(1 for s in sc if s < NCC_FILLED)
        if it["kind"] in ("tracking", "region", "sort"):
            keep.setdefault(it["kind"], []).append(intact)
            if intact < 0.9:
                res.setdefault("damaged", []).append((it["kind"], it["text"], round(intact, 2)))
        elif filled:
            res.setdefault("overmasked", []).append((it["text"], filled, len(sc)))
        if not dispose or it["kind"] == "other":
            over_chars += filled
            over_total += len(sc)
    res["over_chars"], res["over_total"] = over_chars, over_total
    # pixels: non-personal label area blacked
    mask_personal = np.zeros(gi.shape, bool)
    for it in personal:
        for (x0, y0, x1, y1) in it["boxes"]:
            hh = (y1 - y0) * 0.6
            mask_personal[max(0, int(y0 - hh)):int(y1 + hh), max(0, int(x0 - hh)):int(x1 + hh)] = True
    for fmt, payload, pers, box in m["codes"]:
        if pers or dispose:
            x0, y0, x1, y1 = box
            mask_personal[max(0, y0 - 10):y1 + 10, max(0, x0 - 10):x1 + 10] = True
    blacked = (gi - go) > 80
    area = ~mask_personal
    res["over_px"] = float((blacked & area).sum() / max(1, area.sum()))
    # codes, decoded in the rectified frames
    def decode(arr):
        try:
            return [(str(b.format).split(".")[-1], b.text, bytes(b.bytes) if b.bytes else b"")
                    for b in zxingcpp.read_barcodes(Image.fromarray(arr))]
        except Exception:
            return []
    din, dout = decode(ri), decode(ro)
    codes = []
    for fmt, payload, pers, box in m["codes"]:
        key = fmt.replace("Code128", "Code128")
        def found(ds):
            return any(f.replace(" ", "").replace("-", "").lower() == fmt.lower() and (
                t == payload or raw.decode("latin-1", "replace") == payload) for f, t, raw in ds)
        codes.append({"fmt": fmt, "personal": pers, "in": found(din), "out": found(dout)})
    res["codes"] = codes
    # OCR attack on the rectified output (and the input, for context)
    res["ocr"] = {}
    for eng_name in attack:
        from waybill.ocr import get_engine
        eng = get_engine(eng_name)
        if eng_name == "tesseract" and m["family"] in _SCRIPT_OF:
            # (a Thai or Korean label: Tesseract with that script's data, where installed)
            try:
                from waybill.ocr import script_reader
            except ImportError:  # (an older waybill: its Tesseract reads Chinese and English only)
                script_reader = None
            eng = (script_reader and script_reader(_SCRIPT_OF[m["family"]])) or eng
        lines = [_norm(l.text) for l in eng.read(np.ascontiguousarray(ro))]
        digits = ["".join(c for c in ln if c.isdigit()) for ln in lines]
        leaks = []
        for e in ents:
            it = dict(e["item"])
            if dispose:
                it["req"] = list(range(len(it["text"])))
            leaks.append(_ocr_leak(it, lines, digits))
        res["ocr"][eng_name] = {"leaks": leaks}
    # tracking text legible: read by the stronger reader (rapidocr where installed) on the input
    # and on the output; only labels whose input it reads count
    from waybill.ocr import available, get_engine
    keeper = "rapidocr" if "rapidocr" in available() else (attack[0] if attack else None)
    if keeper:
        eng = get_engine(keeper)
        trk = _norm(m["tracking"])
        lin = "".join(_norm(l.text) for l in eng.read(np.ascontiguousarray(ri)))
        lout = "".join(_norm(l.text) for l in eng.read(np.ascontiguousarray(ro)))
        res["tracking_ocr"] = {"in": trk in lin, "out": trk in lout, "reader": keeper}
    for e in ents:
        e.pop("item")
    res["ents"] = ents
    res["keep"] = {k: v for k, v in keep.items()}
    return res


def _pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "   - "


def summarise(meta: dict, results: list[dict], attack: list[str], preset: str) -> dict:
    groups: dict = defaultdict(lambda: defaultdict(float))
    for r in results:
        m = meta[r["name"]]
        keys = [(m["part"], m["kind"]), (m["part"], "family:" + m["family"] + "-" + m["kind"]),
                (m["part"], "template:" + m["template"])]
        if m["kind"] == "photo":
            keys.append((m["part"], "photo:" + m["cond"]))
        for k in keys:
            s = groups[k]
            s["labels"] += 1
            if r["failed"]:
                s["failed"] += 1
                its = [i for sub in m.get("subs", [m]) for i in sub["items"]]
                s["entities"] += len([i for i in its if i["kind"] in LG.PERSONAL_KINDS])
                s["leak_glyph"] += len([i for i in its if i["kind"] in LG.PERSONAL_KINDS])
                continue
            for j, e in enumerate(r["ents"]):
                s["entities"] += 1
                s["leak_glyph"] += e["leak_glyph"]
                for a in attack:
                    s["leak_ocr_" + a] += r["ocr"][a]["leaks"][j]
            for c in r["codes"]:
                if c["personal"]:
                    s["entities"] += 1
                    s["leak_glyph"] += c["out"]
                    for a in attack:
                        s["leak_ocr_" + a] += c["out"]
                    continue
                if c["in"]:
                    kk = "linear" if c["fmt"] in ("Code128",) else "code2d"
                    s[kk + "_n"] += 1
                    s[kk + "_kept"] += c["out"]
            for kind in ("tracking", "region", "sort"):
                for v in r["keep"].get(kind, []):
                    s[kind + "_n"] += 1
                    s[kind + "_kept"] += v >= 0.9 if preset != "dispose" else v < 0.1
            ts = r.get("tracking_ocr")
            for t in (ts if isinstance(ts, list) else [ts]):
                if t and t["in"]:
                    s["trk_ocr_n"] += 1
                    s["trk_ocr_kept"] += t["out"] if preset != "dispose" else not t["out"]
            if r.get("verify_rc_clean") is not None:
                s["verify_clean_n"] += 1
                s["verify_clean_7"] += r["verify_rc_clean"] == 7
            if "verify_rc" in r:
                s["verify_n"] += 1
                s["verify_missed"] += r["verify_rc"] == 0
            s["over_chars"] += r["over_chars"]
            s["over_total"] += r["over_total"]
            s["over_px"] += r["over_px"]
    return groups


def print_table(groups, attack, preset, parts):
    cols = ["labels", "fail", "ents", "leak glyph"] + [f"leak {a[:4]}" for a in attack] + \
        (["trk glyph", "trk ocr", "barcodes", "2D kept", "region", "over chr", "over px"] if preset == "share"
         else ["trk gone", "trk ocr gone", "region gone", "sort gone", "codes left"])
    print(f"{'group':<34}" + "".join(f"{c:>11}" for c in cols) + "  [verify missed/leaking, exit 7/clean]")
    def row(label, s):
        vals = [f"{int(s['labels'])}", f"{int(s['failed'])}", f"{int(s['entities'])}",
                _pct(s["leak_glyph"], s["entities"])] + [_pct(s["leak_ocr_" + a], s["entities"]) for a in attack]
        if preset == "share":
            vals += [_pct(s["tracking_kept"], s["tracking_n"]), _pct(s["trk_ocr_kept"], s["trk_ocr_n"]),
                     _pct(s["linear_kept"], s["linear_n"]), _pct(s["code2d_kept"], s["code2d_n"]),
                     _pct(s["region_kept"], s["region_n"]), _pct(s["over_chars"], s["over_total"]),
                     f"{100 * s['over_px'] / max(1, s['labels'] - s['failed']):5.2f}%"]
        else:
            vals += [_pct(s["tracking_kept"], s["tracking_n"]), _pct(s["trk_ocr_kept"], s["trk_ocr_n"]),
                     _pct(s["region_kept"], s["region_n"]),
                     _pct(s["sort_kept"], s["sort_n"]), f"{int(s['linear_kept'] + s['code2d_kept'])}"]
        if s["verify_n"] or s["verify_clean_n"]:
            vals.append(f"{int(s['verify_missed'])}/{int(s['verify_n'])} {int(s['verify_clean_7'])}/{int(s['verify_clean_n'])}")
        print(f"{label:<34}" + "".join(f"{v:>11}" for v in vals))
    for part in parts:
        for k in sorted(k for k in groups if k[0] == part):
            label = f"{part} {k[1]}"
            if k[1] in ("clean", "photo"):
                label = f"{part} ALL {k[1]}"
            row(label, groups[k])
        print()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=24, help="labels per part (half clean, half photos)")
    ap.add_argument("--part", default="both", choices=["both", "tuned", "heldout", "stress"],
                    help="stress: harder photos and layouts never tuned on (label_gen.photo_hard; seed "
                         "label_gen.STRESS_SEED is where failures were looked at, pass --seed for fresh labels)")
    ap.add_argument("--ocr", default="rapidocr")
    ap.add_argument("--attack", default=None, help="comma-separated OCR engines that read the outputs "
                                                 "(default: the installed engine that did not mask)")
    ap.add_argument("--dispose", action="store_true", help="also score the dispose preset")
    ap.add_argument("--no-photos", action="store_true")
    ap.add_argument("--no-zpl", action="store_true", help="leave out the ZPL copy of every label")
    ap.add_argument("--no-raster", action="store_true", help="ZPL copies only (no OCR: fast)")
    ap.add_argument("--seed", type=int, default=None,
                    help="first seed of the part(s) (default: the fixed tuned/held-out seeds); another seed "
                         "gives labels nobody has looked at")
    ap.add_argument("--verify", default="none", choices=["none", "leaks", "all"],
                    help="run `waybill verify` on the outputs where a reader here reads a personal value "
                         "(leaks) or on every output (all); reported as 'verify missed' (exit 0 on a leak) and "
                         "'verify on clean' (exit codes on outputs no reader here reads anything on)")
    ap.add_argument("--cond", default=None,
                    help="stress part: only these photo conditions, comma-separated (e.g. far,motion); the "
                         "labels are the same as without it, their photos are not")
    ap.add_argument("--names", default=None, choices=["list", "wide"],
                    help="Chinese names: from waybill's own surname list, or a third from surnames it does not "
                         "hold (label_gen.WIDE_SURNAMES); default wide for the stress part (since 2026-12-03; "
                         "stress figures before that were drawn with list), list for tuned/heldout")
    ap.add_argument("--templates", default=None,
                    help="tuned/heldout parts: only these templates, comma-separated (e.g. jp_yamato)")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--mask-backend", default=None, choices=["auto", "onnxruntime", "openvino"],
                    help="rapidocr's inference back end for the masking run only (default: waybill's default, "
                         "ONNX Runtime; auto: OpenVINO on a CPU with bf16 instructions)")
    ap.add_argument("--score-backend", default="onnxruntime", choices=["onnxruntime", "openvino"],
                    help="rapidocr's back end for the readers that score the outputs (default ONNX Runtime in f32, "
                         "so that they do not share the masker's default bf16 arithmetic)")
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--rescore", action="store_true",
                    help="score the outputs already in --keep again (same seeds: the same labels) without masking")
    ap.add_argument("--reuse-inputs", action="store_true",
                    help="mask the inputs already in --keep/in (drawn by an earlier run with the same seeds and "
                         "options) instead of drawing them again: a photo's pixels depend on the OpenCV build "
                         "(an OpenCV reinstalled between two runs changed every photo by up to 13 grey levels "
                         "and flipped OCR readings), so a before/after comparison masks the same files")
    a = ap.parse_args(argv)
    if a.reuse_inputs and not (a.keep and (a.keep / "in").is_dir()):
        ap.error("--reuse-inputs needs --keep DIR holding in/ from an earlier run")
    os.environ["WAYBILL_OCR_BACKEND"] = a.score_backend  # this process and its scoring workers
    from waybill.ocr import available
    have = available()
    attack = a.attack.split(",") if a.attack else [e for e in have if e != a.ocr][:1] or [a.ocr]
    parts = ["tuned", "heldout"] if a.part == "both" else [a.part]
    work = a.keep or Path(tempfile.mkdtemp(prefix="waybill-holdout-"))
    meta = {}
    for part in parts:
        # (with --reuse-inputs the labels are drawn again for their metadata only, elsewhere)
        drawn = Path(tempfile.mkdtemp(prefix="waybill-meta-")) if a.reuse_inputs else work / "in"
        m = build(drawn, part, a.n, not a.no_photos, not a.no_zpl, a.seed, a.cond.split(",") if a.cond else None,
                  a.names, a.templates.split(",") if a.templates else None)
        if a.reuse_inputs:
            import shutil
            shutil.rmtree(drawn, ignore_errors=True)
            missing = [k for k in m if not (work / "in" / part / k).exists()]
            if missing:
                raise SystemExit(f"--reuse-inputs: {len(missing)} input(s) of this run not in {work / 'in' / part}")
        if a.no_raster and not a.reuse_inputs:
            for k in [k for k, v in m.items() if v["kind"] != "zpl"]:
                (work / "in" / part / k).unlink()
                del m[k]
        for k, v in m.items():
            v["part"] = part
            meta[f"{part}/{k}"] = v
    fonts = sorted({(v["part"], v["font"]) for v in meta.values()})
    print("fonts:", "; ".join(f"{p}: {f}" for p, f in fonts))
    report = {}
    for preset in ["share"] + (["dispose"] if a.dispose else []):
        out = work / f"out-{preset}"
        el = 0.0 if (a.rescore and out.exists()) else run_mask(work / "in", out, a.ocr, preset, a.workers,
                                                                a.mask_backend)
        jobs = [(k, v, work / "in" / k, out / "in" / k, attack, preset) for k, v in meta.items()]
        with ProcessPoolExecutor(a.workers) as ex:
            results = list(ex.map(score_one, jobs))
        if a.verify != "none":
            # waybill verify on each output: it must exit 7 wherever a reader here still reads a
            # personal value ("verify missed" counts the outputs where it said clean)
            for r in results:
                leaks = [e["leak_glyph"] for e in r.get("ents", [])] + \
                    [x for v in r.get("ocr", {}).values() for x in v["leaks"]] + \
                    [c["out"] for c in r.get("codes", []) if c["personal"]]
                if r["failed"] or (a.verify == "leaks" and not any(leaks)):
                    continue
                vr = subprocess.run([sys.executable, "-m", "waybill", "verify", str(out / "in" / r["name"]),
                                     "--preset", preset, "--ocr", a.ocr], capture_output=True,
                                    env={k: v for k, v in os.environ.items() if k != "WAYBILL_OCR_BACKEND"})
                r["verify_rc"] = vr.returncode if any(leaks) else None
                r["verify_rc_clean"] = vr.returncode if not any(leaks) else None
                if not any(leaks):
                    r.pop("verify_rc")
        groups = summarise(meta, results, attack, preset)
        print(f"\n== {preset}: {len(meta)} labels masked with --ocr {a.ocr} in {el:.1f} s; readers: glyph, "
              f"{', '.join(attack)} (on the output rectified to the label frame)")
        print_table(groups, attack, preset, parts)
        report[preset] = {f"{k[0]} {k[1]}": dict(v) for k, v in groups.items()}
        if a.keep:
            (work / f"results-{preset}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    if a.json:
        a.json.write_text(json.dumps(report, indent=1))
    if a.keep:
        print(f"(files kept in {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
