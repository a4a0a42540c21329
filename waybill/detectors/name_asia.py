"""Korean and Japanese names in a contact record (benchmarks/world_text found them read by nothing):
``받는 분: 김영환 / ... / 전화 010-1234-3495``, ``이준혁, 010-123-2972, 대전광역시 ...``,
``お届け先: 佐藤七夏 / 滋賀県 ...``, ``鈴木 学, 070-1234-5334, ...``.

Korean: a word of 2-4 Hangul syllables that starts with one of the common family names (these
cover nearly everyone in Korea) and stands alone (a space, punctuation or a label around it).
Japanese: a common family name in kanji, then an optional space and 1-4 kanji or kana of the given
name, standing alone. Either counts only in a record: after a receiver/sender label, or in a text
where a phone number or an address was found, or in a name column. In ``share`` the family name
stays (Korean 1 syllable, or 2 for the compound ones; Japanese its kanji), as for Chinese names.
"""
from __future__ import annotations

import functools
import re
from ..lazy_re import lazy
from itertools import chain

from ..model import EntityType, Finding
from . import Context

T = EntityType

_KR_FAMILY2 = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")
_KR_FAMILY1 = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공"
                  "현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부가복태"
                  # (less common ones from the national census lists: 나 Na, 라 Ra, 빈, 피, 호, ...)
                  "나라빈피호좌단당팽견승시")
_KR = lazy(r"(?<![\uac00-\ud7af])[\uac00-\ud7af]{2,4}(?![\uac00-\ud7af])")
# common Japanese family names (about the 150 most frequent, written in kanji)
_JP_FAMILY = sorted(set(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 "
    "橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 "
    "金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 "
    "内田 高木 安藤 島田 谷口 大野 高田 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 "
    "千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井 渡部 佐野 杉本 古川 大西 服部 市川 北村 小島 水野 吉川 山内 西田 "
    "菊池 西川 五十嵐 北川 安田 中田 川口 平田 川崎 飯田 吉村 本田 久保田 沢田 辻 関 吉岡 宮田 浅野 小松 松下 "
    "高野 樋口 岩田 中西 山中 荒木 大橋 片山 土屋 永井 松岡 内藤 桑原 尾崎 矢野 横田 上原 星野 広瀬".split()),
    key=len, reverse=True)


# the same names as the detectors see them: texts arrive in simplified characters (OpenCC t2s, as
# ``normalize`` gives them; tests/test_world.py checks this list against OpenCC)
_JP_FAMILY_SIMPLIFIED = ("中岛 五十岚 冈本 冈田 千叶 吉冈 后藤 大冢 大桥 宫崎 宫本 宫田 小岛 岛田 松冈 桥本 远藤 铃木 "
                         "长谷川 饭田 高桥").split()


@functools.lru_cache(maxsize=1)
def _jp() -> tuple[re.Pattern, tuple]:
    """(the Japanese name pattern, the family names in both writings), built on first use."""
    fams = tuple(sorted(set(_JP_FAMILY) | set(_JP_FAMILY_SIMPLIFIED), key=len, reverse=True))
    pat = re.compile(r"(?<![\u4e00-\u9fff\u3040-\u30ff々])(?:" + "|".join(map(re.escape, fams)) +
                     r")(?: |\u3000)?[\u4e00-\u9fff\u3040-\u309f々]{1,4}(?![\u4e00-\u9fff\u3040-\u30ff々])")
    return pat, fams


@functools.lru_cache(maxsize=1)
def _jp_families() -> frozenset:
    return frozenset(_jp()[1])


def is_jp_family(word: str) -> bool:
    """Whether ``word`` is a listed Japanese family name (in either writing)."""
    return word in _jp_families()


def jp_family_at(text: str, at: int) -> int:
    """The length of a listed Japanese family name that starts at ``at`` (0: none)."""
    return next((len(f) for f in _jp()[1] if text.startswith(f, at)), 0)


