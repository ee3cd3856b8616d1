"""The public pages and the open data over HTTP, against rows with known counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import aiohttp
import jsonschema
import pytest
from sqlmodel import select

from bot.models import (
    Citizen,
    InformationRequest,
    Notification,
    ProposalPublication,
    StaffQuestion,
)
from bot.services.open_data import DATASETS
from bot.web import start_web
from tests.public import factories as make


@pytest.fixture
async def site(services):
    """The web server on a free port, and a client session."""
    runner, port = await start_web(services, "127.0.0.1", 0)
    async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as client:
        yield client
    await runner.cleanup()


async def get(client, path: str, status: int = 200) -> str:
    async with client.get(path) as response:
        assert response.status == status, path
        return await response.text()


async def csv_rows(client, path: str) -> list[dict[str, str]]:
    """A CSV download's rows, read as a program should: UTF-8, its BOM (for Excel) dropped."""
    async with client.get(path) as response:
        assert response.status == 200, path
        assert response.content_type == "text/csv"
        body = await response.read()
    assert body.startswith("\ufeff".encode()), "without a BOM, Excel reads participaciÃ³n"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


async def test_statistics_page_shows_key_figures_and_each_chart_with_its_table(services, site):
    await make.questions(services, 3, "answer", "lotaip-que-es")
    await make.questions(services, 1, "fallback")
    await make.proposal(services, responded_after_days=2, status="en_revision")
    html = await get(site, "/estadisticas")
    assert "Estadísticas públicas" in html
    assert "<dd>4</dd>" in html  # questions received
    assert "<dd>75 %</dd>" in html  # answered outright
    assert "<dd>2</dd>" in html  # median days to the first response
    assert html.count("<svg") == html.count("<table>") - 0 >= 7
    assert "Acceso a la información pública" in html  # the topic, by its name
    assert "Nadie sigue un compromiso todavía." in html
    english = await get(site, "/estadisticas?lang=en")
    assert "Public statistics" in english and "Answered outright" in english
    assert "<dd>75%</dd>" in english and " %" not in english, "English writes 75%"
    assert 'href="/estadisticas"' in english  # the way back to Spanish


async def test_information_requests_are_counted_per_institution_and_small_ones_pooled(
    services, site
):
    sent = dt.date(2026, 11, 3)
    outcomes = {
        "Servicio de Rentas Internas": ["on_time", "on_time", "late", "partial", None, "answered"],
        "Municipio de Loja": ["none", "on_time"],
        "Ministerio de Salud Pública": ["late"],
    }
    async with services.db.session() as session:
        for name, results in outcomes.items():
            for outcome in results:
                session.add(
                    InformationRequest(
                        institution_name=name, subject="contratos", submitted_on=sent,
                        outcome=outcome,
                    )
                )  # fmt: skip
        # A draft never sent is not counted.
        session.add(InformationRequest(institution_name="Municipio de Loja", subject="x"))
        await session.commit()
    html = await get(site, "/estadisticas")
    assert "Solicitudes de acceso a la información (LOTAIP) por institución" in html
    row = (
        '<th scope="row">Servicio de Rentas Internas</th><td class="num">6</td>'
        '<td class="num">2</td><td class="num">1</td><td class="num">1</td>'
        '<td class="num">1</td><td class="num">0</td><td class="num">1</td>'
    )
    assert row in html
    # Two institutions with 3 requests between them are one row, by no name.
    assert '<th scope="row">Otras instituciones</th><td class="num">3</td>' in html
    assert "Municipio de Loja" not in html and "Ministerio de Salud" not in html
    english = await get(site, "/estadisticas?lang=en")
    assert '<th scope="row">Other institutions</th>' in english


async def test_open_data_index_lists_every_dataset_with_its_dictionary_and_licence(site):
    html = await get(site, "/datos/")
    assert "CC BY 4.0" in html
    assert "UTF-8 con BOM" in html and "utf-8-sig" in html
    assert "UTF-8 with a BOM" in await get(site, "/datos/?lang=en")
    assert "Actualizado:" in html
    for dataset in DATASETS:
        assert f'href="/datos/{dataset.name}.csv"' in html
        assert f'href="/datos/{dataset.name}.json"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html
    async with site.get("/datos", allow_redirects=False) as response:
        assert response.status == 301


