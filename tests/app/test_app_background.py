"""Work that waits for the first screen: cache writes are held back while a file loads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import LoadingIndicator

from tests.app.helpers import main_screen, status
from tui.app import loading
from tui.app.app import NewsApp
from tui.app.bars import StatusLine
from tui.data import cache


async def test_cache_writes_are_held_while_loading_and_released_once_shown(
        tour_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    free_while_loading: list[bool] = []
    real = loading.load_for_app

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        free_while_loading.append(cache._free.is_set())
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "load_for_app", recording)
    app = NewsApp(path=tour_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app).data is not None
        assert free_while_loading == [False]
        # Released by NewsApp.timeline_shown, which runs after the refresh that shows the
        # timeline: give that refresh a few frames to happen.
        for _ in range(50):
            if cache._free.is_set():
                break
            await pilot.pause(0.02)
        assert cache._free.is_set()


async def test_a_failed_load_releases_held_writes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    app = NewsApp(path=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.load_error is not None
    assert cache._free.is_set()


async def test_the_status_line_says_loading_until_the_events_are_there(
        tour_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not "0 of 0 events" while a file loads: there is no count yet."""
    go = threading.Event()
    real = loading.load_for_app

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "load_for_app", held)
    app = NewsApp(path=tour_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert status(app) == "loading…"
        # Only the loading pane spins: the status line's own text stays readable.
        line = main_screen(app).query_one(StatusLine)
        assert not line.query(LoadingIndicator)
        assert len(main_screen(app).query(LoadingIndicator)) == 1
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status(app).startswith("9 of 9 events")
        assert not main_screen(app).query(LoadingIndicator)


async def test_an_opened_timeline_mounts_no_loading_indicator(tour_path: Path) -> None:
    """A timeline loaded before the frame has nothing to wait for: no spinner anywhere."""
    from tui.app.loading import load_for_app

    timeline, _ = load_for_app(tour_path, None, lambda _timeline: None)
    app = NewsApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query(LoadingIndicator)
