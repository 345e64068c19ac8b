"""What the screen shows, computed from a timeline and a query without Textual.

:class:`TimelineData` is built once per timeline: the day groups, the day-strip window and
its per-day bitsets, the trip's stops and the facet value labels. :class:`Rows` is built
once per query: the visible events interleaved with day headers. Both work on the bitsets
of :mod:`tui.data.query`, so filtering never walks the events' text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui.app.text import clean, day_label, kind_marker, local_day
from tui.data.countries import country_name, country_names
from tui.data.load import Timeline, no_gc
from tui.data.query import FACETS, Facet, Index, Query, bits_from, fold

MAX_STRIP_DAYS = 120  # a longer span of dated events is shown as its densest window...
DENSE_SHARE = 0.5  # ...if that window holds this share of them, else as months or years
MAX_STRIP_CELLS = 240  # months beyond this (20 years) are shown as years


@dataclass(frozen=True, slots=True)
class Group:
    """A day header (or a month/year header for loosely dated events)."""

    precision: str  # "day", "month" or "year"
    day: date  # the day, or the first day of the month or year
    label: str


@dataclass(frozen=True, slots=True)
class FacetValue:
    facet: Facet
    value: str
    label: str  # what lists show, e.g. "TR Türkiye"
    search: str  # folded text that pickers match typed text against
    total: int  # events with this value, ignoring every filter


@dataclass(frozen=True, slots=True)
class DayCell:
    """One cell of the strip: a day, or a month or year when the timeline spans years."""

    day: date  # the cell's first day
    count: int
    kind: str | None  # the most frequent kind in the cell, for its colour
    last: date  # the cell's last day (== day for a day cell)


@dataclass(frozen=True, slots=True)
class StripData:
    """The day strip for one query: the cells plus what falls outside them."""

    cells: list[DayCell]
    earlier: int  # visible events before the window (or loosely dated before its end)
    later: int  # visible events after the window
    loose: int  # visible loosely dated events overlapping the window but no single cell
    unit: str = "day"  # what one cell is: "day", "month" or "year"


class TimelineData:
    """A timeline with everything the app precomputes once (indexes, groups, strip)."""

    def __init__(self, timeline: Timeline, index: Index | None = None) -> None:
        # Building allocates many small objects and no cycles: the cyclic collector would
        # only rescan the whole timeline again and again (seconds at 100,000 events).
        with no_gc():
            self._build(timeline, index)

    def _build(self, timeline: Timeline, index: Index | None) -> None:
        self.timeline = timeline
        self.events = timeline.events
        self.index = index if index is not None else Index(timeline)
        self.position: dict[str, int] = {e.id: i for i, e in enumerate(self.events)}
        self.groups: list[Group] = []
        self.group_of: list[int] = []
        self.days: list[date | None] = []  # local day of day/time events, else None
        keys: dict[tuple[str, date], int] = {}
        for event in self.events:
            precision = event.start.precision
            if precision in ("day", "time"):
                day = local_day(event)
                key = ("day", day)
                self.days.append(day)
            else:
                key = (precision, event.start.day)
                self.days.append(None)
            group = keys.get(key)
            if group is None:
                group = keys[key] = len(self.groups)
                self.groups.append(Group(key[0], key[1], _group_label(*key)))
            self.group_of.append(group)
        self.stops = [i for i, e in enumerate(self.events) if e.kind == "stop" and e.place]
        # The trip's route: stops by day, then in the curator's file order (same-day stops
        # in different zones would otherwise sort by their local midnights).
        order = timeline.order
        route = sorted(self.stops, key=lambda i: (self.day_of(i), order.get(self.events[i].id, 0)))
        self.route: list[tuple[int, str]] = [
            (i, clean(self.events[i].place.name))  # type: ignore[union-attr]
            for i in route]
        self.route_days = [self.day_of(i) for i in route]
        self.route_position = {i: position for position, i in enumerate(route)}
        self._build_strip()
        self.values: dict[Facet, list[FacetValue]] = {f: self._facet_values(f) for f in FACETS}

    def day_of(self, index: int) -> date:
        """The event's local day (the first day of its period when only loosely dated)."""
        return self.days[index] or self.events[index].start.day

    def route_current(self, index: int | None) -> int | None:
        """Position in :attr:`route` of the stop the trip was at during event ``index``."""
        if index is None:
            return None
        position = self.route_position.get(index)
        if position is not None:
            return position
        position = bisect_right(self.route_days, self.day_of(index)) - 1
        return position if position >= 0 else None

    # -- the day strip --------------------------------------------------------------------
    def _build_strip(self) -> None:
        periods = [(day, day) if day is not None else
                   (event.start.day, _period_end(event.start.precision, event.start.day))
                   for day, event in zip(self.days, self.events, strict=True)]
        self.unit, self.window = _strip_cells([d for d in self.days if d is not None], periods)
        ends = [_cell_end(self.unit, first) for first in self.window]
        self.window_ends = ends
        size = self.index.size
        members: dict[int, list[int]] = {}
        before: list[int] = []
        after: list[int] = []
        loose: list[int] = []
        start = self.window[0] if self.window else None
        end = ends[-1] if ends else None
        for i in range(len(self.days)):
            if start is None or end is None:
                before.append(i)
                continue
            first, last = periods[i]
            if last < start:
                before.append(i)
            elif first > end:
                after.append(i)
            else:
                cell = bisect_right(self.window, first) - 1
                if cell >= 0 and last <= ends[cell]:  # wholly inside one cell
                    members.setdefault(cell, []).append(i)
                else:
                    loose.append(i)
        self.day_masks = [bits_from(members.get(c, []), size) for c in range(len(self.window))]
        self.before_mask = bits_from(before, size)
        self.after_mask = bits_from(after, size)
        self.loose_mask = bits_from(loose, size)

    def strip(self, bits: int) -> StripData:
        """Per-cell counts (and the dominant kind) of the events in ``bits``."""
        kinds = self.index.masks["kind"]
        cells = []
        for day, last, mask in zip(self.window, self.window_ends, self.day_masks,
                                   strict=True):
            chosen = bits & mask
            count = chosen.bit_count()
            kind = None
            if count:
                kind = max(kinds, key=lambda k: (chosen & kinds[k]).bit_count())
            cells.append(DayCell(day, count, kind, last))
        return StripData(cells, (bits & self.before_mask).bit_count(),
                         (bits & self.after_mask).bit_count(),
                         (bits & self.loose_mask).bit_count(), self.unit)

    # -- facets ---------------------------------------------------------------------------
    def _facet_values(self, facet: Facet) -> list[FacetValue]:
        masks = self.index.masks[facet]
        values = []
        for value, mask in masks.items():
            if facet == "country":
                label = f"{value} {country_name(value)}"
                search = " ".join([label, *country_names(value)])  # "turkey" finds TR
            elif facet == "actor":
                actor = self.timeline.actors.get(value)
                label = clean(actor.name) if actor else clean(value)
                search = " ".join([value, label, *(actor.aliases if actor else [])])
            else:
                label = f"{kind_marker(value)} {value}"
                search = value
            values.append(FacetValue(facet, value, label, fold(search), mask.bit_count()))
        values.sort(key=lambda v: (-v.total, v.label.casefold()))
        return values

    def value_label(self, facet: Facet, value: str) -> str:
        if facet == "actor":
            return clean(self.timeline.actor_name(value))
        return value

    def rows(self, query: Query) -> Rows:
        return Rows.build(self, query.select(self.index))


