"""Who said what, according to whom: quotations, reported speech, speakers and cited sources.

``extract_attributions`` is a pure function of an article's cleaned text (and, optionally, its
spaCy Doc). It works in three passes:

1. ``scan`` pairs quotation marks character by character (straight, curly, guillemets; nested
   single quotes; apostrophes told apart by their neighbours; quotes running over paragraphs).
2. Each quoted run is read with the words around it: a speech cue attached to it (", says X",
   "X said, ...") makes it a quotation; a fragment inside the clause of a speech verb is a
   *partial* quote; a short quoted term with no cue is a scare quote or title and is dropped.
3. The content clauses of speech verbs outside quotation marks are *indirect* quotes (``indirect``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from . import nlp as nlp_mod
from .actors import ArticlePeople
from .indirect import according, indirect, speaker_fields, text_span
from .records import Attributions, Quote
from .sources import cited_sources
from .speakers import (
    NAMING_VERBS,
    Speaker,
    according_to,
    find_cue,
    hypothetical,
    is_cue,
    mention_span,
    named_by_apposition,
    resolve,
    speaker_of,
    subject,
)

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
CLOSING = DOUBLE_CLOSE + SINGLE_CLOSE + DOUBLE_EITHER + SINGLE_EITHER
MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER

_OPENS_BEFORE = "([{—–-/" + DOUBLE_OPEN + SINGLE_OPEN + "\"'"
_CLOSES_AFTER = ".,;:!?)]}—–-…" + DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
_DETERMINERS = frozenset("the a an this that these those its his her their our your my".split())
_NOT_CONTENT = frozenset("nsubj nsubjpass csubj agent appos npadvmod".split())
_MARK_RE = re.compile("[" + re.escape(MARKS) + "]")

# Naming verbs that coin a name rather than quote a judgement ("call it X" vs "described it as X").
COINING_VERBS = frozenset("call dub term label brand nickname name".split())

FRAME_TOKENS = 14  # how far from a quotation mark a speech cue may sit


@dataclass(frozen=True)
class Run:
    """One quoted stretch: content offsets (whitespace stripped) and its marks' offsets.

    ``close`` is ``None`` for a paragraph of a quotation that continues in the next paragraph;
    runs of one quotation share ``group``.
    """

    open: int
    close: int | None
    start: int
    end: int
    group: int
    mark: str  # "double" | "single"


def _role(text: str, i: int) -> str | None:
    """Whether the mark at ``i`` can open, close, or either ("both"); ``None`` for an apostrophe."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in _OPENS_BEFORE)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSES_AFTER)
    if ch in SINGLE_CLOSE + SINGLE_EITHER + SINGLE_OPEN:
        if prev.isalnum() and nxt.isalnum():
            return None  # Russia’s, don't
        if nxt.isdigit() and not can_close:
            return None  # ’90s
    if ch in DOUBLE_OPEN + SINGLE_OPEN:
        return "close" if can_close and not can_open and not nxt.isalnum() else "open"
    if ch in DOUBLE_CLOSE:
        return "open" if can_open and not can_close else "close"
    if ch in SINGLE_CLOSE:
        return "close" if can_close else ("open" if can_open and nxt.isalpha() else None)
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "both" if ch in DOUBLE_EITHER else None


def _kind(ch: str) -> str:
    return "double" if ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER else "single"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """(offset, kind, role) for every quotation mark in text[start:end] that is not an apostrophe."""
    out = []
    for m in _MARK_RE.finditer(text, start, end):
        role = _role(text, m.start())
        if role is not None:
            out.append((m.start(), _kind(m.group()), role))
    return out


