"""Load the hand-made gold for the five real seeds and resolve its spans to text.

The gold (``seeds.json`` beside this file) stores no article text: every span is
``(start, end, sha)`` into the raw seed file, read as UTF-8 with Python str offsets.
This module reads the seed files and attaches the text, so evaluation scripts can
compare extracted items by text.

    from importlib.util import spec_from_file_location, module_from_spec
    spec = spec_from_file_location("seeds_view", "tests/gold/seeds_view.py")
    view = module_from_spec(spec); spec.loader.exec_module(view)
    gold = view.load_seed_gold()             # spans now carry "text" and "norm"
    for art in gold["articles"]:
        for q in art["quotes"]:
            print(q["speaker"], q["norm"])
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD_PATH = HERE / "seeds.json"
SEEDS_DIR = HERE.parents[2] / "shared" / "samples" / "seeds"

#: article keys whose items are spans into the article's seed file
SPAN_LISTS = ("junk", "quotes", "not_quotes", "cited_sources", "not_sources", "anomalies", "claims")

_WS = re.compile(r"\s+")


def span_sha(text: str) -> str:
    """The short checksum stored with every span."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces (broken lines inside a span become spaces)."""
    return _WS.sub(" ", text).strip()


def read_seed(name: str, seeds_dir: Path | str | None = None) -> str:
    return (Path(seeds_dir or SEEDS_DIR) / name).read_text(encoding="utf-8")


def load_raw(gold_path: Path | str | None = None) -> dict[str, Any]:
    """The gold exactly as stored (offsets only, no text)."""
    return json.loads(Path(gold_path or GOLD_PATH).read_text(encoding="utf-8"))


def _resolve(item: dict, text: str, strict: bool) -> None:
    piece = text[item["start"]:item["end"]]
    if strict and span_sha(piece) != item["sha"]:
        raise ValueError(f"span {item['start']}:{item['end']} has drifted (sha {span_sha(piece)} != {item['sha']})")
    item["text"] = piece
    item["norm"] = normalize(piece)


def load_seed_gold(seeds_dir: Path | str | None = None, gold_path: Path | str | None = None,
                   strict: bool = True) -> dict[str, Any]:
    """The gold with every span resolved: each span dict gains ``text`` (raw slice) and ``norm``.

    Articles also gain ``raw_text`` (the whole seed file). Contradiction ends ``a``/``b`` are
    resolved against their own files. With ``strict`` a checksum mismatch raises ValueError.
    """
    gold = copy.deepcopy(load_raw(gold_path))
    texts: dict[str, str] = {}

    def text_of(name: str) -> str:
        if name not in texts:
            texts[name] = read_seed(name, seeds_dir)
        return texts[name]

    for art in gold["articles"]:
        text = text_of(art["file"])
        art["raw_text"] = text
        for key in SPAN_LISTS:
            for item in art.get(key, []):
                _resolve(item, text, strict)
    for con in gold.get("contradictions", []):
        for side in ("a", "b"):
            _resolve(con[side], text_of(con[side]["file"]), strict)
    return gold


def by_file(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Articles keyed by seed file name."""
    return {art["file"]: art for art in gold["articles"]}


def events_by_id(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {ev["id"]: ev for ev in gold["events"]}