@dataclass(slots=True)
class Rows:
    """The visible events in time order, with a header row where the day changes."""

    visible: list[int]  # event indexes (into the sorted timeline), ascending
    rows: list[int]  # per screen row: an event index, or ~group for a header row
    event_row: list[int]  # the row of the k-th visible event
    group_starts: list[int]  # k of the first visible event under each header

    @classmethod
    def build(cls, data: TimelineData, visible: list[int]) -> Rows:
        rows: list[int] = []
        event_row: list[int] = []
        starts: list[int] = []
        group_of = data.group_of
        last = -1
        append_row = rows.append
        append_event = event_row.append
        for k, i in enumerate(visible):
            group = group_of[i]
            if group != last:
                append_row(~group)
                starts.append(k)
                last = group
            append_event(len(rows))
            append_row(i)
        return cls(visible, rows, event_row, starts)

    def find(self, event_index: int) -> int | None:
        """Position of the event among the visible ones, or None if it is hidden."""
        k = bisect_left(self.visible, event_index)
        if k < len(self.visible) and self.visible[k] == event_index:
            return k
        return None

    def nearest(self, data: TimelineData, event_index: int) -> int | None:
        """Position of the visible event nearest in time to ``event_index`` (any event)."""
        if not self.visible:
            return None
        k = bisect_left(self.visible, event_index)
        if k >= len(self.visible):
            return len(self.visible) - 1
        if k == 0:
            return 0
        instant = data.events[event_index].instant
        before = data.events[self.visible[k - 1]].instant
        after = data.events[self.visible[k]].instant
        return k - 1 if instant - before <= after - instant else k

    def nearest_instant(self, data: TimelineData, instant: datetime) -> int | None:
        """Position of the visible event nearest to ``instant``."""
        if not self.visible:
            return None
        events = data.events
        k = bisect_left(self.visible, instant, key=lambda i: events[i].instant)
        if k >= len(self.visible):
            return len(self.visible) - 1
        if k == 0:
            return 0
        before = events[self.visible[k - 1]].instant
        after = events[self.visible[k]].instant
        return k - 1 if instant - before <= after - instant else k

    def day_start(self, k: int, step: int) -> int:
        """Position of the first event of the previous (-1) or next (+1) header group."""
        g = bisect_left(self.group_starts, k + 1) - 1  # the group holding k
        target = min(max(g + step, 0), len(self.group_starts) - 1)
        return self.group_starts[target]


