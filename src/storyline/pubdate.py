"""Publication date of one article: every piece of evidence kept as a candidate, then one choice.

Candidates come from the publisher's metadata, a date in the URL, date lines in the text (a
meta bar, a byline, a line that is only a date, a dateline opening the first paragraph:
"CITY, March 4, 2026 —"), and last an inference from the dated references in the text. The
first in that order is chosen: it follows who controls the value, since metadata and the URL
scheme are deliberate, a date line is scraped layout, and references only bound the date from
below. An inference uses the latest dated reference that is not a plan ("scheduled for",
"by 2030"): an exact date that frames the article (in a caption, its first or last few
paragraphs, or beside its weekday) becomes the inferred date; an exact date told in the middle of
the body ("On Oct. 21, 2011, the first truck crossed"), a month or a year is background that
only bounds the date from below, and then the date stays unknown.

An article cannot report what happened after it was published. So when the text names an exact
date, not as a plan, more than ``CONFLICT_DAYS`` after the metadata or URL date, that date is
impossible: the inference is chosen instead, both stay candidates, and ``conflict`` is set. If
the impossible date, moved to the reference's year, lands within ``CONFLICT_DAYS`` of it, only
its year was wrong (a template or archive slip), and the corrected day is the inference. A
visible date line is kept even then: it is what readers saw, often the first version of an
article updated later; the conflict is still reported.

Pure: no I/O, no clock. Dates are found with regexes; dateparser only parses a short string
already isolated as a date, never free text.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import dateparser

from .records import DateCandidate, Removed

__all__ = ["PubDate", "published", "date_line", "first_full_date", "CONFLICT_DAYS"]

CONFLICT_DAYS = 3
# A byline or date line is short; longer lines are prose.
MAX_META_LINE_WORDS = 14
# A dateline opens one of the first paragraphs, never deeper.
DATELINE_PARAGRAPHS = 3
# Where a date frames the article rather than telling its background: the first and last few
# paragraphs (lede, caption, "Correction: October 2, 2016", an embedded post's date).
FRAME_PARAGRAPHS = 3
_WEEKDAY_NEAR = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
# Machine-written dates that a later reported event can prove wrong.
CHECKED = ("metadata", "url")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}"
MONTHS = {name: i for i, names in enumerate(
    ["", "jan january", "feb february", "mar march", "apr april", "may", "jun june",
     "jul july", "aug august", "sep sept september", "oct october", "nov november",
     "dec december"]) for name in names.split()}

# Full dates in the common English forms; numeric day/month orders are settled in _full_date.
_FULL_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+"
    rf"(?P<y2>{_YEAR})\b"
    rf"|\b(?P<y3>{_YEAR})[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})\b"
    rf"|\b(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>{_YEAR})\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<q>early|mid|late)[\s-]+)?(?P<m>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b", re.IGNORECASE
)
_BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
# A bare year counts only after words that place an event in it ("in 2022", "late 2025", the
# end of "2014-2015"); "by 2030" or "the 2028 games" look ahead, and other numbers are not years.
_YEAR_CONTEXT = re.compile(
    rf"(?:\b(?P<q>early|mid|late)|\b(?:in|since|during|from|of|after|pre|post)|\b{_YEAR})"
    r"[\s\u2010-\u2015-]+$",
    re.IGNORECASE,
)
# Words just before a date that make it a plan or a deadline, not something that happened.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|scheduled|due|planned|upcoming|next|ahead|set\s+(?:to|for)|expected|"
    r"by|until|till|deadline)\b",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    rf"(?<!\d)(?P<y>{_YEAR})(?P<sep>[/_-]?)(?P<m>\d{{2}})(?P=sep)(?P<d>\d{{2}})(?!\d)"
)

# A dateline's place: a word in capitals ("PARIS", "NEW YORK"), maybe a region after a comma
# and an agency in brackets, then the comma before the date.
_DATELINE_PLACE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)?)?"
    r"(?:\s*\([^()\n]{1,40}\))?,\s+"
)
_DATELINE_DASH = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[—–-]+\s")

_DATE_LINE_WORDS = frozenset(
    "published updated posted last modified first on at date am pm gmt utc est edt cst cdt "
    "pst pdt cet cest bst ist msk monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_PARSE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}


@dataclass(frozen=True)
class _Ref:
    """A dated reference in the text: the span of days it names, and where it was seen."""

    start: date
    end: date
    phrase: str
    where: str
    frames: bool = True


@dataclass(frozen=True)
class PubDate:
    """The chosen date (or None with the reason), how it was known, and all the evidence."""

    value: str | None
    how: str
    why: str
    candidates: tuple[DateCandidate, ...]
    conflict: bool


def published(
    meta_published: str | None,
    url: str | None,
    lines: list[tuple[str, str]],
    text: str,
    removed: tuple[Removed, ...] = (),
) -> PubDate:
    """Choose the publication date; ``lines`` are (label, line) pairs that may be date lines:
    "meta bar" and "byline" lines are searched for a full date, "date line" lines must hold
    nothing else."""
    candidates: list[DateCandidate] = []
    if meta_published:
        day = _parse_isolated(meta_published.strip()[:40])
        if day:
            candidates.append(DateCandidate(day.isoformat(), "metadata", "metadata"))
    if url:
        for match in _URL_DATE.finditer(_url_path(url)):
            day = _make_date(match["y"], match["m"], match["d"])
            if day:
                candidates.append(DateCandidate(day.isoformat(), "url", f"URL: {match.group()}"))
                break
    for label, line in lines:
        day = date_line(line) if label == "date line" else first_full_date(line)
        if day:
            candidates.append(DateCandidate(day.isoformat(), "text", f"{label}: '{line}'"))
    dateline = _dateline(text)
    if dateline:
        day, line = dateline
        candidates.append(DateCandidate(day.isoformat(), "text", f"dateline: '{line}'"))
    conflict = any(
        abs(_days(a.value, b.value)) > CONFLICT_DAYS
        for a in candidates
        for b in candidates
        if a.how != b.how
    )
    latest, exact = _latest_references(text, removed)
    chosen = candidates[0] if candidates else None
    if chosen is not None:
        # Only an exact date after the chosen one contradicts it; "in 2026" may be a plan.
        if exact is None or _days(exact.start.isoformat(), chosen.value) <= CONFLICT_DAYS:
            return PubDate(chosen.value, chosen.how, "", tuple(candidates), conflict)
        if chosen.how not in CHECKED:
            candidates.append(_inferred_candidate(exact))
            return PubDate(chosen.value, chosen.how, "", tuple(candidates), True)
        inferred = _corrected_year(chosen, exact) or _inferred_candidate(exact, chosen)
        candidates.insert(0, inferred)
        if inferred.value != exact.start.isoformat():
            candidates.append(_inferred_candidate(exact))
        return PubDate(inferred.value, "inferred", "", tuple(candidates), True)
    if exact is not None and exact != latest:
        candidates.append(_inferred_candidate(exact))
    if latest is None:
        why = "no date in metadata, URL or a date line; no dated reference in the text"
        return PubDate(None, "unknown", why, tuple(candidates), conflict)
    candidates.append(_inferred_candidate(latest))
    if latest.start == latest.end and latest.frames:
        return PubDate(latest.start.isoformat(), "inferred", "", tuple(candidates), conflict)
    if latest.start == latest.end:
        why = (
            "no date in metadata, URL or a date line; the latest dated reference, "
            f"'{latest.phrase}', is told in the body as background, a lower bound"
        )
        return PubDate(None, "unknown", why, tuple(candidates), conflict)
    why = (
        "no date in metadata, URL or a date line; dated references only give the range "
        f"{latest.start}..{latest.end} (from '{latest.phrase}'), a lower bound"
    )
    return PubDate(None, "unknown", why, tuple(candidates), conflict)


def _days(later: str, earlier: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _corrected_year(chosen: DateCandidate, ref: _Ref) -> DateCandidate | None:
    """The impossible date with the reference's year, when that puts it beside the reference."""
    day = date.fromisoformat(chosen.value)
    moved = _make_date(ref.start.year, day.month, day.day)
    if moved is None or moved.year == day.year or abs((ref.start - moved).days) > CONFLICT_DAYS:
        return None
    return DateCandidate(moved.isoformat(), "inferred", (
        f"the {chosen.how} date {chosen.value} is impossible: the text reports {ref.phrase} "
        f"({ref.start}) as past; only its year is wrong, so {moved}"
    ))


