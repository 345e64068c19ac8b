"""Located problems and the one error type the data layer raises for a user's input.

Every part of a formatted problem may quote the user's file (an event id, a key, a value),
so :meth:`Problem.format` escapes control and bidi characters and clips each part: an
error message can never act on the terminal, nor flood it with a 5 MB value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tui.data.sanitize import clip, printable

# Safety-net limits per part of a formatted problem; values are normally clipped (and
# quoted) where the message is built, these only stop what slips through.
_LIMITS = {"file": 300, "owner": 100, "field": 200, "message": 1000, "hint": 500}

EXIT_OK = 0
EXIT_INVALID = 1  # the file was read, but its data is not a valid timeline
EXIT_USAGE = 2  # bad command line, or the file cannot be read at all


class Problem(NamedTuple):
    """One thing wrong with a timeline file, located as precisely as we can."""

    file: str
    line: int | None  # 1-based; None when the problem has no position (e.g. missing file)
    column: int | None  # 1-based
    message: str
    field: str = ""  # dotted path inside the owner, e.g. "place.country"
    owner: str = ""  # "event ankara-talks", "source seed-ankara", "actor blinken", or ""
    hint: str = ""  # how to fix it, when we can say
    severity: str = "error"  # or "warning": reported, but the timeline still loads

    def location(self) -> str:
        """``FILE:LINE:COL`` (or less when the position is unknown)."""
        parts = [_safe(self.file, "file")]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """``FILE:LINE:COL: [warning: ]event <id>: <field path>: <message> (hint)``."""
        text = f"{self.location()}: "
        if self.severity != "error":
            text += f"{self.severity}: "
        if self.owner:
            text += f"{_safe(self.owner, 'owner')}: "
        if self.field:
            text += f"{_safe(self.field, 'field')}: "
        text += _safe(self.message, "message")
        if self.hint:
            text += f" ({_safe(self.hint, 'hint')})"
        return text

    def sort_key(self) -> tuple[int, int]:
        return (self.line or 0, self.column or 0)


def _safe(text: str, part: str) -> str:
    # Clip first: escaping never has to walk a huge value.
    return printable(clip(text, _LIMITS[part]), multiline=False)


@dataclass
class TimelineError(Exception):
    """A timeline could not be loaded; carries every problem found, in file order."""

    problems: list[Problem] = field(default_factory=list)
    exit_code: int = EXIT_INVALID

    def __post_init__(self) -> None:
        self.problems.sort(key=Problem.sort_key)
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''}"

    def __str__(self) -> str:
        return "\n".join(problem.format() for problem in self.problems)
