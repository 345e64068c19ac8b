"""Watch one timeline file for changes, the way editors really write files.

Editors often write a temporary file and rename it over the original, and files get
deleted and re-created, truncated mid-write or moved away. Watching the file itself loses
track after the first rename, so this watches its directory (with watchfiles: inotify
where available, polling otherwise) and reports whenever the file's content may differ.
Callers compare content and decide; this module only says "look again".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import watchfiles


class Fingerprint(NamedTuple):
    """Enough to tell that a file changed without reading it."""

    exists: bool
    size: int = -1
    mtime_ns: int = -1
    inode: int = -1

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        try:
            stat = path.stat()
        except OSError:
            return cls(False)
        return cls(True, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def watch_file(path: Path, stop: threading.Event, *, force_polling: bool | None = None,
               debounce_ms: int = 150, poll_ms: int = 300,
               since: Fingerprint | None = None) -> Iterator[Fingerprint]:
    """Yield the file's fingerprint each time it changes, until ``stop`` is set.

    ``since``: the state the caller last looked at (default: the file's state when the
    watcher starts). A file that differs from it already is reported at once: a change
    made between the caller's look and this call is not taken as seen.

    Survives the directory disappearing (waits for it to come back) and a watcher backend
    that cannot start (falls back to polling).
    """
    import watchfiles  # here, in the watcher's thread: importing it costs the UI ~25 ms

    path = path.absolute()
    target = str(path)
    last = since if since is not None else Fingerprint.of(path)

    def relevant(_change: watchfiles.Change, changed: str) -> bool:
        return changed == target

    while not stop.is_set():
        if not path.parent.is_dir():
            if stop.wait(poll_ms / 1000):
                return
            continue
        try:
            for _changes in watchfiles.watch(
                path.parent, watch_filter=relevant, stop_event=stop, debounce=debounce_ms,
                step=50, recursive=False, force_polling=force_polling,
                poll_delay_ms=poll_ms, yield_on_timeout=True, rust_timeout=poll_ms * 4,
                raise_interrupt=False,
            ):
                current = Fingerprint.of(path)
                if current != last:
                    last = current
                    yield current
                if not path.parent.is_dir():
                    break  # the directory went away: wait for it above
        except (OSError, RuntimeError):
            # The native backend could not watch (no inotify, too many watches, a
            # directory that vanished mid-setup): poll from now on.
            if force_polling:
                time.sleep(poll_ms / 1000)
            force_polling = True
        # Changes made while the watcher was (re)starting are not missed:
        current = Fingerprint.of(path)
        if current != last:
            last = current
            yield current
