"""The command that opens the user's editor at a line of a file ($VISUAL, then $EDITOR)."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

FALLBACKS = ("nano", "vim", "vi")  # what most systems have when no editor is configured


class EditorNotFound(Exception):
    """No editor is configured or installed; the message says how to set one."""


def editor_command(path: Path, line: int | None,
                   env: Mapping[str, str] | None = None) -> list[str]:
    """The argv that opens ``path`` at ``line`` in the user's editor.

    Most terminal editors (vi, vim, nvim, nano, emacs, micro, kakoune, joe, ne) take
    ``+LINE FILE``; VS Code takes ``--goto FILE:LINE``; helix and subl take ``FILE:LINE``.
    """
    environ = os.environ if env is None else env
    configured = environ.get("VISUAL") or environ.get("EDITOR")
    if configured:
        try:
            argv = shlex.split(configured)
        except ValueError as error:
            raise EditorNotFound(f"cannot read $VISUAL/$EDITOR {configured!r}: {error}") from None
    else:
        found = next((name for name in FALLBACKS if shutil.which(name)), None)
        if found is None:
            raise EditorNotFound("no editor found: set $EDITOR (e.g. export EDITOR=nano)")
        argv = [found]
    if not argv:
        raise EditorNotFound("$VISUAL/$EDITOR is empty: set it to your editor's command")
    name = Path(argv[0]).name
    if line is None:
        return [*argv, str(path)]
    if name in {"code", "code-insiders", "codium"}:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in {"hx", "helix", "subl", "zed"}:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", str(path)]
