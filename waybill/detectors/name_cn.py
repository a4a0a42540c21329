"""Chinese personal names.

1. After a field label: 收件人 / 寄件人 / 收货人 / 联系人 / 姓名 / 收方 / 寄方 ... (``detect_labelled``).
2. Without labels, in "paste the whole address" strings where a name sits between an address and
   a phone number with no separator (``split_free_text``), using the surname list and the
   boundaries the phone and address detectors found.
3. In a name column, the whole cell (``detect_cell``).
Honorifics 先生 / 女士 / 小姐 are kept outside the masked part.
"""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from ..resources import surname_len, surnames
from . import Context
from .name_asia import cell_name

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HONORIFIC = ("先生", "女士", "小姐", "老师", "师傅")
LABELS = (
    "收件人姓名|寄件人姓名|收货人姓名|发件人姓名|联系人姓名|收件人|寄件人|收货人|发货人|发件人|联系人|"
    "收件方|寄件方|收方|寄方|收|寄|签收人|取件人|代收人|提货人|领取人|取货人|姓名|本名|真名|客户姓名|客户名称|客户|买家|卖家|店主|户主"
    # (the flat's owner or landlord: '我是业主赵敏的家人' stood; found by hand)
    "|业主|房东|房主"
)
# a family word and 'is called' with no field label ('老公叫张伟，电话...' stood; found by hand): read
# as a label only in a text with 叫 or 名字是 (``detect_labelled``), a name only with a known surname
_KIN_LABELS = ("(?:我的?)?(?:老公|老婆|爱人|妈妈?|爸爸?|儿子|女儿|朋友|同事|哥哥?|姐姐?|弟弟?|妹妹?|爷爷|奶奶|外婆|外公|舅舅"
               "|阿姨|叔叔|邻居|室友)(?:叫|名叫|名字叫|的名字是)")
_ROLE_LABELS = frozenset(("业主", "房东", "房主"))
ROLE_OF = {"收": "recipient", "寄": "sender", "发": "sender"}
# words that end a name (the next field begins)
_STOPWORDS = lazy(r"电话|手机|联系|地址|收件|寄件|电|手|地|先生|女士|小姐|老师|师傅|的|\d")
# (a name written apart after its label: '王 小明', letter-spaced '王 小 明', '钱-哲', '胡\u3000瑞')
# (a Japanese given name may have three characters or kana: '伊藤 裕美子', '佐藤 さゆり', '石田さゆり')
_KANA = "\u3040-\u30ff"
# (a Japanese surname of three characters or with 々: '長谷川 直子', '佐々木 健'; world_text seed 75
# --more-forms: the given name after '長谷川 ' stood)
# (or one dot, dash or underscore between after a label: '联系人 张_三丰', '收件人：张-三丰' stood; found by
# hand, probing forms attackers write)
_SPACED = (rf"[{CJK}]{{1,2}}[ \u3000.\-_~][{CJK}{_KANA}]{{1,3}}(?![{CJK}{_KANA}])|"
           rf"[{CJK}][{CJK}\u3005]{{2}}(?<![省市区县镇乡路街号楼室])[ \u3000][{CJK}{_KANA}]{{1,3}}(?![{CJK}{_KANA}])"
           rf"(?<![省市区县镇乡路街号楼室])|"
           rf"[{CJK}]\u3005[ \u3000][{CJK}{_KANA}]{{1,3}}(?![{CJK}{_KANA}])|[{CJK}](?:[ .\-_\u3000][{CJK}](?![{CJK}])){{1,3}}"
           # (a kana given name may end in a kanji: '佐藤くみ子', 'ゆり子'; world_text seed 84 --more-forms)
           rf"|[{CJK}]{{1,3}}[{_KANA}]{{1,4}}[{CJK}]?(?![{CJK}{_KANA}])")