# (and a door's bell and a relative's word in a note: '초인종: 박서준', '우리 엄마 이영희한테 주세요',
# '名前は田中花子です', 'インターホン：佐藤' stood; found by hand)
_KIN_KR = r"초인종|인터폰|엄마|아빠|어머니|아버지|남편|아내|와이프|누나|언니|오빠|동생|친구|동료|이웃"
_LABEL = lazy(r"받는\s?분|받는\s?사람|수령인|수취인|보내는\s?분|보내는\s?사람|이름|성명|고객명|"
                    rf"{_KIN_KR}|"
                    r"お届け先|宛先|宛名|氏名|お名前|ご依頼主|送り主|受取人|様|名前|表札|インターホン|配[達达]先|配送先|送付先|"
                    # (an honorific after a name: '김민수 님께 문 앞에 놔주세요' stood; found by hand)
                    r"(?<=[\uac00-\ud7af])\s?님(?:께|에게|한테)?(?![\uac00-\ud7af])")
# words before 님 that are a role, not a name ('고객님께', '기사님'; 고 and 기 are family names)
_KR_ROLE = frozenset("고객 기사 택배기사 배송기사 기사님 사장 사장님 선생 선생님 경비 관리인 주인 담당자 담당 팀장 부장 과장 "
                     "대리 실장 원장 회장 교수 의사 간호사 형님 사모 회원 구매자 판매자 관리자".split())
# Hangul words that start like a family name and are not names (address and label words)
_KR_NOT = lazy(r".*(?:시|도|구|군|동|로|길|층|번지|전화|주소|분|사람|휴대폰|연락처|아파트|빌딩|마을|타운)$|"
                     r"이름|성명|지하|고객명|수령인|수취인|보내는|받는")
_KR_WORDS = lazy(r"이름|성명|지하|고객명|수령인|수취인|보내는|받는|.*(?:전화|주소|휴대폰|연락처|아파트|빌딩|마을|타운)")
# a family name that is a prefecture's name too, followed by 県: an address (都 and 府 start given
# names: 千葉都子)
_JP_PLACE_AFTER = lazy(r"県")
# a Japanese text: kana, 県, 〒, 様, 丁目 (the family-name search runs only there, not over Chinese)
# (or a prefecture written without 県, in either writing: a Tokyo record without kana)
# (or a Japanese label written in kanji alone: '宛名 佐藤花子 携帯 080 ...' stood; found by hand)
# (and where a parcel goes, in kanji alone: '配達先 佐藤花子 080-1234-5678' stood, 配 read as a Chinese
# surname; found by hand)
# (or a phone in Japan's groupings, which Chinese numbers do not take: '佐藤 花子' / 'TEL 06-6345-1234'
# under a sender's address stood, read with its next line; found by hand)
_JP_PHONE_SRC = r"(?<![\d-])(?:0[5789]0-\d{4}|0[1-9]-\d{4}|0\d\d-\d{3}|0\d{3}-\d\d)-\d{4}(?![\d-])"
_JP_TEXT = lazy(r"[\u3040-\u30ff県〒様]|丁目|東京都|东京都|北海道|京都府|大阪府|宛名|携帯|宛先|差出人|依頼主|受取人|"
                      r"配達先|配达先|配送先|送付先|届け先|届先|" + _JP_PHONE_SRC)
_JP_PHONE = lazy(_JP_PHONE_SRC)


def jp_phone(text: str) -> bool:
    """Whether the text holds a phone in Japan's groupings (a dash first: one C-level scan)."""
    return "-" in text and _JP_PHONE.search(text) is not None


_KANA_ANY = lazy(r"[\u3040-\u30ff]")
_GATE_CHARS = lazy(r"[\uac00-\ud7af\u3040-\u30ff県〒様樣样]|宛先|差出人|依頼主|受取人|配達先|配达先|配送先|送付先|届け?先")


