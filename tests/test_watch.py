"""``storyline watch`` against a real HTTP server on 127.0.0.1.

The fetcher refuses loopback addresses by default; every test here passes ``allow_private``
explicitly. Time is a fake clock wherever backoff or politeness is checked, so nothing here
waits for real or depends on the machine's speed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import pipeline, settings
from storyline.cli import app
from storyline.store import Store
from storyline.watch import Hosts, Watcher, WatchOptions, describe, retry_delay, watch

ENTRIES = {
    "strike": ("Port workers strike over pay", "Mon, 02 Feb 2026 09:00:00 GMT",
               "Dock workers in the port city of Lenmar walked out on Monday after talks on wages broke "
               "down. \"We will not return until the offer is fair,\" union leader Mara Ostin said. "
               "The port authority said that ships were being diverted to other harbours."),
    "talks": ("Mediator called in as port strike enters third day", "Wed, 04 Feb 2026 10:30:00 GMT",
              "A mediator from the labour ministry joined the talks in Lenmar on Wednesday as the strike "
              "by dock workers entered its third day. Both sides agreed to meet again on Friday, the "
              "ministry said in a statement."),
    "flood": ("River floods farmland north of Castell", "Tue, 10 Mar 2026 07:15:00 GMT",
              "The river Arne burst its banks north of Castell overnight, flooding farmland and closing "
              "two roads. Emergency crews evacuated twelve families, the regional council said on "
              "Tuesday. No one was hurt."),
}


def rss(*keys: str, base: str = "https://gazette.example") -> bytes:
    items = "".join(
        f"<item><title>{ENTRIES[k][0]}</title><link>{base}/{k}</link>"
        f"<pubDate>{ENTRIES[k][1]}</pubDate><description>{ENTRIES[k][2]}</description></item>"
        for k in keys
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Gazette</title>'
        f"<link>https://gazette.example/</link><language>en</language>{items}</channel></rss>"
    ).encode()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    """Routes path -> answer; an answer is (status, headers, body) or a callable of the request."""

    base: str = ""
    routes: dict[str, Any] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            server.seen.append(Seen(self.path, dict(self.headers)))
            answer = server.routes.get(self.path, (404, {}, b"not here"))
            if callable(answer):
                answer = answer(self)
            status, headers, body = answer
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if isinstance(body, bytes):
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            # A generator: streamed without a length, ended by closing the connection.
            self.end_headers()
            sent = 0
            try:
                for chunk in body:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            server.sent[self.path] = sent

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def http() -> Iterator[Server]:
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


class FakeClock:
    """Time that moves only when someone sleeps or the test says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def conf(monkeypatch) -> dict[str, Any]:
    values = settings.load({"db": "unused", "allow_private": True, "profile": "sample-corpus", "fetch_timeout": 10})
    monkeypatch.setattr(settings, "_active", dict(values))
    return values


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open("sqlite://") as s:
        yield s


def watcher(store: Store, feeds: list[str], conf: dict[str, Any], clock: FakeClock | None = None, **options: Any) -> Watcher:
    clock = clock or FakeClock()
    opts = WatchOptions(**{"interval": 60.0, "host_delay": 0.0, "retry_after": 30.0, **options})
    return Watcher(store, feeds, conf, opts, clock=clock, sleep=clock.sleep)


def feed_with_validators(body: bytes, etag: str = '"v1"') -> Callable[[BaseHTTPRequestHandler], tuple]:
    modified = formatdate(1_770_000_000, usegmt=True)

    def answer(request: BaseHTTPRequestHandler) -> tuple:
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag, "Last-Modified": modified}, body

    return answer


def test_second_round_sends_the_validators_and_gets_304(http, store, conf):
    http.routes["/feed"] = feed_with_validators(rss("strike", "talks"))
    w = watcher(store, [http.url("/feed")], conf)
    first = w.poll_round()
    assert first.polls[0].status == "polled" and first.polls[0].added == 2
    second = w.poll_round()
    assert second.polls[0].status == "not modified", second.polls[0].error
    sent = http.requests("/feed")[1].headers
    assert sent.get("If-None-Match") == '"v1"'
    assert sent.get("If-Modified-Since") == formatdate(1_770_000_000, usegmt=True)
    assert "If-None-Match" not in http.requests("/feed")[0].headers
    assert second.new_articles == () and second.analysed == {}
    assert store.counts()["articles"] == 2


