"""Fitting the status line's filters into the width it has (plain text, no Textual).

The count and every filter's " ✕" (the click target that removes it) always stay; what
gives way, in order: the country filter's "no country" note (its long form, then all
of it), the last values of the longest lists ("country: PS, TR +3"), then the ends of
the labels ("actor: Hak…"), longest first.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

SEPARATOR = " · "  # before each filter
REMOVE = " ✕"  # after each filter's label: the click target that removes it


class ActiveFilter(NamedTuple):
    """A filter as the status line names it: its facet (or "search") and its values."""

    facet: str  # also the ✕'s click payload
    values: tuple[str, ...]  # display labels, sorted (a search: its one quoted phrase)

    def label(self, first: int | None = None) -> str:
        """"country: PS, TR"; with ``first``, only that many values and "+k" for the rest."""
        if first is None or first >= len(self.values):
            return f"{self.facet}: {', '.join(self.values)}"
        return f"{self.facet}: {', '.join(self.values[:first])} +{len(self.values) - first}"


def cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells: cut with "…" if it is longer."""
    if cell_len(text) <= cells:
        return text
    if cells <= 1:
        return "…"[:cells]
    # set_cell_size pads a wide character it halves; the cut's own spaces and commas go too.
    return set_cell_size(text, cells - 1).rstrip(" ,:+") + "…"


def shorten(labels: list[str], budget: int) -> list[str]:
    """The labels cut with "…" to fit ``budget`` cells together: cells are handed out one
    at a time to the label given the fewest so far, so the longest are cut first and short
    ones stay whole. A label is never cut below one cell ("…")."""
    lengths = [cell_len(label) for label in labels]
    if sum(lengths) <= budget:
        return list(labels)
    shown = [cut(label, 1) for label in labels]
    given = [1] * len(labels)
    used = len(labels)
    growing = {index for index, length in enumerate(lengths) if length > 1}
    while growing:
        index = min(growing, key=lambda i: (given[i], i))
        # A cut's spaces and colons are dropped: one more cell may show no more (or 3 more).
        text = cut(labels[index], given[index] + 1)
        extra = cell_len(text) - cell_len(shown[index])
        if used + extra > budget:
            growing.discard(index)
            continue
        given[index] += 1
        used += extra
        shown[index] = text
        if given[index] >= lengths[index]:
            growing.discard(index)
    return shown


def fit_filters(room: int, filters: list[ActiveFilter], hidden: int) -> tuple[list[str], str]:
    """The filters' labels and the country filter's "no country" note, fitted into ``room``
    cells with every filter's separator and ✕ (those are never given up here).

    What goes first: the note's long form, then the note; then the longest lists of values
    lose their last values ("country: PS, TR +3"); then the labels' ends ("actor: Hak…").
    ``room`` 0 means no limit: everything in full.
    """
    labels = [item.label() for item in filters]
    notes = [f" ({hidden:,} with no country hidden)", f" (+{hidden:,} without country)"] \
        if hidden else []
    if room <= 0:
        return labels, notes[0] if notes else ""
    budget = room - len(filters) * (cell_len(SEPARATOR) + cell_len(REMOVE))

    def over() -> int:
        return sum(cell_len(label) for label in labels) - budget

    for note in notes:
        if over() + cell_len(note) <= 0:
            return labels, note
    for index in sorted(range(len(filters)), key=lambda i: -cell_len(labels[i])):
        if over() <= 0:
            break
        item, now = filters[index], cell_len(labels[index])
        # As many of its first values as make the line fit; else only the first.
        shorter = [item.label(first) for first in range(len(item.values) - 1, 0, -1)]
        shorter = [label for label in shorter if cell_len(label) < now]
        fitting = [label for label in shorter if now - cell_len(label) >= over()]
        if fitting or shorter:
            labels[index] = (fitting or shorter)[0 if fitting else -1]
    return shorten(labels, budget), ""
