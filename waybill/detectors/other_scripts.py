"""Names, phones and street lines in scripts other than Latin and Chinese.

Cyrillic and Greek (a hand probe: ``Иван Петров, +7 912
345-67-89, ул. Ленина, д. 5, кв. 12, Москва 101000`` kept the name and the street line whole;
``Γιώργος Παπαδόπουλος, 694 123 4567`` kept everything).

- names: 1-3 capitalised Cyrillic or Greek words after a receiver or sender label (Получатель,
  Отправитель, ФИО, Одержувач, Παραλήπτης, Αποστολέας, ...), or 2-3 right before or after a phone
  number (or its label: тел., моб., τηλ., κιν.);
- phones: a run of 8-15 digits in groups (not a date's shape) after such a label or right after
  such a name (a number
  next to a name is that person's; libphonenumber alone does not take a Greek mobile written in
  groups without its country code);
- street lines: a Russian, Ukrainian or Belarusian street type (ул., улица, пр-т, просп., пер.,
  бул., ш., наб., пл., вул., ...) with its name, house (д. 5, буд. 5, 5/2, корп., стр.) and flat
  (кв. 12, оф. 3); the town and the postcode after it stay, as share keeps a region.

Names are masked as Latin ones are (the first letter of each word kept in share).

Scripts without capitals (Arabic, Hebrew, Devanagari and the other Indic scripts, Thai, Georgian,
Armenian, Ethiopic): ``محمد أحمد 0501234567``, ``राहुल शर्मा 9876543210`` kept name and number. Words
of those letters cannot be told from other words by their shape, so only where a record puts a
name: 1-4 such words right before a phone number (or its label: هاتف, جوال, טלפון, फ़ोन, โทร, ...)
or after a name label (الاسم, المستلم, שם, नाम, ชื่อ, ... and English ones), and the number itself
(8-15 digits in groups, Arabic-Indic digits too) when such words or a label stand before it; a street
line of Cyrillic or Greek words with its house number before a postcode and town. When unsure, masked:
two words of a phrase before a number ('اتصل على ...', 'call on') are masked with it.
"""
from __future__ import annotations

import re
import unicodedata
from ..lazy_re import lazy
from bisect import bisect_right
from functools import lru_cache

import phonenumbers

from ..model import EntityType, Finding
from ..normalize import UNCASED_SCRIPTS
from . import Context

T = EntityType

_OTHER = UNCASED_SCRIPTS
# (and Vietnamese: its letters of Latin Extended Additional and ơ ư đ; only the street-line rule)
_VI = "\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0\u0110\u0111"
GATE = lazy(f"[\u0370-\u03ff\u0400-\u04ff{_OTHER}{_VI}]")
_OTHER_GATE = lazy(f"[{_OTHER}]")
_CYR_GATE = lazy("[\u0400-\u04ff]")
_VI_GATE = lazy(f"[{_VI}]")
# a word of an uncased script: its letters and the marks written on them (vowel signs, harakat);
# never a digit (Arabic-Indic and Devanagari digits are \d)
# (an apostrophe, a geresh or a hyphen inside a word: 'ג'וד', 'תורג'מן', 'डी’सूज़ा', 'Մելիք-Բաղդասարյան';
# world_text --locales scripts seed 79: such names kept what came before the mark)
# (a Hebrew word may end in a geresh, a sound foreign to Hebrew's letters: 'נדב חאג'' before its
# phone stood whole; world_text --locales scripts seed 111)
_OW = rf"(?:(?!\d)[{_OTHER}])+(?:['’׳ʼ\-](?:(?!\d)[{_OTHER}])+)*(?:(?<=[\u05d0-\u05ea])['’׳](?![{_OTHER}]))?"
_O_PHONE_LABEL = (r"(?i:هاتف|الهاتف|جوال|الجوال|موبايل|تلفون|رقم الهاتف|تلفن|همراه|טלפון|טל'|נייד|फ़ोन|फोन|मोबाइल|"
                  # (India's and Bangladesh's: 'मो. 9876543210', 'मोबाइल नं: ...', 'கைபேசி: ...' stood or
                  # took the label for a name; found by hand, 2026-12-07 night)
                  r"(?:मो\.|मोबाइल|मोबाईल|फ़ोन|फोन)[ \t]*(?:नं\.?|नंबर)|मो\.|मोबाईल|संपर्क[ \t]*(?:नं\.?|नंबर|सूत्र)?|"
                  r"(?:মোবাইল|ফোন)[ \t]*(?:নং|নম্বর|নাম্বার)|"
                  r"கைபேசி|தொலைபேசி|அலைபேசி|ఫోన్|మొబైల్|సెల్|ದೂರವಾಣಿ|ಮೊಬೈಲ್|ಫೋನ್|મોબાઇલ|મોબાઈલ|ફોન|ਮੋਬਾਈਲ|"
                  r"ਫ਼ੋਨ|ਫੋਨ|ഫോൺ|മൊബൈൽ|ଫୋନ|ମୋବାଇଲ|දුරකථන(?:[ \t]*අංකය)?|ජංගම|"
                  r"दूरभाष|ফোন|মোবাইল|(?:เบอร์|หมายเลข)?(?:โทรศัพท์|โทร|มือถือ|ติดต่อ)|ტელ|ტელეფონი|հեռ|(?i:tel|phone|mobile|ph))\.?[ \t]*ঃ?[ \t]*[:：]?[ \t]*")
# (a label is a word of its own: 'نام' starts the surname 'نامور', whose last letter alone was
# masked, world_text --locales scripts seed 79; Thai writes no spaces between words)
# (and the labels of an Arabic or Hebrew parcel label: 'المرسل إليه' (the consignee; its second word was
# taken for the name's first), 'من:' and 'אל:' (from, to) with their colon, 'מאת', 'מקבל'; found by
# hand, 2026-12-07 night)
_O_NAME_LABEL = (r"(?i:(?:الاسم|اسم المستلم|اسم المرسل|المستلم|المرسل إليه|المرسل اليه|المرسل|إلى|الى(?=[ \t]*[:：])|"
                 r"من(?=[ \t]*[:：])|אל(?=[ \t]*[:：])|מאת|מקבל|گیرنده|فرستنده|نام|שם|לכבוד|נמען|שולח|"
                 # (India's and Bangladesh's, their two-word forms first: 'प्राप्तकर्ता का नाम' took 'का' for
                 # the name; 'प्रेषिती', India Post's addressee, 'सेवा में' (to), the Tamil, Telugu, Kannada,
                 # Gujarati, Punjabi, Malayalam, Oriya and Marathi words: their names stood; found by hand,
                 # 2026-12-07 night)
                 r"(?:प्राप्तकर्ता|प्रेषक|प्रेषिती|ग्राहक|पाने वाले|भेजने वाले)[ \t]+(?:का|की)[ \t]+नाम|"
                 r"प्रेषिती|पाने वाला|भेजने वाला|सेवा में[ \t]*,?|नाव|नाम|प्राप्तकर्ता|प्रेषक|"
                 r"প্রাপকের নাম|প্রেরকের নাম|প্রাপক|প্রেরক|নাম|பெறுநர்|அனுப்புநர்|பெயர்|ప్రాప్తిదారు|గ్రహీత|పంపినవారు|పేరు|"
                 r"ಸ್ವೀಕರಿಸುವವರು|ಕಳುಹಿಸುವವರು|ಹೆಸರು|પ્રાપ્તકર્તા|મોકલનાર|નામ|ਪ੍ਰਾਪਤਕਰਤਾ|ਭੇਜਣ ਵਾਲਾ|ਨਾਮ|"
                 r"സ്വീകർത്താവ്|അയക്കുന്നയാൾ|പേര്|ପ୍ରାପକ|ପ୍ରେରକ|ନାମ|ලබන්නා|යවන්නා|නම|სახელი|მიმღები|ստացող|"
                 # (English labels before a name in another script: 'Recipient: মিলা খান;')
                 r"(?i:recipient|receiver|consignee|addressee|sender|name|attn|to|from|deliver to|ship to))(?![^\W\d_])"
                 # (a Thai label of two words written as one: 'ชื่อผู้รับ', the recipient's name,
                 # was read as the label ชื่อ and the name ผู้รับ, and a Thai header row as data; found
                 # by hand, 2026-12-07)
                 r"|ชื่อ(?:ผู้รับ|ผู้ส่ง|[ \-]?(?:นาม)?สกุล)?|ผู้รับ|ผู้ส่ง)"
                 # (Bengali writes its colon as a visarga, 'প্রেরকঃ', and OCR reads both: 'প্রেরকঃ:')
                 r"[ \t]*ঃ?[ \t]*(?:[:：]|(?<=[\u0900-\u0dff])[ \t]*[\-–](?![\-–\d]))?[ \t]*")
_O_RUN = r"\(?\+?\(?\d[\d \-().]{5,20}\d"  # (7 digits at least: an Israeli local number, 6123456)
# (a name starts where a word starts: a long run of letters is tried once, not at each of its
# letters, so the scan stays linear)
_O_NAME_THEN_PHONE = lazy(rf"(?<![{_OTHER}'’׳ʼ\-])(?P<name>{_OW}(?:[ \t]+{_OW}){{0,3}})[ \t]*[,،;:|/\-–—(]?[ \t]*"
                                rf"(?:{_O_PHONE_LABEL})?(?P<num>{_O_RUN})")
# a Vietnamese phone label ('ĐT (02)899-2207', 'SĐT: 09 ...', 'Điện thoại 01 9435330'; world_text
# --locales scripts seed 78: numbers of 9 digits after it stood)
_VI_LABELLED_PHONE = lazy(rf"(?<![^\W\d_])(?:S?ĐT|S?Đt|[Đđ]iện thoại|DĐ)\.?[ \t]*[:：]?[ \t]*(?P<num>{_O_RUN})")
# a Vietnamese name label ('Người nhận: Hoàng Văn An', 'Họ và tên: ...'): its name stood
# (a capital of Latin or Vietnamese letters: Đ Ĩ Ũ Ơ Ư and Latin Extended Additional too)
_VI_UPPER = "A-ZÀ-Þ\u0110\u0128\u0168\u01a0\u01af\u1e00-\u1eff"
_VI_WORD = rf"[{_VI_UPPER}][^\W\d_]*"
_VI_LABELLED_NAME = lazy(rf"(?<![^\W\d_])(?i:người nhận|người gửi|họ và tên|họ tên|tên người nhận|"
                               rf"tên người gửi)[ \t]*[:：]?[ \t]*(?P<name>{_VI_WORD}(?:[ \t]+(?!S?Đ[Tt](?![^\W\d_])){_VI_WORD}){{0,3}})")
_O_LABELLED_PHONE = lazy(rf"{_O_PHONE_LABEL}(?P<num>{_O_RUN})")
# (up to six words: an Arabic name with its father's and grandfather's, 'عبدالله بن سعد بن محمد', kept
# its last word)
_O_LABELLED_NAME = lazy(rf"(?<![{_OTHER}]){_O_NAME_LABEL}(?P<name>{_OW}(?:[ \t]+{_OW}){{0,5}})")
# a name label with its qualifier and a colon ('الاسم الكامل:', 'اسم العميل:', 'שם מלא:', 'שם הלקוח:', 'نام
# خانوادگی:'): the name after the colon (the qualifier was taken for the name and the name stood;
# found by hand, 2026-12-07 night)
_O_QUALIFIED_NAME = lazy(rf"(?<![{_OTHER}])(?P<label>الاسم|اسم|שם|نام)(?:[ \t]+{_OW}){{1,2}}[ \t]*[:：][ \t]*"
                         rf"(?P<name>{_OW}(?:[ \t]+{_OW}){{0,5}})")
# (and Ukrainian Ґ/ґ and the other letters past U+048F; the Ukrainian apostrophe ʼ inside a word:
# 'Сніжана Ґалаґан', 'Марʼяна Цюпа' stood, world_text --locales scripts seed 77)
_UP = "\u0400-\u042f\u0490-\u04ff\u0386\u0388-\u038f\u0391-\u03ab"
_LOW = "\u0430-\u045f\u0490-\u04ff\u03ac-\u03ce\u0390"
_WORD = rf"[{_UP}][{_LOW}{_UP}'’ʼ\-]+"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_LABEL = lazy(
    # ('Кому:' and 'От кого:', the Russian post's form words, before a name stood whole: a Russian
    # label's ZPL and text lines; found by hand, 2026-12-07 evening)
    rf"(?i:(?<![{_LOW}{_UP}A-Za-z])(?:(?:груз[оа])?получатель|(?:груз[оа])?отправитель|адресат|фио|ф\.и\.о\.|имя|"
    rf"контактное лицо|кому(?=[ \t]*:)|от кого(?=[ \t]*:)|отримувач|"
    rf"одержувач|відправник|піб|атрымальнік|адпраўнік|παραλήπτης|αποστολέας|όνομα|ονοματεπώνυμο|"
    rf"παραληπτης|αποστολεας|ονομα|recipient|receiver|consignee|addressee|sender|name|attn|to|from|"
    rf"deliver to|ship to))[ \t]*[:：]?[ \t]*(?P<name>{_NAME})"
)
_PHONE_LABEL = r"(?i:тел|телефон|моб|мобильный|мобільний|τηλ|τηλέφωνο|κιν|κινητό)\.?[ \t]*[:：]?[ \t]*"
_RUN = r"\(?\+?\(?\d[\d \-().]{6,20}\d"
_PHONE_AFTER_LABEL = lazy(rf"(?<![{_LOW}{_UP}]){_PHONE_LABEL}(?P<num>{_RUN})")
_NAME_THEN_PHONE = lazy(rf"(?<![{_LOW}{_UP}])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})[ \t]*[,;:|/\-–—(]?[ \t]*"
                              rf"(?:{_PHONE_LABEL})?(?P<num>{_RUN})")
