"""Fixtures for the app tests: fixture timelines, a fixed time zone, app factories."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.data.load import Timeline, load_timeline

APP_FIXTURES = Path(__file__).parent / "fixtures"
TOUR = APP_FIXTURES / "tour.yaml"


@pytest.fixture(autouse=True)
def _fixed_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The user's local zone is UTC unless a test sets another (snapshots stay stable)."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("NO_COLOR", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tour() -> Timeline:
    return load_timeline(TOUR)


@pytest.fixture
def tour_path() -> Path:
    return TOUR


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