def gate(text: str) -> bool:
    return _GATE_CHARS.search(text) is not None or "丁目" in text or "東京都" in text or "东京都" in text \
        or "北海道" in text or "京都府" in text or "大阪府" in text or "宛名" in text or "携帯" in text \
        or "氏名" in text or "名前" in text or "担当" in text and _KANA_ANY.search(text) is not None or jp_phone(text)


_PHONEISH = {T.PHONE, T.LANDLINE, T.PHONE_INTL, T.MASKED, T.VIRTUAL_PHONE}


def _context(text: str, found) -> bool:
    return _LABEL.search(text) is not None or any(
        f.type in _PHONEISH or f.type is T.ADDRESS for f in found) or _KR_SIGNED.search(text) is not None


# a name that signs a note after its last comma ('경비실에 맡겨주세요, 박지훈' stood; found by hand)
_KR_SIGNED = lazy(r"[\uac00-\ud7af][^,，\n]*[,，][ \t]*(?P<name>[\uac00-\ud7af]{2,4})[ \t]*[.!]?[ \t]*$")
# words that end a note so and name no one (their first syllable is a family name)
_KR_NOTE_END = frozenset("조심 조심히 안녕 안녕히 감사 감사요 수고 수고요 고마워 고마워요 부탁 부탁해 부탁요 천천히 문앞 문앞에 "
                         "정문 후문 경비실 관리실 택배함 무인함 오늘 내일 모레 주말 평일 오전 오후 저녁 빨리 급함 "
                         "보관 도착 배송 연락 전화 문자 확인 감사함".split())


# where a Korean name stands in a record: after a label (받는 분:, 수령인, "deliver to"), first in the
# text before a separator, right before or after a phone number, or before an honorific (님, 씨)
_BEFORE_KR = lazy(r"(?:받는\s?분|받는\s?사람|수령인|수취인|보내는\s?분|보내는\s?사람|이름|성명|고객명|"
                        rf"{_KIN_KR}|(?i:to|attn\.?|name|recipient|from))\s*[:：]?\s*$")
# a name with the particle that says to whom ('이영희한테', '김민수에게', '박서준께')
_KR_PARTICLE = lazy(r"(?<![\uac00-\ud7af])([\uac00-\ud7af]{2,4}?)(?:한테|에게|께)(?![\uac00-\ud7af])")
# what may follow a Japanese given name and is none of it ('田中花子です', '佐藤さん')
_JP_TAIL = lazy(r"(?:です|さん|様|ちゃん|くん|君|に|へ|は|が|の|まで)$")
_AFTER_KR = lazy(r"\s*(?:님|씨|고객님|[,，|/;(（]|[-–—]\s|$)")
# a phone's label right after the name ('– 김미영 – 전화: 042-...', '신지현 (전화 031-...)'): the
# name stands beside the phone, its label between
_PHONE_LABEL_AFTER = lazy(r"\s*[,，|/;(（\-–—]?\s*(?:전화|휴대폰|핸드폰|연락처|(?i:tel|phone|mobile))")


def _kr_placed(text: str, a: int, b: int, found) -> bool:
    if _BEFORE_KR.search(text, max(0, a - 12), a) or text[a:b + 3].endswith(("님", "씨")) or \
            text[b:b + 1] in ("님", "씨"):
        return True
    if not text[:a].strip() and _AFTER_KR.match(text, b):
        return True
    sig = _KR_SIGNED.search(text)
    if sig is not None and sig.span("name") == (a, b) and text[a:b] not in _KR_NOTE_END:
        return True
    for f in found:
        if f.type in _PHONEISH and (0 <= a - f.end <= 3 or 0 <= f.start - b <= 3):
            return True
    return _label_then_phone(text, b, found)


