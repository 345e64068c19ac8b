"""The main screen: owns the state (timeline, query, highlighted event, reference zone).

Attributes go down (the screen tells each pane what to show), messages come up (panes
report what the user did). The state is a handful of reactive vars, so later features
(live reload, exporters) read and set the same things the keys do.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from datetime import date
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, LoadingIndicator, Static

from tui.app.actions_interop import INTEROP_BINDINGS, InteropActions
from tui.app.bars import DayStrip, RouteBar, StatusLine
from tui.app.detail import DetailPane
from tui.app.facets import FacetList
from tui.app.panes import PaneArea, Panes
from tui.app.problems import StaleBar
from tui.app.reload import LiveReload, WatchConfig
from tui.app.screen_actions import ScreenActions, search_hint
from tui.app.tidy import AfterFrame
from tui.app.timeline_view import TimelineView
from tui.app.viewmodel import Rows, StripData, TimelineData
from tui.data.load import Timeline
from tui.data.query import Facet, Query, fold, positions
from tui.data.records import Event
from tui.data.sanitize import printable

WIDE = 110  # from this width on, the detail pane sits beside the timeline, else below it
NARROW = 70  # below this width the detail pane folds away (d shows it full width)
TINY = 50  # below this width the filter pane folds away too (the pickers still work)
GC_THRESHOLDS = (20_000, 20, 100)  # see set_timeline


def _palette_provider(name: str) -> type[Provider]:
    """One of the palette's providers, imported when the palette first opens."""
    from tui.app import commands

    provider: type[Provider] = getattr(commands, name)
    return provider


