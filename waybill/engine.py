"""Per-value masking engine shared by every text format: detect, mask, and record findings for the
audit log (types, where, detector, confidence, method and an HMAC of the original value; never the
value itself)."""
from __future__ import annotations

import functools
import hashlib
import json
import re
from .lazy_re import lazy
from collections import Counter
from operator import itemgetter

from .audit import AuditKeys
from .detect import detect_text, plain_mobile, plain_name, tracking_cell
from .detectors.phone_cn import mobile_score
from .masking import MASK, Masker, Policy, mask_mobile
from .model import PERSONAL, AuditRecord, EntityType, Where, audit_record
from .normalize import AS_DIGITS, DIGIT_OF, is_normal, normalize
from .detectors.name_asia import is_jp_family
from .detectors.other_scripts import AR_SHIPMENT, HE_SHIPMENT, IN_SHIPMENT
from .resources import surname_len, surnames

T = EntityType

# the names of a column that holds a street line (an address column, with ``street_column``)
_STREET_WORDS = (r"stra(?:ss|ß)e|straat|\brue\b|\bcalle\b|\brua\b|logradouro|\bulica\b|\bulice\b|gatuadress|"
                 r"gateadresse|katuosoite|\bsokak|\bcadde|улица|вулиця|οδός|רחוב|خیابان")
# column names / JSON keys -> (type hint, role). Matched on a normalised name.
# a building's, a unit's, a room's number in a column of its own: part of the street line, never
# the town ('楼号', '单元', '房号', 'Hausnr', 'apt_no', 'Building' columns: a bare '3', '1102', '27',
# '#12' stood in share, the unit and room GB/T 41833 asks a privacy waybill to hide; found by hand).
# A bare 'unit' is often the unit of measure ('pcs', 'kg'): an address column, not all street line
_UNIT_WORDS = (r"门牌|楼号|栋号|楼栋|幢号|单元|房号|房间|室号|楼层|hausnr|haus[ _\-]?nr|\bhnr\b|huisnummer|toevoeging|"
               r"husnummer|\bunit[ _\-]?(?:no|nr|num|number|#)|"
               r"\b(?:apt|flat|suite|room|bldg|building|floor)(?:[ _\-]?(?:no|nr|num|number|#))?(?![a-z_ \-])|"
               # (a flat's own column in other languages: Polish 'lokal' held '12' that stood)
               r"\blokal\b|mieszkani|\bwohnung(?:snummer)?\b|appartement|\bapto\b|\bdepto\b|\bpiso\b|\betage\b|\bbyt\b")


# the pinyin initials Chinese systems name their columns with ('sjr' 收件人, 'jjrdh' 寄件人电话, 'shdz'
# 收货地址, 'lxdh' 联系电话, 'xxdz' 详细地址) and the words in full ('shouJianRen', 'lianXiDianHua'):
# 'jjr' held a name that stood whole (found by hand, 2026-12-07)
_PY_SIDE = r"(?:sjr?|jjr?|shr?|fhr?|fjr?|lxr|qsr|shoujian(?:ren)?|jijian(?:ren)?|shouhuo(?:ren)?|fahuo(?:ren)?|fajian(?:ren)?|lianxi(?:ren)?)"
_PY_NAME = re.compile(r"^(?:(?:sjr|jjr|shr|fhr|fjr|lxr|qsr)(?:[_\-]?(?:xm|mc|xingming|name))?|(?:sj|jj|sh|fh|fj)[_\-]?(?:xm|xingming)|"
                      r"xm|xingming|shoujianren|jijianren|shouhuoren|fahuoren|fajianren|lianxiren|qianshouren)$")
_PY_PHONE = re.compile(r"^(?:(?:sjr|jjr|shr|fhr|fjr|lxr)[_\-]?(?:dh|sj|sjh|sjhm|dhhm|lxdh|tel|dianhua|shouji(?:hao(?:ma)?)?)|"
                       # (without the person's r, 'sj' is a time: 'fhsj' 发货时间, 'qssj' 签收时间)
                       r"(?:sj|jj|sh|fh|fj)[_\-]?(?:dh|sjh|sjhm|dhhm|lxdh|tel|dianhua|shouji(?:hao(?:ma)?)?)|lxdh|lxfs|dhhm|sjhm|"
                       r"lianxidianhua|lianxifangshi|dianhua(?:haoma)?|shouji(?:hao(?:ma)?)?)$")
_PY_ADDRESS = re.compile(rf"^(?:{_PY_SIDE}[_\-]?(?:dz|xxdz|dizhi|xiangxidizhi)|xxdz|dizhi|xiangxidizhi)$")

