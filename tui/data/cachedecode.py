"""Reading the cache's payload (see :mod:`tui.data.cacheform`) back into a timeline.

Records are rebuilt without validating: instances are allocated, then each field's
column is written straight into its slot. Events share one copy of each repeated string
(kinds, source ids, tags), date, place and record; one chunk of parsed JSON at a time is
alive beside the records. Every column's shape is checked (present, as long as the
others, indexes unsigned, positions ascending and in range): any shape error surfaces as
an exception that the cache turns into a miss.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import accumulate, islice, pairwise, repeat
from operator import itemgetter, lt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.data import derived
from tui.data.cacheform import (
    DATES,
    EPOCH,
    FLAG,
    FLAGS,
    LISTS,
    NAIVE,
    PACKED,
    PLAIN,
    PRECISION,
    SHARED,
    TABLES,
    TEXT_LISTS,
    UNSIGNED,
)
from tui.data.dates import When
from tui.data.packing import unpack_ints
from tui.data.records import Actor, Event, Place, Source
from tui.data.records import record_fields as field_names

if TYPE_CHECKING:
    from tui.data.load import Timeline


_new = object.__new__


def _build(cls: type, columns: dict[str, list[Any]], names: Iterable[str]) -> list[Any]:
    """Instances of slotted ``cls`` whose field ``name`` comes from ``columns[name]``."""
    names = tuple(names)
    size = len(columns[names[0]]) if names else 0
    items = list(map(_new, repeat(cls, size)))
    for name in names:
        values = columns[name]
        if len(values) != size:
            raise ValueError(f"cached {cls.__name__}.{name} has {len(values)} values, "
                             f"not {size}")
        setter = cls.__dict__[name].__set__  # the slot itself: no frozen check
        deque(map(setter, items, values), maxlen=0)
    return items


def _offset_zones(offsets: Iterable[int]) -> dict[int, Any]:
    """The tzinfo for each UTC offset (seconds): what dateutil's isoparse gives for it."""
    zones: dict[int, Any] = {NAIVE: None}
    aware = set(offsets) - {NAIVE}
    if aware:  # dateutil only for times (about 5 ms at start-up; dates need none)
        from dateutil import tz
    for seconds in aware:
        if not -86400 < seconds < 86400:
            raise ValueError(f"cached UTC offset of {seconds} s")
        zones[seconds] = tz.UTC if seconds == 0 else tz.tzoffset(None, seconds)
    return zones


def _each_once(convert: Any, keys: Iterable[Any]) -> list[Any]:
    """``convert(key)`` for each of ``keys``, converted once per distinct key: dates and
    times repeat, and one object each is quicker to make and smaller."""
    keys = list(keys)
    distinct = set(keys)
    found = dict(zip(distinct, map(convert, distinct), strict=True))
    return list(map(found.__getitem__, keys))


def _decode_dates(packed: dict[str, Any]) -> list[When | None]:
    columns = {name: unpack_ints(packed[name], unsigned=name != "offset")
               for name in ("precision", "day", "timed", "offset")}
    days = _each_once(date.fromordinal, columns["day"])
    timed, offsets = columns["timed"], columns["offset"]
    if not len(timed) == len(offsets) == len(packed["time"]):
        raise ValueError("cached times do not match their dates")
    moments: list[datetime | None] = [None] * len(days)
    # combine(day, time, tzinfo): the times' aware (or naive) moments in one C-level pass
    found = map(datetime.combine, map(days.__getitem__, timed),
                _each_once(time.fromisoformat, packed["time"]),
                map(_offset_zones(offsets).__getitem__, offsets))
    deque(map(moments.__setitem__, timed, found), maxlen=0)
    values = {"precision": list(map(PRECISION.__getitem__, columns["precision"])),
              "day": days, "moment": moments}
    return [*_build(When, values, ("precision", "day", "moment")), None]  # -1 is None


