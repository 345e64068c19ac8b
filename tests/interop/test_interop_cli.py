"""The command line: export -o/--force, convert, --from, and opening TimelineJS files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.interop.support import FIXTURES, place, write
from tui.cli import main

BRIEF = FIXTURES / "brief.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "ics", "timelinejs"])
def test_export_every_format_to_stdout_with_filters(capsys, fmt: str) -> None:
    code, out, err = run(capsys, "export", BRIEF, "--format", fmt, "--country", "TR")
    assert (code, err) == (0, "")
    if fmt == "json":
        assert [e["id"] for e in json.loads(out)["events"]] == ["formula", "talks"]
    elif fmt == "csv":
        assert [r[0] for r in csv.reader(io.StringIO(out, newline=""))][1:] == ["formula",
                                                                                "talks"]
    elif fmt == "markdown":
        assert "*2 of 5 events · country: TR*" in out
    elif fmt == "ics":
        assert len(Calendar.from_ical(out.encode()).walk("VEVENT")) == 2
    else:
        assert [s["unique_id"] for s in json.loads(out)["events"]] == ["formula", "talks"]


def test_export_to_a_file_with_a_notice(capsys, tmp_path: Path) -> None:
    out_path = tmp_path / "brief.md"
    code, out, err = run(capsys, "export", BRIEF, "--format", "markdown", "-o", out_path)
    assert (code, out) == (0, "")
    assert err == f"newstui: wrote 5 events as markdown to {out_path}\n"
    assert out_path.read_text(encoding="utf-8").startswith("# Briefing")


def test_export_refuses_to_clobber_then_force_replaces(capsys, tmp_path: Path) -> None:
    out_path = tmp_path / "brief.csv"
    out_path.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "export", BRIEF, "--format", "csv", "-o", out_path)
    assert (code, out) == (2, "")
    assert err == f"newstui: {out_path}: already exists; use --force to replace it\n"
    assert out_path.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "export", BRIEF, "--format", "csv", "-o", out_path, "--force")
    assert code == 0 and out_path.read_text(encoding="utf-8").startswith("id,start,")


def test_export_into_a_missing_directory_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", BRIEF, "-o", tmp_path / "no" / "x.json")
    assert code == 2 and "does not exist" in err


def test_group_by_is_for_timelinejs_only(capsys) -> None:
    code, _, err = run(capsys, "export", BRIEF, "--format", "csv", "--group-by", "country")
    assert code == 2 and "--group-by applies to --format timelinejs only" in err
    code, out, _ = run(capsys, "export", BRIEF, "--format", "timelinejs", "--group-by",
                       "country")
    assert code == 0
    assert {s.get("group") for s in json.loads(out)["events"]} == {"Türkiye", "Norway", None}


@pytest.mark.parametrize("fixture", ["features.timelinejs.json", "features.csv"])
def test_convert_then_validate(capsys, tmp_path: Path, fixture: str) -> None:
    source = place(FIXTURES / fixture, tmp_path)
    target = tmp_path / "events.yaml"
    code, _, err = run(capsys, "convert", source, "--to", "yaml", "-o", target)
    assert code == 0 and "as newstui YAML to" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./events.schema.json\n")
    code, out, err = run(capsys, "validate", target)
    assert (code, err) == (0, "")
    count = {"features.timelinejs.json": 10, "features.csv": 4}[fixture]
    assert out.startswith(f"{target}: valid: {count} events, 0 actors,")
    code, _, err = run(capsys, "convert", source, "-o", target)
    assert code == 2 and "use --force" in err


def test_convert_yaml_keeps_file_order_and_writes_stdout(capsys) -> None:
    code, out, _ = run(capsys, "convert", BRIEF)
    assert code == 0
    ids = [line.split('"')[1] for line in out.splitlines() if line.startswith("  - id: ")]
    assert ids == ["talks", "formula", "statement-utc", "month-loose", "year-only"]
    assert "# Converted by newstui from brief.yaml (newstui YAML)." in out


def test_validate_and_export_open_timelinejs(capsys, tmp_path: Path) -> None:
    source = place(FIXTURES / "features.timelinejs.json", tmp_path)
    code, out, _ = run(capsys, "validate", source)
    assert code == 0 and out.startswith(f"{source}: valid: 10 events, 0 actors, 3 sources")
    code, out, _ = run(capsys, "export", source, "--format", "csv", "--kind", "protest")
    assert code == 0 and [r[0] for r in csv.reader(io.StringIO(out))][1:] == ["strings"]


def test_from_option_forces_the_reader(capsys, tmp_path: Path) -> None:
    source = write(tmp_path, "slides.txt",
                   '{"events": [{"start_date": {"year": 2001}, "text": {"headline": "A"}}]}')
    code, out, _ = run(capsys, "validate", source, "--from", "timelinejs")
    assert code == 0 and "valid: 1 event," in out
    code, out, _ = run(capsys, "export", source, "--from", "timelinejs", "--format", "csv")
    assert code == 0 and "a,2001,,year,,,statement,A" in out
    with pytest.raises(SystemExit) as caught:
        main(["convert", str(source), "--from", "xml"])
    assert caught.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_invalid_timelinejs_exits_1_with_located_problems(capsys, tmp_path: Path) -> None:
    source = write(tmp_path, "bad.json", '{"events": [\n  {"start_date": {"year": "x"}}\n]}')
    code, out, err = run(capsys, "validate", source)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{source}:2:27: event untitled-event: events[0].start_date.year: 'x' is not a whole "
        "number (write it as digits, e.g. 1963)",
        "newstui: 1 problem; the timeline was not loaded"]


def test_help_lists_the_new_options(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for option in ("--format", "-o OUT", "--force", "--from FORMAT", "--group-by"):
        assert option in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "newstui convert FILE --to yaml -o OUT" in capsys.readouterr().out


def test_quote_check_on_an_import_has_nothing_to_check(capsys, tmp_path: Path) -> None:
    source = place(FIXTURES / "features.csv", tmp_path)
    code, out, err = run(capsys, "validate", source, "--archive", tmp_path)
    assert (code, err) == (0, "")
    assert out.endswith("0 quotes verbatim in their sources\n")