def _label_then_phone(text: str, b: int, found) -> bool:
    """A phone's label right after ``b`` and a phone right after the label."""
    m = _PHONE_LABEL_AFTER.match(text, b)
    return m is not None and any(f.type in _PHONEISH and 0 <= f.start - m.end() <= 6 for f in found)


def _first_or_beside_phone(text: str, a: int, b: int, found) -> bool:
    """First in the text before a separator, or right before or after a phone number."""
    if not text[:a].strip() and _AFTER_KR.match(text, b) and text[b:b + 1].strip():
        return True
    return any(f.type in _PHONEISH and (0 <= a - f.end <= 3 or 0 <= f.start - b <= 3) for f in found)


# (and a Japanese label's own words for who sends and receives: 'お届け先 森 晃 電話 ...' stood, its
# one-character names letter-spaced and joined to the label when read; world_text seed 120 ja_JP)
_JP_LABEL_END = lazy(r"(?:名前は|名前[:：]|表札[:：]?|インターホン[:：]?|(?:お|御)?届け?先[:：]?|宛先[:：]?|宛名[:：]?|"
                           r"配[達达]先[:：]?|配送先[:：]?|送付先[:：]?|"
                           r"送り主[:：]?|(?:ご|御)?依頼主[:：]?|差出人[:：]?|受取人[:：]?|受け取り人[:：]?|お名前[:：]?|"
                           # (a name's own label: '受取人氏名：白石 美咲', 'おなまえ 竹中 直人' stood, their family
                           # names not listed; found by hand)
                           r"(?:受取人|受け取り人|(?:お|御)?届け?先|(?:ご|御)?依頼主|差出人|送り主)?氏名[:：]?|おなまえ[:：]?)[ \u3000]*")


@functools.lru_cache(maxsize=1)
def _jp_after_label() -> re.Pattern:
    """A family name and its given name right where a label ends (``_JP_LABEL_END``)."""
    _pat, fams = _jp()
    return re.compile(r"(?:" + "|".join(map(re.escape, fams)) +
                      r")(?: |\u3000)?[\u4e00-\u9fff\u3040-\u309f々]{1,4}(?![\u4e00-\u9fff\u3040-\u30ff々])")


# a name before its honorific, its family name listed or not ('竹中 直人 様', '東海林 さだお 様',
# '野々村 真 様', 'ヤマダ タロウ 様' stood: only the ~150 commonest family names were read), and a name's
# reading after its label ('フリガナ：ヤマダ タロウ', '氏名（カナ） スズキ イチロウ', 'ふりがな やまだ たろう'
# stood: the reading spells the whole name). 殿 only in a Japanese text (a Chinese hall is a 殿)
_JP_GIVEN = r"(?:[\u4e00-\u9fff々]{1,4}|[\u3041-\u3096ー]{2,6}|[\u30a1-\u30f6ー]{2,8})"
_KATA_NAME = r"[\u30a1-\u30f6ー\uff66-\uff9f]{1,10}(?:[ \u3000][\u30a1-\u30f6ー\uff66-\uff9f]{1,10})?"
_HIRA_NAME = r"[\u3041-\u3096ー]{2,10}(?:[ \u3000][\u3041-\u3096ー]{1,10})?"
_HONORED = lazy(rf"(?<![\u4e00-\u9fff々\u3040-\u30ffA-Za-z])(?P<n>[\u4e00-\u9fff々]{{1,3}}[ \u3000]?{_JP_GIVEN}"
                rf"|[\u4e00-\u9fff々]{{2,4}}|[\u30a1-\u30f6ー]{{1,10}}[ \u3000][\u30a1-\u30f6ー]{{1,10}}|[\u30a1-\u30f6ー]{{2,12}})"
                rf"[ \u3000]?(?P<h>様方?|さま|さん|殿|[樣样]方?)(?![\u4e00-\u9fff])")
