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
from bot.devtools.quality import (
    GOLDEN_SETS,
    NEVER_TUNED,
    UNLISTED_SPLITS,
    GoldenItem,
    Tally,
    evaluate,
    load_items,
    outcome_of,
)
from bot.services.answers import AnswerService
from tests.conftest import shared_answers

# Measured with `python -m bot kb eval`, rounded down a little so noise-free changes pass.
FLOORS = {
    # set: (answered outright and right ≥, answered outright but wrong ≤, out-of-scope rejected ≥)
    "fresh-never": (88.0, 4.0, 99.0),
    "fresh-tune": (95.5, 1.0, 99.0),
    "original": (93.0, 1.5, 98.5),
    "commitments": (92.5, 3.0, 86.0),
    # The second blind set: its holdout split is never tuned on, its tune split may be.
    "fresh2:holdout": (83.0, 4.5, 95.0),
    "fresh2:tune": (93.0, 1.5, 97.0),
    # The third blind set is never tuned on; the fourth's tune split may be, its check split is
    # only ever seen as totals.
    "fresh3": (86.5, 5.5, 99.0),
    "fresh4:tune": (94.5, 2.0, 98.0),
    "fresh4:check": (89.0, 3.0, 98.0),
    # The fifth blind set, written at the start of the fourth round, is never tuned on.
    "fresh5": (86.0, 5.0, 96.0),
    # The sixth, written at the start of the fifth round before any merge, is never tuned on.
    "fresh6": (78.5, 6.0, 97.0),
    # The seventh, written at the start of the sixth round to tune on: a tune and a check split.
    "fresh7:tune": (92.5, 1.0, 98.0),
    "fresh7:check": (91.0, 3.0, 97.0),
    # The eighth, written at the start of the sixth round before any merge, is never tuned on.
    "fresh8": (83.0, 5.0, 97.0),
    # The ninth, written at the start of the seventh round to tune on: a tune and a check split.
    "fresh9:tune": (83.5, 1.5, 97.0),
    "fresh9:check": (88.5, 3.5, 95.0),
    # The tenth, written at the start of the seventh round before any merge, is never tuned on.
    "fresh10": (84.5, 3.5, 93.5),
    # The eleventh, written at the start of the ninth round after its helpers had branched and
    # before any merge, is never tuned on.
    "fresh11": (79.0, 5.5, 97.5),
    # The twelfth, written at the start of the tenth round to tune on: a tune and a check split.
    "fresh12:tune": (95.0, 1.5, 99.0),
    "fresh12:check": (95.5, 1.0, 96.0),
    # The thirteenth, written at the start of the tenth round after its helpers had branched and
    # before any merge, is never tuned on.
    "fresh13": (90.0, 2.5, 97.5),
    # The fourteenth, written at the start of the eleventh round, is never tuned on; on arrival
    # (main with that round's first merge) 89.5 / 2.6 / 98.0.
    "fresh14": (89.0, 3.0, 97.5),
    # The fifteenth, written at the start of the twelfth round to tune on: a tune and a check
    # split. On arrival: tune 86.7 / 3.0 / 98.2, check 92.3 / 2.9 / 98.4.
    "fresh15:tune": (89.0, 2.0, 99.0),
    "fresh15:check": (92.0, 3.5, 97.5),
    # The sixteenth, written at the start of the twelfth round after its helpers had branched and
    # before any merge, is never tuned on; on arrival 89.6 / 3.0 / 98.3.
    "fresh16": (89.0, 3.5, 97.5),
    # The seventeenth, written at the start of the thirteenth round to tune on: a tune and a check
    # split. Its writers asked more exact facts than earlier ones; on arrival tune 73.2 / 5.3 / 100,
    # check 70.7 / 12.3 / 100.
    "fresh17:tune": (78.0, 4.0, 99.0),
    "fresh17:check": (70.5, 12.5, 99.0),
    # The eighteenth, written at the start of the thirteenth round after its helpers had branched
    # and before any merge, is never tuned on; on arrival 71.7 / 10.3 / 96.9.
    "fresh18": (71.0, 11.0, 96.0),
    # The nineteenth, written at the start of the fourteenth round after its helpers had branched
    # and before any merge, is never tuned on; on arrival 76.3 / 10.1 / 98.9.
    "fresh19": (76.0, 10.5, 98.5),
    # The twentieth, written at the start of the fifteenth round to tune on: a tune and a check
    # split (the check split holds the 56 questions equal to a protected one). On arrival tune
    # 70.9 / 10.1 / 100, check 79.9 / 8.0 / 95.7.
    "fresh20:tune": (70.5, 10.5, 99.0),
    "fresh20:check": (79.5, 8.5, 95.0),
}


def _failure(name: str, tally: Tally, items: list[GoldenItem], service: AnswerService) -> object:
    """What a failing floor prints: its totals, and the misses only of questions one may read
    (never those of a never-tuned set, a holdout or a check split)."""
    set_name, _, split = name.partition(":")
    if set_name in NEVER_TUNED or split in UNLISTED_SPLITS:
        return tally.summary()
    listable = [i for i in items if i.split not in UNLISTED_SPLITS]
    readable, _ = evaluate(lambda q: outcome_of(service.answer(q)), listable)
    return f"{tally.summary()}; misses one may read: {readable.misses}"


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
    failed = tally.rate("right") < right or tally.rate("wrong") > wrong
    failed = failed or tally.rejection < rejected
    assert not failed, _failure(name, tally, items, service)


# fresh7, fresh8, fresh13, fresh16, fresh17, fresh18, fresh19 and fresh20 hold the same shares but
# for "a few words": 14.7%, 14.6%, 14.97%, 14.8%, 14.4%, 14.0%, 14.4% and 13.4% once the short
# questions both writers wrote alike were counted once.
@pytest.mark.parametrize(
    "name",
    [
        "fresh-never",
        "fresh2",
        "fresh3",
        "fresh5",
        "fresh6",
        "fresh9",
        "fresh10",
        "fresh11",
        "fresh12",
        "fresh14",
        "fresh15",
    ],
)
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
        ("en qué va Municipios Abiertos", "paga-2-c05"),
        ("cómo va el compromiso de municipios abiertos", "paga-2-c05"),
    ],
)
def test_a_commitment_named_alone_gets_its_card_not_a_related_faq_entry(
    service, question, commitment_id
):
    reply = service.answer(question)
    assert reply.decision == "commitments"
    assert [c.id for c in reply.commitments.commitments] == [commitment_id]


@pytest.mark.parametrize("question", ["Municipios Abiertos", "que es municipios abiertos"])
def test_a_platform_named_alone_gets_the_entry_that_explains_it(service, question):
    # The platform is what the second plan's commitment 5 produced; its name alone asks what it
    # is (the FAQ entry), while "¿en qué va…?" asks for the commitment's card.
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", "plan-municipios-abiertos")
