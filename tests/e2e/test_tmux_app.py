"""End to end: the installed ``newstui`` in a real terminal (tmux, 80x24), driven by keys."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).parents[1] / "app" / "fixtures" / "tour.yaml"


def _newstui() -> str:
    beside = Path(sys.executable).with_name("newstui")
    found = str(beside) if beside.exists() else shutil.which("newstui")
    if found is None:
        pytest.fail("newstui is not installed (pip install -e .)")
    return found


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Run tmux commands on a private server (its own socket), killed afterwards."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    socket = f"newstui-e2e-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "NEWSTUI_CONFIG_DIR": str(tmp_path / "config"), "TZ": "UTC",
           "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)

    def run(*args: str) -> str:
        result = subprocess.run(["tmux", "-L", socket, *args], env=env, capture_output=True,
                                text=True, timeout=30, check=False)
        return result.stdout

    yield run
    run("kill-server")


def wait_for(tmux: Callable[..., str], text: str, timeout: float = 20.0) -> str:
    """The pane's text once it shows ``text`` (fails with the last screen if it never does)."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-J", "-t", "app")  # -J: join wrapped lines
        if text in screen:
            return screen
        time.sleep(0.2)
    pytest.fail(f"{text!r} never appeared; the screen was:\n{screen}")


def test_filter_search_and_quit_in_a_real_terminal(tmux: Callable[..., str],
                                                    tmp_path: Path) -> None:
    done = tmp_path / "exit-code"
    command = f"{_newstui()} {FIXTURE}; echo $? > {done}"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command)
    screen = wait_for(tmux, "9 of 9 events")
    assert "Countries" in screen and "Timeline" in screen

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

    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 20
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.read_text().strip() == "0"


def test_an_invalid_file_never_opens_the_app(tmux: Callable[..., str],
                                             tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    command = f"{_newstui()} {bad}; echo EXIT=$?; sleep 30"
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command)
    screen = wait_for(tmux, "EXIT=")
    assert "EXIT=1" in screen
    assert f"{bad}:2:" in screen
