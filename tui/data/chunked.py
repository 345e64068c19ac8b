"""The first open of a large YAML timeline, in chunks: the whole parsed tree never exists.

:mod:`tui.data.fastload` proves when yaml-rs reads a text the way the authoritative reader
does; this module applies the same guards to a text cut into pieces. A byte scan finds the
block sequence under the top-level ``events:`` key and the line of each of its items;
the rest of the document (title, sources, actors, and any keys after the events) is parsed
and validated on its own, then the events a few thousand items at a time, each chunk
validated into models at once and its plain data dropped. Peak memory is then the text
plus the models plus one chunk, rather than the text plus the whole tree plus the models.

Any doubt declines (:data:`DECLINED`: the authoritative, located reader then runs and
reports every problem): a chunk that fails to parse or holds another number of items
than the scan counted in it, anything the prefilter, census or typed-value guards refuse,
an event that does not validate, and any problem the cross checks of
:func:`tui.data.checks.check_references` would report. A text not laid out this way (flow
style, ``events: []``) is :data:`UNCHUNKED`, and the authoritative reader reads it too.

Why a slice reads as it does in the whole text: the block ends at the first content line
indented less than its items, and each item starts at a ``- `` line at the block's
indentation, which is never the content of a block scalar (more indented) or of a plain
scalar (whose continuation lines are more indented too). A cut inside a quoted scalar or
a flow collection leaves it unterminated in the slice, which yaml-rs refuses; a ``- `` line
that continues a quoted scalar makes a chunk's item count differ. The rest of the text must
be a block mapping whose ``events`` key (the only top-level ``events:`` line) is now empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from tui.data.checks import check_references
from tui.data.model import Actor, Event, Source, validate_event
from tui.data.validate import validate_document
from tui.data.yamlsafe import Locator

CHUNK_ITEMS = 2000  # events parsed at once: a few MB of plain data, parsed in ~50 ms
DECLINED = "declined"  # the authoritative reader must say (and locate) what is wrong
UNCHUNKED = "unchunked"  # not laid out as a block sequence under a top-level "events:"
# Blank and comment lines, then (unless the piece holds only those) a key at column 0: not
# a flow collection, a list or a scalar. Before the events a "---" may start the document;
# after them it would start another one.
_BLANK_LINES = rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*"
_BEFORE = re.compile(_BLANK_LINES + rb"(?:---[ \t]*\r?\n" + _BLANK_LINES + rb")?(?:[\w\"']|\Z)")
_AFTER = re.compile(_BLANK_LINES + rb"(?:[\w\"']|[ \t]*(?:#[^\n]*)?\Z)")


class Decline(Exception):
    """The chunked reader cannot prove its result equals the authoritative one."""


class Parts:
    """What the chunked reader found: the document's parts, events in file order."""

    def __init__(self, title: str, description: str, sources: dict[str, Source],
                 actors: dict[str, Actor], events: list[Event], lines: list[int]) -> None:
        self.title = title
        self.description = description
        self.sources = sources
        self.actors = actors
        self.events = events
        self.lines = lines


def read_chunked(raw: bytes, filename: str) -> Parts | str:
    """The validated parts of the timeline in ``raw`` (UTF-8, no BOM), or why not.

    Returns :data:`UNCHUNKED` or :data:`DECLINED` instead of raising: neither is an error
    in the file, only a reason to read it another way.
    """
    from tui.data import fastload

    block = fastload.events_block(raw)
    if block is None:
        return UNCHUNKED
    if fastload.prefilter("", raw) is not None:
        return DECLINED
    try:
        import yaml_rs  # noqa: F401 - an install without the wheel: authoritative only
    except ImportError:
        return DECLINED
    try:
        return _Reader(raw, block, filename).read()
    except Decline:
        return DECLINED


class _Detector:
    """Stands in for :class:`tui.data.validate.Collector`: any problem reported declines."""

    def __init__(self, sources: dict[str, Source], actors: dict[str, Actor]) -> None:
        self.data: dict[str, Any] = {"sources": sources, "actors": actors}
        self.locator = Locator(None)

    def add(self, path: Sequence[str | int], message: str, hint: str = "", *,
            at_key: bool = False) -> None:
        raise Decline(message)