# a shipment's number after its Russian, Ukrainian or Greek label: the tracking number, which share
# keeps and dispose removes ('ШПИ: 80081234567890', 'Αριθμός αποστολής: 7412589630', Nova Poshta's 'ЕН
# 20450123456789' stood in dispose; found by hand, 2026-12-07 evening). Here, not in the tracking
# detector: only text with such letters reaches this one (a search in every Chinese cell cost 1 us)
# (the Russian and Greek shipment-number labels, shared with imaging's tracking prefix and layout's
# parcel labels; Tesseract reads Greek's first letters as Latin look-alikes, 'Ap. αποστολής')
RU_SHIPMENT = r"номер\s*отправления|трек[\- ]?номер|шпи|накладная(?:\s*№)?"
GR_SHIPMENT = (r"[αa][ρp][ιίi]θ[μµ][οόo][ςs]\s*αποστολ[ηή]ς|[αa][ρp]\.\s*αποστολ[ηή]ς|"
               r"[αa][ρp][ιίi]θ[μµ][οόo][ςs]\s*παρακολο[υύ]θησης")
# (and the Arabic and Hebrew ones: 'رقم الشحنة: 3345123987' was taken for a name and its phone, the
# tracking number partly starred in share; 'מספר משלוח', 'מס' מעקב'; found by hand, 2026-12-07 night;
# the letters Tesseract and writers swap, ة/ه, are both taken)
AR_SHIPMENT = (r"رقم\s*(?:ال)?(?:شحن[ةه]|تتب\u0651?ع|بوليص[ةه](?:\s*(?:ال)?شحن)?|طرد|[إا]رسالي[ةه])|"
               r"بوليص[ةه]\s*(?:ال)?شحن")
HE_SHIPMENT = r"(?:מספר|מס['׳’]?)\s*(?:ה)?(?:משלוח|מעקב|חבילה|שטר\s*מטען)"
# (and South Asia's: India Post's article number, a courier's tracking, booking or consignment number,
# in Hindi, Bengali and Tamil: 'ट्रैकिंग नं.: RR355852557IN' was filled on a label image as an unplaced
# line, and a Bangladeshi consignment number of 11 digits reads as a mobile; label_gen in_post, bd_post)
IN_SHIPMENT = (r"(?:आर्टिकल|ट्रैकिंग|बुकिंग|कंसाइनमेंट|रसीद|एडब्ल्यूबी)\s*(?:नं\.?|नंबर|संख्या|क्रमांक)?|"
               r"(?:কনসাইনমেন্ট|ট্র্যাকিং|ট্রাকিং|বুকিং|চালান)\s*(?:নং\.?|নম্বর|নাম্বার)?|கண்காணிப்பு\s*எண்")
_TRACKING_LABELLED = lazy(
    rf"(?:(?<![^\W\d_])(?:ЕН|ТТН)|(?<![^\W\d_])(?i:номер\s*накладно[їи]|експрес-накладна|{RU_SHIPMENT}|"
    rf"{GR_SHIPMENT}|{AR_SHIPMENT}|{HE_SHIPMENT})|(?<![\u0900-\u0dff])(?:{IN_SHIPMENT}))(?![^\W\d_])(?:\s*[:：#№\-–—.ঃ]){{0,3}}\s*"
    r"(?P<num>(?i:[0-9A-Z\u0660-\u0669][0-9A-Z\u0660-\u0669\-]{7,30})(?![0-9A-Za-z\u0660-\u0669])"
    r"|[0-9A-Z]{2,6}(?: [0-9A-Z]{2,6}){2,7}(?![0-9A-Za-z]| \d))")
_TRAILING_PHONE_LABEL = lazy(r"[ \t]+(?i:тел|телефон|моб|мобильный|мобільний|τηλ|τηλέφωνο|κιν|κινητό)$")
_LEAD_LABEL = lazy(r"(?i:(?:груз[оа])?получатель|(?:груз[оа])?отправитель|адресат|одержувач|відправник|отримувач|"
                  r"атрымальнік|адпраўнік|παραλήπτης|αποστολέας|παραληπτης|αποστολεας)[ \t]+")
_PHONE_THEN_NAME = lazy(rf"(?P<num>{_RUN})[ \t]*[,;:|/\-–—)]+[ \t]*(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})")
_STREET = lazy(
    rf"(?i:(?<![{_LOW}{_UP}])(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|бул\.|бульвар|ш\.|шоссе|наб\.|"
    rf"набережная|пл\.|площадь|мкр\.|микрорайон|вул\.|вулиця|провулок|бульв\.|пр\.|алл\.|аллея|тупик|проезд|"
    # (the Ukrainian kinds: 'парк Український 3-й ...', 'набережна Ювілейний 2-...' stood, world_text
    # --locales scripts seeds 83-85: 2.3-2.8% of uk_UA street lines)
    rf"набережна|площа|майдан|узвіз|сквер|парк|шосе|алея|проїзд|"
    rf"οδός|οδος|οδ\.|λεωφόρος|λεωφορος|λεωφ\.|πλατεία|πλατεια|πλ\.))[ \t]*"
    rf"[{_UP}\d][^,\n;]{{0,40}}?"
    rf"(?:,?[ \t]*(?i:д\.|дом|буд\.|будинок)?[ \t]*\d{{1,4}}[{_LOW}]?(?:/\d{{1,4}})?)"
    rf"(?:,?[ \t]*(?i:корп\.|к\.|стр\.|строение|корпус)[ \t]*\d{{1,3}}(?:/\d{{1,4}})?)?"
    rf"(?:,?[ \t]*(?i:кв\.|квартира|оф\.|офис|кім\.)[ \t]*\d{{1,4}})?"
)
# a Thai street line: the house number, village, soi and road up to the district ('99/1 ซอยสุขุมวิท 21
# แขวงคลองเตยเหนือ เขตวัฒนา': it stood when no postcode and town closed it with a comma; found by hand)
_TH_STREET = lazy(r"(?<![\d/])\d{1,4}(?:/\d{1,4})?[ \t]+(?:(?:หมู่|ม\.)[ \t]*\d{1,3}[ \t]+)?[\u0e00-\u0e7f]"
                        r"[\u0e00-\u0e7f\d \t./]{0,80}?(?=[ \t]*(?:เขต|อ(?:ำ|\u0e4d\u0e32)เภอ|อ\.)[\u0e00-\u0e7f])")
# (the normal form writes sara am as nikhahit and sara aa, as NFKC does: อำเภอ both ways)
# a Thai street line on a line of its own (a label's lines, an export's field): the house number
# and what follows it up to the subdistrict, district, province or postcode, or to the field's end,
# when it holds a kind of way (หมู่ village number, ซอย lane, ถนน road, อาคาร building, ชั้น floor,
# ห้อง room, ...) or the number is a Thai house number's shape (99/12); or the way itself when no
# number leads ('ซอยสุขุมวิท 31', 'ถนนนิมมานเหมินท์'). '99/12 หมู่ 4 ซอยสุขุมวิท 31' and
# '55 ถนนนิมมานเหมินท์ ตำบลสุเทพ' stood (found by hand, 2026-12-07: Thai label lines as Tesseract reads them)
_TH_WAY = r"(?:หมู่(?:ที่)?|ม\.|ซอย|ซ\.|ถนน|ถ\.|หมู่บ้าน|อาคาร|ชั้น|ห้อง|ตรอก|คอนโด|(?:บ้าน)?เลขที่|แยก)"
_TH_STOP = (r"(?:แขวง|ต(?:ำ|\u0e4d\u0e32)บล|ต\.|เขต|อ(?:ำ|\u0e4d\u0e32)เภอ|อ\.|จังหวัด|จ\.|กรุงเทพ|(?:เบอร์)?โทร|"
            r"\d{5}(?!\d))")
_TH_LINE = lazy(rf"(?<![\d/\u0e00-\u0e7f])(?:(?:บ้าน)?เลขที่[ \t]*)?(?:\d{{1,4}}(?:/\d{{1,4}})?[ \t]*|(?={_TH_WAY}))"
                rf"(?=[\u0e00-\u0e7f])(?!{_TH_STOP})[\u0e00-\u0e7f\d \t./\-]{{0,80}}?"
                rf"(?=[ \t]*(?:{_TH_STOP}|[,\n;|]|$))")
_TH_WAY_IN = lazy(_TH_WAY)
# a Thai address's region: subdistrict (แขวง, ตำบล, ต.), district (เขต, อำเภอ, อ.) and province
# (จังหวัด, จ., Bangkok's own names) with their names, and a postcode after a region word or
# after a word alone before it at a field's end ('นนทบุรี 11120'): kept in share, masked in dispose
# (the region lines of a Thai label stood in dispose, and a label read by Tesseract was filled whole
# in share: nothing said they were the region; found by hand, 2026-12-07)
_TH_AM = "(?:ำ|\u0e4d\u0e32)"
_TH_REGION = lazy(rf"(?<![\u0e00-\u0e7f])(?:(?:แขวง|ต{_TH_AM}บล|ต\.|เขต|อ{_TH_AM}เภอ|อ\.|จังหวัด|จ\.)[ \t]*[\u0e01-\u0e4f]+"
                  rf"|กรุงเทพมหานคร|กรุงเทพฯ|กทม\.?)")
_TH_PC = lazy(r"(?<![\d\u0e00-\u0e7f])(?:[\u0e01-\u0e4f]{2,30}[ \t]+)?\d{5}(?!\d)(?=[ \t]*(?:[,;\n|]|$))")
_TH_GATE = lazy(r"[\u0e00-\u0e7f]")
# the rest of a street's field (to a comma, semicolon or line end; not past 40 characters)
_FIELD_REST = lazy(r"[^,\n;،]{0,40}?(?=[ \t]*(?:[,\n;،]|$))")
_PHONE_DIGITS = lazy(r"\d[\d \-()]{5,}\d")
_NOT_NAME = lazy(r"(?i:ул|улица|город|область|район|россия|україна|москва|киев|київ|οδός|οδος|λεωφόρος|"
                       r"πλατεία|ελλάδα|ελλαδα|αθήνα)$")
# the town and postcode after a street line ('..., Москва 101000', '..., Αθήνα 10563') or the
# postcode and town before it ('101000, г. Москва, ул. ...'): the region share keeps; the postcode's
# tail is masked as a European one's is (dispose removes all)
# (a settlement's type before its name: г. город, пос., с., ст., клх, д., смт, м., хутір, ...)
# (к. before a name too, '263359 к. Йошкар-Ола': world_text --locales scripts seed 83; 'к. 9', a
# building's number, is no town)
_KIND = r"(?:(?:г|гор|пос|п|с|ст|ст-ца|клх|д|дер|рп|аул|х|к|смт|м|село|хутір|станица|місто|селище)\.?[ \t]+)?"
# (an apostrophe inside a Ukrainian name: 'хутір П'ятихатки', whose postcode stood, seed 83)
# (a town's first word shortened, 'Αγ. Νικόλαος': the name after it stood in dispose, seed 86)
# (and a bracketed qualifier after it, 'Ясный (Оренб.)', 'מרחביה (מושב)': part of the town, so
# that dispose masks it with the town; seed 86, dispose)
_QUALIFIER = r"(?:[ \t]*[(（)][^()（）\n,;|/]{1,20}[()）])?"
_TOWN = rf"{_KIND}[{_UP}][{_LOW}\-'’ʼ]+(?:\.?[ \t][{_UP}][{_LOW}\-'’ʼ]+)?{_QUALIFIER}"
_TOWN_PC_AFTER = lazy(rf",?[ \t]*(?:(?P<town>{_TOWN}),?[ \t]+(?P<pc>\d{{3}}[ \t]?\d{{2,3}})(?!\d)"
                            rf"|(?P<pc2>\d{{3}}[ \t]?\d{{2,3}}),?[ \t]+(?P<town2>{_TOWN}))")
# a street line of any words ending in its house number (and house, block, flat parts) before a
# postcode and town: 'Κομνηνάδων 3, 28179 Σάμος', 'узвіз Велика Садова, буд. 20, 87311 місто Лубни'
_STREET_BEFORE_PC = lazy(
    rf"(?<![{_LOW}{_UP}\d])(?P<street>(?:[{_LOW}{_UP}][{_LOW}{_UP}.'’\-]*[ \t]+){{0,5}}(?:[{_LOW}{_UP}][{_LOW}{_UP}.'’\-]*,?[ \t]+)?"
    rf"(?:(?i:буд\.|д\.|дом)[ \t]*)?\d{{1,4}}(?:[\-/]\d{{1,4}})?[{_LOW}]?"
    rf"(?:,?[ \t]*(?i:буд\.|д\.|кв\.|корп\.|стр\.|к\.|оф\.)[ \t]*\d{{1,4}}(?:/\d{{1,4}})?){{0,3}})"
    rf"[ \t]*,[ \t]*(?:ΤΚ[ \t]*|Т\.?К\.?[ \t]*)?(?P<pc>\d{{3}}[ \t]?\d{{2,3}})(?!\d),?[ \t]+(?P<town>{_TOWN})")
