"""Long, chatty messages: the question found inside greetings, a story and courtesy.

Every message here was written for these tests in a citizen's voice (none comes from a golden set).
"""

from __future__ import annotations

import pytest

from knowledge.lexicon import read_lexicon
from tests.conftest import edited_lexicon, shared_answers


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # The subject sits in "un deber sobre X"; "no encontramos nada…" and "me ayuda" are not it.
        (
            "hola buenas noches, mi hija tiene que hacer un deber sobre los pilares del gobierno "
            "abierto y no encontramos nada en internet, me ayuda porfa",
            "pilares-cuales",
        ),
        (
            "buenas tardes licenciado, disculpe que le moleste a esta hora, tengo que dar una "
            "charla sobre la silla vacia en mi barrio el sabado y quisiera tener las ideas "
            "claras, me ayuda?",
            "silla-vacia",
        ),
        # "Queremos saber X": the first person plural asks as "quiero saber" does.
        (
            "Buenas, somos un grupo de jóvenes de la parroquia y hacemos radio comunitaria los "
            "sábados. Queremos saber qué es la rendición de cuentas porque el alcalde va a "
            "presentar la suya.",
            "rendicion-cuentas",
        ),
    ],
)
def test_a_long_message_naming_its_subject_in_a_story_is_answered_outright(message, entry_id):
    reply = shared_answers().answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_a_framed_subject_yields_to_the_question_asked_about_it():
    reply = shared_answers().answer(
        "hola, tengo una tarea sobre los pilares del gobierno abierto, que significa el pilar "
        "de colaboracion?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "pilar-colaboracion")


@pytest.mark.parametrize(
    "message",
    [
        "saludos, tengo una empresa pequeña y quiero saber cómo declaro el impuesto a la renta "
        "en el SRI, ¿qué tengo que hacer y cuánto demora?",
        "hola, tengo un carro con multas de tránsito y quiero saber cómo impugno las citaciones "
        "en la agencia, ¿qué tengo que hacer y cuánto demora?",
    ],
)
def test_a_long_message_about_another_procedure_is_not_answered_by_its_how_long(message):
    # "¿cuánto demora?" fits the deadline for an information request, but the citizen said
    # what it is about: something the knowledge base does not cover.
    reply = shared_answers().answer(message)
    assert not reply.confident, reply.entry_id


def test_a_place_named_in_the_subject_does_not_make_it_another_subject():
    reply = shared_answers().answer(
        "necesito informacion sobre como presentar una queja en la defensoria del pueblo de Machala"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-defensoria")


def test_the_topic_frames_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon

    edited = edited_lexicon(
        tmp_path, "  es: [un deber sobre,", "  es: [una ponencia sobre, un deber sobre,"
    )
    said = "mi jefe me pidio una ponencia sobre la silla vacia pero no se nada".split()
    assert read_lexicon(edited).subjects_of(said) == [["la", "silla", "vacia"]]
    assert read_lexicon().subjects_of(said) == []
    # Two frames in one clause: two subjects.
    said = "tengo una tarea sobre la lotaip y necesito saber cuando se aprobo".split()
    assert read_lexicon().subjects_of(said) == [["la", "lotaip"], ["cuando", "se", "aprobo"]]
    edited = edited_lexicon(
        tmp_path, "  es: [un deber sobre,", "  es: [Una Ponencia sobre, un deber sobre,"
    )
    where = "lexicon: long_message_subject_frames.es"
    assert [p.message for p in _check_lexicon(edited)] == [
        f"{where}: '{word}' is not folded (lowercase letters/digits)"
        for word in ("Una", "Ponencia")
    ]


def test_a_message_that_opens_with_its_question_is_answered_by_that_question():
    # The question first, then a story around it that names nothing the question is about.
    reply = shared_answers().answer(
        "¿Qué es la silla vacía? Le explico: en la reunión del barrio alguien la mencionó y nos "
        "quedamos todos con la duda, nadie supo decir nada y yo quedé mal con mis vecinos."
    )
    assert (reply.decision, reply.entry_id) == ("answer", "silla-vacia")


def test_a_clause_opens_with_a_question_only_when_its_first_words_ask():
    from knowledge.normalize import opens_with_question

    assert opens_with_question(["que", "es", "la", "silla", "vacia"])
    assert opens_with_question(["how", "many", "plans"])
    assert not opens_with_question(["la", "silla", "vacia", "que", "es"])
    assert not opens_with_question([])
