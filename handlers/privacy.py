"""/mis_datos and /borrar_mis_datos: the citizen's data rights (see bot/services/privacy.py)."""

from __future__ import annotations

import json

from telegram import InputFile, Update

from bot.context import AppContext
from bot.render.telegram import data_summary, erasure_text
from bot.render.texts import render
from handlers import callbacks
from handlers.common import (
    button,
    citizen_of,
    confirmation_expired,
    keyboard,
    language_of,
    private_citizen,
    reply,
)


async def my_data(update: Update, context: AppContext) -> None:
    """/mis_datos: everything held about the citizen, as a message and a JSON file."""
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    export = await context.services.privacy.export(citizen.id)
    await reply(update, data_summary(export, language))
    payload = json.dumps(export.model_dump(), ensure_ascii=False, indent=2).encode()
    if update.effective_chat is not None:
        await update.effective_chat.send_document(
            InputFile(payload, filename="mis_datos.json"), caption=render("data.caption", language)
        )


async def ask_erase(update: Update, context: AppContext) -> None:
    """/borrar_mis_datos: explain and ask for confirmation."""
    found = await private_citizen(update, context)
    if found is None:
        return
    _, language = found
    markup = keyboard(
        [
            [
                button(render("erase.yes", language), callbacks.ERASE.build("yes")),
                button(render("erase.no", language), callbacks.ERASE.build("no")),
            ]
        ]
    )
    await reply(update, render("erase.confirm", language), markup)


async def erase(update: Update, context: AppContext) -> None:
    """Confirmation of /borrar_mis_datos: erase and say exactly what was kept and why."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    await query.answer()
    await query.edit_message_reply_markup(None)
    if callbacks.ERASE.parse(query.data) == ("no",) or citizen is None:
        await reply(update, render("erase.cancelled", language))
        return
    if confirmation_expired(update):
        await reply(update, render("erase.expired", language))
        return
    user = update.effective_user
    # Their Telegram names leave the kept texts too; they are read from this update only.
    report = await context.services.privacy.erase(
        citizen.id, (user.first_name, user.last_name, user.username)
    )
    context.citizen_memo = None
    await reply(update, erasure_text(report, language))
