"""What the screen shows, computed from a timeline and a query without Textual.

:class:`TimelineData` is built once per timeline: the day groups, the day-strip window and
its per-day bitsets, the trip's stops and the facet value labels. :class:`Rows` is built
once per query: the visible events interleaved with day headers. Both work on the bitsets
of :mod:`tui.data.query`, so filtering never walks the events' text.

The small immutable records here are NamedTuples rather than frozen dataclasses: a
dataclass is built by compiling generated code at import, about 0.3 ms each, and these
are imported by every start-up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, timedelta
from itertools import compress, repeat
from operator import and_, attrgetter, eq, truth
from typing import TYPE_CHECKING, NamedTuple

from tui.app.text import clean, day_label, kind_marker
from tui.data import derived
from tui.data.countries import country_name, country_names
from tui.data.dates import period_end
from tui.data.facetmasks import value_masks
from tui.data.load import Timeline, no_gc
from tui.data.query import FACETS, Facet, Index, Query, fold

if TYPE_CHECKING:
    from tui.data.records import Event

MAX_STRIP_DAYS = 120  # a longer span of dated events is shown as its densest window...
DENSE_SHARE = 0.5  # ...if that window holds this share of them, else as months or years
MAX_STRIP_CELLS = 240  # months beyond this (20 years) are shown as years


class Group(NamedTuple):
    """A day header (or a month/year header for loosely dated events)."""

    precision: str  # "day", "month" or "year"
    day: date  # the day, or the first day of the month or year
    label: str


class FacetValue(NamedTuple):
    facet: Facet
    value: str
    label: str  # what lists show, e.g. "TR Türkiye"
    search: str  # folded text that pickers match typed text against
    total: int  # events with this value, ignoring every filter


class DayCell(NamedTuple):
    """One cell of the strip: a day, or a month or year when the timeline spans years."""

    day: date  # the cell's first day
    count: int
    kind: str | None  # the most frequent kind in the cell, for its colour
    last: date  # the cell's last day (== day for a day cell)


class StripData(NamedTuple):
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
        # C-level passes (map, zip, dict.fromkeys) over the events, Python loops only over
        # the distinct day groups: a loop over 100,000 events costs about 0.1 s each.
        self.timeline = timeline
        events = self.events = timeline.events
        self.index = index if index is not None else Index(timeline)
        self.position: dict[str, int] = dict(zip(map(attrgetter("id"), events),
                                                 range(len(events)), strict=True))
        starts = list(map(attrgetter("start"), events))
        # Each event's local day, None if loosely dated (kept by the cache, or computed).
        self.days: list[date | None] = derived.kept(timeline, "days") \
            or derived.local_days(events, starts)
        # Each event's header: its local day, else (precision, first day of the period).
        keys: list[date | tuple[str, date]] = [
            day if day is not None else (start.precision, start.day)
            for day, start in zip(self.days, starts, strict=True)]
        slots = dict.fromkeys(keys)  # in order of first appearance
        slots.update(zip(slots, range(len(slots)), strict=True))
        self.groups: list[Group] = [
            Group("day", key, _group_label("day", key)) if isinstance(key, date)
            else Group(*key, _group_label(*key)) for key in slots]
        self.group_of: list[int] = list(map(slots.__getitem__, keys))  # type: ignore[arg-type]
        del keys, slots
        is_stop = map(eq, map(attrgetter("kind"), events), repeat("stop"))
        has_place = map(truth, map(attrgetter("place"), events))
        self.stops = list(compress(range(len(events)), map(and_, is_stop, has_place)))
        # The trip's route: stops by day, then in the curator's file order (same-day stops
        # in different zones would otherwise sort by their local midnights).
        ids = map(attrgetter("id"), map(events.__getitem__, self.stops))
        route = sorted(zip(map(self.day_of, self.stops), map(timeline.order.get, ids, repeat(0)),
                           self.stops, strict=True))
        names: dict[str, str] = {}  # place names repeat: clean each once
        self.route: list[tuple[int, str]] = []
        for _, _, i in route:
            name = self.events[i].place.name  # type: ignore[union-attr]
            shown = names.get(name)
            if shown is None:
                shown = names[name] = clean(name)
            self.route.append((i, shown))
        self.route_days = [day for day, _, _ in route]
        self.route_position = {i: position for position, (_, _, i) in enumerate(route)}
        self._build_strip()
        self.values: dict[Facet, list[FacetValue]] = {f: self._facet_values(f) for f in FACETS}
        self._linked_from: dict[str, list[tuple[str, int]]] | None = None  # see linked_from

    @property
    def links_indexed(self) -> bool:
        """Whether :meth:`linked_from` has its index (asking is then a dict lookup)."""
        return self._linked_from is not None

    def linked_from(self, event_id: str) -> list[tuple[str, int]]:
        """The events whose links point to ``event_id``: (rel, event index), in timeline
        order. Links are stored one way; the reverse index is built when first asked."""
        back = self._linked_from
        if back is None:  # some 20 ms at 100,000 events (a third with links)
            back = self._linked_from = _reverse_links(self.events)
        return back.get(event_id, [])

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
        # Per day group, not per event: a group's events share their period (first, last).
        groups = self.groups
        counts = Counter(self.group_of)
        periods = [(group.day, group.day) if group.precision == "day"
                   else (group.day, period_end(group.precision, group.day))
                   for group in groups]
        weights = [counts[g] for g in range(len(groups))]
        dated = {group.day: weight for group, weight in zip(groups, weights, strict=True)
                 if group.precision == "day"}
        self.unit, self.window = _strip_cells(dated, periods, weights)
        ends = [_cell_end(self.unit, first) for first in self.window]
        self.window_ends = ends
        start = self.window[0] if self.window else None
        end = ends[-1] if ends else None
        cell_of: list[int] = []  # per group: its cell, or _BEFORE, _AFTER, _LOOSE
        for first, last in periods:
            if start is None or end is None or last < start:
                cell_of.append(_BEFORE)
            elif first > end:
                cell_of.append(_AFTER)
            else:
                cell = bisect_right(self.window, first) - 1
                # wholly inside one cell, or overlapping the window but no single cell
                cell_of.append(cell if cell >= 0 and last <= ends[cell] else _LOOSE)
        masks = value_masks(list(map(cell_of.__getitem__, self.group_of)), self.index.size)
        self.day_masks = [masks.get(c, 0) for c in range(len(self.window))]
        self.before_mask = masks.get(_BEFORE, 0)
        self.after_mask = masks.get(_AFTER, 0)
        self.loose_mask = masks.get(_LOOSE, 0)

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
        totals = self.index.totals[facet]
        values = []
        for value in self.index.masks[facet]:  # its keys: actors' masks are built when asked
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
            values.append(FacetValue(facet, value, label, fold(search), totals[value]))
        values.sort(key=lambda v: (-v.total, v.label.casefold()))
        return values

    def value_label(self, facet: Facet, value: str) -> str:
        if facet == "actor":
            return clean(self.timeline.actor_name(value))
        return value

    def rows(self, query: Query) -> Rows:
        return Rows.build(self, query.select(self.index))


class Rows(NamedTuple):
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

    def nearest_to(self, data: TimelineData, event: Event) -> int | None:
        """Position of the visible event nearest to ``event`` (one the timeline may not
        have: gone after a reload), where the timeline's order would put it."""
        if not self.visible:
            return None
        events, days = data.events, data.days
        key = derived.sort_key(event, derived.local_days([event])[0])
        k = bisect_left(self.visible, key, key=lambda i: derived.sort_key(events[i], days[i]))
        instant = event.instant
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


