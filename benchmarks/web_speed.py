"""Time from upload to result for one label photo on the page (``waybill serve``), against the CLI
(``waybill mask``) on the same file and preset; median of N runs each.

- CLI: a new ``waybill mask`` process per run, as a user runs it (start-up and model loading
  included), and the masking of the file alone (the ``seconds`` of its audit record);
- page over HTTP: the multipart POST to ``/api/mask`` until the whole JSON answer (masked file,
  previews, outlined areas) is in, against a server already started; the server's own part comes
  from its ``Server-Timing`` header, the rest is upload and transfer;
- page in the browser (when Debian's chromium and playwright are installed): file picked until the
  result card with both pictures is on screen.

The goal (issue 16): the page within 10% of the CLI, plus the upload.

    python -m benchmarks.web_speed [--runs 3] [--preset dispose] [--seed 16] [--no-browser]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_photo(path: Path, seed: int) -> tuple[int, int]:
    from waybill.generators.labels import cn_label, photo
    from waybill.generators.records import Gen
    img, _ = cn_label(Gen(seed), with_qr=True, with_id=True)
    img = photo(img, random.Random(seed))
    img.save(path, quality=90)
    return img.size


def run_cli(photo: Path, work: Path, preset: str, env: dict) -> tuple[float, float]:
    out = work / f"cli-{time.monotonic_ns()}"
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "waybill", "mask", str(photo), "-o", str(out), "-q",
                        "--preset", preset, "--workers", "1"], env=env, capture_output=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"waybill mask failed ({r.returncode}): {r.stderr.decode()[-500:]}")
    rec = json.loads((out / "audit.jsonl").read_text().splitlines()[-1])
    return wall, float(rec["seconds"])


def start_server(work: Path, env: dict) -> tuple[subprocess.Popen, str]:
    p = subprocess.Popen([sys.executable, "-m", "waybill", "serve", "--port", "0"], env=env, cwd=str(work),
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ln = p.stderr.readline()
        if not ln:
            break
        m = re.search(r"open (http://\S+)", ln)
        if m:
            return p, m.group(1)
    p.kill()
    raise SystemExit("waybill serve did not start")


def wait_ready(url: str) -> None:
    import httpx
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=60).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("waybill serve does not answer")


def run_http(url: str, photo: Path, preset: str) -> tuple[float, float, float]:
    import httpx
    data = photo.read_bytes()
    t0 = time.perf_counter()
    r = httpx.post(url + "api/mask", files={"file": (photo.name, data, "image/jpeg")}, data={"preset": preset},
                   timeout=300)
    wall = time.perf_counter() - t0
    r.raise_for_status()
    r.json()
    timing = dict(re.findall(r"(\w+);dur=([\d.]+)", r.headers.get("server-timing", "")))
    return wall, float(timing.get("mask", 0)) / 1000, float(timing.get("total", 0)) / 1000


def run_browser(url: str, photo: Path, preset: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright
    times = []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium",
                               args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                     "--disable-component-update", "--disable-sync", "--no-first-run"])
        for _ in range(runs):
            page = b.new_page()
            page.goto(url)
            page.check(f"#preset-{preset}")
            t0 = time.perf_counter()
            page.set_input_files("#pick", str(photo))
            page.locator(".result:not(.working) .frame img").nth(1).wait_for(timeout=300_000)
            page.locator(".result a.download").wait_for()
            times.append(time.perf_counter() - t0)
            page.close()
        b.close()
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--preset", default="dispose", choices=["dispose", "share"])
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--no-browser", action="store_true")
    a = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="waybill-webspeed-"))
    env = dict(os.environ, WAYBILL_HOME=str(work), PYTHONUNBUFFERED="1")
    env.setdefault("WAYBILL_AUDIT_KEY", "e" * 64)
    photo = work / "label-photo.jpg"
    w, h = make_photo(photo, a.seed)
    size = photo.stat().st_size
    print(f"one CN label photo: {w}x{h} JPEG, {size / 1024:.0f} KB; preset {a.preset}; median of {a.runs}; "
          f"{os.cpu_count()} CPUs; OCR threads {os.environ.get('WAYBILL_OCR_THREADS', '1')}")

    cli = [run_cli(photo, work, a.preset, env) for _ in range(a.runs)]
    cli_wall = statistics.median(c[0] for c in cli)
    cli_file = statistics.median(c[1] for c in cli)
    print(f"CLI  waybill mask (new process)  : {cli_wall:6.2f} s   runs {', '.join(f'{c[0]:.2f}' for c in cli)}")
    print(f"CLI  masking the file (audit)    : {cli_file:6.2f} s   runs {', '.join(f'{c[1]:.2f}' for c in cli)}")

    p, url = start_server(work, env)
    try:
        wait_ready(url)
        run_http(url, photo, a.preset)  # first upload: lazy parts of the engine
        http = [run_http(url, photo, a.preset) for _ in range(a.runs)]
        page_wall = statistics.median(x[0] for x in http)
        page_mask = statistics.median(x[1] for x in http)
        page_srv = statistics.median(x[2] for x in http)
        upload = max(0.0, page_wall - page_srv)
        print(f"page upload -> result JSON (HTTP): {page_wall:6.2f} s   runs {', '.join(f'{x[0]:.2f}' for x in http)}")
        print(f"     server: masking {page_mask:.2f} s, whole request {page_srv:.2f} s (previews, areas, JSON "
              f"{page_srv - page_mask:.2f} s); upload and transfer {upload:.2f} s")
        browser = None
        if not a.no_browser and os.path.exists("/usr/bin/chromium"):
            try:
                browser = run_browser(url, photo, a.preset, a.runs)
            except ImportError:
                browser = None
        if browser:
            print(f"page in chromium (pick -> shown)  : {statistics.median(browser):6.2f} s   "
                  f"runs {', '.join(f'{x:.2f}' for x in browser)}")
    finally:
        p.terminate()
        p.wait(20)
    goal_wall = page_wall <= 1.10 * cli_wall + upload
    goal_file = page_srv <= 1.10 * cli_file
    print(f"page / CLI (new process)         : {page_wall / cli_wall:5.2f}  goal <= 1.10 plus the upload: "
          f"{'met' if goal_wall else 'NOT met'}")
    print(f"page server / CLI masking alone  : {page_srv / cli_file:5.2f}  goal <= 1.10: {'met' if goal_file else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
