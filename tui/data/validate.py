"""Turn plain data into a validated timeline, collecting every problem with its location.

Each section (header, sources, actors, each event) is validated on its own, so one broken
event does not hide the problems of the others; cross-references, duplicate ids and date
order are checked on whatever did validate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, get_type_hints

from pydantic import BaseModel, TypeAdapter, ValidationError

from tui.data.checks import check_references, did_you_mean
from tui.data.errors import Problem
from tui.data.model import (
    RECORDS,
    TOP_LEVEL_KEYS,
    Actor,
    Event,
    Header,
    Slug,
    Source,
    TimelineDoc,
    field_names,
    validate_event,
)
from tui.data.sanitize import clip, describe, printable, quoted
from tui.data.yamlsafe import Locator, YamlIssue, load_yaml

# Registry keys are ids too: 'bad id!' must be refused where it is defined, not only
# where an event cites it.
_SOURCES = TypeAdapter(dict[Slug, Source])
_ACTORS = TypeAdapter(dict[Slug, Actor])

# Plain words for pydantic's error types; "got ..." is added from the value found.
_EXPECTED = {
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping (key: value lines)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "dataclass_type": "expected a mapping (key: value lines)",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "date_type": "expected a date written as text like 2023-11-06",
}
_RANGES = {"lat": "a latitude is between -90 and 90", "lon": "a longitude is between -180 and 180"}


def field_path(parts: Sequence[str | int]) -> str:
    """``events[3].start_date.month``: a field's place in the data, as the user reads it."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _shorten(message: str, value: Any) -> str:
    """``message`` with a long quoted ``value`` clipped (pydantic and dates quote it whole)."""
    if not isinstance(value, str) or len(value) <= 60 or len(message) <= 200:
        return message
    for candidate in (repr(value), repr(value.strip()), value, value.strip()):
        if candidate and candidate in message:
            return message.replace(candidate, quoted(value.strip()))
    return message


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
            label = clip(ident, 60) if isinstance(ident, str) and ident else f"#{path[1] + 1}"
            return f"event {label}", path[2:]
        if len(path) >= 2 and path[0] in ("sources", "actors"):
            return f"{path[0][:-1]} {clip(str(path[1]), 60) or quoted('')}", path[2:]
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
                field=field_path(rest),
                owner=owner,
                hint=hint,
            )
        )

    def add_validation_error(self, prefix: Sequence[str | int], error: ValidationError) -> None:
        for detail in error.errors(include_input=False, include_url=False):
            raw_loc = detail["loc"]
            loc = list(prefix) + [p for p in raw_loc if p != "[key]"]
            kind = detail["type"]
            if kind == "unexpected_keyword_argument":  # what a record says for extras
                kind = "extra_forbidden"
            at_key = kind == "extra_forbidden" or "[key]" in raw_loc
            value = None if at_key or kind == "missing" else _value_at(self.data, loc)
            message, hint = self._explain(kind, detail, loc, value)
            self.add(loc, message, hint, at_key=at_key)

    def _explain(
        self, kind: str, detail: Any, loc: Sequence[str | int], value: Any
    ) -> tuple[str, str]:
        """Message and hint for one pydantic error."""
        name = loc[-1] if loc else ""
        if kind in _EXPECTED:
            hint = self._empty_hint(loc) if value is None else ""
            if kind == "list_type" and isinstance(value, str):
                hint = f"write a list: [{clip(value, 30)}], or one '- ...' line per item"
            return f"{_EXPECTED[kind]}, got {describe(value)}", hint
        if kind == "extra_forbidden":
            message = f"unknown field {quoted(name)}"
            allowed = self._allowed_fields(loc)
            close = did_you_mean(str(name), allowed)
            return message, close or "allowed: " + ", ".join(allowed)
        if kind == "missing":
            return f"missing required field {quoted(name)}", ""
        if kind == "literal_error":
            expected = detail.get("ctx", {}).get("expected", "")
            options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
            if not isinstance(value, str):
                return f"expected one of: {', '.join(options)}; got {describe(value)}", ""
            return f"{quoted(value)} is not one of: {', '.join(options)}", did_you_mean(
                value, options)
        if kind == "string_too_short":
            return "must not be empty", ""
        if kind == "too_short" and name == "sources":
            return "at least one source is required", "cite the source this comes from by its id"
        if kind in ("less_than_equal", "greater_than_equal") and name in _RANGES:
            shown = clip(value, 30) if isinstance(value, str) else describe(value)
            return f"{_RANGES[str(name)]}, got {shown}", ""
        return _shorten(detail["msg"], value), ""

    def _empty_hint(self, loc: Sequence[str | int]) -> str:
        """Why a value may be empty: text after ' #' is a YAML comment."""
        positions = getattr(self.locator, "positions", None)
        if positions is None or not hasattr(self.locator, "node"):
            return ""
        node, _key, steps = self.locator.node(loc)
        if node is None or steps != len(loc):
            return ""
        line = positions.line_text(node.start_mark.index, reach=500)
        if "#" in line:
            return "text after ' #' is a comment in YAML: put the value in quotes"
        return ""

    def _allowed_fields(self, loc: Sequence[str | int]) -> list[str]:
        model: Any = TimelineDoc
        steps = list(loc[:-1])
        if steps and steps[0] in ("sources", "actors"):
            # sources.<id>.field: the registry's model; the id is not a field
            model = {"sources": Source, "actors": Actor}[str(steps[0])]
            steps = steps[2:]
        for step in steps:
            if isinstance(step, int) or model is None:
                continue
            annotation = _field_types(model).get(step)
            model = _inner_model(annotation) if annotation is not None else None
        return list(field_names(model)) if model is not None else []


