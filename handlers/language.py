"""/idioma (/language): Spanish or English, remembered per citizen."""

from __future__ import annotations

from telegram import Update

from bot.context import AppContext
from bot.render.texts import render
from handlers import callbacks
from handlers.common import button, citizen_of, keyboard, language_of, reply


async def ask_language(update: Update, context: AppContext) -> None:
    """Offer the two languages."""
    language = await language_of(update, context)
    markup = keyboard(
        [
            [
                button("🇪🇨 Español", callbacks.LANGUAGE.build("es")),
                button("🇬🇧 English", callbacks.LANGUAGE.build("en")),
            ]
        ]
    )
    await reply(update, render("language.choose", language), markup)


async def set_language(update: Update, context: AppContext) -> None:
    """Store the chosen language and confirm in it."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    (language,) = callbacks.LANGUAGE.parse(query.data)
    await query.answer()
    if await citizen_of(update, context) is None:
        return
    await context.services.citizens.set_language(update.effective_user.id, language)
    context.citizen_memo = None
    await query.edit_message_text(render("language.set", language))
