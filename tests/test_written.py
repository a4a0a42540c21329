"""Text the way people and attackers write it (issue 9): exact masked output for each case, and
properties over generated spellings. All values are synthetic."""
import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from waybill.audit import AuditKeys
from waybill.detect import detect_text
from waybill.engine import Engine
from waybill.masking import Masker, load_policy
from waybill.model import PERSONAL
from waybill.normalize import DIGIT_OF, normalize

SHARE = load_policy("share")
ENGINE = Engine(SHARE, Masker(SHARE), AuditKeys(b"k" * 32))


def share(text: str, column: str | None = None) -> str:
    return ENGINE.mask_value(text, {}, column)


CASES = [
    # a real mobile followed by 4 digits is a phone, not an "already virtual" number
    ("张伟明,13912345678,2024-05-01,备注", "张**,*******5678,2024-05-01,备注"),
    ("13912345678，1501室", "*******5678，*****"),  # a room number with no address is an address part
    ("TEL:13912345678#8001", "TEL:*******5678#****"),
    ("13912345678-1234", "*******5678-****"),
    ("17012345678-1234", "*******5678-****"),
    # groupings, widths, invisible characters, numerals
    ("１３９１２３４５６７８", "*******５６７８"),
    ("1 3 9 1 2 3 4 5 6 7 8", "* * * * * * * 5 6 7 8"),
    ("1.3.9.1.2.3.4.5.6.7.8", "*.*.*.*.*.*.*.5.6.7.8"),
    ("13 912 345 678", "** *** **5 678"),
    ("1391 2345 678", "**** ***5 678"),
    ("+86 1391 234 5678", "+86 **** *** 5678"),
    ("139\u200b1234\u00ad5678", "***\u200b****\u00ad5678"),
    # symbols, emoji and non-ASCII punctuation as separators; keycap digits
    ("138★1234★5678", "***★****★5678"),
    ("138\U0001f6421234\U0001f6425678", "***\U0001f642****\U0001f6425678"),
    ("138、1234、5678", "***、****、5678"),
    ("138\u20141234\u20145678", "***\u2014****\u20145678"),
    ("555~123~4567 call", "***~***~4567 call"),
    ("138\U0001f449\U0001f3fb1234\U0001f449\U0001f3fb5678", "***\U0001f449\U0001f3fb****\U0001f449\U0001f3fb5678"),
    ("".join(d + "\ufe0f\u20e3" for d in "13912345678"), "".join(d + "\ufe0f\u20e3" for d in "*******5678")),
    # a name with a symbol or an emoji in it or after it, letter-spaced, or its surname apart
    ("一三幺•〇八六五•零二二一", "***•****•零二二一"),
    # (an extension after a mobile written in groups is hidden with it, as after the plain form)
    ("tel:1♥3♥5♥8♥2♥8♥5♥9♥3♥2♥7#8865", "tel:*♥*♥*♥*♥*♥*♥*♥9♥3♥2♥7#****"),
    ("王\U0001f31f小明 13812345678", "王*** *******5678"),
    ("刘超♥ 16151995787", "刘*♥ *******5787"),
    ("收件人：王 小 明", "收件人：王 * *"),
    ("联系人：钱-哲", "联系人：钱**"),
    ("收货人:姜.嘉", "收货人:姜**"),
    ("浙 江 省 杭 州 市 西 湖 区 文 三 路 1 0 0 号", "浙 江 省 杭 州 市 西 湖 区 * * * * * * *"),
    ("欧阳 娜娜, 13812345678", "欧阳 **, *******5678"),
    ("收货信息：杨 哲 | 19451983326 放门口", "收货信息：杨 * | *******3326 放门口"),
    ("派送前请联系武 俊, 17640261470", "派送前请联系武 *, *******1470"),
    ("Recipient: 王小明", "Recipient: 王**"),
    ("https://wa.me/8613812345678", "https://wa.me/*********5678"),
    ("一三九一二三四五六七八", "*******五六七八"),
    ("幺三九一二三四五六七八", "*******五六七八"),
    ("13912345678*", "*******5678*"),
    # e-mail glued to Chinese, obfuscated
    ("邮箱jane.doe@example.com", "邮箱j*******@example.com"),
    ("jane.doe@example.com请联系", "j*******@example.com请联系"),
    ("jane.doe(at)example.com", "j*******(at)example.com"),
    ("jane.doe[at]example.com", "j*******[at]example.com"),
    ("jane.doe＠example.com", "j*******＠example.com"),
    # ID numbers: spaces, full width, a wrong checksum after a label or with a real county + date
    ("证号 110101 19900307 1234", "证号 110101 ******** 1234"),
    ("身份证１１０１０１１９９００３０７１２３４", "身份证１１０１０１********１２３４"),
    ("证号110101199003071235", "证号110101********1235"),
    ("110101199003071235", "110101********1235"),
    # traditional characters, middle dots in every code point, a name followed by a star
    ("廣東省廣州市天河區天河路385號", "廣東省廣州市天河區*******"),
    ("收件人：阿卜杜・热合曼", "收件人：阿**・***"),
    ("收件人：阿卜杜\u00b7热合曼", "收件人：阿**\u00b7***"),
    ("收件人：阿卜杜\u2022热合曼", "收件人：阿**\u2022***"),
    ("收件人：阿卜杜\uff65热合曼", "收件人：阿**\uff65***"),
    ("收件人：张伟明*", "收件人：张***"),
    # districts of cities without counties, functional areas
    ("广东省东莞市长安镇振安路88号", "广东省东莞市长安镇******"),
    ("广东省中山市小榄镇升平路12号", "广东省中山市小榄镇******"),
    ("海南省儋州市那大镇人民路3号", "海南省儋州市那大镇*****"),
    ("甘肃省嘉峪关市新城镇和平路1号", "甘肃省嘉峪关市新城镇*****"),
    ("江苏省苏州市工业园区星湖街328号", "江苏省苏州市工业园区*******"),
    # landline: at least 6 digits of the local number hidden
    ("0571-87654321", "0571-******21"),
    # found by attacking the outputs with text the generators do not write (international and
    # messenger forms): labelled numbers in any plan, handles, Latin names after Chinese labels,
    # a US street line without commas, Indian flat/house numbers
    ("Name: Priya Sharma, Mob: 9876543210", "Name: P**** S*****, Mob: ******3210"),
    ("Japan 090-1234-5678", "Japan ***-****-5678"),
    ("微信：zhangsan_1990 QQ：123456789", "微信：************* QQ：*********"),
    ("WeChat ID: li_lei88", "WeChat ID: ********"),
    ("寄件人 Wang Xiaoming 王小明 13912345678", "寄件人 W*** X******* 王** *******5678"),
    ("收件人：Li Wei", "收件人：L* W**"),
    ("Ship to JOHN SMITH 1600 PENNSYLVANIA AVE NW WASHINGTON DC 20500",
     "Ship to J*** S**** **** ************ *** ** WASHINGTON DC 205**"),
    ("Flat 12B, Sector 15, Noida 201301", "**** ***, Sector 15, Noida 201***"),
    ("Flat No. 7, Bandra West, Mumbai 400050", "**** *** *, Bandra West, Mumbai 400***"),
    ("Call Mrs. Smith on arrival", "Call Mrs. S**** on arrival"),
    ("c/o Jane Doe, London SW1A 1AA", "c/o J*** D**, London SW1A ***"),
    ("john dot smith at gmail dot com", "j************* at gmail dot com"),
    ("SSN 123-45-6789", "SSN ***********"),
    ("Passport E12345678", "Passport *********"),
    ("Maria Gonzalez / 555-201-3344", "M**** G******* / ***-***-3344"),
    ("555-201-3344, Tom O'Neil", "***-***-3344, T** O*****"),
    ("Please Call 555-201-3344 Before Delivery", "Please Call ***-***-3344 Before Delivery"),
    # a street and house number with no region before it, a district and street after a label
    ("文三路90号东部软件园5号楼302室", "******************"),
    ("地址：朝阳区建国路88号SOHO现代城A座1501", "地址：朝阳区*******************"),
    ("Room 1501, Tower A, No. 88 Jianguo Road", "**** ****, Tower A, No. ** ******* ****"),
    # numbers in their own country's national form, with no country code (the policy's region is
    # US): unlabelled mobiles with a trunk 0, any number after a phone label in any language or after
    # 电话, a number right after a contact name; a title or label word before the name is no name
    ("Anna Schmidt, 0151 23456789", "A*** S******, **** ****6789"),
    ("Tel 0151 23456789", "Tel **** ****6789"),
    ("Rufnummer: 0151-23456789", "Rufnummer: ****-****6789"),
    ("电话0151 23456789", "电话**** ****6789"),
    ("Tel: 0151/23456789", "Tel: ****/****6789"),
    ("Mme Dupont 06 12 34 56 78", "Mme D***** ** ** ** 56 78"),
    ("Marco Rossi 347 123 4567", "M**** R**** *** *** 4567"),
    ("Kontakt Jan Kowalski 512 345 678", "Kontakt J** K******* *** *** 678"),
    ("Herr Müller 0170-1234567", "Herr M***** ****-***4567"),
    ("Telefon: 512 345 678", "Telefon: *** *** 678"),
    # a held-out probe of those rules (fresh spellings) found these, fixed: a label with an accent,
    # letters outside Latin-1 in a name (were kept by the mask), a title and a surname, a number
    # with no separator after a name, a name particle
    ("Teléfono: 612 34 56 78", "Teléfono: *** ** *6 78"),
    ("Ayşe Yılmaz 0532 123 45 67", "A*** Y***** **** *** 45 67"),
    ("Sr. Silva 912 345 678", "Sr. S**** *** *** 678"),
    ("Piet Jansen, 0612345678", "P*** J*****, ******5678"),
    ("Jan de Vries 06-12345678", "J** d* V**** **-****5678"),
    # a second held-out probe (16 fresh contact lines in 12 languages): numbers 13/16 and names 9/16
    # were masked; the classes missed, fixed: receiver labels and delivery phrases of other languages,
    # more phone labels, an em dash after the label, 00 as the international prefix
    ("Kontaktperson: Sven Lindqvist, mobil 070 123 45 67", "Kontaktperson: S*** L********, mobil *** *** 45 67"),
    ("Consegna a Giulia Bianchi, cell. 333 9876543", "Consegna a G***** B******, cell. *** ***6543"),
    ("Entregar a João Pereira — telemóvel 912 345 678", "Entregar a J*** P****** — telemóvel *** *** 678"),
    ("Alıcı: Mehmet Demir", "Alıcı: M***** D****"),
    ("Empfänger: Lukas Schäfer, Rufnr. 0160 1234567", "Empfänger: L**** S******, Rufnr. **** ***4567"),
    # (the writer's given name signing after a spaced dash: it stood, 2026-12-06)
    ("WhatsApp me 0044 7700 900456 - Emily", "WhatsApp me **** **** **0456 - E****"),
    # a tracking number written in groups after its label is kept (it was masked as a landline, or
    # its tail as a Korean mobile), and a phone after it is not taken into it
    ("运单号 0694 7771 0714 139 1234 5678", "运单号 0694 7771 0714 *** **** 5678"),
    ("Sendung 0694 7771 0714, Tel 0151 2345678", "Sendung 0694 7771 0714, Tel **** ***5678"),
    ("Tracking: 1Z 999 AA1 01 2345 6784", "Tracking: 1Z 999 AA1 01 2345 6784"),
    ("Sendung 0694 7771 0714 0151 2345678", "Sendung 0694 **** **14 **** ***5678"),
    # street addresses as continental Europe and Turkey write them were kept whole: the street line
    # goes, the town and the postcode's first two characters stay (as on labels), and
    # a contact name written right before the street goes with it
    ("Musterstraße 12, 10115 Berlin", "************ **, 10*** Berlin"),
    ("Anna Schmidt, Hauptstr. 5a, 80331 München", "A*** S******, ********* **, 80*** München"),
    ("12 rue de la Paix, 75002 Paris", "** *** ** ** ****, 75*** Paris"),
    ("Kerkstraat 5, 1012 AB Amsterdam", "********** *, 10** ** Amsterdam"),
    ("Via Roma 10, 00184 Roma RM", "*** **** **, 00*** Roma RM"),
    ("ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa", "*** ************* ***** ** **, 00-*** Warszawa"),
    ("Calle Mayor 3, 2º B, 28013 Madrid", "***** ***** ** ** *, 28*** Madrid"),
    # 'C/' (Calle) is a street type on its own, not only beside a postcode (a label's street line
    # is read alone: stress part, low-contrast SEUR photos kept 'C/ Mayor 167, 8º B' in part)
    ("C/ Mayor 167, 8º B", "** ***** **** ** *"),
    ("Storgatan 14, 114 55 Stockholm", "********* **, 11* ** Stockholm"),
    ("Adresse: Avenue Louise 54 bte 3, 1050 Bruxelles", "Adresse: ****** ****** ** *** *, 10** Bruxelles"),
    ("Rua Augusta 100, 1100-053 Lisboa", "*** ******* ***, 110***** Lisboa"),
    ("Atatürk Cad. No: 12 D: 5, 34000 İstanbul", "******* **** *** ** ** *, 34*** İstanbul"),
    ("Jens Hansen, Nørregade 12, 2. th., 1165 København K", "J*** H*****, ********* *** ** ***, 11** København K"),
    ("Hlavní třída 5, 110 00 Praha", "****** ***** *, 11* ** Praha"),
    ("Deliver Today, Lindenweg 4, 12345 Ort", "Deliver Today, ********* *, 12*** Ort"),
    # a held-out probe of 16 fresh European addresses masked 13 streets whole; fixed: a street with
    # no type word before a postcode and town, a separate 'gate' after a name of several words, a
    # house number with two slashes
    ("Lange Voorhout 9, 2514 EA Den Haag", "***** ******** *, 25** ** Den Haag"),
    ("Karl Johans gate 22, 0159 Oslo", "**** ****** **** **, 01** Oslo"),
    ("Mariahilfer Straße 120/3/14, 1070 Wien", "*********** ****** ********, 10** Wien"),
    # a contact name joined to its number by 'at'/'on' (left by the second phone probe)
    ("call Olga Ivanova at 8 (912) 345-67-89", "call O*** I****** at 8 (***) ***-67-89"),
    ("Please call Tom Baker on 555-201-3344", "Please call T** B**** on ***-***-3344"),
    # a third probe (Commonwealth forms): a unit before its street, a house number with a slash, an
    # Indian PIN's last three digits and a Canadian postal code's LDU (as on labels), the name first
    ("Ramesh Kumar, 12/3 MG Road, Bengaluru 560001", "R***** K****, **** ** ****, Bengaluru 560***"),
    ("Unit 5, 12 Smith St, Sydney NSW 2000", "**** *, ** ***** **, Sydney NSW 20**"),  # postcode: first 2 stay
    ("123 Main St, Toronto ON M5V 2T6", "*** **** **, Toronto ON M5V ***"),
    # values wrapped in markup or written escaped, as web logs, HTML/XML exports and JSON payloads
    # kept as strings show them (found by hand, probing forms people write: every name stood)
    ("<td>张伟明</td><td>13912345678</td>", "<td>张**</td><td>*******5678</td>"),
    ("<name>张伟明</name><phone>13912345678</phone>", "<name>张**</name><phone>*******5678</phone>"),
    ("<tr><th>收件人</th><td>张伟明</td></tr>", "<tr><th>收件人</th><td>张**</td></tr>"),
    ("<b>收件人：</b>张伟明 <i>北京市朝阳区建国路88号院3号楼1501室</i>",
     "<b>收件人：</b>张** <i>北京市朝阳区***************</i>"),
    ('<recipient name="John Smith" phone="(555) 123-4567"/>', '<recipient name="J*** S****" phone="(***) ***-4567"/>'),
    ("<Name>John Smith</Name><Phone>(555) 123-4567</Phone>", "<Name>J*** S****</Name><Phone>(***) ***-4567</Phone>"),
    ('{"name":"\\u5f20\\u4f1f\\u660e","mobile":"13912345678"}', '{"name":"******************","mobile":"*******5678"}'),
    ('{\\"name\\":\\"张伟明\\",\\"mobile\\":\\"13912345678\\"}',
     '{\\"name\\":\\"张**\\",\\"mobile\\":\\"*******5678\\"}'),
    ("&#24352;&#20255;&#26126; 13912345678", '************************ *******5678'),
    ("收件人：&#x5F20;&#x4F1F;&#x660E;", '收件人：************************'),
    ("name=%E5%BC%A0%E4%BC%9F%E6%98%8E&phone=13912345678", 'name=***************************&phone=*******5678'),
    ("email=jane.doe%40example.com", "email=**********************"),
    ("b'\\xe5\\xbc\\xa0\\xe4\\xbc\\x9f\\xe6\\x98\\x8e 13912345678'",
     "b'************************************ *******5678'"),
    # a name in quotes beside a phone; a key=value field after Chinese text; 'to=' before a name
    ('"张伟明 13912345678"', '"张** *******5678"'),
    ("“张伟明”13912345678", "“张**”*******5678"),
    ("派送前请联系to=张伟明&phone=13912345678", "派送前请联系to=张**&phone=*******5678"),
    # a display name before an e-mail in the next table cell; a record element around its fields; an
    # HTML export escaped once more
    ("<tr><td>Jane Doe</td><td>jane.doe@example.com</td></tr>", "<tr><td>J*** D**</td><td>j*******@example.com</td></tr>"),
    ("Jane Doe\tjane.doe@example.com", "J*** D**\tj*******@example.com"),
    ("Customer Service\tcs@example.com", "Customer Service\t**@example.com"),
    # (a name in angle brackets is no tag, and is a name beside the phone)
    ("Note: <b>urgent</b> call <John Smith> at 555-123-4567", "Note: <b>urgent</b> call <J*** S****> at ***-***-4567"),
    ('"Jane Doe" 555-123-4567', '"J*** D**" ***-***-4567'),
    ("<contact><name>Müller, Hans</name><street>Hauptstraße 5</street><city>10115 Berlin</city></contact>",
     "<contact><name>M*****, H***</name><street>*********** *</street><city>10*** Berlin</city></contact>"),
    ("&lt;td&gt;Jane Doe&lt;/td&gt;&lt;td&gt;555-123-4567&lt;/td&gt;",
     "&lt;td&gt;J*** D**&lt;/td&gt;&lt;td&gt;***-***-4567&lt;/td&gt;"),
    # a mail export: a MIME encoded word in a header, quoted-printable bytes in the body; a file name
    # quoted by a shell (octal bytes)
    ("From: =?UTF-8?B?5byg5Lyf5piO?= <zhangweiming@163.com>", 'From: ************************ <z***********@163.com>'),
    ("Subject: =?GB2312?B?1cXOsA==?= 13912345678", 'Subject: ********************* *******5678'),
    ("收件人：=E5=BC=A0=E4=BC=9F=E6=98=8E", '收件人：***************************'),
    ('"\\345\\274\\240\\344\\274\\237\\346\\230\\216 13912345678"', '"************************************ *******5678"'),
    # a Chinese address written in English (a cross-border label): room and building before the street;
    # a name after the town's comma, before the phone; a street, then the name, then the phone
    ("Rm 1501, Bldg 3, 88 Jianguo Rd, Chaoyang Dist, Beijing", "** ****, **** *, ** ******* **, Chaoyang Dist, Beijing"),
    ("Chaoyang District, Beijing, Zhang Weiming, 13912345678", "Chaoyang District, Beijing, Z**** W******, *******5678"),
    ("12 Elm Road, Leeds, Jane Doe, 07700 900123", "** *** ****, Leeds, J*** D**, ***** **0123"),
    # messenger accounts that name their messenger: a WeChat ID, a Telegram link
    ("加我 wxid_k3j2h1g9f8 谢谢", "加我 *************** 谢谢"),
    ("https://t.me/zhangwei1990", "https://t.me/************"),
    # an English address and name in a text that also holds Chinese (the Latin detectors skipped it)
    ("备注：Room 1302, Building 6, 799 Binjiang Avenue, Haidian District, Beijing. Contact Luo Weiming Mob: 13664230980 尽快派送",
     "备注：**** ****, ******** *, *** ******** ******, ******* ********, Beijing. Contact L** W****** Mob: *******0980 尽快派送"),
    ("收货信息：Consignee: Yang Yutong, Rm 1701, No. 578 Heping Rd, Beijing",
     "收货信息：Consignee: Y*** Y*****, ** ****, **. *** ****** **, Beijing"),
    # a mobile in the digits of another script, with no label (only labelled ones were read)
    ("١٣٩١٢٣٤٥٦٧٨", "*******٥٦٧٨"),
    ("۱۳۹۱۲۳۴۵۶۷۸", "*******۵۶۷۸"),
    ("१३९१२३४५६७८", "*******५६७८"),
    ("北京市朝阳区建国路٨٨号", "北京市朝阳区******"),
    # internationalised e-mail addresses: accented or quoted local parts, domains in another script
    ("José.García@correo.es", "J**********@correo.es"),
    ("müller.hans@beispiel.de", "m**********@beispiel.de"),
    ('"john doe"@example.com', '"*********@example.com'),
    ("联系邮箱：张伟@例子.中国", "联系邮箱：**@例子.中国"),
    ("zhangwei@例子.公司", "z*******@例子.公司"),
    ("邮箱：zhangwei#163.com", "邮箱：****************"),
    # building-unit-room with dashes after an estate, a delivery verb or an address label
    ("地址：幸福小区12-3-402", "地址：************"),
    ("送到阳光花园3-2-501，谢谢", "送到***********，谢谢"),
    ("放到3-2-501门口", "放到*******门口"),
    # a name after 'I am' in a buyer's note; fields split by slashes
    ("买家留言：到了打我电话，我叫李娜，一三八零零一三八零零零", "买家留言：到了打我电话，我叫李*，*******八零零零"),
    ("派送前请联系叫我叶俊 15699277035", "派送前请联系叫我叶* *******7035"),
    ("张伟明/139-1234-5678/浙江杭州西湖区文三路90号", "张**/***-****-5678/浙江杭州西湖区******"),
    # Indonesian, Vietnamese and Thai labels written the way their carriers print them (Faker's
    # formats for vi_VN and th_TH are not these): a name after Penerima/Nama, a street after Jl./Jalan
    # with its RT/RW, a house number and street before the ward or district, a Thai street line
    # before its district
    ('Penerima: Budi Santoso, Jl. Merdeka No. 10, RT 02/RW 05, Jakarta 10110, 0812-3456-7890',
     'Penerima: B*** S******, *** ******* *** *** ** ***** **, Jakarta 10***, 0812-****-****'),
    ('Nama: Siti Aminah, Jalan Sudirman 45, Bandung 40115',
     'Nama: S*** A*****, ***** ******** **, Bandung 40***'),
    ('Người nhận: Nguyễn Văn An, 12 Nguyễn Trãi, Phường 2, Quận 5, TP. Hồ Chí Minh, 0912 345 678',
     'Người nhận: N***** V** A*, ** ****** ****, ****** *, **** *, TP. Hồ Chí Minh, **** **5 678'),
    ('45/12 Lê Lợi, P. Bến Nghé, Q. 1, TP. HCM',
     '***** ** ***, P. Bến Nghé, Q. 1, TP. HCM'),
    ('ผู้รับ: สมชาย ใจดี 99/1 ซอยสุขุมวิท 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110 โทร 081-234-5678',
     'ผู้รับ: ส**** ใ*** **** *********** ** **************** เขตวัฒนา กรุงเทพฯ 10110 โทร ***-***-5678'),
    ('55 หมู่ 3 ตำบลบ้านใหม่ อำเภอเมือง เชียงใหม่ 50000',
     '** **** * ************ อำเภอเมือง เชียงใหม่ 50000'),  # '#' for '@', to keep an address from crawlers
    # a house number after a phone in other scripts (its digits were the phone's kept tail, or left
    # bare between the phone and the street), a street kind after its name (world_text --locales
    # scripts seed 91)
    ('ผู้รับ อัญชัญ พีระเพ็ญกุล โทร 089 774 4260 17 หมู่ 5 ถนนขุนดำ, 98250 นครศรีธรรมราช',
     'ผู้รับ อ***** พ********** โทร *** *** 4260 ** **** * ********, 98*** นครศรีธรรมราช'),
    ('ผู้รับ ปิยวัจน์ ติณรัตน์ โทร 07 044 1765 67 ถ.นิลวรรณ, 38640 รังสิต',
     'ผู้รับ ป******* ต******* โทร ** *** *765 ** *********, 38*** รังสิต'),
    ('प्राप्तकर्ता चन्दना कुमार फ़ोन 08235 620106 3 रेड्डी, 777276 देहरा',
     'प्राप्तकर्ता च***** क**** फ़ोन ***** **0106 * ******, 77**** देहरा'),
    ('Получатель Любим Гусева Тел. 8 104 169 10 71 пр. Леонова, д. 266 стр. 329, 344440 клх Осташков',
     # (the receiver's label kept: it was masked as the name's first word, 2026-12-07 evening)
     'Получатель Л**** Г***** Тел. * *** **9 10 ** *** ******** ** *** **** ***, 34**** клх Осташков'),
    ('Người nhận Trần Văn An ĐT (03)792-2673 2/40/475 phố 34, 12195 Thành phố Hà Nội',
     'Người nhận T*** V** A* ĐT (**)***-*673 ******** *** **, 12*** Thành phố Hà Nội'),
    ('Сніжана Вівчаренко, 042 427-62-91, набережна Лиманчик 2-й Лінія 8-ма, буд. 637, 17654 село Шахтарськ',
     'С****** В*********, *** ***-62-91, ********* ******** *** ***** ***** **** ***, 17*** село Шахтарськ'),
    # a JSON object in base64 (a JWT's payload, a logged request body), with '\\u' escapes inside: the
    # whole token is masked (a token with some characters starred would still decode)
    ('Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAiMTIzNCIsICJuYW1lIjogIlx1NWYyMFx1NGYxZlx1NjYwZSIsICJwaG9uZSI6ICIxMzkxMjM0NTY3OCJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
     'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.********************************************************************************************.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'),
    ('body=eyJuYW1lIjogIkphbmUgRG9lIiwgImVtYWlsIjogImphbmVAZXhhbXBsZS5jb20ifQ==', 'body=********************************************************************'),
    # care-of words of European addresses (the name after them stood; found by hand)
    ('chez Dupont, 12 rue de la Paix, 75002 Paris', 'chez D*****, ** *** ** ** ****, 75*** Paris'),
    ('12 rue de la Paix chez Dupont 75002 Paris', '** *** ** ** **** chez D***** 75*** Paris'),
    ('Via Roma 10 presso Bianchi, 00184 Roma', '*** **** ** presso B******, 00*** Roma'),
    ('Calle Mayor 3, a la atención de Juan Pérez, 28013 Madrid',
     '***** ***** *, a la atención de J*** P****, 28*** Madrid'),
    ('Hauptstraße 5 bei Meier, 10115 Berlin', '*********** * bei M****, 10*** Berlin'),
    ('Gartenweg 3, bei Familie Schulz, 80331 München', '********* *, bei Familie S*****, 80*** München'),
    # (and the street's house number takes no letter that starts an abbreviation: the t of t.a.v.)
    ('Kerkstraat 12 t.a.v. De Vries, 1012 AB Amsterdam', '********** ** t.a.v. D* V****, 10** ** Amsterdam'),
    # ('bei' is a preposition too: only a name that ends the field right after a street)
    ('Hauptstraße 5 bei Abwesenheit beim Nachbarn', '*********** * bei Abwesenheit beim Nachbarn'),
    ('Bitte bei Nachbarn abgeben, Hauptstraße 5', 'Bitte bei Nachbarn abgeben, *********** *'),
    ('Livraison chez nous le matin', 'Livraison chez nous le matin'),
    # who to ask for at the door, and the intercom's verbs (found by hand: each name stood)
    ('Dejar en portería, preguntar por Carmen Ruiz', 'Dejar en portería, preguntar por C***** R***'),
    ('Ask for Mike in shipping', 'Ask for M*** in shipping'),
    ('Chiedere di Marco al bar', 'Chiedere di M**** al bar'),
    ('Fråga efter Lars i kassan', 'Fråga efter L*** i kassan'),
    ('Spørg efter Mette i receptionen', 'Spørg efter M**** i receptionen'),
    ('Bitte nach Jonas fragen', 'Bitte nach J**** fragen'),
    # (the staircase too: a unit inside a note, masked by every preset since 2026-12-06 evening)
    ('Citofonare Rossi, scala B', 'Citofonare R****, ***** *'),
    ('Domofon: Kowalski', 'Domofon: K*******'),
    ('Please ask for ID on delivery', 'Please ask for ID on delivery'),
    ('Bitte nach der Abholung fragen', 'Bitte nach der Abholung fragen'),
    ('nach Sendungsnummer fragen', 'nach Sendungsnummer fragen'),
    # a house number read as a phone's last group by the Chinese mobile reading ('1860 1813 255'):
    # it goes to the street (world_text --locales scripts seed 107: the kept tail showed '3 255')
    ('گیرنده رقیه هنری تلفن 074 1860 1813 255 بهمنی جنب, 279981 شهر فاطمياسارينا',
     'گیرنده ر*** ه*** تلفن 074 **** **13 *** ***** ***, 27**** شهر فاطمياسارينا'),
    # who a parcel is handed to in a Chinese note (found by hand: each name stood)
    ('寄给: 马云飞 (公司前台代收)', '寄给: 马** (公司前台代收)'), ('麻烦转交马云飞', '麻烦转交马**'),
    ('交给李建国', '交给李**'), ('找马云飞签收', '找马**签收'),
    # (a place or a role after the verb is no one: 楼, 商 and 老 are surnames)
    ('拿给楼下超市', '拿给楼下超市'), ('转给商家', '转给商家'), ('交给老板', '交给老板'), ('交由物业代收', '交由物业代收'),
    ('请给个好评', '请给个好评'), ('交给菜鸟驿站', '交给菜鸟驿站'),
    # a Korean name before its honorific in a note with no label or phone (found by hand: it stood)
    ('김민수 님께 문 앞에 놔주세요', '김** 님께 문 앞에 놔주세요'), ('고객님께 안내드립니다', '고객님께 안내드립니다'),
    ('기사님 문 앞에 놔주세요', '기사님 문 앞에 놔주세요'),
    # a delivery instruction before a record's address is no part of the address (it was masked
    # as the street: 'Leave at door of' -> '***** ** **** **')
    ('Leave at door of unit 12, Mr Nguyen', 'Leave at door of **** **, Mr N*****'),
    # (a house's name before its street is the address's, whatever its words)
    ('Gate House, 5 Back Lane, Mr Nguyen, 0412 345 678', '**** *****, * **** ****, Mr N*****, **** **5 678'),
    # Latin American addresses (found by hand: each street stood whole, or beside its masked number)
    ('Av. Insurgentes Sur 1234, Col. Del Valle, CDMX, C.P. 03100',
     '*** *********** *** ****, Col. Del Valle, CDMX, C.P. 03100'),
    ('Jr. de la Unión 456, Dpto. 301, Lima 15001', '*** ** ** ***** **** ***** ***, Lima 15001'),
    ('Calle 45 # 12-34, Bogotá, Colombia', '***** ** * *****, Bogotá, Colombia'),
    ('Cra. 7 No. 72-41, Bogotá', '**** * *** *****, Bogotá'),
    # (and a unit word whole: 'Apto 502' was read as 'Apt' + the flat letter 'o', and 502 stood)
    ('Av. 19 #104-37 Apto 502', '*** ** ******* **** ***'), ('Order # 12-34 shipped', 'Order # 12-34 shipped'),
    # a department after an attention anchor is no person (it was masked as a name; found by hand)
    ('Att: Kundservice', 'Att: Kundservice'), ('Attn: Accounts Payable', 'Attn: Accounts Payable'),
    ('z. Hd. Kundendienst', 'z. Hd. Kundendienst'), ('Att: Anna Berg, Kundservice', 'Att: A*** B***, Kundservice'),
    # the person an Indian S/O, D/O or W/O is of (the relative after it was masked, the person stood)
    ('Ramesh Kumar S/O Suresh Kumar, H.No 12-3-456, Hyderabad 500072',
     'R***** K**** S/O S***** K****, **** ********, Hyderabad 500***'),
    ('Smt. Lakshmi Devi W/O Ram Prasad', 'Smt. L****** D*** W/O R** P*****'),
    # a Japanese address after its postcode without the prefecture (it stood whole; found by hand)
    ('〒530-0001 大阪市北区梅田1-2-3', '〒53****** 大阪市北区*******'),
    # a given name after 'call' or 'text' before its phone (found by hand: 'Bec' stood)
    ('Unit 5, 12 Queen St, Sydney NSW 2000, call Bec 0412 345 678',
     '**** *, ** ***** **, Sydney NSW 20**, call B** **** **5 678'),
    ('text Sam on 0412 345 678', 'text S** on **** **5 678'),
    ('Call Mon-Fri 0412 345 678', 'Call Mon-Fri **** **5 678'), ('Call Reception 02 9876 5432', 'Call Reception ** **** 5432'),
    # a possessive name before a phone's word, 'w/' for 'with', informal kin words (found by hand)
    ("Maria's number is 612 345 678", "M****'s number is *** *** 678"), ("the driver's phone is broken", "the driver's phone is broken"),
    ('leave w/ Jenny at front desk', 'leave w/ J**** at front desk'), ('pls give to my bro Kev', 'pls give to my bro K**'),
    # titles written in lower case in a sentence, declined Polish ones; the verb that names a name
    # is no part of it (found by hand: the surnames stood, 's'appelle' was masked)
    ('Paczkę proszę zostawić u pani Kowalskiej', 'Paczkę proszę zostawić u pani K*********'),
    ('Neem contact op met mevrouw Jansen', 'Neem contact op met mevrouw J*****'),
    ("La destinataire s'appelle Amélie Laurent", "La destinataire s'appelle A***** L******"),
    ('Il destinatario si chiama Marco Bianchi', 'Il destinatario si chiama M**** B******'),
    ('I like pani puri', 'I like pani puri'), ('Peter Pan', 'Peter Pan'),
    # a name after an anchor ends at the sentence's first lower-case word (the request was masked with
    # it: 'Hans Müller bitte klingeln'); a name typed in lower case is still read whole
    ('Empfänger Hans Müller bitte klingeln', 'Empfänger H*** M***** bitte klingeln'),
    ("Alıcı Mehmet Yılmaz'a teslim edin", "Alıcı M***** Y******* teslim edin"),
    ('ship to: kathleen rodriguez', 'ship to: k******* r********'),
    # a Turkish given name before its honorific, into the addressee's own hands, and 'al' is no
    # abbreviated street type before a title (found by hand: each name stood)
    ("Kargoyu kapıcı Hasan Bey'e bırakın", "Kargoyu kapıcı H**** Bey'e bırakın"), ('Merhaba Ali Bey', 'Merhaba A** Bey'),
    ('Dostarczyć do rąk własnych: Anna Nowak', 'Dostarczyć do rąk własnych: A*** N****'),
    ('Consegnare al Sig. Esposito entro le 18', 'Consegnare al Sig. E******* entro le 18'),
    ('Bay Area shipping', 'Bay Area shipping'),
    # 'for' and 'to' in other languages before a name, with their colon (found by hand: they stood)
    ('An: Max Mustermann', 'An: M** M*********'), ('Pour : Camille Martin', 'Pour : C****** M*****'),
    ('Voor: Sanne de Boer', 'Voor: S**** d* B***'), ('Dla: Piotr Zieliński', 'Dla: P**** Z********'),
    ('Kime: Elif Demir', 'Kime: E*** D****'), ('Per: Express Delivery', 'Per: Express Delivery'),
    ('Pour : 2 colis', 'Pour : 2 colis'),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_written_cases(text, expected):
    assert share(text) == expected


@pytest.mark.parametrize("text,expected", [
    # dispose takes the region too: an Indian address's locality, town and state before its PIN
    # stood in dispose (share keeps them, as '10*** Berlin'); found by hand
    ("Flat 4, 12 MG Road, Bengaluru, Karnataka 560001", "**** *, ** ** ****, ********** ********* ******"),
    # and the locality before the town: region too, which dispose removes ('Indiranagar' stood)
    ("12 MG Road, Indiranagar, Bengaluru 560038", "** ** ****, ***********, ********* ******"),
    ("Flat 302, Sai Residency, Plot 45, Sector 12, Kharghar, Navi Mumbai 410210",
     "**** ***, *** *********, **** **, ****** **, ********, **** ****** ******"),
    # and a UK post town before its postcode in a line with no comma before the town's field
    # (label_holdout --part stress --seed 136000 --dispose: uk_rm's ZPL sender line kept 'York')
    ("Henrik Nakamura-Scott · 57 High Street · York YO1 7HH", "****** ************** · ** **** ****** · **** *** ***"),
])
def test_dispose_takes_the_region_before_a_postcode(text, expected):
    dispose = Engine(load_policy("dispose"), Masker(load_policy("dispose")), AuditKeys(b"k" * 32))
    assert dispose.mask_value(text, {}, None) == expected
    kept = text.rsplit(",", 1)[-1][:-3] if "," in text else text.rsplit("·", 1)[-1][:-3]
    assert share(text).endswith(kept + "***")


@pytest.mark.parametrize("text,name,gone", [
    # world_text seeds 52 and 57: a spacing tilde inside a name (NFKC makes it a space and a
    # combining tilde: the name fell apart before any reader saw it, and stood whole)
    ("Alıcı: N˜zamett˜n Sakarya / Tel +90 532 123 4567", "N˜zamett˜n Sakarya", ["zamett", "Sakarya"]),
    # a combining accent no precomposed letter has
    ("Alıcı: Nz\u0303amett\u0303n Sakarya / Tel +90 532 123 4567", "Nz\u0303amett\u0303n Sakarya", ["amett", "Sakarya"]),
    # an acute accent for an apostrophe, typewriter accents
    ("Ship to: Liam O´Brien / 12 Main St, Springfield, IL 62701", "Liam O´Brien", ["Liam", "Brien", "Main"]),
    ("Ship to: Jo¨rg Mu¨ller, 12 Main St", "Jo¨rg Mu¨ller", ["rg", "ller", "Main"]),
    # text written decomposed (NFD, as macOS files often are): the name was cut at its first accent
    (unicodedata.normalize("NFD", "Destinataire: Amélie Lefèvre, 12 rue de la Paix, 75002 Paris"),
     unicodedata.normalize("NFD", "Amélie Lefèvre"), ["lie", "vre", "Paix"]),
    (unicodedata.normalize("NFD", "Ship to: Jörg Müller, Hauptstraße 5, 10115 Berlin"),
     unicodedata.normalize("NFD", "Jörg Müller"), ["rg", "ller", "Hauptstra"]),
])
def test_accents_written_apart_keep_a_word_whole(text, name, gone):
    assert name in [f.text for f in detect_text(text) if f.type.value == "name"]
    got = share(text)
    for g in gone:
        assert g not in got, (g, got)


@pytest.mark.parametrize("text,expected", [
    # a Latin name's mask keeps the first letter of each word: the letters after an accent written
    # apart, an invisible character or a spacing accent inside the word showed ('A**\u0301l**',
    # 'J*\u200bh*', 'N˜z*****˜n', 'O´B****')
    ("Ship to: Ame\u0301lie Lefe\u0300vre", "Ship to: A****** L*******"),
    ("Ship to: Jo\u200bhn Sm\u00adith", "Ship to: J**** S*****"),
    ("Alıcı: N˜zamett˜n Sakarya", "Alıcı: N********* S******"),
    ("Ship to: Liam O´Brien", "Ship to: L*** O******"),
    ("Ship to: Liam O'Brien", "Ship to: L*** O******"),
])
def test_latin_name_mask_covers_the_whole_word(text, expected):
    assert share(text) == expected


@pytest.mark.parametrize("text,gone", [
    # Cyrillic and Greek look-alike letters inside Latin words: name and street stood whole
    ("Ship to: Ѕіobhán Lаurеnt, 14 Сhеѕtnut Street, 02108 Boston, MA", ["obh", "urnt", "urеnt", "tnut"]),
    ("Destinatario: Mаrgаrеt Вrønnum, Vіа Gаrіbаldі 8, 20121 Milano", ["rgаr", "rønnum", "rіbаldі"]),
    ("Empfänger: Jörg Μüller, Lindenstraße 12, 10115 Berlin", ["üller", "Linden"]),
    # digits written as letters in a phone ('l' for 1, 'O' for 0)
    ("Ship to: Nora Reiss, Tel. +49 l5l2 3457l38", ["l5l2", "3457", "l38"]),
    ("Destinataire : Anne Morel, Tél. +33 6 l2 34 67 lO", ["l2 34", "67 l"]),
    # a plus-minus for the plus (as OCR read a Swiss label's '+')
    ("Empfänger: Declan McAllister, Tel. ±41 79 274 84 89", ["79 274", "274 84"]),
    # ... glued to the dot of a phone label
    ("Ship to: Nora Reiss, Tel.0l5l2345678", ["0l5l2", "l5l234"]),
    ("Ship to: Tom Hale, Ph.O2O 7946 O958", ["O2O 79", "7946 O9"]),
    # one separator between every digit of a labelled number without '+'
    ("Mottagare: Anna Berg, Tfn 4.6.7.0.1.2.3.3.4.6.8", ["4.6.7.0.1.2"]),
    ("Ship to: Tom Hale, Phone 4-6-7-0-1-2-3-3-4-6-8", ["4-6-7-0-1-2"]),
])
def test_look_alike_letters_and_letter_digits(text, gone):
    got = share(text)
    for g in gone:
        assert g not in got, (g, got)


@pytest.mark.parametrize("text", [
    # real Cyrillic and Greek words stay as written; letters near numbers that are no phone stay
    "Ольга Иванова, ул. Тверская 5", "Αθήνα 10558", "ISO 9001:2015",
    "mail john.lo1234567@example.com", "Order O1234567 shipped", "version v1.0l23456 build", "Toleranz ±0.5 mm",
])
def test_look_alike_and_letter_digit_readings_leave_other_text(text):
    assert normalize(text).text == text
    if text.isascii() and "@" not in text:
        assert share(text) == text


def test_intl_evasion_cases_are_masked_in_process():
    # benchmarks.evasion_intl's tricks, each record masked in process (the benchmark runs the CLI)
    from benchmarks import evasion_intl as ei

    dispose = Engine(load_policy("dispose"), Masker(load_policy("dispose")), AuditKeys(b"k" * 32))
    for c in ei.generate(seed=11, n=4, tricks=list(ei.TRICKS) + ["mixed"]):
        text = ei.record_text(c)
        assert not c.leaks(share(text), "share"), (c.trick, share(text))
        out = dispose.mask_value(text, {}, None)
        assert not c.leaks(out, "dispose"), (c.trick, out)


def _write(path, fmt: str, texts: list[str]) -> None:
    import json

    if fmt == "txt":
        path.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
    elif fmt == "csv":
        import csv

        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["备注"])
            w.writerows([t] for t in texts)
    elif fmt == "json":
        path.write_text(json.dumps([{"备注": t} for t in texts], ensure_ascii=False), encoding="utf-8")
    elif fmt == "jsonl":
        path.write_text("".join(json.dumps({"备注": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["备注"])
        for t in texts:
            ws.append([t])
        wb.save(path)


def _read(path, fmt: str) -> list[str]:
    import json

    if fmt == "txt":
        return path.read_text(encoding="utf-8").splitlines()
    if fmt == "csv":
        import csv

        with open(path, encoding="utf-8", newline="") as fh:
            return [r[0] for r in list(csv.reader(fh))[1:]]
    if fmt == "json":
        return [o["备注"] for o in json.loads(path.read_text(encoding="utf-8"))]
    if fmt == "jsonl":
        return [json.loads(x)["备注"] for x in path.read_text(encoding="utf-8").splitlines()]
    import openpyxl

    return [r[0] for r in list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))[1:]]


@pytest.mark.parametrize("fmt", ["txt", "csv", "json", "jsonl", "xlsx"])
def test_written_cases_in_every_format(tmp_path, fmt):
    # the same table through `waybill mask` in each text format: every value comes out exactly as
    # it does alone (one value per line, cell, JSON string)
    from typer.testing import CliRunner

    from waybill.cli import app

    src = tmp_path / f"cases.{fmt}"
    _write(src, fmt, [t for t, _ in CASES])
    r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.stderr
    got = _read(tmp_path / "out" / src.name, fmt)
    assert len(got) == len(CASES)
    bad = [(i, g, e) for i, (g, (_, e)) in enumerate(zip(got, CASES)) if g != e]
    assert not bad, bad


@pytest.mark.parametrize("column", ["收件人", "电话", "地址"])
def test_a_whole_record_typed_into_one_column(column):
    # the column's own reading left the name beside the phone: the cell is read as free text too
    out = share("No. 161 Dongfeng Road, Tianhe District, Guangzhou, Huang Yufei, 17063508372", column)
    assert "H**** Y****, *******8372" in out and "161" not in out and "Dongfeng" not in out, out


@pytest.mark.parametrize("cell", ["13912345678-1234", "13912345678,1234", "139 1234 5678", "+8613912345678"])
def test_phone_cells(cell):
    out = share(cell, "电话")
    assert "1391234" not in out.replace(" ", "") and "12345678" not in out.replace(" ", "")


def test_print_hides_unit_and_room_only():
    pol = load_policy("print")
    from waybill.vault import Vault
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        v = Vault(Path(d) / "v.sqlite", b"x" * 32)
        eng = Engine(pol, Masker(pol, v), AuditKeys(b"k" * 32))
        out = eng.mask_value("北京市朝阳区建国路88号院3号楼1501室", {}, "地址")
        assert out == "北京市朝阳区建国路88号院*号楼****室"
        assert eng.mask_value("123 Main St Apt 4B, Austin, TX 78701", {}, "address").startswith("123 Main St Apt **")
        # a real mobile with an extension becomes a relay number; re-masking keeps that relay number
        tok = eng.mask_value("13912345678-1234", {}, "电话")
        assert re.fullmatch(r"170\d{8}-\d{4}", tok)
        assert eng.mask_value(tok, {}, "电话") == tok
        v.close()


# ---- properties ------------------------------------------------------------------------------

MOBILE = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
INVIS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
NUMERALS = {d: [k for k, v in DIGIT_OF.items() if v == d and k not in "洞拐勾两兩幺参"] for d in "0123456789"}


@st.composite
def spelled(draw):
    """A mobile number in one of the ways people write it, and the number."""
    num = draw(MOBILE)
    how = draw(st.sampled_from(["plain", "fullwidth", "every", "g3_4_4", "g2_3_3_3", "g4_4_3", "cc",
                                "invisible", "numerals", "mixed"]))
    sep = draw(st.sampled_from([" ", ".", "-"]))
    if how == "plain":
        s = num
    elif how == "fullwidth":
        s = "".join(chr(ord(c) + 0xFEE0) for c in num)
    elif how == "every":
        s = sep.join(num)
    elif how == "g3_4_4":
        s = sep.join([num[:3], num[3:7], num[7:]])
    elif how == "g2_3_3_3":
        s = sep.join([num[:2], num[2:5], num[5:8], num[8:]])
    elif how == "g4_4_3":
        s = sep.join([num[:4], num[4:8], num[8:]])
    elif how == "cc":
        s = draw(st.sampled_from(["+86 ", "+86", "0086 ", "(+86)"])) + num
    elif how == "invisible":
        s = "".join(c + draw(st.sampled_from(INVIS + [""])) for c in num)
    elif how == "numerals":
        s = "".join(draw(st.sampled_from(NUMERALS[c])) for c in num)
    else:
        s = "".join(draw(st.sampled_from([c, chr(ord(c) + 0xFEE0)] + NUMERALS[c][:1])) + draw(
            st.sampled_from(["", "\u200b"])) for c in num)
    before = draw(st.sampled_from(["", "电话", "手机：", "TEL:", "收件人王小明 ", "联系", "，"]))
    after = draw(st.sampled_from(["", "-1234", "#8001", "，1501室", ",2024-05-01", "*", " 谢谢", "转123"]))
    return before + s + after, num, after


def visible_digit_runs(text: str) -> str:
    """What a reader sees of the digits: normal form, separators and invisible characters dropped."""
    n = unicodedata.normalize("NFKC", "".join(c for c in text if c not in "".join(INVIS)))
    n = "".join(DIGIT_OF.get(c, c) for c in n)
    return re.sub(r"[ .\-]", "", n)


@settings(max_examples=400, deadline=None)
@given(spelled())
def test_no_phone_spelling_survives_share(case):
    text, num, after = case
    out = visible_digit_runs(share(text))
    # the suffix after the number is not personal and stays: its digits are not the phone's
    # ('13024050000,2024-05-01': the date's '20240501' holds '024050', six digits of the phone)
    tail = visible_digit_runs(after)
    if tail and out.endswith(tail):
        out = out[:-len(tail)]
    # GB/T 41833-2022: at most 5 digits of a phone visible; no 6 consecutive digits of it survive
    for i in range(len(num) - 5):
        assert num[i:i + 6] not in out, (text, share(text))


@settings(max_examples=300, deadline=None)
@given(spelled())
def test_no_share_output_shows_more_than_5_phone_digits(case):
    text, num, _after = case
    found = [f for f in detect_text(text) if f.type.value == "phone"]
    assert found, text
    for f in found:
        masked = ENGINE.masker.replacement(f)[1]
        meta = f.metadict()
        body = masked[meta.get("cc_len", 0):meta.get("ext_at") or len(masked)]
        assert sum(c.isdigit() or c in DIGIT_OF for c in body) <= 5, (text, masked)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("张伟明廣東省區號１２３ａｂ·・•\u200b\u00ad一三九 -.abc13579\u0301\u0303´˜¨éz")),
               max_size=40))
