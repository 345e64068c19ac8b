"""Wording shared by the exporters: human dates, places, actors and source references.

Dates are written at the precision the timeline gives them, never more: a month-precision
event reads "November 2023", not "1 November 2023". Times are shown in the event's own
local time with their UTC offset ("14:30 (UTC+03:00)"), because a time without its offset
is ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, tzinfo
from urllib.parse import quote

from tui.data.countries import country_name
from tui.data.dates import When
from tui.data.load import Timeline
from tui.data.records import Event, Place, Source

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words that mark a date as loose ("about 1950", "early November"): shared with the
# TimelineJS importer, which reads them back as ``approximate``.
HEDGE = re.compile(
    r"\b(about|around|approx\w*|circa|ca?\.|early|mid|late|some ?time)(?=\W|$)|~|\?",
    re.IGNORECASE,
)


def day_text(day: date, *, weekday: bool = False) -> str:
    """``6 November 2023`` (or ``Monday 6 November 2023``); years below 1000 unpadded."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def period_text(when: When | None) -> str:
    """The date at its own precision: ``2023``, ``November 2023`` or ``6 November 2023``."""
    if when is None:
        return "date not given"
    if when.precision == "year":
        return str(when.day.year)
    if when.precision == "month":
        return f"{MONTHS[when.day.month - 1]} {when.day.year}"
    return day_text(when.day)


def local_moment(when: When, tz: tzinfo | None) -> datetime:
    """A time-precision date as an aware datetime in the event's own local time.

    With a place time zone, the time in that zone (however the file wrote it); without
    one, the time with the offset the file wrote (validation guarantees one).
    """
    assert when.moment is not None
    if when.moment.tzinfo is None:
        return when.moment.replace(tzinfo=tz)
    return when.moment.astimezone(tz) if tz is not None else when.moment


def offset_text(moment: datetime) -> str:
    """``UTC+03:00``, ``UTC-05:30`` or ``UTC`` for a zero offset."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock_text(moment: datetime) -> str:
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{text}:{moment.second:02d}" if moment.second else text


def when_text(when: When, tz: tzinfo | None) -> str:
    """One date in words, with its local time and offset when it has one."""
    if when.moment is None:
        return period_text(when)
    moment = local_moment(when, tz)
    return f"{day_text(moment.date())}, {clock_text(moment)} ({offset_text(moment)})"


def event_date_text(event: Event) -> str:
    """The event's start (and end) in words, e.g. ``6 November 2023, 14:30–16:00 (UTC+03:00)``."""
    return dates_text(event.start, event.end, event.zone)


def dates_text(start: When, end: When | None, tz: tzinfo | None) -> str:
    """A start (and end) in words, local to ``tz`` for times written without offset."""
    if end is None:
        return when_text(start, tz)
    if start.moment is not None and end.moment is not None:
        first, last = local_moment(start, tz), local_moment(end, tz)
        if first.date() == last.date() and first.utcoffset() == last.utcoffset():
            return (f"{day_text(first.date())}, {clock_text(first)}–{clock_text(last)} "
                    f"({offset_text(first)})")
    if start.precision == end.precision == "day" and start.day.year == end.day.year:
        if start.day.month == end.day.month:
            return f"{start.day.day}–{day_text(end.day)}"
        return f"{start.day.day} {MONTHS[start.day.month - 1]} – {day_text(end.day)}"
    return f"{when_text(start, tz)} – {when_text(end, tz)}"


def place_text(place: Place | None) -> str:
    """``Ankara, Türkiye`` (the country's name, not its code)."""
    if place is None:
        return ""
    country = country_name(place.country)
    return place.name if place.name == country else f"{place.name}, {country}"


def actors_text(timeline: Timeline, event: Event) -> list[str]:
    """Actor names, each with its role in the event when one is given."""
    names = []
    for ref in event.actors:
        name = timeline.actor_name(ref.id)
        names.append(f"{name} ({ref.role})" if ref.role else name)
    return names


def source_text(source: Source, *, url: bool = True) -> str:
    """``Wire report, Example Wire, 10 November 2023, https://...``."""
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    parts.append(period_text(source.published))
    if url and source.url:
        parts.append(source.url)
    return ", ".join(parts)


def iso_local(when: When, tz: tzinfo | None) -> str:
    """ISO 8601 at the date's precision; a time always with its UTC offset."""
    if when.moment is None:
        return when.iso()
    moment = local_moment(when, tz)
    spec = "minutes" if moment.second == 0 and not moment.microsecond else "seconds"
    return moment.isoformat(timespec=spec)


def one_line(text: str) -> str:
    """Text folded onto one line (titles, table cells that must not break)."""
    return " ".join(text.split())


def slug(text: str, *, limit: int = 48) -> str:
    """An id or file name from text: ``"Whitney Houston<br/> 1963"`` -> ``whitney-houston-br-1963``.

    ASCII letters and digits joined by ``-``, accents folded, cut at a word boundary
    within ``limit`` characters; empty if the text has no letters or digits at all.
    A cut keeps the words holding digits (a year, a number): the words before them give
    way, so "…tour, November 2023" becomes ``…-tour-2023``, not ``…-tour-november``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", folded.lower())
    if len("-".join(words)) <= limit:
        return "-".join(words)
    numbered = [any(c.isdigit() for c in word) for word in words]
    later = [0] * (len(words) + 1)  # room the numbered words after each word need
    for at in range(len(words) - 1, -1, -1):
        later[at] = later[at + 1] + (len(words[at]) + 1 if numbered[at] else 0)
    kept: list[str] = []
    length = -1  # of "-".join(kept)
    cut = False  # a word was left out: only numbered words follow
    for at, word in enumerate(words):
        after = length + 1 + len(word)
        if after <= limit and (numbered[at] or (not cut and after + later[at + 1] <= limit)):
            kept.append(word)
            length = after
        else:
            cut = True
    return "-".join(kept) or words[0][:limit]


def uri(url: str) -> str:
    """A URL with the characters a URI may not hold percent-encoded (``<``, ``>``, spaces,
    quotes, non-ASCII), existing escapes and reserved characters kept."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")