# between a label and its name: a copula and a family word ('收件人是我妈刘桂兰': 是我妈 was masked as
# the name and 刘桂兰 stood; found by hand, probing forms people write), when two Chinese
# characters still follow (a name of its own), or its masked form ('收件人叫李*', '是我朋友***' read
# as the names 叫李 and 朋友 made verify call masked outputs leaking)
_KIN = (rf"(?:(?:是|为|叫)(?:我的?)?|我的?)(?:妈妈?|爸爸?|老公|老婆|儿子|女儿|朋友|同事|哥哥?|姐姐?|弟弟?|妹妹?|"
        rf"爷爷|奶奶|外婆|外公|家人|爱人|舅舅|阿姨|叔叔|父亲|母亲|室友|舍友|同学|邻居|女友|男友|对象)?(?=[{CJK}*＊][{CJK}*＊])|(?:是|为|叫)(?=[{CJK}*＊][{CJK}*＊])")
LABELLED_RE = lazy(
    rf"(?P<label>{LABELS})\s*[:：]?\s*(?:{_KIN})?(?P<name>{_SPACED}|[{CJK}·•]{{1,12}}|[*＊]{{1,4}})"
)
_KIN_LABELLED_RE = lazy(rf"(?P<label>{_KIN_LABELS})\s*(?P<name>{_SPACED}|[{CJK}·•]{{1,12}}|[*＊]{{1,4}})")
_FILLERS = lazy(r"[ .\-_\u3000]")
# a Chinese name after an English field label and its colon ('Recipient: 薛美麗; 電話: ...')
EN_LABELLED_RE = lazy(
    rf"(?i:(?<![A-Za-z])(?P<label>recipient|receiver|consignee|addressee|sender|shipper|contact(?:\s+person)?|"
    rf"customer|name|attn|to|from)(?:\s+name)?)\s*[:：]\s*(?P<name>{_SPACED}|[{CJK}·•]{{1,12}}|[*＊]{{1,4}})"
)
_EN_ROLE = {"recipient": "recipient", "receiver": "recipient", "consignee": "recipient", "addressee": "recipient",
            "to": "recipient", "attn": "recipient", "sender": "sender", "shipper": "sender", "from": "sender"}
_ASCII_LETTER = lazy(r"[A-Za-z]")
NAME_SHAPE = lazy(rf"^[{CJK}][{CJK}·•]{{0,9}}$")
MASKED_NAME_RE = lazy(rf"^[{CJK}]{{1,2}}[*＊]{{1,4}}$")

# characters that typically end the detail part of an address (learned from the PaddleNLP train
# split's detail spans, plus common ones): a name right after one of them is likely complete.
ADDRESS_END = frozenset(
    "号楼面米口旁路村区侧街内处层西角厦南段东场门北栋幢室道组头城边近市座站房镇壁过商馆部下园元间"
    "首心铺会字汇行地湾院店厂校所馆寓苑庄屯巷弄里坊厅宅堂社队中线府区居阁亭宫台寺港桥站斋吧"
)


def role_of_label(label: str) -> str | None:
    for k, v in ROLE_OF.items():
        if label.startswith(k):
            return v
    return None


def _trim_name(s: str) -> str:
    m = _STOPWORDS.search(s)
    if m:
        s = s[: m.start()]
    return s


def name_finding(text: str, start: int, end: int, score: float, detector: str,
                 role: str | None = None) -> Finding | None:
    name = text[start:end]
    if not name:
        return None
    if ("*" in name or "＊" in name) and (MASKED_NAME_RE.match(name) or set(name) <= {"*", "＊"}):
        return Finding(EntityType.MASKED, start, end, name, 0.9, detector + ".masked", role=role)
    return Finding(EntityType.NAME, start, end, name, score, detector,
                   meta=_SURNAME_META[surname_len(name)], role=role)


def _starts_address(text: str, i: int) -> bool:
    """Whether an address's division chain starts at ``i`` under its official name (北京市,
    浙江省杭州市) or as two levels (浙江杭州): no name reads so."""
    from .address_cn import parse_chain

    _, levels, full = parse_chain(text, i)
    return bool(levels) and (full and levels[0][1] - levels[0][0] >= 3 or len(levels) >= 2)


_SURNAME_META = {0: (("surname_len", 1),), 1: (("surname_len", 1),), 2: (("surname_len", 2),)}


