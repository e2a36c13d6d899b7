"""Quality gate for the verify stage: floors on the sample-corpus and seeds gold.

Scores come from ``eval/verify_eval.py`` (loaded from its file), so the gate and the report agree
on what a hit is.
"""

import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (set, measure, statistic, floor). A floor only moves up: raise it when verify gets better, never
# lower it to let a change through. Each is a little below the figure reached when it was set.
FLOORS = [
    ("corpus", "contradictions", "precision", 0.95),  # reached 1.000
    # 0.882 (15 of 17): "five weeks after" a refusal is not read; one stance's quote is not extracted
    ("corpus", "contradictions", "recall", 0.85),
    ("corpus", "anomalies", "precision", 0.95),  # 1.000
    ("corpus", "anomalies", "recall", 0.95),  # 1.000 (14 of 14)
    # the corpus holds three or four of each kind
    ("corpus", "stale_fact", "recall", 0.95),  # 1.000 (4)
    ("corpus", "stale_office", "recall", 0.95),  # 1.000 (4)
    ("corpus", "past_event_upcoming", "recall", 0.95),  # 1.000 (3)
    ("corpus", "anachronism", "recall", 0.95),  # 1.000 (3)
    ("corpus", "claims", "status_accuracy", 0.88),  # 0.900 (36 of 40)
    ("corpus", "claims", "sources_accuracy", 0.90),  # 0.921 (35 of 38)
    ("seeds", "stale_office", "recall", 0.95),  # 1.000
    ("seeds", "past_event_upcoming", "recall", 0.95),  # 1.000
    ("seeds", "stale_fact", "recall", 0.95),  # 1.000
    ("seeds", "anachronism", "recall", 0.70),  # 0.750
    ("seeds", "anomalies", "precision", 0.95),  # 1.000
    ("seeds", "anomalies", "recall", 0.90),  # 0.923
    ("seeds", "contradictions", "precision", 0.95),  # 1.000
    ("seeds", "contradictions", "recall", 0.70),  # 0.714 (5 of 7)
    # The seeds' claims were labelled after the corpus rules were written; two rules came from their misses.
    ("seeds", "claims", "status_accuracy", 0.42),  # 0.444 (12 of 27)
]


@lru_cache(maxsize=1)
def _eval():
    spec = importlib.util.spec_from_file_location("verify_eval", ROOT / "eval" / "verify_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("label,measure,stat,floor", FLOORS)
def test_floor(label, measure, stat, floor, seeds_dir):
    if label == "seeds" and not Path(seeds_dir).exists():
        pytest.skip("seed articles not available")
    assert _eval().score_gold_set(label)[measure][stat] >= floor


@pytest.mark.parametrize("found,gold,hit", [
    ("120 prisoners", "120 prisoners from each side", True),
    ("war, now nearly two years old", "The war, now nearly two years old", True),
    ("131 Korvathi servicemen", "146 Trevanian soldiers and border guards", False),
    ("", "anything", False),
])
def test_overlap_rule(found, gold, hit):
    assert _eval().overlaps(found, gold) == hit
