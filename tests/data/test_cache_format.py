"""The cache payload (JSON lines of columns) and the slotted, frozen records it rebuilds."""

from __future__ import annotations

import dataclasses
import json
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.scale.scale_helpers import no_parsing, snapshot
from tui.data import cache, cacheform
from tui.data.load import load_timeline
from tui.data.model import Event, dump, validate_event
from tui.data.packing import pack_ints, unpack_ints

# Everything the encoder treats specially: times with and without offsets ("Z", +05:30,
# local to the place), year/month/day precision, a dated source, -0.0 and 0.0 (equal, not
# the same coordinate), a repeated place, records repeated across events, no actors.
EDGES = """\
title: Edges
description: "Cases the cache must keep exactly"
sources:
  wire: {title: Wire, published: "2023-11-10T09:00Z"}
  paper: {title: Paper, publisher: Daily, published: "2023-11", url: "https://e.org/a"}
  undated: {title: Undated, archive: undated.txt}
events:
  - id: a
    kind: stop
    title: Zero west
    start: "2023-11-06T14:30Z"
    end: "2023-11-06T16:00:30.5+00:00"
    place: {name: Null Island, country: GH, lat: -0.0, lon: 0.0}
    quotes: []
    sources: [wire, paper]
    tags: [x, y]
  - id: b
    kind: meeting
    title: Zero east
    summary: "Ünïcode — “quoted” \\u202e text"
    start: "2023-11-06T09:15"
    place: {name: Null Island, country: GH, lat: 0.0, lon: -0.0, tz: Africa/Accra}
    approximate: true
    date_text: around then
    sources: [wire]
    tags: [y]
    links: [{rel: follows, to: a}]
  - id: c
    kind: statement
    title: Month
    start: "2023-11"
    end: "2024"
    place: {name: Delhi, country: IN, lat: 28.61, lon: 77.21, tz: Asia/Kolkata}
    sources: [paper]
    links: [{rel: follows, to: a}, {rel: related, to: b}]
    note: a note
  - id: d
    kind: statement
    title: Offset
    start: "2023-11-07T10:00+05:30"
    place: {name: Delhi, country: IN, lat: 28.61, lon: 77.21, tz: Asia/Kolkata}
    sources: [undated]
"""


def _cached(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            name: str = "edges.yaml") -> tuple[Any, Any]:
    """The timeline parsed, then read back from the cache (a miss would fail the test)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    first = load_timeline(path, cache=True)
    cache.flush()
    with monkeypatch.context() as patch:
        patch.setattr("tui.data.load._read_timeline", no_parsing)  # a hit, not a parse
        return first, load_timeline(path, cache=True)


def test_a_hit_keeps_every_value_exactly(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _cached(EDGES, tmp_path, monkeypatch)
    assert snapshot(second) == snapshot(first)
    lats = {event.id: repr(event.place.lat) for event in second.events if event.place}
    assert lats == {"a": "-0.0", "b": "0.0", "c": "28.61", "d": "28.61"}
    assert [event.id for event in second.events] == [event.id for event in first.events]
    assert second.sources["wire"].published == first.sources["wire"].published
    assert second.sources["undated"].published is None
    for before, after in zip(first.events, second.events, strict=True):
        assert after == before
        assert after.instant == before.instant and after.zone == before.zone
        for name in ("start", "end"):
            mine, theirs = getattr(before, name), getattr(after, name)
            if mine is not None and mine.moment is not None:
                assert theirs.moment.tzinfo == mine.moment.tzinfo  # same kind of zone
                assert theirs.moment.utcoffset() == mine.moment.utcoffset()


def test_a_hit_shares_repeated_records_and_strings(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _, second = _cached(EDGES, tmp_path, monkeypatch)
    events = second.by_id  # type: ignore[attr-defined]
    assert events["c"].place is events["d"].place  # equal places: one instance
    assert events["a"].place is not events["b"].place  # -0.0 is not 0.0
    assert events["b"].links[0] is events["c"].links[0]
    assert events["a"].sources is not events["b"].sources  # lists stay each event's own
    assert events["a"].sources[0] is events["b"].sources[0]


def _rewrite(entry: Path, change: object) -> None:
    """Apply ``change`` to the entry's parsed payload lines and write it with a valid CRC."""
    header, _, payload = entry.read_bytes().partition(b"\n")
    lines = [json.loads(line) for line in payload.splitlines()]
    change(lines)  # type: ignore[operator]
    body = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    fields = {**json.loads(header), "crc32": zlib.crc32(body), "size": len(body)}
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + body)


