"""The cache's payload: a validated timeline as lines of plain JSON.

The payload is JSON lines, each a mapping of columns (one list per field, built and read
with C-level ``map`` calls rather than per-object Python code; columns of whole numbers,
such as indexes, lengths and instants, as packed text, see :mod:`tui.data.packing`):

1. ``meta``: title, description, the number of events and of event chunks;
2. ``dates``: every distinct date (``When``) once: precision, day ordinal, and for times
   the local time and UTC offset in seconds (:data:`NAIVE` for none);
3. ``records``: the distinct places, actor references, quotes and links (their ids and
   roles as indexes into ``words``), and the kinds, which events refer to by index (-1
   for none);
4. ``registries``: the sources and actors, each with its id;
5. ``derived``: each actor named by the events (as the facet index orders them) and the
   positions of its events, and each event's local day, so that a hit skips computing
   them (see :mod:`tui.data.derived`);
6. the events, in time order, in chunks of :data:`CHUNK`: their fields (dates, places and
   records as indexes into the tables above), sort instant (microseconds since the
   epoch), line and file index.

The instant, line and file index are stored as they are, so a hit needs neither YAML,
pydantic validation nor dateutil parsing: :mod:`tui.data.cachedecode` reads a payload
back, trusting checksummed data from the same newstui version but checking its shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from tui.data import derived
from tui.data.dates import PRECISIONS, When
from tui.data.facetmasks import actor_values, members_of
from tui.data.packing import pack_ints
from tui.data.records import Actor, ActorRef, Event, Link, Place, Quote, Source
from tui.data.records import record_fields as field_names

if TYPE_CHECKING:
    from tui.data.load import Timeline

FORMAT = 5
CHUNK = 4096  # events per line: a few MB of parsed JSON alive at a time
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_SECOND = timedelta(seconds=1)
PRECISION = dict(enumerate(PRECISIONS))  # KeyError for an unknown precision
FLAG = {0: False, 1: True}  # a packed flag, read back (KeyError for any other number)
NAIVE = 1 << 20  # the "UTC offset" of a time without one (offsets are under 86,400 s)

# Event fields by how they are stored (every field of Event is in exactly one group).
PLAIN = ("id", "title", "summary", "date_text", "note")  # text, or null
FLAGS = ("approximate",)  # packed, 0 or 1
SHARED = ("kind",)  # repeated strings: packed indexes into a table of them
DATES = ("start", "end")  # indexes into the dates table
LISTS = {"actors": "refs", "quotes": "quotes", "links": "links"}  # lists of records
TEXT_LISTS = ("sources", "tags")  # lists of repeated strings
TABLES = {"refs": ActorRef, "quotes": Quote, "links": Link}
# What tells records apart, free text last: the key joins the values with "\0", and only
# the last may hold one (ids, codes and vocabulary words hold no control character).
_KEYS = {"refs": ("id", "role"), "quotes": ("speaker", "source", "text"), "links": ("rel", "to")}
assert set(field_names(Event)) == {*PLAIN, *FLAGS, *SHARED, *DATES, "place", *LISTS,
                                   *TEXT_LISTS}
# The packed columns of an event chunk: all but the text ones. Indexes into tables and
# lengths are unsigned (a -1 would silently be a table's last item).
UNSIGNED = frozenset({*FLAGS, *SHARED, *LISTS, *TEXT_LISTS, "line",
                       *(f"{name}#" for name in (*LISTS, *TEXT_LISTS))})
PACKED = (*UNSIGNED, *DATES, "place", "instant", "order")


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
    offsets: list[int] = []
    for offset in map(datetime.utcoffset, moments):
        seconds, rest = divmod(offset, _SECOND) if offset is not None else (NAIVE, None)
        if rest:
            raise ValueError("a UTC offset with a fraction of a second")
        offsets.append(seconds)
    code = {name: number for number, name in PRECISION.items()}
    return {
        "precision": pack_ints(map(code.__getitem__, map(attrgetter("precision"), whens))),
        "day": pack_ints(map(date.toordinal, map(attrgetter("day"), whens))),
        "timed": pack_ints(timed),
        "time": list(map(time.isoformat, map(datetime.time, moments))),
        "offset": pack_ints(offsets),
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
    word_at: dict[str | None, int] = {}  # ids and vocabulary words of the records
    for name, table_name in LISTS.items():
        table, flat, columns[f"{name}#"] = _index_lists(
            list(map(attrgetter(name), events)), _KEYS[table_name])
        names = field_names(TABLES[table_name])
        records[table_name] = fields = _columns(table, names)
        for field in names:
            if field != "text":
                fields[field] = pack_ints([word_at.setdefault(word, len(word_at))
                                           for word in fields[field]])
        columns[name] = flat
    records["words"] = list(word_at)
    for name in TEXT_LISTS:
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
    columns.update(_columns(events, (*PLAIN, *FLAGS)))
    for name in SHARED:
        values = list(map(attrgetter(name), events))
        records[name] = list(dict.fromkeys(values))
        columns[name] = list(map({v: i for i, v in enumerate(records[name])}.__getitem__,
                                 values))
    columns["start"] = list(map(when_at.__getitem__, map(id, starts)))
    columns["end"] = list(map(when_at.__getitem__, map(id, ends)))
    columns["place"] = list(map(place_at.__getitem__, map(id, places)))
    instants = map(attrgetter("instant"), events)
    columns["instant"] = list(map(_MICROSECOND.__rfloordiv__, map(EPOCH.__rsub__, instants)))
    columns["line"] = list(map(timeline.lines.get, ids, repeat(0)))  # lines count from 1
    columns["order"] = list(map(timeline.order.get, ids, repeat(-1)))

    chunks = range(0, len(events), CHUNK)
    members = members_of(actor_values(events))
    lines = [
        _line({"title": timeline.title, "description": timeline.description,
               "events": len(events), "chunks": len(chunks)}),
        _line(_encode_dates(whens)),
        _line(records),
        _line(registries),
        _line({"actors": list(members),
               "members": pack_ints(chain.from_iterable(members.values())),
               "counts": pack_ints(map(len, members.values())),
               "days": pack_ints(day.toordinal() if day else 0
                                 for day in derived.local_days(events, starts))}),
    ]
    flat_names = {*LISTS, *TEXT_LISTS}
    ends_at = {name: [0, *accumulate(columns[f"{name}#"])] for name in flat_names}
    for start in chunks:
        stop = min(start + CHUNK, len(events))
        chunk = {name: values[ends_at[name][start]:ends_at[name][stop]] if name in flat_names
                 else values[start:stop] for name, values in columns.items()}
        lines.append(_line({name: pack_ints(values) if name in PACKED else values
                            for name, values in chunk.items()}))
    return lines
