"""Describe a cleaned article: title, outlet, author, publication date and language.

Every value says how it was known (``metadata``, ``url``, ``text``, ``inferred``) and every value
left ``None`` comes with a reason in ``Article.unknown``. Signals are tried in a fixed order,
strongest first, and the first that answers wins:

- **title**: metadata; else the first line of the cleaned text when it reads as a headline.
- **outlet**: metadata; the URL's domain, made readable but never turned into a brand name;
  a "written by" handle naming a site rather than a person; the site name heading a share/meta
  bar; a publisher named on a copyright line of the footer; last, the domain of an email address
  in the footer, which only suggests the outlet (``inferred``).
- **author**: metadata; a person's name in a "By"/"written by" byline; a person's name heading a
  meta bar. Handles such as ``SiteNameWired`` are sites or accounts, never authors.
- **published**: metadata over a date in the URL over a date line in the text (meta bar, byline,
  a line that is only a date) over an inference from the latest dated reference in the text.
  The order follows who controls the value: the publisher's own metadata and URL scheme are
  deliberate, a date line is scraped layout, and references only bound the date from below.
  An inference uses the latest dated reference (not a plan: "scheduled for", "by 2030") as a
  lower bound: an exact date becomes the inferred date, a month or a year only a range, and
  then ``published`` stays ``None``. All evidence is kept in ``published_candidates``; when
  candidates of different kinds disagree by more than ``CONFLICT_DAYS``, or the text names
  an exact date after the chosen one, the flag ``date_conflict`` is added.

The function is pure: no I/O, no clock, no model. Dates are found with regexes; dateparser only
parses a short line already isolated as a date line, never free text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import dateparser
from rapidfuzz import fuzz

from .language import detect_language
from .records import Article, Cleaned, DateCandidate, Metadata, Removed, article_id

__all__ = ["describe"]

CONFLICT_DAYS = 3
# How many lines below the headline may still hold a byline or a date line.
TOP_LINES = 5
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 250
# A byline or date line is short; longer lines are prose.
MAX_META_LINE_WORDS = 14
# Removed junk that belongs to the site itself, so its email addresses name the site.
SITE_JUNK = ("footer", "donation", "signature", "comment_form")
# Free mail providers say nothing about the outlet.
FREE_MAIL = frozenset(
    "gmail.com googlemail.com yahoo.com hotmail.com outlook.com live.com aol.com icloud.com "
    "proton.me protonmail.com gmx.com gmx.de mail.ru yandex.ru web.de".split()
)
# Words that make a name an organisation or site, not a person.
ORG_WORDS = frozenset(
    "news wire times post media press daily journal herald tribune gazette network tv radio "
    "agency online digital magazine report today channel insider weekly observer monitor "
    "express chronicle review global world international group inc ltd llc".split()
)
# Words of a byline that name a role, so the byline names no one.
ROLE_WORDS = frozenset("staff desk team reporter editor editors admin correspondent bureau".split())
NAME_PARTICLES = frozenset("van von de da del der den di du la le bin al el ibn st".split())

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
_BYLINE = re.compile(
    r"^\s*(?P<cue>written\s+by|posted\s+by|published\s+by|by)\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:[,|•·]|\s[-–—]\s|\son\s)\s*")
_EMAIL = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*©?\s*(?:{_YEAR}(?:\s*[-–]\s*{_YEAR})?\s*)?"
    r"(?P<name>[^|\n]+?)\s*(?:\.(?:\s|$)|\||all\s+rights|$)",
    re.IGNORECASE,
)
_DATE_LINE_WORDS = frozenset(
    "published updated posted last modified first on at date am pm gmt utc est edt cst cdt "
    "pst pdt cet cest bst ist msk monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_BAR_ITEM = re.compile(r"^[\s\-–—•·*|]*(?:share\b[\s\-–—:]*)?", re.IGNORECASE)
_COUNT_ITEM = re.compile(r"^\d")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*$")
_PARSE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}


@dataclass(frozen=True)
class _Ref:
    """A dated reference in the text: the span of days it names, and where it was seen."""

    start: date
    end: date
    phrase: str
    where: str


def describe(source: str, cleaned: Cleaned, meta: Metadata) -> Article:
    """Describe one cleaned article; see the module docstring for the order of signals."""
    meta_url = (meta.url or "").strip() or None
    url = meta_url or (source if source.lower().startswith(("http://", "https://")) else None)
    title, title_how, text = _title(cleaned.text, meta.title)
    top = _top_lines(text)
    bylines = _bylines(cleaned.removed, top)
    bar = _bar_items(cleaned.removed)
    unknown: list[tuple[str, str]] = []

    outlet, outlet_how, outlet_why = _outlet(meta, url, bylines, bar, cleaned.removed, text)
    author, author_how, author_why = _author(meta, bylines, bar)
    candidates, published, published_how, date_why, conflict = _published(
        meta, url, top, bar, bylines, text, cleaned.removed
    )
    # "en-US" and "en_GB" are English: the record keeps the ISO 639-1 part.
    given = re.split(r"[-_\s]", (meta.language or "").strip().lower())[0]
    if given:
        language, language_why = given, None
    else:
        language, language_why = detect_language(text)

    if title is None:
        unknown.append(("title", "no title in metadata, and the first line is not a headline"))
    if outlet is None:
        unknown.append(("outlet", outlet_why))
    if author is None:
        unknown.append(("author", author_why))
    if published is None:
        unknown.append(("published", date_why))
    if language is None:
        unknown.append(("language", language_why or "no language profile matched"))

    flags = tuple(dict.fromkeys(cleaned.flags + (("date_conflict",) if conflict else ())))
    return Article(
        id=article_id(text, origin=meta_url or outlet),
        source=source,
        text=text,
        url=url,
        title=title,
        title_how=title_how,
        outlet=outlet,
        outlet_how=outlet_how,
        author=author,
        author_how=author_how,
        published=published,
        published_how=published_how,
        published_candidates=candidates,
        language=language,
        flags=flags,
        removed=cleaned.removed,
        unknown=tuple(unknown),
    )


# --- title -----------------------------------------------------------------------------------


def _title(text: str, meta_title: str | None) -> tuple[str | None, str, str]:
    """Return (title, how, text without the headline line)."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    remainder = rest.lstrip()
    if meta_title and meta_title.strip():
        meta_title = " ".join(meta_title.split())
        if first and _same_title(first, meta_title):
            return meta_title, "metadata", remainder
        return meta_title, "metadata", text
    if _looks_like_headline(first):
        return first, "text", remainder
    return None, "unknown", text


