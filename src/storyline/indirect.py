"""Reported speech: the content clauses of speech verbs outside quotation marks.

``indirect`` reads each speech verb's clause ("X said the talks failed", "<clause>, X said"),
``according`` the clauses credited with "according to" a person. Both work on the per-article
state built in ``quotes`` (text, doc, quoted runs, people) and skip spans already taken by
direct quotations.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .actors import ROLE_NOUNS
from .records import CitedSource, Quote
from .speakers import PERSON_PRONOUNS, SPEECH_NOUNS, Speaker, dateline, hypothetical, is_cue, mention_span, named_by_apposition
from .speakers import resolve, speaker_of, subject

# Speech verbs whose clause is a question, not content ("asked whether ...").
NOT_ASSERTING = frozenset({"ask", "wonder", "inquire", "enquire"})

# Subordinators that, after a comma, open a clause set against the reported one.
CONTRASTING = frozenset({"while", "whereas", "whilst"})

CLOSING_MARKS = frozenset("”’\"'»")

# Speech verbs whose object is what is said ("reiterated his desire for a truce"); not "announced
# a truce" or "proposed talks", whose object is a deed. Data.
CONTENT_OBJECT_VERBS = frozenset("reiterate repeat claim pledge promise reaffirm voice express".split())

# Speech verbs whose infinitive is what is promised or threatened ("threatened to walk away").
INFINITIVE_VERBS = frozenset("threaten promise pledge vow".split())

# Speech verbs that also infer ("the refusal suggests that ..."): speech only with a speaking subject.
INFERRING_VERBS = frozenset("suggest signal indicate".split())

# Subjects that deny the saying ("neither capital has confirmed that ...").
NOBODY = frozenset("neither no none nobody".split())

# Verbs whose object and infinitive are what was asked for ("urged lawmakers to act"). Data.
DIRECTIVE_VERBS = frozenset("urge ask tell encourage exhort implore advise order instruct beg press invite challenge warn".split())

# Verbs that pass a spoken judgement on someone, with the preposition that gives the grounds
# ("accused X of ...", "blamed X for ..."). Data.
JUDGING_VERBS = {
    **dict.fromkeys("accuse suspect".split(), "of"),
    **dict.fromkeys("blame criticize criticise fault praise thank condemn chastise rebuke commend applaud".split(), "for"),
    **dict.fromkeys("attack blast slam".split(), "for"),
}

# Judging verbs that in war news are deeds ("attacked Kyiv for a third night"): speech only when
# a person does it, for what someone did or said ("blasted him for not paying tax").
DEED_VERBS = frozenset("attack blast slam".split())

# Verbs that put a judgement in the words of a name ("called the vote a mistake", "described X as Y").
JUDGING_NAMES = frozenset("call describe label brand dub dismiss denounce characterize characterise".split())

# Verbs of findings and rulings: what a study, poll or court states ("A study found that ...").
FINDING_VERBS = frozenset("find show indicate rule".split())

ACT_VERBS = DIRECTIVE_VERBS | JUDGING_VERBS.keys() | JUDGING_NAMES | FINDING_VERBS

# Subjects that can state a finding or ruling. Data.
FINDING_NOUNS = frozenset(
    """study studies poll polls survey surveys report reports analysis data research review audit
    investigation inquiry probe panel court judge jury commission tribunal committee""".split()
)

# Words for people that can speak without being named ("critics urged ...", "officials accused ..."). Data.
SPEAKING_GROUPS = frozenset(
    """official officials critic critics lawmaker lawmakers leader leaders expert experts analyst
    analysts activist activists protester protesters opponent opponents supporter supporters
    campaign administration government ministry party union group""".split()
)

# Nouns for the saying itself, not its content ("repeated the statement", "denied the report").
SPEECH_EVENTS = frozenset("statement remark comment question speech interview line call message word point report claim stance position view".split())


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def speaker_fields(sp: Speaker | None, reason: str) -> dict:
    if sp is None:
        return {"speaker": None, "reason": reason}
    return {
        "speaker": sp.name,
        "speaker_mention": sp.mention,
        "role": sp.role,
        "org": sp.org,
        "speaker_start": sp.start,
        "speaker_end": sp.end,
        "reason": sp.reason,
    }


def text_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and a trailing comma that belongs to the frame, not the speech."""
    start, end = _strip(text, start, end)
    while end > start and text[end - 1] in ",;":
        end -= 1
    return _strip(text, start, end)



