"""Dates that are honest about their precision.

``2023`` (year), ``2023-11`` (month), ``2023-11-06`` (day: the time is unknown) and
``2023-11-06T14:30+03:00`` (time: an instant). A time written without an offset is local
time in the event's place (its IANA ``tz``). A timeline is in calendar order, by local day,
untimed events first, then real instant (:func:`tui.data.derived.calendar_order`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Precision = Literal["year", "month", "day", "time"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "time")

_PARTIAL = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


class DateError(ValueError):
    """A date that cannot be read, with a hint on how to write it."""


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``, or :class:`DateError`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DateError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/Istanbul'"
        ) from None


def period_end(precision: str, first: date) -> date:
    """The last day of the day, month or year that starts on ``first``."""
    if precision == "year":
        return first.replace(month=12, day=31)
    if precision == "month":
        following = first.replace(day=28) + timedelta(days=4)  # always in the next month
        return following - timedelta(days=following.day)
    return first


@dataclass(frozen=True, slots=True)
class When:
    """A point in time at a stated precision."""

    precision: Precision
    day: date  # for year/month precision, the first day of the period
    moment: datetime | None = None  # precision "time" only; naive means local to the place

    @classmethod
    def parse(cls, text: str) -> When:
        """Read an ISO 8601 date or date-time; raise :class:`DateError` if it is not one.

        Memoised: a large timeline repeats its dates (each is read by the model and again
        by the cross-checks), and a ``When`` is immutable, so events can share one.
        """
        return _parse_when(text) if cls is When else cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> When:
        raw = text.strip()
        if _TIME.match(raw):
            from dateutil.parser import isoparse  # only to parse: a cache hit needs none

            try:
                moment = isoparse(raw)
            except (ValueError, OverflowError) as error:
                raise DateError(_why(raw, error)) from None
            return cls("time", moment.date(), moment)
        match = _PARTIAL.fullmatch(raw)
        if not match:
            raise DateError(
                f"{raw!r} is not a date; write YYYY-MM-DD (day), YYYY-MM, YYYY, "
                "or YYYY-MM-DDTHH:MM with an offset such as +03:00"
            )
        year, month, day = match["y"], match["m"], match["d"]
        try:
            if day:
                return cls("day", date(int(year), int(month), int(day)))
            if month:
                return cls("month", date(int(year), int(month), 1))
            return cls("year", date(int(year), 1, 1))
        except ValueError as error:
            raise DateError(_why(raw, error)) from None

    @property
    def has_offset(self) -> bool:
        return self.moment is None or self.moment.tzinfo is not None

    def span(self, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
        """The first and last instant (aware, UTC) this date can mean, local to ``tz``."""
        local = tz or UTC
        if self.moment is not None:
            moment = self.moment if self.moment.tzinfo else self.moment.replace(tzinfo=local)
            moment = moment.astimezone(UTC)
            return moment, moment
        first = self.day
        last = period_end(self.precision, first)
        start = datetime.combine(first, time(), local).astimezone(UTC)
        end = datetime.combine(last + timedelta(days=1), time(), local).astimezone(UTC)
        return start, end - timedelta(microseconds=1)

    def instant(self, tz: tzinfo | None = None) -> datetime:
        """The instant this date sorts at (the start of its period), aware and in UTC."""
        return self.span(tz)[0]

    def iso(self) -> str:
        """The canonical text: only the parts the precision supports."""
        if self.moment is not None:
            spec = "minutes" if self.moment.second == 0 and not self.moment.microsecond else "auto"
            return self.moment.isoformat(timespec=spec)
        if self.precision == "day":
            return self.day.isoformat()
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return f"{self.day.year:04d}"

    def __str__(self) -> str:
        return self.iso()


_parse_when = lru_cache(maxsize=1 << 16)(When._parse)


def _why(raw: str, error: Exception) -> str:
    reason = str(error) or "not a valid date"
    return f"{raw!r} is not a real date or time: {reason}"
