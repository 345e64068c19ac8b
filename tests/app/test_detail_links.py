"""The detail pane's linked events and the events linking to it (back-links): dates stay
whole when an entry wraps, Enter follows one, `l` reaches them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.app.conftest import APP_FIXTURES
from tests.app.helpers import main_screen
from tui.app.app import NewsApp
from tui.app.detail import DetailPane
from tui.app.text import kind_marker, period_label
from tui.app.timeline_view import TimelineView
from tui.data.load import Timeline, load_timeline

LINKS = APP_FIXTURES / "links.yaml"


@pytest.fixture
def linked() -> Timeline:
    """Twelve legs whose titles end one column further each, all part of one tour."""
    return load_timeline(LINKS)


def rendered(links: OptionList) -> list[str]:
    """The list's lines as drawn (the list is as tall as its options: nothing scrolled)."""
    assert links.max_scroll_y == 0
    return [links.render_line(y).text.rstrip() for y in range(links.size.height)]


def dates(timeline: Timeline, ids: list[str]) -> list[str]:
    return [period_label(event.start.precision, event.start.day)
            for event in map(timeline.by_id.__getitem__, ids)]


def option_ids(links: OptionList) -> list[str]:
    return [str(links.get_option_at_index(i).id) for i in range(links.option_count)]


def linking_to(timeline: Timeline, target: str) -> list[str]:
    """The events whose links point to ``target``, in timeline order."""
    return [event.id for event in timeline.events
            if any(link.to == target for link in event.links)]


@pytest.mark.parametrize("width", [80, 120])  # the pane below the timeline, and beside it
@pytest.mark.parametrize(("event_id", "list_id"), [("recap", "detail-links"),
                                                   ("tour", "detail-backlinks")])
async def test_a_linked_events_date_is_never_cut_in_two(
        linked: Timeline, width: int, event_id: str, list_id: str) -> None:
    app = NewsApp(linked)
    # Tall enough for every link: the pane's width is what wraps them.
    async with app.run_test(size=(width, 100)) as pilot:
        main_screen(app).jump_to(event_id)
        await pilot.pause()
        links = main_screen(app).query_one(DetailPane).query_one(f"#{list_id}", OptionList)
        ids = option_ids(links)
        assert len(ids) == 12
        lines = rendered(links)
        assert all(len(line) <= links.size.width for line in lines)
        wanted = dates(linked, ids)
        # Every date appears whole on one line, as often as the links carry it.
        for when in set(wanted):
            assert sum(line.count(when) for line in lines) == wanted.count(when), (when, lines)
        # The case at hand: some dates did not fit after their title and moved down whole.
        assert any(line.strip() in wanted for line in lines), lines


