"""One round of ``storyline watch`` at scale: re-linking a stored corpus that gained 20 articles.

    .venv/bin/python bench/watch_bench.py [SIZES...]      (default: 10000 100000)

For each size N, on the synthetic articles of ``linking_bench`` (planted events and reprints):
N articles are stored and linked once (``dates.v1``, ``reprints.v1``, ``events.v1`` through
``analyse``, filling the per-article caches), then 20 more are stored, picked at random from
the whole date range, so some arrive older than stored ones. Then, each in a fresh process so
its peak resident memory is its own:

* ``incremental``: ``analyse`` on that store, as a watch round runs it (the linking stages);
* ``full``: what a round cost before, reprints and events recomputed from the texts alone
  (``find_reprints`` and ``group_events`` over all N + 20, the ``dates.v1`` days given).

Both include reading the corpus from the store. The two results are compared, and must agree.

    .venv/bin/python bench/watch_bench.py --corpus-stages K     (default: 100)

times every corpus stage (a watch round re-runs those that are not incremental) on the sample
corpus analysed once and cloned K times over under new ids, with its per-article results: every
text K times over, a worst case for the stages that compare what articles say.

Timings are wall clock on a shared machine: the load average is printed with every row.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linking_bench import synthetic  # noqa: E402  (the bench folder is not a package)

from storyline import distributed, pipeline, settings, stages  # noqa: E402
from storyline.events import group_events  # noqa: E402
from storyline.reprints import find_reprints  # noqa: E402
from storyline.store import Outcome, Store  # noqa: E402

NEW = 20
LINKING = ("dates.v1", "reprints.v1", "events.v1")


def _linking_only() -> None:
    """Register-time filter: the watch round runs every stage; the others are not measured here."""
    registered = stages.registered
    stages.registered = lambda kind=None: [s for s in registered(kind) if s.name in LINKING]  # type: ignore[assignment]


def _timed_stages() -> dict[str, float]:
    """Wrap the linking corpus stages so their own time is recorded."""
    spent: dict[str, float] = {}
    for stage in stages.registered("corpus"):
        def timed(articles, store, _func=stage.func, _name=stage.name):
            started = time.perf_counter()
            try:
                return _func(articles, store)
            finally:
                spent[_name] = time.perf_counter() - started
        stages._REGISTRY[stage.name] = stages.Stage(stage.name, stage.kind, timed, stage.after, stage.uses_profile)
    return spent


def _peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def prepare(db: str, n: int) -> dict[str, float]:
    """N articles stored and linked, then the 20 new ones stored (not analysed)."""
    articles, _, _ = synthetic(n + NEW)
    rng = random.Random(11)
    new = set(rng.sample(range(len(articles)), NEW))
    with Store.open(db) as store:
        old = [a for k, a in enumerate(articles) if k not in new]
        for start in range(0, len(old), 5000):
            store.write([Outcome(a.source, a.id, a) for a in old[start:start + 5000]])
        started = time.perf_counter()
        with distributed.executor_for(2) as executor:
            pipeline.analyse(store, executor=executor)
        first = time.perf_counter() - started
        store.write([Outcome(articles[k].source, articles[k].id, articles[k]) for k in sorted(new)])
    return {"first_link_s": round(first, 1)}


def incremental(db: str) -> dict[str, float]:
    spent = _timed_stages()
    with Store.open(db) as store:
        started = time.perf_counter()
        report = pipeline.analyse(store)
        total = time.perf_counter() - started
        result = {"reprints": store.corpus("reprints.v1")["article_fields"], "events": store.corpus("events.v1")["events"]}
    Path(db + ".incremental.json").write_text(json.dumps(result, sort_keys=True))
    return {"round_s": round(total, 2), "reprints_s": round(spent["reprints.v1"], 2),
            "events_s": round(spent["events.v1"], 2), "dates_new": report.ran["dates.v1"], "peak_mb": _peak_mb()}


def full(db: str) -> dict[str, float]:
    with Store.open(db) as store:
        started = time.perf_counter()
        articles = list(store.articles())
        days = {aid: (d["event_date"], d["event_date_how"]) for aid, d in store.annotations("dates.v1").items()}
        read = time.perf_counter()
        found = find_reprints(articles)
        middle = time.perf_counter()
        grouped = group_events(articles, found, event_dates=days)
        finished = time.perf_counter()
    reprints = {k: {"reprint_of": o, "reprint_similarity": round(s, 3)} for k, (o, s) in found.items()}
    expected = json.dumps({"reprints": reprints, "events": [e.as_dict() for e in grouped]}, sort_keys=True)
    same = Path(db + ".incremental.json").read_text() == expected
    return {"round_s": round(finished - started, 2), "read_s": round(read - started, 2),
            "reprints_s": round(middle - read, 2), "events_s": round(finished - middle, 2),
            "peak_mb": _peak_mb(), "equal_to_incremental": same}


def corpus_stages(copies: int) -> dict[str, float]:
    """Each corpus stage's time on the sample corpus cloned ``copies`` times, results included."""
    conf = settings.load({"profile": "sample-corpus"})
    settings.use(conf)
    root = Path(__file__).resolve().parents[1]
    with Store.open("sqlite://") as sample:
        pipeline.ingest([str(root / "samples" / "corpus")], sample, conf)
        pipeline.analyse(sample)
        articles = list(sample.articles())
        results = {s.name: sample.annotations(s.name) for s in stages.registered("article")}
    spent = _timed_stages()
    with Store.open("sqlite://") as store:
        clones = [(a, type(a).from_dict({**a.as_dict(), "id": f"{a.id}-{k}", "source": f"{a.source}#{k}"}))
                  for k in range(copies) for a in articles]
        store.write([Outcome(c.source, c.id, c) for _, c in clones])
        for name, payloads in results.items():
            store.put_annotations(name, {c.id: payloads[a.id] for a, c in clones if a.id in payloads})
        report = pipeline.analyse(store)
    return {"articles": len(clones), "article_stages_run": sum(report.ran[s.name] for s in stages.registered("article")),
            **{name: round(seconds, 2) for name, seconds in spent.items()}, "load": round(os.getloadavg()[0], 1)}


def _in_fresh_process(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if argv[:1] == ["--corpus-stages"]:
        print(json.dumps(corpus_stages(int(argv[1]) if len(argv) > 1 else 100)))
        return 0
    if argv[:1] in (["--prepare"], ["--incremental"], ["--full"]):
        settings.use(settings.load({}))
        _linking_only()
        step = {"--prepare": lambda: prepare(argv[1], int(argv[2])), "--incremental": lambda: incremental(argv[1]),
                "--full": lambda: full(argv[1])}[argv[0]]
        print(json.dumps(step()))
        return 0
    for n in [int(a) for a in argv] or [10_000, 100_000]:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "watch.db")
            row = {"stored": n, "new": NEW, **_in_fresh_process("--prepare", db, str(n))}
            row["incremental"] = _in_fresh_process("--incremental", db)
            row["full"] = _in_fresh_process("--full", db)
            row["load"] = round(os.getloadavg()[0], 1)
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
