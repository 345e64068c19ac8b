"""Exporters: the (filtered) timeline as JSON, CSV, Markdown, iCalendar or TimelineJS.

The app and the CLI use three things from here:

* :data:`FORMATS`: format name -> default file extension;
* :func:`render`: the text of a format for a timeline and the events in view;
* :func:`write_export`: write that text to a file atomically, refusing to replace an
  existing file unless forced (:class:`OutputExistsError`).

Rendering is pure (no shared state), so the app may call it from a worker thread.
Imports of the format modules are lazy so that ``import tui.data.export`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from tui.data.export.files import ExportError, OutputExistsError, write_export

if TYPE_CHECKING:
    from tui.data.load import Timeline
    from tui.data.records import Event

__all__ = ["FORMATS", "ExportError", "OutputExistsError", "default_filename", "render",
           "write_export"]

FORMATS: dict[str, str] = {
    "json": ".json",
    "csv": ".csv",
    "markdown": ".md",
    "ics": ".ics",
    "timelinejs": ".json",
}


def render(fmt: str, timeline: Timeline, events: Sequence[Event], *,
           filters: Sequence[str] = (), now: datetime | None = None,
           group_by: str = "kind") -> str:
    """``events`` (in the order given) as text in format ``fmt``.

    ``filters`` describes the view for formats that say what they show (Markdown);
    ``now`` is the iCalendar DTSTAMP (default: the current time); ``group_by`` chooses the
    TimelineJS groups (kind, country or none). :class:`ValueError` for an unknown format.
    """
    if fmt == "json":
        from tui.data.export.jsonfmt import to_json

        return to_json(timeline, events)
    if fmt == "csv":
        from tui.data.export.csvfmt import to_csv

        return to_csv(timeline, events)
    if fmt == "markdown":
        from tui.data.export.markdown import to_markdown

        return to_markdown(timeline, events, filters)
    if fmt == "ics":
        from tui.data.export.icsfmt import to_ics

        return to_ics(timeline, events, now)
    if fmt == "timelinejs":
        from tui.data.export.timelinejs import GROUP_BY, to_timelinejs

        if group_by not in GROUP_BY:
            raise ValueError(f"unknown TimelineJS grouping {group_by!r}; "
                             f"use one of: {', '.join(GROUP_BY)}")
        return to_timelinejs(timeline, events, group_by)  # type: ignore[arg-type]
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def default_filename(timeline: Timeline, fmt: str) -> str:
    """A file name for an export, from the timeline's title: ``blinken-tour.md``."""
    from tui.data.export.common import slug

    # Room for a whole title of about eight words ("…-tour-november-2023"): a file name
    # can be longer than an id.
    stem = slug(timeline.title, limit=64) or "timeline"
    if fmt == "timelinejs":
        stem += "-timelinejs"
    return stem + FORMATS[fmt]
