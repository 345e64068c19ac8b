"""One-line bars: the day strip, the trip route and the status line (with clickable parts)."""

from __future__ import annotations

from datetime import date
from math import ceil
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from tui.app.lazystyles import LazyComponentStyles
from tui.app.statusfit import REMOVE, SEPARATOR, ActiveFilter, fit_filters
from tui.app.text import clean, period_label
from tui.app.timeline_view import KIND_CLASSES
from tui.app.viewmodel import StripData, TimelineData
from tui.data.query import Query

LEVELS = "▁▂▃▄▅▆▇█"


class Bar(LazyComponentStyles, Widget):
    """A one-line widget whose rendered pieces can carry a click payload.

    Drawn with the Line API: the pieces become one strip of segments, styled once per
    restyle. Through a Content, Textual wrapped and re-styled the line on each repaint
    (about 0.7 ms a bar, twice a page down: the strip and the route follow the cursor).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: list[tuple[int, int, Any]] = []
        self._rich: dict[Style | None, RichStyle] = {}  # piece style -> segment style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich.clear()

    def _style(self, name: str) -> Style:
        return self.component_style(name)

    def _build(self, width: int) -> tuple[list[tuple[str, Style | None, Any]], str]:
        """Pieces (text, style, click payload) and an alignment for the line."""
        return [], "left"

    def _segment_style(self, style: Style | None) -> RichStyle:
        found = self._rich.get(style)
        if found is None:
            # As a Content would draw it: the piece's style over the bar's own.
            found = self._rich[style] = (self.visual_style + style).rich_style \
                if style is not None else self.visual_style.rich_style
        return found

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self._segment_style(None)
        if y or width <= 0:
            return Strip.blank(width, base)
        pieces, _ = self._build(width)
        self._targets = []
        # Neighbours in one style are one segment: the day strip's cells are mostly alike,
        # and each is a style change the terminal is sent (the strip was 1 KB a frame).
        runs: list[tuple[str, Style | None]] = []
        x = 0
        for text, style, payload in pieces:
            if runs and runs[-1][1] is style:
                runs[-1] = (runs[-1][0] + text, style)
            else:
                runs.append((text, style))
            cells = cell_len(text)  # a click's x is in cells (a wide character takes two)
            if payload is not None:
                self._targets.append((x, x + cells, payload))
            x += cells
        strip = Strip([Segment(text, self._segment_style(style)) for text, style in runs])
        if strip.cell_length > width:  # an ellipsis in the style of the cell it replaces
            *_, (_, style, _) = strip.crop(0, width)
            strip = Strip([*strip.crop(0, width - 1), Segment("…", style)])
        return strip.adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        for start, end, payload in self._targets:
            if start <= event.x < end:
                self.clicked(payload)
                return

    def clicked(self, payload: Any) -> None:
        """A piece with a payload was clicked."""


class DayStrip(Bar):
    """Event counts per day of the dense window, coloured by each day's main kind.

    A timeline spread over years has no dense window: its cells are months or years.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "strip--label", "strip--empty", "strip--current", *KIND_CLASSES.values(),
    }

    class DayChosen(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: StripData | None = None
        self.current: date | None = None

    def show(self, data: StripData | None, current: date | None) -> None:
        if data is self.data and current == self.current:
            return  # paging mostly stays within a day: nothing to repaint
        self.data, self.current = data, current
        self.refresh()

    def _build(self, width: int) -> tuple[list[tuple[str, Style | None, Any]], str]:
        data = self.data
        if data is None or not data.cells:
            return [], "left"
        label = self._style("strip--label")
        left = f"‹ {data.earlier} earlier " if data.earlier else ""
        right = f" {period_label(data.unit, data.cells[0].day, year=False)} – " \
                f"{period_label(data.unit, data.cells[-1].day, year=False)}"
        if data.loose:
            right += f" · ≈{data.loose} loosely dated"
        if data.later:
            right += f" · {data.later} later ›"
        room = width - len(left) - len(right)
        if room < 8:  # too narrow for labels: cells only
            left = right = ""
            room = width
        days = len(data.cells)
        per_cell = max(1, ceil(days / max(room, 1)))
        cells = [data.cells[i:i + per_cell] for i in range(0, days, per_cell)]
        cell_width = max(1, min(3, room // max(len(cells), 1)))
        top = max((sum(c.count for c in cell) for cell in cells), default=0)
        pieces: list[tuple[str, Style | None, Any]] = [(left, label, None)] if left else []
        for cell in cells:
            count = sum(c.count for c in cell)
            current = self.current is not None and cell[0].day <= self.current <= cell[-1].last
            first = cell[0].day
            if count:
                glyph = LEVELS[min(len(LEVELS) - 1, ceil(count / top * len(LEVELS)) - 1)]
                kinds = [c.kind for c in cell if c.kind]
                style = self._style(KIND_CLASSES[max(kinds, key=kinds.count)])
            else:
                glyph, style = "·", self._style("strip--empty")
            if current:
                style += self._style("strip--current")
            pieces.append((glyph * cell_width, style, first))
        if right:
            pieces.append((right, label, None))
        return pieces, "left"

    def clicked(self, payload: Any) -> None:
        self.post_message(self.DayChosen(payload))


class RouteBar(Bar):
    """The trip's stops in order ("Ankara → Tokyo → Seoul"), the current one marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "route--label", "route--stop", "route--current", "route--hidden", "route--arrow",
    }

    class StopChosen(Message):
        def __init__(self, event_index: int) -> None:
            super().__init__()
            self.event_index = event_index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stops: list[tuple[int, str]] = []  # (event index, place name) in trip order
        self.current: int | None = None  # position in stops
        self._widths: list[int] = []  # the stops' names' lengths
        self.visible_bits = 0

    def show(self, data: TimelineData | None, highlighted: int | None, visible_bits: int) -> None:
        stops = data.route if data is not None else []
        current = data.route_current(highlighted) if data is not None else None
        if stops is self.stops and current == self.current \
                and visible_bits == self.visible_bits:
            return  # between the same two stops: nothing to repaint
        if stops is not self.stops:  # a long trip (thousands of stops): once, not per frame
            self._widths = [len(name) for _, name in stops]
        self.stops, self.current, self.visible_bits = stops, current, visible_bits
        self.set_class(not self.stops, "-empty")
        self.refresh()

    def _build(self, width: int) -> tuple[list[tuple[str, Style | None, Any]], str]:
        if not self.stops:
            return [], "left"
        arrow = (" → ", self._style("route--arrow"), None)
        pieces: list[tuple[str, Style | None, Any]] = []
        widths = self._widths
        # Grow a window of stops around the current one while it fits (O(stops shown)).
        current = self.current if self.current is not None else 0
        first = last = current
        used = 7 + widths[current] + 4  # " Route ", the stop, room for "… → "
        while True:
            grown = False
            for side in (1, -1):
                candidate = last + 1 if side > 0 else first - 1
                if 0 <= candidate < len(widths) and used + widths[candidate] + 3 <= width:
                    used += widths[candidate] + 3
                    first, last = min(first, candidate), max(last, candidate)
                    grown = True
            if not grown:
                break
        pieces.append((" Route ", self._style("route--label"), None))
        if first > 0:
            pieces.extend([("…", self._style("route--arrow"), None), arrow])
        for position in range(first, last + 1):
            index, name = self.stops[position]
            if position == self.current:
                style = self._style("route--current")
            elif self.visible_bits >> index & 1:
                style = self._style("route--stop")
            else:
                style = self._style("route--hidden")
            pieces.append((name, style, index))
            if position < last:
                pieces.append(arrow)
        if last < len(widths) - 1:
            pieces.extend([arrow, ("…", self._style("route--arrow"), None)])
        return pieces, "left"

    def clicked(self, payload: Any) -> None:
        self.post_message(self.StopChosen(payload))


class StatusLine(Bar):
    """"12 of 31 events · country: TR, IN ✕ · search: 'x' ✕" (click ✕ to remove one).

    A narrow terminal shortens the labels, never the count or a ✕ (see fit_filters).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--count", "status--filter", "status--remove", "status--hint", "status--empty",
    }

    class RemoveFilter(Message):
        def __init__(self, facet: str) -> None:
            super().__init__()
            self.facet = facet

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = 0
        self.total = 0
        # Not ``loading``: that is Widget's reactive, which would cover the line with a
        # LoadingIndicator (and mount and animate one before the first frame).
        self.awaiting_data = True  # until show() is given the timeline's data
        self.filters: list[ActiveFilter] = []
        self.reference = "UTC"
        self.no_country = 0  # events hidden by the country filter only for having none

    def show(self, shown: int, total: int, query: Query, data: TimelineData | None,
             reference: str) -> None:
        self.shown, self.total, self.reference = shown, total, reference
        self.awaiting_data = data is None  # a file still loading has no count yet
        self.filters = []
        # A country filter cannot match an event without a place: say so, not silently.
        self.no_country = query.hidden_without_country(data.index) if data is not None else 0
        if data is not None:
            for facet in ("country", "actor", "kind"):
                values = query.values(facet)  # type: ignore[arg-type]
                if values:
                    labels = sorted(clean(data.value_label(facet, v))  # type: ignore[arg-type]
                                    for v in values)
                    self.filters.append(ActiveFilter(facet, tuple(labels)))
        if query.search.strip():
            self.filters.append(ActiveFilter("search", (f"“{clean(query.search.strip())}”",)))
        self.refresh()

    @property
    def text(self) -> str:
        """The status line as plain text (what tests and screen readers see)."""
        pieces, _ = self._build(0)  # no room: no padding and no key hint
        return "".join(text for text, _, _ in pieces).strip()

    def _build(self, width: int) -> tuple[list[tuple[str, Style | None, Any]], str]:
        events_word = "event" if self.total == 1 else "events"
        count_style = self._style("status--empty" if not self.shown else "status--count")
        count = " loading…" if self.awaiting_data else \
            f" {self.shown:,} of {self.total:,} {events_word}"
        pieces: list[tuple[str, Style | None, Any]] = [(count, count_style, None)]
        hidden = self.no_country if any(f.facet == "country" for f in self.filters) else 0
        labels, note = fit_filters(max(width - cell_len(count), 1) if width > 0 else 0,
                                   self.filters, hidden)
        for item, label in zip(self.filters, labels, strict=True):
            pieces.append((SEPARATOR, None, None))
            pieces.append((label, self._style("status--filter"), None))
            pieces.append((REMOVE, self._style("status--remove"), item.facet))
            if item.facet == "country" and note:
                pieces.append((note, self._style("status--hint"), None))
        used = sum(cell_len(text) for text, _, _ in pieces)
        zone = "UTC" if self.reference == "UTC" else "local time"
        hint = f"times: {zone} · ? help "
        if used + len(hint) + 2 <= width:
            pieces.append((" " * (width - used - len(hint)), None, None))
            pieces.append((hint, self._style("status--hint"), None))
        return pieces, "left"

    def clicked(self, payload: Any) -> None:
        self.post_message(self.RemoveFilter(payload))
