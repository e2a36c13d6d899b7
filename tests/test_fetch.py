"""Fetching URLs offline: canned responses (httpx.MockTransport) and a fake resolver."""

from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest

from storyline.ingest import fetch as fetch_module
from storyline.ingest import read_inputs
from storyline.ingest.fetch import address_problem
from storyline.records import Metadata, RawDocument, Rejection
from storyline.settings import SETTINGS

DEFAULTS = {s.name: s.default for s in SETTINGS}

PAGE = (
    "<html><head><title>Quay works</title></head><body><article><p>Works on the quay began on "
    "Monday and will last until the summer, the port authority said.</p></article></body></html>"
)
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title>
<item><title>One</title><link>https://port.example/1</link><description>First item.</description></item>
<item><title>Two</title><link>https://port.example/2</link><description>Second item.</description></item>
</channel></rss>"""

# Public documentation ranges stand in for real public hosts.
DNS = {
    "news.example.com": ["93.184.216.34"],
    "cdn.example.com": ["2606:2800:220:1::1"],
    "intranet.example.com": ["10.0.0.7"],
    "mixed.example.com": ["93.184.216.35", "192.168.1.9"],
    "localhost": ["127.0.0.1", "::1"],
}


def resolver(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return DNS[host]


class Site:
    """A MockTransport handler serving canned routes and recording what was requested."""

    def __init__(self, routes: dict[str, httpx.Response | Exception]):
        self.routes = routes
        self.requested: list[str] = []
        self.connected: list[tuple[str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # Requests go to the checked address with the name in the Host header: route by name.
        url = str(request.url.copy_with(netloc=request.headers["host"].encode()))
        self.connected.append((request.url.host, request.extensions.get("sni_hostname")))
        self.requested.append(url)
        answer = self.routes.get(url, httpx.Response(404))
        if isinstance(answer, Exception):
            raise answer
        return answer

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def redirect(to: str, status: int = 302) -> httpx.Response:
    return httpx.Response(status, headers={"Location": to})


def fetch(url: str, site: Site, **settings) -> list:
    with site.client() as client:
        return list(read_inputs([url], {**DEFAULTS, **settings}, client=client, resolver=resolver))


def test_public_page() -> None:
    site = Site({
        "https://news.example.com/a": redirect("/b", 301),
        "https://news.example.com/b": httpx.Response(
            200, headers={"Content-Type": "text/html; charset=utf-8"}, content=PAGE.encode()
        ),
    })
    [doc] = fetch("https://news.example.com/a", site)
    assert doc == RawDocument(
        source="https://news.example.com/a",
        content=PAGE,
        kind="html",
        meta=Metadata(url="https://news.example.com/b"),
        encoding="utf-8",
    )
    assert site.requested == ["https://news.example.com/a", "https://news.example.com/b"]


@pytest.mark.parametrize(
    ("content_type", "body", "kinds", "encoding"),
    [
        ("application/rss+xml", FEED, ["text", "text"], "utf-8"),
        ("text/xml", FEED, ["text", "text"], "utf-8"),
        ("text/plain; charset=iso-8859-1", "Caf\u00e9 in Z\u00fcrich.".encode("latin-1"), ["text"], "iso8859-1"),
        ("text/html", b'<html><head><meta charset="windows-1252"></head><body>Caf\xe9</body></html>',
         ["html"], "cp1252"),
        ("application/octet-stream", PAGE.encode(), ["html"], "utf-8"),
        ("application/json", b'[{"text": "a"}, {"text": "b"}]', ["text", "text"], "utf-8"),
    ],
)
def test_dispatch_by_content_type(content_type, body, kinds, encoding) -> None:
    url = "https://news.example.com/x"
    site = Site({url: httpx.Response(200, headers={"Content-Type": content_type}, content=body)})
    out = fetch(url, site)
    assert [d.kind for d in out] == kinds
    assert {d.encoding for d in out} == {encoding}
    if len(out) > 1:
        assert [d.source for d in out] == [f"{url}#1", f"{url}#2"]


def test_text_is_decoded_with_http_charset() -> None:
    url = "https://news.example.com/t"
    body = "Caf\u00e9 in Z\u00fcrich.".encode("latin-1")
    site = Site({url: httpx.Response(200, headers={"Content-Type": "text/plain; charset=latin-1"}, content=body)})
    [doc] = fetch(url, site)
    assert doc.content == "Caf\u00e9 in Z\u00fcrich."


# (url, routes, reason, URLs that must have been requested)
REFUSED = [
    (
        "https://news.example.com/start",
        {"https://news.example.com/start": redirect("https://news.example.com/next"),
         "https://news.example.com/next": redirect("http://127.0.0.1/admin")},
        "host '127.0.0.1' is at 127.0.0.1, a loopback address (setting allow_private permits it)",
        ["https://news.example.com/start", "https://news.example.com/next"],
    ),
    ("http://10.1.2.3/", {}, "host '10.1.2.3' is at 10.1.2.3, a private address (setting allow_private permits it)", []),
    ("http://intranet.example.com/", {}, "host 'intranet.example.com' is at 10.0.0.7, a private address (setting allow_private permits it)", []),
    ("http://mixed.example.com/", {}, "host 'mixed.example.com' is at 192.168.1.9, a private address (setting allow_private permits it)", []),
    ("http://localhost:8080/", {}, "host 'localhost' is at 127.0.0.1, a loopback address (setting allow_private permits it)", []),
    ("http://[::1]/", {}, "host '::1' is at ::1, a loopback address (setting allow_private permits it)", []),
    ("http://[::ffff:127.0.0.1]/", {}, "host '::ffff:127.0.0.1' is at ::ffff:7f00:1, a loopback address (setting allow_private permits it)", []),
    ("http://169.254.169.254/latest/", {}, "host '169.254.169.254' is at 169.254.169.254, a link-local address (setting allow_private permits it)", []),
    ("ftp://news.example.com/file.txt", {}, "scheme 'ftp' is not allowed, expected http or https", []),
    ("file:///etc/passwd", {}, "scheme 'file' is not allowed, expected http or https", []),
    (
        "https://news.example.com/jump",
        {"https://news.example.com/jump": redirect("file:///etc/passwd")},
        "scheme 'file' is not allowed, expected http or https",
        ["https://news.example.com/jump"],
    ),
]


@pytest.mark.parametrize(("url", "routes", "reason", "requested"), REFUSED)
def test_refused(url, routes, reason, requested) -> None:
    site = Site(routes)
    assert fetch(url, site) == [Rejection(url, reason)]
    assert site.requested == requested


@pytest.mark.parametrize(
    ("url", "allowed"),
    [("http://127.0.0.1/admin", True), ("http://intranet.example.com/", True), ("http://news.example.com/", True)],
)
def test_allow_private(url, allowed) -> None:
    site = Site({url: httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"inside")})
    [doc] = fetch(url, site, allow_private=True)
    assert isinstance(doc, RawDocument) is allowed
    assert site.requested == [url]


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("93.184.216.34", None),
        ("2606:2800:220:1::1", None),
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:93.184.216.34", None),
        ("2002:7f00:1::", "loopback"),
    ],
)
def test_address_problem(address, problem) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


def test_too_many_redirects() -> None:
    site = Site({
        "https://news.example.com/a": redirect("https://news.example.com/b"),
        "https://news.example.com/b": redirect("https://news.example.com/a"),
    })
    assert fetch("https://news.example.com/a", site, fetch_max_redirects=3) == [
        Rejection("https://news.example.com/a",
                  "too many redirects (more than 3, setting fetch_max_redirects)")
    ]
    assert len(site.requested) == 4


def test_redirects_within_the_limit_are_followed() -> None:
    routes = {f"https://news.example.com/{i}": redirect(f"/{i + 1}") for i in range(3)}
    routes["https://news.example.com/3"] = httpx.Response(200, content=b"arrived")
    [doc] = fetch("https://news.example.com/0", Site(routes), fetch_max_redirects=3)
    assert (doc.content, doc.meta.url) == ("arrived", "https://news.example.com/3")


def test_oversize_streamed_body_stops_early() -> None:
    sent = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"x" * 1024

    url = "https://news.example.com/big"
    site = Site({url: httpx.Response(200, headers={"Content-Type": "text/plain"}, content=chunks())})
    assert fetch(url, site, max_bytes=10_000) == [
        Rejection(url, "response passed the 10,000-byte cap while downloading (setting max_bytes)")
    ]
    assert len(sent) < 20


def test_declared_oversize_body_is_refused_before_reading() -> None:
    url = "https://news.example.com/declared"
    response = httpx.Response(200, headers={"Content-Length": "50000000"}, content=iter([b"x"]))
    assert fetch(url, Site({url: response})) == [
        Rejection(url, "response is 50,000,000 bytes, over the 20,000,000-byte cap (setting max_bytes)")
    ]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ReadTimeout("read timed out"), "timed out after 20 s (setting fetch_timeout)"),
        (httpx.ConnectTimeout("connect timed out"), "timed out after 20 s (setting fetch_timeout)"),
        (httpx.ConnectError("connection refused"), "cannot fetch: connection refused"),
    ],
)
def test_network_errors(error, reason) -> None:
    url = "https://news.example.com/slow"
    assert fetch(url, Site({url: error})) == [Rejection(url, reason)]


def test_slow_drip_hits_the_overall_deadline(monkeypatch) -> None:
    clock = iter(range(0, 1000, 5))
    monkeypatch.setattr(fetch_module.time, "monotonic", lambda: next(clock))
    url = "https://news.example.com/drip"
    body = iter([b"a"] * 100)
    assert fetch(url, Site({url: httpx.Response(200, content=body)}), fetch_timeout=12) == [
        Rejection(url, "timed out after 12 s (setting fetch_timeout)")
    ]


@pytest.mark.parametrize(
    ("url", "response", "reason"),
    [
        ("https://news.example.com/gone", httpx.Response(404), "HTTP 404 Not Found"),
        ("https://news.example.com/err", httpx.Response(503), "HTTP 503 Service Unavailable"),
        ("https://nowhere.example.com/", httpx.Response(200), None),
        ("https://news.example.com/img", httpx.Response(200, headers={"Content-Type": "image/png"},
         content=b"\x89PNG\r\n\x1a\n\x00\x00"), "binary response (PNG image), expected text, HTML, JSON or a feed"),
        ("https://news.example.com/void", httpx.Response(200, content=b""), "empty response"),
    ],
)
def test_failures(url, response, reason) -> None:
    [out] = fetch(url, Site({url: response}))
    assert isinstance(out, Rejection)
    if reason is None:
        assert out.reason.startswith("cannot resolve host 'nowhere.example.com'")
    else:
        assert out.reason == reason


def test_default_resolver_is_the_system_one(monkeypatch) -> None:
    asked = []

    def fake_getaddrinfo(host, port, *args, **kwargs):
        asked.append((host, port))
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.9.8.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    site = Site({})
    with site.client() as client:
        out = list(read_inputs(["https://sneaky.example.org/"], DEFAULTS, client=client))
    assert out == [Rejection(
        "https://sneaky.example.org/",
        "host 'sneaky.example.org' is at 10.9.8.7, a private address (setting allow_private permits it)",
    )]
    assert asked == [("sneaky.example.org", 443)]
    assert site.requested == []


def test_connection_goes_to_the_checked_address_not_a_second_lookup() -> None:
    """DNS rebinding: the name answers the check with a public address, later with loopback."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    site = Site({"https://rebind.example.com/": httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"A short dispatch about the quay works and the port.")})
    with site.client() as client:
        docs = list(read_inputs(["https://rebind.example.com/"], DEFAULTS, client=client, resolver=rebinding))
    assert isinstance(docs[0], RawDocument)
    assert site.connected == [("93.184.216.34", "rebind.example.com")]
