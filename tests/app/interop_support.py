"""Shared by the interop tests: the fixture timeline, a notice-recording app, a fake opener."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import tui.app.actions_interop as interop
from tui.app.app import NewsApp
from tui.data.load import Timeline

INTEROP = Path(__file__).parent / "fixtures" / "interop.yaml"


class RecordingApp(NewsApp):
    """The app, keeping every notice it shows as (severity, message)."""

    def __init__(self, timeline: Timeline) -> None:
        super().__init__(timeline)
        self.notices: list[tuple[str, str]] = []

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        self.notices.append((severity, message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


def record_opener(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the browser opener by a recorder; return the URLs it is asked to open.

    BROWSER points at a harmless command too, in case anything slips past the recorder.
    """
    urls: list[str] = []

    def record(url: str, in_terminal: interop.InTerminal) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(interop, "open_in_browser", record)
    monkeypatch.setenv("BROWSER", "true")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return urls


async def settle(app: NewsApp, pilot: Pilot[None]) -> None:
    """Let the thread workers finish and their messages arrive."""
    await app.workers.wait_for_complete()
    await pilot.pause()
