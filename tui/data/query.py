"""Filtering, faceted counts and search over a timeline, on precomputed indexes.

Each facet value (a country, an actor, a kind) owns a bitset: a Python int whose bit *i*
is set when event *i* (in time order) has that value. A filter is a small immutable
object producing a bitset; filters combine with ``&``. OR within a facet, AND across
facets. Counting ``(selection & mask).bit_count()`` is a few microseconds even at 100,000
events, so faceted counts never walk the events.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Literal, NamedTuple

from tui.data import derived, searchindex
from tui.data.facetmasks import (  # positions: re-exported, the app's bitset reader
    LazyMasks,
    actor_values,
    members_of,
    per_event,
    positions,
    singles,
    value_masks,
)

if TYPE_CHECKING:
    from tui.data.load import Timeline
    from tui.data.records import Actor, Event

Facet = Literal["country", "actor", "kind"]
FACETS: tuple[Facet, ...] = ("country", "actor", "kind")

_NON_ASCII = re.compile("[^\x00-\x7f]+")
_FOLDED_RUNS: dict[str, str] = {}  # non-ASCII run -> its fold (runs repeat: "ü", "é", words)


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    folded = _FOLDED_RUNS.get(run)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", run)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(_FOLDED_RUNS) < 1 << 16:
            _FOLDED_RUNS[run] = folded
    return folded


# Hyphens are dropped: news spells "cease-fire" and "ceasefire", "India–China" with an en
# dash, "pro-Palestinian" and "pro Palestinian" are a space apart either way.
_HYPHENS = ("-", "\u2010", "\u2011", "\u2013")


def fold(text: str) -> str:
    """Case-, accent- and hyphen-insensitive form used for search.

    NFKD then dropping combining marks works character by character (marks never reorder
    across a starter), so only the non-ASCII runs of the case-folded text need it.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded.replace("-", "")
    folded = _NON_ASCII.sub(_fold_run, folded)
    # One replace per hyphen, not str.translate: translating with a table goes through
    # the table for every character (3x slower to fold 100,000 events' search texts).
    for hyphen in _HYPHENS:
        folded = folded.replace(hyphen, "")
    return folded


