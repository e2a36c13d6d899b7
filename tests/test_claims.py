"""Claim extraction: a table of sentences → (slot, value), negatives in the same table."""

import pytest

from storyline.profile import Actor, Office, Profile
from storyline.verify.claims import extract_claims, number, war_months

PROFILE = Profile(
    "test", "test.yaml",
    actors=(Actor("Norland", "country", aliases=("Norlandic",)),
            Actor("Sudia", "country", aliases=("Sudian",)),
            Actor("Ada Brun", "person", aliases=("Brun",), country="Norland",
                  offices=(Office("foreign minister", "Norland", "2020-01-01", "2024-03-01"),))),
    located_places=({"id": "t:portby", "name": "Portby", "kind": "capital", "country": "XN", "lat": 1.0, "lon": 1.0},
                    {"id": "t:lake-house", "name": "Lake House", "kind": "venue", "lat": 1.0, "lon": 1.0},
                    {"id": "t:norland", "name": "Norland", "kind": "country", "country": "XN", "lat": 1.0, "lon": 1.0}),
)

CASES = [
    ("The two sides exchanged 120 prisoners on Friday.", "prisoner_count", 120),
    ("Crowds waited. By noon 146 Norlandic soldiers had been freed.", "prisoner_count:Norland", 146),
    ("A strike killed at least nine people in the east.", "killed_count", 9),
    ("Ten people were hurt when the wall fell and killed a horse.", "injured_count", 10),  # the nearest toll word
    ("Police said 12 people were injured in the riots.", "injured_count", 12),
    ("Sudia released 131 Sudian servicemen.", "prisoner_count:Sudia", 131),
    ("The war, now nearly two years old, drags on.", "duration:war", (18, 24)),
    ("The war, now in its third year, drags on.", "duration:war", (24, 36)),
    ("the nearly three year conflict in the region", "duration:war", (30, 36)),
    ("They demanded a 30-day ceasefire.", "length:ceasefire", 30),
    ("The war began in August 2024, when columns crossed the passes.", "start:war", ("2024-08-01", "2024-08-31")),
    ("The two have been at war over the valley since February 2024.", "start:war", ("2024-02-01", "2024-02-29")),
    ("Losses since the full-scale invasion of the country in 2022 are high.", "start:war", ("2022-01-01", "2022-12-31")),
    ("By noon 146 Norlandic soldiers had come home.", "prisoner_count:Norland", 146),
    ("Sudia will deploy 200 unarmed monitors along the river.", "deployed_count:monitors", 200),
    ("Sudia offered a month-long truce on the front.", "length:ceasefire", 30),
    ("The draft put the road under joint patrols for a year.", "length:patrol", 365),
    ("It proposed joint patrols on the road for twelve months.", "length:patrol", 365),
    ("A second exchange is due within sixty days.", "due:exchange", 60),
    ("Sudia claims four Norlandic regions as its own.", "count:region", 4),
    ("Norland counted 59 instances of shelling on Sunday.", "count:instance", 59),
    ("The border summit, hosted by Sudia, ended early.", "host:border summit", "Sudia"),
    ("Delegates met at the harbour conference hosted by the Red Cross.", "host:harbour conference", "red cross"),
    ("He had called the Vale summit a stunt. He skipped that gathering, hosted by Sudian officials, in May.",
     "host:vale summit", "Sudia"),
    ("The round opened on Tuesday, July 7 in the capital.", "date:talks:start", "2026-07-07"),
    ("The truce takes effect at midnight on September 20.", "date:ceasefire:start", "2026-09-20"),
    ("The ceasefire will take effect at midnight on September 21, the ministry said.", "date:ceasefire:start", "2026-09-21"),
    ("Norlandic Foreign Minister Ada Brun arrived.", "office:Ada Brun", "foreign minister"),
    ("Ada Brun, Norland's foreign minister, arrived.", "office:Ada Brun", "foreign minister"),
    ("The two sides signed the accord at the Lake House in Portby on Friday.", "place:signing", "t:portby"),
    ("Ministers signed the text in the Norlandic capital Portby.", "place:signing", "t:portby"),
    ("Ministers signed the text in the Norlandic capital on Friday.", "place:signing", "t:portby"),
    ("Fighting along the front is to stop from midnight on September 20.", "date:ceasefire:start", "2026-09-20"),
    # negatives: counts of things, not people; no number; a count with no exchange or toll
    ("The army fired 59 shells on Sunday.", None, None),
    ("Two sides met in the capital.", None, None),
    ("Some 300 people attended the concert.", None, None),
    ("The plan has 12 points.", None, None),
    ("The meeting went on for two hours.", None, None),
    ("Firefighters rescued another five people from the balcony.", None, None),  # no toll, and not a total
    ("It was very hard for 12 people to sit down and decide.", None, None),
    ("Ada Brun, a 28-year veteran of the force, spoke.", None, None),  # a career, not a thing that lasts
    ("The talks, hosted by Sudia, ended.", None, None),  # nothing says which talks
    ("Deputy Foreign Minister Ada Brun arrived.", None, None),  # another office than hers
    ("Ada Brun, Sudia and the foreign minister of Norland met.", None, None),  # a list, not an apposition
    ("The two sides signed the accord at the Lake House.", None, None),  # a venue alone names no town
    ("The accord was signed in Norland after a week of talks.", None, None),  # a country says too little
    ("It will start on Monday, May 5.", None, None),  # a pronoun names no thing
    ("A dinner hosted by the embassy followed.", None, None),
    ("It recognised four other regions as Sudian.", None, None),  # "other": another set than the one counted before  # not a thing that lasts or falls due
    ("Some 200 monitors watched the vote.", None, None),  # counted, but not sent anywhere
    ("The largest group since Sudian forces seized the passes in August 2024.", None, None),  # a start of something else
]


