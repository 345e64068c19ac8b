"""Work that waits for the first screen: cache writes are held back while a file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.helpers import main_screen
from tui.app import loading
from tui.app.app import NewsApp
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
