"""A word index over the events' folded search texts, so typing resolves without a scan.

Search is a plain substring test on each event's folded text. Scanning 100,000 texts
(~47 M characters) costs 15-30 ms a keystroke, about half of it per-event call overhead
that no faster scan removes. This index answers most needles from per-word postings.

The texts are kept as their UTF-8 bytes, each byte one character of a ``str`` (decoded as
Latin-1): a valid UTF-8 needle occurs in a text's bytes exactly where the string occurs in
the text (no character's encoding starts inside another's). Such a string takes one byte a
character where a single em dash made the text's own ``str`` take two, and ``str`` tests
for a substring faster than ``bytes`` (which takes the needle through the buffer protocol
on every call: a fifth slower over 100,000 texts).

A *token* is a maximal run of word bytes: ASCII letters, digits, ``_`` and every byte of a
non-ASCII character. A needle without separator bytes (space, punctuation, newline) can
only occur inside one token, so the events containing it are the union of the postings of
the vocabulary's tokens that contain it: exact, not candidates. A needle with separators
("peace talks") gets candidates (events holding each of its word pieces), which the
caller checks against the texts.

Postings of frequent tokens (in more than 1/:data:`DENSE` of the events) are bitsets
(Python ints, bit *i* for event *i*); the rest are event numbers in one flat array, their
tokens in one newline-joined bytes object searched with ``bytes.find``: no per-token
objects, whatever the vocabulary's size (a synthetic timeline has a distinct id token per
event). A lookup that would visit too many tokens or postings gives up (None): the caller
scans instead, which then costs no more than it did without the index.

The app builds the index (~1.5 s at 100,000 events) in a background thread after the first
screen; a :class:`Pacer` keeps that from slowing the frames drawn meanwhile.
"""

from __future__ import annotations

import threading
import time
from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress, repeat

from tui.data.facetmasks import from_flags, positions

_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
                        + bytes(range(0x80, 0x100)))
# Word bytes to themselves, separators to a space: tokens are then what bytes.split()
# gives (a C-level pass, several times faster than a regex over ~47 MB).
_SEPARATORS_TO_SPACE = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
DENSE = 32  # a token in more than 1/DENSE of the events keeps a bitset (else 4 bytes/event)
MAX_TOKENS = 4096  # sparse tokens one lookup may visit (a Python step each)
POSTINGS_PER_EVENT = 2  # sparse postings one lookup may set, per event of the timeline
RUN = 1024  # texts whose postings are merged at once (dense ones into bitsets)
STEP = 64  # texts tokenized in one go: its C-level passes hold the GIL for ~0.5 ms
SLICE = 0.001  # seconds of work between two pauses of a Pacer
BUSY_SHARE = 0.25  # the main thread is busy when it used more of the time than this
BACK_OFF = 0.005  # seconds a Pacer sleeps while it is
MAX_WAIT = 0.5  # seconds a Pacer waits in a row at most


class Pacer:
    """Gives way to the main (UI) thread while it works; call it often from a build.

    Python threads share one GIL: a UI frame drawn while the index is built in another
    thread loses the GIL to the build at every switch interval (5 ms) and at each of its
    own short waits (the event loop polls between callbacks), and took up to three times
    as long. So every :data:`SLICE` of work the build gives the GIL up, and while the
    main thread keeps using more than :data:`BUSY_SHARE` of the time it sleeps (a frame
    at a time, at most :data:`MAX_WAIT` in a row, so the build still ends).

    Where the main thread's CPU clock cannot be read, the build's own share of the time
    stands in (one back-off a slice; it then also yields to other processes). Built on
    the main thread itself, the pacer never pauses.
    """

    def __init__(self) -> None:
        self._clock = _main_thread_clock()
        self._enabled = threading.current_thread() is not threading.main_thread()
        self._last = time.perf_counter()
        self._wall, self._cpu = self._last, self._used()

    def _used(self) -> float:
        """CPU seconds of the main thread (or, failing that, of this one)."""
        return time.thread_time() if self._clock is None else time.clock_gettime(self._clock)

    def _busy(self) -> bool:
        """Whether the main thread worked for much of the time since the last look."""
        wall, cpu = time.perf_counter(), self._used()
        used, elapsed = cpu - self._cpu, wall - self._wall
        self._wall, self._cpu = wall, cpu
        if self._clock is None:  # this thread's share instead: low when others ran
            return used < (1 - BUSY_SHARE) * elapsed
        return used > BUSY_SHARE * elapsed

    def __call__(self) -> None:
        if not self._enabled or time.perf_counter() - self._last < SLICE:
            return
        time.sleep(0)  # a thread waiting for the GIL gets it now
        waited = 0.0
        while waited < MAX_WAIT and self._busy():
            time.sleep(BACK_OFF)
            waited += BACK_OFF
            if self._clock is None:  # this thread's share says nothing about its sleep
                break
        self._last = self._wall = time.perf_counter()  # the next look: from here on
        self._cpu = self._used()


