"""Read a timeline file from disk: every failure becomes a located :class:`TimelineError`.

Reading problems (missing file, a directory, unreadable, not UTF-8, binary, too large)
exit with code 2; problems with the data itself exit with code 1.
"""

from __future__ import annotations

import gc
from codecs import BOM_UTF8
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.data import derived
from tui.data.errors import EXIT_INVALID, Problem, TimelineError
from tui.data.records import Actor, Event, Source
from tui.data.textfile import decode, read_bytes, read_file_text

if TYPE_CHECKING:
    from tui.data.model import TimelineDoc
    from tui.data.yamlsafe import Locator

# The readers and the validator (YAML, pydantic) are imported when a file is parsed: a
# cache hit, or the pre-validated bundled timeline, needs neither (about 100 ms at start).

CACHE_MIN_BYTES = 512 * 1024  # smaller files parse faster than a cache entry is checked
Progress = Callable[[str], None]
MAX_BYTES = 256 * 1024 * 1024  # documented in README: about 300,000 events of typical size


def bundled_path() -> Path:
    """The curated ``events.yaml`` shipped with the package (or beside it in a checkout)."""
    # From __file__ rather than importlib.resources (which imports zipfile at start-up):
    # the package is always installed as files, never run from a zip.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "events.yaml"
    return packaged if packaged.is_file() else package.parent / "events.yaml"


@dataclass
class Timeline:
    """A validated timeline, events in calendar order (see :func:`derived.calendar_order`):
    by local day (a month or year at its first day), untimed events (in file order) before
    timed ones, timed ones by real instant."""

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


