"""Snapshot tests of the app's main states (pytest-textual-snapshot).

Regenerate with ``pytest tests/app/test_app_snapshots.py --snapshot-update`` and review the
SVGs by eye. Every snapshot is deterministic: a fixed terminal size, the reference zone
UTC, the user's zone from ``TZ`` (set by conftest), and no blinking cursors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app.app import NewsApp
from tui.data.load import load_timeline

TOUR = Path(__file__).parent / "fixtures" / "tour.yaml"
# A frozen copy of the bundled timeline: the curator's edits must not break snapshots.
BUNDLED_COPY = Path(__file__).parent / "fixtures" / "tour-2023.yaml"


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press ``pressed``, then stop input cursors blinking (a blink would flake the SVG)."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        if pressed:
            await pilot.press(*pressed)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    return run


def bundled() -> NewsApp:
    return NewsApp(load_timeline(BUNDLED_COPY))


def tour() -> NewsApp:
    return NewsApp(load_timeline(TOUR))


def test_first_screen(snap_compare: Any) -> None:
    """The bundled timeline at 80x24: day strip, route, filters, timeline and detail."""
    assert snap_compare(bundled(), terminal_size=(80, 24), run_before=keys())


def test_first_screen_wide(snap_compare: Any) -> None:
    """The bundled timeline at 160x45, on Monday 6 November: detail beside the timeline."""
    assert snap_compare(bundled(), terminal_size=(160, 45),
                        run_before=keys(*["right_square_bracket"] * 8))


def test_filtered_by_country(snap_compare: Any) -> None:
    """Country TR chosen with the picker: status line, faceted counts, strip all follow."""
    assert snap_compare(bundled(), terminal_size=(80, 24),
                        run_before=keys("c", "t", "r", "enter"))


def test_search_highlights_matches(snap_compare: Any) -> None:
    """Searching "ankara" while typing: matches marked in the titles and the detail."""
    assert snap_compare(bundled(), terminal_size=(100, 30),
                        run_before=keys("slash", *"ankara"))


def test_detail_with_quotes(snap_compare: Any) -> None:
    """An event with a time, an end, actors, a quote, sources, a link and a note."""
    assert snap_compare(tour(), terminal_size=(120, 40), run_before=keys("G", "k", "k"))


def test_detail_in_local_zone(snap_compare: Any) -> None:
    """``z`` switched the detail's reference zone to the user's (TZ=UTC in tests)."""
    assert snap_compare(tour(), terminal_size=(120, 40), run_before=keys("G", "k", "k", "z"))


def test_help_screen(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``?``: every key with its binding id, the time-column marks and kind markers."""
    # The help names the settings file: a fixed (never written) path keeps the SVG stable.
    monkeypatch.setenv("NEWSTUI_CONFIG_DIR", "/nonexistent/newstui-config")
    assert snap_compare(tour(), terminal_size=(100, 40), run_before=keys("question_mark"))


def test_actor_picker_open(snap_compare: Any) -> None:
    """The actor picker narrowed by typing "an", with counts."""
    assert snap_compare(bundled(), terminal_size=(80, 24), run_before=keys("a", "a", "n"))


def test_empty_result(snap_compare: Any) -> None:
    """No event matches: the pane says so and how to clear the filters."""
    assert snap_compare(tour(), terminal_size=(80, 24),
                        run_before=keys("slash", *"nothing like this", "enter"))


def test_narrow_terminal(snap_compare: Any) -> None:
    """60x20: the detail pane folds away and the filter pane narrows."""
    assert snap_compare(bundled(), terminal_size=(60, 20), run_before=keys("j", "j"))


def test_narrow_terminal_detail(snap_compare: Any) -> None:
    """60x20 after ``d``: the detail pane takes the whole width."""
    assert snap_compare(bundled(), terminal_size=(60, 20), run_before=keys("j", "d"))


def test_tiny_terminal(snap_compare: Any) -> None:
    """20x10 does not crash and still shows the timeline."""
    assert snap_compare(bundled(), terminal_size=(20, 10), run_before=keys("j"))
