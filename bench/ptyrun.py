"""Run a command in a real pseudo-terminal and time until a text appears on screen.

Used by bench/run.py: the child gets a 120x40 terminal; its output is read as it comes
and the escape sequences stripped, until the expected text shows. Peak memory comes from
``os.wait4`` (the child's own rusage, not the maximum over all children).
"""

from __future__ import annotations

import os
import pty
import re
import select
import struct
import termios
import time
from dataclasses import dataclass

_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")


@dataclass
class PtyResult:
    seconds: float | None  # until the text appeared (None: never, within the timeout)
    peak_mb: float
    exit_status: int
    first_seconds: float | None = None  # until the ``first`` text appeared, if asked


def run_until(argv: list[str], text: str, *, timeout: float = 120.0,
              env: dict[str, str] | None = None, quit_keys: bytes = b"\x11",
              first: str | None = None) -> PtyResult:
    """Start ``argv`` in a pty, time until ``text`` is on screen, quit, reap.

    ``first``: an earlier text (the frame's loading line) whose time is recorded too.
    """
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, {**os.environ, **(env or {}), "TERM": "xterm-256color",
                                    "COLUMNS": "120", "LINES": "40"})
    import fcntl

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    wanted = text.encode()
    seen = b""
    seconds = first_seconds = None
    early = first.encode() if first is not None else None
    deadline = started + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen = (seen + _ESCAPES.sub(b"", chunk))[-(1 << 16):]
        if early is not None and first_seconds is None and (
                early in seen or early in seen.replace(b"\n", b"")):
            first_seconds = time.perf_counter() - started
        if wanted in seen or wanted in seen.replace(b"\n", b""):
            seconds = time.perf_counter() - started
            break
    try:
        os.write(fd, quit_keys)
        end = time.perf_counter() + 10
        while time.perf_counter() < end:  # drain until the child exits
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    if not os.read(fd, 1 << 16):
                        break
                except OSError:
                    break
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                os.close(fd)
                return PtyResult(seconds, usage.ru_maxrss / 1024, status, first_seconds)
        os.kill(pid, 9)
    finally:
        pass
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    return PtyResult(seconds, usage.ru_maxrss / 1024, status, first_seconds)
