"""Measure place mentions and their resolution against the two gold sets.

- corpus: ``samples/gold/places.json`` over ``samples/corpus`` (invented places, which resolve only
  through the gold's ``extra_places``, the list the sample profile carries); each article goes
  through the real ``read_inputs`` and ``prepare``, and gold mentions are matched by text and
  occurrence in the cleaned text, so cleaning changes do not break the gold;
- seeds: ``tests/gold/seeds_places.json``, spans (offsets + sha) into the raw seed files, which
  are read as they are.

- plover (held out: never read while writing the rules): the PLOVER gold-standard sentences in
  ``../shared/data/plover-gsr``. Their ``eventLoc`` names where the event happened: the place
  ``storyline.geo.roles.action_place`` picks for the sentence must be it (``event_place``; a
  sentence where we pick nothing counts as wrong). Their source actors that are just a place's
  name ("Zambia extradited…") must not come out as places (``actor_not_place``); targets are left
  out, as PLOVER codes the country where a curfew is imposed as the target.

- seeds' actions: ``tests/gold/seeds_action_places.json`` says where each coded action of
  ``tests/gold/seeds_actions.json`` happens; ``action_place`` on the sentence around the coded
  span must give that place, an unnamed venue, or nothing (``action_place``; and over the
  actions that have a place, ``action_place_named``).

Scores: precision, recall and F1 of mentions used as places (span overlap), accuracy of the
resolved id on matched place mentions, accuracy of the use (place/actor/reference) over every
gold mention we found, and accuracy of the role (venue/action/disputed/location) on matched place
mentions: the role is what events, actions and positions inherit (``storyline.geo.roles``). Run: ``.venv/bin/python eval/places_eval.py [--misses]``;
``tests/test_places_gate.py`` imports ``score_set`` from here.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT.parent / "shared" / "samples" / "seeds"
CORPUS_DIR = ROOT / "samples" / "corpus"
CORPUS_GOLD = ROOT / "samples" / "gold" / "places.json"
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds_places.json"
ACTION_PLACES_GOLD = ROOT / "tests" / "gold" / "seeds_action_places.json"
ACTIONS_GOLD = ROOT / "tests" / "gold" / "seeds_actions.json"
PLOVER = ROOT.parent / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
sys.path.insert(0, str(ROOT / "src"))

METRICS = ("mention_p", "mention_r", "mention_f1", "resolution", "use", "role")


@dataclass
class Report:
    label: str
    tp: int = 0
    pred: int = 0
    gold: int = 0
    right_id: int = 0
    right_use: int = 0
    right_role: int = 0
    seen: int = 0
    misses: list[str] = field(default_factory=list)

    def value(self, metric: str) -> float:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return {
            "mention_p": p, "mention_r": r, "mention_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "resolution": self.right_id / self.tp if self.tp else 0.0,
            "use": self.right_use / self.seen if self.seen else 0.0,
            "role": self.right_role / self.tp if self.tp else 0.0,
        }[metric]


def score_mentions(report: Report, where: str, gold: list[dict], ours: list[dict]) -> None:
    """Add one article: ``gold`` and ``ours`` are dicts with start, end, id, use."""
    used: set[int] = set()
    for g in gold:
        match = next((i for i, o in enumerate(ours) if i not in used and o["start"] < g["end"] and g["start"] < o["end"]), None)
        if match is not None:
            used.add(match)
            o = ours[match]
            report.seen += 1
            report.right_use += o["use"] == g["use"]
            if o["use"] != g["use"]:
                report.misses.append(f"{where}: use {g.get('text', '')!r} {o['use']} != {g['use']}")
        if g["use"] != "place":
            continue
        report.gold += 1
        if match is None or ours[match]["use"] != "place":
            report.misses.append(f"{where}: missed place {g.get('text', '')!r}")
            continue
        report.tp += 1
        if ours[match].get("role") == g.get("role"):
            report.right_role += 1
        else:
            report.misses.append(f"{where}: {g.get('text', '')!r} role {ours[match].get('role')} not {g.get('role')}")
        if ours[match]["id"] == g["id"]:
            report.right_id += 1
        else:
            report.misses.append(f"{where}: {g.get('text', '')!r} resolved to {ours[match]['id']} not {g['id']}")
    report.pred += sum(1 for o in ours if o["use"] == "place")
    for i, o in enumerate(ours):
        if o["use"] == "place" and not any(o["start"] < g["end"] and g["start"] < o["end"] for g in gold):
            report.misses.append(f"{where}: extra place {o.get('mention', '')!r}")


def locate(text: str, items: list[dict]) -> list[dict]:
    """Corpus gold items (mention + occurrence) as spans in ``text``; unfound ones get -1."""
    out = []
    for item in items:
        pos = -1
        for _ in range(item.get("occurrence", 1)):
            pos = text.find(item["mention"], pos + 1)
            if pos < 0:
                break
        out.append({**item, "start": pos, "end": pos + len(item["mention"]) if pos >= 0 else -1, "text": item["mention"]})
    return out


def _ours(text: str, extra: list[dict] | None) -> list[dict]:
    from storyline.geo import find_places

    return [m.as_dict() for m in find_places(text, extra=extra)]


def score_set(label: str, corpus_dir: Path | None = None, seeds_dir: Path | None = None) -> Report | None:
    """Score one gold set ("corpus" or "seeds"); None when the seeds are not beside the project."""
    report = Report(label)
    if label == "corpus":
        from storyline import settings
        from storyline.ingest import read_inputs
        from storyline.pipeline import prepare

        gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
        root = Path(corpus_dir or CORPUS_DIR)
        articles = {}
        for raw in read_inputs([str(root)], settings.load()):
            if hasattr(raw, "content"):  # rejected inputs carry no content
                articles[raw.source.replace("\\", "/")] = prepare(raw)
        for entry in gold["articles"]:
            art = next((a for s, a in articles.items() if s.replace("\\", "/").endswith(entry["source"])), None)
            if art is None or not hasattr(art, "text"):
                report.misses.append(f"{entry['source']}: not prepared")
                continue
            score_mentions(report, entry["source"], locate(art.text, entry["places"]), _ours(art.text, gold["extra_places"]))
        return report
    root = Path(seeds_dir or SEEDS_DIR)
    if not root.is_dir():
        return None
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    for entry in gold["articles"]:
        text = (root / entry["file"]).read_text(encoding="utf-8")
        items = []
        for g in entry["places"]:
            piece = text[g["start"]:g["end"]]
            if hashlib.sha1(piece.encode("utf-8")).hexdigest()[:10] != g["sha"]:
                raise ValueError(f"{entry['file']} {g['start']}:{g['end']} has drifted")
            items.append({**g, "text": piece})
        score_mentions(report, entry["file"], items, _ours(text, None))
    return report


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value] if value else []


def score_plover(path: Path | None = None) -> dict[str, tuple[int, int]] | None:
    """Held-out figures on PLOVER's sentences: {metric: (right, total)}; None without the data."""
    from storyline.geo import find_places
    from storyline.geo.roles import action_place

    path = Path(path or PLOVER)
    if not path.is_file():
        return None
    right = {"event_place": [0, 0], "actor_not_place": [0, 0]}
    misses = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        text = item.get("text")
        if not text:
            continue
        found = [m.as_dict() for m in find_places(text)]
        loc = (item.get("eventLoc") or {}).get("name")
        if loc and loc in text:
            verb = (item.get("eventText") or "").split()
            at = text.find(verb[0]) if verb and verb[0] in text else 0
            action = {"article": "s", "start": 0, "end": len(text), "verb_start": max(at, 0), "type": item.get("event")}
            place, _ = action_place(action, {"s": {"places": found}})
            got = text[place["start"]:place["end"]] if place else None
            ok = got is not None and (loc in got or got in loc)
            right["event_place"][0] += ok
            right["event_place"][1] += 1
            if not ok:
                misses.append(f"event place {got!r} not {loc!r}: {text[:100]}")
        for actor in _as_list(item.get("source")):
            name = actor.get("actorText") if isinstance(actor, dict) else None
            hits = [m for m in found if m["mention"] == name] if name else []
            if hits:
                ok = hits[0]["use"] != "place"  # the source is named first; later mentions may be ground
                right["actor_not_place"][0] += ok
                right["actor_not_place"][1] += 1
                if not ok:
                    misses.append(f"actor {name!r} read as a place: {text[:100]}")
    score_plover.misses = misses  # type: ignore[attr-defined]
    return {k: (v[0], v[1]) for k, v in right.items()}


