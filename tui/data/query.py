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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, compress, islice, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from tui.data.load import Timeline
    from tui.data.records import Event

Facet = Literal["country", "actor", "kind"]
FACETS: tuple[Facet, ...] = ("country", "actor", "kind")

# bytes of 0/1 flags <-> the text of a binary number (lowest bit last).
_FLAG_TO_DIGIT = bytes.maketrans(b"\x00\x01", b"01")
_DIGIT_TO_FLAG = bytes.maketrans(b"01", b"\x00\x01")


def bits_from(indexes: Iterable[int], size: int) -> int:
    """A bitset with the given bits set (each index below ``size``).

    Built in a bytearray of ``size / 8`` bytes and read as one little-endian number:
    linear in the indexes plus ``size / 8``, so thousands of sparse masks (actors) over
    100,000 events cost milliseconds, not a pass over ``size`` flags each.
    """
    packed = bytearray((size + 7) >> 3)
    for i in indexes:
        packed[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(packed, "little")


def _from_flags(flags: bytes | bytearray) -> int:
    """The bitset whose bit *i* is ``flags[i]`` (each 0 or 1)."""
    if not flags:
        return 0
    return int(flags.translate(_FLAG_TO_DIGIT)[::-1], 2)


def positions(bits: int) -> list[int]:
    """The set bits of ``bits``, ascending."""
    if bits <= 0:
        return []
    flags = bin(bits)[:1:-1].encode("ascii").translate(_DIGIT_TO_FLAG)
    return list(compress(range(len(flags)), flags))


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


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for search.

    NFKD then dropping combining marks works character by character (marks never reorder
    across a starter), so only the non-ASCII runs of the case-folded text need it.
    """
    folded = text.casefold()
    return folded if folded.isascii() else _NON_ASCII.sub(_fold_run, folded)


def _each(lists: Iterable[list[Any]], name: str) -> list[list[Any]]:
    """Attribute ``name`` of each item of each list, as lists of the same lengths."""
    lists = list(lists)
    flat = map(attrgetter(name), chain.from_iterable(lists))
    return list(map(list, map(islice, repeat(flat), map(len, lists))))


def _singles(values: list[str | None]) -> list[tuple[str, ...]]:
    """Each value as a 1-tuple (None as the empty tuple), one shared tuple per value."""
    single: dict[str | None, tuple[str, ...]] = {v: (v,) for v in dict.fromkeys(values)
                                                 if v is not None}
    single[None] = ()
    return list(map(single.__getitem__, values))


def _small_masks(values: list[str | None], size: int) -> dict[str, int]:
    """Bitsets of a facet with few distinct values (kinds, countries), None meaning none.

    Each event's value becomes one byte; a value's bitset is that string of bytes
    translated to binary digits: one C-level pass per distinct value.
    """
    distinct = [value for value in dict.fromkeys(values) if value is not None]
    if len(distinct) > 255:
        members = _members(_singles(values))
        return {value: bits_from(indexes, size) for value, indexes in members.items()}
    code: dict[str | None, int] = {None: 0}
    code.update(zip(distinct, range(1, len(distinct) + 1), strict=True))
    codes = bytes(map(code.__getitem__, values))
    masks = {}
    for value in distinct:
        digits = bytearray(b"0" * 256)
        digits[code[value]] = ord("1")
        masks[value] = int(codes.translate(digits)[::-1], 2)
    return masks


def _members(values: list[tuple[str, ...]]) -> dict[str, list[int]]:
    """For each value, the events having it (each event's values are distinct)."""
    members: dict[str, list[int]] = {}
    get = members.get
    for i, found in enumerate(values):
        for value in found:
            indexes = get(value)
            if indexes is None:
                members[value] = [i]
            else:
                indexes.append(i)
    return members


class Index:
    """Facet bitsets and search text for one timeline (events in time order).

    The facet masks are built at once; the search haystacks (folding every event's text
    costs about a second at 100,000 events) on the first search, or earlier by
    :meth:`prepare_search` in a background thread once the timeline is on screen.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        events = timeline.events
        self.size = len(events)
        self.all = (1 << self.size) - 1
        # Per event, its values of each facet, gathered with C-level passes (map, islice)
        # rather than a Python loop over the events: at 100,000 events that loop cost
        # about a third of a second.
        countries = [None if place is None else place.country
                     for place in map(attrgetter("place"), events)]
        kinds = list(map(attrgetter("kind"), events))
        refs = _each(map(attrgetter("actors"), events), "id")
        speakers = _each(map(attrgetter("quotes"), events), "speaker")
        actors = list(map(tuple, map(dict.fromkeys, map(list.__add__, refs, speakers))))
        values: dict[Facet, list[tuple[str, ...]]] = {
            "country": _singles(countries), "actor": actors, "kind": _singles(kinds)}
        members = _members(actors)
        self.masks: dict[Facet, dict[str, int]] = {
            "country": _small_masks(countries, self.size),
            "actor": {value: bits_from(found, self.size) for value, found in members.items()},
            "kind": _small_masks(kinds, self.size),
        }
        self.totals: dict[Facet, dict[str, int]] = {
            facet: {value: len(found) for value, found in members.items()} if facet == "actor"
            else {value: mask.bit_count() for value, mask in self.masks[facet].items()}
            for facet in FACETS
        }
        del members
        self.values = values  # per event, its values of each facet (for sparse counts)
        self._haystacks: list[str] | None = None
        self._haystacks_lock = threading.Lock()
        self._search_cache: dict[str, int] = {}

    @property
    def haystacks(self) -> list[str]:
        """Each event's folded search text (see :func:`search_text`), built on first use."""
        found = self._haystacks
        if found is None:
            with self._haystacks_lock:  # one build, even if two threads ask at once
                if self._haystacks is None:
                    self._haystacks = _haystacks(self.timeline)
                found = self._haystacks
        return found

    def prepare_search(self) -> None:
        """Build the search haystacks now (thread-safe), so the first keystroke is quick."""
        self.haystacks  # noqa: B018 - the property builds them

    def search(self, text: str) -> int:
        """Bitset of events whose text contains ``text`` (folded), narrowing as it grows."""
        needle = fold(text.strip())
        if not needle:
            return self.all
        cached = self._search_cache.get(needle)
        if cached is not None:
            return cached
        # Typing extends the needle: search only within the previous (shorter) match.
        previous = None
        for length in range(len(needle) - 1, 0, -1):
            previous = self._search_cache.get(needle[:length])
            if previous is not None:
                break
        haystacks = self.haystacks
        if previous is not None and previous.bit_count() * 8 < self.size:
            found = [i for i in positions(previous) if needle in haystacks[i]]
            bits = bits_from(found, self.size)
        else:
            # One C-level pass: str.__contains__ over every haystack, flags to a bitset.
            bits = _from_flags(bytes(map(str.__contains__, haystacks, repeat(needle))))
            if previous is not None:
                bits &= previous
        if len(self._search_cache) > 256:
            self._search_cache.clear()
        self._search_cache[needle] = bits
        return bits


_SEPARATOR = "\x1f"  # between events' texts while folding them all at once


def _haystacks(timeline: Timeline) -> list[str]:
    """The folded search text of every event (see :func:`search_text`).

    Folded in one call over all events' texts joined by a separator, then split again:
    folding 100,000 small strings one by one costs seconds of per-call overhead. (Folding
    works character by character, so it commutes with joining on an ASCII separator.)
    """
    # In runs of events: the joined text is copied by each folding step, and folding all
    # 100,000 events at once would hold several copies of ~60 MB at the same time.
    events = timeline.events
    actor_text: dict[str, str] = {}  # names and aliases, once per actor
    found: list[str] = []
    for start in range(0, len(events), _FOLD_RUN):
        found.extend(_fold_run_of(timeline, events[start:start + _FOLD_RUN], actor_text))
    return found


_FOLD_RUN = 4096  # events folded in one call


def _fold_run_of(timeline: Timeline, events: list[Event],
                 actor_text: dict[str, str]) -> list[str]:
    actors = timeline.actors
    texts: list[str] = []
    for event in events:
        parts = [event.title, event.summary, event.id]
        parts.extend(quote.text for quote in event.quotes)
        for ref in event.actors:
            names = actor_text.get(ref.id)
            if names is None:
                actor = actors.get(ref.id)
                names = actor_text[ref.id] = "\n".join([actor.name, *actor.aliases]) \
                    if actor else ""
            if names:
                parts.append(names)
        if event.place is not None:
            parts.append(event.place.name)
        texts.append("\n".join(parts))
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):  # the separator is in a text
        return [fold(text) for text in texts]
    del texts
    return fold(joined).split(_SEPARATOR) if events else []


def search_text(timeline: Timeline, index: int) -> str:
    """Everything search looks at for one event: title, summary, quotes, actors, place."""
    event = timeline.events[index]
    parts = [event.title, event.summary, event.id]
    parts.extend(quote.text for quote in event.quotes)
    for ref in event.actors:
        actor = timeline.actors.get(ref.id)
        if actor is not None:
            parts.append(actor.name)
            parts.extend(actor.aliases)
    if event.place is not None:
        parts.append(event.place.name)
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Query:
    """What the user asked to see: facet values (OR within, AND across) and a search."""

    country: frozenset[str] = field(default_factory=frozenset)
    actor: frozenset[str] = field(default_factory=frozenset)
    kind: frozenset[str] = field(default_factory=frozenset)
    search: str = ""

    def values(self, facet: Facet) -> frozenset[str]:
        return getattr(self, facet)

    def toggled(self, facet: Facet, value: str) -> Query:
        current = self.values(facet)
        updated = current - {value} if value in current else current | {value}
        return replace(self, **{facet: updated})

    def with_values(self, facet: Facet, values: Iterable[str]) -> Query:
        return replace(self, **{facet: frozenset(values)})

    def with_search(self, text: str) -> Query:
        return replace(self, search=text)

    def without(self, facet: Facet | Literal["search"]) -> Query:
        return replace(self, **{facet: "" if facet == "search" else frozenset()})

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
