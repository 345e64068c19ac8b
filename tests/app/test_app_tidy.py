"""Young garbage is collected after a key's frame, not before it (tui.app.tidy)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from tests.app.helpers import main_screen
from tui.app.app import NewsApp
from tui.app.screen import GC_THRESHOLDS
from tui.app.tidy import YOUNG, AfterFrame
from tui.data.load import Timeline


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """Log "gc N" for each collection of generation N that starts while the test runs
    (with the collector on, at the app's thresholds)."""
    log: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            log.append(f"gc {info['generation']}")

    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.callbacks.append(note)
    try:
        yield log
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()


def test_collects_the_young_generation_only_when_it_is_worth_it(
        collections: list[str]) -> None:
    after = AfterFrame()
    gc.collect()
    collections.clear()
    assert after.collect() == -1 and collections == []  # a handful of new objects
    kept = [[] for _ in range(YOUNG)]  # alive: young, not garbage
    assert collections == []
    assert after.collect() in (0, 1) and collections[-1] in ("gc 0", "gc 1")
    gc.disable()
    kept += [[] for _ in range(YOUNG)]
    assert after.collect() == -1  # the collector is off (as while the app starts)
    assert len(collections) == 1


async def test_a_key_s_frame_goes_out_before_the_collection(
        tour: Timeline, collections: list[str]) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()  # on again once the first timeline is shown
        display = app._display

        def frame(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                collections.append("frame")

        app._display = frame  # type: ignore[method-assign]
        gc.collect()
        # More new objects than AfterFrame waits for, fewer than the collector's own
        # threshold: only the collection after the frame takes them.
        kept = [[] for _ in range(YOUNG + 500)]
        assert gc.get_count()[0] < gc.get_threshold()[0] - 5_000
        collections.clear()
        await pilot.press("j")
        await pilot.pause()
        assert main_screen(app).highlighted is not None
        assert "frame" in collections and collections.count("gc 0") + collections.count(
            "gc 1") >= 1
        first_gc = min(i for i, entry in enumerate(collections) if entry.startswith("gc"))
        assert collections.index("frame") < first_gc
        del kept
