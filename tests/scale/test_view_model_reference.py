"""TimelineData, built with C-level passes and per day group, gives exactly what a plain
walk over the events gives (the walk below is the reference: one event at a time)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app.text import clean, local_day
from tui.app.viewmodel import (
    DENSE_SHARE,
    MAX_STRIP_CELLS,
    MAX_STRIP_DAYS,
    TimelineData,
    _cell_end,
    _group_label,
)
from tui.data.dates import When, period_end
from tui.data.facetmasks import bits_from
from tui.data.load import Timeline
from tui.data.records import KINDS, Event, Place

ZONES = [None, "Europe/Istanbul", "Asia/Kolkata", "America/New_York", "Pacific/Kiritimati"]
BASE = date(2023, 11, 1)


def _reference(data: TimelineData) -> dict[str, Any]:
    """The view model's per-event data as the straightforward walk computes it."""
    events = data.events
    days: list[date | None] = []
    groups: list[tuple[str, date, str]] = []
    group_of: list[int] = []
    keys: dict[tuple[str, date], int] = {}
    for event in events:
        precision = event.start.precision
        if precision in ("day", "time"):
            day = local_day(event)
            key = ("day", day)
            days.append(day)
        else:
            key = (precision, event.start.day)
            days.append(None)
        if key not in keys:
            keys[key] = len(groups)
            groups.append((key[0], key[1], _group_label(*key)))
        group_of.append(keys[key])

    def day_of(i: int) -> date:
        return days[i] or events[i].start.day

    stops = [i for i, e in enumerate(events) if e.kind == "stop" and e.place]
    order = data.timeline.order
    route = sorted(stops, key=lambda i: (day_of(i), order.get(events[i].id, 0)))
    periods = [(day, day) if day is not None else
               (e.start.day, period_end(e.start.precision, e.start.day))
               for day, e in zip(days, events, strict=True)]
    unit, window = _reference_cells([d for d in days if d is not None], periods)
    ends = [_cell_end(unit, first) for first in window]
    members: dict[int, list[int]] = {}
    before, after, loose = [], [], []
    for i, (first, last) in enumerate(periods):
        if not window or last < window[0]:
            before.append(i)
        elif first > ends[-1]:
            after.append(i)
        else:
            cell = bisect_right(window, first) - 1
            if cell >= 0 and last <= ends[cell]:
                members.setdefault(cell, []).append(i)
            else:
                loose.append(i)
    size = len(events)
    return {
        "days": days, "groups": groups, "group_of": group_of, "stops": stops,
        "route": [(i, clean(events[i].place.name)) for i in route],  # type: ignore[union-attr]
        "route_days": [day_of(i) for i in route], "unit": unit, "window": window,
        "window_ends": ends,
        "day_masks": [bits_from(members.get(c, []), size) for c in range(len(window))],
        "before_mask": bits_from(before, size), "after_mask": bits_from(after, size),
        "loose_mask": bits_from(loose, size),
    }


def _reference_cells(days: list[date], periods: list[tuple[date, date]]
                     ) -> tuple[str, list[date]]:
    if days:
        dated = sorted(set(days))
        first, last = dated[0], dated[-1]
        if (last - first).days >= MAX_STRIP_DAYS:
            every = sorted(days)
            best, best_start, j = 0, every[0], 0
            for i, start in enumerate(every):
                while j < len(every) and (every[j] - start).days < MAX_STRIP_DAYS:
                    j += 1
                if j - i > best:
                    best, best_start = j - i, start
            span = [d for d in dated
                    if best_start <= d < best_start + timedelta(MAX_STRIP_DAYS)]
            first, last = span[0], span[-1]
        inside = sum(1 for start, end in periods if first <= start and end <= last)
        if inside >= DENSE_SHARE * len(periods):
            return "day", [first + timedelta(n) for n in range((last - first).days + 1)]
    if not periods:
        return "day", []
    first = min(start for start, _ in periods)
    last = max(end for _, end in periods)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MAX_STRIP_CELLS:
        cells, year, month = [], first.year, first.month
        for _ in range(months):
            cells.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return "month", cells
    return "year", [date(y, 1, 1) for y in range(first.year, last.year + 1)]


@st.composite
def _events(draw: st.DrawFn) -> list[Event]:
    span = draw(st.sampled_from([3, 100, 400, 3000, 40000]))  # days: a trip ... centuries
    # Events gather around a few days (trips, crises): dense windows, ties between them.
    centers = draw(st.lists(st.integers(0, span), min_size=1, max_size=3))
    found = []
    for n in range(draw(st.integers(0, 40))):
        day = BASE + timedelta(draw(st.sampled_from(centers)) + draw(st.integers(0, 20)))
        precision = draw(st.sampled_from(["time", "time", "day", "month", "year"]))
        if precision == "time":
            hours = draw(st.sampled_from([None, -10, 0, 5.5, 14]))  # UTC offset; None: naive
            zone = None if hours is None else timezone(timedelta(hours=hours)) if hours else UTC
            moment = datetime.combine(day, datetime.min.time(), zone) + timedelta(
                minutes=draw(st.integers(0, 24 * 60 - 1)))
            start = When("time", moment.date(), moment)
        elif precision == "day":
            start = When("day", day)
        else:
            start = When(precision, day.replace(day=1) if precision == "month"
                         else day.replace(month=1, day=1))
        tz = draw(st.sampled_from(ZONES))
        place = draw(st.sampled_from([None, Place(name="Ankara", country="TR", tz=tz),
                                      Place(name="New\x1b Delhi", country="IN", tz=tz)]))
        kind = draw(st.sampled_from(["stop", "stop", *KINDS]))
        found.append(Event(id=f"e{n}", kind=kind, title=f"Event {n}", start=start,
                           place=place, sources=["s"]))
    return sorted(found, key=lambda event: event.instant)


@settings(max_examples=300, deadline=None)
@given(_events(), st.randoms())
def test_the_view_model_matches_a_walk_over_the_events(events: list[Event],
                                                       rng: Any) -> None:
    order = {event.id: rng.randrange(len(events)) for event in events}  # ties too
    data = TimelineData(Timeline("T", "", {}, {}, events, order=order))
    expected = _reference(data)
    expected["groups"] = [tuple(g) for g in expected["groups"]]
    actual = {name: getattr(data, name) for name in expected}
    actual["groups"] = [(g.precision, g.day, g.label) for g in data.groups]
    assert actual == expected
    assert data.route_position == {i: k for k, (i, _) in enumerate(data.route)}


def test_of_two_stretches_as_dense_the_strip_shows_the_earlier() -> None:
    days = [0, 1, 2, 200, 201, 202]  # two trips half a year apart, three events each
    events = [Event(id=f"e{n}", kind="meeting", title="T", sources=["s"],
                    start=When("day", BASE + timedelta(day))) for n, day in enumerate(days)]
    data = TimelineData(Timeline("T", "", {}, {}, events))
    assert (data.unit, data.window[0], data.window[-1]) == ("day", BASE, BASE + timedelta(2))
    assert data.window == _reference(data)["window"]
    assert data.after_mask == bits_from([3, 4, 5], 6)
