"""Paths and helpers shared by the interop tests."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
# A fixed modification time: nothing imported may depend on when a fixture was copied.
FILE_TIME = datetime(2024, 5, 6, 12, 0, tzinfo=UTC).timestamp()


def place(source: Path, directory: Path, name: str | None = None) -> Path:
    """Copy a fixture into ``directory`` with a fixed modification time."""
    target = directory / (name or source.name)
    shutil.copyfile(source, target)
    os.utime(target, (FILE_TIME, FILE_TIME))
    return target


def write(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` as a file with a fixed modification time."""
    target = directory / name
    target.write_text(text, encoding="utf-8", newline="")
    os.utime(target, (FILE_TIME, FILE_TIME))
    return target
