"""The store: the source of truth for a corpus.

SQLite by default (one file, WAL, a transaction per batch), or PostgreSQL with the same schema and
migrations (``--db postgresql+psycopg://user@host/db``). Stages never see SQL: they get and give
records through the methods of ``Store``.

On PostgreSQL several writers may share one database. Every write is an ``INSERT … ON CONFLICT``
or works on a row it has locked, and a transaction the server aborts as a deadlock or
serialization victim is run again, so concurrent ingests lose nothing and duplicate nothing.

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
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from .errors import StoreError
from .records import Article, Rejection

T = TypeVar("T")

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


def _shown(target: str) -> str:
    """The database as errors name it: a path as given, a URL without its password."""
    if "://" not in target:
        return target
    try:
        return sa.engine.make_url(target).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return target.split("://", 1)[0] + "://…"


# The backends whose upsert (INSERT … ON CONFLICT) the store uses.
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# Any fixed number: every storyline process migrating a PostgreSQL database takes this lock.
_MIGRATION_LOCK = 0x73746F72
# SQLSTATEs of a transaction PostgreSQL aborted only because of a concurrent one.
_TRANSIENT = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_ATTEMPTS = 6


class Store:
    """A corpus database. Open with ``Store.open(path_or_url)``; close with ``close()``."""

    def __init__(self, engine: Engine, shown: str | None = None) -> None:
        self.engine = engine
        self.shown = shown or engine.url.render_as_string(hide_password=True)
        self._postgres = engine.dialect.name == "postgresql"

    @classmethod
    def open(cls, target: str | Path, *, migrate: bool = True) -> Store:
        url, shown = _url(str(target)), _shown(str(target))
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise StoreError(
                    f"folder {parent} does not exist; create it or choose another --db",
                    source=shown,
                )
        options: dict[str, Any] = {}
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every new connection would see a new empty database.
            options = {"poolclass": sa.pool.StaticPool, "connect_args": {"check_same_thread": False}}
        try:
            parsed = sa.engine.make_url(url)
            if parsed.get_backend_name() == "postgresql":
                # A server restarted between batches leaves dead pooled connections: test before use.
                # A host that does not answer is an error in seconds, not a hang.
                options = {"pool_pre_ping": True}
                if "connect_timeout" not in parsed.query:
                    options["connect_args"] = {"connect_timeout": 10}
            engine = sa.create_engine(parsed, **options)
        except (sa.exc.ArgumentError, ImportError) as exc:
            hint = "; for PostgreSQL install psycopg[binary]" if isinstance(exc, ImportError) else ""
            raise StoreError(f"cannot open database: {exc}{hint}", source=shown) from None
        if engine.dialect.name not in _INSERTS:
            raise StoreError(
                f"storyline stores its corpus in SQLite or PostgreSQL, not {engine.dialect.name}",
                source=shown,
            )
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, shown)
        if migrate:
            store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors ------------------------------------------------------------

    @contextmanager
    def _failing(self, doing: str) -> Iterator[None]:
        """Turn a database error into a StoreError that names the database, never its password."""
        try:
            yield
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot {doing}: {exc.orig}", source=self.shown) from None

    def _transaction(self, work: Callable[[Connection], T], doing: str) -> T:
        """Run ``work`` in one transaction: all of it lands, or none of it.

        A transaction PostgreSQL aborted as a deadlock or serialization victim is run again after
        a short random pause; the work is idempotent, so running it twice is safe.
        """
        with self._failing(doing):
            attempt = 1
            while True:
                try:
                    with self.engine.begin() as conn:
                        return work(conn)
                except sa.exc.DBAPIError as exc:
                    if attempt == _ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in _TRANSIENT:
                        raise
                time.sleep(random.uniform(0, 0.02 * 2**attempt))
                attempt += 1

    def _serialize_migrations(self, conn: Connection) -> None:
        # Two processes opening a new PostgreSQL database at once would both create the tables;
        # the lock makes the second wait, then see the first one's work. SQLite has one writer.
        if self._postgres:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))

    def _insert(self, table: sa.Table) -> Any:
        return _INSERTS[self.engine.dialect.name](table)

    def _sorted(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        # PostgreSQL sorts text by the database's locale; "C" sorts by code point, as SQLite does,
        # so both backends list articles and sources in the same order.
        return column.collate("C") if self._postgres else column

    def _text(self, row: dict[str, Any]) -> dict[str, Any]:
        # PostgreSQL text cannot hold NUL. Only the plain columns lose it: the JSON records keep
        # it escaped, and every record is read back from them.
        if not self._postgres:
            return row
        return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in row.items()}

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the registered migrations not yet recorded; return their names."""

        def create_table(conn: Connection) -> None:
            self._serialize_migrations(conn)
            migrations_table.create(conn, checkfirst=True)

        def run(name: str, fn: Callable[[Connection], None]) -> bool:
            def apply(conn: Connection) -> bool:
                self._serialize_migrations(conn)
                done = conn.scalar(sa.select(migrations_table.c.name).where(migrations_table.c.name == name))
                if done is not None:
                    return False
                fn(conn)
                conn.execute(migrations_table.insert().values(name=name))
                return True

            return self._transaction(apply, "migrate the database")

        self._transaction(create_table, "migrate the database")
        return [name for name, fn in MIGRATIONS if run(name, fn)]

    def applied_migrations(self) -> list[str]:
        query = sa.select(migrations_table.c.name).order_by(self._sorted(migrations_table.c.name))
        with self._failing("read the database"), self.engine.connect() as conn:
            return list(conn.scalars(query))

    # -- inputs and articles ----------------------------------------------------------------

    def input_state(self, source: str) -> tuple[str, str] | None:
        """(content_sha, status) of an input seen before, or None."""
        source = self._text({"source": source})["source"]
        with self._failing("read the database"), self.engine.connect() as conn:
            row = conn.execute(
                sa.select(inputs.c.content_sha, inputs.c.status).where(inputs.c.source == source)
            ).first()
        return (row.content_sha, row.status) if row else None

    def write(self, outcomes: Iterable[Outcome]) -> None:
        """Write a batch of outcomes in one transaction: all of it lands, or none of it."""
        batch = list(outcomes)
        if not batch:
            return

        def write_all(conn: Connection) -> None:
            for outcome in batch:
                self._write_one(conn, outcome)

        self._transaction(write_all, "write to the database (nothing of this batch was written)")

    def _write_one(self, conn: Connection, outcome: Outcome) -> None:
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
        previous = self._put_input(conn, self._text(row))
        if previous and previous != row["article_id"]:
            self._drop_if_orphaned(conn, previous)

    def _put_input(self, conn: Connection, row: dict[str, Any]) -> str | None:
        """Insert or update an input's row; return the article it produced before, if any."""
        new = self._insert(inputs).values(**row).on_conflict_do_nothing().returning(inputs.c.source)
        if conn.execute(new).first() is not None:
            return None
        # Seen before, by this writer or a concurrent one (whose insert we waited for): lock the
        # row so that what it pointed at is still true when we replace it.
        previous = conn.execute(
            sa.select(inputs).where(inputs.c.source == row["source"]).with_for_update()
        ).mappings().one()
        if any(previous[k] != v for k, v in row.items()):
            conn.execute(inputs.update().where(inputs.c.source == row["source"]).values(**row))
        return previous["article_id"]

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
        new = self._insert(articles).values(**self._text(row))
        # On PostgreSQL this locks the article's row even when nothing changes, until commit:
        # that is what keeps a concurrent _drop_if_orphaned from deleting an article we point at.
        upsert = new.on_conflict_do_update(
            index_elements=[articles.c.id],
            set_={name: new.excluded[name] for name in row if name != "id"},
            where=articles.c.record.is_distinct_from(new.excluded.record),
        ).returning(articles.c.id)
        # RETURNING, not rowcount: psycopg reports -1 as the rowcount of an upsert.
        if conn.execute(upsert).first() is not None:
            # New, or its description changed (new rules): any stage results for it are stale.
            conn.execute(annotations.delete().where(annotations.c.article_id == article.id))

    def _drop_if_orphaned(self, conn: Connection, article_id: str) -> None:
        # Lock first, count after: a writer pointing a new input at this article holds the lock
        # until it commits, so the count (a fresh statement) sees that input and the article stays.
        exists = conn.execute(
            sa.select(articles.c.id).where(articles.c.id == article_id).with_for_update()
        ).first()
        if exists is None:
            return
        still_used = conn.execute(
            sa.select(sa.func.count()).select_from(inputs).where(inputs.c.article_id == article_id)
        ).scalar()
        if not still_used:
            conn.execute(annotations.delete().where(annotations.c.article_id == article_id))
            conn.execute(articles.delete().where(articles.c.id == article_id))

    def articles(self) -> Iterator[Article]:
        """All articles, oldest first (undated last), then by id: a stable order."""
        query = sa.select(articles.c.record).order_by(
            articles.c.published.is_(None), self._sorted(articles.c.published), self._sorted(articles.c.id)
        )
        with self._failing("read the articles"), self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Article.from_dict(json.loads(record))

    def article(self, article_id: str) -> Article | None:
        with self._failing("read the database"), self.engine.connect() as conn:
            record = conn.execute(
                sa.select(articles.c.record).where(articles.c.id == article_id)
            ).scalar()
        return Article.from_dict(json.loads(record)) if record else None

    def rejections(self) -> list[Rejection]:
        query = (
            sa.select(inputs.c.source, inputs.c.reason, inputs.c.stage)
            .where(inputs.c.status == "rejected")
            .order_by(self._sorted(inputs.c.source))
        )
        with self._failing("read the database"), self.engine.connect() as conn:
            return [Rejection(r.source, r.reason or "", r.stage or "ingest") for r in conn.execute(query)]

    def sources_of(self) -> dict[str, list[str]]:
        """Article id → every input that produced it (the same article can arrive twice)."""
        query = sa.select(inputs.c.article_id, inputs.c.source).where(inputs.c.status == "ok")
        found: dict[str, list[str]] = {}
        with self._failing("read the database"), self.engine.connect() as conn:
            for row in conn.execute(query.order_by(self._sorted(inputs.c.source))):
                found.setdefault(row.article_id, []).append(row.source)
        return found

    def counts(self) -> dict[str, int]:
        with self._failing("read the database"), self.engine.connect() as conn:
            count = lambda q: conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0  # noqa: E731
            return {
                "articles": count(articles),
                "inputs": count(inputs),
                "rejected": count(inputs.select().where(inputs.c.status == "rejected").subquery()),
            }

    # -- stage results ----------------------------------------------------------------------

    def put_annotations(self, stage: str, payloads: dict[str, Any]) -> None:
        """Store one stage's results for several articles in one transaction."""
        if not payloads:
            return

        def put(conn: Connection) -> None:
            for article_id, payload in payloads.items():
                self._upsert(
                    conn,
                    annotations,
                    {"article_id": article_id, "stage": stage, "payload": _dumps(payload)},
                    key=("article_id", "stage"),
                )

        self._transaction(put, f"store the results of {stage}")

    def annotations(self, stage: str) -> dict[str, Any]:
        query = sa.select(annotations.c.article_id, annotations.c.payload).where(annotations.c.stage == stage)
        with self._failing("read the database"), self.engine.connect() as conn:
            return {row.article_id: json.loads(row.payload) for row in conn.execute(query)}

    def put_corpus(self, name: str, payload: Any) -> None:
        row = {"name": name, "payload": _dumps(payload)}
        self._transaction(lambda conn: self._upsert(conn, corpus, row, key=("name",)), f"store the results of {name}")

    def corpus(self, name: str) -> Any | None:
        with self._failing("read the database"), self.engine.connect() as conn:
            payload = conn.execute(sa.select(corpus.c.payload).where(corpus.c.name == name)).scalar()
        return json.loads(payload) if payload is not None else None

    def dump(self) -> list[tuple[str, tuple[Any, ...]]]:
        """Every row of every table, sorted: for tests that a re-run changes nothing."""
        rows: list[tuple[str, tuple[Any, ...]]] = []
        with self._failing("read the database"), self.engine.connect() as conn:
            for table in (inputs, articles, annotations, corpus, migrations_table):
                for row in conn.execute(sa.select(table)):
                    rows.append((table.name, tuple(row)))
        return sorted(rows, key=repr)

    def _upsert(self, conn: Connection, table: sa.Table, row: dict[str, Any], key: tuple[str, ...]) -> None:
        """Insert or update ``row`` in one statement; leave the row untouched when nothing in it changed."""
        new = self._insert(table).values(**self._text(row))
        values = [name for name in row if name not in key]
        conn.execute(
            new.on_conflict_do_update(
                index_elements=[table.c[k] for k in key],
                set_={name: new.excluded[name] for name in values},
                where=sa.or_(*(table.c[name].is_distinct_from(new.excluded[name]) for name in values)),
            )
        )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last committed state.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
