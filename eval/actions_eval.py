"""Measure coded actions and stances against gold, and event types against the PLOVER gold records.

Sets, each skipped with a note when absent:

- corpus: ``samples/gold/actions.json`` over ``samples/corpus`` (profile ``sample-corpus``), and its
  ``positions`` list for stance accuracy per (actor, issue, event);
- seeds: ``tests/gold/seeds_actions.json`` (offsets into the raw seed files; default profile), reported
  as a whole and per ``part`` (see the gold's note: "tuned", "heldout-1" annotated before the coder
  saw it and tuned on since, "heldout-2" annotated after all tuning);
- fresh: ``samples/gold/actions_fresh.json``, wire-style sentences written for the gold on twelve stories
  (default profile), split by story into ``dev`` (rules may be written reading its errors) and
  ``heldout`` (measured only: ``--misses`` never prints its errors); and ``actions_fresh2.json``, a
  second such set on sixteen stories of eight other kinds (coups, border clashes, hostage talks, UN
  votes, strikes, court rulings, cyberattacks, aid and refugees), parts ``dev2`` and ``heldout2``;
- plover: ``../shared/data/plover-gsr/PLOVER_GSR_CAMEO.json``, 322 CAMEO-manual sentences coded with
  PLOVER 0.5b1. Its four old types are mapped to 2021 types through the CAMEO root they come from
  in ``CAMEO2PLOVER-2021.txt``: DEMAND (CAMEO 10) -> REQUEST, DISAPPROVE (11) -> ACCUSE,
  INVESTIGATE (09) -> ACCUSE, FIGHT (19) -> ASSAULT; the other 14 keep their names. Reported:
  coverage (sentences where we code anything) and accuracy of the type of our first action, read as
  PLOVER codes it (``Action.plover_event``: an intended or announced cooperative act is AGREE, a
  hostile one THREATEN; our ``type`` keeps the act and ``modality`` the intention), for all
  sentences and for two halves by the parity of the record number ("...-AGREE-0007" is odd): the
  lexicon was tuned looking at the even half only, the odd half is held out.

Scores per sentence: an action is ``(source, type, target)``; precision/recall/F1 over those
triples; type accuracy is, over gold actions, the share whose source we code with the same type
(a missing action counts as wrong); flags accuracy compares negated + modality on matched triples.

Run: ``.venv/bin/python eval/actions_eval.py [--misses]``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from storyline import nlp  # noqa: E402
from storyline.actions import Action, code_actions  # noqa: E402
from storyline.positions import ArticleFindings, positions, prevailing  # noqa: E402
from storyline.profile import default_profile, packaged  # noqa: E402
from storyline.records import Article  # noqa: E402

CORPUS = ROOT / "samples" / "corpus"
CORPUS_GOLD = ROOT / "samples" / "gold" / "actions.json"
CORPUS_EVENTS = ROOT / "samples" / "gold" / "corpus.json"
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds_actions.json"
SEEDS = SHARED / "samples" / "seeds"
FRESH_GOLD = ROOT / "samples" / "gold" / "actions_fresh.json"
FRESH2_GOLD = ROOT / "samples" / "gold" / "actions_fresh2.json"
# Parts measured only: their misses are never printed, so no rule is written from them.
HELD_OUT = frozenset(("fresh/heldout", "fresh/heldout2"))
PLOVER = SHARED / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
# PLOVER 0.5b1 types without a 2021 namesake -> the 2021 type of the CAMEO root they were coded from.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# A position counts for an event when dated from its first day to this many days after its last.
EVENT_SLACK_DAYS = 3


@dataclass
class Report:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    type_hits: int = 0
    type_total: int = 0
    flag_hits: int = 0
    flag_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_hits / self.type_total if self.type_total else 0.0

    @property
    def flag_accuracy(self) -> float:
        return self.flag_hits / self.flag_total if self.flag_total else 0.0


def score_sentence(report: Report, where: str, gold: list[dict], ours: list[Action]) -> None:
    """Add one sentence's gold actions and our actions to ``report``."""
    want = Counter((g["source_actor"], g["type"], g["target_actor"]) for g in gold)
    got = Counter((a.source_actor, a.type, a.target_actor) for a in ours)
    hit = want & got
    report.tp += sum(hit.values())
    report.fp += sum((got - want).values())
    report.fn += sum((want - got).values())
    for g in gold:
        report.type_total += 1
        if any(a.source_actor == g["source_actor"] and a.type == g["type"] for a in ours):
            report.type_hits += 1
        match = next((a for a in ours if (a.source_actor, a.type, a.target_actor)
                      == (g["source_actor"], g["type"], g["target_actor"])), None)
        if match is not None:
            report.flag_total += 1
            report.flag_hits += (match.negated, match.modality) == (g.get("negated", False), g.get("modality", "asserted"))
    if want != got:
        report.misses.append(f"{where}: gold {sorted(want.elements(), key=str)} ours {sorted(got.elements(), key=str)}")


