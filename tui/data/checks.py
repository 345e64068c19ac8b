"""Checks across fields and events: ids, references, time zones and date order.

They read the raw data rather than validated models, so that an event with one bad field
still has its ids, references and dates checked: every problem is reported in one pass.
Values that are not even of the right type are skipped here (the model reports them).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from tui.data.dates import DateError, When, zone
from tui.data.sanitize import quoted

if TYPE_CHECKING:
    from tui.data.validate import Collector

Path = list[str | int]


def did_you_mean(value: str, options: Sequence[str]) -> str:
    """``did you mean 'x'?`` for the closest option, or "" (also for very long values)."""
    if len(value) > 100:  # no option is that long, and difflib is quadratic
        return ""
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean {quoted(close[0])}?" if close else ""


def _did_you_mean(value: str, options: Sequence[str], what: str) -> str:
    close = did_you_mean(value, options)
    if close:
        return close
    return "no event has this id" if what == "events" else f"register it under {what!r} first"


def _items(raw: dict[str, Any], key: str) -> Iterator[tuple[int, Any]]:
    value = raw.get(key)
    if isinstance(value, list):
        yield from enumerate(value)


def _str_at(raw: Any, key: str) -> str | None:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def check_references(found: Collector, raw_events: Sequence[Any]) -> None:
    """Report duplicate ids, unknown references, missing offsets and end-before-start."""
    data = found.data
    actor_ids = list(data["actors"]) if isinstance(data.get("actors"), dict) else []
    source_ids = list(data["sources"]) if isinstance(data.get("sources"), dict) else []
    first_at: dict[str, int] = {}
    for index, raw in enumerate(raw_events):
        ident = _str_at(raw, "id")
        if ident is None:
            continue
        if ident in first_at:
            line = found.locator.position(["events", first_at[ident], "id"])
            where = f" at line {line[0]}" if line else ""
            found.add(["events", index, "id"], f"duplicate event id {quoted(ident)}",
                      f"the same id is used{where}; every event needs its own id")
        else:
            first_at[ident] = index
    all_ids = sorted(first_at)

    def ref(path: Path, value: Any, known: Sequence[str], what: str) -> None:
        if isinstance(value, str) and value not in known:
            hint = _did_you_mean(value, known, what)
            found.add(path, f"unknown {what[:-1]} {quoted(value)}", hint)

    known_actors, known_sources = set(actor_ids), set(source_ids)
    for index, raw in enumerate(raw_events):
        if not isinstance(raw, dict):
            continue
        base: Path = ["events", index]
        for n, item in _items(raw, "actors"):
            if isinstance(item, dict):
                if _str_at(item, "id") not in known_actors:
                    ref([*base, "actors", n, "id"], item.get("id"), actor_ids, "actors")
            elif isinstance(item, str) and item not in known_actors:
                ref([*base, "actors", n], item, actor_ids, "actors")
        for n, quote in _items(raw, "quotes"):
            if isinstance(quote, dict):
                if _str_at(quote, "speaker") not in known_actors:
                    ref([*base, "quotes", n, "speaker"], quote.get("speaker"), actor_ids,
                        "actors")
                if _str_at(quote, "source") not in known_sources:
                    ref([*base, "quotes", n, "source"], quote.get("source"), source_ids,
                        "sources")
        for n, source in _items(raw, "sources"):
            if isinstance(source, str) and source not in known_sources:
                ref([*base, "sources", n], source, source_ids, "sources")
        for n, link in _items(raw, "links"):
            target = _str_at(link, "to")
            if target is None:
                continue
            if target == raw.get("id"):
                found.add([*base, "links", n, "to"], "an event cannot link to itself")
            elif target not in first_at:
                ref([*base, "links", n, "to"], target, all_ids, "events")
        _check_dates(found, raw, base)


def _parse(raw: dict[str, Any], key: str) -> When | None:
    value = raw.get(key)
    if not isinstance(value, str):
        return None
    try:
        return When.parse(value)
    except DateError:
        return None  # already reported by the model


def _place_zone(raw: dict[str, Any]) -> tuple[tzinfo | None, bool]:
    """The place's time zone, and whether one was written (valid or not)."""
    name = _str_at(raw.get("place"), "tz")
    if name is None:
        return None, False
    try:
        return zone(name), True
    except DateError:
        return None, True


def _check_dates(found: Collector, raw: dict[str, Any], base: Path) -> None:
    start, end = _parse(raw, "start"), _parse(raw, "end")
    tz, tz_written = _place_zone(raw)
    for name, when in (("start", start), ("end", end)):
        if when is not None and not when.has_offset and not tz_written:
            found.add([*base, name], f"the time {when.iso()} has no UTC offset",
                      "add one such as +03:00, or give the place a time zone in place.tz")
            return
    if start is None or end is None:
        return
    if end.span(tz)[1] < start.span(tz)[0]:
        found.add([*base, "end"], f"ends ({end.iso()}) before it starts ({start.iso()})",
                  "swap start and end, or fix the date")
