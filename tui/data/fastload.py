"""The fast path for large YAML timelines: yaml-rs (Rust), guarded to agree exactly.

The authoritative reader is :func:`tui.data.yamlsafe.load_yaml` (libyaml events, our own
composer): it keeps every plain scalar as the text written and knows every position. It
reads about 4 MB/s; yaml-rs reads about 30 MB/s but applies YAML 1.2 typing (``0123`` ->
``123``, ``1.10`` -> ``1.1``) and knows no positions. :func:`fast_parse` uses yaml-rs only
where its result provably equals the authoritative one once validated, and returns None
(meaning "use the authoritative path") whenever it cannot tell:

* a cheap lexical prefilter refuses what the authoritative reader refuses or reads
  differently: tags, anchors and aliases (so no alias budget question), explicit ``?``
  keys, directives, ``...`` markers, tab indentation, characters libyaml rejects or
  treats as line breaks (C0/C1 controls, NEL, U+2028/2029, a BOM inside the text), and
  block nesting deep enough to exhaust yaml-rs's stack (it recurses: a segfault, not an
  exception, near 30,000 levels);
* duplicate keys make yaml-rs fail (``DuplicateKeyPolicy.Error``) and so fall back;
* typed values can only pass validation where the model is lax (``lat``/``lon`` floats,
  ``approximate``) or where we turn them back into text (plain years in ``start``,
  ``end``, ``published``); a census of every value written after those keys proves each
  was in a form whose meaning both readers share (``39.93``, ``2023``, ``true``) -
  otherwise (``0x1F``, ``+2023``, ``02023``) the whole file takes the authoritative path.
  Everywhere else the model's text fields are strict, so a typed value fails validation,
  and a fast result that fails validation is always re-read the authoritative way.

:func:`event_lines` recovers each event's line (for ``$EDITOR``) from the text itself.
Strict JSON has its own fast path: :mod:`tui.data.jsonload`.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

MAX_PREFIX = 120  # indentation + compact "- " chains; the format needs about 10
_ALIAS_LIMITS: Any = None

# The lexical checks run on the UTF-8 bytes: regexes and searches over one-byte units are
# several times faster than over a str that holds any non-Latin-1 character.
# Bytes libyaml rejects, or reads as line breaks where YAML 1.2 does not: C0 controls
# (by deleting every other byte), C1 controls, NEL, LS, PS, a BOM, U+FFFE/FFFF.
_SAFE_BYTES = bytes([9, 10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
# (Each pattern starts with one literal byte: sre then skips ahead with memchr.)
_UNSAFE_UTF8 = (re.compile(rb"\xc2[\x80-\x9f]"), re.compile(rb"\xe2\x80[\xa8\xa9]"),
                re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"))
# Directives, document end markers, tab indentation, and nesting deep enough to exhaust
# yaml-rs's stack (counted generously: indentation plus compact "- "/"? "/": " chains).
_LINE_START = re.compile(rb"\n(?:%%|\.\.\.|[ ]*\t|[ \t?:-]{%d})" % MAX_PREFIX)
_MARKER_LINE = re.compile(rb"\n(?:%|\.\.\.)")  # its first two cases: sre skips to "\n"
# An escape (which could spell a key such as "l\x61t") inside a quoted key.
_ESCAPED_KEY = re.compile(rb"\\[xuU][0-9A-Fa-f][^\"\n]*\"[ \t]*:")
_TOKEN_START = frozenset(b" \t\r\n[]{},:")
# Where YAML 1.1 (libyaml) and 1.2 (yaml-rs) read plain text in flow collections apart:
# an indicator right after "[", "{" or ","; text after a block scalar header; a value
# starting with ":"; a line starting with ":"; ":" right before a flow delimiter. (Each
# pattern starts with a literal byte, so that sre skips ahead with memchr.)
_NOT_HEADER = r"(?![-+]?[ ]*(?:#[^\r\n]*)?\r?(?:\n|\Z))"


def _after_value(char: str) -> str:
    # ``char`` just after ": " or "- " (up to three spaces): where a value starts.
    return "(?:" + "|".join(f"(?<=[:\\-]{' ' * n}\\{char})" for n in (1, 2, 3)) + ")"


_FLOW_ODDITIES = tuple(re.compile(pattern.encode()) for pattern in (
    r"\[[ ]*[|>:]", r"\{[ ]*[|>:]", r",[ ]*[|>:]",
    r"\|" + _after_value("|") + _NOT_HEADER, r">" + _after_value(">") + _NOT_HEADER))
_COLON_ODDITIES = (re.compile(rb":(?:[ ]+:|[,\]}])"), re.compile(rb"\n[ ]*:(?:[ \r\n]|\Z)"))
# A block scalar header: what follows it must be a more indented, non-blank line.
# (Group 1: the indentation of the line after it.)
_BLOCK_HEADERS = (re.compile(rb"\|[-+]?[ ]*(?:#[^\r\n]*)?\r?(?:\n|\Z)( *)"),
                  re.compile(rb">[-+]?[ ]*(?:#[^\r\n]*)?\r?(?:\n|\Z)( *)"))
_SPACES = re.compile(rb" *")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89abAB]")
_LONG_DIGITS = 1000
# Runs the regex engine would try at every position (a long run of digits; a line starting
# with MAX_PREFIX indentation or compact-nesting characters) are found in a copy where each
# byte stands for its class, by substring search, a window at a time.
_CLASSES = bytes(ord("0") if 0x30 <= byte <= 0x39 else ord(" ") if chr(byte) in " \t?:-"
                 else byte if byte == ord("\n") else ord("x") for byte in range(256))
_WINDOW = 1 << 24
_BLANK = frozenset(b" \t\r\n")
_FLOW = frozenset(b",[]{}")

# The value written after a key, found wherever the key is written (plain or quoted).
_VALUE = rb"[\"']?[ \t]*:[ \t]*([^\s,\]}#]*)"
_CENSUS = {key: re.compile(key.encode() + rb"(?<![\w-]" + key.encode() + rb")" + _VALUE)
           for key in ("lat", "lon", "start", "end", "published")}
_NULLS = frozenset({"~", "null", "Null", "NULL"})
# "-0" is excluded: yaml-rs reads it as the integer 0, the model as the float -0.0.
_NUMBER = re.compile(r"(?:0|-?[1-9][0-9]*)(?:\.[0-9]+)?|-0\.[0-9]+")
_YEAR = re.compile(r"[1-9][0-9]{3}")
_DATE_LIKE = re.compile(r"[0-9]{4}-")
_RADIX = re.compile(rb"0[xXoObB]")


def _indicator_at_token_start(raw: bytes) -> bool:
    # Tags (!), anchors (&), aliases (*) and explicit keys ("? ") start a token; in prose
    # these characters are rare, so finding each one beats a regex over every position.
    for char in b"!&*?":
        at = raw.find(char)
        while at != -1:
            if at == 0 or raw[at - 1] in _TOKEN_START:
                after = raw[at + 1] if at + 1 < len(raw) else None
                if char == ord("?"):
                    return True  # libyaml reads "?x" in a flow collection as a key
                elif char == ord("!") or (after is not None and after not in _BLANK
                                          and after not in _FLOW):
                    return True  # a lone "!" is the non-specific tag: '' for yaml-rs
            at = raw.find(char, at + 1)
    return False


def _block_scalar_oddity(raw: bytes) -> bool:
    # A block scalar whose first line is blank or not indented more than its header line
    # (an empty scalar, or leading blank lines): libyaml and yaml-rs keep different breaks.
    for pattern in _BLOCK_HEADERS:
        for match in pattern.finditer(raw):
            at = match.start()
            if at and raw[at - 1] not in b" -:?":
                continue  # "a|b" is plain text, not a header
            line_start = raw.rfind(b"\n", 0, at) + 1
            indent = _SPACES.match(raw, line_start).end() - line_start  # type: ignore[union-attr]
            following = match.end()
            if following - match.start(1) <= indent or raw[following:following + 1] in (
                    b"\n", b"\r", b"", b"}", b"]", b","):
                return True
    return False


def _line_start(data: bytes) -> bool:
    """A directive, a document end marker or tab indentation at a line start."""
    if data.startswith((b"%", b"...")) or _MARKER_LINE.search(data):
        return True
    return b"\t" in data and _LINE_START.search(b"\n" + data) is not None


def _long_runs(data: bytes) -> tuple[bool, bool]:
    """(deep nesting as :data:`_LINE_START` counts it, a run of :data:`_LONG_DIGITS` digits)."""
    deep_needle = b"\n" + b" " * MAX_PREFIX
    digit_needle = b"0" * _LONG_DIGITS
    deep = digits = False
    overlap = max(len(deep_needle), len(digit_needle))
    for start in range(0, len(data), _WINDOW):
        window = (b"\n" + data[:_WINDOW] if start == 0
                  else data[start - overlap:start + _WINDOW]).translate(_CLASSES)
        deep = deep or deep_needle in window
        digits = digits or digit_needle in window
        if deep and digits:
            break
    return deep, digits


def prefilter(text: str, raw: bytes | None = None) -> str | None:
    """Why the fast path cannot read ``text`` (or None if it can).

    ``raw`` is the text as UTF-8, if the caller has it already.
    """
    try:
        data = raw if raw is not None else text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return "characters that libyaml rejects"
    if data.translate(None, _SAFE_BYTES) or (not data.isascii() and any(
            pattern.search(data) for pattern in _UNSAFE_UTF8)):
        return "characters that libyaml rejects or reads as line breaks"
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return "a carriage return that ends a line on its own"
    if _indicator_at_token_start(data):
        return "tags, anchors, aliases or explicit keys"
    if b"\t" in data:
        return "tabs (libyaml and yaml-rs disagree on where they may separate tokens)"
    if (any(p.search(data) for p in _FLOW_ODDITIES + _COLON_ODDITIES)
            or _block_scalar_oddity(data)):
        return "block scalar headers or flow values the readers read differently"
    deep, digits = _long_runs(data)
    if deep or _line_start(data):
        return "directives, document markers, tab indentation or deep nesting"
    if b"\\" in data and _ESCAPED_KEY.search(data):
        return "escapes in a quoted key"
    if b"\\" in data and _SURROGATE_ESCAPE_BYTES.search(data):
        return "escaped UTF-16 surrogates (yaml-rs joins pairs, libyaml refuses them)"
    if digits:
        return "a very long run of digits (yaml-rs reads big integers in quadratic time)"
    return None


def _token_ok(key: str, token: str) -> bool:
    """Does a value written as ``token`` after ``key`` mean the same to both readers?"""
    if not token or token in _NULLS:
        return bool(token)  # an empty token means the value is on a later line: unproven
    first = token[0]
    if first in "\"'[{|>":
        return True  # quoted or block text, or a collection (which fails validation)
    if key in ("lat", "lon"):
        # yaml-rs reads forms like 9_, _0 or 1_000 as numbers; only plain decimals agree.
        return _NUMBER.fullmatch(token) is not None
    # start, end, published: only a plain year is typed and turned back into text.
    return first not in "+-.0123456789" or bool(
        _YEAR.fullmatch(token) or _DATE_LIKE.match(token))


def census_ok(raw: bytes, keys: tuple[str, ...]) -> bool:
    """Was every value after ``keys`` written in a form both readers agree on?"""
    return all(_token_ok(key, token.decode("utf-8", "replace")) for key in keys
               for token in set(_CENSUS[key].findall(raw)))


def _limits() -> Any:
    global _ALIAS_LIMITS
    if _ALIAS_LIMITS is None:
        import yaml_rs

        # No anchors get past the prefilter; a tight budget is a second fence.
        _ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=1000,
                                            max_replay_stack_depth=8)
    return _ALIAS_LIMITS


def _typed(data: dict[str, Any]) -> tuple[bool, int, bool]:
    """Typed values where the model is lax: (refuse, coordinates to prove, years to prove).

    Coordinates: 0 none, 2 numbers whose written form the census must prove.
    Elsewhere the model's text fields are strict: a typed value fails validation.
    """
    coordinates, years = 0, False
    sources = data.get("sources")
    for source in sources.values() if isinstance(sources, dict) else ():
        if isinstance(source, dict) and type(source.get("published")) is int:
            years = True
    events = data.get("events")
    for event in events if isinstance(events, list) else ():
        if not isinstance(event, dict):
            continue
        approximate = event.get("approximate")
        if approximate is not None and type(approximate) not in (bool, str):
            return True, 0, False  # 1, 01, +1, 1.0: pydantic's bool reads only some
        if type(event.get("start")) is int or type(event.get("end")) is int:
            years = True
        place = event.get("place")
        if isinstance(place, dict):
            for key in ("lat", "lon"):
                value = place.get(key)
                if type(value) is bool:
                    return True, 0, False  # true -> 1.0 for pydantic, text for ours
                if type(value) in (int, float):
                    # yaml-rs reads YAML 1.1 forms the model refuses (9_, 1_000.5):
                    # the census must prove every coordinate was written plainly.
                    coordinates = 2
    return False, coordinates, years


def _years_to_text(data: dict[str, Any]) -> None:
    # census_ok() proved every plain number after these keys is a four-digit year.
    sources = data.get("sources")
    for source in sources.values() if isinstance(sources, dict) else ():
        if isinstance(source, dict) and type(source.get("published")) is int:
            source["published"] = str(source["published"])
    events = data.get("events")
    for event in events if isinstance(events, list) else ():
        if isinstance(event, dict):
            for key in ("start", "end"):
                if type(event.get(key)) is int:
                    event[key] = str(event[key])


def fast_parse(text: str, raw: bytes | None = None) -> dict[str, Any] | None:
    """Plain data equal (after validation) to the authoritative reader's, or None."""
    try:
        raw = raw if raw is not None else text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    if prefilter(text, raw) is not None:
        return None
    try:
        import yaml_rs
    except ImportError:  # an install without the wheel: the authoritative reader only
        return None

    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_limits(),
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (yaml_rs.YAMLDecodeError, ValueError, TypeError, RecursionError, OverflowError):
        # The authoritative reader will say where and why. (TypeError: yaml-rs cannot
        # build a dict whose key is a list.)
        return None
    if not isinstance(data, dict):
        return None
    refuse, coordinates, years = _typed(data)
    if refuse:
        return None
    # Integer coordinates agree with the model's float() unless written 0x.., 0o.., 0b..
    # or -0: prove it by a census only when such text could be there at all.
    if (coordinates == 2 or (coordinates and _RADIX.search(raw))) and (
            not census_ok(raw, ("lat", "lon"))):
        return None
    if years:
        if not census_ok(raw, ("start", "end", "published")):
            return None
        _years_to_text(data)
    return data