def score_action_places(seeds_dir: Path | None = None) -> dict[str, tuple[int, int]] | None:
    """{metric: (right, total)} for the place of the seeds' coded actions; None without the seeds."""
    from storyline import nlp
    from storyline.geo import find_places
    from storyline.geo.roles import action_place

    root = Path(seeds_dir or SEEDS_DIR)
    if not root.is_dir():
        return None
    types = {(s["file"], s["start"]): s["actions"][0]["type"] for s in json.loads(ACTIONS_GOLD.read_text(encoding="utf-8"))["sentences"] if s.get("actions")}
    parsed: dict[str, tuple[str, object, list[dict]]] = {}
    right = {"action_place": [0, 0], "action_place_named": [0, 0]}
    misses = []
    for item in json.loads(ACTION_PLACES_GOLD.read_text(encoding="utf-8"))["items"]:
        if item["file"] not in parsed:
            text = (root / item["file"]).read_text(encoding="utf-8")
            doc = nlp.parse(text)
            parsed[item["file"]] = (text, doc, [m.as_dict() for m in find_places(text, doc=doc)])
        text, doc, found = parsed[item["file"]]
        if hashlib.sha1(text[item["start"]:item["end"]].encode("utf-8")).hexdigest()[:10] != item["sha"]:
            raise ValueError(f"{item['file']} {item['start']}:{item['end']} has drifted")
        sent = doc.char_span(item["start"], item["end"], alignment_mode="expand").sent
        action = {"article": "s", "start": sent.start_char, "end": sent.end_char, "verb_start": item["start"],
                  "type": types.get((item["file"], item["start"]))}
        place, _ = action_place(action, {"s": {"places": found}})
        got = None if place is None else ("unnamed" if place["id"] is None else place["id"])
        ok = got == item["place"]
        for metric in ("action_place", "action_place_named") if item["place"] else ("action_place",):
            right[metric][0] += ok
            right[metric][1] += 1
        if not ok:
            misses.append(f"{item['file']}: action place {got} not {item['place']}: {text[sent.start_char:sent.end_char][:100]}")
    score_action_places.misses = misses  # type: ignore[attr-defined]
    return {k: (v[0], v[1]) for k, v in right.items()}


def _print_counts(label: str, found: dict[str, tuple[int, int]], misses: list[str]) -> None:
    print(label, " ".join(f"{k}={r / n:.2f} ({r}/{n})" if n else f"{k}=n/a" for k, (r, n) in found.items()))
    if "--misses" in sys.argv:
        print("\n".join("  " + m for m in misses))


def main() -> None:
    for label in ("corpus", "seeds"):
        report = score_set(label)
        if report is None:
            print(f"{label}: skipped (no seeds beside the project)")
            continue
        print(label, " ".join(f"{m}={report.value(m):.2f}" for m in METRICS),
              f"(gold places {report.gold}, ours {report.pred})")
        if "--misses" in sys.argv:
            print("\n".join("  " + m for m in report.misses))
    acts = score_action_places()
    if acts is not None:
        _print_counts("seeds actions", acts, score_action_places.misses)  # type: ignore[attr-defined]
    held = score_plover()
    if held is None:
        print("plover: skipped (no ../shared/data/plover-gsr)")
        return
    _print_counts("plover", held, score_plover.misses)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