def _field_types(model: Any) -> dict[str, Any]:
    """A document model's or record's field annotations, by field name."""
    if issubclass(model, BaseModel):
        return {name: field.annotation for name, field in model.model_fields.items()}
    return get_type_hints(model, include_extras=True)


def _inner_model(annotation: Any) -> Any:
    """The model or record inside ``list[Record]``, ``Record | None`` and the like."""
    if isinstance(annotation, type) and (annotation in RECORDS or issubclass(annotation,
                                                                             BaseModel)):
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
            hint = did_you_mean(key, TOP_LEVEL_KEYS) or "allowed: " + ", ".join(TOP_LEVEL_KEYS)
            found.add([key], f"unknown top-level key {quoted(key)}", hint, at_key=True)

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
        found.add(["events"], f"expected a list of events, got {describe(raw_events)}",
                  "start each event with '- id: ...'")
        raw_events = []
    for index, raw in enumerate(raw_events or []):
        try:
            events.append(validate_event(raw))
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


# Characters worth a warning in text: they are shown escaped, but a curator should know.
# Bidi marks (U+200E/F, U+061C) are normal in right-to-left text and are not warned about.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MAY_HOLD_SUSPECT = re.compile("[\\\\\x85\u202a-\u202e\u2066-\u2069]")  # raw, or escaped
_ESCAPE_MADE = frozenset("\x00\x07\x08\x0b\x0c\x1b")  # what "\\0 \\a \\b \\v \\f \\e" become
_BIDI_NAMES = {
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
    "\u202c": "pop-directional-formatting", "\u202d": "left-to-right override",
    "\u202e": "right-to-left override", "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate", "\u2068": "first-strong isolate",
    "\u2069": "pop-directional-isolate",
}


def _holds_suspect(value: object) -> bool:
    if isinstance(value, str):
        return _SUSPECT.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_suspect(k) or _holds_suspect(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_suspect(item) for item in value)
    names = _RECORD_FIELDS.get(type(value))
    if names is not None:
        return any(_holds_suspect(getattr(value, name)) for name in names)
    return False


_RECORD_FIELDS = {record: field_names(record) for record in RECORDS}


def text_warnings(
    text: str, filename: str, loaded: Iterable[object] | None = None
) -> list[Problem]:
    """Warnings for text values holding control or bidi-control characters.

    They load (text is data, and newstui always shows them escaped), but they can hide
    or reorder text, so ``newstui validate`` points them out. ``text`` is the file's
    YAML/JSON; it is parsed again (for positions) only if it can hold such a character:
    if ``loaded`` (the values already loaded from it) holds one, or without ``loaded``,
    if the text has a backslash escape or a raw bidi control.
    """
    if loaded is not None:
        if not _holds_suspect(list(loaded)):
            return []
    elif _MAY_HOLD_SUSPECT.search(text) is None:
        return []
    try:
        data, locator = load_yaml(text)
    except YamlIssue:
        return []  # not this function's business: loading reports it
    if not isinstance(data, dict):
        return []
    found = Collector(filename, locator, data)
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            match = _SUSPECT.search(value)
            if match is None:
                continue
            char = match.group()
            shown = printable(char)
            if char in _BIDI_NAMES:
                what, why = f"a {_BIDI_NAMES[char]} ({shown})", "it can reorder the text"
            elif char in _ESCAPE_MADE:
                what, why = f"the control character {shown}", (
                    "in double quotes a backslash starts an escape (\\a, \\b, \\e, \\f, "
                    "\\v, \\0): write a backslash as \\\\, or use single quotes")
            else:
                what, why = f"the control character {shown}", "it is invisible or acts on "\
                    "terminals"
            found.add(list(path), f"the text contains {what}",
                      f"newstui shows it as {shown}; remove it unless it is meant: {why}")
    return [problem._replace(severity="warning")
            for problem in sorted(found.problems, key=Problem.sort_key)]
