"""Exports: the JSON contract (DESIGN.md), JSONL and CSV, all built from the store in one place.

The contract's field names and meanings are stable; fields are only ever added. Lists a stage
has not filled yet are present and empty.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from . import __version__
from .records import Article
from .store import Store

CORPUS_LISTS = ("events", "actions", "positions", "shifts", "claims", "anomalies", "actors", "places")
ARTICLE_LISTS = ("quotes", "cited_sources")


def article_entry(article: Article, store_view: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One article as the contract shows it: the record plus what the stages found about it."""
    data = article.as_dict()
    entry: dict[str, Any] = {
        "id": data["id"],
        "source": data["source"],
        "url": data["url"],
        "title": data["title"],
        "outlet": data["outlet"],
        "author": data["author"],
        "published": data["published"],
        "published_how": data["published_how"],
        "language": data["language"],
        "text": data["text"],
        "flags": data["flags"],
        "removed": data["removed"],
        "reprint_of": None,
        "event": None,
        "quotes": [],
        "cited_sources": [],
        # Additions beyond the original contract: provenance of every described field.
        "title_how": data["title_how"],
        "outlet_how": data["outlet_how"],
        "author_how": data["author_how"],
        "published_candidates": data["published_candidates"],
        "unknown": data["unknown"],
        "encoding": data["encoding"],
        "inputs": store_view.get("inputs", {}).get(article.id, [article.source]),
    }
    for payload in store_view.get("annotations", {}).get(article.id, {}).values():
        # An article stage's payload is a dict of contract fields for that article; keys that
        # start with "_" are the stage's working data for corpus stages, not for export.
        entry.update({k: v for k, v in payload.items() if not k.startswith("_")})
    return entry


def _view(store: Store) -> dict[str, Any]:
    from . import stages

    per_article: dict[str, dict[str, Any]] = {}
    for stage in stages.registered("article"):
        for article_id, payload in store.annotations(stage.name).items():
            per_article.setdefault(article_id, {})[stage.name] = payload
    return {"inputs": store.sources_of(), "annotations": per_article}


def iter_articles(store: Store) -> Iterator[dict[str, Any]]:
    """Contract entries for every article, one at a time."""
    view = _view(store)
    for article in store.articles():
        yield article_entry(article, view)


def corpus_results(store: Store) -> tuple[dict[str, list[Any]], dict[str, dict[str, Any]]]:
    """The contract's cross-article lists, and per-article fields set by corpus stages.

    A corpus stage's payload maps contract list names ("events", "claims", …) to items, and may
    hold ``article_fields``: article id → fields to set on that article (e.g. ``reprint_of``).
    """
    from . import stages

    lists: dict[str, list[Any]] = {name: [] for name in CORPUS_LISTS}
    fields: dict[str, dict[str, Any]] = {}
    for stage in stages.registered("corpus"):
        payload = store.corpus(stage.name) or {}
        for name, items in payload.items():
            if name in lists:
                lists[name].extend(items)
        for article_id, values in payload.get("article_fields", {}).items():
            fields.setdefault(article_id, {}).update(values)
    return lists, fields


def build(store: Store) -> dict[str, Any]:
    """The whole JSON contract as one dict."""
    articles = list(iter_articles(store))
    lists, fields = corpus_results(store)
    for article in articles:
        article.update(fields.get(article["id"], {}))
    _link_articles(articles, lists)
    return {
        "storyline_version": __version__,
        "articles": articles,
        **lists,
        "rejected": [r.as_dict() for r in store.rejections()],
    }


def _link_articles(articles: list[dict[str, Any]], lists: dict[str, list[Any]]) -> None:
    """Fill each article's ``event`` from the events list, so both views agree."""
    by_id = {article["id"]: article for article in articles}
    for event in lists["events"]:
        for article_id in event.get("articles", []):
            if article_id in by_id:
                by_id[article_id]["event"] = event["id"]


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(store: Store, out: IO[str]) -> None:
    out.write(dumps(build(store)))


