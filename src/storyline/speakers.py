"""Who is speaking: speech cues, their subjects, and resolving a mention to a named actor.

A mention can be a name ("Hawn" -> "Jeff Hawn"), a pronoun (the most recent named person
before it, outside quotations), a description ("the Ukrainian president" -> the person introduced
with that role) or an organisation ("the Kremlin"). When none of these settles it the speaker is
``None`` and ``reason`` says why: we never guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .actors import ROLE_NOUNS, ArticlePeople, looks_like_name, name_tokens

# Verbs that introduce what someone said (lemmas). Data: extend freely.
SPEECH_VERBS = frozenset(
    """say tell add note warn claim insist argue announce explain stress state declare confirm
    deny acknowledge admit assert suggest write tweet post reply respond ask urge predict promise
    vow reiterate emphasize emphasise repeat comment remark observe contend maintain concede
    testify allege recall caution complain mention answer counter conclude estimate quip joke
    disclose reveal hint pledge signal threaten demand propose recount lament scoff retort exclaim
    whisper shout yell boast brag charge agree""".split()
)

# Verbs that introduce a quotation only when set right beside it ("X continued: “...”", "the
# statement read, “...”"); elsewhere they are not speech ("the talks continued"). Data.
FRAME_VERBS = frozenset("continue read go".split())

# Nouns that carry reported content ("Putin's claim that ...").
SPEECH_NOUNS = frozenset(
    """claim statement assertion insistence warning remark pledge promise suggestion argument
    conclusion acknowledgment acknowledgement admission allegation accusation contention assurance
    prediction message""".split()
)

# Verbs that put a quoted name on something ("described it as a 'starting point'").
NAMING_VERBS = frozenset("call describe dub term label brand dismiss deem characterize characterise refer".split())

# Forms of speech verbs that the tagger sometimes reads as nouns or adjectives.
ALWAYS_VERBS = frozenset("said says told tells added adds says, noted notes explains explained".split())

# Nouns for an organisation that a definite description can refer back to ("the ministry said"). Data.
BODY_NOUNS = frozenset(
    """ministry office agency committee department council commission court embassy campaign
    company union party parliament assembly institute foundation bureau authority""".split()
)

PERSON_PRONOUNS = frozenset("he she him her his".split())  # "his claim that ..."
GROUP_PRONOUNS = frozenset("they we i you it them us".split())
RELATIVE_PRONOUNS = frozenset("who whom that which".split())
_DASHES = frozenset("— – - --".split())
NAME_DEPS = frozenset("compound flat det amod nmod nummod poss case".split())


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical ``name`` or ``None`` with ``reason``."""

    name: str | None
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None
    org: str | None = None
    kind: str | None = None  # "person" | "org"
    reason: str | None = None


def is_cue(tok: Token, naming: bool = False, frame: bool = False) -> bool:
    """Is ``tok`` a speech verb (or, with ``naming``, a naming verb; with ``frame``, a verb that
    only frames a quotation set beside it)?"""
    lemma = tok.lemma_.lower()
    if tok.lower_ in ALWAYS_VERBS:
        return True
    if frame and tok.pos_ in ("VERB", "AUX") and lemma in FRAME_VERBS:
        # "went on" frames; "went to Paris" does not
        return lemma != "go" or any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children)
    if tok.pos_ == "NOUN" and naming and lemma in SPEECH_NOUNS:
        return any(c.dep_ in ("acl", "ccomp") for c in tok.children)
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "point":  # "pointed out that ..."; "pointed to the map" is not speech
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    return lemma in SPEECH_VERBS or naming and lemma in NAMING_VERBS