_READING = lazy(rf"(?:フリガナ|ふりがな|ﾌﾘｶﾞﾅ|よみがな|ヨミガナ|読み仮名|カナ氏名|氏名カナ|カナ|かな)[ \u3000]*[)）]?[ \u3000]*[:：]?[ \u3000]*"
                rf"(?P<n>{_KATA_NAME}|{_HIRA_NAME})(?![\u3040-\u30ff\uff66-\uff9f])")
# what stands before an honorific and names no one (a role, a relative, 'everyone'), in both writings
# (texts reach the detectors in simplified characters: 運転手 as 运転手)
_NOT_HONORED_WORDS = ("客 お客 皆 皆々 各位 奥 王 神 仏 担当 担当者 ご担当者 受取人 依頼主 ご依頼主 差出人 送り主 荷受人 宛先 "
                         "届け先 お届け先 管理人 家族 ご家族 会員 利用者 購入者 注文者 受注者 店長 社長 部長 課長 係長 先生 "
                         "オーナー ユーザー メンバー ゲスト ドライバー スタッフ 運転手 配達員 大家 店員 駅員 隣人 近所 "
                         "郵便屋 業者 宅配業者 先輩 後輩 友達 友人 不明 不在".split())


@functools.lru_cache(maxsize=1)
def _not_honored() -> frozenset:
    from ..normalize import to_simplified
    return frozenset(_NOT_HONORED_WORDS) | frozenset(to_simplified(w) for w in _NOT_HONORED_WORDS)


def _jp_marked(text: str, japanese: bool, role: str | None = None) -> list[Finding]:
    """Names before an honorific and names' readings after their label (``_HONORED``, ``_READING``)."""
    out: list[Finding] = []
    if "様" in text or "さ" in text or "样" in text or ("殿" in text or "樣" in text) and japanese:
        starts = [m.end() for m in _JP_LABEL_END.finditer(text)]
        for m in chain(_HONORED.finditer(text), (x for x in (_HONORED_AT.match(text, e) for e in starts) if x)):
            w, h = m.group("n"), m.group("h")
            if w in _not_honored() or h == "殿" and not japanese or any(f.start < m.end("n") and m.start("n") < f.end
                                                                     for f in out):
                continue
            a = m.start("n")
            parts = re.split(r"[ \u3000]", w)
            fam = next((f for f in _jp()[1] if w.startswith(f)), None)
            if h[0] in "樣样" and not japanese and (fam is None or len(fam) >= len(w)):
                # 樣 is how OCR reads 様 ('佐藤翔太樣'), and 样 a Chinese word's end ('不一样'): a listed
                # family name and a given name before it, or a Japanese text
                continue
            # (the family name kept by share: the listed one, the word before a space, or a guess by
            # length; Han letter-spacing is gone when the detectors read the text: '野々村 真' comes as 野々村真)
            sl = len(parts[0]) if len(parts) > 1 else len(fam) if fam else \
                (3 if len(w) >= 4 and w[1] == "々" else 2 if len(w) >= 4 else 1)
            out.append(Finding(T.NAME, a, a + len(w), w, 0.75, "name_asia.honored", meta=(("surname_len", sl),),
                               role=role))
    if "氏名" in text or "おなまえ" in text or "名前" in text or "担当" in text and japanese:
        for lab in _NAME_LABEL.finditer(text):
            if lab.group().startswith("担当") and not japanese:
                continue  # (担当 is a Chinese verb too: '担当工作')
            m = _ANY_NAME_AT.match(text, lab.end())
            if m is None or any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            w = m.group()
            parts = re.split(r"[ \u3000]", w)
            if len(parts) == 1 and _MASKED_AFTER.match(text, m.end()):
                continue  # the family name that share keeps, its given name masked ('鷲尾　***' re-read)
            fam = next((f for f in _jp()[1] if w.startswith(f)), None)
            sl = len(parts[0]) if len(parts) > 1 else len(fam) if fam else (2 if len(w) >= 4 else 1)
            out.append(Finding(T.NAME, m.start(), m.end(), w, 0.75, "name_asia.labelled", meta=(("surname_len", sl),),
                               role=role))
    if japanese and ("先" in text or "主" in text or "人" in text):
        # a family name and a given name apart right after a side's label, whatever the family
        # ('ご依頼主 熊谷 悠真 080-...': 熊谷 was read as a Chinese name, 熊 and 谷, and 悠真 stood; a
        # held-out probe); not a place ('お届け先 東京都 渋谷区')
        for lab in _SIDE_LABEL.finditer(text):
            m = _SPACED_NAME_AT.match(text, lab.end())
            if m is not None and _PHONE_WORD.fullmatch(m.group(2)):
                # a name written whole, then its phone's label ('お届け先 松本稔 電話 090-...': 電話 was
                # masked as the given name and 松本稔 stood; world_text seed 148, ja_JP)
                w = m.group(1)
                if 2 <= len(w) <= 4 and not _PLACE_WORD_END.search(w) and not _NAME_LABEL.match(text, lab.end()) \
                        and not any(f.start < m.end(1) and m.start(1) < f.end for f in out):
                    fam = next((f for f in _jp()[1] if w.startswith(f) and len(f) < len(w)), None)
                    out.append(Finding(T.NAME, m.start(1), m.end(1), w, 0.75, "name_asia.labelled",
                                       meta=(("surname_len", len(fam) if fam else 2 if len(w) >= 3 else 1),), role=role))
                continue
            if m is None or _NAME_LABEL.match(text, lab.end()) or _PLACE_WORD_END.search(m.group(1)) or _PLACE_WORD_END.search(m.group(2)) \
                    or any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            out.append(Finding(T.NAME, m.start(), m.end(), m.group(), 0.75, "name_asia.labelled",
                               meta=(("surname_len", len(m.group(1))),), role=role))
    if "カナ" in text or "かな" in text or "ガナ" in text or "がな" in text or "ｶﾞﾅ" in text or "仮名" in text:
        for m in _READING.finditer(text):
            w = m.group("n")
            parts = re.split(r"[ \u3000]", w)
            if len(parts) == 1 and _MASKED_AFTER.match(text, m.end("n")):
                continue  # the family's reading that share keeps, its given name masked ('ヤマダ ***')
            out.append(Finding(T.NAME, m.start("n"), m.end("n"), w, 0.75, "name_asia.reading",
                               meta=(("surname_len", len(parts[0]) if len(parts) > 1 else 0),), role=role))
    return out


