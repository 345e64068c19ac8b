"""What live reload reads: has the timeline file changed, and what does it hold now.

:class:`ReloadChecker` runs in the watcher's thread: it hashes the file a block at a time,
and only when the bytes changed loads and validates it, answering with one of the three
messages below (posted by :class:`tui.app.reload.LiveReload`, which handles them on the UI
thread). It never touches a widget.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

from tui.app.viewmodel import TimelineData
from tui.data.cache import blake2b
from tui.data.errors import Problem, TimelineError
from tui.watch import Fingerprint

if TYPE_CHECKING:
    from tui.data.diff import TimelineDiff
    from tui.data.load import Timeline


class WatchConfig(NamedTuple):
    """Which file to follow, how to read it, and how quickly to react (tests go faster)."""

    path: Path
    source_format: str | None = None  # None: from the file's name and content
    debounce_ms: int = 150  # editors write in bursts; one reload per burst
    poll_ms: int = 300  # only where the native backend is unavailable
    force_polling: bool | None = None
    loaded: Fingerprint | None = None  # the file when the shown timeline was read from it


_BLOCK = 1 << 20


def _digest(path: Path) -> tuple[bytes, bool]:
    """A hash of the file's bytes, read a block at a time, and whether it is blank.

    Kept instead of the text: a large file's text would stay in memory for good, and
    reading it whole only to compare (175 MB of text at 100,000 events) set the peak
    memory of the whole session. Raises OSError as ``open`` does.
    """
    digest = blake2b(digest_size=20)
    blank = True
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            if blank:
                blank = not block.removeprefix(b"\xef\xbb\xbf").strip()
    return digest.digest(), blank


class ReloadChecker:
    """Reads and validates the file; says what changed since the last look (thread-safe).

    Skips bytes identical to the last attempt's (by their hash), so the watcher's extra
    wake-ups (touch, metadata changes, the editor's own double writes) cost one read of
    the bytes and no decoding or parse.
    """

    _MISSING = object()  # _last_seen while the file is gone: its return always reloads

    def __init__(self, path: Path, source_format: str | None,
                 timeline: Timeline | None) -> None:
        self.path = path
        self.source_format = source_format
        self.last_good = timeline
        self._last_seen: object = None  # the hash of the bytes last looked at
        self.empty = False  # the last file read was empty (or only white space)
        self._lock = threading.Lock()

    def baseline(self, loaded: Fingerprint | None) -> bool:
        """Take the file's bytes as the ones shown, if it is still as it was ``loaded``.

        False if the file may have changed since (or ``loaded`` is unknown): then the
        caller checks it, and the first check parses and compares with what is shown.
        """
        with self._lock:
            before = Fingerprint.of(self.path)
            if loaded is None or before != loaded:
                return False
            try:
                digest, _blank = _digest(self.path)
            except OSError:
                return False
            if Fingerprint.of(self.path) != before:  # written while we read it
                return False
            self._last_seen = digest
            return True

    def check(self) -> Message | None:
        """A message for what the file holds now, or None if nothing changed."""
        with self._lock:
            self.empty = False
            if not self.path.exists():
                if self._last_seen is self._MISSING:
                    return None
                self._last_seen = self._MISSING
                return TimelineMissing(self.path)
            try:
                digest, blank = _digest(self.path)
            except OSError:
                digest, blank = None, False
            if digest is not None and digest == self._last_seen:
                return None  # the same bytes: nothing to read or parse
            # Unreadable (no digest), binary, not UTF-8, too large: the loader says so.
            self._last_seen = digest
            self.empty = blank
            return self._load()

    def _load(self) -> Message:
        from tui.data.importers import load_any

        try:
            timeline = load_any(self.path, source_format=self.source_format)
            data = TimelineData(timeline)
        except TimelineError as error:
            return TimelineBroken(error)
        except Exception as error:
            # A bug must not end a curator's session: it is reported in the problems panel
            # like any other problem, saying what went wrong.
            problem = Problem(str(self.path), None, None,
                              f"could not reload: {type(error).__name__}: {error}",
                              hint="please report this; the last good version stays shown")
            return TimelineBroken(TimelineError([problem]))
        from tui.data.diff import diff_timelines  # only for reloads: not on the start path

        diff = diff_timelines(self.last_good, timeline) if self.last_good is not None else None
        self.last_good = timeline
        return TimelineReloaded(timeline, data, diff)


class TimelineReloaded(Message):
    """The file changed and validates (posted from the watcher's thread)."""

    def __init__(self, timeline: Timeline, data: TimelineData,
                 diff: TimelineDiff | None) -> None:
        super().__init__()
        self.timeline, self.data, self.diff = timeline, data, diff

class TimelineBroken(Message):
    """The file changed and does not validate: the last good timeline stays."""

    def __init__(self, error: TimelineError) -> None:
        super().__init__()
        self.error = error

class TimelineMissing(Message):
    """The file was deleted or moved away."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