class _Reader:
    """One read of ``raw``: the rest of the document first, then the events chunk by chunk."""

    def __init__(self, raw: bytes, block: Any, filename: str) -> None:
        self.raw = raw
        self.block = block
        self.filename = filename
        self.proven: dict[tuple[str, ...], bool] = {}

    def read(self) -> Parts:
        header = self._rest()
        detector = _Detector(header.sources, header.actors)
        events: list[Event] = []
        lines: list[int] = []
        ids: set[str] = set()
        targets: list[str] = []
        raw, block = self.raw, self.block
        chunk: list[re.Match[bytes]] = []
        line, offset = 1, 0
        for item in block.items.finditer(raw, block.start, block.end):
            if not lines and item.start() != block.start:
                raise Decline("the first item's line is not a plain '- ' line")
            if len(chunk) == CHUNK_ITEMS:
                self._chunk(chunk, item.start() + 1, detector, events, ids, targets)
                chunk = []
            chunk.append(item)
            line += raw.count(b"\n", offset, item.start() + 1)
            offset = item.start() + 1
            lines.append(line)
        if not chunk:
            raise Decline("the first item's line is not a plain '- ' line")
        self._chunk(chunk, block.end, detector, events, ids, targets)
        if not ids.issuperset(targets):
            raise Decline("a link to an unknown event")
        return Parts(header.title, header.description, header.sources, header.actors,
                     events, lines)

    def _rest(self) -> Parts:
        """The document without its events, validated.

        The text before the ``events:`` line and the text after the block are parsed
        apart: each must be empty or a block mapping at column 0, so the ``events:``
        line is a key of the top-level mapping (inside a flow collection or a quoted
        scalar, the text before it would end unterminated), and so are the keys after.
        """
        raw, block = self.raw, self.block
        line_start = raw.rfind(b"\n", 0, block.head) + 1
        before = self._mapping(raw[:line_start], _BEFORE)
        after = self._mapping(raw[block.end:], _AFTER)
        if "events" in before or "events" in after or not before.keys().isdisjoint(after):
            raise Decline("a duplicate top-level key")  # yaml-rs would refuse the whole
        data = {**before, "events": [], **after}
        if not all(type(key) is str for key in data) or not all(
                type(key) is str for section in ("sources", "actors")
                if isinstance(data.get(section), dict) for key in data[section]):
            raise Decline("keys that are not text")  # as yamlsafe guarantees
        self._typed(data)
        try:
            doc = validate_document(data, Locator(None), self.filename)[0]
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            raise Decline("a shape the checks do not expect") from None
        if doc is None:
            raise Decline("the header, sources or actors do not validate")
        return Parts(doc.title, doc.description, dict(doc.sources), dict(doc.actors), [], [])

    def _mapping(self, piece: bytes, start: re.Pattern[bytes]) -> dict[Any, Any]:
        """A piece of the top-level mapping: nothing, or a block mapping at column 0."""
        head = start.match(piece)
        if head is None:
            raise Decline("not a block mapping at column 0")
        if head.end() == len(piece):
            return {}  # only blank lines and comments (and a "---" before the events)
        data = self._parse(piece)
        if not isinstance(data, dict):
            raise Decline("not a mapping")
        return data

    def _parse(self, piece: bytes) -> Any:
        import yaml_rs

        from tui.data.fastload import _limits

        try:
            return yaml_rs.loads(piece.decode("utf-8"), parse_datetime=False,
                                 alias_limits=_limits(),
                                 duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
        except (yaml_rs.YAMLDecodeError, ValueError, TypeError, RecursionError,
                OverflowError):
            raise Decline("yaml-rs cannot read it") from None

    def _typed(self, data: dict[str, Any]) -> None:
        """fastload's typed-value guards: refuse, or prove by census and convert years."""
        from tui.data import fastload

        refuse, coordinates, years = fastload._typed(data)
        if refuse:
            raise Decline("typed values the model reads differently")
        if coordinates == 2 or (coordinates and fastload._RADIX.search(self.raw)):
            self._census(("lat", "lon"))
        if years:
            self._census(("start", "end", "published"))
            fastload._years_to_text(data)

    def _census(self, keys: tuple[str, ...]) -> None:
        from tui.data.fastload import census_ok

        if keys not in self.proven:  # the census reads the whole text: once is enough
            self.proven[keys] = census_ok(self.raw, keys)
        if not self.proven[keys]:
            raise Decline("values written in a form the readers read apart")

    def _chunk(self, items: list[re.Match[bytes]], end: int, detector: _Detector,
               events: list[Event], ids: set[str], targets: list[str]) -> None:
        """Parse, guard, validate and cross-check one run of items; keep only the models."""
        from tui.data.fastload import item_starts_mapping

        data = self._parse(self.raw[items[0].start() + 1:end])
        if not isinstance(data, list) or len(data) != len(items):
            raise Decline("the chunk holds another number of items than the scan found")
        self._typed({"events": data})
        try:
            for raw_event in data:
                events.append(validate_event(raw_event))
        except (ValidationError, TypeError, ValueError, KeyError, IndexError,
                AttributeError):
            raise Decline("an event does not validate") from None
        for item, event in zip(items, events[-len(data):], strict=True):
            if event.id in ids or not item_starts_mapping(item, event.id):
                raise Decline("a duplicate id, or an item whose line the locator knows")
            ids.add(event.id)
            for link in event.links:
                if link.to == event.id:
                    raise Decline("an event links to itself")
                targets.append(link.to)  # checked once every id is known
        # Links aside (their targets may be in later chunks), the checks of each event
        # need only the registries: the very code validate_document runs, on the raw data.
        check_references(detector, [raw_event if "links" not in raw_event else {
            key: value for key, value in raw_event.items() if key != "links"}
            for raw_event in data])
