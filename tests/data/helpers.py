"""Helpers for data-layer tests: write a timeline text and collect its problems."""

from __future__ import annotations

import textwrap

from tui.data.errors import Problem, TimelineError
from tui.data.load import Timeline, timeline_from_text

HEADER = """\
title: Test timeline
sources:
  wire: {title: Wire report, published: 2023-11-10}
actors:
  blinken: {name: Antony Blinken, kind: person, country: US}
events:
"""


def load(text: str) -> Timeline:
    return timeline_from_text(textwrap.dedent(text), "t.yaml")


def problems(text: str) -> list[Problem]:
    try:
        load(text)
    except TimelineError as error:
        return error.problems
    raise AssertionError("expected the timeline to be invalid")


def one_problem(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, "\n".join(p.format() for p in found)
    return found[0]
