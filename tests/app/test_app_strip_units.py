"""The day strip of timelines spread over years: month or year cells, labelled with years."""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import main_screen
from tui.app.app import NewsApp
from tui.app.bars import DayStrip
from tui.app.viewmodel import TimelineData
from tui.data.load import load_timeline


def _timeline(tmp_path: Path, starts: list[str]) -> Path:
    events = "\n".join(
        f"  - {{id: e{n}, kind: statement, title: t{n}, start: '{start}', sources: [s]}}"
        for n, start in enumerate(starts))
    path = tmp_path / "spread.yaml"
    path.write_text("title: spread\nsources: {s: {title: S}}\n" f"events:\n{events}\n",
                    encoding="utf-8")
    return path


def test_years_of_scattered_days_get_month_cells(tmp_path: Path) -> None:
    starts = [f"{year}-{month:02d}-15" for year in (2019, 2020, 2021) for month in (1, 6, 11)]
    data = TimelineData(load_timeline(_timeline(tmp_path, starts)))
    assert data.unit == "month"
    assert (data.window[0].isoformat(), data.window[-1].isoformat()) == (
        "2019-01-01", "2021-11-01")
    strip = data.strip(data.index.all)
    assert len(strip.cells) == 35 and strip.unit == "month"
    assert sum(c.count for c in strip.cells) == 9
    assert (strip.earlier, strip.later, strip.loose) == (0, 0, 0)
    june_2020 = next(c for c in strip.cells if c.day.isoformat() == "2020-06-01")
    assert (june_2020.count, june_2020.last.isoformat()) == (1, "2020-06-30")


def test_centuries_get_year_cells_and_loose_dates_fall_into_their_year(tmp_path: Path) -> None:
    data = TimelineData(load_timeline(_timeline(tmp_path, ["1815", "1843-07", "1946-02-14",
                                                           "1985"])))
    assert data.unit == "year"
    strip = data.strip(data.index.all)
    assert (strip.cells[0].day.year, strip.cells[-1].day.year, len(strip.cells)) == (
        1815, 1985, 171)
    assert [c.day.year for c in strip.cells if c.count] == [1815, 1843, 1946, 1985]
    assert (strip.earlier, strip.later, strip.loose) == (0, 0, 0)


def test_a_trip_inside_a_longer_story_keeps_its_day_window(tmp_path: Path) -> None:
    starts = ["2001-05-01", *[f"2023-11-{d:02d}" for d in range(1, 10)]]
    data = TimelineData(load_timeline(_timeline(tmp_path, starts)))
    assert data.unit == "day"
    assert data.window[0].isoformat() == "2023-11-01"
    assert data.strip(data.index.all).earlier == 1


async def test_the_strip_labels_year_cells_and_marks_the_current_one(tmp_path: Path) -> None:
    path = _timeline(tmp_path, ["1815", "1843-07", "1946-02-14", "1985"])
    app = NewsApp(load_timeline(path))
    async with app.run_test(size=(120, 30)) as pilot:
        strip = main_screen(app).query_one(DayStrip)
        await pilot.pause()
        text = strip.render_line(0).text
        assert text.rstrip().endswith("1815 – 1985")
        assert strip.current is not None and strip.current.year == 1815
        await pilot.press("G")  # the last event: 1985
        assert strip.current is not None and strip.current.year == 1985
