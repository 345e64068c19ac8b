"""JSON export: the normalised, sorted, filtered timeline, and a lossless round trip."""

from __future__ import annotations

import json

from tui.data.export.jsonfmt import to_json
from tui.data.export.records import document_from_record
from tui.data.load import bundled_path, load_timeline, timeline_from_text
from tui.data.model import dump
from tui.data.query import Index, Query


def test_export_shape_and_resolved_references(mini_path) -> None:
    timeline = load_timeline(mini_path)
    data = json.loads(to_json(timeline, timeline.events))
    assert data["title"] == "Mini timeline"
    assert [e["id"] for e in data["events"]] == ["0123", "arrive-ankara", "talks"]
    talks = data["events"][2]
    assert talks["start"] == "2023-11-06T14:30+03:00"
    assert talks["precision"] == "time"
    assert talks["place"] == {"name": "Foreign Ministry", "country": "TR",
                              "country_name": "Türkiye", "lat": None, "lon": None,
                              "tz": "Europe/Istanbul"}
    assert talks["actors"] == [
        {"id": "blinken", "name": "Antony Blinken", "role": None},
        {"id": "fidan", "name": "Hakan Fidan", "role": "host"},
    ]
    assert talks["quotes"][0]["speaker_name"] == "Antony Blinken"
    assert talks["sources"] == [{"id": "wire", "title": "Wire report",
                                 "publisher": "Example Wire", "published": "2023-11-10",
                                 "url": None}]
    month = data["events"][0]
    assert (month["start"], month["precision"], month["approximate"]) == ("2023-11", "month",
                                                                         True)


def test_filtered_export_contains_only_matching_events(mini_path) -> None:
    timeline = load_timeline(mini_path)
    query = Query(country=frozenset({"TR"}), actor=frozenset({"fidan"}))
    events = [timeline.events[i] for i in query.select(Index(timeline))]
    data = json.loads(to_json(timeline, events))
    assert [e["id"] for e in data["events"]] == ["talks"]
    assert set(data["actors"]) == {"blinken", "fidan"}


def _round_trip(path) -> None:
    timeline = load_timeline(path)
    exported = json.loads(to_json(timeline, timeline.events))
    again = timeline_from_text(json.dumps(document_from_record(exported)), "again.json")
    assert [dump(e) for e in again.events] == [dump(e) for e in timeline.events]
    assert again.actors == timeline.actors
    assert again.sources == timeline.sources
    assert json.loads(to_json(again, again.events)) == exported


def test_round_trip_is_lossless(mini_path) -> None:
    _round_trip(mini_path)


def test_round_trip_of_the_bundled_timeline() -> None:
    _round_trip(bundled_path())


def test_terminal_unsafe_characters_are_escaped_losslessly(tmp_path) -> None:
    from tests.data.helpers import HEADER, load

    title = "csi\u009b2J rlo\u202eevil del\u007f"
    timeline = load(HEADER + f"""\
  - id: a
    kind: stop
    title: "{title.encode('unicode_escape').decode()}"
    start: 2023-11-06
    sources: [wire]
""")
    text = to_json(timeline, timeline.events)
    assert "\u009b" not in text and "\u202e" not in text and "\u007f" not in text
    assert "\\u009b" in text and "\\u202e" in text
    assert json.loads(text)["events"][0]["title"] == title
