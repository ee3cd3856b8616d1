"""Whether to answer outright: the confidence model and its letter-by-letter second opinion."""

from __future__ import annotations

from bot.config import Settings
from bot.services.answers import AnswerService
from knowledge.search import SearchIndex
from tests.conftest import shared_answers

# Written for these tests (not from a golden set): a long message that names its question.
CHATTY_DEADLINE = (
    "Saludos, soy periodista en Quito y necesito saber cuántos días tiene una institución para "
    "contestar un pedido de información pública, porque ya pasó una semana."
)


def test_a_long_message_about_a_deadline_is_answered_outright():
    reply = shared_answers().answer(CHATTY_DEADLINE)
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-plazo")


def test_the_answer_confidence_setting_decides_what_is_answered_outright():
    kb = shared_answers().kb
    strict = Settings(answer_confidence=0.99).thresholds
    service = AnswerService(kb, SearchIndex(kb, thresholds=strict))
    reply = service.answer(CHATTY_DEADLINE)
    assert reply.decision == "suggest"
    assert "acceso-plazo" in [s.id for s in reply.suggestions]
    # A question that is word for word one of an entry's phrasings is still answered.
    assert service.answer("que es el mri").entry_id == "mri-que-es"


def test_a_misspelt_question_resembles_its_entry_letter_by_letter_more_than_its_neighbours():
    index = shared_answers().index
    entries = ["veeduria-que-es", "silla-vacia", "rendicion-cuentas"]
    positions = [next(i for i, e in enumerate(index.kb.entries) if e.id == n) for n in entries]
    resembles = index.resemblance("q es una beeduria ciudadana", positions)
    assert resembles[0] > 2 * max(resembles[1:])


def test_the_confidence_is_reported_with_an_answer_and_grows_with_the_evidence():
    index = shared_answers().index
    vague = index.search("una consulta sobre informacion")
    clear = index.search(CHATTY_DEADLINE)
    assert clear.decision == "answer"
    assert clear.confidence >= index.thresholds.confidence > vague.confidence
