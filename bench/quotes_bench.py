"""How much attribution costs on top of spaCy's parse, on the seeds and PolNeAR dev texts.

Run: ``.venv/bin/python bench/quotes_bench.py``. Prints parse time, parse + attribution time and
the overhead of attribution in percent (goal: at most 25%).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from storyline import nlp  # noqa: E402
from storyline.quotes import extract_attributions  # noqa: E402


def texts() -> list[str]:
    paths = sorted((SHARED / "samples" / "seeds").glob("*.txt"))
    paths += sorted((SHARED / "data" / "polnear-dev" / "text").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    corpus = texts()
    model = nlp.load()
    nlp.parse(corpus[0], model)  # warm up
    t0 = time.perf_counter()
    docs = [nlp.parse(t, model) for t in corpus]
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i, (text, doc) in enumerate(zip(corpus, docs)):
        extract_attributions(str(i), text, doc)
    extract = time.perf_counter() - t0
    words = sum(len(t.split()) for t in corpus)
    print(f"{len(corpus)} texts, {words} words")
    print(f"parse only            {parse:7.2f}s  ({words / parse:,.0f} words/s)")
    print(f"parse + attribution   {parse + extract:7.2f}s  ({words / (parse + extract):,.0f} words/s)")
    print(f"attribution overhead  {100 * extract / parse:6.1f}%")


if __name__ == "__main__":
    main()