# a name's own label in Japanese, and a name of any family after it: a family and a given name
# apart, or 2-5 kanji together (Chinese writes 姓名, not 氏名 or 名前)
# (and a company's contact, '担当 菅野 恵'; a family name may hold a small ツ, ノ or ヶ: '三ツ矢 凛', '一ノ瀬')
_NAME_LABEL = lazy(r"(?:氏名|おなまえ|お名前|名前|担当者?)(?:[(（][^)）]{0,6}[)）])?[ \u3000]*[:：]?[ \u3000]*")
_ANY_NAME_AT = lazy(r"[\u4e00-\u9fff々](?:[\u4e00-\u9fff々]|[ツノヶケ](?=[\u4e00-\u9fff])){0,3}[ \u3000]"
                    r"[\u4e00-\u9fff々\u3041-\u3096\u30a1-\u30f6ー]{1,5}"
                    r"(?![\u4e00-\u9fff々\u3040-\u30ff])|[\u4e00-\u9fff々]{2,5}(?![\u4e00-\u9fff々\u3040-\u30ff])")
_SIDE_LABEL = lazy(r"(?:(?:ご|御)?依頼主|差出人|送り主|受け?取り?人|(?:お|御)?届け?先|宛先|配[達达]先|配送先|送付先)様?"
                   r"[ \u3000]*[:：]?[ \u3000]*")
