"""JSON export: the normalised timeline, events in timeline (calendar) order."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from tui.data.export.records import timeline_record
from tui.data.load import Timeline
from tui.data.records import Event

# json.dumps(ensure_ascii=False) escapes only C0 controls. DEL, C1 controls (0x9b is CSI
# to some terminals), bidi controls and line/paragraph separators would reach a terminal
# raw when the export goes to stdout: escape them too. Outside strings JSON has none of
# these characters, and \uXXXX reads back as the same text, so this is lossless.
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def to_json(timeline: Timeline, events: Sequence[Event]) -> str:
    text = json.dumps(timeline_record(timeline, events), ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
