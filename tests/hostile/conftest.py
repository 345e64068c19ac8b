"""Fixtures for the hostile-input tests: the corpus, and running the real command line."""

from __future__ import annotations

import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

CORPUS = Path(__file__).parent / "corpus"
# One printed problem: FILE:LINE:COL: rest, FILE:LINE: rest, or FILE: rest.
PROBLEM_LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<rest>.*)$")
# What must never reach a terminal from a user's file: ESC and other C0/C1 controls
# (tab and newline aside), DEL, and bidi controls.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def problem_lines(self) -> list[str]:
        """stderr without the closing summary line."""
        return [line for line in self.err.splitlines() if not line.startswith("newstui:")]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``tui.cli.main`` in-process; the app command never starts Textual."""

    def run(*args: str) -> Run:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``newstui FILE`` fail loudly instead of starting Textual if a file loads.

    The real app loads the file in a worker and, if it fails, exits with the error for
    the command to report; this stand-in does the same loading (the app's own
    :func:`tui.app.loading.load_for_app`) without a terminal.
    """
    from tui.app.loading import load_for_app
    from tui.data.errors import TimelineError

    class NeverStarted:
        def __init__(self, *args: object, path: Path | None = None,
                     source_format: str | None = None, query_from: Any = None,
                     **kwargs: object) -> None:
            self.return_code: int | None = None
            self.load_error: TimelineError | ValueError | None = None
            try:
                load_for_app(path, source_format, query_from)
            except (TimelineError, ValueError) as error:
                self.load_error = error
                return
            raise AssertionError("the app was started: the file loaded")

        def run(self) -> None:
            return None

    fake = types.ModuleType("tui.app.app")
    fake.NewsApp = NeverStarted  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app.app", fake)
    yield


def entry_point() -> list[str]:
    """The installed ``newstui`` script beside this Python, else ``python -m tui``."""
    script = Path(sys.executable).with_name("newstui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def run_process(*args: str, cwd: Path | None = None, timeout: float = 60) -> Run:
    """The real command in a child process (stdin closed, so nothing can wait on it)."""
    result = subprocess.run([*entry_point(), *args], capture_output=True, text=True,
                            errors="backslashreplace", stdin=subprocess.DEVNULL, cwd=cwd,
                            timeout=timeout, check=False)
    return Run(result.returncode, result.stdout, result.stderr)
