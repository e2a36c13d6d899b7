"""storyline: turn a pile of news articles about an evolving story into an analyst's dossier.

The public surface is what ``__all__`` lists; everything else may change without notice.
"""

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    ConfigError,
    FetchFailed,
    FetchRefused,
    InputError,
    StageError,
    StoreError,
    StorylineError,
    UnreadableInput,
)
from .records import Article, Cleaned, Metadata, RawDocument, Rejection, Removed  # noqa: E402

# Heavier parts load on first use, so `import storyline` stays quick.
_LAZY = {
    "Store": ("storyline.store", "Store"),
    "prepare": ("storyline.pipeline", "prepare"),
    "ingest": ("storyline.pipeline", "ingest"),
    "analyse": ("storyline.pipeline", "analyse"),
    "clean": ("storyline.clean", "clean"),
    "describe": ("storyline.describe", "describe"),
    "read_inputs": ("storyline.ingest", "read_inputs"),
    "export_json": ("storyline.export", "build"),
    "register_stage": ("storyline.stages", "register"),
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


__all__ = [
    "Article",
    "Cleaned",
    "ConfigError",
    "FetchFailed",
    "FetchRefused",
    "InputError",
    "Metadata",
    "RawDocument",
    "Rejection",
    "Removed",
    "StageError",
    "StoreError",
    "StorylineError",
    "UnreadableInput",
    "__version__",
    "Store",
    "prepare",
    "ingest",
    "analyse",
    "clean",
    "describe",
    "read_inputs",
    "export_json",
    "register_stage",
]
