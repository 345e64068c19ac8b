"""Helpers for Pilot tests: the main screen, what the panes show as plain text."""

from __future__ import annotations

from tui.app.app import NewsApp
from tui.app.bars import StatusLine
from tui.app.detail import DetailPane
from tui.app.screen import TimelineScreen
from tui.app.timeline_view import TimelineView


def main_screen(app: NewsApp) -> TimelineScreen:
    return app.timeline_screen


def visible_ids(app: NewsApp) -> list[str]:
    return [event.id for event in main_screen(app).visible_events]


def status(app: NewsApp) -> str:
    return main_screen(app).query_one(StatusLine).text


def timeline_lines(app: NewsApp) -> list[str]:
    """The timeline pane's lines as the user sees them (rendered through the Line API)."""
    view = main_screen(app).query_one(TimelineView)
    height = view.scrollable_content_region.height
    return [view.render_line(y).text.rstrip() for y in range(height)]


def detail_text(app: NewsApp) -> str:
    """Everything the detail pane shows, as plain text."""
    pane = main_screen(app).query_one(DetailPane)
    parts = []
    for widget in pane.query("Static"):
        parts.append(str(widget.render()))
    for links in pane.query("#detail-links"):  # mounted for the first event with links
        for index in range(links.option_count):
            parts.append(str(links.get_option_at_index(index).prompt))
    return "\n".join(parts)
