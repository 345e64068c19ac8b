"""The app's Textual-free logic: rows and day headers, the day strip, text helpers, settings."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tui.app.describe import when_lines
from tui.app.settings import Settings, config_dir
from tui.app.text import clean, match_spans, time_label
from tui.app.viewmodel import Rows, TimelineData
from tui.data.load import Timeline, load_timeline
from tui.data.query import Query, fold


def ids(data: TimelineData, rows: Rows) -> list[str]:
    return [data.events[i].id for i in rows.visible]


def test_rows_put_a_header_where_the_day_changes(tour: Timeline) -> None:
    data = TimelineData(tour)
    rows = data.rows(Query())
    headers = [data.groups[~row].label for row in rows.rows if row < 0]
    assert headers == [
        "2020 · date known to the year",
        "November 2023 · date known to the month",
        "Fri 3 Nov 2023", "Sun 5 Nov 2023", "Mon 6 Nov 2023",
        "Thu 9 Nov 2023", "Fri 10 Nov 2023",
    ]
    # Every event row points back at its position among the visible events.
    for k, row in enumerate(rows.event_row):
        assert rows.rows[row] == rows.visible[k]


def test_find_nearest_and_day_steps(tour: Timeline) -> None:
    data = TimelineData(tour)
    rows = data.rows(Query(country=frozenset({"IN"})))
    assert ids(data, rows) == ["stop-delhi", "dialogue"]
    talks = data.position["talks"]
    assert rows.find(talks) is None
    assert ids(data, rows)[rows.nearest(data, talks)] == "stop-delhi"
    everything = data.rows(Query())
    k = everything.find(data.position["stop-ankara"])
    assert k is not None
    assert ids(data, everything)[everything.day_start(k, 1)] == "stop-delhi"
    assert ids(data, everything)[everything.day_start(k, -1)] == "protest-embassy"
    assert everything.day_start(0, -1) == 0


def test_day_strip_covers_dated_days_and_counts_the_rest(tour: Timeline) -> None:
    data = TimelineData(tour)
    assert (data.window[0].isoformat(), data.window[-1].isoformat()) == (
        "2023-11-03", "2023-11-10")
    strip = data.strip(data.index.all)
    counts = {cell.day.isoformat(): cell.count for cell in strip.cells}
    assert counts["2023-11-06"] == 3 and counts["2023-11-04"] == 0
    assert (strip.earlier, strip.loose, strip.later) == (1, 1, 0)
    turkey = data.strip(Query(country=frozenset({"TR"})).bits(data.index))
    assert sum(cell.count for cell in turkey.cells) == 3
    assert {c.kind for c in turkey.cells if c.day.isoformat() == "2023-11-05"} == {"protest"}


def test_long_spans_use_the_densest_window(tmp_path: Path) -> None:
    events = "\n".join(
        f"  - {{id: e{n}, kind: statement, title: t{n}, start: {day}, sources: [s]}}"
        for n, day in enumerate(["2001-01-01", *[f"2023-11-{d:02d}" for d in range(1, 20)]]))
    path = tmp_path / "long.yaml"
    path.write_text("title: long\nsources: {s: {title: S, published: 2023-11-01}}\n"
                    f"events:\n{events}\n", encoding="utf-8")
    data = TimelineData(load_timeline(path))
    assert data.window[0].isoformat() == "2023-11-01"
    assert data.strip(data.index.all).earlier == 1


def test_facet_values_are_sorted_by_count_and_searchable(tour: Timeline) -> None:
    data = TimelineData(tour)
    countries = [v.value for v in data.values["country"]]
    assert countries[0] == "TR"
    blinken = next(v for v in data.values["actor"] if v.value == "blinken")
    assert "blinken" in blinken.search and blinken.label == "Antony Blinken"
    assert data.stops == [data.position[i] for i in ("stop-tel-aviv", "stop-ankara",
                                                      "stop-delhi")]


def test_clean_shows_controls_and_bidi_overrides_as_escapes() -> None:
    assert clean("a\x1b[31mb\u202ec\u2066d\x85e\nf") == "a\\x1b[31mb\\u202ec\\u2066d\\x85e f"


def test_match_spans_ignore_case_and_accents() -> None:
    text = "Recep Tayyip Erdoğan and ERDOGAN"
    spans = match_spans(text, fold("erdogan"))
    assert [text[a:b] for a, b in spans] == ["Erdoğan", "ERDOGAN"]
    assert match_spans("abc", "") == []


def test_time_labels_say_the_precision(tour: Timeline) -> None:
    by_id = tour.by_id
    assert time_label(by_id["talks"]) == " 14:30"
    assert time_label(by_id["stop-ankara"]) == "  day "
    assert time_label(by_id["recall"]) == "≈month"
    assert time_label(by_id["context-2020"]) == " year "


def test_when_lines_in_utc_and_the_users_zone(tour: Timeline,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    talks = tour.by_id["talks"]
    utc = dict(when_lines(talks, "UTC"))
    assert utc["Local"].startswith("Mon 6 Nov 2023 14:30 (UTC+03:00) in Foreign Ministry")
    assert utc["UTC"] == "Mon 6 Nov 2023 11:30"
    assert utc["Precision"] == "exact time"
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    mine = dict(when_lines(talks, "local"))
    assert mine["Yours"] == "Mon 6 Nov 2023 06:30 EST, your zone"
    day = dict(when_lines(tour.by_id["stop-ankara"], "UTC"))
    assert day["UTC"] == "Sun 5 Nov 2023 21:00 → Mon 6 Nov 20:59"
    loose = dict(when_lines(tour.by_id["recall"], "UTC"))
    assert loose["Precision"] == "month (day not known), approximate"
    assert loose["Sources say"] == "“just ahead of the visit”"


def test_settings_round_trip_and_bad_files(tmp_path: Path) -> None:
    assert config_dir() == Path(os.environ["NEWSTUI_CONFIG_DIR"])
    path = tmp_path / "settings.json"
    assert Settings.load(path) == Settings()
    assert Settings(theme="nord", keymap={"newstui.search": "s"}).save(path) is None
    loaded = Settings.load(path)
    assert (loaded.theme, loaded.keymap) == ("nord", {"newstui.search": "s"})
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path).problems
    path.write_text(json.dumps([1]), encoding="utf-8")
    assert "not a JSON object" in Settings.load(path).problems[0]
