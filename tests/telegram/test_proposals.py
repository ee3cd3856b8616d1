"""Needs and proposals, from the citizen's first tap to staff's answer, and data rights."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import pytest_asyncio
from sqlmodel import select

from bot.app import shutdown, telegram_sender
from bot.models import Citizen, Proposal, ProposalDraft, ProposalSupport, ecuador_today, utcnow
from bot.render.dates import format_date, in_ecuador
from bot.services.proposals import CODE_PATTERN, add_working_days, validate_contact
from tests.conftest import BotHarness, harness_for, make_settings
from tests.factories import CITIZEN_ID, MEDIA, OTHER_CITIZEN_ID, message
from tests.fakes.bot_api import BotApiError
from tests.web.helpers import reach_the_contact_step

STAFF_ID = 5_559_999
NEED = "Necesito que el municipio publique los contratos de obras públicas de mi barrio en internet"


@pytest_asyncio.fixture
async def bot(tmp_path: Path, database_url: str):
    """The assistant with one staff member, and no background outbox worker."""
    settings = make_settings(tmp_path, database_url, staff_telegram_ids=[STAFF_ID])
    application, harness = await harness_for(settings, deliver_notifications=False)
    try:
        yield harness
    finally:
        await shutdown(application)
        await application.shutdown()
    assert not harness.errors, harness.errors


def data(call, prefix: str) -> list[str]:
    return [d for _, d in call.buttons if d.startswith(prefix)]


def ack(calls) -> str:
    """The text of the answerCallbackQuery among ``calls``."""
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    return answer.params.get("text", "")


def texts(calls) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]


async def table(bot: BotHarness, model):
    async with bot.services.db.session() as session:
        return list(await session.exec(select(model)))


async def offer(bot: BotHarness, citizen_id: int, proposal_id: int) -> None:
    """Put the citizen at their own flow's summary, with ``proposal_id`` offered as similar."""
    async with bot.services.db.session() as session:
        session.add(
            ProposalDraft(
                citizen_id=citizen_id,
                step="summary",
                category="otro",
                text=NEED,
                similar_offered=str(proposal_id),
            )
        )
        await session.commit()


async def log_a_need(bot: BotHarness, text: str = NEED, user_id: int = CITIZEN_ID) -> str:
    """Go through the whole flow; return the tracking code."""
    (consent,) = await bot.say("/proponer", user_id=user_id)
    assert "Qué guardo" in consent.text and "LOPDP" in consent.text
    await bot.press("pp:ok", user_id=user_id)
    await bot.press("pp:cat:transparencia", user_id=user_id)
    await bot.say(text, user_id=user_id)
    await bot.press("pp:prov:18", user_id=user_id)  # Pichincha
    await bot.say("vecina@correo.ec", user_id=user_id)
    calls = await bot.press("pp:send", user_id=user_id)
    if not [t for t in texts(calls) if "Su código" in t]:  # similar needs were shown first
        await bot.press("pp:distinct", user_id=user_id)
        calls = await bot.press("pp:send", user_id=user_id)
    (sent,) = [t for t in texts(calls) if "Su código" in t]
    return re.search(r"GA-[A-Z2-9]{4}-[A-Z2-9]{2}", sent).group(0)


