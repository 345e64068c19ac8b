"""Pilot tests: pickers, the filter pane, search, clearing, and the highlight under filters."""

from __future__ import annotations

from tests.app.helpers import detail_text, main_screen, status, timeline_lines, visible_ids
from tui.app.app import NewsApp
from tui.app.bars import StatusLine
from tui.app.facets import FacetList
from tui.app.pickers import PickerScreen
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline
from tui.data.query import Query


async def test_country_picker_narrows_as_you_type_and_applies(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("i", "n")
        assert [v.value for v in app.screen.shown] == ["IN"]
        await pilot.press("enter")
        assert not isinstance(app.screen, PickerScreen)
        assert main_screen(app).filters.country == {"IN"}
        assert visible_ids(app) == ["stop-delhi", "dialogue"]
        # The two events with no place cannot match a country: the line says so.
        assert status(app) == "2 of 9 events · country: IN ✕ (2 with no country hidden)"


async def test_the_status_line_counts_only_placeless_events_the_others_would_show(
        tour: Timeline) -> None:
    """The hint counts events hidden only for having no country, under the other filters."""
    app = NewsApp(tour, query=Query(country=frozenset({"TR"})))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert status(app).startswith("4 of 9 events · country: TR ✕ (2 with no country hidden)")
        screen = main_screen(app)
        # A statement has no place: with kind "statement" too, one event is hidden for it.
        screen.filters = screen.filters.with_values("kind", ["statement"])
        await pilot.pause()
        assert "country: TR ✕ (1 with no country hidden)" in status(app)
        # Stops all have a place: nothing hidden for want of one, so no hint.
        screen.filters = screen.filters.with_values("kind", ["stop"])
        await pilot.pause()
        assert "no country" not in status(app)
        # Without a country filter there is nothing to say.
        screen.filters = Query()
        await pilot.pause()
        assert "no country" not in status(app)


async def test_picker_tab_marks_several_values(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "tab", "tab", "enter")  # TR (most events) and the next one
        countries = main_screen(app).filters.country
        assert len(countries) == 2 and "TR" in countries
        assert all(e.country in countries for e in main_screen(app).visible_events)


async def test_picker_enter_on_an_active_value_removes_it(tour: Timeline) -> None:
    app = NewsApp(tour, query=Query(country=frozenset({"TR", "IN"})))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "i", "n", "enter")
        assert main_screen(app).filters.country == {"TR"}


async def test_actor_picker_matches_aliases_and_kind_picker(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"fidan", "enter")
        assert main_screen(app).filters.actor == {"fidan"}
        assert visible_ids(app) == ["talks"]
        assert "actor: Hakan Fidan" in status(app)
        await pilot.press("x", "t", *"stop", "enter")
        assert main_screen(app).filters.kind == {"stop"}
        assert visible_ids(app) == ["stop-tel-aviv", "stop-ankara", "stop-delhi"]


async def test_escape_closes_a_picker_without_change(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "b", "escape")
        assert not isinstance(app.screen, PickerScreen)
        assert main_screen(app).filters.is_empty


async def test_picker_shows_faceted_counts_and_says_when_nothing_matches(tour: Timeline) -> None:
    app = NewsApp(tour, query=Query(kind=frozenset({"stop"})))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.counts == {"TR": 1, "IL": 1, "IN": 1}
        await pilot.press(*"zz")
        options = app.screen.query_one("#picker-options")
        assert options.option_count == 1
        assert "nothing matches" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # nothing to apply: the picker stays open
        assert isinstance(app.screen, PickerScreen)


