"""The filter pane: countries, actors and kinds with faceted counts, virtualised.

One Line-API list holds every facet value (a timeline may name thousands of actors), so
no widget is created per value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.app.linelist import LineList
from tui.app.timeline_view import KIND_CLASSES
from tui.app.viewmodel import FacetValue, TimelineData
from tui.data.query import FACETS, Facet, Index, Query

TITLES: dict[Facet, str] = {"country": "Countries", "actor": "Actors", "kind": "Kinds"}


class FacetCounts(Mapping[str, int]):
    """What :meth:`Query.counts` returns, counted per value when first asked for.

    The list only shows a screenful of values: counting those (one AND of two bitsets
    each) rather than every value of every facet spares tens of milliseconds per change
    when a timeline names thousands of actors.
    """

    def __init__(self, query: Query, index: Index, facet: Facet) -> None:
        self._masks = index.masks[facet]
        self._base = query.bits(index, skip=facet)
        self._all = self._base == index.all
        self._totals = index.totals[facet]
        self._known: dict[str, int] = {}

    def __getitem__(self, value: str) -> int:
        count = self._known.get(value)
        if count is None:
            mask = self._masks[value]  # KeyError for an unknown value, as a dict would
            count = self._totals[value] if self._all else (self._base & mask).bit_count()
            self._known[value] = count
        return count

    def __iter__(self) -> Iterator[str]:
        return iter(self._masks)

    def __len__(self) -> int:
        return len(self._masks)


class FacetList(LineList):
    """Headers and values; Space or Enter toggles the highlighted value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: at 80 columns "space Toggle" pushed "^s Export" and "q Quit"
        # off it whenever this pane had the focus (? help lists it).
        Binding("space,enter", "toggle", "Toggle", show=False, id="filters.toggle",
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
        self.counts: dict[Facet, Mapping[str, int]] = {f: {} for f in FACETS}
        self._data: TimelineData | None = None
        self._stops: list[int] = []
        self._stop_of: dict[tuple[Facet, str], int] = {}  # (facet, value) -> its stop

    def show(self, data: TimelineData, query: Query) -> None:
        """Show ``data``'s facet values with counts under ``query``, keeping the cursor."""
        previous = self.current
        self.filters = query
        self.counts = {facet: FacetCounts(query, data.index, facet) for facet in FACETS}
        if data is not self._data:  # the values only change with the timeline
            self._data = data
            entries: list[Facet | FacetValue] = []
            for facet in FACETS:
                if data.values[facet]:
                    entries.append(facet)
                    entries.extend(data.values[facet])
            self.entries = entries
            self._stops = [row for row, entry in enumerate(entries)
                           if isinstance(entry, FacetValue)]
            self._stop_of = {(entry.facet, entry.value): k
                             for k, entry in enumerate(map(entries.__getitem__, self._stops))
                             if isinstance(entry, FacetValue)}
        cursor = 0
        if previous is not None:
            cursor = self._stop_of.get((previous.facet, previous.value), 0)
        self.set_rows(len(self.entries), self._stops, cursor,
                      keep_screen_row=self.screen_row_of_cursor())

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
        return self.styled(self._cursor_class()) if selected else self.styled()

    def _cursor_class(self) -> str:
        return "facets--cursor" if self.has_focus else "facets--cursor-blurred"

    def render_row(self, row: int, width: int, selected: bool) -> list[Segment]:
        entry = self.entries[row]
        if not isinstance(entry, FacetValue):
            active = len(self.filters.values(entry))
            title = TITLES[entry] + (f" ({active} on)" if active else "")
            return [Segment(f" {title}", self.styled("facets--header"))]
        count = self.counts[entry.facet].get(entry.value, 0)
        active = entry.value in self.filters.values(entry.facet)
        mark = "✓" if active else " "
        classes: tuple[str, ...] = (self._cursor_class(),) if selected else ()
        if active:
            classes += ("facets--active",)
        elif not count:
            classes += ("facets--zero",)
        style = self.styled(*classes)
        number = str(count)
        room = max(0, width - len(number) - 5)
        label = entry.label
        if len(label) > room:
            label = label[: max(0, room - 1)] + "…" if room else ""
        segments = [Segment(f" {mark} ", style)]
        if entry.facet == "kind":
            segments.append(Segment(label[:1], self.styled(*classes, KIND_CLASSES[entry.value])))
            label = label[1:]
        segments.append(Segment(label.ljust(max(0, room - (1 if entry.facet == "kind" else 0))),
                                style))
        segments.append(Segment(f" {number} ", self.styled(*classes, "facets--count")))
        return segments
