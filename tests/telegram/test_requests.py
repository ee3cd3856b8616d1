"""Information requests through the real dispatcher: what the citizen sends, what the bot answers.

Transcripts in Spanish and English, bad input, a restart in the middle of the flow, the deadline
reminder through the outbox (once, also across a restart), and what the database keeps.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest_asyncio
from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import select

from bot.app import shutdown, telegram_sender
from bot.models import InformationRequest
from bot.services.requests import ecuador_today, legal_deadline, reminder_time
from tests.conftest import BotHarness, harness_for, make_settings
from tests.factories import CITIZEN_ID, GROUP_ID, MEDIA, message

DESCRIPTION = (
    "Copia de los contratos de compra de medicinas del Hospital del Sur firmados entre enero y "
    "junio de 2025, con montos y proveedores."
)
ENGLISH_ID = 5_550_777


@pytest_asyncio.fixture
async def world(tmp_path: Path, database_url: str):
    """Settings and a running bot without the background outbox worker."""
    # A whole flow plus every kind of bad input is more than the flood limit of a real minute.
    settings = make_settings(tmp_path, database_url, flood_max_messages=500)
    application, harness = await harness_for(settings, deliver_notifications=False)
    state = {"application": application, "bot": harness, "settings": settings}
    try:
        yield state
    finally:
        await shutdown(state["application"])
        await state["application"].shutdown()
    assert not state["bot"].errors, state["bot"].errors


async def restart(state) -> BotHarness:
    """Stop the bot and start a new process on the same database."""
    assert not state["bot"].errors, state["bot"].errors
    await shutdown(state["application"])
    await state["application"].shutdown()
    application, harness = await harness_for(state["settings"], deliver_notifications=False)
    state.update(application=application, bot=harness)
    return harness


def data(call, prefix: str) -> list[str]:
    return [d for _, d in call.buttons if d.startswith(prefix)]


def texts(calls) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]


def alert(calls) -> str:
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    return answer.params.get("text", "")


def pdf_text(bot: BotHarness) -> str:
    """The text of the last PDF the bot sent, as a reader would extract it."""
    _method, _field, name, content = bot.api.uploads[-1]
    assert name is not None and name.endswith(".pdf") and content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


async def database_dump(bot: BotHarness) -> str:
    """Every row of every table, as one string."""
    async with bot.services.db.session() as session:
        names = [
            "citizen",
            "information_request",
            "request_draft",
            "notification",
            "question_log",
            "staff_question",
        ]
        rows = {n: [list(r) for r in await session.exec(text(f"SELECT * FROM {n}"))] for n in names}
    return json.dumps(rows, default=str, ensure_ascii=False)


async def test_spanish_transcript_from_slash_command_to_the_reminder_and_next_steps(world):
    bot = world["bot"]
    (consent,) = await bot.say("/solicitud")
    assert "Qué guardo" in consent.text and "<b>Nunca</b> su nombre, cédula" in consent.text
    assert data(consent, "rq:") == ["rq:ok", "rq:x"]

    (step1,) = texts(await bot.press("rq:ok"))
    assert "Paso 1 de 4" in step1

    # An exact acronym is taken directly; the directory does not know its channel.
    chosen, step2 = await bot.say("SERCOP")
    assert "Institución: <b>Servicio Nacional de Contratación Pública</b>" in chosen.text
    assert "mis fuentes no dicen por qué canal" in chosen.text and "Art. 19" in chosen.text
    assert "Paso 2 de 4" in step2.text and "el periodo" in step2.text

    (step3,) = await bot.say(DESCRIPTION)
    assert "Paso 3 de 4" in step3.text
    assert data(step3, "rq:f:") == ["rq:f:digital", "rq:f:fisica"]
    (step4,) = texts(await bot.press("rq:f:digital"))
    assert "Paso 4 de 4" in step4 and "no ponga datos personales" in step4

    calls = await bot.send(message("contratos de medicinas 2025"))
    (document,) = [c for c in calls if c.method == "sendDocument"]
    assert "Complete a mano su nombre, cédula, contacto y firma" in document.params["caption"]
    ready, letter_text, ask_date = [c for c in calls if c.method == "sendMessage"]
    assert "Su solicitud está lista" in ready.text
    assert letter_text.text.startswith("<pre>SOLICITUD DE ACCESO")
    assert "Formato en que solicito la información: digital" in letter_text.text
    assert data(ask_date, "rq:d:") == ["rq:d:today", "rq:d:yesterday", "rq:d:later"]

    letter = pdf_text(bot)
    assert "Servicio Nacional de Contratación Pública (SERCOP)" in letter
    assert " ".join(DESCRIPTION.split()) in letter
    assert "Ley Orgánica de Transparencia y Acceso a la Información Pública (LOTAIP)" in letter
    # The citizen's Telegram name and id appear nowhere: the blanks are for them to fill.
    assert "Ciudadana" not in letter and str(CITIZEN_ID) not in letter
    assert "Nombres y apellidos: ___" in letter and "Firma: ___" in letter

    (deadline,) = texts(await bot.press("rq:d:today"))
    today = ecuador_today()
    due = legal_deadline(today)
    assert "10 días calendario" in deadline and "lotaip.com" in deadline
    assert f"{due.day} de " in deadline and "feriado" in deadline

    (listing,) = await bot.say("/mis_solicitudes")
    assert "Servicio Nacional de Contratación Pública" in listing.text
    assert "contratos de medicinas 2025" in listing.text and "en plazo" in listing.text

    # The database keeps institution, subject, dates — not the request's text, not the name.
    dump = await database_dump(bot)
    assert "Hospital del Sur" not in dump and "proveedores" not in dump
    assert "Ciudadana" not in dump

    # At the deadline the outbox asks once, with the four answers; a restart sends nothing more.
    application = world["application"]
    at = reminder_time(due)
    outbox = bot.services.outbox
    send = telegram_sender(application)
    assert (await outbox.deliver_due(send, now=at - dt.timedelta(minutes=1))).sent == 0
    assert (await outbox.deliver_due(send, now=at)).sent == 1
    (reminder,) = [c for c in bot.api.delivered() if "¿Le respondieron?" in c.text]
    assert len(reminder.buttons) == 4
    bot = await restart(world)
    send = telegram_sender(world["application"])
    assert (await bot.services.outbox.deliver_due(send, now=at + dt.timedelta(days=2))).sent == 0
    assert not [c for c in bot.api.delivered() if "¿Le respondieron?" in c.text]

    async with bot.services.db.session() as session:
        (row,) = list(await session.exec(select(InformationRequest)))
    # Press "❌ No": the next steps from the sources, and the follow-up letter on offer.
    calls = await bot.press(data(reminder, "rq:a:")[2])
    (steps,) = [c for c in calls if c.method == "sendMessage"]
    assert "Defensoría del Pueblo" in steps.text and "Art. 91" in steps.text
    assert "47 y 48" in steps.text
    assert data(steps, "rq:l:") == [f"rq:l:{row.id}"]
    calls = await bot.press(f"rq:l:{row.id}")
    assert [c for c in calls if c.method == "sendDocument"]
    followup = pdf_text(bot)
    assert "Insistencia" in followup and "contratos de medicinas 2025" in followup
    assert "artículo 91" in followup
    # A stale answer button (the reminder pressed again) gets a clear message.
    assert "ya no está vigente" in alert(await bot.press(f"rq:a:{row.id}:extension"))


async def test_the_reminder_reaches_the_bot_api_once_with_the_four_buttons(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("Defensoría del Pueblo")
    await bot.say(DESCRIPTION)
    await bot.press("rq:f:fisica")
    await bot.say("contratos hospital")
    await bot.press("rq:d:yesterday")
    due = legal_deadline(ecuador_today() - dt.timedelta(days=1))
    send = telegram_sender(world["application"])
    await bot.services.outbox.deliver_due(send, now=reminder_time(due))
    await bot.services.outbox.deliver_due(send, now=reminder_time(due) + dt.timedelta(hours=5))
    reminders = [c for c in bot.api.delivered() if "¿Le respondieron?" in c.text]
    assert len(reminders) == 1
    assert [label for label, _ in reminders[0].buttons] == [
        "✅ Sí",
        "🟡 En parte",
        "❌ No",
        "⏳ Me pidieron prórroga",
    ]
    # "⏳ Me pidieron prórroga" moves the deadline by five days and asks again then.
    extension = data(reminders[0], "rq:a:")[3]
    (moved,) = texts(await bot.press(extension))
    new_due = due + dt.timedelta(days=5)
    assert "5 días" in moved and f"{new_due.day} de " in moved
    assert (await bot.services.outbox.deliver_due(send, now=reminder_time(new_due))).sent == 1


async def test_english_transcript_with_a_typo_a_warning_and_a_late_answer(world):
    bot = world["bot"]
    kw = {"user_id": ENGLISH_ID, "language_code": "en"}
    (consent,) = await bot.say("/request", **kw)
    assert "What I keep" in consent.text and "<b>Never</b> your name" in consent.text
    await bot.press("rq:ok", **kw)
    (choices,) = await bot.say("minsterio del ambiete", **kw)
    assert "Which one is it?" in choices.text
    assert data(choices, "rq:i:")[0] == "rq:i:ambiente" and data(choices, "rq:o")
    calls = await bot.press("rq:i:ambiente", **kw)
    chosen, step2 = texts(calls)
    assert "Ministerio de Ambiente, Agua y Transición Ecológica" in chosen
    assert "my sources do not say" in chosen and "Step 2 of 4" in step2

    (warning,) = await bot.say("Los informes de calidad del agua del río Machángara", **kw)
    assert "I see no period" in warning.text
    assert data(warning, "rq:") == ["rq:k", "rq:w"]
    (step3,) = texts(await bot.press("rq:k", **kw))
    assert "Step 3 of 4" in step3
    await bot.press("rq:f:fisica", **kw)
    calls = await bot.send(message("water reports", **kw))
    ready, _letter, _ask = texts(calls)
    assert "It is in Spanish, as the institution expects" in ready
    assert "copias físicas" in pdf_text(bot)

    submitted = ecuador_today() - dt.timedelta(days=20)
    (deadline,) = await bot.say(submitted.strftime("%d/%m/%Y"), **kw)
    assert "10 calendar days" in deadline.text and "unofficial explainer" in deadline.text

    (listing,) = await bot.say("/my_requests", **kw)
    assert "deadline passed, no answer recorded" in listing.text
    (ask,) = data(listing, "rq:q:")
    (question,) = texts(await bot.press(ask, **kw))
    assert "Did they answer you?" in question
    request_id = ask.split(":")[2]
    (timing,) = texts(await bot.press(f"rq:a:{request_id}:yes", **kw))
    assert "within the deadline" in timing
    (noted,) = texts(await bot.press(f"rq:a:{request_id}:late", **kw))
    assert "Noted: answered" in noted


async def test_bad_input_gets_a_clear_message_at_every_step(world):
    bot = world["bot"]
    # Buttons from nowhere: nothing in progress.
    assert "ya no está vigente" in alert(await bot.press("rq:f:digital"))
    assert "ya no está vigente" in alert(await bot.press("rq:a:999:yes"))
    assert "ya no está vigente" in alert(await bot.press("rq:l:999"))
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    assert "no está en mi directorio" in alert(await bot.press("rq:i:ministerio-inventado"))
    (html,) = await bot.say("<b>SERCOP</b>")
    assert "sin etiquetas HTML" in html.text
    (unknown,) = await bot.say("Ministerio de la Felicidad")
    assert "No encontré «Ministerio de la Felicidad»" in unknown.text
    chosen, _step2 = texts(await bot.press("rq:o"))
    assert "Institución: <b>Ministerio de la Felicidad</b>" in chosen
    (photo,) = texts(await bot.send(message(None, extra=MEDIA["photo"])))
    assert "necesito texto escrito" in photo
    for typed, expected in [
        ("   ", "No recibí texto"),
        ("\x00\x00", "No recibí texto"),
        ("info", "demasiado corto"),
        ("x" * 2001, "Es muy largo (2.001 caracteres"),
        ("<script>alert(1)</script> los contratos de 2025", "sin etiquetas HTML"),
    ]:
        (answer,) = await bot.say(typed)
        assert expected in answer.text, typed
    (step3,) = await bot.say(DESCRIPTION)
    assert "Paso 3 de 4" in step3.text
    assert "ya no está vigente" in alert(await bot.press("rq:k"))  # no warning was given
    await bot.press("rq:f:digital")
    (personal,) = await bot.say("mi cédula 1712345678")
    assert "cédula o un correo" in personal.text
    await bot.say("contratos 2025")
    for typed, expected in [
        ((ecuador_today() + dt.timedelta(days=3)).strftime("%d/%m/%Y"), "todavía no llega"),
        ("1/1/2003", "18 de mayo de 2004"),
        ("el martes pasado", "No entendí la fecha"),
    ]:
        (answer,) = await bot.say(typed)
        assert expected in answer.text, typed
    (done,) = await bot.say("hoy")
    assert "Plazo de respuesta" in done.text


async def test_a_half_written_request_survives_a_restart(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("sercop")
    bot = await restart(world)
    # Not a reply to the bot's message: the new process knows the citizen is typing.
    (step3,) = await bot.say(DESCRIPTION)
    assert "Paso 3 de 4" in step3.text
    (cancelled,) = await bot.say("/cancelar")
    assert "No guardé su texto" in cancelled.text
    # With the flow gone, the same text is a question for the answer engine again.
    (answer,) = await bot.say("¿qué es la LOTAIP?")
    assert "LOTAIP" in answer.text and "Paso" not in answer.text


async def test_the_access_answers_offer_the_request_flow(world):
    bot = world["bot"]
    (answer,) = await bot.say("¿Cómo pido información pública a una institución?")
    assert data(answer, "rq:start")
    (consent,) = texts(await bot.press("rq:start"))
    assert "Preparar una solicitud de acceso a la información pública" in consent


async def test_my_data_and_erasure_cover_requests(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("sercop")
    await bot.say(DESCRIPTION)
    await bot.press("rq:f:digital")
    await bot.say("contratos 2025")
    await bot.press("rq:d:today")
    (summary,) = await bot.say("/mis_datos")
    assert "Solicitudes de información: 1" in summary.text
    _method, _field, name, content = bot.api.uploads[-1]
    exported = json.loads(content)
    assert name == "mis_datos.json"
    assert exported["information_requests"][0]["subject"] == "contratos 2025"
    await bot.say("/borrar_mis_datos")
    (done,) = texts(await bot.press("del:yes"))
    assert "De 1 solicitud de información quedan solo la institución" in done
    async with bot.services.db.session() as session:
        (row,) = list(await session.exec(select(InformationRequest)))
    assert row.citizen_id is None and row.subject == ""
    assert row.institution_name == "Servicio Nacional de Contratación Pública"


async def test_a_long_description_full_of_markup_characters_arrives_in_valid_pieces(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("presidencia")
    # 2,000 characters where every "&" and "<" must be escaped, so the HTML is longer still.
    await bot.say(("Gastos & contratos < 2025 " * 80)[:2000])
    await bot.press("rq:k")  # "very long" warning: keep it
    await bot.press("rq:f:digital")
    calls = await bot.send(message("gastos 2025"))
    pieces = [c.text for c in calls if c.method == "sendMessage" and c.text.startswith("<pre>")]
    assert len(pieces) >= 2
    assert all(p.endswith("</pre>") and len(p) <= 4096 for p in pieces)
    assert "&amp; contratos &lt; 2025" in "".join(pieces)


async def test_a_known_channel_is_shown_with_its_source(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    chosen, _step2 = await bot.say("Presidencia de la República")
    assert "Cómo recibe solicitudes:" in chosen.text
    assert "https://www.gob.ec/pr/tramites/atencion-solicitudes-acceso-informacion-publica" in (
        chosen.text
    )


def test_one_huge_line_of_ampersands_is_cut_so_every_piece_fits():
    from bot.render.texts import escape
    from handlers.requests import PIECE_LIMIT, text_pieces

    plain = "Asunto\n" + "&" * 2000 + "\nFin\n"
    pieces = text_pieces(plain)
    assert "".join(pieces) == plain
    assert all(len(escape(piece)) <= PIECE_LIMIT for piece in pieces)


async def test_submitting_later_keeps_the_request_until_the_citizen_gives_the_date(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("cpccs")
    await bot.say("Actas de las sesiones del pleno del CPCCS de enero a marzo de 2025")
    await bot.press("rq:f:digital")
    await bot.say("actas del pleno 2025")
    (later,) = texts(await bot.press("rq:d:later"))
    assert "sin presentar" in later
    (listing,) = await bot.say("/mis_solicitudes")
    assert "sin presentar" in listing.text
    (submitted,) = data(listing, "rq:s:")
    (ask,) = texts(await bot.press(submitted))
    assert "Consejo de Participación Ciudadana y Control Social" in ask
    (deadline,) = texts(await bot.press("rq:d:yesterday"))
    due = legal_deadline(ecuador_today() - dt.timedelta(days=1))
    assert f"{due.day} de " in deadline
    # The "Ya la presenté" button is now stale.
    assert "ya no está vigente" in alert(await bot.press(submitted))


async def test_a_reminder_queued_before_a_restart_is_sent_once_by_the_new_process(world):
    bot = world["bot"]
    await bot.say("/solicitud")
    await bot.press("rq:ok")
    await bot.say("mintel")
    await bot.say(DESCRIPTION)
    await bot.press("rq:f:digital")
    await bot.say("datos abiertos 2025")
    await bot.press("rq:d:today")
    due = legal_deadline(ecuador_today())
    bot = await restart(world)  # the bot stops before the deadline
    send = telegram_sender(world["application"])
    outbox = bot.services.outbox
    assert (await outbox.deliver_due(send, now=reminder_time(due))).sent == 1
    assert (await outbox.deliver_due(send, now=reminder_time(due) + dt.timedelta(days=1))).sent == 0
    (reminder,) = [c for c in bot.api.delivered() if "¿Le respondieron?" in c.text]
    assert "Ministerio de Telecomunicaciones" in reminder.text


async def test_in_a_group_the_flow_moves_to_a_private_chat(world):
    bot = world["bot"]
    calls = await bot.send(message("/solicitud", chat_type="group", chat_id=GROUP_ID))
    (private,) = texts(calls)
    assert "escríbame en privado" in private
    assert (
        await bot.services.requests.draft(
            (await bot.services.citizens.identify(CITIZEN_ID, None)).id
        )
        is None
    )


async def test_typing_at_a_button_step_points_to_the_buttons_instead_of_answering(bot):
    await bot.say("/solicitud")
    (consent,) = await bot.say("hoy")
    assert "pulse «✅ Acepto»" in consent.text and not consent.buttons
    await bot.press("rq:ok")
    await bot.say("SERCOP")
    await bot.say(DESCRIPTION)
    for typed in ("digital", "hoy", "¿qué es la lotaip?"):
        (delivery,) = await bot.say(typed)
        assert "«💾 Digital» o «📄 Copias físicas»" in delivery.text, typed
    (photo,) = texts(await bot.send(message(None, extra=MEDIA["photo"])))
    assert "«💾 Digital» o «📄 Copias físicas»" in photo
    (step4,) = texts(await bot.press("rq:f:digital"))
    assert "Paso 4 de 4" in step4, "the flow goes on where it was"
