"""The cache's payload: a validated timeline as plain JSON values, and back again.

Each model becomes a list of its field values in declaration order plus a bitmask of the
fields the file set (pydantic's ``model_fields_set``); dates become
``[precision, day, local time or null, UTC offset in seconds or null]``. Decoding rebuilds
the models without validating (what ``model_construct`` does, without its per-field
overhead), shares one copy of each repeated short string (ids, codes, kinds, roles, place
names) and one ``When`` per distinct date, and restores each event's sort instant, line
and file index, so that a hit needs neither YAML, pydantic validation nor dateutil.

Decoding trusts the shape of checksummed data from the same newstui version; any shape
error surfaces as an exception the cache turns into a miss.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil import tz

from tui.data.dates import When
from tui.data.model import Actor, ActorRef, Event, Link, Place, Quote, Source

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tui.data.load import Timeline

FORMAT = 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Field codecs: "when" for dates, a model class for nested models, a list of one class
# for lists of models; None for values JSON carries as they are.
_CODECS: dict[type, tuple[Any, ...]] = {
    Event: (None, None, None, None, "when", "when", None, None, Place, [ActorRef], [Quote],
            None, None, [Link], None),
    Place: (None, None, None, None, None),
    ActorRef: (None, None),
    Quote: (None, None, None),
    Link: (None, None),
    Source: (None, None, "when", None, None),
    Actor: (None, None, None, None, None),
}
# Fields whose values repeat across events: one shared string each.
_SHARED = {Event: {"kind", "sources", "tags"}, Place: {"name", "country", "tz"},
           ActorRef: {"id", "role"}, Quote: {"speaker", "source"}, Link: {"rel", "to"}}


def _encode_when(when: When) -> list[Any]:
    moment = when.moment
    if moment is None:
        return [when.precision, when.day.isoformat(), None, None]
    offset = moment.utcoffset()
    seconds = None if offset is None else int(offset.total_seconds())
    return [when.precision, when.day.isoformat(), moment.replace(tzinfo=None).isoformat(),
            seconds]


def _encode(model: BaseModel) -> list[Any]:
    cls = type(model)
    names = cls.model_fields
    values = model.__dict__
    row: list[Any] = []
    for name, codec in zip(names, _CODECS[cls], strict=True):
        value = values[name]
        if value is None or codec is None:
            row.append(list(value) if isinstance(value, list) else value)
        elif codec == "when":
            row.append(_encode_when(value))
        elif isinstance(codec, list):
            row.append([_encode(item) for item in value])
        else:
            row.append(_encode(value))
    fields_set = model.model_fields_set
    row.append(sum(1 << i for i, name in enumerate(names) if name in fields_set))
    return row


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def encode(timeline: Timeline) -> dict[str, Any]:
    """The payload for ``timeline`` (events in time order, with instant, line, index)."""
    return {
        "title": timeline.title,
        "description": timeline.description,
        "sources": {key: _encode(source) for key, source in timeline.sources.items()},
        "actors": {key: _encode(actor) for key, actor in timeline.actors.items()},
        "events": [[_encode(event), _micros(event.instant), timeline.lines.get(event.id),
                    timeline.order.get(event.id)] for event in timeline.events],
    }


class _Decoder:
    """Rebuilds models, sharing repeated strings, dates and field sets."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.whens: dict[tuple[Any, ...], When] = {}
        self.offsets: dict[int, Any] = {0: tz.UTC}
        self.field_sets: dict[tuple[type, int], set[str]] = {}
        self.builders: dict[type, Callable[[list[Any]], Any]] = {}

    def when(self, row: list[Any]) -> When:
        key = tuple(row)
        found = self.whens.get(key)
        if found is not None:
            return found
        precision, day, moment, seconds = row
        when_moment = None
        if moment is not None:
            when_moment = datetime.fromisoformat(moment)
            if when_moment.tzinfo is not None:
                raise ValueError("a cached local time carries a zone")
            if seconds is not None:
                zone = self.offsets.get(seconds)
                if zone is None:  # what dateutil's isoparse gives for a written offset
                    zone = self.offsets[seconds] = tz.tzoffset(None, seconds)
                when_moment = when_moment.replace(tzinfo=zone)
        if precision not in ("year", "month", "day", "time"):
            raise ValueError(f"unknown precision {precision!r}")
        when = When(precision, date.fromisoformat(day), when_moment)
        self.whens[key] = when
        return when

    def builder(self, cls: type) -> Callable[[list[Any]], Any]:
        found = self.builders.get(cls)
        if found is not None:
            return found
        names = tuple(cls.model_fields)  # type: ignore[attr-defined]
        plan: list[tuple[str, Any]] = []
        shared = _SHARED.get(cls, set())
        for name, codec in zip(names, _CODECS[cls], strict=True):
            if codec is None:
                plan.append((name, "shared" if name in shared else None))
            elif codec == "when":
                plan.append((name, self.when))
            elif isinstance(codec, list):
                plan.append((name, ("list", self.builder(codec[0]))))
            else:
                plan.append((name, self.builder(codec)))
        strings, width = self.strings, len(names)
        new, set_attr = object.__new__, object.__setattr__

        def build(row: list[Any]) -> Any:
            if len(row) != width + 1:
                raise ValueError(f"a cached {cls.__name__} has {len(row)} values")
            values: dict[str, Any] = {}
            for (name, how), value in zip(plan, row, strict=False):
                if value is None or how is None:
                    values[name] = list(value) if type(value) is list else value
                elif how == "shared":
                    values[name] = ([strings.setdefault(v, v) for v in value]
                                    if type(value) is list else strings.setdefault(value, value))
                elif type(how) is tuple:
                    values[name] = [how[1](item) for item in value]
                else:
                    values[name] = how(value)
            model = new(cls)
            set_attr(model, "__dict__", values)
            set_attr(model, "__pydantic_fields_set__", self.fields_set(cls, row[width]))
            set_attr(model, "__pydantic_extra__", None)
            set_attr(model, "__pydantic_private__", None)
            return model

        self.builders[cls] = build
        return build

    def fields_set(self, cls: type, mask: int) -> set[str]:
        # One set per (model, mask), shared: models are frozen, so nobody adds to it.
        found = self.field_sets.get((cls, mask))
        if found is None:
            names = tuple(cls.model_fields)  # type: ignore[attr-defined]
            found = {name for i, name in enumerate(names) if mask >> i & 1}
            self.field_sets[(cls, mask)] = found
        return found


def decode(payload: dict[str, Any], path: Path | None) -> Timeline:
    """The timeline in ``payload`` (see :func:`encode`), its file at ``path``."""
    from tui.data.load import Timeline

    decoder = _Decoder()
    source, actor, event = (decoder.builder(Source), decoder.builder(Actor),
                            decoder.builder(Event))
    sources = {key: source(row) for key, row in payload["sources"].items()}
    actors = {key: actor(row) for key, row in payload["actors"].items()}
    events: list[Event] = []
    lines: dict[str, int] = {}
    order: dict[str, int] = {}
    strings = decoder.strings
    for row, micros, line, index in payload["events"]:
        item = event(row)
        ident = strings.setdefault(item.id, item.id)  # link targets share it
        item.__dict__["id"] = ident
        item.__dict__["instant"] = _EPOCH + timedelta(microseconds=micros)
        if line is not None:
            lines[ident] = line
        order[ident] = index
        events.append(item)
    title, description = payload["title"], payload["description"]
    if not isinstance(title, str) or not isinstance(description, str):
        raise TypeError("a cached title or description is not text")
    return Timeline(title, description, sources, actors, events, path, lines, order)
