"""The timeline file format: pydantic v2 dataclasses (records) inside a pydantic document.

One YAML (or JSON) document: ``title``, ``description``, a ``sources`` registry, an
``actors`` registry and a list of ``events``. Every record forbids unknown fields, so a
typo such as ``titel`` is an error, not silently dropped data. Text fields are strict: the
readers hand over every scalar as the text written (``id: 0123`` stays ``"0123"``, a JSON
``123`` becomes ``"123"``), never a value converted by YAML's implicit typing.

The records (Source, Actor, Place, ActorRef, Quote, Link, Event) are slotted, frozen
pydantic dataclasses validated through a ``TypeAdapter``: at 100,000 events they validate
faster than ``BaseModel``s and take a fraction of the memory (no per-instance ``__dict__``
or fields-set). :func:`dump` is their ``model_dump``. An event's sort ``instant`` is a slot
filled once validated (it is no field: not in the schema, dumps, repr or equality).

Cross-references (actor, source and event ids), duplicate ids and date order are checked
in :mod:`tui.data.validate`, which reports each problem at its own field.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from tui.data.countries import is_country, suggest_country
from tui.data.dates import DateError, When, zone

# The closed vocabularies, documented in README.md ("The file format").
Kind = Literal[
    "stop",  # a stop of a trip: arrival in or visit to a place
    "meeting",  # talks between named parties
    "announcement",  # a decision or measure made public
    "statement",  # something said: remarks, press conference, written statement
    "protest",  # demonstrations, marches, and their policing
    "hearing",  # testimony before a legislature or inquiry
    "action",  # a government or military act (recalling an ambassador, opening a corridor)
    "incident",  # an attack, clash, killing or other violent event
]
KINDS: tuple[str, ...] = get_args(Kind)
EventRole = Literal[
    "visitor", "host", "participant", "speaker", "organizer", "target", "subject", "mentioned"
]
EVENT_ROLES: tuple[str, ...] = get_args(EventRole)
ActorKind = Literal["person", "government", "organization", "group"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
LinkRel = Literal["part-of", "in-response-to", "follows", "related"]
LINK_RELS: tuple[str, ...] = get_args(LinkRel)

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # an id (use fullmatch)
URL = re.compile(r"https?://[^\s/]+\.[^\s]+$")  # a source's web address (use match)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit",
            {"value": value},
        )
    return value


def _country(value: str) -> str:
    if not is_country(value):
        raise PydanticCustomError(
            "country",
            "unknown country code '{value}' ({hint})",
            {"value": value, "hint": suggest_country(value)},
        )
    return value


def _time_zone(value: str) -> str:
    try:
        zone(value)
    except DateError as error:
        raise PydanticCustomError("time_zone", str(error)) from None
    return value


def _when(value: Any) -> When:
    # JSON and fast YAML parsers may hand over date objects; they map onto precisions.
    if isinstance(value, datetime):
        return When("time", value.date(), value)
    if isinstance(value, date):
        return When("day", value)
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "a date must be written as text like 2023-11-06")
    try:
        return When.parse(value)
    except DateError as error:
        raise PydanticCustomError("date", str(error)) from None


def _url(value: str) -> str:
    if not URL.match(value):
        raise PydanticCustomError(
            "url", "'{value}' is not a web address (https://...)", {"value": value}
        )
    return value


def _archive_name(value: str) -> str:
    if "/" in value or "\\" in value or value in {".", ".."}:
        raise PydanticCustomError(
            "archive", "give a file name, not a path: the directory comes from --archive"
        )
    return value


Text = Annotated[str, Field(strict=True, min_length=1)]
Slug = Annotated[str, Field(strict=True), AfterValidator(_slug)]
Country = Annotated[
    str,
    Field(strict=True),
    AfterValidator(_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$", "title": "ISO 3166-1 alpha-2"}),
]
TimeZone = Annotated[str, Field(strict=True), AfterValidator(_time_zone)]
Url = Annotated[str, Field(strict=True), AfterValidator(_url)]
Date = Annotated[
    When,
    PlainValidator(_when),
    PlainSerializer(lambda when: when.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
            r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$",
            "description": "YYYY, YYYY-MM, YYYY-MM-DD (day) or YYYY-MM-DDTHH:MM+HH:MM",
        }
    ),
]


_CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True)
# hide_input_in_errors: str() of an error must never walk (and expand) the input.
# kw_only: a required field may follow one with a default, in the file format's order.
_record = dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)


def _field(**kwargs: Any) -> Any:
    # Every Field of a record says kw_only too: pydantic moves fields whose FieldInfo does
    # not to the front, which would reorder the schema and the dumps.
    return Field(kw_only=True, **kwargs)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


@_record
class Source:
    """Where events come from: an article, a statement, a transcript."""

    title: Text
    publisher: Text | None = None
    published: Date | None = None  # leave it out when unknown: never invent one
    url: Url | None = None  # never invented: leave it out if unknown
    archive: Text | None = _field(default=None, description="archived plain-text copy")


@_record
class Actor:
    """A person, government, organization or group, registered once by id."""

    name: Text
    role: Text | None = None
    country: Country | None = None
    kind: ActorKind
    aliases: list[Text] = _field(default_factory=list)


@_record
class Place:
    name: Text
    country: Country
    lat: float | None = _field(default=None, ge=-90, le=90)
    lon: float | None = _field(default=None, ge=-180, le=180)
    tz: TimeZone | None = None

    @property
    def zone(self) -> tzinfo | None:
        return zone(self.tz) if self.tz else None  # zone() is memoised


def _actor_ref(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


@_record
class ActorRef:
    """An actor taking part in an event, optionally with its role in that event."""

    id: Slug
    role: EventRole | None = None


@_record
class Quote:
    speaker: Slug
    text: Text
    source: Slug


@_record
class Link:
    rel: LinkRel
    to: Slug


@_record
class Event:
    """One distinct happening."""

    id: Slug
    kind: Kind
    title: Text
    summary: str = _field(default="", strict=True)
    start: Date
    end: Date | None = None
    approximate: bool = False
    date_text: Text | None = _field(
        default=None, description="the sources' own wording of a loose date"
    )
    place: Place | None = None
    actors: list[Annotated[ActorRef, BeforeValidator(_actor_ref)]] = _field(default_factory=list)
    quotes: list[Quote] = _field(default_factory=list)
    sources: list[Slug] = _field(min_length=1)
    tags: list[Text] = _field(default_factory=list)
    links: list[Link] = _field(default_factory=list)
    note: Text | None = None
    # When the event sorts: its real instant, or the start of its local day. A slot, not
    # a field (init=False: pydantic neither validates, dumps nor documents it).
    instant: datetime = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "instant", self.start.instant(self.zone))

    @property
    def zone(self) -> tzinfo | None:
        return self.place.zone if self.place else None

    @property
    def country(self) -> str | None:
        return self.place.country if self.place else None


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
RECORDS: tuple[type, ...] = (Source, Actor, Place, ActorRef, Quote, Link, Event)

_EVENT = TypeAdapter(Event)


def validate_event(raw: Any) -> Event:
    """One event from plain data, or a ``ValidationError`` locating each problem."""
    return _EVENT.validate_python(raw)


def field_names(record: type) -> tuple[str, ...]:
    """A record's (or document model's) fields in declaration order (``instant`` is none)."""
    return tuple(record.__pydantic_fields__)  # type: ignore[attr-defined]


@cache
def adapter(record: type) -> TypeAdapter[Any]:
    """The ``TypeAdapter`` validating and serialising one record type (built once)."""
    return _EVENT if record is Event else TypeAdapter(record)


def dump(record: Any, *, mode: Literal["json", "python"] = "python",
         exclude_none: bool = False, exclude_defaults: bool = False) -> dict[str, Any]:
    """A record as a dict of its fields: what ``BaseModel.model_dump`` gave."""
    return adapter(type(record)).dump_python(  # type: ignore[no-any-return]
        record, mode=mode, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
