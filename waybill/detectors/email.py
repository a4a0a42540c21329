"""E-mail addresses, also glued to Chinese text (``邮箱jane@example.com请联系``) and in the common
obfuscated spellings (``jane(at)example.com``, ``jane [at] example [dot] com``, ``jane at example
dot com``; ``＠`` is folded to ``@`` by the normaliser). Linear-time: no nested quantifiers."""
from __future__ import annotations

import re
from ..lazy_re import lazy

from ..model import EntityType, Finding
from . import Context

# neighbours are judged by Latin classes only: a CJK character next to an address ends it
# (a local part may hold accented Latin letters, as internationalised addresses do: 'José.García@...'
# kept 'José.Garcí' and 'müller.hans@...' its 'mü'; or be quoted: '"john doe"@example.com' stood)
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LOCAL = rf"(?:[{_LATIN}][{_LATIN}._%+-]{{0,63}}|\"[^\"\n@]{{1,64}}\")"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_RE = lazy(
    rf"(?<![{_LATIN}._%+-]){_LOCAL}@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,24}}(?![A-Za-z0-9-])"
)
# an address with a domain in another script (RFC 6531: '张伟@例子.中国', 'zhangwei@例子.公司'), a
# label word glued before it left out: found by hand, it stood
EMAIL_IDN_RE = lazy(
    r"(?<![\w.%+-])(?:邮箱|电邮|邮件|郵箱|郵件|email|Email|E-mail)?[:：]?"
    r"(?P<addr>[\w.%+-]{1,64}@(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24})(?![\w-])"
)
# (the words other languages say for '@' and '.': 'anna(at)web(punkt)de', 'anna arroba gmail punto
# com', 'anna chiocciola gmail punto it' stood; found by hand)
# (spoken between words; in brackets 'At' and 'affe' too, which as words are a sentence's)
_AT_SPOKEN = r"at|AT|(?i:arroba|chiocciola|arobase|klammeraffe|snabel-?a|apenstaartje|ma[lł]pa|zavin[aá][cč]|kukac)"
_AT_WORDS = rf"{_AT_SPOKEN}|At|(?i:affe)"
_DOT_WORDS = r"(?i:dot|punkt|punto|point|punt|kropka|te[cč]ka|pont|piste|prikk|nokta)"
_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORDS})\s*[)\]}}>]\s*|\s+(?:{_AT_SPOKEN})\s+|\s*(?:艾特|圈a)\s*)"
_DOT = rf"(?:\.|\s*[(\[{{<]\s*(?:{_DOT_WORDS}|点)\s*[)\]}}>]\s*|\s+{_DOT_WORDS}\s+|\s*点\s*)"
OBFUSCATED_RE = lazy(
    rf"(?<![A-Za-z0-9._%+-]){_LOCAL}(?:\s+{_DOT_WORDS}\s+{_LOCAL}){{0,3}}{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{0,4}}{_DOT}[A-Za-z]{{2,24}}(?![A-Za-z0-9-])"
)
# an address written letter by letter ('j o h n . s m i t h @ g m a i l . c o m': it stood; found by
# hand, probing forms attackers write): one character and one space at a time, read without them
# (read from each @ outwards, a bounded stretch each side: a search for the whole form from every
# start was quadratic on a long run of 'a b a b ...')
# (ASCII: an address glued to Chinese text, '请联系wang-ting55 @example.cn', starts at its first letter)
_SPACED_LOCAL = lazy(r"(?<![A-Za-z0-9_.+\-])(?:(?:[A-Za-z0-9_.+\-] ){2,64}[A-Za-z0-9_.+\-]?|"
                           r"[A-Za-z0-9_.+\-]{1,64}) ?$")
_SPACED_DOMAIN = lazy(r" ?(?:(?:[A-Za-z0-9_.\-] ){2,128}[A-Za-z0-9]|"
                            r"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8})(?![A-Za-z0-9_.\-])")


