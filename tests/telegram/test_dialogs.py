"""Dialogs through the real dispatcher: what the citizen sends, what the assistant answers."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.app import COMMAND_MENU, STAFF_COMMAND_MENU
from bot.models import QuestionLog, StaffQuestion
from bot.render.texts import CATALOGUE
from bot.web.public_texts import PUBLIC_TEXTS
from bot.web.texts import PANEL_TEXTS
from tests.factories import MEDIA, OTHER_CITIZEN_ID, callback, mention, message


def button_data(call, prefix: str) -> list[str]:
    return [data for _, data in call.buttons if data.startswith(prefix)]


async def rows(bot, model):
    await bot.services.questions.flush()  # the log is written in batches; read what is queued
    async with bot.services.db.session() as session:
        return list(await session.exec(select(model)))


async def test_start_greets_and_offers_the_main_menu(bot):
    (welcome,) = await bot.say("/start")
    assert "Asistente de Gobierno Abierto Ecuador" in welcome.text
    assert {"menu:ask", "tp:0", "menu:help"} <= {data for _, data in welcome.buttons}


async def test_a_question_gets_a_sourced_answer_with_related_and_feedback(bot):
    (answer,) = await bot.say("oiga q es eso del gobierno abierto??")
    assert "<b>¿Qué es el gobierno abierto?</b>" in answer.text
    assert "Fuente" in answer.text
    assert button_data(answer, "a:"), "related questions are offered"
    (yes,) = button_data(answer, "fb:")[:1]
    calls = await bot.press(yes)
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "Gracias" in ack.params["text"]
    (logged,) = await rows(bot, QuestionLog)
    assert (logged.entry_id, logged.outcome, logged.feedback) == ("ga-que-es", "answer", 1)
    assert logged.normalized == "oiga q es eso del gobierno abierto"


async def test_an_unknown_question_is_answered_honestly_and_can_reach_staff(bot):
    (fallback,) = await bot.say("quien vigila los contratos de los hospitales en mi ciudad")
    assert "no tengo una respuesta verificada" in fallback.text
    (send,) = button_data(fallback, "sq:")
    assert [q.status for q in await rows(bot, StaffQuestion)] == ["draft"]
    calls = await bot.press(send)
    sent = [c for c in calls if c.method == "sendMessage"]
    assert "llegó al equipo" in sent[0].text
    (pending,) = await bot.services.questions.pending()
    assert pending.text == "quien vigila los contratos de los hospitales en mi ciudad"
    again = await bot.press(send)  # a double tap sends nothing twice
    assert [q.status for q in await rows(bot, StaffQuestion)] == ["pending"]
    assert len(await bot.services.questions.pending()) == 1
    assert any(c.method == "answerCallbackQuery" for c in again)


async def test_a_close_call_offers_choices_and_a_choice_answers(bot):
    replies = await bot.say("participacion")  # one word several subjects share
    (suggest,) = replies
    assert "¿Quiso decir" in suggest.text
    picks = button_data(suggest, "pk:")
    assert 1 <= len(picks) <= 3
    assert button_data(suggest, "no:"), "'Ninguna de estas' is offered"
    chosen_id = picks[0].split(":")[2]
    calls = await bot.press(picks[0])
    (answer,) = [c for c in calls if c.method == "sendMessage"]
    entry = bot.services.answers.kb.entry(chosen_id)
    assert entry.question.es in answer.text
    (logged,) = await rows(bot, QuestionLog)
    assert (logged.outcome, logged.entry_id) == ("picked", chosen_id)


async def test_none_of_these_leads_to_the_staff_queue(bot):
    (suggest,) = await bot.say("participacion")
    (none,) = button_data(suggest, "no:")
    calls = await bot.press(none)
    (offer,) = [c for c in calls if c.method == "sendMessage"]
    assert button_data(offer, "sq:")
    calls = await bot.press(none, user_id=OTHER_CITIZEN_ID)
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no es válido" in ack.params["text"], "someone else's list offers nothing"


async def test_topics_are_browsed_with_pages_and_back_navigation(bot):
    (topics,) = await bot.say("/temas")
    topic_buttons = button_data(topics, "tl:")
    assert len(topic_buttons) == 6, "one page shows six topics"
    assert button_data(topics, "tp:1"), "a next page is offered"
    (page2,) = [c for c in await bot.press("tp:1") if c.method == "editMessageText"]
    assert button_data(page2, "tl:") and button_data(page2, "tp:0")
    (entries,) = [c for c in await bot.press("tl:ogp:0") if c.method == "editMessageText"]
    assert "Alianza para el Gobierno Abierto" in entries.text
    entry_buttons = button_data(entries, "a:")
    assert entry_buttons and "tp:0" in [d for _, d in entries.buttons], "back to the topics"
    (answer,) = [c for c in await bot.press(entry_buttons[0]) if c.method == "sendMessage"]
    assert "Fuente" in answer.text
    assert "tl:ogp:0" in [d for _, d in answer.buttons], "back to the topic"


async def test_language_is_remembered_and_english_questions_get_english(bot):
    (choose,) = await bot.say("/idioma")
    assert {"lang:es", "lang:en"} <= {d for _, d in choose.buttons}
    (done,) = [c for c in await bot.press("lang:en") if c.method == "editMessageText"]
    assert "English" in done.text
    (welcome,) = await bot.say("/start")
    assert "Open Government Assistant" in welcome.text
    (answer,) = await bot.say("what is open government?")
    assert "<b>What is open government?</b>" in answer.text
    assert "Source" in answer.text


async def test_a_spanish_question_is_answered_in_spanish_even_for_english_clients(bot):
    (answer,) = await bot.say("que es el gobierno abierto", language_code="en")
    assert "¿Qué es el gobierno abierto?" in answer.text


async def test_the_client_language_is_the_default(bot):
    (welcome,) = await bot.say("/start", language_code="en-GB")
    assert "Open Government Assistant" in welcome.text


@pytest.mark.parametrize("kind", sorted(MEDIA))
async def test_non_text_gets_a_short_friendly_reply(bot, kind):
    calls = await bot.send(message(None, extra=MEDIA[kind]))
    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert "solo entiendo mensajes de texto" in sent.text


async def test_unknown_commands_get_help(bot):
    (sent,) = await bot.say("/borrartodo")
    assert "No conozco el comando /borrartodo" in sent.text
    assert "/temas" in sent.text


async def test_another_bots_command_in_a_private_chat_gets_no_reply_from_us(bot):
    # "/start@OtroBot" is for that bot; "/start@<this bot>" is our /start.
    for text in ("/start@OtroBot", "/ayuda@OtroBot", "/foo@OtroBot"):
        calls = await bot.send(message(text))
        assert not [c for c in calls if c.method == "sendMessage"], text
    calls = await bot.send(message(f"/start@{bot.api.username}"))
    (welcome,) = [c for c in calls if c.method == "sendMessage"]
    assert "Asistente de Gobierno Abierto Ecuador" in welcome.text
    calls = await bot.send(message("/help@OtherBot", language_code="en"))
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_html_in_a_question_is_escaped_in_every_reply(bot):
    # The fake Bot API refuses invalid HTML, as Telegram does; the reply must still go out.
    (sent,) = await bot.say("<b>hola</b> <script>alert(1)</script> & q es la <ogp>")
    assert "<script>" not in sent.text


async def test_a_huge_message_gets_a_clear_limit(bot):
    (sent,) = await bot.say("transparencia " * 360)  # about 5,000 characters
    assert "muy largo (5.039 caracteres)" in sent.text and "menos de 4.000" in sent.text
    (english,) = await bot.say("y" * 5000, language_code="en")
    assert "very long (5,000 characters)" in english.text and "fewer than 4,000" in english.text
    assert await rows(bot, QuestionLog) == [], "nothing half-processed is logged"


@pytest.mark.parametrize(
    "data",
    [
        "fb:999999:1",
        "pk:424242:ga-que-es",
        "sq:999999",
        "no:999999",  # "Ninguna de estas" under an old list: its draft is gone
        "no:",
        "a:no-existe",
        "tl:nada:0",
        "x" * 64,
        "menu:admin",
    ],
)
async def test_forged_or_stale_buttons_expire_politely(bot, data):
    calls = await bot.press(data)
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no es válido" in ack.params.get("text", "")
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_a_citizen_cannot_send_or_rate_someone_elses_question(bot):
    (fallback,) = await bot.say("quien vigila los contratos de los hospitales en mi ciudad")
    (send,) = button_data(fallback, "sq:")
    calls = await bot.press(send, user_id=OTHER_CITIZEN_ID)
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no es válido" in ack.params["text"]
    assert [q.status for q in await rows(bot, StaffQuestion)] == ["draft"]
    (answer,) = await bot.say("que es el gobierno abierto")
    (rate,) = button_data(answer, "fb:")[:1]
    await bot.press(rate, user_id=OTHER_CITIZEN_ID)
    assert all(log.feedback is None for log in await rows(bot, QuestionLog))


async def test_edited_messages_are_not_answered_twice(bot):
    calls = await bot.send(message("que es el gobierno abierto", edited=True))
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_in_groups_only_mentions_and_commands_are_answered(bot):
    quiet = await bot.send(message("que es el gobierno abierto", chat_type="group", chat_id=-100))
    assert not [c for c in quiet if c.method == "sendMessage"]
    calls = await bot.send(mention("que es el gobierno abierto", bot.api.username))
    (answer,) = [c for c in calls if c.method == "sendMessage"]
    assert "¿Qué es el gobierno abierto?" in answer.text
    calls = await bot.send(message("/start", chat_type="group", chat_id=-100))
    (hello,) = [c for c in calls if c.method == "sendMessage"]
    assert f"https://t.me/{bot.api.username}" in hello.text


async def test_every_callback_query_is_answered(bot):
    (answer,) = await bot.say("que es el gobierno abierto")
    for _, data in answer.buttons:
        calls = await bot.send(callback(data))
        assert [c.method for c in calls].count("answerCallbackQuery") == 1, data


async def test_the_command_menu_is_registered_in_both_languages(bot):
    menus = {c.params.get("language_code"): c for c in bot.api.sent("setMyCommands")}
    assert {"es", "en", None} <= set(menus)
    assert "temas" in str(menus["es"].params["commands"])
    assert "topics" in str(menus["en"].params["commands"])


def test_english_texts_name_the_english_command_where_there_is_one():
    def names(menu: str) -> set[str]:
        return {name for name, _ in COMMAND_MENU[menu] + STAFF_COMMAND_MENU[menu]}

    spanish_only = names("es") - names("en")  # "necesidades" (English: "needs"), not "plan"
    assert "necesidades" in spanish_only and "plan" not in spanish_only
    # A command, not a web address: "/necesidades GA-…" is one, "/necesidades/GA-…" is not.
    command = re.compile(rf"(?<![\w/.])/({'|'.join(spanish_only)})\b(?![/\w])")
    for catalogue in (CATALOGUE, PUBLIC_TEXTS, PANEL_TEXTS):
        for key, text in catalogue["en"].items():
            assert not command.search(text), (key, text)


async def test_needs_answers_under_its_english_name_too(bot):
    (intro,) = await bot.say("/needs", language_code="en", user_id=OTHER_CITIZEN_ID)
    assert "Published" in intro.text


async def test_privacy_says_what_is_kept_and_how_to_see_or_delete_it(bot):
    (privacy,) = await bot.say("/privacidad")
    assert "seudónimo" in privacy.text and "LOPDP" in privacy.text
    assert "/mis_datos" in privacy.text and "/borrar_mis_datos" in privacy.text


async def test_another_bots_command_in_a_group_gets_no_reply_from_us(bot):
    # A group with several bots: "/start@OtroBot" is for that bot, not a command we do not know.
    for text in ("/start@OtroBot", "/ayuda@OtroBot", "/foo@OtroBot"):
        calls = await bot.send(message(text, chat_type="group", chat_id=-100))
        assert not [c for c in calls if c.method == "sendMessage"], text
    calls = await bot.send(message(f"/foo@{bot.api.username}", chat_type="group", chat_id=-100))
    (unknown,) = [c for c in calls if c.method == "sendMessage"]
    assert "No conozco el comando /foo@" in unknown.text
