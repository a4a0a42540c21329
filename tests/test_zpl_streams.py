"""Print streams that hide data where a field parser does not look (issue 11 item 6, issue 12):
graphics under another command prefix, ~DG downloads, binary and oversized graphics, ^FX comments,
^CI code pages, and EPL streams read label by label with their GW/GM graphics."""
import io
import json
import zlib
import base64

import numpy as np
import pytest
from typer.testing import CliRunner

from waybill.cli import app
from waybill.formats import zpl

runner = CliRunner()


def _mask(tmp_path, name: str, data: bytes, *args):
    p = tmp_path / name
    p.write_bytes(data)
    r = runner.invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q", *args])
    out = tmp_path / "o" / name
    recs = [json.loads(line) for line in (tmp_path / "o" / "audit.jsonl").read_text().splitlines()] \
        if (tmp_path / "o" / "audit.jsonl").exists() else []
    return r, (out.read_bytes() if out.exists() else None), recs


def _text_bits(lines, size=(520, 110)):
    from PIL import Image, ImageDraw, ImageFont

    from waybill.resources import cjk_font_path
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(cjk_font_path(), 30)
    for i, t in enumerate(lines):
        d.text((5, 5 + 50 * i), t, font=f, fill=0)
    bits = np.asarray(img) < 128
    w = (bits.shape[1] + 7) // 8 * 8
    return np.pad(bits, ((0, 0), (0, w - bits.shape[1])))


def _read_bits(bits) -> str:
    from PIL import Image

    from waybill.ocr import get_engine
    img = Image.fromarray(np.where(bits, 0, 255).astype(np.uint8)).convert("RGB")
    return " ".join(ln.text for ln in get_engine("rapidocr").read(np.asarray(img)))


# ------------------------------------------------------------------ decoding, no OCR needed


def test_gfa_total_not_a_multiple_of_row_bytes_is_still_decoded():
    bits = zpl.decode_gfa("FF00FF", 3, 2)  # 3 bytes, 2 per row: second row padded
    assert bits is not None and bits.shape == (2, 16)
    assert bits[0, :8].all() and not bits[0, 8:].any() and bits[1, :8].all()


def test_gfa_declared_sizes_are_not_trusted():
    # a run-length stream that claims a huge repeat, and a Z64 bomb: both bounded by the declared total
    assert zpl.decode_gfa("z" * 100000 + "F", 16, 2).shape == (8, 16)
    bomb = ":Z64:" + base64.b64encode(zlib.compress(b"\xff" * (50 << 20))).decode() + ":0000"
    assert zpl.decode_gfa(bomb, 64, 8).shape == (8, 64)
    assert zpl.decode_gfa("FF", zpl.MAX_GFX + 1, 1) is None


@pytest.mark.parametrize("graphic,detector", [
    (f"^GFA,{zpl.MAX_GFX + 8},{zpl.MAX_GFX + 8},8,FF", "zpl.GF.too_large"),
    ("^GFC,4,64,8,\x01\x02\x03\x04", "zpl.GF.undecodable"),
    ("^GFA,64,64,8,XYZ#", "zpl.GF.undecodable"),
])
def test_graphics_that_cannot_be_inspected_are_blanked_not_copied(tmp_path, graphic, detector):
    data = f"^XA^FO10,10^FDTRACKING 1Z999AA10123456784^FS^FO10,60{graphic}^FS^XZ\n".encode("latin-1")
    r, out, recs = _mask(tmp_path, "g.zpl", data)
    assert r.exit_code == 0, r.stderr
    assert graphic.encode("latin-1") not in out and b"^GFA,1,1,1,00" in out
    assert b"^FDTRACKING 1Z999AA10123456784^FS" in out
    assert any(f["detector"] == detector and f["method"] == "redact" for f in recs[-1]["findings"])


def test_fx_comments_masked_in_share_and_emptied_in_dispose(tmp_path):
    data = ("^XA^FX Zhang Weiming 13912345678 Room 1501^FS^FO10,10^FDTRACKING 1Z999AA10123456784^FS"
            "^FX Section 2^FS^XZ\n").encode()
    r, out, recs = _mask(tmp_path, "c.zpl", data)
    assert r.exit_code == 0
    assert b"Weiming" not in out and b"13912345678" not in out and b"1501" not in out
    assert b"^FX ***** ******* *********** **** ****^FS" in out
    assert sum(f["type"] == "comment" for f in recs[-1]["findings"]) == 2
    d = tmp_path / "d"
    d.mkdir()
    (d / "c.zpl").write_bytes(data)
    r = runner.invoke(app, ["mask", str(d / "c.zpl"), "-o", str(d / "o"), "-q", "--preset", "dispose"])
    assert r.exit_code == 0
    out = (d / "o" / "c.zpl").read_bytes()
    assert out.count(b"^FX^FS") == 2 and b"Zhang" not in out and b"1Z999" not in out


