"""The web app: browse, search and add to a corpus over HTTP (``storyline serve``)."""

from __future__ import annotations

import ipaddress

from ..errors import StorylineError
from .app import LOOPBACK_NAMES, create_app

__all__ = ["create_app", "check_bind", "serve"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise StorylineError(
            f"refusing to listen on {host} without a token: anyone who can reach it could read and add "
            "articles; pass --token (a long random string) or bind to 127.0.0.1"
        )


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, conf: dict | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    check_bind(host, token)
    app = create_app(db, token=token or None, conf=conf, allowed_hosts=None if token else LOOPBACK_NAMES)
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False, log_level="info")
