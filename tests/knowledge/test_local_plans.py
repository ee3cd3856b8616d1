"""Local plans probes: a local government named as the owner of a plan or commitment.

Local governments (prefecturas, municipios, GAD, juntas parroquiales) draw up their own action
plans in OGP Local; Ecuador's national cards do not hold them. A question naming one as the
owner of a plan or commitment ("¿qué compromisos tiene el plan de la prefectura?") gets OGP
Local's entry on Ecuador's local members, which says where each local plan's commitments are;
a national commitment that concerns municipalities, or a municipality's accountability, keeps
its answer. Probes in local_plan_probes.yaml, written for this test, never from alternates nor
golden sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.lexicon import shipped_lexicon
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("local_plan_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["owner"], ids=lambda raw: raw["q"][:60])
def test_a_local_governments_plan_gets_the_ogp_local_entry(raw):
    reply = shared_answers().answer(raw["q"])
    assert reply.decision == "answer"
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("raw", PROBES["national"], ids=lambda raw: raw["q"][:60])
def test_a_national_commitment_on_municipalities_keeps_its_answer(raw):
    assert probe_verdict(raw) == "right"


def test_the_local_entry_says_where_a_local_plans_commitments_are():
    reply = shared_answers().answer(PROBES["owner"][0]["q"])
    assert reply.entry is not None
    assert "opengovpartnership.org/members/ecuador" in reply.entry.answer


@pytest.mark.parametrize(
    ("words", "owned"),
    [
        ("el plan de la junta parroquial", True),
        ("que compromisos tiene la prefectura", True),
        ("the city s open government commitments", True),
        ("el compromiso de fortalecer a los gad municipales", False),
        ("la rendicion de cuentas del municipio", False),
        ("el plan de la prefectura", True),
        ("la prefectura publica sus obras", False),
    ],
)
def test_only_a_local_government_owning_a_plan_counts(words, owned):
    assert shipped_lexicon().names_local_plan_owner(words.split()) is owned
