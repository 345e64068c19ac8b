"""A cache of validated timelines, so that reopening an unchanged file skips parsing.

An entry is keyed by a hash of the file's text (and whether it is YAML or JSON) and lives
in the user's cache directory (``$NEWSTUI_CACHE_DIR``, else ``platformdirs``' cache dir for
"newstui", e.g. ``~/.cache/newstui``): deleting it is always safe. ``NEWSTUI_NO_CACHE=1``
turns the cache off.

A cache file is input too: it is JSON (never pickle), one header line then the payload
(JSON lines, see :mod:`tui.data.cacheform`). The header names newstui's version, the
format version, the content key and a CRC-32 of the whole payload, checked before any of
it is decoded; an entry that does not match in every respect, does not decode or does not
have the expected shape is ignored (logged at debug level only) and replaced by the next
store. Entries are written to a temporary file and renamed into place, so a reader never
sees half an entry.

On a hit the models are rebuilt without validating again (the data was validated when the
entry was written, and the checksum says it is unchanged); see :mod:`tui.data.cachedecode`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tui import __version__
from tui.data.cachedecode import decode
from tui.data.cacheform import FORMAT, encode

try:
    # hashlib.blake2b is this very type; importing hashlib also loads OpenSSL's libcrypto
    # for its other algorithms, a few milliseconds of every start-up.
    from _blake2 import blake2b
except ImportError:  # a Python built without its own BLAKE2
    from hashlib import blake2b

if TYPE_CHECKING:
    from tui.data.load import Timeline

log = logging.getLogger(__name__)

KEEP = 6  # entries kept (most recently used first); a 100k-event entry is ~60 MB


def enabled() -> bool:
    return os.environ.get("NEWSTUI_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """Where entries live: ``$NEWSTUI_CACHE_DIR`` or the platform's user cache dir."""
    override = os.environ.get("NEWSTUI_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("newstui", appauthor=False)) / "timelines"


SPLIT_HASH_BYTES = 8 << 20  # texts this large are hashed in two halves at once


def content_key(raw: bytes, kind: str) -> str:
    """The entry's name: a hash of the text and how it is read.

    A large text is hashed as two halves, each in its own thread (hashlib lets go of the
    interpreter while it hashes, so two cores share the ~70 ms it takes at 100,000
    events); the key is then a hash of the two halves' hashes, in its own domain
    (``person``) so that it can never equal the key of a text hashed whole.
    """
    if len(raw) < SPLIT_HASH_BYTES:
        digest = blake2b(kind.encode() + b"\0", digest_size=20)
        digest.update(raw)
        return digest.hexdigest()
    view = memoryview(raw)
    halves = [view[:len(raw) // 2], view[len(raw) // 2:]]
    hashes = [b"", b""]

    def half(which: int) -> None:
        hashes[which] = blake2b(halves[which], digest_size=32).digest()

    other = threading.Thread(target=half, args=(1,), name="newstui-hash")
    other.start()
    half(0)
    other.join()
    digest = blake2b(kind.encode() + b"\0", digest_size=20, person=b"newstui-halves")
    digest.update(hashes[0] + hashes[1])
    return digest.hexdigest()


def entry_path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def load(key: str, path: Path | None) -> Timeline | None:
    """The cached timeline for ``key`` (its ``path`` set to ``path``), or None.

    The entry is read twice, a block then a line at a time, never whole: once to check
    the header and checksum, then to decode it (from the page cache). Entries are only
    ever replaced, never rewritten in place, so the open file stays the one checked.
    """
    entry = entry_path(key)
    timeline = read_entry(entry, key, path)
    if timeline is not None:
        try:
            os.utime(entry)  # most recently used: pruned last
        except OSError as error:
            log.debug("cannot touch cache entry %s: %s", entry, error)
    return timeline


def read_entry(entry: Path, key: str, path: Path | None) -> Timeline | None:
    """The timeline in the entry file ``entry`` if it is whole and written for ``key`` by
    this version of newstui, else None."""
    try:
        with open(entry, "rb") as handle:
            header, size = _checked(handle, key)
            if header is None:
                log.debug("cache entry %s is stale or corrupt; it will be replaced", entry)
                return None
            handle.seek(size)
            try:
                timeline = decode(handle, path)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError,
                    OverflowError, StopIteration) as error:
                log.debug("cache entry %s does not decode (%s); it will be replaced",
                          entry, error)
                return None
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("cache entry %s unreadable: %s", entry, error)
        return None
    return timeline


_HEADER_MAX = 4096


def _header(key: str, crc: int, size: int) -> dict[str, object]:
    """What an entry's first line says: who wrote it, for which text, and its payload."""
    return {"newstui": __version__, "format": FORMAT, "key": key, "crc32": crc,
            "size": size}


def _checked(handle: BinaryIO, key: str) -> tuple[dict[str, object] | None, int]:
    """The entry's header if it matches ``key``, this version and the payload's CRC-32,
    and the header line's length."""
    line = handle.readline(_HEADER_MAX)
    try:
        header = json.loads(line) if line.endswith(b"\n") else None
    except ValueError:
        return None, 0
    crc, size = 0, 0
    while block := handle.read(1 << 20):
        crc, size = zlib.crc32(block, crc), size + len(block)
    return (header if header == _header(key, crc, size) else None), len(line)


def entry_lines(key: str, timeline: Timeline) -> list[bytes]:
    """The entry for ``key``: its header line, then the payload's lines."""
    lines = encode(timeline)
    crc, size = 0, 0
    for line in lines:
        crc, size = zlib.crc32(line, crc), size + len(line)
    return [json.dumps(_header(key, crc, size)).encode("ascii") + b"\n", *lines]


def store(key: str, timeline: Timeline) -> None:
    """Write the entry for ``key`` (errors are logged, never raised: a cache is optional)."""
    directory = cache_dir()
    try:
        lines = entry_lines(key, timeline)
    except (ValueError, TypeError, AttributeError, KeyError, UnicodeEncodeError) as error:
        log.debug("timeline not cached: %s", error)
        return
    temporary = directory / f".{key}.{os.getpid()}.tmp"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.writelines(lines)
        os.replace(temporary, entry_path(key))
    except OSError as error:
        log.debug("cannot write cache entry in %s: %s", directory, error)
        try:
            temporary.unlink(missing_ok=True)
        except OSError as cleanup:
            log.debug("cannot remove %s: %s", temporary, cleanup)
        return
    _prune(directory)


_writers: list[threading.Thread] = []
_free = threading.Event()  # clear while a caller holds writes back (see hold())
_free.set()
HOLD_AT_MOST = 20.0  # seconds a held write waits at most, should nobody release it


def hold() -> None:
    """Hold back entries stored from now on until :func:`release`.

    Encoding an entry holds the GIL for long stretches: the app holds writes while it
    builds and paints its first screen (at 100,000 events, writing meanwhile delayed the
    first screen by seconds).
    """
    _free.clear()


def release() -> None:
    """Let held-back entries be written."""
    _free.set()


def _store_when_free(key: str, timeline: Timeline) -> None:
    _free.wait(HOLD_AT_MOST)
    store(key, timeline)


def store_later(key: str, timeline: Timeline) -> None:
    """:func:`store` in a background thread, so the caller shows the timeline at once.

    The thread is not a daemon: a command that exits right after loading still finishes
    writing the entry first (after :func:`release`, or :data:`HOLD_AT_MOST` seconds).
    """
    writer = threading.Thread(target=_store_when_free, args=(key, timeline),
                              name="newstui-cache", daemon=False)
    _writers.append(writer)
    writer.start()


def flush() -> None:
    """Wait for entries being written in the background (tests, benchmarks)."""
    while _writers:
        _writers.pop().join()


def _prune(directory: Path) -> None:
    try:
        entries = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as error:
        log.debug("cannot prune the cache in %s: %s", directory, error)