async def test_a_citizen_logs_a_need_step_by_step_and_gets_a_tracking_code(bot):
    (consent,) = await bot.say("/proponer")
    assert data(consent, "pp:") == ["pp:ok", "pp:cancel"]
    (category,) = texts(await bot.press("pp:ok"))
    assert "Paso 1 de 4" in category
    calls = await bot.press("pp:cat:participacion")
    (prompt,) = [c for c in calls if c.method == "sendMessage"]
    assert "Paso 2 de 4" in prompt.text
    assert prompt.params["reply_markup"]["force_reply"] is True
    (province,) = await bot.say(NEED)
    assert "Paso 3 de 4" in province.text
    assert len(data(province, "pp:prov:")) == 9, "eight provinces and Omitir"
    (page2,) = [c for c in await bot.press("pp:provpg:1") if c.method == "editMessageReplyMarkup"]
    assert "pp:prov:8" in data(page2, "pp:prov:")
    (contact,) = texts(await bot.press("pp:prov:skip"))
    assert "Paso 4 de 4" in contact
    (summary,) = await bot.say("+593 99 123 4567")
    assert "Participación ciudadana" in summary.text and "0991234567" in summary.text
    assert "Provincia: no indicada" in summary.text, "la provincia: feminine"
    assert data(summary, "pp:") == ["pp:send", "pp:edit", "pp:cancel"]
    (sent,) = texts(await bot.press("pp:send"))
    code = re.search(r"GA-\S{4}-\S{2}", sent).group(0)
    assert CODE_PATTERN.match(code)
    deadline = format_date(add_working_days(ecuador_today(), 10), "es")
    assert f"hasta el {deadline} (10 días hábiles)" in sent
    (proposal,) = await table(bot, Proposal)
    assert (proposal.code, proposal.status, proposal.contact) == (code, "recibida", "0991234567")
    assert proposal.text == NEED


async def test_double_tapping_send_creates_one_proposal(bot):
    code = await log_a_need(bot)
    (again,) = texts(await bot.press("pp:send"))
    assert f"Ya la había enviado: su código es <b>{code}</b>" in again
    assert len(await table(bot, Proposal)) == 1


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("muy corto", "Es muy corto (9 caracteres)"),
        ("x" * 2001, "Es muy largo (2.001 caracteres). El máximo es 2.000"),
        ("   ", "Es muy corto (0 caracteres)"),
    ],
)
async def test_the_need_must_be_20_to_2000_characters(bot, typed, answer):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    await bot.press("pp:cat:otro")
    (reply,) = await bot.say(typed)
    assert answer in reply.text
    (draft,) = await table(bot, ProposalDraft)
    assert draft.step == "text", "nothing is lost: the step waits for a valid text"


async def test_a_bad_contact_is_explained_and_a_photo_is_not_taken_as_text(bot):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    await bot.press("pp:cat:otro")
    calls = await bot.send(message(None, extra=MEDIA["photo"]))
    assert "necesito su texto escrito" in texts(calls)[0]
    await bot.say(NEED)
    await bot.press("pp:prov:0")
    (wrong,) = await bot.say("mi correo es este")
    assert "No reconozco ese correo o teléfono" in wrong.text
    (summary,) = await bot.say("ANA@Correo.EC")
    assert "ana@correo.ec" in summary.text


async def test_a_sticker_at_a_button_step_points_to_the_buttons_not_to_typing(bot):
    await bot.say("/proponer")
    (consent,) = texts(await bot.send(message(None, extra=MEDIA["sticker"])))
    assert "pulse «✅ Acepto»" in consent and "texto escrito" not in consent
    await bot.press("pp:ok")
    (category,) = texts(await bot.send(message(None, extra=MEDIA["photo"])))
    assert "Elija la categoría" in category
    await bot.press("pp:cat:otro")
    (text_step,) = texts(await bot.send(message(None, extra=MEDIA["voice"])))
    assert "necesito su texto escrito" in text_step, "a typing step still asks for text"


async def test_a_second_tap_on_an_earlier_steps_button_says_to_go_on_not_to_start_again(bot):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    calls = await bot.press("pp:ok")  # a double tap, or the button scrolled back to
    (toast,) = [c.params["text"] for c in calls if c.method == "answerCallbackQuery"]
    assert "paso anterior" in toast and "empezar de nuevo" not in toast
    (draft,) = await table(bot, ProposalDraft)
    assert draft.step == "category", "the flow is where it was"
    await bot.say("/cancelar")
    calls = await bot.press("pp:cat:otro")  # no flow any more: start again
    (toast,) = [c.params["text"] for c in calls if c.method == "answerCallbackQuery"]
    assert "/proponer para empezar de nuevo" in toast


