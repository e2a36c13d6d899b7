"""Who is named in an article, under which fullest name, and the corpus-level actor registry.

Persons come from spaCy's PERSON entities, cleaned by rules: heading junk and the model's
known slips (a city tagged PERSON) are dropped, a short form ("Hawn") maps to the fullest form
in the article ("Jeff Hawn"), and titles before a name or an appositive after it give the role
and organisation ("Russia expert Jeff Hawn at the London School of Economics").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from .records import Actor, Attributions, Mention
from .sources import MEDIA_WORDS

# Words that open or make up a title before a name; they end the name when reading leftwards.
TITLE_WORDS = frozenset(
    """president vice prime minister secretary senator sen. rep. representative gov. governor
    mayor chancellor king queen prince princess pope general gen. admiral col. colonel lt. sgt.
    dr. dr mr. mr mrs. mrs ms. ms miss prof. professor judge justice ambassador envoy special spokesman spokeswoman
    spokesperson chairman chairwoman chair ceo director leader commander chief deputy foreign
    defense defence interior state speaker vp first lady sir lord dame sheikh emir premier
    former acting top senior foreign-minister president-elect candidate nominee expert analyst
    researcher scientist economist official diplomat negotiator adviser advisor aide lawmaker
    attorney lawyer founder head editor correspondent reporter journalist columnist
    rev. rev reverend rabbi imam archbishop sheriff undersheriff commissioner superintendent detective
    inspector officer captain capt. lieutenant sergeant""".split()
)

# Nouns a description can be built on ("the Russian president", "the spokesman").
ROLE_NOUNS = frozenset(
    """president minister chancellor leader spokesman spokeswoman spokesperson secretary senator
    governor envoy ambassador general commander expert analyst researcher scientist professor
    mayor king queen premier pope chief director chairman chairwoman ceo diplomat negotiator
    adviser advisor aide lawmaker candidate nominee judge lawyer attorney economist official
    founder head mediator""".split()
)

# Broader words a description may use for an office ("the Korvathi leader" for its president).
ROLE_SYNONYMS = {
    "leader": frozenset("president premier prime chancellor king queen emir head leader".split()),
    "head": frozenset("president premier prime chancellor head chief leader director".split()),
    "spokesperson": frozenset("spokesman spokeswoman spokesperson".split()),
    "mediator": frozenset("envoy mediator negotiator".split()),
    "envoy": frozenset("envoy ambassador mediator".split()),
    "diplomat": frozenset("diplomat envoy ambassador minister".split()),
}

# Titles and role nouns that tell a person's gender. First names are in data/first_names.tsv.
GENDER_WORDS = {
    **dict.fromkeys("mr mr. sir lord king prince emir sheikh spokesman chairman congressman businessman".split(), "m"),
    **dict.fromkeys("mrs mrs. ms ms. miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman".split(), "f"),
}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

# What a place has and a person does not ("Korvath's capital", "the Korvath government").
PLACE_HEADS = frozenset("capital government army military troops forces border borders territory economy parliament population president".split())
# Endings of the adjective formed from a place name (Israel-i, Norval-ese, Trevania-n).
DEMONYM_ENDINGS = ("i", "ese", "ian", "an", "n", "ish")

# Well-known places the small English model often tags as PERSON. Data, not rules: extend freely.
PLACE_NAMES = frozenset(
    """kyiv kiev kharkiv kherson luhansk donetsk odesa odessa lviv dnipro mariupol bakhmut
    zaporizhzhia crimea donbas minsk moscow beijing tehran gaza kabul damascus baghdad ankara
    riyadh cairo delhi islamabad pyongyang seoul tokyo taipei brussels berlin paris london
    warsaw vienna geneva washington ottawa""".split()
)

_DATA = Path(__file__).resolve().parent / "data"
_INNER_CAPS = re.compile(r"[a-z][A-Z]{2,}")
_POSSESSIVE = ("’s", "'s", "’", "'")
_NAME_CHARS = re.compile(r"^[A-Z][\w.’'‑-]*$")


@dataclass
class Person:
    """One named person of an article, with every form and place they are named."""

    name: str
    forms: set[str] = field(default_factory=set)
    role: str | None = None
    org: str | None = None
    country: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None  # "f" | "m" | None (unknown: agrees with any pronoun)


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int
    end: int
    role: str | None = None
    org: str | None = None
    country: str | None = None
    gender: str | None = None


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name -> "f" | "m", from the data file (names of either gender are left out)."""
    out = {}
    for line in (_DATA / "first_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            out[name] = gender
    return out


def gender_of(doc: Doc, name: Span, role: str | None) -> str | None:
    """The gender a name's title, role noun or first name signals, else ``None``."""
    words = []
    i = name.start - 1
    while i >= 0 and (doc[i].lower_ in TITLE_WORDS or doc[i].lower_ in GENDER_WORDS):
        words.insert(0, doc[i].lower_)  # only the title run touching the name
        i -= 1
    words += (role or "").lower().split()
    for word in reversed(words):
        if word in GENDER_WORDS:
            return GENDER_WORDS[word]
    if len(name) > 1:
        return first_names().get(name[0].lower_)
    return None


def demonym_of(word: str, place: str) -> bool:
    """Is ``word`` the adjective of ``place`` ("Korvathi", "Norvalese", "Trevanian")?"""
    word, place = word.lower(), place.lower()
    stems = {place, place[:-1]} if place[-1:] in "ae" else {place}
    return any(word.startswith(s) and word[len(s) :] in DEMONYM_ENDINGS for s in stems)


def _place_words(doc: Doc, names: set[str]) -> set[str]:
    """Which one-word "person" names the article uses as places.

    A place has an adjective of its own ("Korvathi" beside "Korvath"), a capital or a government
    ("Korvath's capital", "the Korvath government", "the capital of Korvath"), or is somewhere
    things happen ("in Korvath"). Only names without a first name anywhere in the article are asked.
    """
    if not names:
        return set()
    out = set()
    words = {t.text for t in doc if t.is_title and t.ent_type_ != "PERSON"}
    for name in names:
        if any(w != name and demonym_of(w, name) for w in words):
            out.add(name)
    for tok in doc:
        if tok.text not in names or tok.text in out:
            continue
        nxt = doc[tok.i + 1 : tok.i + 3]
        prev = doc[max(0, tok.i - 2) : tok.i]
        owned = len(nxt) == 2 and nxt[0].text in _POSSESSIVE and nxt[1].lower_ in PLACE_HEADS
        governed = len(nxt) >= 1 and nxt[0].lower_ == "government"
        located = len(prev) >= 1 and prev[-1].lower_ == "in" and tok.dep_ == "pobj"
        of_place = len(prev) == 2 and prev[-1].lower_ == "of" and prev[0].lower_ in PLACE_HEADS
        if owned or governed or located or of_place:
            out.add(tok.text)
    return out


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return span.doc[span.start : end]


def _doc_text(doc: Doc) -> str:
    # Doc.text is rebuilt from the tokens on every access; keep one copy per Doc.
    text = doc.user_data.get("storyline_text")
    if text is None:
        text = doc.user_data["storyline_text"] = doc.text
    return text


def is_heading(doc: Doc, token: Token) -> bool:
    """True when ``token`` sits in a short paragraph without sentence-final punctuation."""
    text = _doc_text(doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line.split()) <= 16 and not line.endswith((".", "?", "!", "”", '"', ":"))


def name_tokens(span: Span) -> Span | None:
    """The trailing run of name tokens of ``span`` (titles and adjectives before it cut off)."""
    span = _strip_possessive(span)
    start = span.end
    while start > span.start:
        tok = span.doc[start - 1]
        if tok.text in "-‑" and start - 1 > span.start:
            start -= 1
            continue
        if tok.lower_ in TITLE_WORDS or not _NAME_CHARS.match(tok.text) or tok.ent_type_ in ("NORP", "GPE"):
            break
        if tok.i == span.start and start < span.end and tok.tag_ == "VBG" and tok.is_sent_start:
            break  # "Joining Cooley at the news conference was ...": the model's person starts a word late
        start -= 1
    while start < span.end and span.doc[start].text in "-‑":
        start += 1
    if start >= span.end:
        return None
    return span.doc[start : span.end]


def looks_like_name(span: Span) -> bool:
    """Shape test for a person's name: 1-4 capitalised words, no inner-caps junk, no digits."""
    words = [t for t in span if t.text not in "-‑"]
    if any(t.lower_ in MEDIA_WORDS for t in words):
        return False  # "Orbis Wire", "Daily Meridian": outlets the model calls persons
    if not 1 <= len(words) <= 4:
        return False
    for tok in words:
        if not _NAME_CHARS.match(tok.text) or _INNER_CAPS.search(tok.text) or tok.like_num:
            return False
        if tok.lower_ in TITLE_WORDS:
            return False
    return True


def _is_place(doc: Doc, span: Span, places: frozenset[str]) -> bool:
    """A one-word 'person' that is a known place, is tagged as a place elsewhere, or is listed with places."""
    if len(span) != 1:
        return False
    tok = span[0]
    if tok.lower_ in places:
        return True
    if any(e.label_ in ("GPE", "LOC") and e.text == tok.text for e in doc.ents):
        return True
    neighbours = [tok.head, *tok.children] if tok.dep_ == "conj" else list(tok.children)
    return any(n.ent_type_ in ("GPE", "LOC") and n.dep_ == "conj" or n.ent_type_ in ("GPE", "LOC") and tok.dep_ == "conj" for n in neighbours)


def role_and_org(doc: Doc, name: Span, whole: Span | None = None) -> tuple[str | None, str | None, str | None]:
    """Role, organisation and country stated around a name, or ``None`` for each.

    Reads a title before the name ("U.S. National Security Council spokesman John Kirby"), an
    appositive after it (", a political scientist at the University of Bath") and an "at/of/for
    ORG" right after it.
    """
    role_toks: list[Token] = []
    i = name.start - 1
    while i >= 0 and i >= name.start - 8:
        tok = doc[i]
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.text in (".", "-", "‑") and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN":
            role_toks.insert(0, tok)
            i -= 1
            continue
        break
    # A role prefix must end with a title word: "Russia expert", not "Thursday" or "Geneva".
    while role_toks and role_toks[-1].lower_ not in TITLE_WORDS:
        role_toks.pop()
    while role_toks and role_toks[0].ent_type_ not in ("ORG", "NORP", "GPE") and role_toks[0].lower_ not in TITLE_WORDS and role_toks[0].pos_ != "ADJ" and role_toks[0].pos_ != "PROPN" and role_toks[0].pos_ != "NOUN":
        role_toks.pop(0)
    role = doc[role_toks[0].i : role_toks[-1].i + 1].text if role_toks else None
    org = None
    country = None
    for tok in role_toks:
        if tok.ent_type_ in ("NORP", "GPE") and country is None:
            country = tok.text
    if role_toks:
        orgs = [
            e for e in doc.ents
            if e.label_ == "ORG" and e.start >= role_toks[0].i and e.end <= role_toks[-1].i + 1
            and not all(t.lower_ in TITLE_WORDS for t in e)  # "Defence Minister" is a title, not a body
        ]
        if orgs:
            org = _clean_org(orgs[0])
            rest = doc[orgs[0].end : role_toks[-1].i + 1].text.strip()
            role = rest or role
    head = name[-1]
    appos = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
    if appos and role is None:
        app = appos[0]
        stop = next((c.i for c in app.children if c.i > app.i and c.dep_ in ("prep", "acl", "relcl", "punct")), app.i + 1)
        words = [t for t in doc[app.left_edge.i : stop] if t.pos_ != "DET"]
        if words:
            role = doc[words[0].i : words[-1].i + 1].text
        org = org or _org_in(doc, app.i, app.right_edge.i + 1)
    if role is None and head.dep_ == "appos" and head.head.lemma_.lower() in ROLE_NOUNS:
        noun = head.head
        words = [t for t in doc[noun.left_edge.i : noun.i + 1] if t.pos_ not in ("DET",) and t.dep_ != "case"]
        owner = [t for t in words if t.dep_ == "poss"]
        words = [t for t in words if t.dep_ != "poss"]
        if words:
            role = doc[words[0].i : words[-1].i + 1].text
        if owner and owner[0].pos_ == "PROPN":
            country = owner[0].text
    if role is None and head.dep_ in ("nsubj", "pobj", "dobj", "ROOT") and any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in head.children):
        noun = next(c for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS)
        words = [t for t in doc[noun.left_edge.i : noun.i + 1] if t.pos_ != "DET"]
        role = doc[words[0].i : words[-1].i + 1].text if words else None
    after = name.end
    if org is None and after + 1 < len(doc) and doc[after].lower_ in ("at", "of", "from", "with", "for"):
        org = _org_in(doc, after + 1, min(after + 4, len(doc)), first_only=True)
    return role, org, country