def _dateline(text: str) -> tuple[date, str] | None:
    """A dateline opening one of the first paragraphs: "CITY, March 4, 2026 —"."""
    for paragraph in [p.strip() for p in text.split("\n") if p.strip()][:DATELINE_PARAGRAPHS]:
        place = _DATELINE_PLACE.match(paragraph)
        at = place.end() if place else 0
        match = _FULL_DATE.match(paragraph, at)
        if not match:
            continue
        dash = _DATELINE_DASH.match(paragraph, match.end())
        day = _full_date(match)
        if dash and day:
            return day, paragraph[: dash.end()].strip()
    return None


def _url_path(url: str) -> str:
    try:
        return urlsplit(url).path if "://" in url else url
    except ValueError:
        return ""


def _inferred_candidate(ref: _Ref, overruled: DateCandidate | None = None) -> DateCandidate:
    where = f" ({ref.where})" if ref.where != "text" else ""
    if ref.start == ref.end:
        detail = f"latest dated reference in the text: {ref.phrase}{where}"
    else:
        detail = f"range {ref.start}..{ref.end} from '{ref.phrase}'{where}"
    if overruled is not None:
        detail += (
            f"; the {overruled.how} date {overruled.value} is impossible: the text reports "
            "this date as past, and an article cannot report what came after it"
        )
    return DateCandidate(ref.start.isoformat(), "inferred", detail)


