"""Checkable statements in one article, each normalised to a slot and a value.

A *slot* names what is being asserted ("prisoner_count:Trevania", "duration:war",
"quote:Yevan Sorel", "date:round:start", "office:Pavel Renko"), so that the same assertion made
by two articles lands in the same slot and can be compared. Values are numbers, intervals or
normalised wording; the text span is kept as evidence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                      "hundred": 100, "a hundred": 100})
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split())}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_ORD = r"(?:" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))"
_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?:" + "|".join(m.capitalize() for m in _MONTHS) + r")"

# People counted in an exchange or a toll; plain English, not story vocabulary.
_PEOPLE = (r"prisoners(?: of war)?|captives|detainees|hostages|soldiers|servicemen|servicemembers|"
           r"troops|border guards|guards|fighters|civilians|people|children|POWs")
_EXCHANGE = re.compile(r"\b(?:exchang\w*|swap\w*|releas\w*|freed|free|return\w*|handed over|hand over|"
                       r"repatriat\w*|(?:came|come|comes|coming|brought|bring|sent|send) home|prisoner)\b", re.I)
_TOLL = re.compile(r"\b(?:kill\w*|died|dead|deaths?|wounded|injur\w*|hurt)\b", re.I)
TOLL_REACH = 40  # characters either side of a number in which its toll word is read
# People sent somewhere: a deployment is counted by the verb just before the number.
_SENT = r"monitors|observers|peacekeepers|troops|soldiers|police officers|inspectors"
_DEPLOY = re.compile(r"\b(?:deploy\w*|send|sends|sent|sending|dispatch\w*|station\w*)\b[^.;]{0,25}$", re.I)
_COUNT = re.compile(
    rf"\b(?:(?P<qualifier>(?i:at least|more than|over|nearly|almost|about|around|some|up to))\s+)?"
    rf"(?P<n>(?i:{_NUM}))\s+(?P<np>(?:(?:unarmed|armed|foreign|international|more|additional|new)\s+)?"
    rf"(?:[A-Z][\w'’-]+\s+){{0,2}})(?P<noun>(?i:{_PEOPLE}|{_SENT}))\b")
# Things counted in political news whose number one report can confirm or contradict.
# Only nouns whose count does not hang on a verb: "five villages damaged" and "seven flattened" are
# both true, as are "50 drones launched" and "40 shot down"; "points" are as often a score as a plan's.
_SINGULAR = {"regions": "region", "provinces": "province", "districts": "district", "brigades": "brigade",
             "clauses": "clause", "instances": "instance"}
_THINGS = re.compile(
    rf"\b(?:(?P<qualifier>(?i:at least|more than|over|nearly|almost|about|around|some|up to))\s+)?"
    rf"(?P<n>(?i:{_NUM}))[ -](?P<np>(?:(?:[A-Z][\w'’-]+|other|more|additional|further|new)\s+){{0,2}})"
    rf"(?P<noun>(?i:{'|'.join(_SINGULAR)}))\b")
_SET_APART = re.compile(r"\b(?:other|more|additional|further|new)\b", re.I)  # "four other regions" is another set
_WAR = r"(?P<what>war|conflict|invasion|fighting)"
_DURATIONS = (
    # "now nearly two years old", "the nearly three year conflict", "in its third year", "toward its fourth year"
    re.compile(rf"\b(?:the|{_WAR}),?\s+(?:now\s+)?(?P<qualifier>nearly|almost|more than|over|about|roughly)?\s*"
               rf"(?P<n>{_NUM})[- ]years?[- ]old\b", re.I),
    re.compile(rf"\b(?P<qualifier>nearly|almost|more than|over|about|roughly)?\s*(?P<n>{_NUM})[- ]years?(?:[- ]long)?\s+{_WAR}\b", re.I),
    re.compile(rf"\b{_WAR}\b[^.;]{{0,40}}?\b(?P<qualifier>in|into|toward|towards|enter\w*)\s+its\s+(?P<ord>{_ORD})\s+year\b", re.I),
)
# "the war began in August 2024", "at war over the valley since August 2024", "since the full-scale
# invasion of Ukraine in 2022": when the war started, to a month or a year.
_WHEN = rf"(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b"
_STARTS = (
    re.compile(rf"\b(?:war|conflict|fighting)\b[^.;]{{0,60}}?\b(?:began|started|broke out|erupted)\s+(?:in\s+)?{_WHEN}"),
    re.compile(rf"\b(?:at war|been fighting)\b[^.;]{{0,40}}?\bsince\s+{_WHEN}"),
    re.compile(rf"\bsince\s+the\s+(?:full[- ]scale\s+)?invasion\b[^.;]{{0,40}}?\bin\s+{_WHEN}"),
)
_LENGTH = re.compile(rf"\b(?P<n>{_NUM}|an?)[- ](?P<unit>day|week|month|year|hour)(?:[- ]long)?\s+(?P<noun>[a-z]+(?:[- ]fire)?)\b", re.I)
# Things that last or fall due, in plain English, under one name each ("truce" and "ceasefire" are one slot).
_LASTING = {"ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire", "armistice": "ceasefire",
            "pause": "pause", "patrol": "patrol", "patrols": "patrol", "mission": "mission", "mandate": "mandate",
            "deployment": "deployment", "moratorium": "moratorium", "exchange": "exchange", "swap": "exchange",
            "withdrawal": "withdrawal", "talks": "talks", "round": "talks", "review": "review"}
# "joint patrols on the road for twelve months", "a second exchange is due within sixty days"
_SPAN = re.compile(rf"\b(?P<how>for|within)\s+(?P<n>{_NUM}|an?)\s+(?P<unit>day|week|month|year)s?\b", re.I)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25}
_AT_TIME = r"(?:midnight|noon|dawn|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC)?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "the round opened on Tuesday, July 7", "the truce takes effect at midnight on September 20"
_DATE_FACT = re.compile(
    rf"\b(?P<noun>[a-z-]+)\s+(?:that\s+|which\s+)?(?:(?:will|would|is to|was to)\s+)?"
    rf"(?P<verb>opened|began|started|opens|begins|starts|ended|closed|ends|"
    rf"(?:takes|take|took|came|comes|come)\s+(?:effect|into force)|begin|start|open|end)\s+"
    rf"(?:(?:at|from)\s+{_AT_TIME}\s+)?on\s+(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})\b")
# When the fighting stops is when a ceasefire starts: "fighting along the front is to stop from midnight on September 20".
_FIGHTING_STOPS = re.compile(
    rf"\b(?:fighting|hostilities|shooting|shelling)\b[^.;]{{0,50}}?\b(?:(?:will|would|is to|are to)\s+)?"
    rf"(?:stop|stops|stopped|cease|ceases|ceased|halt|halts|halted)\s+(?:(?:at|from)\s+{_AT_TIME}\s+)?"
    rf"on\s+(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})\b", re.I)
_NOT_THINGS = {"it", "they", "which", "that", "this", "who", "he", "she", "we", "will", "would", "also", "then", "and"}
_VERB_KIND = {"opened": "start", "began": "start", "started": "start", "opens": "start", "begins": "start",
              "starts": "start", "ended": "end", "closed": "end", "ends": "end", "begin": "start", "start": "start",
              "open": "start", "end": "end"}
_CONTRACTIONS = {"n't": " not", "'re": " are", "'ll": " will", "'ve": " have", "'m": " am", "can't": "can not",
                 "won't": "will not"}
_CONTRACTION = re.compile(r"\b(?:can't|won't)|(?<=\w)(?:n't|'re|'ll|'ve|'m)\b", re.I)
_WORDS = re.compile(r"\w+")
# Who hosted a gathering: "the peace summits hosted by European partners", "that gathering, hosted by X".
_GATHERING = r"(?:summit|conference|talks|negotiations|meeting|gathering|round|forum)s?"
_HOSTED = re.compile(rf"\b(?P<event>(?:[\w-]+\s+){{0,3}}?{_GATHERING})[\"”’]?,?\s+(?:was\s+|were\s+|being\s+)?hosted\s+by\s+"
                     r"(?P<host>[^,.;:—–()\n\"”]{2,60}?)(?=\s*[,.;:—–()\n\"”]|\s+(?:as|in|on|at|for|to|with)\b)", re.I)
_NAMED_GATHERING = re.compile(rf"\b(?P<mod>[\w-]+)\s+(?P<head>{_GATHERING})\b", re.I)
# Words that do not tell one gathering from another.
_PLAIN = {"the", "a", "an", "that", "this", "those", "these", "its", "their", "his", "her", "so-called", "upcoming",
          "latest", "last", "next", "first", "second", "third", "international", "new", "recent", "planned", "proposed",
          "such", "any", "every", "of", "and"}
_DETERMINERS = {"the", "a", "an", "that", "this", "those", "these", "its", "their", "his", "her", "our", "any", "every"}
HOST_REACH = 400  # characters back in which "that gathering" finds the gathering it means
_SIGNED = re.compile(r"\b(?:signed|signing|signs|sign)\b", re.I)
SIGNED_REACH = 120  # characters after the verb in which its place is named
_CLAUSE_END = re.compile(r"[.;:!?—–\n]|,\s+(?:and|but|while|which|who)\b")
# "in Kallmora", "at the Villa Brenn", "in the Norvalese capital Kallmora", "in the city of Selmar"
_WHERE = re.compile(r"\b(?:in|at)\s+the\s+(?P<nation>[A-Z][\w'’-]+)\s+capital\b(?!,?\s+(?:of\s+)?[A-Z])"
                    r"|\b(?:in|at)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]+\s+)?(?:capital|city|town|port|village)"
                    r",?\s+(?:of\s+)?)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_TOWN_KINDS = {"city", "capital", "town", "village", "port"}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’']?|\n|$)")
_FORMER = re.compile(r"\b(?:former|ex-|then-?|outgoing|late|previous|erstwhile)\s*$", re.I)
_FORMER_WORD = re.compile(r"\b(?:former|ex-|then-?|outgoing|late|previous|erstwhile)(?=\s|$)", re.I)
# What may stand between a name and its apposed title: "Pavel Renko, Trevania's former foreign minister".
_APPOSED_WORD = r"(?:the|a|an|then|former|ex-|outgoing|(?i:deputy|vice)|[A-Z][\w'’.-]*)"
# A title inside a longer one: "deputy foreign minister" is not "foreign minister".
_DEPUTY = re.compile(r"\b(?:deputy|vice|assistant|junior|shadow)[ \t-]*$", re.I)


@dataclass(frozen=True)
class Claim:
    """One checkable statement in one article, with its slot, value and evidence span."""

    article: str
    slot: str
    value: Any
    text: str
    start: int
    end: int
    kind: str  # quote | count | duration | start | host | length | date | office | place
    source: str | None = None  # a source credited in the same sentence, or the quoted speaker
    qualifier: str | None = None  # "at least" for a count, the quote's kind, "former" for an office

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = list(self.value) if isinstance(self.value, tuple) else self.value
        return data


def number(word: str) -> int | None:
    """An integer from digits ("1,200") or a number word ("nine"); None if neither."""
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _ordinal(word: str) -> int | None:
    word = word.lower()
    return _ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)


def quote_words(text: str) -> str:
    """A quote's words only, lower case with contractions spelt out: two renderings that differ in
    punctuation, marks or "don't"/"do not" say the same thing."""
    text = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0).lower()], text.replace("’", "'").lower())
    return " ".join(_WORDS.findall(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: a plain splitter is enough to tie a claim to the sources credited beside it."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def war_months(qualifier: str | None, n: int | None, ordinal: int | None) -> tuple[float, float] | None:
    """A war's age as an interval of months: "nearly three years" is [30, 36), "in its third year" [24, 36)."""
    qualifier = (qualifier or "").lower()
    if ordinal is not None:
        if qualifier.startswith("toward"):
            return (12 * (ordinal - 1) - 6, 12 * (ordinal - 1))
        return (12 * (ordinal - 1), 12 * ordinal)
    if n is None:
        return None
    if qualifier in ("nearly", "almost"):
        return (12 * n - 6, 12 * n)
    if qualifier in ("more than", "over"):
        return (12 * n, 12 * n + 6)
    return (12 * n - 3, 12 * n + 3)