def _org_in(doc: Doc, start: int, end: int, first_only: bool = False) -> str | None:
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start >= start and ent.start < end:
            return _clean_org(ent)
        if first_only and ent.start >= end:
            break
    return None


def _clean_org(ent: Span) -> str:
    text = ent.text
    return text[4:] if text.lower().startswith("the ") else text


class ArticlePeople:
    """The persons named in one article: canonical names, roles, and salience-ordered mentions."""

    def __init__(self, doc: Doc, quoted: Iterable[tuple[int, int]] = (), places: frozenset[str] = PLACE_NAMES):
        self.doc = doc
        self.places = places
        self._quoted = sorted(quoted)
        self._batch = True  # index once after the first pass, not after every name
        self.people: dict[str, Person] = {}
        self.mentions: list[PersonMention] = []
        found: list[tuple[Span, Span]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = name_tokens(ent)
            if name is None or not looks_like_name(name) or _is_place(doc, name, places):
                continue
            if len(name) > 1 and is_heading(doc, name[0]):
                continue
            found.append((ent, name))
        found += self._role_appositions(doc)
        full_forms = {n.text for _, n in found if len([t for t in n if t.text not in "-‑"]) > 1}
        surnames = {f.split()[-1] for f in full_forms}
        self.place_words = _place_words(doc, {n.text for _, n in found if len(n) == 1} - surnames)
        labels: dict[str, list[str]] = {}
        for ent in doc.ents:
            labels.setdefault(ent.text, []).append(ent.label_)
        for ent, name in found:
            if len(name) == 1 and name.text not in surnames:
                seen = labels.get(name.text, [])
                # a lone word the model calls PERSON less often than a place or body is one
                if is_heading(doc, name[0]) or len(seen) > seen.count("PERSON") or name.text in self.place_words:
                    continue
            self.add(name)
        # later bare surnames the model missed or mistagged ("Tolvaj was more guarded.")
        for tok in doc:
            if tok.text in surnames and not self._named_at(tok.idx) and not is_heading(doc, tok):
                self.add(doc[tok.i : tok.i + 1])
        self._batch = False
        self._reindex()

    def _named_at(self, pos: int) -> bool:
        return any(m.start <= pos < m.end for m in self.mentions)

    def is_place(self, name: str) -> bool:
        """Is ``name`` a place in this article, though the model may have tagged it a person?"""
        return name in self.place_words or name.lower() in self.places

    @staticmethod
    def _role_appositions(doc: Doc) -> list[tuple[Span, Span]]:
        """Names set beside a role noun ("the foreign minister, Pavel Renko"), even when NER missed them."""
        out = []
        for tok in doc:
            if tok.dep_ != "appos":
                continue
            pair = (tok, tok.head) if tok.head.lemma_.lower() in ROLE_NOUNS else (tok.head, tok)
            name_tok, role_tok = pair
            if role_tok.lemma_.lower() not in ROLE_NOUNS or name_tok.pos_ != "PROPN":
                continue
            left = name_tok.i
            while left > 0 and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].pos_ == "PROPN":
                left -= 1
            name = name_tokens(doc[left : name_tok.i + 1])
            if name is not None and looks_like_name(name) and len(name) > 1:
                out.append((name, name))
        return out

    def add(self, name: Span) -> PersonMention | None:
        """Record a person named by ``name`` (a Span of name tokens); returns the mention."""
        role, org, country = role_and_org(self.doc, name)
        gender = gender_of(self.doc, name, role)
        mention = PersonMention(name.text, name.start_char, name.end_char, role, org, country, gender)
        same = next((m for m in self.mentions if m.start == mention.start), None)
        if same is not None:
            return same
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: m.start)
        if not self._batch:
            self._reindex()
        return mention

    def _reindex(self) -> None:
        # Ties broken by the form itself: set order changes between processes, results must not.
        forms = sorted({m.name for m in self.mentions}, key=lambda f: (-len(f.split()), f))
        self.people = {}
        for form in forms:
            canon = self._longest_form(form, forms)
            person = self.people.setdefault(canon, Person(canon))
            person.forms.add(form)
        for m in self.mentions:
            person = self.people[self._longest_form(m.name, forms)]
            person.spans.append((m.start, m.end))
            person.role = person.role or m.role
            person.org = person.org or m.org
            person.country = person.country or m.country
            person.gender = person.gender or m.gender
        for person in self.people.values():
            if person.gender is None and len(person.name.split()) > 1:
                person.gender = first_names().get(person.name.split()[0].lower())

    @staticmethod
    def _longest_form(form: str, forms: list[str]) -> str:
        words = form.split()
        best = form
        for other in forms:
            owords = other.split()
            if len(owords) > len(best.split()) and owords[-len(words) :] == words:
                best = other
        return best

    def canonical(self, name: str) -> str:
        """The fullest form of ``name`` used in the article ("Hawn" -> "Jeff Hawn")."""
        for suffix in _POSSESSIVE:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        forms = sorted({m.name for m in self.mentions} | {name}, key=lambda f: -len(f.split()))
        return self._longest_form(name, forms)

    def person(self, name: str) -> Person | None:
        return self.people.get(self.canonical(name))

    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self._quoted)

    def most_recent(self, before: int, pronoun: Token | None = None) -> Person | None:
        """The person a pronoun at ``before`` refers to: agreement, then salience.

        Only persons whose gender agrees with the pronoun are candidates (unknown agrees with
        both). A person named earlier in the pronoun's own sentence wins (a subject first), then
        the last subject of the sentence before, then the most recent person outside quotations, skipping the
        noun a relative clause holding the pronoun modifies ("Zelensky, who he describes as
        ..." cannot mean Zelensky).
        """
        bound = set()
        want = PRONOUN_GENDER.get(pronoun.lower_) if pronoun is not None else None
        if pronoun is not None:
            for anc in pronoun.ancestors:
                if anc.dep_ == "relcl":
                    bound.add(anc.head.idx)
        candidates = []
        for m in self.mentions:
            if m.end > before or self._in_quote(m.start) or any(m.start <= b < m.end for b in bound):
                continue
            person = self.people.get(self.canonical(m.name))
            if person is not None and (want is None or person.gender in (None, want)):
                candidates.append((m, person))
        if pronoun is not None and candidates:
            sent = pronoun.sent
            own = [(m, p) for m, p in candidates if m.start >= sent.start_char]
            if own:
                return next((p for m, p in reversed(own) if self._is_subject(m)), own[-1][1])
            if sent.start > 0:
                prev = self.doc[sent.start - 1].sent
                subjects = [p for m, p in candidates if m.start >= prev.start_char and self._is_subject(m)]
                if subjects:
                    return subjects[-1]
        return candidates[-1][1] if candidates else None

    def _is_subject(self, m: PersonMention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        # "According to Ham, ...": the person credited is as salient as a subject
        credited = root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"
        return root.dep_ in ("nsubj", "nsubjpass") or credited

    def by_description(self, words: list[str], before: int) -> Person | None:
        """The person introduced with a role matching ``words`` ("Korvathi", "leader"), most recent first.

        Each word must fit the person's role, organisation or country: as written, as a broader
        word for the office ("leader" for a president), or as the country's adjective.
        """
        candidates = []
        for m in self.mentions:
            person = self.people.get(self.canonical(m.name))
            if not m.role or person is None:
                continue
            own = set(re.findall(r"[\w’'-]+", " ".join(filter(None, (m.role, m.org, person.role, person.org))).lower().replace(".", "")))
            country = m.country or person.country
            if all(_fits(w, own, country) for w in words):
                candidates.append(m)
        before_ones = [m for m in candidates if m.start < before]
        pick = (before_ones or candidates)[-1:] if candidates else []
        return self.people.get(self.canonical(pick[0].name)) if pick else None

    def actors(self, article: str) -> tuple[list[Actor], list[Mention]]:
        """Actors and mentions of this article (persons, plus organisations and places by NER)."""
        actors = [
            Actor(p.name, "person", tuple(sorted(p.forms - {p.name})), p.role, p.org, p.country, (article,))
            for p in self.people.values()
        ]
        mentions = [
            Mention(article, m.name, self.canonical(m.name), "person", m.start, m.end) for m in self.mentions
        ]
        seen: dict[str, set[str]] = {}
        kinds: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ not in ("ORG", "GPE") or is_heading(self.doc, ent[0]):
                continue
            span = _strip_possessive(ent)
            if not span.text or "\n" in span.text or span.text in self.people:
                continue
            if any(f == span.text or f.endswith(" " + span.text) for p in self.people.values() for f in p.forms):
                continue
            name = _clean_org(span)
            kind = "gpe" if ent.label_ == "GPE" else "org"
            seen.setdefault(name, set()).add(span.text)
            kinds[name] = kind
            mentions.append(Mention(article, span.text, name, kind, span.start_char, span.end_char))
        for name, forms in seen.items():
            actors.append(Actor(name, kinds[name], tuple(sorted(forms - {name})), articles=(article,)))
        mentions.sort(key=lambda m: m.start)
        return actors, mentions


def _fits(word: str, own: set[str], country: str | None) -> bool:
    """Does one word of a description fit a person's role words or country?"""
    w = word.lower().replace(".", "")
    if w in own or own & ROLE_SYNONYMS.get(w, frozenset()):
        return True
    return country is not None and (w == country.lower() or demonym_of(w, country))


@dataclass(frozen=True)
class ActorRegistry:
    """Actors merged across articles; ``lookup`` finds one by any of its names."""

    actors: tuple[Actor, ...] = ()

    def lookup(self, name: str) -> Actor | None:
        key = name.strip().lower()
        for actor in self.actors:
            if actor.name.lower() == key or key in (a.lower() for a in actor.aliases):
                return actor
        return None

    def as_dict(self) -> dict:
        return {"actors": [a.as_dict() for a in self.actors]}


def _same_person(a: Actor, b: Actor) -> bool:
    """Same last name, and first names that agree when both are given."""
    aw, bw = a.name.split(), b.name.split()
    if aw[-1].lower().rstrip("y") != bw[-1].lower().rstrip("y"):
        return False
    return len(aw) == 1 or len(bw) == 1 or aw[0].lower() == bw[0].lower()


def build_registry(attributions: Iterable[Attributions]) -> ActorRegistry:
    """Merge the actors of many articles: one entry per person/organisation/place, all names as aliases."""
    merged: list[Actor] = []
    for attr in attributions:
        for actor in attr.actors:
            for i, known in enumerate(merged):
                if known.kind != actor.kind:
                    continue
                if actor.kind == "person" and _same_person(known, actor) or known.name.lower() == actor.name.lower():
                    merged[i] = _merge(known, actor)
                    break
            else:
                merged.append(actor)
    return ActorRegistry(tuple(sorted(merged, key=lambda a: (a.kind, a.name))))


def with_profile(registry: ActorRegistry, profile: Any) -> ActorRegistry:
    """The registry under the profile's canonical names: a person any of whose names is an alias of
    a profiled person ("Putin", "Zelensky") takes the profile's name, and people who turn out to be
    the same profiled person become one."""
    if profile is None:
        return registry
    merged: dict[tuple[str, str], Actor] = {}
    for actor in registry.actors:
        names = (actor.name, *actor.aliases) if actor.kind == "person" else ()
        known = next((k for k in map(profile.actor_for, names) if k is not None and k.kind == "person"), None)
        if known is not None and known.name != actor.name:
            aliases = tuple(sorted((set(actor.aliases) | {actor.name}) - {known.name}))
            actor = replace(actor, name=known.name, aliases=aliases, country=actor.country or getattr(known, "country", None))
        key = (actor.kind, actor.name)
        merged[key] = _merge(merged[key], actor, keep=actor.name) if key in merged else actor
    return ActorRegistry(tuple(sorted(merged.values(), key=lambda a: (a.kind, a.name))))


def _merge(a: Actor, b: Actor, keep: str | None = None) -> Actor:
    name = keep or max((a.name, b.name), key=lambda n: (len(n.split()), len(n)))
    aliases = (set(a.aliases) | set(b.aliases) | {a.name, b.name}) - {name}
    return Actor(
        name,
        a.kind,
        tuple(sorted(aliases)),
        a.role or b.role,
        a.org or b.org,
        a.country or b.country,
        tuple(sorted(set(a.articles) | set(b.articles))),
    )
