"""Shared test fixtures: paths to fixture timelines, isolation from the user's home."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user's config or cache during tests."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEWSTUI_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))


@pytest.fixture
def mini_path() -> Path:
    return FIXTURES / "mini.yaml"