_BEFORE, _AFTER, _LOOSE = -1, -2, -3  # where an event is against the strip's window


def _reverse_links(events: list[Event]) -> dict[str, list[tuple[str, int]]]:
    """Target id -> (rel, index) of each event linking to it, in the events' order."""
    back: dict[str, list[tuple[str, int]]] = {}
    # A C-level pass picks the events with links: only those reach the Python loop.
    for i in compress(range(len(events)), map(attrgetter("links"), events)):
        for link in events[i].links:
            back.setdefault(link.to, []).append((link.rel, i))
    return back


def _group_label(precision: str, day: date) -> str:
    if precision == "day":
        return day_label(day)
    if precision == "month":
        return f"{day:%B %Y} · date known to the month"
    return f"{day:%Y} · date known to the year"


def _densest_window(dated: list[date], counts: dict[date, int]) -> tuple[date, date]:
    """The span of the ``dated`` days (sorted, each with ``counts`` events), or its densest
    stretch of at most MAX_STRIP_DAYS days (the earliest, if several are as dense)."""
    first, last = dated[0], dated[-1]
    if (last - first).days < MAX_STRIP_DAYS:
        return first, last
    best, best_start, j, inside = 0, first, 0, 0
    for start in dated:  # inside: the events from start on, up to dated[j] (excluded)
        while j < len(dated) and (dated[j] - start).days < MAX_STRIP_DAYS:
            inside += counts[dated[j]]
            j += 1
        if inside > best:
            best, best_start = inside, start
        inside -= counts[start]
    span = [d for d in dated if best_start <= d < best_start + timedelta(MAX_STRIP_DAYS)]
    return span[0], span[-1]


def _strip_cells(dated: dict[date, int], periods: list[tuple[date, date]],
                 counts: list[int]) -> tuple[str, list[date]]:
    """The strip's unit ("day", "month" or "year") and the first day of each cell.

    ``dated``: the days of day-precise events, with how many are on each; ``periods``:
    the (first, last) day of each group of events, ``counts`` how many it holds.
    Days while the day-precise events span less than MAX_STRIP_DAYS, or while their
    densest stretch of that many days holds at least DENSE_SHARE of all events (a trip
    inside a longer story); else months over every event's period, or years when even
    months would be more than MAX_STRIP_CELLS.
    """
    if dated:
        days = sorted(dated)
        first, last = days[0], days[-1]
        if (last - first).days >= MAX_STRIP_DAYS:
            first, last = _densest_window(days, dated)
        inside = sum(count for (start, end), count in zip(periods, counts, strict=True)
                     if first <= start and end <= last)
        if inside >= DENSE_SHARE * sum(counts):
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
    return period_end(unit, first)