def test_ci26_gb18030_masks_whole_characters(tmp_path):
    body = "^XA^CI26^FO10,10^FD收件人：王小明^FS^FO10,60^FD电话：13912345678^FS" \
           "^FO10,110^FD浙江省杭州市西湖区文三路100号3单元502室^FS^XZ\n"
    data = body.encode("gb18030")
    r, out, _ = _mask(tmp_path, "cn.zpl", data)
    assert r.exit_code == 0, r.stderr
    text = out.decode("gb18030")  # strict: a half-replaced two-byte character would not decode
    assert "小明" not in text and "13912345678" not in text and "502室" not in text
    assert "王" in text and "浙江省杭州市西湖区" in text
    assert text.count("^FS") == 3 and text.endswith("^XZ\n")


def test_ci_code_pages():
    assert zpl.ci_encoding(28) == "utf-8" and zpl.ci_encoding(26) == "gb18030"
    assert zpl.ci_encoding(15) == "shift_jis" and zpl.ci_encoding(13) == "cp850"
    st = zpl.State()
    f = zpl.parse_label("^XA^CI15^FO1,1^FD" + "山田太郎".encode("shift_jis").decode("latin-1") + "^FS^XZ", st)
    assert f[0].text == "山田太郎"


# ------------------------------------------------------------------ EPL streams


EPL_LABEL = ('N\nA20,20,0,3,1,1,N,"SHIP TO:"\nA20,50,0,4,1,1,N,"John Smith"\n'
             'A20,90,0,4,1,1,N,"123 Main St"\nA20,130,0,4,1,1,N,"Springfield, IL 62704"\n'
             'B20,220,0,1,3,7,120,B,"1Z999AA10123456784"\nP1\n')


def test_epl_is_read_label_by_label(tmp_path):
    st = io.BytesIO((EPL_LABEL * 500).encode())
    labels = list(zpl._epl_labels(st, block=4096))
    assert len(labels) == 500 and all(p == EPL_LABEL for p, _ in labels)


def test_epl_label_without_print_command_beyond_the_bound_fails_closed(tmp_path, monkeypatch):
    monkeypatch.setattr(zpl.epl, "MAX_LABEL", 1 << 16)
    data = ('N\n' + 'A20,50,0,4,1,1,N,"John Smith"\n' * 5000).encode()
    r, out, recs = _mask(tmp_path, "big.epl", data)
    assert r.exit_code in (4, 6) and out is None  # 4: the only input was unreadable
    assert recs[-1]["status"] == "failed"


def _gw(bits: np.ndarray) -> bytes:
    h, w = bits.shape
    return f"GW10,300,{w // 8},{h},".encode() + np.packbits(~bits, axis=1).tobytes() + b"\n"


def test_epl_gw_binary_with_newlines_and_print_bytes_is_not_split(tmp_path):
    bits = np.zeros((16, 64), dtype=bool)
    bits[3] = True  # a black row: 0x00 bytes in EPL's inverted encoding
    raw = bytearray(np.packbits(~bits, axis=1).tobytes())
    raw[0:4] = b"\nP1\n"  # bytes that look like a print command
    gw = "GW10,300,8,16,".encode() + bytes(raw) + b"\n"
    data = EPL_LABEL.replace("P1\n", "").encode() + gw + b"P1\n"
    labels = list(zpl._epl_labels(io.BytesIO(data), block=7))
    assert len(labels) == 1 and labels[0][1][0][0] == "GW"
    d = tmp_path / "x"
    d.mkdir()
    (d / "a.epl").write_bytes(data)
    r = runner.invoke(app, ["mask", str(d / "a.epl"), "-o", str(d / "o"), "-q", "--preset", "dispose"])
    assert r.exit_code == 0, r.stderr
    out = (d / "o" / "a.epl").read_bytes()
    at = out.index(b"GW10,300,8,16,") + len(b"GW10,300,8,16,")
    assert out[at:at + 128] == b"\xff" * 128 and out[at + 128:] == b"\nP1\n"  # white, same size
    assert b"Smith" not in out


def test_truncated_epl_graphic_fails_closed(tmp_path):
    data = EPL_LABEL.replace("P1\n", "").encode() + b"GW10,300,8,1000,\x00\x00\x00"
    r, out, recs = _mask(tmp_path, "t.epl", data)
    assert r.exit_code in (4, 6) and out is None  # 4: the only input was unreadable


