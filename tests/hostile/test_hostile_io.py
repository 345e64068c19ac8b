"""Files that cannot be read as a timeline at all: exit code 2, a clear message, no hang.

These are made at test time (a FIFO, a symlink loop or a 300 MB sparse file cannot be
kept in the repository).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import CORPUS, Run, run_process
from tui.data import load, textfile
from tui.data.errors import TimelineError
from tui.data.load import load_timeline, read_text

VALID = CORPUS / "alias-valid.yaml"


def only_problem(run: Run, path: Path) -> str:
    """The single problem printed for ``path``, without the path."""
    assert "Traceback" not in run.err
    lines = run.problem_lines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"{path}: "), lines[0]
    return lines[0].removeprefix(f"{path}: ")


def test_missing_file(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "nope.yaml"
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == "no such file (check the path)"


def test_a_directory(tmp_path: Path, cli: Callable[..., Run]) -> None:
    run = cli("validate", str(tmp_path))
    assert run.code == 2
    assert only_problem(run, tmp_path).startswith("is a directory, not a timeline file")


def test_a_path_through_a_file(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "events.yaml" / "more.yaml"
    shutil.copy(VALID, tmp_path / "events.yaml")
    run = cli("validate", str(path))
    assert run.code == 2
    assert "a part of the path is not a directory" in only_problem(run, path)


def test_a_symlink_loop(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "loop.yaml"
    path.symlink_to(path)
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == "is a loop of symbolic links (fix the link)"


def test_a_dangling_symlink(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "link.yaml"
    path.symlink_to(tmp_path / "gone.yaml")
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path).startswith("is a symbolic link to a file that does not exist")


def test_a_symlink_to_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "link.yaml"
    path.symlink_to(VALID)
    assert len(load_timeline(path).events) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """No writer ever opens the FIFO: reading it would block forever."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    run = run_process("validate", str(path), timeout=30)
    assert run.code == 2
    assert only_problem(run, path).startswith("is a pipe (FIFO), not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str, cli: Callable[..., Run]) -> None:
    """``/dev/zero`` never ends: it must be refused before reading."""
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    run = cli("validate", device)
    assert run.code == 2
    assert only_problem(run, Path(device)).startswith("is a device, not a regular file")


def test_too_large_by_its_size(tmp_path: Path, cli: Callable[..., Run]) -> None:
    """A sparse file just over MAX_BYTES: refused from its size, never read."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(load.MAX_BYTES + 1)
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == (
        f"the file is too large ({load.MAX_BYTES + 1:,} bytes; the limit is "
        f"{load.MAX_BYTES:,}) (split the timeline into several files)")


def test_the_limit_holds_for_the_bytes_actually_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that reports a smaller size than it has (it grew) is still cut off."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    class Shrunk:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(textfile.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    monkeypatch.setattr(load, "MAX_BYTES", 1000)
    with pytest.raises(TimelineError) as caught:
        read_text(path)
    assert caught.value.exit_code == 2
    assert caught.value.problems[0].message == (
        "the file is too large (more than 1,000 bytes; the limit is 1,000)")


def test_exactly_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = VALID.read_text(encoding="utf-8")
    path = tmp_path / "exact.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(load, "MAX_BYTES", len(text.encode()))
    assert read_text(path) == text
    monkeypatch.setattr(load, "MAX_BYTES", len(text.encode()) - 1)
    with pytest.raises(TimelineError, match="the file is too large"):
        read_text(path)


def test_too_large_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(300 * 1024 * 1024)
    run = run_process("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path).startswith("the file is too large (314,572,800 bytes")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their mode; simulated below")
def test_no_read_permission(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(VALID, path)
    path.chmod(0)
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == "permission denied (check the file's permissions)"


def test_no_read_permission_simulated(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What open(2) does for an unreadable file, for a root-run test suite."""
    path = tmp_path / "secret.yaml"
    shutil.copy(VALID, path)

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(textfile.os, "open", refuse)
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == "permission denied (check the file's permissions)"


def test_a_read_error_midway(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error while reading (a failing disk, a vanished network share)."""
    path = tmp_path / "disk.yaml"
    shutil.copy(VALID, path)

    def fail(fd: int, *args: object, **kwargs: object) -> object:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(textfile.os, "fdopen", fail)
    run = cli("validate", str(path))
    assert run.code == 2
    assert only_problem(run, path) == f"cannot read the file: {os.strerror(errno.EIO)}"


def test_a_name_with_a_nul_byte_from_python() -> None:
    with pytest.raises(TimelineError) as caught:
        read_text(Path("bad\x00name.yaml"))
    assert caught.value.exit_code == 2
    assert caught.value.problems[0].format() == "bad\\x00name.yaml: is not a valid file name"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_the_app_command_refuses_the_same(
    tmp_path: Path, cli: Callable[..., Run], no_app: None
) -> None:
    """``newstui FILE`` reads the file the same way before starting Textual."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    for name in ("pipe.yaml", "loop.yaml", "nope.yaml", "."):
        path = tmp_path / name
        validate, app = cli("validate", str(path)), cli(str(path))
        assert (app.code, app.err) == (validate.code, validate.err) and app.code == 2
