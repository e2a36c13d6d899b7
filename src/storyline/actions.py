"""Who did what to whom: political actions coded as PLOVER event types with CAMEO root codes.

Each verb of a sentence is looked up in the verb lexicon (``profiles/_plover.yaml``: phrases such
as "turn down" or "hold talks" before the bare lemma). Its subject gives the source actor, its
object, indirect object or prepositional object ("talks with X", "against X") the target, each
resolved through the profile (aliases, offices at the article's date) or, unprofiled, spaCy's
named entities. An action needs a source: a sentence whose subject is nobody we can name ("analysts",
"it") codes nothing, and a sentence with no coded verb codes nothing.

What was said is coded, not what a headline implies:

- A complement is the content of the verb that governs it: "threatened to walk away" is THREATEN,
  "agreed to exchange prisoners" is AGREE; the walking and the exchanging are not coded apart.
- Negation: a negated cooperative act ("will not hold talks", "did not agree") is coded REJECT with
  ``negated=True`` and the verb kept; a negated hostile act ("did not attack") did not happen and
  is not coded.
- Modality: ``asserted`` (it happened), ``future`` (will), ``conditional`` (would, could, may, an
  if-clause) or ``intent`` (ready / willing / open / prepared to). "Would be open to talks" is
  CONSULT with modality ``conditional``: a readiness to talk, never an agreement.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from . import nlp
from .datexpr import date_expressions
from .profile import PROFILES_DIR, Profile, default_profile
from .records import Article

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Acts that, negated, amount to refusing them; the others, negated, simply did not happen.
COOPERATIVE = frozenset(("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"))
MODALITIES = ("asserted", "future", "conditional", "intent")

_TARGET_PREPS = frozenset("with to against toward towards on at from into".split())
_NAME_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "country"}
_PERSON_PRONOUNS = frozenset("he she him her".split())
# Pronouns that, in reported speech, stand for whoever reports it.
_REPORTED_PRONOUNS = frozenset("he she it they".split())
# Parts of a noun phrase that name other actors: clauses ("the man who met X") and conjuncts.
_NP_CUT = frozenset("relcl acl advcl ccomp conj cc".split())
_DATELINE = re.compile(r"(?:^|\n\n)[A-Z][A-Z .’'-]{2,}(?=,| —| –| -)")
# A sentence longer than this is a scraping accident (a tag list, a table); it is not coded.
MAX_TOKENS = 150


@dataclass(frozen=True)
class Action:
    """One coded action with its evidence span (the sentence) in the article's cleaned text."""

    article: str
    date: str | None
    source_actor: str
    type: str
    cameo_root: str
    target_actor: str | None
    start: int
    end: int
    negated: bool = False
    modality: str = "asserted"
    verb: str = ""
    date_how: str = "published"  # "text" when a date expression in the clause gave it
    verb_start: int = -1  # the verb itself, inside [start, end)
    verb_end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    cameo_root: dict[str, str]
    cameo_by_verb: dict[str, str]
    speech: frozenset[str]
    intent: frozenset[str]
    intent_verbs: frozenset[str]
    act_nouns: dict[str, str]
    modal: dict[str, str]
    not_events: frozenset[str]

    def root(self, type_: str, verb: str) -> str:
        return self.cameo_by_verb.get(verb.split()[0], self.cameo_root[type_])


