"""Every broken file in tests/hostile/corpus, through the real command line.

Each row: the exit code, and every problem printed, as (line, column, text the line
must contain). The list is exhaustive: a file must print exactly these problems, each
located exactly. ``newstui validate FILE`` and ``newstui FILE`` (the app, which loads
the same way before starting Textual) must agree, and no traceback may ever appear.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import CORPUS, PROBLEM_LINE, RAW_UNSAFE, Run, run_process
from tui.data.load import load_timeline

Expected = list[tuple[int | None, int | None, str]]

SYNTAX = "YAML syntax error: "
TABLE: dict[str, tuple[int, Expected]] = {
    # documents that are not timelines
    "empty.yaml": (1, [(1, 1, "the file is empty")]),
    "only-comments.yaml": (1, [(1, 1, "the file is empty (or holds only comments)")]),
    "top-scalar.yaml": (1, [(1, 1, "the top level is a single value, not a mapping")]),
    "top-list.yaml": (1, [(1, 1, "the top level is a list, not a mapping")]),
    "multi-document.yaml": (1, [(14, 1, "more than one YAML document (remove the '---'")]),
    "document-end-marker.yaml": (1, [(15, 1, SYNTAX + "text after the end of the document")]),
    "yaml-directive.yaml": (1, [(1, 1, SYNTAX + "a line starting with '%' is a YAML directive")]),
    # odd but valid: positions must survive a BOM, CRLF and CR-only line ends
    "bom-valid.yaml": (0, []),
    "crlf-valid.yaml": (0, []),
    "crlf-error.yaml": (1, [(8, 11, "event arrive: kind: 'stopp' is not one of: stop,")]),
    "cr-only-error.yaml": (1, [(8, 11, "event arrive: kind: 'stopp' is not one of: stop,")]),
    # YAML syntax: located where the fix is, in a curator's words
    "unclosed-bracket.yaml": (1, [(12, 13, SYNTAX + "this '[' is never closed (add the "
                                   "closing ']' or a missing ','; the parser gave up at line 13")]),
    "unclosed-brace-at-eof.yaml": (1, [(15, 12, SYNTAX + "this '{' is never closed")]),
    "unclosed-quote.yaml": (1, [(9, 12, SYNTAX + "this quoted text is never closed")]),
    "tab-indent.yaml": (1, [(8, 1, SYNTAX + "a tab character where YAML expects spaces "
                             "(indent with spaces only")]),
    "bad-indent.yaml": (1, [(10, 11, SYNTAX + "unexpected 'key: value' here (this line is "
                             "indented more than the keys above it")]),
    "bad-indent-less.yaml": (1, [(10, 4, SYNTAX + "this line does not line up with the list "
                                  "items above")]),
    "colon-in-text.yaml": (1, [(9, 19, SYNTAX + "a ': ' inside unquoted text (put the text in "
                                "quotes: title: \"Blinken: talks in Ankara\")")]),
    "quote-in-quoted.yaml": (1, [(9, 21, SYNTAX + "text continues after a closing quote "
                                  "(a quote inside quoted text ends it: write ''")]),
    "backslash-escape.yaml": (1, [(9, 19, SYNTAX + "a backslash escape YAML does not know")]),
    "undefined-alias.yaml": (1, [(9, 12, SYNTAX + "'*' or '&' starts a YAML alias or anchor "
                                  "here (put text that starts with '*' or '&' in quotes)")]),
    "undefined-alias-name.yaml": (1, [(12, 13, SYNTAX + "'*blinken' refers to an anchor that "
                                       "is not defined (define '&blinken' before")]),
    "continuation-line.yaml": (1, [(10, 1, SYNTAX + "this line is not 'key: value' (if it "
                                    "continues the text above, indent it more")]),
    "extra-bracket.yaml": (1, [(12, 22, SYNTAX + "an extra ']'")]),
    "nbsp-indent.yaml": (1, [(9, 10, SYNTAX + "unexpected 'key: value' here (line 8, column 1 "
                              "holds an invisible no-break space (U+00A0)")]),
    "line-separator.yaml": (1, [(9, 27, "the file contains an invisible line separator "
                                 "(U+2028), which YAML reads as a line break (delete it")]),
    "line-separator-quoted.yaml": (1, [(9, 21, "the file contains an invisible line "
                                        "separator (U+2028)")]),
    "line-separator-quoted.json": (0, []),  # JSON keeps it exactly: see test below
    "next-line-quoted.yaml": (1, [(9, 20, "the file contains an invisible next-line "
                                   "character (U+0085), which YAML reads as a line break")]),
    "raw-escape-byte.yaml": (1, [(9, 20, SYNTAX + "the file contains the control character "
                                  "\\x1b (ESC), which YAML does not allow")]),
    "raw-c1-control.yaml": (1, [(9, 12, "the control character \\x93, which YAML does not "
                                 "allow (remove it: it is invisible in most editors; it is "
                                 "often a curly quote or dash mangled from Windows-1252")]),
    # keys
    "duplicate-top-key.yaml": (1, [(14, 1, "duplicate key 'title' ('title' is already set at "
                                    "line 1; keep one of them)")]),
    "duplicate-nested-key.yaml": (1, [(11, 5, "duplicate key 'start' ('start' is already set "
                                       "at line 10")]),
    "duplicate-source-id.yaml": (1, [(4, 3, "duplicate key 'wire' ('wire' is already set at "
                                      "line 3")]),
    "unknown-top-key.yaml": (1, [(6, 1, "evnets: unknown top-level key 'evnets' (did you mean "
                                  "'events'?)")]),
    "unknown-field.yaml": (1, [(7, 5, "event arrive: title: missing required field 'title'"),
                               (9, 5, "event arrive: titel: unknown field 'titel' (did you "
                                "mean 'title'?)"),
                               (11, 12, "event arrive: place.country: missing required field"),
                               (11, 27, "event arrive: place.contry: unknown field 'contry' "
                                "(did you mean 'country'?)")]),
    "merge-key.yaml": (1, [(12, 7, "merge keys ('<<') are not supported")]),
    "complex-key.yaml": (1, [(14, 3, "a key must be plain text, not a list or mapping")]),
    "int-key.yaml": (1, [(14, 1, "1: unknown top-level key '1'")]),
    # tags: refused before anything is built
    "tag-python-apply.yaml": (1, [(9, 12, "the YAML tag '!!python/object/apply:os.system' is "
                                   "not allowed (newstui never builds objects from tags")]),
    "tag-python-in-key.yaml": (1, [(14, 3, "the YAML tag '!!python/object/new:os.system' is "
                                    "not allowed")]),
    "tag-custom.yaml": (1, [(9, 12, "the YAML tag '!shout' is not allowed")]),
    "tag-binary.yaml": (1, [(9, 12, "the YAML tag '!!binary' is not allowed (newstui reads "
                             "every value as the text written")]),
    "tag-set.yaml": (1, [(12, 13, "the YAML tag '!!set' is not allowed")]),
    "tag-timestamp.yaml": (1, [(10, 12, "the YAML tag '!!timestamp' is not allowed")]),
    "tag-int-on-text.yaml": (1, [(9, 12, "the YAML tag '!!int' is not allowed")]),
    "tag-str-on-list.yaml": (1, [(12, 13, "the YAML tag '!!str' is not allowed (!!str does not "
                                  "fit this kind of value")]),
    "tag-local-handle.yaml": (1, [(10, 11, "the YAML tag 'tag:newstui.example,2024:kind' is "
                                   "not allowed")]),
    "tag-str-valid.yaml": (0, []),
    # aliases
    "billion-laughs.yaml": (1, [(1, 29, "aliases expand to too many values (this looks like "
                                 "an alias bomb")]),
    "recursive-alias.yaml": (1, [(12, 29, "the alias '*loop' is used inside the value it "
                                  "stands for")]),
    "duplicate-anchor.yaml": (1, [(13, 14, SYNTAX + "the anchor '&a' is defined twice (give "
                                   "each anchor its own name; the first '&a' is at line 12, "
                                   "column 13)")]),
    "alias-valid.yaml": (0, []),
    # wrong types at every field: every problem, each at its own value
    "wrong-types.yaml": (1, [
        (1, 8, "title: expected text, got a list"),
        (2, 14, "description: expected text, got a mapping"),
        (5, 12, "source wire: title: expected text, got a list"),
        (6, 16, "source wire: published: expected a date written as text like 2023-11-06, "
         "got a list"),
        (7, 10, "source wire: url: expected text, got a mapping"),
        (8, 10, "source plain: expected a mapping (key: value lines), got the text 'just "
         "text'"),
        (11, 11, "actor blinken: name: expected text, got a mapping"),
        (12, 11, "actor blinken: kind: expected one of: person, government, organization, "
         "group; got a list"),
        (13, 14, "actor blinken: aliases: expected a list, got the text 'Blinken' (write a "
         "list: [Blinken]"),
        (15, 9, "event #1: id: expected text, got a list"),
        (16, 11, "event #1: kind: expected one of: stop, meeting"),
        (17, 12, "event #1: title: expected text, got a list"),
        (18, 14, "event #1: summary: expected text, got a list"),
        (19, 12, "event #1: start: expected a date written as text"),
        (20, 18, "event #1: approximate: expected true or false, got the text 'maybe'"),
        (21, 12, "event #1: place: expected a mapping (key: value lines), got the text "
         "'Ankara'"),
        (22, 13, "event #1: actors: expected a list, got the text 'blinken'"),
        (23, 14, "event #1: sources: expected a list, got the text 'wire' (write a list: "
         "[wire]"),
        (29, 19, "event typed: place.name: expected text, got a list"),
        (29, 33, "event typed: place.country: expected text, got a list"),
        (29, 44, "event typed: place.lat: expected a number, got the text 'north'"),
        (29, 56, "event typed: place.lon: a longitude is between -180 and 180, got 500"),
        (29, 65, "event typed: place.tz: unknown time zone '5'"),
        (30, 24, "event typed: quotes[0].speaker: expected text, got a list"),
        (30, 35, "event typed: quotes[0].text: expected text, got a mapping"),
        (31, 19, "event typed: links[0].rel: expected one of: part-of, in-response-to"),
        (31, 34, "event typed: links[0].to: unknown event 'arrive' (no event has this id)"),
        (32, 5, "event #3: expected a mapping (key: value lines), got the text 'just a "
         "string'"),
        (33, 5, "event #4: expected a mapping (key: value lines), got nothing"),
    ]),
    "empty-values.yaml": (1, [
        (9, 11, "event arrive: title: expected text, got nothing (an empty value) (text after "
         "' #' is a comment in YAML: put the value in quotes)"),
        (10, 11, "event arrive: start: expected a date written as text like 2023-11-06, got "
         "nothing"),
    ]),
    "bad-registry-id.yaml": (1, [
        (3, 3, "source wire feed: 'wire feed' is not a valid id"),
        (13, 15, "event arrive: sources[0]: 'wire feed' is not a valid id"),
    ]),
    # references and cross-checks
    "duplicate-ids.yaml": (1, [(14, 9, "event arrive: id: duplicate event id 'arrive' (the "
                                "same id is used at line 7")]),
    "broken-references.yaml": (1, [
        (12, 14, "event arrive: actors[0]: unknown actor 'blinkin' (did you mean 'blinken'?)"),
        (13, 15, "event arrive: sources[0]: unknown source 'wirre' (did you mean 'wire'?)"),
        (18, 24, "event talks: quotes[0].speaker: unknown actor 'fidan' (register it under "
         "'actors' first)"),
        (19, 32, "event talks: links[0].to: unknown event 'arive' (did you mean 'arrive'?)"),
        (19, 59, "event talks: links[1].to: an event cannot link to itself"),
    ]),
    "dates-inconsistent.yaml": (1, [
        (11, 10, "event arrive: end: ends (2023-11-05) before it starts (2023-11-06)"),
        (18, 12, "event local: start: the time 2023-11-06T14:30 has no UTC offset"),
        (23, 12, "event feb30: start: '2023-02-30' is not a real date"),
    ]),
    # bytes that are not UTF-8 text: exit 2, at the first bad byte
    "windows-1252.yaml": (2, [(9, 12, "the file is not UTF-8 (byte 0x93 here) (in "
                               "Windows-1252 byte 0x93 is '\u201c'")]),
    "latin-1.yaml": (2, [(9, 27, "the file is not UTF-8 (byte 0xe0 here) (in Windows-1252 "
                          "byte 0xe0 is '\u00e0'")]),
    "utf-16-bom.yaml": (2, [(1, 1, "the file is UTF-16, not UTF-8 (save it as UTF-8")]),
    "utf-16-no-bom.yaml": (2, [(1, 1, "the file looks like UTF-16 text without a byte-order "
                                "mark")]),
    "nul-byte.yaml": (2, [(9, 19, "the file contains a NUL byte (0x00)")]),
    "image.png.yaml": (2, [(1, 1, "this is a PNG image, not a text timeline")]),
    "random-binary.yaml": (2, [(5, 59, "this is a binary file, not a text timeline")]),
    "word-document.docx": (2, [(1, 1, "this is a ZIP archive, such as a .docx")]),
    # text is data: loads as written, escapes shown escaped (and warned about)
    "escapes-in-text.yaml": (0, [
        (9, 12, "warning: event arrive: title: the text contains the control character "
         "\\x1b (newstui shows it as \\x1b"),
        (11, 14, "warning: event arrive: summary: the text contains the control character "
         "\\x07"),
    ]),
    "backslash-bell.yaml": (0, [(9, 12, "warning: event arrive: title: the text contains the "
                                 "control character \\x07 (newstui shows it as \\x07; remove "
                                 "it unless it is meant: in double quotes a backslash starts "
                                 "an escape")]),
    "escapes-in-errors.yaml": (1, [
        (7, 9, "event arr\\x1b[2Jive: id: 'arr\\x1b[2Jive' is not a valid id"),
        (8, 11, "event arr\\x1b[2Jive: kind: '\\x1b]0;pwned\\x07' is not one of: stop"),
        (12, 14, "event arr\\x1b[2Jive: actors[0].id: 'blink\\u202een' is not a valid id"),
        (12, 14, "event arr\\x1b[2Jive: actors[0]: unknown actor 'blink\\u202een' (did you "
         "mean 'blinken'?)"),
    ]),
    "markup-title.yaml": (0, []),
    # a raw right-to-left override is warned about; the RLM in the Arabic title is not
    "bidi-override.yaml": (0, [(15, 15, "warning: event arrive: quotes[0].text: the text "
                                "contains a right-to-left override (\\u202e) (newstui shows "
                                "it as \\u202e; remove it unless it is meant: it can reorder "
                                "the text)")]),
    # the same file format spelled as JSON
    "json-syntax-error.json": (1, [(3, 14, SYNTAX + "expected ',' or '}' after the quoted "
                                    "text (add the missing ','")]),
    "json-duplicate-key.json": (1, [(1, 16, "duplicate key 'title'")]),
    "json-numbers-kept-as-text.json": (0, []),
}


def check_output(run: Run, path: Path, code: int, expected: Expected) -> None:
    assert "Traceback" not in run.err + run.out
    assert RAW_UNSAFE.search(run.err + run.out) is None, "raw control characters printed"
    assert run.code == code, run.err
    printed = run.problem_lines()
    assert len(printed) == len(expected), "\n".join(printed)
    for line_text, (line, column, text) in zip(printed, expected, strict=True):
        match = PROBLEM_LINE.match(line_text)
        assert match is not None, line_text
        assert match["file"] == str(path), line_text
        assert (match["line"], match["col"]) == (
            None if line is None else str(line), None if column is None else str(column)
        ), line_text
        assert text in match["rest"], f"{text!r} not in {line_text!r}"
    if code == 1:
        count = len(expected)
        noun = "problem" if count == 1 else "problems"
        assert run.err.splitlines()[-1] == f"newstui: {count} {noun}; the timeline was not loaded"
    if code == 0:
        assert run.out.startswith(f"{path}: valid: ")


def test_every_corpus_file_is_in_the_table() -> None:
    files = [p.name for p in CORPUS.iterdir() if p.name not in ("README.md", ".gitattributes")]
    assert sorted(files) == sorted(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_validate(name: str, cli: Callable[..., Run]) -> None:
    path = CORPUS / name
    code, expected = TABLE[name]
    check_output(cli("validate", str(path)), path, code, expected)


@pytest.mark.parametrize("name", sorted(n for n, (code, _) in TABLE.items() if code != 0))
def test_app_command_reports_the_same(name: str, cli: Callable[..., Run], no_app: None) -> None:
    path = CORPUS / name
    code, expected = TABLE[name]
    check_output(cli(str(path)), path, code, expected)


@pytest.mark.parametrize("name", ["wrong-types.yaml", "unclosed-bracket.yaml",
                                  "escapes-in-errors.yaml", "windows-1252.yaml",
                                  "billion-laughs.yaml", "escapes-in-text.yaml"])
def test_real_process(name: str) -> None:
    path = CORPUS / name
    code, expected = TABLE[name]
    check_output(run_process("validate", str(path)), path, code, expected)


def test_json_keeps_a_line_separator_exactly() -> None:
    """YAML would eat the spaces around it; read as JSON, the text is kept as written."""
    timeline = load_timeline(CORPUS / "line-separator-quoted.json")
    assert timeline.title == "a \u2028 b"


def test_tags_are_never_executed(tmp_path: Path, cli: Callable[..., Run],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The files ask os.system to create NEWSTUI_PWNED in the working directory."""
    monkeypatch.chdir(tmp_path)
    for name in ("tag-python-apply.yaml", "tag-python-in-key.yaml"):
        assert cli("validate", str(CORPUS / name)).code == 1
        assert run_process("validate", str(CORPUS / name), cwd=tmp_path).code == 1
    assert list(tmp_path.iterdir()) == []
