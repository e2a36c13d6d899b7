"""Contradictions: the same slot filled differently by two origins about one event."""

import pytest

from storyline.profile import Issue, Profile
from storyline.verify.claims import Claim, quote_words
from storyline.verify.contradictions import Context, slot_contradictions, stance_contradictions


def c(article, slot, value, kind, qualifier=None):
    return Claim(article, slot, value, str(value), 0, 5, kind, qualifier=qualifier)


CTX = Context(root={"r": "a"}, event={"a": "E1", "b": "E1", "r": "E1", "z": "E2"},
              day={"a": "2026-05-09", "b": "2026-05-10", "r": "2026-05-12", "z": "2026-09-01"})

CASES = [
    (c("a", "prisoner_count", 120, "count"), c("b", "prisoner_count:Norland", 146, "count"), True),
    (c("a", "prisoner_count", 120, "count"), c("b", "prisoner_count", 120, "count"), False),
    (c("a", "prisoner_count:Sudia", 131, "count"), c("b", "prisoner_count:Norland", 146, "count"), False),  # two sides
    (c("a", "killed_count", 9, "count", "at least"), c("b", "killed_count", 12, "count"), False),
    (c("a", "killed_count", 9, "count"), c("b", "injured_count", 12, "count"), False),  # two tolls
    (c("a", "prisoner_count", 120, "count"), c("r", "prisoner_count", 146, "count"), False),  # r reprints a
    (c("a", "prisoner_count", 120, "count"), c("z", "prisoner_count", 146, "count"), False),  # other event
    # days known only as lower bounds (no ``written``): two ages cannot be told apart
    (c("a", "duration:war", (18, 24), "duration"), c("b", "duration:war", (36, 48), "duration"), False),
    (c("a", "duration:war", (30, 36), "duration"), c("b", "duration:war", (30, 36), "duration"), False),
    (c("a", "date:round:start", "2026-07-07", "date"), c("b", "date:round:start", "2026-07-06", "date"), True),
    (c("a", "host:peace summit", "Sudia", "host"), c("b", "host:peace summit", "european partners", "host"), True),
    (c("a", "place:signing", "t:portby", "place"), c("b", "place:signing", "t:vale", "place"), True),
    (c("a", "place:signing", "t:portby", "place"), c("b", "place:signing", "t:portby", "place"), False),
    (c("a", "place:signing", "t:portby", "place"), c("z", "place:signing", "t:vale", "place"), False),  # other event
    (c("a", "date:ceasefire:start", "2026-09-20", "date"), c("b", "date:ceasefire:start", "2026-09-21", "date"), True),
    (c("a", "host:peace summit", "Sudia", "host"), c("b", "host:peace summit", "Sudia", "host"), False),
    (c("a", "host:peace summit", "Sudia", "host"), c("z", "host:peace summit", "Norland", "host"), False),  # other event
    (c("a", "quote:X", "we did not come here to be handed an ultimatum", "quote", "direct"),
     c("b", "quote:X", "we did not travel here to accept ultimatums", "quote", "direct"), True),
    (c("a", "quote:X", "we did not come here to be handed an ultimatum", "quote", "indirect"),
     c("b", "quote:X", "we did not travel here to accept ultimatums", "quote", "direct"), False),
    (c("a", "quote:X", "we are ready", "quote", "direct"), c("b", "quote:X", "the weather is fine today", "quote", "direct"), False),
    (c("a", "quote:X", "a ceasefire is a promise you have to keep every morning", "quote", "direct"),
     c("b", "quote:X", "a ceasefire is a promise you must keep every single morning", "quote", "direct"), True),
    (c("a", "quote:X", "we will keep it", "quote", "direct"),
     c("b", "quote:X", "we will keep it and we will be watching", "quote", "direct"), False),  # an excerpt
    # the same words in another outlet's punctuation and marks
    (c("a", "quote:X", quote_words("We don't accept ultimatums, and never will."), "quote", "direct"),
     c("b", "quote:X", quote_words("“We do not accept ultimatums — and never will”"), "quote", "direct"), False),
]


# A war's age is counted back from the day each article was written (exact, or a lower bound) to
# the start it implies, and set against the starts stated outright.
WRITTEN = Context(root={"r": "a"}, event={}, day={},
                  written={"a": ("2026-04-16", True), "b": ("2026-03-03", True), "r": ("2026-04-19", True),
                           "u": ("2025-11-28", False), "z": ("2026-07-10", True)})
