"""Measure what ``describe`` and ``clean`` establish per article against the two gold sets.

- corpus: ``samples/gold/corpus.json`` over ``samples/corpus`` (22 invented articles, every format);
- seeds: ``tests/gold/seeds.json`` over ``../shared/samples/seeds`` (five real scraped texts),
  skipped with a note when the seeds are not beside the project.

Each article goes through the real ``read_inputs`` and ``prepare``. Fields scored: title, outlet,
author, published (exact day; within ``NEAR_DAYS``; for the seeds, inside the gold's
``published_range`` when the gold date is null), published_how, the flags describe and clean own,
and junk (recall of the gold's junk kinds, and removed items of a kind the gold does not list).

Run: ``.venv/bin/python eval/describe_eval.py [--misses]``. ``tests/test_describe_gate.py``
imports ``score_set`` from here, so the scoring exists once.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT.parent / "shared" / "samples" / "seeds"
CORPUS_DIR = ROOT / "samples" / "corpus"
CORPUS_GOLD = ROOT / "samples" / "gold" / "corpus.json"
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds.json"
sys.path.insert(0, str(ROOT / "src"))

NEAR_DAYS = 3
FIELDS = (
    "title", "outlet", "author", "published", "published_near", "published_range",
    "published_how", "flags", "junk_recall",
)
# Flags decided per article by clean and describe; "reprint" and "ai_suspected" belong to
# later, cross-article stages and are not scored here.
OWN_FLAGS = frozenset({"self_declared_ai", "date_conflict"})
# Gold junk kinds (both gold sets use their own words) and the Removed kinds that satisfy them.
JUNK_KINDS: dict[str, frozenset[str]] = {
    gold: frozenset(ours.split())
    for gold, ours in {
        "repeated_title": "repeated_title",
        "byline_bar": "byline_bar",
        "byline": "byline",
        "agency_credit_line": "byline",
        "share_bar": "share_bar",
        "tag_list": "tag_list",
        "tag_links": "tag_list",
        "comment_count": "comment_form byline_bar",
        "comment_form": "comment_form",
        "comments": "comment_form",
        "donation": "donation",
        "donation_block": "donation",
        "footer": "footer",
        "contact_footer": "footer",
        "feed_footer": "footer",
        "newsletter_footer": "footer",
        "recent_posts": "footer",
        "related_links": "footer",
        "promo_line": "footer",
        "channel_promo": "footer",
        "newsletter_signup": "footer",
        "read_more": "read_more",
        "signature": "signature",
        "bot_signature": "signature",
        "signoff": "signature",
        "caption": "caption",
        "photo_caption": "caption",
        "credit": "credit caption",
        "image_credit": "credit caption",
        "ai_disclaimer": "ai_disclaimer",
        "newsletter_masthead": "masthead",
        "inline_heading": "inline_heading",
    }.items()
}
# Page furniture an HTML extractor drops before cleaning sees the text (trafilatura also drops
# <figure> captions and credits): nothing records it, so it is counted as unscored.
PAGE_FURNITURE = frozenset(
    "cookie_banner nav breadcrumbs ad_slot related_links footer comments comment_form "
    "newsletter_signup share_bar tag_links photo_caption image_credit".split()
)
# Line breaks are rejoined, not removed; the seeds gold gives their offsets, so we check the join.
LINE_BREAKS = frozenset({"broken_line", "link_line_break"})

_QUOTES = str.maketrans("‘’‚‛“”„‟«»", "''''\"\"\"\"\"\"")


@dataclass
class Report:
    """Per-field hits and totals for one gold set, with the misses spelled out."""

    label: str
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    extra_junk: int = 0
    unscored_junk: int = 0
    misses: list[str] = field(default_factory=list)

    def score(self, name: str, ok: bool, article: str, detail: str, n: int = 1, hit: int | None = None) -> None:
        self.totals[name] += n
        self.hits[name] += (n if ok else 0) if hit is None else hit
        if not ok:
            self.misses.append(f"[{self.label}] {article}: {name}: {detail}")

    def accuracy(self, name: str) -> float | None:
        return self.hits[name] / self.totals[name] if self.totals[name] else None


def norm_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFKC", value).translate(_QUOTES)
    return " ".join(value.split())


def norm_name(value: str | None) -> str | None:
    """Outlets and authors: case, a leading "The" and punctuation do not count."""
    if value is None:
        return None
    value = re.sub(r"^the\s+", "", norm_text(value).casefold())
    return re.sub(r"[\W_]+", "", value) or None


def _days(a: str | None, b: str | None) -> int | None:
    if a is None or b is None:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def score_article(report: Report, name: str, gold: dict, art, raw_text: str | None = None) -> None:
    """Score one described article against its gold entry."""
    title = norm_text(art.title)
    report.score("title", title == norm_text(gold["title"]), name, f"{art.title!r} != {gold['title']!r}")
    for key in ("outlet", "author"):
        ours = getattr(art, key)
        report.score(key, norm_name(ours) == norm_name(gold[key]), name,
                     f"{ours!r} ({getattr(art, key + '_how')}) != {gold[key]!r}")
    want, got = gold["published"], art.published
    how = f"{got} ({art.published_how}) != {want} ({gold['published_how']})"
    report.score("published", got == want, name, how)
    days = _days(got, want)
    report.score("published_near", got == want or (days is not None and days <= NEAR_DAYS), name, how)
    if want is None and gold.get("published_range"):
        lo, hi = gold["published_range"]
        inside = got is not None and lo <= got <= hi
        report.score("published_range", inside, name, f"{got} not in {lo}..{hi}")
    report.score("published_how", art.published_how == gold["published_how"], name, how)
    ours_flags = set(art.flags) & OWN_FLAGS
    want_flags = set(gold.get("flags", ())) & OWN_FLAGS
    report.score("flags", ours_flags == want_flags, name, f"{sorted(ours_flags)} != {sorted(want_flags)}")
    _score_junk(report, name, gold, art, raw_text)


def _score_junk(report: Report, name: str, gold: dict, art, raw_text: str | None) -> None:
    html = name.endswith(".html") or "jsonl#2" in name
    removed = [r.kind for r in art.removed]
    gold_kinds: list[str] = []
    for item in gold.get("junk", ()):
        kind = item if isinstance(item, str) else item["kind"]
        if kind in LINE_BREAKS and isinstance(item, dict) and raw_text is not None:
            joined = _rejoined(raw_text, item["start"], item["end"], art.text)
            report.score("junk_recall", joined, name, f"line break at {item['start']} not rejoined")
            continue
        if (kind in LINE_BREAKS or (html and kind in PAGE_FURNITURE)) and kind not in removed:
            report.unscored_junk += 1
            continue
        gold_kinds.append(kind)
    wanted = set()
    for kind in dict.fromkeys(gold_kinds):
        accepted = JUNK_KINDS.get(kind, frozenset({kind}))
        wanted |= accepted
        report.score("junk_recall", bool(accepted & set(removed)), name, f"gold junk {kind!r} not removed")
    allowed = wanted | {k for g in gold.get("junk", ()) for k in JUNK_KINDS.get(g if isinstance(g, str) else g["kind"], ())}
    for r in art.removed:
        if r.kind not in allowed:
            report.extra_junk += 1
            report.misses.append(f"[{report.label}] {name}: junk_extra: {r.kind}: {norm_text(r.text)[:80]!r}")


def _rejoined(raw: str, start: int, end: int, cleaned: str) -> bool:
    """Whether the words either side of a broken line now stand joined by one space."""
    before = raw[:start].split()[-2:]
    after = raw[end:].split()[:2]
    return " ".join(before + after) in " ".join(cleaned.split())


def _prepare_all(paths: list[str]) -> dict[str, object]:
    from storyline import settings
    from storyline.ingest import read_inputs
    from storyline.pipeline import prepare

    out = {}
    for raw in read_inputs(paths, settings.load()):
        if hasattr(raw, "content"):
            out[raw.source.replace("\\", "/")] = prepare(raw)
    return out


def score_set(label: str, corpus_dir: Path | None = None, seeds_dir: Path | None = None) -> Report | None:
    """Score the "corpus" or "seeds" gold set; None when its inputs are absent."""
    report = Report(label)
    if label == "corpus":
        root = Path(corpus_dir or CORPUS_DIR)
        gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
        articles = _prepare_all([str(root)])
        prefix = str(root).replace("\\", "/").rstrip("/") + "/"
        by_rel = {src.split(prefix, 1)[-1]: art for src, art in articles.items()}
        for entry in gold["articles"]:
            art = by_rel.get(entry["source"])
            if art is None or not hasattr(art, "title"):
                report.misses.append(f"[corpus] {entry['source']}: not prepared: {art!r}")
                continue
            score_article(report, entry["source"], entry, art)
        return report
    root = Path(seeds_dir or SEEDS_DIR)
    if not root.is_dir():
        return None
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    for entry in gold["articles"]:
        path = root / entry["file"]
        art = next(iter(_prepare_all([str(path)]).values()))
        if not hasattr(art, "title"):
            report.misses.append(f"[seeds] {entry['file']}: not prepared: {art!r}")
            continue
        score_article(report, entry["file"][:3], entry, art, path.read_text(encoding="utf-8"))
    return report


def table(reports: list[Report]) -> str:
    lines = [f"{'field':16}" + "".join(f"{r.label:>16}" for r in reports)]
    for name in FIELDS:
        cells = []
        for r in reports:
            acc = r.accuracy(name)
            cells.append(f"{'-':>16}" if acc is None else f"{acc:>8.2f} {r.hits[name]:>3}/{r.totals[name]:<3}")
        lines.append(f"{name:16}" + "".join(cells))
    lines.append(f"{'junk_extra':16}" + "".join(f"{r.extra_junk:>16}" for r in reports))
    lines.append(f"{'junk_unscored':16}" + "".join(f"{r.unscored_junk:>16}" for r in reports))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    reports = [r for r in (score_set("corpus"), score_set("seeds")) if r is not None]
    if len(reports) < 2:
        print(f"seeds skipped: {SEEDS_DIR} not found")
    print(table(reports))
    if "--misses" in argv:
        for r in reports:
            print()
            print("\n".join(r.misses))


if __name__ == "__main__":
    main(sys.argv[1:])
