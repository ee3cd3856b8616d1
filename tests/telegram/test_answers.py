"""How an answer reaches the citizen: details on demand, related questions, plain words.

The questions here are written for these tests, not taken from any golden set.
"""

from __future__ import annotations

from tests.telegram.test_dialogs import button_data


async def test_an_answer_with_detail_offers_more_details_and_shows_them(bot):
    (answer,) = await bot.say("cuantos compromisos tuvo el primer plan de accion")
    assert "¿Cuántos y cuáles fueron los compromisos del primer plan de acción?" in answer.text
    (more,) = button_data(answer, "dt:")
    assert more == "dt:plan-primero-compromisos"
    calls = await bot.press(more)
    (detail,) = [c for c in calls if c.method == "sendMessage"]
    entry = bot.services.answers.kb.entry("plan-primero-compromisos")
    assert entry.detail is not None
    assert entry.detail.es.split(".")[0] in detail.text
    assert any(c.method == "answerCallbackQuery" for c in calls)


async def test_a_forged_detail_button_is_refused_clearly(bot):
    calls = await bot.press("dt:no-such-entry")
    (alert,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no está disponible" in alert.params["text"]
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_entries_on_the_same_subject_are_answered_with_the_others_beside(bot):
    (answer,) = await bot.say("que resultados dio el primer plan de gobierno abierto")
    assert "<b>¿Qué resultados tuvo el primer plan de acción según el MRI?</b>" in answer.text
    assert "También puede interesarle:" in answer.text
    assert button_data(answer, "a:"), "the neighbouring entries are buttons"
    assert not button_data(answer, "pk:"), "no ¿Quiso decir…? for one subject"


async def test_every_source_that_backs_an_answer_is_shown(bot):
    entry = bot.services.answers.kb.entry("plan-primero-compromisos")
    (answer,) = await bot.say("cuantos compromisos tuvo el primer plan de accion")
    shown = [str(url) for url in entry.sources[:4]]
    assert len(shown) > 2, "this entry has more than the two sources once shown"
    assert all(url in answer.text for url in shown)


async def test_a_long_message_with_a_story_gets_its_answer_outright(bot):
    (answer,) = await bot.say(
        "Buenas tardes, disculpe que le moleste. Mi hija tiene que hacer una exposición en el "
        "colegio mañana y yo tampoco entiendo bien. ¿Me podría explicar qué es la rendición de "
        "cuentas y para qué sirve?"
    )
    assert "<b>¿Qué es la rendición de cuentas?</b>" in answer.text


async def test_help_words_get_help_not_thanks(bot):
    for word in ("ayuda", "menú", "inicio"):
        (answer,) = await bot.say(word)
        assert "/temas" in answer.text and "Con gusto" not in answer.text, word
    (nothing,) = await bot.say("cancelar")
    assert "nada que cancelar" in nothing.text


async def test_a_commitment_of_an_unconfirmed_plan_says_what_is_known(bot):
    (answer,) = await bot.say("compromiso 1 del tercer plan")
    assert "No encuentro el compromiso número 1" in answer.text
    assert "noviembre de 2026" in answer.text, "says as of when"
    assert "opengovpartnership.org/members/ecuador" in answer.text, "says where to check"


async def test_a_question_inside_a_story_sentence_is_found(bot):
    (answer,) = await bot.say(
        "soy estudiante y mi profe me pidio investigar que es el grupo nucleo, me ayuda?"
    )
    assert "<b>¿Qué es el Grupo Núcleo" in answer.text


async def test_asking_about_the_contraloria_leads_to_what_the_sources_say_of_its_audits(bot):
    (answer,) = await bot.say("la contraloria publica sus informes de auditoria?")
    assert "<b>¿Qué es la Función de Transparencia y Control Social?</b>" in answer.text
    (more,) = button_data(answer, "dt:")
    calls = await bot.press(more)
    (detail,) = [c for c in calls if c.method == "sendMessage"]
    assert "no figura en el Grupo" in detail.text
    assert "resultados de sus auditorías" in detail.text


async def test_buttons_under_an_answer_reply_in_the_language_the_citizen_wrote(bot):
    # An English Telegram client, a question in Spanish: everything after it stays in Spanish.
    (answer,) = await bot.say(
        "cuantos compromisos tuvo el primer plan de accion", language_code="en"
    )
    assert "📖 Más detalles" in [text for text, _ in answer.buttons]
    (more,) = button_data(answer, "dt:")
    calls = await bot.press(more, language_code="en")
    (detail,) = [c for c in calls if c.method == "sendMessage"]
    entry = bot.services.answers.kb.entry("plan-primero-compromisos")
    assert entry.detail is not None and entry.detail.es.split(".")[0] in detail.text
    (thanks,) = [
        c
        for c in await bot.press(button_data(answer, "fb:")[0], language_code="en")
        if c.method == "answerCallbackQuery"
    ]
    assert "Gracias" in thanks.params["text"]
    (help_,) = await bot.say("/help", language_code="en")
    assert "/temas" in help_.text, "the next command follows the conversation too"
    # The reverse: Spanish chosen with /idioma, a question written in English.
    await bot.say("/idioma", language_code="en")
    await bot.press("lang:es", language_code="en")
    await bot.say("hello")  # a greeting in English is no reason to switch
    (help_,) = await bot.say("/help")
    assert "/temas" in help_.text
    (english,) = await bot.say("how many commitments did the first action plan have?")
    assert "📖 More details" in [text for text, _ in english.buttons]
    calls = await bot.press(button_data(english, "dt:")[0])
    (detail,) = [c for c in calls if c.method == "sendMessage"]
    assert entry.detail.en.split(".")[0] in detail.text