def test_a_500_backs_off_then_recovers(http, store, conf):
    answers = iter([(500, {}, b"oops"), (500, {}, b"oops again"), (200, {"Content-Type": "application/rss+xml"}, rss("strike"))])
    http.routes["/feed"] = lambda _request: next(answers)
    clock = FakeClock()
    w = watcher(store, [http.url("/feed")], conf, clock)

    failed = w.poll_round().polls[0]
    assert failed.status == "failed" and "HTTP 500" in failed.error
    assert failed.next_try == clock.now + 30.0

    waiting = w.poll_round().polls[0]
    assert waiting.status == "waiting" and len(http.requests("/feed")) == 1

    clock.now = failed.next_try
    again = w.poll_round().polls[0]
    assert again.status == "failed" and again.next_try == clock.now + 60.0  # the pause doubled
    assert store.feed_state(http.url("/feed")).failures == 2

    clock.now = again.next_try
    recovered = w.poll_round()
    assert recovered.polls[0].status == "polled" and recovered.polls[0].added == 1
    assert store.feed_state(http.url("/feed")).failures == 0
    assert len(recovered.new_articles) == 1


@pytest.mark.parametrize("status, retry_after, pause", [
    (429, "120", 120.0),
    (503, "in a while", 30.0),  # unreadable: the usual backoff
    (503, None, 30.0),
    (500, "120", 30.0),  # only 429 and 503 say when to come back
    (429, "99999999", 3600.0),  # never beyond max_backoff
])
def test_retry_after_in_seconds_sets_the_backoff(http, store, conf, status, retry_after, pause):
    headers = {"Retry-After": retry_after} if retry_after else {}
    http.routes["/feed"] = (status, headers, b"busy")
    clock = FakeClock()
    failed = watcher(store, [http.url("/feed")], conf, clock, max_backoff=3600.0).poll_round().polls[0]
    assert failed.status == "failed" and failed.next_try == clock.now + pause


def test_retry_after_as_an_http_date_is_read_against_the_clock(http, store, conf):
    clock = FakeClock()
    http.routes["/feed"] = (503, {"Retry-After": formatdate(clock.now + 600, usegmt=True)}, b"down")
    w = watcher(store, [http.url("/feed")], conf, clock)
    failed = w.poll_round().polls[0]
    assert failed.next_try == clock.now + 600
    clock.now += 599
    assert w.poll_round().polls[0].status == "waiting" and len(http.requests("/feed")) == 1


def test_retry_delay():
    assert retry_delay("0", 100.0) == 0.0
    assert retry_delay("Thu, 01 Jan 1970 00:02:00 GMT", 100.0) == 20.0
    assert retry_delay("Thu, 01 Jan 1970 00:00:10 GMT", 100.0) == 0.0  # a date passed: now
    assert retry_delay("-5", 100.0) is None and retry_delay("", 100.0) is None


def test_garbage_fails_that_feed_and_the_others_go_on(http, store, conf):
    http.routes["/garbage"] = (200, {"Content-Type": "application/rss+xml"}, b"\x00\x01<<<not a feed at all")
    http.routes["/html"] = (200, {"Content-Type": "text/html"}, b"<html><body><p>A page, not a feed.</p></body></html>")
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("strike"))
    report = watcher(store, [http.url("/garbage"), http.url("/html"), http.url("/feed")], conf).poll_round()
    garbage, page, feed = report.polls
    assert garbage.status == "failed" and "malformed feed" in garbage.error
    assert page.status == "failed" and "expected a feed" in page.error
    assert feed.status == "polled" and feed.added == 1
    assert [f for f in report.failed] == [garbage, page]


def test_a_huge_body_is_stopped_at_the_cap_not_read_whole(http, store, conf):
    def gigabyte() -> Iterator[bytes]:
        chunk = b"<rss>" + b"x" * 65_531
        for _ in range(16_384):  # 1 GiB if anyone read it all
            yield chunk

    http.routes["/huge"] = lambda _request: (200, {"Content-Type": "application/rss+xml"}, gigabyte())
    conf = {**conf, "max_bytes": 1_000_000}
    poll = watcher(store, [http.url("/huge")], conf).poll_round().polls[0]
    assert poll.status == "failed" and "1,000,000-byte cap" in poll.error
    # The server's sending stopped once the client hung up: at most the socket buffers more.
    for _ in range(100):
        if "/huge" in http.sent:
            break
        threading.Event().wait(0.05)
    assert http.sent["/huge"] < 64 * 2**20


