"""The timeline's records as plain, slotted, frozen dataclasses: no pydantic needed to use them.

Source, Actor, Place, ActorRef, Quote, Link and Event are what a validated timeline is
made of. They are standard-library dataclasses, so opening a timeline that needs no
validation (a cache hit, the bundled timeline) imports neither pydantic nor YAML: pydantic
and building its schemas cost about 100 ms of a start-up that an empty Textual app does in
about 200 ms.

Validation is pydantic's, through :mod:`tui.data.model`: pydantic validates these
dataclasses directly. Each field's rules (strict text, id pattern, country code, date,
bounds, documentation) are named by a :class:`Rule` in the field's ``Annotated`` type;
pydantic asks the rule for its schema, and only then is :mod:`tui.data.rules` imported.
Unknown fields are refused (``__pydantic_config__``: ``extra="forbid"``), so a typo such as
``titel`` is an error, not silently dropped data.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from tui.data.dates import When, zone

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

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


class Rule:
    """A field's validation rule, by name: its pydantic form lives in :mod:`tui.data.rules`.

    ``about`` documents the field in the JSON Schema.
    """

    __slots__ = ("about", "name")

    def __init__(self, name: str, about: str | None = None) -> None:
        self.name = name
        self.about = about

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        from tui.data.rules import core_schema

        return core_schema(self, source, handler)


# Field types: the rule names the constraint (see tui.data.rules).
Text = Annotated[str, Rule("text")]  # non-empty text, never a converted number or date
Plain = Annotated[str, Rule("plain")]  # text, possibly empty
Slug = Annotated[str, Rule("slug")]  # an id
Country = Annotated[str, Rule("country")]  # an ISO 3166-1 alpha-2 code
TimeZone = Annotated[str, Rule("time_zone")]  # an IANA zone name
Url = Annotated[str, Rule("url")]
ArchiveName = Annotated[str, Rule("archive")]  # a file name in validate's --archive DIR
Date = Annotated[When, Rule("date")]  # YYYY, YYYY-MM, YYYY-MM-DD or a time with offset
Latitude = Annotated[float, Rule("latitude")]
Longitude = Annotated[float, Rule("longitude")]

# Unknown fields are errors; str() of an error must never walk (and expand) the input.
_CONFIG = {"extra": "forbid", "hide_input_in_errors": True}
_record = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)


def _list() -> Any:
    return dataclasses.field(default_factory=list)  # one Field object per field


@_record
class Source:
    """Where events come from: an article, a statement, a transcript."""

    __pydantic_config__ = _CONFIG

    title: Text
    publisher: Text | None = None
    published: Date | None = None  # leave it out when unknown: never invent one
    url: Url | None = None  # never invented: leave it out if unknown
    archive: Annotated[ArchiveName | None, Rule("about", "archived plain-text copy")] = None


@_record
class Actor:
    """A person, government, organization or group, registered once by id."""

    __pydantic_config__ = _CONFIG

    name: Text
    role: Text | None = None
    country: Country | None = None
    kind: ActorKind
    aliases: list[Text] = _list()


@_record
class Place:
    __pydantic_config__ = _CONFIG

    name: Text
    country: Country
    lat: Latitude | None = None
    lon: Longitude | None = None
    tz: TimeZone | None = None

    @property
    def zone(self) -> tzinfo | None:
        return zone(self.tz) if self.tz else None  # zone() is memoised


@_record
class ActorRef:
    """An actor taking part in an event, optionally with its role in that event."""

    __pydantic_config__ = _CONFIG

    id: Slug
    role: EventRole | None = None


@_record
class Quote:
    __pydantic_config__ = _CONFIG

    speaker: Slug
    text: Text
    source: Slug


@_record
class Link:
    __pydantic_config__ = _CONFIG

    rel: LinkRel
    to: Slug


@_record
class Event:
    """One distinct happening."""

    __pydantic_config__ = _CONFIG

    id: Slug
    kind: Kind
    title: Text
    summary: Plain = ""
    start: Date
    end: Date | None = None
    approximate: bool = False
    date_text: Annotated[
        Text | None, Rule("about", "the sources' own wording of a loose date")] = None
    place: Place | None = None
    # An actor may be written as its bare id (rule "actor_ref").
    actors: list[Annotated[ActorRef, Rule("actor_ref")]] = _list()
    quotes: list[Quote] = _list()
    sources: Annotated[list[Slug], Rule("non_empty")]
    tags: list[Text] = _list()
    links: list[Link] = _list()
    note: Text | None = None
    # Its real instant, or the start of its local day (or month, or year): the order of
    # timed events within a day (see tui.data.derived.calendar_order). A slot, not a
    # field (init=False: pydantic neither validates, dumps nor documents it).
    instant: datetime = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "instant", self.start.instant(self.zone))

    @property
    def zone(self) -> tzinfo | None:
        return self.place.zone if self.place else None

    @property
    def country(self) -> str | None:
        return self.place.country if self.place else None


RECORDS: tuple[type, ...] = (Source, Actor, Place, ActorRef, Quote, Link, Event)


def record_fields(record: type) -> tuple[str, ...]:
    """A record's fields in declaration order (``instant`` is none)."""
    return tuple(field.name for field in dataclasses.fields(record) if field.init)