@lru_cache(maxsize=1)
def lexicon(path: str | None = None) -> Lexicon:
    """The PLOVER verb lexicon and CAMEO table (``profiles/_plover.yaml``)."""
    data = yaml.safe_load(Path(path or PROFILES_DIR / "_plover.yaml").read_text(encoding="utf-8"))

    def invert(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: key for key, words in table.items() for word in words}

    return Lexicon(
        verbs=invert(data["verbs"]),
        cameo_root=data["cameo_root"],
        cameo_by_verb=data.get("cameo_by_verb", {}),
        speech=frozenset(data["speech"]),
        intent=frozenset(data["intent"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        act_nouns=invert(data["act_nouns"]),
        modal=invert(data["modal"]),
        not_events=frozenset(data.get("not_events", ())),
    )


@dataclass(frozen=True)
class _Name:
    name: str
    kind: str
    start: int
    end: int


class _Names:
    """Every actor named in one article: profiled aliases first, then spaCy entities."""

    def __init__(self, doc: Doc, profile: Profile, day: str | None) -> None:
        text = doc.text
        # A place in capitals opening a paragraph is a dateline ("KALLMORA —"), not an actor.
        datelines = [(m.start(), m.end()) for m in _DATELINE.finditer(text)]
        found = [_Name(m.actor.name, m.actor.kind, m.start, m.end) for m in profile.names_in(text)]
        taken = [(n.start, n.end) for n in found] + datelines
        found = [n for n in found if not any(s <= n.start < e for s, e in datelines)]
        places = [p.lower() for p in profile.places]
        for ent in doc.ents:
            words = ent.text.lower().split()
            if ent.label_ not in _NAME_LABELS or any(p.split()[:len(words)] == words for p in places):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue
            actor = profile.actor_for(ent.text, day)
            name = actor.name if actor else ent.text.removesuffix("’s").removesuffix("'s")
            found.append(_Name(name, actor.kind if actor else _NAME_LABELS[ent.label_], ent.start_char, ent.end_char))
        self.all = sorted(found, key=lambda n: n.start)
        self.datelines = datelines
        self.profile = profile
        self.day = day

    def within(self, start: int, end: int) -> list[_Name]:
        return [n for n in self.all if start <= n.start and n.end <= end]

    def last_person_before(self, offset: int) -> _Name | None:
        people = [n for n in self.all if n.kind == "person" and n.end <= offset]
        return people[-1] if people else None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its relative clauses and other embedded clauses."""
    out = [head]
    for child in head.children:
        # "minister of Korvath" belongs to the phrase; "accord in the Norvalese capital" does not.
        if child.dep_ not in _NP_CUT and (child.dep_ != "prep" or child.lower_ == "of"):
            out.extend(_np_tokens(child))
    return out


def _actors_of(head: Token, names: _Names, speaker: tuple[str, ...] = ()) -> list[str]:
    """The actors a noun phrase names: a person first, then an office, then a country or org.

    Coordinated phrases ("Korvath and Trevania") name one actor per conjunct.
    """
    if speaker and head.lower_ in _REPORTED_PRONOUNS:
        return list(speaker)  # "Putin said he ...", "X and Y announced that they ..."
    heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
    out = []
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    if any(c.dep_ == "cc" for m in mods for c in m.children):
        # "Korvathi and Trevanian negotiators": one phrase, one actor per coordinated modifier.
        for mod in mods:
            for m in (mod, *mod.conjuncts):
                actor = _actor_of(m, names)
                if actor and actor not in out:
                    out.append(actor)
        if len(out) > 1:
            return out
        out = []
    for h in heads:
        actor = _actor_of(h, names)
        if actor and actor not in out:
            out.append(actor)
    return out


def _actor_of(head: Token, names: _Names) -> str | None:
    toks = sorted(_np_tokens(head), key=lambda t: t.i)
    found = [n for n in names.all if any(t.idx <= n.start < t.idx + len(t) for t in toks)]
    people = [n for n in found if n.kind == "person"]
    on_head = [n for n in found if n.start <= head.idx < n.end]
    if on_head:
        return on_head[0].name
    if people:
        return people[0].name
    if head.lower_ in _PERSON_PRONOUNS:
        last = names.last_person_before(head.idx)
        return last.name if last else None
    if not found:
        return None
    nation = found[0]
    if head.pos_ == "NOUN" and not any(n.start <= head.idx < n.end for n in found):
        # "the Korvathi leader", "Russia's foreign minister": the office holder on the article's date.
        title = " ".join(t.lower_ for t in toks if nation.end <= t.idx and t.i <= head.i and t.pos_ in ("NOUN", "ADJ", "PROPN"))
        holder = names.profile.actor_for(f"{nation.name} {title}", names.day) if title else None
        if holder is not None and holder.kind == "person":
            return holder.name
    return nation.name


def _verb_key(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """(type, verb phrase) for a verb: "turn down" or "hold talks" before the bare lemma."""
    lemma = tok.lemma_.lower()
    particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    objects = [w for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for w in (c.lower_, c.lemma_.lower())]
    preps = [c.lower_ for c in tok.children if c.dep_ == "prep"]
    for word in (*particles, *objects, *preps):
        phrase = f"{lemma} {word}"
        if phrase in lex.not_events:
            return None
        if phrase in lex.verbs:
            return lex.verbs[phrase], phrase
    if lemma in lex.verbs:
        return lex.verbs[lemma], lemma
    if lemma in lex.intent_verbs:
        # "would consider direct talks", "will study the proposal for a ceasefire"
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            for word in (obj.lower_, obj.lemma_.lower(), *[g.lower_ for p in obj.children if p.dep_ == "prep" for g in p.children]):
                if word in lex.act_nouns:
                    return lex.act_nouns[word], f"{lemma} {word}"
    return None


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for c in tok.children):
        return True
    # "did not come to accept ultimatums": the purpose shares its governor's negation.
    return tok.dep_ in ("xcomp", "advcl") and any(c.dep_ == "neg" for c in tok.head.children) and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _modality(tok: Token, lex: Lexicon) -> str:
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "acomp", "conj") and cur.head is not cur:
        cur = cur.head
        chain.append(cur)
    found = "asserted"
    for t in chain:
        for c in t.children:
            kind = lex.modal.get(c.lower_) if c.dep_ in ("aux", "auxpass") else None
            if kind == "conditional":
                return "conditional"
            if kind == "future" and found == "asserted":
                found = "future"
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                return "conditional"
        if t is not tok and t.lemma_.lower() in lex.intent:
            found = "intent"
    if tok.lemma_.lower() in lex.intent_verbs and found == "asserted":
        found = "intent"
    return found


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, looked for up conjunctions, complements and relative clauses."""
    cur = tok
    for _ in range(6):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            return subj[-1]  # a dateline parsed as a second subject comes first
        agent = [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent[0]
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ in ("conj", "xcomp", "acomp", "advcl") and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _target_heads(tok: Token) -> list[Token]:
    """Candidate target phrases, strongest first: indirect object, object, prepositional objects."""
    kids = list(tok.children)
    heads = [c for c in kids if c.dep_ == "dative"]
    heads += [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acomp":
        kids += list(tok.head.children)
    kids += [g for c in kids if c.dep_ in ("advmod", "prt") for g in c.children]  # "walk away from X"
    for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
        # "with X as witnesses" names onlookers, not the other side.
        heads += [g for g in prep.children if g.dep_ == "pobj" and not any(p.lower_ == "as" for p in g.children)]
    for obj in list(heads):
        heads += [g for r in obj.children if r.dep_ == "relcl" for g in r.children if g.dep_ == "nsubj"]
        heads += [g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "against")
                  for g in p.children if g.dep_ == "pobj"]
    return heads


def _intent_type(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """For "ready for talks" / "open to a ceasefire": the type of the act named by the noun."""
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lemma_.lower() in lex.act_nouns or obj.lower_ in lex.act_nouns:
                return lex.act_nouns.get(obj.lower_) or lex.act_nouns[obj.lemma_.lower()], f"{tok.lemma_.lower()} {prep.lower_} {obj.lower_}"
    return None


def _is_condition(tok: Token) -> bool:
    """Is ``tok`` in a condition ("if Veshgrad accepted", "when Trevania is ready")? Conditions are not acts."""
    cur = tok
    for _ in range(4):
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
        if marks & {"if", "unless", "once"}:
            return True
        if "when" in marks and cur.tag_ in ("VBZ", "VBP") or "when" in marks and any(c.tag_ in ("VBZ", "VBP") for c in cur.children if c.dep_ == "auxpass" or c.dep_ == "aux"):
            return True
        if cur.dep_ not in ("xcomp", "acomp", "conj") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _not_a_clause(tok: Token) -> bool:
    """A verb form used as a noun ("reported shelling") or a bare passive participle ("Asked why, ...")."""
    if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "compound", "amod"):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(c.dep_.startswith("nsubj") or c.dep_ == "aux" for c in tok.children)


def _content_of_coded(tok: Token, lex: Lexicon) -> bool:
    """Is ``tok`` the complement of a coded verb ("agreed to exchange"), and so not coded itself?"""
    if tok.dep_ not in ("xcomp", "ccomp"):
        return False
    head = tok.head
    if head.lemma_.lower() in lex.speech:
        return False
    return _verb_key(head, lex) is not None


def _speaker_of(tok: Token, names: _Names) -> tuple[str, ...]:
    """For a verb inside reported speech, the person who reports it ("Putin said he would ...")."""
    cur = tok
    while cur.dep_ in ("ccomp", "conj", "xcomp") and cur.head is not cur:
        cur = cur.head
        if cur.lemma_.lower() in lexicon().speech:
            subj = [c for c in cur.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in _REPORTED_PRONOUNS:
                return tuple(_actors_of(subj[0], names))
    return ()


def _date_in(tok: Token, dates: list, default: str | None) -> tuple[str | None, str]:
    """A day named in the verb's own clause ("on Tuesday"), else the publication date."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
            continue
        lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        for d in dates:
            if lo <= d.start and d.end <= hi and d.value and d.granularity == "day" and d.value == d.value_end:
                return d.value, "text"
    return default, "published"


def _sentence_span(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def code_actions(article: Article, doc: Doc | None = None, profile: Profile | None = None) -> list[Action]:
    """Every political action the article's sentences state, coded PLOVER + CAMEO root."""
    profile = profile or default_profile()
    lex = lexicon()
    doc = doc if doc is not None else nlp.parse(article.text)
    names = _Names(doc, profile, article.published)
    dates = date_expressions(article.text, article.published)
    out: list[Action] = []
    for sent in doc.sents:
        if len(sent) > MAX_TOKENS:
            continue
        seen = set()
        for tok in sent:
            for action in _code_token(tok, sent, names, dates, article, lex):
                # "did not travel ... to accept": one act, found through two verbs.
                key = (action.source_actor, action.type, action.target_actor)
                if key not in seen:
                    seen.add(key)
                    out.append(action)
    return out


def _code_token(tok: Token, sent: Span, names: _Names, dates: list, article: Article, lex: Lexicon) -> list[Action]:
    if tok.pos_ == "ADJ" and tok.lemma_.lower() in lex.intent:
        found = _intent_type(tok, lex)
    elif tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
        found = None if _content_of_coded(tok, lex) else _verb_key(tok, lex)
        if found and found[1] in ("want", "seek") and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            found = None  # "wants to highlight": the wanting is the intent of what follows
    else:
        found = None
    if found is None or found[1] in lex.not_events or _is_condition(tok) or _not_a_clause(tok):
        return []
    type_, verb = found
    negated = _negated(tok)
    if negated:
        if type_ not in COOPERATIVE:
            return []
        type_ = "REJECT"
    subj = _subject(tok)
    if subj is None:
        return []
    if any(s <= subj.idx < e for s, e in names.datelines):
        subj = next((c for c in subj.children if c.dep_ == "appos"), None)
        if subj is None:
            return []
    speaker = _speaker_of(tok, names)
    sources = _actors_of(subj, names, speaker)
    if tok.dep_ == "acomp" or tok.pos_ == "ADJ":
        modality = "conditional" if _modality(tok, lex) == "conditional" else "intent"
    else:
        modality = _modality(tok, lex)
    targets: list[str] = []
    for head in _target_heads(tok):
        if head.i == subj.i:
            continue
        targets = _actors_of(head, names)
        if targets:
            break
    if not targets:
        # "refused to negotiate with X": the target sits in the complement.
        for comp in (c for c in tok.children if c.dep_ == "xcomp"):
            for head in _target_heads(comp):
                targets = _actors_of(head, names)
                if targets:
                    break
    day, how = _date_in(tok, dates, article.published)
    start, end = _sentence_span(sent)
    out = []
    for source in sources:
        aims = [t for t in targets if t != source]
        if not aims and len(sources) > 1:
            aims = [s for s in sources if s != source][:1]  # "A and B agreed": each with the other
        out.append(Action(
            article=article.id, date=day, source_actor=source, type=type_,
            cameo_root=lex.root(type_, verb), target_actor=aims[0] if aims else None,
            start=start, end=end, negated=negated, modality=modality, verb=verb, date_how=how,
            verb_start=tok.idx, verb_end=tok.idx + len(tok),
        ))
    return out
