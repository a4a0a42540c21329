"""The ASGI app behind ``waybill serve``: one page, its static files and one API call.

- ``GET /``: the page (Chinese or English from ``Accept-Language``; ``?lang=zh|en`` overrides).
- ``GET /static/NAME``: the page's own CSS, JS and icon (nothing from elsewhere).
- ``POST /api/mask``: one file (multipart field ``file``) and a preset (``dispose`` or ``share``);
  answers JSON with the masked file, previews of original and result and the masked areas, or
  ``{"error": {"code", "message", "detail"}}`` with 400/403/413/415/422/503.

``Guard`` wraps the app: the access token (``--lan``), the Host and Origin checks, the security
headers (a strict Content-Security-Policy among them), one log line per request with method, route
and status only, and no traceback ever (its frames could hold personal data). Uploads are read into
memory with a hard cap and never written to disk.
"""
from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import json
import logging
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .._version import __version__
from . import i18n
from .work import PRESETS, Limits, Masked, Rejected, mask_upload

log = logging.getLogger("waybill.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
       "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]
STATIC = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8",
          "icon.svg": "image/svg+xml"}
ROUTES = {"/", "/api/mask", "/favicon.ico"} | {f"/static/{n}" for n in STATIC}


@dataclass
class ServeConfig:
    """How the page is served. ``token``: required on every request when set (``--lan``);
    ``hosts``: the Host header values accepted (``None``: any; ``--lan`` relies on the token);
    ``audit``: an audit log to append one record per file to (off by default)."""

    token: str | None = None
    hosts: set[str] | None = None
    limits: Limits = field(default_factory=Limits)
    ocr: str = "auto"
    audit: Path | None = None
    default_preset: str = "dispose"
    max_waiting: int = 8
    warm: bool = False
    lan: bool = False


class TooLarge(Exception):
    pass


class _MemoryParser(MultiPartParser):
    """Starlette's multipart parser with the upload kept in memory: its spooled file never rolls
    over to disk (the body is capped before it gets here)."""

    spool_max_size = 1 << 62


# --------------------------------------------------------------------------- the page


def _asset(name: str) -> bytes:
    return resources.files("waybill.web").joinpath("static", name).read_bytes()


def render_page(lang: str, cfg: ServeConfig) -> str:
    """index.html with its ``{{key}}`` slots filled (HTML-escaped) and the strings the script needs
    as a JSON data block (not executed, so allowed by the CSP)."""
    limits = cfg.limits
    params = {"max_mb": f"{limits.max_bytes / (1 << 20):g}", "max_mp": f"{limits.max_pixels / 1e6:g}",
              "version": __version__}
    strings = {k: i18n.text(lang, k, **params) if k in ("types_hint", "footer") else v
               for k, v in i18n.STRINGS[lang].items()}
    other = "en" if lang == "zh" else "zh"
    q = f"?t={cfg.token}&" if cfg.token else "?"
    slots = dict(strings)
    slots.update({
        "lang_href": f"{q}lang={other}", "other_lang": "zh-CN" if other == "zh" else "en", "asset_q": f"?t={cfg.token}" if cfg.token else "",
        "token": cfg.token or "", "default_preset": cfg.default_preset,
        "checked_dispose": "checked" if cfg.default_preset == "dispose" else "",
        "checked_share": "checked" if cfg.default_preset == "share" else "",
        "note": strings["lan_note"] if cfg.lan else strings["local_note"],
    })
    page = _asset("index.html").decode("utf-8")
    for k, v in slots.items():
        page = page.replace("{{" + k + "}}", html.escape(str(v), quote=True))
    data = {"lang": lang, "strings": strings, "max_bytes": limits.max_bytes, "presets": list(PRESETS)}
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return page.replace("{{json}}", blob)


def _lang(request: Request) -> str:
    return i18n.pick(request.headers.get("accept-language"), request.query_params.get("lang"))


def _error(lang: str, status: int, code: str, detail: str = "", **params) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": i18n.text(lang, code, detail=detail, **params),
                                   "detail": detail}}, status_code=status,
                        headers={"cache-control": "no-store", "content-language": lang})


