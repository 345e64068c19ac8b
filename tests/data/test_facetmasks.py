"""Facet bitsets built when asked for: they behave as the mapping of value -> bitset."""

from __future__ import annotations

import pytest

from tui.data.facetmasks import LazyMasks, bits_from, members_of, per_event, value_masks


def test_lazy_masks_are_a_mapping_of_each_values_bitset() -> None:
    members = {"ana": [0, 2], "bo": [1], "cy": [0, 1, 2]}
    masks = LazyMasks(members, 3)
    assert list(masks) == ["ana", "bo", "cy"] and len(masks) == 3
    assert masks["ana"] == 0b101 and masks["cy"] == 0b111
    assert dict(masks.items()) == {value: bits_from(found, 3) for value, found in members.items()}
    assert "bo" in masks and "zed" not in masks
    assert masks.get("zed", 0) == 0 and masks.get("bo") == 0b010
    with pytest.raises(KeyError):
        masks["zed"]
    large = LazyMasks({"x": [500]}, 501)
    assert large["x"] == 1 << 500 and large["x"] is large["x"]  # built once


def test_value_masks_and_members_agree_whatever_the_number_of_values() -> None:
    for distinct in (3, 300):  # one byte per event, or (past 255 values) positions
        values = [None if i % 7 == 0 else f"v{i % distinct}" for i in range(1000)]
        masks = value_masks(values, 1000)
        assert masks == {value: sum(1 << i for i, v in enumerate(values) if v == value)
                         for value in dict.fromkeys(values) if value is not None}


def test_per_event_values_invert_the_members() -> None:
    values = [("a", "b"), (), ("b",), ("c", "a")]
    members = members_of(values)
    assert members == {"a": [0, 3], "b": [0, 2], "c": [3]}
    assert list(map(set, per_event(members, 4))) == list(map(set, values))
