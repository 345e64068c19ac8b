"""The pieces of the importers: HTML to text, date parts, spreadsheet times."""

from __future__ import annotations

import pytest

from tui.data.importers.dateparts import number, parse_time
from tui.data.importers.html import absolute_url, html_links, html_to_text


@pytest.mark.parametrize(("markup", "text"), [
    ("plain text", "plain text"),
    ("<p>one</p><p>two</p>", "one\n\ntwo"),
    ("a<br>b<br/>c", "a\nb\nc"),
    ("<b>bold</b> &amp; <i>it</i> &lt;tag&gt; &#233;", "bold & it <tag> é"),
    ('<a href="https://x.org/p">X</a>', "X (https://x.org/p)"),
    ('<a href="https://x.org/p">https://x.org/p</a>', "https://x.org/p"),
    ('<a href="//cdn.x.org/v">v</a>', "v (https://cdn.x.org/v)"),
    ('<a href="#anchor">jump</a>', "jump"),
    ('<a href="javascript:alert(1)">bad</a>', "bad"),
    ('<a href="mailto:a@x.org">mail</a>', "mail (mailto:a@x.org)"),
    ('<a href="https://x.org"></a>', "https://x.org"),
    ("<script>alert(1)</script>kept<style>p{}</style>", "kept"),
    ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
    ("<blockquote>Q <cite>Who</cite></blockquote>", "Q\n— Who"),
    ('<iframe src="https://x.org/embed"></iframe>', "https://x.org/embed"),
    ("  lots   of\n\n\n   space  ", "lots of space"),
    ("<p>unclosed <b>tags", "unclosed tags"),
    ("", ""),
])
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_names_leave_urls_out_and_links_are_listed() -> None:
    credit = '<a href="https://x.org/a">Ann</a> / <a href="#x">Bob</a>'
    assert html_to_text(credit, show_urls=False) == "Ann / Bob"
    assert html_links(credit) == ["https://x.org/a"]
    assert absolute_url("ftp://x.org") is None


@pytest.mark.parametrize(("value", "expected"), [
    ("1963", (1963, None)), (" 1,963 ", (1963, None)), ("08", (8, None)), (7, (7, None)),
    (7.0, (7, None)), ("7.0", (7, None)), ("", (None, None)), (None, (None, None)),
    ("-44", (-44, None)),
    ("abc", (None, "'abc' is not a whole number")), (7.5, (None, "7.5 is not a whole number")),
    (True, (None, "expected a number, not true")), ([1], (None, "expected a number")),
])
def test_number(value: object, expected: tuple) -> None:
    assert number(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("14:30", {"hour": 14, "minute": 30}), ("2:30 PM", {"hour": 14, "minute": 30}),
    ("12:00 am", {"hour": 0, "minute": 0}), ("12:15 PM", {"hour": 12, "minute": 15}),
    ("0930", {"hour": 9, "minute": 30}), ("9.30", {"hour": 9, "minute": 30}),
    ("7", {"hour": 7, "minute": 0}), ("01:02:03", {"hour": 1, "minute": 2, "second": 3}),
    ("01:02:03:400", {"hour": 1, "minute": 2, "second": 3}),
    ("noon", None), ("13 PM", None), ("1:2:3:4:5", None), ("", None),
])
def test_parse_time(text: str, expected: dict | None) -> None:
    assert parse_time(text) == expected
