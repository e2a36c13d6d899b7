"""Keeping a story current: poll its feeds, take in what is new, say what changed.

Each round polls every feed whose backoff allows it: a conditional GET with the validators the
last answer gave (``If-None-Match``, ``If-Modified-Since``), at most one request per host every
``host_delay`` seconds. Entries already stored are skipped; new and edited ones go through the
same preparation as ``storyline ingest`` and are written in one transaction per feed, before the
feed's new validators, so a round cut short leaves a consistent store and the next round simply
polls again. With ``fetch_pages`` each new entry's linked page is fetched (through the same safe
fetcher, under the same per-host pause) and stored instead of the feed's summary of it; when the
page cannot be had, the summary is stored and the report says why. A feed that fails (network, HTTP error, garbage, over the size cap) is reported and
waits ``retry_after * 2**(failures-1)`` seconds (at most ``max_backoff``) before its next try,
or as long as the server's ``Retry-After`` asks on a 429 or 503 (also at most ``max_backoff``).

After the feeds, the analysis runs only if an article arrived (or a round cut short left some
unanalysed: their ids wait in a marker row of the corpus table until an analysis completes): per-article stages on the new
articles alone (``analyse`` skips articles that have results), then the corpus stages, whose
linking spans the whole story but reuses what each stored article gave before: reprints look up
only the new articles' signatures, events compute only their signals (``builtin``). The round's report compares the corpus lists before and after:
new articles, new events (and events that gained articles), new contradictions, new stance shifts.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import timezone
from email.utils import parsedate_to_datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from . import export, pipeline
from .errors import InputError, StorylineError, UnreadableInput
from .ingest.feeds import read_feed
from .ingest.fetch import Resolver, download, read_url
from .records import RawDocument, Rejection
from .store import FeedState, Outcome, Store

Clock = Callable[[], float]
# Corpus-table row: ids of articles stored by a round whose analysis has not completed yet.
UNANALYSED = "watch.unanalysed"


@dataclass(frozen=True)
class WatchOptions:
    """How often and how politely to poll."""

    interval: float = 900.0  # seconds between the starts of two rounds
    host_delay: float = 1.0  # least seconds between two requests to one host
    retry_after: float = 60.0  # first pause after a failure; doubles with each further one
    max_backoff: float = 6 * 3600.0
    fetch_pages: bool = False  # store each new entry's linked page rather than the feed's text


@dataclass(frozen=True)
class FeedPoll:
    """What one feed gave in one round."""

    feed: str
    status: str  # "polled", "not modified", "failed" or "waiting" (backing off)
    added: int = 0
    updated: int = 0
    skipped: int = 0  # entries already stored, unchanged
    rejected: tuple[Rejection, ...] = ()
    error: str | None = None
    next_try: float | None = None  # when a failed or waiting feed is polled again
    notes: tuple[str, ...] = ()  # pages that could not be fetched (their summaries were stored)


@dataclass(frozen=True)
class RoundReport:
    """One round: every feed's poll and what is new in the corpus since the round before."""

    number: int
    started: float
    polls: tuple[FeedPoll, ...]
    new_articles: tuple[str, ...] = ()
    new_events: tuple[dict[str, Any], ...] = ()
    grown_events: tuple[dict[str, Any], ...] = ()
    new_contradictions: tuple[dict[str, Any], ...] = ()
    new_shifts: tuple[dict[str, Any], ...] = ()
    analysed: dict[str, int] = field(default_factory=dict)
    analysis_failed: tuple[Rejection, ...] = ()  # a stage that failed on one article

    @property
    def failed(self) -> list[FeedPoll]:
        return [p for p in self.polls if p.status == "failed"]


