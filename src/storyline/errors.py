"""The one exception tree of storyline.

::

    StorylineError                 anything storyline raises on purpose
    ├── InputError                 one input (file, URL, record) cannot be used; the batch goes on
    │   ├── UnreadableInput        binary, empty, undecodable, over the size cap, truncated
    │   ├── FetchRefused           a URL that policy forbids (private address, bad scheme)
    │   └── FetchFailed            a URL that could not be fetched (timeout, HTTP error, too large)
    ├── StoreError                 the database cannot be opened, migrated or written
    ├── ConfigError                a bad setting or profile; names the file and line when known
    └── StageError                 a stage failed on one article; the batch goes on

Every error carries the context a user needs to act: the ``source`` (file path or URL),
the ``stage`` and the ``article`` id where they are known. ``str(error)`` is one line.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        stage: str | None = None,
        article: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.stage = stage
        self.article = article

    def __str__(self) -> str:
        where = self.source or self.article
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text


class InputError(StorylineError):
    """One input cannot be used; it is recorded as rejected and the batch goes on."""


class UnreadableInput(InputError):
    """Binary, empty, undecodable, oversized or truncated input."""


class FetchRefused(InputError):
    """A URL that policy forbids: a private or loopback address, or a scheme other than http(s)."""


class FetchFailed(InputError):
    """A URL that could not be fetched: timeout, HTTP error, too many redirects, too large.

    ``retry_after`` is the server's ``Retry-After`` header of a 429 or 503 answer, as sent
    (seconds or an HTTP date): when it asked to be tried again.
    """

    def __init__(self, message: str, *, retry_after: str | None = None, **context: str | None) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""


class ConfigError(StorylineError):
    """A bad setting or profile; the message names the file and line when known."""


class StageError(StorylineError):
    """A stage failed on one article; the article is skipped for that stage."""
