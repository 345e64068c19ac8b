"""Findings of a new-user trial: wrapped detail values hang under their column, the
palette filters by a country's other names, export names keep digits, dialogs fit a
small terminal, and the detail pane's keys jump instead of gliding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.app.helpers import detail_text, main_screen, timeline_lines, visible_ids
from tui.app.app import NewsApp
from tui.app.detail import VALUE_COLUMN, DetailPane
from tui.app.export_dialog import ExportDialog
from tui.app.facets import FacetList
from tui.app.pickers import PickerScreen
from tui.app.text import match_spans
from tui.data.export import default_filename
from tui.data.export.common import slug
from tui.data.load import Timeline, bundled_path, load_timeline
from tui.data.query import fold

FIXTURES = Path(__file__).parents[1] / "fixtures"

BUNDLED_NAME = "blinken-s-middle-east-and-asia-tour-2023"  # the slug, cut at 48
BUNDLED_FILE = "blinken-s-middle-east-and-asia-tour-november-2023"  # a file name: 64


def body_lines(app: NewsApp) -> list[str]:
    """The detail body's lines as rendered (wrapped at the pane's width)."""
    body = main_screen(app).query_one(DetailPane).query_one("#detail-body", Static)
    return [body.render_line(y).text.rstrip() for y in range(body.region.height)]


def block(lines: list[str], first: str) -> list[str]:
    """The line starting with ``first`` and the continuation lines that follow it."""
    at = next(i for i, line in enumerate(lines) if line.startswith(first))
    taken = [lines[at]]
    for line in lines[at + 1:]:
        if not line.startswith("    "):  # the next label, item or heading
            break
        taken.append(line)
    return taken


# -- 1: wrapped values hang under their column ----------------------------------------------
async def test_wrapped_detail_values_hang_under_their_column(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(70, 30)) as pilot:
        main_screen(app).jump_to("talks")
        await pilot.pause()
        lines = body_lines(app)
        local = block(lines, "  Local ")
        assert len(local) >= 2, lines  # the pane is narrow enough for the value to wrap
        for line in local[1:]:
            assert line[:VALUE_COLUMN] == " " * VALUE_COLUMN and line[VALUE_COLUMN] != " "
        # Nothing is lost or repeated by wrapping.
        value = " ".join(line.strip() for line in local).removeprefix("Local").strip()
        assert value == ("Mon 6 Nov 2023 14:30 (UTC+03:00) in Foreign Ministry, "
                         "Europe/Istanbul")
        actor = block(lines, "  Antony Blinken")
        assert len(actor) >= 2, lines
        assert all(line.startswith("    ") and line[4] != " " for line in actor[1:])
        assert " ".join(line.strip() for line in actor) == \
            "Antony Blinken — visitor · U.S. Secretary of State"


async def test_a_wrapped_source_line_stays_under_its_indent(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(80, 30)) as pilot:
        main_screen(app).jump_to("context-2020")
        await pilot.pause()
        lines = body_lines(app)
        details = block(lines, "    Example Wire")
        assert len(details) >= 2, lines
        assert details[-1] == "    https://example.org/wire"


# -- 2: countries shown by their short names -------------------------------------------------
async def test_the_filter_pane_shows_palestine_whole_at_80_columns() -> None:
    app = NewsApp(load_timeline(bundled_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        facets = main_screen(app).query_one(FacetList)
        lines = [facets.render_line(y).text.strip()
                 for y in range(facets.scrollable_content_region.height)]
        assert "PS Palestine 5" in [" ".join(line.split()) for line in lines], lines


# -- 3: the palette filters by a country's (or actor's) other names --------------------------
async def choose_in_palette(app: NewsApp, pilot: Pilot[None], typed: str,
                            expected: str) -> int:
    """Open the palette, type, wait for a hit starting with ``expected``, choose it;
    returns the hit's place in the list (0: the best)."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*typed)
    hits = app.screen.query_one(CommandList)
    prompts: list[str] = []
    for _ in range(100):  # the palette searches in the background
        await pilot.pause(0.02)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        if any(prompt.startswith(expected) for prompt in prompts):
            break
    at = next((i for i, prompt in enumerate(prompts) if prompt.startswith(expected)), None)
    assert at is not None, prompts
    hits.highlighted = at
    await pilot.press("enter")
    await pilot.pause()
    return at


