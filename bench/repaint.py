"""Keystroke -> repaint latency of the real app, in-process (headless Textual, 120x40).

    python bench/repaint.py FILE        # prints a JSON object of medians in ms

What one sample measures: ``perf_counter`` just before the app's own handler for the input
runs, until the next frame is handed to the terminal driver (``App._display`` with the
compositor's update, see :class:`FrameClock`): the screen has processed the resulting
messages, the changed widgets have rendered their lines and the compositor has combined
them. Textual paints at most 60 frames a second, so a sample includes waiting for the
next frame slot (up to ~17 ms). The work done is what a key press triggers, without
Pilot's sleeps:

* filter: ``TimelineScreen.toggle_filter("country", X)`` (what the facet list posts),
  toggled on and off alternately: the query, rows, timeline, facet counts, status line,
  day strip and detail pane all update;
* facet counts: the same for an actor (thousands of values: the counts of every facet);
* search keystroke: the search box's value grows by one character (as typing does,
  through ``Input.Changed``), each prefix of a word in turn; the sample ends with the
  first frame painted after the screen applied it;
* page down: ``TimelineView.action_page_down()`` (the ``pagedown`` key's action).

Each sample starts :data:`GAP` (100 ms) after the previous one's frame, as keys arrive
when a person types or taps a key: Textual paints at once when a change finds its update
timer idle, but a change made within 1/60 s of the last frame waits for the next frame
slot. Two extra lines show those cases: "page down (30/s)" starts a page down every 1/30 s
(a held key's repeat rate: when a frame costs more than that, keys queue and the line shows
it), and "page down (back to back)" starts each one the moment the previous frame is out,
the worst case, which always includes most of a frame slot's wait.

Not included: the terminal's own drawing, and the key's trip through the driver.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 31  # odd (the filter ends up on: see below); 31 samples ride out bursts of load
REPEAT = 1 / 30  # seconds between key repeats for the "(30/s)" line
GAP = 0.1  # seconds from one sample's frame to the next key (a person's typing pace)


class FrameClock:
    """Times from an action to the next frame the app hands to its driver.

    Wraps ``App._display`` (called with each compositor update, after the widgets have
    rendered their changed lines): the first call after the action, once ``until`` holds,
    ends the sample. Headless apps skip only the final encoding to escape sequences.
    """

    def __init__(self, app: object) -> None:
        self.pending: tuple[float, asyncio.Future[float], Callable[[], bool] | None] | None = None
        display = app._display  # type: ignore[attr-defined]

        def timed(screen: object, renderable: object) -> None:
            display(screen, renderable)
            if self.pending is not None and renderable is not None:
                started, done, until = self.pending
                if (until is None or until()) and not done.done():
                    done.set_result((time.perf_counter() - started) * 1000)
                    self.pending = None

        app._display = timed  # type: ignore[attr-defined]

    async def sample(self, action: Callable[[], None],
                     until: Callable[[], bool] | None = None, gap: float = GAP,
                     since: float | None = None) -> float | None:
        """Run ``action``; ms from ``since`` (when the key was due; default: now)."""
        if gap:
            await asyncio.sleep(gap)
        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.pending = (since if since is not None else time.perf_counter(), done, until)
        action()
        try:
            return await asyncio.wait_for(done, 5)
        except TimeoutError:  # nothing changed on screen (say, paging at the end)
            self.pending = None
            return None


async def measure(path: Path) -> dict[str, float]:
    from textual.widgets import Input

    from tui.app.app import NewsApp
    from tui.app.timeline_view import TimelineView

    app = NewsApp(path=path)
    results: dict[str, list[float | None]] = {"filter": [], "facet counts": [],
                                              "search key": [], "page down": []}
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.timeline_screen
        data = screen.data
        assert data is not None
        country = max(data.index.totals["country"], key=data.index.totals["country"].get)
        actor = max(data.index.totals["actor"], key=data.index.totals["actor"].get)
        for _ in range(RUNS):
            results["filter"].append(await clock.sample(
                lambda: screen.toggle_filter("country", country)))
        screen.action_clear_filters()  # RUNS is odd: the country filter ended up on
        await pilot.pause()
        for _ in range(RUNS):
            results["facet counts"].append(await clock.sample(
                lambda: screen.toggle_filter("actor", actor)))
        screen.action_clear_filters()
        await pilot.pause()
        screen.action_search()  # mounts the search bar (the first `/` does)
        search = screen.query_one("#search", Input)
        await pilot.pause()
        for word in ("talks", "ministry", "zürich"):
            for end in range(1, len(word) + 1):
                text = word[:end]
                results["search key"].append(await clock.sample(
                    lambda text=text: setattr(search, "value", text),
                    until=lambda text=text: screen.filters.search == text))
            search.value = ""
            await pilot.pause()
        screen.action_back()
        await pilot.pause()
        view = screen.query_one(TimelineView)
        view.focus()
        for _ in range(RUNS):
            results["page down"].append(await clock.sample(view.action_page_down))
        view.action_first()
        results["page down (30/s)"] = []
        start = time.perf_counter()
        for k in range(RUNS):
            # From when the key was due: a key due while the last frame is still being
            # made waits for it, and that wait counts.
            due = start + (k + 1) * REPEAT
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            results["page down (30/s)"].append(await clock.sample(view.action_page_down,
                                                                  gap=0, since=due))
        view.action_first()
        results["page down (back to back)"] = []
        for _ in range(RUNS):
            results["page down (back to back)"].append(
                await clock.sample(view.action_page_down, gap=0))
    missed = {key: sum(v is None for v in values) for key, values in results.items()}
    if any(missed.values()):  # no frame within 5 s: say so rather than drop it silently
        print(f"samples without a frame: {missed}", file=sys.stderr)
    return {key: statistics.median([v for v in values if v is not None])
            for key, values in results.items()}


def main() -> int:
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