async def test_an_event_only_linked_to_lists_the_events_linking_to_it(linked: Timeline) -> None:
    app = NewsApp(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        # The first event: its back-links come with the frame after the first one.
        assert screen.highlighted == "tour" and not screen.highlighted_event.links
        pane = screen.query_one(DetailPane)
        back = pane.query_one("#detail-backlinks", OptionList)
        assert back.display and pane.query_one("#detail-backlinks-title").display
        assert str(pane.query_one("#detail-backlinks-title").render()) == "Linked from"
        assert not pane.query("#detail-links")  # no forward links: that list never mounted
        assert option_ids(back) == linking_to(linked, "tour")
        first = linked.by_id[option_ids(back)[0]]
        assert str(back.get_option_at_index(0).prompt) == (
            f"part-of ← {kind_marker(first.kind)} {first.title}  "
            f"{period_label(first.start.precision, first.start.day)}")
        # Another event with none: the list goes; back on the tour, it comes back.
        screen.jump_to("recap")
        await pilot.pause()
        assert not back.display and not pane.query_one("#detail-backlinks-title").display
        screen.jump_to("tour")
        await pilot.pause()
        assert back.display and option_ids(back) == linking_to(linked, "tour")


async def test_l_reaches_the_back_links_and_enter_follows_one(linked: Timeline) -> None:
    app = NewsApp(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        screen.jump_to("tour")
        await pilot.press("l")
        back = screen.query_one("#detail-backlinks", OptionList)
        assert app.focused is back
        await pilot.press("down", "enter")
        assert screen.highlighted == linking_to(linked, "tour")[1]
        assert app.focused is screen.query_one(TimelineView)


async def test_l_reaches_the_back_links_before_the_first_frame_shows_them(
        linked: Timeline) -> None:
    app = NewsApp(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        assert screen.highlighted == "tour"
        screen.action_links()  # as soon as the screen is up, the key's own path
        await pilot.pause()
        assert app.focused is screen.query_one("#detail-backlinks", OptionList)


async def test_both_lists_in_order_and_l_prefers_the_linked_events(linked: Timeline) -> None:
    app = NewsApp(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        pane = screen.query_one(DetailPane)
        screen.jump_to("tour")  # mounts the back-links first
        await pilot.pause()
        screen.jump_to("leg-01")  # part of the tour, followed by the recap
        await pilot.pause()
        links = pane.query_one("#detail-links", OptionList)
        back = pane.query_one("#detail-backlinks", OptionList)
        assert (option_ids(links), option_ids(back)) == (["tour"], ["recap"])
        order = [child.id for child in pane.children]
        assert order.index("detail-links-title") < order.index("detail-links") \
            < order.index("detail-backlinks-title") < order.index("detail-backlinks") \
            < order.index("detail-note")
        await pilot.press("l")
        assert app.focused is links
        await pilot.press("tab")  # the back-links are next
        assert app.focused is back
        await pilot.press("enter")
        assert screen.highlighted == "recap"


async def test_an_event_linked_twice_is_listed_once_with_both_relations(
        linked: Timeline, tmp_path: Path) -> None:
    twice = tmp_path / "twice.yaml"
    text = LINKS.read_text(encoding="utf-8")
    first = "links: [{rel: part-of, to: tour}]"
    twice.write_text(text.replace(first, "links: [{rel: part-of, to: tour}, "
                                         "{rel: follows, to: tour}]", 1), encoding="utf-8")
    timeline = load_timeline(twice)
    app = NewsApp(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        twice_linked = linking_to(timeline, "tour")[0]
        for event_id, list_id, arrow in [(twice_linked, "detail-links", "→"),
                                         ("tour", "detail-backlinks", "←")]:
            screen.jump_to(event_id)
            await pilot.pause()
            shown = screen.query_one(f"#{list_id}", OptionList)
            prompts = [str(shown.get_option_at_index(i).prompt)
                       for i in range(shown.option_count)]
            assert sum(p.startswith(f"part-of, follows {arrow} ") for p in prompts) == 1
            assert len(set(option_ids(shown))) == shown.option_count


async def test_back_links_put_off_for_a_frame_are_dropped_once_the_pane_is_gone(
        linked: Timeline) -> None:
    """Quitting right after the first frame detached the pane before its put-off
    back-links came: mounting their list then failed, and newstui exited with 1."""
    app = NewsApp(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = main_screen(app).query_one(DetailPane)
        await pilot.pause()
        assert main_screen(app).highlighted == "tour"  # linked to, by every leg
        await pane.remove()
        assert not pane.is_attached
        pane._show_back_links()  # what the callback put off until after the frame does
        assert not pane._lists.get("backlinks") or not pane._lists["backlinks"].is_attached


def _umbrella(tmp_path: Path, legs: int) -> Timeline:
    """An umbrella event that ``legs`` events are part of."""
    events = "\n".join(
        f"  - {{id: leg-{n:03d}, kind: stop, title: Leg {n}, start: '2023-11-{1 + n % 28:02d}',"
        f" sources: [s], links: [{{rel: part-of, to: tour}}]}}" for n in range(legs))
    path = tmp_path / "umbrella.yaml"
    path.write_text("title: Umbrella\nsources: {s: {title: S}}\nevents:\n"
                    "  - {id: tour, kind: stop, title: The tour, start: '2023-11', sources: [s]}\n"
                    f"{events}\n", encoding="utf-8")
    return load_timeline(path)


async def test_an_event_linked_from_very_many_lists_the_first_and_counts_the_rest(
        tmp_path: Path) -> None:
    app = NewsApp(_umbrella(tmp_path, 60))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        screen.jump_to("tour")
        await pilot.pause()
        back = screen.query_one("#detail-backlinks", OptionList)
        assert back.option_count == 51
        last = back.get_option_at_index(50)
        assert last.disabled and "10 more link here" in str(last.prompt)
        assert all(not back.get_option_at_index(i).disabled for i in range(50))
        # Every option shown in full: the pane scrolls, not the list.
        assert back.size.height == back.virtual_size.height and back.max_scroll_y == 0
