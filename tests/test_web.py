"""``waybill serve`` (issue 16): the page's app with Starlette's TestClient and a fake OCR engine
(token, Host/Origin checks, size and pixel limits, headers, error messages, i18n, audit, nothing on
disk, nothing personal in the log), and the real server driven in Debian's chromium with playwright
(marked ``browser``, run in CI): a CN label photo and a US PDF masked with each preset, downloaded
and re-read with the image evaluation's leak check; a broken file; the --lan token."""
from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from waybill.ocr import FakeEngine, OcrLine, split_quad

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from waybill.web import i18n
from waybill.web.app import CSP, ServeConfig, _Slots, create_app
from waybill.web.work import Limits, masked_areas

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "waybill" / "web" / "static"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def line(text, x, y, w, h, score=0.99):
    box = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return OcrLine(text, score, box, tuple(split_quad(box, text)))


@pytest.fixture
def fake(use_engine):
    eng = use_engine(FakeEngine())
    eng.lines[:] = [line("收件人：王小明 13812345678", 10, 10, 20 * 7 + 7 * 11 + 7, 24),
                    line("浙江省杭州市西湖区文三路100号", 10, 60, 20 * 13 + 11 * 4, 24)]
    return eng


def client(**kw) -> TestClient:
    kw.setdefault("ocr", "fake")
    return TestClient(create_app(ServeConfig(**kw)))


def png(w=500, h=120, colour="white", ink=True) -> bytes:
    """A label-like image; with ``ink`` the fake engine's two lines are printed where it says they
    are (so the image has level text for the reader's skew estimate)."""
    im = Image.new("RGB", (w, h), colour)
    if ink:
        from waybill.generators.labels import _font
        d = ImageDraw.Draw(im)
        d.text((10, 10), "收件人：王小明 13812345678", font=_font(20), fill="black")
        d.text((10, 60), "浙江省杭州市西湖区文三路100号", font=_font(20), fill="black")
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def pdf(pages=1, size=(400, 300)) -> bytes:
    buf = io.BytesIO()
    ims = [Image.new("RGB", size, "white") for _ in range(pages)]
    ims[0].save(buf, "PDF", save_all=True, append_images=ims[1:], resolution=72)
    return buf.getvalue()


def post(c, data: bytes, name="label.png", preset="dispose", **kw):
    return c.post("/api/mask", files={"file": (name, data, "application/octet-stream")},
                  data={"preset": preset}, **kw)


# --------------------------------------------------------------------------- page, headers, i18n


