"""Modal screens for sharing the view: the export dialog and the source picker.

The export dialog only asks (format, file name, overwrite?); the screen writes the file
in a worker (see :mod:`tui.app.actions_interop`). Checking whether the file exists here
is a courtesy so the user can confirm before the dialog closes; the write itself still
refuses to replace a file unless the user confirmed (no race between check and write).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from tui.app.pickers import fit_list
from tui.app.text import clean
from tui.data.export import FORMATS, default_filename
from tui.data.export.common import period_text
from tui.data.load import Timeline
from tui.data.records import Event

FORMAT_NAMES: dict[str, str] = {
    "json": "JSON",
    "csv": "CSV",
    "markdown": "Markdown",
    "ics": "iCalendar",
    "timelinejs": "TimelineJS",
}
FORMAT_LABELS: dict[str, str] = {
    "json": "JSON — every field, for programs",
    "csv": "CSV — one row per event, for spreadsheets",
    "markdown": "Markdown — a readable report",
    "ics": "iCalendar — events for a calendar app",
    "timelinejs": "TimelineJS — data for a TimelineJS web page",
}
HINT = "↑↓ format · Enter export · Esc cancel"


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for: ``path`` is absolute; ``force`` means "overwrite confirmed"."""

    fmt: str
    path: Path
    name: str
    force: bool


def resolve_name(name: str) -> Path:
    """The absolute path for a typed name: ``~`` expanded, relative to the working directory.

    ``os.path.expanduser`` leaves an unknown ``~user`` as typed (``Path.expanduser``
    raises); :class:`OSError` if the working directory is gone.
    """
    path = Path(os.path.expanduser(name))
    return path if path.is_absolute() else Path.cwd() / path


def renamed(name: str, timeline: Timeline, old: str, new: str) -> str:
    """The file name after the format changed from ``old`` to ``new``.

    The default name follows the format; a name of the user's own keeps its stem and only
    swaps the old format's extension for the new one (``notes.json`` -> ``notes.md``).
    """
    if name == default_filename(timeline, old):
        return default_filename(timeline, new)
    old_ext, new_ext = FORMATS[old], FORMATS[new]
    if name.lower().endswith(old_ext) and len(name) > len(old_ext):
        return name[: -len(old_ext)] + new_ext
    return name


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Choose a format and a file name; a file that exists needs a second confirmation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close, write nothing"),
        Binding("up", "format(-1)", "Previous format", show=False, id="export.previous_format"),
        Binding("down", "format(1)", "Next format", show=False, id="export.next_format"),
    ]

    def __init__(self, timeline: Timeline, fmt: str, *, shown: int, total: int,
                 filters: list[str], name: str | None = None,
                 overwrite: bool = False) -> None:
        super().__init__()
        self.timeline = timeline
        self.fmt = fmt
        self.shown = shown
        self.total = total
        self.filters = filters
        self.initial_name = name if name is not None else default_filename(timeline, fmt)
        # The name of an existing file the dialog warned about: exporting it again confirms.
        self.confirmed: str | None = self.initial_name if overwrite else None

    def compose(self) -> ComposeResult:
        noun = "event" if self.total == 1 else "events"
        with Vertical(id="export"):
            yield Static(Content(f"Export the view: {self.shown} of {self.total} {noun}"),
                         id="export-title")
            described = "; ".join(clean(text) for text in self.filters)
            yield Static(Content(f"Filters: {described}" if described else
                                 "No filters: every event"), id="export-filters")
            yield RadioSet(*[RadioButton(label, value=fmt == self.fmt, id=f"format-{fmt}")
                             for fmt, label in FORMAT_LABELS.items()], id="export-formats")
            yield Label("File (a relative name goes in the current directory)",
                        id="export-name-label")
            yield Input(self.initial_name, id="export-name", compact=True)
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        # Up/down choose the format from anywhere in the dialog, so the list needs no focus.
        self.query_one(RadioSet).can_focus = False
        self._show_state()
        self.query_one("#export-name", Input).focus()

    @property
    def name_value(self) -> str:
        return self.query_one("#export-name", Input).value

    # -- format ---------------------------------------------------------------------------
    def action_format(self, step: int) -> None:
        formats = list(FORMATS)
        chosen = formats[(formats.index(self.fmt) + step) % len(formats)]
        # The set's Changed message comes later: take the format now, so a quick second
        # key press steps on from this one.
        self._set_format(chosen)
        self.query_one(f"#format-{chosen}", RadioButton).value = True

    @on(RadioSet.Changed, "#export-formats")
    def _format_chosen(self, message: RadioSet.Changed) -> None:
        self._set_format((message.pressed.id or "").removeprefix("format-"))

    def _set_format(self, fmt: str) -> None:
        if fmt not in FORMATS or fmt == self.fmt:
            return
        old, self.fmt = self.fmt, fmt
        name_input = self.query_one("#export-name", Input)
        name_input.value = renamed(name_input.value, self.timeline, old, fmt)
        self.confirmed = None
        self._show_state()

    # -- name and confirmation ------------------------------------------------------------
    @on(Input.Changed, "#export-name")
    def _name_changed(self) -> None:
        if self.confirmed is not None and self.name_value.strip() != self.confirmed:
            self.confirmed = None
            self._show_state()

    def _show_state(self) -> None:
        message = self.query_one("#export-message", Static)
        button = self.query_one("#export-ok", Button)
        if self.confirmed is not None:
            message.update(Content(f"{clean(self.name_value.strip())} exists. "
                                   "Export again to replace it."))
            message.set_class(True, "-warning")
            button.label = "Overwrite"
            button.variant = "error"
        else:
            message.update(Content(HINT))
            message.set_class(False, "-warning")
            button.label = "Export"
            button.variant = "primary"

    @on(Input.Submitted, "#export-name")
    @on(Button.Pressed, "#export-ok")
    def _confirm(self) -> None:
        name = self.name_value.strip()
        if not name:
            self._warn("Give a file name.")
            return
        try:
            path = resolve_name(name)
            exists = path.exists() and not path.is_dir()
        except OSError as error:  # e.g. a directory on the way that may not be searched
            self._warn(f"Cannot use {clean(name)}: {error.strerror or error}")
            return
        if exists and name != self.confirmed:
            self.confirmed = name
            self._show_state()
            return
        self.dismiss(ExportRequest(self.fmt, path, name, force=name == self.confirmed))

    def _warn(self, text: str) -> None:
        message = self.query_one("#export-message", Static)
        message.update(Content(text))
        message.set_class(True, "-warning")
        self.app.bell()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)


