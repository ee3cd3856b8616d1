"""Two questions joined in one sentence ("¿Qué es la OGP y cómo funciona?"), read apart only
when neither half asks outside the scope: probes written for this test (joined_probes.yaml),
never from golden sets. Read apart, "¿Qué es la LOTAIP y cómo saco la cédula?" would answer the
law and drop the refusal of the identity card; the whole message keeps its refusal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import edited_lexicon, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("joined_probes.yaml")).read_text("utf-8"))
# Share of the in-scope probes answered outright and right (measured 2026-12-03: 17 of 20).
RIGHT_FLOOR = 0.8


def test_there_are_enough_probes():
    assert len(PROBES["out_of_scope"]) >= 40
    assert len(PROBES["in_scope"]) >= 20


@pytest.mark.parametrize("question", PROBES["out_of_scope"], ids=lambda q: q[-60:])
def test_a_joined_question_outside_the_scope_is_not_answered(question):
    reply = shared_answers().answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][-60:])
def test_a_joined_question_in_scope_is_never_answered_wrong(raw):
    reply = shared_answers().answer(raw["q"])
    if reply.confident:
        assert (reply.decision, reply.entry_id in raw["ids"]) == ("answer", True), reply.entry_id
    elif reply.decision == "suggest":
        assert not {s.id for s in reply.suggestions}.isdisjoint(raw["ids"])


def test_most_joined_questions_in_scope_are_answered_outright():
    replies = [(shared_answers().answer(raw["q"]), raw["ids"]) for raw in PROBES["in_scope"]]
    right = [r for r, ids in replies if r.decision == "answer" and r.entry_id in ids]
    assert len(right) / len(replies) >= RIGHT_FLOOR


@pytest.mark.parametrize(
    "message",
    [
        # Another institution's procedure (a referral), an opinion, another country, words of
        # a plainly off-topic subject: the sentence stays one question.
        "Hola, vivo en Quito y tengo una duda rápida. ¿Qué es la LOTAIP y cómo saco la cédula?",
        "Hola, vivo en Quito y tengo una duda rápida. ¿Qué es la OGP y qué opinas de ella?",
        "I teach civics in Ibarra and I prepare a class. What is the OGP and what do you think?",
        "Soy profesora y preparo una clase comparada. ¿Qué es la OGP y cómo funciona en Chile?",
        "Soy profesora y preparo una clase para mañana. ¿Qué es la veeduría y qué es el horóscopo?",
    ],
)
def test_a_sentence_asking_outside_the_scope_is_not_read_apart(message):
    index = shared_answers().index
    language = "en" if message.startswith("I ") else "es"
    assert len(index.asked_questions(message, language)) == 1


def test_no_sentence_is_read_apart_in_a_message_asking_about_another_country():
    # Another question of the message names Chile: the joined sentence stays one question.
    message = "Soy profesora y preparo una clase. ¿Qué es la OGP y cómo funciona? ¿Y en Chile?"
    assert len(shared_answers().index.asked_questions(message, "es")) == 2
    # A story that only tells where the citizen lives asks nothing outside.
    lives = "Vivo en Lima y doy clases en un colegio. ¿Qué es la OGP y cómo funciona?"
    assert len(shared_answers().index.asked_questions(lives, "es")) == 2


def test_a_follow_up_on_the_subject_is_still_read_apart():
    index = shared_answers().index
    message = "Soy profesora y preparo una clase de cívica. ¿Qué es la OGP y cómo funciona?"
    assert [asked for _, asked in index.asked_questions(message, "es")] == [
        "Qué es la OGP",
        "cómo funciona",
    ]


def test_the_opinion_phrases_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon
    from knowledge.lexicon import read_lexicon

    edited = edited_lexicon(tmp_path, "  es: [que opinas,", "  es: [Que opinas,")
    assert [p.message for p in _check_lexicon(edited)] == [
        "lexicon: opinion_asked.es: 'Que' is not folded (lowercase letters/digits)"
    ]
    lexicon = read_lexicon()
    assert lexicon.asks_an_opinion(["y", "que", "opinas", "de", "ella"])
    assert lexicon.asks_an_opinion(["what", "do", "you", "think"])
    assert not lexicon.asks_an_opinion(["como", "opino", "sobre", "el", "borrador"])


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # No story before it: the first half asks what something is, and its entry answers
        # (the second half's entry is offered beside it), where the whole sentence read as one
        # drifted to the entry on the second half, or split its words between two.
        ("¿Qué es el Grupo Núcleo y quiénes están en él?", "nucleo-que-es"),
        ("¿Qué es la rendición de cuentas y cuándo se hace?", "rendicion-cuentas"),
        ("¿Qué es el foro multiactor y quiénes lo integran?", "plan-foro-multiactor"),
        ("What is the IRM and who runs it?", "mri-que-es"),
    ],
)
def test_a_short_joined_question_answers_its_first_half(message, entry_id):
    reply = shared_answers().answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)
