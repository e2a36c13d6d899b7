"""Time of the verify stage (claims, corroboration, contradictions, staleness) on synthetic corpora.

    python bench/verify_bench.py [SIZES...]      (default: 100 1000)

Two shapes per size: that many reprints of one article (one source, nothing to contradict), and
that many distinct articles over a handful of events, each stating counts, a ceasefire's length,
a war's age and an office holder, with a few figures disagreeing.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from storyline.profile import Actor, Office, Profile
from storyline.records import Article
from storyline.verify import verify_articles

PROFILE = Profile("bench", "bench.yaml", actors=(
    Actor("Ada Brun", "person", aliases=("Brun",), offices=(Office("foreign minister", "Norland", "2020-01-01", "2024-03-01"),)),
))
START = date(2025, 1, 1)


def _text(rng: random.Random, day: date) -> str:
    count = rng.choice((120, 120, 120, 146))
    age = rng.choice(("in its third year", "nearly three years old", "in its second year"))
    return (f"Foreign Minister Ada Brun spoke on {day:%B} {day.day}. The two sides exchanged {count} prisoners. "
            f"The war, now {age}, began in March 2022. A {rng.choice((30, 30, 60))}-day ceasefire was proposed.")


def corpora(size: int) -> dict[str, tuple[list[Article], dict[str, str | None], list[dict]]]:
    rng = random.Random(size)
    one = Article(id="r0", source="r0.txt", text=_text(rng, START), published=START.isoformat())
    reprints = [one] + [Article(id=f"r{i}", source=f"r{i}.txt", text=one.text, published=START.isoformat()) for i in range(1, size)]
    distinct, events = [], []
    for i in range(size):
        day = START + timedelta(days=7 * (i % 20))
        distinct.append(Article(id=f"d{i}", source=f"d{i}.txt", text=_text(rng, day), published=day.isoformat()))
    for k in range(20):
        members = [a.id for a in distinct[k::20]]
        events.append({"id": f"E{k}", "date": (START + timedelta(days=7 * k)).isoformat(), "articles": members})
    return {"reprints": (reprints, {a.id: "r0" for a in reprints[1:]}, []), "distinct": (distinct, {}, events)}


def main(argv: list[str]) -> int:
    sizes = [int(s) for s in argv] or [100, 1000]
    print(f"{'size':>6} {'shape':>9} {'seconds':>8} {'claims':>7} {'contradictions':>15}")
    for size in sizes:
        for shape, (articles, reprint_of, events) in corpora(size).items():
            began = time.perf_counter()
            out = verify_articles(articles, {}, {}, reprint_of, events, PROFILE)
            took = time.perf_counter() - began
            contradictions = sum(1 for a in out["anomalies"] if a["kind"] == "contradiction")
            print(f"{size:>6} {shape:>9} {took:>8.2f} {len(out['claims']):>7} {contradictions:>15}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