def source_line(timeline: Timeline, source_id: str) -> tuple[Content, str | None]:
    """One source as the picker shows it (title, publisher, date; URL or "no URL")."""
    source = timeline.sources[source_id]
    parts = [clean(source.title)]
    if source.publisher:
        parts.append(clean(source.publisher))
    parts.append(period_text(source.published))
    where = clean(source.url) if source.url else "no URL"
    return Content(", ".join(parts) + "\n  " + where), source.url


class SourcePicker(ModalScreen[str | None]):
    """The highlighted event's sources; Enter opens the chosen one's web address."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="sources.close"),
    ]

    def __init__(self, timeline: Timeline, event: Event) -> None:
        super().__init__()
        self.timeline = timeline
        self.event = event
        self.urls: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        options = []
        for index, source_id in enumerate(self.event.sources):
            prompt, url = source_line(self.timeline, source_id)
            option_id = f"source-{index}"
            if url:
                self.urls[option_id] = url
            options.append(Option(prompt, id=option_id, disabled=url is None))
        hint = "Enter open in the browser · Esc close"
        if not self.urls:
            hint = "None of these sources has a web address · Esc close"
        with Vertical(id="sources"):
            yield Static(Content(f"Sources of {clean(self.event.title)}"), id="sources-title")
            yield OptionList(*options, id="sources-options", compact=True)
            yield Static(Content(hint), id="sources-hint")

    # A row above and below, the border, the title, the list's margins, the hint.
    CHROME = 8

    def on_mount(self) -> None:
        options = self.query_one("#sources-options", OptionList)
        fit_list(options, self.app.size.height, self.CHROME)
        options.focus()

    def on_resize(self, event: events.Resize) -> None:
        fit_list(self.query_one("#sources-options", OptionList), event.size.height, self.CHROME)

    @on(OptionList.OptionSelected, "#sources-options")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        url = self.urls.get(message.option.id or "")
        if url is not None:
            self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)
