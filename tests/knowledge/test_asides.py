"""A clear question beside an aside, a joke or a complaint, and a short "¿qué es X?" after a
self-introduction: the clause that asks is read apart from the rest even in a short message.

Every message here was written for these tests in a citizen's voice (none comes from a golden set).
"""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from tests.conftest import shared_answers


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # The question word after the subject ("X esa q es"), then a complaint that asks too.
        ("la silla vacia esa q es, pa q sirve aparte de hacer perder el tiempo", "silla-vacia"),
        ("la lotaip esa q es, pa q sirve aparte de llenar papeles", "lotaip-que-es"),
    ],
)
def test_a_clear_question_beside_a_complaint_is_answered_outright(service, message, entry_id):
    reply = service.answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        ("Soy dirigente barrial en Portoviejo. ¿Qué es la LOTAIP?", "lotaip-que-es"),
        ("Trabajo en una junta parroquial. ¿Qué es una veeduría?", "veeduria-que-es"),
        ("Soy estudiante. ¿Qué es el MRI?", "mri-que-es"),
        # A longer introduction (up to the long length) before a "¿qué es X?".
        ("Trabajo como chofer de bus interprovincial. ¿Qué es una veeduría?", "veeduria-que-es"),
        ("Soy técnico de una ONG ambiental. ¿Qué es el grupo núcleo?", "nucleo-que-es"),
    ],
)
def test_a_whole_question_after_a_self_introduction_is_the_message(service, message, entry_id):
    reply = service.answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    "message",
    [
        # The introduction names a subject of its own: the citizen may mean either.
        "Soy concejal en una veeduría. ¿Qué es el MRI?",
        "Soy miembro de una veeduria en Quito. ¿Qué es la silla vacía?",
        # The other clause asks about something outside the knowledge base.
        "que es el mri, y cuanto cuesta la visa",
        "que es la lotaip, y cuanto cuesta el pasaporte",
    ],
)
def test_a_clause_naming_another_subject_is_not_dropped_as_an_aside(service, message):
    assert service.answer(message).decision != "answer"


def test_what_an_aside_is():
    index = shared_answers().index
    parts = ["la silla vacia esa q es", "pa q sirve aparte de hacer perder el tiempo"]
    assert index._asides(parts[0], parts, {}, "es")
    # A word an entry is about ("veeduría") is a subject, not an aside.
    parts = ["la silla vacia esa q es", "y la veeduria como va"]
    assert not index._asides(parts[0], parts, {}, "es")
    # A question mostly in words the knowledge base never uses asks about something else.
    parts = ["que es el mri", "y donde saco el pasaporte en guayaquil"]
    assert not index._asides(parts[0], parts, {}, "es")
    # A clause a topic frame introduces names the subject.
    parts = ["que es eso", "tengo una tarea sobre la silla vacia"]
    assert not index._asides(parts[0], parts, {parts[1]: "silla vacia"}, "es")


def test_a_question_after_a_self_introduction_is_never_an_exact_phrasing():
    # So that the confidence model and the other-subject checks still read the message.
    result = shared_answers().index.search("Soy estudiante. ¿Qué es el MRI?")
    assert result.decision == "answer"
    assert result.confidence > 0.0
