"""The pipeline: inputs → articles in the store → analysis stages → outputs.

``prepare`` is the pure per-article part (extract, clean, describe): it runs in this process or
in a worker pool. Only the calling process writes to the store (one writer), in batches, each
batch one transaction, so a run killed at any point leaves the last committed batch and the
next run picks up where it stopped: unchanged inputs are recognised by their content hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from . import builtin, settings, stages  # noqa: F401  (builtin registers the built-in stages)
from .clean import clean
from .describe import describe
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
    progress: Progress | None = None,
) -> IngestReport:
    """Read, prepare and store every input; bad inputs are recorded as rejected, never raised."""
    report = IngestReport()
    batch_size = max(1, int(settings["batch_size"]))
    pending = _changed(read_inputs(inputs, settings), store, report, progress)
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        while chunk := list(islice(pending, batch_size * max(1, workers))):
            raws = [raw for raw, _ in chunk]
            prepared = pool.map(prepare, raws, chunksize=4) if pool else map(prepare, raws)
            outcomes = []
            for (raw, state), result in zip(chunk, prepared):
                outcomes.append(Outcome(raw.source, content_sha(raw), result))
                if isinstance(result, Rejection):
                    report.rejected.append(result)
                elif state is None:
                    report.added += 1
                else:
                    report.updated += 1
                if progress:
                    progress(raw.source)
            store.write(outcomes)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


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


def analyse(store: Store, progress: Progress | None = None) -> AnalysisReport:
    """Run every registered stage where its results are missing; corpus stages always re-run."""
    report = AnalysisReport()
    corpus_articles: list[Article] | None = None
    profile = settings.current()["profile"]
    for stage in stages.registered():
        if stage.kind == "article":
            done = store.annotations(stage.name)
            if stage.uses_profile:
                done = {k: v for k, v in done.items() if v.get("_profile") == profile}
            results: dict[str, Any] = {}
            for article in store.articles():
                if article.id in done:
                    continue
                try:
                    results[article.id] = stage.func(article)
                    if stage.uses_profile:
                        results[article.id]["_profile"] = profile
                except StorylineError as exc:
                    report.failed.append(Rejection(article.source, str(exc), stage.name))
                if progress:
                    progress(article.source)
                if len(results) >= 200:
                    store.put_annotations(stage.name, results)
                    report.ran[stage.name] = report.ran.get(stage.name, 0) + len(results)
                    results = {}
            store.put_annotations(stage.name, results)
            report.ran[stage.name] = report.ran.get(stage.name, 0) + len(results)
        else:
            if corpus_articles is None:
                corpus_articles = list(store.articles())
            store.put_corpus(stage.name, stage.func(corpus_articles, store))
            report.ran[stage.name] = len(corpus_articles)
    return report
