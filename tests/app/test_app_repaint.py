"""What the repaint work-savers must not change: search as typed, counts, bars, sizes.

The screen applies the search box's value as it changes (not through a queued message),
the filter pane counts lazily, and panes whose content did not change are left alone; the
user must see the same as before.
"""

from __future__ import annotations

from typing import Any

from textual.style import Style
from textual.widgets import Input

from tests.app.helpers import detail_text, main_screen, status, visible_ids
from tui.app.app import NewsApp
from tui.app.bars import DayStrip, RouteBar, StatusLine
from tui.app.facets import FacetList
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline
from tui.data.query import FACETS, Query


async def test_typing_in_the_search_box_filters_at_once(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        search.value = "ankara"
        # No pause: the value is applied in the same call, before any message is handled.
        assert screen.filters.search == "ankara"
        assert visible_ids(app) and len(visible_ids(app)) < len(tour.events)
        await pilot.press("escape")
        assert screen.filters.search == "" and search.value == ""
        assert len(visible_ids(app)) == len(tour.events)


async def test_reopening_the_search_keeps_it_and_clearing_clears_the_box(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", *"blinken", "enter")
        shown = visible_ids(app)
        assert screen.filters.search == "blinken"
        await pilot.press("slash")  # the box shows the search again; nothing changes
        assert screen.query_one("#search", Input).value == "blinken"
        assert screen.filters.search == "blinken" and visible_ids(app) == shown
        await pilot.press("enter", "x")
        assert screen.filters.is_empty
        assert screen.query_one("#search", Input).value == ""
        assert "search" not in status(app)


async def test_filter_pane_counts_equal_the_query_counts(tour: Timeline) -> None:
    query = Query(country=frozenset({"TR"}), search="a")
    app = NewsApp(tour, query=query)
    async with app.run_test(size=(120, 40)):
        screen = main_screen(app)
        data = screen.data
        assert data is not None
        facets = screen.query_one(FacetList)
        for facet in FACETS:
            expected = query.counts(data.index, facet)
            assert dict(facets.counts[facet]) == expected
            assert len(facets.counts[facet]) == len(expected)
        assert facets.counts["country"].get("no such country", 0) == 0


async def test_bars_follow_the_highlight_across_days_and_stops(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        data = screen.data
        assert data is not None
        strip, route = screen.query_one(DayStrip), screen.query_one(RouteBar)
        for event in tour.events:
            screen.jump_to(event.id)
            await pilot.pause()
            index = data.position[event.id]
            assert route.current == data.route_current(index)
            assert strip.data is screen.strip_data
            assert strip.current == (data.days[index] if data.unit == "day"
                                     else data.day_of(index))


async def test_detail_pane_keeps_the_event_a_filter_keeps_and_marks_a_search(
        tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        screen.jump_to("talks")
        await pilot.pause()
        before = detail_text(app)
        country = screen.highlighted_event.country  # type: ignore[union-attr]
        assert country is not None
        screen.toggle_filter("country", country)  # keeps "talks" visible
        await pilot.pause()
        assert screen.highlighted == "talks" and detail_text(app) == before
        screen.toggle_filter("country", country)
        screen.jump_to("stop-delhi")
        await pilot.pause()
        assert detail_text(app) != before  # another event: the pane follows


async def test_timeline_size_follows_the_rows_without_a_layout_pass(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 12)) as pilot:
        screen = main_screen(app)
        view = screen.query_one(TimelineView)
        assert view.virtual_size.height == len(screen.rows.rows)
        assert view.show_vertical_scrollbar  # 9 events and their days do not fit
        screen.toggle_filter("country", "IN")
        await pilot.pause()
        assert view.virtual_size.height == len(screen.rows.rows) < view.size.height
        assert not view.show_vertical_scrollbar
        screen.toggle_filter("country", "IN")
        await pilot.pause()
        await pilot.press("G")
        assert view.cursor == len(screen.rows.visible) - 1
        assert view.scroll_offset.y == view.max_scroll_y > 0


async def test_typing_on_with_the_same_matches_still_updates_marks_and_status(
        tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        search.value = "blinke"
        shown = visible_ids(app)
        assert shown
        search.value = "blinken"  # the same events match
        await pilot.pause()
        assert visible_ids(app) == shown
        assert screen.query_one(TimelineView).needle == "blinken"
        assert "blinken" in status(app)
        search.value = "blinkenq"  # nothing matches any more
        await pilot.pause()
        assert visible_ids(app) == []
        assert screen.query_one(TimelineView).row_count == 0
        search.value = "blinke"
        await pilot.pause()
        assert visible_ids(app) == shown


async def test_a_bar_too_long_for_the_terminal_ends_in_an_ellipsis(tour: Timeline) -> None:
    """The bars draw their own line: one that does not fit is cut, and the "…" is drawn
    in the style of the text it stands for, not in the bar's own."""

    class Overflowing(StatusLine):
        def _build(self, width: int) -> tuple[list[tuple[str, Style | None, Any]], str]:
            return [(" 3 events", self._style("status--count"), None),
                    (" " + "x" * 100, self._style("status--filter"), None)], "left"

    app = NewsApp(tour)
    async with app.run_test(size=(72, 24)) as pilot:
        bar = Overflowing(id="overflowing")
        await main_screen(app).mount(bar)
        await pilot.pause()
        line = bar.render_line(0)
        assert bar.size.width > 40
        assert line.cell_length == bar.size.width and line.text.startswith(" 3 events xxx")
        *_, before, last = [segment for segment in line if segment.text]
        assert last.text == "…" and before.text.endswith("xxx")
        assert last.style == before.style  # the filter's label, cut
        assert last.style != bar.rich_style
