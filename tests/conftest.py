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
    """``use_engine(eng)`` registers the OCR engine object ``eng`` as the only engine of the
    registry (``ocr.ENGINES``), so masking and verify read with it, for this test only."""
    from waybill import ocr

    def install(eng):
        monkeypatch.setattr(ocr, "ENGINES", {eng.name: ocr.made(eng)})
        return eng

    yield install
