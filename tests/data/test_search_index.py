"""The word index gives exactly what a plain substring test over the folded texts gives."""

from __future__ import annotations

import threading
import time
import unicodedata
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.scale.scale_helpers import generated_yaml
from tui.data import searchindex
from tui.data.load import Timeline, timeline_from_text
from tui.data.query import Index, Query, fold, positions, search_text
from tui.data.searchindex import as_bytes, build, decode, encode, has_separator, scan, tokens

# Separators (space, newline, punctuation), word bytes, non-ASCII letters and punctuation,
# a combining mark, a ligature, upper case and a lone surrogate.
ALPHABET = "ab zc.-_\n0’éüÅßǅﬁ\u0301\ud800"
UNLIMITED = {"MAX_TOKENS": 10**9, "POSTINGS_PER_EVENT": 10**9}


def _plain(texts: list[str], needle: str) -> int:
    return sum(1 << i for i, text in enumerate(texts) if needle in text)


def _reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c) and c not in "-\u2010\u2011\u2013")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=24), max_size=30),
       st.text(ALPHABET, min_size=1, max_size=4), st.integers(1, 7))
def test_lookup_candidates_and_scan_match_a_plain_test(raw: list[str], typed: str,
                                                       run: int) -> None:
    texts = [encode(fold(text)) for text in raw]
    needle = encode(fold(typed))
    assume(needle)
    assert [decode(text) for text in texts] == [fold(text) for text in raw]
    expected = _plain(texts, needle)
    assert expected == sum(1 << i for i, text in enumerate(raw) if fold(typed) in fold(text))
    with mock.patch.multiple(searchindex, **UNLIMITED):
        index = build(texts, run=run)  # short runs: a token dense in some, sparse in others
        if has_separator(as_bytes(needle)):
            candidates = index.candidates(as_bytes(needle))
            if candidates is not None:
                assert candidates & expected == expected
        else:
            assert index.lookup(as_bytes(needle)) == expected
    assert scan(texts, needle) == expected
    within = sum(1 << i for i in range(0, len(texts), 3))
    assert scan(texts, needle, within) == expected & within


@given(st.text(ALPHABET, max_size=30), st.text(ALPHABET, min_size=1, max_size=5))
def test_a_needle_without_separators_lies_inside_one_token(text: str, typed: str) -> None:
    haystack, needle = as_bytes(encode(fold(text))), as_bytes(encode(fold(typed)))
    assume(needle and not has_separator(needle))
    assert (needle in haystack) == any(needle in token for token in tokens(haystack))


def test_tokens_split_on_ascii_separators_only() -> None:
    assert tokens("peace-talks’ in zürich\n2024_03".encode()) == [
        b"peace", "talks’".encode(), b"in", "zürich".encode(), b"2024_03"]
    assert has_separator(b"peace talks") and has_separator(b"a.b")
    assert not has_separator("søren’s".encode())


def test_lookup_gives_up_past_its_limits_and_the_scan_answers() -> None:
    texts = [encode(f"id{i} common") for i in range(50)]
    index = build(texts)
    assert index.lookup(b"common") == (1 << 50) - 1  # a dense token: one bitset
    assert index.lookup(b"id1") == _plain(texts, "id1")  # 11 sparse tokens
    with mock.patch.object(searchindex, "MAX_TOKENS", 5):
        assert index.lookup(b"id1") is None
    with mock.patch.object(searchindex, "POSTINGS_PER_EVENT", 0):
        assert index.lookup(b"id1") is None
        assert index.lookup(b"common") == (1 << 50) - 1  # bitsets need no budget


