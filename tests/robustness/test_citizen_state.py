"""Citizen state lives in the database: blocked citizens, two processes, supports and codes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlmodel import select

from bot.app import shutdown, telegram_sender
from bot.models import Citizen, Proposal, ProposalSupport, StaffQuestion
from tests.conftest import BotHarness, harness_for, make_settings
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID, chat, user
from tests.telegram.test_proposals import NEED, ack, log_a_need, texts

SIMILAR = "Que el municipio publique en internet los contratos de las obras publicas del barrio"


async def blocked(bot: BotHarness, user_id: int = CITIZEN_ID) -> bool:
    pseudonym = bot.services.citizens.pseudonym(user_id)
    async with bot.services.db.session() as session:
        citizen = (await session.exec(select(Citizen).where(Citizen.pseudonym == pseudonym))).one()
    return citizen.bot_blocked


def membership(status: str, user_id: int = CITIZEN_ID) -> dict:
    bot_user = {"id": 7_000_000_001, "is_bot": True, "first_name": "Asistente"}
    return {
        "update_id": int(time.time() * 1000) % 1_000_000_000,
        "my_chat_member": {
            "chat": chat(user_id),
            "from": user(user_id),
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": bot_user},
            "new_chat_member": {"status": status, "user": bot_user}
            | ({"until_date": 0} if status == "kicked" else {}),
        },
    }


async def staff_update(bot: BotHarness, note: str) -> None:
    await bot.services.plans.record_update(
        "paga-1-c03", "limited", note, "https://example.org/evidencia", "equipo"
    )


async def test_a_citizen_who_blocked_the_bot_hears_from_it_again_after_writing(bot):
    await bot.press("fl:paga-1-c03")
    bot.api.blocked_chats.add(CITIZEN_ID)
    await staff_update(bot, "Primera novedad")
    await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert await blocked(bot), "a 403 marks the citizen"
    bot.api.blocked_chats.discard(CITIZEN_ID)
    await bot.say("hola")
    assert not await blocked(bot), "writing again clears the mark"
    await staff_update(bot, "Segunda novedad")
    await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert any("Segunda novedad" in c.text for c in bot.api.delivered())


async def test_blocking_and_unblocking_the_bot_are_recorded(bot):
    await bot.say("hola")
    await bot.send(membership("kicked"))
    assert await blocked(bot)
    await bot.send(membership("member"))
    assert not await blocked(bot)


async def test_typed_text_reaching_another_process_is_taken_as_the_flows_answer(
    tmp_path: Path, database_url
):
    settings = make_settings(tmp_path, database_url)
    first, one = await harness_for(settings, deliver_notifications=False)
    second, other = await harness_for(settings, deliver_notifications=False)
    try:
        await one.say("/proponer")
        await one.press("pp:ok")
        await one.press("pp:cat:transparencia")  # process one asks for the text
        (province,) = texts(await other.say(NEED))  # ...which reaches process two
        assert "Paso 3 de 4" in province
        await other.press("pp:prov:skip")
        (summary,) = await one.say("vecina@correo.ec")  # the contact, back at process one
        assert "vecina@correo.ec" in summary.text
        async with one.services.db.session() as session:
            queued = list(await session.exec(select(StaffQuestion)))
        assert queued == [], "nothing the citizen typed for the flow became a question"
    finally:
        for application in (first, second):
            await shutdown(application)
            await application.shutdown()


async def test_a_citizen_erased_by_another_process_is_served_by_this_one(
    tmp_path: Path, database_url
):
    settings = make_settings(tmp_path, database_url)
    first, one = await harness_for(settings, deliver_notifications=False)
    second, other = await harness_for(settings, deliver_notifications=False)
    try:
        await one.say("hola")
        await other.say("hola")
        await other.say("/borrar_mis_datos")
        await other.press("del:yes")
        (answer,) = await one.say("que es el gobierno abierto")
        assert "gobierno abierto" in answer.text
        await one.press("fl:paga-1-c03")
    finally:
        for application in (first, second):
            await shutdown(application)
            await application.shutdown()


async def reach_similar(bot: BotHarness, user_id: int = OTHER_CITIZEN_ID) -> str:
    await bot.say("/proponer", user_id=user_id)
    await bot.press("pp:ok", user_id=user_id)
    await bot.press("pp:cat:transparencia", user_id=user_id)
    await bot.say(SIMILAR, user_id=user_id)
    await bot.press("pp:prov:skip", user_id=user_id)
    (similar,) = texts(await bot.press("pp:skip", user_id=user_id))
    return similar


async def test_support_erase_support_again_counts_one_person_once(bot):
    await log_a_need(bot)
    (proposal,) = [p for p in await rows(bot, Proposal)]
    for _ in range(3):
        assert "necesidades parecidas" in await reach_similar(bot)
        await bot.press(f"pp:sup:{proposal.id}", user_id=OTHER_CITIZEN_ID)
        await bot.say("/borrar_mis_datos", user_id=OTHER_CITIZEN_ID)
        await bot.press("del:yes", user_id=OTHER_CITIZEN_ID)
    (counted,) = await rows(bot, Proposal)
    assert counted.supports == 1
    (support,) = await rows(bot, ProposalSupport)
    assert support.citizen_id is None and support.marker, "unlinked, but remembered"
    pseudonym = bot.services.citizens.pseudonym(OTHER_CITIZEN_ID)
    assert pseudonym not in support.marker, "the marker cannot be read back as the person"


async def test_a_forged_support_with_no_flow_open_reveals_nothing_and_subscribes_nobody(bot):
    code = await log_a_need(bot)
    (proposal,) = await rows(bot, Proposal)
    await bot.say("hola", user_id=OTHER_CITIZEN_ID)
    calls = await bot.press(f"pp:sup:{proposal.id}", user_id=OTHER_CITIZEN_ID)
    assert code not in ack(calls) and "ya no recibe apoyos" in ack(calls)
    assert not [c for c in calls if code in c.text]
    assert await rows(bot, ProposalSupport) == []
    (kept,) = await rows(bot, Proposal)
    assert kept.supports == 0


async def test_only_the_proposals_offered_in_ones_own_flow_can_be_supported(bot):
    await log_a_need(bot)
    await log_a_need(bot, "Quiero saber los horarios de atención del registro civil", 5_550_003)
    offered, unrelated = sorted(await rows(bot, Proposal), key=lambda p: p.text != NEED)
    similar = await reach_similar(bot)
    assert offered.code in similar and unrelated.code not in similar
    refused = await bot.press(f"pp:sup:{unrelated.id}", user_id=OTHER_CITIZEN_ID)
    assert unrelated.code not in ack(refused)
    accepted = await bot.press(f"pp:sup:{offered.id}", user_id=OTHER_CITIZEN_ID)
    assert any("su apoyo" in t for t in texts(accepted))
    assert [s.proposal_id for s in await rows(bot, ProposalSupport)] == [offered.id]


async def rows(bot: BotHarness, model) -> list:
    async with bot.services.db.session() as session:
        return list(await session.exec(select(model)))


async def test_an_information_request_typed_at_another_process_continues_the_flow(
    tmp_path: Path, database_url
):
    settings = make_settings(tmp_path, database_url)
    first, one = await harness_for(settings, deliver_notifications=False)
    second, other = await harness_for(settings, deliver_notifications=False)
    try:
        await one.say("/solicitud")
        (step1,) = texts(await one.press("rq:ok"))
        assert "Paso 1 de 4" in step1
        replies = await other.say("SERCOP")  # the institution reaches process two
        assert "Servicio Nacional de Contratación Pública" in replies[0].text
        assert "Paso 2 de 4" in replies[-1].text
    finally:
        for application in (first, second):
            await shutdown(application)
            await application.shutdown()


async def test_a_first_message_at_two_processes_at_once_makes_one_citizen(
    tmp_path: Path, database_url
):
    settings = make_settings(tmp_path, database_url)
    first, one = await harness_for(settings, deliver_notifications=False)
    second, other = await harness_for(settings, deliver_notifications=False)
    try:
        await asyncio.gather(
            *(bot.say("que es el gobierno abierto") for bot in (one, other, one, other))
        )
        for bot in (one, other):
            assert not bot.errors
            replies = [c.text for c in bot.api.sent()]
            assert len(replies) == 2 and all("gobierno abierto" in r for r in replies)
        assert len(await rows(one, Citizen)) == 1
        await one.say("/idioma")  # the one row serves both processes from now on
        await one.press("lang:en")
        (answer,) = await other.say("what is open government")
        assert "open government" in answer.text.lower()
    finally:
        for application in (first, second):
            await shutdown(application)
            await application.shutdown()
