"""The self-contained HTML report: one file, no network, nothing from an article ever runs.

Every value from an article goes through Jinja2's autoescaping, links are shown as text, and a
strict Content-Security-Policy forbids scripts, remote fetches and forms even if escaping failed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from . import __version__, export
from .store import Store

_env = Environment(
    loader=PackageLoader("storyline", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


UNATTRIBUTED = "Speaker not established"


def _pieces(text: str, marks: list[tuple[int, int, str]]) -> list[list[dict[str, Any]]]:
    """Split text into paragraphs of plain and highlighted pieces (non-overlapping marks)."""
    paragraphs: list[list[dict[str, Any]]] = []
    offset = 0
    ordered = sorted(marks)
    for para in text.split("\n\n"):
        start, end = offset, offset + len(para)
        pieces: list[dict[str, Any]] = []
        cursor = start
        for m_start, m_end, kind in ordered:
            if m_start < cursor or m_start >= end or m_end > end:
                continue
            if m_start > cursor:
                pieces.append({"text": text[cursor:m_start], "kind": None})
            pieces.append({"text": text[m_start:m_end], "kind": kind})
            cursor = m_end
        if cursor < end:
            pieces.append({"text": text[cursor:end], "kind": None})
        paragraphs.append(pieces)
        offset = end + 2
    return paragraphs


def view(data: dict[str, Any]) -> dict[str, Any]:
    """What the template shows, computed from the JSON contract (the report reads nothing else)."""
    articles = data["articles"]
    outlets = Counter(a["outlet"] for a in articles if a["outlet"])
    dates = sorted(a["published"] for a in articles if a["published"])
    speakers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    shown = []
    for a in articles:
        marks = [(q["start"], q["end"], "quote") for q in a["quotes"]]
        marks += [(s["start"], s["end"], "source") for s in a["cited_sources"]]
        for q in a["quotes"]:
            speakers[q.get("speaker") or UNATTRIBUTED].append(
                {**q, "outlet": a["outlet"], "published": a["published"]}
            )
        shown.append({**a, "paragraphs": _pieces(a["text"], marks)})
    return {
        "version": __version__,
        "overview": {
            "articles": len(articles),
            "outlets": outlets.most_common(),
            "dated": len(dates),
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
            "quotes": sum(len(a["quotes"]) for a in articles),
        },
        "rejected": data.get("rejected", []),
        "events": sorted(data["events"], key=lambda e: (e.get("date") is None, e.get("date") or "")),
        "speakers": sorted(speakers.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -len(kv[1]), kv[0])),
        "articles": shown,
    }


def render(data: dict[str, Any]) -> str:
    return _env.get_template("report.html.j2").render(**view(data))


def render_store(store: Store) -> str:
    return render(export.build(store))