_EVENTS_KEY = re.compile(rb"events[\"']?[ \t]*:[ \t]*(?:#[^\r\n]*)?(?=\r?\n)")
_CONTENT_LINE = re.compile(rb"\n([ ]*)([^\s])")


def event_lines(raw: bytes, ids: list[Any]) -> list[int] | None:
    """1-based line of each top-level event (where the authoritative locator puts it).

    ``raw`` is the file's text as UTF-8; ``ids`` are the events' ``id`` values in file
    order. None when the text is not laid out as a block sequence under a top-level
    ``events:`` key, or the lines found do not match the events (the caller then asks
    the authoritative reader).
    """
    if not ids:
        return []
    block = events_block(raw)
    if block is None:
        return None
    items = list(block.items.finditer(raw, block.start, block.end))
    if len(items) != len(ids):
        return None
    lines: list[int] = []
    line, offset = 1, 0
    for item, ident in zip(items, ids, strict=True):
        line += raw.count(b"\n", offset, item.start() + 1)
        offset = item.start() + 1
        if not item_starts_mapping(item, ident):
            return None
        lines.append(line)
    return lines


class EventsBlock(NamedTuple):
    """Where the block sequence under the top-level ``events:`` key lies in the text."""

    head: int  # offset of the line break ending the "events:" line
    start: int  # offset of the line break before the first item's line
    end: int  # offset of the first line after the block (or the text's length)
    items: re.Pattern[bytes]  # matches "\n" + each item's "- " line (group 1: the rest)