def subject(verb: Token, allowed: set[int] | None = None) -> Token | None:
    """The grammatical subject of ``verb``, climbing through ``adding``/``while stressing`` clauses."""
    for _ in range(4):
        if verb.pos_ == "NOUN":
            # "Putin's claim that ...": the possessor made the claim
            return next((c for c in verb.children if c.dep_ == "poss" and (allowed is None or c.i in allowed)), None)
        for child in verb.children:
            if child.dep_ == "nsubj" and (allowed is None or child.i in allowed):
                return child
            # "He's dismissed it": the tagger reads the contracted "has" as a passive "is"
            if child.dep_ == "nsubjpass" and any(c.dep_ == "auxpass" and c.text in ("'s", "’s") for c in verb.children):
                return child
            # "X has, time and again, reiterated ...": an aside splits the parse, the subject hangs on "has"
            if child.dep_ == "aux" and child.i < verb.i:
                found = next((c for c in child.children if c.dep_ == "nsubj" and (allowed is None or c.i in allowed)), None)
                if found is not None:
                    return found
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
            head = verb.head
            if verb.tag_ == "VBG" and head.dep_ == "ccomp" and is_cue(head.head):
                # "X noted that the plan works, while stressing ...": the parse hangs the
                # reporter's participle on the reported clause; the one stressing is X
                head = head.head
            verb = head
            continue
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i and verb.head.lower_ != "without":
            # "By saying ..., X made a choice", "aside from saying ..., he refuses": X said it
            # ("without saying" says nothing)
            verb = verb.head.head
            if verb.dep_ == "advmod" and verb.pos_ == "ADV" and verb.head.i != verb.i:
                verb = verb.head  # "aside from saying"
            continue
        break
    return None


def hypothetical(verb: Token) -> bool:
    """A cue under a modal ("may say", "will likely argue"): words nobody has said yet."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("would",) for c in verb.children)


def inverted_subject(verb: Token, allowed: set[int]) -> Token | None:
    """The speaker after the verb when the parse missed it ("says Hawn" read as an object)."""
    for child in verb.rights:
        if child.i in allowed and child.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos") and child.pos_ in ("PROPN",):
            return child
    return None


def mention_span(head: Token) -> Span:
    """The words naming ``head``'s referent: the head with its name-like left modifiers."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in NAME_DEPS or child.text in "-‑":
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("flat",) or child.text in ("’s", "'s"):
            end = max(end, child.i + 1)
    while start < head.i and (doc[start].is_punct or doc[start].is_space or "\n" in doc[start].text_with_ws):
        start += 1
    span = doc[start:end]
    while len(span) > 1 and span[-1].text in ("’s", "'s", "’", "'"):
        span = span[:-1]
    return span


def dateline(tok: Token) -> bool:
    """"VESHGRAD — ...": a place in capitals opening a paragraph, which the parse may make the subject."""
    doc = tok.doc
    first = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
    return first and tok.is_upper and len(tok.text) > 1 and tok.i + 1 < len(doc) and doc[tok.i + 1].text in _DASHES


def named_by_apposition(head: Token) -> Token:
    """The name set beside a description ("Korvath's president, Aurel Voss"), else ``head`` itself."""
    for _ in range(3):
        appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        if appos is None:
            break
        if dateline(head) or head.pos_ == "NOUN" and head.lemma_.lower() in ROLE_NOUNS and appos.pos_ == "PROPN":
            head = appos
        else:
            break
    return head


def _antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Marek, who had arrived promising ...")."""
    for anc in pronoun.ancestors:
        if anc.dep_ == "relcl":
            return anc.head
    return None


