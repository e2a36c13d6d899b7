"""A small, fast language guess from function-word profiles.

Each profile is a language's most common function words; a text is scored by the share of its
words found in each profile. Cyrillic text is told apart first by script, then Russian from
Ukrainian by their own letters and words. Short or mixed texts get no guess, with a reason.
"""

from __future__ import annotations

import re

# Fewer words than this and function-word counts are noise.
MIN_WORDS = 20
# The best profile must cover this share of the words...
MIN_SHARE = 0.12
# ...and beat the runner-up by this factor, or the text is mixed or unclear.
MIN_LEAD = 1.5
# Enough text to decide; the rest only costs time.
MAX_CHARS = 20_000

PROFILES: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it with as was on be by at this are from "
        "have has but not or an which they were their will would",
        "fr": "le la les de des du et est un une que qui dans pour pas sur au aux avec "
        "ce cette il elle sont ont par plus ne se",
        "de": "der die das und ist nicht ein eine zu den mit von sich auf für im dem "
        "des auch es sie wird wurde als bei nach aus",
        "es": "el la los las de del y que en un una es por con para se no lo al "
        "como más pero sus su fue ha son",
        "it": "il lo la gli le di del della che e è un una per con non si sono da "
        "nel alla dei anche più ha come",
        "pt": "o os as de do da dos das e que em um uma é para com não se por "
        "no na ao mais foi como seu sua",
        "nl": "de het een en van is dat op te in voor met niet zijn die er aan "
        "ook als bij door maar naar werd wordt",
        "ru": "и в не на что с по он как это к из у за от то но же был для "
        "бы его она так было они уже или",
        "uk": "і в не на що з по він як це до із у за від та але ж був для "
        "б його вона так було вони вже або",
    }.items()
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LETTER = re.compile(r"[^\W\d_]")
# Letters only one of the two Cyrillic languages uses.
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


def detect_language(text: str) -> tuple[str | None, str | None]:
    """Return ``(ISO 639-1 code, None)`` or ``(None, reason)`` when the text does not tell."""
    sample = text[:MAX_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None, "too short to tell"
    letters = len(_LETTER.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    if letters and cyrillic / letters > 0.5:
        candidates = ("ru", "uk")
    elif cyrillic / max(letters, 1) > 0.2:
        return None, "no language profile matched (mixed scripts)"
    else:
        candidates = tuple(lang for lang in PROFILES if lang not in ("ru", "uk"))
    scores = {lang: sum(w in PROFILES[lang] for w in words) / len(words) for lang in candidates}
    if candidates == ("ru", "uk"):
        # The two share most function words; their own letters settle it.
        scores["uk"] += len(_UK_ONLY.findall(sample)) / len(words)
        scores["ru"] += len(_RU_ONLY.findall(sample)) / len(words)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SHARE or top < MIN_LEAD * second:
        return None, "no language profile matched"
    return best, None
