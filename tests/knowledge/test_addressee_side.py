"""Which side of a data or request subject a message is addressed to (lexicon ``data_holders``,
``assistant_here``, ``own_data``, ``assistant_keeps``; ``Searcher._addressee_first``).

A message naming an institution or another party that holds the data or receives the request,
and not speaking to the assistant, is about that institution's side: the assistant's own entries
("borrar lo que escribí aquí", "qué datos guarda") step back behind the entry on exercising the
right or filing the request. A message spoken to the assistant about the citizen's own data
prefers the assistant's entry. Probes written for this test, never from golden sets; questions
outside the scope (a shop's advertising, a bank's app) stay rejected.
"""

from __future__ import annotations

import pytest

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers

INSTITUTION_SIDE = [
    {"q": "necesito que el hospital me muestre que datos mios tiene", "id": "lopdp-ejercer"},
    {"q": "como hago para que el banco borre mis datos", "id": "lopdp-ejercer"},
    {"q": "How do I ask a ministry to delete my personal data?", "id": "lopdp-ejercer"},
    {
        "q": "how can my business ask the municipality for public records",
        "id": "acceso-como-solicitar",
    },
    {
        "q": "como presento una solicitud de informacion al ministerio de salud",
        "id": "acceso-como-solicitar",
    },
]
ASSISTANT_SIDE = [
    {"q": "que informacion mia guardas tu", "id": "asistente-datos"},
    {"q": "what data do you keep about me", "id": "asistente-datos"},
    {"q": "borra lo que te escribi y mis datos", "id": "asistente-borrar-datos"},
]
OUT_OF_SCOPE = [
    "la tienda me manda publicidad todos los dias",
    "como descargo la app del banco",
    "que promociones tiene el supermercado",
    "el banco no me deja entrar a su aplicacion",
]


@pytest.mark.parametrize("probe", INSTITUTION_SIDE, ids=lambda p: p["q"][:50])
def test_a_request_to_an_institution_gets_the_institution_side(probe):
    assert probe_verdict(probe) == "right"


@pytest.mark.parametrize("probe", ASSISTANT_SIDE, ids=lambda p: p["q"][:50])
def test_own_data_asked_of_the_assistant_gets_its_entry(probe):
    assert probe_verdict(probe) == "right"


def test_own_data_asked_of_the_assistant_offers_its_entry_first():
    outcome = outcome_of(shared_answers().answer("que datos mios tienes guardados"))
    assert (outcome.entry or outcome.choices[0]) == "asistente-datos"


def test_a_question_on_rights_framed_to_the_assistant_stays_on_the_rights():
    probe = {"q": "puedes explicarme que derechos tengo sobre mis datos", "id": "lopdp-derechos"}
    assert probe_verdict(probe) == "right"


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_a_shop_or_bank_matter_stays_rejected(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"