def resolve(span: Span, people: ArticlePeople, at: int) -> Speaker:
    """Resolve a speaker mention to a canonical actor, or say why it cannot be."""
    head = span.root
    text = span.text
    base = {"mention": text, "start": span.start_char, "end": span.end_char}
    if head.lower_ in RELATIVE_PRONOUNS and head.tag_ in ("WP", "WDT"):
        noun = _antecedent(head)
        if noun is not None and noun.i != head.i:
            # like a personal pronoun, the mention stays the pronoun; the name comes from its noun
            found = resolve(mention_span(named_by_apposition(noun)), people, noun.idx)
            return replace(found, **base)
    if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        if head.lower_ in PERSON_PRONOUNS:
            person = people.most_recent(at, head)
            if person is None:
                return Speaker(None, reason="pronoun with no agreeing named person before it", **base)
            return Speaker(person.name, role=person.role, org=person.org, kind="person", **base)
        return Speaker(None, reason=f"pronoun {head.text!r} names no one", **base)
    name = name_tokens(span)
    if name is None and head.pos_ == "PROPN" and people.canonical(head.text) != head.text:
        # the surname of a person named in full before, which the model tagged a place ("Nervo wrote")
        known = people.person(head.text)
        if known is not None:
            return Speaker(known.name, role=known.role, org=known.org, kind="person", **base)
    if name is not None and people.is_place(name.text):
        return Speaker(name.text, kind="org", **base)
    if name is not None and name.root.pos_ == "PROPN" or name is not None and looks_like_name(name) and name.root.ent_type_:
        canon = people.canonical(name.text)
        known = people.person(name.text)
        org_like = name.root.ent_type_ in ("ORG", "GPE", "NORP", "FAC") and (known is None or canon == name.text and not name.root.ent_type_ == "PERSON" and len(known.spans) <= 1)
        if known is not None and (canon != name.text or not org_like):
            return Speaker(known.name, role=known.role, org=known.org, kind="person", **base)
        if org_like or not looks_like_name(name):
            ent = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ == "ORG"), None)
            org = ent.text if ent is not None and ent.start >= span.start else name.text  # "the Ministry of Defence"
            org = org[4:] if org.lower().startswith("the ") else org
            return Speaker(org, kind="org", **base)
        people.add(name)
        person = people.person(name.text)
        if person is not None:
            return Speaker(person.name, role=person.role, org=person.org, kind="person", **base)
    if head.lemma_.lower() in ROLE_NOUNS and head.tag_ in ("NN", "NNP"):
        # a common-noun possessor ("the president's spokesman") says whose, not which office
        words = [
            t.text for t in span
            if t.pos_ in ("ADJ", "PROPN", "NOUN") and t.i != head.i and not (t.dep_ == "poss" and t.pos_ == "NOUN")
        ] + [head.lemma_]
        if any(t.lower_ in ("a", "an", "one", "another") for t in span):
            return Speaker(None, reason="unnamed person", **base)
        person = people.by_description(words, at)
        if person is None:
            return Speaker(None, reason=f"no named person introduced as {text!r}", **base)
        return Speaker(person.name, role=person.role, org=person.org, kind="person", **base)
    if head.tag_ in ("NNS", "NNPS"):
        return Speaker(None, reason="unnamed group", **base)
    body = _named_body(span, at)
    if body is not None:
        return Speaker(body, kind="org", **base)
    return Speaker(None, reason=f"{text!r} is not a named speaker", **base)


def _named_body(span: Span, at: int) -> str | None:
    """"the ministry" for the Ministry of Defence named before it: the nearest organisation
    before ``at`` whose name holds the description's noun."""
    head = span.root
    if head.lemma_.lower() not in BODY_NOUNS or not any(t.lower_ == "the" for t in span) or len(span) > 3:
        return None
    for ent in reversed(head.doc.ents):
        if ent.end_char <= at and ent.label_ == "ORG" and any(t.lemma_.lower() == head.lemma_.lower() for t in ent):
            return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    return None


def find_cue(tokens: Iterable[Token], allowed: set[int], naming: bool = False, frame: bool = False) -> Token | None:
    """The speech verb among ``tokens`` (nearest first, as given)."""
    for tok in tokens:
        if tok.i in allowed and is_cue(tok, naming, frame):
            return tok
    return None


def speaker_of(verb: Token, allowed: set[int], people: ArticlePeople) -> Speaker | None:
    """Resolve the speaker of cue ``verb``; ``None`` when the verb has no subject in reach."""
    subj = subject(verb, allowed) or inverted_subject(verb, allowed)
    if subj is None:
        return None
    subj = named_by_apposition(subj)
    return resolve(mention_span(subj), people, subj.idx)


def according_to(tokens: Iterable[Token], allowed: set[int]) -> Token | None:
    """The object of an "according to X" in ``tokens``, if any."""
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            for child in tok.nbor(1).children:
                if child.dep_ == "pobj" and child.i in allowed:
                    return child
    return None


def sentence_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of doc overlapping chars ``start``..``end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []
