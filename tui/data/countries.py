"""ISO 3166-1 alpha-2 country codes, display names and the names people type.

Codes and names come from pycountry's data. News names places by names ISO does not
carry (its former name "Turkey", "USA", "Gaza"), so filters also accept the short
list of such names in :data:`ALIASES`.
"""

from __future__ import annotations

import difflib
import json
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

from tui.data.query import fold

# Names in common use that ISO 3166 does not list for the code (a former short name, a
# colloquial one, or a territory news names on its own). Matched case- and
# accent-insensitively, like ISO's own names and the alpha-3 codes.
ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirates"),
    "CD": ("DR Congo", "DRC"),
    "GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "NL": ("Holland",),
    "PS": ("Palestine", "Gaza", "Gaza Strip", "West Bank", "Palestinian territories"),
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
    # common_name where ISO has one ("South Korea"), else the short name.
    return {row["alpha_2"]: row.get("common_name") or row["name"] for row in _rows()}


def _fold(text: str) -> str:
    # Search's folding (case, accents), and "U.S.A." == "USA", spaces collapsed.
    return " ".join(fold(text).replace(".", "").split())


@cache
def _by_name() -> dict[str, str]:
    """Folded name, alpha-3 code or alias -> alpha-2 code."""
    found: dict[str, str] = {}
    for row in _rows():
        code = row["alpha_2"]
        for key in ("alpha_3", "name", "common_name", "official_name"):
            if row.get(key):
                found.setdefault(_fold(row[key]), code)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            found.setdefault(_fold(alias), code)
    return found


def country_names(code: str) -> tuple[str, ...]:
    """Every name :func:`resolve_country` accepts for ``code`` (alpha-3, ISO names, aliases)."""
    return tuple(dict.fromkeys(
        [*(row[key] for row in _rows() if row["alpha_2"] == code
           for key in ("alpha_3", "name", "common_name", "official_name") if row.get(key)),
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
            return f"use the ISO 3166-1 alpha-2 code, e.g. '{country.alpha_2}' for {country.name}"
        close = difflib.get_close_matches(upper, list(names), n=3, cutoff=0.5)
        if close and len(upper) == 2:
            return "did you mean " + " or ".join(f"'{c}' ({names[c]})" for c in close) + "?"
        return "use an ISO 3166-1 alpha-2 code such as 'TR', 'IN' or 'PS'"
    return f"use the ISO 3166-1 alpha-2 code '{match.alpha_2}' for {names[match.alpha_2]}"


def country_codes() -> list[str]:
    return sorted(_names())