async def test_datasets_parse_back_as_csv_and_match_their_json_schema(services, site):
    await make.questions(services, 2, "answer", "lotaip-que-es", feedback=1)
    await make.questions(services, 1, "suggest", feedback=-1)
    for _ in range(6):
        await make.proposal(services, responded_after_days=1, status="en_revision")
    await make.proposal(services, province="Azuay", category="integridad")
    await make.commitment_update(services, "paga-1-c03", "limited", "Avance parcial")
    for dataset in DATASETS:
        rows = await csv_rows(site, f"/datos/{dataset.name}.csv")
        assert list(rows[0]) == dataset.column_names() if rows else True
        body = json.loads(await get(site, f"/datos/{dataset.name}.json"))
        schema = json.loads(await get(site, f"/datos/{dataset.name}.schema.json"))
        jsonschema.validate(body, schema)
        assert body["license"] == "CC BY 4.0"
        assert len(body["rows"]) == len(rows)
        assert [c["name"] for c in body["columns"]] == dataset.column_names()
    questions = await csv_rows(site, "/datos/preguntas.csv")
    by_topic = {r["topic"]: r for r in questions}
    assert by_topic["acceso-informacion"]["asked"] == "2"
    assert by_topic["acceso-informacion"]["thumbs_up"] == "2"
    assert by_topic["sin_tema"]["choices"] == "1"
    assert by_topic["sin_tema"]["thumbs_down"] == "1"
    commitments = json.loads(await get(site, "/datos/compromisos.json"))["rows"]
    c03 = next(r for r in commitments if r["commitment"] == "paga-1-c03")
    assert (c03["status"], c03["updates"]) == ("limited", 1)


async def test_small_cells_are_shown_as_less_than_five(services, site):
    for _ in range(5):
        await make.proposal(services)  # Pichincha · transparencia: 5
    for _ in range(2):
        await make.proposal(services, province="Azuay", category="integridad")
    month = await csv_rows(site, "/datos/propuestas_por_mes.csv")
    counts = {(r["province"], r["category"]): r["proposals"] for r in month}
    assert counts[("Pichincha", "transparencia")] == "5"
    assert counts[("Azuay", "integridad")] == "<5"
    rows = await csv_rows(site, "/datos/propuestas.csv")
    assert sorted(r["province"] for r in rows) == ["<5", "<5", *["Pichincha"] * 5]
    assert all(r["public_text"] == "" for r in rows)  # nothing was published


async def test_staff_publish_a_need_redacted_and_the_author_is_told(services, site):
    author = await make.citizen(services)
    proposal = await make.proposal(
        services,
        citizen_id=author,
        text="Quiero el presupuesto de mi barrio; escríbanme a ana@correo.ec o al 0991234567",
    )
    draft = await services.needs.draft(proposal.code)
    assert (
        draft.redacted
        == "Quiero el presupuesto de mi barrio; escríbanme a (correo) o al (teléfono)"
    )
    assert draft.removed["(correo)"] == 1
    # Staff edit the text; a number they leave in by mistake is still taken out.
    await services.needs.publish(
        proposal.code, "Presupuesto del barrio, cédula 1712345678", "equipo:x"
    )
    async with services.db.session() as session:
        publication = await session.get(ProposalPublication, proposal.id)
        notices = list(await session.exec(select(Notification)))
    assert publication.public_text == "Presupuesto del barrio, cédula (cédula)"
    assert "(correo)" in publication.redacted_text  # both versions kept
    assert [n.citizen_id for n in notices] == [author]
    assert proposal.code in notices[0].text
    listing = await get(site, "/necesidades")
    assert proposal.code in listing and "Presupuesto del barrio" in listing
    page = await get(site, f"/necesidades/{proposal.code}")
    assert "Presupuesto del barrio, cédula (cédula)" in page
    assert f"/necesidades {proposal.code}" in page  # how to support it on Telegram
    # The English pages name the English command, which the bot answers the same way.
    english = await get(site, f"/necesidades/{proposal.code}?lang=en")
    assert f"send on Telegram: /needs {proposal.code}" in english
    assert "send /needs to the assistant" in await get(site, "/necesidades?lang=en")
    unpublished = await make.proposal(services)
    await get(site, f"/necesidades/{unpublished.code}", 404)
    await get(site, "/necesidades/<script>", 404)
    assert unpublished.code not in await get(site, "/necesidades")


