"""The search box's hint and the footer fit narrow terminals."""

from __future__ import annotations

from textual.widgets import Input

from tests.app.helpers import main_screen
from tui.app.app import NewsApp
from tui.app.screen_actions import SEARCH_HINTS
from tui.data.load import Timeline


async def test_the_search_hint_fits_the_box_at_every_width(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        box = main_screen(app).query_one("#search", Input)
        await pilot.pause()
        assert box.placeholder == SEARCH_HINTS[0]  # all of it: "· Esc clears it" too
        for width in (80, 60, 52):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            assert len(box.placeholder) < box.content_region.width, width
            longer = SEARCH_HINTS[:SEARCH_HINTS.index(box.placeholder)]
            assert all(len(hint) >= box.content_region.width for hint in longer), width
        assert "Esc" not in box.placeholder  # 52 columns: the words searched, no keys


async def test_the_footer_s_last_column_is_the_palette_key_s_own(tour: Timeline) -> None:
    """At widths where the keys do not all fit, nothing shows after "^p palette"."""
    app = NewsApp(tour)
    async with app.run_test(size=(60, 20)) as pilot:
        for focus in ("#timeline", "#filters"):
            main_screen(app).query_one(focus).focus()
            await pilot.pause()
            footer = app.screen._compositor.render_strips()[-1].text
            assert footer.endswith("^p palette "), (focus, footer)
