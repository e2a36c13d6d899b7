"""Measure contradictions and stale/anachronistic statements against the gold.

    python eval/verify_eval.py [--only corpus|seeds] [--ecb]

Sets: the sample corpus (samples/gold/corpus.json) and the five real seeds (tests/gold/seeds.json,
spans resolved with tests/gold/seeds_view.py). Claims' statuses and independent sources are scored
against samples/gold/verify_claims.json and the seeds' claims that carry a status: a gold claim is found when a listed claim
has a span in its article overlapping its text, and right when the status (and, where the gold
gives one, the number of independent sources) is the same; accuracy is over all gold claims. Each set runs the whole pipeline on an in-memory
store, then the verify stage. A found item is a hit when its article is the gold's and its text
overlaps the gold fragment (one contains the other, or half their words are shared); a
contradiction needs both ends, each matched by its named span or any further span of its side. Anomalies are scored only over the kinds the set's gold annotates.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "samples" / "seeds"
CORPUS = ROOT / "samples" / "corpus"
CORPUS_GOLD = ROOT / "samples" / "gold" / "corpus.json"
CLAIMS_GOLD = ROOT / "samples" / "gold" / "verify_claims.json"
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev" / "ecbplus_dev_docs.jsonl"
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def overlaps(found: str, gold: str) -> bool:
    """Whether a found span and a gold fragment are the same piece of text."""
    a, b = _norm(found), _norm(gold)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    return len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def prf(tp_found: int, found: int, tp_gold: int, gold: int) -> dict[str, float]:
    p = tp_found / found if found else 1.0
    r = tp_gold / gold if gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "found": found, "gold": gold}


def _run(inputs: list[Path]) -> tuple[list[Any], dict[str, Any]]:
    from storyline import pipeline, settings
    from storyline.store import Store
    from storyline.verify import verify_corpus

    store = Store.open(":memory:")
    pipeline.ingest([str(p) for p in inputs], store, settings.load())
    pipeline.analyse(store)
    articles = list(store.articles())
    return articles, verify_corpus(articles, store)


def _seeds_view():
    spec = importlib.util.spec_from_file_location("seeds_view", ROOT / "tests" / "gold" / "seeds_view.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_items(label: str) -> tuple[list[Path], list[dict[str, Any]], list[dict[str, Any]]]:
    """Inputs, gold anomalies {source, kind, text} and gold contradictions {a: {source, text}, b}."""
    if label == "seeds":
        gold = _seeds_view().load_seed_gold()
        anomalies = [{"source": art["file"], "kind": a["kind"], "text": a["text"]}
                     for art in gold["articles"] for a in art.get("anomalies", [])]
        contradictions = [{side: {"source": c[side]["file"], "text": c[side]["text"]} for side in "ab"} | {"slot": c["slot"]}
                          for c in gold["contradictions"]]
        return sorted(SEEDS.glob("*.txt")), anomalies, contradictions
    import json

    gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
    anomalies = [{"source": art["source"], "kind": a["kind"], "text": a["text"]}
                 for art in gold["articles"] for a in art.get("anomalies", [])]
    contradictions = [{side: {"source": c[side]["source"], "text": c[side]["text"]} for side in "ab"} | {"slot": c["slot"]}
                      for c in gold["contradictions"]]
    return [CORPUS], anomalies, contradictions


def _is(article: Any, source: str) -> bool:
    return article.source.replace("\\", "/").endswith(source)


@lru_cache(maxsize=2)
def score_gold_set(label: str) -> dict[str, dict[str, float]]:
    """{"contradictions": prf, "anomalies": prf, "<kind>": prf, ...} for one gold set."""
    inputs, gold_anomalies, gold_contradictions = gold_items(label)
    articles, out = _run(inputs)
    by_id = {a.id: a for a in articles}

    def span(item: dict[str, Any]) -> tuple[Any, str]:
        article = by_id[item["article"]]
        return article, article.text[item["start"]:item["end"]]

    def same(item: dict[str, Any], gold: dict[str, Any]) -> bool:
        article, text = span(item)
        return _is(article, gold["source"]) and overlaps(text, gold["text"])

    found_con = [a for a in out["anomalies"] if a["kind"] == "contradiction"]

    def con_hit(item: dict[str, Any], gold: dict[str, Any]) -> bool:
        # Either side may be carried by several spans (the same figure in two articles): any one will do.
        a = [item] + [e for e in item.get("evidence", []) if e.get("side") == "a"]
        b = [item["other"]] + [e for e in item.get("evidence", []) if e.get("side") == "b"]

        def holds(spans: list[dict[str, Any]], end: dict[str, Any]) -> bool:
            return any(same(span, end) for span in spans)

        return (holds(a, gold["a"]) and holds(b, gold["b"])) or (holds(a, gold["b"]) and holds(b, gold["a"]))

    scores = {"contradictions": prf(sum(any(con_hit(f, g) for g in gold_contradictions) for f in found_con), len(found_con),
                                    sum(any(con_hit(f, g) for f in found_con) for g in gold_contradictions),
                                    len(gold_contradictions))}
    kinds = sorted({g["kind"] for g in gold_anomalies})
    found_an = [a for a in out["anomalies"] if a["kind"] in kinds]

    def an_hit(item: dict[str, Any], gold: dict[str, Any]) -> bool:
        return item["kind"] == gold["kind"] and same(item, gold)

    scores["anomalies"] = prf(sum(any(an_hit(f, g) for g in gold_anomalies) for f in found_an), len(found_an),
                              sum(any(an_hit(f, g) for f in found_an) for g in gold_anomalies), len(gold_anomalies))
    for kind in kinds:
        fk = [a for a in found_an if a["kind"] == kind]
        gk = [g for g in gold_anomalies if g["kind"] == kind]
        scores[kind] = prf(sum(any(an_hit(f, g) for g in gk) for f in fk), len(fk),
                           sum(any(an_hit(f, g) for f in fk) for g in gk), len(gk))
    scores["claims"] = score_claims(articles, out["claims"], gold_claims(label))
    return scores


def gold_claims(label: str) -> list[dict[str, Any]]:
    """Claims with a status in the set's gold: {source, text, status, independent_sources}."""
    import json

    if label == "seeds":
        return [{"source": art["file"], "text": c["text"], "status": c["status"],
                 "independent_sources": c["independent_sources"]}
                for art in _seeds_view().load_seed_gold()["articles"] for c in art.get("claims", []) if c.get("status")]
    return json.loads(CLAIMS_GOLD.read_text(encoding="utf-8"))["claims"]


