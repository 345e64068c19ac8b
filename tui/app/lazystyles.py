"""Component class styles worked out when a widget first asks for them after a restyle.

Textual restyles every component class of a widget (a virtual node per class, matched
against the whole stylesheet) each time it restyles the widget: when it is mounted, when
it gains or loses focus, when a class changes on it or on an ancestor. The timeline has
18 component classes, the filter and detail panes 14 each; before the first frame that
made well over a hundred such passes, for styles that are mostly not drawn yet. Widgets
with :class:`LazyComponentStyles` first in their bases work out a component class's style
the first time they ask for it after a restyle, with the same stylesheet call Textual
makes, and drop what they worked out whenever they are restyled. They also keep the
partial visual styles they draw with (:meth:`~LazyComponentStyles.component_style`) until
then: Textual's own cache works out its key (the widget's pseudo-classes) on every call,
and the bars and the detail pane ask for dozens per render.

Relies on private Textual names (``_get_component_classes``, ``_component_styles``,
``DOMNode._attach``): Textual is pinned, and tests/app check the colours (snapshots).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles
    from textual.style import Style
    from textual.widget import Widget


class LazyComponentStyles:
    """A mixin, before the Textual widget class in the bases."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # First: Textual may restyle the widget while it is being constructed.
        self._visual_styles: dict[str, Style] = {}
        super().__init__(*args, **kwargs)

    def component_style(self: Any, name: str) -> Style:
        """The partial visual style of component class ``name`` (kept until a restyle)."""
        styles: dict[str, Style] = self._visual_styles
        style = styles.get(name)
        if style is None:
            style = styles[name] = self.get_visual_style(name, partial=True)
        return style

    @classmethod
    def _get_component_classes(cls) -> frozenset[str]:
        return frozenset()  # Textual's restyle pass: nothing to style ahead of use

    @classmethod
    def _lazy_component_classes(cls) -> frozenset[str]:
        """The component classes the widget declares (and inherits)."""
        found = cls.__dict__.get("_lazy_classes")
        if found is None:
            parent: Any = super()
            found = frozenset(parent._get_component_classes())
            cls._lazy_classes = found  # type: ignore[attr-defined]
        return found

    def get_component_styles(self: Any, *names: str) -> RenderStyles:
        styles: dict[str, RenderStyles] = self._component_styles
        for name in names:
            if name not in styles and name in self._lazy_component_classes():
                node = DOMNode(classes=name)
                node._attach(self)
                self.app.stylesheet.apply(node, animate=False)
                styles[name] = node.styles
        # Unknown names raise KeyError there, as they would without this mixin.
        return super().get_component_styles(*names)  # type: ignore[no-any-return]

    def notify_style_update(self: Any) -> None:
        widget: Widget = self
        self._visual_styles.clear()
        if widget._component_styles:
            widget._component_styles.clear()
            # The component styles may change when the widget's own do not (a theme
            # change): repaint with the new ones, as Textual does when it restyles them.
            widget.refresh()
        super().notify_style_update()
