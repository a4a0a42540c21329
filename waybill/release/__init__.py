"""Sharing waybill data for analysis: k-anonymous releases and differentially private counts.

- ``release(paths, out, k, l=None, sensitive=None, ...)``: drop direct identifiers (found as
  ``mask`` finds them), generalise quasi-identifiers along hierarchies (administrative divisions,
  ZIP codes, time, bins, categories; configurable in TOML) to the least generalisation that meets
  k (and distinct l-diversity) with at most a configured share of suppressed records; report k, l,
  suppression, levels and information loss, also into the audit log.
- ``counts(paths, by, epsilon, ...)``: differentially private counts over public key sets
  (districts x days ...), per-person contribution bounding keyed by the HMAC of the phone,
  OpenDP's discrete Laplace mechanism, a per-data-set privacy budget ledger.
"""
from __future__ import annotations

from .api import ReleaseResult, release
from .dpcounts import CountsResult, counts

__all__ = ["release", "ReleaseResult", "counts", "CountsResult"]