def _fit(found: str, gold: str) -> tuple[bool, float]:
    """Sort key: how well a found span fits a gold fragment (smaller is better)."""
    a, b = _norm(found), _norm(gold)
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    return not (a in b or b in a), -len(wa & wb) / max(len(wa | wb), 1)


def score_claims(articles: list[Any], claims: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Found, status and independent-source accuracy of the listed claims against the claims gold."""
    by_id = {a.id: a for a in articles}
    found = status = sources = counted = 0
    for g in gold:
        spans = [(c, by_id[e["article"]].text[e["start"]:e["end"]]) for c in claims for e in c.get("evidence", [])
                 if _is(by_id[e["article"]], g["source"])]
        # The claim whose span fits the gold text best: one containing the other, then most words shared.
        matches = [c for c, _ in sorted(((c, t) for c, t in spans if overlaps(t, g["text"])), key=lambda x: _fit(x[1], g["text"]))]
        if g["independent_sources"] is not None:
            counted += 1
        if not matches:
            continue
        found += 1
        claim = matches[0]
        status += claim["status"] == g["status"]
        if g["independent_sources"] is not None:
            sources += claim["independent_sources"] == g["independent_sources"]
    n = len(gold)
    return {"found": found, "gold": n, "status_right": status, "sources_right": sources, "sources_gold": counted,
            "status_accuracy": status / n if n else 1.0, "sources_accuracy": sources / counted if counted else 1.0}


def ecb_listing(path: Path = ECB) -> int:
    """Print every contradiction found within ECB+ seminal events; return how many."""
    import json

    from storyline.verify.claims import extract_claims
    from storyline.verify.contradictions import Context, slot_contradictions

    if not path.is_file():
        print(f"ECB+: skipped, {path} not found")
        return 0
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = {d["doc_id"]: d["text"] for d in docs}
    claims = [c for d in docs for c in extract_claims(d["doc_id"], d["text"])]
    found = slot_contradictions(claims, Context({}, {d["doc_id"]: d["seminal_event"] for d in docs}, {}))

    def line(span: dict[str, Any]) -> str:
        text = texts[span["article"]]
        start = text.rfind("\n", 0, span["start"]) + 1
        end = text.find("\n", span["end"])
        return f"{span['article']}: " + " ".join(text[start:end if end >= 0 else len(text)].split())[:200]

    print(f"ECB+ dev: {len(docs)} documents, {len(claims)} claims, {len(found)} contradictions (read them):")
    for item in found:
        print(f"  {item['slot']}\n    {line(item)}\n    {line(item['other'])}")
    return len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("corpus", "seeds"))
    parser.add_argument("--ecb", action="store_true", help="list the contradictions found in ECB+ dev, to read")
    args = parser.parse_args(argv)
    if args.ecb:
        ecb_listing()
        return 0
    for label in ([args.only] if args.only else ["corpus", "seeds"]):
        if label == "seeds" and not SEEDS.exists():
            print(f"seeds: skipped, {SEEDS} not found")
            continue
        print(f"{label}:")
        for name, s in score_gold_set(label).items():
            if name == "claims":
                print(f"  {name:22} found {s['found']}/{s['gold']}  status right {s['status_right']}/{s['gold']}"
                      f" ({s['status_accuracy']:.3f})  independent sources right {s['sources_right']}/{s['sources_gold']}"
                      f" ({s['sources_accuracy']:.3f})")
                continue
            print(f"  {name:22} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                  f"  (found {s['found']}, gold {s['gold']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
