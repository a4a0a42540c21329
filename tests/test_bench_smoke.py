"""The adversarial generator of benchmarks/evasion.py plants what it says it plants, and its
independent scorer tells masked forms from leaks (no CLI run here; the benchmark does that)."""
from benchmarks import evasion as ev

TRICKS = ["fullwidth_digits", "zero_width", "cn_numerals", "email_at_brackets", "address_traditional",
          "minority_name_dots", "mixed"]


def test_cases_hold_their_values_in_evasive_form():
    cases = ev.generate(seed=3, n=25, tricks=TRICKS)
    assert len(cases) == 25 * len(TRICKS)
    for c in cases:
        text = c.text()
        norm = ev.normalise(text)
        for p in c.planted:
            # left unmasked, every planted value counts as a leak under both presets ...
            assert p.leaked(norm, "share") and p.leaked(norm, "dispose"), (c.trick, text)
            # ... and it is written in its evasive spelling, not the plain one
            if c.trick in ("fullwidth_digits", "zero_width", "cn_numerals", "email_at_brackets",
                           "address_traditional"):
                assert p.value not in text, (c.trick, text)
        if c.trick == "fullwidth_digits":
            assert any("\uff10" <= ch <= "\uff19" for ch in text)
        elif c.trick == "zero_width":
            assert any(ch in ev.ZERO_WIDTH for ch in text)
        elif c.trick == "cn_numerals":
            assert not any("0" <= ch <= "9" for ch in text)
        elif c.trick == "minority_name_dots":
            assert any(d in text for d in ev.MIDDLE_DOTS)


def test_same_seed_same_cases():
    a = [c.text() for c in ev.generate(seed=5, n=5, tricks=["mixed", "id_spaced"])]
    b = [c.text() for c in ev.generate(seed=5, n=5, tricks=["mixed", "id_spaced"])]
    assert a == b


def test_scorer_tells_masked_forms_from_leaks():
    phone = ev.planted_phone("13912345678")
    for masked in ("*******5678", "收件人：张** *******5678-1234", "***********", "Tel ***********,5692"):
        assert not phone.leaked(ev.normalise(masked), "share"), masked
    for leak in ("139****5678", "１３９ １２３４ ５６７８", "一三九一二三四五六七八", "139\u200b1234\u00ad5678"):
        assert phone.leaked(ev.normalise(leak), "share"), leak
    idno = ev.planted_id("110105199003071234")
    assert not idno.leaked(ev.normalise("110105********1234"), "share")
    assert idno.leaked(ev.normalise("110105********1234"), "dispose")
    assert idno.leaked(ev.normalise("1101051990****1234"), "share")
    name = ev.planted_name("张", "伟明")
    assert not name.leaked(ev.normalise("张**"), "share") and name.leaked(ev.normalise("张**"), "dispose")
    assert name.leaked(ev.normalise("張偉明*"), "share")


def test_written_records_align_with_cases(tmp_path):
    cases = ev.generate(seed=1, n=12, tricks=["split_cells", "email_glued_cjk", "numeric_forms", "plain"])
    files = ev.write_inputs(cases, tmp_path, list(ev.FORMATS), seed=1)
    for name, fc in files.items():
        # scoring an unmasked input as if it were the output: aligned, and every case leaks
        facts = ev.score_file(tmp_path / name, fc, "share")
        assert facts["aligned"] and facts["leaks"] == len(fc), name


def test_stress_photos_carry_their_labels_boxes(tmp_path):
    """The stress part's photos (benchmarks.label_holdout --part stress): every condition, two
    labels in one photo too, is a photo of its labels under the homographies it reports, so the
    scorer follows every character box onto it. Rectified back, the glyphs of the clean label
    correlate with the photo's (the known truth the scorer stands on); a wrong homography gives
    noise."""
    import random

    import numpy as np

    from benchmarks import label_gen as LG
    from benchmarks.label_holdout import _char_scores, _rectify

    lab = LG.make("nl_postnl", "stress", 4242)
    lab2 = LG.make("cz_ppl", "stress", 4243)
    assert {"name", "address", "region", "tracking"} <= {it.kind for it in lab.items}
    for cond in LG.STRESS_CONDITIONS:
        labs = [lab, lab2] if cond == "pair" else [lab]
        img, Hs = LG.photo_hard([x.img for x in labs], random.Random(7), cond)
        assert len(Hs) == len(labs)
        for x, H in zip(labs, Hs):
            ri = _rectify(img, H, x.img.size).mean(axis=2).astype(np.float32)
            gi = np.asarray(x.img.convert("L"), np.float32)
            boxes = [b for it in x.items if it.kind in ("name", "tracking") for b in it.boxes]
            sc = [s for s in _char_scores(gi, ri, boxes) if s is not None]
            assert len(sc) > 10 and float(np.median(sc)) > 0.5, (cond, float(np.median(sc)))
            wrong = np.array(H) @ np.array([[1, 0, 25], [0, 1, 18], [0, 0, 1]])
            rw = _rectify(img, wrong, x.img.size).mean(axis=2).astype(np.float32)
            sw = [s for s in _char_scores(gi, rw, boxes) if s is not None]
            assert float(np.median(sw)) < float(np.median(sc)) - 0.2, cond


def test_intl_evasion_cases_leak_when_unmasked_and_align(tmp_path):
    from benchmarks import evasion_intl as ei

    cases = ei.generate(seed=4, n=3, tricks=list(ei.TRICKS) + ["mixed"])
    assert len(cases) == 3 * (len(ei.TRICKS) + 1)
    for c in cases:
        text = ei.record_text(c)
        # every planted kind reads in the unmasked record under dispose (town too) ...
        assert set(c.leaks(text, "dispose")) == {"name", "phone", "street", "town"}, (c.trick, text)
        if c.trick == "cyrillic":
            assert any(ch in ei.CYR for ch in text)
    assert any(ch in "Ol" for c in cases if c.trick == "phone_letters" for ch in c.phone)
    # ... and a share form (initials, last 4 digits, street and postcode masked) is none
    c = cases[0]
    assert c.leaks(f"{c.label} X*** Y****, *** ****** **, 12*** {c.town}, Tel +** *** ***1234", "share") == []
    files = ei.write_inputs(cases, tmp_path)
    for name, fc in files.items():
        ei.score(tmp_path, {name: fc}, "dispose")  # the inputs scored as outputs: all leak
        assert all(x.leaked["dispose"] for x in fc), name


def test_text_columns_breaks_a_row_down(capsys):
    from benchmarks import text_columns

    assert text_columns.main(["--rows", "300", "--repeat", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.endswith("%")]
    assert lines[-1].startswith("whole row") and any(ln.startswith("row stages") for ln in lines)
    assert len(lines) >= 12  # ten columns, the row stages, the whole row
