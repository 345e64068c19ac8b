"""Pilot tests: exporting the view (ctrl+s, E) through the export dialog.

No test starts a browser (see :func:`tests.app.interop_support.record_opener`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

import tui.app.actions_interop as interop
from tests.app.helpers import visible_ids
from tests.app.interop_support import INTEROP, RecordingApp, record_opener, settle
from tui.app.app import NewsApp
from tui.app.export_dialog import ExportDialog
from tui.data.export import files, write_export
from tui.data.load import Timeline, load_timeline

DEFAULT_NAME = "interop-test-tour.json"
ORDER = ["arrive-ankara", "memo-only", "talks", "arrive-delhi", "dialogue"]


@pytest.fixture
def timeline() -> Timeline:
    return load_timeline(INTEROP)


@pytest.fixture(autouse=True)
def _no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    record_opener(monkeypatch)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current directory: relative export names land here."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def dialog(app: NewsApp) -> ExportDialog:
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def name_input(app: NewsApp) -> Input:
    return dialog(app).query_one("#export-name", Input)


async def type_name(pilot: Pilot[None], name: str) -> None:
    name_input(pilot.app).value = name  # type: ignore[arg-type]
    await pilot.pause()


# -- export dialog ----------------------------------------------------------------------
@pytest.mark.parametrize("key", ["ctrl+s", "E"])
async def test_export_dialog_opens_with_the_default_name(timeline: Timeline, workdir: Path,
                                                         key: str) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        assert name_input(app).value == DEFAULT_NAME
        assert dialog(app).fmt == "json"
        assert app.focused is name_input(app)
        title = str(dialog(app).query_one("#export-title").render())
        assert title == "Export the view: 5 of 5 events"


@pytest.mark.parametrize(("presses", "fmt"), [([], "json"), (["down"], "csv")])
async def test_export_writes_exactly_the_visible_events(timeline: Timeline, workdir: Path,
                                                        presses: list[str], fmt: str) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "t", "r", "enter")  # country TR
        shown = visible_ids(app)
        assert shown == ["arrive-ankara", "talks"]
        await pilot.press("ctrl+s", *presses, "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        written = workdir / f"interop-test-tour.{fmt}"
        text = written.read_text(encoding="utf-8")
        if fmt == "json":
            ids = [event["id"] for event in json.loads(text)["events"]]
        else:
            ids = [row["id"] for row in csv.DictReader(io.StringIO(text))]
        assert ids == shown
        name = "JSON" if fmt == "json" else "CSV"
        assert app.notices[-1] == (
            "information", f"Exported 2 events as {name} to {written.resolve()}")


async def test_markdown_export_describes_the_filters(timeline: Timeline, workdir: Path) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"delhi", "enter")
        assert visible_ids(app) == ["arrive-delhi", "dialogue"]
        await pilot.press("E", "down", "down", "enter")
        await settle(app, pilot)
        text = (workdir / "interop-test-tour.md").read_text(encoding="utf-8")
        assert "search: 'delhi'" in text
        assert "Blinken lands in New Delhi" in text and "Two-plus-two dialogue" in text
        assert "Blinken arrives in Ankara" not in text


async def test_export_remembers_the_last_format(timeline: Timeline, workdir: Path) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s", "up", "enter")  # up from json wraps to timelinejs
        await settle(app, pilot)
        assert (workdir / "interop-test-tour-timelinejs.json").exists()
        await pilot.press("ctrl+s")
        assert dialog(app).fmt == "timelinejs"
        assert name_input(app).value == "interop-test-tour-timelinejs.json"


async def test_format_change_updates_the_extension(timeline: Timeline, workdir: Path) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        names = []
        for _ in range(5):
            await pilot.press("down")
            names.append(name_input(app).value)
        assert names == ["interop-test-tour.csv", "interop-test-tour.md", "interop-test-tour.ics",
                         "interop-test-tour-timelinejs.json", "interop-test-tour.json"]
        # The user's own name keeps its stem; a foreign extension is left alone.
        await type_name(pilot, "notes.json")
        await pilot.press("down")
        assert (dialog(app).fmt, name_input(app).value) == ("csv", "notes.csv")
        await type_name(pilot, "notes.txt")
        await pilot.press("down")
        assert (dialog(app).fmt, name_input(app).value) == ("markdown", "notes.txt")


async def test_clicking_a_format_changes_it(timeline: Timeline, workdir: Path) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.click("#format-ics")
        assert (dialog(app).fmt, name_input(app).value) == ("ics", "interop-test-tour.ics")


async def test_existing_file_asks_before_overwriting(timeline: Timeline, workdir: Path) -> None:
    target = workdir / DEFAULT_NAME
    target.write_text("old", encoding="utf-8")
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s", "enter")
        await settle(app, pilot)
        # Still asking: nothing written yet, the button now says what Enter will do.
        button = dialog(app).query_one("#export-ok", Button)
        assert str(button.label) == "Overwrite"
        message = str(dialog(app).query_one("#export-message").render())
        assert message == f"{DEFAULT_NAME} exists. Export again to replace it."
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert [e["id"] for e in json.loads(target.read_text("utf-8"))["events"]] == ORDER
        assert app.notices[-1][1].endswith(f"to {target.resolve()}")


async def test_changing_the_name_withdraws_the_overwrite(timeline: Timeline,
                                                         workdir: Path) -> None:
    (workdir / DEFAULT_NAME).write_text("old", encoding="utf-8")
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s", "enter")
        assert str(dialog(app).query_one("#export-ok", Button).label) == "Overwrite"
        await type_name(pilot, "other.json")
        assert str(dialog(app).query_one("#export-ok", Button).label) == "Export"
        await pilot.press("enter")
        await settle(app, pilot)
        assert (workdir / "other.json").exists()
        assert (workdir / DEFAULT_NAME).read_text(encoding="utf-8") == "old"


async def test_file_appearing_after_the_check_asks_again(timeline: Timeline, workdir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program creates the file between the dialog's check and the write."""
    target = workdir / DEFAULT_NAME

    def racing_write(path: str | Path, text: str, *, force: bool) -> Path:
        if not target.exists():
            target.write_text("theirs", encoding="utf-8")
        return write_export(path, text, force=force)

    monkeypatch.setattr(interop, "write_export", racing_write)
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s", "enter")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == "theirs"
        assert str(dialog(app).query_one("#export-ok", Button).label) == "Overwrite"
        await pilot.press("enter")
        await settle(app, pilot)
        assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Interop test tour"


