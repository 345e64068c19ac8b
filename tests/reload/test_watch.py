"""The file watcher sees edits however the editor writes them."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.watch import Fingerprint, watch_file

WAIT = 10.0  # generous: the watcher reports within ~0.2 s, CI machines can be slow


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def watched(request, tmp_path: Path) -> Iterator[tuple[Path, queue.Queue[Fingerprint]]]:
    path = tmp_path / "events.yaml"
    path.write_text("one\n", encoding="utf-8")
    stop = threading.Event()
    seen: queue.Queue[Fingerprint] = queue.Queue()
    started = threading.Event()

    def run() -> None:
        started.set()
        for fingerprint in watch_file(path, stop, force_polling=request.param or None,
                                      debounce_ms=50, poll_ms=100):
            seen.put(fingerprint)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait()
    threading.Event().wait(0.5)  # let the backend register its watch
    yield path, seen
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def _next(seen: queue.Queue[Fingerprint]) -> Fingerprint:
    return seen.get(timeout=WAIT)


def test_plain_write_is_seen(watched) -> None:
    path, seen = watched
    path.write_text("two, longer\n", encoding="utf-8")
    assert _next(seen).size == len("two, longer\n")


def test_atomic_rename_is_seen(watched) -> None:
    path, seen = watched
    temp = path.with_name(".events.yaml.tmp")
    temp.write_text("replaced atomically\n", encoding="utf-8")
    os.replace(temp, path)
    fingerprint = _next(seen)
    while fingerprint.size != len("replaced atomically\n"):
        fingerprint = _next(seen)
    assert fingerprint.exists


def test_delete_and_recreate_is_seen(watched) -> None:
    path, seen = watched
    path.unlink()
    assert not _next(seen).exists
    path.write_text("back again\n", encoding="utf-8")
    fingerprint = _next(seen)
    while not fingerprint.exists:
        fingerprint = _next(seen)
    assert fingerprint.size == len("back again\n")


def test_move_away_and_back(watched) -> None:
    path, seen = watched
    moved = path.with_name("elsewhere.yaml")
    path.rename(moved)
    assert not _next(seen).exists
    moved.rename(path)
    fingerprint = _next(seen)
    while not fingerprint.exists:
        fingerprint = _next(seen)
    assert fingerprint.size == len("one\n")


def test_other_files_in_the_directory_are_ignored(watched) -> None:
    path, seen = watched
    (path.parent / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    with pytest.raises(queue.Empty):
        seen.get(timeout=1.0)


def test_a_change_before_the_watcher_starts_is_reported_against_since(tmp_path: Path) -> None:
    """The caller's last look, not the watcher's start, is what a change is measured from:
    an edit made in between (the app's baseline, then a thread switch) is reported."""
    path = tmp_path / "events.yaml"
    path.write_text("title: one\n", encoding="utf-8")
    looked = Fingerprint.of(path)
    path.write_text("titel: one\n", encoding="utf-8")  # the same size: a typo fixed in place
    os.utime(path, ns=(looked.mtime_ns + 1_000_000, looked.mtime_ns + 1_000_000))
    stop = threading.Event()
    seen: queue.Queue[Fingerprint] = queue.Queue()

    def run() -> None:
        for fingerprint in watch_file(path, stop, debounce_ms=50, poll_ms=100, since=looked):
            seen.put(fingerprint)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        first = _next(seen)  # nothing is written from here on: only `since` can tell
    finally:
        stop.set()
        thread.join(timeout=5)
    assert first == Fingerprint.of(path) != looked
