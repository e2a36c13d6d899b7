"""Who did what to whom: political actions coded as PLOVER event types with CAMEO root codes.

Each verb of a sentence is looked up in the verb lexicon (``profiles/_plover.yaml``: phrases such
as "turn down" or "hold talks" before the bare lemma). Its subject gives the source actor, its
object, indirect object or prepositional object ("talks with X", "against X") the target, each
resolved through the profile (aliases, offices at the article's date) or, unprofiled, spaCy's
named entities: a country's capital or demonym stands for it ("Tehran", "Kenyan" -> Iran, Kenya), a
surname for the person named in full earlier, "the commission" for the organisation of that name,
"the two leaders" for the last two people named. An action needs a source: a sentence whose subject
is nobody we can name ("analysts", "it") or an agentless passive ("was not invited") codes nothing,
and a sentence with no coded verb codes nothing. A named act with its doer ("an apology from X",
"the imposition of sanctions by X on Y") is coded as the act; a reaction to someone's act
("denounced the decision", "called the refusal a door slammed") targets the side that did it.

What was said is coded, not what a headline implies:

- A complement is the content of the verb that governs it: "threatened to walk away" is THREATEN,
  "agreed to exchange prisoners" is AGREE; the walking and the exchanging are not coded apart. What
  a demand asks for ("said the US must mediate", "its demand that Israel ease ...") is not coded as
  done, and a promise of a hostile act ("vowed to keep fighting") is a threat.
- A named act that only dates what is reported ("ahead of a visit by X") is background.
- Negation: a negated cooperative act ("will not hold talks", "did not agree") is coded REJECT with
  ``negated=True`` and the verb kept; a negated hostile act ("did not attack") did not happen and
  is not coded.
- Modality: ``asserted`` (it happened), ``future`` (will), ``conditional`` (would, could, may, an
  if-clause) or ``intent`` (ready / willing / open / prepared to). "Would be open to talks" is
  CONSULT with modality ``conditional``: a readiness to talk, never an agreement.

CAMEO (and so GDELT) codes a stated intention by what is intended: "will send aid", "ready to
talk" are 03 (express intent to cooperate), "plans to impose restrictions" is 13 (threaten). The
``cameo_root`` of an action that is not ``asserted`` follows that rule, so a GDELT join lines up;
``type`` keeps the act itself and ``modality`` how far it is from happening. ``plover_event`` is
the same rule in PLOVER's terms (AGREE / THREATEN), for comparing with PLOVER-coded data.

Parts: ``lexicon`` (the YAML lexicon and the word classes the rules share), ``names`` (who acts and
who is acted on), ``clauses`` (what a verb says: type, subject, targets, negation, modality) and
``coding`` (``Action`` and ``code_actions``).
"""

from .coding import MAX_TOKENS, Action, code_actions
from .lexicon import COOPERATIVE, HOSTILE, MODALITIES, PLOVER_TYPES, Lexicon, lexicon

__all__ = ["COOPERATIVE", "HOSTILE", "MAX_TOKENS", "MODALITIES", "PLOVER_TYPES", "Action", "Lexicon", "code_actions",
           "lexicon"]
