"""Time and peak memory of newstui refusing (or reading) hostile input.

    python bench/hostile.py [--raw-depth 100000]

Each case runs in a fresh interpreter so that its peak memory (ru_maxrss) is its own;
times are for loading only (the interpreter and imports are not counted). The figures
back the claims in the hostile-input tests, which assert behaviour, never time:

* the billion-laughs alias bomb (~700 bytes) is refused, not expanded;
* 1,000,000 nested '[' (or '{') are refused at depth 65, after reading ~65 events;
* a 5 MB title loads, and a 5 MB wrong value gets a short error message;
* for comparison, libyaml's own event parser driven to the end of N nested '[': it is
  quadratic in depth (its stale-simple-key scan walks every open level per token),
  which is why the composer's depth bound must stop it long before it gets there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_LOLS = ['lol0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"lol{i}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 9)
]
_HEAD = "title: x\nsources: {w: {title: t, published: 2023}}\n"
_EVENT = "events: [{id: a, kind: %s, title: %s, start: 2023-01-01, sources: [w]}]\n"

CASES: dict[str, str] = {
    "billion laughs (alias bomb)": repr("\n".join(_LOLS) + "\n"),
    "1,000,000 x '['": "'[' * 1_000_000",
    "1,000,000 x '[' then ']'": "'[' * 1_000_000 + ']' * 1_000_000",
    "1,000,000 x '{a: '": "'{a: ' * 1_000_000",
    "1,000,000 x '- ' (block, one line)": "'- ' * 1_000_000",
    "5,000 indented levels of 'a:'": "''.join(' ' * i + 'a:\\n' for i in range(5_000))",
    "5 MB title (valid)": repr(_HEAD + "events: []\n") + ".replace('title: x', 'title: ' + "
    "'x' * 5_000_000)",
    "5 MB wrong kind (error message)": repr(_HEAD) + " + " + repr(_EVENT)
    + " % ('\"' + 'x' * 5_000_000 + '\"', 't')",
}

_LOAD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from tui.data.errors import TimelineError
from tui.data.load import timeline_from_text
text = {expr}
start = time.perf_counter()
try:
    timeline_from_text(text, "bench.yaml")
    outcome = "loaded"
except TimelineError as error:
    outcome = str(error)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
outcome = outcome if len(outcome) < 150 else outcome[:150] + "..."
print(f"{{len(text):>12,}} bytes  {{elapsed * 1000:9.1f}} ms  {{peak:6.0f}} MB peak  {{outcome}}")
"""

_RAW = """
import resource, time, yaml
from yaml._yaml import CParser
text = "[" * {depth}
start = time.perf_counter()
parser, events = CParser(text), 0
try:
    while parser.get_event() is not None:
        events += 1
except yaml.YAMLError:
    pass
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{events:>12,}} events {{elapsed * 1000:9.1f}} ms  {{peak:6.0f}} MB peak")
"""


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=3600)
    return (result.stdout or result.stderr).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-depth", default="10000,30000,100000",
                        help="depths for raw libyaml (comma-separated; 0 to skip)")
    args = parser.parse_args()
    for name, expr in CASES.items():
        print(f"{name:34} {run(_LOAD.format(root=str(ROOT), expr=expr))}")
    for depth in (int(d) for d in args.raw_depth.split(",") if int(d)):
        print(f"{'raw libyaml, ' + format(depth, ',') + ' x [':34} {run(_RAW.format(depth=depth))}")


if __name__ == "__main__":
    main()
