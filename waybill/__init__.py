"""waybill: find and mask the personal data on express-delivery waybills.

The package is a library; ``waybill.cli`` is a thin adapter over it.
"""
from ._version import __version__
from .model import Finding, EntityType  # noqa: E402
from .detect import detect_text  # noqa: E402
from .masking import Masker, load_policy  # noqa: E402
from .api import FileReport, Settings, detect_file, mask_file, mask_stream  # noqa: E402

__all__ = ["__version__", "Finding", "EntityType", "detect_text", "Masker", "load_policy", "Settings",
           "FileReport", "mask_file", "mask_stream", "detect_file"]
