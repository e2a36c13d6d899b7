"""Who wants what: each actor's stance on each negotiation issue, by date, with its evidence.

Stances come from two places:

- **quotes** (direct, partial, indirect): a sentence of what the speaker said that names an issue
  (the profile's cue terms) and a stance cue; when several stance cues match, the first stance in
  ``PRECEDENCE`` wins ("ready to talk if ..." is ``conditions``, not ``open_to``). A condition set
  by a time clause ("would consider more exchanges when Ostrova does the same") is ``conditions``
  too. A partial quote is a fragment of the reporter's sentence ("described the proposal as a
  'starting point'"): its stance is read in the fragment, its issue in the whole sentence;
- **stated positions**: a sentence about an actor's position, demands, conditions or red lines
  ("Zelenskyy's position remains unchanged: no talks without a ceasefire"), read like a quote;
- **coded actions**: REJECT is ``rejects``, REQUEST ``demands``, AGREE / SUPPORT / CONCEDE and a
  consultation that happened ``accepts``, a consultation offered or considered ``open_to``; the
  issue is the cue nearest after the verb in the sentence, else the nearest before it, else (for
  "rejects such demands", "dismissed those claims") the last one of the sentence before.

``shifts`` lists every change of an actor's stance on an issue between two dates, with both ends.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .actions import Action
from .profile import Profile
from .records import Article, Evidence, Quote

PRECEDENCE = ("conditions", "rejects", "demands", "open_to", "accepts")
_ACTION_STANCE = {"REJECT": "rejects", "REQUEST": "demands", "AGREE": "accepts", "SUPPORT": "accepts",
                  "CONCEDE": "accepts", "CONSULT": "accepts"}
# "whether Moscow accepts", "if Kyiv agrees": the act is the question, not the stance.
_OPEN_QUESTION = re.compile(r"\b(?:whether|if)\s+(?:\S+\s+){0,4}$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")
# "when Ostrova does the same", "once Moscow stops the shelling": a condition put as a time clause.
_WHEN_CONDITION = re.compile(r"\b(?:when|once|until)\s+(?:the\s+)?[A-Z][\w-]+\s+(?:\w+ly\s+)?(?:does|do|is|are|has|have|"
                             r"[a-z]+s)\b")
# "Zelenskyy's position remains ...", "Putin repeated his familiar preconditions for ...", "Ukraine
# ... its own peace formula, which demands ...": a sentence stating a position, and whose it is (the
# name before "'s", or for "his"/"its" the first name of the sentence).
_STATED = re.compile(r"(?P<owner>’s|'s|\b(?:his|her|its|their))\s+(?:[\w,-]+\s+){0,6}?(?:position|positions|stance|"
                     r"line|red lines?|demands|conditions|preconditions|terms|formula|peace plan)\b")
# Words that point back to what the sentence before named ("rejects such demands", "signed the text").
_ANAPHORIC = re.compile(r"\b(?:such|those|these|this)\b|\bthe\s+(?:[\w-]+\s+){0,2}?(?:text|document|accord|deal|agreement|"
                        r"paper|draft|plan|proposal|offer|treaty|protocol|framework|memorandum|declaration)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Position:
    actor: str
    issue: str
    stance: str
    date: str | None
    evidence: tuple[Evidence, ...] = ()
    via: str = "quote"  # "quote" | "stated" (a sentence on the actor's position) | "action"

    def as_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "issue": self.issue, "stance": self.stance, "date": self.date,
                "evidence": [e.as_dict() for e in self.evidence], "via": self.via}


@dataclass(frozen=True)
class Shift:
    """An actor's stance on an issue changed: ``before`` and ``after`` carry the evidence."""

    actor: str
    issue: str
    before: Position
    after: Position

    def as_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "issue": self.issue, "from": self.before.stance, "to": self.after.stance,
                "before": self.before.as_dict(), "after": self.after.as_dict()}


@dataclass
class ArticleFindings:
    """One article with what the attribution and action stages found in it."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    actions: tuple[Action, ...] = field(default_factory=tuple)


def stance_of(text: str, profile: Profile) -> str | None:
    """The stance a piece of speech takes, by the profile's stance cues (first in ``PRECEDENCE``)."""
    low = text.lower()
    for stance in PRECEDENCE:
        if stance == "conditions" and _WHEN_CONDITION.search(text):
            return stance
        for cue in profile.stances.get(stance, ()):
            if re.search(rf"(?<![\w-]){re.escape(cue.lower())}(?![\w-])", low):
                return stance
    return None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``[start, end)``, as offsets."""
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return lo, (min(stops) + 1 if stops else len(text))


def _from_quote(art: Article, quote: Quote, profile: Profile) -> list[Position]:
    if not quote.speaker:
        return []
    actor = profile.actor_for(quote.speaker, art.published)
    name = actor.name if actor else quote.speaker
    out = []
    if quote.kind == "partial":
        stance = stance_of(quote.text, profile)
        lo, hi = _sentence_around(art.text, quote.start, quote.end)
        around = art.text[lo:hi]
        issues = [] if stance is None else dict.fromkeys(i.issue for i in profile.issues_in(around))
        return [Position(name, issue, stance, art.published, (Evidence(art.id, lo, hi),), "quote") for issue in issues]
    for m in _SENTENCE.finditer(quote.text):
        piece = m.group(0)
        stance = stance_of(piece, profile)
        if stance is None:
            continue
        start = quote.start + m.start()
        for issue in dict.fromkeys(i.issue for i in profile.issues_in(piece)):
            out.append(Position(name, issue, stance, art.published,
                                (Evidence(art.id, start, start + len(piece.rstrip())),), "quote"))
    return out


def _stated(art: Article, profile: Profile) -> list[Position]:
    """Positions the article states as an actor's ("Zelenskyy's position remains unchanged: no talks ...")."""
    out = []
    for m in _SENTENCE.finditer(art.text):
        piece = m.group(0)
        said = _STATED.search(piece)
        if said is None:
            continue
        names = profile.names_in(piece)
        if said.group("owner") in ("’s", "'s"):
            owner = [n for n in names if n.end == said.start()]
        else:
            owner = [n for n in names if n.start < said.start()][:1]
        stance = stance_of(piece[said.start():], profile)  # "preconditions for", "demands that"
        if not owner or stance is None:
            continue
        actor = owner[0].actor
        for issue in dict.fromkeys(i.issue for i in profile.issues_in(piece[said.end():])):
            out.append(Position(actor.name, issue, stance, art.published,
                                (Evidence(art.id, m.start(), m.start() + len(piece.rstrip())),), "stated"))
    return out


