"""OCR engines behind one small interface. Engine output is converted at the boundary into typed
lines with per-character boxes, so nothing downstream knows which engine ran.

- ``rapidocr``: PP-OCR (ONNX) with the models that ship inside the ``rapidocr`` wheel; reads Chinese
  and Latin, gives per-character boxes. Default.
- ``tesseract``: Tesseract through pytesseract, ``chi_sim+eng``; per-character boxes estimated
  inside its word boxes.
- ``fake``: returns text placed by a test; no model.

Engines load once per process (``get_engine`` caches them).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np

from .errors import InputError, MissingDependency

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class OcrLine:
    text: str
    score: float
    box: Quad  # the whole line, clockwise from top-left (in the image the engine saw)
    char_boxes: tuple  # one Quad per character of ``text`` (estimated where the engine gives none)


class Engine(Protocol):
    name: str

    def read(self, image: np.ndarray) -> list[OcrLine]: ...


def _quad(pts) -> Quad:
    p = [(float(x), float(y)) for x, y in pts]
    return (p[0], p[1], p[2], p[3])


def _char_width(ch: str) -> float:
    if ch.isspace():
        return 0.35
    return 1.0 if ord(ch) > 0x2E80 else 0.55


def split_quad(box: Quad, text: str) -> list[Quad]:
    """Per-character quads inside a line quad, proportional to character widths."""
    if not text:
        return []
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box
    widths = [_char_width(c) for c in text]
    total = sum(widths) or 1.0
    out = []
    acc = 0.0
    for w in widths:
        a, b = acc / total, (acc + w) / total
        acc += w
        top_a = (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)
        top_b = (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)
        bot_b = (x3 + (x2 - x3) * b, y3 + (y2 - y3) * b)
        bot_a = (x3 + (x2 - x3) * a, y3 + (y2 - y3) * a)
        out.append((top_a, top_b, bot_b, bot_a))
    return out


def align_tokens(text: str, tokens: list[tuple[str, Quad]], line_box: Quad) -> list[Quad]:
    """Character boxes for ``text`` from engine tokens (characters or words) with boxes; characters
    no token covers (spaces the engine dropped) get a box estimated from the line."""
    est = split_quad(line_box, text)
    boxes: list[Quad | None] = [None] * len(text)
    pos = 0
    for tok, q in tokens:
        tok = tok.strip()
        if not tok:
            continue
        i = text.find(tok, pos)
        if i < 0:
            continue
        for k, cq in enumerate(split_quad(q, tok)):
            boxes[i + k] = cq
        pos = i + len(tok)
    return [b if b is not None else e for b, e in zip(boxes, est)]


class RapidEngine:
    name = "rapidocr"

    def __init__(self):
        try:
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            from rapidocr import RapidOCR
        except ImportError:
            raise MissingDependency("the rapidocr engine needs: pip install rapidocr onnxruntime") from None
        threads = int(os.environ.get("WAYBILL_OCR_THREADS", "1"))
        # no per-line angle classifier: it flips upside-down lines for reading but leaves their
        # character boxes mirrored; waybill straightens the whole image first (imaging.read_upright)
        params = {"Global.log_level": "error", "Global.text_score": 0.3, "Global.use_cls": False,
                  "Global.return_single_char_box": True,
                  "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                  "EngineConfig.onnxruntime.inter_op_num_threads": 1}
        try:
            self._ocr = RapidOCR(params=params)
        except Exception:
            self._ocr = RapidOCR()
        for h in list(logging.getLogger("RapidOCR").handlers):
            h.setLevel(logging.ERROR)

    def read(self, image: np.ndarray) -> list[OcrLine]:
        r = self._ocr(image, return_word_box=True)
        if r is None or r.txts is None:
            return []
        out = []
        words = r.word_results or [()] * len(r.txts)
        for txt, score, box, toks in zip(r.txts, r.scores, r.boxes, words):
            lb = _quad(box)
            tokens = [(t[0], _quad(t[2])) for t in (toks or ()) if len(t) >= 3]
            out.append(OcrLine(txt, float(score), lb, tuple(align_tokens(txt, tokens, lb))))
        return out


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim+eng"):
        try:
            import pytesseract
        except ImportError:
            raise MissingDependency("the tesseract engine needs: pip install pytesseract") from None
        try:
            langs = set(pytesseract.get_languages(config=""))
        except Exception:
            raise MissingDependency("tesseract is not installed: apt-get install tesseract-ocr "
                                    "tesseract-ocr-chi-sim") from None
        want = [l for l in lang.split("+") if l in langs]
        if not want:
            raise MissingDependency("tesseract has no chi_sim/eng data: apt-get install tesseract-ocr-chi-sim")
        self.lang = "+".join(want)
        self._t = pytesseract
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def read(self, image: np.ndarray) -> list[OcrLine]:
        d = self._t.image_to_data(image, lang=self.lang, config="--psm 3",
                                  output_type=self._t.Output.DICT)
        lines: dict[tuple, list] = {}
        for i, word in enumerate(d["text"]):
            if not word or not word.strip():
                continue
            key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
            x, y, w, h = d["left"][i], d["top"][i], d["width"][i], d["height"][i]
            lines.setdefault(key, []).append((word, float(d["conf"][i]), (x, y, w, h)))
        out = []
        for words in lines.values():
            # Tesseract splits Chinese into single characters: join CJK without spaces
            text = ""
            tokens = []
            for k, (wd, _, (x, y, w, h)) in enumerate(words):
                if k and not (ord(wd[0]) > 0x2E80 and ord(text[-1]) > 0x2E80):
                    text += " "
                text += wd
                tokens.append((wd, ((x, y), (x + w, y), (x + w, y + h), (x, y + h))))
            xs = [b[0][0] for _, b in tokens] + [b[1][0] for _, b in tokens]
            ys = [b[0][1] for _, b in tokens] + [b[2][1] for _, b in tokens]
            lb = ((min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys)))
            score = max(0.0, sum(c for _, c, _ in words) / len(words) / 100.0)
            out.append(OcrLine(text, score, lb, tuple(align_tokens(text, tokens, lb))))
        return out


@dataclass
class FakeEngine:
    """Test engine: returns the lines it was given (for images of the given size)."""

    lines: list[OcrLine] = field(default_factory=list)
    name: str = "fake"

    def read(self, image: np.ndarray) -> list[OcrLine]:
        return list(self.lines)


_FAKE: list[FakeEngine] = []


def available() -> list[str]:
    out = []
    try:
        import rapidocr  # noqa: F401
        import onnxruntime  # noqa: F401
        out.append("rapidocr")
    except ImportError:
        pass
    try:
        import shutil

        import pytesseract  # noqa: F401
        if shutil.which("tesseract"):
            out.append("tesseract")
    except ImportError:
        pass
    return out


@lru_cache(maxsize=4)
def get_engine(name: str = "auto") -> Engine:
    if name == "auto":
        have = available()
        if not have:
            raise MissingDependency("no OCR engine installed: pip install 'waybill[all]' "
                                    "(rapidocr + onnxruntime) or apt-get install tesseract-ocr")
        name = have[0]
    if name == "fake":
        if not _FAKE:
            raise InputError("no fake OCR engine installed")
        return _FAKE[-1]
    if name == "rapidocr":
        return RapidEngine()
    if name == "tesseract":
        return TesseractEngine()
    raise MissingDependency(f"unknown OCR engine '{name}'")


def other_engine(name: str) -> str | None:
    """The cross-check engine for ``waybill verify``: the other installed one, if any."""
    for n in available():
        if n != name:
            return n
    return None