PLANTED = {
    "e-mail": "rosa.quishpe@correo.ec",
    "phone": "0987654321",
    "phone, spaced": "098 765 4321",
    "cédula": "1712345678",
    "name": "Rosa Quishpe",
}


async def test_no_personal_data_in_any_page_dataset_or_chart(services, site):
    from bot.render.charts import statistics_chart

    note = (
        f"Me llamo {PLANTED['name']}, cédula {PLANTED['cédula']}, escríbanme a "
        f"{PLANTED['e-mail']} o al {PLANTED['phone, spaced']}"
    )
    author = await make.citizen(services)
    for _ in range(5):
        await make.proposal(services, text=note, contact=PLANTED["e-mail"], citizen_id=author,
                            responded_after_days=1, status="en_revision")  # fmt: skip
    published = await make.proposal(services, text=note, contact=PLANTED["phone"])
    # Staff publish one as redacted, removing the name by hand (names have no rule).
    draft = await services.needs.draft(published.code)
    await services.needs.publish(
        published.code, draft.redacted.replace(PLANTED["name"], "una vecina"), "equipo:x"
    )
    await make.questions(services, 3, "fallback", text=note.lower(), citizen_id=author)
    async with services.db.session() as session:
        session.add(StaffQuestion(id=99_000_001, citizen_id=author, text=note, status="pending"))
        citizen = await session.get(Citizen, author)
        await session.commit()
    secrets = {**PLANTED, "pseudonym": citizen.pseudonym}
    paths = ["/estadisticas", "/estadisticas?lang=en", "/datos/", "/necesidades",
             f"/necesidades/{published.code}", "/necesidades?lang=en"]  # fmt: skip
    for dataset in DATASETS:
        paths += [f"/datos/{dataset.name}.csv", f"/datos/{dataset.name}.json"]
    for path in paths:
        body = (await get(site, path)).lower()
        for what, value in secrets.items():
            assert value.lower() not in body, f"{what} leaked in {path}"
    svg = statistics_chart(await services.statistics.snapshot(), "es", "svg").decode().lower()
    assert "<svg" in svg
    for what, value in secrets.items():
        assert value.lower() not in svg, f"{what} leaked in the chart"


async def test_each_chart_table_names_what_its_rows_are_and_the_spanish_says_mri(services, site):
    await make.questions(services, 1, "answer", "lotaip-que-es")
    await make.proposal(services, responded_after_days=2, status="en_revision")
    html = await get(site, "/estadisticas")
    headers = [h.split(">")[-1] for h in html.split('</th><th scope="col" class="num">')[:-1:2]]
    assert headers[:3] == ["Semana", "Cómo se respondió", "Tema"], headers
    assert {"Estado", "Categoría", "Provincia", "Estado de cumplimiento"} <= set(headers)
    assert "escala del MRI" in html and "IRM" not in html
    assert ") (" not in html, "no two parentheses in a row after the time"
    english = await get(site, "/estadisticas?lang=en")
    assert ">Week</th>" in english and ">Province</th>" in english and ") (" not in english


async def test_an_address_that_does_not_exist_gets_a_page_in_the_sites_language(site):
    # aiohttp's own answer was the bare English text "404: Not Found".
    for path in ("/estadisticas/semana", "/datos/inventado.csv", "/nada"):
        html = await get(site, path, 404)
        assert "<h1>No encontrado</h1>" in html and 'href="/estadisticas"' in html, path
    english = await get(site, "/datos/inventado.csv?lang=en", 404)
    assert "<h1>Not found</h1>" in english and 'lang="en"' in english


async def test_an_address_with_a_nul_byte_gets_the_not_found_page(site):
    # PostgreSQL refuses a NUL byte even in a lookup: this was a 500 on /necesidades/%00.
    for path in ("/necesidades/%00", "/necesidades/N-1%00", "/datos/abc%00.csv"):
        html = await get(site, path, 404)
        assert "<h1>No encontrado</h1>" in html, path
    # In the query string a NUL byte is ignored like any unknown filter value.
    for path in ("/necesidades?categoria=%00&provincia=a%00&page=%00", "/estadisticas?lang=%00"):
        await get(site, path, 200)
