"""What a verb says: its PLOVER type, its subject and targets, its negation and modality, and whether it
is an act at all (a condition, a complement of another act, a verb used as a noun)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import _ANSWERED_ACTS, _DECISIONS, HOSTILE, _JUDGING, _ORDERING, _PROPOSALS, _QUANTITIES, Lexicon, lexicon

_TARGET_PREPS = frozenset("with to against toward towards on at from into between".split())
# Where an act happens is not whom it is done to: "poured into the streets of Nairobi".
_PLACE_NOUNS = frozenset("street streets square city capital town border region area province district".split())
# "After rejecting the offer, Putin announced": the gerund's subject is the main clause's.
_TIME_PREPS = frozenset("after before since while upon on by".split())
# Words of a time still to come: "would travel next week" reports a plan, not a condition.
_AHEAD = frozenset("next tomorrow later soon coming upcoming".split())
# Verbs whose infinitive, however the parser hangs it, is what they ask, offer, refuse or threaten.
_CONTENT_TYPES = frozenset(("REQUEST", "AGREE", "REJECT", "THREATEN"))
# Verbs that judge their object by what they name it: "called the plan reckless", "described the ban as a violation".
_NAMING = frozenset("call describe brand label dub term".split())
_ARMED = frozenset("troop troops force forces soldier soldiers guard guards police militant militants rebel rebels "
                   "fighter fighters army militia militias navy insurgents gunmen".split())
# The modal that turns a reported "X must do Y" into a demand on X.
_DEMAND_AUX = frozenset(("must",))
# Passives that lend their subject to their complement: "X is expected / set / due to ...".
_RAISING = frozenset("expect set schedule due suppose poise".split())
# "Called the talks constructive" praises; "called the plan reckless" blames.
_PRAISE = frozenset("constructive positive productive historic good useful important success successful "
                    "breakthrough excellent fruitful encouraging welcome".split())
_BLAME = frozenset("unacceptable reckless dangerous illegal unlawful provocation provocative aggression terrorism "
                   "blackmail absurd irresponsible outrageous disgrace shameful violation hostile lie lies propaganda "
                   "farce sham fraud betrayal mistake insult slammed unconstitutional invalid coup".split())


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
    # "Neither Russia nor Ukraine has agreed": a subject denied in full
    if any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("preconj", "det") and g.lower_ == "neither" for g in c.children)
           for c in tok.children):
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


def _demanded(tok: Token, lex: Lexicon) -> bool:
    """ "Russia said Sudan must return the helicopter": the returning is demanded, not done."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lex.speech | {"insist", "declare", "demand"} and \
        any(c.dep_ == "aux" and c.lower_ in _DEMAND_AUX for c in tok.children)


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
