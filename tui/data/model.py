"""The timeline file format as pydantic validates it: the document model and the adapters.

One YAML (or JSON) document: ``title``, ``description``, a ``sources`` registry, an
``actors`` registry and a list of ``events``. The records (Source, Actor, Place, ActorRef,
Quote, Link, Event) are the plain dataclasses of :mod:`tui.data.records`, re-exported here;
pydantic validates them through a ``TypeAdapter`` (at 100,000 events faster than
``BaseModel``s, and a fraction of the memory) with the rules of :mod:`tui.data.rules`.
:func:`dump` is their ``model_dump``. Importing this module imports pydantic: code that
only reads records imports :mod:`tui.data.records`.

Cross-references (actor, source and event ids), duplicate ids and date order are checked
in :mod:`tui.data.validate`, which reports each problem at its own field.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from tui.data.records import (
    ACTOR_KINDS,
    EVENT_ROLES,
    KINDS,
    LINK_RELS,
    RECORDS,
    SLUG,
    URL,
    Actor,
    ActorKind,
    ActorRef,
    EventRole,
    Kind,
    Link,
    LinkRel,
    Place,
    Quote,
    Slug,
    Source,
    Text,
    record_fields,
)
from tui.data.records import Event as Event

__all__ = [
    "ACTOR_KINDS", "EVENT_ROLES", "KINDS", "LINK_RELS", "RECORDS", "SLUG", "TOP_LEVEL_KEYS",
    "URL", "Actor", "ActorKind", "ActorRef", "Event", "EventRole", "Header", "Kind", "Link",
    "LinkRel", "Place", "Quote", "Source", "TimelineDoc", "adapter", "dump", "field_names",
    "validate_event",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class Header(_Model):
    """The timeline's own description."""

    title: Text
    description: str = Field(default="", strict=True)


class TimelineDoc(Header):
    """The whole file, as written."""

    sources: dict[Slug, Source] = Field(min_length=1)
    actors: dict[Slug, Actor] = Field(default_factory=dict)
    events: list[Event] = Field(default_factory=list)


TOP_LEVEL_KEYS: tuple[str, ...] = tuple(TimelineDoc.model_fields)

_EVENT = TypeAdapter(Event)


def validate_event(raw: Any) -> Event:
    """One event from plain data, or a ``ValidationError`` locating each problem."""
    return _EVENT.validate_python(raw)


def field_names(record: type) -> tuple[str, ...]:
    """A record's (or document model's) fields in declaration order (``instant`` is none)."""
    if issubclass(record, BaseModel):
        return tuple(record.model_fields)
    return record_fields(record)


@cache
def adapter(record: type) -> TypeAdapter[Any]:
    """The ``TypeAdapter`` validating and serialising one record type (built once)."""
    return _EVENT if record is Event else TypeAdapter(record)


def dump(record: Any, *, mode: Literal["json", "python"] = "python",
         exclude_none: bool = False, exclude_defaults: bool = False) -> dict[str, Any]:
    """A record as a dict of its fields: what ``BaseModel.model_dump`` gave."""
    return adapter(type(record)).dump_python(  # type: ignore[no-any-return]
        record, mode=mode, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
