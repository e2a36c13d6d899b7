"""A PostgreSQL server for the store tests: ``STORYLINE_TEST_PG``, or the one scripts/postgres.sh starts.

Each test gets an empty schema of its own (dropped afterwards) through the ``search_path`` of its
URL, so test runs sharing one server never see each other's tables.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:54329/storyline_test"


@functools.cache
def server() -> tuple[sa.Engine | None, str]:
    """(engine, "") for a reachable server, else (None, why not)."""
    url = os.environ.get("STORYLINE_TEST_PG") or DEFAULT_URL
    shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'psycopg[binary]')"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.DBAPIError as exc:
        why = " ".join(str(exc.orig).split())
        return None, f"no PostgreSQL at {shown} ({why}); run scripts/postgres.sh or set STORYLINE_TEST_PG"
    return engine, ""


@pytest.fixture(scope="session")
def pg_server() -> sa.Engine:
    engine, why = server()
    if engine is None:
        if os.environ.get("STORYLINE_TEST_PG"):
            pytest.fail(f"STORYLINE_TEST_PG is set but unusable: {why}")
        pytest.skip(why)
    return engine


@pytest.fixture
def pg_url(pg_server: sa.Engine) -> Iterator[str]:
    """The URL of a fresh, empty schema on the test server."""
    schema = f"storyline_{uuid.uuid4().hex[:12]}"
    with pg_server.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = pg_server.url.update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with pg_server.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
