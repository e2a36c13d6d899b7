"""The store: the source of truth for a corpus.

SQLite by default (one file, WAL, a transaction per batch); the queries are SQLAlchemy Core so a
PostgreSQL backend can take the same schema and migrations. Stages never see SQL: they get and
give records through the methods of ``Store``.

Tables:
  ``inputs``       every input seen (path, URL, ``path#N``), the hash of its content, and the
                   article it produced or the reason it was rejected;
  ``articles``     one row per cleaned, described article (id = content hash);
  ``annotations``  per-article results of a registered stage, keyed by (article, stage);
  ``corpus``       cross-article results (events, claims), keyed by name;
  ``migrations``   which registered migrations have run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .errors import StoreError
from .records import Article, Rejection

metadata = sa.MetaData()

inputs = sa.Table(
    "inputs",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("content_sha", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),  # "ok" | "rejected"
    sa.Column("article_id", sa.Text, nullable=True, index=True),
    sa.Column("stage", sa.Text, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("published", sa.Text, index=True),
    sa.Column("published_how", sa.Text, nullable=False),
    sa.Column("language", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),  # the full Article as JSON
)

annotations = sa.Table(
    "annotations",
    metadata,
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("stage", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

corpus = sa.Table(
    "corpus",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

migrations_table = sa.Table(
    "migrations",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
)

# Registered migrations, applied in order, each recorded in ``migrations`` in the same transaction.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = []


def migration(name: str) -> Callable[[Callable[[Connection], None]], Callable[[Connection], None]]:
    def register(fn: Callable[[Connection], None]) -> Callable[[Connection], None]:
        if any(existing == name for existing, _ in MIGRATIONS):
            raise ValueError(f"migration {name!r} registered twice")
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(conn: Connection) -> None:
    for table in (inputs, articles, annotations, corpus):
        table.create(conn, checkfirst=True)


def _dumps(payload: Any) -> str:
    # Sorted keys and no floats reformatting: the same payload always stores the same bytes,
    # so a re-run that recomputes identical results leaves the database unchanged.
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Outcome:
    """What one input produced, ready to be written: an article or a rejection."""

    source: str
    content_sha: str
    result: Article | Rejection


def _url(target: str) -> str:
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


class Store:
    """A corpus database. Open with ``Store.open(path_or_url)``; close with ``close()``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | Path, *, migrate: bool = True) -> Store:
        url = _url(str(target))
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise StoreError(
                    f"folder {parent} does not exist; create it or choose another --db",
                    source=str(target),
                )
        options: dict[str, Any] = {}
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every new connection would see a new empty database.
            options = {"poolclass": sa.pool.StaticPool, "connect_args": {"check_same_thread": False}}
        try:
            engine = sa.create_engine(url, **options)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open database: {exc}", source=str(target)) from None
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the registered migrations not yet recorded; return their names."""
        applied: list[str] = []
        try:
            with self.engine.begin() as conn:
                migrations_table.create(conn, checkfirst=True)
                done = set(conn.scalars(sa.select(migrations_table.c.name)))
            for name, fn in MIGRATIONS:
                if name in done:
                    continue
                with self.engine.begin() as conn:
                    fn(conn)
                    conn.execute(migrations_table.insert().values(name=name))
                applied.append(name)
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"cannot migrate the database: {exc.orig}", source=str(self.engine.url)) from None
        return applied

    def applied_migrations(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(sa.select(migrations_table.c.name).order_by(migrations_table.c.name)))

    # -- inputs and articles ----------------------------------------------------------------

    def input_state(self, source: str) -> tuple[str, str] | None:
        """(content_sha, status) of an input seen before, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(inputs.c.content_sha, inputs.c.status).where(inputs.c.source == source)
            ).first()
        return (row.content_sha, row.status) if row else None

    def write(self, outcomes: Iterable[Outcome]) -> None:
        """Write a batch of outcomes in one transaction: all of it lands, or none of it."""
        batch = list(outcomes)
        if not batch:
            return
        try:
            with self.engine.begin() as conn:
                for outcome in batch:
                    self._write_one(conn, outcome)
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"cannot write to the database: {exc.orig}", source=str(self.engine.url)) from None

    def _write_one(self, conn: Connection, outcome: Outcome) -> None:
        previous = conn.execute(
            sa.select(inputs.c.article_id).where(inputs.c.source == outcome.source)
        ).scalar()
        result = outcome.result
        if isinstance(result, Article):
            row = {
                "source": outcome.source,
                "content_sha": outcome.content_sha,
                "status": "ok",
                "article_id": result.id,
                "stage": None,
                "reason": None,
            }
            self._upsert_article(conn, result)
        else:
            row = {
                "source": outcome.source,
                "content_sha": outcome.content_sha,
                "status": "rejected",
                "article_id": None,
                "stage": result.stage,
                "reason": result.reason,
            }
        _upsert(conn, inputs, row, key="source")
        if previous and previous != row["article_id"]:
            self._drop_if_orphaned(conn, previous)

    def _upsert_article(self, conn: Connection, article: Article) -> None:
        row = {
            "id": article.id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published": article.published,
            "published_how": article.published_how,
            "language": article.language,
            "text": article.text,
            "record": _dumps(article.as_dict()),
        }
        existing = conn.execute(sa.select(articles.c.record).where(articles.c.id == article.id)).scalar()
        if existing is None:
            conn.execute(articles.insert().values(**row))
        elif existing != row["record"]:
            conn.execute(articles.update().where(articles.c.id == article.id).values(**row))
            # The article's description changed (new rules): its stage results are stale.
            conn.execute(annotations.delete().where(annotations.c.article_id == article.id))

    def _drop_if_orphaned(self, conn: Connection, article_id: str) -> None:
        still_used = conn.execute(
            sa.select(sa.func.count()).select_from(inputs).where(inputs.c.article_id == article_id)
        ).scalar()
        if not still_used:
            conn.execute(annotations.delete().where(annotations.c.article_id == article_id))
            conn.execute(articles.delete().where(articles.c.id == article_id))

    def articles(self) -> Iterator[Article]:
        """All articles, oldest first (undated last), then by id: a stable order."""
        query = sa.select(articles.c.record).order_by(
            articles.c.published.is_(None), articles.c.published, articles.c.id
        )
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Article.from_dict(json.loads(record))

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            record = conn.execute(
                sa.select(articles.c.record).where(articles.c.id == article_id)
            ).scalar()
        return Article.from_dict(json.loads(record)) if record else None

    def rejections(self) -> list[Rejection]:
        query = (
            sa.select(inputs.c.source, inputs.c.reason, inputs.c.stage)
            .where(inputs.c.status == "rejected")
            .order_by(inputs.c.source)
        )
        with self.engine.connect() as conn:
            return [Rejection(r.source, r.reason or "", r.stage or "ingest") for r in conn.execute(query)]

    def sources_of(self) -> dict[str, list[str]]:
        """Article id → every input that produced it (the same article can arrive twice)."""
        query = sa.select(inputs.c.article_id, inputs.c.source).where(inputs.c.status == "ok")
        found: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query.order_by(inputs.c.source)):
                found.setdefault(row.article_id, []).append(row.source)
        return found

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            count = lambda q: conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0  # noqa: E731
            return {
                "articles": count(articles),
                "inputs": count(inputs),
                "rejected": count(inputs.select().where(inputs.c.status == "rejected").subquery()),
            }

    # -- stage results ----------------------------------------------------------------------

    def put_annotations(self, stage: str, payloads: dict[str, Any]) -> None:
        """Store one stage's results for several articles in one transaction."""
        with self.engine.begin() as conn:
            for article_id, payload in payloads.items():
                _upsert(
                    conn,
                    annotations,
                    {"article_id": article_id, "stage": stage, "payload": _dumps(payload)},
                    key=("article_id", "stage"),
                )

    def annotations(self, stage: str) -> dict[str, Any]:
        query = sa.select(annotations.c.article_id, annotations.c.payload).where(annotations.c.stage == stage)
        with self.engine.connect() as conn:
            return {row.article_id: json.loads(row.payload) for row in conn.execute(query)}

    def put_corpus(self, name: str, payload: Any) -> None:
        with self.engine.begin() as conn:
            _upsert(conn, corpus, {"name": name, "payload": _dumps(payload)}, key="name")

    def corpus(self, name: str) -> Any | None:
        with self.engine.connect() as conn:
            payload = conn.execute(sa.select(corpus.c.payload).where(corpus.c.name == name)).scalar()
        return json.loads(payload) if payload is not None else None

    def dump(self) -> list[tuple[str, tuple[Any, ...]]]:
        """Every row of every table, sorted: for tests that a re-run changes nothing."""
        rows: list[tuple[str, tuple[Any, ...]]] = []
        with self.engine.connect() as conn:
            for table in (inputs, articles, annotations, corpus, migrations_table):
                for row in conn.execute(sa.select(table)):
                    rows.append((table.name, tuple(row)))
        return sorted(rows, key=repr)


def _upsert(conn: Connection, table: sa.Table, row: dict[str, Any], key: str | tuple[str, ...]) -> None:
    """Insert or update ``row``; leave the row untouched when nothing in it changed."""
    keys = (key,) if isinstance(key, str) else key
    where = sa.and_(*(table.c[k] == row[k] for k in keys))
    existing = conn.execute(sa.select(table).where(where)).mappings().first()
    if existing is None:
        conn.execute(table.insert().values(**row))
    elif any(existing[k] != v for k, v in row.items()):
        conn.execute(table.update().where(where).values(**row))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last committed state.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