class _Decoder:
    """Rebuilds records from the payload lines, sharing repeated strings."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.whens: list[When | None] = []
        self.places: list[Place | None] = []
        self.tables: dict[str, list[Any]] = {}

    def shared(self, values: list[str]) -> list[str]:
        return list(map(self.strings.setdefault, values, values))

    def records(self, data: dict[str, Any]) -> None:
        place = data["places"]
        for name in ("name", "country", "tz"):
            place[name] = self.shared(place[name])
        self.places = [*_build(Place, place, field_names(Place)), None]
        words = self.shared(data["words"])
        for name, cls in TABLES.items():
            columns = data[name]
            for field in field_names(cls):
                if field != "text":
                    found = unpack_ints(columns[field], unsigned=True)
                    columns[field] = list(map(words.__getitem__, found))
            self.tables[name] = _build(cls, columns, field_names(cls))
        for name in (*TEXT_LISTS, *SHARED):
            self.tables[name] = self.shared(data[name])

    def registry(self, cls: type, data: dict[str, Any]) -> dict[str, Any]:
        ids = self.shared(data["ids"])
        if cls is Source:
            data["published"] = list(map(self.whens.__getitem__, data["published"]))
        return dict(zip(ids, _build(cls, data, field_names(cls)), strict=True))

    def events(self, data: dict[str, Any]) -> tuple[list[Event], Any, Any]:
        """The events of one chunk, and their lines and file indexes (packed)."""
        packed = {name: unpack_ints(data[name], unsigned=name in UNSIGNED)
                  for name in PACKED}
        columns: dict[str, Any] = {name: data[name] for name in PLAIN}
        for name in FLAGS:
            columns[name] = list(map(FLAG.__getitem__, packed[name]))
        for name in DATES:
            columns[name] = list(map(self.whens.__getitem__, packed[name]))
        columns["place"] = list(map(self.places.__getitem__, packed["place"]))
        for name in (*SHARED, *LISTS, *TEXT_LISTS):
            table, flat = self.tables[LISTS.get(name, name)], packed[name]
            items = list(map(table.__getitem__, flat))
            if name in SHARED:
                columns[name] = items
                continue
            bounds = [0, *accumulate(packed[f"{name}#"])]
            if bounds[-1] != len(items):
                raise ValueError(f"cached {name} do not match their lengths")
            columns[name] = [items[start:end] for start, end in pairwise(bounds)]
        columns["instant"] = list(map(EPOCH.__add__, map(timedelta, repeat(0), repeat(0),
                                                          packed["instant"])))
        found = _build(Event, columns, (*field_names(Event), "instant"))
        return found, packed["line"], packed["order"]


def _decode_derived(data: dict[str, Any], decoder: _Decoder, size: int
                    ) -> tuple[dict[str, list[int]], list[date | None]]:
    """Each actor's event positions, checked (distinct names, positions ascending and
    each below ``size``: an entry saying otherwise is not used), and each event's local
    day (see :mod:`tui.data.derived`)."""
    days = _each_once(_day_or_none, unpack_ints(data["days"], unsigned=True))
    names = decoder.shared(data["actors"])
    flat = unpack_ints(data["members"], unsigned=True)
    counts = unpack_ints(data["counts"], unsigned=True)
    if len(counts) != len(names) or len(set(names)) != len(names) \
            or not set(map(type, names)) <= {str}:
        raise ValueError("cached actors do not match their events")
    if sum(counts) != len(flat) or min(counts, default=1) < 1:
        raise ValueError("cached event positions do not match their actors")
    positions = iter(flat.tolist())
    members = list(map(list, map(islice, repeat(positions), counts)))
    for found in members:  # C-level checks: a few ms for 250,000 positions
        if not all(map(lt, found, islice(found, 1, None))):
            raise ValueError("cached event positions are out of order")
    if members and max(map(itemgetter(-1), members)) >= size:  # each list ascends
        raise ValueError("cached event positions are out of range")
    return dict(zip(names, members, strict=True)), days


def _day_or_none(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if ordinal else None  # 0: not dated to the day


def decode(payload: Iterable[bytes], path: Path | None) -> Timeline:
    """The timeline in the ``payload`` lines (see :func:`encode`), its file at ``path``.

    Only one line and its parsed JSON are alive at a time.
    """
    from tui.data.load import Timeline

    lines = map(json.loads, payload)
    meta = next(lines)
    title, description = meta["title"], meta["description"]
    if not isinstance(title, str) or not isinstance(description, str):
        raise TypeError("a cached title or description is not text")
    decoder = _Decoder()
    decoder.whens = _decode_dates(next(lines))
    records = next(lines)
    registries = next(lines)  # first: event source lists share the registry's ids
    sources = decoder.registry(Source, registries["sources"])
    actors = decoder.registry(Actor, registries["actors"])
    decoder.records(records)
    del records, registries
    members, days = _decode_derived(next(lines), decoder, meta["events"])
    events: list[Event] = []
    ids: list[str] = []
    lines_of: list[int] = []
    indexes: list[int] = []
    chunks = 0
    for chunk in lines:
        chunks += 1
        found, line, index = decoder.events(chunk)
        if len(line) != len(found) or len(index) != len(found):
            raise ValueError("cached lines or file indexes do not match the events")
        events.extend(found)
        ids.extend(chunk["id"])
        lines_of.extend(line)
        indexes.extend(index)
    if chunks != meta["chunks"] or len(events) != meta["events"]:
        raise ValueError("the cached events are incomplete")
    # Built once at the end: twice as fast as growing them a chunk at a time.
    lines_at = dict(zip(ids, lines_of, strict=True))
    order = dict(zip(ids, indexes, strict=True))
    del ids, lines_of, indexes
    if 0 in lines_at.values():  # no line known
        lines_at = {ident: line for ident, line in lines_at.items() if line}
    if -1 in order.values():  # no file index known
        order = {ident: index for ident, index in order.items() if index != -1}
    if len(days) != len(events):
        raise ValueError("cached local days do not match the events")
    timeline = Timeline(title, description, sources, actors, events, path, lines_at, order)
    derived.keep(timeline, actor_members=members, days=days)
    return timeline