def _side(np: str, profile: Any) -> str | None:
    """The country an adjective before a count names ("146 Trevanian soldiers"), via the profile."""
    if not np.strip() or profile is None:
        return None
    for match in profile.names_in(np):
        if match.actor.kind == "country":
            return match.actor.name
        if match.actor.country:
            return match.actor.country
    return None


def _counts(text: str, profile: Any) -> list[tuple[str, Any, int, int, str | None]]:
    found = []
    bounds = sentences(text)
    for i, (s, e) in enumerate(bounds):
        sentence = text[s:e]
        # The verb that says what was counted is often in the sentence before ("... were freed. By noon 146 ...").
        context = text[bounds[i - 1][0] if i else s:e]
        for m in _COUNT.finditer(sentence):
            value = number(m.group("n"))
            if value is None or value < 2:
                continue
            noun = m.group("noun").lower()
            if re.fullmatch(_SENT, noun) and _DEPLOY.search(sentence[:m.start()]):
                kind = f"deployed_count:{noun}"
            elif not re.fullmatch(_PEOPLE, noun, re.I):
                continue
            elif _SET_APART.search(m.group("np")) or re.search(r"\banother\s+$", sentence[:m.start()], re.I):
                continue  # "another five people", "20 more people": not the total
            else:
                kind = "prisoner_count" if _EXCHANGE.search(context) else _toll(sentence, m.start(), m.end())
            if kind is None:
                continue
            side = _side(m.group("np"), profile)
            slot = f"{kind}:{side}" if side else kind
            found.append((slot, value, s + m.start(), s + m.end(), m.group("qualifier")))
    return found


