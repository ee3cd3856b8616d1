"""Question words that ask nothing: a "donde" or "quien" opening a relative clause after a noun
("el hospital donde trabajo", "la persona quien me atendió") and "por qué medio", which asks how,
not why. Their accents are lost in chat and in folding, so the words alone do not tell.

Every message here was written for these tests in a citizen's voice (none comes from a golden set).
"""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from knowledge.normalize import Normalizer, question_tokens, words
from tests.conftest import shared_answers

_NORMALIZER = Normalizer()


def _asked(message: str) -> list[str]:
    tokens = _NORMALIZER.tokens(message, fix_typos=True)[0]
    return [token for token in tokens if token.startswith("_")]


@pytest.mark.parametrize(
    "message",
    [
        "en el hospital donde trabajo no publican nada",
        "la oficina donde pedí la información nunca respondió",
        "el municipio donde vivo no tiene veeduría",
        "la escuela donde estudio quiere hacer una veeduría",
        "el colegio donde estudié no rinde cuentas",
        "la parroquia donde nací tiene una junta",
        "la ventanilla donde presenté el pedido ya cerró",
        "la institución donde solicité los datos me ignoró",
        "la página donde pregunté no contesta",
        "el barrio donde vivimos no tiene agua",
        "en la oficina donde me atendieron se negaron a darme el informe",
        "el sitio donde denuncié el caso no da respuesta",
        "la empresa donde trabajaba no publica sus contratos",
        "el cantón donde vivía tenía presupuesto participativo",
        "la ciudad donde crecí no tiene silla vacía",
        "el correo donde me respondieron estaba vacío",
    ],
)
def test_donde_after_a_noun_before_what_the_citizen_did_asks_no_place(message):
    assert "_donde" not in _asked(message), message


@pytest.mark.parametrize(
    "message",
    [
        "la persona quien me atendió no sabía de la lotaip",
        "el funcionario quien me negó la información",
        "la compañera quien nos atendió dijo que no hay datos",
        "el técnico quien me respondió no firmó",
    ],
)
def test_quien_after_a_noun_before_what_was_done_asks_no_person(message):
    assert "_quien" not in _asked(message), message


@pytest.mark.parametrize(
    "message",
    [
        "por qué medio puedo pedir información pública",
        "por que via presento una solicitud de acceso",
        "por qué canal se denuncia a un funcionario",
        "por que forma participo en el plan",
        "por qué medios se publican los avances",
    ],
)
def test_por_que_medio_asks_how_not_why(message):
    asked = _asked(message)
    assert "_como" in asked and "_porque" not in asked, (message, asked)


@pytest.mark.parametrize(
    ("message", "token"),
    [
        # Where the word asks, with or without its accent, it stays a question.
        ("dónde pido información pública", "_donde"),
        ("donde trabajo el tema de la veeduria", "_donde"),
        ("no sé dónde pedí el informe", "_donde"),
        ("dime dónde trabaja el comité", "_donde"),
        ("sabes donde vivo tengo que pedir", "_donde"),
        ("y donde presento el reclamo", "_donde"),
        ("en dónde queda la oficina", "_donde"),
        ("a donde voy para pedir los datos", "_donde"),
        ("la oficina donde se entrega la solicitud", "_donde"),
        ("el plan de gobierno abierto donde esta", "_donde"),
        ("quién me atendió ayer", "_quien"),
        ("no sé quien me atendió", "_quien"),
        ("quien firmó el plan", "_quien"),
        ("el plan quien lo firmó", "_quien"),
        ("la lotaip quien dijo que es obligatoria", "_quien"),
        ("por qué no cumplieron el compromiso", "_porque"),
        ("por que medir los avances", "_porque"),
        ("cómo puedo pedir información", "_como"),
    ],
)
def test_a_question_word_that_asks_stays_a_question(message, token):
    assert token in _asked(message), message


def test_question_tokens_reads_the_relative_clause_from_the_raw_words():
    assert question_tokens(words("el hospital donde trabajo")) == []
    assert question_tokens(words("donde trabajo")) == ["_donde"]
    assert question_tokens(words("la persona quien me atendio")) == []
    assert question_tokens(words("por que medio")) == ["_como"]


def test_comparisons_with_como_ask_nothing():
    for told in ("tan rápido como el otro plan", "trabajo como voluntario en la parroquia"):
        assert "_como" not in _asked(told), told


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


def _first(reply) -> str | None:
    if reply.decision == "answer":
        return reply.entry_id
    return reply.suggestions[0].id if reply.suggestions else None


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # What the citizen tells about the office is no question of where to ask.
        ("la oficina donde pedí la información no respondió", "acceso-negativa"),
        ("el hospital donde trabajo no publica, cómo pido información", "acceso-como-solicitar"),
        # Where the citizen does ask where, the word still asks.
        ("dime donde pido informacion", "acceso-como-solicitar"),
        ("dónde pido información pública", "acceso-como-solicitar"),
    ],
)
def test_a_relative_donde_leaves_the_answer_to_what_is_asked(service, message, entry_id):
    reply = service.answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # "por qué medio" asks how to ask, not who may ("acceso-quien-puede" was answered).
        ("¿por qué medio puedo pedir información pública?", "acceso-como-solicitar"),
        ("por qué canal participo en el plan de gobierno abierto", "ga-ciudadano"),
    ],
)
def test_por_que_medio_leads_to_the_entry_on_how(service, message, entry_id):
    reply = service.answer(message)
    assert reply.decision in ("answer", "suggest"), message
    assert _first(reply) == entry_id, message