def events_block(raw: bytes) -> EventsBlock | None:
    """The ``events:`` block of a text laid out as a block sequence under that key, or None."""
    heads = [m for m in _EVENTS_KEY.finditer(raw) if _at_line_start(raw, m.start())]
    if len(heads) != 1:
        return None
    head = heads[0].end()  # at the line break ending the "events:" line
    first = _CONTENT_LINE.search(raw, head)
    while first is not None and first.group(2) == b"#":
        first = _CONTENT_LINE.search(raw, first.end())
    if first is None or first.group(2) != b"-":
        return None
    indent = len(first.group(1))
    # The block ends at the first content line indented less (or, at indent 0, a key).
    if indent:
        ender = re.compile(rb"\n {0,%d}[^\s#]" % (indent - 1))
    else:
        ender = re.compile(rb"\n(?:[^\s#-]|-[^\s])")
    end_match = ender.search(raw, head)
    end = end_match.start() + 1 if end_match else len(raw)
    items = re.compile(rb"\n {%d}-(?:[ \t]+([^\n]*))?(?=\n|\Z)" % indent)
    return EventsBlock(head, first.start(), end, items)


def item_starts_mapping(item: re.Match[bytes], ident: Any) -> bool:
    """Does the item's "- " line start its mapping (and name ``ident``, if it names one)?

    Only then is the item's line the one the authoritative locator gives.
    """
    rest = (item.group(1) or b"").strip()
    if not rest or rest.startswith(b"#"):
        return False  # the mapping starts on a later line: rare, let the locator say
    return not rest.startswith(b"id:") or _same_id(rest[3:].decode("utf-8", "replace"), ident)


def _at_line_start(raw: bytes, at: int) -> bool:
    if at and raw[at - 1] in b"\"'":
        at -= 1
    return at == 0 or raw[at - 1] == ord("\n")


def _same_id(written: str, ident: Any) -> bool:
    value = written.split(" #", 1)[0].strip()
    if value[:1] in "\"'":
        value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value
    return value == ident if "\\" not in value and "''" not in value else True
