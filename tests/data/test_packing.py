"""Packed columns of whole numbers (the cache's compact form of indexes and instants)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.data.packing import pack_ints, unpack_ints

INT64 = st.integers(-(1 << 63), (1 << 63) - 1)


@given(st.lists(INT64, max_size=50))
def test_any_64_bit_numbers_round_trip(values: list[int]) -> None:
    assert unpack_ints(pack_ints(values)).tolist() == values


@pytest.mark.parametrize(("values", "letter", "size"), [
    ([], "B", 1), ([0, 255], "B", 1), ([256], "H", 2), ([-1, 127], "b", 1),
    ([-129], "h", 2), ([1 << 16], "I", 4), ([-(1 << 31)], "i", 4), ([1 << 32], "Q", 8),
    ([-(1 << 63)], "q", 8),
])
def test_each_column_takes_the_narrowest_width(values: list[int], letter: str,
                                               size: int) -> None:
    text = pack_ints(values)
    assert text[0] == letter
    assert len(base64.b64decode(text[1:])) == size * len(values)


def test_the_bytes_are_little_endian_whatever_the_machine() -> None:
    assert pack_ints([1, 256]) == "H" + base64.b64encode(b"\x01\x00\x00\x01").decode()


@pytest.mark.parametrize("values", [[None], [1.5], ["1"], [1 << 64]])
def test_only_whole_numbers_within_64_bits_pack(values: list[object]) -> None:
    with pytest.raises((TypeError, OverflowError)):
        pack_ints(values)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "x", "3AAAA", "HAQ", "HAQ==", "B!!!!", "B AA="])
def test_text_that_is_not_a_packed_column_is_refused(text: str) -> None:
    with pytest.raises(ValueError):  # the reasons vary; each is a ValueError
        unpack_ints(text)


def test_a_column_that_must_be_unsigned_refuses_signed_values() -> None:
    assert unpack_ints(pack_ints([0, 7]), unsigned=True).tolist() == [0, 7]
    with pytest.raises(ValueError, match="signed"):
        unpack_ints(pack_ints([-1, 7]), unsigned=True)


def test_a_column_that_is_not_text_is_refused() -> None:
    with pytest.raises(TypeError):
        unpack_ints([1, 2])  # type: ignore[arg-type]