def detect_labelled(text: str, ctx: Context) -> list[Finding]:
    out = []
    matches = LABELLED_RE.finditer(text)
    if "叫" in text or "名字是" in text:
        cn = list(matches)
        matches = cn + [m for m in _KIN_LABELLED_RE.finditer(text)
                        if not any(k.start() < m.end() and m.start() < k.end() for k in cn)]
    if (":" in text or "：" in text) and _ASCII_LETTER.search(text) is not None:
        cn = list(matches)
        matches = cn + [m for m in EN_LABELLED_RE.finditer(text)
                        if not any(k.start("name") < m.end() and m.start() < k.end() for k in cn)]
    for m in matches:
        label = m.group("label")
        if label.isascii():
            label = _EN_ROLE.get(label.lower(), "")
            role = label or None
        else:
            role = None
        raw = m.group("name")
        if label.endswith(("叫", "是")) and not (surname_len(raw) or raw.startswith(("*", "＊"))):
            continue  # a family word and 'is called': a name only with a known surname ('老公叫什么' is none)
        if len(label) == 1 and not text[m.end("label"):m.start("name")].strip(" ："":"):
            # bare 收/寄 need a colon or a space: "收货" is not a label
            if not re.match(r"\s*[:：]", text[m.end("label"):]):
                continue
        if raw.startswith(("*", "＊")):
            out.append(Finding(EntityType.MASKED, m.start("name"), m.end("name"), raw, 0.9,
                               "name_cn.masked"))
            continue
        if text[m.end("name"):m.end("name") + 1] in ("*", "＊") and len(_trim_name(raw)) <= (surname_len(raw) or 1):
            # "张**": a surname and stars is already masked; "张伟明*" is a whole name and a star
            j = m.end("name")
            while j < len(text) and text[j] in "*＊":
                j += 1
            out.append(Finding(EntityType.MASKED, m.start("name"), j, text[m.start("name"):j], 0.9,
                               "name_cn.masked"))
            continue
        if _FILLERS.search(raw) or re.search(f"[{_KANA}]", raw):
            joined = _FILLERS.sub("", raw)
            sl = surname_len(joined)
            # (a name glued to its label, then a space and the next field's label: '收件人张伟 电话1381...'
            # read as one spaced name was dropped for the 电话 in it, and the name stood; '收件人张伟
            # 备注：...' masked 备注 as the given name)
            head = _FILLERS.split(raw, 1)[0]
            rest = raw[len(head) + 1:]
            field_next = bool(_STOPWORDS.match(rest)) or rest[:2] in _FIELD_NOUNS
            if not field_next and 2 <= len(joined) <= 6 and joined not in NOT_NAMES \
                    and joined[:2] not in _FIELD_NOUNS and not _STOPWORDS.search(joined):
                out.append(Finding(EntityType.NAME, m.start("name"), m.end("name"), raw, 0.95 if sl else 0.8,
                                   "name_cn.label", meta=_SURNAME_META[sl], role=role or role_of_label(label) or ctx.role))
                continue
            if not (field_next and 2 <= len(head) <= 4 and surname_len(head) and not _STOPWORDS.search(head)):
                continue
            raw = head
        name = _trim_name(raw)
        if name in NOT_NAMES or name[:2] in _FIELD_NOUNS:
            continue  # "客户留言", "联系方式": the label's own field, not a name
        if label in _ROLE_LABELS and not surname_len(name):
            continue  # (an owner's or a landlord's word names someone only with a surname: '业主群通知')
        if _starts_address(text, m.start("name")):
            continue  # "收件人\n北京市朝阳区...": the address under an empty label, not a name
        if len(name) > 4 and "·" not in name and not cell_name(name, places=False):
            # name glued to what follows (an address): cut after the surname + 1-2 chars (not a
            # Japanese name of 5-6 characters, 'Recipient: 長谷川美加子': 美加子 stood)
            sl = surname_len(name)
            name = name[: (sl or 1) + 2]
        if len(name) < 1:
            continue
        if len(name) == 1 and not text[m.end("name"):].startswith(_HONORIFIC):
            continue
        score = 0.97 if surname_len(name) else 0.8
        f = name_finding(text, m.start("name"), m.start("name") + len(name), score, "name_cn.label",
                         role or role_of_label(label) or ctx.role)
        if f:
            out.append(f)
    return out


