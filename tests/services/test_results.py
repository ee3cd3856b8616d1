"""Services return data the panel can render too; channels render it; one state machine decides."""

from __future__ import annotations

import pytest

from bot.render.telegram import reply_html
from bot.render.terminal import reply_json, reply_text
from bot.services.proposals import TRANSITIONS, MoveRefused, allowed_moves, check_move
from handlers import callbacks
from tests.conftest import shared_answers


def test_an_answered_entry_carries_question_answer_detail_and_every_source():
    service = shared_answers()
    reply = service.entry_reply("lotaip-2004", "es")
    assert reply is not None and reply.entry is not None
    entry = service.kb.entry("lotaip-2004")
    assert entry is not None and entry.detail is not None
    assert reply.entry.question == entry.question.es
    assert reply.entry.answer == entry.answer.es
    assert reply.entry.detail == entry.detail.es
    assert reply.entry.sources == tuple(str(url) for url in entry.sources)
    assert "<b>" not in reply.entry.answer, "the result itself holds no markup"


def test_telegram_gets_html_and_the_terminal_plain_text_from_one_reply():
    reply = shared_answers().answer("que es la silla vacia")
    assert reply.decision == "answer" and reply.entry is not None
    assert reply_html(reply).startswith(f"<b>{reply.entry.question}</b>")
    plain = reply_text(reply)
    assert plain.startswith(reply.entry.question) and "<b>" not in plain


def test_ask_json_keeps_its_fields_and_adds_detail():
    reply = shared_answers().entry_reply("lotaip-2004", "es")
    assert reply is not None
    shown = reply_json(reply)
    assert set(shown) == {
        "answer", "id", "score", "confident", "language", "decision", "commitments",
        "suggestions", "detail",
    }  # fmt: skip
    assert reply.entry is not None and reply.entry.detail
    assert shown["detail"] == reply.entry.detail
    assert "<" not in str(shown["answer"]), "plain text"


def test_commitment_matches_carry_the_commitment_and_its_status():
    reply = shared_answers().answer("compromiso 3 del primer plan")
    assert reply.decision == "commitments" and reply.matches is not None
    (view,) = reply.matches.items
    assert view.commitment.number == 3 and view.plan is not None
    assert view.status.value == view.commitment.assessment.completion.value


@pytest.mark.parametrize("current", list(TRANSITIONS))
def test_the_state_machine_allows_exactly_its_moves_and_says_why_not(current):
    for wanted in TRANSITIONS:
        refusal = check_move(current, wanted)
        if wanted in allowed_moves(current):
            assert refusal is None
        else:
            assert isinstance(refusal, MoveRefused)
            assert (refusal.key, refusal.current, refusal.wanted) == (
                "staff.bad_transition",
                current,
                wanted,
            )


def test_a_withdrawn_proposal_can_move_nowhere():
    assert allowed_moves("retirada") == ()
    assert check_move("aceptada", "recibida") is not None, "nothing goes back to received"


def test_a_codec_builds_what_its_pattern_takes_and_parses_it_back():
    data = callbacks.PICK.build(123456789012345678, "silla-vacia")
    assert data == "pk:123456789012345678:silla-vacia"
    assert callbacks.PICK.pattern.match(data)
    assert callbacks.PICK.parse(data) == (123456789012345678, "silla-vacia")
    assert callbacks.FLOW_PROVINCE.parse(callbacks.FLOW_PROVINCE.build("skip")) == (None,)
    assert callbacks.FLOW_PROVINCE.parse(callbacks.FLOW_PROVINCE.build(18)) == (18,)


@pytest.mark.parametrize(
    "forged", ["pk:1:<b>", "pk:abc:x", "fb:1:2", "pp:cat:", "st:1:retirada", "tp:1234", ""]
)
def test_forged_data_matches_no_codec(forged):
    codecs = [v for v in vars(callbacks).values() if isinstance(v, callbacks.Codec)]
    assert [codec.prefix for codec in codecs if codec.matches(forged)] == []
    with pytest.raises(ValueError):
        callbacks.PICK.parse(forged)


def test_a_codec_refuses_to_build_data_its_handler_would_not_take():
    with pytest.raises(ValueError):
        callbacks.ENTRY.build("Not An Id")
    with pytest.raises(ValueError):
        callbacks.FEEDBACK.build(1, 2)
    with pytest.raises(ValueError):
        callbacks.TOPIC.build("x" * 40, 1000)
