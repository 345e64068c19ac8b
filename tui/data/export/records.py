"""The normalised, self-contained form of a timeline: what every exporter starts from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.data.countries import country_name
from tui.data.load import Timeline
from tui.data.model import Event


def event_record(timeline: Timeline, event: Event) -> dict[str, Any]:
    """One event with every reference resolved (actor names, source details)."""
    place = None
    if event.place is not None:
        place = {
            "name": event.place.name,
            "country": event.place.country,
            "country_name": country_name(event.place.country),
            "lat": event.place.lat,
            "lon": event.place.lon,
            "tz": event.place.tz,
        }
    sources = []
    for source_id in event.sources:
        source = timeline.sources[source_id]
        sources.append({
            "id": source_id,
            "title": source.title,
            "publisher": source.publisher,
            "published": source.published.iso(),
            "url": source.url,
        })
    return {
        "id": event.id,
        "kind": event.kind,
        "title": event.title,
        "summary": event.summary,
        "start": event.start.iso(),
        "end": event.end.iso() if event.end else None,
        "precision": event.start.precision,
        "approximate": event.approximate,
        "date_text": event.date_text,
        "place": place,
        "actors": [
            {"id": ref.id, "name": timeline.actor_name(ref.id), "role": ref.role}
            for ref in event.actors
        ],
        "quotes": [
            {
                "speaker": quote.speaker,
                "speaker_name": timeline.actor_name(quote.speaker),
                "text": quote.text,
                "source": quote.source,
            }
            for quote in event.quotes
        ],
        "sources": sources,
        "tags": list(event.tags),
        "links": [{"rel": link.rel, "to": link.to} for link in event.links],
        "note": event.note,
    }


def timeline_record(timeline: Timeline, events: Sequence[Event]) -> dict[str, Any]:
    """``{"title", "description", "events": [...]}`` for the given (filtered) events."""
    return {
        "title": timeline.title,
        "description": timeline.description,
        "events": [event_record(timeline, event) for event in events],
    }
