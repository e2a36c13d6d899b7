"""The FastAPI application: security around every request, errors in one shape.

Every response carries the same Content-Security-Policy as the report (no scripts at all) plus
``form-action 'self'`` for the app's own forms. With a token, every request needs it as a Bearer
header or as the cookie that ``?token=`` sets. Without one the app only answers to loopback host
names (DNS rebinding) and refuses cross-site form posts.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import AsyncIterator
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .. import __version__, settings as settings_mod
from ..store import Store
from . import api, data, pages, search
from .writer import Writer

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
COOKIE = "storyline_token"
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 422: "invalid_request", 500: "internal_error"}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    code = CODES.get(status, "error")
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    html = pages.render("web_error.html.j2", request, status=status, code=code, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def _secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _cross_site(request: Request) -> bool:
    """A write a browser sent on behalf of another site (Fetch metadata, else Origin)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    return origin is not None and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host"))


def _guard(request: Request, token: str | None, hosts: tuple[str, ...] | None) -> Response | None:
    """Why a request may not go on, as a response; None when it may."""
    host = urlsplit(f"//{request.headers.get('host', '')}").hostname or ""
    if hosts is not None and host not in hosts:
        return error_response(request, 400, f"unexpected Host header {host!r}; open the app as http://127.0.0.1")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if _cross_site(request):
            return error_response(request, 403, "cross-site form posts are refused")
    if token is None:
        return None
    given = request.query_params.get("token")
    if given is not None and request.method == "GET" and _same(given, token):
        # Trade the token in the address for a cookie, and drop it from the address bar.
        query = "&".join(f"{k}={v}" for k, v in request.query_params.multi_items() if k != "token")
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response
    header = request.headers.get("authorization", "")
    supplied = header[7:] if header.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
    if not supplied or not _same(supplied, token):
        return error_response(request, 401, "a token is required: send 'Authorization: Bearer <token>' or open /?token=<token> once",
                              headers={"WWW-Authenticate": "Bearer"})
    return None


def create_app(
    db: str | Path | Store,
    *,
    token: str | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    conf: dict[str, Any] | None = None,
    uploads: str | Path | None = None,
    analyse: bool = True,
) -> FastAPI:
    """The app over one store. ``allowed_hosts`` limits the Host header (None: any)."""
    store = db if isinstance(db, Store) else Store.open(db)
    conf = conf or settings_mod.load()
    if uploads is None:
        path = store.engine.url.database if store.engine.dialect.name == "sqlite" else None
        uploads = Path(path).with_suffix(".uploads") if path and path != ":memory:" else Path(tempfile.mkdtemp(prefix="storyline-uploads-"))
    writer = Writer()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()

    app = FastAPI(lifespan=lifespan, title="storyline", version=__version__, docs_url=None, redoc_url=None,
                  description="Browse, search and add to a storyline corpus. Every HTML page has a JSON twin under /api.")
    app.state.store, app.state.writer, app.state.settings = store, writer, conf
    app.state.uploads, app.state.analyse = Path(uploads), analyse
    sync = (lambda: writer.run(search.sync, store)) if search.kept_by_app(store) else (lambda: None)
    app.state.snapshot = data.Snapshot(store, lambda: writer.generation, sync)
    sync()

    @app.middleware("http")
    async def security(request: Request, call_next: Any) -> Response:
        refused = _guard(request, token, allowed_hosts)
        return _secure(refused if refused is not None else await call_next(request))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()[:5])
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return _secure(error_response(request, 500, f"internal error: {type(exc).__name__}"))

    app.include_router(api.router)
    app.include_router(pages.router)
    return app