def indirect(art, taken: list[tuple[int, int]]) -> list[Quote]:
    """Content clauses of speech verbs outside quotation marks ("X said he would ...")."""
    out: list[Quote] = []
    for verb in art.doc:
        if verb.i not in art.outside or not is_cue(verb) or verb.pos_ not in ("VERB", "AUX") or hypothetical(verb):
            continue
        if verb.lemma_.lower() in NOT_ASSERTING or _unsaid(verb):
            continue
        if verb.lemma_.lower() in INFERRING_VERBS and _speaking_subject(verb, art) is None:
            continue  # "the refusal suggests that ...": an inference, not speech
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        spans: list[tuple[int, int]] = []
        misparsed = _misparsed_complements(verb)
        for clause in [*(c for c in verb.children if c not in misparsed), *misparsed]:
            # a clause before its verb is reported speech in wire style ("..., the mediator said")
            inverted = any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children)
            if clause.dep_ not in ("ccomp", "relcl") and clause not in misparsed or clause.dep_ == "relcl" and clause.i < verb.i:
                continue
            if clause.i < verb.i and not (inverted or has_subject and _wire_style(clause, verb)):
                continue
            for toks in _clauses(clause):
                span = _content_span(art, toks)
                if span is None or any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                if _mostly_quoted(art, span, 0.5 if clause.i < verb.i else 0.9):
                    continue  # a quotation with its frame ("..., “...”, says X"), not reported speech
                spans.append(span)
        colon = _after_colon(art, verb) if not spans else None
        spans += [colon] if colon is not None and not any(s < colon[1] and colon[0] < e for s, e in taken) else []
        subj_sp = speaker_of(verb, art.outside, art.people) if spans else None
        for span in _join_semicolons(art.text, spans) if subj_sp is not None else ():
            out.append(_indirect_quote(art, span, verb.text, subj_sp))
        lead = _lead_clause(art, verb) or _aside(art, verb) if has_subject else None
        if lead is not None and not any(s < lead[1] and lead[0] < e for s, e in taken):
            subj_sp = speaker_of(verb, art.outside, art.people)
            if subj_sp is not None:
                out.append(_indirect_quote(art, lead, verb.text, subj_sp))
        if not any(c.dep_ == "ccomp" for c in verb.children):
            for span, sp in _nominal(art, verb):
                if not any(s < span[1] and span[0] < e for s, e in taken + [(q.start, q.end) for q in out]):
                    out.append(_indirect_quote(art, span, verb.text, sp))
    out += _noun_clauses(art, taken)
    out += _acts(art, taken + [(q.start, q.end) for q in out])
    return out + _headlines(art, taken + [(q.start, q.end) for q in out])


_HEADLINE = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): +(\S[^\n]*)")


