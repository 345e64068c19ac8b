"""Make text from a timeline file safe to show in a terminal.

Text in a timeline is data. A title may legitimately contain ``\\x1b[2J`` (written as
``"\\e[2J"`` in YAML) or a right-to-left override, but printed raw the first clears the
screen and the second reorders what follows it (the "Trojan Source" trick). Everything
that can change the terminal's state or the visual order of text is shown as a visible
escape instead: ``\\x1b``, ``\\u202e``. Backslashes themselves are left alone, so the
escapes are for reading, not a reversible encoding.

* :func:`printable` — escape control and bidirectional-control characters;
* :func:`clip` — shorten very long text for one-line messages;
* :func:`quoted` — a user's value as it should appear inside an error message;
* :func:`describe` — what kind of value was found ("a list", "the text 'x'").
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; bidi marks, embeddings, overrides and isolates
# (U+061C, U+200E/F, U+202A-202E, U+2066-2069); the line and paragraph separators
# U+2028/2029, which some terminals and widgets treat as line breaks.
_UNSAFE_BASE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE_MULTILINE = re.compile(f"[{_UNSAFE_BASE}]")  # keeps \t and \n
_UNSAFE_ONE_LINE = re.compile(f"[{_UNSAFE_BASE}\t\n]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

ELLIPSIS = "…"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = True) -> str:
    """``text`` with every control and bidi-control character shown as an escape.

    With ``multiline`` (for bodies of text) tabs and newlines are kept; without it (for
    one-line messages and labels) they are escaped as ``\\t`` and ``\\n`` too.
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_ONE_LINE
    if pattern.search(text) is None:  # the common case: no copy
        return text
    return pattern.sub(_escape, text)


def is_printable(text: str, *, multiline: bool = True) -> bool:
    """True if :func:`printable` would return ``text`` unchanged."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_ONE_LINE
    return pattern.search(text) is None


def clip(text: str, limit: int = 80) -> str:
    """``text`` cut to about ``limit`` characters, saying how long it really was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}{ELLIPSIS} ({len(text):,} characters)"


def quoted(value: object, limit: int = 60) -> str:
    """A value from the file, quoted for an error message: clipped, escaped, one line.

    ``repr`` escapes every non-printable character (controls, bidi controls, separators),
    so the result can never act on the terminal. Lists and mappings are named, not
    printed: they may be huge (or the expansion of aliases).
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return repr(value[:limit]) + f"{ELLIPSIS} ({len(value):,} characters)"
    return describe(value)


def describe(value: object) -> str:
    """What a value from the file is, for "expected X, got Y" messages."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {quoted(value)}" if value else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):  # before int: bool is an int
        return f"the boolean {value}"
    if isinstance(value, int | float):
        return f"the number {clip(repr(value))}"
    return f"a value of type {type(value).__name__}"
