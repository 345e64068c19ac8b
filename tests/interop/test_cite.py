"""Citations and source links for the app's copy and open keys."""

from __future__ import annotations

from tui.data.export.cite import citation, source_links


def test_citation_has_title_date_place_and_sources(brief) -> None:
    talks = brief.by_id["talks"]
    assert citation(brief, talks) == (
        "Talks with Fidan (6 November 2023, 14:30–16:00 (UTC+03:00), Foreign Ministry, "
        "Türkiye). Sources: Wire report, Example Wire, 10 November 2023, "
        "https://example.org/wire?a=1&b=<2>; Field notes, \"day two\", November 2023.")


def test_citation_of_a_loose_date_says_about(brief) -> None:
    assert citation(brief, brief.by_id["month-loose"]) == (
        "Something in November (about November 2023, Oslo, Norway). Source: Wire report, "
        "Example Wire, 10 November 2023, https://example.org/wire?a=1&b=<2>.")


def test_citation_is_one_line(brief) -> None:
    assert all("\n" not in citation(brief, e) for e in brief.events)


def test_source_links_are_the_sources_with_urls(brief) -> None:
    assert source_links(brief, brief.by_id["talks"]) == [
        ("Wire report", "https://example.org/wire?a=1&b=<2>")]
    assert source_links(brief, brief.by_id["year-only"]) == []
