"""bench/generate.py makes valid timelines of the requested size, in YAML and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scale.scale_helpers import generator
from tui.data.load import load_timeline


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_generated_timeline_validates(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    generator().write(300, path)
    timeline = load_timeline(path, cache=False)
    assert len(timeline.events) == 300
    assert len({e.place.country for e in timeline.events if e.place}) > 20
    precisions = {e.start.precision for e in timeline.events}
    assert precisions == {"year", "month", "day", "time"}
    assert any(e.links for e in timeline.events)
    assert any(e.quotes for e in timeline.events)
    assert any(e.start.moment is not None and e.start.moment.tzinfo is None
               for e in timeline.events)  # local times, placed by the event's zone


def test_generated_events_are_realistic_in_size(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    generator().write(400, path)
    per_event = path.stat().st_size / 400
    assert 700 < per_event < 1000


def test_generation_is_deterministic_per_seed(tmp_path: Path) -> None:
    gen = generator()
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    gen.write(50, a, seed=7)
    gen.write(50, b, seed=7)
    gen.write(50, c, seed=8)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "cli.yaml"
    assert generator().main(["20", "-o", str(out)]) == 0
    assert len(load_timeline(out, cache=False).events) == 20
