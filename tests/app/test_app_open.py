"""Opening a file: the app starts at once and loads behind its frame (issue 6).

The command line's filters are checked against the loaded timeline; a bad one, like an
invalid file, ends the app and is reported by the command after the terminal is back.
A small file (the bundled timeline) is loaded before the app starts instead.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.app.helpers import main_screen, visible_ids
from tui import cli
from tui.app import app as app_module
from tui.app.app import NewsApp
from tui.data.load import Timeline
from tui.data.query import Query


class _BadFilter(ValueError):
    pass


def _raise_bad_filter(timeline: Timeline) -> Query:
    raise _BadFilter(f"no such country among {len(timeline.events)} events")


async def test_the_filters_apply_once_the_file_is_loaded(tour_path: Path) -> None:
    seen: list[int] = []

    def only_turkey(timeline: Timeline) -> Query:
        seen.append(len(timeline.events))
        return Query(country=frozenset({"TR"}))

    app = NewsApp(path=tour_path, query_from=only_turkey)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        assert seen == [9]
        assert screen.filters.country == frozenset({"TR"})
        assert visible_ids(app) and len(visible_ids(app)) < 9
        assert screen.data is not None
        assert {screen.data.timeline.by_id[i].country for i in visible_ids(app)} == {"TR"}


async def test_a_bad_filter_ends_the_app_with_its_error(tour_path: Path) -> None:
    app = NewsApp(path=tour_path, query_from=_raise_bad_filter)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app).data is None  # never showed the timeline
    assert isinstance(app.load_error, _BadFilter)
    assert str(app.load_error) == "no such country among 9 events"
    assert app.return_code == 2


async def test_the_frame_is_told_each_phase_of_the_load(tour_path: Path) -> None:
    phases: list[str] = []

    class Recording(NewsApp):
        def on_news_app_load_progress(self, message: NewsApp.LoadProgress) -> None:
            phases.append(message.phase)
            super().on_news_app_load_progress(message)

    app = Recording(path=tour_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not main_screen(app).has_class("-loading")
    assert [p for p in phases if p in ("reading", "parsing", "indexing")] == \
        ["reading", "parsing", "indexing"]


def test_a_bad_filter_value_exits_2_listing_the_valid_ones(mini_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tui", str(mini_path), "--country", "XX"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith(
        "newstui: --country XX: no event takes place there; valid: NO (Norway), TR (Türkiye)")


class _Started:
    """Stands in for NewsApp in ``newstui FILE``: notes how it was made, and when run."""

    made: ClassVar[list[_Started]] = []

    def __init__(self, timeline: Timeline | None = None, **options: Any) -> None:
        self.timeline = timeline
        self.options = options
        self.collector_on_while_starting: bool | None = None
        self.load_error = None
        self.return_code = 0
        _Started.made.append(self)

    def run(self) -> None:
        self.collector_on_while_starting = gc.isenabled()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[_Started]:
    monkeypatch.setattr(app_module, "NewsApp", _Started)
    _Started.made = []
    return _Started.made


def test_a_small_file_is_loaded_before_the_app_starts(started: list[_Started],
                                                      tour_path: Path) -> None:
    assert cli.main([str(tour_path), "--country", "TR", "--no-watch"]) == 0
    [app] = started
    assert app.timeline is not None and len(app.timeline.events) == 9
    assert app.options["query"] == Query(country=frozenset({"TR"}))
    assert "path" not in app.options  # nothing left to load behind the frame


def test_a_large_file_loads_behind_the_frame(started: list[_Started], tour_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "SYNC_LOAD_MAX_BYTES", tour_path.stat().st_size - 1)
    assert cli.main([str(tour_path), "--no-watch"]) == 0
    [app] = started
    assert app.timeline is None
    assert app.options["path"] == tour_path and app.options["query_from"] is not None


def test_an_invalid_small_file_never_starts_the_app(
        started: list[_Started], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    assert cli.main([str(bad)]) == 1
    assert started == []
    assert capsys.readouterr().err.startswith(f"{bad}:2:")


def test_the_collector_is_off_while_the_app_starts(started: list[_Started],
                                                   tour_path: Path) -> None:
    assert gc.isenabled()
    assert cli.main([str(tour_path), "--no-watch"]) == 0
    assert started[0].collector_on_while_starting is False
    assert gc.isenabled()  # back on when the app has ended, whatever it did


async def test_the_collector_is_back_on_once_the_timeline_shows(tour: Timeline,
                                                                tour_path: Path) -> None:
    for app in (NewsApp(tour), NewsApp(path=tour_path)):
        gc.disable()  # as the command line does
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert main_screen(app).data is not None
                assert gc.isenabled()
        finally:
            gc.enable()
