from __future__ import annotations

from access.matching.names import fold, name_variants, parse_full_name, phonetic, surname_tokens
from access.matching.normalize import features, normalize_identifier, record_from_mapping
from access.matching.schema import Record


def test_fold_transliterates_and_drops_punctuation() -> None:
    assert fold("José-Luis O'Brien") == "jose luis obrien"
    assert fold("Nguyễn Thị Mai") == "nguyen thi mai"
    assert fold("Алексей") == "aleksei" or fold("Алексей") == "aleksey"
    assert fold("MÜLLER") == "muller"


def test_particles_are_dropped_from_surnames() -> None:
    assert surname_tokens("de la Cruz") == ["cruz"]
    assert surname_tokens("al-Rashid") == ["rashid"]
    assert surname_tokens("van der Berg") == ["berg"]
    assert surname_tokens("Del") == ["del"]  # a particle alone is the surname


def test_parse_full_name() -> None:
    assert parse_full_name("José Luis Hernández Pérez") == ("jose", "luis", ["hernandez", "perez"])
    assert parse_full_name("HERNANDEZ PEREZ, JOSE LUIS") == ("jose", "luis", ["hernandez", "perez"])
    assert parse_full_name("Maria de la Cruz Lopez") == ("maria", "", ["cruz", "lopez"])
    assert parse_full_name("Nguyen Thi Mai") == ("nguyen", "thi", ["mai"])
    assert parse_full_name("Mai Nguyen") == ("mai", "", ["nguyen"])
    assert parse_full_name("") == ("", "", [])


def test_nicknames_point_to_formal_names() -> None:
    assert "william" in name_variants("bill")
    assert set(name_variants("william")) & set(name_variants("bill"))
    assert name_variants("jose") == ("jose",)
    assert name_variants("") == ()


def test_phonetic_codes() -> None:
    assert phonetic("smith") == phonetic("smyth")
    assert phonetic("") == ""


def test_a_number_is_nine_digits() -> None:
    assert normalize_identifier("a_number", "A12345678") == "012345678"
    assert normalize_identifier("a_number", "A-012-345-678") == "012345678"
    assert normalize_identifier("a_number", "1234567890") == ""
    assert normalize_identifier("a_number", "none") == ""
    assert normalize_identifier("ssn", "123-45-6789") == "123456789"
    assert normalize_identifier("passport", " x12-345 ") == "X12345"


def test_features_of_a_record() -> None:
    row = features(
        Record(
            "r1",
            given_name="Bill",
            family_names=("Hernández", "Pérez"),
            dates_of_birth=("3/4/1985",),
            sex="male",
            identifiers={"a_number": "A12345678"},
        )
    )
    assert row["given"] == "bill"
    assert row["family"] == "hernandez perez"
    assert row["family_tokens"] == ["hernandez", "perez"]
    assert row["dob"] == "1985-03-04"
    assert row["dob_swapped"] == "1985-04-03"
    assert row["sex"] == "M"
    assert row["ids"] == ["a_number:012345678"]
    assert "william" in row["given_variants"]


def test_record_from_mapping_splits_lists_and_identifiers() -> None:
    record = record_from_mapping(
        {"family_name": "Hernandez|Perez", "date_of_birth": "1985|1986", "id.ssn": "1", "id.x": ""},
        "7",
    )
    assert record.family_names == ("Hernandez", "Perez")
    assert record.dates_of_birth == ("1985", "1986")
    assert record.identifiers == {"ssn": "1"}