def _continues(marks: list[tuple[int, str, str]], kind: str, para_start: int, text: str) -> str | None:
    """How an unclosed quotation goes on into the next paragraph: "reopen", "carry" or ``None``."""
    same = [(pos, role) for pos, k, role in marks if k == kind]
    if not same:
        return None
    first_pos, first_role = same[0]
    if first_role in ("open", "both") and not text[para_start:first_pos].strip():
        return "reopen"  # the convention: every paragraph of a long quote opens with a mark
    if first_role == "close":
        return "carry"  # a paragraph break inside a quotation, left by scraping
    return None


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_DOUBLED = re.compile(r"(?<!')''(?!')")


def _doubled_as_double(text: str) -> str:
    """Two apostrophes standing for a double quotation mark (''So it goes,'' as some archives and
    wire feeds write it) as one mark, keeping every offset: the opener becomes ' "', the closer '" '."""
    def one(m: re.Match) -> str:
        i = m.start()
        nxt = text[i + 2 : i + 3]
        opens = bool(nxt) and not nxt.isspace() and (i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENS_BEFORE)
        return ' "' if opens else '" '
    return _DOUBLED.sub(one, text) if "''" in text else text


def scan(text: str) -> list[Run]:
    """Pair the quotation marks of ``text`` into runs of quoted content (outermost level only)."""
    original = text
    text = _doubled_as_double(text)
    runs = _pair(text)
    # an opening pair of apostrophes starts one character earlier than the mark scanned
    return [replace(r, open=r.open - 1) if original[r.open - 1 : r.open + 1] == "''" else r for r in runs]


def mark_end(text: str, run: Run) -> int:
    """The offset just past the closing mark of ``run`` (its content end for an unclosed paragraph)."""
    if run.close is None:
        return run.end + 1
    return run.close + (2 if text[run.close : run.close + 2] == "''" else 1)


def _pair(text: str) -> list[Run]:
    runs: list[Run] = []
    paras = _paragraphs(text)
    group = 0
    carry: tuple[str, int] | None = None  # an open quotation entering this paragraph
    pending: list[tuple[int, int]] = []  # earlier paragraphs of a reopened quotation
    for n, (p_start, p_end) in enumerate(paras):
        marks = _marks(text, p_start, p_end)
        stack: list[tuple[str, int]] = [carry] if carry else []
        carry = None
        if not stack:
            pending = []
        for pos, kind, role in marks:
            if stack and stack[0][0] == kind and len(stack) == 1:
                if role in ("close", "both"):
                    open_pos = stack[0][1]
                    for seg_open, seg_end in pending:
                        runs.append(Run(seg_open, None, *_content(text, seg_open + 1, seg_end), group, kind))
                    runs.append(Run(open_pos, pos, *_content(text, open_pos + 1, pos), group, kind))
                    group += 1
                    pending = []
                    stack = []
                elif pos > stack[0][1]:
                    stack = [(kind, pos)]  # the earlier mark never closed: start again here
                    pending = []
            elif stack and len(stack) == 2:
                if stack[1][0] == kind and role in ("close", "both"):
                    stack.pop()
                elif stack[0][0] == kind and role in ("close", "both"):
                    stack = stack[:1]
                    open_pos = stack[0][1]
                    runs.append(Run(open_pos, pos, *_content(text, open_pos + 1, pos), group, kind))
                    group += 1
                    pending = []
                    stack = []
            elif stack:
                if role in ("open", "both") and kind != stack[0][0]:
                    stack.append((kind, pos))  # a quotation inside the quotation
            elif role in ("open", "both"):
                stack = [(kind, pos)]
        if stack and n + 1 < len(paras):
            kind, open_pos = stack[0]
            nxt_start, nxt_end = paras[n + 1]
            how = _continues(_marks(text, nxt_start, nxt_end), kind, nxt_start, text)
            if how == "reopen":
                pending.append((open_pos, p_end))
                # the reopening mark carries the quotation on; it is not a new opener
                carry = (kind, next(pos for pos, k, _ in _marks(text, nxt_start, nxt_end) if k == kind))
            elif how == "carry":
                carry = (kind, open_pos)
            else:
                pending = []
    return [r for r in runs if r.end > r.start and any(c.isalnum() for c in text[r.start : r.end])]


