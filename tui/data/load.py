"""Read a timeline file from disk: every failure becomes a located :class:`TimelineError`.

Reading problems (missing file, a directory, unreadable, not UTF-8, binary, too large)
exit with code 2; problems with the data itself exit with code 1.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tui.data.errors import EXIT_INVALID, EXIT_USAGE, Problem, TimelineError
from tui.data.model import Actor, Event, Source
from tui.data.validate import validate_document
from tui.data.yamlsafe import Locator, YamlIssue, load_yaml

MAX_BYTES = 256 * 1024 * 1024  # documented in README: about 300,000 events of typical size


def bundled_path() -> Path:
    """The curated ``events.yaml`` shipped with the package (or beside it in a checkout)."""
    packaged = resources.files("tui").joinpath("events.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "events.yaml"


@dataclass
class Timeline:
    """A validated timeline, events sorted by their real instant (stable for ties)."""

    title: str
    description: str
    sources: dict[str, Source]
    actors: dict[str, Actor]
    events: list[Event]
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # event id -> 1-based line in file
    order: dict[str, int] = field(default_factory=dict)  # event id -> index in the file's list
    by_id: dict[str, Event] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {event.id: event for event in self.events}

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id


def _io_error(path: Path, message: str, hint: str = "") -> TimelineError:
    return TimelineError(
        [Problem(str(path), None, None, message, hint=hint)], exit_code=EXIT_USAGE
    )


def read_text(path: Path) -> str:
    """The file's text, or a :class:`TimelineError` with exit code 2 saying why not."""
    try:
        if path.is_dir():
            raise _io_error(path, "is a directory, not a timeline file",
                            "give the path of a .yaml or .json file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _io_error(path, f"file is too large ({size:,} bytes; the limit is "
                            f"{MAX_BYTES:,})", "split the timeline into several files")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _io_error(path, "no such file", "check the path") from None
    except PermissionError:
        raise _io_error(path, "permission denied", "check the file's permissions") from None
    except OSError as error:
        raise _io_error(path, f"cannot read the file: {error.strerror or error}") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise TimelineError(
            [Problem(str(path), line, column, "this is a binary file, not a text timeline",
                     hint="give a YAML or JSON file")], exit_code=EXIT_USAGE)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise TimelineError(
            [Problem(str(path), line, column,
                     f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
                     hint="save it as UTF-8 in your editor")], exit_code=EXIT_USAGE,
        ) from None


@contextmanager
def _no_gc() -> Iterator[None]:
    # Loading allocates millions of small objects and no cycles: the cyclic collector
    # would only rescan them over and over (it roughly doubles load time at scale).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_text(text: str, filename: str) -> tuple[Any, Locator]:
    """YAML (or JSON, which YAML reads too) into plain data and a locator."""
    try:
        return load_yaml(text)
    except YamlIssue as issue:
        line = issue.line + 1 if issue.line is not None else None
        column = issue.column + 1 if issue.column is not None else None
        problem = Problem(filename, line, column, issue.message, hint=issue.hint)
        raise TimelineError([problem]) from None
    except RecursionError:  # pragma: no cover - the depth bound stops this first
        raise TimelineError([Problem(filename, None, None, "nesting too deep")]) from None


def timeline_from_text(text: str, filename: str, path: Path | None = None) -> Timeline:
    """Parse and validate ``text``; raise :class:`TimelineError` with every problem."""
    with _no_gc():
        data, locator = parse_text(text, filename)
        if data is None:
            raise TimelineError([Problem(
                filename, 1, 1, "the file is empty (or holds only comments)",
                hint="a timeline needs at least 'title', 'sources' and 'events'")])
        if not isinstance(data, dict):
            what = "a list" if isinstance(data, list) else "a single value"
            raise TimelineError([Problem(
                filename, 1, 1, f"the top level is {what}, not a mapping",
                hint="start the file with 'title:', 'sources:' and 'events:' keys")])
        doc, problems, positions = validate_document(data, locator, filename)
        if doc is None:
            raise TimelineError(problems, exit_code=EXIT_INVALID)
        lines: dict[str, int] = {}
        for event, index in zip(doc.events, positions, strict=True):
            position = locator.position(["events", index])
            if position:
                lines[event.id] = position[0]
        events = sorted(doc.events, key=lambda event: event.instant)
        order = {event.id: index for event, index in zip(doc.events, positions, strict=True)}
        return Timeline(doc.title, doc.description, dict(doc.sources), dict(doc.actors),
                        events, path, lines, order)


def load_timeline(path: str | Path | None = None) -> Timeline:
    """Load and validate the timeline at ``path`` (the bundled one if None)."""
    file = Path(path) if path is not None else bundled_path()
    text = read_text(file)
    return timeline_from_text(text, str(path) if path is not None else str(file), file)
