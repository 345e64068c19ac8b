"""Sharing the view: export it (ctrl+s, E), open a source (o, O), copy a citation (y).

:class:`InteropActions` is a mixin for :class:`~tui.app.screen.TimelineScreen`; its
bindings are :data:`INTEROP_BINDINGS`. Slow or blocking work (rendering and writing an
export, starting a browser) runs in thread workers that only post messages back.

Opening a web address goes through the module-level :func:`open_in_browser`, which tests
replace: a test must never start a real browser.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.app.text import clean
from tui.app.timeline_view import TimelineView

# The dialogs, exporters and citations are imported when first used: a faster start.
if TYPE_CHECKING:
    from tui.app.export_dialog import ExportRequest
    from tui.app.screen import TimelineScreen
    from tui.data.load import Timeline
    from tui.data.records import Event

INTEROP_BINDINGS: list[BindingType] = [
    Binding("ctrl+s,E", "export", "Export", id="newstui.export",
            tooltip="Write the events in view to a file: JSON, CSV, Markdown, iCalendar, "
                    "TimelineJS"),
    Binding("o", "open_source", "Open", show=False, id="newstui.open_source",
            tooltip="Open the highlighted event's first source in the web browser"),
    Binding("O", "pick_source", "Sources", show=False, id="newstui.pick_source",
            tooltip="List the highlighted event's sources and open one"),
    Binding("y", "copy_citation", "Cite", show=False, id="newstui.copy_citation",
            tooltip="Copy a citation of the highlighted event to the clipboard"),
]

LAUNCH_WAIT = 5.0  # seconds to wait for a launcher such as xdg-open to report failure

InTerminal = Callable[[Callable[[], bool]], bool]


def open_in_browser(url: str, in_terminal: InTerminal) -> bool:
    """Open ``url`` in the user's web browser; False if none could be started.

    Called in a worker thread (finding the browser may run ``xdg-settings``). A browser
    that draws in this terminal (lynx, w3m, most ``BROWSER`` commands) is handed to
    ``in_terminal``, which runs it with the app suspended; a graphical one is started
    detached with its output discarded, so its messages never land on the app's screen.
    """
    import webbrowser  # imported when first used (with shlex): not on the start path

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.BackgroundBrowser):
        return _launch_detached([browser.name, *(a.replace("%s", url) for a in browser.args)])
    if isinstance(browser, webbrowser.GenericBrowser) or (
            isinstance(browser, webbrowser.UnixBrowser) and not browser.background):
        return in_terminal(lambda: browser.open(url))
    return browser.open(url, new=2)


def write_export(path: str | Path, text: str, *, force: bool) -> Path:
    """:func:`tui.data.export.write_export`, imported when first used (tests replace it)."""
    from tui.data.export import write_export as write

    return write(path, text, force=force)


def _launch_detached(command: list[str]) -> bool:
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, close_fds=True,
                                   start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(LAUNCH_WAIT) == 0
    except subprocess.TimeoutExpired:
        return True  # still running: the browser itself, started


def _count(number: int) -> str:
    return f"{number} event" if number == 1 else f"{number} events"


class ExportWritten(Message, bubble=False):
    """The export worker wrote the file."""

    def __init__(self, path: Path, count: int, fmt: str) -> None:
        super().__init__()
        self.path = path
        self.count = count
        self.fmt = fmt


class ExportFailed(Message, bubble=False):
    """The export file could not be written; ``reason`` names the file and why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ExportExists(Message, bubble=False):
    """The file appeared after the dialog checked: ask again before replacing it."""

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.request = request