class Index:
    """Facet bitsets and search text for one timeline (events in time order).

    The country and kind masks are built at once, each actor's when first asked for
    (see :mod:`tui.data.facetmasks`); the search texts (folding every event's text
    costs about a second at 100,000 events) on the first search, or earlier by
    :meth:`prepare_search` in a background thread once the timeline is on screen, which
    then also builds the word index (:mod:`tui.data.searchindex`) that answers typing
    without a scan.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        events = timeline.events
        self.size = len(events)
        self.all = (1 << self.size) - 1
        countries = [None if place is None else place.country
                     for place in map(attrgetter("place"), events)]
        kinds = list(map(attrgetter("kind"), events))
        # Actors: from the cache entry the timeline was read from, else from the events.
        members = derived.kept(timeline, "actor_members")
        actors = None
        if members is None:
            actors = actor_values(events)
            members = members_of(actors)
        self.masks: dict[Facet, Mapping[str, int]] = {
            "country": value_masks(countries, self.size),
            "actor": LazyMasks(members, self.size),  # thousands of values: built when asked
            "kind": value_masks(kinds, self.size),
        }
        self.totals: dict[Facet, dict[str, int]] = {
            "country": {value: mask.bit_count()
                        for value, mask in self.masks["country"].items()},
            "actor": dict(zip(members, map(len, members.values()), strict=True)),
            "kind": {value: mask.bit_count() for value, mask in self.masks["kind"].items()},
        }
        self._values: dict[Facet, list[tuple[str, ...]] | None] = {
            "country": singles(countries), "actor": actors, "kind": singles(kinds)}
        self._texts: list[str] | None = None  # folded search texts (searchindex.encode)
        self._texts_lock = threading.Lock()
        self._tokens: searchindex.TokenIndex | None = None  # built by prepare_search only
        self._tokens_lock = threading.Lock()
        self._search_cache: dict[str, int] = {}
        self._no_country: int | None = None

    @property
    def no_country(self) -> int:
        """Bitset of the events with no country (no place, or a place without one)."""
        found = self._no_country
        if found is None:
            with_country = 0
            for mask in self.masks["country"].values():
                with_country |= mask
            found = self._no_country = self.all & ~with_country
        return found

    @property
    def values(self) -> dict[Facet, list[tuple[str, ...]]]:
        """Per event, its values of each facet (for sparse counts).

        Actors' are gathered from their positions on first use when the cache gave those.
        """
        if self._values["actor"] is None:
            masks = self.masks["actor"]
            assert isinstance(masks, LazyMasks)
            self._values["actor"] = per_event(masks.members, self.size)
        return self._values  # type: ignore[return-value]

    @property
    def haystacks(self) -> list[str]:
        """Each event's folded search text (see :func:`search_text`): a decoded copy of
        the texts that search looks at, built on first use."""
        return list(map(searchindex.decode, self._search_texts()))

    def _search_texts(self, pause: Callable[[], None] | None = None) -> list[str]:
        """Each event's folded search text as stored (:func:`searchindex.encode`), built on
        first use (calling ``pause`` between runs of events, if given)."""
        found = self._texts
        if found is None:
            with self._texts_lock:  # one build, even if two threads ask at once
                if self._texts is None:
                    self._texts = _fold_texts(self.timeline, pause)
                found = self._texts
        return found

    @property
    def search_ready(self) -> bool:
        """Whether :meth:`prepare_search` has built the word index."""
        return self._tokens is not None

    def prepare_search(self) -> None:
        """Build the search texts, then the word index (thread-safe; in the background).

        A search meanwhile scans the texts once they exist (exact either way); keystrokes
        after the index is done mostly skip the scan.
        """
        pacer = searchindex.Pacer()  # giving way to the UI thread
        texts = self._search_texts(pacer)
        with self._tokens_lock:
            if self._tokens is None:
                self._tokens = searchindex.build(texts, pause=pacer)

    def search(self, text: str) -> int:
        """Bitset of events whose text contains ``text`` (folded), narrowing as it grows."""
        needle = fold(text.strip())
        if not needle:
            return self.all
        cached = self._search_cache.get(needle)
        if cached is not None:
            return cached
        # Typing extends the needle: its events are among the previous (shorter) match's.
        previous = None
        for length in range(len(needle) - 1, 0, -1):
            previous = self._search_cache.get(needle[:length])
            if previous is not None:
                break
        bits = self._find(searchindex.encode(needle), previous)
        if len(self._search_cache) > 256:
            self._search_cache.clear()
        self._search_cache[needle] = bits
        return bits

    def _find(self, needle: str, within: int | None) -> int:
        """Bitset of the events whose text holds ``needle`` (stored form), all of them among
        ``within``."""
        tokens = self._tokens
        if tokens is not None:
            raw = searchindex.as_bytes(needle)
            if not searchindex.has_separator(raw):
                found = tokens.lookup(raw)  # exact
                if found is not None:
                    return found
            else:
                candidates = tokens.candidates(raw)
                if candidates is not None:
                    within = candidates if within is None else within & candidates
        return searchindex.scan(self._search_texts(), needle, within)


_SEPARATOR = "\x1f"  # between events' texts while folding them all at once


def _fold_texts(timeline: Timeline, pause: Callable[[], None] | None = None) -> list[str]:
    """The folded search text of every event (see :func:`search_text`), as stored
    (:func:`searchindex.encode`).

    Folded in one call over many events' texts joined by a separator, then split again:
    folding 100,000 small strings one by one costs seconds of per-call overhead. (Folding
    works character by character, so it commutes with joining on an ASCII separator.)
    """
    # In short runs of events: each folding step copies the joined text (runs of 4,096
    # events left ~25 MB more behind than runs of 256), and a short run lets the UI
    # thread in sooner.
    events = timeline.events
    actor_text: dict[str, str] = {}  # names and aliases, once per actor
    found: list[str] = []
    for start in range(0, len(events), _FOLD_RUN):
        found.extend(_fold_run_of(timeline, events[start:start + _FOLD_RUN], actor_text))
        if pause is not None:
            pause()
    return found


_FOLD_RUN = 128  # events folded in one call (~1 ms)


def _fold_run_of(timeline: Timeline, events: list[Event],
                 actor_text: dict[str, str]) -> list[str]:
    actors = timeline.actors

    def names_of(actor_id: str) -> str:  # once per actor
        names = actor_text.get(actor_id)
        if names is None:
            names = actor_text[actor_id] = _actor_names(actors, actor_id)
        return names

    texts = ["\n".join(_search_parts(event, names_of)) for event in events]
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):  # the separator is in a text
        return [searchindex.encode(fold(text)) for text in texts]
    del texts
    folded = searchindex.encode(fold(joined))  # the separator is ASCII: still one char
    del joined
    return folded.split(_SEPARATOR) if events else []


def search_text(timeline: Timeline, index: int) -> str:
    """Everything search looks at for one event: title, summary, quotes, actors, place
    and tags."""
    actors = timeline.actors
    return "\n".join(_search_parts(timeline.events[index],
                                   lambda actor_id: _actor_names(actors, actor_id)))


def _actor_names(actors: Mapping[str, Actor], actor_id: str) -> str:
    """An actor's name and aliases, one a line ("" for an unknown actor)."""
    actor = actors.get(actor_id)
    return "\n".join([actor.name, *actor.aliases]) if actor is not None else ""