async def test_cancel_at_any_time_keeps_nothing(bot):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    (cancelled,) = await bot.say("/cancelar")
    assert "cancelé el registro" in cancelled.text
    assert await table(bot, ProposalDraft) == []
    (question,) = await bot.say("que es el gobierno abierto")
    assert "¿Qué es el gobierno abierto?" in question.text, "free text is a question again"
    (nothing,) = await bot.say("/cancel")
    assert "No hay nada que cancelar" in nothing.text


async def test_editing_returns_to_the_summary(bot):
    await log_a_need_to_summary(bot)
    (which,) = texts(await bot.press("pp:edit"))
    assert "Qué quiere cambiar" in which
    await bot.press("pp:ed:text")
    (summary,) = await bot.say(
        "Otra necesidad distinta: más información sobre el presupuesto local"
    )
    assert "Revise su propuesta" in summary.text and "presupuesto local" in summary.text


async def log_a_need_to_summary(bot: BotHarness) -> None:
    await bot.say("/proponer")
    await bot.press("pp:ok")
    await bot.press("pp:cat:integridad")
    await bot.say(NEED)
    await bot.press("pp:prov:skip")
    await bot.press("pp:skip")


async def test_the_flow_continues_after_a_restart(tmp_path: Path, sqlite_url):
    settings = make_settings(tmp_path, sqlite_url)
    first, bot = await harness_for(settings, deliver_notifications=False)
    await bot.say("/proponer")
    await bot.press("pp:ok")
    await bot.press("pp:cat:colaboracion")
    await shutdown(first)
    await first.shutdown()
    second, restarted = await harness_for(settings, deliver_notifications=False)
    try:
        (province,) = await restarted.say(NEED)  # plain text, not even a reply to the prompt
        assert "Paso 3 de 4" in province.text
    finally:
        await shutdown(second)
        await second.shutdown()


async def test_similar_needs_are_shown_and_can_be_supported_once(bot):
    first_code = await log_a_need(bot)
    await bot.say("/proponer", user_id=OTHER_CITIZEN_ID)
    await bot.press("pp:ok", user_id=OTHER_CITIZEN_ID)
    await bot.press("pp:cat:transparencia", user_id=OTHER_CITIZEN_ID)
    await bot.say(
        "Que el municipio publique en internet los contratos de las obras publicas del barrio",
        user_id=OTHER_CITIZEN_ID,
    )
    await bot.press("pp:prov:skip", user_id=OTHER_CITIZEN_ID)
    (similar,) = texts(await bot.press("pp:skip", user_id=OTHER_CITIZEN_ID))
    assert "necesidades parecidas" in similar and first_code in similar
    assert "vecina@correo.ec" not in similar, "contact details are never shown to others"
    (proposal,) = await table(bot, Proposal)
    calls = await bot.press(f"pp:sup:{proposal.id}", user_id=OTHER_CITIZEN_ID)
    assert any("su apoyo" in t for t in texts(calls))
    again = await bot.press(f"pp:sup:{proposal.id}", user_id=OTHER_CITIZEN_ID)
    assert "Ya apoyó" in ack(again)
    own = await bot.press(f"pp:sup:{proposal.id}")  # the author cannot support their own
    assert "ya no recibe apoyos" in ack(own)
    (refreshed,) = await table(bot, Proposal)
    assert refreshed.supports == 1
    (summary,) = texts(await bot.press("pp:distinct", user_id=OTHER_CITIZEN_ID))
    assert "Revise su propuesta" in summary, "informs, never blocks"


async def test_html_is_stored_as_written_and_escaped_everywhere(bot):
    raw = "<b>Quiero</b> & <script>alert(1)</script> transparencia en mi barrio"
    code = await log_a_need(bot, raw)
    (proposal,) = await table(bot, Proposal)
    assert proposal.text == raw
    (status,) = await bot.say(f"/estado {code}")
    assert "&lt;script&gt;" in status.text and "<script>" not in status.text