_COLUMN_RULES: list[tuple[re.Pattern, EntityType | None, str | None]] = [
    (_PY_PHONE, T.PHONE, None),
    (_PY_ADDRESS, T.ADDRESS, None),
    (_PY_NAME, T.NAME, None),
    # who did something to the record, and the staff who carry it: a person's name ('createdBy',
    # 'updated_by', 'ordered_by', 'driver', 'signer' held names that stood; found by hand)
    (re.compile(r"^(?:(?:created|updated|modified|changed|edited|entered|ordered|placed|booked|signed|received|"
                r"collected|picked|packed|checked|approved|handled|delivered|requested|submitted|scanned)"
                r"[ _\-.]?by|driver|driver[ _\-]?name|rider|rider[ _\-]?name|courier[ _\-]?name|signer|signatory|"
                r"快递员|配送员|派件员|收派员|骑手|司机|业务员|揽收员|揽件员|派送员)$"), T.NAME, None),
    (re.compile(r"(order|订单|商品|sku)"), None, None),
    # what an address is, not the address ('AddressType': 'Residential' was masked; Amazon's order
    # API, found by hand)
    (re.compile(r"(?:address|addr)[ _\-]?(?:type|kind|category|class|status|verified|validated|valid|flag|count|id)$"),
     None, None),
    # (and the Russian, Ukrainian and Greek ones: a 'Трек-номер' column's 14-digit Russian Post number
    # stood in dispose; found by hand, 2026-12-07 evening)
    # (and the Arabic and Hebrew ones: a 'رقم الشحنة' or 'מספר משלוח' column's number was masked as a
    # phone in share, its last four digits kept; found by hand, 2026-12-07 night. The number's words,
    # not 'משלוח' alone: 'כתובת למשלוח' is the shipping address)
    (re.compile(r"(tracking|waybill|运单|单号|快递单|面单|awb|sort.?code|分拣|大头笔|трек|шпи|накладн|номер.?отправлени|"
                r"αρ[ιί]θμ[οό]ς.?αποστολ[ηή]ς|αρ\..?αποστολ[ηή]ς|" + AR_SHIPMENT + "|" + HE_SHIPMENT + "|" + IN_SHIPMENT + ")"),
     T.TRACKING, None),
    (re.compile(r"(order|订单|sku|商品|goods|item|weight|重量|金额|amount|price|date|time|日期|时间|"
                r"状态|status|qty|数量|备注.*编号)"), None, None),
    # a place's coordinates (an order API's 'latitude': 51.3397 pins a home to 11 m): the address's
    # detail, as precise as its street line (found by hand: kept in every preset)
    (re.compile(r"(?:^|[\s_\-./])(?:lat|lng|lon|latitude|longitude|coord|coords|coordinates|geo|geolocation|gps|"
                r"geo[ _\-]?location|lat[ _\-]?lng|lat[ _\-]?lon)(?:$|[\s_\-./:])|经度|纬度|经纬度|坐标|緯度|経度|위도|경도"),
     T.ADDRESS, None),
    # ('id' starts a word: 'David Novak' read as an 'id no' column heading; found by hand)
    (re.compile(r"(身份证|证件|(?<![a-z])id.?card|(?<![a-z])id.?no|(?<![a-z])idnumber|national.?id|"
                # (other countries' identity numbers by their names: 'ID Number', 'Passport No', 'SSN',
                # 'DNI', 'CPF', 'Aadhaar' columns were read as nothing, their values stood; found by hand)
                r"\bid[ _\-]?num|passport|护照|護照|身分證|\bssn\b|social security|\btax[ _\-]?id\b|\bnif\b|\bnie\b|"
                r"\bdni\b|\bcpf\b|\bcnpj\b|aadhaa?r|\bpan\b|ausweis|identity|identité|identidad|\bpesel\b|\bbsn\b|"
                r"codice fiscale|kimlik|マイナンバー|주민등록)"), T.ID_CARD, None),
    # a bank card or account column (before the account words below: '银行账号' is no shop account;
    # a grouped card number under it stood whole, found by hand)
    (re.compile(r"(银行|卡号|bank|iban|kontonummer|\bkonto\b|rekeningnummer|\brekening\b|numéro de compte|"
                r"número de cuenta|numero di conto|account ?(?:no|number|#))"), T.ID_CARD, None),
    (re.compile(r"(e[-_ ]?mail|邮箱|电子邮件)"), T.EMAIL, None),
    (re.compile(r"(e-?post|correo|courriel|sähköposti|メール|이메일|메일|\bпочта\b|эл\.? ?почта)"), T.EMAIL, None),
    # a messenger account's column, masked whole as an e-mail address is (before the phone words:
    # 'telegram' holds 'tel'); found by hand: '微信', 'wechat', 'QQ' values stood
    (re.compile(r"(wechat|weixin|微信|^(?:vx|wx)$|\bqq\b|qq号|^line[ _]?id$|skype|telegram|viber|kakao|zalo|"
                r"^signal$|旺旺|钉钉|抖音|小红书|instagram|^ig$|facebook|twitter|messenger|"
                # (a shop account: '会员名', '用户名', '支付宝账号', '淘宝ID', 'Username'; found by hand)
                r"会员名|用户名|账号|帐号|支付宝|淘宝\s?id|^user[ _\-]?name$|^login$|ユーザー名|아이디)"), T.EMAIL, None),
    # the words of ~20 languages for phone, address and name (a shop's export in its own language)
    # ('tel' where a word starts: 'Bestellnummer', 'Bestell-Nr.' (an order number) were read as phone
    # columns and masked, 'Hotel', 'Abholstelle' too; found by hand)
    # a Japanese carrier's export names its people's columns by the side and 名 ('お届け先名', 'ご依頼主名',
    # 'お届け先名(ｶﾅ)' in Yamato's B2 CSV: 'お届け先名' was read as an address column, 'ご依頼主名' and its
    # kana reading as nothing, and '野々村真' and 'ﾉﾉﾑﾗﾏｺﾄ' stood; found by hand)
    (re.compile(r"(?:お?届け?先|ご?依頼主|差出人|送り主|荷受人|受取人)様?(?:名|氏名|名前)|"
                r"^(?:ご?依頼主|差出人|送り主|荷受人)$|ｶﾅ|カナ|フリガナ|ﾌﾘｶﾞﾅ|ふりがな|よみがな"), T.NAME, None),
    (re.compile(r"(phone|mobile|(?<![a-z0-9à-ÿ])tel|telef|cell|电话|手机|联系方式|座机|fax|t[ée]l[ée]?f|(?<![a-z0-9à-ÿ])t[ée]l\b|puhelin|handy|\bgsm\b|"
                # ('Cep' a Turkish mobile with its word after it; a lone 'CEP' is Brazil's postcode: its
                # value was masked as a phone and kept its last digits; found by hand, 2026-12-07)
                r"\bcep[ _\-]?(?:telefonu?|tel|no|numaras[ıi])\b|mobil|電話|携帯|전화|휴대폰|연락처|telemóvel|celular|"
                # (found by hand, 2026-12-06: 'Móvil', 'Portable', 'Mob', 'Ph', 'WhatsApp' columns were read as
                # nothing, and a Spanish mobile in one stood whole)
                r"m[óo]vil|\bportable\b|\bmob\b|^ph\.?(?:[ _]?(?:no|#|number))?$|whatsapp|rufnummer|kom[óo]rk|"
                # (a contact's number: 'contact_no' held a bare British mobile that stood; found by hand)
                r"contact[ _\-]?(?:no|nr|num|number|#)(?![a-z])|"
                # (a side's phone by its short form: 'R_PH', 'S_PH', 'rcv_ph' were read as nothing)
                r"[ _\-.]ph$|"
                # (Cyrillic, Greek, Hebrew, Persian/Arabic, Indic, Thai, Vietnamese, Georgian, Armenian)
                r"телефон|\bтел\b|τηλέφωνο|\bτηλ\b|טלפון|נייד|\bטל['׳]?(?![\u05d0-\u05ea])|تلفن|هاتف|جوال|موبايل|फ़ोन|फोन|मोबाइल|ফোন|โทรศัพท์|โทร|มือถือ|"
                r"điện thoại|\bsđt\b|\bđt\b|ტელეფონი|հեռախոս|"
                # (South Asia's: 'মোবাইল', 'கைபேசி', 'మొబైల్' columns were read as nothing; found by hand,
                # 2026-12-07 night)
                r"मो\.|मोबाईल|दूरभाष|মোবাইল|கைபேசி|தொலைபேசி|அலைபேசி|ఫోన్|మొబైల్|ಮೊಬೈಲ್|ದೂರವಾಣಿ|ಫೋನ್|મોબાઇલ|મોબાઈલ|ફોન|"
                r"ਮੋਬਾਈਲ|ਫ਼ੋਨ|ਫੋਨ|ഫോൺ|മൊബൈൽ|ଫୋନ|ମୋବାଇଲ|"
                # (Indonesian and Malay: 'No. HP', 'Telepon', 'Ponsel': a bare mobile under 'No. HP
                # Penerima' was read by its shape alone; found by hand, 2026-12-07)
                r"\bhp\b|handphone|ponsel|telepon|\btelp\b|telefon)"), T.PHONE, None),
    (re.compile(r"(address|addr|street|地址|详细地址|住址|line ?[12]$|adres|anschrift|indirizzo|direcci|endere[cç]|domicil|"
                r"osoite|\bcím\b|住所|所在地|주소|地址|配送先(?!郵便番号|都道府県|市区町村)|届け先(?!郵便番号|都道府県|市区町村)|배송지|番地|hausnummer|apartment|wohnung|\bpiso\b|\betage\b|"
                # (a building's and a flat's column in Japanese: 'ご依頼主アパートマンション' held the sender's
                # building and room, which stood)
                r"アパート|マンション|建物名?|ビル名|部屋番号|"
                # (a house's or a flat's number and an address's addition in their own columns: 'Huisnummer',
                # 'Toevoeging', 'Nr domu', 'Číslo popisné', 'Complemento' stood; found by hand)
                r"huisnummer|toevoeging|husnummer|talonumero|(?:numer|nr\.?) (?:domu|lokalu|mieszkania)|mieszkani|"
                r"house ?(?:number|no|nr)|n[úu]mero (?:da |de (?:la )?)?casa|^(?:apt|unit|flat|suite)$|"
                r"[čc][íi]slo popisn|[čc][íi]slo bytu|complemento|\blokal\b|"
                # ('R_ADD', 'S_ADD', 'add1': an address's short form; its street stood)
                r"(?<![a-z0-9])add[12]?$|"
                + _UNIT_WORDS + "|"
                # (a street line's own column: Straße, rue, calle, ulica...)
                + _STREET_WORDS + "|"
                r"адрес|διεύθυνση|כתובת|نشانی|آدرس|عنوان|पता|ঠিকানা|ที่อยู่|địa chỉ|მისამართი|հասցե|"
                r"पत्ता|முகவரி|చిరునామా|ವಿಳಾಸ|સરનામું|ਪਤਾ|വിലാസം|ଠିକଣା|"
                # (a district's or a neighbourhood's column, masked as a street is: 'الحي', 'שכונה')
                r"(?<![\u0621-\u064a])(?:ال)?حي(?![\u0621-\u064a])|שכונה|"
                # (Indonesian, Malay and Filipino: 'Alamat Lengkap', 'Tirahan'; found by hand, 2026-12-07)
                r"\balamat\b|tirahan)"), T.ADDRESS, None),
    # the region of an address in a column of its own (a shop's export: city, state, zip; 省, 市, 区,
    # 邮编): kept by share as the region of an address is, removed by dispose (they stood in dispose)
    # (the words joined by a hyphen or an underscore as well: Amazon's 'ship-postal-code' was read as
    # nothing, and dispose kept the postcode; found by hand, writing marketplaces' order reports)
    (re.compile(r"(?:^|[\s_\-./])(?:city|town|state|province|county|district|region|suburb|zip|zip[ _\-]?code|postcode|"
                r"postal[ _\-]?code|post[ _\-]?code|pin[ _\-]?code|plz|postleitzahl|ville|stadt|ort|provincia|comune|ciudad|cidade|estado|"
                r"bundesland|kanton|miasto|województwo|kod pocztowy|kod[ _\-]?poczt|kod|code postal|cp|cap|c[óo]digo postal|posta kodu|"
                r"citt[àa]|[şs]ehir|il[çc]e|город|индекс|почтовый индекс|область|"
                # (the town, postcode and district columns of more countries' exports: 'Miejscowość',
                # 'Postinumero', 'Postnummer', 'Woonplaats', 'Località', 'Bairro', 'Mahalle' were read as
                # nothing; a postcode under them stood whole in share; found by hand)
                r"miejscowo[śs][ćc]|m[ěe]sto|obec|okres|powiat|gmina|kaupunki|paikkakunta|postitoimipaikka|postinumero|"
                r"postnummer|postnr|poststed|postort|kommune|kommun|semt|mahalle|bairro|barrio|localit[àa]|frazione|"
                r"gemeinde|ortsteil|stadtteil|bezirk|woonplaats|plaats|colonia|municipio|delegaci[óo]n|alcald[íi]a|comuna|distrito|"
                # (South-East Asia's: Indonesian 'Kecamatan', 'Kode Pos', Malay 'Poskod', 'Negeri',
                # Vietnamese 'Phường/Xã', 'Quận/Huyện', Filipino 'Barangay': 'Phường Liễu Giai' was
                # masked as a name, a postcode stood whole; found by hand, 2026-12-07)
                r"kecamatan|kelurahan|kabupaten|kota|provinsi|kode[ _\-]?pos|poskod|negeri|daerah|desa|cep|"
                r"phường|xã|quận|huyện|tỉnh|thành phố|mã bưu (?:chính|điện)|barangay|brgy|municipality)(?:$|[\s_\-./:])|"
                r"รหัสไปรษณีย์|จังหวัด|อำเภอ|ตำบล|แขวง|เขต|"
                # (South Asia's PIN, town, district and state: 'पिन कोड' held a PIN that stood whole in share)
                r"पिन|शहर|नगर का नाम|राज्य|जिला|ज़िला|তহসিল|পোস্ট[ _]?কোড|পিন|শহর|জেলা|বিভাগ|அஞ்சல்[ _]?குறியீடு|நகரம்|"
                r"மாவட்டம்|மாநிலம்|పిన్|నగరం|జిల్లా|రాష్ట్రం|ಪಿನ್|ನಗರ|ಜಿಲ್ಲೆ|ರಾಜ್ಯ|પિન|શહેર|જિલ્લો|રાજ્ય|ਪਿੰਨ|ਸ਼ਹਿਰ|ਜ਼ਿਲ੍ਹਾ|"
                r"ਰਾਜ|പിൻ|നഗരം|ജില്ല|സംസ്ഥാനം|ପିନ|ସହର|ଜିଲ୍ଲା|"
                # (Arabic and Hebrew: a 'עיר' column's 'תל אביב' was masked as a name, a 'מיקוד' column's
                # postcode stood whole in share and in dispose; found by hand, 2026-12-07 night)
                r"(?:ال)?مدينة|(?:ال)?منطقة|(?:ال)?محافظة|(?:ال)?إمارة|(?:ال)?رمز[ _]?(?:ال)?بريدي|\bעיר\b|י?ישוב|מיקוד|"
                r"^(?:收件人?|寄件人?|收货人?|发件人?|发货人?|所在)?(?:省份?|城市|市|区县?|县区?|区域|地区|所在地区|省市区|"
                r"邮编|邮政编码|街道|乡镇|镇)$|都道府県|市区町村|郵便番号|우편번호|시도|시군구"), T.ADDRESS_REGION, None),
    # a product's or a country's column is no person's ('product-name' and 'Buyer Country' were read
    # as names: 'Blue Mug' and 'United Kingdom' masked; marketplaces' order reports, found by hand)
    # a person's note, message or reference is no name: it is read as free text ('买家留言' held '周末送货',
    # masked as a name '周***'; 'Customer Comments', 'Buyer Note', 'Customer Reference' were name columns;
    # found by hand, 2026-12-07)
    (_NOTE_COLUMN := re.compile(r"(?:^|[\s_\-./])(?:notes?|remarks?|comments?|messages?|instructions?|memo|reference|ref|id)$|"
                                r"(?:留言|备注|附言|说明|备忘)$"), None, None),
    # (and the goods of a Chinese waybill: '托寄物' held '衣服', masked as a name '衣*')
    (re.compile(r"(?:^|[\s_\-./])(?:product|produkt|produit|producto|prodotto|artikel|article|variant)|国家|"
                r"托寄物|寄托物|物品|货物|货品|品名|内件|内容物|寄件物品|"
                r"(?:^|[\s_\-./])(?:country|country[ _\-]?code|pays|país|paese|land)(?:$|[\s_\-./:])|"
                r"^(?:ال)?(?:دولة|بلد)$|^מדינה$"), None, None),
    (_NAME_COLUMN := re.compile(r"(name|姓名|收件人|寄件人|收货人|发货人|发件人|联系人|签收人|取件人|代收人|提货人|领取人|取货人|昵称|网名|"
                r"^(?:first|last|given|family|nick|fn|ln|fname|lname|forename)$|"
                r"consignee|consignor|receiver|recipient|\brcpt\b|\bcnee\b|\bshpr\b|\bcnor\b|deliver[ _\-]?to|"
                r"sender|shipper|attn|customer|buyer|客户|买家|\bnom\b|nombre|\bnome\b|naam|nazwisko|\bimi[eę]\b|"
                # (given names and surnames by their own words: 'Prénom', 'Cognome', 'Apellidos', 'Förnamn',
                # 'Příjmení', 'Soyadı' columns were read as nothing and their values stood; found by hand)
                r"pr[ée]nom|cognome|apellido|sobrenome|apelido|f[öo]rnamn|efternamn|fornavn|efternavn|etternavn|"
                r"etunimi|sukunimi|p[řr][ií]jmen[ií]|priezvisko|\bmeno\b|soyad|soyisim|vezet[ée]kn[ée]v|kereszt?n[ée]v|"
                r"ut[óo]n[ée]v|\bn[ée]v\b|prenume|\bnume\b|prezime|priimek|"
                r"jméno|\bnamn\b|\bnavn\b|\bnimi\b|\bad soyad|\badı\b|\bisim|氏名|名前|宛名|이름|성명|"
                r"empfänger|destinatai?r|ontvanger|odbiorca|příjemce|mottagare|modtager|mottaker|vastaanottaja|"
                r"alıcı|お届け先|받는|受取人|受け取り人|수령인|수취인|"
                # (a customer or contact column: 'Kunde', 'Cliente', 'Contact person', '顧客名', '고객명')
                r"\bcontact\b|\bkontakt(?:person)?\b|\bkunde\b|\bcliente\b|\bklient\b|müşteri|顧客|고객|khách hàng|клиент|покупатель|"
                r"фио|\bимя\b|фамилия|получатель|отправитель|\bпіб\b|ім'я|прізвище|одержувач|відправник|"
                r"όνομα|ονοματεπώνυμο|επώνυμο|παραλήπτης|αποστολέας|\bשם\b|נמען|שולח|\bنام\b|گیرنده|فرستنده|"
                r"\bاسم\b|الاسم|المستلم|नाम|प्राप्तकर्ता|প্রাপক|\bনাম\b|ชื่อ|ผู้รับ|họ tên|người nhận|"
                r"प्रेषक|प्रेषिती|नाव|প্রেরক|பெயர்|பெறுநர்|அனுப்புநர்|పేరు|ಹೆಸರು|નામ|ਨਾਮ|പേര്|ନାମ|"
                r"სახელი|მიმღები|անուն|ստացող|"
                # (Indonesian and Malay 'Nama Penerima', 'Pengirim', Filipino 'Pangalan'; found by hand, 2026-12-07)
                r"\bnama\b|penerima|pengirim|pangalan)"), T.NAME, None),
    # a tracking number's column in the languages of the carriers' exports, last (what names an
    # address, a name or a phone first is that: 'Indirizzo di spedizione'); 'Sendungsnummer',
    # 'Numéro de suivi', 'Takip numarası' were read as nothing, and dispose kept the numbers
    # whose shape no tracking pattern knows (found by hand)
    (re.compile(r"sendung|paket[ _\-]?(?:nummer|nr|no|id)|suivi|(?:n[°ºo]|num[ée]ro)\.? ?(?:de )?colis|seguimiento|"
                r"rastreo|tracciamento|(?:numero|n\.?) ?(?:di )?spedizione|przesy[łl]k|śledzeni|zending|track ?(?:&|and) ?trace|"
                r"takip|g[öo]nderi ?(?:no|numaras)|rastreio|rastreamento|seuranta|l[äa]hetys|sporing|försändelse|kolli|"
                r"zásilk|sledování|追踪|跟踪|物流单|物流号|快递号|追跡|송장|운송장|"
                # (a Japanese slip's number: '伝票番号' held the tracking number, which dispose kept)
                r"伝票番号|送り状番号|[問问]い?合わ?せ(?:伝票)?番号|"
                # (Indonesian 'No. Resi', Vietnamese 'Mã vận đơn', Thai 'เลขพัสดุ'; found by hand, 2026-12-07)
                r"\bresi\b|vận đơn|พัสดุ|เลขติดตาม|"
                # (Spanish America's waybill, 'Número de guía': its number was masked as a phone; found by
                # hand, 2026-12-07)
                r"\bgu[íi]a\b"), T.TRACKING, None),
]
# an address column that holds the street line only (its name says so; a vCard's street field):
# no part of its value is the town (``detect_text(street=True)``). 'House 84, Keshabpara' under
# 'Street' kept Keshabpara as the town (world_text --formats regions, scripts seed 95)
_STREET_COLUMN = lazy(r"street|番地|hausnummer|house ?(?:number|no)|" + _STREET_WORDS + "|" + _UNIT_WORDS + "|"
                            r"(?:address|addr|adresse?|direcci[oó]n|indirizzo|endere[cç]o)[ _\-]*(?:line|ligne|l[ií]nea|riga|linha|zeile|regel)?"
                            r"[ _\-]*[12]$|^(?:line|ligne|l[ií]nea|riga|linha|zeile|regel)[ _\-]*[12]$")


