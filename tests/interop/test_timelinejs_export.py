"""TimelineJS3 export: the documented structure, escaped text, and a round trip."""

from __future__ import annotations

import json
from datetime import tzinfo
from pathlib import Path

import pytest

from tests.interop.build import timeline_of
from tests.interop.support import write
from tui.data.dates import When
from tui.data.export.timelinejs import to_timelinejs
from tui.data.importers import load_any
from tui.data.load import Timeline, bundled_path, load_timeline

SLIDE_KEYS = {"unique_id", "start_date", "end_date", "display_date", "text", "group"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second"}


def record(timeline: Timeline, group_by: str = "kind") -> dict:
    return json.loads(to_timelinejs(timeline, timeline.events, group_by))  # type: ignore[arg-type]


def slides(timeline: Timeline, group_by: str = "kind") -> dict[str, dict]:
    return {s["unique_id"]: s for s in record(timeline, group_by)["events"]}


def test_documented_structure(brief) -> None:
    data = record(brief)
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["headline"] == "Briefing *test* &lt;b&gt;timeline&lt;/b&gt;"
    assert len(data["events"]) == len(brief.events)
    for slide in data["events"]:
        assert set(slide) <= SLIDE_KEYS
        assert set(slide["text"]) == {"headline", "text"}
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= DATE_KEYS
                assert all(isinstance(v, int) for v in slide[key].values())


def test_dates_hold_only_the_parts_their_precision_supports(brief) -> None:
    found = slides(brief)
    assert found["year-only"]["start_date"] == {"year": 2023}
    assert found["year-only"]["end_date"] == {"year": 2024, "month": 3}
    assert found["month-loose"]["start_date"] == {"year": 2023, "month": 11}
    assert found["formula"]["start_date"] == {"year": 2023, "month": 11, "day": 6}
    assert found["talks"]["start_date"] == {"year": 2023, "month": 11, "day": 6, "hour": 14,
                                            "minute": 30}


def test_display_date_for_loose_dates_and_time_offsets(brief) -> None:
    found = slides(brief)
    assert found["month-loose"]["display_date"] == "early November"
    assert found["talks"]["display_date"] == "6 November 2023, 14:30–16:00 (UTC+03:00)"
    assert found["statement-utc"]["display_date"] == "7 November 2023, 09:05 (UTC)"
    assert "display_date" not in found["formula"]
    loose = timeline_of({"start": "2023-11", "approximate": True})
    assert slides(loose)["e0"]["display_date"] == "about November 2023"
    worded = timeline_of({"start": "2023", "approximate": True, "date_text": "that year"})
    assert slides(worded)["e0"]["display_date"] == "that year (approximate)"


def test_times_are_local_to_the_place() -> None:
    timeline = timeline_of({"start": "2023-11-06T23:30Z", "place": {
        "name": "Ankara", "country": "TR", "tz": "Europe/Istanbul"}})
    slide = slides(timeline)["e0"]
    assert slide["start_date"] == {"year": 2023, "month": 11, "day": 7, "hour": 2, "minute": 30}
    assert slide["display_date"] == "7 November 2023, 02:30 (UTC+03:00)"


def test_text_is_escaped_html_with_source_links(brief) -> None:
    found = slides(brief)
    assert found["statement-utc"]["text"]["headline"] == (
        "@SUM(A1) and -1 &lt;script&gt;alert(1)&lt;/script&gt; _under_ #hash")
    html = found["talks"]["text"]["text"]
    assert '<a href="https://example.org/wire?a=1&amp;b=&lt;2&gt;">Wire report</a>' in html
    assert ("<blockquote>All of this is *a work* in progress"
            "<cite>Antony Blinken, in Wire report</cite></blockquote>") in html
    assert "&quot;closed&quot;" in html and "<script" not in json.dumps(record(brief))


@pytest.mark.parametrize(("group_by", "expected"), [
    ("kind", {"talks": "Meeting", "formula": "Protest", "year-only": "Action"}),
    ("country", {"talks": "Türkiye", "formula": "Türkiye", "year-only": None}),
    ("none", {"talks": None, "formula": None, "year-only": None}),
])
def test_groups(brief, group_by: str, expected: dict) -> None:
    found = slides(brief, group_by)
    assert {k: found[k].get("group") for k in expected} == expected


def _same_when(after: When, before: When, zone: tzinfo | None) -> None:
    assert after.precision == before.precision
    if before.moment is None:
        assert after == before  # same day, month or year as written
    else:
        assert after.instant() == before.instant(zone)  # same instant (offset now written)


def _same_events(original: Timeline, again: Timeline) -> None:
    assert sorted(again.by_id) == sorted(original.by_id)
    for before in original.events:
        after = again.by_id[before.id]
        assert after.title == before.title
        assert after.kind == before.kind
        _same_when(after.start, before.start, before.zone)
        assert (after.end is None) == (before.end is None)
        if before.end is not None and after.end is not None:
            _same_when(after.end, before.end, before.zone)
        assert after.approximate == before.approximate
        assert after.date_text == before.date_text


@pytest.mark.parametrize("path", [
    Path(__file__).parent / "fixtures" / "brief.yaml",
    Path(__file__).parents[1] / "fixtures" / "mini.yaml",
    bundled_path(),
], ids=["brief", "mini", "bundled"])
def test_round_trip_keeps_ids_titles_kinds_and_dates(tmp_path: Path, path: Path) -> None:
    original = load_timeline(path)
    exported = write(tmp_path, "out.json", to_timelinejs(original, original.events))
    _same_events(original, load_any(exported))


def test_title_slide_id_never_clashes_with_an_event_id() -> None:
    # TimelineJS names an id-less title slide after its headline and renames a clashing event.
    timeline = timeline_of({"id": "timeline-title"}, {"id": "timeline-title-2"},
                           {"id": "same-as-title"}, title="Same as title")
    data = record(timeline)
    assert data["title"]["unique_id"] == "timeline-title-3"
    assert [s["unique_id"] for s in data["events"]] == ["timeline-title", "timeline-title-2",
                                                        "same-as-title"]