def _toll(sentence: str, start: int, end: int) -> str | None:
    """"killed_count" or "injured_count" from the toll word nearest the number in its clause
    ("killing 10 people and injuring 50"), None when no toll word is that close."""
    before = re.split(r"[,;:]", sentence[max(0, start - TOLL_REACH):start])[-1]
    after = re.split(r"[,;:]", sentence[end:end + TOLL_REACH])[0]
    near = [(len(before) - w.end(), w.group(0)) for w in _TOLL.finditer(before)]
    near += [(w.start(), w.group(0)) for w in _TOLL.finditer(after)]
    if not near:
        return None
    word = min(near)[1].lower()
    return "killed_count" if re.match(r"kill|die|dead|death", word) else "injured_count"


def _things(text: str) -> list[tuple[str, Any, int, int, str | None]]:
    """Counted things that stay countable across reports ("four regions", "59 instances of shelling")."""
    found = []
    for m in _THINGS.finditer(text):
        value = number(m.group("n"))
        if value is not None and value >= 2 and not _SET_APART.search(m.group("np")):
            noun = m.group("noun").lower()
            found.append((f"count:{_SINGULAR.get(noun, noun)}", value, m.start(), m.end(), m.group("qualifier")))
    return found


def _durations(text: str) -> list[tuple[str, Any, int, int, str | None]]:
    found = []
    for pattern in _DURATIONS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            months = war_months(groups.get("qualifier"), number(groups["n"]) if groups.get("n") else None,
                                _ordinal(groups["ord"]) if groups.get("ord") else None)
            if months is not None:
                found.append(("duration:war", months, m.start(), m.end(), groups.get("qualifier")))
    return found


