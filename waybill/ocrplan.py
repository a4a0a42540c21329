"""OCR run settings that the CLI and the batch runner need before any engine exists: cores, threads
per worker, device check. Kept apart from ``waybill.ocr`` so that text-only runs never import numpy
or an OCR engine."""
from __future__ import annotations

import os


def cores() -> int:
    """CPU cores this process may run on (the affinity mask, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def plan_threads(workers: int, n_cores: int | None = None) -> int:
    """OCR threads per worker process: the cores shared out among the workers (at least one)."""
    return max(1, (n_cores or cores()) // max(1, workers))


DEVICES = ("cpu", "cuda")


def check_device(device: str) -> None:
    """Fail with a usage error (exit 2) when ``device`` cannot be used here: ``cuda`` needs
    onnxruntime-gpu with a CUDA device (ONNX Runtime's CUDAExecutionProvider)."""
    from .errors import UsageError
    if device not in DEVICES:
        raise UsageError(f"unknown --device '{device}' (cpu or cuda)")
    if device == "cuda":
        try:
            import onnxruntime as ort
            have = list(ort.get_available_providers())
            gpu = ort.get_device() == "GPU"
        except Exception:
            have, gpu = [], False
        if "CUDAExecutionProvider" not in have or not gpu:
            raise UsageError("--device cuda: ONNX Runtime's CUDAExecutionProvider is not available here "
                             f"(providers: {', '.join(have) or 'none'}); install onnxruntime-gpu on a "
                             "machine with an NVIDIA GPU and CUDA, or use --device cpu")


def ocr_settings() -> dict:
    """Threads, device and inference back end for OCR engines made in this process, from the
    environment (``WAYBILL_OCR_THREADS``, ``WAYBILL_OCR_DEVICE``, ``WAYBILL_OCR_BACKEND``), which the
    CLI sets before its workers start, so forked and spawned workers alike see them."""
    try:
        threads = int(os.environ.get("WAYBILL_OCR_THREADS", "0"))
    except ValueError:
        threads = 0
    return {"threads": threads if threads > 0 else cores(),
            "device": os.environ.get("WAYBILL_OCR_DEVICE", "cpu") or "cpu",
            "backend": os.environ.get("WAYBILL_OCR_BACKEND", "onnxruntime") or "onnxruntime"}
