"""Property tests: whatever the bytes, loading yields a timeline or a located TimelineError.

Nothing else may escape (no traceback, no other exception), every problem formats to a
single safe line, and a problem about the data of a parsed file names a line inside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import RAW_UNSAFE
from tui.data import chunked
from tui.data.errors import TimelineError
from tui.data.load import Timeline, timeline_from_text
from tui.data.model import dump
from tui.data.sanitize import printable
from tui.data.textfile import decode

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAME = Path("prop.yaml")


def check_outcome(text_or_bytes: str | bytes) -> Timeline | TimelineError:
    """Load, and check the contract of whatever comes out."""
    text: str | None = None
    try:
        is_bytes = isinstance(text_or_bytes, bytes)
        text = decode(NAME, text_or_bytes) if is_bytes else text_or_bytes  # type: ignore[arg-type]
        return timeline_from_text(text, str(NAME))
    except TimelineError as error:
        assert error.exit_code in (1, 2)
        assert error.problems
        for problem in error.problems:
            formatted = problem.format()
            assert "\n" not in formatted and RAW_UNSAFE.search(formatted) is None
            assert formatted.startswith(str(NAME))
            if error.exit_code == 1:  # the file was read: every problem has a place in it
                assert text is not None and problem.line is not None, formatted
                assert 1 <= problem.line <= len(re.split("\r\n|\r|\n", text)), formatted
                assert problem.column is None or problem.column >= 1, formatted
        return error


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check_outcome(data)


@SETTINGS
@given(st.text(max_size=500))
def test_arbitrary_text(text: str) -> None:
    check_outcome(text)


YAML_NOISE = [*":-[]{},#&*!|>'\"%@`?\t\n\r ~\\", "\u00a0", "\ufeff", "\u2028", "\x85", "\x1b",
              "\x00", "é", "---", "...", "<<: ", "!!python/name:os.system "]
WORDS = ["stop", "meeting", "wire", "blinken", "TR", "NO", "Europe/Istanbul", "2023",
         "2023-11-06", "2023-11-06T14:30+03:00", "2023-11", "0123", "true", "yes", "~", "",
         "1e400", "nan", "-0", "41.0", "x: y", "#tag", "*alias", "&anchor", "[a]", "{b: c}"]
FIELDS = ["title", "description", "sources", "actors", "events", "id", "kind", "summary",
          "start", "end", "approximate", "date_text", "place", "name", "country", "lat",
          "lon", "tz", "role", "quotes", "speaker", "text", "source", "tags", "links", "rel",
          "to", "note", "published", "publisher", "url", "archive", "aliases", "titel"]

scalars = st.one_of(st.sampled_from(WORDS), st.text(max_size=12), st.integers(),
                    st.floats(allow_nan=True), st.booleans(), st.none())
shapes = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS), children, max_size=6),
    ),
    max_leaves=25,
)


@st.composite
def timeline_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """A mapping that looks like a timeline, with anything in its slots."""
    event = draw(st.dictionaries(st.sampled_from(FIELDS), shapes, max_size=8))
    event.setdefault("id", draw(st.sampled_from(["a", "b", "a b", "0123", ""])))
    doc: dict[str, Any] = {
        "title": draw(scalars),
        "sources": draw(st.one_of(
            st.just({"wire": {"title": "Wire", "published": "2023-11-10"}}), shapes)),
        "events": draw(st.lists(st.one_of(st.just(event), shapes), max_size=4)),
    }
    doc.update(draw(st.dictionaries(st.sampled_from(FIELDS), shapes, max_size=2)))
    return doc


@st.composite
def dumped(draw: st.DrawFn) -> str:
    doc = draw(timeline_shaped())
    style = draw(st.sampled_from(["block", "flow", "json", "mixed"]))
    if style == "json":
        return json.dumps(doc, ensure_ascii=draw(st.booleans()), default=str,
                          indent=draw(st.sampled_from([None, 2])))
    return yaml.safe_dump(doc, default_flow_style={"block": False, "flow": True}.get(style),
                          allow_unicode=draw(st.booleans()), width=draw(st.sampled_from(
                              [20, 80, 10_000])), sort_keys=False)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A dumped document with a few curator-sized accidents."""
    text = draw(dumped())
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "indent", "dedent", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(YAML_NOISE)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end + 1
            line = text[start:end]
            line = {"indent": "  " + line, "dedent": line[1:] if line[:1] == " " else line,
                    "duplicate": line + line}[action]
            text = text[:start] + line + text[end:]
    return text


@SETTINGS
@given(dumped())
def test_timeline_shaped_documents(text: str) -> None:
    check_outcome(text)


@SETTINGS
@given(mutated())
def test_mutated_documents(text: str) -> None:
    check_outcome(text)


@SETTINGS
@given(mutated(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
def test_mutated_documents_in_other_encodings(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    check_outcome(data)


@SETTINGS
@given(st.text())
def test_printable_is_safe_and_idempotent(text: str) -> None:
    once = printable(text, multiline=False)
    assert RAW_UNSAFE.search(once) is None and "\n" not in once
    assert printable(once, multiline=False) == once
    kept = printable(text)
    assert RAW_UNSAFE.search(kept) is None
    assert kept.count("\n") == text.count("\n")


# The fast reader (tui.data.fastload, used for large files) must agree with the
# authoritative one on every text: the same timeline, or the same located problems.
# Two disagreements found by this property have their own regression tests below.


def outcome(text: str, fast: bool) -> tuple[Any, ...]:
    try:
        timeline = timeline_from_text(text, "p.yaml", fast=fast, cache=False)
    except TimelineError as error:
        return ("error", error.exit_code, [problem.format() for problem in error.problems])
    return ("timeline", timeline.title, timeline.description, timeline.sources,
            timeline.actors, [dump(event) for event in timeline.events],
            timeline.lines, timeline.order)


@SETTINGS
@given(st.one_of(dumped(), mutated()))
def test_fast_reader_agrees_with_the_authoritative_one(text: str) -> None:
    assert outcome(text, True) == outcome(text, False)


def test_fast_reader_never_raises_type_error() -> None:
    """yaml-rs raises TypeError for a list used as a mapping key: fall back, no traceback."""
    text = "{title: t, sources: {w: {title: W, published: '2023'}}, events: ,[{\n  a: []}]}\n"
    assert outcome(text, True) == outcome(text, False)


def test_fast_reader_refuses_escaped_surrogates() -> None:
    """yaml-rs joins an escaped UTF-16 surrogate pair that libyaml refuses: fall back."""
    text = '{"title": "\\ud83d\\ude00", "sources": {"w": {"title": "W", "published": "2023"}}}'
    assert outcome(text, True) == outcome(text, False)


@SETTINGS
@given(st.one_of(dumped(), mutated()), st.sampled_from([1, 2]))
def test_chunked_reader_agrees_with_the_authoritative_one(text: str, items: int) -> None:
    """Events read a chunk of one or two at a time: ids and links cross chunk borders."""
    with mock.patch.object(chunked, "CHUNK_ITEMS", items):
        assert outcome(text, True) == outcome(text, False)
