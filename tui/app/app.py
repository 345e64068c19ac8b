"""``NewsApp``: the Textual application around :class:`~tui.app.screen.TimelineScreen`.

Two ways in: a loaded :class:`Timeline`, or a ``path`` (the CLI's way) that is loaded in
a thread worker while the frame, with a loading indicator and the phase of the load, is
already up. A file that fails to load never opens a half-working app: the app exits with
the error's code and keeps the error in :attr:`NewsApp.load_error` for the caller to
print; so does a ``query_from`` (the command line's filters, checked against the loaded
timeline) that raises :class:`ValueError`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.app import stylesheets
from tui.app.reload import LiveReload, WatchConfig
from tui.app.screen import TimelineScreen
from tui.app.settings import Settings
from tui.app.viewmodel import TimelineData
from tui.data.errors import EXIT_USAGE, TimelineError
from tui.data.load import Timeline
from tui.data.query import Query
from tui.data.sanitize import printable

LOAD_PHASES = {"reading": "Reading", "cache": "Reading the cached", "parsing": "Checking",
               "indexing": "Indexing"}


class NewsApp(App[None]):
    """Explore a timeline of news events."""

    TITLE = "newstui"

    class Loaded(Message):
        """The worker loaded the timeline (posted from its thread)."""

        def __init__(self, timeline: Timeline, data: TimelineData,
                     query: Query | None) -> None:
            super().__init__()
            self.timeline = timeline
            self.data = data
            self.query = query

    class LoadFailed(Message):
        def __init__(self, error: TimelineError | ValueError) -> None:
            super().__init__()
            self.error = error

    class LoadProgress(Message):
        """The worker started a phase of the load ("reading", "cache", "parsing", ...)."""

        def __init__(self, phase: str) -> None:
            super().__init__()
            self.phase = phase

    def __init__(self, timeline: Timeline | None = None, *, path: str | Path | None = None,
                 source_format: str | None = None, query: Query | None = None,
                 query_from: Callable[[Timeline], Query] | None = None,
                 start_day: date | None = None, watch: WatchConfig | None = None) -> None:
        super().__init__()
        stylesheets.add(self.stylesheet, stylesheets.APP_CSS)  # read compact (not CSS_PATH)
        self._timeline = timeline
        self._watch = watch  # reload the timeline whenever this file changes
        self._path = path
        self._source_format = source_format
        self._query = query
        self._query_from = query_from
        self._start_day = start_day
        self.load_error: TimelineError | ValueError | None = None
        self.settings = Settings.load()
        self.keymap: dict[str, str] = dict(self.settings.keymap)
        self._theme_ready = False
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        # Only rules for the dialogs' own widgets are added: nothing shown needs restyling,
        # and the next styling pass parses just this file (Textual keeps the rest parsed).
        if not stylesheets.has(self.stylesheet, stylesheets.MODAL_CSS):
            stylesheets.add(self.stylesheet, stylesheets.MODAL_CSS)
        return super().push_screen(screen, *args, **kwargs)

    def get_default_screen(self) -> TimelineScreen:
        return TimelineScreen(self._timeline, query=self._query, start_day=self._start_day,
                              watch=self._watch)

    @property
    def timeline_screen(self) -> TimelineScreen:
        """The main screen (also while a modal screen is on top of it)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, TimelineScreen)
        return screen

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.settings.problems:
            self.notify(problem, severity="warning", timeout=8)
        if self._timeline is None:
            self._load(self._path, self._source_format, self._query_from)
        else:
            self.call_after_refresh(self.timeline_shown)
        self._timeline = None  # the screen has it: after a live reload it can be freed
        self._theme_ready = True

    @work(thread=True, exclusive=True, group="load")
    def _load(self, path: str | Path | None, source_format: str | None,
              query_from: Callable[[Timeline], Query] | None) -> TimelineError | ValueError | None:
        from tui.app.loading import load_for_app
        from tui.data import cache

        cache.hold()  # a new cache entry is written once the timeline is on screen
        try:
            timeline, query = load_for_app(path, source_format, query_from, self._progress)
        except (TimelineError, ValueError) as error:  # the caller reports it after exit
            cache.release()
            return error  # reported once the worker has finished (on_worker_state_changed)
        self._progress("indexing")
        self.post_message(self.Loaded(timeline, TimelineData(timeline), query))
        return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Not posted from the thread: the app exits on it, and exiting before the worker
        # has finished returning would cancel it (a caller waiting for it would fail).
        error = event.worker.result if event.worker.group == "load" else None
        if event.state == WorkerState.SUCCESS and isinstance(error, TimelineError | ValueError):
            self.post_message(self.LoadFailed(error))

    def _progress(self, phase: str) -> None:
        self.post_message(self.LoadProgress(phase))

    def on_news_app_load_progress(self, message: LoadProgress) -> None:
        screen = self.timeline_screen
        label = screen.query("#loading-text").first(Static) if screen.is_mounted else None
        if screen.data is None and label is not None:
            name = printable(Path(self._path).name, multiline=False) \
                if self._path is not None else "the timeline"
            label.update(Text(f"{LOAD_PHASES.get(message.phase, message.phase)} {name}…"))

    def on_news_app_loaded(self, message: Loaded) -> None:
        screen = self.timeline_screen
        if not screen.is_mounted:  # a small file can load before the screen is up
            self.call_after_refresh(self.on_news_app_loaded, message)
            return
        screen.set_timeline(message.timeline, message.data, query=message.query)
        # Only now: reading the file for the watcher while it loads would cost twice.
        screen.query_one(LiveReload).start()
        self.call_after_refresh(self.timeline_shown)

    def timeline_shown(self) -> None:
        """The first timeline is on screen: background work may start.

        The cyclic collector may run again (the command line turns it off while the app
        starts; what is alive now is frozen by the screen, so collections skip it); the
        search text is prepared and a new cache entry written, neither competing with the
        first screen for the interpreter.
        """
        from tui.data import cache

        gc.enable()
        data = self.timeline_screen.data
        if data is not None:
            self.prepare_search(data)
        cache.release()

    @work(thread=True, exclusive=True, group="prepare-search")
    def prepare_search(self, data: TimelineData) -> None:
        """Build ``data``'s search texts and word index off the UI thread, after the first
        paint or a reload, so that the first search keystroke finds them ready (building
        them costs seconds at 100,000 events)."""
        data.index.prepare_search()

    def on_news_app_load_failed(self, message: LoadFailed) -> None:
        if not self.timeline_screen.is_mounted:  # exiting mid-mount breaks the screen's mount
            self.call_after_refresh(self.on_news_app_load_failed, message)
            return
        self.load_error = message.error
        self.exit(return_code=getattr(message.error, "exit_code", EXIT_USAGE))

    def watch_theme(self, theme: str) -> None:
        # Remember a theme picked at runtime (from the palette), not the one set at start.
        if not self._theme_ready or theme == self.settings.theme:
            return
        self.settings.theme = theme
        problem = self.settings.save()
        if problem:
            self.notify(problem, severity="warning")
