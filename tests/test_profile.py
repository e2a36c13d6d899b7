"""Profiles: loading, line-numbered validation errors, alias and office lookups."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.profile import check, default_profile, load_profile, packaged

GOOD = """\
name: tiny
actors:
  - {name: Ardenia, kind: country, aliases: [Ardenian, Port Vell]}
  - {name: UN, kind: org, aliases: [U.N.]}
  - name: Ida Mohr
    kind: person
    country: Ardenia
    aliases: [Mohr]
    offices:
      - {title: president, of: Ardenia, start: 2020-01-01, end: 2023-12-31}
  - name: Bo Lund
    kind: person
    country: Ardenia
    offices:
      - {title: president, of: Ardenia, start: 2024-01-01, end: null}
issues:
  - {name: ceasefire, cues: [ceasefire, truce]}
stances:
  rejects: [reject]
"""

DATED = GOOD + """\
facts:
  war_start: 2022-02-24
events:
  - {label: Truce talks, date: 2024-05-01, date_end: 2024-05-03, kind: talks, cues: [truce talks], outdates: [no talks]}
"""


def _write(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("bad, line, words", [
    (GOOD.replace("aliases: [Mohr]", "aliases: [Ardenian]"), 8, "already an alias of Ardenia"),
    (GOOD.replace("end: 2023-12-31", "end: 2019-12-31"), 10, "ends (2019-12-31) before it starts"),
    (GOOD.replace("cues: [ceasefire, truce]", "cues: []"), 17, "has no cues"),
    (GOOD.replace("    kind: person\n    country: Ardenia\n    aliases", "    kind: person\n    colour: red\n    aliases", 1), 7, "unknown key 'colour'"),
    (GOOD.replace("issues:", "issues: [oops"), 17, "YAML syntax error"),
    (GOOD.replace("start: 2024-01-01", "start: 2024-13-01"), 15, "is not a date"),
    (GOOD.replace("of: Ardenia, start: 2024", "of: Nowhere, start: 2024"), 15, "not an actor of this profile"),
    (GOOD + "colour: red\n", 20, "unknown key 'colour'"),
    (DATED.replace("war_start: 2022-02-24", "war_start: 2022-02-30"), 21, "is not a date"),
    (DATED.replace("facts:\n  war_start: 2022-02-24", "facts: [war_start]"), 20, "facts must be a mapping"),
    (DATED.replace("date: 2024-05-01", "date: May 2024"), 23, "is not a date"),
    (DATED.replace("date_end: 2024-05-03", "date_end: 2024-04-03"), 23, "ends (2024-04-03) before it starts"),
    (DATED.replace("kind: talks", "colour: red"), 23, "unknown key 'colour'"),
    (DATED.replace("cues: [truce talks]", "cues: []"), 23, "has no cues"),
    (DATED.replace("events:\n  - {", "events:\n  - {date: 2024-05-01, "), 23, "appears twice"),
])
def test_bad_profile_names_file_and_line(tmp_path, bad, line, words):
    path = _write(tmp_path, bad)
    problems = check(path)
    assert any(p.startswith(f"{path}:{line}:") and words in p for p in problems), problems
    with pytest.raises(ConfigError) as err:
        load_profile(path)
    assert f"{path}:" in str(err.value)


def test_good_profile_has_no_problems(tmp_path):
    assert check(_write(tmp_path, GOOD)) == []


@pytest.mark.parametrize("text, facts, events", [
    (DATED, {"war_start": "2022-02-24"}, [("Truce talks", "2024-05-01", "2024-05-03", "talks", ("no talks",))]),
    (GOOD, {}, []),
])
def test_dated_events_and_facts(tmp_path, text, facts, events):
    profile = load_profile(_write(tmp_path, text))
    assert profile.facts == facts
    assert [(e.label, e.date, e.date_end, e.kind, e.outdates) for e in profile.events] == events


@pytest.mark.parametrize("name, war_start", [("russia-ukraine-2022-2025", "2022-02-24"), ("sample-corpus", "2024-08-01")])
def test_packaged_profiles_carry_the_war_start(name, war_start):
    assert packaged(name).facts["war_start"] == war_start


@pytest.mark.parametrize("name", ["russia-ukraine-2022-2025", "sample-corpus"])
def test_packaged_profiles_are_valid(name):
    profile = packaged(name)
    assert check(profile.path) == []
    assert profile.issues and profile.actors and set(profile.stances) <= {"demands", "accepts", "rejects", "conditions", "open_to"}


@pytest.mark.parametrize("mention, day, expected", [
    ("Mohr", None, "Ida Mohr"),
    ("MOHR’s", None, "Ida Mohr"),
    ("the Ardenian president", "2022-06-01", "Ida Mohr"),
    ("the Ardenian president", "2024-06-01", "Bo Lund"),
    ("Ardenia's leader", "2024-06-01", None),  # no synonyms in this profile: "leader" is no office
    ("president of Ardenia", "2021-01-01", "Ida Mohr"),
    ("the Ardenian president", "2019-01-01", None),
    ("U.N.", None, "UN"),
    ("un", None, None),  # an acronym alias matches only in capitals
    ("Port Vell", None, "Ardenia"),
    ("Nobody Known", None, None),
])
def test_actor_for(tmp_path, mention, day, expected):
    profile = load_profile(_write(tmp_path, GOOD))
    actor = profile.actor_for(mention, day)
    assert (actor.name if actor else None) == expected


@pytest.mark.parametrize("office, of, day, expected", [
    ("president", "Russia", "2025-05-11", "Vladimir Putin"),
    ("president", "Russia", "2010-01-01", "Dmitry Medvedev"),
    ("president", "United States", "2024-06-01", "Joe Biden"),
    ("president", "United States", "2025-06-01", "Donald Trump"),
    ("prime minister", "Canada", "2025-02-01", "Justin Trudeau"),
    ("prime minister", "Canada", "2025-04-01", "Mark Carney"),
    ("foreign minister", "Ukraine", "2024-01-01", "Dmytro Kuleba"),
    ("foreign minister", "Ukraine", "2025-01-01", "Andrii Sybiha"),
    ("secretary-general", "NATO", "2023-01-01", "Jens Stoltenberg"),
    ("secretary-general", "NATO", "2025-01-01", "Mark Rutte"),
    ("president", "Ukraine", "2010-01-01", None),
])
def test_default_office_holders(office, of, day, expected):
    holder = default_profile().office_holder(office, day, of=of)
    assert (holder.name if holder else None) == expected


def test_sample_profile_foreign_minister_change_is_unknown_in_the_gap():
    profile = packaged("sample-corpus")
    assert profile.actor_for("Trevania's foreign minister", "2026-02-10").name == "Pavel Renko"
    assert profile.actor_for("Trevania's foreign minister", "2026-03-20") is None
    assert profile.actor_for("Trevania's foreign minister", "2026-04-16").name == "Ana Lisac"


@pytest.mark.parametrize("text, issues", [
    ("Both sides want a truce and a ceasefire.", ["ceasefire", "ceasefire"]),
    ("Nothing about the weather.", []),
])
def test_issues_in(tmp_path, text, issues):
    profile = load_profile(_write(tmp_path, GOOD))
    assert [m.issue for m in profile.issues_in(text)] == issues


def test_located_places_are_checked_line_by_line(tmp_path):
    from storyline.profile import check

    path = tmp_path / "p.yaml"
    path.write_text(
        "name: t\n"
        "located_places:\n"
        "  - {name: Lindholm, lat: 59.3, lon: 18.1}\n"
        "  - {name: Nowhere, lat: 123, lon: 0}\n"
        "  - {lat: 1, lon: 2}\n",
        encoding="utf-8",
    )
    problems = check(path)
    assert any(f"{path}:4" in p and "outside" in p for p in problems)
    assert any(f"{path}:5" in p and "'name' is required" in p for p in problems)
    assert len(problems) == 2
