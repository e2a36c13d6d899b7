"""Events: articles that report the same real-world happening, not merely the same topic.

Two articles are linked when a combined score passes ``LINK``: TF-IDF cosine of their texts,
weighted overlap of the names they mention (capitalised-name heuristic, IDF-weighted so a name
every article carries counts for little), and an identical quotation of five words or more.
A hard veto separates articles whose *event dates* (the day of the happening each reports, see
``event_date``) lie more than ``MAX_GAP_DAYS`` apart, however alike their words are.

Linked articles form components, and average linkage splits components whose members are not
close on average, so one bridging pair cannot merge two events. Candidate pairs are scored only
inside time windows (and undated articles against all), which keeps the work near-linear.
Reprints are grouped through their original.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster import hierarchy
from sklearn.feature_extraction.text import TfidfVectorizer

from .datexpr import date_expressions
from .records import Article

LINK = 0.10  # combined score two articles need to be linked
CANDIDATE = 0.06  # TF-IDF cosine below which a pair is not scored at all
SKETCH_TERMS = 30  # heaviest terms per article used to find candidate pairs
W_COSINE, W_NAMES, W_QUOTE = 0.6, 0.4, 0.25
MAX_GAP_DAYS = 7  # event dates further apart than this: two happenings
LEAD_CHARS = 1500  # where an article says when its happening took place
LOOKBACK_DAYS = 10  # a dated lead expression older than this is background, not the news
NAMES_KEPT = 15
QUOTE_WORDS = 5
_VETOED = 1e6
MAX_LINKAGE = 3000  # bigger components keep their plain edges (linkage is quadratic)

_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*[a-z][\w'’-]*))*")
_QUOTE = re.compile(r"[“\"]([^“”\"]{10,400})[”\"]")
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
    wins; else the publication date; an undated article falls back on the first full date in
    its lead ("April 23, 2025"). How: "text", "published", "lead-date" or "unknown".
    """
    lead = article.text[:LEAD_CHARS]
    published = _iso(article.published)
    days = [e for e in date_expressions(lead, article.published)
            if e.granularity == "day" and e.value is not None]
    if published is not None:
        for expression in days:
            day = date.fromisoformat(expression.value)
            if published - timedelta(days=LOOKBACK_DAYS) <= day <= published:
                return expression.value, "text"
        return published.isoformat(), "published"
    for expression in days:
        if not expression.relative:
            return expression.value, "lead-date"
    return None, "unknown"


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Features:
    """What the linker keeps per article: its time, the names it mentions, its quotations."""

    day: int | None  # event date as a day number
    names: frozenset[str]
    quotes: frozenset[str]


def _names(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        words = [w for w in match.group(0).split() if w.lower().strip("'’") not in _NOT_NAMES]
        for word in words:
            found[re.sub(r"['’]s$", "", word).lower()] += 1
    return found


def _quotes(text: str) -> frozenset[str]:
    out = set()
    for match in _QUOTE.finditer(text):
        words = _WORD.findall(match.group(1).lower())
        if len(words) >= QUOTE_WORDS:
            out.add(" ".join(words))
    return frozenset(out)


def _document(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def group_events(articles: Sequence[Article], reprints: Mapping[str, Any] | None = None,
                 event_dates: Mapping[str, tuple[str | None, str]] | None = None) -> list[Event]:
    """Group articles into events.

    ``reprints`` maps a reprint's id to its original's id (or to ``(original_id, similarity)``
    as ``find_reprints`` returns); ``event_dates`` may hold ``event_date`` results computed
    earlier (per article, in parallel), else they are computed here.
    """
    by_id = {a.id: a for a in articles if a.text.strip()}
    root = {aid: _original(aid, reprints or {}, by_id) for aid in by_id}
    originals = sorted(set(root.values()))
    if not originals:
        return []
    docs = [by_id[i] for i in originals]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32,
                                 token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b")
    matrix = vectorizer.fit_transform([_document(a) for a in docs])
    vocabulary = vectorizer.get_feature_names_out()
    known = event_dates or {}
    dates = [known[a.id] if a.id in known else event_date(a) for a in docs]
    name_counts = [_names(_document(a)) for a in docs]
    idf = _name_idf(name_counts)
    features = [_features(d, counts, a.text, idf) for a, (d, _), counts in zip(docs, dates, name_counts)]
    edges = {}
    for i, j, cosine in _candidates(matrix, [f.day for f in features]):
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
        best = [d for d, how in dated if how in ("text", "lead-date")] or [d for d, _ in dated]
        events.append(Event(
            id=event_id(ids), label=_label(group, matrix, vocabulary, name_counts),
            date=min(best) if best else None, date_end=max(best) if best else None,
            articles=tuple(ids), links=tuple(sorted(links.get(g, ()))),
        ))
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def _features(day: str | None, counts: Counter[str], text: str, idf: Mapping[str, float]) -> _Features:
    salient = sorted(counts.items(), key=lambda kv: (-kv[1] * idf[kv[0]], kv[0]))[:NAMES_KEPT]
    return _Features(
        day=date.fromisoformat(day).toordinal() if day else None,
        names=frozenset(name for name, _ in salient),
        quotes=_quotes(text),
    )


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


def _name_idf(counts: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    return {name: float(np.log((1 + n) / (1 + k)) + 1.0) for name, k in df.items()}


def _vetoed(a: _Features, b: _Features) -> bool:
    return a.day is not None and b.day is not None and abs(a.day - b.day) > MAX_GAP_DAYS


def pair_score(cosine: float, a: _Features, b: _Features, idf: Mapping[str, float]) -> float:
    """The combined evidence that two articles report one happening; 0 when time vetoes."""
    if _vetoed(a, b):
        return 0.0
    union = a.names | b.names
    names = (sum(idf.get(n, 1.0) for n in a.names & b.names) / sum(idf.get(n, 1.0) for n in union)
             if union else 0.0)
    quote = 1.0 if a.quotes & b.quotes else 0.0
    return W_COSINE * cosine + W_NAMES * names + W_QUOTE * quote


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


def _candidates(matrix: sparse.csr_matrix, days: Sequence[int | None]) -> list[tuple[int, int, float]]:
    """Pairs worth scoring: cosine ≥ CANDIDATE, dated ones only within neighbouring windows.

    Pairs are found on each article's heaviest terms (two articles about one happening share
    some of them), then scored with the full vectors: common words never fill memory.
    """
    sketch = _top_terms(matrix, SKETCH_TERMS)
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
    top = W_COSINE + W_NAMES + W_QUOTE  # highest possible score: distances stay non-negative
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
    return list(groups.values())


def _label(group: Sequence[int], matrix: sparse.csr_matrix, vocabulary: Sequence[str],
           name_counts: Sequence[Counter[str]]) -> str:
    """Key actors, then the words that weigh most in this event's articles."""
    names: Counter[str] = Counter()
    for i in group:
        names.update(name_counts[i])
    actors = [n.title() for n, _ in names.most_common(2)]
    centroid = np.asarray(matrix[list(group)].mean(axis=0)).ravel()
    words = [vocabulary[k] for k in np.argsort(-centroid)[:20]
             if centroid[k] > 0 and vocabulary[k] not in names][:4]
    return f"{', '.join(actors) or 'unnamed'} — {', '.join(words)}"
