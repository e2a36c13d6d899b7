"""Domain profiles: the actors, offices, places, issues, stance cues and dated events of one story.

A profile is a YAML file that users edit (``profiles/*.yaml``); code holds no story-specific
strings. Loading composes the YAML to nodes first, so every problem names ``file:line``.
``check(path)`` lists every problem; ``load_profile(path)`` raises ``ConfigError`` on the first.

Alias matching is case-insensitive, except for aliases written in capitals ("US", "EU"), which
match only in capitals so the pronoun "us" is never the United States.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "russia-ukraine-2022-2025"
KINDS = ("person", "org", "country")
STANCES = ("demands", "accepts", "rejects", "conditions", "open_to")

_TOP_KEYS = {"name", "description", "actors", "places", "located_places", "issues", "stances", "office_synonyms", "events", "facts"}
_LOCATED_KEYS = {"id", "name", "aliases", "lat", "lon", "country", "kind", "subdivision"}
_ACTOR_KEYS = {"name", "kind", "aliases", "country", "org", "offices", "note"}
_OFFICE_KEYS = {"title", "of", "start", "end", "note"}
_ISSUE_KEYS = {"name", "cues", "note"}
_EVENT_KEYS = {"label", "date", "date_end", "cues", "kind", "outdates", "note"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True)
class Office:
    """An office held from ``start`` to ``end`` (ISO dates; ``end`` None while still held)."""

    title: str
    of: str
    start: str
    end: str | None = None

    def held_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A profiled actor under its canonical name, with the other names it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    org: str | None = None
    offices: tuple[Office, ...] = ()

    @property
    def nation(self) -> str | None:
        """The country this actor belongs to (itself, for a country)."""
        return self.name if self.kind == "country" else self.country


@dataclass(frozen=True)
class Issue:
    name: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class DatedEvent:
    """A dated event of the story, the phrases that name it, and what it made untrue.

    Events of one ``kind`` follow each other: "the first talks since X" is outdated by a later one.
    ``outdates`` are phrases of a state of affairs the event ended ("no talks without a ceasefire").
    """

    label: str
    date: str
    date_end: str | None = None
    cues: tuple[str, ...] = ()
    kind: str | None = None
    outdates: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssueMatch:
    issue: str
    cue: str
    start: int
    end: int


@dataclass(frozen=True)
class NameMatch:
    actor: Actor
    start: int
    end: int


@dataclass(frozen=True)
class Profile:
    name: str
    path: str
    actors: tuple[Actor, ...] = ()
    places: tuple[str, ...] = ()
    # Places the packaged gazetteer lacks (local or fictional), with coordinates, as mappings.
    located_places: tuple[dict[str, Any], ...] = ()
    issues: tuple[Issue, ...] = ()
    stances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    office_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: tuple[DatedEvent, ...] = ()
    facts: dict[str, str] = field(default_factory=dict)  # dated facts, e.g. war_start

    @cached_property
    def _by_alias(self) -> dict[str, Actor]:
        table = {}
        for actor in self.actors:
            for alias in (actor.name, *actor.aliases):
                table[_alias_key(alias)] = actor
        return table

    @cached_property
    def _by_name(self) -> dict[str, Actor]:
        return {a.name: a for a in self.actors}

    @cached_property
    def _name_pattern(self) -> re.Pattern[str] | None:
        return _alternation([(a, alias) for a in self.actors for alias in (a.name, *a.aliases)])

    @cached_property
    def _issue_pattern(self) -> re.Pattern[str] | None:
        return _alternation([(i.name, cue) for i in self.issues for cue in i.cues])

    @cached_property
    def _cue_issue(self) -> dict[str, str]:
        return {_key(c): i.name for i in self.issues for c in i.cues}

    def actor(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self._by_name.get(name)

    def actor_for(self, mention: str, day: str | None = None) -> Actor | None:
        """The actor a mention names: an alias ("Zelenskyy"), or an office ("the Russian president") on ``day``."""
        key = _alias_key(mention)
        if key in self._by_alias:
            return self._by_alias[key]
        key = _key(mention)
        if key.upper() != mention.strip().upper().removeprefix("THE ") and key in self._by_alias:
            return self._by_alias[key]  # "MOHR’s" in a headline; never "un" for "UN"

        words = [_POSSESSIVE.sub("", w) for w in key.split()]
        for i in range(len(words)):
            nation = self._by_alias.get(" ".join(words[:i + 1]))
            if nation is not None and nation.kind in ("country", "org") and i + 1 < len(words):
                return self.office_holder(" ".join(words[i + 1:]), day, of=nation.name)
        if " of " in key:
            title, _, place = key.partition(" of ")
            nation = self._by_alias.get(place.strip())
            if nation is not None:
                return self.office_holder(title, day, of=nation.name)
        return None

    def office_holder(self, office: str, day: str | None, of: str | None = None) -> Actor | None:
        """Who held ``office`` (of ``of``) on ``day``; ``day`` None means the present holder."""
        title = _key(office)
        titles = (title, *self.office_synonyms.get(title, ()))
        for candidate in titles:
            holders = [
                a for a in self.actors for o in a.offices
                if o.title == candidate and (of is None or o.of == of) and o.held_on(day)
            ]
            if len({h.name for h in holders}) == 1:
                return holders[0]
        return None

    def names_in(self, text: str) -> list[NameMatch]:
        """Every alias of a profiled actor in ``text``, longest first where they overlap."""
        if self._name_pattern is None:
            return []
        table = self._by_alias
        # A name in capitals ("OSTROVA —" in a dateline) is that name, not an acronym.
        return [NameMatch(table.get(_alias_key(m.group(0))) or table[_key(m.group(0))], m.start(), m.end())
                for m in _matches(self._name_pattern, text)]

    def issues_in(self, text: str) -> list[IssueMatch]:
        """Every issue cue in ``text``, with its span."""
        if self._issue_pattern is None:
            return []
        cue_issue = self._cue_issue
        return [IssueMatch(cue_issue[_key(m.group(0))], m.group(0), m.start(), m.end())
                for m in _matches(self._issue_pattern, text)]


def _key(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    text = _POSSESSIVE.sub("", text)
    return text[4:] if text.startswith("the ") else text


def _acronym(text: str) -> bool:
    """Written in capitals ("US", "U.N."): such aliases match case-sensitively."""
    return len(text) > 1 and text.isupper()


def _alias_key(text: str) -> str:
    """The lookup key of an alias or mention: lower case, except for acronyms."""
    text = _POSSESSIVE.sub("", " ".join(text.replace("’", "'").split()))
    if text[:4].lower() == "the ":
        text = text[4:]
    return text if _acronym(text) else text.lower()


def _alternation(pairs: list[tuple[Any, str]]) -> re.Pattern[str] | None:
    """One regex for all the terms, longest first; capitalised acronyms match case-sensitively."""
    terms = sorted({t for _, t in pairs}, key=len, reverse=True)
    if not terms:
        return None
    parts = []
    for term in terms:
        body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in term.split())
        parts.append(body if _acronym(term) else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text))


# ---- loading and validation -------------------------------------------------------------


class _Problems(list):
    def add(self, where: str, node: yaml.Node | None, message: str) -> None:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        self.append(f"{where}{line}: {message}")


def _scalar(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        return None
    return str(node.value).strip()


def _mapping(node: yaml.Node, allowed: set[str], where: str, problems: _Problems, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(where, node, f"{what} must be a mapping (key: value lines)")
        return {}
    out: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in out:
            problems.add(where, key_node, f"{what}: key {key!r} appears twice")
        elif key not in allowed:
            problems.add(where, key_node, f"{what}: unknown key {key!r}; expected one of {', '.join(sorted(allowed))}")
        out[key] = value
    return out


def _strings(node: yaml.Node | None, where: str, problems: _Problems, what: str) -> list[tuple[str, yaml.Node]]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.add(where, node, f"{what} must be a list")
        return []
    out = []
    for item in node.value:
        value = _scalar(item)
        if not value:
            problems.add(where, item, f"{what}: every entry must be a non-empty string")
        else:
            out.append((value, item))
    return out


def _located(node: yaml.Node | None, where: str, problems: _Problems) -> tuple[dict[str, Any], ...]:
    """``located_places``: mappings with a name and numeric ``lat``/``lon`` in range."""
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.add(where, node, "located_places must be a list")
        return ()
    out = []
    for item in node.value:
        fields = _mapping(item, _LOCATED_KEYS, where, problems, "located place")
        name = _scalar(fields["name"]) if "name" in fields else None
        if not name:
            problems.add(where, item, "located place: 'name' is required")
            continue
        place: dict[str, Any] = {"name": name, "aliases": [a for a, _ in _strings(fields.get("aliases"), where, problems, "aliases")]}
        for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
            try:
                value = float(_scalar(fields[key]) or "")
            except (KeyError, ValueError):
                problems.add(where, fields.get(key, item), f"located place {name!r}: {key} must be a number")
                break
            if not low <= value <= high:
                problems.add(where, fields[key], f"located place {name!r}: {key} {value} is outside {low}..{high}")
                break
            place[key] = value
        else:
            for key in ("id", "country", "kind", "subdivision"):
                if key in fields:
                    place[key] = _scalar(fields[key])
            out.append(place)
    return tuple(out)


def _date(node: yaml.Node | None, where: str, problems: _Problems, what: str) -> str | None:
    value = _scalar(node) if node is not None else None
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        problems.add(where, node, f"{what}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _office(node: yaml.Node, actor: str, where: str, problems: _Problems) -> Office | None:
    m = _mapping(node, _OFFICE_KEYS, where, problems, f"office of {actor}")
    title, of = _scalar(m.get("title")) if "title" in m else None, _scalar(m.get("of")) if "of" in m else None
    start = _date(m.get("start"), where, problems, f"office of {actor}: start")
    end = _date(m.get("end"), where, problems, f"office of {actor}: end")
    if not title or not of or not start:
        problems.add(where, node, f"office of {actor} needs title, of and start")
        return None
    if end is not None and end < start:
        problems.add(where, m["end"], f"office {title!r} of {actor} ends ({end}) before it starts ({start})")
        return None
    return Office(_key(title), of, start, end)


def _actors(node: yaml.Node | None, where: str, problems: _Problems) -> tuple[Actor, ...]:
    actors = []
    seen: dict[str, tuple[str, yaml.Node]] = {}
    if node is None or not isinstance(node, yaml.SequenceNode):
        if node is not None:
            problems.add(where, node, "actors must be a list")
        return ()
    for item in node.value:
        m = _mapping(item, _ACTOR_KEYS, where, problems, "actor")
        name = _scalar(m["name"]) if "name" in m else None
        if not name:
            problems.add(where, item, "actor needs a name")
            continue
        kind = _scalar(m["kind"]) if "kind" in m else None
        if kind not in KINDS:
            problems.add(where, m.get("kind", item), f"actor {name}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        aliases = _strings(m.get("aliases"), where, problems, f"actor {name}: aliases")
        for alias, alias_node in [(name, m["name"]), *aliases]:
            key = _alias_key(alias)
            if key in seen and seen[key][0] != name:
                other, other_node = seen[key]
                problems.add(where, alias_node, f"alias {alias!r} of {name} is already an alias of {other} "
                             f"(line {other_node.start_mark.line + 1})")
            seen.setdefault(key, (name, alias_node))
        offices_node = m.get("offices")
        offices = []
        if offices_node is not None:
            if not isinstance(offices_node, yaml.SequenceNode):
                problems.add(where, offices_node, f"actor {name}: offices must be a list")
            else:
                offices = [o for o in (_office(n, name, where, problems) for n in offices_node.value) if o]
        actors.append(Actor(
            name=name, kind=kind or "person", aliases=tuple(a for a, _ in aliases),
            country=_scalar(m["country"]) if "country" in m else None,
            org=_scalar(m["org"]) if "org" in m else None, offices=tuple(offices),
        ))
    return tuple(actors)


def _issues(node: yaml.Node | None, where: str, problems: _Problems) -> tuple[Issue, ...]:
    issues = []
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.add(where, node, "issues must be a list")
        return ()
    for item in node.value:
        m = _mapping(item, _ISSUE_KEYS, where, problems, "issue")
        name = _scalar(m["name"]) if "name" in m else None
        cues = _strings(m.get("cues"), where, problems, f"issue {name}: cues")
        if not name:
            problems.add(where, item, "issue needs a name")
        elif not cues:
            problems.add(where, item, f"issue {name!r} has no cues; give it at least one cue term")
        else:
            issues.append(Issue(name, tuple(c for c, _ in cues)))
    return tuple(issues)


def _stances(node: yaml.Node | None, where: str, problems: _Problems) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    m = _mapping(node, set(STANCES), where, problems, "stances")
    return {k: tuple(c for c, _ in _strings(v, where, problems, f"stances: {k}")) for k, v in m.items()}


def _events(node: yaml.Node | None, where: str, problems: _Problems) -> tuple[DatedEvent, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.add(where, node, "events must be a list")
        return ()
    events = []
    for item in node.value:
        m = _mapping(item, _EVENT_KEYS, where, problems, "event")
        label = _scalar(m["label"]) if "label" in m else None
        what = f"event {label!r}" if label else "event"
        start = _date(m.get("date"), where, problems, f"{what}: date")
        end = _date(m.get("date_end"), where, problems, f"{what}: date_end")
        cues = _strings(m.get("cues"), where, problems, f"{what}: cues")
        if not label or not start:
            problems.add(where, item, f"{what} needs a label and a date")
        elif end is not None and end < start:
            problems.add(where, m["date_end"], f"{what} ends ({end}) before it starts ({start})")
        elif not cues:
            problems.add(where, item, f"{what} has no cues; give it at least one phrase that names it")
        else:
            events.append(DatedEvent(label, start, end, tuple(c for c, _ in cues),
                                     _scalar(m["kind"]) if "kind" in m else None,
                                     tuple(o for o, _ in _strings(m.get("outdates"), where, problems, f"{what}: outdates"))))
    return tuple(events)


def _facts(node: yaml.Node | None, where: str, problems: _Problems) -> dict[str, str]:
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.add(where, node, "facts must be a mapping (name: YYYY-MM-DD)")
        return {}
    facts = {str(k.value): _date(v, where, problems, f"facts: {k.value}") for k, v in node.value}
    return {k: v for k, v in facts.items() if v}


def _synonyms(node: yaml.Node | None, where: str, problems: _Problems) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.add(where, node, "office_synonyms must be a mapping")
        return {}
    return {_key(str(k.value)): tuple(_key(s) for s, _ in _strings(v, where, problems, "office_synonyms"))
            for k, v in node.value}


def _build(path: Path) -> tuple[Profile | None, list[str]]:
    where = str(path)
    problems = _Problems()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [f"{where}: cannot read the profile ({exc.strerror})"]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        return None, [f"{where}{line}: YAML syntax error: {getattr(exc, 'problem', None) or exc}"]
    if root is None:
        return None, [f"{where}: the profile is empty"]
    top = _mapping(root, _TOP_KEYS, where, problems, "profile")
    profile = Profile(
        name=(_scalar(top["name"]) if "name" in top else None) or path.stem,
        path=where,
        actors=_actors(top.get("actors"), where, problems),
        places=tuple(p for p, _ in _strings(top.get("places"), where, problems, "places")),
        located_places=_located(top.get("located_places"), where, problems),
        issues=_issues(top.get("issues"), where, problems),
        stances=_stances(top.get("stances"), where, problems),
        office_synonyms=_synonyms(top.get("office_synonyms"), where, problems),
        events=_events(top.get("events"), where, problems),
        facts=_facts(top.get("facts"), where, problems),
    )
    names = {a.name for a in profile.actors}
    for actor_node in (top.get("actors").value if isinstance(top.get("actors"), yaml.SequenceNode) else []):
        m = {str(k.value): v for k, v in actor_node.value} if isinstance(actor_node, yaml.MappingNode) else {}
        for off in (m["offices"].value if isinstance(m.get("offices"), yaml.SequenceNode) else []):
            om = {str(k.value): v for k, v in off.value} if isinstance(off, yaml.MappingNode) else {}
            if "of" in om and _scalar(om["of"]) not in names:
                problems.add(where, om["of"], f"office is 'of' {_scalar(om['of'])!r}, which is not an actor of this profile")
    return profile, list(problems)


def check(path: str | Path) -> list[str]:
    """Every problem in the profile at ``path``, each as ``file:line: message``; empty when it is fine."""
    return _build(Path(path))[1]


def load_profile(path: str | Path) -> Profile:
    """Load and validate a profile; a bad one raises ``ConfigError`` naming file and line."""
    path = Path(path)
    if not path.exists() and (PROFILES_DIR / f"{path}.yaml").exists():
        path = PROFILES_DIR / f"{path}.yaml"
    profile, problems = _build(path)
    if problems:
        more = f" (and {len(problems) - 1} more: run `storyline profile check {path}`)" if len(problems) > 1 else ""
        raise ConfigError(problems[0] + more)
    assert profile is not None
    return profile


@lru_cache(maxsize=8)
def _cached(path: str) -> Profile:
    return load_profile(path)


def default_profile() -> Profile:
    """The packaged default profile (loaded once per process)."""
    return _cached(str(PROFILES_DIR / f"{DEFAULT_PROFILE}.yaml"))


def packaged(name: str) -> Profile:
    """A packaged profile by name, e.g. ``packaged("sample-corpus")`` (loaded once per process)."""
    return _cached(str(PROFILES_DIR / f"{name}.yaml"))
