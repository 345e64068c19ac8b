"""Pilot tests: moving around, panes, detail, help and quitting."""

from __future__ import annotations

import time

import pytest

from tests.app.helpers import detail_text, main_screen, status, timeline_lines, visible_ids
from tui.app.app import NewsApp
from tui.app.detail import DetailPane
from tui.app.facets import FacetList
from tui.app.pickers import HelpScreen
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline

# A day-precision event without a place sorts at UTC midnight: after Ankara's midnight.
ORDER = ["context-2020", "recall", "stop-tel-aviv", "protest-embassy", "stop-ankara",
         "statement-ankara", "talks", "stop-delhi", "dialogue"]


async def test_first_screen_shows_every_event_in_time_order(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)):
        screen = main_screen(app)
        assert visible_ids(app) == ORDER
        assert screen.highlighted == "context-2020"
        assert status(app) == "9 of 9 events"
        lines = timeline_lines(app)
        assert lines[0].startswith(" 2020 · date known to the year")
        assert "A clash long before the tour" in lines[1]
        assert any(line.startswith(" Mon 6 Nov 2023") and "3 events" in line
                   for line in lines)
        assert any(" 14:30 ● TR" in line and "Talks with Fidan" in line for line in lines)
        assert app.focused is screen.query_one(TimelineView)


@pytest.mark.parametrize(("keys", "expected"), [
    (["j"], "recall"),
    (["down", "down"], "stop-tel-aviv"),
    (["j", "j", "k"], "recall"),
    (["j", "up"], "context-2020"),
    (["G"], "dialogue"),
    (["end"], "dialogue"),
    (["G", "g"], "context-2020"),
    (["end", "home"], "context-2020"),
    (["pagedown"] * 5, "dialogue"),
    (["pagedown", "pageup"], "context-2020"),
    (["G", "pageup"] + ["pageup"] * 5, "context-2020"),
    (["right_square_bracket"], "recall"),
    (["right_square_bracket"] * 5, "stop-delhi"),
    (["G", "left_square_bracket"], "stop-delhi"),
    (["G", "left_square_bracket", "left_square_bracket"], "stop-ankara"),
    (["k"], "context-2020"),
])
async def test_moving_keys(tour: Timeline, keys: list[str], expected: str) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.press(*keys)
        assert main_screen(app).highlighted == expected


async def test_a_page_moves_by_the_pane_height(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 16)) as pilot:
        view = main_screen(app).query_one(TimelineView)
        height = view.scrollable_content_region.height
        await pilot.press("pagedown")
        row = view.cursor_row
        assert row is not None and height - 2 <= row <= height + 1


async def test_highlight_drives_the_detail_pane(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "k", "k")
        assert main_screen(app).highlighted == "talks"
        text = detail_text(app)
        for expected in ["Talks with Fidan on a ceasefire", "● meeting",
                         "Mon 6 Nov 2023 14:30 (UTC+03:00) in Foreign Ministry",
                         "Mon 6 Nov 2023 11:30", "exact time",
                         "Foreign Ministry · TR Türkiye",
                         "Antony Blinken — visitor · U.S. Secretary of State",
                         "Hakan Fidan — host", "The ministers discussed a ceasefire",
                         "“All of this is a work in progress”",
                         "— Antony Blinken, in “Paper report”",
                         "Paper report", "publisher not given · 2023-11-06 · no URL",
                         "part-of → ◆ Blinken arrives in Ankara",
                         "Curator's note", "The time is from the ministry's schedule."]:
            assert expected in text, expected


async def test_enter_focuses_detail_and_escape_leaves_it(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "enter")
        assert app.focused is screen.query_one(DetailPane)
        await pilot.press("escape")
        assert app.focused is screen.query_one(TimelineView)
        assert screen.highlighted == "recall"


async def test_tab_moves_between_panes(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("tab")
        assert app.focused is screen.query_one(DetailPane)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is screen.query_one(FacetList)
        await pilot.press("tab")
        assert app.focused is screen.query_one(TimelineView)


async def test_following_a_link_jumps_to_the_event(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("G")  # dialogue: part-of stop-delhi
        screen.query_one("#detail-links").focus()
        await pilot.press("enter")
        assert screen.highlighted == "stop-delhi"


async def test_following_a_link_hidden_by_filters_clears_them(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("c", "i", "n", "enter", "G")
        assert visible_ids(app) == ["stop-delhi", "dialogue"]
        await pilot.press("k")
        screen.query_one("#detail-links").focus()
        await pilot.press("enter")  # stop-delhi follows stop-ankara, a TR event
        assert screen.highlighted == "stop-ankara"
        assert screen.filters.is_empty
        assert len(visible_ids(app)) == 9


async def test_d_toggles_the_detail_pane(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        detail = main_screen(app).query_one(DetailPane)
        assert detail.display
        await pilot.press("d")
        assert not detail.display
        await pilot.press("d")
        assert detail.display


async def test_narrow_terminal_folds_the_detail_away(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = main_screen(app)
        detail, view = screen.query_one(DetailPane), screen.query_one(TimelineView)
        assert not detail.display and view.display
        await pilot.press("d")
        assert detail.display and not view.display
        assert app.focused is detail
        await pilot.press("escape")
        assert not detail.display and view.display
        await pilot.press("enter")
        assert detail.display


async def test_z_switches_the_reference_zone(tour: Timeline,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "k", "k")
        assert "Mon 6 Nov 2023 11:30" in detail_text(app)
        await pilot.press("z")
        assert screen.reference == "local"
        assert "Mon 6 Nov 2023 20:30 JST, your zone" in detail_text(app)
        assert "times: local time" in screen.query_one("#status").render_line(0).text
        await pilot.press("z")
        assert screen.reference == "UTC"


async def test_help_lists_keys_and_closes(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text.plain
        for expected in ["newstui.pick_country", "j ↓", "[newstui.search]", "≈", "◆ stop"]:
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_mouse_click_highlights_a_row(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        view = screen.query_one(TimelineView)
        row = view.rows.event_row[3]
        await pilot.click(view, offset=(10, row))
        assert screen.highlighted == ORDER[3]


@pytest.mark.parametrize("size", [(20, 10), (30, 8), (60, 20), (200, 60)])
async def test_small_and_large_terminals_do_not_crash(tour: Timeline,
                                                      size: tuple[int, int]) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "d", "question_mark", "escape", "c", "escape", "slash", "x",
                          "escape", "z", "right_square_bracket")
        await pilot.resize_terminal(15, 5)
        await pilot.press("j")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert main_screen(app).highlighted is not None


async def test_control_characters_never_reach_the_screen(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "k", "k", "k")
        assert main_screen(app).highlighted == "statement-ankara"
        shown = "\n".join(timeline_lines(app)) + detail_text(app)
        assert "Blinken speaks at the airport \\u202eevil\\u202c" in shown
        assert "\u202e" not in shown and "\u202c" not in shown


async def test_l_reaches_the_links_and_j_k_go_on_after_the_jump(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "l")  # dialogue: part-of stop-delhi
        assert app.focused is screen.query_one("#detail-links")
        await pilot.press("enter")
        assert screen.highlighted == "stop-delhi"
        assert app.focused is screen.query_one(TimelineView)
        await pilot.press("j")
        assert screen.highlighted == "dialogue"


async def test_l_on_an_event_without_links_says_so(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("g")
        assert not screen.highlighted_event.links
        await pilot.press("l")
        assert app.focused is screen.query_one(TimelineView)
        assert any("no linked events" in n.message for n in app._notifications)
