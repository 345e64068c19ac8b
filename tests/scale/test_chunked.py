"""The chunked first-open reader accepts exactly what the authoritative reader accepts.

Each case is read with chunks of two events (so that ids, references and links cross
chunk borders) both ways, and must give the same timeline or the same located problems;
where the file has a problem, the chunked reader must decline (the authoritative reader
then reports it), never return a timeline.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scale.scale_helpers import generated_yaml, outcome
from tui.data import chunked

HEAD = """\
title: Chunks
sources:
  wire: {title: Wire, published: 2023-11-10}
  desk: {title: Desk}
actors:
  ana: {name: Ana, kind: person}
  bo: {name: Bo, kind: person}
"""


def event(n: int, **fields: str) -> str:
    values = {"id": f"e{n}", "kind": "stop", "title": f"T{n}", "start": f"2023-11-0{n}",
              "sources": "[wire]", **fields}
    lines = [f"  - id: {values.pop('id')}"] + [f"    {k}: {v}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def timeline(*events: str, head: str = HEAD, tail: str = "") -> str:
    return head + "events:\n" + "".join(events) + tail


def plain(count: int = 6) -> list[str]:
    return [event(n) for n in range(1, count + 1)]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(chunked, "CHUNK_ITEMS", 2)
    yield


def parts(text: str) -> chunked.Parts | str:
    return chunked.read_chunked(text.encode(), "t.yaml")


def test_a_valid_file_is_read_in_chunks() -> None:
    text = timeline(*plain(), event(7, links="[{rel: follows, to: e1}]"),
                    event(8, links="[{rel: related, to: e9}]"), event(9))
    found = parts(text)
    assert isinstance(found, chunked.Parts)
    assert [e.id for e in found.events] == [f"e{n}" for n in range(1, 10)]
    assert outcome(text, fast=True) == outcome(text, fast=False)
    assert outcome(text, fast=True)[0] == "ok"


def test_generated_timeline_in_chunks() -> None:
    text = generated_yaml(120)
    assert isinstance(parts(text), chunked.Parts)
    assert outcome(text, fast=True) == outcome(text, fast=False)


# One per check of validate_document (checks.py and the models): the file has exactly
# that problem, in a chunk after the first.
PROBLEMS = {
    "duplicate id in another chunk": timeline(*plain(), event(1)),
    "duplicate id in the same chunk": timeline(*plain(4), event(5, id="e4"), event(6)),
    "unknown actor (id)": timeline(*plain(), event(7, actors="[zed]")),
    "unknown actor (mapping)": timeline(*plain(), event(7, actors="[{id: zed, role: host}]")),
    "unknown quote speaker": timeline(*plain(), event(
        7, quotes="[{speaker: zed, text: hi, source: wire}]")),
    "unknown quote source": timeline(*plain(), event(
        7, quotes="[{speaker: ana, text: hi, source: nowhere}]")),
    "unknown source": timeline(*plain(), event(7, sources="[wire, nowhere]")),
    "link to itself": timeline(*plain(), event(7, links="[{rel: follows, to: e7}]")),
    "link to an unknown event": timeline(*plain(), event(7, links="[{rel: follows, to: e99}]")),
    "time without offset": timeline(*plain(), event(7, start="2023-11-07T10:00")),
    "end time without offset": timeline(*plain(), event(
        7, start="2023-11-07T10:00+01:00", end="2023-11-07T11:00")),
    "end before start": timeline(*plain(), event(7, start="2023-11-07", end="2023-11-06")),
    "end before start in the place's zone": timeline(*plain(), event(
        7, start="2023-11-07T10:00", end="2023-11-07T09:00",
        place="{name: Oslo, country: NO, tz: Europe/Oslo}")),
    "invalid field": timeline(*plain(), event(7, kind="party")),
    "unknown field": timeline(*plain(), event(7, titel="x")),
    "not a mapping": timeline(*plain(), "  - just text\n"),
    "unknown top-level key": timeline(*plain(), tail="extra: 1\n"),
    "duplicate top-level key after the events": timeline(*plain(), tail="title: again\n"),
    "bad source": timeline(*plain(), head=HEAD.replace("{title: Desk}", "{titel: Desk}")),
    "missing title": timeline(*plain(), head=HEAD.replace("title: Chunks\n", "")),
    "unknown actor kind": timeline(*plain(), head=HEAD.replace("kind: person}\n", "kind: x}\n")),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_every_problem_declines_and_is_located(name: str) -> None:
    text = PROBLEMS[name]
    assert parts(text) == chunked.DECLINED
    fast = outcome(text, fast=True)
    assert fast == outcome(text, fast=False)
    assert fast[0] == "error" and all(":" in problem for problem in fast[2])


ACCEPTED = {
    "a zone instead of an offset": timeline(*plain(), event(
        7, start="2023-11-07T10:00", place="{name: Oslo, country: NO, tz: Europe/Oslo}")),
    "a link to a later chunk": timeline(event(1, links="[{rel: follows, to: e6}]"),
                                        *plain()[1:]),
    "events before the registries": "title: Chunks\nevents:\n" + "".join(plain())
    + HEAD.split("\n", 1)[1],
    "a document start and comments": "# c\n---\n" + timeline(
        *[f"  # about e{n}\n\n" + e for n, e in enumerate(plain(), 1)], tail="# end\n"),
    "items at column 0": timeline(*[e[2:].replace("\n  ", "\n") for e in plain()]),
    "flow items": timeline(*[f"  - {{id: e{n}, kind: stop, title: T, start: 2023-11-0{n}, "
                             "sources: [wire]}\n" for n in range(1, 7)]),
    "CRLF": timeline(*plain()).replace("\n", "\r\n"),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_valid_layouts_are_read_in_chunks(name: str) -> None:
    text = ACCEPTED[name]
    assert isinstance(parts(text), chunked.Parts)
    fast = outcome(text, fast=True)
    assert fast == outcome(text, fast=False)
    assert fast[0] == "ok"


ODD = {
    # The "events:" line inside a flow mapping: the text before it is unterminated.
    "events inside a flow mapping": "title: x\nsources: {wire: {title: W},\nevents:\n"
    + "".join(plain()) + "}\nevents: ~\n",
    "two document starts": "---\n---\n" + timeline(*plain()),
    "a document after the events": timeline(*plain(), tail="---\nfoo: 1\n"),
    "first item not a plain dash line": timeline("  -x: 1\n", *plain()),
    "dash alone": timeline("  -\n    id: e0\n    kind: stop\n    title: T\n"
                           "    start: 2023\n    sources: [wire]\n", *plain()),
    "a quoted scalar across a dash line": timeline(*plain(2), event(
        3, title='"a\n  - b"'), *plain()[3:]),
    "less indented item": timeline(*plain(3), " - id: x\n", *plain()[3:]),
    "a scalar before the events": "~\n" + timeline(*plain()),
    "a typed value": timeline(*plain(), event(7, approximate="1")),
    "events: []": HEAD + "events: []\n",
    "flow document": '{"title": "x", "sources": {"w": {"title": "W"}}, "events": []}\n',
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_layouts_are_never_read_in_chunks_differently(name: str) -> None:
    text = ODD[name]
    assert not isinstance(parts(text), chunked.Parts)
    assert outcome(text, fast=True) == outcome(text, fast=False)