def street_column(name: str) -> bool:
    """Whether an address column's name says it holds the street line only ('Street', 'Street
    address', 'Address line 1', 'Straße', 'ulica')."""
    return _STREET_COLUMN.search(str(name).strip().lower()) is not None


_ROLE_RULES = [
    (re.compile(r"(收|receiver|recipient|consignee|to_|ship.?to|buyer|买家|deliver|\brcpt\b|\bcnee\b|penerima|"
                r"^(?:sjr|shr|s[jh](?=[_\-]?(?:dz|xxdz|dh|sjh|sjhm|xm)$)|shoujian|shouhuo))"), "recipient"),
    (re.compile(r"(寄|发|sender|shipper|from|seller|卖家|return|consignor|\bshpr\b|\bcnor\b|pengirim|"
                r"^(?:jjr|fhr|fjr|(?:jj|fh|fj)(?=[_\-]?(?:dz|xxdz|dh|sjh|sjhm|xm)$)|jijian|fahuo|fajian))"), "sender"),
]


@functools.lru_cache(maxsize=1024)
def note_of_a_person(name) -> bool:
    """Whether a column is a person's note ('买家备注', 'Customer Comments', 'Recipient Notes'): a bare
    name alone in it is a name even where the row shows nothing else of that person."""
    key = str(name).strip().lower()
    return _NOTE_COLUMN.search(key) is not None and column_hint(key)[0] is None and (
        _NAME_COLUMN.search(key) is not None or _role_of(key) is not None)


