"""Group the same claim across articles and count the independent sources behind it.

Independence is counted by *origin*: every reprint collapses to the article it copies, a claim
credited to a named source ("according to Orbis Wire") belongs to that source however many
articles repeat it, and an article that credits another article's outlet joins that article's
origin. Two articles that say the same thing from one origin are one source, not two.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from .claims import Claim

EVENT_BOUND = ("count", "length", "date", "place")  # kinds of claim that hold for one event only


def source_key(name: str) -> str:
    """A credited source's name for comparison: "The Calloway Press Agency" → "calloway press"."""
    key = re.sub(r"[^\w\s]", "", name.lower()).strip()
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"\s+(agency|news agency|news|wire service)$", "", key)


def same_value(a: Claim, b: Claim) -> bool:
    """Whether two claims of one slot assert the same thing."""
    if a.kind == "quote":
        # One wording, or a shorter excerpt of it: "must keep" for "have to keep" is another wording.
        return a.value == b.value or fuzz.token_set_ratio(a.value, b.value) == 100
    if a.kind == "duration":
        return a.value[0] < b.value[1] and b.value[0] < a.value[1]
    if a.kind == "start":
        return a.value[0] <= b.value[1] and b.value[0] <= a.value[1]
    return a.value == b.value


def group(claims: list[Claim], event_of: Mapping[str, str | None] | None = None) -> list[list[Claim]]:
    """Claims clustered by slot and matching value (identical values are compared once).

    A count, a length or a date belongs to the event its article reports (``event_of``): a 30-day
    ceasefire demanded in April and another offered in May are two claims, not one twice told.
    """
    event_of = event_of or {}
    by_slot: dict[tuple[str, str | None], dict[Any, list[Claim]]] = defaultdict(dict)
    for claim in claims:
        event = event_of.get(claim.article) if claim.kind in EVENT_BOUND else None
        by_slot[(claim.slot, event)].setdefault(claim.value, []).append(claim)
    groups: list[list[Claim]] = []
    for values in by_slot.values():
        buckets = list(values.values())
        parent = list(range(len(buckets)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(buckets)):
            for j in range(i + 1, len(buckets)):
                if find(i) != find(j) and same_value(buckets[i][0], buckets[j][0]):
                    parent[find(j)] = find(i)
        merged: dict[int, list[Claim]] = defaultdict(list)
        for i, bucket in enumerate(buckets):
            merged[find(i)].extend(bucket)
        groups.extend(merged.values())
    return groups


def origins(members: list[Claim], root: dict[str, str], outlet: dict[str, str | None]) -> set[str]:
    """The distinct origins behind one group of claims (see the module docstring)."""
    outlet_root = {source_key(outlet[c.article]): root.get(c.article, c.article)
                   for c in members if outlet.get(c.article)}
    found = set()
    for claim in members:
        if claim.source:
            key = source_key(claim.source)
            found.add(f"article:{outlet_root[key]}" if key in outlet_root else f"source:{key}")
        else:
            found.add(f"article:{root.get(claim.article, claim.article)}")
    return found


def claim_id(members: list[Claim]) -> str:
    first = min(members, key=lambda c: (c.article, c.start))
    return hashlib.sha1(f"{first.slot}\x00{first.article}\x00{first.start}".encode()).hexdigest()[:16]


def status(members: list[Claim], independent: int, contradicted: bool) -> str:
    if contradicted:
        return "contradicted"
    if independent >= 2:
        return "corroborated"
    if any(c.source for c in members) or members[0].kind == "quote":
        return "single_source"
    return "unsourced"


def corroborate(claims: list[Claim], root: dict[str, str], outlet: dict[str, str | None],
                contradicted: Mapping[tuple[str, int, int], int] | None = None,
                event_of: Mapping[str, str | None] | None = None,
                sided: Mapping[tuple[str, int, int], int] | None = None) -> list[dict[str, Any]]:
    """Contract ``claims``: one entry per distinct claim with its independent sources and status.

    ``root`` maps a reprint to the article it copies; ``outlet`` maps article ids to outlet names;
    ``contradicted`` maps ``(article, start, end)`` of a claim some other source contradicts to the
    number of independent sources on the other side, ``sided`` the same span to the number on its
    own side (which may hold other claims that agree with it: a war's age and its stated start);
    ``event_of`` maps articles to their event. A claim carried, or sided with, by more
    independent sources than contradict it stays corroborated, with ``disputed_by`` saying how
    many disagree: six outlets dating a war's start are not overturned by one that miscounts its
    years, while one figure against another leaves both contradicted.
    """
    against = contradicted or {}
    side = sided or {}
    result = []
    for members in group(claims, event_of):
        members.sort(key=lambda c: (c.article, c.start))
        behind = origins(members, root, outlet)
        disputed = max((against.get((c.article, c.start, c.end), 0) for c in members), default=0)
        backed = max([len(behind)] + [side.get((c.article, c.start, c.end), 0) for c in members])
        result.append({
            "id": claim_id(members),
            "text": members[0].text,
            "slot": members[0].slot,
            "value": list(members[0].value) if isinstance(members[0].value, tuple) else members[0].value,
            "articles": sorted({c.article for c in members}),
            "independent_sources": len(behind),
            "sources": sorted(behind),
            "status": status(members, len(behind), bool(disputed) and backed <= disputed),
            "disputed_by": disputed,
            "evidence": [{"article": c.article, "start": c.start, "end": c.end} for c in members],
        })
    return sorted(result, key=lambda c: c["id"])
