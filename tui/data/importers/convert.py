"""Turn TimelineJS slides into newstui's file format, then validate it like any file.

Decisions (documented in README, "Importing TimelineJS"):

* Title slide: its headline is the timeline's title (the file name without one), its text
  the description. Eras are listed at the end of the description (newstui has no eras).
* Kind: TimelineJS has none. A slide whose group names a newstui kind ("Protest",
  "meetings") gets that kind; every other slide gets ``statement``, and its group is kept
  as a tag. Nothing else is guessed.
* Sources: one for the file itself (titled with the timeline's title and the file name),
  cited by every event, plus one per distinct media credit (its link, or else the media's
  URL, as the source's URL). TimelineJS has no publication dates, and none is made up:
  the sources have no ``published``.
* Dates: only the parts given. TimelineJS times carry no time zone, so a time is kept
  only when the display date states the offset ("14:30 (UTC+03:00)", as newstui's
  TimelineJS export writes it); otherwise the date is kept to the day, with the time in
  ``date_text`` and a note saying how to restore it. A display date becomes ``date_text``
  (and ``approximate`` when it hedges: "about", "circa", "early", "c.", ...).
* Text: HTML becomes plain text (links keep their URL). Media URLs and captions, map
  locations and other details that have no field in newstui go into the event's note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tui.data.dates import When
from tui.data.errors import Problem, TimelineError
from tui.data.export.common import HEDGE, dates_text, day_text, one_line, slug
from tui.data.importers.dateparts import Parts, read_parts
from tui.data.importers.html import absolute_url, html_links, html_to_text
from tui.data.importers.slides import Origin, Slide, SlideShow
from tui.data.load import Timeline, timeline_from_data
from tui.data.records import KINDS, SLUG, URL
from tui.data.yamlsafe import Locator

DEFAULT_KIND = "statement"
_OFFSET = re.compile(r"(?:UTC|GMT)(?:\s*([+\-−])\s*(\d{1,2}):?(\d{2}))?(?![\d:])")
# newstui field -> the TimelineJS field it was made from (for locating problems).
_FROM = {"start": "start_date", "end": "end_date", "title": "text.headline",
         "summary": "text.text", "sources": "media.credit", "kind": "group", "tags": "group",
         "id": "unique_id", "date_text": "display_date", "approximate": "display_date"}


class SlideLocator(Locator):
    """Maps paths in the converted data back to the TimelineJS file."""

    def __init__(self, title: Origin | None, events: list[Origin]) -> None:
        super().__init__(None)
        self.title = title
        self.events = events

    def position(self, path: Sequence[str | int], *, key: bool = False) -> Any:
        origin, name = self.title, ""
        if (len(path) >= 2 and path[0] == "events" and isinstance(path[1], int)
                and path[1] < len(self.events)):
            origin = self.events[path[1]]
            name = _FROM.get(str(path[2]), "") if len(path) > 2 else ""
        if origin is None:
            return None
        line, column, _label = origin.locate(name)
        return (line, column) if line is not None else None


class _Builder:
    def __init__(self, show: SlideShow, filename: str) -> None:
        self.show = show
        self.filename = filename
        self.problems: list[Problem] = []
        self.sources: dict[str, dict[str, Any]] = {}
        self.credit_ids: dict[tuple[str, str | None], str] = {}
        self.ids: set[str] = set()

    def problem(self, origin: Origin, name: str, message: str, hint: str = "",
                owner: str = "") -> None:
        line, column, label = origin.locate(name)
        self.problems.append(Problem(self.filename, line, column, message, field=label,
                                     owner=owner, hint=hint))

    # -- dates ------------------------------------------------------------------------

    def parts(self, slide: Slide, which: str, owner: str) -> Parts | None:
        raw = slide.start if which == "start_date" else slide.end
        time_text = slide.start_time if which == "start_date" else slide.end_time

        def report(part: str, message: str, hint: str) -> None:
            self.problem(slide.origin, f"{which}.{part}", message, hint, owner)

        return read_parts(raw or {}, report, time_text=time_text)

    def dates(self, slide: Slide, owner: str, notes: list[str]) -> dict[str, Any] | None:
        if slide.start is None and not slide.start_time:
            self.problem(slide.origin, "start_date", "the slide has no start date", owner=owner,
                         hint="every TimelineJS event needs a start_date with a year")
            return None
        if _blank((slide.start or {}).get("year")):
            self.problem(slide.origin, "start_date.year", "the start date has no year",
                         "every TimelineJS event needs a year", owner)
            return None
        start = self.parts(slide, "start_date", owner)
        if start is None:
            return None
        end = None
        end_raw = slide.end or {}
        if _blank(end_raw.get("year")):
            if slide.end_time.strip() or any(
                    not _blank(end_raw.get(part)) for part in ("month", "day", "hour")):
                notes.append("The file gives an end date without a year; TimelineJS ignores "
                             "it, and so does this import.")
        else:
            end = self.parts(slide, "end_date", owner)
            if end is None:
                return None
        shown = one_line(html_to_text(slide.display_date))
        offsets = [z for z in map(_offset, _OFFSET.finditer(shown)) if z is not None]
        first = _when(start, offsets[0] if offsets else None)
        last = _when(end, offsets[-1] if offsets else None) if end else None
        result: dict[str, Any] = {"start": first.iso()}
        if last is not None:
            result["end"] = last.iso()
        dropped = [p for p, w in ((start, first), (end, last))
                   if p is not None and w is not None and p.has_time and w.moment is None]
        plain = dates_text(first, last, None)
        if shown and HEDGE.search(shown):
            result["approximate"] = True
        # newstui's export marks a loose date whose wording does not hedge this way.
        shown = shown.removesuffix(" (approximate)")
        if shown and shown not in (plain, f"about {plain}"):
            result["date_text"] = shown
        if dropped:
            where = "date_text keeps the display date"
            if "date_text" not in result:
                labels = [_label(p, w) for p, w in ((start, first), (end, last)) if p and w]
                result["date_text"] = " – ".join(labels)
                where = "date_text keeps the time"
            example = f"{dropped[0].day_date().isoformat()}T{dropped[0].clock()}+HH:MM"
            notes.append(
                f"The file gives a time without a time zone, so the date is kept to the day "
                f"({where}); to keep the time, write the date as {example} with its UTC "
                "offset.")
        return result

    # -- sources ----------------------------------------------------------------------

    def file_source(self, title: str) -> str:
        ident = slug(Path(self.filename).stem, limit=40) or "timeline"
        name = Path(self.filename).name
        label = f"{title} ({self.show.form} file {name})" if title != name else (
            f"{self.show.form} file {name}")
        # TimelineJS records no publication dates: none is made up (not even the file's).
        self.sources[ident] = {"title": label}
        return ident

    def credit_source(self, slide: Slide) -> str | None:
        """A source for the slide's media credit: the caption (or credit) as title, the
        credit as publisher, the credit's link (or else the media's URL) as URL."""
        credit = one_line(html_to_text(slide.media_credit, show_urls=False)
                          .replace("\n", " / "))
        if not credit:
            return None
        caption = one_line(html_to_text(slide.media_caption, show_urls=False))
        links = [u for u in html_links(slide.media_credit) if URL.match(u)]
        media = absolute_url(slide.media_url.strip())
        url = links[0] if links else (media if media and URL.match(media) else None)
        key = (caption, credit, url)
        if key in self.credit_ids:
            return self.credit_ids[key]
        base = "credit-" + (slug(credit, limit=40) or str(len(self.credit_ids) + 1))
        ident, n = base, 1
        while ident in self.sources:
            n += 1
            ident = f"{base}-{n}"
        source: dict[str, Any] = {"title": caption or credit}
        if caption:
            source["publisher"] = credit
        if url:
            source["url"] = url
        self.sources[ident] = source
        self.credit_ids[key] = ident
        return ident

    # -- events -----------------------------------------------------------------------

    def unique_id(self, slide: Slide, title: str, number: int) -> str:
        wanted = slide.unique_id.strip()
        if wanted and not SLUG.fullmatch(wanted):
            wanted = slug(wanted)
        ident = wanted or slug(title) or f"event-{number}"
        base, n = ident, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def event(self, slide: Slide, number: int, file_source: str) -> dict[str, Any] | None:
        notes: list[str] = []
        title = one_line(html_to_text(slide.headline))
        summary = html_to_text(slide.text)
        if not title:
            title, taken = _fallback_title(summary, slide)
            notes.append(f"The file gives no headline; the title is taken from {taken}.")
        ident = self.unique_id(slide, title, number)
        dates = self.dates(slide, f"event {ident}", notes)
        if dates is None:
            return None
        event: dict[str, Any] = {"id": ident, "kind": DEFAULT_KIND, "title": title}
        if summary:
            event["summary"] = summary
        event.update(dates)
        sources = [file_source]
        credit = self.credit_source(slide)
        if credit:
            sources.append(credit)
        event["sources"] = sources
        group = one_line(html_to_text(slide.group))
        kind = _kind(group)
        if kind:
            event["kind"] = kind
        elif group:
            event["tags"] = [group]
        cited = self.sources[credit].get("url") if credit else None
        notes.extend(_media_notes(slide, cited))
        if notes:
            event["note"] = "\n".join(notes)
        return event

    def build(self) -> tuple[dict[str, Any], SlideLocator]:
        show = self.show
        title = one_line(html_to_text(show.title.headline)) if show.title else ""
        title = title or Path(self.filename).name
        description = html_to_text(show.title.text) if show.title else ""
        if show.eras:
            lines = ["Eras in the TimelineJS file:"]
            lines += [f"- {text}" for _, text in sorted(self.era_text(e) for e in show.eras)]
            description = (description + "\n\n" if description else "") + "\n".join(lines)
        file_source = self.file_source(title)
        events, origins = [], []
        for number, slide in enumerate(show.events, start=1):
            event = self.event(slide, number, file_source)
            if event is not None:
                events.append(event)
                origins.append(slide.origin)
        data = {"title": title, "description": description, "sources": self.sources,
                "events": events}
        return data, SlideLocator(show.title.origin if show.title else None, origins)

    def era_text(self, era: Slide) -> tuple[date, str]:
        """(sort key, text) of an era's line in the description."""
        label = one_line(html_to_text(era.headline)) or "untitled era"
        # An era only adds a line to the description: unreadable era dates leave the
        # span out rather than refusing the timeline.
        start = read_parts(era.start or {}, _unreported)
        end = read_parts(era.end or {}, _unreported)
        if start is None:
            return date.max, label
        span = dates_text(_when(start, None), _when(end, None) if end else None, None)
        return start.day_date(), f"{label} ({span})"


