"""Country codes and the names people type for them (ISO names, alpha-3, common aliases)."""

from __future__ import annotations

import json

import pytest

from tests.data.helpers import HEADER, one_problem
from tui.cli import main
from tui.data.countries import (
    ALIASES,
    SHORT_NAMES,
    country_codes,
    country_name,
    country_names,
    resolve_country,
)


@pytest.mark.parametrize(("typed", "code"), [
    ("TR", "TR"), ("tr", "TR"), ("TUR", "TR"), ("Türkiye", "TR"), ("turkiye", "TR"),
    ("Turkey", "TR"), ("  turkey ", "TR"), ("Republic of Türkiye", "TR"),
    ("usa", "US"), ("U.S.A.", "US"), ("United States", "US"), ("america", "US"),
    ("gaza", "PS"), ("West Bank", "PS"), ("Palestine", "PS"),
    ("South Korea", "KR"), ("korea, republic of", "KR"), ("uk", "GB"), ("Viet Nam", "VN"),
    ("vietnam", "VN"), ("in", "IN"), ("India", "IN"),
])
def test_codes_and_names_resolve_to_the_alpha_2_code(typed: str, code: str) -> None:
    assert resolve_country(typed) == code


@pytest.mark.parametrize("typed", ["", "xx", "narnia", "korea", "united"])
def test_unknown_or_ambiguous_names_do_not_resolve(typed: str) -> None:
    assert resolve_country(typed) is None


def test_every_alias_resolves_to_its_own_code_and_is_listed() -> None:
    for code, aliases in ALIASES.items():
        for alias in aliases:
            assert resolve_country(alias) == code, alias
            assert alias in country_names(code)


def test_country_names_lists_iso_names_then_aliases() -> None:
    assert country_names("TR") == ("TUR", "Türkiye", "Republic of Türkiye", "Turkey")
    assert country_names("ZZ") == ()


@pytest.mark.parametrize(("code", "shown"), [
    ("PS", "Palestine"), ("BO", "Bolivia"), ("IR", "Iran"), ("TW", "Taiwan"),
    ("VE", "Venezuela"), ("CD", "DR Congo"), ("KP", "North Korea"), ("KR", "South Korea"),
    ("FM", "Micronesia"), ("MD", "Moldova"), ("TZ", "Tanzania"),
    ("VG", "British Virgin Islands"), ("VI", "U.S. Virgin Islands"),
    ("CG", "Congo"), ("TR", "Türkiye"), ("GB", "United Kingdom"),
])
def test_inverted_iso_names_are_shown_in_their_short_form(code: str, shown: str) -> None:
    assert country_name(code) == shown


def test_no_display_name_is_of_the_inverted_iso_form() -> None:
    # A comma is left only in names that list places ("Bonaire, Sint Eustatius and Saba").
    inverted = [(code, country_name(code)) for code in country_codes()
                if "," in country_name(code) and " and " not in country_name(code)]
    assert inverted == []


@pytest.mark.parametrize(("typed", "code"), [
    ("Palestine, State of", "PS"), ("the State of Palestine", "PS"),
    ("Congo, The Democratic Republic of the", "CD"), ("dr congo", "CD"), ("Congo", "CG"),
    ("Virgin Islands, U.S.", "VI"), ("US Virgin Islands", "VI"),
    ("Virgin Islands, British", "VG"), ("british virgin islands", "VG"),
    ("Micronesia, Federated States of", "FM"), ("Iran, Islamic Republic of", "IR"),
])
def test_official_and_short_names_both_resolve(typed: str, code: str) -> None:
    assert resolve_country(typed) == code


def test_short_names_are_listed_among_the_search_names() -> None:
    for code, short in SHORT_NAMES.items():
        names = country_names(code)
        assert short in names and len(names) > 2, code  # ISO's own names are kept too


def test_export_country_filter_takes_a_name(capsys, mini_path) -> None:
    code = main(["export", str(mini_path), "--format", "json", "--country", "turkey"])
    out, err = capsys.readouterr()
    assert code == 0, err
    events = json.loads(out)["events"]
    assert events and {event["place"]["country"] for event in events} == {"TR"}


def test_a_name_of_a_country_without_events_still_lists_the_valid_ones(capsys,
                                                                      mini_path) -> None:
    code = main(["export", str(mini_path), "--format", "json", "--country", "japan"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "--country japan: no event takes place there; valid: NO (Norway), TR (Türkiye)" in err


@pytest.mark.parametrize(("written", "hint"), [
    ("Turkey", "use the ISO 3166-1 alpha-2 code 'TR' for Türkiye"),
    ("USA", "use the ISO 3166-1 alpha-2 code 'US' for United States"),
    ("Gaza", "use the ISO 3166-1 alpha-2 code 'PS' for Palestine"),
    ("tr", "write it in capitals: 'TR'"),
])
def test_a_country_written_as_a_name_gets_its_code_in_the_error(
        written: str, hint: str) -> None:
    problem = one_problem(HEADER + f"""\
  - id: a
    kind: stop
    title: A
    start: 2023-11-06
    place: {{name: X, country: {written}}}
    sources: [wire]
""")
    assert problem.field == "place.country"
    assert hint in problem.message