# a street whose name starts with a small letter, its house written with д./дом: 'наб. реки Фонтанки, д.
# 69', 'ул. им. Ленина, д. 5', 'пр-т маршала Жукова, д. 12' stood whole (found by hand, 2026-12-07)
_STREET_LOW = lazy(
    rf"(?i:(?<![{_LOW}{_UP}])(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|бул\.|бульвар|ш\.|шоссе|наб\.|"
    rf"набережная|пл\.|площадь|вул\.|вулиця|провулок|набережна|площа))[ \t]*"
    rf"[{_LOW}][^,\n;]{{0,40}}?,?[ \t]*(?i:д\.|дом|буд\.|будинок)[ \t]*\d{{1,4}}[{_LOW}]?(?:/\d{{1,4}})?"
    rf"(?:,?[ \t]*(?i:корп\.|к\.|стр\.|строение|корпус)[ \t]*\d{{1,3}}(?:/\d{{1,4}})?)?"
    rf"(?:,?[ \t]*(?i:кв\.|квартира|оф\.|офис|кім\.)[ \t]*\d{{1,4}})?"
)
# the street's kind after its name, as Russian writes an adjective's street ('Невский пр., 28, кв 5',
# 'Ленинградский пр-т, 39с1, кв. 44', 'Невский проспект 28-5'), with its house number (and building,
# flat); and 'кв 5' without its dot (all three stood whole or kept the name; found by hand, 2026-12-07)
_KINDS_AFTER = (r"пр\.|пр-т|просп\.|проспект|бул\.|бульвар|пер\.|переулок|ш\.|шоссе|наб\.|набережная|пл\.|площадь|"
                r"ул\.|улица|проезд|туп\.|тупик|аллея|вул\.|вулиця|провулок|узвіз")
_HOUSE_TAIL = (rf"(?:(?i:д\.|дом|буд\.)[ \t]*)?\d{{1,4}}[{_LOW}]?\d{{0,2}}(?:[\-/]\d{{1,4}})?"
               rf"(?:,?[ \t]*(?i:корп\.?|к\.|стр\.?|строение|корпус|кв\.?|квартира|оф\.?|офис|кім\.)(?![{_LOW}])[ \t]*\d{{1,4}})*")
_STREET_ADJ = lazy(
    rf"(?<![{_LOW}{_UP}])[{_UP}][{_LOW}\-]+(?:[ \t]+[{_UP}][{_LOW}\-]+)?[ \t]+(?i:{_KINDS_AFTER})(?![{_LOW}])"
    rf"[ \t]*,?[ \t]*{_HOUSE_TAIL}")
# a flat written without its dot after a street line's house ('..., 28, кв 5'): part of the street
_FLAT_NO_DOT = lazy(rf"(?<![{_LOW}{_UP}])(?i:кв|оф)[ \t]+\d{{1,4}}(?!\d)")
# a Russian mobile or landline without a +, in its national form (8 912 345-67-89, 8(495)123-45-67,
# 89031234567) in Cyrillic text with no phone label: 'звонить 8-912-345-67-89 после 18:00' and '...
# по номеру 89031234567' stood (found by hand, 2026-12-07); a valid number of the script's countries,
# not after a shipment's, order's or company's number word
_RU_RUN = lazy(r"(?<![\d+])(?:\+[ \t]?7|8|7)[ \t\-]*\(?\d{3,5}\)?[ \t\-]*\d{1,3}[ \t\-]*\d{2}[ \t\-]*\d{2}(?!\d)")
_REF_WORDS = lazy(r"(?i:отправлени|трек|шпи|накладн|заказ|№|инн|огрн|кпп|бик|сч[её]т|invoice|order)[^\d\n]{0,14}$")
# a surname with its initials ('Петров П.П.', 'П. П. Петров'): a name
_INITIALS_NAME = lazy(rf"(?<![{_LOW}{_UP}])(?:[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?[ \t]+[{_UP}]\.[ \t]?(?:[{_UP}]\.)?"
                      rf"|[{_UP}]\.[ \t]?(?:[{_UP}]\.[ \t]?)?[{_UP}][{_LOW}]{{2,}}(?:-[{_UP}][{_LOW}]+)?)(?![{_LOW}{_UP}])")
# an address after its label ('Адрес доставки: ...'): each of its comma fields is the street's
# (masked) unless it is the region's (a settlement with its kind, a region, a postcode, the country)
_ADDR_LABEL = lazy(rf"(?i:(?<![{_LOW}{_UP}])(?:адрес(?:[ \t]+(?:доставки|получателя|отправителя|места))?|адреса|"
                   rf"адреса[ \t]+доставки|διεύθυνση|διευθυνση))[ \t]*[:：][ \t]*(?P<v>[^\n;|]{{3,160}})")
_PC_TOWN_BEFORE = lazy(rf"(?<!\d)(?P<pc>\d{{6}}),?[ \t]*(?P<town>{_TOWN}),?[ \t]*$")
# a region line of its own: the town (after its region: 'Московская обл.', 'Краснодарский край', 'Респ.
# Татарстан') and its postcode before or after it, 'г. Екатеринбург, 620014', '620014, г. Екатеринбург':
# the region share keeps, the postcode's tail masked (a Russian label's region line stood in dispose,
# and was filled in share on a label image, nothing saying it was the region; found by hand,
# 2026-12-07 evening)
_AREA = (rf"(?:[{_UP}][{_LOW}\-]+[ \t]+(?i:обл\.?|область|край|р-н|район|округ|АО|област)"
         rf"|(?i:респ\.|республика)[ \t]+[{_UP}][{_LOW}\-]+(?:[ \t]+[{_UP}][{_LOW}\-]+)?)")
_REGION_FIELD = lazy(rf"(?:{_AREA}|(?:г|гор|пос|п|с|ст|ст-ца|рп|смт|м|село|хутір|станица|місто|селище|д|дер)\.?[ \t]+[{_UP}]"
                     rf"|Россия$|РФ$|Российская Федерация$|Украина$|Україна$|Беларусь$|Казахстан$|Москва$|Санкт-Петербург$|СПб$)")
# a Greek floor or flat ('3ος όροφος', 'όροφος 2', 'διαμ. 5'): the unit part, stood after a street
# ('Λεωφ. Συγγρού 210, 3ος όροφος'; found by hand, 2026-12-07 evening)
_GR_UNIT = lazy(r"(?<![^\W\d_])(?:\d{1,2}(?:ος|ο|ης|η|ου)[ \t]+(?i:όροφος|οροφος|ορόφου|ορόφ\.|ορ\.)"
                r"|(?i:όροφος|οροφος|διαμ\.|διαμέρισμα|διαμερισμα|γραφείο|γραφειο)[ \t]*:?[ \t]*\d{1,4}[α-ωΑ-Ω]?)(?![^\W\d_])")
_GR_GATE = lazy("[\u0370-\u03ff]")
# a street of any words and its number, then the town and the postcode ('Πατησίων 45, Αθήνα 104 34',
# 'Хрещатик 22, Київ 01001'; the street stood whole)
_STREET_TOWN_PC = lazy(
    rf"(?<![{_LOW}{_UP}\d])(?P<street>(?:[{_LOW}{_UP}][{_LOW}{_UP}.'’\-]*[ \t]+){{0,4}}[{_UP}][{_LOW}{_UP}.'’\-]*[ \t]+"
    rf"\d{{1,4}}[{_LOW}]?(?:[\-/]\d{{1,4}})?)[ \t]*,[ \t]*(?P<town>{_TOWN}),?[ \t]+(?P<pc>\d{{3}}[ \t]?\d{{2,3}})(?!\d)")
_KIND_OR_AREA = lazy(rf"{_AREA}|(?:г|гор|пос|п|с|ст|ст-ца|рп|смт|м|село|хутір|станица|місто|селище)\.?[ \t]")
_PATRONYMIC = lazy(rf"[{_LOW}](?:ович|евич|овна|евна|ична|инична)\b")
# (and a Greek one, '105 63 Αθήνα', 'ΤΚ 10563 Αθήνα', 'Θεσσαλονίκη, 546 21': a postcode of 3 and 2 digits)
_TK = r"(?:(?:ΤΚ|Τ\.Κ\.)[ \t]*)?"
# (and the country after it: 'г. Екатеринбург, 620014, Россия' on a cross-border parcel)
_COUNTRY = r"(?:Россия|Российская Федерация|РФ|Russia|Україна|Ukraine|Беларусь|Belarus|Казахстан|Ελλάδα|Ελλάς|Greece)"
_REGION_LINE = lazy(rf"(?m)^[ \t]*(?:{_TK}(?P<pc2>\d{{6}}|\d{{3}}[ \t]?\d{{2}}),?[ \t]*)?(?P<town>(?:{_AREA},?[ \t]+)*{_TOWN})"
                    rf"(?:,?[ \t]*{_TK}(?P<pc>\d{{6}}|\d{{3}}[ \t]?\d{{2}}))?(?:,?[ \t]*(?P<country>{_COUNTRY}))?[ \t,.]*$")


# a phone label or a name label alone before the number is no name
_O_LABEL_ONLY = lazy(rf"(?:{_O_PHONE_LABEL}|{_O_NAME_LABEL})")


_DATE = lazy(r"\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./]\d{4}")


# a postcode and town ending a field ('..., 4391500 רימונים', '..., 53910 ลำปาง', '..., अगरतला 636083';
# a town of up to four words, '478754 दादरा और नगर हवेली', world_text --locales scripts seed 83)
# in a text of a script without capitals: the street line is the field's text before them, back to
# the field's start (a separator, a label's colon, a phone or a name found before it)
_O_TOWN_WORD = rf"(?:{_OW}|[{_VI_UPPER}][^\s,;|/]*)"
# (an Iranian postcode has 10 digits, '2982357213', or 5 and 5: '12345-67890')
_O_PC = r"(?:\d{5}-?\d{5}|\d{4,7})(?!\d)"
# (a Vietnamese town after its kind in lower case: '30622 thành phố Huế', '... tỉnh Lào Cai')
_O_TOWN = rf"(?:(?:[Tt]hành phố|[Tt]ỉnh|[Qq]uận|[Hh]uyện|[Tt]hị xã|[Tt]hị trấn)[ \t]+)?{_O_TOWN_WORD}(?:[ \t]+{_O_TOWN_WORD}){{0,3}}{_QUALIFIER}"
_O_PC_TOWN = lazy(rf",[ \t]*(?:(?P<pc>{_O_PC})[ \t]+(?P<town>{_O_TOWN})"
                        # (and a dash between a town and its postcode, as Indian and Bangladeshi addresses
                        # write it: 'राजस्थान - 302016', 'ঢাকা-১২৩০' kept the PIN whole; found by hand)
                        rf"|(?P<town2>{_O_TOWN})(?:[ \t]*[\-–][ \t]*|[ \t]+)(?P<pc2>{_O_PC}))"
                        # (a town may go on after a spaced dash or in brackets: '2014802 פוריה - נווה עובד',
                        # '7312456 מרחביה (מושב)': their street lines and postcodes stood, world_text
                        # --locales scripts seed 83; the town's first words are the region)
                        rf"(?=[ \t]*(?:[,;|/\n–—.\"()（）]|-[ \t]|$))")
# a flat, studio, house, building or unit and its number in scripts without capitals: a field of
# its own before the street ('ষ্টুডিও ৯১, বিল্ডিং নং ২, সুবর্ণপ্লাজা, ৭৯২৫ বরগুনা': three fields
# before the postcode, the first stood; world_text --locales scripts seed 77)
_O_UNIT = lazy(r"(?<![^\W\d_])(?:ফ্ল্যাট(?:[ \t]*নং)?|অ্যাপার্টমেন্ট|এপার্টমেন্ট|ষ্টুডিও|স্টুডিও|বাসা[ \t]*নং|বাড়ী[ \t]*নং|"
                     r"বাড়ি[ \t]*নং|বিল্ডিং[ \t]*নং|হোল্ডিং[ \t]*নং|রোড[ \t]*নং|"
                     r"फ्लैट|फ़्लैट|मकान[ \t]*(?:नं\.?|नंबर|संख्या)|प्लॉट[ \t]*(?:नं\.?)?|"
                     r"واحد|سوئیت|پلاک|طبقه|شقة|شقه|مبنى|عمارة|"
                     # (and a Gulf label's villa, office, floor, PO box, a Hebrew one's house and PO box)
                     r"فيلا|فيلّا|مكتب|طابق|الطابق|الدور|دور|منزل|برج|ص\.[ \t]?ب\.?|صندوق[ \t]+بريد|"
                     # (a Kuwaiti block and plot: 'قطعة 3', 'بلوك 5')
                     r"قطعة|قطعه|بلوك|بلك|"
                     r"דירה|כניסה|קומה|בית|ת\.[ \t]?ד\.?|ת\"ד|ת״ד|"
                     r"ห้อง|(?:บ้าน)?เลขที่|หมู่(?:ที่)?|ชั้น)[ \t]*[:.]?[ \t]*"
                     # (with its word for number between: 'شقة رقم 5', 'عمارة رقم 12', 'דירה מס' 4' stood)
                     r"(?:(?:رقم|מס['׳]?|מספר)[ \t]*[:.]?[ \t]*)?\d{1,5}(?:[ \t]?[/\-][ \t]?\d{1,4})?(?!\d)"
                     # (and an Arabic floor by its ordinal word: 'الطابق الثالث')
                     r"|(?<![^\W\d_])(?:ال)?(?:طابق|دور)[ \t]+(?:ال)?(?:أرضي|ارضي|أول|اول|ثاني|ثالث|رابع|خامس|سادس|"
                     r"سابع|ثامن|تاسع|عاشر)(?![^\W\d_])")
