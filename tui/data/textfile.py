"""Read a timeline file's bytes and decode them, refusing anything that is not a text file.

Every failure is a :class:`TimelineError` with exit code 2 ("cannot read it") and, where
the bytes are at fault, the line and column of the first bad byte.

The file is opened without blocking and checked with ``fstat`` on the open descriptor, so
a FIFO, a device or a socket is refused instead of waited on (``/dev/zero`` would never
end), and there is no window between the check and the read. The size limit is checked
before reading and again while reading, in case the file grows meanwhile.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from tui.data.errors import EXIT_USAGE, Problem, TimelineError

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes our controlling tty
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)
# Other encodings a curator's editor may have saved in, recognised by their byte-order mark.
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Formats a curator might pick by mistake (a word-processor file, an archive, a PDF).
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive, such as a .docx, .xlsx or .odt document"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def _fail(path: Path, message: str, hint: str = "", line: int | None = None,
          column: int | None = None) -> TimelineError:
    return TimelineError([Problem(str(path), line, column, message, hint=hint)],
                         exit_code=EXIT_USAGE)


def _open_error(path: Path, error: OSError) -> TimelineError:
    if error.errno == errno.ENOENT:
        if path.is_symlink():
            return _fail(path, "is a symbolic link to a file that does not exist",
                         "fix the link, or give the path of the file itself")
        return _fail(path, "no such file", "check the path")
    if error.errno == errno.ELOOP:
        return _fail(path, "is a loop of symbolic links", "fix the link")
    if error.errno == errno.ENOTDIR:
        return _fail(path, "no such file (a part of the path is not a directory)",
                     "check the path")
    if error.errno in (errno.EACCES, errno.EPERM):
        return _fail(path, "permission denied", "check the file's permissions")
    if error.errno == errno.EISDIR:  # Windows, and systems refusing O_RDONLY on a directory
        return _fail(path, "is a directory, not a timeline file",
                     "give the path of a .yaml or .json file")
    return _fail(path, f"cannot open the file: {error.strerror or error}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"  # pragma: no cover - no other kinds of file exist


def _too_large(path: Path, size: str, limit: int) -> TimelineError:
    return _fail(path, f"the file is too large ({size} bytes; the limit is {limit:,})",
                 "split the timeline into several files")


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _open_error(path, error) from None
    except ValueError:  # an embedded NUL in the name: only possible from Python callers
        raise _fail(path, "is not a valid file name") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, "is a directory, not a timeline file",
                        "give the path of a .yaml or .json file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, f"is {_kind(info.st_mode)}, not a regular file",
                        "save the timeline to a file and give its path")
        if info.st_size > limit:
            raise _too_large(path, f"{info.st_size:,}", limit)
        with os.fdopen(fd, "rb", closefd=True) as file:
            fd = -1  # the file object owns it now
            data = file.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew (or is a /proc-like file of size 0)
                data += file.read(limit + 1 - len(data))
    except OSError as error:
        raise _fail(path, f"cannot read the file: {error.strerror or error}") from None
    finally:
        if fd != -1:
            os.close(fd)
    if len(data) > limit:
        raise _too_large(path, f"more than {limit:,}", limit)
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``, as an editor counts."""
    line = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset)
    line -= data.count(b"\r\n", 0, offset)
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace"))
    return line + 1, column + 1


def _binary(path: Path, data: bytes) -> TimelineError | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return _fail(path, f"this is {what}, not a text timeline",
                         "give a YAML or JSON file", 1, 1)
    nul = data.find(b"\x00")
    if nul == -1:
        return None
    head = data[:4096]
    if len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return _fail(path, "the file looks like UTF-16 text without a byte-order mark, "
                     "not UTF-8", "save it as UTF-8 in your editor", 1, 1)
    line, column = _position(data, nul)
    if head.count(0) > 8 or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 10:
        return _fail(path, "this is a binary file, not a text timeline",
                     "give a YAML or JSON file", line, column)
    return _fail(path, "the file contains a NUL byte (0x00)",
                 "delete it: it is invisible in most editors, and text never holds one",
                 line, column)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped), or why the bytes are not that."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise _fail(path, f"the file is {name}, not UTF-8",
                        "save it as UTF-8 in your editor", 1, 1)
    problem = _binary(path, data)
    if problem is not None:
        raise problem
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        line, column = _position(data, error.start)
        hint = "save it as UTF-8 in your editor"
        guess = bytes([bad]).decode("cp1252", errors="replace")
        if bad >= 0x80 and guess.isprintable() and guess != "\ufffd":
            hint = (f"in Windows-1252 byte 0x{bad:02x} is {guess!r}: the file was probably "
                    "saved as Windows-1252 or Latin-1; save it as UTF-8 in your editor")
        raise _fail(path, f"the file is not UTF-8 (byte 0x{bad:02x} here)", hint,
                    line, column) from None


def read_file_text(path: Path, limit: int) -> str:
    """The text of the timeline file at ``path``; :class:`TimelineError` (exit 2) if none."""
    return decode(path, read_bytes(path, limit))
