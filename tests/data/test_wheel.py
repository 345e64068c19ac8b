"""The built wheel installs into a fresh virtualenv and works anywhere (bundled data)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True)
    wheels = list(dist.glob("newstui-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / "bin"
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheels[0])],
                   check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def newstui(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bindir / "newstui"), *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, check=False)

    validated = newstui("validate")
    assert validated.returncode == 0, validated.stderr
    assert "valid:" in validated.stdout and "tui/events.yaml" in validated.stdout
    exported = newstui("export", "--format", "json", "--country", "IN")
    assert exported.returncode == 0, exported.stderr
    events = json.loads(exported.stdout)["events"]
    assert events and all(e["place"]["country"] == "IN" for e in events)
    assert newstui("validate", "missing.yaml").returncode == 2
    # The bundled timeline opens from its shipped pre-validated entry: no pydantic needed.
    probe = subprocess.run(
        [str(bindir / "python"), "-c", "import sys; from tui.data.load import load_timeline; "
         "print(len(load_timeline().events), 'pydantic' in sys.modules)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.split()[1] == "False", probe.stdout
