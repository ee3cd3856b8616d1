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