def _headlines(art, taken: list[tuple[int, int]]) -> list[Quote]:
    """"Sanders: Clinton needs a new tone": a headline line that opens with a person and a colon
    reports what that person said. Only a person the article names elsewhere too (not "Poll:",
    "Reddit:", "Bottom Line:"), only a short line, and not a transcript's "PENCE:" label, whose lines are the
    speaker's own words."""
    out = []
    for p_start, p_end in art.paras:
        m = _HEADLINE.fullmatch(art.text, p_start, p_end)
        if m is None or m.group(1).isupper() or len(m.group(2).split()) > 25:
            continue
        span = art.doc.char_span(m.start(1), m.end(1))
        known = art.people.person(span.text) if span is not None else None
        if known is None or not any(not p_start <= a < p_end for a, _ in known.spans):
            continue  # a person the article names elsewhere, not a title-case heading ("Bottom Line:")
        content = _content_span(art, [t for t in art.doc.char_span(m.start(2), m.end(2), alignment_mode="expand") or ()])
        if content is None or _mostly_quoted(art, content) or any(s < content[1] and content[0] < e for s, e in taken):
            continue
        sp = resolve(span, art.people, span.start_char)
        if sp.name is not None and sp.kind == "person":
            out.append(_indirect_quote(art, content, ":", sp))
    return out


def _acts(art, taken: list[tuple[int, int]]) -> list[Quote]:
    """Speech acts whose content is not a clause: requests ("urged lawmakers to act", "called on X
    to ...", "called for talks"), judgements ("accused X of ...", "called the vote a mistake")
    and findings or rulings ("a study found that ..."). Only with a subject that can speak."""
    out: list[Quote] = []
    for verb in art.doc:
        lemma = verb.lemma_.lower()
        if lemma not in ACT_VERBS or verb.pos_ != "VERB" or verb.i not in art.outside or hypothetical(verb) or _unsaid(verb):
            continue
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl") and not is_cue(verb.head):
            continue  # "left a day early, accusing X of ...": the act hangs on a deed, not on speech
        found = _finding(verb) if lemma in FINDING_VERBS else _request(verb) or _judgement(verb)
        if found is None:
            continue
        quoted = any(r.start < found[-1].idx + len(found[-1]) and found[0].idx < r.end for r in art.runs)
        if quoted and lemma not in FINDING_VERBS:
            continue  # "called him a “quack”": the quoted words are a partial quote of their own
        span = _content_span(art, found)
        if span is None or _mostly_quoted(art, span) or any(s < span[1] and span[0] < e for s, e in taken):
            continue
        sp = _speaking_subject(verb, art, finding=lemma in FINDING_VERBS)
        if sp is not None:
            out.append(_indirect_quote(art, span, verb.text, sp))
            taken = taken + [span]
    return out


def _span_of(first: Token, last: Token) -> list[Token]:
    return list(first.doc[first.left_edge.i : last.right_edge.i + 1])


def _request(verb: Token) -> list[Token] | None:
    """"urged Republicans to join ...", "called on Trump to stop ...", "called for reducing the rate"."""
    lemma = verb.lemma_.lower()
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)), None)
    if lemma in DIRECTIVE_VERBS:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
        return _span_of(obj, inf) if obj is not None and inf is not None and obj.i < inf.i else None
    if lemma != "call":
        return None
    for prep in verb.children:
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if prep.dep_ != "prep" or obj is None or prep.i != verb.i + 1:
            continue
        if prep.lower_ in ("on", "upon") and inf is not None and obj.i < inf.i:
            return _span_of(obj, inf)
        if prep.lower_ == "for":
            return _span_of(obj, inf if inf is not None and inf.i > obj.i else obj)
    return None


def _judgement(verb: Token) -> list[Token] | None:
    """"accused the government of ...", "blasted him for ...", "called her vote a mistake",
    "described the plan as a trick"."""
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    if lemma in JUDGING_VERBS:
        grounds = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == JUDGING_VERBS[lemma] and c.i > obj.i), None)
        why = next((c for c in grounds.children if c.dep_ in ("pobj", "pcomp")), None) if grounds is not None else None
        if why is None or why.ent_type_ in ("DATE", "TIME"):
            return None  # "for not paying tax", not "for years"
        if lemma in DEED_VERBS and not (why.dep_ == "pcomp" or any(c.dep_ == "poss" for c in why.children)):
            return None
        return _span_of(obj, grounds)
    if lemma in JUDGING_NAMES:
        named = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i or c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        return _span_of(obj, named) if named is not None else None
    return None


