"""The stale mark and the problems panel shown while the watched file does not validate.

:class:`StaleBar` is a one-line bar at the top of the screen ("⚠ stale: events.yaml has
3 problems"), hidden while the timeline on screen matches the file. :class:`ProblemsPanel`
lists the problems (``FILE:LINE:COL: event <id>: <field>: <message> (hint)``) in a panel
docked above the status line; Enter or ``e`` opens the editor at the chosen problem.
Problem text quotes the user's file: it is escaped by :meth:`Problem.format` and shown as
:class:`Content`, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.lazystyles import LazyComponentStyles
from tui.data.errors import Problem
from tui.data.sanitize import printable


def stale_text(name: str, key: str, count: int, *, missing: bool) -> str:
    """The stale mark: why the timeline shown is not what the file holds."""
    if missing:
        return f"⚠ stale: {name} was deleted or moved — showing the last loaded version"
    some = f"{count} problems ({key} shows them)" if count != 1 else f"1 problem ({key} shows it)"
    return f"⚠ stale: {name} has {some} — showing the last good version"


class StaleBar(Static):
    """"⚠ stale: …" while the timeline shown is not what the file holds (click: problems)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.tooltip = "The file changed and is not valid (or is gone): this is the last " \
            "good version. Click or press p for the problems."
        self.display = False  # hidden from the start (not after mount: no extra layout)

    def show(self, text: str | None) -> None:
        """Show ``text`` (already safe to print), or hide the bar with None."""
        self.text = text or ""
        self.update(Content(self.text))
        self.display = bool(text)

    async def on_click(self, event: events.Click) -> None:
        await self.app.run_action("screen.toggle_problems")


class ProblemsPanel(LazyComponentStyles, OptionList):
    """One option per problem, in file order; closed until there is something to show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "select", "Edit here", id="problems.edit",
                tooltip="Open the editor at the highlighted problem's line"),
        Binding("escape", "close", "Close", id="problems.close",
                tooltip="Close the problems panel (p opens it again)"),
    ]

    class CloseRequested(Message):
        """Escape in the panel."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.problems: list[Problem] = []
        self.display = False  # closed from the start (not after mount: no extra layout)

    def show(self, path: Path | None, problems: list[Problem], *, missing: bool) -> None:
        """List ``problems`` (or that the file is ``missing``), keeping the highlighted row."""
        if missing:
            problems = [Problem(str(path), None, None, "deleted or moved",
                                hint="showing the last loaded version until the file is back")]
        # The panel's title names the full path; each line the file's name only.
        problems = [problem._replace(file=Path(problem.file).name) for problem in problems]
        self.problems = problems
        highlighted = self.highlighted
        self.set_options([Option(self._label(problem)) for problem in problems])
        if problems:
            self.highlighted = min(highlighted or 0, len(problems) - 1)
        name = printable(str(path), multiline=False) if path is not None else "the file"
        count = len(problems)
        self.border_title = f"Problems ({count}) · e: edit at the line · Esc: close · {name}"

    @staticmethod
    def _label(problem: Problem) -> Content:
        text = problem.format()  # escaped and clipped
        location = problem.location()
        return Content.assemble((location, "bold $text-error"), text[len(location):])

    def action_close(self) -> None:
        self.post_message(self.CloseRequested())
