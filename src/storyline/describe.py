"""Describe a cleaned article: title, outlet, author and language; ``pubdate`` gives the date.

Every value says how it was known (``metadata``, ``url``, ``text``, ``inferred``) and every value
left ``None`` comes with a reason in ``Article.unknown``. Signals are tried in a fixed order,
strongest first, and the first that answers wins:

- **title**: metadata; else the first line of the cleaned text when it reads as a headline.
- **outlet**: metadata (a feed's "Site » Section" keeps the site); the URL's domain, made
  readable but never turned into a brand name; then the names a site gives itself in its own
  lines (masthead, bylines, meta bar, footer, donation and contact blocks): first a name that
  spells the domain of the site's email address, then a "written by" handle naming a site, a
  desk byline ("Example Staff"), the name heading a meta bar, the masthead, a copyright line, a
  publisher cue ("Keep X independent", "X is funded by its readers", an address block headed
  by X); last the email domain itself, which only suggests the outlet (``inferred``).
- **author**: metadata; a person's name in a byline (also a standfirst ending ", by Name"); a
  person heading a meta bar; a desk ("Example Staff", "City Desk"), the collective author the
  byline names. Handles such as ``SiteNameWired`` are sites or accounts, never authors.
- **published**: see ``pubdate``.

The function is pure: no I/O, no clock, no model.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from . import pubdate
from .language import detect_language
from .records import Article, Cleaned, Metadata, Removed, article_id

__all__ = ["describe"]

# How many lines below the headline may still hold a byline or a date line.
TOP_LINES = 5
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 250
# A byline or date line is short; longer lines are prose.
MAX_META_LINE_WORDS = pubdate.MAX_META_LINE_WORDS
# A standfirst that ends with its byline is still one sentence long.
MAX_STANDFIRST_WORDS = 40
# Removed junk that belongs to the site itself, so the names and email addresses in it are the
# site's, in the order they are trusted.
SITE_JUNK = ("masthead", "byline_bar", "byline", "footer", "donation", "signature", "comment_form")
# A domain this short spells too many names to be matched by prefix.
MIN_PREFIX_LABEL = 6
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
# The last word of a desk byline: the desk is the collective author.
DESK_WORDS = frozenset("staff desk team newsroom bureau editors".split())
# Desks named for a section, not for the site: "Metro Desk" says nothing about the outlet.
SECTION_WORDS = frozenset(
    "news world politics metro city local national foreign international business sports sport "
    "science health tech technology culture arts opinion features investigations web digital "
    "online breaking wire".split()
)
NAME_PARTICLES = frozenset("van von de da del der den di du la le bin al el ibn st".split())

_BYLINE = re.compile(
    r"^\s*(?P<cue>written\s+by|posted\s+by|published\s+by|by)\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:[,|•·]|\s[-–—]\s|\son\s)\s*")
# A standfirst closing with its author: "A weekly letter on the river towns, by Jane Doe".
_TRAILING_BYLINE = re.compile(r"[,;–—-]\s+by\s+(?P<name>[^,;:]{3,60}?)\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*©?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?"
    r"(?P<name>[^|\n]+?)\s*(?:\.(?:\s|$)|\||all\s+rights|$)",
    re.IGNORECASE,
)
_BAR_SEP = re.compile(r"\s*[|•·]\s*|\s+[–—-]\s+")
_BAR_ITEM = re.compile(
    r"^[\s\-–—•·*|]*(?:share\b[\s\-–—:]*)?(?:by\s*:?\s+)?", re.IGNORECASE
)
_COUNT_ITEM = re.compile(r"^\d")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*$")
# A feed or page title naming a section after the site: "Site » Section", "Site | Section".
_SECTION_SEP = re.compile(r"\s+[»›>|–—-]\s+|\s*[»›]\s*|:\s+")
_NAME = r"(?:[A-Z0-9][\w'’&.-]*)(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|and|&))*"
_NAME_RUN = re.compile(_NAME)
_NAMED = rf"(?P<name>{_NAME})"
# How a site names itself in its own blocks: appeals, promotions, contact addresses.
_PUBLISHER_CUES = tuple(re.compile(p) for p in (
    rf"\b(?i:keep|support)\s+{_NAMED}\s+(?i:independent|free|going|alive|open|running)\b",
    rf"^{_NAMED}\s+(?i:is|are)\s+(?i:funded|supported|powered|owned|published|run)\s+by\b",
    rf"^{_NAMED}\s+(?i:brings you|delivers)\b",
    rf"\b(?i:stay tuned (?:to|with)|subscribe to|follow)\s+{_NAMED}\s+(?i:for|on)\b",
    # "Hill Courier, 12 Mill Road": a street number, never an age ("Tara, 33, was engaged").
    rf"^{_NAMED}\s*[,·|]\s*(?:\d+[A-Za-z]?\s+[A-Z]|(?i:p\.?\s?o\.?\s+box)\b)",
))
_ADDRESS_LINE = re.compile(r"^(?:\d|(?i:p\.?\s?o\.?\s+box)\b)")


def describe(source: str, cleaned: Cleaned, meta: Metadata) -> Article:
    """Describe one cleaned article; see the module docstring for the order of signals."""
    meta_url = (meta.url or "").strip() or None
    url = meta_url or (source if source.lower().startswith(("http://", "https://")) else None)
    title, title_how, text = _title(cleaned.text, meta.title)
    top = _top_lines(text)
    bylines = _bylines(cleaned.removed, text)
    bar = _bar_items(cleaned.removed)
    unknown: list[tuple[str, str]] = []

    outlet, outlet_how, outlet_why = _outlet(meta, url, bylines, bar, cleaned.removed, text)
    author, author_how, author_why = _author(meta, bylines, bar, outlet)
    date_lines = [("meta bar", item) for item in bar]
    date_lines += [("byline", line) for _, _, line in bylines]
    date_lines += [("date line", line) for line in top]
    when = pubdate.published(meta.published, url, date_lines, text, cleaned.removed)
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
    if when.value is None:
        unknown.append(("published", when.why))
    if language is None:
        unknown.append(("language", language_why or "no language profile matched"))

    flags = tuple(dict.fromkeys(cleaned.flags + (("date_conflict",) if when.conflict else ())))
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
        published=when.value,
        published_how=when.how,
        published_candidates=when.candidates,
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
    return not (pubdate.date_line(line) or _BYLINE.match(line))


# --- bylines, bars and names -----------------------------------------------------------------


def _top_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return [line for line in lines[:TOP_LINES] if len(line.split()) <= MAX_META_LINE_WORDS]


def _bylines(removed: tuple[Removed, ...], text: str) -> list[tuple[str, str, str]]:
    """(cue, name, full line) for each byline, removed by cleaning or still at the top."""
    found = []
    head = [line.strip() for line in text.split("\n") if line.strip()][:TOP_LINES]
    lines = [r.text.strip() for r in removed if r.kind == "byline"]
    lines += [
        line for line in head if len(line.split()) <= MAX_META_LINE_WORDS and _BYLINE.match(line)
    ]
    for line in lines:
        match = _BYLINE.match(line)
        cue, rest = (" ".join(match["cue"].lower().split()), match["rest"]) if match else ("", line)
        name = _BYLINE_SPLIT.split(rest.strip(), maxsplit=1)[0].strip()
        if not name or len(name.split()) > 6:
            continue
        # A bare "By" also opens sentences ("By contrast, ..."): it needs a name after it.
        names = re.split(r"\s+(?:and|&)\s+", name)
        if cue == "by" and not (
            all(map(_is_person, names)) or _is_organisation(name) or _desk(name) is not None
        ):
            continue
        found.append((cue, name, line))
    for line in head:
        trailing = _TRAILING_BYLINE.search(line)
        if trailing and len(line.split()) <= MAX_STANDFIRST_WORDS and _is_person(trailing["name"]):
            found.append(("by", trailing["name"], line))
    return found


def _bar_items(removed: tuple[Removed, ...]) -> list[str]:
    """The items of every meta bar, one-line bars split at their separators."""
    items = []
    for r in removed:
        if r.kind == "byline_bar":
            for raw in r.text.split("\n"):
                for part in _BAR_SEP.split(raw):
                    item = _BAR_ITEM.sub("", part, count=1).strip()
                    if item:
                        items.append(item)
    return items


def _bar_name(bar: list[str]) -> str | None:
    """The first item of a meta bar that is neither a date nor a count ("0 Comments")."""
    for item in bar:
        if _COUNT_ITEM.match(item) or pubdate.first_full_date(item):
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


def _desk(name: str) -> str | None:
    """The organisation of a desk byline ("Example Staff" -> "Example"), "" for a section desk
    ("Metro Desk"), None when the name is no desk."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in DESK_WORDS or not words[0][0].isupper():
        return None
    org = words[:-1]
    if all(w.lower() in ROLE_WORDS for w in org):
        return None
    return "" if all(w.lower() in SECTION_WORDS for w in org) else " ".join(org)


