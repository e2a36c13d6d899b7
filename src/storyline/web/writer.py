"""The one writer: every change to the store runs on a single thread, in order.

Request handlers compute nothing that writes; they hand a job to the writer and wait for it, so
two uploads never interleave their transactions and SQLite never sees two writers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .. import pipeline
from ..store import Store
from . import search

T = TypeVar("T")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class Writer:
    """A single worker thread; ``generation`` counts the jobs it has finished."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-writer")
        self.generation = 0

    def run(self, job: Callable[..., T], *args: Any) -> T:
        def counted() -> T:
            try:
                return job(*args)
            finally:
                self.generation += 1

        return self._pool.submit(counted).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def save_upload(folder: Path, name: str, data: bytes) -> Path:
    """Keep an uploaded file under a content-addressed name, so the input can be read again."""
    folder.mkdir(parents=True, exist_ok=True)
    base = _SAFE_NAME.sub("-", Path(name or "upload").name).strip(".-")[-80:] or "upload"
    path = folder / f"{hashlib.sha256(data).hexdigest()[:12]}-{base}"
    if not path.exists():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def pasted_record(fields: dict[str, Any]) -> bytes:
    """Pasted text and its metadata as one JSON article record (the structured reader's format)."""
    record = {k: v for k, v in fields.items() if isinstance(v, str) and v.strip()}
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")


def ingest(store: Store, settings: dict[str, Any], inputs: list[str], analyse: bool) -> dict[str, Any]:
    """Ingest inputs through the pipeline, analyse, refresh the search index; say what happened."""
    result = pipeline.ingest(inputs, store, settings)
    if analyse and result.added + result.updated:
        pipeline.analyse(store)
    if search.kept_by_app(store):
        search.sync(store)
    wanted = set(inputs)
    produced = sorted(
        article for article, sources in store.sources_of().items()
        if any(s in wanted or s.startswith(tuple(f"{i}#" for i in wanted)) for s in sources)
    )
    return {
        "added": result.added,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": [r.as_dict() for r in result.rejected],
        "articles": produced,
    }
