"""The stage registry: analysis stages register under stable, versioned names.

An *article stage* is a pure function ``(Article) -> payload`` (JSON-able), run on every article
that has no result stored under its name yet; a *corpus stage* is ``(CorpusView) -> payload``,
run over the whole corpus after the article stages. Bumping a stage's version (``quotes.v2``)
makes it run again everywhere, because results are stored under the full name. A corpus stage
may keep per-article work of its own under its name (``store.put_annotations``), so that its
next run does that work for new articles only; the store drops an article's rows when the
article changes, and a new version starts with none.

Built-in stages register here exactly as a third-party one would, through ``register``; a
package can also expose stages under the ``storyline.stages`` entry-point group (each entry
point names a module whose import registers its stages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from .errors import ConfigError

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.v[0-9]+$")


@dataclass(frozen=True)
class Stage:
    name: str  # "quotes.v1"
    kind: str  # "article" | "corpus"
    func: Callable[..., Any]
    after: tuple[str, ...] = ()  # names of stages whose results this one reads
    # A stage whose results depend on the domain profile re-runs when the profile changes.
    uses_profile: bool = False

    @property
    def base(self) -> str:
        return self.name.rsplit(".", 1)[0]


_REGISTRY: dict[str, Stage] = {}


def register(
    name: str, kind: str = "article", after: tuple[str, ...] = (), uses_profile: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: ``@register("quotes.v1")`` over ``def quotes(article) -> payload``."""
    if not _NAME.match(name):
        raise ConfigError(f"stage name {name!r} must look like 'name.v1'")
    if kind not in ("article", "corpus"):
        raise ConfigError(f"stage {name!r}: kind must be 'article' or 'corpus', got {kind!r}")

    def add(func: Callable[..., Any]) -> Callable[..., Any]:
        stage = Stage(name, kind, func, after, uses_profile)
        clash = [s for s in _REGISTRY.values() if s.base == stage.base and s.name != name]
        if clash:
            raise ConfigError(f"stage {name!r} clashes with registered {clash[0].name!r}")
        _REGISTRY[name] = stage
        return func

    return add


def registered(kind: str | None = None) -> list[Stage]:
    """Registered stages in registration order (dependencies first), optionally of one kind."""
    _load_plugins()
    return [s for s in _REGISTRY.values() if kind is None or s.kind == kind]


_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group="storyline.stages"):
        entry.load()
