"""The optimised indexes give exactly what a plain walk over the events gives."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.scale.scale_helpers import generated_yaml
from tui.data import query as query_module
from tui.data.facetmasks import bits_from
from tui.data.load import timeline_from_text
from tui.data.query import FACETS, Index, Query, fold, positions, search_text


def _reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c) and c not in "-\u2010\u2011\u2013")


@given(st.text(max_size=30))
def test_fold_matches_nfkd_without_marks(text: str) -> None:
    assert fold(text) == _reference_fold(text)


@given(st.sets(st.integers(0, 300)))
def test_bits_round_trip(indexes: set[int]) -> None:
    bits = bits_from(indexes, 301)
    assert positions(bits) == sorted(indexes)
    assert bits == sum(1 << i for i in indexes)


def _values(event, facet):  # type: ignore[no-untyped-def]
    if facet == "country":
        return {event.place.country} if event.place else set()
    if facet == "kind":
        return {event.kind}
    return {ref.id for ref in event.actors} | {q.speaker for q in event.quotes}


def test_haystacks_folded_in_runs_match_each_event_folded_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "_FOLD_RUN", 7)  # 400 events: 58 runs, the last short
    timeline = timeline_from_text(generated_yaml(400), "t.yaml", cache=False)
    assert Index(timeline).haystacks == [_reference_fold(search_text(timeline, i))
                                         for i in range(len(timeline.events))]


def test_counts_select_and_search_match_a_plain_walk() -> None:
    timeline = timeline_from_text(generated_yaml(400), "t.yaml", cache=False)
    index = Index(timeline)
    assert index.haystacks == [_reference_fold(search_text(timeline, i))
                               for i in range(len(timeline.events))]
    rng = random.Random(5)
    values = {facet: sorted(index.masks[facet]) for facet in FACETS}
    for _ in range(80):
        query = Query(*(frozenset(rng.sample(values[f], rng.randint(0, 2))) for f in FACETS),
                      search=rng.choice(["", "ta", "talks", "ZÜR", "zur", "naïve", "qq"]))
        needle = _reference_fold(query.search.strip())

        def matches(i: int, skip: str | None = None, q: Query = query,
                    needle: str = needle) -> bool:
            event = timeline.events[i]
            for facet in FACETS:
                chosen = q.values(facet)
                if facet != skip and chosen and not chosen & _values(event, facet):
                    return False
            return needle in _reference_fold(search_text(timeline, i))

        expected = [i for i in range(len(timeline.events)) if matches(i)]
        assert query.select(index) == expected
        for facet in FACETS:
            base = [i for i in range(len(timeline.events)) if matches(i, skip=facet)]
            want = {v: sum(1 for i in base if v in _values(timeline.events[i], facet))
                    for v in values[facet]}
            assert query.counts(index, facet) == want
