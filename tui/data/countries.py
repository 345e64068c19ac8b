"""ISO 3166-1 alpha-2 country codes and display names, from pycountry's data."""

from __future__ import annotations

import difflib
import json
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _names() -> dict[str, str]:
    # common_name where ISO has one ("South Korea"), else the short name. Read from
    # pycountry's own data file: importing pycountry costs ~20 ms (it asks importlib.metadata
    # for its version), on every start, for a table of 249 rows.
    spec = find_spec("pycountry")
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        data = Path(next(iter(folders))) / "databases" / "iso3166-1.json"
        if data.is_file():
            rows = json.loads(data.read_text(encoding="utf-8"))["3166-1"]
            return {row["alpha_2"]: row.get("common_name") or row["name"] for row in rows}
    import pycountry  # its data moved: ask pycountry itself

    return {country.alpha_2: getattr(country, "common_name", None) or country.name
            for country in pycountry.countries}


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
