"""Measure the candidate YAML parsers on generated timelines (time and peak memory).

    python bench/parsers.py [--sizes 1000,10000,100000] [--only yaml-rs,json]

Each measurement runs in a fresh interpreter so that peak memory (ru_maxrss) belongs to
that parser alone; the figure includes the interpreter and the file's text (~85 MB of
YAML at 100k events). Parsers that lack a size's budget are skipped with --max-slow.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

# name -> (code that parses `text` into `data`, input suffix)
CANDIDATES: dict[str, tuple[str, str]] = {
    "newstui yamlsafe (libyaml events + own composer)": (
        "from tui.data.yamlsafe import load_yaml\ndata = load_yaml(text)", ".yaml"),
    "PyYAML CSafeLoader (libyaml)": (
        "import yaml\ndata = yaml.load(text, Loader=yaml.CSafeLoader)", ".yaml"),
    "PyYAML CBaseLoader (libyaml, all text)": (
        "import yaml\ndata = yaml.load(text, Loader=yaml.CBaseLoader)", ".yaml"),
    "yaml-rs loads": (
        "import yaml_rs\ndata = yaml_rs.loads(text, parse_datetime=False)", ".yaml"),
    "newstui fast path parse (prefilter + yaml-rs + census)": (
        "from tui.data.fastload import fast_parse\ndata = fast_parse(text)", ".yaml"),
    "rapidyaml parse only (tree, no Python objects)": (
        "import ryml\ndata = ryml.parse_in_arena(text.encode())", ".yaml"),
    "rapidyaml parse + emit_json + json.loads": (
        "import ryml, json\ndata = json.loads(ryml.emit_json(ryml.parse_in_arena("
        "text.encode())))", ".yaml"),
    "json.loads (stdlib)": ("import json\ndata = json.loads(text)", ".json"),
}
SLOW = {"newstui yamlsafe (libyaml events + own composer)", "PyYAML CSafeLoader (libyaml)",
        "PyYAML CBaseLoader (libyaml, all text)"}

_CHILD = """
import gc, resource, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
gc.disable()
t0 = time.perf_counter()
{code}
elapsed = time.perf_counter() - t0
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(code: str, path: Path) -> tuple[float, float] | str:
    """(seconds, peak MB) of running ``code`` on ``path`` in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", _CHILD.format(code=code), str(path)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return (result.stderr.strip().splitlines() or ["failed"])[-1][:60]
    seconds, peak = result.stdout.split()
    return float(seconds), float(peak)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--only", default="", help="comma-separated name fragments")
    parser.add_argument("--max-slow", type=int, default=100_000,
                        help="skip the libyaml-based parsers above this size")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    only = [o.strip().lower() for o in args.only.split(",") if o.strip()]
    names = [n for n in CANDIDATES if not only or any(o in n.lower() for o in only)]
    results: dict[str, dict[int, object]] = {name: {} for name in names}
    with tempfile.TemporaryDirectory(prefix="newstui-parsers-") as tmp:
        for size in sizes:
            files = {}
            for suffix in (".yaml", ".json"):
                files[suffix] = Path(tmp) / f"t{size}{suffix}"
                generate.write(size, files[suffix])
            mb = files[".yaml"].stat().st_size / 1e6
            print(f"\n{size:,} events ({mb:.1f} MB YAML)", flush=True)
            for name in names:
                code, suffix = CANDIDATES[name]
                if name in SLOW and size > args.max_slow:
                    outcome: object = "skipped"
                else:
                    outcome = measure(code, files[suffix])
                results[name][size] = outcome
                shown = (f"{outcome[0]:7.2f} s  {outcome[1]:6.0f} MB"
                         if isinstance(outcome, tuple) else str(outcome))
                print(f"  {name:58} {shown}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({n: {str(s): v for s, v in r.items()}
                                         for n, r in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