def _search_parts(event: Event, names_of: Callable[[str], str]) -> list[str]:
    """The texts search looks at for ``event``, in order (``names_of``: an actor's names,
    see :func:`_actor_names`). One list for the folded texts and :func:`search_text`."""
    parts = [event.title, event.summary, event.id]
    parts.extend(quote.text for quote in event.quotes)
    parts.extend(event.tags)
    for ref in event.actors:
        names = names_of(ref.id)
        if names:
            parts.append(names)
    if event.place is not None:
        parts.append(event.place.name)
    return parts


class Query(NamedTuple):
    """What the user asked to see: facet values (OR within, AND across) and a search."""

    country: frozenset[str] = frozenset()
    actor: frozenset[str] = frozenset()
    kind: frozenset[str] = frozenset()
    search: str = ""

    def values(self, facet: Facet) -> frozenset[str]:
        return getattr(self, facet)

    def toggled(self, facet: Facet, value: str) -> Query:
        current = self.values(facet)
        updated = current - {value} if value in current else current | {value}
        return self._replace(**{facet: updated})

    def with_values(self, facet: Facet, values: Iterable[str]) -> Query:
        return self._replace(**{facet: frozenset(values)})

    def with_search(self, text: str) -> Query:
        return self._replace(search=text)

    def without(self, facet: Facet | Literal["search"]) -> Query:
        return self._replace(**{facet: "" if facet == "search" else frozenset()})

    @property
    def is_empty(self) -> bool:
        return not (self.country or self.actor or self.kind or self.search.strip())

    def bits(self, index: Index, *, skip: Facet | None = None) -> int:
        """Bitset of matching events, ignoring facet ``skip`` (for faceted counts)."""
        bits = index.all
        for facet in FACETS:
            values = self.values(facet)
            if facet == skip or not values:
                continue
            masks = index.masks[facet]
            union = 0
            for value in values:
                union |= masks.get(value, 0)
            bits &= union
        if self.search.strip():
            bits &= index.search(self.search)
        return bits

    def hidden_without_country(self, index: Index) -> int:
        """How many events the other filters and the search would show that the country
        filter hides only because they have no country (0 without a country filter)."""
        if not self.country:
            return 0
        return (self.bits(index, skip="country") & index.no_country).bit_count()

    def select(self, index: Index) -> list[int]:
        """Indexes (into the timeline's sorted events) of the matching events."""
        return positions(self.bits(index))

    def counts(self, index: Index, facet: Facet) -> dict[str, int]:
        """For each value of ``facet``: how many events it would show, given the others."""
        base = self.bits(index, skip=facet)
        masks = index.masks[facet]
        if base == index.all:
            return dict(index.totals[facet])
        selected = base.bit_count()
        if selected * 1600 < len(masks) * index.size:
            # Few events against many values (actors): counting the chosen events' values
            # beats AND-ing one mask per value (measured: ~200 bytes of AND per value
            # counted, per event chosen).
            counted = Counter(chain.from_iterable(
                map(index.values[facet].__getitem__, positions(base))))
            return {value: counted.get(value, 0) for value in masks}
        return {value: (base & mask).bit_count() for value, mask in masks.items()}

    def describe(self, timeline: Timeline) -> Iterator[str]:
        """Human labels of the active filters ("country: TR, IN")."""
        if self.country:
            yield "country: " + ", ".join(sorted(self.country))
        if self.actor:
            yield "actor: " + ", ".join(sorted(timeline.actor_name(a) for a in self.actor))
        if self.kind:
            yield "kind: " + ", ".join(sorted(self.kind))
        if self.search.strip():
            yield f"search: {self.search.strip()!r}"
