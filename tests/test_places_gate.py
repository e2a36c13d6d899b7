"""Quality gate for place mentions on both gold sets; the scoring is eval/places_eval.py's.

A floor only moves up: raise it when the code gets better, never lower it to let a change in.
The corpus gold was drafted from the tool's output and read by hand, so its floors say "no
regression"; the seeds' floors are the honest measure.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

# metric: (corpus floor, seeds floor)
FLOORS = {
    "mention_p": (0.98, 0.86),
    "mention_r": (0.98, 0.95),
    "mention_f1": (0.98, 0.90),
    "resolution": (0.98, 0.95),
    "use": (0.97, 0.90),
    "role": (0.90, 0.85),
}
EVAL = Path(__file__).resolve().parents[1] / "eval" / "places_eval.py"


@pytest.fixture(scope="module")
def scoring():
    spec = importlib.util.spec_from_file_location("places_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reports(scoring, corpus_dir, seeds_dir):
    return {"corpus": scoring.score_set("corpus", corpus_dir=corpus_dir),
            "seeds": scoring.score_set("seeds", seeds_dir=seeds_dir)}


@pytest.mark.slow
@pytest.mark.parametrize("label, column", [("corpus", 0), ("seeds", 1)])
@pytest.mark.parametrize("metric", list(FLOORS))
def test_floor(reports, label, column, metric):
    report = reports[label]
    assert report.value(metric) >= FLOORS[metric][column], "\n".join(report.misses)


def test_gate_covers_every_metric(scoring):
    assert set(FLOORS) == set(scoring.METRICS)


@pytest.mark.parametrize(
    "gold, ours, tp, right_id",
    [
        ([{"start": 0, "end": 6, "id": "a", "use": "place"}], [{"start": 0, "end": 6, "id": "a", "use": "place"}], 1, 1),
        ([{"start": 0, "end": 6, "id": "a", "use": "place"}], [{"start": 2, "end": 9, "id": "b", "use": "place"}], 1, 0),
        ([{"start": 0, "end": 6, "id": "a", "use": "place"}], [{"start": 0, "end": 6, "id": "a", "use": "actor"}], 0, 0),
        ([{"start": 0, "end": 6, "id": "a", "use": "actor"}], [{"start": 0, "end": 6, "id": "a", "use": "place"}], 0, 0),
        ([{"start": 0, "end": 6, "id": "a", "use": "place"}], [{"start": 7, "end": 9, "id": "a", "use": "place"}], 0, 0),
    ],
)
def test_scoring_rules(scoring, gold, ours, tp, right_id):
    report = scoring.Report("t")
    scoring.score_mentions(report, "x", gold, ours)
    assert (report.tp, report.right_id) == (tp, right_id)


# PLOVER's sentences (../shared/data/plover-gsr): where each event happened, and sources named by a place.
PLOVER_FLOORS = {"event_place": 0.88, "actor_not_place": 0.90}


@pytest.mark.slow
def test_plover_floors(scoring, shared_dir):
    found = scoring.score_plover(shared_dir / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.json")
    if found is None:
        pytest.skip("no PLOVER data beside the project")
    for metric, floor in PLOVER_FLOORS.items():
        right, total = found[metric]
        assert total > 20 and right / total >= floor, (metric, right, total, scoring.score_plover.misses)


@pytest.mark.slow
def test_seed_action_places_floor(scoring, seeds_dir):
    found = scoring.score_action_places(seeds_dir)
    right, total = found["action_place"]
    assert total >= 30 and right / total >= 0.88, scoring.score_action_places.misses
    right, total = found["action_place_named"]
    assert right == total, scoring.score_action_places.misses
