"""The cache's payload: a validated timeline as lines of plain JSON, and back again.

The payload is JSON lines, each a mapping of columns (one list per field, built and read
with C-level ``map`` calls rather than per-object Python code):

1. ``meta``: title, description, the number of events and of event chunks;
2. ``dates``: every distinct date (``When``) once: precision, day ordinal, and for times
   the local time and UTC offset in seconds (or null);
3. ``records``: the distinct places, actor references, quotes and links, which events
   refer to by index (-1 for none);
4. ``registries``: the sources and actors, each with its id;
5. the events, in time order, in chunks of :data:`CHUNK`: their fields (dates, places and
   records as indexes into the tables above), sort instant (microseconds since the
   epoch), line and file index.

Decoding rebuilds each record without validating: instances are allocated, then each
field's column is written straight into its slot. Events share one copy of each
repeated string (kinds, source ids, tags), date, place and record; one chunk of parsed
JSON at a time is alive beside the records. The instant, line and file index come back
as stored, so a hit needs neither YAML, pydantic validation nor dateutil parsing.

Decoding trusts checksummed data from the same newstui version, but checks its shape
(every column present and as long as the others); any shape error surfaces as an
exception that the cache turns into a miss.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate, chain, islice, repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil import tz

from tui.data.dates import PRECISIONS, When
from tui.data.records import Actor, ActorRef, Event, Link, Place, Quote, Source
from tui.data.records import record_fields as field_names

if TYPE_CHECKING:
    from tui.data.load import Timeline

FORMAT = 2
CHUNK = 4096  # events per line: a few MB of parsed JSON alive at a time
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_SECOND = timedelta(seconds=1)
_PRECISION = {name: name for name in PRECISIONS}  # checks a precision, shares its string

# Event fields by how they are stored (every field of Event is in exactly one group).
_PLAIN = ("id", "title", "summary", "approximate", "date_text", "note")
_SHARED = ("kind",)  # repeated strings
_DATES = ("start", "end")  # indexes into the dates table
_LISTS = {"actors": "refs", "quotes": "quotes", "links": "links"}  # lists of records
_TEXT_LISTS = ("sources", "tags")  # lists of repeated strings
_TABLES = {"refs": ActorRef, "quotes": Quote, "links": Link}
# What tells records apart, free text last: the key joins the values with "\0", and only
# the last may hold one (ids, codes and vocabulary words hold no control character).
_KEYS = {"refs": ("id", "role"), "quotes": ("speaker", "source", "text"), "links": ("rel", "to")}
assert set(field_names(Event)) == {*_PLAIN, *_SHARED, *_DATES, "place", *_LISTS,
                                   *_TEXT_LISTS}


def _line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _columns(items: list[Any], names: Iterable[str]) -> dict[str, list[Any]]:
    return {name: list(map(attrgetter(name), items)) for name in names}


def _distinct(items: list[Any], keys: list[Any]) -> tuple[list[Any], dict[int, int]]:
    """One item per distinct key, and ``id(item) -> its index`` for every item (None -> -1).

    Items with equal keys are interchangeable: which one stands for them does not matter.
    """
    first = dict(zip(keys, items, strict=True))
    slots = dict(zip(first, range(len(first)), strict=True))
    index = dict(zip(map(id, items), map(slots.__getitem__, keys), strict=True))
    index[id(None)] = -1
    return list(first.values()), index


def _present(items: Iterable[Any]) -> list[Any]:
    return list(filter(None, items))  # records and dates are never false; None is


def _encode_dates(whens: list[When]) -> dict[str, list[Any]]:
    timed = [i for i, when in enumerate(whens) if when.moment is not None]
    moments: list[datetime] = [whens[i].moment for i in timed]  # type: ignore[misc]
    if list(map(datetime.date, moments)) != [whens[i].day for i in timed]:
        raise ValueError("a time whose day is not its date's")
    offsets: list[int | None] = []
    for offset in map(datetime.utcoffset, moments):
        seconds, rest = divmod(offset, _SECOND) if offset is not None else (None, None)
        if rest:
            raise ValueError("a UTC offset with a fraction of a second")
        offsets.append(seconds)
    return {
        "precision": list(map(attrgetter("precision"), whens)),
        "day": list(map(date.toordinal, map(attrgetter("day"), whens))),
        "timed": timed,
        "time": list(map(time.isoformat, map(datetime.time, moments))),
        "offset": offsets,
    }


def _keys(items: list[Any], fields: Iterable[str]) -> list[str]:
    """A string telling each record apart by ``fields``.

    ``str`` of each value: None is "None" (no optional field can hold that word), and
    coordinates keep their sign (-0.0 is not 0.0, though they compare equal). Strings,
    unlike tuples, are not tracked by the cyclic garbage collector, which runs while the
    store does.
    """
    columns = [map(str, map(attrgetter(name), items)) for name in fields]
    return list(map("\0".join, zip(*columns, strict=True)))


def _flat(lists: list[list[Any]]) -> tuple[list[Any], list[int]]:
    """All items of ``lists`` in one list, and the length of each."""
    return list(chain.from_iterable(lists)), list(map(len, lists))


def _index_lists(lists: list[list[Any]], fields: tuple[str, ...]
                 ) -> tuple[list[Any], list[int], list[int]]:
    """The distinct records in ``lists`` (by ``fields``), all their indexes, list lengths."""
    flat, lengths = _flat(lists)
    keys = _keys(flat, fields)
    first = dict(zip(keys, flat, strict=True))  # equal records are interchangeable
    slots = dict(zip(first, range(len(first)), strict=True))
    return list(first.values()), list(map(slots.__getitem__, keys)), lengths


def _text_lists(lists: list[list[str]]) -> tuple[list[str], list[int], list[int]]:
    """The distinct strings in ``lists``, all their indexes, list lengths."""
    flat, lengths = _flat(lists)
    table = list(dict.fromkeys(flat))
    index = dict(zip(table, range(len(table)), strict=True))
    return table, list(map(index.__getitem__, flat)), lengths


def encode(timeline: Timeline) -> list[bytes]:
    """The payload lines for ``timeline`` (see the module docstring)."""
    events = timeline.events
    sources, actors = list(timeline.sources.values()), list(timeline.actors.values())
    starts, ends = list(map(attrgetter("start"), events)), list(map(attrgetter("end"), events))
    published = list(map(attrgetter("published"), sources))
    present = _present(chain(starts, ends, published))
    whens, when_at = _distinct(present, list(map(id, present)))
    places = list(map(attrgetter("place"), events))
    present = _present(places)
    place_keys = _keys(present, ("country", "tz", "lat", "lon", "name"))
    place_table, place_at = _distinct(present, place_keys)
    records: dict[str, Any] = {"places": _columns(place_table, field_names(Place))}
    columns: dict[str, list[Any]] = {}  # per event, except lists: flat, with lengths
    for name, table_name in _LISTS.items():
        table, flat, columns[f"{name}#"] = _index_lists(
            list(map(attrgetter(name), events)), _KEYS[table_name])
        records[table_name] = _columns(table, field_names(_TABLES[table_name]))
        columns[name] = flat
    for name in _TEXT_LISTS:
        records[name], columns[name], columns[f"{name}#"] = _text_lists(
            list(map(attrgetter(name), events)))
    registries = {}
    for name, cls, items, keys in (("sources", Source, sources, timeline.sources),
                                   ("actors", Actor, actors, timeline.actors)):
        registry = _columns(items, field_names(cls))
        if cls is Source:
            registry["published"] = list(map(when_at.__getitem__, map(id, published)))
        registries[name] = {"ids": list(keys), **registry}

    ids = list(map(attrgetter("id"), events))
    columns.update(_columns(events, (*_PLAIN, *_SHARED)))
    columns["start"] = list(map(when_at.__getitem__, map(id, starts)))
    columns["end"] = list(map(when_at.__getitem__, map(id, ends)))
    columns["place"] = list(map(place_at.__getitem__, map(id, places)))
    instants = map(attrgetter("instant"), events)
    columns["instant"] = list(map(_MICROSECOND.__rfloordiv__, map(_EPOCH.__rsub__, instants)))
    columns["line"] = list(map(timeline.lines.get, ids))
    columns["order"] = list(map(timeline.order.get, ids))

    chunks = range(0, len(events), CHUNK)
    lines = [
        _line({"title": timeline.title, "description": timeline.description,
               "events": len(events), "chunks": len(chunks)}),
        _line(_encode_dates(whens)),
        _line(records),
        _line(registries),
    ]
    flat_names = {*_LISTS, *_TEXT_LISTS}
    ends_at = {name: [0, *accumulate(columns[f"{name}#"])] for name in flat_names}
    for start in chunks:
        stop = min(start + CHUNK, len(events))
        lines.append(_line({
            name: values[ends_at[name][start]:ends_at[name][stop]] if name in flat_names
            else values[start:stop] for name, values in columns.items()}))
    return lines


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


def _offset_zones(offsets: Iterable[int | None]) -> dict[int | None, Any]:
    """The tzinfo for each UTC offset (seconds): what dateutil's isoparse gives for it."""
    zones: dict[int | None, Any] = {None: None}
    for seconds in set(offsets) - {None}:
        zones[seconds] = tz.UTC if seconds == 0 else tz.tzoffset(None, seconds)
    return zones


