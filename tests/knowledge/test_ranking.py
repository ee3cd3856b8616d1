"""Which of several close entries on one subject comes first."""

from __future__ import annotations

from knowledge.normalize import DEFINITION_TOKEN
from knowledge.search import Match
from tests.conftest import shared_answers


def _matches(*scored: tuple[str, float]) -> list[Match]:
    kb = shared_answers().kb
    found = []
    for entry_id, score in scored:
        entry = kb.entry(entry_id)
        assert entry is not None
        found.append(Match(entry, score))
    return found


def test_a_definition_question_puts_the_defining_entry_first_and_keeps_the_lead():
    index = shared_answers().index
    matches = _matches(("veeduria-como", 0.8), ("veeduria-que-es", 0.7), ("silla-vacia", 0.5))
    ranked = index._definition_first(matches, ["veedur", DEFINITION_TOKEN])
    assert [(m.entry.id, m.score) for m in ranked] == [
        ("veeduria-que-es", 0.8),
        ("veeduria-como", 0.7),
        ("silla-vacia", 0.5),
    ]


def test_only_a_definition_question_close_enough_changes_the_order():
    index = shared_answers().index
    close = _matches(("veeduria-como", 0.8), ("veeduria-que-es", 0.7))
    # Not asked what it is: the how-to entry stays first.
    assert index._definition_first(close, ["veedur", "obra"]) == close
    # Asked what it is, but the defining entry scores far below: the words chose the other one.
    far = _matches(("veeduria-como", 0.9), ("veeduria-que-es", 0.5))
    assert index._definition_first(far, ["veedur", DEFINITION_TOKEN]) == far
    # The best entry already defines something: nothing to change.
    defined = _matches(("veeduria-que-es", 0.8), ("ga-que-es", 0.75))
    assert index._definition_first(defined, ["veedur", DEFINITION_TOKEN]) == defined