class _Article:
    """The per-article working state: text, doc, token index, runs and people."""

    def __init__(self, article: str, text: str, doc: Doc):
        self.article = article
        self.text = text
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.runs = scan(text)
        self.mark_spans = [(r.open, mark_end(text, r)) for r in self.runs]
        self.mark_starts = [s for s, _ in self.mark_spans]
        self.outside = {t.i for t in doc if not self.quoted(t.idx) and not t.is_space}
        self.people = ArticlePeople(doc, quoted=[(r.start, r.end) for r in self.runs])
        self.paras = _paragraphs(text)

    def quoted(self, pos: int) -> bool:
        i = bisect_right(self.mark_starts, pos) - 1
        return i >= 0 and self.mark_spans[i][0] <= pos < self.mark_spans[i][1]

    def token_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right([s for s, _ in self.paras], pos) - 1)

    def _stop(self, tok: Token) -> bool:
        # A line break ends a frame: list items and headings are not part of the sentence.
        return "\n" in tok.text

    def before(self, pos: int) -> list[Token]:
        """Tokens before ``pos`` back to the sentence start or another quotation, nearest first."""
        out: list[Token] = []
        i = bisect_left(self.starts, pos) - 1
        while i >= 0 and len(out) < FRAME_TOKENS * 2:
            tok = self.doc[i]
            if self._stop(tok) or self.quoted(tok.idx):
                break
            if tok.text in (".", "!", "?") and out:
                break
            if tok.text in (".", "!", "?"):
                break
            if not tok.is_space:
                out.append(tok)
            i -= 1
        return out

    def after(self, pos: int) -> list[Token]:
        """Tokens after ``pos`` up to the sentence end or another quotation."""
        out: list[Token] = []
        i = bisect_left(self.starts, pos)
        while i < len(self.doc) and len(out) < FRAME_TOKENS * 2:
            tok = self.doc[i]
            if tok.idx < pos:
                i += 1
                continue
            if self._stop(tok) or self.quoted(tok.idx):
                break
            if not tok.is_space:
                out.append(tok)
            if tok.text in (".", "!", "?"):
                break
            i += 1
        return out


def _cue_in(frame: list[Token], art: _Article) -> Token | None:
    """The speech cue of a quotation's frame (``frame`` nearest first)."""
    cue = find_cue(frame[:FRAME_TOKENS], art.outside, frame=True)
    if cue is not None or not frame:
        return cue
    # A long description between the quotation and its cue ("“...,” X, the attorney general of
    # Y, one of the states suing, said"): farther out, but only with its subject in between.
    near = min(frame[0].i, frame[-1].i)
    for tok in frame[FRAME_TOKENS:]:
        if tok.i in art.outside and is_cue(tok, frame=True):
            subj = subject(tok, art.outside)
            if subj is not None and near <= subj.i < tok.i:
                return tok
    return None


def _runs_on_to_cue(after: list[Token], art: _Article) -> bool:
    """"“I admire the mechanics” of the plan, X said.": a quotation opening a sentence that runs
    on to ", X said" (the cue's subject right after the comma)."""
    for n, tok in enumerate(after[:-2]):
        if tok.text in (".", "!", "?", ";"):
            return False
        if tok.text == "," and n > 0:
            for cue in after[n + 1 : n + 6]:
                if cue.i in art.outside and is_cue(cue, frame=True):
                    subj = subject(cue, art.outside)
                    return subj is not None and tok.i < subj.i < cue.i
            return False
    return False


def _cue_text(cue: Token | None) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else cue.text


