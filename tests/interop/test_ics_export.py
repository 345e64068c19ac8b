"""iCalendar export: valid RFC 5545 that icalendar parses back, one entry per event."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from tests.interop.build import timeline_of
from tui.data.export.icsfmt import PRODID, to_ics, uid

NOW = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def parse(text: str) -> Calendar:
    return Calendar.from_ical(text.encode("utf-8"))


def entries(text: str) -> dict[str, object]:
    return {str(e["UID"]).split(".")[0]: e for e in parse(text).walk("VEVENT")}


def test_calendar_properties_and_one_entry_per_event(brief) -> None:
    text = to_ics(brief, brief.events, NOW)
    calendar = parse(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    events = calendar.walk("VEVENT")
    assert len(events) == len(brief.events)
    for entry in events:
        assert entry["DTSTAMP"].dt == NOW
        assert entry["SUMMARY"]
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded


def test_uid_is_stable_per_event_and_distinct_per_timeline(brief) -> None:
    first = [str(e["UID"]) for e in parse(to_ics(brief, brief.events, NOW)).walk("VEVENT")]
    again = [str(e["UID"]) for e in parse(to_ics(brief, brief.events[::-1], NOW)).walk("VEVENT")]
    assert sorted(first) == sorted(again) and len(set(first)) == len(first)
    other = timeline_of({"title": "x"}, title="Another timeline")
    assert uid(other, other.events[0]) != uid(timeline_of({"title": "x"}), other.events[0])


def test_day_precision_is_all_day_with_exclusive_end(brief) -> None:
    entry = entries(to_ics(brief, brief.events, NOW))["formula"]
    assert entry["DTSTART"].dt == date(2023, 11, 6)
    assert entry["DTEND"].dt == date(2023, 11, 9)  # the 6th to the 8th, inclusive
    assert entry["LOCATION"] == "Ankara, Türkiye"


def test_time_with_place_zone_keeps_its_tzid(brief) -> None:
    text = to_ics(brief, brief.events, NOW)
    assert "DTSTART;TZID=Europe/Istanbul:20231106T143000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Istanbul" in text
    entry = entries(text)["talks"]
    assert entry["DTSTART"].dt.astimezone(UTC) == datetime(2023, 11, 6, 11, 30, tzinfo=UTC)
    assert entry["DTEND"].dt.astimezone(UTC) == datetime(2023, 11, 6, 13, 0, tzinfo=UTC)
    assert entry["GEO"].latitude == 39.93 and entry["GEO"].longitude == 32.85


def test_time_with_offset_only_is_exact_in_utc(brief) -> None:
    text = to_ics(brief, brief.events, NOW)
    assert "DTSTART:20231107T090500Z" in text
    assert "DTEND" not in entries(text)["statement-utc"]


def test_month_and_year_precision_span_their_period_and_say_so(brief) -> None:
    found = entries(to_ics(brief, brief.events, NOW))
    month = found["month-loose"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (date(2023, 11, 1), date(2023, 12, 1))
    description = str(month["DESCRIPTION"])
    assert "Date known only to the month (November 2023)." in description
    assert "approximate" in description and "early November" in description
    year = found["year-only"]
    assert (year["DTSTART"].dt, year["DTEND"].dt) == (date(2023, 1, 1), date(2024, 4, 1))


def test_description_has_sources_quotes_and_actors(brief) -> None:
    description = str(entries(to_ics(brief, brief.events, NOW))["talks"]["DESCRIPTION"])
    assert "“All of this is *a work* in progress” (Antony Blinken, in Wire report)" in description
    assert "Actors: Antony Blinken, Hakan Fidan (host)" in description
    assert ("- Wire report, Example Wire, 10 November 2023, https://example.org/wire?a=1&b=<2>"
            in description)
    assert "- Field notes, \"day two\", November 2023" in description


def test_url_is_a_valid_uri_and_text_is_escaped(brief) -> None:
    text = to_ics(brief, brief.events, NOW)
    assert "URL:https://example.org/wire?a=1&b=%3C2%3E" in text
    assert 'SUMMARY:=HYPERLINK("http://evil.example"\\,"click")' in text  # TEXT escaping
    entry = entries(text)["formula"]
    assert str(entry["SUMMARY"]) == '=HYPERLINK("http://evil.example","click")'
    assert "# Second line \"quoted\"\n+ third line" in str(entry["DESCRIPTION"])


def test_empty_view_is_a_valid_empty_calendar(brief) -> None:
    calendar = parse(to_ics(brief, [], NOW))
    assert calendar.walk("VEVENT") == []
