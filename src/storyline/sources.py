"""Cited sources: the outlets, agencies and institutions an article credits for information.

Found by cue shapes over the parse ("according to X", "X reported", "citing X", "reported by X",
"outlets like X"), then kept only when X looks like an organisation: a named entity, an acronym,
a capitalised name with a media word ("the Daily Meridian"), a generic media phrase ("Russian
state media"), or a well-known outlet from a small list. "According to" a person is a speaker
attribution (see ``quotes``), not a cited source.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .records import CitedSource

# Words that make a phrase an outlet or publication ("the Daily Meridian", "US news site Axios").
MEDIA_WORDS = frozenset(
    """news times post journal media agency press television tv radio network channel daily
    weekly gazette herald tribune telegraph site website newspaper paper magazine wire wires
    outlet outlets broadcaster service services report reports reporting coverage bulletin
    review monitor observer chronicle standard mail express independent guardian examiner
    dispatch courier insider""".split()
)

# A few outlets the small model does not always tag as organisations. Data, not the only route.
KNOWN_OUTLETS = frozenset(
    """reuters ap afp axios politico bloomberg cnn cnbc bbc npr pbs abc cbs nbc fox msnbc tass
    interfax ria xinhua kyodo yonhap dpa ansa efe anadolu""".split()
)

# Nouns that stand for "some report" and pass the credit on to their "by/from X".
REPORT_NOUNS = frozenset("report reports reporting coverage assessment assessments analysis article articles story stories".split())

REPORT_VERBS = frozenset("report write publish broadcast reveal".split())
# "by Orbis Wire's count", "by the agency's tally": a figure credited to its keeper.
COUNT_NOUNS = frozenset("count tally estimate estimates figures reckoning".split())
AGENT_VERBS = frozenset("report carry quote cover publish broadcast cite air".split())


def _coordinated(head: Token) -> list[Token]:
    return [head, *head.conjuncts]


def _phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: an entity covering it, else its name-like left part."""
    doc = tok.doc
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return _with_article(_split_coordinated_entity(ent, tok))
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "det", "nmod", "poss", "nummod") or child.text in "-‑":
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if any(t.is_punct for t in doc[tok.i + 1 : child.i + 1]):
            break
        if child.dep_ in ("flat", "compound") or child.dep_ in ("appos", "npadvmod") and child.pos_ == "PROPN" and child.i == end:
            end = max(end, child.right_edge.i + 1)
    if doc[end - 1].lower_ in MEDIA_WORDS and end < len(doc) and doc[end].is_title and doc[end].pos_ in ("PROPN", "ADV", "NOUN"):
        end += 1  # "US news site Axios", where the parse lost the name
    return _with_article(doc[start:end])


