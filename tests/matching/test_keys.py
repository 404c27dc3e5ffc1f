from __future__ import annotations

from access.matching.keys import DATELESS_NAME_KEYS, KeyIndex, keys_for, query_keys
from access.matching.names import phonetic
from access.matching.schema import Record
from access.matching.store import prune_keys

DOB = "1985-03-04"


def test_identifier_keys_are_canonical() -> None:
    a = keys_for(Record("a", identifiers={"a_number": "A12345678"}))
    b = keys_for(Record("b", identifiers={"a_number": "012-345-678"}))
    assert a == b == {"id:a_number:012345678"}


def test_surname_year_and_given_dob_keys() -> None:
    keys = keys_for(Record("a", given_name="Mai", family_names=("Nguyen",), dates_of_birth=(DOB,)))
    assert f"fy:{phonetic('nguyen')}:1985" in keys
    assert f"gd:{phonetic('mai')}:{DOB}" in keys
    assert f"gd:{phonetic('mai')}:1985-04-03" in keys  # day/month swapped
    assert f"fy:{phonetic('mai')}:1985" in keys  # given recorded as family


def test_compound_surname_subset_shares_a_key() -> None:
    a = keys_for(
        Record(
            "a", given_name="José Luis", family_names=("Hernández", "Pérez"), dates_of_birth=(DOB,)
        )
    )
    b = keys_for(Record("b", given_name="Jose", family_names=("Hernandez",), dates_of_birth=(DOB,)))
    assert f"fy:{phonetic('hernandez')}:1985" in a & b


def test_swapped_names_share_a_key() -> None:
    a = keys_for(Record("a", full_name="Nguyen Thi Mai", dates_of_birth=(DOB,)))
    b = keys_for(Record("b", full_name="Mai Nguyen", dates_of_birth=(DOB,)))
    assert a & b


def test_nickname_and_swapped_date_share_a_key() -> None:
    a = keys_for(
        Record("a", given_name="Bill", family_names=("Smith",), dates_of_birth=("1985-04-03",))
    )
    b = keys_for(Record("b", given_name="William", family_names=("Smith",), dates_of_birth=(DOB,)))
    assert f"gd:{phonetic('william')}:{DOB}" in a & b


def test_alias_keys() -> None:
    keys = keys_for(
        Record(
            "a",
            given_name="Juan",
            family_names=("Lopez",),
            aliases=("Pedro Ramirez",),
            dates_of_birth=(DOB,),
        )
    )
    assert f"fy:{phonetic('ramirez')}:1985" in keys


def test_records_without_dates_still_have_name_keys() -> None:
    keys = keys_for(Record("a", given_name="John", family_names=("Smith",)))
    assert {
        f"fn:{phonetic('john')}:{phonetic('smith')}",
        f"fn:{phonetic('smith')}:{phonetic('john')}",
    } <= keys
    assert all(k.startswith(("fn:", "pp:", "dn:")) for k in keys)  # no date keys
    assert f"dn:smth:{phonetic('john')}" in keys  # date-less pair keys, as an undated record


def test_date_less_pair_keys_join_a_dated_and_an_undated_record_but_not_two_dated() -> None:
    dated = Record("a", given_name="Amadou", family_names=("Eze",), dates_of_birth=(DOB,))
    typo_dated = Record("b", given_name="Amzdou", family_names=("Eze",), dates_of_birth=(DOB,))
    typo_undated = Record("c", given_name="Amzdou", family_names=("Eze",))
    pair = f"dp:amdou:{phonetic('eze')}"
    assert pair in keys_for(dated)
    assert pair not in query_keys(typo_dated)  # dated queries reach only undated records
    assert "dn" + pair[2:] in query_keys(typo_dated)
    assert pair in query_keys(typo_undated)
    assert "dn" + pair[2:] in keys_for(typo_undated)
    assert not (query_keys(typo_dated) & keys_for(dated)) - {
        k for k in keys_for(dated) if not k.startswith(("dp:", "dn:"))
    }


def test_spanish_hypocorisms_are_name_variants() -> None:
    beto = query_keys(Record("q", given_name="Beto", family_names=("Diaz", "Guerrero")))
    roberto = keys_for(
        Record("r", given_name="Roberto", family_names=("Diaz", "Guerrero"), dates_of_birth=(DOB,))
    )
    assert f"fn:{phonetic('roberto')}:{phonetic('diaz')}" in beto & roberto


def test_fuzzy_keys_survive_a_typo_a_transposed_year_and_no_date() -> None:
    a = keys_for(Record("a", given_name="Cristian", family_names=("Pdrez",), dates_of_birth=(DOB,)))
    b = keys_for(
        Record("b", given_name="Christian", family_names=("Perez",), dates_of_birth=(DOB,))
    )
    assert f"di:{DOB}:p" in a & b  # both names misspelt, same date
    c = keys_for(
        Record("c", given_name="Jonatan", family_names=("Johnson",), dates_of_birth=("1958-03-04",))
    )
    assert f"pm:{phonetic('johnson')}:03-04" in c & keys_for(
        Record("d", given_name="Jonathan", family_names=("Johnson",), dates_of_birth=(DOB,))
    )
    e = keys_for(Record("e", given_name="Raymond", family_names=("Campbey",)))
    f = keys_for(
        Record("f", given_name="Raymond", family_names=("Campbell",), dates_of_birth=(DOB,))
    )
    assert f"pp:{phonetic('raymond')}:camp" in e & f  # no date on one side
    g = keys_for(
        Record("g", given_name="Ana", family_names=("Pdrez",), dates_of_birth=("1985-03",))
    )
    h = keys_for(Record("h", given_name="Eva", family_names=("Perez",), dates_of_birth=(DOB,)))
    assert "em:prez:1985-03" in g & h


def test_empty_record_has_no_keys() -> None:
    assert keys_for(Record("a")) == set()


def test_key_index_skips_overlong_posting_lists() -> None:
    index = KeyIndex(max_postings=2)
    index.add(0, {"common", "rare"})
    index.add(1, {"common"})
    index.add(2, {"common"})
    assert index.candidates({"common", "rare"}) == {0}
    assert prune_keys([{"common", "rare"}, {"common"}, {"common"}], 2) == [["rare"], [], []]


def test_a_dated_query_skips_the_date_less_name_keys_an_undated_one_uses() -> None:
    name = {"given_name": "Maria", "middle_name": "Elena", "family_names": ("Lopez", "Diaz")}
    dated, undated = Record("q", dates_of_birth=(DOB,), **name), Record("q", **name)
    stored = keys_for(dated)
    for prefix in DATELESS_NAME_KEYS:
        assert any(k.startswith(prefix) for k in stored)  # indexed for undated queries
        assert not any(k.startswith(prefix) for k in query_keys(dated))
        assert any(k.startswith(prefix) for k in query_keys(undated))
    assert any(k.startswith("gd:") for k in query_keys(dated))