def test_a_new_entry_in_round_two_is_ingested_and_reported_once(http, store, conf):
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("strike", "talks"))
    w = watcher(store, [http.url("/feed")], conf)
    first = w.poll_round()
    assert len(first.new_articles) == 2 and first.new_events
    assert "events.v1" in first.analysed

    # The new entry goes on top, as feeds do: the old entries' positions shift, their names do not.
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("flood", "strike", "talks"))
    second = w.poll_round()
    poll = second.polls[0]
    assert (poll.added, poll.updated, poll.skipped) == (1, 0, 2)
    assert len(second.new_articles) == 1
    new_id = second.new_articles[0]
    assert store.article(new_id).title == ENTRIES["flood"][0]
    assert [e for e in second.new_events if new_id in e["articles"]], "the flood is an event of its own"
    # Only the new article went through the per-article stages.
    assert second.analysed["attribution.v1"] == 1

    third = w.poll_round()
    assert third.new_articles == () and third.polls[0].skipped == 3
    assert store.counts()["articles"] == 3
    assert len(store.article_ids()) == 3


def test_rounds_link_as_one_run_and_report_the_event_that_grew(http, store, conf):
    """The second round links incrementally (an older entry arrives late); the linking equals a
    single round over all entries, and the report names the event the late entry joined."""
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("talks", "flood"))
    w = watcher(store, [http.url("/feed")], conf)
    w.poll_round()
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("strike", "talks", "flood"))
    second = w.poll_round()
    assert second.new_events == () and len(second.grown_events) == 1
    (grown,) = second.grown_events
    assert set(second.new_articles) < set(grown["articles"]) and len(grown["articles"]) == 2
    with Store.open("sqlite://") as once:
        watcher(once, [http.url("/feed")], conf).poll_round()
        for name in ("reprints.v1", "events.v1"):
            assert store.corpus(name) == once.corpus(name)


def test_politeness_spaces_requests_to_one_host(http, store, conf):
    for path in ("/a", "/b"):
        http.routes[path] = (200, {"Content-Type": "application/rss+xml"}, rss("strike"))
    clock = FakeClock()
    watcher(store, [http.url("/a"), http.url("/b")], conf, clock, host_delay=2.5).poll_round()
    assert clock.slept == [2.5]


def test_hosts_wait_only_for_the_same_host():
    clock = FakeClock()
    hosts = Hosts(3.0, clock, clock.sleep)
    hosts.wait("a.example")
    hosts.wait("b.example")
    clock.now += 1.0
    hosts.wait("a.example")
    assert clock.slept == [2.0]


def test_an_interrupted_round_leaves_the_store_consistent(http, store, conf, monkeypatch):
    http.routes["/feed"] = feed_with_validators(rss("strike", "talks", "flood"))
    prepare, calls = pipeline.prepare, []

    def interrupted_on_the_second(raw):
        calls.append(raw.source)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return prepare(raw)

    monkeypatch.setattr(pipeline, "prepare", interrupted_on_the_second)
    w = watcher(store, [http.url("/feed")], conf)
    with pytest.raises(KeyboardInterrupt):
        w.poll_round()
    assert store.counts()["articles"] == 0 and store.feed_state(http.url("/feed")) is None

    monkeypatch.setattr(pipeline, "prepare", prepare)
    report = w.poll_round()
    assert "If-None-Match" not in http.requests("/feed")[1].headers  # validators were never saved
    assert report.polls[0].added == 3 and store.counts()["articles"] == 3


def test_a_round_stopped_during_analysis_is_analysed_and_reported_next_round(http, store, conf, monkeypatch):
    http.routes["/feed"] = feed_with_validators(rss("strike"))
    analyse = pipeline.analyse

    def interrupted(_store, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "analyse", interrupted)
    w = watcher(store, [http.url("/feed")], conf)
    with pytest.raises(KeyboardInterrupt):
        w.poll_round()
    assert store.counts()["articles"] == 1 and store.annotations("attribution.v1") == {}

    monkeypatch.setattr(pipeline, "analyse", analyse)
    report = w.poll_round()
    assert report.polls[0].status == "not modified"  # the feed itself was done with
    assert report.analysed["attribution.v1"] == 1
    assert len(report.new_articles) == 1 and len(report.new_events) == 1
    later = w.poll_round()
    assert later.polls[0].status == "not modified" and later.analysed == {} and later.new_articles == ()