def _war_starts(text: str) -> list[tuple[str, Any, int, int, str | None]]:
    """When the war began, as the first and last day the words allow ("August 2024": the whole month)."""
    found = []
    for pattern in _STARTS:
        for m in pattern.finditer(text):
            year = int(m.group("year"))
            if m.group("month"):
                month = _MONTHS.index(m.group("month").lower()) + 1
                last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
                value = (f"{year}-{month:02d}-01", last)
            else:
                value = (f"{year}-01-01", f"{year}-12-31")
            found.append(("start:war", value, m.start(), m.end(), None))
    return found


def _gathering(words: str) -> str | None:
    """"the upcoming peace summit" → "peace summit"; None when no word tells which gathering."""
    tokens = words.lower().split()
    # Only the words after the last determiner describe the gathering ("dismissed that gathering").
    cut = max((i + 1 for i, t in enumerate(tokens) if t in _DETERMINERS), default=0)
    tokens = tokens[cut:]
    found = _NAMED_GATHERING.search(" ".join(tokens))
    if not tokens:
        return None
    head = re.sub(r"s$", "", tokens[-1]) if tokens[-1] not in ("talks", "negotiations") else tokens[-1]
    mods = [t for t in tokens[:-1] if t not in _PLAIN]
    return f"{mods[-1]} {head}" if mods and found else None


def _hosts(text: str, profile: Any) -> list[tuple[str, Any, int, int, str | None]]:
    """Who hosted a gathering, as the profile's country or organisation when it names one."""
    found = []
    for m in _HOSTED.finditer(text):
        key = _gathering(m.group("event"))
        if key is None:
            # "that gathering": the last named gathering shortly before.
            named = [g for g in _NAMED_GATHERING.finditer(text[max(0, m.start() - HOST_REACH):m.start()])
                     if g.group("mod").lower() not in _PLAIN]
            key = _gathering(named[-1].group(0)) if named else None
        if key is None:
            continue
        host = m.group("host").strip()
        matches = profile.names_in(host) if profile is not None else []
        actor = next((x.actor for x in matches if x.actor.kind == "person"), matches[0].actor if matches else None)
        value = (actor.country or actor.name) if actor else re.sub(r"^the\s+", "", host.lower())
        found.append((f"host:{key}", value, m.start("host"), m.end("host"), None))
    return found


