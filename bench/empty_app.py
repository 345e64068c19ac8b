"""An empty Textual app: the baseline for newstui's time to first screen.

    python bench/empty_app.py      # shows one line of text, quits on ctrl+q
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "EMPTY-APP-READY"


class EmptyApp(App[None]):
    """One static line, so that the benchmark can see the first paint."""

    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    EmptyApp().run()
