"""CSV export: one row per event, for spreadsheets.

Columns (in this order): ``id, start, end, precision, approximate, date_text, kind, title,
place, country, actors, summary, sources``.

- Dates are ISO 8601 at their precision (``2023``, ``2023-11``, ``2023-11-06``); a time
  always carries its UTC offset (``2023-11-06T14:30+03:00``, worked out from the place's
  time zone when the file wrote local time). ``precision`` is year, month, day or time (of
  the start).
- ``approximate`` is ``yes`` for a loosely dated event (empty otherwise) and ``date_text``
  keeps the sources' own wording of its date: a spreadsheet never shows a loose date as
  if it were exact.
- ``place`` is the place's name; ``country`` the ISO 3166-1 alpha-2 code; several actors
  or sources in one cell are separated by ``"; "``; a source reads ``title, publisher,
  published date, url``.

RFC 4180 quoting (fields with commas, quotes or line breaks are quoted, quotes doubled),
CRLF line ends, UTF-8 without a byte-order mark.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and some also after a tab or carriage return) as a formula. Any such cell gets a leading
apostrophe (``'=1+1``), which spreadsheets take as "this is text" and do not show. A cell
whose text itself starts with an apostrophe gets one too, so the rule stays reversible:
code reading the CSV strips one leading apostrophe from every cell that starts with one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tui.data.export.common import actors_text, iso_local, one_line, source_text
from tui.data.load import Timeline
from tui.data.records import Event

COLUMNS = ("id", "start", "end", "precision", "approximate", "date_text", "kind", "title",
           "place", "country", "actors", "summary", "sources")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def defuse(cell: str) -> str:
    """The cell, with an apostrophe in front if a spreadsheet would run it as a formula
    (or would hide the apostrophe it starts with)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def event_row(timeline: Timeline, event: Event) -> list[str]:
    sources = [source_text(timeline.sources[s]) for s in event.sources]
    return [
        event.id,
        iso_local(event.start, event.zone),
        iso_local(event.end, event.zone) if event.end else "",
        event.start.precision,
        "yes" if event.approximate else "",
        one_line(event.date_text) if event.date_text else "",
        event.kind,
        one_line(event.title),
        event.place.name if event.place else "",
        event.place.country if event.place else "",
        "; ".join(actors_text(timeline, event)),
        event.summary,
        "; ".join(one_line(s) for s in sources),
    ]


def to_csv(timeline: Timeline, events: Sequence[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow([defuse(cell) for cell in event_row(timeline, event)])
    return buffer.getvalue()
