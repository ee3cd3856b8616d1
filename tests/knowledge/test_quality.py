"""Answer quality on the golden set, held to the floors of issue #2.

The golden set was committed before any tuning; its holdout third is never tuned on, and has a
floor of its own so that a change that only fits the tune split shows up here.
"""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from knowledge.evaluate import (
    evaluate_baseline,
    evaluate_commitments,
    evaluate_engine,
    load_golden,
    smalltalk_accuracy,
)
from tests.conftest import shared_answers


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.fixture(scope="module")
def golden():
    return load_golden()


def test_the_golden_set_is_large_enough_and_split(golden):
    assert len(golden["in_scope"]) >= 250
    assert len(golden["out_of_scope"]) >= 60
    assert {item["split"] for item in golden["in_scope"]} == {"tune", "holdout"}


def test_every_golden_answer_exists_in_the_knowledge_base(service, golden):
    ids = {entry.id for entry in service.kb.entries}
    assert {item["id"] for item in golden["in_scope"]} <= ids


def test_whole_golden_set_meets_the_floors(service, golden):
    scores = evaluate_engine(service.index, golden)
    assert scores.top1_accuracy >= 95.0, scores.misses
    assert scores.oos_rejection >= 95.0, scores.misses
    assert scores.confident_wrong <= 2.0, scores.misses


def test_the_holdout_split_alone_stays_close(service, golden):
    scores = evaluate_engine(service.index, golden, "holdout")
    assert scores.top1_accuracy >= 90.0, scores.misses
    assert scores.oos_rejection >= 95.0, scores.misses
    assert scores.confident_wrong <= 2.0, scores.misses


def test_the_engine_beats_the_naive_baseline_by_far(service, golden):
    engine = evaluate_engine(service.index, golden)
    baseline = evaluate_baseline(service.index, golden)
    assert engine.top1_accuracy > baseline.top1_accuracy + 50
    assert engine.confident_wrong < baseline.confident_wrong


def test_small_talk_is_recognised_and_never_answered_from_the_faq(service, golden):
    assert smalltalk_accuracy(service.index, golden) >= 80.0
    for item in golden["smalltalk"]:
        assert not service.index.search(item["q"]).confident, item["q"]


def test_commitment_questions_show_the_right_commitments(service):
    def shown(question: str) -> list[str]:
        reply = service.answer(question)
        return [c.id for c in reply.commitments.commitments] if reply.commitments else []

    everything = evaluate_commitments(shown)
    assert everything.accuracy >= 85.0, everything.misses
    assert evaluate_commitments(shown, split="holdout").accuracy >= 75.0
    number, total = everything.by_kind["none"]
    assert number == total, "questions about commitments that do not exist show none"


@pytest.mark.parametrize(
    "question",
    [
        "como saco mi pasaporte",
        "como saco la cedula",
        "como saco una cita en el iess",
        "cuanto cuesta renovar la licencia de conducir",
        "donde pago la matricula del carro",
        "how do i renew my passport",
    ],
)
def test_everyday_procedures_elsewhere_are_never_answered_outright(service, question):
    # Found by hand, not in the golden set: a rare shared verb ("sacar") used to win.
    assert not service.answer(question).confident


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("q es la aga??", "ogp-que-es"),
        ("que es el mri", "mri-que-es"),
        ("silla vacia", "silla-vacia"),
    ],
)
def test_a_question_that_is_exactly_an_entry_is_answered(service, question, entry_id):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)
