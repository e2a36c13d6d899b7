"""Clean one scraped article: remove scraping junk, rejoin broken lines, record what was removed.

The text is handled as a list of non-empty lines. A pass applies a table of named rules in
order (line rules, then rejoining of broken lines, then rules inside paragraphs); passes repeat
until one removes and changes nothing, so cleaning is idempotent by construction. Every piece of
junk taken out is kept verbatim as ``Removed(kind, text)``; ``describe`` reads the kinds.
Blank lines carry no meaning here: scrapers put paragraphs on single lines as often as between
blank lines, so the output puts every paragraph alone between blank lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .records import Cleaned, Removed

__all__ = ["clean", "KINDS"]

KINDS = (
    "masthead", "repeated_title", "byline_bar", "byline", "share_bar", "tag_list", "comment_form",
    "donation", "footer", "read_more", "signature", "caption", "credit", "ai_disclaimer",
)
SELF_DECLARED_AI = "self_declared_ai"
# Each pass shortens the text or removes a line; real articles settle in two or three.
MAX_PASSES = 8
# A line this long cannot be a heading, so it is part of a paragraph whatever its last word.
LONG_LINE = 200
# The head (title, bylines, date lines) ends at the first prose line, and never goes deeper.
HEAD_LINES = 8
TAG_RUN = 5
# A site's blurb between two footer sections is short, and a section's list of links too.
BLURB_WORDS = 25
SECTION_LINES = 6
# A masthead is a name of a few words.
MASTHEAD_WORDS = 5
# How far after a "Read more" marker its linked headline may run.
HEADLINE_WINDOW = 300

_DROP_CHARS = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad\u2060"))
_HSPACE = re.compile(r"[^\S\n]+")
_CLOSERS = "\"”’'»)]"
_BULLET = re.compile(r"^(?:[-•*·▪◦‣–]|\d{1,2}[.)])\s+")

# Capitalised closed-class words that open sentences; headlines and credits end before them.
OPENERS = frozenset(
    "The A An And But Or So Yet It Its This That These Those There Here He She They We I You "
    "His Her Their Our In On At For As With By From To After Before While When Where If "
    "Although Though Since Despite However Meanwhile Still Now Then Some Many Most Such "
    "According One Both Each Another Even Only Also What Why How Who Which Not No".split()
)
# Words a sentence cannot end on: a line ending on one continues on the next line.
DANGLING = frozenset(
    "a an the to for of in on at by with from into onto about as than via per over under "
    "between against among through during after before without within like including "
    "according and or but nor that which who whose whom because while if whether when where "
    "although though since unless until is are was were be been being has have had will would "
    "can could should may might must said says told his her their its our my your this these "
    "those".split()
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DATE_ITEM = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|date)(?:\s+on)?\s*:?\s*)?{_WEEKDAY}?{_DATE}"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)
_COUNT_ITEM = re.compile(
    r"^(?:\d[\d,.]*[km]?|no|one)\s+(?:comments?|views?|shares?|likes?|reads?|reactions?)$"
    r"|^\d+\s*(?:min(?:ute)?s?|m)\.?\s+(?:read|reading)$|^reading time:?\s*\d+\s*min"
    r"|^\d+\s+(?:minutes?|hours?|days?)\s+ago$",
    re.IGNORECASE,
)
_BAR_PREFIX = re.compile(r"^(?:share\b\s*)?[-–—•·*|]?\s*", re.IGNORECASE)
_BAR_SEP = re.compile(r"\s*[|•·]\s*|\s+[/–—-]\s+")
_AUTHOR_PREFIX = re.compile(r"^(?:by|author|written by|posted by)\s*:?\s+", re.IGNORECASE)

_CUE_BYLINE = re.compile(
    r"^(?:written|posted|published|reported|words|(?:additional\s+)?reporting|writing|editing)"
    r"\s+by\s*:?\s*",
    re.IGNORECASE,
)
_PLAIN_BY = re.compile(r"^(?:By|BY)\s*:?\s+")
_BYLINE_DATE = re.compile(
    rf"(?:,?\s+(?:on\s+)?|\s*[|•·]\s*){_WEEKDAY}?{_DATE}.*$", re.IGNORECASE
)
_NAME_PARTICLES = frozenset("van von de da del der den di du la le bin al el ibn st and &".split())
_ROLE_WORDS = frozenset(
    "staff writer reporter correspondent editor contributor bureau chief senior in".split()
)

_SHARE_WORDS = frozenset(
    "share shares sharing tweet email e mail print facebook twitter x linkedin whatsapp reddit "
    "pinterest telegram tumblr flipboard messenger pocket threads bluesky mastodon sms copy link "
    "url this article story post page on via with to a friend click opens in new window follow "
    "us save bookmark the our".split()
)
_SHARE_ACTIONS = frozenset("share tweet email e print follow copy click".split())
_SHARE_SPLIT = re.compile(r"[\s|/·•,:()–—-]+")

_TAG_LINE = re.compile(r"^(?:[-•*·▪]\s*)?#?[^\W_][\w'’&.+-]{0,39}$")
_TAG_BULLET = re.compile(r"^[-•*·▪]")
_TAG_HEADER = re.compile(
    r"^(?:tags?|tagged(?: with)?|topics?|related topics|keywords|filed under)\s*:\s*(.*)$",
    re.IGNORECASE,
)

_COMMENT_FORM = (
    r"leave a (?:reply|comment)(?: cancel reply)?|cancel reply|post (?:a )?comment"
    r"|be the first to comment\.?|comments are closed\.?"
    r"|your email address will not be published\.?(?: required fields are marked \*)?"
    r"|required fields are marked \*"
    r"|save my name, email, and website in this browser for the next time i comment\.?"
    r"|you must be logged in to post a comment\.?"
)
# Form texts are junk anywhere; counts and field labels only open a comment section at the end.
_COMMENT_LINE = re.compile(rf"^(?:{_COMMENT_FORM})$", re.IGNORECASE)
_COMMENT_MARKER = re.compile(
    rf"^(?:{_COMMENT_FORM}|add a comment|join the (?:conversation|discussion)"
    r"|(?:\d+|no) comments?(?: yet)?|comments|(?:comment|name|email|website)\s*\*?)$",
    re.IGNORECASE,
)
_DONATION_LINE = re.compile(
    r"^(?:give|donate(?: now| today)?|make a donation|support (?:us|our (?:work|journalism))"
    r"|become a (?:member|supporter|patron)|(?:help )?keep [\w ]{1,40} (?:independent|free|going))"
    r"\s*[.!:]?$"
    r"|^please (?:select|choose) your prefer+ed (?:mode|method) of payment"
    r"|^(?:donate|give) (?:via|with|by|to|now)\b",
    re.IGNORECASE,
)
# Comment-form notices in their many wordings, prose-like but never content.
_COMMENT_CUE = re.compile(
    r"\byour email(?: address)? will (?:not be published|stay private|never be shared)"
    r"|\b(?:required )?fields (?:are )?marked (?:with )?\*|\bremember my name\b",
    re.IGNORECASE,
)
# Appeals that read as prose but only ever ask for money.
_DONATION_CUE = re.compile(
    r"\b(?:chip in|make a donation|donate (?:now|today|here)|funded by (?:its|our) readers"
    r"|support (?:us|our|independent) (?:journalism|reporting|work)|mode of payment"
    r"|bank transfer reference|choose an amount)\b",
    re.IGNORECASE,
)
_FOOTER_MARKER = re.compile(
    r"^(?:(?:recent|related|latest|popular|trending|top|more)\s+(?:updates|news|posts|articles"
    r"|stories|reads|now)|related|trending|categories|archives|newsletter|about us"
    r"|contact(?: us)?|read next|most (?:read|popular|viewed)|you (?:may|might) also like"
    r"|more from [\w ]{1,40}|follow us\b[^.]*|privacy policy|terms of (?:use|service)"
    r"|(?:address|phone|tel|fax|email|e-mail)\s*:.*|[^\s@]+@[\w-]+(?:\.[\w-]+)+"
    r"|\+?\d[\d ()./-]{6,}\d)\s*:?$",
    re.IGNORECASE,
)
_FOOTER_LINE = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*©?\s*(?:\d{4}|\w+[^.]*\d{4})|.{0,80}\ball rights reserved\b"
    r"|(?:sign up|subscribe)(?: now)? (?:for|to) (?:our|the) [\w ]{0,40}newsletter"
    r"|(?:email|e-mail)\s*:\s*[\w.+-]+@[\w-]+\.\w+"
    r"|the post .{1,200} appeared first on .{1,120}"
    r"|you (?:are receiving|received|got) this (?:letter|email|newsletter)\b.{0,160}"
    r"|stay tuned (?:to|for) [^.!?]{1,100}[.!]?$|advertise with us\b.{0,100}"
    r"|(?:follow|join) (?:us|[\w ]{1,40}) on (?:our (?:channels|social media)|telegram|twitter|x"
    r"|facebook|instagram|whatsapp|youtube|tiktok)\b[^.]{0,80}\.?$)",
    re.IGNORECASE,
)
# A sign-off closing a letter: "Until next week, Mara".
_EMAIL_DOMAIN = re.compile(r"@(?:[\w-]+\.)*?([\w-]+)\.[a-z]{2,}(?:\.[a-z]{2})?\b", re.IGNORECASE)
_VALEDICTION = re.compile(
    r"^(?:until next (?:week|time)|best(?: wishes)?|regards|cheers|thanks for reading"
    r"|see you next week),?\s+[^\W\d_]+\.?$",
    re.IGNORECASE,
)
# A site's plug closing the last paragraph: "... will be decisive. Stay tuned to X for updates."
_PROMO_TAIL = re.compile(
    r"(?<=[.!?\u201d\"])\s+(?:stay tuned (?:to|for)\b[^.!?\n]{1,120}"
    r"|(?:follow|join) (?:us|[\w ]{1,40}) on (?:twitter|x|facebook|instagram|telegram|whatsapp|youtube|tiktok)\b[^.!?\n]{0,80}"
    r"|(?:sign up|subscribe)(?: now)? (?:for|to) (?:our|the) [\w ]{0,40}newsletter\b[^.!?\n]{0,80})[.!]$",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(
    r"\s*\((?:additional\s+)?(?:reporting|writing) by [^()\n]{1,160}\)$", re.IGNORECASE
)
_MENU_SEP = re.compile(r"\s+[|·]\s+")
_SIGNATURE = re.compile(r"^[-—–~]?\s*@?[a-z0-9][a-z0-9_.-]{1,30}(?: \([\w .-]{1,30}\))?$")

_AI_SUBJECT = (
    r"\b(?:artificial intelligence|(?:large )?language models?|LLMs?|ChatGPT|GPT-?\d\w*"
    r"|generative AI|A\.?I\.?(?:[- ]generated|[- ]assisted)?|AI tools?|automated tools?)(?!\w)"
)
_AI_MENTION = re.compile(_AI_SUBJECT, re.IGNORECASE)
# How far before a mention of AI its disclaimer may start.
AI_REACH = 400
_AI_VERB = r"\b(?:generated|written|created|produced|drafted|assisted|prepared|enhanced)\b"
# Only the article speaking of itself: news about someone else's AI text is not a disclaimer.
_AI_DISCLAIMER = re.compile(
    rf"\bdisclaimer\s*[:\-–—][^\n]{{0,300}}?{_AI_SUBJECT}"
    rf"|\b(?:this|the following|the above) (?:article|content|story|post|report|text|summary"
    rf"|piece)\b[^.\n]{{0,80}}?{_AI_VERB}[^.\n]{{0,80}}?{_AI_SUBJECT}"
    rf"|\b(?:editor'?s )?note\s*:[^.\n]{{0,80}}?{_AI_VERB}[^.\n]{{0,80}}?{_AI_SUBJECT}"
    r"|^A\.?I\.?[- ]generated(?: content| article| text)?\.?$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]) |(?<=[.!?][\"”’)]) )")

_READ_MORE = re.compile(
    r"(?:Read (?:[Mm]ore|[Aa]lso)|READ (?:MORE|ALSO)|Also [Rr]ead|ALSO READ|See [Aa]lso|SEE ALSO)"
    r"(?:\s*[:»>|–—-]+\s*|(?=[A-Z0-9\"“‘'])| (?=[A-Z0-9\"“‘']))"
)
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Jr\.|Gen\.|Sen\.|Rep\.|vs\.)$"
)

_CAPTION_LINE = re.compile(
    r"^[(\[]?(?:photo|photograph|image|picture|illustration|caption|file photo|main image)s?"
    r"(?:\s+(?:credit|source|by))?\s*[:|]|^\(?file photo\b|^[(\[]?(?:photo|image) by\b",
    re.IGNORECASE,
)
_PAREN_CAPTION = re.compile(
    r"\s*\((?:photo|image|picture|photograph|file photo)[^()\n]{0,160}\)"
    r"|\s*\([^()\n]{0,80}/\s*(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock)[^()\n]{0,40}\)",
    re.IGNORECASE,
)
_CREDIT_MARK = re.compile(
    r"(?:^|(?<=[.!?\"”’] ))(?:(?:Photo|Image|Picture|Graphic)\s+)?"
    r"(?:©|(?:Photo|Photograph|Image|Picture|Credit|Photo credit)s?:)\s*"
)
_AGENCY = (
    r"(?:REUTERS|Reuters|AFP|AP(?: Photo)?|EPA(?:-EFE)?|Getty Images|Sputnik|TASS|Xinhua|Pool)"
)
_SLASH_CREDIT = re.compile(
    rf"\s*\b{_AGENCY}/[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?(?=[ .,]|$)"
)
_CREDIT_WORDS = frozenset(
    "graphic graphics studio photo photos photograph illustration infographic archive archives "
    "files file pool handout images image via creative commons staff".split()
)
_CAPTION_DATE = re.compile(rf"(?:\bon|,)\s+{_WEEKDAY}?{_DATE}\.\s+(?=\S)")
_CAPTION_VERB = re.compile(
    r"\b(?:attend|chair|speak|gesture|look|arrive|deliver|walk|meet|hold|shake|address|wave"
    r"|listen|pose|sit|stand|talk|gather|ride|fire|work|take|visit|leave|react|wait|march|rally"
    r"|sign|inspect|lay|pay|mourn|clear|carry|prepare|patrol|search|watch|greet|smile|hug"
    r"|embrace|enter|board|check|cast|vote|protest|hold|display|stage|rest|run|help|remove)"
    r"(?:s|es)?\b|\b(?:is|are) (?:seen|pictured|shown)\b"
)
_CAPTION_VETO = re.compile(r"[\"“”]|\b(?:said|says|told|tells)\b")


@dataclass
class _Found:
    """What one pass found: junk removed, in order, and flags raised."""

    removed: list[Removed] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    def add(self, kind: str, lines: list[str] | str) -> None:
        text = lines if isinstance(lines, str) else "\n".join(lines)
        if text.strip():
            self.removed.append(Removed(kind, text.strip()))


Rule = Callable[[list[str], _Found], list[str]]


def clean(text: str) -> Cleaned:
    """Remove scraping junk from one article's plain text; see the module docstring."""
    current = _layout(_lines(text))
    removed: list[Removed] = []
    flags: set[str] = set()
    for _ in range(MAX_PASSES):
        found = _Found()
        lines = _lines(current)
        for rule in RULES:
            lines = rule(lines, found)
        result = _layout(lines)
        removed += found.removed
        flags |= found.flags
        if not found.removed and result == current:
            break
        current = result
    return Cleaned(current, tuple(removed), tuple(sorted(flags)))


