"""What is not a question: other media, unknown commands, stale buttons, flooding and errors."""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from bot.db import is_unreachable
from bot.render.telegram import help_text
from bot.render.texts import render
from bot.services.citizens import client_language
from bot.services.flood import Verdict
from handlers.common import expired_text, is_private, language_of, reply

logger = logging.getLogger(__name__)
_OUR_PACKAGES = tuple(f"{os.sep}{name}{os.sep}" for name in ("bot", "handlers", "knowledge"))


async def guard_flood(update: Update, context: AppContext) -> None:
    """Stop a citizen who sends too much; tell them once per window."""
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return
    flood = context.services.flood
    # Messages always count; presses only at machine speed (a person's pace through a flow
    # is not a flood).
    verdict = await flood.judge(user.id, press=update.callback_query is not None)
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
    _, at, addressee = command.partition("@")
    # "/start@OtherBot" is for that bot, in a group or forwarded/typed in a private chat alike
    # (PTB's command handlers already take "/start@ThisBot" as "/start").
    if at and addressee.lower() != (context.bot.username or "").lower():
        return
    if not at and not is_private(update):
        return  # in groups, a bare "/start" may be for any bot
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


def _summary(error: BaseException | None) -> tuple[str, str, str]:
    """(handler, exception types, where) of an error, naming code only, never data."""
    if error is None:
        return "?", "?", "?"
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if any(p in f.filename for p in _OUR_PACKAGES)]
    handler = next((f.name for f in ours if f"{os.sep}handlers{os.sep}" in f.filename), "?")
    where = " < ".join(
        f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} {f.name}"
        for f in reversed(ours[-4:])
    )
    kinds = [type(error).__name__]
    cause = error.__cause__ or error.__context__
    while cause is not None and len(kinds) < 4:
        kinds.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    return handler, " ← ".join(kinds), where or "?"


async def report_error(update: object, context: AppContext) -> None:
    """Log what failed without personal data, and tell the citizen without details.

    The log names the update id, the chat type, the handler and the exception's type and place;
    never the update itself, the exception's message (SQL errors quote the values) or any name,
    username, text or contact.
    """
    handler, kinds, where = _summary(context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    logger.error(
        "error in handler %s, update %s (%s chat): %s at %s",
        handler,
        update.update_id if isinstance(update, Update) else "-",
        chat.type if chat is not None else "no",
        kinds,
        where,
    )
    if not isinstance(update, Update) or chat is None:
        return
    unavailable = is_unreachable(context.error)
    try:
        user = update.effective_user
        language = client_language(
            user.language_code if user else None, context.services.settings.default_language
        )
        if not unavailable:
            with contextlib.suppress(Exception):  # the database may be what failed
                language = await language_of(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer()
        if is_private(update):
            key = "error.unavailable" if unavailable else "error.generic"
            await reply(update, render(key, language))
    except Exception as error:  # the error report itself must never raise
        logger.error("could not tell the citizen about the error: %s", type(error).__name__)
