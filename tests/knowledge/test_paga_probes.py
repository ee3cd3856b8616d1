"""PAGA, the action plan, is not the verb pagar (paga_probes.yaml, written for this test).

Snowball cuts the plan's token "paga" to "pag", the stem of "pagan", "pago", "pagos": a question
on pay leans towards the plans. Keeping the plan's token whole (a stem exception "paga: paga",
and "paga" after a pronoun or "cuánto" read as the verb) fixed the pay probes but lowered the
commitments floor (commitment questions with a pay word, "pagos … contratación pública", lost
their card), so it is not shipped: the probes it fixed are marked as known gaps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("paga_probes.yaml")).read_text("utf-8"))
# Share of the plan probes answered outright and right (measured 2026-12-03: 16 of 16).
RIGHT_FLOOR = 0.9


def _names_a_plan(entry_id: str | None) -> bool:
    return entry_id is not None and entry_id.startswith("plan-")


def _pay(raw: dict) -> object:
    if raw.get("known_gap"):
        return pytest.param(
            raw, marks=pytest.mark.xfail(strict=True, reason="shares the plan's stem")
        )
    return raw


@pytest.mark.parametrize("raw", [_pay(raw) for raw in PROBES["pay"]], ids=lambda raw: raw["q"][:60])
def test_a_pay_question_gets_no_action_plan_entry(raw):
    reply = shared_answers().answer(raw["q"])
    assert not _names_a_plan(reply.entry_id), (raw["q"], reply.entry_id)
    assert not any(_names_a_plan(s.id) for s in reply.suggestions or ()), raw["q"]
    assert not reply.commitments, raw["q"]
    if "id" in raw:
        assert probe_verdict(raw) not in ("wrong", "choices_wrong"), raw["q"]


@pytest.mark.parametrize("raw", PROBES["plan"], ids=lambda raw: raw["q"][:60])
def test_an_action_plan_question_is_never_answered_wrong(raw):
    assert probe_verdict(raw) not in ("wrong", "choices_wrong")


def test_most_action_plan_questions_are_answered_outright_and_right():
    verdicts = [probe_verdict(raw) for raw in PROBES["plan"]]
    assert len(verdicts) >= 15
    assert verdicts.count("right") / len(verdicts) >= RIGHT_FLOOR


def _tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, "es", fix_typos=True)[0]


def _plan_token() -> str:
    return shared_answers().index.normalizer.stem("paga", "es")


@pytest.mark.parametrize(
    "question",
    ["¿Qué es el PAGA II?", "¿qué dice el paga?", "compromisos del paga", "¿Cuánto dura el PAGA?",
     "¿Cuánto PAGA tiene Ecuador?", "el plan de acción"],
)  # fmt: skip
def test_the_acronym_still_names_the_plan(question):
    assert _plan_token() in _tokens(question)


@pytest.mark.xfail(strict=True, reason="the pay verb still shares the plan's stem")
@pytest.mark.parametrize(
    "question",
    ["¿cuánto le pagan al alcalde?", "¿dónde pago el predio?", "cuanto paga el iess",
     "se le paga poco", "pagos del municipio", "no paga la pensión"],
)  # fmt: skip
def test_the_pay_verb_is_not_the_plan(question):
    assert _plan_token() not in _tokens(question)


# What the unshipped fix broke: a commitment question with a pay word still gets its card.
@pytest.mark.parametrize(
    ("question", "commitment_id"),
    [
        ("pagos del estado en contratación pública", "paga-1-c03"),
        ("pagos de regalías petroleras EITI", "paga-1-c05"),
    ],
)
def test_a_commitment_question_with_a_pay_word_keeps_its_card(question, commitment_id):
    reply = shared_answers().answer(question)
    assert reply.decision == "commitments"
    assert commitment_id in [c.id for c in reply.commitments.commitments]