def _main_thread_clock() -> int | None:
    """The main thread's CPU-time clock, where the platform has one."""
    try:
        return time.pthread_getcpuclockid(threading.main_thread().ident or 0)
    except (AttributeError, OSError):  # no such call (macOS, Windows) or thread gone
        return None


def _never() -> None:
    """A pacer that never pauses."""


def encode(text: str) -> str:
    """``text`` as stored: its UTF-8 bytes (lone surrogates kept), one character each."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def decode(stored: str) -> str:
    """The text that :func:`encode` gave ``stored``."""
    return stored.encode("latin-1").decode("utf-8", "surrogatepass")


def as_bytes(stored: str) -> bytes:
    """The UTF-8 bytes of a stored text (what tokens and lookups work on)."""
    return stored.encode("latin-1")


def tokens(text: bytes) -> list[bytes]:
    """The tokens of ``text``, in order (see the module docstring)."""
    return text.translate(_SEPARATORS_TO_SPACE).split()


def has_separator(needle: bytes) -> bool:
    """Whether ``needle`` spans more than one token's bytes (it holds a separator)."""
    return b" " in needle.translate(_SEPARATORS_TO_SPACE)


def scan(texts: Sequence[str], needle: str, within: int | None = None) -> int:
    """Bitset of the stored texts containing ``needle`` (stored too), looking only at
    ``within`` if given.

    One C-level pass (``str.__contains__`` mapped over the texts); within a bitset of
    fewer than half the texts, the same pass over just those.
    """
    size = len(texts)
    if within is not None and within.bit_count() * 2 < size:
        chosen = positions(within)
        flags = bytearray(size)
        for i in compress(chosen, map(str.__contains__, map(texts.__getitem__, chosen),
                                      repeat(needle))):
            flags[i] = 1
        return from_flags(flags)
    bits = from_flags(bytes(map(str.__contains__, texts, repeat(needle))))
    return bits if within is None else bits & within


class TokenIndex:
    """Postings of every token of a list of texts; build with :func:`build`.

    Tokens and needles are bytes (see :func:`as_bytes`).
    """

    def __init__(self, size: int, dense: tuple[list[bytes], list[int]],
                 sparse: tuple[bytes, array[int], array[int], array[int]]) -> None:
        self.size = size
        self._dense_tokens, self._dense_bits = dense
        # Sparse tokens: "\n"-joined (no token holds a newline), the k-th starting at
        # starts[k]; its events are postings[ends[k - 1]:ends[k]].
        self._text, self._starts, self._ends, self._postings = sparse

    def lookup(self, needle: bytes) -> int | None:
        """Bitset of the texts containing ``needle`` (no separators, not empty).

        None when the sparse tokens holding it are too many to visit quickly: scan then.
        """
        count = self._text.count(needle)
        if count > MAX_TOKENS:
            return None
        bits = 0
        for token_bits in compress(self._dense_bits, map(bytes.__contains__,
                                                         self._dense_tokens, repeat(needle))):
            bits |= token_bits
        if not count:
            return bits
        text, starts, ends, postings = self._text, self._starts, self._ends, self._postings
        budget = POSTINGS_PER_EVENT * self.size
        flags = bytearray(self.size)
        at = text.find(needle)
        while at >= 0:
            k = bisect_right(starts, at) - 1  # the token holding this occurrence
            first = ends[k - 1] if k else 0
            budget -= ends[k] - first
            if budget < 0:
                return None
            for i in postings[first:ends[k]]:
                flags[i] = 1
            at = text.find(needle, starts[k + 1])  # on from the next token
        return bits | from_flags(flags)

    def candidates(self, needle: bytes) -> int | None:
        """Superset of the texts containing ``needle`` (any bytes): those holding each of
        its word pieces. None when it has no piece the index can answer."""
        found = None
        for piece in dict.fromkeys(tokens(needle)):
            bits = self.lookup(piece)
            if bits is not None:
                found = bits if found is None else found & bits
        return found


