"""The timeline pane: events in time order under day headers, virtualised (Line API)."""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.app.linelist import LineList
from tui.app.text import clean, kind_marker, match_spans, time_label
from tui.app.viewmodel import Rows, TimelineData
from tui.data.countries import country_name
from tui.data.records import KINDS

KIND_CLASSES = {kind: f"kind--{kind}" for kind in KINDS}
WIDE = 90  # from this width on, rows also show the country's name


class TimelineView(LineList):
    """Rows are the screen's :class:`Rows`; the cursor moves over event rows only.

    The screen watches :attr:`cursor` (see :attr:`event_index`) to follow the highlight.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Details", show=False, id="timeline.select",
                tooltip="Focus the detail pane on the highlighted event"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header", "timeline--rule", "timeline--time", "timeline--time-loose",
        "timeline--country", "timeline--cursor", "timeline--cursor-blurred",
        "timeline--match", "timeline--empty", "timeline--empty-hint",
        *KIND_CLASSES.values(),
    }

    class Selected(Message):
        """Enter (or a double click) on an event."""

        def __init__(self, event_index: int) -> None:
            super().__init__()
            self.event_index = event_index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: TimelineData | None = None
        self.rows = Rows([], [], [], [])
        self.needle = ""
        self.empty_lines: list[tuple[str, str]] = []
        # (event index, wide?) -> texts of its row: paging renders a screenful of new rows
        self._row_texts: dict[tuple[int, bool], tuple[str, bool, str, str, str]] = {}

    def show(self, data: TimelineData, rows: Rows, cursor: int, needle: str,
             keep_screen_row: int | None = None) -> None:
        """Display ``rows`` with the ``cursor``-th visible event highlighted."""
        if data is not self.data:
            self._row_texts.clear()
        self.data = data
        self.rows = rows
        self.needle = needle
        self.set_rows(len(rows.rows), rows.event_row, cursor, keep_screen_row=keep_screen_row)

    @property
    def event_index(self) -> int | None:
        """The highlighted event (index into the sorted timeline), if any."""
        if 0 <= self.cursor < len(self.rows.visible):
            return self.rows.visible[self.cursor]
        return None

    def activate(self) -> None:
        index = self.event_index
        if index is not None:
            self.post_message(self.Selected(index))

    def action_select(self) -> None:
        self.activate()

    def row_fill(self, row: int, selected: bool) -> Style:
        return self.styled(self._cursor_class()) if selected else self.styled()

    def _cursor_class(self) -> str:
        return "timeline--cursor" if self.has_focus else "timeline--cursor-blurred"

    def render_empty(self, y: int, width: int) -> list[Segment]:
        if y - 1 < 0 or y - 1 >= len(self.empty_lines):
            return []
        text, component = self.empty_lines[y - 1]
        return [Segment("  " + text[: max(0, width - 2)], self.styled(component))]

    def _texts(self, index: int, width: int) -> tuple[str, bool, str, str, str]:
        """An event's row texts: time, loosely dated?, kind marker, country, title."""
        key = (index, width >= WIDE)
        found = self._row_texts.get(key)
        if found is None:
            assert self.data is not None
            event = self.data.events[index]
            country = event.country or "··"
            if width >= WIDE:
                name = country_name(country) if event.country else ""
                labelled = f"{country} {name}"
                # Cut with an ellipsis: "US United Stat" read as a name of its own.
                country = (labelled if len(labelled) <= 14 else labelled[:13] + "…").ljust(14)
            if len(self._row_texts) >= 4096:  # rows seen recently; cheap to rebuild
                self._row_texts.clear()
            found = self._row_texts[key] = (time_label(event), event.start.precision != "time",
                                            kind_marker(event.kind), country, clean(event.title))
        return found

    def render_row(self, row: int, width: int, selected: bool) -> list[Segment]:
        data = self.data
        assert data is not None
        value = self.rows.rows[row]
        if value < 0:
            return self._render_header(~value, row, width)
        moment, loose, marker, country, title = self._texts(value, width)
        time_class = "timeline--time-loose" if loose else "timeline--time"
        if selected:
            cursor = self._cursor_class()
            base = self.styled(cursor)
            moment_style = self.styled(cursor, time_class)
            kind_style = country_style = base
        else:
            base = self.styled()
            moment_style = self.styled(time_class)
            kind_style = self.styled(KIND_CLASSES[data.events[value].kind])
            country_style = self.styled("timeline--country")
        segments = [
            Segment(" ", base),
            Segment(moment, moment_style),
            Segment(" ", base),
            Segment(marker, kind_style),
            Segment(" ", base),
            Segment(country + " ", country_style),
        ]
        used = 1 + 6 + 1 + 1 + 1 + len(country) + 1
        room = max(0, width - used - 1)
        if len(title) > room:
            title = title[: max(0, room - 1)] + "…" if room else ""
        segments.extend(self._highlight(title, base, selected))
        return segments

    def _highlight(self, text: str, base: Style, selected: bool) -> list[Segment]:
        if not self.needle:
            return [Segment(text, base)]
        match = self.styled(self._cursor_class(), "timeline--match") if selected \
            else self.styled("timeline--match")
        segments = []
        position = 0
        for start, end in match_spans(text, self.needle):
            segments.append(Segment(text[position:start], base))
            segments.append(Segment(text[start:end], match))
            position = end
        segments.append(Segment(text[position:], base))
        return segments

    def _render_header(self, group: int, row: int, width: int) -> list[Segment]:
        data = self.data
        assert data is not None
        label = data.groups[group].label
        k = self.stop_of_row(row + 1)
        count = 0
        if k is not None:
            starts = self.rows.group_starts
            g = bisect_right(starts, k) - 1
            end = starts[g + 1] if g + 1 < len(starts) else len(self.rows.visible)
            count = end - k
        tail = f" {count} event{'s' if count != 1 else ''} "
        head = f" {label} "
        rule = max(0, width - len(head) - len(tail) - 1)
        return [
            Segment(head, self.styled("timeline--header")),
            Segment("─" * rule, self.styled("timeline--rule")),
            Segment(tail, self.styled("timeline--rule")),
        ]