async def test_tracking_shows_details_to_the_author_and_public_status_to_others(bot):
    code = await log_a_need(bot)
    (mine,) = await bot.say("/mis_propuestas")
    assert code in mine.text and "Recibida" in mine.text
    (author,) = await bot.say(f"/estado {code.lower().replace('-', ' ')}")
    assert NEED[:40] in author.text and "Historial" in author.text
    assert data(author, "pw:")
    (other,) = await bot.say(f"/estado {code}", user_id=OTHER_CITIZEN_ID)
    assert "Recibida" in other.text and NEED[:40] not in other.text and not data(other, "pw:")
    (usage,) = await bot.say("/estado")
    assert "/estado GA-XXXX-XX" in usage.text
    (missing,) = await bot.say("/estado GA-2222-22")
    assert "No encuentro ninguna propuesta" in missing.text


async def test_a_status_code_of_the_wrong_shape_is_explained_not_rewritten(bot):
    for typed in ("ZZZ-999", "GA-ZZZ-999", "12345", "GA-ZZZZ-ZZZZ"):
        (wrong,) = await bot.say(f"/estado {typed}")
        assert "no tiene el formato GA-XXXX-XX" in wrong.text, typed
        assert "/estado GA-7K3M-Q9" in wrong.text and "GA-ZZZ9" not in wrong.text
    (english,) = await bot.say("/status ZZZ-999", language_code="en")
    assert "does not have the format GA-XXXX-XX" in english.text
    assert "/status GA-7K3M-Q9" in english.text
    # The shapes citizens do type are still read as codes.
    for typed in ("ga 2222 22", "GA222222", "2222-22", "ga-2222 22"):
        (missing,) = await bot.say(f"/estado {typed}")
        assert "No encuentro ninguna propuesta con el código GA-2222-22" in missing.text, typed


async def test_the_author_can_withdraw_and_nobody_else_can(bot):
    await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    forged = await bot.press(f"pwy:{proposal.id}", user_id=OTHER_CITIZEN_ID)
    assert "ya no es válido" in forged[0].params["text"]
    (confirm,) = texts(await bot.press(f"pw:{proposal.id}"))
    assert "No se puede deshacer" in confirm
    (done,) = texts(await bot.press(f"pwy:{proposal.id}"))
    assert "Retiró la propuesta" in done
    (withdrawn,) = await table(bot, Proposal)
    assert withdrawn.status == "retirada"


async def test_staff_commands_are_refused_to_citizens_without_revealing_anything(bot):
    code = await log_a_need(bot)
    for command in ("/pendientes", f"/ver {code}", f"/responder {code} hola", "/preguntas"):
        (refused,) = await bot.say(command, user_id=OTHER_CITIZEN_ID)
        assert refused.text == "No está autorizado para esta acción."


async def test_staff_review_answers_and_every_follower_is_notified_once(bot):
    code = await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    other = await bot.services.citizens.identify(OTHER_CITIZEN_ID, OTHER_CITIZEN_ID)
    await offer(bot, other.id, proposal.id)
    assert await bot.services.proposals.support(other.id, proposal.id)
    (listing,) = await bot.say("/pendientes", user_id=STAFF_ID)
    assert code in listing.text
    (detail,) = await bot.say(f"/ver {code}", user_id=STAFF_ID)
    assert "vecina@correo.ec" in detail.text, "staff see the contact"
    assert data(detail, "st:") == [
        f"st:{proposal.id}:en_revision:recibida",
        f"st:{proposal.id}:aceptada:recibida",
    ]
    (reviewing,) = texts(
        await bot.press(f"st:{proposal.id}:en_revision:recibida", user_id=STAFF_ID)
    )
    assert "En revisión" in reviewing and "Aviso en cola para 2 personas;" in reviewing
    (answered,) = await bot.say(
        f"/responder {code} Publicaremos los contratos en el portal municipal", user_id=STAFF_ID
    )
    assert "Respondida" in answered.text
    (missing,) = await bot.say(f"/derivar {code}", user_id=STAFF_ID)
    assert "Indique la institución" in missing.text
    (referred,) = await bot.say(f"/derivar {code} Municipio de Quito", user_id=STAFF_ID)
    assert "Derivada" in referred.text
    report = await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert report.sent == 7  # three transitions to the author and the supporter; staff's alert
    to_author = [c.text for c in bot.api.delivered() if int(c.params["chat_id"]) == CITIZEN_ID]
    notices = [t for t in to_author if "cambió de estado" in t]
    assert len(notices) == 3
    assert any("Publicaremos los contratos" in t for t in notices)
    assert any("Derivada a: Municipio de Quito" in t for t in notices)
    again = await bot.services.outbox.deliver_due(
        telegram_sender(bot.app), now=utcnow() + dt.timedelta(hours=1)
    )
    assert again.handled == 0
    (author_view,) = await bot.say(f"/estado {code}")
    assert author_view.text.count("\n• ") == 4, "every transition is in the history"


