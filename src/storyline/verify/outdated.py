"""Statements that later events in the profile's dated list made untrue (``stale_fact``).

- "the first talks since X": the profile lists a later event of X's kind before the article's date.
- "remains unchanged: no talks without a ceasefire": a state of affairs a dated event ended
  (the event's ``outdates`` phrases), still told as current.
"""

from __future__ import annotations

import re
from typing import Any

from .claims import sentences
from .staleness import PAST_MARGIN_DAYS, TimelineEvent, days_between, named_events, plain

_FIRST_SINCE = re.compile(r"\bfirst\b.{0,120}?\bsince\b", re.I | re.S)
_STILL = re.compile(r"\b(?:remains?|still|unchanged|continues? to|as ever)\b", re.I)


def _later(event: TimelineEvent, events: list[TimelineEvent], day: str) -> TimelineEvent | None:
    """The first event of ``event``'s kind after it, over before ``day``."""
    after = [e for e in events if event.kind and e.kind == event.kind and e.date > event.date
             and days_between(day, e.date_end or e.date) > PAST_MARGIN_DAYS]
    return min(after, key=lambda e: e.date) if after else None


def outdated_statements(article_id: str, text: str, day: str, basis: str,
                        events: list[TimelineEvent]) -> list[dict[str, Any]]:
    """``stale_fact`` items; a "first since" one names the event that outdated it (``refuted_by``)."""
    found = []
    for s, e in sentences(text):
        s += len(text[s:e]) - len(text[s:e].lstrip())  # a span starts at the sentence's first word
        sentence = text[s:e]
        since = _FIRST_SINCE.search(sentence)
        if since:
            for event in named_events(sentence[since.end():], events):
                later = _later(event, events, day)
                if later:
                    found.append({"article": article_id, "kind": "stale_fact", "start": s, "end": e, "refuted_by": later,
                                  "detail": f"presents {event.label} ({event.date}) as the last of its kind, but "
                                            f"{later.label} followed on {later.date}; the article's date is {day} ({basis})"})
                    break
        if not _STILL.search(sentence):
            continue
        low = plain(sentence)
        for event in events:
            if days_between(day, event.date_end or event.date) > PAST_MARGIN_DAYS and any(plain(o) in low for o in event.outdates):
                found.append({"article": article_id, "kind": "stale_fact", "start": s, "end": e,
                              "detail": f"told as still true, but {event.label} on {event.date} ended it; "
                                        f"the article's date is {day} ({basis})"})
                break
    return found


def mention(text: str, event: TimelineEvent) -> tuple[int, int] | None:
    """The span of the first cue phrase naming ``event`` in ``text``."""
    for cue in event.cues:
        m = re.search(r"\s+".join(re.escape(w) for w in cue.split()), text, re.I)
        if m:
            return m.start(), m.end()
    return None
