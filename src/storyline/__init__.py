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
]
