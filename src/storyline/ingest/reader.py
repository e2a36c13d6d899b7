"""``read_inputs``: every input (file, folder, URL) to documents or rejections, never raising."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

from ..records import RawDocument, Rejection
from .fetch import Resolver, read_url
from .files import read_path

# Anything with a scheme goes to the fetcher, which refuses what is not http(s) with a reason.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_inputs(
    inputs: Iterable[str],
    settings: dict[str, Any],
    *,
    client: httpx.Client | None = None,
    resolver: Resolver | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Yield one RawDocument per article found in ``inputs``, or a Rejection per unusable input.

    Each input is a file, a folder (walked in sorted order, hidden names skipped) or an
    http(s) URL. HTML is yielded as it is; ``extract_html`` turns it into text later, so a
    truncated page is rejected there, not here. ``client`` and ``resolver`` replace the HTTP
    client and the DNS resolver (tests, proxies).
    """
    max_bytes = int(settings["max_bytes"])
    for name in inputs:
        try:
            if _URL.match(name):
                yield from read_url(name, settings, client=client, resolver=resolver)
            else:
                yield from read_path(name, max_bytes)
        except Exception as exc:  # noqa: BLE001 - one broken input must not stop the batch
            yield Rejection(name, f"unexpected error: {type(exc).__name__}: {exc}")
