"""Whether to answer outright: the confidence model and its letter-by-letter second opinion."""

from __future__ import annotations

import dataclasses

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


def test_spanish_alternates_do_not_dilute_an_english_question_about_their_entry():
    # Written for this test: an entry that gains many Spanish phrasings keeps answering an
    # English question about it about as confidently (its English phrasings are read alone too).
    kb = shared_answers().kb
    question = "what court action exists when access to information is denied"
    entry = kb.entry("acceso-accion-judicial")
    assert entry is not None
    spanish = entry.alternates.es
    more = [
        *spanish,
        *(f"{a} en el ecuador" for a in spanish),
        *(f"quisiera saber {a}" for a in spanish),
    ]
    heavy = entry.model_copy(
        update={"alternates": entry.alternates.model_copy(update={"es": more})}
    )
    heavier_kb = dataclasses.replace(
        kb, entries=[heavy if e.id == entry.id else e for e in kb.entries]
    )
    before = SearchIndex(kb).search(question)
    after = SearchIndex(heavier_kb).search(question)
    assert before.decision == after.decision == "answer"
    assert after.top is not None and after.top.entry.id == entry.id
    assert after.confidence > before.confidence - 0.05


def test_a_message_mixing_spanish_into_english_is_read_in_both_languages():
    index = shared_answers().index
    assert index.sure_language("what is the empty chair in local governments") == "en"
    assert index.sure_language("¿qué es la silla vacía en los gobiernos locales?") == "es"
    assert index.sure_language("what is the silla vacía de los gobiernos locales") is None


def test_a_spanish_word_in_an_english_question_is_stemmed_as_spanish():
    # Written for this test: "participación ciudadana" has no English phrasing to meet as the
    # English stemmer reads it; read as Spanish, it meets the Spanish phrasings' stem.
    index = shared_answers().index
    tokens, language = index.normalizer.tokens("what is participacion ciudadana", fix_typos=True)
    assert language == "en"
    assert "particip" in tokens
    reply = shared_answers().answer("what is participacion ciudadana")
    assert (reply.decision, reply.entry_id) == ("answer", "pilar-participacion")
