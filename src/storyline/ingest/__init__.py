"""Ingest: files, folders, JSON, feeds and URLs in; RawDocuments and Rejections out.

``read_inputs`` only reads and decodes; ``extract_html`` is the separate, pure step that turns
an HTML document into main text and metadata, so it can run in worker processes.
"""

from .html import extract_html
from .reader import read_inputs

__all__ = ["extract_html", "read_inputs"]
