"""Golden files: each export format of the brief fixture, compared byte for byte.

The expected files in golden/ were reviewed by eye. After an intended change to a format,
regenerate them with ``NEWSTUI_UPDATE_GOLDEN=1 pytest tests/interop/test_golden.py``,
review the diff, and commit it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.interop.support import FIXTURES, GOLDEN, place
from tui.cli import main
from tui.data.export import FORMATS, render
from tui.data.load import Timeline
from tui.data.query import Index, Query

NOW = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
NAMES = {"json": "brief.json", "csv": "brief.csv", "markdown": "brief.md", "ics": "brief.ics",
         "timelinejs": "brief.timelinejs.json"}


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NEWSTUI_UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_every_format_has_a_golden_file() -> None:
    assert set(NAMES) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_export_matches_golden(brief: Timeline, fmt: str) -> None:
    check(NAMES[fmt], render(fmt, brief, brief.events, now=NOW))


def test_filtered_markdown_matches_golden(brief: Timeline) -> None:
    query = Query(country=frozenset({"TR"}))
    events = [brief.events[i] for i in query.select(Index(brief))]
    filters = list(query.describe(brief))
    check("brief-tr.md", render("markdown", brief, events, filters=filters, now=NOW))


def test_timelinejs_grouped_by_country_matches_golden(brief: Timeline) -> None:
    check("brief-by-country.timelinejs.json",
          render("timelinejs", brief, brief.events, group_by="country"))


@pytest.mark.parametrize("fixture", ["features.timelinejs.json", "features.csv"])
def test_converted_yaml_matches_golden(tmp_path: Path, fixture: str, capsys) -> None:
    source = place(FIXTURES / fixture, tmp_path)
    out = tmp_path / "events.yaml"
    assert main(["convert", str(source), "--to", "yaml", "-o", str(out)]) == 0
    capsys.readouterr()
    check(fixture.rsplit(".", 1)[0] + ".converted.yaml", out.read_text(encoding="utf-8"))
