"""Independent corroboration: reprints and credited sources count once."""

import pytest

from storyline.verify.claims import Claim
from storyline.verify.corroboration import corroborate, source_key


def claim(article, value=120, source=None, start=0, slot="prisoner_count", kind="count"):
    return Claim(article, slot, value, "120 prisoners", start, start + 13, kind, source=source)


CASES = [
    # (claims, reprint roots, outlets, expected independent sources, expected status)
    ([claim("a")], {}, {}, 1, "unsourced"),
    ([claim("a", source="Orbis Wire")], {}, {}, 1, "single_source"),
    ([claim("a"), claim("b")], {}, {}, 2, "corroborated"),
    ([claim("a"), claim("b")], {"b": "a"}, {}, 1, "unsourced"),  # b reprints a
    ([claim("a", source="Orbis Wire"), claim("b", source="the Orbis Wire")], {}, {}, 1, "single_source"),
    ([claim("a"), claim("b", source="Halcyon Daily")], {}, {"a": "Halcyon Daily"}, 1, "single_source"),  # b credits a
    ([claim("a"), claim("b", value=131)], {}, {}, 1, "unsourced"),  # different values: two claims
]


@pytest.mark.parametrize("claims,roots,outlets,independent,status", CASES)
def test_independent_sources(claims, roots, outlets, independent, status):
    listed = corroborate(claims, roots, outlets)
    first = next(c for c in listed if "a" in c["articles"])
    assert (first["independent_sources"], first["status"]) == (independent, status)


@pytest.mark.parametrize("against,status", [
    (2, "contradicted"),  # two sources against two
    (1, "corroborated"),  # two against one: the claim holds, disputed by one
])
def test_contradicted_unless_outnumbered(against, status):
    listed = corroborate([claim("a"), claim("b")], {}, {}, contradicted={("a", 0, 13): against})
    assert (listed[0]["status"], listed[0]["disputed_by"]) == (status, against)


def test_a_claim_on_the_larger_side_holds():
    # one outlet's age of the war, on the side of six that date its start alike, against three
    listed = corroborate([claim("a")], {}, {}, contradicted={("a", 0, 13): 3}, sided={("a", 0, 13): 6})
    assert (listed[0]["status"], listed[0]["disputed_by"]) == ("unsourced", 3)  # not contradicted: the claim alone is unsourced


def test_single_claim_against_one_is_contradicted():
    listed = corroborate([claim("a")], {}, {}, contradicted={("a", 0, 13): 1})
    assert listed[0]["status"] == "contradicted"


def test_a_figure_is_one_claim_per_event():
    claims = [claim("a"), claim("b"), claim("c")]
    listed = corroborate(claims, {}, {}, event_of={"a": "E1", "b": "E1", "c": "E2"})
    assert sorted(c["independent_sources"] for c in listed) == [1, 2]
    quotes = [claim(x, "we will not sign this paper", slot="quote:X", kind="quote") for x in "ac"]
    (listed,) = corroborate(quotes, {}, {}, event_of={"a": "E1", "c": "E2"})  # a quote is told again at any time
    assert listed["independent_sources"] == 2


def test_thousand_reprints_are_one_source():
    claims = [claim(f"r{i}") for i in range(1000)]
    listed = corroborate(claims, {f"r{i}": "r0" for i in range(1000)}, {})
    assert len(listed) == 1 and listed[0]["independent_sources"] == 1 and len(listed[0]["articles"]) == 1000


def test_quote_renderings_group_and_stay_single_source():
    a = claim("a", "we will not sign this paper today", slot="quote:X", kind="quote")
    b = claim("a", "we will not sign this paper", slot="quote:X", kind="quote", start=40)
    (listed,) = corroborate([a, b], {}, {})
    assert listed["status"] == "single_source"


def test_another_wording_is_another_claim():
    a = claim("a", "a ceasefire is a promise you have to keep every morning", slot="quote:X", kind="quote")
    b = claim("b", "a ceasefire is a promise you must keep every single morning", slot="quote:X", kind="quote")
    assert len(corroborate([a, b], {}, {})) == 2


@pytest.mark.parametrize("name,key", [("The Calloway Press Agency", "calloway press"), ("Orbis Wire", "orbis wire"),
                                      ("BBC News", "bbc")])
def test_source_key(name, key):
    assert source_key(name) == key
