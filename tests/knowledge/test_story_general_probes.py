"""Story-then-general-question probes (story_general_probes.yaml): a citizen tells a situation,
then asks about it in general words — what someone asked them and they could not answer, or
whether a claim someone told them holds ("¿Es verdad?").

Written for these tests in citizens' own voices, never from alternates nor golden sets. Each
in-scope probe is answered outright and right; none outside the scope is answered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import GoldenItem, judge, outcome_of
from knowledge.lexicon import shipped_lexicon
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("story_general_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["reported_questions"], ids=lambda raw: raw["q"][:60])
def test_what_the_citizen_was_asked_is_the_subject(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("raw", PROBES["claim_checks"], ids=lambda raw: raw["q"][:60])
def test_a_claim_checked_is_answered_by_the_entry_on_the_claim(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("question", PROBES["out_of_scope"], ids=lambda q: q[:60])
def test_a_claim_or_a_reported_question_outside_the_scope_stays_unanswered(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"


@pytest.mark.parametrize(
    ("question", "checks"),
    [
        ("es verdad", True),
        ("eso es asi", True),
        ("is that true", True),
        ("es verdad que la lotaip es de 2023", False),
        ("que otras funciones tiene", False),
    ],
)
def test_only_a_bare_check_is_a_claim_check(question, checks):
    assert shipped_lexicon().only_checks_a_claim(question.split()) is checks


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("mi vecino dice que el cpccs nombra al contralor", "el cpccs nombra al contralor"),
        ("me dijeron que dice que hay que pagar", "hay que pagar"),
        ("la ley es de 2023", None),
    ],
)
def test_the_claim_is_told_after_its_last_frame(sentence, claim):
    told = shipped_lexicon().told_claim(sentence.split())
    assert (" ".join(told) if told is not None else None) == claim