def write_jsonl(store: Store, out: IO[str]) -> None:
    """One article per line, streamed; cross-article lists are in the JSON export."""
    for entry in iter_articles(store):
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")


CSV_COLUMNS = (
    "id", "source", "url", "title", "outlet", "outlet_how", "author", "published",
    "published_how", "language", "flags", "reprint_of", "event", "quotes", "cited_sources",
    "removed", "chars",
)


def _article_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for entry in data["articles"]:
        yield {
            **{k: entry.get(k) for k in CSV_COLUMNS},
            "flags": ";".join(entry["flags"]),
            "quotes": len(entry["quotes"]),
            "cited_sources": len(entry["cited_sources"]),
            "removed": len(entry["removed"]),
            "chars": len(entry["text"]),
        }


def _quote_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for a in data["articles"]:
        for q in a["quotes"]:
            yield {"article": a["id"], "outlet": a["outlet"], "published": a["published"], **q}


def _event_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for e in data["events"]:
        yield {**e, "n_articles": len(e["articles"]), "articles": ";".join(e["articles"])}


def _evidence(texts: dict[str, str], article: str, start: int, end: int) -> str:
    return texts.get(article, "")[start:end]


def _action_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """GDELT-like columns, so event-data users can join on the CAMEO root code."""
    texts = {a["id"]: a["text"] for a in data["articles"]}
    urls = {a["id"]: a["url"] or a["source"] for a in data["articles"]}
    for x in data["actions"]:
        key = f"{x['article']}:{x['start']}:{x['end']}:{x['type']}:{x['source_actor']}:{x['target_actor']}"
        yield {
            "GLOBALEVENTID": hashlib.sha256(key.encode()).hexdigest()[:16],
            "SQLDATE": (x["date"] or "").replace("-", ""),
            "Actor1Name": x["source_actor"],
            "Actor2Name": x["target_actor"],
            "EventRootCode": x["cameo_root"],
            "PLOVERType": x["type"],
            "Negated": x.get("negated"),
            "Modality": x.get("modality"),
            "SOURCEURL": urls.get(x["article"]),
            "Article": x["article"],
            "Start": x["start"],
            "End": x["end"],
            "Evidence": _evidence(texts, x["article"], x["start"], x["end"]),
        }


def _claim_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for c in data["claims"]:
        yield {**c, "articles": ";".join(c["articles"])}


def _anomaly_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for x in data["anomalies"]:
        yield {**x, "evidence": _evidence(texts, x["article"], x["start"], x["end"])}


# table name -> (columns, rows); columns beyond these in an item are left out of the CSV.
CSV_TABLES: dict[str, tuple[tuple[str, ...], Any]] = {
    "articles": (CSV_COLUMNS, _article_rows),
    "quotes": (("article", "outlet", "published", "speaker", "speaker_mention", "role", "kind", "cue", "text", "start", "end"), _quote_rows),
    "events": (("id", "date", "date_end", "label", "n_articles", "articles"), _event_rows),
    "actions": (("GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor2Name", "EventRootCode", "PLOVERType", "Negated", "Modality", "SOURCEURL", "Article", "Start", "End", "Evidence"), _action_rows),
    "claims": (("id", "status", "independent_sources", "articles", "text"), _claim_rows),
    "anomalies": (("article", "kind", "detail", "start", "end", "evidence"), _anomaly_rows),
}


def write_csv(store: Store, out: IO[str], table: str = "articles") -> None:
    """One CSV table of the corpus (articles, quotes, events, actions, claims or anomalies)."""
    columns, rows = CSV_TABLES[table]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows(build(store)):
        writer.writerow(row)


WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv}


def export_text(store: Store, fmt: str, table: str = "articles") -> str:
    buffer = io.StringIO()
    if fmt == "csv":
        write_csv(store, buffer, table)
    else:
        WRITERS[fmt](store, buffer)
    return buffer.getvalue()
