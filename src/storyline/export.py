"""Exports: the JSON contract (DESIGN.md), JSONL, CSV and Parquet, all built from the store in one place.

The contract's field names and meanings are stable; fields are only ever added. Lists a stage
has not filled yet are present and empty.

JSONL, and the ``articles`` and ``quotes`` tables in CSV and Parquet, stream: the store is read
one article at a time and each row is written before the next is read, so memory does not grow
with the corpus (only the corpus stages' lists, stored as one result each, are read whole).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from . import __version__
from .errors import StorylineError
from .records import Article
from .store import Store

CORPUS_LISTS = ("events", "actions", "positions", "shifts", "claims", "anomalies", "actors", "places")
ARTICLE_LISTS = ("quotes", "cited_sources")


def article_entry(article: Article, inputs: list[str], results: dict[str, Any]) -> dict[str, Any]:
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
        "inputs": inputs or [article.source],
    }
    for payload in results.values():
        # An article stage's payload is a dict of contract fields for that article; keys that
        # start with "_" are the stage's working data for corpus stages, not for export.
        entry.update({k: v for k, v in payload.items() if not k.startswith("_")})
    return entry


def iter_articles(store: Store) -> Iterator[dict[str, Any]]:
    """Contract entries for every article with what the per-article stages found, streamed."""
    from . import stages

    names = [stage.name for stage in stages.registered("article")]
    for article, inputs, results in store.articles_with(names):
        yield article_entry(article, inputs, results)


def iter_complete(store: Store, lists: dict[str, list[Any]], fields: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Contract entries with the fields the corpus stages set too (``reprint_of``, ``event``), streamed."""
    event_of = {article_id: event["id"] for event in lists["events"] for article_id in event.get("articles", [])}
    # A speaker is shown under the corpus's one name for that person ("Putin" in one article and
    # "Vladimir Putin" in another are one speaker); the words as written stay in speaker_mention.
    named = {alias.lower(): actor["name"] for actor in lists["actors"] for alias in actor.get("aliases", ())}
    for entry in iter_articles(store):
        entry.update(fields.get(entry["id"], {}))
        for quote in entry["quotes"]:
            if quote.get("speaker"):
                quote["speaker"] = named.get(quote["speaker"].lower(), quote["speaker"])
        # The events list decides, so both views of an article's event agree.
        if entry["id"] in event_of:
            entry["event"] = event_of[entry["id"]]
        yield entry


def corpus_results(store: Store) -> tuple[dict[str, list[Any]], dict[str, dict[str, Any]]]:
    """The contract's cross-article lists, and per-article fields set by corpus stages.

    A corpus stage's payload maps contract list names ("events", "claims", …) to items, and may
    hold ``article_fields``: article id → fields to set on that article (e.g. ``reprint_of``), and
    ``item_fields``: list name → ``[item, fields]`` pairs adding fields to another stage's items
    (e.g. the places of events and actions), matched by the item's whole value.
    """
    from . import stages

    lists: dict[str, list[Any]] = {name: [] for name in CORPUS_LISTS}
    fields: dict[str, dict[str, Any]] = {}
    extra: dict[str, list[Any]] = {}
    for stage in stages.registered("corpus"):
        payload = store.corpus(stage.name) or {}
        for name, items in payload.items():
            if name in lists:
                lists[name].extend(items)
        for article_id, values in payload.get("article_fields", {}).items():
            fields.setdefault(article_id, {}).update(values)
        for name, pairs in payload.get("item_fields", {}).items():
            extra.setdefault(name, []).extend(pairs)
    for name, pairs in extra.items():
        wanted = {json.dumps(item, sort_keys=True): values for item, values in pairs}
        for item in lists.get(name, ()):
            item.update(wanted.get(json.dumps(item, sort_keys=True), {}))
    return lists, fields


