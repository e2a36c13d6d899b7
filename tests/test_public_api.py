"""The chosen public surface, the single version string, and the docs that must not drift."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import storyline
from storyline import settings
from storyline.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_public_names_are_pinned():
    assert sorted(storyline.__all__) == sorted([
        "Article", "Cleaned", "ConfigError", "FetchFailed", "FetchRefused", "InputError",
        "Metadata", "RawDocument", "Rejection", "Removed", "StageError", "StoreError",
        "StorylineError", "UnreadableInput", "__version__",
        "Store", "prepare", "ingest", "analyse", "clean", "describe", "read_inputs",
        "export_json", "register_stage",
    ])
    for name in storyline.__all__:
        assert hasattr(storyline, name), name


def test_version_lives_in_one_place():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", storyline.__version__)


def test_every_cli_command_is_documented_in_the_readme():
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert set(commands) >= {"ingest", "analyse", "run", "export", "report", "settings"}
    for command in commands:
        assert f"storyline {command}" in README, f"README does not show `storyline {command}`"


def test_every_setting_is_documented_in_the_readme():
    for setting in settings.SETTINGS:
        assert f"`{setting.name}`" in README, f"README does not document setting {setting.name}"


def test_readme_quickstart_is_the_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "make demo" in quickstart and "make test" in quickstart
