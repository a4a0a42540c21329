"""South Asian labels and exports: Hindi, Marathi, Bengali, Tamil, Telugu, Kannada, Gujarati,
Punjabi, Malayalam and Oriya (found by hand, 2026-12-07 night).

A hand probe of label lines and notes as Indian and Bangladeshi senders write them kept, in
``share``: names after India Post's 'प्रेषिती' (addressee), after 'प्राप्तकर्ता का नाम', after titles and
relations ('श्रीमती कमला देवी', 'पुत्र श्री मोहन सिंह', 'C/O राजेश गुप्ता') and after the name labels of
Tamil, Telugu, Kannada, Gujarati, Punjabi, Malayalam, Oriya and Marathi; phones after 'मो.', 'मो.
नं.'; house, lane, ward and door numbers ('गली नं. 3', 'বাড়ি ১২', 'கதவு எண் 15', '৩য় তলা'); ways and
landmarks ('स्टेशन रोड', 'शिव मंदिर के पास'); an address's fields after 'पता:' and 'ঠিকানা:' with no
postcode and town closing them; a PIN after its label and a PIN after its state with a dash
('राजस्थान - 302016', 'ঢাকা-১২৩০'), whole. Every value is synthetic."""
from __future__ import annotations

import io

import pytest

from waybill.api import Settings, mask_stream
from waybill.detectors.other_scripts import indic_key, known_indic_town


def _mask(text: str, fmt: str = "txt", preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO((text + "\n").encode()), out, fmt, Settings(preset=preset))
    return out.getvalue().decode().rstrip("\n")


@pytest.mark.parametrize("line, gone, kept", [
    # names after labels (India Post's addressee, a qualified label, 'सेवा में'), titles and relations
    ("प्रेषिती: श्री रमेश कुमार", ["रमेश", "कुमार"], ["प्रेषिती:"]),
    ("प्राप्तकर्ता का नाम: विकास शर्मा", ["विकास", "शर्मा"], ["प्राप्तकर्ता का नाम:"]),
    ("सेवा में, श्रीमती कमला देवी, वार्ड नं. 7, पटना", ["कमला", "देवी", "वार्ड नं. 7"], ["सेवा में", "पटना"]),
    ("श्रीमान अजय सिंह पुत्र श्री मोहन सिंह", ["अजय", "मोहन", "सिंह"], []),
    ("C/O राजेश गुप्ता, 12 नेहरू मार्ग", ["राजेश", "गुप्ता", "नेहरू", "12"], []),
    ("डॉ.राम प्रसाद", ["राम", "प्रसाद"], []),
    ("জনাব আব্দুল করিম", ["আব্দুল", "করিম"], []),
    ("பெறுநர்: முருகன் செல்வம்", ["முருகன்", "செல்வம்"], ["பெறுநர்:"]),
    ("அனுப்புநர்: லட்சுமி ராஜன்", ["லட்சுமி", "ராஜன்"], []),
    ("பெயர்: கார்த்திக் சுப்ரமணியன்", ["கார்த்திக்", "சுப்ரமணியன்"], []),
    ("ప్రాప్తిదారు: రవి కుమార్", ["రవి", "కుమార్"], []),
    ("ಹೆಸರು: ಸುರೇಶ್ ಗೌಡ", ["ಸುರೇಶ್", "ಗೌಡ"], []),
    ("નામ: મહેશ પટેલ", ["મહેશ", "પટેલ"], []),
    ("ਨਾਮ: ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", ["ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ"], []),
    ("പേര്: അനിൽ കുമാർ", ["അനിൽ", "കുമാർ"], []),
    ("ନାମ: ସୁରେଶ ପଣ୍ଡା", ["ସୁରେଶ", "ପଣ୍ଡା"], []),
    ("नाव: सुनील पाटील", ["सुनील", "पाटील"], []),
    # phones after their labels
    ("प्रेषक: सुनीता वर्मा, मो. 9876543210", ["सुनीता", "98765"], []),
    ("मो. नं. 9876543210", ["98765"], []),
    ("கைபேசி: 9876543210", ["98765"], ["கைபேசி"]),
    # an address after its label: everything but the town, state and the PIN's head
    ("पता: मकान नं. 45, गली नं. 3, शास्त्री नगर, जयपुर, राजस्थान - 302016",
     ["45", "गली नं. 3", "शास्त्री", "2016"], ["राजस्थान", "30"]),
    ("पता: ग्राम रामपुर, पोस्ट सिकंदरपुर, तहसील बांसडीह, जिला बलिया, उत्तर प्रदेश 277303",
     ["रामपुर", "सिकंदरपुर", "बांसडीह", "7303"], ["उत्तर प्रदेश"]),
    ("ঠিকানা: বাড়ি ১২, রোড ৫, ধানমন্ডি, ঢাকা ১২০৫", ["বাড়ি ১২", "রোড ৫", "ধানমন্ডি", "০৫"], ["ঢাকা"]),
    ("ঠিকানা: গ্রাম: চরপাড়া, ডাকঘর: রামপুর, উপজেলা: সদর, জেলা: কুমিল্লা", ["চরপাড়া", "রামপুর"], ["কুমিল্লা"]),
    ("முகவரி: கதவு எண் 15, காந்தி தெரு, அண்ணா நகர், மதுரை 625001", ["15", "காந்தி", "அண்ணா", "5001"], ["மதுரை"]),
    # units, floors, ways and landmarks with no label
    ("বাসা নং ৩৪, লেন ২, সেক্টর ৭, উত্তরা, ঢাকা-১২৩০", ["৩৪", "লেন ২", "সেক্টর ৭", "৩০"], ["ঢাকা"]),
    ("ফ্ল্যাট ৫বি, ৩য় তলা, ২৭ গুলশান এভিনিউ", ["৫বি", "৩য় তলা", "গুলশান"], []),
    ("फ्लैट 302, साई अपार्टमेंट, सेक्टर 15, नोएडा 201301", ["302", "साई", "सेक्टर 15", "1301"], ["नोएडा"]),
    ("शिव मंदिर के पास, स्टेशन रोड, आगरा", ["मंदिर", "स्टेशन"], ["आगरा"]),
    ("ವಿಳಾಸ: ಮನೆ ಸಂಖ್ಯೆ 45, 3ನೇ ಕ್ರಾಸ್, ಜಯನಗರ, ಬೆಂಗಳೂರು 560041", ["45", "ಕ್ರಾಸ್", "ಜಯನಗರ", "0041"], ["ಬೆಂಗಳೂರು"]),
    # a PIN after its label: the head stays (as an Indian PIN's in English text), the tail goes
    ("पिन कोड: 110001", ["110001", "001"], ["110"]),
    ("পোস্ট কোড: ১২০৫", ["১২০৫"], ["১২"]),
    ("அஞ்சல் குறியீடு: 625001", ["625001"], ["625"]),
])
def test_south_asian_lines(line, gone, kept):
    out = _mask(line)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


