"""Live reload: watch the timeline file, reload it in place, keep the last good version.

A thread worker follows the file (:func:`tui.watch.watch_file`), reads and validates it
off the UI thread (:class:`ReloadChecker`) and posts one of three messages; it never
touches a widget. :class:`LiveReload` handles them on the UI thread: a valid file
replaces the timeline through :meth:`TimelineScreen.set_timeline` (filters, search,
highlight and scroll survive); an invalid, deleted or moved file leaves the last good
timeline on screen, marks it stale and lists the problems in the panel it docks at the
bottom of the screen. It also opens the user's editor (``e``) and checks the file as
soon as the editor exits.
"""

from __future__ import annotations

import gc
import subprocess
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import SuspendNotSupported
from textual.containers import Vertical
from textual.widgets import OptionList

from tui.app.problems import ProblemsPanel, StaleBar, stale_text
from tui.app.reloadcheck import (
    ReloadChecker,
    TimelineBroken,
    TimelineMissing,
    TimelineReloaded,
    WatchConfig,
)
from tui.data.errors import TimelineError
from tui.data.sanitize import printable
from tui.watch import Fingerprint, watch_file

if TYPE_CHECKING:
    from tui.app.app import NewsApp
    from tui.app.screen import TimelineScreen
    from tui.data.records import Event


EMPTY_SETTLE = 0.3  # seconds to wait for the rest of a save after an empty file
FULL_GC_EVENTS = 5000  # up to this size a reload also frees what earlier ones froze
RELOAD_NOTICE = 3.0  # seconds a "reloaded" notice shows (and no other one meanwhile)