def test_normal_form_maps_back_to_the_original(text):
    m = normalize(text)
    for f in detect_text(text):
        # every finding covers original characters only, and its text is exactly them
        assert text[f.start:f.end] == f.text
    # each normal-form character maps into the original, in order
    last = 0
    for i in range(len(m.text)):
        s, e = m.span(i, i + 1)
        assert 0 <= s < e <= len(text) and s >= last
        last = s


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王小明刘超★♥☆~、—·•○〇一三九 -._13579\u3000\ufe0f\u20e3") + ["\U0001f642", "\U0001f3fb"]),
               max_size=30))
def test_normal_form_with_symbols_and_fillers_maps_back(text):
    # symbols, emoji, keycaps and fillers beside Chinese characters and digits (dropped or read as a
    # dash; a run of marks at the text's end raised IndexError): the map still covers the original
    test_normal_form_maps_back_to_the_original.hypothesis.inner_test(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("张伟明北京市 13579\\u5f20abcdefx&#;%<>/=\"'") + ["\\u5f20", "&#24352;", "%E5%BC%A0",
                                                                                  "<td>", "</td>", "\\xe5", "\\ud83d\\ude00"]),
                max_size=20).map("".join))
def test_escaped_and_marked_up_text_maps_back(text):
    # escapes, character references, percent-encoded bytes and tags read by the normal form: every
    # finding still covers original characters only, in order
    test_normal_form_maps_back_to_the_original.hypothesis.inner_test(text)