def _named_in_frame(after: list[Token], cue: Token, art: _Article) -> Speaker | None:
    """"“...,” X, a top campaign surrogate, said": when the parse hangs the name on the
    quotation, the name that opens the frame before its cue is the speaker."""
    words = [t for t in after if t.i < cue.i and not t.is_punct]
    if not words or words[0].pos_ != "PROPN" or words[0].ent_type_ not in ("PERSON", ""):
        return None
    head = words[0]
    while head.i + 1 < cue.i and art.doc[head.i + 1].pos_ == "PROPN" and art.doc[head.i + 1].i in art.outside:
        head = art.doc[head.i + 1]  # the last word of "Judge Amara Nervo"
    span = art.doc[words[0].i : head.i + 1]
    found = resolve(span, art.people, span.start_char)
    return found if found.name is not None and found.kind == "person" else None


def _headline_speaker(before: list[Token], art: _Article) -> Speaker | None:
    """"Mayor X: ‘...’", "X slams Y: ‘...’": a line that opens with a person and a colon."""
    if not before or before[0].text != ":":
        return None
    words = list(reversed(before[1:]))
    if not words or art.text[art.paras[art.para_of(words[0].idx)][0] : words[0].idx].strip():
        return None  # not the start of its line
    doc = art.doc
    first = next((e for e in doc.ents if e.label_ == "PERSON" and words[0].i <= e.start and e.end <= before[0].i), None)
    if first is not None and first.end != before[0].i and first.root.dep_ not in ("nsubj", "nsubjpass"):
        first = None  # the whole phrase is the name, or the name is the subject of its verb
    if first is None:
        # title case hides names from the model: a person the article names elsewhere, opening the
        # line (after a title such as "Mayor" at most)
        for lead in (0, 1):
            for size in (3, 2, 1):
                a, b = words[0].i + lead, words[0].i + lead + size
                person = art.people.person(doc[a:b].text) if b <= before[0].i and all(t.pos_ == "PROPN" for t in doc[a:b]) else None
                if person is not None:
                    span = doc[a:b]
                    return Speaker(
                        person.name, span.text, span.start_char, span.end_char, person.role, person.org, "person"
                    )
    if first is None:
        return None
    found = resolve(first, art.people, first.start_char)
    return found if found.name is not None and found.kind == "person" else None


def _credited(frame: list[Token], art: _Article) -> tuple[Token, Speaker] | None:
    """"According to X, “...”": the person (or body) a quotation is credited to, with no verb."""
    obj = according_to(frame[:6], art.outside)
    if obj is None:
        return None
    cue = next(t for t in frame if t.lower_ == "according")
    head = named_by_apposition(obj)
    return cue, resolve(mention_span(head), art.people, head.idx)


