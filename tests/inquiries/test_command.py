"""``access iaq parse [FILE|-]``: normalised JSON, or field errors on stderr with status 2."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import call_command
from tests.inquiries.test_message import EXAMPLE_1

from access.inquiries import niem, nlets
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion


@pytest.fixture
def virginia(make_agency):
    return make_agency(name="Virginia Test PD", state="VA", ori="VA0290000", county_fips="51013")


def _run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    original = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        call_command("iaq", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    finally:
        sys.stdin = original
    return code, out.getvalue(), err.getvalue()


def test_parse_a_file_prints_normalised_json(virginia, tmp_path):
    path = tmp_path / "iaq.txt"
    path.write_text(EXAMPLE_1 + "\n")
    code, out, err = _run("parse", str(path))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["date_of_birth"] == "1985-03-14" and data["family_name"] == "GARCIA LOPEZ"


def test_parse_xml_from_stdin(virginia):
    xml = niem.format_iaq(nlets.parse(EXAMPLE_1)).encode()
    code, out, _ = _run("parse", "-", stdin=xml)
    assert code == 0 and json.loads(out)["ori"] == "VA0290000"


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (EXAMPLE_1.replace("DOB/19850314", "DOB/13131985").encode(), "error: date_of_birth (DOB):"),
        (b"", "error: message: The message is empty."),
        (b"\xff\xfe garbage", "error: message:"),
        (b"<NLETSInquiryData><x>", "error: message: The XML is not well-formed"),
    ],
)
def test_malformed_input_exits_2_naming_the_field(virginia, stdin, expected):
    code, out, err = _run("parse", "-", stdin=stdin)
    assert code == 2 and out == "" and err.startswith(expected)


def test_an_unknown_ori_is_an_error(db):
    code, _, err = _run("parse", "-", stdin=EXAMPLE_1.encode())
    assert code == 2 and "error: ori: No agency has the ORI VA0290000." in err


def test_a_missing_file_is_an_error(db, tmp_path):
    code, _, err = _run("parse", str(tmp_path / "absent.txt"))
    assert code == 2 and err.startswith("error: file: cannot read")


def test_train_prepares_and_activates_a_model_version(store):
    code, out, _ = _run("train")
    assert code == 0
    assert out.startswith("matching model version 1 is active (trained on ")
    version = MatchModelVersion.objects.get()
    assert version.status == ModelStatus.ACTIVE and version.calibration
    code, out, _ = _run("train")  # one is active: nothing new without --force
    assert code == 0 and MatchModelVersion.objects.count() == 1


def test_train_refuses_an_empty_store(db):
    code, _, err = _run("train", "--force")
    assert code == 2 and "fewer than 50 indexed records" in err
    assert not MatchModelVersion.objects.exists()