def _short_column(lines: list[dict]) -> None:
    lines[-1]["title"].pop()


def _missing_column(lines: list[dict]) -> None:
    del lines[-1]["kind"]


def _missing_chunk(lines: list[dict]) -> None:
    lines.pop()


def _repacked(column: str, change: object) -> str:
    values = unpack_ints(column).tolist()
    change(values)  # type: ignore[operator]
    return pack_ints(values)


def _bad_precision(lines: list[dict]) -> None:
    lines[1]["precision"] = _repacked(lines[1]["precision"],
                                      lambda v: v.__setitem__(0, 7))  # no such precision


def _bad_index(lines: list[dict]) -> None:
    lines[-1]["start"] = _repacked(lines[-1]["start"], lambda v: v.__setitem__(0, 10 ** 6))


@pytest.mark.parametrize("change", [_short_column, _missing_column, _missing_chunk,
                                    _bad_precision, _bad_index])
def test_checksummed_entry_with_a_wrong_shape_is_a_miss(tmp_path: Path, change: object) -> None:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    load_timeline(path, cache=True)
    cache.flush()
    (entry,) = cache.cache_dir().glob("*.json")
    key = entry.stem
    assert cache.load(key, path) is not None
    _rewrite(entry, change)
    assert cache.load(key, path) is None


def test_events_come_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cacheform, "CHUNK", 3)
    first, second = _cached(EDGES + EDGES.split("events:\n")[1].replace("id: ", "id: z"),
                            tmp_path, monkeypatch)
    (entry,) = cache.cache_dir().glob("*.json")
    assert len(entry.read_bytes().splitlines()) == 1 + 5 + 3  # header, tables, 8 events / 3
    assert snapshot(second) == snapshot(first)  # type: ignore[arg-type]


def test_records_are_slotted_frozen_and_compare_by_field() -> None:
    raw = {"id": "e", "kind": "stop", "title": "T", "start": "2023-11-06", "sources": ["s"],
           "place": {"name": "Ankara", "country": "TR", "tz": "Europe/Istanbul"}}
    event = validate_event(raw)
    assert not hasattr(event, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = "changed"  # type: ignore[misc]
    assert str(event.instant) == "2023-11-05 21:00:00+00:00"  # local midnight, in UTC
    assert "instant" not in dump(event) and "instant" not in repr(event)
    assert validate_event(raw) == event
    assert validate_event({**raw, "title": "Other"}) != event
    assert isinstance(event, Event) and event.country == "TR"



def test_a_timeline_without_events_or_actors_round_trips(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _cached("title: Empty\nsources: {s: {title: S}}\nevents: []\n", tmp_path,
                            monkeypatch)
    assert snapshot(second) == snapshot(first)  # type: ignore[arg-type]
    assert second.events == [] and second.actors == {}  # type: ignore[attr-defined]
    (entry,) = cache.cache_dir().glob("*.json")
    assert cache.load(entry.stem, None) is not None  # a hit, not a miss parsed again


def test_held_writes_wait_for_release(tmp_path: Path) -> None:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    cache.hold()
    try:
        load_timeline(path, cache=True)
        writer = cache._writers[-1]
        writer.join(0.3)
        assert writer.is_alive()
        assert not list(cache.cache_dir().glob("*.json"))
    finally:
        cache.release()
    cache.flush()
    assert len(list(cache.cache_dir().glob("*.json"))) == 1
