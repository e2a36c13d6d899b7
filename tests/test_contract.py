"""The JSON contract of DESIGN.md, checked on the sample corpus run end to end.

Other tools and our evaluations read this: these fields and their meaning stay stable.
"""

from __future__ import annotations

import pytest

from storyline import export, pipeline, settings
from storyline.store import Store

ARTICLE = {"id", "source", "url", "title", "outlet", "author", "published", "published_how",
           "language", "text", "flags", "removed", "reprint_of", "event", "quotes", "cited_sources"}
QUOTE = {"speaker", "speaker_mention", "role", "text", "kind", "cue", "start", "end"}
SOURCE = {"name", "cue", "start", "end"}
LISTS = {
    "events": {"id", "label", "date", "date_end", "articles"},
    "actions": {"article", "date", "source_actor", "type", "cameo_root", "target_actor", "start", "end"},
    "positions": {"actor", "issue", "stance", "date", "evidence"},
    "claims": {"id", "text", "articles", "independent_sources", "status"},
    "anomalies": {"article", "kind", "detail", "start", "end"},
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def data(corpus_dir):
    conf = settings.load({"profile": "sample-corpus"})
    settings.use(conf)
    try:
        with Store.open("sqlite://") as store:
            pipeline.ingest([str(corpus_dir)], store, conf)
            pipeline.analyse(store)
            yield export.build(store)
    finally:
        settings.use(settings.load())


def test_every_list_and_field_of_the_contract_is_present(data):
    assert isinstance(data["storyline_version"], str)
    for name, fields in LISTS.items():
        assert data[name], f"the sample corpus should fill {name}"
        for item in data[name]:
            assert fields <= item.keys(), (name, fields - item.keys())
    for article in data["articles"]:
        assert ARTICLE <= article.keys()
        assert article["published_how"] in {"metadata", "url", "text", "inferred", "unknown"}
        assert all(QUOTE <= q.keys() and q["kind"] in {"direct", "indirect", "partial"} for q in article["quotes"])
        assert all(SOURCE <= s.keys() for s in article["cited_sources"])


def test_every_span_points_inside_its_article(data):
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for article in data["articles"]:
        for item in article["quotes"] + article["cited_sources"]:
            assert 0 <= item["start"] < item["end"] <= len(article["text"])
        for quote in article["quotes"]:
            assert article["text"][quote["start"]:quote["end"]] == quote["text"]
    spans = [(x["article"], x["start"], x["end"]) for x in data["actions"] + data["anomalies"]]
    spans += [(e["article"], e["start"], e["end"]) for p in data["positions"] for e in p["evidence"]]
    for article_id, start, end in spans:
        assert 0 <= start < end <= len(texts[article_id])


def test_codes_and_links_are_consistent(data):
    ids = {a["id"] for a in data["articles"]}
    events = {e["id"] for e in data["events"]}
    for action in data["actions"]:
        assert action["type"] in PLOVER and action["cameo_root"].isdigit() and 1 <= int(action["cameo_root"]) <= 20
    for article in data["articles"]:
        assert article["reprint_of"] in ids | {None} and article["reprint_of"] != article["id"]
        assert article["event"] in events | {None}
    for claim in data["claims"]:
        assert set(claim["articles"]) <= ids
        assert claim["status"] in {"corroborated", "single_source", "contradicted", "unsourced"}
