"""Date expressions in an article's text, resolved against its publication date.

Candidates are found with regexes and resolved here, not by ``dateparser.search_dates`` on free
text (it reads the verb "may" as a month). Each expression keeps its span, a granularity and a
resolved range ``[value, value_end]``; a relative expression in an undated article is kept with
``value=None`` and the reason, never guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

GRANULARITIES = ("day", "week", "month", "year")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:(?P<part>(?i:early|mid|late|the\s+end\s+of|the\s+start\s+of))[\s-]+)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SHIFT = r"(?:(?P<shift>(?i:last|next|this|coming|past|previous))\s+)?"

# Order matters: longer forms first, so "November 28, 2025" is not also read as "November 28".
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b{_PART}{_MONTH},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,]?\s*\d)")),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("named", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|last\s+night|"
                         r"this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("rel", re.compile(r"\b(?:(?P<pos>earlier|later|early|late)\s+)?(?P<shift>last|next|this|"
                       r"the\s+past|the\s+previous|the\s+coming)\s+(?P<unit>week|month|year)\b",
                       re.I)),
    ("weekend", re.compile(r"\b(?P<shift>last|next|this|the|over\s+the|coming)\s+weekend\b",
                           re.I)),
    ("weekday", re.compile(rf"\b{_SHIFT}{_WEEKDAY}\b")),
    ("part_year", re.compile(rf"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+start\s+of)"
                             rf"[\s-]+{_YEAR}\b", re.I)),
    # Only after a preposition: a bare four-digit number is as often a count as a year.
    ("year", re.compile(rf"(?<![\d$€£.,/-])\b(?:in|since|by|until|from|before|after|during)\s+"
                        rf"{_YEAR}\b(?![-–/]\d)", re.I)),
    ("month", re.compile(rf"\b(?P<prep>(?i:in|since|by|until|from|during|early|mid|late|last|"
                         rf"next|this))[\s-]+{_MONTH}\b(?!\s*\d)")),
]

# Words before a bare weekday or "the weekend" that point forward in time.
_FUTURE = re.compile(r"\b(will|shall|'ll|starting|upcoming|scheduled|expected|due|"
                     r"plans?|planned|proposed|until|by)\b[^.;!?]{0,40}$", re.I)


@dataclass(frozen=True)
class DateExpression:
    """A date mentioned in an article: its span, and what it resolves to if it can.

    ``value``/``value_end`` are the first and last day (YYYY-MM-DD) the expression can mean;
    ``relative`` says whether it needed the publication date; ``reason`` says why ``value`` is
    ``None``.
    """

    text: str
    start: int
    end: int
    granularity: str
    value: str | None
    value_end: str | None
    relative: bool
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateExpression:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def date_expressions(text: str, published: str | None) -> list[DateExpression]:
    """Every date expression in ``text``, in text order, resolved against ``published``."""
    anchor = _parse_iso(published)
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    present = _families(text)
    for kind, pattern in _PATTERNS:
        if not present[kind]:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            expression = _resolve(kind, match, text, anchor)
            if expression is not None:
                taken.append((start, end))
                found.append(expression)
    return sorted(found, key=lambda e: e.start)


_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY_NAMES = tuple(calendar.day_name)
_YEARISH = re.compile(r"(?:19|20)\d\d")


def _families(text: str) -> dict[str, bool]:
    """Which patterns can match at all: cheap substring tests spare most regex scans."""
    low = text.lower()
    months = any(stem in text for stem in _MONTH_STEMS)
    years = bool(_YEARISH.search(text))
    return {
        "iso": years and "-" in text, "mdy": months and years, "dmy": months and years,
        "my": months and years, "md": months, "dm": months, "month": months,
        "ago": "ago" in low,
        "named": any(w in low for w in ("today", "yesterday", "tomorrow", "tonight", "night",
                                        "morning", "afternoon", "evening")),
        "rel": any(w in low for w in ("week", "month", "year")),
        "weekend": "weekend" in low,
        "weekday": any(name in text for name in _DAY_NAMES),
        "part_year": years, "year": years,
    }


def month_day(expression: DateExpression) -> tuple[int, int] | None:
    """Month and day of a day named without a year ("May 15", "15 May"), else None."""
    if expression.granularity != "day":
        return None
    for kind in ("md", "dm"):
        match = dict(_PATTERNS)[kind].fullmatch(expression.text)
        if match:
            day = int(match["day"])
            return (_month(match["month"]), day) if 1 <= day <= 31 else None
    return None


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name.lower().rstrip(".")]


def _record(match: re.Match[str], granularity: str, first: date | None, last: date | None,
            relative: bool, reason: str | None = None) -> DateExpression:
    return DateExpression(
        text=match.group(0), start=match.start(), end=match.end(), granularity=granularity,
        value=first.isoformat() if first else None, value_end=last.isoformat() if last else None,
        relative=relative, reason=None if first else reason,
    )


def _unresolved(match: re.Match[str], granularity: str) -> DateExpression:
    return _record(match, granularity, None, None, True,
                   "relative expression and the article has no publication date")


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _part_of(first: date, last: date, part: str | None) -> tuple[date, date]:
    """Narrow a range to its early, middle or late third (of a year: by four months)."""
    if not part:
        return first, last
    part = " ".join(part.lower().split())
    third = 0 if part in ("early", "the start of") else 1 if part == "mid" else 2
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return _month_range(first.year, 4 * third + 1)[0], _month_range(first.year, 4 * third + 4)[1]
    span = (last - first).days + 1
    start = first + timedelta(days=span * third // 3)
    end = first + timedelta(days=span * (third + 1) // 3 - 1)
    return start, end


def _nearest_year(anchor: date, month: int, day: int) -> date | None:
    """A day and month without a year: the occurrence closest to the publication date."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def looks_forward(text: str, start: int) -> bool:
    """Whether the words just before ``start`` make a date a plan or a deadline."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), 0)
    return bool(_FUTURE.search(text[sentence_start:start]))


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _resolve(kind: str, m: re.Match[str], text: str, anchor: date | None) -> DateExpression | None:
    g = m.groupdict()
    if kind in ("iso", "mdy", "dmy"):
        try:
            day = date(int(g["year"]), _month(g["month"]), int(g["day"]))
        except ValueError:
            return None
        return _record(m, "day", day, day, False)
    if kind in ("md", "dm"):
        month, day_of_month = _month(g["month"]), int(g["day"])
        if not 1 <= day_of_month <= 31:
            return None
        if anchor is None:
            return _record(m, "day", None, None, True,
                           "no year given and the article has no publication date")
        day = _nearest_year(anchor, month, day_of_month)
        return _record(m, "day", day, day, True) if day else None
    if kind == "my":
        first, last = _month_range(int(g["year"]), _month(g["month"]))
        first, last = _part_of(first, last, g["part"])
        return _record(m, "month", first, last, False)
    if kind == "part_year":
        year = int(g["year"])
        first, last = _part_of(date(year, 1, 1), date(year, 12, 31), g["part"])
        return _record(m, "year", first, last, False)
    if kind == "year":
        year = int(g["year"])
        return _record(m, "year", date(year, 1, 1), date(year, 12, 31), False)
    if kind == "month":
        return _resolve_month(m, g, text, anchor)
    if anchor is None:
        granularity = (g.get("unit") or "day").lower() if kind in ("ago", "rel") else "day"
        return _unresolved(m, granularity)
    if kind == "ago":
        return _resolve_ago(m, g, anchor)
    if kind == "named":
        word = " ".join(g["word"].lower().split())
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        day = anchor + timedelta(days=offset)
        return _record(m, "day", day, day, True)
    if kind == "rel":
        return _resolve_relative(m, g, anchor)
    if kind == "weekend":
        return _resolve_weekend(m, g, text, anchor)
    return _resolve_weekday(m, g, text, anchor)


def _resolve_month(m: re.Match[str], g: dict[str, Any], text: str, anchor: date | None) -> DateExpression:
    month = _month(g["month"])
    prep = g["prep"].lower()
    if anchor is None:
        return _record(m, "month", None, None, True,
                       "no year given and the article has no publication date")
    year = anchor.year
    if prep == "last":
        year -= month >= anchor.month
    elif prep == "next":
        year += month <= anchor.month
    elif prep != "this":
        # A bare month is the nearest past one in news prose, unless the sentence looks ahead.
        if looks_forward(text, m.start()):
            year += month < anchor.month
        else:
            year -= month > anchor.month
    first, last = _month_range(year, month)
    first, last = _part_of(first, last, prep if prep in ("early", "mid", "late") else None)
    return _record(m, "month", first, last, True)


def _resolve_ago(m: re.Match[str], g: dict[str, Any], anchor: date) -> DateExpression:
    n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
    unit = g["unit"].lower()
    if unit == "day":
        day = anchor - timedelta(days=n)
        return _record(m, "day", day, day, True)
    if unit == "week":
        return _record(m, "week", *_week_of(anchor - timedelta(weeks=n)), True)
    if unit == "month":
        shifted = _shift_months(anchor, -n)
        return _record(m, "month", *_month_range(shifted.year, shifted.month), True)
    return _record(m, "year", date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31), True)


def _resolve_relative(m: re.Match[str], g: dict[str, Any], anchor: date) -> DateExpression:
    shift = " ".join(g["shift"].lower().split())
    step = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1}.get(shift, 0)
    unit = g["unit"].lower()
    if unit == "week":
        first, last = _week_of(anchor + timedelta(weeks=step))
    elif unit == "month":
        shifted = _shift_months(anchor.replace(day=1), step)
        first, last = _month_range(shifted.year, shifted.month)
    else:
        first, last = date(anchor.year + step, 1, 1), date(anchor.year + step, 12, 31)
    pos = (g["pos"] or "").lower()
    if step == 0 and pos == "earlier":
        last = max(first, min(last, anchor - timedelta(days=1)))
    elif step == 0 and pos == "later":
        first = min(last, max(first, anchor + timedelta(days=1)))
    elif pos in ("early", "late"):
        first, last = _part_of(first, last, pos)
    return _record(m, unit, first, last, True)


def _resolve_weekend(m: re.Match[str], g: dict[str, Any], text: str, anchor: date) -> DateExpression:
    shift = " ".join(g["shift"].lower().split())
    forward = shift in ("next", "coming") or (shift != "last" and looks_forward(text, m.start()))
    saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
    if not forward and saturday > anchor:
        saturday -= timedelta(days=7)
    if shift == "last" and anchor.weekday() >= 5:
        saturday -= timedelta(days=7)
    return _record(m, "day", saturday, saturday + timedelta(days=1), True)


def _resolve_weekday(m: re.Match[str], g: dict[str, Any], text: str, anchor: date) -> DateExpression | None:
    target = _WEEKDAYS[g["weekday"].lower()]
    shift = (g["shift"] or "").lower()
    delta = (target - anchor.weekday()) % 7
    if shift in ("next", "coming") or (not shift and looks_forward(text, m.start())):
        day = anchor + timedelta(days=delta or 7) if shift == "next" else anchor + timedelta(days=delta)
    elif shift == "this":
        day = anchor - timedelta(days=anchor.weekday()) + timedelta(days=target)
    else:
        # News tense: a bare weekday is the most recent one, "last Monday" skips today.
        back = (anchor.weekday() - target) % 7
        if shift in ("last", "past", "previous") and back == 0:
            back = 7
        day = anchor - timedelta(days=back)
    return _record(m, "day", day, day, True)
