"""The filter pane: countries, actors and kinds with faceted counts, virtualised.

One Line-API list holds every facet value (a timeline may name thousands of actors), so
no widget is created per value.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.app.linelist import LineList
from tui.app.timeline_view import KIND_CLASSES
from tui.app.viewmodel import FacetValue, TimelineData
from tui.data.query import FACETS, Facet, Query

TITLES: dict[Facet, str] = {"country": "Countries", "actor": "Actors", "kind": "Kinds"}


class FacetList(LineList):
    """Headers and values; Space or Enter toggles the highlighted value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "toggle", "Toggle", id="filters.toggle",
                tooltip="Add or remove the highlighted value as a filter"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "facets--header", "facets--active", "facets--zero", "facets--count",
        "facets--cursor", "facets--cursor-blurred", *KIND_CLASSES.values(),
    }

    class Toggled(Message):
        """The user toggled a facet value."""

        def __init__(self, facet: Facet, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Facet | FacetValue] = []
        self.filters = Query()
        self.counts: dict[Facet, dict[str, int]] = {f: {} for f in FACETS}

    def show(self, data: TimelineData, query: Query) -> None:
        """Show ``data``'s facet values with counts under ``query``, keeping the cursor."""
        previous = self.current
        self.filters = query
        self.counts = {facet: query.counts(data.index, facet) for facet in FACETS}
        entries: list[Facet | FacetValue] = []
        for facet in FACETS:
            if data.values[facet]:
                entries.append(facet)
                entries.extend(data.values[facet])
        self.entries = entries
        stops = [row for row, entry in enumerate(entries) if isinstance(entry, FacetValue)]
        cursor = 0
        if previous is not None:
            for k, row in enumerate(stops):
                entry = entries[row]
                assert isinstance(entry, FacetValue)
                if (entry.facet, entry.value) == (previous.facet, previous.value):
                    cursor = k
                    break
        self.set_rows(len(entries), stops, cursor, keep_screen_row=self.screen_row_of_cursor())

    @property
    def current(self) -> FacetValue | None:
        row = self.cursor_row
        entry = self.entries[row] if row is not None and row < len(self.entries) else None
        return entry if isinstance(entry, FacetValue) else None

    def action_toggle(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Toggled(entry.facet, entry.value))

    def activate(self) -> None:
        self.action_toggle()

    def on_click(self, event: events.Click) -> None:
        # A filter list behaves like checkboxes: one click toggles the value.
        event.prevent_default()
        row = self.row_at(event.y)
        stop = self.stop_of_row(row) if row is not None else None
        if stop is not None:
            self.cursor = stop
            self.action_toggle()

    def row_fill(self, row: int, selected: bool) -> Style:
        if not selected:
            return Style()
        return self._style("facets--cursor" if self.has_focus else "facets--cursor-blurred")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render_row(self, row: int, width: int, selected: bool) -> list[Segment]:
        entry = self.entries[row]
        if not isinstance(entry, FacetValue):
            active = len(self.filters.values(entry))
            title = TITLES[entry] + (f" ({active} on)" if active else "")
            return [Segment(f" {title}", self._style("facets--header"))]
        base = Style()
        if selected:
            base = self._style("facets--cursor" if self.has_focus else "facets--cursor-blurred")
        count = self.counts[entry.facet].get(entry.value, 0)
        active = entry.value in self.filters.values(entry.facet)
        mark = "✓" if active else " "
        style = base
        if active:
            style += self._style("facets--active")
        elif not count:
            style += self._style("facets--zero")
        number = str(count)
        room = max(0, width - len(number) - 5)
        label = entry.label
        if len(label) > room:
            label = label[: max(0, room - 1)] + "…" if room else ""
        segments = [Segment(f" {mark} ", style)]
        if entry.facet == "kind":
            segments.append(Segment(label[:1], style + self._style(KIND_CLASSES[entry.value])))
            label = label[1:]
        segments.append(Segment(label.ljust(max(0, room - (1 if entry.facet == "kind" else 0))),
                                style))
        segments.append(Segment(f" {number} ", style + self._style("facets--count")))
        return segments