def _decode_dates(columns: dict[str, list[Any]]) -> list[When | None]:
    days = list(map(date.fromordinal, columns["day"]))
    timed, offsets = columns["timed"], columns["offset"]
    if not len(timed) == len(offsets) == len(columns["time"]):
        raise ValueError("cached times do not match their offsets")
    moments: list[datetime | None] = [None] * len(days)
    # combine(day, time, tzinfo): the times' aware (or naive) moments in one C-level pass
    found = map(datetime.combine, map(days.__getitem__, timed),
                map(time.fromisoformat, columns["time"]),
                map(_offset_zones(offsets).__getitem__, offsets))
    deque(map(moments.__setitem__, timed, found), maxlen=0)
    values = {"precision": list(map(_PRECISION.__getitem__, columns["precision"])),
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
        for name, cls in _TABLES.items():
            columns = data[name]
            for field in field_names(cls):
                if field != "text":
                    columns[field] = self.shared(columns[field])
            self.tables[name] = _build(cls, columns, field_names(cls))
        for name in _TEXT_LISTS:
            self.tables[name] = self.shared(data[name])

    def registry(self, cls: type, data: dict[str, Any]) -> dict[str, Any]:
        ids = self.shared(data["ids"])
        if cls is Source:
            data["published"] = list(map(self.whens.__getitem__, data["published"]))
        return dict(zip(ids, _build(cls, data, field_names(cls)), strict=True))

    def events(self, data: dict[str, Any]) -> list[Event]:
        whens, places = self.whens.__getitem__, self.places.__getitem__
        for name in _SHARED:
            data[name] = self.shared(data[name])
        for name in _DATES:
            data[name] = list(map(whens, data[name]))
        data["place"] = list(map(places, data["place"]))
        for name in (*_LISTS, *_TEXT_LISTS):
            table, lengths = self.tables[_LISTS.get(name, name)], data[f"{name}#"]
            if sum(lengths) != len(data[name]) or min(lengths, default=0) < 0:
                raise ValueError(f"cached {name} do not match their lengths")
            items = iter(list(map(table.__getitem__, data[name])))
            data[name] = list(map(list, map(islice, repeat(items), lengths)))
        data["instant"] = list(map(_EPOCH.__add__, map(timedelta, repeat(0), repeat(0),
                                                       data["instant"])))
        return _build(Event, data, (*field_names(Event), "instant"))


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
    events: list[Event] = []
    lines_at: dict[str, int] = {}
    order: dict[str, int] = {}
    chunks = 0
    for chunk in lines:
        chunks += 1
        found = decoder.events(chunk)
        ids = chunk["id"]
        line, index = chunk["line"], chunk["order"]
        if len(line) != len(ids) or len(index) != len(ids):
            raise ValueError("cached lines or file indexes do not match the events")
        lines_at.update(zip(ids, line, strict=True))
        order.update(zip(ids, index, strict=True))
        events.extend(found)
    if chunks != meta["chunks"] or len(events) != meta["events"]:
        raise ValueError("the cached events are incomplete")
    if None in lines_at.values():
        lines_at = {ident: line for ident, line in lines_at.items() if line is not None}
    return Timeline(title, description, sources, actors, events, path, lines_at, order)
