"""Measure quotation and cited-source extraction against gold, beside textacy as the peer baseline.

Sets, each skipped with a note when absent:

- seeds: ``tests/gold/seeds.json`` (offsets into the raw seed files, so we match by quote text);
- corpus: ``samples/gold/corpus.json`` over ``samples/corpus``;
- polnear: PolNeAR dev (``eval/polnear.py``), scored by span overlap.

Run: ``.venv/bin/python eval/quotes_eval.py``. textacy's ``direct_quotations`` raising on a text
counts as missing every quote of that text.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear  # noqa: E402

from storyline import nlp  # noqa: E402
from storyline.quotes import extract_attributions  # noqa: E402

MARKS = "\"“”'‘’«»„"
DEBUG = "-v" in sys.argv


def _show(label, entry, pred, gold, p_src, g_src) -> None:
    """With -v: every gold item not matched and every prediction not matched."""
    name = entry.get("file") or entry.get("source")
    for s, t, k in gold:
        if not any(same_text(pt, t) and same_speaker(ps, s) for ps, pt in pred):
            print(f"  MISS [{label} {name}] {k:8} {s!r}: {norm(t)[:100]!r}")
    for ps, pt in pred:
        if not any(same_text(pt, t) and same_speaker(ps, s) for s, t, _ in gold):
            print(f"  EXTRA [{label} {name}] {ps!r}: {norm(pt)[:100]!r}")
    for _, n in g_src:
        if not any(same_text(n, pn) for _, pn in p_src):
            print(f"  MISS-SRC [{label} {name}] {n!r}")
    for _, n in p_src:
        if not any(same_text(n, gn) for _, gn in g_src):
            print(f"  EXTRA-SRC [{label} {name}] {n!r}")


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(text: str | None) -> str:
    """Text compared for matching: NFKC, no quotation marks, one space, no edge punctuation, lower."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if c in MARKS else c for c in text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:…—–-").lower()
    return text