class LiveReload(Vertical):
    """The watcher behind the screen, and the dock holding the problems panel."""

    # The checker's answers (see tui.app.reloadcheck), under their historical names.
    TimelineReloaded = TimelineReloaded
    TimelineBroken = TimelineBroken
    TimelineMissing = TimelineMissing

    def __init__(self, config: WatchConfig | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.config = config
        self.checker: ReloadChecker | None = None
        self.error: TimelineError | None = None  # the problems while the file is invalid
        self.missing = False  # the file is deleted or moved away
        self._dismissed = False  # the user closed the panel during this stale spell
        self._quiet_until = 0.0  # no other "reloaded" notice before this (monotonic)
        self._stop = threading.Event()
        self.watching = threading.Event()  # set once the watcher follows the file

    @property
    def main(self) -> TimelineScreen:
        return self.screen  # type: ignore[return-value]

    @property
    def stale(self) -> bool:
        return self.missing or self.error is not None

    @property
    def path(self) -> Path | None:
        if self.config is not None:
            return self.config.path
        data = self.main.data
        return data.timeline.path if data is not None else None

    @property
    def name(self) -> str:
        return printable(self.path.name if self.path else "the file", multiline=False)

    # -- watching ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        # After the screen has shown its first timeline: the checker diffs against it.
        self.call_after_refresh(self._start)

    def on_unmount(self) -> None:
        self._stop.set()  # the thread ends within one watcher step; nothing joins it later

    def _ensure_checker(self) -> ReloadChecker | None:
        if self.checker is None and self.path is not None:
            data = self.main.data
            source_format = self.config.source_format if self.config else None
            self.checker = ReloadChecker(self.path, source_format,
                                         data.timeline if data else None)
        return self.checker

    def _start(self) -> None:
        # The panel (closed until the file has problems): after the first frame, which has
        # less to mount then, and before the watcher starts, so its messages find it.
        if self.is_attached:  # not when the app quit before its first frame
            self.mount(ProblemsPanel(id="problems"))
        if self.main.data is None:
            return  # still loading: the app calls start() once the timeline is shown
        self.start()

    def start(self) -> None:
        """Follow the file (the checker diffs reloads against the timeline shown now)."""
        checker = self._ensure_checker()
        if self.config is not None and checker is not None:
            self._watch(checker, self.config)

    @work(thread=True, exclusive=True, group="newstui-watch")
    def _watch(self, checker: ReloadChecker, config: WatchConfig) -> None:
        # The state before the baseline is what the watcher compares with: a change made
        # after this look (while the baseline reads the file, or while the thread waits for
        # the interpreter) is reported, never taken as already seen.
        since = Fingerprint.of(config.path)
        if not checker.baseline(config.loaded):
            self._post(checker)  # changed since it was loaded (or unknown): look now
        self.watching.set()
        for _ in watch_file(config.path, self._stop, force_polling=config.force_polling,
                            debounce_ms=config.debounce_ms, poll_ms=config.poll_ms,
                            since=since):
            self._post(checker)

    @work(thread=True, group="newstui-recheck")
    def _recheck(self, checker: ReloadChecker) -> None:
        self._post(checker)

    def _post(self, checker: ReloadChecker) -> None:
        message = checker.check()
        if isinstance(message, TimelineBroken) and checker.empty:
            # Shells and many editors truncate, then write: an empty file is usually the
            # middle of a save. Look again before calling it broken.
            if self._stop.wait(EMPTY_SETTLE):
                return
            message = checker.check() or message  # None: still the same empty file
        if message is not None and not self._stop.is_set():
            self.post_message(message)

    def recheck(self) -> None:
        """Look at the file now (after the editor exits), off the UI thread."""
        checker = self._ensure_checker()
        if checker is not None:
            self._recheck(checker)

    # -- what the watcher found (UI thread) -------------------------------------------------
    @on(TimelineReloaded)
    def _reloaded(self, message: TimelineReloaded) -> None:
        was_stale, was_missing = self.stale, self.missing
        if len(message.timeline.events) <= FULL_GC_EVENTS:
            # set_timeline freezes what is alive (gc.freeze) so that collections skip the
            # timeline; what was frozen last time and died since (old cycles, replaced
            # widgets) is freed only by unfreezing and collecting: about 20 ms at this
            # size. Larger timelines skip it rather than stall the screen for seconds.
            gc.unfreeze()
            gc.collect()
        self.main.set_timeline(message.timeline, message.data)
        cast("NewsApp", self.app).prepare_search(message.data)  # as after the first load
        self.error, self.missing, self._dismissed = None, False, False
        self._show_state()
        what = message.diff.describe() if message.diff is not None else "new timeline"
        if was_stale:
            again = "is back" if was_missing else "is valid again"
            self.notify(f"{self.name} {again}: {what}.", title="Recovered", markup=False,
                        timeout=5)
        elif (message.diff is None or not message.diff.is_empty) and \
                time.monotonic() >= self._quiet_until:
            # One at a time: saves in quick succession would pile notices up over the
            # timeline (the timeline itself shows every change).
            self.notify(f"{self.name} reloaded: {what}.", markup=False, timeout=RELOAD_NOTICE)
            self._quiet_until = time.monotonic() + RELOAD_NOTICE

    @on(TimelineBroken)
    def _broken(self, message: TimelineBroken) -> None:
        self.error, self.missing = message.error, False
        self._show_state()
        panel = self.query_one(ProblemsPanel)
        if panel.display:
            return  # the panel shows the new problems
        if not self._dismissed:
            panel.display = True  # without focus: the curator is typing in the editor
        else:
            count = len(message.error.problems)
            some = f"{count} problems — press {self._key()} to see them" if count != 1 else \
                f"1 problem — press {self._key()} to see it"
            self.notify(f"{self.name}: {some}. Showing the last good version.",
                        severity="warning", markup=False, timeout=6)

    @on(TimelineMissing)
    def _missing(self, message: TimelineMissing) -> None:
        self.error, self.missing = None, True
        self._show_state()
        self.notify(f"{self.name} was deleted or moved — showing the last loaded version "
                    "until it is back.", severity="warning", markup=False, timeout=6)

    def _show_state(self) -> None:
        problems = self.error.problems if self.error is not None else []
        self.query_one(ProblemsPanel).show(self.path, problems, missing=self.missing)
        if not self.stale:
            self.close_panel()
        bar = self.main.query_one(StaleBar)
        bar.show(stale_text(self.name, self._key(), len(problems), missing=self.missing)
                 if self.stale else None)
        if self.app.sub_title != bar.text:
            self.app.sub_title = bar.text
            # The footer shows the problems key only when stale. Only on a change: each
            # refresh rebuilds the footer, and Textual keeps its old keys alive.
            self.main.refresh_bindings()

    def _key(self) -> str:
        keys: str = getattr(self.app, "keymap", {}).get("newstui.toggle_problems", "p")
        return keys.split(",")[0].strip()

    # -- the panel --------------------------------------------------------------------------
    def toggle_panel(self) -> None:
        panel = self.query_one(ProblemsPanel)
        if panel.display:
            self.close_panel()
        elif not self.stale:
            self.notify(f"No problems: {self.name} is valid as shown.", markup=False,
                        timeout=3)
        else:
            self._dismissed = False
            panel.display = True
            panel.focus()

    def close_panel(self) -> None:
        panel = self.query_one(ProblemsPanel)
        if not panel.display:
            return
        if self.stale:
            self._dismissed = True
        had_focus = panel.has_focus
        panel.display = False
        if had_focus:
            self.main.query_one("#timeline").focus()

    @on(ProblemsPanel.CloseRequested)
    def _close_requested(self) -> None:
        self.close_panel()

    @on(OptionList.OptionSelected, "#problems")
    def _problem_chosen(self, message: OptionList.OptionSelected) -> None:
        problems = self.query_one(ProblemsPanel).problems
        if 0 <= message.option_index < len(problems):
            self.open_editor(problems[message.option_index].line or 1)

    # -- the editor -------------------------------------------------------------------------
    def edit_event(self, event: Event | None) -> None:
        """Open the editor at ``event``'s line (line 1 if the file gives no lines)."""
        data = self.main.data
        if data is None:
            return
        line = data.timeline.lines.get(event.id) if event is not None else None
        self.open_editor(line or 1)

    def open_editor(self, line: int) -> None:
        """Hand the terminal to $VISUAL/$EDITOR at ``line``; check the file when it exits."""
        path = self.path
        if path is None:
            return
        if self.missing or not path.exists():
            self.notify(f"{self.name} was deleted or moved: nothing to open until it is "
                        "back.", severity="warning", markup=False)
            return
        import shlex  # the editor's modules: imported when it is first opened

        from tui.editor import EditorNotFound, editor_command

        try:
            argv = editor_command(path, line)
        except EditorNotFound as error:
            self.notify(f"Cannot open an editor: {error}.", title="No editor",
                        severity="warning", markup=False, timeout=8)
            return
        failure: OSError | None = None
        try:
            with self.app.suspend():
                # Caught inside: an exception leaving the block would not resume the app.
                try:
                    subprocess.run(argv, check=False)
                except OSError as error:
                    failure = error
        except SuspendNotSupported:
            self.notify(f"This terminal cannot be handed to an editor; run: "
                        f"{printable(shlex.join(argv), multiline=False)}",
                        severity="warning", markup=False, timeout=8)
            return
        if failure is not None:
            self.notify(f"Cannot run {printable(argv[0], multiline=False)}: "
                        f"{failure.strerror or failure}. Set $EDITOR (e.g. export "
                        "EDITOR=nano).", title="No editor", severity="error", markup=False,
                        timeout=8)
            return
        self.recheck()
