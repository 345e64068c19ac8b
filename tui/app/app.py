"""``NewsApp``: the Textual application around :class:`~tui.app.screen.TimelineScreen`.

Two ways in: a loaded :class:`Timeline` (the CLI's synchronous path), or a ``path`` that
is loaded in a thread worker while the frame, with a loading indicator, is already up.
A file that fails to load never opens a half-working app: the app exits with the error's
code and keeps the error in :attr:`NewsApp.load_error` for the caller to print.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message

from tui.app.reload import WatchConfig
from tui.app.screen import TimelineScreen
from tui.app.settings import Settings
from tui.app.viewmodel import TimelineData
from tui.data.errors import TimelineError
from tui.data.load import Timeline
from tui.data.query import Query


class NewsApp(App[None]):
    """Explore a timeline of news events."""

    # Absolute: a relative CSS_PATH resolves against a subclass's module, not this one.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "newstui"

    class Loaded(Message):
        """The worker loaded the timeline (posted from its thread)."""

        def __init__(self, timeline: Timeline, data: TimelineData) -> None:
            super().__init__()
            self.timeline = timeline
            self.data = data

    class LoadFailed(Message):
        def __init__(self, error: TimelineError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, timeline: Timeline | None = None, *, path: str | Path | None = None,
                 query: Query | None = None, start_day: date | None = None,
                 watch: WatchConfig | None = None) -> None:
        super().__init__()
        self._timeline = timeline
        self._watch = watch  # reload the timeline whenever this file changes
        self._path = path
        self._query = query
        self._start_day = start_day
        self.load_error: TimelineError | None = None
        self.settings = Settings.load()
        self.keymap: dict[str, str] = dict(self.settings.keymap)
        self._theme_ready = False
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

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
            # After the first refresh: the frame (with its loading indicator) paints first.
            self.call_after_refresh(self._load, self._path)
        self._timeline = None  # the screen has it: after a live reload it can be freed
        self._theme_ready = True

    @work(thread=True, exclusive=True, group="load")
    def _load(self, path: str | Path | None) -> None:
        from tui.data.load import load_timeline

        try:
            timeline = load_timeline(path)
            data = TimelineData(timeline)
        except TimelineError as error:
            self.post_message(self.LoadFailed(error))
            return
        self.post_message(self.Loaded(timeline, data))

    def on_news_app_loaded(self, message: Loaded) -> None:
        self.timeline_screen.set_timeline(message.timeline, message.data)

    def on_news_app_load_failed(self, message: LoadFailed) -> None:
        self.load_error = message.error
        self.exit(return_code=message.error.exit_code)

    def watch_theme(self, theme: str) -> None:
        # Remember a theme picked at runtime (from the palette), not the one set at start.
        if not self._theme_ready or theme == self.settings.theme:
            return
        self.settings.theme = theme
        problem = self.settings.save()
        if problem:
            self.notify(problem, severity="warning")
