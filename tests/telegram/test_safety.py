"""Limits that protect citizens and the bot: flood control, callback data, long texts, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import shutdown
from bot.services.answers import Reply, Suggestion
from bot.services.questions import LoggedQuestion
from handlers.common import button, split_text
from handlers.proposals import province_keyboard
from handlers.questions import answer_keyboard, fallback_keyboard, suggestions_keyboard
from handlers.start import main_menu
from tests.conftest import harness_for, make_settings, shared_answers
from tests.factories import OTHER_CITIZEN_ID

BIGGEST_ID = 2**63 - 1  # the largest row id (bot.ids makes 63-bit ids)


def all_keyboards():
    """Every keyboard the assistant can build, with the largest ids it can carry."""
    answers = shared_answers()
    kb = answers.kb
    for language in ("es", "en"):
        yield main_menu(language)
        yield fallback_keyboard(language, BIGGEST_ID)
        for page in range(4):
            yield province_keyboard(language, page)
        for entry in kb.entries:
            reply = answers.entry_reply(entry.id, language)
            yield answer_keyboard(reply, BIGGEST_ID)
            suggest = Reply(
                "suggest",
                "x",
                language,
                suggestions=(
                    *(Suggestion(e.id, e.question.get(language), 0.5) for e in kb.entries[:3]),
                    Suggestion(entry.id, entry.question.get(language), 0.5),
                ),
            )
            yield suggestions_keyboard(suggest, LoggedQuestion(BIGGEST_ID, BIGGEST_ID))


def test_every_keyboard_keeps_callback_data_within_64_bytes():
    count = 0
    for markup in all_keyboards():
        for row in markup.inline_keyboard:
            for item in row:
                assert 1 <= len(item.callback_data.encode()) <= 64, item.callback_data
                count += 1
    assert count > 300


def test_topic_and_entry_buttons_fit_for_every_topic():
    from handlers.topics import topic_entries_keyboard

    class Context:  # the keyboard builders only read the services
        class services:
            answers = shared_answers()

    for topic in shared_answers().kb.topics:
        for language in ("es", "en"):
            markup = topic_entries_keyboard(Context, topic.id, language, 0)
            assert all(
                len(b.callback_data.encode()) <= 64 for r in markup.inline_keyboard for b in r
            )


def test_a_button_with_oversized_data_is_refused_when_built():
    with pytest.raises(ValueError, match="64 bytes"):
        button("x", "a:" + "ñ" * 40)


def test_long_texts_are_split_below_telegram_limit_at_paragraphs():
    paragraphs = [f"Párrafo {n}: " + "palabra " * 60 for n in range(30)]
    chunks = split_text("\n\n".join(paragraphs))
    assert len(chunks) > 1
    assert all(len(chunk) <= 4096 for chunk in chunks)
    assert all(chunk.startswith("Párrafo") for chunk in chunks), "cuts fall between paragraphs"
    assert " ".join(chunks).split() == " ".join(paragraphs).split(), "no word is lost"


async def test_a_flooding_citizen_is_told_once_and_others_are_still_served(
    tmp_path: Path, sqlite_url
):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url, flood_max_messages=3))
    try:
        answered = [await bot.say("que es el gobierno abierto") for _ in range(3)]
        assert all(len(replies) == 1 for replies in answered)
        (notice,) = await bot.say("que es el gobierno abierto")
        assert "muchos mensajes" in notice.text
        assert await bot.say("que es el gobierno abierto") == [], "ignored until the window passes"
        (other,) = await bot.say("que es el gobierno abierto", user_id=OTHER_CITIZEN_ID)
        assert "gobierno abierto" in other.text
    finally:
        await shutdown(application)
        await application.shutdown()


async def test_an_internal_error_gets_a_polite_reply_without_details(tmp_path: Path, sqlite_url):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url))
    try:

        def broken(*args, **kwargs):
            raise RuntimeError("database exploded: secret detail")

        bot.services.questions.record = broken
        replies = await bot.say("que es el gobierno abierto")
        assert [r.text for r in replies] == [
            "Lo siento, ocurrió un error al procesar su mensaje. Por favor, inténtelo de nuevo "
            "en un momento."
        ]
        assert len(bot.errors) == 1
        bot.errors.clear()
    finally:
        await shutdown(application)
        await application.shutdown()