def _lengths(text: str) -> list[tuple[str, Any, int, int, str | None]]:
    """How long something lasts ("a 30-day ceasefire", "patrols for a year") or when it falls due
    ("an exchange within sixty days"), in days, under the thing's one name."""
    found = []
    for m in _LENGTH.finditer(text):
        n = 1 if m.group("n").lower() in ("a", "an") else number(m.group("n"))
        noun = m.group("noun").lower()
        if n and noun in _LASTING:
            days = round(n * _UNIT_DAYS[m.group("unit").lower()])
            found.append((f"length:{_LASTING.get(noun, noun)}", days, m.start(), m.end(), None))
    for m in _SPAN.finditer(text):
        n = 1 if m.group("n").lower() in ("a", "an") else number(m.group("n"))
        # The thing is the nearest lasting noun in the six words before.
        before = re.findall(r"[\w-]+", text[max(0, m.start() - 60):m.start()])[-6:]
        noun = next((_LASTING[w.lower()] for w in reversed(before) if w.lower() in _LASTING), None)
        if n and noun:
            kind = "length" if m.group("how").lower() == "for" else "due"
            found.append((f"{kind}:{noun}", round(n * _UNIT_DAYS[m.group("unit").lower()]), m.start(), m.end(), None))
    return found


def _places(text: str, profile: Any) -> list[tuple[str, Any, int, int, str | None]]:
    """Where something was signed: the town or city named after the verb in its clause ("signed
    the accord at the Villa Brenn in Eskerholm" → Eskerholm), as a gazetteer id (the profile's
    own places included). A venue alone or a country says too little to contradict anything."""
    from ..geo.gazetteer import with_extra

    found = []
    for m in _SIGNED.finditer(text):
        clause = _CLAUSE_END.split(text[m.end():m.end() + SIGNED_REACH])[0]
        towns = []
        gazetteer = with_extra(profile.located_places if profile is not None else ())
        for where in _WHERE.finditer(clause):
            if where.group("name"):
                places = gazetteer.lookup(where.group("name"))
            else:  # "in the Norvalese capital": the capital the profile gives that country
                places = [gazetteer.get(c) for c in _capitals(where.group("nation"), profile)]
            # The gazetteer's first reading of the name: "Norland" the country, not a hamlet of that name.
            town = places[0] if places and places[0] is not None and places[0].kind in _TOWN_KINDS else None
            if town is not None:
                towns.append((town, m.end() + where.end()))
        if towns:
            town, end = towns[-1]  # "at the villa in the town": the last is the widest
            found.append(("place:signing", town.id, m.start(), end, None))
    return found


def _capitals(nation: str, profile: Any) -> list[str]:
    """Ids of the profile's capitals of the country ``nation`` names ("Norvalese" → Kallmora)."""
    if profile is None:
        return []
    countries = {m.actor.name for m in profile.names_in(nation) if m.actor.kind == "country"}
    located = profile.located_places
    codes = {p.get("country") for p in located if p.get("kind") == "country" and p.get("name") in countries}
    return [p["id"] for p in located if p.get("kind") == "capital" and p.get("country") in codes - {None}]


def _dates(text: str, year: str | None) -> list[tuple[str, Any, int, int, str | None]]:
    """When something opened, began or ended, under the thing's one name ("truce" is "ceasefire");
    taking effect or coming into force is a start."""
    found = []
    for m in _DATE_FACT.finditer(text):
        month = _MONTHS.index(m.group("month").lower()) + 1
        day = f"{year + '-' if year else ''}{month:02d}-{int(m.group('day')):02d}"
        noun = m.group("noun").lower()
        if noun in _NOT_THINGS:
            continue
        kind = _VERB_KIND.get(m.group("verb").lower(), "start")
        found.append((f"date:{_LASTING.get(noun, noun)}:{kind}", day, m.start(), m.end(), None))
    for m in _FIGHTING_STOPS.finditer(text):
        month = _MONTHS.index(m.group("month").lower()) + 1
        day = f"{year + '-' if year else ''}{month:02d}-{int(m.group('day')):02d}"
        found.append(("date:ceasefire:start", day, m.start(), m.end(), None))
    return found


