"""The cache key of a large text, hashed as two halves at once."""

from __future__ import annotations

import pytest

from tui.data import cache


@pytest.fixture
def small_split(monkeypatch: pytest.MonkeyPatch) -> int:
    """Texts of 64 bytes and more are hashed in halves (as texts of 8 MB are)."""
    monkeypatch.setattr(cache, "SPLIT_HASH_BYTES", 64)
    return 64


def test_a_halved_key_changes_with_any_byte_of_either_half(small_split: int) -> None:
    text = bytes(range(200))
    key = cache.content_key(text, "yaml")
    assert key == cache.content_key(bytes(range(200)), "yaml")  # the same text, the same key
    assert len(key) == 40
    for at in (0, 99, 100, 199):  # each end of each half
        changed = bytearray(text)
        changed[at] ^= 1
        assert cache.content_key(bytes(changed), "yaml") != key
    assert cache.content_key(text[:199], "yaml") != key
    assert cache.content_key(text, "json") != key  # how it is read is part of the key


def test_moving_the_middle_changes_the_key(small_split: int) -> None:
    # The halves' boundary follows the length: the same bytes split elsewhere are another
    # text (one byte longer), so the keys differ even though the halves' hashes move.
    assert cache.content_key(b"a" * 100 + b"b" * 101, "yaml") != \
        cache.content_key(b"a" * 101 + b"b" * 100, "yaml")


def test_halved_and_whole_keys_are_of_different_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"x" * 100
    whole = cache.content_key(text, "yaml")
    monkeypatch.setattr(cache, "SPLIT_HASH_BYTES", 64)
    assert cache.content_key(text, "yaml") != whole