def _find(text: str, piece: str) -> int:
    """Where ``piece`` is in ``text``, whitespace-insensitive (the cleaner may rejoin lines); -1 if absent."""
    pattern = r"\s+".join(re.escape(w) for w in piece.split())
    m = re.search(pattern, text)
    return m.start() if m else -1


def _in_sentence(actions: list[Action], at: int) -> list[Action]:
    return [a for a in actions if a.start <= at < a.end]


def load_corpus() -> dict[str, Article]:
    """The sample corpus, keyed by source relative to ``samples/corpus``."""
    from storyline import ingest, pipeline, settings

    out = {}
    for raw in ingest.read_inputs([str(CORPUS)], settings.load()):
        art = pipeline.prepare(raw)
        if isinstance(art, Article):
            key = str(Path(art.source).resolve().relative_to(CORPUS.resolve())) if "#" not in art.source else \
                str(Path(art.source.split("#")[0]).resolve().relative_to(CORPUS.resolve())) + "#" + art.source.split("#")[1]
            out[key] = art
    return out


def score_corpus(articles: dict[str, Article] | None = None) -> tuple[Report, dict]:
    """Actions on the corpus gold, and the coded actions per article (for the stance score)."""
    gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
    profile = packaged(gold["profile"])
    articles = articles or load_corpus()
    coded: dict[str, tuple[Article, object, list[Action]]] = {}
    report = Report("corpus")
    for item in gold["sentences"]:
        art = articles[item["source"]]
        if item["source"] not in coded:
            doc = nlp.parse(art.text)
            coded[item["source"]] = (art, doc, code_actions(art, doc=doc, profile=profile))
        at = _find(art.text, item["find"])
        if at < 0:
            raise ValueError(f"{item['source']}: gold sentence not found: {item['find']!r}")
        score_sentence(report, f"{item['source']} {item['find'][:50]!r}", item["actions"], _in_sentence(coded[item["source"]][2], at))
    return report, coded


def score_seeds(part: str | tuple[str, ...] | None = None) -> Report:
    """Actions on the seeds gold: spans into the raw files, found again in the cleaned text.

    ``part`` ("tuned", "heldout-1", ... or a tuple of them) scores only that part of the gold; None all of it.
    """
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    parts = (part,) if isinstance(part, str) else part
    report = Report(f"seeds/{'+'.join(parts)}" if parts else "seeds")
    for item in gold["sentences"]:
        if parts is not None and item.get("part", "tuned") not in parts:
            continue
        art, _, actions = _seed(item["file"])
        at = _find(art.text, _seed_piece(item))
        ours = _in_sentence(actions, at) if at >= 0 else []
        score_sentence(report, f"{item['file']} {item['start']}", item["actions"], ours)
    return report


def seed_parts() -> list[str]:
    """The parts of the seeds gold, in the order they were annotated."""
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    return list(dict.fromkeys(item.get("part", "tuned") for item in gold["sentences"]))