async def test_filter_pane_toggles_values_and_shows_faceted_counts(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        facets = main_screen(app).query_one(FacetList)
        facets.focus()
        assert facets.current is not None and facets.current.value == "TR"
        await pilot.press("space")
        assert main_screen(app).filters.country == {"TR"}
        # OR within a facet: the other countries still count their own events.
        assert facets.counts["country"]["IN"] == 2
        # AND across facets: Blinken takes part in 3 of the 4 TR events, Fidan in 1.
        assert facets.counts["actor"]["blinken"] == 3
        assert facets.counts["actor"]["jaishankar"] == 0
        await pilot.press("j", "enter")
        assert len(main_screen(app).filters.country) == 2
        await pilot.press("k", "space")
        assert "TR" not in main_screen(app).filters.country


async def test_clicking_a_filter_value_toggles_it(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        facets = main_screen(app).query_one(FacetList)
        row = next(row for row, entry in enumerate(facets.entries)
                   if getattr(entry, "value", None) == "IN")
        await pilot.click(facets, offset=(4, row))
        assert main_screen(app).filters.country == {"IN"}
        await pilot.click(facets, offset=(4, row))
        assert main_screen(app).filters.is_empty


async def test_search_narrows_as_you_type_and_marks_matches(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", *"cease")
        assert screen.filters.search == "cease"
        assert visible_ids(app) == ["talks"]
        assert screen.query_one(TimelineView).needle == "cease"
        assert "search: “cease”" in status(app)
        await pilot.press("enter")
        assert app.focused is screen.query_one(TimelineView)
        assert visible_ids(app) == ["talks"]
        await pilot.press("escape")
        assert screen.filters.search == ""
        assert len(visible_ids(app)) == 9


async def test_search_covers_summaries_quotes_actors_and_places(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        for text, expected in [("aggressively", ["statement-ankara"]),  # a quote
                               ("hundred", ["protest-embassy"]),  # a summary
                               ("jaishankar", ["dialogue"]),  # an actor
                               ("tel aviv", ["stop-tel-aviv"])]:  # a place
            await pilot.press("slash", *text.replace(" ", "§"))
            if " " in text:
                screen.query_one("#search").value = text
                await pilot.pause()
            assert visible_ids(app) == expected, text
            await pilot.press("escape")


async def test_escape_in_the_search_box_clears_the_search(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ankara", "escape")
        assert main_screen(app).filters.search == ""
        assert not main_screen(app).query_one("#searchbar").display


async def test_search_combines_with_facets_and_x_clears_everything(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"tr", "enter", "slash", *"blinken", "enter")
        screen = main_screen(app)
        assert visible_ids(app) == ["protest-embassy", "stop-ankara", "talks"]
        # Blinken's airport statement has no place: the country filter hides it, and says so.
        assert status(app) == ("3 of 9 events · country: TR ✕ (1 with no country hidden)"
                               " · search: “blinken” ✕")
        await pilot.press("x")
        assert screen.filters.is_empty
        assert status(app) == "9 of 9 events"
        assert screen.query_one("#search").value == ""


async def test_each_filter_can_be_removed_on_its_own(tour: Timeline) -> None:
    app = NewsApp(tour, query=Query(country=frozenset({"TR"}), kind=frozenset({"stop"}),
                                    search="ankara"))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = main_screen(app)
        line = screen.query_one(StatusLine)
        assert visible_ids(app) == ["stop-ankara"]
        text = line.text
        x = text.index("✕", text.index("kind:")) + 1  # +1: the line starts with a space
        await pilot.click(line, offset=(x, 0))
        assert screen.filters.kind == frozenset() and screen.filters.country == {"TR"}
        assert screen.filters.search == "ankara"
        line.post_message(StatusLine.RemoveFilter("search"))
        await pilot.pause()
        assert screen.filters == Query(country=frozenset({"TR"}))


async def test_highlight_stays_on_a_visible_event_when_filters_change(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "k", "k")
        assert screen.highlighted == "talks"
        await pilot.press("a", *"fidan", "enter")
        assert screen.highlighted == "talks"
        await pilot.press("x")
        assert screen.highlighted == "talks"


async def test_hidden_highlight_moves_to_the_nearest_event_in_time(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "k", "k")
        assert screen.highlighted == "talks"  # Nov 6, 11:30 UTC
        await pilot.press("t", *"stop", "enter")  # talks is hidden
        # stop-ankara (Nov 5 21:00 UTC) is nearer than stop-delhi (Nov 8 18:30 UTC).
        assert screen.highlighted == "stop-ankara"
        assert "Blinken arrives in Ankara" in detail_text(app)


async def test_an_empty_result_says_so_and_how_to_clear_it(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", *"zzzz", "enter")
        assert visible_ids(app) == []
        assert screen.highlighted is None
        lines = "\n".join(timeline_lines(app))
        assert "No events match the active filters." in lines
        assert "Escape clears the search" in lines and "x clears every filter" in lines
        assert status(app).startswith("0 of 9 events")
        assert "No event highlighted." in detail_text(app)
        await pilot.press("j", "G", "right_square_bracket", "enter")  # nothing to move over
        await pilot.press("escape")
        assert len(visible_ids(app)) == 9
