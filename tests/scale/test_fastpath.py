"""The fast reader (yaml-rs) never gives a different result than the authoritative one.

Each case loads the same text both ways (``fast=True``/``fast=False``) and compares
everything: the timeline (models, fields set, instants, event lines, file order) or the
problems reported, located. Where yaml-rs would type a value differently (``0123``,
``1.10``, ``yes``, dates), the result must still equal the authoritative one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scale.scale_helpers import generated_yaml, outcome
from tui.data import fastload
from tui.data.load import timeline_from_text
from tui.data.textfile import read_file_text

CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "corpus"

TEMPLATE = """\
title: Tricky scalars
sources:
  wire: {{title: Wire, published: {published}}}
actors:
  norway: {{name: Government of Norway, country: NO, kind: government}}
events:
  - id: first
    kind: statement
    title: {title}
    start: {start}
    approximate: {approximate}
    place: {{name: Oslo, country: NO, lat: {lat}, lon: 10.75, tz: Europe/Oslo}}
    actors: [norway]
    sources: [wire]
    tags: [{tag}]
  - id: {ident}
    kind: meeting
    title: Second
    start: 2023-11-06T14:30+03:00
    end: {end}
    sources: [wire]
"""
DEFAULTS = {"published": "2023-11-10", "title": "Plain title", "start": "2023-11-06",
            "approximate": "false", "lat": "59.91", "tag": "norway", "ident": "second",
            "end": "2023-11-06T16:00+03:00"}
TRICKY = {
    "ident": ["0123", "123", "1.10", "NO", "yes", "true", "0x1F", "1_000", "'0123'", "null"],
    "title": ["NO", "yes", "1.10", "0123", "true", "True", "null", "~", "''", "2023-11-06",
              "12:30", "-0", "1e3", ".inf", "'yes'", '"1.10"', "on", "0b101"],
    "lat": ["1.10", "0x1F", "-0", "-0.0", "041", "+41", "true", "TRUE", ".5", "1e3", "1_0",
            "0o17", "0", "90", "91", "'41'", "null", "~", ".nan", "5."],
    "approximate": ["yes", "true", "True", "TRUE", "1", "01", "1.0", "on", "0", "'true'",
                    "~", "false", "n"],
    "start": ["2023", "02023", "+2023", "2023-11", "2023-11-06T14:30+03:00",
              "2023-11-06T14:30:00Z", "2023-11-06 14:30", "2023-1-6", "2023.0", "'2023'",
              "2023-11-06t14:30+03:00", "0x7E7", "2_023", "1999", "2023-11-06T14:30"],
    "end": ["2023", "2024", "2023-11-06", "2023-11-05", "'2023'", "+2024", "~"],
    "published": ["2023", "02023", "2023-11", "'2023'", "+2023", "2023-11-10T09:00Z"],
    "tag": ["0123", "yes", "1.10", "NO", "null", "'0123'", "2023-11-06"],
}
CASES = [(field, value) for field, values in TRICKY.items() for value in values]


def _text(**values: str) -> str:
    return TEMPLATE.format(**{**DEFAULTS, **values})


def test_template_takes_the_fast_path() -> None:
    text = _text()
    assert fastload.fast_parse(text) is not None
    assert outcome(text, fast=True) == outcome(text, fast=False)
    assert outcome(text, fast=True)[0] == "ok"


@pytest.mark.parametrize(("field", "value"), CASES)
def test_tricky_scalar_same_result(field: str, value: str) -> None:
    text = _text(**{field: value})
    assert outcome(text, fast=True) == outcome(text, fast=False)


def test_plain_years_and_coordinates_stay_on_the_fast_path() -> None:
    # The census proves these typed values were written in forms both readers share.
    text = _text(start="2023", published="2023", lat="59", end="2023-11-07")
    data = fastload.fast_parse(text)
    assert data is not None
    assert data["events"][0]["start"] == "2023"
    assert data["sources"]["wire"]["published"] == "2023"
    assert outcome(text, fast=True) == outcome(text, fast=False)


@pytest.mark.parametrize("text", [
    _text(lat="0x1F"), _text(lat="-0"), _text(start="+2023"), _text(start="02023"),
    _text(approximate="1"), _text(lat="true"), _text(published="0x7E7"),
])
def test_unproven_typed_values_fall_back(text: str) -> None:
    assert fastload.fast_parse(text) is None


def test_generated_timeline_same_both_ways() -> None:
    text = generated_yaml(250)
    assert fastload.fast_parse(text) is not None  # the fast path really is exercised
    fast, slow = outcome(text, fast=True), outcome(text, fast=False)
    assert fast[0] == "ok"
    assert fast == slow


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.yaml")))
def test_hostile_corpus_same_result(name: str) -> None:
    try:
        text = read_file_text(CORPUS / name, 1 << 24)
    except Exception:  # unreadable on purpose (binary, wrong encoding): not a reader's input
        pytest.skip("not text")
    assert outcome(text, fast=True) == outcome(text, fast=False)


@pytest.mark.parametrize(("text", "reason"), [
    ("title: !!str x\n", "tags"),
    ("title: &a x\nother: *a\n", "anchors"),
    ("? title\n: x\n", "explicit keys"),
    ("%YAML 1.1\n---\ntitle: x\n", "directives"),
    ("title: x\n...\n", "document markers"),
    ("title:\n\t- x\n", "tab"),
    ("title: x\u2028y\n", "line breaks"),
    ("title: x\x85y\n", "line breaks"),
    ("title: a\rb: c\n", "carriage return"),
    ("- " * 40_000 + "x\n", "deep nesting"),
    ("a:\n" + "".join(" " * i + "k:\n" for i in range(1, 200)), "deep nesting"),
])
def test_prefilter_refuses_what_readers_disagree_on(text: str, reason: str) -> None:
    assert reason in (fastload.prefilter(text) or "")


def test_deep_nesting_never_reaches_yaml_rs() -> None:
    # yaml-rs recurses: ~30,000 levels crash the process. The authoritative reader says why.
    text = "title: x\nevents:\n" + "  " + "- " * 40_000 + "x\n"
    assert outcome(text, fast=True) == outcome(text, fast=False)
    assert outcome(text, fast=True)[0] == "error"


EVENT = "id: e{n}\n{pad}kind: stop\n{pad}title: T{n}\n{pad}start: 2023-11-0{d}\n" \
        "{pad}sources: [wire]\n"


def _layout(indent: int, style: str, newline: str = "\n") -> str:
    head = "title: Lines\nsources:\n  wire: {title: W, published: 2023-11-10}\nevents:\n"
    items = []
    pad = " " * (indent + 2)
    for n in range(1, 6):
        body = EVENT.format(n=n, d=n, pad=pad)
        if style == "block":
            items.append(" " * indent + "- " + body)
        elif style == "kind-first":
            first, rest = body.split("\n", 1)
            items.append(" " * indent + "- " + rest.lstrip() + pad + first + "\n")
        elif style == "comments":
            items.append(" " * indent + "# event " + str(n) + "\n\n" + " " * indent + "- "
                         + body)
        elif style == "flow":
            items.append(" " * indent + f"- {{id: e{n}, kind: stop, title: T{n}, "
                         f"start: 2023-11-0{n}, sources: [wire]}}\n")
        elif style == "dash-alone":
            items.append(" " * indent + "-\n" + pad + body)
    return (head + "".join(items) + "actors: {}\n").replace("\n", newline)


@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("style", ["block", "kind-first", "comments", "flow", "dash-alone"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_event_lines_match_the_locator(indent: int, style: str, newline: str) -> None:
    text = _layout(indent, style, newline)
    fast = timeline_from_text(text, "t.yaml", fast=True, cache=False)
    slow = timeline_from_text(text, "t.yaml", fast=False, cache=False)
    assert fast.lines == slow.lines
    assert len(fast.lines) == 5
    if style in ("block", "comments"):  # where the line is the "- id:" line itself
        lines = text.replace("\r\n", "\n").split("\n")
        for ident, line in fast.lines.items():
            assert lines[line - 1].strip() == f"- id: {ident}"


def test_event_lines_refuse_a_mismatch() -> None:
    raw = _layout(2, "block").encode()
    assert fastload.event_lines(raw, ["e1", "e2", "e3", "e4", "e5"]) is not None
    assert fastload.event_lines(raw, ["e1", "e2", "e3", "e4"]) is None  # count differs
    assert fastload.event_lines(raw, ["e1", "e2", "x", "e4", "e5"]) is None  # id differs


SCALARS = st.text(alphabet=st.sampled_from(list("aZ09 .:-+_#'\"\\!&*?,[]{}|>%@`~éß\t")),
                  max_size=12)


@settings(max_examples=150, deadline=None)
@given(title=SCALARS, tag=SCALARS, lat=SCALARS)
def test_fuzzed_scalars_same_result(title: str, tag: str, lat: str) -> None:
    text = _text(title=title or "x", tag=tag or "x", lat=lat or "1")
    assert outcome(text, fast=True) == outcome(text, fast=False)


# The prefilter as it was written first: one regex per lexical case. The faster checks
# that replace some of them (substring search in a byte-class copy) must refuse the same.
_OLD_LINE_START = re.compile(rb"\n(?:%%|\.\.\.|[ ]*\t|[ \t?:-]{%d})" % fastload.MAX_PREFIX)
_OLD_LONG_DIGITS = re.compile(rb"[0-9]{1000}")


def _old_deep_or_marker(data: bytes) -> bool:
    return bool(_OLD_LINE_START.search(b"\n" + data[:fastload.MAX_PREFIX + 1])
                or _OLD_LINE_START.search(data))


LEXICAL = st.text(alphabet=st.sampled_from(list(" -?:\n\r\t%.0123456789x|>#[]{},\"'é")),
                  max_size=300)


@settings(max_examples=300, deadline=None)
@given(LEXICAL, st.integers(0, 3))
def test_lexical_checks_refuse_what_the_regexes_refused(text: str, repeat: int) -> None:
    # Long runs are what these checks are about: repeat a piece to reach them.
    data = (text * (1 + 40 * repeat)).encode()
    deep, digits = fastload._long_runs(data)
    assert (deep or fastload._line_start(data)) == _old_deep_or_marker(data)
    assert digits == bool(_OLD_LONG_DIGITS.search(data))


@pytest.mark.parametrize("data", [
    b"1" * 999, b"1" * 1000, b"x" + b"1" * 1000 + b"x", b"- " * 60, b"- " * 61,
    b"a:\n" + b" " * 119 + b"x", b"a:\n" + b" " * 120 + b"x", b"%YAML", b"...",
    b"a: 1\n%x", b"a\n...\n", b"a:\n  \tb",
    b"x" * (fastload._WINDOW - 500) + b"7" * 1000,  # across the border of two windows
    b"x" * (fastload._WINDOW - 60) + b"\n" + b"-" * 130,
])
def test_lexical_checks_at_the_edges(data: bytes) -> None:
    deep, digits = fastload._long_runs(data)
    assert (deep or fastload._line_start(data)) == _old_deep_or_marker(data)
    assert digits == bool(_OLD_LONG_DIGITS.search(data))
