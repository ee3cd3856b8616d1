"""Staff publish a proposal as a public need from the panel: redacted first, edited, kept twice."""

from __future__ import annotations

from sqlmodel import select

from bot.app import telegram_sender
from bot.models import AuditEvent, Proposal, ProposalPublication
from tests.factories import CITIZEN_ID
from tests.web.helpers import log_a_need
from tests.web.test_panel import client, csrf_of, sign_in

NEED = (
    "Necesito que el municipio publique los contratos de obras; soy Marta, escríbame a "
    "marta.vecina@correo.ec o al 0998877665"
)


async def test_staff_publish_a_redacted_edited_text_and_the_citizen_is_told(panel):
    code = await log_a_need(panel.bot, NEED)
    async with client() as session:
        await sign_in(panel, session)
        detail_url = f"{panel.url}/panel/proposals/{code}"
        async with session.get(detail_url) as response:
            page = await response.text()
        assert "Publicar como necesidad" in page
        assert "escríbame a (correo) o al (teléfono)</textarea>" in page
        assert "Se quitó automáticamente: (correo) × 1, (teléfono) × 1, (nombre) × 1" in page
        token = await csrf_of(session, detail_url)
        edited = "Que el municipio publique los contratos de obras; soy Marta, tel. 0998877665"
        async with session.post(
            f"{detail_url}/publish", data={"csrf": token, "public_text": edited}
        ) as response:
            page = await response.text()
        assert "Publicada. La persona recibirá un aviso." in page
        assert "Publicada el" in page and f"/necesidades/{code}" in page
        # A short text is refused, and a forged form changes nothing.
        async with session.post(
            f"{detail_url}/publish", data={"csrf": token, "public_text": "corto"}
        ) as response:
            assert "entre 10 y 2000 caracteres" in await response.text()
        async with session.post(
            f"{detail_url}/publish", data={"csrf": "forged", "public_text": "x" * 50}
        ) as response:
            assert response.status == 403
    async with panel.services.db.session() as db:
        proposal = (await db.exec(select(Proposal).where(Proposal.code == code))).one()
        publication = await db.get(ProposalPublication, proposal.id)
        audits = list(await db.exec(select(AuditEvent.action)))
    assert proposal.text == NEED  # the citizen's words, unchanged and private
    assert publication.public_text == (
        "Que el municipio publique los contratos de obras; soy (nombre), tel. (teléfono)"
    )
    assert "(correo)" in publication.redacted_text
    assert "proposal.publish" in audits
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    told = [c for c in panel.bot.api.delivered() if int(c.params["chat_id"]) == CITIZEN_ID]
    assert any("publicó su propuesta" in c.text and code in c.text for c in told)
    async with client() as anonymous, anonymous.get(f"{panel.url}/necesidades/{code}") as response:
        public = await response.text()
    assert "soy (nombre), tel. (teléfono)" in public and "Marta" not in public
    assert "marta.vecina" not in public


async def test_staff_take_a_need_off_the_public_list(panel):
    code = await log_a_need(panel.bot, "Pido que publiquen el presupuesto de la junta parroquial")
    await panel.services.needs.publish(code, "Presupuesto de la junta parroquial", "equipo:x")
    async with client() as session:
        await sign_in(panel, session)
        detail_url = f"{panel.url}/panel/proposals/{code}"
        token = await csrf_of(session, detail_url)
        async with session.post(f"{detail_url}/unpublish", data={"csrf": token}) as response:
            assert "Retirada de la lista pública." in await response.text()
        async with session.get(f"{panel.url}/necesidades/{code}") as response:
            assert response.status == 404
