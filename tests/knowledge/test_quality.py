"""Answer quality as citizens see it, held to floors on sets never tuned on.

The headline is *answered outright and right*: a "¿Quiso decir…?" list is not an answer. The fresh
sets were written blind to the knowledge base and committed before tuning; ``fresh-never`` is
never tuned on, so its floors are the honest ones. The older sets stay as regression floors.
"""

from __future__ import annotations

import pytest

from bot.devtools.evaluate import (
    evaluate_baseline,
    evaluate_engine,
    load_golden,
    smalltalk_accuracy,
)
from bot.devtools.quality import GOLDEN_SETS, evaluate, load_items, outcome_of
from bot.services.answers import AnswerService
from tests.conftest import shared_answers

# Measured with `python -m bot kb eval`, rounded down a little so noise-free changes pass.
FLOORS = {
    # set: (answered outright and right ≥, answered outright but wrong ≤, out-of-scope rejected ≥)
    "fresh-never": (84.0, 4.5, 97.5),
    "fresh-tune": (91.5, 1.5, 98.0),
    "original": (92.0, 1.5, 98.5),
    "commitments": (89.5, 4.0, 86.0),
    # The second blind set: its holdout split is never tuned on, its tune split may be.
    "fresh2:holdout": (77.0, 8.5, 95.0),
    "fresh2:tune": (85.0, 4.5, 97.0),
}


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.fixture(scope="module")
def golden():
    return load_golden()


@pytest.mark.parametrize("name", list(FLOORS))
def test_answer_quality_meets_its_floor(service, name):
    right, wrong, rejected = FLOORS[name]
    set_name, _, split = name.partition(":")
    items = [i for i in load_items(GOLDEN_SETS[set_name]) if not split or i.split == split]
    tally, _ = evaluate(lambda q: outcome_of(service.answer(q)), items)
    assert tally.rate("right") >= right, tally.misses
    assert tally.rate("wrong") <= wrong, tally.misses
    assert tally.rejection >= rejected, tally.misses


@pytest.mark.parametrize("name", ["fresh-never", "fresh2"])
def test_the_blind_sets_are_large_and_written_as_citizens_write(name):
    items = load_items(GOLDEN_SETS[name])
    in_scope = [i for i in items if i.in_scope]
    assert len(in_scope) >= 250
    assert len(items) - len(in_scope) >= 80
    share = {s: sum(i.style == s for i in in_scope) / len(in_scope) for s in ("long", "english")}
    assert share["long"] >= 0.25 and share["english"] >= 0.15
    assert sum(i.style == "typos" for i in in_scope) / len(in_scope) >= 0.20
    assert sum(i.style == "short" for i in in_scope) / len(in_scope) >= 0.15


def test_every_golden_label_exists_in_the_knowledge_base(service):
    entries = {entry.id for entry in service.kb.entries}
    commitments = {c.id for c in service.kb.commitments}
    for name in GOLDEN_SETS:
        for item in load_items(GOLDEN_SETS[name]):
            if item.entry is not None:
                assert item.entry in entries, (name, item.question)
            assert set(item.commitments) <= commitments, (name, item.question)


def test_the_engine_ranks_far_better_than_the_naive_baseline(service, golden):
    engine = evaluate_engine(service.index, golden)
    baseline = evaluate_baseline(service.index, golden)
    assert engine.top1_accuracy > baseline.top1_accuracy + 50
    assert engine.confident_wrong < baseline.confident_wrong


def test_small_talk_is_recognised_and_never_answered_from_the_faq(service, golden):
    assert smalltalk_accuracy(service.index, golden) >= 80.0
    for item in golden["smalltalk"]:
        assert not service.index.search(item["q"]).confident, item["q"]


@pytest.mark.parametrize(
    "question",
    [
        "como saco mi pasaporte",
        "como saco la cedula",
        "como saco una cita en el iess",
        "cuanto cuesta renovar la licencia de conducir",
        "donde pago la matricula del carro",
        "how do i renew my passport",
    ],
)
def test_everyday_procedures_elsewhere_are_never_answered_outright(service, question):
    # Found by hand, not in the golden set: a rare shared verb ("sacar") used to win.
    assert not service.answer(question).confident


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("q es la aga??", "ogp-que-es"),
        ("que es el mri", "mri-que-es"),
        ("silla vacia", "silla-vacia"),
    ],
)
def test_a_question_that_is_exactly_an_entry_is_answered(service, question, entry_id):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    "question",
    [
        "quién es el presidente del Ecuador",
        "cuánto gana el presidente de la República",
        "who is the president of ecuador",
    ],
)
def test_the_head_of_state_is_not_the_presidency_that_runs_open_government(service, question):
    # Found by hand: "presidente" stemmed like "Presidencia", and a parish council president's
    # pay was an alternate of the salaries entry; the knowledge base answers neither question.
    assert not service.answer(question).confident


@pytest.mark.parametrize(
    ("question", "commitment_id"),
    [
        ("justicia abierta", "paga-2-justicia"),
        ("Municipios Abiertos", "paga-2-c05"),
        ("que es municipios abiertos", "paga-2-c05"),
    ],
)
def test_a_commitment_named_alone_gets_its_card_not_a_related_faq_entry(
    service, question, commitment_id
):
    reply = service.answer(question)
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == [commitment_id]


