"""The command line: exit codes 0/1/2, located messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_file(capsys, mini_path) -> None:
    code, out, err = run(capsys, "validate", str(mini_path))
    assert code == 0
    assert out.strip() == f"{mini_path}: valid: 3 events, 3 actors, 1 source"
    assert err == ""


def test_validate_bundled_by_default(capsys) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "valid:" in out


def test_validate_invalid_file_exits_1_with_located_problems(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nsources:\n  s: {title: S, published: 2023-11-10}\n"
                   "events:\n  - id: x\n    kind: stop\n    titel: X\n"
                   "    start: 2023-11-06\n    sources: [s]\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert f"{bad}:5:5: event x: title: missing required field 'title'" in lines
    assert f"{bad}:7:5: event x: titel: unknown field 'titel' (did you mean 'title'?)" in lines
    assert lines[-1] == "newstui: 2 problems; the timeline was not loaded"


@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8"])
def test_unreadable_input_exits_2(capsys, tmp_path, kind) -> None:
    target = tmp_path / "x.yaml"
    if kind == "directory":
        target.mkdir()
    elif kind == "not-utf8":
        target.write_bytes(b"title: caf\xe9\n")
    code, out, err = run(capsys, "validate", str(target))
    assert code == 2
    assert out == ""
    assert err.startswith(str(target))
    expected = {"missing": "no such file", "directory": "is a directory",
                "not-utf8": ":1:11: the file is not UTF-8"}[kind]
    assert expected in err


def test_quote_check_against_archive(capsys, tmp_path, mini_path) -> None:
    (tmp_path / "wire.txt").write_text("He said: “All of this is a work in progress,” "
                                       "and left.", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(mini_path), "--archive", str(tmp_path))
    assert code == 0 and "1 quote verbatim" in out
    (tmp_path / "wire.txt").write_text("He said all this was in progress.", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(mini_path), "--archive", str(tmp_path))
    assert code == 1
    assert f"{mini_path}:44:15: event talks: quotes[0].text: quote is not verbatim" in err


def test_export_json_with_filters(capsys, mini_path) -> None:
    code, out, _ = run(capsys, "export", str(mini_path), "--format", "json",
                       "--country", "tr", "--kind", "meeting")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["events"]] == ["talks"]


def test_bad_filter_value_lists_what_is_valid(capsys, mini_path) -> None:
    code, _, err = run(capsys, "export", str(mini_path), "--country", "XX")
    assert code == 2
    assert "--country XX" in err and "TR (Türkiye)" in err and "NO (Norway)" in err
    code, _, err = run(capsys, "export", str(mini_path), "--actor", "nobody")
    assert code == 2 and "blinken" in err


def test_actor_filter_accepts_names_and_aliases(capsys, mini_path) -> None:
    code, out, _ = run(capsys, "export", str(mini_path), "--actor", "hakan fidan")
    assert code == 0 and [e["id"] for e in json.loads(out)["events"]] == ["talks"]


def test_cli_offers_every_export_format() -> None:
    from tui.cliargs import FORMATS
    from tui.data.export import FORMATS as EXPORT_FORMATS

    assert tuple(EXPORT_FORMATS) == FORMATS


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--format", "pdf"])
    assert caught.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_schema_is_json_schema_with_country_codes(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    place = schema["$defs"]["Place"]
    assert "TR" in place["properties"]["country"]["enum"]
    assert schema["$defs"]["Event"]["additionalProperties"] is False
    assert "protest" in schema["$defs"]["Event"]["properties"]["kind"]["enum"]


def test_version_and_help() -> None:
    for args, expected in ((["--version"], f"newstui {__version__}"),
                           (["--help"], "newstui validate"),
                           (["export", "--help"], "--country")):
        result = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0
        assert expected in result.stdout


def test_no_traceback_for_a_broken_file_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "validate", str(bad)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:1:8: YAML syntax error: this '[' is never closed")


def test_no_arguments_means_the_app_parsers_defaults() -> None:
    """`newstui` alone skips argparse: its options must be exactly the parser's defaults."""
    from tui.cli import app_defaults
    from tui.cliargs import build_parser

    assert app_defaults() == vars(build_parser("app").parse_args([]))
    assert app_defaults() is not app_defaults()  # fresh lists each time (append options)


def test_starting_with_no_arguments_does_not_import_argparse() -> None:
    probe = ("import sys\nimport tui.cli as cli\n"
             "cli.cmd_app = lambda args: print('argparse' in sys.modules, args.file) or 0\n"
             "sys.exit(cli.main([]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "None"]
    # ...while any option goes through the parser (which the probe can tell).
    done = subprocess.run([sys.executable, "-c", probe.replace("main([])",
                                                               "main(['--no-watch'])")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "None"]


def test_a_usage_error_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--bogus"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err
    assert "commands: validate, export, convert, schema" in err
    # A command's own usage error is about that command only.
    with pytest.raises(SystemExit):
        main(["validate", "--bogus"])
    assert "commands:" not in capsys.readouterr().err