_O_UNIT_GATE = lazy(r"[\u0980-\u09ff\u0900-\u097f\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f]")

# ------------------------------------------------------------------ South Asia (India, Bangladesh, Sri Lanka)
# (a hand probe of labels and notes as Indian and Bangladeshi senders write them, 2026-12-07 night:
# 'पता: मकान नं. 45, गली नं. 3, शास्त्री नगर, जयपुर, राजस्थान - 302016' kept all but the house and the
# whole PIN; 'सेवा में, श्रीमती कमला देवी' and 'பெறுநர்: முருகன் செல்வம்' kept the names; 'पिन कोड: 110001',
# 'বাড়ি ১২', 'গলি নং. 3', 'கதவு எண் 15', '৩য় তলা' stood)
_INDIC = "\u0900-\u0dff"
_INDIC_GATE = lazy(f"[{_INDIC}]")
# an Indic word: its letters and signs, no digit, no danda
_IW = rf"(?:(?![\d\u0964\u0965])[{_INDIC}])+"
# a name after a title (श्री, श्रीमती, कुमारी, डॉ., जनाब, திரு., ...) or a relation (पुत्र, S/O, C/O: the
# father's, husband's or carer's name is personal too), one to three words to the next comma, number,
# title or relation
_IN_TITLE = (r"श्रीमती|श्रीमान|श्री|सुश्री|कुमारी|कु\.|डॉ\.|डा\.|स्व\.|जनाब|जनाबा|শ্রীমতী|শ্রীমান|শ্রী|জনাব|জনাবা|"
             r"ডাঃ|ডা\.|திருமதி|திரு\.?|செல்வி|டாக்டர்|శ్రీమతి|శ్రీ|ಶ್ರೀಮತಿ|ಶ್ರೀ|શ્રીમતી|શ્રી|ਸ਼੍ਰੀਮਤੀ|ਸ਼੍ਰੀ|ਸ੍ਰੀ|ശ്രീമതി|ശ്രീ|ଶ୍ରୀମତୀ|ଶ୍ରୀ")
_IN_RELATION = (r"सुपुत्र|सुपुत्री|पुत्र|पुत्री|पत्नी|पति|पिता|द्वारा|मार्फत|c/o|C/O|s/o|S/O|d/o|D/O|w/o|W/O|h/o|H/O|"
                r"পিতা|স্বামী|মাতা|প্রযত্নে|மகன்|மகள்|மனைவி")
# (a title is a word of its own: 'श्रीवास्तव' is a surname, not श्री and a name)
_IN_SEP = r"(?:[ \t]+|\.[ \t]*|:[ \t]*|(?<=\.))"
_IN_TITLED_NAME = lazy(rf"(?<![{_INDIC}A-Za-z])(?:(?:{_IN_RELATION}){_IN_SEP}(?:(?:{_IN_TITLE}){_IN_SEP})?|(?:{_IN_TITLE}){_IN_SEP})"
                       rf"(?P<name>(?!(?:{_IN_TITLE}|{_IN_RELATION})(?![{_INDIC}])){_IW}"
                       rf"(?:[ \t]+(?!(?:{_IN_TITLE}|{_IN_RELATION})(?![{_INDIC}])){_IW}){{0,2}})")
# a house, flat, lane, ward, sector, block, floor or door and its number, in the scripts of South Asia
# ('गली नं. 3', 'वार्ड नं. 7', 'বাড়ি ১২', '৩য় তলা', 'கதவு எண் 15', 'ఇంటి నం. 12-3-45', 'ಮನೆ ಸಂಖ್ಯೆ 45', '3ನೇ ಕ್ರಾಸ್')
_IN_NO = r"(?:[ \t]*(?:नं\.?|नंबर|संख्या|क्र\.?|क्रमांक|নং\.?|নম্বর|எண்|నం\.?|నంబర్|ಸಂಖ್ಯೆ|ನಂ\.?|નં\.?|નંબર|ਨੰ\.?|നമ്പർ|ନଂ\.?))?"
_IN_NUM = rf"(?:[A-Za-z]{{1,2}}[ \t]?[\-/]?[ \t]?)?\d{{1,5}}(?:[ \t]?[/\-][ \t]?\d{{1,5}}){{0,2}}(?:[A-Za-z]|[{_INDIC}]{{1,2}})?(?![\d{_INDIC}A-Za-z])"
_IN_UNIT_WORD = (r"मकान|घर|हाउस|फ्लैट|फ़्लैट|प्लॉट|प्लाट|गली|वार्ड|वडा|सेक्टर|ब्लॉक|ब्लाक|फेज़|फेज|कमरा|शॉप|दुकान|खसरा|"
                 r"বাড়ি|বাড়ী|বাসা|হোল্ডিং|রোড|লেন|গলি|সেক্টর|ব্লক|ফ্ল্যাট|ওয়ার্ড|"
                 r"கதவு|வீட்டு|வீடு|மனை|ఇంటి|డోర్|ప్లాట్|ಮನೆ|ಪ್ಲಾಟ್|મકાન|ઘર|ફ્લેટ|પ્લોટ|ਮਕਾਨ|ਘਰ|ਫਲੈਟ|വീട്|വീട്ടു|ଘର|අංක|නිවස")
_IN_FLOOR = r"मंजिल|मंज़िल|माला|फ्लोर|তলা|মঞ্জিল|தளம்|అంతస్తు|ಮಹಡಿ|ಕ್ರಾಸ್|ಮೇನ್|માળ|ਮੰਜ਼ਿਲ|നില"
_IN_UNIT = lazy(rf"(?<![{_INDIC}A-Za-z])(?:(?:{_IN_UNIT_WORD}){_IN_NO}[ \t]*[:.]?[ \t]*{_IN_NUM}"
                rf"|\d{{1,3}}[{_INDIC}]{{0,4}}[ \t]*(?:{_IN_FLOOR}))(?![{_INDIC}])")
# a way, a landmark or a locality by its kind after its name ('स्टेशन रोड', 'नेहरू मार्ग', 'शास्त्री नगर', 'शिव
# मंदिर के पास'; near, opposite and behind a landmark is how Indian addresses say where a house is):
# the street line's, masked (a town of one word, 'श्रीनगर', 'अहमदनगर', is no way)
_IN_WAY = (r"रोड|मार्ग|सड़क|सडक|पथ|चौक|चौराहा|बाजार|बाज़ार|नगर|कॉलोनी|कालोनी|कॉलनी|विहार|पुरम|एन्क्लेव|मोहल्ला|बस्ती|"
           r"अपार्टमेंट|अपार्टमेंट्स|सोसाइटी|सोसायटी|टावर|भवन|निवास|लेआउट|"
           r"রোড|সড়ক|সরণি|লেন|এভিনিউ|মহল্লা|পাড়া|কলোনি|টাওয়ার|ভবন|"
           r"தெரு|சாலை|வீதி|நகர்|குடியிருப்பு|காலனி|రోడ్|వీధి|నగర్|కాలనీ|ರಸ್ತೆ|ನಗರ|ಬಡಾವಣೆ|ಲೇಔಟ್|"
           r"રોડ|માર્ગ|નગર|સોસાયટી|ਰੋਡ|ਮਾਰਗ|ਨਗਰ|ਕਲੋਨੀ|ਟਾਊਨ|റോഡ്|നഗർ|കോളനി|ରୋଡ|ନଗର|පාර|මාවත|වීදිය|පටුමග")
_IN_NEAR = (r"के[ \t]+(?:पास|सामने|पीछे|निकट|बगल में)|के[ \t]+नजदीक|निकट|নিকট|কাছে|সামনে|அருகில்|எதிரில்|"
            r"దగ్గర|ಹತ್ತಿರ|પાસે|ਨੇੜੇ|സമീപം|ପାଖରେ")
_IN_STREET = lazy(rf"(?<![{_INDIC}A-Za-z\d])(?:{_IN_NUM}[ \t]*)?(?:{_IW}[ \t]+){{0,2}}{_IW}[ \t]+"
                  rf"(?:(?:{_IN_WAY})(?:[ \t]*(?:-|नं\.?|নং)?[ \t]*\d{{1,4}}(?!\d))?|(?:{_IN_NEAR}))(?![{_INDIC}])")
# an address after its label: every comma field of it is the street line's (masked) but the
# region's: a town or state ``towns_indic`` knows, a district's field (जिला बलिया), a postcode and
# the words before it ('राजस्थान - 302016', 'ঢাকা-১২৩০')
_IN_ADDR_LABEL = lazy(r"(?<![\u0900-\u0dff])(?:(?:प्राप्तकर्ता|प्रेषक|डिलीवरी|पूरा)[ \t]+(?:का[ \t]+)?पता|पता|पत्ता|"
                      r"প্রাপকের[ \t]+ঠিকানা|ঠিকানা|முகவரி|చిరునామా|ವಿಳಾಸ|સરનામું|ਪਤਾ|വിലാസം|ଠିକଣା|ලිපිනය)"
                      r"(?!(?!ঃ)[\u0900-\u0dff])[ \t]*ঃ?[ \t]*[:：\-–]?[ \t]*(?<=[:：\-–ঃ ])[ \t]*(?P<v>[^\n;|]{3,200})")
_IN_DISTRICT = lazy(r"(?:जिला|ज़िला|जि\.|राज्य|प्रांत|তহসিল|জেলা|জেলাঃ|বিভাগ|மாவட்டம்|மாநிலம்|జిల్లా|రాష్ట్రం|"
                    r"ಜಿಲ್ಲೆ|ರಾಜ್ಯ|જિલ્લો|જિલ્લા|રાજ્ય|ਜ਼ਿਲ੍ਹਾ|ਜਿਲ੍ਹਾ|ਰਾਜ|ജില്ല|സംസ്ഥാനം|ଜିଲ୍ଲା)(?![\u0900-\u0dff])")
_IN_FIELD_PC = lazy(r"(?P<pre>.*?)[ \t]*(?:[-–:][ \t]*)?(?P<pc>\d{3}[ \t]?\d{3}|\d{4,5})$")
# a postcode after its label ('पिन कोड: 110001', 'পোস্ট কোড: ১২০৫', 'அஞ்சல் குறியீடு: 625001'; they stood
# whole): its first two digits are the region's, as the postcode and town rule keeps them, its tail masked
_IN_PIN = lazy(r"(?<![\u0900-\u0dff])(?:पिन[ \t]*कोड|पिनकोड|पिन|डाक[ \t]*कोड|পিন[ \t]*কোড|পোস্ট[ \t]*কোড|পোস্টকোড|ডাক[ \t]*কোড|"
               r"அஞ்சல்[ \t]*குறியீடு|அஞ்சல்[ \t]*குறியீட்டு[ \t]*எண்|பின்[ \t]*கோடு|పిన్[ \t]*కోడ్|ಪಿನ್[ \t]*ಕೋಡ್|"
               r"પિન[ \t]*કોડ|ਪਿੰਨ[ \t]*ਕੋਡ|ਪਿਨ[ \t]*ਕੋਡ|പിൻ[ \t]*കോഡ്|ପିନ୍[ \t]*କୋଡ୍|ପିନ[ \t]*କୋଡ)(?!(?!ঃ)[\u0900-\u0dff])"
               r"[ \t]*(?:नं\.?|নং)?[ \t]*ঃ?[ \t]*[:：\-–]?[ \t]*(?P<pc>\d{3}[ \t]?\d{3}|\d{4,5})(?!\d)")
_IN_DIGITS = re.compile(r"\d")
# an order's, an invoice's or a bill's number word before a number (no person's name and phone)
_IN_REF_WORDS = lazy(r"(?:ऑर्डर|आर्डर|आदेश|इनवॉइस|इनवॉयस|चालान|बिल|रसीद|অর্ডার|ইনভয়েস|চালান|ரசீது|ஆர்டர்|ఆర్డర్|ಆರ್ಡರ್|"
                     r"ઓર્ડર|ਆਰਡਰ|ഓർഡർ)(?:[ \t]+(?:संख्या|नं\.?|नंबर|आईडी|নং|নম্বর|আইডি|எண்))?[ \t]*[:：]?[ \t]*$")
# a village, post office or police station and its name ('ग्राम रामपुर', 'पोस्ट सिकंदरपुर', 'গ্রাম চরপাড়া'):
# a rural address's detail (its district is the region's)
_IN_VILLAGE_WORD = (r"ग्राम|गाँव|गांव|मौजा|पोस्ट|पो\.|डाकघर|थाना|टोला|গ্রাম|ডাকঘর|পোস্ট|থানা|মহল্লা|கிராமம்|"
                    r"அஞ்சல்|ગામ|ਪਿੰਡ|ഗ്രാമം")
