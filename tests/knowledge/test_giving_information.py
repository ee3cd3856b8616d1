"""Probes for handing information over (fallback17 branch, 2026-12-04; written for this test,
not from golden sets).

The texts say "entregar información" and "dar información" alike; citizens also "brindan" or
"proporcionan" it. Read as one verb, a question asking which bodies must hand information over
meets the entry that says so, whatever verb it uses — and a question about giving something
else (a loan, a registration) stays unanswered.
"""

from __future__ import annotations

import pytest

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers


def _tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, "es", fix_typos=True)[0]


@pytest.mark.parametrize("verb", ["dar", "brindar", "proporcionar"])
def test_giving_information_is_handing_it_over(verb):
    assert _tokens(f"tienen que {verb} la informacion") == _tokens(
        "tienen que entregar la informacion"
    )


@pytest.mark.parametrize(
    "question",
    [
        "¿una empresa que recoge la basura por concesión también debe proporcionar información?",
        "los municipios tienen que brindar informacion publica?",
        "¿la universidad estatal esta obligada a proporcionar informacion?",
    ],
)
def test_a_body_that_must_hand_over_information_is_answered(question):
    assert probe_verdict({"q": question, "id": "acceso-sujetos-obligados"}) == "right"


@pytest.mark.parametrize(
    "question", ["¿Me pueden dar un préstamo en el banco?", "¿Dónde dan clases de baile gratis?"]
)
def test_giving_something_else_is_not_answered(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"
