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
import os

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
    ("पिन कोड: 110001", ["110001", "0001"], ["11"]),
    ("পোস্ট কোড: ১২০৫", ["১২০৫"], ["১২"]),
    ("அஞ்சல் குறியீடு: 625001", ["625001", "5001"], ["62"]),
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


@pytest.mark.parametrize("line, gone, kept", [
    # Bengali writes its colon as a visarga (and OCR reads it with a colon after it)
    ("প্রেরকঃ: রিনা ইসলাম", ["রিনা", "ইসলাম"], ["প্রেরকঃ"]),
    ("প্রেরকঃ রিনা ইসলাম", ["রিনা", "ইসলাম"], []),
    ("পোস্ট কোডঃ ১২০৫", ["১২০৫"], ["১২"]),
    ("ঠিকানাঃ বাড়ি ১২, রোড ৫, ধানমন্ডি, ঢাকা ১২০৫", ["বাড়ি ১২", "ধানমন্ডি", "০৫"], ["ঢাকা"]),
    # a Latin name after a Hindi label, a label with a dash, a village and its post office, a Nepali
    # ward, a Sri Lankan (Sinhala) address and name
    ("प्राप्तकर्ता: Rahul Sharma, मो. 9876543210", ["ahul", "harma", "98765"], []),
    ("नाम - अनीता देवी", ["अनीता", "देवी"], ["नाम"]),
    ("ग्राम पोस्ट रामपुर जिला बलिया", ["रामपुर"], ["बलिया"]),
    ("नेपाल: काठमाडौं, वडा नं. ५, बानेश्वर", ["वडा नं. ५", "बानेश्वर"], ["काठमाडौं"]),
    ("ලිපිනය: අංක 25, ගාලු පාර, කොළඹ 03", ["25", "ගාලු"], []),
    ("නම: නිමල් පෙරේරා", ["නිමල්", "පෙරේරා"], []),
    # a line's fields after its house or street: the area (no way word of its own)
    ("222/8, शिवाजी मार्ग, सिविल लाइंस", ["222", "शिवाजी", "सिविल"], []),
    ("বাড়ি নং ৫, রোড ১২, সাহেব বাজার", ["সাহেব", "রোড ১২"], []),
    # a town line with its postcode alone (a label's last line of a block), a town before its state
    ("ঢাকা ১২০৫", ["১২০৫"], ["ঢাকা", "১২"]),
    # (a town the list does not know: masked with the postcode's tail, never kept as a region; label_gen
    # ta_post, fresh seed 35200: 'திருச்சி - 620726' kept its postcode whole)
    ("திருச்சி - 620726", ["திருச்சி", "0726"], ["62"]),
    # (nor words before a postcode in a labelled address: 'मकान नं. 45' is no town)
    ("पता: मकान नं. 45 - 302016", ["मकान", "45", "2016"], ["30"]),
    ("वाराणसी, उत्तर प्रदेश - 221213", ["221213", "1213"], ["वाराणसी", "उत्तर प्रदेश", "22"]),
])
def test_south_asian_label_lines(line, gone, kept):
    out = _mask(line)
    for g in gone:
        assert g not in out, (g, out)
    for k in kept:
        assert k in out, (k, out)


@pytest.mark.parametrize("line, number", [
    # a shipment's number after its label is the tracking number share keeps (an 11-digit
    # Bangladeshi consignment number reads as a mobile; India Post's article number)
    ("কনসাইনমেন্ট নংঃ 88329651713", "88329651713"),
    ("কনসাইনমেন্ট নং: 01712345678", "01712345678"),
    ("ट्रैकिंग नं.: RR355852557IN", "RR355852557IN"),
    ("आर्टिकल नं. EE123456789IN", "EE123456789IN"),
])
def test_south_asian_shipment_numbers(line, number):
    assert number in _mask(line), _mask(line)
    assert number not in _mask(line, preset="dispose")


def test_a_part_read_on_its_own_knows_the_pages_barcodes():
    # (a second look at a Hindi label's poorly read lines cut out the tracking line without its
    # barcode, and 'ट्रैकिंग नं RR119893421IN' was filled as an unplaced line; label_gen in_post, seed 35008)
    import types

    from waybill.imaging import fail_safe_lines
    from waybill.ocr import OcrLine, split_quad

    text = "ट्रैकिंग नं RR119893421IN"
    box = ((0.0, 0.0), (400.0, 0.0), (400.0, 30.0), (0.0, 30.0))
    line = OcrLine(text, 0.85, box, tuple(split_quad(box, text)))
    policy = types.SimpleNamespace(region="US", preset="share")
    assert fail_safe_lines([line], {}, [], policy) == {0: "unplaced"}
    assert fail_safe_lines([line], {}, [], policy, payloads=("RR119893421IN",)) == {0: None}
    # (dispose removes tracking numbers: filled either way)
    assert fail_safe_lines([line], {}, [], types.SimpleNamespace(region="US", preset="dispose"),
                           payloads=("RR119893421IN",)) == {0: "tracking"}


