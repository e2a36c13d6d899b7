"""What holds up: claims, their independent sources, contradictions, and stale statements."""

from .claims import Claim, extract_claims
from .contradictions import Context, slot_contradictions, stance_contradictions
from .corroboration import corroborate
from .staleness import article_day, load_timeline
from .stage import pick_profile, verify_articles, verify_corpus

__all__ = [
    "Claim", "Context", "article_day", "corroborate", "extract_claims", "load_timeline", "pick_profile",
    "slot_contradictions", "stance_contradictions", "verify_articles", "verify_corpus",
]
