"""Helpers every handler shares: who is talking, in which language, and safe output."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageLimit, ParseMode
from telegram.ext import ApplicationHandlerStop, filters

from bot.context import AppContext
from bot.db import is_unreachable
from bot.models import utcnow
from bot.render.html import split_html
from bot.render.texts import render
from bot.services.citizens import CitizenRef, client_language
from handlers.callbacks import CALLBACK_DATA_LIMIT, Codec

logger = logging.getLogger(__name__)


def button(text: str, data: str) -> InlineKeyboardButton:
    """Return an inline button, refusing callback data Telegram would reject."""
    if len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback_data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


_PLAIN = ("text", "callback_data", "url")
_OTHER = tuple(name for name in InlineKeyboardButton.__slots__ if name not in _PLAIN)


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that writes its JSON directly when its buttons are plain.

    PTB's generic ``to_dict`` walks every attribute of every button: it was a tenth of an FAQ
    answer's cost. Buttons of text with callback data or a link (all this bot makes) are
    written as Telegram wants them; any other kind goes through PTB's own serialisation.
    """

    __slots__ = ()

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """The keyboard as the Bot API's JSON object."""
        rows = []
        for row in self.inline_keyboard:
            out = []
            for item in row:
                if item.api_kwargs or any(getattr(item, name) is not None for name in _OTHER):
                    return super().to_dict(recursive)
                plain: dict[str, Any] = {"text": item.text}
                if item.callback_data is not None:
                    plain["callback_data"] = item.callback_data
                if item.url is not None:
                    plain["url"] = item.url
                out.append(plain)
            rows.append(out)
        return {"inline_keyboard": rows}


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """Return a keyboard from non-empty rows, or None when there are none."""
    kept = [list(row) for row in rows if row]
    return Keyboard(kept) if kept else None


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split Telegram HTML into parts Telegram accepts (see :func:`bot.render.html.split_html`)."""
    return split_html(text, limit)


def is_private(update: Update) -> bool:
    """Whether the update comes from a private chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def typed_by_citizen(message: Message, update: Update) -> bool:
    """Whether a message is something the citizen wrote or sent: not a command, not a notice.

    A message with text is never a service notice, so the forty status filters run only for
    the others (they were a tenth of an FAQ update's cost when run on every message).
    """
    if message.text is not None:
        return not filters.COMMAND.check_update(update)
    return not filters.StatusUpdate.ALL.check_update(update)


async def citizen_of(update: Update, context: AppContext) -> CitizenRef | None:
    """Return the citizen behind an update, creating them on first contact."""
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    if context.citizen_memo is None:
        chat_id = update.effective_chat.id if is_private(update) and update.effective_chat else None
        try:
            context.citizen_memo = await context.services.citizens.identify(user.id, chat_id)
        except Exception as error:
            if not is_unreachable(error):
                raise
            # The database is down: say so once and stop this update (no handler can work).
            logger.warning(
                "database unreachable (%s); update %s answered as unavailable",
                type(error).__name__,
                update.update_id,
            )
            if update.callback_query is not None:
                await update.callback_query.answer()
            if is_private(update):
                language = client_language(
                    user.language_code, context.services.settings.default_language
                )
                await reply(update, render("error.unavailable", language))
            raise ApplicationHandlerStop from None
    return context.citizen_memo


async def language_of(
    update: Update, context: AppContext, citizen: CitizenRef | None = None
) -> str:
    """The citizen's language: their choice, else their Telegram client's, else the default."""
    if citizen is None:
        citizen = await citizen_of(update, context)
    if citizen is not None and citizen.language:
        return citizen.language
    user = update.effective_user
    default = context.services.settings.default_language
    return client_language(user.language_code if user else None, default)


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send ``text`` (already safe HTML) to the update's chat, split if too long.

    Telegram answers each message with the whole message it made (text, entities, buttons) and
    no handler reads it, so the call goes out as the Bot API's ``sendMessage`` itself: PTB's
    ``send_message`` would build a ``Message`` of that answer and go through every optional
    argument first (130 µs of a replica's CPU per reply, 210 µs for an answer as Telegram
    makes it: about a tenth of the CPU of a plain question, `python -m bot bench webhook`).
    """
    chat = update.effective_chat
    if chat is None:
        return
    bot = update.get_bot()
    chunks = split_text(text)
    for position, chunk in enumerate(chunks):
        call: dict[str, Any] = {"chat_id": chat.id, "text": chunk, "parse_mode": ParseMode.HTML}
        if markup is not None and position == len(chunks) - 1:
            call["reply_markup"] = markup
        # The same request PTB's send_message makes (defaults, rate limiter, errors raised as
        # TelegramError); only the answer is left as the Bot API's JSON.
        await bot._post("sendMessage", call)


async def private_citizen(update: Update, context: AppContext) -> tuple[CitizenRef, str] | None:
    """The citizen and language, or None after telling a group to use a private chat."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    if citizen is None or not is_private(update):
        if update.callback_query is not None:
            await update.callback_query.answer()
        await reply(update, render("group.use_private", language, link=private_link(context)))
        return None
    return citizen, language


def private_link(context: AppContext) -> str:
    """A t.me link to a private chat with the bot."""
    return f"https://t.me/{context.bot.username}"


# A button that erases or withdraws acts only this long after the bot asked; an old one (in a
# chat scrolled back hours later) answers that the confirmation expired and offers to ask again.
CONFIRMATION_TTL = dt.timedelta(minutes=10)


def confirmation_expired(update: Update) -> bool:
    """Whether the confirmation whose button was pressed was asked too long ago.

    The age is the Telegram date of the message carrying the button, so no state is kept;
    a message Telegram no longer shows the bot (older than 48 hours) has date 0: expired too.
    """
    query = update.callback_query
    message = query.message if query is not None else None
    if message is None:
        return True
    return utcnow() - message.date > CONFIRMATION_TTL


def expired_text(language: str) -> str:
    """The text for a button that is stale or forged."""
    return render("callback.expired", language)


def label(text: str, limit: int = 60) -> str:
    """A button label of at most ``limit`` characters, cut between words with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > limit // 2 else text[: limit - 1]).rstrip(" ,.;:-") + "…"


def pressed_under(update: Update, *codecs: Codec) -> bool:
    """Whether the pressed button's message carries a button of any of ``codecs``.

    Tells which view the press came from, so a handler edits a message only when it replaces
    that same view (paging, back within a list) and sends a new one otherwise.
    """
    query = update.callback_query
    message = query.message if query is not None else None
    markup = getattr(message, "reply_markup", None)
    if markup is None:
        return False
    return any(
        codec.matches(item.callback_data if isinstance(item.callback_data, str) else None)
        for row in markup.inline_keyboard
        for item in row
        for codec in codecs
    )
