"""YAML syntax errors, located as an editor counts and explained in a curator's words.

libyaml's messages describe its parser ("while parsing a flow sequence ... did not find
expected ',' or ']'"), report a bad character only as a byte offset, and count U+0085,
U+2028 and U+2029 as line breaks, which no editor does (and which make YAML eat the
spaces around them, even inside quotes: :func:`extra_break_issue` refuses them).
:class:`Positions` gives editor positions (lines end at LF, CR LF or CR) and
:func:`explain` turns a ``yaml.YAMLError`` into a :class:`YamlIssue`: where the fix is
(the opening quote or bracket, not the end of the file), what is wrong, and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml

from tui.data.sanitize import clip

# Characters libyaml counts as line breaks but editors do not.
_EXTRA_BREAKS = re.compile("[\x85\u2028\u2029]")
# What YAML 1.1 allows in a stream; anything else makes libyaml's reader fail.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Invisible characters that break YAML's structure without showing in an editor.
_INVISIBLE = {
    "\u00a0": "no-break space",
    "\ufeff": "byte-order mark",
    "\u200b": "zero-width space",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\x85": "next-line character",
}
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x08: "backspace", 0x0C: "form feed"}


@dataclass(frozen=True, slots=True)
class YamlIssue(Exception):
    """A problem found while reading YAML, with a 0-based editor position."""

    message: str
    line: int | None
    column: int | None
    hint: str = ""


class Positions:
    """Editor positions (0-based line and column) for indexes into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Only non-ASCII text can hold the extra breaks (isascii() is O(1)), and `in` is
        # a fast search: the regex walks the text only when one is there.
        holds = not text.isascii() and any(c in text for c in "\x85\u2028\u2029")
        self._extra = [m.start() for m in _EXTRA_BREAKS.finditer(text)] if holds else []

    def of(self, mark: Any) -> tuple[int, int]:
        """The editor position of a libyaml mark (exact up to the first NEL/LS/PS; the
        loader refuses text holding one before parsing it)."""
        if mark.index >= len(self.text):
            # The end of the text: libyaml ends a last line that has no line break with
            # one of its own, which would place the error on a line the file lacks.
            return self.at(len(self.text))
        if not self._extra or mark.index <= self._extra[0]:
            return mark.line, mark.column
        return self.at(mark.index)

    def at(self, index: int) -> tuple[int, int]:
        """The editor position of ``index``: lines end at LF, CR LF or a lone CR."""
        text = self.text
        line = text.count("\n", 0, index) + text.count("\r", 0, index)
        line -= text.count("\r\n", 0, index)
        start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
        return line, index - start

    def first_extra_break(self) -> int | None:
        """The index of the first NEL, LS or PS in the text, if any."""
        return self._extra[0] if self._extra else None

    def line_span(self, index: int) -> tuple[int, int]:
        """Start and end of the editor line holding ``index`` (end excludes the break)."""
        text = self.text
        start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
        end = len(text)
        for stop in ("\n", "\r"):
            found = text.find(stop, index)
            if found != -1:
                end = min(end, found)
        return start, end

    def line_text(self, index: int, reach: int = 1000) -> str:
        """The editor line holding ``index`` (no line break), at most ``reach`` either side."""
        start, end = self.line_span(index)
        return self.text[max(start, index - reach):min(end, index + reach)]

    def char(self, index: int) -> str:
        return self.text[index] if 0 <= index < len(self.text) else ""


def short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:int`` as the curator wrote it: ``!!int``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _invisible_hint(positions: Positions, index: int) -> str:
    """Name an invisible character on the error's line or the line before it."""
    start, end = positions.line_span(index)
    if start > 0:  # include the line before: errors often surface one line late
        start = positions.line_span(start - 1)[0]
    start, end = max(start, index - 2000), min(end, index + 1000)
    for char, name in _INVISIBLE.items():
        found = positions.text.find(char, start, end)
        if found != -1:
            line, column = positions.at(found)
            return (f"line {line + 1}, column {column + 1} holds an invisible {name} "
                    f"(U+{ord(char):04X}): retype it as a plain space or delete it")
    return ""


def _issue(positions: Positions, mark: Any, message: str, hint: str = "") -> YamlIssue:
    if mark is None:
        return YamlIssue(message, None, None, hint)
    line, column = positions.of(mark)
    invisible = _invisible_hint(positions, mark.index)
    if invisible:
        hint = f"{invisible}; {hint}" if hint else invisible
    return YamlIssue(message, line, column, hint)


def _where(positions: Positions, mark: Any) -> str:
    line, column = positions.of(mark)
    return f"line {line + 1}, column {column + 1}"