def build(store: Store) -> dict[str, Any]:
    """The whole JSON contract as one dict."""
    lists, fields = corpus_results(store)
    return {
        "storyline_version": __version__,
        "articles": list(iter_complete(store, lists, fields)),
        **lists,
        "rejected": [r.as_dict() for r in store.rejections()],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(store: Store, out: IO[str]) -> None:
    out.write(dumps(build(store)))


def write_jsonl(store: Store, out: IO[str]) -> None:
    """One article per line, as in the JSON contract, streamed; cross-article lists are in the JSON export."""
    for entry in iter_complete(store, *corpus_results(store)):
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
        place = x.get("place") or {}
        yield {
            "GLOBALEVENTID": hashlib.sha256(key.encode()).hexdigest()[:16],
            "SQLDATE": (x["date"] or "").replace("-", ""),
            "Actor1Name": x["source_actor"],
            "Actor2Name": x["target_actor"],
            "EventRootCode": x["cameo_root"],
            "PLOVERType": x["type"],
            "Negated": x.get("negated"),
            "Modality": x.get("modality"),
            "ActionGeo_FullName": place.get("name"),
            "ActionGeo_CountryCode": place.get("country"),
            "ActionGeo_ADM1Code": place.get("subdivision"),
            "ActionGeo_Lat": place.get("lat"),
            "ActionGeo_Long": place.get("lon"),
            "SOURCEURL": urls.get(x["article"]),
            "Article": x["article"],
            "Start": x["start"],
            "End": x["end"],
            "Evidence": _evidence(texts, x["article"], x["start"], x["end"]),
        }


def first_evidence(item: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    """(article, start, end) of an item's first piece of evidence; Nones when it has none."""
    first = ((item or {}).get("evidence") or [{}])[0]
    return first.get("article"), first.get("start"), first.get("end")


def _position_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for p in data["positions"]:
        article, start, end = first_evidence(p)
        yield {**p, "article": article, "start": start, "end": end,
               "evidence": _evidence(texts, article, start or 0, end or 0)}


def _shift_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for s in data["shifts"]:
        row = {"actor": s["actor"], "issue": s["issue"], "from": s["from"], "to": s["to"]}
        for side in ("before", "after"):
            article, start, end = first_evidence(s.get(side))
            row.update({f"{side}_date": (s.get(side) or {}).get("date"), f"{side}_article": article,
                        f"{side}_evidence": _evidence(texts, article, start or 0, end or 0)})
        yield row


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
    "actions": (("GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor2Name", "EventRootCode", "PLOVERType", "Negated", "Modality",
                 "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
                 "SOURCEURL", "Article", "Start", "End", "Evidence"), _action_rows),
    "positions": (("actor", "issue", "stance", "date", "via", "article", "start", "end", "evidence"), _position_rows),
    "shifts": (("actor", "issue", "from", "to", "before_date", "before_article", "before_evidence",
                "after_date", "after_article", "after_evidence"), _shift_rows),
    "claims": (("id", "status", "independent_sources", "articles", "text"), _claim_rows),
    "anomalies": (("article", "kind", "detail", "start", "end", "evidence"), _anomaly_rows),
}


# Tables whose rows come from the articles alone: they stream. The others need the corpus lists
# and the texts their evidence points into.
STREAMED_TABLES = ("articles", "quotes")


def table_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table (articles, quotes, events, actions, positions, shifts, claims or anomalies)."""
    _columns, rows = CSV_TABLES[table]
    if table in STREAMED_TABLES:
        lists, fields = corpus_results(store)
        return rows({"articles": iter_complete(store, lists, fields)})
    return rows(build(store))


def write_csv(store: Store, out: IO[str], table: str = "articles") -> None:
    """One CSV table of the corpus (articles, quotes, events, actions, positions, shifts, claims or anomalies)."""
    columns, _rows = CSV_TABLES[table]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in table_rows(store, table):
        writer.writerow(row)


# Parquet column types; every other column is text (lists and objects as JSON text).
_PARQUET_INTEGERS = frozenset({"start", "end", "Start", "End", "n_articles", "independent_sources", "quotes", "cited_sources",
                               "removed", "chars"})
_PARQUET_BOOLEANS = frozenset({"Negated"})
_PARQUET_FLOATS = frozenset({"ActionGeo_Lat", "ActionGeo_Long"})
PARQUET_ROW_GROUP = 10_000


def _parquet_value(column: str, value: Any) -> Any:
    if value is None or column in _PARQUET_INTEGERS or column in _PARQUET_BOOLEANS:
        return value
    if column in _PARQUET_FLOATS:
        return float(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_parquet(store: Store, path: Path, table: str = "articles", row_group: int = PARQUET_ROW_GROUP) -> int:
    """One table as a Parquet file, written ``row_group`` rows at a time; returns the rows written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StorylineError("Parquet export needs pyarrow: pip install 'storyline[parquet]'") from None
    columns, _rows = CSV_TABLES[table]
    kinds = {c: pa.int64() if c in _PARQUET_INTEGERS else pa.bool_() if c in _PARQUET_BOOLEANS
             else pa.float64() if c in _PARQUET_FLOATS else pa.string() for c in columns}
    schema = pa.schema([(c, kinds[c]) for c in columns])
    rows = table_rows(store, table)
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        while chunk := list(islice(rows, row_group)):
            values = [{c: _parquet_value(c, row.get(c)) for c in columns} for row in chunk]
            writer.write_table(pa.Table.from_pylist(values, schema=schema), row_group_size=row_group)
            written += len(chunk)
    return written


WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv}
FORMATS = (*WRITERS, "parquet")


def write_stream(store: Store, fmt: str, out: IO[str], table: str = "articles") -> None:
    """A text format (json, jsonl, csv) written to ``out`` as it is produced."""
    if fmt == "csv":
        write_csv(store, out, table)
    else:
        WRITERS[fmt](store, out)


def write_file(store: Store, fmt: str, path: Path, table: str = "articles") -> None:
    """Any format to ``path``, through a temporary file renamed at the end: never half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "parquet":
            write_parquet(store, tmp, table)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                write_stream(store, fmt, out, table)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