def read_text(path: Path) -> str:
    """The file's text, or a :class:`TimelineError` with exit code 2 saying why not.

    Only regular files are read (a FIFO or device is refused, never waited on), at most
    :data:`MAX_BYTES`; see :mod:`tui.data.textfile`.
    """
    return read_file_text(path, MAX_BYTES)


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic collector paused for a block that builds long-lived data."""
    # Loading allocates millions of small objects and no cycles: the cyclic collector
    # would only rescan them over and over (it roughly doubles load time at scale).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What loading made is long-lived: move it to the oldest generation unscanned
            # (freeze, then unfreeze into that generation), or the first young collection
            # after this would walk all of it (about a second at 100,000 events).
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def parse_text(text: str, filename: str) -> tuple[Any, Locator]:
    """YAML (or JSON, which YAML reads too) into plain data and a locator."""
    from tui.data.yamlsafe import YamlIssue, load_yaml

    try:
        return load_yaml(text)
    except YamlIssue as issue:
        line = issue.line + 1 if issue.line is not None else None
        column = issue.column + 1 if issue.column is not None else None
        problem = Problem(filename, line, column, issue.message, hint=issue.hint)
        raise TimelineError([problem]) from None
    except RecursionError:  # pragma: no cover - the depth bound stops this first
        raise TimelineError([Problem(filename, None, None, "nesting too deep")]) from None


FAST_MIN_CHARS = 256 * 1024  # below this the authoritative reader takes under ~0.1 s


def timeline_from_text(text: str, filename: str, path: Path | None = None, *,
                       fast: bool | None = None, kind: str | None = None,
                       raw: bytes | None = None, cache: bool | None = None,
                       progress: Progress | None = None) -> Timeline:
    """Parse and validate ``text``; raise :class:`TimelineError` with every problem.

    ``kind`` is "yaml" or "json" (default: from the suffix of ``path`` or ``filename``).

    Unchanged text is read back from the cache (:mod:`tui.data.cache`) instead of being
    parsed: ``cache`` None uses it for texts of :data:`CACHE_MIN_BYTES` or more (unless
    ``NEWSTUI_NO_CACHE`` is set), True always, False never; a new entry is written by a
    background thread once the timeline is returned. Large YAML goes through the fast
    reader (:mod:`tui.data.fastload`) where it provably gives the same result; ``fast``
    forces (True) or forbids (False) trying it. A fast result that does not validate is
    re-read the authoritative, position-aware way, so every problem still names its line
    and column. ``raw`` is the text as UTF-8 if the caller has it; ``progress`` is called
    with each phase ("cache", "parsing") from the calling thread.
    """
    return _timeline([text], filename, path, fast=fast, kind=kind, raw=raw, cache=cache,
                     progress=progress, release=False)


def timeline_from_bytes(data: bytes, filename: str, path: Path | None = None, *,
                        cache: bool | None = None,
                        progress: Progress | None = None) -> Timeline:
    """:func:`timeline_from_text` for a file's bytes (UTF-8), which the caller lets go of.

    The text is decoded here and dropped while the fast reader works from the bytes alone
    (a text with characters beyond Latin-1 takes two bytes or more per character).
    """
    from tui.data import cache as timeline_cache

    file = path if path is not None else Path(filename)
    raw = data[len(BOM_UTF8):] if data.startswith(BOM_UTF8) else data
    kind = kind_of(file)
    use_cache = cache if cache is not None else (
        len(raw) >= CACHE_MIN_BYTES and timeline_cache.enabled())
    key = None
    if use_cache:
        # A hit needs neither the text nor its decoding (175 MB and 0.1 s at 100,000
        # events): look it up from the bytes first.
        key = timeline_cache.content_key(raw, kind)
        cached = _cached(key, path, progress or _no_progress)
        if cached is not None:
            return cached
    box = [decode(file, data)]
    del data
    return _timeline(box, filename, path, fast=None, kind=kind, raw=raw, cache=use_cache,
                     progress=progress, release=True, missed=key)


def _cached(key: str, path: Path | None, report: Progress) -> Timeline | None:
    from tui.data import cache as timeline_cache

    report("cache")
    with no_gc():  # millions of objects and no cycles, as when parsing
        return timeline_cache.load(key, path)


def _timeline(box: list[str], filename: str, path: Path | None, *, fast: bool | None,
              kind: str | None, raw: bytes | None, cache: bool | None,
              progress: Progress | None, release: bool, missed: str | None = None
              ) -> Timeline:
    """:func:`timeline_from_text` for the text in ``box``, which it may empty if ``release``.

    ``missed``: the cache key the caller already looked up, and found no entry for.
    """
    from tui.data import cache as timeline_cache

    text = box[0]
    if kind is None:
        kind = kind_of(path if path is not None else Path(filename))
    report = progress or _no_progress
    use_cache = cache if cache is not None else (
        len(text) >= CACHE_MIN_BYTES and timeline_cache.enabled())
    key = missed
    if use_cache or (kind == "yaml" and len(text) >= FAST_MIN_CHARS):
        try:
            raw = raw if raw is not None else text.encode()
        except UnicodeEncodeError:  # lone surrogates: only in text built in Python
            raw, use_cache = None, False
    if key is None and use_cache and raw is not None:
        key = timeline_cache.content_key(raw, kind)
        cached = _cached(key, path, report)
        if cached is not None:
            return cached
    report("parsing")
    del text  # the box holds it; the fast reader may let it go
    with no_gc():
        timeline = _read_timeline(box, filename, path, kind, fast, raw, release)
    if key is not None:
        timeline_cache.store_later(key, timeline)
    return timeline


def _read_timeline(box: list[str], filename: str, path: Path | None, kind: str,
                   fast: bool | None, raw: bytes | None, release: bool) -> Timeline:
    if kind == "json":
        return _json_timeline(box[0], filename, path)
    if fast if fast is not None else len(box[0]) >= FAST_MIN_CHARS:
        timeline = _fast_timeline(box, filename, path, raw, release)
        if timeline is not None:
            return timeline
    data, locator = parse_text(box[0], filename)
    return _checked_top(data, filename, locator, path)


def _assemble(doc: TimelineDoc, lines: list[int], path: Path | None) -> Timeline:
    """A timeline from a document whose every event validated (``lines`` in file order)."""
    return _timeline_of(doc.title, doc.description, dict(doc.sources), dict(doc.actors),
                        doc.events, lines, path)


def _timeline_of(title: str, description: str, sources: dict[str, Source],
                 actors: dict[str, Actor], in_file: list[Event], lines: list[int],
                 path: Path | None) -> Timeline:
    order = {event.id: index for index, event in enumerate(in_file)}
    by_line = {event.id: line for event, line in zip(in_file, lines, strict=True)}
    return _ordered(title, description, sources, actors, in_file, path, by_line, order)


def _ordered(title: str, description: str, sources: dict[str, Source],
             actors: dict[str, Actor], in_file: list[Event], path: Path | None,
             lines: dict[str, int], order: dict[str, int]) -> Timeline:
    """A parsed timeline: its events in calendar order, their local days kept (the view
    model's day headers and strip need them; see :mod:`tui.data.derived`)."""
    events, days = derived.calendar_order(in_file)
    timeline = Timeline(title, description, sources, actors, events, path, lines, order)
    derived.keep(timeline, days=days)
    return timeline


def _fast_timeline(box: list[str], filename: str, path: Path | None, raw: bytes | None,
                   release: bool) -> Timeline | None:
    """The timeline through yaml-rs, or None when only the authoritative reader may say.

    Only the chunked reader (:mod:`tui.data.chunked`) reads it: the line of each event
    comes from the block scan, so a file not laid out as a block sequence under
    ``events:`` goes to the authoritative reader. If ``release``, the text leaves ``box``
    meanwhile (and comes back, decoded again, when the authoritative reader needs it).
    """
    from tui.data.chunked import Parts, read_chunked

    skip = 1 if box[0].startswith("\ufeff") else 0
    if skip or raw is None:
        try:
            raw = box[0][skip:].encode()
        except UnicodeEncodeError:  # lone surrogates: the authoritative reader says where
            return None
    if release and not skip:
        box.clear()  # the bytes say the same: the text can be freed while they are read
    parts = read_chunked(raw, filename)
    if isinstance(parts, Parts):
        return _timeline_of(parts.title, parts.description, parts.sources, parts.actors,
                            parts.events, parts.lines, path)
    if not box:
        box.append(raw.decode())
    return None


def _json_timeline(text: str, filename: str, path: Path | None) -> Timeline:
    """newstui's own model as strict JSON: stdlib parse, located errors via yamlsafe.

    Values mean what the authoritative reader makes of the same text (JSON is YAML): a
    number stays the text written (``"id": 0123`` is not JSON, ``"id": 123`` is "123").
    """
    from tui.data.jsonload import offsets_to_lines, parse_json, strict_json_problem
    from tui.data.validate import validate_document
    from tui.data.yamlsafe import Locator

    try:
        data, starts = parse_json(text)
    except (ValueError, RecursionError) as error:
        # Locate the problem: YAML reads JSON, with positions and the same refusals
        # (duplicate keys, bad escapes); if it finds nothing, report what JSON said.
        parse_text(text, filename)
        raise TimelineError([strict_json_problem(text, filename, error)]) from None
    if isinstance(data, dict) and starts is not None:
        doc = validate_document(data, Locator(None), filename)[0]
        if doc is not None:
            return _assemble(doc, offsets_to_lines(text, starts), path)
    # Invalid (or a bare true/false where text belongs): the authoritative, located way.
    try:
        located, locator = parse_text(text, filename)
    except TimelineError:
        # Valid JSON that libyaml cannot read (an escaped emoji's surrogate pair, say):
        # the problems are still all reported, without positions.
        if not isinstance(data, dict):
            raise TimelineError([Problem(filename, 1, 1, "the top level is not an object",
                                         hint='start with {"title": ..., "events": ...}')],
                                exit_code=EXIT_INVALID) from None
        return timeline_from_data(data, Locator(None), filename, path)
    return _checked_top(located, filename, locator, path)


def _checked_top(data: Any, filename: str, locator: Locator, path: Path | None) -> Timeline:
    if data is None:
        raise TimelineError([Problem(
            filename, 1, 1, "the file is empty (or holds only comments)",
            hint="a timeline needs at least 'title', 'sources' and 'events'")])
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        raise TimelineError([Problem(
            filename, 1, 1, f"the top level is {what}, not a mapping",
            hint="start the file with 'title:', 'sources:' and 'events:' keys")])
    return timeline_from_data(data, locator, filename, path)


def timeline_from_data(data: dict[str, Any], locator: Locator, filename: str,
                       path: Path | None = None) -> Timeline:
    """Validate plain data in the file format; ``locator`` places problems in the file.

    Importers of other formats (TimelineJS) build the plain data and pass a locator that
    maps its paths back to positions in their own file.
    """
    from tui.data.validate import validate_document

    with no_gc():
        doc, problems, positions = validate_document(data, locator, filename)
        if doc is None:
            raise TimelineError(problems, exit_code=EXIT_INVALID)
        lines: dict[str, int] = {}
        for event, index in zip(doc.events, positions, strict=True):
            position = locator.position(["events", index])
            if position:
                lines[event.id] = position[0]
        order = {event.id: index for event, index in zip(doc.events, positions, strict=True)}
        return _ordered(doc.title, doc.description, dict(doc.sources), dict(doc.actors),
                        doc.events, path, lines, order)


def load_timeline(path: str | Path | None = None, *, cache: bool | None = None,
                  progress: Progress | None = None) -> Timeline:
    """Load and validate the timeline at ``path`` (the bundled one if None).

    ``cache`` and ``progress`` as for :func:`timeline_from_text` ("reading" comes first).
    The bundled timeline comes from its shipped pre-validated entry when that was written
    for these very bytes (:mod:`tui.data.bundled`), unless ``cache`` is False or the cache
    is turned off.
    """
    file = Path(path) if path is not None else bundled_path()
    (progress or _no_progress)("reading")
    data = read_bytes(file, MAX_BYTES)
    if path is None and cache is not False:
        from tui.data import cache as timeline_cache
        from tui.data.bundled import prevalidated

        timeline = prevalidated(data, file) if timeline_cache.enabled() else None
        if timeline is not None:
            return timeline
    return timeline_from_bytes(data, str(path) if path is not None else str(file), file,
                               cache=cache, progress=progress)


def kind_of(path: Path) -> str:
    """"json" for a .json file, else "yaml"."""
    return "json" if path.suffix.lower() == ".json" else "yaml"


def _no_progress(phase: str) -> None:
    return None
