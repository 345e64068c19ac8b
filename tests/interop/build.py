"""Build small timelines in code, for table and property tests."""

from __future__ import annotations

from typing import Any

from tui.data.load import Timeline
from tui.data.model import Actor, Source, adapter, validate_event


def timeline_of(*events: dict[str, Any], title: str = "T", description: str = "") -> Timeline:
    """A timeline with one source ``s``, actor ``a``, and the given events (as dicts)."""
    models = []
    for n, raw in enumerate(events):
        data = {"id": f"e{n}", "kind": "statement", "title": "Title", "start": "2023-11-06",
                "sources": ["s"], **raw}
        models.append(validate_event(data))
    models.sort(key=lambda event: event.instant)
    sources = {"s": adapter(Source).validate_python({"title": "Source", "published": "2023-11-10"})}
    actors = {"a": adapter(Actor).validate_python({"name": "Actor", "kind": "person"})}
    return Timeline(title, description, sources, actors, models)
