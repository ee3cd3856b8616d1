"""/temas (/topics): browse the knowledge base by topic with paged keyboards."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import AppContext
from bot.render.texts import render
from handlers import callbacks
from handlers.common import (
    button,
    expired_text,
    keyboard,
    language_of,
    pressed_under,
    reply,
)

PAGE_SIZE = 6


def _pager(
    data: Callable[[int], str], page: int, pages: int, language: str
) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(button(render("nav.prev", language), data(page - 1)))
    if page < pages - 1:
        row.append(button(render("nav.next", language), data(page + 1)))
    return row


def topics_keyboard(context: AppContext, language: str, page: int) -> InlineKeyboardMarkup | None:
    """Return one page of the topic list."""
    topics = context.services.answers.kb.topics
    pages = max(1, -(-len(topics) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = [
        [button(t.name.get(language), callbacks.TOPIC.build(t.id, 0))]
        for t in topics[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    rows.append(_pager(callbacks.TOPICS_PAGE.build, page, pages, language))
    return keyboard(rows)


def topic_entries_keyboard(
    context: AppContext, topic_id: str, language: str, page: int
) -> InlineKeyboardMarkup | None:
    """Return one page of a topic's questions, with back navigation."""
    entries = context.services.answers.kb.topic_entries(topic_id)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = [
        [button(e.question.get(language), callbacks.ENTRY.build(e.id))]
        for e in entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    rows.append(_pager(lambda other: callbacks.TOPIC.build(topic_id, other), page, pages, language))
    rows.append([button(render("nav.back", language), callbacks.TOPICS_PAGE.build(0))])
    return keyboard(rows)


async def show_topics(update: Update, context: AppContext) -> None:
    """Send the topic list (command or main menu)."""
    language = await language_of(update, context)
    await reply(update, render("topics.title", language), topics_keyboard(context, language, 0))


async def page_topics(update: Update, context: AppContext) -> None:
    """Show another page of the topic list in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    await query.answer()
    (page,) = callbacks.TOPICS_PAGE.parse(query.data)
    await query.edit_message_text(
        render("topics.title", language), reply_markup=topics_keyboard(context, language, page)
    )


async def show_topic(update: Update, context: AppContext) -> None:
    """Show a topic's questions: in place of a topic view, else as a new message."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    topic_id, page = callbacks.TOPIC.parse(query.data)
    topic = next((t for t in context.services.answers.kb.topics if t.id == topic_id), None)
    if topic is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    text = render("topics.entries", language, topic=topic.name.get(language))
    markup = topic_entries_keyboard(context, topic_id, language, page)
    # In place only over the topic views themselves; "⬅️ Volver" under an answer (which has
    # question buttons and no topic paging) leaves the answer and sends the list anew.
    if pressed_under(update, callbacks.TOPICS_PAGE) or not pressed_under(update, callbacks.ENTRY):
        await query.edit_message_text(text, reply_markup=markup)
    else:
        await reply(update, text, markup)
