"""The JSON API: one twin for every HTML page, plus the adds. Errors: {"error": {code, message}}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile

from . import data, models
from .inputs import Inputs

_ERROR = {"model": models.ErrorOut}
router = APIRouter(prefix="/api", tags=["api"], responses={401: _ERROR, 403: _ERROR, 404: _ERROR, 422: _ERROR, 400: _ERROR})

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Search = Annotated[str | None, Query(max_length=300, description="Words to find (full-text, prefix match).")]
Day = f"^{data.DAY.pattern}$"
From = Annotated[str | None, Query(alias="from", pattern=Day, description="First day (YYYY-MM-DD); undated items drop out.")]
To = Annotated[str | None, Query(pattern=Day, description="Last day (YYYY-MM-DD); undated items drop out.")]


def _snapshot(request: Request) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return request.app.state.snapshot.get()


@router.get("/overview", response_model=models.Overview, summary="Corpus overview (twin of /)")
def overview(request: Request) -> dict[str, Any]:
    return data.overview(_snapshot(request)[0])


@router.get("/articles", response_model=models.ArticlePage, summary="Articles, or search hits (twin of /articles)")
def articles(request: Request, q: Search = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return data.articles(request.app.state.snapshot, q, limit, offset)


@router.get("/articles/{article_id}", response_model=models.Article, summary="One article as the contract has it")
def article(request: Request, article_id: str) -> dict[str, Any]:
    found = _snapshot(request)[1].get(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id[:100]!r}; list them at /api/articles")
    return found


@router.get("/events", response_model=models.Events, summary="Events in date order (twin of /events)")
def events(request: Request) -> dict[str, Any]:
    return {"events": sorted(_snapshot(request)[0]["events"], key=lambda e: (e.get("date") is None, str(e.get("date") or "")))}


@router.get("/actors", response_model=models.Actors, summary="Actors, the most present first (twin of /actors)")
def actors(request: Request) -> dict[str, Any]:
    return {"actors": data.actors(_snapshot(request)[0])}


@router.get("/quotes", response_model=models.Quotes, summary="Quotes, optionally of one speaker (twin of /quotes)")
def quotes(request: Request, speaker: Annotated[str | None, Query(max_length=300)] = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    found = data.quotes(_snapshot(request)[0], speaker)
    return {"total": len(found), "quotes": found[offset:offset + limit]}


@router.get("/claims", response_model=models.Claims, summary="Claims and their corroboration (twin of /claims)")
def claims(request: Request, status: Annotated[str | None, Query(max_length=50)] = None) -> dict[str, Any]:
    return {"claims": data.claims(_snapshot(request)[0], status)}


@router.get("/stances", response_model=models.Stances, response_model_by_alias=True,
            summary="Positions and stance shifts in a date range (twin of /stances)")
def stances(request: Request, start: From = None, to: To = None) -> dict[str, Any]:
    return data.stances(_snapshot(request)[0], start, to)


@router.get("/actions", response_model=models.Actions, summary="Coded actions, by actor, PLOVER type and date range")
def actions(request: Request, actor: Annotated[str | None, Query(max_length=300)] = None,
            type: Annotated[str | None, Query(max_length=20, description="A PLOVER type, e.g. REJECT.")] = None,
            start: From = None, to: To = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    found = data.actions(_snapshot(request)[0], actor, type, start, to)
    return {"total": len(found), "actions": found[offset:offset + limit]}


@router.get("/anomalies", response_model=models.Anomalies, summary="Stale statements, anachronisms and contradictions (shown on /claims)")
def anomalies(request: Request, kind: Annotated[str | None, Query(max_length=50)] = None) -> dict[str, Any]:
    return {"anomalies": data.anomalies(_snapshot(request)[0], kind)}


@router.get("/export", summary="The whole JSON contract (as `storyline export --format json`)")
def export(request: Request) -> dict[str, Any]:
    return _snapshot(request)[0]


@router.post("/articles/text", response_model=models.Added, status_code=201, summary="Add pasted text as an article")
def add_text(request: Request, body: models.Pasted) -> dict[str, Any]:
    return Inputs(request.app.state).text(body.model_dump())


@router.post("/articles/url", response_model=models.Added, status_code=201, summary="Fetch a URL and add its article")
def add_url(request: Request, body: models.UrlIn) -> dict[str, Any]:
    return Inputs(request.app.state).url(body.url)


@router.post("/articles/upload", response_model=models.Added, status_code=201, responses={413: _ERROR}, summary="Add an uploaded file (txt, html, json, jsonl, feed)")
async def add_upload(request: Request, file: Annotated[UploadFile, File(description="The file to ingest.")]) -> dict[str, Any]:
    return await Inputs(request.app.state).upload(file)