class TokenIndexBuilder:
    """Collects the postings of texts given in runs; :meth:`finish` then gives the index.

    Each run's tokens are inverted with C-level passes (``map`` of ``list.append`` over a
    ``defaultdict``); within a run, a token in more than 1/:data:`DENSE` of its texts
    goes straight into a bitset, so the frequent words' postings never pile up as arrays.
    A token seen in one text so far is held as that text's number, not an array (a
    timeline's ids are often one such token per event).
    """

    def __init__(self, run: int = RUN, pause: Callable[[], None] = _never) -> None:
        self.size = 0
        self.run = run  # the texts given to each add (the last maybe fewer)
        self.pause = pause  # called between short steps (see Pacer)
        self._bits: dict[bytes, int] = {}
        self._sparse: dict[bytes, int | array[int]] = {}

    def add(self, texts: Sequence[str]) -> None:
        """Index the next ``len(texts)`` stored texts (numbered on from the previous runs)."""
        start, count = self.size, len(texts)
        self.size += count
        local: defaultdict[bytes, list[int]] = defaultdict(list)
        for first in range(0, count, STEP):
            step = map(str.encode, texts[first:first + STEP], repeat("latin-1"))
            each = list(map(set, map(bytes.split, map(bytes.translate, step,
                                                      repeat(_SEPARATORS_TO_SPACE)))))
            owners = chain.from_iterable(map(repeat, range(start + first, start + first + STEP),
                                             map(len, each)))
            deque(map(list.append, map(local.__getitem__, chain.from_iterable(each)), owners),
                  0)
            del each
            self.pause()
        bits, sparse, pause = self._bits, self._sparse, self.pause
        for token, events in local.items():
            pause()
            # (Measured against a whole run: a short last run's rare tokens stay sparse.)
            if len(events) * DENSE > max(count, self.run):
                flags = bytearray(count)
                for i in events:
                    flags[i - start] = 1
                bits[token] = bits.get(token, 0) | from_flags(flags) << start
                continue
            found = sparse.get(token)
            if found is None:
                sparse[token] = events[0] if len(events) == 1 else array("i", events)
            elif isinstance(found, int):
                sparse[token] = array("i", [found, *events])
            else:
                found.extend(events)

    def finish(self) -> TokenIndex:
        """The index of every text added; the builder is empty afterwards."""
        size, bits, found = self.size, self._bits, self._sparse
        self._bits, self._sparse = {}, {}
        dense: tuple[list[bytes], list[int]] = ([], [])
        names: list[bytes] = []
        starts, ends, postings = array("i", [0]), array("i"), array("i")

        def add_sparse(token: bytes, events: Iterable[int]) -> None:
            names.append(token)
            postings.extend(events)
            ends.append(len(postings))
            starts.append(starts[-1] + len(token) + 1)

        # Emptied as they are read (popitem): the flat copy does not double the builder.
        while bits:  # dense in some run: maybe sparse in others too
            self.pause()
            token, mask = bits.popitem()
            events = _events(found.pop(token, ()))
            if (mask.bit_count() + len(events)) * DENSE > size:
                dense[0].append(token)
                dense[1].append(mask | _bits_of(events, size))
            else:
                add_sparse(token, chain(positions(mask), events))
        while found:
            self.pause()
            token, some = found.popitem()
            if isinstance(some, int):
                add_sparse(token, (some,))
            elif len(some) * DENSE > size:
                dense[0].append(token)
                dense[1].append(_bits_of(some, size))
            else:
                add_sparse(token, some)
        return TokenIndex(size, dense, (b"\n".join(names), starts, ends, postings))


def _events(found: int | Sequence[int]) -> Sequence[int]:
    """A builder's sparse postings as a sequence (one text's number stands alone)."""
    return (found,) if isinstance(found, int) else found


def _bits_of(events: Iterable[int], size: int) -> int:
    """The bitset of ``events`` (each below ``size``)."""
    flags = bytearray(size)
    for i in events:
        flags[i] = 1
    return from_flags(flags)


def build(texts: Sequence[str], run: int = RUN, pause: Callable[[], None] = _never
          ) -> TokenIndex:
    """The index of the stored ``texts``, built ``run`` texts at a time, calling ``pause``
    between steps (a :class:`Pacer` when built beside a UI)."""
    builder = TokenIndexBuilder(run, pause)
    for start in range(0, len(texts), run):
        builder.add(texts[start:start + run])
    return builder.finish()
