"""newstui's own model as JSON: fast stdlib parse, errors located via the YAML reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scale.scale_helpers import generator, outcome, snapshot
from tui.data.errors import TimelineError
from tui.data.load import load_timeline, timeline_from_text

MINI = {"title": "T", "sources": {"wire": {"title": "W", "published": "2023-11-10"}},
        "events": [{"id": "a", "kind": "stop", "title": "A", "start": "2023-11-06",
                    "sources": ["wire"]},
                   {"id": "b", "kind": "meeting", "title": "B",
                    "start": "2023-11-06T14:30+03:00", "sources": ["wire"],
                    "place": {"name": "Ankara", "country": "TR", "lat": 39.93, "lon": 32.86}}]}


def _problems(text: str) -> list[str]:
    with pytest.raises(TimelineError) as caught:
        timeline_from_text(text, "t.json", cache=False)
    return [problem.format() for problem in caught.value.problems]


def test_json_equals_the_yaml_reading_of_the_same_text(tmp_path: Path) -> None:
    gen = generator()
    data = gen.build(150)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    as_json = outcome(text, fast=True, kind="json", name="t.json")
    as_yaml = outcome(text, fast=False, kind="yaml", name="t.json")
    assert as_json[0] == "ok"
    assert as_json == as_yaml


def test_event_lines_in_json() -> None:
    text = json.dumps(MINI, indent=2)
    timeline = timeline_from_text(text, "t.json", cache=False)
    lines = text.split("\n")
    for ident, line in timeline.lines.items():
        assert lines[line - 1].strip() == "{"
        assert f'"id": "{ident}"' in lines[line]


def test_numbers_stay_the_text_written() -> None:
    data = json.loads(json.dumps(MINI))
    data["events"][0]["id"] = 123  # as the YAML reader reads JSON: the text "123"
    timeline = timeline_from_text(json.dumps(data), "t.json", cache=False)
    assert "123" in timeline.by_id
    assert timeline.by_id["b"].place.lat == 39.93  # type: ignore[union-attr]


def test_syntax_error_is_located() -> None:
    text = json.dumps(MINI, indent=2).replace('"title": "A",', '"title": "A"', 1)
    (problem,) = _problems(text)
    assert problem.startswith("t.json:")
    line = int(problem.split(":")[1])
    broken = text.split("\n").index('      "title": "A"') + 1
    assert broken - 4 <= line <= broken + 1  # the object with the missing comma


def test_invalid_value_is_located_at_its_field() -> None:
    data = json.loads(json.dumps(MINI))
    data["events"][1]["kind"] = "meetng"
    text = json.dumps(data, indent=2)
    (problem,) = _problems(text)
    line = int(problem.split(":")[1])
    assert '"kind": "meetng"' in text.split("\n")[line - 1]
    assert "event b" in problem and "did you mean 'meeting'" in problem


def test_duplicate_key_is_refused_and_located() -> None:
    text = '{"title": "x",\n "title": "y", "sources": {}}'
    (problem,) = _problems(text)
    assert problem.startswith("t.json:2:") and "duplicate key 'title'" in problem


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_non_json_constants_are_refused(bad: str) -> None:
    text = json.dumps(MINI).replace("39.93", bad)
    problems = _problems(text)
    assert any(bad in p or "JSON" in p for p in problems)


def test_lone_surrogate_escape_is_refused() -> None:
    text = json.dumps(MINI).replace('"A"', '"\\ud800"', 1)
    assert _problems(text)


def test_escaped_emoji_pair_is_fine() -> None:
    text = json.dumps(MINI).replace('"A"', '"\\ud83d\\ude00 talks"', 1)
    timeline = timeline_from_text(text, "t.json", cache=False)
    assert timeline.by_id["a"].title == "\U0001f600 talks"


def test_json_file_through_load_timeline(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(MINI), encoding="utf-8")
    assert [e.id for e in load_timeline(path, cache=False).events] == ["a", "b"]
    assert snapshot(load_timeline(path, cache=False))[0] == "T"
