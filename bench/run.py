"""Benchmark newstui at scale: validate, first screen in a real terminal, reopen, repaint.

    .venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--repeat 21] [--json out.json]

First the bundled timeline's first screen against an empty Textual app (bench/empty_app.py),
``--repeat`` times each, interleaved, medians shown (bench/startup.py breaks both down into
milestones: imports, load, compose, mount, each write to the terminal). Then for each
size a synthetic timeline (bench/generate.py) is written to a temporary directory and
measured:

* validate: ``newstui validate FILE`` with the cache off (wall time, peak RSS);
* first open: ``newstui FILE`` in a 120x40 pseudo-terminal with an empty cache directory:
  until the frame shows its loading line ("frame"), and until the first event's title is
  on screen ("events");
* reopen (cache): the same with the cache filled by an earlier open;
* empty app: the empty Textual app in the same way, in the same run;
* keystroke -> repaint (bench/repaint.py, in-process headless, medians): filter, facet
  counts, search keystroke, page down, each until the next frame is composed;
* data layer alone (in-process, medians): index build, filter + counts, search.

The package is byte-compiled first (as ``pip install`` does): with PYTHONDONTWRITEBYTECODE
set, an editable install would otherwise compile every module on every start. The
``newstui`` next to this interpreter is used. Peak memory is the child's own ru_maxrss
(os.wait4). The load average is printed: other load inflates every number.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (bench/ is a folder of scripts)
from ptyrun import run_until  # noqa: E402

NEWSTUI = str(Path(sys.executable).with_name("newstui"))


def _timed_process(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MB, exit status) of a command run to completion."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def _median_ms(action: Callable[[], Any], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _marker(path: Path | None) -> str:
    """Text the app shows once events are on screen: the first event's title."""
    from tui.data.load import load_timeline

    timeline = load_timeline(path, cache=False)
    return timeline.events[0].title[:24]


def data_ops(path: Path) -> dict[str, float]:
    """In-process timings of the data work behind keystrokes (ms)."""
    from tui.data.load import load_timeline
    from tui.data.query import Index, Query

    timeline = load_timeline(path, cache=False)
    started = time.perf_counter()
    index = Index(timeline)
    built = (time.perf_counter() - started) * 1000
    country = max(index.masks["country"], key=lambda c: index.masks["country"][c].bit_count())
    kind = next(iter(index.masks["kind"]))

    def search(word: str) -> Callable[[], Any]:
        def run() -> None:
            index._search_cache.clear()  # every run a fresh (uncached) search
            query = Query(search=word)
            query.select(index)
            for facet in ("country", "actor", "kind"):
                query.counts(index, facet)
        return run

    def typing(word: str) -> Callable[[], Any]:
        def run() -> None:  # each prefix as typed, narrowing from the previous one
            index._search_cache.clear()
            for end in range(1, len(word) + 1):
                Query(search=word[:end]).select(index)
        return run

    filtered = Query(country=frozenset({country}))
    return {
        "index build": built,
        "filter country + counts": _median_ms(lambda: (
            filtered.select(index),
            [filtered.counts(index, f) for f in ("country", "actor", "kind")])),
        "filter kind + counts": _median_ms(lambda: (
            Query(kind=frozenset({kind})).select(index),
            [Query(kind=frozenset({kind})).counts(index, f) for f in ("actor", "country")])),
        "search 'talks' + counts": _median_ms(search("talks")),
        "search 'zürich' + counts": _median_ms(search("zürich")),
        "typing 'ministry' (per key)": _median_ms(typing("ministry")) / len("ministry"),
        "page of 40 rows": _median_ms(lambda: [e.title for e in timeline.events[500:540]]),
    }


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _compile_package() -> None:
    import compileall

    import tui

    compileall.compile_dir(str(Path(tui.__file__).parent), quiet=1)


def _in_child(function: str, path: Path | None) -> Any:
    # Loading happens in a child process: a pty child forked from a parent holding a big
    # timeline would count the parent's pages in its own peak memory.
    argv = [sys.executable, __file__, f"--{function}", str(path) if path else ""]
    return json.loads(subprocess.run(argv, capture_output=True, text=True,
                                     check=True).stdout)


def measure_size(size: int, tmp: Path) -> dict[str, Any]:
    path = tmp / f"t{size}.yaml"
    generate.write(size, path)
    marker = _in_child("marker", path)
    frame = f"{path.name}…"  # the loading line: "Reading t1000.yaml…", "Checking ..."
    cold, warm = tmp / f"cache-cold-{size}", tmp / f"cache-warm-{size}"
    result: dict[str, Any] = {"size": size, "mb": path.stat().st_size / 1e6}
    seconds, peak, status = _timed_process([NEWSTUI, "validate", str(path)],
                                           {"NEWSTUI_NO_CACHE": "1"})
    result["validate"] = (seconds, peak, status)
    first = run_until([NEWSTUI, str(path)], marker, env={"NEWSTUI_CACHE_DIR": str(cold)},
                      first=frame)
    result["first open: frame"] = (first.first_seconds, first.peak_mb, first.exit_status)
    result["first open: events"] = (first.seconds, first.peak_mb, first.exit_status)
    run_until([NEWSTUI, str(path)], marker, env={"NEWSTUI_CACHE_DIR": str(warm)})
    again = run_until([NEWSTUI, str(path)], marker, env={"NEWSTUI_CACHE_DIR": str(warm)})
    result["reopen (cache): events"] = (again.seconds, again.peak_mb, again.exit_status)
    empty = run_until([sys.executable, str(HERE / "empty_app.py")], "EMPTY-APP-READY")
    result["empty app"] = (empty.seconds, empty.peak_mb, empty.exit_status)
    result["repaint"] = json.loads(subprocess.run(
        [sys.executable, str(HERE / "repaint.py"), str(path)], capture_output=True,
        text=True, check=True, env={**os.environ, "NEWSTUI_CACHE_DIR": str(warm)}).stdout)
    result["ops"] = _in_child("ops", path)
    path.unlink()
    return result