def test_a_status_question_naming_a_commitments_subject_gets_its_card(service):
    # Two of its subject words, far ahead of every other commitment, name it without
    # "compromiso", even among the context a citizen adds; the FAQ entry on open data does not
    # say how the policy went.
    reply = service.answer(
        "¿en qué quedó la política de datos abiertos que se iba a hacer junto con la "
        "sociedad civil?"
    )
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == ["paga-1-c01"]


@pytest.mark.parametrize(
    "question",
    [
        # "organizaciones" + "política" point at the electoral-data commitment as strongly as
        # "datos abiertos" + "política" at the open-data one: neither is named.
        "¿y en qué quedó esa política de datos abiertos que el gobierno iba a construir con "
        "organizaciones de la sociedad civil?",
        # One shared word ("datos abiertos") is not a commitment's subject.
        "¿cómo van los datos abiertos en el país?",
    ],
)
def test_a_status_question_sharing_a_word_with_several_commitments_names_none(service, question):
    assert service.answer(question).decision != "commitments"


def test_a_commitment_asked_for_by_its_ogp_code_gets_its_card(service):
    reply = service.answer("¿qué pasó con el EC0020?")
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == ["paga-2-ec0020"]


def test_a_question_about_the_results_scale_is_not_a_list_of_commitments(service):
    # Naming several levels of the IRM's early-results scale asks what the scale means.
    reply = service.answer(
        "no entiendo la diferencia entre resultados marginales, significativos y sobresalientes"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "mri-resultados-tempranos")


def test_an_institution_named_without_a_commitment_asked_for_is_not_its_commitment(service):
    # The Presidencia leads the red-tape commitment, but this asks who runs open government.
    reply = service.answer("y lo del gobierno abierto lo lleva la presidencia o quién?")
    assert (reply.decision, reply.entry_id) == ("answer", "ecuador-coordinacion")


@pytest.mark.parametrize(
    ("question", "commitment_id"),
    [
        (
            "Trabajo en la Defensoría del Pueblo. ¿Qué compromiso del segundo plan lideramos y "
            "qué instituciones nos acompañan?",
            "paga-2-ec0016",
        ),
        (
            "soy del ministerio del ambiente, que compromiso del segundo plan tenemos y con que "
            "instituciones",
            "paga-2-ambiental",
        ),
    ],
)
def test_the_institution_asked_about_is_not_overridden_by_one_generic_word(
    service, question, commitment_id
):
    # "instituciones" is in another commitment's title; one such word names no commitment.
    reply = service.answer(question)
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == [commitment_id]


def test_a_commitments_own_words_beat_an_faq_entry_sharing_some_of_them(service):
    # "innovación ciudadana" is also the collaboration pillar's subject, but the laboratory in
    # Riobamba is the first plan's commitment.
    reply = service.answer("info sobre el laboratorio de innovación ciudadana que hubo en Riobamba")
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == ["paga-1-c08"]


@pytest.mark.parametrize(
    ("question", "commitment_id"),
    [
        # A plan named and two words of one commitment's keyword ("política de datos abiertos").
        (
            "Quisiera saber quién lideró la política de datos abiertos que se elaboró en el "
            "primer plan y qué resultado tuvo, lo necesito para un informe de mi empresa",
            "paga-1-c01",
        ),
        ("¿cómo va la mejora de los servicios públicos?", "paga-1-c10"),
        # "plan" said, without naming which: the question still asks within the plans.
        (
            "mi primo dice que las compras del sercop en la pandemia se publicaron como datos "
            "abiertos, eso vino de algun plan?",
            "paga-1-c03",
        ),
    ],
)
def test_a_commitment_named_by_its_keywords_within_a_plan_or_a_status_question(
    service, question, commitment_id
):
    reply = service.answer(question)
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == [commitment_id]


def test_words_from_several_of_a_commitments_keywords_do_not_name_it(service):
    # "organizó", "proceso" and "datos" each begin one of the electoral-data commitment's
    # keywords ("organizaciones políticas", "procesos electorales", "datos electorales").
    reply = service.answer(
        "en el segundo plan, ¿cómo se organizó el proceso de consulta y qué datos se publicaron?"
    )
    assert reply.decision != "commitments"


def test_commitments_asked_for_by_two_subjects_are_both_listed(service):
    # "medio ambiente" and "pescadores" each name a commitment of their own, though the first
    # weighs more: both are asked for.
    reply = service.answer("segundo plan: compromisos sobre pescadores y sobre medio ambiente")
    assert reply.decision == "commitments"
    assert {c.id for c in reply.commitments.commitments} == {"paga-2-ambiental", "paga-2-ec0020"}


def test_a_spanish_word_is_not_corrected_into_an_english_one(service):
    # "capacitar" used to become "capacity", an English answer's word, and the training
    # commitment it names was lost.
    tokens, _ = service.index.normalizer.tokens("capacitar a los servidores", fix_typos=True)
    assert "capacity" not in tokens
    reply = service.answer("¿en qué quedó lo de capacitar a los servidores en la LOTAIP?")
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == ["paga-1-c06"]


@pytest.mark.parametrize(("word", "other"), [("educacion", "duracion"), ("curso", "recurso")])
def test_a_real_word_is_not_corrected_into_one_differing_at_its_start(service, word, other):
    # "¿cuál es la educación del plan?" was answered with the plan's duration.
    tokens, _ = service.index.normalizer.tokens(word, "es", fix_typos=True)
    assert tokens != service.index.normalizer.tokens(other, "es")[0]
    assert service.answer("cual es la educacion del plan de accion").entry_id != "plan-ciclo"