async def test_overdue_proposals_come_first_for_staff(bot):
    old = await log_a_need(bot)
    new = await log_a_need(
        bot, "Otra necesidad: horarios de atención del registro civil", OTHER_CITIZEN_ID
    )
    async with bot.services.db.session() as session:
        proposal = (await session.exec(select(Proposal).where(Proposal.code == new))).one()
        proposal.deadline = ecuador_today() - dt.timedelta(days=1)
        session.add(proposal)
        await session.commit()
    (listing,) = await bot.say("/pendientes", user_id=STAFF_ID)
    assert listing.text.index(new) < listing.text.index(old)
    assert "⏰ 1 día de retraso" in listing.text


async def test_staff_answer_queued_questions_and_mark_them_for_the_knowledge_base(bot):
    (fallback,) = await bot.say("cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    (queue,) = await bot.say("/preguntas", user_id=STAFF_ID)
    assert "cuando abren las inscripciones" in queue.text
    question_id = int(data(queue, "qkb:")[0].split(":")[1])
    (done,) = await bot.say(f"/contestar {question_id} Eso lo informa el MIES", user_id=STAFF_ID)
    assert "Respondí al ciudadano" in done.text
    await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    (answer,) = [c for c in bot.api.delivered() if "Respuesta del equipo" in c.text]
    assert int(answer.params["chat_id"]) == CITIZEN_ID and "MIES" in answer.text
    (again,) = await bot.say(f"/contestar {question_id} otra vez", user_id=STAFF_ID)
    assert "No hay una pregunta pendiente" in again.text
    (second,) = await bot.say("quien vigila los contratos de los hospitales en mi ciudad")
    await bot.press(data(second, "sq:")[0])
    (queue,) = await bot.say("/preguntas", user_id=STAFF_ID)
    (mark,) = data(queue, "qkb:")
    calls = await bot.press(mark, user_id=STAFF_ID)
    assert "marcada para la base" in calls[0].params["text"]


async def test_an_unanswered_question_can_become_a_need(bot):
    long_question = "como hago para que arreglen el alumbrado publico de mi calle en el barrio"
    (fallback,) = await bot.say(long_question)
    (start,) = data(fallback, "pp:q:")
    await bot.press(start)
    await bot.press("pp:ok")
    (province,) = texts(await bot.press("pp:cat:otro"))
    assert "Paso 3 de 4" in province, "the question is already the need's text"


async def test_my_data_sends_everything_as_a_message_and_a_json_file(bot):
    await log_a_need(bot)
    await bot.press("fl:paga-1-c03")
    calls = await bot.say("/mis_datos")
    (summary,) = calls
    assert "Propuestas: 1" in summary.text and "Compromisos que sigue: 1" in summary.text
    assert bot.api.sent("sendDocument"), "the JSON file is sent"
    ((method, _, filename, content),) = bot.api.uploads
    assert (method, filename) == ("sendDocument", "mis_datos.json")
    export = json.loads(content)
    assert export["pseudonym"] == bot.services.citizens.pseudonym(CITIZEN_ID)
    assert export["chat_id_stored"] is True
    (proposal,) = export["proposals"]
    assert (proposal["category"], proposal["text"]) == ("transparencia", NEED)
    assert (proposal["province"], proposal["contact"]) == ("Pichincha", "vecina@correo.ec")
    assert proposal["status"] == "recibida" and proposal["code"].startswith("GA-")
    assert export["commitments_followed"] == ["paga-1-c03"]
    assert export["proposals_supported"] == []
    assert export["questions_sent_to_staff"] == []
    assert export["information_requests"] == []
    assert export["information_request_in_progress"] is None
    assert set(export) == {
        "pseudonym", "language", "chat_id_stored", "first_contact", "proposals", "questions",
        "questions_sent_to_staff", "commitments_followed", "proposals_supported",
        "information_requests", "information_request_in_progress",
    }  # fmt: skip


async def test_deleting_my_data_removes_identifiers_and_keeps_anonymous_texts(bot):
    code = await log_a_need(bot)
    await bot.press("fl:paga-1-c03")
    (confirm,) = await bot.say("/borrar_mis_datos")
    assert data(confirm, "del:") == ["del:yes", "del:no"]
    (kept,) = texts(await bot.press("del:no"))
    assert "No borré nada" in kept
    (done,) = texts(await bot.press("del:yes"))
    assert "Anonimicé</b> 1 propuesta (" in done and "1 seguimiento," in done
    assert await table(bot, Citizen) == [], "the citizen row itself is deleted"
    (proposal,) = await table(bot, Proposal)
    assert (proposal.code, proposal.citizen_id, proposal.contact) == (code, None, None)
    assert proposal.text == NEED, "the text stays for statistics, no longer linked"
    (mine,) = await bot.say("/mis_propuestas")
    assert "Aún no ha registrado propuestas" in mine.text


async def test_abandoned_drafts_expire_after_a_day_with_a_notice(bot):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    assert await bot.services.proposals.expire_drafts() == 0
    expired = await bot.services.proposals.expire_drafts(utcnow() + dt.timedelta(hours=25))
    assert expired == 1
    assert await table(bot, ProposalDraft) == []
    await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert any("borrador" in c.text for c in bot.api.delivered())


async def test_200_concurrent_submissions_get_200_unique_codes(bot):
    services = bot.services
    citizen_ids = []
    for number in range(200):
        citizen = await services.citizens.identify(7_000_000 + number, 7_000_000 + number)
        citizen_ids.append(citizen.id)
    async with services.db.session() as session:
        for citizen_id in citizen_ids:
            session.add(
                ProposalDraft(
                    citizen_id=citizen_id, step="summary", category="otro", text=NEED, editing=False
                )
            )
        await session.commit()
    results = await asyncio.gather(
        *(services.proposals.submit(citizen_id, "es") for citizen_id in citizen_ids),
        *(services.proposals.submit(citizen_id, "es") for citizen_id in citizen_ids[:50]),
    )
    proposals = await table(bot, Proposal)
    assert len(proposals) == 200, "none lost, none doubled by the 50 double taps"
    assert len({p.code for p in proposals}) == 200
    assert all(CODE_PATTERN.match(p.code) for p in proposals)
    assert sum(r.created for r in results) == 200


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("ana@correo.ec", "ana@correo.ec"),
        ("099 123 4567", "0991234567"),
        ("+593 2 234 5678", "022345678"),
        ("12345", None),
        ("ana@", None),
        ("<script>@x.ec", None),
    ],
)
def test_contacts_are_validated(typed, kept):
    assert validate_contact(typed) == kept