def column_known(name: str) -> bool:
    """Whether a column name is one the rules know (personal or not: an order number, a weight, a
    date), as opposed to a name that says nothing (备注, note, a blank header)."""
    key = str(name).strip().lower()
    # (a note's or a reference's column says nothing of what it holds: '买家备注' is free text, its
    # bare '李雷' a name beside the row's other personal data, ``structure.infer_row_names``)
    if _NOTE_COLUMN.search(key) is not None and column_hint(key)[0] is None:
        return False
    return any(rx.search(key) for rx, _, _ in _COLUMN_RULES)


# a key written in camelCase is read as its words ('provinceName', 'cityName' were read as name
# columns and share masked '广东省' as a name: an order API's JSON, found by hand)
_CAMEL = lazy(r"(?<=[a-z])(?=[A-Z])")


_LETTER_BY_LETTER = lazy(r"[a-z](?:[ _\-.][a-z]){2,}")
_SEPARATORS = lazy(r"[ _\-.]")


def column_hint(name: str, overrides: dict[str, EntityType] | None = None) -> tuple[EntityType | None, str | None]:
    raw = str(name).strip()
    key = raw.lower()
    if overrides and key in overrides:
        return overrides[key], _role_of(key)
    if _LETTER_BY_LETTER.fullmatch(key) is not None:
        # a name spelled letter by letter ('n_a_m_e', 'p-h-o-n-e': the value under it stood; found
        # by hand, probing forms attackers write): read as the word
        key = _SEPARATORS.sub("", key)
    if not raw.islower() and not raw.isupper() and _CAMEL.search(raw) is not None:
        # its words first, then as written ('WhatsApp', 'WeChat' are one word)
        split = _CAMEL.sub(" ", raw).lower()
        for rx, t, _ in _COLUMN_RULES:
            if rx.search(split):
                return t, _role_of(split)
    for rx, t, _ in _COLUMN_RULES:
        if rx.search(key):
            # "收件人" alone is a name column; "收件人电话" is a phone column: rules are ordered
            return t, _role_of(key)
    # the words joined by underscores, hyphens or dots ('codigo_postal', 'nome_completo',
    # 'house_number' were read as nothing; found by hand): read again with spaces
    spaced = _KEY_JOINS.sub(" ", key).strip()
    if spaced != key:
        for rx, t, _ in _COLUMN_RULES:
            if rx.search(spaced):
                return t, _role_of(spaced)
    return None, _role_of(key)


