"""Numbers too big for any row, in buttons or commands, answer "ya no es válido", never raise."""

from __future__ import annotations

import pytest

from tests.robustness.conftest import STAFF_ID

HUGE_BIGINT = "9999999999999999999"  # 19 digits, above 2**63 - 1
HUGE_INT = "9999999999"  # 10 digits, above PostgreSQL's 32-bit integer


@pytest.mark.parametrize(
    "data",
    [
        f"ps:{HUGE_INT}",
        f"pw:{HUGE_INT}",
        f"pwy:{HUGE_INT}",
        f"pp:sup:{HUGE_INT}",
        f"st:{HUGE_INT}:aceptada",
        f"fb:{HUGE_BIGINT}:1",
        f"sq:{HUGE_BIGINT}",
        f"pk:{HUGE_BIGINT}:que-es",
        f"no:{HUGE_BIGINT}",
        f"pp:q:{HUGE_BIGINT}",
        f"qkb:{HUGE_BIGINT}",
    ],
)
async def test_a_forged_button_with_a_huge_number_is_no_longer_valid(bot, data):
    await bot.say("/start", user_id=STAFF_ID)
    calls = await bot.press(data, user_id=STAFF_ID)
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no es válido" in answer.params["text"]
    assert not [c for c in calls if c.method == "sendMessage"]


@pytest.mark.parametrize("number", [HUGE_BIGINT, "99999999999999999999", "0"])
async def test_contestar_with_a_number_no_question_can_have_says_so(bot, number):
    replies = await bot.say(f"/contestar {number} Gracias por escribir", user_id=STAFF_ID)
    (refused,) = replies
    assert refused.text.startswith("No hay una pregunta pendiente con es")
