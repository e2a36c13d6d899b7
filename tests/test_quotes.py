"""Quotations: every shape of quotation mark, scare quotes, reported speech, and bad input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import nlp
from storyline.quotes import extract_attributions, scan


@pytest.fixture(scope="session")
def model():
    return nlp.load()


def quotes_of(text: str, kind: str | None = None):
    found = extract_attributions("t", text).quotes
    return [(q.speaker, q.text) for q in found if kind is None or q.kind == kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We are ready to talk,” Anna Berg said.", [("Anna Berg", "We are ready to talk")]),
        ('"We are ready to talk," Anna Berg said.', [("Anna Berg", "We are ready to talk")]),
        ("«We are ready to talk», said Anna Berg.", [("Anna Berg", "We are ready to talk")]),
        (
            "Anna Berg spoke on Monday. “The talks are over. Nobody won anything,” she said.",
            [("Anna Berg", "The talks are over. Nobody won anything")],
        ),
        (
            "“We are ready,” Anna Berg said, “but much remains to be done.”",
            [("Anna Berg", "We are ready"), ("Anna Berg", "but much remains to be done.")],
        ),
        (
            "“They told us to say ‘yes’ or leave the room,” Tom Hale told reporters.",
            [("Tom Hale", "They told us to say ‘yes’ or leave the room")],
        ),
        (
            "“The first paragraph of a long statement ends here.\n\n“The second one closes it,” said Tom Hale.",
            [("Tom Hale", "The first paragraph of a long statement ends here."), ("Tom Hale", "The second one closes it")],
        ),
        (
            "“We talked for hours. Nothing came of it,” says Mara Quist. “We will try again next month.”",
            [("Mara Quist", "We talked for hours. Nothing came of it"), ("Mara Quist", "We will try again next month.")],
        ),
        # scare quotes and titles: not quotations
        ("The so-called “peace plan” was shelved by the committee.", []),
        ("Officials met the “Working Group” in the capital on Monday.", []),
        ("Nobody in the city believed the “ceasefire” would hold.", []),
        # a quoted title standing as its own paragraph is a section heading; a quoted sentence is not
        ("Lena Moss spoke last.\n\n‘All Bets Are Off.’\n\nThe rain kept falling.", []),
        ("Lena Moss spoke last.\n\n“We will win this war.”\n\nThe rain kept falling.", [(None, "We will win this war.")]),
        # apostrophes are not quotation marks
        ("Russia’s envoy and the allies’ plan were discussed at the nation's capital.", []),
        # a speaker we cannot name is None, never a guess
        ("“The border stays closed,” a senior official said.", [(None, "The border stays closed")]),
        # a long description between the quotation and its cue; the name opening the frame
        (
            "“It is an invasion of our domain,” Marcus Pell, the attorney general of Ostland, one of the states suing the agency, said at an event.",
            [("Marcus Pell", "It is an invasion of our domain")],
        ),
        (
            "“He is absolutely right about the troops,” Brennick, a senior campaign surrogate, said on Thursday on Channel Nine’s “Morning Hour.”",
            [("Brennick", "He is absolutely right about the troops")],
        ),
        # cues that frame a quotation only when set beside it
        (
            "Tessa Lund spoke first. Lund continued: “The rest of the plan is not normal at all.”",
            [("Tessa Lund", "The rest of the plan is not normal at all.")],
        ),
        ("The talks continued. “We are far apart on every point,” one delegate said.", [(None, "We are far apart on every point")]),
        # credited with "according to", no verb
        (
            "Tessa Lund spoke first. According to Lund, “If it was left to them, nobody would have time to speak.”",
            [("Tessa Lund", "If it was left to them, nobody would have time to speak.")],
        ),
        # the comma of a quotation inside ends the outer one too
        (
            "Omar Vell spoke last. “I would say, ‘That is ridiculous,’” Vell added.",
            [("Omar Vell", "I would say, ‘That is ridiculous,’")],
        ),
        # a quotation opening a sentence that runs on to ", X said"
        (
            "Dana Holt studied the plan. “I have admiration for the mechanics” of the plan, Ms. Holt said.",
            [("Dana Holt", "I have admiration for the mechanics")],
        ),
        # two apostrophes for a double quotation mark, as some archives write it
        (
            "''This is not reform,'' said Dana Holt, an economist. ''It is tinkering at the edges.''",
            [("Dana Holt", "This is not reform"), ("Dana Holt", "It is tinkering at the edges.")],
        ),
        # a line opening with a person the article names, then a colon
        (
            "Harlan Voight Slams Agency Chief: ‘You Should Be Investigated.’\n\nHarlan Voight questioned the chief on Tuesday.",
            [("Harlan Voight", "You Should Be Investigated.")],
        ),
        ("Breaking News: “The bridge is closed to all traffic tonight.”", [(None, "The bridge is closed to all traffic tonight.")]),
        # quoted names of works and programmes are not speech
        ("In an interview with “Channel Nine Tonight,” Anna Berg said little.", []),
        ("Tom Hale wrote in his column, “The Long View,” that taxes would rise.", []),
        ("Tom Hale told “Sunday Morning Review” he would run again.", []),
        # a surname the model may tag as a place resolves to the person named in full before
        (
            "Claire Paris chairs the committee. “We have waited long enough for this vote,” Paris wrote on Sunday.",
            [("Claire Paris", "We have waited long enough for this vote")],
        ),
    ],
)
def test_direct_quotes(model, text, expected):
    assert quotes_of(text, "direct") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anna Berg said the government is ready for “serious dialogue” on the border.", [("Anna Berg", "serious dialogue")]),
        ("Tom Hale described the offer as “pointless” at a briefing.", [("Tom Hale", "pointless")]),
        ("The report praised the “serious dialogue” between the two sides.", []),
        # a lower-case fragment run into the sentence after a cue is partial, not direct
        (
            "Foreign Minister Karl Dorn, who had arrived promising “patience and a long pen,” left without a word.",
            [("Karl Dorn", "patience and a long pen")],
        ),
        # a lower-case fragment after "says," carries on the reporter's sentence
        (
            "Though the offer will be ignored in the west, Tom Hale says, “his message will be heard in the south”.",
            [("Tom Hale", "his message will be heard in the south")],
        ),
        # coined names and so-called terms are not speech
        ("Officials have taken to calling the crossing the “bridge of sighs” since May.", []),
        ("Tarnian officials want what they call a “Vostra corridor” across the valley.", []),
        ("Tarn wants convoys along the so-called ‘Vostra corridor’ between the towns.", []),
    ],
)
def test_partial_quotes(model, text, expected):
    assert quotes_of(text, "partial") == expected


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("Anna Berg said she would be open to bilateral talks.", "Anna Berg", "she would be open to bilateral talks"),
        ("Tom Hale warned that the truce could collapse within days.", "Tom Hale", "the truce could collapse within days"),
        ("The bridge was closed for repairs on Monday.", None, None),
        # wire style: the clause first, the attribution after a comma
        ("The talks ended without a truce on Thursday, the mediator Anna Berg said.", "Anna Berg", "The talks ended without a truce on Thursday"),
        ("VOSTRA — The two sides exchanged 40 prisoners on Saturday, the Ministry of Defence said, in a first swap.", "Ministry of Defence", "The two sides exchanged 40 prisoners on Saturday"),
        # the day belongs to the verb, not to what was said
        ("Anna Berg said on Tuesday it would study the proposal.", "Anna Berg", "it would study the proposal"),
        # a trailing "according to" is not part of the clause
        ("Anna Berg said the road must be settled first, according to Reuters.", "Anna Berg", "the road must be settled first"),
        # content credited to people by "according to"; to an outlet it is a cited source
        ("The draft would have placed the road under joint patrols, according to two diplomats.", None, "The draft would have placed the road under joint patrols"),
        ("The draft would have placed the road under joint patrols, according to Reuters.", None, None),
        # questions and asides report no content
        ("Anna Berg would not say how many soldiers had been freed.", None, None),
        ("Asked what he wanted first, Tom Hale laughed.", None, None),
        # the attribution set between commas inside the reported sentence
        (
            "During the long winter, Anna Berg said, most farmers came to rely on the new road.",
            "Anna Berg",
            "most farmers came to rely on the new road",
        ),
        ("The new tax, Anna Berg said, will hurt small farmers most.", "Anna Berg", "The new tax, Anna Berg said, will hurt small farmers most"),
        # a clause right after a quoted programme name does not begin with its closing mark
        ("Tom Hale told “Sunday Morning Review” he would run again.", "Tom Hale", "he would run again"),
        # a that-clause the parser hangs on the listener is still what was told
        (
            "Anna Berg told a meeting of farmers that few people understood the new tax.",
            "Anna Berg",
            "few people understood the new tax",
        ),
    ],
)
def test_indirect_quotes(model, text, speaker, content):
    found = quotes_of(text, "indirect")
    assert found == ([(speaker, content)] if content else [])


def test_hypothetical_lines_are_not_quotes(model):
    assert quotes_of("Critics may say: “This deal rewards the aggressor and nobody will stop them.”") == []


def test_reason_given_when_speaker_unknown(model):
    q = extract_attributions("t", "“The border stays closed and it will stay closed,” a senior official said.").quotes[0]
    assert q.speaker is None and q.reason


@pytest.mark.parametrize(
    "text, runs",
    [
        ("He said “yes” and “no”.", ["yes", "no"]),
        ("“unclosed quotation runs on", []),
        ("A stray ” mark and nothing else", []),
        ("Marks ”reversed“ by a careless site still pair", ["reversed"]),
        ('It\'s the “mixed" style', ["mixed"]),
        ("‘Single quoted words’ here", ["Single quoted words"]),
    ],
)
def test_scan(text, runs):
    assert [text[r.start : r.end] for r in scan(text)] == runs


def _valid(text: str) -> None:
    for q in extract_attributions("t", text).quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "“An opening quote that never closes, said Tom Hale. And the text goes on.",
        "\"" * 10_000,
        "“a ‘b” c’ «d» \"e' f” ‘g",
    ],
)
def test_bad_input_is_bounded_and_safe(model, text):
    _valid(text)


def test_a_paragraph_of_marks_is_tokenized_not_parsed(model):
    # The parser on one endless "sentence" of 10,000 marks takes minutes on a loaded machine;
    # such a paragraph is only tokenized, while a real paragraph of the same length is parsed.
    marks = nlp.parse("\"" * 10_000)
    assert len(marks) > 0 and not marks.has_annotation("DEP")
    prose = nlp.parse("Tom Hale said the talks would resume on Monday in the capital. " * 160)
    assert prose.has_annotation("DEP")


def test_megabyte_paragraph_without_sentence_end(model):
    # A guard against runaway matching, not a speed figure: linear work takes seconds here.
    text = ("word “quoted” " * 80_000)[:1_000_000]
    started = time.perf_counter()
    _valid(text)
    assert time.perf_counter() - started < 120


def test_doc_must_match_text(model):
    with pytest.raises(ValueError):
        extract_attributions("t", "One text.", nlp.parse("Another text."))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’'\"«»Xy:")), max_size=200))
def test_spans_always_point_inside_the_text(model, text):
    _valid(text)


def test_seeds_direct_quotes_have_speakers(model, seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = extract_attributions(path.stem, text)
        for q in found.quotes:
            assert text[q.start : q.end] == q.text
            if q.kind == "direct":
                assert q.speaker is not None or q.reason
