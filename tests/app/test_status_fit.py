"""Pilot tests: a narrow terminal shortens the status line's labels, never the count or a ✕.

Each filter's ✕ is a click target that removes the filter; the labels, the "no country"
hint and the key hint give way to them (and the count) when the line is too long.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.strip import Strip

from tests.app.helpers import main_screen, status, visible_ids
from tui.app.app import NewsApp
from tui.app.bars import StatusLine
from tui.data.load import Timeline, load_timeline
from tui.data.query import Query

LONG = Query(country=frozenset({"TR", "IL", "IN"}),
             actor=frozenset({"blinken", "fidan", "jaishankar"}),
             kind=frozenset({"meeting", "protest", "statement", "stop"}),
             search="ceasefire talks in ankara")
FACETS = ("country", "actor", "kind", "search")  # the facet names LONG's labels start with


def drawn(app: NewsApp) -> Strip:
    """The status line as the terminal shows it."""
    return main_screen(app).query_one(StatusLine).render_line(0)


def count_text(app: NewsApp, timeline: Timeline) -> str:
    total = len(timeline.events)
    return f" {len(visible_ids(app))} of {total} event{'' if total == 1 else 's'}"


def parts(line: str) -> list[str]:
    """The filters' parts of a status line ("country: TR ✕ (…)"), in order."""
    line = re.split(r"\s{2,}", line.strip())[0]  # the key hint stands apart, on the right
    return line.split(" · ", 1)[1].split(" · ") if " · " in line else []


def last_mark(line: str) -> int:
    """The cell (x) of the line's last ✕."""
    return cell_len(line[:line.rindex("✕")])


def assert_fits(app: NewsApp, timeline: Timeline, width: int, filters: int) -> str:
    """The line is the terminal's width, starts with the whole count and shows every ✕."""
    line = drawn(app)
    text = line.text
    assert line.cell_length == width
    count = count_text(app, timeline)
    assert text.startswith(count + (" · " if filters else ""))
    assert text.count("✕") == filters
    assert len(parts(text)) == filters and all(part.count("✕") == 1 for part in parts(text))
    if filters:
        assert not text.rstrip().endswith("…")  # nothing after the last ✕ was cut off
    return text


@pytest.mark.parametrize("width", [80, 60])
async def test_every_filter_keeps_its_remove_mark_on_a_narrow_status_line(
        tour: Timeline, width: int) -> None:
    app = NewsApp(tour, query=LONG)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        line = screen.query_one(StatusLine)
        text = assert_fits(app, tour, width, len(FACETS))
        # Shortened, each label still says which filter its ✕ removes.
        assert [part.split(":")[0].rstrip("… ✕") for part in parts(text)] == list(FACETS)
        # Clicking the last ✕ removes that filter (and only it), again and again.
        for remaining in range(len(FACETS), 0, -1):
            text = assert_fits(app, tour, width, remaining)
            facet = next(name for name in FACETS if parts(text)[-1].startswith(name))
            before = screen.filters
            await pilot.click(line, offset=(last_mark(text), 0))
            await pilot.pause()
            assert screen.filters == before.without(facet)  # type: ignore[arg-type]
        assert screen.filters.is_empty
        assert_fits(app, tour, width, 0)


async def test_the_status_text_keeps_the_full_labels(tour: Timeline) -> None:
    """Only the drawn line is shortened: the plain text (for tests, screen readers) is whole."""
    app = NewsApp(tour, query=LONG)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        actors = "actor: Antony Blinken, Hakan Fidan, Subrahmanyam Jaishankar"
        assert actors in status(app)
        assert "search: “ceasefire talks in ankara”" in status(app)
        assert actors not in drawn(app).text


async def test_the_labels_outrank_the_no_country_hint(tour: Timeline) -> None:
    query = Query(country=frozenset({"IN", "TR"}), actor=frozenset({"blinken"}))
    app = NewsApp(tour, query=query)
    async with app.run_test(size=(140, 24)) as pilot:
        await pilot.pause()
        wide = assert_fits(app, tour, 140, 2)
        assert "(1 with no country hidden)" in wide  # the statement has no place
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = assert_fits(app, tour, 80, 2)
        assert "country: IN, TR ✕" in narrow and "actor: Antony Blinken ✕" in narrow


async def test_a_hint_that_does_not_fit_is_shortened_before_it_goes(tour: Timeline) -> None:
    """The user's case: two filters and the hint at 80 columns; the second ✕ was cut off."""
    query = Query(country=frozenset({"TR"}), actor=frozenset({"blinken"}))
    app = NewsApp(tour, query=query)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        full = " ✕ (1 with no country hidden) · actor: Antony Blinken ✕"
        assert full in status(app) and cell_len(f" {status(app)}") > 80  # too long in full
        text = assert_fits(app, tour, 80, 2)
        assert "country: TR ✕" in text and "actor: Antony Blinken ✕" in text
        hint = parts(text)[0].split("✕", 1)[1]
        assert "1" in hint and "country" in hint  # still says how many, and why


WIDE_NAMES = """\
title: Wide names
sources:
  wire: {title: Wire report}
actors:
  xi: {name: 習近平 主席, kind: person, country: CN}
events:
  - id: visit
    kind: stop
    title: 習近平 visits 東京
    start: 2023-11-06
    place: {name: 東京, country: JP, tz: Asia/Tokyo}
    actors: [{id: xi, role: visitor}]
    sources: [wire]
  - id: other
    kind: meeting
    title: Another meeting
    start: 2023-11-07
    place: {name: Ankara, country: TR, tz: Europe/Istanbul}
    sources: [wire]
"""


async def test_a_click_finds_the_mark_after_wide_characters(tmp_path: Path) -> None:
    """Chinese and Japanese characters take two cells: the click targets count cells."""
    path = tmp_path / "wide.yaml"
    path.write_text(WIDE_NAMES, encoding="utf-8")
    timeline = load_timeline(path)
    query = Query(country=frozenset({"JP"}), actor=frozenset({"xi"}), search="東京 visits")
    app = NewsApp(timeline, query=query)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        line = screen.query_one(StatusLine)
        for facet in ("search", "actor", "country"):
            text = assert_fits(app, timeline, 60, len(parts(status(app))))
            before = screen.filters
            await pilot.click(line, offset=(last_mark(text), 0))
            await pilot.pause()
            assert screen.filters == before.without(facet)  # type: ignore[arg-type]
        assert screen.filters.is_empty
