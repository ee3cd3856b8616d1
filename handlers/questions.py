"""Free text → the answer engine; "¿Quiso decir…?" choices, feedback, and the staff queue."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update

from bot.context import AppContext
from bot.render.telegram import detail_html, reply_html
from bot.render.texts import render
from bot.services.answers import SWITCHES_LANGUAGE, Reply, Suggestion
from bot.services.questions import LoggedQuestion
from bot.services.requests import REQUEST_ENTRY_IDS
from handlers import callbacks
from handlers.common import (
    button,
    citizen_of,
    expired_text,
    is_private,
    keyboard,
    language_of,
    reply,
)
from handlers.keyboards import reply_with_commitments


@lru_cache(maxsize=1024)
def _related_rows(
    related: tuple[Suggestion, ...],
) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    # Buttons are immutable; an entry's related questions are the same every time.
    return tuple((button(r.question, callbacks.ENTRY.build(r.id)),) for r in related)


def _detail_rows(answer: Reply) -> list[Sequence[InlineKeyboardButton]]:
    if answer.entry is None or answer.entry.detail is None:
        return []
    label = render("answer.more", answer.language)
    return [[button(label, callbacks.DETAIL.build(answer.entry.id))]]


def answer_keyboard(answer: Reply, log_id: int) -> InlineKeyboardMarkup | None:
    """Detail, related questions, "Preparar una solicitud" under request answers, 👍 / 👎."""
    rows: list[Sequence[InlineKeyboardButton]] = _detail_rows(answer)
    rows.extend(_related_rows(answer.related))
    if answer.entry_id in REQUEST_ENTRY_IDS:
        start = callbacks.REQUEST_START.build()
        rows.append([button(render("request.start_button", answer.language), start)])
    rows.append(
        [
            button(render("feedback.yes", answer.language), callbacks.FEEDBACK.build(log_id, 1)),
            button(render("feedback.no", answer.language), callbacks.FEEDBACK.build(log_id, 0)),
        ]
    )
    return keyboard(rows)


def suggestions_keyboard(answer: Reply, logged: LoggedQuestion) -> InlineKeyboardMarkup | None:
    """One button per “¿Quiso decir…?” choice, plus "Ninguna de estas"."""
    rows = [
        [button(s.question, callbacks.PICK.build(logged.log_id, s.id))] for s in answer.suggestions
    ]
    if logged.draft_id is not None:
        rows.append(
            [
                button(
                    render("answer.suggest_none", answer.language),
                    callbacks.NONE_OF_THESE.build(logged.draft_id),
                )
            ]
        )
    return keyboard(rows)


def fallback_keyboard(language: str, draft_id: int | None) -> InlineKeyboardMarkup | None:
    """Offer to send the question to staff, to log it as a need, and the topics."""
    rows = []
    if draft_id is not None:
        rows.append(
            [button(render("fallback.send", language), callbacks.SEND_TO_STAFF.build(draft_id))]
        )
        rows.append(
            [
                button(
                    render("propose.from_fallback", language),
                    callbacks.PROPOSE_QUESTION.build(draft_id),
                )
            ]
        )
    rows.append([button(render("nav.topics", language), callbacks.TOPICS_PAGE.build(0))])
    return keyboard(rows)


def _addressed_text(update: Update, context: AppContext) -> str | None:
    """The text meant for the bot: all of it in private; in groups only mentions and replies."""
    message = update.effective_message
    if message is None or message.text is None:
        return None
    if is_private(update):
        return message.text
    username = context.bot.username
    mentioned = any(
        entity.type == MessageEntity.MENTION
        and message.parse_entity(entity).lower() == f"@{username}".lower()
        for entity in message.entities
    )
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    if not (mentioned or replied):
        return None
    return re.sub(rf"@{re.escape(username)}\b", " ", message.text, flags=re.IGNORECASE).strip()


async def answer_question(update: Update, context: AppContext) -> None:
    """Answer a citizen's free-text question from the knowledge base."""
    text = _addressed_text(update, context)
    if text is None:
        return
    citizen = await citizen_of(update, context)
    preferred = await language_of(update, context, citizen)
    services = context.services
    answer = services.answers.answer(text, preferred)
    if answer.decision in ("too_long", "empty"):
        await reply(update, reply_html(answer))
        return
    logged = services.questions.record(citizen.id if citizen else None, text, answer)
    if (
        citizen is not None
        and answer.language != preferred
        and answer.decision in SWITCHES_LANGUAGE
        and update.effective_user
    ):
        # The engine answers in the language the question is written in (the preferred one only
        # when that is unclear). The conversation goes on in it, as after /idioma: the buttons
        # under this answer, the next commands and the notices reply in it too.
        await services.citizens.set_language(update.effective_user.id, answer.language)
        context.citizen_memo = replace(citizen, language=answer.language)
    if answer.decision == "commitments" and answer.commitments is not None:
        await reply_with_commitments(update, context, answer.commitments, answer.language)
    elif answer.decision == "answer":
        await reply(update, reply_html(answer), answer_keyboard(answer, logged.log_id))
    elif answer.decision == "suggest":
        await reply(update, reply_html(answer), suggestions_keyboard(answer, logged))
    elif answer.decision == "smalltalk":
        await reply(update, reply_html(answer))
    else:
        if not answer.scope.for_the_team:  # another institution's procedure, or off-topic
            await reply(update, reply_html(answer), fallback_keyboard(answer.language, None))
            return
        draft = logged.draft_id if is_private(update) else None
        await reply(update, reply_html(answer), fallback_keyboard(answer.language, draft))


