"""newstui's stylesheets, read without their comments and layout whitespace.

Textual tokenizes its CSS on every start, and most of the first screen's styling time
went on reading ``app.tcss`` (about 5 ms): a good part of it on comments and on the
whitespace that lays the file out for people. The files stay commented and laid out;
what the stylesheet is given is the same rules, compact (tests/app/test_stylesheets.py
checks that Textual parses both to the same rules).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

APP_CSS = Path(__file__).with_name("app.tcss")
# The dialogs' styles: read when the first one opens, so the first screen parses only its own.
MODAL_CSS = Path(__file__).with_name("modals.tcss")

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPACE = re.compile(r"\s+")
# Whitespace that only lays out: next to braces, semicolons and commas, and around the
# child combinator. (A space between two selectors is the descendant combinator, and
# spaces separate the parts of a value: those stay, as one space.)
_LAYOUT = re.compile(r" ?([{};,>]) ?")


def compact(css: str) -> str:
    """``css`` without comments, with no whitespace where Textual's CSS ignores it."""
    return _LAYOUT.sub(r"\1", _SPACE.sub(" ", _COMMENT.sub(" ", css))).strip()


def add(stylesheet: Stylesheet, path: Path) -> None:
    """Add the stylesheet at ``path``, compact, under the name Textual reads it by."""
    stylesheet.add_source(compact(path.read_text(encoding="utf-8")),
                          read_from=(str(path), ""))


def has(stylesheet: Stylesheet, path: Path) -> bool:
    return stylesheet.has_source(str(path))