def test_steps_and_runs_of_any_size_give_the_same_index(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [encode(fold(f"event {i} {'talks' if i % 3 else 'ministry'} e{i:04d}"))
             for i in range(200)]
    monkeypatch.setattr(searchindex, "STEP", 7)
    for run in (1, 13, 64, 1000):
        index = build(texts, run=run)
        for needle in ("talks", "ministry", "e00", "e0199", "t", "4", "nothing"):
            assert index.lookup(needle.encode()) == _plain(texts, needle), (run, needle)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return timeline_from_text(generated_yaml(300), "t.yaml", cache=False)


NEEDLES = ["talks", "TALKS", "ministry", "zürich", "ZURICH", "naïve", "søren", "e00012",
           "e0001", "ceasefire talks", "talks in", "—", "’", "s t", " ", "-", ".", "qq",
           "matthew leaf", "gaza city", "xx yy"]


def _expected(timeline: Timeline, text: str) -> list[int]:
    needle = _reference_fold(text.strip())
    return [i for i in range(len(timeline.events))
            if needle in _reference_fold(search_text(timeline, i))]


@pytest.mark.parametrize("prepared", [False, True], ids=["scan", "index"])
def test_search_matches_a_plain_walk_with_and_without_the_index(
        timeline: Timeline, prepared: bool) -> None:
    index = Index(timeline)
    if prepared:
        index.prepare_search()
        assert index._tokens is not None
    for text in NEEDLES:
        assert positions(index.search(text)) == _expected(timeline, text), text


def test_typing_word_by_word_narrows_to_the_same_results(timeline: Timeline) -> None:
    index = Index(timeline)
    index.prepare_search()
    for phrase in ("ceasefire talks in", "e000123-meets", "zürich kraków"):
        for end in range(1, len(phrase) + 1):
            query = Query(search=phrase[:end])
            assert query.select(index) == _expected(timeline, phrase[:end]), phrase[:end]


def test_search_falls_back_to_the_scan_when_the_index_gives_up(
        timeline: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    index = Index(timeline)
    index.prepare_search()
    monkeypatch.setattr(searchindex, "MAX_TOKENS", 0)
    monkeypatch.setattr(searchindex, "POSTINGS_PER_EVENT", 0)
    for text in ("e0001", "talks", "ceasefire talks"):
        assert positions(index.search(text)) == _expected(timeline, text), text


def test_prepare_search_builds_once(timeline: Timeline) -> None:
    index = Index(timeline)
    index.prepare_search()
    built = index._tokens
    index.prepare_search()
    assert index._tokens is built
    assert index.haystacks == [_reference_fold(search_text(timeline, i))
                               for i in range(len(timeline.events))]


def _pacer_sleeps(monkeypatch: pytest.MonkeyPatch, main_busy: bool) -> list[float]:
    """The sleeps of a pacer called 8 times in a worker thread, every call past its slice,
    while the main thread waits for it (idle) or keeps the CPU busy."""
    slept: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        if threading.current_thread() is not threading.main_thread():
            slept.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(searchindex, "SLICE", 0.0)
    monkeypatch.setattr(searchindex, "MAX_WAIT", 0.02)  # a few back-offs a call at most
    monkeypatch.setattr(searchindex.time, "sleep", sleep)
    done = threading.Event()

    def work() -> None:
        pacer = searchindex.Pacer()
        for _ in range(8):
            sum(range(20_000))  # a little work of its own between calls
            pacer()
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while main_busy and not done.is_set():
        sum(range(10_000))  # the UI thread drawing, as far as the pacer can tell
    worker.join()
    return slept


@pytest.mark.parametrize("clock", ["main thread", "own share"])
def test_a_pacer_backs_off_while_the_main_thread_works(
        monkeypatch: pytest.MonkeyPatch, clock: str) -> None:
    if clock == "own share":  # as where the main thread's CPU clock cannot be read
        monkeypatch.setattr(searchindex, "_main_thread_clock", lambda: None)
        # The build's own CPU clock, as it reads while another thread holds the GIL most
        # of the time. The real share depends on the OS scheduler: under a loaded CI
        # machine the busy main thread was sometimes off its core, the build ran alone
        # and never backed off. A tenth of its CPU time is a low share, whatever runs.
        real_thread_time = searchindex.time.thread_time
        monkeypatch.setattr(searchindex.time, "thread_time", lambda: real_thread_time() / 10)
    slept = _pacer_sleeps(monkeypatch, main_busy=True)
    assert searchindex.BACK_OFF in slept
    if clock == "own share":  # one back-off a slice: its own sleep proves nothing
        assert slept.count(searchindex.BACK_OFF) <= slept.count(0)


def test_a_pacer_only_hands_the_gil_over_while_the_main_thread_rests(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(_pacer_sleeps(monkeypatch, main_busy=False)) == {0}


def test_a_pacer_on_the_main_thread_never_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "SLICE", 0.0)
    with mock.patch.object(searchindex.time, "sleep") as sleep:
        pacer = searchindex.Pacer()
        for _ in range(10):
            pacer()
    sleep.assert_not_called()
