"""Trace a leak to its source (issue 14): fingerprinted named shares and ``waybill trace``.

- ``core``: the trace key and named shares (``--share-with NAME``);
- ``text``: the fingerprint in the lengths of mask runs (text exports, ZPL field data);
- ``watermark``: the keyed pattern inside the filled areas of label images and PDF pages;
- ``canary``: optional synthetic records (``--canaries N``);
- ``post``: what a share adds to a masked output after masking (watermark, canaries);
- ``tracer``: ``waybill trace`` (exact hash match, then fingerprints, canaries, lineage).
"""
from .core import ShareSpec, trace_master

__all__ = ["ShareSpec", "trace_master"]
