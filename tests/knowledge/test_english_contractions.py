"""English written as people type it in a chat: contractions without their apostrophe ("im",
"dont", "isnt"), a clause made only of question words ("…, how often?"), and an institution
asked about without its commitments being meant.

Every question here is written for the test, not taken from a golden set.
"""

from __future__ import annotations

import pytest

from bot.devtools.quality import outcome_of
from knowledge.commitments import CommitmentMatch
from knowledge.normalize import asks_only, words
from tests.conftest import shared_answers


def _tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, "en", fix_typos=True)[0]


def _answered(question: str) -> str | None:
    """The entry the question is answered with outright, if any."""
    outcome = outcome_of(shared_answers().answer(question))
    return outcome.entry if outcome.decision == "answer" else None


@pytest.mark.parametrize(
    "word",
    ["im", "ive", "dont", "doesnt", "didnt", "isnt", "arent", "cant", "thats", "theres"],
)
def test_a_contraction_typed_without_its_apostrophe_names_no_subject(word):
    assert _tokens(f"{word} transparency portal") == _tokens("transparency portal")


@pytest.mark.parametrize("word", ["am", "also", "some", "someone", "somebody"])
def test_a_pronoun_or_adverb_that_asks_nothing_is_dropped(word):
    assert _tokens(f"{word} transparency portal") == _tokens("transparency portal")


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("whats the grupo nucleo", "_que_es"),
        ("hows the fisheries commitment", "_estado"),
        ("wheres the transparency portal", "_donde"),
        ("whos the lead of the plan", "_quien"),
    ],
)
def test_a_question_word_typed_without_its_apostrophe_still_asks(typed, asked):
    assert asked in _tokens(typed)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("is there some way to take part in the next action plan", "plan-participar"),
        ("somebody told me the IRM evaluates the plans, what does it evaluate", "mri-que-es"),
        (
            "we cant get the municipio to give us the contracts, is there a court action",
            "acceso-accion-judicial",
        ),
        ("hasnt ecuador already got a third action plan", "plan-tercero"),
        ("dont they have to publish salaries", "acceso-sueldos-servidores"),
        ("I am also interested: who are the members of the grupo nucleo", "nucleo-integrantes"),
    ],
)
def test_a_chat_question_with_contractions_is_answered(question, entry):
    assert _answered(question) == entry


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        # "dont" counted as a word the IRM's entries never say, and the assistant's own entry
        # on what it does not know was answered outright.
        ("i dont understand what the IRM does", "mri-que-es"),
        ("doesnt the law say they must answer in 10 days?", "acceso-plazo"),
        ("im lost, what does OGP do exactly", "ogp-que-es"),
    ],
)
def test_a_contraction_no_longer_hides_the_subject(question, offered):
    outcome = outcome_of(shared_answers().answer(question))
    assert outcome.entry == offered or offered in outcome.choices
    assert outcome.decision != "answer" or outcome.entry == offered


@pytest.mark.parametrize(
    "clause", ["how often", "what about", "and when", "y cuando", "how many", "how often?"]
)
def test_a_clause_of_question_words_only_asks_nothing_alone(clause):
    assert asks_only(words(clause), "es" if clause.startswith("y ") else "en")


@pytest.mark.parametrize(
    "clause",
    [
        "how often does the core group meet",
        "how many commitments",
        "what about the media",
        # A long message's "¿de qué se trata?" is read as "¿qué es…?" of the story's subject.
        "podria explicarme de que se trata",
        "the transparency portal",
    ],
)
def test_a_clause_naming_something_is_more_than_question_words(clause):
    assert not asks_only(words(clause), "es" if "que" in clause.split() else "en")


def test_how_often_beside_the_subject_does_not_lead_to_the_entries_on_frequency():
    # "how often" alone used to be scored as a question of its own: its words led to the entries
    # that say "how often" (the action-plan cycle, the multi-stakeholder forum).
    question = "Who must carry out a rendición de cuentas, how often, and may citizens take part?"
    assert _answered(question) == "rendicion-cuentas-proceso"
    outcome = outcome_of(
        shared_answers().answer("Which bodies must carry out a rendición de cuentas, how often?")
    )
    assert "plan-ciclo" not in (outcome.entry, *outcome.choices)


@pytest.mark.parametrize(
    "question",
    [
        "what authority does the Defensoría del Pueblo have on access to information and "
        "transparency",
        "A friend says the Defensoría del Pueblo controls transparency in public bodies. What "
        "exactly does it do for access to information?",
        "Which powers does the Defensoría del Pueblo hold over transparency and access to "
        "information?",
        "¿La Defensoría del Pueblo es la que garantiza el acceso a la información pública y la "
        "transparencia?",
    ],
)
def test_an_institution_asked_about_gets_its_entry_rather_than_its_commitment(question):
    # The Defensoría's name and "transparencia" / "información pública" are words of its two
    # commitments' cards, but nothing asks for a commitment: the entry on it answers.
    assert _answered(question) == "acceso-defensoria"


@pytest.mark.parametrize(
    ("question", "commitment"),
    [
        ("How is the Defensoría del Pueblo's training commitment going?", "paga-1-c06"),
        ("what is the commitment of the Defensoría del Pueblo in the first plan", "paga-1-c06"),
        # Unasked for, and the entry not sure of itself (it says nothing of training).
        ("la defensoría del pueblo capacita a los funcionarios en transparencia?", "paga-1-c06"),
    ],
)
def test_a_commitment_asked_for_or_meant_still_gets_its_card(question, commitment):
    outcome = outcome_of(shared_answers().answer(question))
    assert outcome.decision == "commitments"
    assert commitment in outcome.commitments


def test_an_entry_is_about_an_institution_only_when_its_phrasings_name_it():
    answers = shared_answers()
    kb, index = answers.kb, answers.index
    about_dpe = [e.id for e in kb.entries if index.is_about(e, "Defensoría del Pueblo (DPE)")]
    assert about_dpe == ["acceso-defensoria"]
    # The portal's entry names the Defensoría that runs it, but is about the portal.
    portal = kb.entry("acceso-portal-transparencia")
    assert portal is not None
    assert not index.is_about(portal, "Defensoría del Pueblo de Ecuador (DPE)")
    sercop = "Servicio Nacional de Contratación Pública (SERCOP)"
    assert not any(index.is_about(e, sercop) for e in kb.entries)


def test_an_institution_unasked_for_yields_to_a_sure_entry_about_it():
    training = next(c for c in shared_answers().kb.commitments if c.id == "paga-1-c06")
    unasked = CommitmentMatch(
        kind="institution",
        commitments=(training,),
        institution="Defensoría del Pueblo",
        named_institution="Defensoría del Pueblo",
        mentioned=False,
    )
    assert not unasked.answers(True, 0.9, faq_about_institution=True)
    # Not when the entry is about something else, or none answers outright.
    assert unasked.answers(True, 0.9, faq_about_institution=False)
    assert unasked.answers(False, 0.5, faq_about_institution=True)
    # Not when the question says "compromiso", names a plan or asks how it is going.
    for asked in (
        CommitmentMatch(**{**unasked.__dict__, "mentioned": True}),
        CommitmentMatch(**{**unasked.__dict__, "asks_status": True}),
        CommitmentMatch(**{**unasked.__dict__, "within_plans": True}),
    ):
        assert asked.answers(True, 0.9, faq_about_institution=True)
