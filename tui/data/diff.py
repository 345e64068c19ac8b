"""What changed between two versions of a timeline, for the live-reload notice."""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.load import Timeline


@dataclass(frozen=True, slots=True)
class TimelineDiff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    header_changed: bool  # title, description, sources or actors

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.header_changed)

    def describe(self) -> str:
        """A short human summary: "+2 events, 1 changed, 1 removed"."""
        parts = []
        if self.added:
            parts.append(f"+{len(self.added)} event{'s' if len(self.added) != 1 else ''}")
        if self.changed:
            parts.append(f"{len(self.changed)} changed")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if not parts:
            return "sources or actors updated" if self.header_changed else "no changes"
        return ", ".join(parts)


def diff_timelines(old: Timeline, new: Timeline) -> TimelineDiff:
    """Compare events by id (records compare field by field; the sort instant follows)."""
    old_ids, new_ids = old.by_id, new.by_id
    added = tuple(e.id for e in new.events if e.id not in old_ids)
    removed = tuple(e.id for e in old.events if e.id not in new_ids)
    changed = tuple(
        e.id for e in new.events if e.id in old_ids and old_ids[e.id] != e
    )
    header_changed = (
        old.title != new.title
        or old.description != new.description
        or old.sources != new.sources
        or old.actors != new.actors
    )
    return TimelineDiff(added, removed, changed, header_changed)
