"""The JSON API's shapes, for validation and the OpenAPI spec.

Contract items allow extra fields: stages add fields freely (DESIGN's contract only grows), and
the API passes them through rather than hiding what a newer stage found.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found.")
    message: str = Field(description="What went wrong and what to try.")


class ErrorOut(BaseModel):
    error: ErrorDetail


class NameCount(BaseModel):
    name: str
    count: int


class Reason(BaseModel):
    stage: str | None
    reason: str | None
    count: int


class Overview(BaseModel):
    articles: int
    outlets: list[NameCount]
    dated: int
    first: str | None
    last: str | None
    quotes: int
    sources: int
    events: int
    claims: int
    actors: int
    flags: list[NameCount]
    reprints: int
    rejected: int
    reasons: list[Reason]


class Piece(BaseModel):
    text: str
    hit: bool


class ArticleSummary(Open):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    flags: list[str]
    quotes: int
    cited_sources: int
    chars: int
    snippet: list[Piece] | None = None


class ArticlePage(BaseModel):
    query: str | None
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class Article(Open):
    id: str
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    quotes: list[dict[str, Any]]
    cited_sources: list[dict[str, Any]]


class Events(BaseModel):
    events: list[Open]


class Actors(BaseModel):
    actors: list[Open]


class Quotes(BaseModel):
    total: int
    quotes: list[Open]


class Claims(BaseModel):
    claims: list[Open]


class Stances(BaseModel):
    from_: str | None = Field(alias="from", description="First day of the range (ISO), or null for no bound.")
    to: str | None = Field(description="Last day of the range (ISO), or null for no bound.")
    positions: list[Open]
    shifts: list[Open]


class Actions(BaseModel):
    total: int
    actions: list[Open]


class Anomalies(BaseModel):
    anomalies: list[Open]


class Pasted(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="The article's text.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000, description="Where it was published (kept as metadata, not fetched).")
    outlet: str | None = Field(None, max_length=300)
    author: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=100, description="A date, e.g. 2025-04-02.")


class UrlIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000, description="An http(s) URL to fetch; private addresses are refused.")


class Rejected(BaseModel):
    source: str
    reason: str
    stage: str


class Added(BaseModel):
    added: int
    updated: int
    unchanged: int
    rejected: list[Rejected]
    articles: list[str] = Field(description="Ids of the articles these inputs produced.")