def _is_site_name(name: str) -> bool:
    """A short capitalised label without digits: what heads a meta bar when no person does."""
    words = name.split()
    return 1 <= len(words) <= 4 and name[0].isupper() and not any(c.isdigit() for c in name)


# --- outlet ----------------------------------------------------------------------------------


def _outlet(meta, url, bylines, bar, removed, text) -> tuple[str | None, str, str]:
    if meta.outlet and meta.outlet.strip():
        return _site_of(" ".join(meta.outlet.split()), url), "metadata", ""
    domain = _readable_domain(url) if url else None
    if domain:
        return domain, "url", ""
    blocks = [r.text for kind in SITE_JUNK for r in removed if r.kind == kind]
    blocks.append("\n".join(_bottom_lines(text)))
    lines = [line.strip() for block in blocks for line in block.split("\n") if line.strip()]
    found = (m["domain"].lower().rstrip(".") for line in lines for m in _EMAIL.finditer(line))
    emails = [domain for domain in found if domain not in FREE_MAIL]
    for email_domain in emails:
        spelled = _spelling(_domain_label(email_domain), lines)
        if spelled:
            return spelled, "text", ""
    for name in _site_names(bylines, bar, removed, blocks):
        return name, "text", ""
    if emails:
        return emails[0], "inferred", ""
    why = (
        "no outlet in metadata, no URL, and no site name, publisher line or site email "
        "address in the text"
    )
    if bylines:
        why += f"; the byline '{bylines[0][1]}' names no site"
    return None, "unknown", why