@pytest.mark.parametrize("text,slot,value", CASES)
def test_claim_table(text, slot, value):
    found = [c for c in extract_claims("a", text, published="2026-07-09", profile=PROFILE) if c.kind != "quote"]
    if slot is None:
        assert found == []
    else:
        assert [(c.slot, c.value) for c in found] == [(slot, value)]
        assert all(text[c.start:c.end] == c.text for c in found)


def test_a_figure_in_reported_words_is_the_speakers():
    text = "Brun said the army had counted 59 instances of shelling."
    quote = {"speaker": "Ada Brun", "text": text[10:-1], "start": 10, "end": len(text) - 1, "kind": "indirect"}
    (count,) = [c for c in extract_claims("a", text, [quote], profile=PROFILE) if c.kind == "count"]
    assert count.source == "Ada Brun"
    (alone,) = [c for c in extract_claims("a", text, profile=PROFILE) if c.kind == "count"]
    assert alone.source is None


@pytest.mark.parametrize("text,qualifier", [
    ("former Foreign Minister Ada Brun spoke.", "former"),
    ("Ada Brun, Norland's former foreign minister, spoke.", "former"),
    ("Foreign Minister Ada Brun spoke.", None),
])
def test_former_office_is_marked(text, qualifier):
    (claim,) = extract_claims("a", text, profile=PROFILE)
    assert claim.qualifier == qualifier


@pytest.mark.parametrize("quote,kept", [
    ({"speaker": "Ada Brun", "text": "We will not sign this paper", "kind": "direct", "start": 0, "end": 27}, True),
    ({"speaker": None, "text": "We will not sign this paper", "kind": "direct", "start": 0, "end": 27}, False),
    ({"speaker": "Ada Brun", "text": "no deal", "kind": "partial", "start": 0, "end": 7}, False),
])
def test_quotes_become_claims_by_speaker(quote, kept):
    found = extract_claims("a", "We will not sign this paper, she said.", quotes=[quote])
    assert [c.slot for c in found] == (["quote:Ada Brun"] if kept else [])


def test_a_speaker_is_named_as_the_profile_names_them():
    quote = {"speaker": "Brun", "text": "We will not sign this paper", "kind": "direct", "start": 0, "end": 27}
    found = extract_claims("a", "We will not sign this paper, she said.", quotes=[quote], profile=PROFILE)
    assert [c.slot for c in found if c.kind == "quote"] == ["quote:Ada Brun"]


@pytest.mark.parametrize("word,value", [("nine", 9), ("1,200", 1200), ("146", 146), ("many", None)])
def test_number(word, value):
    assert number(word) == value


@pytest.mark.parametrize("args,interval", [
    (("toward", None, 4), (30, 36)), (("in", None, 3), (24, 36)), (("nearly", 3, None), (30, 36)),
    (("more than", 2, None), (24, 30)), ((None, None, None), None),
])
def test_war_months(args, interval):
    assert war_months(*args) == interval