def score_fresh(part: str | None = None, path: Path = FRESH_GOLD) -> Report:
    """Actions on a fresh gold file: each story is one article, one paragraph per sentence.

    ``part`` ("dev", "heldout", "dev2", ...) scores only the stories of that part; None all of them.
    """
    gold = json.loads(path.read_text(encoding="utf-8"))
    profile = default_profile() if gold["profile"] == "russia-ukraine-2022-2025" else packaged(gold["profile"])
    report = Report(f"fresh/{part}" if part else "fresh")
    for story in gold["stories"]:
        if part is not None and story["part"] != part:
            continue
        texts = [s["text"] for s in story["sentences"]]
        art = Article(id=story["id"], source="fresh", text="\n\n".join(texts), published=story["published"])
        actions = code_actions(art, doc=nlp.parse(art.text), profile=profile)
        at = 0
        for item in story["sentences"]:
            score_sentence(report, f"{story['id']} {item['text'][:60]!r}", item["actions"], _in_sentence(actions, at))
            at += len(item["text"]) + 2
    return report


def _seed_profile():
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    return default_profile() if gold["profile"] == "russia-ukraine-2022-2025" else packaged(gold["profile"])


@lru_cache(maxsize=None)
def _seed(name: str) -> tuple[Article, object, list[Action]]:
    """One seed file cleaned as the pipeline does, its parse and its coded actions."""
    from storyline import pipeline
    from storyline.records import RawDocument

    art = pipeline.prepare(RawDocument(source=str(SEEDS / name), content=(SEEDS / name).read_text(encoding="utf-8")))
    doc = nlp.parse(art.text)
    return art, doc, code_actions(art, doc=doc, profile=_seed_profile())


def _seed_piece(item: dict) -> str:
    """The gold span of the raw seed file, checked against its sha so that a changed file is noticed."""
    raw = (SEEDS / item["file"]).read_text(encoding="utf-8")
    piece = raw[item["start"]:item["end"]]
    if hashlib.sha1(piece.encode("utf-8")).hexdigest()[:10] != item["sha"]:
        raise ValueError(f"{item['file']} {item['start']}:{item['end']}: the span has drifted (sha mismatch)")
    return piece


def score_seed_stances() -> tuple[float, float, int, list[str]]:
    """Stance accuracy per gold (actor, issue, seed article), and the share whose gold span our evidence covers."""
    from storyline.quotes import extract_attributions

    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    cells = gold.get("positions", [])
    found: dict[str, list] = {}
    hits = covered = 0
    misses = []
    for g in cells:
        art, doc, actions = _seed(g["file"])
        if g["file"] not in found:
            item = ArticleFindings(art, extract_attributions(art.id, art.text, doc).quotes, tuple(actions))
            found[g["file"]] = positions([item], _seed_profile())
        ours = [p for p in found[g["file"]] if p.actor == g["actor"] and p.issue == g["issue"]]
        top = prevailing(ours).stance if ours else None  # the product's own rule for a cell
        at = _find(art.text, _seed_piece(g))
        span = (at, at + len(_seed_piece(g))) if at >= 0 else None
        covered += span is not None and any(e.start < span[1] and span[0] < e.end for p in ours for e in p.evidence
                                            if p.stance == g["stance"])
        if top == g["stance"]:
            hits += 1
        else:
            misses.append(f"{g['file']} {g['actor']} {g['issue']}: gold {g['stance']} ours {[p.stance for p in ours]}")
    n = len(cells)
    return (hits / n if n else 0.0), (covered / n if n else 0.0), n, misses



def score_stances(coded: dict) -> tuple[float, int, list[str]]:
    """Stance accuracy per gold (actor, issue, event): our prevailing stance in the event's window."""
    from datetime import date, timedelta

    from storyline.quotes import extract_attributions

    gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
    profile = packaged(gold["profile"])
    events = {e["id"]: e for e in json.loads(CORPUS_EVENTS.read_text(encoding="utf-8"))["events"]}
    items = [ArticleFindings(art, extract_attributions(art.id, art.text, doc).quotes, tuple(actions))
             for art, doc, actions in coded.values()]
    found = positions(items, profile)
    hits, misses = 0, []
    for g in gold["positions"]:
        ev = events[g["event"]]
        first = ev["date"]
        last = (date.fromisoformat(ev.get("date_end") or ev["date"]) + timedelta(days=EVENT_SLACK_DAYS)).isoformat()
        ours = [p.stance for p in found if p.actor == g["actor"] and p.issue == g["issue"] and p.date and first <= p.date <= last]
        top = Counter(ours).most_common(1)[0][0] if ours else None
        if top == g["stance"]:
            hits += 1
        else:
            misses.append(f"{g['event']} {g['actor']} {g['issue']}: gold {g['stance']} ours {ours}")
    return (hits / len(gold["positions"]) if gold["positions"] else 0.0), len(gold["positions"]), misses


