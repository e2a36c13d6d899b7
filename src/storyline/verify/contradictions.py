"""Contradictions: the same slot filled differently by two independent sources about one event.

Claims of one slot are first grouped by value (the same number, the same wording of a quote),
so a contradiction is between two groups: it names one pair of spans (``start``/``end`` and
``other``) and lists every further span that carries either value (``evidence``, each with its
``side``). Two claims are compared only when they come from different origins (a reprint never
contradicts its original) and their articles report the same event (the same ``events.v1``
group, or event dates a day or two apart), because a count or a date legitimately changes
between events.

A war's age is compared after counting it back from each article's own date to the start it
implies ("nearly three years old" on 2025-11-28: it began between 2022-11 and 2023-05), beside
the starts stated outright ("the war began in August 2024"); claims that miss the start most
sources agree on contradict those sources, whatever their dates.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from .claims import Claim
from .corroboration import same_value

SAME_EVENT_DAYS = 2  # event dates this close are taken as one event
START_SLACK_DAYS = 7  # an article written a few days after the event it reports
QUOTE_VARIANT = 60  # similarity at which two wordings are one quote told two ways (below: two quotes)
_AT_LEAST = ("at least", "more than", "over", "some")
_MONTH_DAYS = 30.44
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
    """What the comparison needs to know about each article: origin, event and date.

    ``written`` maps an article to the day it was written and whether that day is exact (its
    publication date) or a lower bound (inferred from what it reports); without it the event day
    stands in, as a lower bound.
    """

    def __init__(self, root: dict[str, str], event: dict[str, str | None], day: dict[str, str | None],
                 written: dict[str, tuple[str, bool]] | None = None) -> None:
        self.root, self.event, self.day = root, event, day
        self._indexed: dict[int, tuple[list[Claim], dict[str, dict[Any, list[int]]]]] = {}
        self.written = written if written is not None else {a: (d, False) for a, d in day.items() if d}

    def origin(self, article: str) -> str:
        return self.root.get(article, article)

    def index(self, claims: list[Claim]) -> dict[str, dict[Any, list[int]]]:
        """Positions in ``claims`` by event and by day (cached per list)."""
        key = id(claims)
        if self._indexed.get(key, (None,))[0] is not claims:
            by: dict[str, dict[Any, list[int]]] = {"event": defaultdict(list), "day": defaultdict(list)}
            for i, c in enumerate(claims):
                if self.event.get(c.article):
                    by["event"][self.event[c.article]].append(i)
                if self.day.get(c.article):
                    by["day"][date.fromisoformat(self.day[c.article][:10])].append(i)
            self._indexed[key] = (claims, by)
        return self._indexed[key][1]

    def same_event(self, a: str, b: str) -> bool:
        if self.event.get(a) and self.event.get(a) == self.event.get(b):
            return True
        apart = _days_apart(self.day.get(a), self.day.get(b))
        return apart is not None and apart <= SAME_EVENT_DAYS


def _family(slot: str) -> tuple[str, str | None]:
    """"prisoner_count:Korvath" → ("prisoner_count", "Korvath"); a sideless count compares with any side.
    A war's stated age and its stated start are one family: both say when it began."""
    kind, _, side = slot.partition(":")
    if slot in ("duration:war", "start:war"):
        return "war_start", None
    return (kind, side or None) if kind.endswith("_count") else (slot, None)


def _conflict(a: Claim, b: Claim) -> str | None:
    """Why two claims of one slot family cannot both be true, or None."""
    if a.kind == "count":
        low, high = sorted((a, b), key=lambda c: c.value)
        if low.value == high.value or (low.qualifier or "").lower() in _AT_LEAST:
            return None
        return f"{a.value} against {b.value}"
    if a.kind == "quote":
        # Reported speech is paraphrase by nature: only two direct renderings can disagree in wording,
        # and only in their words (punctuation and marks are the outlet's house style).
        if a.qualifier != "direct" or b.qualifier != "direct" or same_value(a, b):
            return None
        score = fuzz.ratio(a.value, b.value)
        if score >= QUOTE_VARIANT:
            return f"two wordings of one quote (similarity {score:.0f}%)"
        return None
    if a.kind in ("date", "length", "host", "place"):
        return None if a.value == b.value else f"{a.value} against {b.value}"
    return None


