"""One person, one name: the corpus registry takes the profile's names, and quotes show them."""

from __future__ import annotations

from storyline import export
from storyline.actors import ActorRegistry, with_profile
from storyline.profile import load_profile
from storyline.records import Actor
from storyline.store import Store


def _registry(*actors: Actor) -> ActorRegistry:
    return ActorRegistry(tuple(actors))


def test_profile_alias_gives_the_profile_name_and_merges_spellings():
    profile = load_profile("russia-ukraine-2022-2025")
    found = with_profile(_registry(
        Actor("Volodymyr Zelensky", "person", ("Zelensky",), articles=("a1",)),
        Actor("Zelenskiy", "person", (), role="president", articles=("a2",)),
        Actor("Putin", "person", (), articles=("a3",)),
        Actor("Anna Korrel", "person", ("Korrel",), articles=("a3",)),
    ), profile)
    names = {a.name: a for a in found.actors}
    assert set(names) == {"Volodymyr Zelenskyy", "Vladimir Putin", "Anna Korrel"}
    zelenskyy = names["Volodymyr Zelenskyy"]
    assert {"Volodymyr Zelensky", "Zelensky", "Zelenskiy"} <= set(zelenskyy.aliases)
    assert zelenskyy.articles == ("a1", "a2") and zelenskyy.role == "president"
    assert names["Vladimir Putin"].aliases == ("Putin",)
    assert names["Anna Korrel"].aliases == ("Korrel",)


def test_places_and_organisations_keep_their_names():
    profile = load_profile("russia-ukraine-2022-2025")
    found = with_profile(_registry(Actor("Moscow", "gpe"), Actor("Kremlin", "org")), profile)
    assert sorted(a.name for a in found.actors) == ["Kremlin", "Moscow"]


def test_without_a_profile_nothing_changes():
    registry = _registry(Actor("Putin", "person"))
    assert with_profile(registry, None) is registry


def test_quotes_show_one_name_per_person_across_articles(tmp_path):
    from storyline import pipeline, settings

    one = tmp_path / "one.txt"
    one.write_text("Talks resume\n\nVladimir Putin said on Monday: \u201cWe are ready to talk.\u201d\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Kremlin signals\n\n\u201cNothing has changed,\u201d Putin told reporters in Moscow.\n", encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        pipeline.ingest([str(one), str(two)], store, settings.load({"profile": "russia-ukraine-2022-2025"}))
        pipeline.analyse(store)
        data = export.build(store)
    quotes = [q for a in data["articles"] for q in a["quotes"]]
    assert {q["speaker"] for q in quotes} == {"Vladimir Putin"}
    assert {q["speaker_mention"] for q in quotes} == {"Vladimir Putin", "Putin"}
