"""Reload summaries and the editor command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.helpers import HEADER, load
from tui.data.diff import diff_timelines
from tui.editor import EditorNotFound, editor_command

EVENT = """\
  - id: {id}
    kind: stop
    title: {title}
    start: 2023-11-06
    sources: [wire]
"""


def _timeline(*events: tuple[str, str]):
    return load(HEADER + "".join(EVENT.format(id=i, title=t) for i, t in events))


def test_diff_counts_added_changed_removed() -> None:
    old = _timeline(("a", "A"), ("b", "B"), ("c", "C"))
    new = _timeline(("a", "A"), ("b", "B changed"), ("d", "D"), ("e", "E"))
    diff = diff_timelines(old, new)
    assert (diff.added, diff.changed, diff.removed) == (("d", "e"), ("b",), ("c",))
    assert diff.describe() == "+2 events, 1 changed, 1 removed"


def test_diff_of_identical_timelines_is_empty() -> None:
    assert diff_timelines(_timeline(("a", "A")), _timeline(("a", "A"))).is_empty


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+42", "f.yaml"]),
        ("nano -w", ["nano", "-w", "+42", "f.yaml"]),
        ("/usr/bin/code --wait", ["/usr/bin/code", "--wait", "--goto", "f.yaml:42"]),
        ("hx", ["hx", "f.yaml:42"]),
    ],
)
def test_editor_command_opens_at_the_line(editor: str, expected: list[str]) -> None:
    assert editor_command(Path("f.yaml"), 42, {"EDITOR": editor}) == expected


def test_visual_wins_over_editor() -> None:
    argv = editor_command(Path("f.yaml"), 3, {"VISUAL": "emacs", "EDITOR": "nano"})
    assert argv == ["emacs", "+3", "f.yaml"]


def test_fallback_and_missing_editor(monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: "/bin/vi" if name == "vi" else None)
    assert editor_command(Path("f.yaml"), 7, {}) == ["vi", "+7", "f.yaml"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(EditorNotFound, match="set \\$EDITOR"):
        editor_command(Path("f.yaml"), 7, {})
