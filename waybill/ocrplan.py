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
#: rapidocr's inference back ends. ONNX Runtime (float32) is the default. OpenVINO on a CPU with bf16
#: instructions reads a label in ~0.8x ONNX Runtime's CPU time with the same models, but its bf16
#: arithmetic left 2 of 84 personal values readable on the hard photos where ONNX Runtime left none
#: (README "Image speed"), so it is opt-in; ``auto`` picks it where bf16 is there
BACKENDS = ("auto", "onnxruntime", "openvino")


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


def check_backend(backend: str) -> None:
    """Fail with a usage error (exit 2) for an unknown back end, or ``openvino`` asked for by name
    where the package is not installed (``auto`` never fails: it falls back to ONNX Runtime)."""
    from .errors import UsageError
    if backend not in BACKENDS:
        raise UsageError(f"unknown --ocr-backend '{backend}' ({', '.join(BACKENDS)})")
    if backend == "openvino":
        import importlib.util
        if importlib.util.find_spec("openvino") is None:
            raise UsageError("--ocr-backend openvino: the openvino package is not installed "
                             "(pip install openvino), or use --ocr-backend auto")


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


_RESOLVED: dict = {}


def resolve_backend(backend: str, device: str = "cpu") -> str:
    """The inference back end an engine made here uses. ``auto``: OpenVINO when the device is the
    CPU, the ``openvino`` package imports and its CPU plugin reports bf16 (AVX512_BF16 or AMX), since
    only there is it faster than ONNX Runtime (in f32 it is not, and it loads more); ONNX Runtime
    otherwise. An explicit name is kept (``openvino`` without the package fails when the engine is
    made). Decided once per process."""
    from .errors import UsageError
    if backend not in BACKENDS:
        raise UsageError(f"unknown OCR back end '{backend}' ({', '.join(BACKENDS)})")
    if backend != "auto":
        return backend
    if device != "cpu":
        return "onnxruntime"
    if "auto" not in _RESOLVED:
        _RESOLVED["auto"] = "onnxruntime"
        try:
            import importlib.util
            if importlib.util.find_spec("openvino") is not None and _cpu_has_bf16():
                _RESOLVED["auto"] = "openvino"
        except Exception:  # no CPU plugin, an old release: ONNX Runtime
            pass
    return _RESOLVED["auto"]


def _cpu_has_bf16() -> bool:
    """Whether the CPU has bf16 instructions. On Linux from /proc/cpuinfo's flags, so that no
    OpenVINO runtime (and its thread pool) is started in a process that may fork workers later;
    elsewhere (no fork there) OpenVINO's CPU plugin is asked."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"avx512_bf16", "amx_bf16"})
        return False
    except OSError:
        import openvino
        return "BF16" in openvino.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