# "请联系陈婷", "派送前联系王小明先生": a name right after the verb, ended by punctuation, a
# digit, an honorific or the end of the text
# (a space after the surname: '派送前请联系武 俊,')
# (or a name given after 'I am' / 'call me': '到了打我电话，我叫李娜' stood; found by hand)
# (and who a note names: '请交给我妈妈，她叫黄美玲' stood; found by hand)
# (and who a parcel is handed to: '寄给马云飞', '麻烦转交马云飞', '交给李建国', '找马云飞签收' stood;
# found by hand. Not '送到'/'交到', which name a place as often)
# (and whom to call: '请打给王小明 139...', '打王小明电话', '通知王小明' stood; found by hand, 2026-12-07)
CONTACT_RE = lazy(rf"(?:联系|联络|致电|找|我叫|我是|叫我|她叫|他叫|叫他|叫她|名叫|叫做|名字叫|名字是|(?:通知|告诉|告知)(?![:：\s])|"
                        rf"(?:交|转交|寄|送|发|递|拿|留|转|打|拨|打电话|电话)给|转交|交由|打(?=[{CJK}]{{2,4}}?的?(?:电话|手机)))[:：]?[ \u3000]?"
                        rf"(?P<name>[{CJK}](?:[ \u3000]?[{CJK}]){{1,3}}?)(?=先生|女士|小姐|签收|代收|收下|手上|手里|本人|的?电话|的?手机|[^{CJK}]|$)")
# (detect's gate before CONTACT_RE holds these words: '联', '致电', '找', '我叫', '我是', '叫', '名字', '给',
# '转交', '交由')


# a name after a relative's or a friend's word in a note ('给我老婆李梅', '交给我同事王建国': they
# stood; found by hand)
_KIN = ("老婆|老公|妻子|丈夫|爱人|媳妇|儿子|女儿|我妈|妈妈|我爸|爸爸|母亲|父亲|哥哥|姐姐|弟弟|妹妹|我哥|我姐|我弟|我妹|同事|朋友|室友|邻居|"
        "舅舅|叔叔|婶婶|爷爷|奶奶|外婆|外公|表哥|表姐|表弟|表妹|堂哥|堂姐|女朋友|男朋友|女友|男友|亲戚")
KIN_GATE = lazy(_KIN)
# (a given name alone after the relative's word, before what to do: '给我妹欣怡打电话' stood; found by hand)
KIN_RE = lazy(rf"(?:{_KIN})[ \u3000,，:：]?(?P<name>[{CJK}](?:[ \u3000]?[{CJK}]){{1,3}}?)"
                    rf"(?=先生|女士|小姐|签收|代收|收|打电话|打个电话|接|拿|取|来取|帮忙|代|[^{CJK}]|$)")


def detect_kin(text: str, ctx: Context) -> list[Finding]:
    return detect_contact(text, ctx, KIN_RE)


def _is_nick(name: str) -> bool:
    """A nickname of two characters: 阿 and a given name, 小 or 老 and a family name (阿强, 小刘, 老李;
    '叫他小刘就行' stood, found by hand), not a word that names no one (阿姨, 小区, 老板)."""
    return len(name) == 2 and _NICK.fullmatch(name) is not None and name not in _NO_RECEIVER \
        and (name[0] == "阿" or name[1] in surnames()[0])


def _nickname(name: str, rx: re.Pattern) -> bool:
    """A name with no listed surname that is still one: a nickname, or a given name alone after a
    relative's word (``KIN_RE``)."""
    return _is_nick(name) or rx is KIN_RE and unlisted_name_segment(name) and not _NOT_GIVEN_CHARS.intersection(name)


# characters of the words of time and of coming and going that follow a relative's word ('我哥明天来取':
# 明天 is no given name)
_NOT_GIVEN_CHARS = frozenset("天今昨早晚午周点班在家来去回过会要想能可说不没也都就再又还先帮忙代收拿取送放打接给")
# what may follow a nickname in a sentence ('叫他小刘就行'): the nickname ends before it
_AFTER_NICK = frozenset("就即吧也都好呀啊哈嘛")


