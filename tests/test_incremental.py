"""Linking a corpus that grows: the reprint and event results after ingesting in batches (in
date order, or an older article arriving late) equal one full run over the same articles."""

from __future__ import annotations

import json
import random

import pytest

from storyline import pipeline, reprints, settings
from storyline.events import Signals, article_signals
from storyline.records import Article
from storyline.reprints import find_reprints, signature, update_reprints
from storyline.store import Outcome, Store

LINKING = ("dates.v1", "reprints.v1", "events.v1")


@pytest.fixture(scope="module")
def sample_articles(corpus_dir) -> list[Article]:
    conf = settings.load({"profile": "sample-corpus"})
    with Store.open("sqlite://") as store:
        pipeline.ingest([str(corpus_dir)], store, conf)
        return list(store.articles())


@pytest.fixture
def linking_only(monkeypatch):
    """``analyse`` with the stages that link (the others are not what is compared here)."""
    registered = pipeline.stages.registered
    monkeypatch.setattr(pipeline.stages, "registered",
                        lambda kind=None: [s for s in registered(kind) if s.name in LINKING])


def _linked(batches: list[list[Article]]) -> tuple[dict, dict, list[int]]:
    """Reprint and event results after analysing each batch in turn; signatures computed per round."""
    computed = []
    with Store.open("sqlite://") as store:
        for batch in batches:
            store.write([Outcome(a.source, a.id, a) for a in batch])
            before = len(store.annotations("reprints.v1"))
            pipeline.analyse(store)
            computed.append(len(store.annotations("reprints.v1")) - before)
        return store.corpus("reprints.v1"), store.corpus("events.v1"), computed


def _by_date(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


def _thirds(articles: list[Article]) -> list[list[Article]]:
    n = len(articles)
    return [articles[: n // 3], articles[n // 3: 2 * n // 3], articles[2 * n // 3:]]


@pytest.mark.parametrize("order", ["date order", "newest first", "shuffled"])
def test_batches_link_as_one_full_run(sample_articles, linking_only, order):
    full_reprints, full_events, _ = _linked([sample_articles])
    articles = _by_date(sample_articles)
    if order == "newest first":  # every later batch brings articles older than the stored ones
        articles.reverse()
    elif order == "shuffled":
        random.Random(3).shuffle(articles)
    got_reprints, got_events, computed = _linked(_thirds(articles))
    assert full_reprints["article_fields"], "the sample corpus has reprints to find"
    assert len(full_events["events"]) >= 5
    assert got_reprints == full_reprints
    assert got_events == full_events
    # Each round computed the signatures of its own batch only.
    assert computed == [len(b) for b in _thirds(articles)]


def test_an_original_arriving_after_its_copy_becomes_the_root(sample_articles, linking_only):
    full_reprints, full_events, _ = _linked([sample_articles])
    (copy, original), *_ = ((c, f["reprint_of"]) for c, f in full_reprints["article_fields"].items())
    late = [a for a in sample_articles if a.id == original]
    rest = [a for a in sample_articles if a.id != original]
    got_reprints, got_events, _ = _linked([rest, late])
    assert got_reprints["article_fields"][copy]["reprint_of"] == original
    assert (got_reprints, got_events) == (full_reprints, full_events)


def test_a_redated_article_is_linked_again(sample_articles, linking_only):
    """A changed description drops the stored signatures of that article: no stale link survives."""
    first = _by_date(sample_articles)[0]
    moved = Article.from_dict({**first.as_dict(), "published": "2031-01-01"})
    expected = _linked([[moved if a.id == first.id else a for a in sample_articles]])[:2]
    with Store.open("sqlite://") as store:
        store.write([Outcome(a.source, a.id, a) for a in sample_articles])
        pipeline.analyse(store)
        store.write([Outcome(moved.source, "redated", moved)])
        pipeline.analyse(store)
        assert (store.corpus("reprints.v1"), store.corpus("events.v1")) == expected


def test_only_new_signatures_are_looked_up(sample_articles, linking_only, monkeypatch):
    articles = _by_date(sample_articles)
    full = []
    monkeypatch.setattr(reprints, "link_signatures",
                        lambda *a, **k: full.append(1) or _link_signatures(*a, **k))
    _linked([articles[:-3], articles[-3:]])
    assert full == [1]  # the first round links everything; the second only looks up its three


_link_signatures = reprints.link_signatures


def test_signals_survive_the_store(sample_articles):
    for article in sample_articles:
        signals = article_signals((article, None))
        assert Signals.from_dict(json.loads(json.dumps(signals.as_dict()))) == signals


def _text(rng: random.Random, words: int = 80) -> str:
    return " ".join(f"w{rng.randrange(400)}" for _ in range(words))


@pytest.mark.parametrize("seed", range(6))
def test_update_equals_a_full_run_on_random_growth(seed):
    """Random texts with planted copies (exact, edited, a flood of one text), added in random
    batches: the incremental links equal a full run's every time (falling back when it must)."""
    rng = random.Random(seed)
    texts = [_text(rng) for _ in range(30)]
    texts += [t.replace("w1 ", "w999 ") for t in rng.sample(texts, 8)]
    texts += [texts[0]] * rng.choice([2, 9])  # beyond PREDECESSORS + 1 a bucket forces the fallback
    articles = [Article(id=f"a{i:03d}", source=f"a{i:03d}", text=t,
                        published=None if rng.random() < 0.2 else f"2025-05-{rng.randint(1, 28):02d}")
                for i, t in enumerate(texts)]
    rng.shuffle(articles)
    stored: dict = {}
    previous = None
    for cut in sorted(rng.sample(range(1, len(articles)), 3)) + [len(articles)]:
        links, computed = update_reprints(articles[:cut], stored, previous)
        assert links == find_reprints(articles[:cut])
        assert set(computed).isdisjoint(stored)
        stored.update(computed)
        previous = links


def test_a_big_bucket_is_not_looked_up_but_linked_in_full():
    text = _text(random.Random(1))
    ids = [f"c{i}" for i in range(8)]
    sigs = [signature(text)] * 8
    previous = reprints.link_signatures(ids[:7], sigs[:7])
    assert reprints.link_new(ids, sigs, {7}, previous) is None
    assert reprints.link_new(ids[:5], sigs[:5], {4}, reprints.link_signatures(ids[:4], sigs[:4])) == \
        reprints.link_signatures(ids[:5], sigs[:5])


def test_signatures_survive_the_store():
    sig = signature(_text(random.Random(2)))
    back = reprints.decode(json.loads(json.dumps(reprints.encode(sig))))
    assert back.shingles == sig.shingles and (back.hashvalues == sig.hashvalues).all()
    assert reprints.decode(reprints.encode(None)) is None
