"""Contradictions: the same slot filled differently by two origins about one event."""

import pytest

from storyline.profile import Issue, Profile
from storyline.verify.claims import Claim
from storyline.verify.contradictions import Context, slot_contradictions, stance_contradictions


def c(article, slot, value, kind, qualifier=None):
    return Claim(article, slot, value, str(value), 0, 5, kind, qualifier=qualifier)


CTX = Context(root={"r": "a"}, event={"a": "E1", "b": "E1", "r": "E1", "z": "E2"},
              day={"a": "2026-05-09", "b": "2026-05-10", "r": "2026-05-12", "z": "2026-09-01"})

CASES = [
    (c("a", "prisoner_count", 120, "count"), c("b", "prisoner_count:Norland", 146, "count"), True),
    (c("a", "prisoner_count", 120, "count"), c("b", "prisoner_count", 120, "count"), False),
    (c("a", "prisoner_count:Sudia", 131, "count"), c("b", "prisoner_count:Norland", 146, "count"), False),  # two sides
    (c("a", "casualty_count", 9, "count", "at least"), c("b", "casualty_count", 12, "count"), False),
    (c("a", "prisoner_count", 120, "count"), c("r", "prisoner_count", 146, "count"), False),  # r reprints a
    (c("a", "prisoner_count", 120, "count"), c("z", "prisoner_count", 146, "count"), False),  # other event
    (c("a", "duration:war", (18, 24), "duration"), c("b", "duration:war", (24, 36), "duration"), True),
    (c("a", "duration:war", (30, 36), "duration"), c("b", "duration:war", (30, 36), "duration"), False),
    (c("a", "date:round:start", "2026-07-07", "date"), c("b", "date:round:start", "2026-07-06", "date"), True),
    (c("a", "quote:X", "we did not come here to be handed an ultimatum", "quote", "direct"),
     c("b", "quote:X", "we did not travel here to accept ultimatums", "quote", "direct"), True),
    (c("a", "quote:X", "we did not come here to be handed an ultimatum", "quote", "indirect"),
     c("b", "quote:X", "we did not travel here to accept ultimatums", "quote", "direct"), False),
    (c("a", "quote:X", "we are ready", "quote", "direct"), c("b", "quote:X", "the weather is fine today", "quote", "direct"), False),
]


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
