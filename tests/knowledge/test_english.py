"""How English questions are read: Ecuador's institutions and laws by their English names,
English question words and fillers, and a weak English match offered as choices.

Every question here is written for the test, not taken from a golden set.
"""

from __future__ import annotations

import pytest

from knowledge.lexicon import shipped_lexicon
from knowledge.normalize import question_tokens, words
from knowledge.search import CONFIDENCE_SIGNALS, ENGLISH_NARROW_LEAD
from tests.conftest import shared_answers


def _tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, fix_typos=True)[0]


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("what is the national action plan", "plan de acción"),
        ("what does the ombudsperson do", "Defensoría del Pueblo"),
        ("who picks the comptroller", "Contraloría"),
        ("how do we start a citizen watchdog group", "veeduría ciudadana"),
        ("ecuador's data privacy law", "ley de protección de datos personales"),
        ("the freedom of information act", "ley de transparencia"),
        ("what the participation council does", "Consejo de Participación Ciudadana"),
        ("the data protection superintendency", "Superintendencia de Protección de Datos"),
        ("can an average citizen take part", "ciudadano común"),
    ],
)
def test_english_names_of_ecuadorian_bodies_and_laws_meet_their_spanish_ones(english, spanish):
    named = shared_answers().index.normalizer.tokens(spanish, "es")[0]
    assert len(named) == 1
    assert named[0] in _tokens(english)


@pytest.mark.parametrize(
    ("question", "token"),
    [
        ("what does the IRM mean", "_que_es"),
        ("what do veedurias stand for", "_que_es"),
        ("what does the term open state refer to", "_que_es"),
        ("number of commitments in the plan", "_cuanto"),
        ("how often is a plan made", "_cuanto"),
        ("which year did ecuador join", "_cuando"),
        ("how come the plan was reprogrammed", "_porque"),
        ("any update on the fisheries commitment", "_estado"),
        ("what counts as a public record", "_que_es"),
        ("what qualifies as personal data", "_que_es"),
        ("which months do mayors report", "_cuando"),
        ("which agency runs the transparency portal", "_quien"),
        ("what institution leads open government here", "_quien"),
    ],
)
def test_english_question_words_become_question_tokens(question, token):
    assert token in question_tokens(words(question))


def test_a_split_question_phrase_needs_its_closing_words_near_its_opening():
    assert "_que_es" not in question_tokens(words("what does the IRM do"))
    far = "what does the council of the province of pichincha in ecuador mean"
    assert "_que_es" not in question_tokens(words(far)), "more than six words between"


def test_english_courtesy_is_dropped_like_the_spanish():
    assert _tokens("quick question, sorry: what is the lotaip? cheers") == _tokens(
        "what is the lotaip"
    )


@pytest.mark.parametrize(
    "clause",
    [
        "I volunteer with an environmental NGO in the Amazon",
        "we are a small team of researchers",
        "just moved to Cuenca from Canada",
        "our organization works on water rights",
        "I came across your channel last night",
        "I just found this chat through a friend",
        "my host family in Loja keeps mentioning it",
    ],
)
def test_an_english_clause_telling_the_writers_situation_is_context(clause):
    assert shipped_lexicon().opens_context(words(clause))


def test_an_english_topic_frame_introduces_the_subject():
    subjects = shipped_lexicon().subjects_of(
        words("could you tell me what the empty chair is because my class asked")
    )
    assert subjects == [["what", "the", "empty", "chair", "is"]]


def test_a_question_naming_the_irms_scale_is_not_answered_with_the_completed_commitments():
    reply = shared_answers().answer(
        "How does the IRM assess whether a commitment was completed? Is there a scale?"
    )
    assert reply.decision != "commitments"


def test_the_environment_commitment_of_a_plan_is_found_by_its_english_name():
    reply = shared_answers().answer(
        "is there a commitment about the environment in the second plan?"
    )
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == ["paga-2-ambiental"]


def _signals(lead: float, resemblance_lead: float) -> tuple[float, ...]:
    values = dict.fromkeys(CONFIDENCE_SIGNALS, 0.5)
    values.update(lead=lead, resemblance_lead=resemblance_lead)
    return tuple(values[name] for name in CONFIDENCE_SIGNALS)


def test_an_english_question_whose_two_opinions_split_on_a_narrow_lead_is_offered_choices():
    index = shared_answers().index
    narrow, wide = ENGLISH_NARROW_LEAD / 2, ENGLISH_NARROW_LEAD * 2
    english = "how many commitments does the plan have"
    assert index.opinions_split(english, _signals(narrow, -0.02))
    assert not index.opinions_split(english, _signals(wide, -0.02)), "a clear lead is evidence"
    assert not index.opinions_split(english, _signals(narrow, 0.02)), "both opinions agree"
    spanish = "cuántos compromisos tiene el plan"
    assert not index.opinions_split(spanish, _signals(narrow, -0.02)), "Spanish keeps its rule"


