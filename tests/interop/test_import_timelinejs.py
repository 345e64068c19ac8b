"""Opening TimelineJS3 JSON: every feature real files use, and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.interop.support import FIXTURES, place, write
from tui.data.errors import TimelineError
from tui.data.importers import load_any
from tui.data.load import Timeline


@pytest.fixture
def features(tmp_path: Path) -> Timeline:
    return load_any(place(FIXTURES / "features.timelinejs.json", tmp_path))


def test_title_slide_and_eras(features: Timeline) -> None:
    assert features.title == "Feature test timeline"
    assert features.description == (
        "Intro with a link (https://example.org/about) & an entity.\n\n"
        "Eras in the TimelineJS file:\n"
        "- The nineties (1990 – 1999)\n"
        "- The noughties (2000 – 2009)")


def test_ids_from_unique_id_or_headline_made_unique(features: Timeline) -> None:
    ids = sorted(features.by_id, key=features.order.__getitem__)  # the file's order
    assert ids == ["strings", "numbers-as-numbers", "no-headline-here", "naive-time",
                   "time-with-offset", "loose-date", "end-without-year", "strings-2",
                   "weird-id", "sloppy-numbers"]


def test_html_becomes_plain_text_keeping_link_urls(features: Timeline) -> None:
    event = features.by_id["strings"]
    assert event.title == "Strings & HTML"
    assert event.summary == ("Para one with a link (https://example.org/a).\n\n"
                             "Para two & more.\nLine two\n\n- item")


def test_groups_become_kinds_or_tags(features: Timeline) -> None:
    assert features.by_id["strings"].kind == "protest"  # group "Protests"
    assert features.by_id["strings"].tags == []
    assert features.by_id["time-with-offset"].kind == "meeting"  # group "meeting"
    culture = features.by_id["numbers-as-numbers"]
    assert (culture.kind, culture.tags) == ("statement", ["Culture"])
    assert features.by_id["loose-date"].kind == "statement"  # no group: the default


def test_sources_are_the_file_and_each_media_credit(features: Timeline) -> None:
    own = features.sources["features-timelinejs"]
    assert own.title == "Feature test timeline (TimelineJS JSON file features.timelinejs.json)"
    assert own.published is None and own.url is None  # TimelineJS gives no date: none made up
    assert all(e.sources[0] == "features-timelinejs" for e in features.events)
    photo = features.sources[features.by_id["numbers-as-numbers"].sources[1]]
    assert (photo.title, photo.publisher, photo.url) == (
        "A photo", "A. Photographer", "https://example.org/photographer")
    wire = features.sources[features.by_id["no-headline-here"].sources[1]]
    # No link in the credit: the media's (protocol-relative) address is the source's URL.
    assert (wire.title, wire.publisher, wire.url) == ("Wire", None,
                                                      "https://cdn.example.org/v.mp4")
    assert len(features.sources) == 3


def test_date_parts_as_strings_numbers_empty_or_sloppy(features: Timeline) -> None:
    assert features.by_id["strings"].start.iso() == "1995-08-09"
    numbers = features.by_id["numbers-as-numbers"]
    assert (numbers.start.iso(), numbers.end.iso()) == ("1996-03", "1997")
    assert features.by_id["no-headline-here"].start.iso() == "1998"  # "" month and day
    assert features.by_id["sloppy-numbers"].start.iso() == "2004-02"  # " 2,004 ", 2.0


def test_time_without_zone_is_kept_to_the_day_and_said_so(features: Timeline) -> None:
    event = features.by_id["naive-time"]
    assert (event.start.precision, event.start.iso()) == ("day", "1999-01-02")
    assert event.date_text == "2 January 1999, 06:45"
    assert "without a time zone" in (event.note or "")
    assert "1999-01-02T06:45+HH:MM" in (event.note or "")


def test_time_with_offset_in_display_date_is_kept(features: Timeline) -> None:
    event = features.by_id["time-with-offset"]
    assert event.start.iso() == "1999-05-04T14:30+03:00"
    assert event.end is not None and event.end.iso() == "1999-05-04T16:00+03:00"
    assert event.date_text is None  # the display date said nothing more than the dates


def test_hedged_display_date_is_approximate(features: Timeline) -> None:
    event = features.by_id["loose-date"]
    assert (event.approximate, event.date_text) == (True, "circa 2000")


def test_end_date_without_year_is_ignored_with_a_note(features: Timeline) -> None:
    event = features.by_id["end-without-year"]
    assert event.end is None
    assert "end date without a year" in (event.note or "")


def test_missing_headline_and_null_fields(features: Timeline) -> None:
    from_text = features.by_id["no-headline-here"]
    assert from_text.title == "No headline here."
    assert "title is taken from the start of its text" in (from_text.note or "")
    empty = features.by_id["weird-id"]
    assert (empty.title, empty.summary, empty.sources) == (
        "Untitled event", "", ["features-timelinejs"])


def test_media_and_location_go_to_the_note(features: Timeline) -> None:
    assert features.by_id["numbers-as-numbers"].note == (
        "Media: A photo — https://example.org/photo.jpg")
    assert features.by_id["sloppy-numbers"].note == "Media: An embedded quote."
    assert "Map location in the file: Somewhere (1.5, 2.5)" in (
        features.by_id["naive-time"].note or "")


def test_lines_point_into_the_json_file(features: Timeline, tmp_path: Path) -> None:
    text = (FIXTURES / "features.timelinejs.json").read_text(encoding="utf-8")
    line = text.splitlines().index('      "unique_id": "strings",') + 1
    assert features.lines["strings"] == line - 1  # the slide's opening brace


BAD = """\
{
  "events": [
    {"start_date": {"year": "2001", "month": "13"}, "text": {"headline": "Bad month"}},
    {"start_date": {"year": "abc"}, "text": {"headline": "Bad year"}},
    {"text": {"headline": "No start"}},
    {"start_date": {"year": "-44", "month": "3", "day": "15"}, "text": {"headline": "Ides"}},
    {"start_date": {"year": 2001, "month": 2, "day": 30}, "text": {"headline": "No day"}},
    {"start_date": {"year": "2005"}, "end_date": {"year": "2004"},
     "text": {"headline": "Backwards"}},
    {"start_date": {"year": "2006", "day": "3"}, "text": {"headline": "Day, no month"}},
    "not a slide"
  ]
}
"""


def test_problems_are_located_by_line_column_and_json_path(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", BAD)
    with pytest.raises(TimelineError) as caught:
        load_any(path)
    lines = [p.format() for p in caught.value.problems]
    assert caught.value.exit_code == 1
    assert lines == [
        f"{path}:3:46: event bad-month: events[0].start_date.month: month 13 is out of range "
        "(1-12)",
        f"{path}:4:29: event bad-year: events[1].start_date.year: 'abc' is not a whole number "
        "(write it as digits, e.g. 1963)",
        f"{path}:5:5: event no-start: events[2].start_date: the slide has no start date "
        "(every TimelineJS event needs a start_date with a year)",
        f"{path}:6:29: event ides: events[3].start_date.year: year -44 is before 1 CE, which "
        "newstui dates cannot hold (newstui timelines cover years 1 to 9999)",
        f"{path}:7:54: event no-day: events[4].start_date.day: 2001-02 has no day 30",
        f"{path}:8:50: event backwards: end: ends (2004) before it starts (2005) "
        "(swap start and end, or fix the date)",
        f"{path}:10:44: event day-no-month: events[6].start_date.day: the day is given but "
        "not the month (add the month or remove the day)",
        f"{path}:11:5: events[7]: expected a slide object ({{...}})",
    ]


def test_json_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.json", '{"events": [\n  {"start_date": {"year": 1}\n')
    with pytest.raises(TimelineError) as caught:
        load_any(path, source_format="timelinejs")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert "JSON syntax error" in problem.message


def test_a_file_without_events_is_not_a_timeline(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps({"title": {"text": {"headline": "T"}}}))
    with pytest.raises(TimelineError) as caught:
        load_any(path)
    assert "not a TimelineJS timeline: no 'events' list" in str(caught.value)


def test_empty_events_list_with_a_title_slide_opens_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps(
        {"title": {"text": {"headline": "Empty"}}, "events": []}))
    timeline = load_any(path)
    assert (timeline.title, timeline.events) == ("Empty", [])


@pytest.mark.parametrize(("shown", "start"), [
    ("4 May 1999, 14:30 (UTC+03:00)", "1999-05-04T14:30+03:00"),
    ("14:30 GMT-5:30", "1999-05-04T14:30-05:30"),
    ("14:30 UTC", "1999-05-04T14:30+00:00"),
    ("14:30 UTC−02:00", "1999-05-04T14:30-02:00"),  # a typographic minus
    ("14:30 UTC+25:00", "1999-05-04"),  # not a real offset: kept to the day
    ("14:30", "1999-05-04"),
])
def test_offsets_stated_in_the_display_date(tmp_path: Path, shown: str, start: str) -> None:
    path = write(tmp_path, "t.json", json.dumps({"events": [{
        "start_date": {"year": 1999, "month": 5, "day": 4, "hour": 14, "minute": 30},
        "display_date": shown, "text": {"headline": "T"}}]}))
    assert load_any(path).events[0].start.iso() == start
