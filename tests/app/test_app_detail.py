"""The detail pane follows the highlight: links and the curator's note come and go."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.app.helpers import main_screen
from tui.app.app import NewsApp
from tui.app.detail import DetailPane, DetailText
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline


def links_and_note(app: NewsApp) -> tuple[bool, bool, list[str], str]:
    """(links title shown, links shown, link targets, the note as plain text)."""
    pane = main_screen(app).query_one(DetailPane)
    links = pane.query_one("#detail-links", OptionList)
    targets = [str(links.get_option_at_index(i).id) for i in range(links.option_count)]
    note = str(pane.query_one("#detail-note", Static).render())
    return pane.query_one("#detail-links-title").display, links.display, targets, note


async def test_links_and_note_follow_the_highlight(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        screen.jump_to("talks")  # a link and a note
        await pilot.pause()
        title, shown, targets, note = links_and_note(app)
        assert (title, shown, targets) == (True, True, ["stop-ankara"])
        assert "The time is from the ministry's schedule." in note
        screen.jump_to("statement-ankara")  # neither
        await pilot.pause()
        assert links_and_note(app) == (False, False, [], "")
        screen.jump_to("stop-delhi")  # a link, no note
        await pilot.pause()
        assert links_and_note(app) == (True, True, ["stop-ankara"], "")
        screen.jump_to("talks")
        await pilot.pause()
        assert "The time is from the ministry's schedule." in links_and_note(app)[3]


async def test_the_screen_follows_the_cursor_in_the_same_call(tour: Timeline) -> None:
    """No queued message between the cursor and the detail pane: one frame per key."""
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)):
        screen = main_screen(app)
        view = screen.query_one(TimelineView)
        view.move_cursor([event.id for event in screen.visible_events].index("talks"))
        assert screen.highlighted == "talks"
        assert screen.query_one(DetailPane).event is screen.highlighted_event


async def test_the_mouse_selects_the_detail_text_as_it_is_drawn(tour: Timeline) -> None:
    """The pane draws its own wrapped lines: a drag still selects what is under it."""
    app = NewsApp(tour)
    async with app.run_test(size=(120, 40)) as pilot:
        main_screen(app).jump_to("talks")
        await pilot.pause()
        body = main_screen(app).query_one("#detail-body", DetailText)
        lines = body.visual.wrapped(body.content_region.width)[0].plain.split("\n")
        # From the When block's first value into its wrapped (hanging) continuation.
        assert lines[4].startswith("  Local ") and lines[5].startswith(" " * 14)
        await pilot.mouse_down(body, offset=(2, 4))
        await pilot.hover(body, offset=(20, 5))
        await pilot.mouse_up(body, offset=(20, 5))
        await pilot.pause()
        assert app.screen.get_selected_text() == f"{lines[4][2:]}\n{lines[5][:21]}"
