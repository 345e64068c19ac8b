"""newstui convert's YAML: reads back through our loader to the very same timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.interop.build import timeline_of
from tests.interop.support import FIXTURES
from tui.data.export.yamlfmt import MODELINE, key, literal_ok, quote, to_yaml
from tui.data.load import Timeline, bundled_path, load_timeline, timeline_from_text
from tui.data.model import dump
from tui.data.yamlsafe import load_yaml

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def read_back(text: str) -> object:
    return load_yaml(text)[0]


@given(st.text())
def test_quoted_text_reads_back_exactly(text: str) -> None:
    assert read_back(f"k: {quote(text)}\n") == {"k": text}


@given(st.text())
def test_any_key_reads_back_exactly(name: str) -> None:
    assert read_back(f"{key(name)}: v\n") == {name: "v"}


@pytest.mark.parametrize("name", ["0123", "no", "NO", "yes", "on", "null", "true", "1e3",
                                  "2023-11-06", "a b", "-x", ""])
def test_keys_that_other_yaml_readers_would_change_are_quoted(name: str) -> None:
    assert key(name).startswith('"')


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_block_text_reads_back_exactly(text: str) -> None:
    if literal_ok(text):
        lines = "\n".join(f"  {line}" if line else "" for line in text.split("\n"))
        assert read_back(f"k: |-\n{lines}\n") == {"k": text}


@pytest.mark.parametrize("text", ["two\nlines", "para\n\npara", "a\n  indented\nb"])
def test_multi_line_text_uses_a_block(text: str) -> None:
    assert literal_ok(text)


@pytest.mark.parametrize("text", ["one line", "ends\n", " leading\nspace", "trail \nx",
                                  "tab\t\nx", "bell\x07\nx", "nel\x85\nx", "\nfirst empty"])
def test_text_a_block_would_change_stays_quoted(text: str) -> None:
    assert not literal_ok(text)


def _same(original: Timeline, again: Timeline) -> None:
    assert (again.title, again.description) == (original.title, original.description)
    assert again.sources == original.sources
    assert again.actors == original.actors
    assert [dump(e) for e in again.events] == [dump(e) for e in original.events]


@pytest.mark.parametrize("path", [MINI, FIXTURES / "brief.yaml", bundled_path()],
                         ids=["mini", "brief", "bundled"])
def test_timeline_round_trips(path: Path) -> None:
    original = load_timeline(path)
    text = to_yaml(original, original.events, ["header"])
    assert text.startswith(MODELINE + "\n#\n# header\n")
    _same(original, timeline_from_text(text, "again.yaml"))


@given(st.text(min_size=1).filter(str.strip), st.text(), st.text(min_size=1).filter(str.strip))
def test_any_text_in_any_field_round_trips(title: str, summary: str, note: str) -> None:
    original = timeline_of({"title": title, "summary": summary, "note": note,
                            "tags": [title]}, title=title, description=summary)
    _same(original, timeline_from_text(to_yaml(original, original.events), "again.yaml"))


def test_header_lines_cannot_break_out_of_the_comment() -> None:
    original = timeline_of({})
    text = to_yaml(original, original.events, ["evil\nevents: []", "bell\x07"])
    assert "# evil?events: []" in text and "# bell?" in text
    _same(original, timeline_from_text(text, "again.yaml"))
