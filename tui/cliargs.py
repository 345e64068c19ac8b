"""The command line's parsers: the app's options and each command's.

One parser is built per run, for the command given: building all five cost a few
milliseconds of every start of the app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.data.errors import EXIT_USAGE

COMMANDS = ("validate", "export", "convert", "schema")
# The formats of tui.data.export and the readers of tui.data.importers: kept here so that
# starting the app (or --help) imports neither.
FORMATS = ("json", "csv", "markdown", "ics", "timelinejs")
SOURCE_FORMATS = ("yaml", "json", "timelinejs", "csv")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = ""
        if self.prog == "newstui":  # the app's usage line cannot show the commands
            hint = (f"newstui: commands: {', '.join(COMMANDS)} "
                    "(see 'newstui --help' and 'newstui COMMAND --help')\n")
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n{hint}")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat or separate values with commas)")
    group.add_argument("--country", action="append", default=[], metavar="COUNTRY",
                       help="the event's country: an ISO code (TR, TUR) or a name "
                            "(Turkey, Gaza)")
    group.add_argument("--actor", action="append", default=[], metavar="ACTOR",
                       help="actor id, name or alias, e.g. blinken")
    group.add_argument("--kind", action="append", default=[], metavar="KIND",
                       help="event kind, e.g. protest")
    group.add_argument("--search", default="", metavar="TEXT",
                       help="text in titles, summaries, quotes, actors, places and tags")


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="timeline file: newstui YAML or JSON, TimelineJS JSON or "
                        "a TimelineJS sheet as CSV (default: the bundled events.yaml)")
    _from_argument(parser)


def _from_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source_format", choices=SOURCE_FORMATS,
                        metavar="FORMAT",
                        help="read FILE as this format instead of telling it from its name "
                        f"and content: {', '.join(SOURCE_FORMATS)}")


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to this file instead of standard output")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT if it exists")


def _cache_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="parse the file even if it is unchanged since it was last read "
                        "(and do not save it to the cache)")


def _app() -> argparse.ArgumentParser:
    app = _Parser(
        prog="newstui",
        description="Explore a hand-curated timeline of news events in the terminal.",
        epilog="commands:\n"
        "  newstui validate [FILE] [--archive DIR]   check a timeline file\n"
        "  newstui export [FILE] --format FORMAT     the (filtered) timeline as json, csv,\n"
        "                                            markdown, ics or timelinejs\n"
        "  newstui convert FILE --to yaml -o OUT     a TimelineJS file as newstui YAML\n"
        "  newstui schema                            print the file format's JSON Schema\n"
        "\nRun 'newstui COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    app.add_argument("--version", action="version", version=f"newstui {__version__}")
    _file_argument(app)
    _cache_argument(app)
    _add_filters(app)
    app.add_argument("--date", metavar="YYYY-MM-DD", help="open positioned at this day")
    app.add_argument("--no-watch", action="store_true",
                     help="do not reload FILE when it changes on disk")
    return app


def _validate() -> argparse.ArgumentParser:
    validate = _Parser(prog="newstui validate", description="Check a timeline file and "
                       "print every problem as FILE:LINE:COL: owner: field: message.")
    _file_argument(validate)
    _cache_argument(validate)
    validate.add_argument("--archive", type=Path, metavar="DIR",
                          help="check every quote is verbatim in its source's archived text")
    return validate


def _export() -> argparse.ArgumentParser:
    export = _Parser(prog="newstui export",
                     description="Write the (filtered) timeline in another format: to "
                     "standard output, or atomically to OUT (never replacing a file "
                     "without --force).")
    _file_argument(export)
    export.add_argument("--format", choices=FORMATS, default="json",
                        help="json (normalised model), csv (one row per event), markdown "
                        "(a briefing), ics (calendar) or timelinejs (TimelineJS3 JSON)")
    _output_arguments(export)
    export.add_argument("--group-by", choices=("kind", "country", "none"), default=None,
                        help="TimelineJS groups (rows): the event kind (default), its "
                        "country, or none")
    _add_filters(export)
    return export


def _convert() -> argparse.ArgumentParser:
    convert = _Parser(prog="newstui convert",
                      description="Convert a timeline (e.g. TimelineJS JSON or sheet CSV) "
                      "into newstui's own YAML, ready to curate.")
    convert.add_argument("file", type=Path, metavar="FILE", help="the timeline to convert")
    _from_argument(convert)
    convert.add_argument("--to", choices=("yaml",), default="yaml",
                         help="output format (default: yaml)")
    _output_arguments(convert)
    return convert


def _schema() -> argparse.ArgumentParser:
    return _Parser(prog="newstui schema",
                   description="Print the JSON Schema of the timeline file format.")


_BUILDERS: dict[str, Callable[[], argparse.ArgumentParser]] = {
    "app": _app, "validate": _validate, "export": _export, "convert": _convert,
    "schema": _schema,
}


def build_parser(command: str) -> argparse.ArgumentParser:
    """The parser of ``command`` ("app" for the app's own options), and only that one:
    building all five cost a few milliseconds of every start of the app."""
    return _BUILDERS[command]()