def create_app(cfg: ServeConfig | None = None) -> "Guard":
    """The page's ASGI app, wrapped in ``Guard``."""
    cfg = cfg or ServeConfig()
    audit = _Audit(cfg.audit, cfg.ocr) if cfg.audit else None
    slots = _Slots(cfg.max_waiting)

    async def page(request: Request) -> Response:
        lang = _lang(request)
        return Response(render_page(lang, cfg), media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-store", "content-language": lang, "vary": "Accept-Language"})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return Response("not found", 404, media_type="text/plain")
        return Response(_asset(name), media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def favicon(request: Request) -> Response:
        return Response(_asset("icon.svg"), media_type=STATIC["icon.svg"], headers={"cache-control": "no-cache"})

    async def mask(request: Request) -> Response:
        lang = _lang(request)
        limits = cfg.limits
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return _error(lang, 400, "err_no_file")
        try:
            declared = int(request.headers.get("content-length", "0") or 0)
        except ValueError:
            return _error(lang, 400, "err_bad_request")
        cap = limits.max_bytes + 64 * 1024  # the file plus the form's own bytes
        if declared > cap:
            return _error(lang, 413, "err_too_large", size=_mb(declared), max_mb=_mb(limits.max_bytes))
        got = 0

        async def body():
            nonlocal got
            async for chunk in request.stream():
                got += len(chunk)
                if got > cap:
                    raise TooLarge()
                yield chunk

        form = None
        try:
            form = await _MemoryParser(request.headers, body(), max_files=1, max_fields=4,
                                       max_part_size=1024).parse()
        except TooLarge:
            return _error(lang, 413, "err_too_large", size=f">{_mb(cap)}", max_mb=_mb(limits.max_bytes))
        except ClientDisconnect:
            return Response(status_code=400)
        except (MultiPartException, KeyError, ValueError, UnicodeError):
            return _error(lang, 400, "err_bad_request")
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                return _error(lang, 400, "err_no_file")
            preset = str(form.get("preset") or request.query_params.get("preset") or cfg.default_preset)
            if preset not in PRESETS:
                return _error(lang, 400, "err_bad_preset")
            data = await upload.read()
            name = upload.filename or ""
        finally:
            await form.close()
        if not slots.enter():
            return _error(lang, 503, "err_busy")
        t0 = time.perf_counter()
        try:
            result: Masked = await run_in_threadpool(slots.run, mask_upload, name, data, preset, limits, cfg.ocr)
        except Rejected as e:
            if audit is not None:
                await run_in_threadpool(audit.failed, name, data, preset, e, time.perf_counter() - t0)
            return _error(lang, e.status, e.code, e.detail, **e.params)
        except Exception as e:  # a bug: no traceback (its frames hold the upload), nothing kept
            log.error("internal error while masking (%s)", e.__class__.__name__)
            return _error(lang, 500, "err_internal", e.__class__.__name__)
        finally:
            slots.leave()
            del data
        if audit is not None:
            await run_in_threadpool(audit.ok, result)
        total = time.perf_counter() - t0
        return JSONResponse(result.to_json(), headers={
            "cache-control": "no-store", "content-language": lang,
            "server-timing": f"mask;dur={result.seconds * 1000:.0f}, total;dur={total * 1000:.0f}"})

    @asynccontextmanager
    async def lifespan(app):
        if cfg.warm:  # engines and OCR models loaded before the first upload, not during it
            await run_in_threadpool(_warm, cfg.ocr)
        yield

    app = Starlette(routes=[
        Route("/", page, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route("/api/mask", mask, methods=["POST"]),
    ], lifespan=lifespan)
    return Guard(app, cfg)


def _mb(n: float) -> str:
    return f"{n / (1 << 20):.1f}".rstrip("0").rstrip(".")


def _warm(ocr: str) -> None:
    """Build the engines of both presets and load the OCR models before the first upload."""
    from ..api import Settings, engine_for

    for p in PRESETS:
        eng = engine_for(Settings(preset=p, ocr=ocr))
    eng.ocr.get()


class _Slots:
    """One masking at a time (the engines are shared), at most ``waiting`` more in line; beyond
    that the page is told to try again (503) instead of piling uploads up in memory."""

    def __init__(self, waiting: int):
        self._lock = threading.Lock()
        self._count = 0
        self._max = waiting + 1
        self._count_lock = threading.Lock()

    def enter(self) -> bool:
        with self._count_lock:
            if self._count >= self._max:
                return False
            self._count += 1
            return True

    def leave(self) -> None:
        with self._count_lock:
            self._count -= 1

    def run(self, fn, *args):
        with self._lock:
            return fn(*args)


class _Audit:
    """The optional audit log (``--audit FILE``): one record per file like ``waybill mask`` writes
    (hash chain, MAC, findings with HMACs, never plaintext), through ``waybill.audit.AuditLog``."""

    def __init__(self, path: Path, ocr: str = "auto"):
        from ..audit import AuditKeys, AuditLog, new_run_id
        from ..keys import audit_master

        self.log = AuditLog(Path(path), AuditKeys(audit_master()))
        self.run_id = new_run_id()
        self.ocr = ocr
        self._lock = threading.Lock()

    def _record(self, display: str, in_sha: str | None, out_sha: str | None, fmt, preset: str, status: str,
                reason: str | None, seconds: float, summary: dict | None) -> None:
        from ..audit import operator

        rec = {"run_id": self.run_id, "operator": operator(), "preset": preset, "source": "serve",
               "input": {"path": display, "sha256": in_sha},
               "output": {"path": "download" if status == "ok" else None, "sha256": out_sha},
               "format": fmt, "status": status, "reason": reason, "seconds": round(seconds, 3)}
        rec.update(summary or {"findings": [], "finding_counts": {}, "findings_total": 0})
        with self._lock:
            self.log.append(rec)

    def ok(self, m: Masked) -> None:
        import hashlib

        r = m.report
        summary = {"findings": r.findings, "finding_counts": r.counts, "findings_total": r.total}
        if r.total > len(r.findings):
            summary["findings_truncated"] = True
        self._record(m.display_name, m.in_sha256, hashlib.sha256(m.data).hexdigest(), m.kind, m.preset, "ok",
                     None, m.seconds, summary)

    def failed(self, name: str, data: bytes, preset: str, e: Rejected, seconds: float) -> None:
        import hashlib

        from .work import safe_name

        # the reason is the library's message or the page's code: never personal data
        self._record(_display(safe_name(name), preset, self.ocr), hashlib.sha256(data).hexdigest(), None, None,
                     preset, "failed", e.detail or e.code, seconds, None)


def _display(name: str, preset: str, ocr: str) -> str:
    from ..api import Settings, engine_for
    from .work import _mask_name

    try:
        return _mask_name(engine_for(Settings(preset=preset, ocr=ocr)), name)
    except Exception:
        return "label"


# --------------------------------------------------------------------------- the guard


class Guard:
    """ASGI middleware around the app: access token, Host and Origin checks, security headers,
    privacy-safe request log, no tracebacks."""

    def __init__(self, app, cfg: ServeConfig):
        self.app = app
        self.cfg = cfg

    def _refuse(self, scope) -> tuple[int, str] | None:
        cfg = self.cfg
        headers = Headers(scope=scope)
        if cfg.hosts is not None and headers.get("host", "").lower() not in cfg.hosts:
            return 403, "host"  # DNS rebinding: a page elsewhere pointing its name at this machine
        if cfg.lan:
            client = scope.get("client")
            try:
                ip = ipaddress.ip_address(client[0]) if client else None
            except ValueError:
                ip = None
            if ip is not None and not (ip.is_private or ip.is_loopback or ip.is_link_local):
                return 403, "client"
        if cfg.token:
            q = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = headers.get("x-waybill-token") or (q.get("t") or [""])[0]
            if not hmac.compare_digest(given.encode("utf-8", "replace"), cfg.token.encode()):
                return 403, "token"
        if scope.get("method") not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin is not None and origin != f"{scope.get('scheme', 'http')}://{headers.get('host', '')}":
                return 403, "origin"
        return None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":
            return  # no websockets here
        t0 = time.perf_counter()
        path = scope.get("path", "")
        route = path if path in ROUTES else "-"
        status = [0]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                hdrs = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                message = {**message, "headers": hdrs + SECURITY_HEADERS}
            await send(message)

        try:
            refused = self._refuse(scope)
            if refused is not None:
                lang = i18n.pick(Headers(scope=scope).get("accept-language"))
                msg = i18n.text(lang, "forbidden")
                if route.startswith("/api/"):
                    resp: Response = JSONResponse({"error": {"code": "forbidden", "message": msg,
                                                             "detail": refused[1]}}, status_code=403)
                else:
                    resp = Response(_forbidden_page(lang, msg), 403, media_type="text/html; charset=utf-8")
                resp.headers["cache-control"] = "no-store"
                await resp(scope, receive, send_with_headers)
                return
            await self.app(scope, receive, send_with_headers)
        except (asyncio.CancelledError, KeyboardInterrupt):
            raise
        except Exception as e:
            log.error("internal error (%s)", e.__class__.__name__)
            if status[0] == 0:
                await JSONResponse({"error": {"code": "err_internal", "message": "internal error",
                                              "detail": e.__class__.__name__}}, 500)(scope, receive, send_with_headers)
        finally:
            log.info("%s %s %d %.2fs", scope.get("method"), route, status[0], time.perf_counter() - t0)


def _forbidden_page(lang: str, msg: str) -> str:
    title = i18n.text(lang, "title")
    return (f'<!doctype html><html lang="{i18n.text(lang, "html_lang")}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f'</head><body><h1>403</h1><p>{html.escape(msg)}</p></body></html>')