def _governing_verb(art: _Article, start: int, end: int) -> Token | None:
    """A speech or naming verb outside the quotation whose clause contains ``start..end``."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    inside = {t.i for t in span}
    for tok in span:
        if tok.head.i in inside or tok.is_punct or tok.is_space:
            continue
        node, via = tok.head, tok
        for _ in range(6):
            if via.dep_ in _NOT_CONTENT:
                break  # the quotation is in the subject or an aside, not in what is said
            if node.i not in inside and node.i in art.outside and is_cue(node, naming=True):
                if node.lemma_.lower() in NAMING_VERBS:
                    if _names(node, via):
                        return node
                elif via.dep_ not in ("prep", "agent", "dative"):
                    return node  # reached through what is said, not "responded with ..."
            if node.head is node:
                break
            node, via = node.head, node
    return None


def _names(verb: Token, via: Token) -> bool:
    """Does naming ``verb`` name its object with the quotation ("called it X", "described as X")?"""
    return via.dep_ in ("oprd", "dobj", "attr", "xcomp", "ccomp", "acomp") or via.lower_ == "as"


def _is_scare(art: _Article, run: Run, verb: Token | None) -> bool:
    """A short quoted term used as a name ("the “Kyiv regime”") rather than a quotation."""
    content = art.text[run.start : run.end]
    words = content.split()
    if verb is None:
        return True
    before = art.before(run.open)
    if any(t.lower_ in ("so-called", "so‑called") for t in before[:3]) or [t.lower_ for t in before[:2]] == ["called", "so"]:
        return True
    if verb.lemma_.lower() in COINING_VERBS and len(words) <= 5:
        # "calling the crossing the «...»", "what they call a “Selmar corridor”": a coined name
        named_object = any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
        return named_object or any(w[:1].isupper() for w in words)
    if verb.lemma_.lower() in NAMING_VERBS:
        return False
    # "is said to": hearsay with nobody saying it; a modal cue ("may say") is a hypothetical line
    if not any(c.dep_ in ("nsubj", "poss", "agent") for c in verb.children) and subject(verb) is None:
        return True
    possessed = bool(before) and before[0].text in ("’s", "'s")
    return possessed or len(words) <= 5 and all(w[:1].isupper() for w in words if w[:1].isalpha()) and len(words) > 1


def _heading(art: _Article, run: Run) -> bool:
    """A quoted title standing as its own paragraph ("‘All Bets Are Off.’"): a section heading."""
    p_start, p_end = art.paras[art.para_of(run.open)]
    if run.close is None or art.text[p_start : run.open].strip() or art.text[mark_end(art.text, run) : p_end].strip(" .\n"):
        return False
    words = [w.strip(".,!?;:") for w in art.text[run.start : run.end].split()]
    long_words = [w for w in words if len(w) > 3 or w[:1].isupper()]
    return 2 <= len(words) <= 8 and all(w[:1].isupper() for w in long_words) and words[-1][:1].isupper()


def _title(art: _Article, run: Run, before: list[Token]) -> bool:
    """A quoted name of a work or programme ("a broadcast of “Fox News Sunday,”", "his book,
    “Make Your Kid a Millionaire,”"): a few title-case words after a preposition, a determiner,
    a possessive or a noun and comma."""
    words = [w.strip(".,!?;:") for w in art.text[run.start : run.end].split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= 7 or not before or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() for w in words if len(w) > 3 or w[:1].isdigit()):
        return False
    lead = before[0]
    if lead.pos_ in ("ADP", "DET") or lead.text in ("’s", "'s"):
        return True
    # the object of a verb with the sentence running on ("told “Sunday Review” he would run"):
    # a quotation would stand apart with a comma or colon
    rest = art.text[mark_end(art.text, run) : mark_end(art.text, run) + 40].lstrip(" ")
    if lead.pos_ == "VERB" and art.text[run.end - 1] not in ",.!?;:" and rest[:1].islower():
        return True
    return lead.text == "," and len(before) > 1 and before[1].pos_ == "NOUN" and not is_cue(before[1], frame=True)


def _sentence_like(art: _Article, run: Run, before: list[Token]) -> bool:
    content = art.text[run.start : run.end]
    words = content.split()
    starts_clause = not before or before[0].text in (":", ",", "—", "–", "-") or all(t.pos_ in ("CCONJ", "ADV", "INTJ") for t in before)
    first = content.lstrip("[(…. ")[:1]
    return len(words) >= 4 and starts_clause and (first.isupper() or first.isdigit())


def _direct_and_partial(art: _Article) -> list[Quote]:
    quotes: list[Quote] = []
    groups: dict[int, list[Run]] = {}
    for run in art.runs:
        groups.setdefault(run.group, []).append(run)
    last: dict | None = None  # the previous direct quotation: speaker fields, paragraph, frame end
    for group in sorted(groups.values(), key=lambda g: g[0].start):
        first, final = group[0], group[-1]
        close = final.close if final.close is not None else final.end
        inner = art.text[first.open + 1 : close].rstrip()
        if len(group) == 1 and _heading(art, first):
            continue
        before = art.before(first.open)
        if len(group) == 1 and _title(art, first, before):
            continue
        after = art.after(mark_end(art.text, final))
        # "‘That is ridiculous,’”": the comma of a quotation inside ends the outer one too
        tail = inner.rstrip(MARKS + " ")
        attach_after = bool(after) and (
            tail[-1:] in ",?!—–-…:"
            or after[0].text in (",", "—", "–")
            or is_cue(after[0], frame=True)
            or len(after) > 1 and after[0].pos_ in ("PRON", "PROPN") and is_cue(after[1], frame=True)
            or not before and _runs_on_to_cue(after, art)
        )
        attach_before = bool(before) and (before[0].text in (",", ":") or is_cue(before[0], frame=True))
        cue = _cue_in(after, art) if attach_after else None
        if cue is not None and cue.dep_ in ("acl", "relcl", "amod", "pcomp"):
            cue = None  # ", is still the best thing written about it": a verb of another clause
        if cue is None and attach_before:
            cue = _cue_in(before, art)
        if cue is not None and hypothetical(cue):
            continue  # "critics may say: ..." puts invented words in nobody's mouth
        speaker: Speaker | None = speaker_of(cue, art.outside, art.people) if cue is not None else None
        words = art.text[first.start : final.end].split()
        # only a whole quoted sentence is credited so; "“final offer”, according to X" is a label
        whole = len(words) >= 4 and words[0].lstrip("[(…")[:1].isupper()
        credited = None
        if cue is None and whole:
            credited = _credited(before, art) if attach_before else _credited(after, art) if attach_after else None
        if credited is not None:
            cue, speaker = credited
        if cue is not None and speaker is None and attach_after and cue in after:
            speaker = _named_in_frame(after, cue, art)
        headline = _headline_speaker(before, art) if cue is None and attach_before else None
        para = art.para_of(first.start)
        multi_sentence = bool(re.search(r"[.?!]\s+\S", art.text[first.start : final.end]))
        embedded = bool(before) and not attach_before and not _sentence_like(art, first, before) and not multi_sentence
        verb = _governing_verb(art, first.start, final.end) if embedded and len(group) == 1 else None
        if verb is not None and not _is_scare(art, first, verb):
            # a fragment inside someone's reported words is theirs, whoever reports the sentence
            cue = verb
            speaker = speaker_of(verb, art.outside, art.people)
        if verb is not None and cue is verb:
            kind = "partial"
            fields = speaker_fields(speaker, f"no subject found for the cue {verb.text!r}")
        elif cue is not None:
            # a lower-case fragment run into the sentence ("arrived promising “patience ...”") is partial
            # so is one after "says," that carries on the reporter's sentence in lower case, unless
            # it is the second half of an interrupted quotation ("“...,” she said, “but ...”")
            prev = art.text[: before[-1].idx].rstrip(" ,") if before else ""
            interrupted = prev[-1:] in CLOSING and prev[-2:-1] not in ".!?"  # not a sentence ended in a quote
            run_in = attach_before and before[0].text != ":" and not interrupted and not art.text[first.start].isupper()
            kind = "direct" if _sentence_like(art, first, before) or multi_sentence or attach_before and not run_in or art.text[first.start].isupper() else "partial"
            fields = speaker_fields(speaker, f"no subject found for the cue {cue.text!r}")
        elif headline is not None:
            kind = "direct" if _sentence_like(art, first, before) else "partial"
            fields = speaker_fields(replace(headline, reason="inferred: the person named before the colon"), "")
        elif _sentence_like(art, first, before):
            kind = "direct"
            fields = _continuation(art, first, para, last)
        else:
            verb = _governing_verb(art, first.start, final.end)
            if _is_scare(art, first, verb) or len(group) > 1:
                continue
            kind = "partial"
            cue = verb
            speaker = speaker_of(verb, art.outside, art.people)
            fields = speaker_fields(speaker, f"no subject found for the cue {verb.text!r}")
        for run in group:
            start, end = text_span(art.text, run.start, run.end)
            if end <= start:
                continue
            quotes.append(
                Quote(art.article, art.text[start:end], kind, start, end, cue=_cue_text(cue), **fields)
            )
        if kind == "direct":
            frame_end = after[-1].idx + len(after[-1]) if after else close + 1
            last = {"fields": fields, "para": art.para_of(close), "end": frame_end}
    return quotes


def _continuation(art: _Article, run: Run, para: int, last: dict | None) -> dict:
    """Speaker of an unattributed quotation: the previous quotation's, or a "said:" just before."""
    if last is not None and last["fields"].get("speaker"):
        p_start, p_end = art.paras[last["para"]]
        if last["para"] == para:
            return dict(last["fields"])
        if last["para"] == para - 1 and not art.text[last["end"] : p_end].strip() and not art.text[art.paras[para][0] : run.open].strip():
            return dict(last["fields"])
    if art.text[run.start : run.end].rstrip(MARKS)[-1:] in ".!?":
        fields = _previous_sentence(art, run)
        if fields is not None:
            return fields
    p_start = art.paras[para][0]
    if para > 0 and not art.text[p_start : run.open].strip():
        prev_end = art.paras[para - 1][1]
        if art.text[:prev_end].rstrip().endswith(":"):
            frame = art.before(art.text.rfind(":", 0, prev_end))
            cue = _cue_in(frame, art)
            if cue is not None:
                sp = speaker_of(cue, art.outside, art.people)
                if sp is not None:
                    return speaker_fields(sp, "")
    return {"speaker": None, "reason": "no speech cue or speaker near the quotation"}


def _previous_sentence(art: _Article, run: Run) -> dict | None:
    """Speaker of a quotation standing as its own sentence, from the sentence just before it.

    News writing sets a quotation after a sentence about its speaker: "Prisoners are the easy
    part, says X. “...”", "X read a statement. “...”", "Asked what he wanted, he laughed. “...”".
    The speaker of that sentence's speech cue, else the subject of its main verb, when it is a
    named person; the reason says the speaker was inferred.
    """
    i = bisect_left(art.starts, run.open) - 1
    while i >= 0 and art.doc[i].is_space:
        i -= 1
    if i < 0 or art.doc[i].text not in (".", "!", "?") or art.para_of(art.doc[i].idx) != art.para_of(run.open):
        return None
    sent = art.doc[i].sent
    if art.quoted(sent.start_char):
        return None
    cue = find_cue(list(sent), art.outside)
    verb = cue if cue is not None and not hypothetical(cue) else sent.root
    sp = speaker_of(verb, art.outside, art.people)
    if sp is None or sp.kind != "person" or sp.name is None:
        return None
    how = "cue" if verb is cue else "main verb"
    return speaker_fields(replace(sp, reason=f"inferred: subject of the {how} in the sentence before"), "")


def extract_attributions(article_id: str, text: str, doc: Doc | None = None) -> Attributions:
    """Quotations (direct, partial, indirect) with speakers, cited sources and actors of one article.

    ``text`` is the article's cleaned text; ``doc``, if given, must be a spaCy Doc of exactly that
    text (the pipeline may parse in batches). Every span satisfies ``text[start:end] == quote.text``.
    """
    if doc is None:
        doc = nlp_mod.parse(text)
    elif doc.text != text:
        raise ValueError("doc.text differs from text: pass the Doc parsed from this exact text")
    art = _Article(article_id, text, doc)
    direct = _direct_and_partial(art)
    taken = [(q.start, q.end) for q in direct if q.kind == "direct"]
    sources = cited_sources(article_id, doc)
    reported = indirect(art, taken)
    taken += [(q.start, q.end) for q in reported]
    quotes = sorted(direct + reported + according(art, taken, sources), key=lambda q: (q.start, q.end))
    actors, mentions = art.people.actors(article_id)
    return Attributions(article_id, tuple(quotes), sources, tuple(mentions), tuple(actors))
