"""Run the page: pick the address (127.0.0.1, or with ``--lan`` this machine's private network
address and a random access token), print the link (and a QR code for a phone) on standard error,
and serve with uvicorn: no access log (its lines would carry the token), no server header."""
from __future__ import annotations

import ipaddress
import logging
import secrets
import socket
import sys
from pathlib import Path

from ..errors import MissingDependency, UsageError

DEFAULT_PORT = 8765


def lan_address() -> str | None:
    """This machine's IPv4 address on the local network: the source address the kernel picks for
    a private destination (no packet is sent: a UDP socket is only connected)."""
    for target in ("192.168.255.255", "10.255.255.255", "172.31.255.255", "192.0.2.1"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.connect((target, 9))
            ip = s.getsockname()[0]
        except OSError:
            continue
        finally:
            s.close()
        if ip and not ip.startswith(("127.", "0.")):
            return ip
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            ip = info[4][0]
            if not ip.startswith("127."):
                return ip
    except OSError:
        pass
    return None


def is_private(ip: str) -> bool:
    a = ipaddress.ip_address(ip)
    return (a.is_private or a.is_link_local) and not a.is_loopback


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        if e.errno in (98, 48, 10048):  # EADDRINUSE (Linux, macOS, Windows)
            raise UsageError(f"port {port} is already in use: choose another with --port") from None
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror or e.__class__.__name__})") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def print_qr(url: str, out=None) -> bool:
    out = out or sys.stderr
    try:
        import segno
    except ImportError:
        return False
    try:
        segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    except Exception:
        return False
    return True


def serve(port: int = DEFAULT_PORT, lan: bool = False, audit: Path | None = None, max_upload_mb: float = 25,
          max_megapixels: float = 50, ocr: str = "auto", open_browser: bool = False, out=None) -> None:
    try:
        import uvicorn
        import starlette  # noqa: F401
        import python_multipart  # noqa: F401
    except ImportError:
        raise MissingDependency("the page needs its web stack: pip install 'waybill[web]'") from None
    from .app import ServeConfig, create_app
    from .work import Limits

    out = out or sys.stderr
    if audit is not None and audit.is_dir():
        raise UsageError(f"--audit wants a file, not a folder: {audit}")
    if lan:
        host = lan_address()
        if host is None:
            raise UsageError("--lan: no local network address found (is this machine on a network?)")
        if not is_private(host):
            raise UsageError(f"--lan: {host} is not a private network address; refusing to serve the page "
                             "beyond the local network")
        token = secrets.token_urlsafe(18)
    else:
        host, token = "127.0.0.1", None
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    hosts = None if lan else {f"127.0.0.1:{port}", f"localhost:{port}"}
    limits = Limits(max_bytes=int(max_upload_mb * (1 << 20)), max_pixels=int(max_megapixels * 1e6))
    cfg = ServeConfig(token=token, hosts=hosts, limits=limits, ocr=ocr, audit=audit, warm=True, lan=lan)
    app = create_app(cfg)
    url = f"http://{host}:{port}/" + (f"?t={token}" if token else "")

    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("waybill serve: %(message)s"))
    wlog = logging.getLogger("waybill.web")
    wlog.handlers[:] = [handler]
    wlog.setLevel(logging.INFO)
    wlog.propagate = False

    print(f"waybill serve: open {url}", file=out)
    if lan:
        print("waybill serve: on the local network; the link carries an access token (requests without it "
              "are refused). Scan to open it on a phone:", file=out)
        if not print_qr(url, out):
            print("waybill serve: (install segno for a QR code: pip install 'waybill[web]')", file=out)
    else:
        print("waybill serve: only this computer can open it (127.0.0.1); --lan to open it on a phone", file=out)
    print(f"waybill serve: uploads up to {max_upload_mb:g} MB and {max_megapixels:g} megapixels, kept in memory "
          f"and dropped after each answer; audit log: {audit if audit else 'off'}. Ctrl+C stops.", file=out)
    out.flush()
    if open_browser:
        import webbrowser
        try:
            webbrowser.open(url)
        except Exception:
            pass
    config = uvicorn.Config(app, access_log=False, log_level="warning", server_header=False, lifespan="on",
                            timeout_keep_alive=5, limit_concurrency=64, proxy_headers=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
