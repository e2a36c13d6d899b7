"""The HTML pages: server-rendered with the report's templates and escaping, no JavaScript."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from .. import __version__, export, report
from . import data
from .inputs import Inputs

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50


def render(template: str, request: Request, **context: Any) -> str:
    return report.env.get_template(template).render(version=__version__, path=request.url.path, **context)


def _data(request: Request) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return request.app.state.snapshot.get()


def _titles(by_id: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {i: a.get("title") or "(no title)" for i, a in by_id.items()}


@router.get("/")
def home(request: Request) -> str:
    corpus, _ = _data(request)
    return render("web_overview.html.j2", request, overview=report.overview(corpus), rejected=corpus.get("rejected", []))


@router.get("/articles")
def articles(request: Request, q: Annotated[str | None, Query(max_length=300)] = None,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> str:
    found = data.articles(request.app.state.snapshot, q, PAGE, (page - 1) * PAGE)
    return render("web_articles.html.j2", request, found=found, q=q or "", page=page, pages=max(1, -(-found["total"] // PAGE)))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> str:
    corpus, by_id = _data(request)
    found = by_id.get(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id[:100]!r}")
    return render("web_article.html.j2", request, a=report.article_card(found, corpus.get("claims", [])), titles=_titles(by_id))


@router.get("/events")
def events(request: Request) -> str:
    corpus, by_id = _data(request)
    where = report.places_view(corpus.get("places", []), by_id, corpus.get("events", []), corpus.get("actions", []), link="/report#")
    return render("web_events.html.j2", request, timeline=report.timeline(corpus.get("events", []), by_id), titles=_titles(by_id),
                  map_svg=where["map_svg"])


@router.get("/actors")
def actors(request: Request) -> str:
    corpus, _ = _data(request)
    return render("web_actors.html.j2", request, actors=data.actors(corpus), stances=report.stance_matrix(corpus.get("positions", [])))


@router.get("/stances")
def stances(request: Request, start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
            to: Annotated[str | None, Query(max_length=10)] = None) -> str:
    corpus, by_id = _data(request)
    start, to = _day(start), _day(to)
    found = data.stances(corpus, start, to)
    shifts = [{**s, "was": report.excerpt(by_id, *export.first_evidence(s.get("before"))),
               "now": report.excerpt(by_id, *export.first_evidence(s.get("after")))}
              for s in found["shifts"]]
    return render("web_stances.html.j2", request, stances=report.stance_matrix(found["positions"]), shifts=shifts,
                  start=start, to=to, titles=_titles(by_id))


def _day(value: str | None) -> str | None:
    """A YYYY-MM-DD bound from the form; anything else (an empty field) is no bound."""
    return value if value and data.DAY.fullmatch(value) else None


@router.get("/quotes")
def quotes(request: Request, speaker: Annotated[str | None, Query(max_length=300)] = None) -> str:
    corpus, by_id = _data(request)
    groups = [(s, qs) for s, qs in report.speakers(corpus["articles"]) if speaker is None or s == speaker]
    return render("web_quotes.html.j2", request, speakers=groups, titles=_titles(by_id), speaker=speaker)


@router.get("/claims")
def claims(request: Request, status: Annotated[str | None, Query(max_length=50)] = None) -> str:
    corpus, by_id = _data(request)
    rows = report.claims_view(data.claims(corpus, status), by_id)
    return render("web_claims.html.j2", request, claims=rows, anomalies=report.anomalies_view(corpus.get("anomalies", []), by_id),
                  titles=_titles(by_id), status=status)


@router.get("/report")
def full_report(request: Request) -> str:
    return report.render(_data(request)[0])


@router.get("/add")
def add_form(request: Request) -> str:
    return render("web_add.html.j2", request)


def _added(request: Request, result: dict[str, Any]) -> str:
    _, by_id = _data(request)
    return render("web_added.html.j2", request, result=result, titles=_titles(by_id))


@router.post("/add/text")
def add_text(request: Request, text: Annotated[str, Form(max_length=2_000_000)], title: Annotated[str, Form(max_length=1000)] = "",
             url: Annotated[str, Form(max_length=2000)] = "", outlet: Annotated[str, Form(max_length=300)] = "",
             published: Annotated[str, Form(max_length=100)] = "") -> str:
    fields = {"text": text, "title": title, "url": url, "outlet": outlet, "published": published}
    return _added(request, Inputs(request.app.state).text(fields))


@router.post("/add/url")
def add_url(request: Request, url: Annotated[str, Form(max_length=2000)]) -> str:
    return _added(request, Inputs(request.app.state).url(url))


@router.post("/add/upload")
async def add_upload(request: Request, file: Annotated[UploadFile, File()]) -> str:
    result = await Inputs(request.app.state).upload(file)
    return await run_in_threadpool(_added, request, result)
