"""The words that label a phone number in ~25 languages, and what may stand between a label and its
number: shared by the international phone detector and the Latin name detector (a name before a
phone's label), so that neither imports the other."""
from __future__ import annotations

import re
from ..lazy_re import lazy

NAT_LABEL = lazy(
    r"(?i:(?<![a-z])(?=[a-zđ])(?:telefonnummer|telefonnr|handynummer|mobilnummer|t[ée]l[ée]phone|telefone|tel[ée]fono|telefoon|telefon|telephone|t[ée]l|phone|ph|mob|mobile|"
    r"mobil|mobiel|m[óo]vil|cell(?:[ \t\-]?phone)?|cellulare|handy|natel|gsm|portable|rufnummer|telf|tfno|tlf|tfn|puh|viber|"
    r"contact|kontakt|kontakta|telem[óo]vel|celular|cel|fon|rufnr|telnr|tel\.nr|hp|handphone|puhelin|"
    # (Indonesian 'Telp', 'Tlp', 'Ponsel', 'WA': 'Telp: (022) 7654321' masked 'Telp' as a given name;
    # found by hand, 2026-12-07)
    # (and SĐT as typed and read without its mark: 'SDT: 097 548 3489' masked 'SDT' as a name)
    r"(?=[tpwzs])(?:telp|tlp|ponsel|wa|zalo|sdt)|"
    # (and 'my number is': 'my number is 555 0143' stood, found by hand probing forms people write)
    r"numer|nummer|s?đt|điện thoại|my[ \t]+(?:(?:phone|cell|mobile)[ \t]+)?number(?:[ \t]+is)?|"
    # (a verb of calling in the languages of the notes: 'Llamar al 612 345 678', 'Chiamare 333 123 4567',
    # 'Zadzwoń 512 345 678' stood whole: found by hand; Spanish, Italian and Polish mobiles have no
    # trunk 0 for the unlabelled rule to see)
    r"llam(?:ar|e|ad|en)(?:[ \t]+al)?|ll[áa]m(?:ame|enos)(?:[ \t]+al)?|chiama(?:re|mi|teci)?(?:[ \t]+(?:il|al))?"
    r"|appele[rz](?:[ \t]+(?:le|au))?|appelle[rz]?(?:[ \t]+(?:le|au))?|zadzwo[nń](?:i[cć])?(?:[ \t]+(?:na|pod))?"
    r"|dzwoni[cć](?:[ \t]+(?:na|pod))?|ligar(?:[ \t]+(?:para|pro))?|ligue(?:[ \t]+(?:para|pro))?|bel(?:len)?(?:[ \t]+(?:op|naar))?"
    r"|soita|soittakaa|arayın|ara"
    # ('call', 'ring', 'whatsapp' and 'sms' only here, with what may follow them: a bare 'ring' earlier in the
    # alternation matched first and 'Ring me: 07700900123' stood, found by hand)
    r"|ring(?:[ \t]+(?:på|til|me(?:[ \t]+(?:on|at))?))?|call(?:[ \t]+me)?(?:[ \t]+(?:on|at))?"
    r"|(?:whatsapp|sms)(?:[ \t]+me(?:[ \t]+(?:on|at))?)?|(?:text|message|reach)[ \t]+me(?:[ \t]+(?:on|at))?)"
    r"(?![^\W\d_]))"
    # (Japanese and Korean words for a contact number and the telephone signs: '連絡先 0451234567',
    # '휴대폰번호 01012345678', '℡ 0312345678' stood; found by hand)
    # (behind one character class: a position that starts none of them costs one test, not 16)
    r"|(?=[電电手联聯携連连전휴핸연℡☎📞で])(?:電話|电话|手机|手機|联系|聯系|携帯|連絡先|连络先|전화|휴대폰|핸드폰|연락처|℡|☎|📞|でんわ)")
# between a label and its number: punctuation, "no"/"nr"/"number"/"nummer"/"numero", up to 16 chars
# (and a number's word in Japanese, Chinese and Korean: '電話番号 0312345678', '전화번호: 02-123-4567' stood)
NAT_GAP = lazy(r"(?i:\.{0,2}\s*(?:(?:no|nr|number|nummer|num[ée]ro|n[º°o]|番号|号码|號碼|번호)\.?\s*)?(?:\([^)\d]{0,12}\)\s*)?[:：#=\-–—>]?\s*)")
