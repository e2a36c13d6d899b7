"""The offline map's country outlines and its event and action markers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from storyline.geo import outlines
from storyline.mapsvg import anchor, render

KYIV = {"id": "geonames:703448", "name": "Kyiv", "lat": 50.45, "lon": 30.52, "count": 3}
GENEVA = {"id": "geonames:2660646", "name": "Geneva", "lat": 46.2, "lon": 6.14, "count": 1,
          "events_here": [{"id": "E1", "label": "talks", "role": "venue"}]}
KHARKIV = {"id": "iso:UA-63", "name": "Kharkiv region", "lat": 49.99, "lon": 36.23, "count": 2,
           "actions_here": [{"verb": "strike", "role": "action"}, {"verb": "shell", "role": "action"}]}


def test_thin_keeps_ends_and_drops_close_points():
    pts = [(0.0, 0.0), (0.01, 0.0), (0.02, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert outlines.thin(pts, 0.5) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert outlines.thin([], 1.0) == []


def test_outlines_ship_offline_with_countries():
    assert outlines.outlines_missing() is None, outlines.outlines_missing()
    near_ukraine = outlines.within(44.0, 52.0, 22.0, 40.0)
    assert {"UA", "PL", "RU"} <= {r.country for r in near_ukraine}
    assert all(r.west <= 40.0 and r.east >= 22.0 for r in near_ukraine)
    assert "UA" not in {r.country for r in outlines.within(-10.0, 10.0, -150.0, -130.0)}  # mid-Pacific


def test_map_draws_outlines_and_markers_linking_to_evidence():
    svg = render([KYIV, GENEVA, KHARKIV])
    ET.fromstring(svg)
    group = re.search(r'<g class="outlines"[^>]*>(.*?)</g>', svg)
    assert group and group.group(1).count("<path") > 10
    assert svg.count('class="event-marker"') == 1 and svg.count('class="action-marker"') == 1
    assert f'href="#{anchor(GENEVA["id"])}" class="event-marker"' in svg
    assert f'href="#{anchor(KHARKIV["id"])}" class="action-marker"' in svg
    assert "Kharkiv region: 2 actions" in svg


def test_map_link_prefix_for_the_web_app():
    svg = render([KYIV], link="/report#")
    assert f'href="/report#{anchor(KYIV["id"])}"' in svg and 'href="#' not in svg


def test_map_stays_small():
    # A country outline at two-pixel detail: the whole map of a region stays well under 200 kB.
    assert len(render([KYIV, GENEVA, KHARKIV]).encode()) < 200_000


def test_web_timeline_shows_the_map_linking_into_the_report(tmp_path):
    import json

    from fastapi.testclient import TestClient

    from storyline import pipeline, settings
    from storyline.store import Store
    from storyline.web import create_app

    text = ("Delegations from both governments met in Geneva on Monday for talks on a ceasefire. "
            "Hours later a missile strike in Kharkiv region killed three people, officials said. ") * 2
    src = tmp_path / "story.json"
    src.write_text(json.dumps({"title": "Talks in Geneva", "published": "2025-04-01", "text": text}), encoding="utf-8")
    conf = settings.load({"db": str(tmp_path / "web.db")})
    store = Store.open(tmp_path / "web.db")
    pipeline.ingest([str(src)], store, conf)
    pipeline.analyse(store)
    with TestClient(create_app(store, conf=conf, uploads=tmp_path / "uploads", analyse=False)) as client:
        page = client.get("/events").text
        full = client.get("/report").text
    assert 'class="storyline-map"' in page and 'class="event-marker"' in page
    targets = re.findall(r'href="/report#(place-[^"]+)"', page)
    assert targets and all(f'id="{t}"' in full for t in targets)
