"""The detail pane: everything about the highlighted event; its links can be followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.style import Style
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.describe import when_lines
from tui.app.hanging import Hanging, Line
from tui.app.lazystyles import LazyComponentStyles
from tui.app.scrollbars import KeptScrollBars
from tui.app.text import clean, clean_block, kind_marker, match_spans, period_label
from tui.app.timeline_view import KIND_CLASSES
from tui.app.viewmodel import TimelineData
from tui.data.countries import country_name
from tui.data.records import Event

if TYPE_CHECKING:
    from textual.selection import Selection

Part = str | tuple[str, Style] | Content

LABEL_WIDTH = 11  # the "When" block's labels ("Sources say")
VALUE_COLUMN = 2 + LABEL_WIDTH + 1  # where the "When" block's values start


class _OneLayout:
    """Takes the size a layout pass gives it without asking for another pass.

    Textual's widgets re-request a layout when a layout pass changes their (virtual)
    size; for the detail pane that pass computes the same geometry again and costs a
    frame per highlighted event. ``layout=False`` is the path Textual itself takes when
    scrolling; scrollbars are still updated, and showing or hiding a scrollbar still
    lays the pane out again (that changes the width the text wraps at). Relies on a
    private Textual method: Textual is pinned, and tests/app cover the pane's layout.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False)


class DetailText(_OneLayout, Static):
    """The body and the note of the detail pane."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Nothing in the pane is a link: Textual would otherwise copy every line it draws
        # to style links (Strip._apply_link_style), some 5% of a page-down key's frame.
        self.set_reactive(Widget.auto_links, False)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        visual = self.visual
        if isinstance(visual, Hanging):  # selected as shown: wrapped lines are lines
            return selection.extract(visual.wrapped(self.content_region.width)[0].plain), "\n"
        return super().get_selection(selection)


class LinkList(LazyComponentStyles, OptionList):
    """The event's linked events, or the events linking to it (hidden while none)."""


# The two lists: their ids (the title's is the id plus "-title") and titles, in pane order.
LISTS = {"links": "Linked events", "backlinks": "Linked from"}
BACK_LINKS = 50  # events listed under "Linked from" at most


