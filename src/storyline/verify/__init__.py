"""What holds up: claims, their independent sources, contradictions, and stale statements."""

from .claims import Claim, extract_claims
from .contradictions import Context, slot_contradictions, stance_contradictions
from .corroboration import corroborate
from .staleness import article_day, profile_timeline
from .stage import pick_profile, verify_articles, verify_corpus

__all__ = [
    "Claim", "Context", "article_day", "corroborate", "extract_claims", "pick_profile", "profile_timeline",
    "slot_contradictions", "stance_contradictions", "verify_articles", "verify_corpus",
]
