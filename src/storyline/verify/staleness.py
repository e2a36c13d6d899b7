"""Statements that were no longer true on the article's own date.

- ``stale_office``: a person named with an office whose term (from the profile) ended before
  the article's date.
- ``past_event_upcoming``: an event called "upcoming" / "next week" that the timeline (the
  corpus's own events, plus the profile's dated events) places well before the article's date.
- ``anachronism``: an earlier event presented as happening "now" / "this week", or a profile
  event named with no word that places it in the past.
- ``stale_fact``: a war's stated age that does not fit its start date and the article's date.

An event is named by its cue phrases, or by "the summit" / "that gathering" just after a sentence
that named it. An article's date is its publication date; an undated article is judged against
the latest of what its own text supports (a lower bound, said in every detail): the latest
absolute date it mentions, the date of the corpus event it reports, the latest profile event it
names as past or current. It is not judged at all when none of these exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Any

from .claims import Claim, sentences

PAST_MARGIN_DAYS = 3  # an "upcoming" event this close to the article's date may just be late news
CURRENT_MARGIN_DAYS = 30  # a "now" event older than this is not current
AGE_SLACK_MONTHS = 3
ANAPHOR_REACH = 2  # sentences after a named event in which "the summit" still means it
_UPCOMING = re.compile(r"\b(?:upcoming|forthcoming|next week|planned|scheduled|proposed|due to be held|"
                       r"will be held|is set to|are set to|aims? to)\b", re.I)
_CURRENT = re.compile(r"\b(?:this week|this weekend|today|right now|currently|at the same time|"
                      r"for the (?:very )?first time(?! since)|are now|is now|already)\b", re.I)
# Words that place a mention in the past: without any, a named event is told as current news.
_PAST = re.compile(r"\b(?:(?:19|20)\d\d|ago|last (?:year|month|week)|previously|earlier|at the time|back in|"
                   r"once|then|had|was|were|took place|held|did|since|former|history)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the|that|this)\s+(?:summit|gathering|meeting|talks|conference)\b", re.I)
_QUOTES = re.compile(r"[“”\"‘]")


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
    kind: str | None = None
    outdates: tuple[str, ...] = ()


def profile_timeline(profile: Any) -> list[TimelineEvent]:
    """The profile's dated events as timeline entries (none without a profile)."""
    if profile is None:
        return []
    return [TimelineEvent(e.label, e.date, e.date_end, e.cues, kind=e.kind, outdates=e.outdates)
            for e in profile.events]


def plain(text: str) -> str:
    """Lower case without quotation marks, so a cue matches 'may be “coming to an end”'."""
    return " ".join(_QUOTES.sub("", text.replace("’", "'")).split()).lower()


def named_events(sentence: str, events: list[TimelineEvent]) -> list[TimelineEvent]:
    """The profile events whose cue phrases occur in ``sentence``."""
    low = plain(sentence)
    return [e for e in events if any(plain(cue) in low for cue in e.cues)]


def article_day(published: str | None, expressions: list[dict[str, Any]], event_day: str | None = None,
                text: str = "", events: list[TimelineEvent] = ()) -> tuple[str | None, str, tuple[str, int, int] | None]:
    """The date to judge an article against, how it was known, and for an undated article the
    latest date its own text gives (value, start, end), against which it can contradict itself.

    Without a publication date every candidate is a lower bound: the article was written on or
    after each date its text mentions, the event it reports, and each event it tells as past.
    """
    if published:
        return published[:10], "published", None
    own = max(((e["value"][:10], e.get("start", 0), e.get("end", 0), e.get("text") or e["value"])
               for e in expressions if not e.get("relative") and e.get("value")), default=None)
    candidates = [(own[0], f'inferred from "{own[3]}" in its text')] if own else []
    if event_day:
        candidates.append((event_day[:10], "inferred from the date of the corpus event it reports"))
    for s, e in sentences(text):
        if not _UPCOMING.search(text[s:e]):
            candidates += [(ev.date, f"inferred from its mention of {ev.label}")
                           for ev in named_events(text[s:e], [ev for ev in events if ev.cues])]
    if not candidates:
        return None, "article has no publication date and its text supports no date", None
    day, how = max(candidates)
    return day, f"{how}, a lower bound", own[:3] if own else None


def days_between(a: str, b: str) -> int:
    """Days from ``b`` to ``a`` (ISO dates; negative when ``a`` is earlier)."""
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