@pytest.mark.parametrize("text", [
    "优惠50%以上，满100%E减", "a < b and c > d </x>", "if (a<b && c>d) return; </script>", "C:\\temp\\new\\report.txt",
    "<p>Order 2024-05-01, 3 items</p>", "<td>&lt;none&gt;</td>", "from=2024-01-01&to=2024-02-01", "50%off, 20% tax",
    "<br/>易碎品 轻拿轻放", "<i>Fragile</i> handle with care", "a=1F b=2E", "x=E5=BC", "=?UTF-8?B?!!!?=",
    "\\101\\102 C:\\101", "=41=42=43",
    "Building 7 is closed on Sundays", "Block 3 seats sold out", "mywxid_is", "token eyJhbGciOiJIUzI1NiJ9 ok",
    "备注：please leave at the front door, thanks 谢谢", "订单号：SF1234567890123 顺丰", "issue #12345678 #hashtag",
    "https://example.com/page#top.html", "订单3-2-501号已发货", "版本1-2-345", "日期2024-05-01 到3-2-5", "我是学生，请放门口", "我是说明天再送",
])
def test_escape_and_markup_readings_leave_other_text(text):
    assert share(text) == text


def test_every_finding_type_is_known():
    for t in ["收件人：张伟明 13912345678 北京市朝阳区建国路88号院3号楼1501室 jane@example.com"]:
        assert {f.type for f in detect_text(t)} & PERSONAL


