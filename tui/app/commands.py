"""Command-palette providers: countries, actors, kinds, events (by title) and days."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.text import clean, day_label
from tui.data.query import Facet

if TYPE_CHECKING:
    from tui.app.screen import TimelineScreen

MAX_HITS = 50  # the palette shows the best few; matching thousands of titles is wasted work


class _TimelineProvider(Provider):
    @property
    def timeline_screen(self) -> TimelineScreen | None:
        from tui.app.screen import TimelineScreen

        return self.screen if isinstance(self.screen, TimelineScreen) else None

    _commands: Sequence[tuple[str, Any, str]] = ()  # filled by startup()

    def candidates(self) -> list[tuple[str, Any, str]]:
        """(text to match, callback, help) for every command of this provider."""
        return []

    async def startup(self) -> None:
        # Once per opening of the palette (a provider lives as long as the palette), not
        # per keystroke: at 100,000 events that list is 100,000 strings.
        self._commands = self.candidates()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        scored = [(score, text, callback, help_text)
                  for text, callback, help_text in self._commands
                  if (score := matcher.match(text)) > 0]
        scored.sort(key=itemgetter(0), reverse=True)
        for score, text, callback, help_text in scored[:MAX_HITS]:  # highlight only these
            yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands[:5]:
            yield DiscoveryHit(text, callback, text=text, help=help_text)


class _FacetProvider(_TimelineProvider):
    facet: Facet = "country"

    def candidates(self) -> list[tuple[str, Any, str]]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        active = screen.filters.values(self.facet)
        result = []
        for value in screen.data.values[self.facet]:
            verb = "Remove filter" if value.value in active else "Filter"
            result.append((f"{verb} {self.facet}: {value.label}",
                           partial(screen.toggle_filter, self.facet, value.value),
                           f"{value.total} event{'s' if value.total != 1 else ''}"))
        return result


class CountryCommands(_FacetProvider):
    facet: Facet = "country"


class ActorCommands(_FacetProvider):
    facet: Facet = "actor"


class KindCommands(_FacetProvider):
    facet: Facet = "kind"


class EventCommands(_TimelineProvider):
    """Jump to an event by its title."""

    def candidates(self) -> list[tuple[str, Any, str]]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        return [(f"Go to: {clean(event.title)}", partial(screen.jump_to, event.id),
                 f"{event.kind} · {event.start.iso()}") for event in screen.data.events]


class DayCommands(_TimelineProvider):
    """Jump to the first event of a day."""

    def candidates(self) -> list[tuple[str, Any, str]]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        days = sorted({day for day in screen.data.days if day is not None})
        return [(f"Go to day: {day_label(day)} ({day.isoformat()})",
                 partial(screen.jump_to_day, day), "first event of the day") for day in days]


PROVIDERS = {CountryCommands, ActorCommands, KindCommands, EventCommands, DayCommands}
