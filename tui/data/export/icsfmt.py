"""iCalendar (RFC 5545) export: one VEVENT per event, made with the ``icalendar`` library.

* ``UID`` is ``<event id>.<12 hex digits of the timeline title's SHA-256>@newstui``: stable
  for an event across exports, distinct between timelines that reuse an id.
* ``DTSTAMP`` is the export time in UTC (tests pass a fixed one); ``PRODID`` and ``VERSION``
  are set on the calendar.
* Day precision: an all-day entry (``DTSTART;VALUE=DATE``, ``DTEND`` the day after the last
  day, as RFC 5545 wants an exclusive end).
* Time precision: ``DTSTART``/``DTEND`` in the place's IANA time zone (``TZID`` with its
  ``VTIMEZONE``) when the place gives one, otherwise in UTC (exact: the offset was written).
* Month and year precision: an all-day entry spanning the whole month or year, and the
  description says "Date known only to the month (November 2023)", so no one reads it as
  a month-long event. Mixed precisions (a day start, a time end) also become all-day.
* ``LOCATION`` is "place, country" and ``GEO`` its coordinates when given; ``DESCRIPTION``
  holds the summary, actors, quotes and sources; ``CATEGORIES`` the kind and tags; ``URL``
  the first source's URL (percent-encoded where a URI needs it).
* An empty view gives a calendar without entries: RFC 5545 wants at least one component,
  so strict tools may refuse it; export a view that has events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar
from icalendar import Event as VEvent

from tui import __version__
from tui.data.dates import When, period_end
from tui.data.export.common import (
    actors_text,
    event_date_text,
    local_moment,
    period_text,
    place_text,
    source_text,
    uri,
)
from tui.data.load import Timeline
from tui.data.records import Event

PRODID = f"-//newstui//newstui {__version__}//EN"


def uid(timeline: Timeline, event: Event) -> str:
    digest = hashlib.sha256(timeline.title.encode("utf-8")).hexdigest()[:12]
    return f"{event.id}.{digest}@newstui"


def _last_day(when: When) -> date:
    """The last local day a day, month or year precision date covers."""
    if when.moment is not None:
        return when.moment.date()
    return period_end(when.precision, when.day)


def _add_dates(entry: VEvent, event: Event) -> None:
    start, end = event.start, event.end
    tz = event.zone
    if start.moment is not None and (end is None or end.moment is not None):
        zone_name = event.place.tz if event.place and event.place.tz else None

        def stamp(when: When) -> datetime:
            moment = local_moment(when, tz)
            if zone_name is not None:
                return moment.astimezone(tz)
            return moment.astimezone(UTC)

        entry.add("dtstart", stamp(start))
        if end is not None:
            entry.add("dtend", stamp(end))
        return
    first = local_moment(start, tz).date() if start.moment is not None else start.day
    last = _last_day(end if end is not None else start)
    if end is not None and end.moment is not None:
        last = local_moment(end, tz).date()
    entry.add("dtstart", first)
    entry.add("dtend", max(last, first) + timedelta(days=1))


def _description(timeline: Timeline, event: Event) -> str:
    parts = []
    if event.summary.strip():
        parts.append(event.summary.strip())
    notes = []
    if event.start.precision in ("month", "year"):
        notes.append(f"Date known only to the {event.start.precision} "
                     f"({period_text(event.start)}).")
    if event.end is not None:
        notes.append(f"When: {event_date_text(event)}.")
    if event.approximate:
        notes.append("The date is approximate.")
    if event.date_text:
        notes.append(f"Date as reported: {event.date_text}.")
    if notes:
        parts.append(" ".join(notes))
    actors = actors_text(timeline, event)
    if actors:
        parts.append("Actors: " + ", ".join(actors))
    for quote in event.quotes:
        speaker = timeline.actor_name(quote.speaker)
        title = timeline.sources[quote.source].title
        parts.append(f"“{quote.text}” ({speaker}, in {title})")
    sources = [source_text(timeline.sources[s]) for s in event.sources]
    parts.append("Sources:\n" + "\n".join(f"- {s}" for s in sources))
    return "\n\n".join(parts)


def to_ics(timeline: Timeline, events: Sequence[Event], now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", timeline.title)
    for event in events:
        entry = VEvent()
        entry.add("uid", uid(timeline, event))
        entry.add("dtstamp", stamp)
        _add_dates(entry, event)
        entry.add("summary", event.title)
        entry.add("description", _description(timeline, event))
        if event.place is not None:
            entry.add("location", place_text(event.place))
            if event.place.lat is not None and event.place.lon is not None:
                entry.add("geo", (event.place.lat, event.place.lon))
        entry.add("categories", [event.kind, *event.tags])
        urls = [timeline.sources[s].url for s in event.sources if timeline.sources[s].url]
        if urls:
            entry.add("url", uri(urls[0]))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
