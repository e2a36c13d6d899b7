"""Contradictions: the same slot filled differently by two independent sources about one event.

Two claims are compared only when they come from different origins (a reprint never contradicts
its original) and their articles report the same event (the same ``events.v1`` group, or event
dates a day or two apart), because a count or a date legitimately changes between events.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from .claims import Claim

SAME_EVENT_DAYS = 2  # event dates this close are taken as one event
DURATION_DAYS = 60  # a war's age stated this close in time must agree
QUOTE_VARIANT = (60, 85)  # similarity of two wordings of one quote (above: the same wording)
_AT_LEAST = ("at least", "more than", "over", "some")
STANCE_REACH = 40  # characters before a quote that hold its cue verb
# The profile's precedence: a condition outweighs a refusal, which outweighs an opening.
_STANCE_ORDER = ("conditions", "rejects", "open_to", "accepts")
_STANCE_SIDES = {"conditions": None, "rejects": "against", "open_to": "for", "accepts": "for"}
_NEGATED = re.compile(r"\bnot\s+(?:an?\s+)?$")
_DEFINITE = re.compile(r"\b(?:the|that|this)\s+([a-z]{4,})\b")
ANTECEDENT_REACH = 1500  # characters back in which "the proposal" finds the sentence that introduced it


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


class Context:
    """What the comparison needs to know about each article: origin, event and date."""

    def __init__(self, root: dict[str, str], event: dict[str, str | None], day: dict[str, str | None]) -> None:
        self.root, self.event, self.day = root, event, day

    def origin(self, article: str) -> str:
        return self.root.get(article, article)

    def same_event(self, a: str, b: str) -> bool:
        if self.event.get(a) and self.event.get(a) == self.event.get(b):
            return True
        apart = _days_apart(self.day.get(a), self.day.get(b))
        return apart is not None and apart <= SAME_EVENT_DAYS


def _family(slot: str) -> tuple[str, str | None]:
    """"prisoner_count:Korvath" → ("prisoner_count", "Korvath"); a sideless count compares with any side."""
    kind, _, side = slot.partition(":")
    return (kind, side or None) if kind.endswith("_count") else (slot, None)


def _conflict(a: Claim, b: Claim) -> str | None:
    """Why two claims of one slot family cannot both be true, or None."""
    if a.kind == "count":
        low, high = sorted((a, b), key=lambda c: c.value)
        if low.value == high.value or (low.qualifier or "").lower() in _AT_LEAST:
            return None
        return f"{a.value} against {b.value}"
    if a.kind == "duration":
        if a.value[0] < b.value[1] and b.value[0] < a.value[1]:
            return None
        return f"{_months(a.value)} against {_months(b.value)}"
    if a.kind == "quote":
        # Reported speech is paraphrase by nature: only two direct renderings can disagree in wording.
        if a.qualifier != "direct" or b.qualifier != "direct":
            return None
        score = fuzz.ratio(a.value, b.value)
        if QUOTE_VARIANT[0] <= score < QUOTE_VARIANT[1] and fuzz.token_set_ratio(a.value, b.value) < 100:
            return f"two wordings of one quote (similarity {score:.0f}%)"
        return None
    if a.kind in ("date", "length"):
        return None if a.value == b.value else f"{a.value} against {b.value}"
    return None


def _months(interval: tuple[float, float]) -> str:
    return f"{interval[0] / 12:g}–{interval[1] / 12:g} years"


def _anomaly(a: Claim, b: Claim, slot: str, why: str) -> dict[str, Any]:
    return {"article": a.article, "kind": "contradiction", "slot": slot,
            "detail": f"{slot}: {why} (\"{a.text}\" / \"{b.text}\")",
            "start": a.start, "end": a.end, "other": {"article": b.article, "start": b.start, "end": b.end}}


def slot_contradictions(claims: list[Claim], ctx: Context) -> list[dict[str, Any]]:
    """Numbers, durations, dates, lengths and quote wordings that disagree across sources."""
    families: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != "office":
            families[_family(claim.slot)[0]].append(claim)
    found, seen = [], set()
    for family, members in families.items():
        # Identical (origin, value) pairs say nothing new: compare one of each, the original first.
        chosen: dict[tuple[str, str, str], Claim] = {}
        for c in sorted(members, key=lambda c: ctx.origin(c.article) != c.article):
            chosen.setdefault((ctx.origin(c.article), c.slot, str(c.value)), c)
        unique = list(chosen.values())
        for i, a in enumerate(unique):
            for b in unique[i + 1:]:
                if ctx.origin(a.article) == ctx.origin(b.article):
                    continue
                sides = {_family(a.slot)[1], _family(b.slot)[1]} - {None}
                if len(sides) > 1:
                    continue
                if a.kind == "duration":
                    apart = _days_apart(ctx.day.get(a.article), ctx.day.get(b.article))
                    if apart is None or apart > DURATION_DAYS:
                        continue
                elif not ctx.same_event(a.article, b.article):
                    continue
                why = _conflict(a, b)
                key = (ctx.origin(a.article), ctx.origin(b.article), family, str(a.value), str(b.value))
                if why and key not in seen:
                    seen.add(key)
                    found.append(_anomaly(a, b, family, why))
    return found


def stance_contradictions(quotes: list[dict[str, Any]], texts: dict[str, str], ctx: Context,
                          profile: Any) -> list[dict[str, Any]]:
    """Opposite stances (rejects vs open to / accepts) attributed to one speaker about one issue of one event.

    A quote's stance is read from the profile's stance cues just before it, its issues from the
    profile's issue cues in its sentence: "pointless" about a summit and "ready for talks" about a
    plan are two subjects, not a contradiction.
    """
    read = []
    for quote in quotes:
        if not quote.get("speaker"):
            continue
        # The cue verb sits just before the quote ("dismissed the offer as ..."); wider context
        # would pick up other people's words.
        text = texts[quote["article"]]
        side = _stance_side(text[max(0, quote["start"] - STANCE_REACH):quote["end"]].lower(), profile.stances)
        issues = _quote_issues(text, quote["start"], quote["end"], profile)
        if side and issues:
            read.append((quote, side, issues))
    found, seen = [], set()
    for i, (qa, sa, ia) in enumerate(read):
        for qb, sb, ib in read[i + 1:]:
            if (qa["speaker"] == qb["speaker"] and sa != sb and ia & ib
                    and ctx.origin(qa["article"]) != ctx.origin(qb["article"])
                    and ctx.same_event(qa["article"], qb["article"])
                    and (qa["article"], qb["article"], qa["speaker"]) not in seen):
                seen.add((qa["article"], qb["article"], qa["speaker"]))
                a = Claim(qa["article"], "stance", sa, qa["text"], qa["start"], qa["end"], "quote")
                b = Claim(qb["article"], "stance", sb, qb["text"], qb["start"], qb["end"], "quote")
                issue = ", ".join(sorted(ia & ib))
                found.append(_anomaly(a, b, "stance", f"{qa['speaker']} reported {sa} and {sb} on {issue} at one event"))
    return found


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` begins."""
    return max(text.rfind(stop, 0, at) for stop in (". ", "! ", "? ", "\n")) + 1


def _quote_issues(text: str, start: int, end: int, profile: Any) -> set[str]:
    """The issues a quote is about: those its sentence names, else those of the sentence that
    introduced the thing it calls "the proposal" / "that gathering" (none when nothing did)."""
    begin = _sentence_start(text, start)
    issues = {m.issue for m in profile.issues_in(text[begin:end])}
    refs = _DEFINITE.findall(text[begin:start])
    if issues or not refs:
        return issues
    noun = re.compile(rf"\b{re.escape(refs[-1])}\b", re.I)
    at = begin
    while at > max(0, begin - ANTECEDENT_REACH):
        previous = _sentence_start(text, at - 2)
        if noun.search(text[previous:at]):
            return {m.issue for m in profile.issues_in(text[previous:at])}
        at = previous
    return set()


def _stance_side(passage: str, stances: dict[str, tuple[str, ...]]) -> str | None:
    """"for" or "against" from the profile's cues; a conditional or negated cue takes no side."""
    for stance in _STANCE_ORDER:
        for cue in stances.get(stance, ()):
            for m in re.finditer(rf"(?<!\w){re.escape(cue.lower())}(?!\w)", passage):
                if not _NEGATED.search(passage[:m.start()]):
                    return _STANCE_SIDES[stance]
    return None
