"""The normalised, self-contained form of a timeline: what every exporter starts from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.data.countries import country_name
from tui.data.load import Timeline
from tui.data.model import Event, dump


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
            "published": source.published.iso() if source.published else None,
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
    """``{"title", "description", "events": [...]}`` for the given (filtered) events.

    The ``sources`` and ``actors`` registries of the events shown come along too, so the
    export is self-contained and reads back losslessly (:func:`document_from_record`).
    """
    source_ids = {s for e in events for s in e.sources} | {
        q.source for e in events for q in e.quotes}
    actor_ids = {a.id for e in events for a in e.actors} | {
        q.speaker for e in events for q in e.quotes}
    return {
        "title": timeline.title,
        "description": timeline.description,
        "sources": {
            sid: dump(source, mode="json", exclude_none=True)
            for sid, source in timeline.sources.items() if sid in source_ids
        },
        "actors": {
            aid: dump(actor, mode="json", exclude_none=True)
            for aid, actor in timeline.actors.items() if aid in actor_ids
        },
        "events": [event_record(timeline, event) for event in events],
    }


def _drop_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v is not False}


def document_from_record(record: dict[str, Any]) -> dict[str, Any]:
    """Turn an exported timeline back into newstui's input form (the YAML/JSON model)."""
    events = []
    for item in record["events"]:
        place = item.get("place")
        if place is not None:
            place = _drop_empty({k: place.get(k) for k in ("name", "country", "lat", "lon", "tz")})
        events.append(_drop_empty({
            "id": item["id"],
            "kind": item["kind"],
            "title": item["title"],
            "summary": item.get("summary") or None,
            "start": item["start"],
            "end": item.get("end"),
            "approximate": item.get("approximate", False),
            "date_text": item.get("date_text"),
            "place": place,
            "actors": [_drop_empty({"id": a["id"], "role": a.get("role")})
                       for a in item.get("actors", [])],
            "quotes": [{"speaker": q["speaker"], "text": q["text"], "source": q["source"]}
                       for q in item.get("quotes", [])],
            "sources": [s["id"] for s in item.get("sources", [])],
            "tags": item.get("tags", []),
            "links": item.get("links", []),
            "note": item.get("note"),
        }))
    return {
        "title": record["title"],
        "description": record.get("description", ""),
        "sources": record.get("sources", {}),
        "actors": record.get("actors", {}),
        "events": events,
    }
