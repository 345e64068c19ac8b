"""Command-palette providers: countries, actors, kinds, events (by title) and days.

A filter command also answers to the other names of its value: "turkey" offers
"Filter country: TR Türkiye", "gaza" the Palestinian territories, an actor's alias the
actor (the names the pickers and the filter pane match).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from tui.app.text import clean, day_label
from tui.data.countries import country_names
from tui.data.query import Facet, fold

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from tui.app.screen import TimelineScreen

MAX_HITS = 50  # the palette shows the best few; matching thousands of titles is wasted work
ALSO_STYLE = Style(dim=True)  # the other name a command was found by


class Command(NamedTuple):
    text: str  # what the palette shows and matches
    callback: Any
    help: str
    # Other names it answers to, each as (shown, folded): "shown" is "" for a name the
    # text already shows ("India" in "IN India"), else the name ("Turkey" for Türkiye).
    names: tuple[tuple[str, str], ...] = ()


def other_names(text: str, names: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``names`` as :attr:`Command.names` for a command showing ``text``."""
    shown = fold(text)
    return tuple(dict.fromkeys(
        ("" if (folded := fold(name)) in shown else name, folded) for name in names))


def _best(matcher: Matcher, folded: Matcher, command: Command) -> tuple[float, str]:
    """The command's score and the other name to show for it ("" for none).

    ``folded`` matches the query folded (case, accents) against the folded names:
    "turkiye" finds "Türkiye", "erdogan" finds "Erdoğan".
    """
    best, by = matcher.match(command.text), ""
    for name, folded_name in command.names:
        score = folded.match(folded_name)
        if score > best:
            best, by = score, name
    return best, by


class _TimelineProvider(Provider):
    @property
    def timeline_screen(self) -> TimelineScreen | None:
        from tui.app.screen import TimelineScreen

        return self.screen if isinstance(self.screen, TimelineScreen) else None

    _commands: Sequence[Command] = ()  # filled by startup()

    def candidates(self) -> list[Command]:
        """Every command of this provider."""
        return []

    async def startup(self) -> None:
        # Once per opening of the palette (a provider lives as long as the palette), not
        # per keystroke: at 100,000 events that list is 100,000 strings.
        self._commands = self.candidates()

    async def search(self, query: str) -> Hits:
        matcher, folded = self.matcher(query), self.matcher(fold(query))
        scored = []
        for command in self._commands:
            score, by = _best(matcher, folded, command)
            if score > 0:
                scored.append((score, by, command))
        scored.sort(key=itemgetter(0), reverse=True)
        for score, by, command in scored[:MAX_HITS]:  # highlight only these
            display = matcher.highlight(command.text)
            if by:
                # Found by another name: say which ("TR Türkiye  (Turkey)").
                display = Content.assemble(command.text, ("  (", ALSO_STYLE),
                                           matcher.highlight(by).stylize_before(ALSO_STYLE),
                                           (")", ALSO_STYLE))
            yield Hit(score, display, command.callback, text=command.text, help=command.help)

    async def discover(self) -> Hits:
        for command in self._commands[:5]:
            yield DiscoveryHit(command.text, command.callback, text=command.text,
                               help=command.help)


class _FacetProvider(_TimelineProvider):
    facet: Facet = "country"

    def candidates(self) -> list[Command]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        active = screen.filters.values(self.facet)
        actors = screen.data.timeline.actors
        result = []
        for value in screen.data.values[self.facet]:
            verb = "Remove filter" if value.value in active else "Filter"
            text = f"{verb} {self.facet}: {value.label}"
            names: Iterable[str] = ()
            if self.facet == "country":
                names = country_names(value.value)
            elif self.facet == "actor" and value.value in actors:
                names = (value.value, *(clean(alias) for alias in actors[value.value].aliases))
            result.append(Command(text, partial(screen.toggle_filter, self.facet, value.value),
                                  f"{value.total} event{'s' if value.total != 1 else ''}",
                                  other_names(text, names)))
        return result


class CountryCommands(_FacetProvider):
    facet: Facet = "country"


class ActorCommands(_FacetProvider):
    facet: Facet = "actor"


class KindCommands(_FacetProvider):
    facet: Facet = "kind"


class EventCommands(_TimelineProvider):
    """Jump to an event by its title."""

    def candidates(self) -> list[Command]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        return [Command(f"Go to: {clean(event.title)}", partial(screen.jump_to, event.id),
                        f"{event.kind} · {event.start.iso()}") for event in screen.data.events]


class DayCommands(_TimelineProvider):
    """Jump to the first event of a day."""

    def candidates(self) -> list[Command]:
        screen = self.timeline_screen
        if screen is None or screen.data is None:
            return []
        days = sorted({day for day in screen.data.days if day is not None})
        return [Command(f"Go to day: {day_label(day)} ({day.isoformat()})",
                        partial(screen.jump_to_day, day), "first event of the day")
                for day in days]