class DetailPane(KeptScrollBars, LazyComponentStyles, _OneLayout, VerticalScroll,
                 can_focus=True):
    """Shows one event; the screen sets :attr:`reference` (data-bound) and calls show()."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
        Binding("g", "scroll_home", "Top", show=False, id="detail.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="detail.bottom"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--title", "detail--heading", "detail--label", "detail--muted",
        "detail--match", "detail--quote", *KIND_CLASSES.values(),
    }

    reference: var[str] = var("UTC", init=False)
    """The reference zone: "UTC" or "local" (bound to the screen's)."""

    class LinkFollowed(Message):
        """The user chose a linked event."""

        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: TimelineData | None = None
        self.event: Event | None = None
        self.needle = ""
        self._has_note = True  # unknown until the first rebuild: update it then
        self._built = False  # whether _rebuild has shown the current event yet
        # "links" and "backlinks": each mounted for the first event that has some
        self._lists: dict[str, LinkList] = {}
        self._back_pending = False  # the back-links wait for the first frame (see _rebuild)

    def compose(self) -> ComposeResult:
        yield DetailText(id="detail-body")
        yield DetailText(id="detail-note")

    def show(self, data: TimelineData | None, event: Event | None, needle: str) -> None:
        """Show ``event`` (None: nothing highlighted), marking matches of ``needle``."""
        changed = event is not self.event
        if not changed and data is self.data and needle == self.needle and self._built:
            return  # a filter that keeps the highlighted event: the pane stays as it is
        self.data, self.event, self.needle = data, event, needle
        self._rebuild()
        if changed:
            self.scroll_home(animate=False, immediate=True)  # in this frame, not the next

    # Keys jump, like the timeline: Textual animates these scrolls, and End or Page Down
    # gliding through a long event is slow to read from and lags behind repeated keys.
    # A pane that cannot scroll skips the action, as Textual's does: the key goes on up.
    def _can_scroll(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()

    def action_scroll_home(self) -> None:
        self._can_scroll()
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._can_scroll()
        self.scroll_end(animate=False)

    def action_page_up(self) -> None:
        self._can_scroll()
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self._can_scroll()
        self.scroll_page_down(animate=False)

    def action_scroll_up(self) -> None:
        self._can_scroll()
        self.scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self._can_scroll()
        self.scroll_down(animate=False)

    def watch_reference(self) -> None:
        # Also called when the screen binds it at mount: nothing is shown yet to redo then.
        if self._built:
            self._rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.call_later(self._rebuild)

    # -- building the text ----------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.component_style(name)

    def _marked(self, text: str, style: Style | None = None) -> Content:
        content = Content(text)
        if style is not None:
            content = content.stylize(style)
        for start, end in match_spans(text, self.needle):
            content = content.stylize(self._style("detail--match"), start, end)
        return content

    def _heading(self, text: str) -> Content:
        return Content.assemble("\n", (text, self._style("detail--heading")))

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        self._built = True
        body = self.query_one("#detail-body", Static)
        note = self.query_one("#detail-note", Static)
        event, data = self.event, self.data
        if event is None or data is None:
            body.update(Content.styled("No event highlighted.", self._style("detail--muted")))
            self._show_list("links", [])
            self._show_list("backlinks", [])
            self._update_note(note, "")
            return
        body.update(Hanging(self._body(data, event)))
        by_id = data.timeline.by_id
        self._show_list("links", self._link_options(
            [(link.rel, by_id.get(link.to)) for link in event.links], "→"))
        # The reverse index is built when first asked (some 20 ms at 100,000 events):
        # for the first event shown, after the first frame rather than before it.
        if data.links_indexed:
            self._show_back_links()
        else:
            self._show_list("backlinks", [])
            if not self._back_pending:
                self._back_pending = True
                self.call_after_refresh(self._show_back_links)
        self._update_note(note, Content.assemble(self._heading("Curator's note"), "\n",
                                                 clean_block(event.note)) if event.note else "")

    def _link_options(self, links: list[tuple[str, Event | None]], arrow: str) -> list[Option]:
        """One option per linked event (``rel arrow ◆ title  date``), its id the event's;
        an event linked twice (``part-of, follows →``) is listed once: ids are unique."""
        rels: dict[str, list[str]] = {}
        targets: list[Event] = []
        for rel, target in links:
            if target is None:
                continue
            if target.id not in rels:
                rels[target.id] = []
                targets.append(target)
            rels[target.id].append(rel)
        options = []
        for target in targets:
            lead = Content.assemble(
                (f"{', '.join(rels[target.id])} {arrow} ", self._style("detail--label")),
                (kind_marker(target.kind) + " ", self._style(KIND_CLASSES[target.kind])))
            # Dated at the linked event's own precision ("Sep 2023", not "1 Sep").
            when = f"  {period_label(target.start.precision, target.start.day)}"
            label = Content.assemble(lead, clean(target.title),
                                     (when, self._style("detail--muted")))
            # Wrapped lines hang under the title, like every other item of the pane; the
            # date is never split ("2" at a line's end, "Nov 2023" under it).
            options.append(Option(Hanging([(label, lead.cell_length)], keep=len(when)),
                                  id=target.id))
        return options

    def _show_back_links(self) -> None:
        self._back_pending = False
        event, data = self.event, self.data
        # Put off until after a frame: by then the app may be quitting, the pane detached.
        if event is None or data is None or not self.is_mounted or not self.is_attached:
            return
        events, pairs = data.events, data.linked_from(event.id)
        # An umbrella event may be linked from thousands (a list lays out every option):
        # the first BACK_LINKS, in timeline order, and how many more there are.
        linking = list(dict.fromkeys(i for _, i in pairs))  # each event once, in order
        kept = set(linking[:BACK_LINKS])
        options = self._link_options(
            [(rel, events[i]) for rel, i in pairs if i in kept], "←")
        more = len(linking) - len(kept)
        if more > 0:
            options.append(Option(Content.styled(
                f"… and {more:,} more link here (the search or filters find them)",
                self._style("detail--muted")), disabled=True))
        self._show_list("backlinks", options)

    def link_list(self) -> LinkList | None:
        """The list ``l`` goes to: the linked events, else the events linking here."""
        if self._back_pending:  # the first event's back-links, not shown yet
            self._show_back_links()
        for name in LISTS:
            shown = self._lists.get(name)
            if shown is not None and shown.option_count:
                return shown
        return None

    # Paging through events without links or notes is the common case: leaving those
    # widgets alone then spares a layout pass (and a frame) per highlighted event.
    def _show_list(self, name: str, options: list[Option]) -> None:
        links = self._lists.get(name)
        if links is None:
            if not options:
                return  # none shown yet, none to show
            # Mounted when first needed: widgets less to mount and style before the first
            # screen (most events have no links). In LISTS order, before the note.
            names = list(LISTS)
            later = [f"#detail-{other}-title" for other in names[names.index(name) + 1:]
                     if other in self._lists]
            links = self._lists[name] = LinkList(id=f"detail-{name}")
            title = Static(LISTS[name], id=f"detail-{name}-title", classes="heading")
            self.mount(title, links, before=self.query_one(later[0] if later else "#detail-note"))
        if options or links.option_count:
            links.set_options(options)
            if options:
                links.highlighted = 0
        shown = bool(options)
        # Inline display, not a class on the pane: a class change restyles every child.
        for widget in (links, self.query_one(f"#detail-{name}-title")):
            if widget.display != shown:
                widget.display = shown

    def _update_note(self, note: Static, content: Content | str) -> None:
        if content or self._has_note:
            note.update(content)
        self._has_note = bool(content)

    def _body(self, data: TimelineData, event: Event) -> list[Line]:
        """The body's paragraphs, each with the column its wrapped lines hang at: a
        labelled value under its value, a list item under its text (past the item's
        indent, so the next item stands out), free text at the margin."""
        timeline = data.timeline
        label = self._style("detail--label")
        muted = self._style("detail--muted")
        quote_style = self._style("detail--quote")
        lines: list[Line] = [
            (self._marked(clean(event.title), self._style("detail--title")), 0),
            (Content.assemble((f"{kind_marker(event.kind)} {event.kind}",
                               self._style(KIND_CLASSES[event.kind])),
                              ("   " + event.id, muted)), 0),
            (self._heading("When"), 0),
        ]
        ref = "UTC" if self.reference == "UTC" else "local"
        for name, text in when_lines(event, ref):
            lines.append((Content.assemble((f"  {name:<{LABEL_WIDTH}} ", label), text),
                          VALUE_COLUMN))
        place = Content.styled("no place given", muted)
        if event.place is not None:
            place = Content.assemble(
                self._marked(clean(event.place.name)),
                (f" · {event.place.country} {country_name(event.place.country)}", label))
        lines.extend([(self._heading("Place"), 0), (Content("  ") + place, 4)])
        if event.actors:
            lines.append((self._heading("Actors"), 0))
            for ref_actor in event.actors:
                actor = timeline.actors.get(ref_actor.id)
                parts: list[Part] = ["  ", self._marked(clean(timeline.actor_name(ref_actor.id)))]
                if ref_actor.role:
                    parts.append((f" — {ref_actor.role}", label))
                if actor is not None and actor.role:
                    parts.append((f" · {clean(actor.role)}", muted))
                lines.append((Content.assemble(*parts), 4))
        if event.summary:
            lines.extend([(self._heading("Summary"), 0),
                          (self._marked(clean_block(event.summary)), 0)])
        if event.quotes:
            lines.append((self._heading("Quotes"), 0))
            for quote in event.quotes:
                source = timeline.sources.get(quote.source)
                lines.append((Content.assemble(("  “", quote_style),
                                               self._marked(clean(quote.text), quote_style),
                                               ("”", quote_style)), 3))
                credit = f"    — {clean(timeline.actor_name(quote.speaker))}"
                if source is not None:
                    credit += f", in “{clean(source.title)}”"
                lines.append((Content.styled(credit, label), 6))
        if event.tags:
            tags = [self._marked(clean(tag)) for tag in event.tags]
            lines.extend([(self._heading("Tags"), 0),
                          (Content("  ") + Content(" · ").join(tags), 2)])
        lines.append((self._heading("Sources"), 0))
        for source_id in event.sources:
            source = timeline.sources.get(source_id)
            if source is None:
                continue
            lines.append((Content("  " + clean(source.title)), 4))
            details = [clean(source.publisher) if source.publisher else "publisher not given",
                       source.published.iso() if source.published else "date not given",
                       clean(source.url) if source.url else "no URL"]
            lines.append((Content.styled("    " + " · ".join(details), muted), 4))
        return lines

    # -- links ----------------------------------------------------------------------------
    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            self.post_message(self.LinkFollowed(message.option.id))
