"""Data derived from a timeline's events that a cache entry stores beside the events.

Reopening an unchanged file should not redo what every open computes from the events: a
cache entry (:mod:`tui.data.cacheform`) also stores each actor's event positions (the
facet index, :mod:`tui.data.facetmasks`) and each event's local day (:func:`local_days`,
for the day headers and the day strip). The decoder keeps them here, with the timeline it
read; the index and the view model take them if there, and compute them from the events
otherwise. Both give the same values (the tests compare them), so nothing shown depends on
whether a timeline came from the cache.
"""

from __future__ import annotations

import weakref
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from tui.data.dates import zone

if TYPE_CHECKING:
    from tui.data.dates import When
    from tui.data.load import Timeline
    from tui.data.records import Event

# By id() of the timeline: (its events list, their number, what was kept). An entry goes
# when its timeline does (weakref.finalize), so an id is never found for another timeline.
_KEPT: dict[int, tuple[list[Event], int, dict[str, Any]]] = {}

_DAY_PRECISE = frozenset({"day", "time"})


def keep(timeline: Timeline, **values: Any) -> None:
    """Keep ``values`` (by name) for ``timeline``."""
    key = id(timeline)
    _KEPT[key] = (timeline.events, len(timeline.events), values)
    weakref.finalize(timeline, _KEPT.pop, key, None)


def kept(timeline: Timeline, name: str) -> Any | None:
    """What was kept as ``name`` for ``timeline`` (None if nothing, or if its events are no
    longer the same list, as long as when it was kept)."""
    found = _KEPT.get(id(timeline))
    if found is None or found[0] is not timeline.events or found[1] != len(found[0]):
        return None
    return found[2].get(name)


# A loosely dated event sorts at the first day of its month or year, before the events
# dated to that very day: the year's group, then the month's, then the day's. Within a
# day, events without a time of day come first, as a calendar's all-day events do, then
# the timed ones.
_RANK = {"year": 0, "month": 1, "day": 2, "time": 3}
# Events without a time of day keep the curator's file order among themselves: their
# instants are local midnights, and two places' midnights would order them by time zone
# (a stop in Baghdad before the same day's stop in Ramallah, whatever the trip's order).
_UNTIMED = datetime.min.replace(tzinfo=UTC)


def sort_key(event: Event, day: date | None) -> tuple[date, int, datetime]:
    """Where ``event`` (with its local day ``day``, see :func:`local_days`) goes in a
    timeline: by calendar day in its own place (a month or year at its first day, before
    that day's events), then untimed events before timed ones, timed ones by real instant
    (untimed ones tie: :func:`calendar_order` keeps their file order)."""
    precision = event.start.precision
    return (day or event.start.day, _RANK[precision],
            event.instant if precision == "time" else _UNTIMED)


def calendar_order(events: list[Event]) -> tuple[list[Event], list[date | None]]:
    """``events`` (in file order) in timeline order (:func:`sort_key`; ties keep the file's
    order), and their days.

    Not by real instant alone: a day runs from local midnight, so events of one calendar
    day in places hours apart interleave with the next day's, and a month or year (at
    local midnight of its first day) with the days around it; their headers repeated,
    "Mon 6 Nov, Tue 7 Nov, Mon 6 Nov". In calendar order each day, month and year is one
    run under one header, and within it timed events follow the real instant.
    """
    days = local_days(events)
    keys = list(map(sort_key, events, days))
    order = sorted(range(len(events)), key=keys.__getitem__)
    return [events[i] for i in order], [days[i] for i in order]


def local_days(events: list[Event], starts: list[When] | None = None) -> list[date | None]:
    """Each event's calendar day in its own place's time (what
    :func:`tui.app.text.local_day` says), or None unless it is dated to the day or the
    minute. ``starts``: the events' starts, if the caller has them."""
    if starts is None:
        starts = list(map(attrgetter("start"), events))
    # Event.zone, looked up once per zone name rather than through two properties a time.
    names = [None if place is None else place.tz for place in map(attrgetter("place"), events)]
    found = {name: zone(name) for name in set(names) if name}
    zones = list(map(found.get, names))
    return [None if start.precision not in _DAY_PRECISE
            else start.day if (moment := start.moment) is None
            else moment.date() if moment.tzinfo is None or local is None
            else moment.astimezone(local).date()
            for start, local in zip(starts, zones, strict=True)]