def test_a_narrow_english_lead_that_another_entry_resembles_more_is_not_answered_outright():
    reply = shared_answers().answer(
        "how many commitments does Ecuador's second national action plan have?"
    )
    assert reply.decision != "answer" or reply.entry_id == "plan-segundo-compromisos"


def test_a_topic_frame_with_a_contraction_is_read_as_the_message_is():
    """ "I'd" folds to "i d", and "d" is the chat spelling of "de": the frame is read so too."""
    from knowledge.normalize import expand_sms

    subjects = shipped_lexicon().subjects_of(
        list(expand_sms(words("I'd like to know who runs the IRM because I'm curious")))
    )
    assert subjects == [["who", "runs", "the", "irm"]]


def test_a_question_about_another_countrys_city_is_not_answered_from_an_entry():
    reply = shared_answers().answer("where can I download the open data of London's buses?")
    assert reply.decision != "answer"


def test_how_the_writer_found_the_bot_does_not_hide_what_they_ask():
    reply = shared_answers().index.search(
        "so what can you help me with? I came across this chat in a forum for travellers"
    )
    assert reply.decision == "answer"
    assert reply.matches[0].entry.id == "asistente-que-hace"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("can a town be a member of the open government partnership or just nations", "ogp-local"),
        (
            "could I take the ministry before a judge for denying me public records",
            "acceso-accion-judicial",
        ),
        ("what can an average person do for open government", "ga-ciudadano"),
        ("does the bot send alerts when a commitment is updated", "asistente-seguimiento"),
    ],
)
def test_common_english_ways_of_asking_are_answered(question, entry_id):
    result = shared_answers().index.search(question)
    assert result.decision == "answer"
    assert result.matches[0].entry.id == entry_id


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        (
            "My aunt keeps talking about a veeduría for the school repairs. What is that?",
            "veeduria-que-es",
        ),
        (
            "Everyone at work was talking about the Grupo Núcleo this week. What is it exactly?",
            "nucleo-que-es",
        ),
        (
            "Mi tía habla todo el tiempo de la veeduría de la escuela. ¿Qué es eso?",
            "veeduria-que-es",
        ),
    ],
)
def test_a_question_that_only_asks_points_back_at_the_subject_named_before(message, entry_id):
    result = shared_answers().index.search(message)
    assert result.decision == "answer"
    assert result.matches[0].entry.id == entry_id


def test_what_happened_asks_for_the_status_without_being_a_topic_word():
    reply = shared_answers().answer(
        "so what happened to the open data platform for public contracts in the first plan"
    )
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    assert [c.id for c in reply.commitments.commitments] == ["paga-1-c03"]


def test_should_is_a_stop_word_like_would_and_could():
    assert _tokens("what should a commitment include") == _tokens("what would a commitment include")


def test_still_names_no_topic():
    assert _tokens("is the third plan still being drafted") == _tokens(
        "is the third plan being drafted"
    )


@pytest.mark.parametrize(
    ("code", "commitment"), [("EC0001", "paga-1-c01"), ("ec0020", "paga-2-ec0020")]
)
def test_an_ogp_code_is_never_corrected_into_another_code(code, commitment):
    reply = shared_answers().answer(f"what is {code}")
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    assert [c.id for c in reply.commitments.commitments] == [commitment]


def test_what_is_left_of_an_english_contraction_is_no_word():
    assert _tokens("I'm asking what they're doing with the LOTAIP") == _tokens(
        "I asking what they doing with the LOTAIP"
    )


def test_asking_for_plain_words_names_no_subject():
    assert _tokens("the lotaip in plain words") == _tokens("the lotaip")
    assert _tokens("the irm in a nutshell") == _tokens("the irm")


@pytest.mark.parametrize(
    ("question", "commitment"),
    [
        ("did the ministry of the environment lead a commitment", "paga-1-c04"),
        ("the commitment run by the secretariat for human rights", "paga-1-c07"),
    ],
)
def test_a_lead_institution_named_in_english_finds_its_commitment(question, commitment):
    reply = shared_answers().answer(question)
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    assert [c.id for c in reply.commitments.commitments] == [commitment]


def test_regarding_introduces_the_subject_asked_about():
    subjects = shipped_lexicon().subjects_of(
        words("regarding the empty chair: can anyone sit there or only leaders")
    )
    assert subjects and subjects[0][:3] == ["the", "empty", "chair"]


@pytest.mark.parametrize(
    "message",
    [
        "cheers mate",
        "howdy",
        "is anyone there?",
        "are you a real human?",
        "who created you?",
        "no worries",
        "have a nice day",
        "is this a bot?",
    ],
)
def test_english_small_talk_is_small_talk_not_an_entry(message):
    reply = shared_answers().answer(message)
    assert reply.decision == "smalltalk"


@pytest.mark.parametrize(
    ("question", "commitment"),
    [
        ("anything on mining in the commitments", "paga-1-c05"),
        ("the commitment about paperwork for citizens", "paga-1-c09"),
    ],
)
def test_a_commitment_named_by_its_english_subject_is_found_alone(question, commitment):
    reply = shared_answers().answer(question)
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    assert [c.id for c in reply.commitments.commitments] == [commitment]
