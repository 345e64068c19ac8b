"""Text from a file is data: kept exactly as written, shown only escaped.

The loader keeps control and bidi characters (a title may quote one); sanitize.printable
is what the app and every error message use to show them, and nothing from the file
may reach the terminal raw.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.conftest import CORPUS, RAW_UNSAFE, Run
from tui.data.errors import Problem
from tui.data.load import load_timeline
from tui.data.sanitize import clip, describe, is_printable, printable, quoted

ESCAPED = {
    "\x00": "\\x00", "\x07": "\\x07", "\x08": "\\x08", "\x0b": "\\x0b", "\x0c": "\\x0c",
    "\r": "\\r", "\x1b": "\\x1b", "\x7f": "\\x7f", "\x85": "\\x85", "\x9b": "\\x9b",
    "\x9f": "\\x9f", "\u061c": "\\u061c", "\u200e": "\\u200e", "\u200f": "\\u200f",
    "\u202a": "\\u202a", "\u202b": "\\u202b", "\u202c": "\\u202c", "\u202d": "\\u202d",
    "\u202e": "\\u202e", "\u2066": "\\u2066", "\u2067": "\\u2067", "\u2068": "\\u2068",
    "\u2069": "\\u2069", "\u2028": "\\u2028", "\u2029": "\\u2029",
}


@pytest.mark.parametrize("char", list(ESCAPED))
def test_printable_escapes_every_unsafe_character(char: str) -> None:
    assert printable(f"a{char}b") == f"a{ESCAPED[char]}b"
    assert printable(f"a{char}b", multiline=False) == f"a{ESCAPED[char]}b"
    assert not is_printable(char)


def test_printable_keeps_tabs_and_newlines_only_in_multiline_text() -> None:
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("a\tb\nc", multiline=False) == "a\\tb\\nc"


@pytest.mark.parametrize("text", ["", "Blinken arrives", "Türkiye – Ankara “talks”",
                                  "مرحبا بالعالم", "日本語", "emoji 🙂", "[bold red]x[/]",
                                  "back\\slash \\x1b written as text", "\u00a0nbsp"])
def test_printable_leaves_ordinary_text_alone(text: str) -> None:
    assert printable(text) == text
    assert printable(text, multiline=False) == text
    assert is_printable(text)


def test_printable_output_is_always_safe() -> None:
    every = "".join(chr(c) for c in range(0x2100))
    assert RAW_UNSAFE.search(printable(every, multiline=False)) is None
    assert RAW_UNSAFE.search(printable(every)) is None


def test_clip_says_how_long_the_text_was() -> None:
    assert clip("short") == "short"
    assert clip("x" * 81) == "x" * 80 + "… (81 characters)"
    assert clip("y" * 5_000_000, 10) == "yyyyyyyyyy… (5,000,000 characters)"


def test_quoted_is_repr_clipped_and_safe() -> None:
    assert quoted("abc") == "'abc'"
    assert quoted("it's") == '"it\'s"'
    assert quoted("\x1b[2J\u202e") == "'\\x1b[2J\\u202e'"
    assert quoted("z" * 100) == "'" + "z" * 60 + "'… (100 characters)"
    assert quoted(["a list"]) == "a list"


@pytest.mark.parametrize(("value", "text"), [
    (None, "nothing (an empty value)"), ("", "empty text"), ("x", "the text 'x'"),
    ([1], "a list"), ({"a": 1}, "a mapping"), (True, "the boolean True"),
    (3, "the number 3"), (2.5, "the number 2.5"), (object(), "a value of type object"),
])
def test_describe(value: object, text: str) -> None:
    assert describe(value) == text


def test_problem_format_escapes_and_clips_every_part() -> None:
    problem = Problem(
        file="evil\x1b]0;title\x07.yaml", line=3, column=4,
        message="bad \x1b[2J value\nsecond line", field="title\u202e", owner="event \x9bx",
        hint="try \x7f" + "h" * 1000)
    text = problem.format()
    assert RAW_UNSAFE.search(text) is None and "\n" not in text
    assert text.startswith("evil\\x1b]0;title\\x07.yaml:3:4: event \\x9bx: title\\u202e: "
                           "bad \\x1b[2J value\\nsecond line (try \\x7fhhh")
    assert text.endswith("… (1,005 characters))")


def test_problem_format_clips_a_huge_owner_and_message() -> None:
    text = Problem("f.yaml", 1, 1, "m" * 5_000_000, owner="event " + "o" * 5_000_000).format()
    assert len(text) < 1_500
    assert "(5,000,006 characters)" in text and "(5,000,000 characters)" in text


def test_warnings_are_marked() -> None:
    assert Problem("f", 1, 2, "m", severity="warning").format() == "f:1:2: warning: m"


def test_escapes_and_markup_in_text_load_exactly_as_written() -> None:
    timeline = load_timeline(CORPUS / "escapes-in-text.yaml")
    event = timeline.events[0]
    assert event.title == "[bold red]Blinken[/] \x1b[2J\x1b]0;pwned\x07 arrives \u202eknaraK"
    assert event.summary == "tab\there, newline\nthere, bell\x07, DEL\x7f, C1\x9b"
    assert printable(event.title) == (
        "[bold red]Blinken[/] \\x1b[2J\\x1b]0;pwned\\x07 arrives \\u202eknaraK")
    assert printable(event.summary) == "tab\there, newline\nthere, bell\\x07, DEL\\x7f, C1\\x9b"
    markup = load_timeline(CORPUS / "markup-title.yaml").events[0]
    assert markup.title == "[bold red]x[/] [link=file:///etc/passwd]y[/link]"


def test_validate_output_never_carries_raw_controls(cli: Callable[..., Run]) -> None:
    for name in ("escapes-in-text.yaml", "escapes-in-errors.yaml", "raw-escape-byte.yaml",
                 "raw-c1-control.yaml", "markup-title.yaml", "line-separator.yaml"):
        run = cli("validate", str(CORPUS / name))
        assert RAW_UNSAFE.search(run.out + run.err) is None, name
