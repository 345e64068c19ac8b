"""TimelineJS slides, from a JSON file or a spreadsheet, and where each field came from.

Both TimelineJS forms are read into the same :class:`Slide`; :mod:`.convert` turns slides
into newstui's file format. An :class:`Origin` tells, for a field named as in TimelineJS
JSON (``start_date.month``), its line and column in the file and how to name it in a
message: ``events[3].start_date.month`` for JSON, the column (``Month``) for a sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from tui.data.validate import field_path
from tui.data.yamlsafe import Locator

Position = tuple[int | None, int | None]


class Origin(Protocol):
    def locate(self, name: str) -> tuple[int | None, int | None, str]:
        """(line, column, label) of field ``name`` ("" for the slide itself)."""
        ...


@dataclass(frozen=True)
class JsonOrigin:
    """A slide in a TimelineJS JSON file, at ``base`` (e.g. ``("events", 3)``)."""

    locator: Locator | None
    base: tuple[str | int, ...]

    def locate(self, name: str) -> tuple[int | None, int | None, str]:
        path = self.base + tuple(p for p in name.split(".") if p)
        position = self.locator.position(path) if self.locator is not None else None
        line, column = position if position else (None, None)
        return line, column, field_path(path)


# TimelineJS JSON field -> spreadsheet column (as the documentation spells it).
SHEET_COLUMNS = {
    "start_date.year": "Year", "start_date.month": "Month", "start_date.day": "Day",
    "start_date.time": "Time", "start_date.hour": "Time", "start_date.minute": "Time",
    "start_date.second": "Time", "end_date.year": "End Year", "end_date.month": "End Month",
    "end_date.day": "End Day", "end_date.time": "End Time", "end_date.hour": "End Time",
    "end_date.minute": "End Time", "end_date.second": "End Time",
    "display_date": "Display Date", "text.headline": "Headline", "text.text": "Text",
    "media.url": "Media", "media.credit": "Media Credit", "media.caption": "Media Caption",
    "group": "Group", "type": "Type", "start_date": "Year", "end_date": "End Year",
}


@dataclass(frozen=True)
class RowOrigin:
    """A row of a TimelineJS spreadsheet, starting at ``line``."""

    line: int
    header: dict[str, str] = field(default_factory=dict)  # documented name -> as written

    def locate(self, name: str) -> tuple[int | None, int | None, str]:
        column = SHEET_COLUMNS.get(name)
        if column is None:
            return self.line, None, "row"
        return self.line, None, self.header.get(column, column)


@dataclass
class Slide:
    """One TimelineJS slide (event, title or era), its text fields as written (HTML)."""

    origin: Origin
    start: dict[str, Any] | None = None
    end: dict[str, Any] | None = None
    start_time: str = ""  # a sheet's Time cell; JSON gives hour/minute in the date
    end_time: str = ""
    display_date: str = ""
    headline: str = ""
    text: str = ""
    media_url: str = ""
    media_caption: str = ""
    media_credit: str = ""
    group: str = ""
    unique_id: str = ""
    location: dict[str, Any] | None = None


@dataclass
class SlideShow:
    """A whole TimelineJS timeline: title slide, events and eras, and the file format."""

    form: str  # "TimelineJS JSON" or "TimelineJS spreadsheet"
    title: Slide | None
    events: list[Slide]
    eras: list[Slide]
