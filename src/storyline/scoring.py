"""Score extracted quotations and cited sources against a gold set, by text and speaker.

Shared by ``eval/quotes_eval.py`` (the report) and ``tests/test_quote_gate.py`` (the floors), so
both read the gold the same way. Gold conventions handled here:

- a quote with ``parts`` (interrupted, or running over two paragraphs) is one gold item that any
  of our pieces matches; the further pieces of it are neither hits nor false positives;
- a ``partial`` quote with a ``clause`` is matched by its fragment; our reported-speech item for
  the whole clause is not counted as a false positive;
- text is compared loosely (case, quotation marks, edge punctuation, whitespace) and a speaker
  matches on the full name or the last name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .records import Attributions

KINDS = ("direct", "partial", "indirect")
MARKS = "\"“”'‘’«»„"


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def f1(self) -> float:
        return self.prf()[2]


@dataclass(frozen=True)
class GoldItem:
    """One gold quotation or source: its speaker, kind, and the texts that match it."""

    speaker: str | None
    kind: str
    texts: tuple[str, ...]  # the text, then every part
    clause: str | None = None


def norm(text: str | None) -> str:
    """Text compared for matching: NFKC, no quotation marks, one space, no edge punctuation, lower."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if c in MARKS else c for c in text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:…—–-").lower()


def same_text(a: str | None, b: str | None) -> bool:
    """Equal after ``norm``, or one inside the other and at least 80% of its length."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.8 * len(long_)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Equal names, or equal last names (so a baseline's "Hawn" matches "Jeff Hawn"), a long last
    name's transliterations counting as equal ("Zelensky", "Zelenskyy")."""
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return not p and not g
    p = re.sub(r"^the ", "", p)
    g = re.sub(r"^the ", "", g)
    last_p, last_g = p.split()[-1], g.split()[-1]
    if p == g or last_p == last_g:
        return True
    return min(len(last_p), len(last_g)) >= 6 and fuzz.ratio(last_p, last_g) >= 90


def match(
    pred: list[tuple[str | None, str]],
    gold: list[GoldItem],
    speaker: bool,
    absorb: Iterable[tuple[str | None, str]] = (),
) -> tuple[int, int, int]:
    """(hits, counted predictions, gold items), one-to-one and greedy in prediction order.

    A prediction matching a not yet used part of an already matched gold item, or one of the
    ``absorb`` texts (a partial quote's whole clause), is left out of the prediction count.
    """
    used: dict[int, set[int]] = {}
    free = list(absorb)
    tp = counted = 0
    for ps, pt in pred:
        fits = [
            (i, j)
            for i, g in enumerate(gold)
            if not speaker or same_speaker(ps, g.speaker)
            for j, t in enumerate(g.texts)
            if same_text(pt, t)
        ]
        new = next(((i, j) for i, j in fits if i not in used), None)
        if new is not None:
            used[new[0]] = {new[1]}
            tp += 1
            counted += 1
            continue
        more = next(((i, j) for i, j in fits if j not in used[i]), None)
        if more is not None:
            used[more[0]].add(more[1])
            continue
        hit = next((k for k, (s, t) in enumerate(free) if same_text(pt, t) and (not speaker or same_speaker(ps, s))), None)
        if hit is not None:
            free.pop(hit)
            continue
        counted += 1
    return tp, counted, len(gold)


def _span_text(item: dict, raw: str, field: str = "text") -> str:
    """An item's text: given in the gold, else its offsets into the raw file (seeds gold)."""
    if isinstance(item.get(field), str):
        return item[field]
    if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
        return raw[item["start"] : item["end"]]
    return ""


def gold_quotes(entry: dict, raw: str = "") -> list[GoldItem]:
    """The gold quotations of one article entry (``raw`` resolves offset-only spans)."""
    out = []
    for q in entry.get("quotes", []):
        text = _span_text(q, raw)
        texts = [text]
        for part in q.get("parts") or ():
            # the first part usually repeats the text: one piece, one alternative
            if isinstance(part, str) and all(norm(part) != norm(t) for t in texts):
                texts.append(part)
        out.append(GoldItem(q.get("speaker"), q.get("kind") or "direct", tuple(texts), q.get("clause")))
    return out


def gold_sources(entry: dict, raw: str = "") -> list[GoldItem]:
    return [GoldItem(None, "source", (c.get("name") or _span_text(c, raw),)) for c in entry.get("cited_sources", [])]


def measures() -> list[str]:
    """Names of the measures ``score_article`` fills, in report order."""
    names = [f"{k} {how}" for k in KINDS for how in ("+speaker", "text")]
    return names + ["all +speaker", "all text", "sources"]


def score_article(ours: Attributions, entry: dict, raw: str = "") -> dict[str, tuple[int, int, int]]:
    """Per-measure (hits, predictions, gold) for one article's extraction against its gold entry."""
    gold = gold_quotes(entry, raw)
    clauses = [(g.speaker, g.clause) for g in gold if g.kind == "partial" and g.clause]
    out: dict[str, tuple[int, int, int]] = {}
    for speaker, how in ((True, "+speaker"), (False, "text")):
        for kind in KINDS:
            pred = [(q.speaker, q.text) for q in ours.quotes if q.kind == kind]
            g = [x for x in gold if x.kind == kind]
            out[f"{kind} {how}"] = match(pred, g, speaker, clauses if kind == "indirect" else ())
        out[f"all {how}"] = match([(q.speaker, q.text) for q in ours.quotes], gold, speaker, clauses)
    pred_src = [(None, c.name) for c in ours.cited_sources]
    out["sources"] = match(pred_src, gold_sources(entry, raw), False)
    return out
