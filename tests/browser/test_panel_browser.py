"""The staff panel in a real browser: Playwright driving Debian's Chromium, forms and all.

Chromium comes from Debian (`apt-get install -y chromium`; `.ci/run` installs it); Playwright
never downloads a browser. Set PANEL_SCREENSHOTS=docs to refresh the README's screenshots.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.app import telegram_sender
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID
from tests.web.conftest import STAFF_ID, Panel
from tests.web.helpers import log_a_need

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = os.environ.get("PANEL_SCREENSHOTS")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest_asyncio.fixture
async def browser() -> AsyncIterator[object]:
    """A fresh headless Chromium."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest_asyncio.fixture
async def page(browser):
    """A phone-width page that fails the test on any script dialog (no injected script runs)."""
    context = await browser.new_context(viewport={"width": 420, "height": 900})
    opened = await context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: dialogs.append(dialog.message))
    yield opened
    await context.close()
    assert not dialogs, f"a script ran in the page: {dialogs}"


async def sign_in(panel: Panel, page) -> None:
    link = await panel.link_from_telegram()
    await page.goto(link)
    await page.get_by_role("button", name="Entrar al panel").click()
    await page.get_by_role("heading", name="Inicio").wait_for()


async def send_to_team(panel: Panel, question: str, user_id: int = CITIZEN_ID) -> None:
    (fallback,) = await panel.bot.say(question, user_id=user_id)
    (send,) = [d for _, d in fallback.buttons if d.startswith("sq:")]
    await panel.bot.press(send, user_id=user_id)


async def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        folder = Path(SCREENSHOTS)  # an existing folder, e.g. docs/
        await page.set_viewport_size({"width": 1100, "height": 900})
        await page.screenshot(path=str(folder / name), full_page=True)
        await page.set_viewport_size({"width": 420, "height": 900})


async def test_a_question_sent_to_the_team_becomes_an_entry_the_bot_answers_at_once(panel, page):
    question = "cuando se reune el comite de etica"
    await send_to_team(panel, question)
    await send_to_team(panel, "cuando se reune el comite de etica?", user_id=OTHER_CITIZEN_ID)
    await sign_in(panel, page)
    await page.get_by_role("link", name="Preguntas", exact=True).click()
    group = page.locator("section.group").first
    await group.get_by_text("2 veces").wait_for()
    await group.get_by_role("link", name="Crear una entrada nueva").click()
    await page.get_by_label("Id (minúsculas, números y guiones)").fill("comite-etica-reuniones")
    await page.get_by_label("Tema", exact=True).select_option("asistente")
    assert await page.get_by_label("Pregunta (español)").input_value() in (
        question,
        "cuando se reune el comite de etica?",
    ), "the citizens' wording is prefilled"
    await page.get_by_label("Pregunta (español)").fill("¿Cuándo se reúne el comité de ética?")
    await page.get_by_label("Pregunta (inglés)").fill("When does the ethics committee meet?")
    await page.get_by_label("Respuesta (español, hasta 700 caracteres)").fill(
        "Respuesta de prueba escrita por el equipo en el panel."
    )
    await page.get_by_label("Respuesta (inglés, hasta 700 caracteres)").fill(
        "A test answer written by the team in the panel."
    )
    await page.get_by_label("Otras formas de preguntar, español (una por línea, al menos 4)").fill(
        "\n".join(
            [
                question,
                "cuando se reune el comite de etica?",
                "fechas de reunion del comite de etica",
                "el comite de etica cada cuanto se reune",
            ]
        )
    )
    await page.get_by_label("Otras formas de preguntar, inglés (una por línea, al menos 2)").fill(
        "when does the ethics committee meet\nethics committee meeting dates"
    )
    sources = page.get_by_label("Fuentes (una URL por línea, al menos una)")
    await sources.fill("no es una url")
    await page.get_by_role("button", name="Guardar").click()
    await page.get_by_text("No se guardó. Corrija esto:").wait_for()  # same checks as kb check
    await page.get_by_label("Fuentes (una URL por línea, al menos una)").fill(
        "https://www.opengovpartnership.org/"
    )
    await page.get_by_role("button", name="Guardar").click()
    await page.get_by_text("creada y ya en uso").wait_for()
    (answer,) = await panel.bot.say(question)
    assert "<b>¿Cuándo se reúne el comité de ética?</b>" in answer.text, "answered, no restart"
    assert "Respuesta de prueba escrita por el equipo" in answer.text
    await page.get_by_role("link", name="Preguntas", exact=True).click()
    await page.get_by_text("Nada por ahora.").wait_for()
    await page.get_by_role("link", name="Auditoría").click()
    await page.get_by_role("cell", name="Creó una entrada de la base").wait_for()
    await page.get_by_role("cell", name="Creó una entrada con preguntas").wait_for()


