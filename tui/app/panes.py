"""The containers the panes sit in: blank, since the panes cover them.

Textual draws every widget's lines, a container's too, even where its children cover
them; a container with no border and no content can say so (Textual's ``BLANK``), and
is then drawn as one blank line repeated.
"""

from __future__ import annotations

from textual.containers import Container, Horizontal


class Panes(Horizontal):
    """The filter, timeline and detail panes side by side.

    Blank (Textual's ``BLANK``: no border, no content): its children cover it, and
    Textual would otherwise draw every line of it under them on each full repaint.
    """

    BLANK = True


class PaneArea(Container):
    """The timeline and the detail pane (beside or below it); blank like :class:`Panes`."""

    BLANK = True