def test_working_days_skip_weekends():
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)
    assert add_working_days(friday, 10) == dt.date(2026, 12, 4)


async def test_supports_are_counted_once_per_citizen_in_the_database(bot):
    await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    other = await bot.services.citizens.identify(OTHER_CITIZEN_ID, OTHER_CITIZEN_ID)
    await offer(bot, other.id, proposal.id)
    results = await asyncio.gather(
        *(bot.services.proposals.support(other.id, proposal.id) for _ in range(5))
    )
    assert results.count(True) == 1
    assert len(await table(bot, ProposalSupport)) == 1


async def test_proposal_notifications_survive_429_500_and_403(bot):
    code = await log_a_need(bot)
    staff_alert = await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert staff_alert.sent == 1, "staff were told of the new proposal"
    (proposal,) = await table(bot, Proposal)
    supporters = []
    for number in range(3):
        citizen = await bot.services.citizens.identify(8_000_000 + number, 8_000_000 + number)
        await offer(bot, citizen.id, proposal.id)
        assert await bot.services.proposals.support(citizen.id, proposal.id)
        supporters.append(8_000_000 + number)
    bot.api.blocked_chats.add(supporters[2])  # this supporter blocked the bot
    await bot.say(f"/aceptar {code} Lo incluiremos en el próximo plan", user_id=STAFF_ID)
    bot.api.fail_next("sendMessage", BotApiError(429, "Too Many Requests: retry after 5", 5))
    bot.api.fail_next("sendMessage", BotApiError(500, "Internal Server Error"))
    outbox = bot.services.outbox
    now = utcnow()
    first = await outbox.deliver_due(telegram_sender(bot.app), now=now)
    assert (first.sent, first.retried, first.undeliverable) == (0, 1, 0), "429: all wait"
    later = await outbox.deliver_due(telegram_sender(bot.app), now=now + dt.timedelta(minutes=1))
    assert (later.sent, later.retried, later.undeliverable) == (2, 1, 1)
    last = await outbox.deliver_due(telegram_sender(bot.app), now=now + dt.timedelta(minutes=2))
    assert last.sent == 1
    done = await outbox.deliver_due(telegram_sender(bot.app), now=now + dt.timedelta(hours=1))
    assert done.handled == 0
    told = sorted(
        int(c.params["chat_id"]) for c in bot.api.delivered() if "cambió de estado" in c.text
    )
    assert told == sorted([CITIZEN_ID, supporters[0], supporters[1]]), "each exactly once"


