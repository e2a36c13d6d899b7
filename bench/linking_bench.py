"""Time and peak memory of reprint detection and event grouping on synthetic corpora.

    python bench/linking_bench.py [SIZES...]      (default: 1000 10000 100000)
    python bench/linking_bench.py --copies N      (N copies of one article; default 10000)

Each size runs in a fresh process so its peak resident memory is its own. Articles are random
sentences over a Zipf-distributed vocabulary; planted events (3–12 articles sharing a date, a few
names and event words) and planted reprints (copies of an earlier article, some lightly edited,
some wrapped in junk) let the run also report how much of the plant was recovered. The
copies run is the bad input of the timeline issue: one article sent N times, which should come
out as one original, N - 1 reprints and one event.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from itertools import accumulate

from storyline.events import group_events
from storyline.records import Article
from storyline.reprints import find_reprints

VOCABULARY = 30_000
START = date(2024, 1, 1)


_POPULATION = [f"w{rank}" for rank in range(1, VOCABULARY + 1)]
_CUMULATIVE = list(accumulate(1.0 / rank for rank in range(1, VOCABULARY + 1)))  # Zipf, s=1


def _words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(_POPULATION, cum_weights=_CUMULATIVE, k=n)


def _edit(rng: random.Random, text: str) -> str:
    """A light rewrite: about one word in twenty replaced."""
    words = text.split()
    for _ in range(len(words) // 20):
        words[rng.randrange(len(words))] = rng.choice(_POPULATION)
    return " ".join(words)


def _sentence(rng: random.Random, event_words: list[str], names: list[str]) -> str:
    words = _words(rng, rng.randint(12, 24))
    for _ in range(rng.randint(2, 5)):
        words.insert(rng.randrange(len(words)), rng.choice(event_words))
    words.insert(0, rng.choice(names))
    return " ".join(words) + "."


def synthetic(n: int, seed: int = 7) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """``n`` articles, gold event per article and gold original per planted reprint."""
    rng = random.Random(seed)
    articles: list[Article] = []
    gold_event: dict[str, str] = {}
    gold_reprint: dict[str, str] = {}
    days = max(30, n // 20)  # about 20 articles a day whatever the size
    event = 0
    while len(articles) < n:
        event += 1
        day = START + timedelta(days=rng.randrange(days))
        names = [f"Name{rng.randrange(n)}" for _ in range(3)]
        event_words = [f"e{event}x{k}" for k in range(25)]
        for _ in range(rng.randint(3, 12)):
            if len(articles) >= n:
                break
            text = " ".join(_sentence(rng, event_words, names) for _ in range(rng.randint(15, 40)))
            published = day + timedelta(days=rng.randint(0, 2))
            aid = f"a{len(articles)}"
            articles.append(Article(id=aid, source=aid, text=text,
                                    published=None if rng.random() < 0.05 else published.isoformat()))
            gold_event[aid] = f"e{event}"
            if rng.random() < 0.1 and len(articles) < n:
                rid = f"a{len(articles)}"
                copy = text if rng.random() < 0.5 else _edit(rng, text)
                if rng.random() < 0.5:
                    copy = " ".join(_words(rng, 150)) + " " + copy + " " + " ".join(_words(rng, 150))
                articles.append(Article(id=rid, source=rid, text=copy,
                                        published=(published + timedelta(days=1)).isoformat()))
                gold_event[rid] = f"e{event}"
                gold_reprint[rid] = aid
    return articles, gold_event, gold_reprint


def run(n: int) -> dict[str, float]:
    articles, gold_event, gold_reprint = synthetic(n)
    started = time.perf_counter()
    reprints = find_reprints(articles)
    middle = time.perf_counter()
    events = group_events(articles, reprints)
    finished = time.perf_counter()
    found = {k: v[0] for k, v in reprints.items()}
    hits = sum(found.get(k) == v for k, v in gold_reprint.items())
    pure = sum(len({gold_event[a] for a in e.articles}) == 1 for e in events)
    return {
        "articles": n, "reprints_s": round(middle - started, 2),
        "events_s": round(finished - middle, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "reprint_recall": round(hits / max(1, len(gold_reprint)), 3),
        "false_reprints": len(set(found) - set(gold_reprint)),
        "events": len(events), "gold_events": len(set(gold_event.values())),
        "pure_events": round(pure / max(1, len(events)), 3),
    }


def copies(n: int) -> dict[str, float]:
    """One synthetic article ``n`` times over, all on one day."""
    (original, *_), _, _ = synthetic(1)
    articles = [Article(id=f"c{i:06d}", source=f"c{i:06d}", text=original.text,
                        published=START.isoformat()) for i in range(n)]
    started = time.perf_counter()
    reprints = find_reprints(articles)
    middle = time.perf_counter()
    events = group_events(articles, reprints)
    finished = time.perf_counter()
    return {
        "copies": n, "reprints_s": round(middle - started, 2),
        "events_s": round(finished - middle, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "originals": n - len(reprints), "events": len(events),
    }


def _in_fresh_process(*args: str) -> None:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         check=True)
    print(out.stdout.strip(), flush=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        print(json.dumps(run(int(argv[1]))))
        return 0
    if argv[:1] == ["--one-copies"]:
        print(json.dumps(copies(int(argv[1]))))
        return 0
    if argv[:1] == ["--copies"]:
        _in_fresh_process("--one-copies", argv[1] if len(argv) > 1 else "10000")
        return 0
    for n in [int(a) for a in argv] or [1_000, 10_000, 100_000]:
        _in_fresh_process("--one", str(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
