"""Search stays exact when an event's text contains the haystack separator (\\x1f)."""

from __future__ import annotations

from tests.data.helpers import HEADER, load
from tui.data.query import Index, Query, positions


def test_separator_in_text_does_not_merge_or_split_events() -> None:
    timeline = load(HEADER + """\
  - id: a
    kind: stop
    title: "alpha\\x1fbeta"
    start: 2023-11-06
    sources: [wire]
  - id: b
    kind: stop
    title: gamma
    summary: Ärger in Zürich
    start: 2023-11-07
    sources: [wire]
""")
    assert timeline.events[0].title == "alpha\x1fbeta"
    index = Index(timeline)
    ids = [e.id for e in timeline.events]

    def found(text: str) -> list[str]:
        return [ids[i] for i in positions(Query(search=text).bits(index))]

    assert found("beta") == ["a"]
    assert found("gamma") == ["b"]
    assert found("zurich") == ["b"]  # folding still applies to every event
    assert found("betagamma") == []
