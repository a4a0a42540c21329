"""The library API (waybill.mask_file / mask_stream / detect_file): the README example runs, and the
API gives what the CLI gives."""
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

import waybill
from waybill.cli import app
from waybill.errors import InputError
from waybill.ocr import FakeEngine, OcrLine, split_quad

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _readme_example() -> str:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- api-example -->\s*```python\n(.*?)```", text, re.S)
    assert m, "README lost its library example"
    return m.group(1)


def test_readme_library_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "orders.csv").write_text("收件人,电话,地址\n王小明,13812345678,浙江省杭州市西湖区文三路100号\n",
                                         encoding="utf-8")
    (tmp_path / "labels.zpl").write_bytes((SAMPLES / "labels.zpl").read_bytes())
    (tmp_path / "label.png").write_bytes((SAMPLES / "label_cn.png").read_bytes())
    exec(compile(_readme_example(), "README example", "exec"), {})
    out = (tmp_path / "masked" / "orders.csv").read_text(encoding="utf-8")
    assert "王小明" not in out and "13812345678" not in out and out.startswith("收件人,电话,地址\n王**,")
    assert (tmp_path / "masked" / "labels.zpl").is_file()
    # the label image went through the OCR engine, the layout stage and the fills
    assert (tmp_path / "masked" / "label.png").read_bytes() != (tmp_path / "label.png").read_bytes()


def test_api_matches_cli_on_samples(tmp_path):
    settings = waybill.Settings(preset="share", audit_key=b"0" * 32)
    r = CliRunner().invoke(app, ["mask", str(SAMPLES / "orders.csv"), str(SAMPLES / "shipments.json"),
                                 str(SAMPLES / "labels.zpl"), "-o", str(tmp_path / "cli"), "-q"])
    assert r.exit_code == 0, r.stderr
    for name in ("orders.csv", "shipments.json", "labels.zpl"):
        rep = waybill.mask_file(SAMPLES / name, tmp_path / "api" / name, settings)
        assert rep.status == "ok" and rep.total > 0
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_mask_stream_and_detect_file(tmp_path):
    out = io.BytesIO()
    rep = waybill.mask_stream(io.BytesIO("电话 13912345678 邮箱jane@example.com\n".encode()), out, "txt")
    assert out.getvalue().decode() == "电话 *******5678 邮箱j***@example.com\n"
    assert rep.counts == {"phone:partial": 1, "email:partial": 1}
    assert all("13912345678" not in str(f) for f in rep.findings)
    det = waybill.detect_file(SAMPLES / "orders.csv")
    assert det.total > 0 and all("masked" in f for f in det.findings)


def test_label_image_through_the_api(tmp_path):
    eng = FakeEngine()
    box = ((10, 10), (10 + 300, 10), (10 + 300, 34), (10, 34))
    eng.lines[:] = [OcrLine("收件人：王小明 13812345678", 0.99, box, tuple(split_quad(box, "收件人：王小明 13812345678")))]
    src = tmp_path / "label.png"
    Image.new("RGB", (400, 60), "white").save(src)
    # the OCR engine is passed in (an object, or a name in the registry ocr.ENGINES)
    rep = waybill.mask_file(src, tmp_path / "out" / "label.png", waybill.Settings(ocr=eng))
    assert {f["type"] for f in rep.findings} >= {"name", "phone"}
    assert Image.open(tmp_path / "out" / "label.png").size == (400, 60)


def test_failure_leaves_no_output(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        waybill.mask_file(bad, tmp_path / "out" / "broken.json")
    assert not any((tmp_path / "out").iterdir())
