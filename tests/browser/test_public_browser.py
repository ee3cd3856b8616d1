"""The public pages in a real browser: Playwright driving Debian's Chromium (no download).

Every request the page makes must go to our own server: nothing is loaded from the internet.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.public import factories as make
from tests.web.conftest import Panel
from tests.web.helpers import log_a_need

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest_asyncio.fixture
async def page(panel: Panel) -> AsyncIterator[object]:
    """A phone-width page; fails on a script dialog or a request to another server."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = await browser.new_context(viewport={"width": 420, "height": 900})
        opened = await context.new_page()
        dialogs: list[str] = []
        elsewhere: list[str] = []
        opened.on("dialog", lambda dialog: dialogs.append(dialog.message))
        opened.on(
            "request",
            lambda r: None if r.url.startswith(panel.url) else elsewhere.append(r.url),
        )
        try:
            yield opened
        finally:
            await context.close()
            await browser.close()
        assert not dialogs, f"a script ran in the page: {dialogs}"
        assert not elsewhere, f"the page loaded from elsewhere: {elsewhere}"


async def test_statistics_page_charts_tables_and_language_toggle(panel, page):
    await make.questions(panel.services, 3, "answer", "lotaip-que-es")
    await make.questions(panel.services, 1, "fallback")
    await make.proposal(panel.services, responded_after_days=2, status="en_revision")
    await page.goto(f"{panel.url}/estadisticas")
    await page.get_by_role("heading", name="Estadísticas públicas").wait_for()
    figures = page.locator("dl.figures")
    assert "Preguntas recibidas" in await figures.inner_text()
    assert "75 %" in await figures.inner_text()
    outcomes = page.get_by_role("region", name="Cómo se respondieron las preguntas")
    await outcomes.get_by_role("img").wait_for()  # the SVG chart, labelled
    row = outcomes.get_by_role("row", name="Respondidas directamente")
    assert "3" in await row.inner_text() and "75 %" in await row.inner_text()
    assert await page.get_by_role("img").count() >= 7
    await page.get_by_role("link", name="English").click()
    await page.get_by_role("heading", name="Public statistics").wait_for()
    assert await page.locator("html").get_attribute("lang") == "en"
    await page.get_by_role("link", name="Open data").click()
    await page.get_by_role("heading", name="Open data").wait_for()
    await page.get_by_role("link", name="Español").click()
    await page.get_by_role("heading", name="Datos abiertos").wait_for()


async def test_open_data_downloads_parse_back(panel, page):
    await make.questions(panel.services, 2, "answer", "lotaip-que-es", feedback=1)
    await page.goto(f"{panel.url}/datos/")
    await page.get_by_text("CC BY 4.0").first.wait_for()
    section = page.get_by_role("region", name="Preguntas por día y tema preguntas")
    await section.get_by_role("rowheader", name="thumbs_up").wait_for()  # the data dictionary
    async with page.expect_download() as waiting:
        await section.get_by_role("link", name="preguntas.csv").click()
    download = await waiting.value
    saved = Path(await download.path())
    text = await asyncio.to_thread(saved.read_text, encoding="utf-8")
    assert text.startswith("\ufeff"), "the BOM that makes Excel read UTF-8"
    (row,) = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert (row["topic"], row["asked"], row["thumbs_up"]) == ("acceso-informacion", "2", "2")


async def test_staff_publish_a_need_and_anyone_finds_it_by_category(panel, page):
    code = await log_a_need(
        panel.bot, "Quiero ver los contratos de obras del municipio; mi correo es luz@correo.ec"
    )
    link = await panel.link_from_telegram()
    await page.goto(link)
    await page.get_by_role("button", name="Entrar al panel").click()
    await page.get_by_role("heading", name="Inicio").wait_for()
    await page.goto(f"{panel.url}/panel/proposals/{code}")
    text = page.get_by_label("Texto público (se vuelve a limpiar al guardar)")
    assert "(correo)" in await text.input_value()
    await text.fill("Ver los contratos de obras del municipio")
    await page.get_by_role("button", name="Publicar", exact=True).click()
    await page.get_by_text("Publicada. La persona recibirá un aviso.").wait_for()
    await page.goto(f"{panel.url}/necesidades")
    await page.get_by_label("Categoría").select_option("transparencia")
    await page.get_by_role("button", name="Filtrar").click()
    await page.get_by_role("link", name=code).click()
    await page.get_by_role("heading", name=code).wait_for()
    await page.get_by_text("Ver los contratos de obras del municipio").wait_for()
    assert "luz@correo.ec" not in await page.content()
    await page.get_by_role("link", name="Volver a la lista").click()
    await page.get_by_label("Categoría").select_option("integridad")
    await page.get_by_role("button", name="Filtrar").click()
    await page.get_by_text("No hay necesidades publicadas con estos filtros.").wait_for()
