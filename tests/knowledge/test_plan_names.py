"""Plan names and aliases are data, and no alias may point at two plans."""

from __future__ import annotations

import dataclasses

from knowledge.check import check_knowledge_base
from knowledge.loader import load_knowledge_base
from knowledge.normalize import fold
from knowledge.schema import LocalizedList


def test_every_plan_has_aliases_and_an_ordinal_in_both_languages():
    kb = load_knowledge_base()
    for plan in kb.plans:
        assert plan.ordinal is not None, plan.id
        assert plan.aliases.es and plan.aliases.en, plan.id
    owners = {fold(a): p.id for p in kb.plans for a in (*p.aliases.es, *p.aliases.en)}
    assert owners[fold("tercer plan")] == "paga-3"
    assert owners[fold("PAGA II")] == "paga-2"
    assert owners[fold("plan 2019-2022")] == "paga-1"


def test_kb_check_reports_an_alias_shared_by_two_plans():
    kb = load_knowledge_base()
    first, second, *rest = kb.plans
    clash = second.model_copy(
        update={"aliases": LocalizedList(es=[*second.aliases.es, "Primer  PLAN"], en=[])}
    )
    problems = check_knowledge_base(dataclasses.replace(kb, plans=[first, clash, *rest]))
    messages = [p.message for p in problems]
    assert f"plan '{second.id}': alias 'Primer  PLAN' also names plan '{first.id}'" in messages
    assert not check_knowledge_base(kb), "the shipped content has no clash"


def _reply(question: str) -> tuple[str, str | None]:
    from tests.conftest import shared_answers

    reply = shared_answers().answer(question)
    return reply.decision, reply.entry_id


def _plan_named(question: str) -> str | None:
    from tests.conftest import shared_answers

    answers = shared_answers()
    folded = " ".join(answers.index.normalizer.raw_words(question))
    plan = answers.commitments._plan_in(folded)
    return plan.id if plan else None


def test_a_plan_numbered_as_chat_writes_it_is_that_plan():
    for question in ("el 2do plan", "el 2º plan", "the 2nd plan", "el plan II", "el PAGA 2"):
        assert _plan_named(question) == "paga-2", question
    assert _plan_named("el PAGA III") == "paga-3"
    assert _plan_named("el 3er plan de acción") == "paga-3"
    assert _plan_named("el PAGA I") == "paga-1"
    assert _plan_named("el 4to plan") is None
    assert _reply("¿cuántos compromisos tiene el 2do plan?") == (
        "answer",
        "plan-segundo-compromisos",
    )
    assert _reply("what is the 2nd plan about?")[1] == "plan-segundo"


def test_three_is_are_a_roman_numeral_not_a_stretched_letter():
    from knowledge.normalize import words

    assert words("PAGA III") == ["paga", "iii"]
    assert words("siiii") == ["si"]


def test_a_name_two_plans_share_once_folded_names_neither():
    from knowledge.commitments import CommitmentMatcher
    from tests.conftest import shared_answers

    answers = shared_answers()
    kb = load_knowledge_base()
    first, second, *rest = kb.plans
    clash = second.model_copy(
        update={"aliases": LocalizedList(es=[*second.aliases.es, "Plan Reprogramado"], en=[])}
    )
    matcher = CommitmentMatcher(
        dataclasses.replace(kb, plans=[first, clash, *rest]), answers.index.normalizer
    )
    assert matcher._plan_in("el plan reprogramado") is None
    assert matcher._plan_in("el paga iii").id == "paga-3"  # type: ignore[union-attr]


def test_a_plan_that_does_not_exist_gets_the_plans_there_are_not_a_guess():
    for question in (
        "¿cuántos compromisos tiene el 4to plan?",
        "what is the fourth plan about?",
        "¿qué dice el quinto plan de acción?",
        "¿qué compromisos tiene el PAGA IV?",
    ):
        decision, entry = _reply(question)
        # The latest plan's entry: which plans there are, as of when, and where to check.
        assert (decision, entry) == ("answer", "plan-tercero"), question
    # A number after "paga" is a sum paid, not a plan.
    assert _reply("¿cuánto paga 5 dólares el plan?")[1] != "plan-tercero"


def test_a_question_about_one_plan_is_not_answered_with_another_plans_entry():
    from tests.conftest import shared_answers

    answers = shared_answers()
    for question in (
        "¿cuántas personas participaron en la cocreación del primer plan?",
        "how was the first plan co-created?",
    ):
        reply = answers.answer(question)
        # The co-creation entry is the second plan's: offered, not given as the answer.
        assert reply.decision == "suggest", question
        offered = [s.id for s in reply.suggestions]
        assert offered[0].startswith("plan-primero"), question
        assert "plan-segundo-cocreacion" in offered, question
    # Asked of the plan the entry is about, it answers.
    assert _reply("¿cómo se cocreó el segundo plan?") == ("answer", "plan-segundo-cocreacion")
    # The third plan's entry is meant for "what comes after the second plan".
    assert _reply("¿qué viene después del segundo plan?") == ("answer", "plan-tercero")
