"""Plain-text descriptions of an event's dates for the detail pane (no Textual imports).

"When" is given in the place's local time and in a reference zone (UTC, or the user's
local zone), with the precision spelled out: a day-precision event is a span of 24 hours
in any other zone, and is shown as one.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from tui.app.text import PRECISION_WORDS, clean, day_label, format_offset, in_zone
from tui.data.dates import When
from tui.data.records import Event


def reference_tz(reference: str) -> tzinfo | None:
    """The reference zone: UTC, or ``None`` for the user's local zone (``TZ`` honoured)."""
    return UTC if reference == "UTC" else None


def zone_name(event: Event) -> str:
    if event.place is not None and event.place.tz:
        return event.place.tz
    moment = event.start.moment
    if moment is not None and moment.tzinfo is not None:
        return format_offset(moment)
    return "zone not given (UTC assumed)"


def _moment_text(moment: datetime) -> str:
    return f"{day_label(moment.date())} {moment:%H:%M}"


def _local_text(when: When, event: Event) -> str:
    if when.moment is not None:
        moment = when.moment
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=event.zone or UTC)
        elif event.zone is not None:
            moment = moment.astimezone(event.zone)
        return f"{_moment_text(moment)} ({format_offset(moment)})"
    if when.precision == "day":
        return day_label(when.day)
    if when.precision == "month":
        return f"{when.day:%B %Y}"
    return f"{when.day:%Y}"


def _reference_text(when: When, event: Event, zone: tzinfo | None) -> str:
    first, last = when.span(event.zone)
    start = in_zone(first, zone)
    if when.moment is not None:
        return f"{_moment_text(start)} {_zone_label(start, zone)}".rstrip()
    end = in_zone(last, zone)
    # The end of the span: a shorter form when it shares the start's year.
    end_text = f"{end:%a} {end.day} {end:%b %H:%M}" if end.year == start.year else _moment_text(end)
    return f"{_moment_text(start)} → {end_text} {_zone_label(start, zone, end)}".rstrip()


def _zone_label(moment: datetime, zone: tzinfo | None, end: datetime | None = None) -> str:
    if zone is UTC:
        return ""  # the line's label already says UTC
    names = [moment.tzname() or format_offset(moment)]
    if end is not None and (end.tzname() or format_offset(end)) != names[0]:
        names.append(end.tzname() or format_offset(end))
    return f"{'/'.join(names)}, your zone"


def when_lines(event: Event, reference: str) -> list[tuple[str, str]]:
    """(label, text) lines: local time, reference time, end, precision, the sources' words."""
    zone = reference_tz(reference)
    where = f" in {clean(event.place.name)}" if event.place else ""
    lines = [("Local", f"{_local_text(event.start, event)}{where}, {zone_name(event)}")]
    lines.append((reference if reference == "UTC" else "Yours",
                  _reference_text(event.start, event, zone)))
    if event.end is not None:
        lines.append(("Until", _local_text(event.end, event)))
        lines.append(("", _reference_text(event.end, event, zone)))
    precision = PRECISION_WORDS[event.start.precision]
    if event.approximate:
        precision += ", approximate"
    lines.append(("Precision", precision))
    if event.date_text:
        lines.append(("Sources say", f"“{clean(event.date_text)}”"))
    return lines