def _matching(phrase: str, events: list[TimelineEvent], profile: Any) -> list[TimelineEvent]:
    """The events ``phrase`` names: by a cue phrase, or by the places and issues of the event's
    articles (read once for the phrase, however many events there are)."""
    found = named_events(phrase, events)
    by_place = [e for e in events if not e.cues and e.places]
    if profile is None or not by_place:
        return found
    low = phrase.lower()
    places = {p for p, pattern in _place_patterns(tuple(profile.places)) if pattern.search(low)}
    if not places:
        return found
    issues = {m.issue for m in profile.issues_in(phrase)}
    return found + [e for e in by_place if places <= e.places and (not issues or bool(issues & e.issues))]


@lru_cache(maxsize=8)
def _place_patterns(places: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((p, re.compile(rf"(?<!\w){re.escape(p.lower())}(?!\w)")) for p in places)


def _before(matching: list[TimelineEvent], day: str, margin: int) -> TimelineEvent | None:
    """The most recent event ending more than ``margin`` days before ``day``, unless one of them is
    that close or later (then the phrase may mean that one)."""
    if not matching or any(days_between(day, e.date_end or e.date) <= margin for e in matching):
        return None
    return max(matching, key=lambda e: e.date)


def timeline_anomalies(article_id: str, text: str, day: str, basis: str, own_event: str | None,
                       events: list[TimelineEvent], profile: Any) -> list[dict[str, Any]]:
    """``past_event_upcoming`` and ``anachronism`` in one article."""
    found = []
    events = [e for e in events if e.event_id is None or e.event_id != own_event]
    recent: tuple[int, list[TimelineEvent]] = (-ANAPHOR_REACH - 1, [])
    for i, (s, e) in enumerate(sentences(text)):
        s += len(text[s:e]) - len(text[s:e].lstrip())  # a span starts at the sentence's first word
        sentence = text[s:e]
        named = _matching(sentence, events, profile)
        referred = not named and i - recent[0] <= ANAPHOR_REACH and bool(_ANAPHOR.search(sentence))
        if referred:
            named = recent[1]
        if named:
            recent = (i, named)
        upcoming = _UPCOMING.search(sentence)
        if upcoming:
            # Only what follows the cue is called upcoming ("after X, the planned Y").
            later = named if referred else _matching(sentence[upcoming.start():], named, profile)
            event = _before(later, day, PAST_MARGIN_DAYS)
            if event:
                found.append({"article": article_id, "kind": "past_event_upcoming", "start": s + upcoming.start(),
                              "end": e, "detail": f"called upcoming, but {event.label} was on {event.date}; "
                                                 f"the article's date is {day} ({basis})"})
                continue
        event = _before(named, day, CURRENT_MARGIN_DAYS)
        if event is None:
            continue
        if _CURRENT.search(sentence):
            why = "presented as current"
        elif event.cues and not referred and not _PAST.search(sentence):
            why = "named with no word that places it in the past"
        else:
            continue
        found.append({"article": article_id, "kind": "anachronism", "start": s, "end": e,
                      "detail": f"{why}, but matches {event.label} of {event.date}; "
                                f"the article's date is {day} ({basis})"})
    return found


def stale_ages(claims: list[Claim], day: str, basis: str, war_start: str | None,
               own: tuple[str, int, int] | None = None) -> list[dict[str, Any]]:
    """A war's stated age against its start date (a profile fact) and the article's date.

    Against a lower-bound date only an age that is too small can be shown wrong. An age too small
    for the date an undated article gives itself (``own``: date, start, end) is also a contradiction
    inside the article.
    """
    if not war_start:
        return []
    found = []
    months = days_between(day, war_start) / 30.44
    exact = basis == "published"  # otherwise the day is a lower bound
    for claim in (c for c in claims if c.kind == "duration"):
        too_young = claim.value[1] + AGE_SLACK_MONTHS < months
        too_old = exact and months < claim.value[0] - AGE_SLACK_MONTHS
        if too_young or too_old:
            found.append({"article": claim.article, "kind": "stale_fact", "start": claim.start, "end": claim.end,
                          "detail": f"states the war's age as {claim.value[0] / 12:g}–{claim.value[1] / 12:g} years; "
                                    f"it began on {war_start}, so on {day} it was {months / 12:.1f} years old ({basis})"})
        if own and claim.value[1] + AGE_SLACK_MONTHS < days_between(own[0], war_start) / 30.44:
            found.append({"article": claim.article, "kind": "contradiction", "slot": "duration",
                          "detail": f"duration: the war's stated age does not fit the date the article gives itself, "
                                    f"{own[0]} or later (the war began on {war_start})", "start": claim.start,
                          "end": claim.end, "other": {"article": claim.article, "start": own[1], "end": own[2]}})
    return found
