"""Japanese and Korean records written the way people write them (found by hand, 2026-12-07): a
number after 電話番号 / 전화번호 / 連絡先 / ℡, a name before its honorific whatever its family name,
a name's kana reading after its label, an address without its prefecture, a town's block alone, a
sender's name alone on its line. Every value here is synthetic."""
from __future__ import annotations

import io

import pytest

from waybill.api import Settings, mask_stream


def _txt(text: str, preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, "txt", Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


@pytest.mark.parametrize("line, gone", [
    ("電話番号 0312345678", "12345"),
    ("ご連絡先：0451234567", "51234"),
    ("連絡先 080-1111-2222", "1111"),
    ("℡ 0312345678", "12345"),
    ("전화번호: 02-123-4567", "123-4"),
    ("휴대폰번호 01012345678", "01234"),
    ("연락처 010-1234-5678", "1234"),
])
def test_phone_after_its_japanese_or_korean_label(line, gone):
    out = _txt(line)
    assert gone not in out, out


def test_contact_label_is_not_a_name():
    assert _txt("連絡先 080-1111-2222").startswith("連絡先 ")


@pytest.mark.parametrize("line, kept, gone", [
    ("竹中 直人 様", "竹中", "直人"),
    ("竹中直人様", "竹中", "直人"),
    ("東海林 さだお 様", "東海林", "さだお"),
    ("野々村 真 様 090-1234-5678", "野々村", "真"),
    ("ヤマダ タロウ 様", "ヤマダ", "タロウ"),
    ("お届け先：東京都港区六本木6-10-1 竹中 直人 様", "竹中", "直人"),
])
def test_name_before_its_honorific(line, kept, gone):
    out = _txt(line)
    assert gone not in out and kept in out, out


@pytest.mark.parametrize("line", ["お客様各位", "受取人様 090-1234-5678", "ご担当者様", "株式会社サンプル商事 総務部 御中"])
def test_honorific_after_a_role_names_no_one(line):
    out = _txt(line)
    assert out.split(" ")[0] == line.split(" ")[0], out


@pytest.mark.parametrize("line, gone", [
    ("フリガナ ヤマダ タロウ", "タロウ"),
    ("フリガナ：ヤマダ タロウ", "タロウ"),
    ("ふりがな やまだ たろう", "たろう"),
    ("氏名（カナ） スズキ イチロウ", "イチロウ"),
    ("お名前(フリガナ) タナカハナコ", "ハナコ"),
])
def test_name_reading_after_its_label(line, gone):
    out = _txt(line)
    assert gone not in out, out


@pytest.mark.parametrize("line, kept, gone", [
    ("世田谷区北沢2-10-15 コーポ北沢203", "世田谷区", "2-10-15"),
    ("お届け先 横浜市青葉区美しが丘1-2-3 高橋 健太", "横浜市青葉区", "1-2-3"),
    ("大阪市北区梅田3丁目1-3", "大阪市北区", "3丁目"),
    ("北沢2丁目10番15号 メゾン北沢 203号室", "", "10番"),
])
def test_japanese_address_without_its_prefecture(line, kept, gone):
    out = _txt(line)
    assert gone not in out and kept in out, out


def test_family_name_after_an_address_is_not_its_building():
    out = _txt("お届け先 横浜市青葉区美しが丘1-2-3 高橋 健太")
    assert "健太" not in out and "高橋" in out, out


def test_sender_name_alone_above_a_japanese_phone():
    text = "ご依頼主 〒530-0001 大阪府大阪市北区梅田3-1-3 グランフロント501\n佐藤 花子\nTEL 06-6345-1234"
    out = _txt(text)
    assert "花子" not in out and "佐藤" in out, out


@pytest.mark.parametrize("line", ["故宫太和殿", "北京市朝阳区建国路88号", "王小明 010-12345678", "联系电话 13812345678"])
def test_chinese_text_reads_as_before(line):
    # (the new rules need kana, 様, 丁目, 番地, 〒 or a Japanese phone grouping: Chinese text is not read by them)
    from waybill.detect import detect_text
    assert all(not f.detector.startswith(("name_asia", "address_asia")) for f in detect_text(line))


def _verify(tmp_path, text: str, preset: str = "share") -> int:
    from typer.testing import CliRunner

    from waybill.cli import app
    src = tmp_path / "out.txt"
    src.write_text(text + "\n", encoding="utf-8")
    return CliRunner().invoke(app, ["verify", str(src), "--preset", preset]).exit_code


@pytest.mark.parametrize("leaked", ["電話番号 0312345678", "竹中 直人 様", "フリガナ ヤマダ タロウ",
                                    "お届け先 横浜市青葉区美しが丘1-2-3", "전화번호: 02-123-4567"])
def test_verify_reads_what_stood(tmp_path, leaked):
    assert _verify(tmp_path, leaked) == 7


def test_verify_keeps_a_family_name_alone_before_its_honorific(tmp_path):
    # share keeps a family name (as 张先生's 张): '山田様' alone is no leak; dispose removes it
    out = _txt("山田様 090-1234-5678")
    assert out.startswith("山田様"), out
    assert _verify(tmp_path, out) == 0
    assert _txt("山田様 090-1234-5678", "dispose").startswith("**様")


@pytest.mark.parametrize("line, number", [("お問い合せ番号 4829-1734-5562", "4829-1734-5562"),
                                          ("伝票番号：482917345562", "482917345562"),
                                          ("운송장번호 6071-2345-6789", "6071-2345-6789")])
def test_japanese_and_korean_tracking_labels(line, number):
    # share keeps a tracking number (a parcel must still be delivered); dispose removes it
    assert number in _txt(line)
    assert number[:4] not in _txt(line, "dispose")


def _zpl(lines: list[str], preset: str = "share") -> list[str]:
    """A Japanese slip as a ZPL stream (one ^FD per printed line), masked: the fields' texts."""
    body = "".join(f"^FO30,{40 + 40 * i}^A0N,30,30^FD{t}^FS\n" for i, t in enumerate(lines))
    out = io.BytesIO()
    mask_stream(io.BytesIO(("^XA\n^CI28\n" + body + "^XZ\n").encode()), out, "zpl", Settings(preset=preset))
    import re
    return re.findall(r"\^FD(.*?)\^FS", out.getvalue().decode())


SLIP = ["宅急便", "お届け先", "150-0002", "東京都渋谷区", "梅田3-1-3 ハイツ青葉109", "高橋　直人", "電話番号 062-478-3666",
        "差出人", "〒530-0001", "大阪府大阪市北区", "北沢2丁目10番15号 メゾン北沢 203号室", "野々村 真 様", "TEL 090-4815-8088",
        "品名 雑貨  お届け予定日 12月4日 19-21時", "お問い合せ伝票番号 8585-3730-5062"]


def test_japanese_slip_in_a_print_stream():
    got = dict(zip(SLIP, _zpl(SLIP)))
    # the region lines kept, the postcodes' heads kept (the 〒 of the first one not printed)
    assert got["東京都渋谷区"] == "東京都渋谷区" and got["大阪府大阪市北区"] == "大阪府大阪市北区"
    assert got["150-0002"].startswith("15") and "0002" not in got["150-0002"]
    assert got["〒530-0001"].startswith("〒53") and "0001" not in got["〒530-0001"]
    # the town's block and building, the given names, the phones' heads masked
    assert "3-1-3" not in got["梅田3-1-3 ハイツ青葉109"] and "109" not in got["梅田3-1-3 ハイツ青葉109"]
    assert got["高橋　直人"].startswith("高橋") and "直人" not in got["高橋　直人"]
    assert got["野々村 真 様"].startswith("野々村") and "真" not in got["野々村 真 様"]
    assert got["電話番号 062-478-3666"] == "電話番号 ***-***-3666"
    assert "4815" not in got["TEL 090-4815-8088"]
    # the parcel's lines stay
    for line in ("宅急便", "お届け先", "差出人", "品名 雑貨  お届け予定日 12月4日 19-21時", "お問い合せ伝票番号 8585-3730-5062"):
        assert got[line] == line


def test_japanese_slip_disposed():
    got = dict(zip(SLIP, _zpl(SLIP, "dispose")))
    assert "8585" not in got["お問い合せ伝票番号 8585-3730-5062"]
    assert "渋谷" not in got["東京都渋谷区"] and "15" not in got["150-0002"]


def test_japanese_postcode_outside_a_placed_block():
    # an anchor the OCR misread ('お届けけ先' is still one) or none at all: the postcode whose 〒 was
    # read as a letter is still a postcode on a label with a prefecture's line
    lines = ["宅急便", "T 812-0011", "福岡県福岡市博多区", "博多駅前2-1-1 メゾン桜1208号"]
    got = dict(zip(lines, _zpl(lines)))
    assert got["T 812-0011"].startswith("T 81") and "0011" not in got["T 812-0011"]
    lines = ["お届けけ先", "150-0002", "東京都渋谷区", "渋谷2丁目21-1"]
    got = dict(zip(lines, _zpl(lines)))
    assert got["150-0002"].startswith("15") and "0002" not in got["150-0002"]


@pytest.mark.parametrize("line, gone", [
    ("携帯 090ー1234ー5678", "1234"),          # the katakana long-vowel mark typed for a dash
    ("電話 090 1234 5678", "1234"),            # Japan's groups with spaces (was read as Tacheng's 0901)
    ("電話：０９０－１２３４－５６７８", "１２３４"),
])
def test_japanese_phone_writings(line, gone):
    out = _txt(line)
    assert gone not in out and "090 1" not in out, out


def test_name_reading_in_brackets_after_the_name():
    out = _txt("氏名：山本 一郎（ヤマモト イチロウ）")
    assert "一郎" not in out and "イチロウ" not in out and "山本" in out, out


def test_yamato_b2_export_columns():
    # the people's columns of a Japanese carrier's CSV export (Yamato's B2 headers)
    head = "お届け先電話番号,お届け先住所,お届け先名,お届け先名(ｶﾅ),ご依頼主アパートマンション,ご依頼主名,ご依頼主名(ｶﾅ),品名１\n"
    row = "0312345678,東京都渋谷区渋谷2-21-1,竹中 直人,ﾀｹﾅｶ ﾅｵﾄ,グランフロント501,野々村真,ノノムラマコト,衣類\n"
    out = io.BytesIO()
    mask_stream(io.BytesIO((head + row).encode()), out, "csv", Settings(preset="share"))
    cells = out.getvalue().decode().splitlines()[1].split(",")
    for value, got in zip(row.strip().split(","), cells):
        if value == "衣類":
            assert got == value
        elif value.startswith("東京都"):
            assert got.startswith("東京都渋谷区") and "21-1" not in got
        else:
            assert got != value and sum(c == "*" for c in got) >= len(value) // 2, (value, got)


@pytest.mark.parametrize("key", ["伝票番号", "送り状番号", "お問い合わせ番号", "お問い合せ伝票番号"])
def test_japanese_tracking_column_goes_in_dispose(key):
    src = ('[{"' + key + '": "482917345562", "氏名": "竹中 直人"}]').encode()
    for preset, kept in (("share", True), ("dispose", False)):
        out = io.BytesIO()
        mask_stream(io.BytesIO(src), out, "json", Settings(preset=preset))
        assert ("482917345562" in out.getvalue().decode()) is kept, preset


def test_japanese_name_with_a_misread_honorific_outside_a_placed_block():
    # 様 read as 樣, the family name not a listed one, the block's anchor misread ('二依赖主')
    lines = ["飛脚宅配便", "二依赖主", "T600-8216", "京都府京都市下京区", "東塩小路町721-1 パレス栄408号室", "白石直人樣"]
    got = dict(zip(lines, _zpl(lines)))
    assert got["白石直人樣"] == "白石**樣", got
    assert got["飛脚宅配便"] == "飛脚宅配便"


def test_japanese_anchors_as_a_blurred_photo_reads_them():
    # 'お属け先' for お届け先 and '依频主' for 依頼主: the blocks are still placed, so the building's line
    # and a name with no honorific under the address are masked
    lines = ["宅配便", "依频主", "T600-8216", "京都府京都市下京区東塩小路町721-1", "レジデンス博多706", "野々村美咲",
             "TEL 080-2835-3852"]
    got = dict(zip(lines, _zpl(lines)))
    assert "706" not in got["レジデンス博多706"] and "美咲" not in got["野々村美咲"], got


@pytest.mark.parametrize("line, kept, gone", [
    ("受取人氏名：白石 美咲", "白石", "美咲"),
    ("氏名 白石美咲", "白石", "美咲"),
    ("名前：竹中直人", "竹中", "直人"),
    ("おなまえ 東海林 さだお", "東海林", "さだお"),
])
def test_name_of_any_family_after_its_own_label(line, kept, gone):
    out = _txt(line)
    assert gone not in out and kept in out, out


def test_phone_after_its_label_in_hiragana():
    assert "12345" not in _txt("でんわ 0312345678")


@pytest.mark.parametrize("line", ["お電話 09012345678", "携帯番号 09012345678"])
def test_japanese_mobile_without_separators_keeps_its_last_four(line):
    assert _txt(line).endswith("*******5678")


def test_korean_slip_in_a_print_stream():
    lines = ["CJ대한통운", "받는 분", "김민준", "010-2345-6789", "서울특별시 강남구 테헤란로 152", "강남파이낸스센터 12층 1203호",
             "보내는 분", "이서연 010-9876-5432", "부산광역시 해운대구 센텀중앙로 97 A동 1203호", "운송장번호 6071-2345-6789", "품목 의류"]
    got = dict(zip(lines, _zpl(lines)))
    assert got["김민준"] == "김**" and got["이서연 010-9876-5432"] == "이** ***-****-5432"
    assert got["서울특별시 강남구 테헤란로 152"].startswith("서울특별시 강남구 ") and "152" not in got["서울특별시 강남구 테헤란로 152"]
    assert "1203" not in got["강남파이낸스센터 12층 1203호"]
    assert got["운송장번호 6071-2345-6789"] == "운송장번호 6071-2345-6789" and got["품목 의류"] == "품목 의류"


def test_a_sides_postcode_column_is_a_region_column():
    out = io.BytesIO()
    mask_stream(io.BytesIO("お届け先郵便番号,お届け先住所\n1500002,東京都渋谷区渋谷2-21-1\n".encode()), out, "csv",
                Settings(preset="share"))
    assert out.getvalue().decode().splitlines()[1].startswith("150****,東京都渋谷区")


@pytest.mark.parametrize("line, gone", [("電話 090(1234)5678", "1234"), ("TEL 03(1234)5678", "1234"),
                                        ("住所 東京都渋谷区渋谷二丁目二十一番一号", "二十一番")])
def test_japanese_writings_of_numbers(line, gone):
    # a bracketed middle group, kanji numerals in a block's and a house's number
    out = _txt(line)
    assert gone not in out, out


def test_verify_reads_a_bracketed_japanese_phone(tmp_path):
    assert _verify(tmp_path, "電話 090(1234)5678") == 7


def test_goods_line_run_together_ends_the_senders_block():
    # OCR drops the spaces: '品名衣類お届け予定日1月14日午前中' under the sender's phone was masked as the
    # sender's wrapped address
    lines = ["宅配便", "ご依頼主", "〒060-0001", "北海道札幌市中央区", "北一条西2丁目1-1 グランフロント208", "田中翔太",
             "TEL:070-8720-7672", "品名衣類お届け予定日1月14日午前中"]
    got = dict(zip(lines, _zpl(lines)))
    assert got["品名衣類お届け予定日1月14日午前中"] == "品名衣類お届け予定日1月14日午前中", got


@pytest.mark.parametrize("line", ["運転手さんへ 置き配でお願いします", "配達員さん ありがとう", "大家さんに預けてください"])
def test_a_role_before_its_honorific_is_no_name(line):
    assert _txt(line) == line


@pytest.mark.parametrize("line, kept, gone", [("受取人氏名 三ツ矢 凛", "三ツ矢", "凛"),
                                              ("差出人：株式会社ミドリ商会 担当 菅野 恵", "菅野", "恵")])
def test_held_out_name_forms(line, kept, gone):
    # (a held-out probe written after the round's fixes: a family with a small ツ, a company's contact)
    out = _txt(line)
    assert gone not in out.replace(kept, "") and kept in out, out


def test_chinese_verb_danDang_is_no_label():
    from waybill.detect import detect_text
    assert not detect_text("他担当工作 怎么样")


@pytest.mark.parametrize("line", ["お名前　鷲尾　健太郎", "差出人：株式会社ミドリ商会 担当 菅野 恵", "受取人氏名 三ツ矢 凛"])
def test_verify_keeps_a_labelled_family_name_share_kept(tmp_path, line):
    # share keeps the family name after its label; verify re-reading the output called it a name (exit 7)
    assert _verify(tmp_path, _txt(line)) == 0


def test_name_apart_after_a_sides_label_whatever_its_family(tmp_path):
    out = _txt("ご依頼主 熊谷 悠真 080-3341-9076")
    assert out.startswith("ご依頼主 熊谷 ** ") and "3341" not in out, out
    assert _verify(tmp_path, out) == 0
    assert _txt("お届け先 東京都 渋谷区 1-2-3").startswith("お届け先 東京都 渋谷区 ")


@pytest.mark.parametrize("line, gone, kept", [
    ("お届け先 松本稔 電話 090-1234-5315", "稔", "電話"),
    ("お届け先 井上洋介 電話 03-1234-5791", "洋介", "電話"),
    ("ご依頼主 小川香織 携帯 080-1111-2222", "香織", "携帯"),
])
def test_whole_name_then_its_phones_label(line, gone, kept):
    # (電話 was masked as the given name and the whole name stood; world_text seed 148, ja_JP)
    out = _txt(line)
    assert gone not in out and kept in out, out
