"""Valid timelines survive the JSON export and back, field by field.

Generated timelines are written as YAML or JSON, loaded, exported with the JSON exporter
(tui.data.export.jsonfmt), turned back into the input form by :func:`record_to_input`
(written here, independently of the exporter's own reader) and loaded again.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.data.export.jsonfmt import to_json
from tui.data.load import Timeline, timeline_from_text
from tui.data.model import (
    ACTOR_KINDS,
    EVENT_ROLES,
    KINDS,
    LINK_RELS,
    RECORDS,
    Event,
    dump,
    field_names,
)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COUNTRIES = ["TR", "US", "NO", "PS", "IN", "DE", "UA", "IL"]
ZONES = ["Europe/Istanbul", "America/New_York", "Asia/Kolkata", "UTC"]
# YAML reads NEL, LS and PS as line breaks (newstui refuses them raw in YAML); JSON keeps
# them, so the JSON-written documents get every character.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
YAML_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029")

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True)


def dates(low: int = 1900, high: int = 2100) -> st.SearchStrategy[date]:
    return st.dates(min_value=date(low, 1, 1), max_value=date(high, 12, 31))


@st.composite
def when(draw: st.DrawFn, day: date, zoned: bool) -> str:
    """``day`` written at a random precision (a local time only if the place has a zone)."""
    form = draw(st.sampled_from(["year", "month", "day", "offset", "local"]
                                if zoned else ["year", "month", "day", "offset"]))
    if form == "year":
        return f"{day.year:04d}"
    if form == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if form == "day":
        return day.isoformat()
    clock = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if draw(st.booleans()):
        clock += f":{draw(st.integers(0, 59)):02d}"
    if form == "local":
        return f"{day.isoformat()}T{clock}"
    minutes = draw(st.sampled_from([-600, -300, 0, 60, 180, 330, 345]))
    sign = "+" if minutes >= 0 else "-"
    return f"{day.isoformat()}T{clock}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@st.composite
def timelines(draw: st.DrawFn, char: st.SearchStrategy[str]) -> dict[str, Any]:
    """A valid timeline document in newstui's input form."""
    text = st.text(char, min_size=1, max_size=25)
    maybe = lambda strategy: st.one_of(st.none(), strategy)  # noqa: E731
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    actor_ids = draw(st.lists(ids, max_size=3, unique=True))
    sources = {}
    for sid in source_ids:
        source = {"title": draw(text), "published": draw(dates()).isoformat(),
                  "publisher": draw(maybe(text)),
                  "url": draw(maybe(ids.map(lambda s: f"https://example.org/{s}")))}
        sources[sid] = {k: v for k, v in source.items() if v is not None}
    actors = {}
    for aid in actor_ids:
        actor = {"name": draw(text), "kind": draw(st.sampled_from(ACTOR_KINDS)),
                 "role": draw(maybe(text)), "country": draw(maybe(st.sampled_from(COUNTRIES))),
                 "aliases": draw(st.lists(text, max_size=2))}
        actors[aid] = {k: v for k, v in actor.items() if v is not None}
    event_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    events = []
    for eid in event_ids:
        zone = draw(maybe(st.sampled_from(ZONES)))
        start_day = draw(dates(1950, 2050))
        event: dict[str, Any] = {
            "id": eid, "kind": draw(st.sampled_from(KINDS)), "title": draw(text),
            "summary": draw(st.text(char, max_size=40)),
            "start": draw(when(start_day, zone is not None)),
            "approximate": draw(st.booleans()), "date_text": draw(maybe(text)),
            "sources": draw(st.lists(st.sampled_from(source_ids), min_size=1, unique=True)),
            "tags": draw(st.lists(text, max_size=3)), "note": draw(maybe(text)),
        }
        if draw(st.booleans()):  # a later day (one past the start's year: never before it)
            event["end"] = (date(start_day.year + 1, 1, 1)
                            + timedelta(days=draw(st.integers(0, 400)))).isoformat()
        if zone is not None or draw(st.booleans()):
            place = {"name": draw(text), "country": draw(st.sampled_from(COUNTRIES)),
                     "lat": draw(maybe(st.floats(-90, 90))), "tz": zone,
                     "lon": draw(maybe(st.floats(-180, 180)))}
            event["place"] = {k: v for k, v in place.items() if v is not None}
        if actor_ids:
            chosen = draw(st.lists(st.sampled_from(actor_ids), unique=True))
            event["actors"] = [{"id": a, "role": draw(st.sampled_from(EVENT_ROLES))}
                               if draw(st.booleans()) else a for a in chosen]
            event["quotes"] = [{"speaker": draw(st.sampled_from(actor_ids)), "text": draw(text),
                                "source": draw(st.sampled_from(source_ids))}
                               for _ in range(draw(st.integers(0, 2)))]
        others = [other for other in event_ids if other != eid]
        if others:
            event["links"] = [{"rel": draw(st.sampled_from(LINK_RELS)),
                               "to": draw(st.sampled_from(others))}
                              for _ in range(draw(st.integers(0, 2)))]
        events.append({k: v for k, v in event.items() if v is not None})
    return {"title": draw(text), "description": draw(st.text(char, max_size=40)),
            "sources": sources, "actors": actors, "events": events}


