"""One broad word ("gobierno", "ley") is offered as choices, not answered with one entry."""

from __future__ import annotations

import pytest

from tests.conftest import shared_answers


@pytest.mark.parametrize(
    "word",
    [
        "gobierno", "ley", "presidente", "ministerio", "información", "datos", "participación",
        "plan", "derecho", "ciudadano", "el gobierno", "qué es la ley", "government", "law",
        "president", "information", "data", "citizen",
    ],
)  # fmt: skip
def test_a_broad_word_alone_gets_choices_not_one_entry(word):
    reply = shared_answers().answer(word)
    assert reply.decision == "suggest", (word, reply.decision, reply.entry_id)
    assert len(reply.suggestions) >= 2


@pytest.mark.parametrize(
    ("word", "entry_id"),
    [
        ("LOTAIP", "lotaip-que-es"),
        ("OGP", "ogp-que-es"),
        ("MRI", "mri-que-es"),
        ("Grupo Núcleo", "nucleo-que-es"),
        ("veeduría", "veeduria-que-es"),
        ("compromiso", "plan-compromiso"),
    ],
)
def test_a_word_one_entry_defines_is_still_answered(word, entry_id):
    reply = shared_answers().answer(word)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_the_spread_comes_from_the_index():
    index = shared_answers().index
    tokens, _ = index.normalizer.tokens("gobierno")
    assert index.broad_word("gobierno", tokens) == tokens[0]
    # A word no entry's phrasings use twice names nothing broad.
    assert index.broad_word("zzzz", ["zzzz"]) is None
    # Two topic words, or a longer word besides ("estado de mi propuesta"), say more.
    assert index.broad_word("gobierno datos", [tokens[0], "dat"]) is None
    assert index.broad_word("estado de mi propuesta", ["propuest"]) is None


def test_a_broad_word_names_no_commitment():
    # "ley" is one commitment's keyword, but many entries speak of laws.
    reply = shared_answers().answer("ley")
    assert reply.decision == "suggest"
    assert reply.commitments is None