def _anomaly(a: Claim, b: Claim, slot: str, why: str, more: list[tuple[str, Claim]] = ()) -> dict[str, Any]:
    found = {"article": a.article, "kind": "contradiction", "slot": slot,
             "detail": f"{slot}: {why} (\"{a.text}\" / \"{b.text}\")",
             "start": a.start, "end": a.end, "other": {"article": b.article, "start": b.start, "end": b.end}}
    if more:
        found["evidence"] = [{"article": c.article, "start": c.start, "end": c.end, "side": side} for side, c in more]
    return found


def _copy_key(claim: Claim, ctx: Context) -> tuple[str, str, str]:
    """Claims with one key are one origin saying one thing again."""
    return ctx.origin(claim.article), claim.slot, str(claim.value)


def _groups(members: list[Claim], ctx: Context) -> list[tuple[list[Claim], list[Claim]]]:
    """Claims grouped by value: (one representative per origin, every member). Identical
    (origin, value) pairs say nothing new, so only the representatives, originals first, are compared."""
    groups: list[tuple[list[Claim], list[Claim]]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for c in sorted(members, key=lambda c: (ctx.origin(c.article) != c.article, c.article, c.start)):
        key = _copy_key(c, ctx)
        if key in seen:
            groups[seen[key]][1].append(c)
            continue
        side = _family(c.slot)[1]
        for i, (reps, every) in enumerate(groups):
            if _family(reps[0].slot)[1] == side and same_value(reps[0], c):
                break
        else:
            groups.append(([], []))
            i = len(groups) - 1
        seen[key] = i
        groups[i][0].append(c)
        groups[i][1].append(c)
    return groups


def _pair(ga: tuple[list[Claim], list[Claim]], gb: tuple[list[Claim], list[Claim]],
          ctx: Context) -> tuple[Claim, Claim, str] | None:
    """The first pair of representatives, from different origins about one event, that disagree."""
    for a in ga[0]:
        for b in _about_same_event(a, gb[0], ctx):
            if ctx.origin(a.article) == ctx.origin(b.article):
                continue
            sides = {_family(a.slot)[1], _family(b.slot)[1]} - {None}
            why = _conflict(a, b) if len(sides) <= 1 else None
            if why:
                return a, b, why
    return None


def _about_same_event(a: Claim, others: list[Claim], ctx: Context) -> list[Claim]:
    """The claims among ``others`` whose articles report ``a``'s event, looked up by event and day
    rather than tried one by one, so a thousand articles do not make a million comparisons."""
    index = ctx.index(others)
    hits = set(index["event"].get(ctx.event.get(a.article), ())) if ctx.event.get(a.article) else set()
    day = ctx.day.get(a.article)
    if day:
        around = date.fromisoformat(day[:10])
        for shift in range(-SAME_EVENT_DAYS, SAME_EVENT_DAYS + 1):
            hits.update(index["day"].get(around + timedelta(days=shift), ()))
    return [others[i] for i in sorted(hits)]


def _value_contradictions(family: str, members: list[Claim], ctx: Context) -> list[dict[str, Any]]:
    groups = _groups(members, ctx)
    found = []
    for i, ga in enumerate(groups):
        for gb in groups[i + 1:]:
            pair = _pair(ga, gb, ctx)
            if pair is None:
                continue
            a, b, why = pair
            # The further spans are those about the same event as the pair.
            more = [("a", c) for c in ga[1] if c is not a and ctx.same_event(c.article, a.article)]
            more += [("b", c) for c in gb[1] if c is not b and ctx.same_event(c.article, b.article)]
            found.append(_anomaly(a, b, family, why, more))
    return found


def _started(claim: Claim, ctx: Context) -> tuple[date, date] | None:
    """The earliest and latest start of the war this claim allows. A stated age is counted back
    from the article's date; from a lower-bound date only the earliest start is known."""
    if claim.kind == "start":
        return date.fromisoformat(claim.value[0]), date.fromisoformat(claim.value[1])
    day, exact = ctx.written.get(claim.article) or (None, False)
    if not day:
        return None
    written = date.fromisoformat(day[:10])
    earliest = written - timedelta(days=round(claim.value[1] * _MONTH_DAYS))
    return earliest, written - timedelta(days=round(claim.value[0] * _MONTH_DAYS)) if exact else date.max


def _fits(a: tuple[date, date], b: tuple[date, date]) -> bool:
    slack = timedelta(days=START_SLACK_DAYS)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _show(span: tuple[date, date]) -> str:
    return f"{span[0]}–{'?' if span[1] == date.max else span[1]}"


def _start_contradictions(members: list[Claim], ctx: Context) -> list[dict[str, Any]]:
    """Claims that put a war's start outside the range most origins agree on (stated starts
    first; without any, the implied starts), each set of them against the agreeing claims."""
    copies: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in members:
        copies[_copy_key(c, ctx)].append(c)
    # One entry per distinct range, with the claims (one per origin and value) that give it.
    ranges: dict[tuple[date, date], list[Claim]] = defaultdict(list)
    for same in copies.values():
        if (span := _started(same[0], ctx)) is not None:
            ranges[span].append(same[0])
    stated = {span: claims for span, claims in ranges.items() if any(c.kind == "start" for c in claims)}
    candidates = stated or ranges
    if not candidates:
        return []
    origins = {span: {ctx.origin(c.article) for c in claims} for span, claims in candidates.items()}

    def support(span: tuple[date, date]) -> int:
        return len(set().union(*(o for other, o in origins.items() if _fits(other, span))))

    # The range most origins among the candidates fit, the narrowest of those ("February 2022" over "2022").
    anchor = max(candidates, key=lambda span: (support(span), span[0] - span[1]))
    agree = [c for span, claims in ranges.items() if _fits(span, anchor) for c in claims]
    groups: list[list[tuple[date, date]]] = []
    for span in (x for x in ranges if not _fits(x, anchor)):
        home = next((g for g in groups if any(_fits(span, other) for other in g)), None)
        if home is None:
            groups.append([span])
        else:
            home.append(span)
    found = []
    for group in groups:
        against = [c for span in group for c in ranges[span]]
        pair = _closest(against, agree, ctx)
        if pair is None:
            continue
        a, b = pair
        why = f"the war's start put at {_show(_started(a, ctx))} against {_show(_started(b, ctx))}"
        more = [("a", c) for x in against for c in copies[_copy_key(x, ctx)] if c is not a]
        more += [("b", c) for x in agree for c in copies[_copy_key(x, ctx)] if c is not b]
        found.append(_anomaly(a, b, "war_start", why, more))
    return found


def _closest(against: list[Claim], agree: list[Claim], ctx: Context, reach: int = 8) -> tuple[Claim, Claim] | None:
    """The pair of claims from different origins closest in time (the same kind first): it tells
    the reader most plainly that the two cannot both hold. Only the ``reach`` nearest in time to
    each claim are tried."""
    def day(c: Claim) -> int:
        known = ctx.day.get(c.article)
        return date.fromisoformat(known[:10]).toordinal() if known else 10 ** 7

    ordered = sorted(agree, key=day)
    days = [day(c) for c in ordered]
    best: tuple[tuple[int, bool], Claim, Claim] | None = None
    for a in against:
        at = bisect_left(days, day(a))
        for b in ordered[max(0, at - reach):at + reach]:
            if ctx.origin(a.article) != ctx.origin(b.article):
                key = (abs(day(a) - day(b)), a.kind != b.kind)
                if best is None or key < best[0]:
                    best = (key, a, b)
    if best is None:  # the nearest all share an origin: try every pair
        pairs = [((abs(day(a) - day(b)), a.kind != b.kind), a, b) for a in against for b in agree
                 if ctx.origin(a.article) != ctx.origin(b.article)]
        best = min(pairs, key=lambda p: p[0]) if pairs else None
    return (best[1], best[2]) if best else None


def slot_contradictions(claims: list[Claim], ctx: Context) -> list[dict[str, Any]]:
    """Numbers, a war's age and start, dates, lengths and quote wordings that disagree across sources."""
    families: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != "office":
            families[_family(claim.slot)[0]].append(claim)
    found = []
    for family, members in families.items():
        if family == "war_start":
            found += _start_contradictions(members, ctx)
        else:
            found += _value_contradictions(family, members, ctx)
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