async def test_staff_see_the_history_in_ecuadors_time(bot):
    code = await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    (view,) = await bot.say(f"/ver {code}", user_id=STAFF_ID)
    local = in_ecuador(proposal.created_at)
    assert f"{format_date(proposal.created_at, 'es')} {local:%H:%M} ciudadano/a" in view.text


async def test_the_review_deadline_counts_from_ecuadors_date_in_the_evening(bot, monkeypatch):
    # Thursday 3 December 2026, 21:00 in Quito, is already Friday 4 December in UTC.
    evening = dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("bot.models.utcnow", lambda: evening)
    await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    assert proposal.deadline == add_working_days(dt.date(2026, 12, 3), 10) == dt.date(2026, 12, 17)


def shared_contact(owner: int, phone: str = "593991234567") -> dict:
    """A message carrying a contact shared with Telegram's button, sent by the citizen."""
    contact = {"phone_number": phone, "first_name": "Ana", "user_id": owner}
    return message(None, extra={"contact": contact})


async def test_the_citizens_own_shared_contact_is_taken_as_the_phone(bot):
    await reach_the_contact_step(bot, NEED)
    (refused,) = texts(await bot.send(shared_contact(OTHER_CITIZEN_ID)))
    assert "otra persona" in refused
    (summary,) = texts(await bot.send(shared_contact(CITIZEN_ID)))
    assert "Revise su propuesta" in summary and "0991234567" in summary
    (draft,) = await table(bot, ProposalDraft)
    assert (draft.step, draft.contact) == ("summary", "0991234567")