_IN_VILLAGE = lazy(rf"(?<![{_INDIC}])(?:(?:{_IN_VILLAGE_WORD})(?![{_INDIC}])[ \t]*[:：\-]?[ \t]*)+{_IW}")
# a Latin name after a name label of these scripts ('प्राप्तकर्ता: Rahul Sharma'; it stood)
_IN_LABEL_LATIN = lazy(r"(?<![\u0900-\u0dff])(?:प्रेषिती|प्राप्तकर्ता(?:[ \t]+का[ \t]+नाम)?|प्रेषक(?:[ \t]+का[ \t]+नाम)?|नाम|"
                       r"প্রাপক(?:ের নাম)?|প্রেরক(?:ের নাম)?|নাম|பெறுநர்|அனுப்புநர்|பெயர்)[ \t]*ঃ?[ \t]*[:：\-–]?[ \t]*"
                       r"(?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})")
_IN_FOUR_DIGITS = re.compile(r"\d{4}")
_IN_NUM_BEFORE = lazy(rf"(?:^|(?<=[,;:\n|]))[ \t]*(?P<n>{_IN_NUM})[ \t]*,[ \t]*$")
_IN_NEXT_FIELD = lazy(r"[ \t]*[,،][ \t]*(?P<v>[^,،\n;|]+)")
_IN_REGION_LINE = lazy(rf"(?m)^[ \t]*(?P<town>{_IW}(?:[ \t]+{_IW}){{0,2}})[ \t]*(?:[,\-–][ \t]*)?"
                       r"(?P<pc>\d{3}[ \t]?\d{3}|\d{4,5})[ \t.]*$")
_INDIC_KEY_DROP = re.compile("[\u093c\u09bc\u0a3c\u0abc\u0b3c\u200c\u200d.]")


def _label_fields(text: str, m, field: str, trail: str):
    """(start, end) of each field (``field``: a pattern of one) of a labelled value ``m.group("v")``,
    blanks trimmed at its start and ``trail`` at its end; empty fields left out."""
    v0 = m.start("v")
    for f in re.finditer(field, m.group("v")):
        a, b = v0 + f.start(), v0 + f.end()
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in trail:
            b -= 1
        if b > a:
            yield a, b


def indic_key(name: str) -> str:
    """A town's name as ``resources.towns_indic`` holds it: composed (NFC), without nukta, joiners
    and dots, hyphens as spaces, one space between words."""
    return " ".join(_INDIC_KEY_DROP.sub("", unicodedata.normalize("NFC", name)).replace("-", " ").split())


@lru_cache(maxsize=4096)
def known_indic_town(name: str) -> bool:
    """Whether ``name`` is a town, state or division of South Asia that ``resources.towns_indic`` holds."""
    from ..resources import towns_indic
    return indic_key(name) in towns_indic()


def _indic(text: str, ctx: Context, out: list, before) -> None:
    """The South Asian rules (names after titles and relations, units, ways and landmarks, an
    address after its label, a postcode after its label), added to ``out`` where nothing found
    so far covers them."""
    def free(a: int, b: int) -> bool:
        return not any(f.start < b and a < f.end for f in out) and not any(f.start < b and a < f.end for f in before)

    def pin(a: int, b: int, head: int, how: str) -> None:
        out.append(Finding(T.ADDRESS_REGION, a, a + head, text[a:a + head], 0.75, how, role=ctx.role))
        out.append(Finding(T.ADDRESS, a + head, b, text[a + head:b], 0.75, how, role=ctx.role))

    for m in _IN_TITLED_NAME.finditer(text):
        a, b = m.span("name")
        if free(a, b) and not known_indic_town(m.group("name")):
            out.append(Finding(T.NAME, a, b, m.group("name"), 0.8, "other_scripts.titled_in",
                               meta=(("latin", True),), role=ctx.role))
    for m in _IN_LABEL_LATIN.finditer(text):
        a, b = m.span("name")
        if free(a, b):
            out.append(Finding(T.NAME, a, b, m.group("name"), 0.8, "other_scripts.label", role=ctx.role))
    for m in _IN_VILLAGE.finditer(text):
        a, b = m.span()
        if free(a, b):
            out.append(Finding(T.ADDRESS, a, b, m.group(), 0.75, "other_scripts.street_in", role=ctx.role))
    for m in _IN_PIN.finditer(text):
        a, b = m.span("pc")
        if free(a, b):
            pin(a, b, 2, "other_scripts.postcode")
    for m in _IN_ADDR_LABEL.finditer(text):
        for a, b in _label_fields(text, m, "[^,،]+", " \t.।"):
            field = text[a:b]
            pc = _IN_FIELD_PC.fullmatch(field)
            if pc is not None and (not pc.group("pre") or len(pc.group("pre").split()) <= 3):
                # (the postcode even where something before it in its field was found: 'मकान नं. 45 -
                # 302016' kept the PIN whole once the house was masked)
                p, q = a + pc.start("pc"), a + pc.end("pc")
                if free(p, q):
                    pin(p, q, 2, "other_scripts.postcode")
                pre = pc.group("pre")
                if pre and free(a, a + pc.end("pre")):
                    if not _IN_DIGITS.search(pre) and (known_indic_town(pre) or _IN_DISTRICT.search(pre)):
                        out.append(Finding(T.ADDRESS_REGION, a, a + pc.end("pre"), pre, 0.7, "other_scripts.town",
                                           role=ctx.role))
                    else:
                        # (words the list does not know before the postcode: the street line's, not a
                        # town kept as the region)
                        out.append(Finding(T.ADDRESS, a, a + pc.end("pre"), pre, 0.6, "other_scripts.town_unknown",
                                           role=ctx.role))
            elif not free(a, b):
                continue
            elif not _IN_DIGITS.search(field) and (known_indic_town(field) or _IN_DISTRICT.search(field)):
                out.append(Finding(T.ADDRESS_REGION, a, b, field, 0.7, "other_scripts.town", role=ctx.role))
            else:
                out.append(Finding(T.ADDRESS, a, b, field, 0.75, "other_scripts.address_label", role=ctx.role))
    if ctx.hint is T.ADDRESS_REGION:
        return  # (a region's column: 'दादरा और नगर हवेली' is a territory, not a locality and a word)
    for rx in (_IN_UNIT, _IN_STREET):
        for m in rx.finditer(text):
            a, b = m.span()
            # (not inside a town's or state's name its field holds whole: 'दादरा और नगर हवेली')
            fa = max(text.rfind(c, 0, a) for c in ",;\n|:") + 1
            fb = min([k for k in (text.find(c, b) for c in ",;\n|") if k >= 0] or [len(text)])
            if not any(f.type is T.ADDRESS and f.start <= a and b <= f.end for f in out) and \
                    not known_indic_town(m.group()) and not known_indic_town(text[fa:fb].strip()):
                out.append(Finding(T.ADDRESS, a, b, m.group(), 0.75, "other_scripts.street_in", role=ctx.role))
    # the fields after a street line's part on its line, up to a town or state the list knows or a
    # number of four digits or more (a postcode, a phone): the locality or area of the house ('222/8,
    # शिवाजी मार्ग, सिविल लाइंस', 'বাড়ি নং ৫, রোড ১২, সাহেব বাজার': the area stood on a label's line;
    # label_gen in_post, bd_post)
    for f in sorted([f for f in out if f.type is T.ADDRESS], key=lambda f: f.end):
        pos = f.end
        for m in _IN_NEXT_FIELD.finditer(text, pos):
            if m.start() != pos:
                break
            a, b = m.span("v")
            while b > a and text[b - 1] in " \t.।":
                b -= 1
            field = text[a:b]
            pos = m.end()
            if not field or _IN_FOUR_DIGITS.search(field) or known_indic_town(field) or _IN_DISTRICT.search(field) \
                    or not _INDIC_GATE.search(field):
                break
            if free(a, b):
                out.append(Finding(T.ADDRESS, a, b, field, 0.7, "other_scripts.street_in", role=ctx.role))
    # a house number alone in the field before a street line's part ('222/8, शिवाजी मार्ग')
    for f in [f for f in out if f.type is T.ADDRESS]:
        m = _IN_NUM_BEFORE.search(text, max(0, f.start - 24), f.start)
        if m is not None and free(*m.span("n")):
            out.append(Finding(T.ADDRESS, *m.span("n"), m.group("n"), 0.7, "other_scripts.street_in", role=ctx.role))
    # a region line of its own: a town the list knows and its postcode ('ঢাকা ১২০৫', 'जयपुर - 302016'):
    # the town and the postcode's head kept, its tail masked (the Bengali label's town line kept its
    # postcode whole; label_gen bd_post)
    # (a town the list does not know is masked with the postcode's tail: 'திருச்சி - 620726' kept its
    # postcode whole, the town's short name not in the list; label_gen ta_post, fresh seed 35200. An
    # unknown word before a number may be a name, not a town)
    for m in _IN_REGION_LINE.finditer(text):
        a, b = m.span()
        if free(a, b):
            if known_indic_town(m.group("town")):
                out.append(Finding(T.ADDRESS_REGION, *m.span("town"), m.group("town"), 0.7, "other_scripts.town",
                                   role=ctx.role))
            else:
                out.append(Finding(T.ADDRESS, *m.span("town"), m.group("town"), 0.6, "other_scripts.town_unknown",
                                   role=ctx.role))
            p, q = m.span("pc")
            pin(p, q, 2, "other_scripts.postcode")
# a Persian or Arabic street line by its kind of way, with no postcode after it to find it by: a house
# number and one to three words before the kind ('661 سرخوشیان جاده', '95951 ایلیا میدان واحد 123',
# how Faker writes them) or the kind before one or two words ('خیابان ولیعصر، کوچه 12، پلاک 5'), with
# the unit or plate number after (world_text --locales scripts seeds 83-84: 6-9% of fa_IR street
# lines stood, their "postcodes" 3 digits long)
_AR_WORD = r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff][\u0610-\u061a\u064b-\u065f\u0621-\u06d3\u06d5\u06fa-\u06ff\u200c]*"
_AR_WAY = (r"(?:خیابان|خيابان|کوچه|كوچه|بلوار|جاده|میدان|ميدان|تقاطع|بزرگ[ \u200c]?راه|اتوبان|آزاد[ \u200c]?راه|کوی|"
           r"بن[ \u200c]?بست|دره|جنب|چهار[ \u200c]?راه|سه[ \u200c]?راه|فلکه|پل|تونل|جزیره|کوه|"
           # (and Egypt's short form of شارع, 'ش. التحرير 15', '15 ش التحرير': the street stood)
           r"شارع|طريق|زقاق|جادة|ش\.|ش(?=[ \t]+[\u0621-\u064a]))")
_AR_TAIL = r"(?:[ \t]*[,،]?[ \t]*(?:واحد|سوئیت|پلاک|پلاك|طبقه|شقة|رقم)[ \t]*\d{1,5})*"
# (and a Gulf or Egyptian one: the building's number before the kind, 'عمارة 4129 شارع الجامعة', as the
# Saudi national address writes it, or the street's name of up to five words and its number after
# it, 'شارع الأمير سلطان 7063', 'طريق الأمير محمد بن عبدالعزيز', or a numbered street's, 'شارع 15 5718';
# the number stood before or after the masked street, and the name's third word on; found by hand,
# 2026-12-07 night) and the district
# ('حي الروضة': a district of a town, masked with the street)
_AR_STREET = lazy(rf"(?<![^\W\d_])(?:\d{{1,5}}[ \t]+(?:{_AR_WORD}[ \t]+){{1,3}}{_AR_WAY}|"
                        rf"(?:\d{{1,5}}[ \t]+)?{_AR_WAY}[ \t]+(?:{_AR_WORD}(?:[ \t]+{_AR_WORD}){{0,4}}(?:[ \t]+\d{{1,5}}(?!\d))?"
                        rf"|\d{{1,5}}(?:[ \t]+\d{{1,5}})?(?!\d))|حي[ \t]+(?!{_AR_WAY}){_AR_WORD}(?:[ \t]+(?!{_AR_WAY}){_AR_WORD})?)(?![^\W\d_]){_AR_TAIL}")
_AR_WAY_END = lazy(rf"(?<![^\W\d_]){_AR_WAY}$")
_AR_GATE = lazy(rf"{_AR_WAY}|حي[ \t]")  # (every street line above holds a kind of way, or a district)
# a Hebrew street line: its kind of way (רחוב, רח', שדרות, שד', דרך, סמטת, כיכר, שכונת, ...), one to four
# words of its name and the house number ('רחוב הרצל 15', 'שד' בן גוריון 149', 'דרך מנחם בגין 132'
# stood whole: only a flat after it, 'דירה 4', was masked; found by hand, 2026-12-07 night)
_HE_WORD = r"[\u05d0-\u05ea][\u05b0-\u05c7\u05d0-\u05ea'׳’\"״\-]*"
_HE_WAY = r"(?:רחוב|רח['׳’]|שדרות|שדר['׳’]|שד['׳’]|דרך|סמטת|סמ['׳’]|כיכר|ככר|שכונת|שכ['׳’]|משעול|נתיב|מבוא|שביל)"
_HE_STREET = lazy(rf"(?<![\u05d0-\u05ea]){_HE_WAY}(?![\u05d0-\u05ea])[ \t]*{_HE_WORD}(?:[ \t]+{_HE_WORD}){{0,3}}"
                  rf"(?:[ \t]*\d{{1,4}}(?:[ \t]*[/\-][ \t]*\d{{1,4}})?[\u05d0-\u05ea]?(?!\d))?")
