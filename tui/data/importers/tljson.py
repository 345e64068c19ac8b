"""Read a TimelineJS3 JSON file (``{"title": ..., "events": [...], "eras": [...]}``) into slides.

Lenient the way real files need: missing fields, ``null`` where text belongs, numbers
where text belongs, empty strings, unknown keys (``background``, ``autolink``, ``scale``)
are all accepted. Positions for messages come from reading the same text as YAML (JSON
is YAML), so problems carry a line and column whenever that succeeds.
"""

from __future__ import annotations

import json
from typing import Any

from tui.data.errors import Problem, TimelineError
from tui.data.importers.slides import JsonOrigin, Slide, SlideShow
from tui.data.yamlsafe import Locator, YamlIssue, load_yaml


def parse_json(text: str, filename: str) -> Any:
    """The JSON value, or a located :class:`TimelineError` for a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise TimelineError([Problem(filename, error.lineno, error.colno,
                                     f"JSON syntax error: {error.msg}",
                                     hint="check for a missing comma, quote or bracket")]
                            ) from None
    except RecursionError:
        raise TimelineError([Problem(filename, None, None, "JSON nesting is too deep")]
                            ) from None


def _locator(text: str) -> Locator | None:
    try:
        return load_yaml(text)[1]
    except (YamlIssue, RecursionError):
        return None  # positions are a convenience: messages still name the JSON path


class _Reader:
    def __init__(self, filename: str, locator: Locator | None) -> None:
        self.filename = filename
        self.locator = locator
        self.problems: list[Problem] = []

    def problem(self, origin: JsonOrigin, name: str, message: str, hint: str = "") -> None:
        line, column, label = origin.locate(name)
        self.problems.append(Problem(self.filename, line, column, message, field=label,
                                     hint=hint))

    def text(self, origin: JsonOrigin, raw: dict[str, Any], name: str) -> str:
        """A text field (``"text.headline"``): text, a number as written, or ""."""
        value: Any = raw
        for step in name.split("."):
            value = value.get(step) if isinstance(value, dict) else None
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float):
            return str(value)
        self.problem(origin, name, "expected text", "write it as a string")
        return ""

    def date(self, origin: JsonOrigin, raw: dict[str, Any], name: str) -> dict[str, Any] | None:
        value = raw.get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(origin, name, "expected a date object",
                         'write it like {"year": 1963, "month": 8, "day": 9}')
            return {}
        return value

    def slide(self, raw: Any, base: tuple[str | int, ...]) -> Slide | None:
        origin = JsonOrigin(self.locator, base)
        if not isinstance(raw, dict):
            self.problem(origin, "", "expected a slide object ({...})")
            return None
        start = self.date(origin, raw, "start_date")
        display = self.text(origin, raw, "display_date")
        if not display and isinstance(start, dict):
            display = self.text(origin, raw, "start_date.display_date")
        location = raw.get("location")
        return Slide(
            origin=origin,
            start=start,
            end=self.date(origin, raw, "end_date"),
            display_date=display,
            headline=self.text(origin, raw, "text.headline"),
            text=self.text(origin, raw, "text.text"),
            media_url=self.text(origin, raw, "media.url"),
            media_caption=self.text(origin, raw, "media.caption"),
            media_credit=self.text(origin, raw, "media.credit"),
            group=self.text(origin, raw, "group"),
            unique_id=self.text(origin, raw, "unique_id"),
            location=location if isinstance(location, dict) else None,
        )


def read_timelinejs(text: str, filename: str) -> tuple[SlideShow, list[Problem]]:
    """Slides from TimelineJS3 JSON, and the problems found reading them."""
    data = parse_json(text, filename)
    reader = _Reader(filename, _locator(text))
    root = JsonOrigin(reader.locator, ())
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        line, column, _ = root.locate("events" if isinstance(data, dict) else "")
        raise TimelineError([Problem(filename, line, column,
                                     "not a TimelineJS timeline: no 'events' list",
                                     hint='TimelineJS JSON looks like {"events": [...]}')])
    title = None
    if isinstance(data.get("title"), dict):
        title = reader.slide(data["title"], ("title",))
    events = []
    for index, raw in enumerate(data["events"]):
        slide = reader.slide(raw, ("events", index))
        if slide is not None:
            events.append(slide)
    eras = []
    if isinstance(data.get("eras"), list):
        for index, raw in enumerate(data["eras"]):
            era = reader.slide(raw, ("eras", index))
            if era is not None:
                eras.append(era)
    return SlideShow("TimelineJS JSON", title, events, eras), reader.problems