def _verify_leaks(text: str) -> int:
    from waybill.engine import is_leak, record

    pol = load_policy("share")
    eng = Engine(pol, Masker(pol), AuditKeys(b"k" * 32))
    _, facts = eng.mask_text(text, None, None, True, report=True)
    return sum(is_leak(record({}, c)) for c in facts)


UNMASKED = [
    "张伟明,13912345678,2024-05-01,备注", "13912345678，1501室", "TEL:13912345678#8001", "13912345678-1234",
    "１３９１２３４５６７８", "1 3 9 1 2 3 4 5 6 7 8", "13 912 345 678", "+86 1391 234 5678",
    "139\u200b1234\u00ad5678", "一三九一二三四五六七八", "13912345678*", "邮箱jane.doe@example.com",
    "jane.doe(at)example.com", "证号 110101 19900307 1234", "110101199003071235",
    "廣東省廣州市天河區天河路385號", "收件人：阿卜杜・热合曼", "收件人：张伟明*", "1.10101199003071e17",
    "派送前请联系陈婷，14977565002", "手机 0 2 4 2 5 4 7 8 6 0 1",
    "<td>张伟明</td><td>13912345678</td>", "&#24352;&#20255;&#26126; 13912345678",
    '{"name":"\\u5f20\\u4f1f\\u660e"}', "name=%E5%BC%A0%E4%BC%9F%E6%98%8E", "۱۳۹۱۲۳۴۵۶۷۸",
    # (a name's label before a masked name and phone is no given name: verify called such outputs
    # leaking, 'Recipient' beside '090-2***-***9'; world_text --more-forms seed 102)
    "Recipient: 山田 太郎; 電話: 090-2345-6789; e-mail yamada.taro@hotmail.com",
]