async def test_staff_filter_open_note_and_answer_a_proposal_and_the_citizen_hears_once(panel, page):
    code = await log_a_need(
        panel.bot, "Necesito que el municipio publique los contratos de obras públicas del barrio"
    )
    await log_a_need(
        panel.bot,
        "Quiero saber cuánto gastó la prefectura en publicidad durante el último año",
        user_id=OTHER_CITIZEN_ID,
    )
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))  # staff's alerts
    await sign_in(panel, page)
    await page.get_by_role("link", name="Propuestas abiertas").click()
    await page.get_by_label("Buscar en el texto o el código").fill("contratos de obras")
    await page.get_by_role("button", name="Aplicar").click()
    await page.get_by_text("1 propuesta", exact=True).wait_for()
    await page.get_by_role("link", name=code).click()
    await page.get_by_role("heading", name=f"Propuesta {code}").wait_for()
    await page.get_by_text("vecina@correo.ec").wait_for()
    await page.get_by_label("Nueva nota interna").fill("Consultar con compras públicas")
    await page.get_by_role("button", name="Guardar nota").click()
    await page.get_by_text("Nota guardada.").wait_for()
    await page.get_by_label("Nuevo estado (solo los cambios permitidos)").select_option(
        "respondida"
    )
    await page.get_by_label("Mensaje público (lo reciben la persona y quienes la apoyan)").fill(
        "Los contratos ya están en el portal de compras públicas."
    )
    await page.get_by_role("button", name="Cambiar el estado").click()
    await page.get_by_text("1 persona recibirá el aviso").wait_for()
    options = await page.get_by_label("Nuevo estado (solo los cambios permitidos)").inner_text()
    assert "Recibida" not in options and "Retirada" not in options, "only allowed moves"
    before = len(panel.bot.api.calls)
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    sent = [c for c in panel.bot.api.calls[before:] if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in sent] == [CITIZEN_ID], "exactly once"
    assert "Los contratos ya están en el portal de compras públicas." in sent[0].text
    assert "Consultar con compras" not in sent[0].text, "internal notes stay internal"
    await page.get_by_role("link", name="Auditoría").click()
    await page.get_by_role("cell", name="Cambió el estado de una propuesta").wait_for()
    await page.get_by_role("cell", name="Anotó una propuesta").wait_for()


async def test_a_proposal_with_script_shows_as_text(panel, page):
    code = await log_a_need(
        panel.bot, "<script>alert('x')</script> quiero los <b>contratos</b> de mi barrio"
    )
    await sign_in(panel, page)
    await page.goto(f"{panel.url}/panel/proposals")
    await page.get_by_text("<script>alert('x')</script>").first.wait_for()
    await page.goto(f"{panel.url}/panel/proposals/{code}")
    citizen_text = page.locator("blockquote.citizen")  # the publish form repeats it, as text
    await citizen_text.get_by_text(
        "<script>alert('x')</script> quiero los <b>contratos</b>"
    ).wait_for()
    assert await page.locator("main b").count() == 0


