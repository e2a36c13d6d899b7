"""Events: articles that report the same real-world happening, not merely the same topic.

Two articles are linked when a combined score passes ``LINK``: TF-IDF cosine of their texts,
overlap of the names they mention and of the words they quote ("serious" talks), an identical
quotation of five words or more, and agreement in time. Every weight falls towards zero for
terms most of the corpus carries: in a corpus about one story, the leaders' names and "talks"
separate nothing. Disagreement counts against a pair, in proportion to how much the two share
their topic: each repeats, in its lead, names the other never mentions (one boxer's opponent
against another, a fire in one town against a fire in another). Same topic, other participants
is the commonest way two different happenings look alike.

Time is a hard veto. Each article gets a window of days its happening can fall on
(``event_window``): its event date, or for an undated article bounds from its own evidence (the
latest dated reference, a period it speaks of as the present, days named without a year).
Articles whose windows lie more than ``MAX_GAP_DAYS`` apart are never linked.

Linked articles form components, and average linkage splits components whose members are not
close on average, so one bridging pair cannot merge two events. Candidate pairs are scored only
inside time windows (and articles without an exact day against all), which keeps the work
near-linear. Reprints are grouped through their original.

What each article gives alone (its day and window, names, quotations: ``Signals``) can be kept
between runs; the weights cannot, since every article added changes how much of the corpus
uses each term, so the pairs and groups are always found over the whole corpus.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster import hierarchy
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .datexpr import DateExpression, date_expressions, looks_forward, month_day
from .records import Article

LINK = 0.07  # combined score two articles need to be linked
CANDIDATE = 0.04  # TF-IDF cosine below which a pair is not scored at all
SKETCH_TERMS = 30  # heaviest terms per article used to find candidate pairs
W_COSINE, W_NAMES, W_QUOTE, W_QUOTED, W_TIME = 0.6, 0.4, 0.25, 0.2, 0.1
MAX_GAP_DAYS = 7  # event dates further apart than this: two happenings
FIT_DAYS = 122  # two bounded windows within one season of each other confirm one time
# A day named without a year lies near the writing: a plan at most PLAN_AHEAD days ahead,
# anything else from YEARLESS_BEFORE days ahead to YEARLESS_AFTER days back.
PLAN_AHEAD, YEARLESS_BEFORE, YEARLESS_AFTER = 31, 31, 183
MAX_YEARS_TRIED = 5  # windows further apart in years than this are simply not compared
LEAD_CHARS = 1500  # where an article says when its happening took place
LOOKBACK_DAYS = 10  # a dated lead expression older than this is background, not the news
NAMES_KEPT = 15
# The names an article is about: those in its opening (headline and first sentence), and those
# it repeats within its lead; never its own outlet and author. Two same-topic articles each
# about names the other never mentions report different happenings (one boxer's opponent
# against another, one town's fire against another's).
KEY_MENTIONS, KEY_NAMES, W_CONFLICT = 2, 5, 1.0
OPENING_CHARS = 200
QUOTE_WORDS = 5
_VETOED = 1e6
REJOIN_LINKS = 2  # links into one group that bring back an article average linkage cut off
MAX_LINKAGE = 3000  # bigger components keep their plain edges (linkage is quadratic)

_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*[a-z][\w'’-]*))*")
# Where a headline splits into teaser, question and news.
_HEADLINE_BREAK = re.compile(r"\s*(?:[:?|]|\s[—–-]\s|(?i:\bas\b|\bafter\b))\s*")
LABEL_WORDS = 12
# Headlines that explain, list or ask rather than report: an event is named from a report when
# it has one ("7 things you need to know about the deal" is no name for a signing).
_NOT_A_REPORT = re.compile(
    r"\b(?:things? (?:you |to )?(?:need to |should )?know|everything you need|what (?:we|you) know"
    r"|what (?:it|this) means|what to (?:know|watch|expect)|explained|explainer|q\s?&\s?a|live(?: updates)?:"
    r"|opinion:|analysis:)|^\s*\d+\s+(?:things|ways|reasons|takeaways|questions)\b|\?\s*$",
    re.IGNORECASE,
)
# Where a sentence may begin: the line start, or after end punctuation and optional quotes.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…•][\"”’)\]]*)\s*[\"“‘(\[]*$")
_QUOTE = re.compile(r"[“\"]([^“”\"]{10,400})[”\"]")
# Short quoted words: the phrase a report puts in someone's mouth ("serious" talks).
_QUOTED = re.compile(r"[“\"‘]([^“”\"‘’\n]{2,80})[”\"’](?![a-z])")
QUOTED_MAX_WORDS = 6
# A period spoken of as the present: "the lines in late 2025 remain", "as of May 2025 are".
_NOW_BEFORE = re.compile(r"\b([A-Za-z]+)\s+(?:in|as\s+of|during)\s+$")
_NOW_AFTER = re.compile(r",?\s+(?:\w+ly\s+)?(?:is|are|remain|remains|stand|stands|continue|"
                        r"continues|sits|looks|seems)\b")
_WORD = re.compile(r"\w+")
# Capitalised words that start sentences or name calendar units, never actors.
_NOT_NAMES = frozenset(
    """a an and as at but by for from he her his i if in is it its me my no not of on or our she
    so that the their them then there these they this those to we what when where which while who
    why will with you your after before also although because despite during however meanwhile
    still though yet read more share said says according mr mrs ms dr monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december today yesterday tomorrow""".split()
)


# scikit-learn's English stop list holds content words a news reader relies on ("serious"
# talks, a "third" country, the "front"): those stay.
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - {
    "serious", "third", "front", "fire", "interest", "detail", "system", "bill", "empty", "found",
    "bottom", "first", "full", "top", "call", "move", "describe", "find", "show", "fill"})


@dataclass(frozen=True)
class Event:
    """A real-world happening and the articles that report it.

    ``links`` are the article pairs (with their scores) that hold the group together, so a
    reader can see why articles were put in one event.
    """

    id: str
    label: str
    date: str | None
    date_end: str | None
    articles: tuple[str, ...]
    links: tuple[tuple[str, str, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["articles"] = list(self.articles)
        data["links"] = [list(link) for link in self.links]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"], label=data["label"], date=data.get("date"),
            date_end=data.get("date_end"), articles=tuple(data["articles"]),
            links=tuple(tuple(link) for link in data.get("links", ())),
        )


def event_id(article_ids: Iterable[str]) -> str:
    """Content-hash id: the same members always make the same event id."""
    return hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]


def event_date(article: Article) -> tuple[str | None, str]:
    """The day of the happening an article reports, and how it was found.

    A day named in the lead ("on Monday", "May 15") within ``LOOKBACK_DAYS`` before publication
    wins; else the publication date; else unknown (``event_window`` then bounds the days from
    the text). How: "text", "published", "inferred" (either of the first two, found from a
    publication date that was itself inferred from the text) or "unknown".
    """
    lead = article.text[:LEAD_CHARS]
    published = _iso(article.published)
    days = [e for e in date_expressions(lead, article.published)
            if e.granularity == "day" and e.value is not None]
    if published is not None:
        # A day found from an inferred publication date is no surer than that inference.
        inferred = article.published_how == "inferred"
        for expression in days:
            day = date.fromisoformat(expression.value)
            if published - timedelta(days=LOOKBACK_DAYS) <= day <= published:
                return expression.value, "inferred" if inferred else "text"
        return published.isoformat(), "inferred" if inferred else "published"
    # Without a publication date, a full date in the text is only a bound (a birth date, a
    # premiere, an anniversary): ``event_window`` uses it as one, never as the day.
    return None, "unknown"


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Window:
    """The days an article's happening can fall on, as day numbers; ``None`` leaves a side open.

    ``yearless`` holds ``(month, day, days_before, days_after)`` for days named without a year:
    each puts the happening in a season of some year, which can still rule out a dated article.
    """

    first: int | None = None
    last: int | None = None
    yearless: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def exact(self) -> bool:
        return self.first is not None and self.first == self.last and not self.yearless

    @property
    def bounded(self) -> bool:
        return self.first is not None and self.last is not None and not self.yearless

    def intervals(self, years: Iterable[int]) -> list[tuple[float, float]]:
        """The window as concrete intervals, trying each of ``years`` for yearless days."""
        first = -np.inf if self.first is None else self.first
        last = np.inf if self.last is None else self.last
        if not self.yearless:
            return [(first, last)] if first <= last else []
        out = []
        for year in years:
            lo, hi = first, last
            for month, day, before, after in self.yearless:
                named = date(year, month, min(day, calendar.monthrange(year, month)[1])).toordinal()
                lo, hi = max(lo, named - before), min(hi, named + after)
            if lo <= hi:
                out.append((lo, hi))
        return out


def windows_apart(a: Window, b: Window, gap: int = MAX_GAP_DAYS) -> bool:
    """True when no day ``a`` allows lies within ``gap`` days of a day ``b`` allows."""
    if a.exact and b.exact:
        return abs(a.first - b.first) > gap
    ends = [d for w in (a, b) for d in (w.first, w.last) if d is not None]
    if ends:
        low, high = date.fromordinal(min(ends)).year, date.fromordinal(max(ends)).year
        if high - low > MAX_YEARS_TRIED:
            return False
        years = range(low - 1, high + 2)
    else:
        years = range(2001, 2004)  # two seasons compared: any run of years will do
    spans_a, spans_b = a.intervals(years), b.intervals(years)
    if not spans_a or not spans_b:
        return False  # contradictory evidence rules nothing out
    return not any(fa - gap <= lb and fb - gap <= la for fa, la in spans_a for fb, lb in spans_b)


def time_fit(a: Window, b: Window) -> float:
    """How much two bounded windows confirm one time: 1 within ``FIT_DAYS``, less as they widen.

    A window without a year never confirms: it holds in every year.
    """
    if not (a.bounded and b.bounded) or windows_apart(a, b):
        return 0.0
    span = max(a.last, b.last) - min(a.first, b.first) + 1
    return min(1.0, FIT_DAYS / span)


def event_window(article: Article, day: str | None = None, how: str = "") -> Window:
    """The days the happening an undated article reports can fall on, from its own evidence.

    ``day`` and ``how`` (an ``event_date`` result) make the window that day, unless the day was
    inferred from the latest full date the text names: then the window runs from that day to
    ``YEARLESS_AFTER`` days on (the text names nothing later, so its news is near), within the
    text's own bounds (days it names without a year may lie later). Otherwise: the latest dated
    reference the text reports as past, or the publication candidates ``describe`` inferred from
    it, is a lower bound (an article is not older than what it reports); a period the text
    speaks of in the present ("the front lines in late 2025 remain") bounds both sides; days
    named without a year give seasons (a plan, "the proposed May 15 talks", lies ahead).
    """
    if day is not None:
        number = date.fromisoformat(day).toordinal()
        if how != "inferred":
            return Window(number, number)
        own = event_window(article)
        last = number + YEARLESS_AFTER if own.last is None else min(own.last, number + YEARLESS_AFTER)
        return Window(own.first, last, own.yearless)
    text = article.text
    expressions = date_expressions(text, None)
    lows = [date.fromisoformat(c.value).toordinal() for c in article.published_candidates
            if c.how == "inferred" and _iso(c.value)]
    last = None
    yearless = []
    for e in expressions:
        forward = looks_forward(text, e.start)
        if e.value is not None and not e.relative and not forward:
            lows.append(date.fromisoformat(e.value).toordinal())
            if e.granularity in ("month", "year") and _spoken_of_as_now(text, e):
                end = date.fromisoformat(e.value_end).toordinal()
                last = end if last is None else max(last, end)
        elif e.value is None and (named := month_day(e)):
            before, after = (PLAN_AHEAD, 0) if forward else (YEARLESS_BEFORE, YEARLESS_AFTER)
            yearless.append((*named, before, after))
    first = max(lows) - LOOKBACK_DAYS if lows else None
    if first is not None and last is not None and last < first:
        last = None  # a present period older than what the text reports is not the present
    return Window(first, last, tuple(yearless))


def window_range(window: Window) -> tuple[str | None, str | None]:
    """A window as ISO days (``None`` where it is open): the range an undated article's
    happening is inferred to fall in, for a reader; days named without a year are left out."""
    return tuple(None if d is None else date.fromordinal(d).isoformat()
                 for d in (window.first, window.last))


def _spoken_of_as_now(text: str, expression: DateExpression) -> bool:
    """Whether a period is the text's present: "X in late 2025 remain", not "passed in 2019 is"."""
    before = _NOW_BEFORE.search(text, max(0, expression.start - 40), expression.start)
    return bool(before and not before.group(1).lower().endswith(("ed", "en"))
                and _NOW_AFTER.match(text, expression.end))


