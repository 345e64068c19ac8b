"""A virtualised list for the Line API: only visible lines are rendered, strips are cached.

Subclasses say how many rows there are, which rows can hold the cursor, and how to render
one row as segments. Rendering cost is independent of the list's length (toolong-style),
so 100,000 rows scroll and re-filter as quickly as 30.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.lazystyles import LazyComponentStyles
from tui.app.scrollbars import KeptScrollBars


class LineList(KeptScrollBars, LazyComponentStyles, ScrollView, can_focus=True):
    """Rows addressed by number; the cursor moves over "stops" (rows that can be chosen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
    ]

    cursor: reactive[int] = reactive(-1, init=False)
    """Index into :attr:`stops` of the highlighted row (-1: none)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.row_count = 0
        self.stops: list[int] = []  # rows that can hold the cursor, ascending
        self._cache: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._frame: tuple[int, int] | None = None  # (width, top row) while rendering

    # -- for subclasses -------------------------------------------------------------------
    def styled(self, *components: str) -> Style:
        """The widget's style with the given component classes over it, in order.

        Cached until the styles change: Textual drops its own component style cache on
        every refresh, and rows are rendered with these many times a frame.
        """
        style = self._styles.get(components)
        if style is None:
            # The widget's own style once (Textual works it out over every ancestor).
            style = self._styles.get(()) or self._styles.setdefault((), self.rich_style)
            for name in components:
                style += self.get_component_rich_style(name, partial=True)
            self._styles[components] = style
        return style

    def render_row(self, row: int, width: int, selected: bool) -> list[Segment]:
        raise NotImplementedError

    def render_empty(self, y: int, width: int) -> list[Segment]:
        """Line ``y`` of what to show when there are no rows."""
        return []

    # -- data -----------------------------------------------------------------------------
    def set_rows(self, row_count: int, stops: list[int], cursor: int, *,
                 keep_screen_row: int | None = None) -> None:
        """Replace the rows; keep the cursor row ``keep_screen_row`` lines from the top."""
        self.row_count = row_count
        self.stops = stops
        self._cache.clear()
        self._set_virtual_size(Size(self.size.width, row_count))
        self.set_reactive(LineList.cursor, cursor if stops else -1)
        if self.stops and keep_screen_row is not None:
            row = self.stops[self.cursor]
            self.scroll_to(y=max(0, row - keep_screen_row), animate=False, immediate=True)
        self.scroll_cursor_visible()
        self.refresh()

    def _set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size without asking for a layout pass.

        A ScrollView keeps its virtual size whatever the layout computes, so a new row
        count needs only the scrollbars updated (the path Textual takes on resize); a
        scrollbar appearing or going still lays the pane out (the text gets narrower).
        """
        if size != self.virtual_size:
            self.set_reactive(LineList.virtual_size, size)
            self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        # The list sets its own virtual size (rows): the one a layout pass computes is
        # ignored by ScrollView anyway, but comparing it would refresh the scrollbar (a
        # full repaint of it) on every layout pass anywhere on the screen.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def invalidate(self) -> None:
        """Drop cached strips (after styles or highlighted text change)."""
        self._cache.clear()
        self.refresh()

    @property
    def cursor_row(self) -> int | None:
        return self.stops[self.cursor] if 0 <= self.cursor < len(self.stops) else None

    def screen_row_of_cursor(self) -> int | None:
        """How many lines below the top of the view the cursor is (to restore it later)."""
        row = self.cursor_row
        return None if row is None else row - round(self.scroll_offset.y)

    # -- rendering ------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._set_virtual_size(Size(event.size.width, self.row_count))
        self._cache.clear()
        self.scroll_cursor_visible()

    def on_focus(self) -> None:
        self.invalidate()

    def on_blur(self) -> None:
        self.invalidate()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual asks render_line for each line of the crop: the width and the scroll
        # offset are the same for all of them (and the region takes a few
        # microseconds to work out: a tenth of a page's rendering, each line asking).
        self._frame = (self.scrollable_content_region.width, round(self.scroll_offset.y))
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        width, top = self._frame or (self.scrollable_content_region.width,
                                     round(self.scroll_offset.y))
        row = top + y
        if not self.row_count:
            return Strip(self.render_empty(y, width)).adjust_cell_length(width, self.styled())
        if row >= self.row_count:
            return Strip.blank(width, self.styled())
        selected = row == self.cursor_row
        key = (row, width, selected, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            # Segments carry complete styles (see styled()): no pass to apply the base.
            segments = self.render_row(row, width, selected)
            strip = Strip(segments).adjust_cell_length(width, self.row_fill(row, selected))
            self._cache[key] = strip
        return strip

    def row_fill(self, row: int, selected: bool) -> Style:
        """The style of the padding after a row's text (the cursor's colour on its row)."""
        return self.styled()

    # -- cursor ---------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        for cursor in (old, new):
            if 0 <= cursor < len(self.stops):
                self.refresh_line(self.stops[cursor])
        self.scroll_cursor_visible()

    def scroll_cursor_visible(self) -> None:
        row = self.cursor_row
        height = self.scrollable_content_region.height
        if row is None or height <= 0:
            return
        top = round(self.scroll_offset.y)
        # Show the header above the first event of a group when there is room.
        row_top = row
        if 0 <= row - 1 < top and self.stop_of_row(row - 1) is None:
            row_top = row - 1
        if row_top < top:
            self.scroll_to(y=row_top, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def move_cursor(self, cursor: int) -> None:
        if self.stops:
            self.cursor = min(max(cursor, 0), len(self.stops) - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.stops) - 1)

    def _page(self, direction: int) -> None:
        row = self.cursor_row
        if row is None:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        target = row + direction * height
        cursor = bisect_left(self.stops, target)
        if direction < 0 and (cursor >= len(self.stops) or self.stops[cursor] > target):
            cursor = max(cursor - 1, 0) if cursor < len(self.stops) else len(self.stops) - 1
        self.move_cursor(cursor)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def row_at(self, y: int) -> int | None:
        row = round(self.scroll_offset.y) + y
        return row if 0 <= row < self.row_count else None

    def stop_of_row(self, row: int) -> int | None:
        k = bisect_left(self.stops, row)
        return k if k < len(self.stops) and self.stops[k] == row else None

    def on_click(self, event: events.Click) -> None:
        row = self.row_at(event.y)
        if row is None:
            return
        stop = self.stop_of_row(row)
        if stop is not None:
            self.cursor = stop
            if event.chain >= 2:
                self.activate()

    def activate(self) -> None:
        """Enter (or a double click) on the cursor row."""

