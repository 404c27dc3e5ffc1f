"""IAQ intake in every form -> one validated InquiryData; malformed input -> field errors."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.inquiries.conftest import inquiry_data

from access.inquiries import niem, nlets
from access.inquiries.message import InquiryData, InquiryInvalid, check, normalize_a_number

EXAMPLE_1 = (
    "IAQ.VA0290000.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199.NAM/GARCIA LOPEZ,JOSE LUIS."
    "DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313.RSN/TRAFFIC STOP.CAS/24-00123."
)
EXAMPLE_2 = (
    "IAQ.FL0500000.AX.TXT.PUR/C.ATN/SGT A CHEN.PHN/555-010-0142.NAM/NGUYEN,THI MAI.DOB/071290."
    "SEX/F.POB/VN.CUS/N.OFF/0399.ARN/A012345678.RSN/WARRANT CHECK.CAS/B-77."
)


def test_the_reference_examples_parse_to_normalised_fields():
    first = nlets.parse(EXAMPLE_1)
    assert (first.family_name, first.given_name, first.middle_name) == (
        "GARCIA LOPEZ",
        "JOSE",
        "LUIS",
    )
    assert (first.date_of_birth, first.in_custody, first.offense_code) == (
        "1985-03-14",
        True,
        "1313",
    )
    second = nlets.parse(EXAMPLE_2)
    assert second.date_of_birth == "1990-07-12"
    assert second.a_number == "012345678"
    assert (second.sex, second.place_of_birth, second.in_custody) == ("F", "VN", False)


def test_field_order_does_not_matter():
    header, _, body = EXAMPLE_1.partition(".TXT.")
    fields = body.rstrip(".").split(".")
    reordered = f"{header}.TXT.{'.'.join(reversed(fields))}."
    assert nlets.parse(reordered) == nlets.parse(EXAMPLE_1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("A012345678", "012345678"), ("12345678", "012345678"), ("a-123-456-789", "123456789")],
)
def test_a_numbers_normalise_to_nine_digits(value, expected):
    assert normalize_a_number(value) == expected


@pytest.mark.parametrize(
    ("message", "field", "fragment"),
    [
        (EXAMPLE_1.replace("PUR/C.", ""), "purpose_code (PUR)", "required"),
        (EXAMPLE_1.replace("PUR/C", "PUR/X"), "purpose_code (PUR)", "C (criminal justice)"),
        (EXAMPLE_1.replace("DOB/19850314", "DOB/19851314"), "date_of_birth (DOB)", "calendar"),
        (EXAMPLE_1.replace("DOB/19850314", "DOB/1985"), "date_of_birth (DOB)", "MMDDYY"),
        (EXAMPLE_1.replace("NAM/GARCIA LOPEZ,JOSE LUIS", "NAM/GARCIA"), "name (NAM)", "LAST,FIRST"),
        (EXAMPLE_1.replace("VA0290000", "VA02"), "ori", "9 characters"),
        (EXAMPLE_1.replace(".AX.", ".BX."), "destination", "AX"),
        (EXAMPLE_1 + "ARN/A1.", "a_number (ARN)", "8 or 9 digits"),
        (EXAMPLE_1 + "XYZ/1.", "message", "Unknown field tag"),
        (EXAMPLE_1 + "SEX/F.", "sex (SEX)", "twice"),
        (EXAMPLE_1.rstrip("."), "message", "ends with"),
        (EXAMPLE_1.replace("ATN/DET R MILLER.", ""), "attention (ATN)", "required"),
        (EXAMPLE_1.replace("CUS/Y", "CUS/MAYBE"), "in_custody (CUS)", "Y or N"),
        ("", "message", "empty"),
    ],
)
def test_malformed_text_names_the_field(message, field, fragment):
    with pytest.raises(InquiryInvalid) as caught:
        nlets.parse(message)
    assert field in caught.value.errors
    assert fragment in " ".join(caught.value.errors[field])


def test_a_subject_needs_name_and_dob_or_an_identifier():
    no_dob = EXAMPLE_1.replace("DOB/19850314.", "")
    with pytest.raises(InquiryInvalid) as caught:
        nlets.parse(no_dob)
    assert "subject" in caught.value.errors
    only_id = EXAMPLE_1.replace("NAM/GARCIA LOPEZ,JOSE LUIS.", "").replace("DOB/19850314.", "")
    assert nlets.parse(only_id + "ARN/12345678.").a_number == "012345678"


def test_text_round_trips_through_the_inquiry():
    for message in (EXAMPLE_1, EXAMPLE_2):
        data = nlets.parse(message)
        text = nlets.format_iaq(data)
        assert nlets.parse(text) == data
        assert nlets.format_iaq(nlets.parse(text)) == text


def test_xml_carries_the_same_inquiry():
    data = nlets.parse(EXAMPLE_2)
    assert niem.parse(niem.format_iaq(data)) == data


def test_xml_with_prefixes_and_custody_text_is_accepted():
    xml = (
        '<n:NLETSInquiryData xmlns:n="urn:x" xmlns:p="urn:p">'
        "<n:NLETSMessageHeader><n:OriginatingORIID>FL0000001</n:OriginatingORIID></n:NLETSMessageHeader>"
        "<n:PurposeCode>C</n:PurposeCode><n:ResponseAttentionDescriptionText>SGT A CHEN"
        "</n:ResponseAttentionDescriptionText><p:Person><p:AlienNumber><p:IdentificationID>A12345678"
        "</p:IdentificationID></p:AlienNumber></p:Person><n:CustodyStatusText>In Custody"
        "</n:CustodyStatusText><n:InquiryReasonText>booking</n:InquiryReasonText>"
        "<n:CaseNumberText>C-1</n:CaseNumberText></n:NLETSInquiryData>"
    )
    data = niem.parse(xml)
    assert (data.a_number, data.in_custody, data.reason) == ("012345678", True, "BOOKING")


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><NLETSInquiryData>&e;</NLETSInquiryData>',
            "message",
        ),
        ('<!DOCTYPE x SYSTEM "file:///etc/passwd"><NLETSInquiryData/>', "message"),
        ("<NLETSInquiryData><PurposeCode>C</PurposeCode>", "message"),
        ("<Other/>", "message"),
        (
            "<NLETSInquiryData><PurposeCode>C</PurposeCode><PurposeCode>F</PurposeCode></NLETSInquiryData>",
            "purpose_code",
        ),
        (
            "<NLETSInquiryData><PurposeCode><b>C</b></PurposeCode></NLETSInquiryData>",
            "purpose_code",
        ),
        (b"\xff\xfe<x/>", "message"),
    ],
)
def test_hostile_or_broken_xml_is_refused_by_field(document, field):
    with pytest.raises(InquiryInvalid) as caught:
        niem.parse(document)
    assert field in caught.value.errors


# --- property tests ------------------------------------------------------------------------

NAME = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=9)
FREE = (
    st.text(alphabet=string.ascii_uppercase + string.digits + " -", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)

hits = st.one_of(
    st.just({"hit_confirmation": False, "ncic_number": ""}),
    st.from_regex(r"\A[A-Z][0-9]{9}\Z").map(lambda n: {"hit_confirmation": True, "ncic_number": n}),
)

inquiries = st.tuples(
    hits,
    st.builds(
        dict,
        ori=st.from_regex(r"\A(FL|TX|VA)[A-Z0-9]{7}\Z"),
        purpose_code=st.sampled_from(["C", "F"]),
        reason=FREE,
        case_number=st.from_regex(r"\A[A-Z0-9-]{1,12}\Z"),
        attention=FREE,
        phone=st.from_regex(r"\A[0-9-]{0,12}\Z"),
        family_name=NAME,
        given_name=NAME,
        middle_name=st.one_of(st.just(""), NAME),
        date_of_birth=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2010, 12, 31)).map(
            str
        ),
        sex=st.sampled_from(["", "M", "F", "U"]),
        place_of_birth=st.sampled_from(["", "MX", "VN", "US"]),
        in_custody=st.booleans(),
        offense_code=st.from_regex(r"\A[0-9]{4}\Z"),
        a_number=st.one_of(st.just(""), st.from_regex(r"\A[1-9][0-9]{8}\Z")),
        claims_us_citizenship=st.booleans(),
    ),
).map(lambda pair: InquiryData(**pair[0], **pair[1]))


def test_a_hit_confirmation_names_the_ncic_record():
    with pytest.raises(InquiryInvalid) as caught:
        nlets.parse(EXAMPLE_1 + "HIT/Y.")
    assert "ncic_number (NIC)" in caught.value.errors
    data = nlets.parse(EXAMPLE_1 + "HIT/Y.NIC/W123456789.")
    assert (data.hit_confirmation, data.ncic_number) == (True, "W123456789")
    assert niem.parse(niem.format_iaq(data)) == data


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(inquiries)
def test_any_valid_inquiry_round_trips_text_and_xml(data):
    assert nlets.parse(nlets.format_iaq(data)) == data
    assert niem.parse(niem.format_iaq(data)) == data


def _mutations(text: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, len(text)).map(lambda i: text[:i]),  # truncated
        st.tuples(st.integers(0, len(text)), st.text(max_size=8)).map(
            lambda p: text[: p[0]] + p[1] + text[p[0] :]
        ),  # junk inserted
        st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12)).map(
            lambda p: text[: p[0]] + text[p[0] + p[1] :]
        ),  # a slice removed
        st.text(max_size=60),
        st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    )


@settings(max_examples=400)
@given(_mutations(EXAMPLE_1))
def test_broken_text_never_crashes(message):
    try:
        data = nlets.parse(message)
    except InquiryInvalid as error:
        assert error.errors and all(error.errors.values())
    else:
        assert isinstance(data, InquiryData)


@settings(max_examples=300)
@given(_mutations(niem.format_iaq(inquiry_data())))
def test_broken_xml_never_crashes(document):
    try:
        niem.parse(document)
    except InquiryInvalid as error:
        assert error.errors


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(list(InquiryData.__dataclass_fields__)),
        st.one_of(st.text(max_size=40), st.booleans(), st.none(), st.integers()),
    )
)
def test_field_input_never_crashes(raw):
    try:
        check(raw)
    except InquiryInvalid as error:
        assert error.errors
