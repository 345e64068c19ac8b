"""The bundled timeline, validated ahead of time: the app opens it without parsing it.

``tui/events.validated`` is a cache entry (see :mod:`tui.data.cache`) for the bundled
``events.yaml``, shipped in the package. It is used only if it was written for exactly
these bytes of ``events.yaml`` by this version of newstui (the entry's key, version and
checksum say so); otherwise the bundled file is read and validated like any other. Opening
it needs neither YAML nor pydantic: about 100 ms less to the first screen.

After editing ``events.yaml``, write it again (a test says when it is out of date)::

    python -m tui.data.bundled
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.data import cache

if TYPE_CHECKING:
    from tui.data.load import Timeline

ENTRY = "events.validated"


def entry_path() -> Path:
    """Where the pre-validated entry lives: in the package, beside the code."""
    return Path(__file__).resolve().parents[1] / ENTRY


def prevalidated(raw: bytes, path: Path) -> Timeline | None:
    """The timeline in the shipped entry if it was written for ``raw``, else None."""
    return cache.read_entry(entry_path(), cache.content_key(raw, "yaml"), path)


def entry_for(path: Path) -> list[bytes]:
    """The entry's lines for the timeline file at ``path``, validated now."""
    from tui.data.load import MAX_BYTES, timeline_from_bytes
    from tui.data.textfile import read_bytes

    raw = read_bytes(path, MAX_BYTES)
    timeline = timeline_from_bytes(raw, str(path), path, cache=False)
    return cache.entry_lines(cache.content_key(raw, "yaml"), timeline)


def main() -> int:
    """Write the entry for the bundled timeline (exit 1 if it does not validate)."""
    from tui.data.errors import TimelineError
    from tui.data.load import bundled_path

    source = bundled_path()
    try:
        lines = entry_for(source)
    except TimelineError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    target = entry_path()
    target.write_bytes(b"".join(lines))
    print(f"{target}: written for {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