def _cell(value: tuple[float | None, float, int]) -> str:
    seconds, peak, status = value
    shown = f"{seconds:6.2f} s" if seconds is not None else "  never "
    return f"{shown} {peak:6.0f} MB" + ("" if status == 0 else f" (exit {status})")


def _targets(ratio: float, by_size: dict[int, dict[str, Any]]
             ) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met?) for each of issue 6's targets; None: size not measured."""
    rows: list[tuple[str, str, bool | None]] = [
        ("bundled first screen <= 1.25x the empty app", f"{ratio:.2f}x", ratio <= 1.25)]
    big = by_size.get(100_000)
    if big is None:
        return [*rows, ("(run with --sizes ...,100000 for the rest)", "", None)]
    frame, events, reopen = (big[k] for k in ("first open: frame", "first open: events",
                                              "reopen (cache): events"))
    repaint = big["repaint"]

    def within(value: float | None, limit: float) -> bool:
        return value is not None and value <= limit

    return [
        *rows,
        ("reopen (cache): events on screen <= 1.5 s", f"{reopen[0]:.2f} s",
         within(reopen[0], 1.5)),
        ("reopen (cache): peak memory < 600 MB", f"{reopen[1]:.0f} MB", reopen[1] < 600),
        ("first open: frame and progress <= 1 s", f"{frame[0]:.2f} s", within(frame[0], 1)),
        ("first open: events on screen <= 10 s", f"{events[0]:.2f} s", within(events[0], 10)),
        ("first open: peak memory < 1.2 GB", f"{events[1]:.0f} MB", events[1] < 1200),
        *((f"{key} -> repaint < 50 ms (median)", f"{repaint[key]:.1f} ms", repaint[key] < 50)
          for key in ("filter", "facet counts", "search key")),
        ("page down < 16 ms (median)", f"{repaint['page down']:.1f} ms",
         repaint["page down"] < 16),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=21,
                        help="runs of the bundled timeline and the empty app (medians)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--marker", help=argparse.SUPPRESS)  # child: print a marker
    parser.add_argument("--ops", help=argparse.SUPPRESS)  # child: print data timings
    args = parser.parse_args(argv)
    if args.marker is not None:
        print(json.dumps(_marker(Path(args.marker) if args.marker else None)))
        return 0
    if args.ops is not None:
        print(json.dumps(data_ops(Path(args.ops))))
        return 0
    _compile_package()
    print(f"load average before: {_load_average()}  (1, 5, 15 min; {os.cpu_count()} CPUs)")
    results = []
    with tempfile.TemporaryDirectory(prefix="newstui-bench-") as tmp:
        bundled_marker = _in_child("marker", None)
        runs: dict[str, list[float]] = {"bundled": [], "empty": []}
        peaks = {"bundled": 0.0, "empty": 0.0}
        for k in range(args.repeat):  # interleaved: both see the same machine load
            for name, argv, text in (
                    ("bundled", [NEWSTUI], bundled_marker),
                    ("empty", [sys.executable, str(HERE / "empty_app.py")], "EMPTY-APP-READY")):
                run = run_until(argv, text,
                                env={"NEWSTUI_CACHE_DIR": str(Path(tmp) / f"bundled-{k}")})
                if run.seconds is not None:
                    runs[name].append(run.seconds)
                peaks[name] = max(peaks[name], run.peak_mb)
        bundled, empty = (statistics.median(runs[n]) for n in ("bundled", "empty"))
        print(f"bundled timeline, first screen: {_cell((bundled, peaks['bundled'], 0))}"
              f"   empty Textual app: {_cell((empty, peaks['empty'], 0))}"
              f"   ratio {bundled / empty:.2f}  (medians of {args.repeat})")
        for size in (int(s) for s in args.sizes.split(",") if s):
            result = measure_size(size, Path(tmp))
            results.append(result)
            print(f"\n{size:,} events ({result['mb']:.1f} MB of YAML)"
                  f"   load average: {_load_average()}")
            for key in ("validate", "first open: frame", "first open: events",
                        "reopen (cache): events", "empty app"):
                print(f"  {key:32} {_cell(result[key])}")
            for key, ms in result["repaint"].items():
                print(f"  keystroke -> repaint: {key:11} {ms:8.2f} ms")
            for key, ms in result["ops"].items():
                print(f"  data only: {key:21} {ms:8.2f} ms")
            sys.stdout.flush()
    print(f"\nload average after: {_load_average()}")
    print("\nissue 6 targets (at 100,000 events unless said):")
    targets = _targets(bundled / empty, {r["size"]: r for r in results})
    for name, shown, met in targets:
        print(f"  {'met   ' if met else 'MISSED' if met is not None else 'n/a   '} "
              f"{name:48} {shown}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
