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