def test_stop_ends_the_watch_between_rounds(http, store, conf):
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("strike"))
    stop = threading.Event()
    rounds = []
    for report in watch(watcher(store, [http.url("/feed")], conf), stop=stop):
        rounds.append(report)
        stop.set()  # as Ctrl-C does during a round
    assert len(rounds) == 1
    assert len(list(watch(watcher(store, [http.url("/feed")], conf, interval=0.0), max_rounds=3))) == 3


def test_cli_watch_once_on_a_feed_file(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "_active", None)
    feed = tmp_path / "gazette.xml"
    feed.write_bytes(rss("strike"))
    db = tmp_path / "story.db"
    args = ["watch", str(feed), "--once", "--db", str(db), "--profile", "sample-corpus"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "gazette.xml: 1 new, 0 updated, 0 already stored" in first.output
    assert "new: 1 articles, 1 events" in first.output
    second = CliRunner().invoke(app, args)
    assert "gazette.xml: not modified" in second.output and "new: 0 articles" in second.output

    missing = CliRunner().invoke(app, ["watch", str(tmp_path / "gone.xml"), "--once", "--db", str(db)])
    assert missing.exit_code == 1
    assert "failed" in missing.output and "gone.xml" in missing.output


def test_describe_names_each_feed_and_the_news():
    from storyline.watch import FeedPoll, RoundReport

    report = RoundReport(
        2, 1_800_000_000.0,
        (FeedPoll("f1", "polled", 1, 0, 4), FeedPoll("f2", "failed", error="HTTP 500", next_try=1_800_000_060.0)),
        new_articles=("a1",),
        new_shifts=({"actor": "Voss", "issue": "ceasefire", "from": "oppose", "to": "support",
                     "before": {"date": "2026-01-01"}, "after": {"date": "2026-02-01"}},),
    )
    lines = describe(report)
    assert lines[1] == "f1: 1 new, 0 updated, 4 already stored"
    assert lines[2] == "failed f2: HTTP 500; next try at 2027-01-15T08:01:00Z"
    assert "1 stance shifts" in lines[3]
    assert lines[4] == "  stance shift: Voss on ceasefire: oppose -> support (2026-02-01)"


STRIKE_PAGE = """<!doctype html><html><head><title>Port strike | Harbour Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Port workers strike over pay</h1>
<p>Dock workers in the port city of Lenmar walked out on Monday after talks on wages broke down late on
Sunday night, leaving cranes idle and a queue of container ships waiting outside the breakwater.</p>
<p>"We will not return until the offer is fair," union leader Mara Ostin told a crowd at the main gate.
The union says wages have fallen behind prices for three years in a row.</p>
<p>The port authority said that ships were being diverted to other harbours along the coast and that it
remained open to talks. A spokesman declined to say whether a new offer was being prepared.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>""".encode()


def test_fetch_pages_stores_the_linked_page_or_else_the_summary(http, store, conf):
    http.routes["/strike"] = (200, {"Content-Type": "text/html; charset=utf-8"}, STRIKE_PAGE)
    http.routes["/talks"] = (503, {}, b"busy")
    http.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss("strike", "talks", base=http.base))
    clock = FakeClock()
    w = watcher(store, [http.url("/feed")], conf, clock, fetch_pages=True, host_delay=1.5)
    poll = w.poll_round().polls[0]
    assert (poll.added, len(poll.notes)) == (2, 1)
    assert poll.notes[0].startswith(f"{http.url('/talks')}: HTTP 503")
    assert clock.slept == [1.5, 1.5]  # the feed, then two pages, all on one host

    by_title = {a.title: a for a in store.articles()}
    strike, talks = by_title[ENTRIES["strike"][0]], by_title[ENTRIES["talks"][0]]
    assert "queue of container ships" in strike.text and "Sport" not in strike.text
    assert strike.published == "2026-02-02" and strike.outlet == "Harbour Gazette"
    assert talks.text.startswith("A mediator from the labour ministry")

    assert w.poll_round().polls[0].skipped == 2
    assert len(http.requests("/strike")) == 1  # a stored entry's page is not fetched again
