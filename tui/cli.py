"""The ``newstui`` command line: the app by default, plus validate, export and schema.

Exit codes: 0 ok, 1 invalid data, 2 usage or I/O error. A user's mistake never produces
a Python traceback: every error is printed as ``FILE:LINE:COL: ...`` with a hint.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tui.data.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, TimelineError

if TYPE_CHECKING:
    import argparse

    from tui.data.load import Timeline
    from tui.data.query import Query

# Files up to this size load before the app's first frame (the bundled one is 37 KB, about
# 25 ms to load); larger ones load in a worker behind the frame and its progress line.
SYNC_LOAD_MAX_BYTES = 64 * 1024


class UsageError(ValueError):
    """A bad option value, reported with what is valid (exit code 2)."""


def _print_error(error: TimelineError) -> None:
    for problem in error.problems:
        print(problem.format(), file=sys.stderr)
    if error.exit_code == EXIT_INVALID:
        print(f"newstui: {error.summary()}; the timeline was not loaded", file=sys.stderr)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_query(timeline: Timeline, args: argparse.Namespace) -> Query:
    """The filter options as a :class:`Query`; :class:`UsageError` for unknown values."""
    from tui.data.countries import country_name, resolve_country
    from tui.data.query import Query

    present = sorted({e.place.country for e in timeline.events if e.place})
    countries = set()
    for value in _split(args.country):
        code = resolve_country(value) or value.upper()  # a code, or a name: "turkey"
        if code not in present:
            valid = ", ".join(f"{c} ({country_name(c)})" for c in present)
            raise UsageError(f"--country {value}: no event takes place there; "
                             f"valid: {valid}")
        countries.add(code)
    actors = set()
    for value in _split(args.actor):
        actors.add(resolve_actor(timeline, value))
    kinds = set()
    present_kinds = sorted({e.kind for e in timeline.events})
    for value in _split(args.kind):
        if value.lower() not in present_kinds:
            raise UsageError(f"--kind {value}: no event has this kind; "
                             f"valid: {', '.join(present_kinds)}")
        kinds.add(value.lower())
    return Query(frozenset(countries), frozenset(actors), frozenset(kinds), args.search or "")


def resolve_actor(timeline: Timeline, value: str) -> str:
    """An actor id from an id, name or alias (case-insensitive)."""
    wanted = value.casefold()
    for actor_id, actor in timeline.actors.items():
        names = [actor_id, actor.name, *actor.aliases]
        if any(name.casefold() == wanted for name in names):
            return actor_id
    valid = ", ".join(sorted(timeline.actors))
    raise UsageError(f"--actor {value}: no such actor; valid ids: {valid}")


def _load(path: Path | None, source_format: str | None = None) -> Timeline:
    from tui.data.importers import load_any

    return load_any(path, source_format=source_format)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def cmd_validate(args: argparse.Namespace) -> int:
    timeline = _load(args.file, args.source_format)
    name = str(args.file) if args.file else str(timeline.path)
    problems = []
    if args.archive is not None:
        from tui.data.quotes import check_quotes

        if not args.archive.is_dir():
            print(f"newstui validate: --archive {args.archive}: not a directory",
                  file=sys.stderr)
            return EXIT_USAGE
        if any(event.quotes for event in timeline.events):  # imports (TimelineJS) have none
            problems = check_quotes(timeline, args.archive, name)
    if timeline.path is not None:  # control and bidi characters in text: warnings only
        from tui.data.load import read_text
        from tui.data.validate import text_warnings

        loaded = (timeline.title, timeline.description, timeline.sources, timeline.actors,
                  timeline.events)
        for warning in text_warnings(read_text(timeline.path), name, loaded):
            print(warning.format(), file=sys.stderr)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    quotes = sum(len(event.quotes) for event in timeline.events)
    if problems:
        print(f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}",
              file=sys.stderr)
        return EXIT_INVALID
    checked = f", {_count(quotes, 'quote')} verbatim in their sources" if args.archive else ""
    print(f"{name}: valid: {_count(len(timeline.events), 'event')}, "
          f"{_count(len(timeline.actors), 'actor')}, "
          f"{_count(len(timeline.sources), 'source')}{checked}")
    return EXIT_OK


def _emit(text: str, args: argparse.Namespace, what: str) -> None:
    """``text`` to standard output, or atomically to ``--output`` with a notice."""
    if args.output is None:
        sys.stdout.write(text)
        return
    from tui.data.export import write_export

    path = write_export(args.output, text, force=args.force)
    print(f"newstui: wrote {what} to {path}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from tui.data.export import render
    from tui.data.query import Index

    if args.group_by is not None and args.format != "timelinejs":
        raise UsageError("--group-by applies to --format timelinejs only")
    timeline = _load(args.file, args.source_format)
    query = build_query(timeline, args)
    events = timeline.events
    if not query.is_empty:
        events = [events[i] for i in query.select(Index(timeline))]
    text = render(args.format, timeline, events, filters=list(query.describe(timeline)),
                  group_by=args.group_by or "kind")
    _emit(text, args, f"{_count(len(events), 'event')} as {args.format}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from tui.data.export.yamlfmt import to_yaml
    from tui.data.importers import FORM_NAMES, load_with_format

    timeline, source_format = load_with_format(args.file, source_format=args.source_format)
    header = [f"Converted by newstui from {args.file.name} ({FORM_NAMES[source_format]})."]
    if source_format in ("timelinejs", "csv"):
        events = timeline.events  # TimelineJS slides have no order of their own: by time
        header += IMPORT_REVIEW
    else:
        events = sorted(timeline.events, key=lambda event: timeline.order[event.id])
    header += ["", "Editors check this file against the schema beside it:",
               "  newstui schema > events.schema.json"]
    _emit(to_yaml(timeline, events, header), args,
          f"{_count(len(events), 'event')} as newstui YAML")
    return EXIT_OK


IMPORT_REVIEW = [
    "",
    "Review before curating: TimelineJS has no event kinds, actors or places.",
    "- Every event's kind is \"statement\" unless its TimelineJS group named a kind;",
    "  the group is kept as a tag.",
    "- Sources: the TimelineJS file itself, and one per media credit; TimelineJS gives",
    "  no publication dates, so 'published' is the file's last-modified day.",
    "- An event's note says what else the file had (media, map location, a time",
    "  without a time zone, a missing headline).",
]


def cmd_schema(args: argparse.Namespace) -> int:
    from tui.data.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _loads_before_frame(path: Path) -> bool:
    """Whether ``path`` is small enough to load before the app's first frame.

    Loading such a file takes less than the loading frame itself costs (a restyle of the
    screen to show it, another to hide it, an extra frame): its first screen comes
    sooner without one. Larger files load behind the frame and its progress line.
    """
    try:
        return path.stat().st_size <= SYNC_LOAD_MAX_BYTES
    except OSError:
        return True  # missing or unreadable: the loader reports it at once, with its code


def cmd_app(args: argparse.Namespace) -> int:
    """Start the app; a large file loads behind its frame (with a progress line).

    The filter options are checked against the loaded timeline: a bad one, or an invalid
    file, ends the app before it shows anything but the frame, and is reported here. A
    small file (the bundled timeline) is loaded and checked before the app starts.
    """
    start_day = None
    if args.date:
        try:
            start_day = date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date}: not a date; write YYYY-MM-DD") from None
    # Starting allocates mostly objects that live as long as the app (modules, classes,
    # the timeline): the cyclic collector would only rescan them, over and over. The app
    # turns it back on once the timeline is on screen (NewsApp.timeline_shown).
    gc.disable()
    try:
        return _run_app(args, start_day)
    finally:
        gc.enable()


def _run_app(args: argparse.Namespace, start_day: date | None) -> int:
    from tui.app.reloadcheck import WatchConfig
    from tui.data.load import bundled_path
    from tui.watch import Fingerprint

    path = args.file if args.file is not None else bundled_path()
    watch = None
    if not args.no_watch:
        # Taken before reading: a change made while loading is then seen by the watcher.
        watch = WatchConfig(path, args.source_format, loaded=Fingerprint.of(path))

    def query_from(timeline: Timeline) -> Query:
        return build_query(timeline, args)

    if _loads_before_frame(path):
        from tui.app.loading import load_for_app

        timeline, query = load_for_app(args.file, args.source_format, query_from)
        from tui.app.app import NewsApp

        app = NewsApp(timeline, query=query, start_day=start_day, watch=watch)
    else:
        from tui.app.app import NewsApp

        app = NewsApp(path=args.file, source_format=args.source_format,
                      query_from=query_from, start_day=start_day, watch=watch)
    # Textual writes each frame to the terminal from a thread of its own. While another
    # thread keeps busy (the UI thread drawing the next frame, a loading or indexing
    # worker), Python lets a waiting thread run only every 5 ms: the first screen reached
    # the terminal about 8 ms after it was drawn. At 1 ms frames go out sooner, and the
    # UI thread gets its turn sooner from a busy worker.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.001))
    try:
        app.run()
    finally:
        sys.setswitchinterval(switch_interval)
        from tui.data import cache

        cache.release()  # an entry held back until the first screen: write it before exit
    if app.load_error is not None:
        raise app.load_error
    return app.return_code or EXIT_OK


def _usage_errors(command: str) -> tuple[type[Exception], ...]:
    """What ``command`` raises for a usage or output problem (exit code 2)."""
    if command == "app":  # the app reports its own export errors: no need to import them
        return (UsageError,)
    from tui.data.export import ExportError

    return (UsageError, ExportError)


def app_defaults() -> dict[str, Any]:
    """The app's options when none are given (tests check them against its parser's)."""
    return {"file": None, "source_format": None, "no_cache": False, "country": [],
            "actor": [], "kind": [], "search": "", "date": None, "no_watch": False}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = "app"
    args: Any
    if not args_list:
        # `newstui` alone, the usual start: nothing to parse, and argparse (with building
        # the parser) is a few milliseconds of the time to the first screen.
        args = SimpleNamespace(**app_defaults())
    else:
        from tui.cliargs import COMMANDS, build_parser

        if args_list[0] in COMMANDS:
            command, args_list = args_list[0], args_list[1:]
        args = build_parser(command).parse_args(args_list)
    if getattr(args, "no_cache", False):
        os.environ["NEWSTUI_NO_CACHE"] = "1"  # read by tui.data.cache, also in app workers
    handler = {"app": cmd_app, "validate": cmd_validate, "export": cmd_export,
               "convert": cmd_convert, "schema": cmd_schema}[command]
    try:
        return handler(args)
    except TimelineError as error:
        _print_error(error)
        return error.exit_code
    except _usage_errors(command) as error:
        print(f"newstui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `newstui export | head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
