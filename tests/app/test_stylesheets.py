"""The stylesheets are read compact (tui.app.stylesheets): the same rules as the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from tui.app.app import NewsApp
from tui.app.stylesheets import APP_CSS, MODAL_CSS, compact


def _rules(css: str, path: Path) -> list[tuple[Any, ...]]:
    stylesheet = Stylesheet(variables=App().get_css_variables())
    rules = stylesheet._parse_rules(css, (str(path), ""))
    assert not any(rule.errors for rule in rules)
    found = []
    for rule in rules:
        declared = dict(rule.styles.get_rules())
        if "layout" in declared:  # a Layout object has no equality of its own
            declared["layout"] = declared["layout"].name
        found.append((rule.css, rule.selector_set, rule.is_default_rules, declared))
    return found


@pytest.mark.parametrize("path", [APP_CSS, MODAL_CSS], ids=lambda path: path.name)
def test_compact_css_parses_to_the_files_rules(path: Path) -> None:
    written = path.read_text(encoding="utf-8")
    read = compact(written)
    assert "/*" not in read and "\n" not in read
    assert len(read) < len(written) * 0.8
    assert _rules(read, path) == _rules(written, path)


def test_compact_keeps_what_whitespace_means() -> None:
    # A space between selectors is the descendant combinator; spaces separate a value's parts.
    assert compact("DetailPane  Static {\n  padding: 0 1;  /* note */\n}") \
        == "DetailPane Static{padding: 0 1;}"
    assert compact("A > .b , C {\n  border-top: solid $panel;\n}\n") \
        == "A>.b,C{border-top: solid $panel;}"


async def test_the_app_reads_its_stylesheet_and_the_dialogs_only_when_one_opens() -> None:
    app = NewsApp()
    assert app.stylesheet.has_source(str(APP_CSS))
    assert not app.stylesheet.has_source(str(MODAL_CSS))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.stylesheet.has_source(str(MODAL_CSS))
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.stylesheet.has_source(str(MODAL_CSS))