def _from_action(art: Article, action: Action, profile: Profile) -> list[Position]:
    stance = _ACTION_STANCE.get(action.type)
    if stance is None:
        return []
    if action.type == "CONSULT" and not action.target_actor and action.modality in (None, "asserted"):
        return []  # talks held with no one named say nothing of a stance on talks with the other side
    if action.type == "CONSULT" and action.modality in ("intent", "conditional", "future"):
        stance = "open_to"
    sentence = art.text[action.start:action.end]
    verb = max(action.verb_start - action.start, 0)
    if _OPEN_QUESTION.search(sentence[:verb]):
        return []  # "the test is whether Moscow accepts ...": asked, not done
    hits = profile.issues_in(sentence)
    after = [h for h in hits if h.start >= verb]
    before = [h for h in hits if h.start < verb]
    hit = after[0] if after else (before[-1] if before else None)
    if hit is None and _ANAPHORIC.search(sentence[verb:]):
        # "Russia rejects such demands": what is rejected was named in the sentence before.
        head = art.text[:action.start].rstrip()
        lo = max(head.rfind("\n", 0, len(head) - 1), head.rfind(". ", 0, len(head) - 1) + 1, 0)
        previous = profile.issues_in(art.text[lo:action.start])
        hit = previous[-1] if previous else None
    if hit is None:
        return []
    return [Position(action.source_actor, hit.issue, stance, action.date,
                     (Evidence(art.id, action.start, action.end),), "action")]


def positions(items: Iterable[ArticleFindings], profile: Profile) -> list[Position]:
    """Every stance the articles show, one per (actor, issue, stance, date), evidence merged."""
    merged: dict[tuple, list] = {}
    for item in items:
        found = [p for q in item.quotes for p in _from_quote(item.article, q, profile)]
        found += _stated(item.article, profile)
        found += [p for a in item.actions for p in _from_action(item.article, a, profile)]
        for p in found:
            key = (p.actor, p.issue, p.stance, p.date)
            merged.setdefault(key, [p, []])[1].extend(p.evidence)
    out = [Position(p.actor, p.issue, p.stance, p.date, tuple(dict.fromkeys(ev)), p.via) for p, ev in merged.values()]
    return sorted(out, key=lambda p: (p.actor, p.issue, p.date or "", PRECEDENCE.index(p.stance)))


def matrix(found: Iterable[Position], start: str | None = None, end: str | None = None) -> dict[str, dict[str, Position]]:
    """Actor x issue: the latest stance dated within ``[start, end]`` (most frequent that day)."""
    cells: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in found:
        if p.date is None or (start and p.date < start) or (end and p.date > end):
            continue
        cells[(p.actor, p.issue)].append(p)
    out: dict[str, dict[str, Position]] = defaultdict(dict)
    for (actor, issue), ps in cells.items():
        last = max(p.date for p in ps)
        out[actor][issue] = prevailing([p for p in ps if p.date == last])
    return dict(out)


def prevailing(ps: list[Position]) -> Position:
    """The position most of ``ps`` take; a tie goes to the first stance in ``PRECEDENCE``."""
    counts = Counter(p.stance for p in ps)
    best = max(counts.values())
    stance = next(s for s in PRECEDENCE if counts.get(s) == best)
    return next(p for p in ps if p.stance == stance)


def _hard_line(a: Position, b: Position) -> bool:
    """Rejecting and demanding on one issue are the same hard line, not a change: what one side
    rejects is the other's demand ("could never accept a deal giving up Donbas", then "demands
    Russia's full withdrawal")."""
    return {a.stance, b.stance} == {"rejects", "demands"}


def shifts(found: Iterable[Position]) -> list[Shift]:
    """Each change of an actor's stance on an issue from one date to a later one, with both ends."""
    by_cell: dict[tuple[str, str], dict[str, list[Position]]] = defaultdict(lambda: defaultdict(list))
    for p in found:
        if p.date is not None:
            by_cell[(p.actor, p.issue)][p.date].append(p)
    out = []
    for (actor, issue), days in sorted(by_cell.items()):
        previous = None
        for day in sorted(days):
            current = prevailing(days[day])
            if previous is not None and current.stance != previous.stance and not _hard_line(previous, current):
                out.append(Shift(actor, issue, previous, current))
            previous = current
    return out