_SPACED_NAME_AT = lazy(r"([\u4e00-\u9fff々](?:[\u4e00-\u9fff々]|[ツノヶケ](?=[\u4e00-\u9fff])){0,3})[ \u3000]"
                       r"([\u4e00-\u9fff々\u3041-\u3096\u30a1-\u30f6ー]{1,4})(?![\u4e00-\u9fff々\u3040-\u30ff])")
_PLACE_WORD_END = lazy(r"[都道府県县市区區町村郡丁目番号号]$")
# (the phone labels a name's second group can be: kanji and kana only)
_PHONE_WORD = lazy(r"電話(?:番号)?|电话|携帯(?:電話)?|連絡先")
_MASKED_AFTER = lazy(r"[ \u3000]+[*＊]")
_HONORED_AT = lazy(_HONORED.pattern.replace(r"(?<![\u4e00-\u9fff々\u3040-\u30ffA-Za-z])", "", 1))


# a name's reading in brackets after the name ('山本 一郎（ヤマモト イチロウ）' kept the reading whole)
_BRACKET_READING = lazy(r"[（(][ \u3000]*(?P<n>[\u30a1-\u30f6ー\uff66-\uff9f]{1,10}[ \u3000][\u30a1-\u30f6ー\uff66-\uff9f]{1,10}"
                        r"|[\u3041-\u3096ー]{1,10}[ \u3000][\u3041-\u3096ー]{1,10})[ \u3000]*[）)]")


def detect(text: str, ctx: Context, state: dict) -> list[Finding]:
    out = _detect(text, ctx, state)
    if ("（" in text or "(" in text) and (any(f.type is T.NAME for f in out) or _LABEL.search(text) is not None):
        for m in _BRACKET_READING.finditer(text):
            a, b = m.span("n")
            if not any(f.start < b and a < f.end for f in out) and \
                    not any(f.start < b and a < f.end for f in state.get("found", ())):
                out.append(Finding(T.NAME, a, b, m.group("n"), 0.75, "name_asia.reading",
                                   meta=(("surname_len", len(re.split(r"[ \u3000]", m.group("n"))[0])),),
                                   role=ctx.role))
    return out