_HE_GATE = lazy("[\u05d0-\u05ea]")
# a Hebrew street without its kind of way, its name and house number beside a town the gazetteer knows,
# a comma between ('גבעתיים, כצנלסון 12', 'כצנלסון 12, גבעתיים': the street stood; found by hand)
_HE_BARE_STREET = lazy(rf"(?<![\u05d0-\u05ea\d'׳])(?P<st>{_HE_WORD}(?:[ \t]+{_HE_WORD}){{0,2}}[ \t]+\d{{1,4}}"
                       rf"(?:[ \t]*/[ \t]*\d{{1,4}})?[\u05d0-\u05ea]?)(?![\d\u05d0-\u05ea])")
_HE_TOWN_AFTER = lazy(rf"(?:[ \t]*,?[ \t]*(?:דירה|קומה|כניסה|בית)[ \t]*\w{{1,4}})*[ \t]*,?[ \t]*(?P<t>{_HE_WORD}(?:[ \t\-]+{_HE_WORD}){{0,2}})[ \t]*(?:[,.;\n]|$)")
_HE_TOWN_BEFORE = lazy(rf"(?:^|[,.;:\n])[ \t]*(?P<t>{_HE_WORD}(?:[ \t\-]+{_HE_WORD}){{0,2}})[ \t]*,[ \t]*$")
# a name after a Hebrew 'to' of a delivery note: the preposition written on the name ('למסור לשרה לוי',
# deliver to Sarah Levi), 'לידי' (into the hands of), 'עבור' (for); the name stood (found by hand,
# 2026-12-07 night)
_HE_TO_NAME = lazy(r"(?<![\u05d0-\u05ea])(?:(?:למסור|למסירה|להעביר|לתת|מיועד|מיועדת)[ \t]+ל|לידי[ \t]+|עבור[ \t]+)"
                   r"(?P<name>[\u05d0-\u05ea][\u05d0-\u05ea'׳]+(?:[ \t]+[\u05d0-\u05ea][\u05d0-\u05ea'׳\-]+)?)")
_HE_LOCAL = lazy(r"\d{7}|\d{3}-\d{4}")
# a Hebrew entrance by its letter ('כניסה ב'): part of the address, as a flat is
_HE_ENTRANCE = lazy(r"(?<![\u05d0-\u05ea])כניסה[ \t]*[:.]?[ \t]*[\u05d0-\u05ea](?![\u05d0-\u05ea])['׳]?")
# a region line of an Arabic or Hebrew label, on a line or field of its own: a town of one to three
# words and its postcode (5 digits in the Gulf, Egypt, Jordan; 7 in Israel) before or after it, or
# the town and its country ('الرياض 12345', 'תל אביב-יפו 6100000', '6100000 תל אביב', 'دبي،
# الإمارات العربية المتحدة'): share keeps the town and the postcode's head (the line was filled on a
# label image, nothing saying it was the region; found by hand, 2026-12-07 night)
# (a Hebrew abbreviation's gershayim inside a word: 'ת"א', 'ב"ש')
_RTL_TOWN_WORD = (r"(?:[\u05d0-\u05ea\u0621-\u064a\u0671-\u06d3](?:[\u05b0-\u05c7\u05d0-\u05ea\u0610-\u061a\u064b-\u065f"
                  r"\u0621-\u06d3'׳’]|[\"״](?=[\u05d0-\u05ea]))*)")
_RTL_COUNTRY = (r"(?:المملكة العربية السعودية|السعودية|الإمارات العربية المتحدة|الامارات العربية المتحدة|الإمارات|"
                r"الامارات|مصر|جمهورية مصر العربية|الأردن|الاردن|الكويت|قطر|البحرين|سلطنة عمان|عمان|العراق|لبنان|"
                r"المغرب|ישראל|Saudi Arabia|KSA|UAE|United Arab Emirates|Egypt|Jordan|Kuwait|Qatar|Bahrain|Oman|Israel)")
_RTL_REGION_LINE = lazy(
    rf"(?m)^[ \t]*(?:(?P<pc2>\d{{5}}|\d{{7}})[ \t]*[,،]?[ \t]*)?"
    rf"(?P<town>{_RTL_TOWN_WORD}(?:(?:[ \t]+|[ \t]*-[ \t]*){_RTL_TOWN_WORD}){{0,2}})"
    rf"(?:[ \t]*[,،]?[ \t]*(?P<pc>\d{{5}}|\d{{7}}))?(?:[ \t]*[,،\-][ \t]*(?P<country>{_RTL_COUNTRY}))?[ \t,.،]*$")
_RTL_GATE = lazy("[\u05d0-\u05ea\u0621-\u064a]")
# a town and its postcode inside an Arabic or Hebrew line ('صندوق بريد 12345 الرياض 11564': the town
# and postcode after a PO box stood whole in dispose); the town's last one to three words, one the
# gazetteer knows, and the postcode after it
_RTL_TOWN_PC = lazy(rf"(?<![\d\u0590-\u06ff])(?P<town>{_RTL_TOWN_WORD}(?:(?:[ \t]+|[ \t]*-[ \t]*){_RTL_TOWN_WORD}){{0,2}})"
                    rf"[ \t]*[,،]?[ \t]*(?P<pc>\d{{5}}|\d{{7}})(?!\d)")
# a name after 'my name is' ('השם שלי הוא אבי כהן', 'קוראים לי רונית', 'اسمي فاطمة') and an Arabic
# kunya, 'أبو محمد' (the father of Muhammad: 'التوصيل لبيت أبو محمد' stood; found by hand, 2026-12-07
# night); not a town the gazetteer knows ('أبو ظبي')
_MY_NAME = lazy(rf"(?<![\u05d0-\u05ea\u0621-\u064a])(?:(?:השם שלי|שמי)(?:[ \t]+הוא|[ \t]+זה)?|קוראים לי|[اإ]سمي(?:[ \t]+هو)?)"
                rf"[ \t]*[:,]?[ \t]+(?P<name>{_RTL_TOWN_WORD}(?:[ \t]+{_RTL_TOWN_WORD})?)")
_KUNYA = lazy(rf"(?<![\u0621-\u064a])(?:أبو|ابو|أبي|ابي)[ \t]+{_RTL_TOWN_WORD}")
# a number in Arabic or Hebrew text, and the words after it to the field's end (``detect``)
_O_BARE_RUN = lazy(rf"(?<![\d+])(?P<num>\+?{_O_RUN})(?![\d])(?:[ \t]*[,،;:|/\-–—)]?[ \t]*"
                   rf"(?P<name>{_RTL_TOWN_WORD}(?:[ \t]+{_RTL_TOWN_WORD}){{0,2}})[ \t]*(?=$|[,،;|\n.]))?")
# Persian's own letters: a Persian text's 10-digit postcode and village ('9965644992 روستای نرگس') is no
# number and name
_PERSIAN = lazy("[پچژگکی]")
# a Gulf or Israeli mobile's shape (libphonenumber calls '054-1234567' invalid: its block is not in
# its tables)
_GULF_IL_MOBILE = lazy(r"(?:0|966|971|972)?5\d{8}")
# (a shipment's, an order's or an invoice's number is no person's; an identity number is, and is masked
# as a phone where its label's shape is not one the identity rule takes: 'الهوية . 0541234567')
_RTL_REF_WORDS = lazy(rf"(?:{AR_SHIPMENT}|{HE_SHIPMENT}|طلب|الطلب|فاتورة|الفاتورة|"
                      r"הזמנה|חשבונית|אסמכתא|order|invoice|№)[^\d\n]{0,14}$")
_KEY_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u05b0-\u05c7]")
_KEY_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "׳": "'", "’": "'", "״": '"',
                          "-": " ", "\u05be": " "})


def town_key(name: str) -> str:
    """A town's name as ``resources.towns_rtl`` holds it: without vowel marks and tatweel, the
    alef forms, taa marbuta and alef maqsura written one way (as writers and OCR swap them), geresh
    as an apostrophe, hyphens as spaces."""
    return " ".join(_KEY_DROP.sub("", name).translate(_KEY_MAP).split())


# the towns Israelis write by their initials (Tel Aviv, Beer Sheva, Ramat Gan, Petah Tikva, Rishon
# LeZion, Kiryat Shmona, Jerusalem), as ``town_key`` writes them: 'הרצל 15 ב"ש' kept its street
_HE_TOWN_ABBREVIATIONS = frozenset(['ת"א', 'ב"ש', 'ר"ג', 'פ"ת', 'ראשל"צ', 'ק"ש', "י ם", 'ת"א יפו'])


def _known_town(name: str) -> bool:
    """Whether ``name`` is a town of ``resources.towns_rtl``, or one letter off a town's name of 5
    letters or more (Tesseract read 'الرياض' as 'ارياض' in an Arabic label's bold font, and its
    region line was filled whole)."""
    from ..resources import towns_rtl
    key = town_key(name)
    towns = towns_rtl()
    if key in towns or key in _HE_TOWN_ABBREVIATIONS:
        return True
    return len(key) >= 5 and _near_town(key, towns)


@lru_cache(maxsize=2048)
def _near_town(key: str, towns: frozenset) -> bool:
    return any(len(t) >= 6 and abs(len(t) - len(key)) <= 1 and _one_edit(key, t) for t in towns)


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one inserted, dropped or changed letter."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


_WORDS_BEFORE = lazy(rf"(?:{_RTL_TOWN_WORD}(?:[ \t]+|[ \t]*-[ \t]*)){{0,2}}{_RTL_TOWN_WORD}[ \t]*[,،]?[ \t]*$")
_WORDS_AFTER = lazy(rf"[ \t]*[,،]?[ \t]*{_RTL_TOWN_WORD}(?:(?:[ \t]+|[ \t]*-[ \t]*){_RTL_TOWN_WORD}){{0,2}}")


def _town_before(text: str, at: int) -> tuple[int, int] | None:
    """The span of a known town of one to three words right before ``at`` (a comma or space
    between), the longest that the gazetteer knows."""
    m = _WORDS_BEFORE.search(text, max(0, at - 60), at)
    if m is None:
        return None
    run = m.group().rstrip(" \t,،")
    end = m.start() + len(run)
    starts = [0] + [k.end() for k in re.finditer(r"[ \t\-]+", run)]
    for k in starts:
        if not _NOT_TOWN.search(run[k:]) and _known_town(run[k:]):
            return m.start() + k, end
    return None


def _town_after(text: str, at: int) -> tuple[int, int] | None:
    """The span of a known town of one to three words right after ``at``, the longest."""
    m = _WORDS_AFTER.match(text, at)
    if m is None:
        return None
    lead = len(m.group()) - len(m.group().lstrip(" \t,،"))
    run = m.group()[lead:]
    ends = [len(run)] + [k.start() for k in re.finditer(r"[ \t\-]+", run)][::-1]
    for e in ends:
        if not _NOT_TOWN.search(run[:e]) and _known_town(run[:e]):
            return at + lead, at + lead + e
    return None


def rtl_region_split(text: str) -> tuple[int, int] | None:
    """For a line of an Arabic or Hebrew label that is a region line (``_RTL_REGION_LINE``, a town
    the gazetteer knows): (start, end) of the postcode's tail that share masks ((len, len) for a
    town and its country); None for any other line."""
    m = _RTL_REGION_LINE.fullmatch(text.strip())
    if m is None or (m.group("pc") is not None and m.group("pc2") is not None) or \
            (m.group("pc") is None and m.group("pc2") is None and m.group("country") is None) or \
            not _known_town(m.group("town")) or _NOT_TOWN.search(m.group("town")):
        return None
    off = len(text) - len(text.lstrip())
    pc = "pc" if m.group("pc") is not None else "pc2" if m.group("pc2") is not None else None
    if pc is None:
        return len(text), len(text)
    return off + m.start(pc) + 2, off + m.end(pc)
# words that are no town: labels, kinds of way, units, shipment words
_NOT_TOWN = lazy(rf"(?:{_AR_WAY}|{_HE_WAY}|حي|شقة|شقه|مبنى|عمارة|فيلا|مكتب|طابق|دور|رقم|ص\.?ب|דירה|קומה|כניסה|בית|ת\.?ד|"
                 rf"מיקוד|الرمز|هاتف|الهاتف|جوال|الجوال|موبايل|تلفون|טלפון|טל['׳]|נייד|الوزن|משקל|{AR_SHIPMENT}|{HE_SHIPMENT})"
                 r"(?![^\W\d_])")
_FIELD_START = lazy(r"[;|\n–—:]| / ")  # (not the slash of a house number, '90/743')


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


# a local number of 7 digits written as the former Soviet countries write it ('234-56-71', '234 56 79'):
# the name before it is a contact's (world_text --locales scripts seed 77, Ukrainian records)
_LOCAL7 = lazy(r"\d{3}[ \-]\d{2}[ \-]\d{2}")


