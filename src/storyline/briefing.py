"""The Markdown briefing: the report's content as plain text an analyst can paste anywhere.

Markdown renderers pass raw HTML through, so every value from an article is escaped twice over:
HTML's ``<``, ``>`` and ``&`` become entities and Markdown's punctuation gets a backslash, so no
article can open a tag, a link, an image or a code block in the rendered briefing.
"""

from __future__ import annotations

import re
from typing import Any

from . import __version__, export, report
from .store import Store

_MARKDOWN = re.compile(r"([\\`*_{}\[\]#|~])")


def md(value: Any) -> str:
    """One value as inert Markdown text on a single line."""
    text = " ".join(str(value).split()) if value is not None else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", text)


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *lines, ""] if lines else []


def _overview(ov: dict[str, Any]) -> list[str]:
    span = f"{ov['first']} to {ov['last']}" if ov["first"] else "no known publication dates"
    lines = [
        f"- **{ov['articles']}** articles from **{len(ov['outlets'])}** outlets, published {span}"
        + (f" ({ov['articles'] - ov['dated']} undated)" if ov["first"] and ov["dated"] < ov["articles"] else ""),
        f"- **{ov['events']}** events, **{ov['quotes']}** quotes, **{ov['claims']}** claims, **{ov['rejected']}** rejected inputs",
    ]
    if ov["outlets"]:
        lines.append("- Outlets: " + ", ".join(f"{md(name)} ({n})" for name, n in ov["outlets"]))
    if ov["flags"]:
        lines.append("- Flags: " + ", ".join(f"{md(name)} ({n})" for name, n in ov["flags"]))
    lines += [f"- Rejected {r['count']} × {md(r['reason'])} ({md(r['stage'])})" for r in ov["reasons"]]
    return lines


def _timeline(tl: dict[str, Any]) -> list[str]:
    lines = []
    for e in tl["events"]:
        when = f"{e['start']}" + (f" to {e['end']}" if e["end"] else "") if e["start"] else "date unknown"
        lines.append(f"{e['n']}. **{when}** — {md(e.get('label') or 'event')} ({len(e['members'])} articles)")
        lines += [f"    - {md(a.get('title') or '(no title)')}, {md(a.get('outlet') or 'outlet unknown')}" for a in e["members"]]
        lines += [f"    - “{md(q['text'])}” — {md(q.get('speaker') or 'speaker not established')}" for q in e["quotes"]]
    return lines


def _speakers(speakers: list[tuple[str, list[dict[str, Any]]]]) -> list[str]:
    lines = []
    for speaker, quotes in speakers:
        lines.append(f"- **{md(speaker)}** ({len(quotes)})")
        lines += [f"    - “{md(q['text'])}” — {md(q.get('outlet') or 'unknown outlet')}, {md(q.get('published') or 'undated')}" for q in quotes]
    return lines


def _claims(claims: list[dict[str, Any]]) -> list[str]:
    if not claims:
        return []
    lines = ["| status | claim | independent sources | outlets |", "| --- | --- | --- | --- |"]
    for c in claims:
        outlets = ", ".join(md(a.get("outlet") or "outlet unknown") for a in c["sources"])
        lines.append(f"| {md(c.get('status') or 'unknown')} | {md(c.get('text'))} | {md(c.get('independent_sources'))} | {outlets} |")
    return lines


def _span(ex: dict[str, Any]) -> str:
    if not ex["found"]:
        return f"evidence span not found in article {md(ex['article'] or '(none given)')}"
    return f"“{md(ex['span'])}” ({md(ex.get('outlet') or 'outlet unknown')}: {md(ex.get('title') or '(no title)')})"


def _anomalies(anomalies: list[dict[str, Any]]) -> list[str]:
    lines = []
    for a in anomalies:
        lines.append(f"- **{md(a.get('kind') or 'anomaly')}**: {md(a.get('detail'))}")
        lines += [f"    - {_span(ex)}" for ex in a["spans"]]
    return lines


def _stances(st: dict[str, Any] | None) -> list[str]:
    if not st:
        return []
    lines = ["| actor | " + " | ".join(md(i) for i in st["issues"]) + " |", "| --- |" + " --- |" * len(st["issues"])]
    for row in st["rows"]:
        cells = [md(c["stance"]) + (f" ({c['count']})" if c["count"] > 1 else "") if c["count"] else "·" for c in row["cells"]]
        lines.append(f"| {md(row['actor'])} | " + " | ".join(cells) + " |")
    return lines


def _articles(articles: list[dict[str, Any]]) -> list[str]:
    lines = []
    for a in articles:
        flags = "".join(f" \\[{md(f)}\\]" for f in a.get("flags", [])) + (" \\[reprint\\]" if a.get("reprint_of") else "")
        lines.append(
            f"- **{md(a.get('title') or '(no title)')}** — {md(a.get('outlet') or 'outlet unknown')}, "
            f"{md(a.get('published') or 'date unknown')} ({md(a.get('published_how'))}); "
            f"{len(a.get('quotes', []))} quotes, {len(a.get('cited_sources', []))} sources{flags}"
        )
    return lines


def render(data: dict[str, Any]) -> str:
    """The briefing for a JSON contract, as Markdown text."""
    articles = data["articles"]
    by_id = {a["id"]: a for a in articles}
    parts = ["# storyline briefing", "", f"storyline {md(__version__)} · {len(articles)} articles", ""]
    parts += _section("Overview", _overview(report.overview(data)))
    parts += _section("Timeline", _timeline(report.timeline(data.get("events", []), by_id)))
    parts += _section("Quotes by speaker", _speakers(report.speakers(articles)))
    parts += _section("What holds up", _claims(report.claims_view(data.get("claims", []), by_id)))
    parts += _section("Anomalies and contradictions", _anomalies(report.anomalies_view(data.get("anomalies", []), by_id)))
    parts += _section("Who wants what", _stances(report.stance_matrix(data.get("positions", []))))
    parts += _section("Articles", _articles(data["articles"]))
    return "\n".join(parts).rstrip() + "\n"


def render_store(store: Store) -> str:
    return render(export.build(store))
