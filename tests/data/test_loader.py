"""The loader keeps what the curator wrote and refuses unsafe YAML, with located errors."""

from __future__ import annotations

import time

import pytest

from tests.data.helpers import HEADER, load, one_problem, problems
from tui.data.errors import TimelineError
from tui.data.load import timeline_from_text


def test_yaml_11_traps_keep_the_written_text() -> None:
    timeline = load(HEADER.replace("country: US", "country: NO") + """\
  - id: 0123
    kind: statement
    title: yes
    summary: 1.10
    start: 2023-11-06
    place: {name: Oslo, country: NO}
    sources: [wire]
""")
    event = timeline.events[0]
    assert event.id == "0123"
    assert event.title == "yes"
    assert event.summary == "1.10"
    assert event.place is not None and event.place.country == "NO"
    assert timeline.actors["blinken"].country == "NO"


def test_duplicate_key_deep_inside_an_event() -> None:
    problem = one_problem(HEADER + """\
  - id: a
    kind: stop
    title: A
    start: 2023-11-06
    place: {name: Ankara, country: TR, country: IN}
    sources: [wire]
""")
    assert (problem.line, problem.column) == (11, 40)
    assert "duplicate key 'country'" in problem.message
    assert "line 11" in problem.hint


def test_object_constructing_tags_are_refused_not_run(tmp_path) -> None:
    marker = tmp_path / "ran"
    problem = one_problem(HEADER + f"""\
  - id: !!python/object/apply:os.system ["touch {marker}"]
""")
    assert "tag" in problem.message and "not allowed" in problem.message
    assert problem.line == 7
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(TimelineError) as caught:
        load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 30  # sanity bound only; bench/ measures speed
    assert "aliases expand to too many values" in caught.value.problems[0].message


def test_deep_nesting_is_refused_before_it_can_crash() -> None:
    problem = one_problem("title: " + "[" * 30_000 + "]" * 30_000 + "\n")
    assert "nesting deeper than" in problem.message
    assert problem.line == 1


def test_every_problem_is_collected_with_owner_field_and_hint() -> None:
    found = problems(HEADER + """\
  - id: a
    kind: protests
    titel: Typo
    start: 2023-11-31
    sources: [wir]
  - id: a
    kind: stop
    title: B
    start: 2023-11-07
    end: 2023-11-05
    actors: [blinkn]
    sources: [wire]
    links: [{rel: part-of, to: nowhere}]
""")
    formatted = [p.format() for p in found]
    expected = [
        "t.yaml:7:5: event a: title: missing required field 'title'",
        "t.yaml:8:11: event a: kind: 'protests' is not one of:",
        "t.yaml:9:5: event a: titel: unknown field 'titel' (did you mean 'title'?)",
        "t.yaml:10:12: event a: start: '2023-11-31' is not a real date",
        "t.yaml:11:15: event a: sources[0]: unknown source 'wir' (did you mean 'wire'?)",
        "t.yaml:12:9: event a: id: duplicate event id 'a'",
        "t.yaml:16:10: event a: end: ends (2023-11-05) before it starts (2023-11-07)",
        "t.yaml:17:14: event a: actors[0]: unknown actor 'blinkn' (did you mean 'blinken'?)",
        "t.yaml:19:32: event a: links[0].to: unknown event 'nowhere'",
    ]
    assert len(formatted) == len(expected), "\n".join(formatted)
    for line, prefix in zip(formatted, expected, strict=True):
        assert line.startswith(prefix), line


@pytest.mark.parametrize(
    ("place_yaml", "field", "fragment"),
    [
        ("country: TQ", "place.country", "unknown country code 'TQ'"),
        ("country: TR\n      tz: Mars/Base", "place.tz", "unknown time zone"),
        ("country: TR\n      lat: north", "place.lat", "expected a number"),
    ],
)
def test_place_field_errors(place_yaml: str, field: str, fragment: str) -> None:
    problem = one_problem(HEADER + f"""\
  - id: a
    kind: stop
    title: A
    start: 2023-11-06
    place:
      name: X
      {place_yaml}
    sources: [wire]
""")
    # The offending field is the last line of the place mapping.
    assert problem.line == 12 + place_yaml.count("\n") + 1
    assert problem.owner == "event a"
    assert problem.field == field
    assert fragment in problem.message


def test_time_without_offset_needs_a_zone() -> None:
    problem = one_problem(HEADER + """\
  - id: a
    kind: stop
    title: A
    start: 2023-11-06T10:00
    sources: [wire]
""")
    assert (problem.line, problem.field) == (10, "start")
    assert "no UTC offset" in problem.message and "place.tz" in problem.hint


def test_unknown_top_level_key_and_missing_sources() -> None:
    found = problems("title: T\nevnts: []\n")
    messages = [p.format() for p in found]
    assert "t.yaml:1:1: missing required top-level key 'sources'" in messages
    assert "t.yaml:2:1: evnts: unknown top-level key 'evnts' (did you mean 'events'?)" in messages


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- a\n- b\n", "top level is a list"),
        ("just text\n", "top level is a single value"),
        ("title: [unclosed\n", "YAML syntax error"),
        ("title: a\n---\ntitle: b\n", "more than one YAML document"),
    ],
)
def test_documents_that_are_not_timelines(text: str, fragment: str) -> None:
    problem = problems(text)[0]
    assert fragment in problem.message
    assert problem.line is not None


def test_events_sorted_by_instant_and_stable(mini_path) -> None:
    from tui.data.load import load_timeline

    timeline = load_timeline(mini_path)
    assert [e.id for e in timeline.events] == ["0123", "arrive-ankara", "talks"]
    assert timeline.lines == {"arrive-ankara": 27, "talks": 35, "0123": 48}
    instants = [e.instant for e in timeline.events]
    assert instants == sorted(instants)


def test_same_instant_keeps_file_order() -> None:
    timeline = load(HEADER + "".join(f"""\
  - id: e{n}
    kind: stop
    title: E{n}
    start: 2023-11-06
    sources: [wire]
""" for n in (3, 1, 2)))
    assert [e.id for e in timeline.events] == ["e3", "e1", "e2"]


@pytest.mark.parametrize("name", ["../seeds/article.txt", "notes/a.txt", "a\\b.txt", ".."])
def test_a_source_archive_is_a_file_name_not_a_path(name: str) -> None:
    problem = one_problem(f"""\
title: T
sources:
  wire: {{title: Wire report, archive: '{name}'}}
events:
  - id: a
    kind: stop
    title: A
    start: 2023-11-06
    sources: [wire]
""")
    assert (problem.line, problem.column, problem.owner, problem.field) == \
        (3, 39, "source wire", "archive")
    assert "is a path: give a file name" in problem.message and "--archive DIR" in \
        problem.message


@pytest.mark.parametrize("text", [
    'title: x\nevents: {a: "b"',  # a flow mapping still open where the file ends
    "title: [unclosed",
    "title: x\nevents:\n  - {id: a, kind: stop",
])
def test_an_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(
        text: str) -> None:
    """libyaml ends such a file with a line break of its own: not a line of the file."""
    with pytest.raises(TimelineError) as caught:
        timeline_from_text(text, "end.yaml", cache=False)
    last = text.splitlines()[-1]
    for problem in caught.value.problems:
        assert problem.line is not None and problem.line <= len(text.splitlines())
        if problem.line == len(text.splitlines()):
            assert problem.column is not None and problem.column <= len(last) + 1