def _with_article(span: Span) -> Span:
    """"The Hill": the model leaves a capitalised article out of the name."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text == "The" and not doc[span.start - 1].is_sent_start:
        return doc[span.start - 1 : span.end]
    return span


def _split_coordinated_entity(ent: Span, tok: Token) -> Span:
    """"The Wall Street Journal and Foreign Affairs" tagged as one ORG: the part holding ``tok``."""
    cuts = [t.i for t in ent if t.lower_ in ("and", "&") and t.dep_ == "cc"]
    if not cuts:
        return ent
    bounds = [ent.start, *cuts, ent.end]
    for lo, hi in zip(bounds, bounds[1:]):
        lo = lo + 1 if lo in cuts else lo
        if lo <= tok.i < hi:
            return ent.doc[lo:hi]
    return ent


def _parts(span: Span) -> list[Span]:
    """Split an entity-like span at inner "and" (the model often tags "A and B" as one)."""
    doc = span.doc
    cuts = [t.i for t in span if t.lower_ in ("and", "&")]
    if not cuts:
        return [span]
    bounds = [span.start - 1, *cuts, span.end]
    return [doc[lo + 1 : hi] for lo, hi in zip(bounds, bounds[1:]) if hi > lo + 1]


def _trim(span: Span) -> Span:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].pos_ in ("DET", "PUNCT") and doc[start].lower_ != "the" or start < end and doc[start].lower_ in ("the",) and not doc[start].is_title:
        start += 1
    while end > start and (doc[end - 1].pos_ == "PUNCT" or doc[end - 1].text in ("’s", "'s")):
        end -= 1
    return doc[start:end]


def source_name(span: Span, generic: bool = True) -> Span | None:
    """The part of ``span`` that names an organisation, or ``None`` when it is a person or nothing."""
    span = _trim(span)
    if not len(span) or span.root.pos_ == "PRON":
        return None
    words = [t.lower_ for t in span]
    if any(t.ent_type_ == "PERSON" for t in span) and not any(w in MEDIA_WORDS or w in KNOWN_OUTLETS for w in words):
        return None
    # "US news site Axios": the proper name after the media descriptor is the outlet.
    media_at = [i for i, t in enumerate(span) if t.lower_ in MEDIA_WORDS and not t.is_title]
    if media_at and media_at[-1] + 1 < len(span) and span[media_at[-1] + 1].is_title:
        return span[media_at[-1] + 1 :]
    if any(w in KNOWN_OUTLETS for w in words):
        return span
    if any(t.ent_type_ in ("ORG",) for t in span) and span.root.pos_ in ("PROPN", "NOUN"):
        return span
    if span.root.pos_ == "PROPN" and (span.root.is_upper and len(span.root) >= 2 or any(w in MEDIA_WORDS for w in words)):
        return span
    if generic and span.root.lower_ in MEDIA_WORDS and span.root.lower_ not in REPORT_NOUNS and not span.root.is_title:
        return span  # "Russian state media": unnamed, but what the article credits
    if span.root.pos_ == "PROPN" and any(t.is_title for t in span) and not any(t.ent_type_ in ("PERSON", "GPE", "NORP", "DATE") for t in span):
        return span
    return None


def _credited(tok: Token) -> Iterable[Token]:
    """The heads credited through ``tok``, passing through "reports by X" and "outlets like X"."""
    for item in _coordinated(tok):
        if item.lemma_.lower() in REPORT_NOUNS or item.lower_ in ("outlets", "outlet", "media", "publications"):
            passed = False
            for child in item.children:
                if child.dep_ in ("prep", "acl") and child.lower_ in ("by", "from", "in", "like", "including", "carried", "reported", "published"):
                    passed = True
                    yield from _credited_through(child)
            if not passed and item.lower_ not in REPORT_NOUNS:
                yield item
            elif not passed:
                # "CBC and CTV News coverage": the outlets are the report's modifiers
                for child in item.lefts:
                    if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
                        yield from _coordinated(child)
        else:
            yield item


def _credited_through(tok: Token) -> Iterable[Token]:
    if tok.dep_ == "acl" or tok.pos_ == "VERB":
        for child in tok.children:
            if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ in ("by", "in", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield from _credited(obj)
        return
    for obj in tok.children:
        if obj.dep_ == "pobj":
            yield from _credited(obj)


def _cues(doc: Doc) -> Iterable[tuple[str, Token]]:
    """(cue text, credited head token) for every cue shape in ``doc``."""
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    for head in _credited(child):
                        yield "according to", head
                elif child.dep_ == "pcomp":  # "according to reporting from X"
                    for prep in child.children:
                        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                            for head in _credited_through(prep):
                                yield "according to", head
        elif tok.lemma_.lower() == "cite" and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "dobj":
                    for head in _credited(child):
                        yield tok.text, head
        elif tok.lemma_.lower() in REPORT_VERBS and tok.pos_ == "VERB" and tok.tag_ != "VBN":
            for child in tok.children:
                if child.dep_ == "nsubj":
                    for head in _coordinated(child):
                        yield tok.text, head
        elif tok.lemma_.lower() in AGENT_VERBS and tok.tag_ == "VBN":
            for child in tok.children:
                if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "in" and tok.lemma_ in ("quote", "publish"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            for head in _credited(obj):
                                yield f"{tok.text} {child.text}", head
        elif tok.lemma_.lower() in COUNT_NOUNS and tok.head.lower_ in ("by", "to"):
            for child in tok.children:
                # only a media keeper: "by Ostrova's count" credits a government, not a source
                if child.dep_ == "poss" and any(t.lower_ in MEDIA_WORDS or t.lower_ in KNOWN_OUTLETS for t in child.subtree):
                    yield tok.text, child
        elif low in ("outlets", "media", "publications") and tok.i + 1 < len(doc):
            for child in tok.children:
                if child.lower_ in ("like", "including") or child.lower_ == "as" and child.nbor(-1).lower_ == "such":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            for head in _credited(obj):
                                yield f"{tok.text} {child.text}", head


def cited_sources(article: str, doc: Doc) -> tuple[CitedSource, ...]:
    """Every outlet or institution ``doc`` credits, once per place it is named."""
    found: dict[tuple[int, int], CitedSource] = {}
    for cue, head in _cues(doc):
        phrase = _phrase(head)
        for part in _parts(phrase):
            name = source_name(part)
            if name is None or "\n\n" in name.text:
                continue
            key = (name.start_char, name.end_char)
            text = _earlier_name(name, found.values()) or name.text
            found.setdefault(key, CitedSource(article, text, cue, *key))
    return tuple(sorted(found.values(), key=lambda c: c.start))


def _earlier_name(name: Span, earlier: Iterable[CitedSource]) -> str | None:
    """"the agency" after "according to Orbis Wire": the source named before, under its name."""
    words = [t.lower_ for t in name if t.lower_ != "the"]
    if len(words) != 1 or words[0] not in MEDIA_WORDS or name[0].is_title and name[0].lower_ != "the":
        return None
    before = [c for c in earlier if c.end <= name.start_char and not c.name.lower().startswith("the ")]
    return max(before, key=lambda c: c.start).name if before else None
