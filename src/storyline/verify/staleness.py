"""Statements that were no longer true on the article's own date.

- ``stale_office``: a person named with an office whose term (from the profile) ended before
  the article's date.
- ``past_event_upcoming``: an event called "upcoming" / "next week" that the timeline (the
  corpus's own events, plus a dated timeline file) places well before the article's date.
- ``anachronism``: an earlier event presented as happening "now" / "this week".
- ``stale_fact``: a war's stated age that does not fit its start date and the article's date.

An article's date is its publication date; an undated article is judged against the latest
absolute date its own text mentions (a lower bound, said in every detail), and is not judged at
all when it mentions none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .claims import Claim, sentences

TIMELINES = Path(__file__).resolve().parent / "timelines"
PAST_MARGIN_DAYS = 3  # an "upcoming" event this close to the article's date may just be late news
CURRENT_MARGIN_DAYS = 30  # a "now" event older than this is not current
AGE_SLACK_MONTHS = 3
_UPCOMING = re.compile(r"\b(?:upcoming|forthcoming|next week|planned|scheduled|proposed|due to be held|"
                       r"will be held|is set to|are set to)\b", re.I)
_CURRENT = re.compile(r"\b(?:this week|this weekend|today|right now|currently|at the same time|"
                      r"for the (?:very )?first time|are now|is now)\b", re.I)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event and what names it: cue phrases, or the places and issues of its articles."""

    label: str
    date: str
    date_end: str | None = None
    cues: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    event_id: str | None = None


def load_timeline(profile_name: str | None, folder: Path = TIMELINES) -> tuple[list[TimelineEvent], dict[str, str]]:
    """Dated events and facts for a profile (``timelines/<profile>.yaml``); empty when none."""
    path = folder / f"{profile_name}.yaml"
    if not profile_name or not path.exists():
        return [], {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    events = [TimelineEvent(e["label"], str(e["date"]), str(e["date_end"]) if e.get("date_end") else None,
                            tuple(e.get("cues", ()))) for e in data.get("events") or ()]
    return events, {k: str(v) for k, v in (data.get("facts") or {}).items()}


def article_day(published: str | None, expressions: list[dict[str, Any]]) -> tuple[str | None, str]:
    """The date to judge an article against, and how it was known (or why there is none)."""
    if published:
        return published[:10], "published"
    absolute = [e["value"] for e in expressions if not e.get("relative") and e.get("value")]
    if absolute:
        return max(absolute), "latest date the undated text mentions (a lower bound)"
    return None, "article has no publication date and its text mentions no absolute date"


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days


def stale_offices(claims: list[Claim], day: str, basis: str, profile: Any) -> list[dict[str, Any]]:
    found = []
    for claim in claims:
        if claim.kind != "office" or claim.qualifier == "former":
            continue
        actor = profile.actor(claim.slot.split(":", 1)[1])
        offices = [o for o in actor.offices if o.title == claim.value] if actor else []
        if not offices or any(o.held_on(day) for o in offices):
            continue
        ended = [o for o in offices if o.end and o.end < day]
        if ended:
            last = max(ended, key=lambda o: o.end)
            found.append({"article": claim.article, "kind": "stale_office", "start": claim.start, "end": claim.end,
                          "detail": f"{actor.name} held the office of {last.title} ({last.of}) until {last.end}; "
                                    f"the article's date is {day} ({basis})"})
    return found


def _matches(phrase: str, event: TimelineEvent, profile: Any) -> bool:
    low = phrase.lower()
    if event.cues:
        return any(cue.lower() in low for cue in event.cues)
    if profile is None or not event.places:
        return False
    places = {p for p in profile.places if re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", low)}
    issues = {m.issue for m in profile.issues_in(phrase)}
    return bool(places) and places <= event.places and (not issues or bool(issues & event.issues))


def _before(events: list[TimelineEvent], phrase: str, day: str, own: str | None, profile: Any,
            margin: int) -> TimelineEvent | None:
    """The most recent matching event ending more than ``margin`` days before ``day``, unless a
    matching event is that close or later (then the phrase may mean that one)."""
    matching = [e for e in events if e.event_id is None or e.event_id != own]
    matching = [e for e in matching if _matches(phrase, e, profile)]
    if not matching or any(_days(day, e.date_end or e.date) <= margin for e in matching):
        return None
    return max(matching, key=lambda e: e.date)


def timeline_anomalies(article_id: str, text: str, day: str, basis: str, own_event: str | None,
                       events: list[TimelineEvent], profile: Any) -> list[dict[str, Any]]:
    """``past_event_upcoming`` and ``anachronism`` in one article."""
    found = []
    for s, e in sentences(text):
        sentence = text[s:e]
        upcoming = _UPCOMING.search(sentence)
        if upcoming:
            phrase = sentence[upcoming.start():]
            event = _before(events, phrase, day, own_event, profile, PAST_MARGIN_DAYS)
            if event:
                found.append({"article": article_id, "kind": "past_event_upcoming", "start": s + upcoming.start(),
                              "end": e, "detail": f"called upcoming, but {event.label} was on {event.date}; "
                                                 f"the article's date is {day} ({basis})"})
                continue
        current = _CURRENT.search(sentence)
        if current:
            event = _before(events, sentence, day, own_event, profile, CURRENT_MARGIN_DAYS)
            if event:
                found.append({"article": article_id, "kind": "anachronism", "start": s, "end": e,
                              "detail": f"presented as current, but matches {event.label} of {event.date}; "
                                        f"the article's date is {day} ({basis})"})
    return found


def stale_ages(claims: list[Claim], day: str, basis: str, war_start: str | None) -> list[dict[str, Any]]:
    """A war's stated age against its start date (a timeline fact) and the article's date.

    Against a lower-bound date only an age that is too small can be shown wrong.
    """
    if not war_start:
        return []
    found = []
    months = _days(day, war_start) / 30.44
    exact = basis == "published"
    for claim in (c for c in claims if c.kind == "duration"):
        too_young = claim.value[1] + AGE_SLACK_MONTHS < months
        too_old = exact and months < claim.value[0] - AGE_SLACK_MONTHS
        if too_young or too_old:
            found.append({"article": claim.article, "kind": "stale_fact", "start": claim.start, "end": claim.end,
                          "detail": f"states the war's age as {claim.value[0] / 12:g}–{claim.value[1] / 12:g} years; "
                                    f"it began on {war_start}, so on {day} it was {months / 12:.1f} years old ({basis})"})
    return found