def plover_half(record_id: str) -> str:
    """"tune" for an even record number, "heldout" for an odd one."""
    number = re.search(r"(\d+)$", record_id)
    return "heldout" if number and int(number.group(1)) % 2 else "tune"


def score_plover(limit: int | None = None, half: str | None = None, misses: list[str] | None = None) -> dict[str, float]:
    """Event-type accuracy on the PLOVER gold records (old types mapped, see module docstring).

    ``half`` "tune" or "heldout" keeps that half; ``misses`` collects the sentences we got wrong.
    """
    records = [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r.get("event") and r.get("text")
               and r["event"] != "DOCUMENT" and (half is None or plover_half(r["id"]) == half)]
    records = records[:limit] if limit else records
    profile = default_profile()
    texts = [r["text"] for r in records]
    covered = first_hits = any_hits = 0
    for record, doc in zip(records, nlp.load().pipe(texts)):
        want = OLD_TYPES.get(record["event"], record["event"])
        art = Article(id=record["id"], source="plover", text=record["text"], published=None)
        ours = code_actions(art, doc=doc, profile=profile)
        if ours:
            covered += 1
            first_hits += ours[0].plover_event == want
            any_hits += any(a.plover_event == want for a in ours)
        if misses is not None and (not ours or ours[0].plover_event != want):
            misses.append(f"{record['id']} want {want} ours {[(a.source_actor, a.plover_event, a.verb) for a in ours]}: {record['text']}")
    n = len(records)
    return {"sentences": n, "coverage": covered / n, "accuracy_first": first_hits / n,
            "accuracy_any": any_hits / n, "accuracy_when_coded": first_hits / covered if covered else 0.0}


def main() -> None:
    show = "--misses" in sys.argv
    corpus, coded = score_corpus()
    seeds = [score_seeds(part) for part in (None, *seed_parts())] if SEEDS.is_dir() else [None]
    fresh = [score_fresh("dev"), score_fresh("heldout")]
    if FRESH2_GOLD.exists():
        fresh += [score_fresh("dev2", FRESH2_GOLD), score_fresh("heldout2", FRESH2_GOLD)]
    for rep in (corpus, *seeds, *fresh):
        if rep is None:
            print("seeds: skipped (../shared/samples/seeds not found)")
            continue
        print(f"{rep.label:7} type_acc {rep.type_accuracy:.3f}  P {rep.precision:.3f} R {rep.recall:.3f} "
              f"F1 {rep.f1:.3f}  flags {rep.flag_accuracy:.3f}  (gold actions {rep.type_total})")
        if show and rep.label not in HELD_OUT:  # held out: measured, never read for rules
            print("\n".join("   " + m for m in rep.misses))
    accuracy, n, misses = score_stances(coded)
    print(f"stance  accuracy {accuracy:.3f} on {n} (actor, issue, event)")
    if show:
        print("\n".join("   " + m for m in misses))
    if SEEDS.is_dir():
        accuracy, evidence, n, misses = score_seed_stances()
        print(f"stance/seeds accuracy {accuracy:.3f} on {n} (actor, issue, article)  gold span in our evidence {evidence:.3f}")
        if show:
            print("\n".join("   " + m for m in misses))
    if PLOVER.exists():
        for half in (None, "tune", "heldout"):
            wrong: list[str] = []
            plover = score_plover(half=half, misses=wrong)
            print(f"plover{'/' + half if half else '':8} " +
                  "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in plover.items()))
            if show and half == "tune":
                print("\n".join("   " + m for m in wrong))
    else:
        print("plover: skipped (../shared/data/plover-gsr not found)")


if __name__ == "__main__":
    main()