def _lines(text: str) -> list[str]:
    """Non-empty lines, NFC, with inner runs of white space made one space."""
    text = unicodedata.normalize("NFC", text.translate(_DROP_CHARS))
    lines = (_HSPACE.sub(" ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _layout(lines: list[str]) -> str:
    # NFC again: removing text between two characters can make a new composable pair.
    return unicodedata.normalize("NFC", "\n\n".join(lines))


# --- line shapes ----------------------------------------------------------------------------


def _words(line: str) -> list[str]:
    return line.split()


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _is_prose(line: str) -> bool:
    """A line of running text, as opposed to a heading, a label or a form field."""
    n = len(_words(line))
    if n >= 30:
        return True
    return n >= 12 and line.rstrip(_CLOSERS).endswith((".", "…"))


def _is_heading(line: str) -> bool:
    """A short line that is not a sentence: a title, a subheading, a label."""
    return (
        not _is_prose(line)
        and len(_words(line)) <= 25
        and not line.endswith((".", ",", ";", ":"))
        and not _BULLET.match(line)
        and not line[0].islower()
    )


def _title_case(line: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _head_end(lines: list[str]) -> int:
    """Index of the first prose line: above it are the title, bylines and date lines."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if _is_prose(line):
            return i
    return min(len(lines), HEAD_LINES)


def _first_token(line: str) -> str:
    words = line.split(None, 1)
    return words[0].lstrip("\"“‘'(") if words else ""


# --- line rules -----------------------------------------------------------------------------


def _ai_disclaimer(lines: list[str], found: _Found) -> list[str]:
    """A statement that the article was written (in part) by AI: removed, and flagged."""
    out = []
    for line in lines:
        match = _find_ai_disclaimer(line)
        if match is None:
            out.append(line)
            continue
        found.flags.add(SELF_DECLARED_AI)
        # The disclaimer runs from the start of its sentence to the end of the paragraph.
        starts = [m.start() for m in _SENTENCE_START.finditer(line, 0, match + 1)]
        cut = starts[-1] if starts else 0
        found.add("ai_disclaimer", line[cut:])
        if line[:cut].strip():
            out.append(line[:cut].rstrip())
    return out


def _find_ai_disclaimer(line: str) -> int | None:
    """Start of the first AI disclaimer in ``line``, searched only just before mentions of AI
    so that a long line costs one scan."""
    checked = 0
    for subject in _AI_MENTION.finditer(line):
        begin = max(checked, subject.start() - AI_REACH)
        match = _AI_DISCLAIMER.search(line, begin, subject.end())
        if match:
            return match.start()
        checked = subject.start()
    return None


def _meta_item(item: str, in_bar: bool = False) -> str | None:
    """'strong' for a date, a count or a read time; 'name' for a name that is labelled (by a
    bullet, "Share", "By", or by standing ``in_bar`` between separators) or one word; else None."""
    bare = _BAR_PREFIX.sub("", item, count=1).strip()
    if not bare:
        # A bare "Share" button or bullet belongs to the bar around it.
        return "name" if item.strip() else None
    if _DATE_ITEM.match(bare) or _COUNT_ITEM.match(bare):
        return "strong"
    labelled = in_bar or bare != item.strip() or bool(_AUTHOR_PREFIX.match(bare))
    name = _AUTHOR_PREFIX.sub("", bare, count=1)
    tokens = _words(name)
    if not 1 <= len(tokens) <= 5 or _ends_sentence(name) or any(c in name for c in ":;"):
        return None
    if not all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens):
        return None
    return "name" if labelled or len(tokens) == 1 else None


def _meta_strength(line: str) -> int | None:
    """How many dates, counts or read times a meta line holds; None if it is not a meta line.

    A one-line bar of several segments ("Jane Doe | May 2, 2025") counts one more, since the
    separators themselves are layout.
    """
    kind = _meta_item(line)
    if kind is not None:
        return int(kind == "strong")
    parts = [p for p in _BAR_SEP.split(line) if p.strip()]
    kinds = [_meta_item(p, in_bar=True) for p in parts]
    if len(parts) < 2 or None in kinds or "strong" not in kinds:
        return None
    return kinds.count("strong") + 1


def _byline_bar(lines: list[str], found: _Found) -> list[str]:
    """Share/meta bars: runs of short lines (or one line of segments) of author, date, counts."""
    head = _head_end(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        j, strong = i, 0
        while j < len(lines) and len(lines[j]) <= 100:
            strength = _meta_strength(lines[j])
            if strength is None:
                break
            strong, j = strong + strength, j + 1
        # A lone date line is a bar only in the head; in the body it may head a timeline entry.
        if j > i and (strong >= 2 or (strong >= 1 and i < head)):
            # A short name standing alone just above the bar (not the headline) heads it.
            lead = 1 if 1 < i <= head and out and _meta_item(out[-1], in_bar=True) == "name" else 0
            found.add("byline_bar", out[len(out) - lead:] + lines[i:j])
            del out[len(out) - lead:]
        else:
            # A run that is not a bar holds no bar: its tails are weaker still.
            out.extend(lines[i:max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _only_names(rest: str) -> bool:
    """Whether ``rest`` holds only names: "Jane Doe and John Roe, Reuters", "somehandle"."""
    tokens = [t for t in (raw.strip(",;|()") for raw in rest.split()) if t]
    if len(tokens) == 1:
        return True
    if not 1 < len(tokens) <= 12:
        return False
    for token in tokens:
        lower = token.lower()
        # "By The Numbers", "Reporting by the ministry": a name is not a closed-class word.
        if token in OPENERS or lower in ("the", "a", "an"):
            return False
        if not (token[0].isupper() or lower in _NAME_PARTICLES or lower in _ROLE_WORDS):
            return False
    return True


def _byline_kind(line: str, in_head: bool) -> str | None:
    """'byline', or 'byline_bar' when the byline also carries a date, or None."""
    if len(line) > 160 or _is_prose(line):
        return None
    dated = _BYLINE_DATE.search(line)
    core = (line[:dated.start()] if dated else line).strip().strip("()")
    parts = [p.strip() for p in core.split(";") if p.strip()]
    if not parts:
        return None
    for part in parts:
        cue = _CUE_BYLINE.match(part)
        plain = in_head and _PLAIN_BY.match(part)
        match = cue or plain
        if not match or not _only_names(part[match.end():]):
            return None
    return "byline_bar" if dated else "byline"


def _byline(lines: list[str], found: _Found) -> list[str]:
    """"By Jane Doe" at the top; "written by handle", "Reporting by Jane Doe" anywhere."""
    head = _head_end(lines)
    out = []
    for i, line in enumerate(lines):
        kind = _byline_kind(line, i < head)
        if kind:
            found.add(kind, line)
        else:
            out.append(line)
    return out


def _share_tokens(line: str) -> list[str]:
    return [t for t in _SHARE_SPLIT.split(line.lower()) if t]


def _is_share_line(line: str) -> bool:
    if len(line) > 160:
        return False
    tokens = _share_tokens(line)
    return all(t in _SHARE_WORDS for t in tokens) and any(t in _SHARE_ACTIONS for t in tokens)


def _tag_runs(lines: list[str], found: _Found) -> list[str]:
    """Runs of one-word or CamelCase lines (tags, or share buttons), and "Tags:" lists."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = _TAG_HEADER.match(lines[i])
        if header and header[1]:
            items = re.split(r"\s*[,|;•]\s*", header[1])
            if all(len(_words(item)) <= 4 for item in items):
                found.add("tag_list", lines[i])
                i += 1
                continue
        start = i + 1 if header else i
        j = start
        # A run keeps one style: a bare word after bulleted tags is something else (a signature).
        bulleted = start < len(lines) and bool(_TAG_BULLET.match(lines[start]))
        while j < len(lines) and bool(_TAG_BULLET.match(lines[j])) == bulleted and (
            _TAG_LINE.match(lines[j]) or (header and _is_tag_phrase(lines[j]))
        ):
            j += 1
        if (header and j > start) or j - start >= TAG_RUN:
            run = lines[i:j]
            buttons = not header and all(
                all(t in _SHARE_WORDS for t in _share_tokens(x)) for x in run
            )
            found.add("share_bar" if buttons else "tag_list", run)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_tag_phrase(line: str) -> bool:
    bare = _BULLET.sub("", line)
    return len(_words(bare)) <= 4 and len(bare) <= 40 and not _ends_sentence(bare)


def _tail_kind(line: str) -> str | None:
    """The section a line opens at the end of a page, if it is such a marker."""
    if len(line) > 300:
        return None
    if _COMMENT_MARKER.match(line) or _COMMENT_CUE.search(line):
        return "comment_form"
    if _DONATION_LINE.match(line) or _DONATION_CUE.search(line):
        return "donation"
    if _FOOTER_MARKER.match(line) or _FOOTER_LINE.match(line) or _is_menu(line):
        return "footer"
    return None


def _is_menu(line: str) -> bool:
    """A row of links: "Advertise with us | Privacy | Contact"."""
    items = _MENU_SEP.split(line)
    return len(items) >= 3 and all(len(_words(item)) <= 5 for item in items)


def _tail(lines: list[str], found: _Found) -> list[str]:
    """Comment forms, donation blocks and footers: from the first section marker after the last
    prose line to the end, each line going to the section of the marker above it."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if _tail_kind(lines[i]):
            start = i
        elif _is_prose(lines[i]) and not (start < len(lines) and _is_blurb(lines, i)):
            break
    if start == len(lines):
        return lines
    kind, run = "", []
    for line in lines[start:]:
        if _is_signature(line):
            # A bot's handle between footer sections is its signature, not part of the footer.
            found.add(kind, run)
            found.add("signature", line)
            run = []
            continue
        marker = _tail_kind(line)
        if marker and marker != kind:
            found.add(kind, run)
            kind, run = marker, []
        run.append(line)
    found.add(kind, run)
    return lines[:start]


def _is_blurb(lines: list[str], i: int) -> bool:
    """A short sentence inside the footer ("X brings you the stories that matter."): a
    section marker shortly above it, with only short lines between."""
    if len(_words(lines[i])) >= BLURB_WORDS:
        return False
    for j in range(i - 1, max(-1, i - 1 - SECTION_LINES), -1):
        if _tail_kind(lines[j]):
            return True
        if _is_prose(lines[j]):
            return False
    return False


def _junk_lines(lines: list[str], found: _Found) -> list[str]:
    """Lines that are junk wherever they stand: form texts, copyright, share buttons."""
    out = []
    for line in lines:
        if len(line) <= 160 and _COMMENT_LINE.match(line):
            found.add("comment_form", line)
        elif len(line) <= 160 and _FOOTER_LINE.match(line):
            found.add("footer", line)
        elif _is_share_line(line):
            found.add("share_bar", line)
        elif _CAPTION_LINE.match(line) and not _credit_run_in(line):
            found.add("caption", line)
        else:
            out.append(line)
    return out


def _signature(lines: list[str], found: _Found) -> list[str]:
    """A lone lowercase handle ("posterbot", "admin") or a sign-off closing the article."""
    last = lines[-1] if len(lines) > 1 else ""
    if _is_signature(last) or _VALEDICTION.match(last):
        found.add("signature", lines[-1])
        return lines[:-1]
    return lines


def _masthead(lines: list[str], found: _Found) -> list[str]:
    """A newsletter's or site's name above the headline. It is the site's name when the site
    signs with it again (a later line opening with it and holding an address, a year or a
    phone number) or when it spells the domain of an email address in the text."""
    if len(lines) < 3 or not _is_heading(lines[1]) or lines[0].casefold() == lines[1].casefold():
        return lines
    name = lines[0]
    if not (1 <= len(_words(name)) <= MASTHEAD_WORDS and _is_heading(name) and _title_case(name)):
        return lines
    key = re.sub(r"[\W_]+", "", name).casefold()
    signed = any(
        line.startswith(name) and line != name and re.search(r"\d", line) for line in lines[2:]
    )
    spelled = any(
        re.sub(r"[\W_]+", "", m[1]).casefold() == key
        for line in lines[2:] for m in _EMAIL_DOMAIN.finditer(line)
    )
    if signed or spelled:
        found.add("masthead", name)
        return lines[1:]
    return lines


def _is_signature(line: str) -> bool:
    return bool(_SIGNATURE.match(line) and re.search(r"[a-z]", line))


def _repeated_title(lines: list[str], found: _Found) -> list[str]:
    """A heading line seen before: the first stays, repeats go."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.casefold()
        if key in seen:
            found.add("repeated_title", line)
            continue
        if _is_heading(line):
            seen.add(key)
        out.append(line)
    return out


# --- rejoining lines broken at a hyperlink ---------------------------------------------------


def _continues(prev: str, size: int, nxt: str) -> bool:
    """Whether ``nxt`` carries on the sentence left open by ``prev``, the end of a paragraph
    of ``size`` characters so far."""
    if _ends_sentence(prev) or prev.endswith(":") or _BULLET.match(nxt):
        return False
    if prev.endswith((",", ";", "—", "–")) or nxt[0].islower():
        return True
    last = re.sub(r"\W+$", "", prev.rsplit(None, 1)[-1]).lower()
    if last in DANGLING:
        if size >= 60:
            return True
        # A short line may be a heading ending on a little word ("What to Watch For", "What
        # to watch for"); then the next line opens a sentence of its own, and a link's text
        # (a name) does not start with "The".
        return not _title_case(prev) and _first_token(nxt) not in OPENERS
    return size > LONG_LINE and not _is_heading(nxt)


def _join_broken(lines: list[str], found: _Found) -> list[str]:
    """Rejoin a sentence broken across lines, typically before the text of a link."""
    paragraphs: list[list[str]] = []
    size = 0
    for line in lines:
        if paragraphs:
            parts = paragraphs[-1]
            prev = " ".join(parts) if size < LONG_LINE else parts[-1]
            if _continues(prev, size, line):
                parts.append(line)
                size += len(line) + 1
                continue
        paragraphs.append([line])
        size = len(line)
    return [" ".join(parts) for parts in paragraphs]


# --- rules inside paragraphs -----------------------------------------------------------------


def _splice(pieces: list[str]) -> str:
    """Kept pieces of a paragraph joined by one space, as if the junk between never was."""
    return " ".join(p.strip() for p in pieces if p.strip())


def _after_sentence(line: str, i: int, floor: int) -> bool:
    """Whether position ``i`` starts the paragraph (from ``floor``) or follows a sentence end."""
    j = i - 1 if i > floor and line[i - 1] == " " else i
    while j > floor and line[j - 1] in _CLOSERS and i - j < 3:
        j -= 1
    return j == floor or line[j - 1] in ".!?…"


def _headline_end(text: str, start: int) -> int | None:
    """Where a linked headline starting at ``start`` ends and the prose resumes, or None.

    A headline has no final period, so the prose resumes before the first sentence end. The
    strongest sign is a capitalised closed-class word right after a lowercase word ("... VP
    warns And time may ..."); then the end of the line; then a question or exclamation mark
    closing the headline; last, a capitalised word after a lowercase content word or a number
    ("... lanes reopen Harbourside, for its part, ..."), the last such before the sentence ends,
    since names after "as", "of", "in" belong to the headline. Without any, nothing is cut.
    """
    window = text[start:start + HEADLINE_WINDOW]
    tokens = list(_tokens_until_stop(window))
    named = None
    for k in range(1, len(tokens)):
        prev, cur = tokens[k - 1].group(), tokens[k].group()
        word = cur.lstrip("\"“‘'(")
        if not word[:1].isupper():
            continue
        after = tokens[k + 1].group() if k + 1 < len(tokens) else ""
        if word in OPENERS and (_lowercase_word(prev) or after[:1].islower()):
            return start + tokens[k].start()
        bare = prev.rstrip(",;")
        if k >= 2 and _lowercase_word(prev) and bare.lower() not in DANGLING:
            named = start + tokens[k].start()
    stopped = bool(tokens) and _stops(tokens[-1].group())
    if not stopped and len(text) - start <= HEADLINE_WINDOW:
        return len(text)
    if stopped and tokens[-1].group().rstrip(_CLOSERS).endswith(("?", "!")):
        end = start + tokens[-1].end()
        return end if end < len(text) else len(text)
    return named


def _tokens_until_stop(window: str):
    """Tokens of ``window`` up to and including the first that ends a sentence."""
    for match in re.finditer(r"\S+", window):
        yield match
        if _stops(match.group()):
            return


def _stops(token: str) -> bool:
    return _ends_sentence(token) and not _ABBREVIATION.match(token)


def _lowercase_word(token: str) -> bool:
    """A word that cannot open a headline's next sentence: lowercase ("warns") or a number."""
    word = token.lstrip("\"“‘'(")
    return bool(word) and (word[0].islower() or word[0].isdigit())


def _read_more(lines: list[str], found: _Found) -> list[str]:
    """A "Read more" link with its headline, run into a paragraph: the prose around it stays."""
    out = []
    for line in lines:
        pieces, kept = [], 0
        for match in _READ_MORE.finditer(line):
            if match.start() < kept or not _after_sentence(line, match.start(), kept):
                continue
            end = _headline_end(line, match.end())
            if end is None or end == match.end():
                continue
            pieces.append(line[kept:match.start()])
            found.add("read_more", line[match.start():end])
            kept = end
        pieces.append(line[kept:])
        if line := _splice(pieces):
            out.append(line)
    return out


def _credit_end(text: str, start: int) -> int:
    """End of an image credit's names ("AFP", "Agency Name graphic studio") from ``start``."""
    tokens = list(re.finditer(r"\S+", text[start:start + 200]))
    end, names, k = start, 0, 0
    while k < len(tokens) and names < 8:
        word = tokens[k].group()
        if word in OPENERS or not (word[0].isupper() or word[0].isdigit() or word == "/"):
            break
        end, names, k = start + tokens[k].end(), names + 1, k + 1
    described = False
    while k < len(tokens) and tokens[k].group().lower() in _CREDIT_WORDS:
        end, described, k = start + tokens[k].end(), True, k + 1
    if k < len(tokens) and not described and names >= 2 and tokens[k].group()[0].islower():
        # The last name was the subject of the sentence that follows ("AFP Moscow may ...").
        end = start + tokens[k - 1].start()
    return end


def _credit_run_in(line: str) -> bool:
    """Whether a line opening with a credit label goes on with prose after the credit."""
    match = _CREDIT_MARK.match(line)
    if not match:
        return False
    end = _credit_end(line, match.end())
    rest = line[end:].strip()
    return end > match.end() and bool(rest) and rest[0].isupper()


def _remove_all(pattern: re.Pattern[str], kind: str, line: str, found: _Found) -> str:
    pieces, kept = [], 0
    for match in pattern.finditer(line):
        pieces.append(line[kept:match.start()])
        found.add(kind, match.group())
        kept = match.end()
    pieces.append(line[kept:])
    return _splice(pieces)


def _credit(lines: list[str], found: _Found) -> list[str]:
    """Image credits run into a paragraph ("© Agency graphic studio", "Photo: AFP")."""
    out = []
    for line in lines:
        pieces, kept = [], 0
        for match in _CREDIT_MARK.finditer(line):
            if match.start() < kept:
                continue
            end = _credit_end(line, match.end())
            if end > match.end():
                pieces.append(line[kept:match.start()])
                found.add("credit", line[match.start():end])
                kept = end
        pieces.append(line[kept:])
        line = _remove_all(_SLASH_CREDIT, "credit", _splice(pieces), found)
        if line:
            out.append(line)
    return out


def _wire_credit(lines: list[str], found: _Found) -> list[str]:
    """A wire credit closing a paragraph: "... on Thursday. (Reporting by X; editing by Y)"."""
    return [x for x in (_remove_all(_WIRE_CREDIT, "byline", x, found) for x in lines) if x]


def _promo_tail(lines: list[str], found: _Found) -> list[str]:
    """A site's plug run into the end of the last paragraph ("Stay tuned to X for updates.")."""
    if not lines:
        return lines
    return [*lines[:-1], *(x for x in [_remove_all(_PROMO_TAIL, "footer", lines[-1], found)] if x)]


def _caption(lines: list[str], found: _Found) -> list[str]:
    """Photo captions: "(Photo by ...)" anywhere, and a present-tense picture description run
    into the first paragraph ("X chairs a meeting at Y on April 23, 2025. The real lead ...")."""
    out = [x for x in (_remove_all(_PAREN_CAPTION, "caption", x, found) for x in lines) if x]
    body = _head_end(out)
    if body < len(out):
        line = out[body]
        match = _CAPTION_DATE.search(line, 0, 400)
        if match:
            first = line[:match.end()]
            opening = " ".join(_words(first)[:12])
            if len(_words(first)) <= 45 and _CAPTION_VERB.search(opening) and not (
                _CAPTION_VETO.search(first) or re.search(r"[a-z][.!?] [A-Z]", first[:match.start()])
            ):
                found.add("caption", first)
                out[body] = line[match.end():]
    return out


RULES: tuple[Rule, ...] = (
    # First, while the footer that signs with the masthead's name is still there.
    _masthead,
    _ai_disclaimer,
    _byline_bar,
    _byline,
    _tag_runs,
    _tail,
    _junk_lines,
    _signature,
    _repeated_title,
    _join_broken,
    _read_more,
    _credit,
    _wire_credit,
    _promo_tail,
    _caption,
)
