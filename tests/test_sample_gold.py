"""Integrity of the gold annotations that ship with the sample corpus.

`samples/gold/corpus.json` is what the evaluations score storyline against, so it has to be
right about the corpus it describes: every source it names exists (down to the Nth record of a
JSON Lines file or feed), every quote, non-quote, anomaly and contradiction fragment occurs
verbatim in that source, every event it uses is defined, dates are real ISO dates, and the corpus
covers what the sample is for (all four input formats, enough articles, events, outlets,
contradictions and anomalies). The last test tampers with a copy of the gold and checks that
the checker notices, so this file can fail.

"Verbatim" means: in the raw file text (for HTML and feed content: after stripping tags and
unescaping entities; for JSON Lines: the decoded field), with runs of whitespace compared as
one space, because line breaks inside a sentence (HTML source wrapping, a line broken where a
hyperlink was) are not part of the wording.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

FORMATS = {".txt": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
           ".xml": "feed", ".rss": "feed", ".atom": "feed"}
PUBLISHED_HOW = {"metadata", "url", "text", "inferred", "unknown"}
QUOTE_KINDS = {"direct", "indirect", "partial"}
ANOMALY_KINDS = {"stale_office", "past_event_upcoming", "anachronism", "stale_fact"}
CONTRADICTION_SLOTS = {"prisoner_count", "casualty_count", "count", "date", "duration", "place", "quote_wording", "stance"}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_ATOM = "{http://www.w3.org/2005/Atom}"


# ----------------------------------------------------------------------------- reading the corpus
def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def strip_markup(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def file_format(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, kind in FORMATS.items():
        if name.endswith(suffix):
            return kind
    return None


def split_source(source: str) -> tuple[str, int | None]:
    path, _, number = source.partition("#")
    return path, (int(number) if number else None)


@lru_cache(maxsize=None)
def records(path: Path) -> tuple[str, ...]:
    """Plain text of each record of a JSON Lines file or a feed, in file order."""
    kind = file_format(path)
    raw = path.read_text(encoding="utf-8")
    out: list[str] = []
    if kind == "jsonl":
        for line in raw.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            body = rec.get("text") or strip_markup(rec.get("html") or "")
            out.append(f"{rec.get('title') or ''}\n{body}")
    elif kind == "feed":
        root = SafeET.fromstring(raw.encode("utf-8"))
        entries = list(root.iter("item")) or list(root.iter(f"{_ATOM}entry"))
        for entry in entries:
            title = entry.findtext("title") or entry.findtext(f"{_ATOM}title") or ""
            body = (entry.findtext(_RSS_CONTENT) or entry.findtext(f"{_ATOM}content")
                    or entry.findtext("description") or entry.findtext(f"{_ATOM}summary") or "")
            out.append(f"{title}\n{strip_markup(body)}")
    else:
        raise ValueError(f"{path} holds one document, not records")
    return tuple(out)


def source_text(corpus_dir: Path, source: str) -> str:
    """The whitespace-squashed text a gold source points at; raises LookupError if it does not exist."""
    rel, number = split_source(source)
    path = corpus_dir / rel
    if not path.is_file():
        raise LookupError(f"no such file: {rel}")
    kind = file_format(path)
    if kind in ("jsonl", "feed"):
        recs = records(path)
        if number is None or not 1 <= number <= len(recs):
            raise LookupError(f"{rel} has {len(recs)} records, gold asks for #{number}")
        return squash(recs[number - 1])
    if number is not None:
        raise LookupError(f"{rel} is a single document, #{number} makes no sense")
    raw = path.read_text(encoding="utf-8")
    return squash(strip_markup(raw) if kind == "html" else raw)


def corpus_documents(corpus_dir: Path) -> list[str]:
    """Every document of the corpus as a gold source string."""
    out = []
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        kind = file_format(path)
        if kind is None:
            continue
        rel = path.relative_to(corpus_dir).as_posix()
        if kind in ("jsonl", "feed"):
            out += [f"{rel}#{n}" for n in range(1, len(records(path)) + 1)]
        else:
            out.append(rel)
    return out


def is_iso(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ----------------------------------------------------------------------------- the checker
def problems(gold: dict, corpus_dir: Path) -> list[str]:
    """Everything wrong with the gold, as readable lines; empty when it is consistent."""
    out: list[str] = []
    events = gold.get("events", [])
    event_ids = [e.get("id") for e in events]
    if len(set(event_ids)) != len(event_ids):
        out.append(f"duplicate event ids: {event_ids}")
    for e in events:
        if not is_iso(e.get("date")):
            out.append(f"event {e.get('id')}: bad date {e.get('date')!r}")
        end = e.get("date_end")
        if end is not None and (not is_iso(end) or (is_iso(e.get("date")) and end < e["date"])):
            out.append(f"event {e.get('id')}: bad date_end {end!r}")

    articles = gold.get("articles", [])
    sources = [a.get("source") for a in articles]
    if len(set(sources)) != len(sources):
        out.append("duplicate article sources")
    by_source = {a.get("source"): a for a in articles}
    texts: dict[str, str] = {}
    for a in articles:
        src = a.get("source")
        try:
            texts[src] = source_text(corpus_dir, src)
        except (LookupError, ValueError, json.JSONDecodeError, SafeET.ParseError) as exc:
            out.append(f"{src}: {exc}")

    def present(src: str, fragment: object, what: str) -> None:
        if not isinstance(fragment, str) or not fragment.strip():
            out.append(f"{src}: empty {what}")
        elif src in texts and squash(fragment) not in texts[src]:
            out.append(f"{src}: {what} not found verbatim: {fragment!r}")

    for a in articles:
        src = a.get("source")
        if a.get("event") is not None and a["event"] not in event_ids:
            out.append(f"{src}: undefined event {a['event']!r}")
        published, how = a.get("published"), a.get("published_how")
        if how not in PUBLISHED_HOW:
            out.append(f"{src}: published_how {how!r}")
        if published is None:
            if how != "unknown":
                out.append(f"{src}: no date but published_how={how!r}")
        elif not is_iso(published):
            out.append(f"{src}: bad published {published!r}")
        elif how == "url" and published.replace("-", "/") not in (a.get("url") or ""):
            out.append(f"{src}: published_how=url but the url does not carry {published}")
        for key in ("reprint_of", "rewrite_of"):
            target = a.get(key)
            if target is None:
                continue
            if target == src or target not in by_source:
                out.append(f"{src}: {key} points at {target!r}, not another gold article")
            elif is_iso(published) and is_iso(by_source[target].get("published")) \
                    and published < by_source[target]["published"]:
                out.append(f"{src}: {key} is dated before its original")
        for q in a.get("quotes", []):
            if q.get("kind") not in QUOTE_KINDS:
                out.append(f"{src}: quote kind {q.get('kind')!r}")
            present(src, q.get("text"), "quote text")
            for part in q.get("parts") or []:
                present(src, part, "quote part")
            if q.get("clause") is not None:
                present(src, q["clause"], "quote clause")
                if squash(q.get("text") or "") not in squash(q["clause"]):
                    out.append(f"{src}: clause does not contain its quote: {q['clause']!r}")
            for key in ("speaker_mention", "cue"):
                if q.get(key) is not None:
                    present(src, q[key], f"quote {key}")
        for s in a.get("not_quotes", []):
            present(src, s, "not_quote")
        for c in a.get("cited_sources", []):
            present(src, c.get("mention") or c.get("name"), "cited source")
            present(src, c.get("cue"), "cited-source cue")
        for s in a.get("not_sources", []):
            present(src, s, "not_source")
        for an in a.get("anomalies", []):
            if an.get("kind") not in ANOMALY_KINDS:
                out.append(f"{src}: anomaly kind {an.get('kind')!r}")
            present(src, an.get("text"), "anomaly text")

    for i, c in enumerate(gold.get("contradictions", [])):
        if c.get("slot") not in CONTRADICTION_SLOTS:
            out.append(f"contradiction {i}: slot {c.get('slot')!r}")
        for side in ("a", "b"):
            ref = c.get(side) or {}
            if ref.get("source") not in by_source:
                out.append(f"contradiction {i}.{side}: {ref.get('source')!r} is not a gold article")
            else:
                present(ref["source"], ref.get("text"), f"contradiction {i}.{side} fragment")
    return out


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def gold_path(corpus_dir: Path) -> Path:
    return corpus_dir.parent / "gold" / "corpus.json"


@pytest.fixture(scope="module")
def gold(gold_path: Path) -> dict:
    assert gold_path.is_file(), f"gold missing: {gold_path}"
    return json.loads(gold_path.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- tests
def test_gold_matches_the_corpus(gold, corpus_dir):
    found = problems(gold, corpus_dir)
    assert not found, "\n".join(found)


def test_every_corpus_document_is_in_the_gold_once(gold, corpus_dir):
    in_corpus = corpus_documents(corpus_dir)
    in_gold = [a["source"] for a in gold["articles"]]
    assert sorted(in_gold) == sorted(in_corpus)


def test_every_input_format_is_present(gold, corpus_dir):
    kinds = {file_format(corpus_dir / split_source(a["source"])[0]) for a in gold["articles"]}
    assert {"txt", "html", "jsonl", "feed"} <= kinds


def test_corpus_is_big_enough_to_be_a_story(gold):
    articles = gold["articles"]
    assert len(articles) >= 16
    assert len(gold["events"]) >= 5
    assert len({a["outlet"] for a in articles if a.get("outlet")}) >= 6
    # Several of each kind, so precision and recall per kind mean something (issue 6).
    kinds = Counter(an["kind"] for a in articles for an in a.get("anomalies", []))
    assert all(kinds[kind] >= 3 for kind in ANOMALY_KINDS), kinds
    slots = Counter(c["slot"] for c in gold["contradictions"])
    assert len(slots) >= 6 and sum(n >= 2 for n in slots.values()) >= 5, slots
    assert {a["event"] for a in articles if a.get("event")} == {e["id"] for e in gold["events"]}


def test_the_hard_cases_are_recorded(gold):
    articles = gold["articles"]
    hows = {a["published_how"] for a in articles}
    assert {"metadata", "url", "text", "unknown"} <= hows
    assert any("date_conflict" in a.get("flags", []) for a in articles)
    assert any("self_declared_ai" in a.get("flags", []) for a in articles)
    assert sum(1 for a in articles if a.get("reprint_of")) >= 2
    assert any(a.get("rewrite_of") for a in articles)
    kinds = {q["kind"] for a in articles for q in a["quotes"]}
    assert kinds == QUOTE_KINDS
    assert any(q.get("speaker") is None for a in articles for q in a["quotes"])
    assert {an["kind"] for a in articles for an in a.get("anomalies", [])} == ANOMALY_KINDS
    assert len({c["slot"] for c in gold["contradictions"]}) >= 3
    # two events of the same kind, in the same place, months apart
    places = [e.get("place") for e in gold["events"] if e.get("place")]
    assert len(places) != len(set(places))


def _tamper_quote(g):
    a = next(a for a in g["articles"] if a["quotes"])
    a["quotes"][0]["text"] += " (words nobody said)"


def _tamper_record(g):
    a = next(a for a in g["articles"] if "#" in a["source"])
    a["source"] = a["source"].split("#")[0] + "#99"


def _tamper_event(g):
    g["articles"][0]["event"] = "E404"


def _tamper_date(g):
    g["events"][0]["date"] = "2026-02-30"


def _tamper_reprint(g):
    a = next(a for a in g["articles"] if a.get("reprint_of"))
    a["reprint_of"] = "txt/no-such-original.txt"


def _tamper_contradiction(g):
    g["contradictions"][0]["b"]["text"] = "a figure no outlet printed"


def _tamper_not_quote(g):
    a = next(a for a in g["articles"] if a.get("not_quotes"))
    a["not_quotes"].append("so-called 'phantom corridor'")


def _tamper_clause(g):
    q = next(q for a in g["articles"] for q in a["quotes"] if q.get("clause"))
    q["clause"] = q["clause"].replace(q["text"], "something else entirely")


def _tamper_anomaly(g):
    a = next(a for a in g["articles"] if a.get("anomalies"))
    a["anomalies"][0]["text"] = a["anomalies"][0]["text"].upper() + "!"


@pytest.mark.parametrize("tamper", [_tamper_quote, _tamper_record, _tamper_event, _tamper_date,
                                    _tamper_reprint, _tamper_contradiction, _tamper_not_quote,
                                    _tamper_clause, _tamper_anomaly])
def test_the_checker_notices_tampering(gold, corpus_dir, tamper):
    spoiled = copy.deepcopy(gold)
    tamper(spoiled)
    assert problems(spoiled, corpus_dir), f"{tamper.__name__} went unnoticed"