def detect_contact(text: str, ctx: Context, rx: re.Pattern = CONTACT_RE) -> list[Finding]:
    out = []
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            break
        name = m.group("name")
        # (what was no name may hold the next verb: '派送前请联系叫我叶俊' is 联系 + 叫我 + 叶俊)
        pos = m.start("name")
        if len(name) > 2 and name[2] in _AFTER_NICK and not surname_len(name) and _is_nick(name[:2]):
            # ('叫他小刘就行': the nickname, not 小刘就行)
            f = name_finding(text, m.start("name"), m.start("name") + 2, 0.8, "name_cn.contact", ctx.role)
            if f:
                out.append(f)
            pos = m.end()
            continue
        if (not surname_len(name) and not _nickname(name, rx)) or name in NOT_NAMES or name[:2] in _FIELD_NOUNS \
                or _STOPWORDS.search(name) or name[:2] in _PLACE_HEADS:
            continue
        if len(name) == 2 and name in surnames()[1] and _TITLE_RE.match(text, m.end("name")):
            continue  # a compound surname and its honorific ('交给欧阳先生'): ``detect_titled``'s
        pos = m.end()
        f = name_finding(text, m.start("name"), m.end("name"), 0.8, "name_cn.contact", ctx.role)
        if f:
            out.append(f)
    return out


# a name and the 收 that closes it, at a field's start ('张伟收，放门口', '阿强收', '小王收'): how a note
# or a parcel names its receiver; and the hands a parcel goes into ('送到张伟明手上', '请交到李秀英本人
# 手里', '麻烦给王建国本人'). Found by hand: all stood (送到/交到 name a place as often, so only with
# 手上/手里/本人 after the name)
RECEIVES_RE = lazy(rf"(?:^|(?<=[\s，,。；;：:、|/（(！!]))(?P<name>[{CJK}]{{2,4}}?)(?:本人)?亲?收"
                         rf"(?=$|[\s，,。；;、|/）)！!.])")
HANDS_RE = lazy(rf"(?:送到|交到|递到|送至|交至|转到|放到|给)(?P<name>[{CJK}]{{2,4}}?)(?:本人)?(?:手上|手里|手中|本人|亲收|签收)")
# a nickname: 阿 and a given name, 小 or 老 and a family name ('阿强', '小王', '老李')
_NICK = lazy(rf"阿[{CJK}]|[小老][{CJK}]")
# words of a note that a receiver's 收 or a hand may follow and that name no one
_NO_RECEIVER = frozenset("本人 家人 亲人 代收 签收 门卫 保安 前台 物业 邻居 驿站 快递 快递柜 丰巢 菜鸟 公司 单位 家里 "
                         "阿姨 阿婆 阿公 阿伯 阿叔 阿嫂 阿妈 阿爸 阿哥 阿姐 阿弟 阿妹 小区 小店 小卖部 小时 老家 老板 "
                         "老师 老公 老婆 老人 老乡 老大 小孩 小朋友 请查 查收 已收 确认 验收 签".split())


# a name before 的 and what a parcel is or holds, at a field's start or after a verb of asking or
# giving ('张伟的快递到了', '这是李娜的包裹', '帮我查一下刘洋的件', an XLSX sheet titled '张伟的订单':
# each stood; found by hand)
_POSSESSED = lazy(r"的(?:订单|快递|快件|包裹|件|货|东西|电话|手机|号码|地址|单子|单号)")
_POSSESSOR_LEADS = ("是", "给", "帮", "查", "找", "问", "寄", "送", "取", "拿", "替", "代", "把", "这是", "那是", "一下",
                    "下", "收", "签", "和", "与", "跟", "及")
# characters no given name holds that end everyday words before 的 ('黄色', '那边', '全部', '韩国',
# '经理', '别人', '石家庄', '东门'), and brands a parcel comes from
_NOT_POSSESSOR_CHARS = frozenset("色边门部端舍庄厂店区院校面里外内们家人来理样种个些")
_BRANDS = frozenset("华为 小米 苹果 万达 宜家 美团 天猫 苏宁 国美 唯品会 拼多多 网易 腾讯 阿里 韩国 美国 英国 德国 法国 "
                    "泰国 中国 日本 香港 台湾 澳门".split())


