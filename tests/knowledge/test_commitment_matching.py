"""Which commitments a question about them gets."""

from __future__ import annotations

import pytest

from knowledge.commitments import CommitmentMatch
from tests.conftest import shared_answers


def _shown(question: str) -> list[str]:
    reply = shared_answers().answer(question)
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    return [c.id for c in reply.commitments.commitments]


def test_a_result_level_asked_of_one_named_commitment_shows_only_that_one():
    # Both public procurement and the gender-violence observatory were rated outstanding.
    assert _shown("que compromisos tuvieron resultados sobresalientes") == [
        "paga-1-c03",
        "paga-1-c07",
    ]
    assert _shown("los resultados del compromiso de compras publicas fueron sobresalientes?") == [
        "paga-1-c03"
    ]
    assert _shown("el compromiso del observatorio tuvo resultados sobresalientes?") == [
        "paga-1-c07"
    ]


def test_whether_one_named_commitment_was_fulfilled_shows_its_card():
    # No completion levels are published; asked of one commitment, its card says what is known,
    # rather than the general note on completion levels with no card at all.
    assert _shown("y el compromiso de las compras publicas, si lo cumplieron al final?") == [
        "paga-1-c03"
    ]
    assert _shown("lo del observatorio de la violencia de genero se cumplio?") == ["paga-1-c07"]
    # Asked of the commitments in general, the note stays (no card is guessed at).
    assert _shown("cuales compromisos se cumplieron por completo?") == []


def test_what_a_citizen_asks_of_a_card_does_not_dilute_the_words_naming_the_commitment():
    answers = shared_answers()
    plain = answers.commitments.match("el compromiso de la pesca", answers.index.correct_typo)
    asked = answers.commitments.match(
        "el compromiso de la pesca: responsable, calificacion, fecha y logros",
        answers.index.correct_typo,
    )
    english = answers.commitments.match(
        "the fisheries commitment: lead, rating, launch date, results", answers.index.correct_typo
    )
    assert plain is not None and asked is not None and english is not None
    assert asked.coverage == plain.coverage
    assert [c.id for c in english.commitments] == [c.id for c in plain.commitments]


def test_how_many_commitments_a_plan_had_gets_the_entry_listing_them_not_the_cards_named():
    # The subjects named are examples of the plan's commitments; the count is the entry's.
    for question in (
        "Me acuerdo del compromiso de compras públicas y del de la pesca artesanal, pero "
        "¿cuántos compromisos había en total en el plan 1?",
        "how many commitments were in plan 1? I remember the fisheries one and the public "
        "procurement one",
    ):
        reply = shared_answers().answer(question)
        assert (reply.decision, reply.entry_id) == ("answer", "plan-primero-compromisos")
    # Asked which commitment, not how many, the card still answers.
    assert _shown("el compromiso de contratación pública del primer plan") == ["paga-1-c03"]


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        # Each commitment named before its plan; the second plan by name, the first by name.
        (
            "¿qué tienen en común el compromiso de pesca del segundo plan y el de licitaciones "
            "del primer plan?",
            ["paga-2-ec0020", "paga-1-c03"],
        ),
        # "…of the first": the ordinal alone names the other plan once one plan has been named.
        (
            "compare the fisheries commitment of the second plan with the procurement one of "
            "the first",
            ["paga-2-ec0020", "paga-1-c03"],
        ),
        # Each commitment named after its plan.
        (
            "en el primer plan, el compromiso de compras publicas; en el segundo, el de pesca: "
            "quién los lideró?",
            ["paga-1-c03", "paga-2-ec0020"],
        ),
    ],
)
def test_a_commitment_named_in_each_of_two_plans_shows_both_cards(question, shown):
    assert _shown(question) == shown


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        (
            "en el primer plan hubo un compromiso de compras publicas, cuantos procesos se "
            "publicaron?",
            ["paga-1-c03"],
        ),
        (
            "how many datasets did the open data portal redesign commitment of the first plan "
            "reach?",
            ["paga-1-c02"],
        ),
    ],
)
def test_a_figure_asked_of_one_commitment_gets_its_card_not_the_plans_list(question, shown):
    assert _shown(question) == shown
    # A count of the commitments themselves is what the plan's list tells.
    reply = shared_answers().answer("cuantos compromisos del primer plan eran de datos abiertos")
    assert (reply.decision, reply.entry_id) == ("answer", "plan-primero-compromisos")


