"""Dates are honest about precision, and sort by their real instant across time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tui.data.dates import DateError, When, period_end, zone


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        ("2023", "year", "2023"),
        ("2023-11", "month", "2023-11"),
        ("2023-11-06", "day", "2023-11-06"),
        ("2023-11-06T14:30+03:00", "time", "2023-11-06T14:30+03:00"),
        ("2023-11-06T14:30:15+03:00", "time", "2023-11-06T14:30:15+03:00"),
        ("2023-11-06T11:30Z", "time", "2023-11-06T11:30+00:00"),
        ("2023-11-06T14:30", "time", "2023-11-06T14:30"),
    ],
)
def test_parse_keeps_precision(text: str, precision: str, iso: str) -> None:
    when = When.parse(text)
    assert when.precision == precision
    assert when.iso() == iso


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-11-31", "day is out of range"),
        ("2023-02-29", "day is out of range"),
        ("2023-13", "month must be in 1..12"),
        ("6 Nov 2023", "is not a date"),
        ("2023-11-06T25:00+03:00", "not a real date or time"),
        ("", "is not a date"),
    ],
)
def test_impossible_dates_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        When.parse(text)


def test_leap_day_is_a_real_date() -> None:
    assert When.parse("2024-02-29").iso() == "2024-02-29"


def test_day_sorts_at_start_of_its_local_day() -> None:
    istanbul = zone("Europe/Istanbul")
    day = When.parse("2023-11-06")
    assert day.instant(istanbul) == datetime(2023, 11, 5, 21, 0, tzinfo=UTC)
    assert day.instant(None) == datetime(2023, 11, 6, 0, 0, tzinfo=UTC)


def test_naive_time_is_local_to_the_place() -> None:
    when = When.parse("2023-11-06T14:30")
    assert not when.has_offset
    assert when.instant(zone("Asia/Kolkata")) == datetime(2023, 11, 6, 9, 0, tzinfo=UTC)


def test_span_of_month_and_year() -> None:
    first, last = When.parse("2023-02").span()
    assert first == datetime(2023, 2, 1, tzinfo=UTC)
    assert last.date().isoformat() == "2023-02-28"
    first, last = When.parse("2020").span()
    assert (first.month, last.month, last.day) == (1, 12, 31)


def test_sorting_across_time_zones_uses_the_real_instant() -> None:
    # 09:00 in Tokyo is 00:00 UTC; 08:00 in Ankara is 05:00 UTC: Tokyo comes first.
    tokyo = When.parse("2023-11-07T09:00+09:00")
    ankara = When.parse("2023-11-07T08:00+03:00")
    assert tokyo.instant() < ankara.instant()


def test_unknown_zone_is_an_error() -> None:
    with pytest.raises(DateError, match="unknown time zone"):
        zone("Mars/Olympus_Mons")


@pytest.mark.parametrize(("precision", "first", "last"), [
    ("month", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
    ("month", date(2023, 2, 1), date(2023, 2, 28)),
    ("month", date(2023, 12, 1), date(2023, 12, 31)),  # across the year's end
    ("month", date(2023, 4, 1), date(2023, 4, 30)),
    ("year", date(2023, 1, 1), date(2023, 12, 31)),
    ("day", date(2023, 11, 6), date(2023, 11, 6)),
])
def test_period_end_is_the_last_day_of_the_period(precision: str, first: date,
                                                   last: date) -> None:
    assert period_end(precision, first) == last


def test_period_end_agrees_with_the_next_periods_first_day_for_every_month() -> None:
    for year in (1900, 2000, 2023, 2024):
        for month in range(1, 13):
            first = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            assert period_end("month", first) == following - timedelta(days=1)