AUG_2024 = ("2024-08-01", "2024-08-31")
STARTS = [
    ([c("a", "duration:war", (24, 36), "duration"), c("b", "start:war", AUG_2024, "start")], "a"),
    ([c("b", "duration:war", (18, 24), "duration"), c("a", "start:war", AUG_2024, "start")], None),
    # in its third year in April vs in its second year in July: no stated start, still irreconcilable
    ([c("a", "duration:war", (24, 36), "duration"), c("z", "duration:war", (12, 24), "duration")], "a|z"),
    ([c("r", "duration:war", (24, 36), "duration"), c("a", "start:war", AUG_2024, "start")], None),  # r reprints a
    # from a lower-bound date only an age too small shows
    ([c("u", "duration:war", (30, 36), "duration"), c("b", "start:war", ("2022-02-01", "2022-02-28"), "start")], "u"),
    ([c("u", "duration:war", (36, 48), "duration"), c("b", "start:war", ("2022-02-01", "2022-02-28"), "start")], None),
    # the start most origins agree on wins, and the narrowest of agreeing starts
    ([c("a", "start:war", AUG_2024, "start"), c("b", "start:war", AUG_2024, "start"),
      c("z", "start:war", ("2023-08-01", "2023-08-31"), "start")], "z"),
    ([c("a", "start:war", ("2022-01-01", "2022-12-31"), "start"), c("b", "start:war", ("2022-02-01", "2022-02-28"), "start"),
      c("u", "duration:war", (30, 36), "duration")], "u"),
]


@pytest.mark.parametrize("claims,wrong", STARTS)
def test_war_start_contradictions(claims, wrong):
    found = slot_contradictions(claims, WRITTEN)
    assert [f["article"] for f in found if f["article"] in (wrong or "").split("|")] == [f["article"] for f in found]
    assert len(found) == (1 if wrong else 0)
    for f in found:
        spans = [f["other"]] + f.get("evidence", [])
        assert all(s["article"] != f["article"] or s.get("side") == "a" for s in spans)


def test_each_value_is_one_side_with_all_its_spans():
    claims = [c("a", "prisoner_count", 120, "count"), c("b", "prisoner_count:Norland", 146, "count"),
              c("r", "prisoner_count:Norland", 146, "count")]
    (found,) = slot_contradictions(claims, CTX)
    assert {found["other"]["article"]} | {e["article"] for e in found["evidence"]} == {"b", "r"}


@pytest.mark.parametrize("a,b,expected", CASES)
def test_slot_contradictions(a, b, expected):
    found = slot_contradictions([a, b], CTX)
    assert bool(found) == expected
    if expected:
        assert found[0]["kind"] == "contradiction" and found[0]["other"]["article"] in ("a", "b")


PROFILE = Profile("t", "t.yaml", issues=(Issue("plan", ("offer",)), Issue("summit", ("summit",))),
                  stances={"conditions": ("if",), "rejects": ("dismissed", "will not"), "open_to": ("could be a basis", "not closed")})
TEXTS = {"a": 'Sorel dismissed the offer as a "stunt".', "b": 'Sorel said the offer "could be a basis for talks".',
         "z": 'Sorel said the offer "could be a basis for talks".', "c": 'Sorel said the offer "could be a basis if guns fall silent".',
         "s": 'Sorel said the summit "could be a basis for talks".', "n": 'Sorel said it "could be a basis for talks".'}


@pytest.mark.parametrize("other,expected", [
    ("b", True),
    ("z", False),  # another event
    ("c", False),  # conditional
    ("s", False),  # another issue: the summit, not the offer
    ("n", False),  # no issue named at all
])
def test_stance_contradictions(other, expected):
    def quote(article):
        text = TEXTS[article]
        start = text.index('"') + 1
        return {"article": article, "speaker": "Yevan Sorel", "text": text[start:-2], "start": start, "end": len(text) - 2}

    ctx = Context({}, {"a": "E1", "b": "E1", "c": "E1", "s": "E1", "n": "E1", "z": "E2"},
                  {"a": "2026-03-03", "b": "2026-03-03", "c": "2026-03-03", "s": "2026-03-03", "n": "2026-03-03", "z": "2026-06-01"})
    assert bool(stance_contradictions([quote("a"), quote(other)], TEXTS, ctx, PROFILE)) == expected
