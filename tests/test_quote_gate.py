"""Quality gate for attribution: F1 floors on the seeds gold and the sample-corpus gold.

The scores come from ``eval/quotes_eval.py`` (loaded from its file), which scores with
``storyline.scoring``: the gate and the report cannot disagree on what a hit is. The scoring
rules themselves are pinned by the table at the end.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest

from storyline import scoring
from storyline.records import Attributions, CitedSource, Quote

ROOT = Path(__file__).resolve().parents[1]

# (set, measure, floor). A floor only moves up: raise it when the extractor gets better, never
# lower it to let a change through. Each is a little below the figure reached when it was set.
FLOORS = [
    ("seeds", "direct +speaker", 0.97),  # reached 1.000
    ("seeds", "direct text", 0.97),  # 1.000
    ("seeds", "partial +speaker", 0.78),  # 0.809
    ("seeds", "indirect +speaker", 0.74),  # 0.765
    ("seeds", "all +speaker", 0.80),  # 0.824
    ("seeds", "sources", 0.90),  # 0.937
    ("corpus", "direct +speaker", 0.96),  # 1.000
    ("corpus", "direct text", 0.96),  # 1.000
    ("corpus", "partial +speaker", 0.95),  # 1.000
    ("corpus", "indirect +speaker", 0.85),  # 0.875
    ("corpus", "all +speaker", 0.93),  # 0.957
    ("corpus", "sources", 0.93),  # 0.958
]


@lru_cache(maxsize=1)
def _eval_module():
    spec = importlib.util.spec_from_file_location("quotes_eval", ROOT / "eval" / "quotes_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=2)
def _scores(label: str) -> dict[str, scoring.Score]:
    scores, skipped = _eval_module().score_gold_set(label)
    assert skipped == 0, f"{skipped} {label} gold entries had no readable text"
    return scores


# PolNeAR dev's held-out half (the odd-numbered texts, never read while writing rules), read
# from ../shared at test time. Reported speech there includes attributions we do not extract
# (beliefs, outlets' reports, transcripts), so recall is low by design; the floors guard what we do.
POLNEAR_FLOORS = [
    ("indirect", 0.50),  # reached 0.523 (P 0.964, R 0.359)
    ("indirect+speaker", 0.47),  # 0.485 (P 0.894, R 0.333)
    ("direct+speaker", 0.72),  # 0.741
]


@pytest.mark.parametrize("label, measure, floor", FLOORS)
def test_f1_floor(request, label, measure, floor):
    if label == "seeds":
        request.getfixturevalue("seeds_dir")  # skips when the real samples are absent
    score = _scores(label)[measure]
    p, r, f = score.prf()
    assert f >= floor, f"{label} {measure}: F1 {f:.3f} (P {p:.3f} R {r:.3f}, {score.tp}/{score.pred}/{score.gold}) is below the floor {floor}"


@lru_cache(maxsize=1)
def _held_out() -> dict[str, scoring.Score]:
    scores, _ = _eval_module().polnear_scores(halves=("held-out",), baseline=False)
    return scores["held-out"]


@pytest.mark.parametrize("measure, floor", POLNEAR_FLOORS)
def test_polnear_held_out_floor(measure, floor):
    if not _eval_module().POLNEAR.is_dir():
        pytest.skip("PolNeAR dev is not in ../shared/data")
    score = _held_out()[measure]
    p, r, f = score.prf()
    assert f >= floor, f"PolNeAR held-out {measure}: F1 {f:.3f} (P {p:.3f} R {r:.3f}) is below the floor {floor}"


def _quote(text: str, speaker: str | None, kind: str = "direct") -> Quote:
    return Quote("a", text, kind, 0, len(text), speaker=speaker)


_TWO_PIECES = {"speaker": "Lena Moss", "kind": "direct", "text": "We stay,", "parts": ["We stay,", "and we wait."]}
_PARTIAL = {"speaker": "Lena Moss", "kind": "partial", "text": "a long wait", "clause": "the talks would be \"a long wait\""}


@pytest.mark.parametrize(
    "ours, gold, measure, expected",
    [
        # both pieces of an interrupted quote: one hit, the second piece is not a false positive
        ([_quote("We stay", "Lena Moss"), _quote("and we wait.", "Lena Moss")], [_TWO_PIECES], "direct +speaker", (1, 1, 1)),
        # only the second piece found still matches the gold quote
        ([_quote("and we wait", "Lena Moss")], [_TWO_PIECES], "direct +speaker", (1, 1, 1)),
        # the same piece twice: the copy counts against us
        ([_quote("We stay", "Lena Moss"), _quote("We stay", "Lena Moss")], [_TWO_PIECES], "direct +speaker", (1, 2, 1)),
        # wrong speaker: a miss with the speaker, a hit on text alone
        ([_quote("We stay", "Karl Dorn")], [_TWO_PIECES], "direct +speaker", (0, 1, 1)),
        ([_quote("We stay", "Karl Dorn")], [_TWO_PIECES], "direct text", (1, 1, 1)),
        # a last name alone matches the full name
        ([_quote("We stay", "Moss")], [_TWO_PIECES], "direct +speaker", (1, 1, 1)),
        # the reported clause around a partial quote is not a false positive; other clauses are
        ([_quote('the talks would be "a long wait"', "Lena Moss", "indirect")], [_PARTIAL], "indirect +speaker", (0, 0, 0)),
        ([_quote("the border stays closed", "Lena Moss", "indirect")], [_PARTIAL], "indirect +speaker", (0, 1, 0)),
        ([_quote("a long wait", "Lena Moss", "partial")], [_PARTIAL], "partial +speaker", (1, 1, 1)),
        # a quote of the wrong kind misses in its kind and counts in "all"
        ([_quote("a long wait", "Lena Moss", "direct")], [_PARTIAL], "partial +speaker", (0, 0, 1)),
        ([_quote("a long wait", "Lena Moss", "direct")], [_PARTIAL], "all +speaker", (1, 1, 1)),
    ],
)
def test_scoring_rules(ours, gold, measure, expected):
    attr = Attributions("a", tuple(ours))
    assert scoring.score_article(attr, {"quotes": gold}, "")[measure] == expected


@pytest.mark.parametrize(
    "ours, gold, expected",
    [
        (["Orbis Wire"], ["Orbis Wire"], (1, 1, 1)),
        (["Orbis Wire", "Grey Sea"], ["Orbis Wire", "Orbis Wire"], (1, 2, 2)),
        ([], ["Orbis Wire"], (0, 0, 1)),
    ],
)
def test_source_scoring(ours, gold, expected):
    attr = Attributions("a", cited_sources=tuple(CitedSource("a", n, "reported", 0, len(n)) for n in ours))
    assert scoring.score_article(attr, {"cited_sources": [{"name": n} for n in gold]}, "")["sources"] == expected