@dataclass(frozen=True)
class _Features:
    """What the linker keeps per article: its time, the names it mentions, its quotations."""

    window: Window
    names: frozenset[str]
    quotes: frozenset[str]
    quoted_words: frozenset[str]
    # Every name-like word of the corpus the article uses anywhere, in any case, and the names
    # it is about (see ``_conflict``).
    mentioned: frozenset[str] = frozenset()
    key_names: frozenset[str] = frozenset()


def _names(text: str) -> Counter[str]:
    """Capitalised words, counted: the people, places and bodies an article names.

    A capital that opens a sentence or sits in a title-case headline proves nothing, so such a
    word counts only when the text also capitalises it mid-sentence ("Lohan checked in ... said
    Lohan's lawyer"), never for "However" or "What Happens Next".
    """
    inside: Counter[str] = Counter()
    opening: Counter[str] = Counter()
    for line in text.splitlines():
        headline = _headline(line)
        for match in _NAME.finditer(line):
            starts = headline or bool(_SENTENCE_START.search(line, 0, match.start()))
            for word in match.group(0).split():
                if word.lower().strip("'’") not in _NOT_NAMES:
                    (opening if starts else inside)[re.sub(r"['’]s$", "", word).lower()] += 1
    inside.update({name: n for name, n in opening.items() if name in inside})
    return inside


