"""Card scope probes: a commitment card only for a question about a commitment.

A word of a commitment's title, theme or keywords in a question does not make it a question about
the commitment: a concept asked about ("¿qué diferencia hay entre el control social y la
participación ciudadana?", "la participación ciudadana como pilar") is the FAQ entry's that
explains it, and a state body named in passing ("¿qué votó ayer la Asamblea Nacional?") is news,
outside the scope. Saying "compromiso", naming a plan, asking how it is going or naming the
commitment's own subject still gets the card. Probes in card_scope_probes.yaml, written for this
test, never from alternates nor golden sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("card_scope_probes.yaml")).read_text("utf-8"))
# Share of concept probes answered outright with the entry (measured 2026-12-03: 4 of 6; the
# others offer it first among choices).
CONCEPT_RIGHT_FLOOR = 0.6


@pytest.mark.parametrize("raw", PROBES["concept"], ids=lambda raw: raw["q"][:60])
def test_a_concept_question_gets_no_commitment_card(raw):
    reply = shared_answers().answer(raw["q"])
    assert reply.decision != "commitments"
    assert probe_verdict(raw) in ("right", "choices_right")


def test_most_concept_questions_are_answered_with_the_entry():
    verdicts = [probe_verdict(raw) for raw in PROBES["concept"]]
    assert verdicts.count("right") / len(verdicts) >= CONCEPT_RIGHT_FLOOR


@pytest.mark.parametrize("question", PROBES["out_of_scope"])
def test_a_state_body_named_in_passing_is_not_answered(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"


@pytest.mark.parametrize("raw", PROBES["commitment"], ids=lambda raw: raw["q"][:60])
def test_a_question_about_a_commitment_keeps_its_card(raw):
    assert probe_verdict(raw) == "right"