def _offices(text: str, profile: Any) -> list[tuple[str, Any, int, int, str | None]]:
    """A profiled person named with one of their office titles: just before the name
    ("Foreign Minister Ana Lisac") or in an apposition just after it ("Pavel Renko, Trevania's
    foreign minister")."""
    found = []
    if profile is None:
        return found
    for match in profile.names_in(text):
        actor = match.actor
        if actor.kind != "person" or not actor.offices:
            continue
        before = text[max(0, match.start - 80):match.start]
        low = before.lower().replace("’", "'")
        after = text[match.end:match.end + 80]
        for office in actor.offices:
            at = low.rfind(office.title)
            if at >= 0 and len(low) - (at + len(office.title)) <= 3 and not _DEPUTY.search(low[:at]):
                # Keep the nation or organisation words in front of the title in the evidence span.
                head = re.search(r"(?:(?:[A-Z][\w'’-]*|(?:[A-Z]\.)+)[ \t]+)*\Z", before[:at])
                start = match.start - len(before) + (head.start() if head else at)
                former = bool(_FORMER.search(before[:at]))
                found.append((f"office:{actor.name}", office.title, start, match.end, "former" if former else None))
                break
            title = "\\s+".join(re.escape(w) for w in office.title.split())
            apposed = re.match(rf",[ \t]+(?P<words>(?:{_APPOSED_WORD}[ \t]+){{0,3}}?)(?i:{title})\b(?!-)", after)
            if apposed and not _DEPUTY.search(apposed.group("words")):
                former = bool(_FORMER_WORD.search(apposed.group("words")))
                found.append((f"office:{actor.name}", office.title, match.start, match.end + apposed.end(),
                              "former" if former else None))
                break
    return found


def _credited(text: str, cited: list[dict[str, Any]]) -> dict[tuple[int, int], str]:
    """Sentence bounds → the first source credited inside that sentence."""
    bounds = sentences(text)
    credited: dict[tuple[int, int], str] = {}
    for source in cited:
        for s, e in bounds:
            if s <= source["start"] < e:
                credited.setdefault((s, e), source["name"])
    return credited


def _sentence_source(credited: dict[tuple[int, int], str], start: int) -> str | None:
    for (s, e), name in credited.items():
        if s <= start < e:
            return name
    return None


def extract_claims(article_id: str, text: str, quotes: list[dict[str, Any]] = (),
                   cited_sources: list[dict[str, Any]] = (), published: str | None = None,
                   profile: Any = None) -> list[Claim]:
    """Every checkable statement of one article: quotes by speaker, counts, durations, dates, offices."""
    credited = _credited(text, list(cited_sources))
    claims: list[Claim] = []
    for quote in quotes:
        words = quote["text"].split()
        if not quote.get("speaker") or len(words) < 4 or quote.get("kind") == "partial" and len(words) < 6:
            continue
        # The speaker is in the slot ("Lisac" and "Ana Lisac" are one, through the profile); the
        # source is whoever the article credits for the report.
        known = profile.actor_for(quote["speaker"], published) if profile is not None else None
        speaker = known.name if known is not None and known.kind == "person" else quote["speaker"]
        claims.append(Claim(article_id, f"quote:{speaker}", quote_words(quote["text"]), quote["text"],
                            quote["start"], quote["end"], "quote", source=_sentence_source(credited, quote["start"]),
                            qualifier=quote.get("kind")))
    year = published[:4] if published else None
    # A figure inside someone's reported words is theirs when the article credits no one else.
    said = [(q["start"], q["end"], q["speaker"]) for q in quotes if q.get("speaker")]
    for kind, found in (("count", _counts(text, profile) + _things(text)), ("duration", _durations(text)),
                        ("start", _war_starts(text)), ("host", _hosts(text, profile)), ("length", _lengths(text)),
                        ("date", _dates(text, year)), ("office", _offices(text, profile)),
                        ("place", _places(text, profile))):
        for slot, value, start, end, qualifier in found:
            source = _sentence_source(credited, start) or next((who for s, e, who in said if s <= start and end <= e), None)
            claims.append(Claim(article_id, slot, value, text[start:end], start, end, kind, source=source, qualifier=qualifier))
    return sorted(claims, key=lambda c: (c.start, c.end, c.slot))
