"""OCR engines behind one small interface. Engine output is converted at the boundary into typed
lines with per-character boxes, so nothing downstream knows which engine ran.

- ``rapidocr``: PP-OCR (ONNX) with the models that ship inside the ``rapidocr`` wheel; reads Chinese
  and Latin, gives per-character boxes. Default.
- ``tesseract``: Tesseract through pytesseract, ``chi_sim+eng``; per-character boxes estimated
  inside its word boxes.
- ``FakeEngine``: returns text placed by a test; no model (registered like any other engine).

Engines are registered by name in ``ENGINES`` (``register``); they load once per process
(``get_engine`` keeps them). A masking engine is given its OCR engines (``OcrEngines``) when built.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

import numpy as np

from .errors import MissingDependency
from .normalize import RTL_LETTERS

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
        cqs = split_quad(q, tok)
        if _RTL_LETTER.search(tok):
            # (a word of a right-to-left script: its first character is at the box's right end; the
            # boxes of an Arabic region line's postcode tail covered its town, 'الدمام 32241')
            cqs = cqs[::-1]
        for k, cq in enumerate(cqs):
            boxes[i + k] = cq
        pos = i + len(tok)
    return [b if b is not None else e for b, e in zip(boxes, est)]


# a letter of a right-to-left script (Hebrew, Arabic and the scripts written in its letters)
_RTL_LETTER = re.compile(f"[{RTL_LETTERS}]")


from .ocrplan import DEVICES, check_device, cores, ocr_settings, plan_threads, resolve_backend  # noqa: E402,F401  (re-exported)


# detection runs at the scale the label's text needs: a line of text at least DET_TEXT_PX high
# (the 10th percentile of the boxes found), never above the input's own resolution; the first
# pass looks at the whole image with its longer side at DET_FIRST_SIDE px. 12 px lost characters
# on blurred and tilted photos (held-out evaluation: 2.1-2.3% glyph leaks on photos); 16 px
# leaks nothing there and costs no more on 203-dpi labels (their first pass is close enough)
DET_TEXT_PX = 16.0
DET_FIRST_SIDE = 736
# rapidocr's recogniser pads every crop to at least 320 x 48 (a width/height ratio of 6.67)
REC_MIN_RATIO = 320 / 48
REC_BATCH = 8
# the read-once path's check for ink no detected box covers runs at the detection's scale, never
# below this (the check needs a few pixels per stroke)
RESCAN_MIN_SCALE = 0.4
# below this detection scale the detector's mask is not dilated (rapidocr's full reading dilates
# it by 2x2 detector pixels; at a reduced scale that grew every box by ~2/scale image pixels a
# side). Box heights against the full reading's, 470 boxes of 32 trace-benchmark labels:
# median ratio 1.15 dilated, 1.00 not; the same boxes found
DET_DILATE_SCALE = 0.75


def mostly_tall(lines: list) -> bool:
    """More of the lines of 3+ characters are boxes standing upright (text running vertically)
    than lying."""
    tall = wide = 0
    for l in lines:
        if len(l.text.strip()) < 3:
            continue
        p = np.asarray(l.box, dtype=float)
        w = float(np.linalg.norm(p[1] - p[0]))
        h = float(np.linalg.norm(p[3] - p[0]))
        if h > 1.5 * w:
            tall += 1
        else:
            wide += 1
    return tall > wide


class Upright(tuple):
    """(k, lines) as ``read_upright`` answers, with the upright image the lines were read in
    (``np.rot90(image, k)``, contiguous) so that the caller need not turn the image again."""

    def __new__(cls, k: int, lines: list, image: np.ndarray | None = None, dropped: tuple = ()):
        self = super().__new__(cls, (k, lines))
        self.image = image
        self.dropped = dropped  # boxes detected whose reading was empty or below the text score (quads)
        return self


class RapidEngine:
    name = "rapidocr"

    def __init__(self, threads: int | None = None, device: str | None = None, backend: str | None = None):
        try:
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            from rapidocr import RapidOCR
        except ImportError:
            raise MissingDependency("the rapidocr engine needs: pip install rapidocr onnxruntime") from None
        cfg = ocr_settings()
        import threading
        self._det_lock = threading.Lock()
        self.threads = threads or cfg["threads"]
        self.device = device or cfg["device"]
        asked = backend or cfg["backend"]
        self.backend = resolve_backend(asked, self.device)
        if self.device != "cpu":
            check_device(self.device)
        # no per-line angle classifier: it flips upside-down lines for reading but leaves their
        # character boxes mirrored; waybill straightens the whole image first (imaging.read_upright)
        params = {"Global.log_level": "error", "Global.text_score": 0.3, "Global.use_cls": False,
                  "Global.return_single_char_box": True,
                  "EngineConfig.onnxruntime.intra_op_num_threads": self.threads,
                  "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                  # a memory arena per session (grown only as far as a request needs): fewer
                  # allocations per call; the detector's input is bounded by its scale
                  "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
                  "EngineConfig.onnxruntime.use_cuda": self.device == "cuda"}
        with _tuned_ort_sessions(self.threads):
            try:
                self._ocr = RapidOCR(params=self._backend_params(params))
            except Exception:
                if asked == "auto" and self.backend == "openvino":
                    # OpenVINO chosen by ``auto`` but unusable here: the same models on ONNX Runtime
                    logging.getLogger("waybill").warning(
                        "OCR: the OpenVINO back end could not be started; using ONNX Runtime")
                    self.backend = "onnxruntime"
                    self._ocr = RapidOCR(params=params)
                elif self.device == "cpu" and self.backend == "onnxruntime":
                    self._ocr = RapidOCR()  # rapidocr's own defaults
                else:
                    raise  # asked for by name (or CUDA): no silent substitute
            # load the models now (once per worker), with the session options above
            for load in ("_load_det_model", "_load_rec_model", "_load_cls_model"):
                try:
                    getattr(self._ocr, load)()
                except Exception:
                    if load != "_load_cls_model":
                        raise
        for h in list(logging.getLogger("RapidOCR").handlers):
            h.setLevel(logging.ERROR)
        _lighter_steps(self._ocr)

    def _backend_params(self, params: dict) -> dict:
        if self.backend != "openvino":
            return params
        try:
            import openvino  # noqa: F401
        except ImportError:
            raise MissingDependency("the OpenVINO back end needs: pip install openvino") from None
        from rapidocr import EngineType
        return {**params, "Det.engine_type": EngineType.OPENVINO, "Rec.engine_type": EngineType.OPENVINO,
                "Cls.engine_type": EngineType.OPENVINO,
                "EngineConfig.openvino.inference_num_threads": self.threads}

    def read(self, image: np.ndarray) -> list[OcrLine]:
        """The engine's own full reading (detection at its default resolution), as an auditor
        would read: ``waybill verify`` and the evaluations use this."""
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

    # ------------------------------------------------------------------ the masking path
    # One detection at the text's own scale, the quarter turn decided from that detection's boxes
    # (their shape, then the angle classifier's vote on a few of them), one recognition of every
    # box in that turn, batched by width: no image is read twice.

    def detect(self, image: np.ndarray) -> np.ndarray:
        """Text boxes (N x 4 x 2, clockwise from top-left, in ``image``'s pixels), detected at
        the resolution the text needs."""
        return self._detect(image)[0]

    def _detect(self, image: np.ndarray) -> tuple[np.ndarray, float]:
        """(boxes, the scale they were detected at)."""
        h, w = image.shape[:2]
        side = max(h, w)
        s0 = min(1.0, DET_FIRST_SIDE / side)
        boxes = self._det(image, s0)
        if len(boxes):
            hs = np.minimum(np.linalg.norm(boxes[:, 3] - boxes[:, 0], axis=1),
                            np.linalg.norm(boxes[:, 1] - boxes[:, 0], axis=1))
            need = min(1.0, DET_TEXT_PX / max(1.0, float(np.percentile(hs, 10))))
            if need > s0 * 1.15:
                # small text for this image's size (a label far off in a photo): look again closer
                return self._det(image, need), need
        return boxes, s0

    def _det(self, image: np.ndarray, scale: float) -> np.ndarray:
        det = self._ocr.text_det
        post = det.postprocess_op
        side = max(image.shape[:2])
        # the detector's size settings are changed for this call only: one call at a time per
        # engine, so that threads sharing an engine (the library API) never see another's scale
        with self._det_lock:
            det.limit_type, det.limit_side_len = "max", max(64, int(round(side * scale)))
            kernel = post.dilation_kernel
            if scale < DET_DILATE_SCALE:
                # the mask's 2x2 dilation is one detector pixel: at half scale two image pixels
                # on every side, and boxes came out ~15% taller than the full reading's (their
                # fills reached into the line above); without it they match (median ratio 1.00)
                post.dilation_kernel = None
            try:
                res = det(image)
            finally:
                det.limit_type, det.limit_side_len = self._ocr.cfg.Det.limit_type, self._ocr.cfg.Det.limit_side_len
                post.dilation_kernel = kernel
        if res.boxes is None or not len(res.boxes):
            return np.zeros((0, 4, 2), np.float32)
        return np.asarray(res.boxes, dtype=np.float32)

    def orientation(self, image: np.ndarray, boxes: np.ndarray) -> int:
        """Quarter turns (``np.rot90``'s k) that make the text upright, from the boxes: tall boxes
        mean the text runs vertically (k = 1 or 3), and the angle classifier's vote on the longest
        boxes tells the turn from its opposite."""
        if not len(boxes):
            return 0
        wd = np.linalg.norm(boxes[:, 1] - boxes[:, 0], axis=1)
        ht = np.linalg.norm(boxes[:, 3] - boxes[:, 0], axis=1)
        long = np.maximum(wd, ht) >= 2.5 * np.minimum(wd, ht)
        tall = int(np.sum(long & (ht > wd)))
        wide = int(np.sum(long & (wd >= ht)))
        k = 1 if tall > wide else 0
        cls = getattr(self._ocr, "text_cls", None)
        if cls is None:
            return k
        h, w = image.shape[:2]
        order = np.argsort(-np.maximum(wd, ht) * long)[:8]
        crops = [self._crop(image, b) for b in _turn_boxes(boxes[order], k, w, h)]
        crops = [c for c in crops if c.size]
        if not crops:
            return k
        res = cls(crops).cls_res
        flip = sum(sc for lab, sc in res if "180" in lab)
        keep = sum(sc for lab, sc in res if "180" not in lab)
        return (k + 2) % 4 if flip > keep else k

    @staticmethod
    def _crop(image: np.ndarray, box: np.ndarray) -> np.ndarray:
        from rapidocr.utils.process_img import get_rotate_crop_image
        return get_rotate_crop_image(image, np.array(box, dtype=np.float32))

    def recognise(self, image: np.ndarray, boxes: np.ndarray, dropped: list | None = None) -> list[OcrLine]:
        """Read every box once; crops of similar width are batched (rapidocr pads a batch to its
        widest crop, and every crop to at least 320 px, so crops narrower than that share a batch
        at no cost). ``dropped``: the boxes read as nothing are added to it."""
        if not len(boxes):
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput
        from rapidocr.ch_ppocr_rec.typings import TextRecOutput
        crops = [self._crop(image, b) for b in boxes]
        ratios = [c.shape[1] / max(1, c.shape[0]) for c in crops]
        order = sorted(range(len(crops)), key=lambda i: ratios[i])
        batches: list[list[int]] = []
        for i in order:
            r = max(REC_MIN_RATIO, ratios[i])
            if batches and len(batches[-1]) < REC_BATCH and r <= 1.15 * max(REC_MIN_RATIO, ratios[batches[-1][0]]):
                batches[-1].append(i)
            else:
                batches.append([i])
        rec = self._ocr.text_rec
        txts: list = [""] * len(crops)
        scores: list = [0.0] * len(crops)
        words: list = [None] * len(crops)
        saved = rec.rec_batch_num
        try:
            for b in batches:
                rec.rec_batch_num = len(b)
                r = rec(TextRecInput(img=[crops[i] for i in b], return_word_box=True))
                for j, i in enumerate(b):
                    txts[i], scores[i], words[i] = r.txts[j], float(r.scores[j]), r.word_results[j]
        finally:
            rec.rec_batch_num = saved
        keep = [i for i in range(len(crops)) if txts[i].strip() and scores[i] >= self._ocr.text_score]
        if dropped is not None and len(keep) < len(crops):
            kept = set(keep)
            dropped.extend(_quad(boxes[i]) for i in range(len(crops)) if i not in kept)
        if not keep:
            return []
        out_rec = TextRecOutput(imgs=[crops[i] for i in keep], txts=tuple(txts[i] for i in keep),
                                scores=[scores[i] for i in keep], word_results=tuple(words[i] for i in keep))
        kb = boxes[keep]
        wres = self._ocr.calc_word_boxes([crops[i] for i in keep], kb, out_rec)
        if len(wres) != len(keep):  # a crop with no character boxes: estimate them in the line
            wres = [()] * len(keep)
        out = []
        for j, i in enumerate(keep):
            lb = _quad(kb[j])
            tokens = [(t[0], _quad(t[2])) for t in (wres[j] or ()) if len(t) >= 3]
            out.append(OcrLine(txts[i], scores[i], lb, tuple(align_tokens(txts[i], tokens, lb))))
        return out

    @property
    def read_upright(self):
        """The read-once path for ``imaging.read_upright`` (the default); None with
        WAYBILL_OCR_READ_ONCE=0 (imaging then reads every candidate turn with ``read``, the
        engine's full reading, as before issue 13). Held-out evaluation against the full reading
        (README, OCR speed section): no leak either way, tracking text kept as well or better,
        region kept as well overall; ``waybill verify`` reads its outputs of the trace benchmark's
        labels as it reads the full reading's."""
        if os.environ.get("WAYBILL_OCR_READ_ONCE", "1") == "0":
            return None
        return self._read_upright_once

    def _read_upright_once(self, image: np.ndarray) -> tuple[int, list[OcrLine]] | None:
        """(k, lines of ``np.rot90(image, k)``): detect once, turn the boxes, read once; None
        when nothing was detected (the caller then reads with the engine's full reading).

        Two guards keep detection from missing a line (issue 13: on a ~90-degree phone photo of a
        Chinese label the detector, shown the text sideways at the first pass's scale, found no
        box for the recipient's name-and-phone line; shown the same pixels upright at the same
        scale it finds it at every scale tried):
        - text found running sideways is detected again upright (the turn from the first
          detection's boxes), at the same scale;
        - ``_rescan``: text-like ink that no detected box covers is detected again closer, on
          just those areas, and what is found there is read too."""
        boxes, scale = self._detect(image)
        if not len(boxes):
            return None
        k0 = self.orientation(image, boxes)
        kb = 0
        if k0 % 2:
            # the detector finds sideways lines less reliably than upright ones: detect again in
            # the turn the boxes ask for
            kb = k0
            image = np.ascontiguousarray(np.rot90(image, kb))
            up = self._det(image, scale)
            self.sideways += 1
            if len(up):
                boxes = up
            else:
                h, w = image.shape[1], image.shape[0]
                boxes = _turn_boxes(boxes, kb, w, h)
        r0 = (k0 - kb) % 4
        best: tuple | None = None
        # the guess is read first; a reading that is not clearly good (mean confidence per
        # character < 0.9, as imaging.read_upright asks) is compared with the opposite turn,
        # then with the other two: the same boxes, turned, never detected again
        # (a turn that leaves the lines running vertically is read too, the recogniser turning
        # tall crops itself, and a blurred photo's upright reading can score lower: it wins only
        # when no turn leaves the lines level, else the layout frame stands across the lines)
        for r in (r0, (r0 + 2) % 4, (r0 + 1) % 4, (r0 + 3) % 4):
            img_r, boxes_r = self._turned(image, boxes, r)
            gone: list = []
            lines = self.recognise(img_r, boxes_r, gone)
            s = sum(l.score * len(l.text.strip()) for l in lines)
            n = sum(len(l.text.strip()) for l in lines)
            level = not mostly_tall(lines)
            if best is None or (level, s) > (best[5], best[0]):
                best = (s, r, lines, img_r, boxes_r, level, tuple(gone))
            if n and s / n >= 0.9 and best[1] == r and level:
                break
            self.retries += 1
        _s, r, lines, img_r, boxes_r, _level, gone_n = best
        lines = self._rescan(img_r, boxes_r, lines, scale)
        return Upright((kb + r) % 4, lines, img_r, gone_n)

    retries = 0  # readings in a turn other than the first guess (the benchmark reports them)
    sideways = 0  # images detected a second time upright
    rescans = 0  # images where ink no box covered was detected again closer (``_rescan``)
    rescan_lines = 0  # lines those second looks found and read

    def _rescan(self, image: np.ndarray, boxes: np.ndarray, lines: list[OcrLine], scale: float) -> list[OcrLine]:
        """Text-like ink (``ink.unread_ink``, at detection scale) that no detected box covers
        is detected again at full resolution, on just those areas; boxes found there that no
        earlier box holds are read and their lines added."""
        import cv2

        from .ink import unread_ink
        if not len(boxes):
            return lines
        f = min(1.0, max(scale, RESCAN_MIN_SCALE))
        small = image if f >= 1.0 else cv2.resize(image, (max(8, round(image.shape[1] * f)),
                                                          max(8, round(image.shape[0] * f))),
                                                   interpolation=cv2.INTER_AREA)
        quads = [tuple(map(tuple, b * f)) for b in boxes]
        blobs = unread_ink(small, quads, [], [], min_cover=2.0)
        if not blobs:
            return lines
        hs = np.minimum(np.linalg.norm(boxes[:, 3] - boxes[:, 0], axis=1),
                        np.linalg.norm(boxes[:, 1] - boxes[:, 0], axis=1))
        lh = float(np.median(hs))
        H, W = image.shape[:2]
        centres, rects = [], []
        for q in blobs:
            p = np.asarray(q, dtype=np.float32) / f
            centres.append(p.mean(axis=0))
            x0, y0 = p.min(axis=0)
            x1, y1 = p.max(axis=0)
            # the rest of the line may be further along: widen more than heighten
            rects.append([max(0, x0 - 4 * lh), max(0, y0 - lh), min(W, x1 + 4 * lh), min(H, y1 + lh)])
        new: list = []
        looked = False
        for x0, y0, x1, y1 in _merge_rects(rects):
            x0, y0, x1, y1 = int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            crop = np.ascontiguousarray(image[y0:y1, x0:x1])
            inside = [c - (x0, y0) for c in centres if x0 <= c[0] < x1 and y0 <= c[1] < y1]
            # a code's modules can look like a word at detection scale: ink inside a code that
            # decodes here is no missed line (the codes are read on their own later)
            codes = _code_quads(crop) if inside else []
            if codes and all(any(cv2.pointPolygonTest(q, (float(c[0]), float(c[1])), False) >= 0 for q in codes)
                             for c in inside):
                continue
            looked = True
            for bx in self._det(crop, 1.0):
                bx = bx + np.array([x0, y0], dtype=np.float32)
                if not _held(bx, boxes) and not (new and _held(bx, np.array(new))):
                    new.append(bx)
        self.rescans += looked
        if not new:
            return lines
        more = self.recognise(image, np.array(new, dtype=np.float32))
        self.rescan_lines += len(more)
        out = lines + more
        out.sort(key=lambda l: (l.box[0][1], l.box[0][0]))
        return out

    @staticmethod
    def _turned(image: np.ndarray, boxes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if not k:
            return image, boxes
        h, w = image.shape[:2]
        b = _turn_boxes(boxes, k, w, h)
        return np.ascontiguousarray(np.rot90(image, k)), b[np.lexsort((b[:, 0, 0], b[:, 0, 1]))]


def _code_quads(image: np.ndarray) -> list:
    """Quads (float32, 4x1x2, grown by a tenth each way) of the barcodes and 2D codes that decode
    in ``image``; none where zxing-cpp is missing."""
    try:
        import zxingcpp
        found = zxingcpp.read_barcodes(np.ascontiguousarray(image))
    except Exception:
        return []
    out = []
    for b in found:
        p = b.position
        q = np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                      [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]], np.float32)
        c = q.mean(axis=0)
        span = np.ptp(q, axis=0).max()
        q = c + (q - c) * 1.1
        if span < 4:  # a linear code's position can be one scan line: give it some height
            q = np.array([q[0] - [0, 8], q[1] - [0, 8], q[2] + [0, 8], q[3] + [0, 8]], np.float32)
        out.append(q.reshape(-1, 1, 2))
    return out


def _merge_rects(rects: list) -> list:
    """Axis-aligned rectangles [x0, y0, x1, y1], overlapping ones merged until none overlap."""
    rects = [list(r) for r in rects]
    merged = True
    while merged:
        merged = False
        out: list = []
        for r in rects:
            for o in out:
                if r[0] < o[2] and o[0] < r[2] and r[1] < o[3] and o[1] < r[3]:
                    o[:] = [min(o[0], r[0]), min(o[1], r[1]), max(o[2], r[2]), max(o[3], r[3])]
                    merged = True
                    break
            else:
                out.append(r)
        rects = out
    return rects


def _held(box: np.ndarray, boxes: np.ndarray) -> bool:
    """Whether half or more of ``box``'s bounding rectangle lies inside one of ``boxes``'."""
    if not len(boxes):
        return False
    x0, y0 = box.min(axis=0)
    x1, y1 = box.max(axis=0)
    a = max(1e-6, float((x1 - x0) * (y1 - y0)))
    bx0, by0 = boxes.min(axis=1).T
    bx1, by1 = boxes.max(axis=1).T
    iw = np.clip(np.minimum(x1, bx1) - np.maximum(x0, bx0), 0, None)
    ih = np.clip(np.minimum(y1, by1) - np.maximum(y0, by0), 0, None)
    return bool(np.any(iw * ih >= 0.5 * a))


def _turn_boxes(boxes: np.ndarray, k: int, w: int, h: int) -> np.ndarray:
    """Boxes of an image w x h in ``np.rot90(image, k)``'s pixels, still clockwise from the
    top-left corner of the turned text."""
    k %= 4
    if not k or not len(boxes):
        return boxes
    x, y = boxes[..., 0], boxes[..., 1]
    if k == 1:
        pts = np.stack([y, w - 1 - x], axis=-1)
    elif k == 2:
        pts = np.stack([w - 1 - x, h - 1 - y], axis=-1)
    else:
        pts = np.stack([h - 1 - y, x], axis=-1)
    return np.roll(pts, -k, axis=1).astype(np.float32)


def _lighter_steps(ocr) -> None:
    """Three of rapidocr's steps around its models made cheaper, with the same results (issue 13;
    tests/test_ocr_speed.py compares both ways on generated labels):

    - the detector's input: rapidocr normalises the resized image in float64 (``(x / 255 - mean) /
      std``, then float32), ~15 ms a call on a label; every value depends on one channel's byte
      only, so a 256-entry table per channel made with rapidocr's own arithmetic gives the same
      float32 values, written straight into the network's channel-first layout;
    - the character boxes: rapidocr's ``CalRecBoxes`` deep-copies every line's box lists before
      changing them, lists it has just made and never uses again; without the copies the boxes
      are the same (a plain copy of the line's 4x2 array, which it changes in place); and it
      orders every character box's 4 integer corners with ~20 numpy calls, here in plain Python
      for the usual case (no corner at the mean x), rapidocr's own for any other;
    - the recogniser's CTC decoding takes each step's probability at its arg-max instead of a
      second pass over all classes (``_ctc_class``)."""
    det = getattr(ocr, "text_det", None)
    if det is not None and hasattr(det, "get_preprocess"):
        det.get_preprocess = lambda det=det: _det_preprocess(det.limit_side_len, det.limit_type, det.mean, det.std)
    if getattr(ocr, "cal_rec_boxes", None) is not None:
        try:
            ocr.cal_rec_boxes = _cal_rec_boxes_class()()
        except Exception:  # pragma: no cover - another rapidocr layout: its own
            pass
    post = getattr(getattr(ocr, "text_rec", None), "postprocess_op", None)
    if post is not None and hasattr(post, "decode"):
        post.__class__ = _ctc_class(type(post))


_CTC: dict = {}


def _ctc_class(base):
    """rapidocr's CTC decoder with each step's probability taken at its arg-max (the same value
    as its second full pass, ``preds.max``, over the 18,710 classes: ~6 -> ~2 ms a batch)."""
    if base.__name__ == "CTCArgmaxOnce":
        return base
    cls = _CTC.get(base)
    if cls is None:
        class CTCArgmaxOnce(base):
            def __call__(self, preds, return_word_box=False, **kwargs):
                preds_idx = preds.argmax(axis=2)
                preds_prob = np.take_along_axis(preds, preds_idx[..., None], axis=2)[..., 0]
                return self.decode(preds_idx, preds_prob, return_word_box, kwargs.get("wh_ratio_list", (1.0,)),
                                   kwargs.get("max_wh_ratio", 1.0), remove_duplicate=True)

        cls = _CTC[base] = CTCArgmaxOnce
    return cls


_DET_PRE: dict = {}


def _det_preprocess(limit_side_len, limit_type, mean, std):
    cls = _DET_PRE.get("cls")
    if cls is None:
        from rapidocr.ch_ppocr_det.utils import DetPreProcess

        class TablePreProcess(DetPreProcess):
            def __call__(self, img: np.ndarray):
                if not (isinstance(img, np.ndarray) and img.dtype == np.uint8 and img.ndim == 3 and img.shape[2] == 3):
                    return super().__call__(img)
                resized = self.resize(img)
                if resized is None:
                    return None
                key = (self.scale, tuple(np.ravel(self.mean)), tuple(np.ravel(self.std)))
                lut = _DET_PRE.get(key)
                if lut is None:
                    v = np.arange(256, dtype=np.uint8)
                    # rapidocr's own normalize on every byte value of every channel
                    lut = np.ascontiguousarray(self.normalize(np.stack([v, v, v], axis=1)[None])[0].astype(np.float32).T)
                    _DET_PRE[key] = lut
                h, w = resized.shape[:2]
                out = np.empty((1, 3, h, w), np.float32)
                for c in range(3):
                    np.take(lut[c], resized[:, :, c], out=out[0, c])
                return out

        cls = _DET_PRE["cls"] = TablePreProcess
    return cls(limit_side_len, limit_type, mean, std)


def _cal_rec_boxes_class():
    from rapidocr.cal_rec_boxes.main import CalRecBoxes

    class CalRecBoxesNoCopy(CalRecBoxes):
        # rapidocr 3.x's CalRecBoxes.__call__ (Apache-2.0, RapidAI), less its two deep copies
        def __call__(self, imgs, dt_boxes, rec_res, return_single_char_box=False):
            word_results = []
            for idx, (img, box) in enumerate(zip(imgs, dt_boxes)):
                if rec_res.txts is None or img.size == 0 or rec_res.word_results is None:
                    continue
                h, w = img.shape[:2]
                img_box = np.array([[0, 0], [w, 0], [w, h], [0, h]])
                contents, boxes, confs = self.cal_ocr_word_box(rec_res.txts[idx], img_box, rec_res.word_results[idx],
                                                               return_single_char_box)
                boxes = self.adjust_box_overlap(boxes)
                boxes = self.reverse_rotate_crop_image(np.array(box, copy=True), boxes, self.get_box_direction(box))
                word_results.append(list(zip(contents, confs, boxes)))
            rec_res.word_results = tuple(word_results)
            return rec_res

        @staticmethod
        def order_points(ori_box):
            # rapidocr's order_points on 4 integer points, in plain Python where no x equals the
            # points' mean x (its last case: the left pair's top and bottom, the right pair's);
            # any other case goes to rapidocr's own
            if len(ori_box) == 4 and all(len(q) == 2 and type(q[0]) is int and type(q[1]) is int for q in ori_box):
                cx = sum(q[0] for q in ori_box) / 4
                if all(q[0] != cx for q in ori_box):
                    left = [q for q in ori_box if q[0] < cx]
                    right = [q for q in ori_box if q[0] > cx]
                    lo = min(q[1] for q in left), max(q[1] for q in left)
                    ro = min(q[1] for q in right), max(q[1] for q in right)
                    p1 = next(q for q in left if q[1] == lo[0])
                    p4 = next(q for q in left if q[1] == lo[1])
                    p2 = next(q for q in right if q[1] == ro[0])
                    p3 = next(q for q in right if q[1] == ro[1])
                    return [list(p1), list(p2), list(p3), list(p4)]
            return CalRecBoxes.order_points(ori_box)

    return CalRecBoxesNoCopy


class _tuned_ort_sessions:
    """While rapidocr builds its ONNX Runtime sessions: threads that sleep instead of spinning
    while they wait (a spinning thread takes the core another worker needs), and a memory arena
    that grows only by what a request asks for."""

    def __init__(self, threads: int):
        self.threads = threads
        self._cls = self._orig = None

    def __enter__(self):
        try:
            from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
        except Exception:  # pragma: no cover - another rapidocr layout: its own defaults
            return self
        orig = getattr(OrtInferSession, "_init_sess_opts", None)
        if orig is None:  # pragma: no cover
            return self

        def tuned(cfg, _orig=orig):
            so = _orig(cfg)
            try:
                so.add_session_config_entry("session.intra_op.allow_spinning", "0")
                so.add_session_config_entry("session.inter_op.allow_spinning", "0")
            except Exception:  # pragma: no cover
                pass
            return so

        self._cls, self._orig = OrtInferSession, orig
        OrtInferSession._init_sess_opts = staticmethod(tuned)
        return self

    def __exit__(self, *exc):
        if self._cls is not None:
            self._cls._init_sess_opts = staticmethod(self._orig)
        return False


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim+eng", psm: int = 3):
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
        self.psm = psm
        self._t = pytesseract
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def read(self, image: np.ndarray) -> list[OcrLine]:
        d = self._t.image_to_data(image, lang=self.lang, config=f"--psm {self.psm}",
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
            text, tokens = _join_words(words)
            xs = [b[0][0] for _, b in tokens] + [b[1][0] for _, b in tokens]
            ys = [b[0][1] for _, b in tokens] + [b[2][1] for _, b in tokens]
            lb = ((min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys)))
            score = max(0.0, sum(c for _, c, _ in words) / len(words) / 100.0)
            out.append(OcrLine(text, score, lb, tuple(align_tokens(text, tokens, lb))))
        return out

    def read_boxes(self, image: np.ndarray, quads: list) -> list[OcrLine | None]:
        """The text of each line at ``quads`` (another engine's detection: corners top-left,
        top-right, bottom-right, bottom-left): each line is cut out along its own quad (a tilted or
        foreshortened line comes out straight), grown across by a fifth of its height each way (a
        Thai line's marks stand above and below the letters), scaled to ``_ROW_H`` px, stretched to
        black on white, and all are stacked in one strip that Tesseract reads once as a block of
        lines. Character boxes are mapped back through each line's own cut. None for a quad too
        small to cut or a line read as nothing."""
        import cv2
        from PIL import Image, ImageOps

        grey = image if image.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2GRAY)
        rows: list = []
        for q in quads:
            p = np.array(q, dtype=np.float64)
            up, along = p[0] - p[3], p[1] - p[0]
            h, w = float(np.linalg.norm(up)), float(np.linalg.norm(along))
            if h < 4 or w < 4:
                rows.append(None)
                continue
            g = up / h * _ROW_GROW * h
            src = np.array([p[0] + g, p[1] + g, p[2] - g, p[3] - g], dtype=np.float32)
            W = int(max(8, min(_ROW_MAX_W, round(w * _ROW_H / (h * (1 + 2 * _ROW_GROW))))))
            dst = np.array([[0, 0], [W, 0], [W, _ROW_H], [0, _ROW_H]], dtype=np.float32)
            M = cv2.getPerspectiveTransform(src, dst)
            row = cv2.warpPerspective(grey, M, (W, _ROW_H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
            row = np.asarray(ImageOps.autocontrast(Image.fromarray(row), cutoff=2))
            rows.append((row, np.linalg.inv(M), src))
        cut = [r for r in rows if r is not None]
        if not cut:
            return [None] * len(quads)
        strip, starts = _stacked([r[0] for r in cut], _ROW_GAP)
        d = self._t.image_to_data(strip, lang=self.lang, config="--psm 6", output_type=self._t.Output.DICT)
        words: dict[int, list] = {}
        for i, word in enumerate(d["text"]):
            if not word or not word.strip():
                continue
            cy = d["top"][i] + d["height"][i] / 2
            k = int(np.searchsorted(starts, cy, side="right")) - 1
            if k < 0 or cy > starts[k] + _ROW_H:
                continue
            words.setdefault(k, []).append((word, float(d["conf"][i]), (d["left"][i], d["top"][i], d["width"][i],
                                                                        d["height"][i])))
        out: list[OcrLine | None] = []
        k = -1
        for r in rows:
            if r is None:
                out.append(None)
                continue
            k += 1
            ws = words.get(k, [])  # (in Tesseract's reading order: right to left in Arabic or Hebrew)
            if not ws:
                out.append(None)
                continue
            _row, inv, src = r
            y0 = starts[k]

            def back(pts, inv=inv, y0=y0):
                a = np.array([[px - _ROW_GAP, py - y0, 1.0] for px, py in pts]) @ inv.T
                return tuple((float(u / z), float(v / z)) for u, v, z in a)
            text, tokens = _join_words(ws)
            tokens = [(t, back(b)) for t, b in tokens]
            lb = tuple((float(px), float(py)) for px, py in src)
            score = max(0.0, sum(c for _, c, _ in ws) / len(ws) / 100.0)
            out.append(OcrLine(text, score, lb, tuple(align_tokens(text, tokens, lb))))
        return out


def _stacked(rows: list, gap: int) -> tuple[np.ndarray, list[int]]:
    """Grey rows stacked on white, ``gap`` pixels around and between them, each at x = ``gap``:
    the strip and each row's top."""
    tops, y = [], gap
    for r in rows:
        tops.append(y)
        y += r.shape[0] + gap
    strip = np.full((y, max(r.shape[1] for r in rows) + 2 * gap), 255, dtype=np.uint8)
    for r, t in zip(rows, tops):
        strip[t:t + r.shape[0], gap:gap + r.shape[1]] = r
    return strip, tops


#: ``TesseractEngine.read_boxes``: each line cut out this many pixels high, grown across by this
#: share of its height each way, at most this wide, with this much white between lines
_ROW_H, _ROW_GROW, _ROW_MAX_W, _ROW_GAP = 48, 0.2, 2400, 24


def _join_words(words: list) -> tuple[str, list]:
    """A line's text and its tokens with boxes from Tesseract's words [(word, conf, (x, y, w, h))]
    in reading order: Chinese (which Tesseract splits into single characters) and Thai clusters
    (``_thai_joined``) joined without spaces, other words with one."""
    text = ""
    tokens: list = []
    words = _logical_order(words)
    if not words:
        return "", []
    hs = sorted(b[3] for _, _, b in words)
    xh = hs[len(hs) // 4]  # (about the height of a letter without marks or ascenders)
    for k, (wd, _, (x, y, w, h)) in enumerate(words):
        if k and not (ord(wd[0]) > 0x2E80 and ord(text[-1]) > 0x2E80) and not _thai_joined(
                text[-1], wd, x - (tokens[-1][1][1][0]), xh):
            text += " "
        text += wd
        tokens.append((wd, ((x, y), (x + w, y), (x + w, y + h), (x, y + h))))
    return text, tokens


_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def _logical_order(words: list) -> list:
    """Tesseract's words of one line [(word, conf, (x, y, w, h))] in the order they are read: its
    direction marks dropped, and a line holding words of a right-to-left script put in that script's
    order, right to left, each run of left-to-right words (a number, a Latin name) kept in its own
    order. Tesseract's reading of 'מספר מעקב: EE322729275IL' was 'EE322729275IL מספר מעקב:' with a
    mark after it (the label no longer before its number: the tracking number was filled)."""
    out = []
    for w, c, b in words:
        w = _BIDI_MARKS.sub("", w)
        if w.strip():
            out.append((w, c, b))
    if not any(_RTL_LETTER.search(w) for w, _c, _b in out):
        return out
    by_place = sorted(out, key=lambda t: -(t[2][0] + t[2][2] / 2))
    ordered: list = []
    run: list = []
    for t in by_place:
        if _RTL_LETTER.search(t[0]):
            ordered += run[::-1] + [t]
            run = []
        else:
            run.append(t)
    return ordered + run[::-1]


# ------------------------------------------------------------------ scripts the bundled model lacks

#: scripts that rapidocr's bundled PP-OCR model (Chinese, Japanese kana, Latin) does not read, by the
#: name Tesseract's orientation and script detection (OSD) gives them: the Tesseract language that
#: reads them and the letters its reading must hold (Debian: tesseract-ocr-<lang>)
OTHER_SCRIPTS: dict[str, tuple[str, str]] = {
    "Thai": ("tha", "\u0e01-\u0e4f"),  # (letters and marks; not Thai digits, which misreadings are full of)
    "Korean": ("kor", "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"),
    "Hangul": ("kor", "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"),
    "Cyrillic": ("rus", "\u0400-\u04ff"),
    "Greek": ("ell", "\u0370-\u03ff"),
    "Arabic": ("ara", "\u0600-\u06ff"),
    "Hebrew": ("heb", "\u0590-\u05ff"),
    "Devanagari": ("hin", "\u0900-\u097f"),
    "Bengali": ("ben", "\u0980-\u09ff"),
    "Tamil": ("tam", "\u0b80-\u0bff"),
    "Georgian": ("kat", "\u10a0-\u10ff"),
    "Armenian": ("hye", "\u0530-\u058f"),
    "Khmer": ("khm", "\u1780-\u17ff"),
    "Lao": ("lao", "\u0e80-\u0eff"),
    "Myanmar": ("mya", "\u1000-\u109f"),
}


def page_script(image: np.ndarray) -> str | None:
    """The script Tesseract's orientation and script detection (OSD) sees on ``image`` (``Thai``,
    ``Korean``, ``Latin``, ``Han``...; on a ``line_strip``), or None (Tesseract not installed, too
    little text). Not reliable enough to choose a reader by (``guess_script``), but it needs no
    language data: it tells that lines are in a script no installed reader reads."""
    if not _tesseract_installed():
        return None
    import re

    import pytesseract
    try:
        out = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=5")
    except Exception:
        return None
    m = re.search(r"Script: (\w+)", out)
    return m.group(1) if m else None


#: a word counts for a script when Tesseract reads it with at least this confidence (0-100)
SCRIPT_WORD_CONF = 60
#: the strip of lines a script is guessed from: each line this many pixels high, at most this many lines
_STRIP_H, _STRIP_LINES = 40, 12


def line_strip(image: np.ndarray, quads: list) -> np.ndarray | None:
    """The lines at ``quads`` (their bounding boxes) cut out of ``image``, each scaled to the same
    height, stacked on white with a margin: one small image for a script to be guessed from."""
    from PIL import Image, ImageOps
    rows = []
    H, W = image.shape[:2]
    grey = image if image.ndim == 2 else np.asarray(Image.fromarray(image).convert("L"))
    for q in quads[:_STRIP_LINES]:
        xs, ys = [p[0] for p in q], [p[1] for p in q]
        x0, x1 = max(0, int(min(xs)) - 2), min(W, int(np.ceil(max(xs))) + 2)
        y0, y1 = max(0, int(min(ys)) - 2), min(H, int(np.ceil(max(ys))) + 2)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        # (stretched to black on white: Tesseract read nothing on a photo's grey paper)
        crop = ImageOps.autocontrast(Image.fromarray(np.ascontiguousarray(grey[y0:y1, x0:x1])), cutoff=2)
        w = max(4, min(1600, round(crop.width * _STRIP_H / crop.height)))
        rows.append(np.asarray(crop.resize((w, _STRIP_H), Image.BILINEAR)))
    return _stacked(rows, _STRIP_H // 2)[0] if rows else None


def _script_score(img: np.ndarray, lang: str, letters: str) -> tuple[float, float, int]:
    """(mean confidence per character, mean per word where a Thai reading carries its marks (else 0),
    letters of ``letters`` in words read with ``SCRIPT_WORD_CONF`` or more) of Tesseract's ``lang``
    reader on ``img`` (``guess_script``, ``script_letters``)."""
    import pytesseract

    try:
        d = pytesseract.image_to_data(img, lang=lang, config="--psm 6", output_type=pytesseract.Output.DICT)
    except Exception:
        return 0.0, 0.0, 0
    pat = re.compile(f"[{letters}]")
    words = [(w.strip(), float(c)) for w, c in zip(d["text"], d["conf"]) if w.strip() and float(c) >= 0]
    if not words:
        return 0.0, 0.0, 0
    # (each word weighs its length: Thai's reader turned a blurred Russian photo's words into
    # single Thai letters read at 60-93 and won on the mean per word, 68 to Russian's 62; per
    # character 63 to 69. A Thai reading is sure by its mean per word too where a sixth of its
    # Thai characters are vowel and tone marks, as Thai writes them: a Thai photo's per word was
    # 79, per character under 75; Thai's reader read a Russian label's lines as bare consonants,
    # 75 per word)
    plain = "".join(w for w, _c in words)
    thai = len(_THAI_LETTERS.findall(plain))
    marked = lang == "tha" and thai > 0 and 6 * len(_THAI_MARKS.findall(plain)) >= thai
    return (sum(c * len(w) for w, c in words) / sum(len(w) for w, _c in words),
            sum(c for _w, c in words) / len(words) if marked else 0.0,
            sum(len(pat.findall(w)) for w, c in words if c >= SCRIPT_WORD_CONF))


def guess_script(strip: np.ndarray, among: frozenset | None = None) -> tuple[str | None, bool]:
    """(script, sure): the script of ``OTHER_SCRIPTS`` whose installed Tesseract reader reads
    ``strip`` (``line_strip`` of the lines the engine read poorly or not at all) with the highest
    mean confidence per character (each word's confidence for each of its characters), where that
    reading holds at least 3 letters of the script in words read with ``SCRIPT_WORD_CONF`` or more
    and English reads the strip, as it is and turned upside down, with less; ``sure`` when that
    mean (or, for Thai written with its vowel and tone marks, the mean per word) is
    ``SCRIPT_SURE_CONF`` or more. (None, False) when no installed reader does (a blurred Latin
    photo, a logo).

    Each reader turns any ink into its own letters: Thai's read the poor lines of generated Latin
    photos at a mean of 30-57, and at 73.5 an upside-down Swiss label beside a Chinese one (English
    read that strip at 36, and turned at 88.5); the right reader read the Thai and Korean labels'
    poor lines (12 labels, clean and photographed) at 80-94. Tesseract's own script detection
    (OSD, ``page_script``) was tried first: it called Korean labels Latin, Japanese or nothing, and
    a Thai photo Katakana; it only confirms a guess that is not sure. A reader that reads half as
    many letters of its script again as the most confident one, and ``SCRIPT_RICH_LETTERS`` at
    least, takes the guess from it; a guess is sure too when its reader reads that many letters
    and the most of all (Thai's count only where its vowel and tone marks come with them: its
    reader reads any ink as bare consonants). ``among``: the scripts to choose from (all of
    ``OTHER_SCRIPTS`` when None)."""
    if not _tesseract_installed():
        return None, False
    score = _script_score
    best, best_conf, best_word, best_n = None, 0.0, 0.0, 0
    seen: set = set()
    letters_read: dict[str, int] = {}
    scores: dict[str, tuple[float, float, int]] = {}
    for script, (lang, letters) in OTHER_SCRIPTS.items():
        if lang in seen or (among is not None and script not in among) or script_reader(script) is None:
            continue
        seen.add(lang)
        conf, word, n = scores[script] = score(strip, lang, letters)
        # (Thai's letters count only where they come with Thai's vowel and tone marks: its reader
        # reads any ink as bare consonants, 75 of them with confidence on a Russian label)
        letters_read[script] = n if lang != "tha" or word else 0
        if n >= 3 and conf > best_conf:
            best, best_conf, best_word, best_n = script, conf, word, letters_read[script]
    # (a reader that read far more of its letters with confidence than the most confident one:
    # Thai's reader read a Hebrew photo's strip at 66 per character as 21 single letters, Hebrew's
    # at 61 as 41 letters in words of four; the page was taken for no script and kept whole;
    # label_gen il_post, seed 34100)
    rich = max(letters_read, key=lambda k: letters_read[k], default=None)
    if rich is not None and rich != best and letters_read[rich] >= max(SCRIPT_RICH_LETTERS, 1.5 * best_n):
        conf, word, _n = scores[rich]
        if conf >= SCRIPT_WORD_CONF:
            best, best_conf, best_word, best_n = rich, conf, word, letters_read[rich]
    if best is None or best_conf < SCRIPT_WORD_CONF:
        return None, False
    latin = max(score(strip, "eng", "A-Za-z0-9")[0],
                score(np.ascontiguousarray(strip[::-1, ::-1]), "eng", "A-Za-z0-9")[0])
    if best_conf <= latin:
        return None, False
    # sure by its confidence, or by reading the most letters with confidence, 20 at least (a blurred
    # Russian photo: 74 per character, 47 letters to Thai's 27; a blurred Korean photo: 69, 30 letters
    # to Thai's 23: Tesseract's script detection, which an unsure guess needs, called them Latin and
    # Fraktur, and the Korean photo's names and addresses stood; label_gen kr_cj, held-out fonts)
    leads = best_n >= SCRIPT_RICH_LETTERS and best_n >= max(letters_read.values())
    return best, max(best_conf, best_word) >= SCRIPT_SURE_CONF or leads


def script_letters(strip: np.ndarray, script: str) -> int:
    """How many letters of ``script`` (one of ``OTHER_SCRIPTS``) its installed reader reads in
    ``strip`` in words of ``SCRIPT_WORD_CONF`` or more (0 where Tesseract or that reader is not
    installed)."""
    if script_reader(script) is None:
        return 0
    return _script_score(strip, *OTHER_SCRIPTS[script])[2]


_THAI_LETTERS = re.compile("[\u0e01-\u0e4e]")
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
#: a script's reader reading the poorly read lines with this mean word confidence or more is sure
#: of them (``guess_script``); a guess below it needs Tesseract's script detection to agree
SCRIPT_SURE_CONF = 75
#: a reader that reads this many of its script's letters with confidence, and half as many again as
#: the most confident reader, wins the guess; one that reads this many and the most is sure of it
#: (``guess_script``)
SCRIPT_RICH_LETTERS = 20


#: readers of other scripts made in this process, by Tesseract language (None: not installed)
_SCRIPT_READERS: dict[str, "TesseractEngine | None"] = {}


def script_reader(script: str) -> "TesseractEngine | None":
    """A Tesseract reader of ``script`` (one of ``OTHER_SCRIPTS``) and English, each text line of a
    label on its own (``--psm 11``: a label's lines are sparse text; the page layout mode lost the
    top half of a Korean label), or None where Tesseract or that language's data is not installed."""
    lang = OTHER_SCRIPTS[script][0]
    if lang not in _SCRIPT_READERS:
        reader = None
        # (Tesseract's languages asked once: a guess looks at every script of OTHER_SCRIPTS, and
        # each reader made asked Tesseract for its list in a process of its own)
        if lang in _tesseract_langs():
            try:
                reader = TesseractEngine(f"{lang}+eng", psm=11)
            except MissingDependency:
                reader = None
        _SCRIPT_READERS[lang] = reader
    return _SCRIPT_READERS[lang]


@functools.lru_cache(maxsize=1)
def _tesseract_langs() -> frozenset:
    """The languages whose data Tesseract has here (empty where Tesseract is not installed)."""
    if not _tesseract_installed():
        return frozenset()
    import pytesseract
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:
        return frozenset()


def _thai_joined(prev: str, word: str, gap: float, xh: float) -> bool:
    """Whether Tesseract's next "word" goes on the Thai word before it: Thai is written without
    spaces between words and Tesseract cuts it into clusters, a vowel or tone mark alone ('ชื ่ อ
    ผู ้ ส ่ ง' for ชื่อผู้ส่ง); a space stands only where the ink leaves a gap of 0.6 letter heights
    (``xh``; gaps inside words measured up to 0.5, between words from 0.7; Garuda, Loma, 22-28 px)."""
    import unicodedata
    if not (("\u0e00" <= word[0] <= "\u0e7f" or word[0] in ":：;,.)") and "\u0e00" <= prev <= "\u0e7f"):
        return False  # (a label's colon goes on its word too: 'ผู้รับ:')
    return unicodedata.category(word[0]) == "Mn" or gap < 0.6 * xh


@dataclass(eq=False)
class FakeEngine:
    """Test engine: returns the lines it was given (for images of the given size). An ordinary
    engine: register it (``register(made(eng))``) or pass it in (``Settings(ocr=eng)``)."""

    lines: list[OcrLine] = field(default_factory=list)
    name: str = "fake"

    def read(self, image: np.ndarray) -> list[OcrLine]:
        return list(self.lines)


# --------------------------------------------------------------------------- the engine registry


@dataclass(frozen=True, eq=False)
class EngineKind:
    """One registered OCR engine: ``make(threads, device, backend)`` builds it (once per process
    and settings, ``get_engine``); ``installed()`` tells whether what it needs is here."""

    name: str
    make: Callable[[int, str, str], Engine]
    installed: Callable[[], bool] = lambda: True


def _rapidocr_installed() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def _tesseract_installed() -> bool:
    try:
        import shutil

        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return bool(shutil.which("tesseract"))


def made(engine: Engine) -> EngineKind:
    """An engine object already made (a test's fake, a caller's own reader) as a registry entry."""
    return EngineKind(engine.name, lambda threads, device, backend: engine)


#: the OCR engines by name, in the order ``auto`` prefers the installed ones
ENGINES: dict[str, EngineKind] = {}


def register(kind: EngineKind) -> EngineKind:
    """Add (or replace) an engine: the one place a new OCR engine is made known."""
    ENGINES[kind.name] = kind
    return kind


register(EngineKind("rapidocr", lambda threads, device, backend: RapidEngine(threads, device, backend),
                    _rapidocr_installed))
register(EngineKind("tesseract", lambda threads, device, backend: TesseractEngine(), _tesseract_installed))


def available(registry: dict[str, EngineKind] | None = None) -> list[str]:
    """The installed engines of ``registry`` (default ``ENGINES``), preferred first."""
    return [n for n, k in (ENGINES if registry is None else registry).items() if k.installed()]


#: engines made in this process, by (kind, threads, device, back end): models load once
_MADE: dict[tuple, Engine] = {}


def get_engine(name: str = "auto", registry: dict[str, EngineKind] | None = None) -> Engine:
    """The engine ``name`` (``auto``: the first installed) of ``registry`` (default ``ENGINES``),
    made once per process and (threads, device, back end)."""
    reg = ENGINES if registry is None else registry
    if name == "auto":
        have = available(reg)
        if not have:
            raise MissingDependency("no OCR engine installed: pip install 'waybill[all]' "
                                    "(rapidocr + onnxruntime) or apt-get install tesseract-ocr")
        name = have[0]
    kind = reg.get(name)
    if kind is None:
        raise MissingDependency(f"unknown OCR engine '{name}'")
    st = ocr_settings()
    key = (kind, st["threads"], st["device"], st["backend"])
    eng = _MADE.get(key)
    if eng is None:
        if len(_MADE) >= 4:  # settings changed within one process (tests, benchmarks): keep a few
            _MADE.pop(next(iter(_MADE)))
        eng = _MADE[key] = kind.make(st["threads"], st["device"], st["backend"])
    return eng


get_engine.cache_clear = _MADE.clear  # type: ignore[attr-defined]

#: engines a forked child inherited from its parent: never used there (an ONNX Runtime session's
#: thread pool does not survive a fork) and never destroyed (its destructor waits on condition
#: variables of the parent's threads: a worker that evicted one from ``_MADE`` hung for ever in
#: pthread_cond_destroy, seen when a process that had read images forked mask workers)
_INHERITED: list[Engine] = []


def _forget_inherited() -> None:
    _INHERITED.extend(_MADE.values())
    _MADE.clear()


os.register_at_fork(after_in_child=_forget_inherited)


class OcrEngines:
    """The OCR engines one masking engine reads with, passed in when it is built: ``name`` (or
    ``auto``: the first installed) for masking, and every installed one for cross-reading
    (``verify``). ``source``: a registry (default ``ENGINES`` as it is when asked), or one engine
    object, which is then the only one."""

    def __init__(self, source: "str | Engine" = "auto", registry: dict[str, EngineKind] | None = None):
        if isinstance(source, str):
            self.name, self.registry = source, registry
        else:
            self.name, self.registry = source.name, {source.name: made(source)}

    def get(self, name: str | None = None) -> Engine:
        return get_engine(name or self.name, self.registry)

    def installed(self) -> list[str]:
        return available(self.registry)

    def other(self, name: str) -> str | None:
        """The cross-check engine for ``verify``: the other installed one, if any."""
        for n in self.installed():
            if n != name:
                return n
        return None