def _finding(verb: Token) -> list[Token] | None:
    """"The study found that ...", "The appeals court ruled that ...": the that-clause."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or not any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
        return None
    found = _clauses(clause)
    return found[0] if found else None


def _speaking_subject(verb: Token, art, finding: bool = False) -> Speaker | None:
    """The speaker of a speech act when its subject is someone who can speak (a person, a body,
    a pronoun for one, an office, a group of officials) or, for a finding, a study or court."""
    subj = subject(verb, art.outside)
    if subj is None:
        return None
    head = named_by_apposition(subj)
    lemma = head.lemma_.lower()
    if finding:
        ok = lemma in FINDING_NOUNS or head.ent_type_ == "ORG"
    elif verb.lemma_.lower() in DEED_VERBS:
        ok = head.ent_type_ == "PERSON" or art.people.person(head.text) is not None or head.lower_ in PERSON_PRONOUNS
    else:
        ok = (
            head.pos_ == "PROPN" and head.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT")
            or head.ent_type_ in ("PERSON", "ORG", "NORP") or art.people.person(head.text) is not None
            or head.lower_ in PERSON_PRONOUNS | {"they", "we", "i", "who"}
            or lemma in ROLE_NOUNS
            or lemma in SPEAKING_GROUPS
        )
    return resolve(mention_span(head), art.people, head.idx) if ok else None


def _unsaid(verb: Token) -> bool:
    """A cue denied ("did not say that", "neither side confirmed that"): nothing was said."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.lower_ in NOBODY or subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children) or any(c.dep_ == "det" and c.lower_ in NOBODY for c in subj.children))


def _misparsed_complements(verb: Token) -> list[Token]:
    """Reported clauses the parse hangs elsewhere. "told a meeting of leaders that few people
    understood ...": the that-clause made a relative clause of the listener, given away by a
    "that" marking it (not its subject or object). "said after the convention he would not
    accept ...": a that-less clause after a time or place made an adverbial clause, given away
    by its own subject and no subordinator."""
    out = []
    for clause in verb.rights:
        subj = next((t for t in clause.children if t.dep_ in ("nsubj", "nsubjpass") and t.i < clause.i), None)
        if clause.dep_ != "advcl" or subj is None or clause.left_edge.i <= verb.i or any(m.dep_ == "mark" for m in clause.children):
            continue
        if verb.doc[subj.left_edge.i - 1].text not in ",;:—–-" and subj.pos_ in ("PRON", "PROPN", "NOUN"):
            out.append(clause)
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
            continue
        for tok in obj.subtree:
            if tok.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < tok.i for c in tok.children):
                out.append(tok)
    return out