@pytest.mark.parametrize("text", UNMASKED)
def test_verify_reads_every_case_before_masking_and_none_after(text):
    # verify re-runs the same detection: every case is readable before masking ...
    assert _verify_leaks(text) > 0, text
    # ... and nothing is after it
    assert _verify_leaks(share(text)) == 0, share(text)


def test_verify_cli_exit_codes(tmp_path):
    from typer.testing import CliRunner

    from waybill.cli import app

    src = tmp_path / "cases.txt"
    src.write_text("\n".join(UNMASKED) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["verify", str(src)]).exit_code == 7
    r = runner.invoke(app, ["mask", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.stderr
    assert runner.invoke(app, ["verify", str(tmp_path / "out" / "cases.txt")]).exit_code == 0


@pytest.mark.parametrize("text,expected", [
    ("Line online shop", "Line online shop"), ("the line: 12345 items", "the line: 12345 items"),
    ("Deliver online by 5pm", "Deliver online by 5pm"), ("客户 iPhone 15 Pro", "客户 iPhone 15 Pro"),
    ("QQ音乐会员", "QQ音乐会员"), ("Boulevard Heights MD 20715", "Boulevard Heights MD 207**"),
    ("Part 900-12-3456 and 2024-05-01", "Part 900-12-3456 and 2024-05-01"), ("Msg from depot", "Msg from depot"),
    ("满100减20号外", "满100减20号外"), ("地铁1号线", "地铁1号线"), ("本店地址请见官网", "本店地址请见官网"),
])
def test_new_detectors_leave_plain_text(text, expected):
    # the handle, Latin-name-after-label and street/city split rules do not fire on ordinary text
    assert share(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a receiver block pasted into one cell, its phone in another column: the name line is a name
    # (九龍, the area between Hong Kong and its districts, is the region's as share keeps it)
    ("陈大文\n香港九龍旺角彌敦道580號10樓B室", "陈**\n香港九龍**************"),
    ("王小明\n浙江省杭州市西湖区文三路90号", "王**\n浙江省杭州市西湖区******"),
    ("备注\n浙江省杭州市西湖区文三路90号", "备注\n浙江省杭州市西湖区******"),
    # an address right after a name label is not a name (北京市 stays with the region)
    ("收件人：北京市朝阳区建国路88号", "收件人：北京市朝阳区******"),
    ("收件人\n北京市朝阳区建国路88号", "收件人\n北京市朝阳区******"),
])
def test_multi_line_cells(text, expected):
    assert share(text) == expected


def test_symbol_separators_between_numerals_of_a_text_that_needs_no_other_change():
    # evasion seed 1234, mixed: a traditional numeral sent the text down the fast path (simplified
    # characters and numerals only), which did not read the dashes between the numerals
    out = share("壹叁捌—肆陆伍叁—壹陸玖伍-9407")
    assert "壹叁捌" not in out and "肆陆伍叁" not in out, out


@pytest.mark.parametrize("text,gone,kept", [
    # a phone spelled out in digit words (English, German, digits among them, 'double'): masked
    # whole; evasion_intl's phone_words trick leaked 60 of 60 before
    ("Phone: zero four one two three four five six seven eight", ["four one two", "seven eight"], ["Phone: "]),
    ("call 0412 three four five six seven eight please", ["0412", "three four"], ["call ", " please"]),
    ("mobile: double four seven seven nine double zero one two three four", ["double four", "nine"], ["mobile: "]),
    ("Tel. null eins sieben zwei drei vier fünf sechs sieben acht", ["eins sieben", "fünf"], ["Tel. "]),
    # French numbers said in pairs (found by hand: it stood)
    ("Mon numéro: zéro six douze trente-quatre cinquante-six soixante-dix-huit", ["douze", "soixante-dix-huit"],
     ["Mon numéro: "]),
    ("appelez le zéro six, douze, trente quatre, cinquante six, quatre vingt dix", ["trente quatre", "vingt dix"],
     ["appelez le "]),
    ("Il y a trente-quatre colis et douze palettes", [], ["trente-quatre colis et douze"]),
    # counting words, quantities: no phone
    ("one two three four five", [], ["one two three four five"]),
    ("I have one, two or three boxes, four maybe, five six", [], ["I have one, two or three boxes"]),
    ("Take one 2 three 4 five 6 seven", [], ["Take one 2 three 4 five 6 seven"]),
])
def test_phone_spelled_in_words(text, gone, kept):
    out = share(text)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


def test_a_spelled_phone_read_again_is_a_leak():
    from waybill.engine import is_leak
    f = [x for x in detect_text("zero four one two three four five six seven eight") if x.type.value == "phone_intl"]
    assert [x.detector for x in f] == ["phone.spelled"]
    assert is_leak({"type": "phone_intl", "detector": "phone.spelled", "where": {}, "shape": {"digits": 0, "chars": 40}})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("JohnSmith ABab.,:-\u00e9\u0301") + ["  ", "Ship to: ", " 07700 900123"]),
                max_size=30).map("".join))