def _make_date(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _full_date(match: re.Match) -> date | None:
    """The date a _FULL_DATE match names, or None when it is invalid or ambiguous."""
    if match["y1"]:
        month = match["m1"]
        if not month[0].isupper():  # "may 5, 2025" in lower case is not a dateline form
            return None
        return _make_date(match["y1"], _month_number(month), match["d1"])
    if match["y2"]:
        if not match["m2"][0].isupper():
            return None
        return _make_date(match["y2"], _month_number(match["m2"]), match["d2"])
    if match["y3"]:
        return _make_date(match["y3"], match["m3"], match["d3"])
    first, second = int(match["a4"]), int(match["b4"])
    # 05/11/2025 reads either way; only a part above 12 (or two equal parts) settles it.
    if first > 12 or first == second:
        return _make_date(match["y4"], second, first)
    if second > 12:
        return _make_date(match["y4"], first, second)
    return None


def first_full_date(line: str) -> date | None:
    for match in _FULL_DATE.finditer(line):
        day = _full_date(match)
        if day:
            return day
    return None


def date_line(line: str) -> date | None:
    """The date of a line that holds a date and nothing else but labels, weekdays and times."""
    if len(line.split()) > MAX_META_LINE_WORDS:
        return None
    match = next(_FULL_DATE.finditer(line), None)
    if match is not None:
        rest = line[: match.start()] + " " + line[match.end():]
        day = _full_date(match)
    elif re.search(_YEAR, line) and len(line.split()) <= 8:
        rest, day = "", _parse_isolated(line)
    else:
        return None
    if day is None:
        return None
    leftovers = [w.lower() for w in _WORD.findall(rest)]
    return day if all(w in _DATE_LINE_WORDS for w in leftovers) else None


def _parse_isolated(value: str) -> date | None:
    """Parse a short string already isolated as a date; a year must be written out."""
    exact = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", value)
    if exact:
        return _make_date(*exact.groups())
    match = _FULL_DATE.search(value)
    if match:
        return _full_date(match)
    # Without a written year dateparser would fill one in from the clock.
    if not re.search(_YEAR, value) or len(value) > 60 or re.search(r"\d{1,2}/\d{1,2}/", value):
        return None
    try:
        parsed = dateparser.parse(value, settings=_PARSE_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd strings; odd means no date
        return None
    return parsed.date() if parsed else None


def _latest_references(text: str, removed: tuple[Removed, ...]) -> tuple[_Ref | None, ...]:
    """The reference with the latest start (the tightest lower bound on publication) and
    the latest exact date."""
    sources = [(text, "text")] + [(r.text, "caption") for r in removed if r.kind == "caption"]
    refs: list[_Ref] = []
    for body, where in sources:
        refs.extend(_references(body, where))
    if not refs:
        return None, None
    # Latest start first; at equal starts the narrower span, a full date, is the better bound.
    latest = max(refs, key=lambda r: (r.start, -(r.end - r.start).days))
    exact = [r for r in refs if r.start == r.end]
    return latest, max(exact, key=lambda r: r.start) if exact else None


def _references(body: str, where: str) -> list[_Ref]:
    refs: list[_Ref] = []
    taken: list[tuple[int, int]] = []
    paragraphs: list[int] | None = None  # where each paragraph starts, found once when a date needs it
    for match in _FULL_DATE.finditer(body):
        taken.append(match.span())
        day = _full_date(match)
        if day and not _looks_ahead(body, match.start()):
            if where == "text" and paragraphs is None:
                paragraphs = [m.start() for m in re.finditer(r"[^\n]+", body)]
            frames = where != "text" or _frames(body, paragraphs, match.start(), match.end())
            refs.append(_Ref(day, day, match.group(), where, frames))
    for match in _MONTH_YEAR.finditer(body):
        if _overlaps(match.span(), taken) or not match["m"][0].isupper():
            continue
        taken.append(match.span())
        if not _looks_ahead(body, match.start()):
            start, end = _month_span(int(match["y"]), _month_number(match["m"]), match["q"])
            refs.append(_Ref(start, end, match.group(), where))
    for match in _BARE_YEAR.finditer(body):
        context = _YEAR_CONTEXT.search(body[max(0, match.start() - 12): match.start()])
        if context is None or _overlaps(match.span(), taken):
            continue
        phrase_start = match.start() - len(context.group())
        if _looks_ahead(body, phrase_start):
            continue
        start, end = _year_span(int(match.group()), context["q"])
        refs.append(_Ref(start, end, body[phrase_start: match.end()], where))
    return refs


def _frames(body: str, paragraphs: list[int], start: int, end: int) -> bool:
    """Whether a date at ``start:end`` frames the article: in its first or last few paragraphs
    (``paragraphs``: where each starts), or with a weekday beside it ("Sunday, October 2, 2016")."""
    at = bisect_right(paragraphs, start) - 1
    if at < FRAME_PARAGRAPHS or at >= len(paragraphs) - FRAME_PARAGRAPHS:
        return True
    return bool(_WEEKDAY_NEAR.search(body[max(0, start - 16): end + 16]))


def _looks_ahead(body: str, start: int) -> bool:
    """True when the few words before a date make it a plan or deadline."""
    before = body[max(0, start - 60): start].split()[-4:]
    return bool(_FUTURE_CUE.search(" ".join(before)))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _month_span(year: int, month: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(
        (part or "").lower(), (1, last)
    )
    return date(year, month, first_day), date(year, month, last_day)


def _year_span(year: int, part: str | None) -> tuple[date, date]:
    first_month, last_month = {"early": (1, 3), "mid": (4, 9), "late": (10, 12)}.get(
        (part or "").lower(), (1, 12)
    )
    return date(year, first_month, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )
