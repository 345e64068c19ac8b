"""load_any: one entry point for newstui YAML/JSON, TimelineJS JSON and sheets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.interop.support import FIXTURES, place, write
from tui.cliargs import SOURCE_FORMATS as CLI_SOURCE_FORMATS
from tui.data.errors import TimelineError
from tui.data.export.jsonfmt import to_json
from tui.data.importers import SOURCE_FORMATS, detect_format, load_any, load_with_format
from tui.data.load import load_timeline
from tui.data.model import dump

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"
TLJS = '{"events": [{"start_date": {"year": "2001"}, "text": {"headline": "One"}}]}'


def test_cli_offers_every_reader() -> None:
    assert CLI_SOURCE_FORMATS == SOURCE_FORMATS


def test_none_is_the_bundled_timeline() -> None:
    assert load_any(None).title == load_timeline(None).title


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("a.yaml", "title: x", "yaml"),
    ("a.YML", "title: x", "yaml"),
    ("a.csv", "anything", "csv"),
    ("a.json", TLJS, "timelinejs"),
    ("a.json", '{"title": {"text": {}}, "events": []}', "timelinejs"),
    ("a.json", '{"title": "T", "events": [{"id": "x", "start": "2023"}]}', "json"),
    ("a.json", '{"title": "T", "sources": {}, "events": []}', "json"),
    ("a.json", "{broken", "json"),
    ("a.txt", TLJS, "timelinejs"),
    ("a.txt", "Year,Month,Headline\n2020,1,x\n", "csv"),
    ("a", "title: x\n", "yaml"),
])
def test_detect_format(name: str, text: str, expected: str) -> None:
    assert detect_format(Path(name), text) == expected


def test_own_yaml_and_json_file_format(tmp_path: Path) -> None:
    timeline, fmt = load_with_format(MINI)
    assert (fmt, len(timeline.events)) == ("yaml", 3)
    text = json.dumps({
        "title": "T", "sources": {"s": {"title": "S", "published": "2023-11-10"}},
        "events": [{"id": "x", "kind": "stop", "title": "X", "start": "2023-11-06",
                    "sources": ["s"]}]}, indent=2)
    timeline, fmt = load_with_format(write(tmp_path, "mini.json", text))
    line = text.splitlines().index("    {") + 1  # the event's opening brace
    assert (fmt, [e.id for e in timeline.events], timeline.lines) == ("json", ["x"], {"x": line})


def test_own_json_export_opens_again(tmp_path: Path) -> None:
    original = load_timeline(MINI)
    exported = write(tmp_path, "export.json", to_json(original, original.events))
    again, fmt = load_with_format(exported)
    assert fmt == "json"
    assert [dump(e) for e in again.events] == [dump(e) for e in original.events]


def test_timelinejs_and_sheet_by_suffix(tmp_path: Path) -> None:
    assert load_with_format(place(FIXTURES / "features.timelinejs.json", tmp_path))[1] == (
        "timelinejs")
    assert load_with_format(place(FIXTURES / "features.csv", tmp_path))[1] == "csv"


def test_from_forces_the_reader(tmp_path: Path) -> None:
    path = write(tmp_path, "timeline.txt", TLJS)
    assert load_any(path, source_format="timelinejs").events[0].title == "One"
    sheet = write(tmp_path, "sheet.data", "Year,Headline\n2020,Row\n")
    assert load_any(sheet, source_format="csv").events[0].title == "Row"
    with pytest.raises(TimelineError) as caught:
        load_any(write(tmp_path, "t.json", TLJS), source_format="json")
    assert caught.value.exit_code == 1  # read as newstui's format, it is not valid


def test_unknown_source_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(TimelineError) as caught:
        load_any(MINI, source_format="xml")
    assert caught.value.exit_code == 2
    assert "use one of: yaml, json, timelinejs, csv" in str(caught.value)


def test_unreadable_files_exit_2_whatever_the_format(tmp_path: Path) -> None:
    for name in ("missing.json", "missing.csv"):
        with pytest.raises(TimelineError) as caught:
            load_any(tmp_path / name)
        assert caught.value.exit_code == 2
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"Year,Headline\n\x00\x01")
    with pytest.raises(TimelineError) as caught:
        load_any(binary)
    assert caught.value.exit_code == 2
