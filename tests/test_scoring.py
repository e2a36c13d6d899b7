"""The scorer's speaker match: one person under their spellings, never two people with one surname's cousin."""

from __future__ import annotations

import pytest

from storyline.scoring import same_speaker


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", True),   # transliterations of one name
        ("Jeff Hawn", "Hawn", True),                            # the last name alone
        ("the Kremlin", "Kremlin", True),
        (None, None, True),
        # negatives: short surnames one letter apart, other people, a missing speaker
        ("Stephen Hall", "Ann Hale", False),
        ("Anna Kowalski", "Anna Kowalska", False),
        ("Jeff Hawn", None, False),
    ],
)
def test_same_speaker(pred, gold, same):
    assert same_speaker(pred, gold) is same
