"""Tables of positives and traps per detector (inputs are synthetic)."""
import pytest

from waybill.detect import detect_text
from waybill.detectors.idcard import checksum_ok
from waybill.model import EntityType as T


def kinds(text, **kw):
    return [(f.type, f.text) for f in detect_text(text, **kw)]


def types(text, **kw):
    return [f.type for f in detect_text(text, **kw)]


def make_id(prefix17: str) -> str:
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return prefix17 + "10X98765432"[sum(int(c) * x for c, x in zip(prefix17, w)) % 11]


@pytest.mark.parametrize("prefix", [f"1{d}{e}" for d in "3456789" for e in "0123456789"])
def test_every_mobile_prefix_is_found(prefix):
    num = prefix + "12345678"
    assert (T.PHONE, num) in kinds(f"电话{num}")


@pytest.mark.parametrize("text,phone", [
    ("手机：138 1234 5678", "138 1234 5678"),
    ("手机：138-1234-5678。", "138-1234-5678"),
    ("+86 138 1234 5678", "+86 138 1234 5678"),
    ("0086-13812345678", "0086-13812345678"),
    ("+8613812345678", "+8613812345678"),
    ("联系13812345678谢谢", "13812345678"),
])
def test_mobile_forms(text, phone):
    assert (T.PHONE, phone) in kinds(text)


@pytest.mark.parametrize("text,landline", [
    ("座机 0571-88886666转123", "0571-88886666转123"),
    ("电话：010-62345678", "010-62345678"),
    ("(020)87654321", "(020)87654321"),
    ("0755 2345 6789", "0755 2345 6789"),
])
def test_landlines(text, landline):
    assert (T.LANDLINE, landline) in kinds(text)


def _relay_170(number):
    return number.startswith("170")


@pytest.mark.parametrize("text,kind", [
    ("17012345678-1234", T.VIRTUAL_PHONE),
    ("虚拟号 17012345678转1234", T.VIRTUAL_PHONE),
    ("138****5678", T.MASKED),
    ("收件人：张**", T.MASKED),
])
def test_virtual_and_masked_forms_left_alone(text, kind):
    ts = types(text, relay=_relay_170)  # a configured relay range proves the number virtual
    assert kind in ts
    assert T.PHONE not in ts and T.NAME not in ts


@pytest.mark.parametrize("text", ["17012345678-1234", "13912345678-1234", "13912345678转1234"])
def test_eleven_plus_four_is_a_phone_unless_proven_relay(text):
    assert T.PHONE in types(text)
    assert T.VIRTUAL_PHONE not in types(text)
    assert T.VIRTUAL_PHONE not in types("13912345678-1234", relay=_relay_170)


@pytest.mark.parametrize("text", [
    "运单号 75" + "1381234567890",   # 75 + 13 digits
    "SF1381234567890",
    "订单号 202611221381234567",      # 18-digit order id
    "2026-11-22 13:45:10",
    "重量 1.35kg 金额 ¥138.00",
    "邮编 310000",
    "JT1381234567890",
    "YT1381234567890",
    "1Z999AA10123456784",
    "数量 13812345",
])
def test_traps_not_masked(text):
    assert not [t for t in types(text) if t not in (T.TRACKING,)], kinds(text)


def test_tracking_number_is_protected():
    assert kinds("运单号：SF1234567890123") == [(T.TRACKING, "SF1234567890123")]


def test_id_numbers():
    good = make_id("11010519491231002")
    assert checksum_ok(good)
    assert (T.ID_CARD, good) in kinds(f"身份证 {good}")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    # unlabelled, a failing checksum is an ID when county code and birth date are real ...
    assert T.ID_CARD in types(f"编号 {bad}")
    # ... and not when the county code is not one
    other = make_id("11999919491231002")
    other = other[:-1] + ("0" if other[-1] != "0" else "1")
    assert T.ID_CARD not in types(f"编号 {other}")
    assert T.ID_CARD in types(f"身份证号：{bad}")  # a typo next to the label is still an ID
    assert T.ID_CARD in types("身份证 110105491231002")  # 15-digit old form


def test_email():
    assert kinds("mail: li.lei+ship@example.com.cn ok") == [(T.EMAIL, "li.lei+ship@example.com.cn")]


@pytest.mark.parametrize("text,name", [
    ("收件人：王小明 电话13812345678", "王小明"),
    ("收货人:欧阳娜娜", "欧阳娜娜"),
    ("寄件人 李雷", "李雷"),
    ("联系人：司马相如先生", "司马相如"),
    ("姓名：张伟", "张伟"),
])
def test_labelled_chinese_names(text, name):
    assert (T.NAME, name) in kinds(text)


