"""Coded actions on sentences written for these tests (actors from a small profile of our own)."""

from __future__ import annotations

import pytest

from storyline.actions import PLOVER_TYPES, Action, code_actions, lexicon
from storyline.profile import load_profile
from storyline.records import Article

PROFILE = """\
name: test-actions
actors:
  - {name: Ardenia, kind: country, aliases: [Ardenian, Port Vell]}
  - {name: Belmark, kind: country, aliases: [Belmarkian, Kessa]}
  - name: Ida Mohr
    kind: person
    country: Ardenia
    aliases: [Mohr]
    offices:
      - {title: president, of: Ardenia, start: 2020-01-01, end: null}
  - {name: Tam Orlov, kind: person, country: Belmark, aliases: [Orlov]}
issues:
  - {name: talks, cues: [talks, negotiations]}
stances:
  rejects: [reject]
"""


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("p") / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path)


def _code(text, profile):
    return code_actions(Article(id="a1", source="t", text=text, published="2030-03-05"), profile=profile)


# (sentence, expected [(source, type, target, negated, modality)])
CASES = [
    ("Ardenia rejected Belmark's proposal for direct talks.", [("Ardenia", "REJECT", "Belmark", False, "asserted")]),
    ("Ardenia and Belmark agreed to exchange prisoners.",
     [("Ardenia", "AGREE", "Belmark", False, "asserted"), ("Belmark", "AGREE", "Ardenia", False, "asserted")]),
    ("Mohr threatened to walk away from the talks with Belmark.", [("Ida Mohr", "THREATEN", "Belmark", False, "asserted")]),
    ("Mohr said she would be open to talks with Belmark.", [("Ida Mohr", "CONSULT", "Belmark", False, "conditional")]),
    ("Ardenia will not hold negotiations with Belmark.", [("Ardenia", "REJECT", "Belmark", True, "future")]),
    ("Ardenia did not attack Belmark.", []),  # a negated hostile act did not happen
    ("Ardenia did not answer the call for a ceasefire.", []),
    ("Mohr offered Belmark a ceasefire.", [("Ida Mohr", "AGREE", "Belmark", False, "asserted")]),
    ("The Ardenian president accused Kessa of shelling the border.", [("Ida Mohr", "ACCUSE", "Belmark", False, "asserted")]),
    ("Belmarkian forces shelled Port Vell.", [("Belmark", "ASSAULT", "Ardenia", False, "asserted")]),
    ("He offered no evidence for the claim.", []),
    ("Analysts say the war may need a political conclusion.", []),
    ("If Belmark accepted the terms, the monitors would arrive.", []),  # a condition is not an act
    ("PORT VELL — Orlov met Mohr on Tuesday.", [("Tam Orlov", "CONSULT", "Ida Mohr", False, "asserted")]),
    ("Orlov said he would consider direct talks.", [("Tam Orlov", "CONSULT", None, False, "conditional")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_coded_actions(profile, text, expected):
    got = [(a.source_actor, a.type, a.target_actor, a.negated, a.modality) for a in _code(text, profile)]
    assert got == expected


def test_date_from_the_clause_and_from_the_article(profile):
    (dated,) = _code("Mohr rejected the talks on Tuesday.", profile)
    assert (dated.date, dated.date_how) == ("2030-03-05", "text")
    (undated,) = _code("Mohr rejected the talks.", profile)
    assert (undated.date, undated.date_how) == ("2030-03-05", "published")


@pytest.mark.parametrize("text", [
    " ".join(["Ardenia Belmark Mohr Orlov"] * 15) + ".",  # 60 actors, no verb
    "",
    "!!!",
    "Ardenia " * 200,
])
def test_no_crash_and_nothing_invented(profile, text):
    assert _code(text, profile) == []


def test_record_round_trip_and_contract_fields(profile):
    (action,) = _code("Ardenia rejected Belmark's proposal.", profile)
    data = action.as_dict()
    assert {"article", "date", "source_actor", "type", "cameo_root", "target_actor", "start", "end"} <= set(data)
    assert Action.from_dict(data) == action
    text = "Ardenia rejected Belmark's proposal."
    assert text[action.start:action.end] == text and text[action.verb_start:action.verb_end] == "rejected"


def test_every_type_has_a_cameo_root_and_verbs():
    lex = lexicon()
    assert set(lex.cameo_root) == set(PLOVER_TYPES)
    assert all(r.isdigit() and 1 <= int(r) <= 20 for r in lex.cameo_root.values())
    assert set(lex.verbs.values()) == set(PLOVER_TYPES)


@pytest.mark.parametrize("type_, root", [("AGREE", "03"), ("REJECT", "12"), ("ASSAULT", "18"), ("REQUEST", "10")])
def test_cameo_roots(type_, root):
    assert lexicon().cameo_root[type_] == root
