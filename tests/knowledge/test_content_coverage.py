"""Facts from the research that only sat in an entry's detail or a source: a citizen asking for one,
in wording of our own, is shown it in the answer text (or in the commitment card's milestones)."""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from tests.conftest import shared_answers


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.mark.parametrize(
    ("question", "entry_id", "fact"),
    [
        # The law's exclusions (Consulegis summary) are now in the LOPDP answer itself.
        ("la ley de datos personales protege a los fallecidos?", "lopdp-que-es", "fallecidas"),
        ("la lopdp aplica a periodistas", "lopdp-que-es", "periodísticos"),
        ("does the lopdp cover anonymised data", "lopdp-que-es", "anonymised"),
        # Sectoral councils: the articles of the participation law that regulate them.
        ("que es un consejo ciudadano sectorial", "participacion-mecanismos", "52 a 55"),
        # The IRM's 2021 reading of the forum: public influence at the "collaboration" level.
        (
            "el foro multiactor de ecuador que nivel de influencia tuvo el publico",
            "plan-foro-multiactor",
            "colaboración",
        ),
        ("what did the irm recommend", "plan-primero-resultados", "recommended"),
        # The open data portal's size in June 2022 (Secretaría Nacional de Planificación).
        ("how many datasets does ecuador's open data portal have", "ga-datos-abiertos", "590"),
    ],
)
def test_a_fact_once_only_in_the_detail_is_in_the_answer_text(service, question, entry_id, fact):
    reply = service.answer(question)
    assert (reply.decision, reply.entry.id if reply.entry else None) == ("answer", entry_id)
    assert fact in reply.entry.answer


def test_the_irm_recommendations_are_offered_with_the_first_plan_results(service):
    reply = service.answer("¿qué recomendó el MRI a Ecuador?")
    offered = [reply.entry.id] if reply.entry else [s.id for s in reply.suggestions]
    assert offered[0] == "plan-primero-resultados"
    entry = service.kb.entry("plan-primero-resultados")
    assert entry is not None
    assert "recomendó ampliar la representatividad del foro multiactor" in entry.answer.get("es")


def test_the_procurement_card_names_the_open_contracting_figures(service):
    question = "compras publicas abiertas del sercop: subio la participacion de proveedores?"
    reply = service.answer(question)
    assert reply.commitments is not None
    [commitment] = reply.commitments.commitments
    assert commitment.id == "paga-1-c03"
    assert any("17 %" in milestone.get("es") for milestone in commitment.milestones)


def test_a_question_asking_the_assistant_for_advice_on_a_private_plan_is_not_the_irms(service):
    # The IRM's recommendations answer questions about the IRM, not "what do you recommend".
    reply = service.answer("¿qué pasos me recomiendas para armar un plan de ventas en mi tienda?")
    assert reply.entry is None or reply.entry.id != "plan-primero-resultados"