async def test_an_edited_entry_keeps_its_history_and_an_old_version_can_be_restored(panel, page):
    await sign_in(panel, page)
    await page.get_by_role("link", name="Base de conocimiento", exact=True).click()
    await page.get_by_label("Buscar por palabras o id").fill("que es la ogp")
    await page.get_by_role("button", name="Buscar").click()
    await page.get_by_role("link", name="¿Qué es la Alianza para el Gobierno Abierto").first.click()
    alternates = page.get_by_label("Otras formas de preguntar, español (una por línea, al menos 4)")
    await alternates.fill(await alternates.input_value() + "\nla ogp explicada a mi abuela")
    await page.get_by_label("Nota del cambio (opcional)").fill("wording from a citizen")
    await page.get_by_role("button", name="Guardar").click()
    await page.get_by_text("Guardado.").wait_for()
    assert panel.services.answers.answer("la ogp explicada a mi abuela").entry_id == "ogp-que-es"
    await page.get_by_text("versión 1").wait_for()
    await page.get_by_role("button", name="Restaurar esta versión").click()  # the YAML one
    await page.get_by_text("versión 2").wait_for()
    assert panel.services.answers.kb.entry("ogp-que-es") == panel.services.knowledge.baseline.entry(
        "ogp-que-es"
    )


async def test_an_expired_or_reused_link_shows_a_clear_page(panel, page):
    link = await panel.link_from_telegram()
    await page.goto(link)
    await page.get_by_role("button", name="Entrar al panel").click()
    await page.get_by_role("heading", name="Inicio").wait_for()
    await page.context.clear_cookies()
    await page.goto(link)
    await page.get_by_role("button", name="Entrar al panel").click()
    await page.get_by_text("Este enlace ya se usó").wait_for()
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11)
    token = await panel.services.panel_auth.issue(STAFF_ID, now=old)
    await page.goto(f"{panel.url}/panel/entrar/{token}")
    await page.get_by_role("button", name="Entrar al panel").click()
    await page.get_by_text("Este enlace ya venció").wait_for()


async def test_a_post_without_csrf_gets_403_and_changes_nothing(panel, page):
    await send_to_team(panel, "cuando se reune el comite de etica")
    (item,) = await panel.services.review.items()
    await sign_in(panel, page)
    response = await page.request.post(
        f"{panel.url}/panel/questions/dismissed", form={"log_id": str(item.log_id)}
    )
    assert response.status == 403
    assert "no se cambió nada" in await response.text()
    assert [i.log_id for i in await panel.services.review.items()] == [item.log_id]


async def test_a_bookmarked_sign_out_address_asks_first_and_signs_out_with_the_button(panel, page):
    await sign_in(panel, page)
    await page.goto(f"{panel.url}/panel/salir")
    await page.get_by_role("heading", name="Salir del panel").wait_for()
    await page.get_by_role("link", name="No, volver al panel").click()
    await page.get_by_role("heading", name="Inicio").wait_for()  # still signed in
    await page.goto(f"{panel.url}/panel/salir")
    await page.get_by_role("main").get_by_role("button", name="Salir").click()
    await page.get_by_text("Salió del panel.").wait_for()
    await page.goto(f"{panel.url}/panel/audit")
    await page.get_by_role("heading", name="Entrar al panel").wait_for()


async def test_a_session_of_someone_no_longer_staff_is_refused(panel, page):
    await sign_in(panel, page)
    panel.services.settings.staff_telegram_ids = [STAFF_ID + 1]
    await page.get_by_role("link", name="Preguntas", exact=True).click()
    await page.get_by_role("heading", name="No está autorizado").wait_for()


async def test_html_from_a_citizen_shows_as_text(panel, page):
    await send_to_team(
        panel, "<script>alert('hola')</script><b>quiero</b> saber del comite de etica"
    )
    await sign_in(panel, page)
    await page.goto(f"{panel.url}/panel/questions")
    await page.get_by_role("heading", name="<script>alert('hola')</script>").wait_for()
    assert await page.locator("main b").count() == 0


async def test_the_panel_works_with_the_keyboard_alone_and_in_english(panel, page):
    await send_to_team(panel, "cuando se reune el comite de etica")
    await sign_in(panel, page)
    await page.get_by_role("link", name="English").click()
    await page.get_by_role("heading", name="Home").wait_for()
    await page.get_by_role("link", name="Questions", exact=True).focus()
    await page.keyboard.press("Enter")
    await page.get_by_label("Answer (each person receives it on Telegram)").focus()
    await page.keyboard.type("The team will look into it.")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.get_by_text("Answer sent to 1 person.").wait_for()


