"""The built-in analysis stages, registered exactly as a third-party package would register its own.

Importing this module registers them; ``pipeline`` imports it.
"""

from __future__ import annotations

from typing import Any

from .actors import build_registry
from .quotes import extract_attributions
from .records import Article, Attributions
from .stages import register


@register("attribution.v1")
def attribution(article: Article) -> dict[str, Any]:
    """Quotes with speakers, and the outlets the article credits (contract fields)."""
    found = extract_attributions(article.id, article.text).as_dict()
    # Mentions and per-article actors feed the corpus registry; keys with "_" stay out of exports.
    return {
        "quotes": found["quotes"],
        "cited_sources": found["cited_sources"],
        "_mentions": found["mentions"],
        "_actors": found["actors"],
    }


@register("actors.v1", kind="corpus", after=("attribution.v1",))
def actors(articles: list[Article], store: Any) -> dict[str, Any]:
    """One actor registry for the corpus: canonical names, aliases, roles, where each appears."""
    stored = store.annotations("attribution.v1")
    per_article = [
        Attributions.from_dict(
            {
                "article": article.id,
                "quotes": stored[article.id]["quotes"],
                "cited_sources": stored[article.id]["cited_sources"],
                "mentions": stored[article.id]["_mentions"],
                "actors": stored[article.id]["_actors"],
            }
        )
        for article in articles
        if article.id in stored
    ]
    registry = build_registry(per_article)
    return {"actors": [actor.as_dict() for actor in registry.actors]}