async def test_palette_filters_by_a_country_typed_by_its_former_name(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        at = await choose_in_palette(app, pilot, "turkey",
                                     "Filter country: TR Türkiye  (Turkey)")
        assert at == 0  # the best hit
        assert not isinstance(app.screen, CommandPalette)
        assert main_screen(app).filters.country == {"TR"}


async def test_palette_finds_gaza_india_and_an_actor_alias() -> None:
    app = NewsApp(load_timeline(bundled_path()))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        assert await choose_in_palette(app, pilot, "gaza",
                                       "Filter country: PS Palestine  (Gaza)") == 0
        assert screen.filters.country == {"PS"}
        await choose_in_palette(app, pilot, "gaza", "Remove filter country: PS Palestine")
        assert screen.filters.is_empty
        # "India" is also an actor there (its government): both commands are offered.
        assert await choose_in_palette(app, pilot, "india", "Filter country: IN India") < 2
        assert screen.filters.country == {"IN"}
        # Typed with its accent, an alias of the actor (the name is written without).
        assert await choose_in_palette(app, pilot, "Erdoğan",
                                       "Filter actor: Recep Tayyip Erdogan") == 0
        assert screen.filters.actor == {"erdogan"}


# -- 4: the export's file name keeps the title's digits ---------------------------------------
def test_a_long_title_keeps_its_year_in_the_slug() -> None:
    assert slug("Blinken's Middle East and Asia tour, November 2023") == BUNDLED_NAME
    assert slug("Summit of 2023 and the long list of the leaders who came to it", limit=30) \
        == "summit-of-2023-and-the-long"
    assert slug("A very long title about the elections held in 2024 and 2025", limit=24) \
        == "a-very-long-2024-2025"
    assert slug("Whitney Houston<br/> 1963") == "whitney-houston-br-1963"


async def test_export_dialog_suggests_a_name_with_the_year() -> None:
    timeline = load_timeline(bundled_path())
    assert default_filename(timeline, "markdown") == BUNDLED_FILE + ".md"
    app = NewsApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        name = app.screen.query_one("#export-name", Input).value
        assert name.startswith(BUNDLED_FILE + ".")


# -- 5: dialogs fit a small terminal, hint included -------------------------------------------
def fully_shown(app: NewsApp, frame: str, hint: str) -> bool:
    screen = app.screen
    box = screen.query_one(frame)
    return (screen.region.contains_region(box.region)
            and box.content_region.contains_region(screen.query_one(hint).region))


async def test_actor_picker_fits_80x24_and_70x20_with_its_hint() -> None:
    app = NewsApp(load_timeline(bundled_path()))  # more actors than the list can show
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert fully_shown(app, "#picker", "#picker-hint")
        assert app.screen.query_one("#picker-options").region.height >= 10
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert fully_shown(app, "#picker", "#picker-hint")
        await pilot.resize_terminal(120, 50)
        await pilot.pause()
        assert fully_shown(app, "#picker", "#picker-hint")
        assert app.screen.query_one("#picker-options").region.height == 16


async def test_source_picker_fits_70x20_with_its_hint() -> None:
    app = NewsApp(load_timeline(bundled_path()))
    async with app.run_test(size=(70, 20)) as pilot:
        main_screen(app).jump_to("hamas-attack-october-7")  # two sources
        await pilot.press("O")
        await pilot.pause()
        assert type(app.screen).__name__ == "SourcePicker"
        assert fully_shown(app, "#sources", "#sources-hint")


# -- 6: the detail pane's keys jump ------------------------------------------------------------
async def tap(app: NewsApp, pilot: Pilot[None], key: str) -> None:
    """A key as the terminal sends it, then one pause: ``pilot.press`` would also wait
    for any animation it started to finish."""
    app.post_message(events.Key(key, None))
    await pilot.pause()


async def test_detail_pane_keys_scroll_without_animation(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        screen.jump_to("talks")
        pane = screen.query_one(DetailPane)
        pane.focus()
        await pilot.pause()
        assert app.focused is pane and pane.max_scroll_y > 10
        page = pane.scrollable_content_region.height
        await tap(app, pilot, "end")
        assert pane.scroll_y == pane.max_scroll_y
        assert not app.animator.is_being_animated(pane, "scroll_y")
        await tap(app, pilot, "home")
        assert pane.scroll_y == 0
        await tap(app, pilot, "pagedown")
        assert pane.scroll_y == min(pane.max_scroll_y, page)
        await tap(app, pilot, "pageup")
        assert pane.scroll_y == 0
        await tap(app, pilot, "G")
        assert pane.scroll_y == pane.max_scroll_y
        await tap(app, pilot, "k")
        assert pane.scroll_y == pane.max_scroll_y - 1


# -- tags: shown in the detail pane and searched -------------------------------------------
async def test_tags_are_shown_and_searched() -> None:
    """A word only in an event's tags finds it; the detail pane lists the tags, marked."""
    timeline = load_timeline(bundled_path())
    tagged = [e.id for e in timeline.events if "humanitarian-aid" in e.tags]
    assert tagged  # the bundled timeline tags one event so
    app = NewsApp(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"humanitarian-aid")
        await pilot.pause()
        assert visible_ids(app) == tagged
        text = detail_text(app)
        assert "Tags" in text
        tags_line = text[text.index("Tags"):].splitlines()[1]
        event = timeline.by_id[tagged[0]]
        assert tags_line.strip() == " · ".join(event.tags)


# -- search ignores hyphens: "cease-fire" and "ceasefire" are one word to it ------------------
def test_match_spans_cover_the_hyphenated_spelling() -> None:
    text = "no cease-fire until"
    assert match_spans(text, fold("ceasefire")) == [(3, 13)]
    assert match_spans("India–China clash", fold("india-china")) == [(0, 11)]


async def test_either_spelling_finds_both(tour_path: Path, tmp_path: Path) -> None:
    text = tour_path.read_text(encoding="utf-8")
    assert "Blinken speaks at the airport" in text and "on a ceasefire" in text
    edited = tmp_path / "tour.yaml"
    edited.write_text(text.replace("Blinken speaks at the airport",
                                   "Blinken urges a cease-fire at the airport"), encoding="utf-8")
    app = NewsApp(load_timeline(edited))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ceasefire")
        await pilot.pause()
        assert visible_ids(app) == ["statement-ankara", "talks"]  # in time order
        await pilot.press(*["backspace"] * 9, *"cease-fire")
        await pilot.pause()
        assert visible_ids(app) == ["statement-ankara", "talks"]  # in time order


# -- days only grow along the timeline: a day is found by bisecting ------------------------
@pytest.mark.parametrize(("day", "expected"), [
    (date(2023, 1, 1), "new-york-year"),  # the year's group sorts at its first day
    (date(2023, 11, 6), "ankara-day"),  # 6 Nov's first event, not New York's evening one
    (date(2023, 11, 7), "tokyo-day"),
    (date(2023, 12, 25), "tokyo-morning"),  # past the end: the last event
])
async def test_jump_to_day_lands_on_the_first_event_of_that_day(day: date,
                                                                expected: str) -> None:
    app = NewsApp(load_timeline(FIXTURES / "zones.yaml"))
    async with app.run_test(size=(120, 40)) as pilot:
        main_screen(app).jump_to_day(day)
        await pilot.pause()
        assert main_screen(app).highlighted == expected


# -- linked events: all shown in full, each dated at its own precision ---------------------
async def test_linked_events_are_all_shown_and_dated_at_their_precision() -> None:
    timeline = load_timeline(bundled_path())
    event = timeline.by_id["blinken-remarks-new-delhi"]
    assert len(event.links) == 4  # the last one, to an event known to the month
    app = NewsApp(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        main_screen(app).jump_to(event.id)
        await pilot.pause()
        links = main_screen(app).query_one("#detail-links", OptionList)
        assert links.option_count == 4
        assert links.max_scroll_y == 0  # no box of its own hiding the last link
        prompts = [str(links.get_option_at_index(i).prompt) for i in range(4)]
        assert prompts[-1].endswith("  Sep 2023")  # not "1 Sep": only the month is known
        day = timeline.by_id["stop-india"].start.day
        assert prompts[0].endswith(f"  {day.day} {day:%b %Y}")
        # Wrapped lines hang under the linked event's title ("part-of → ◆ " is 12 wide).
        lines = [links.render_line(y).text for y in range(links.size.height)]
        assert lines[0].startswith("part-of → ◆ ") and len(lines) > 4  # the pane is narrow
        follows = next(i for i, line in enumerate(lines) if line.startswith("follows"))
        continued = lines[1:follows]
        assert continued and all(line.startswith(" " * 12) and line[12] != " "
                                 for line in continued)


async def test_a_long_country_name_in_a_row_is_cut_with_an_ellipsis() -> None:
    app = NewsApp(load_timeline(bundled_path()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")  # the detail pane hidden: rows have room for country names
        await pilot.pause()
        rows = [line for line in timeline_lines(app) if "Barbara Leaf" in line]
        assert rows and "US United Sta… Barbara Leaf" in rows[0]
