"""Young garbage collected once a key's frame is out, not while the key waits for it.

Every key press allocates thousands of container objects (strips, segments and the
caches Textual keeps on each strip). With the young generation's threshold at 20,000
(see ``GC_THRESHOLDS`` in :mod:`tui.app.screen`) about one page-down key in five paid
for a young collection of about 5 ms (up to 15) before its frame went out.
:class:`AfterFrame` collects the young generation (and the middle one when the collector
would take it next) right after the frame instead, while the user is between keys. The
oldest generation stays with Python's own policy, which weighs it against what survived.
"""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump

YOUNG = 10_000  # fewer new objects than this: not worth a collection of their own


class AfterFrame:
    """Schedules at most one collection per frame."""

    def __init__(self) -> None:
        self._pending = False

    def schedule(self, pump: MessagePump) -> None:
        """Collect after ``pump``'s screen has painted its next frame."""
        if not self._pending and gc.isenabled():  # off while the app starts
            self._pending = True
            pump.call_after_refresh(self.collect)

    def collect(self) -> int:
        """Collect the young generation if it is worth it; the generation collected or -1."""
        self._pending = False
        young, collections, _ = gc.get_count()
        if young < YOUNG or not gc.isenabled():
            return -1
        generation = 1 if collections >= gc.get_threshold()[1] else 0
        gc.collect(generation)
        return generation
