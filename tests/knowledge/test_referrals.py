"""Where an unanswered question belongs (knowledge/content/referrals.yaml), in either language."""

from __future__ import annotations

import pytest

from knowledge.referrals import load_referrals


@pytest.mark.parametrize(
    ("question", "referral_id"),
    [
        ("¿Cómo saco la cédula?", "registro-civil"),
        ("How do I renew my passport?", "registro-civil"),
        ("Where do I pay my property tax?", "municipio"),
        ("How do I get a driver's license?", "ant"),
        ("When is the income tax return due?", "sri"),
    ],
)
def test_another_institutions_procedure_is_referred_there_in_spanish_or_english(
    question, referral_id
):
    scope = load_referrals().scope(question)
    assert scope.referral is not None and scope.referral.id == referral_id


@pytest.mark.parametrize(
    "question",
    [
        "How do I request public information about property taxes?",
        "Is there an open government commitment on driver's licenses?",
    ],
)
def test_an_english_question_naming_open_government_stays_with_the_team(question):
    assert load_referrals().scope(question).for_the_team


def test_an_off_topic_subject_counts_only_in_what_is_asked():
    referrals = load_referrals()
    story = "Entreno a un club de fútbol. ¿Quién coordina la selección?"
    assert referrals.named_outside(story, "Quién coordina la selección") is None
    assert referrals.named_outside(story, story) is not None
