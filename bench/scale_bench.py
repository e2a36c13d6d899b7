"""Articles per second per stage and end to end, one process against two workers, with peak memory.

    .venv/bin/python bench/scale_bench.py                          # NLP sample 120, corpus 10k and 100k
    .venv/bin/python bench/scale_bench.py --nlp-sample 60 --sizes 10000 --modes single dask2

Modes: ``single`` (this process), ``pool2`` (``--workers 2``: a local process pool) and ``dask2``
(``--dask local --workers 2``: a Dask LocalCluster of two processes). Each measurement runs in a
fresh process, so its peak memory is its own (the main process plus its largest worker).

Two kinds of input, both from the existing generators:

* the NLP part (prepare, then every article stage, then a whole ``ingest`` + ``analyse``) on a
  sample of real sample-corpus and seed articles made unique (``ingest_bench``), because the
  parser is far too slow on two cores for 100k articles; beside it, spaCy's own ``nlp.pipe`` on
  the same texts, the floor any spaCy-based stage stands on;
* the cross-article stages (reprints, events) on the full 10k and 100k synthetic articles of
  ``linking_bench``, whose growth from 10k to 100k shows whether they stay near-linear.

Timings are wall clock on a shared machine: the load average is printed with every row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_bench import build  # noqa: E402  (the bench folder is not a package)
from linking_bench import synthetic  # noqa: E402

from storyline import distributed, nlp, pipeline, settings, stages  # noqa: E402
from storyline.events import group_events  # noqa: E402
from storyline.ingest import read_inputs  # noqa: E402
from storyline.records import Article, RawDocument  # noqa: E402
from storyline.reprints import find_reprints  # noqa: E402
from storyline.store import Store  # noqa: E402

MODES = {"single": (1, None), "pool2": (2, None), "dask2": (2, "local")}
PROFILE = "sample-corpus"


def _executor(mode: str) -> distributed.Executor:
    workers, dask = MODES[mode]
    return distributed.executor_for(workers, dask)


def _warm(executor: distributed.Executor) -> None:
    """Load the spaCy model in every worker first: start-up is not throughput."""
    if isinstance(executor, distributed.DaskExecutor):
        executor.client.run(nlp.load)
    else:
        list(executor.map(_load_model, range(4 * executor.workers)))


def _load_model(_: int) -> None:
    nlp.load()
    time.sleep(0.2)  # keeps one worker from taking every warm-up task


def _peak_mb(executor: distributed.Executor) -> float:
    """This process's peak plus its largest worker's: a pool's after it closed (then its
    workers' peaks are known), a Dask cluster's while it runs (asked of each worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if isinstance(executor, distributed.DaskExecutor):
        return round((own + max(executor.client.run(_own_peak).values())) / 1024)
    return round((own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)


def _own_peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def nlp_run(size: int, mode: str) -> dict:
    """Per-stage and end-to-end articles/s of the per-article work on ``size`` sample articles."""
    conf = settings.load({"profile": PROFILE})
    settings.use(conf)
    result: dict = {"kind": "nlp", "articles": size, "mode": mode}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        build(folder, size)
        raws = [r for r in read_inputs([str(folder)], conf) if isinstance(r, RawDocument)]
        with _executor(mode) as executor:
            _warm(executor)
            started = time.perf_counter()
            prepared = list(executor.map(pipeline.prepare, raws, per_task=4))
            result["prepare"] = round(len(raws) / (time.perf_counter() - started), 1)
            articles = [a for a in prepared if isinstance(a, Article)]
            for stage in stages.registered("article"):
                work = distributed.WithSettings(stage.func, conf)
                started = time.perf_counter()
                for _ in executor.map(work, articles, per_task=pipeline.ARTICLES_PER_TASK):
                    pass
                result[stage.name] = round(len(articles) / (time.perf_counter() - started), 2)
            with Store.open(Path(tmp) / "e2e.db") as store:
                started = time.perf_counter()
                pipeline.ingest([str(folder)], store, conf, executor=executor)
                pipeline.analyse(store, executor=executor)
                result["end_to_end"] = round(size / (time.perf_counter() - started), 2)
            if isinstance(executor, distributed.DaskExecutor):
                result["peak_mb"] = _peak_mb(executor)
        if "peak_mb" not in result:
            result["peak_mb"] = _peak_mb(executor)
        if mode == "single":
            model = nlp.load()
            texts = [a.text for a in articles]
            started = time.perf_counter()
            for _ in model.pipe(texts, batch_size=16):
                pass
            result["spacy_pipe"] = round(len(texts) / (time.perf_counter() - started), 2)
    return result


def corpus_run(size: int, mode: str) -> dict:
    """Seconds and articles/s of the cross-article stages on ``size`` synthetic articles."""
    articles, _, _ = synthetic(size)
    result: dict = {"kind": "corpus", "articles": size, "mode": mode}
    with _executor(mode) as executor:
        mapper = executor.mapper()
        started = time.perf_counter()
        copies = find_reprints(articles, mapper=mapper)
        middle = time.perf_counter()
        found = group_events(articles, copies, mapper=mapper)
        finished = time.perf_counter()
        result.update(
            reprints_s=round(middle - started, 1), events_s=round(finished - middle, 1),
            reprints=round(size / (middle - started)), events=round(size / (finished - middle)),
            found=[len(copies), len(found)],
        )
        if isinstance(executor, distributed.DaskExecutor):
            result["peak_mb"] = _peak_mb(executor)
    if "peak_mb" not in result:
        result["peak_mb"] = _peak_mb(executor)
    return result


def _child(kind: str, size: int, mode: str) -> dict:
    command = [sys.executable, __file__, "--one", kind, str(size), mode]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{kind} {size} {mode} failed: {done.stderr.strip()[-800:]}")
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row["load"] = round(os.getloadavg()[0], 1)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nlp-sample", type=int, default=120, help="articles for the NLP part (0: skip)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="corpus sizes for the cross-article stages")
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, size, mode = args.one
        print(json.dumps((nlp_run if kind == "nlp" else corpus_run)(int(size), mode)))
        return
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    if args.nlp_sample:
        names = ["prepare", *(s.name for s in stages.registered("article")), "end_to_end"]
        print(f"\nPer-article work on {args.nlp_sample} sample articles, articles/s:")
        print(f"{'mode':<7} " + " ".join(f"{n:>15}" for n in names) + f" {'peak MB':>8} {'load':>5}")
        floor = None
        for mode in args.modes:
            row = _child("nlp", args.nlp_sample, mode)
            floor = row.get("spacy_pipe", floor)
            print(f"{mode:<7} " + " ".join(f"{row[n]:>15}" for n in names) + f" {row['peak_mb']:>8} {row['load']:>5}", flush=True)
        if floor:
            print(f"spaCy nlp.pipe alone on the same texts, one process: {floor} articles/s "
                  "(the floor for anything that parses: timed alone, attribution, actions and places each "
                  "parse; end to end, an article is parsed once for all three)")
    if args.sizes:
        print("\nCross-article stages on synthetic articles (all of them, not a sample):")
        print(f"{'articles':>9} {'mode':<7} {'reprints s':>10} {'art/s':>7} {'events s':>9} {'art/s':>7} {'peak MB':>8} {'load':>5}")
        seconds: dict[tuple[str, int], tuple[float, float]] = {}
        for size in args.sizes:
            for mode in args.modes:
                if mode == "pool2" and "dask2" in args.modes and size > 10_000:
                    continue  # the pool and Dask shard the same work; at 100k one of them is enough
                row = _child("corpus", size, mode)
                seconds[(mode, size)] = (row["reprints_s"], row["events_s"])
                print(f"{size:>9,} {mode:<7} {row['reprints_s']:>10} {row['reprints']:>7} {row['events_s']:>9} "
                      f"{row['events']:>7} {row['peak_mb']:>8} {row['load']:>5}", flush=True)
        if len(args.sizes) > 1:
            small, large = min(args.sizes), max(args.sizes)
            for mode in args.modes:
                if (mode, small) in seconds and (mode, large) in seconds:
                    growth = [b / a if a else float("nan") for a, b in zip(seconds[(mode, small)], seconds[(mode, large)])]
                    print(f"growth {small:,} -> {large:,} ({large // small}x the articles), {mode}: "
                          f"reprints x{growth[0]:.1f}, events x{growth[1]:.1f}")


if __name__ == "__main__":
    main()
