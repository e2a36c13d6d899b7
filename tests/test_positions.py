"""Stances from quotes and coded actions, the actor x issue matrix, and stance shifts."""

from __future__ import annotations

import pytest

from storyline.actions import Action
from storyline.positions import ArticleFindings, matrix, positions, shifts, stance_of
from storyline.profile import load_profile
from storyline.records import Article, Quote

PROFILE = """\
name: test-positions
actors:
  - {name: Ardenia, kind: country, aliases: [Ardenian]}
  - {name: Ida Mohr, kind: person, country: Ardenia, aliases: [Mohr]}
issues:
  - {name: talks, cues: [direct talks, talks]}
  - {name: ceasefire, cues: [ceasefire, truce]}
stances:
  conditions: [only if, unless]
  rejects: [reject, will not, no]
  demands: [must, demand]
  open_to: [ready, open to]
  accepts: [accept, welcome]
"""


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("p") / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path)


@pytest.mark.parametrize("text, stance", [
    ("We will not hold direct talks.", "rejects"),
    ("We are ready for talks only if the shelling stops.", "conditions"),
    ("A truce must come first.", "demands"),
    ("We are open to a ceasefire.", "open_to"),
    ("We welcome the truce.", "accepts"),
    ("The weather is fine.", None),
    ("Nobody knows.", None),  # "no" inside a word is no cue
])
def test_stance_of(profile, text, stance):
    assert stance_of(text, profile) == stance


def _article(aid, day, text):
    return Article(id=aid, source=aid, text=text, published=day)


def _quote(art, text, speaker="Ida Mohr"):
    start = art.text.index(text)
    return Quote(article=art.id, text=text, kind="direct", start=start, end=start + len(text), speaker=speaker)


def test_positions_from_quotes_and_actions_and_the_shift(profile):
    a1 = _article("a1", "2030-01-10", "“We will not hold direct talks,” Mohr said. “A truce must come first.”")
    a2 = _article("a2", "2030-02-20", "Mohr said Ardenia was ready for direct talks.")
    act = Action(article="a2", date="2030-02-20", source_actor="Ida Mohr", type="CONSULT", cameo_root="04",
                 target_actor=None, start=0, end=len(a2.text), modality="intent", verb="ready for talks",
                 verb_start=a2.text.index("ready"), verb_end=a2.text.index("ready") + 5)
    unattributed = Quote(article="a1", text="We welcome the truce.", kind="direct", start=0, end=5, speaker=None)
    found = positions([
        ArticleFindings(a1, (_quote(a1, "We will not hold direct talks,"), _quote(a1, "A truce must come first."), unattributed)),
        ArticleFindings(a2, (), (act,)),
    ], profile)
    got = {(p.actor, p.issue, p.stance, p.date) for p in found}
    assert got == {("Ida Mohr", "talks", "rejects", "2030-01-10"), ("Ida Mohr", "ceasefire", "demands", "2030-01-10"),
                   ("Ida Mohr", "talks", "open_to", "2030-02-20")}
    for p in found:
        for ev in p.evidence:
            text = {"a1": a1.text, "a2": a2.text}[ev.article]
            assert 0 <= ev.start < ev.end <= len(text)

    (shift,) = shifts(found)
    assert (shift.actor, shift.issue, shift.before.stance, shift.after.stance) == ("Ida Mohr", "talks", "rejects", "open_to")
    assert shift.before.evidence[0].article == "a1" and shift.after.evidence[0].article == "a2"

    early = matrix(found, end="2030-01-31")
    assert early["Ida Mohr"]["talks"].stance == "rejects"
    assert matrix(found)["Ida Mohr"]["talks"].stance == "open_to"
    assert matrix(found, start="2031-01-01") == {}


def test_no_shift_when_the_stance_holds(profile):
    a1 = _article("a1", "2030-01-10", "“We reject the truce,” Mohr said.")
    a2 = _article("a2", "2030-01-20", "“We still reject the truce,” Mohr said.")
    found = positions([ArticleFindings(a1, (_quote(a1, "We reject the truce,"),)),
                       ArticleFindings(a2, (_quote(a2, "We still reject the truce,"),))], profile)
    assert len(found) == 2 and shifts(found) == []


def test_partial_quote_takes_the_issue_of_its_sentence(profile):
    art = _article("a1", "2030-01-10", "Mohr called the direct talks “a trap we reject” on Monday.")
    start = art.text.index("a trap")
    partial = Quote(article="a1", text="a trap we reject", kind="partial", start=start, end=start + 16, speaker="Ida Mohr")
    (found,) = positions([ArticleFindings(art, (partial,))], profile)
    assert (found.actor, found.issue, found.stance) == ("Ida Mohr", "talks", "rejects")
    assert found.evidence[0].start <= start and found.evidence[0].end >= start + 16


