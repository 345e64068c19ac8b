"""Live reload in the app (Pilot): the real watcher on a temporary copy of a fixture.

Every wait polls the app's state until a condition holds (at most :data:`WAIT` seconds);
nothing assumes how long the watcher takes.
"""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.edits import line_of, replace_in
from tui.app.app import NewsApp
from tui.app.bars import StatusLine
from tui.app.helptext import help_text
from tui.app.problems import ProblemsPanel, StaleBar
from tui.app.reload import LiveReload, ReloadChecker, WatchConfig
from tui.app.timeline_view import TimelineView
from tui.data.load import load_timeline
from tui.data.query import Query
from tui.watch import Fingerprint

TOUR = Path(__file__).parents[1] / "app" / "fixtures" / "tour.yaml"
WAIT = 10.0


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an ``async def`` test in a fresh event loop (fixtures pass through)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(TOUR.read_text(encoding="utf-8"), encoding="utf-8")
    return path


class RecordingApp(NewsApp):
    """Keeps every notice (toasts expire, and are only listed once their message ran)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        self.notices.append(message)
        super().notify(message, **kwargs)


def make_app(path: Path, *, force_polling: bool | None = None) -> RecordingApp:
    """The app as the command line starts it, with a faster watcher."""
    loaded = Fingerprint.of(path)
    config = WatchConfig(path, debounce_ms=50, poll_ms=100, loaded=loaded,
                         force_polling=force_polling)
    return RecordingApp(load_timeline(path), watch=config)


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await pilot.pause(0.05)


async def started(pilot: Pilot[Any]) -> LiveReload:
    live = pilot.app.screen.query_one(LiveReload)
    await until(pilot, live.watching.is_set, "the watcher to start")
    return live




def title(app: NewsApp, event_id: str) -> str | None:
    data = app.timeline_screen.data
    event = data.timeline.by_id.get(event_id) if data is not None else None
    return event.title if event is not None else None


def notices(app: NewsApp) -> list[str]:
    assert isinstance(app, RecordingApp)
    return app.notices


def screen_text(app: NewsApp) -> str:
    view = app.timeline_screen.query_one(TimelineView)
    return "\n".join(view.render_line(y).text
                     for y in range(view.scrollable_content_region.height))


# -- a valid edit -------------------------------------------------------------------------
@run_async
async def test_valid_edit_reloads_in_place_keeping_filters_and_highlight(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        screen = app.timeline_screen
        screen.filters = Query(country=frozenset({"TR"}))
        screen.highlighted = "talks"
        await pilot.pause()
        text = events.read_text(encoding="utf-8")
        text = text.replace("title: Talks with Fidan on a ceasefire",
                            "title: Talks with Fidan, second round")
        text = text.replace("title: Ambassador recalled", "title: Ambassador recalled early")
        # One event removed (the 2020 one) and one added: +1 event, 2 changed, 1 removed.
        start = text.index("  - id: context-2020")
        end = text.index("  - id: recall")
        added = ("  - id: new-stop\n    kind: stop\n    title: A new stop in Izmir\n"
                 "    start: 2023-11-06\n    place: {name: Izmir, country: TR, "
                 "tz: Europe/Istanbul}\n    sources: [wire]\n")
        events.write_text(text[:start] + added + text[end:], encoding="utf-8")
        await until(pilot, lambda: title(app, "talks") == "Talks with Fidan, second round",
                    "the edited title")
        await pilot.pause()
        assert "Talks with Fidan, second round" in screen_text(app)
        assert "A new stop in Izmir" in screen_text(app)
        assert screen.highlighted == "talks"
        assert screen.filters == Query(country=frozenset({"TR"}))
        assert "events.yaml reloaded: +1 event, 2 changed, 1 removed." in notices(app)
        assert not screen.query_one(StaleBar).display
        # The reloaded timeline's search index is built in the background, as at start.
        data = screen.data
        assert data is not None
        await until(pilot, lambda: data.index.search_ready, "the reloaded search index")


@run_async
async def test_scroll_position_survives_a_reload(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 16)) as pilot:
        await started(pilot)
        await pilot.press("G", "k")
        screen = app.timeline_screen
        view = screen.query_one(TimelineView)
        highlighted, scroll, row = screen.highlighted, view.scroll_y, view.screen_row_of_cursor()
        assert scroll > 0  # the pane is scrolled: there is a position to lose
        replace_in(events, "title: A clash long before the tour", "title: An older clash")
        await until(pilot, lambda: title(app, "context-2020") == "An older clash", "the reload")
        await pilot.pause()
        assert screen.highlighted == highlighted
        assert (view.scroll_y, view.screen_row_of_cursor()) == (scroll, row)


@run_async
async def test_search_survives_a_reload(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("slash", *"ceasefire", "enter")
        screen = app.timeline_screen
        assert [e.id for e in screen.visible_events] == ["talks"]
        replace_in(events, "Talks with Fidan on a ceasefire", "Ceasefire talks with Fidan")
        await until(pilot, lambda: title(app, "talks") == "Ceasefire talks with Fidan",
                    "the reload")
        assert screen.filters.search == "ceasefire"
        assert [e.id for e in screen.visible_events] == ["talks"]
        assert "search: “ceasefire”" in screen.query_one(StatusLine).text


@run_async
async def test_an_unchanged_save_is_silent(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        shown = app.timeline_screen.data
        events.write_text(events.read_text(encoding="utf-8") + "# a comment\n",
                          encoding="utf-8")
        await until(pilot, lambda: app.timeline_screen.data is not shown,
                    "the comment-only reload")
        assert not any("reloaded" in notice for notice in notices(app))


# -- an invalid edit, then the fix ----------------------------------------------------------
@run_async
async def test_invalid_edit_keeps_the_last_good_timeline_and_shows_problems(
        events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        live = await started(pilot)
        screen = app.timeline_screen
        screen.highlighted = "talks"
        shown = screen.data
        assert "p" not in screen.active_bindings  # the footer offers p only when stale
        replace_in(events, "    title: Talks with Fidan", "    titel: Talks with Fidan")
        typo = line_of(events, "titel:")
        await until(pilot, lambda: live.stale, "the stale mark")
        await pilot.pause()
        assert screen.data is shown
        assert "Talks with Fidan on a ceasefire" in screen_text(app)
        assert screen.highlighted == "talks"
        bar = screen.query_one(StaleBar)
        assert bar.display
        assert bar.text.startswith("⚠ stale: events.yaml has 2 problems (p shows them)")
        assert app.sub_title == bar.text
        panel = screen.query_one(ProblemsPanel)
        assert panel.display  # opened by itself, without taking the focus
        assert app.focused is screen.query_one(TimelineView)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any(label.startswith(f"events.yaml:{typo}:5: event talks: titel: unknown "
                                    "field 'titel'") for label in labels)
        assert any("event talks: title: missing required field" in label for label in labels)
        assert "p" in screen.active_bindings

        replace_in(events, "kind: meeting", "kind: meetin")  # one more, while the panel is open
        await until(pilot, lambda: panel.option_count == 3, "the third problem")
        assert not any("press p" in notice for notice in notices(app))

        replace_in(events, "kind: meetin", "kind: meeting")
        replace_in(events, "    titel: Talks with Fidan", "    title: Talks with Fidan")
        await until(pilot, lambda: not live.stale, "the recovery")
        assert not bar.display and not panel.display
        assert app.sub_title == ""
        assert "events.yaml is valid again: no changes." in notices(app)
        assert screen.highlighted == "talks"


@run_async
async def test_a_truncated_file_is_just_invalid(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        live = await started(pilot)
        saved = events.read_text(encoding="utf-8")
        shown = app.timeline_screen.data
        events.write_text("", encoding="utf-8")
        await until(pilot, lambda: live.stale, "the stale mark")
        assert app.timeline_screen.data is shown
        assert live.error is not None
        assert "empty" in live.error.problems[0].message
        events.write_text(saved, encoding="utf-8")
        await until(pilot, lambda: not live.stale, "the recovery")


@run_async
async def test_closing_the_panel_leaves_a_notice_for_later_problems(events: Path) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        live = await started(pilot)
        screen = app.timeline_screen
        panel = screen.query_one(ProblemsPanel)
        replace_in(events, "kind: meeting", "kind: meetin")
        await until(pilot, lambda: live.stale, "the stale mark")
        await pilot.press("p")  # open already: p closes it
        assert not panel.display
        await pilot.press("p")
        assert panel.display and app.focused is panel
        await pilot.press("escape")
        assert not panel.display and app.focused is screen.query_one(TimelineView)
        replace_in(events, "kind: meetin", "kind: meeet")
        await until(pilot, lambda: any("press p to see it" in n for n in notices(app)),
                    "the notice")
        assert not panel.display  # the user closed it: it stays closed
        assert "meeet" in str(panel.get_option_at_index(0).prompt)


# -- the file replaced, deleted, moved ------------------------------------------------------
@pytest.mark.parametrize("polling", [None, True], ids=["native", "polling"])
@run_async
async def test_atomic_rename_reloads(events: Path, polling: bool | None) -> None:
    app = make_app(events, force_polling=polling)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        temp = events.with_name(".events.yaml.swp")
        temp.write_text(events.read_text(encoding="utf-8").replace(
            "Blinken visits Israel", "Blinken visits Israel again"), encoding="utf-8")
        os.replace(temp, events)
        await until(pilot, lambda: title(app, "stop-tel-aviv") == "Blinken visits Israel again",
                    "the replaced file")
        assert "events.yaml reloaded: 1 changed." in notices(app)


@pytest.mark.parametrize("how", ["delete", "move"])
@run_async
async def test_deleted_or_moved_then_back(events: Path, how: str) -> None:
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        live = await started(pilot)
        screen = app.timeline_screen
        shown = screen.data
        saved = events.read_text(encoding="utf-8")
        moved = events.with_name("elsewhere.yaml")
        if how == "delete":
            events.unlink()
        else:
            events.rename(moved)
        await until(pilot, lambda: live.missing, "the missing mark")
        assert screen.data is shown
        assert screen.query_one(StaleBar).text == ("⚠ stale: events.yaml was deleted or moved "
                                                    "— showing the last loaded version")
        assert any("was deleted or moved" in notice for notice in notices(app))
        await pilot.press("e")  # nothing to edit: says so
        assert any("nothing to open" in notice for notice in notices(app))
        if how == "delete":
            events.write_text(saved.replace("Blinken visits Israel", "Blinken in Israel"),
                              encoding="utf-8")
        else:
            moved.rename(events)
        await until(pilot, lambda: not live.stale, "the file to come back")
        assert not screen.query_one(StaleBar).display
        assert any(notice.startswith("events.yaml is back:") for notice in notices(app))
        if how == "delete":
            assert title(app, "stop-tel-aviv") == "Blinken in Israel"


# -- the editor -----------------------------------------------------------------------------
@run_async
async def test_edit_without_a_terminal_names_the_command(events: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "myeditor --wait")
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        app.timeline_screen.highlighted = "talks"
        await pilot.press("e")
        line = line_of(events, "- id: talks")
        assert any(f"run: myeditor --wait +{line} {events}" in n for n in notices(app))


@run_async
async def test_edit_a_problem_from_the_panel(events: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "vi")
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        live = await started(pilot)
        replace_in(events, "kind: protest", "kind: riot")
        await until(pilot, lambda: live.stale, "the stale mark")
        await pilot.press("p", "p")  # close, reopen with the focus
        await pilot.press("e")
        line = line_of(events, "kind: riot")
        assert any(f"run: vi +{line} {events}" in n for n in notices(app))


@run_async
async def test_no_editor_says_how_to_set_one(events: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    app = make_app(events)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("e")
        assert any("set $EDITOR" in notice for notice in notices(app))


# -- pieces ---------------------------------------------------------------------------------
def test_checker_skips_unchanged_text_and_reports_changes(events: Path) -> None:
    timeline = load_timeline(events)
    checker = ReloadChecker(events, None, timeline)
    assert checker.baseline(None) is False  # unknown: the first check decides
    first = checker.check()
    assert isinstance(first, LiveReload.TimelineReloaded) and first.diff is not None
    assert first.diff.is_empty
    assert checker.check() is None  # same text: not even parsed
    replace_in(events, "Blinken visits Israel", "Blinken visits Israel (edited)")
    changed = checker.check()
    assert isinstance(changed, LiveReload.TimelineReloaded) and changed.diff is not None
    assert changed.diff.changed == ("stop-tel-aviv",)
    events.unlink()
    assert isinstance(checker.check(), LiveReload.TimelineMissing)
    assert checker.check() is None  # still missing: said once


def test_checker_baseline_trusts_only_an_unchanged_file(events: Path) -> None:
    loaded = Fingerprint.of(events)
    checker = ReloadChecker(events, None, load_timeline(events))
    assert checker.baseline(loaded) is True
    assert checker.check() is None
    replace_in(events, "Blinken visits Israel", "Blinken visits Israel (edited)")
    assert ReloadChecker(events, None, None).baseline(loaded) is False


def test_checker_tells_a_blank_file_and_reports_a_binary_one(events: Path) -> None:
    checker = ReloadChecker(events, None, load_timeline(events))
    assert checker.baseline(Fingerprint.of(events)) is True
    events.write_bytes(b"\xef\xbb\xbf  \n\t\n")  # a BOM and white space: blank
    blank = checker.check()
    assert isinstance(blank, LiveReload.TimelineBroken) and checker.empty
    events.write_bytes(b"title: T\n\x00\x01 binary")
    broken = checker.check()
    assert isinstance(broken, LiveReload.TimelineBroken) and not checker.empty
    assert "binary" in broken.error.problems[0].message
    assert checker.check() is None  # the same bytes again: not read twice


def test_cli_watches_unless_told_not_to(events: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui import cli

    seen: list[WatchConfig | None] = []
    monkeypatch.setattr(NewsApp, "run", lambda self: seen.append(self._watch))
    assert cli.main([str(events)]) == 0
    assert cli.main([str(events), "--no-watch"]) == 0
    watching, not_watching = seen
    assert watching is not None and watching.path == events and watching.loaded is not None
    assert not_watching is None


@run_async
async def test_help_lists_the_live_reload_keys() -> None:
    app = NewsApp(load_timeline(TOUR))
    async with app.run_test(size=(100, 30)):
        text = help_text(app).plain
    for binding_id in ("newstui.edit", "newstui.toggle_problems", "problems.edit",
                       "problems.close"):
        assert f"[{binding_id}]" in text
    assert "Live reload" in text
