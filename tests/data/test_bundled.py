"""The curated events.yaml: valid, complete for 5-10 November 2023, honest about sources."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tui.data.load import Timeline, bundled_path, load_timeline


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(bundled_path())


def test_bundled_file_validates(bundled: Timeline) -> None:
    assert 20 <= len(bundled.events) <= 40
    assert len(bundled.sources) == 2


def test_modeline_points_editors_at_the_schema() -> None:
    first = bundled_path().read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")


def test_every_event_cites_a_known_source_and_no_url_is_invented(bundled: Timeline) -> None:
    for event in bundled.events:
        assert event.sources
        assert all(s in bundled.sources for s in event.sources)
    assert all(source.url is None for source in bundled.sources.values())
    assert all(source.archive for source in bundled.sources.values())


def test_core_days_are_covered(bundled: Timeline) -> None:
    days = Counter(e.start.day for e in bundled.events if e.start.precision == "day")
    for day in range(5, 11):
        assert days[date(2023, 11, day)] >= 1, f"no event on {day} November"


def test_relative_dates_resolved_against_the_article(bundled: Timeline) -> None:
    by_id = bundled.by_id
    # "Israel on Thursday agreed" in the article of Friday 10 November 2023.
    pauses = [e for e in bundled.events if "pause" in e.title.lower()]
    assert pauses and all(e.start.iso() == "2023-11-09" for e in pauses)
    # "testimony to Congress on Wednesday" -> 8 November.
    hearing = [e for e in bundled.events if e.kind == "hearing"]
    assert hearing and hearing[0].start.iso() == "2023-11-08"
    assert any(e.kind == "stop" and e.place and e.place.country == "TR" and
               e.start.iso() == "2023-11-06" for e in by_id.values())


def test_public_record_facts_carry_a_note(bundled: Timeline) -> None:
    for event in bundled.events:
        if event.kind == "stop" and event.place and event.place.country in {"JP", "KR"}:
            assert event.note and "public record" in event.note.lower()


def test_loosely_dated_events_say_so(bundled: Timeline) -> None:
    loose = [e for e in bundled.events if e.start.precision in {"year", "month"}]
    assert loose
    assert all(e.note for e in loose)
