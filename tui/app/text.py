"""Pure text helpers for the app: sanitising file text, kind markers, time labels, matches.

No Textual imports: these are cheap to import and easy to test.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from tui.data.query import fold
from tui.data.records import Event
from tui.data.sanitize import printable

# Every kind has its own glyph (so kinds stay distinct under NO_COLOR) and a colour class.
KIND_MARKERS: dict[str, str] = {
    "stop": "◆",
    "meeting": "●",
    "announcement": "▲",
    "statement": "■",
    "protest": "✦",
    "hearing": "◎",
    "action": "▶",
    "incident": "✖",
}

PRECISION_WORDS: dict[str, str] = {
    "time": "exact time",
    "day": "day (time of day not known)",
    "month": "month (day not known)",
    "year": "year only",
}

_SPACES = re.compile(r"[\t\n\r]+")


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """``text`` safe to show on one line: line breaks as spaces, controls as visible escapes.

    Control and bidi-control characters are shown as ``\\x1b`` / ``\\u202e`` (as the
    validator's warnings promise), never passed to the terminal.
    """
    return printable(_SPACES.sub(" ", text), multiline=False)


def clean_block(text: str) -> str:
    """Like :func:`clean` but keeps line breaks (for summaries and notes)."""
    return printable(text.replace("\t", " "), multiline=True)


def kind_marker(kind: str) -> str:
    return KIND_MARKERS.get(kind, "•")


def local_moment(event: Event) -> datetime | None:
    """The event's start as an aware datetime in its place's zone (time precision only)."""
    moment = event.start.moment
    if moment is None:
        return None
    zone = event.zone
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone or UTC)
    return moment.astimezone(zone) if zone is not None else moment


def local_day(event: Event) -> date:
    """The calendar day the event is on, in its own place's time."""
    moment = local_moment(event)
    return moment.date() if moment is not None else event.start.day


def time_label(event: Event) -> str:
    """Six cells: an approximate mark (``≈``) then the local time or the precision."""
    mark = "≈" if event.approximate else " "
    moment = local_moment(event)
    if moment is not None:
        return f"{mark}{moment:%H:%M}"
    return mark + {"day": " day ", "month": "month", "year": "year "}[event.start.precision]


def day_label(day: date) -> str:
    """``Mon 6 Nov 2023``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    """``6 Nov``."""
    return f"{day.day} {day:%b}"


def period_label(precision: str, day: date, *, year: bool = True) -> str:
    """A day, month or year starting on ``day``: ``6 Nov 2023`` (``6 Nov`` without
    ``year``), ``Nov 2023``, ``2023``. A time's precision reads as its day."""
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return f"{day:%b %Y}"
    return f"{short_day(day)} {day:%Y}" if year else short_day(day)


def format_offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` in ``zone``; ``None`` means the user's local zone (honours ``TZ``)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where the folded ``needle`` occurs in ``text``, as (start, end) offsets into ``text``.

    Folding matches :func:`tui.data.query.fold` (case and accents ignored); it is done
    character by character so offsets map back to the original text.
    """
    if not needle:
        return []
    folded: list[str] = []
    owner: list[int] = []
    for offset, char in enumerate(text):
        for part in fold(char):
            folded.append(part)
            owner.append(offset)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((owner[start], owner[end - 1] + 1))
        start = haystack.find(needle, end)
    return spans