_KEY_JOINS = lazy(r"[_\-.]+")


def _role_of(key: str) -> str | None:
    for rx, r in _ROLE_RULES:
        if rx.search(key):
            return r
    return None


_PHONE_SHAPES = (EntityType.PHONE, EntityType.LANDLINE, EntityType.PHONE_INTL)


def shape(text: str, phone: bool = False) -> dict:
    """Non-identifying shape of a value (for ``verify``): digit count, longest word, length;
    ``compound``: 1 when what is left is exactly a Chinese compound surname (欧阳, 仲孙), which
    ``share`` keeps of a longer name. A value written escaped or in markup is measured as it
    reads ('\\u5f20\\u4f1f' is two Chinese characters, not letters and digits)."""
    if not is_normal(text):
        text = normalize(text).text
    if phone and any(c in "OolIS" for c in text) and all(not c.isalpha() or c in "OolIS" for c in text):
        text = text.translate(AS_DIGITS)  # a number written with letters for digits ('+l 2Ol-555-OO6O')
    # (kana are letters of a word: a name's reading 'ヤマダ タロウ' re-read whole measured no word)
    words = re.findall(r"[A-Za-z\u00c0-\u024f]+|[\u3040-\u30ff\u3400-\u9fff]+", text)
    out = {"digits": sum(c.isdigit() or c in DIGIT_OF for c in text), "maxword": max((len(w) for w in words), default=0),
           "chars": sum(not c.isspace() and c not in "*＊" for c in text)}
    if out["chars"] == 2 and len(words) == 1 and len(words[0]) == 2 and words[0] in surnames()[1]:
        out["compound"] = 1
    elif len(words) == 1 and out["chars"] == len(words[0]) in (2, 3) and is_jp_family(words[0]):
        out["compound"] = 1  # (a Japanese family name alone, '山田' of '山田様': kept by share as a surname)
    return out


_MEMO_SIZE = 2048  # remembered values per column
_TYPE_VALUE = {t: t.value for t in EntityType}
_MANY = 16  # findings in one value from which replacements and HMACs are remembered within it
_PLANS = 64  # columns remembered at once (more in wider tables): bounds the memory of a long batch

# layout guesses that fire on any text in a personal block, including OCR noise around a filled box:
# they mask (fail safe) but cannot prove on a re-read that a value is still readable. The layout
# detectors that stand on a value's own shape (zpl.block_name_shape, zpl.name_beside_masked,
# zpl.repeat, zpl.compact_*, zpl.labelled_phone, zpl.gstin_pan, zpl.postcode) are not in this set:
# what they find on a re-read is a value still readable
HEURISTIC = {"zpl.block_name", "zpl.block_address", "zpl.phone_line", "zpl.digits", "phone.column",
             "name.column", "address_cn.column", "name_en.cjk_anchor_word",
             "name_en.beside_phone_lower"}
# the layout guesses above, when the text they stand on is exact (a print stream's field, not an
# OCR reading): every line of a personal block is the block's own text, not noise
_LAYOUT_GUESS = {"zpl.block_name", "zpl.block_address", "zpl.phone_line", "zpl.digits"}
_PERSONAL_TYPES = {"name", "phone", "landline", "phone_intl", "id_card", "email", "address"}


_POSTCODE_TAILS = frozenset(("address_uk.inward", "address_ca.ldu", "address_ie.unique"))


def is_leak(rec: dict, preset: str = "share") -> bool:
    """Whether a finding re-read from a masked output is data that ``preset`` should have removed
    and that is still readable (what ``share`` keeps on purpose, a surname, an initial, 3+4 phone
    digits, does not count; ``dispose`` keeps nothing: personal values, tracking numbers, sort
    codes, regions and codes all count; ``print`` keeps addresses but for their unit numbers)."""
    t = rec["type"]
    sh = rec.get("shape") or {}
    det = rec.get("detector")
    where = rec.get("where") or {}
    if det in HEURISTIC and not (det in _LAYOUT_GUESS and "label" in where and "ocr" not in where):
        return False
    if t == "code_2d":
        # a 2D code still decoding with personal data in its payload (dispose: any code at all),
        # or one that no decoder reads (``imaging.code_like``: what it holds cannot be told)
        return preset == "dispose" or sh.get("chars", 1) >= 2 or det == "image.unread_code"
    if preset == "dispose":
        if t in _PERSONAL_TYPES or t == "address_region":
            return sh.get("chars", 0) >= 2 or sh.get("digits", 0) >= 2
        if t == "tracking":
            # a linear barcode still decoding or still there as bars, or a number of 4+ digits
            # (dispose removes every number: tracking, order number, sort code, postcode)
            return det in ("zpl.barcode", "image.code_region") or sh.get("digits", 0) >= 4
        return False
    if preset == "print" and t == "address":
        return False  # print keeps the address but for its unit number (not told apart on a re-read)
    if t in ("phone", "landline", "phone_intl"):
        # GB/T 41833-2022 lets at most 5 digits of a phone stay visible (a number spelled out in
        # words, 'zero four one two ...', found again is readable whole: its words hold no digit)
        return sh.get("digits", 0) >= 6 or det == "phone.spelled"
    if t == "name":
        # a compound surname alone (仲孙 beside the fill of 仲孙刚晨) is the surname share keeps
        return sh.get("maxword", 0) >= 2 and sh.get("chars", 0) >= 2 and not sh.get("compound")
    if t == "address":
        if det in _POSTCODE_TAILS:
            # a postcode's own part (British inward code, Canadian local delivery unit, Eircode's
            # unique identifier): 3-4 characters that name a few addresses or one building
            return sh.get("chars", 0) >= 3
        if det == "zpl.address_tail":
            # a wrapped Chinese address line that is a number and its unit word ("8号" under
            # "...延安大道81"): short, and the detail share removes
            return sh.get("digits", 0) >= 1 and sh.get("chars", 0) >= 2
        if rec.get("detector") == "address_us.tag":
            # the address-column tagger labels any token; a bare number left there (the last
            # digits a share phone keeps) is not a street line
            return sh.get("maxword", 0) >= 2 and sh.get("chars", 0) >= 4
        return sh.get("chars", 0) >= 4
    return t in ("id_card", "email")