# ------------------------------------------------------------------ OCR of graphics


@pytest.mark.ocr
def test_graphic_under_another_command_prefix_is_ocrd(tmp_path):
    bits = _text_bits(["收件人：王小明", "Tel 13812345678"])
    gf = zpl.encode_gfa(bits, "!")
    data = ("^XA^CC!!FO20,20!FDTRACKING 1Z999AA10123456784!FS!FO20,60" + gf + "!FS!XZ\n").encode()
    r, out, recs = _mask(tmp_path, "cc.zpl", data)
    assert r.exit_code == 0, r.stderr
    m = zpl._gfx_head("!", "~").search(out.decode())
    end = out.decode().index("!FS", m.end())
    got = zpl.decode_gfa(out.decode()[m.end():end], int(m.group("c")), int(m.group("bpr")))
    txt = _read_bits(got)
    assert "小明" not in txt and "12345678" not in txt
    assert {f["type"] for f in recs[-1]["findings"]} >= {"name", "phone"}


@pytest.mark.ocr
def test_compressed_dg_download_holding_the_label_is_ocrd(tmp_path):
    bits = _text_bits(["收件人：王小明", "Tel 13812345678"])
    raw = np.packbits(bits, axis=1).tobytes()
    z64 = ":Z64:" + base64.b64encode(zlib.compress(raw)).decode() + ":1a2b"
    data = (f"~DGR:LABEL.GRF,{len(raw)},{bits.shape[1] // 8},{z64}\n"
            "^XA^FO0,0^XGR:LABEL.GRF,1,1^FS^XZ\n").encode()
    r, out, recs = _mask(tmp_path, "dg.zpl", data)
    assert r.exit_code == 0, r.stderr
    assert out != data
    s = out.decode()
    m = zpl._gfx_head("^", "~").search(s)
    assert m.group("q") == "~" and m.group("name") == "R:LABEL.GRF"
    got = zpl.decode_gfa(s[m.end():s.index("\n", m.end())], int(m.group("dc")), int(m.group("dbpr")))
    txt = _read_bits(got)
    assert "小明" not in txt and "12345678" not in txt


@pytest.mark.ocr
def test_binary_gfb_graphic_is_ocrd(tmp_path):
    bits = _text_bits(["Tel 13812345678"], size=(520, 60))
    raw = np.packbits(bits, axis=1).tobytes()
    data = (b"^XA^FO20,60^GFB," + str(len(raw)).encode() + b"," + str(len(raw)).encode() + b","
            + str(bits.shape[1] // 8).encode() + b"," + raw + b"^FS^XZ\n")
    r, out, recs = _mask(tmp_path, "b.zpl", data)
    assert r.exit_code == 0, r.stderr
    assert raw not in out
    s = out.decode("latin-1")
    m = zpl._gfx_head("^", "~").search(s)
    got = zpl.decode_gfa(s[m.end():s.index("^FS", m.end())], int(m.group("c")), int(m.group("bpr")))
    assert "12345678" not in _read_bits(got)


def test_utf8_fields_without_ci28_are_read_as_utf8(tmp_path):
    """A label program that writes UTF-8 without ^CI28 (under ^XF recall, or no ^CI at all): the
    fields were read as single bytes of the default code page and masked byte by byte, leaving
    broken characters and '小' whole (found by hand, 2026-12-07). Such fields are read and written
    back as UTF-8; a field in the code page itself ('Müller' in 1252) stays as it was read."""
    from typer.testing import CliRunner

    from waybill.cli import app
    body = ("^XA\n^XFR:SHIP.ZPL\n^FN1^FD王小明^FS\n^FN2^FD北京市朝阳区建国路88号3号楼2单元501室^FS\n"
            "^FN3^FD13812345678^FS\n^XZ\n").encode("utf-8")
    body += "^XA\n^FO50,50^A0N,30,30^FDShip To:^FS\n^FO50,90^A0N,30,30^FDHans Müller^FS\n^XZ\n".encode("cp1252")
    p = tmp_path / "u.zpl"
    p.write_bytes(body)
    r = CliRunner().invoke(app, ["mask", str(p), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.output
    out = (tmp_path / "o" / "u.zpl").read_bytes()
    first, second = out.split(b"^XZ")[0], out.split(b"^XZ")[1]
    text = first.decode("utf-8")  # valid UTF-8 throughout
    assert "^FD王**^FS" in text and "小" not in text and "建国路" not in text and "13812345678" not in text
    assert "北京市朝阳区" in text
    assert b"^FDH*** M*****^FS" in second and "Müller".encode("cp1252") not in second