async def test_no_page_scrolls_sideways_on_a_small_phone(panel, page):
    await log_a_need(
        panel.bot, "Necesito que el municipio publique los contratos de obras públicas del barrio"
    )
    await sign_in(panel, page)
    await page.set_viewport_size({"width": 360, "height": 740})
    pages = ["/panel/", "/panel/proposals", "/panel/questions", "/panel/knowledge",
             "/panel/knowledge/new", "/panel/commitments", "/panel/audit", "/estadisticas",
             "/datos/", "/necesidades", "/necesidades?lang=en"]  # fmt: skip
    for path in pages:
        await page.goto(panel.url + path)
        sideways = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 1, f"{path} scrolls {sideways} px sideways at 360 px"  # 1: rounding


async def test_the_queue_keeps_the_citizens_words_whole_on_a_phone(panel, page):
    await log_a_need(
        panel.bot, "Necesito que el municipio publique los contratos de obras públicas del barrio"
    )
    await sign_in(panel, page)
    await page.set_viewport_size({"width": 360, "height": 740})
    await page.goto(panel.url + "/panel/proposals")
    width = await page.evaluate("document.querySelector('td.text').getBoundingClientRect().width")
    assert width >= 150, f"the text column is {width} px: words break letter by letter"


async def test_menu_links_are_big_enough_to_tap_on_a_phone(panel, page):
    await sign_in(panel, page)
    for path in ("/panel/", "/estadisticas"):
        await page.goto(panel.url + path)
        heights = await page.evaluate(
            "[...document.querySelectorAll('nav a')].map(a => a.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 24, f"{path}: {heights} (WCAG 2.2 target size, 24 px)"


@pytest.mark.skipif(not SCREENSHOTS, reason="set PANEL_SCREENSHOTS=docs to refresh the screenshots")
async def test_screenshots_for_the_readme(panel, page):
    for user_id, question in [
        (CITIZEN_ID, "cuando se reune el comite de etica"),
        (OTHER_CITIZEN_ID, "cuando se reune el comite de etica?"),
        (CITIZEN_ID + 10, "quien organiza las fiestas del barrio"),
        (CITIZEN_ID + 11, "me dejaron en visto en la junta de mi pueblito"),
    ]:
        await send_to_team(panel, question, user_id=user_id)
    (answer,) = await panel.bot.say("que es el gobierno abierto", user_id=CITIZEN_ID + 12)
    (unhelpful,) = [d for _, d in answer.buttons if d.startswith("fb:") and d.endswith(":0")]
    await panel.bot.press(unhelpful, user_id=CITIZEN_ID + 12)
    (suggest,) = await panel.bot.say("participacion", user_id=CITIZEN_ID + 13)
    pick = next(d for _, d in suggest.buttons if d.startswith("pk:"))
    await panel.bot.press(pick, user_id=CITIZEN_ID + 13)
    await panel.bot.say("quiero saber del clima en cuenca", user_id=CITIZEN_ID + 14)
    for number, need in enumerate(
        [
            "Necesito que el municipio publique los contratos de obras públicas del barrio",
            "Quiero saber cuánto gastó la prefectura en publicidad durante el último año",
            "Pido que las actas del concejo cantonal se publiquen en formato abierto",
        ]
    ):
        await log_a_need(panel.bot, need, user_id=CITIZEN_ID + 20 + number)
    await sign_in(panel, page)
    await page.reload()
    await shoot(page, "panel-dashboard.png")
    await page.get_by_role("link", name="Propuestas", exact=True).click()
    await shoot(page, "panel-queue.png")
    await page.locator("td a").first.click()
    await shoot(page, "panel-proposal.png")
    await page.get_by_role("link", name="Preguntas", exact=True).click()
    await shoot(page, "panel-questions.png")
