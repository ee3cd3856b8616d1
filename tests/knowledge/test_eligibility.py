"""Who may ask for public information: the frames of eligibility ("¿hay que ser…?", "¿es solo
para…?", "sin ser…", "do I have to be…", lexicon ``question_words._elegible``) lead to the entry
on who may ask, while a question on how to ask stays on the how-to entry; a request "dirigida a"
an institution is one presented to it, not one led (``stem_exceptions``). Probes written for this
test, not taken from a golden set."""

from __future__ import annotations

import pytest

from tests.conftest import shared_answers


@pytest.mark.parametrize(
    "question",
    [
        "¿Hay que ser abogado para pedir información pública?",
        "¿Sin ser profesional puedo pedir información a la alcaldía?",
        "¿Un colectivo barrial sin registro legal puede pedir información?",
        "¿Cualquier ciudadano puede pedir información o solo los periodistas?",
        "Is it only journalists who can ask for public information?",
        # Whether a kind of requester may ask ("¿una fundación puede…?"), not how it asks.
        "¿Una fundación puede pedir información pública a un ministerio?",
        "¿Las organizaciones pueden pedir información pública?",
        "Can an NGO request public information from a ministry?",
    ],
)
def test_an_eligibility_question_is_answered_with_who_may_ask(question):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-quien-puede")


@pytest.mark.parametrize(
    "question",
    [
        "¿Cómo presento una solicitud de información?",
        "¿Cómo puede una empresa pedir información pública?",
        "¿Cómo puede un extranjero presentar una solicitud de información?",
        "¿A qué autoridad va dirigido el pedido de información?",
    ],
)
def test_a_how_to_question_stays_on_how_to_ask(question):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-como-solicitar")


def test_a_request_addressed_to_someone_is_not_about_who_leads():
    reply = shared_answers().answer("¿A qué autoridad va dirigido el pedido de información?")
    assert reply.entry_id != "ecuador-coordinacion"
    led = shared_answers().answer("¿Quién dirige la Alianza para el Gobierno Abierto?")
    assert (led.decision, led.entry_id) == ("answer", "ecuador-coordinacion")


@pytest.mark.parametrize(
    "question",
    [
        "¿Un extranjero puede pedir información a la prefectura?",
        "¿Los extranjeros pueden solicitar datos públicos?",
        "Soy de Cuba y vivo en Manta: ¿un ciudadano extranjero puede presentar un pedido?",
    ],
)
def test_a_foreign_requester_asks_whether_they_may(question):
    # Whether a foreigner may ask, like "¿una empresa puede…?": the who-may-ask entry's token.
    tokens, _ = shared_answers().index.normalizer.tokens(question, "es", fix_typos=True)
    assert "_elegible" in tokens
