"""Pilot tests: start-up options, reloading, background loading, settings, palette, bars."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from textual.command import Hit, Provider
from textual.content import Content

from tests.app.helpers import main_screen, status, visible_ids
from tui.app.app import NewsApp
from tui.app.bars import DayStrip, RouteBar
from tui.app.commands import ActorCommands, CountryCommands, DayCommands, EventCommands
from tui.app.settings import settings_path
from tui.cli import main
from tui.data.load import Timeline, load_timeline
from tui.data.query import Query


async def test_start_options_open_filtered_and_positioned(tour: Timeline) -> None:
    app = NewsApp(tour, query=Query(actor=frozenset({"blinken"})),
                  start_day=date(2023, 11, 6))
    async with app.run_test(size=(100, 30)):
        screen = main_screen(app)
        assert screen.highlighted == "stop-ankara"
        assert "actor: Antony Blinken" in status(app)


async def test_start_day_after_the_last_event_goes_to_the_last(tour: Timeline) -> None:
    app = NewsApp(tour, start_day=date(2030, 1, 1))
    async with app.run_test(size=(100, 30)):
        assert main_screen(app).highlighted == "dialogue"


async def test_reload_keeps_query_highlight_and_scroll(tour: Timeline, tour_path: Path,
                                                       tmp_path: Path) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 14)) as pilot:
        screen = main_screen(app)
        await pilot.press("a", *"blinken", "enter", "G", "k")
        assert screen.highlighted == "stop-delhi"
        view = screen.query_one("#timeline")
        offset = view.screen_row_of_cursor()
        edited = tour_path.read_text(encoding="utf-8").replace(
            "title: Blinken arrives in New Delhi", "title: Blinken lands in New Delhi")
        changed = tmp_path / "tour.yaml"
        changed.write_text(edited, encoding="utf-8")
        screen.set_timeline(load_timeline(changed))
        await pilot.pause()
        assert screen.highlighted == "stop-delhi"
        assert screen.filters.actor == {"blinken"}
        assert screen.highlighted_event is not None
        assert screen.highlighted_event.title == "Blinken lands in New Delhi"
        assert view.screen_row_of_cursor() == offset


async def test_reload_without_the_highlighted_event_picks_the_nearest(
        tour: Timeline, tour_path: Path, tmp_path: Path) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "k", "k")
        assert screen.highlighted == "talks"
        text = tour_path.read_text(encoding="utf-8")
        start = text.index("  - id: talks")
        end = text.index("  - id: statement-ankara")
        changed = tmp_path / "tour.yaml"
        changed.write_text(text[:start] + text[end:], encoding="utf-8")
        screen.set_timeline(load_timeline(changed))
        await pilot.pause()
        assert screen.highlighted == "statement-ankara"


async def test_a_path_loads_in_the_background(tour_path: Path) -> None:
    app = NewsApp(path=tour_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(visible_ids(app)) == 9
        assert not main_screen(app).has_class("-loading")


async def test_a_bad_path_exits_with_the_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    app = NewsApp(path=bad)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert app.load_error is not None
    assert app.load_error.problems[0].format().startswith(f"{bad}:2:")


async def test_the_theme_is_remembered(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(settings_path().read_text(encoding="utf-8"))["theme"] == "nord"
    assert str(settings_path()).startswith(os.environ["NEWSTUI_CONFIG_DIR"])
    again = NewsApp(tour)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_keys_can_be_remapped_by_binding_id(tour: Timeline) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"keymap": {"newstui.search": "s",
                                                      "list.down": "n"}}), encoding="utf-8")
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert main_screen(app).highlighted == "recall"
        await pilot.press("s", *"delhi", "enter")
        assert main_screen(app).filters.search == "delhi"


async def test_no_color_is_respected(tour: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsApp(tour)
    async with app.run_test(size=(80, 24)):
        assert app.no_color
        assert any(type(f).__name__ in {"Monochrome", "NoColor"} for f in app._filters)


async def _hits(provider: Provider, query: str) -> list[Hit]:
    """What the palette gets: the provider starts up once (as it does), then searches."""
    await provider.startup()
    return [hit async for hit in provider.search(query)]


async def test_palette_providers_filter_and_jump(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        hits = await _hits(CountryCommands(screen), "India")
        assert hits and hits[0].text == "Filter country: IN India"
        hits[0].command()
        await pilot.pause()
        assert screen.filters.country == {"IN"}
        hits = await _hits(ActorCommands(screen), "fidan")
        assert hits[0].text == "Filter actor: Hakan Fidan"
        hits = await _hits(EventCommands(screen), "visits Israel")
        assert hits[0].text == "Go to: Blinken visits Israel"
        hits[0].command()
        await pilot.pause()
        assert screen.highlighted == "stop-tel-aviv" and screen.filters.is_empty
        hits = await _hits(DayCommands(screen), "2023-11-09")
        hits[0].command()
        await pilot.pause()
        assert screen.highlighted == "stop-delhi"


async def test_ctrl_p_opens_the_palette(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert type(app.screen).__name__ == "CommandPalette"


async def test_day_strip_and_route_follow_the_highlight(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        strip, route = screen.query_one(DayStrip), screen.query_one(RouteBar)
        await pilot.press("G", "k", "k")
        assert strip.current == date(2023, 11, 6)
        assert [name for _, name in route.stops] == ["Tel Aviv", "Ankara", "New Delhi"]
        assert route.current == 1
        assert "Tel Aviv → Ankara → New Delhi" in route.render_line(0).text
        strip.post_message(DayStrip.DayChosen(date(2023, 11, 9)))
        await pilot.pause()
        assert screen.highlighted == "stop-delhi" and route.current == 2
        route.post_message(RouteBar.StopChosen(screen.data.position["stop-tel-aviv"]))
        await pilot.pause()
        assert screen.highlighted == "stop-tel-aviv"
        text = strip.render_line(0).text
        assert text.startswith("‹ 1 earlier ") and "3 Nov – 10 Nov · ≈1 loosely dated" in text


def test_cli_rejects_bad_filter_values_listing_valid_ones(
        tour_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tour_path), "--country", "FR"]) == 2
    error = capsys.readouterr().err
    assert "--country FR" in error and "IN (India)" in error and "TR (Türkiye)" in error
    assert main([str(tour_path), "--date", "soon"]) == 2
    assert "--date soon" in capsys.readouterr().err


async def test_the_timeline_pane_is_titled_with_the_timeline_as_written(
        tour: Timeline) -> None:
    """Which timeline is open shows on its pane: the title is data, never markup."""
    marked = Timeline("[bold]Tour[/] of \x1b[31m\u202eJune", tour.description, tour.sources,
                      tour.actors, tour.events, tour.path, tour.lines, tour.order)
    app = NewsApp(marked)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = main_screen(app).query_one("#timeline")

        def shown() -> str:  # what the border draws: Textual keeps it as markup
            return Content.from_markup(str(view.border_title)).plain

        assert shown() == "[bold]Tour[/] of \\x1b[31m\\u202eJune"
        main_screen(app).set_timeline(tour)  # a reload: the new title
        assert shown() == tour.title
