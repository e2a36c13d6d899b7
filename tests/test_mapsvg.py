"""The offline map: valid SVG, escaped text, links to evidence, no overlapping labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from storyline.mapsvg import anchor, render

P = [
    {"id": "geonames:1", "name": "Alpha", "lat": 50.0, "lon": 30.0, "count": 5},
    {"id": "geonames:2", "name": "Beta", "lat": 50.05, "lon": 30.05, "count": 1},
    {"id": "x\"><script>", "name": "<b>&evil</b>", "lat": 41.0, "lon": 29.0, "count": 2},
    {"id": "none", "name": "Nowhere", "lat": None, "lon": None, "count": 9},
]


def test_render_is_wellformed_and_offline():
    svg = render(P)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "<script" not in svg and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "&lt;b&gt;&amp;evil&lt;/b&gt;" in svg


@pytest.mark.parametrize("place_id, ok", [("geonames:1", True), ("geonames:2", True), ("none", False)])
def test_each_located_place_links_to_its_evidence(place_id, ok):
    assert (f'href="#{anchor(place_id)}"' in render(P)) == ok


def test_anchor_is_safe():
    assert re.fullmatch(r"place-[A-Za-z0-9_-]+", anchor('x"><script>'))


def test_labels_do_not_overlap():
    svg = render(P)
    boxes = [(float(x), float(y), len(t) * 6.6) for x, y, t in re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([^<]*)</text>', svg)]
    for i, (x1, y1, w1) in enumerate(boxes):
        for x2, y2, w2 in boxes[i + 1:]:
            assert not (x1 < x2 + w2 and x2 < x1 + w1 and abs(y1 - y2) < 12)


def test_no_places_still_renders():
    assert "no located places" in render([])
