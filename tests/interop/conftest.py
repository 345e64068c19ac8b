"""Fixtures for the interop tests: their own small timelines."""

from __future__ import annotations

import pytest

from tests.interop.support import FIXTURES
from tui.data.load import Timeline, load_timeline


@pytest.fixture
def brief() -> Timeline:
    """Every precision, both ways of writing a time zone, quotes, and hostile text."""
    return load_timeline(FIXTURES / "brief.yaml")