def _join_semicolons(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses of one verb set side by side with a semicolon are one report ("... collapsed; rebuilding it ...")."""
    out: list[tuple[int, int]] = []
    for span in sorted(spans):
        if out and text[out[-1][1] : span[0]].strip() == ";":
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


def _after_colon(art, verb: Token) -> tuple[int, int] | None:
    """"X repeated a clear line: <content>": what follows a colon right after the verb's phrase."""
    doc = verb.doc
    colon = max(t.i for t in verb.subtree if t.dep_ != "punct" or t.i <= verb.i) + 1
    sent = verb.sent
    if colon >= sent.end - 1 or doc[colon].text != ":" or doc[colon].i < verb.i:
        return None
    toks = [t for t in doc[colon + 1 : sent.end] if not t.is_space]
    if not toks or any(t.i not in art.outside for t in toks if not t.is_punct):
        return None
    span = _content_span(art, toks)
    return None if span is None or _mostly_quoted(art, span) else span


def _mostly_quoted(art, span: tuple[int, int], share: float = 0.5) -> bool:
    """Do quotation runs fill more than ``share`` of ``span``? (A fragment inside it does not.)"""
    inside = sum(max(0, min(r.end, span[1]) - max(r.start, span[0])) for r in art.runs)
    return inside > share * (span[1] - span[0])


def _nominal(art, verb: Token) -> list[tuple[tuple[int, int], Speaker]]:
    """What a speech verb reports without a clause: its object ("reiterated his desire for a
    truce"), its infinitive ("threatened to walk away"), "warned of ...", or, in the passive,
    its subject ("The threat was reiterated by X")."""
    lemma = verb.lemma_.lower()
    found: list[tuple[Token, list[Token]]] = []
    for child in verb.children:
        if child.dep_ == "dobj" and lemma in CONTENT_OBJECT_VERBS and _content_noun(child):
            found.append((child, list(child.subtree)))
        elif child.dep_ == "xcomp" and lemma in INFINITIVE_VERBS and child.pos_ == "VERB":
            found.append((child, [t for t in child.subtree if not (t.dep_ == "aux" and t.lower_ == "to" and t.head.i == child.i)]))
        elif child.dep_ == "prep" and child.lower_ in ("of", "against") and lemma == "warn":
            obj = next((c for c in child.children if c.dep_ == "pobj" and _content_noun(c)), None)
            if obj is not None:
                found.append((obj, list(obj.subtree)))
    out = []
    for head, toks in found:
        toks += _condition(verb, toks[-1].i)
        span = _content_span(art, toks)
        if span is None or _mostly_quoted(art, span) or any(t.i not in art.outside for t in toks if not t.is_punct):
            continue
        sp = speaker_of(verb, art.outside, art.people)
        if sp is not None:
            out.append((span, sp))
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass" and _content_noun(c)), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if passive is not None and agent is not None and lemma in CONTENT_OBJECT_VERBS:
        span = _content_span(art, list(passive.subtree))
        if span is not None and not _mostly_quoted(art, span):
            agent = named_by_apposition(agent)
            out.append((span, resolve(mention_span(agent), art.people, agent.idx)))
    return out


def _content_noun(tok: Token) -> bool:
    """A noun that can be what is said: not a pronoun, a name, or a word for the saying itself."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() not in SPEECH_EVENTS


def _condition(verb: Token, last: int) -> list[Token]:
    """An "if ..." clause right after the content, which belongs to it ("warned of sanctions if ...")."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.left_edge.i == last + 1 and child.left_edge.lower_ in ("if", "unless"):
            return list(child.subtree)
    return []


def _noun_clauses(art, taken: list[tuple[int, int]]) -> list[Quote]:
    """The clause of a possessed speech noun: "X's claim that the talks failed"."""
    out = []
    for noun in art.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS or noun.i not in art.outside:
            continue
        if not any(c.dep_ == "poss" for c in noun.children):
            continue  # "the claim that ...": nobody named makes it
        for clause in noun.children:
            if clause.dep_ not in ("acl", "ccomp") or not any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                continue
            for toks in _clauses(clause):
                span = _content_span(art, toks)
                if span is None or _mostly_quoted(art, span) or any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                sp = speaker_of(noun, art.outside, art.people)
                if sp is not None:
                    out.append(_indirect_quote(art, span, noun.text, sp))
    return out


def _lead_clause(art, verb: Token) -> tuple[int, int] | None:
    """"<sentence>, the ministry said, in ..." parsed with the verb aside (parataxis or conj):
    the words before the comma that opens the attribution, without a dateline."""
    if verb.dep_ not in ("parataxis", "conj") or verb.head.i > verb.i:
        return None
    doc = verb.doc
    comma = verb.left_edge.i if verb.left_edge.text == "," else verb.left_edge.i - 1
    sent = verb.sent
    if comma <= sent.start or doc[comma].text != ",":
        return None
    start = sent.start
    if dateline(doc[start]):
        start += 2
    toks = list(doc[start:comma])
    if any(t.i not in art.outside for t in toks):
        return None
    return _content_span(art, toks)


def _aside(art, verb: Token) -> tuple[int, int] | None:
    """"During his term, X said, most voters came to believe ...", "The bridge, X told reporters,
    will stay closed": the attribution set between commas inside the reported sentence. The
    content is what follows the aside, or the whole sentence when the words before it are the
    subject of what follows."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i < verb.i or any(c.dep_ == "ccomp" for c in verb.children):
        return None
    doc = verb.doc
    sent = verb.sent
    open_comma = verb.left_edge.i - 1 if verb.left_edge.text != "," else verb.left_edge.i
    close_comma = verb.right_edge.i + 1 if verb.right_edge.text != "," else verb.right_edge.i
    if not (sent.start < open_comma and close_comma < sent.end - 1) or doc[open_comma].text != "," or doc[close_comma].text != ",":
        return None
    lead = doc[sent.start : open_comma]
    subject_first = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == head.i for t in lead)
    # with the subject first the span must hold the aside too: a quotation is one stretch of text
    toks = [t for t in doc[sent.start if subject_first else close_comma + 1 : sent.end] if not t.is_space]
    if any(t.i not in art.outside for t in toks):
        return None
    return _content_span(art, toks)


def _wire_style(clause: Token, verb: Token) -> bool:
    """"<clause>, the mediator said": the clause ends with a comma right before the verb's subject."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    comma = clause.right_edge.i + 1
    return subj is not None and clause.i < subj.i < verb.i and comma < len(doc) and doc[comma].text == "," and subj.left_edge.i == comma + 1


def according(art, taken: list[tuple[int, int]], sources: tuple[CitedSource, ...]) -> list[Quote]:
    """Reported content credited to people: "<clause>, according to two diplomats" (outlets are cited sources)."""
    out: list[Quote] = []
    credited = [(c.start, c.end) for c in sources]
    for tok in art.doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(art.doc) or tok.nbor(1).lower_ != "to" or tok.i not in art.outside:
            continue
        obj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        person = art.people.person(mention_span(obj).text)
        if person is None and any(obj.left_edge.idx <= s < obj.right_edge.idx + len(obj.right_edge) for s, _ in credited):
            continue  # "according to Orbis Wire", "according to reports by X": a cited source
        sent = tok.sent
        phrase = tok.subtree if tok.head is not tok else tok.nbor(1).subtree
        skip = {t.i for t in phrase} | {tok.i, tok.i + 1}
        lo, hi = min(skip), max(skip)
        comma = next((t.i for t in art.doc[obj.i : hi + 1] if t.text == ","), None)
        if lo == sent.start and comma is not None and hi >= sent.end - 2:
            hi = comma  # "According to X, the move reeks ...": the clause misparsed into the phrase
        if lo > sent.start and hi < sent.end - 2 and art.doc[hi + 1].text != ".":
            continue  # in the middle of its sentence: what it credits is not one clause
        toks = [t for t in (sent[: lo - sent.start] if lo > sent.start else sent[hi + 1 - sent.start :])]
        span = _content_span(art, toks)
        if span is None or any(s < span[1] and span[0] < e for s, e in taken):
            continue
        if _mostly_quoted(art, span):
            continue  # a quotation credited so is a direct quote
        sp = resolve(mention_span(named_by_apposition(obj)), art.people, obj.idx)
        out.append(_indirect_quote(art, span, "according to", sp))
    return out


def _content_span(art, toks: list[Token]) -> tuple[int, int] | None:
    """Character span of a reported clause, without "that", edge punctuation or closing marks."""
    # a closing mark first: the clause begins right after a quoted name ("told “Sunday Review” he ...")
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ == "that" or toks[0].text in ",;:—–-”’»"):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in ")":
        toks = toks[:-1]
    if not toks:
        return None
    start, end = text_span(art.text, toks[0].idx, toks[-1].idx + len(toks[-1]))
    while end > start and art.text[end - 1] in ".”\"’":
        end -= 1
    if end - start < 8 or "\n\n" in art.text[start:end]:
        return None
    return start, end


