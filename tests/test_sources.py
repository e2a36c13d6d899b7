"""Cited sources: outlets credited for information, not speakers, employers or places."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.quotes import extract_attributions


@pytest.fixture(scope="session")
def model():
    return nlp.load()


@pytest.mark.parametrize(
    "text, names",
    [
        ("The talks were postponed, according to Reuters.", ["Reuters"]),
        ("The Daily Meridian reported that the talks were postponed.", ["The Daily Meridian"]),
        ("The talks were postponed, Axios reported.", ["Axios"]),
        ("The delay was first reported by the Evening Courier on Sunday.", ["Evening Courier"]),
        ("Citing state media, the agency said the talks were postponed.", ["state media"]),
        ("The talks were postponed, according to the news site Northwind.", ["Northwind"]),
        # a figure credited to its keeper; "the agency" is the agency named before
        ("More than 900 died, by Northwind Wire's count.", ["Northwind Wire"]),
        ("Fighting continued, according to Northwind Wire. More than 900 died, by the agency's count.", ["Northwind Wire", "Northwind Wire"]),
        # not sources
        ("More than 900 died, by Tarnia's count.", []),
        ("The talks were postponed, according to Lena Moss.", []),
        ("“We are ready,” Lena Moss told reporters in Geneva.", []),
        ("Lena Moss, a researcher at the University of Tarn, was in Geneva.", []),
    ],
)
def test_cited_sources(model, text, names):
    found = extract_attributions("t", text).cited_sources
    assert [c.name for c in found] == names
    for c in found:
        assert text[c.start : c.end] in (c.name, "agency")
