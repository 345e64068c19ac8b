"""TimelineJS date objects (``{"year": "1963", "month": "8", ...}``) read leniently.

Parts may be numbers or text, with spaces or thousands separators (``"1,963"``), and
empty parts mean "not given", as TimelineJS itself reads them. A part that is not a
whole number, or out of range, is a located problem. Spreadsheet times (``14:30``,
``2:30 PM``, ``1430``, ``14.30``) are read the way TimelineJS reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

PARTS = ("year", "month", "day", "hour", "minute", "second")
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
_PERIOD = re.compile(r"\s*([AaPp])\.?\s*[Mm]\.?\s*$")

Report = Callable[[str, str, str], None]  # (part, message, hint)


@dataclass(frozen=True, slots=True)
class Parts:
    """A date as TimelineJS gives it: year, then optional finer parts."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def day_date(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def clock(self) -> str:
        text = f"{self.hour or 0:02d}:{self.minute or 0:02d}"
        return f"{text}:{self.second:02d}" if self.second else text


def number(value: Any) -> tuple[int | None, str | None]:
    """(whole number or None if empty, or an error message)."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"expected a number, not {str(value).lower()}"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if value.is_integer():
            return int(value), None
        return None, f"{value!r} is not a whole number"
    if not isinstance(value, str):
        return None, "expected a number"
    text = re.sub(r"[\s,]+", "", value)
    if text == "":
        return None, None
    if re.fullmatch(r"[-+]?\d+(\.0*)?", text):
        return int(float(text)) if "." in text else int(text), None
    return None, f"{value.strip()!r} is not a whole number"


def parse_time(text: str) -> dict[str, int] | None:
    """``hour``/``minute``/``second`` from a spreadsheet time, or None if unreadable."""
    raw = text.strip()
    period = None
    match = _PERIOD.search(raw)
    if match:
        period = match.group(1).lower()
        raw = raw[: match.start()].strip()
    if re.fullmatch(r"\d{3,4}", raw):
        pieces = [raw[:-2], raw[-2:]]
    else:
        pieces = raw.split(":") if ":" in raw else raw.split(".")
    if not 1 <= len(pieces) <= 4 or not all(re.fullmatch(r"\d{1,3}", p) for p in pieces):
        return None
    values = [int(p) for p in pieces[:3]]
    hour = values[0]
    if period is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if period == "p" else 0)
    result = {"hour": hour, "minute": values[1] if len(values) > 1 else 0}
    if len(values) > 2 and values[2]:
        result["second"] = values[2]
    return result


def read_parts(raw: dict[str, Any], report: Report, *, time_text: str = "") -> Parts | None:
    """Parts from a date object; ``report(part, message, hint)`` for each problem.

    None if no year is given or a part is unreadable. ``time_text`` is a spreadsheet
    ``Time`` cell, read into hour/minute/second.
    """
    values: dict[str, int | None] = {}
    ok = True
    for name in PARTS:
        value, error = number(raw.get(name))
        if error:
            report(name, error, "write it as digits, e.g. 1963")
            ok = False
        values[name] = value
    if time_text.strip():
        parsed = parse_time(time_text)
        if parsed is None:
            report("time", f"{time_text.strip()!r} is not a time",
                   "write it as HH:MM, HH:MM:SS or H:MM PM")
            ok = False
        else:
            values.update(parsed)
    year = values["year"]
    if year is None:
        if any(values[p] is not None for p in PARTS[1:]):
            report("year", "the date has no year", "every TimelineJS date needs a year")
        return None
    if not ok:
        return None
    return _checked(values, report)


def _checked(values: dict[str, int | None], report: Report) -> Parts | None:
    year = values["year"]
    assert year is not None
    if year < 1:
        report("year", f"year {year} is before 1 CE, which newstui dates cannot hold",
               "newstui timelines cover years 1 to 9999")
        return None
    if year > 9999:
        report("year", f"year {year} is after 9999, which newstui dates cannot hold",
               "newstui timelines cover years 1 to 9999")
        return None
    for name in PARTS[1:]:
        value = values[name]
        if value is None:
            continue
        coarser = PARTS[PARTS.index(name) - 1]
        if values[coarser] is None:
            report(name, f"the {name} is given but not the {coarser}",
                   f"add the {coarser} or remove the {name}")
            return None
        low, high = _LIMITS.get(name, (1, 31))
        if not low <= value <= high:
            report(name, f"{name} {value} is out of range ({low}-{high})", "")
            return None
    if values["day"] is not None:
        try:
            date(year, values["month"] or 1, values["day"])
        except ValueError:
            report("day", f"{year}-{values['month']:02d} has no day {values['day']}", "")
            return None
    return Parts(year, values["month"], values["day"], values["hour"], values["minute"],
                 values["second"])
