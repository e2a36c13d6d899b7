"""Export figures: time and peak Python memory of the JSONL and Parquet exports as the corpus grows.

Run: .venv/bin/python bench/export_bench.py [--sizes 2000 20000]
A SQLite store of synthetic articles (~3,000 characters, three quotes each as the attribution
stage's stored result). Peak memory is what tracemalloc sees of Python's own allocations during
the export alone (the store is filled first); time is a separate run without tracing. A streamed
export keeps the peak flat as the corpus grows; one that holds the corpus grows with it.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from storyline import builtin, export  # noqa: F401  (builtin registers the stages whose results are exported)
from storyline.records import Article, article_id
from storyline.store import Outcome, Store

WORDS = ("harbour council budget dredging vote minister strike union wages talks port ships "
         "officials said week statement agreement plan roads river").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def fill(store: Store, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    for start in range(0, n, 1000):
        outcomes, quotes = [], {}
        for i in range(start, min(n, start + 1000)):
            text = f"Report {i}. " + " ".join(sentence(rng) for _ in range(22))
            aid = article_id(text)
            outcomes.append(Outcome(f"in/{i}.txt", f"sha{i}", Article(id=aid, source=f"in/{i}.txt", text=text,
                                                                      title=f"Report {i}", published=f"2026-{1 + i % 12:02}-01")))
            quotes[aid] = {"quotes": [{"speaker": "A. Speaker", "speaker_mention": "the speaker", "role": None, "kind": "direct",
                                       "cue": "said", "text": text[40:160], "start": 40, "end": 160} for _ in range(3)],
                           "cited_sources": []}
        store.write(outcomes)
        store.put_annotations("attribution.v1", quotes)


class Sink:
    """A text output that keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)


def measure(run: Callable[[], object]) -> tuple[float, float]:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    args = parser.parse_args()
    print("| articles | export | seconds | peak Python memory |")
    print("|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            with Store.open(Path(folder) / f"s{n}.db") as store:
                fill(store, n)
                runs = {"jsonl": lambda: export.write_jsonl(store, Sink()),
                        "csv articles": lambda: export.write_csv(store, Sink(), "articles")}
                if hasattr(export, "write_parquet"):
                    runs["parquet articles"] = lambda: export.write_parquet(store, Path(folder) / "a.parquet", "articles")
                    runs["parquet quotes"] = lambda: export.write_parquet(store, Path(folder) / "q.parquet", "quotes")
                for name, run in runs.items():
                    seconds, peak = measure(run)
                    print(f"| {n:,} | {name} | {seconds:.1f} | {peak:.1f} MB |", flush=True)


if __name__ == "__main__":
    main()
