"""Turn plain data into a validated timeline, collecting every problem with its location.

Each section (header, sources, actors, each event) is validated on its own, so one broken
event does not hide the problems of the others; cross-references, duplicate ids and date
order are checked on whatever did validate.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from tui.data.checks import check_references
from tui.data.errors import Problem
from tui.data.model import (
    TOP_LEVEL_KEYS,
    Actor,
    Event,
    Header,
    Source,
    TimelineDoc,
)
from tui.data.yamlsafe import Locator

_SOURCES = TypeAdapter(dict[str, Source])
_ACTORS = TypeAdapter(dict[str, Actor])

# Plain words for pydantic's error types (its own wording is kept for the rest).
_MESSAGES = {
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_too_short": "must not be empty",
}


def _field_path(parts: Sequence[str | int]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class Collector:
    """Gathers problems, resolving data paths to positions through the locator."""

    def __init__(self, filename: str, locator: Locator, data: dict[str, Any]) -> None:
        self.filename = filename
        self.locator = locator
        self.data = data
        self.problems: list[Problem] = []

    def owner(self, path: Sequence[str | int]) -> tuple[str, Sequence[str | int]]:
        """Split a path into its owner ("event x") and the field path inside it."""
        if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
            events = self.data.get("events")
            item = events[path[1]] if isinstance(events, list) else None
            ident = item.get("id") if isinstance(item, dict) else None
            label = ident if isinstance(ident, str) and ident else f"#{path[1] + 1}"
            return f"event {label}", path[2:]
        if len(path) >= 2 and path[0] in ("sources", "actors"):
            return f"{path[0][:-1]} {path[1]}", path[2:]
        return "", path

    def add(
        self, path: Sequence[str | int], message: str, hint: str = "", *, at_key: bool = False
    ) -> None:
        position = self.locator.position(path, key=at_key)
        owner, rest = self.owner(path)
        self.problems.append(
            Problem(
                file=self.filename,
                line=position[0] if position else None,
                column=position[1] if position else None,
                message=message,
                field=_field_path(rest),
                owner=owner,
                hint=hint,
            )
        )

    def add_validation_error(self, prefix: Sequence[str | int], error: ValidationError) -> None:
        for detail in error.errors(include_input=False, include_url=False):
            loc = list(prefix) + [p for p in detail["loc"] if p != "[key]"]
            kind = detail["type"]
            at_key = kind == "extra_forbidden" or "[key]" in detail["loc"]
            message = _MESSAGES.get(kind, detail["msg"])
            hint = ""
            if kind == "extra_forbidden":
                name = loc[-1]
                message = f"unknown field {name!r}"
                allowed = self._allowed_fields(loc)
                close = difflib.get_close_matches(str(name), allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed)
            elif kind == "missing":
                message = f"missing required field {loc[-1]!r}"
            elif kind == "literal_error":
                expected = detail.get("ctx", {}).get("expected", "")
                value = _value_at(self.data, loc)
                options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
                message = f"{value!r} is not one of: {', '.join(options)}"
                close = difflib.get_close_matches(str(value), options, n=1)
                hint = f"did you mean {close[0]!r}?" if close else ""
            elif kind == "too_short" and loc[-1] == "sources":
                message = "at least one source is required"
                hint = "cite the source this comes from by its id"
            self.add(loc, message, hint, at_key=at_key)

    def _allowed_fields(self, loc: Sequence[str | int]) -> list[str]:
        model: Any = TimelineDoc
        for step in loc[:-1]:
            if isinstance(step, int) or model is None:
                continue
            if model is TimelineDoc and step in ("sources", "actors"):
                model = {"sources": Source, "actors": Actor}[step]
                continue
            field = model.model_fields.get(step) if hasattr(model, "model_fields") else None
            model = _inner_model(field.annotation) if field else None
        return list(model.model_fields) if model is not None else []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside ``list[Model]``, ``Model | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__origin__", None)
    return _inner_model(metadata) if metadata is not None else None


def _value_at(data: Any, path: Iterable[str | int]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate_document(
    data: dict[str, Any], locator: Locator, filename: str
) -> tuple[TimelineDoc | None, list[Problem], list[int]]:
    """Validate ``data``; return the document (None if any problem), problems, event indexes.

    The third value gives, for each validated event, its index in the file's list.
    """
    found = Collector(filename, locator, data)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            close = difflib.get_close_matches(str(key), TOP_LEVEL_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(
                TOP_LEVEL_KEYS
            )
            found.add([key], f"unknown top-level key {key!r}", hint, at_key=True)

    header: dict[str, Any] = {}
    for key in ("title", "description"):
        if key in data:
            header[key] = data[key]
    for key in ("title", "sources"):
        if key not in data:
            found.add([], f"missing required top-level key {key!r}")
    if "title" in data:
        try:
            Header.model_validate(header)
        except ValidationError as error:
            found.add_validation_error([], error)

    sources: dict[str, Source] = {}
    actors: dict[str, Actor] = {}
    for key, adapter, target in (("sources", _SOURCES, sources), ("actors", _ACTORS, actors)):
        if key not in data:
            continue
        try:
            target.update(adapter.validate_python(data[key]))
        except ValidationError as error:
            found.add_validation_error([key], error)
    if "sources" in data and isinstance(data["sources"], dict) and not data["sources"]:
        found.add(["sources"], "at least one source is required")

    raw_events = data.get("events", [])
    events: list[Event] = []
    positions: list[int] = []
    if raw_events is not None and not isinstance(raw_events, list):
        found.add(["events"], "expected a list of events", "start each event with '- id: ...'")
        raw_events = []
    for index, raw in enumerate(raw_events or []):
        try:
            events.append(Event.model_validate(raw))
            positions.append(index)
        except ValidationError as error:
            found.add_validation_error(["events", index], error)

    check_references(found, raw_events or [])
    if found.problems:
        return None, found.problems, positions
    doc = TimelineDoc.model_construct(
        title=data["title"],
        description=data.get("description") or "",
        sources=sources,
        actors=actors,
        events=events,
    )
    return doc, found.problems, positions