def spaced(text: str) -> list[tuple[int, int]]:
    """Spans of addresses with spaces in them: letter by letter or round the @."""
    out = []
    at = text.find("@")
    while at >= 0:
        nxt = text.find("@", at + 1)
        if not (at and text[at - 1] == " " or text[at + 1:at + 2] == " "):
            at = nxt
            continue
        left = _SPACED_LOCAL.search(text, max(0, at - 140), at)
        right = _SPACED_DOMAIN.match(text, at + 1)
        at = nxt
        if left is None or right is None:
            continue
        a, z = left.start(), right.end()
        if EMAIL_RE.fullmatch(text[a:z].replace(" ", "")):
            out.append((a, z))
    return out


# '#' written for '@' (a common way to keep an address from crawlers: 'zhangwei#163.com'), taken only
# before a mail domain with a known top-level domain (not a URL fragment or an issue number)
HASH_RE = lazy(
    rf"(?<![{_LATIN}._%+-])[{_LATIN}][{_LATIN}._%+-]{{0,63}}#{_LABEL}(?:\.{_LABEL})*\.(?P<tld>[A-Za-z]{{2,6}})(?![A-Za-z0-9-])"
)

OBF_GATE = lazy(rf"(?i)[(\[{{<]\s*(?:{_AT_WORDS})\s*[)\]}}>]|\s(?:{_AT_SPOKEN})\s|艾特|圈a")
AT_RE = lazy(rf"@|{_AT}")
# an address already masked ("j*******@example.com", "d****(AT)corp[dot]example[dot]com")
MASKED_RE = lazy(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9]?[*＊]{{1,64}}(?:@|{_AT}){_LABEL}(?:{_DOT}{_LABEL}){{0,6}}(?![A-Za-z0-9-])"
)
# a plain-word "at" between words is English, not an address: " at " needs a dot word too
_PLAIN_AT = lazy(r"\s+(?:at|AT)\s+")
_DOT_WORD = lazy(rf"(?i){_DOT_WORDS}|点|\.")
_TLDS = frozenset("com net org cn edu gov io co uk de jp info biz me us hk tw mo sg".split())


# a messenger account after its label (微信：zhangsan_1990, QQ：123456789, WeChat ID: li_lei88):
# it reaches the person as an e-mail address does, and is masked like one (no "@": whole)
# (or a phone number, which a messenger's account often is: 'Zalo: 0912345678' stood; found by hand,
# 2026-12-07)
_HANDLE = r"(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_\-]{4,29}|[1-9]\d{4,11}|0\d{8,12})(?![A-Za-z0-9_\-])"
HANDLE_RE = lazy(
    # a Chinese label may be glued to the account (微信zhangsan_1990); an ASCII one needs a colon
    # ("WeChat: ...", "QQ ID: ...", "Line ID ...": never the word "line" in a sentence)
    # (Taobao's Wangwang, DingTalk, Douyin, Kuaishou, Xiaohongshu, Alipay, Feishu accounts after their
    # label: '淘宝旺旺 zhaomin2026', '钉钉：zhangwei_dd', '抖音号：dy123456789' stood; found by hand)
    # (WeChat written as a bare V after 加 or before a colon: '加V zhangsan1990', 'V：zhangsan1990'
    # stood; found by hand)
    r"(?:(?:微信|威信|薇信|V信|(?:淘宝|阿里)?旺旺|钉钉|抖音|快手|小红书|支付宝|飞书)(?:号码?|账号|ID|id)?|(?:QQ|qq)(?:号码?|账号)"
    r"|加[Vv](?![A-Za-z])|(?<![A-Za-z0-9])[Vv](?=[ \t]*[:：]))"
    r"[ \t]*(?:[:：][ \t]*)?" + _HANDLE +
    r"|(?<![A-Za-z])(?:vx|VX|wx|WX|WeChat|Wechat|WECHAT|wechat|Line|LINE|Telegram|QQ|qq|WhatsApp|Whatsapp|Skype|Signal"
    r"|Viber|Zalo|KakaoTalk|Kakao)"
    r"(?:[ \t]?(?:ID|Id|id)[ \t]*[:：]?|[ \t]*[:：])[ \t]*" + _HANDLE +
    # an account that names its messenger itself, with no label: a WeChat ID ('wxid_k3j2...'), a
    # Telegram link ('t.me/zhangwei1990')
    r"|(?<![A-Za-z0-9_])(wxid_[A-Za-z0-9_\-]{4,30})(?![A-Za-z0-9_\-])|(?<![A-Za-z0-9_.])t\.me/([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_])"
    # a social or payment account after its app's name ('IG: @anna.schmidt', 'Telegram @ivan_petrov',
    # 'Venmo @Anna-Schmidt-3', 'QQ 123456789': found by hand, each stood): with a colon, or an '@'
    # before the account, or a QQ number's digits
    r"|(?<![A-Za-z])(?:Instagram|instagram|INSTAGRAM|Insta|insta|IG|ig|TikTok|Tiktok|tiktok|Snapchat|snapchat|Snap|"
    r"Twitter|twitter|Facebook|facebook|FB|fb|Venmo|venmo|CashApp|Cash[ \t]App|cashapp|LinkedIn|linkedin|Threads|"
    r"Discord|discord|Telegram|telegram|TG|Signal|Skype|Line|LINE|Kakao|KakaoTalk|Viber|WhatsApp|Whatsapp|"
    r"Zalo|ZALO|zalo|IMO|Imo|Messenger)"
    r"(?:[ \t]?(?:ID|Id|id|handle|Handle|name|Name|user|username))?[ \t]*(?:[:：][ \t]*@?|@)"
    r"([A-Za-z0-9_][A-Za-z0-9_.\-]{2,29}[A-Za-z0-9_])(?![A-Za-z0-9_\-])"
    r"|(?<![A-Za-z])(?:QQ|qq)[ \t]+([1-9]\d{4,11})(?!\d)"
)
HANDLE_GATE = lazy(r"微信|威信|薇信|V信|旺旺|钉钉|抖音|快手|小红书|支付宝|飞书|加[Vv]|(?<![A-Za-z0-9])[Vv][ \t]*[:：]|"
                         r"(?i:vx|wx|wechat|line|telegram|qq|whatsapp|skype|signal|viber|zalo|kakao|insta|ig|tiktok|snap|imo|messenger|"
                         r"twitter|facebook|fb|venmo|cash|linkedin|threads|discord|tg)|t\.me/")


