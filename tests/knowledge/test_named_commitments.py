"""Named-commitment probes: a question naming one commitment by words only its card has gets the
card, not an FAQ entry that never says those words; of two questions after a story, the first
asking what something is gets its answer, the second is offered (named_commitment_probes.yaml,
our own words).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load(
    (Path(__file__).with_name("named_commitment_probes.yaml")).read_text("utf-8")
)


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_a_named_commitment_probe_is_answered_right(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("question", PROBES["out_of_scope"], ids=lambda q: q[:60])
def test_a_procedure_sharing_a_cards_words_is_not_answered(question):
    reply = shared_answers().answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize("raw", PROBES["known_wrong"], ids=lambda raw: raw["q"][:60])
@pytest.mark.xfail(strict=True, reason='a definition with no "compromiso" does not reach a card')
def test_a_known_named_commitment_miss_is_still_missed_until_fixed(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("raw", PROBES["defined_first"], ids=lambda raw: raw["q"][:60])
def test_what_is_asked_first_is_answered_and_the_second_offered(raw):
    reply = shared_answers().answer(raw["q"])
    assert reply.decision == "answer" and reply.entry_id == raw["id"]
    assert reply.related and reply.related[0].id == raw["then"]
