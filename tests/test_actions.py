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
  - {name: Carvia, kind: country, aliases: [Carvian, Lisk]}
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
    # an apposition names who acts; coordinated people act with each other
    ("The two leaders, Mohr and Orlov, signed the accord.",
     [("Ida Mohr", "SUPPORT", "Tam Orlov", False, "asserted"), ("Tam Orlov", "SUPPORT", "Ida Mohr", False, "asserted")]),
    # one action per coordinated target; a reported "would" with a time ahead is a plan
    ("Orlov said he would travel to Port Vell and Lisk next week.",
     [("Tam Orlov", "CONSULT", "Ardenia", False, "future"), ("Tam Orlov", "CONSULT", "Carvia", False, "future")]),
    # the gerund after "After" has the main clause's subject; an act noun after a light verb is the act
    ("After rejecting Belmark's proposal, Mohr announced a truce.",
     [("Ida Mohr", "REJECT", "Belmark", False, "asserted"), ("Ida Mohr", "RETREAT", None, False, "asserted")]),
    ("Belmarkian forces launched an offensive.", [("Belmark", "ASSAULT", None, False, "asserted")]),
    ("Protesters began a hunger strike.", [("protesters", "PROTEST", None, False, "asserted")]),
    # "we" in a quotation is the speaker
    ("“We are ready for talks with Kessa,” Mohr said.", [("Ida Mohr", "CONSULT", "Belmark", False, "intent")]),
    ("The Ardenian government is prepared for talks.", [("Ardenia", "CONSULT", None, False, "intent")]),
    # "X must" under a speech verb is a demand on X, and the demanded act is not coded as done
    ("Mohr said Belmark must withdraw its troops.", [("Ida Mohr", "REQUEST", "Belmark", False, "asserted")]),
    ("Belmarkian officials reported shelling near Port Vell.", []),  # the gerund is what was reported
    ("When Belmark is ready to negotiate, Ardenia will listen.", []),  # a condition, not an act
    ("Mohr met the returning soldiers.", []),  # a meeting with no other side is no consultation
    ("Western governments reject the claims.", []),  # a camp, not an actor
    # unprofiled countries by capital and demonym; tariffs are sanctions and hit what they are "on"
    ("Tokyo imposed tariffs on Kenyan tea.", [("Japan", "SANCTION", "Kenya", False, "asserted")]),
    # only mutual acts make two sources each other's target
    ("Ardenia and Belmark urged restraint.",
     [("Ardenia", "REQUEST", None, False, "asserted"), ("Belmark", "REQUEST", None, False, "asserted")]),
    # "call X Y": a judgement, blame unless the words praise; a quoted name is no judgement
    ("Mohr called the blockade reckless.", [("Ida Mohr", "ACCUSE", None, False, "asserted")]),
    ("Orlov called the talks constructive.", [("Tam Orlov", "SUPPORT", None, False, "asserted")]),
    ("Orlov spoke of what he calls \"the new reality\".", []),
    # not ruling out a hostile act threatens it; denying a charge and agentless passives code nothing
    ("Belmark has not ruled out sanctions against Ardenia.", [("Belmark", "THREATEN", "Ardenia", False, "asserted")]),
    ("Belmark denied shelling the border.", []),
    ("Mohr was not invited to the summit.", []),
    # diplomatic complaints are ACCUSE; a bill withdrawn under protest is a concession
    ("Kessa summoned Ardenia's ambassador.", [("Belmark", "ACCUSE", "Ardenia", False, "asserted")]),
    ("Kessa lodged a formal protest.", [("Belmark", "ACCUSE", None, False, "asserted")]),
    ("The Ardenian government withdrew the bill.", [("Ardenia", "CONCEDE", None, False, "asserted")]),
    # a named act with its doer; a named act without one codes nothing
    ("The crash prompted an apology from Orlov.", [("Tam Orlov", "SUPPORT", None, False, "asserted")]),
    ("The suppression of protests in Lisk continued.", []),
    # a named act that only dates what is reported is background
    ("Security was tightened ahead of a visit by Orlov.", []),
    ("Mohr spoke on the eve of an attack by Kessa.", []),
    # a group named with its country is the group; an act announced for a time ahead is future
    ("Afghan rebels attacked Port Vell.", [("rebels", "ASSAULT", "Ardenia", False, "asserted")]),
    ("Ardenia announced naval drills for next week.", [("Ardenia", "MOBILIZE", None, False, "future")]),
    ("Thousands of protesters took to the streets of Lisk.", [("protesters", "PROTEST", None, False, "asserted")]),
    # a promise of a hostile act is a threat, its complement not coded apart; a denial of a charge is no refusal
    ("The Carvian rebels vowed to keep fighting.", [("rebels", "THREATEN", None, False, "asserted")]),
    ("Orlov pledged to help Ardenia rebuild its ports.", [("Tam Orlov", "AGREE", "Ardenia", False, "asserted")]),
    ("Kessa dismissed the accusation as hysteria.", []),
    ("Orlov provided no evidence.", []),
    # two sides clashing or exchanging fire attack each other
    ("Ardenian and Belmarkian troops exchanged fire.",
     [("Ardenia", "ASSAULT", "Belmark", False, "asserted"), ("Belmark", "ASSAULT", "Ardenia", False, "asserted")]),
    # an order to another side is a demand; an order to one's own people is not
    ("Mohr ordered Belmark to withdraw its troops.", [("Ida Mohr", "REQUEST", "Belmark", False, "asserted")]),
    ("Mohr ordered the delegation home.", []),
    # a passive participle with its doer is a clause; set off by commas it is an aside
    ("The talks brokered by Kessa collapsed.", [("Belmark", "CONSULT", None, False, "asserted")]),
    ("Mohr rejected a compromise offered by Orlov.",
     [("Ida Mohr", "REJECT", "Tam Orlov", False, "asserted"), ("Tam Orlov", "AGREE", None, False, "asserted")]),
    ("Mohr rejected the plan, drafted by Orlov, as unworkable.", [("Ida Mohr", "REJECT", None, False, "asserted")]),
    # an infinitive of a demand is what is demanded, however the parser hangs it; its purpose is another act
    ("Ardenia called on Belmark to allow aid convoys into Lisk and lift the siege.",
     [("Ardenia", "REQUEST", "Belmark", False, "asserted")]),
    # whom unnamed agents act for; "the release of X": X is released, not asked
    ("Ardenia blamed hackers working for Belmark's intelligence agency.", [("Ardenia", "ACCUSE", "Belmark", False, "asserted")]),
    ("Mohr demanded the release of Orlov.", [("Ida Mohr", "REQUEST", None, False, "asserted")]),
    # a court's finding of blame accuses whom the clause blames
    ("Chief Justice Maria Lopez ruled that Belmark had acted unlawfully.", [("Maria Lopez", "ACCUSE", "Belmark", False, "asserted")]),
    # a relative clause's "which" is the noun it hangs on; suspending a constitution restricts, suspending a member sanctions
    ("The Belmarkian government, which expelled Ardenian diplomats, refused to talk.",
     [("Belmark", "SANCTION", "Ardenia", False, "asserted"), ("Belmark", "REJECT", None, False, "asserted")]),
    ("Orlov suspended the constitution.", [("Tam Orlov", "COERCE", None, False, "asserted")]),
    ("Ardenia suspended Belmark from the customs union.", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    # hosting people named by their country is no meeting; hosting their negotiators is
    ("Carvia, which hosts two million Ardenian refugees, condemned the strike.", [("Carvia", "ACCUSE", None, False, "asserted")]),
    ("Carvia hosted the Ardenian negotiators on Monday.", [("Carvia", "CONSULT", "Ardenia", False, "asserted")]),
    # a backer named in a modifier is not the actor; a promise to go on with an offensive threatens it
    ("Ardenian-backed rebels attacked Kessa.", [("rebels", "ASSAULT", "Belmark", False, "asserted")]),
    ("Mohr vowed to press on with the offensive.", [("Ida Mohr", "THREATEN", None, False, "asserted")]),
    ("Ardenia and Belmark traded missile strikes.",
     [("Ardenia", "ASSAULT", "Belmark", False, "asserted"), ("Belmark", "ASSAULT", "Ardenia", False, "asserted")]),
    # a finite verb the parser hung on its subject is still that subject's
    ("Carvia, which mediates between Ardenia and Belmark, called for calm.",
     [("Carvia", "CONSULT", "Ardenia", False, "asserted"), ("Carvia", "CONSULT", "Belmark", False, "asserted"),
      ("Carvia", "REQUEST", None, False, "asserted")]),
    # protesters occupying roads protest; sending tonnes of aid is aid; closing a border sanctions whom it shuts out
    ("Protesters occupied the main square.", [("protesters", "PROTEST", None, False, "asserted")]),
    ("Kessa sent 50 tonnes of food aid.", [("Belmark", "AID", None, False, "asserted")]),
    ("Ardenia closed its border with Belmark.", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    ("Mohr called the vote a \"coup\".", [("Ida Mohr", "ACCUSE", None, False, "asserted")]),
    ("Mohr met the Belmarkian ambassador.", [("Ida Mohr", "CONSULT", "Belmark", False, "asserted")]),
    # what is demanded is not done: the demand is coded, not the easing or the mediating it asks for
    ("Carvia reiterated its demand that Belmark ease restrictions on trade.", [("Carvia", "REQUEST", None, False, "asserted")]),
    ("Mohr said Belmark must be ready to mediate between Lisk and Kessa.", [("Ida Mohr", "REQUEST", "Belmark", False, "asserted")]),
    # supporters of a leader are the supporters
    ("About 200 supporters of Orlov blocked roads in Lisk.", [("supporters", "PROTEST", None, False, "asserted")]),
    # words that look like force: a deal struck, a minister fired, a budget attacked
    ("Ardenia and Belmark struck a deal to share port data.",
     [("Ardenia", "AGREE", "Belmark", False, "asserted"), ("Belmark", "AGREE", "Ardenia", False, "asserted")]),
    ("Mohr fired her defence minister.", []),
    ("Orlov attacked the budget as reckless.", [("Tam Orlov", "ACCUSE", None, False, "asserted")]),
    ("Orlov attacked Lisk.", [("Tam Orlov", "ASSAULT", "Carvia", False, "asserted")]),
    ("Mohr hailed the accord as a breakthrough.", [("Ida Mohr", "SUPPORT", None, False, "asserted")]),
    # goods hit stand for where they come from; help is for whom its purpose names
    ("Ardenia imposed duties on cars imported from Belmark.", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    ("Ardenia will provide loans to help Belmark rebuild.", [("Ardenia", "AID", "Belmark", False, "future")]),
    # a time is no part of the verb: a call to a named side is a phone call, "called an election for May" nothing
    ("Mohr called Orlov on Tuesday.", [("Ida Mohr", "CONSULT", "Tam Orlov", False, "asserted")]),
    ("Kessa called an early election for May.", []),
    # armed men clash, ministers argue; people protesting are not their government complaining
    ("Ardenian and Belmarkian troops clashed near Lisk.",
     [("Ardenia", "ASSAULT", "Belmark", False, "asserted"), ("Belmark", "ASSAULT", "Ardenia", False, "asserted")]),
    ("Mohr and Orlov clashed over the budget.", []),
    ("Thousands of Ardenians protested outside parliament.", [("Ardenia", "PROTEST", None, False, "asserted")]),
    ("Ardenia protested to Belmark over the flights.", [("Ardenia", "ACCUSE", "Belmark", False, "asserted")]),
    # "described X as Y" judges as "called X Y" does; dismissing criticism is a denial
    ("Orlov described the ban as a violation of the accord.", [("Tam Orlov", "ACCUSE", None, False, "asserted")]),
    ("Kessa dismissed the criticism as interference.", []),
    ("The visit drew sharp criticism from Kessa.", [("Belmark", "ACCUSE", None, False, "asserted")]),
    ("Kessa put its troops on high alert.", [("Belmark", "MOBILIZE", None, False, "asserted")]),
    ("Ardenia's refusal to negotiate drew criticism from Kessa.", [("Belmark", "ACCUSE", "Ardenia", False, "asserted")]),
    ("Ardenia slaps fresh sanctions on Belmark", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    # countermeasures vowed threaten; an act hyphenated as written ("sit-in"); trade restricted; firms blacklisted
    ("Kessa vowed countermeasures.", [("Belmark", "THREATEN", None, False, "asserted")]),
    ("Mohr's supporters staged a sit-in outside the commission's offices.", [("supporters", "PROTEST", None, False, "asserted")]),
    ("Ardenia restricted exports of chips to Belmark.", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    ("Ardenia blacklisted 20 Belmarkian firms.", [("Ardenia", "SANCTION", "Belmark", False, "asserted")]),
    # a subject denied in full; refusing to rule out a strike threatens it; a country's formal protest is a complaint
    ("Neither Ardenia nor Belmark has agreed to the plan.",
     [("Ardenia", "REJECT", None, True, "asserted"), ("Belmark", "REJECT", None, True, "asserted")]),
    ("Ardenia refused to rule out a strike on Belmark.", [("Ardenia", "THREATEN", "Belmark", False, "asserted")]),
    ("Ardenia is considering a formal protest against Belmark.", [("Ardenia", "ACCUSE", "Belmark", False, "intent")]),
    ("Kessa will not attend the talks.", [("Belmark", "REJECT", None, True, "future")]),
    # where they rally is not what they rally; striking doctors are a side
    ("Hundreds of lawyers rallied in support of the ruling.", [("lawyers", "PROTEST", None, False, "asserted")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_coded_actions(profile, text, expected):
    got = [(a.source_actor, a.type, a.target_actor, a.negated, a.modality) for a in _code(text, profile)]
    assert got == expected


@pytest.mark.parametrize("text, type_, modality, root, plover", [
    ("Mohr said she would be open to talks with Belmark.", "CONSULT", "conditional", "03", "AGREE"),
    ("Ardenia plans to impose sanctions on Belmark.", "SANCTION", "intent", "13", "THREATEN"),
    ("Ardenia imposed sanctions on Belmark.", "SANCTION", "asserted", "16", "SANCTION"),
    ("Ardenia will not hold negotiations with Belmark.", "REJECT", "future", "12", "REJECT"),
])
def test_intended_acts_join_cameo_as_intent_or_threat(profile, text, type_, modality, root, plover):
    (action,) = _code(text, profile)
    assert (action.type, action.modality, action.cameo_root, action.plover_event) == (type_, modality, root, plover)


def test_the_offer_answers_whoever_made_it(profile):
    got = [(a.source_actor, a.type, a.target_actor) for a in _code("Mohr offered a ceasefire. Orlov dismissed the offer.", profile)]
    assert got == [("Ida Mohr", "AGREE", None), ("Tam Orlov", "REJECT", "Ida Mohr")]


@pytest.mark.parametrize("text, expected", [
    # an unprofiled person named in full, then by surname (tagged or not by the model)
    ("Brazilian President Luiza Prado met Orlov. Prado later praised Orlov.",
     [("Luiza Prado", "CONSULT", "Tam Orlov"), ("Luiza Prado", "SUPPORT", "Tam Orlov")]),
    # "the two leaders": the last two people named; "the commission": the organisation of that name
    ("Mohr met Orlov in Lisk. The two leaders agreed to resume talks.",
     [("Ida Mohr", "CONSULT", "Tam Orlov"), ("Ida Mohr", "AGREE", "Tam Orlov"), ("Tam Orlov", "AGREE", "Ida Mohr")]),
    ("The Varnel Electoral Commission published the results. The commission condemned the violence.",
     [("Varnel Electoral Commission", "ACCUSE", None)]),
    # a reaction to "the decision" answers the side that made it
    ("Belmark imposed sanctions on Ardenia. Mohr denounced the decision.",
     [("Belmark", "SANCTION", "Ardenia"), ("Ida Mohr", "ACCUSE", "Belmark")]),
    # an acronym spelled out once; "the group": the organisation named last
    ("The Red Dawn Front (RDF) attacked Kessa. The RDF later vowed to keep fighting.",
     [("Red Dawn Front", "ASSAULT", "Belmark"), ("Red Dawn Front", "THREATEN", None)]),
    ("The Red Dawn Front attacked Kessa. The group demanded a ransom.",
     [("Red Dawn Front", "ASSAULT", "Belmark"), ("Red Dawn Front", "REQUEST", None)]),
    # a vote, a resolution or a ruling stands for the body that made it
    ("The Varnel Council adopted a resolution on Lisk. Mohr welcomed the vote. The resolution calls on Belmark to withdraw.",
     [("Ida Mohr", "SUPPORT", "Varnel Council"), ("Varnel Council", "REQUEST", "Belmark")]),
    ("The Varnel Council adopted a resolution demanding a halt to the fighting.", [("Varnel Council", "REQUEST", None)]),
    # a decision answers the body that made that kind of decision, not whoever approved something else
    ("Carvia's parliament approved Ardenia's request. Belmark vetoed the resolution.", [("Belmark", "REJECT", None)]),
    # calling someone's drills names judges whoever held them
    ("Ardenia held naval drills. Kessa called the drills a rehearsal for invasion.",
     [("Ardenia", "MOBILIZE", None), ("Belmark", "ACCUSE", "Ardenia")]),
    ("Police used tear gas against the crowd.", [("police", "COERCE", None)]),
    # "the government", no leader named: the country just named, not a city
    ("Ardenian troops shelled Toronto. Orlov ordered the government to stop.",
     [("Ardenia", "ASSAULT", "Toronto"), ("Tam Orlov", "REQUEST", "Ardenia")]),
    # "the two neighbours" are not the country that only says whose president is speaking
    ("Ardenia and Belmark exchanged fire again. Carvian President Lo Pan offered to mediate between the two neighbours.",
     [("Ardenia", "ASSAULT", "Belmark"), ("Belmark", "ASSAULT", "Ardenia"), ("Lo Pan", "AGREE", "Ardenia"),
      ("Lo Pan", "AGREE", "Belmark")]),
])
def test_names_carried_across_sentences(profile, text, expected):
    got = [(a.source_actor, a.type, a.target_actor) for a in _code(text, profile)]
    assert got == expected


def test_many_actors_with_a_verb_code_only_those_named(profile):
    names = ["Ardenia", "Belmark", "Carvia", "Mohr", "Orlov"] * 10
    text = ", ".join(names[:-1]) + " and " + names[-1] + " met."
    coded = _code(text, profile)
    assert {a.source_actor for a in coded} <= {"Ardenia", "Belmark", "Carvia", "Ida Mohr", "Tam Orlov"}
    assert all(a.type == "CONSULT" and a.start == 0 for a in coded)


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


def test_an_act_done_by_saying_it_is_dated_by_the_saying():
    from storyline.actions import code_actions
    from storyline.records import Article

    text = ("Talks\n\nIn a change of heart on Monday, President Vladimir Putin said he would be open to talks "
            "with Ukraine.\n\nPutin said Russia would be open to talks with Ukraine.")
    found = code_actions(Article(id="x", source="x", text=text, published="2025-04-23"))
    assert [(a.date, a.date_how) for a in found if a.type == "CONSULT"] == [("2025-04-21", "text"), ("2025-04-23", "published")]
