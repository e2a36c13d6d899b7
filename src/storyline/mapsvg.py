"""An offline map of the places a corpus mentions, as inline SVG: no tiles, no CDN, no JavaScript.

Equirectangular projection fitted to the points' bounding box with a margin; country outlines
from Natural Earth when the ``map`` extra is installed (``geo.outlines``), else only a graticule;
one circle per place sized by its mention count; a diamond where events happen and a triangle
where actions happen (from ``events[].places`` and ``actions[].place``); labels placed so they do
not overlap (a label that finds no free spot is left out; the marker's tooltip still names it).
Every marker links to ``#place-ID`` in the same page, where the report lists the evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

WIDTH, HEIGHT = 720, 420
MARGIN_DEG = 3.0  # degrees added around the points, so edge markers and labels stay inside
CHAR_W, LINE_H = 6.6, 12  # label box estimate for the 11px sans-serif font


def anchor(place_id: str) -> str:
    """The fragment id of a place's evidence list: ``place-`` plus the id with unsafe characters replaced."""
    return "place-" + re.sub(r"[^A-Za-z0-9_-]", "-", place_id)


def _bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north = max(min(lats) - MARGIN_DEG, -90.0), min(max(lats) + MARGIN_DEG, 90.0)
    west, east = max(min(lons) - MARGIN_DEG, -180.0), min(max(lons) + MARGIN_DEG, 180.0)
    # Keep the drawing's aspect ratio so a degree is as wide as it is tall.
    span_lon, span_lat = east - west, north - south
    want = span_lat * WIDTH / HEIGHT
    if span_lon < want:
        pad = (want - span_lon) / 2
        west, east = west - pad, east + pad
    else:
        pad = (span_lon * HEIGHT / WIDTH - span_lat) / 2
        south, north = south - pad, north + pad
    return south, north, west, east


def _step(span: float) -> float:
    for step in (1, 2, 5, 10, 15, 30, 45, 90):
        if span / step <= 8:
            return float(step)
    return 90.0


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y, w, h = box
    return any(x < bx + bw and bx < x + w and y < by + bh and by < y + h for bx, by, bw, bh in boxes)


def _outline_paths(south: float, north: float, west: float, east: float, xy: Any) -> list[str]:
    from .geo.outlines import thin, within

    step = (east - west) / WIDTH * 2  # two pixels: finer detail is not visible and only adds bytes
    paths = []
    for ring in within(south, north, west, east):
        pts = thin(ring.points, step)
        if len(pts) < 4:
            continue
        pixels = list(dict.fromkeys(f"{x:.0f} {y:.0f}" for x, y in (xy(lat, lon) for lon, lat in pts)))
        if len(pixels) >= 3:
            paths.append(f'<path d="M{"L".join(pixels)}Z"/>')
    return paths


def _marker(kind: str, x: float, y: float) -> str:
    """A diamond (events) or a triangle (actions) beside the place's circle."""
    if kind == "event":
        cx, cy = x - 7, y - 7
        return f'<path d="M{cx:.1f} {cy - 5:.1f}L{cx + 5:.1f} {cy:.1f}L{cx:.1f} {cy + 5:.1f}L{cx - 5:.1f} {cy:.1f}Z" fill="#1f5fa8" stroke="#fff"'
    cx, cy = x + 7, y - 7
    return f'<path d="M{cx:.1f} {cy - 5:.1f}L{cx + 5:.1f} {cy + 4:.1f}L{cx - 5:.1f} {cy + 4:.1f}Z" fill="#d68910" stroke="#fff"'


def render(places: Iterable[Mapping[str, Any]], title: str = "Places mentioned", link: str = "#") -> str:
    """The SVG for ``places`` (``places_by_place`` entries: id, name, lat, lon, count, and optionally
    ``events_here`` / ``actions_here`` lists, which add an event or action marker). ``link`` is put
    before each place's anchor: "#" inside the report, "/report#" from another page of the app."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None and p.get("id")]
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" class="storyline-map">'
            f"<title>{escape(title)}</title>")
    if not located:
        return head + f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">no located places</text></svg>'
    south, north, west, east = _bbox([(float(p["lat"]), float(p["lon"])) for p in located])

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) / (east - west) * WIDTH, (north - lat) / (north - south) * HEIGHT

    parts = [head, f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef3f7"/>']
    outlines = _outline_paths(south, north, west, east, xy)
    if outlines:
        parts += ['<g class="outlines" fill="#fbfaf5" stroke="#9aa5ad" stroke-width="0.6" stroke-linejoin="round">', *outlines, "</g>"]
    parts.append('<g stroke="#c9d1d9" stroke-width="0.4" stroke-dasharray="2 3">')
    step = _step(max(east - west, north - south))
    lon = math.ceil(west / step) * step
    while lon <= east:
        x = xy(0, lon)[0]
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{HEIGHT}"/>')
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        y = xy(lat, 0)[1]
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}"/>')
        lat += step
    parts.append("</g>")

    biggest = max(int(p.get("count") or 1) for p in located)
    ordered = sorted(located, key=lambda p: (-int(p.get("count") or 1), str(p.get("name"))))
    marks = []
    for p in ordered:
        x, y = xy(float(p["lat"]), float(p["lon"]))
        r = 3 + 9 * math.sqrt(int(p.get("count") or 1) / biggest)
        marks.append((p, x, y, r))
    taken = [(x - r, y - r, 2 * r, 2 * r) for _, x, y, r in marks]
    # The event and action markers sit above the circle's left and right: labels keep off them too.
    taken += [(x - 12, y - 12, 10, 10) for p, x, y, _ in marks if p.get("events_here")]
    taken += [(x + 2, y - 12, 10, 10) for p, x, y, _ in marks if p.get("actions_here")]
    parts.append('<g font-family="sans-serif" font-size="11">')
    for p, x, y, r in marks:
        name = str(p.get("name") or p["id"])
        count = int(p.get("count") or 1)
        parts.append(
            f'<a href="{escape(link)}{escape(anchor(str(p["id"])))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
            f'fill="#c0392b" fill-opacity="0.7" stroke="#fff"><title>{escape(name)}: {count}</title></circle></a>'
        )
        for kind, key in (("event", "events_here"), ("action", "actions_here")):
            here = p.get(key) or ()
            if here:
                what = "events" if kind == "event" else "actions"
                parts.append(f'<a href="{escape(link)}{escape(anchor(str(p["id"])))}" class="{kind}-marker">{_marker(kind, x, y)}>'
                             f"<title>{escape(name)}: {len(here)} {what}</title></path></a>")
        w = CHAR_W * len(name)
        for lx, ly in ((x + r + 2, y - LINE_H / 2), (x - r - 2 - w, y - LINE_H / 2), (x - w / 2, y - r - LINE_H - 1), (x - w / 2, y + r + 1)):
            box = (lx, ly, w, LINE_H)
            if 0 <= lx and lx + w <= WIDTH and 0 <= ly and ly + LINE_H <= HEIGHT and not _overlaps(box, taken):
                taken.append(box)
                parts.append(f'<text x="{lx:.1f}" y="{ly + LINE_H - 2:.1f}">{escape(name)}</text>')
                break
    parts.append("</g></svg>")
    return "".join(parts)
