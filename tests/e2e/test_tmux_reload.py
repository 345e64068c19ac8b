"""End to end: live reload and the editor key in the installed ``newstui`` (tmux, 80x24).

The file is changed from outside, as a curator's editor in another pane would; the
screen is read back with ``capture-pane`` until it shows what is expected.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import FIXTURE, installed_newstui, quit_app, wait_for, wait_until
from tests.edits import line_of, replace_in

pytestmark = pytest.mark.e2e



@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copyfile(FIXTURE, path)
    return path


def start(tmux: Callable[..., str], events: Path, tmp_path: Path, editor: str = "") -> Path:
    """Start newstui on ``events``; returns the file its exit code is written to."""
    done = tmp_path / "exit-code"
    env = f"EDITOR={shlex.quote(editor)} " if editor else ""
    command = f"{env}{installed_newstui()} {shlex.quote(str(events))}; echo $? > {done}; sleep 60"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command)
    wait_for(tmux, "9 of 9 events")
    return done




def test_break_fix_delete_and_recreate_from_outside(tmux: Callable[..., str], events: Path,
                                                    tmp_path: Path) -> None:
    done = start(tmux, events, tmp_path)
    good = events.read_text(encoding="utf-8")

    replace_in(events, "    title: Blinken visits Israel", "    titel: Blinken visits Israel")
    typo = line_of(events, "titel:")
    shown = wait_for(tmux, "⚠ stale: events.yaml has 2 problems")
    assert "Blinken visits Israel" in shown  # the last good timeline stays on screen
    assert f"events.yaml:{typo}:5: event stop-tel-aviv: titel: unknown field" in shown
    assert "9 of 9 events" in shown

    events.write_text(good, encoding="utf-8")
    shown = wait_until(tmux, lambda text: "⚠ stale" not in text and "Problems (" not in text,
                       "the recovery")
    assert "Blinken visits Israel" in shown

    events.unlink()
    shown = wait_for(tmux, "⚠ stale: events.yaml was deleted or moved")
    assert "Blinken visits Israel" in shown
    events.write_text(good.replace("Blinken visits Israel", "Blinken lands in Tel Aviv"),
                      encoding="utf-8")
    shown = wait_until(tmux, lambda text: "Blinken lands in Tel Aviv" in text
                       and "⚠ stale" not in text, "the re-created file")

    # An atomic save, as vim and most editors do it: a new file renamed over the old one.
    temp = events.with_name(".events.yaml.tmp")
    temp.write_text(good.replace("Blinken visits Israel", "Blinken flies to Israel"),
                    encoding="utf-8")
    os.replace(temp, events)
    wait_for(tmux, "Blinken flies to Israel")
    assert quit_app(tmux, done) == "0"


def test_e_opens_the_editor_at_the_event_and_reloads_after(tmux: Callable[..., str],
                                                           events: Path,
                                                           tmp_path: Path) -> None:
    calls = tmp_path / "editor-argv"
    editor = tmp_path / "fake-editor"
    # Records its arguments, then edits the file as a curator would, and exits.
    editor.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$@\" > {shlex.quote(str(calls))}\n"
        f"{shlex.quote(sys.executable)} -c 'import sys, pathlib; p = pathlib.Path(sys.argv[1]); "
        "p.write_text(p.read_text().replace(\"Blinken visits Israel\", "
        "\"Blinken visits Israel, edited\"))' \"$2\"\n",
        encoding="utf-8")
    editor.chmod(0o755)
    line = line_of(events, "- id: stop-tel-aviv")
    done = start(tmux, events, tmp_path, editor=str(editor))

    tmux("send-keys", "-t", "app", "j")
    tmux("send-keys", "-t", "app", "j")
    wait_until(tmux, lambda text: "stop-tel-aviv" in text, "the highlighted event's id")
    tmux("send-keys", "-t", "app", "e")
    shown = wait_for(tmux, "Blinken visits Israel, edited")  # the app is back, reloaded
    assert "9 of 9 events" in shown
    assert calls.read_text(encoding="utf-8").splitlines() == [f"+{line}", str(events)]
    assert quit_app(tmux, done) == "0"
