"""``waybill serve``: a local web page for consumers. Drop or photograph a shipping label and get it
back masked, through the same library API as the command line (``waybill.mask_stream``).

- ``work``: one upload masked in memory, with the page's limits, previews and outlined areas
  (no web stack needed);
- ``app``: the Starlette app and its guard (access token, Host/Origin checks, security headers,
  privacy-safe request log);
- ``server``: address, token, QR code and uvicorn;
- ``i18n``: the page's Chinese and English.
"""
from __future__ import annotations

__all__ = ["create_app", "serve"]


def create_app(cfg=None):
    from .app import create_app as _create
    return _create(cfg)


def serve(**kw):
    from .server import serve as _serve
    return _serve(**kw)
