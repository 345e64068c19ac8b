"""The ``newstui`` command line: the app by default, plus validate, export and schema.

Exit codes: 0 ok, 1 invalid data, 2 usage or I/O error. A user's mistake never produces
a Python traceback: every error is printed as ``FILE:LINE:COL: ...`` with a hint.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.data.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, TimelineError

if TYPE_CHECKING:
    from tui.data.load import Timeline
    from tui.data.query import Query

COMMANDS = ("validate", "export", "schema")
FORMATS = ("json",)


class UsageError(Exception):
    """A bad option value, reported with what is valid (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat or separate values with commas)")
    group.add_argument("--country", action="append", default=[], metavar="CODE",
                       help="ISO 3166-1 alpha-2 code of the event's place, e.g. TR")
    group.add_argument("--actor", action="append", default=[], metavar="ACTOR",
                       help="actor id, name or alias, e.g. blinken")
    group.add_argument("--kind", action="append", default=[], metavar="KIND",
                       help="event kind, e.g. protest")
    group.add_argument("--search", default="", metavar="TEXT",
                       help="text in titles, summaries, quotes, actors and places")


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="timeline file (default: the bundled events.yaml)")


def build_parsers() -> dict[str, argparse.ArgumentParser]:
    app = _Parser(
        prog="newstui",
        description="Explore a hand-curated timeline of news events in the terminal.",
        epilog="commands:\n"
        "  newstui validate [FILE] [--archive DIR]   check a timeline file\n"
        "  newstui export [FILE] --format json       print the normalised timeline\n"
        "  newstui schema                            print the file format's JSON Schema\n"
        "\nRun 'newstui COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    app.add_argument("--version", action="version", version=f"newstui {__version__}")
    _file_argument(app)
    _add_filters(app)
    app.add_argument("--date", metavar="YYYY-MM-DD", help="open positioned at this day")

    validate = _Parser(prog="newstui validate", description="Check a timeline file and "
                       "print every problem as FILE:LINE:COL: owner: field: message.")
    _file_argument(validate)
    validate.add_argument("--archive", type=Path, metavar="DIR",
                          help="check every quote is verbatim in its source's archived text")

    export = _Parser(prog="newstui export",
                     description="Print the (filtered) timeline in another format.")
    _file_argument(export)
    export.add_argument("--format", choices=FORMATS, default="json")
    _add_filters(export)

    schema = _Parser(prog="newstui schema",
                     description="Print the JSON Schema of the timeline file format.")
    return {"app": app, "validate": validate, "export": export, "schema": schema}


def _print_error(error: TimelineError) -> None:
    for problem in error.problems:
        print(problem.format(), file=sys.stderr)
    if error.exit_code == EXIT_INVALID:
        print(f"newstui: {error.summary()}; the timeline was not loaded", file=sys.stderr)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_query(timeline: Timeline, args: argparse.Namespace) -> Query:
    """The filter options as a :class:`Query`; :class:`UsageError` for unknown values."""
    from tui.data.countries import country_name
    from tui.data.query import Query

    present = sorted({e.place.country for e in timeline.events if e.place})
    countries = set()
    for value in _split(args.country):
        code = value.upper()
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


def _load(path: Path | None) -> Timeline:
    from tui.data.load import load_timeline

    return load_timeline(path)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def cmd_validate(args: argparse.Namespace) -> int:
    timeline = _load(args.file)
    name = str(args.file) if args.file else str(timeline.path)
    problems = []
    if args.archive is not None:
        from tui.data.quotes import check_quotes

        if not args.archive.is_dir():
            print(f"newstui validate: --archive {args.archive}: not a directory",
                  file=sys.stderr)
            return EXIT_USAGE
        problems = check_quotes(timeline, args.archive, name)
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


def cmd_export(args: argparse.Namespace) -> int:
    from tui.data.export.jsonfmt import to_json
    from tui.data.query import Index

    timeline = _load(args.file)
    query = build_query(timeline, args)
    events = timeline.events
    if not query.is_empty:
        events = [events[i] for i in query.select(Index(timeline))]
    sys.stdout.write(to_json(timeline, events))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from tui.data.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    timeline = _load(args.file)
    query = build_query(timeline, args)
    start_day = None
    if args.date:
        try:
            start_day = date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date}: not a date; write YYYY-MM-DD") from None
    from tui.app.app import NewsApp

    NewsApp(timeline, query=query, start_day=start_day).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parsers()
    command = args_list[0] if args_list and args_list[0] in COMMANDS else "app"
    if command != "app":
        args_list = args_list[1:]
    args = parsers[command].parse_args(args_list)
    handler = {"app": cmd_app, "validate": cmd_validate, "export": cmd_export,
               "schema": cmd_schema}[command]
    try:
        return handler(args)
    except TimelineError as error:
        _print_error(error)
        return error.exit_code
    except UsageError as error:
        print(f"newstui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `newstui export | head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
