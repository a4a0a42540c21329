import secrets

import pytest


@pytest.fixture(autouse=True)
def _keys(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("wbhome")
    monkeypatch.setenv("WAYBILL_HOME", str(home))
    monkeypatch.setenv("WAYBILL_AUDIT_KEY", "a" * 64)
    monkeypatch.setenv("WAYBILL_VAULT_KEY", "b" * 64)
    monkeypatch.delenv("WAYBILL_VAULT_KEY_FILE", raising=False)
    monkeypatch.delenv("WAYBILL_AUDIT_KEY_FILE", raising=False)
    yield


@pytest.fixture
def rng_key():
    return secrets.token_hex(32)


@pytest.fixture
def use_engine(monkeypatch):
    """``use_engine(eng)`` makes the OCR engine object ``eng`` the one masking and verify use (the
    only one available), for this test only."""
    from waybill import ocr

    added = []

    def install(eng):
        ocr._FAKE.append(eng)
        ocr.get_engine.cache_clear()
        monkeypatch.setattr(ocr, "available", lambda: ["fake"])
        added.append(eng)
        return eng

    yield install
    for eng in added:
        ocr._FAKE.remove(eng)
    ocr.get_engine.cache_clear()