def test_a_time_clause_sets_a_condition(profile):
    assert stance_of("We will accept a truce when Belmark stops the shelling.", profile) == "conditions"
    assert stance_of("We welcome the truce that began when Belmark withdrew.", profile) == "accepts"  # a past time


def test_stated_position(profile):
    art = _article("a1", "2030-01-10", "Mohr's position is unchanged: no direct talks. The weather is fine.")
    (found,) = positions([ArticleFindings(art)], profile)
    assert (found.actor, found.issue, found.stance, found.via) == ("Ida Mohr", "talks", "rejects", "stated")
    assert art.text[found.evidence[0].start:found.evidence[0].end].startswith("Mohr's position")


def test_an_answer_to_such_demands_takes_the_issue_named_before(profile):
    art = _article("a1", "2030-01-10", "Belmark wants a truce. Ardenia rejects such demands.")
    at = art.text.index("Ardenia")
    act = Action(article="a1", date="2030-01-10", source_actor="Ardenia", type="REJECT", cameo_root="12",
                 target_actor=None, start=at, end=len(art.text), verb="reject",
                 verb_start=art.text.index("rejects"), verb_end=art.text.index("rejects") + 7)
    (found,) = positions([ArticleFindings(art, (), (act,))], profile)
    assert (found.actor, found.issue, found.stance) == ("Ardenia", "ceasefire", "rejects")
    lone = _article("a2", "2030-01-10", "Belmark wants a truce. Ardenia rejects the idea.")
    act2 = Action(**{**act.as_dict(), "article": "a2"})
    assert positions([ArticleFindings(lone, (), (act2,))], profile) == []  # nothing points back


def _act(art: Article, kind: str, verb: str, target: str | None = None, modality: str = "asserted") -> Action:
    at = art.text.index(verb)
    return Action(article=art.id, date="2030-01-10", source_actor="Ardenia", type=kind, cameo_root="04",
                  target_actor=target, start=0, end=len(art.text), modality=modality, verb=verb,
                  verb_start=at, verb_end=at + len(verb))


def test_talks_held_with_no_one_named_are_no_stance_on_talks(profile):
    art = _article("a1", "2030-01-10", "Ardenia held talks in its capital to revive the truce effort.")
    assert positions([ArticleFindings(art, (), (_act(art, "CONSULT", "held"),))], profile) == []
    # negative: talks held with the other side are
    with_other = _article("a2", "2030-01-10", "Ardenia held direct talks with Belmark.")
    (found,) = positions([ArticleFindings(with_other, (), (_act(with_other, "CONSULT", "held", "Belmark"),))], profile)
    assert (found.issue, found.stance) == ("talks", "accepts")


def test_an_act_asked_about_is_no_stance(profile):
    art = _article("a1", "2030-01-10", "The test is whether Ardenia accepts the truce demand.")
    assert positions([ArticleFindings(art, (), (_act(art, "AGREE", "accepts"),))], profile) == []
    done = _article("a2", "2030-01-10", "Ardenia accepts the truce demand.")
    (found,) = positions([ArticleFindings(done, (), (_act(done, "AGREE", "accepts"),))], profile)
    assert (found.issue, found.stance) == ("ceasefire", "accepts")


def test_rejecting_then_demanding_is_no_shift(profile):
    a1 = _article("a1", "2030-01-10", "“We will not accept a truce on their terms,” Mohr said.")
    a2 = _article("a2", "2030-02-20", "“A truce must come with guarantees,” Mohr said.")
    a3 = _article("a3", "2030-03-20", "“We welcome the truce,” Mohr said.")
    found = positions([
        ArticleFindings(a1, (_quote(a1, "We will not accept a truce on their terms,"),)),
        ArticleFindings(a2, (_quote(a2, "A truce must come with guarantees,"),)),
        ArticleFindings(a3, (_quote(a3, "We welcome the truce,"),)),
    ], profile)
    assert [(p.stance, p.date) for p in sorted(found, key=lambda p: p.date)] == [
        ("rejects", "2030-01-10"), ("demands", "2030-02-20"), ("accepts", "2030-03-20")]
    # the hard line holds from January to February; accepting in March is the shift
    assert [(s.before.stance, s.after.stance) for s in shifts(found)] == [("demands", "accepts")]