def test_how_many_of_something_a_commitment_produced_gets_that_commitments_card():
    # "¿Cuántos conjuntos de datos…?" counts what the commitment made, not the plan's
    # commitments: the entry listing them does not answer it.
    assert _shown(
        "Trabajo con datos del Estado. Sé que el portal de datos abiertos se renovó con un "
        "compromiso del primer plan de gobierno abierto: ¿cuántos conjuntos de datos publicó y "
        "quién lo lideró?"
    ) == ["paga-1-c02"]
    # Counting the commitments themselves still gets the entry that lists them.
    reply = shared_answers().answer(
        "Del primer plan de gobierno abierto, ¿cuántos compromisos hubo sobre el portal de datos "
        "abiertos?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "plan-primero-compromisos")


def test_a_commitment_number_both_plans_have_is_narrowed_by_the_subject_named():
    # Both plans have a commitment 3; only the first plan's is on public procurement.
    assert _shown("¿de qué trata el compromiso 3 sobre compras públicas?") == ["paga-1-c03"]
    assert _shown("¿de qué trata el compromiso 3?") == ["paga-1-c03", "paga-2-c03"]


def test_a_count_of_commitments_at_a_result_level_gets_the_entry_telling_the_results():
    reply = shared_answers().answer(
        "cuantos compromisos del primer plan de accion tuvieron resultados sobresalientes "
        "segun el MRI"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "plan-primero-resultados")
    # Which ones, rather than how many, still gets their cards.
    assert _shown("que compromisos tuvieron resultados sobresalientes") == [
        "paga-1-c03",
        "paga-1-c07",
    ]


def test_a_completion_level_no_commitment_has_yet_leaves_the_answer_to_the_faq():
    # No completion levels are published for the second plan: an empty list of cards is no
    # answer when an entry answers the question.
    reply = shared_answers().answer("were the second plan commitments completed?")
    assert reply.decision == "answer", (reply.decision, reply.commitments)


def test_an_institution_and_its_commitments_subject_name_the_commitment_unasked():
    # The Defensoría's commitment in the second plan is its transparency portal.
    assert _shown("el portal de transparencia de la defensoria del pueblo") == ["paga-2-ec0016"]
    # The institution alone, asked about another matter, still gets the FAQ.
    reply = shared_answers().answer(
        "¿puedo quejarme en la Defensoría si no responden mi solicitud de información?"
    )
    assert reply.decision != "commitments"


def test_commitments_a_plan_and_a_named_subject_answer_however_long_the_story():
    justice = next(c for c in shared_answers().kb.commitments if c.id == "paga-2-justicia")
    # A long story leaves the commitment's words a small share of the message.
    diluted = CommitmentMatch(
        kind="topic",
        commitments=(justice,),
        coverage=0.1,
        mentioned=True,
        subject_named=True,
        within_plans=True,
    )
    assert diluted.answers(faq_answers=False, faq_score=0.5)
    # An entry that answers outright still needs the commitment to explain enough.
    assert not diluted.answers(faq_answers=True, faq_score=0.8)


# A commitment named by one word is not the subject when the question gives it another: whom it
# would be with or for, what it would do for the citizen, or the citizen's own "commitment".
@pytest.mark.parametrize(
    "question",
    [
        "¿el compromiso de pesca me da permiso para pescar?",
        "compromiso de la asamblea con los jubilados",
        "is my commitment to the gym a contract",
        "mi compromiso con el gimnasio es un contrato?",
        "¿el compromiso de la asamblea con los maestros se cumplió?",
        "¿qué compromiso tiene la asamblea con los discapacitados?",
        "¿el compromiso de pesca me sirve para sacar la licencia de pesca?",
        "¿el compromiso de contratación pública me ayuda a ganar un contrato?",
        "¿hay algún compromiso de la asamblea para los migrantes?",
        "¿el compromiso de pesca me obliga a vender mi bote?",
        "compromiso de contratacion con los taxistas",
    ],
)
def test_a_commitment_given_another_subject_is_not_answered_outright(question):
    assert shared_answers().answer(question).decision not in ("commitments", "answer")


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("¿quién financió el compromiso de pesca?", "paga-2-ec0020"),
        ("¿el compromiso de pesca tuvo presupuesto?", "paga-2-ec0020"),
        ("¿qué objetivos tenía el compromiso de la asamblea?", "paga-2-c04"),
        ("¿cuál era la meta del compromiso de contratación pública?", "paga-1-c03"),
        ("¿qué pasó con el compromiso de la asamblea?", "paga-2-c04"),
        ("¿cuándo terminó el compromiso de la asamblea?", "paga-2-c04"),
        ("¿me explicas el compromiso de la asamblea nacional?", "paga-2-c04"),
        ("¿tienes el enlace del compromiso de contratación pública?", "paga-1-c03"),
        ("who funded the fisheries commitment?", "paga-2-ec0020"),
        ("what were the goals of the open procurement commitment?", "paga-1-c03"),
        ("¿el compromiso de pesca beneficia a los pescadores artesanales?", "paga-2-ec0020"),
        ("¿el compromiso de la asamblea incluye a la sociedad civil?", "paga-2-c04"),
        ("¿me puedes decir cómo va el compromiso de pesca?", "paga-2-ec0020"),
        ("¿me das el link del compromiso de pesca?", "paga-2-ec0020"),
        ("quiero saber del compromiso de pesca para mi tesis", "paga-2-ec0020"),
        ("¿el compromiso de contratación pública sirve para ver en qué gasta el Estado?",
         "paga-1-c03"),
        ("¿el compromiso de pesca es con los pescadores?", "paga-2-ec0020"),
        ("¿cómo va el compromiso con los municipios este año?", "paga-2-c05"),
        ("how is the commitment with the municipalities doing", "paga-2-c05"),
    ],
)  # fmt: skip
def test_what_a_citizen_asks_of_a_commitment_still_gets_its_card(question, shown):
    assert _shown(question) == [shown]