_ESCAPE_FOR = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def extra_break_issue(positions: Positions) -> YamlIssue | None:
    """A NEL, LS or PS anywhere: YAML reads it as a line break and eats the spaces around
    it, even inside quotes (JSON does not), so the text would silently change."""
    index = positions.first_extra_break()
    if index is None:
        return None
    char = positions.text[index]
    line, column = positions.at(index)
    return YamlIssue(
        f"the file contains an invisible {_INVISIBLE[char]} (U+{ord(char):04X}), which YAML "
        "reads as a line break", line, column,
        "delete it: most are left over from copying and pasting; if it is meant, write it "
        f"inside double quotes as {_ESCAPE_FOR[char]}")


def explain_reader_error(text: str, positions: Positions) -> YamlIssue:
    """A character YAML does not allow (libyaml reports only a byte offset)."""
    found = _NOT_YAML.search(text)
    if found is None:  # pragma: no cover - libyaml and the pattern agree on the rules
        return YamlIssue("the file contains a character YAML does not allow", None, None)
    code = ord(found.group())
    line, column = positions.at(found.start())
    name = _CONTROL_NAMES.get(code)
    shown = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    what = f"the control character {shown}" + (f" ({name})" if name else "")
    hint = "remove it: it is invisible in most editors"
    if 0x80 <= code <= 0x9F:
        hint += "; it is often a curly quote or dash mangled from Windows-1252: retype it"
    elif code == 0x1B:
        hint += "; text must not carry terminal escape sequences"
    return YamlIssue(f"the file contains {what}, which YAML does not allow", line, column, hint)


def _quote_continues(positions: Positions, mark: Any) -> bool:
    """Is the error just after a closing quote (``'it's'``, ``"say "hi""``)?"""
    if mark is None:
        return False
    before = positions.text[max(0, mark.index - 200):mark.index].rstrip(" ")
    return before.endswith(("'", '"'))


def _colon_hint(positions: Positions, mark: Any) -> tuple[str, str] | None:
    """For a ': ' inside unquoted text: the message and hint, else None."""
    line = positions.line_text(mark.index, reach=300)
    if len(line) >= 300:  # a very long line: no example worth printing
        return None
    match = re.match(r"(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):\s+(.*\S)\s*$", line)
    if match is None:
        return None
    key, value = match.group(2), match.group(3)
    if not value.count(": ") and not value.endswith(":"):
        return None
    quote = '"' if '"' not in value else "'"
    value = value.replace("'", "''") if quote == "'" else value
    return ("a ': ' inside unquoted text",
            f"put the text in quotes: {key}: {quote}{clip(value, 60)}{quote}")


def explain(
    error: yaml.YAMLError, positions: Positions, open_flow: Sequence[Any] = ()
) -> YamlIssue:
    """A curator-facing :class:`YamlIssue` for a libyaml scanner/parser/composer error.

    ``open_flow`` holds the start marks of the '[' and '{' still open when it happened.
    """
    issue = _explain(error, positions, open_flow)
    if issue.message.startswith("YAML syntax error"):
        return issue
    return replace(issue, message=f"YAML syntax error: {issue.message}")