class BrowserFailed(Message, bubble=False):
    """No web browser could be started for ``url``."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class InteropActions:
    """Export, open-source and citation actions of :class:`TimelineScreen`."""

    _export_format: str = "json"  # the last format exported this session

    # -- export ---------------------------------------------------------------------------
    def action_export(self: TimelineScreen) -> None:
        self.open_export_dialog(self._export_format)

    def open_export_dialog(self: TimelineScreen, fmt: str, *, name: str | None = None,
                           overwrite: bool = False) -> None:
        data = self.data
        if data is None:
            self.notify("The timeline is still loading.", severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None or self.data is None:
                return
            # The view as it is now (a reload may have changed it while the dialog was up).
            timeline = self.data.timeline
            self._export_format = request.fmt
            self._write_export(request, timeline, self.visible_events,
                               list(self.filters.describe(timeline)))

        from tui.app.export_dialog import ExportDialog

        dialog = ExportDialog(data.timeline, fmt, shown=len(self.rows.visible),
                              total=len(data.events),
                              filters=list(self.filters.describe(data.timeline)),
                              name=name, overwrite=overwrite)
        self.app.push_screen(dialog, chosen)

    @work(thread=True, group="export")
    def _write_export(self: TimelineScreen, request: ExportRequest, timeline: Timeline,
                      events: Sequence[Event], filters: list[str]) -> None:
        from tui.data.export import ExportError, OutputExistsError, render

        try:
            text = render(request.fmt, timeline, events, filters=filters)
            path = write_export(request.path, text, force=request.force)
        except OutputExistsError:
            self.post_message(ExportExists(request))
        except ExportError as error:
            self.post_message(ExportFailed(str(error)))
        except OSError as error:  # e.g. checking the target in a directory we may not search
            self.post_message(ExportFailed(f"{request.path}: {error.strerror or error}"))
        else:
            self.post_message(ExportWritten(path, len(events), request.fmt))

    def on_export_written(self: TimelineScreen, message: ExportWritten) -> None:
        from tui.app.export_dialog import FORMAT_NAMES

        self.notify(f"Exported {_count(message.count)} as {FORMAT_NAMES[message.fmt]} to "
                    f"{clean(str(message.path))}", title="Export", markup=False, timeout=8)

    def on_export_failed(self: TimelineScreen, message: ExportFailed) -> None:
        self.notify(f"Export failed: {clean(message.reason)}", title="Export",
                    severity="error", markup=False, timeout=10)

    def on_export_exists(self: TimelineScreen, message: ExportExists) -> None:
        request = message.request
        self.open_export_dialog(request.fmt, name=request.name, overwrite=True)

    # -- sources --------------------------------------------------------------------------
    def _current(self: TimelineScreen) -> tuple[Timeline, Event] | None:
        """The event under the timeline's cursor.

        Read from the view, not from :attr:`highlighted`: the view reports cursor moves by
        message, so after fast typing ("jjy") the reactive can lag a key behind.
        """
        data = self.data
        index = self.query_one(TimelineView).event_index if data is not None else None
        if data is None or index is None:
            self.notify("No event is highlighted.", severity="warning")
            return None
        return data.timeline, data.events[index]

    def action_open_source(self: TimelineScreen) -> None:
        current = self._current()
        if current is None:
            return
        from tui.data.export.cite import source_links

        timeline, event = current
        links = source_links(timeline, event)
        if not links:
            titles = ", ".join(clean(timeline.sources[s].title) for s in event.sources)
            self.notify(f"No web address for this event's sources ({titles}).",
                        severity="warning", markup=False)
            return
        self.open_source_url(links[0][1])

    def action_pick_source(self: TimelineScreen) -> None:
        current = self._current()
        if current is None:
            return

        def chosen(url: str | None) -> None:
            if url is not None:
                self.open_source_url(url)

        from tui.app.export_dialog import SourcePicker

        self.app.push_screen(SourcePicker(*current), chosen)

    def open_source_url(self: TimelineScreen, url: str) -> None:
        self.notify(f"Opening {clean(url)}", markup=False, timeout=3)
        self._browse(url)

    @work(thread=True, group="browser")
    def _browse(self: TimelineScreen, url: str) -> None:
        def in_terminal(launch: Callable[[], bool]) -> bool:
            return self.app.call_from_thread(self._run_suspended, launch)

        if not open_in_browser(url, in_terminal):
            self.post_message(BrowserFailed(url))

    def _run_suspended(self: TimelineScreen, launch: Callable[[], bool]) -> bool:
        """Run a browser that needs the terminal, with the app out of its way."""
        try:
            with self.app.suspend():
                return launch()
        except SuspendNotSupported:
            return False

    def on_browser_failed(self: TimelineScreen, message: BrowserFailed) -> None:
        self.app.copy_to_clipboard(message.url)
        self.notify(f"Could not start a web browser; the address is copied to the clipboard: "
                    f"{clean(message.url)}", severity="warning", markup=False, timeout=10)

    # -- citation -------------------------------------------------------------------------
    def action_copy_citation(self: TimelineScreen) -> None:
        current = self._current()
        if current is None:
            return
        from tui.data.export.cite import citation

        # Controls made visible: a pasted citation must not carry terminal escapes.
        self.app.copy_to_clipboard(clean(citation(*current)))
        self.notify("Citation copied", timeout=3)
