"""Modal pickers (country, actor, kind) and the help screen."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.facets import TITLES
from tui.app.viewmodel import FacetValue
from tui.data.query import Facet, fold

MAX_SHOWN = 200  # a picker lists at most this many values: typing narrows the rest
MOST_ROWS = 16  # a dialog's list is at most this tall, and shorter on a short terminal


def fit_list(options: OptionList, screen_height: int, chrome: int) -> None:
    """Let ``options`` grow only as tall as leaves ``chrome`` rows for the rest of its
    dialog (border, title, hint, a row above and below), so the whole dialog shows.

    The list's height depends on the terminal's, which CSS cannot subtract from.
    """
    options.styles.max_height = max(2, min(MOST_ROWS, screen_height - chrome))


class PickerScreen(ModalScreen[frozenset[str] | None]):
    """Type to narrow, Tab to mark several, Enter to apply; returns the facet's new values."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="picker.close"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="picker.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="picker.page_up"),
        Binding("tab", "mark", "Mark", id="picker.mark",
                tooltip="Mark or unmark the highlighted value (to choose several)"),
    ]

    def __init__(self, facet: Facet, values: list[FacetValue], counts: dict[str, int],
                 active: frozenset[str]) -> None:
        super().__init__()
        self.facet = facet
        self.values = values
        self.counts = counts
        self.active = active
        self.marked = set(active)
        self.shown: list[FacetValue] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content(f"Filter by {self.facet}"), id="picker-title")
            yield Input(placeholder=f"type to narrow the {TITLES[self.facet].lower()}",
                        id="picker-input", compact=True)
            yield OptionList(id="picker-options", compact=True)
            yield Static(Content("Enter apply · Tab mark several · Esc close"),
                         id="picker-hint")

    # A row above and below, the border, title, input and its margin, the hint.
    CHROME = 8

    def on_mount(self) -> None:
        fit_list(self.query_one("#picker-options", OptionList), self.app.size.height,
                 self.CHROME)
        self._narrow("")

    def on_resize(self, event: events.Resize) -> None:
        fit_list(self.query_one("#picker-options", OptionList), event.size.height, self.CHROME)

    @on(Input.Changed, "#picker-input")
    def _typed(self, message: Input.Changed) -> None:
        self._narrow(message.value)

    def _narrow(self, typed: str) -> None:
        needle = fold(typed.strip())
        matches = self.values
        if needle:
            # Best first: the code or id itself, then a word starting with the text, then any.
            ranked = []
            for order, value in enumerate(self.values):
                if needle not in value.search:
                    continue
                words = value.search.split()
                if fold(value.value) == needle:
                    rank = 0
                elif any(word.startswith(needle) for word in words):
                    rank = 1
                else:
                    rank = 2
                ranked.append((rank, order, value))
            matches = [value for _, _, value in sorted(ranked, key=lambda r: r[:2])]
        self.shown = matches[:MAX_SHOWN]
        options = self.query_one("#picker-options", OptionList)
        highlighted = options.highlighted
        options.set_options([self._option(v) for v in self.shown])
        if len(matches) > MAX_SHOWN:
            options.add_option(Option(f"… {len(matches) - MAX_SHOWN} more: type to narrow",
                                      disabled=True))
        if not matches:
            options.add_option(Option("nothing matches", disabled=True))
        if self.shown:
            options.highlighted = min(highlighted or 0, len(self.shown) - 1) if not needle else 0

    def _option(self, value: FacetValue) -> Option:
        mark = "✓" if value.value in self.marked else " "
        count = self.counts.get(value.value, 0)
        return Option(Content(f"{mark} {value.label}  ({count})"), id=value.value)

    def _refresh_options(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        for value in self.shown:
            options.replace_option_prompt(value.value, self._option(value).prompt)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if self.shown:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = min(max(current + step, 0), len(self.shown) - 1)

    @property
    def highlighted_value(self) -> str | None:
        options = self.query_one("#picker-options", OptionList)
        index = options.highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index].value

    def action_mark(self) -> None:
        value = self.highlighted_value
        if value is None:
            return
        self.marked ^= {value}
        self._refresh_options()
        self.action_move(1)

    @on(Input.Submitted, "#picker-input")
    def _apply(self) -> None:
        if self.marked != set(self.active):
            self.dismiss(frozenset(self.marked))
            return
        value = self.highlighted_value
        if value is None:
            self.app.bell()
            return
        self.dismiss(self.active ^ {value})

    @on(OptionList.OptionSelected, "#picker-options")
    def _clicked(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            self.dismiss(self.active ^ {message.option.id})

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key, as currently bound (keymap overrides included), and what the marks mean."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, text: Content) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.text, id="help-text")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
