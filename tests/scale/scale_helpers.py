"""Helpers for the scale tests: the generator, and both readers side by side."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tui.data.dates import When
from tui.data.errors import TimelineError
from tui.data.load import Timeline, timeline_from_text
from tui.data.model import dump

BENCH = Path(__file__).resolve().parents[2] / "bench"


def generator() -> ModuleType:
    """bench/generate.py as a module (bench/ is scripts, not a package)."""
    name = "newstui_bench_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def generated_yaml(count: int, seed: int = 1) -> str:
    gen = generator()
    return "".join(line + "\n" for line in gen.yaml_lines(gen.build(count, seed)))


def snapshot(timeline: Timeline) -> tuple[Any, ...]:
    """Everything a timeline holds, in comparable form (records dumped, instants too).

    Dates are compared by their parts and tzinfo type too (aware datetimes compare equal
    across zones), and floats by repr (0.0 == -0.0).
    """
    return (
        timeline.title,
        timeline.description,
        {key: _exact(dump(s)) for key, s in timeline.sources.items()},
        {key: _exact(dump(a)) for key, a in timeline.actors.items()},
        [(_exact(dump(e)), e.instant, e.instant.tzinfo) for e in timeline.events],
        timeline.lines,
        timeline.order,
        timeline.path,
    )


def _exact(value: Any) -> Any:
    """``value`` with each date and float spelled out exactly (type, parts, offset)."""
    if isinstance(value, dict):
        return {key: _exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_exact(item) for item in value]
    if isinstance(value, When):
        moment = value.moment
        return ("When", value.precision, value.day, None if moment is None else (
            moment.replace(tzinfo=None), type(moment.tzinfo), moment.utcoffset()))
    if isinstance(value, float):
        return ("float", repr(value))
    return value


def outcome(text: str, *, fast: bool, kind: str = "yaml", name: str = "t.yaml") -> Any:
    """The snapshot of the loaded timeline, or the formatted problems and exit code."""
    try:
        timeline = timeline_from_text(text, name, None, fast=fast, kind=kind, cache=False)
    except TimelineError as error:
        return ("error", error.exit_code, [problem.format() for problem in error.problems])
    return ("ok", snapshot(timeline))


def no_parsing(*args: object, **kwargs: object) -> None:
    """A stand-in for the readers, to prove a load came from the cache."""
    raise AssertionError("parsed although the cache holds this text")
