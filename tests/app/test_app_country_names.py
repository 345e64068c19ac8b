"""The country picker matches names people type, not only ISO's ("turkey", "TUR")."""

from __future__ import annotations

import pytest

from tests.app.helpers import main_screen, visible_ids
from tui.app.app import NewsApp
from tui.app.pickers import PickerScreen
from tui.data.load import Timeline


@pytest.mark.parametrize(("typed", "code"), [("turkey", "TR"), ("TUR", "TR"),
                                             ("republic of india", "IN")])
async def test_picker_finds_a_country_by_a_common_name(tour: Timeline, typed: str,
                                                       code: str) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", *typed)
        assert isinstance(app.screen, PickerScreen)
        assert [v.value for v in app.screen.shown] == [code]
        await pilot.press("enter")
        screen = main_screen(app)
        assert screen.filters.country == {code}
        assert visible_ids(app)
        assert all(screen.data.timeline.by_id[i].country == code for i in visible_ids(app))


async def test_a_name_with_no_event_there_matches_nothing(tour: Timeline) -> None:
    app = NewsApp(tour)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", *"gaza")
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.shown == []
