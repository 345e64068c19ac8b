"""The fast path for newstui's own model written as strict JSON (stdlib ``json``).

:func:`parse_json` reads JSON the way the authoritative (YAML) reader would read the same
text: numbers stay the text written, duplicate keys, ``NaN``/``Infinity`` and lone
surrogates are refused, and it records where each top-level event object starts (turned
into lines by :func:`offsets_to_lines`). :func:`strict_json_problem` says what went wrong
when it refuses a text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tui.data.errors import Problem


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


class DuplicateKey(ValueError):
    """A JSON object names the same key twice (JSON parsers silently keep the last)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


class NotJson(ValueError):
    """Text Python's json module accepts but JSON does not (NaN, lone surrogates)."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _refuse_constant(name: str) -> Any:
    raise NotJson(f"{name} is not a JSON value", name)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]")


def _check_surrogates(text: str, data: Any) -> None:
    # json decodes an escaped surrogate pair into one character, but keeps a lone
    # surrogate, which no UTF-8 file, terminal or cache can hold.
    if _SURROGATE_ESCAPE.search(text) is None:
        return
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise NotJson("a \\u escape encodes half of a character (a lone surrogate)",
                      "\\u") from None


def strict_json_problem(text: str, filename: str, error: BaseException) -> Problem:
    """The problem to report for JSON that :func:`parse_json` refused."""
    if isinstance(error, json.JSONDecodeError):
        return Problem(filename, error.lineno, error.colno, f"JSON syntax error: {error.msg}",
                       hint="check the brackets, commas and quotes around this point")
    if isinstance(error, RecursionError):
        return Problem(filename, None, None, "nesting too deep",
                       hint="a timeline needs only a few levels; check for runaway brackets")
    line = column = None
    token = getattr(error, "token", None) or getattr(error, "key", None)
    at = text.find(token) if isinstance(token, str) else -1
    if at != -1:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(filename, line, column, str(error),
                   hint="write the value as text or a number JSON allows")


def parse_json(text: str) -> tuple[Any, list[int] | None]:
    """JSON data and the offset of each top-level event object (None if not found).

    Raises :class:`ValueError` (a :class:`json.JSONDecodeError`, :class:`DuplicateKey`)
    or :class:`RecursionError` for text that is not strict JSON without duplicate keys.
    """
    # Numbers stay the text written, as the authoritative (YAML) reader keeps them.
    decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_int=str,
                               parse_float=str, parse_constant=_refuse_constant)
    scan_once = decoder.scan_once  # type: ignore[attr-defined]

    def scan(string: str, index: int) -> tuple[Any, int]:
        try:
            return scan_once(string, index)
        except StopIteration as stop:  # how the C scanner says "no value here"
            raise json.JSONDecodeError("Expecting value", string, stop.value) from None

    ws = re.compile(r"[ \t\n\r]*")
    index = ws.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("{", index):
        value = decoder.decode(text)
        _check_surrogates(text, value)
        return value, None
    pairs: list[tuple[str, Any]] = []
    starts: list[int] | None = None
    index = ws.match(text, index + 1).end()  # type: ignore[union-attr]
    if text.startswith("}", index):
        return decoder.decode(text), None  # {}: fails validation, nothing to decode
    while True:
        key, index = scan(text, index)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a key", text, index)
        index = ws.match(text, index).end()  # type: ignore[union-attr]
        if not text.startswith(":", index):
            raise json.JSONDecodeError("expected ':'", text, index)
        index = ws.match(text, index + 1).end()  # type: ignore[union-attr]
        if key == "events" and text.startswith("[", index):
            value, starts, index = _json_array(text, index, scan, ws)
        else:
            value, index = scan(text, index)
        pairs.append((key, value))
        index = ws.match(text, index).end()  # type: ignore[union-attr]
        if text.startswith(",", index):
            index = ws.match(text, index + 1).end()  # type: ignore[union-attr]
            continue
        if text.startswith("}", index):
            break
        raise json.JSONDecodeError("expected ',' or '}'", text, index)
    if ws.match(text, index + 1).end() != len(text):  # type: ignore[union-attr]
        raise json.JSONDecodeError("extra data", text, index + 1)
    data = _no_duplicates(pairs)
    _check_surrogates(text, data)
    return data, starts


def _json_array(text: str, index: int, scan: Callable[[str, int], tuple[Any, int]],
                ws: re.Pattern[str]) -> tuple[list[Any], list[int], int]:
    items: list[Any] = []
    starts: list[int] = []
    index = ws.match(text, index + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", index):
        return items, starts, index + 1
    while True:
        starts.append(index)
        value, index = scan(text, index)
        items.append(value)
        index = ws.match(text, index).end()  # type: ignore[union-attr]
        if text.startswith(",", index):
            index = ws.match(text, index + 1).end()  # type: ignore[union-attr]
            continue
        if text.startswith("]", index):
            return items, starts, index + 1
        raise json.JSONDecodeError("expected ',' or ']'", text, index)


def offsets_to_lines(text: str, offsets: list[int]) -> list[int]:
    """1-based line numbers of ascending character offsets."""
    lines: list[int] = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        lines.append(line)
    return lines