def _possessors(text: str, ctx: Context) -> list[Finding]:
    out = []
    for m in _POSSESSED.finditer(text):
        i = m.start()
        for k in (4, 3, 2):
            a = i - k
            if a < 0:
                continue
            name = text[a:i]
            if not NAME_SHAPE.match(name) or not surname_len(name) or k == 4 and surname_len(name) != 2:
                continue
            if not (a == 0 or not ("\u4e00" <= text[a - 1] <= "\u9fff") or text.endswith(_POSSESSOR_LEADS, 0, a)):
                continue
            if name in _NO_RECEIVER or name in NOT_NAMES or name in _BRANDS or name[:2] in _FIELD_NOUNS \
                    or name[:2] in _PLACE_HEADS or _STOPWORDS.search(name) or _ROLE_WORDS.search(name) \
                    or _NOT_NAME_CHARS.intersection(name[1:]) or _NOT_POSSESSOR_CHARS.intersection(name[1:]):
                break
            f = name_finding(text, a, i, 0.7, "name_cn.receives", ctx.role)
            if f:
                out.append(f)
            break
    return out


def detect_receives(text: str, ctx: Context) -> list[Finding]:
    out = _possessors(text, ctx) if "的" in text else []
    for rx in (RECEIVES_RE, HANDS_RE):
        for m in rx.finditer(text):
            name = m.group("name")
            if name in _NO_RECEIVER or name in NOT_NAMES or name[:2] in _FIELD_NOUNS or name[:2] in _PLACE_HEADS \
                    or name[:2] in _NO_RECEIVER or _STOPWORDS.search(name) or _NOT_NAME_CHARS.intersection(name[1:]):
                continue
            if not (surname_len(name) or _is_nick(name)):
                continue
            if any(f.start < m.end("name") and m.start("name") < f.end for f in out):
                continue
            f = name_finding(text, m.start("name"), m.end("name"), 0.75, "name_cn.receives", ctx.role)
            if f:
                out.append(f)
    return out


# a surname with an honorific and no given name ('请联系张先生', '交给欧阳女士', '收件人：王女士'): the
# person's name as much as it is written (share keeps a surname; dispose left it, found by hand)
_TITLE_RE = lazy("|".join(_HONORIFIC))
_TITLE_BEFORE = ("联系", "联络", "致电", "交给", "转交", "给", "找", "是", "叫", "请", "问", "告诉", "通知", "收件人", "收货人",
                 "保安", "门卫", "前台", "管理员", "物业", "邻居", "快递员", "师傅", "的",
                 "寄件人", "发件人", "联系人", "签收人", "取件人", "代收人", "：", ":", "，", ",", "、", " ", "\u3000", "\n", "\t", "/", "|")


def detect_titled(text: str, ctx: Context) -> list[Finding]:
    out = []
    single, compound = surnames()
    for m in _TITLE_RE.finditer(text):
        i = m.start()
        for k in (2, 1):
            a = i - k
            if a < 0:
                continue
            s = text[a:i]
            if not (s in compound if k == 2 else s in single):
                continue
            if a == 0 or not ("\u4e00" <= text[a - 1] <= "\u9fff") or text.endswith(_TITLE_BEFORE, 0, a):
                # (the whole finding is the surname: '欧阳' is not 欧 and a given name 阳)
                out.append(Finding(EntityType.NAME, a, i, s, 0.7, "name_cn.titled", meta=_SURNAME_META[k], role=ctx.role))
            break
    return out


def detect_cell(text: str, ctx: Context) -> list[Finding]:
    """A cell of a name column: the whole value is a name (Chinese or not)."""
    s = text.strip()
    if not s:
        return []
    i = text.index(s)
    for h in _HONORIFIC:
        if s.endswith(h) and len(s) > len(h):
            s = s[: -len(h)]
    if re.fullmatch(rf"[{CJK}·•]+", s):
        f = name_finding(text, i, i + len(s), 0.95, "name_cn.column", ctx.role)
        return [f] if f else []
    return []


