"""Facet bitsets: for each country, actor and kind, the events that have it.

Also the bitset primitives the query and the search index share (:func:`bits_from`,
:func:`from_flags`, :func:`positions`).

A bitset is a Python int whose bit *i* is set when event *i* (in time order) has the value
(see :mod:`tui.data.query`). Countries and kinds are few: their bitsets are built at
once, with one C-level pass each. A timeline may name thousands of actors, each bitset
as large as the timeline (12.5 KB at 100,000 events), so theirs are kept as the events'
positions and each is built the first time a filter or a shown count asks for it.

An actor's positions come from the events, or from the cache entry the timeline was read
from (see :mod:`tui.data.derived`): a reopened timeline then skips gathering them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from itertools import chain, compress, islice, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tui.data.records import Event

Value = TypeVar("Value", bound=Hashable)


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


# bytes of 0/1 flags <-> the text of a binary number (lowest bit last).
_FLAG_TO_DIGIT = bytes.maketrans(b"\x00\x01", b"01")
_DIGIT_TO_FLAG = bytes.maketrans(b"01", b"\x00\x01")


def from_flags(flags: bytes | bytearray) -> int:
    """The bitset whose bit *i* is ``flags[i]`` (each 0 or 1)."""
    return int(flags.translate(_FLAG_TO_DIGIT)[::-1], 2) if flags else 0


def positions(bits: int) -> list[int]:
    """The set bits of ``bits``, ascending."""
    if bits <= 0:
        return []
    flags = bin(bits)[:1:-1].encode("ascii").translate(_DIGIT_TO_FLAG)
    return list(compress(range(len(flags)), flags))


def _each(lists: Iterable[list[Any]], name: str) -> list[list[Any]]:
    """Attribute ``name`` of each item of each list, as lists of the same lengths."""
    lists = list(lists)
    flat = map(attrgetter(name), chain.from_iterable(lists))
    return list(map(list, map(islice, repeat(flat), map(len, lists))))


def singles(values: list[Value | None]) -> list[tuple[Value, ...]]:
    """Each value as a 1-tuple (None as the empty tuple), one shared tuple per value."""
    single: dict[Value | None, tuple[Value, ...]] = {
        v: (v,) for v in dict.fromkeys(values) if v is not None}
    single[None] = ()
    return list(map(single.__getitem__, values))


def value_masks(values: list[Value | None], size: int) -> dict[Value, int]:
    """The bitset of each value of ``values`` (one per event; None meaning none).

    With up to 255 distinct values (kinds, countries, strip cells) each event's value
    becomes one byte, and a value's bitset is that string of bytes translated to binary
    digits: one C-level pass per distinct value.
    """
    distinct = [value for value in dict.fromkeys(values) if value is not None]
    if len(distinct) > 255:
        members = members_of(singles(values))
        return {value: bits_from(indexes, size) for value, indexes in members.items()}
    code: dict[Value | None, int] = {None: 0}
    code.update(zip(distinct, range(1, len(distinct) + 1), strict=True))
    codes = bytes(map(code.__getitem__, values))
    masks = {}
    for value in distinct:
        digits = bytearray(b"0" * 256)
        digits[code[value]] = ord("1")
        masks[value] = int(codes.translate(digits)[::-1], 2)
    return masks


def members_of(values: list[tuple[Value, ...]]) -> dict[Value, list[int]]:
    """For each value, the events having it (each event's values are distinct), in the
    order the values first appear."""
    members: dict[Value, list[int]] = {}
    get = members.get
    for i, found in enumerate(values):
        for value in found:
            indexes = get(value)
            if indexes is None:
                members[value] = [i]
            else:
                indexes.append(i)
    return members


def actor_values(events: list[Event]) -> list[tuple[str, ...]]:
    """Each event's actors: those taking part, then quoted speakers, each once.

    Gathered with C-level passes (map, islice) rather than a Python loop over the events:
    at 100,000 events that loop cost about a third of a second.
    """
    refs = _each(map(attrgetter("actors"), events), "id")
    speakers = _each(map(attrgetter("quotes"), events), "speaker")
    return list(map(tuple, map(dict.fromkeys, map(list.__add__, refs, speakers))))


def per_event(members: Mapping[str, list[int]], size: int) -> list[tuple[str, ...]]:
    """The inverse of :func:`members_of`: each event's values (in the members' order)."""
    found: list[list[str]] = [[] for _ in range(size)]
    for value, indexes in members.items():
        for i in indexes:
            found[i].append(value)
    return list(map(tuple, found))


class LazyMasks(Mapping[str, int]):
    """A facet's bitsets, each built from its events' positions when first asked for."""

    __slots__ = ("_built", "_members", "_size")

    def __init__(self, members: dict[str, list[int]], size: int) -> None:
        self._members = members
        self._size = size
        self._built: dict[str, int] = {}

    def __getitem__(self, value: str) -> int:
        mask = self._built.get(value)
        if mask is None:  # KeyError for an unknown value, as a dict would
            mask = self._built[value] = bits_from(self._members[value], self._size)
        return mask

    def get(self, value: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[value] if value in self._members else default

    def __contains__(self, value: object) -> bool:
        return value in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)

    @property
    def members(self) -> dict[str, list[int]]:
        """Each value's events (positions, ascending)."""
        return self._members
