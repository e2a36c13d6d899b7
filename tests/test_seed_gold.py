"""Integrity of the hand-made gold for the five real seeds (tests/gold/seeds.json).

The gold holds offsets, never seed text. These tests catch drift (a seed or an offset changed),
malformed items, and copied text; ``test_checker_catches_*`` prove the checker can fail.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import pytest

_spec = spec_from_file_location("seeds_view", Path(__file__).parent / "gold" / "seeds_view.py")
view = module_from_spec(_spec)
_spec.loader.exec_module(view)

OPEN_MARKS = "“\"‘'"
CLOSE_MARKS = "”\"’'"
QUOTE_MARKS = set("“”\"‘’")
JUNK_KINDS = {"repeated_title", "byline_bar", "byline", "share_bar", "tag_list", "comment_form", "donation",
              "footer", "read_more", "signature", "caption", "credit", "ai_disclaimer", "broken_line",
              "inline_heading"}
ANOMALY_KINDS = {"stale_office", "past_event_upcoming", "anachronism", "stale_fact"}
QUOTE_KINDS = {"direct", "indirect", "partial"}
FLAGS = {"self_declared_ai", "ai_suspected", "reprint"}
HOW = {"text", "inferred", "unknown", "metadata", "url"}
# string fields that may legitimately repeat words of a seed (headlines, names of people and bodies)
NAME_FIELDS = {"title", "name", "org", "speaker", "role", "original_outlet", "byline_name", "outlet"}
COPY_NGRAM = 6
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _strings(node, key=None):
    """(field, string) for every string value in the gold, recursively."""
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)


def _ngrams(text: str, n: int = COPY_NGRAM) -> set[tuple[str, ...]]:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def problems(gold: dict, seeds_dir: Path) -> list[str]:
    """Every integrity problem of a gold document, as readable strings (empty = fine)."""
    out: list[str] = []
    texts: dict[str, str] = {}

    def span_ok(where: str, item: dict, name: str) -> str | None:
        text = texts.get(name)
        if text is None:
            path = seeds_dir / name
            if not path.is_file():
                out.append(f"{where}: seed file {name} not found")
                return None
            text = texts[name] = path.read_text(encoding="utf-8")
        s, e = item.get("start"), item.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            out.append(f"{where}: span {s}:{e} outside {name} (len {len(text)})")
            return None
        piece = text[s:e]
        if view.span_sha(piece) != item.get("sha"):
            out.append(f"{where}: sha mismatch at {s}:{e} ({view.span_sha(piece)} != {item.get('sha')})")
            return None
        return piece

    events = {ev.get("id"): ev for ev in gold.get("events", [])}
    if len(events) != len(gold.get("events", [])):
        out.append("events: duplicate ids")
    for eid, ev in events.items():
        d = _date(ev.get("date"))
        if d is None:
            out.append(f"event {eid}: bad date {ev.get('date')!r}")
        if ev.get("date_end") is not None and (_date(ev["date_end"]) is None or (d and _date(ev["date_end"]) < d)):
            out.append(f"event {eid}: bad date_end {ev.get('date_end')!r}")
        if not ev.get("label") or not ev.get("evidence"):
            out.append(f"event {eid}: label and evidence required")

    anomaly_kinds: set[str] = set()
    for art in gold.get("articles", []):
        name = art.get("file", "?")
        w = name[:3]
        if not (art.get("title") or "").strip():
            out.append(f"{w}: no title")
        ev = art.get("event")
        if ev is None:
            if not (art.get("event_evidence") or art.get("no_event_reason")):
                out.append(f"{w}: event is null without a stated reason")
        elif ev not in events:
            out.append(f"{w}: event {ev!r} not defined")
        elif art.get("event_date") not in (None, events[ev]["date"]):
            out.append(f"{w}: event_date {art.get('event_date')} differs from {ev}'s date")
        for other in art.get("events_conflated", []):
            if other not in events:
                out.append(f"{w}: conflated event {other!r} not defined")
        # dates
        how = art.get("published_how")
        if how not in HOW:
            out.append(f"{w}: published_how {how!r}")
        rng = art.get("published_range")
        lo, hi = (_date(rng[0]), _date(rng[1])) if isinstance(rng, list) and len(rng) == 2 else (None, None)
        if lo is None or hi is None or lo > hi:
            out.append(f"{w}: bad published_range {rng!r}")
        pub = art.get("published")
        if pub is not None:
            p = _date(pub)
            if p is None:
                out.append(f"{w}: bad published {pub!r}")
            elif lo and hi and not lo <= p <= hi:
                out.append(f"{w}: published {pub} outside its range")
        elif how == "text":
            out.append(f"{w}: published_how text but no date")
        if not art.get("published_evidence"):
            out.append(f"{w}: published_evidence missing")
        if not set(art.get("flags", [])) <= FLAGS:
            out.append(f"{w}: unknown flags {art.get('flags')}")
        if ("reprint" in art.get("flags", [])) != bool(art.get("reprint_of")):
            out.append(f"{w}: reprint flag and reprint_of disagree")
        # spans
        for key in view.SPAN_LISTS:
            for i, item in enumerate(art.get(key, [])):
                where = f"{w}.{key}[{i}]"
                piece = span_ok(where, item, name)
                if piece is None:
                    continue
                if key == "junk":
                    if item.get("kind") not in JUNK_KINDS:
                        out.append(f"{where}: junk kind {item.get('kind')!r}")
                    if item.get("kind") == "broken_line" and piece.strip("\n") != "":
                        out.append(f"{where}: broken_line span must cover only newlines")
                elif key == "quotes":
                    if item.get("kind") not in QUOTE_KINDS:
                        out.append(f"{where}: quote kind {item.get('kind')!r}")
                    if piece[0] in QUOTE_MARKS or piece[-1] in QUOTE_MARKS:
                        out.append(f"{where}: quote span includes a quote mark")
                    if piece != piece.strip():
                        out.append(f"{where}: quote span has outer whitespace")
                    if item.get("kind") in ("direct", "partial"):
                        text = texts[name]
                        before = text[item["start"] - 1] if item["start"] else ""
                        after = text[item["end"]] if item["end"] < len(text) else ""
                        if before not in OPEN_MARKS or after not in CLOSE_MARKS:
                            out.append(f"{where}: direct/partial span is not exactly between quote marks")
                    if not item.get("speaker_mention") or not item.get("cue"):
                        out.append(f"{where}: speaker_mention and cue required")
                elif key == "cited_sources":
                    if not item.get("name") or not item.get("cue"):
                        out.append(f"{where}: name and cue required")
                elif key in ("not_quotes", "not_sources"):
                    if not item.get("why"):
                        out.append(f"{where}: why required")
                elif key == "anomalies":
                    anomaly_kinds.add(item.get("kind"))
                    if item.get("kind") not in ANOMALY_KINDS:
                        out.append(f"{where}: anomaly kind {item.get('kind')!r}")
                    if not item.get("reason"):
                        out.append(f"{where}: reason required")
                elif key == "claims":
                    if not item.get("slot") or not item.get("value"):
                        out.append(f"{where}: slot and value required")
        # quotes must not sit inside removed junk (line breaks excepted: the cleaner rejoins them)
        junk = [(j["start"], j["end"]) for j in art.get("junk", []) if j.get("kind") != "broken_line"]
        for i, q in enumerate(art.get("quotes", [])):
            if any(q["start"] < e and s < q["end"] for s, e in junk):
                out.append(f"{w}.quotes[{i}]: overlaps a junk span")

    for i, con in enumerate(gold.get("contradictions", [])):
        if not con.get("slot") or not con.get("reason"):
            out.append(f"contradictions[{i}]: slot and reason required")
        for side in ("a", "b"):
            ref = con.get(side) or {}
            span_ok(f"contradictions[{i}].{side}", ref, ref.get("file", "?"))

    for kind in ("stale_office", "past_event_upcoming"):
        if kind not in anomaly_kinds:
            out.append(f"no anomaly of kind {kind}")

    # copyright guard: no run of COPY_NGRAM words from a seed in any free-text field
    seed_grams: set = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        seed_grams |= _ngrams(path.read_text(encoding="utf-8"))
    for field, value in _strings(gold):
        if field in NAME_FIELDS:
            continue
        shared = _ngrams(value) & seed_grams
        if shared:
            out.append(f"field {field!r} repeats seed text: {' '.join(sorted(shared)[0])!r}")
    return out


@pytest.fixture(scope="module")
def gold() -> dict:
    return view.load_raw()


def test_gold_covers_every_seed(gold, seeds_dir):
    files = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert sorted(a["file"] for a in gold["articles"]) == files


def test_gold_has_no_problems(gold, seeds_dir):
    assert problems(gold, seeds_dir) == []


def test_spans_resolve(seeds_dir):
    resolved = view.load_seed_gold(seeds_dir)
    arts = view.by_file(resolved)
    assert all(q["text"] for a in arts.values() for q in a["quotes"])
    # at least four distinct events, and the reprint points at its original outlet
    assert len({a["event"] for a in arts.values()} | {e for a in arts.values() for e in a.get("events_conflated", [])}) >= 4
    assert any(a.get("reprint_of") for a in arts.values())
    # every speaker named in a direct quote is a full name
    for a in arts.values():
        for q in a["quotes"]:
            if q["kind"] == "direct":
                assert q["speaker"] and " " in q["speaker"], q


def _first(gold, key, pred=lambda item: True):
    for art in gold["articles"]:
        for item in art[key]:
            if pred(item):
                return item
    raise AssertionError(f"no {key} item to corrupt")


def test_checker_catches_drift(gold, seeds_dir):
    bad = copy.deepcopy(gold)
    _first(bad, "quotes")["end"] += 1
    assert any("sha mismatch" in p for p in problems(bad, seeds_dir))


def test_checker_catches_marks_in_quote(gold, seeds_dir):
    bad = copy.deepcopy(gold)
    q = _first(bad, "quotes", lambda q: q["kind"] == "direct")
    text = (seeds_dir / next(a["file"] for a in bad["articles"] if q in a["quotes"])).read_text(encoding="utf-8")
    q["start"] -= 1
    q["sha"] = view.span_sha(text[q["start"]:q["end"]])
    assert any("quote mark" in p for p in problems(bad, seeds_dir))


def test_checker_catches_undefined_event_bad_date_and_missing_anomaly(gold, seeds_dir):
    bad = copy.deepcopy(gold)
    bad["articles"][0]["event"] = "S99"
    bad["events"][0]["date"] = "2025-02-30"
    for art in bad["articles"]:
        art["anomalies"] = [a for a in art["anomalies"] if a["kind"] != "stale_office"]
    found = problems(bad, seeds_dir)
    assert any("not defined" in p for p in found)
    assert any("bad date" in p for p in found)
    assert any("stale_office" in p for p in found)


def test_checker_catches_copied_text(gold, seeds_dir):
    bad = copy.deepcopy(gold)
    first = bad["articles"][0]
    text = (seeds_dir / first["file"]).read_text(encoding="utf-8")
    q = max(first["quotes"], key=lambda q: q["end"] - q["start"])
    q["why_copied"] = text[q["start"]:q["end"]]
    assert any("repeats seed text" in p for p in problems(bad, seeds_dir))