def _site_names(bylines, bar, removed, blocks):
    """Names the site gives itself, strongest first."""
    for _, name, _line in bylines:
        if _is_organisation(name) and not _is_person(name):
            yield name
    for name in [name for _, name, _ in bylines] + bar[:1]:
        org = _desk(name)
        if org:
            yield org
    name = _bar_name(bar)
    if name and not _is_person(name) and _is_site_name(name) and _desk(name) is None:
        yield name
    for r in removed:
        if r.kind == "masthead":
            yield r.text.strip()
    for block in blocks:
        for match in _COPYRIGHT.finditer(block):
            publisher = " ".join(match["name"].split()).strip(" ,;:-–")
            if publisher and (_is_site_name(publisher) or _DOMAIN.match(publisher)):
                yield publisher
    for block in blocks:
        yield from _publisher_cues(block.split("\n"))


def _publisher_cues(lines: list[str]) -> list[str]:
    """Names in appeals, promotions and address blocks of the site's own footer."""
    found = []
    for i, line in enumerate(lines):
        line = line.strip()
        if pubdate.first_full_date(line):
            continue
        for cue in _PUBLISHER_CUES:
            match = cue.search(line)
            if match and len(match["name"].split()) <= 4 and not _named_person(match["name"]):
                found.append(match["name"])
        # An address block headed by the site's name on a line of its own.
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _ADDRESS_LINE.match(following) and _NAME_RUN.fullmatch(line) and _is_site_name(line):
            found.append(line)
    return found


