"""The pre-validated bundled timeline and the pydantic-free records.

Opening the bundled timeline reads ``tui/events.validated`` (a cache entry written for
the exact bytes of events.yaml) and imports neither YAML nor pydantic; anything else about
the entry (stale, corrupt, another version) falls back to reading and validating the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data import bundled, cache
from tui.data.load import Timeline, bundled_path, load_timeline, timeline_from_bytes
from tui.data.model import validate_event
from tui.data.records import Event, Place

ROOT = Path(__file__).resolve().parents[2]


def _same(a: Timeline, b: Timeline) -> None:
    assert (a.title, a.description, a.sources, a.actors) == \
        (b.title, b.description, b.sources, b.actors)
    assert a.events == b.events
    assert [e.instant for e in a.events] == [e.instant for e in b.events]
    assert (a.lines, a.order, a.path) == (b.lines, b.order, b.path)


def test_the_shipped_entry_is_current() -> None:
    """If this fails, events.yaml changed: run `python -m tui.data.bundled` and commit."""
    assert bundled.entry_path().read_bytes() == b"".join(bundled.entry_for(bundled_path())), \
        "tui/events.validated is out of date: run `python -m tui.data.bundled`"


def test_the_bundled_timeline_opens_from_the_entry_as_validated() -> None:
    raw = bundled_path().read_bytes()
    entry = bundled.prevalidated(raw, bundled_path())
    assert entry is not None
    _same(entry, load_timeline(bundled_path(), cache=False))  # a path: always validated
    _same(load_timeline(), entry)


def test_a_changed_file_or_a_damaged_entry_is_validated_instead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = bundled_path().read_bytes()
    assert bundled.prevalidated(raw.replace(b"Ankara", b"Ankaru", 1), bundled_path()) is None
    damaged = tmp_path / "events.validated"
    lines = bundled.entry_path().read_bytes().splitlines(keepends=True)
    damaged.write_bytes(b"".join([lines[0], lines[1].replace(b"Blinken", b"Blinkem", 1),
                                  *lines[2:]]))
    monkeypatch.setattr(bundled, "entry_path", lambda: damaged)
    assert bundled.prevalidated(raw, bundled_path()) is None  # the checksum says so
    header = json.loads(lines[0])
    header["newstui"] = "0.0.0-other"
    damaged.write_bytes(b"".join([json.dumps(header).encode() + b"\n", *lines[1:]]))
    assert bundled.prevalidated(raw, bundled_path()) is None
    # ...and the app still opens the bundled timeline, validated from the file.
    _same(load_timeline(), timeline_from_bytes(raw, str(bundled_path()), bundled_path(),
                                               cache=False))


def test_turning_the_cache_off_validates_the_bundled_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(cache, "read_entry", lambda *args: calls.append(args))
    monkeypatch.setenv("NEWSTUI_NO_CACHE", "1")
    assert load_timeline().events
    assert load_timeline(cache=False).events
    assert calls == []


def _imported_after(code: str) -> list[str]:
    probe = ("import sys\n" + code + "\nprint(','.join(sorted(m for m in sys.modules if "
             "m.split('.')[0] in ('pydantic', 'pydantic_core', 'yaml', 'yaml_rs') or "
             "m in ('tui.data.model', 'tui.data.validate', 'dateutil.parser', 'dateutil.tz'))))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={"PATH": "/usr/bin:/bin",
                                                      "NEWSTUI_CACHE_DIR": "/nonexistent"})
    return [name for name in done.stdout.strip().split(",") if name]


def test_opening_the_bundled_timeline_needs_neither_yaml_nor_pydantic() -> None:
    assert _imported_after("from tui.data.load import load_timeline; load_timeline()") == []
    assert _imported_after("import tui.data.records, tui.data.cacheform, tui.data.query") == []
    # ...which a real parse does need: the probe can tell.
    assert "pydantic" in _imported_after(
        "from tui.data.load import load_timeline; load_timeline(cache=False)")


def test_pydantic_validates_into_the_plain_records() -> None:
    event = validate_event({"id": "e1", "kind": "stop", "title": "Arrives",
                            "start": "2023-11-06", "sources": ["s"], "actors": ["blinken"],
                            "place": {"name": "Ankara", "country": "TR",
                                      "tz": "Europe/Istanbul"}})
    assert type(event) is Event and type(event.place) is Place
    assert event.actors[0].id == "blinken"
    assert event.instant.isoformat() == "2023-11-05T21:00:00+00:00"  # __post_init__ ran
    with pytest.raises(AttributeError):
        event.title = "changed"  # type: ignore[misc]
