"""What the app's loading worker does, without Textual: load, then apply the CLI's filters.

Kept apart from :mod:`tui.app.app` so that the command line's error reporting can be
exercised (and reasoned about) without starting the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.data.load import Progress, Timeline
    from tui.data.query import Query


def load_for_app(path: str | Path | None, source_format: str | None,
                 query_from: Callable[[Timeline], Query] | None,
                 progress: Progress | None = None) -> tuple[Timeline, Query | None]:
    """The timeline at ``path`` (the bundled one if None) and the query for it.

    Raises :class:`~tui.data.errors.TimelineError` for a file that does not load, and
    whatever ``query_from`` raises (a :class:`ValueError` for a bad filter value).
    """
    from tui.data.importers import load_any

    timeline = load_any(path, source_format=source_format, progress=progress)
    return timeline, query_from(timeline) if query_from is not None else None
