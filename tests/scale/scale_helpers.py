"""Helpers for the scale tests: the generator, and both readers side by side."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tui.data.errors import TimelineError
from tui.data.load import Timeline, timeline_from_text

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
    """Everything a timeline holds, in comparable form (models dumped, instants too)."""
    return (
        timeline.title,
        timeline.description,
        {key: (s.model_dump(), s.model_fields_set) for key, s in timeline.sources.items()},
        {key: (a.model_dump(), a.model_fields_set) for key, a in timeline.actors.items()},
        [(e.model_dump(), e.model_fields_set, e.instant,
          e.place.model_fields_set if e.place else None) for e in timeline.events],
        timeline.lines,
        timeline.order,
        timeline.path,
    )


def outcome(text: str, *, fast: bool, kind: str = "yaml", name: str = "t.yaml") -> Any:
    """The snapshot of the loaded timeline, or the formatted problems and exit code."""
    try:
        timeline = timeline_from_text(text, name, None, fast=fast, kind=kind, cache=False)
    except TimelineError as error:
        return ("error", error.exit_code, [problem.format() for problem in error.problems])
    return ("ok", snapshot(timeline))