async def show_entry(update: Update, context: AppContext) -> None:
    """Show an entry chosen from a related-question or topic button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    entry_reply = context.services.answers.entry_reply(
        callbacks.ENTRY.parse(query.data)[0], language
    )
    if entry_reply is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    rows = _detail_rows(entry_reply)
    rows.extend([button(r.question, callbacks.ENTRY.build(r.id))] for r in entry_reply.related)
    if entry_reply.entry is not None:
        rows.append(
            [
                button(
                    render("nav.back", language), callbacks.TOPIC.build(entry_reply.entry.topic, 0)
                )
            ]
        )
    await reply(update, reply_html(entry_reply), keyboard(rows))


async def show_detail(update: Update, context: AppContext) -> None:
    """Show an entry's detail, behind "📖 Más detalles"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    entry_reply = context.services.answers.entry_reply(
        callbacks.DETAIL.parse(query.data)[0], language
    )
    if entry_reply is None or entry_reply.entry is None or entry_reply.entry.detail is None:
        await query.answer(render("answer.detail_expired", language), show_alert=True)
        return
    await query.answer()
    await reply(update, detail_html(entry_reply.entry))


async def pick_suggestion(update: Update, context: AppContext) -> None:
    """The citizen chose one of the “¿Quiso decir…?” entries."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    log_id, entry_id = callbacks.PICK.parse(query.data)
    entry_reply = context.services.answers.entry_reply(entry_id, language)
    if (
        citizen is None
        or entry_reply is None
        or not await context.services.questions.record_pick(log_id, citizen.id, entry_id)
    ):
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await reply(update, reply_html(entry_reply), answer_keyboard(entry_reply, log_id))


async def reject_suggestions(update: Update, context: AppContext) -> None:
    """ "Ninguna de estas": offer to send the question to staff."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    (draft_id,) = callbacks.NONE_OF_THESE.parse(query.data)
    # A stale button (its draft purged, or another's): say so now, not after "Enviar".
    if citizen is None or await context.services.questions.own_draft(draft_id, citizen.id) is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await reply(update, render("none.reply", language), fallback_keyboard(language, draft_id))


async def send_to_staff(update: Update, context: AppContext) -> None:
    """Move the citizen's unanswered question into the staff queue, with their consent."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    (draft_id,) = callbacks.SEND_TO_STAFF.parse(query.data)
    draft = (
        await context.services.questions.send_to_staff(draft_id, citizen.id) if citizen else None
    )
    if draft is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await reply(update, render("fallback.sent", language, number=draft.ref or draft.id))


async def record_feedback(update: Update, context: AppContext) -> None:
    """Store 👍/👎 and thank the citizen."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    log_id, value = callbacks.FEEDBACK.parse(query.data)
    helpful = value == "1"
    if citizen is None or not await context.services.questions.record_feedback(
        log_id, citizen.id, helpful
    ):
        await query.answer(expired_text(language), show_alert=True)
        return
    if helpful:
        await query.answer(render("feedback.thanks_yes", language))
        return
    # 👎: the citizen may want a person to answer; offer the team, not a dead end.
    await query.answer()
    draft = await context.services.questions.draft_for_log(log_id, citizen.id)
    if draft is None or not is_private(update):
        await reply(update, render("feedback.thanks_no", language))
        return
    await reply(
        update, render("feedback.offer_staff", language), fallback_keyboard(language, draft.id)
    )
