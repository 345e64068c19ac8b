"""Markdown briefing: grouped by day, quotes and citations, data never becomes markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.interop.build import timeline_of
from tui.data.export.markdown import DROPPED, escape, to_markdown

RENDER = MarkdownIt("commonmark")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> _Html:
    parser = _Html()
    parser.feed(RENDER.render(markdown))
    return parser


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("text", [
    "*bold* and _under_", "[link](http://x.org)", "<script>alert(1)</script>", "# heading",
    "- item", "+ item", "1. item", "2) item", "> quote", "`code`", "a | b | c", "~~strike~~",
    "&amp; &copy;", "text\n===", "text\n---", "***", "    indented code", "line\\", "![img](x.png)",
    "<http://autolink.org>", "trailing  \nbreak", "\\*already escaped\\*",
])
def test_special_text_renders_as_written(text: str) -> None:
    html = rendered(escape(text))
    assert set(html.tags) <= {"p"}, html.tags
    assert words("".join(html.text)) == words(text)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))))
def test_any_text_renders_as_written(text: str) -> None:
    html = rendered(escape(text))
    assert set(html.tags) <= {"p"}
    assert words("".join(html.text)) == words(DROPPED.sub("", text))


def test_control_and_bidi_characters_are_dropped() -> None:
    assert escape("a\x1b[31mb\u202ec\x07") == "a[31mbc".replace("[", "\\[")


def test_grouped_by_local_day_with_headings(brief) -> None:
    text = to_markdown(brief, brief.events)
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == ["2023 (month not known)", "November 2023 (day not known)",
                        "Monday 6 November 2023", "Tuesday 7 November 2023"]
    assert "### 14:30–16:00 (UTC+03:00) · Talks with Fidan" in text
    assert "### 09:05 (UTC) · @SUM(A1)" in text


def test_day_is_the_events_local_day() -> None:
    # 23:30 UTC on the 6th is already the 7th in Istanbul.
    timeline = timeline_of({"start": "2023-11-06T23:30Z",
                            "place": {"name": "Ankara", "country": "TR",
                                      "tz": "Europe/Istanbul"}})
    text = to_markdown(timeline, timeline.events)
    assert "## Tuesday 7 November 2023" in text
    assert "### 02:30 (UTC+03:00) · Title" in text  # shown in the place's time zone


def test_quotes_and_citations(brief) -> None:
    text = to_markdown(brief, brief.events)
    assert ("> All of this is \\*a work\\* in progress\n>\n"
            "> — Antony Blinken, in *Wire report*") in text
    assert ("Sources: [Wire report](<https://example.org/wire?a=1&b=%3C2%3E>), Example Wire, "
            "10 November 2023; *Field notes, \"day two\"*, November 2023.") in text


def test_filtered_view_says_what_it_shows(brief) -> None:
    text = to_markdown(brief, brief.events[:2], ["country: TR"])
    assert "*2 of 5 events · country: TR*" in text


def test_whole_briefing_has_no_markup_from_data(brief) -> None:
    html = RENDER.render(to_markdown(brief, brief.events))
    assert "<script" not in html and "<b>" not in html
    assert 'href="http://x.org"' not in html  # the summary's [docs](...) stays text
    assert html.count("<a href=") == 3  # the Wire report citations, and nothing else
