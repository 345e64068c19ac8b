"""Citations and source links for one event: what the app copies (``y``) and opens (``o``).

Plain text, one line: ``Title (date, place). Sources: title, publisher, date, url; ...``.
"""

from __future__ import annotations

from tui.data.export.common import event_date_text, one_line, place_text, source_text
from tui.data.load import Timeline
from tui.data.records import Event


def citation(timeline: Timeline, event: Event) -> str:
    """``Talks with Fidan (6 November 2023, 14:30–16:00 (UTC+03:00), Ankara, Türkiye).
    Sources: Wire report, Example Wire, 10 November 2023.``"""
    where = [event_date_text(event)]
    if event.approximate:
        where[0] = "about " + where[0]
    if event.place is not None:
        where.append(place_text(event.place))
    sources = [source_text(timeline.sources[s]) for s in event.sources]
    label = "Source" if len(sources) == 1 else "Sources"
    text = f"{event.title} ({', '.join(where)}). {label}: {'; '.join(sources)}."
    return one_line(text)


def source_links(timeline: Timeline, event: Event) -> list[tuple[str, str]]:
    """``(source title, url)`` for each of the event's sources that has a URL, in order."""
    links = []
    for source_id in event.sources:
        source = timeline.sources[source_id]
        if source.url:
            links.append((source.title, source.url))
    return links
