"""Reported speech: clause boundaries, content carried by nouns, colons, and who reports it."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.quotes import extract_attributions


@pytest.fixture(scope="session")
def model():
    return nlp.load()


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_attributions("t", text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle after the comma frames the report; a list of verbs goes on with it
        (
            "Anna Berg has signaled that Tarn is ready for talks on a border deal, breaking months of silence.",
            [("Anna Berg", "Tarn is ready for talks on a border deal")],
        ),
        (
            "Experts have noted that sanctions have eroded growth, choked imports, and forced a shift toward a war economy.",
            [(None, "sanctions have eroded growth, choked imports, and forced a shift toward a war economy")],
        ),
        # ", while others ..." is another party's view
        (
            "Some analysts argued that Vostra bears the blame for the delay, while others rejected that view.",
            [(None, "Vostra bears the blame for the delay")],
        ),
        # ",” while stressing": the cut holds after a closing mark, and the one stressing is the reporter
        (
            "Tom Hale noted that the draft plan “contains ideas we can use,” while stressing that several issues still require work.",
            [("Tom Hale", "the draft plan “contains ideas we can use"), ("Tom Hale", "several issues still require work")],
        ),
        # "By saying ...": the subject of the main verb said it
        ("By saying he was ready to meet the rebels, Tom Hale made a choice.", [("Tom Hale", "he was ready to meet the rebels")]),
        # wire style with a quoted fragment inside is still reported speech
        (
            "Tarn has refused to talk to Karl Dorn, whom it calls the head of a “puppet regime”, notes regional expert Tom Hale.",
            [("Tom Hale", "Tarn has refused to talk to Karl Dorn, whom it calls the head of a “puppet regime")],
        ),
        # a colon after the verb's phrase opens what is said; not after a verb that says nothing
        (
            "Lena Moss and senior officials have repeated a clear line: any durable peace must restore the old border.",
            [("Lena Moss", "any durable peace must restore the old border")],
        ),
        ("Lena Moss gave a speech: the plan is dead.", []),
    ],
)
def test_clauses(model, text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Karl Dorn has, time and again, reiterated his desire for a 10-day truce.", [("Karl Dorn", "his desire for a 10-day truce")]),
        ("The threat of a walkout was reiterated by Foreign Minister Karl Dorn on Wednesday.", [("Karl Dorn", "The threat of a walkout")]),
        ("The council has threatened to walk away from the talks if no progress is made.", [(None, "walk away from the talks if no progress is made")]),
        ("Tarn leaders warned of new tariffs if Vostra refused.", [(None, "new tariffs if Vostra refused")]),
        ("Anna Berg's claim that Tarn is ready for talks is not a turning point.", [("Anna Berg", "Tarn is ready for talks")]),
        # deeds, words for the saying itself, and claims nobody is named as making
        ("Lena Moss announced a surprise truce over the weekend.", []),
        ("Lena Moss proposed joint patrols on the road.", []),
        ("Karl Dorn reiterated his stance on Tuesday.", []),
        ("The claim that Tarn is ready for talks is not a turning point.", []),
    ],
)
def test_content_carried_by_nouns(model, text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # requests: the listener and the infinitive are what was asked for
        ("Lena Moss urged the council to reopen the border crossing.", [("Lena Moss", "the council to reopen the border crossing")]),
        ("Karl Dorn called on Tarn to withdraw its troops from the valley.", [("Karl Dorn", "Tarn to withdraw its troops from the valley")]),
        ("Anna Berg called for an immediate exchange of prisoners.", [("Anna Berg", "an immediate exchange of prisoners")]),
        # judgements: the one judged and the grounds
        ("Tom Hale accused the mediators of hiding the draft from the press.", [("Tom Hale", "the mediators of hiding the draft from the press")]),
        ("Anna Berg blamed Vostra for the collapse of the talks.", [("Anna Berg", "Vostra for the collapse of the talks")]),
        ("Karl Dorn called the proposal a trap for the smaller states.", [("Karl Dorn", "the proposal a trap for the smaller states")]),
        # findings and rulings of studies, polls and courts
        ("The appeals court ruled that the new tax broke the federal law.", [(None, "the new tax broke the federal law")]),
        # deeds and things, not speech: no speaking subject, no grounds, a place to go to
        ("Low interest rates encouraged farmers to borrow more money.", []),
        ("The storm forced residents to leave their homes.", []),
        ("The band leader called the guests to the stage.", []),
        ("Anna Berg found that the door was locked.", []),
        ("Tom Hale blasted the council for ignoring the farmers.", [("Tom Hale", "the council for ignoring the farmers")]),
        ("Tarn attacked the valley for a third night.", []),
        ("Tarn attacked the valley for its resistance.", []),
        ("Anna Berg criticized the council for years.", []),
        # a participle on a deed is not taken as speech
        ("Karl Dorn left the talks a day early, accusing Tarn of bad faith.", []),
    ],
)
def test_speech_acts(model, text, expected):
    found = [(q.speaker, q.text) for q in extract_attributions("t", text).quotes if q.kind == "indirect"]
    assert [(s.split()[-1] if s else s, t) for s, t in found] == [(s.split()[-1] if s else s, t) for s, t in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a that-less clause after a time phrase, which the parse makes adverbial
        ("Tom Hale said after the vote he would not accept the new map.", [("Tom Hale", "he would not accept the new map")]),
        # nothing was said: a negated cue, a subject that denies it, an inference, "without saying"
        ("Anna Berg did not say that the talks had failed.", []),
        ("Neither capital has confirmed that it will return to the talks.", []),
        ("The refusal suggests that neither side is ready to give ground.", []),
        ("It goes without saying that the new tax will be unpopular.", []),
        # the gerund after a preposition shares the subject of its sentence
        ("Tom Hale refuses to name a cabinet, aside from saying he wants a young team.", [("Tom Hale", "he wants a young team")]),
        # "pointed out", "charges", a possessed conclusion
        ("Anna Berg pointed out that the road had been closed since May.", [("Anna Berg", "the road had been closed since May")]),
        ("Tom Hale charges that the mediators favoured the larger side.", [("Tom Hale", "the mediators favoured the larger side")]),
        ("Lena Moss's conclusion that the map was lawful drew protests.", [("Lena Moss", "the map was lawful")]),
        # a noun phrase set after the clause comments on the report
        (
            "Anna Berg said on Tuesday she would study the proposal, a cautious first response that diplomats welcomed.",
            [("Anna Berg", "she would study the proposal")],
        ),
    ],
)
def test_clause_rules(model, text, expected):
    assert reported(text) == expected


def test_the_ministry_is_the_ministry_named_before(model):
    text = "The Ministry of Defence said the exchange was complete. The soldiers will rest in Kerst, the ministry added."
    found = extract_attributions("t", text).quotes
    assert [(q.speaker, q.speaker_mention) for q in found if q.kind == "indirect"][-1] == ("Ministry of Defence", "the ministry")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Berg: Tarn Is Ready For Talks\n\nAnna Berg spoke in the capital on Monday.", [("Anna Berg", "Tarn Is Ready For Talks")]),
        # a heading, an unnamed source, a transcript label
        ("Bottom Line: A Signal, Not a Settlement\n\nAnna Berg spoke on Monday.", []),
        ("Poll: Tarn and Vostra tied before the vote\n\nAnna Berg spoke on Monday.", []),
        ("BERG: We will not sign this paper today.\n\nAnna Berg spoke on Monday.", []),
    ],
)
def test_headline_colons(model, text, expected):
    assert reported(text) == expected


def test_according_to_a_person_the_model_took_for_an_outlet(model):
    text = "Retired general Carter Ham spoke on Monday.\n\nAccording to Ham, the current administration has shuffled through military leaders."
    found = extract_attributions("t", text).quotes
    assert [(q.speaker, q.cue, q.text) for q in found if q.kind == "indirect"] == [
        ("Carter Ham", "according to", "the current administration has shuffled through military leaders")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parse may fold the credited clause into the "according to" phrase; it ends at its comma
        (
            "Rush Limbaugh spoke on Monday. According to radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
            [("Rush Limbaugh", "the move reeks of “fear” and desperation")],
        ),
        ("According to Tessa Lund, a former envoy, the deal was signed in May.", [("Tessa Lund", "the deal was signed in May")]),
    ],
)
def test_according_to_a_person(model, text, expected):
    assert reported(text) == expected
