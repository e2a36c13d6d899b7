"""The CLI as a user meets it: commands, outputs, exit codes, help texts."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()

STORY = (
    "Ceasefire talks stall in Lindholm\n\n"
    "Negotiators from Varnia and Osteland left Lindholm on Friday without agreeing a ceasefire line, "
    "officials on both sides said. A further round is planned for next month.\n"
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def test_run_writes_database_json_and_report_and_says_where(folder):
    result = runner.invoke(app, ["run", str(folder / "in"), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    for name in ("storyline.db", "storyline.json", "report.html"):
        assert (folder / "out" / name).is_file()
        assert name in result.output
    data = json.loads((folder / "out" / "storyline.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in data["articles"]] == ["Ceasefire talks stall in Lindholm"]


def test_run_again_on_the_same_out_reuses_the_database(folder):
    args = ["run", str(folder / "in"), "--out", str(folder / "out")]
    runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    assert "0 new" in second.output and "1 unchanged" in second.output


def test_ingest_names_each_bad_file_on_one_line_and_exits_1(folder):
    (folder / "in" / "empty.txt").write_text("")
    result = runner.invoke(app, ["ingest", str(folder / "in"), "--db", str(folder / "s.db")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("rejected ")]
    assert len(lines) == 1 and "empty.txt" in lines[0] and "empty" in lines[0].split(":", 1)[1]


def test_ingest_exits_2_when_nothing_went_in(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda text: json.loads(text)["articles"][0]["outlet"] is None),
    ("jsonl", lambda text: len(text.strip().splitlines()) == 1 and json.loads(text)["id"]),
    ("csv", lambda text: text.splitlines()[0].startswith("id,source,url,title")),
])
def test_export_formats(folder, fmt, check):
    db = str(folder / "s.db")
    runner.invoke(app, ["ingest", str(folder / "in"), "--db", db])
    result = runner.invoke(app, ["export", "--format", fmt, "--db", db])
    assert result.exit_code == 0
    assert check(result.stdout)


def test_export_unknown_format_and_missing_database_are_one_line_errors(tmp_path):
    bad_format = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "s.db")])
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "nope.db")])
    assert bad_format.exit_code == 2 and "unknown format 'xml'" in bad_format.output
    assert missing.exit_code == 2 and "nope.db" in missing.output and len(missing.output.strip().splitlines()) == 1


def test_report_command_writes_html(folder):
    db = str(folder / "s.db")
    runner.invoke(app, ["ingest", str(folder / "in"), "--db", db])
    result = runner.invoke(app, ["report", "--db", db, "-o", str(folder / "r.html")])
    assert result.exit_code == 0
    assert "Ceasefire talks stall" in (folder / "r.html").read_text(encoding="utf-8")


def test_bad_setting_in_environment_is_a_clear_error(folder, monkeypatch):
    monkeypatch.setenv("STORYLINE_MAX_BYTES", "lots")
    result = runner.invoke(app, ["ingest", str(folder / "in"), "--db", str(folder / "s.db")])
    assert result.exit_code == 2
    assert "max_bytes" in result.output and "'lots'" in result.output


@pytest.mark.parametrize("command", ["ingest", "analyse", "run", "export", "report", "settings"])
def test_every_command_has_help_with_a_real_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert re.search(r"Example: (\S+=\S+ )?storyline " + command, result.output)


def test_profile_check_points_at_the_offending_line(tmp_path):
    bad = tmp_path / "story.yaml"
    bad.write_text(
        "name: test story\n"
        "actors:\n"
        "  - name: Ana Ruiz\n"
        "    kind: person\n"
        "    offices:\n"
        "      - {title: president, of: Varnia, start: 2026-05-01, end: 2026-01-01}\n"
        "issues: []\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["profile", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:6" in result.output


def test_profile_check_accepts_the_packaged_profiles():
    from storyline.profile import PROFILES_DIR

    for path in sorted(PROFILES_DIR.glob("[!_]*.yaml")):
        result = runner.invoke(app, ["profile", "check", str(path)])
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("table, header", [
    ("quotes", "article,outlet,published,speaker"),
    ("events", "id,date,date_end,label"),
    ("actions", "GLOBALEVENTID,SQLDATE,Actor1Name,Actor2Name,EventRootCode"),
    ("claims", "id,status,independent_sources"),
    ("anomalies", "article,kind,detail"),
    ("positions", "actor,issue,stance,date,via"),
    ("shifts", "actor,issue,from,to,before_date"),
    ("nonsense", None),
])
def test_csv_tables(folder, table, header):
    db = str(folder / "s.db")
    runner.invoke(app, ["ingest", str(folder / "in"), "--db", db])
    result = runner.invoke(app, ["export", "--format", "csv", "--table", table, "--db", db])
    if header is None:
        assert result.exit_code == 2 and "unknown table" in result.output
    else:
        assert result.exit_code == 0 and result.stdout.startswith(header)
