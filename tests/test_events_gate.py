"""Quality gate for event grouping: pairwise F1 on each gold set stays at or above its floor.

A floor only moves up: when a change lifts a figure, raise its floor to just under the new value;
never lower one to make a change pass. ECB+ stays out of the gate (slow, and outside the project);
run ``python eval/events_eval.py`` for it. Scoring is the evaluation script's own, loaded here.
"""

from __future__ import annotations

from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import pytest

FLOORS = [
    # gold set, pairwise F1 floor
    ("seeds", 0.85),
    ("sample corpus", 0.98),
]

EVAL = Path(__file__).resolve().parents[1] / "eval" / "events_eval.py"


def _eval_module():
    spec = spec_from_file_location("events_eval", EVAL)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    return _eval_module()


@pytest.mark.parametrize(("name", "floor"), FLOORS, ids=[name for name, _ in FLOORS])
def test_pairwise_f1_floor(evaluation, name, floor):
    gold, inputs = {
        "seeds": (evaluation.SEEDS_GOLD, evaluation.seed_inputs()),
        "sample corpus": (evaluation.CORPUS_GOLD, evaluation.corpus_inputs()),
    }[name]
    if not gold.is_file() or not inputs:
        pytest.skip(f"{name}: gold or inputs not found")
    f1 = evaluation.gold_set(name, gold, inputs)
    assert f1 is not None, f"{name}: the pipeline could not prepare the articles"
    assert f1 >= floor, f"{name}: pairwise F1 {f1:.3f} fell below its floor {floor}"


@pytest.mark.parametrize(
    ("assign", "gold", "expected"),
    [
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}, 1.0),
        # everything in one group: one right pair of three found
        ({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"}, 0.5),
        # nothing grouped while gold has a pair
        ({"a": 1, "b": 2, "c": 3}, {"a": "x", "b": "x", "c": "y"}, 0.0),
    ],
)
def test_the_gate_scores_what_it_claims(evaluation, assign, gold, expected):
    found, truth = evaluation.pairs_of(assign), evaluation.pairs_of(gold)
    assert evaluation.prf(found, truth)[2] == pytest.approx(expected)