def same_text(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.8 * len(long_)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Equal names, or equal last names (so a baseline's "Hawn" matches "Jeff Hawn")."""
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return not p and not g
    p = re.sub(r"^the ", "", p)
    g = re.sub(r"^the ", "", g)
    return p == g or p.split()[-1] == g.split()[-1]


def match_pairs(pred: list[tuple[str | None, str]], gold: list[tuple[str | None, str]], speaker: bool) -> int:
    """Greedy one-to-one matches of (speaker, text) pairs."""
    used: set[int] = set()
    tp = 0
    for ps, pt in pred:
        for i, (gs, gt) in enumerate(gold):
            if i in used or not same_text(pt, gt):
                continue
            if speaker and not same_speaker(ps, gs):
                continue
            used.add(i)
            tp += 1
            break
    return tp


def textacy_quotes(doc) -> list[tuple[str | None, str]] | None:
    """textacy's direct quotations as (speaker text, content); ``None`` when it raises."""
    from textacy.extract.triples import direct_quotations

    try:
        return [
            (" ".join(t.text for t in q.speaker) or None, q.content.text.strip(MARKS + " ,"))
            for q in direct_quotations(doc)
        ]
    except Exception:  # noqa: BLE001 - any failure of the baseline is a miss, not a crash
        return None


# --- the project gold sets (format read defensively: the files are written alongside) -------------


def _articles(data) -> Iterable[dict]:
    if isinstance(data, dict):
        if any(k in data for k in ("quotes", "cited_sources")):
            yield data
        for value in data.values():
            yield from _articles(value)
    elif isinstance(data, list):
        for value in data:
            yield from _articles(value)


def _clean(raw: str) -> str:
    try:
        from storyline.clean import clean
    except ImportError:
        return raw
    try:
        return clean(raw).text
    except Exception:  # noqa: BLE001 - fall back to the raw text rather than lose the set
        return raw


def _raw_text(entry: dict, dirs: list[Path]) -> str | None:
    for key in ("file", "path", "source", "name", "id"):
        value = entry.get(key)
        if not isinstance(value, str):
            continue
        for d in dirs:
            for cand in (d / value, d / Path(value).name):
                if cand.is_file():
                    return cand.read_text(encoding="utf-8")
            hits = sorted(d.glob(f"{Path(value).stem}*")) if d.is_dir() else []
            if len(hits) == 1:
                return hits[0].read_text(encoding="utf-8")
    return None


def _prepared_corpus(root: Path) -> dict[str, str]:
    """Cleaned texts of a sample corpus by source path relative to ``root`` (via the foundation's ingest)."""
    try:
        from storyline import settings
        from storyline.ingest import read_inputs
        from storyline.pipeline import prepare
        from storyline.records import Article
    except ImportError:
        return {}
    out: dict[str, str] = {}
    for raw in read_inputs([str(root)], settings.load()):
        if not hasattr(raw, "content"):
            continue
        article = prepare(raw)
        if isinstance(article, Article):
            src = article.source.replace("\\", "/")
            rel = src.split(str(root).rstrip("/") + "/", 1)[-1]
            out[rel] = article.text
    return out


def _span_text(item: dict, raw: str, field: str = "text") -> str:
    """An item's text: given in the gold, else its offsets into the raw file (seeds gold)."""
    if isinstance(item.get(field), str):
        return item[field]
    if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
        return raw[item["start"] : item["end"]]
    return ""


def _gold_quote(q: dict, raw: str) -> tuple[str | None, str, str]:
    return q.get("speaker"), _span_text(q, raw), q.get("kind") or "direct"


def eval_gold_set(label: str, path: Path, dirs: list[Path], rows: list, corpus_root: Path | None = None) -> None:
    if not path.is_file():
        print(f"[{label}] skipped: {path} not found")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    scores = {k: Score() for k in ("direct+speaker", "direct text", "quoted+speaker", "indirect+speaker", "sources", "textacy direct+speaker", "textacy direct text")}
    skipped = 0
    prepared = _prepared_corpus(corpus_root) if corpus_root is not None else None
    for entry in _articles(data):
        if prepared is not None:
            text = prepared.get(entry.get("source", ""))
            raw = text or ""
        else:
            raw = _raw_text(entry, dirs)
            text = _clean(raw) if raw is not None else None
        if text is None:
            skipped += 1
            continue
        doc = nlp.parse(text)
        ours = extract_attributions("gold", text, doc)
        gold = [_gold_quote(q, raw) for q in entry.get("quotes", [])]
        g_direct = [(s, t) for s, t, k in gold if k == "direct"]
        g_quoted = [(s, t) for s, t, k in gold if k in ("direct", "partial")]
        p_direct = [(q.speaker, q.text) for q in ours.quotes if q.kind == "direct"]
        p_quoted = [(q.speaker, q.text) for q in ours.quotes if q.kind in ("direct", "partial")]
        scores["direct+speaker"].add(match_pairs(p_direct, g_direct, True), len(p_direct), len(g_direct))
        scores["direct text"].add(match_pairs(p_direct, g_direct, False), len(p_direct), len(g_direct))
        scores["quoted+speaker"].add(match_pairs(p_quoted, g_quoted, True), len(p_quoted), len(g_quoted))
        g_src = [(None, c.get("name", "")) for c in entry.get("cited_sources", [])]
        g_ind = [(s, t) for s, t, k in gold if k == "indirect"]
        p_ind = [(q.speaker, q.text) for q in ours.quotes if q.kind == "indirect"]
        scores["indirect+speaker"].add(match_pairs(p_ind, g_ind, True), len(p_ind), len(g_ind))

        p_src = [(None, c.name) for c in ours.cited_sources]
        scores["sources"].add(match_pairs(p_src, g_src, False), len(p_src), len(g_src))
        if DEBUG:
            _show(label, entry, p_quoted + p_ind, gold, p_src, g_src)
        base = textacy_quotes(doc) or []
        scores["textacy direct+speaker"].add(match_pairs(base, g_direct, True), len(base), len(g_direct))
        scores["textacy direct text"].add(match_pairs(base, g_direct, False), len(base), len(g_direct))
    if skipped:
        print(f"[{label}] {skipped} gold entries without a readable article text were skipped")
    for name, sc in scores.items():
        rows.append((label, name, sc))


# --- PolNeAR --------------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> float:
    spans = list(spans)
    if not spans:
        return 0.0
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    inter = max(0, min(a[1], hi) - max(a[0], lo))
    shorter = min(a[1] - a[0], hi - lo)
    return inter / shorter if shorter > 0 else 0.0


def _hits_source(span: tuple[int, int] | None, sources: Iterable[tuple[int, int]]) -> bool:
    if span is None or span[0] is None:
        return False
    return any(span[0] < e and s < span[1] for s, e in sources)


def score_spans(pred: list[tuple[tuple[int, int], tuple[int, int] | None]], gold: list[polnear.GoldAttribution], content: Score, speaker: Score) -> None:
    used: set[int] = set()
    used_sp: set[int] = set()
    tp = tp_sp = 0
    for span, sp in pred:
        for i, g in enumerate(gold):
            if i not in used and _overlap(span, g.content) >= 0.5:
                used.add(i)
                tp += 1
                if _hits_source(sp, g.source):
                    tp_sp += 1
                    used_sp.add(i)
                break
    content.add(tp, len(pred), len(gold))
    speaker.add(tp_sp, len(pred), len(gold))


def eval_polnear(rows: list) -> None:
    root = SHARED / "data" / "polnear-dev"
    if not root.is_dir():
        print(f"[polnear] skipped: {root} not found")
        return
    names = ("direct", "direct+speaker", "indirect", "indirect+speaker", "textacy direct", "textacy direct+speaker")
    sc = {k: Score() for k in names}
    failures = 0
    for gd in polnear.load(root):
        doc = nlp.parse(gd.text)
        ours = extract_attributions(gd.name, gd.text, doc)
        g_dir = [a for a in gd.attributions if a.direct]
        g_ind = [a for a in gd.attributions if not a.direct]
        p_dir = [((q.start, q.end), (q.speaker_start, q.speaker_end)) for q in ours.quotes if q.kind == "direct"]
        p_ind = [((q.start, q.end), (q.speaker_start, q.speaker_end)) for q in ours.quotes if q.kind == "indirect"]
        score_spans(p_dir, g_dir, sc["direct"], sc["direct+speaker"])
        score_spans(p_ind, g_ind, sc["indirect"], sc["indirect+speaker"])
        from textacy.extract.triples import direct_quotations

        try:
            base = [
                ((q.content.start_char, q.content.end_char), (q.speaker[0].idx, q.speaker[-1].idx + len(q.speaker[-1])) if q.speaker else None)
                for q in direct_quotations(doc)
            ]
        except Exception:  # noqa: BLE001 - a crash of the baseline counts as misses
            failures += 1
            base = []
        score_spans(base, g_dir, sc["textacy direct"], sc["textacy direct+speaker"])
    if failures:
        print(f"[polnear] textacy raised on {failures} texts (counted as misses)")
    for name in names:
        rows.append(("polnear", name, sc[name]))


def main() -> None:
    rows: list[tuple[str, str, Score]] = []
    started = time.perf_counter()
    nlp.load()
    eval_gold_set("seeds", ROOT / "tests" / "gold" / "seeds.json", [SHARED / "samples" / "seeds"], rows)
    eval_gold_set("corpus", ROOT / "samples" / "gold" / "corpus.json", [], rows, corpus_root=ROOT / "samples" / "corpus")
    if "--no-polnear" not in sys.argv:
        eval_polnear(rows)
    print(f"\n{'set':<8} {'measure':<26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
    for label, name, sc in rows:
        p, r, f = sc.prf()
        print(f"{label:<8} {name:<26} {p:6.3f} {r:6.3f} {f:6.3f} {sc.tp:5d} {sc.pred:5d} {sc.gold:5d}")
    print(f"\n{time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