def record_to_input(record: dict[str, Any]) -> dict[str, Any]:
    """The JSON export's record back in newstui's input form (derived fields dropped)."""
    events = []
    for item in record["events"]:
        event = {key: item[key] for key in ("id", "kind", "title", "summary", "start", "end",
                                            "approximate", "date_text", "tags", "note")}
        event["sources"] = [source["id"] for source in item["sources"]]
        event["actors"] = [{"id": ref["id"], "role": ref["role"]} for ref in item["actors"]]
        event["quotes"] = [{key: quote[key] for key in ("speaker", "text", "source")}
                           for quote in item["quotes"]]
        event["links"] = [{"rel": link["rel"], "to": link["to"]} for link in item["links"]]
        place = item["place"]
        event["place"] = None if place is None else {
            key: place[key] for key in ("name", "country", "lat", "lon", "tz")}
        events.append(event)
    return {"title": record["title"], "description": record["description"],
            "sources": record["sources"], "actors": record["actors"], "events": events}


def same_event(a: Event, b: Event) -> None:
    for name in field_names(Event):
        left, right = getattr(a, name), getattr(b, name)
        if type(left) in RECORDS:
            left, right = dump(left), dump(right)
        elif isinstance(left, list) and left and type(left[0]) in RECORDS:
            left, right = [dump(x) for x in left], [dump(x) for x in right]
        assert left == right, (a.id, name, left, right)
    assert a.instant == b.instant


def roundtrip(first: Timeline) -> Timeline:
    record = json.loads(to_json(first, first.events))
    return timeline_from_text(json.dumps(record_to_input(record), ensure_ascii=False),
                              "back.json", cache=False)


def check(first: Timeline) -> None:
    back = roundtrip(first)
    assert (back.title, back.description) == (first.title, first.description)
    assert [e.id for e in back.events] == [e.id for e in first.events]
    for a, b in zip(first.events, back.events, strict=True):
        same_event(a, b)
    for registry in ("sources", "actors"):
        mine, theirs = getattr(first, registry), getattr(back, registry)
        assert set(theirs) <= set(mine)  # the export carries the registries it refers to
        for key, value in theirs.items():
            assert value == mine[key]


@SETTINGS
@given(timelines(YAML_CHAR), st.booleans())
def test_yaml_written_timelines_round_trip(doc: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    check(timeline_from_text(text, "first.yaml", cache=False))


@SETTINGS
@given(timelines(ANY_CHAR))
def test_json_written_timelines_round_trip(doc: dict[str, Any]) -> None:
    check(timeline_from_text(json.dumps(doc, ensure_ascii=False), "first.json", cache=False))


@SETTINGS
@given(timelines(YAML_CHAR))
def test_loading_keeps_what_was_written(doc: dict[str, Any]) -> None:
    """No value changes on the way in: every text field is read back exactly."""
    timeline = timeline_from_text(yaml.safe_dump(doc, allow_unicode=True), "w.yaml", cache=False)
    assert timeline.title == doc["title"] and timeline.description == doc["description"]
    for raw in doc["events"]:
        event = timeline.by_id[raw["id"]]
        for key in ("kind", "title", "summary", "date_text", "note", "approximate", "tags"):
            assert getattr(event, key) == raw.get(key, getattr(event, key)), key
        # the canonical form drops zero seconds: 10:30:00 is written back as 10:30
        assert event.start.iso() == re.sub(r"(T\d\d:\d\d):00(?=$|[+-])", r"\1", raw["start"])
    for sid, raw in doc["sources"].items():
        assert timeline.sources[sid].title == raw["title"]
