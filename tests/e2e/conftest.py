"""The tmux harness shared by the end-to-end tests: a private server, screen polling."""

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

Tmux = Callable[..., str]
WAIT = 20.0
FIXTURE = Path(__file__).parents[1] / "app" / "fixtures" / "tour.yaml"


def installed_newstui() -> str:
    """The installed ``newstui`` command (beside this Python, else on PATH)."""
    beside = Path(sys.executable).with_name("newstui")
    found = str(beside) if beside.exists() else shutil.which("newstui")
    if found is None:
        pytest.fail("newstui is not installed (pip install -e .)")
    return found


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """Run tmux commands on a private server (its own socket), killed afterwards."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    socket = f"newstui-e2e-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "NEWSTUI_CONFIG_DIR": str(tmp_path / "config"), "TZ": "UTC",
           "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    env.pop("VISUAL", None)  # $VISUAL wins over $EDITOR: tests that need one set $EDITOR

    def run(*args: str) -> str:
        result = subprocess.run(["tmux", "-L", socket, *args], env=env, capture_output=True,
                                text=True, timeout=30, check=False)
        return result.stdout

    yield run
    run("kill-server")


def screen(tmux: Tmux) -> str:
    return tmux("capture-pane", "-p", "-J", "-t", "app")  # -J: join wrapped lines


def wait_until(tmux: Tmux, test: Callable[[str], bool], what: str,
               timeout: float = WAIT) -> str:
    """The pane's text once ``test`` accepts it (fails with the last screen if it never does)."""
    deadline = time.monotonic() + timeout
    text = screen(tmux)
    while not test(text):
        if time.monotonic() > deadline:
            pytest.fail(f"never saw {what}; the screen was:\n{text}")
        time.sleep(0.1)
        text = screen(tmux)
    return text


def wait_for(tmux: Tmux, text: str, timeout: float = WAIT) -> str:
    return wait_until(tmux, lambda shown: text in shown, repr(text), timeout)


def quit_app(tmux: Tmux, done: Path) -> str:
    """Press q and return the exit code the shell wrote to ``done`` (once it is written)."""
    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + WAIT
    while not (done.exists() and done.read_text().strip()):
        if time.monotonic() > deadline:
            pytest.fail("newstui did not exit")
        time.sleep(0.1)
    return done.read_text().strip()