def _group_label(precision: str, day: date) -> str:
    if precision == "day":
        return day_label(day)
    if precision == "month":
        return f"{day:%B %Y} · date known to the month"
    return f"{day:%Y} · date known to the year"


def _period_end(precision: str, first: date) -> date:
    if precision == "year":
        return first.replace(month=12, day=31)
    following = first.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def _densest_window(dated: list[date], all_days: list[date]) -> tuple[date, date]:
    """The span of ``dated`` days, or its densest stretch of at most MAX_STRIP_DAYS days."""
    first, last = dated[0], dated[-1]
    if (last - first).days < MAX_STRIP_DAYS:
        return first, last
    days = sorted(all_days)
    best, best_start, j = 0, days[0], 0
    for i, start in enumerate(days):
        while j < len(days) and (days[j] - start).days < MAX_STRIP_DAYS:
            j += 1
        if j - i > best:
            best, best_start = j - i, start
    span = [d for d in dated if best_start <= d < best_start + timedelta(MAX_STRIP_DAYS)]
    return span[0], span[-1]


def _strip_cells(days: list[date], periods: list[tuple[date, date]]) -> tuple[str, list[date]]:
    """The strip's unit ("day", "month" or "year") and the first day of each cell.

    ``days`` are the day-precise events' days, ``periods`` every event's (first, last) day.
    Days while the day-precise events span less than MAX_STRIP_DAYS, or while their
    densest stretch of that many days holds at least DENSE_SHARE of all events (a trip
    inside a longer story); else months over every event's period, or years when even
    months would be more than MAX_STRIP_CELLS.
    """
    if days:
        dated = sorted(set(days))
        first, last = dated[0], dated[-1]
        if (last - first).days >= MAX_STRIP_DAYS:
            first, last = _densest_window(dated, days)
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


def _cell_end(unit: str, first: date) -> date:
    if unit == "day":
        return first
    return _period_end(unit, first)