# a word after a number (a street's name after a house number)
_WORD_AFTER = lazy(r"[ \t]+[^\W\d_]")
# the countries whose numbers a text of each script is read for (``_valid_here``)
_SCRIPT_REGIONS = ((re.compile(r"[\u0e00-\u0e7f]"), ("TH",)), (re.compile(r"[\u0900-\u097f]"), ("IN", "NP")),
                   (re.compile(r"[\u0980-\u09ff]"), ("BD", "IN")), (re.compile(r"[\u0590-\u05ff]"), ("IL",)),
                   (re.compile(r"[\u0600-\u06ff]"), ("IR", "SA", "AE", "EG", "IQ", "JO", "AF", "PK")),
                   (re.compile(r"[\u10a0-\u10ff]"), ("GE",)), (re.compile(r"[\u0530-\u058f]"), ("AM",)),
                   (re.compile(r"[\u0370-\u03ff]"), ("GR", "CY")),
                   (re.compile(r"[\u0400-\u04ff]"), ("RU", "UA", "BY", "KZ", "BG", "RS")),
                   (re.compile(r"[Đđ\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"), ("VN",)))


def _regions_of(text: str) -> tuple[str, ...]:
    """The countries whose numbers ``text`` is read for, by the scripts it is written in."""
    return tuple(r for rx, rs in _SCRIPT_REGIONS if rx.search(text) for r in rs) or ("ZZ",)