class Hosts:
    """Per-host politeness: wait until ``delay`` seconds have passed since the host's last request."""

    def __init__(self, delay: float, clock: Clock = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay - self._clock()
            if pause > 0:
                self._sleep(pause)
        self._last[host] = self._clock()


@dataclass(frozen=True)
class _Snapshot:
    articles: frozenset[str]
    events: dict[str, dict[str, Any]]
    contradictions: dict[tuple[Any, ...], dict[str, Any]]
    shifts: dict[tuple[Any, ...], dict[str, Any]]


def _contradiction_key(item: dict[str, Any]) -> tuple[Any, ...]:
    other = item.get("other") or {}
    return (item["article"], item["start"], item["end"], item.get("slot"),
            other.get("article"), other.get("start"), other.get("end"))


def _shift_key(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["actor"], item["issue"], item["from"], item["to"],
            item["before"].get("date"), item["after"].get("date"))


def snapshot(store: Store, unreported: Iterable[str] = ()) -> _Snapshot:
    """The ids the round report compares: articles, events, contradictions, stance shifts."""
    lists, _fields = export.corpus_results(store)
    contradictions = [a for a in lists["anomalies"] if a.get("kind") == "contradiction"]
    return _Snapshot(
        articles=frozenset(store.article_ids()) - frozenset(unreported),
        events={e["id"]: e for e in lists["events"]},
        contradictions={_contradiction_key(c): c for c in contradictions},
        shifts={_shift_key(s): s for s in lists["shifts"]},
    )


def _changes(before: _Snapshot, after: _Snapshot) -> dict[str, Any]:
    grouped_before = {a for e in before.events.values() for a in e.get("articles", [])}
    new_events, grown = [], []
    for event_id, event in after.events.items():
        if event_id in before.events:
            continue
        # Event ids hash their members: an event that gained an article has a new id, but it is
        # the same happening, so it is reported as grown, not new.
        (grown if grouped_before & set(event.get("articles", [])) else new_events).append(event)
    return {
        "new_articles": tuple(sorted(after.articles - before.articles)),
        "new_events": tuple(new_events),
        "grown_events": tuple(grown),
        "new_contradictions": tuple(v for k, v in after.contradictions.items() if k not in before.contradictions),
        "new_shifts": tuple(v for k, v in after.shifts.items() if k not in before.shifts),
    }


def retry_delay(value: str | None, now: float) -> float | None:
    """Seconds to wait that a ``Retry-After`` header asks for (delay-seconds or an HTTP date,
    read against ``now``), or None when there is none or it cannot be read."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; an obsolete form may not say so
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


def entry_source(feed: str, raw: RawDocument) -> str:
    """A name for a feed entry that stays the same when the feed adds entries above it.

    ``storyline ingest`` numbers entries (``feed#3``); a polled feed shifts its numbers with every
    new entry, so here an entry is named by its link, else by a hash of its title and content.
    """
    if raw.meta.url:
        return f"{feed}#{raw.meta.url}"
    digest = hashlib.sha256(f"{raw.meta.title or ''}\x00{raw.content}".encode()).hexdigest()[:16]
    return f"{feed}#sha256:{digest}"


def _is_url(feed: str) -> bool:
    return feed.startswith(("http://", "https://"))


class Watcher:
    """Polls a fixed list of feeds into one store, round after round."""

    def __init__(
        self,
        store: Store,
        feeds: Iterable[str],
        conf: dict[str, Any],
        options: WatchOptions = WatchOptions(),
        *,
        clock: Clock = time.time,
        sleep: Callable[[float], None] = time.sleep,
        client: httpx.Client | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.conf = conf
        self.options = options
        self.clock = clock
        self.hosts = Hosts(options.host_delay, clock, sleep)
        self._client = client
        self._resolver = resolver
        self.rounds = 0

    def poll_round(self) -> RoundReport:
        """Poll every feed once (those backing off wait), ingest what is new, analyse, compare."""
        self.rounds += 1
        started = self.clock()
        before = snapshot(self.store, unreported=self.store.corpus(UNANALYSED) or ())
        polls = tuple(self._poll(feed) for feed in self.feeds)
        analysed: dict[str, int] = {}
        failed: tuple[Rejection, ...] = ()
        if self.store.corpus(UNANALYSED):
            analysis = pipeline.analyse(self.store)
            analysed, failed = {k: v for k, v in analysis.ran.items() if v}, tuple(analysis.failed)
            self.store.put_corpus(UNANALYSED, None)
        changes = _changes(before, snapshot(self.store))
        return RoundReport(self.rounds, started, polls, analysed=analysed, analysis_failed=failed, **changes)

    def _poll(self, feed: str) -> FeedPoll:
        state = self.store.feed_state(feed) or FeedState(feed)
        now = self.clock()
        if state.next_allowed is not None and now < state.next_allowed:
            return FeedPoll(feed, "waiting", error=state.last_status, next_try=state.next_allowed)
        try:
            body, validators = self._fetch(feed, state)
            if body is None:
                self.store.put_feed_state(FeedState(feed, **validators, last_polled=now, last_status="not modified"))
                return FeedPoll(feed, "not modified")
            poll = self._ingest(feed, body)
        except InputError as exc:
            return self._failed(state, now, exc.message, getattr(exc, "retry_after", None))
        except StorylineError:
            raise  # the store itself failed: no feed is to blame
        except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the others
            return self._failed(state, now, f"unexpected error: {type(exc).__name__}: {exc}")
        self.store.put_feed_state(FeedState(feed, **validators, last_polled=now, last_status="ok"))
        return poll

    def _failed(self, state: FeedState, now: float, reason: str, asked: str | None = None) -> FeedPoll:
        failures = state.failures + 1
        pause = retry_delay(asked, now)
        if pause is None:
            pause = self.options.retry_after * 2 ** (failures - 1)
        next_try = now + min(self.options.max_backoff, pause)
        # The validators stay: as far as we know the feed has not changed since they were given.
        self.store.put_feed_state(FeedState(state.url, state.etag, state.last_modified, now, reason, failures, next_try))
        return FeedPoll(state.url, "failed", error=" ".join(reason.split()), next_try=next_try)

    def _fetch(self, feed: str, state: FeedState) -> tuple[bytes | None, dict[str, str | None]]:
        """The feed's body (None when not modified) and the validators for the next poll."""
        if not _is_url(feed):
            path = Path(feed)
            try:
                stat = path.stat()
                if stat.st_size > int(self.conf["max_bytes"]):
                    cap = int(self.conf["max_bytes"])
                    raise UnreadableInput(f"file is {stat.st_size:,} bytes, over the {cap:,}-byte cap (setting max_bytes)", source=feed)
                # A file's validator is its size and modification time: unchanged, not re-read.
                stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
                if stamp == state.last_modified:
                    return None, {"etag": None, "last_modified": stamp}
                return path.read_bytes(), {"etag": None, "last_modified": stamp}
            except OSError as exc:
                raise UnreadableInput(f"cannot read feed: {exc.strerror or exc}", source=feed) from None
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        self.hosts.wait(httpx.URL(feed).host)
        got = download(feed, self.conf, client=self._client, resolver=self._resolver, headers=headers)
        if got.status == 304:
            # A 304 may omit validators it does not change; keep the ones we sent.
            return None, {"etag": got.etag or state.etag, "last_modified": got.last_modified or state.last_modified}
        return got.body, {"etag": got.etag, "last_modified": got.last_modified}

    def _ingest(self, feed: str, body: bytes) -> FeedPoll:
        """Prepare and store the feed's new or edited entries in one transaction."""
        rejected: list[Rejection] = []
        pending: dict[str, tuple[RawDocument, bool]] = {}
        skipped = 0
        for item in read_feed(body, feed):
            if isinstance(item, Rejection):
                rejected.append(item)
                continue
            source = entry_source(feed, item)
            raw = RawDocument(source, item.content, item.kind, item.meta, item.encoding)
            state = self.store.input_state(source)
            if state == (pipeline.content_sha(raw), "ok") or source in pending:
                skipped += 1
                continue
            pending[source] = (raw, state is None)
        outcomes, added, updated, notes = [], 0, 0, []
        for raw, new in pending.values():
            document = self._page(raw, notes) if self.options.fetch_pages and raw.meta.url else raw
            result = pipeline.prepare(document)
            outcomes.append(Outcome(raw.source, pipeline.content_sha(raw), result))
            if isinstance(result, Rejection):
                rejected.append(result)
            elif new:
                added += 1
            else:
                updated += 1
        stored = {o.result.id for o in outcomes if not isinstance(o.result, Rejection)}
        if stored:
            # Before the articles, so that no interruption can leave them stored but never analysed.
            self.store.put_corpus(UNANALYSED, sorted(stored | set(self.store.corpus(UNANALYSED) or ())))
        self.store.write(outcomes)
        return FeedPoll(feed, "polled", added, updated, skipped, tuple(rejected), notes=tuple(notes))

    def _page(self, entry: RawDocument, notes: list[str]) -> RawDocument:
        """The entry's linked page as the document to store, or the entry itself if it cannot be had.

        The entry keeps its name and its metadata (what the feed declared wins over what the page
        says, as in ``ingest``), and the input's hash stays the entry's, so the next round
        recognises it without fetching the page again.
        """
        link = entry.meta.url or ""
        if not _is_url(link):
            notes.append(f"{entry.source}: link {link!r} is not http(s); stored the feed's text")
            return entry
        self.hosts.wait(httpx.URL(link).host)
        found = list(read_url(link, self.conf, client=self._client, resolver=self._resolver))
        pages = [d for d in found if isinstance(d, RawDocument)]
        if len(pages) != 1:
            why = found[0].reason if found and isinstance(found[0], Rejection) else f"{len(pages)} documents, expected one page"
            notes.append(f"{link}: {why}; stored the feed's text")
            return entry
        page = pages[0]
        return RawDocument(entry.source, page.content, page.kind, entry.meta, page.encoding)


def watch(
    watcher: Watcher,
    *,
    once: bool = False,
    max_rounds: int | None = None,
    stop: threading.Event | None = None,
) -> Iterator[RoundReport]:
    """Rounds every ``interval`` seconds until ``once``, ``max_rounds`` or ``stop`` ends them.

    ``stop`` is checked between rounds only, so a round always completes; setting it during the
    pause ends the watch at once.
    """
    stop = stop or threading.Event()
    limit = 1 if once else max_rounds
    while not stop.is_set():
        report = watcher.poll_round()
        yield report
        if limit is not None and watcher.rounds >= limit:
            return
        pause = report.started + watcher.options.interval - watcher.clock()
        if stop.wait(max(0.0, pause)):
            return


def _when(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def describe(report: RoundReport) -> list[str]:
    """The round as lines for a terminal: each feed, then what is new in the story."""
    lines = [f"round {report.number} at {_when(report.started)}"]
    for poll in report.polls:
        if poll.status == "polled":
            lines.append(f"{poll.feed}: {poll.added} new, {poll.updated} updated, {poll.skipped} already stored")
        elif poll.status == "not modified":
            lines.append(f"{poll.feed}: not modified")
        else:
            lines.append(f"{poll.status} {poll.feed}: {poll.error}; next try at {_when(poll.next_try or 0)}")
        lines.extend(f"rejected {r.source}: {r.reason}" for r in poll.rejected)
        lines.extend(f"page not fetched {note}" for note in poll.notes)
    lines.extend(f"failed stage {r.stage} on {r.source}: {r.reason}" for r in report.analysis_failed)
    lines.append(
        f"new: {len(report.new_articles)} articles, {len(report.new_events)} events "
        f"({len(report.grown_events)} grown), {len(report.new_contradictions)} contradictions, "
        f"{len(report.new_shifts)} stance shifts"
    )
    for event in report.new_events:
        lines.append(f"  new event {event.get('date') or 'undated'}: {event.get('label')} ({len(event.get('articles', []))} articles)")
    for event in report.grown_events:
        lines.append(f"  event grew {event.get('date') or 'undated'}: {event.get('label')} ({len(event.get('articles', []))} articles)")
    for item in report.new_contradictions:
        other = item.get("other") or {}
        lines.append(f"  contradiction in {item['article']} against {other.get('article')}: {item.get('detail')}")
    for shift in report.new_shifts:
        lines.append(f"  stance shift: {shift['actor']} on {shift['issue']}: {shift['from']} -> {shift['to']} ({shift['after'].get('date')})")
    return lines
