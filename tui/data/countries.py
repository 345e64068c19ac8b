"""ISO 3166-1 alpha-2 country codes, display names and the names people type.

Codes and names come from pycountry's data. ISO's short names put some countries'
names in an inverted order ("Palestine, State of"), too long for a list and cut in the
wrong place, so :data:`SHORT_NAMES` says how to show those. News names places by names
ISO does not carry (its former name "Turkey", "USA", "Gaza"), so filters also accept the
short list of such names in :data:`ALIASES`.
"""

from __future__ import annotations

import difflib
import json
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

from tui.data.query import fold

# Display names for ISO short names of the inverted form "X, Y of" (or "X, qualifier").
# pycountry's common_name covers some of them, but not all ("Palestine, State of"), and
# not in every version: this table decides for all of them. The ISO names still resolve.
SHORT_NAMES: dict[str, str] = {
    "BO": "Bolivia",  # Bolivia, Plurinational State of
    "CD": "DR Congo",  # Congo, The Democratic Republic of the ("Congo" is CG)
    "FM": "Micronesia",  # Micronesia, Federated States of
    "IR": "Iran",  # Iran, Islamic Republic of
    "KP": "North Korea",  # Korea, Democratic People's Republic of
    "KR": "South Korea",  # Korea, Republic of
    "MD": "Moldova",  # Moldova, Republic of
    "PS": "Palestine",  # Palestine, State of
    "TW": "Taiwan",  # Taiwan, Province of China
    "TZ": "Tanzania",  # Tanzania, United Republic of
    "VE": "Venezuela",  # Venezuela, Bolivarian Republic of
    "VG": "British Virgin Islands",  # Virgin Islands, British
    "VI": "U.S. Virgin Islands",  # Virgin Islands, U.S.
}

# Names in common use that ISO 3166 does not list for the code (a former short name, a
# colloquial one, or a territory news names on its own). Matched case- and
# accent-insensitively, like ISO's own names and the alpha-3 codes.
ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirates"),
    "CD": ("DRC",),
    "GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "NL": ("Holland",),
    "PS": ("Gaza", "Gaza Strip", "West Bank", "Palestinian territories"),
    "RU": ("Russia",),
    "TR": ("Turkey",),
    "US": ("USA", "America", "United States of America"),
    "VA": ("Vatican",),
}


@cache
def _rows() -> list[dict[str, str]]:
    # Read from pycountry's own data file: importing pycountry costs ~20 ms (it asks
    # importlib.metadata for its version), on every start, for a table of 249 rows.
    spec = find_spec("pycountry")
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        data = Path(next(iter(folders))) / "databases" / "iso3166-1.json"
        if data.is_file():
            rows: list[dict[str, str]] = json.loads(data.read_text(encoding="utf-8"))["3166-1"]
            return rows
    import pycountry  # its data moved: ask pycountry itself

    return [{key: getattr(country, key) for key in
             ("alpha_2", "alpha_3", "name", "common_name", "official_name")
             if getattr(country, key, None)} for country in pycountry.countries]


@cache
def _names() -> dict[str, str]:
    # Our short name for an inverted ISO name, else common_name where ISO has one, else
    # ISO's short name.
    return {row["alpha_2"]: SHORT_NAMES.get(row["alpha_2"]) or row.get("common_name")
            or row["name"] for row in _rows()}


def _fold(text: str) -> str:
    # Search's folding (case, accents), and "U.S.A." == "USA", spaces collapsed.
    return " ".join(fold(text).replace(".", "").split())


@cache
def _by_name() -> dict[str, str]:
    """Folded name, alpha-3 code, short name or alias -> alpha-2 code."""
    found: dict[str, str] = {}
    for row in _rows():
        for name in _row_names(row):
            found.setdefault(_fold(name), row["alpha_2"])
    for code, aliases in ALIASES.items():
        for alias in aliases:
            found.setdefault(_fold(alias), code)
    return found


def _row_names(row: dict[str, str]) -> list[str]:
    names = [row[key] for key in ("alpha_3", "name", "common_name", "official_name")
             if row.get(key)]
    if row["alpha_2"] in SHORT_NAMES:
        names.append(SHORT_NAMES[row["alpha_2"]])
    return names


def country_names(code: str) -> tuple[str, ...]:
    """Every name :func:`resolve_country` accepts for ``code``: alpha-3, ISO's names, the
    short display name, aliases."""
    return tuple(dict.fromkeys(
        [*(name for row in _rows() if row["alpha_2"] == code for name in _row_names(row)),
         *ALIASES.get(code, ())]))


def resolve_country(text: str) -> str | None:
    """The alpha-2 code for a code or name as typed ("tr", "TUR", "Turkey", "gaza"), or None."""
    typed = text.strip()
    if typed.upper() in _names():
        return typed.upper()
    return _by_name().get(_fold(typed))


def is_country(code: str) -> bool:
    return code in _names()


def country_name(code: str) -> str:
    """The display name for ``code`` ("TR" -> "Türkiye"); the code itself if unknown."""
    return _names().get(code, code)


@lru_cache(maxsize=256)  # fuzzy search costs ~10 ms: a file repeating a bad value pays once
def suggest_country(text: str) -> str:
    """A hint for an invalid country code: the right code for a name, or close codes."""
    if len(text) > 100:  # no country name is that long; fuzzy search would take long
        return "use an ISO 3166-1 alpha-2 code such as 'TR', 'IN' or 'PS'"
    names = _names()
    upper = text.strip().upper()
    if upper in names:
        return f"write it in capitals: '{upper}'"
    known = resolve_country(text)  # a name the filters take: "Turkey", "USA", "Gaza"
    if known is not None:
        return f"use the ISO 3166-1 alpha-2 code '{known}' for {names[known]}"
    import pycountry

    try:
        match = pycountry.countries.lookup(text.strip())
    except LookupError:
        matches = []
        try:
            matches = pycountry.countries.search_fuzzy(text.strip())
        except LookupError:
            matches = []
        if len(text.strip()) > 2 and matches:
            country = matches[0]
            return (f"use the ISO 3166-1 alpha-2 code, e.g. '{country.alpha_2}' "
                    f"for {names.get(country.alpha_2, country.name)}")
        close = difflib.get_close_matches(upper, list(names), n=3, cutoff=0.5)
        if close and len(upper) == 2:
            return "did you mean " + " or ".join(f"'{c}' ({names[c]})" for c in close) + "?"
        return "use an ISO 3166-1 alpha-2 code such as 'TR', 'IN' or 'PS'"
    return f"use the ISO 3166-1 alpha-2 code '{match.alpha_2}' for {names[match.alpha_2]}"


def country_codes() -> list[str]:
    return sorted(_names())
