"""Where the time to the first screen goes: milestones of ``newstui`` and the empty app.

    .venv/bin/python bench/startup.py [--repeat 9] [FILE]

Runs ``newstui [FILE]`` (default: the bundled timeline) and bench/empty_app.py in the same
120x40 pseudo-terminal as bench/run.py, interleaved, with this script as the child: it
notes the time (since the fork, on the monotonic clock both processes share) when the
imports are done, the app is constructed, the screen composed and mounted, the load
worker starts and ends, and each write to the terminal happens, and whether that write
holds the marker (the first event's title). Printed in milliseconds: the median and
the fastest wall time, and the median CPU time of the process (all its threads) so far.
The child's hooks wrap methods without changing what they do; the times include them.
"""

from __future__ import annotations

import argparse
import functools
import importlib.abc
import importlib.machinery
import inspect
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r|\n")


class _Hooked(importlib.abc.MetaPathFinder):
    """Runs a function on a module right after its first import (and notes the time)."""

    def __init__(self, hooks: dict[str, Callable[[ModuleType], None]],
                 mark: Callable[[str], None]) -> None:
        self.hooks = hooks
        self.mark = mark

    def find_spec(self, name: str, path: object, target: object = None) -> Any:
        hook = self.hooks.pop(name, None)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        assert spec is not None and spec.loader is not None
        exec_module = spec.loader.exec_module
        mark = self.mark

        def run(module: ModuleType) -> None:
            exec_module(module)
            mark(f"import {name}")
            hook(module)
        spec.loader.exec_module = run  # type: ignore[method-assign]
        return spec


def _on_import(hooks: dict[str, Callable[[ModuleType], None]],
               mark: Callable[[str], None]) -> None:
    sys.meta_path.insert(0, _Hooked(hooks, mark))


def _child(kind: str, marker: str, out: Path, file: str | None) -> None:
    """Run the app with hooks that note milestones; write them to ``out`` at exit."""
    t0 = float(os.environ["BENCH_T0"])
    # Wall time since the fork, and the process's CPU time (all threads): under other
    # load the CPU time is the steadier measure of this program's own work.
    marks: list[tuple[str, float, float]] = [
        ("interpreter up", time.perf_counter() - t0, time.process_time())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter() - t0, time.process_time()))

    def wrap(owner: type, name: str, label: str) -> None:
        original = getattr(owner, name)

        # wraps: Textual counts a handler's parameters (through __wrapped__).
        @functools.wraps(original)
        def wrapper(*args: object, **kwargs: object) -> object:
            mark(f"{label} start")
            try:
                return original(*args, **kwargs)
            finally:
                mark(f"{label} end")

        @functools.wraps(original)
        async def async_wrapper(*args: object, **kwargs: object) -> object:
            mark(f"{label} start")
            try:
                return await original(*args, **kwargs)
            finally:
                mark(f"{label} end")
        setattr(owner, name, async_wrapper if inspect.iscoroutinefunction(original)
                else wrapper)

    def patch_app(module: ModuleType) -> None:
        wrap(module.NewsApp, "on_news_app_loaded", "on loaded")
        wrap(module.NewsApp, "on_mount", "app on_mount")

    def patch_screen(module: ModuleType) -> None:
        wrap(module.TimelineScreen, "on_mount", "screen on_mount")

    def patch_loading(module: ModuleType) -> None:
        original_load = module.load_for_app

        def load_for_app(*args: object, **kwargs: object) -> object:
            mark("load start")
            try:
                return original_load(*args, **kwargs)
            finally:
                mark("load end")
        module.load_for_app = load_for_app

    def patch_textual(module: ModuleType) -> None:
        wrap(module.App, "_on_compose", "app compose")

    def patch_driver(module: ModuleType) -> None:
        original_write = module.LinuxDriver.write
        seen = [""]

        def write(self: object, data: str) -> None:
            seen[0] = (seen[0] + ESCAPES.sub("", data))[-(1 << 16):]
            if marker in seen[0]:
                mark("write: the marker is on screen")
                seen[0] = ""  # noted once (later frames may repeat it)
            else:
                mark(f"write {len(data)} chars")
            original_write(self, data)
        module.LinuxDriver.write = write

    # Patched as each module is first imported: the program imports in its own order.
    _on_import({"tui.app.app": patch_app, "tui.app.screen": patch_screen,
                "tui.app.loading": patch_loading, "textual.app": patch_textual,
                "textual.drivers.linux_driver": patch_driver}, mark)
    if kind == "newstui":
        import tui.cli
        mark("import tui.cli")
    else:
        sys.path.insert(0, str(HERE))
        import empty_app
        mark("import empty_app")
    try:
        if kind == "newstui":
            tui.cli.main([file] if file else [])
        else:
            empty_app.EmptyApp().run()
    finally:
        out.write_text(json.dumps(marks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # kind marker out
    args = parser.parse_args(argv)
    if args.child:
        kind, marker, out = args.child
        _child(kind, marker, Path(out), args.file)
        return 0
    sys.path.insert(0, str(HERE))
    import run
    from ptyrun import run_until

    run._compile_package()
    marker = run._in_child("marker", Path(args.file) if args.file else None)
    print(f"load average: {run._load_average()}")
    collected: dict[str, dict[str, list[tuple[float, float]]]] = {"newstui": {}, "empty": {}}
    totals: dict[str, list[float]] = {"newstui": [], "empty": []}
    with tempfile.TemporaryDirectory(prefix="newstui-startup-") as tmp:
        for k in range(args.repeat):
            for kind, text in (("newstui", marker), ("empty", "EMPTY-APP-READY")):
                out = Path(tmp) / f"{kind}-{k}.json"
                argv = [sys.executable, __file__, "--child", kind, text, str(out)]
                if args.file:
                    argv.append(args.file)
                env = {"BENCH_T0": repr(time.perf_counter()),
                       "NEWSTUI_CACHE_DIR": str(Path(tmp) / f"cache-{k}")}
                result = run_until(argv, text, env=env)
                if result.seconds is not None:
                    totals[kind].append(result.seconds * 1000)
                counts: dict[str, int] = {}
                for name, seconds, cpu in json.loads(out.read_text()):
                    counts[name] = counts.get(name, 0) + 1
                    label = f"{name} #{counts[name]}" if counts[name] > 1 else name
                    collected[kind].setdefault(label, []).append((seconds * 1000, cpu * 1000))
    for kind in ("newstui", "empty"):
        print(f"\n{kind}: marker seen by the parent after "
              f"{statistics.median(totals[kind]):.0f} ms (median of {len(totals[kind])}; "
              f"fastest {min(totals[kind]):.0f} ms)")
        print("     wall  fastest      cpu")
        rows = sorted(collected[kind].items(),
                      key=lambda item: statistics.median(v[0] for v in item[1]))
        for label, values in rows:
            small = label.startswith("write ") and int(label.split()[1]) < 100
            if small or len(values) < len(totals[kind]) // 2:
                continue  # cursor and mode sequences, or rare
            wall = [v[0] for v in values]
            print(f"  {statistics.median(wall):7.1f} {min(wall):7.1f} "
                  f"{statistics.median(v[1] for v in values):7.1f}  {label}"
                  + (f"  (n={len(values)})" if len(values) != len(totals[kind]) else ""))
    print(f"\nratio {statistics.median(totals['newstui']) / statistics.median(totals['empty']):.2f}"
          f"   load average: {run._load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
