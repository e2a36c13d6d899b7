"""Place mentions in one article: where each is, what it resolves to, and how the text uses it.

Candidates come from spaCy's GPE/LOC/FAC entities, from a scan for the gazetteer's strong names
(countries, variants, regions, the profile's places: this fixes the model's slips such as "Kyiv"
tagged PERSON), from words in other scripts ("Київ"), and from unnamed venues ("a third country").

Each mention gets a ``use``: ``place`` ("in Moscow"), ``actor`` ("Moscow said", "talks with
Kyiv": the government, not the ground) or ``reference`` ("Ukraine peace talks": a label). Places
get a ``role``: ``venue`` of talks, ``disputed`` territory, ``action`` location, or plain ``location``.
Nationality adjectives ("Russian forces") are never places and are not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from .gazetteer import DATA, PLAIN_WORDS, Gazetteer, Place, key, with_extra

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels the model gives place names by mistake; such a span counts only if the gazetteer's
# strong names (not the 180,000 city spellings) know it.
SLIP_LABELS = ("PERSON", "ORG", "NORP")
# Kinds that can stand for a government ("Moscow said", "the Kremlin said", "Europe wants"); a
# region, a town, a meeting venue or a bridge never speaks.
ACTOR_KINDS = ("country", "capital", "seat", "continent")
_WINDOW = 8  # tokens either side in which a role cue counts
CONTEXT_RATIO = 5  # context may choose a namesake at most this many times smaller


@dataclass(frozen=True)
class PlaceMention:
    """One place name in the text, resolved or with the reason it is not."""

    start: int
    end: int
    mention: str
    id: str | None
    name: str | None
    kind: str | None
    lat: float | None
    lon: float | None
    country: str | None
    subdivision: str | None
    use: str  # place | actor | reference
    role: str | None  # venue | disputed | action | location (places only)
    how: str | None  # gazetteer | variant | regions | extra | context | region_of_city
    reason: str | None = None  # why unresolved, or why this reading of an ambiguous name
    candidates: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """The role and use cue words of ``data/places/cues.yaml``."""
    raw = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    return {name: tuple(words) for name, words in raw.items()}


@lru_cache(maxsize=8)
def _scan_pattern(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace("'", "['’]").replace(r"\-", "[-‐‑–]") for n in alternatives)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


def _first_names() -> dict[str, str]:
    from ..actors import first_names

    return first_names()


def _candidates(text: str, doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            found.append((ent.start_char, ent.end_char, ent.label_))
        elif ent.label_ in SLIP_LABELS and (ent.text.strip() in gaz.scan_names or (_ground_before(ent) and gaz.lookup(ent.text))):
            found.append((ent.start_char, ent.end_char, "slip"))
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    for m in _scan_pattern(frozenset(gaz.scan_names)).finditer(text):
        # "George Washington": a name inside a longer person's name is part of that name.
        if not any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in people):
            found.append((m.start(), m.end(), "scan"))
    for tok in doc:
        if tok.is_alpha and not tok.text.isascii() and tok.text[:1].isupper():
            found.append((tok.idx, tok.idx + len(tok.text), "script"))
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            # Two-word names ("Нова Каховка") when the gazetteer knows the pair; the longer span wins.
            if after is not None and after.is_alpha and not after.text.isascii() and after.text[:1].isupper():
                pair = doc[tok.i:tok.i + 2]
                if gaz.lookup(pair.text):
                    found.append((pair.start_char, pair.end_char, "script"))
    phrases = "|".join(re.escape(p) for p in cues()["unnamed_venues"])
    for m in re.finditer(rf"\b(?:{phrases})\b", text, flags=re.I):
        found.append((m.start(), m.end(), "unnamed"))
    return _longest_first(found)


def _ground_before(ent: Span) -> bool:
    """A known name the model calls an organisation or a person, read as a place after "in",
    "near", "the town of" ("near the town of Samarra", "in Soroti"): the words before say ground."""
    doc = ent.doc
    if ent.start == 0 or len(ent) > 3:
        return False
    prev = doc[ent.start - 1].lower_
    if prev in ("in", "near", "outside", "into", "around"):
        return True
    return prev == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in cues()["unit_nouns"]


def _longest_first(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping candidates, the longer span winning an overlap."""
    kept: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end, label in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if not any(start < e and s < end for s, e in taken):
            kept.append((start, end, label))
            taken.append((start, end))
    return sorted(kept)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the' and a trailing possessive, which are not part of the name."""
    piece = text[start:end]
    lead = re.match(r"(?i)the\s+", piece)
    if lead and end - start > lead.end():
        start += lead.end()
    tail = re.search(r"['’]s?$", text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def _region_word(text: str, start: int, end: int) -> tuple[int, bool]:
    """Extend over a following region word ("Kharkiv region"); say whether the name has one."""
    words = "|".join(re.escape(w) for w in cues()["region_words"])
    inside = re.search(rf"\s+(?:{words})$", text[start:end], flags=re.I)
    if inside:
        return end, True
    after = re.match(rf"\s+(?:{words})\b", text[end:end + 20], flags=re.I)
    return (end + after.end(), True) if after else (end, False)


def _listed_unit(text: str, start: int) -> bool:
    """A name in a list introduced by a unit word: "four regions (Donetsk, Luhansk…)", "the provinces: X, Y".

    Such names are the administrative units, not the cities they are named after.
    """
    words = "|".join(re.escape(w) for w in cues()["unit_words"])
    before = text[max(0, start - 160):start]
    name = r"[A-Z][\w'’‐‑-]*(?:\s+[A-Z][\w'’‐‑-]*)*"
    return re.search(rf"\b(?:{words})\b[^.;\n]*?[(:–—]\s*(?:{name}\s*,\s*|{name}\s+and\s+|{name},?\s+and\s+)*$", before) is not None


def _resolve(name: str, region: bool, gaz: Gazetteer, context: set[str]) -> tuple[Place | None, str | None, str | None, int]:
    """The best place for ``name``: (place, how, reason, number of candidates)."""
    words = "|".join(re.escape(w) for w in cues()["region_words"])
    bare = re.sub(rf"\s+(?:{words})$", "", name, flags=re.I) if region else name
    options = gaz.lookup(bare)
    inflected = None
    if not options:
        options, inflected = gaz.lookup_inflected(bare)
    if not options:
        return None, None, "not in the gazetteer or the profile's places", 0
    best, how, reason = options[0], options[0].source, None
    if inflected:
        how, reason = "inflected", f"read as the case form of {inflected}"
    if len(options) > 1 and best.source != "extra":
        # Context may pick a smaller namesake, not a village over a capital (Paris, Texas).
        near = [p for p in options if p.country in context and p.population * CONTEXT_RATIO >= best.population]
        if near and near[0].id != best.id and best.country not in context:
            best, how = near[0], "context"
            reason = f"{len(options)} places of this name; chose the one in {best.country}, a country the article is about"
    if region and best.kind == "city":
        sub = gaz.get(f"iso:{best.subdivision}") if best.subdivision else None
        if sub is not None:
            return sub, "region_of_city", None, len(options)
        region_place = Place(
            id=f"{best.id}:region", name=f"{best.name} region", kind="region", lat=best.lat, lon=best.lon,
            country=best.country, coord_how="admin centre", source=best.source,
        )
        return region_place, "region_of_city", "region named after its centre; its ISO 3166-2 code is not known here", len(options)
    return best, how, reason, len(options)


def _lemmas(span: Span, before: int, after: int) -> set[str]:
    doc = span.doc
    lo, hi = max(span.start - before, span.sent.start), min(span.end + after, span.sent.end)
    return {t.lemma_.lower() for t in doc[lo:hi]} | {t.lower_ for t in doc[lo:hi]}


DASHES = "-‐‑–"  # not the em dash, which sets off clauses ("the Middle East—from")


def _joined(text: str, start: int, end: int) -> bool:
    """A name fused to another word by a dash ("U.S.–Ukraine draft", "NATO-Russia relations") is a label.

    Character offsets, not tokens: the tokenizer may keep "America‑first" as one token.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before in DASHES and start > 1 and not text[start - 2].isspace()) or (
        after in DASHES and end + 1 < len(text) and text[end + 1].isalnum())


def _verbless(span: Span) -> bool:
    """A heading or tag line ("China, Taiwan, and the Precedent Problem", "- Donetsk"): no verb at all.

    Datelines in capitals ("KYIV —") are places, so names in capitals are not counted here.
    """
    return not span.text.isupper() and not any(t.pos_ in ("VERB", "AUX") for t in span.sent)


def _alone_on_line(span: Span) -> bool:
    """The name alone on its line ("- Donetsk"): a tag, or a list item the parser glued to the next."""
    if span.text.isupper():
        return False  # a dateline ("KYIV —" on its own line) names the place of reporting
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return line.strip(" \t-–•*·").strip() == span.text


def _pobj_use(root: Any, can_act: bool, continent: bool) -> str:
    """The use of a name governed by a preposition: "in Moscow", "aid to Kyiv", "talks on Ukraine".

    A continent acts only as a party ("for Europe, the danger is…"); otherwise it is ground.
    """
    c = cues()
    prep = root.head.lower_
    if continent:
        return "actor" if prep in c["actor_of"] else "place"
    governor = root.head.head
    if prep in ("like", "including", "as") and governor.dep_ == "pobj":
        # "countries like China": as the noun it exemplifies ("in countries" is ground).
        return "place" if governor.head.lower_ in c["locative"] else ("actor" if can_act else "place")
    if prep in ("to", "from", "toward", "towards") and can_act and (
            governor.lemma_.lower() in c["party_heads"]
            or any(ch.dep_ == "dobj" and ch.lemma_.lower() in c["party_heads"] for ch in governor.children)):
        return "actor"  # "aid to Kyiv", "suspend aid to Kyiv"; not "send troops to Ukraine"
    if prep == "at" and can_act and governor.lemma_.lower() in c["aimed_at"]:
        return "actor"
    if prep in c["locative"]:
        return "place"
    if prep == "of":
        return "place" if governor.lemma_.lower() in c["territorial_of"] or not can_act else "actor" if governor.lemma_.lower() in c["party_heads"] else "reference"
    if not can_act:
        return "place"
    return "reference" if prep in c["topic_of"] else "actor"


def _use(span: Span, place: Place | None, label: str, start: int, end: int) -> str:
    """place, actor or reference, from the name's grammatical role."""
    c = cues()
    if label != "unnamed" and _joined(span.doc.text, start, end):
        return "reference"
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    can_act = place is not None and place.kind in ACTOR_KINDS or (place and place.kind == "city" and _capital(place))
    head = root.head
    if root.dep_ == "pobj":
        return _pobj_use(root, bool(can_act), place is not None and place.kind == "continent")
    if label != "unnamed" and _alone_on_line(span):
        return "reference"
    if not can_act or label == "unnamed":
        return "place"
    if _verbless(span):
        return "reference"
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in c["compass"]:
        return "place"
    territory = set(c["disputed"]) | set(c["action"]) | {"visit", "enter", "leave", "invade", "reach"}
    if root.dep_ == "nsubjpass":  # "Crimea was annexed"
        return "place" if head.lemma_.lower() in territory else "actor"
    if root.dep_ in ("nsubj", "csubj", "agent", "dative"):
        return "actor"
    if root.dep_ == "poss":
        return "place" if head.lemma_.lower() in c["territorial_poss"] else "actor"
    if root.dep_ == "dobj":
        return "place" if head.lemma_.lower() in territory else "actor"
    if root.dep_ in ("nmod", "npadvmod") and head.pos_ in ("VERB", "AUX"):
        return "actor"  # "as the U.S., Ukraine, and Russia inch toward": a subject the parser missed
    if root.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.pos_ in ("NOUN", "PROPN"):
        return "reference"
    return "place"


def _capital(place: Place) -> bool:
    from .gazetteer import gazetteer

    country = gazetteer().get(f"iso:{place.country}") if place.country else None
    return country is not None and country.lat == place.lat and country.lon == place.lon


def _role(span: Span, place: Place | None, label: str) -> str:
    c = cues()
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("the", "a", "an"):
        i -= 1  # "at the Kremlin": the preposition before the article
    prev = span.doc[i].lower_ if i >= 0 else ""
    if span.root.dep_ == "compound" and span.root.head.lemma_.lower() in c["venue"]:
        return "venue"  # "the Istanbul talks"
    if label == "unnamed" or (place is not None and place.kind in ("venue", "seat") and prev in ("at", "in", "inside")):
        return "venue"
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in c["unit_nouns"]:
        root = root.head.head  # "talks in the city of Eskerholm": the city stands where the name does
        prev = root.head.lower_ if root.dep_ == "pobj" else prev
    if prev in ("in", "at", "inside") and _meeting_here(root, set(c["venue"])):
        return "venue"
    near = _lemmas(span, _WINDOW, _WINDOW // 2)
    if near & set(c["disputed"]):
        return "disputed"
    if near & set(c["action"]):
        return "action"
    return "location"


def _meeting_here(root: Any, venue: set[str]) -> bool:
    """Does "in/at X" say where a meeting is? The preposition must hang on the meeting
    ("talks in Geneva", "met in Istanbul") or on a verb whose subject or object is one
    ("a delegation is expected in Moscow"); a meeting elsewhere in the sentence does not count
    ("peace talks to end the conflict in Ukraine")."""
    if root.dep_ != "pobj":
        return False
    governor = root.head.head
    if governor.lemma_.lower() in venue or governor.lower_ in venue:
        return True
    return governor.pos_ in ("VERB", "AUX") and any(
        child.dep_ in ("nsubj", "nsubjpass", "dobj") and (child.lemma_.lower() in venue or child.lower_ in venue)
        for child in governor.children)


def _inherit_roles(found: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """Names listed together share the role of the first ("the annexation of Donetsk, Luhansk and Kherson")."""
    from dataclasses import replace

    by_root: dict[int, PlaceMention] = {}
    for m in found:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            by_root[span.root.i] = m
    out = []
    for m in found:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        lead = None
        while token is not None and token.dep_ in ("conj", "appos") and token.head is not token:
            token = token.head
            lead = by_root.get(token.i, lead)
        if m.use == "place" and lead is not None and lead.use == "place" and lead.role not in (None, "location") and m.role == "location":
            m = replace(m, role=lead.role)
        out.append(m)
    return out


def find_places(text: str, doc: Doc | None = None, extra: Iterable[Mapping[str, Any] | Any] | None = None,
                article_countries: Iterable[str] = ()) -> list[PlaceMention]:
    """Every place name in ``text`` with its span, resolution, use and role."""
    from .. import nlp

    gaz = with_extra(extra)
    doc = doc if doc is not None else nlp.parse(text)
    raw = []
    for start, end, label in _candidates(text, doc, gaz):
        start, end = _trim(text, start, end)
        region = False
        if label != "unnamed":
            end, region = _region_word(text, start, end)
            region = region or _listed_unit(text, start)
        raw.append((start, end, label, region))
    # Countries the article is about: those named outright, or by an unambiguous place.
    context = set(article_countries)
    for start, end, label, region in raw:
        options = gaz.lookup(text[start:end]) if label != "unnamed" else []
        if len(options) == 1 or (options and options[0].kind == "country"):
            context.add(options[0].country)
    context.discard(None)
    found = []
    for start, end, label, region in raw:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if label == "unnamed":
            place, how, reason, n = None, None, "an unnamed place", 0
        else:
            place, how, reason, n = _resolve(text[start:end], region, gaz, context)
        if place is None and not _plausible(span, label):
            continue
        if label != "unnamed" and (place is None or place.source != "extra") and _person_before(doc, span):
            continue
        use = _use(span, place, label, start, end)
        found.append(PlaceMention(
            start=start, end=end, mention=text[start:end],
            id=place.id if place else None, name=place.name if place else None,
            kind=place.kind if place else ("unnamed" if label == "unnamed" else None),
            lat=place.lat if place else None, lon=place.lon if place else None,
            country=place.country if place else None, subdivision=place.subdivision if place else None,
            use=use, role=_role(span, place, label) if use == "place" else None,
            how=how, reason=reason if place is None or reason else (None if place.lat is not None else "no coordinates known"),
            candidates=n,
        ))
    return _inherit_roles(found, doc)


def _plausible(span: Span, label: str) -> bool:
    """Keep an unresolved name only where it reads as a place: a LOC/FAC, or a GPE after "in"."""
    if label == "unnamed":
        return True
    if not span.text[:1].isupper() or span.root.pos_ == "ADJ" or key(span.text) in PLAIN_WORDS:
        return False
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return label in ("LOC", "FAC") or (label == "GPE" and prev in cues()["locative"])


def _person_before(doc: Doc, span: Span) -> bool:
    """A first name right before an unknown name makes it a person ("Florence Welch")."""
    return span.start > 0 and doc[span.start - 1].lower_ in _first_names()