def _indirect_quote(art, span: tuple[int, int], cue: str, sp: Speaker) -> Quote:
    start, end = span
    return Quote(art.article, art.text[start:end], "indirect", start, end, cue=cue, **speaker_fields(sp, ""))


def _clauses(clause: Token) -> list[list[Token]]:
    """The reported clause, and each further "and that ..." clause coordinated with it.

    An indirect question ("would not say how many ...") or a subordinate clause ("Though ...,
    X says, ...") reports no content and gives nothing.
    """
    out = []
    for head in (clause, *(c for c in clause.children if c.dep_ == "conj" and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children))):
        toks = _clause_tokens(head)
        first = next((t for t in toks if not t.is_punct and t.dep_ != "cc"), None)
        that = first is not None and first.dep_ == "mark" and first.lower_ == "that"  # tagged WDT when misparsed
        if first is None or first.tag_ in ("WDT", "WP", "WRB") and not that or first.dep_ == "mark" and not that:
            continue  # "how many ...", "whether ...", "though ...": no content reported
        out.append(toks)
    return out


def _comment(noun: Token, clause: Token, comma: int) -> bool:
    """A noun phrase set after the clause ("would study the proposal, a cautious first response
    that diplomats welcomed"), parsed as a second object or as an apposition carrying its own
    clause: the reporter's comment on the whole report."""
    if noun.dep_ == "dobj":
        return noun.head.i == clause.i and any(c.dep_ == "dobj" and c.i < comma for c in clause.children)
    return noun.dep_ == "appos" and any(c.dep_ in ("relcl", "acl") for c in noun.children)


