"""Writing an export: atomic, never over an existing file unless forced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.interop.build import timeline_of
from tui.data.export import (
    FORMATS,
    ExportError,
    OutputExistsError,
    default_filename,
    render,
    write_export,
)


def test_writes_utf8_text_as_given(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert write_export(target, "a,b\r\nTürkiye\r\n", force=False) == target
    assert target.read_bytes() == "a,b\r\nTürkiye\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OutputExistsError) as caught:
        write_export(target, "new", force=False)
    assert "use --force" in str(caught.value) and str(target) in str(caught.value)
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temp file left


def test_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ExportError) as caught:
        write_export(target, "new", force=True)
    assert "no space left" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.parametrize("case", ["directory", "missing-parent"])
def test_unwritable_targets_are_export_errors(tmp_path: Path, case: str) -> None:
    target = tmp_path if case == "directory" else tmp_path / "nope" / "out.md"
    with pytest.raises(ExportError) as caught:
        write_export(target, "x", force=True)
    assert not isinstance(caught.value, OutputExistsError)
    assert ("is a directory" if case == "directory" else "does not exist") in str(caught.value)


def test_permission_denied_is_an_export_error(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match="permission denied"):
        write_export(tmp_path / "out.md", "x", force=False)


def test_formats_and_default_file_names() -> None:
    assert FORMATS == {"json": ".json", "csv": ".csv", "markdown": ".md", "ics": ".ics",
                       "timelinejs": ".json"}
    timeline = timeline_of({}, title="Blinken's tour: Ankara & Delhi, 2023")
    assert default_filename(timeline, "markdown") == "blinken-s-tour-ankara-delhi-2023.md"
    assert default_filename(timeline, "timelinejs").endswith("-timelinejs.json")
    assert default_filename(timeline_of({}, title="???"), "csv") == "timeline.csv"


def test_render_refuses_unknown_formats_and_groupings() -> None:
    timeline = timeline_of({})
    with pytest.raises(ValueError, match="unknown export format"):
        render("pdf", timeline, timeline.events)
    with pytest.raises(ValueError, match="unknown TimelineJS grouping"):
        render("timelinejs", timeline, timeline.events, group_by="actor")