def test_page_headers_and_no_third_party_content():
    r = client().get("/")
    assert r.status_code == 200
    h = r.headers
    assert h["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "default-src 'none'" in CSP
    assert "frame-ancestors 'none'" in CSP and "connect-src 'self'" in CSP
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert h["x-frame-options"] == "DENY"
    assert h["cache-control"] == "no-store"
    assert "server" not in h or "uvicorn" not in h["server"]
    # every script, style, image and link is this server's own: relative URLs only
    for url in re.findall(r'(?:src|href)="([^"]*)"', r.text):
        assert not re.match(r"^[a-z]+:|^//", url), url
    assert "<script>" not in r.text and " style=" not in r.text  # nothing inline the CSP would block
    for f in STATIC.iterdir():
        text = f.read_text("utf-8")
        urls = re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", text)
        assert all(u.startswith("http://www.w3.org/") for u in urls), (f.name, urls)
    for name in ("app.js", "style.css", "icon.svg"):
        s = client().get(f"/static/{name}")
        assert s.status_code == 200 and s.headers["content-security-policy"] == CSP
    assert client().get("/static/../app.py").status_code == 404
    assert client().get("/static/index.html").status_code == 404


@pytest.mark.parametrize("header,want", [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("en-US,en;q=0.9,zh-CN;q=0.8", "en"), ("fr-FR,fr;q=0.9", "en"),
    ("fr-FR, zh-TW;q=0.5", "zh"), ("", "en"), (None, "en"), ("en;q=0.2, zh;q=0.7", "zh"), ("zh;q=0", "en"),
])
def test_language_from_accept_language(header, want):
    assert i18n.pick(header) == want


def test_page_in_chinese_and_english():
    c = client()
    zh = c.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert '<html lang="zh-CN">' in zh.text and "快递面单打码" in zh.text and zh.headers["content-language"] == "zh"
    en = c.get("/", headers={"accept-language": "en-GB"})
    assert '<html lang="en">' in en.text and "Black out a shipping label" in en.text
    assert '<html lang="en">' in c.get("/?lang=en", headers={"accept-language": "zh-CN"}).text
    # the script's strings travel as a JSON data block in the page's language
    blob = re.search(r'<script type="application/json" id="waybill-data">(.*?)</script>', zh.text, re.S).group(1)
    data = json.loads(blob)
    assert data["lang"] == "zh" and data["strings"]["download"] == "下载"
    assert set(i18n.STRINGS["zh"]) == set(i18n.STRINGS["en"])  # every string in both languages


def test_every_finding_type_has_a_name_on_the_page():
    from waybill.model import EntityType
    types = {t.value for t in EntityType} | {"code_2d", "code", "graphic", "uncertain_text", "other"}
    for lang in i18n.LANGS:
        missing = [t for t in types if f"type_{t}" not in i18n.STRINGS[lang]]
        assert not missing, (lang, missing)


def test_page_accessibility_basics():
    text = client().get("/").text
    assert 'name="viewport"' in text
    # every form control has a label
    for m in re.finditer(r'<input[^>]*id="([^"]+)"', text):
        assert f'for="{m.group(1)}"' in text or re.search(rf'<label[^>]*>\s*<input[^>]*id="{m.group(1)}"', text), m.group(1)
    assert 'role="status"' in text and 'aria-live="polite"' in text
    assert 'capture="environment"' in text and 'accept="image/*,application/pdf"' in text
    assert re.search(r'<input type="radio" name="preset" id="preset-dispose" value="dispose" checked', text)
    assert "<legend" in text and "<main" in text and "<h1" in text


def test_contrast_of_the_page_colours():
    def lum(hexc):
        rgb = [int(hexc[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def ratio(a, b):
        la, lb = sorted((lum(a), lum(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    css = (STATIC / "style.css").read_text()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for fg, bg in [("fg", "bg"), ("fg", "card"), ("muted", "card"), ("muted", "bg"), ("accent-dark", "card"),
                   ("error-fg", "error-bg"), ("ok-fg", "bg")]:
        assert ratio(var[fg], var[bg]) >= 4.5, (fg, bg)
    assert ratio("#ffffff", var["accent"]) >= 4.5  # primary buttons


# --------------------------------------------------------------------------- token, host, origin


def test_lan_token_required_everywhere():
    c = client(token="s3cret-token", lan=True)
    for path in ("/", "/static/app.js", "/static/style.css"):
        r = c.get(path)
        assert r.status_code == 403, path
        assert "s3cret" not in r.text
    r = c.get("/", headers={"accept-language": "zh-CN"})
    assert r.status_code == 403 and "访问链接" in r.text
    assert c.get("/?t=wrong").status_code == 403
    ok = c.get("/?t=s3cret-token")
    assert ok.status_code == 200
    assert 'src="static/app.js?t=s3cret-token"' in ok.text  # the page's own files carry it too
    assert c.get("/static/app.js?t=s3cret-token").status_code == 200
    r = post(c, png())
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = post(c, b"", headers={"x-waybill-token": "s3cret-token"})
    assert r.status_code == 422  # past the guard: the empty file is refused by the page itself


def test_lan_refuses_clients_outside_the_local_network():
    app = create_app(ServeConfig(token="t", lan=True, ocr="fake"))
    assert TestClient(app, client=("8.8.8.8", 5000)).get("/?t=t").status_code == 403
    assert TestClient(app, client=("192.168.1.20", 5000)).get("/?t=t").status_code == 200


def test_host_check_against_dns_rebinding():
    c = client(hosts={"127.0.0.1:8765", "localhost:8765"})
    assert c.get("/").status_code == 403  # Host: testserver
    assert c.get("/", headers={"host": "attacker.example:8765"}).status_code == 403
    assert c.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert c.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_cross_site_posts_refused():
    c = client()
    r = post(c, png(), headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    r = post(c, b"", headers={"origin": "http://testserver"})
    assert r.status_code == 422


# --------------------------------------------------------------------------- limits


def test_upload_size_limit(tmp_path):
    c = client(limits=Limits(max_bytes=10_000))
    r = post(c, b"\x89PNG" + b"\0" * 20_000)
    assert r.status_code == 413
    e = r.json()["error"]
    assert e["code"] == "err_too_large" and "limit" in e["message"]
    # refused from the declared length, before the body is read
    r = c.post("/api/mask", content=b"x" * 10, headers={"content-type": "multipart/form-data; boundary=x",
                                                         "content-length": "999999999"})
    assert r.status_code == 413
    # a chunked body without a length is cut off at the limit too
    def gen():
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"
        for _ in range(100):
            yield b"\0" * 1000
    r = c.post("/api/mask", content=gen(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413
    zh = post(c, b"\0" * 20_000, headers={"accept-language": "zh-CN"})
    assert "上限" in zh.json()["error"]["message"]


def test_pixel_and_page_limits():
    c = client(limits=Limits(max_pixels=20_000, max_pages=2))
    r = post(c, png(200, 200))
    assert r.status_code == 413
    e = r.json()["error"]
    assert e["code"] == "err_too_many_pixels" and "0.04 megapixels" in e["message"] and "0.02" in e["message"]
    r = post(c, pdf(3), name="x.pdf")
    assert r.status_code == 413 and r.json()["error"]["code"] == "err_too_many_pages"
    r = post(c, pdf(1, (2000, 2000)), name="x.pdf")  # 2000 pt square at 203 dpi
    assert r.status_code == 413 and r.json()["error"]["code"] == "err_page_too_large"


def test_busy_slots():
    s = _Slots(0)
    assert s.enter()
    assert not s.enter()
    s.leave()
    assert s.enter()


# --------------------------------------------------------------------------- error messages


@pytest.mark.parametrize("name,data,status,code,zh_word", [
    ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", 422, "err_unreadable_image", "无法读取"),
    ("orders.csv", b"name,phone\n", 415, "err_export", "命令行"),
    ("notes.xyz", b"hello", 415, "err_unsupported", "不支持"),
    ("IMG_0001.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0", 415, "err_heic", "HEIC"),
    ("empty.png", b"", 422, "err_empty", "空"),
    ("fake.pdf", b"%PDF-1.7\nnot a pdf at all", 422, "err_broken_pdf", "损坏"),
    ("x.pdf", b"GIF89a....", 422, "err_not_pdf", "不是 PDF"),
])
def test_clear_messages_for_unreadable_or_unsupported(name, data, status, code, zh_word):
    c = client()
    r = post(c, data, name=name)
    assert r.status_code == status, r.text
    e = r.json()["error"]
    assert e["code"] == code and e["message"] and "{" not in e["message"]
    z = post(c, data, name=name, headers={"accept-language": "zh-CN,zh"}).json()["error"]
    assert zh_word in z["message"], z["message"]


def test_nothing_readable_in_the_photo(fake):
    fake.lines[:] = []
    r = post(client(), png())
    assert r.status_code == 422 and r.json()["error"]["code"] == "err_no_text"


def test_bad_requests():
    c = client()
    assert post(c, png(), preset="print").json()["error"]["code"] == "err_bad_preset"
    assert c.post("/api/mask", data={"preset": "share"}).status_code == 400
    assert c.post("/api/mask", content=b"{}", headers={"content-type": "application/json"}).status_code == 400
    assert c.get("/api/mask").status_code == 405


def test_internal_error_shows_no_details(monkeypatch, caplog):
    import waybill.web.app as appmod

    def boom(*a, **k):
        raise RuntimeError("王小明 13812345678")
    monkeypatch.setattr(appmod, "mask_upload", boom)
    with caplog.at_level(logging.INFO, logger="waybill.web"):
        r = post(client(), png())
    assert r.status_code == 500
    assert "王小明" not in r.text and "13812345678" not in r.text and "RuntimeError" in r.text
    assert "王小明" not in caplog.text and "13812345678" not in caplog.text


# --------------------------------------------------------------------------- masking


def test_mask_image_with_fake_engine(fake, caplog):
    with caplog.at_level(logging.INFO, logger="waybill.web"):
        r = post(client(token="tok", lan=True), png(), name="王小明的快递.png", preset="share",
                 headers={"x-waybill-token": "tok"})
    assert r.status_code == 200, r.text
    j = r.json()
    assert j["mime"] == "image/png" and j["preset"] == "share" and j["kind"] == "image"
    assert j["download"].endswith("-masked.png")
    assert j["counts"]["name"] == 1 and j["counts"]["phone"] == 1 and j["counts"]["address"] >= 1
    out = Image.open(io.BytesIO(base64.b64decode(j["data"])))
    assert out.size == (500, 120)
    a = np.asarray(out.convert("L"))
    assert (a < 60).any()  # something was filled
    page = j["pages"][0]
    assert (page["width"], page["height"]) == (500, 120)
    types = {t for area in page["areas"] for t in area["types"]}
    assert {"name", "phone", "address"} <= types
    for area in page["areas"]:
        assert 0 <= area["x"] < 500 and 0 <= area["y"] < 120 and area["w"] > 0 and area["h"] > 0
    # audit records stay on the server (and there only with --audit): no HMACs, no plaintext
    assert "hmac" not in r.text and "13812345678" not in r.text and "文三路" not in r.text
    assert r.headers["server-timing"].startswith("mask;dur=")
    # the log has method, route and status: no file name, no token
    assert "POST /api/mask 200" in caplog.text
    assert "王小明" not in caplog.text and "tok" not in caplog.text.replace("token", "")


def test_dispose_is_the_default_and_fills_more(fake):
    c = client()
    r = c.post("/api/mask", files={"file": ("a.png", png(), "image/png")})
    assert r.status_code == 200 and r.json()["preset"] == "dispose"
    d = r.json()["counts"]
    s = post(c, png(), preset="share").json()["counts"]
    assert d.keys() >= {"name", "phone", "address"}

    def dark(j):
        return (np.asarray(Image.open(io.BytesIO(base64.b64decode(j["data"]))).convert("L")) < 60).mean()
    assert dark(r.json()) > dark(post(c, png(), preset="share").json())
    assert s["name"] == 1


def test_mask_pdf_with_fake_engine(fake):
    r = post(client(), pdf(2, (500, 120)), name="label.pdf")
    assert r.status_code == 200, r.text
    j = r.json()
    assert j["mime"] == "application/pdf" and j["download"] == "label-masked.pdf"
    assert j["page_count"] == 2 and len(j["pages"]) == 2
    data = base64.b64decode(j["data"])
    assert data.startswith(b"%PDF")
    import pypdfium2 as pdfium
    assert len(pdfium.PdfDocument(data)) == 2


def test_uploads_never_touch_the_disk(fake, tmp_path, monkeypatch):
    import tempfile
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    monkeypatch.chdir(tmp_path)
    big = io.BytesIO()
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (900, 900, 3), dtype=np.uint8)).save(big, "PNG")
    assert big.tell() > 2 << 20  # larger than Starlette's 1 MB spool that would roll over to disk
    r = post(client(), big.getvalue(), name="photo.png")
    assert r.status_code == 200, r.text
    assert list(spool.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]


def test_audit_log_off_by_default_and_kept_with_audit(fake, tmp_path, monkeypatch):
    from waybill.audit import is_tampered, verify
    monkeypatch.chdir(tmp_path)
    post(client(), png())
    assert list(tmp_path.iterdir()) == []  # off by default: nothing written anywhere here
    log = tmp_path / "logs" / "serve-audit.jsonl"
    c = client(audit=log)
    assert post(c, png(), name="a.png").status_code == 200
    assert post(c, b"garbage", name="b.jpg").status_code == 422
    recs = [json.loads(x) for x in log.read_text().splitlines()]
    assert [r["status"] for r in recs] == ["ok", "failed"]
    assert recs[0]["preset"] == "dispose" and recs[0]["findings_total"] >= 3
    assert recs[0]["input"]["sha256"] and recs[0]["output"]["sha256"]
    assert all("box" in f["where"] for f in recs[0]["findings"])
    assert recs[1]["reason"].startswith("not a readable image")
    text = log.read_text()
    assert "王小明" not in text and "13812345678" not in text and "文三路" not in text
    n, problems = verify(log)
    assert n == 2 and not is_tampered(problems)


def test_masked_areas_from_pixels_and_boxes():
    a = Image.new("RGB", (400, 200), "white")
    b = a.copy()
    ImageDraw.Draw(b).rectangle([50, 40, 150, 60], fill="black")  # a name's fill
    ImageDraw.Draw(b).rectangle([300, 120, 360, 180], fill="black")  # a 2D code's fill
    findings = [{"type": "name", "where": {"page": 1, "box": [40, 38, 200, 62]}},
                {"type": "phone", "where": {"page": 1, "box": [20, 150, 120, 170]}},  # dark on dark: no diff
                {"type": "code_2d", "where": {"page": 1}}]
    areas = masked_areas(a, b, findings, 1.0)
    by = {tuple(x["types"]): x for x in areas}
    assert by[("name",)]["x"] == 50 and by[("name",)]["w"] == 101
    assert by[("code_2d",)]["y"] == 120
    assert by[("phone",)] == {"x": 20.0, "y": 150.0, "w": 100.0, "h": 20.0, "types": ["phone"]}
    assert masked_areas(a, a, [], 1.0) == []


# --------------------------------------------------------------------------- the command


def test_serve_command_options_and_busy_port():
    from typer.testing import CliRunner

    from waybill.cli import app
    runner = CliRunner()
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--port", "--lan", "--audit", "--max-upload-mb", "--max-megapixels"):
        assert opt in r.output
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    port = s.getsockname()[1]
    try:
        r = runner.invoke(app, ["serve", "--port", str(port)])
    finally:
        s.close()
    assert r.exit_code == 2
    assert "already in use" in r.stderr


def test_lan_addresses_are_private_only():
    from waybill.web.server import is_private
    assert is_private("192.168.1.23") and is_private("10.0.0.5") and is_private("172.16.4.4")
    assert is_private("169.254.10.1")
    assert not is_private("8.8.8.8") and not is_private("127.0.0.1")


# --------------------------------------------------------------------------- in a real browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# README's screenshots are written only when asked for (``WAYBILL_SCREENSHOTS=docs/screenshots``): a
# test run in a checkout rewrote the tracked pictures every time (a changed file after every run)
SHOTS_ASKED = os.environ.get("WAYBILL_SCREENSHOTS")


def _need_browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install 'waybill[test]')")


def start_server(tmp: Path, *args: str):
    """``waybill serve`` in a subprocess on a free port; returns (process, the URL it printed)."""
    env = dict(os.environ, WAYBILL_HOME=str(tmp), WAYBILL_AUDIT_KEY="c" * 64, PYTHONUNBUFFERED="1")
    p = subprocess.Popen([sys.executable, "-m", "waybill", "serve", "--port", "0", *args],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, cwd=str(tmp), text=True)
    err = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ln = p.stderr.readline()
        if not ln:
            break
        err.append(ln)
        m = re.search(r"open (http://\S+)", ln)
        if m:
            url = m.group(1)
            # wait until it answers (the OCR models load at start)
            while time.monotonic() < deadline:
                try:
                    with socket.create_connection((url.split("/")[2].rsplit(":", 1)[0],
                                                   int(url.split("/")[2].rsplit(":", 1)[1])), 1):
                        return p, url, err
                except OSError:
                    time.sleep(0.2)
    p.kill()
    pytest.fail("waybill serve did not start: " + "".join(err))


def stop(p):
    p.terminate()
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        p.kill()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    tmp = tmp_path_factory.mktemp("serve")
    p, url, err = start_server(tmp)
    yield url
    stop(p)
    # the server's log: method, route and status only
    rest = p.stderr.read() if p.stderr else ""
    log = "".join(err) + rest
    assert "label-cn" not in log and "Traceback" not in log, log


def reread(img: Image.Image) -> tuple[str, str]:
    """The image evaluation's reading: every installed OCR engine at 0/90/180/270."""
    from benchmarks.image_eval import _norm
    from waybill.ocr import available, get_engine
    arr = np.asarray(img.convert("RGB"))
    texts = []
    for name in available():
        e = get_engine(name)
        for k in range(4):
            texts += [ln.text for ln in e.read(np.ascontiguousarray(np.rot90(arr, k)))]
    text = "|".join(_norm(t) for t in texts)
    digits = "|".join("".join(c for c in _norm(t) if c.isdigit()) for t in texts)
    return text, digits


def leaks_in(data: bytes, truth) -> list[str]:
    """Personal values of ``truth`` still readable in a downloaded file (image or PDF)."""
    from benchmarks.image_eval import leaked
    if data.startswith(b"%PDF"):
        import pypdfium2 as pdfium
        doc = pdfium.PdfDocument(data)
        images = [doc[i].render(scale=203 / 72).to_pil() for i in range(len(doc))]
    else:
        images = [Image.open(io.BytesIO(data))]
    texts, digits = zip(*(reread(im) for im in images))
    text, dig = "|".join(texts), "|".join(digits)
    return [f"{k}" for k, v, g in truth.masked if leaked(k, v, g, text, dig)]


@pytest.fixture(scope="module")
def labels(tmp_path_factory):
    import random

    from waybill.generators.labels import cn_label, photo, us_label
    from waybill.generators.records import Gen
    d = tmp_path_factory.mktemp("labels")
    g = Gen(16)
    cn, cn_truth = cn_label(g, with_qr=True, with_id=True)
    cn = photo(cn, random.Random(4))
    cn.save(d / "label-cn.jpg", quality=90)
    us, us_truth = us_label(g, with_code=True)
    us.save(d / "label-us.pdf", "PDF", resolution=203)
    (d / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"this is not a photo" * 10)
    return d, {"label-cn": cn_truth, "label-us": us_truth}


def _mask_in_page(page, files, preset):
    page.check(f"#preset-{preset}")
    page.set_input_files("#pick", [str(f) for f in files])
    # (a locator wait: a string predicate would be eval'd, which the page's CSP forbids)
    page.locator(".result:not(.working)").nth(len(files) - 1).wait_for(timeout=180_000)


@pytest.mark.browser
@pytest.mark.parametrize("preset,viewport,locale", [("dispose", (1280, 800), "en-US"), ("share", (390, 844), "zh-CN")])
def test_browser_masks_labels_and_downloads_leak_free(browser, server, labels, tmp_path, preset, viewport, locale):
    d, truth = labels
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale=locale,
                              accept_downloads=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server)
    assert page.locator("html").get_attribute("lang") == ("en" if locale == "en-US" else "zh-CN")
    assert page.is_checked("#preset-dispose")  # the page's default
    _mask_in_page(page, [d / "label-cn.jpg", d / "label-us.pdf"], preset)
    cards = page.locator(".result")
    assert cards.count() == 2 and page.locator(".result.error").count() == 0
    # original and masked side by side, masked areas outlined
    assert page.locator(".result").first.locator("figure").count() == 2
    assert page.locator(".result").first.locator("rect.area").count() >= 5
    box_l = page.locator(".result").first.locator(".frame").nth(0).bounding_box()
    box_r = page.locator(".result").first.locator(".frame").nth(1).bounding_box()
    assert box_r["x"] > box_l["x"] + box_l["width"] - 1 and abs(box_r["y"] - box_l["y"]) < 2

    shots = Path(SHOTS_ASKED) if SHOTS_ASKED else tmp_path / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    kind = "desktop" if viewport[0] > 800 else "phone"
    page.locator(".result").first.evaluate("e => e.scrollIntoView()")
    page.evaluate("window.scrollBy(0, -12)")
    page.screenshot(path=str(shots / f"serve-{kind}.png"))

    got = {}
    for i in range(2):
        with page.expect_download() as dl:
            cards.nth(i).locator("a.download").click()
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        got[path.name] = path.read_bytes()
    assert sorted(got) == ["label-cn-masked.jpg", "label-us-masked.pdf"]
    with page.expect_download() as dl:
        page.click("#download-all")
    zpath = tmp_path / "all.zip"
    dl.value.save_as(zpath)
    with zipfile.ZipFile(zpath) as z:
        assert z.testzip() is None
        assert {n: z.read(n) for n in z.namelist()} == got  # the zip holds the same files
    for name, data in got.items():
        leaks = leaks_in(data, truth[name.split("-masked")[0]])
        assert leaks == [], (preset, name, leaks)
    if preset == "dispose":  # the check is not vacuous: the original's values are all readable
        assert len(leaks_in((d / "label-cn.jpg").read_bytes(), truth["label-cn"])) >= 5
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"serve-{kind}-top.png"))
    assert (shots / f"serve-{kind}-top.png").stat().st_size > 1000
    assert errors == []
    ctx.close()


@pytest.mark.browser
def test_browser_broken_file_shows_the_error(browser, server, labels):
    d, _ = labels
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = ctx.new_page()
    page.goto(server)
    page.set_input_files("#pick", str(d / "broken.jpg"))
    err = page.locator(".result.error")
    err.wait_for(timeout=60_000)
    assert err.get_attribute("role") == "alert"
    assert "not a readable image" in err.inner_text()
    assert "broken.jpg" in err.inner_text()
    # the keyboard reaches the controls: tab order includes the presets and the file picker
    page.keyboard.press("Tab")
    seen = set()
    for _ in range(12):
        seen.add(page.evaluate("document.activeElement.id || document.activeElement.className"))
        page.keyboard.press("Tab")
    assert {"preset-dispose", "pick", "camera", "outlines"} <= seen, seen
    ctx.close()


@pytest.mark.browser
def test_browser_lan_mode_needs_the_token(browser, tmp_path):
    from waybill.web.server import lan_address
    if lan_address() is None:
        pytest.skip("this machine has no local network address for --lan")
    p, url, err = start_server(tmp_path, "--lan")
    try:
        text = "".join(err)
        assert "?t=" in url and re.search(r"[▀▄█]", text + _more(p)), "no QR code printed"
        bare = url.split("?")[0]
        ctx = browser.new_context(locale="en-US")
        page = ctx.new_page()
        r = page.goto(bare)
        assert r.status == 403 and "access link" in page.inner_text("body")
        r = page.goto(bare + "?t=wrong")
        assert r.status == 403
        r = page.goto(url)
        assert r.status == 200 and page.locator("h1").inner_text().strip() == "Black out a shipping label"
        status = page.evaluate("fetch('api/mask', {method: 'POST'}).then(r => r.status)")
        assert status == 403  # a call without the token, even from the page itself
        ctx.close()
    finally:
        stop(p)


def _more(p) -> str:
    """Lines the server printed after its URL (the QR code), read without blocking for long."""
    import select
    out = []
    while select.select([p.stderr], [], [], 0.5)[0]:
        ln = p.stderr.readline()
        if not ln:
            break
        out.append(ln)
        if "Ctrl+C" in ln:
            break
    return "".join(out)
