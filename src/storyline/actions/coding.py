"""Coding a sentence: each verb, named act and demand it states, as one PLOVER action with its CAMEO root."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import nlp
from ..datexpr import date_expressions
from ..profile import Profile, default_profile
from ..records import Article
from .clauses import (
    _agentless_passive, _armed, _complement_type, _content_of_coded, _content_of_demand, _demanded, _infinitive,
    _intent_type, _is_condition, _lemma, _modality, _negated, _not_a_clause, _people, _subject, _target_heads,
    _verb_key,
)
from .lexicon import (
    _ANSWERED_ACTS, COOPERATIVE, _COUNTERPARTS, _DECISIONS, HOSTILE, _JUDGING, _ORDERING, _PROPOSALS, _TITLES, Lexicon,
    _intended, lexicon,
)
from .names import _Names, _actors_of, _counterpart, _decider, _reporting_verb, _speaker_of

# What one side suspends towards another (CAMEO 16); suspending anything else restricts (17).
_RELATIONS = frozenset("relation tie membership cooperation aid assistance talk negotiation mediation trade import "
                       "export flight delivery shipment funding visa travel participation agreement deal accord "
                       "treaty".split())
# What a denial answers: rejecting these is no refusal of an act.
_CHARGES = frozenset("accusation allegation charge criticism".split())
# Promises of a hostile act are threats.
_PROMISES = frozenset("vow pledge promise commit".split())
_THREATENED = frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "THREATEN"))
# People one dismisses ("fired his chief of staff"), and what one attacks with words.
_STAFF = frozenset("chief head director deputy aide adviser advisor staff employee worker coach spokesman spokeswoman".split())
_SAYINGS = frozenset("budget policy law bill remarks comment comments statement report plan reform reforms idea "
                     "record speech claim claims approach strategy".split())
# Prepositions of time and circumstance: a named act after them is background ("ahead of a visit by X").
_CIRCUMSTANCE = frozenset(("after", "before", "during", "following", "amid", "since", "until", "despite", "ahead of",
                           "eve of", "wake of", "aftermath of", "run-up of", "prior to"))
# Groups without arms: what they occupy or block, they occupy in protest.
_CIVILIANS = frozenset("protesters demonstrators students activists strikers workers farmers teachers doctors nurses "
                       "lawyers miners supporters opposition".split())
_OCCUPYING = frozenset(("occupy", "blockade"))
# Acts two sides do with each other: "A and B agreed" is each with the other, "A and B urged" is not.
_MUTUAL = frozenset(("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "RETREAT"))
# Hostile acts that two sides do to each other: "Ethiopian and Eritrean troops exchanged fire".
_RECIPROCAL = frozenset(("exchange fire", "trade fire", "clash", "fight", "skirmish"))
# Verbs that make a proposal the next "the offer" can refer back to.
_PROPOSING = frozenset(("offer", "propose", "make offer", "make proposal", "issue proposal", "invite"))
# What answers a request rather than an offer: "rejects such demands" answers whoever made them.
_REQUESTS = frozenset("call demand ultimatum".split())
# Reactions to what another side did.
_REACTIONS = frozenset(("REJECT", "ACCUSE", "SUPPORT"))
# Nouns that name the doing of the act in their "of" phrase: "the imposition of sanctions".
_DOING = frozenset("imposition announcement launch deployment resumption declaration introduction".split())
# Prepositions that give a named act its doer: "an apology from Prabowo", "sanctions by the EU".
_AGENT_PREPS = frozenset(("by", "from"))
# Meeting verbs whose object is the other side: "met the returning servicemen" is no consultation.
_MEETING = frozenset("meet visit host".split())
# Nouns whose "with X" / "between X and Y" name the other side of a negotiation.
_TALKS = frozenset("talk talks negotiation negotiations dialogue round meeting summit".split())
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


# Acts performed by the words themselves: the day they were said is the day they were done.
_SAID_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT"})


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
    if not targets and tok.dep_ == "dobj" and type_ in ("ACCUSE", "PROTEST", "SUPPORT"):
        # "the Kremlin's refusal drew criticism from Paris": the reaction is to whoever did what drew it
        drew = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        targets = [t for d in drew for t in _actors_of(d, names) if t not in sources]
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
    ruled = next((c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() == "rule"
                  and any(p.dep_ == "prt" and p.lower_ == "out" for p in c.children)), None)
    if type_ == "REJECT" and ruled is not None:
        # "refused to rule out a strike": as "did not rule out", the act ruled out is left possible
        tok, verb, negated, objects = ruled, "rule out", True, [c for c in ruled.children if c.dep_ == "dobj"]
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
    if how == "published" and (modality != "asserted" or type_ in _SAID_ACTS):
        # "on Monday, Putin said he would be open to talks": an act done by saying it is dated by the saying
        day, how = _date_in(_reporting_verb(tok) or tok, dates, article.published)
    start, end = _sentence_span(sent)
    out = []
    for source in sources:
        own = names.profile.actor(source)
        kind = own.kind if own else names.kind_of.get(source)
        # a government "protests" through its diplomats: a complaint (CAMEO 114), not dissent
        act_type = "ACCUSE" if verb.split()[-1] == "protest" and kind == "country" and not _people(subj) else type_
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
