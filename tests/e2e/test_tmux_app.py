"""End to end: the installed ``newstui`` in a real terminal (tmux, 80x24), driven by keys."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import FIXTURE, installed_newstui, quit_app, wait_for

pytestmark = pytest.mark.e2e



def test_filter_search_and_quit_in_a_real_terminal(tmux: Callable[..., str],
                                                    tmp_path: Path) -> None:
    done = tmp_path / "exit-code"
    command = f"{installed_newstui()} {FIXTURE}; echo $? > {done}"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command)
    screen = wait_for(tmux, "9 of 9 events")
    assert "Countries" in screen and "Test tour" in screen  # the timeline pane, by title

    tmux("send-keys", "-t", "app", "c")
    wait_for(tmux, "Filter by country")
    tmux("send-keys", "-t", "app", "-l", "in")
    time.sleep(0.3)
    tmux("send-keys", "-t", "app", "Enter")
    screen = wait_for(tmux, "2 of 9 events · country: IN")
    assert "Blinken arrives in New Delhi" in screen
    assert "Blinken visits Israel" not in screen

    tmux("send-keys", "-t", "app", "/")
    time.sleep(0.3)
    tmux("send-keys", "-t", "app", "-l", "dialogue")
    screen = wait_for(tmux, "1 of 9 events · country: IN ✕ · search: “dialogue”")
    assert "Dialogue in New Delhi" in screen
    tmux("send-keys", "-t", "app", "Enter")
    time.sleep(0.3)

    assert quit_app(tmux, done) == "0"


def test_an_invalid_file_never_opens_the_app(tmux: Callable[..., str],
                                             tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    command = f"{installed_newstui()} {bad}; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command)
    screen = wait_for(tmux, "EXIT=")
    assert "EXIT=1" in screen
    assert f"{bad}:2:" in screen