async def test_staff_in_english_read_english_commands_and_who_acted_in_words(bot):
    code = await log_a_need(bot)
    english = {"user_id": STAFF_ID, "language_code": "en"}
    await bot.say(f"/note {code} call the municipality", **english)
    (done,) = await bot.say(f"/respond {code} We will publish the contracts", **english)
    assert f"/view {code} shows whether it arrived" in done.text
    (view,) = await bot.say(f"/view {code}", **english)
    assert "citizen: Received" in view.text
    assert "team member " in view.text and "equipo" not in view.text
    assert f"Commands: /respond {code} text · /refer {code} institution" in view.text
    for command in ("/responder", "/derivar", "/descartar", "/aceptar", "/ver "):
        assert command not in view.text + done.text
    (usage,) = await bot.say("/view", **english)
    assert usage.text.startswith("Usage: /view GA-XXXX-XX")
    (missing,) = await bot.say(f"/refer {code}", **english)
    assert missing.text == "Name the institution: /refer CODE Institution"
    (spanish,) = await bot.say(f"/ver {code}", user_id=STAFF_ID)
    assert "ciudadano/a: Recibida" in spanish.text and "equipo " in spanish.text
    assert "equipo:" not in spanish.text


async def test_emoji_alone_is_not_a_need_and_a_typed_no_skips_the_optional_steps(bot):
    await bot.say("/proponer")
    await bot.press("pp:ok")
    await bot.press("pp:cat:otro")
    (refused,) = await bot.say("😀" * 25)
    assert refused.text == (
        "Escriba su necesidad con palabras, por favor: solo recibí emojis, números o signos."
    )
    (draft,) = await table(bot, ProposalDraft)
    assert draft.step == "text" and draft.text is None
    (province,) = await bot.say(NEED + " 🙏")
    assert "Paso 3 de 4" in province.text
    (contact,) = await bot.say("Ninguna")  # instead of pressing «Omitir»
    assert "Paso 4 de 4" in contact.text
    (summary,) = await bot.say("no, gracias.")
    assert "Provincia: no indicada" in summary.text and "Contacto: no indicado" in summary.text
    await bot.say("/propose", user_id=OTHER_CITIZEN_ID, language_code="en")
    await bot.press("pp:ok", user_id=OTHER_CITIZEN_ID, language_code="en")
    await bot.press("pp:cat:otro", user_id=OTHER_CITIZEN_ID, language_code="en")
    (refused,) = await bot.say(
        "👍👍👍 !!! 123456789012345", user_id=OTHER_CITIZEN_ID, language_code="en"
    )
    assert refused.text.startswith("Please write your need in words")
    await bot.say(NEED, user_id=OTHER_CITIZEN_ID, language_code="en")
    await bot.say("skip", user_id=OTHER_CITIZEN_ID, language_code="en")
    (summary,) = await bot.say("No", user_id=OTHER_CITIZEN_ID, language_code="en")
    assert "Check your proposal" in summary.text and "Province: not given" in summary.text


async def test_an_old_confirmation_button_does_not_erase_or_withdraw(bot):
    import time

    await log_a_need(bot)
    (proposal,) = await table(bot, Proposal)
    hours_ago = time.time() - 3 * 3600
    # "Sí, retirar" pressed on a confirmation sent hours ago: nothing is withdrawn, and the
    # citizen is offered to ask again with a fresh button.
    calls = await bot.press(f"pwy:{proposal.id}", sent_at=hours_ago)
    (expired,) = texts(calls)
    assert "caducó" in expired and proposal.code in expired
    assert f"pw:{proposal.id}" in data(next(c for c in calls if c.method == "sendMessage"), "pw:")
    (kept,) = await table(bot, Proposal)
    assert kept.status != "retirada"
    # "Sí, borrar" on an old confirmation: nothing is erased; /borrar_mis_datos asks again.
    (expired,) = texts(await bot.press("del:yes", sent_at=hours_ago))
    assert "caducó" in expired and "/borrar_mis_datos" in expired
    assert len(await table(bot, Citizen)) == 1
    # A fresh confirmation still acts.
    (done,) = texts(await bot.press(f"pwy:{proposal.id}"))
    assert "Retiró la propuesta" in done
