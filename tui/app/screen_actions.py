"""The screen's own key actions (search, pickers, detail, zone, days, back, edit, help),
and the search bar they open and close.

:class:`ScreenActions` is a mixin for :class:`~tui.app.screen.TimelineScreen`, which keeps
the bindings, the reactive state, the message handlers and the operations these call
(:meth:`~tui.app.screen.TimelineScreen.jump_to`, ``_open_detail``, ``_layout``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widgets import Footer, Input, Label

from tui.app.detail import DetailPane
from tui.app.reload import LiveReload
from tui.app.timeline_view import TimelineView
from tui.data.query import Facet, Query

if TYPE_CHECKING:
    from tui.app.screen import TimelineScreen


# What the search box says while empty, longest first: the first that fits is shown.
SEARCH_HINTS = (
    "titles, summaries, quotes, actors, places, tags · Enter keeps it · Esc clears it",
    "titles, summaries, quotes, actors, places, tags · Esc clears it",
    "titles, summaries, quotes, actors, places, tags",
    "titles, quotes, actors, places, tags",
    "titles, quotes, places, tags",
)
SEARCH_LABEL = "Search "  # before the box, with a column of padding (app.tcss)


def search_hint(width: int) -> str:
    """The longest search hint that fits a screen ``width`` columns wide."""
    room = width - len(SEARCH_LABEL) - 1 - 1  # the label, its padding, the cursor
    return next((hint for hint in SEARCH_HINTS if len(hint) <= room), SEARCH_HINTS[-1])


class ScreenActions:
    """The ``action_*`` methods of :class:`~tui.app.screen.TimelineScreen`."""

    # -- the search bar: opened by `/`, closed by Enter (kept) or Escape (cleared) ---------
    def open_search(self: TimelineScreen) -> Input:
        """Show the search bar (mounting it the first time) and return its box."""
        search = self.search_box
        if search is None:
            search = self.search_box = Input(
                id="search", compact=True, placeholder=search_hint(self.size.width))
            # Followed in the same call as a keystroke: its Input.Changed would reach the
            # screen only after the box's own repaint, and the results would wait for the
            # next frame slot.
            self.watch(search, "value", self._search_typed, init=False)
            bar = Horizontal(id="searchbar")
            self.mount(bar, before=self.query_one(Footer))
            # Into the mounted bar, not as its constructor's children: those would be
            # mounted only when it composes, too late for the focus and keys that follow.
            bar.mount(Label(SEARCH_LABEL, id="search-label"), search)
        else:
            self.query_one("#searchbar").display = True
        return search

    def _close_search(self: TimelineScreen, clear: bool = False) -> None:
        search = self.search_box
        if clear:
            self.filters = self.filters.without("search")
            if search is not None:
                search.value = ""
        if search is not None:
            self.query_one("#searchbar").display = False
        self.query_one(TimelineView).focus()

    # -- actions --------------------------------------------------------------------------
    def action_links(self: TimelineScreen) -> None:
        """Put the cursor on the detail pane's linked events, else on the events linking
        to this one (Enter jumps to one)."""
        links = self.query_one(DetailPane).link_list()
        if links is None:
            self.notify("This event has no linked events, and none link to it.", timeout=3)
            return
        self._open_detail()
        links.focus()

    def action_search(self: TimelineScreen) -> None:
        search = self.open_search()
        search.value = self.filters.search
        search.focus()

    def action_pick(self: TimelineScreen, facet: Facet) -> None:
        data = self.data
        if data is None:
            return

        def chosen(values: frozenset[str] | None) -> None:
            if values is not None:
                self.filters = self.filters.with_values(facet, values)

        from tui.app.pickers import PickerScreen  # imported when first used: a faster start

        counts = self.filters.counts(data.index, facet)
        self.app.push_screen(PickerScreen(facet, data.values[facet], counts,
                                          self.filters.values(facet)), chosen)

    def action_clear_filters(self: TimelineScreen) -> None:
        self.filters = Query()
        if self.search_box is not None:
            self.search_box.value = ""

    def action_toggle_detail(self: TimelineScreen) -> None:
        if self.narrow:
            self.narrow_detail = not self.narrow_detail
            self._layout(self.size.width)
            target = DetailPane if self.narrow_detail else TimelineView
            self.query_one(target).focus()
        else:
            self.show_detail = not self.show_detail
            if not self.show_detail and self.focused is not None and \
                    self.query_one(DetailPane) in self.focused.ancestors_with_self:
                self.query_one(TimelineView).focus()

    def action_toggle_zone(self: TimelineScreen) -> None:
        self.reference = "local" if self.reference == "UTC" else "UTC"

    def action_day(self: TimelineScreen, step: int) -> None:
        view = self.query_one(TimelineView)
        if self.rows.visible and view.cursor >= 0:
            view.move_cursor(self.rows.day_start(view.cursor, step))

    def action_back(self: TimelineScreen) -> None:
        focused = self.focused
        search = self.search_box
        detail = self.query_one(DetailPane)
        if search is not None and focused is search:
            self._close_search(clear=True)
        elif focused is not None and detail in focused.ancestors_with_self:
            if self.narrow:
                self.narrow_detail = False
                self._layout(self.size.width)
            self.query_one(TimelineView).focus()
        elif self.filters.search.strip():
            self._close_search(clear=True)
        elif focused is not self.query_one(TimelineView):
            self.query_one(TimelineView).focus()

    def action_edit(self: TimelineScreen) -> None:
        self.query_one(LiveReload).edit_event(self.highlighted_event)

    def action_toggle_problems(self: TimelineScreen) -> None:
        self.query_one(LiveReload).toggle_panel()

    def action_help(self: TimelineScreen) -> None:
        from tui.app.helptext import help_text
        from tui.app.pickers import HelpScreen

        self.app.push_screen(HelpScreen(help_text(self.app)))
