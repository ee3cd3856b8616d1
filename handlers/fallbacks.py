"""What is not a question: other media, unknown commands, stale buttons, flooding and errors."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from bot.render.telegram import help_text
from bot.render.texts import render
from bot.services.flood import Verdict
from handlers.common import expired_text, is_private, language_of, reply

logger = logging.getLogger(__name__)


async def guard_flood(update: Update, context: AppContext) -> None:
    """Stop a citizen who sends too much; tell them once per window."""
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return
    verdict = context.services.flood.check(user.id, press=update.callback_query is not None)
    if verdict is Verdict.SERVE:
        return
    if verdict is Verdict.WARN and is_private(update):
        language = await language_of(update, context)
        await reply(update, render("flood.notice", language))
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def unsupported_media(update: Update, context: AppContext) -> None:
    """Photos, stickers, voice, files, locations…: explain that text is needed."""
    if not is_private(update):
        return
    language = await language_of(update, context)
    await reply(update, render("media.unsupported", language))


async def unknown_command(update: Update, context: AppContext) -> None:
    """A command the bot does not know: say so and show the help."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.text.split()[0]
    if not is_private(update) and "@" not in command:
        return  # in groups, commands without our name may be for other bots
    language = await language_of(update, context)
    await reply(
        update,
        render("command.unknown", language, command=command) + "\n\n" + help_text(language),
    )


async def expired_button(update: Update, context: AppContext) -> None:
    """Any callback data no handler recognised: forged, or from an older version."""
    query = update.callback_query
    if query is None:
        return
    language = await language_of(update, context)
    await query.answer(expired_text(language), show_alert=True)


async def report_error(update: object, context: AppContext) -> None:
    """Log the error with its context and tell the citizen, without details."""
    logger.error(
        "error while handling update %s",
        html.escape(str(update.to_dict() if isinstance(update, Update) else update))[:2000],
        exc_info=context.error,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        language = await language_of(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer()
        if is_private(update):
            await reply(update, render("error.generic", language))
    except Exception:  # the error report itself must never raise
        logger.exception("could not tell the citizen about the error")