# two-character address words whose second character is also a surname: "中段", "路口", "小区"...
# a name cannot start on that second character
ADDRESS_BIGRAMS = frozenset(
    "中段 路段 东段 西段 南段 北段 一段 二段 三段 四段 路口 街口 巷口 村口 门口 小区 城区 社区 园区 景区 校区 "
    "厂区 新区 大厦 广场 商场 市场 号楼 大楼 主楼 花园 公园 家园 村委 路东 路西 路南 路北 街东 街西 交汇 对面 "
    "附近 街道 大道 大街 车站 旁边 店铺 超市 酒店 宾馆 学校 医院 银行 公司 中心 工业 商业 花苑 名苑 家属 宿舍 "
    "单元 村民 小组 组团 期房 二期 一期 三期 东门 西门 南门 北门 正门 后门 侧门 楼下 楼上 里面 外面 东侧 西侧 "
    "南侧 北侧 东边 西边 南边 北边 往东 往西 往南 往北 向东 向西 向南 向北 米处 附属 大院 庄园 新村 老街 "
    "东路 西路 南路 北路 中路 大路 东区 西区 南区 北区 中区 东街 西街 南街 北街 "
    "上海 北京 天津 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 陕西 甘肃".split()
)


# measure words after a number: "500米", "2楼", "3号" are not the start of a name
_UNIT_AFTER_DIGIT = frozenset("米号楼栋层室幢座期区弄巷组队团排户单元")


def best_tail_name(seg: str) -> int:
    """Length of the name at the end of ``seg`` (detail address + name glued), 0 if none."""
    single, compound = surnames()
    n = len(seg)
    if n < 2:
        return 0

    def boundary_ok(k: int) -> bool:
        if k >= n:
            return True
        c = seg[n - k - 1]
        if c + seg[n - k] in ADDRESS_BIGRAMS:
            return False
        if c.isdigit() and seg[n - k] in _UNIT_AFTER_DIGIT:
            return False
        return c in ADDRESS_END or not ("\u4e00" <= c <= "\u9fff")

    cands = []
    for k in (4, 3):
        if n >= k and seg[n - k:n - k + 2] in compound:
            cands.append(k)
    for k in (3, 2):
        if n >= k and seg[n - k] in single:
            cands.append(k)
    cands = [k for k in cands if NAME_SHAPE.match(seg[n - k:])]  # '科技路1号' holds no name '路1号'
    if not cands:
        return 0
    for k in cands:
        if boundary_ok(k):
            return k
    for k in cands:
        if k < n and seg[n - k - 1] + seg[n - k] not in ADDRESS_BIGRAMS and not (
                seg[n - k - 1].isdigit() and seg[n - k] in _UNIT_AFTER_DIGIT):
            return k
    return cands[-1] if n > 3 else min(n, cands[0])


def best_head_name(seg: str) -> int:
    """Length of the name at the start of ``seg`` (name + detail address glued)."""
    sl = surname_len(seg)
    if not sl:
        return 0
    return min(len(seg), sl + 2 if sl == 2 else 3)


# everyday words that begin with a surname character and stand alone in a remark; never names
NOT_NAMES = frozenset(
    "谢谢 谢了 多谢 感谢 您好 你好 麻烦 麻烦了 辛苦 辛苦了 请问 收到 好的 可以 周末 周一 周二 周三 周四 周五 周六 "
    "周日 上午 下午 晚上 中午 马上 尽快 放门口 门口 万分感谢 送货 快递 包裹 文件 易碎 小心 轻放 加急 工作日 "
    "家里 公司 前台 代收 放前台 打电话 电话 联系 方便 不要 不用 时间 工作时间 派送 送达 签收 本人 本人签收 "
    # (field labels: '姓名：wang wei 电话：...' masked 名 as a given name beside the phone; 顾客: 顾 is a surname)
    "姓名 名字 昵称 顾客 客户 买家 卖家 用户 会员 收件 寄件 "
    # (Japanese labels in kanji: '携帯 080 ...' read 携帯 as a name; found by hand)
    "携帯 宛名 携帯電話 携帯番号 "
    # (and a contact's label: '連絡先 080-...' masked 連絡先 as a name, 连 being a surname)
    "连络先 连络 連絡先 联络 聯絡 "
    # (who and where beside a phone in a note: '楼下电话', '门卫电话' were read as names, 楼 and 门
    # being surnames; found by hand)
    "楼下 楼上 隔壁 对面 邻居 楼道 大堂 门卫 保安 物业 前台 门岗 传达室 单位 "
    # (goods' remarks: '易碎品' beside a phone was read as a name, 易 being a surname)
    "易碎品 贵重品 贵重物品 易碎物品 生鲜 冷冻品 冷藏品 危险品 "
    # (who a parcel is handed to that is no one's name: '转给商家', '交给老板'; 商 and 老 start names)
    "商家 店家 商户 老板 客服 小哥 快递员 快递柜 驿站 "
    # (a relative's or a friend's word and the day after a relative's word: '收件人是我室友' masked 室友,
    # '我哥明天来取' masked 明天; found by hand)
    "室友 舍友 同学 同事 朋友 女友 男友 对象 爱人 家人 亲戚 "
    "明天 今天 后天 昨天 早上 明早 明晚 今晚 下周 下班 上班 周末 晚点 一会 马上 须知 群里 群通知".split())