def detect(text: str, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if HANDLE_GATE.search(text):
        for m in HANDLE_RE.finditer(text):
            g = next(k for k in range(1, 7) if m.group(k) is not None)
            out.append(Finding(EntityType.EMAIL, m.start(g), m.end(g), m.group(g), 0.85, "email.handle"))
    if "@" in text:
        out += [Finding(EntityType.EMAIL, m.start(), m.end(), m.group(), 0.99, "email")
                for m in EMAIL_RE.finditer(text)]
        if not text.isascii():
            for m in EMAIL_IDN_RE.finditer(text):
                a, z = m.span("addr")
                if not m.group("addr").isascii() and not any(f.start < z and a < f.end for f in out):
                    out.append(Finding(EntityType.EMAIL, a, z, text[a:z], 0.95, "email.idn"))
        if " @" in text or "@ " in text:
            out += [Finding(EntityType.EMAIL, a, z, text[a:z], 0.9, "email.spaced") for a, z in spaced(text)]
    if "#" in text:
        out += [Finding(EntityType.EMAIL, m.start(), m.end(), m.group(), 0.85, "email.hash")
                for m in HASH_RE.finditer(text) if m.group("tld").lower() in _TLDS]
    if "*" in text or "＊" in text:
        out += [Finding(EntityType.MASKED, m.start(), m.end(), m.group(), 0.9, "email.masked")
                for m in MASKED_RE.finditer(text) if "@" in m.group() or AT_RE.search(m.group())]
    if OBF_GATE.search(text):
        for m in OBFUSCATED_RE.finditer(text):
            s = m.group()
            if "@" in s:
                continue
            tld = re.search(r"[A-Za-z]+$", s).group().lower()
            if _PLAIN_AT.search(s) and (tld not in _TLDS or not _DOT_WORD.search(s[_PLAIN_AT.search(s).end():])):
                continue  # "meet me at the station dot" is a sentence
            out.append(Finding(EntityType.EMAIL, m.start(), m.end(), s, 0.9, "email.obfuscated"))
    return out
