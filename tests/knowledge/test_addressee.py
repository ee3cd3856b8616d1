"""Questions put to the assistant in the second person (addressee_probes.yaml, own wording).

"¿Pa qué sirves?" asks about the assistant; "¿qué haces si te niegan la información?" asks about
a denied request, with "tú" meaning anyone; "¿sabes qué es la LOTAIP?" asks what the LOTAIP is.
A wrong answer is worse than a fallback: no probe may be answered with another entry, no generic
"tú" may be answered with an entry about the assistant, and most probes must be answered right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import outcome_of
from knowledge.normalize import frames_the_question
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("addressee_probes.yaml")).read_text("utf-8"))
# Share of the assistant probes answered outright and right (measured 2026-12-02: 25 of 32;
# 18 on main before the rule; 2026-12-03, 7 more probes and the lone-suggestion rule: 31 of 39).
RIGHT_FLOOR = 0.75


@pytest.mark.parametrize("raw", PROBES["assistant"], ids=lambda raw: raw["q"][:60])
def test_a_question_to_the_assistant_is_never_answered_wrong(raw):
    assert probe_verdict(raw) != "wrong"


def test_most_questions_to_the_assistant_are_answered_right():
    verdicts = [probe_verdict(raw) for raw in PROBES["assistant"]]
    assert len(verdicts) >= 30
    assert verdicts.count("right") / len(verdicts) >= RIGHT_FLOOR


@pytest.mark.parametrize("raw", PROBES["not_assistant"], ids=lambda raw: raw["q"][:60])
def test_a_generic_you_is_not_answered_about_the_assistant(raw):
    reply = shared_answers().answer(raw["q"])
    answered = outcome_of(reply).entry if reply.decision == "answer" else None
    assert answered is None or not answered.startswith("asistente-")


@pytest.mark.parametrize(
    ("question", "about_the_assistant"),
    [
        ("pa q sirves", True),
        ("q guardas de mi", True),
        ("si no sabes q pasa", True),
        ("te la puedo mandar a ti", True),
        ("que haces si te niegan la informacion", False),
        ("sabes que es la lotaip", False),
        ("como haces una veeduria", False),
        ("que es la lotaip", False),
    ],
)
def test_the_second_person_names_the_assistant_only_without_another_subject(
    question, about_the_assistant
):
    index = shared_answers().index
    tokens, language = index.normalizer.tokens(question, fix_typos=True)
    assert index.asks_the_assistant(question, tokens, language) is about_the_assistant


def test_a_verb_of_knowing_frames_a_question_unless_it_is_denied():
    assert frames_the_question("sabes que es la lotaip".split(), 0)
    assert not frames_the_question("si no sabes que pasa".split(), 2)
    assert not frames_the_question("que sabes hacer".split(), 1)


def test_the_assistants_own_entry_alone_near_a_question_put_to_it_is_answered():
    # One of the assistant's entries alone near the question and clearly first: the citizen
    # gets the answer, not "¿Quiso decir…?" with one choice.
    reply = shared_answers().answer("¿compartes mis datos con alguien?")
    assert (reply.decision, reply.entry_id) == ("answer", "asistente-datos")
    # Two of its entries close together ("alertas": tracking or proposals?) stay a choice.
    assert shared_answers().answer("¿tú me puedes mandar alertas?").decision == "suggest"
    # A remark asks nothing, and a question on another office's procedure is not about it.
    for told in ("eres un bot inservible", "¿Puedes sacarme un turno para la cédula?"):
        assert not shared_answers().answer(told).confident, told
