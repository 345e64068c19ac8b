"""Read a TimelineJS spreadsheet saved as CSV into slides.

The documented columns are Year, Month, Day, Time, End Year, End Month, End Day, End Time,
Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type,
Group, Background. Headers match whatever their case and spacing; missing columns are
empty; unknown columns are ignored; blank rows are skipped. A row of Type ``title`` is
the title slide (the first one; later ones are events, as in TimelineJS) and rows of Type
``era`` are eras. Semicolon- and tab-separated exports are recognised from the header.
"""

from __future__ import annotations

import csv
import io

from tui.data.errors import Problem, TimelineError
from tui.data.importers.slides import RowOrigin, Slide, SlideShow

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
           "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
           "Media Thumbnail", "Type", "Group", "Background")
_KNOWN = {" ".join(c.split()).casefold(): c for c in (*COLUMNS, "Unique ID", "Tag")}


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def is_sheet_header(first_line: str) -> bool:
    """Whether a first line looks like a TimelineJS sheet's header (for sniffing)."""
    cells = next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])
    names = {" ".join(c.split()).casefold() for c in cells}
    return "year" in names and "headline" in names


def read_sheet(text: str, filename: str) -> tuple[SlideShow, list[Problem]]:
    """Slides from a TimelineJS sheet, and the problems found reading them."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise TimelineError([Problem(filename, 1, None, f"CSV error: {error}")]) from None
    columns: dict[int, str] = {}  # cell index -> documented column name
    written: dict[str, str] = {}  # documented name -> as the header spells it
    for index, cell in enumerate(header):
        known = _KNOWN.get(" ".join(cell.split()).casefold())
        if known and known not in written:
            columns[index] = known
            written[known] = cell.strip()
    if "Year" not in written:
        raise TimelineError([Problem(
            filename, 1, None, "not a TimelineJS spreadsheet: there is no 'Year' column",
            hint="the header needs TimelineJS's columns: " + ", ".join(COLUMNS))])
    title: Slide | None = None
    events: list[Slide] = []
    eras: list[Slide] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(filename, reader.line_num, None, f"CSV error: {error}",
                                    hint="check the quotes in this row"))
            break
        start_line, line = line, reader.line_num + 1
        cells = {columns[i]: value for i, value in enumerate(row) if i in columns}
        if not any(value.strip() for value in cells.values()):
            continue
        slide = _slide(cells, RowOrigin(start_line, written))
        kind = cells.get("Type", "").strip().casefold()
        if kind == "title" and title is None:
            title = slide
        elif kind == "era":
            eras.append(slide)
        else:
            events.append(slide)
    return SlideShow("TimelineJS spreadsheet", title, events, eras), problems


def _slide(cells: dict[str, str], origin: RowOrigin) -> Slide:
    def get(name: str) -> str:
        return cells.get(name, "")

    return Slide(
        origin=origin,
        start={"year": get("Year"), "month": get("Month"), "day": get("Day")},
        end={"year": get("End Year"), "month": get("End Month"), "day": get("End Day")},
        start_time=get("Time"),
        end_time=get("End Time"),
        display_date=get("Display Date"),
        headline=get("Headline"),
        text=get("Text"),
        media_url=get("Media"),
        media_caption=get("Media Caption"),
        media_credit=get("Media Credit"),
        group=get("Group") or get("Tag"),
        unique_id=get("Unique ID"),
    )
