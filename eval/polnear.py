"""Read PolNeAR attribution gold (brat standoff) from ``../shared/data/polnear-dev``.

Each ``attributions/<name>_<annotator>.ann`` annotates ``text/<name>.txt`` with Source, Cue and
Content text-bound spans (``T`` lines, possibly discontinuous: ``Content 10 20;30 40``) tied
together by ``E`` lines (``E1  Attribution:T4 Content:T3 Cue:T2 Source:T1``).

Where PolNeAR's conventions differ from storyline's:

- Content of a direct quotation includes its quotation marks and sometimes narrative words
  around them; ours is the text between the marks. We score by overlap, not equality.
- PolNeAR annotates every attribution, including those whose cue is not a speech verb
  ("grilled", "was under questioning", "according to", nouns such as "claims"), headline colons,
  and beliefs ("thinks", "believes"); we extract speech only, so indirect recall is bounded.
- Source is the mention as written ("he", "Warren"); we resolve to a canonical name, so speaker
  agreement is scored by overlap of our mention span with the Source span.
- Some texts have two annotators; we use the first file in name order only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUOTE_CHARS = "\"“”'‘’«»"


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    direct: bool


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one ``.ann`` file; content is direct when it opens with a quotation mark."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, rest = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(rest))
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            events.append(args)
    out = []
    for args in events:
        content = spans.get(args.get("Content", ""), ("", ()))[1]
        if not content:
            continue
        first = text[min(s for s, _ in content) : max(e for _, e in content)].strip()
        out.append(
            GoldAttribution(
                content=content,
                source=spans.get(args.get("Source", ""), ("", ()))[1],
                cue=spans.get(args.get("Cue", ""), ("", ()))[1],
                direct=first[:1] in QUOTE_CHARS,
            )
        )
    return tuple(out)


def load(root: Path) -> list[GoldDoc]:
    """Every annotated text under ``root`` (one annotator per text)."""
    docs = []
    seen = set()
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        txt = root / "text" / f"{name}.txt"
        if name in seen or not txt.is_file():
            continue
        seen.add(name)
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(name, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
    return docs
