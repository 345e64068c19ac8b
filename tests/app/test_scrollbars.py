"""The panes' scrollbars reuse their lines while the bar looks the same (tui.app.scrollbars).

Each check compares a :class:`KeptScrollBar`'s lines with what Textual's own
``ScrollBar.render_lines`` draws for the bar as it is at that moment: reusing lines must
never show a stale bar (a thumb left behind, a colour from the last theme).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tests.app.helpers import main_screen
from tests.scale.scale_helpers import generated_yaml
from tui.app.app import NewsApp
from tui.app.detail import DetailPane
from tui.app.facets import FacetList
from tui.app.scrollbars import KeptScrollBar
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline, timeline_from_text


def _cells(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def _drawn(bar: ScrollBar) -> tuple[list[Strip], list[Strip]]:
    """(the kept bar's lines, Textual's lines for the bar as it is now)."""
    crop = Region(0, 0, *bar.size)
    return bar.render_lines(crop), ScrollBar.render_lines(bar, crop)


def _long() -> Timeline:
    return timeline_from_text(generated_yaml(400), "long.yaml")


async def test_the_panes_scrollbars_are_kept_ones(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 16)):
        screen = main_screen(app)
        for pane in (TimelineView, FacetList, DetailPane):
            assert isinstance(screen.query_one(pane).vertical_scrollbar, KeptScrollBar)


async def test_paging_reuses_the_bar_while_the_thumb_stays_and_redraws_when_it_moves() -> None:
    app = NewsApp(_long())
    async with app.run_test(size=(120, 30)) as pilot:
        view = main_screen(app).query_one(TimelineView)
        view.focus()
        bar = view.vertical_scrollbar
        await pilot.pause()
        first, textual = _drawn(bar)
        assert _cells(first) == _cells(textual)
        await pilot.press("pagedown")  # a page of some 1,100 rows: the thumb stays put
        again, textual = _drawn(bar)
        assert bar.position > 0
        assert again is first  # the same lines, not drawn again
        assert _cells(again) == _cells(textual)
        await pilot.press("end")
        last, textual = _drawn(bar)
        assert last is not first
        assert _cells(last) != _cells(first)  # the thumb went to the bottom
        assert _cells(last) == _cells(textual)


async def test_hover_and_theme_changes_redraw_the_bar() -> None:
    app = NewsApp(_long())
    async with app.run_test(size=(120, 30)) as pilot:
        bar = main_screen(app).query_one(TimelineView).vertical_scrollbar
        await pilot.pause()
        plain, _ = _drawn(bar)
        bar.mouse_over = True
        hovered, textual = _drawn(bar)
        assert _cells(hovered) == _cells(textual) != _cells(plain)
        bar.mouse_over = False
        assert _cells(_drawn(bar)[0]) == _cells(plain)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        themed, textual = _drawn(bar)
        assert _cells(themed) == _cells(textual) != _cells(plain)


async def test_the_detail_bar_follows_each_event(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(120, 16)) as pilot:
        pane = main_screen(app).query_one(DetailPane)
        for _ in range(6):
            await pilot.press("j")
            await pilot.pause()
            if pane.show_vertical_scrollbar:
                kept, textual = _drawn(pane.vertical_scrollbar)
                assert _cells(kept) == _cells(textual)