def _headline(line: str) -> bool:
    """A title-case line (a headline or subheading), where every word may carry a capital."""
    words = [w for w in line.split() if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _words(text: str) -> frozenset[str]:
    """Every word of a text in lower case (a possessive's "s" falls off as a word of its own):
    what it mentions at all."""
    return frozenset(_WORD.findall(text.lower()))


def _quotes(text: str) -> frozenset[str]:
    out = set()
    for match in _QUOTE.finditer(text):
        words = _WORD.findall(match.group(1).lower())
        if len(words) >= QUOTE_WORDS:
            out.add(" ".join(words))
    return frozenset(out)


def _document(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


@dataclass(frozen=True)
class Signals:
    """What linking needs from one article alone, computed once (in a worker if need be).

    Nothing here depends on the rest of the corpus, so a store can keep it between runs
    (``as_dict``) and a run that adds a few articles computes only theirs; the corpus-wide part
    (weights, pairs, groups) is ``group_events``'s. ``names`` keeps the order the text met them:
    a label's ties go to the name met first.
    """

    day: tuple[str | None, str]
    window: Window
    names: tuple[tuple[str, int], ...]
    quoted: frozenset[str]  # content words inside short quotations
    quotes: frozenset[str]  # quotations of QUOTE_WORDS words or more
    lead: frozenset[str]  # those of its names its lead mentions
    opening: frozenset[str]  # those of its names its opening mentions
    credits: frozenset[str]  # those of its names that are its own outlet's or author's

    def as_dict(self) -> dict[str, Any]:
        window = self.window
        return {"day": list(self.day), "window": [window.first, window.last, [list(y) for y in window.yearless]],
                "names": [list(n) for n in self.names],
                **{k: sorted(getattr(self, k)) for k in ("quoted", "quotes", "lead", "opening", "credits")}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signals:
        first, last, yearless = data["window"]
        return cls(day=tuple(data["day"]), window=Window(first, last, tuple(tuple(y) for y in yearless)),
                   names=tuple((name, n) for name, n in data["names"]),
                   **{k: frozenset(data[k]) for k in ("quoted", "quotes", "lead", "opening", "credits")})


def article_signals(item: tuple[Article, tuple[str | None, str] | None]) -> Signals:
    """``Signals`` of one article; ``item`` is the article and its ``event_date`` if known."""
    article, known = item
    day = known or event_date(article)
    document = _document(article)
    names = _names(document)
    lead, opening, credits = _words(document[:LEAD_CHARS]), _words(document[:OPENING_CHARS]), _credits(article)
    return Signals(day=day, window=event_window(article, *day), names=tuple(names.items()),
                   quoted=_quoted_words(document), quotes=_quotes(document),
                   lead=frozenset(n for n in names if n in lead),
                   opening=frozenset(n for n in names if n in opening),
                   credits=frozenset(n for n in names if n in credits))


def group_events(articles: Sequence[Article], reprints: Mapping[str, Any] | None = None,
                 event_dates: Mapping[str, tuple[str | None, str]] | None = None,
                 mapper: Callable[..., Iterable[Any]] = map,
                 signals: Mapping[str, Signals] | None = None) -> list[Event]:
    """Group articles into events.

    ``reprints`` maps a reprint's id to its original's id (or to ``(original_id, similarity)``
    as ``find_reprints`` returns); ``event_dates`` may hold ``event_date`` results computed
    earlier (per article, in parallel), else they are computed here. An article without an
    event date gets an ``event_window`` from its own evidence. ``signals`` may hold the
    ``article_signals`` of some articles, computed earlier; the others' run through ``mapper``
    (a ``map`` that may run on workers); the corpus-wide part runs here.
    """
    root, by_id = _roots(articles, reprints)
    originals = sorted(set(root.values()))
    if not originals:
        return []
    docs = [by_id[i] for i in originals]
    matrix = _tfidf([_document(a) for a in docs])
    known = event_dates or {}
    found = dict(signals or {})
    missing = [a for a in docs if a.id not in found]
    found.update(zip((a.id for a in missing), mapper(article_signals, [(a, known.get(a.id)) for a in missing])))
    per_doc = [found[a.id] for a in docs]
    dates = [s.day for s in per_doc]
    name_counts = [Counter(dict(s.names)) for s in per_doc]
    idf = _idf([set(c) | s.quoted for c, s in zip(name_counts, per_doc)])
    features = [_features(s, _words(_document(a)), idf) for a, s in zip(docs, per_doc)]
    edges = {}
    for i, j, cosine in _candidates(matrix, [f.window for f in features]):
        score = pair_score(cosine, features[i], features[j], idf)
        if score >= LINK:
            edges[(i, j)] = score
    groups = _cluster(len(docs), edges, matrix, features, idf)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    links: dict[int, list[tuple[str, str, float]]] = {}
    for (i, j), score in edges.items():
        if group_of[i] == group_of[j]:
            links.setdefault(group_of[i], []).append((originals[i], originals[j], round(score, 3)))
    members_of: dict[str, list[str]] = {}
    for aid, r in root.items():
        members_of.setdefault(r, []).append(aid)
    events = []
    for g, group in enumerate(groups):
        ids = sorted(aid for i in group for aid in members_of[originals[i]])
        dated = [dates[i] for i in group if dates[i][0]]
        # The surest evidence dates the event: a day the text names, then a publication date.
        best = next(([d for d, how in dated if how == kind] for kind in ("text", "published")
                     if any(how == kind for _, how in dated)), [d for d, _ in dated])
        events.append(Event(
            id=event_id(ids), label=_label(group, docs, matrix, name_counts),
            date=min(best) if best else None, date_end=max(best) if best else None,
            articles=tuple(ids), links=tuple(sorted(links.get(g, ()))),
        ))
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def originals(articles: Sequence[Article], reprints: Mapping[str, Any] | None = None) -> list[Article]:
    """The articles ``group_events`` compares (and needs ``Signals`` of): those with text that
    are no reprint of another; a reprint joins its original's event."""
    root, by_id = _roots(articles, reprints)
    return [by_id[i] for i in sorted(set(root.values()))]


def _roots(articles: Sequence[Article], reprints: Mapping[str, Any] | None) -> tuple[dict[str, str], dict[str, Article]]:
    by_id = {a.id: a for a in articles if a.text.strip()}
    return {aid: _original(aid, reprints or {}, by_id) for aid in by_id}, by_id


def _tfidf(texts: Sequence[str]) -> sparse.csr_matrix:
    """Unit TF-IDF rows whose IDF nearly vanishes for words most of the corpus uses.

    In a corpus about one story, "talks" or the leaders' names appear everywhere and separate
    nothing; the usual smoothed IDF (never below 1) would still let them dominate.
    """
    vectorizer = TfidfVectorizer(stop_words=list(_STOP_WORDS), sublinear_tf=True, dtype=np.float32,
                                 token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b", use_idf=False,
                                 norm=None)
    counts = vectorizer.fit_transform(texts).tocsr()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    weights = np.log((len(texts) + 1) / np.maximum(df, 1)).astype(np.float32)
    matrix = counts.multiply(weights).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1 / norms) @ matrix).tocsr()


def _features(signals: Signals, words: frozenset[str], idf: Mapping[str, float]) -> _Features:
    """An article's features under the corpus's weights; ``words``: every word of its text."""
    salient = sorted(signals.names, key=lambda kv: (-kv[1] * idf[kv[0]], kv[0]))[:NAMES_KEPT]
    key = [name for name, n in salient
           if ((n >= KEY_MENTIONS and name in signals.lead) or name in signals.opening)
           and name not in signals.credits][:KEY_NAMES]
    return _Features(window=signals.window, names=frozenset(name for name, _ in salient),
                     quotes=signals.quotes, quoted_words=signals.quoted,
                     mentioned=frozenset(words & idf.keys()),
                     key_names=frozenset(key))


def _credits(article: Article) -> frozenset[str]:
    """The words of the article's own outlet and author: a masthead or byline in the opening
    names who wrote it, not who took part."""
    return _words(f"{article.outlet or ''} {article.author or ''}")


def _original(aid: str, reprints: Mapping[str, Any], by_id: Mapping[str, Article]) -> str:
    seen = {aid}
    while aid in reprints:
        target = reprints[aid]
        target = target[0] if isinstance(target, tuple | list) else target
        if target in seen or target not in by_id:
            break
        seen.add(target)
        aid = target
    return aid


def _idf(per_article: Sequence[set[str]]) -> dict[str, float]:
    """Names and quoted words weigh less the more articles carry them (see ``_tfidf``)."""
    df: Counter[str] = Counter()
    for terms in per_article:
        df.update(terms)
    return {term: float(np.log((len(per_article) + 1) / k)) for term, k in df.items()}


def _quoted_words(text: str) -> frozenset[str]:
    """Content words inside short quotations: what a report has someone say, in their words."""
    out = set()
    for match in _QUOTED.finditer(text):
        words = _WORD.findall(match.group(1).lower())
        if len(words) <= QUOTED_MAX_WORDS:
            out.update(w for w in words if w not in _STOP_WORDS and not w.isdigit())
    return frozenset(out)


def _overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    union = sum(idf.get(t, 0.0) for t in a | b)
    return sum(idf.get(t, 0.0) for t in a & b) / union if union else 0.0


def _vetoed(a: _Features, b: _Features) -> bool:
    return windows_apart(a.window, b.window)


def pair_score(cosine: float, a: _Features, b: _Features, idf: Mapping[str, float]) -> float:
    """The combined evidence that two articles report one happening; 0 when time vetoes, below
    0 when they share a topic but disagree on who or where."""
    if _vetoed(a, b):
        return 0.0
    quote = 1.0 if a.quotes & b.quotes else 0.0
    evidence = (W_COSINE * cosine + W_NAMES * _overlap(a.names, b.names, idf) + W_QUOTE * quote
                + W_QUOTED * _overlap(a.quoted_words, b.quoted_words, idf)
                + W_TIME * time_fit(a.window, b.window))
    return evidence - W_CONFLICT * _conflict(a, b, idf) * cosine


def _conflict(a: _Features, b: _Features, idf: Mapping[str, float]) -> float:
    """How much two articles disagree on who or where: each is about someone or somewhere the
    other never mentions (Rahman against Thompson, Surrey against Somerset), as the smaller of
    the two IDF-weighted shares of key names the other lacks."""
    def missing(x: _Features, y: _Features) -> float:
        total = sum(idf.get(t, 0.0) for t in x.key_names)
        return sum(idf.get(t, 0.0) for t in x.key_names - y.mentioned) / total if total else 0.0
    return min(missing(a, b), missing(b, a))


def _top_terms(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row cut to its ``keep`` heaviest terms: a sparse sketch for finding candidates."""
    matrix = matrix.tocsr()
    rows, cols, vals = [], [], []
    for r in range(matrix.shape[0]):
        lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
        data = matrix.data[lo:hi]
        top = np.argsort(-data)[:keep]
        rows.append(np.full(len(top), r))
        cols.append(matrix.indices[lo:hi][top])
        vals.append(data[top])
    if not rows:
        return matrix
    return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                             shape=matrix.shape)


def _candidates(matrix: sparse.csr_matrix, windows: Sequence[Window]) -> list[tuple[int, int, float]]:
    """Pairs worth scoring: cosine ≥ CANDIDATE, dated ones only within neighbouring windows.

    Pairs are found on each article's heaviest terms (two articles about one happening share
    some of them), then scored with the full vectors: common words never fill memory.
    """
    # A word only one article uses can find no pair: the sketch keeps the heaviest shared ones.
    shared = np.bincount(matrix.indices, minlength=matrix.shape[1]) > 1
    sketch = _top_terms(matrix @ sparse.diags(shared.astype(matrix.dtype)), SKETCH_TERMS)
    days = [w.first if w.exact else None for w in windows]
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    undated = [i for i, d in enumerate(days) if d is None]
    windows: dict[int, list[int]] = {}
    for d, i in dated:
        windows.setdefault(d // MAX_GAP_DAYS, []).append(i)
    # A window against itself and the next one covers every pair the time veto allows.
    blocks = [(rows, rows + windows.get(w + 1, [])) for w, rows in windows.items()]
    if undated:
        blocks.append((undated, list(range(len(days)))))
    found: set[tuple[int, int]] = set()
    for rows, cols in blocks:
        columns = sketch[cols].T.tocsc()
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            near = (sketch[chunk] @ columns).tocoo()
            for r, c in zip(near.row.tolist(), near.col.tolist()):
                i, j = chunk[r], cols[c]
                if i != j:
                    found.add((min(i, j), max(i, j)))
    if not found:
        return []
    pairs = np.array(sorted(found))
    cosines = np.empty(len(pairs), dtype=np.float32)
    # In slices: gathering the rows of every pair at once would copy the matrix many times over.
    for start in range(0, len(pairs), 20_000):
        part = pairs[start:start + 20_000]
        cosines[start:start + 20_000] = np.asarray(
            matrix[part[:, 0]].multiply(matrix[part[:, 1]]).sum(axis=1)).ravel()
    keep = cosines >= CANDIDATE
    return [(int(i), int(j), float(v)) for (i, j), v in zip(pairs[keep], cosines[keep])]


def _cluster(n: int, edges: Mapping[tuple[int, int], float], matrix: sparse.csr_matrix,
             features: Sequence[_Features], idf: Mapping[str, float]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    groups = []
    for members in components.values():
        if 2 < len(members) <= MAX_LINKAGE:
            groups.extend(_average_linkage(members, matrix, features, idf))
        else:
            groups.append(members)
    return groups


def _average_linkage(members: list[int], matrix: sparse.csr_matrix,
                     features: Sequence[_Features], idf: Mapping[str, float]) -> list[list[int]]:
    """Split a component where the mean pair score between its parts falls below LINK."""
    cosines = (matrix[members] @ matrix[members].T).toarray()
    m = len(members)
    top = W_COSINE + W_NAMES + W_QUOTE + W_QUOTED + W_TIME  # highest possible score: distances stay non-negative
    # A vetoed pair weighs so much that no cluster holding it can pass: the veto stays hard.
    distances = [_VETOED if _vetoed(features[members[a]], features[members[b]])
                 else top - pair_score(float(cosines[a, b]), features[members[a]], features[members[b]], idf)
                 for a in range(m) for b in range(a + 1, m)]
    # float32 cosines of identical texts can exceed 1 by a hair: clip, linkage wants d ≥ 0.
    tree = hierarchy.linkage(np.clip(distances, 0.0, None), method="average")
    labels = hierarchy.fcluster(tree, t=top - LINK, criterion="distance")
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, labels):
        groups.setdefault(int(label), []).append(member)
    return _rejoin(list(groups.values()), members, distances, top)


def _rejoin(groups: list[list[int]], members: list[int], distances: list[float], top: float) -> list[list[int]]:
    """Put back a lone article that average linkage cut off although it links to REJOIN_LINKS
    or more members of one group and disagrees with none of them: a wide event's peripheral
    reports pull the average down, but several links are not one bridging pair."""
    m = len(members)
    at = {member: k for k, member in enumerate(members)}

    def score(a: int, b: int) -> float:
        i, j = sorted((at[a], at[b]))
        return top - distances[m * i - i * (i + 1) // 2 + (j - i - 1)]

    for lone in [g for g in groups if len(g) == 1]:
        fits = [(sum(score(lone[0], b) >= LINK for b in g), g) for g in groups if len(g) > 1
                and all(score(lone[0], b) > 0 for b in g)]
        links, home = max(fits, key=lambda f: f[0], default=(0, None))
        if home is not None and links >= REJOIN_LINKS:
            home.append(lone[0])
            groups.remove(lone)
    return groups


def _label(group: Sequence[int], docs: Sequence[Article], matrix: sparse.csr_matrix,
           name_counts: Sequence[Counter[str]]) -> str:
    """"Actor — what they did", from the headline of the article closest to the others.

    The actor is the name the event's articles use most; the action is the headline part
    that names the actor (a headline is often a teaser, a question, then the news), or the
    opening sentence when there is no headline.
    """
    names: Counter[str] = Counter()
    for i in group:
        names.update(name_counts[i])
    rows = matrix[list(group)]
    closeness = np.asarray((rows @ rows.T).sum(axis=1)).ravel()
    # The article closest to the others names the event, a report before an explainer or listicle.
    central = min(range(len(group)), key=lambda k: (_explains(docs[group[k]]), -closeness[k], k))
    article = docs[group[central]]
    headline = article.title or _first_sentence(article.text)
    parts = [p.strip(" .,'’\"“”") for p in _HEADLINE_BREAK.split(headline)]
    parts = [p for p in parts if len(p.split()) >= 3] or [headline.strip()]
    # The news part names someone; of several, the first name is usually the subject.
    named = [(k, p) for p in parts for k, w in enumerate(p.split()) if _bare(w) in names]
    if named:
        at, part = named[0]
        words = part.split()
        # A name of several words is the actor whole ("Los Angeles County", "Hawaiian Gardens").
        end = at + 1
        while end < len(words) and words[end][:1].isupper() and _bare(words[end]) in names and not words[end - 1].endswith((",", ":", ";")):
            end += 1
        actor, words = " ".join(words[at:end]).strip(".,:;!?\"“”‘()"), words[end:]
        actor = re.sub(r"['’]s$", "", actor)
        if len(words) >= 4 and words[0].lower() in ("and", "&") and words[1][:1].isupper():
            # "Korvath and Trevania sign ...": both sides are who acted
            actor, words = f"{actor} and {words[1].strip('.,:;!?')}", words[2:]
        if len(words) < 3:  # the name closes the headline ("freed at the Tessel bridge")
            actor, words = "", part.split()
    else:
        words = max(parts, key=len).split()
        actor = names.most_common(1)[0][0].title() if names else ""
    # Headline capitals carry no meaning; a name the articles use keeps its own.
    action = " ".join(w if _bare(w) in names or w.isupper() or _bare(w) in _CALENDAR else w.lower() for w in words)
    action = " ".join(action.split()[:LABEL_WORDS]) or "in the news"
    return f"{actor} — {action}" if actor else action[:1].upper() + action[1:]


_CALENDAR = frozenset(calendar.day_name[i].lower() for i in range(7)) | frozenset(
    calendar.month_name[i].lower() for i in range(1, 13))


def _explains(article: Article) -> bool:
    return bool(article.title and _NOT_A_REPORT.search(article.title))


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word.strip(".,:;!?'’\"“”‘()")).lower()


def _first_sentence(text: str) -> str:
    match = re.match(r"\s*(.+?[.!?])(?:\s|$)", text, re.S)
    return " ".join((match.group(1) if match else text[:200]).split())
