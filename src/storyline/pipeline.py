"""The pipeline: inputs → articles in the store → analysis stages → outputs.

``prepare`` is the pure per-article part (extract, clean, describe): it runs in this process or
in a worker pool. Only the calling process writes to the store (one writer), in batches, each
batch one transaction, so a run killed at any point leaves the last committed batch and the
next run picks up where it stopped: unchanged inputs are recognised by their content hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import builtin, settings, stages  # noqa: F401  (builtin registers the built-in stages)
from .clean import clean
from .describe import describe
from .distributed import Executor, WithSettings, executor_for, using
from .errors import InputError, StorylineError
from .ingest import extract_html, read_inputs
from .records import Article, Metadata, RawDocument, Rejection
from .store import Outcome, Store

Progress = Callable[[str], None]


def prepare(raw: RawDocument) -> Article | Rejection:
    """One input → one described article, or the reason it cannot be one. Never raises."""
    try:
        text, meta = raw.content, raw.meta
        if raw.kind == "html":
            text, found = extract_html(raw.content, raw.meta.url)
            meta = _merge(raw.meta, found)
        cleaned = clean(text)
        if not cleaned.text.strip():
            return Rejection(raw.source, "no article text left after removing scraping junk", "clean")
        article = describe(raw.source, cleaned, meta)
        if not article.text.strip():
            return Rejection(raw.source, "no article text besides a headline", "describe")
        return replace(article, encoding=raw.encoding)
    except InputError as exc:
        return Rejection(raw.source, exc.message, exc.stage or "extract")
    except Exception as exc:  # one bad article never stops the batch
        return Rejection(raw.source, f"internal error: {type(exc).__name__}: {exc}", "prepare")


def _merge(given: Metadata, found: Metadata) -> Metadata:
    """What the input declared (a JSON record, a feed entry) wins over what the HTML says."""
    return Metadata(**{k: getattr(given, k) or getattr(found, k) for k in Metadata.__dataclass_fields__})


def content_sha(raw: RawDocument) -> str:
    digest = hashlib.sha256()
    digest.update(raw.kind.encode())
    digest.update(json.dumps(raw.meta.as_dict(), sort_keys=True).encode())
    digest.update(raw.content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass
class IngestReport:
    """What an ingest did; ``exit_code`` follows the CLI's contract."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def exit_code(self) -> int:
        if not self.rejected:
            return 0
        return 1 if self.accepted else 2


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: dict[str, Any],
    *,
    workers: int = 1,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, prepare and store every input; bad inputs are recorded as rejected, never raised.

    ``prepare`` runs on ``executor`` (else in a pool of ``workers`` processes); this process
    alone writes, one batch of ``batch_size`` articles per transaction.
    """
    report = IngestReport()
    batch_size = max(1, int(settings["batch_size"]))
    pending = _changed(read_inputs(inputs, settings), store, report, progress)
    with contextlib.ExitStack() as owned:
        if executor is None:
            executor = owned.enter_context(executor_for(workers))
        outcomes: list[Outcome] = []
        for source, sha, state, result in executor.map(_prepare_one, pending, per_task=4):
            outcomes.append(Outcome(source, sha, result))
            if isinstance(result, Rejection):
                report.rejected.append(result)
            elif state is None:
                report.added += 1
            else:
                report.updated += 1
            if progress:
                progress(source)
            if len(outcomes) >= batch_size:
                store.write(outcomes)
                outcomes = []
        store.write(outcomes)
    return report


def _prepare_one(
    item: tuple[RawDocument, tuple[str, str] | None],
) -> tuple[str, str, tuple[str, str] | None, Article | Rejection]:
    """``prepare`` in a worker; the input's identity travels with the result, its text does not."""
    raw, state = item
    return raw.source, content_sha(raw), state, prepare(raw)


def _changed(
    items: Iterator[RawDocument | Rejection],
    store: Store,
    report: IngestReport,
    progress: Progress | None,
) -> Iterator[tuple[RawDocument, tuple[str, str] | None]]:
    """Pass on inputs that are new or changed; record rejections; count the unchanged."""
    for item in items:
        if isinstance(item, Rejection):
            report.rejected.append(item)
            store.write([Outcome(item.source, _rejection_sha(item), item)])
            if progress:
                progress(item.source)
            continue
        state = store.input_state(item.source)
        if state is not None and state == (content_sha(item), "ok"):
            report.unchanged += 1
            if progress:
                progress(item.source)
            continue
        yield item, state