def test_honorific_kept_outside_name():
    fs = [f for f in detect_text("收件人：张先生 13812345678") if f.type == T.NAME]
    assert fs == [] or all("先生" not in f.text for f in fs)


@pytest.mark.parametrize("text,name", [
    ("喻晓刚云南省楚雄彝族自治州南华县东街古城路37号18513386163", "喻晓刚"),
    ("13426338135寇铭哲黑龙江省七台河市桃山区风采路朝阳广场", "寇铭哲"),
    ("湖南省长沙市岳麓区银杉路31号绿地中央广场7栋21楼须平盛13601269538", "须平盛"),
    ("陕西省安康市石泉县向阳路中段魏娜18618305873", "魏娜"),
    ("18500506081公孙诗韵东郊椰林风景区", "公孙诗韵"),
    # pasted blocks, one field per line
    ("王小明\n13812345678", "王小明"),
    ("王小明先生\r\n13812345678\r\n浙江省杭州市西湖区文三路100号", "王小明"),
    ("浙江省杭州市西湖区文三路100号\n13812345678\n欧阳娜娜", "欧阳娜娜"),
])
def test_unlabelled_names_in_free_text(text, name):
    assert (T.NAME, name) in kinds(text)


@pytest.mark.parametrize("text", ["放门口\n13812345678", "工作日送达\n13812345678", "王小明\n\n\n放门口"])
def test_lines_near_a_phone_that_are_not_names(text):
    assert not [k for k in kinds(text) if k[0] == T.NAME]


# Surnames that the list leaves out as everyday words (Faker zh_CN draws them): the record's
# position (right beside the phone, or before the address) makes them names
@pytest.mark.parametrize("text,name", [
    ("海明 13812345678 广东省深圳市南山区科技路1号", "海明"),
    ("南志强 138-1234-5678", "南志强"),
    ("闭丽华，13812345678，广西南宁市青秀区民族大道5号", "闭丽华"),
    ("13912345678 敬文 北京市朝阳区建国路8号", "敬文"),
    ("位子轩 18612345678 上海市浦东新区世纪大道100号", "位子轩"),
])
def test_names_with_unlisted_surnames_beside_a_phone(text, name):
    k = kinds(text)
    assert (T.NAME, name) in k
    # the street stays the address's, not a "name" glued to its end ('路1号')
    assert not [x for x in k if x[0] == T.NAME and x[1] != name]


@pytest.mark.parametrize("text", ["请打 13812345678", "顺丰 13812345678", "客户 13812345678",
                                  "快递员 13812345678", "到了打 13812345678 谢谢", "备用 13812345678",
                                  "门口 13812345678", "电话不通请打13812345678"])
def test_words_beside_a_phone_that_are_not_names(text):
    assert not [k for k in kinds(text) if k[0] == T.NAME]


def test_no_name_glued_to_a_street_number():
    k = kinds("13912345678 北京市朝阳区建国路8号")
    assert not [x for x in k if x[0] == T.NAME]
    assert (T.ADDRESS, "建国路8号") in k


@pytest.mark.parametrize("text,region,detail", [
    ("浙江省杭州市西湖区文三路100号", "浙江省杭州市西湖区", "文三路100号"),
    ("重庆重庆市渝北区黄龙路44号", "重庆重庆市渝北区", "黄龙路44号"),
    ("广西壮族自治区贵港市桂平市凤凰新区郁江西路", "广西壮族自治区贵港市桂平市", "凤凰新区郁江西路"),
    ("河北省雄安新区容城县奥威路1号", "河北省雄安新区", "容城县奥威路1号"),  # new area
    ("广东省东莞市东城区东纵大道208号", "广东省东莞市东城区", "东纵大道208号"),  # a 街道 under a city without districts
    ("河南省济源市天坛路1号", "河南省济源市", "天坛路1号"),  # county-level city under the province
    ("新疆维吾尔自治区伊犁哈萨克自治州尼勒克县79团", "新疆维吾尔自治区伊犁哈萨克自治州尼勒克县", "79团"),
])
def test_chinese_addresses(text, region, detail):
    k = kinds(text, hint=T.ADDRESS)
    assert (T.ADDRESS_REGION, region) in k
    assert (T.ADDRESS, detail) in k


def test_every_county_is_known():
    from waybill.resources import divisions
    idx = divisions()
    counties = [d for d in idx.by_code.values() if d.level == 3]
    assert len(counties) >= 2800
    missing = [d.code for d in counties if d.name not in idx.alias[3]]
    assert not missing


