"""Writing an export file: atomically, and never over an existing file unless forced.

The text goes to a temporary file in the target's directory (so the final rename stays
on one file system), is flushed to disk, then takes the target's name: with
``os.link`` when the target must not exist (the link fails if it does, so there is no
window between checking and writing), with ``os.replace`` when forced. A reader never
sees a half-written file, and an interrupted write leaves the old file untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path


class ExportError(Exception):
    """The export file cannot be written (the CLI exits with code 2)."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class OutputExistsError(ExportError):
    """The target file exists and ``force`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "already exists; use --force to replace it")


def _why(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ENOSPC:
        return "no space left on the device"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)


def write_export(path: str | Path, text: str, *, force: bool) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path``; return the path written.

    Raises :class:`OutputExistsError` if ``path`` exists and not ``force``, and
    :class:`ExportError` for any other reason the file cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError(target, "is a directory; give a file name")
    directory = target.parent
    if not directory.is_dir():
        raise ExportError(target, f"the directory {directory} does not exist")
    if target.exists() and not force:
        raise OutputExistsError(target)
    temp = directory / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportError(target, f"cannot write in {directory}: {_why(error)}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
    except OutputExistsError:
        raise
    except OSError as error:
        raise ExportError(target, f"cannot write the file: {_why(error)}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return target


def _link_new(temp: Path, target: Path) -> None:
    """Give ``temp`` the name ``target`` only if no file has that name."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(target) from None
    except OSError as error:
        # File systems without hard links: fall back to check-then-rename.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if target.exists():
            raise OutputExistsError(target) from None
        os.replace(temp, target)