def test_letter_spaced_words_map_back(text):
    # a word written letter by letter is read as the word ('J o h n'); the map still covers the original
    test_normal_form_maps_back_to_the_original.hypothesis.inner_test(text)


@pytest.mark.parametrize("text, gone", [
    ("Ship to: J o h n  S m i t h, 12 High St, London SW1A 1AA", "J o h n"),
    ("Ship to: J o h n  S m i t h, 12 High St, London SW1A 1AA", "S m i"),
    ("Name: S m i t h", "S m i t h"),
])
def test_a_name_written_letter_by_letter(text, gone):
    # every letter of it was a word's first to the name's mask, which keeps initials: it stood
    # (found by hand; evasion_intl's letter_spaced trick leaked 9 of 60 in share)
    out = share(text)
    assert gone not in out and "*" in out


@pytest.mark.parametrize("text", ["A B C D options", "sizes S M L XL", "Grade A B C"])
def test_single_letters_that_are_no_word_stay(text):
    assert share(text) == text


def test_a_label_word_inside_a_name_cell_is_part_of_the_name():
    # 'שם' is Hebrew for 'name' and the first half of the family name Shem Tov: in a name column the
    # name after it was masked and 'אבראהים שם' stood (world_text --locales scripts seed 108); in a
    # note it is still read as the label it usually is
    assert share("אבראהים שם טוב", "name") == "א****** ** ***"
    assert share("אבראהים שם טוב") == "אבראהים שם ט**"


@pytest.mark.parametrize("text, gone", [
    ("Ship to: John  Smith bitte klingeln", "h bitte"),
    ("Empfänger: Hans   Müller bitte klingeln", "er bitte"),
])
def test_a_name_with_doubled_spaces_before_a_sentence_is_masked_to_its_end(text, gone):
    # (the name's words were joined with one space, and the mask, as long as the joined name, ended
    # short of it: 'S****h', 'M*****er' stood in share and in dispose; found by hypothesis, 2026-12-07)
    dispose = load_policy("dispose")
    for out in (share(text), Engine(dispose, Masker(dispose), AuditKeys(b"k" * 32)).mask_value(text, {}, None)):
        assert gone not in out and "bitte klingeln" in out, out