def compact_records(keys: AuditKeys, actions, report: bool = False) -> tuple:
    """Audit facts of masking actions, without their place: (type, role, start, end, detector,
    confidence, method, hmac, masked, shape). The HMAC is of the original value (never the value);
    ``masked`` and ``shape`` are filled in detect mode only. Kept non-personal values are skipped."""
    out = []
    for a in actions:
        fact = _fact(keys, a.finding, a.method, a.replacement, report)
        if fact is not None:
            out.append(fact)
    return tuple(out)


def _fact(keys: AuditKeys, f, method: str, replacement: str, report: bool) -> tuple | None:
    if method == "keep" and f.type not in PERSONAL:
        return None
    masked = sh = None
    if report:  # detect mode only: the masked form and shape, never the original
        masked = replacement if method != "keep" else "*" * len(f.text)
        sh = shape(f.text, f.type in _PHONE_SHAPES)
    return (f.type.value, f.role, f.start, f.end, f.detector, round(f.score, 3), method,
            keys.value_mac(f.text), masked, sh)


def record(where: dict, c: tuple) -> dict:
    """The audit record of one compact finding ``c`` at ``where``."""
    if c[8] is None:
        return audit_record(c[0], c[1], {**where, "start": c[2], "end": c[3]}, c[4], c[5], c[6], c[7])
    return audit_record(c[0], c[1], {**where, "start": c[2], "end": c[3]}, c[4], c[5], c[6], c[7], c[8], c[9])


def cell_record(row: int, column: int, c: tuple) -> AuditRecord:
    """``record({"row": row, "column": column}, c)`` for a table cell, built in one step (the
    records of small exports are all built: this is their hot path)."""
    if c[8] is None:
        return AuditRecord({"type": c[0], "role": c[1], "where": Where(row=row, column=column, start=c[2], end=c[3]),
                            "detector": c[4], "confidence": c[5], "method": c[6], "hmac": c[7]})
    return record({"row": row, "column": column}, c)


def action_records(keys: AuditKeys, actions, where: dict, report: bool = False) -> list[dict]:
    """Audit records of masking actions: type, role, where, detector, confidence, method and an
    HMAC of the original value (never the value). Kept non-personal values are not recorded."""
    return [record(where, c) for c in compact_records(keys, actions, report)]


_FACT, _TYPE_METHOD, _HMAC = itemgetter(2), itemgetter(0, 6), itemgetter(7)
_REC_TYPE_METHOD, _REC_HMAC = itemgetter("type", "method"), itemgetter("hmac")


class CellRecords(list):
    """Finding records of table cells as (row, column, compact) tuples: built into audit dicts only
    as far as the audit log's detail quota reaches."""

    __slots__ = ()


class Compact:
    """Counts and HMACs of many findings, for a batch past the audit log's detail quota."""

    __slots__ = ("counts", "hmacs", "n")

    def __init__(self, recs: CellRecords | None = None):
        facts = list(map(_FACT, recs or ()))
        self.counts = {f"{t}:{m}": v for (t, m), v in Counter(map(_TYPE_METHOD, facts)).items()}
        self.hmacs = "".join(map(_HMAC, facts))
        self.n = len(facts)

    @classmethod
    def of_dicts(cls, recs: list[dict]) -> "Compact":
        """The same for audit records already built as dicts."""
        c = cls()
        c.counts = dict(Counter(f"{r['type']}:{r['method']}" for r in recs))
        c.hmacs = "".join(r["hmac"] for r in recs)
        c.n = len(recs)
        return c


class FindingSink:
    """Collects per-file finding records for the audit log with bounded memory: the first
    ``limit`` in full, then counts per type and method and a digest over every record's HMAC."""

    def __init__(self, limit: int = 10000):
        self.limit = limit
        self.items: list[dict] = []
        self.counts: dict[str, int] = {}
        self.total = 0
        self._digest = hashlib.sha256()

    def wants_details(self) -> bool:
        """Whether full records are still kept (else counts and HMACs are enough)."""
        return len(self.items) < self.limit

    def add(self, rec: dict) -> None:
        self.total += 1
        key = f"{rec['type']}:{rec['method']}"
        self.counts[key] = self.counts.get(key, 0) + 1
        self._digest.update(rec["hmac"].encode())
        if len(self.items) < self.limit:
            self.items.append(rec)

    def merge(self, recs) -> None:
        if isinstance(recs, Compact):
            self.total += recs.n
            for k, v in recs.counts.items():
                self.counts[k] = self.counts.get(k, 0) + v
            self._digest.update(recs.hmacs.encode())
            return
        if isinstance(recs, CellRecords):
            room = max(self.limit - len(self.items), 0)
            if type(self).add is FindingSink.add:
                # records built only as far as the detail quota reaches; counts and the digest of
                # every one from its compact facts (what ``add`` does for each, in bulk: the same
                # counts in the same key order, the same digest over the HMACs in order)
                if room:
                    self.items.extend([cell_record(r, col, c) for r, col, c in recs[:room]])
                self.merge(Compact(recs))
                return
            for r, col, c in recs[:room]:
                self.add(record({"row": r, "column": col}, c))
            if room < len(recs):
                self.merge(Compact(recs[room:]))
            return
        if type(recs) is list and len(recs) > 64 and type(self).add is FindingSink.add:
            # many records at once (a long value): what ``add`` does for each, in bulk (the same
            # counts in the same key order, the same digest over the HMACs in order)
            self.total += len(recs)
            counts = self.counts
            for (t, m), v in Counter(map(_REC_TYPE_METHOD, recs)).items():
                k = f"{t}:{m}"
                counts[k] = counts.get(k, 0) + v
            self._digest.update("".join(map(_REC_HMAC, recs)).encode())
            room = max(self.limit - len(self.items), 0)
            if room:
                self.items.extend(recs[:room])
            return
        for r in recs:
            self.add(r)

    def summary(self) -> dict:
        # the records' JSON objects (AuditRecord.to_json): what the audit log and worker processes carry
        out = {"findings": list(map(AuditRecord.to_json, self.items)), "finding_counts": self.counts,
               "findings_total": self.total}
        if self.total > len(self.items):
            out["findings_truncated"] = True
            out["findings_digest"] = self._digest.hexdigest()
        return out


class SpoolSink(FindingSink):
    """Every finding record of a file, kept in a temporary file (in memory up to 32 MB, then on
    disk) instead of a list, for ``detect`` and ``verify`` on large inputs. The records hold masked
    forms and HMACs, never original values."""

    def __init__(self):
        import tempfile

        super().__init__(limit=0)
        self._spool = tempfile.SpooledTemporaryFile(max_size=32 << 20, mode="w+b")

    def wants_details(self) -> bool:
        return True

    def add(self, rec: dict) -> None:
        super().add(rec)
        self._spool.write(json.dumps(AuditRecord.to_json(rec), ensure_ascii=False).encode() + b"\n")

    def merge(self, recs) -> None:
        if isinstance(recs, Compact):  # pragma: no cover - detect/verify never send compact batches
            raise TypeError("compact batch in a spooled sink")
        for r in recs:
            self.add(record({"row": r[0], "column": r[1]}, r[2]) if isinstance(recs, CellRecords) else r)

    def close(self) -> None:
        self._spool.close()

    def records(self):
        """The records in order (once)."""
        with self._spool:
            self._spool.seek(0)
            for line in self._spool:
                yield json.loads(line)