def test_us_address_and_name():
    text = "SHIP TO:\nJOHN Q SMITH\n1200 W Maple Ave Apt 4B\nSpringfield, IL 62704-1234\n"
    k = kinds(text)
    assert (T.NAME, "JOHN Q SMITH") in k
    assert (T.ADDRESS, "1200 W Maple Ave Apt 4B") in k
    assert (T.ADDRESS_REGION, "Springfield, IL 627") in k


def test_us_phone():
    assert T.PHONE_INTL in types("Tel: (217) 555-0134")
    assert T.PHONE_INTL in types("call +44 20 7946 0958")


def test_name_column_hint():
    assert kinds("王芳", hint=T.NAME) == [(T.NAME, "王芳")]
    assert kinds("Mary Jones", hint=T.NAME) == [(T.NAME, "Mary Jones")]


def _valid_id(body17: str) -> str:
    return next(body17 + c for c in "0123456789X" if checksum_ok(body17 + c))


@pytest.mark.parametrize("text", ["SF1234567890123", "751234567890123", "JD0012345678-1-1", "YT1234567890123",
                                  "1Z999AA10123456784", "A1B2C3D4E5"])
def test_tracking_column_keeps_tracking_numbers_whole(text):
    assert {k[0] for k in kinds(text, hint=T.TRACKING)} == {T.TRACKING}


@pytest.mark.parametrize("text,kind", [("13812345678", T.PHONE), ("备注 13912345678", T.PHONE),
                                       (_valid_id("11010119900307123"), T.ID_CARD),
                                       ("王小明 13812345678", T.NAME)])
def test_tracking_column_still_scanned_for_personal_data(text, kind):
    assert kind in types(text, hint=T.TRACKING)


def test_phone_column_fallback_masks_unrecognised_digits():
    assert T.PHONE in types("555 12 34 567", hint=T.PHONE)


@pytest.mark.parametrize("text", ["call (752) 910-0686 before delivery", "tel 611-310-4766", "(892) 476-5519"])
def test_north_american_shape_is_a_phone_even_with_unassigned_area_code(text):
    assert T.PHONE_INTL in types(text)


@pytest.mark.parametrize("line, value", [
    # other countries' personal numbers after their label (found by hand: every one stood whole)
    ("Aadhaar: 2345 6789 0123", "2345 6789 0123"),
    ("PAN: ABCDE1234F", "ABCDE1234F"),
    ("DNI 12345678Z", "12345678Z"),
    ("NIE X1234567L", "X1234567L"),
    ("Codice fiscale: RSSMRA85T10A562S", "RSSMRA85T10A562S"),
    ("Personalausweis L01X00T47", "L01X00T47"),
    ("BSN 123456782", "123456782"),
    ("PESEL 44051401458", "44051401458"),
    ("CPF 390.533.447-05", "390.533.447-05"),
    ("T.C. Kimlik No 17291716060", "17291716060"),
    ("개인통관고유부호 P123456789012", "P123456789012"),
    ("주민등록번호 900307-1234567", "900307-1234567"),
    ("National Insurance number: QQ 12 34 56 C", "QQ 12 34 56 C"),
    ("CURP: GODE561231HDFRRN09", "GODE561231HDFRRN09"),
    ("RUT 12.345.678-5", "12.345.678-5"),
    ("my ssn is 123 45 6789", "123 45 6789"),
    # by shape and check digits alone
    ("Cliente RSSMRA85T10A562S, Roma", "RSSMRA85T10A562S"),
    ("comprador 390.533.447-05 entrega", "390.533.447-05"),
])
def test_other_countries_personal_numbers(line, value):
    import io
    import os

    from waybill.api import Settings, mask_stream
    got = [f for f in detect_text(line) if f.type is T.ID_CARD]
    assert [f.text for f in got] == [value], got
    os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)
    for preset in ("share", "dispose"):
        out = io.BytesIO()
        mask_stream(io.BytesIO(line.encode()), out, "txt", Settings(preset=preset))
        masked = out.getvalue().decode()
        # no digit of the number stays (its letters and separators may)
        assert not any(c.isdigit() for c in masked[line.index(value):line.index(value) + len(value)]), masked


@pytest.mark.parametrize("line", ["CF card 64GB", "PAN India shipping", "Documento adjunto 3 páginas",
                                  "RFC 2616 compliance", "NI No. to follow", "RUT de acceso",
                                  "Identity card required at pickup", "Produkt XA1234567B", "Cliente ABCDEF12G34H567I"])
def test_words_that_are_no_personal_number(line):
    assert not [f for f in detect_text(line) if f.type is T.ID_CARD]
