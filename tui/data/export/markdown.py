"""Markdown export: a readable briefing, grouped by day, with quotes and sources.

Events come under a heading for their local day ("Monday 6 November 2023"); events known
only to the month or year come under "November 2023 (day not known)" or "2023 (month not
known)". Each event gives its time (with UTC offset), kind, place, actors, summary, its
quotes with speaker and source, and its sources (linked when they have a URL).

Everything taken from the timeline is data, never markup: Markdown's special characters
are backslash-escaped, a line that would start a heading, list, quote or table is
escaped, control characters are dropped, and URLs go inside ``<...>`` with ``<``, ``>``
and spaces percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tui.data.export.common import (
    actors_text,
    clock_text,
    day_text,
    event_date_text,
    local_moment,
    offset_text,
    one_line,
    period_text,
    place_text,
    uri,
)
from tui.data.load import Timeline
from tui.data.records import Event, Source

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
# Characters dropped from data: C0/C1 controls (but tab and line feed) and bidi overrides.
DROPPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_start(match: re.Match[str]) -> str:
    # "- x" becomes \- x, "1. x" becomes 1\. x (a backslash before a digit is literal).
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def escape(text: str) -> str:
    """Text that Markdown shows as written (also across lines)."""
    lines = []
    for raw in DROPPED.sub("", text).replace("\t", " ").split("\n"):
        line = _SPECIAL.sub(r"\\\1", raw.strip())
        lines.append(_LINE_START.sub(_escape_start, line))
    return "\n".join(lines)


def escape_line(text: str) -> str:
    """Escaped text folded onto one line (headings, list items)."""
    return escape(one_line(text))


def link_target(url: str) -> str:
    return f"<{uri(url)}>"


def _day_heading(event: Event) -> str:
    if event.start.precision == "year":
        return f"{event.start.day.year} (month not known)"
    if event.start.precision == "month":
        return f"{period_text(event.start)} (day not known)"
    if event.start.moment is not None:
        return day_text(local_moment(event.start, event.zone).date(), weekday=True)
    return day_text(event.start.day, weekday=True)


def _event_heading(event: Event) -> str:
    title = escape_line(event.title)
    if event.start.moment is None:
        return f"### {title}"
    first = local_moment(event.start, event.zone)
    clock = clock_text(first)
    if _same_day_times(event):
        assert event.end is not None
        clock += f"–{clock_text(local_moment(event.end, event.zone))}"
    return f"### {clock} ({offset_text(first)}) · {title}"


def _same_day_times(event: Event) -> bool:
    """Whether the heading's "14:30–16:00" already says all there is about the dates."""
    if event.end is None or event.start.moment is None or event.end.moment is None:
        return False
    first = local_moment(event.start, event.zone)
    last = local_moment(event.end, event.zone)
    return first.date() == last.date() and first.utcoffset() == last.utcoffset()


def _source_citation(source: Source) -> str:
    title = escape_line(source.title)
    text = f"[{title}]({link_target(source.url)})" if source.url else f"*{title}*"
    if source.publisher:
        text += f", {escape_line(source.publisher)}"
    return f"{text}, {period_text(source.published)}"


def _event_block(timeline: Timeline, event: Event) -> Iterator[str]:
    yield _event_heading(event)
    yield ""
    facts = [f"*{event.kind.capitalize()}*"]
    if event.place is not None:
        facts.append(escape_line(place_text(event.place)))
    actors = actors_text(timeline, event)
    if actors:
        facts.append(escape_line(", ".join(actors)))
    yield " · ".join(facts)
    yield ""
    notes = []
    if event.end is not None and not _same_day_times(event):
        notes.append(f"When: {escape_line(event_date_text(event))}")
    if event.approximate:
        notes.append("approximate date")
    if event.date_text:
        notes.append(f"reported as “{escape_line(event.date_text)}”")
    if notes:
        yield "*" + "; ".join(notes) + "*"
        yield ""
    if event.summary.strip():
        for paragraph in re.split(r"\n\s*\n", event.summary.strip()):
            yield escape(paragraph)
            yield ""
    for quote in event.quotes:
        for line in escape(quote.text).split("\n"):
            yield f"> {line}" if line else ">"
        yield ">"
        source = timeline.sources[quote.source]
        speaker = escape_line(timeline.actor_name(quote.speaker))
        yield f"> — {speaker}, in *{escape_line(source.title)}*"
        yield ""
    cited = [_source_citation(timeline.sources[s]) for s in event.sources]
    label = "Source" if len(cited) == 1 else "Sources"
    yield f"{label}: " + "; ".join(cited) + "."
    if event.note:
        yield ""
        yield f"Note: {escape_line(event.note)}"
    yield ""


def to_markdown(timeline: Timeline, events: Sequence[Event],
                filters: Sequence[str] = ()) -> str:
    lines = [f"# {escape_line(timeline.title)}", ""]
    if timeline.description.strip():
        lines += [escape(timeline.description.strip()), ""]
    total = len(timeline.events)
    count = f"{len(events)} of {total} events" if len(events) != total else (
        f"{total} event{'s' if total != 1 else ''}")
    scope = f"*{count}"
    if filters:
        scope += " · " + escape_line("; ".join(filters))
    lines += [scope + "*", ""]
    heading = None
    for event in events:
        day = _day_heading(event)
        if day != heading:
            heading = day
            lines += [f"## {escape_line(day)}", ""]
        lines.extend(_event_block(timeline, event))
    return "\n".join(lines).rstrip("\n") + "\n"
