"""Open a timeline in any form newstui reads: its own YAML or JSON, or TimelineJS.

:func:`load_any` picks the reader from ``source_format`` if given, else from the file:

* ``.yaml``/``.yml``: newstui's own file format;
* ``.json``: newstui's own format (events with ``start`` text; also newstui's JSON
  export, which carries its registries) or TimelineJS3 JSON (events with ``start_date``
  objects, or a ``title`` slide object), told apart by content;
* ``.csv``: a TimelineJS spreadsheet;
* any other name: by content (``{`` starts JSON, a TimelineJS header row a sheet, else
  YAML).

Every form ends in the same validation, so problems are reported the same way, located
in the file that was opened.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.data.errors import EXIT_USAGE, Problem, TimelineError
from tui.data.load import (
    Progress,
    Timeline,
    load_timeline,
    read_text,
    timeline_from_data,
    timeline_from_text,
)

SOURCE_FORMATS: tuple[str, ...] = ("yaml", "json", "timelinejs", "csv")
FORM_NAMES = {"yaml": "newstui YAML", "json": "newstui JSON", "timelinejs": "TimelineJS JSON",
              "csv": "TimelineJS spreadsheet"}


def detect_format(path: Path, text: str) -> str:
    """Which reader a file needs: one of :data:`SOURCE_FORMATS`."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    stripped = text.lstrip()
    if suffix == ".json" or stripped.startswith("{"):
        return _json_kind(text)
    from tui.data.importers.sheet import is_sheet_header

    if is_sheet_header(stripped.split("\n", 1)[0]):
        return "csv"
    return "yaml"


# Content probes. They run on the raw text (an escaped quote inside a JSON string can
# never match them), so telling the forms apart costs no parse: a 85 MB file is parsed
# once, by the reader that owns it.
_TIMELINEJS_EVENT = re.compile(r'"start_date"\s*:\s*\{')
_OWN_EVENT = re.compile(r'"start"\s*:')
_TITLE_SLIDE = re.compile(r'"title"\s*:\s*\{')
_EXPORTED_SOURCES = re.compile(r'"sources"\s*:\s*\[\s*\{')
_EXPORTED_PRECISION = re.compile(r'"precision"\s*:')


def _json_kind(text: str) -> str:
    """``timelinejs`` if the JSON's events carry ``start_date`` objects, else ``json``."""
    if _TIMELINEJS_EVENT.search(text):
        return "timelinejs"
    if _OWN_EVENT.search(text):
        return "json"
    return "timelinejs" if _TITLE_SLIDE.search(text) else "json"


def load_any(path: str | Path | None, *, source_format: str | None = None,
             progress: Progress | None = None) -> Timeline:
    """Load and validate a timeline in any supported form (the bundled one if None).

    Raises :class:`TimelineError` (exit code 2 for unreadable files or an unknown
    ``source_format``, 1 for invalid data). ``progress`` is called with each phase
    ("reading", "cache", "parsing"), as for :func:`tui.data.load.load_timeline`.
    """
    return load_with_format(path, source_format=source_format, progress=progress)[0]


def load_with_format(path: str | Path | None, *, source_format: str | None = None,
                     progress: Progress | None = None) -> tuple[Timeline, str]:
    """:func:`load_any`, also saying which reader was used (one of SOURCE_FORMATS)."""
    if path is None:
        return load_timeline(None, progress=progress), "yaml"
    file = Path(path)
    if source_format is not None and source_format not in SOURCE_FORMATS:
        raise TimelineError([Problem(str(file), None, None,
                                     f"unknown input format {source_format!r}",
                                     hint="use one of: " + ", ".join(SOURCE_FORMATS))],
                            exit_code=EXIT_USAGE)
    suffix = file.suffix.lower()
    if suffix != ".json" and (source_format == "yaml" or (
            source_format is None and suffix in (".yaml", ".yml"))):
        # From the bytes: the text (two bytes a character or more beyond Latin-1) is
        # dropped while the fast reader works (see load.timeline_from_bytes).
        return load_timeline(file, progress=progress), "yaml"
    if progress is not None:
        progress("reading")
    text = read_text(file)
    fmt = source_format or detect_format(file, text)
    name = str(path)
    if fmt == "yaml":
        return timeline_from_text(text, name, file, progress=progress), fmt
    if fmt == "json":
        return _own_json(text, name, file, progress), fmt
    if progress is not None:
        progress("parsing")
    from tui.data.importers.convert import slides_to_timeline

    if fmt == "timelinejs":
        from tui.data.importers.tljson import read_timelinejs

        show, problems = read_timelinejs(text, name)
    else:
        from tui.data.importers.sheet import read_sheet

        show, problems = read_sheet(text, name)
    timeline = slides_to_timeline(show, name, path=file,
                                  problems=problems)
    return timeline, fmt


def _own_json(text: str, name: str, file: Path, progress: Progress | None = None) -> Timeline:
    """newstui's file format written as JSON, or newstui's own JSON export."""
    from tui.data.importers.tljson import parse_json

    if not (_EXPORTED_SOURCES.search(text) and _EXPORTED_PRECISION.search(text)):
        return timeline_from_text(text, name, file, progress=progress)
    data = parse_json(text, name)
    if _is_export(data):
        from tui.data.export.records import document_from_record
        from tui.data.yamlsafe import Locator

        try:
            document = document_from_record(data)
        except (KeyError, TypeError, AttributeError) as error:
            raise TimelineError([Problem(name, None, None,
                                         f"this newstui export is incomplete ({error})",
                                         hint="export it again with 'newstui export'")]
                                ) from None
        return timeline_from_data(document, Locator(None), name, file)
    return timeline_from_text(text, name, file, progress=progress)


def _is_export(data: Any) -> bool:
    """newstui's JSON export: events carry resolved source objects, not source ids."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return False
    return any(isinstance(event, dict) and "precision" in event
               and isinstance(event.get("sources"), list)
               and any(isinstance(s, dict) for s in event["sources"])
               for event in data["events"])