class RelayCheck:
    """Whether an 11+4 number (``"17012345678-1234"``) provably is a relay number: one this vault
    issued (looked up by its keyed MAC, never by its value), or one whose 11 digits start with a
    configured relay prefix (``[vault] relay_prefixes``). Nothing else is "already virtual"."""

    __slots__ = ("prefixes", "vault")

    def __init__(self, prefixes: tuple[str, ...], vault=None):
        self.prefixes = tuple(prefixes)
        self.vault = vault

    def __call__(self, number: str) -> bool:
        if self.prefixes and number.startswith(self.prefixes):
            return True
        issued = getattr(self.vault, "issued", None)
        return bool(issued and issued(number))


def relay_check(policy: Policy, vault=None) -> RelayCheck | None:
    if not policy.relay_prefixes and getattr(vault, "issued", None) is None:
        return None
    return RelayCheck(policy.relay_prefixes, vault)


class Engine:
    """Detect and mask one value at a time."""

    def __init__(self, policy: Policy, masker: Masker, keys: AuditKeys, ocr_name: str = "auto", ocr=None):
        self.ocr_name = ocr_name
        self._ocr = ocr  # ocr.OcrEngines: the OCR engines images are read with (made when first asked)
        self.policy = policy
        self.masker = masker
        self.keys = keys
        self._hint_cache: dict[str, tuple[EntityType | None, str | None]] = {}
        self._street_cache: dict[str, bool] = {}
        self._plans: dict[tuple, _Plan] = {}
        self._keep_tracking = policy.op(EntityType.TRACKING) == "keep"
        self.relay = relay_check(policy, masker.tokens)
        # replacements depend on a finding's type, text and meta only (no vault token is issued:
        # a virtual number is asked of the vault each time)
        self._pure = all(masker.op(t) != "virtual" for t in EntityType)
        # a named share's text fingerprint (waybill.trace.text.TextMark) or None
        self.mark = getattr(masker, "mark", None)

    @property
    def ocr(self):
        """The OCR engines this engine reads images with (``ocr.OcrEngines``: ``ocr_name`` from the
        registry, or the engine object it was built with)."""
        if self._ocr is None:
            from .ocr import OcrEngines

            self._ocr = OcrEngines(self.ocr_name)
        return self._ocr

    def hint(self, column: str | None) -> tuple[EntityType | None, str | None]:
        if column is None:
            return None, None
        h = self._hint_cache.get(column)
        if h is None:
            h = self._hint_cache[column] = column_hint(column, self.policy.columns)
        return h

    def mask_text(self, text: str, hint: EntityType | None, role: str | None, free_text: bool,
                  report: bool = False, street: bool = False) -> tuple[str, tuple]:
        """Masked text and the compact audit facts of its findings (see ``compact_records``;
        ``street``: an address column of street lines only, ``street_column``)."""
        if hint is EntityType.TRACKING and self._keep_tracking and tracking_cell(text):
            return text, ()  # a tracking number the preset keeps: nothing to mask or record
        findings = detect_text(text, hint=hint, role=role, region=self.policy.region, free_text=free_text,
                               relay=self.relay, street=street)
        if not findings:
            return text, ()
        # findings come sorted and without overlaps: replace left to right in one pass
        parts: list[str] = []
        facts = []
        pos = 0
        replacement, keys = self.masker.replacement, self.keys
        spans = None if self.mark is None else []  # a named share: where the replacements went
        if len(findings) >= _MANY and not report and self._pure:
            return self._mask_many(text, findings, spans)
        for f in findings:
            if f.start < pos:  # pragma: no cover - overlapping findings: the general masker
                out, actions = self.masker.mask(text, findings)
                return out, compact_records(keys, actions, report)
            method, rep = replacement(f)
            if rep != f.text:
                if spans is not None:
                    at = sum(map(len, parts)) + f.start - pos
                    spans.append((at, at + len(rep), f.type))
                parts += (text[pos:f.start], rep)
                pos = f.end
            fact = _fact(keys, f, method, rep, report)
            if fact is not None:
                facts.append(fact)
        if parts:
            parts.append(text[pos:])
            text = "".join(parts)
            if spans:
                text = self.mark.unit(text, spans)
        return text, tuple(facts)

    def _mask_many(self, text: str, findings: list, spans: list | None) -> tuple[str, tuple]:
        """``mask_text``'s loop for a value with many findings (a long cell, a pasted log): the same
        replacements and facts, each distinct value's replacement and HMAC worked out once (a dense
        value repeats the same phones and names; a replacement depends on the finding's type, text
        and meta only, the HMAC on its text only)."""
        parts: list[str] = []
        facts = []
        add = facts.append
        pos = 0
        at = 0  # length of the output so far (for a named share's spans)
        replacement, mac = self.masker.replacement, self.keys.value_mac
        reps: dict = {}
        macs: dict = {}
        for f in findings:
            if f.start < pos:  # pragma: no cover - overlapping findings: the general masker
                out, actions = self.masker.mask(text, findings)
                return out, compact_records(self.keys, actions, False)
            ft = f.text
            key = (f.type, ft, f.meta)
            try:
                got = reps.get(key)
            except TypeError:  # pragma: no cover - an unhashable meta: worked out each time
                got = key = None
            if got is None:
                got = replacement(f)
                if key is not None:
                    reps[key] = got
            method, rep = got
            if rep != ft:
                if spans is not None:
                    at += f.start - pos
                    spans.append((at, at + len(rep), f.type))
                    at += len(rep)
                parts += (text[pos:f.start], rep)
                pos = f.end
            if method == "keep" and f.type not in PERSONAL:
                continue
            h = macs.get(ft)
            if h is None:
                h = macs[ft] = mac(ft)
            add((_TYPE_VALUE[f.type], f.role, f.start, f.end, f.detector, round(f.score, 3), method, h, None, None))
        if parts:
            parts.append(text[pos:])
            text = "".join(parts)
            if spans:
                text = self.mark.unit(text, spans)
        return text, tuple(facts)

    def mask_value(self, text: str, where: dict, column: str | None = None, sink: list | None = None,
                   report: bool = False, prev: str | None = None) -> str:
        """``text`` masked (every value is read as possibly a whole record: names without a label
        are looked for); its findings' records go to ``sink``. ``prev``: the column before
        ``column`` in its table (a bare 'Número' after the street's column is its house number)."""
        if not text or text.isspace():
            return text
        if prev is not None and self.house_number_column(column, prev):
            hint, role, street = EntityType.ADDRESS, self.hint(prev)[1], True
        else:
            hint, role = self.hint(column)
            street = self._street(column)
        out, recs = self._lane(hint, report, street)(text, hint, role, True, report)
        if recs and sink is not None:
            sink.extend(record(where, c) for c in recs)
        return out

    def mask_rows(self, rows: list[list[str]], header: list[str] | None, first_row: int,
                  report: bool = False) -> tuple[list[list[str]], CellRecords]:
        """Mask table rows (column names as hints), column by column. Results are remembered per
        column for repeated values (a shop's sender on every row, weights, fixed remarks); a
        column whose values do not repeat stops being remembered. The memory is bounded and
        lives only as long as this engine (a remembered phone keeps the relay token it got when
        first seen, which the vault holds until that entry expires). Records come out in row
        order, columns in order."""
        if not rows:
            return [], CellRecords()
        widths = {len(r) for r in rows}
        width = max(widths)
        if not width:  # blank lines only
            return [[] for _ in rows], CellRecords()
        columns = list(zip(*rows)) if len(widths) == 1 else [
            [r[c] if c < len(r) else None for r in rows] for c in range(width)]
        if len(self._plans) > max(_PLANS, 2 * width):  # a batch of differently shaped tables
            self._plans.clear()
        recs: list = []
        add = recs.append
        free = True  # a cell may hold a whole record (names without a label are looked for)
        outs = []
        for c_i, vals in enumerate(columns):
            col = header[c_i] if header and c_i < len(header) else None
            prev = header[c_i - 1] if header and 0 < c_i <= len(header) else None
            plan = self._plans.get((c_i, col, report, prev))
            if plan is None:
                plan = self._plans[(c_i, col, report, prev)] = self._plan(col, c_i, prev)
            name, hint, role, memo = plan.name, plan.hint, plan.role, plan.memo
            mask_text = self._lane(hint, report, plan.street)
            out: list = []
            append = out.append
            if memo is None:
                for r_i, cell in enumerate(vals, first_row):
                    if not cell or cell.isspace():
                        append(cell)
                        continue
                    text, found = mask_text(cell, hint, role, free, report)
                    append(text)
                    for c in found:
                        add((r_i, name, c))
            else:
                misses = 0
                for r_i, cell in enumerate(vals, first_row):
                    if not cell:
                        append(cell)
                        continue
                    hit = memo.get(cell)
                    if hit is None:
                        misses += 1
                        hit = (cell, ()) if cell.isspace() else mask_text(cell, hint, role, free, report)
                        if len(memo) >= _MEMO_SIZE:
                            memo.clear()
                        memo[cell] = hit
                    append(hit[0])
                    for c in hit[1]:
                        add((r_i, name, c))
                plan.seen += len(vals)
                plan.misses += misses
                if plan.seen >= 4 * _MEMO_SIZE and plan.misses > 0.95 * plan.seen:
                    plan.memo = None  # values (almost) never repeat here: remembering costs more than it saves
            outs.append(out)
        if len(widths) == 1:
            out_rows = [list(r) for r in zip(*outs)]
        else:
            out_rows = [[outs[c][i] for c in range(len(r))] for i, r in enumerate(rows)]
        recs.sort(key=_row_of)  # stable: columns stay in order within a row
        return out_rows, CellRecords(recs)

    def _lane(self, hint: EntityType | None, report: bool, street: bool = False):
        """The cell masker for a column: ``mask_text``, or for name and phone columns under a
        ``partial`` operator a lane that handles their plain shapes directly (a bare Chinese
        name, an 11-digit mobile) and gives anything else to ``mask_text``. The lanes give exactly
        what ``mask_text`` gives (tests/test_shortcuts.py). ``street``: a street-line column
        (``_street``), read by ``mask_text`` with ``street=True``."""
        if street:
            return self._street_lane
        if report:
            return self.mask_text
        if hint is EntityType.NAME and self.masker.op(EntityType.NAME) == "partial":
            return self._name_lane
        if hint in (EntityType.PHONE, EntityType.LANDLINE) and self.masker.op(EntityType.PHONE) == "partial":
            return self._phone_lane
        return self.mask_text

    def _name_lane(self, text: str, hint, role, free_text, report=False):
        if plain_name(text):
            sl = surname_len(text) or 1
            if self.mark is not None and len(text) > sl:
                out = self.mark.name(text[:sl], len(text) - sl)
            else:
                out = text[:sl] + MASK * (len(text) - sl)
            return out, (
                ("name", role, 0, len(text), "name_cn.column", 0.95, "partial", self.keys.value_mac(text), None, None),)
        return self.mask_text(text, hint, role, free_text, report)

    def _phone_lane(self, text: str, hint, role, free_text, report=False):
        if plain_mobile(text):
            if self.mark is not None and self.policy.phone_style == "last4":
                out = self.mark.mobile(7, text[7:])  # = mask_mobile's "*******" + last 4, marked
                return out, (
                    ("phone", role, 0, 11, "phone_cn.mobile", mobile_score(text), "partial",
                     self.keys.value_mac(text), None, None),)
            out = mask_mobile(text, self.policy.phone_style)
            if self.mark is not None:
                out = self.mark.mobile(7, out[-4:]) if out[0] == MASK and out[6] == MASK and out[7] != MASK \
                    else self.mark.unit(out, ((0, len(out), EntityType.PHONE),))
            return out, (
                ("phone", role, 0, 11, "phone_cn.mobile", mobile_score(text), "partial", self.keys.value_mac(text),
                 None, None),)
        return self.mask_text(text, hint, role, free_text, report)

    def _street_lane(self, text: str, hint, role, free_text, report=False):
        return self.mask_text(text, hint, role, free_text, report, True)

    def _plan(self, col: str | None, c_i: int, prev: str | None = None) -> "_Plan":
        hint, role = self.hint(col)
        house = self.house_number_column(col, prev)
        if house:
            # a bare 'Número' right after the street's column is its house number (Brazilian exports:
            # 'Endereço, Número, Complemento'; the house number stood; found by hand, 2026-12-07): a
            # street line's part, no town in it
            hint, role = EntityType.ADDRESS, self.hint(prev)[1]
        plan = _Plan(col if col is not None else c_i + 1, hint, role)
        plan.street = True if house else self._street(col)
        return plan

    def house_number_column(self, column, prev) -> bool:
        """Whether ``column`` is named only 'number' and follows an address column (``prev``): the
        street's house number in a column of its own."""
        return column is not None and prev is not None and self.hint(column)[0] is None \
            and self.hint(prev)[0] is EntityType.ADDRESS and _BARE_NUMBER_COLUMN.fullmatch(str(column).strip().lower()) is not None

    def _street(self, column: str | None) -> bool:
        """Whether ``column`` is an address column of street lines only (``street_column``),
        decided once per column name."""
        if column is None or self.hint(column)[0] is not EntityType.ADDRESS:
            return False  # (only address columns' names are remembered here: a JSON map's keys are not)
        got = self._street_cache.get(column)
        if got is None:
            got = self._street_cache[column] = street_column(column)
        return got


# a column named only 'number' (a house number after its street's column)
_BARE_NUMBER_COLUMN = re.compile(r"n[úu]mero|numero|n[º°o]\.?|no\.?|nr\.?|num\.?|number|nummer|numer|#")


def _row_of(rec: tuple) -> int:
    return rec[0]


class _Plan:
    """How one table column is masked: its name for records, hint, role and remembered values."""

    __slots__ = ("name", "hint", "role", "memo", "seen", "misses", "street")

    def __init__(self, name, hint, role):
        self.name, self.hint, self.role = name, hint, role
        self.street = False  # an address column of street lines only (``street_column``)
        self.memo: dict | None = {}
        self.seen = self.misses = 0