def _same_title(line: str, meta_title: str) -> bool:
    """A metadata title often carries the site name after a separator; compare both forms."""
    line = " ".join(line.split()).casefold()
    forms = {meta_title.casefold()}
    forms.update(re.split(r"\s+[|–—-]\s+", meta_title.casefold())[:1])
    return any(fuzz.ratio(line, form) >= 90 for form in forms)


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or len(line) > MAX_HEADLINE_CHARS:
        return False
    if not any(c.isupper() for c in line) or line[0] in "-–—•·*":
        return False
    # A final period ends a sentence, unless the last word is an abbreviation like "U.S.".
    if line.endswith(".") and not line.endswith("...") and "." not in words[-1][:-1]:
        return False
    if line.endswith((":", ",", ";")):
        return False
    return not (_date_line(line) or _BYLINE.match(line))


# --- bylines, bars and names -----------------------------------------------------------------


def _top_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return [line for line in lines[:TOP_LINES] if len(line.split()) <= MAX_META_LINE_WORDS]


def _bylines(removed: tuple[Removed, ...], top: list[str]) -> list[tuple[str, str, str]]:
    """(cue, name, full line) for each byline, removed by cleaning or still at the top."""
    found = []
    lines = [r.text.strip() for r in removed if r.kind == "byline"]
    lines += [line for line in top if _BYLINE.match(line)]
    for line in lines:
        match = _BYLINE.match(line)
        cue, rest = (" ".join(match["cue"].lower().split()), match["rest"]) if match else ("", line)
        name = _BYLINE_SPLIT.split(rest.strip(), maxsplit=1)[0].strip()
        if not name or len(name.split()) > 6:
            continue
        # A bare "By" also opens sentences ("By contrast, ..."): it needs a name after it.
        names = re.split(r"\s+(?:and|&)\s+", name)
        if cue == "by" and not (all(map(_is_person, names)) or _is_organisation(name)):
            continue
        found.append((cue, name, line))
    return found


