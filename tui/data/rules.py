"""The pydantic form of each :class:`tui.data.records.Rule`: imported only to validate.

A record's field type names its rule (``Annotated[str, Rule("slug")]``); when pydantic
builds a record's schema it asks the rule, which answers with the schema of the same type
annotated with the pydantic constraints below. Text is strict: the readers hand over every
scalar as the text written (``id: 0123`` stays ``"0123"``), never a value converted by
YAML's implicit typing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from tui.data.countries import is_country, suggest_country
from tui.data.dates import DateError, When, zone
from tui.data.records import SLUG, URL

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

    from tui.data.records import Rule


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
            "archive", "'{value}' is a path: give a file name; the directory comes from "
            "'newstui validate --archive DIR'", {"value": value})
    return value


def _actor_ref(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


_STRICT = Field(strict=True)
_DATE_PATTERN = (r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                 r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$")
RULES: dict[str, tuple[Any, ...]] = {
    "text": (Field(strict=True, min_length=1),),
    "plain": (_STRICT,),
    "slug": (_STRICT, AfterValidator(_slug)),
    "country": (
        _STRICT,
        AfterValidator(_country),
        WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$",
                        "title": "ISO 3166-1 alpha-2"}),
    ),
    "time_zone": (_STRICT, AfterValidator(_time_zone)),
    "url": (_STRICT, AfterValidator(_url)),
    "archive": (Field(strict=True, min_length=1), AfterValidator(_archive_name)),
    "date": (
        PlainValidator(_when),
        PlainSerializer(lambda when: when.iso(), return_type=str),
        WithJsonSchema({
            "type": "string",
            "pattern": _DATE_PATTERN,
            "description": "YYYY, YYYY-MM, YYYY-MM-DD (day) or YYYY-MM-DDTHH:MM+HH:MM",
        }),
    ),
    "latitude": (Field(ge=-90, le=90),),
    "longitude": (Field(ge=-180, le=180),),
    "non_empty": (Field(min_length=1),),
    "actor_ref": (BeforeValidator(_actor_ref),),
}


def core_schema(rule: Rule, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    """The schema of ``source`` under ``rule``: the type annotated with the rule's pydantic
    constraints (``about``: the field's description)."""
    if rule.name == "about":
        metadata: tuple[Any, ...] = (Field(description=rule.about),)
    else:
        metadata = RULES[rule.name]
    return handler(Annotated[(source, *metadata)])  # type: ignore[return-value]
