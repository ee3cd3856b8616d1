"""Citizens logging needs through the real dispatcher, for the proposal and panel tests."""

from __future__ import annotations

import re

from tests.conftest import BotHarness
from tests.factories import CITIZEN_ID


async def reach_the_contact_step(bot: BotHarness, text: str, user_id: int = CITIZEN_ID) -> None:
    """Go through /proponer up to the contact step (transparency, Pichincha)."""
    await bot.say("/proponer", user_id=user_id)
    await bot.press("pp:ok", user_id=user_id)
    await bot.press("pp:cat:transparencia", user_id=user_id)
    await bot.say(text, user_id=user_id)
    await bot.press("pp:prov:18", user_id=user_id)


async def log_a_need(bot: BotHarness, text: str, user_id: int = CITIZEN_ID) -> str:
    """Go through /proponer to the end (Pichincha, an e-mail contact); return the code."""
    await reach_the_contact_step(bot, text, user_id)
    await bot.say("vecina@correo.ec", user_id=user_id)
    calls = await bot.press("pp:send", user_id=user_id)
    sent = [c.text for c in calls if "Su código" in c.text]
    if not sent:  # similar needs were shown first
        await bot.press("pp:distinct", user_id=user_id)
        calls = await bot.press("pp:send", user_id=user_id)
        sent = [c.text for c in calls if "Su código" in c.text]
    found = re.search(r"GA-[A-Z2-9]{4}-[A-Z2-9]{2}", sent[0])
    assert found
    return found.group(0)
