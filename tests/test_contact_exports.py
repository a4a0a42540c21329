"""Contacts as other programs export them: a vCard (.vcf) and an SQL dump's INSERT lines. Found by
hand: the vCard's name lines, its flat ('Apt 4B') and its postcode stood; a quoted Latin name before
a quoted phone stood. Values are synthetic."""
import io
import os

import pytest
from typer.testing import CliRunner

from waybill.api import Settings, mask_stream
from waybill.cli import app

os.environ.setdefault("WAYBILL_AUDIT_KEY", "0" * 64)

VCARD = """BEGIN:VCARD
VERSION:3.0
N:Zhang;Weiming;;;
FN:Zhang Weiming
TEL;TYPE=CELL:+86 139 1234 5678
ADR;TYPE=HOME:;Apt 4B;742 Evergreen Terrace;Springfield;IL;62704;USA
item1.EMAIL;type=INTERNET:zhang.weiming@example.com
NOTE:call before delivery
END:VCARD
"""


def _mask(text: str, preset: str = "share") -> str:
    out = io.BytesIO()
    mask_stream(io.BytesIO(text.encode()), out, "txt", Settings(preset=preset))
    return out.getvalue().decode()


@pytest.mark.parametrize("preset", ["share", "dispose"])
def test_a_vcard(preset):
    out = _mask(VCARD, preset)
    for gone in ("Zhang", "Weiming", "1234 5678", "Apt 4B", "Evergreen", "62704", "zhang.weiming"):
        assert gone not in out, (gone, out)
    assert out.count("\n") == VCARD.count("\n") and "NOTE:call before delivery" in out
    assert out.count(";") == VCARD.count(";")  # the fields stay fields
    if preset == "share":
        assert ";Springfield;IL;627**;USA" in out
    else:
        assert "Springfield" not in out and ";USA" in out


def test_plain_text_with_label_words_is_no_vcard():
    assert _mask("Label: fragile\nTEL:\n") == "Label: fragile\nTEL:\n"


def test_a_vcf_file_is_masked_as_text(tmp_path):
    src = tmp_path / "c.vcf"
    src.write_text(VCARD, encoding="utf-8")
    r = CliRunner().invoke(app, ["mask", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert r.exit_code == 0, r.output
    assert "Weiming" not in (tmp_path / "o" / "c.vcf").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", [
    "INSERT INTO `orders` (`name`,`phone`) VALUES ('John Smith','(212) 555-0134');",
    "('John Smith', '(212) 555-0134', '742 Evergreen Terrace')",
    '"John Smith","(212) 555-0134"',
])
def test_a_quoted_name_before_a_quoted_phone(line):
    out = _mask(line)
    assert "John" not in out and "Smith" not in out and "555-0134" not in out


MAIL = """Dear Maria Garcia,
your parcel is on its way. Hi Anna, please sign for it.
Best regards,

John Smith
+1 212 555 0134
"""


def test_names_in_a_message_greeting_and_signature():
    out = _mask(MAIL)
    for gone in ("Maria", "Garcia", "Anna", "John", "Smith", "555 0134"):
        assert gone not in out, (gone, out)
    assert out.startswith("Dear M**** G*****,\n") and "Best regards,\n\nJ*** S****\n" in out


@pytest.mark.parametrize("text", ["Dear Customer,\n", "Hi there,\n", "Dear Valued Customer,\n", "Hello World!\n",
                                  "Regards\nCustomer Service\n", "Best regards,\nThe Shop Team\n",
                                  "Thanks!\nOrder shipped today\n"])
def test_greetings_and_closings_without_a_person(text):
    assert _mask(text) == text
