"""Fetching http(s) URLs without letting a page steer us into the local network.

Every hop of a redirect chain is checked before it is requested: the scheme must be http or
https and every address the host resolves to must be public, unless the ``allow_private``
setting says otherwise. Bodies are streamed under the ``max_bytes`` cap and the whole fetch
under the ``fetch_timeout`` deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from .. import __version__
from ..errors import FetchFailed, FetchRefused, InputError
from ..records import RawDocument, Rejection
from .formats import format_for_mime, parse

# (host, port) -> every address the host resolves to, as strings.
Resolver = Callable[[str, int], Iterable[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_HEADERS = {
    "User-Agent": f"storyline/{__version__}",
    "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/json, text/plain;q=0.9, */*;q=0.5",
}


def system_resolver(host: str, port: int) -> list[str]:
    """Addresses of ``host`` from the operating system's resolver."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched by default ("private", "loopback", ...), or None if public."""
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4-mapped, 6to4 and Teredo forms lead to the IPv4 address they carry.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_problem(embedded)
    checks = (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (ip.is_private, "private"),
        (not ip.is_global, "non-public"),
    )
    return next((name for flagged, name in checks if flagged), None)


def check_url(url: httpx.URL, *, allow_private: bool, resolver: Resolver) -> str | None:
    """Raise FetchRefused unless ``url`` is http(s) and its host resolves to public addresses.

    Returns the checked address to connect to (None when ``allow_private`` skips the check or
    the host is already a literal address), so the request cannot be re-resolved elsewhere.
    """
    shown = str(url)
    if url.scheme not in ("http", "https"):
        raise FetchRefused(
            f"scheme {url.scheme or '(none)'!r} is not allowed, expected http or https",
            source=shown,
        )
    if not url.host:
        raise FetchRefused("URL has no host", source=shown)
    if allow_private:
        return None
    literal = True
    try:
        addresses = [ipaddress.ip_address(url.host)]
    except ValueError:
        literal = False
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(url.host, port)]
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(f"cannot resolve host {url.host!r}: {exc}", source=shown) from None
        except ValueError as exc:
            raise FetchRefused(
                f"host {url.host!r} resolves to an unreadable address ({exc})", source=shown
            ) from None
        if not addresses:
            raise FetchFailed(f"host {url.host!r} resolves to no address", source=shown)
    for ip in addresses:
        problem = address_problem(ip)
        if problem:
            raise FetchRefused(
                f"host {url.host!r} is at {ip}, a {problem} address "
                "(setting allow_private permits it)",
                source=shown,
            )
    return None if literal else str(addresses[0])


def _pinned(url: httpx.URL, address: str | None) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The request for ``url`` sent to the already checked ``address``.

    Connecting to the address we checked, with the name in the Host header and in TLS's SNI
    (which is also the name the certificate is verified against), closes the gap where a host
    answers the check with a public address and the connection with a private one.
    """
    if address is None:
        return url, dict(_HEADERS), {}
    headers = {**_HEADERS, "Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=address), headers, extensions


@dataclass(frozen=True)
class Download:
    """A fetched body with what the server said about it."""

    url: str  # after redirects
    body: bytes
    mime: str | None = None
    charset: str | None = None
    status: int = 200  # 304: not modified since the validators sent, and no body
    etag: str | None = None
    last_modified: str | None = None


def _read_body(response: httpx.Response, cap: int, deadline: float, timeout: float) -> bytes:
    shown = str(response.url)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise FetchFailed(
            f"response is {int(length):,} bytes, over the {cap:,}-byte cap (setting max_bytes)",
            source=shown,
        )
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > cap:
            raise FetchFailed(
                f"response passed the {cap:,}-byte cap while downloading (setting max_bytes)",
                source=shown,
            )
        # httpx times each read; a server dripping bytes needs an overall deadline too.
        if time.monotonic() > deadline:
            raise FetchFailed(
                f"timed out after {timeout:g} s (setting fetch_timeout)", source=shown
            )
    return bytes(body)


def download(
    url: str,
    settings: dict[str, Any],
    *,
    client: httpx.Client | None = None,
    resolver: Resolver | None = None,
    headers: dict[str, str] | None = None,
) -> Download:
    """Fetch ``url``, following redirects by hand so each hop is checked first.

    ``headers`` are added to each request (a conditional GET's ``If-None-Match`` and
    ``If-Modified-Since``); a 304 answer is returned as a Download with status 304 and no body.
    Raises FetchRefused (policy) or FetchFailed (network, HTTP status, size, time).
    """
    timeout = float(settings["fetch_timeout"])
    cap = int(settings["max_bytes"])
    max_redirects = int(settings["fetch_max_redirects"])
    allow_private = bool(settings["allow_private"])
    resolver = resolver or system_resolver
    deadline = time.monotonic() + timeout
    owned = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        current = httpx.URL(url)
        for _hop in range(max_redirects + 1):
            address = check_url(current, allow_private=allow_private, resolver=resolver)
            target, sent, extensions = _pinned(current, address)
            with client.stream(
                "GET",
                target,
                headers={**sent, **(headers or {})},
                extensions=extensions,
                follow_redirects=False,
                timeout=timeout,
            ) as response:
                validators = {
                    "etag": response.headers.get("etag"),
                    "last_modified": response.headers.get("last-modified"),
                }
                # Before redirects: httpx counts 304 among them, though it has no Location.
                if response.status_code == 304:
                    return Download(url=str(current), body=b"", status=304, **validators)
                if response.is_redirect:
                    current = current.join(response.headers["location"])
                    continue
                if not response.is_success:
                    raise FetchFailed(
                        f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                        source=str(current),
                        retry_after=response.headers.get("retry-after") if response.status_code in (429, 503) else None,
                    )
                mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Download(
                    url=str(current),
                    body=_read_body(response, cap, deadline, timeout),
                    mime=mime or None,
                    charset=response.charset_encoding,
                    status=response.status_code,
                    **validators,
                )
        raise FetchFailed(
            f"too many redirects (more than {max_redirects}, setting fetch_max_redirects)",
            source=url,
        )
    except httpx.TimeoutException:
        raise FetchFailed(
            f"timed out after {timeout:g} s (setting fetch_timeout)", source=url
        ) from None
    except httpx.InvalidURL as exc:
        raise FetchRefused(f"invalid URL: {exc}", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchFailed(f"cannot fetch: {str(exc) or type(exc).__name__}", source=url) from None
    finally:
        if owned:
            client.close()


def read_url(
    url: str,
    settings: dict[str, Any],
    *,
    client: httpx.Client | None = None,
    resolver: Resolver | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Documents of one URL (a page, a feed's entries, a text), or one Rejection."""
    try:
        got = download(url, settings, client=client, resolver=resolver)
        fmt = format_for_mime(got.mime)
        yield from parse(got.body, url, fmt, noun="response", url=got.url, charset=got.charset)
    except InputError as exc:
        yield Rejection(url, exc.message)
