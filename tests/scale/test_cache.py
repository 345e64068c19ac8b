"""The timeline cache: hit, miss, corrupt entries, other versions, opting out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scale.scale_helpers import generated_yaml, no_parsing, snapshot
from tui.data import cache, cacheform
from tui.data.load import load_timeline


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(generated_yaml(120), encoding="utf-8")
    return path


def _entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("*.json"))


def _load(path: Path) -> object:
    timeline = load_timeline(path, cache=True)
    cache.flush()
    return timeline


def test_cache_dir_comes_from_the_environment(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"


def test_miss_then_hit_gives_the_same_timeline(timeline_file: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_timeline(timeline_file, cache=True)
    cache.flush()
    assert len(_entries()) == 1
    # A hit must not parse: make parsing impossible and load again.
    monkeypatch.setattr("tui.data.load._read_timeline", no_parsing)
    second = load_timeline(timeline_file, cache=True)
    assert snapshot(second) == snapshot(first)
    assert second.events[0].start == first.events[0].start
    assert second.by_id.keys() == first.by_id.keys()


def test_changed_text_misses(timeline_file: Path) -> None:
    _load(timeline_file)
    timeline_file.write_text(timeline_file.read_text(encoding="utf-8").replace(
        "Synthetic timeline", "Edited timeline", 1), encoding="utf-8")
    edited = _load(timeline_file)
    assert edited.title.startswith("Edited")  # type: ignore[attr-defined]
    assert len(_entries()) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "header"])
def test_corrupt_entry_is_ignored_and_replaced(timeline_file: Path, damage: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    good = snapshot(_load(timeline_file))  # type: ignore[arg-type]
    (entry,) = _entries()
    blob = entry.read_bytes()
    damaged = {"truncate": blob[: len(blob) // 2], "empty": b"",
               "flip": blob[:-10] + bytes([blob[-10] ^ 0x20]) + blob[-9:],
               "garbage": b"\x00\xff not json \n {]", "header": b"{}\n" + blob}[damage]
    entry.write_bytes(damaged)
    again = _load(timeline_file)
    assert snapshot(again) == good  # type: ignore[arg-type]
    assert entry.read_bytes() == blob  # replaced by a good entry


def test_entry_from_another_version_is_not_trusted(timeline_file: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _load(timeline_file)
    (entry,) = _entries()
    header, _, payload = entry.read_bytes().partition(b"\n")
    fields = json.loads(header)
    for key, value in (("newstui", "0.0.0-other"), ("format", cacheform.FORMAT + 1)):
        entry.write_bytes(json.dumps({**fields, key: value}).encode() + b"\n" + payload)
        assert cache.load(fields["key"], timeline_file) is None


def test_wellformed_entry_with_a_wrong_shape_is_a_miss(timeline_file: Path) -> None:
    _load(timeline_file)
    (entry,) = _entries()
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    payload = json.dumps({"title": "x", "description": "", "sources": {},
                          "actors": {}, "events": [[["only", "two"], 0, 1, 0]]}).encode()
    fields = {**header, "crc32": __import__("zlib").crc32(payload), "size": len(payload)}
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + payload)
    assert cache.load(header["key"], timeline_file) is None


def test_no_cache_env_and_small_files(timeline_file: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_NO_CACHE", "1")
    load_timeline(timeline_file)  # cache=None: the environment says no
    cache.flush()
    assert _entries() == []
    monkeypatch.delenv("NEWSTUI_NO_CACHE")
    load_timeline(timeline_file)  # cache=None: too small to be worth an entry
    cache.flush()
    assert _entries() == []


def test_unwritable_cache_dir_does_not_fail(timeline_file: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(blocker / "cache"))
    assert len(_load(timeline_file).events) == 120  # type: ignore[attr-defined]


def test_json_and_yaml_of_the_same_text_do_not_share_an_entry() -> None:
    assert cache.content_key(b"{}", "json") != cache.content_key(b"{}", "yaml")
