"""The PLOVER verb lexicon and CAMEO table (``profiles/_plover.yaml``), and the word classes the
rules of several parts share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from ..profile import PROFILES_DIR

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Acts that, negated, amount to refusing them; the others, negated, simply did not happen.
COOPERATIVE = frozenset(("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"))
# Acts of force or pressure: announced or intended, they are threats.
HOSTILE = frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE"))
MODALITIES = ("asserted", "future", "conditional", "intent")

# A body's decisions, answered ("welcomed the vote", "rejected the resolution") or acting ("the
# resolution calls on ..."), stand for whoever made them (found by the verbs of deciding).
_DECISIONS = {**dict.fromkeys("vote resolution motion".split(), "assembly"),
              **dict.fromkeys("ruling verdict decision judgment judgement decree order".split(), "court")}
# Verbs of a court's or an inquiry's judgement: with a clause of blame, they accuse.
_JUDGING = frozenset("rule find declare deem judge conclude".split())
# Verbs that, with a person and an infinitive, demand: "ordered the army to withdraw".
_ORDERING = frozenset("order instruct direct command".split())
# Heads that count a group rather than name it: "tens of thousands of students".
_QUANTITIES = frozenset("tens hundreds thousands dozens millions group groups number crowd crowds".split())
# Titles before a name: what follows is a person whatever the model tagged it.
_TITLES = frozenset("president minister premier chancellor king queen prince secretary senator general ambassador "
                    "envoy governor mayor spokesman spokeswoman commander leader".split())
# Objects that stand for a proposal someone made: "dismissed the offer" answers whoever made it.
_PROPOSALS = frozenset("offer proposal plan initiative call demand ultimatum overture".split())
# Nouns for an act someone else did, answered by a reaction: "denounced the decision", "called the
# refusal a door slammed" answer whoever last did such an act (by its PLOVER event type).
_ANSWERED_ACTS = {
    **dict.fromkeys(("refusal", "rejection"), frozenset(("REJECT",))),
    **dict.fromkeys(("threat", "warning"), frozenset(("THREATEN",))),
    **dict.fromkeys("move decision measure measures step sanctions duties tariffs restrictions drills exercises launch "
                    "strike strikes attack attacks".split(),
                    frozenset(("SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN"))),
}
# People one meets as the other side, unnamed: "met union leaders", "hosted a delegation".
_COUNTERPARTS = frozenset("leader representative official delegation delegate envoy negotiator minister lawmaker "
                          "diplomat counterpart mediator ambassador president premier chancellor secretary".split())


def _intended(type_: str, modality: str, negated: bool, cooperative: str, hostile: str) -> str:
    """``cooperative`` / ``hostile`` for an act only announced or intended, else ``type_``."""
    if modality == "asserted" or negated:
        return type_
    return cooperative if type_ in COOPERATIVE else hostile if type_ in HOSTILE else type_


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    cameo_root: dict[str, str]
    cameo_by_verb: dict[str, str]
    speech: frozenset[str]
    intent: frozenset[str]
    intent_verbs: frozenset[str]
    act_nouns: dict[str, str]
    modal: dict[str, str]
    not_events: frozenset[str]
    light_verbs: frozenset[str]

    def root(self, type_: str, verb: str, modality: str = "asserted", negated: bool = False) -> str:
        """The CAMEO root: for an intended act 03 or 13 (module docstring), else the verb's own
        ("seize" 19), else its act noun's ("launch investigation" 09), else the type's."""
        intended = _intended(type_, modality, negated, "AGREE", "THREATEN")
        if intended != type_:
            return self.cameo_root[intended]
        words = verb.split()
        return next((self.cameo_by_verb[w] for w in words if w in self.cameo_by_verb), self.cameo_root[type_])

    def act_noun(self, noun: Token) -> tuple[str, str] | None:
        """(type, name) of the act a noun names: "hunger strike" and "state of emergency" before "strike"."""
        compounds = " ".join(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i)
        of = [g.lower_ for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        # "sit-in" as written, which the tokenizer splits into "sit", "-", "in"
        hyphened = noun.doc[noun.i - 2:noun.i + 1].text.lower() if noun.i >= 2 and noun.doc[noun.i - 1].text == "-" else ""
        for name in (f"{compounds} {noun.lower_}".strip(), hyphened, *[f"{noun.lower_} of {o}" for o in of],
                     noun.lower_, noun.lemma_.lower()):
            if name in self.act_nouns:
                return self.act_nouns[name], name
        return None


@lru_cache(maxsize=1)
def lexicon(path: str | None = None) -> Lexicon:
    """The PLOVER verb lexicon and CAMEO table (``profiles/_plover.yaml``)."""
    data = yaml.safe_load(Path(path or PROFILES_DIR / "_plover.yaml").read_text(encoding="utf-8"))

    def invert(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: key for key, words in table.items() for word in words}

    return Lexicon(
        verbs=invert(data["verbs"]),
        cameo_root=data["cameo_root"],
        cameo_by_verb=data.get("cameo_by_verb", {}),
        speech=frozenset(data["speech"]),
        intent=frozenset(data["intent"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        act_nouns=invert(data["act_nouns"]),
        modal=invert(data["modal"]),
        not_events=frozenset(data.get("not_events", ())),
        light_verbs=frozenset(data.get("light_verbs", ())),
    )
