"""Input built to exhaust: deep nesting, alias bombs, huge values, floods of problems.

Each is refused (or read) with a located message and without a crash; how fast is
measured in bench/hostile.py, not asserted here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Run, run_process
from tui.data.errors import TimelineError
from tui.data.load import timeline_from_text
from tui.data.yamlsafe import MAX_DEPTH

HEAD = "title: x\nsources: {w: {title: t, published: '2023'}}\n"
NESTING = f"nesting deeper than {MAX_DEPTH} levels"


def problem(text: str) -> str:
    """The single problem reported for ``text``, formatted."""
    with pytest.raises(TimelineError) as caught:
        timeline_from_text(text, "f.yaml")
    assert caught.value.exit_code == 1
    assert len(caught.value.problems) == 1, str(caught.value)
    return caught.value.problems[0].format()


DEEP = {
    "100,000 x [": ("[" * 100_000, "1:65"),
    "1,000,000 x [": ("[" * 1_000_000, "1:65"),
    "1,000,000 x [ then ]": ("[" * 1_000_000 + "]" * 1_000_000, "1:65"),
    "1,000,000 x {a:": ("{a: " * 1_000_000, "1:254"),
    "1,000,000 x - on one line": ("- " * 1_000_000, "1:129"),
    "100,000 x [ as a value": ("title: " + "[" * 100_000 + "\n", "1:71"),
    "2,000 indented mappings": ("".join(" " * i + "a:\n" for i in range(2_000)), "64:64"),
    "2,000 indented list items": ("".join(" " * i + "- x:\n" for i in range(0, 4_000, 2)),
                                  "32:65"),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_nesting_is_refused_at_the_bound(name: str) -> None:
    text, where = DEEP[name]
    assert problem(text) == (f"f.yaml:{where}: {NESTING} (a timeline needs only a few "
                             "levels; check for runaway brackets)")


def tags_nested(levels: int) -> str:
    """A timeline whose one event's tags hold text ``levels`` lists deep."""
    event = ("{id: a, kind: stop, title: t, start: '2023', sources: [w], tags: "
             + "[" * levels + "x" + "]" * levels + "}")
    return HEAD + f"events: [{event}]\n"


def test_nesting_up_to_the_bound_is_read() -> None:
    """Document, events list and event are 3 levels; 60 lists put the text at level 64."""
    assert problem(tags_nested(MAX_DEPTH - 4)).endswith("tags[0]: expected text, got a list")
    assert NESTING in problem(tags_nested(MAX_DEPTH - 3))


def test_a_million_brackets_in_a_real_process(tmp_path: Path) -> None:
    """libyaml's own parser is quadratic in depth: the bound must stop it early."""
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 1_000_000, encoding="utf-8")
    run = run_process("validate", str(path), timeout=120)
    assert run.code == 1
    assert "Traceback" not in run.err
    assert run.err.startswith(f"{path}:1:65: {NESTING}")


BOMB = "\n".join(
    ['lol0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"lol{i}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]"
       for i in range(1, 9)]) + "\n"


def test_billion_laughs_is_refused() -> None:
    assert len(BOMB) < 700
    found = problem(BOMB)
    assert found.startswith("f.yaml:1:29: aliases expand to too many values")


def test_a_wide_alias_bomb_is_refused() -> None:
    """One anchor of 1,000 values used 1,000 times: a million values from 10 KB."""
    text = "a: &a [" + ",".join(["x"] * 1000) + "]\nb: [" + ",".join(["*a"] * 1000) + "]\n"
    assert "aliases expand to too many values" in problem(text)


def test_aliases_stacking_depth_are_refused() -> None:
    """Each anchor nests the previous one 50 levels deeper: depth the composer never saw."""
    lines = ["x0: &x0 " + "[" * 50 + "1" + "]" * 50]
    lines += [f"x{i}: &x{i} " + "[" * 50 + f"*x{i - 1}" + "]" * 50 for i in range(1, 400)]
    assert f"aliases nest deeper than {MAX_DEPTH} levels" in problem("\n".join(lines))


def test_reasonable_aliases_are_expanded() -> None:
    place = "place: &p {name: Ankara, country: TR, tz: Europe/Istanbul}"
    events = [f"  - {{id: e{i}, kind: stop, title: t, start: '2023', sources: [w], "
              f"place: *p}}" for i in range(2_000)]
    text = HEAD + f"events:\n  - {{id: first, kind: stop, title: t, start: '2023', " \
        f"sources: [w], {place}}}\n" + "\n".join(events) + "\n"
    timeline = timeline_from_text(text, "f.yaml")
    assert len(timeline.events) == 2_001
    assert {event.place.name for event in timeline.events if event.place} == {"Ankara"}


def test_a_five_megabyte_title_loads_intact() -> None:
    title = "x" * 5_000_000
    timeline = timeline_from_text(HEAD.replace("title: x", f"title: {title}") + "events: []\n",
                                  "f.yaml")
    assert timeline.title == title


LONG_VALUES = {
    "kind": ("x" * 5_000_000, "kind: 'xxx"),
    "id": ("x " * 2_500_000, "id: 'x x "),
    "start": ("1" * 5_000_000, "start: '111"),
    "place": ("{name: p, country: " + "q" * 5_000_000 + "}", "place.country: unknown country"),
    "sources": ("[" + "w" * 5_000_000 + "]", "sources[0]: unknown source 'www"),
}


@pytest.mark.parametrize("field", list(LONG_VALUES))
def test_five_megabyte_values_get_short_messages(
    field: str, tmp_path: Path, cli: Callable[..., Run]
) -> None:
    value, fragment = LONG_VALUES[field]
    event = {"id": "a", "kind": "stop", "title": "t", "start": "'2023'", "sources": "[w]"}
    event[field] = value
    body = ", ".join(f"{key}: {text}" for key, text in event.items())
    path = tmp_path / "long.yaml"
    path.write_text(HEAD + f"events: [{{{body}}}]\n", encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    lines = run.problem_lines()
    assert len(lines) == 1 and fragment in lines[0]
    assert "(5,000,000 characters)" in lines[0] or "(4,999,999 characters)" in lines[0]
    assert len(run.err) < 1_000


def test_a_five_megabyte_unknown_key(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"
    path.write_text(HEAD + "y" * 5_000_000 + ": 1\n", encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    assert run.problem_lines() == [
        f"{path}:3:1: YAML syntax error: a key longer than YAML allows (1024 characters) "
        "(shorten the key; long text belongs in a value)"]


def test_a_long_quoted_unknown_key_is_clipped(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"
    path.write_text(HEAD + '? "' + "y" * 100_000 + '"\n: 1\n', encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 1
    (line,) = run.problem_lines()
    assert line.startswith(f"{path}:3:3: yyyy")
    assert "unknown top-level key 'yyyy" in line and "(100,000 characters)" in line
    assert len(line) < 600


def test_a_flood_of_problems_is_reported_in_full() -> None:
    events = "\n".join(f"  - {{id: e{i}, kind: stopp, title: t, start: '2023', sources: [w]}}"
                       for i in range(5_000))
    with pytest.raises(TimelineError) as caught:
        timeline_from_text(HEAD + "events:\n" + events + "\n", "f.yaml")
    problems = caught.value.problems
    assert len(problems) == 5_000
    assert [p.line for p in problems] == list(range(4, 5_004))
    assert all(p.owner == f"event e{i}" for i, p in enumerate(problems))