# a place or a role that a longer run starts with ('拿给楼下超市' read 楼下超市 as a name, 楼 a surname)
_PLACE_HEADS = frozenset("楼下 楼上 隔壁 对面 邻居 楼道 大堂 门卫 保安 物业 前台 门岗 单位 公司 家里 商家 店家 "
                         "老板 客服 快递 驿站".split())


# (and an account's fields: Taobao's header '买家会员名,买家支付宝账号,...' read 会员名 and 支付宝 as
# names after 买家, and the header as a data row; its buyer account column stood. Found by hand)
_FIELD_NOUNS = frozenset("留言 备注 信息 方式 地址 电话 手机 号码 名称 编号 单位 公司 时间 日期 我们 客服 邮编 拼音 "
                         "会员 支付 账号 账户 帐号 用户 昵称 姓名 名字".split())


def is_name_segment(seg: str) -> bool:
    """A Han word of 2-5 characters starting with a listed surname, not a known non-name (nor a
    Japanese prefecture: 千葉県, 愛知県横浜, 東京都 are left of a masked address)."""
    return 2 <= len(seg) <= 5 and bool(NAME_SHAPE.match(seg)) and surname_len(seg) > 0 and seg not in NOT_NAMES \
        and "県" not in seg and not seg.startswith(_JP_PREFECTURES)


# the Japanese prefectures not written with 県 (東 is a surname, 京都 could be a given name)
_JP_PREFECTURES = ("東京都", "东京都", "北海道", "京都府", "大阪府")


# words that stand beside a phone number and are not names: who answers it, a carrier, a verb
_ROLE_WORDS = lazy(
    "客户|顾客|快递|骑手|司机|商家|店铺|卖家|买家|本人|家人|物业|门卫|保安|前台|驿站|菜鸟|丰巢|顺丰|圆通|中通|申通|韵达|"
    "极兔|京东|邮政|德邦|百世|宅急送|优速|跨越|售后|客服|热线|总机|座机|固话|传真|微信|号码|备用|紧急|联系|转接|分机|邮箱|邮件|"
    "网址|账号|帐号|订单|单号|编号|身份|证件|护照")
# (県: a Japanese prefecture, 千葉県 in a masked address; no Chinese name holds it)
_NOT_NAME_CHARS = frozenset("了的请打拨到您你我他她们是在有和或及给把被从向往吗呢吧啊哦收寄送取件电话机号码県县縣府")


def unlisted_name_segment(seg: str) -> bool:
    """Two or three Han characters that could be a name whose surname is not in the list (the
    record's position says name; the list does not): not a known non-name word, a field noun, a
    role or carrier word, nor holding a character names do not have."""
    return (2 <= len(seg) <= 3 and bool(NAME_SHAPE.match(seg)) and "·" not in seg and seg not in NOT_NAMES
            and seg[:2] not in _FIELD_NOUNS and seg[-2:] not in _FIELD_NOUNS and not _STOPWORDS.search(seg)
            and not _ROLE_WORDS.search(seg) and not _NOT_NAME_CHARS.intersection(seg)
            and not seg.startswith(_JP_PREFECTURES))