def _rejection_sha(rejection: Rejection) -> str:
    return hashlib.sha256(f"{rejection.stage}\x00{rejection.reason}".encode()).hexdigest()


@dataclass
class AnalysisReport:
    ran: dict[str, int] = field(default_factory=dict)
    failed: list[Rejection] = field(default_factory=list)


def analyse(store: Store, progress: Progress | None = None, executor: Executor | None = None) -> AnalysisReport:
    """Run every registered stage where its results are missing; corpus stages always re-run.

    Article stages are pure functions of one article, so they all run together, article by
    article, on ``executor`` (default: this process), before the corpus stages; no article
    stage can read a corpus stage's results. Corpus stages run here in registration order and
    may shard their own work on the same executor (``distributed.current``).
    """
    executor = executor or Executor()
    registered = stages.registered()
    report = AnalysisReport(ran={stage.name: 0 for stage in registered})
    conf = settings.current()
    per_article = [stage for stage in registered if stage.kind == "article"]
    done = {stage.name: _done(store, stage, conf["profile"]) for stage in per_article}
    todo = (
        (article, names)
        for article in store.articles()
        if (names := tuple(s.name for s in per_article if article.id not in done[s.name]))
    )
    work = WithSettings(_ArticleStages(tuple(per_article), conf["profile"]), conf)
    results: dict[str, dict[str, Any]] = {stage.name: {} for stage in per_article}
    pending = 0
    for source, payloads, failures in executor.map(work, todo, per_task=ARTICLES_PER_TASK):
        for name, (article_id, payload) in payloads.items():
            results[name][article_id] = payload
        report.failed.extend(Rejection(source, reason, name) for name, reason in failures)
        pending += 1
        if progress:
            progress(source)
        if pending >= ANNOTATIONS_PER_WRITE:
            _put(store, results, report)
            pending = 0
    _put(store, results, report)
    corpus_articles: list[Article] | None = None
    with using(executor):
        for stage in registered:
            if stage.kind == "corpus":
                if corpus_articles is None:
                    corpus_articles = list(store.articles())
                store.put_corpus(stage.name, stage.func(corpus_articles, store))
                report.ran[stage.name] = len(corpus_articles)
    return report


ARTICLES_PER_TASK = 4  # small tasks spread unequal articles evenly over the workers
ANNOTATIONS_PER_WRITE = 200


def _done(store: Store, stage: stages.Stage, profile: str) -> set[str]:
    """Ids of the articles that already have this stage's results (for the current profile)."""
    return {
        article_id
        for article_id, payload in store.annotations(stage.name).items()
        if not stage.uses_profile or payload.get("_profile") == profile
    }


def _put(store: Store, results: dict[str, dict[str, Any]], report: AnalysisReport) -> None:
    """Write and count the collected results of each article stage, then forget them."""
    for name, payloads in results.items():
        store.put_annotations(name, payloads)
        report.ran[name] += len(payloads)
        payloads.clear()


@dataclass(frozen=True)
class _ArticleStages:
    """The article stages an article still lacks, run on it in a worker.

    Returns the article's source, ``{stage: (article id, payload)}`` and ``[(stage, reason)]``
    for the stages that failed on it.
    """

    stages: tuple[stages.Stage, ...]
    profile: str

    def __call__(
        self, item: tuple[Article, tuple[str, ...]]
    ) -> tuple[str, dict[str, tuple[str, Any]], list[tuple[str, str]]]:
        article, names = item
        payloads: dict[str, tuple[str, Any]] = {}
        failures: list[tuple[str, str]] = []
        for stage in self.stages:
            if stage.name not in names:
                continue
            try:
                payload = stage.func(article)
                if stage.uses_profile:
                    payload["_profile"] = self.profile
                payloads[stage.name] = (article.id, payload)
            except StorylineError as exc:
                failures.append((stage.name, str(exc)))
        return article.source, payloads, failures
