"""Adding articles from the app: an upload, pasted text or a URL, all through the pipeline.

Uploads and pasted text are kept as files beside the database (content-addressed names), so the
store's ``inputs`` table points at something that can be read again, as it does for the CLI.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from . import writer

# Only http(s): anything else given as a "URL" would be read as a local path by read_inputs.
_HTTP = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


class Inputs:
    """Where uploads go, and the writer that ingests them.

    An unusable input (an empty file, blank text) is not a failed request: like the CLI, the
    pipeline records it as rejected with its reason, and the answer lists it.
    """

    def __init__(self, state: Any) -> None:
        self.state = state

    def _ingest(self, sources: list[str]) -> dict[str, Any]:
        s = self.state
        return s.writer.run(writer.ingest, s.store, s.settings, sources, s.analyse)

    def text(self, fields: dict[str, Any]) -> dict[str, Any]:
        path = writer.save_upload(Path(self.state.uploads), "pasted.json", writer.pasted_record(fields))
        return self._ingest([str(path)])

    def url(self, url: str) -> dict[str, Any]:
        url = url.strip()
        if not _HTTP.match(url):
            raise HTTPException(422, f"not an http(s) URL: {url[:200]!r}; give an address starting with https://")
        return self._ingest([url])

    async def upload(self, file: UploadFile) -> dict[str, Any]:
        cap = int(self.state.settings["max_bytes"])
        data = await file.read(cap + 1)
        if len(data) > cap:
            raise HTTPException(413, f"upload is over the {cap:,}-byte cap (setting max_bytes)")
        path = writer.save_upload(Path(self.state.uploads), file.filename or "upload", data)
        # The writer blocks until done: wait for it off the event loop.
        return await run_in_threadpool(self._ingest, [str(path)])
