"""Write a timeline as newstui's own YAML file, ready to curate (``newstui convert``).

The output reads back through our loader to the same timeline:

* every string is double-quoted (with escapes for anything YAML would not keep as written:
  control characters, line and paragraph separators, byte-order marks), so ``NO``,
  ``0123`` or ``2023-11-06`` stay text and no YAML 1.1 trap applies; multi-line text
  that a ``|-`` block holds exactly is written as such a block, to stay readable;
* dates are written as text (``"2023-11-06T14:30+03:00"``);
* keys are plain only when they are plain identifiers that no YAML reader could take for a
  number, boolean or null; other keys are quoted too;
* the first line is the yaml-language-server modeline, so editors validate the file
  against ``events.schema.json`` (``newstui schema > events.schema.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from tui.data.load import Timeline
from tui.data.model import Event, dump

MODELINE = "# yaml-language-server: $schema=./events.schema.json"
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
# Characters a YAML double-quoted scalar may hold as they are: printable, not a line
# break (NEL, LS and PS are line breaks in YAML 1.1), not a byte-order mark.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_FLOW_WIDTH = 88


def _needs_escape(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _needs_escape(char):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    if _PLAIN_KEY.fullmatch(name) and name.lower() not in _YAML_WORDS:
        return name
    return quote(name)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return "null"
    return quote(str(value))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _flow(value: Any) -> str | None:
    """A one-line flow form for a list of scalars or a mapping of scalars (else None)."""
    if isinstance(value, list) and all(_is_scalar(v) for v in value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict) and all(_is_scalar(v) for v in value.values()):
        return "{" + ", ".join(f"{key(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        items = [scalar(v) if _is_scalar(v) else _flow(v) for v in value]
        if all(item is not None for item in items):
            return "[" + ", ".join(item for item in items if item) + "]"
    return None


def literal_ok(text: str) -> bool:
    """Whether multi-line ``text`` reads back exactly from a ``|-`` block scalar.

    Anything a block cannot hold as written (escapes, trailing spaces that editors strip,
    leading spaces or line breaks, a final line break) stays double-quoted.
    """
    if "\n" not in text or text.endswith("\n") or text[:1].isspace() or "\t" in text:
        return False
    if any(_needs_escape(c) for c in text if c != "\n"):
        return False
    return not any(line != line.rstrip() for line in text.split("\n"))


def emit(value: dict[str, Any], indent: int = 0) -> Iterator[str]:
    """Block-style YAML lines for a mapping (short collections stay on one line)."""
    pad = " " * indent
    for name, item in value.items():
        if isinstance(item, str) and literal_ok(item):
            yield f"{pad}{key(name)}: |-"
            yield from (f"{pad}  {line}" if line else "" for line in item.split("\n"))
            continue
        if _is_scalar(item):
            yield f"{pad}{key(name)}: {scalar(item)}"
            continue
        flow = _flow(item)
        if flow is not None and len(pad) + len(name) + len(flow) + 2 <= _FLOW_WIDTH:
            yield f"{pad}{key(name)}: {flow}"
        elif isinstance(item, dict):
            yield f"{pad}{key(name)}:"
            yield from emit(item, indent + 2)
        else:
            yield f"{pad}{key(name)}:"
            yield from _emit_list(item, indent + 2)


def _emit_list(items: list[Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            lines = list(emit(item, indent + 2))
            yield f"{pad}- {lines[0].lstrip()}"
            yield from lines[1:]
        elif isinstance(item, list):
            yield f"{pad}- {_flow(item) or '[]'}"
        else:
            yield f"{pad}- {scalar(item)}"


def event_data(event: Event) -> dict[str, Any]:
    """The event as the file format writes it: defaults left out, short actor refs."""
    data = dump(event, mode="json", exclude_defaults=True)
    if "actors" in data:
        data["actors"] = [ref["id"] if set(ref) == {"id"} else ref for ref in data["actors"]]
    return data


def document(timeline: Timeline, events: Sequence[Event]) -> dict[str, Any]:
    data: dict[str, Any] = {"title": timeline.title}
    if timeline.description:
        data["description"] = timeline.description
    data["sources"] = {sid: dump(s, mode="json", exclude_none=True)
                       for sid, s in timeline.sources.items()}
    if timeline.actors:
        data["actors"] = {aid: dump(a, mode="json", exclude_defaults=True)
                          for aid, a in timeline.actors.items()}
    data["events"] = [event_data(event) for event in events]
    return data


def to_yaml(timeline: Timeline, events: Sequence[Event], header: Sequence[str] = ()) -> str:
    """The YAML file: modeline, ``header`` comment lines, then the document."""
    lines = [MODELINE]
    if header:
        lines.append("#")
        for line in header:
            text = "".join("?" if _needs_escape(c) else c for c in line)
            lines.append(f"# {text}".rstrip())
    lines.append("")
    doc = document(timeline, events)
    for name, value in doc.items():
        if name == "events":
            lines.append("")
            lines.append("events:" if value else "events: []")
            for event in value:
                lines.extend(_emit_list([event], 2))
                lines.append("")
            continue
        block = list(emit({name: value}))
        if name in ("sources", "actors"):
            lines.append("")
        lines.extend(block)
    return "\n".join(lines).rstrip("\n") + "\n"