@pytest.mark.parametrize("line, kept", [
    # a surname that starts with a title's letters is no title and a name ('श्रीवास्तव')
    ("रजनी श्रीवास्तव, 9876543210", []),
    # a territory's name is no locality
    ("दादरा और नगर हवेली", ["दादरा और नगर हवेली"]),
])
def test_south_asian_guards_share(line, kept):
    out = _mask(line)
    for k in kept:
        assert k in out, (k, out)
    if not kept:
        assert "वास्तव" not in out and "रजनी" not in out, out


def test_a_titled_surname_is_masked_whole():
    # ('रजनी श्रीवास्तव' lost its surname's tail to a title rule reading 'श्री' + 'वास्तव': share showed
    # 'रजनी श्रीव*****'; world_text --locales scripts seed 159, during this round)
    out = _mask("रजनी श्रीवास्तव, 9876543210")
    assert out.startswith("र"), out
    assert "जनी" not in out and "वास्तव" not in out, out


@pytest.mark.parametrize("preset", ["share", "dispose"])
def test_south_asian_export_columns(preset):
    text = ("नाम,मोबाइल,पता,शहर,राज्य,पिन कोड\n"
            "राहुल शर्मा,9876543210,\"मकान नं. 45, गली नं. 3, शास्त्री नगर\",जयपुर,राजस्थान,302016")
    out = _mask(text, fmt="csv", preset=preset)
    row = out.splitlines()[1]
    for g in ("राहुल", "शर्मा", "98765", "45", "शास्त्री", "016"):
        assert g not in row, (g, row)
    if preset == "share":
        assert "जयपुर" in row and "राजस्थान" in row and "302" in row, row
    else:
        assert "जयपुर" not in row and "राजस्थान" not in row and "302" not in row, row


@pytest.mark.parametrize("header, value, gone", [
    ("মোবাইল", "01712345678", "12345"),
    ("கைபேசி", "9876543210", "98765"),
    ("முகவரி", "15, காந்தி தெரு", "காந்தி"),
    ("பெயர்", "முருகன் செல்வம்", "முருகன்"),
    ("ਨਾਮ", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "ਗੁਰਪ੍ਰੀਤ"),
])
def test_south_asian_column_names(header, value, gone):
    out = _mask(f"{header},note\n\"{value}\",ok", fmt="csv")
    assert gone not in out.splitlines()[1], out


def test_town_list_keys():
    assert indic_key("ज़िला") == indic_key("जिला")  # (nukta dropped: writers leave it out)
    assert known_indic_town("जयपुर") and known_indic_town("ঢাকা") and known_indic_town("மதுரை")
    assert known_indic_town("उत्तर प्रदेश") and known_indic_town("राजस्थान")
    assert not known_indic_town("राहुल शर्मा")
