"""Opening a TimelineJS spreadsheet saved as CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interop.support import FIXTURES, place, write
from tui.data.errors import TimelineError
from tui.data.importers import load_any
from tui.data.importers.sheet import COLUMNS
from tui.data.load import Timeline

HEADER = ",".join(COLUMNS)


@pytest.fixture
def sheet(tmp_path: Path) -> Timeline:
    return load_any(place(FIXTURES / "features.csv", tmp_path))


def test_documented_columns() -> None:
    assert COLUMNS == ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day",
                       "End Time", "Display Date", "Headline", "Text", "Media", "Media Credit",
                       "Media Caption", "Media Thumbnail", "Type", "Group", "Background")


def test_title_row_era_row_and_blank_rows(sheet: Timeline) -> None:
    assert sheet.title == "Sheet title"
    assert sheet.description == ("About the sheet.\n\nEras in the TimelineJS file:\n"
                                 "- The nineties (1990 – 1999)")
    assert [e.id for e in sheet.events] == ["afternoon-talks", "thousands-separator",
                                            "multiline-cell", "across-midnight"]


def test_cells_read_leniently(sheet: Timeline) -> None:
    talks = sheet.by_id["afternoon-talks"]
    assert talks.kind == "meeting"  # Group "Meetings"
    assert talks.summary == 'Line one, with a comma.\n\n"Quoted" line'
    assert (talks.start.iso(), talks.date_text) == ("1995-08-09", "9 August 1995, 14:30")
    loose = sheet.by_id["thousands-separator"]
    assert (loose.start.iso(), loose.approximate, loose.date_text) == ("1996-03", True,
                                                                       "c. March 1996")
    assert loose.tags == ["Culture"]
    multi = sheet.by_id["multiline-cell"]
    assert (multi.summary, multi.start.iso(), multi.end.iso() if multi.end else None) == (
        "first second", "1997", "1998-02")
    night = sheet.by_id["across-midnight"]
    assert night.date_text == "31 December 1999, 23:59:30 – 1 January 2000, 00:30"


def test_credit_becomes_a_source(sheet: Timeline) -> None:
    event = sheet.by_id["thousands-separator"]
    credit = sheet.sources[event.sources[1]]
    assert (credit.title, credit.publisher, credit.url) == ("A clip", "Wire",
                                                            "https://example.org/wire")
    own = sheet.sources[event.sources[0]]
    assert own.title == "Sheet title (TimelineJS spreadsheet file features.csv)"
    assert own.published is None and credit.published is None  # never made up


def test_lines_are_the_rows_lines(sheet: Timeline) -> None:
    assert sheet.lines == {"afternoon-talks": 4, "thousands-separator": 6, "multiline-cell": 7,
                           "across-midnight": 9}


def test_semicolon_separated_and_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "semi.csv", "Year;Headline;Group\n2020;Semi; colon;Protest\n"
                 .replace("Semi; colon", '"Semi; colon"'))
    timeline = load_any(path)
    event = timeline.events[0]
    assert (event.title, event.kind, event.start.iso()) == ("Semi; colon", "protest", "2020")


@pytest.mark.parametrize(("time", "expected"), [
    ("14:30", "14:30"), ("2:30 PM", "14:30"), ("2:30 p.m.", "14:30"), ("12:05 AM", "00:05"),
    ("1430", "14:30"), ("14.30", "14:30"), ("9:05:07", "09:05:07"),
])
def test_times_as_sheets_write_them(tmp_path: Path, time: str, expected: str) -> None:
    path = write(tmp_path, "t.csv", f"Year,Month,Day,Time,Headline\n2020,1,2,{time},T\n")
    event = load_any(path).events[0]
    assert event.date_text == f"2 January 2020, {expected}"


def test_problems_name_the_line_and_column(tmp_path: Path) -> None:
    text = (f"{HEADER}\n"
            "2020,13,,,,,,,,Bad month,,,,,,,,\n"
            ",,,,,,,,,First title,,,,,,title,,\n"
            ",,,,,,,,,Also a title,,,,,,title,,\n"
            "2021,1,1,25:00,,,,,,Bad time,,,,,,,,\n")
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(TimelineError) as caught:
        load_any(path)
    assert [p.format() for p in caught.value.problems] == [
        f"{path}:2: event bad-month: Month: month 13 is out of range (1-12)",
        f"{path}:4: event also-a-title: Year: the start date has no year "
        "(every TimelineJS event needs a year)",
        f"{path}:5: event bad-time: Time: hour 25 is out of range (0-23)",
    ]


def test_unreadable_time_says_how_to_write_it(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Year,Time,Headline\n2020,noon,T\n")
    with pytest.raises(TimelineError) as caught:
        load_any(path)
    assert [p.format() for p in caught.value.problems] == [
        f"{path}:2: event t: Time: 'noon' is not a time (write it as HH:MM, HH:MM:SS or "
        "H:MM PM)"]


def test_a_csv_without_year_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "Date,Title\n2020-01-01,Hello\n")
    with pytest.raises(TimelineError) as caught:
        load_any(path)
    assert caught.value.exit_code == 1
    assert "not a TimelineJS spreadsheet: there is no 'Year' column" in str(caught.value)