def _named_person(name: str) -> bool:
    """A person's name by its first name ("Follow Pam Key on Twitter" plugs the writer, not the site)."""
    from .actors import first_names  # the parser's module: imported only when a cue matched

    return _is_person(name) and name.split()[0].lower() in first_names()


def _spelling(label: str, lines: list[str]) -> str | None:
    """A name in ``lines`` that spells the domain label ``label``, as the site writes it.

    A house account named after the site ("ExampleSiteBot" for examplesite.com) is cut to the
    domain's length; short labels must match whole.
    """
    if len(label) < 3:
        return None
    for line in lines:
        for run in _NAME_RUN.finditer(line):
            words = run.group().split()
            for k in range(len(words)):
                name = " ".join(words[k:])
                key = _squash(name)
                if key == label:
                    return name.strip(" .,'’")
                if len(label) >= MIN_PREFIX_LABEL and key.startswith(label):
                    return _cut(name, len(label))
    return None


def _cut(name: str, letters: int) -> str:
    """``name`` up to its ``letters``-th letter or digit."""
    seen = 0
    for i, ch in enumerate(name):
        seen += ch.isalnum()
        if seen == letters:
            return name[: i + 1]
    return name


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).casefold()


def _domain_label(host: str) -> str:
    """The name part of a host: "example" in news.example.co.uk, "riverpost" in
    river-post.org."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return _squash(labels[-3])
    return _squash(labels[-2]) if len(labels) >= 2 else _squash(labels[0])


def _site_of(name: str, url: str | None) -> str:
    """The site in a name that carries a section: "Site » Section" -> "Site"; the part that
    spells the URL's domain wins, else the first."""
    parts = [p.strip() for p in _SECTION_SEP.split(name) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
        return name
    host = _readable_domain(url) if url else None
    if host:
        label = _domain_label(host)
        for part in parts:
            if _squash(part) == label:
                return part
    return parts[0]


def _bottom_lines(text: str) -> list[str]:
    """Short last lines, where a footer left in the text would be."""
    lines = [line.strip() for line in text.rstrip().split("\n")[-TOP_LINES:]]
    return [line for line in lines if line and len(line.split()) <= MAX_META_LINE_WORDS]


def _readable_domain(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d*|m|amp|mobile)\.", "", host.lower())
    return host if "." in host else None


# --- author ----------------------------------------------------------------------------------


def _author(meta, bylines, bar, outlet) -> tuple[str | None, str, str]:
    if meta.author and meta.author.strip():
        return meta.author.strip(), "metadata", ""
    for _, name, _line in bylines:
        names = re.split(r"\s+(?:and|&)\s+", name)
        if all(_is_person(n) for n in names) and name != outlet:
            return " and ".join(names), "text", ""
    bar_name = _bar_name(bar)
    # Two capitalised words head a bar as often for a site as for a person; the site is known.
    if bar_name and _is_person(bar_name) and bar_name != outlet:
        return bar_name, "text", ""
    for name in [name for _, name, _ in bylines] + ([bar_name] if bar_name else []):
        if _desk(name) is not None:
            return name, "text", ""
    named = [("byline", name) for _, name, _ in bylines]
    named += [("meta bar", bar_name)] if bar_name else []
    if named:
        where, name = named[0]
        return None, "unknown", (
            f"no author in metadata; the {where} names '{name}', a site or account, not a person"
        )
    return None, "unknown", "no author in metadata and no byline naming a person"