def _label(parts: Parts, when: When) -> str:
    """A date as the file gave it: with its clock time when the time had to be dropped."""
    if parts.has_time and when.moment is None:
        return f"{day_text(parts.day_date())}, {parts.clock()}"
    return dates_text(when, None, None)


def _unreported(part: str, message: str, hint: str) -> None:
    """A problem that only drops optional detail (an era's span) is not reported."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _offset(match: re.Match[str]) -> timezone | None:
    """The offset a display date states ("UTC+03:00", "GMT-5:30", "UTC"), if a real one."""
    if match.group(1) is None:
        return UTC
    sign = -1 if match.group(1) in "-−" else 1
    hours, minutes = int(match.group(2)), int(match.group(3))
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _when(parts: Parts, offset: timezone | None) -> When:
    day = parts.day_date()
    if parts.has_time and offset is not None:
        moment = datetime(day.year, day.month, day.day, parts.hour or 0, parts.minute or 0,
                          parts.second or 0, tzinfo=offset)
        return When("time", day, moment)
    if parts.day is not None:
        return When("day", day)
    if parts.month is not None:
        return When("month", day)
    return When("year", day)


def _kind(group: str) -> str | None:
    word = group.strip().casefold()
    for candidate in (word, word[:-1] if word.endswith("s") else word):
        if candidate in KINDS:
            return candidate
    return None


def _fallback_title(summary: str, slide: Slide) -> tuple[str, str]:
    caption = one_line(html_to_text(slide.media_caption))
    if summary:
        sentence = re.split(r"(?<=[.!?])\s", one_line(summary), maxsplit=1)[0]
        return _shorten(sentence), "the start of its text"
    if caption:
        return _shorten(caption), "its media caption"
    return "Untitled event", "nowhere (no text or caption either): it is a placeholder"


def _shorten(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _media_notes(slide: Slide, cited_url: str | None) -> list[str]:
    """Media and map details that no newstui field holds (unless a source cites them)."""
    notes = []
    url = slide.media_url.strip()
    caption = one_line(html_to_text(slide.media_caption))
    if (url or caption) and (absolute_url(url) or url) != cited_url:
        # The media field may hold an embed (HTML) rather than an address.
        media = html_to_text(url) if "<" in url else (absolute_url(url) or url)
        text = "Media: " + " — ".join(p for p in (caption, one_line(media)) if p)
        notes.append(text)
    location = slide.location
    if isinstance(location, dict):
        name = location.get("name")
        lat, lon = location.get("lat"), location.get("lon")
        where = [str(name)] if isinstance(name, str) and name.strip() else []
        if lat is not None and lon is not None:
            where.append(f"({lat}, {lon})")
        if where:
            notes.append(f"Map location in the file: {' '.join(where)}; add a place with its "
                         "country to use it.")
    return notes


def slides_to_timeline(show: SlideShow, filename: str, *, path: Path | None = None,
                       problems: Sequence[Problem] = ()) -> Timeline:
    """Validate the converted slides; every problem (reading or validating) is raised."""
    builder = _Builder(show, filename)
    builder.problems.extend(problems)
    data, locator = builder.build()
    try:
        timeline = timeline_from_data(data, locator, filename, path)
    except TimelineError as error:
        raise TimelineError(builder.problems + error.problems) from None
    if builder.problems:
        raise TimelineError(builder.problems)
    return timeline
