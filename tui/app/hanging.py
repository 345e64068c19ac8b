"""Hanging paragraphs: text whose wrapped lines hang under a column (the detail pane's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content, _FormattedLine
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.visual import RenderOptions

Line = tuple[Content, int]  # a paragraph and the column its wrapped lines hang at


def _hang(line: Content, indent: int, width: int, keep: int = 0) -> list[Content]:
    """``line`` wrapped at ``width``, its continuation lines indented by ``indent``.

    Its last ``keep`` characters (a date after its gap) are never split: they follow the
    text on its last line when they fit there, else they go whole to a line of their own.
    """
    if line.cell_length <= width:
        return [line]
    indent = min(indent, width // 2)  # a narrow pane: the text still gets half the width
    if 0 < keep < len(line.plain):
        cut = len(line.plain) - keep
        lines, tail = _hang(line[:cut], indent, width), line[cut:]
        if lines[-1].cell_length + tail.cell_length <= width:
            return [*lines[:-1], lines[-1] + tail]
        gap = len(tail.plain) - len(tail.plain.lstrip(" "))  # the gap goes with the break
        # Wider than the pane left of the indent (under about 22 cells): it has to wrap.
        return [*lines, *_hang(Content(" " * indent) + tail[gap:], indent, width)]
    head = line.wrap(width)[0]
    start, plain = len(head.plain), line.plain
    while start < len(plain) and plain[start] == " ":  # the break's spaces
        start += 1
    if start == len(plain):  # only spaces went past the width
        return [head]
    pad = Content(" " * indent)
    return [head, *(pad + part for part in line[start:].wrap(width - indent))]


class Hanging(Visual):
    """Paragraphs whose wrapped lines hang under a column (a label's value, an item's text).

    Textual wraps a Content's continuation lines at column 0; a value that wraps under
    its own label is hard to read. Wrapping happens here, at the width the pane renders
    at, and the wrapped lines are drawn as one Content (each fits, so nothing wraps again).
    """

    def __init__(self, paragraphs: list[Line], keep: int = 0) -> None:
        self.paragraphs = paragraphs
        self.keep = keep  # characters at the end of the last paragraph wrapped as one
        # (width, the lines, the lines joined by newlines)
        self._wrapped: tuple[int, list[Content], Content] | None = None

    def __str__(self) -> str:
        return "\n".join(content.plain for content, _ in self.paragraphs)

    def _lines(self, width: int) -> tuple[list[Content], Content]:
        if self._wrapped is None or self._wrapped[0] != width:
            lines: list[Content] = []
            final = len(self.paragraphs) - 1
            for n, (content, indent) in enumerate(self.paragraphs):
                parts = content.split("\n", allow_blank=True)
                for m, line in enumerate(parts):
                    keep = self.keep if n == final and m == len(parts) - 1 else 0
                    lines.extend(_hang(line, indent, max(width, 1), keep))
            self._wrapped = (width, lines, Content("\n").join(lines))
        return self._wrapped[1], self._wrapped[2]

    def wrapped(self, width: int) -> tuple[Content, int]:
        """The text wrapped at ``width`` (lines joined by newlines) and its line count."""
        lines, joined = self._lines(width)
        return joined, len(lines)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        lines, joined = self._lines(width)
        rules = options.rules
        if options.selection is not None or options.post_style is not None \
                or rules.get("text_align", "left") not in ("left", "start") \
                or rules.get("line_pad", 0) or not width:
            return joined.render_strips(width, height, style, options)
        # Each line fits: drawn as Content.render_strips draws a line (with the offsets
        # that mouse selection reads), without wrapping all of them a second time. Uses
        # Textual's private _FormattedLine: Textual is pinned, snapshots cover the pane.
        return [Strip(*_FormattedLine(options.get_style, line, width, y=y).to_strip(style))
                for y, line in enumerate(lines[:height] if height is not None else lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for content, _ in self.paragraphs
                    for line in content.split("\n", allow_blank=True)), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        widths = [cell_len(word) for content, _ in self.paragraphs
                  for word in content.plain.split()]
        if self.keep and self.paragraphs:  # the kept end is one unbreakable "word"
            widths.append(cell_len(self.paragraphs[-1][0].plain[-self.keep:].strip()))
        return max(widths, default=1)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.wrapped(width)[1]