# --------------------------------------------------------------------------- label images


def _indic_ready() -> bool:
    from PIL import features
    from test_other_script_labels import _have
    return _have("hin") and _have("ben") and features.check("raqm") and all(os.path.exists(f) for f in (
        "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",
        "/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf", "/usr/share/fonts/truetype/Gargi/Gargi.ttf",
        "/usr/share/fonts/truetype/fonts-beng-extra/Mukti.ttf"))


@pytest.mark.ocr
@pytest.mark.parametrize("template, seed, cond, angle, preset", [
    # (a Hindi label whose second look cut its tracking line from its barcode: filled; seed 35008)
    ("in_post", 35008, "", 0.0, "share"),
    # (a Bengali label: its sender label written with a visarga, 'প্রেরকঃ', its consignment number
    # after 'কনসাইনমেন্ট নংঃ' masked as a name and a phone; seed 35001)
    ("bd_post", 35001, "", 0.0, "share"),
    ("bd_post", 35011, "perspective", 23.0, "share"),
    ("ta_post", 35002, "", 0.0, "share"),
    # (this round's widening of a South Asian line's runs raised IndexError on every Thai, Korean,
    # Arabic and Hebrew label in dispose, whose masked fields run past the lines: its codes'; caught
    # by the round's regression run, fixed before it landed)
    ("in_post", 35003, "", 0.0, "dispose"),
])
def test_hindi_and_bengali_label_images(tmp_path, template, seed, cond, angle, preset):
    from typer.testing import CliRunner

    from benchmarks.label_holdout import score_one
    from test_rtl_labels import _drawn
    from waybill.cli import app
    if not _indic_ready():
        pytest.skip("needs tesseract-ocr-hin/-ben, Raqm, fonts-lohit-deva, fonts-lohit-beng-bengali, fonts-gargi, "
                    "fonts-beng-extra (CI installs them)")
    p, meta, lab = _drawn(tmp_path, template, seed, cond, angle)
    out = tmp_path / "o"
    r = CliRunner().invoke(app, ["mask", str(p), "-o", str(out), "-q", "--ocr", "rapidocr", "--workers", "1",
                                 "--preset", preset])
    assert r.exit_code == 0, r.stderr
    res = score_one((p.name, meta, p, out / p.name, [], preset))
    leaks = [(e["kind"], e["readable"], e["req_chars"]) for e in res["ents"] if e["leak_glyph"]]
    assert leaks == []
    if not cond and preset == "share":
        # the tracking number kept on its line
        assert res["keep"]["tracking"][1] == 1.0, res["keep"]


def test_an_order_number_is_no_name_and_phone():
    # ('ऑर्डर संख्या 4051234567' was masked as a name and a phone: an order's number is kept)
    assert _mask("ऑर्डर संख्या 4051234567 की डिलीवरी कल होगी") == "ऑर्डर संख्या 4051234567 की डिलीवरी कल होगी"
    assert _mask("অর্ডার নং 4051234567") == "অর্ডার নং 4051234567"
    assert "98765" not in _mask("राहुल शर्मा 9876543210")


def test_masked_runs_on_a_south_asian_line_cover_whole_words():
    # (Tesseract's character boxes of a Bengali line are even shares of a word's: a region line's
    # masked postcode tail was filled one character short and a '০' stood; label_gen bd_post, seed
    # 35100, no. 19)
    from waybill.imaging import _whole_tokens
    assert _whole_tokens("রাজশাহী ৬১০০", [(10, 12, "**")]) == [(8, 12, "****")]
    assert _whole_tokens("नाम: अनीता देवी", [(6, 10, "****"), (12, 15, "***")]) == [(5, 15, "***** ****")]
    assert _whole_tokens("a, bc", [(4, 5, "*")]) == [(3, 5, "**")]


@pytest.mark.ocr
def test_a_postcode_before_a_comma_is_filled_to_its_last_digit(tmp_path):
    # (Tesseract's boxes of '354000,' are even shares of the word, and the comma's narrow share put
    # the last digit's right edge too far left: a digit of the postcode's masked tail showed on a
    # Russian label, label_gen ru_cdek, fresh seed 33500, no. 0, on the start code too)
    from typer.testing import CliRunner

    from benchmarks.label_holdout import score_one
    from test_other_script_labels import _have
    from test_rtl_labels import _drawn
    from waybill.cli import app
    if not (_have("rus") and _have("ell")):
        pytest.skip("needs tesseract-ocr-rus/-ell (CI installs them)")
    p, meta, lab = _drawn(tmp_path, "ru_cdek", 33500)
    out = tmp_path / "o"
    r = CliRunner().invoke(app, ["mask", str(p), "-o", str(out), "-q", "--ocr", "rapidocr", "--workers", "1"])
    assert r.exit_code == 0, r.stderr
    res = score_one((p.name, meta, p, out / p.name, [], "share"))
    assert [e["text"] for e in res["ents"] if e["leak_glyph"]] == []
