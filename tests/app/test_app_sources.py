"""Pilot tests: opening an event's sources (o, O) and copying its citation (y).

The browser opener is replaced by a recorder in every test (nothing is launched); the
real opener is tried only with harmless commands (a script that writes a file).
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

import tui.app.actions_interop as interop
from tests.app.helpers import main_screen
from tests.app.interop_support import INTEROP, RecordingApp, record_opener, settle
from tui.app.export_dialog import SourcePicker
from tui.app.helptext import KEY_COLUMN, help_text
from tui.app.timeline_view import TimelineView
from tui.data.export.cite import citation
from tui.data.load import Timeline, load_timeline

REAL_OPEN = interop.open_in_browser  # before the autouse fixture replaces it


@pytest.fixture
def timeline() -> Timeline:
    return load_timeline(INTEROP)


@pytest.fixture(autouse=True)
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the app asked to open."""
    return record_opener(monkeypatch)


# -- sources ----------------------------------------------------------------------------
async def test_o_opens_the_first_source_with_a_url(timeline: Timeline,
                                                   opened: list[str]) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        assert main_screen(app).highlighted == "arrive-ankara"  # sources: paper (no URL), wire
        await pilot.press("o")
        await settle(app, pilot)
        assert opened == ["https://example.org/wire"]
        assert app.notices == [("information", "Opening https://example.org/wire")]


async def test_o_without_a_url_says_so(timeline: Timeline, opened: list[str]) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        assert main_screen(app).highlighted == "memo-only"
        await pilot.press("o")
        await settle(app, pilot)
        assert opened == []
        assert app.notices == [("warning", "No web address for this event's sources "
                                           "(Paper report, Internal memo).")]


async def test_browser_failure_copies_the_address(timeline: Timeline,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interop, "open_in_browser", lambda url, in_terminal: False)
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        assert app.clipboard == "https://example.org/wire"
        severity, message = app.notices[-1]
        assert severity == "warning"
        assert message == ("Could not start a web browser; the address is copied to the "
                           "clipboard: https://example.org/wire")


async def test_O_lists_the_sources_and_opens_the_chosen_one(timeline: Timeline,
                                                            opened: list[str]) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j")
        assert main_screen(app).highlighted == "talks"
        await pilot.press("O")
        assert isinstance(app.screen, SourcePicker)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert prompts == [
            "Agency story, Example Agency, 7 November 2023\n"
            "  https://example.com/agency/story?id=1",
            "Wire report, Example Wire, 10 November 2023\n  https://example.org/wire",
            "Paper report, 6 November 2023\n  no URL",
        ]
        assert options.get_option_at_index(2).disabled
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SourcePicker)
        assert opened == ["https://example.org/wire"]


async def test_O_escape_opens_nothing(timeline: Timeline, opened: list[str]) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("O", "escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, SourcePicker)
        assert opened == []


# -- citation ---------------------------------------------------------------------------
async def test_y_copies_the_citation(timeline: Timeline) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j", "y")
        expected = citation(timeline, timeline.by_id["talks"])
        assert app.clipboard == expected
        assert expected.startswith('Talks, "frank" and long (6 November 2023, 14:30')
        assert app.notices == [("information", "Citation copied")]


async def test_keys_act_on_the_cursor_at_once(timeline: Timeline) -> None:
    """Fast typing: the screen follows the cursor in the same call, before ``y`` runs."""
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)):
        screen = main_screen(app)
        screen.query_one(TimelineView).move_cursor(2)
        assert screen.highlighted == "talks"  # no queued message in between
        screen.action_copy_citation()
        assert app.clipboard == citation(timeline, timeline.by_id["talks"])


# -- keys are documented ------------------------------------------------------------------
async def test_help_and_footer_show_the_keys(timeline: Timeline) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        text = help_text(app).plain
        for binding_id, keys in [("newstui.export", "^s E"), ("newstui.open_source", "o"),
                                 ("newstui.pick_source", "O"),
                                 ("newstui.copy_citation", "y")]:
            lines = text.splitlines()
            at = next(i for i, line in enumerate(lines) if f"[{binding_id}]" in line)
            while lines[at].startswith(" " * KEY_COLUMN):  # a wrapped entry's later line
                at -= 1
            assert lines[at].split()[: len(keys.split())] == keys.split()
        footer = {str(key.description) for key in app.screen.query("FooterKey")}
        assert "Export" in footer  # issue 5: export is shown in the footer; o is in help


async def test_help_keeps_keys_and_texts_apart_at_80_columns(timeline: Timeline) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = help_text(app).plain.splitlines()
        # Keys too long for their column stand on their own line, the text under it.
        at = lines.index("  tab / shift+tab")
        assert lines[at + 1] == " " * KEY_COLUMN + "next / previous pane"
        # Every fixed entry wraps under its text, never back to the left edge.
        at = next(i for i, line in enumerate(lines) if line.startswith("  ctrl+p"))
        assert lines[at + 1] == " " * KEY_COLUMN + "themes"
        # The help box's text is 70 columns wide at 80 (app.tcss #help); the kinds' legend
        # wraps between kinds. (The JSON example and the settings path do not break.)
        assert max(len(line) for line in lines
                   if not line.startswith(("  {", "  In "))) <= 70


# -- the real opener, with harmless commands -------------------------------------------------
@pytest.fixture
def fresh_browsers(monkeypatch: pytest.MonkeyPatch) -> None:
    """webbrowser reads BROWSER once per process: make it read the environment again."""
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    monkeypatch.setattr(webbrowser, "_os_preferred_browser", None)


def fake_browser(directory: Path, status: int = 0) -> tuple[Path, Path]:
    """A script that records the address it is given: (script, log)."""
    log = directory / "opened.txt"
    script = directory / "fake-browser"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexit {status}\n', encoding="utf-8")
    script.chmod(0o755)
    return script, log


def test_a_terminal_browser_runs_in_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  fresh_browsers: None) -> None:
    """A BROWSER command may draw in the terminal: it goes through ``in_terminal``."""
    script, log = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER", str(script))
    handed: list[bool] = []

    def in_terminal(launch: Callable[[], bool]) -> bool:
        handed.append(True)
        return launch()

    assert REAL_OPEN("https://example.org/wire", in_terminal) is True
    assert handed == [True]
    assert log.read_text(encoding="utf-8") == "https://example.org/wire\n"


def test_no_browser_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           fresh_browsers: None) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))

    def in_terminal(launch: Callable[[], bool]) -> bool:
        raise AssertionError("nothing to launch")

    assert REAL_OPEN("https://example.org/wire", in_terminal) is False


@pytest.mark.parametrize(("status", "expected"), [(0, True), (3, False)])
def test_detached_launch_reports_the_launcher_status(tmp_path: Path, status: int,
                                                     expected: bool) -> None:
    script, log = fake_browser(tmp_path, status)
    assert interop._launch_detached([str(script), "https://example.com/x"]) is expected
    assert log.read_text(encoding="utf-8") == "https://example.com/x\n"
    assert interop._launch_detached([str(tmp_path / "no-such-browser")]) is False