class TimelineScreen(ScreenActions, InteropActions, Screen[None]):
    """Timeline, filters and detail; see :mod:`tui.app.helptext` for the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="newstui.help",
                tooltip="Show every key"),
        Binding("slash", "search", "Search", key_display="/", id="newstui.search",
                tooltip="Search titles, summaries, quotes, actors, places and tags"),
        Binding("c", "pick('country')", "Country", id="newstui.pick_country",
                tooltip="Filter by country"),
        Binding("a", "pick('actor')", "Actor", id="newstui.pick_actor",
                tooltip="Filter by actor"),
        Binding("t", "pick('kind')", "Kind", id="newstui.pick_kind", tooltip="Filter by kind"),
        Binding("x", "clear_filters", "Clear", id="newstui.clear_filters",
                tooltip="Remove every filter and the search"),
        Binding("d", "toggle_detail", "Detail", show=False, id="newstui.toggle_detail",
                tooltip="Show or hide the detail pane"),
        Binding("z", "toggle_zone", "Zone", show=False, id="newstui.toggle_zone",
                tooltip="Reference zone of the detail pane: UTC or your local zone"),
        Binding("e", "edit", "Edit", show=False, id="newstui.edit",
                tooltip="Open $EDITOR at the highlighted event's line; reloads after"),
        Binding("p", "toggle_problems", "Problems", id="newstui.toggle_problems",
                tooltip="Show or hide the problems of the file (when it does not validate)"),
        Binding("left_square_bracket", "day(-1)", "Prev day", key_display="[", show=False,
                id="newstui.previous_day", tooltip="First event of the previous day"),
        Binding("right_square_bracket", "day(1)", "Next day", key_display="]", show=False,
                id="newstui.next_day", tooltip="First event of the next day"),
        Binding("l", "links", "Links", show=False, id="newstui.links",
                tooltip="Choose one of the event's linked events and jump to it"),
        Binding("escape", "back", "Back", show=False, id="newstui.back",
                tooltip="Close the search, leave the detail pane, or clear the search"),
        *INTEROP_BINDINGS,
        Binding("q", "app.quit", "Quit", id="newstui.quit", tooltip="Quit newstui"),
    ]
    COMMANDS: ClassVar = {
        partial(_palette_provider, name) for name in
        ("CountryCommands", "ActorCommands", "KindCommands", "EventCommands", "DayCommands")}
    # Its background is a solid colour under panes that cover all of it: drawn as blank
    # lines, not through Textual's per-line rendering of a Blank (see tui.app.panes).
    BLANK = True
    # Focus the timeline straight away: Textual's default ("*") focuses the filter pane
    # first, and moving focus on restyles both panes and all their component classes.
    AUTO_FOCUS = "#timeline"

    data: var[TimelineData | None] = var(None, init=False)
    """The timeline and its indexes (None while a large file is still loading)."""
    filters: var[Query] = var(Query(), init=False)
    """The active filters and search."""
    highlighted: var[str | None] = var(None, init=False)
    """The id of the highlighted event (None when nothing is visible)."""
    reference: var[str] = var("UTC", init=False)
    """The detail pane's reference zone: "UTC" or "local"."""
    show_detail: var[bool] = var(True, init=False)
    """Whether the detail pane is shown (on narrow terminals it folds away regardless)."""

    def __init__(self, timeline: Timeline | None = None, *, query: Query | None = None,
                 start_day: date | None = None, watch: WatchConfig | None = None) -> None:
        super().__init__()
        self._initial = timeline
        self._watch = watch  # live reload of this file (None: only after `e`)
        self._start_day = start_day
        self.set_reactive(TimelineScreen.filters, query or Query())
        self.rows = Rows([], [], [], [])
        self._shown_bits: tuple[TimelineData, int] | None = None  # what rows were built for
        self.strip_data: StripData | None = None
        self.narrow = False
        self.narrow_detail = False  # on a narrow terminal: is the detail shown instead?
        self.search_box: Input | None = None  # mounted by the first `/` (see open_search)
        self._resumed = False  # whether the screen has been shown (resumed) yet
        self._after_frame = AfterFrame()  # young garbage goes after a key's frame

    # The first screen holds only what it shows: every widget costs mounting and styling
    # before the first frame. The loading line exists only while a file loads, and the
    # search bar is mounted the first time it is opened.
    def compose(self) -> ComposeResult:
        self._layout(self.app.size.width)  # before the first styling pass
        if self._initial is None:
            self.add_class("-loading", update=False)  # styled once, loading
        yield StaleBar(id="stale")
        yield DayStrip(id="strip")
        yield RouteBar(id="route")
        with Panes(id="panes"):
            yield FacetList(id="filters")
            with PaneArea(id="content"):
                yield TimelineView(id="timeline")
                yield DetailPane(id="detail").data_bind(TimelineScreen.reference)
                if self._initial is None:
                    with Vertical(id="loading"):
                        yield Static(id="loading-text")
                        yield LoadingIndicator()
        yield LiveReload(self._watch, id="live")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. The first resume follows the screen's mount,
        # which has just styled every widget: restyling them all again (about a hundred
        # nodes and component classes) would only delay the first frame. Later resumes
        # (a dialog closed, the theme changed meanwhile) restyle as usual.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        self.query_one(FacetList).border_title = "Filters"
        view = self.query_one(TimelineView)
        view.border_title = "Timeline"
        # Follow the cursor in the same call (not through a queued message), so a key's
        # effects on every pane reach the screen in one frame.
        self.watch(view, "cursor", self._cursor_moved, init=False)
        self.query_one(DetailPane).border_title = "Detail"
        if self._initial is not None:
            self.set_timeline(self._initial)
            self._initial = None
        self.query_one(TimelineView).focus()

    # -- state in -------------------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, data: TimelineData | None = None, *,
                     query: Query | None = None) -> None:
        """Show ``timeline`` (a first load or a reload), keeping query, highlight and scroll."""
        anchor = self.highlighted_event
        view = self.query_one(TimelineView)
        screen_row = view.screen_row_of_cursor()
        if self.has_class("-loading"):
            self.remove_class("-loading")
            # Gone, not just hidden: its spinner would go on refreshing 16 times a second.
            self.query("#loading").remove()
        if query is not None:
            self.set_reactive(TimelineScreen.filters, query)
        self.set_reactive(TimelineScreen.data, data or TimelineData(timeline))
        # Which timeline this is: its own title, as data (never markup), on its pane.
        view.border_title = Text(printable(timeline.title, multiline=False) or "Timeline")
        # The timeline lives as long as the screen shows it: moving its objects out of the
        # collector's generations keeps every later collection from rescanning them.
        gc.freeze()
        # A frame allocates thousands of short-lived objects (strips, segments, caches):
        # at the default threshold (700) the young generations were collected a dozen
        # times a frame, a few milliseconds per key press; most of it dies before a
        # larger threshold is reached.
        gc.set_threshold(*GC_THRESHOLDS)
        self._refresh(anchor, screen_row)
        if self._start_day is not None:
            self.jump_to_day(self._start_day)
            self._start_day = None

    @property
    def highlighted_event(self) -> Event | None:
        if self.data is None or self.highlighted is None:
            return None
        return self.data.timeline.by_id.get(self.highlighted)

    @property
    def visible_events(self) -> list[Event]:
        """The events the timeline pane shows, in order."""
        if self.data is None:
            return []
        return [self.data.events[i] for i in self.rows.visible]

    def watch_filters(self) -> None:
        view = self.query_one(TimelineView)
        self._refresh(self.highlighted_event, view.screen_row_of_cursor())
        self._after_frame.schedule(self)

    def watch_reference(self) -> None:
        self._update_status()

    def watch_show_detail(self) -> None:
        self._layout(self.size.width)

    def watch_highlighted(self, event_id: str | None) -> None:
        data = self.data
        view = self.query_one(TimelineView)
        index = data.position.get(event_id) if data is not None and event_id else None
        if index is not None and view.event_index != index:
            k = self.rows.find(index)
            if k is not None:
                view.move_cursor(k)
        event = data.events[index] if data is not None and index is not None else None
        self.query_one(DetailPane).show(data, event, self._needle())
        day = None
        if data is not None and index is not None:  # month and year cells hold loose dates
            day = data.days[index] if data.unit == "day" else data.day_of(index)
        self.query_one(DayStrip).show(self.strip_data, day)
        self.query_one(RouteBar).show(data, index, self._bits())
        self._after_frame.schedule(self)

    # -- recomputing ----------------------------------------------------------------------
    def _needle(self) -> str:
        return fold(self.filters.search.strip())

    def _bits(self) -> int:
        return self.filters.bits(self.data.index) if self.data is not None else 0

    def _refresh(self, anchor: Event | None, screen_row: int | None) -> None:
        data = self.data
        if data is None:
            return
        bits = self._bits()
        if (data, bits) != self._shown_bits:  # else the same events (typing on in a word)
            self._shown_bits = (data, bits)
            self.rows = Rows.build(data, positions(bits))
            self.strip_data = data.strip(bits)
        rows = self.rows
        cursor = 0
        if anchor is not None:
            cursor = self._nearest(data, rows, anchor) or 0
        view = self.query_one(TimelineView)
        view.empty_lines = self._empty_lines()
        view.show(data, rows, cursor, self._needle(), keep_screen_row=screen_row)
        self.query_one(FacetList).show(data, self.filters)
        self._update_status()
        new_id = data.events[rows.visible[cursor]].id if rows.visible else None
        if new_id == self.highlighted:
            self.watch_highlighted(new_id)  # the same event, but the search marks may differ
        else:
            self.highlighted = new_id

    @staticmethod
    def _nearest(data: TimelineData, rows: Rows, anchor: Event) -> int | None:
        index = data.position.get(anchor.id)
        if index is None:  # gone after a reload: the visible event nearest in time
            return rows.nearest_to(data, anchor)
        k = rows.find(index)
        return k if k is not None else rows.nearest(data, index)

    def _empty_lines(self) -> list[tuple[str, str]]:
        lines = [("No events match the active filters.", "timeline--empty")]
        if self.filters.search.strip():
            lines.append(("Escape clears the search;", "timeline--empty-hint"))
        lines.append(("x clears every filter, or click ✕ in the status line.",
                      "timeline--empty-hint"))
        return lines

    def _update_status(self) -> None:
        total = len(self.data.events) if self.data is not None else 0
        self.query_one(StatusLine).show(len(self.rows.visible), total, self.filters, self.data,
                                        self.reference)

    # -- layout ---------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._layout(self.size.width)

    def _layout(self, width: int) -> None:
        self.narrow = width < NARROW
        wanted = {
            "-narrow": self.narrow,
            "-tiny": width < TINY,
            "-stacked": width < WIDE,
            "-narrow-detail": self.narrow and self.narrow_detail,
            "-hide-detail": not self.narrow and not self.show_detail,
        }
        # One batch, and only on a change: every class change restyles the whole screen.
        if any(self.has_class(name) != on for name, on in wanted.items()):
            self.update_classes(wanted, update=self.is_mounted)
        if self.search_box is not None:
            self.search_box.placeholder = search_hint(width)

    # -- messages up ----------------------------------------------------------------------
    def _cursor_moved(self) -> None:
        index = self.query_one(TimelineView).event_index
        if self.data is not None and index is not None:
            self.highlighted = self.data.events[index].id

    @on(TimelineView.Selected)
    def _row_selected(self, message: TimelineView.Selected) -> None:
        self._open_detail()

    @on(FacetList.Toggled)
    def _facet_toggled(self, message: FacetList.Toggled) -> None:
        self.toggle_filter(message.facet, message.value)

    @on(DetailPane.LinkFollowed)
    def _link_followed(self, message: DetailPane.LinkFollowed) -> None:
        self.jump_to(message.event_id)
        self.query_one(TimelineView).focus()  # j/k go on from the linked event

    @on(DayStrip.DayChosen)
    def _day_chosen(self, message: DayStrip.DayChosen) -> None:
        self.jump_to_day(message.day)

    @on(RouteBar.StopChosen)
    def _stop_chosen(self, message: RouteBar.StopChosen) -> None:
        if self.data is not None:
            self.jump_to(self.data.events[message.event_index].id)

    @on(StatusLine.RemoveFilter)
    def _remove_filter(self, message: StatusLine.RemoveFilter) -> None:
        self.filters = self.filters.without(message.facet)  # type: ignore[arg-type]

    def _search_typed(self, value: str) -> None:
        # Setting the box to the current search (opening it, clearing both) changes nothing.
        if value != self.filters.search:
            self.filters = self.filters.with_search(value)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._close_search()

    # -- operations (keys, palette and messages all come here) ----------------------------
    def toggle_filter(self, facet: Facet, value: str) -> None:
        self.filters = self.filters.toggled(facet, value)

    def jump_to(self, event_id: str) -> None:
        """Highlight ``event_id``, clearing the filters if they hide it."""
        data = self.data
        if data is None or event_id not in data.position:
            self.notify(f"No event with id {event_id!r}.", severity="warning")
            return
        if self.rows.find(data.position[event_id]) is None:
            self.filters = Query()
            self._close_search(clear=False)
            self.notify("Filters cleared to show the linked event.", timeout=3)
        self.highlighted = event_id

    def jump_to_day(self, day: date) -> None:
        """Highlight the first visible event on ``day`` (or the next one after it)."""
        data, visible = self.data, self.rows.visible
        if data is None or not visible:
            return
        # Days only grow along the timeline (it is in calendar order): bisect, not a walk.
        k = min(bisect_left(visible, day, key=data.day_of), len(visible) - 1)
        self.highlighted = data.events[visible[k]].id

    def _open_detail(self) -> None:
        if self.narrow:
            self.narrow_detail = True
            self._layout(self.size.width)
        else:
            self.show_detail = True
        self.query_one(DetailPane).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_problems":  # in the footer only while the file has problems
            live = self.query(LiveReload)
            return bool(live) and live.first().stale
        return True
