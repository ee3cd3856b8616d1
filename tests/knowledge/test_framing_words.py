"""A word that frames a subject without being one, and the second person written onto a verb.

"En el marco de…" ("within") says where a subject is meant, not what it is: a question about
open data "en el marco del gobierno abierto" is not the entry on open government, and an unknown
"marco" no longer weighs against the entry asked about. "¿Puedo mandarte…?", "¿puede
escribirte…?" speak to the assistant as "¿te puedo mandar…?" does: the "te" is read apart from
the verb (``spanish_spellings``).
Written for branch wrong17 (2026-12-04), in our own words."""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from knowledge.search import SearchIndex
from tests.conftest import shared_answers


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.fixture(scope="module")
def index(service: AnswerService) -> SearchIndex:
    return service.index


@pytest.mark.parametrize(
    "question",
    [
        "¿cuándo se considera abierto un dato en el marco del gobierno abierto?",
        "en el marco de la OGP, ¿qué cuenta como dato abierto?",
        "¿qué datos se consideran abiertos en el marco de la OGP?",
    ],
)
def test_a_framing_word_does_not_give_the_question_another_entry(
    service: AnswerService, question: str
) -> None:
    reply = service.answer(question)
    assert not (reply.confident and reply.entry_id != "ga-datos-abiertos"), reply.entry_id
    # Answered, or offered first: never left without the entry asked about.
    first = reply.entry_id or (reply.suggestions[0].id if reply.suggestions else None)
    assert first == "ga-datos-abiertos", (reply.decision, first)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("puedo mandarte una idea", "puedo mandar te una idea"),
        ("mi abuela puede escribirte", "mi abuela puede escribir te"),
        ("quiero contarte algo", "quiero contar te algo"),
    ],
)
def test_te_written_onto_a_verb_is_read_apart(index: SearchIndex, written: str, read: str) -> None:
    def tokens(text: str) -> list[str]:
        return index.normalizer.tokens(text, "es", fix_typos=True)[0]

    assert tokens(written) == tokens(read)


@pytest.mark.parametrize(
    "question",
    ["¿puedo enviarte mi idea para mejorar el parque?", "quiero contarte un problema de mi barrio"],
)
def test_a_proposal_sent_to_the_assistant_gets_its_entry(
    service: AnswerService, question: str
) -> None:
    reply = service.answer(question)
    assert reply.confident and reply.entry_id == "asistente-proponer", reply.entry_id
