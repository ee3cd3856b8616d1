"""Which commitments a question about them gets."""

from __future__ import annotations

from tests.conftest import shared_answers


def _shown(question: str) -> list[str]:
    reply = shared_answers().answer(question)
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    return [c.id for c in reply.commitments.commitments]


def test_a_result_level_asked_of_one_named_commitment_shows_only_that_one():
    # Both public procurement and the gender-violence observatory were rated outstanding.
    assert _shown("que compromisos tuvieron resultados sobresalientes") == [
        "paga-1-c03",
        "paga-1-c07",
    ]
    assert _shown("los resultados del compromiso de compras publicas fueron sobresalientes?") == [
        "paga-1-c03"
    ]
    assert _shown("el compromiso del observatorio tuvo resultados sobresalientes?") == [
        "paga-1-c07"
    ]