def _detect(text: str, ctx: Context, state: dict) -> list[Finding]:
    found = state.get("found", ())
    hangul = _KR.search(text) is not None
    jp_text = _JP_TEXT.search(text) is not None
    japanese = jp_text and (_jp()[0].search(text) is not None or _JP_LABEL_END.search(text) is not None)
    marked = [f for f in _jp_marked(text, jp_text, ctx.role) if not any(g.start < f.end and f.start < g.end for g in found)]
    if not hangul and not japanese:
        return marked
    if ctx.hint is not T.NAME and not _context(text, found) and not (
            japanese and any(_jp_after_label().match(text, m.end()) for m in _JP_LABEL_END.finditer(text))):
        return marked
    taken = [(f.start, f.end) for f in found] + [(f.start, f.end) for f in marked]

    def free(a, b):
        return not any(s < b and a < e for s, e in taken)

    out: list[Finding] = []
    if hangul:
        spans = [(m.group(), *m.span()) for m in _KR.finditer(text)]
        spans += [(m.group(1), *m.span(1)) for m in _KR_PARTICLE.finditer(text)]
        for w, a, b in spans:
            if len(w) >= 3 and w[-1] in "님씨":
                w, b = w[:-1], b - 1  # 김철수님: the honorific is not the name
            if w in _KR_ROLE:
                continue
            two = w[:2] in _KR_FAMILY2
            if not (two or w[0] in _KR_FAMILY1) or not free(a, b):
                continue
            if _KR_NOT.fullmatch(w) and not (len(w) == 3 and _KR_WORDS.fullmatch(w) is None
                                             and (_BEFORE_KR.search(text, max(0, a - 12), a)
                                                  or _first_or_beside_phone(text, a, b, found)
                                                  or _label_then_phone(text, b, found))):
                # (right after a name label, first in a record before a separator or right beside a
                # phone, three syllables are a name even when they end like a place word: 정영길,
                # 김영도 were read as a road and a province; '고영길, 033-871-5334, ...')
                continue
            if len(w) == 4 and not two:
                continue  # four syllables with a one-syllable family name: rarely a name
            if ctx.hint is not T.NAME and not _kr_placed(text, a, b, found):
                continue  # a word of a note (배송시, 경비실): a name stands where a name stands
            out.append(Finding(T.NAME, a, b, w, 0.75, "name_asia.kr",
                               meta=(("surname_len", 2 if two else 1),), role=ctx.role))
    jp, fams = _jp() if japanese else (None, ())
    # (after a label a name may follow a kana particle: '名前は田中花子です', which the pattern's
    # look-behind, made for names inside running text, passed over)
    labelled = [_jp_after_label().match(text, m.end()) for m in _JP_LABEL_END.finditer(text)] if japanese else []
    for m in chain(jp.finditer(text) if japanese else (), (x for x in labelled if x is not None)):
        if not free(*m.span()):
            continue
        w = m.group()
        fam = next(f for f in fams if w.startswith(f))
        tail = _JP_TAIL.search(w, len(fam) + 1)
        if tail is not None:
            w = w[:tail.start()]
        if len(w) == len(fam) or _JP_PLACE_AFTER.match(w, len(fam)):
            continue  # (山口県白井市, 千葉県板橋区: a prefecture named like a family, read in a masked record)
        out.append(Finding(T.NAME, m.start(), m.start() + len(w), w, 0.75, "name_asia.jp",
                           meta=(("surname_len", len(fam)),), role=ctx.role))
    return out + marked


def cell_name(cell: str, places: bool = True) -> bool:
    """A cell that on its own is a Korean or Japanese name (for a row that holds other personal
    data: ``structure.infer_row_names``). The family names are held in both writings, so the
    cell is read as it is. ``places=False``: where nothing else can be a place (a contact list's
    key before an e-mail), a Korean name may end as a place's name does (길, 동, 구: '윤영길',
    '홍길동') and a Japanese one in kanji may have a given name of three ('鈴木美加子')."""
    s = cell.strip()
    if _KR.fullmatch(s) is not None:
        two = s[:2] in _KR_FAMILY2
        return (two or s[0] in _KR_FAMILY1) and (len(s) < 4 or two) and (
            _KR_NOT.fullmatch(s) is None if places else _KR_WORDS.fullmatch(s) is None)
    jp, fams = _jp()
    if jp.fullmatch(s) is None or s in fams:
        return False
    if _KANA_OR_SPACE.search(s):
        return True  # 鈴木 学, 中村 さゆり
    # kanji only, as Chinese writes too: a two-character family name and 1-2 more, not a place
    # or a shop ("中山公园", "森林路")
    fam = next(f for f in fams if s.startswith(f))
    if not places and len(fam) == 1:
        # (a family name of one character, '森裕美子', where nothing else can be a place: world_text
        # --formats map seed 99)
        return 2 <= len(s) - 1 <= 3 and s[-1] not in _PLACE_END
    # (a given name of three where nothing else can be a place: '鈴木美加子' as a contact list's key
    # before an e-mail stood, world_text --formats map seed 96)
    # ('鈴木学': 学 ends a school's name, and is a given name alone after a family name)
    return len(fam) >= 2 and len(s) - len(fam) <= (2 if places else 3) and (
        s[-1] not in _PLACE_END or not places and s[len(fam):] == "学")


_KANA_OR_SPACE = lazy(r"[\u3040-\u30ff \u3000]")
_PLACE_END = frozenset("路街园園區区市省县縣镇鎮村山河湖桥橋站駅店馆館楼樓号號室门門厂廠场場城港口道学學院寺宫宮")
