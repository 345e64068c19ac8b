"""Timeline order: by calendar day in each event's own place, so each day is one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scale.scale_helpers import generated_yaml
from tui.app.viewmodel import TimelineData
from tui.data import cache, derived
from tui.data.load import load_timeline, timeline_from_text
from tui.data.query import Query

ZONES = Path(__file__).parents[1] / "fixtures" / "zones.yaml"


def _headers(timeline_data: TimelineData) -> list[str]:
    rows = timeline_data.rows(Query())
    return [timeline_data.groups[~row].label for row in rows.rows if row < 0]


def test_events_follow_the_calendar_of_their_own_place() -> None:
    timeline = load_timeline(ZONES, cache=False)
    assert [event.id for event in timeline.events] == [
        "new-york-year",  # 2023, first: its year's group comes before the month's...
        "tokyo-month",  # ...and the month's before the days of that month
        "ankara-day",  # 6 Nov: Ankara's midnight (21:00 UTC on the 5th)...
        "new-york-evening",  # ...then 20:00 in New York (01:00 UTC on the 7th)
        "tokyo-day",  # 7 Nov: Tokyo's midnight (15:00 UTC on the 6th)...
        "tokyo-morning",  # ...then 08:00 in Tokyo (23:00 UTC on the 6th)
    ]
    # Within a day, the real instant decides.
    assert timeline.events[2].instant < timeline.events[3].instant
    # By real instant alone, 6 November would have come back after the 7th.
    by_instant = sorted(timeline.events, key=lambda event: event.instant)
    assert [e.id for e in by_instant][-3:] == ["tokyo-day", "tokyo-morning", "new-york-evening"]


def test_each_day_month_and_year_has_one_header() -> None:
    timeline = load_timeline(ZONES, cache=False)
    assert _headers(TimelineData(timeline)) == [
        "2023 · date known to the year", "November 2023 · date known to the month",
        "Mon 6 Nov 2023", "Tue 7 Nov 2023"]


def test_a_large_mixed_timeline_never_repeats_a_header() -> None:
    """Generated events: many zones, every precision; each group is one run of rows."""
    timeline = timeline_from_text(generated_yaml(1500, seed=3), "big.yaml", cache=False)
    headers = _headers(TimelineData(timeline))
    assert len(headers) == len(set(headers))
    keys = [derived.sort_key(event, day) for event, day in
            zip(timeline.events, derived.local_days(timeline.events), strict=True)]
    assert keys == sorted(keys)


def test_the_cache_keeps_the_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NEWSTUI_NO_CACHE", raising=False)
    path = tmp_path / "zones.yaml"
    path.write_bytes(ZONES.read_bytes())
    parsed = load_timeline(path, cache=True)
    cache.flush()
    reopened = load_timeline(path, cache=True)
    assert derived.kept(reopened, "actor_members") is not None  # read from the cache
    assert [e.id for e in reopened.events] == [e.id for e in parsed.events]
    assert derived.kept(reopened, "days") == derived.local_days(reopened.events)


PLACES = {"ramallah": ("PS", "Asia/Hebron"), "baghdad": ("IQ", "Asia/Baghdad"),
          "tokyo": ("JP", "Asia/Tokyo"), "ankara": ("TR", "Europe/Istanbul")}


def _stops(stops: list[tuple[str, str]]) -> str:
    """A timeline of stops (place id, start), in this order in the file."""
    events = "\n".join(
        f"  - {{id: {place}, kind: stop, title: {place}, start: '{start}', sources: [wire],"
        f" place: {{name: {place}, country: {PLACES[place][0]}, tz: {PLACES[place][1]}}}}}"
        for place, start in stops)
    return f"title: Trip\nsources: {{wire: {{title: Wire}}}}\nevents:\n{events}\n"


def test_events_without_a_time_keep_the_file_s_order_whatever_their_zones() -> None:
    """Two stops on 5 November, Ramallah then Baghdad: Baghdad's midnight comes an hour
    before Ramallah's, but the trip (and the route bar) goes Ramallah first."""
    for order in (["ramallah", "baghdad", "tokyo"], ["tokyo", "baghdad", "ramallah"]):
        text = _stops([(place, "2023-11-05") for place in order])
        timeline = timeline_from_text(text, "trip.yaml", cache=False)
        assert [event.id for event in timeline.events] == order
        data = TimelineData(timeline)
        assert [name for _, name in data.route] == order  # the route agrees


def test_within_a_day_untimed_events_come_before_timed_ones() -> None:
    text = _stops([("tokyo", "2023-11-05T09:00+09:00"), ("ankara", "2023-11-05"),
                   ("baghdad", "2023-11-05T07:00"), ("ramallah", "2023-11-05")])
    timeline = timeline_from_text(text, "trip.yaml", cache=False)
    # Untimed in file order; then timed by instant (Tokyo 00:00 UTC, Baghdad 04:00 UTC).
    assert [event.id for event in timeline.events] == ["ankara", "ramallah", "tokyo", "baghdad"]
    assert _headers(TimelineData(timeline)) == ["Sun 5 Nov 2023"]
