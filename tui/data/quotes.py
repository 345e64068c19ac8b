"""Check that every quote is verbatim in the archived text of its source.

Only typographic quotes, dashes and whitespace are normalised: a quote that differs in
any word, letter or punctuation mark from its source is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.data.errors import Problem, TimelineError
from tui.data.load import Timeline, read_text
from tui.data.yamlsafe import Locator, YamlIssue, load_yaml

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2026": "...",
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def _locator(path: Path | None) -> Locator | None:
    """A locator for a YAML (or JSON) timeline file; None for other formats."""
    if path is None or path.suffix.lower() not in {".yaml", ".yml", ".json"}:
        return None
    try:
        return load_yaml(read_text(path))[1]
    except (TimelineError, YamlIssue):
        return None  # the file changed since it was loaded: fall back to event lines


def check_quotes(timeline: Timeline, archive_dir: Path, filename: str) -> list[Problem]:
    """Problems for quotes not found verbatim in their source's archive file."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for source_id, source in timeline.sources.items():
        if source.archive is None:
            texts[source_id] = None
            continue
        path = archive_dir / source.archive
        try:
            texts[source_id] = normalise(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            texts[source_id] = None
            problems.append(Problem(filename, None, None,
                                    f"cannot read the archive {path}: {error}",
                                    owner=f"source {source_id}", field="archive"))
    locator: Locator | None = None
    located = False

    def where(event_id: str, n: int, key: str) -> tuple[int | None, int | None]:
        # Positions need the YAML node tree: parse again, once, only when a quote fails.
        nonlocal locator, located
        if not located:
            located = True
            locator = _locator(timeline.path)
        path = ["events", timeline.order.get(event_id, -1), "quotes", n, key]
        position = locator.position(path) if locator else None
        return position if position else (timeline.lines.get(event_id), None)

    for event in timeline.events:
        for n, quote in enumerate(event.quotes):
            archived = texts.get(quote.source)
            if archived is None:
                if timeline.sources[quote.source].archive is None:
                    problems.append(Problem(
                        filename, *where(event.id, n, "source"),
                        f"source {quote.source!r} has no archive file",
                        field=f"quotes[{n}].source", owner=f"event {event.id}",
                        hint="set the source's 'archive' to check its quotes"))
                continue
            if normalise(quote.text) not in archived:
                problems.append(Problem(
                    filename, *where(event.id, n, "text"),
                    f"quote is not verbatim in {timeline.sources[quote.source].archive}: "
                    f"{quote.text[:60]!r}",
                    field=f"quotes[{n}].text", owner=f"event {event.id}",
                    hint="copy the words exactly as the source has them"))
    return problems