@lru_cache(maxsize=4096)
def _valid_here(regions: tuple[str, ...], number: str, strict: bool = True) -> bool:
    """``number`` is a valid (``strict``, else a possible) phone number with its +country code, or
    in one of ``regions`` (``_regions_of`` the text it is in)."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    test = phonenumbers.is_valid_number if strict else phonenumbers.is_possible_number
    for region in regions:
        try:
            if test(phonenumbers.parse(digits, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _without_labels(text: str, a: int, b: int, lead: bool) -> tuple[int, int]:
    """The span of a name less the label words taken at its end (and, with ``lead``, its start)."""
    words = text[a:b].split()
    while lead and len(words) > 1 and _O_LABEL_ONLY.fullmatch(words[0]):
        a = text.index(words[1], a + len(words[0]))
        words = words[1:]
    while len(words) > 1 and _O_LABEL_ONLY.fullmatch(words[-1]):
        words = words[:-1]
        b = text.rindex(words[-1], a, b) + len(words[-1])
    return a, b


def detect(text: str, ctx: Context, state: dict | None = None) -> list[Finding]:
    out: list[Finding] = []
    before = (state or {}).get("found", ())  # (what the detectors before this one found: phones, e-mails)

    def name(a: int, b: int, score: float, how: str) -> None:
        # (a phone's label after the name is no part of it: 'Получатель Любим Гусева Тел. 8 104 ...')
        tail = _TRAILING_PHONE_LABEL.search(text, a, b)
        if tail is not None and tail.start() > a:
            b = tail.start()
        words = text[a:b].split()
        if words and not any(_NOT_NAME.match(w) for w in words):
            out.append(Finding(T.NAME, a, b, text[a:b], score, f"other_scripts.{how}",
                               meta=(("latin", True),), role=ctx.role))

    found_regions: list = []

    def regions() -> tuple[str, ...]:
        # (the text's scripts are read once, when a number first asks)
        if not found_regions:
            found_regions.append(_regions_of(text))
        return found_regions[0]

    def phone(a: int, b: int, how: str) -> None:
        while _digits(text[a:b]) > 15 and " " in text[a:b].rstrip():
            b = a + text[a:b].rstrip().rindex(" ")  # a house number after the phone ('... 3735 96609 ...')
        if text.startswith("/", b) and text[b + 1:b + 2].isdigit() and " " in text[a:b].strip():
            # a house number written with a slash after the phone ('โทร 03 449 0207 687/2 ถ.ตวงทอง',
            # 'फ़ोन 00442360399 43/00 ...': its first part was read into the phone and kept as the
            # phone's visible tail; world_text --locales scripts seed 83)
            b = a + text[a:b].rstrip().rindex(" ")
        if " " in text[a:b].strip() and _WORD_AFTER.match(text, b) and not _valid_here(regions(), text[a:b]):
            # a house number after the phone ('फ़ोन 04001234568 6590 ...', 'โทร 03 449 0207 687 ...'):
            # its digits were read into the phone and shown as the phone's kept tail; the last
            # group is left out where the number without it is valid in the text's country and
            # with it is not (world_text --locales scripts seed 83)
            run = text[a:b].rstrip()
            head = run[:run.rindex(" ")]
            # (possible, of a length the country's numbers have, is enough for what is left, as
            # phone_intl's own rule takes it: generated numbers outside the known ranges are
            # somebody's too, th_TH seed 85)
            if _digits(head) >= 8 and _valid_here(regions(), head, strict=False):
                # (the group left out is the house number this reading says it is: masked as one,
                # not left bare between the phone and a street that starts after it, 'Тел. 8 104 169
                # 10 71 пр. Леонова': world_text --locales scripts seed 91)
                g, z = a + len(head) + 1, a + len(run)
                out.append(Finding(T.ADDRESS, g, z, text[g:z], 0.7, "other_scripts.house_number", role=ctx.role))
                b = a + len(head)
        if how == "phone_label" and _digits(text[a:b]) < 8:
            # a local number of 7 digits after a phone label ('Тел. 325-79-69': world_text --locales
            # scripts seed 83, Ukrainian notes); a house number after it is not taken
            m = _LOCAL7.match(text, a, b)
            if m is None and _HE_GATE.search(text) is not None:
                m = _HE_LOCAL.match(text, a, b)  # (and an Israeli one, 'טלפון: 6123456')
            if m is not None and not text[m.end():b].strip(" -"):
                out.append(Finding(T.PHONE_INTL, a, m.end(), text[a:m.end()], 0.8, "other_scripts.phone_label_local"))
            return
        if 8 <= _digits(text[a:b]) <= 15 and not _DATE.fullmatch(text[a:b]):
            out.append(Finding(T.PHONE_INTL, a, b, text[a:b], 0.8, f"other_scripts.{how}"))

    def region(town: tuple, pc: tuple, score: float) -> None:
        # the town and the postcode's head kept as the region, the postcode's tail masked
        out.append(Finding(T.ADDRESS_REGION, *town, text[town[0]:town[1]], score, "other_scripts.town", role=ctx.role))
        a, b = pc
        out.append(Finding(T.ADDRESS_REGION, a, a + 2, text[a:a + 2], score, "other_scripts.postcode", role=ctx.role))
        out.append(Finding(T.ADDRESS, a + 2, b, text[a + 2:b], score, "other_scripts.postcode", role=ctx.role))

    tracked: list = []
    for m in _TRACKING_LABELLED.finditer(text):
        out.append(Finding(T.TRACKING, *m.span("num"), m.group("num"), 0.95, "tracking.label"))
        tracked.append(m.span())
    for m in _LABEL.finditer(text):
        name(*m.span("name"), 0.9, "label")
    for m in _PHONE_AFTER_LABEL.finditer(text):
        phone(*m.span("num"), "phone_label")
    for m in _NAME_THEN_PHONE.finditer(text):
        num = m.group("num")
        if (8 <= _digits(num) <= 15 or _LOCAL7.fullmatch(num)) and not _DATE.fullmatch(num):
            # (a receiver's or sender's label before the name is no part of it: 'Получатель Кузнецова
            # Мария 89211234567' masked the label as the name's first word)
            a, b = m.span("name")
            lead = _LEAD_LABEL.match(text, a, b)
            if lead is not None:
                a = lead.end()
            if a < b:
                name(a, b, 0.8, "beside_phone")
            phone(*m.span("num"), "after_name")
    for m in _PHONE_THEN_NAME.finditer(text):
        if 8 <= _digits(m.group("num")) <= 15 and not _DATE.fullmatch(m.group("num")):
            name(*m.span("name"), 0.75, "beside_phone")
            phone(*m.span("num"), "before_name")
    if _VI_GATE.search(text) is not None:
        for m in _VI_LABELLED_PHONE.finditer(text):
            phone(*m.span("num"), "phone_label")
        for m in _VI_LABELLED_NAME.finditer(text):
            name(*m.span("name"), 0.85, "label")
    if _OTHER_GATE.search(text) is not None:
        qualified = set()
        for m in _O_QUALIFIED_NAME.finditer(text):
            a, b = _without_labels(text, *m.span("name"), lead=False)
            if _O_LABEL_ONLY.fullmatch(text[a:b]):
                continue
            qualified.add(m.start("label"))
            out.append(Finding(T.NAME, a, b, text[a:b], 0.85, "other_scripts.label",
                               meta=(("latin", True),), role=ctx.role))
        for m in _O_LABELLED_NAME.finditer(text):
            if m.start() in qualified:
                continue  # (the label's qualifier is no name: the name after the colon is)
            # ('گیرنده ایلیا چنگیزی تلفن ...': the phone's label ends the name)
            a, b = _without_labels(text, *m.span("name"), lead=False)
            if _O_LABEL_ONLY.fullmatch(text[a:b]):
                continue  # (a label after a label: 'ชื่อผู้รับ' alone, a header's cell)
            out.append(Finding(T.NAME, a, b, text[a:b], 0.85, "other_scripts.label",
                               meta=(("latin", True),), role=ctx.role))
        for m in _O_NAME_THEN_PHONE.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in tracked) or any(
                    f.type is T.ID_CARD and f.start < m.end("num") and m.start("num") < f.end for f in before):
                # (a shipment's label and its number: 'رقم الشحنة: 3345123987'; an identity number's,
                # 'رقم الهوية: 1012345678', masked as that number)
                continue
            if _IN_REF_WORDS.search(m.group("name")) is not None:
                continue  # (an order's or an invoice's number: 'ऑर्डर संख्या 4051234567' was a name and a phone)
            # (and an Israeli local number of 7 digits after Hebrew words that are no town the
            # gazetteer knows: 'משה כהן 6123456' stood whole in share and dispose, found by hand,
            # 2026-12-07 night; 'תל אביב 6100000' is a town and its postcode)
            local = _digits(m.group("num")) == 7 and _HE_LOCAL.fullmatch(m.group("num")) is not None and \
                _HE_GATE.search(m.group("name")) is not None and not _known_town(m.group("name")) and \
                _town_before(text, m.start("num")) is None  # ('ת"א 6100000': the name group stops at '"')
            if (8 <= _digits(m.group("num")) or local) and not _DATE.fullmatch(m.group("num")) \
                    and not _O_LABEL_ONLY.fullmatch(m.group("name")):
                # (a label word taken at either end is no part of the name: 'گیرنده ... تلفن')
                a, b = _without_labels(text, *m.span("name"), lead=True)
                out.append(Finding(T.NAME, a, b, text[a:b], 0.7, "other_scripts.beside_phone",
                                   meta=(("latin", True),), role=ctx.role))
                if local:
                    out.append(Finding(T.PHONE_INTL, *m.span("num"), m.group("num"), 0.7, "other_scripts.after_name_local"))
                else:
                    phone(*m.span("num"), "after_name")
        for m in _O_LABELLED_PHONE.finditer(text):
            phone(*m.span("num"), "phone_label")
        if _RTL_GATE.search(text) is not None and _PERSIAN.search(text) is None:
            # an Arabic or Hebrew text's number with no label and no name before it: a valid number of
            # the script's countries, and the one to three words after it to the field's end are its
            # person's ('0551234567 محمد' stood whole in share and dispose; found by hand, 2026-12-07
            # night); not after a shipment's, an order's or an identity number's word
            for m in _O_BARE_RUN.finditer(text):
                a, b = m.span("num")
                got = False

                def take(a: int, b: int) -> bool:
                    num = text[a:b]
                    if any(f.start < b and a < f.end for f in out) or any(f.start < b and a < f.end for f in before) \
                            or any(x < b and a < y for x, y in tracked) or not 9 <= _digits(num) <= 15 \
                            or _DATE.fullmatch(num) or _RTL_REF_WORDS.search(text, max(0, a - 30), a) \
                            or not (_valid_here(regions(), num) or (
                                _GULF_IL_MOBILE.fullmatch("".join(c for c in num if c.isdigit()))
                                and _valid_here(regions(), num, strict=False))):
                        return False
                    out.append(Finding(T.PHONE_INTL, a, b, num, 0.75, "other_scripts.bare_number"))
                    return True
                if not take(a, b):
                    # (two numbers in a row, a space between, 'رقم 0541234567 11564': each on its own)
                    for k in re.finditer(r"\S+", m.group("num")):
                        got = take(a + k.start(), a + k.end()) or got
                else:
                    got = True
                if not got:
                    continue
                if m.group("name") is not None and not _O_LABEL_ONLY.fullmatch(m.group("name")) \
                        and not _known_town(m.group("name")):
                    out.append(Finding(T.NAME, *m.span("name"), m.group("name"), 0.7, "other_scripts.after_phone",
                                       meta=(("latin", True),), role=ctx.role))
    if _OTHER_GATE.search(text) is not None or _VI_GATE.search(text) is not None:
        # where a field may start: after a separator, a label's colon or a finding (sorted once; the
        # postcodes and towns this loop adds end before the next match, so the last one is enough)
        bounds = sorted([x.end() for x in _FIELD_START.finditer(text)] + [f.end for f in out] + [f.end for f in before])
        last = 0
        found = list(_O_PC_TOWN.finditer(text))
        for i, m in enumerate(found):
            town, pc = ("town", "pc") if m.group("town") is not None else ("town2", "pc2")
            # a house number and street name shaped like a postcode and town, right before the
            # real ones ('..., 1234 मजूमदार, 664321 दालखोला', '78123 زنجانی کوچه, 6412 غرب یسنا': the
            # street's name was kept as a town; world_text --locales scripts seed 83): a street line
            street_like = i + 1 < len(found) and not text[m.end():found[i + 1].start()].strip() \
                or _AR_WAY_END.search(m.group(town)) is not None  # ('61234 مریم بزرگ راه, 184 ...')
            # the field's start: the last separator, label colon or finding before the comma
            inner = text.rfind(",", 0, m.start())
            two_back = text.rfind(",", 0, inner) + 1 if inner > 0 else 0  # (at most two fields back)
            k = bisect_right(bounds, m.start())
            a = max(bounds[k - 1] if k else 0, last, two_back)
            while a < m.start() and text[a] in " \t,،":
                a += 1
            if street_like:
                z = max(m.end(town), m.end(pc))
                a = min(a, m.start(pc), m.start(town))
                while text[a] in " \t,،":
                    a += 1
                out.append(Finding(T.ADDRESS, a, z, text[a:z], 0.75, "other_scripts.street", role=ctx.role))
                last = z
                continue
            if a < m.start():
                seg = text[a:m.start()].rstrip(" \t,،")
                if _INDIC_GATE.search(seg) is not None and known_indic_town(seg):
                    # (a town before its state and PIN, 'वाराणसी, उत्तर प्रदेश - 221213': the region's;
                    # it was masked as the street line)
                    out.append(Finding(T.ADDRESS_REGION, a, a + len(seg), seg, 0.75, "other_scripts.town", role=ctx.role))
                else:
                    out.append(Finding(T.ADDRESS, a, m.start(), text[a:m.start()], 0.75, "other_scripts.street",
                                       role=ctx.role))
            region(m.span(town), m.span(pc), 0.75)
            last = max(m.end(town), m.end(pc))
    if "เขต" in text or "เภอ" in text or "อ." in text:
        for m in _TH_STREET.finditer(text):
            if not any(f.type is T.ADDRESS and f.start < m.end() and m.start() < f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.8, "other_scripts.street_th", role=ctx.role))
    if _TH_GATE.search(text) is not None:
        for m in _TH_LINE.finditer(text):
            g = m.group().rstrip()
            if len(g) < 4 or not (_TH_WAY_IN.search(g) or re.match(r"\d{1,4}/\d", g)):
                continue
            if not any(f.type is T.ADDRESS and f.start < m.start() + len(g) and m.start() < f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.start() + len(g), g, 0.8, "other_scripts.street_th",
                                   role=ctx.role))
        regions_th = [m.span() for m in _TH_REGION.finditer(text)]
        for m in _TH_PC.finditer(text):
            # (a postcode after a region word, or a province's one word alone before it)
            if m.group()[0].isdigit() and not any(b <= m.start() and not text[b:m.start()].strip(" \t,")
                                                  for _a, b in regions_th):
                continue
            regions_th.append(m.span())
        for a, b in regions_th:
            if not any(f.type is T.ADDRESS and f.start < b and a < f.end for f in out):
                out.append(Finding(T.ADDRESS_REGION, a, b, text[a:b], 0.7, "other_scripts.region_th", role=ctx.role))
    if _O_UNIT_GATE.search(text) is not None:
        for m in _O_UNIT.finditer(text):
            if not any(f.type is T.ADDRESS and f.start <= m.start() and m.end() <= f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.75, "other_scripts.unit",
                                   role=ctx.role))
    if _INDIC_GATE.search(text) is not None:
        _indic(text, ctx, out, before)
    if _AR_GATE.search(text) is not None:
        for m in _AR_STREET.finditer(text):
            out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.75, "other_scripts.street_ar", role=ctx.role))
    if _RTL_GATE.search(text) is not None:
        for m in _MY_NAME.finditer(text):
            a, b = m.span("name")
            if not _NOT_TOWN.match(text, a) and not any(f.start < b and a < f.end for f in out):
                out.append(Finding(T.NAME, a, b, m.group("name"), 0.75, "other_scripts.my_name",
                                   meta=(("latin", True),), role=ctx.role))
        for m in _KUNYA.finditer(text):
            a, b = m.span()
            if not _known_town(m.group()) and not any(f.start < b and a < f.end for f in out):
                out.append(Finding(T.NAME, a, b, m.group(), 0.7, "other_scripts.kunya",
                                   meta=(("latin", True),), role=ctx.role))
    if _HE_GATE.search(text) is not None:
        for m in _HE_TO_NAME.finditer(text):
            a, b = m.span("name")
            if not _NOT_TOWN.match(text, a) and not any(f.start < b and a < f.end for f in out):
                out.append(Finding(T.NAME, a, b, m.group("name"), 0.75, "other_scripts.to_name",
                                   meta=(("latin", True),), role=ctx.role))
        for m in _HE_BARE_STREET.finditer(text):
            a, b = m.span("st")
            if any(f.start < b and a < f.end for f in out) or _NOT_TOWN.match(text, a):
                continue
            after = _HE_TOWN_AFTER.match(text, b)
            ahead = _HE_TOWN_BEFORE.search(text, max(0, a - 40), a)
            if (after is not None and _known_town(after.group("t"))) or (ahead is not None and _known_town(ahead.group("t"))):
                out.append(Finding(T.ADDRESS, a, b, text[a:b], 0.75, "other_scripts.street_he", role=ctx.role))
        for rx in (_HE_STREET, _HE_ENTRANCE):
            for m in rx.finditer(text):
                if not any(f.type is T.ADDRESS and f.start <= m.start() and m.end() <= f.end for f in out):
                    out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.75, "other_scripts.street_he",
                                       role=ctx.role))
    if _RTL_GATE.search(text) is not None:
        for m in _RTL_REGION_LINE.finditer(text):
            pc = "pc" if m.group("pc") is not None else "pc2" if m.group("pc2") is not None else None
            if (m.group("pc") is not None and m.group("pc2") is not None) or (pc is None and m.group("country") is None):
                continue
            a, b = m.span()
            # (a town the gazetteer knows: 'משה כהן 6123456' is a name and a local number)
            if not _known_town(m.group("town")) or _NOT_TOWN.search(m.group("town")) or \
                    any(f.start < b and a < f.end for f in out) or \
                    any(f.start < b and a < f.end for f in before):
                continue
            if pc is not None:
                region(m.span("town"), m.span(pc), 0.75)
            else:
                out.append(Finding(T.ADDRESS_REGION, *m.span("town"), m.group("town"), 0.75, "other_scripts.town",
                                   role=ctx.role))
            if m.group("country") is not None:
                out.append(Finding(T.ADDRESS_REGION, *m.span("country"), m.group("country"), 0.75,
                                   "other_scripts.country", role=ctx.role))
        for m in _RTL_TOWN_PC.finditer(text):
            a, b = m.span()
            if any(f.start < b and a < f.end for f in out) or any(f.start < b and a < f.end for f in before):
                continue
            town = m.group("town")
            # (the longest run of its last words that the gazetteer knows: 'شارع التحلية جدة 23435')
            starts = [0] + [k.end() for k in re.finditer(r"[ \t\-]+", town)]
            known = next((k for k in starts if not _NOT_TOWN.search(town[k:]) and _known_town(town[k:])), None)
            if known is not None:
                region((m.start("town") + known, m.end("town")), m.span("pc"), 0.7)
    for m in _REGION_LINE.finditer(text):
        pc = "pc" if m.group("pc") is not None else "pc2" if m.group("pc2") is not None else None
        if pc is None or (m.group("pc") is not None and m.group("pc2") is not None):
            continue
        a, b = m.start("town") if pc == "pc" else m.start("pc2"), m.end()
        town = m.group("town")
        if (not _KIND_OR_AREA.match(town) and len(town.split()) > 1) or _PATRONYMIC.search(town):
            continue  # ('Иван Петров, 101000': two words with no settlement kind nor region may be a name)
        if not any(f.start < b and a < f.end for f in out) and not any(f.start < b and a < f.end for f in before):
            region(m.span("town"), m.span(pc), 0.75)
            if m.group("country") is not None:
                out.append(Finding(T.ADDRESS_REGION, *m.span("country"), m.group("country"), 0.75,
                                   "other_scripts.country", role=ctx.role))
    if _GR_GATE.search(text) is not None:
        for m in _GR_UNIT.finditer(text):
            if not any(f.type is T.ADDRESS and f.start <= m.start() and m.end() <= f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.75, "other_scripts.unit", role=ctx.role))
    for m in _STREET_TOWN_PC.finditer(text):
        if not any(f.start < m.end("street") and m.start("street") < f.end for f in out):
            out.append(Finding(T.ADDRESS, *m.span("street"), m.group("street"), 0.8, "other_scripts.street", role=ctx.role))
            region(m.span("town"), m.span("pc"), 0.8)
    for m in _STREET_BEFORE_PC.finditer(text):
        out.append(Finding(T.ADDRESS, *m.span("street"), m.group("street"), 0.8, "other_scripts.street", role=ctx.role))
        region(m.span("town"), m.span("pc"), 0.8)
    if _CYR_GATE.search(text) is not None:
        for m in _INITIALS_NAME.finditer(text):
            if not any(f.start < m.end() and m.start() < f.end for f in out):
                name(m.start(), m.end(), 0.75, "initials")
        for m in _STREET_ADJ.finditer(text):
            if not any(f.type is T.ADDRESS and f.start <= m.start() and m.end() <= f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.8, "other_scripts.street", role=ctx.role))
        for m in _FLAT_NO_DOT.finditer(text):
            if not any(f.type is T.ADDRESS and f.start <= m.start() and m.end() <= f.end for f in out):
                out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.75, "other_scripts.unit", role=ctx.role))
        for m in _RU_RUN.finditer(text):
            a, b = m.span()
            if any(f.start < b and a < f.end for f in out) or any(f.start < b and a < f.end for f in before):
                continue
            digits = "".join(c for c in m.group() if c.isdigit())
            if digits[1:4] == "800":
                continue  # (a toll-free hotline, 8 800 ...: a company's)
            if _REF_WORDS.search(text, max(0, a - 30), a) is None and _valid_here(regions(), m.group()):
                phone(a, b, "bare_ru")
        for m in _ADDR_LABEL.finditer(text):
            for a, b in _label_fields(text, m, "[^,]+", " \t."):
                if any(x.start <= a and b <= x.end for x in out):
                    continue
                field = text[a:b]
                if re.fullmatch(r"\d{6}", field):
                    out.append(Finding(T.ADDRESS_REGION, a, a + 2, text[a:a + 2], 0.7, "other_scripts.postcode", role=ctx.role))
                    out.append(Finding(T.ADDRESS, a + 2, b, text[a + 2:b], 0.7, "other_scripts.postcode", role=ctx.role))
                elif _REGION_FIELD.match(field) and not re.search(r"\d", field):
                    out.append(Finding(T.ADDRESS_REGION, a, b, field, 0.7, "other_scripts.town", role=ctx.role))
                elif not any(x.start < b and a < x.end for x in out):
                    out.append(Finding(T.ADDRESS, a, b, field, 0.75, "other_scripts.address_label", role=ctx.role))
    for m in _STREET_LOW.finditer(text):
        if not any(f.detector == "other_scripts.street" and f.start <= m.start() < f.end for f in out):
            out.append(Finding(T.ADDRESS, m.start(), m.end(), m.group(), 0.85, "other_scripts.street", role=ctx.role))
    for m in _STREET.finditer(text):
        if any(f.detector == "other_scripts.street" and f.start <= m.start() < f.end for f in out):
            continue
        # (the rest of the street's field goes with it: a kind after the name, 'набережна Лиманчик 2-й
        # Лінія 8-ма', stood from '-й' on; world_text --locales scripts seeds 89-91)
        e = m.end()
        rest = _FIELD_REST.match(text, e)
        if rest is not None and rest.end() > e and not _PHONE_DIGITS.search(text, e, rest.end()):
            e = rest.end()
        out.append(Finding(T.ADDRESS, m.start(), e, text[m.start():e], 0.85, "other_scripts.street", role=ctx.role))
        for r in (_TOWN_PC_AFTER.match(text, m.end()), _PC_TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            if r is None:
                continue
            town, pc = ("town", "pc") if r.group("town") is not None else ("town2", "pc2")
            region(r.span(town), r.span(pc), 0.8)
    if _RTL_GATE.search(text) is not None and any(f.type is T.ADDRESS for f in out):
        # a town the gazetteer knows beside an Arabic or Hebrew street line, a comma or a space
        # between ('الرياض حي الملقا ...', 'גבעתיים, כצנלסון 12', '..., חולון'): the address's
        # region, which share keeps and dispose removes (it stood in dispose)
        for f in [f for f in out if f.type is T.ADDRESS]:
            for span in (_town_before(text, f.start), _town_after(text, f.end)):
                if span is not None and not any(g.start < span[1] and span[0] < g.end for g in out) and \
                        not any(g.start < span[1] and span[0] < g.end for g in before):
                    out.append(Finding(T.ADDRESS_REGION, *span, text[span[0]:span[1]], 0.7, "other_scripts.town",
                                       role=ctx.role))
    towns = [(f.start, f.end) for f in out if f.detector == "other_scripts.town"]
    if towns:
        # a town after its postcode, then a phone's label ('..., 7512345 כפר סבא / טלפון 052 ...'): the
        # words before the phone are the town, not a name (share keeps a town)
        out = [f for f in out if not (f.detector == "other_scripts.beside_phone"
                                      and any(a <= f.start and f.end <= b for a, b in towns))]
    return out
