"""The help screen's text, built from the live bindings (so remapped keys show as remapped)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content

from tui.app.text import KIND_MARKERS

if TYPE_CHECKING:
    from textual.app import App

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Moving", [
        ("list.down", "next event (or value, in the filter pane)"),
        ("list.up", "previous event"),
        ("list.first", "first event"),
        ("list.last", "last event"),
        ("list.page_down", "a page down"),
        ("list.page_up", "a page up"),
        ("newstui.previous_day", "first event of the previous day"),
        ("newstui.next_day", "first event of the next day"),
        ("timeline.select", "open the highlighted event in the detail pane"),
        ("newstui.links", "linked events: pick one with ↑/↓, Enter jumps to it"),
    ]),
    ("Filtering", [
        ("newstui.pick_country", "country picker: type to narrow, Tab marks, Enter applies"),
        ("newstui.pick_actor", "actor picker"),
        ("newstui.pick_kind", "kind picker"),
        ("filters.toggle", "in the filter pane: add or remove the value"),
        ("newstui.search", "search as you type; Enter keeps it, Escape clears it"),
        ("newstui.clear_filters", "clear every filter and the search"),
    ]),
    ("Sharing", [
        ("newstui.export", "export the events in view to a file (JSON, CSV, ...)"),
        ("newstui.open_source", "open the event's first source in the browser"),
        ("newstui.pick_source", "list the event's sources; Enter opens one"),
        ("newstui.copy_citation", "copy a citation of the event to the clipboard"),
    ]),
    ("Live reload (the file is watched while newstui runs)", [
        ("newstui.edit", "edit the highlighted event in $VISUAL/$EDITOR; reloads after"),
        ("newstui.toggle_problems", "problems panel: why the file does not validate"),
        ("problems.edit", "in the problems panel: edit at the problem's line (or Enter)"),
        ("problems.close", "in the problems panel: close it"),
    ]),
    ("View", [
        ("newstui.toggle_detail", "show or hide the detail pane"),
        ("newstui.toggle_zone", "reference zone of the detail pane: UTC or your local zone"),
        ("newstui.back", "step back: close the search box, leave the detail pane, or clear "
                         "the search"),
        ("newstui.help", "this help"),
        ("newstui.quit", "quit"),
    ]),
]

FIXED = [
    ("tab / shift+tab", "next / previous pane"),
    ("ctrl+p", "command palette: countries, actors, kinds, events, days, themes"),
]

MARKS = [
    ("14:30", "local time at the event's place"),
    (" day ", "only the day is known"),
    ("month", "only the month is known (grouped under the month)"),
    ("year ", "only the year is known"),
    ("≈", "the date is approximate"),
    ("··", "no place given"),
]


def _bindings(app: App[object]) -> dict[str, Binding]:
    from tui.app.detail import DetailPane
    from tui.app.facets import FacetList
    from tui.app.linelist import LineList
    from tui.app.problems import ProblemsPanel
    from tui.app.screen import TimelineScreen
    from tui.app.timeline_view import TimelineView

    found: dict[str, Binding] = {}
    for owner in (TimelineScreen, LineList, TimelineView, FacetList, DetailPane, ProblemsPanel):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                found[binding.id] = binding
    return found


def keys_for(app: App[object], binding: Binding) -> str:
    """How the binding's keys are shown, after the user's keymap."""
    keymap: dict[str, str] = getattr(app, "keymap", {})
    keys = keymap.get(binding.id or "", binding.key)
    shown = []
    for key in keys.split(","):
        key = key.strip()
        if binding.key_display and key == binding.key:
            shown.append(binding.key_display)
        else:
            shown.append(app.get_key_display(Binding(key, binding.action)))
    return " ".join(shown)


KEY_COLUMN = 14  # "  " + the keys padded to 12


def _entry(keys: str, text: str, binding_id: str | None, width: int,
           key_style: str) -> Content:
    """One key's line: keys, then its text (and [id]) wrapped under the text, not under
    the keys; keys too long for their column get a line of their own."""
    room = max(20, width - KEY_COLUMN)
    lines = textwrap.wrap(text, room) or [""]
    tag = f"[{binding_id}]" if binding_id else ""
    if not tag:
        tail = [(lines.pop(), "")]
    elif len(lines[-1]) + 2 + len(tag) <= room:
        tail = [(lines.pop(), ""), ("  " + tag, "dim")]
    else:
        tail = [(lines.pop(), ""), ("\n" + " " * KEY_COLUMN + tag, "dim")]
    indent = " " * KEY_COLUMN
    head = f"  {keys:<12}" if len(keys) < KEY_COLUMN - 2 else f"  {keys}\n{indent}"
    pieces: list[tuple[str, str]] = [(head, key_style)]
    for line in lines:
        pieces += [(line, ""), ("\n" + indent, "")]
    return Content.assemble(*((text, style) if style else text
                              for text, style in [*pieces, *tail]))


def help_text(app: App[object]) -> Content:
    bindings = _bindings(app)
    heading = "bold $text-accent"
    key_style = "bold $text-primary"
    # The help box is at most 84 columns (app.tcss #help), less its border, padding and
    # scrollbar: wrap each entry's text under itself rather than under the keys.
    width = min(84, app.size.width * 95 // 100) - 6
    parts: list[Content] = [Content.styled("newstui — keys", "bold $text-primary"), Content("")]
    for title, entries in SECTIONS:
        parts.append(Content.styled(title, heading))
        for binding_id, text in entries:
            binding = bindings[binding_id]
            parts.append(_entry(keys_for(app, binding), text, binding_id, width, key_style))
        parts.append(Content(""))
    parts.append(Content.styled("Everywhere", heading))
    for key, text in FIXED:
        parts.append(_entry(key, text, None, width, key_style))
    parts.append(Content(""))
    parts.append(Content.styled("Time column and markers", heading))
    for mark, text in MARKS:
        parts.append(_entry(mark, text, None, width, key_style))
    line = ""
    for kind, marker in KIND_MARKERS.items():  # the legend, wrapped between kinds
        entry = f"{marker} {kind}"
        if line and len(line) + 2 + len(entry) > width - 2:
            parts.append(Content("  " + line))
            line = ""
        line = f"{line}  {entry}" if line else entry
    parts.append(Content("  " + line))
    parts.append(Content(""))
    parts.append(Content.styled("Remapping keys", heading))
    from tui.app.settings import settings_path

    parts.append(Content(f"  In {settings_path()}, e.g."))
    parts.append(Content('  {"keymap": {"newstui.search": "s", "list.down": "j,down,n"}}'))
    parts.append(Content("  The [ids] above name the bindings."))
    parts.append(Content(""))
    parts.append(Content.styled("Escape, q or ? closes this help.", "dim"))
    return Content("\n").join(parts)
