"""CSV export: documented columns, RFC 4180 quoting, no formula runs in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.interop.build import timeline_of
from tui.data.export.csvfmt import COLUMNS, defuse, to_csv


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def undefuse(cell: str) -> str:
    """What code reading the CSV does, as the module documents."""
    return cell[1:] if cell.startswith("'") else cell


def test_header_is_the_documented_columns(brief) -> None:
    table = rows(to_csv(brief, brief.events))
    assert table[0] == ["id", "start", "end", "precision", "approximate", "date_text", "kind",
                        "title", "place", "country", "actors", "summary", "sources"]
    assert list(COLUMNS) == table[0]
    assert [row[0] for row in table[1:]] == [e.id for e in brief.events]


def test_rows_hold_resolved_values(brief) -> None:
    table = {row[0]: dict(zip(COLUMNS, row, strict=True))
             for row in rows(to_csv(brief, brief.events))[1:]}
    talks = table["talks"]
    # The file writes local time; the CSV gives the offset from the place's zone.
    assert (talks["start"], talks["end"]) == ("2023-11-06T14:30+03:00", "2023-11-06T16:00+03:00")
    assert talks["precision"] == "time"
    assert (talks["place"], talks["country"]) == ("Foreign Ministry", "TR")
    assert talks["actors"] == "Antony Blinken; Hakan Fidan (host)"
    assert talks["sources"] == ("Wire report, Example Wire, 10 November 2023, "
                                "https://example.org/wire?a=1&b=<2>; "
                                'Field notes, "day two", November 2023')
    assert table["year-only"]["start"] == "2023" and table["year-only"]["end"] == "2024-03"
    # A loose date says so: a spreadsheet must not show it as if it were exact.
    assert (talks["approximate"], talks["date_text"]) == ("", "")
    loose = table["month-loose"]
    assert (loose["precision"], loose["approximate"], loose["date_text"]) == (
        "month", "yes", "early November")


def test_lines_end_with_crlf_and_text_is_not_escaped_beyond_quoting(brief) -> None:
    text = to_csv(brief, brief.events)
    assert text.endswith("\r\n")
    assert "Türkiye" not in text  # place names only: the country is a code
    assert "\ufeff" not in text


@pytest.mark.parametrize("title", [
    "comma, inside", 'a "quoted" word', "line one\nline two", "crlf\r\nline", "lone\rcr",
    "semi; colon", "  spaced  ", "Ünïcödé ✓", "tab\tinside",
])
def test_tricky_text_reads_back_exactly(title: str) -> None:
    timeline = timeline_of({"title": title, "summary": title})
    row = rows(to_csv(timeline, timeline.events))[1]
    # Titles are folded onto one line; the summary keeps its line breaks.
    assert row[COLUMNS.index("summary")] == title
    assert row[COLUMNS.index("title")] == " ".join(title.split())


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://x","y")', "'=1+1", "'text"])
def test_formula_cells_get_an_apostrophe(text: str) -> None:
    assert defuse(text) == "'" + text
    timeline = timeline_of({"summary": text})
    cell = rows(to_csv(timeline, timeline.events))[1][COLUMNS.index("summary")]
    assert cell == "'" + text


@pytest.mark.parametrize("text", ["plain", "a=b", "1+1", "x@y", " =spaced", ""])
def test_harmless_cells_are_unchanged(text: str) -> None:
    assert defuse(text) == text


@given(st.text())
def test_any_summary_round_trips_and_never_starts_a_formula(text: str) -> None:
    timeline = timeline_of({"summary": text})
    cell = rows(to_csv(timeline, timeline.events))[1][COLUMNS.index("summary")]
    assert undefuse(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.lists(st.text(min_size=1).filter(lambda t: t.strip()), min_size=1, max_size=4))
def test_every_cell_of_every_row_round_trips(titles: list[str]) -> None:
    timeline = timeline_of(*({"title": t} for t in titles))
    table = rows(to_csv(timeline, timeline.events))
    assert len(table) == len(titles) + 1
    assert all(len(row) == len(COLUMNS) for row in table)
    got = sorted(undefuse(row[COLUMNS.index("title")]) for row in table[1:])
    assert got == sorted(" ".join(t.split()) for t in titles)
