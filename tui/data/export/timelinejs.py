"""TimelineJS3 JSON export: a file TimelineJS loads as it is (``new TL.Timeline(id, url)``).

* ``title``: a title slide with the timeline's title and description, and a
  ``unique_id`` no event uses (TimelineJS would otherwise rename a clashing event).
* ``events``: one slide per event with ``unique_id`` (the event id), ``start_date`` and
  ``end_date`` holding only the parts the precision supports (``year``; ``month``; ``day``;
  ``hour``/``minute`` (and ``second`` when not zero)), as numbers; ``text.headline`` and
  ``text.text`` (HTML: summary, kind/place/actors, quotes, sources as links); ``group``.
* Times: TimelineJS dates have no time zone, so hour and minute are the event's local time
  and ``display_date`` states the offset ("6 November 2023, 14:30 (UTC+03:00)"), which the
  importer reads back.
* ``display_date`` also carries loose dates: the timeline's ``date_text`` ("early
  November"), or "about 2023" for an approximate date without one.
* ``group`` is the event kind ("Meeting") by default; ``group_by="country"`` uses the
  country's name and ``group_by="none"`` leaves slides ungrouped.
* All text from the timeline is HTML-escaped; links are only the sources' http(s) URLs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html import escape
from typing import Any, Literal

from tui.data.countries import country_name
from tui.data.dates import When
from tui.data.export.common import (
    HEDGE,
    actors_text,
    event_date_text,
    local_moment,
    period_text,
    place_text,
)
from tui.data.load import Timeline
from tui.data.records import Event

GroupBy = Literal["kind", "country", "none"]
GROUP_BY: tuple[GroupBy, ...] = ("kind", "country", "none")


def date_parts(when: When, event: Event) -> dict[str, int]:
    """The TimelineJS date object: only the parts the precision supports."""
    if when.moment is not None:
        moment = local_moment(when, event.zone)
        parts = {"year": moment.year, "month": moment.month, "day": moment.day,
                 "hour": moment.hour, "minute": moment.minute}
        if moment.second:
            parts["second"] = moment.second
        return parts
    parts = {"year": when.day.year}
    if when.precision in ("month", "day"):
        parts["month"] = when.day.month
    if when.precision == "day":
        parts["day"] = when.day.day
    return parts


def display_date(event: Event) -> str | None:
    """What TimelineJS should show instead of its own date format, when it cannot say it."""
    has_time = event.start.moment is not None or (
        event.end is not None and event.end.moment is not None)
    if event.date_text:
        text = event.date_text
        if event.approximate and not HEDGE.search(text):
            text += " (approximate)"
        return text
    if event.approximate:
        return "about " + event_date_text(event)
    if has_time:
        return event_date_text(event)
    return None


def _paragraphs(text: str) -> list[str]:
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.strip()) if c.strip()]
    return [f"<p>{escape(c).replace(chr(10), '<br>')}</p>" for c in chunks]


def event_html(timeline: Timeline, event: Event) -> str:
    parts = _paragraphs(event.summary)
    facts = [escape(event.kind.capitalize())]
    if event.place is not None:
        facts.append(escape(place_text(event.place)))
    actors = actors_text(timeline, event)
    if actors:
        facts.append(escape(", ".join(actors)))
    parts.append(f"<p><em>{' · '.join(facts)}</em></p>")
    for quote in event.quotes:
        speaker = escape(timeline.actor_name(quote.speaker))
        source = escape(timeline.sources[quote.source].title)
        text = escape(quote.text).replace("\n", "<br>")
        parts.append(f"<blockquote>{text}<cite>{speaker}, in {source}</cite></blockquote>")
    cited = []
    for source_id in event.sources:
        source = timeline.sources[source_id]
        title = escape(source.title)
        if source.url:
            title = f'<a href="{escape(source.url)}">{title}</a>'
        details = [escape(source.publisher)] if source.publisher else []
        details.append(escape(period_text(source.published)))
        cited.append(f"{title} ({', '.join(details)})")
    label = "Source" if len(cited) == 1 else "Sources"
    parts.append(f"<p>{label}: {'; '.join(cited)}</p>")
    return "".join(parts)


def _group(event: Event, group_by: GroupBy) -> str | None:
    if group_by == "kind":
        return event.kind.capitalize()
    if group_by == "country" and event.place is not None:
        return country_name(event.place.country)
    return None


def timelinejs_record(timeline: Timeline, events: Sequence[Event],
                      group_by: GroupBy = "kind") -> dict[str, Any]:
    slides = []
    for event in events:
        slide: dict[str, Any] = {"unique_id": event.id,
                                 "start_date": date_parts(event.start, event)}
        if event.end is not None:
            slide["end_date"] = date_parts(event.end, event)
        shown = display_date(event)
        if shown:
            slide["display_date"] = shown
        slide["text"] = {"headline": escape(event.title), "text": event_html(timeline, event)}
        group = _group(event, group_by)
        if group:
            slide["group"] = group
        slides.append(slide)
    title_text = "".join(_paragraphs(timeline.description))
    # Without its own id, TimelineJS names the title slide after its headline and renames
    # any event whose id is the same: give it one that no event has.
    title_id, n = "timeline-title", 1
    while title_id in timeline.by_id:
        n += 1
        title_id = f"timeline-title-{n}"
    title: dict[str, Any] = {"unique_id": title_id,
                             "text": {"headline": escape(timeline.title)}}
    if title_text:
        title["text"]["text"] = title_text
    return {"title": title, "events": slides}


def to_timelinejs(timeline: Timeline, events: Sequence[Event],
                  group_by: GroupBy = "kind") -> str:
    record = timelinejs_record(timeline, events, group_by)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