def _bar_items(removed: tuple[Removed, ...]) -> list[str]:
    items = []
    for r in removed:
        if r.kind == "byline_bar":
            for raw in r.text.split("\n"):
                item = _BAR_ITEM.sub("", raw, count=1).strip()
                if item:
                    items.append(item)
    return items


def _bar_name(bar: list[str]) -> str | None:
    """The first item of a meta bar that is neither a date nor a count ("0 Comments")."""
    for item in bar:
        if _COUNT_ITEM.match(item) or _FULL_DATE.search(item):
            continue
        return item
    return None


def _is_person(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    capitalised = 0
    for word in words:
        lower = word.lower().strip(".")
        if lower in ORG_WORDS or lower in ROLE_WORDS:
            return False
        if lower in NAME_PARTICLES:
            continue
        # One inner capital is a name ("McDonald"); more is a handle ("TheFeedSite").
        if not (word[0].isupper() and _NAME_WORD.match(word)) or len(_CAMEL.findall(word)) > 1:
            return False
        capitalised += 1
    return capitalised >= 2


def _is_organisation(name: str) -> bool:
    if _DOMAIN.match(name):
        return True
    words = name.split()
    if len(words) > 1:
        return any(w.lower().strip(".,") in ORG_WORDS for w in words)
    # A one-word handle: "SiteNameWire" is CamelCase, "Wirenews" opens or ends on an
    # organisation word; "autoposter" only hides one inside.
    camel = _CAMEL.search(name) and not re.match(r"^(?:Mc|Mac|O')", name)
    token = name.lower()
    return bool(camel) or any(
        token.startswith(org) or token.endswith(org) for org in ORG_WORDS if len(org) > 3
    )


def _is_site_name(name: str) -> bool:
    """A short capitalised label without digits: what heads a meta bar when no person does."""
    words = name.split()
    return 1 <= len(words) <= 4 and name[0].isupper() and not any(c.isdigit() for c in name)


# --- outlet and author -----------------------------------------------------------------------


def _outlet(meta, url, bylines, bar, removed, text) -> tuple[str | None, str, str]:
    if meta.outlet and meta.outlet.strip():
        return meta.outlet.strip(), "metadata", ""
    domain = _readable_domain(url) if url else None
    if domain:
        return domain, "url", ""
    for _, name, _line in bylines:
        if _is_organisation(name) and not _is_person(name):
            return name, "text", ""
    name = _bar_name(bar)
    if name and not _is_person(name) and _is_site_name(name):
        return name, "text", ""
    site_lines = [r.text for r in removed if r.kind in SITE_JUNK] + _bottom_lines(text)
    for line in site_lines:
        for match in _COPYRIGHT.finditer(line):
            publisher = " ".join(match["name"].split()).strip(" ,;:-–")
            if publisher and (_is_site_name(publisher) or _DOMAIN.match(publisher)):
                return publisher, "text", ""
    for line in site_lines:
        for match in _EMAIL.finditer(line):
            domain = match["domain"].lower().rstrip(".")
            if domain not in FREE_MAIL:
                return domain, "inferred", ""
    why = (
        "no outlet in metadata, no URL, and no site name, publisher line or site email "
        "address in the text"
    )
    if bylines:
        why += f"; the byline '{bylines[0][1]}' names no site"
    return None, "unknown", why


def _bottom_lines(text: str) -> list[str]:
    """Short last lines, where a footer left in the text would be."""
    lines = [line.strip() for line in text.rstrip().split("\n")[-TOP_LINES:]]
    return [line for line in lines if line and len(line.split()) <= MAX_META_LINE_WORDS]


def _url_path(url: str) -> str:
    try:
        return urlsplit(url).path if "://" in url else url
    except ValueError:
        return ""


def _readable_domain(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d*|m|amp|mobile)\.", "", host.lower())
    return host if "." in host else None


def _author(meta, bylines, bar) -> tuple[str | None, str, str]:
    if meta.author and meta.author.strip():
        return meta.author.strip(), "metadata", ""
    for _, name, _line in bylines:
        names = re.split(r"\s+(?:and|&)\s+", name)
        if all(_is_person(n) for n in names):
            return " and ".join(names), "text", ""
    bar_name = _bar_name(bar)
    if bar_name and _is_person(bar_name):
        return bar_name, "text", ""
    named = [("byline", name) for _, name, _ in bylines]
    named += [("meta bar", bar_name)] if bar_name else []
    if named:
        where, name = named[0]
        return None, "unknown", (
            f"no author in metadata; the {where} names '{name}', a site or account, not a person"
        )
    return None, "unknown", "no author in metadata and no byline naming a person"


# --- publication date ------------------------------------------------------------------------


def _published(meta, url, top, bar, bylines, text, removed):
    """Return (candidates, published, how, reason if unknown, conflict)."""
    candidates: list[DateCandidate] = []
    if meta.published:
        day = _parse_isolated(meta.published.strip()[:40])
        if day:
            candidates.append(DateCandidate(day.isoformat(), "metadata", "metadata"))
    if url:
        for match in _URL_DATE.finditer(_url_path(url)):
            day = _make_date(match["y"], match["m"], match["d"])
            if day:
                candidates.append(DateCandidate(day.isoformat(), "url", f"URL: {match.group()}"))
                break
    lines = [("meta bar", line) for line in bar]
    lines += [("byline", line) for _, _, line in bylines]
    lines += [("date line", line) for line in top]
    for label, line in lines:
        day = _date_line(line) if label == "date line" else _first_full_date(line)
        if day:
            candidates.append(DateCandidate(day.isoformat(), "text", f"{label}: '{line}'"))
    chosen = candidates[0] if candidates else None
    conflict = any(
        abs((date.fromisoformat(a.value) - date.fromisoformat(b.value)).days) > CONFLICT_DAYS
        for a in candidates
        for b in candidates
        if a.how != b.how
    )

    latest, exact = _latest_references(text, removed)
    if chosen is not None:
        # Only an exact date after the chosen one contradicts it; "in 2026" may be a plan.
        if exact and (exact.start - date.fromisoformat(chosen.value)).days > CONFLICT_DAYS:
            candidates.append(_inferred_candidate(exact))
            conflict = True
        return tuple(candidates), chosen.value, chosen.how, "", conflict
    if exact is not None and exact != latest:
        candidates.append(_inferred_candidate(exact))
    if latest is None:
        why = "no date in metadata, URL or a date line; no dated reference in the text"
        return tuple(candidates), None, "unknown", why, conflict
    candidates.append(_inferred_candidate(latest))
    if latest.start == latest.end:
        return tuple(candidates), latest.start.isoformat(), "inferred", "", conflict
    why = (
        "no date in metadata, URL or a date line; dated references only give the range "
        f"{latest.start}..{latest.end} (from '{latest.phrase}'), a lower bound"
    )
    return tuple(candidates), None, "unknown", why, conflict


def _inferred_candidate(ref: _Ref) -> DateCandidate:
    where = f" ({ref.where})" if ref.where != "text" else ""
    if ref.start == ref.end:
        detail = f"latest dated reference in the text: {ref.phrase}{where}"
    else:
        detail = f"range {ref.start}..{ref.end} from '{ref.phrase}'{where}"
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


def _first_full_date(line: str) -> date | None:
    for match in _FULL_DATE.finditer(line):
        day = _full_date(match)
        if day:
            return day
    return None


def _date_line(line: str) -> date | None:
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
    for match in _FULL_DATE.finditer(body):
        taken.append(match.span())
        day = _full_date(match)
        if day and not _looks_ahead(body, match.start()):
            refs.append(_Ref(day, day, match.group(), where))
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