def _explain(error: yaml.YAMLError, positions: Positions, open_flow: Sequence[Any]) -> YamlIssue:
    if isinstance(error, yaml.reader.ReaderError):
        return explain_reader_error(positions.text, positions)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    opened = getattr(error, "context_mark", None)
    char = positions.char(mark.index) if mark is not None else ""

    if char == "\t" or "tab character" in problem:
        return _issue(positions, mark, "a tab character where YAML expects spaces",
                      "indent with spaces only: replace the tab with spaces")
    if "quoted scalar" in context and opened is not None and (
        "end of stream" in problem or "document indicator" in problem
    ):
        return _issue(positions, opened, "this quoted text is never closed",
                      "add the closing quote at the end of the text")
    if "invalid Unicode character escape" in problem:
        return _issue(positions, mark, "an escape for a character that cannot exist (\\ud800 "
                      "to \\udfff are halves of UTF-16 pairs, which YAML does not join)",
                      "write the character itself, or as \\U with 8 hex digits, e.g. "
                      "\\U0001F600")
    if "escape" in problem or "hexdecimal" in problem:
        return _issue(positions, mark, "a backslash escape YAML does not know",
                      "inside double quotes write a backslash as \\\\, or use single quotes: "
                      "'C:\\path' keeps backslashes as written")
    if "found undefined alias" in problem:
        name = problem.removeprefix("found undefined alias").strip(" '\"")
        return _issue(positions, mark, f"'*{name}' refers to an anchor that is not defined",
                      f"define '&{name}' before this point, or put text that starts with '*' "
                      "in quotes")
    if "duplicate anchor" in context:
        name = context.removeprefix("found duplicate anchor").split(";")[0].strip(" '\"")
        first = f"; the first '&{name}' is at {_where(positions, opened)}" if opened else ""
        return _issue(positions, mark, f"the anchor '&{name}' is defined twice",
                      f"give each anchor its own name{first}")
    if "alias" in context or "anchor" in context:
        return _issue(positions, opened or mark, "'*' or '&' starts a YAML alias or anchor here",
                      "put text that starts with '*' or '&' in quotes")
    if "tag handle" in problem or "while parsing a tag" in context:
        return _issue(positions, opened or mark, "a YAML tag ('!...') is not allowed",
                      "newstui never uses tags; put text that starts with '!' in quotes")
    if "block scalar" in context:
        return _issue(positions, mark, "text right after '|' or '>'",
                      "text after '|' or '>' starts on the next line, indented; put text that "
                      "starts with '|' or '>' in quotes")
    if "block sequence entries are not allowed" in problem:
        return _issue(positions, mark, "a '- ' list item where a value was expected",
                      "start each list item on its own line, indented under its key; put text "
                      "that starts with '- ' in quotes")
    if "directive" in problem or "directive" in context or "incompatible YAML" in problem:
        return _issue(positions, mark, "a line starting with '%' is a YAML directive",
                      "remove the line, or put text that starts with '%' in quotes")
    if "document start" in problem:
        return _issue(positions, mark, "text after the end of the document ('...')",
                      "remove the '...' line")
    if "mapping values are not allowed" in problem:
        colon = _colon_hint(positions, mark) if mark is not None else None
        if colon is not None:
            return _issue(positions, mark, *colon)
        return _issue(positions, mark, "unexpected 'key: value' here",
                      "this line is indented more than the keys above it, or the line "
                      "above is missing its ':'")
    if "could not find expected ':'" in problem and opened is not None:
        start, end = positions.line_span(opened.index)
        if end - start > 1024 and ": " in positions.text[start:end]:
            return _issue(positions, opened, "a key longer than YAML allows (1024 characters)",
                          "shorten the key; long text belongs in a value")
    if "could not find expected ':'" in problem:
        return _issue(positions, opened or mark, "this line is not 'key: value'",
                      "if it continues the text above, indent it more than that text's key "
                      "or put the whole text in quotes; if it is a key, add ': '")
    if "cannot start any token" in problem:
        shown = repr(char) if char else "this character"
        return _issue(positions, mark, f"{shown} cannot start unquoted text",
                      "put the text in quotes")
    if "expected ',' or" in problem and opened is not None:
        bracket = positions.char(opened.index) or "["
        closer = "]" if bracket == "[" else "}"
        if _quote_continues(positions, mark):
            return _issue(positions, mark, f"expected ',' or '{closer}' after the quoted text",
                          "add the missing ','; or, if the quote belongs to the text, write "
                          "\\\" for \" inside \"...\" and '' for ' inside '...'")
        if mark is not None and positions.of(mark)[0] > positions.of(opened)[0]:
            return _issue(positions, opened, f"this '{bracket}' is never closed",
                          f"add the closing '{closer}' or a missing ','; the parser "
                          f"gave up at {_where(positions, mark)}")
        if char == ":":
            colon = "put text that contains ':' in quotes"
            return _issue(positions, mark, "a ':' inside unquoted text in brackets", colon)
        return _issue(positions, mark, f"expected ',' or '{closer}' here",
                      f"separate items with ',' and close the '{bracket}' opened at "
                      f"{_where(positions, opened)}")
    if "expected node content" in problem and not char and open_flow:
        bracket = positions.char(open_flow[-1].index) or "["
        closer = "]" if bracket == "[" else "}"
        return _issue(positions, open_flow[-1], f"this '{bracket}' is never closed",
                      f"add the closing '{closer}'; the file ends before it")
    if "expected node content" in problem:
        shown = repr(char) if char else "this"
        return _issue(positions, mark, f"unexpected {shown}",
                      "a closing bracket without an opening one, or two commas in a row; "
                      "put text that starts with a bracket or comma in quotes")
    if "expected key" in problem:
        if _quote_continues(positions, mark):
            return _issue(positions, mark, "text continues after a closing quote", _QUOTE_HINT)
        if char in ("]", "}"):
            return _issue(positions, mark, f"an extra {char!r}",
                          "it closes a bracket that was never opened; remove it")
        return _issue(positions, mark, "this line is not indented like the keys above it",
                      "the keys of one mapping start in the same column; text that goes on "
                      "must be indented more than its key")
    if "'-' indicator" in problem:
        return _issue(positions, mark, "this line does not line up with the list items above",
                      "start each item with '- ' in the same column, and line up the keys "
                      "of an item with the first key after its '- '")
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return _issue(positions, mark or opened, message,
                  "check the quoting and indentation of this line and the one above")


_QUOTE_HINT = (
    "a quote inside quoted text ends it: write '' for ' inside '...', and \\\" for \" "
    "inside \"...\"; or an earlier quote was never closed"
)