def _clause_tokens(clause: Token) -> list[Token]:
    """The reported clause: the contiguous part of ``clause``'s subtree around its head, cut
    before a comma that opens a trailing clause (", breaking ...", ", while stressing ..."),
    before ", according to ..." and before a coordinated "and that ..." clause. Without "that",
    a time or place before the clause's subject belongs to the speech verb ("said on Tuesday it would")."""
    inside = {t.i for t in clause.subtree}
    start = end = clause.i
    while start - 1 in inside:
        start -= 1
    while end + 1 in inside:
        end += 1
    doc = clause.doc
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < clause.i), None)
    mark = any(c.dep_ == "mark" for c in clause.children)
    if subj is not None and not mark and any(c.dep_ in ("prep", "npadvmod") and c.i < subj.i for c in clause.children):
        start = subj.left_edge.i
    for i in range(clause.i + 1, end):
        if doc[i].dep_ == "cc" and doc[i].head.i == clause.i and doc[i + 1].lower_ == "that":
            end = i - 1
            break
        if doc[i].text in (",", ";", "—"):
            j = i + 1
            while j < end and doc[j].text in CLOSING_MARKS:
                j += 1  # ',” while stressing': the comma sits inside a quoted fragment
            nxt = doc[j]
            if nxt.lower_ == "according" or nxt.lower_ in CONTRASTING and nxt.dep_ == "mark":
                end = i - 1  # ", while others rejected it": another party's view, not the speaker's
                break
            if nxt.lower_ in ("a", "an") and _comment(nxt.head, clause, i):
                end = i - 1  # ", a cautious first response that ...": the reporter's comment on it
                break
            if nxt.lower_ in ("while", "but", "and", "as") and j + 1 <= end:
                nxt = doc[j + 1]
            # ", breaking months of silence", ", adding that": the reporter's frame, not the report;
            # a verb coordinated in a list (", choked imports, and forced ...") goes on with it
            framing = nxt.dep_ in ("advcl", "ccomp", "relcl") or nxt.dep_ == "conj" and is_cue(nxt)
            if nxt.pos_ in ("VERB", "AUX") and framing or nxt.tag_ == "VBG" and nxt.i == i + 1:
                end = i - 1
                break
    while end > start and doc[end].is_punct:
        end -= 1
    return list(doc[start : end + 1])
