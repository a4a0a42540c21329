"""benchmarks.image_speed runs end to end and its 1-process runs use the OCR threads asked for
(``--threads 1`` is what each of ``--workers 2``'s workers uses: the figure a depot's 2-worker rate
follows from)."""
import json

import pytest


@pytest.mark.ocr
@pytest.mark.slow
def test_one_thread_stage_run(tmp_path, capsys):
    from benchmarks import image_speed

    out = tmp_path / "speed.json"
    assert image_speed.main(["--n", "1", "--repeat", "1", "--no-presidio", "--no-workers", "--threads", "1",
                             "--json", str(out)]) == 0
    res = json.loads(out.read_text())
    assert res["threads"] == 1
    run = res["runs"]["this/rapidocr"]["stages"][0]
    assert run["threads"] == 1  # the engine in the measured process was made with 1 thread
    for grp in image_speed.GROUPS:
        assert run[grp]["n"] == 1 and not run[grp]["failed"]
        assert 0.0 <= run[grp]["outside_ocr_cpu"] < 1.0
        # each group's first label was masked untimed before the timed ones (reported apart)
        assert run[grp]["first"]["cpu"] > 0.0
    assert "1 OCR thread(s)" in capsys.readouterr().out
