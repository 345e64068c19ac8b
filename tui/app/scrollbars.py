"""Scrollbars that keep their lines while what they show stays the same.

Textual draws a scrollbar again whenever its position changes, through the full per-line
pipeline (about 35 microseconds a line): paging a 100,000-event timeline redrew its
whole bar on every key although the thumb, a cell tall, had not moved. A
:class:`KeptScrollBar` works out what it would draw (the bar's segments, which carry
the thumb's place and size and the theme's colours) and hands back the lines it drew
for the same segments last time. Whatever else goes into a scrollbar's lines (its size,
the region asked for, the app's line filters and ANSI theme) is part of the key too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.scrollbar import ScrollBar, ScrollBarRender

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.strip import Strip

KEPT = 8  # drawings kept per bar: the few states it goes back and forth between


class KeptScrollBar(ScrollBar):
    """A :class:`ScrollBar` whose drawn lines are reused while its drawing is the same."""

    def __init__(self, vertical: bool = True, name: str | None = None, *,
                 thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._kept: dict[tuple[Any, ...], list[Strip]] = {}

    def _drawing(self) -> tuple[Any, ...] | None:
        """What the bar draws, as ``render`` would have Textual draw it (None: unknown)."""
        renderable = self.render()
        if type(renderable) is not ScrollBarRender:
            return None  # another renderer: no shortcut
        width, height = self.size
        size, thickness = (height, width) if renderable.vertical else (width, height)
        style = renderable.style
        if isinstance(style, str) or style.bgcolor is None or style.color is None:
            return None  # not what ScrollBar.render makes: no shortcut
        # The arguments ScrollBarRender.__rich_console__ passes.
        bar = renderable.render_bar(
            size=size, window_size=renderable.window_size,
            virtual_size=renderable.virtual_size, position=renderable.position,
            vertical=renderable.vertical, thickness=thickness,
            back_color=style.bgcolor, bar_color=style.color)
        return tuple(bar.segments)

    def render_lines(self, crop: Region) -> list[Strip]:
        drawing = self._drawing()
        if drawing is None:
            return super().render_lines(crop)
        app = self.app
        key = (crop, self.size, drawing, tuple(map(id, self.get_line_filters())),
               id(app.ansi_theme), self.opacity)
        lines = self._kept.get(key)
        if lines is None:
            lines = super().render_lines(crop)
            if len(self._kept) >= KEPT:
                self._kept.clear()
            self._kept[key] = lines
        return lines


class KeptScrollBars:
    """For scrolling widgets: their vertical scrollbar is a :class:`KeptScrollBar`.

    Textual's ``Widget.vertical_scrollbar``, making the subclass; relies on Textual's
    private ``_vertical_scrollbar`` and ``App._start_widget`` (Textual is pinned, and
    tests/app/test_scrollbars.py checks the bars draw what Textual's draw).
    """

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        widget: Any = self
        if widget._vertical_scrollbar is None:
            bar = KeptScrollBar(vertical=True, name="vertical",
                                thickness=widget.scrollbar_size_vertical)
            bar.display = False
            widget._vertical_scrollbar = bar
            widget.app._start_widget(widget, bar)
        return widget._vertical_scrollbar