@pytest.mark.parametrize("how", ["escape", "button"])
async def test_cancel_writes_nothing(timeline: Timeline, workdir: Path, how: str) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        if how == "escape":
            await pilot.press("escape")
        else:
            await pilot.click("#export-cancel")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert list(workdir.iterdir()) == []
        assert app.notices == []


@pytest.mark.parametrize(("name", "reason"), [
    ("missing/out.json", "the directory {dir}/missing does not exist"),
    (".", "is a directory; give a file name"),
    ("~no-such-user-zz/out.json", "the directory {dir}/~no-such-user-zz does not exist"),
])
async def test_write_error_is_an_error_notice(timeline: Timeline, workdir: Path, name: str,
                                              reason: str) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await type_name(pilot, name)
        await pilot.press("enter")
        await settle(app, pilot)
        severity, message = app.notices[-1]
        assert severity == "error"
        assert message.startswith("Export failed: ")
        assert message.endswith(reason.format(dir=workdir))
        assert "Traceback" not in message
        assert list(workdir.iterdir()) == []


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class _RefusingOs:
    """``os`` as seen by the export writer, with creating files refused."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def open(*args: Any, **kwargs: Any) -> int:
        raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize("how", [
    pytest.param("read-only directory", marks=pytest.mark.skipif(
        ROOT, reason="root may write in a read-only directory")),
    "simulated",  # the same error from the OS, for runs as root
])
async def test_permission_error_is_an_error_notice(timeline: Timeline, workdir: Path, how: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    locked = workdir / "locked"
    locked.mkdir()
    if how == "simulated":
        monkeypatch.setattr(files, "os", _RefusingOs())  # only the export module's view
    else:
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    app = RecordingApp(timeline)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+s")
            await type_name(pilot, "locked/out.json")
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.notices[-1] == (
                "error", f"Export failed: {locked}/out.json: cannot write in {locked}: "
                         "permission denied")
    finally:
        locked.chmod(stat.S_IRWXU)
    assert list(locked.iterdir()) == []


async def test_empty_name_keeps_the_dialog_open(timeline: Timeline, workdir: Path) -> None:
    app = RecordingApp(timeline)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await type_name(pilot, "   ")
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(dialog(app).query_one("#export-message").render()) == "Give a file name."
        assert list(workdir.iterdir()) == []


# -- snapshot -------------------------------------------------------------------------------
def test_export_dialog_snapshot(snap_compare: Any, workdir: Path) -> None:
    """The export dialog at 80x24 over the interop fixture, filtered to country TR: the
    five formats, the default file name (relative: the working directory is a temporary
    one) and the buttons."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("c", "t", "r", "enter", "ctrl+s")
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(NewsApp(load_timeline(INTEROP)), terminal_size=(80, 24),
                        run_before=run_before)
