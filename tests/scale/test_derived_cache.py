"""What a cache entry keeps beside the events (each actor's event positions, each event's
local day) is what the events give; an entry whose kept part is wrong is a miss."""

from __future__ import annotations

import gc
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.scale.scale_helpers import generated_yaml, no_parsing
from tui.app.text import local_day
from tui.app.viewmodel import TimelineData
from tui.data import cache, derived
from tui.data.load import Timeline, load_timeline
from tui.data.packing import pack_ints, unpack_ints
from tui.data.query import FACETS, Index, Query

DERIVED = 4  # the payload's line of derived data (after meta, dates, records, registries)


def _fresh_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      count: int = 300) -> tuple[Timeline, Timeline]:
    """The timeline as parsed, then as read back from the cache (a miss fails the test)."""
    path = tmp_path / "t.yaml"
    path.write_text(generated_yaml(count, seed=3), encoding="utf-8")
    fresh = load_timeline(path, cache=True)
    cache.flush()
    with monkeypatch.context() as patch:
        patch.setattr("tui.data.load._read_timeline", no_parsing)
        return fresh, load_timeline(path, cache=True)


def _actors_of(timeline: Timeline, i: int) -> set[str]:
    event = timeline.events[i]
    return {ref.id for ref in event.actors} | {quote.speaker for quote in event.quotes}


def test_kept_actor_positions_give_the_index_the_events_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, cached = _fresh_and_cached(tmp_path, monkeypatch)
    assert derived.kept(cached, "actor_members") is not None  # the hit brought them along
    assert derived.kept(fresh, "actor_members") is None
    built, read = Index(fresh), Index(cached)
    for facet in FACETS:
        assert list(read.masks[facet]) == list(built.masks[facet])  # same values, same order
        assert dict(read.masks[facet].items()) == dict(built.masks[facet].items())
        assert read.totals[facet] == built.totals[facet]
        assert list(map(set, read.values[facet])) == list(map(set, built.values[facet]))
    for actor, mask in read.masks["actor"].items():  # and what a plain walk gives
        assert mask == sum(1 << i for i in range(read.size) if actor in _actors_of(fresh, i))
    query = Query(kind=frozenset({"meeting"}))
    for facet in FACETS:
        assert query.counts(read, facet) == query.counts(built, facet)


def test_kept_local_days_are_each_events_local_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, cached = _fresh_and_cached(tmp_path, monkeypatch)
    days = derived.kept(cached, "days")
    assert days == [local_day(event) if event.start.precision in ("day", "time") else None
                    for event in fresh.events]
    assert days == derived.local_days(fresh.events)
    assert {event.start.precision for event in fresh.events} >= {"time", "day", "month"}


def test_the_view_model_is_the_same_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, cached = _fresh_and_cached(tmp_path, monkeypatch)
    built, read = TimelineData(fresh), TimelineData(cached)
    for name in ("position", "groups", "group_of", "days", "stops", "route", "route_days",
                 "route_position", "unit", "window", "window_ends", "day_masks",
                 "before_mask", "after_mask", "loose_mask", "values"):
        assert getattr(read, name) == getattr(built, name), name
    assert read.strip(read.index.all) == built.strip(built.index.all)


def test_kept_data_is_not_used_for_events_changed_since(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, cached = _fresh_and_cached(tmp_path, monkeypatch)
    events = cached.events
    cached.events = list(reversed(events))  # another list, as long
    assert derived.kept(cached, "actor_members") is None
    cached.events = events
    assert derived.kept(cached, "days") is not None
    events.pop()  # the same list, changed
    assert derived.kept(cached, "actor_members") is None
    index = Index(cached)
    assert all(mask < 1 << index.size for mask in index.masks["actor"].values())


def test_kept_data_goes_with_its_timeline(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _, cached = _fresh_and_cached(tmp_path, monkeypatch)
    key = id(cached)
    assert key in derived._KEPT
    del cached
    gc.collect()
    assert key not in derived._KEPT


def _rewrite(entry: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to the entry's derived line and write it back with a valid CRC."""
    header, _, payload = entry.read_bytes().partition(b"\n")
    lines = payload.splitlines(keepends=True)
    data = json.loads(lines[DERIVED])
    change(data)
    lines[DERIVED] = json.dumps(data).encode() + b"\n"
    body = b"".join(lines)
    fields = {**json.loads(header), "crc32": zlib.crc32(body), "size": len(body)}
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + body)


def _repack(data: dict[str, Any], name: str, change: Callable[[list[int]], Any]) -> None:
    values = unpack_ints(data[name]).tolist()
    change(values)
    data[name] = pack_ints(values)


def _swap_two_positions(data: dict[str, Any]) -> None:
    counts = unpack_ints(data["counts"]).tolist()
    start = sum(counts[:next(i for i, n in enumerate(counts) if n > 1)])
    _repack(data, "members", lambda v: v.__setitem__(slice(start, start + 2),
                                                     [v[start + 1], v[start]]))


def _position_past_the_end(data: dict[str, Any]) -> None:
    _repack(data, "members", lambda v: v.__setitem__(len(v) - 1, 10 ** 6))


def _negative_position(data: dict[str, Any]) -> None:
    _repack(data, "members", lambda v: v.__setitem__(0, -1))


def _count_off_by_one(data: dict[str, Any]) -> None:
    _repack(data, "counts", lambda v: v.__setitem__(0, v[0] + 1))


def _empty_actor(data: dict[str, Any]) -> None:
    data["actors"].append("nobody")
    _repack(data, "counts", lambda v: v.append(0))


def _repeated_actor(data: dict[str, Any]) -> None:
    data["actors"][1] = data["actors"][0]


def _members_as_a_list(data: dict[str, Any]) -> None:
    data["members"] = unpack_ints(data["members"]).tolist()


def _a_day_short(data: dict[str, Any]) -> None:
    _repack(data, "days", lambda v: v.pop())


def _no_such_day(data: dict[str, Any]) -> None:
    _repack(data, "days", lambda v: v.__setitem__(0, 10 ** 8))  # beyond year 9999


def _days_missing(data: dict[str, Any]) -> None:
    del data["days"]


@pytest.mark.parametrize("change", [
    _swap_two_positions, _position_past_the_end, _negative_position, _count_off_by_one,
    _empty_actor, _repeated_actor, _members_as_a_list, _a_day_short, _no_such_day,
    _days_missing])
def test_an_entry_whose_kept_data_is_wrong_is_a_miss(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        change: Callable[[dict[str, Any]], None]) -> None:
    fresh, _ = _fresh_and_cached(tmp_path, monkeypatch, count=60)
    (entry,) = cache.cache_dir().glob("*.json")
    _rewrite(entry, change)
    assert cache.load(entry.stem, None) is None
    # Opening the file again parses it and stores a sound entry in its place.
    again = load_timeline(tmp_path / "t.yaml", cache=True)
    cache.flush()
    assert TimelineData(again).values == TimelineData(fresh).values
    assert cache.load(entry.stem, None) is not None
