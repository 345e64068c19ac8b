"""JSON export: the normalised timeline, events sorted by time."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tui.data.export.records import timeline_record
from tui.data.load import Timeline
from tui.data.model import Event


def to_json(timeline: Timeline, events: Sequence[Event]) -> str:
    return json.dumps(timeline_record(timeline, events), ensure_ascii=False, indent=2) + "\n"
